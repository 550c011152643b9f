"""Import benchmark: a generated 10,000-entry BibTeX file into an empty catalog.

    python tests/benchmarks/bench_import.py [N] [--megabytes MB] [--postgres | --catalog postgresql://…]

The file is streamed from disk as the window and the command line do (``catalog.imports.prepare``
then ``apply``). Prints one JSON line: entries, file size, seconds to the first progress report,
for reading and planning, for applying and in total, and peak RSS in MB (of this process; the
reading worker process, used for files of 4 MB and more, adds its CPU seconds as
``reader_process_cpu_s`` and about 60 MB of its own memory). Targets: 100,000
entries in <= 30 s; a 200 MB file (``--megabytes 200``) under 300 MB of peak RSS. ``--postgres`` imports into a lab catalog on a
throw-away PostgreSQL server instead of a folder.

``--breakdown`` adds ``write_cpu_s``: the writing thread's CPU seconds in each step of the write
(the entries' insert, the facet sort keys, the search index's texts and rows, tags, notes and
provenance, the indexes built again, reading the plan back, the change log), where to look
first when the write is slow (with ``--cancel``, the cancelled write's steps count too).

``--cancel`` also measures Cancel, as the window's Cancel button sets its flag from another
thread: once while reading (the flag is set :data:`CANCEL_AFTER_S` into the read) and once while
writing (as long into the write), each the seconds from the flag to the import giving up
(``cancel_read_s``, ``cancel_write_s``; target <= 0.2 s), and checks that the cancelled write
left the catalog as it was.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from rsfm_desktop.core.catalog import open_catalog  # noqa: E402

WORDS = ("remote sensing vision language foundation model benchmark segmentation detection "
         "multimodal large satellite imagery geospatial change captioning retrieval contrastive "
         "pretraining agent grounding hyperspectral SAR optical temporal").split()


def generate(n: int, seed: int = 7, first: int = 0) -> str:
    rng = random.Random(seed)
    out = ['@string{tgrs = "IEEE Transactions on Geoscience and Remote Sensing"}\n']
    for i in range(first, first + n):
        title = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + f" {i}"
        year = 2015 + i % 11
        if i % 3 == 0:
            out.append(
                f"@misc{{key{i},\n  title = {{{title}}},\n  author = {{M{{\\\"u}}ller, Anna and Zhang, Wei}},\n"
                f"  year = {{{year}}},\n  eprint = {{{2000 + i % 500:04d}.{i:05d}}},\n  archivePrefix = {{arXiv}},\n}}\n"
            )
        else:
            out.append(
                f"@article{{key{i},\n  title = {{{title}}},\n  author = {{Li, Na and others}},\n"
                f"  journal = tgrs,\n  year = {year},\n  doi = {{10.1109/TGRS.{year}.{i}}},\n"
                f"  url = {{https://github.com/lab/repo{i}}},\n  keywords = {{family:VLM, task:VQA}},\n}}\n"
            )
    return "".join(out)


def write_file(path: Path, n: int, seed: int = 7) -> Path:
    """The generated file, written in pieces (a 200 MB file is never one string)."""
    with open(path, "w", encoding="utf-8") as out:
        for start in range(0, n, 10_000):
            part = generate(min(10_000, n - start), seed + start, start)
            if start:
                part = part.split("\n", 1)[1]  # one @string header
            out.write(part)
    return path


CANCEL_AFTER_S = 1.0


class _Cancel:
    """A Cancel button pressed ``after`` seconds from ``start()`` (a timer thread sets the flag)."""

    def __init__(self, after: float = CANCEL_AFTER_S):
        self.after = after
        self.pressed_at: float | None = None

    def start(self) -> None:
        threading.Timer(self.after, self._press).start()

    def _press(self) -> None:
        self.pressed_cpu = time.process_time()
        self.pressed_at = time.perf_counter()

    def __call__(self) -> bool:
        return self.pressed_at is not None

    def latency(self) -> float | None:
        return round(time.perf_counter() - self.pressed_at, 3) if self.pressed_at is not None else None

    def cpu_latency(self) -> float | None:
        """CPU seconds of this process from the press to the stop: the latency on an idle machine."""
        return round(time.process_time() - self.pressed_cpu, 3) if self.pressed_at is not None else None


def _children_cpu() -> float:
    """CPU seconds (user + system) of the child processes that ended (the import's reader)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _entries_in(catalog) -> int:
    from rsfm_desktop.core.store import sql

    with catalog.imports.store.read() as conn:
        return sql.scalar(conn, "SELECT (SELECT count(*) FROM paper) + (SELECT count(*) FROM dataset)")


def cancel_reading(catalog, path: Path) -> dict:
    """Seconds from Cancel to the read giving up."""
    from rsfm_desktop.core.io import ReadCancelled

    cancel = _Cancel()
    cancel.start()
    try:
        catalog.imports.prepare(path, "bibtex", cancelled=cancel).close()
        return {"cancel_read_s": None}  # read to the end before the button was pressed
    except ReadCancelled:
        return {"cancel_read_s": cancel.latency(), "cancel_read_cpu_s": cancel.cpu_latency()}


def cancel_writing(catalog, plan) -> dict:
    """Seconds from Cancel to the write giving up (rolled back: the plan stays valid)."""
    from rsfm_desktop.core.io import ImportCancelled

    before = _entries_in(catalog)
    cancel = _Cancel()
    cancel.start()
    try:
        catalog.imports.apply(plan, cancelled=cancel)
        return {"cancel_write_s": None}
    except ImportCancelled:
        return {"cancel_write_s": cancel.latency(), "cancel_write_cpu_s": cancel.cpu_latency(),
                "cancelled_write_left_catalog_unchanged": _entries_in(catalog) == before}


# (module, attribute, name in write_cpu_s): the steps of the write --breakdown times.
_STEPS = (("rsfm_desktop.core.store.writes:Tx", "insert_entries", "insert entries"),
          ("rsfm_desktop.core.store.facet_sort", "refresh", "facet sort keys"),
          ("rsfm_desktop.core.search", "entry_texts", "search texts read"),
          ("rsfm_desktop.core.search.fts5:Fts5Search", "write_new", "search rows written"),
          ("rsfm_desktop.core.io.apply:_Writer", "_extras", "tags, notes, provenance"),
          ("rsfm_desktop.core.store.writes:Tx", "_build_dropped_indexes", "indexes built again"),
          ("rsfm_desktop.core.io.spool:ImportPlan", "load", "plan read back"),
          ("rsfm_desktop.core.store.writes:Tx", "_write_log", "change log"))


def _timing_steps() -> dict[str, float]:
    """Wrap each of :data:`_STEPS` to add the calling thread's CPU seconds to the returned dict."""
    import functools
    import importlib

    spent: dict[str, float] = {}
    for where, attribute, name in _STEPS:
        module, _sep, cls = where.partition(":")
        owner = importlib.import_module(module)
        owner = getattr(owner, cls) if cls else owner
        original = getattr(owner, attribute)

        def timed(*args, _original=original, _name=name, **kwargs):
            started = time.thread_time()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_name] = spent.get(_name, 0.0) + time.thread_time() - started

        setattr(owner, attribute, functools.wraps(original)(timed))
    return spent


def main(n: int = 10_000, target: str | None = None, megabytes: float | None = None,
         cancel: bool = False, breakdown: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        if megabytes:  # as many entries as fill that many MB (a generated entry is about 275 bytes)
            n = int(megabytes * 1e6 * 2000 / len(generate(2000).encode("utf-8")))
        path = write_file(Path(tmp) / "bench.bib", n)
        catalog = open_catalog(target or Path(tmp) / "catalog")
        cancelling = cancel_reading(catalog, path) if cancel else {}
        spent = _timing_steps() if breakdown else None  # the import measured, not the catalog's creation
        t0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
        first_progress = []
        plan = catalog.imports.prepare(path, "bibtex", progress=lambda done, total: first_progress.append(
            time.perf_counter() - t0) if not first_progress else None)
        t1, c1, k1 = time.perf_counter(), time.process_time(), _children_cpu()
        if cancel:  # not counted in the times
            cancelling.update(cancel_writing(catalog, plan))
        w1, wc1 = time.perf_counter(), time.process_time()
        report = catalog.imports.apply(plan).result
        w2, wc2 = time.perf_counter(), time.process_time()
        t2, c2 = t1 + (w2 - w1), c1 + (wc2 - wc1)
        plan.close()
        catalog.close()
        size = path.stat().st_size
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    result = {
        "catalog": "postgresql" if target else "sqlite", "entries": n, "file_mb": round(size / 1e6, 1),
        "added": report.added, "first_progress_s": round(first_progress[0], 3) if first_progress else None,
        "read_and_plan_s": round(t1 - t0, 2), "apply_s": round(t2 - t1, 2),
        "total_s": round(t2 - t0, 2), "peak_rss_mb": round(peak_kb / 1024, 1),
        # CPU seconds of this process: what the wall clock would be on an idle machine
        "read_and_plan_cpu_s": round(c1 - c0, 2), "apply_cpu_s": round(c2 - c1, 2), "total_cpu_s": round(c2 - c0, 2),
        # CPU seconds of the reading worker process (.parse_worker), besides this process's
        "reader_process_cpu_s": round(k1 - k0, 2), "all_processes_cpu_s": round(c2 - c0 + k1 - k0, 2),
        "reader_process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        **cancelling,
    }
    if spent is not None:
        result["write_cpu_s"] = {name: round(seconds, 2) for name, seconds in sorted(spent.items(), key=lambda i: -i[1])}
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--megabytes", type=float, help="a file of about this size instead of N entries")
    parser.add_argument("--catalog", help="postgresql://USER@HOST[:PORT]/DB (an empty database)")
    parser.add_argument("--postgres", action="store_true", help="a throw-away PostgreSQL server")
    parser.add_argument("--cancel", action="store_true", help="also measure Cancel while reading and writing")
    parser.add_argument("--breakdown", action="store_true", help="the write's CPU seconds per step")
    args = parser.parse_args()
    if args.postgres:
        from tests.support.pg_server import PostgresServer

        with PostgresServer(shared_buffers="1GB") as server:
            main(args.n, server.create_database("bench_import"), args.megabytes, args.cancel, args.breakdown)
    else:
        main(args.n, args.catalog, args.megabytes, args.cancel, args.breakdown)
