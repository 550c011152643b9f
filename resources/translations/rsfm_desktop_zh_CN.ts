<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="57"/>
        <source>&amp;New Paper…</source>
        <translation>新建论文(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="57"/>
        <source>Add a paper by hand</source>
        <translation>手动添加论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="59"/>
        <source>New &amp;Dataset…</source>
        <translation>新建数据集(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="59"/>
        <source>Add a dataset by hand</source>
        <translation>手动添加数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="61"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="61"/>
        <source>Edit the selected entry</source>
        <translation>编辑所选条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="63"/>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="63"/>
        <source>Delete the selected entries</source>
        <translation>删除所选条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="65"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="65"/>
        <source>Search the catalog</source>
        <translation>搜索目录</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="66"/>
        <source>&amp;Trash…</source>
        <translation>回收站(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="66"/>
        <source>Show deleted entries; restore them</source>
        <translation>查看已删除的条目并恢复</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="68"/>
        <source>Restore from &amp;Backup…</source>
        <translation>从备份恢复(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="69"/>
        <source>Back up now, or go back to an automatic backup</source>
        <translation>立即备份，或回到某个自动备份</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="72"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="73"/>
        <source>Language, theme, text size, catalog folder</source>
        <translation>语言、主题、字号、目录文件夹</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="75"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="75"/>
        <source>Quit RSFM Desktop</source>
        <translation>退出 RSFM Desktop</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="77"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="78"/>
        <source>Every shortcut of the window</source>
        <translation>窗口中的全部快捷键</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="80"/>
        <source>&amp;About RSFM Desktop</source>
        <translation>关于 RSFM Desktop(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="80"/>
        <source>Version and licences</source>
        <translation>版本与许可证</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="82"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="83"/>
        <source>Import BibTeX, RIS, CSL-JSON, CSV, Markdown or a backup, with a preview</source>
        <translation>导入 BibTeX、RIS、CSL-JSON、CSV、Markdown 或备份，先预览</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="86"/>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="87"/>
        <source>Export the selection, the current view or everything</source>
        <translation>导出所选条目、当前视图或全部</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="90"/>
        <source>Export View as &amp;Table…</source>
        <translation>将视图导出为表格(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="91"/>
        <source>The visible columns of the current view as Markdown, LaTeX or CSV</source>
        <translation>以 Markdown、LaTeX 或 CSV 导出当前视图的可见列</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="94"/>
        <source>&amp;Attach Files…</source>
        <translation>附加文件(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="95"/>
        <source>Link files to the selected entry, or store copies in the catalog</source>
        <translation>将文件链接到所选条目，或在目录中保存副本</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="98"/>
        <source>Find D&amp;uplicates…</source>
        <translation>查找重复(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="99"/>
        <source>Find entries that are the same paper or dataset and merge them</source>
        <translation>查找同一论文或数据集的重复条目并合并</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="102"/>
        <source>S&amp;ync Now</source>
        <translation>立即同步(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="103"/>
        <source>Send your changes to the lab server and fetch the lab&apos;s</source>
        <translation>把你的修改发送到实验室服务器，并取回实验室的修改</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="106"/>
        <source>Sync &amp;Conflicts…</source>
        <translation>同步冲突(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="107"/>
        <source>Fields changed differently here and on the lab server: choose what to keep</source>
        <translation>本机与实验室服务器上改法不同的字段：选择保留哪一个</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="110"/>
        <source>S&amp;tatistics</source>
        <translation>统计(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="111"/>
        <source>Charts of the current view that filter the tables, and what is left to curate</source>
        <translation>当前视图的统计图（点击即可筛选表格）以及尚待整理的条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="114"/>
        <source>Open &amp;Paper Page</source>
        <translation>打开论文页面(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="115"/>
        <source>Open the paper&apos;s page (its link, else arXiv or the DOI)</source>
        <translation>打开论文页面（论文链接，否则 arXiv 或 DOI）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="118"/>
        <source>Open P&amp;DF</source>
        <translation>打开 PDF(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="119"/>
        <source>Open the attached PDF, else the PDF on the web</source>
        <translation>打开附加的 PDF，否则打开网上的 PDF</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="122"/>
        <source>Open &amp;Code</source>
        <translation>打开代码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="123"/>
        <source>Open the code repository</source>
        <translation>打开代码仓库</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="126"/>
        <source>Copy &amp;Citation</source>
        <translation>复制引文(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="127"/>
        <source>Copy a reference to the selected entries in the chosen style</source>
        <translation>按所选格式复制所选条目的参考文献</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="130"/>
        <source>Copy &amp;BibTeX</source>
        <translation>复制 BibTeX(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="131"/>
        <source>Copy the selected entries as BibTeX</source>
        <translation>把所选条目复制为 BibTeX</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="133"/>
        <source>Copy DOI</source>
        <translation>复制 DOI</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="134"/>
        <source>Copy the DOIs of the selected entries</source>
        <translation>复制所选条目的 DOI</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="135"/>
        <source>Copy arXiv ID</source>
        <translation>复制 arXiv 编号</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="136"/>
        <source>Copy the arXiv ids of the selected entries</source>
        <translation>复制所选条目的 arXiv 编号</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="138"/>
        <source>Copy &amp;Link</source>
        <translation>复制链接(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="139"/>
        <source>Copy the web links of the selected entries</source>
        <translation>复制所选条目的网页链接</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="142"/>
        <source>E&amp;xport Selected…</source>
        <translation>导出所选(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="143"/>
        <source>Export the selected entries to a file</source>
        <translation>把所选条目导出到文件</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="146"/>
        <source>Edit a &amp;Field of the Selection…</source>
        <translation>批量编辑字段(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="147"/>
        <source>Set one field to the same value on every selected entry</source>
        <translation>把所选每个条目的同一字段设为同一个值</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="150"/>
        <source>S&amp;wap Summaries</source>
        <translation>互换中英文摘要(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="151"/>
        <source>Exchange the Chinese and English summaries (filed under the wrong language)</source>
        <translation>互换中文与英文摘要（摘要填错了语言时）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="154"/>
        <source>Paste as &amp;Entries</source>
        <translation>粘贴为条目(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/actions.py" line="155"/>
        <source>Import BibTeX, RIS or a list of arXiv ids, DOIs or links from the clipboard, with a preview</source>
        <translation>从剪贴板导入 BibTeX、RIS 或 arXiv 编号、DOI、链接列表（先预览）</translation>
    </message>
</context>
<context>
    <name>Attachments</name>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="56"/>
        <source>missing: Locate…</source>
        <translation>文件丢失：定位…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="58"/>
        <source>not on this computer</source>
        <translation>不在这台电脑上</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="62"/>
        <source>not indexed yet</source>
        <translation>尚未建立全文索引</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="64"/>
        <source>stored, searchable</source>
        <translation>已存入目录，可全文检索</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="65"/>
        <source>stored</source>
        <translation>已存入目录</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="66"/>
        <source>linked, searchable</source>
        <translation>已链接，可全文检索</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="67"/>
        <source>linked</source>
        <translation>已链接</translation>
    </message>
</context>
<context>
    <name>AttachmentsList</name>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="96"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="96"/>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="96"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="96"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="112"/>
        <source>Attach…</source>
        <translation>附加…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="112"/>
        <source>Link files to this entry, or store copies in the catalog (or drop files here)</source>
        <translation>将文件链接到此条目，或在目录中保存副本（也可把文件拖到这里）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="114"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="114"/>
        <source>Open in the reader (PDF) or the system viewer</source>
        <translation>在阅读器（PDF）或系统查看器中打开</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="116"/>
        <source>System viewer</source>
        <translation>系统查看器</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="116"/>
        <source>Open in the system viewer</source>
        <translation>用系统查看器打开</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="118"/>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="118"/>
        <source>Open the folder holding the file</source>
        <translation>打开文件所在的文件夹</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="120"/>
        <source>Locate…</source>
        <translation>定位…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="120"/>
        <source>Point a missing attachment at its file</source>
        <translation>为丢失的附件重新指定文件</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="122"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="123"/>
        <source>Remove from this entry (a linked file is never deleted)</source>
        <translation>从此条目移除（链接的文件永远不会被删除）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="138"/>
        <source>Link files…</source>
        <translation>链接文件…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="139"/>
        <source>Store copies in the catalog…</source>
        <translation>在目录中保存副本…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="183"/>
        <source>not on this computer</source>
        <translation>不在这台电脑上</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="184"/>
        <source>stored in the catalog</source>
        <translation>保存在目录中</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="184"/>
        <source>linked</source>
        <translation>链接</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="216"/>
        <source>p. %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="220"/>
        <source>Found in the full text:</source>
        <translation>在全文中找到：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="286"/>
        <source>Not attached</source>
        <translation>未附加</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="289"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="295"/>
        <source>The file does not exist.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="296"/>
        <source>Only files (not folders or devices) can be attached.</source>
        <translation>只能附加文件（不能附加文件夹或设备）。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="297"/>
        <source>A lab catalog cannot store files: link them instead.</source>
        <translation>实验室目录不能保存文件：请改为链接。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="298"/>
        <source>The file could not be copied into the catalog: %1</source>
        <translation>无法将文件复制到目录中：%1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="311"/>
        <source>Store copies in the catalog</source>
        <translation>在目录中保存副本</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="311"/>
        <source>Link files</source>
        <translation>链接文件</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="313"/>
        <source>PDF files (*.pdf);;All files (*)</source>
        <translation>PDF 文件 (*.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="348"/>
        <source>Locate “%1”</source>
        <translation>定位“%1”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/attachments_list.py" line="349"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>BackupController</name>
    <message>
        <location filename="../../rsfm_desktop/ui/backup_controller.py" line="51"/>
        <source>The catalog is damaged</source>
        <translation>目录已损坏</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/backup_controller.py" line="52"/>
        <source>The integrity check of the catalog found a problem (%1). Restore a backup now? Until then, avoid editing: changes may not be saved.</source>
        <translation>目录完整性检查发现问题（%1）。现在从备份恢复吗？在此之前请不要编辑：修改可能无法保存。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/backup_controller.py" line="72"/>
        <source>Catalog backed up.</source>
        <translation>目录已备份。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/backup_controller.py" line="76"/>
        <source>Automatic backup failed: %1</source>
        <translation>自动备份失败：%1</translation>
    </message>
</context>
<context>
    <name>BackupList</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="41"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="41"/>
        <source>Papers</source>
        <translation>论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="41"/>
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="41"/>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="41"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="48"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="53"/>
        <source>damaged: %1</source>
        <translation>已损坏：%1</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="74"/>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="80"/>
        <source>Backups are made automatically while you work (at most once an hour) and before every catalog upgrade. Restoring one keeps the current catalog beside it as catalog.sqlite3.replaced-&lt;date&gt;.</source>
        <translation>工作时会自动备份（每小时最多一次），每次升级目录前也会备份。恢复备份时，当前目录会保留在旁边，名为 catalog.sqlite3.replaced-&lt;日期&gt;。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="86"/>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="88"/>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="118"/>
        <source>Replace the catalog with the backup from %1?

The current catalog is kept in the catalog folder as catalog.sqlite3.replaced-&lt;date&gt;.</source>
        <translation>用 %1 的备份替换当前目录？

当前目录会保留在目录文件夹中，名为 catalog.sqlite3.replaced-&lt;日期&gt;。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/backups_dialog.py" line="131"/>
        <source>The backup from %1 was restored. The window now reloads the catalog.</source>
        <translation>已恢复 %1 的备份。窗口将重新载入目录。</translation>
    </message>
</context>
<context>
    <name>CatalogLock</name>
    <message>
        <location filename="../../rsfm_desktop/ui/single_instance.py" line="102"/>
        <source>Cannot create the lock file %1: is the catalog folder writable?</source>
        <translation>无法创建锁文件 %1：目录文件夹是否可写？</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/single_instance.py" line="107"/>
        <source> (process %1 on %2)</source>
        <translation>（%2 上的进程 %1）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/single_instance.py" line="109"/>
        <source>RSFM Desktop is already open on the catalog in %1%2. Only one window may write to a catalog at a time: switch to it, or close it first.

If no RSFM Desktop is running (for instance the folder is shared with another computer that crashed), delete %3.</source>
        <translation>RSFM Desktop 已经打开了 %1 中的目录%2。同一时间只能有一个窗口写入目录：请切换到该窗口，或先将其关闭。

如果并没有 RSFM Desktop 在运行（例如该文件夹与另一台已崩溃的电脑共享），请删除 %3。</translation>
    </message>
</context>
<context>
    <name>CatalogLostController</name>
    <message>
        <location filename="../../rsfm_desktop/ui/catalog_lost.py" line="34"/>
        <source>Catalog file missing: nothing is saved to it</source>
        <translation>目录文件不见了：不会再保存到其中</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/catalog_lost.py" line="42"/>
        <location filename="../../rsfm_desktop/ui/catalog_lost.py" line="103"/>
        <source>The catalog file is gone</source>
        <translation>目录文件不见了</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/catalog_lost.py" line="45"/>
        <source>The catalog is still open, and everything you type is kept in a recovery file. Save the catalog to a new place now to keep all of it, including what was saved since it vanished.</source>
        <translation>目录仍处于打开状态，你输入的所有内容都保存在恢复文件中。现在把目录保存到新位置，即可保留全部内容，包括文件消失后保存的内容。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/catalog_lost.py" line="47"/>
        <location filename="../../rsfm_desktop/ui/catalog_lost.py" line="107"/>
        <source>Save the catalog to a new place…</source>
        <translation>将目录保存到新位置…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/catalog_lost.py" line="48"/>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/catalog_lost.py" line="54"/>
        <source>Save the catalog to a new place</source>
        <translation>将目录保存到新位置</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/catalog_lost.py" line="62"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/catalog_lost.py" line="66"/>
        <source>Catalog file missing: a copy was saved in %1</source>
        <translation>目录文件不见了：已在 %1 保存了一份副本</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/catalog_lost.py" line="67"/>
        <source>The catalog was saved in %1.</source>
        <translation>目录已保存到 %1。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/catalog_lost.py" line="69"/>
        <source>%1 notes could not be written into it; they stay in the recovery file.</source>
        <translation>有 %1 条笔记未能写入其中；它们仍保存在恢复文件中。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/catalog_lost.py" line="71"/>
        <source>Catalog saved</source>
        <translation>目录已保存</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/catalog_lost.py" line="71"/>
        <source>Open it now?</source>
        <translation>现在打开它吗？</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/catalog_lost.py" line="104"/>
        <source>The catalog file vanished while it was open. Save the catalog to a new place before closing? Otherwise what was saved since it vanished is lost (typed notes stay in the recovery file).</source>
        <translation>目录文件在打开期间消失了。关闭前要把目录保存到新位置吗？否则文件消失后保存的内容会丢失（输入的笔记仍保存在恢复文件中）。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/catalog_lost.py" line="108"/>
        <source>Close without saving</source>
        <translation>不保存并关闭</translation>
    </message>
</context>
<context>
    <name>CatalogTable</name>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/catalog_table.py" line="91"/>
        <source>Nothing matches the search and tags chosen. Try other words, or clear the search box and the tags selected in the sidebar.</source>
        <translation>没有符合搜索词和所选标签的条目。换个词试试，或清空搜索框并取消侧栏中选中的标签。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/catalog_table.py" line="94"/>
        <source>No papers yet. Add one with File › New Paper (Ctrl+N), or import a BibTeX, RIS, CSV or Markdown file with File › Import… (Ctrl+Shift+I).</source>
        <translation>还没有论文。用“文件 › 新建论文”（Ctrl+N）添加，或用“文件 › 导入…”（Ctrl+Shift+I）导入 BibTeX、RIS、CSV 或 Markdown 文件。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/catalog_table.py" line="96"/>
        <source>No datasets yet. Add one with File › New Dataset (Ctrl+Shift+N), or import a file with File › Import… (Ctrl+Shift+I).</source>
        <translation>还没有数据集。用“文件 › 新建数据集”（Ctrl+Shift+N）添加，或用“文件 › 导入…”（Ctrl+Shift+I）导入文件。</translation>
    </message>
</context>
<context>
    <name>CatalogTableModel</name>
    <message>
        <location filename="../../rsfm_desktop/ui/models/catalog_table_model.py" line="408"/>
        <source>(unreadable entry %1)</source>
        <translation>（无法读取的条目 %1）</translation>
    </message>
</context>
<context>
    <name>Citation</name>
    <message>
        <location filename="../../rsfm_desktop/core/references.py" line="22"/>
        <source>APA</source>
        <translation>APA 格式</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/references.py" line="23"/>
        <source>IEEE</source>
        <translation>IEEE 格式</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/references.py" line="24"/>
        <source>GB/T 7714</source>
        <translation>GB/T 7714 国标格式</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../../rsfm_desktop/core/attachments.py" line="270"/>
        <source>Attach “{}”</source>
        <translation>附加“{}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/attachments.py" line="309"/>
        <source>Remove attachment</source>
        <translation>移除附件</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/attachments.py" line="317"/>
        <source>Restore attachment</source>
        <translation>恢复附件</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/attachments.py" line="345"/>
        <source>Locate “{}”</source>
        <translation>定位“{}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/entries.py" line="383"/>
        <source>Add “{}”</source>
        <translation>添加“{}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/entries.py" line="402"/>
        <source>Edit “{}”</source>
        <translation>编辑“{}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/entries.py" line="412"/>
        <source>Edit {} entries</source>
        <translation>编辑 {} 个条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/entries.py" line="416"/>
        <source>Delete {} entries</source>
        <translation>删除 {} 个条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/entries.py" line="420"/>
        <source>Restore {} entries</source>
        <translation>恢复 {} 个条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/entries.py" line="464"/>
        <source>Remove link</source>
        <translation>移除关联</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/entries.py" line="464"/>
        <source>Add link</source>
        <translation>添加关联</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/io/apply.py" line="368"/>
        <source>Import {}</source>
        <translation>导入 {}</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/io/merge.py" line="55"/>
        <source>Merge “{}” into “{}”</source>
        <translation>将“{}”合并到“{}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/sync/engine.py" line="638"/>
        <source>Resolve the conflict on “{}”</source>
        <translation>解决“{}”的冲突</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="62"/>
        <source>Sync Conflicts</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="70"/>
        <source>These were changed both here and on the lab server since the last sync. Your values stay in use until you choose; the next sync sends your choice to the lab.</source>
        <translation>自上次同步以来，这些内容在本机和实验室服务器上都被修改过。在你做出选择之前，仍使用你的值；下次同步会把你的选择发送给实验室。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="89"/>
        <source>&amp;Resolve</source>
        <translation>解决(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="91"/>
        <source>Apply these choices to this entry (one step, undoable)</source>
        <translation>对此条目应用这些选择（一步操作，可撤销）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="93"/>
        <source>Keep All Mine</source>
        <translation>全部保留我的</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="96"/>
        <source>Take All the Lab&apos;s</source>
        <translation>全部采用实验室的</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="104"/>
        <source>No conflicts: everything is in step with the lab.</source>
        <translation>没有冲突：一切都与实验室一致。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="123"/>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="140"/>
        <source>Paper</source>
        <translation>论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="140"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="140"/>
        <source>Note on a paper</source>
        <translation>论文笔记</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="141"/>
        <source>Note on a dataset</source>
        <translation>数据集笔记</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="141"/>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="141"/>
        <source>Facet</source>
        <translation>分面</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="142"/>
        <source>Saved view</source>
        <translation>已保存的视图</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="147"/>
        <source>same entry?</source>
        <translation>同一条目？</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="149"/>
        <source>edited here, deleted by the lab</source>
        <translation>本机已编辑，实验室已删除</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="150"/>
        <source>deleted here, edited by the lab</source>
        <translation>本机已删除，实验室已编辑</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="152"/>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="173"/>
        <source>The same entry: merge it with the lab&apos;s “%1”</source>
        <translation>同一条目：与实验室的“%1”合并</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="174"/>
        <source>Two different entries: add the lab&apos;s “%1” too</source>
        <translation>两个不同的条目：同时添加实验室的“%1”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="177"/>
        <source>Keep it (it comes back for the whole lab)</source>
        <translation>保留它（对整个实验室恢复）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="178"/>
        <source>Delete it, as the lab did (your edit goes to the trash with it)</source>
        <translation>像实验室一样删除它（你的编辑随之进入回收站）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="179"/>
        <source>Delete it, as I did</source>
        <translation>按我的操作删除它</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="179"/>
        <source>Keep it, with the lab&apos;s edit</source>
        <translation>保留它，并采用实验室的编辑</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="183"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="192"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="193"/>
        <source>Yours (this computer)</source>
        <translation>你的（本机）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="194"/>
        <source>The lab&apos;s (server)</source>
        <translation>实验室的（服务器）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="205"/>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="205"/>
        <source>Take the lab&apos;s</source>
        <translation>采用实验室的</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="227"/>
        <source>My own value:</source>
        <translation>我自己的值：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="274"/>
        <source>“%1” must be a whole number.</source>
        <translation>“%1”必须是整数。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflicts_dialog.py" line="286"/>
        <source>This conflict was settled meanwhile.</source>
        <translation>此冲突已在此期间被解决。</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="95"/>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="315"/>
        <source>Select a paper or dataset to see its details.</source>
        <translation>选择一篇论文或一个数据集以查看详情。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="102"/>
        <source>Chinese / 中文</source>
        <translation>中文 / Chinese</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="102"/>
        <source>No Chinese summary</source>
        <translation>缺少中文摘要</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="105"/>
        <source>English</source>
        <translation>英文 / English</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="105"/>
        <source>No English summary</source>
        <translation>缺少英文摘要</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="110"/>
        <source>Swap summaries</source>
        <translation>互换摘要</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="111"/>
        <source>The Chinese and English summaries were filed under the wrong language: exchange them</source>
        <translation>中文与英文摘要填错了语言：互换二者</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="144"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="149"/>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="157"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="167"/>
        <source>Link…</source>
        <translation>关联…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="171"/>
        <source>Linked entries</source>
        <translation>关联条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="176"/>
        <source>Provenance</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="191"/>
        <source>My notes (Markdown)</source>
        <translation>我的笔记（Markdown）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="252"/>
        <source>Paper</source>
        <translation>论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="252"/>
        <source>Open the paper page</source>
        <translation>打开论文页面</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="253"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="253"/>
        <source>Open the PDF (attached file first)</source>
        <translation>打开 PDF（优先使用本地附件）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="254"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="254"/>
        <source>Open the code repository</source>
        <translation>打开代码仓库</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="255"/>
        <source>Project</source>
        <translation>项目主页</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="255"/>
        <source>Open the project page</source>
        <translation>打开项目主页</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="256"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="256"/>
        <source>Open the download page</source>
        <translation>打开下载页面</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="283"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="296"/>
        <source>Part of this entry could not be read from the catalog file (a damaged page): what was unreadable is shown as �. Restore a backup (File ▸ Restore from Backup) or rescue what is readable first: rsfm-desktop export --format json --rescue --output FILE</source>
        <translation>此条目的部分内容无法从目录文件中读取（页面已损坏）：无法读取的部分显示为 �。请恢复备份（文件 ▸ 从备份恢复），或先抢救可读取的内容：rsfm-desktop export --format json --rescue --output FILE</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="307"/>
        <source>This entry cannot be read: %1</source>
        <translation>无法读取此条目：%1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="419"/>
        <source>introduces</source>
        <translation>提出</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="419"/>
        <source>introduced by</source>
        <translation>提出者</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="420"/>
        <source>uses</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="420"/>
        <source>used by</source>
        <translation>被使用于</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="425"/>
        <source>Remove this link</source>
        <translation>移除此关联</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="431"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="439"/>
        <source>Added by hand</source>
        <translation>手动添加</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="442"/>
        <source>added by %1</source>
        <translation>由 %1 添加</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="444"/>
        <source>last changed by %1</source>
        <translation>最后由 %1 修改</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="454"/>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="457"/>
        <source>table row %1</source>
        <translation>表格第 %1 行</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="460"/>
        <source>list entry %1 under “%2”</source>
        <translation>“%2”下的第 %1 项</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="492"/>
        <source>No paper link</source>
        <translation>没有论文链接</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/detail_pane.py" line="498"/>
        <source>No PDF</source>
        <translation>没有 PDF</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="116"/>
        <source>Find Duplicates</source>
        <translation>查找重复</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="142"/>
        <source>Keep:</source>
        <translation>保留：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="148"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="59"/>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="148"/>
        <source>Entry</source>
        <translation>条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="59"/>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="148"/>
        <source>Possible duplicate</source>
        <translation>可能重复</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="59"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="59"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="68"/>
        <source>Paper</source>
        <translation>论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="68"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="102"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="102"/>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="102"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="158"/>
        <source>Merging keeps the chosen entry, fills its empty fields from the other and keeps the tags, links, notes and attachments of both; the other goes to the trash. Edit ▸ Undo reverts it.</source>
        <translation>合并会保留所选条目，用另一条目填补其空白字段，并保留两者的标签、关联、笔记和附件；另一条目移入回收站。可用“编辑 ▸ 撤销”还原。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="162"/>
        <source>&amp;Merge</source>
        <translation>合并(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="165"/>
        <source>&amp;Not Duplicates</source>
        <translation>不是重复(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="204"/>
        <source>%1 possible duplicate pairs.</source>
        <translation>%1 对可能重复的条目。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="205"/>
        <source>No possible duplicates left.</source>
        <translation>没有剩余的可能重复项。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="223"/>
        <source>the entry on the left (#%1)</source>
        <translation>左侧条目（#%1）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/duplicates_dialog.py" line="224"/>
        <source>the entry on the right (#%1)</source>
        <translation>右侧条目（#%1）</translation>
    </message>
</context>
<context>
    <name>EditFieldDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/edit_field_dialog.py" line="32"/>
        <source>Edit a field of %1 entries</source>
        <translation>编辑 %1 个条目的字段</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/edit_field_dialog.py" line="52"/>
        <source>Field:</source>
        <translation>字段：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/edit_field_dialog.py" line="53"/>
        <source>New value:</source>
        <translation>新值：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/edit_field_dialog.py" line="71"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/edit_field_dialog.py" line="80"/>
        <source>Several values are separated by semicolons. Leave it empty to clear the field.</source>
        <translation>多个值用分号隔开。留空则清除该字段。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/edit_field_dialog.py" line="81"/>
        <source>Leave it empty to clear the field.</source>
        <translation>留空则清除该字段。</translation>
    </message>
</context>
<context>
    <name>EntryActions</name>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="54"/>
        <source>Reading &amp;Status</source>
        <translation>阅读状态(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="57"/>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="103"/>
        <source>Linked &amp;Datasets</source>
        <translation>关联数据集(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="80"/>
        <source>E&amp;ntry</source>
        <translation>条目(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="104"/>
        <source>Linked &amp;Papers</source>
        <translation>关联论文(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="122"/>
        <source>Citation St&amp;yle</source>
        <translation>引文格式(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="159"/>
        <source>No reading status facet</source>
        <translation>没有“阅读状态”分面</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="173"/>
        <source>No status</source>
        <translation>无状态</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="190"/>
        <source>No linked entries</source>
        <translation>没有关联条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="279"/>
        <source>Copied %1 references (%2).</source>
        <translation>已复制 %1 条参考文献（%2）。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="280"/>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="293"/>
        <source>Nothing selected.</source>
        <translation>没有选中任何条目。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="290"/>
        <source>Copy BibTeX</source>
        <translation>复制 BibTeX</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="292"/>
        <source>Copied %1 BibTeX entries.</source>
        <translation>已复制 %1 条 BibTeX。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="297"/>
        <source>Copied %1 DOIs.</source>
        <translation>已复制 %1 个 DOI。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="298"/>
        <source>None of the selected entries has a DOI.</source>
        <translation>所选条目都没有 DOI。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="302"/>
        <source>Copied %1 arXiv ids.</source>
        <translation>已复制 %1 个 arXiv 编号。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="303"/>
        <source>None of the selected entries has an arXiv id.</source>
        <translation>所选条目都没有 arXiv 编号。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="311"/>
        <source>Copied %1 links.</source>
        <translation>已复制 %1 个链接。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="311"/>
        <source>None of the selected entries has a link.</source>
        <translation>所选条目都没有链接。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="336"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/entry_actions.py" line="338"/>
        <source>Changed %1 entries.</source>
        <translation>已修改 %1 个条目。</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="62"/>
        <source>New paper</source>
        <translation>新建论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="63"/>
        <source>Edit paper</source>
        <translation>编辑论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="64"/>
        <source>New dataset</source>
        <translation>新建数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="65"/>
        <source>Edit dataset</source>
        <translation>编辑数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="118"/>
        <source>This entry was deleted elsewhere. Saving puts your values back only if you restore it from the trash first.</source>
        <translation>此条目已在别处被删除。只有先从回收站恢复它，保存才会写回你的修改。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="121"/>
        <source>This entry was changed elsewhere while you edit it. Saving merges your changes field by field and asks where both changed the same field.</source>
        <translation>你编辑期间，此条目已在别处被修改。保存时会逐字段合并你的修改；若双方改了同一字段，会请你选择。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="134"/>
        <source>One per line</source>
        <translation>每行一个</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="184"/>
        <source>This field is required.</source>
        <translation>此项为必填。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="185"/>
        <source>Enter a year between %1 and %2.</source>
        <translation>请输入 %1 到 %2 之间的年份。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="188"/>
        <source>Enter a web address starting with http:// or https://.</source>
        <translation>请输入以 http:// 或 https:// 开头的网址。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="189"/>
        <source>Choose one of the listed values.</source>
        <translation>请从列出的值中选择一个。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="190"/>
        <source>Invalid value.</source>
        <translation>无效的值。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="215"/>
        <source>This entry no longer exists (it was deleted for good elsewhere).</source>
        <translation>此条目已不存在（已在别处被永久删除）。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="235"/>
        <source>Discard the changes you typed?</source>
        <translation>放弃你输入的修改？</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="258"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/entry_dialog.py" line="259"/>
        <source>The changes could not be saved; everything you typed is still here.</source>
        <translation>修改未能保存；你输入的内容都还在这里。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../rsfm_desktop/core/io/export.py" line="177"/>
        <location filename="../../rsfm_desktop/core/io/export.py" line="178"/>
        <source>you do not have permission to write in this folder</source>
        <translation>你没有写入此文件夹的权限</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/io/export.py" line="179"/>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/io/export.py" line="180"/>
        <source>your disk quota is used up</source>
        <translation>你的磁盘配额已用完</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/io/export.py" line="181"/>
        <source>the disk is read-only</source>
        <translation>磁盘为只读</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/io/export.py" line="182"/>
        <location filename="../../rsfm_desktop/core/io/export.py" line="183"/>
        <source>the folder does not exist</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/io/export.py" line="184"/>
        <source>a folder of that name is in the way</source>
        <translation>已有同名文件夹</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/io/export.py" line="185"/>
        <source>the file name is too long</source>
        <translation>文件名太长</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/io/export.py" line="186"/>
        <source>the disk reported an error</source>
        <translation>磁盘报告了错误</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/export_dialog.py" line="70"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/export_dialog.py" line="81"/>
        <source>Group by:</source>
        <translation>分组依据：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/export_dialog.py" line="87"/>
        <source>Selected %1 (%2)</source>
        <translation>所选 %1（%2）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/export_dialog.py" line="88"/>
        <source>Current view: %1 shown (%2)</source>
        <translation>当前视图：显示 %1 条（%2）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/export_dialog.py" line="89"/>
        <source>Everything: papers and datasets (%2)</source>
        <translation>全部：论文和数据集（%2）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/export_dialog.py" line="102"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/export_dialog.py" line="104"/>
        <source>Entries:</source>
        <translation>条目：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/export_dialog.py" line="106"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
</context>
<context>
    <name>FieldConflictDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflict_dialog.py" line="102"/>
        <source>Changed elsewhere</source>
        <translation>已在别处修改</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflict_dialog.py" line="104"/>
        <source>“%1” was changed elsewhere while you edited it. Fields changed on one side only are merged; for these, choose which value to keep.</source>
        <translation>你编辑期间，“%1”已在别处被修改。只有一方修改的字段已自动合并；以下字段双方都改了，请选择保留哪个值。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflict_dialog.py" line="111"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflict_dialog.py" line="112"/>
        <source>Yours</source>
        <translation>你的</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflict_dialog.py" line="113"/>
        <source>In the catalog now</source>
        <translation>目录中现在的</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflict_dialog.py" line="122"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="40"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="60"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="41"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="61"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="42"/>
        <location filename="../../rsfm_desktop/core/columns.py" line="57"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="63"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="87"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="43"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="64"/>
        <source>Venue</source>
        <translation>发表于</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="44"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="71"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="45"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="62"/>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="46"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="73"/>
        <source>Visual encoder</source>
        <translation>视觉编码器</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="47"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="74"/>
        <source>Text encoder</source>
        <translation>文本编码器</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="48"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="77"/>
        <source>Survey section</source>
        <translation>综述章节</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="49"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="65"/>
        <source>arXiv ID</source>
        <translation>arXiv 编号</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="50"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="66"/>
        <source>DOI</source>
        <translation>DOI</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="51"/>
        <location filename="../../rsfm_desktop/core/columns.py" line="61"/>
        <source>Modified</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="55"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="85"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="56"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="86"/>
        <source>Data type</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="58"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="88"/>
        <source>Scale</source>
        <translation>规模</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="59"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="89"/>
        <source>Chinese description</source>
        <translation>中文描述</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/columns.py" line="60"/>
        <location filename="../../rsfm_desktop/core/fields.py" line="90"/>
        <source>English description</source>
        <translation>英文描述</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="67"/>
        <source>Citation key</source>
        <translation>引用键</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="68"/>
        <source>Entry type</source>
        <translation>条目类型</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="69"/>
        <source>Paper URL</source>
        <translation>论文链接</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="70"/>
        <source>PDF URL</source>
        <translation>PDF 链接</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="72"/>
        <source>Project page</source>
        <translation>项目主页</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="75"/>
        <source>Model details</source>
        <translation>模型细节</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="76"/>
        <source>Survey inclusion</source>
        <translation>综述收录</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="78"/>
        <source>Chinese summary</source>
        <translation>中文摘要</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="79"/>
        <source>English summary</source>
        <translation>英文摘要</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="80"/>
        <source>Remark</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="81"/>
        <source>Other fields</source>
        <translation>其他字段</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fields.py" line="91"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/filter_bar.py" line="33"/>
        <source>Without a year</source>
        <translation>无年份</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/filter_bar.py" line="33"/>
        <source>Year %1</source>
        <translation>%1 年</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/filter_bar.py" line="39"/>
        <source>%1 papers</source>
        <translation>%1 篇论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/filter_bar.py" line="39"/>
        <source>%1 datasets</source>
        <translation>%1 个数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/filter_bar.py" line="53"/>
        <source>Show all again</source>
        <translation>重新显示全部</translation>
    </message>
</context>
<context>
    <name>Fulltext</name>
    <message>
        <location filename="../../rsfm_desktop/core/fulltext/extract.py" line="24"/>
        <source>needs a password</source>
        <translation>需要密码</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fulltext/extract.py" line="25"/>
        <source>damaged or not a PDF</source>
        <translation>已损坏或不是 PDF</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fulltext/extract.py" line="26"/>
        <source>no text (a scan?)</source>
        <translation>没有文字（扫描件？）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/fulltext/extract.py" line="27"/>
        <source>file not found</source>
        <translation>找不到文件</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="56"/>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="305"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="57"/>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="57"/>
        <source>Add anyway</source>
        <translation>仍然添加</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="57"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="61"/>
        <source>New</source>
        <translation>新条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="61"/>
        <source>Duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="61"/>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="65"/>
        <source>same arXiv id</source>
        <translation>arXiv 编号相同</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="65"/>
        <source>same DOI</source>
        <translation>DOI 相同</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="65"/>
        <source>similar title</source>
        <translation>标题相近</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="114"/>
        <source>Decision</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="114"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="114"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="114"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="114"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="114"/>
        <source>Same as</source>
        <translation>与之相同</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="127"/>
        <source>Entry %1 of this file: %2</source>
        <translation>本文件第 %1 条：%2</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="150"/>
        <source>Paper</source>
        <translation>论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="150"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="245"/>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="254"/>
        <source>All entries</source>
        <translation>全部条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="262"/>
        <source>The catalog changed since the last preview: the %1 highlighted entries have a new status. Check their decisions.</source>
        <translation>自上次预览以来目录已有变化：高亮的 %1 个条目状态已改变，请检查它们的处理方式。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="268"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="302"/>
        <source>Selected entries:</source>
        <translation>所选条目：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="310"/>
        <source>Add All Duplicates Anyway</source>
        <translation>全部重复项仍然添加</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="312"/>
        <source>Add every suspected duplicate and conflict as a new entry (titles that only look alike are different papers)</source>
        <translation>将每个疑似重复和冲突的条目都作为新条目添加（标题仅相似的是不同的论文）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="315"/>
        <source>Suggested decisions</source>
        <translation>建议的处理方式</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="317"/>
        <source>New entries are added; a match is merged when the file brings something the catalog lacks, else skipped</source>
        <translation>新条目将被添加；若文件带来目录中缺少的内容则合并匹配项，否则跳过</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="335"/>
        <source>%1 warnings: records skipped and values left out, each with its line:</source>
        <translation>%1 条警告：跳过的记录和未导入的值，各注明所在行：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="340"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="373"/>
        <source>Read Again</source>
        <translation>重新读取</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="386"/>
        <source>Pasted text.</source>
        <translation>粘贴的文本。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="389"/>
        <source>Read as %1, a guess (%2% sure): if titles look garbled, choose the file&apos;s encoding and read it again.</source>
        <translation>按 %1 读取，这是推测（把握 %2%）：如果标题显示为乱码，请选择文件的编码并重新读取。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="394"/>
        <source>Read as %1.</source>
        <translation>按 %1 读取。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="420"/>
        <source>%1 entries in %2: %3 new, %4 duplicates, %5 conflicts.</source>
        <translation>%2 中有 %1 个条目：%3 个新条目，%4 个重复，%5 个冲突。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="426"/>
        <source>Will add %1, merge %2, skip %3.</source>
        <translation>将添加 %1 个，合并 %2 个，跳过 %3 个。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="449"/>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="453"/>
        <source>Not in the catalog yet.</source>
        <translation>目录中尚无此条目。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="455"/>
        <source>Same as: %1</source>
        <translation>与此相同：%1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/import_dialog.py" line="466"/>
        <source>Merging fills the empty fields: %1</source>
        <translation>合并将填补空白字段：%1</translation>
    </message>
</context>
<context>
    <name>IoController</name>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="96"/>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="96"/>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="100"/>
        <source>Something went wrong</source>
        <translation>出现错误</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="109"/>
        <source>All supported files (*.bib *.bibtex *.biblatex *.ris *.json *.csv *.tsv *.md *.markdown)</source>
        <translation>所有支持的文件 (*.bib *.bibtex *.biblatex *.ris *.json *.csv *.tsv *.md *.markdown)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="110"/>
        <source>BibTeX / BibLaTeX (*.bib *.bibtex *.biblatex)</source>
        <translation>BibTeX / BibLaTeX (*.bib *.bibtex *.biblatex)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="111"/>
        <source>RIS (*.ris)</source>
        <translation>RIS (*.ris)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="112"/>
        <source>CSL-JSON (*.json)</source>
        <translation>CSL-JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="113"/>
        <source>CSV spreadsheet (*.csv *.tsv)</source>
        <translation>CSV 表格 (*.csv *.tsv)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="114"/>
        <source>RSFM JSON export or backup (*.json)</source>
        <translation>RSFM JSON 导出或备份 (*.json)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="115"/>
        <source>Markdown awesome list (*.md *.markdown)</source>
        <translation>Markdown awesome 列表 (*.md *.markdown)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="116"/>
        <source>All files, format detected (*)</source>
        <translation>所有文件，自动识别格式 (*)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="122"/>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="197"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="143"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="152"/>
        <source>The clipboard holds no text to import.</source>
        <translation>剪贴板中没有可导入的文本。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="157"/>
        <source>clipboard</source>
        <translation>剪贴板</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="162"/>
        <source>Reading the clipboard…</source>
        <translation>正在读取剪贴板…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="187"/>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="190"/>
        <source>Cannot import this file</source>
        <translation>无法导入此文件</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="191"/>
        <source>%1 could not be imported.

%2

Nothing was imported.</source>
        <translation>无法导入 %1。

%2

未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="198"/>
        <source>%1 holds no entries to import.</source>
        <translation>%1 中没有可导入的条目。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="242"/>
        <source>The catalog changed</source>
        <translation>目录已变化</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="243"/>
        <source>The catalog changed since this preview was made (another window or program wrote to it): %1 entries are now new, duplicates or conflicts where they were not. Nothing was imported; review the preview again.</source>
        <translation>生成此预览后目录已有变化（另一个窗口或程序写入了它）：%1 个条目的新建、重复或冲突状态已改变。尚未导入任何内容，请重新检查预览。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="252"/>
        <source>Imported %1: %2 added, %3 merged, %4 skipped.</source>
        <translation>已导入 %1：添加 %2 个，合并 %3 个，跳过 %4 个。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="256"/>
        <source>%1 warnings (see the preview).</source>
        <translation>%1 条警告（见预览）。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="262"/>
        <source>Import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="263"/>
        <source>The import was cancelled. Nothing was written to the catalog.</source>
        <translation>导入已取消，目录未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="180"/>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="264"/>
        <source>Import cancelled; nothing was written.</source>
        <translation>导入已取消，未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="272"/>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="306"/>
        <source>Family</source>
        <translation>模型类别</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="314"/>
        <source>papers</source>
        <translation>论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="314"/>
        <source>datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="322"/>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="338"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="338"/>
        <source>Copy the files stored in the catalog into a folder beside the export, so it carries them too?</source>
        <translation>是否将目录中保存的文件复制到导出文件旁的文件夹，让导出也包含这些文件？</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="347"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="348"/>
        <source>Exported %1 entries to %2.</source>
        <translation>已将 %1 个条目导出到 %2。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="383"/>
        <source>Copied a table of %1 rows.</source>
        <translation>已复制 %1 行的表格。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="385"/>
        <source>Saved a table of %1 rows to %2.</source>
        <translation>已将 %1 行的表格保存到 %2。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="388"/>
        <source>Exporting the table…</source>
        <translation>正在导出表格…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="406"/>
        <source>Looking for duplicates…</source>
        <translation>正在查找重复项…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="410"/>
        <source>Find Duplicates</source>
        <translation>查找重复</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="410"/>
        <source>No duplicates found.</source>
        <translation>没有找到重复项。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="421"/>
        <source>Cannot merge</source>
        <translation>无法合并</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/io_controller.py" line="425"/>
        <source>Merged; the duplicate is in the trash.</source>
        <translation>已合并，重复条目已移入回收站。</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/link_dialog.py" line="33"/>
        <source>Link a dataset</source>
        <translation>关联数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/link_dialog.py" line="33"/>
        <source>Link a paper</source>
        <translation>关联论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/link_dialog.py" line="37"/>
        <source>Type to search by name or title</source>
        <translation>输入名称或标题进行搜索</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/link_dialog.py" line="42"/>
        <source>introduces</source>
        <translation>提出</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/link_dialog.py" line="42"/>
        <source>uses</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/link_dialog.py" line="52"/>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/link_dialog.py" line="54"/>
        <source>Relation:</source>
        <translation>关系：</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <location filename="../../rsfm_desktop/ui/links.py" line="14"/>
        <source>Only web (http, https) links and local files can be opened.</source>
        <translation>只能打开网页链接（http、https）和本地文件。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/links.py" line="15"/>
        <source>The file does not exist.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/links.py" line="16"/>
        <source>Only documents (such as PDF files) can be opened, not programs.</source>
        <translation>只能打开文档（例如 PDF 文件），不能打开程序。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/links.py" line="17"/>
        <source>This link cannot be opened.</source>
        <translation>无法打开此链接。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/links.py" line="27"/>
        <source>Link not opened</source>
        <translation>未打开链接</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="78"/>
        <source>RSFM Desktop</source>
        <translation>RSFM Desktop</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="98"/>
        <source>Search titles, summaries (中文 / English), authors, remarks and notes</source>
        <translation>搜索标题、摘要（中文 / 英文）、作者、备注和笔记</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="112"/>
        <source>Papers</source>
        <translation>论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="113"/>
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="192"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="206"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="207"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="211"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="223"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="224"/>
        <source>&amp;Columns</source>
        <translation>列(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="227"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="231"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="261"/>
        <source>The search could not run: %1</source>
        <translation>无法执行搜索：%1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="270"/>
        <source>Note not saved yet: %1</source>
        <translation>笔记尚未保存：%1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="343"/>
        <source>%1 of %2 papers</source>
        <translation>%1 / %2 篇论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="343"/>
        <source>%1 of %2 datasets</source>
        <translation>%1 / %2 个数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="347"/>
        <source>%1 papers</source>
        <translation>%1 篇论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="347"/>
        <source>%1 datasets</source>
        <translation>%1 个数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="420"/>
        <source>%1 changes made elsewhere are shown.</source>
        <translation>已显示在别处做出的 %1 处修改。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="433"/>
        <source>Lab server unreachable: your changes are kept and retried</source>
        <translation>无法连接实验室服务器：你的修改已保留并会重试</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="442"/>
        <source>The catalog file %1 was deleted, moved or replaced while it was open.</source>
        <translation>目录文件 %1 在打开期间被删除、移动或替换。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="454"/>
        <source>Unsaved notes</source>
        <translation>未保存的笔记</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="455"/>
        <source>%1 notes could not be saved to the catalog yet.</source>
        <translation>有 %1 条笔记尚未能保存到目录。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="457"/>
        <source>Nothing is lost: they are kept in a recovery file and offered again when RSFM Desktop next opens this catalog.</source>
        <translation>内容不会丢失：它们保存在恢复文件中，下次 RSFM Desktop 打开此目录时会再次提供。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="459"/>
        <source>Keep trying</source>
        <translation>继续重试</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="460"/>
        <source>Save notes to a file…</source>
        <translation>将笔记保存到文件…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="461"/>
        <source>Quit and keep them for next time</source>
        <translation>退出并留待下次</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="476"/>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="488"/>
        <source>Save unsaved notes</source>
        <translation>保存未保存的笔记</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="477"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="489"/>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="503"/>
        <source>Unsaved notes from last time</source>
        <translation>上次未保存的笔记</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="504"/>
        <source>RSFM Desktop could not save these notes last time (%1):

%2

Put them back now? A note changed since is shown beside yours to choose.</source>
        <translation>RSFM Desktop 上次未能保存这些笔记（%1）：

%2

现在放回去吗？若某条笔记之后已被修改，会把两个版本并排显示供你选择。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="514"/>
        <source>%1: later changes were kept (%2).</source>
        <translation>%1：保留了之后的修改（%2）。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="519"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="519"/>
        <source>“%1” could not be undone or redone now:

%2</source>
        <translation>现在无法撤销或重做“%1”：

%2</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="529"/>
        <source>Added.</source>
        <translation>已添加。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="539"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="549"/>
        <source>… and %1 more</source>
        <translation>……以及另外 %1 条</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="551"/>
        <source>Move this entry to the trash?</source>
        <translation>将此条目移到回收站？</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="553"/>
        <source>Move these %1 entries to the trash?</source>
        <translation>将这 %1 个条目移到回收站？</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="557"/>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="569"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="558"/>
        <source>Their notes, links and attachments are kept with them.</source>
        <translation>它们的笔记、关联和附件会一并保留。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="576"/>
        <source>Deleted %1 entries.</source>
        <translation>已删除 %1 个条目。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/main_window.py" line="626"/>
        <source>Note saved.</source>
        <translation>笔记已保存。</translation>
    </message>
</context>
<context>
    <name>NoteConflictDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflict_dialog.py" line="47"/>
        <source>Note changed elsewhere</source>
        <translation>笔记已在别处修改</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflict_dialog.py" line="49"/>
        <source>This note was changed elsewhere while you typed. Both versions are shown; edit either, then keep the one you want.</source>
        <translation>你输入期间，这条笔记已在别处被修改。两个版本都显示在下面；可编辑任一版本，再保留你想要的那个。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflict_dialog.py" line="57"/>
        <source>Yours (typed here)</source>
        <translation>你的（在此输入的）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflict_dialog.py" line="58"/>
        <source>In the catalog now</source>
        <translation>目录中现在的</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflict_dialog.py" line="61"/>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflict_dialog.py" line="63"/>
        <source>Keep theirs</source>
        <translation>保留对方的</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/conflict_dialog.py" line="65"/>
        <source>Keep both</source>
        <translation>两者都保留</translation>
    </message>
</context>
<context>
    <name>NotesEditor</name>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="99"/>
        <source>Write your notes here (Markdown). Saved automatically.</source>
        <translation>在这里写笔记（Markdown），会自动保存。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="106"/>
        <source>Compare both versions…</source>
        <translation>比较两个版本…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="110"/>
        <source>Share this note with the lab</source>
        <translation>与实验室共享此笔记</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="112"/>
        <source>Notes are personal and stay on this computer; a shared note syncs to the lab catalog with your name on it</source>
        <translation>笔记是个人的，只保存在本机；共享的笔记会署上你的名字同步到实验室目录</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="127"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="131"/>
        <source>Show the rendered note beside the editor</source>
        <translation>在编辑器旁显示渲染后的笔记</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="181"/>
        <source>The note cannot be read: %1</source>
        <translation>无法读取笔记：%1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="257"/>
        <source>Shared by %1</source>
        <translation>由 %1 共享</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="271"/>
        <source>Could not change sharing: %1</source>
        <translation>无法更改共享设置：%1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="275"/>
        <source>Shared with the lab at the next sync.</source>
        <translation>将在下次同步时与实验室共享。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="276"/>
        <source>This note is personal again (the lab keeps the copy it had).</source>
        <translation>此笔记重新变为个人笔记（实验室保留它已有的副本）。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="282"/>
        <source>This note was changed elsewhere. Your text is kept; compare both versions to choose.</source>
        <translation>这条笔记已在别处被修改。你的文字已保留；请比较两个版本后选择。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="285"/>
        <source>Not saved yet, will retry.</source>
        <translation>尚未保存，将重试。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="323"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="344"/>
        <source>Not saved yet, will retry: %1</source>
        <translation>尚未保存，将重试：%1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="359"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="92"/>
        <source>Not saved, and the recovery copy failed too: %1</source>
        <translation>未保存，恢复副本也写入失败：%1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="435"/>
        <source>… The preview shows the beginning of this long note; all of it is saved.</source>
        <translation>…… 预览只显示这条长笔记的开头；全文均已保存。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="467"/>
        <source>This note was changed elsewhere; your unsaved text is kept.</source>
        <translation>这条笔记已在别处被修改；你未保存的文字已保留。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="524"/>
        <source>Your notes are in the copy of the catalog saved to the new place.</source>
        <translation>你的笔记已写入保存到新位置的目录副本。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/notes_editor.py" line="530"/>
        <source>The catalog is gone: your note is kept in the recovery journal.</source>
        <translation>目录已不存在：你的笔记已保存在恢复日志中。</translation>
    </message>
</context>
<context>
    <name>PdfController</name>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="98"/>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="99"/>
        <source>Fields and PDF text</source>
        <translation>字段和 PDF 全文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="100"/>
        <source>Search the fields and notes only, or the text of attached PDFs too</source>
        <translation>只搜索字段和笔记，或同时搜索附加 PDF 的全文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="150"/>
        <source>The file is not on this computer.</source>
        <translation>文件不在这台电脑上。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="151"/>
        <source>Only documents (such as PDF files) can be opened, not programs.</source>
        <translation>只能打开文档（如 PDF 文件），不能打开程序。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="152"/>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="178"/>
        <source>Not opened</source>
        <translation>未打开</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="179"/>
        <source>The quoted file is no longer attached to any entry.</source>
        <translation>被引用的文件已不再附加于任何条目。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="196"/>
        <source>Quote not added</source>
        <translation>未添加引文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="197"/>
        <source>The note could not be changed (%1). The quote is on the clipboard.</source>
        <translation>无法修改笔记（%1）。引文已复制到剪贴板。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="200"/>
        <source>Quoted p. %1 into the note.</source>
        <translation>已将第 %1 页的引文加入笔记。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="217"/>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="242"/>
        <source>Pause reading the PDFs (it goes on where it stopped)</source>
        <translation>暂停读取 PDF（之后从停下的地方继续）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="241"/>
        <source>Go on reading the PDFs</source>
        <translation>继续读取 PDF</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="251"/>
        <source>Reading PDFs: %1 of %2</source>
        <translation>正在读取 PDF：%1 / %2</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="254"/>
        <source>Reading PDFs paused: %1 of %2</source>
        <translation>已暂停读取 PDF：%1 / %2</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="278"/>
        <source>%1 PDFs could not be read</source>
        <translation>%1 个 PDF 无法读取</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="288"/>
        <source>PDFs not searchable</source>
        <translation>无法搜索的 PDF</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/pdf_controller.py" line="289"/>
        <source>The text of these files could not be read; they are still attached and open in the reader or the system viewer.</source>
        <translation>无法读取这些文件的文字；它们仍然附加在条目上，可以在阅读器或系统查看器中打开。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="42"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="49"/>
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="53"/>
        <source>A new language is used from the next start.</source>
        <translation>新的语言将在下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="59"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="59"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="59"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="68"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="69"/>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="77"/>
        <source>Backups are taken automatically at most once an hour while the catalog changes, and before upgrades</source>
        <translation>目录有改动时每小时最多自动备份一次，升级前也会备份</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="84"/>
        <source>Open a lab catalog…</source>
        <translation>打开实验室目录…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="86"/>
        <source>Use a catalog the lab keeps on a PostgreSQL server</source>
        <translation>使用实验室保存在 PostgreSQL 服务器上的目录</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="88"/>
        <source>Open another…</source>
        <translation>打开其他目录…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="90"/>
        <source>Switch to the catalog in another folder (created if empty)</source>
        <translation>切换到另一个文件夹中的目录（若为空则新建）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="91"/>
        <source>Move to…</source>
        <translation>移动到…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="93"/>
        <source>Copy this catalog to another folder and use it from there; the old copy is left in place</source>
        <translation>将此目录复制到另一个文件夹并改用该副本；原副本保留不动</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="106"/>
        <source>postgresql://USER@HOST[:PORT]/DATABASE (empty: no syncing)</source>
        <translation>postgresql://用户@主机[:端口]/数据库（留空：不同步）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="108"/>
        <source>Your catalog stays on this computer and works offline; it syncs with this lab catalog whenever the server is reachable. The password comes from PGPASSWORD, ~/.pgpass or the system keyring.</source>
        <translation>你的目录保存在本机，可离线使用；只要服务器可访问，它就会与这个实验室目录同步。密码取自 PGPASSWORD、~/.pgpass 或系统密钥环。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="119"/>
        <source>Shown to the lab as who added or changed an entry</source>
        <translation>向实验室显示为条目的添加者或修改者</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="123"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="125"/>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="126"/>
        <source>Detail text size:</source>
        <translation>详情字号：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="127"/>
        <source>Catalog:</source>
        <translation>目录：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="128"/>
        <source>Automatic backups kept:</source>
        <translation>保留的自动备份数：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="129"/>
        <source>Sync with lab server:</source>
        <translation>与实验室服务器同步：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="131"/>
        <source>Your name:</source>
        <translation>你的名字：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="159"/>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="167"/>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="172"/>
        <source>Open a lab catalog</source>
        <translation>打开实验室目录</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="160"/>
        <source>The lab catalog&apos;s address, postgresql://USER@HOST[:PORT]/DATABASE
(the password comes from PGPASSWORD, ~/.pgpass or the system keyring):</source>
        <translation>实验室目录的地址，postgresql://用户@主机[:端口]/数据库
（密码取自 PGPASSWORD、~/.pgpass 或系统钥匙串）：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="168"/>
        <source>That is not a postgresql:// address.</source>
        <translation>这不是 postgresql:// 地址。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="178"/>
        <source>The password is not kept in the settings and there is no system keyring here: put it in ~/.pgpass (or PGPASSWORD) instead.</source>
        <translation>密码不会保存在设置中，而这里没有系统钥匙串：请把它写入 ~/.pgpass（或 PGPASSWORD）。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="184"/>
        <source>That is not a postgresql:// address; syncing stays as it was.</source>
        <translation>这不是 postgresql:// 地址；同步设置保持不变。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="205"/>
        <source>Move the catalog to</source>
        <translation>将目录移动到</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/preferences_dialog.py" line="205"/>
        <source>Open the catalog in</source>
        <translation>打开目录：</translation>
    </message>
</context>
<context>
    <name>ReaderWindow</name>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="63"/>
        <source>Find in document</source>
        <translation>在文档中查找</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="93"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="113"/>
        <source>Reader</source>
        <translation>阅读器</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="116"/>
        <source>Previous</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="119"/>
        <source>Next</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="127"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="129"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="131"/>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="132"/>
        <source>Quote in note</source>
        <translation>引用到笔记</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="134"/>
        <source>Add the selected text to the entry&apos;s note as a quote with its page</source>
        <translation>将选中的文字连同页码作为引文加入条目的笔记</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="136"/>
        <source>Open in system viewer</source>
        <translation>用系统查看器打开</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="138"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="139"/>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="161"/>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="162"/>
        <source>This PDF needs a password.</source>
        <translation>此 PDF 需要密码。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="163"/>
        <source>The file does not exist.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="164"/>
        <source>The file is damaged or not a PDF.</source>
        <translation>文件已损坏或不是 PDF。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="166"/>
        <source>The PDF cannot be opened.</source>
        <translation>无法打开此 PDF。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="172"/>
        <source>of %1</source>
        <translation>共 %1 页</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="259"/>
        <source>p. %1: %2</source>
        <translation>第 %1 页：%2</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="269"/>
        <source>%1 found</source>
        <translation>找到 %1 处</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="276"/>
        <source>Selected: “%1”</source>
        <translation>已选中：“%1”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/reader/reader_window.py" line="282"/>
        <source>Quoted into the note (p. %1).</source>
        <translation>已引用到笔记（第 %1 页）。</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/recovery_dialog.py" line="27"/>
        <source>The catalog is damaged</source>
        <translation>目录已损坏</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/recovery_dialog.py" line="32"/>
        <source>The catalog %1 cannot be read safely (%2).

Restore a backup, or start a new catalog. Either way the damaged file is kept in the catalog folder as catalog.sqlite3.damaged-&lt;date&gt;, never deleted.</source>
        <translation>无法安全读取目录 %1（%2）。

请恢复一个备份，或新建目录。无论哪种方式，损坏的文件都会保留在目录文件夹中，名为 catalog.sqlite3.damaged-&lt;日期&gt;，绝不会被删除。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/recovery_dialog.py" line="41"/>
        <source>No good backup was found.</source>
        <translation>没有找到可用的备份。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/recovery_dialog.py" line="45"/>
        <source>&amp;Restore selected backup</source>
        <translation>恢复所选备份(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/recovery_dialog.py" line="48"/>
        <source>Start a &amp;new catalog</source>
        <translation>新建目录(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/recovery_dialog.py" line="52"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>SelectionPanel</name>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/selection_panel.py" line="25"/>
        <source>What you do here applies to every selected entry, as one step that Undo takes back.</source>
        <translation>这里的操作作用于每个选中的条目，作为一步操作，可用“撤销”整体撤回。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/selection_panel.py" line="55"/>
        <source>%1 papers selected</source>
        <translation>已选 %1 篇论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/selection_panel.py" line="55"/>
        <source>%1 datasets selected</source>
        <translation>已选 %1 个数据集</translation>
    </message>
</context>
<context>
    <name>Statistics</name>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="51"/>
        <source>No tag</source>
        <translation>无标签</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="52"/>
        <source>No year</source>
        <translation>无年份</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="53"/>
        <source>Other venues</source>
        <translation>其他出处</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="54"/>
        <source>No venue</source>
        <translation>无出处</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="55"/>
        <source>Papers</source>
        <translation>论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="56"/>
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="98"/>
        <source>Papers without an English summary</source>
        <translation>缺少英文摘要的论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="99"/>
        <source>Papers without a Chinese summary</source>
        <translation>缺少中文摘要的论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="100"/>
        <source>Papers without a code link</source>
        <translation>缺少代码链接的论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="101"/>
        <source>Papers without authors</source>
        <translation>缺少作者的论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="102"/>
        <source>Papers without a year</source>
        <translation>缺少年份的论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="103"/>
        <source>Papers without a tag in “%1”</source>
        <translation>没有“%1”标签的论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="104"/>
        <source>Datasets without a tag in “%1”</source>
        <translation>没有“%1”标签的数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="105"/>
        <source>Datasets no paper links to</source>
        <translation>没有论文关联的数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="106"/>
        <source>Papers that look like duplicates</source>
        <translation>疑似重复的论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="107"/>
        <source>Datasets that look like duplicates</source>
        <translation>疑似重复的数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/model.py" line="108"/>
        <source>Papers whose attached file is missing</source>
        <translation>附件文件已丢失的论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/tables.py" line="15"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/tables.py" line="16"/>
        <source>Venue</source>
        <translation>出处</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/tables.py" line="17"/>
        <source>Paper</source>
        <translation>论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/tables.py" line="19"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/tables.py" line="20"/>
        <source>introduces</source>
        <translation>提出</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/stats/tables.py" line="21"/>
        <source>uses</source>
        <translation>使用</translation>
    </message>
</context>
<context>
    <name>StatsController</name>
    <message>
        <location filename="../../rsfm_desktop/ui/stats_controller.py" line="59"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
</context>
<context>
    <name>StatsPanel</name>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="118"/>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="204"/>
        <source>Papers per year</source>
        <translation>每年论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="119"/>
        <source>Heat map</source>
        <translation>热力图</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="120"/>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="204"/>
        <source>Datasets per year</source>
        <translation>每年数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="121"/>
        <source>Venues</source>
        <translation>出处</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="122"/>
        <source>Papers × datasets</source>
        <translation>论文 × 数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="123"/>
        <source>To do</source>
        <translation>待整理</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="148"/>
        <source>Stacked by:</source>
        <translation>堆叠依据：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="151"/>
        <source>Rows:</source>
        <translation>行：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="153"/>
        <source>Columns:</source>
        <translation>列：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="156"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="159"/>
        <source>Image (PNG)…</source>
        <translation>图片（PNG）…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="159"/>
        <source>Vector image (SVG)…</source>
        <translation>矢量图（SVG）…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="160"/>
        <source>Numbers (CSV)…</source>
        <translation>数据（CSV）…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="162"/>
        <source>Markdown table…</source>
        <translation>Markdown 表格…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="162"/>
        <source>LaTeX table…</source>
        <translation>LaTeX 表格…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="185"/>
        <source>Still to curate</source>
        <translation>尚待整理</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="185"/>
        <source>Entries</source>
        <translation>条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="198"/>
        <source>%1 more papers / datasets not shown</source>
        <translation>另有 %1 篇论文 / 个数据集未显示</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="207"/>
        <source>papers</source>
        <translation>论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="207"/>
        <source>datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="211"/>
        <source>Papers per venue</source>
        <translation>各出处的论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="214"/>
        <source>Datasets introduced or used by %1 papers</source>
        <translation>%1 篇论文提出或使用的数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="259"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="289"/>
        <source>The statistics could not be read: %1</source>
        <translation>无法读取统计：%1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="294"/>
        <source>%1 papers of the view link to a dataset.</source>
        <translation>当前视图中有 %1 篇论文关联了数据集。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="295"/>
        <source>%1 papers</source>
        <translation>%1 篇论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="295"/>
        <source>%1 datasets</source>
        <translation>%1 个数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="298"/>
        <source>%1 in the current view</source>
        <translation>当前视图：%1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="299"/>
        <source>Click a bar or a cell to show its entries.</source>
        <translation>点击柱条或单元格即可显示对应条目。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="300"/>
        <source>Click a line to show its entries.</source>
        <translation>点击一行即可显示对应条目。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="313"/>
        <source>Click to look for duplicates (reads every entry).</source>
        <translation>点击查找重复条目（需读取所有条目）。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="326"/>
        <source>Looking for duplicates…</source>
        <translation>正在查找重复条目…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="362"/>
        <source>Venue: %1</source>
        <translation>出处：%1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="387"/>
        <source>No tag in “%1”</source>
        <translation>没有“%1”标签</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="403"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="403"/>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="404"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="404"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="405"/>
        <source>LaTeX (*.tex)</source>
        <translation>LaTeX (*.tex)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="406"/>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="414"/>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="414"/>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="417"/>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/stats_panel.py" line="427"/>
        <source>the image could not be written</source>
        <translation>无法写入图片</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../rsfm_desktop/ui/sync_controller.py" line="155"/>
        <source>Sync failed: %1</source>
        <translation>同步失败：%1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/sync_controller.py" line="185"/>
        <source>Fetching from the lab… %1%</source>
        <translation>正在从实验室获取… %1%</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/sync_controller.py" line="185"/>
        <source>Sending to the lab… %1%</source>
        <translation>正在发送到实验室… %1%</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/sync_controller.py" line="187"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/sync_controller.py" line="189"/>
        <source>1 conflict</source>
        <translation>1 个冲突</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/sync_controller.py" line="190"/>
        <source>%1 conflicts</source>
        <translation>%1 个冲突</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/sync_controller.py" line="192"/>
        <source>Offline, %1 changes waiting</source>
        <translation>离线，%1 项修改待同步</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/sync_controller.py" line="194"/>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/sync_controller.py" line="196"/>
        <source>Synced just now</source>
        <translation>刚刚已同步</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/sync_controller.py" line="196"/>
        <source>Synced %1 min ago</source>
        <translation>%1 分钟前已同步</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/sync_controller.py" line="202"/>
        <source>Lab server: %1</source>
        <translation>实验室服务器：%1</translation>
    </message>
</context>
<context>
    <name>TagChips</name>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_chips.py" line="65"/>
        <source>Remove this tag</source>
        <translation>移除此标签</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_chips.py" line="95"/>
        <source>Add a tag (English, 中文 or a synonym)…</source>
        <translation>添加标签（英文、中文或同义词）…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_chips.py" line="178"/>
        <source>Create the tag “%1”…</source>
        <translation>新建标签“%1”…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_chips.py" line="219"/>
        <source>New tag</source>
        <translation>新建标签</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_chips.py" line="220"/>
        <source>There is no tag called “%1”. Create it in the facet:</source>
        <translation>没有名为“%1”的标签。在以下分面中新建：</translation>
    </message>
</context>
<context>
    <name>TagEditor</name>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="63"/>
        <source>New facet…</source>
        <translation>新建维度…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="63"/>
        <source>Add a facet, e.g. reading status</source>
        <translation>添加一个维度，例如阅读状态</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="64"/>
        <source>New tag…</source>
        <translation>新建标签…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="64"/>
        <source>Add a tag beside the selected one</source>
        <translation>在所选标签旁添加标签</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="65"/>
        <source>New sub-tag…</source>
        <translation>新建子标签…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="65"/>
        <source>Add a tag under the selected one</source>
        <translation>在所选标签下添加子标签</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="67"/>
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="67"/>
        <source>Move the selected tag&apos;s entries and synonyms to another tag</source>
        <translation>将所选标签的条目和同义词移到另一个标签</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="69"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="69"/>
        <source>Delete the selected tag or facet</source>
        <translation>删除所选标签或维度</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="97"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="102"/>
        <source>No colour</source>
        <translation>无颜色</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="114"/>
        <source>Another name for this tag</source>
        <translation>此标签的另一个名称</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="117"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="121"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="131"/>
        <source>English:</source>
        <translation>英文：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="132"/>
        <source>Chinese:</source>
        <translation>中文：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="133"/>
        <source>Colour:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="135"/>
        <source>Synonyms:</source>
        <translation>同义词：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="141"/>
        <source>Drag a tag onto another tag to move it there; every change can be undone.</source>
        <translation>把标签拖到另一个标签上即可移动；每项修改都可以撤销。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="186"/>
        <source>New facet</source>
        <translation>新建维度</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="186"/>
        <source>Name of the facet (e.g. Reading status):</source>
        <translation>维度名称（例如：阅读状态）：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="203"/>
        <source>New tag</source>
        <translation>新建标签</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="203"/>
        <source>Name of the tag (English or Chinese):</source>
        <translation>标签名称（英文或中文）：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="225"/>
        <source>Tag colour</source>
        <translation>标签颜色</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="249"/>
        <source>Merge “%1” into (its entries, sub-tags and synonyms move there):</source>
        <translation>将“%1”合并到（其条目、子标签和同义词会一并移过去）：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="251"/>
        <source>Merge tags</source>
        <translation>合并标签</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="265"/>
        <source>Delete the tag “%1”?</source>
        <translation>删除标签“%1”？</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="269"/>
        <source>Delete the facet “%1” with all its tags?</source>
        <translation>删除维度“%1”及其全部标签？</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="270"/>
        <source>%1 papers and %2 datasets lose it.</source>
        <translation>%1 篇论文和 %2 个数据集将失去此标签。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="272"/>
        <source>%1 tags under it go too.</source>
        <translation>其下的 %1 个标签也会一并删除。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="274"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_editor.py" line="274"/>
        <source>You can undo this with Ctrl+Z.</source>
        <translation>可以用 Ctrl+Z 撤销。</translation>
    </message>
</context>
<context>
    <name>TagSidebar</name>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="103"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="104"/>
        <source>Show all entries again (the search text stays)</source>
        <translation>重新显示全部条目（搜索文字保留）</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="111"/>
        <source>Select tags to filter: any of them within a facet, all facets together</source>
        <translation>选择标签进行筛选：同一维度内满足任一，不同维度须同时满足</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="115"/>
        <source>No saved views yet. Search or select tags, then “Save view…” keeps that filter here.</source>
        <translation>还没有保存的视图。先搜索或选择标签，再点“保存视图…”，筛选条件就会保存在这里。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="125"/>
        <source>Save view…</source>
        <translation>保存视图…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="126"/>
        <source>Save the search text and selected tags under a name</source>
        <translation>以一个名称保存搜索文字和所选标签</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="129"/>
        <source>Saved views</source>
        <translation>保存的视图</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="184"/>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="185"/>
        <source> and </source>
        <translation> 且 </translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="185"/>
        <source>Select tags to filter</source>
        <translation>选择标签进行筛选</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="198"/>
        <source>Save view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="198"/>
        <source>Name of the view:</source>
        <translation>视图名称：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="211"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="212"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="213"/>
        <source>Save current filter into it</source>
        <translation>将当前筛选保存到此视图</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="215"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="219"/>
        <source>Rename view</source>
        <translation>重命名视图</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="219"/>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="230"/>
        <source>Delete view</source>
        <translation>删除视图</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/widgets/tag_tree.py" line="230"/>
        <source>Delete the saved view “%1”?</source>
        <translation>删除保存的视图“%1”？</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <location filename="../../rsfm_desktop/ui/tasks.py" line="90"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Taxonomy</name>
    <message>
        <location filename="../../rsfm_desktop/core/taxonomy/edits.py" line="126"/>
        <source>New tag “{}”</source>
        <translation>新建标签“{}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/taxonomy/edits.py" line="142"/>
        <source>Rename tag “{}” to “{}”</source>
        <translation>将标签“{}”重命名为“{}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/taxonomy/edits.py" line="153"/>
        <source>Recolour tag “{}”</source>
        <translation>更改标签“{}”的颜色</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/taxonomy/edits.py" line="186"/>
        <source>Move tag “{}”</source>
        <translation>移动标签“{}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/taxonomy/edits.py" line="218"/>
        <source>Merge “{}” into “{}”</source>
        <translation>将“{}”合并到“{}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/taxonomy/edits.py" line="247"/>
        <source>Delete tag “{}”</source>
        <translation>删除标签“{}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/taxonomy/edits.py" line="268"/>
        <source>Add synonym “{}” to “{}”</source>
        <translation>为“{1}”添加同义词“{0}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/taxonomy/edits.py" line="281"/>
        <source>Remove synonym “{}” from “{}”</source>
        <translation>从“{1}”移除同义词“{0}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/taxonomy/edits.py" line="326"/>
        <source>Set {} to “{}” on {} entries</source>
        <translation>把 {2} 个条目的{0}设为“{1}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/taxonomy/edits.py" line="66"/>
        <source>New facet “{}”</source>
        <translation>新建维度“{}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/taxonomy/edits.py" line="80"/>
        <source>Rename facet “{}” to “{}”</source>
        <translation>将维度“{}”重命名为“{}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/taxonomy/edits.py" line="100"/>
        <source>Delete facet “{}”</source>
        <translation>删除维度“{}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/taxonomy/edits.py" line="301"/>
        <source>Remove “{}” from {} entries</source>
        <translation>从 {1} 个条目移除“{0}”</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/core/taxonomy/edits.py" line="302"/>
        <source>Add “{}” to {} entries</source>
        <translation>为 {1} 个条目添加“{0}”</translation>
    </message>
</context>
<context>
    <name>TaxonomyController</name>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_controller.py" line="47"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_controller.py" line="50"/>
        <source>Tag editor</source>
        <translation>标签编辑器</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_controller.py" line="91"/>
        <source>Tag &amp;sidebar</source>
        <translation>标签侧栏(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_controller.py" line="92"/>
        <source>Tag &amp;editor</source>
        <translation>标签编辑器(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_controller.py" line="100"/>
        <source>Add tag to selection…</source>
        <translation>为所选条目添加标签…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_controller.py" line="103"/>
        <source>Remove tag from selection…</source>
        <translation>从所选条目移除标签…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_controller.py" line="167"/>
        <source>Tag:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_controller.py" line="186"/>
        <source>Add a tag to %1 entries</source>
        <translation>为 %1 个条目添加标签</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_controller.py" line="197"/>
        <source>Remove a tag from %1 entries</source>
        <translation>从 %1 个条目移除标签</translation>
    </message>
</context>
<context>
    <name>TaxonomyUi</name>
    <message>
        <location filename="../../rsfm_desktop/ui/models/tag_tree_model.py" line="158"/>
        <source>%1 papers, %2 datasets</source>
        <translation>%1 篇论文，%2 个数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/models/tag_tree_model.py" line="168"/>
        <source>Also: %1</source>
        <translation>又名：%1</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/models/tag_tree_model.py" line="178"/>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/models/tag_tree_model.py" line="178"/>
        <source>Entries</source>
        <translation>条目</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="64"/>
        <source>That tag or facet no longer exists.</source>
        <translation>该标签或维度已不存在。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="65"/>
        <source>Give it an English or a Chinese name.</source>
        <translation>请给它一个英文或中文名称。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="66"/>
        <source>Another tag in this facet already has that name or synonym.</source>
        <translation>此维度中已有标签使用了这个名称或同义词。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="67"/>
        <source>A tag cannot go under itself or one of its own sub-tags.</source>
        <translation>标签不能放到它自己或它的子标签之下。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="68"/>
        <source>Tags can only be moved or merged within their facet.</source>
        <translation>标签只能在所属维度内移动或合并。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="69"/>
        <source>A tag cannot be merged into itself.</source>
        <translation>标签不能合并到它自己。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="70"/>
        <source>That facet name cannot be used.</source>
        <translation>不能使用这个维度名称。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="71"/>
        <source>That is not a colour.</source>
        <translation>这不是有效的颜色。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="72"/>
        <source>That synonym already belongs to another tag.</source>
        <translation>这个同义词已属于另一个标签。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="73"/>
        <source>There is already a saved view with that name.</source>
        <translation>已有同名的保存视图。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="84"/>
        <location filename="../../rsfm_desktop/ui/taxonomy_text.py" line="86"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="31"/>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="87"/>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="36"/>
        <source>Papers</source>
        <translation>论文</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="37"/>
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="46"/>
        <source>Deleted entries keep their notes, links and tags until they are deleted for good, by hand or after %1 days.</source>
        <translation>已删除的条目会保留笔记、关联和标签，直到被手动永久删除，或在 %1 天后自动永久删除。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="48"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="50"/>
        <source>Delete for &amp;good…</source>
        <translation>永久删除(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="52"/>
        <source>&amp;Empty trash…</source>
        <translation>清空回收站(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="97"/>
        <source>Delete for good</source>
        <translation>永久删除</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="97"/>
        <source>This cannot be undone.</source>
        <translation>此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="109"/>
        <source>Delete these %1 entries and their notes for good?</source>
        <translation>永久删除这 %1 个条目及其笔记？</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/trash_dialog.py" line="117"/>
        <source>Delete all %1 entries in the trash for good?</source>
        <translation>永久删除回收站中的全部 %1 个条目？</translation>
    </message>
</context>
<context>
    <name>ViewTableDialog</name>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/export_dialog.py" line="147"/>
        <source>Export View as Table</source>
        <translation>将视图导出为表格</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/export_dialog.py" line="154"/>
        <source>%1 rows, in the current sort and filter, with the visible columns: %2</source>
        <translation>%1 行，按当前排序和筛选，包含可见列：%2</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/export_dialog.py" line="159"/>
        <source>&amp;Save to File…</source>
        <translation>保存到文件(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/export_dialog.py" line="161"/>
        <source>&amp;Copy to Clipboard</source>
        <translation>复制到剪贴板(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../rsfm_desktop/ui/dialogs/export_dialog.py" line="169"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
</context>
</TS>
