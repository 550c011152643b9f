"""A table's first screenful of a new search, before the whole answer.

At 100,000 papers a search that matches most of the catalog (``segmentation``: 79,000 papers)
costs the index 100-260 ms, however little of it the table shows. The rows on screen are only
the first matches in the sort order: reading the indexed text of the first few hundred ids of
that order (or of the rows shown for the text before it, when the new text only narrows it) and
keeping those that match gives them in a few milliseconds (``Entries.first_matching``). They are
exactly the first rows of the whole answer, which follows and appends the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from ...core.entries import Entries, Query
from ...core.fields import Kind
from ...core.search import parse_query

READ_FIRST_ABOVE = 20_000  # entries: below, a search of the whole catalog is quick anyway
FIRST_ROWS = 100  # rows read ahead of the whole answer: more than a screen holds
BUDGET_S = 0.03  # CPU seconds: reading candidates stops then (a search matching few of them)
CHUNKS = (128, 256, 512, 1024)  # candidates read at a time (the last size repeats)


def narrows(old: Query, new: Query) -> bool:
    """Every entry ``new`` matches, ``old`` matches too: the same filter and sort, and each
    substring term of the old text is inside a term of the new one (its text only grew)."""
    if replace(old, text="") != replace(new, text="") or old.fulltext:
        return False
    before, after = parse_query(old.text), parse_query(new.text)
    if before.empty:
        return True
    if before.nothing or before.short_terms:  # a word prefix is no substring: "se" vs "ase"
        return False
    terms = [t.lower() for t in after.long_terms]
    return all(any(t.lower() in term for term in terms) for t in before.long_terms)


def candidates(shown: Query, shown_ids: list[int], complete: bool, order: list[int] | None,
               new: Query) -> list[int] | None:
    """The ids, in the new query's order, among which all its matches are: the rows shown when
    the new text narrows their (whole) answer, else the whole order when only the text
    filters; None when neither holds (a tag filter with a new word, a new sort, PDF text) or
    the catalog is small (``order``: all entries in the sort, None while a new sort is read)."""
    if new.fulltext or new.trashed or parse_query(new.text).empty:
        return None
    if order is None or len(order) <= READ_FIRST_ABOVE:
        return None
    if complete and narrows(shown, new):
        return shown_ids
    if not (new.tags or new.year is not None or new.only is not None):
        return order
    return None


def first_rows(repo: Entries, kind: Kind, text: str, among: Sequence[int], stop: Callable[[], bool],
               need: int | None = None, budget_s: float | None = None) -> tuple[list[int], bool] | None:
    """The first ``need`` (or more) of ``among`` that ``text`` matches, and whether all of
    ``among`` was read (then they are all its matches); None when the catalog cannot tell
    this way, ``stop`` says so, or too few matched within ``budget_s`` of this thread's CPU
    (not of the wall clock, which a loaded machine stretches)."""
    need = FIRST_ROWS if need is None else need
    budget_s = BUDGET_S if budget_s is None else budget_s
    started = time.thread_time()
    found: list[int] = []
    pos = 0
    step = 0
    while pos < len(among):
        if stop() or time.thread_time() - started > budget_s:
            return None
        size = CHUNKS[min(step, len(CHUNKS) - 1)]
        step += 1
        chunk = among[pos : pos + size]
        matched = repo.first_matching(kind, chunk, text)
        if matched is None:
            return None
        found += matched
        pos += len(chunk)
        if len(found) >= need:
            break
    return found, pos >= len(among)
