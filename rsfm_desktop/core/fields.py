"""What the fields of a paper and of a dataset are: one declaration used by validation, the
edit form, the detail pane, the table columns and import/export.

Labels here are English source strings; the UI translates them at display time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum

from .i18n import QT_TRANSLATE_NOOP


def _(text: str) -> str:
    return QT_TRANSLATE_NOOP("Fields", text)


RELATIONS = ("introduces", "uses")  # how a paper relates to a dataset


def utcnow() -> datetime:
    """The time stamp written to ``created_at``, ``updated_at`` and ``deleted_at``."""
    return datetime.now(timezone.utc)


class Kind(str, Enum):
    PAPER = "paper"
    DATASET = "dataset"


class FieldType(str, Enum):
    TEXT = "text"  # one line
    LONG = "long"  # multi-line text
    INT = "int"
    URL = "url"
    LIST = "list"  # list of strings (authors, download URLs)
    CHOICE = "choice"
    MAP = "map"  # name -> text (other bibliographic fields, kept for round trips)


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    type: FieldType = FieldType.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    # A list whose items are URLs (dataset download addresses) validates each item.
    item_type: FieldType | None = None
    searchable: bool = False  # part of the text the search box finds
    # Shown in the edit form and the detail pane's field list (the rest is shown elsewhere or
    # only carried along: extra bibliographic fields).
    form: bool = True


PAPER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", QT_TRANSLATE_NOOP("Fields", "Title"), required=True, searchable=True),
    FieldSpec("short_name", QT_TRANSLATE_NOOP("Fields", "Model"), searchable=True),
    FieldSpec("authors", QT_TRANSLATE_NOOP("Fields", "Authors"), FieldType.LIST, searchable=True),
    FieldSpec("year", QT_TRANSLATE_NOOP("Fields", "Year"), FieldType.INT),
    FieldSpec("venue", QT_TRANSLATE_NOOP("Fields", "Venue"), searchable=True),
    FieldSpec("arxiv_id", QT_TRANSLATE_NOOP("Fields", "arXiv ID")),
    FieldSpec("doi", QT_TRANSLATE_NOOP("Fields", "DOI")),
    FieldSpec("citation_key", QT_TRANSLATE_NOOP("Fields", "Citation key")),
    FieldSpec("entry_type", QT_TRANSLATE_NOOP("Fields", "Entry type")),
    FieldSpec("paper_url", QT_TRANSLATE_NOOP("Fields", "Paper URL"), FieldType.URL),
    FieldSpec("pdf_url", QT_TRANSLATE_NOOP("Fields", "PDF URL"), FieldType.URL),
    FieldSpec("code_url", QT_TRANSLATE_NOOP("Fields", "Code"), FieldType.URL),
    FieldSpec("project_url", QT_TRANSLATE_NOOP("Fields", "Project page"), FieldType.URL),
    FieldSpec("visual_encoder", QT_TRANSLATE_NOOP("Fields", "Visual encoder")),
    FieldSpec("text_encoder", QT_TRANSLATE_NOOP("Fields", "Text encoder")),
    FieldSpec("model_details", QT_TRANSLATE_NOOP("Fields", "Model details"), FieldType.LONG, searchable=True),
    FieldSpec("survey_inclusion", QT_TRANSLATE_NOOP("Fields", "Survey inclusion")),
    FieldSpec("survey_section", QT_TRANSLATE_NOOP("Fields", "Survey section")),
    FieldSpec("summary_zh", QT_TRANSLATE_NOOP("Fields", "Chinese summary"), FieldType.LONG, searchable=True),
    FieldSpec("summary_en", QT_TRANSLATE_NOOP("Fields", "English summary"), FieldType.LONG, searchable=True),
    FieldSpec("remark", QT_TRANSLATE_NOOP("Fields", "Remark"), FieldType.LONG, searchable=True),
    FieldSpec("extra_fields", QT_TRANSLATE_NOOP("Fields", "Other fields"), FieldType.MAP, form=False),
)

DATASET_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", QT_TRANSLATE_NOOP("Fields", "Name"), required=True, searchable=True),
    FieldSpec("data_type", QT_TRANSLATE_NOOP("Fields", "Data type"), searchable=True),
    FieldSpec("year", QT_TRANSLATE_NOOP("Fields", "Year"), FieldType.INT),
    FieldSpec("scale", QT_TRANSLATE_NOOP("Fields", "Scale"), searchable=True),
    FieldSpec("description_zh", QT_TRANSLATE_NOOP("Fields", "Chinese description"), FieldType.LONG, searchable=True),
    FieldSpec("description_en", QT_TRANSLATE_NOOP("Fields", "English description"), FieldType.LONG, searchable=True),
    FieldSpec("download_urls", QT_TRANSLATE_NOOP("Fields", "Download"), FieldType.LIST, item_type=FieldType.URL),
)

FIELDS = {Kind.PAPER: PAPER_FIELDS, Kind.DATASET: DATASET_FIELDS}

# Fields of earlier versions that are facets now (model family, tasks): a value read from an old
# file or catalog becomes a tag of that facet (``core.io.legacy``; migration 0003).
FOLDED_INTO_FACETS = {Kind.PAPER: {"family": "family", "tasks": "task"}, Kind.DATASET: {}}
_LIST_SEPARATORS = re.compile(r"\s*[,;，；、]\s*")


def folded_labels(text) -> list[str]:
    """The tag labels an old text field held (``"Scene Classification, RS VQA"`` → two)."""
    if isinstance(text, (list, tuple)):
        return [str(t).strip() for t in text if str(t).strip()]
    return [part for part in _LIST_SEPARATORS.split(str(text or "").strip()) if part]


def fold_into_facets(kind: Kind, values: dict, tags: dict[str, list[str]]) -> None:
    """Move the values of fields that are facets now (``family``, ``tasks``) from ``values``
    into ``tags`` ({facet key: labels}), in place; labels already there are kept once."""
    for field_key, facet_key in FOLDED_INTO_FACETS[kind].items():
        if field_key not in values:
            continue
        labels = tags.setdefault(facet_key, [])
        seen = {label.casefold() for label in labels}
        for label in folded_labels(values.pop(field_key)):
            if label.casefold() not in seen:
                labels.append(label)
                seen.add(label.casefold())
        if not labels:
            tags.pop(facet_key)
TITLE_FIELD = {Kind.PAPER: "title", Kind.DATASET: "name"}


def field_map(kind: Kind) -> dict[str, FieldSpec]:
    return {f.key: f for f in FIELDS[kind]}


def searchable_fields(kind: Kind) -> tuple[str, ...]:
    """The fields whose text the search box finds (the entry's note is searched too)."""
    return tuple(f.key for f in FIELDS[kind] if f.searchable)


def empty_value(spec: FieldSpec):
    """What an unset field holds: an empty list or mapping, else None."""
    return [] if spec.type is FieldType.LIST else {} if spec.type is FieldType.MAP else None
