"""Command line: launch the window, or run a command without one.

    rsfm-desktop [--data-dir DIR | --catalog DIR_OR_URL] [--startup-report]
    rsfm-desktop stats [--data-dir DIR | --catalog URL] [--by year,family] [--kind papers|datasets]
                       [--search TEXT] [--tag TAG] [--year YEAR] [--format json|csv] [--chart FILE.svg]
    rsfm-desktop import FILE [--data-dir DIR | --catalog URL] [--format auto|bibtex|...] [--dry-run] [--add-duplicates] [--encoding NAME]
    rsfm-desktop export --format F --output FILE [--data-dir DIR | --catalog URL] [--tag TAG] [--rescue]
    rsfm-desktop sync [--data-dir DIR] [--server URL] [--author NAME]   (exit 3: conflicts waiting)
    rsfm-desktop conflicts [--data-dir DIR]
    rsfm-desktop index [--data-dir DIR | --catalog URL]     (full-text index of attached PDFs)
    rsfm-desktop --version

``--catalog`` takes a catalog folder or a lab server, ``postgresql://USER@HOST[:PORT]/DB`` (the
password comes from PGPASSWORD, ~/.pgpass or the system keyring).
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from . import __version__


def build_parser() -> argparse.ArgumentParser:
    data_dir_help = "catalog folder (default: the user data folder)"
    catalog_help = "catalog folder, or a lab catalog server: postgresql://USER@HOST[:PORT]/DB"
    # --data-dir/--catalog are accepted before or after a command; after it, they must not reset
    # the value given before it, hence SUPPRESS as the commands' default.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help=data_dir_help)
    common.add_argument("--catalog", default=argparse.SUPPRESS, help=catalog_help)
    parser = argparse.ArgumentParser(
        prog="rsfm-desktop",
        description="Catalog of remote-sensing foundation-model papers and datasets.",
    )
    parser.add_argument("--data-dir", type=Path, default=None, help=data_dir_help)
    parser.add_argument("--catalog", default=None, help=catalog_help)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--startup-report",
        action="store_true",
        help="open the window, print a JSON line once the paper table has painted, then exit",
    )
    sub = parser.add_subparsers(dest="command")
    st = sub.add_parser("stats", parents=[common], help="print catalog counts as JSON, or a chart's counts (--by)")
    st.add_argument("--by", help="year | year,FACET | FACET,FACET (heat map) | venue | dataset (paper × dataset"
                                 " matrix) | todo")
    st.add_argument("--kind", choices=["papers", "datasets"], default="papers", help="what to count (--by)")
    st.add_argument("--search", default="", help="only entries matching this search (as the search box)")
    st.add_argument("--tag", action="append", default=[], help="only entries with this tag (repeatable)")
    st.add_argument("--year", type=int, help="only entries of this year")
    st.add_argument("--format", choices=["json", "csv"], default="json")
    st.add_argument("--chart", type=Path, help="also write the chart as SVG to this file")
    formats = ["bibtex", "ris", "csljson", "csv", "json", "markdown"]
    imp = sub.add_parser("import", parents=[common], help="import a file; prints a JSON report")
    imp.add_argument("file", type=Path)
    imp.add_argument("--format", choices=["auto", *formats], default="auto")
    imp.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing anywhere")
    imp.add_argument("--add-duplicates", action="store_true",
                     help="add suspected duplicates as new entries instead of merging or skipping them")
    imp.add_argument("--encoding", help="read the file in this encoding (e.g. gb18030, cp1252) instead of detecting it")
    syn = sub.add_parser("sync", parents=[common],
                         help="sync the catalog with the lab server; prints a JSON report, exits 3 on conflicts")
    syn.add_argument("--server", help="the lab catalog, postgresql://USER@HOST[:PORT]/DB"
                                      " (default: the one this catalog synced with last)")
    syn.add_argument("--author", help="your name, shown to the lab as who added or changed an entry")
    sub.add_parser("conflicts", parents=[common], help="list the sync conflicts waiting, as JSON")
    exp = sub.add_parser("export", parents=[common], help="export the catalog (or one tag) to a file")
    exp.add_argument("--format", choices=formats, required=True)
    exp.add_argument("--output", type=Path, required=True)
    exp.add_argument("--tag", help="only entries with this tag (English or Chinese label)")
    sub.add_parser("index", parents=[common], help="read the attached PDFs into the full-text index; prints a JSON report")
    exp.add_argument("--rescue", action="store_true",
                     help="a damaged catalog: write every entry that reads back whole (--format json) and "
                          "report the rest; what could be read of those goes to OUTPUT.unreadable.json")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command:
        from . import cli

        return cli.run(args)
    # Start-up speed: the imports below create a great many long-lived objects; collecting
    # garbage while they load is wasted time (about 0.1 s). Freeze them out of later collections.
    gc.disable()
    from .app import run_gui

    gc.freeze()
    gc.enable()
    return run_gui(args.catalog or args.data_dir, startup_report=args.startup_report)


if __name__ == "__main__":
    sys.exit(main())
