"""Sorted orders on both engines, and the lab server's kept orders (``dialect.OrderCache``):
a change here or by another user is seen at the next sort; an unchanged catalog is not asked
for its ids again."""

from __future__ import annotations

import pytest

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store import dialect


def _titles(catalog, ids):
    return [title for _id, title in catalog.entries.titles_by_id(Kind.PAPER, ids)]


@pytest.mark.parametrize("key", ["title", "year", "venue", "authors", "tags:family"])
def test_a_sort_reversed_twice_is_the_same_and_keeps_empty_values_last(catalog, key):
    entries = catalog.entries
    up = entries.sorted_ids(Kind.PAPER, key)
    down = entries.sorted_ids(Kind.PAPER, key, descending=True)
    assert sorted(up) == sorted(down) and len(up) == catalog.stats()["papers"]
    assert entries.sorted_ids(Kind.PAPER, key) == up  # read again (kept on a server)
    assert entries.sorted_ids(Kind.PAPER, key, descending=True) == down
    if key == "year":  # the papers without a year come last both ways
        without = {i for i in up if entries.get(Kind.PAPER, i).year is None}
        assert without, "the fixture has papers without a year"
        assert set(up[-len(without):]) == without and set(down[-len(without):]) == without


def test_an_edit_moves_the_entry_at_the_next_sort(catalog):
    entries = catalog.entries
    before = entries.sorted_ids(Kind.PAPER, "title")
    last = before[-1]
    entries.update(Kind.PAPER, last, {"title": "AAAA first of all"})
    after = entries.sorted_ids(Kind.PAPER, "title")
    assert after[0] == last
    assert entries.sorted_ids(Kind.PAPER, "title", descending=True)[-1] == last


def test_another_users_edit_and_addition_show_at_the_next_sort(targets, target):
    mine, theirs = targets.open(target), targets.open(target)
    before = mine.entries.sorted_ids(Kind.PAPER, "title")
    mine.entries.sorted_ids(Kind.PAPER, "title", descending=True)
    new_id = theirs.entries.create(Kind.PAPER, {"title": "zzzz the very last"}).result
    theirs.entries.update(Kind.PAPER, before[-1], {"title": "AAAA now first"})
    after = mine.entries.sorted_ids(Kind.PAPER, "title")
    assert after[0] == before[-1] and after[-1] == new_id
    assert mine.entries.sorted_ids(Kind.PAPER, "title", descending=True)[0] == new_id
    assert _titles(mine, after[:1]) == ["AAAA now first"]


def test_a_lab_server_reads_an_order_once_while_nothing_changes(targets):
    if targets.engine == "sqlite":
        pytest.skip("SQLite reads its sort index in a few ms: nothing is kept")
    catalog = targets.open(targets.new())
    cache = catalog.entries._orders
    reads = []
    original = catalog.entries._read_order

    def counted(conn, kind, col, trashed, flagged):
        reads.append(col.key)
        return original(conn, kind, col, trashed, flagged)

    catalog.entries._read_order = counted
    assert isinstance(cache, dialect.OrderCache)
    up = catalog.entries.sorted_ids(Kind.PAPER, "venue")
    down = catalog.entries.sorted_ids(Kind.PAPER, "venue", descending=True)
    catalog.entries.sorted_ids(Kind.PAPER, "title")
    assert catalog.entries.sorted_ids(Kind.PAPER, "venue") == up
    assert reads == ["venue", "title"]
    catalog.notes.save(Kind.PAPER, up[0], "a note changes the change log")
    assert catalog.entries.sorted_ids(Kind.PAPER, "venue", descending=True) == down
    assert reads == ["venue", "title", "venue"]
