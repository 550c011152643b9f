"""Seed 000: the Markdown table of 35 papers (one paper per row, every column kept)."""

from __future__ import annotations

import re
from pathlib import Path

from .mdtable import read_tables
from .names import short_name, url_fields, venue_year
from .tags import task_labels
from .text import clean_text, new_paper, provenance, summary_fields

# "Vision Encoder：EVA-CLIPText Encoder：LLaMA2-chat": the second label is glued to the first value.
_GLUED_LABEL = re.compile(r"(?<=[^\s;])\s*(?=Text Encoder\s*[：:])")


# Numbered points of a summary run together: "...pipeline2. GeoChat：...", "...数据集。    2. 针对...".
_GLUED_ITEM = re.compile(r"(?<=[^\s\d.])(?=[2-9]\.\s?[^\d\s])|\s{2,}(?=[2-9]\.)")


def summary(text: str | None) -> str | None:
    """The short summary with each numbered point on its own line."""
    text = clean_text(text)
    return _GLUED_ITEM.sub("\n", text) if text else None


def model_details(text: str | None) -> str | None:
    text = clean_text(text)
    return _GLUED_LABEL.sub("; ", text) if text else None


def parse(path: Path) -> list[dict]:
    rows = read_tables(path.read_text(encoding="utf-8"))[0]
    return [_paper(path.name, number, row) for number, row in enumerate(rows, start=1)]


def _paper(source: str, number: int, row) -> dict:
    cell = {header: clean_text(c.text) for header, c in row.cells.items()}
    title, link = row.cells["Paper"].links[0]
    venue, year = venue_year(cell["Published in"])
    record = new_paper(
        provenance(source, f"table row {number}", row.raw),
        title=title.strip(),
        short_name=short_name(title),
        year=year,
        venue=venue,
        visual_encoder=cell["Visual Encoder"],
        text_encoder=cell["Text Encoder"],
        model_details=model_details(cell["Model Details"]),
        survey_inclusion=cell["Survey Inclusion"],
        remark=cell["备注"],
        **url_fields(link, [cell["Code/Project"]]),
        **summary_fields(summary(cell["Short Summary"])),
    )
    if cell["Tag"]:
        record["tags"]["family"] = [cell["Tag"]]
    if cell["Task"]:
        record["tags"]["task"] = task_labels(cell["Task"])
    return record
