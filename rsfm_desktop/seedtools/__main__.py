"""``python -m rsfm_desktop.seedtools [--seeds DIR] [--output FILE]``: rebuild the bundled catalog."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import write_catalog

REPO = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rsfm_desktop.seedtools",
                                     description="Build the bundled catalog from the seed documents.")
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds",
                        help="folder with the 000_..003_ seed files (default: ../shared/seeds)")
    parser.add_argument("--output", type=Path, default=REPO / "data" / "catalog.json",
                        help="catalog file to write (default: data/catalog.json)")
    args = parser.parse_args(argv)
    try:
        catalog = write_catalog(args.seeds, args.output)
    except (OSError, ValueError) as exc:  # includes SeedError: a seed changed under a fix
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyError as exc:
        print(f"error: a seed lacks the expected column or section {exc}", file=sys.stderr)
        return 1
    print(f"{args.output}: {len(catalog['papers'])} papers, {len(catalog['datasets'])} datasets, "
          f"{len(catalog['links'])} links")
    return 0


if __name__ == "__main__":
    sys.exit(main())
