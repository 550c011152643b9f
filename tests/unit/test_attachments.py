"""Attachments: several files per paper or dataset, linked (the file untouched, wherever it is)
or stored (a copy in the catalog's attachments folder, named after the entry, backed up and
exported when asked); removed into the trash; missing files found again (Locate…); symbolic
links judged by what they point at."""

from __future__ import annotations

import json
import os
import shutil
import sys

import pytest

from rsfm_desktop.core import backup
from rsfm_desktop.core.attachments import AttachmentError
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.openable import UnsafeLink, check_link

from ..conftest import sqlite_only
from .catalog_helpers import dataset_id, paper_id


def _files(tmp_path, *names):
    out = []
    for name in names:
        path = tmp_path / name
        path.write_bytes(b"%PDF-1.4\n" + name.encode())
        out.append(path)
    return out


def test_several_linked_files_on_a_paper_and_a_dataset(catalog, tmp_path):
    pdf, slides, table = _files(tmp_path, "paper.pdf", "slides.pptx", "supplement.csv")
    before = {p: (p.read_bytes(), p.stat().st_mtime) for p in (pdf, slides, table)}
    geochat, rsicap = paper_id(catalog, "GeoChat"), dataset_id(catalog, "RSICap")
    command = catalog.attachments.attach(Kind.PAPER, geochat, [pdf, slides])
    catalog.attachments.attach(Kind.DATASET, rsicap, [table])

    shown = catalog.attachments.list(Kind.PAPER, geochat)
    assert [(a.name, a.kind, a.mode, a.state, a.size) for a in shown] == [
        ("paper.pdf", "pdf", "linked", "present", pdf.stat().st_size),
        ("slides.pptx", "pptx", "linked", "present", slides.stat().st_size)]
    assert [a.location for a in shown] == [pdf, slides]
    [on_dataset] = catalog.attachments.list(Kind.DATASET, rsicap)
    assert (on_dataset.owner, on_dataset.name) == ((Kind.DATASET, rsicap), "supplement.csv")
    assert len({a.uuid for a in shown}) == 2 and all(a.version == 1 for a in shown)
    assert command.changes.touches(Kind.PAPER, geochat).fields == {"attachments"}
    assert {p: (p.read_bytes(), p.stat().st_mtime) for p in before} == before  # untouched
    catalog.undo(command)  # one step for the whole drop
    assert catalog.attachments.list(Kind.PAPER, geochat) == []


def test_removing_puts_an_attachment_in_the_trash_and_never_deletes_a_linked_file(catalog, tmp_path):
    [pdf] = _files(tmp_path, "paper.pdf")
    geochat = paper_id(catalog, "GeoChat")
    [attachment] = catalog.attachments.attach(Kind.PAPER, geochat, [pdf]).result
    removed = catalog.attachments.remove(attachment)
    assert catalog.attachments.list(Kind.PAPER, geochat) == []
    assert [a.id for a in catalog.attachments.list(Kind.PAPER, geochat, removed=True)] == [attachment]
    assert removed.changes.touches(Kind.PAPER, geochat).fields == {"attachments"}
    catalog.undo(removed)
    assert [a.id for a in catalog.attachments.list(Kind.PAPER, geochat)] == [attachment]
    catalog.attachments.remove(attachment)
    assert catalog.attachments.empty_trash() == 1
    assert catalog.attachments.get(attachment) is None and pdf.exists()


def test_a_missing_file_is_found_again_with_locate(catalog, tmp_path):
    [pdf] = _files(tmp_path, "paper.pdf")
    geochat = paper_id(catalog, "GeoChat")
    [attachment] = catalog.attachments.attach(Kind.PAPER, geochat, [pdf]).result
    moved = tmp_path / "moved" / "paper.pdf"
    moved.parent.mkdir()
    shutil.move(pdf, moved)
    assert catalog.attachments.get(attachment).state == "missing"
    assert catalog.attachments.openable(attachment) is None
    catalog.attachments.relink(attachment, moved)
    found = catalog.attachments.get(attachment)
    assert (found.state, found.location, found.version) == ("present", moved, 2)
    assert catalog.attachments.openable(attachment) == moved


def test_a_file_that_is_not_there_cannot_be_attached(catalog, tmp_path):
    with pytest.raises(AttachmentError) as caught:
        catalog.attachments.attach(Kind.PAPER, paper_id(catalog, "GeoChat"), [tmp_path / "nowhere.pdf"])
    assert caught.value.reason == "missing"
    with pytest.raises(AttachmentError) as caught:
        catalog.attachments.attach(Kind.PAPER, paper_id(catalog, "GeoChat"), [tmp_path])  # a folder
    assert caught.value.reason == "filetype"


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_symbolic_link_is_judged_by_its_target(catalog, tmp_path):
    program = tmp_path / "tool"
    program.write_text("#!/bin/sh\necho gotcha\n")
    program.chmod(0o755)
    link = tmp_path / "tool.pdf"
    link.symlink_to(program)
    with pytest.raises(UnsafeLink) as caught:
        check_link(str(link))
    assert caught.value.reason == "filetype"
    with pytest.raises(AttachmentError):
        catalog.attachments.attach_pdf(paper_id(catalog, "GeoChat"), link)
    [attachment] = catalog.attachments.attach(Kind.PAPER, paper_id(catalog, "GeoChat"), [link]).result
    assert catalog.attachments.openable(attachment) is None  # listed, never opened
    real = tmp_path / "real.pdf"
    real.write_bytes(b"%PDF-1.4\n")
    good = tmp_path / "good.pdf"
    good.symlink_to(real)
    assert check_link(str(good)).path == real  # a link to a document opens the document


def test_a_lab_catalog_links_files_and_says_stored_ones_are_not_here(targets, tmp_path, engine_name):
    if engine_name != "postgresql":
        pytest.skip("a lab server catalog")
    catalog = targets.open(targets.new())
    [pdf] = _files(tmp_path, "paper.pdf")
    geochat = paper_id(catalog, "GeoChat")
    assert not catalog.attachments.can_store
    with pytest.raises(AttachmentError) as caught:
        catalog.attachments.attach(Kind.PAPER, geochat, [pdf], store=True)
    assert caught.value.reason == "server"
    # a stored file's metadata that came from a laptop: listed, not on this computer
    catalog.store.write(lambda tx: tx.insert_row("attachment", {
        "paper_id": geochat, "path": "GeoChat.pdf", "kind": "pdf", "mode": "stored", "size": 10,
        "added_at": tx.now}, owner=(Kind.PAPER, geochat)))
    [stored] = catalog.attachments.list(Kind.PAPER, geochat)
    assert (stored.state, stored.location) == ("not_here", None)


@sqlite_only
def test_stored_files_are_copies_named_after_the_entry(catalog, tmp_path):
    pdf, other = _files(tmp_path, "download (1).pdf", "x.pdf")
    geochat = paper_id(catalog, "GeoChat")
    first, second = catalog.attachments.attach(Kind.PAPER, geochat, [pdf, other], store=True).result
    folder = catalog.data_dir / "attachments"
    a, b = catalog.attachments.get(first), catalog.attachments.get(second)
    title = " ".join(catalog.entries.get(Kind.PAPER, geochat).title.replace(":", " ").split())
    assert (a.mode, a.location, b.location) == ("stored", folder / f"{title}.pdf", folder / f"{title}-2.pdf")
    assert a.location.read_bytes() == pdf.read_bytes()
    pdf.unlink()  # the original may go: the catalog has its copy
    assert catalog.attachments.get(first).state == "present"
    # removed: the copy stays (undo), until the trash is emptied
    catalog.attachments.remove(first)
    assert a.location.exists()
    catalog.attachments.empty_trash()
    assert not a.location.exists() and b.location.exists()
    # an entry deleted for good takes its stored copies along
    catalog.entries.delete(Kind.PAPER, [geochat])
    assert b.location.exists()  # in the trash with its entry
    catalog.entries.purge(Kind.PAPER, [geochat])
    assert not b.location.exists() and other.exists()


@sqlite_only
def test_a_stored_file_missing_here_is_located_by_copying_it_again(catalog, tmp_path):
    [pdf] = _files(tmp_path, "paper.pdf")
    [attachment] = catalog.attachments.attach(Kind.PAPER, paper_id(catalog, "GeoChat"), [pdf], store=True).result
    stored = catalog.attachments.get(attachment)
    stored.location.unlink()
    assert catalog.attachments.get(attachment).state == "not_here"
    catalog.attachments.relink(attachment, pdf)
    assert catalog.attachments.get(attachment).location == stored.location and stored.location.exists()


@sqlite_only
def test_backups_keep_the_stored_files_and_restore_puts_them_back(catalog, tmp_path):
    [pdf] = _files(tmp_path, "paper.pdf")
    [attachment] = catalog.attachments.attach(Kind.PAPER, paper_id(catalog, "GeoChat"), [pdf], store=True).result
    copy = catalog.attachments.get(attachment).location
    made = catalog.backups.backup_now()
    catalog.backups.backup_now()  # the same file is kept once
    blobs = list((catalog.data_dir / "backups" / "files").iterdir())
    assert len(blobs) == 1 and blobs[0].read_bytes() == pdf.read_bytes()
    copy.unlink()
    catalog.backups.restore(made)
    assert copy.read_bytes() == pdf.read_bytes()
    backup.prune(catalog.data_dir, keep=1)
    assert len(list((catalog.data_dir / "backups" / "files").iterdir())) == 1  # the kept backup names it


@sqlite_only
def test_the_lossless_export_carries_attachments_and_stored_files_when_asked(catalog, targets, tmp_path):
    pdf, linked = _files(tmp_path, "paper.pdf", "linked.pdf")
    geochat = paper_id(catalog, "GeoChat")
    catalog.attachments.attach(Kind.PAPER, geochat, [pdf], store=True)
    catalog.attachments.attach(Kind.DATASET, dataset_id(catalog, "RSICap"), [linked])
    export = tmp_path / "out" / "export.json"
    export.parent.mkdir()
    text, files = catalog.imports.export_with_files(export)
    export.write_text(text, encoding="utf-8")
    data = json.loads(text)
    [paper] = [p for p in data["papers"] if p["short_name"] == "GeoChat"]
    [item] = paper["attachments"]
    assert (item["mode"], item["kind"], item["file"]) == ("stored", "pdf", f"export_files/{item['path']}")
    assert (files / item["path"]).read_bytes() == pdf.read_bytes()
    [dataset] = [d for d in data["datasets"] if d["name"] == "RSICap"]
    assert dataset["attachments"][0]["mode"] == "linked" and "file" not in dataset["attachments"][0]

    other = targets.empty()
    other.imports.apply(other.imports.plan(other.imports.read(export)))
    [copied] = other.attachments.list(Kind.PAPER, paper_id(other, "GeoChat"))
    assert (copied.mode, copied.state, copied.uuid) == ("stored", "present", item["uuid"])
    assert copied.location.read_bytes() == pdf.read_bytes()
    [on_dataset] = other.attachments.list(Kind.DATASET, dataset_id(other, "RSICap"))
    assert on_dataset.location == linked
    os.remove(copied.location)


@sqlite_only
@pytest.mark.parametrize("before", [0, 5000], ids=["first", "after-5000-entries"])
def test_a_stored_file_renamed_on_import_is_the_file_the_attachment_names(catalog, targets, tmp_path, before):
    """A stored file whose name is taken in the importing catalog (by another file) is copied
    under a new name, and the imported attachment names that copy, not the other file;
    also when its entry comes after thousands of others (more than the plan keeps in memory)."""
    [pdf] = _files(tmp_path, "paper.pdf")
    catalog.attachments.attach(Kind.PAPER, paper_id(catalog, "GeoChat"), [pdf], store=True)
    export = tmp_path / "out" / "export.json"
    export.parent.mkdir()
    text, _files_dir = catalog.imports.export_with_files(export)
    data = json.loads(text)
    [paper] = [p for p in data["papers"] if p["short_name"] == "GeoChat"]
    name = paper["attachments"][0]["path"]
    fillers = [{"title": f"Filler paper {n}", "authors": [], "year": 2020} for n in range(before)]
    data["papers"] = fillers + [paper]
    data["datasets"] = []
    data.pop("links", None)
    export.write_text(json.dumps(data), encoding="utf-8")

    other = targets.empty()
    other.attachments.folder.mkdir(parents=True, exist_ok=True)
    (other.attachments.folder / name).write_bytes(b"%PDF-1.4\nsomething else")
    plan = other.imports.prepare(export, "json")
    other.imports.apply(plan)
    plan.close()
    [copied] = other.attachments.list(Kind.PAPER, paper_id(other, "GeoChat"))
    assert copied.location.name != name
    assert copied.location.read_bytes() == pdf.read_bytes()
    assert (other.attachments.folder / name).read_bytes() == b"%PDF-1.4\nsomething else"
