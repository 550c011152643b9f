"""Tag chips in the detail pane: the entry's tags per facet in their colours, each removable
with one click, and an input that completes over both languages and synonyms."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QInputDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import CatalogError
from ...core.fields import Kind
from ...core.io.language import has_cjk
from ...core.taxonomy import EntryTag, Taxonomy
from ..models.tag_tree_model import TagTreeModel
from ..taxonomy_text import attempt, label, text_colour_on
from .flow_layout import FlowLayout

CompletionTagRole = Qt.ItemDataRole.UserRole + 1  # tag id of a completion row
CompletionTextRole = Qt.ItemDataRole.UserRole + 2  # the label or synonym that matched
CompletionCreateRole = Qt.ItemDataRole.UserRole + 3  # text of the "create this tag" row

class Chip(QFrame):
    """A tag: a rounded pill in the tag's colour (or the palette's button colour), painted
    directly. A style sheet per chip cost some 4 ms of the GUI thread each (parsing and
    polishing), a tenth of a second for an entry with many tags, at every row switch."""

    def __init__(self, color: str | None, parent: QWidget):
        super().__init__(parent)
        self._color = QColor(color) if color else None
        self._radius = 9

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        fill = self._color or palette.color(QPalette.ColorRole.Button)
        painter.setPen(QPen(self._color or palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), self._radius, self._radius)
        painter.end()  # now, not when Python frees it (a frame kept alive left it active: a crash)


def chip(tag: EntryTag, lang: str, on_remove, parent: QWidget) -> QFrame:
    frame = Chip(tag.color, parent)
    frame.setObjectName("tagChip")
    frame.setProperty("tagId", tag.id)
    layout = QHBoxLayout(frame)
    layout.setContentsMargins(8, 1, 2, 1)
    layout.setSpacing(2)
    text = QLabel(label(tag, lang), frame)
    text.setToolTip(" · ".join(t for t in (tag.label_en, tag.label_zh) if t))
    remove = QToolButton(frame)
    remove.setObjectName("removeTagButton")
    remove.setText("✕")
    remove.setAutoRaise(True)
    remove.setToolTip(QCoreApplication.translate("TagChips", "Remove this tag"))
    remove.clicked.connect(lambda: on_remove(tag.id))
    for widget in (text, remove):
        if tag.color:
            colours = widget.palette()
            ink = QColor(text_colour_on(tag.color))
            for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
                colours.setColor(role, ink)
            widget.setPalette(colours)
        else:
            widget.setForegroundRole(QPalette.ColorRole.ButtonText)
    layout.addWidget(text)
    layout.addWidget(remove)
    return frame


class TagChips(QWidget):
    def __init__(self, taxonomy: Taxonomy, model: TagTreeModel, parent=None):
        super().__init__(parent)
        self.setObjectName("tagChips")
        self.taxonomy = taxonomy
        self.model = model
        self._entry: tuple[Kind, int] | None = None
        self._chips: list[QFrame] = []
        # One row per facet and the chips made so far in it, kept while the facets and the
        # language stay (a row switch built 5-10 new chip widgets, with their layouts, and
        # deleted the last entry's: the largest part of the tags' share of a row switch).
        self._facet_rows: dict[str, tuple[QWidget, FlowLayout, dict[tuple, QFrame]]] = {}
        self._rows_for: tuple | None = None  # the facets and language the rows were made for

        self.rows = QVBoxLayout()
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(3)
        self.input = QLineEdit(self)
        self.input.setObjectName("tagInput")
        self.input.setPlaceholderText(self.tr("Add a tag (English, 中文 or a synonym)…"))
        self.input.setClearButtonEnabled(True)
        self.completions = QStandardItemModel(self)
        self.completer = QCompleter(self)
        self.completer.setModel(self.completions)
        self.completer.setCompletionRole(CompletionTextRole)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.completer.setWidget(self.input)
        self.completer.activated[QModelIndex].connect(self._on_completion)
        self.input.textEdited.connect(self._update_completions)
        self.input.returnPressed.connect(self.add_typed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addLayout(self.rows)
        layout.addWidget(self.input)

    # ---- showing -------------------------------------------------------------------------------

    def set_entry(self, kind: Kind | None, entry_id: int | None) -> None:
        entry = (kind, entry_id) if kind is not None and entry_id is not None else None
        if entry != self._entry:
            self.clear_input()  # what was typed for the last entry is not meant for this one
        self._entry = entry
        self.refresh()

    def refresh(self) -> None:
        """Show the entry's chips; a facet's row whose chips stay the same is left as it is
        (taking every chip out of its flow and putting it back relaid and repainted each row
        at every row switch)."""
        tags = []
        if self._entry is not None:
            kind, entry_id = self._entry
            try:
                tags = self.taxonomy.entry_tags(kind, [entry_id]).get(entry_id, [])
            except CatalogError:  # a damaged page: the detail pane says so; no chips to show
                tags = []
        lang = self.model.lang
        facets = self.model.facets()
        self._make_rows(facets, lang)
        self._chips = []
        for facet in facets:
            row, flow, made = self._facet_rows[facet.key]
            wanted = []
            for tag in (t for t in tags if t.facet_key == facet.key):
                key = (tag.id, label(tag, lang), tag.label_en, tag.label_zh, tag.color)
                widget = made.get(key)
                if widget is None:
                    widget = made[key] = chip(tag, lang, self.remove_tag, row)
                wanted.append(widget)
            shown = [flow.itemAt(i).widget() for i in range(1, flow.count())]  # after the facet's name
            if shown != wanted:
                while flow.count() > 1:  # back to the row's pool
                    taken = flow.takeAt(1).widget()
                    if taken is not None and taken not in wanted:
                        taken.hide()
                for widget in wanted:
                    flow.addWidget(widget)
                    widget.show()
            row.setVisible(bool(wanted))
            self._chips += wanted

    def _make_rows(self, facets, lang: str) -> None:
        """A row (hidden until it has chips) for each facet, made anew when the facets or the
        language changed."""
        wanted = (lang, tuple((f.key, label(f, lang)) for f in facets))
        if wanted == self._rows_for:
            return
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget():
                item.widget().hide()
                item.widget().deleteLater()
        self._facet_rows = {}
        for facet in facets:
            row = QWidget(self)
            row.setObjectName(f"tagRow_{facet.key}")
            row.hide()
            flow = FlowLayout(row)
            name = QLabel(label(facet, lang) + ":", row)
            name.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            flow.addWidget(name)
            self.rows.addWidget(row)
            self._facet_rows[facet.key] = (row, flow, {})
        self._rows_for = wanted

    def chip_widgets(self) -> list[QFrame]:
        """The chips shown now (one per tag of the entry)."""
        return list(self._chips)

    def chip_ids(self) -> list[int]:
        return [c.property("tagId") for c in self._chips]

    # ---- completion ----------------------------------------------------------------------------

    def _update_completions(self, text: str) -> None:
        """Refill the popup for the typed text and show it, its first row highlighted (Enter
        takes it). Text that names no tag offers, as its last row, to create one."""
        self.completions.clear()
        typed = text.strip()
        for found in self.taxonomy.complete(typed, limit=15) if typed else []:
            tag_label = label(found, self.model.lang)
            shown = f"{tag_label}  —  {self.model.path(found.tag_id)}"
            if found.matched != tag_label:
                shown = f"{found.matched}  →  {shown}"
            item = QStandardItem(shown)
            item.setData(found.tag_id, CompletionTagRole)
            item.setData(found.matched, CompletionTextRole)
            item.setToolTip(" · ".join(t for t in (found.label_en, found.label_zh) if t))
            self.completions.appendRow(item)
        if typed and not self.taxonomy.resolve(typed):
            item = QStandardItem(self.tr("Create the tag “%1”…").replace("%1", typed))
            item.setData(typed, CompletionCreateRole)
            item.setData(typed, CompletionTextRole)
            self.completions.appendRow(item)
        popup = self.completer.popup()
        if not self.completions.rowCount():
            popup.hide()
            return
        self.completer.complete()
        popup.setCurrentIndex(self.completions.index(0, 0))

    def _on_completion(self, index: QModelIndex) -> None:
        tag_id, create = index.data(CompletionTagRole), index.data(CompletionCreateRole)
        QTimer.singleShot(0, self.input.clear)  # after the completer wrote its text
        if tag_id is not None:
            self.add_tag(tag_id)
        elif create:
            self.create_and_add(create)

    def add_typed(self) -> None:
        """Enter without the popup: add the tag the input names (a label in either language or
        a synonym), else the best completion, else offer to create it."""
        text = self.input.text().strip()
        if not text or self.completer.popup().isVisible():
            return
        found = self.taxonomy.resolve(text) or [c.tag_id for c in self.taxonomy.complete(text, limit=1)]
        if not found:
            self.create_and_add(text)
            return
        self.add_tag(found[0])
        self.input.clear()

    def create_and_add(self, text: str) -> bool:
        """Create a tag named ``text`` in a facet the user picks (the one confirmation) and put
        it on the entry. Chinese text becomes the Chinese label, other text the English one."""
        if self._entry is None:
            return False
        facets = [f for f in self.model.facets()]
        names = [label(f, self.model.lang) for f in facets]
        preferred = next((i for i, f in enumerate(facets) if f.key == "task"), 0)
        choice, ok = QInputDialog.getItem(
            self, self.tr("New tag"),
            self.tr("There is no tag called “%1”. Create it in the facet:").replace("%1", text),
            names, preferred, False)
        if not ok or choice not in names:
            return False
        facet = facets[names.index(choice)]
        chinese = has_cjk(text)
        command = attempt(self, lambda: self.taxonomy.create_tag(
            facet.key, None if chinese else text, text if chinese else None))
        if command is None or command.result is None:
            return False
        self.input.clear()
        self.add_tag(command.result)
        return True

    def clear_input(self) -> None:
        self.completer.popup().hide()
        self.input.clear()
        self.completions.clear()

    # ---- editing -------------------------------------------------------------------------------

    def add_tag(self, tag_id: int) -> None:
        if self._entry is not None:
            kind, entry_id = self._entry
            attempt(self, lambda: self.taxonomy.assign(kind, [entry_id], [tag_id]))
            self.refresh()

    def remove_tag(self, tag_id: int) -> None:
        if self._entry is not None:
            kind, entry_id = self._entry
            attempt(self, lambda: self.taxonomy.unassign(kind, [entry_id], [tag_id]))
            self.refresh()
