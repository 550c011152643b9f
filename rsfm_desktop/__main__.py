"""Command line: launch the window, or run a command without one.

    rsfm-desktop [--data-dir DIR | --catalog DIR_OR_URL] [--startup-report]
    rsfm-desktop stats [--data-dir DIR | --catalog URL]
    rsfm-desktop import FILE [--data-dir DIR | --catalog URL] [--format auto|bibtex|...] [--dry-run] [--add-duplicates] [--encoding NAME]
    rsfm-desktop export --format F --output FILE [--data-dir DIR | --catalog URL] [--tag TAG]
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
    sub.add_parser("stats", parents=[common], help="print catalog counts as JSON")
    formats = ["bibtex", "ris", "csljson", "csv", "json", "markdown"]
    imp = sub.add_parser("import", parents=[common], help="import a file; prints a JSON report")
    imp.add_argument("file", type=Path)
    imp.add_argument("--format", choices=["auto", *formats], default="auto")
    imp.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing anywhere")
    imp.add_argument("--add-duplicates", action="store_true",
                     help="add suspected duplicates as new entries instead of merging or skipping them")
    imp.add_argument("--encoding", help="read the file in this encoding (e.g. gb18030, cp1252) instead of detecting it")
    exp = sub.add_parser("export", parents=[common], help="export the catalog (or one tag) to a file")
    exp.add_argument("--format", choices=formats, required=True)
    exp.add_argument("--output", type=Path, required=True)
    exp.add_argument("--tag", help="only entries with this tag (English or Chinese label)")
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
