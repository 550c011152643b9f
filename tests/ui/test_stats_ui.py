"""View ▸ Statistics: charts of the current view that filter the tables when clicked, exports that
hold the chart's numbers, the curation to-do, and a start-up that does not load any of it."""

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QToolButton

from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.paths import bundled_catalog
from rsfm_desktop.ui.actions import ActionId

REPO_ROOT = Path(__file__).resolve().parents[2]


def open_stats(qtbot, window, page="perYear"):
    window.actions[ActionId.STATISTICS].trigger()
    panel = window.stats_controller.panel
    target = panel.page(page)
    with qtbot.waitSignal(panel.updated, timeout=10_000, check_params_cb=lambda name, _ms: name == page):
        panel.tabs.setCurrentWidget(target.widget)
        panel.schedule()
    return panel, target


def click_hit(qtbot, view, predicate):
    """Click the centre of the first bar or cell whose (row, column) satisfies ``predicate``."""
    rect = next(r for r in view.drawing().hits() if predicate(*r.hit))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(round(rect.x + rect.w / 2), round(rect.y + rect.h / 2)))


def shown(window, kind=Kind.PAPER):
    return window.tables[kind].catalog_model().ids()


def test_opening_the_view_counts_at_once(qtbot, make_window):
    """The page shown is counted as the view opens, its count running while the dock is first
    laid out and painted (not after the events waiting)."""
    window = make_window(bundled_catalog())
    window.actions[ActionId.STATISTICS].trigger()
    panel = window.stats_controller.panel
    page = panel.current_page()
    assert not page.stale and page.requested  # handed to the worker already
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        pass
    assert page.view.counts.total == window.catalog.entries.count(Kind.PAPER)


def test_clicking_a_bar_filters_the_table_to_its_year_and_tag(qtbot, make_window):
    window = make_window(bundled_catalog())
    panel, page = open_stats(qtbot, window)
    counts = page.view.counts
    row = next(i for i, r in enumerate(counts.rows) if r.key == 2024)
    col = next(i for i, c in enumerate(counts.cols) if c.text() == "MLLM")
    assert page.view.drawing().tips[(row, col)] == "2024 · MLLM: 7"  # what hovering says
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        click_hit(qtbot, page.view, lambda r, c: (r, c) == (row, col))
    family_id, _key = counts.col_facet
    mllm = counts.cols[col].key
    assert window.view.year == 2024 and window.view.tags == {family_id: frozenset({mllm})}
    expected = window.catalog.entries.list_ids(Kind.PAPER, Query(tags={family_id: frozenset({mllm})}, year=2024))
    assert len(shown(window)) == 7 and shown(window) == expected
    assert window.taxonomy_controller.sidebar.tag_filter() == {family_id: frozenset({mllm})}  # the sidebar shows it
    assert "Year 2024" in window.stats_controller.filter_bar.chips()
    assert page.view.counts.total == 7  # the chart follows the view it made
    # The chip lifts the year again.
    qtbot.mouseClick(window.stats_controller.filter_bar.findChild(QToolButton, "yearFilterClear"),
                     Qt.MouseButton.LeftButton)
    assert window.view.year is None and len(shown(window)) == 9


def test_clicking_a_heat_map_cell_sets_both_tags(qtbot, make_window):
    window = make_window(bundled_catalog())
    panel, page = open_stats(qtbot, window, "heatmap")
    counts = page.view.counts
    (row, col), value = next((k, v) for k, v in sorted(counts.cells.items()) if v)
    click_hit(qtbot, page.view, lambda r, c: (r, c) == (row, col))
    assert window.view.tags == {counts.row_facet[0]: frozenset({counts.rows[row].key}),
                                counts.col_facet[0]: frozenset({counts.cols[col].key})}
    assert len(shown(window)) == value


def test_exported_svg_and_csv_hold_the_same_numbers(qtbot, make_window, tmp_path):
    window = make_window(bundled_catalog())
    panel, page = open_stats(qtbot, window)
    panel.write_export(page, "svg", tmp_path / "chart.svg")
    panel.write_export(page, "csv", tmp_path / "chart.csv")
    panel.write_export(page, "png", tmp_path / "chart.png")
    rows = list(csv.reader(io.StringIO((tmp_path / "chart.csv").read_text(encoding="utf-8"))))
    header = rows[0]
    from_csv = {f"{row[0]} · {header[c]}: {row[c]}" for row in rows[1:] for c in range(1, len(header) - 1)
                if row[c] != "0"}
    svg_text = (tmp_path / "chart.svg").read_text(encoding="utf-8")
    titles = set(re.findall(r"<title>([^<]*)</title>", svg_text))
    assert from_csv and from_csv <= titles
    assert {t for t in titles if " · " in t} == from_csv  # every bar is in the CSV
    assert 'width="180mm"' in svg_text
    from PySide6.QtGui import QImage

    image = QImage(str(tmp_path / "chart.png"))
    assert image.width() >= 2000  # 180 mm at 300 dpi


def test_heat_map_exports_as_markdown_and_latex(qtbot, make_window, tmp_path):
    window = make_window(bundled_catalog())
    panel, page = open_stats(qtbot, window, "heatmap")
    panel.write_export(page, "markdown", tmp_path / "t.md")
    panel.write_export(page, "latex", tmp_path / "t.tex")
    md = (tmp_path / "t.md").read_text(encoding="utf-8").splitlines()
    assert md[0].startswith("| Task \\ Modality | Optical/RGB |") and len(md) == 2 + len(page.view.counts.rows)
    assert r"\begin{tabular}" in (tmp_path / "t.tex").read_text(encoding="utf-8")


def test_a_to_do_line_opens_its_entries_in_the_table(qtbot, make_window):
    window = make_window(bundled_catalog())
    panel, page = open_stats(qtbot, window, "todo")
    lines = {panel.todo_list.topLevelItem(i).text(0): panel.todo_list.topLevelItem(i)
             for i in range(panel.todo_list.topLevelItemCount())}
    line = lines["Papers without a year"]
    assert line.text(1) == "4"
    assert lines["Papers that look like duplicates"].text(1) == "0"  # a small catalog is checked at once
    panel.todo_list.itemClicked.emit(line, 0)
    assert len(shown(window)) == 4
    assert all(window.catalog.entries.get(Kind.PAPER, i).year is None for i in shown(window))
    assert any("Papers without a year (4 papers)" in chip for chip in window.stats_controller.filter_bar.chips())
    unlinked = lines["Datasets no paper links to"]
    panel.todo_list.itemClicked.emit(unlinked, 0)
    assert window.current_kind() is Kind.DATASET and len(shown(window, Kind.DATASET)) == int(unlinked.text(1))
    assert len(shown(window)) == 4  # the papers' list stays
    window.view.clear()
    assert len(shown(window)) == 71


def test_the_statistics_follow_a_search_and_a_change(qtbot, make_window):
    window = make_window(bundled_catalog())
    panel, page = open_stats(qtbot, window)
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        window.view.set_text("遥感")
    found = len(window.catalog.entries.list_ids(Kind.PAPER, Query(text="遥感")))
    assert 0 < found < window.catalog.entries.count(Kind.PAPER)
    assert page.view.counts.total == len(shown(window)) == found
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        window.undo_stack.push_done(window.catalog.entries.delete(Kind.PAPER, shown(window)[:2]))
    assert page.view.counts.total == found - 2


def test_charts_follow_the_theme_and_the_language(qtbot, make_window):
    from rsfm_desktop.core.stats import chart
    from rsfm_desktop.ui.theme import dark_palette

    window = make_window(bundled_catalog())
    panel, page = open_stats(qtbot, window)
    assert page.view.drawing().style == chart.LIGHT
    page.view.setPalette(dark_palette())
    assert page.view.drawing().style == chart.DARK


def test_start_up_loads_no_statistics(tmp_path):
    """The statistics' modules are imported when the view is first opened, not at start-up."""
    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM'] = 'offscreen';"
        "from PySide6.QtCore import QSettings; from PySide6.QtWidgets import QApplication;"
        "app = QApplication([]);"
        "from rsfm_desktop.app import create_main_window;"
        f"w = create_main_window({str(tmp_path / 'c')!r}, QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat), None);"
        "print(sorted(m for m in sys.modules if 'stats_panel' in m or 'core.stats.chart' in m))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(REPO_ROOT),
                               "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path),
                               "XDG_CACHE_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_a_burst_of_filter_changes_counts_the_first_and_the_newest_view_only(qtbot, make_window):
    """While a count runs, later changes of the view wait; only the newest of them is counted
    (the ones it replaced never run) and its numbers are what the chart shows."""
    import threading

    window = make_window(bundled_catalog())
    panel, page = open_stats(qtbot, window)
    stats = panel.stats
    original = stats.chart
    release = threading.Event()
    counted: list[str] = []

    def held_chart(chart, kind, query, **options):
        counted.append(query.text)
        if len(counted) == 1:
            release.wait(10)
        return original(chart, kind, query, **options)

    stats.chart = held_chart
    words = ["remote", "遥感", "sensing", "model"]
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        for word in words:
            window.view.set_text(word)
            qtbot.wait(30)  # events run between the changes (typing)
        release.set()
    qtbot.waitUntil(lambda: page.view.counts.total == len(window.catalog.entries.list_ids(Kind.PAPER, Query("model"))))
    qtbot.wait(100)
    assert counted == ["remote", "model"]


def test_a_large_catalogs_duplicates_line_is_checked_when_clicked(qtbot, make_window, monkeypatch):
    from rsfm_desktop.ui.widgets import stats_panel

    monkeypatch.setattr(stats_panel, "CHECK_DUPLICATES_UP_TO", 10)  # as if 100,000 entries
    window = make_window(bundled_catalog())
    panel, page = open_stats(qtbot, window, "todo")

    def line():
        return next(panel.todo_list.topLevelItem(i) for i in range(panel.todo_list.topLevelItemCount())
                    if panel.todo_list.topLevelItem(i).text(0) == "Papers that look like duplicates")

    assert line().text(1) == "…"
    with qtbot.waitSignal(panel.updated, timeout=10_000):
        panel.todo_list.itemClicked.emit(line(), 0)
    assert line().text(1) == "0"
