"""Markdown awesome list and "current view as table" (Markdown, LaTeX, CSV) exports.

Output is deterministic: the same catalog always gives byte-identical text, so a lab can
regenerate and publish its list from the app and review the diff.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from ..columns import COLUMNS
from ..fields import Kind, field_map
from . import csv_io
from .snapshot import EntrySnapshot

UNGROUPED = "Other"
_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def md_cell(value: Any) -> str:
    if value in (None, "", []):
        return "-"
    if isinstance(value, list):
        value = "; ".join(value)
    return " ".join(str(value).split()).replace("|", "\\|")


def _md_link(text: str, url: str | None) -> str:
    label = md_cell(text).replace("[", "\\[").replace("]", "\\]")
    return f"[{label}]({url})" if url else label


def paper_link(values: dict[str, Any]) -> str | None:
    if values.get("paper_url"):
        return values["paper_url"]
    if values.get("arxiv_id"):
        return f"https://arxiv.org/abs/{values['arxiv_id']}"
    if values.get("doi"):
        return f"https://doi.org/{values['doi']}"
    return values.get("pdf_url")


def _order(entry: EntrySnapshot) -> tuple:
    return (-(entry.values.get("year") or 0), entry.title.casefold(), entry.id)


def _groups(entries: list[EntrySnapshot], facet: str) -> list[tuple[str, list[EntrySnapshot]]]:
    groups: dict[str, list[EntrySnapshot]] = {}
    for entry in entries:
        labels = entry.tags.get(facet) or ([entry.values[facet]] if entry.values.get(facet) else [])
        for label in labels or [UNGROUPED]:
            groups.setdefault(label, []).append(entry)
    names = sorted(groups, key=lambda n: (n == UNGROUPED, n.casefold()))
    return [(name, sorted(groups[name], key=_order)) for name in names]


def _paper_row(e: EntrySnapshot) -> str:
    v = e.values
    code = f"[code]({v['code_url']})" if v.get("code_url") else "-"
    project = f"[project]({v['project_url']})" if v.get("project_url") else "-"
    cells = [_md_link(e.title, paper_link(v)), md_cell(v.get("short_name")), md_cell(v.get("year")),
             md_cell(v.get("venue")), code, project]
    return "| " + " | ".join(cells) + " |"


def _dataset_row(e: EntrySnapshot) -> str:
    v = e.values
    urls = v.get("download_urls") or []
    cells = [_md_link(e.title, urls[0] if urls else None), md_cell(v.get("data_type")), md_cell(v.get("year")),
             md_cell(v.get("scale")), md_cell(v.get("description_en") or v.get("description_zh"))]
    return "| " + " | ".join(cells) + " |"


def awesome_list(papers: list[EntrySnapshot], datasets: list[EntrySnapshot], facet: str = "family",
                 title: str = "Awesome Remote Sensing Foundation Models") -> str:
    out = [f"# {title}", ""]
    for name, entries in _groups(papers, facet):
        out += [f"## {name}", "", "| Title | Model | Year | Venue | Code | Project |",
                "|---|---|---|---|---|---|", *(_paper_row(e) for e in entries), ""]
    if datasets:
        out += ["## Datasets", "", "| Dataset | Data type | Year | Scale | Description |",
                "|---|---|---|---|---|", *(_dataset_row(e) for e in sorted(datasets, key=_order)), ""]
    return "\n".join(out)


# ---- the current view as a table ---------------------------------------------------------


def column_label(kind: Kind, key: str) -> str:
    for col in COLUMNS[kind]:
        if col.key == key:
            return col.label
    spec = field_map(kind).get(key)
    return spec.label if spec else key


def _latex(value: Any) -> str:
    text = md_cell(value).replace("\\|", "|") if value not in (None, "", []) else ""
    return "".join(_LATEX_SPECIAL.get(c, c) for c in text)


def _csv_text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def view_table(kind: Kind, columns: Sequence[str], entries: list[EntrySnapshot], fmt: str) -> str:
    """The given columns of the given entries, in their order: ``markdown``, ``latex`` or ``csv``."""
    labels = [column_label(kind, c) for c in columns]
    return table_text(labels, [[e.values.get(c) for c in columns] for e in entries], fmt)


def table_text(labels: Sequence[Any], rows: Sequence[Sequence[Any]], fmt: str) -> str:
    """A header and rows of values as a ``markdown``, ``latex`` or ``csv`` table."""
    if fmt == "markdown":
        lines = ["| " + " | ".join(md_cell(x) for x in labels) + " |", "|" + "---|" * len(labels)]
        lines += ["| " + " | ".join(md_cell(x) for x in row) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    if fmt == "latex":
        lines = [r"\begin{tabular}{" + "l" * len(labels) + "}", r"\hline",
                 " & ".join(_latex(x) for x in labels) + r" \\", r"\hline"]
        lines += [" & ".join(_latex(x) for x in row) + r" \\" for row in rows]
        return "\n".join(lines + [r"\hline", r"\end{tabular}"]) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv_io.writer(out)
        writer.writerow([csv_io.spreadsheet_safe(x) for x in labels])
        writer.writerows([[csv_io.spreadsheet_safe(_csv_text(x)) for x in row] for row in rows])
        return out.getvalue()
    raise ValueError(f"unknown table format {fmt!r}")
