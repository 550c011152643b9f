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
from .language import place
from .reading import ReadContext, TextSource
from .record import SUGGESTED, ImportRecord
from .tabular import Cell, map_headers, row_record, table_kind

# Link texts that label a link rather than name the entry ("[paper](…)", "[[code]](…)").
_GENERIC_LINK = re.compile(
    r"^\W*(paper|papers|pdf|arxiv|link|links|paper link|code|codes|github|github code|project|project page|page"
    r"|homepage|website|web|data|dataset|download|baiduyun|baidu|baidu netdisk|google drive|onedrive|one drive"
    r"|huggingface|hf|weights|model|demo|video|论文|文章|代码|项目|主页|数据|下载)\W*$", re.IGNORECASE)
_NAMED_PAPER = re.compile(r"^\s*(.+?)\s*[(（]\s*paper\s*[)）]\s*$", re.IGNORECASE)
_BREAK_TAG = re.compile(r"^<\s*/?\s*br\s*/?\s*>$", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[^>]+>")
_DATASET_HEADING = re.compile(r"dataset|数据集|benchmark", re.IGNORECASE)


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
                rows[-1][1].append(Cell(inline.text.strip("*_ ") or None, [href for _, href in inline.links]))
            i += 1
        if not rows:
            return i
        headers = [c.text or "" for c in rows[0][1]]
        kind = table_kind(headers, self._dataset_section())
        keys = map_headers(kind, headers)
        title_key = "title" if kind is Kind.PAPER else "name"
        if kind is Kind.PAPER:
            keys = _title_by_content(keys, [cells for _, cells in rows[1:]])
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


def _title_by_content(keys: list[str | None], rows: list[list[Cell]]) -> list[str | None]:
    """A title column whose cells are link labels ("| Resource | Paper |" with "[Paper](…)"
    cells) is the paper's link; the model-name column then names the entry."""
    if "title" not in keys:
        return keys
    col = keys.index("title")
    texts = [r[col].text for r in rows if col < len(r) and r[col].text]
    if not texts or sum(bool(_GENERIC_LINK.match(t)) for t in texts) * 2 < len(texts):
        return keys
    keys = list(keys)
    keys[col] = "paper_url" if "paper_url" not in keys else None
    name = next((i for i, k in enumerate(keys) if k == "short_name"), None)
    if name is not None:
        keys[name] = "title"
    return keys


def _split_first(paragraphs: list[Inline]) -> tuple[str, str, list[str], Inline]:
    """(text before the first link, text between it and the next link on its line, text lines
    after the links, first paragraph)."""
    first = paragraphs[0]
    head, _, rest = first.text.partition(first.links[0][0]) if first.links[0][0] else ("", "", first.text)
    first_line, *more = rest.split("\n")
    following = next((t for t, _ in first.links[1:] if t and t in first_line), None)
    tail = first_line.partition(following)[0] if following else first_line
    lines = [ln.strip() for ln in more]
    for para in paragraphs[1:]:
        lines += [ln.strip() for ln in para.text.splitlines()]
    return head.split("\n")[-1], tail, [ln for ln in lines if ln], first


# A last sentence holding a year: "TGRS2022", "CVPR 2024", "2024-TGRS", "Remote Sensing 2019".
_VENUE_YEAR = re.compile(r"(?:^|(?<=[.,;|])\s*)([^.,;|]{0,40}?(?<!\d)(?:19|20)\d\d(?!\d)[^.,;|]{0,40}?)[\s.,;:：|\[\]-]*$")
_EDGE = " \t|.,;:：-–—[]*"


def _venue_year(text: str) -> tuple[str | None, int | None, str]:
    """(venue, year, what is left: the title) of a text such as ``A title. TGRS2022. |``."""
    text = text.strip(_EDGE)
    m = _VENUE_YEAR.search(text)
    if not m:
        return None, None, text
    segment = m.group(1).strip(_EDGE)
    year = identifiers.year_in(segment)
    venue = identifiers.venue_without_year(re.sub(r"^[\W\d]+", "", segment))
    return venue, year, text[: m.start()].strip(_EDGE)


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
    head, tail, lines, first = _split_first(paragraphs)
    link_text, href = first.links[0]
    values: dict = {}
    named = _NAMED_PAPER.match(link_text)
    venue, year, head_title = _venue_year(head)
    if _GENERIC_LINK.match(link_text) or named or is_http_url(link_text) or not link_text.strip():
        # The title is the text before the link ("1. A title. TGRS2022. | [paper](…)"), else the
        # line after it ("2024-TGRS. [**EarthGPT(Paper)**](…)" then the title).
        if len(head_title) >= 3 and not head_title.isdigit():
            title = head_title
        elif lines:
            title = lines.pop(0)
        elif named:
            title = named.group(1)
        else:
            return None
        if named:
            values["short_name"] = named.group(1)
    else:
        title = link_text
    if year is None:  # "[A title](…), TGRS 2017 [[code]](…)"
        venue, year, rest = _venue_year(tail)
        if rest:
            venue = None if not year else venue
    summary = "\n".join(lines) or None
    if kind is Kind.DATASET:
        values = {"name": title, "year": year, "download_urls": [h for _, h in first.links]}
        place(values, summary, "description_zh", "description_en")
        return ImportRecord(kind, {k: v for k, v in values.items() if v}, line)
    cells = {"title": Cell(title, [href] if not _link_is_code(link_text, href) else []),
             "year": Cell(str(year) if year else None), "venue": Cell(venue), "summary": Cell(summary)}
    links = first.links if _link_is_code(link_text, href) else first.links[1:]
    for text, url in links:
        slot = _link_slot(text, url)
        if slot not in cells:
            cells[slot] = Cell(None, [url])
    record = row_record(kind, cells, line)
    record.values.update({k: v for k, v in values.items() if v})
    return record


def _link_is_code(text: str, href: str) -> bool:
    """Is the first link of an item its code ("Title [[code]](…)") rather than its paper?"""
    return bool(re.search(r"code|github|代码", text, re.IGNORECASE)) and _GENERIC_LINK.match(text) is not None


def records(text: TextSource, ctx: ReadContext) -> Iterator[ImportRecord]:
    yield from _Reader(text.read(), ctx).run()
