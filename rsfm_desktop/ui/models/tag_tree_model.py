"""The taxonomy as a tree model: facets at the top, their tag trees below.

Column 0 is the label with the tag's colour swatch, column 1 the number of entries under the
tag (a parent counts its descendants). :meth:`TagTreeModel.set_tree` updates counts, labels and
colours in place (``dataChanged``) when the shape is unchanged and resets only when tags were
added, removed or moved. With ``editable=True`` tags can be dragged onto another tag (to become
its child), onto their facet (to become a root) or between siblings; the model does not write,
it emits :attr:`moveRequested` for the editor to carry out.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QByteArray, QCoreApplication, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from ...core.fields import Kind
from ...core.taxonomy import FacetNode, TagNode
from ..taxonomy_text import both_labels, label, swatch

FacetIdRole = Qt.ItemDataRole.UserRole + 1  # the facet of the row (facets and tags)
TagIdRole = Qt.ItemDataRole.UserRole + 2  # the tag id, None on facet rows
ColorRole = Qt.ItemDataRole.UserRole + 3  # "#rrggbb" or None
CountRole = Qt.ItemDataRole.UserRole + 4  # entries under the tag (int), None on facet rows
KeyRole = Qt.ItemDataRole.UserRole + 5  # ("facet", id) or ("tag", id): stable across refreshes

MIME_TYPE = "application/x-rsfm-tag-id"
COLUMNS = 2


class _Item:
    __slots__ = ("key", "node", "parent", "children", "row", "look")

    def __init__(self, key: tuple[str, int], node: FacetNode | TagNode, parent: "_Item | None", row: int):
        self.key, self.node, self.parent, self.row = key, node, parent, row
        self.children: list[_Item] = []
        # What the row showed when it was built: the node may be changed in place afterwards
        # (new counts applied to the same tree), so comparing nodes would see no change.
        self.look = _look(node)


_LOOKS = ("key", "label_en", "label_zh", "color", "papers", "datasets", "count")


def _look(node) -> tuple:
    """What a row shows of a node (labels, colour, counts, synonyms in the tooltip)."""
    return tuple(getattr(node, name, None) for name in _LOOKS) + (tuple(getattr(node, "synonyms", ())),)


class TagTreeModel(QAbstractItemModel):
    moveRequested = Signal(int, object, object)  # tag id, new parent id (None: root), position

    def __init__(self, lang: str = "en", editable: bool = False, parent=None):
        super().__init__(parent)
        self.lang = lang
        self.editable = editable
        self._roots: list[_Item] = []
        self._by_key: dict[tuple[str, int], _Item] = {}
        self.count_kind: Kind | None = None  # count this kind only (the tab shown); None: both

    def set_count_kind(self, kind: Kind | None) -> None:
        """Count the papers or the datasets of each tag (what the current tab shows)."""
        if kind is not self.count_kind:
            self.count_kind = kind
            self._emit_all_changed(self._roots, QModelIndex())

    def _count(self, node) -> int:
        if self.count_kind is Kind.PAPER:
            return node.papers
        if self.count_kind is Kind.DATASET:
            return node.datasets
        return node.count

    # ---- content -------------------------------------------------------------------------------

    def set_tree(self, facets: list[FacetNode]) -> None:
        roots, by_key = _build(facets)
        if _shape(roots) == _shape(self._roots):
            # Only rows that look different are repainted: a refresh of the tag counts that
            # changed nothing cost the views 0.15-0.25 s of the GUI thread at 100,000 papers.
            changed: dict[int, list[_Item]] = {}  # id(parent item) -> its changed children
            for key, item in by_key.items():
                mine = self._by_key[key]
                if mine.look != item.look:
                    changed.setdefault(id(mine.parent), []).append(mine)
                mine.node, mine.look = item.node, item.look
            for items in changed.values():
                parent = items[0].parent
                parent_index = self.createIndex(parent.row, 0, parent) if parent is not None else QModelIndex()
                rows = [i.row for i in items]
                self.dataChanged.emit(self.index(min(rows), 0, parent_index),
                                      self.index(max(rows), COLUMNS - 1, parent_index))
            return
        self.beginResetModel()
        self._roots, self._by_key = roots, by_key
        self.endResetModel()

    def _emit_all_changed(self, items: list[_Item], parent: QModelIndex) -> None:
        if not items:
            return
        self.dataChanged.emit(self.index(0, 0, parent), self.index(len(items) - 1, COLUMNS - 1, parent))
        for item in items:
            self._emit_all_changed(item.children, self.index(item.row, 0, parent))

    def facets(self) -> list[FacetNode]:
        return [item.node for item in self._roots]

    def node(self, index: QModelIndex) -> FacetNode | TagNode | None:
        item = self._item(index)
        return item.node if item else None

    def index_of(self, key: tuple[str, int], column: int = 0) -> QModelIndex:
        item = self._by_key.get(key)
        return self.createIndex(item.row, column, item) if item else QModelIndex()

    def facet_of(self, tag_id: int) -> FacetNode | None:
        item = self._by_key.get(("tag", tag_id))
        while item is not None and item.parent is not None:
            item = item.parent
        return item.node if item else None

    def path(self, tag_id: int) -> str:
        """``Facet › Parent › Tag`` for menus and pickers."""
        parts, item = [], self._by_key.get(("tag", tag_id))
        while item is not None:
            parts.append(label(item.node, self.lang))
            item = item.parent
        return " › ".join(reversed(parts))

    def _item(self, index: QModelIndex) -> _Item | None:
        return index.internalPointer() if index.isValid() else None

    # ---- QAbstractItemModel ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        parent_item = self._item(parent)
        children = parent_item.children if parent_item else self._roots
        return self.createIndex(row, column, children[row])

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        item = self._item(index)
        if item is None or item.parent is None:
            return QModelIndex()
        return self.createIndex(item.parent.row, 0, item.parent)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.column() > 0:
            return 0
        item = self._item(parent)
        return len(item.children) if item else len(self._roots)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return COLUMNS

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._item(index)
        if item is None:
            return None
        node, is_tag = item.node, item.key[0] == "tag"
        if role == KeyRole:
            return item.key
        if role == FacetIdRole:
            return node.facet_id if is_tag else node.id
        if role == TagIdRole:
            return node.id if is_tag else None
        if role == ColorRole:
            return node.color if is_tag else None
        if role == CountRole:
            return self._count(node) if is_tag else None
        if index.column() == 1:
            if role == Qt.ItemDataRole.DisplayRole and is_tag:
                return str(self._count(node))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.ToolTipRole and is_tag:
                return QCoreApplication.translate("TaxonomyUi", "%1 papers, %2 datasets").replace("%1", str(node.papers)).replace(
                    "%2", str(node.datasets))
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return label(node, self.lang)
        if role == Qt.ItemDataRole.DecorationRole and is_tag:
            return swatch(node.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = both_labels(node)
            if is_tag and node.synonyms:
                tip += "\n" + QCoreApplication.translate("TaxonomyUi", "Also: %1").replace("%1", ", ".join(node.synonyms))
            return tip
        if role == Qt.ItemDataRole.FontRole and not is_tag:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (QCoreApplication.translate("TaxonomyUi", "Tag"), QCoreApplication.translate("TaxonomyUi", "Entries"))[section] if 0 <= section < COLUMNS else None
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        item = self._item(index)
        if item is None:
            return Qt.ItemFlag.ItemIsDropEnabled if self.editable else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled
        is_tag = item.key[0] == "tag"
        if is_tag or self.editable:
            flags |= Qt.ItemFlag.ItemIsSelectable
        if self.editable:
            flags |= Qt.ItemFlag.ItemIsDropEnabled
            if is_tag:
                flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    # ---- drag and drop (editable models) ---------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        tags = [self._item(i).key[1] for i in indexes if i.column() == 0 and self._item(i).key[0] == "tag"]
        if tags:
            data.setData(MIME_TYPE, QByteArray(str(tags[0]).encode()))
        return data

    def _drop_target(self, data: QMimeData, row: int, parent: QModelIndex):
        """(tag id, new parent id or None, position or None), or None if the drop is refused."""
        if not self.editable or not data.hasFormat(MIME_TYPE):
            return None
        try:
            tag_id = int(bytes(data.data(MIME_TYPE).data()).decode())
        except ValueError:
            return None
        moving, target = self._by_key.get(("tag", tag_id)), self._item(parent)
        if moving is None or target is None:
            return None
        ancestor = target
        while ancestor is not None:  # not into itself or its own subtree
            if ancestor is moving:
                return None
            ancestor = ancestor.parent
        facet = target
        while facet.parent is not None:
            facet = facet.parent
        if facet.key != ("facet", moving.node.facet_id):
            return None
        parent_id = target.key[1] if target.key[0] == "tag" else None
        position = target.children[row].node.position if 0 <= row < len(target.children) else None
        return tag_id, parent_id, position

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        return self._drop_target(data, row, parent) is not None

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        if action == Qt.DropAction.IgnoreAction:
            return True
        target = self._drop_target(data, row, parent)
        if target is None:
            return False
        self.moveRequested.emit(*target)
        return True


def _build(facets: list[FacetNode]) -> tuple[list[_Item], dict[tuple[str, int], _Item]]:
    by_key: dict[tuple[str, int], _Item] = {}

    def add(nodes: list[TagNode], parent: _Item) -> None:
        for row, node in enumerate(nodes):
            item = _Item(("tag", node.id), node, parent, row)
            by_key[item.key] = item
            parent.children.append(item)
            add(node.children, item)

    roots = []
    for row, facet in enumerate(facets):
        item = _Item(("facet", facet.id), facet, None, row)
        by_key[item.key] = item
        roots.append(item)
        add(facet.tags, item)
    return roots, by_key


def _shape(items: list[_Item]) -> list:
    return [(item.key, _shape(item.children)) for item in items]
