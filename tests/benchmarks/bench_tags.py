"""Tag filtering benchmark: a 100,000-paper catalog tagged in every facet.

    python tests/benchmarks/bench_tags.py [N] [REPEATS]

Prints one JSON object: for each filter (single tag; OR of two tags in one facet; AND across two
facets; a parent tag with its descendants) the number of ids returned by ``list_ids`` sorted by
title and its p50/p95 in ms; plus the whole tree with counts. Target: each filter <= 50 ms.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from rsfm_desktop.core import db  # noqa: E402
from rsfm_desktop.core.fields import Kind  # noqa: E402
from rsfm_desktop.core.repository import CatalogRepository, Query  # noqa: E402
from rsfm_desktop.core.taxonomy import Taxonomy, ensure_default_taxonomy  # noqa: E402

WORDS = ("remote sensing vision language foundation model benchmark segmentation detection "
         "multimodal large satellite imagery geospatial change captioning retrieval").split()


SEVERAL = {"task": (1, 1, 2, 3), "modality": (1, 1, 2)}  # tags per paper; other facets: one


def build(engine, n: int, seed: int = 3) -> None:
    """Bulk-insert ``n`` papers and tag each one in every facet: one family, paradigm (any
    level of its tree) and reading status, one or two modalities, one to three tasks."""
    rng = random.Random(seed)
    with engine.begin() as conn:
        ensure_default_taxonomy(conn)
        now = "2025-01-01 00:00:00.000000"
        conn.exec_driver_sql(
            "INSERT INTO paper(title, authors, year, created_at, updated_at, version)"
            " VALUES (?, '[]', ?, ?, ?, 1)",
            [(" ".join(rng.choice(WORDS) for _ in range(6)).capitalize() + f" {i}",
              2015 + i % 11, now, now) for i in range(n)],
        )
        facets: dict[str, list[int]] = {}
        for key, tag_id in conn.exec_driver_sql(
            "SELECT f.key, t.id FROM tag t JOIN facet f ON f.id = t.facet_id"
        ):
            facets.setdefault(key, []).append(tag_id)
        pairs = set()
        for paper_id in range(1, n + 1):
            for key, tags in facets.items():
                for tag_id in rng.sample(tags, rng.choice(SEVERAL.get(key, (1,)))):
                    pairs.add((paper_id, tag_id))
        conn.exec_driver_sql("INSERT INTO paper_tag(paper_id, tag_id) VALUES (?, ?)", sorted(pairs))
        conn.exec_driver_sql("ANALYZE")


def timed(fn, repeats: int) -> tuple[list[float], object]:
    out, result = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out, result


def stats(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {"p50_ms": round(statistics.median(ms), 1), "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1)}


def main(n: int = 100_000, repeats: int = 30) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        engine = db.open_catalog(Path(tmp))
        t0 = time.perf_counter()
        build(engine, n)
        build_s = time.perf_counter() - t0
        repo, tax = CatalogRepository(engine), Taxonomy(engine)
        facet = {f.key: f.id for f in tax.tree(counts=False)}
        one = lambda text, key: tax.resolve(text, key)[0]  # noqa: E731
        filters = {
            "single_tag": {facet["task"]: {one("VQA", "task")}},
            "or_two_in_facet": {facet["task"]: {one("VQA", "task"), one("Counting", "task")}},
            "and_across_facets": {facet["task"]: {one("VQA", "task")},
                                  facet["family"]: {one("MLLM", "family")}},
            "parent_with_descendants": {facet["paradigm"]: {one("Multimodal", "paradigm")}},
        }
        report: dict = {"papers": n, "build_s": round(build_s, 1)}
        for name, tags in filters.items():
            query = Query(sort_key="title", tags=tags)
            ms, ids = timed(lambda: repo.list_ids(Kind.PAPER, query), repeats)
            report[name] = {"ids": len(ids), **stats(ms)}
        ms, _ = timed(lambda: tax.tree(), max(3, repeats // 5))
        report["tree_with_counts"] = stats(ms)
        engine.dispose()
    return report


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    print(json.dumps(main(*args)))
