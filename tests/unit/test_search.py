"""Searching the catalog: Chinese and English, notes, authors, remarks, odd input, the index."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rsfm_desktop.core import db
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.repository import CatalogRepository, Query


def names(repo, text, kind=Kind.PAPER):
    """The short names (papers) or names (datasets) found for ``text``, sorted by name."""
    key = "short_name" if kind is Kind.PAPER else "name"
    return sorted(getattr(repo.get(kind, i), key) for i in repo.list_ids(kind, Query(text)))


def paper_id(repo, short_name):
    return next(i for i in repo.list_ids(Kind.PAPER) if repo.get(Kind.PAPER, i).short_name == short_name)


ALL_PAPERS = ["GeoChat", "RSGPT", "RemoteCLIP", "RingMo"]


def test_blank_search_lists_everything(repo):
    assert names(repo, "") == sorted(ALL_PAPERS)
    assert names(repo, "   ") == sorted(ALL_PAPERS)


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
def test_chinese_substrings(repo, text, found):
    assert names(repo, text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("clip", ["RemoteCLIP"]),  # a substring, whatever its case
        ("CLIP", ["RemoteCLIP"]),
        ("RemoteClip", ["RemoteCLIP"]),
        ("geochat", ["GeoChat"]),
        ("grounded", ["GeoChat"]),
        ("vqa", ["GeoChat", "RSGPT"]),  # from the tasks column
        ("vq", ["GeoChat", "RSGPT"]),  # two letters: start of a word
        ("tgrs", ["RemoteCLIP"]),  # venue
        ("LLaVA-1.5", ["GeoChat"]),  # punctuation inside a term
        ("imagery", ["RemoteCLIP"]),  # English summary
    ],
)
def test_english_is_case_insensitive(repo, text, found):
    assert names(repo, text) == found


def test_all_terms_must_match(repo):
    assert names(repo, "remote sensing") == sorted(ALL_PAPERS)
    assert names(repo, "remote clip") == ["RemoteCLIP"]
    assert names(repo, "vqa 遥感") == ["GeoChat"]
    assert names(repo, "rs 视觉") == ["GeoChat"]
    assert names(repo, "geochat ringmo") == []


def test_authors_are_searchable(repo):
    assert names(repo, "Kuckreja") == ["GeoChat"]
    assert names(repo, "sohail danish") == ["GeoChat"]


def test_chinese_author_names_are_searchable(service, repo):
    service.update(Kind.PAPER, paper_id(repo, "RingMo"), {"authors": ["孙显", "Xian Sun"]})
    assert names(repo, "孙显") == ["RingMo"]
    assert names(repo, "xian sun") == ["RingMo"]


def test_remarks_are_searchable(service, repo):
    service.update(Kind.PAPER, paper_id(repo, "RSGPT"), {"remark": "Benchmark reused by 评测 groups"})
    assert names(repo, "reused") == ["RSGPT"]
    assert names(repo, "评测") == ["RSGPT"]


def test_note_words_are_searchable_and_follow_edits(service, repo):
    ringmo = paper_id(repo, "RingMo")
    service.save_note(Kind.PAPER, ringmo, "Compare with **SatMAE** 预训练")
    assert names(repo, "satmae") == ["RingMo"]
    assert names(repo, "预训练") == ["RingMo"]

    service.save_note(Kind.PAPER, ringmo, "Nothing here any more")
    assert names(repo, "satmae") == []
    assert names(repo, "any more") == ["RingMo"]


def test_dataset_search_covers_names_types_and_descriptions(service, repo):
    assert names(repo, "rsi", Kind.DATASET) == ["RSICap", "RSIEval"]
    assert names(repo, "image-text", Kind.DATASET) == ["RSICap", "RSIEval"]
    assert names(repo, "图像描述", Kind.DATASET) == ["RSICap"]
    rsieval = repo.list_ids(Kind.DATASET, Query("RSIEval"))[0]
    service.save_note(Kind.DATASET, rsieval, "used in 评测")
    assert names(repo, "评测", Kind.DATASET) == ["RSIEval"]


def test_editing_a_title_reindexes_the_entry(service, repo):
    geochat = paper_id(repo, "GeoChat")
    service.update(Kind.PAPER, geochat, {"title": "Talking to satellites", "short_name": "Chatty"})
    assert names(repo, "geochat") == []
    assert names(repo, "grounded") == []
    assert names(repo, "satellites") == ["Chatty"]
    assert names(repo, "遥感数据") == ["Chatty"]  # untouched fields stay searchable


def test_trashed_entries_never_match(service, repo):
    geochat = paper_id(repo, "GeoChat")
    service.save_note(Kind.PAPER, geochat, "unique-note-word")
    service.delete(Kind.PAPER, [geochat])
    for text in ("geochat", "遥感数据", "vq", "unique-note-word", "遥"):
        assert "GeoChat" not in names(repo, text), text
    assert names(repo, "遥感") == ["RingMo"]

    repo.restore(Kind.PAPER, [geochat])
    assert names(repo, "unique-note-word") == ["GeoChat"]


def test_search_and_sort_combine(repo):
    ids = repo.list_ids(Kind.PAPER, Query("remote", sort_key="year", descending=True))
    years = [repo.get(Kind.PAPER, i).year for i in ids]
    assert years == [2024, 2024, 2023, None]


@pytest.mark.parametrize(
    "text",
    ['"', '""', "'", "*", "^", ":", "(", ")", "()", "-", "--", "?!", "…", "，", "AND", "OR",
     "NOT", "NEAR", "NEAR(geo chat)", "title:geo", "geo OR chat", "NOT geochat", 'a"b', "a'b",
     "{x}", "[x]", "\\", "%", "_", "a AND", "遥感 AND", "+", "/"],
)
def test_query_syntax_never_raises(repo, text):
    found = names(repo, text)
    assert set(found) <= set(ALL_PAPERS)


@pytest.mark.parametrize("text", ['"', '""', "*", "^", ":", "()", "--", "?!", "，。"])
def test_punctuation_alone_matches_nothing(repo, text):
    assert names(repo, text) == []


def test_operator_words_are_plain_words(repo):
    # "and" occurs in RSGPT's title ("...Model and Benchmark"): found as text, not an operator.
    assert names(repo, "AND") == ["RSGPT"]
    assert names(repo, "geochat OR rsgpt") == []
    assert names(repo, "NEAR") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [('"RemoteCLIP"', ["RemoteCLIP"]), ('"geochat', ["GeoChat"]), ("geo*", ["GeoChat"]),
     ('"remote sensing" clip', ["RemoteCLIP"])],
)
def test_quotes_and_wildcards_do_not_hide_matches(repo, text, found):
    assert names(repo, text) == found


# ---- the search runs in the full-text indexes ------------------------------------------------


@pytest.fixture(scope="module")
def big_repo(tmp_path_factory):
    repo = CatalogRepository(db.open_catalog(tmp_path_factory.mktemp("search")))
    for i in range(400):
        repo.create(Kind.PAPER, {"title": f"Paper {i} on imagery", "year": 1990 + i % 40,
                                 "summary_zh": f"遥感模型{i}", "venue": f"V{i % 11}"})
    for i in range(400):
        repo.create(Kind.DATASET, {"name": f"Set {i}", "description_zh": f"数据{i}"})
    with repo.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    return repo


def _plan(repo, kind, query):
    found = repo.list_ids(kind, query)
    sql, params, _flagged = repo.list_sql(kind, query)
    with repo.engine.connect() as conn:
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, tuple(params)).all()
    return found, [r[3] for r in rows]


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
def test_search_uses_the_full_text_index(big_repo, kind, text, table, expected, sort_key):
    if kind is Kind.DATASET and sort_key == "year":
        sort_key = "name"
    found, plan = _plan(big_repo, kind, Query(text, sort_key=sort_key))
    assert len(found) == expected
    assert any(table in step and "VIRTUAL TABLE" in step for step in plan), plan
    assert not any(step.startswith("SCAN e") for step in plan), plan


# ---- any text typed into the search box -------------------------------------------------------

_SEARCH_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(list('"*^:()-+ NEAR AND OR NOT 遥感图像 RS')),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_SEARCH_TEXT)
def test_any_search_text_is_safe_and_matches_only_entries_containing_its_words(repo, text):
    """Whatever is typed, the search never raises, and every entry it finds is a live entry."""
    live = set(repo.list_ids(Kind.PAPER))
    found = repo.list_ids(Kind.PAPER, Query(text))
    assert set(found) <= live
    assert len(found) == len(set(found))
    if not text.strip():
        assert set(found) == live
