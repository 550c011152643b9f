"""Bulk writes stay compact: the ids of a bulk insert are kept as runs in the change records,
the undo step and the search-index queue, so a large import costs kilobytes of bookkeeping,
not an object per entry; and the compact form answers every question a ChangeSet is asked
exactly as one record per row would."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.store.changes import DELETE, INSERT, UPDATE, BulkChange, Change, ChangeSet
from rsfm_desktop.core.store.idruns import IdRuns
from rsfm_desktop.core.store.undo import CreatedEntries

ids = st.lists(st.integers(0, 300), max_size=80)


@given(ids, ids)
def test_id_runs_behave_as_a_set(a, b):
    runs_a, runs_b = IdRuns(a), IdRuns(b)
    assert list(runs_a) == sorted(set(a)) and len(runs_a) == len(set(a))
    assert list(runs_a & runs_b) == sorted(set(a) & set(b))
    assert list(runs_a - runs_b) == sorted(set(a) - set(b))
    assert all((i in runs_a) == (i in set(a)) for i in range(-2, 303))
    for i in b:
        runs_a.discard(i)
    assert list(runs_a) == sorted(set(a) - set(b))
    assert [i for chunk in IdRuns(a).chunks(7) for i in chunk] == sorted(set(a))


def _changes(draw_ops):
    out = []
    for entity, i, op, bulk in draw_ops:
        if bulk:
            out.append(BulkChange(entity, op, frozenset({"f"}) if op == UPDATE else frozenset(), 2,
                                  IdRuns(range(i, i + 5))))
        else:
            out.append(Change(entity, i, op, frozenset({"g"}) if op == UPDATE else frozenset(), 3))
    return out


def _expanded(changes):
    flat = []
    for c in changes:
        flat += list(c) if isinstance(c, BulkChange) else [c]
    return flat


ops = st.lists(st.tuples(st.sampled_from(["paper", "paper_note", "tag"]), st.integers(0, 20),
                         st.sampled_from([INSERT, UPDATE, DELETE]), st.booleans()), max_size=25)


@given(ops)
def test_a_compact_changeset_answers_like_one_change_per_row(draw):
    changes = _changes(draw)
    compact = ChangeSet.merged(changes)
    plain = ChangeSet.merged(_expanded(changes))
    assert not plain.bulk
    assert sorted(compact, key=lambda c: (c.entity, c.id)) == sorted(plain, key=lambda c: (c.entity, c.id))
    assert len(compact) == len(plain) and bool(compact) == bool(plain)
    for kind in Kind:
        assert dict(compact.entries(kind)) == dict(plain.entries(kind))
        assert compact.membership_changed(kind) == plain.membership_changed(kind)
        assert compact.tags_changed() == plain.tags_changed()
        assert compact.fields_changed(kind) >= plain.fields_changed(kind)


def test_a_bulk_import_is_one_undo_step_and_a_few_runs(empty_catalog):
    from rsfm_desktop.core.io import parse_text

    text = "".join(f"@article{{k{i},\n  title = {{Glacier study {i}}},\n  year = {{2020}},\n"
                   f"  keywords = {{family:VLM}},\n  note = {{n{i}}},\n}}\n" for i in range(3000))
    catalog = empty_catalog
    command = catalog.imports.apply(catalog.imports.plan(parse_text(text, "many.bib")))
    assert command.result.added == 3000
    created = [s for s in command.steps if isinstance(s, CreatedEntries)]
    assert len(created) <= 6 and sum(len(s.ids) for s in created) == 3000
    assert len(command.steps) < 40  # not a step per entry, tag or note
    changes = command.changes
    assert len(changes.changes) < 100 and len(changes) >= 3000
    assert len(changes.ids(Kind.PAPER)) == 3000 and changes.membership_changed(Kind.PAPER)
    assert sys.getsizeof(changes.bulk) < 10_000
    undone = catalog.undo(command)
    assert catalog.entries.count(Kind.PAPER) == 0 and len(undone.changes) < 100
    assert {c.op for c in undone.entries(Kind.PAPER).values()} >= {DELETE}
    catalog.redo(command)
    assert catalog.entries.count(Kind.PAPER) == 3000
    found = catalog.entries.table_ids(Kind.PAPER) if hasattr(catalog.entries, "table_ids") else None
    del found
