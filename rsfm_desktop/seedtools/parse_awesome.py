"""Seed 001: the "Awesome Remote Sensing Large Model" list.

An entry is a list line ``- 2025-CVPR. [**Paper**](url) | [**主页**](url) | [**github(code)**](url)``,
then an indented title line, then ``</br>`` Chinese summary lines, under ``#`` section headings.
"""

from __future__ import annotations

import re
from pathlib import Path

from .mdtable import inline_links
from .names import short_name, url_fields, venue_year
from .text import new_paper, provenance, squash, summary_fields

_ENTRY = re.compile(r"^- (?P<year>(?:19|20)\d\d)(?:-(?P<venue>[^.\[]+?))?\s*\.\s*(?=\[)")
_HEADING = re.compile(r"^#\s+(?P<heading>.+?)\s*$")
_LABEL_NAME = re.compile(r"^(?P<name>[^(]+?)\s*\(\s*Paper\s*\)$", re.I)


def parse(path: Path) -> list[dict]:
    records: list[dict] = []
    heading, number, entry = "", 0, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _HEADING.match(line):
            heading, number, entry = squash(match["heading"]), 0, None
        elif match := _ENTRY.match(line):
            number += 1
            entry = {"line": line, "match": match, "body": [],
                     "locator": f"list entry {number} under '{heading}'"}
            records.append(entry)
        elif entry is not None and line.strip():
            entry["body"].append(line.strip())
    return [_paper(path.name, e) for e in records]


def _paper(source: str, entry: dict) -> dict:
    title, *summary = entry["body"]
    # the summaries bold key phrases with Markdown ** markers; the catalog keeps plain text
    summary_text = "\n".join(summary).removeprefix("</br>").replace("**", "").strip()
    paper_url, others, name = None, [], None
    for label, href in inline_links(entry["line"]):
        if "paper" in label.casefold():
            paper_url = href
            if match := _LABEL_NAME.match(label.strip()):
                name = match["name"]
        else:
            others.append(href)
    match = entry["match"]
    venue, _ = venue_year(match["venue"])
    raw = "\n".join([entry["line"], *entry["body"]])
    return new_paper(
        provenance(source, entry["locator"], raw),
        title=title,
        short_name=name or short_name(title),
        year=int(match["year"]),
        venue=venue,
        **url_fields(paper_url, others),
        **summary_fields(summary_text),
    )
