"""The catalog's tables (SQLModel). Plain Python: no Qt here.

Design notes
------------
* Empty text is stored as NULL, never as ``""``: sorting puts missing values last and the
  "missing translation" marker in the UI needs one test, not two.
* ``seed_key`` ties an entry to the bundled catalog (``data/catalog.json``). The table
  ``SeedApplied`` remembers every key ever seeded, so an app upgrade adds only new bundled
  entries and never re-adds or overwrites what the user edited or deleted.
* ``deleted_at`` is a soft delete: deleted entries go to the trash with their notes, tags and
  links, and every list query filters ``deleted_at IS NULL``.
* ``version`` is bumped on every update; a shared PostgreSQL catalog can refuse stale writes.
* Tags live in facets, each a tree (``Tag.parent_id``); papers and datasets link to tags through
  association tables.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from .columns import sort_index_columns
from .fields import Kind, utcnow

_LIVE = text("deleted_at IS NULL")


def _sort_indexes(kind: Kind) -> tuple[Index, ...]:
    """Indexes that serve each table column's ``ORDER BY`` over live (not trashed) rows."""
    return tuple(
        Index(name, *(text(e) for e in exprs), sqlite_where=_LIVE, postgresql_where=_LIVE)
        for name, exprs in sort_index_columns(kind)
    )

FAMILIES = ("MLLM", "VLM", "Agent", "Other")


class Paper(SQLModel, table=True):
    __table_args__ = _sort_indexes(Kind.PAPER)

    id: int | None = Field(default=None, primary_key=True)
    seed_key: str | None = Field(default=None, unique=True)
    title: str
    short_name: str | None = None
    authors: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    year: int | None = None
    venue: str | None = None
    arxiv_id: str | None = Field(default=None, index=True)
    doi: str | None = Field(default=None, index=True)
    paper_url: str | None = None
    pdf_url: str | None = None
    code_url: str | None = None
    project_url: str | None = None
    family: str | None = None
    visual_encoder: str | None = None
    text_encoder: str | None = None
    model_details: str | None = None
    tasks: str | None = None
    survey_inclusion: str | None = None
    survey_section: str | None = None
    summary_zh: str | None = None
    summary_en: str | None = None
    remark: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = None
    version: int = 1


class Dataset(SQLModel, table=True):
    __table_args__ = _sort_indexes(Kind.DATASET)

    id: int | None = Field(default=None, primary_key=True)
    seed_key: str | None = Field(default=None, unique=True)
    name: str
    data_type: str | None = None
    year: int | None = None
    scale: str | None = None
    description_zh: str | None = None
    description_en: str | None = None
    download_urls: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = None
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
    """One personal Markdown note per paper or per dataset."""

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
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Attachment(SQLModel, table=True):
    """A local file linked to a paper. The file itself is never modified or moved."""

    id: int | None = Field(default=None, primary_key=True)
    paper_id: int = Field(foreign_key="paper.id", ondelete="CASCADE", index=True)
    path: str
    kind: str = "pdf"
    added_at: datetime = Field(default_factory=utcnow)


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
    key: str = Field(unique=True)
    label_en: str | None = None
    label_zh: str | None = None
    position: int = 0


class Tag(SQLModel, table=True):
    __table_args__ = (Index("ix_tag_facet_parent", "facet_id", "parent_id"),)

    id: int | None = Field(default=None, primary_key=True)
    facet_id: int = Field(foreign_key="facet.id", ondelete="CASCADE")
    parent_id: int | None = Field(default=None, foreign_key="tag.id", ondelete="CASCADE")
    label_en: str | None = None
    label_zh: str | None = None
    color: str | None = None
    position: int = 0


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


class Meta(SQLModel, table=True):
    """Key/value facts about the catalog itself (catalog version seeded, app version...)."""

    key: str = Field(primary_key=True)
    value: str


class SavedView(SQLModel, table=True):
    """A named search: text plus a tag filter (JSON ``{facet id: [tag ids]}``)."""

    __tablename__ = "saved_view"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    query_text: str | None = None
    tag_filter: str = "{}"
    created_at: datetime = Field(default_factory=utcnow)
