"""Import and export: BibTeX, RIS, CSL-JSON, CSV, the app's JSON and Markdown awesome lists.

Typical import: ``plan = catalog.imports.prepare(path, progress=…, cancelled=…)`` streams the
file into a spooled plan (:mod:`.spool`; memory stays bounded whatever the file's size;
``catalog.imports.plan(read_file(path))`` does the same for records already in memory); let the
user review ``plan.entries`` (status, match, decision); then ``catalog.imports.apply(plan,
progress, cancelled)``, one undoable command; ``plan.close()`` deletes the spool. No Qt here.
"""

from .apply import ImportCancelled, ImportReport, PlanStale, apply_plan
from .detect import RecordStream, iter_records, parse_text, read_file, text_records
from .export import ExportWriteError, Rescue, export_text, export_view, rescue_export, write_atomically
from .matching import DuplicatePair, find_duplicates
from .merge import merge_entries
from .plan import Decision, PlanEntry, Status
from .spool import ImportPlan, build_plan, plan_stream
from .record import Format, ImportBatch, ImportFormatError, ImportRecord, ReadCancelled

__all__ = [
    "Decision", "DuplicatePair", "ExportWriteError", "Rescue", "rescue_export", "Format", "ImportBatch", "ImportCancelled", "ImportFormatError",
    "ImportPlan", "ImportRecord", "ImportReport", "PlanEntry", "PlanStale", "ReadCancelled", "RecordStream",
    "Status", "apply_plan", "build_plan", "plan_stream", "export_text", "export_view", "find_duplicates", "iter_records",
    "merge_entries", "parse_text", "read_file", "text_records", "write_atomically",
]
