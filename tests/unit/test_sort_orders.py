"""Sorted orders on both engines, and the lab server's kept orders (``dialect.OrderCache``):
a change here or by another user is seen at the next sort; an unchanged catalog is not asked
for its ids again."""

from __future__ import annotations

import pytest

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store import dialect


def _titles(catalog, ids):
    return [title for _id, title in catalog.entries.titles_by_id(Kind.PAPER, ids)]


def _counting_reads(catalog) -> list[str]:
    """The columns whose order ``catalog`` reads from the sort index from now on."""
    reads = []
    original = catalog.entries._read_order

    def counted(conn, kind, col, trashed, flagged):
        reads.append(col.key)
        return original(conn, kind, col, trashed, flagged)

    catalog.entries._read_order = counted
    return reads


def _lab_target(targets):
    """A new lab catalog (a test of the orders a server keeps: SQLite keeps none, it reads its
    sort index in a few ms)."""
    if targets.engine == "sqlite":
        pytest.skip("SQLite reads its sort index in a few ms: nothing is kept")
    return targets.new()


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
    reads = _counting_reads(catalog)
    assert isinstance(cache, dialect.OrderCache)
    up = catalog.entries.sorted_ids(Kind.PAPER, "venue")
    down = catalog.entries.sorted_ids(Kind.PAPER, "venue", descending=True)
    catalog.entries.sorted_ids(Kind.PAPER, "title")
    assert catalog.entries.sorted_ids(Kind.PAPER, "venue") == up
    assert reads == ["venue", "title"]
    catalog.notes.save(Kind.PAPER, up[0], "a note changes the change log")
    assert catalog.entries.sorted_ids(Kind.PAPER, "venue", descending=True) == down
    assert reads == ["venue", "title", "venue"]


def test_a_new_window_on_a_lab_server_reads_the_order_another_window_read_as_one_value(targets):
    target = _lab_target(targets)
    first = targets.open(target)
    up = first.entries.sorted_ids(Kind.PAPER, "authors")
    down = first.entries.sorted_ids(Kind.PAPER, "authors", descending=True)
    trash = first.entries.sorted_ids(Kind.PAPER, "authors", trashed=True)
    second = targets.open(target)
    reads = _counting_reads(second)
    assert second.entries.sorted_ids(Kind.PAPER, "authors", descending=True) == down
    assert second.entries.sorted_ids(Kind.PAPER, "authors") == up
    assert second.entries.sorted_ids(Kind.PAPER, "authors", trashed=True) == trash
    assert reads == []
    second.entries.sorted_ids(Kind.PAPER, "tags:family")
    assert reads == ["tags:family"]  # a column no window sorted by yet


def test_an_order_kept_on_the_server_is_not_used_once_anything_changed(targets):
    target = _lab_target(targets)
    first = targets.open(target)
    before = first.entries.sorted_ids(Kind.PAPER, "title")
    targets.open(target).entries.update(Kind.PAPER, before[-1], {"title": "AAAA now first"})
    third = targets.open(target)
    reads = _counting_reads(third)
    after = third.entries.sorted_ids(Kind.PAPER, "title")
    assert after[0] == before[-1] and reads == ["title"]
    fourth = targets.open(target)  # the order read after the edit is the one kept now
    fourth_reads = _counting_reads(fourth)
    assert fourth.entries.sorted_ids(Kind.PAPER, "title") == after and fourth_reads == []
    assert first.entries.sorted_ids(Kind.PAPER, "title") == after


def test_a_read_only_session_sorts_without_keeping_anything(targets):
    target = _lab_target(targets)
    dry = targets.open(target, read_only=True)
    up = dry.entries.sorted_ids(Kind.PAPER, "venue")
    assert dry.entries.sorted_ids(Kind.PAPER, "venue") == up
    window = targets.open(target)
    reads = _counting_reads(window)
    assert window.entries.sorted_ids(Kind.PAPER, "venue") == up
    assert reads == ["venue"]  # the dry run kept nothing
