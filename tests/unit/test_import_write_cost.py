"""What a large import's write does once rather than per entry: a tag named by every entry of
the file is found (or created) once, and the new entries' global ids are drawn at once; what is
written is the same as before, on both engines."""

from __future__ import annotations

import uuid
from pathlib import Path

from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io import tags as import_tags
from rsfm_desktop.core.store import sql
from rsfm_desktop.core.store.writes import new_uuids


def _bib(path: Path, n: int) -> Path:
    path.write_text("".join(
        f"@article{{k{i},\n  title = {{Moraine mapping report {i}}},\n  author = {{Roe, Ann}},\n"
        f"  year = {{{2001 + i % 15}}},\n  keywords = {{task:VQA, family:{'VLM' if i % 2 else 'vlm'}}},\n}}\n"
        for i in range(n)), encoding="utf-8")
    return path


def test_a_tag_every_entry_names_is_looked_up_once(catalog, tmp_path, monkeypatch):
    """60 entries naming the same two tags (one label written in two cases): two look-ups, and
    every entry holds both tags, on both engines."""
    looked_up: list[tuple[int, str]] = []
    original = import_tags.tag_for

    def counting(tx, index, facet_id, label):
        looked_up.append((facet_id, label))
        return original(tx, index, facet_id, label)

    monkeypatch.setattr(import_tags, "tag_for", counting)
    plan = catalog.imports.prepare(_bib(tmp_path / "t.bib", 60), "bibtex")
    report = catalog.imports.apply(plan).result
    plan.close()
    assert report.added == 60
    assert len(looked_up) == 3  # task:VQA, family:VLM, family:vlm (the last finds the VLM tag)
    ids = sorted(report.ids[Kind.PAPER])
    with catalog.imports.store.read() as conn:
        held = sql.rows(conn, "SELECT t.label_en, count(*) FROM paper_tag m JOIN tag t ON t.id = m.tag_id"
                              " WHERE m.paper_id IN :ids GROUP BY t.label_en ORDER BY t.label_en", {"ids": ids})
    assert held == [("VLM", 60), ("VQA", 60)]


def test_new_entries_get_distinct_version_4_ids(catalog, tmp_path):
    plan = catalog.imports.prepare(_bib(tmp_path / "u.bib", 40), "bibtex")
    ids = sorted(catalog.imports.apply(plan).result.ids[Kind.PAPER])
    plan.close()
    with catalog.imports.store.read() as conn:
        stored = sql.column(conn, "SELECT uuid FROM paper WHERE id IN :ids", {"ids": ids})
    assert len(set(stored)) == 40
    for text in stored:
        parsed = uuid.UUID(hex=text)
        assert parsed.hex == text and parsed.version == 4 and parsed.variant == uuid.RFC_4122


def test_uuids_drawn_at_once_are_what_uuid4_writes():
    drawn = new_uuids(2000)
    assert len(set(drawn)) == 2000 and new_uuids(0) == []
    for text in drawn:
        parsed = uuid.UUID(hex=text)
        assert parsed.hex == text and parsed.version == 4 and parsed.variant == uuid.RFC_4122
