"""What a statistic returns: plain data, the same for the window, its exports and the command
line. Every chart is a table of counts (:class:`Counts`): rows and columns of labelled keys
(a year, a tag, a venue, an entry) and a value per cell."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..fields import Kind
from ..i18n import QT_TRANSLATE_NOOP

CONTEXT = "Statistics"  # the translation context of the labels below

# The charts.
PER_YEAR, HEATMAP, VENUES, MATRIX = "per_year", "heatmap", "venues", "matrix"

# Keys of the rows and columns that are not a year, a tag, a venue or an entry.
NO_TAG = "no_tag"  # entries without a tag in the facet
OTHER = "other"  # the venues after the top ones
NO_VENUE = "no_venue"
ALL = "all"  # the only column of a count without a facet

INTRODUCES, USES = "introduces", "uses"


@dataclass(frozen=True)
class Label:
    """A row or column: ``key`` is what a click filters by (a year, ``NO_YEAR``, a tag id, a
    lower-cased venue, an entry id, or one of the keys above)."""

    key: Any
    en: str
    zh: str | None = None
    color: str | None = None  # a tag's colour
    builtin: bool = False  # ``en`` is an app string to translate (context "Statistics")

    def text(self, lang: str = "en", translate: Callable[[str, str], str] | None = None) -> str:
        if self.builtin:
            return translate(CONTEXT, self.en) if translate else self.en
        if lang.startswith("zh"):
            return self.zh or self.en
        return self.en or self.zh or ""


def builtin(key: Any, text: str, color: str | None = None) -> Label:
    return Label(key, text, None, color, True)


NO_TAG_LABEL = QT_TRANSLATE_NOOP("Statistics", "No tag")
NO_YEAR_LABEL = QT_TRANSLATE_NOOP("Statistics", "No year")
OTHER_LABEL = QT_TRANSLATE_NOOP("Statistics", "Other venues")
NO_VENUE_LABEL = QT_TRANSLATE_NOOP("Statistics", "No venue")
PAPERS_LABEL = QT_TRANSLATE_NOOP("Statistics", "Papers")
DATASETS_LABEL = QT_TRANSLATE_NOOP("Statistics", "Datasets")


@dataclass(frozen=True)
class Counts:
    """One chart's numbers. ``cells[(row, col)]`` is a count (a relation for the matrix);
    missing cells are 0 (no link). ``row_totals``: distinct entries per row where a row's
    cells may count an entry twice (a paper with two model families)."""

    chart: str
    kind: Kind
    rows: tuple[Label, ...]
    cols: tuple[Label, ...]
    cells: Mapping[tuple[int, int], Any]
    row_totals: tuple[int, ...] | None = None
    total: int = 0  # entries in the view
    row_facet: tuple[int, str] | None = None  # (facet id, key) whose tags the rows are
    col_facet: tuple[int, str] | None = None
    more_rows: int = 0  # rows left out (the matrix's limit)
    more_cols: int = 0
    options: Mapping[str, Any] = field(default_factory=dict)  # how it was asked for

    def value(self, row: int, col: int) -> Any:
        return self.cells.get((row, col), 0)

    def as_json(self, lang: str = "en") -> dict:
        """Rows of ``{row label: …, column label: value, …}``, the command line's output."""
        out = []
        for r, row in enumerate(self.rows):
            item: dict[str, Any] = {"key": row.key, "label": row.text(lang)}
            for c, col in enumerate(self.cols):
                item[col.text(lang)] = self.value(r, c)
            if self.row_totals is not None:
                item["total"] = self.row_totals[r]
            out.append(item)
        return {"chart": self.chart, "kind": self.kind.value, "total": self.total, "rows": out,
                "more_rows": self.more_rows, "more_cols": self.more_cols, **dict(self.options)}


# ---- curation to-do -----------------------------------------------------------------------

TODO_LABELS = {
    "no_summary_en": QT_TRANSLATE_NOOP("Statistics", "Papers without an English summary"),
    "no_summary_zh": QT_TRANSLATE_NOOP("Statistics", "Papers without a Chinese summary"),
    "no_code": QT_TRANSLATE_NOOP("Statistics", "Papers without a code link"),
    "no_authors": QT_TRANSLATE_NOOP("Statistics", "Papers without authors"),
    "no_year": QT_TRANSLATE_NOOP("Statistics", "Papers without a year"),
    "no_tag:paper": QT_TRANSLATE_NOOP("Statistics", "Papers without a tag in “%1”"),
    "no_tag:dataset": QT_TRANSLATE_NOOP("Statistics", "Datasets without a tag in “%1”"),
    "unlinked": QT_TRANSLATE_NOOP("Statistics", "Datasets no paper links to"),
    "duplicates:paper": QT_TRANSLATE_NOOP("Statistics", "Papers that look like duplicates"),
    "duplicates:dataset": QT_TRANSLATE_NOOP("Statistics", "Datasets that look like duplicates"),
    "missing_files": QT_TRANSLATE_NOOP("Statistics", "Papers whose attached file is missing"),
}


@dataclass(frozen=True)
class TodoItem:
    """One line of the curation to-do: ``count`` entries of ``kind`` in the view lack
    something. ``key`` names it for :meth:`Stats.todo_ids` (``no_tag:<facet key>`` for a
    facet)."""

    key: str
    kind: Kind
    count: int
    facet: Label | None = None  # the facet of a ``no_tag`` line

    @property
    def template(self) -> str:
        """The English line, ``%1`` standing for the facet's label."""
        base = self.key.split(":")[0]
        return TODO_LABELS[f"{base}:{self.kind.value}" if base in ("no_tag", "duplicates") else base]

    def text(self, lang: str = "en", translate: Callable[[str, str], str] | None = None) -> str:
        line = translate(CONTEXT, self.template) if translate else self.template
        return line.replace("%1", self.facet.text(lang, translate)) if self.facet else line
