"""Reading Markdown pipe tables with markdown-it-py (used for the 000 table and the survey's
Tables 1 and 2)."""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark").enable("table")


@dataclass(frozen=True)
class Cell:
    text: str
    links: tuple[tuple[str, str], ...] = ()  # (link text, href)


@dataclass(frozen=True)
class Row:
    line: int  # 0-based line of the row in the document
    raw: str
    cells: dict[str, Cell]  # by header


def inline_links(text: str) -> list[tuple[str, str]]:
    """The (text, href) of every Markdown link in one line of text."""
    tokens = _MD.parseInline(text)
    return list(_cell(tokens[0]).links) if tokens else []


def _cell(inline) -> Cell:
    links, href, label = [], None, []
    for child in inline.children or []:
        if child.type == "link_open":
            href, label = child.attrs.get("href"), []
        elif child.type == "link_close":
            links.append(("".join(label), href))
            href = None
        elif href is not None and child.type in ("text", "code_inline", "softbreak"):
            label.append(child.content)
    return Cell(inline.content.strip(), tuple(links))


def read_tables(text: str) -> list[list[Row]]:
    """Every table of ``text``: its body rows, each cell keyed by its header text."""
    lines = text.splitlines()
    tables: list[list[Row]] = []
    headers: list[str] = []
    cells: list[Cell] = []
    row_line, previous = 0, ""
    for token in _MD.parse(text):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row_line, cells = token.map[0], []
        elif token.type == "inline" and previous == "th_open":
            headers.append(token.content.strip())
        elif token.type == "inline" and previous == "td_open":
            cells.append(_cell(token))
        elif token.type == "thead_open":
            headers = []
        elif token.type == "tr_close" and cells:
            tables[-1].append(Row(row_line, lines[row_line], dict(zip(headers, cells))))
        previous = token.type
    return tables
