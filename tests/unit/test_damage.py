"""A damaged catalog that ``quick_check`` lets open (random 32-bit flips in the middle of the
file, a cell whose text is no longer UTF-8): every read path survives, damage is marked, and the
rescue export writes every readable entry and reports the rest, never with a traceback."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rsfm_desktop.core.catalog import open_catalog
from rsfm_desktop.core.errors import CatalogError
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.io import Format
from rsfm_desktop.core.store.sqlite import catalog_path
from tests.support.damage import damaged_copies, garble_text, passes_quick_check

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> Path:
    """A catalog folder seeded from the bundled catalog (some 70 papers, 40 datasets), with
    notes, checkpointed into one file."""
    folder = tmp_path_factory.mktemp("bundled")
    catalog = open_catalog(folder)
    for paper in catalog.entries.sorted_ids(Kind.PAPER)[::3]:
        catalog.notes.save(Kind.PAPER, paper, f"My note on {paper}: " + "reproduce the baseline " * 10)
    catalog.close()
    return folder


def copy_of(bundled: Path, tmp_path: Path) -> Path:
    target = tmp_path / "catalog"
    shutil.copytree(bundled, target)
    return target


def rescue(data_dir: Path, output: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rsfm_desktop", "export", "--format", "json", "--rescue",
                           "--output", str(output), "--data-dir", str(data_dir)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def read_everything(catalog) -> None:
    """What browsing, the detail pane, tag chips, search and every export read."""
    for kind in Kind:
        ids = catalog.entries.sorted_ids(kind)
        catalog.entries.fetch_rows(kind, ids)
        catalog.entries.titles_by_id(kind, ids)
        for entry_id in ids:
            entry = catalog.entries.get(kind, entry_id)
            catalog.notes.get(kind, entry_id)
            catalog.entries.linked(kind, entry_id)
            catalog.entries.provenance(kind, entry_id)
            if kind is Kind.PAPER:
                catalog.attachments.list(entry_id)
            catalog.taxonomy.entry_tags(kind, [entry_id])
            assert entry is None or isinstance(entry.label, str)
        for word in ("remote", "遥感", "model", "a", "baseline"):
            try:
                catalog.entries.keep_matching(kind, ids, word)
            except CatalogError as exc:  # a damaged search index: said in the user's words
                assert "damaged" in str(exc)
    catalog.taxonomy.tree(counts=True)
    for fmt in Format:
        catalog.imports.export_text(fmt)


def test_random_flips_that_pass_quick_check_never_break_a_read_and_the_rescue_reports_them(bundled, tmp_path):
    copies = damaged_copies(catalog_path(bundled), tmp_path, count=5)
    assert len(copies) == 5
    reported = 0
    for folder in copies:
        catalog = open_catalog(folder, seed=False)  # quick_check passes: the app opens it
        try:
            read_everything(catalog)
        finally:
            catalog.close()
        out = folder / "rescued.json"
        result = rescue(folder, out)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        report = json.loads(result.stdout)
        reported += len(report["unreadable"])
        assert report["papers"] + len(report["unreadable"]) >= 60
        fresh = open_catalog(tmp_path / f"reimport-{folder.name}", seed=False)
        try:  # the rescued file imports back: everything readable is kept
            added = fresh.imports.apply(fresh.imports.plan(fresh.imports.read(out))).result
            assert added.added == report["papers"] + report["datasets"]
        finally:
            fresh.close()
    assert reported > 0  # the flips did damage entries (else this test proves nothing)


def test_a_title_that_is_no_longer_utf8_is_shown_marked_and_reported_by_the_rescue(bundled, tmp_path):
    folder = copy_of(bundled, tmp_path)
    catalog = open_catalog(folder, seed=False)
    papers = catalog.entries.sorted_ids(Kind.PAPER)
    victim = papers[5]
    title = catalog.entries.get(Kind.PAPER, victim).title
    catalog.close()
    garble_text(catalog_path(folder), "paper", victim, "title")
    assert passes_quick_check(catalog_path(folder))

    catalog = open_catalog(folder, seed=False)
    try:
        entry = catalog.entries.get(Kind.PAPER, victim)
        assert entry.damaged and "\ufffd" in entry.title and entry.title[3:] == title[3:]
        assert not catalog.entries.get(Kind.PAPER, papers[6]).damaged
        assert "\ufffd" in catalog.entries.fetch_rows(Kind.PAPER, [victim])[victim]["title"]
        assert len(catalog.entries.titles_by_id(Kind.PAPER, papers)) == len(papers)
    finally:
        catalog.close()

    out = tmp_path / "rescued.json"
    result = rescue(folder, out)
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["unreadable"] == [{"kind": "paper", "id": victim, "title": entry.title,
                                     "problem": "unreadable text in title"}]
    assert report["papers"] == len(papers) - 1  # (trashed ones count too: none here)
    written = json.loads(out.read_text(encoding="utf-8"))
    assert victim not in {int(p["ref"][1:]) for p in written["papers"]}
    aside = json.loads(Path(report["unreadable_output"]).read_text(encoding="utf-8"))
    assert [p["title"] for p in aside["papers"]] == [entry.title]
    assert result.stderr.strip().count("\n") == 0 and "1 entries could not be read whole" in result.stderr


def test_the_rescue_of_a_file_that_cannot_be_read_at_all_says_so_in_one_line(tmp_path):
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "catalog.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    result = rescue(folder, tmp_path / "out.json")
    assert result.returncode == 2
    assert result.stderr.startswith("rsfm-desktop: nothing could be rescued") and result.stderr.count("\n") == 1


def test_damage_whose_check_message_is_not_utf8_is_reported_as_damage_not_a_traceback(bundled, tmp_path):
    """SQLite's check can quote damaged bytes; the driver then cannot decode its message at all
    (UnicodeDecodeError, not a database error). Opening says the catalog is damaged."""
    import sqlite3

    from rsfm_desktop.core import backup
    from rsfm_desktop.core.errors import CatalogDamagedError
    from tests.support.damage import checks, flip_words

    source = catalog_path(bundled)
    for seed in range(300):
        folder = tmp_path / f"flipped-{seed}"
        folder.mkdir()
        shutil.copy(source, folder / source.name)
        flip_words(folder / source.name, 30, seed)
        try:
            checks(folder / source.name)
        except UnicodeDecodeError:
            break
        except sqlite3.DatabaseError:
            pass
        shutil.rmtree(folder)
    else:
        pytest.fail("no flip made a check message that is not UTF-8")
    assert "damage" in backup.quick_check(folder / source.name)
    assert "damage" in backup.integrity_check(folder / source.name)
    with pytest.raises(CatalogDamagedError, match="damaged"):
        open_catalog(folder, seed=False)
