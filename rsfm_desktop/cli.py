"""Commands that run without a window (no Qt is imported here)."""

from __future__ import annotations

import argparse
import json
import sys

from .core.db import CatalogError
from .core.services import open_catalog
from .paths import default_data_dir


def run(args: argparse.Namespace) -> int:
    data_dir = args.data_dir or default_data_dir()
    if args.command in ("import", "export"):
        from . import cli_io

        return cli_io.run(args, data_dir)
    try:
        service = open_catalog(data_dir)
    except CatalogError as exc:
        print(f"rsfm-desktop: {exc}", file=sys.stderr)
        return 2
    if args.command == "stats":
        print(json.dumps(service.repo.stats()))
        return 0
    raise AssertionError(f"unknown command {args.command}")
