"""The columns of the catalog tables and how SQL sorts them.

One declaration feeds the table models (header labels, cell values), the sort queries and the
indexes that serve them (:func:`sort_index_columns`), so a sortable column always has its index.
Sorting is case-insensitive for text (``lower()``, the same on SQLite and PostgreSQL), numeric for
years, and puts empty values last in both directions (the repository reverses only the
non-empty part for a descending sort).
"""

from __future__ import annotations

from dataclasses import dataclass

from .fields import Kind
from .i18n import QT_TRANSLATE_NOOP
from .store.dialect import not_blank


@dataclass(frozen=True)
class TableColumn:
    key: str  # entity column holding the value
    label: str  # English header, translated by the UI
    numeric: bool = False
    nullable: bool = True
    visible: bool = True  # shown by default
    indexed: bool = True  # gets a sort index; unindexed columns sort with a temporary b-tree
    empty_value: str | None = None  # a SQL literal that also means "empty" (e.g. "'[]'")

    def order_terms(self, prefix: str = "e.") -> list[str]:
        """``ORDER BY`` terms: empty-last flag (nullable columns), value, then id."""
        value = f"{prefix}{self.key}"
        if self.empty_value is not None:
            value = f"nullif({value}, {self.empty_value})"
        terms = [value if self.numeric else f"lower({value})", f"{prefix}id"]
        if self.nullable:
            terms.insert(0, f"({value} IS NULL)")
        return terms


PAPER_COLUMNS: tuple[TableColumn, ...] = (
    TableColumn("title", QT_TRANSLATE_NOOP("Fields", "Title"), nullable=False),
    TableColumn("short_name", QT_TRANSLATE_NOOP("Fields", "Model"), visible=False),
    TableColumn("year", QT_TRANSLATE_NOOP("Fields", "Year"), numeric=True),
    TableColumn("venue", QT_TRANSLATE_NOOP("Fields", "Venue")),
    TableColumn("code_url", QT_TRANSLATE_NOOP("Fields", "Code")),
    TableColumn("authors", QT_TRANSLATE_NOOP("Fields", "Authors"), empty_value="'[]'"),  # sort index: 0006
    TableColumn("visual_encoder", QT_TRANSLATE_NOOP("Fields", "Visual encoder"), visible=False, indexed=False),
    TableColumn("text_encoder", QT_TRANSLATE_NOOP("Fields", "Text encoder"), visible=False, indexed=False),
    TableColumn("survey_section", QT_TRANSLATE_NOOP("Fields", "Survey section"), visible=False, indexed=False),
    TableColumn("arxiv_id", QT_TRANSLATE_NOOP("Fields", "arXiv ID"), visible=False, indexed=False),
    TableColumn("doi", QT_TRANSLATE_NOOP("Fields", "DOI"), visible=False, indexed=False),
    TableColumn("updated_at", QT_TRANSLATE_NOOP("Fields", "Modified"), numeric=True, nullable=False, visible=False),
)

DATASET_COLUMNS: tuple[TableColumn, ...] = (
    TableColumn("name", QT_TRANSLATE_NOOP("Fields", "Name"), nullable=False),
    TableColumn("data_type", QT_TRANSLATE_NOOP("Fields", "Data type")),
    TableColumn("year", QT_TRANSLATE_NOOP("Fields", "Year"), numeric=True),
    TableColumn("scale", QT_TRANSLATE_NOOP("Fields", "Scale"), indexed=False),
    TableColumn("description_zh", QT_TRANSLATE_NOOP("Fields", "Chinese description"), visible=False, indexed=False),
    TableColumn("description_en", QT_TRANSLATE_NOOP("Fields", "English description"), visible=False, indexed=False),
    TableColumn("updated_at", QT_TRANSLATE_NOOP("Fields", "Modified"), numeric=True, nullable=False, visible=False),
)

# The columns a new table shows, in this order ("tags:<facet>": the entry's tags of a facet).
DEFAULT_COLUMNS: dict[Kind, tuple[str, ...]] = {
    Kind.PAPER: ("title", "authors", "year", "venue", "tags:family", "tags:task", "code_url"),
    Kind.DATASET: ("name", "data_type", "year", "scale"),
}

COLUMNS: dict[Kind, tuple[TableColumn, ...]] = {
    Kind.PAPER: PAPER_COLUMNS,
    Kind.DATASET: DATASET_COLUMNS,
}


def column(kind: Kind, key: str) -> TableColumn:
    for col in COLUMNS[kind]:
        if col.key == key:
            return col
    raise KeyError(f"{kind.value} has no column {key!r}")


def sort_index_columns(kind: Kind) -> list[tuple[str, list[str], list[str]]]:
    """(index name, SQL expressions, columns the index also carries) for each indexed column,
    matching :meth:`order_terms`: a text column is carried along so PostgreSQL can sort from
    the index alone."""
    return [
        (f"ix_{kind.value}_{col.key}_sort", col.order_terms(prefix=""), [] if col.numeric else [col.key])
        for col in COLUMNS[kind]
        if col.indexed
    ]


# What a live paper lacks, for the curation to-do (core/stats/todo.py): each a partial index of
# the papers that lack it, so the to-do reads a few ids from an index instead of every paper's
# summaries (44 MB at 100,000 papers: 1.1 s of CPU, where the indexes take 0.1 s).
PAPER_LACKS = {"no_summary_en": "summary_en", "no_summary_zh": "summary_zh", "no_code": "code_url",
               "no_authors": "authors"}


def lacks_condition(dialect_name: str, key: str, alias: str = "") -> str:
    """The condition of ``PAPER_LACKS[key]`` on the paper table (``alias``: its alias); the
    same text as its partial index's, so both engines' planners read that index."""
    column = f"{alias}.{PAPER_LACKS[key]}" if alias else PAPER_LACKS[key]
    if key == "no_authors":
        return f"({column} IS NULL OR {column} = '[]')"
    return f"({column} IS NULL OR NOT ({not_blank(dialect_name, column)}))"
