"""Pasted text (Edit ▸ Paste as Entries): a file's text is read as that file would be, a list of
identifiers becomes entries with their links, anything else is skipped with its line named; no
text ever raises anything but ImportFormatError."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rsfm_desktop.core.io import Format, ImportFormatError
from rsfm_desktop.core.io.pasted import parse_pasted


@pytest.mark.parametrize("text, fmt, titles", [
    ("\n@article{a, title={Dune fields from orbit}}\n", Format.BIBTEX, ["Dune fields from orbit"]),
    ("TY  - JOUR\nTI  - Sea ice in radar\nER  - \n", Format.RIS, ["Sea ice in radar"]),
    ('[{"type": "article-journal", "title": "Crop maps"}]', Format.CSLJSON, ["Crop maps"]),
    ("| Title | Code |\n|---|---|\n| Roof finder | [code](https://github.com/lab/roofs) |\n", Format.MARKDOWN,
     ["Roof finder"]),
    ("- [Roof finder](https://arxiv.org/abs/2401.01234) | [code](https://github.com/lab/roofs)\n", Format.MARKDOWN,
     ["Roof finder"]),
])
def test_a_pasted_file_is_read_in_its_format(text, fmt, titles):
    batch = parse_pasted(text)
    assert batch.format is fmt and [r.title for r in batch.records] == titles


def test_a_markdown_link_alone_is_an_identifier_not_json():
    batch = parse_pasted("[paper](https://arxiv.org/abs/2401.01234)\n")
    assert [r.values["arxiv_id"] for r in batch.records] == ["2401.01234"]
    assert batch.warnings == ["clipboard, line 1: skipped: 'paper' is not an arXiv id, DOI or link"]


def test_text_with_no_identifier_is_refused_with_a_reason():
    with pytest.raises(ImportFormatError, match="no arXiv id, DOI or link"):
        parse_pasted("just some words\nand more")


PIECES = ["2311.15826", "arXiv:2401.01234v2", "doi:10.1109/TGRS.2024.1", "https://github.com/a/b",
          "https://x.org/p", "@article{", "TY  - ", "ER  - ", "[", "]", "(", ")", "{", "}", "|", "---", "- ",
          "\n", " ", ",", "title", "遥感", "\ufeff", '"']


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_any_pasted_text_gives_records_or_a_format_error(text):
    try:
        batch = parse_pasted(text)
    except ImportFormatError:
        return
    assert all(r.title for r in batch.records)
