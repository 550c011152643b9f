"""A search overtaken by later typing gives up (``Entries.keep_matching(stop=...)``), on both
engines; SQLite stops the running statement itself (its progress handler)."""

from __future__ import annotations

import pytest

from rsfm_desktop.core.entries import SearchStopped
from rsfm_desktop.core.fields import Kind


def test_a_search_told_to_stop_gives_up_and_the_connection_still_searches(catalog):
    entries = catalog.entries
    ids = entries.sorted_ids(Kind.PAPER)
    wanted = entries.keep_matching(Kind.PAPER, ids, "remote")
    assert wanted  # the fixture has matches
    with pytest.raises(SearchStopped):
        entries.keep_matching(Kind.PAPER, ids, "remote", stop=lambda: True)
    calls = []

    def stop_once_running() -> bool:  # false when asked before the query, true from then on
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(SearchStopped):
        entries.keep_matching(Kind.PAPER, ids, "remote", stop=stop_once_running)
    # Nothing stays stopped: the same pooled connections answer the next searches in full.
    for _ in range(3):
        assert entries.keep_matching(Kind.PAPER, ids, "remote", stop=lambda: False) == wanted
        assert entries.keep_matching(Kind.PAPER, ids, "remote") == wanted




@pytest.mark.parametrize("step", [1, 4])
def test_matching_in_small_pieces_keeps_the_same_ids_in_the_same_order(catalog, monkeypatch, step):
    """The hits are decoded, marked and the order filtered a piece at a time (so that the search
    worker never holds the GIL for all 100,000 ids in one C call): pieces of any size give the
    ids that a set of the matching ids gives, in the sort's order; trashed entries (still in
    the search index) are left out."""
    from rsfm_desktop.core import entries as entries_module

    entries = catalog.entries
    made = [entries.create(Kind.PAPER, {"title": f"Glacier radar study {n}", "year": 2000 + n % 7}).result
            for n in range(20)]
    entries.delete(Kind.PAPER, made[3:5])
    order = entries.sorted_ids(Kind.PAPER, "year", descending=True)
    texts = ("glacier", "radar study 1", "remote", "zzzz")
    wanted = {text: entries.keep_matching(Kind.PAPER, order, text) for text in texts}
    assert len(wanted["glacier"]) == 18
    monkeypatch.setattr(entries_module, "GIL_STEP", step)
    for text, found in wanted.items():
        with catalog.store.read() as conn:
            hits = {i for piece in entries_module._id_pieces(conn, *entries.match_sql(conn, Kind.PAPER, text, {}))
                    for i in piece}
        pieced = entries.keep_matching(Kind.PAPER, order, text)
        assert pieced == found == [i for i in order if i in hits], text
        assert not set(made[3:5]) & set(pieced)
