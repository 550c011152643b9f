"""Building ``data/catalog.json`` from the seed folder, deterministically."""

from __future__ import annotations

import json
from pathlib import Path

from ..core.fields import DATASET_FIELDS, PAPER_FIELDS
from . import corrections, parse_awesome, parse_card, parse_survey, parse_table, survey_tables
from .introduced import DECLARED
from .merge import find_paper, merge_datasets, merge_papers
from .tags import modality_labels
from .text import SeedError, dataset_key, is_mainly_cjk, new_dataset, provenance, squash

CATALOG_VERSION = "2026.11.1"
_TAG_ORDER = ("family", "task", "modality", "paradigm")


def _seed(folder: Path, number: str) -> Path:
    found = sorted(folder.glob(f"{number}_*.txt"))
    if len(found) != 1:
        raise SeedError(f"{folder}: expected one {number}_*.txt seed, found {len(found)}")
    return found[0]


def build_catalog(seeds: Path) -> dict:
    table, awesome, survey, card = (_seed(seeds, n) for n in ("000", "001", "002", "003"))
    survey_papers, references = parse_survey.parse(survey)
    records = parse_table.parse(table) + parse_awesome.parse(awesome) + parse_card.parse(card)
    records += survey_papers + parse_survey.reference_records(survey.name, references, records)
    for record in records:
        _tag_modalities(record)
    corrections.apply_paper_fixes(records)
    papers = merge_papers(records)

    dataset_records = survey_tables.parse(survey, references)
    links: set[tuple[str, str, str]] = set()
    texts = {n: squash(_seed(seeds, n).read_text(encoding="utf-8")) for n in ("000", "001", "002")}
    for declared in DECLARED:
        paper = _paper_at(papers, declared.seed, declared.locator)
        if squash(declared.evidence) not in texts[declared.seed]:
            raise SeedError(f"{declared.name}: the {declared.seed} seed no longer says {declared.evidence!r}")
        source = next(p["source"] for p in paper["provenance"] if p["source"].startswith(declared.seed))
        record = new_dataset(
            provenance(source, declared.locator, declared.evidence),
            name=declared.name, scale=declared.scale,
            # a dataset a paper introduces dates from that paper; one it uses does not
            year=paper["values"].get("year") if declared.relation == "introduces" else None,
            description_zh=declared.evidence if is_mainly_cjk(declared.evidence) else None)
        if modalities := modality_labels(declared.evidence):
            record["tags"]["modality"] = modalities
        dataset_records.append(record)
        links.add((paper["key"], dataset_key(declared.name), declared.relation))
    for record in dataset_records:
        cited = record["cited_by"]
        # By DOI or title only: the survey's URL for RS-GPT4V (Xu 等, 2024) is arXiv 2312.17016,
        # which is Tan et al.'s "On the promises and challenges ..." (000 row 35), not RS-GPT4V.
        paper = find_paper(papers, cited.values(), ("doi", "title")) if cited else None
        if paper is not None:  # the table cites the paper that made the dataset
            links.add((paper["key"], dataset_key(record["values"]["name"]), "introduces"))
    corrections.apply_dataset_fixes(dataset_records)
    datasets = merge_datasets(dataset_records)
    return {
        "format": "rsfm-catalog",
        "format_version": 1,
        "catalog_version": CATALOG_VERSION,
        "papers": sorted((_entry(p, PAPER_FIELDS) for p in papers), key=lambda e: e["key"]),
        "datasets": sorted((_entry(d, DATASET_FIELDS) for d in datasets), key=lambda e: e["key"]),
        "links": [{"paper": p, "dataset": d, "relation": r} for p, d, r in sorted(links)],
    }


def _tag_modalities(record: dict) -> None:
    """Tag the modalities a record's title or summaries state."""
    values = record["values"]
    if found := modality_labels(values.get("title"), values.get("summary_zh"), values.get("summary_en")):
        record["tags"]["modality"] = found


def _paper_at(papers: list[dict], seed: str, locator: str) -> dict:
    for paper in papers:
        if any(p["source"].startswith(seed) and p["locator"] == locator for p in paper["provenance"]):
            return paper
    raise SeedError(f"no paper at {seed} {locator!r}")


def _entry(entry: dict, fields) -> dict:
    values = entry["values"]
    tags = {facet: entry["tags"][facet] for facet in _TAG_ORDER if entry["tags"].get(facet)}
    tags.update({f: v for f, v in sorted(entry["tags"].items()) if f not in tags and v})
    return {
        "key": entry["key"],
        **{f.key: values.get(f.key) if values.get(f.key) not in ("", []) else None for f in fields},
        "tags": tags,
        "provenance": entry["provenance"],
    }


def render(catalog: dict) -> str:
    return json.dumps(catalog, ensure_ascii=False, indent=2) + "\n"


def write_catalog(seeds: Path, output: Path) -> dict:
    catalog = build_catalog(seeds)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(catalog), encoding="utf-8")
    return catalog
