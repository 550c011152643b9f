"""Commands that run without a window (no Qt is imported here): ``stats``, ``import``,
``export``, ``index``. Every command opens its catalog the one way the window does
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
    from .core.io import ImportFormatError, read_file

    report: dict = {"added": 0, "merged": 0, "skipped_duplicates": 0, "errors": []}
    try:
        batch = read_file(args.file, args.format)
    except ImportFormatError as exc:
        report["errors"] = [{"file": exc.file, "line": exc.line, "message": exc.message}]
        print(json.dumps(report, ensure_ascii=False))
        return _fail(str(exc), 1)
    catalog = open_for(args, read_only=args.dry_run)
    try:
        plan = catalog.imports.plan(batch)
        if getattr(args, "add_duplicates", False):
            from .core.io import Decision

            for entry in plan.entries:
                entry.decision = Decision.ADD
        if args.dry_run:
            report.update(plan.counts())
            report["added"] = sum(e.decision.value == "add" for e in plan.entries)
            report["merged"] = sum(e.decision.value == "merge" for e in plan.entries)
            report["skipped_duplicates"] = sum(e.decision.value == "skip" for e in plan.entries)
            report["errors"] = plan.warnings
            report["dry_run"] = True
        else:
            report = catalog.imports.apply(plan, replan_quietly=True).result.as_json()
    finally:
        catalog.close()
    print(json.dumps(report, ensure_ascii=False))
    return 0


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


def index_files(args: argparse.Namespace) -> int:
    """Read the attached PDFs the full-text index lacks or holds an older copy of; prints a JSON
    report (files read, and each one that could not be)."""
    catalog = open_for(args)
    try:
        reports = catalog.attachments.fulltext.index_all()
    finally:
        catalog.close()
    print(json.dumps({
        "indexed": sum(1 for r in reports if r.status == "indexed"),
        "pages": sum(r.pages or 0 for r in reports if r.status == "indexed"),
        "problems": [{"file": r.name, "status": r.status, "message": r.message} for r in reports if r.problem],
    }, ensure_ascii=False))
    return 0


COMMANDS = {"stats": stats, "import": import_file, "export": export_file, "index": index_files}


def run(args: argparse.Namespace) -> int:
    try:
        return COMMANDS[args.command](args)
    except CatalogError as exc:
        return _fail(str(exc), 2)
