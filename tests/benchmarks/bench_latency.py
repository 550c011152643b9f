"""Latency a user feels, measured in the real window at N papers (default 100,000):

    python tests/benchmarks/bench_latency.py [--papers N] [--catalog DIR] [--json FILE]

* keystroke → updated table: keys typed into the real search box (the real coalescing timer),
  from each key press to the first paint of the table showing a search that includes it (its
  first rows, when they come before the whole answer); typed at 150 ms per key (a steady
  typist) and at 40 ms per key (a burst); p50 / p95; and, beside it, until the whole answer
  (all rows, the count) was in (``all_rows``);
* the longest GUI-thread stall (an event-loop heartbeat: a 10 ms QTimer recording the longest
  gap between its ticks, ``tests/support/stall.py``) while typing a search, typing a note,
  sorting by each column, switching rows, refreshing the tag counts, and while a 10,000-entry
  import and a backup run in the background; with, for each, the most CPU time the GUI thread
  itself spent in one gap (``stall_cpu_ms``: on a loaded machine a gap also holds the time the
  process waited for a core);
* the process's CPU seconds (user + system) for each activity (``cpu_s``).

``RSFM_EXPLAIN_STALLS_MS=100`` prints where the GUI thread was during each stall over 100 ms.
``--timeline`` prints, for the slowest keystrokes, where their time went: the key press, the
wait for the worker (a query still running), the query, the wait for the GUI thread, showing
the rows and painting them; and how long the table's paints took. ``--only keystrokes`` skips
the other activities (a quick A/B of the search); ``--only note`` types a note in 10 entries in
turn, then in 5 more whose autosave each crosses SQLite's automatic checkpoint size (another
program's writes fill the log to just under 1,000 pages first).
``--catalog DIR`` copies the catalog in DIR (e.g. one ``bench_catalog.py --keep DIR`` built)
instead of building one; the copy is changed (an import, notes), never DIR. Prints a table and
the figures as JSON. The machine is shared and noisy: compare figures of one run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = tempfile.mkdtemp(prefix="rsfm-bench-home-")  # never the user's settings or caches
for _var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = os.path.join(_HOME, _var.lower())

from PySide6.QtCore import QEvent, QObject, QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.support.stall import StallWatch as _StallWatch  # noqa: E402

EXPLAIN_MS = float(os.environ["RSFM_EXPLAIN_STALLS_MS"]) if os.environ.get("RSFM_EXPLAIN_STALLS_MS") else None


def StallWatch():  # noqa: N802 (the heartbeat, explaining stalls when asked to)
    return _StallWatch(explain_over_ms=EXPLAIN_MS)


def _pct(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 1), "p95_ms": round(p95 * 1000, 1),
            "max_ms": round(ordered[-1] * 1000, 1), "n": len(ordered)}


def spin(seconds: float) -> None:
    """Run the event loop for ``seconds`` (as a user waiting does)."""
    app = QApplication.instance()
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def spin_until(condition, timeout: float = 600) -> bool:
    app = QApplication.instance()
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            return False
        app.processEvents()
        time.sleep(0.001)
    return True


def type_key(widget, ch: str) -> None:
    """One key as a user types it: ASCII as a key press, Chinese as an input method's commit."""
    if ch.isascii():
        QTest.keyClicks(widget, ch)
        return
    from PySide6.QtGui import QInputMethodEvent

    event = QInputMethodEvent("", [])
    event.setCommitString(ch)
    QApplication.sendEvent(widget, event)


class Paints(QObject):
    """Time stamps of the paints of a widget."""

    def __init__(self, widget):
        super().__init__(widget)
        self.times: list[float] = []
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.times.append(time.perf_counter())
        return False


class Timeline:
    """When each background query ran (on the worker), and when each paint of the table began
    and ended: where a slow keystroke's time went (``--timeline``)."""

    def __init__(self):
        self.queries: list[tuple[str, float, float]] = []  # (text, start, end) on the worker
        self.paints: list[tuple[float, float]] = []

    def install(self, table) -> None:
        from rsfm_desktop.ui.models.catalog_table_model import CatalogTableModel

        answer = CatalogTableModel._answer.__func__
        queries, paints = self.queries, self.paints

        measured = table.catalog_model().kind

        def timed_answer(cls, repo, kind, query, *args, **kwargs):
            start = time.perf_counter()
            try:
                return answer(cls, repo, kind, query, *args, **kwargs)
            finally:
                if kind is measured:  # not the other tab's table
                    queries.append((query.text, start, time.perf_counter()))

        CatalogTableModel._answer = classmethod(timed_answer)
        paint = type(table).paintEvent

        def timed_paint(view, event):
            start = time.perf_counter()
            paint(view, event)
            paints.append((start, time.perf_counter()))

        type(table).paintEvent = timed_paint

    def explain(self, label: str, keys: list[tuple[float, float, str, float, float]], slowest: int = 8) -> None:
        """``keys``: (pressed, press returned, text, rows shown, painted) of each keystroke."""
        ms = lambda a, b: f"{(b - a) * 1000:.0f}"  # noqa: E731
        print(f"-- {label}: the {slowest} slowest keystrokes (ms after the key press)", flush=True)
        for pressed, returned, text, shown, painted in sorted(keys, key=lambda k: k[0] - k[4])[:slowest]:
            ran = [(q, a, b) for q, a, b in self.queries if b > pressed and a < shown]
            mine = next(((a, b) for q, a, b in ran if q.startswith(text)), None)
            before = "; ".join(f"{q!r} {ms(pressed, a)}..{ms(pressed, b)}" for q, a, b in ran
                               if mine is None or a < mine[0])
            query = f"query {ms(pressed, mine[0])}..{ms(pressed, mine[1])}" if mine else "query on the GUI thread"
            print(f"{(painted - pressed) * 1000:6.0f}  {text!r:16} press {ms(pressed, returned)}, {query},"
                  f" shown {ms(pressed, shown)}, painted {ms(pressed, painted)}"
                  f" | worker busy before it: {before or '-'}", flush=True)
        spans = sorted((b - a) * 1000 for a, b in self.paints)
        if spans:
            print(f"   table paints: n {len(spans)}, p50 {statistics.median(spans):.1f} ms,"
                  f" max {spans[-1]:.1f} ms, total {sum(spans):.0f} ms", flush=True)
        self.queries.clear()
        self.paints.clear()


TIMELINE: Timeline | None = None


def measure_keystrokes(window, words: list[str], interval_s: float, label: str = "") -> tuple[dict, "_StallWatch"]:
    """Keystroke → table painted with a search that includes it; and the longest stall."""
    model = window.tables[window.current_kind()].catalog_model()
    paints = Paints(window.tables[window.current_kind()].viewport())
    keys = []
    shown: list[tuple[float, str]] = []  # (time, search text) whenever the rows changed
    model.queryChanged.connect(lambda: shown.append((time.perf_counter(), model.query.text)))
    whole: list[tuple[float, str]] = []  # (time, search text) whenever all the rows were in
    partial = getattr(model, "partial", lambda: False)
    model.queryChanged.connect(lambda: partial() or whole.append((time.perf_counter(), model.query.text)))
    whole_samples = []
    box = window.search_box
    samples = []
    watch = StallWatch().start()
    for word in words:
        box.clear()
        spin(0.3)
        typed: list[tuple[float, str]] = []
        for ch in word:
            pressed = time.perf_counter()  # before: a search run inside the key press counts
            type_key(box, ch)
            typed.append((pressed, box.text(), time.perf_counter()))
            spin(interval_s)
        # the rows the user sees are right, and the whole answer (the row count) is in
        spin_until(lambda: model.query.text == box.text() and not model.searching() and not partial(),
                   timeout=30)
        spin(0.3)
        for when, text, returned in typed:
            # the first query run after this key that includes it (its text starts with it)
            answered = next((t for t, q in shown if t >= when and q.startswith(text)), None)
            if answered is None:
                continue
            painted = next((p for p in paints.times if p >= answered), answered)
            samples.append(painted - when)
            keys.append((when, returned, text, answered, painted))
            complete = next((t for t, q in whole if t >= when and q.startswith(text)), None)
            if complete is not None:
                whole_samples.append(complete - when)
    watch.stop()
    if TIMELINE is not None:
        TIMELINE.explain(label, keys)
    box.clear()
    spin(0.5)
    return {**_pct(samples), "all_rows": _pct(whole_samples)}, watch


def _cpu_s() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def stall_of(action, settle: float = 0.5) -> "_StallWatch":
    watch = StallWatch().start()
    action()
    spin(settle)
    watch.stop()
    return watch


class Activities:
    """Each activity's longest stall, the GUI thread's CPU in its busiest gap, and CPU seconds."""

    def __init__(self, out: dict):
        self.out = out
        out.setdefault("stall_ms", {})
        out.setdefault("stall_cpu_ms", {})
        out.setdefault("cpu_s", {})

    def record(self, name: str, run):
        """``run()`` returns a StallWatch (and optionally more, as a tuple)."""
        started = _cpu_s()
        found = run()
        watch, rest = (found[-1], found[:-1]) if isinstance(found, tuple) else (found, ())
        self.out["stall_ms"][name] = round(watch.longest_ms, 1)
        self.out["stall_cpu_ms"][name] = round(watch.busiest_cpu_ms, 1)
        self.out["cpu_s"][name] = round(_cpu_s() - started, 2)
        return rest[0] if rest else None


def _import_activity(window, activity: Activities, out: dict) -> None:
    """A 10,000-entry BibTeX import (read, plan, preview, apply) in the background."""
    from tests.benchmarks.bench_import import generate

    bib = Path(_HOME) / "import-10000.bib"
    bib.write_text(generate(10_000), encoding="utf-8")
    io = window.io_controller
    # The start-up's background work (the ORM warm-up, the integrity check, tag counts) runs
    # longer than its 3 s on a loaded machine: its stalls are not the import's.
    from PySide6.QtCore import QThreadPool

    spin_until(lambda: QThreadPool.globalInstance().activeThreadCount() == 0, timeout=120)
    spin(0.5)

    def import_in_background():
        t = time.perf_counter()
        io.start_import(bib)
        spin_until(lambda: io.preview is not None and io.preview.isVisible())
        out["import_plan_s"] = round(time.perf_counter() - t, 1)
        t = time.perf_counter()
        io.preview.accept()
        spin_until(lambda: io.task is None, timeout=1200)
        out["import_apply_s"] = round(time.perf_counter() - t, 1)

    activity.record("a 10,000-entry import (read, plan, apply) in the background", lambda: stall_of(import_in_background))


NOTE_ROUNDS = 10  # ``--only note``: a note typed in this many entries, one after another
CHECKPOINT_ROUNDS = 5  # ``--only note``: then in this many, each saved as the log reaches 1,000 pages
_SHM_MAX_FRAME = 16  # the wal-index header in ``-shm``: the log's last frame (native u32)


def _fill_log_to_checkpoint(catalog_dir: Path, short_of: int = 8) -> int:
    """Rewrite paper rows as they are, from a connection of its own (another program writing),
    until the catalog's log holds ``short_of`` pages less than SQLite's automatic checkpoint
    size (1,000 pages): the next commits, the note's autosave, cross it. Returns the pages."""
    import sqlite3
    import struct

    from rsfm_desktop.core.store.sqlite import catalog_path

    path = catalog_path(catalog_dir)
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # a log started anew: its pages known
        shm = Path(f"{path}-shm")

        def frames() -> int:
            return struct.unpack_from("=I", shm.read_bytes(), _SHM_MAX_FRAME)[0]

        ids = [row[0] for row in conn.execute("SELECT id FROM paper ORDER BY id LIMIT 20000")]
        i = 0
        while frames() < 1000 - short_of - 40:  # in batches, then a row at a time
            conn.executemany("UPDATE paper SET title = title WHERE id = ?", [(x,) for x in ids[i:i + 20]])
            i += 20
        while frames() < 1000 - short_of:
            conn.execute("UPDATE paper SET title = title WHERE id = ?", (ids[i],))
            i += 1
        return frames()
    finally:
        conn.close()


def _type_note(window) -> None:
    editor = window.detail.notes.editor
    for ch in "Reading notes: the ablation needs the baseline checkpoint. 复现消融实验。 " * 3:
        type_key(editor, ch)
        spin(0.03)
    spin(1.5)  # the autosave


def run(catalog_dir: Path, only: str | None = None) -> dict:
    from rsfm_desktop.app import create_main_window
    from rsfm_desktop.core.fields import Kind

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(Path(_HOME) / "settings.ini"), QSettings.Format.IniFormat)
    started = time.perf_counter()
    window = create_main_window(catalog_dir, settings)
    window.resize(1400, 900)
    window.show()
    spin_until(lambda: window.tables[Kind.PAPER].model().rowCount() > 0)
    spin(3)  # the start-up's background work (tag counts, the integrity check) settles
    out: dict = {"papers": window.tables[Kind.PAPER].model().rowCount(),
                 "window_open_s": round(time.perf_counter() - started, 2), "stall_ms": {}}
    print(f"window open with {out['papers']:,} papers", flush=True)

    if TIMELINE is not None:
        TIMELINE.install(window.tables[Kind.PAPER])
    activity = Activities(out)
    if only == "import":
        _import_activity(window, activity, out)
        window.close()
        window.catalog.close()
        return out
    if only != "note":
        words = ["remote", "segmentation", "遥感", "变化检测", "grounding", "zero-shot", "diffusion"]
        out["keystroke_steady"] = activity.record("typing a search (150 ms/key)",
                                                  lambda: measure_keystrokes(window, words, 0.15, "150 ms a key"))
        out["keystroke_burst"] = activity.record("typing a search (40 ms/key)",
                                                 lambda: measure_keystrokes(window, words, 0.04, "40 ms a key"))
        out["keystroke_chinese"] = activity.record("typing Chinese (150 ms/char)",
                                                   lambda: measure_keystrokes(window, ["遥感", "变化检测", "雷达", "语义分割"], 0.15,
                                                                              "Chinese, 150 ms a character"))
        print("keystrokes", out["keystroke_steady"], out["keystroke_burst"], out["keystroke_chinese"], flush=True)
    if only == "keystrokes":
        window.close()
        window.catalog.close()
        return out

    table = window.tables[Kind.PAPER]
    ids = table.catalog_model().ids()
    rng = random.Random(3)

    # The jump to the entry is a row switch (timed below with the others), not typing a note.
    window.jump_to(Kind.PAPER, ids[10])
    spin(1)

    activity.record("typing a note", lambda: stall_of(lambda: _type_note(window)))
    if only == "note":
        for round_ in range(2, NOTE_ROUNDS + 1):  # the same activity in other entries
            window.jump_to(Kind.PAPER, ids[10 * round_])
            spin(1)
            activity.record(f"typing a note ({round_})", lambda: stall_of(lambda: _type_note(window)))
        for round_ in range(1, CHECKPOINT_ROUNDS + 1):  # the note's autosave crosses 1,000 pages
            window.jump_to(Kind.PAPER, ids[10 * (NOTE_ROUNDS + round_)])
            spin(1)
            pages = _fill_log_to_checkpoint(window.catalog.data_dir)
            spin(0.5)
            activity.record(f"typing a note, its save crossing the checkpoint size ({round_}, log at {pages} pages)",
                            lambda: stall_of(lambda: _type_note(window)))
        window.close()
        window.catalog.close()
        return out

    def sort_all():
        header = table.horizontalHeader()
        for column in range(table.model().columnCount()):
            if header.isSectionHidden(column):
                continue
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                table.sortByColumn(column, order)
                spin(0.05)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    activity.record("sorting (every column, both ways)", lambda: stall_of(sort_all))

    def switch_rows():
        for row in rng.sample(range(len(ids)), 40):
            table.selectRow(row)
            table.scrollTo(table.model().index(row, 0))
            spin(0.05)

    activity.record("switching rows", lambda: stall_of(switch_rows))

    def refresh_tags():
        controller = window.taxonomy_controller
        controller.refresh()
        spin(5)

    activity.record("refreshing tag counts", lambda: stall_of(refresh_tags, settle=0))
    print("stalls so far", out["stall_ms"], flush=True)

    _import_activity(window, activity, out)

    from rsfm_desktop.ui.tasks import run_silently

    def backup_in_background():
        done = []
        t = time.perf_counter()
        run_silently(window, lambda _ctx: window.catalog.backups.backup_now(), done.append,
                     lambda exc: done.append(exc))
        spin_until(lambda: bool(done), timeout=1200)
        out["backup_s"] = round(time.perf_counter() - t, 1)

    activity.record("a backup in the background", lambda: stall_of(backup_in_background))
    window.close()
    window.catalog.close()
    return out


def print_table(result: dict) -> None:
    rows = [("papers", f"{result['papers']:,}", "")]
    for key, label in (("keystroke_steady", "keystroke → table, 150 ms/key"),
                       ("keystroke_burst", "keystroke → table, 40 ms/key"),
                       ("keystroke_chinese", "keystroke → table, Chinese 150 ms/char")):
        fig = result.get(key)
        if fig is None:
            continue
        rows.append((label, f"p50 {fig['p50_ms']} ms, p95 {fig['p95_ms']} ms (max {fig['max_ms']}, n {fig['n']})",
                     "p95 ≤ 100 ms"))
        if fig.get("all_rows", {}).get("n"):
            rest = fig["all_rows"]
            rows.append(("  … until all rows and the count are in", f"p50 {rest['p50_ms']} ms, p95 {rest['p95_ms']} ms"
                         f" (max {rest['max_ms']}, n {rest['n']})", ""))
    for activity, ms in result["stall_ms"].items():
        rows.append((f"longest stall: {activity}",
                     f"{ms} ms (GUI CPU in a gap ≤ {result['stall_cpu_ms'][activity]} ms; "
                     f"{result['cpu_s'][activity]} CPU s)", "≤ 100 ms"))
    width = max(len(r[0]) for r in rows)
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:<48} {target}")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--catalog", type=Path, help="copy this catalog folder instead of building one")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--timeline", action="store_true", help="where the slowest keystrokes' time went")
    parser.add_argument("--only", choices=["keystrokes", "import", "note"],
                        help="measure only the keystrokes, only the background import, or only typing"
                             f" a note (in {NOTE_ROUNDS} entries in turn)")
    args = parser.parse_args(argv)
    global TIMELINE
    TIMELINE = Timeline() if args.timeline else None
    work = Path(tempfile.mkdtemp(prefix="rsfm-latency-"))
    try:
        target = work / "catalog"
        if args.catalog:
            target.mkdir()
            from rsfm_desktop.core.store.sqlite import catalog_path

            shutil.copy(catalog_path(args.catalog), catalog_path(target))
        else:
            from tests.benchmarks.bench_catalog import build_catalog

            build_catalog(target, args.papers)
        result = run(target, args.only)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(result)
    print(json.dumps(result, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return result


if __name__ == "__main__":
    main()
