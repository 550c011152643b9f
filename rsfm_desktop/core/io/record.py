"""What every parser produces: plain records, independent of the source format.

A parser turns a file into an :class:`ImportBatch` (records, plus for the app's own JSON the
taxonomy and paper–dataset links) or raises one :class:`ImportFormatError` naming the file and
line; it never touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..fields import TITLE_FIELD, Kind, fold_into_facets

SUGGESTED = "suggested"  # tag "facet" of labels the source only suggests (section headings)


class Format(str, Enum):
    BIBTEX = "bibtex"
    RIS = "ris"
    CSLJSON = "csljson"
    CSV = "csv"
    JSON = "json"  # the app's own lossless export
    MARKDOWN = "markdown"


class ReadCancelled(Exception):
    """The user cancelled while the file was being read; nothing was imported."""

    def __init__(self, file: str):
        super().__init__(f"{file}: reading cancelled")
        self.file = str(file)


class ImportFormatError(ValueError):
    """A file that cannot be imported. Nothing is written when this is raised."""

    def __init__(self, file: str, line: int | None, message: str):
        where = f"{file}, line {line}" if line else str(file)
        super().__init__(f"{where}: {message}")
        self.file = str(file)
        self.line = line
        self.message = message


@dataclass
class ImportRecord:
    """One paper or dataset read from a file.

    ``values`` holds field values keyed like :mod:`core.fields`; ``tags`` maps a facet key (or
    :data:`SUGGESTED`) to tag labels. ``ref`` names the record inside its file so that links
    (``ImportBatch.links``) can point at it. ``tag_refs``, ``provenance``, ``attachments`` and
    ``meta`` carry what only the app's own JSON holds.
    """

    kind: Kind
    values: dict[str, Any]  # may hold citation_key, entry_type and extra_fields (a dict)
    line: int | None = None
    tags: dict[str, list[str]] = field(default_factory=dict)
    note: str | None = None
    ref: str | None = None
    tag_refs: list[str] = field(default_factory=list)
    provenance: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A model family or tasks read as a field (a CSV column, an old JSON export) is a tag.
        fold_into_facets(self.kind, self.values, self.tags)

    @property
    def title(self) -> str:
        return self.values.get(TITLE_FIELD[self.kind]) or ""

    def add_tag(self, facet: str, label: str) -> None:
        labels = self.tags.setdefault(facet, [])
        if label not in labels:
            labels.append(label)


@dataclass
class TaxonomyTag:
    """A tag as the app's JSON describes it (``parent`` is another tag's ``ref``)."""

    ref: str
    facet: str
    label_en: str | None
    label_zh: str | None = None
    parent: str | None = None
    color: str | None = None
    position: int = 0
    synonyms: list[str] = field(default_factory=list)


@dataclass
class ImportBatch:
    source: str
    format: Format
    records: list[ImportRecord] = field(default_factory=list)
    facets: list[dict[str, Any]] = field(default_factory=list)
    taxonomy: list[TaxonomyTag] = field(default_factory=list)
    # (paper ref, dataset ref, relation)
    links: list[tuple[str, str, str]] = field(default_factory=list)
    # Records skipped (no title, placeholder row…) and other remarks, each naming file and line.
    warnings: list[str] = field(default_factory=list)
    # The text encoding used ("UTF-8", "Windows-1252", "GB18030"…) and whether it was certain
    # (a byte order mark, a declaration, valid UTF-8, or a clear detection); when it was not,
    # ask the user and read again with ``read_file(path, encoding=…)``.
    encoding: str | None = None
    encoding_confidence: float = 1.0
    encoding_confident: bool = True
