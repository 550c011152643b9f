"""Import and export: BibTeX, RIS, CSL-JSON, CSV, the app's JSON and Markdown awesome lists.

Typical import: ``plan = build_plan(engine, read_file(path))``; let the user review
``plan.entries`` (status, match, decision); then ``apply_plan(engine, plan, progress, cancelled)``.
No Qt here.
"""

from .apply import ImportCancelled, ImportReport, apply_plan
from .detect import parse_text, read_file
from .export import export_text, export_view, write_atomically
from .matching import DuplicatePair, find_duplicates
from .merge import merge_entries
from .plan import Decision, ImportPlan, PlanEntry, Status, build_plan
from .record import Format, ImportBatch, ImportFormatError, ImportRecord

__all__ = [
    "Decision", "DuplicatePair", "Format", "ImportBatch", "ImportCancelled", "ImportFormatError",
    "ImportPlan", "ImportRecord", "ImportReport", "PlanEntry", "Status", "apply_plan", "build_plan",
    "export_text", "export_view", "find_duplicates", "merge_entries", "parse_text", "read_file",
    "write_atomically",
]
