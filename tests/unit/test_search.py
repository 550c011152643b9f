"""Searching the catalog on both engines: Chinese and English, notes, authors, remarks, odd
input, the trash, the index."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.fields import Kind, searchable_fields
from rsfm_desktop.core.search import parse_query
from rsfm_desktop.core.search.tokens import fold_word

from ..conftest import sqlite_only
from .catalog_helpers import (
    ALL_PAPERS,
    add_entries,
    dataset_id,
    names,
    paper_id,
    query_plan,
    trace_statements,
)


def test_blank_search_lists_everything(catalog):
    assert names(catalog, "") == sorted(ALL_PAPERS)
    assert names(catalog, "   ") == sorted(ALL_PAPERS)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("遥感", ["GeoChat", "RingMo"]),  # two characters
        ("遥", ["GeoChat", "RingMo"]),  # one character
        ("视觉提示", ["GeoChat"]),  # four characters, inside a summary
        ("遥感数据", ["GeoChat"]),
        ("基础模型", ["RingMo"]),
        ("数据集", ["RSGPT"]),  # three characters
        ("掩码", ["RingMo"]),
        ("卫星", []),
    ],
)
def test_chinese_substrings(catalog, text, found):
    assert names(catalog, text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("clip", ["RemoteCLIP"]),  # a substring, whatever its case
        ("CLIP", ["RemoteCLIP"]),
        ("RemoteClip", ["RemoteCLIP"]),
        ("geochat", ["GeoChat"]),
        ("grounded", ["GeoChat"]),
        ("vqa", ["GeoChat", "RSGPT"]),  # the label of their task tag
        ("vq", ["GeoChat", "RSGPT"]),  # two letters: start of a word
        ("tgrs", ["RemoteCLIP"]),  # venue
        ("LLaVA-1.5", ["GeoChat"]),  # punctuation inside a term
        ("imagery", ["RemoteCLIP"]),  # English summary
    ],
)
def test_english_is_case_insensitive(catalog, text, found):
    assert names(catalog, text) == found


@pytest.mark.parametrize(
    ("text", "title"),
    [("gomez", "A study by Gómez"), ("gómez", "A study by Gomez"), ("muller", "Müller-Net"),
     ("MÜLLER", "muller net"), ("strasse", "Straße scenes"), ("cafe", "Café"), ("Zoë", "zoe"),
     ("uber-net", "Über-Net"), ("über-", "uber-resolution"), ("gómez,", "Gomez, J."),  # chunks
     ("été", "e\u0301te\u0301 data"), ("ete", "e\u0301te\u0301 data"), ("e\u0301te\u0301", "Été")],  # accents as combining marks
)
def test_accents_are_ignored_in_long_terms(empty_catalog, text, title):
    """Three letters or more match whatever their accents, as words do (an author typed
    without the accent); SQLite's trigram index keeps accents, so its text is folded."""
    ids = add_entries(empty_catalog, Kind.PAPER, [{"title": title}, {"title": "Unrelated"}])
    assert empty_catalog.entries.list_ids(Kind.PAPER, Query(text)) == ids[:1]


def test_all_terms_must_match(catalog):
    assert names(catalog, "remote sensing") == sorted(ALL_PAPERS)
    assert names(catalog, "remote clip") == ["RemoteCLIP"]
    assert names(catalog, "vqa 遥感") == ["GeoChat"]
    assert names(catalog, "rs 视觉") == ["RSGPT"]  # its title, and its task tag VQA, 视觉问答
    assert names(catalog, "vqa 提示") == ["GeoChat"]
    assert names(catalog, "geochat ringmo") == []


def test_authors_are_searchable(catalog):
    assert names(catalog, "Kuckreja") == ["GeoChat"]
    assert names(catalog, "sohail danish") == ["GeoChat"]


def test_chinese_author_names_are_searchable(catalog):
    catalog.entries.update(Kind.PAPER, paper_id(catalog, "RingMo"), {"authors": ["孙显", "Xian Sun"]})
    assert names(catalog, "孙显") == ["RingMo"]
    assert names(catalog, "xian sun") == ["RingMo"]


def test_remarks_are_searchable(catalog):
    catalog.entries.update(Kind.PAPER, paper_id(catalog, "RSGPT"), {"remark": "Benchmark reused by 评测 groups"})
    assert names(catalog, "reused") == ["RSGPT"]
    assert names(catalog, "评测") == ["RSGPT"]


def test_note_words_are_searchable_and_follow_edits(catalog):
    ringmo = paper_id(catalog, "RingMo")
    catalog.notes.save(Kind.PAPER, ringmo, "Compare with **SatMAE** 预训练")
    assert names(catalog, "satmae") == ["RingMo"]
    assert names(catalog, "预训练") == ["RingMo"]

    catalog.notes.save(Kind.PAPER, ringmo, "Nothing here any more")
    assert names(catalog, "satmae") == []
    assert names(catalog, "any more") == ["RingMo"]


def test_dataset_search_covers_names_types_and_descriptions(catalog):
    assert names(catalog, "rsi", Kind.DATASET) == ["RSICap", "RSIEval"]
    assert names(catalog, "image-text", Kind.DATASET) == ["RSICap", "RSIEval"]
    assert names(catalog, "图像描述", Kind.DATASET) == ["RSICap", "RSIEval"]  # RSIEval: its task tag
    rsieval = dataset_id(catalog, "RSIEval")
    catalog.notes.save(Kind.DATASET, rsieval, "used in 评测")
    assert names(catalog, "评测", Kind.DATASET) == ["RSIEval"]


def test_tags_are_searched_and_a_new_tag_reindexes_the_entry(catalog):
    assert names(catalog, "合成孔径雷达") == ["RingMo"]  # the Chinese label of its SAR tag
    geochat = paper_id(catalog, "GeoChat")
    counting = catalog.taxonomy.resolve("Counting", "task")[0]
    assert "GeoChat" not in names(catalog, "counting")
    catalog.taxonomy.assign(Kind.PAPER, [geochat], [counting])
    assert "GeoChat" in names(catalog, "counting") and "GeoChat" in names(catalog, "目标计数")
    catalog.taxonomy.unassign(Kind.PAPER, [geochat], [counting])
    assert "GeoChat" not in names(catalog, "counting")


def test_editing_a_title_reindexes_the_entry(catalog):
    geochat = paper_id(catalog, "GeoChat")
    catalog.entries.update(Kind.PAPER, geochat, {"title": "Talking to satellites", "short_name": "Chatty"})
    assert names(catalog, "geochat") == []
    assert names(catalog, "grounded") == []
    assert names(catalog, "satellites") == ["Chatty"]
    assert names(catalog, "遥感数据") == ["Chatty"]  # untouched fields stay searchable


def test_trashed_entries_never_match(catalog):
    geochat = paper_id(catalog, "GeoChat")
    catalog.notes.save(Kind.PAPER, geochat, "unique-note-word")
    catalog.entries.delete(Kind.PAPER, [geochat])
    for text in ("geochat", "遥感数据", "vq", "unique-note-word", "遥"):
        assert "GeoChat" not in names(catalog, text), text
    assert names(catalog, "遥感") == ["RingMo"]

    catalog.entries.restore(Kind.PAPER, [geochat])
    assert names(catalog, "unique-note-word") == ["GeoChat"]


def test_search_and_sort_combine(catalog):
    ids = catalog.entries.list_ids(Kind.PAPER, Query("remote", sort_key="year", descending=True))
    years = [catalog.entries.get(Kind.PAPER, i).year for i in ids]
    assert years == [2024, 2024, 2023, None]


@pytest.mark.parametrize(
    "text",
    ['"', '""', "'", "*", "^", ":", "(", ")", "()", "-", "--", "?!", "…", "，", "AND", "OR",
     "NOT", "NEAR", "NEAR(geo chat)", "title:geo", "geo OR chat", "NOT geochat", 'a"b', "a'b",
     "{x}", "[x]", "\\", "%", "_", "a AND", "遥感 AND", "+", "/"],
)
def test_query_syntax_never_raises(catalog, text):
    found = names(catalog, text)
    assert set(found) <= set(ALL_PAPERS)


@pytest.mark.parametrize("text", ["¼", "½ ¾", "x¼", "㎏", "ǅ", "①"])
def test_characters_that_fold_into_several_words_never_fail(catalog, text):
    assert set(names(catalog, text)) <= set(ALL_PAPERS)  # found by hypothesis: "¼" folds into "1⁄4"


@pytest.mark.parametrize("text", ['"', '""', "*", "^", ":", "()", "--", "?!", "，。"])
def test_punctuation_alone_matches_nothing(catalog, text):
    assert names(catalog, text) == []


def test_operator_words_are_plain_words(catalog):
    # "and" occurs in RSGPT's title ("...Model and Benchmark"): found as text, not an operator.
    assert names(catalog, "AND") == ["RSGPT"]
    assert names(catalog, "geochat OR rsgpt") == []
    assert names(catalog, "NEAR") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [('"RemoteCLIP"', ["RemoteCLIP"]), ('"geochat', ["GeoChat"]), ("geo*", ["GeoChat"]),
     ('"remote sensing" clip', ["RemoteCLIP"])],
)
def test_quotes_and_wildcards_do_not_hide_matches(catalog, text, found):
    assert names(catalog, text) == found


# ---- the search runs in the full-text indexes (SQLite's planner) -----------------------------


@pytest.fixture
def big_catalog(empty_catalog):
    add_entries(empty_catalog, Kind.PAPER, [
        {"title": f"Paper {i} on imagery", "year": 1990 + i % 40, "summary_zh": f"遥感模型{i}", "venue": f"V{i % 11}"}
        for i in range(400)])
    add_entries(empty_catalog, Kind.DATASET, [{"name": f"Set {i}", "description_zh": f"数据{i}"} for i in range(400)])
    with empty_catalog.store.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    return empty_catalog


@sqlite_only
@pytest.mark.parametrize(
    ("kind", "text", "table", "expected"),
    [
        (Kind.PAPER, "paper 123 imagery", "paper_fts_tri", 1),
        (Kind.PAPER, "遥感模型12", "paper_fts_tri", 11),  # 12, 120..129
        (Kind.PAPER, "遥感", "paper_fts_bi", 400),
        (Kind.PAPER, "v3", "paper_fts_bi", 37),
        (Kind.DATASET, "数据", "dataset_fts_bi", 400),
        (Kind.DATASET, "数据12", "dataset_fts_tri", 11),
        (Kind.DATASET, "set 149", "dataset_fts_tri", 1),
        (Kind.DATASET, "set 14", "dataset_fts_bi", 11),  # "14" is a word prefix: 14, 140..149
    ],
)
@pytest.mark.parametrize("sort_key", [None, "year"])
def test_search_uses_the_full_text_index(big_catalog, kind, text, table, expected, sort_key):
    statements = trace_statements(big_catalog)
    found = big_catalog.entries.list_ids(kind, Query(text, sort_key=sort_key))
    assert len(found) == expected
    [match] = [s for s in statements if "MATCH" in s]
    plan = query_plan(big_catalog, match)
    assert any(table in step and "VIRTUAL TABLE" in step for step in plan.split(" | ")), plan
    assert f"SCAN {kind.value} " not in plan + " ", plan  # never the whole table


# ---- any text typed into the search box -------------------------------------------------------

_SEARCH_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(list('"*^:()-+ NEAR AND OR NOT 遥感图像 RS') + ["\x00"]),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_SEARCH_TEXT)
@example(text="NDÈ")  # an accent folded away: found by 'understanding' (CI, PostgreSQL)
def test_any_search_text_is_safe_and_matches_only_entries_containing_its_words(catalog, text):
    """Whatever is typed, the search never raises, and every entry it finds is a live entry."""
    live = set(catalog.entries.list_ids(Kind.PAPER))
    found = catalog.entries.list_ids(Kind.PAPER, Query(text))
    assert set(found) <= live
    assert len(found) == len(set(found))
    if not text.replace("\x00", "").strip():
        assert set(found) == live
    # Search ignores case and accents ("NDÈ" finds "understanding"), so the oracle folds both.
    texts = {i: fold_word(search_text(catalog, i)) for i in found}
    for term in parse_query(text).long_terms:  # three characters or more: a substring of each hit
        assert all(fold_word(term) in texts[i] for i in found), (term, found)


def search_text(catalog, entry_id):
    """What the search reads of a paper: its searchable fields, its note and its tags' labels
    (a tag "Image captioning" is why "NIN" finds a paper), lower case."""
    from rsfm_desktop.core.search import entry_texts

    entry = catalog.entries.get(Kind.PAPER, entry_id)
    fields = [str(entry.values[f]) for f in searchable_fields(Kind.PAPER) if entry.values[f] is not None]
    with catalog.store.read() as conn:
        indexed = entry_texts(conn, Kind.PAPER, [entry_id]).get(entry_id, "")
    return "\n".join([*fields, catalog.notes.text(Kind.PAPER, entry_id), indexed]).lower()


@pytest.mark.parametrize(
    ("text", "found"),
    [("geo\x00chat", ["GeoChat"]), ("\x00", ALL_PAPERS), ("遥\x00", ["GeoChat", "RingMo"]),
     ("\x00\x00clip", ["RemoteCLIP"]), ("\x00*\x00", [])],
)
def test_nul_characters_separate_terms_and_never_fail(catalog, text, found):
    assert names(catalog, text) == sorted(found)


# ---- terms of several tokens, on both engines ---------------------------------------------------

LONG_URL = "https://example.org/" + "-".join(f"part{i}" for i in range(60)) + "/zero-shot.pdf"
TRICKY = {
    "A": "Zero-shot SAR detection (RemoteCLIP) for über-resolution",
    "B": "clip-遥感 model, zero shot, 遥感，图像语义分割模型",
    "C": "ÜBER-Net: 遥感图像语义分割 with C++ and e.g. few-shot",
    "D": f"see {LONG_URL} for the code",
    "E": "遥感图像 and 语义分割模型 apart: remote-sensing",
}


@pytest.fixture
def tricky(empty_catalog):
    ids = add_entries(empty_catalog, Kind.PAPER, [{"title": t} for t in TRICKY.values()])
    # A note past what one entry's lexemes may hold (PostgreSQL: 1 MB a tsvector), a rare term last.
    huge = " ".join(f"w{i}x-y" for i in range(120_000)) + " needle-in-haystack"
    empty_catalog.notes.save(Kind.PAPER, ids[4], huge)
    return empty_catalog, dict(zip(TRICKY, ids))


@pytest.mark.parametrize(
    ("text", "found"),
    [("zero-shot", "AD"), ("zero-", "AD"), ("ero-s", "AD"), ("(remoteclip)", "A"), ("clip-", "B"),
     ("clip-遥", "B"), ("über-", "AC"), ("ÜBER-NET", "C"), ("c++", "C"), ("e.g.", "C"), ("，图像", "B"),
     ("遥感图", "CE"), ("遥感图像", "CE"), ("图像语义分割", "BC"), ("语义分割模型", "BE"), ("分割模", "BE"),
     ("感图像", "CE"), ("割模型", "BE"), ("义分割", "BCE"), ("分割模型", "BE"),  # 3 at a run's end, then 4
     ("part59/zero", "D"), ("/zero-shot.pdf", "D"), ("needle-in", "E"), ("w119999x-y", "E"),
     ("remote-", "E"), ("shot,", "B"), ("zero-shot sar", "A"), ("遥感 zero", "B")],
)
def test_a_term_of_several_tokens_is_found_where_it_is_written(tricky, text, found):
    catalog, ids = tricky
    assert sorted(catalog.entries.list_ids(Kind.PAPER, Query(text))) == sorted(ids[k] for k in found)


@pytest.mark.parametrize("engine_name", ["postgresql"])
@pytest.mark.parametrize("text", ["遥感图", "感图像", "遥感图像", "图像语义分割"])
def test_rows_indexed_with_every_3_gram_are_still_found(tricky, text):
    """PostgreSQL rows written before the lexemes were 4-grams and runs' last three characters
    hold every 3- and 4-gram (a superset): the same terms find them, no reindex needed."""
    from rsfm_desktop.core.search import postgres

    catalog, ids = tricky
    expected = sorted(catalog.entries.list_ids(Kind.PAPER, Query(text)))
    runs = postgres._CJK_RUN.findall(TRICKY["C"])
    old = [run[i : i + k] for run in runs for k in (3, 4) for i in range(len(run) - k + 1)]
    with catalog.store.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE paper_search SET words = words || array_to_tsvector(%(old)s) WHERE id = %(id)s",
            {"old": old, "id": ids["C"]})
    assert sorted(catalog.entries.list_ids(Kind.PAPER, Query(text))) == expected
    assert ids["C"] in expected


_ODD_TEXTS = ["", "⼀abc ⼀ 𠀀 ⼀⼁", "Über-Net Straße ½ ¼ café’s O'Brien a\\b 'q' 遥感图像处理 图像 a 图 x图y ①",
              "x" * 600 + " short", "ab-c " * 200_000, "遥感" * 300, "\x00abc\x00de-f", "İstanbul ǅemal ﬁne ＡＢＣ１２",
              "a\u0301b e\u0301te\u0301", "日本語のテキスト 한국어 텍스트", "\\' '' \\\\ ~ ~x a~b"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZé-'\\ ~遥感图像处理⼀ǅ½ \t\"*.\x00"), max_size=60))
@example("⼀ǅ½")
def test_index_rows_hold_the_lexemes_of_the_text(text):
    """PostgreSQL: what an entry's index row holds (``indexed``, C-level scans, written by a
    COPY or an upsert) is what ``lexemes`` (a token at a time) gives: the same lexemes, Latin
    tokens, chunks, overflow and body."""
    from rsfm_desktop.core.search import postgres

    for sample in [text, *_ODD_TEXTS]:
        literal, latin, chunks, overflow, body = postgres.indexed(sample)
        want = postgres.lexemes(sample.replace("\x00", ""))
        assert _tsvector_lexemes(literal) == set(want[0])
        assert (sorted(latin), chunks, overflow) == (sorted(want[1]), want[2], want[3])
        assert body == postgres.lowered(sample.replace("\x00", ""))


def _tsvector_lexemes(literal: str) -> set[str]:
    """The lexemes of a tsvector literal of quoted lexemes (``'a' 'b''c'``), as PostgreSQL reads it."""
    out, current, quoted, i = set(), [], False, 0
    while i < len(literal):
        c = literal[i]
        if c == "\\":
            current.append(literal[i + 1])
            i += 1
        elif c == "'" and quoted and literal[i + 1 : i + 2] == "'":
            current.append("'")
            i += 1
        elif c == "'":
            if quoted:
                out.add("".join(current))
                current = []
            quoted = not quoted
        else:
            assert quoted or c == " ", literal
            if quoted:
                current.append(c)
        i += 1
    return out


@pytest.mark.parametrize("engine_name", ["postgresql"])
def test_the_server_reads_the_index_rows_lexemes_as_written(empty_catalog):
    """The tsvector literal of odd texts (quotes, backslashes, chunks) holds, on the server,
    exactly the lexemes ``lexemes`` gives; an entry added (its row COPied) and the same entry
    reindexed (its row upserted) hold the same row."""
    from rsfm_desktop.core.search import postgres, reindex

    ids = add_entries(empty_catalog, Kind.PAPER, [{"title": f"odd {n}", "remark": t} for n, t in enumerate(_ODD_TEXTS)])
    with empty_catalog.store.engine.begin() as conn:
        for sample in _ODD_TEXTS:
            literal = postgres.indexed(sample)[0]
            server = conn.exec_driver_sql("SELECT tsvector_to_array(CAST(%(t)s AS tsvector))", {"t": literal}).scalar()
            assert set(server) == set(postgres.lexemes(sample.replace("\x00", ""))[0])
        copied = conn.exec_driver_sql("SELECT id, words::text, body, overflow FROM paper_search ORDER BY id").all()
        reindex(conn, Kind.PAPER, ids)
        assert conn.exec_driver_sql("SELECT id, words::text, body, overflow FROM paper_search ORDER BY id").all() == copied
    assert len(copied) == len(ids)
