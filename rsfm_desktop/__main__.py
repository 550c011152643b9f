"""Command line: launch the window, or run a command without one.

    rsfm-desktop [--data-dir DIR] [--startup-report]
    rsfm-desktop stats [--data-dir DIR]
    rsfm-desktop import FILE [--data-dir DIR] [--format auto|bibtex|ris|csljson|csv|json|markdown] [--dry-run]
    rsfm-desktop export --format F --output FILE [--data-dir DIR] [--tag TAG]
    rsfm-desktop --version
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from . import __version__


def build_parser() -> argparse.ArgumentParser:
    data_dir_help = "catalog folder (default: the user data folder)"
    # --data-dir is accepted before or after a command; after it, it must not reset the value
    # given before it, hence SUPPRESS as the commands' default.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help=data_dir_help)
    parser = argparse.ArgumentParser(
        prog="rsfm-desktop",
        description="Catalog of remote-sensing foundation-model papers and datasets.",
    )
    parser.add_argument("--data-dir", type=Path, default=None, help=data_dir_help)
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
    imp.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing")
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
    return run_gui(args.data_dir, startup_report=args.startup_report)


if __name__ == "__main__":
    sys.exit(main())
