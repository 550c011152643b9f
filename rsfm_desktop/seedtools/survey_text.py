"""The survey's body as clean paragraphs under numbered headings.

The text was extracted from a two-column PDF: figure captions sit in the middle of sentences
and page breaks split paragraphs (``Vision Trans-`` / ``former``, ``Shabbir等人`` / ``(2025)``).
Captions are dropped and a paragraph that does not end a sentence is joined to the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(?P<number>\d(?:\.\d)?) (?P<title>[^\s。,，]{2,40})$")
# "图2 ...", "Fig. 2 ..." and a caption's date line "(2017年1月至2025年8月)", "(January 2017—..."
_CAPTION = re.compile(r"^(图\s?\d+\s|Fig\.\s?\d+\s|\((?:\d{4}年|[A-Z][a-z]+ \d{4}))")
_FOOTNOTE = re.compile(r"^(收稿日期|\* 通信作者|基金项目|Supported by)")
_SENTENCE_END = ("。", ".", "：", ":")


@dataclass
class Section:
    number: str
    title: str
    paragraphs: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}"


def _join(previous: str, nxt: str) -> str:
    if previous.endswith("-") and previous[-2:-1].isascii() and previous[-2:-1].isalpha():
        return previous[:-1] + nxt
    if previous[-1:].isascii() and previous[-1:].isalpha() and nxt[:1].isascii() and nxt[:1].isalpha():
        return f"{previous} {nxt}"
    return previous + nxt


def paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks, captions and footnotes dropped, broken paragraphs rejoined;
    a heading line is always its own paragraph."""
    blocks = [" ".join(b.split("\n")).strip() for b in re.split(r"\n\s*\n", text)]
    result: list[str] = []
    for block in blocks:
        if not block or _CAPTION.match(block) or _FOOTNOTE.match(block):
            continue
        heading = bool(_HEADING.match(block))
        if result and not heading and not _HEADING.match(result[-1]) \
                and not result[-1].endswith(_SENTENCE_END):
            result[-1] = _join(result[-1], block)
        else:
            result.append(block)
    return result


def sections(text: str, start: str, end: str) -> list[Section]:
    """The numbered sections between the headings ``start`` and ``end`` (e.g. "1 " and "3 ")."""
    found: list[Section] = []
    inside = False
    for paragraph in paragraphs(text):
        match = _HEADING.match(paragraph)
        if match and paragraph.startswith(start):
            inside = True
        elif match and paragraph.startswith(end):
            break
        if not inside:
            continue
        if match:
            found.append(Section(match["number"], match["title"]))
        else:
            found[-1].paragraphs.append(paragraph)
    return found
