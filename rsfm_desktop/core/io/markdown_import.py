"""Markdown awesome lists, as labs really write them (markdown-it-py, CommonMark + GFM tables).

* Tables with any column set (mapped by :mod:`tabular`), with or without outer pipes; links
  inside bold text; star badges wrapping code links; ``null``/``-``/``nan`` cells.
* Bullet lists: ``[Title](link)`` with inline ``[code](…)`` links and a summary on the following
  lines, or ``2024-TGRS. [**EarthGPT(Paper)**](…) | [**code**](…)`` with the title on the next
  line.
* The nearest heading above a table or list is kept as a suggested tag; a table with dataset
  columns, or any table or list under a dataset heading, imports datasets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..fields import Kind
from ..validation import clean_text, is_http_url
from . import identifiers
from .reading import ReadContext, TextSource
from .record import SUGGESTED, ImportRecord
from .tabular import Cell, is_dataset_table, map_headers, row_record

_GENERIC_LINK = re.compile(r"^\W*(paper|pdf|arxiv|link|论文|文章|paper link)\W*$", re.IGNORECASE)
_NAMED_PAPER = re.compile(r"^\s*(.+?)\s*[(（]\s*paper\s*[)）]\s*$", re.IGNORECASE)
_BREAK_TAG = re.compile(r"^<\s*/?\s*br\s*/?\s*>$", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[^>]+>")
_DATASET_HEADING = re.compile(r"dataset|数据集|benchmark", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass
class Inline:
    """Text of an inline run and its http links as (link text, href)."""

    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)


def _inline(token: Token) -> Inline:
    out = Inline()
    parts: list[str] = []
    link_text: list[str] | None = None
    href = ""
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
            if link_text is not None:
                link_text.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (
            child.type == "html_inline" and _BREAK_TAG.match(child.content.strip())
        ):
            parts.append("\n")
        elif child.type == "link_open":
            href, link_text = str(child.attrs.get("href") or ""), []
        elif child.type == "link_close" and link_text is not None:
            if is_http_url(href):
                out.links.append(("".join(link_text).strip(), href))
            link_text = None
    out.text = _HTML_TAG.sub("", "".join(parts)).strip()
    return out


def _heading_text(token: Token) -> str | None:
    text = " ".join(_inline(token).text.replace("`", " ").split())
    return text or None


class _Reader:
    def __init__(self, text: str, ctx: ReadContext):
        self.ctx = ctx
        self.source = ctx.source
        self.tokens = MarkdownIt("commonmark").enable("table").parse(text)
        self.out: list[ImportRecord] = []
        self.heading: str | None = None

    def run(self) -> Iterator[ImportRecord]:
        tokens = self.tokens
        i = 0
        found = 0
        while i < len(tokens):
            self.ctx.tick()
            tok = tokens[i]
            if tok.type == "heading_open":
                self.heading = _heading_text(tokens[i + 1])
            elif tok.type == "table_open":
                i = self._table(i)
            elif tok.type == "list_item_open":
                self._list_item(i)
            found += len(self.out)
            yield from self.out
            self.out.clear()
            i += 1
        if not found:
            raise self.ctx.error(None, "no table with a title column and no list of links found")

    def _dataset_section(self) -> bool:
        return bool(self.heading and _DATASET_HEADING.search(self.heading))

    def _finish(self, record: ImportRecord) -> None:
        if self.heading:
            record.add_tag(SUGGESTED, self.heading)
        self.out.append(record)

    # ---- tables -------------------------------------------------------------------------

    def _table(self, start: int) -> int:
        headers: list[str] = []
        rows: list[tuple[int, list[Cell]]] = []
        i = start
        while self.tokens[i].type != "table_close":
            tok = self.tokens[i]
            if tok.type == "tr_open":
                rows.append(((tok.map or [start, 0])[0] + 1, []))
            elif tok.type == "inline" and rows:
                inline = _inline(tok)
                rows[-1][1].append(Cell(inline.text, [href for _, href in inline.links]))
            i += 1
        if not rows:
            return i
        headers = [c.text or "" for c in rows[0][1]]
        kind = Kind.DATASET if is_dataset_table(headers) or self._dataset_section() else Kind.PAPER
        keys = map_headers(kind, headers)
        title_key = "title" if kind is Kind.PAPER else "name"
        if title_key not in keys:
            self.ctx.warn(rows[0][0], "table without a title column skipped")
            return i
        for line, cells in rows[1:]:
            if not any(clean_text(c.text) or c.links for c in cells):
                continue
            record = row_record(kind, {k: c for k, c in zip(keys, cells) if k}, line)
            if not record.title:
                self.ctx.skip(line, "table row has no title")
                continue
            self._finish(record)
        return i

    # ---- lists --------------------------------------------------------------------------

    def _item_paragraphs(self, start: int) -> list[Inline]:
        level = self.tokens[start].level
        found: list[Inline] = []
        for tok in self.tokens[start + 1 :]:
            if tok.type == "list_item_close" and tok.level == level:
                break
            if tok.type == "inline" and tok.level == level + 2:
                found.append(_inline(tok))
        return found

    def _list_item(self, start: int) -> None:
        paragraphs = self._item_paragraphs(start)
        if not paragraphs or not paragraphs[0].links:
            return
        line = (self.tokens[start].map or [0])[0] + 1
        record = _list_record(paragraphs, line, Kind.DATASET if self._dataset_section() else Kind.PAPER)
        if record is not None:
            self._finish(record)


def _split_first(paragraphs: list[Inline]) -> tuple[str, list[str], Inline]:
    """(text before the first link, text lines after the links, first paragraph)."""
    first = paragraphs[0]
    head, _, rest = first.text.partition(first.links[0][0]) if first.links[0][0] else ("", "", first.text)
    lines = [ln.strip() for ln in rest.splitlines()[1:]]
    for para in paragraphs[1:]:
        lines += [ln.strip() for ln in para.text.splitlines()]
    return head, [ln for ln in lines if ln], first


def _link_slot(text: str, href: str) -> str:
    low = text.casefold()
    if "code" in low or "github" in low or "代码" in low:
        return "code_url"
    if "pdf" in low:
        return "pdf_url"
    if any(w in low for w in ("主页", "project", "home", "page", "website")):
        return "project_url"
    return "code_url" if identifiers.is_code_url(href) else "project_url"


def _list_record(paragraphs: list[Inline], line: int, kind: Kind) -> ImportRecord | None:
    head, lines, first = _split_first(paragraphs)
    link_text, href = first.links[0]
    values: dict = {}
    named = _NAMED_PAPER.match(link_text)
    if _GENERIC_LINK.match(link_text) or named or is_http_url(link_text):
        if not lines:
            return None
        title = lines.pop(0)
        if named:
            values["short_name"] = named.group(1)
    else:
        title = link_text
    year = identifiers.year_in(head)
    venue = identifiers.venue_without_year(re.sub(r"^[\W\d]+|[\s.:：|]+$", "", head)) if year else None
    summary = "\n".join(lines) or None
    if kind is Kind.DATASET:
        values = {"name": title, "year": year, "download_urls": [h for _, h in first.links],
                  ("description_zh" if summary and _CJK.search(summary) else "description_en"): summary}
        return ImportRecord(kind, {k: v for k, v in values.items() if v}, line)
    cells = {"title": Cell(title, [href]), "year": Cell(str(year) if year else None),
             "venue": Cell(venue), "summary": Cell(summary)}
    for text, url in first.links[1:]:
        slot = _link_slot(text, url)
        if slot not in cells:
            cells[slot] = Cell(None, [url])
    record = row_record(kind, cells, line)
    record.values.update({k: v for k, v in values.items() if v})
    return record


def records(text: TextSource, ctx: ReadContext) -> Iterator[ImportRecord]:
    yield from _Reader(text.read(), ctx).run()
