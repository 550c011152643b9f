"""The full text of attached PDFs, on both engines: extracted, normalised, indexed with page
numbers, found by the search box's "everything" scope in English and Chinese (one and two
characters), with the page and a snippet; files that cannot be read are reported one by one;
unchanged files are skipped; an interrupted run resumes."""

from __future__ import annotations

import os
import shutil

import pytest

from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.fulltext import indexer as indexer_module
from rsfm_desktop.core.fulltext.extract import extract

from .catalog_helpers import names, paper_id


def _ids(catalog, text, fulltext=True, kind=Kind.PAPER):
    return catalog.entries.list_ids(kind, Query(text=text, fulltext=fulltext))


@pytest.fixture
def indexed(catalog, test_pdfs, tmp_path):
    """GeoChat with the Latin and the two-column PDFs, RingMo with the Chinese one, RSGPT with
    the unreadable ones, all indexed. Returns (catalog, {name: attachment id}, reports)."""
    files = {name: shutil.copy(path, tmp_path / path.name) for name, path in test_pdfs.items()}
    owners = {"latin": "GeoChat", "two_column": "GeoChat", "cjk": "RingMo",
              "scanned": "RSGPT", "encrypted": "RSGPT", "damaged": "RSGPT"}
    ids = {}
    for name, short in owners.items():
        command = catalog.attachments.attach(Kind.PAPER, paper_id(catalog, short), [files[name]])
        ids[name] = command.result[0]
    reports = catalog.attachments.fulltext.index_all()
    return catalog, ids, reports, files


def test_every_file_is_read_or_reported_without_stopping(indexed):
    catalog, ids, reports, _files = indexed
    by_id = {r.attachment_id: r for r in reports}
    assert {name: by_id[i].status for name, i in ids.items()} == {
        "latin": "indexed", "two_column": "indexed", "cjk": "indexed",
        "scanned": "scanned", "encrypted": "encrypted", "damaged": "damaged"}
    assert by_id[ids["latin"]].pages == 3 and by_id[ids["scanned"]].pages == 1
    # the page count lands on the attachment, and the index state is shown with it
    latin = catalog.attachments.get(ids["latin"])
    assert (latin.pages, latin.index.status, len(latin.sha256)) == (3, "indexed", 64)
    problems = {name for _id, name, _status, _msg in catalog.attachments.fulltext.problems()}
    assert problems == {"scanned.pdf", "encrypted.pdf", "damaged.pdf"}
    assert catalog.attachments.fulltext.pending() == []  # nothing is read twice


def test_the_everything_scope_finds_words_of_the_pages(indexed):
    catalog, _ids_, _reports, _files = indexed
    geochat, ringmo = paper_id(catalog, "GeoChat"), paper_id(catalog, "RingMo")
    assert geochat in _ids(catalog, "zero-shot classification")
    assert geochat not in _ids(catalog, "zero-shot classification", fulltext=False)
    assert _ids(catalog, "hyperspectral unmixing") == [geochat]  # the left column
    assert _ids(catalog, "change detection benchmarks") == [geochat]  # the right column
    assert _ids(catalog, "segment") == [geochat]  # a word's beginning
    assert _ids(catalog, "SATELLITE imagery") == [geochat]  # case does not matter
    assert _ids(catalog, "unmixing 遥感") == []  # every term, in the fields or on one page
    # Chinese from one character
    assert ringmo in _ids(catalog, "语义分割")
    assert ringmo in _ids(catalog, "分割") and ringmo not in _ids(catalog, "分割", fulltext=False)
    assert ringmo in _ids(catalog, "割")
    assert ringmo in _ids(catalog, "GeoChat 模型")  # mixed, on page 2
    # GeoChat and RSGPT carry the VQA tag (视觉问答); RingMo only has the words on a page
    assert "RingMo" in names(catalog, Query(text="视觉问答", fulltext=True))
    assert "RingMo" not in names(catalog, Query(text="视觉问答"))


def test_pdf_text_is_normalised(indexed):
    catalog, ids, _reports, _files = indexed
    geochat = paper_id(catalog, "GeoChat")

    def pages_of(text):
        return [h.page for h in catalog.attachments.hits(Kind.PAPER, geochat, text)]

    assert pages_of("introduces the vision-language model") == [1]  # written with U+2011
    assert pages_of("final results") == [3]  # written with the ﬁ ligature
    assert pages_of("no break space") == [3]  # written with U+00A0
    assert "第一页" in catalog.attachments.page_text(ids["cjk"], 1)  # the font's radical ⻚ is 页


def test_a_hit_names_its_page_and_a_snippet(indexed):
    catalog, ids, _reports, _files = indexed
    [hit] = catalog.attachments.hits(Kind.PAPER, paper_id(catalog, "GeoChat"), "zero-shot")
    assert (hit.attachment_id, hit.page) == (ids["latin"], 2)
    assert "zero-shot scene classification" in hit.snippet
    hits = catalog.attachments.hits(Kind.PAPER, paper_id(catalog, "RingMo"), "模型")
    assert [(h.page, "模型" in h.snippet) for h in hits] == [(1, True), (2, True)]


def test_unchanged_files_are_skipped_and_changed_ones_read_again(indexed, qapp):
    catalog, ids, _reports, files = indexed
    fulltext = catalog.attachments.fulltext
    path = files["latin"]
    stat = path.stat()
    os.utime(path, (stat.st_atime, stat.st_mtime + 10))  # touched, same content
    assert fulltext.pending() == [ids["latin"]]
    report = fulltext.index(ids["latin"])
    assert report.unchanged and fulltext.pending() == []
    from tests.support.pdfs import text_pdf

    text_pdf(path, [["A rewritten page about cloud removal"]])
    assert fulltext.pending() == [ids["latin"]]
    assert fulltext.index(ids["latin"]).pages == 1
    geochat = paper_id(catalog, "GeoChat")
    assert _ids(catalog, "cloud removal") == [geochat]
    assert geochat not in _ids(catalog, "zero-shot")  # the old text is gone


def test_an_interrupted_run_resumes(catalog, test_pdfs, monkeypatch):
    monkeypatch.setattr(indexer_module, "CHUNK_CHARS", 50)  # one page per transaction
    command = catalog.attachments.attach(Kind.PAPER, paper_id(catalog, "GeoChat"), [test_pdfs["latin"]])
    [attachment] = command.result
    written = []
    fulltext = catalog.attachments.fulltext
    original = fulltext._write

    def count_writes(work):
        written.append(1)
        return original(work)

    monkeypatch.setattr(fulltext, "_write", count_writes)
    assert fulltext.index(attachment, cancelled=lambda: len(written) >= 2) is None  # quit midway
    assert fulltext.pending() == [attachment]  # not recorded as indexed: read again next start
    assert fulltext.index(attachment).status == "indexed"
    assert _ids(catalog, "ablations") == [paper_id(catalog, "GeoChat")]
    assert fulltext.pending() == []


def test_removed_and_deleted_attachments_leave_the_index(indexed):
    catalog, ids, _reports, _files = indexed
    geochat = paper_id(catalog, "GeoChat")
    removed = catalog.attachments.remove(ids["latin"])
    assert _ids(catalog, "zero-shot") == []  # in the trash: not searched
    catalog.undo(removed)
    assert _ids(catalog, "zero-shot") == [geochat]
    catalog.attachments.remove(ids["latin"])
    catalog.attachments.empty_trash()
    assert catalog.attachments.page_text(ids["latin"], 2) is None
    # an entry deleted for good takes its files' pages along
    catalog.entries.delete(Kind.PAPER, [geochat])
    catalog.entries.purge(Kind.PAPER, [geochat])
    assert catalog.attachments.page_text(ids["two_column"], 1) is None
    assert catalog.attachments.fulltext.pending() == []


def test_extraction_reports_each_kind_of_unreadable_file(test_pdfs, tmp_path):
    assert extract(test_pdfs["encrypted"]).status == "encrypted"
    assert extract(test_pdfs["damaged"]).status == "damaged"
    scanned = extract(test_pdfs["scanned"])
    assert (scanned.status, scanned.page_count) == ("scanned", 1)
    assert extract(tmp_path / "nowhere.pdf").status == "missing"
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_text("just text")
    assert extract(not_pdf).status == "damaged"


def test_a_snippet_starts_and_ends_on_whole_words():
    from rsfm_desktop.core.search.pages import snippet

    body = ("Remote sensing foundation models are reviewed here at length, and then the proposed "
            "grounding head predicts boxes for referring expressions across several benchmarks today")
    text = snippet(body, "grounding", width=30)
    assert "grounding" in text and text.startswith("…") and text.endswith("…")
    words = text.strip("…").split()
    assert words[0] in body.split() and words[-1] in body.split(), text  # no word cut in two
