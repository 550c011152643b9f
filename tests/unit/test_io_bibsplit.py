"""The fast BibTeX splitter gives exactly the blocks bibtexparser's splitter gives, on any text
(what it cannot vouch for goes to bibtexparser), and it is the one that runs on plain files."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rsfm_desktop.core.io import bibsplit

PIECES = ["@article{", "@misc{", "@string{", "@comment{", "@preamble{", "@Article {", "@book(", "@{",
          "key", "k2", ",", ", ", "=", " = ", "{", "}", '"', "#", "\\", "\\{", "\\}", '\\"', "\n", "\n  ",
          "title", "author", "tgrs", "2020", " and ", "@", "x@y", "{\"}", "%", "(", ")", "\t", "é", "遥感"]
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)

ENTRY = st.builds(
    lambda key, fields: f"@article{{{key},\n" + "".join(f"  {k} = {v},\n" for k, v in fields) + "}\n",
    st.sampled_from(["a", "b1", "doe:2020"]),
    st.lists(st.tuples(st.sampled_from(["title", "author", "year", "journal"]),
                       st.sampled_from(["{A {B} c}", '"q, {r}"', "2020", "tgrs # { x}", "{\\{}", "{}", '""',
                                        "{a {b {c {d}}}}", "{x} # \"y\""])), max_size=5))


@settings(max_examples=3000, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_splits_as_bibtexparser_splits_it(text):
    assert list(bibsplit.split(text)) == list(bibsplit._slow(text))


@settings(max_examples=500)
@given(st.lists(ENTRY, min_size=1, max_size=6).map("".join))
def test_well_formed_entries_take_the_fast_way_and_agree(text):
    fast = list(bibsplit._fast(text))
    assert fast == list(bibsplit._slow(text))
