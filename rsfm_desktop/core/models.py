"""The catalog's tables (SQLModel), the same on SQLite and PostgreSQL. Plain Python: no Qt here.

Design notes
------------
* Empty text is stored as NULL, never as ``""``: sorting puts missing values last and the
  "missing translation" marker in the UI needs one test, not two.
* ``seed_key`` ties an entry to the bundled catalog (``data/catalog.json``). The table
  ``SeedApplied`` remembers every key ever seeded, so an app upgrade adds only new bundled
  entries and never re-adds or overwrites what the user edited or deleted.
* ``deleted_at`` is a soft delete, for entries and for tags and facets: deleted entries go to
  the trash with their notes, tags and links; a deleted or merged tag keeps its rows, so undo
  brings it back by clearing one column, never by re-inserting copies.
* ``version`` starts at 1 and is bumped by the one write path (``store.writes``) on every
  change of the row; a write that names the version it edited is refused as stale when the row
  moved on (``store.writes.Conflict``).
* ``uuid`` is an entry's (tag's, facet's, view's) global identity across catalogs: the lab
  server and every laptop synced with it know the row by it.
* ``change_log`` records every committed change (what, which row, which fields, new version,
  which writer): other windows on the same catalog read it to refresh, the sync reads it as
  its outbox.
* Lists (authors, download URLs) are JSON text; timestamps are naive UTC.
"""

from __future__ import annotations

import json
import uuid as uuid_module
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Index, LargeBinary, Text, UniqueConstraint, text
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from .columns import PAPER_LACKS, lacks_condition, sort_index_columns
from .fields import Kind, utcnow

_LIVE = text("deleted_at IS NULL")
_TRASHED = text("deleted_at IS NOT NULL")
_STALE = text("local_version < 0")


class JSONText(TypeDecorator):
    """JSON stored as text (PostgreSQL's ``json`` type has no equality, so ``nullif`` and
    sorting on it fail; SQLite's JSON is text anyway)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False)

    def process_result_value(self, value: Any, dialect) -> Any:
        return None if value is None else json.loads(value)


def json_column(nullable: bool = False, default: str | None = None) -> Column:
    return Column(JSON().with_variant(JSONText(), "postgresql"), nullable=nullable,
                  server_default=text(f"'{default}'") if default is not None else None)


def new_uuid() -> str:
    return uuid_module.uuid4().hex


def _sort_indexes(kind: Kind) -> tuple[Index, ...]:
    """Indexes that serve each table column's ``ORDER BY`` over live (not trashed) rows.

    On PostgreSQL a text column's index also carries the column itself (``INCLUDE``): the
    planner reads ``lower(title)`` from an index only when it could read ``title`` there too, and
    an index-only scan sorts 100,000 papers in 50 ms where a heap scan and a sort take 300."""
    return tuple(
        Index(name, *(text(e) for e in exprs), sqlite_where=_LIVE, postgresql_where=_LIVE,
              postgresql_include=include)
        for name, exprs, include in sort_index_columns(kind)
    )


def _trash_index(kind: Kind) -> Index:
    """The trash alone: emptying it of what is 30 days old, at every start, read every entry
    without it (0.3-1.5 s at 100,000 papers)."""
    return Index(f"ix_{kind.value}_trashed", "deleted_at", sqlite_where=_TRASHED, postgresql_where=_TRASHED)


def _lacks_indexes() -> tuple[Index, ...]:
    return tuple(
        Index(f"ix_paper_lacks_{PAPER_LACKS[key]}", "id",
              sqlite_where=text(f"deleted_at IS NULL AND {lacks_condition('sqlite', key)}"),
              postgresql_where=text(f"deleted_at IS NULL AND {lacks_condition('postgresql', key)}"))
        for key in PAPER_LACKS
    )


class Paper(SQLModel, table=True):
    __table_args__ = (*_sort_indexes(Kind.PAPER), _trash_index(Kind.PAPER), *_lacks_indexes())

    id: int | None = Field(default=None, primary_key=True)
    uuid: str | None = Field(default_factory=new_uuid, unique=True, index=True)
    seed_key: str | None = Field(default=None, unique=True)
    title: str
    short_name: str | None = None
    authors: list[str] = Field(default_factory=list, sa_column=json_column())
    year: int | None = None
    venue: str | None = None
    arxiv_id: str | None = Field(default=None, index=True)
    doi: str | None = Field(default=None, index=True)
    citation_key: str | None = None
    entry_type: str | None = None
    paper_url: str | None = None
    pdf_url: str | None = None
    code_url: str | None = None
    project_url: str | None = None
    visual_encoder: str | None = None
    text_encoder: str | None = None
    model_details: str | None = None
    survey_inclusion: str | None = None
    survey_section: str | None = None
    summary_zh: str | None = None
    summary_en: str | None = None
    remark: str | None = None
    # Other bibliographic fields a format carries (volume, pages, publisher...), kept for round trips.
    extra_fields: dict[str, Any] = Field(default_factory=dict, sa_column=json_column(default="{}"))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = None
    created_by: str | None = None
    modified_by: str | None = None
    version: int = 1


class Dataset(SQLModel, table=True):
    __table_args__ = (*_sort_indexes(Kind.DATASET), _trash_index(Kind.DATASET))

    id: int | None = Field(default=None, primary_key=True)
    uuid: str | None = Field(default_factory=new_uuid, unique=True, index=True)
    seed_key: str | None = Field(default=None, unique=True)
    name: str
    data_type: str | None = None
    year: int | None = None
    scale: str | None = None
    description_zh: str | None = None
    description_en: str | None = None
    download_urls: list[str] = Field(default_factory=list, sa_column=json_column())
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = None
    created_by: str | None = None
    modified_by: str | None = None
    version: int = 1


class PaperDatasetLink(SQLModel, table=True):
    __tablename__ = "paper_dataset_link"
    __table_args__ = (
        UniqueConstraint("paper_id", "dataset_id", "relation"),
        CheckConstraint("relation IN ('introduces', 'uses')", name="ck_link_relation"),
    )

    id: int | None = Field(default=None, primary_key=True)
    paper_id: int = Field(foreign_key="paper.id", ondelete="CASCADE", index=True)
    dataset_id: int = Field(foreign_key="dataset.id", ondelete="CASCADE", index=True)
    relation: str


class Note(SQLModel, table=True):
    """One personal Markdown note per paper or per dataset (``shared``: the lab may see it)."""

    __table_args__ = (
        CheckConstraint(
            "(paper_id IS NULL) <> (dataset_id IS NULL)", name="ck_note_one_owner"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    paper_id: int | None = Field(default=None, foreign_key="paper.id", ondelete="CASCADE", unique=True)
    dataset_id: int | None = Field(
        default=None, foreign_key="dataset.id", ondelete="CASCADE", unique=True
    )
    body: str = ""
    shared: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})
    author: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class Attachment(SQLModel, table=True):
    """A file of a paper or a dataset: **linked** (``path`` is where the file is; it is never
    modified, moved or deleted) or **stored** (``path`` is its name inside the catalog's
    ``attachments/`` folder, which the catalog owns). ``size``, ``mtime``, ``sha256`` and
    ``pages`` describe the file as last seen; with ``uuid`` and ``version`` they travel with a
    sync, the file itself does not. ``deleted_at``: removed (in the trash, restorable)."""

    __table_args__ = (
        CheckConstraint("(paper_id IS NULL) <> (dataset_id IS NULL)", name="ck_attachment_one_owner"),
        CheckConstraint("mode IN ('linked', 'stored')", name="ck_attachment_mode"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uuid: str | None = Field(default_factory=new_uuid, unique=True, index=True)
    paper_id: int | None = Field(default=None, foreign_key="paper.id", ondelete="CASCADE", index=True)
    dataset_id: int | None = Field(default=None, foreign_key="dataset.id", ondelete="CASCADE", index=True)
    path: str
    kind: str = "pdf"
    mode: str = Field(default="linked", sa_column_kwargs={"server_default": "linked"})
    size: int | None = None
    mtime: float | None = None
    sha256: str | None = None
    pages: int | None = None
    added_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = None
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class Provenance(SQLModel, table=True):
    """Where an entry came from: a seed document and a row or section in it."""

    __table_args__ = (
        CheckConstraint("(paper_id IS NULL) <> (dataset_id IS NULL)", name="ck_prov_one_owner"),
    )

    id: int | None = Field(default=None, primary_key=True)
    paper_id: int | None = Field(default=None, foreign_key="paper.id", ondelete="CASCADE", index=True)
    dataset_id: int | None = Field(
        default=None, foreign_key="dataset.id", ondelete="CASCADE", index=True
    )
    source: str
    locator: str | None = None
    excerpt: str | None = None


class SeedApplied(SQLModel, table=True):
    """Every bundled-catalog key ever added to this catalog (so upgrades add only new ones)."""

    __tablename__ = "seed_applied"

    key: str = Field(primary_key=True)
    catalog_version: str
    applied_at: datetime = Field(default_factory=utcnow)


class Facet(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    uuid: str | None = Field(default_factory=new_uuid, unique=True, index=True)
    key: str = Field(unique=True)
    label_en: str | None = None
    label_zh: str | None = None
    position: int = 0
    deleted_at: datetime | None = None
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class Tag(SQLModel, table=True):
    __table_args__ = (Index("ix_tag_facet_parent", "facet_id", "parent_id"),)

    id: int | None = Field(default=None, primary_key=True)
    uuid: str | None = Field(default_factory=new_uuid, unique=True, index=True)
    facet_id: int = Field(foreign_key="facet.id", ondelete="CASCADE")
    parent_id: int | None = Field(default=None, foreign_key="tag.id", ondelete="CASCADE")
    label_en: str | None = None
    label_zh: str | None = None
    color: str | None = None
    position: int = 0
    deleted_at: datetime | None = None
    # A tag merged into another: its entries and synonyms moved there (kept for undo and sync).
    merged_into_id: int | None = None
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class TagSynonym(SQLModel, table=True):
    __tablename__ = "tag_synonym"

    id: int | None = Field(default=None, primary_key=True)
    tag_id: int = Field(foreign_key="tag.id", ondelete="CASCADE", index=True)
    text: str = Field(unique=True)


class PaperTag(SQLModel, table=True):
    __tablename__ = "paper_tag"
    __table_args__ = (Index("ix_paper_tag_tag", "tag_id", "paper_id"),)

    paper_id: int = Field(foreign_key="paper.id", ondelete="CASCADE", primary_key=True)
    tag_id: int = Field(foreign_key="tag.id", ondelete="CASCADE", primary_key=True)


class DatasetTag(SQLModel, table=True):
    __tablename__ = "dataset_tag"
    __table_args__ = (Index("ix_dataset_tag_tag", "tag_id", "dataset_id"),)

    dataset_id: int = Field(foreign_key="dataset.id", ondelete="CASCADE", primary_key=True)
    tag_id: int = Field(foreign_key="tag.id", ondelete="CASCADE", primary_key=True)


def _facet_sort_table(kind: str) -> tuple[Index, ...]:
    owner = f"{kind}_id"
    return tuple(Index(f"ix_{kind}_facet_sort_{lang}", "facet_id", "place", f"sort_{lang}", owner)
                 for lang in ("en", "zh"))


class PaperFacetSort(SQLModel, table=True):
    """A paper's sort key in one facet (a row per paper and facet): its live tags' labels of
    that facet joined in tree order and lower-cased, English first (``sort_en``) or Chinese
    first (``sort_zh``), and its ``place`` before the key (0 tagged, 1 untagged, +2 trashed).
    Derived data, kept by the one write path (``store.facet_sort``), so that sorting by a facet
    column scans one index in table order."""

    __tablename__ = "paper_facet_sort"
    __table_args__ = _facet_sort_table("paper")

    paper_id: int = Field(foreign_key="paper.id", ondelete="CASCADE", primary_key=True)
    facet_id: int = Field(foreign_key="facet.id", ondelete="CASCADE", primary_key=True)
    place: int = 0
    sort_en: str | None = None
    sort_zh: str | None = None


class DatasetFacetSort(SQLModel, table=True):
    """:class:`PaperFacetSort` for datasets."""

    __tablename__ = "dataset_facet_sort"
    __table_args__ = _facet_sort_table("dataset")

    dataset_id: int = Field(foreign_key="dataset.id", ondelete="CASCADE", primary_key=True)
    facet_id: int = Field(foreign_key="facet.id", ondelete="CASCADE", primary_key=True)
    place: int = 0
    sort_en: str | None = None
    sort_zh: str | None = None


class Meta(SQLModel, table=True):
    """Key/value facts about the catalog itself (catalog version seeded, app version...)."""

    key: str = Field(primary_key=True)
    value: str


class SavedView(SQLModel, table=True):
    """A named search: text plus a tag filter (JSON ``{facet id: [tag ids]}``)."""

    __tablename__ = "saved_view"

    id: int | None = Field(default=None, primary_key=True)
    uuid: str | None = Field(default_factory=new_uuid, unique=True, index=True)
    name: str = Field(unique=True)
    query_text: str | None = None
    tag_filter: str = "{}"
    shared: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})
    created_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class SortOrder(SQLModel, table=True):
    """A lab catalog's table order kept on the server for every window (``store.sort_orders``):
    the ascending ids of one column (live or trashed entries) as little-endian 32-bit integers,
    how many of them are empty (last), and the ``change_log.seq`` they were read at. Derived
    data, right only while that ``seq`` is the newest; unused on SQLite (sorting a file reads
    its index in a few ms more than this would)."""

    __tablename__ = "sort_order"

    kind: str = Field(primary_key=True)
    sort_key: str = Field(primary_key=True)
    trashed: bool = Field(primary_key=True)
    seq: int
    empties: int
    ids: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class ChangeLog(SQLModel, table=True):
    """One row per committed change of a row (see ``store.changes``); ``seq`` only grows."""

    __tablename__ = "change_log"
    __table_args__ = ({"sqlite_autoincrement": True},)

    seq: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    origin: str  # the writer: one id per open catalog (a window, a command-line run)
    entity: str  # paper, dataset, note, tag, facet, view, link, taxonomy
    entity_id: int | None = None
    op: str  # insert, update, delete (to the trash), restore, purge
    fields: str | None = None  # JSON list of the changed fields
    version: int | None = None


class SyncBase(SQLModel, table=True):
    """A local catalog's copy of a row as the lab server last had it (the base of the three-way
    merge, as Zotero keeps one): ``data`` is the synced fields as JSON, ``server_version`` the
    row's version on the server then, ``local_version`` the local row's version then (a local
    row whose version moved on has changes to push)."""

    __tablename__ = "sync_base"
    # The copies marked stale (a conflict resolved as "mine": ``local_version`` -1), which every
    # sync looks for: without this index each one read all 100,000 rows (2.5 s).
    __table_args__ = (Index("ix_sync_base_stale", "entity", "uuid", sqlite_where=_STALE, postgresql_where=_STALE),)

    entity: str = Field(primary_key=True)  # paper, dataset, tag, facet, paper_note, dataset_note, view
    uuid: str = Field(primary_key=True)
    server_version: int
    local_version: int
    data: str


class SyncConflict(SQLModel, table=True):
    """A field changed differently here and on the server (or edited on one side and deleted on
    the other, or two entries that look like the same paper): both values are kept, the local
    one stays in use, nothing is overwritten until the user chooses."""

    __tablename__ = "sync_conflict"
    __table_args__ = (UniqueConstraint("entity", "uuid", "field"),)

    id: int | None = Field(default=None, primary_key=True)
    entity: str
    uuid: str
    field: str  # a field name, "deleted_at" (edited here, deleted there) or "duplicate"
    base: str | None = None  # JSON
    local: str | None = None  # JSON
    server: str | None = None  # JSON
    server_version: int | None = None
    created_at: datetime = Field(default_factory=utcnow)


class SyncPush(SQLModel, table=True):
    """On the lab server: each push a client made, so a push retried after a crash or a cut
    connection is applied once (``result``: the versions it wrote, JSON)."""

    __tablename__ = "sync_push"

    push_id: str = Field(primary_key=True)
    client: str
    at: datetime = Field(default_factory=utcnow)
    result: str = "{}"
