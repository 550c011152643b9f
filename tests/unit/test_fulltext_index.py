"""The full-text index at scale: one transaction per file, the chunk index that says which
attachments match (phrases as neighbouring token pairs), catalogs indexed before it existed,
and the page lookups of the detail pane."""

from __future__ import annotations

import random

import pytest

from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.fulltext import indexer as indexer_module
from rsfm_desktop.core.fulltext.normalise import normalise
from rsfm_desktop.core.search import pages, tokens
from rsfm_desktop.core.search.pages import IndexState

from ..conftest import sqlite_only
from .catalog_helpers import paper_id


def _ids(catalog, text):
    return catalog.entries.list_ids(Kind.PAPER, Query(text=text, fulltext=True))


def _attach(catalog, short, n=0):
    """A PDF attachment of a paper, without a file (the index is written directly)."""
    paper = paper_id(catalog, short)
    return catalog.store.write(lambda tx: tx.insert_row(
        "attachment", {"paper_id": paper, "path": f"/nowhere/{short}-{n}.pdf", "kind": "pdf", "added_at": tx.now},
        owner=(Kind.PAPER, paper)))[0], paper


def _state(texts):
    return IndexState("indexed", None, sum(map(len, texts)), 0.0, "0" * 64, len(texts), None)


def _index(catalog, attachment, texts):
    catalog.attachments.fulltext.write_file(attachment, texts, _state(texts))


def test_a_file_is_written_in_one_transaction_and_a_long_one_in_chunks(catalog, monkeypatch):
    fulltext = catalog.attachments.fulltext
    original, writes = fulltext._write, []
    monkeypatch.setattr(fulltext, "_write", lambda work: writes.append(1) or original(work))
    attachment, paper = _attach(catalog, "GeoChat")
    _index(catalog, attachment, ["page one about hyperspectral unmixing", "page two", "page three"])
    assert len(writes) == 1  # pages, state and facts together
    monkeypatch.setattr(indexer_module, "CHUNK_CHARS", 20)
    writes.clear()
    _index(catalog, attachment, [f"page {n} holds the word w{n}x" for n in range(1, 6)])
    assert len(writes) == 5
    assert _ids(catalog, "hyperspectral") == []  # the old text is gone from both indexes
    assert _ids(catalog, "w4x") == [paper]
    assert [h.page for h in catalog.attachments.hits(Kind.PAPER, paper, "holds")] == [1, 2, 3, 4, 5]


def test_a_phrase_matches_its_words_in_that_order(catalog):
    first, geochat = _attach(catalog, "GeoChat")
    second, ringmo = _attach(catalog, "RingMo")
    _index(catalog, first, ["zero-shot scene klassifikation of 遥感图像 in RS"])
    _index(catalog, second, ["a shot at zero cost; klassifikation\n遥感 and 图像 apart"])
    assert _ids(catalog, "zero-shot") == [geochat]
    assert _ids(catalog, "zero-sh") == [geochat]  # the last word is a prefix
    assert _ids(catalog, "遥感图像") == [geochat]
    assert _ids(catalog, "感图") == [geochat]
    assert sorted(_ids(catalog, "遥感 图像")) == sorted([geochat, ringmo])  # two terms, anywhere
    assert sorted(_ids(catalog, "klassif")) == sorted([geochat, ringmo])
    assert geochat in _ids(catalog, "遥") and sorted(_ids(catalog, "kl")) == sorted([geochat, ringmo])


@sqlite_only
def test_a_catalog_indexed_before_the_chunk_index_gets_one(catalog):
    attachment, paper = _attach(catalog, "GeoChat")
    _index(catalog, attachment, ["hyperspectral unmixing on page one", "零样本分类 on page two"])
    with catalog.store.engine.connect() as conn, conn.begin():  # as a catalog indexed before 0009
        conn.exec_driver_sql("DROP TABLE page_chunk_fts_bi")
        pages.create(conn)
    assert _ids(catalog, "unmixing") == []
    with catalog.store.engine.connect() as conn, conn.begin():  # what migration 0009 does
        assert pages.index_chunks(conn) == 1
        assert pages.index_chunks(conn) == 0
    assert _ids(catalog, "unmixing") == [paper] and _ids(catalog, "零样本") == [paper]
    _index(catalog, attachment, ["a new text about cloud removal"])  # unindexes the rebuilt chunk
    assert _ids(catalog, "unmixing") == [] and _ids(catalog, "零样本") == []
    assert _ids(catalog, "cloud removal") == [paper]


def test_hits_take_each_attachment_in_turn_up_to_the_limit(catalog):
    first, paper = _attach(catalog, "GeoChat", 1)
    second, _paper = _attach(catalog, "GeoChat", 2)
    _index(catalog, first, ["nothing here"] + [f"grounding on page {n}" for n in range(2, 5)])
    _index(catalog, second, [f"grounding again {n}" for n in range(1, 4)])
    hits = catalog.attachments.hits(Kind.PAPER, paper, "grounding", limit=5)
    assert [(h.attachment_id, h.page) for h in hits] == [(first, 2), (first, 3), (first, 4), (second, 1), (second, 2)]
    assert all("grounding" in h.snippet for h in hits)


def test_the_page_tokens_are_the_search_tokens():
    rng = random.Random(5)
    texts = ["Zero-shot 遥感图像 Café ﬁnal ¼ ひらがな 한국어 a_b 12x", ""]
    texts += ["".join(rng.choice("ab É_-ﬁ¼遥感图。\nひ한") for _ in range(30)) for _ in range(2000)]
    for text in texts:
        assert pages.token_sequence(text) == tokens.token_sequence(text), text


@pytest.mark.parametrize("raw, clean", [
    (" a \n\n  b \t c\u3000\n \n", "a\nb c"),
    ("no\u00a0break no\u2011break \ufb01nal \u00adsoft", "no break no-break final soft"),
    ("hyphen-\x02\r\nated", "hyphenated"),
    ("第一\u2eda", "第一页"),
    ("\x01bell\x7f", "bell"),
    ("ＣＬＩＰ", "CLIP"),
])
def test_normalised_text(raw, clean):
    assert normalise(raw) == clean


@pytest.mark.parametrize("expansions", [40, 1])  # a prefix spelled out as its words, or kept (too many words)
def test_a_page_hit_of_a_word_beginning(catalog, monkeypatch, expansions):
    monkeypatch.setattr(pages, "MAX_EXPANSIONS", expansions)
    attachment, paper = _attach(catalog, "GeoChat")
    _index(catalog, attachment, ["segmentation of roads", "nothing", "segments and segmenting", "Café zero-shots"])

    def found(text):
        return [(h.page, h.snippet) for h in catalog.attachments.hits(Kind.PAPER, paper, text)]

    assert [p for p, _s in found("segment")] == [1, 3]
    assert [p for p, _s in found("zero-shot")] == [4]
    assert found("segmx") == []
    assert found("cafe") == [(4, "Café zero-shots")]  # found through the accents, shown as written
