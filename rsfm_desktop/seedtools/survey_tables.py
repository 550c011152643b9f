"""Seed 002, Tables 1 and 2: the survey's single-modal and joint-modal pretraining datasets.

A row names a dataset and the reference it cites (``BigEarthNet_1.0 (Sumbul等,2019)``); the row
``RSICap & RSIEval`` is two datasets. The cited reference is kept so the paper that introduces the
dataset can be linked to it once all seeds are merged.
"""

from __future__ import annotations

import re
from pathlib import Path

from .mdtable import read_tables
from .survey_refs import Reference, resolve
from .corrections import SURNAME_ALIASES
from .tags import dataset_modalities
from .text import clean_text, new_dataset, provenance

_NAME = re.compile(r"^(?P<name>.+?)\s*(?:\((?P<cite>[^()]*\d{4}[a-z]?)\))?$")


def parse(path: Path, references: list[Reference]) -> list[dict]:
    tables = read_tables(path.read_text(encoding="utf-8"))
    records = []
    for table_number, rows in enumerate(tables, start=1):
        for row_number, row in enumerate(rows, start=1):
            records.extend(_datasets(path.name, table_number, row_number, row, references))
    return records


def _datasets(source, table_number, row_number, row, references) -> list[dict]:
    cell = {header: clean_text(c.text) for header, c in row.cells.items()}
    match = _NAME.match(cell["数据集名称"])
    cited = resolve(match["cite"], references, SURNAME_ALIASES) if match["cite"] else None
    data_type = cell["数据类型"]
    modalities = dataset_modalities(data_type, cell["特点及描述"])
    locator = f"Table {table_number} row {row_number}"
    if match["cite"]:
        locator += f"; ref '{match['cite']}'"
    records = []
    for name in match["name"].split(" & "):
        record = new_dataset(
            provenance(source, locator, row.raw),
            name=name.strip(),
            data_type=data_type,
            year=int(cell["发布年份"]) if cell["发布年份"] else None,
            description_zh=cell["特点及描述"],
            download_urls=[cell["下载地址"]] if cell["下载地址"] else [],
        )
        record["cited_by"] = cited
        if modalities:
            record["tags"]["modality"] = modalities
        records.append(record)
    return records
