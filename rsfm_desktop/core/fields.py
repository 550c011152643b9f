"""What the fields of a paper and of a dataset are: one declaration used by validation, the
edit form, the detail pane, the table columns and import/export.

Labels here are English source strings; the UI translates them at display time.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    type: FieldType = FieldType.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    # A list whose items are URLs (dataset download addresses) validates each item.
    item_type: FieldType | None = None


PAPER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "Title", required=True),
    FieldSpec("short_name", "Model"),
    FieldSpec("authors", "Authors", FieldType.LIST),
    FieldSpec("year", "Year", FieldType.INT),
    FieldSpec("venue", "Venue"),
    FieldSpec("family", "Family", FieldType.CHOICE, choices=("MLLM", "VLM", "Agent", "Other")),
    FieldSpec("arxiv_id", "arXiv ID"),
    FieldSpec("doi", "DOI"),
    FieldSpec("paper_url", "Paper URL", FieldType.URL),
    FieldSpec("pdf_url", "PDF URL", FieldType.URL),
    FieldSpec("code_url", "Code", FieldType.URL),
    FieldSpec("project_url", "Project page", FieldType.URL),
    FieldSpec("visual_encoder", "Visual encoder"),
    FieldSpec("text_encoder", "Text encoder"),
    FieldSpec("model_details", "Model details", FieldType.LONG),
    FieldSpec("tasks", "Tasks"),
    FieldSpec("survey_inclusion", "Survey inclusion"),
    FieldSpec("survey_section", "Survey section"),
    FieldSpec("summary_zh", "Chinese summary", FieldType.LONG),
    FieldSpec("summary_en", "English summary", FieldType.LONG),
    FieldSpec("remark", "Remark", FieldType.LONG),
)

DATASET_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "Name", required=True),
    FieldSpec("data_type", "Data type"),
    FieldSpec("year", "Year", FieldType.INT),
    FieldSpec("scale", "Scale"),
    FieldSpec("description_zh", "Chinese description", FieldType.LONG),
    FieldSpec("description_en", "English description", FieldType.LONG),
    FieldSpec("download_urls", "Download", FieldType.LIST, item_type=FieldType.URL),
)

FIELDS = {Kind.PAPER: PAPER_FIELDS, Kind.DATASET: DATASET_FIELDS}
TITLE_FIELD = {Kind.PAPER: "title", Kind.DATASET: "name"}


def field_map(kind: Kind) -> dict[str, FieldSpec]:
    return {f.key: f for f in FIELDS[kind]}
