"""Import and export: BibTeX, RIS, CSL-JSON, CSV, the app's JSON and Markdown awesome lists.

Typical import: ``plan = catalog.imports.plan(read_file(path))`` (or stream the records with
``iter_records(path, progress=…, cancelled=…)``); let the user review ``plan.entries`` (status,
match, decision); then ``catalog.imports.apply(plan, progress, cancelled)``, one undoable
command. No Qt here.
"""

from .apply import ImportCancelled, ImportReport, PlanStale, apply_plan
from .detect import RecordStream, iter_records, parse_text, read_file, text_records
from .export import ExportWriteError, Rescue, export_text, export_view, rescue_export, write_atomically
from .matching import DuplicatePair, find_duplicates
from .merge import merge_entries
from .plan import Decision, ImportPlan, PlanEntry, Status, build_plan
from .record import Format, ImportBatch, ImportFormatError, ImportRecord, ReadCancelled

__all__ = [
    "Decision", "DuplicatePair", "ExportWriteError", "Rescue", "rescue_export", "Format", "ImportBatch", "ImportCancelled", "ImportFormatError",
    "ImportPlan", "ImportRecord", "ImportReport", "PlanEntry", "PlanStale", "ReadCancelled", "RecordStream",
    "Status", "apply_plan", "build_plan", "export_text", "export_view", "find_duplicates", "iter_records",
    "merge_entries", "parse_text", "read_file", "text_records", "write_atomically",
]
