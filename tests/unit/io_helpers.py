"""Shared helpers for the import/export tests (not a test module)."""

from __future__ import annotations

from pathlib import Path

from rsfm_desktop.core import db
from rsfm_desktop.core.io import apply_plan, build_plan, parse_text, read_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "io"


def new_engine(tmp_path: Path, name: str = "cat"):
    return db.open_catalog(tmp_path / name)


def import_file(engine, path, fmt=None):
    return apply_plan(engine, build_plan(engine, read_file(path, fmt)))


def import_text(engine, text: str, source: str, fmt=None):
    return apply_plan(engine, build_plan(engine, parse_text(text, source, fmt)))


def table_counts(engine) -> dict[str, int]:
    tables = ("paper", "dataset", "note", "provenance", "tag", "facet", "paper_tag", "dataset_tag",
              "paper_dataset_link", "attachment", "paper_fts_tri")
    with engine.connect() as conn:
        return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one() for t in tables}


def papers(engine) -> dict[str, dict]:
    """Live papers keyed by title, with all columns."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT * FROM paper WHERE deleted_at IS NULL").mappings().all()
    return {r["title"]: dict(r) for r in rows}
