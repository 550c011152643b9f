"""Import and export: BibTeX, RIS, CSL-JSON, CSV, the app's JSON and Markdown awesome lists.

Typical import: ``plan = catalog.imports.plan(read_file(path))``; let the user review
``plan.entries`` (status, match, decision); then ``catalog.imports.apply(plan, progress,
cancelled)``, one undoable command. No Qt here.
"""

from .apply import ImportCancelled, ImportReport, PlanStale, apply_plan
from .detect import parse_text, read_file
from .export import export_text, export_view, write_atomically
from .matching import DuplicatePair, find_duplicates
from .merge import merge_entries
from .plan import Decision, ImportPlan, PlanEntry, Status, build_plan
from .record import Format, ImportBatch, ImportFormatError, ImportRecord

__all__ = [
    "Decision", "DuplicatePair", "Format", "ImportBatch", "ImportCancelled", "ImportFormatError",
    "ImportPlan", "ImportRecord", "ImportReport", "PlanEntry", "PlanStale", "Status", "apply_plan", "build_plan",
    "export_text", "export_view", "find_duplicates", "merge_entries", "parse_text", "read_file",
    "write_atomically",
]
