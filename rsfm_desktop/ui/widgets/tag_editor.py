"""The tag editor: the taxonomy tree (drag a tag onto another to move it) and, for the selected
tag or facet, its two labels, colour and synonyms; buttons to add facets and tags, merge and
delete. Every edit goes through :class:`Taxonomy`, whose runner puts it on the undo stack."""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.taxonomy import FacetNode, TagNode, Taxonomy
from ..models.tag_tree_model import KeyRole, TagTreeModel
from ..taxonomy_text import attempt, label, swatch
from .tag_tree import tag_tree_view

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def split_label(text: str) -> tuple[str | None, str | None]:
    """A typed name as (English, Chinese): text with Chinese characters is the Chinese label."""
    text = text.strip()
    return (None, text) if _CJK.search(text) else (text, None)


def facet_key(name: str, taken: set[str]) -> str:
    """A free facet key from a name: ``Reading status`` -> ``reading_status``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_name).strip("_")
    base = base if base[:1].isalpha() else f"facet_{base}".rstrip("_")
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


class TagEditor(QWidget):
    def __init__(self, taxonomy: Taxonomy, model: TagTreeModel, parent=None):
        super().__init__(parent)
        self.setObjectName("tagEditorPanel")
        self.taxonomy = taxonomy
        self.model = model
        model.moveRequested.connect(self.move_tag, Qt.ConnectionType.QueuedConnection)

        self.buttons: dict[str, QToolButton] = {}
        bar = QHBoxLayout()
        for name, text, tip, slot in (
            ("newFacetButton", self.tr("New facet…"), self.tr("Add a facet, e.g. reading status"), self.new_facet),
            ("newTagButton", self.tr("New tag…"), self.tr("Add a tag beside the selected one"), self.new_tag),
            ("newChildButton", self.tr("New sub-tag…"), self.tr("Add a tag under the selected one"),
             lambda: self.new_tag(child=True)),
            ("mergeButton", self.tr("Merge into…"), self.tr("Move the selected tag's entries and synonyms to another tag"),
             self.merge_selected),
            ("deleteTagButton", self.tr("Delete…"), self.tr("Delete the selected tag or facet"), self.delete_selected),
        ):
            button = QToolButton(self)
            button.setObjectName(name)
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[name] = button
        bar.addStretch(1)

        self.tree = tag_tree_view(model, "tagEditorTree", self)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.selectionModel().currentRowChanged.connect(lambda *_: self._load_form())
        model.modelReset.connect(self._load_form)
        model.dataChanged.connect(lambda *_: self._load_form())

        self.label_en = QLineEdit(self)
        self.label_en.setObjectName("tagLabelEn")
        self.label_en.editingFinished.connect(lambda: self.rename("en", self.label_en.text()))
        self.label_zh = QLineEdit(self)
        self.label_zh.setObjectName("tagLabelZh")
        self.label_zh.editingFinished.connect(lambda: self.rename("zh", self.label_zh.text()))
        self.colour_button = QToolButton(self)
        self.colour_button.setObjectName("tagColourButton")
        self.colour_button.setText(self.tr("Choose…"))
        self.colour_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.colour_button.clicked.connect(self.choose_colour)
        self.no_colour_button = QToolButton(self)
        self.no_colour_button.setObjectName("tagNoColourButton")
        self.no_colour_button.setText(self.tr("No colour"))
        self.no_colour_button.clicked.connect(lambda: self.recolour(None))
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.colour_button)
        colour_row.addWidget(self.no_colour_button)
        colour_row.addStretch(1)

        self.synonyms = QListWidget(self)
        self.synonyms.setObjectName("tagSynonyms")
        self.synonyms.setMaximumHeight(90)
        self.synonym_input = QLineEdit(self)
        self.synonym_input.setObjectName("synonymInput")
        self.synonym_input.setPlaceholderText(self.tr("Another name for this tag"))
        self.synonym_input.returnPressed.connect(self.add_synonym)
        add_synonym = QToolButton(self)
        add_synonym.setText(self.tr("Add"))
        add_synonym.clicked.connect(self.add_synonym)
        self.remove_synonym_button = QToolButton(self)
        self.remove_synonym_button.setObjectName("removeSynonymButton")
        self.remove_synonym_button.setText(self.tr("Remove"))
        self.remove_synonym_button.clicked.connect(self.remove_synonym)
        synonym_row = QHBoxLayout()
        synonym_row.addWidget(self.synonym_input, 1)
        synonym_row.addWidget(add_synonym)
        synonym_row.addWidget(self.remove_synonym_button)

        self.form_box = QWidget(self)
        form = QFormLayout(self.form_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("English:"), self.label_en)
        form.addRow(self.tr("Chinese:"), self.label_zh)
        self.colour_label = QLabel(self.tr("Colour:"), self)
        form.addRow(self.colour_label, colour_row)
        self.synonyms_label = QLabel(self.tr("Synonyms:"), self)
        form.addRow(self.synonyms_label, self.synonyms)
        form.addRow("", synonym_row)
        self._tag_rows = (self.colour_label, self.colour_button, self.no_colour_button, self.synonyms_label,
                          self.synonyms, self.synonym_input, add_synonym, self.remove_synonym_button)

        hint = QLabel(self.tr("Drag a tag onto another tag to move it there; every change can be undone."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.form_box)
        layout.addWidget(hint)
        self._load_form()

    # ---- selection ---------------------------------------------------------------------------

    def current(self) -> FacetNode | TagNode | None:
        return self.model.node(self.tree.currentIndex())

    def current_key(self) -> tuple[str, int] | None:
        return self.tree.currentIndex().data(KeyRole)

    def select(self, key: tuple[str, int]) -> None:
        index = self.model.index_of(key)
        if index.isValid():
            self.tree.scrollTo(index)
            self.tree.setCurrentIndex(index)

    def _load_form(self) -> None:
        node, key = self.current(), self.current_key()
        is_tag = key is not None and key[0] == "tag"
        self.form_box.setEnabled(node is not None)
        for widget in self._tag_rows:
            widget.setVisible(is_tag)
        for name in ("newChildButton", "mergeButton"):
            self.buttons[name].setEnabled(is_tag)
        for name in ("newTagButton", "deleteTagButton"):
            self.buttons[name].setEnabled(node is not None)
        self.label_en.setText((node.label_en or "") if node else "")
        self.label_zh.setText((node.label_zh or "") if node else "")
        self.synonyms.clear()
        if is_tag:
            self.colour_button.setIcon(swatch(node.color, 16))
            self.synonyms.addItems(node.synonyms)

    # ---- edits ---------------------------------------------------------------------------------

    def new_facet(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New facet"), self.tr("Name of the facet (e.g. Reading status):"))
        if not ok or not name.strip():
            return
        en, zh = split_label(name)
        key = facet_key(name, {f.key for f in self.model.facets()})
        command = attempt(self, lambda: self.taxonomy.create_facet(key, en, zh))
        if command is not None:
            self.select(("facet", command.result))

    def new_tag(self, child: bool = False) -> None:
        node, key = self.current(), self.current_key()
        if node is None:
            return
        if key[0] == "facet":
            facet_id, parent_id = node.id, None
        else:
            facet_id, parent_id = node.facet_id, node.id if child else node.parent_id
        name, ok = QInputDialog.getText(self, self.tr("New tag"), self.tr("Name of the tag (English or Chinese):"))
        if not ok or not name.strip():
            return
        en, zh = split_label(name)
        command = attempt(self, lambda: self.taxonomy.create_tag(facet_id, en, zh, parent_id))
        if command is not None:
            self.select(("tag", command.result))

    def rename(self, lang: str, text: str) -> None:
        node, key = self.current(), self.current_key()
        if node is None or (text.strip() or None) == getattr(node, f"label_{lang}"):
            return
        if key[0] == "facet":
            attempt(self, lambda: self.taxonomy.rename_facet(node.id, text, lang))
        else:
            attempt(self, lambda: self.taxonomy.rename_tag(node.id, text, lang))
        self._load_form()

    def choose_colour(self) -> None:
        node = self.current()
        if not isinstance(node, TagNode):
            return
        colour = QColorDialog.getColor(QColor(node.color or "#808080"), self, self.tr("Tag colour"))
        if colour.isValid():
            self.recolour(colour.name())

    def recolour(self, colour: str | None) -> None:
        node = self.current()
        if isinstance(node, TagNode) and colour != node.color:
            attempt(self, lambda: self.taxonomy.recolour_tag(node.id, colour))

    def move_tag(self, tag_id: int, parent_id: int | None, position: int | None = None) -> None:
        """Give a tag a new parent (None: its facet's root), before the sibling at ``position``."""
        if attempt(self, lambda: self.taxonomy.move_tag(tag_id, parent_id, position)) is not None:
            self.select(("tag", tag_id))

    def merge_selected(self) -> None:
        node = self.current()
        if not isinstance(node, TagNode):
            return
        own = {t.id for t in node.walk()}
        facet = self.model.facet_of(node.id)
        targets = [t for t in facet.walk() if t.id not in own]
        if not targets:
            return
        names = [self.model.path(t.id) for t in targets]
        prompt = self.tr("Merge “%1” into (its entries, sub-tags and synonyms move there):").replace(
            "%1", label(node, self.model.lang))
        choice, ok = QInputDialog.getItem(self, self.tr("Merge tags"), prompt, names, 0, False)
        if ok and choice in names:
            target = targets[names.index(choice)]
            if attempt(self, lambda: self.taxonomy.merge_tags(node.id, target.id)) is not None:
                self.select(("tag", target.id))

    def delete_selected(self) -> None:
        node, key = self.current(), self.current_key()
        if node is None:
            return
        name = label(node, self.model.lang)
        if key[0] == "tag":
            impact = self.taxonomy.delete_impact(node.id)
            tags, papers, datasets = impact.tags - 1, impact.papers, impact.datasets
            question = self.tr("Delete the tag “%1”?").replace("%1", name)
        else:
            impact = self.taxonomy.facet_delete_impact(node.id)
            tags, papers, datasets = impact.tags, impact.papers, impact.datasets
            question = self.tr("Delete the facet “%1” with all its tags?").replace("%1", name)
        detail = self.tr("%1 papers and %2 datasets lose it.").replace("%1", str(papers)).replace("%2", str(datasets))
        if tags:
            detail += " " + self.tr("%1 tags under it go too.").replace("%1", str(tags))
        answer = QMessageBox.question(
            self, self.tr("Delete"), f"{question}\n\n{detail}\n\n" + self.tr("You can undo this with Ctrl+Z."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if key[0] == "tag":
            attempt(self, lambda: self.taxonomy.delete_tag(node.id))
        else:
            attempt(self, lambda: self.taxonomy.delete_facet(node.id))

    def add_synonym(self) -> None:
        node, text = self.current(), self.synonym_input.text().strip()
        if isinstance(node, TagNode) and text:
            if attempt(self, lambda: self.taxonomy.add_synonym(node.id, text)) is not None:
                self.synonym_input.clear()

    def remove_synonym(self) -> None:
        node, item = self.current(), self.synonyms.currentItem()
        if isinstance(node, TagNode) and item is not None:
            attempt(self, lambda: self.taxonomy.remove_synonym(node.id, item.text()))
