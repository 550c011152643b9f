"""``Entries.first_matching``: the matches among given ids read from each entry's indexed text
(a table's first screenful before the whole answer), on both engines: on SQLite it agrees with
the index's own search, on PostgreSQL it says it cannot tell (None)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rsfm_desktop.core.fields import Kind

from ..conftest import sqlite_only


@pytest.mark.parametrize("text", ["remote", "REMOTE SENS", "GeoChat", "vision-language", "遥感数据",
                                  "视觉提示", "mask image", "zzzq", "clip"])
def test_the_first_matches_among_given_ids_are_the_searchs_in_their_order(catalog, text):
    repo = catalog.entries
    order = repo.sorted_ids(Kind.PAPER, "title")[::-1]  # any order is kept
    found = repo.first_matching(Kind.PAPER, order, text)
    if catalog.is_server:
        assert found is None  # the server's search answers instead
        return
    assert found == repo.keep_matching(Kind.PAPER, order, text)
    assert repo.first_matching(Kind.PAPER, order[:1], text) == [i for i in found if i == order[0]]
    assert repo.first_matching(Kind.PAPER, [], text) == []


@pytest.mark.parametrize("text", ["re", "遥感", "遥", "remote se", "Ge 遥感", "c"])
def test_short_terms_are_read_as_the_bigram_index_reads_them(catalog, text):
    """A term of one or two characters: a Latin one starts a word, a CJK one is in a run."""
    repo = catalog.entries
    order = repo.sorted_ids(Kind.PAPER)
    found = repo.first_matching(Kind.PAPER, order, text)
    if not catalog.is_server:
        assert found == repo.keep_matching(Kind.PAPER, order, text)


@pytest.mark.parametrize("text", ["", "   ", "***", "a遥"])
def test_blank_text_and_short_phrases_are_left_to_the_index(catalog, text):
    repo = catalog.entries
    assert repo.first_matching(Kind.PAPER, repo.sorted_ids(Kind.PAPER), text) is None


_TEXT = st.lists(st.sampled_from(["Remote", "sensing", "GeoChat", "ChAt", "CLIP", "模型", "遥感图像",
                                  "vision", "-language", "rs", "Ring", "mo", "xyz", "É", " ", "遥", "g", "感"]),
                 min_size=1, max_size=3).map("".join) | st.text(max_size=12)


@sqlite_only
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT)
def test_any_text_the_first_rows_can_answer_agrees_with_the_index(catalog, text):
    repo = catalog.entries
    for kind in Kind:
        order = repo.sorted_ids(kind)
        found = repo.first_matching(kind, order, text)
        if found is not None:
            assert found == repo.keep_matching(kind, order, text), text
