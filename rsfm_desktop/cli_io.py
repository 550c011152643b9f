"""The ``import`` and ``export`` commands (no Qt).

The catalog is opened without seeding: importing into an empty folder gives exactly the file's
entries.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .core import db
from .core.fields import Kind
from .core.io import ImportFormatError, apply_plan, build_plan, export_text, read_file, write_atomically
from .core.io import snapshot


def _fail(message: str, code: int) -> int:
    print(f"rsfm-desktop: {message}", file=sys.stderr)
    return code


def import_file(args: argparse.Namespace, data_dir: Path) -> int:
    report = {"added": 0, "merged": 0, "skipped_duplicates": 0, "errors": []}
    try:
        batch = read_file(args.file, args.format)
    except ImportFormatError as exc:
        report["errors"] = [{"file": exc.file, "line": exc.line, "message": exc.message}]
        print(json.dumps(report, ensure_ascii=False))
        return _fail(str(exc), 1)
    engine = db.open_catalog(data_dir)
    plan = build_plan(engine, batch)
    if args.dry_run:
        report.update(plan.counts())
        report["added"] = sum(e.decision.value == "add" for e in plan.entries)
        report["merged"] = sum(e.decision.value == "merge" for e in plan.entries)
        report["skipped_duplicates"] = sum(e.decision.value == "skip" for e in plan.entries)
        report["errors"] = plan.warnings
        report["dry_run"] = True
    else:
        report = apply_plan(engine, plan).as_json()
    print(json.dumps(report, ensure_ascii=False))
    return 0


def export_file(args: argparse.Namespace, data_dir: Path) -> int:
    engine = db.open_catalog(data_dir)
    papers = datasets = None
    if args.tag:
        with engine.connect() as conn:
            papers = snapshot.ids_with_tag(conn, Kind.PAPER, args.tag)
            datasets = snapshot.ids_with_tag(conn, Kind.DATASET, args.tag)
        if not papers and not datasets:
            return _fail(f"no entry has the tag {args.tag!r}", 1)
    text = export_text(engine, args.format, papers, datasets)
    try:
        write_atomically(args.output, text)
    except OSError as exc:
        return _fail(f"cannot write {args.output}: {exc.strerror}", 2)
    print(json.dumps({"output": str(args.output), "format": args.format,
                      "papers": len(papers) if papers is not None else None}))
    return 0


def run(args: argparse.Namespace, data_dir: Path) -> int:
    try:
        if args.command == "import":
            return import_file(args, data_dir)
        return export_file(args, data_dir)
    except db.CatalogError as exc:
        return _fail(str(exc), 2)
