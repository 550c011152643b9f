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
    target = target_of(args)
    if not read_only:
        _say_upgrade(target)
    return open_catalog(target, busy_timeout_ms=CLI_BUSY_TIMEOUT_MS, read_only=read_only,
                        author=getattr(args, "author", None))


def _say_upgrade(target: Path | str) -> None:
    """Tell the user before an older catalog is upgraded (it can take minutes on a big one)."""
    from .core import migrations
    from .core.catalog import pending_upgrade

    revision = pending_upgrade(target)
    if revision is not None:
        print(f"rsfm-desktop: upgrading the catalog from schema {revision} to {migrations.HEAD} "
              "(a backup copy is written first; a large catalog can take a few minutes)…",
              file=sys.stderr, flush=True)


def stats(args: argparse.Namespace) -> int:
    """Without ``--by``: the entry counts. With it: the counts of one chart of the statistics
    view, the same numbers the window draws, as JSON or CSV (and the chart as SVG)."""
    catalog = open_for(args)
    try:
        if not getattr(args, "by", None):
            print(json.dumps(catalog.entries.stats()))
            return 0
        return _chart_stats(catalog, args)
    finally:
        catalog.close()


def _chart_stats(catalog: Catalog, args: argparse.Namespace) -> int:
    from .core import stats as core_stats
    from .core.entries import Query
    from .core.io.markdown_export import table_text
    from .core.stats import chart, svg, tables, todo

    kind = Kind.PAPER if args.kind == "papers" else Kind.DATASET
    facet_of = {t.id: f.id for f in catalog.taxonomy.tree(counts=False) for t in f.walk()}
    tags: dict[int, set[int]] = {}
    for label in args.tag:  # as in the sidebar: any of a facet's tags, every facet
        found = catalog.taxonomy.resolve(label)
        if not found:
            return _fail(f"no tag {label!r}", 1)
        for tag_id in found:
            tags.setdefault(facet_of[tag_id], set()).add(tag_id)
    query = Query(args.search, tags=tags, year=args.year)
    by = [part.strip() for part in args.by.split(",") if part.strip()]
    try:
        if by == ["todo"]:
            items = catalog.stats.todo({k: query for k in Kind}, check_duplicates=True)
            rows = todo.as_json(items)
            if args.format == "csv":
                print(table_text(["key", "kind", "count", "label"], [list(r.values()) for r in rows], "csv"), end="")
            else:
                print(json.dumps(rows, ensure_ascii=False))
            return 0
        if by == ["year"] or (len(by) == 2 and by[0] == "year"):
            counts = catalog.stats.per_year(kind, query, by[1] if len(by) == 2 else None)
        elif by == ["venue"]:
            counts = catalog.stats.venues(query)
        elif by in (["dataset"], ["paper", "dataset"]):
            counts = catalog.stats.matrix(query, limit=None, col_limit=None)
        elif len(by) == 2:
            counts = catalog.stats.heatmap(kind, query, by[0], by[1])
        else:
            return _fail(f"--by {args.by!r}: give year, year,FACET, FACET,FACET, venue, dataset or todo", 2)
    except core_stats.UnknownFacet as exc:
        return _fail(f"no facet {exc.args[0]!r}", 1)
    if args.format == "csv":
        header = f"{by[0]} \\ {by[1]}" if counts.chart == core_stats.HEATMAP else None
        print(tables.counts_table(counts, "csv", row_header=header), end="")
    else:
        print(json.dumps(counts.as_json(), ensure_ascii=False))
    if args.chart:
        height = chart.natural_height(counts, 720, 420)
        from .core.io import write_atomically

        write_atomically(args.chart, svg.to_svg(chart.draw(counts, 720, height), 180))
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
    from .core.io import ExportWriteError, write_atomically
    from .core.store import sql

    if getattr(args, "rescue", False):
        return rescue_export(args)
    catalog = open_for(args)
    try:
        papers = datasets = None
        if args.tag:
            papers = catalog.imports.ids_with_tag(Kind.PAPER, args.tag)
            datasets = catalog.imports.ids_with_tag(Kind.DATASET, args.tag)
            if not papers and not datasets:
                return _fail(f"no entry has the tag {args.tag!r}", 1)
        with sql.noticing_damage() as damaged:
            text = catalog.imports.export_text(args.format, papers, datasets)
    finally:
        catalog.close()
    try:
        write_atomically(args.output, text)
    except ExportWriteError as exc:
        return _fail(str(exc), 2)
    if damaged:
        print(f"rsfm-desktop: warning: the catalog is damaged ({len(damaged)} unreadable texts, written with "
              "replacement characters); `export --format json --rescue` separates the damaged entries",
              file=sys.stderr)
    print(json.dumps({"output": str(args.output), "format": args.format,
                      "papers": len(papers) if papers is not None else None}))
    return 0


SERVER_KEY = "sync:server"  # meta: the lab server this catalog syncs with


def sync_command(args: argparse.Namespace) -> int:
    from .core.store.postgres import is_server_url, strip_password
    from .core.sync import sync

    catalog = open_for(args)
    try:
        url = args.server or catalog.meta(SERVER_KEY)
        if not url:
            return _fail("which lab server? Give --server postgresql://USER@HOST[:PORT]/DB", 2)
        if not is_server_url(url):
            return _fail(f"{url} is not a postgresql:// address", 2)
        # The lab's catalog holds what its members sync to it: it is never seeded from here.
        server = open_catalog(url, busy_timeout_ms=CLI_BUSY_TIMEOUT_MS, author=args.author or catalog.author,
                              seed=False)
        try:
            report = sync(catalog, server)
        finally:
            server.close()
        catalog.set_meta(SERVER_KEY, strip_password(url))
    finally:
        catalog.close()
    print(json.dumps(report.as_json(), ensure_ascii=False))
    return 3 if report.conflicts else 0


def conflicts_command(args: argparse.Namespace) -> int:
    from .core.sync import conflicts

    catalog = open_for(args)
    try:
        waiting = conflicts(catalog)
    finally:
        catalog.close()
    print(json.dumps({"conflicts": [c.as_json() for c in waiting]}, ensure_ascii=False))
    return 3 if waiting else 0


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


def rescue_export(args: argparse.Namespace) -> int:
    """Every entry of a damaged catalog that reads back whole, as app JSON; the rest reported
    (and, as far as readable, written beside it). Opens the catalog without checking or
    upgrading it: the point is to read what a damaged file still holds."""
    from .core.io import ExportWriteError, rescue_export as rescue, write_atomically

    if args.format != "json":
        return _fail("--rescue writes the app's lossless JSON: use --format json", 1)
    try:
        catalog = open_damaged(args)
        try:
            found = rescue(catalog.store)
        finally:
            catalog.close()
    except Exception as exc:  # noqa: BLE001 (a rescue never ends in a traceback)
        return _fail(f"nothing could be rescued: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}", 2)
    report = {"output": str(args.output), "format": "json", "rescue": True,
              "papers": found.readable[Kind.PAPER], "datasets": found.readable[Kind.DATASET],
              "unreadable": [u.as_json() for u in found.unreadable], "problems": found.problems}
    try:
        write_atomically(args.output, found.text)
        salvaged = found.salvaged_text()
        if salvaged is not None:
            aside = Path(f"{args.output}.unreadable.json")
            write_atomically(aside, salvaged)
            report["unreadable_output"] = str(aside)
    except ExportWriteError as exc:
        return _fail(str(exc), 2)
    print(json.dumps(report, ensure_ascii=False))
    if found.unreadable or found.problems:
        print(f"rsfm-desktop: rescued {found.readable[Kind.PAPER]} papers and {found.readable[Kind.DATASET]} "
              f"datasets; {len(found.unreadable)} entries could not be read whole (listed above"
              + (f", what was readable of them is in {report['unreadable_output']}" if "unreadable_output" in report
                 else "") + ")", file=sys.stderr)
    return 0


def open_damaged(args: argparse.Namespace) -> Catalog:
    """The catalog as it is: a folder's file opened read-only, unchecked; a server as usual."""
    from .core.store.postgres import is_server_url
    from .core.store.sqlite import open_as_is
    from .core.store.store import Store

    target = target_of(args)
    if is_server_url(str(target)):
        return open_for(args)
    return Catalog(Store(open_as_is(Path(target))), data_dir=Path(target))


COMMANDS = {"stats": stats, "import": import_file, "export": export_file, "index": index_files,
            "sync": sync_command, "conflicts": conflicts_command}


def run(args: argparse.Namespace) -> int:
    try:
        return COMMANDS[args.command](args)
    except CatalogError as exc:
        return _fail(str(exc), 2)
