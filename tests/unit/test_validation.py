"""Validation of edited values: what a user typing into the edit form is told."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rsfm_desktop.core.entries import Query
from rsfm_desktop.core.fields import Kind
from rsfm_desktop.core.validation import ValidationError, clean_text, is_http_url, normalise

from .catalog_helpers import paper_id


def codes(exc_info):
    return {(e.field, e.code) for e in exc_info.value.errors}


def test_title_is_required_when_creating(catalog):
    with pytest.raises(ValidationError) as exc:
        catalog.entries.create(Kind.PAPER, {"year": "2024"})
    assert codes(exc) == {("title", "required")}
    with pytest.raises(ValidationError) as exc:
        catalog.entries.create(Kind.DATASET, {"name": "  nan "})
    assert codes(exc) == {("name", "required")}
    assert catalog.entries.count(Kind.PAPER) == 4
    assert catalog.entries.count(Kind.DATASET) == 2


@pytest.mark.parametrize("blank", ["", "   ", "-", "nan"])
def test_a_title_cannot_be_emptied(catalog, blank):
    geochat = paper_id(catalog, "GeoChat")
    with pytest.raises(ValidationError) as exc:
        catalog.entries.update(Kind.PAPER, geochat, {"title": blank})
    assert codes(exc) == {("title", "required")}
    assert catalog.entries.get(Kind.PAPER, geochat).title.startswith("GeoChat")


@pytest.mark.parametrize("year", ["1900", "2024", 2024, " 2023 ", str(date.today().year + 1)])
def test_plausible_years_are_accepted_as_numbers(year):
    assert isinstance(normalise(Kind.PAPER, {"year": year})["year"], int)


@pytest.mark.parametrize(
    "year", ["1899", str(date.today().year + 2), "20x4", "2024.5", "twenty", "-2024", "１９９９x"]
)
def test_implausible_years_are_rejected(year):
    with pytest.raises(ValidationError) as exc:
        normalise(Kind.PAPER, {"year": year})
    assert codes(exc) == {("year", "year")}


@pytest.mark.parametrize(
    "url", ["https://github.com/mbzuai-oryx/geochat", "http://example.org/a?b=c", "HTTPS://EXAMPLE.ORG"]
)
def test_http_urls_are_accepted(url):
    assert normalise(Kind.PAPER, {"code_url": url})["code_url"] == url


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "ftp://example.org/paper.pdf", "www.x.com", "file:///etc/passwd",
     "data:text/html,<b>x</b>", "http://", "https//example.org", "mailto:a@b.c"],
)
@pytest.mark.parametrize("field", ["paper_url", "pdf_url", "code_url", "project_url"])
def test_other_urls_are_rejected(url, field):
    with pytest.raises(ValidationError) as exc:
        normalise(Kind.PAPER, {field: url})
    assert codes(exc) == {(field, "url")}


def test_every_dataset_download_url_is_checked():
    ok = normalise(Kind.DATASET, {"download_urls": "https://a.org/x; https://b.org/y"})
    assert ok["download_urls"] == ["https://a.org/x", "https://b.org/y"]
    with pytest.raises(ValidationError) as exc:
        normalise(Kind.DATASET, {"download_urls": ["https://a.org/x", "javascript:alert(1)"]})
    assert codes(exc) == {("download_urls", "url")}


@pytest.mark.parametrize("missing", [None, "", "   ", "nan", "NaN", "-", "—", "n/a", "None", "null"])
def test_missing_markers_become_none(missing):
    assert clean_text(missing) is None
    assert normalise(Kind.PAPER, {"venue": missing, "year": missing, "code_url": missing}) == {
        "venue": None, "year": None, "code_url": None,
    }


def test_text_is_stripped_and_lists_drop_missing_items():
    assert clean_text("  CVPR \n") == "CVPR"
    assert clean_text("Nanjing") == "Nanjing"  # a value merely starting like a marker is kept
    assert normalise(Kind.PAPER, {"authors": ["A. One", "nan", " ", "B. Two "]}) == {
        "authors": ["A. One", "B. Two"]
    }
    assert normalise(Kind.PAPER, {"authors": "A. One\nB. Two\n-"})["authors"] == ["A. One", "B. Two"]


def test_model_family_and_tasks_are_no_longer_fields_but_facets():
    """They are tags of the "family" and "task" facets now (migration 0003)."""
    with pytest.raises(ValidationError) as exc:
        normalise(Kind.PAPER, {"family": "Agent", "tasks": "VQA"})
    assert {field for field, _code in codes(exc)} == {"family", "tasks"}


def test_unknown_fields_are_errors():
    with pytest.raises(ValidationError) as exc:
        normalise(Kind.PAPER, {"title": "X", "name": "a dataset field"})
    assert codes(exc) == {("name", "unknown")}


def test_every_bad_field_is_reported_at_once():
    with pytest.raises(ValidationError) as exc:
        normalise(Kind.PAPER, {"title": "", "year": "20x4", "code_url": "www.x.com"})
    assert codes(exc) == {("title", "required"), ("year", "year"), ("code_url", "url")}
    assert "year" in str(exc.value) and "code_url" in str(exc.value)


def test_a_rejected_update_changes_nothing(catalog):
    geochat = paper_id(catalog, "GeoChat")
    before = catalog.entries.get(Kind.PAPER, geochat)
    with pytest.raises(ValidationError):
        catalog.entries.update(
            Kind.PAPER, geochat, {"title": "A new title", "venue": "ICCV", "year": "20x4"}
        )
    after = catalog.entries.get(Kind.PAPER, geochat)
    assert (after.title, after.venue, after.year, after.version) == (
        before.title, "CVPR", 2024, before.version,
    )
    assert catalog.entries.list_ids(Kind.PAPER, Query("new title")) == []


def test_an_accepted_update_is_stored_normalised(catalog):
    geochat = paper_id(catalog, "GeoChat")
    catalog.entries.update(Kind.PAPER, geochat, {"venue": " ICCV ", "year": "2025", "remark": "-"})
    after = catalog.entries.get(Kind.PAPER, geochat)
    assert (after.venue, after.year, after.remark) == ("ICCV", 2025, None)
    assert after.code_url == "https://github.com/mbzuai-oryx/geochat"  # untouched


URLISH = st.text(alphabet=st.sampled_from(list("hHtTpPsS:/[]?#@.a1 \t\n-_%é\x00\x7f")), max_size=14)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(URLISH, st.builds(lambda p, s: p + s, st.sampled_from(["http://", "https://", "HTTP://", " http://"]),
                                   URLISH)))
def test_the_fast_url_check_says_what_urlsplit_says(text):
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(text.strip())
        expected = parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
    except ValueError:
        expected = False
    assert is_http_url(text) == expected


def test_a_link_with_an_unbalanced_bracket_costs_its_field_not_the_file(empty_catalog, tmp_path):
    path = tmp_path / "one.bib"
    path.write_text("@article{a, title = {Kept}, url = {http://a[b}}\n@article{b, title = {Also kept}}\n",
                    encoding="utf-8")
    plan = empty_catalog.imports.prepare(path, "bibtex")  # was a ValueError traceback (urlsplit)
    assert [e.record.title for e in plan.entries] == ["Kept", "Also kept"]
    assert [e.record.values.get("paper_url") for e in plan.entries] == [None, None]
    assert any("paper_url dropped" in w and "line 1" in w for w in plan.warnings)
    plan.close()
