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
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Engine

from . import search_index
from .db import CatalogError, transaction
from .fields import DATASET_FIELDS, PAPER_FIELDS, Kind
from .taxonomy import ensure_default_taxonomy
from .taxonomy.seed_tags import tag_seeded_entries

if TYPE_CHECKING:
    from sqlmodel import Session

# The ORM (SQLModel and the table classes) is imported only when there is something to seed:
# on every later start the version check below is one raw query.

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


def _add_provenance(session: Session, owner: dict[str, int], record: dict[str, Any]) -> None:
    from .models import Provenance

    for prov in record.get("provenance", []):
        session.add(
            Provenance(
                **owner,
                source=prov["source"],
                locator=prov.get("locator"),
                excerpt=prov.get("excerpt"),
            )
        )


def seed_catalog(engine: Engine, catalog_file: Path) -> SeedReport:
    """Add the bundled entries this catalog has never had. Returns what was added."""
    data = load_catalog_file(catalog_file)
    version = str(data.get("catalog_version", ""))
    if version and catalog_version(engine) == version:
        return SeedReport(catalog_version=version)  # this bundled catalog was applied already
    from sqlmodel import select

    from .models import Dataset, Meta, Paper, SeedApplied

    with transaction(engine) as session:
        applied = set(session.exec(select(SeedApplied.key)).all())
        paper_ids = _seed_entries(session, Paper, PAPER_FIELDS, data.get("papers", []), applied, version)
        dataset_ids = _seed_entries(
            session, Dataset, DATASET_FIELDS, data.get("datasets", []), applied, version
        )
        links = _seed_links(session, data.get("links", []), applied, version)
        session.merge(Meta(key="catalog_version", value=version))
        session.flush()
        conn = session.connection()
        ensure_default_taxonomy(conn)
        tag_seeded_entries(conn, Kind.PAPER, data.get("papers", []), paper_ids)
        tag_seeded_entries(conn, Kind.DATASET, data.get("datasets", []), dataset_ids)
        search_index.reindex(conn, "paper", paper_ids.values())
        search_index.reindex(conn, "dataset", dataset_ids.values())
    return SeedReport(len(paper_ids), len(dataset_ids), links, version)


def _seed_entries(session, model, fields, records, applied: set[str], version: str) -> dict[str, int]:
    from .models import SeedApplied

    added: dict[str, int] = {}
    owner_field = f"{model.__tablename__}_id"
    for record in records:
        key = record["key"]
        if key in applied:
            continue
        entry = model(seed_key=key, **_values(record, fields))
        session.add(entry)
        session.flush()
        _add_provenance(session, {owner_field: entry.id}, record)
        session.add(SeedApplied(key=key, catalog_version=version))
        added[key] = entry.id
    return added


def _seed_links(session: Session, links, applied: set[str], version: str) -> int:
    from sqlmodel import select

    from .models import Dataset, Paper, PaperDatasetLink, SeedApplied

    ids = {
        **{("paper", k): i for k, i in session.exec(select(Paper.seed_key, Paper.id)).all() if k},
        **{("dataset", k): i for k, i in session.exec(select(Dataset.seed_key, Dataset.id)).all() if k},
    }
    count = 0
    for link in links:
        key = f"link:{link['paper']}|{link['dataset']}|{link['relation']}"
        paper_id = ids.get(("paper", link["paper"]))
        dataset_id = ids.get(("dataset", link["dataset"]))
        if key in applied or paper_id is None or dataset_id is None:
            continue
        session.add(PaperDatasetLink(paper_id=paper_id, dataset_id=dataset_id, relation=link["relation"]))
        session.add(SeedApplied(key=key, catalog_version=version))
        count += 1
    return count


def catalog_version(engine: Engine) -> str | None:
    """The version of the bundled catalog last applied, if any (the ``meta`` table)."""
    with engine.connect() as conn:
        return conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'catalog_version'").scalar()
