<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name />
    <message>
        <location filename="../../rsfm_desktop/ui/models/tag_tree_model.py" line="143" />
        <source>%1 papers, %2 datasets</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/models/tag_tree_model.py" line="153" />
        <source>Also: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/models/tag_tree_model.py" line="163" />
        <source>Tag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/models/tag_tree_model.py" line="163" />
        <source>Entries</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="101" />
        <source>That tag or facet no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="102" />
        <source>Give it an English or a Chinese name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="103" />
        <source>Another tag in this facet already has that name or synonym.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="104" />
        <source>A tag cannot go under itself or one of its own sub-tags.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="105" />
        <source>Tags can only be moved or merged within their facet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="106" />
        <source>A tag cannot be merged into itself.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="107" />
        <source>That facet name cannot be used.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="108" />
        <source>That is not a colour.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="109" />
        <source>That synonym already belongs to another tag.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="110" />
        <source>There is already a saved view with that name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="120" />
        <source>Tags</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="34" />
        <source>&amp;New Paper…</source>
        <translation>新建论文(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="34" />
        <source>Add a paper by hand</source>
        <translation>手动添加论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="36" />
        <source>New &amp;Dataset…</source>
        <translation>新建数据集(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="36" />
        <source>Add a dataset by hand</source>
        <translation>手动添加数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="38" />
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="38" />
        <source>Edit the selected entry</source>
        <translation>编辑所选条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="40" />
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="40" />
        <source>Delete the selected entries</source>
        <translation>删除所选条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="42" />
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="42" />
        <source>Search the catalog</source>
        <translation>搜索目录</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="43" />
        <source>&amp;Trash…</source>
        <translation>回收站(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="43" />
        <source>Show deleted entries; restore them</source>
        <translation>查看已删除的条目并恢复</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="45" />
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="46" />
        <source>Language, theme, text size, catalog folder</source>
        <translation>语言、主题、字号、目录文件夹</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="48" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="48" />
        <source>Quit RSFM Desktop</source>
        <translation>退出 RSFM Desktop</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="49" />
        <source>&amp;About RSFM Desktop</source>
        <translation>关于 RSFM Desktop(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="49" />
        <source>Version and licences</source>
        <translation>版本与许可证</translation>
    </message>
</context>
<context>
    <name>BackupList</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="47" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="47" />
        <source>Papers</source>
        <translation>论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="47" />
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="47" />
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="47" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="54" />
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="59" />
        <source>damaged: %1</source>
        <translation>已损坏：%1</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="80" />
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="86" />
        <source>Backups are made automatically while you work (at most once an hour) and before every catalog upgrade. Restoring one keeps the current catalog beside it as catalog.sqlite3.replaced-&lt;date&gt;.</source>
        <translation>工作时会自动备份（每小时最多一次），每次升级目录前也会备份。恢复备份时，当前目录会保留在旁边，名为 catalog.sqlite3.replaced-&lt;日期&gt;。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="93" />
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="95" />
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="135" />
        <source>Replace the catalog with the backup from %1?

The current catalog is kept in the catalog folder as catalog.sqlite3.replaced-&lt;date&gt;.</source>
        <translation>用 %1 的备份替换当前目录？

当前目录会保留在目录文件夹中，名为 catalog.sqlite3.replaced-&lt;日期&gt;。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="148" />
        <source>The backup from %1 was restored. The window now reloads the catalog.</source>
        <translation>已恢复 %1 的备份。窗口将重新载入目录。</translation>
    </message>
</context>
<context>
    <name>CatalogLock</name>
    <message>
        <location filename="../../rsfm_desktop/ui/single_instance.py" line="102" />
        <source>Cannot create the lock file %1: is the catalog folder writable?</source>
        <translation>无法创建锁文件 %1：目录文件夹是否可写？</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/single_instance.py" line="107" />
        <source> (process %1 on %2)</source>
        <translation>（%2 上的进程 %1）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/single_instance.py" line="109" />
        <source>RSFM Desktop is already open on the catalog in %1%2. Only one window may write to a catalog at a time: switch to it, or close it first.

If no RSFM Desktop is running (for instance the folder is shared with another computer that crashed), delete %3.</source>
        <translation>RSFM Desktop 已经打开了 %1 中的目录%2。同一时间只能有一个窗口写入目录：请切换到该窗口，或先将其关闭。

如果并没有 RSFM Desktop 在运行（例如该文件夹与另一台已崩溃的电脑共享），请删除 %3。</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="107" />
        <source>Select a paper or dataset to see its details.</source>
        <translation>选择一篇论文或一个数据集以查看详情。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="112" />
        <source>Chinese / 中文</source>
        <translation>中文 / Chinese</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="112" />
        <source>No Chinese summary</source>
        <translation>缺少中文摘要</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="115" />
        <source>English</source>
        <translation>英文 / English</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="115" />
        <source>No English summary</source>
        <translation>缺少英文摘要</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="144" />
        <source>Link…</source>
        <translation>关联…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="148" />
        <source>Linked entries</source>
        <translation>关联条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="153" />
        <source>Provenance</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="165" />
        <source>My notes (Markdown)</source>
        <translation>我的笔记（Markdown）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="201" />
        <source>Paper</source>
        <translation>论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="201" />
        <source>Open the paper page</source>
        <translation>打开论文页面</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="202" />
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="202" />
        <source>Open the PDF (attached file first)</source>
        <translation>打开 PDF（优先使用本地附件）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="203" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="203" />
        <source>Open the code repository</source>
        <translation>打开代码仓库</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="204" />
        <source>Project</source>
        <translation>项目主页</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="204" />
        <source>Open the project page</source>
        <translation>打开项目主页</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="205" />
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="205" />
        <source>Open the download page</source>
        <translation>打开下载页面</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="206" />
        <source>Attach PDF…</source>
        <translation>附加 PDF…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="206" />
        <source>Link a local PDF file (or drop one here)</source>
        <translation>关联本地 PDF 文件（也可拖放到这里）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="304" />
        <source>introduces</source>
        <translation>提出</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="304" />
        <source>introduced by</source>
        <translation>提出者</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="305" />
        <source>uses</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="305" />
        <source>used by</source>
        <translation>被使用于</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="310" />
        <source>Remove this link</source>
        <translation>移除此关联</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="316" />
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="323" />
        <source>Added by hand</source>
        <translation>手动添加</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="333" />
        <source>Remove link</source>
        <translation>移除关联</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="342" />
        <source>Add link</source>
        <translation>添加关联</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="359" />
        <source>No PDF</source>
        <translation>没有 PDF</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="386" />
        <source>Attach a PDF</source>
        <translation>附加 PDF</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="386" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="398" />
        <source>Only PDF files can be attached.</source>
        <translation>只能附加 PDF 文件。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="400" />
        <source>The file does not exist.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="402" />
        <source>PDF not attached</source>
        <translation>未附加 PDF</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="57" />
        <source>New paper</source>
        <translation>新建论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="58" />
        <source>Edit paper</source>
        <translation>编辑论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="59" />
        <source>New dataset</source>
        <translation>新建数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="60" />
        <source>Edit dataset</source>
        <translation>编辑数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="103" />
        <source>One per line</source>
        <translation>每行一个</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="151" />
        <source>This field is required.</source>
        <translation>此项为必填。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="152" />
        <source>Enter a year between %1 and %2.</source>
        <translation>请输入 %1 到 %2 之间的年份。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="155" />
        <source>Enter a web address starting with http:// or https://.</source>
        <translation>请输入以 http:// 或 https:// 开头的网址。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="156" />
        <source>Choose one of the listed values.</source>
        <translation>请从列出的值中选择一个。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="157" />
        <source>Invalid value.</source>
        <translation>无效的值。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="171" />
        <source>Discard the changes you typed?</source>
        <translation>放弃你输入的修改？</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="39" />
        <location filename="../../rsfm_desktop/core/fields.py" line="45" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="40" />
        <location filename="../../rsfm_desktop/core/fields.py" line="46" />
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="41" />
        <location filename="../../rsfm_desktop/core/columns.py" line="64" />
        <location filename="../../rsfm_desktop/core/fields.py" line="48" />
        <location filename="../../rsfm_desktop/core/fields.py" line="71" />
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="42" />
        <location filename="../../rsfm_desktop/core/fields.py" line="49" />
        <source>Venue</source>
        <translation>发表于</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="43" />
        <location filename="../../rsfm_desktop/core/fields.py" line="50" />
        <source>Family</source>
        <translation>模型类别</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="44" />
        <location filename="../../rsfm_desktop/core/fields.py" line="60" />
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="45" />
        <location filename="../../rsfm_desktop/core/fields.py" line="55" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="48" />
        <location filename="../../rsfm_desktop/core/fields.py" line="47" />
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="53" />
        <location filename="../../rsfm_desktop/core/fields.py" line="57" />
        <source>Visual encoder</source>
        <translation>视觉编码器</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="54" />
        <location filename="../../rsfm_desktop/core/fields.py" line="58" />
        <source>Text encoder</source>
        <translation>文本编码器</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="55" />
        <location filename="../../rsfm_desktop/core/fields.py" line="62" />
        <source>Survey section</source>
        <translation>综述章节</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="56" />
        <location filename="../../rsfm_desktop/core/fields.py" line="51" />
        <source>arXiv ID</source>
        <translation>arXiv 编号</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="57" />
        <location filename="../../rsfm_desktop/core/fields.py" line="52" />
        <source>DOI</source>
        <translation>DOI</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="58" />
        <location filename="../../rsfm_desktop/core/columns.py" line="68" />
        <source>Modified</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="62" />
        <location filename="../../rsfm_desktop/core/fields.py" line="69" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="63" />
        <location filename="../../rsfm_desktop/core/fields.py" line="70" />
        <source>Data type</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="65" />
        <location filename="../../rsfm_desktop/core/fields.py" line="72" />
        <source>Scale</source>
        <translation>规模</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="66" />
        <location filename="../../rsfm_desktop/core/fields.py" line="73" />
        <source>Chinese description</source>
        <translation>中文描述</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="67" />
        <location filename="../../rsfm_desktop/core/fields.py" line="74" />
        <source>English description</source>
        <translation>英文描述</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="53" />
        <source>Paper URL</source>
        <translation>论文链接</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="54" />
        <source>PDF URL</source>
        <translation>PDF 链接</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="56" />
        <source>Project page</source>
        <translation>项目主页</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="59" />
        <source>Model details</source>
        <translation>模型细节</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="61" />
        <source>Survey inclusion</source>
        <translation>综述收录</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="63" />
        <source>Chinese summary</source>
        <translation>中文摘要</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="64" />
        <source>English summary</source>
        <translation>英文摘要</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="65" />
        <source>Remark</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="75" />
        <source>Download</source>
        <translation>下载</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/link_dialog.py" line="33" />
        <source>Link a dataset</source>
        <translation>关联数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/link_dialog.py" line="33" />
        <source>Link a paper</source>
        <translation>关联论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/link_dialog.py" line="37" />
        <source>Type to search by name or title</source>
        <translation>输入名称或标题进行搜索</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/link_dialog.py" line="42" />
        <source>introduces</source>
        <translation>提出</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/link_dialog.py" line="42" />
        <source>uses</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/link_dialog.py" line="52" />
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/link_dialog.py" line="54" />
        <source>Relation:</source>
        <translation>关系：</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <location filename="../../rsfm_desktop/ui/links.py" line="14" />
        <source>Only web (http, https) links and local files can be opened.</source>
        <translation>只能打开网页链接（http、https）和本地文件。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/links.py" line="15" />
        <source>The file does not exist.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/links.py" line="16" />
        <source>Only documents (such as PDF files) can be opened, not programs.</source>
        <translation>只能打开文档（例如 PDF 文件），不能打开程序。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/links.py" line="17" />
        <source>This link cannot be opened.</source>
        <translation>无法打开此链接。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/links.py" line="27" />
        <source>Link not opened</source>
        <translation>未打开链接</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="50" />
        <source>RSFM Desktop</source>
        <translation>RSFM Desktop</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="62" />
        <source>Search titles, summaries (中文 / English), authors, remarks and notes</source>
        <translation>搜索标题、摘要（中文 / 英文）、作者、备注和笔记</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="75" />
        <source>Papers</source>
        <translation>论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="76" />
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="106" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="114" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="115" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="119" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="131" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="132" />
        <source>&amp;Columns</source>
        <translation>列(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="135" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="138" />
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="168" />
        <source>Note not saved yet: %1</source>
        <translation>笔记尚未保存：%1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="238" />
        <source>%1 of %2 papers</source>
        <translation>%1 / %2 篇论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="238" />
        <source>%1 of %2 datasets</source>
        <translation>%1 / %2 个数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="242" />
        <source>%1 papers</source>
        <translation>%1 篇论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="242" />
        <source>%1 datasets</source>
        <translation>%1 个数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="281" />
        <source>Add %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="287" />
        <source>Added.</source>
        <translation>已添加。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="296" />
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="301" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="311" />
        <source>… and %1 more</source>
        <translation>……以及另外 %1 条</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="313" />
        <source>Move this entry to the trash?</source>
        <translation>将此条目移到回收站？</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="315" />
        <source>Move these %1 entries to the trash?</source>
        <translation>将这 %1 个条目移到回收站？</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="319" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="320" />
        <source>Their notes, links and attachments are kept with them.</source>
        <translation>它们的笔记、关联和附件会一并保留。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="328" />
        <source>Delete %1 entries</source>
        <translation>删除 %1 个条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="335" />
        <source>Deleted %1 entries.</source>
        <translation>已删除 %1 个条目。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="374" />
        <source>Note saved.</source>
        <translation>笔记已保存。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="381" />
        <source>About RSFM Desktop</source>
        <translation>关于 RSFM Desktop</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="382" />
        <source>RSFM Desktop %1

A catalog of remote-sensing foundation-model papers and datasets.</source>
        <translation>RSFM Desktop %1

遥感基础模型论文与数据集目录。</translation>
    </message>
</context>
<context>
    <name>NotesEditor</name>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="56" />
        <source>Write your notes here (Markdown). Saved automatically.</source>
        <translation>在这里写笔记（Markdown），会自动保存。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="112" />
        <source>Not saved yet, will retry: %1</source>
        <translation>尚未保存，将重试：%1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="119" />
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="35" />
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="41" />
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="45" />
        <source>A new language is used from the next start.</source>
        <translation>新的语言将在下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="51" />
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="51" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="51" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="60" />
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="61" />
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="68" />
        <source>Open another…</source>
        <translation>打开其他目录…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="70" />
        <source>Switch to the catalog in another folder (created if empty)</source>
        <translation>切换到另一个文件夹中的目录（若为空则新建）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="71" />
        <source>Move to…</source>
        <translation>移动到…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="73" />
        <source>Copy this catalog to another folder and use it from there; the old copy is left in place</source>
        <translation>将此目录复制到另一个文件夹并改用该副本；原副本保留不动</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="83" />
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="85" />
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="86" />
        <source>Detail text size:</source>
        <translation>详情字号：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="87" />
        <source>Catalog folder:</source>
        <translation>目录文件夹：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="108" />
        <source>Move the catalog to</source>
        <translation>将目录移动到</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="108" />
        <source>Open the catalog in</source>
        <translation>打开目录：</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/recovery_dialog.py" line="27" />
        <source>The catalog is damaged</source>
        <translation>目录已损坏</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/recovery_dialog.py" line="32" />
        <source>The catalog %1 cannot be read safely (%2).

Restore a backup, or start a new catalog. Either way the damaged file is kept in the catalog folder as catalog.sqlite3.damaged-&lt;date&gt;, never deleted.</source>
        <translation>无法安全读取目录 %1（%2）。

请恢复一个备份，或新建目录。无论哪种方式，损坏的文件都会保留在目录文件夹中，名为 catalog.sqlite3.damaged-&lt;日期&gt;，绝不会被删除。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/recovery_dialog.py" line="41" />
        <source>No good backup was found.</source>
        <translation>没有找到可用的备份。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/recovery_dialog.py" line="45" />
        <source>&amp;Restore selected backup</source>
        <translation>恢复所选备份(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/recovery_dialog.py" line="48" />
        <source>Start a &amp;new catalog</source>
        <translation>新建目录(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/recovery_dialog.py" line="52" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <location filename="../../rsfm_desktop/ui/tasks.py" line="81" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="33" />
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="38" />
        <source>Papers</source>
        <translation>论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="39" />
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="49" />
        <source>Deleted entries keep their notes, links and tags until they are deleted for good, by hand or after %1 days.</source>
        <translation>已删除的条目会保留笔记、关联和标签，直到被手动永久删除，或在 %1 天后自动永久删除。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="54" />
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="56" />
        <source>Delete for &amp;good…</source>
        <translation>永久删除(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="58" />
        <source>&amp;Empty trash…</source>
        <translation>清空回收站(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="104" />
        <source>Delete for good</source>
        <translation>永久删除</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="104" />
        <source>This cannot be undone.</source>
        <translation>此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="116" />
        <source>Delete these %1 entries and their notes for good?</source>
        <translation>永久删除这 %1 个条目及其笔记？</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="125" />
        <source>Delete all %1 entries in the trash for good?</source>
        <translation>永久删除回收站中的全部 %1 个条目？</translation>
    </message>
</context>
</TS>