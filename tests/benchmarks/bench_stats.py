"""Statistics benchmark: how long the statistics view takes, after a filter change, to show the
chart redrawn with the new numbers, at 100,000 papers, on SQLite and on PostgreSQL.

    python tests/benchmarks/bench_stats.py DIR_OR_URL [--runs 3] [--pages perYear,heatmap]
        [--json FILE] [--no-result-cache]
    python tests/benchmarks/bench_stats.py --postgres [--papers 100000] [...]

DIR_OR_URL: a catalog built by ``tests/benchmarks/bench_catalog.py --keep DIR --papers 100000``
(or a ``postgresql://`` lab catalog; one with fewer than 1,000 papers is filled with
``--papers`` generated ones first). ``--postgres`` starts a throw-away PostgreSQL server
(tests/support/pg_server.py) and builds the catalog there.

Opens the real window offscreen (1600 × 1000), opens View ▸ Statistics and, for each chart page,
changes the view (narrowing: a tag, a tag and a year, a year, a Chinese word; broad: a word in
most papers; clearing the filter) and measures what the user waits for: from the change (the
search box or sidebar setting the view, so the tables re-query first, as in the app) to the
chart *painted* with the new counts. Each figure is split into the GUI thread's share of the
change itself (the tables' re-query), the counting (on the thread pool; its wall time and the
thread's CPU time, which a busy machine does not inflate) and the drawing (layout and paint).
The first page's "first open" runs from View ▸ Statistics (the dock shown, laid out, counted and
painted; the dock's widgets are made before, as the menu's first use loads them), each other
page's from its tab chosen.

``--no-result-cache`` empties the statistics' cache of answers before each change, so every
figure is a recount (the cache answers a view seen before since the catalog last changed, such
as clearing a filter). Prints a table (median and worst of ``--runs``) and one JSON line.

On a catalog folder the statistics' facts are kept between runs (``stats-facts.sqlite3`` beside
the catalog): the first run on a folder reads them (its "first open" of papers per year is that
read), a later run finds them kept. ``--fresh-facts`` deletes the kept facts first, to measure
the first open of a catalog never counted; the table's header says which it was.
Target: ≤ 300 ms for every chart, from the change to the chart painted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
TARGET_MS = 300
PAGES = ("perYear", "heatmap", "datasetsPerYear", "venues", "matrix", "todo")


def measure(target: str, runs: int, pages: tuple[str, ...] = PAGES, result_cache: bool = True,
            fresh_facts: bool = False) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="rsfm-bench-stats-"))
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        os.environ[var] = str(home / var.lower())
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from rsfm_desktop.app import create_main_window
    from rsfm_desktop.core.fields import Kind
    from rsfm_desktop.core.store import sql
    from rsfm_desktop.ui.actions import ActionId

    app = QApplication.instance() or QApplication([])
    if fresh_facts and "://" not in str(target):
        from rsfm_desktop.core.stats.facts import KEPT_FILE

        for suffix in ("", "-wal", "-shm"):
            (Path(target) / f"{KEPT_FILE}{suffix}").unlink(missing_ok=True)
    window = create_main_window(target, QSettings(str(home / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    catalog = window.catalog
    with catalog.store.read() as conn:
        family = sql.scalar(conn, "SELECT id FROM facet WHERE key = 'family'")
        mllm = sql.scalar(conn, "SELECT t.id FROM tag t WHERE t.facet_id = :f AND t.label_en = 'MLLM'", {"f": family})
    papers = catalog.entries.count(Kind.PAPER)

    # The counting: when it started and ended on the pool, and its thread's CPU time.
    work: list[tuple[float, float, float]] = []
    stats = catalog.stats
    original_chart, original_todo = stats.chart, stats.todo

    def timed(function):
        def run(*args, **kwargs):
            start, cpu = time.perf_counter(), time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                work.append((start, time.perf_counter(), (time.thread_time() - cpu) * 1000))
        return run

    stats.chart, stats.todo = timed(original_chart), timed(original_todo)

    # The dock made (its modules loaded) but not shown: the first page's open is measured from
    # View ▸ Statistics itself (its count starts as the dock shows).
    window.stats_controller._ensure_dock()
    panel = window.stats_controller.panel

    class PaintWatch(QObject):
        """When a widget was last painted (the chart's own ``painted`` signal comes after its
        paint; the to-do list's paint event, a few lines of text, is taken as it starts)."""

        def __init__(self):
            super().__init__()
            self.at: float | None = None

        def eventFilter(self, _obj, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint:
                self.at = time.perf_counter()
            return False

        def mark(self) -> None:
            self.at = time.perf_counter()

    def wait_painted(action, page, timeout_ms: int = 120_000) -> dict:
        """Run ``action`` and wait for ``page`` to show new counts and paint them."""
        watch = PaintWatch()
        if page.view is not None:
            page.view.painted.connect(watch.mark)
        else:
            panel.todo_list.viewport().installEventFilter(watch)
        loop = QEventLoop()
        got: list[float] = []

        def updated(name: str, _ms: float) -> None:
            if name == page.name and not got:
                got.append(time.perf_counter())
                watch.at = None  # a paint from now on shows the new counts
                QTimer.singleShot(0, poll)

        def poll() -> None:
            if watch.at is not None:
                loop.quit()
            else:
                QTimer.singleShot(1, poll)

        panel.updated.connect(updated)
        QTimer.singleShot(timeout_ms, loop.quit)
        done_before = len(work)
        start = time.perf_counter()
        action()
        gui = time.perf_counter()
        loop.exec()
        panel.updated.disconnect(updated)
        if page.view is not None:
            page.view.painted.disconnect(watch.mark)
        else:
            panel.todo_list.viewport().removeEventFilter(watch)
        if not got or watch.at is None:
            raise RuntimeError(f"{page.name}: no update within {timeout_ms} ms")
        mine = work[done_before:]
        count_start, count_end, cpu = mine[-1] if mine else (gui, gui, 0.0)
        return {"total": (watch.at - start) * 1000, "gui": (gui - start) * 1000,
                "wait": (count_start - gui) * 1000, "count": (count_end - count_start) * 1000, "cpu": cpu,
                "draw": (watch.at - count_end) * 1000}

    def settle(page) -> None:
        if page.stale:
            wait_painted(lambda: None, page)

    def forget() -> None:
        if not result_cache and hasattr(stats, "forget_answers"):
            stats.forget_answers()

    view = window.view
    narrowing = [
        ("tag MLLM", lambda: view.set_filter("", {family: {mllm}}, year=None)),
        ("tag MLLM + year 2024", lambda: view.set_filter("", {family: {mllm}}, year=2024)),
        ("year 2024", lambda: view.set_filter("", {}, year=2024)),
        ("search '遥感'", lambda: view.set_filter("遥感", {}, year=None)),
        ("search + tag", lambda: view.set_filter("model", {family: {mllm}}, year=None)),
    ]
    broad = [("search 'remote'", lambda: view.set_filter("remote", {}, year=None))]
    clear = [("clear the filter", lambda: view.set_filter("", {}, year=None))]
    result: dict = {"papers": papers, "engine": catalog.store.dialect, "target_ms": TARGET_MS,
                    "result_cache": result_cache, "pages": {}}
    facts = getattr(stats, "facts", None)
    def open_page(page, menu: bool) -> None:
        if menu:
            window.actions[ActionId.STATISTICS].trigger()
        panel.tabs.setCurrentWidget(page.widget)

    for number, page_name in enumerate(pages):
        page = panel.page(page_name)
        view.clear()
        forget()
        first = wait_painted(lambda p=page, menu=number == 0: open_page(p, menu), page)
        rows = {"first open": {k: {"median": v, "worst": v, "of_worst": v} for k, v in first.items()}}
        for label, change in narrowing + broad + clear:
            samples = []
            for _ in range(runs):
                # From the whole catalog (from the broad search, for clearing it), its counts shown.
                view.set_filter("remote" if label == "clear the filter" else "", {}, year=None, only={})
                settle(page)
                forget()
                samples.append(wait_painted(change, page))
            worst = max(samples, key=lambda s: s["total"])
            rows[label] = {k: {"median": statistics.median(s[k] for s in samples),
                               "worst": max(s[k] for s in samples), "of_worst": worst[k]} for k in samples[0]}
        result["pages"][page_name] = rows
    if facts is not None:  # the facts' reads (0: kept from an earlier run) and where they live
        result["facts_read"] = facts.state.builds
        result["facts_kept"] = getattr(facts.state, "kept", None) is not None
    window.close()
    catalog.close()
    return result


def print_table(result: dict) -> None:
    print(f"statistics at {result['papers']:,} papers on {result['engine']}"
          f" (target: {TARGET_MS} ms from the change to the chart painted;"
          f" answer cache {'on' if result['result_cache'] else 'off'})")
    if "facts_read" in result:
        kept = "kept in a file" if result["facts_kept"] else "temporary tables"
        print(f"facts: {kept}; read afresh {result['facts_read']} time(s) in this run"
              + (" (found kept from an earlier run)" if result["facts_read"] == 0 else ""))
    parts = ("gui", "wait", "count", "cpu", "draw")
    print(f"{'page':17s}{'change':22s}{'median':>8s}{'worst':>8s}  |" + "".join(f"{p:>6s}" for p in parts)
          + "  (the worst run's parts, ms)")
    for page, rows in result["pages"].items():
        for label, row in rows.items():
            print(f"{page:17s}{label:22s}{row['total']['median']:6.0f}ms{row['total']['worst']:6.0f}ms  |"
                  + "".join(f"{row[p]['of_worst']:6.0f}" for p in parts))


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", nargs="?", help="a catalog folder or postgresql:// URL (bench_catalog.py --keep)")
    parser.add_argument("--postgres", action="store_true", help="start a throw-away PostgreSQL server and build the catalog there")
    parser.add_argument("--papers", type=int, default=100_000, help="papers to generate into a new catalog")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated: " + ", ".join(PAGES))
    parser.add_argument("--no-result-cache", action="store_true", help="recount every view (no cached answers)")
    parser.add_argument("--fresh-facts", action="store_true",
                        help="delete the statistics facts kept in the catalog folder first (a first open ever)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    from tests.benchmarks.bench_catalog import build_catalog, has_catalog

    server = None
    target = args.target
    if args.postgres:
        from tests.support.pg_server import PostgresServer

        server = PostgresServer(shared_buffers="1GB").start()
        target = server.create_database("bench")
    if target is None:
        parser.error("give a catalog folder or URL, or --postgres")
    try:
        if not has_catalog(target):
            print(f"building a catalog of {args.papers:,} papers in {target} …", flush=True)
            print(build_catalog(target, args.papers), flush=True)
        result = measure(target, args.runs, tuple(p for p in args.pages.split(",") if p), not args.no_result_cache,
                         args.fresh_facts)
    finally:
        if server is not None:
            server.close()
    print_table(result)
    print(json.dumps(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return result


if __name__ == "__main__":
    main()
