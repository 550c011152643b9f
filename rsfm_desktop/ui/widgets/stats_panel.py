"""The statistics view: one tab per chart and the curation to-do, always for the window's current
view (search text, tag filter, year, id lists; the heat map follows the table tab).

Counting runs on a worker thread of its own (``tasks.LatestOnly``): a change of the view, the
table tab or the catalog marks every page stale and recounts only the page shown, at once (a
chart not shown is counted when its tab is); a count still running for an older view is
interrupted and one still waiting never runs, so a burst of changes costs one count, and an
answer that arrives after a newer request of the same page is dropped. Clicking a bar, a cell or a row narrows the tables to it (tags through the view,
so the tag sidebar shows them; a year; the entries of a venue or a to-do line as an id list).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import stats as core_stats
from ...core.fields import Kind
from ...core.io import write_atomically
from ...core.stats import chart, svg, tables
from ...core.stats.model import CONTEXT, HEATMAP, MATRIX, NO_TAG, PER_YEAR, VENUES, Counts, Label, TodoItem
from .. import language as i18n
from ..tasks import LatestOnly, run_silently
from .chart_view import ChartView, render_png, style_for

EXPORT_WIDTH_MM = 180  # a full-width figure of a journal page
EXPORT_WIDTH = 720.0  # the layout's width in px for that (11 px text ≈ 8 pt printed)
EXPORT_HEIGHT = 420.0
PNG_DPI = 300
TODO = "todo"
CHECK_DUPLICATES_UP_TO = 5_000  # entries: above, the to-do looks for duplicates when asked (a minute at 100,000)


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def label_text(label: Label) -> str:
    return label.text(i18n.current(), translate)


@dataclass
class Page:
    """One tab: a chart (or the to-do) of a kind, with its options."""

    name: str  # object name and settings key
    chart: str
    kind: Kind | None  # None: the table tab's kind
    options: dict[str, Any] = field(default_factory=dict)
    widget: QWidget | None = None
    view: ChartView | None = None
    stale: bool = True
    requested: int = 0  # generation of the latest request
    started: float = 0.0


class StatsPanel(QWidget):
    updated = Signal(str, float)  # page name, ms from the request to the chart shown

    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.setObjectName("statsPanel")
        self.window = window
        self.stats = window.catalog.stats
        self._generation = 0
        self._todo_items: list[TodoItem] = []
        self._facets = window.catalog.entries.facet_labels()
        entries = window.catalog.entries
        self._duplicates_at_once = entries.count(Kind.PAPER) + entries.count(Kind.DATASET) <= CHECK_DUPLICATES_UP_TO
        self.pages = [
            Page("perYear", PER_YEAR, Kind.PAPER, {"facet": "family"}),
            Page("heatmap", HEATMAP, None, {"rows": "task", "cols": "modality"}),
            Page("datasetsPerYear", PER_YEAR, Kind.DATASET, {"facet": core_stats.DATASET_YEAR_FACET}),
            Page("venues", VENUES, Kind.PAPER, {}),
            Page("matrix", MATRIX, Kind.PAPER, {}),
            Page(TODO, TODO, None),
        ]
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("statsTabs")
        self.tabs.setDocumentMode(True)
        for page in self.pages:
            page.widget = self._build_todo(page) if page.chart == TODO else self._build_chart(page)
            self.tabs.addTab(page.widget, self._page_title(page))
        self.status = QLabel(self)
        self.status.setObjectName("statsStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        layout.addWidget(self.status)
        self.tabs.currentChanged.connect(lambda _i: self.schedule())
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._count_current)
        self._counter = LatestOnly(self)

    # ---- building ------------------------------------------------------------------------------

    def _page_title(self, page: Page) -> str:
        return {
            "perYear": self.tr("Papers per year"),
            "heatmap": self.tr("Heat map"),
            "datasetsPerYear": self.tr("Datasets per year"),
            "venues": self.tr("Venues"),
            "matrix": self.tr("Papers × datasets"),
            TODO: self.tr("To do"),
        }[page.name]

    def _facet_combo(self, page: Page, option: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(f"{page.name}_{option}")
        zh = i18n.current().startswith("zh")
        for key, en, zh_label in self._facets:
            combo.addItem((zh_label or en) if zh else (en or zh_label or key), key)
        combo.setCurrentIndex(max(combo.findData(page.options[option]), 0))

        def chosen(_index: int) -> None:
            page.options[option] = combo.currentData()
            page.stale = True
            self.schedule()

        combo.currentIndexChanged.connect(chosen)
        return combo

    def _build_chart(self, page: Page) -> QWidget:
        box = QWidget(self)
        box.setObjectName(f"{page.name}Page")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        if page.chart == PER_YEAR:
            bar.addWidget(QLabel(self.tr("Stacked by:"), box))
            bar.addWidget(self._facet_combo(page, "facet"))
        elif page.chart == HEATMAP:
            bar.addWidget(QLabel(self.tr("Rows:"), box))
            bar.addWidget(self._facet_combo(page, "rows"))
            bar.addWidget(QLabel(self.tr("Columns:"), box))
            bar.addWidget(self._facet_combo(page, "cols"))
        bar.addStretch(1)
        export = QPushButton(self.tr("Export"), box)  # draws its menu arrow beside the text
        export.setObjectName(f"{page.name}Export")
        menu = QMenu(export)
        formats = [("png", self.tr("Image (PNG)…")), ("svg", self.tr("Vector image (SVG)…")),
                   ("csv", self.tr("Numbers (CSV)…"))]
        if page.chart in (HEATMAP, MATRIX):
            formats += [("markdown", self.tr("Markdown table…")), ("latex", self.tr("LaTeX table…"))]
        for fmt, text in formats:
            menu.addAction(text, lambda f=fmt, p=page: self.export(p, f))
        export.setMenu(menu)
        bar.addWidget(export)
        page.view = ChartView(lambda p=page: self.texts(p), box, grow=page.chart in (HEATMAP, MATRIX))
        page.view.setObjectName(f"{page.name}Chart")
        page.view.clicked.connect(lambda row, col, p=page: self.chart_clicked(p, row, col))
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        if page.chart in (HEATMAP, MATRIX):
            scroll = QScrollArea(box)
            scroll.setWidgetResizable(True)
            scroll.setWidget(page.view)
            layout.addWidget(scroll)
        else:
            layout.addWidget(page.view)
        return box

    def _build_todo(self, page: Page) -> QWidget:
        self.todo_list = QTreeWidget(self)
        self.todo_list.setObjectName("todoList")
        self.todo_list.setHeaderLabels([self.tr("Still to curate"), self.tr("Entries")])
        self.todo_list.setRootIsDecorated(False)
        self.todo_list.setColumnWidth(0, 360)
        self.todo_list.itemActivated.connect(self._todo_activated)
        self.todo_list.itemClicked.connect(self._todo_activated)
        return self.todo_list

    # ---- words ---------------------------------------------------------------------------------

    def texts(self, page: Page) -> chart.Texts:
        return chart.Texts(label=label_text, title=self.chart_title(page),
                           legend_introduces=translate(CONTEXT, "introduces"),
                           legend_uses=translate(CONTEXT, "uses"),
                           more=self.tr("%1 more papers / datasets not shown"))

    def chart_title(self, page: Page) -> str:
        counts = page.view.counts if page.view else None
        kind = self.kind_of(page)
        if page.chart == PER_YEAR:
            base = self.tr("Papers per year") if kind is Kind.PAPER else self.tr("Datasets per year")
            return f"{base} · {self._facet_name(page.options['facet'])}"
        if page.chart == HEATMAP:
            what = self.tr("papers") if kind is Kind.PAPER else self.tr("datasets")
            return (f"{self._facet_name(page.options['rows'])} × {self._facet_name(page.options['cols'])}"
                    f" ({what})")
        if page.chart == VENUES:
            return self.tr("Papers per venue")
        if page.chart == MATRIX:
            shown = counts.total if counts else 0
            return self.tr("Datasets introduced or used by %1 papers").replace("%1", f"{shown:,}")
        return ""

    def _facet_name(self, key: str) -> str:
        zh = i18n.current().startswith("zh")
        for facet_key, en, zh_label in self._facets:
            if facet_key == key:
                return (zh_label or en) if zh else (en or zh_label or key)
        return key

    # ---- counting ------------------------------------------------------------------------------

    def kind_of(self, page: Page) -> Kind:
        return page.kind or self.window.current_kind()

    def current_page(self) -> Page:
        return self.pages[self.tabs.currentIndex()]

    def page(self, name: str) -> Page:
        return next(p for p in self.pages if p.name == name)

    def invalidate(self, *_args) -> None:
        """The view or the catalog changed: every page is stale, the one shown is recounted
        now (not after the tables have redrawn: its count runs meanwhile)."""
        for page in self.pages:
            page.stale = True
        self._count_current()

    def table_tab_changed(self) -> None:
        for page in self.pages:
            if page.kind is None:
                page.stale = True
        self.schedule()

    def schedule(self) -> None:
        self._timer.start()

    def count_now(self) -> None:
        """Count the page shown, if stale, now rather than after the events waiting (the
        view just opened: its first layout and paint run while the count does)."""
        self._timer.stop()
        self._count_current()

    def _count_current(self) -> None:
        page = self.current_page()
        if not page.stale or not self.isVisible():
            return
        page.stale = False
        self._generation += 1
        page.requested = generation = self._generation
        page.started = time.perf_counter()
        self.status.setText(self.tr("Counting…"))
        if page.chart == TODO:
            queries = {k: self.window.view.query(k) for k in Kind}
            check = self._duplicates_at_once
            work = lambda: self.stats.todo(queries, check_duplicates=check)  # noqa: E731
        else:
            kind, options = self.kind_of(page), dict(page.options)
            query = self.window.view.query(kind)
            work = lambda: self.stats.chart(page.chart, kind, query, **options)  # noqa: E731
        if self._counter.busy():
            self.stats.interrupt()  # what it counts is no longer wanted
        self._counter.submit(work, lambda result: self._arrived(page, generation, result),
                             lambda exc: self._failed(page, generation, exc))

    def _arrived(self, page: Page, generation: int, result) -> None:
        if generation != page.requested:
            return  # a newer request of this page is on its way
        if page.chart == TODO:
            self._show_todo(result)
        else:
            page.view.set_counts(result)
        self.status.setText(self._status_text(page, result))
        self.updated.emit(page.name, (time.perf_counter() - page.started) * 1000)

    def _failed(self, page: Page, generation: int, exc: Exception) -> None:
        if generation == page.requested:
            page.stale = True
            if isinstance(exc, core_stats.Interrupted):  # meant for an older count: count again
                self.schedule()
                return
            self.status.setText(self.tr("The statistics could not be read: %1").replace("%1", str(exc)))

    def _status_text(self, page: Page, result) -> str:
        if isinstance(result, Counts):
            if result.chart == MATRIX:
                return self.tr("%1 papers of the view link to a dataset.").replace("%1", f"{result.total:,}")
            noun = self.tr("%1 papers") if result.kind is Kind.PAPER else self.tr("%1 datasets")
            text = noun.replace("%1", f"{result.total:,}")
            if self.window.view.is_filtered():
                text = self.tr("%1 in the current view").replace("%1", text)
            return text + " · " + self.tr("Click a bar or a cell to show its entries.")
        return self.tr("Click a line to show its entries.")

    # ---- the to-do -----------------------------------------------------------------------------

    def _show_todo(self, items: list[TodoItem]) -> None:
        self._todo_items = items
        self.todo_list.clear()
        for item in items:
            line = QTreeWidgetItem([item.text(i18n.current(), translate),
                                    "…" if item.count < 0 else f"{item.count:,}"])
            line.setData(0, Qt.ItemDataRole.UserRole, item)
            line.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if item.count < 0:
                line.setToolTip(0, self.tr("Click to look for duplicates (reads every entry)."))
            self.todo_list.addTopLevelItem(line)

    def _todo_activated(self, line: QTreeWidgetItem, _column: int = 0) -> None:
        item: TodoItem = line.data(0, Qt.ItemDataRole.UserRole)
        if item is None:
            return
        if item.count < 0:
            self._check_duplicates(item.kind)
            return
        self.open_todo(item)

    def _check_duplicates(self, kind: Kind) -> None:
        self.status.setText(self.tr("Looking for duplicates…"))

        def done(_ids) -> None:
            self.page(TODO).stale = True
            self.schedule()

        run_silently(self, lambda _ctx: self.stats.duplicate_ids(kind), done,
                     lambda exc: self.status.setText(str(exc)))

    def open_todo(self, item: TodoItem) -> None:
        """Show the entries of a to-do line in their table (an id list on the view)."""
        kind = item.kind
        ids = self.stats.todo_ids(kind, self.window.view.query(kind), item.key)
        self.show_entries(kind, ids, item.text(i18n.current(), translate))

    def show_entries(self, kind: Kind, ids: list[int], label: str) -> None:
        self.window.tabs.setCurrentWidget(self.window.tables[kind])
        self.window.view.set_only(kind, ids, label)

    # ---- charts as controls --------------------------------------------------------------------

    def chart_clicked(self, page: Page, row, col) -> None:
        counts = page.view.counts
        if counts is None:
            return
        kind = self.kind_of(page)
        view = self.window.view
        if counts.chart == MATRIX:
            if row is not None:
                self.window.jump_to(Kind.PAPER, counts.rows[row].key)
            elif col is not None:
                self.window.jump_to(Kind.DATASET, counts.cols[col].key)
            return
        if counts.chart == VENUES:
            label = counts.rows[row]
            ids = self.stats.venue_ids(view.query(kind), label.key, [r.key for r in counts.rows])
            self.show_entries(kind, ids, self.tr("Venue: %1").replace("%1", label_text(label)))
            return
        tags = view.tags
        year = view.year
        if counts.chart == PER_YEAR:
            if row is not None:
                year = counts.rows[row].key
            if col is not None and counts.col_facet is not None:
                facet_id, facet_key = counts.col_facet
                tags.pop(facet_id, None)
                if counts.cols[col].key == NO_TAG:  # no tag is no tag filter: the entries, by id
                    self._show_untagged(kind, year, facet_key, row is not None and label_text(counts.rows[row]))
                    return
                tags[facet_id] = frozenset({counts.cols[col].key})
        elif counts.chart == HEATMAP:
            if row is not None:
                tags[counts.row_facet[0]] = frozenset({counts.rows[row].key})
            if col is not None:
                tags[counts.col_facet[0]] = frozenset({counts.cols[col].key})
        self.window.tabs.setCurrentWidget(self.window.tables[kind])
        view.set_filter(tags=tags, year=year)

    def _show_untagged(self, kind: Kind, year: int | None, facet_key: str, year_text: str | bool) -> None:
        query = replace(self.window.view.query(kind), year=year)
        ids = self.stats.todo_ids(kind, query, f"no_tag:{facet_key}")
        label = self.tr("No tag in “%1”").replace("%1", self._facet_name(facet_key))
        self.window.tabs.setCurrentWidget(self.window.tables[kind])
        only = {k: (self.window.view.only(k), self.window.view.only_label(k)) for k in Kind
                if self.window.view.only(k) is not None and k is not kind}
        only[kind] = (ids, f"{label} · {year_text}" if year_text else label)
        self.window.view.set_filter(year=year, only=only)

    # ---- export --------------------------------------------------------------------------------

    def export(self, page: Page, fmt: str) -> Path | None:
        """Save the page's chart (PNG, SVG at publication size) or its numbers (CSV, Markdown,
        LaTeX); returns where, None when cancelled or nothing to export."""
        counts = page.view.counts if page.view else None
        if counts is None:
            return None
        suffix = {"png": ".png", "svg": ".svg", "csv": ".csv", "markdown": ".md", "latex": ".tex"}[fmt]
        filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG image (*.svg)"),
                   "csv": self.tr("CSV (*.csv)"), "markdown": self.tr("Markdown (*.md)"),
                   "latex": self.tr("LaTeX (*.tex)")}
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export chart"), f"rsfm-{page.name}{suffix}",
                                              filters[fmt])
        if not name:
            return None
        path = Path(name) if Path(name).suffix else Path(name).with_suffix(suffix)
        try:
            self.write_export(page, fmt, path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export chart"), self.tr("%1 could not be written: %2")
                                .replace("%1", str(path)).replace("%2", exc.strerror or str(exc)))
            return None
        self.window.statusBar().showMessage(self.tr("Saved %1.").replace("%1", str(path)), 5000)
        return path

    def write_export(self, page: Page, fmt: str, path: Path) -> None:
        counts = page.view.counts
        if fmt in ("png", "svg"):
            drawing = page.view.layout_for(EXPORT_WIDTH, EXPORT_HEIGHT, style_for(self.palette()))
            if fmt == "svg":
                write_atomically(path, svg.to_svg(drawing, EXPORT_WIDTH_MM))
            elif not render_png(drawing, path, PNG_DPI * EXPORT_WIDTH_MM / 25.4 / EXPORT_WIDTH):
                raise OSError(0, self.tr("the image could not be written"))
            return
        row_header = None
        if counts.chart == HEATMAP:
            row_header = f"{self._facet_name(page.options['rows'])} \\ {self._facet_name(page.options['cols'])}"
        write_atomically(path, tables.counts_table(counts, fmt, label_text, translate, row_header))
