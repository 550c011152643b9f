"""Command line: launch the window, or run a command without one.

    rsfm-desktop [--data-dir DIR] [--startup-report]
    rsfm-desktop stats [--data-dir DIR]
    rsfm-desktop --version
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, help="catalog folder (default: the user data folder)")
    parser = argparse.ArgumentParser(
        prog="rsfm-desktop",
        parents=[common],
        description="Catalog of remote-sensing foundation-model papers and datasets.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--startup-report",
        action="store_true",
        help="open the window, print a JSON line once the paper table has painted, then exit",
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("stats", parents=[common], help="print catalog counts as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command:
        from . import cli

        return cli.run(args)
    from .app import run_gui

    return run_gui(args.data_dir, startup_report=args.startup_report)


if __name__ == "__main__":
    sys.exit(main())
