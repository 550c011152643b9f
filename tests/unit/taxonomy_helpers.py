"""Shared fixtures and helpers for the taxonomy tests (the mini catalog, tagged by seeding)."""

from __future__ import annotations

import pytest

from rsfm_desktop.core.taxonomy import Taxonomy, UndoStack

TABLES = ("facet", "tag", "tag_synonym", "paper_tag", "dataset_tag", "saved_view")


@pytest.fixture
def stack():
    return UndoStack()


@pytest.fixture
def tax(repo, stack):
    return Taxonomy(repo.engine, stack.push)


def tag(tax, text, facet=None) -> int:
    """The one tag named ``text`` (in ``facet`` if given)."""
    found = tax.resolve(text, facet)
    assert len(found) == 1, (text, found)
    return found[0]


def node(tax, tag_id):
    return next(t for f in tax.tree() for t in f.walk() if t.id == tag_id)


def entry_id(repo, name: str) -> int:
    """A paper by short name or a dataset by name."""
    with repo.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT id FROM paper WHERE short_name = ? UNION ALL SELECT id FROM dataset WHERE name = ?",
            (name, name),
        ).first()
    return row[0]


def members(repo, tag_id: int, kind: str = "paper") -> set[int]:
    with repo.engine.connect() as conn:
        return {r[0] for r in conn.exec_driver_sql(
            f"SELECT {kind}_id FROM {kind}_tag WHERE tag_id = ?", (tag_id,)
        )}


def dump(repo) -> dict[str, list[tuple]]:
    """Every taxonomy row, to compare the database before and after."""
    with repo.engine.connect() as conn:
        return {t: sorted(map(tuple, conn.exec_driver_sql(f"SELECT * FROM {t}"))) for t in TABLES}
