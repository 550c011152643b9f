"""Rows of a table (CSV file or Markdown awesome-list table) to records.

Column headers are matched loosely (case, punctuation, English or Chinese) to fields; a cell
holds its text and the links found in it, so a title cell ``**[GeoChat](arxiv…)**`` gives both
the title and the paper link, and a star badge wrapping a GitHub link gives the code link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..fields import Kind
from ..validation import clean_text, is_http_url
from . import identifiers, names
from .bibliographic import keyword_tags
from .language import place
from .record import ImportRecord

_URL = re.compile(r"https?://[^\s<>|)\]]+")

# Column names per field key (``|``-separated). Pseudo-keys resolved per row: ``summary`` and
# ``description`` go to the Chinese or English field by script; ``kind``, ``tags``, ``note``.
_PAPER_HEADERS = {
    "title": "paper|papers|paper title|name|论文|论文名称|标题|题目",
    "short_name": "abbreviation|abbr|model|short name|简称|模型|method|方法",
    "authors": "author|作者",
    "year": "年份|发表年份|date",
    "venue": "publication|published in|journal|conference|期刊|会议|source|pub|发表",
    "paper_url": "paper link|link|url|paper url|论文链接",
    "pdf_url": "pdf|pdf url",
    "code_url": "code|github|code link|代码|code/project",
    "project_url": "project|project page|homepage|主页|项目",
    "family": "tag|category|类别",  # family and tasks are read as fields, kept as tags (record.py)
    "visual_encoder": "visual encoder|vision encoder|backbone",
    "text_encoder": "text encoder|language model|llm",
    "model_details": "model details|details|architecture",
    "tasks": "task|任务",
    "survey_inclusion": "survey inclusion",
    "survey_section": "survey section|section",
    "summary": "short summary|abstract|description|highlights|摘要|简介|描述",
    "summary_en": "english summary",
    "summary_zh": "chinese summary|中文摘要",
    "remark": "remarks|备注|comment|comments",
    "arxiv_id": "arxiv|arxiv id",
    "doi": "doi",
    "citation_key": "citation key|bibtex key|cite key|citekey",
    "entry_type": "entry type|bibtex type",
    "extra_fields": "extra fields",
}
_DATASET_HEADERS = {
    "name": "dataset|dataset name|title|数据集|数据集名称|名称",
    "data_type": "data type|type|modality|数据类型|类型",
    "year": "年份|发布年份|date",
    "scale": "size|规模",
    "description": "features|特点及描述|描述|summary|简介",
    "description_en": "english description",
    "description_zh": "chinese description",
    "download_urls": "download|link|url|download urls|下载地址|下载链接",
}
_COMMON = {"kind": "type of entry", "tags": "keywords|标签", "note": "笔记"}
# Headers that only a dataset table has.
DATASET_ONLY = frozenset({"dataset", "dataset name", "数据集", "数据集名称", "data type", "数据类型",
                          "download", "下载地址", "下载链接", "scale", "规模", "download urls", "download_urls"})


def header_key(header: str) -> str:
    """A header reduced for lookup: case, markup, emoji and punctuation dropped (``**Code &
    Weights**`` → ``code weights``, ``Year / Venue`` → ``year venue``)."""
    text = re.sub(r"[^\w\s#]|_", " ", header.casefold())
    return " ".join(text.replace("#", " ").split())


def _table(spec: dict[str, str]) -> dict[str, str]:
    """Header lookup: each field key is its own alias, then the ``|``-separated names."""
    out: dict[str, str] = {}
    for key, names in spec.items():
        for name in (key, *names.split("|")):
            out.setdefault(header_key(name), key)
    return out


HEADERS = {
    Kind.PAPER: _table({**_PAPER_HEADERS, **_COMMON}),
    Kind.DATASET: _table({**_DATASET_HEADERS, **_COMMON}),
}
# Words that give a header not in the tables its meaning (awesome lists name columns freely:
# "Code & Weights", "Paper Title", "Official code", "Year / Venue", "Model Name"…), in order.
_KEYWORDS = {
    Kind.PAPER: (("title", "title"), ("code", "code_url"), ("github", "code_url"), ("repo", "code_url"),
                 ("implementation", "code_url"), ("project", "project_url"), ("homepage", "project_url"),
                 ("website", "project_url"), ("weights", "project_url"), ("venue", "venue"),
                 ("publication", "venue"), ("published", "venue"), ("journal", "venue"), ("conference", "venue"),
                 ("year", "year"), ("date", "year"), ("time", "year"), ("abbr", "short_name"),
                 ("model", "short_name"), ("method", "short_name"), ("author", "authors"), ("paper", "title"),
                 ("论文", "title"), ("name", "title"), ("resource", "title"), ("pdf", "pdf_url"),
                 ("link", "paper_url"), ("url", "paper_url"), ("summary", "summary"), ("description", "summary"),
                 ("abstract", "summary"), ("task", "tasks")),
    Kind.DATASET: (("dataset", "name"), ("name", "name"), ("title", "name"), ("download", "download_urls"),
                   ("link", "download_urls"), ("url", "download_urls"), ("year", "year"), ("date", "year"),
                   ("time", "year"), ("modal", "data_type"), ("type", "data_type"), ("size", "scale"),
                   ("samples", "scale"), ("images", "scale"), ("scale", "scale"), ("description", "description"),
                   ("content", "description"), ("feature", "description")),
}
# A second column that would also be the title is the paper's link ("Title | Paper") or its
# model name ("Model Name | Paper Title").
_SECOND_TITLE = {"paper": "paper_url", "论文": "paper_url", "name": "short_name", "resource": "short_name"}


def _keyword(kind: Kind, name: str) -> str | None:
    words = name.split()
    for word, key in _KEYWORDS[kind]:
        if any(w.startswith(word) for w in words) or (not word.isascii() and word in name):
            return key
    return None


def map_headers(kind: Kind, headers: list[str]) -> list[str | None]:
    """The field (or pseudo-key) of each column; None for columns that are not understood.

    A header spelled exactly as a field key wins over aliases (an exported CSV has both
    ``title`` and ``name``), an alias over a keyword; otherwise the first column of a
    meaning wins, except that a second title-like column (``Title | Paper``) is the link.
    """
    table = HEADERS[kind]
    names = [header_key(h) for h in headers]
    exact = {n for n in names if n in table and header_key(table[n]) == n}
    found = [table.get(n) or _keyword(kind, n) for n in names]
    ranks = [0 if n in exact else 1 if n in table else 2 for n in names]
    title = "title" if kind is Kind.PAPER else "name"
    titles = [i for i, k in enumerate(found) if k == title]
    if titles:  # the title column: the best ranked, and among equals one named "title"
        best = min(titles, key=lambda i: (ranks[i], "title" not in names[i], i))
        for i in titles:
            if i != best:
                word = next((w for w in _SECOND_TITLE if w in names[i]), None)
                found[i] = _SECOND_TITLE[word] if word and kind is Kind.PAPER else None
        ranks[best] = -1
    keys: list[str | None] = [None] * len(names)
    seen: set[str] = set()
    for i in sorted(range(len(names)), key=lambda i: (ranks[i], i)):
        key = found[i]
        if key and (key not in seen or names[i] in exact):
            keys[i] = key
            seen.add(key)
    return keys


# Columns that only a paper table has ("paper" alone is also a dataset table's link column).
_PAPER_ONLY = frozenset({"paper title", "title", "abbreviation", "publication", "code", "model", "code weights",
                         "model name", "official code", "code project"})


def is_dataset_table(headers: list[str]) -> bool:
    keys = {header_key(h) for h in headers}
    dataset = bool(keys & DATASET_ONLY) or any(k.split()[0] in ("datasets", "dataset") for k in keys if k)
    return dataset and not keys & _PAPER_ONLY


def table_kind(headers: list[str], dataset_heading: bool) -> Kind:
    """Datasets or papers: the columns decide when they can, else the section heading."""
    if is_dataset_table(headers):
        return Kind.DATASET
    if {header_key(h) for h in headers} & (_PAPER_ONLY | {"paper", "论文"}):
        return Kind.PAPER
    return Kind.DATASET if dataset_heading else Kind.PAPER


@dataclass
class Cell:
    text: str | None
    links: list[str] = field(default_factory=list)
    value: Any = None  # a structured value (the extra_fields object of a CSV export)

    def urls(self) -> list[str]:
        found = list(self.links)
        if self.text:
            found += [u for u in (m.rstrip(".,;") for m in _URL.findall(self.text)) if u not in found]
        return [u for u in found if is_http_url(u)]


_PLACEHOLDER = re.compile(r"^[\W_]*$")  # "---", "........", "//": a cell left blank on purpose


def _text(cell: Cell) -> str | None:
    text = clean_text(cell.text)
    return None if text is None or _PLACEHOLDER.match(text) else text


def _paper_values(cells: dict[str, Cell]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, cell in cells.items():
        # A key is taken as written ("-" or ":" is a key, not a cell left blank on purpose).
        text = (cell.text or "").strip() or None if key == "citation_key" else _text(cell)
        if key in ("summary", "summary_zh", "summary_en"):
            place(values, text, "summary_zh", "summary_en", None if key == "summary" else key)
        elif key == "extra_fields":
            if cell.value:
                values["extra_fields"] = cell.value
        elif key in ("paper_url", "pdf_url", "code_url", "project_url"):
            urls = cell.urls()
            if urls:
                values[key] = urls[0]
                if key == "code_url" and len(urls) > 1:
                    values.setdefault("project_url", urls[1])
        elif key == "title":
            values["title"] = text
            if cell.links:
                values.setdefault("paper_url", cell.links[0])
        elif key == "authors":
            if ";" in (text or ""):  # "Zhang, Wei; Cai, Miaoxin": each may be inverted
                values["authors"] = [names.from_text(a) for a in text.split(";") if a.strip()]
            else:
                values["authors"] = [a.strip() for a in re.split(r",| and ", text or "") if a.strip()]
        elif key == "venue":
            values["venue"] = identifiers.venue_without_year(text)
            if identifiers.year_in(text):
                values.setdefault("_venue_year", identifiers.year_in(text))
        elif text is not None:
            values[key] = text
    if "_venue_year" in values:
        values.setdefault("year", values.pop("_venue_year"))
    return values


def _dataset_values(cells: dict[str, Cell]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, cell in cells.items():
        text = _text(cell)
        if key in ("description", "description_zh", "description_en"):
            place(values, text, "description_zh", "description_en", None if key == "description" else key)
        elif key == "download_urls":
            values["download_urls"] = cell.urls()
        elif key == "name":
            values["name"] = text
            if cell.links and "download_urls" not in cells:
                values["download_urls"] = [u for u in cell.links if is_http_url(u)]
        elif text is not None:
            values[key] = text
    return values


def row_record(kind: Kind, cells: dict[str, Cell], line: int) -> ImportRecord:
    """A record from the mapped cells of one row (pseudo-keys kind/tags/note handled here)."""
    cells = dict(cells)
    tags = clean_text(cells.pop("tags", Cell(None)).text)
    note = cells.pop("note", Cell(None)).text
    cells.pop("kind", None)
    values = _paper_values(cells) if kind is Kind.PAPER else _dataset_values(cells)
    if kind is Kind.PAPER:
        _identify(values)
    if isinstance(values.get("year"), str):
        values["year"] = identifiers.year_in(values["year"]) or values["year"]
    record = ImportRecord(kind, {k: v for k, v in values.items() if v not in (None, [], "")}, line)
    if tags:
        keyword_tags(record, re.split(r"[;,]", tags))
    record.note = note if note and note.strip() else None
    return record


def _identify(values: dict[str, Any]) -> None:
    for key in ("arxiv_id", "doi", "paper_url", "pdf_url"):
        arxiv = identifiers.arxiv_id(values.get(key))
        doi = identifiers.doi(values.get(key))
        if arxiv:
            values["arxiv_id"] = arxiv
            break
        if doi:
            values.setdefault("doi", doi)
    doi_value = values.get("doi")
    if doi_value and not identifiers.doi(doi_value):
        values.pop("doi")
