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

