"""Statistics benchmark: how long the statistics view takes to show the new numbers after the
view changes, at 100,000 papers.

    python tests/benchmarks/bench_stats.py DIR_OR_URL [--runs 3] [--json FILE]

DIR_OR_URL: a catalog built by ``tests/benchmarks/bench_catalog.py --keep DIR --papers 100000``
(or a ``postgresql://`` lab catalog). Opens the real window offscreen, opens View ▸ Statistics
and, for each chart page, changes the view (a search word, a Chinese word, a tag, a tag and a
year, a year, clearing it) and measures from the change to the chart holding the new counts
(the panel's ``updated`` signal: counting on the thread pool, then the layout). Prints a table
(median and worst of ``--runs``, and the counting thread's CPU time, which a busy machine does
not inflate) and one JSON line. Target: the default chart (papers per year by model family)
within 300 ms after a filter change.
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


def measure(target: str, runs: int) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="rsfm-bench-stats-"))
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        os.environ[var] = str(home / var.lower())
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from rsfm_desktop.app import create_main_window
    from rsfm_desktop.core.fields import Kind
    from rsfm_desktop.core.store import sql
    from rsfm_desktop.ui.actions import ActionId

    app = QApplication.instance() or QApplication([])
    window = create_main_window(target, QSettings(str(home / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    catalog = window.catalog
    with catalog.store.read() as conn:
        family = sql.scalar(conn, "SELECT id FROM facet WHERE key = 'family'")
        mllm = sql.scalar(conn, "SELECT t.id FROM tag t WHERE t.facet_id = :f AND t.label_en = 'MLLM'", {"f": family})
    papers = catalog.entries.count(Kind.PAPER)

    # The counting thread's CPU time, per request (the work function runs on the pool).
    panel_cpu: list[float] = []
    stats = catalog.stats
    original_chart, original_todo = stats.chart, stats.todo

    def timed(function):
        def run(*args, **kwargs):
            start = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                panel_cpu.append((time.thread_time() - start) * 1000)
        return run

    stats.chart, stats.todo = timed(original_chart), timed(original_todo)

    window.actions[ActionId.STATISTICS].trigger()
    panel = window.stats_controller.panel

    def wait_update(action, page: str, timeout_ms: int = 120_000) -> float:
        loop = QEventLoop()
        got: list[float] = []

        def updated(name: str, ms: float) -> None:
            if name == page:
                got.append(ms)
                loop.quit()

        panel.updated.connect(updated)
        QTimer.singleShot(timeout_ms, loop.quit)
        start = time.perf_counter()
        action()
        if not got:
            loop.exec()
        panel.updated.disconnect(updated)
        if not got:
            raise RuntimeError(f"{page}: no update within {timeout_ms} ms")
        return (time.perf_counter() - start) * 1000

    view = window.view
    changes = [
        ("search 'remote'", lambda: view.set_filter("remote", {}, year=None)),
        ("search '遥感'", lambda: view.set_filter("遥感", {}, year=None)),
        ("tag MLLM", lambda: view.set_filter("", {family: {mllm}}, year=None)),
        ("tag MLLM + year 2024", lambda: view.set_filter("", {family: {mllm}}, year=2024)),
        ("year 2024", lambda: view.set_filter("", {}, year=2024)),
        ("search + tag", lambda: view.set_filter("model", {family: {mllm}}, year=None)),
        ("clear the filter", lambda: view.set_filter("", {}, year=None)),
    ]
    result: dict = {"papers": papers, "target_ms": TARGET_MS, "pages": {}}
    for page_name in ("perYear", "heatmap", "datasetsPerYear", "venues", "matrix", "todo"):
        page = panel.page(page_name)
        view.clear()
        first = wait_update(lambda p=page: panel.tabs.setCurrentWidget(p.widget), page_name)
        rows = {"first open": {"median_ms": first, "worst_ms": first, "cpu_ms": panel_cpu[-1]}}
        for label, change in changes:
            walls, cpus = [], []
            for _ in range(runs):
                # From the whole catalog (from a search, for clearing it), its counts shown.
                view.set_filter("remote" if label == "clear the filter" else "", {}, year=None, only={})
                if page.stale:
                    wait_update(lambda: None, page_name)
                walls.append(wait_update(change, page_name))
                cpus.append(panel_cpu[-1])
            rows[label] = {"median_ms": statistics.median(walls), "worst_ms": max(walls),
                           "cpu_ms": statistics.median(cpus)}
        result["pages"][page_name] = rows
    window.close()
    return result


def print_table(result: dict) -> None:
    print(f"statistics at {result['papers']:,} papers (target: papers per year within {TARGET_MS} ms)")
    print(f"{'page':18s}{'change':24s}{'median':>10s}{'worst':>10s}{'cpu':>10s}")
    for page, rows in result["pages"].items():
        for label, row in rows.items():
            print(f"{page:18s}{label:24s}{row['median_ms']:8.0f}ms{row['worst_ms']:8.0f}ms{row['cpu_ms']:8.0f}ms")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", help="a catalog folder or postgresql:// URL (bench_catalog.py --keep)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    result = measure(args.target, args.runs)
    print_table(result)
    print(json.dumps(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return result


if __name__ == "__main__":
    main()
