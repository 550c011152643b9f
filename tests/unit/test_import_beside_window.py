"""An import in the background leaves the window its share of the interpreter.

Python's cycle collector holds the GIL for the whole of a collection, so a collection that
walks a catalog's worth of objects freezes the window (0.5 s at 100,000 papers); and each time
the GUI thread gives the GIL up it waits up to one interpreter turn to get it back. The
collector and the interpreter's turns do not depend on the engine: SQLite only.
"""

from __future__ import annotations

import gc
import sys
import threading
from typing import Self

import pytest

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io import matching
from rsfm_desktop.core.io.reading import IMPORT_SWITCH_INTERVAL_S, short_turns
from tests.benchmarks.bench_import import generate
from tests.conftest import sqlite_only

CATALOG_PAPERS = 2500


class Collections:
    """The collections that run while watched: (generation, objects it walks, collector on?)."""

    def __init__(self):
        self.seen: list[tuple[int, int, bool]] = []

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            walked = sum(len(gc.get_objects(g)) for g in range(info["generation"] + 1))
            self.seen.append((info["generation"], walked, gc.isenabled()))

    def __enter__(self) -> Self:
        gc.collect()
        gc.freeze()  # the test process's own objects are not the import's doing
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc) -> None:
        gc.callbacks.remove(self)
        gc.unfreeze()


@pytest.fixture
def big_catalog(empty_catalog, tmp_path):
    bib = tmp_path / "catalog.bib"
    bib.write_text(generate(CATALOG_PAPERS, seed=1), encoding="utf-8")
    empty_catalog.imports.apply(empty_catalog.imports.prepare(bib, None))
    return empty_catalog


def _incoming(tmp_path, n: int = 1100):
    bib = tmp_path / "incoming.bib"
    bib.write_text(generate(n, seed=2, first=CATALOG_PAPERS), encoding="utf-8")
    return bib


@sqlite_only
def test_no_collection_walks_the_catalogs_match_index_when_planning_ends(big_catalog, tmp_path):
    """The plan matches against an index of every paper (six objects each); it is let go while
    the collector still sleeps, so the collector never walks it (it did: 0.5 s with the GIL
    held at 100,000 papers)."""
    bib = _incoming(tmp_path)
    with Collections() as collections:
        plan = big_catalog.imports.prepare(bib, None)
        gc.collect(0)  # what the next allocation anywhere would start
    try:
        assert len(plan) == 1100
        biggest = max(walked for _g, walked, _on in collections.seen)
        assert biggest < CATALOG_PAPERS, collections.seen
    finally:
        plan.close()


@sqlite_only
def test_collections_between_batches_never_count_towards_a_full_one(big_catalog, tmp_path):
    """The write collects what each batch's statements left, in the youngest generation only
    and after the batch's entries are gone: collecting the middle generation counted towards
    a full collection (every object of the app walked, the GIL held) as soon as the collector
    woke."""
    plan = big_catalog.imports.prepare(_incoming(tmp_path), None)
    with Collections() as collections:
        big_catalog.imports.apply(plan)
    paused = [(g, walked) for g, walked, on in collections.seen if not on]
    assert len(paused) >= 2  # one a batch (of 500)
    assert {g for g, _walked in paused} == {0}, paused
    assert max(walked for _g, walked in paused) < 2000, paused  # not a batch's entries
    assert big_catalog.entries.count(Kind.PAPER) == CATALOG_PAPERS + 1100


@sqlite_only
def test_an_import_shortens_the_interpreters_turns_while_it_works(big_catalog, tmp_path):
    """While the import plans and writes, the GUI thread waits at most 1 ms for its turn each
    time it gave the GIL up (5 ms before: the window froze 100-180 ms at a time while doing
    nothing); the interval is restored afterwards."""
    before = sys.getswitchinterval()
    seen: list[float] = []

    def progress(done, total):
        seen.append(sys.getswitchinterval())

    def reading(done, total):
        if done:  # the first report (nothing read yet) comes before the reading starts
            seen.append(sys.getswitchinterval())

    plan = big_catalog.imports.prepare(_incoming(tmp_path, 600), None, progress=reading)
    planned = len(seen)
    big_catalog.imports.apply(plan, progress)
    assert planned and len(seen) > planned
    assert max(seen) <= IMPORT_SWITCH_INTERVAL_S
    assert sys.getswitchinterval() == before


def test_turns_stay_short_until_the_last_of_two_imports_ends():
    before = sys.getswitchinterval()
    first_in, release = threading.Event(), threading.Event()

    def first():
        with short_turns():
            first_in.set()
            release.wait(5)

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with short_turns():
        assert sys.getswitchinterval() == IMPORT_SWITCH_INTERVAL_S
    assert sys.getswitchinterval() == IMPORT_SWITCH_INTERVAL_S  # the first still runs
    release.set()
    thread.join(5)
    assert sys.getswitchinterval() == before


def test_draining_an_index_empties_it():
    index = matching.MatchIndex(Kind.PAPER)
    for i in range(50):
        index.add(i, {"title": f"Remote sensing foundation model number {i}", "year": 2024})
    assert index.best({"title": "Remote sensing foundation model number 7", "year": 2024}).key == 7
    index.drain()
    assert index.best({"title": "Remote sensing foundation model number 7", "year": 2024}) is None
