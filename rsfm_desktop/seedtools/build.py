"""Building ``data/catalog.json`` from the seed folder, deterministically."""

from __future__ import annotations

import json
from pathlib import Path

from ..core.fields import DATASET_FIELDS, PAPER_FIELDS, FieldType
from . import corrections, parse_awesome, parse_card, parse_survey, parse_table, survey_tables
from .introduced import declared_datasets
from .merge import find_paper, merge_datasets, merge_papers
from .names import canonical_venue
from .tags import modality_labels, task_mentions
from .text import SeedError, dataset_key

CATALOG_VERSION = "2026.11.1"
PAPER_FACETS = ("family", "task", "modality", "paradigm")
DATASET_FACETS = ("modality", "task")


def _seed(folder: Path, number: str) -> Path:
    found = sorted(folder.glob(f"{number}_*.txt"))
    if len(found) != 1:
        raise SeedError(f"{folder}: expected one {number}_*.txt seed, found {len(found)}")
    return found[0]


def build_catalog(seeds: Path) -> dict:
    paths = {n: _seed(seeds, n) for n in ("000", "001", "002", "003")}
    papers, references = _papers(paths)
    dataset_records, links = _dataset_records(paths, papers, references)
    corrections.apply_dataset_fixes(dataset_records)
    datasets = merge_datasets(dataset_records)
    return {
        "format": "rsfm-catalog",
        "format_version": 1,
        "catalog_version": CATALOG_VERSION,
        "papers": sorted((_entry(p, PAPER_FIELDS, PAPER_FACETS) for p in papers), key=lambda e: e["key"]),
        "datasets": sorted((_entry(d, DATASET_FIELDS, DATASET_FACETS) for d in datasets), key=lambda e: e["key"]),
        "links": [{"paper": p, "dataset": d, "relation": r} for p, d, r in sorted(links)],
    }


def _papers(paths: dict[str, Path]):
    """Every seed's paper records, corrected and merged; and the survey's reference list."""
    survey_papers, references = parse_survey.parse(paths["002"])
    records = parse_table.parse(paths["000"]) + parse_awesome.parse(paths["001"]) + parse_card.parse(paths["003"])
    records += survey_papers + parse_survey.reference_records(paths["002"].name, references, records)
    for record in records:
        _tag_modalities(record)
        if record["values"].get("venue"):
            record["values"]["venue"] = canonical_venue(record["values"]["venue"])
    corrections.apply_paper_fixes(records)
    return merge_papers(records), references


def _dataset_records(paths: dict[str, Path], papers: list[dict], references):
    """The survey tables' datasets and those the papers declare, with the paper–dataset links."""
    records = survey_tables.parse(paths["002"], references)
    texts = {n: paths[n].read_text(encoding="utf-8") for n in ("000", "001", "002")}
    declared, links = declared_datasets(papers, texts)
    records += declared
    for record in records:
        cited = record["cited_by"]
        # By DOI or title only: the survey's URL for RS-GPT4V (Xu 等, 2024) is arXiv 2312.17016,
        # which is Tan et al.'s "On the promises and challenges ..." (000 row 35), not RS-GPT4V.
        paper = find_paper(papers, cited.values(), ("doi", "title")) if cited else None
        if paper is not None:  # the table cites the paper that made the dataset
            links.add((paper["key"], dataset_key(record["values"]["name"]), "introduces"))
        if tasks := task_mentions(record["values"].get("description_zh")):
            record["tags"]["task"] = tasks
    return records, links


def _tag_modalities(record: dict) -> None:
    """Tag the modalities a record's title or summaries state."""
    values = record["values"]
    if found := modality_labels(values.get("title"), values.get("summary_zh"), values.get("summary_en")):
        record["tags"]["modality"] = found


def _entry(entry: dict, fields, facets: tuple[str, ...]) -> dict:
    """The catalog form of an entry: every field (null or [] when unknown), every facet."""
    values = entry["values"]
    unknown = set(entry["tags"]) - set(facets)
    if unknown:
        raise SeedError(f"{entry['key']}: tags of unknown facets {sorted(unknown)}")
    tags = {facet: entry["tags"].get(facet, []) for facet in facets}
    return {
        "key": entry["key"],
        **{f.key: _field_value(f, values.get(f.key)) for f in fields},
        "tags": tags,
        "provenance": entry["provenance"],
    }


def _field_value(field, value):
    """A list field (authors, download URLs) is ``[]`` when unknown, any other field ``None``."""
    if field.type is FieldType.LIST:
        return list(value or [])
    return None if value in ("", [], None) else value


def render(catalog: dict) -> str:
    return json.dumps(catalog, ensure_ascii=False, indent=2) + "\n"


def write_catalog(seeds: Path, output: Path) -> dict:
    catalog = build_catalog(seeds)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(catalog), encoding="utf-8")
    return catalog
