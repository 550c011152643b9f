"""Shared helpers for the import/export tests (not a test module)."""

from __future__ import annotations

from pathlib import Path

from rsfm_desktop.core.io import parse_text

from .catalog_helpers import count, read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "io"
TABLES = ("paper", "dataset", "note", "provenance", "tag", "facet", "paper_tag", "dataset_tag",
          "paper_dataset_link", "attachment", "change_log")


def import_batch(catalog, batch, **apply_options):
    """Plan and apply an import as the window does; returns the ImportReport."""
    return catalog.imports.apply(catalog.imports.plan(batch), **apply_options).result


def import_file(catalog, path, fmt=None):
    return import_batch(catalog, catalog.imports.read(path, fmt))


def import_text(catalog, text: str, source: str, fmt=None):
    return import_batch(catalog, parse_text(text, source, fmt))


def table_counts(catalog) -> dict[str, int]:
    """Rows per table, the search index included (its table differs per engine)."""
    search = "paper_fts_tri" if catalog.store.dialect == "sqlite" else "paper_search"
    return {t: count(catalog, t) for t in (*TABLES, search)}


def papers(catalog) -> dict[str, dict]:
    """Live papers keyed by title, with all columns."""
    with catalog.store.read() as conn:
        rows = conn.exec_driver_sql("SELECT * FROM paper WHERE deleted_at IS NULL").mappings().all()
    return {r["title"]: dict(r) for r in rows}


def paper_tags(catalog, paper_id: int) -> list[tuple[str, str]]:
    """(facet key, English label) of a paper's tags, sorted."""
    return read(catalog, "SELECT f.key, t.label_en FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id"
                         " JOIN facet f ON f.id = t.facet_id WHERE pt.paper_id = :id ORDER BY 1, 2", {"id": paper_id})
