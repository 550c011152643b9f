"""Import benchmark: a generated 10,000-entry BibTeX file into an empty catalog.

    python tests/benchmarks/bench_import.py [N] [--postgres | --catalog postgresql://…]

Prints one JSON line: entries, seconds for parse / plan / apply / total, and peak RSS in MB.
Target: total <= 5 s for 10,000 entries. ``--postgres`` imports into a lab catalog on a
throw-away PostgreSQL server instead of a folder.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from rsfm_desktop.core.catalog import open_catalog  # noqa: E402
from rsfm_desktop.core.io import parse_text  # noqa: E402

WORDS = ("remote sensing vision language foundation model benchmark segmentation detection "
         "multimodal large satellite imagery geospatial change captioning retrieval contrastive "
         "pretraining agent grounding hyperspectral SAR optical temporal").split()


def generate(n: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out = ['@string{tgrs = "IEEE Transactions on Geoscience and Remote Sensing"}\n']
    for i in range(n):
        title = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + f" {i}"
        year = 2015 + i % 11
        if i % 3 == 0:
            out.append(
                f"@misc{{key{i},\n  title = {{{title}}},\n  author = {{M{{\\\"u}}ller, Anna and Zhang, Wei}},\n"
                f"  year = {{{year}}},\n  eprint = {{{2000 + i % 500:04d}.{i:05d}}},\n  archivePrefix = {{arXiv}},\n}}\n"
            )
        else:
            out.append(
                f"@article{{key{i},\n  title = {{{title}}},\n  author = {{Li, Na and others}},\n"
                f"  journal = tgrs,\n  year = {year},\n  doi = {{10.1109/TGRS.{year}.{i}}},\n"
                f"  url = {{https://github.com/lab/repo{i}}},\n  keywords = {{family:VLM, task:VQA}},\n}}\n"
            )
    return "".join(out)


def main(n: int = 10_000, target: str | None = None) -> dict:
    text = generate(n)
    with tempfile.TemporaryDirectory() as tmp:
        catalog = open_catalog(target or Path(tmp))
        t0 = time.perf_counter()
        batch = parse_text(text, "bench.bib", "bibtex")
        t1 = time.perf_counter()
        plan = catalog.imports.plan(batch)
        t2 = time.perf_counter()
        report = catalog.imports.apply(plan).result
        t3 = time.perf_counter()
        catalog.close()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    result = {
        "catalog": "postgresql" if target else "sqlite", "entries": n, "added": report.added,
        "parse_s": round(t1 - t0, 2), "plan_s": round(t2 - t1, 2), "apply_s": round(t3 - t2, 2),
        "total_s": round(t3 - t0, 2), "peak_rss_mb": round(peak_kb / 1024, 1),
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--catalog", help="postgresql://USER@HOST[:PORT]/DB (an empty database)")
    parser.add_argument("--postgres", action="store_true", help="a throw-away PostgreSQL server")
    args = parser.parse_args()
    if args.postgres:
        from tests.support.pg_server import PostgresServer

        with PostgresServer(shared_buffers="1GB") as server:
            main(args.n, server.create_database("bench_import"))
    else:
        main(args.n, args.catalog)
