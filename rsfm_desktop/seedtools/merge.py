"""Folding the records of the same paper (or dataset) from several seeds into one entry.

Papers match on arXiv id, then DOI, then normalised title; datasets on normalised name. Field
values fill what is still empty, in seed order (000 first, so the 000 row wins); tags and
provenances are all kept.
"""

from __future__ import annotations

from .text import dataset_key, norm_title

_ARXIV_VENUE = "arxiv"


def _identities(values: dict) -> list[tuple[str, str]]:
    ids = []
    if values.get("arxiv_id"):
        ids.append(("arxiv", values["arxiv_id"]))
    if values.get("doi"):
        ids.append(("doi", values["doi"].lower()))
    if values.get("title"):
        ids.append(("title", norm_title(values["title"])))
    return ids


def paper_key(values: dict) -> str:
    if values.get("arxiv_id"):
        return f"arxiv:{values['arxiv_id']}"
    if values.get("doi"):
        return f"doi:{values['doi'].lower()}"
    return f"title:{norm_title(values['title'])}"


def _fill(merged: dict, values: dict) -> None:
    for field, value in values.items():
        if field == "download_urls":
            merged[field] = list(dict.fromkeys(merged.get(field, []) + value))
        else:
            merged.setdefault(field, value)
    # A preprint's "arXiv" gives way to the venue that published it (EarthGPT: TGRS 2024),
    # and the year goes with the venue.
    venue = values.get("venue")
    if (merged.get("venue") or "").casefold() == _ARXIV_VENUE and venue \
            and venue.casefold() != _ARXIV_VENUE:
        merged["venue"] = venue
        merged["year"] = values.get("year", merged.get("year"))


def _absorb(entry: dict, record: dict) -> None:
    _fill(entry["values"], record["values"])
    for facet, labels in record["tags"].items():
        entry["tags"][facet] = list(dict.fromkeys(entry["tags"].get(facet, []) + labels))
    entry["provenance"].extend(record["provenance"])
    entry["records"].append(record)


def _new_entry() -> dict:
    return {"values": {}, "tags": {}, "provenance": [], "records": [], "identities": set()}


def merge_papers(records: list[dict]) -> list[dict]:
    """One entry per distinct paper; each keeps the seed records it was made from."""
    entries: list[dict] = []
    index: dict[tuple[str, str], dict] = {}
    for record in records:
        ids = _identities(record["values"])
        entry = next((index[i] for i in ids if i in index), None)
        if entry is None:
            entry = _new_entry()
            entries.append(entry)
        _absorb(entry, record)
        for identity in _identities(entry["values"]) + ids:
            index.setdefault(identity, entry)
            entry["identities"].add(identity)
    for entry in entries:
        _derive_urls(entry["values"])
        entry["key"] = paper_key(entry["values"])
    return entries


def _derive_urls(values: dict) -> None:
    if values.get("arxiv_id"):
        values["pdf_url"] = f"https://arxiv.org/pdf/{values['arxiv_id']}"
        values.setdefault("paper_url", f"https://arxiv.org/abs/{values['arxiv_id']}")
    elif values.get("doi"):
        values.setdefault("paper_url", f"https://doi.org/{values['doi']}")


def find_paper(entries: list[dict], values: dict, kinds=("arxiv", "doi", "title")) -> dict | None:
    """The entry with the same arXiv id, DOI or normalised title as ``values`` (of ``kinds``)."""
    ids = {i for i in _identities(values) if i[0] in kinds}
    return next((e for e in entries if e["identities"] & ids), None)


def merge_datasets(records: list[dict]) -> list[dict]:
    entries: dict[str, dict] = {}
    for record in records:
        key = dataset_key(record["values"]["name"])
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = _new_entry()
            entry["key"] = key
        _absorb(entry, record)
    return list(entries.values())
