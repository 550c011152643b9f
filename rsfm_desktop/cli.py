"""Commands that run without a window (no Qt is imported here): ``stats``, ``import``,
``export``. Every command opens its catalog the one way the window does
(:func:`core.catalog.open_catalog`: created and seeded on first use), on a folder
(``--data-dir``) or a lab server (``--catalog postgresql://…``), and waits for a busy catalog
rather than failing."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .core.catalog import CLI_BUSY_TIMEOUT_MS, Catalog, open_catalog
from .core.errors import CatalogError
from .core.fields import Kind
from .core.io.plan import Decision
from .paths import default_data_dir


def _fail(message: str, code: int) -> int:
    print(f"rsfm-desktop: {message}", file=sys.stderr)
    return code


def target_of(args: argparse.Namespace) -> Path | str:
    """``--catalog`` (a folder or a postgresql:// URL), else ``--data-dir``, else the default."""
    catalog = getattr(args, "catalog", None)
    if catalog:
        return catalog
    return getattr(args, "data_dir", None) or default_data_dir()


def open_for(args: argparse.Namespace, read_only: bool = False) -> Catalog:
    return open_catalog(target_of(args), busy_timeout_ms=CLI_BUSY_TIMEOUT_MS, read_only=read_only,
                        author=getattr(args, "author", None))


def stats(args: argparse.Namespace) -> int:
    catalog = open_for(args)
    try:
        print(json.dumps(catalog.stats()))
    finally:
        catalog.close()
    return 0


def import_file(args: argparse.Namespace) -> int:
    """Stream the file into a plan (memory stays bounded whatever its size), then apply it.
    The JSON report names the encoding used (and whether it was a guess: then read again with
    ``--encoding``), and every warning (a skipped record with its line, a dropped value)."""
    from .core.io import ImportFormatError, ReadCancelled, iter_records

    report: dict = {"added": 0, "merged": 0, "skipped_duplicates": 0, "errors": []}
    encoding = getattr(args, "encoding", None)
    try:
        iter_records(args.file, args.format, encoding=encoding)  # an unreadable file touches no catalog
        catalog = open_for(args, read_only=args.dry_run)
    except ImportFormatError as exc:
        return _refused(report, exc)
    try:
        plan = catalog.imports.prepare(args.file, args.format, encoding=encoding)
    except (ImportFormatError, ReadCancelled) as exc:
        catalog.close()
        return _refused(report, exc)
    try:
        if getattr(args, "add_duplicates", False):
            plan.add_all()
        file_facts = {"warnings": plan.warnings.summary(), "encoding": plan.encoding,
                      "encoding_confident": plan.encoding_confident}
        if args.dry_run:
            decisions = plan.decision_counts()
            report.update(plan.counts())
            report.update(added=decisions[Decision.ADD], merged=decisions[Decision.MERGE],
                          skipped_duplicates=decisions[Decision.SKIP], dry_run=True)
        else:
            report = catalog.imports.apply(plan, replan_quietly=True).result.as_json()
        report.update(file_facts)
    finally:
        plan.close()
        catalog.close()
    print(json.dumps(report, ensure_ascii=False))
    return 0


def _refused(report: dict, exc) -> int:
    line = getattr(exc, "line", None)
    report["errors"] = [{"file": exc.file, "line": line, "message": getattr(exc, "message", str(exc))}]
    print(json.dumps(report, ensure_ascii=False))
    return _fail(str(exc), 1)


def export_file(args: argparse.Namespace) -> int:
    from .core.io import write_atomically

    catalog = open_for(args)
    try:
        papers = datasets = None
        if args.tag:
            papers = catalog.imports.ids_with_tag(Kind.PAPER, args.tag)
            datasets = catalog.imports.ids_with_tag(Kind.DATASET, args.tag)
            if not papers and not datasets:
                return _fail(f"no entry has the tag {args.tag!r}", 1)
        text = catalog.imports.export_text(args.format, papers, datasets)
    finally:
        catalog.close()
    try:
        write_atomically(args.output, text)
    except OSError as exc:
        return _fail(f"cannot write {args.output}: {exc.strerror}", 2)
    print(json.dumps({"output": str(args.output), "format": args.format,
                      "papers": len(papers) if papers is not None else None}))
    return 0


COMMANDS = {"stats": stats, "import": import_file, "export": export_file}


def run(args: argparse.Namespace) -> int:
    try:
        return COMMANDS[args.command](args)
    except CatalogError as exc:
        return _fail(str(exc), 2)
