"""Import and export: BibTeX, RIS, CSL-JSON, CSV, the app's JSON and Markdown awesome lists.

Typical import: ``plan = catalog.imports.prepare(path, progress=…, cancelled=…)`` streams the
file into a spooled plan (:mod:`.spool`; memory stays bounded whatever the file's size;
``catalog.imports.plan(read_file(path))`` does the same for records already in memory); let the
user review ``plan.entries`` (status, match, decision); then ``catalog.imports.apply(plan,
progress, cancelled)``, one undoable command; ``plan.close()`` deletes the spool. No Qt here.
"""

# Loaded on first use (PEP 562): a module of this package (a parser in the reading worker
# process, :mod:`.parse_worker`) imports without the writing side and SQLAlchemy.
_WHERE = {
    "ImportCancelled": "apply", "ImportReport": "apply", "PlanStale": "apply", "apply_plan": "apply",
    "RecordStream": "detect", "iter_records": "detect", "parse_text": "detect", "read_file": "detect",
    "text_records": "detect", "ExportWriteError": "export", "Rescue": "export", "export_text": "export",
    "export_view": "export", "rescue_export": "export", "write_atomically": "export",
    "DuplicatePair": "matching", "find_duplicates": "matching", "merge_entries": "merge",
    "Decision": "plan", "PlanEntry": "plan", "Status": "plan", "ImportPlan": "spool", "build_plan": "spool",
    "plan_stream": "spool", "Format": "record", "ImportBatch": "record", "ImportFormatError": "record",
    "ImportRecord": "record", "ReadCancelled": "record",
}


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "Decision", "DuplicatePair", "ExportWriteError", "Rescue", "rescue_export", "Format", "ImportBatch", "ImportCancelled", "ImportFormatError",
    "ImportPlan", "ImportRecord", "ImportReport", "PlanEntry", "PlanStale", "ReadCancelled", "RecordStream",
    "Status", "apply_plan", "build_plan", "plan_stream", "export_text", "export_view", "find_duplicates", "iter_records",
    "merge_entries", "parse_text", "read_file", "text_records", "write_atomically",
]
