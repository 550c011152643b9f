"""Filling a catalog from the bundled catalog file (``data/catalog.json``).

Each bundled entry has a stable ``key``. Keys already applied to this catalog (recorded in
``seed_applied``) are never applied again, so a later app version that ships more entries adds
just those, and never re-adds, overwrites or resurrects anything the user edited or deleted.
The whole seeding is one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import CatalogError
from .fields import DATASET_FIELDS, FOLDED_INTO_FACETS, PAPER_FIELDS, Kind, fold_into_facets
from .store import sql
from .store.store import Store
from .store.writes import Tx
from .taxonomy import ensure_default_taxonomy
from .taxonomy.seed_tags import tag_seeded_entries

CATALOG_FORMAT = "rsfm-catalog"


class CatalogFileError(CatalogError, ValueError):
    """The bundled catalog file is unreadable or not in the expected format."""


@dataclass(frozen=True)
class SeedReport:
    papers: int = 0
    datasets: int = 0
    links: int = 0
    catalog_version: str = ""


def load_catalog_file(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogFileError(f"{path}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise CatalogFileError(f"{path}, line {exc.lineno}: {exc.msg}") from exc
    if not isinstance(data, dict) or data.get("format") != CATALOG_FORMAT:
        raise CatalogFileError(f"{path}: not an RSFM catalog file")
    return data


def _values(record: dict[str, Any], fields) -> dict[str, Any]:
    return {f.key: record.get(f.key) for f in fields if record.get(f.key) not in (None, "", [])}


def _folded(kind: Kind, record: dict[str, Any]) -> dict[str, Any]:
    """A record of an older catalog file with its model family and tasks as tags."""
    if not any(key in record for key in FOLDED_INTO_FACETS[kind]):
        return record
    record = dict(record)
    tags = {k: list(v) for k, v in (record.get("tags") or {}).items()} if isinstance(record.get("tags"), dict) else {}
    fold_into_facets(kind, record, tags)
    record["tags"] = tags
    return record


def seed_catalog(store: Store, catalog_file: Path) -> SeedReport:
    """Add the bundled entries this catalog has never had (one transaction, one raw query when
    this bundled catalog was applied already). Returns what was added."""
    data = load_catalog_file(catalog_file)
    version = str(data.get("catalog_version", ""))
    if version and catalog_version(store) == version:
        return SeedReport(catalog_version=version)

    papers = [_folded(Kind.PAPER, r) for r in data.get("papers", [])]
    datasets = [_folded(Kind.DATASET, r) for r in data.get("datasets", [])]

    def work(tx: Tx) -> SeedReport:
        applied = set(sql.column(tx.conn, "SELECT key FROM seed_applied"))
        paper_ids = _seed_entries(tx, Kind.PAPER, PAPER_FIELDS, papers, applied, version)
        dataset_ids = _seed_entries(tx, Kind.DATASET, DATASET_FIELDS, datasets, applied, version)
        links = _seed_links(tx, data.get("links", []), applied, version)
        tx.put_meta("catalog_version", version)
        ensure_default_taxonomy(tx)
        tag_seeded_entries(tx, Kind.PAPER, papers, paper_ids)
        tag_seeded_entries(tx, Kind.DATASET, datasets, dataset_ids)
        return SeedReport(len(paper_ids), len(dataset_ids), links, version)

    return store.write(work)[0]


def _seed_entries(tx: Tx, kind: Kind, fields, records, applied: set[str], version: str) -> dict[str, int]:
    new = [r for r in records if r["key"] not in applied]
    ids = tx.insert_entries(kind, [{"seed_key": r["key"], **_values(r, fields)} for r in new])
    owner = f"{kind.value}_id"
    tx.insert_rows("provenance", [
        {owner: entry_id, "source": prov["source"], "locator": prov.get("locator"), "excerpt": prov.get("excerpt")}
        for record, entry_id in zip(new, ids) for prov in record.get("provenance", [])
    ])
    tx.mark_seeded([r["key"] for r in new], version)
    return {r["key"]: i for r, i in zip(new, ids)}


def _seed_links(tx: Tx, links, applied: set[str], version: str) -> int:
    ids = {
        **{("paper", k): i for i, k in sql.rows(tx.conn, "SELECT id, seed_key FROM paper WHERE seed_key IS NOT NULL")},
        **{("dataset", k): i for i, k in sql.rows(tx.conn, "SELECT id, seed_key FROM dataset WHERE seed_key IS NOT NULL")},
    }
    keys = []
    for link in links:
        key = f"link:{link['paper']}|{link['dataset']}|{link['relation']}"
        paper_id = ids.get(("paper", link["paper"]))
        dataset_id = ids.get(("dataset", link["dataset"]))
        if key in applied or paper_id is None or dataset_id is None:
            continue
        tx.link(paper_id, dataset_id, link["relation"])
        keys.append(key)
    tx.mark_seeded(keys, version)
    return len(keys)


def catalog_version(store: Store) -> str | None:
    """The version of the bundled catalog last applied, if any (the ``meta`` table)."""
    with store.read() as conn:
        return sql.scalar(conn, "SELECT value FROM meta WHERE key = 'catalog_version'")
