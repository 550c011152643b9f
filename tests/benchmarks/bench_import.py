"""Import benchmark: a generated 10,000-entry BibTeX file into an empty catalog.

    python tests/benchmarks/bench_import.py [N]

Prints one JSON line: entries, seconds for parse / plan / apply / total, and peak RSS in MB.
Target: total <= 5 s for 10,000 entries.
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

from rsfm_desktop.core import db  # noqa: E402
from rsfm_desktop.core.io import apply_plan, build_plan, parse_text  # noqa: E402

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


def main(n: int = 10_000) -> dict:
    text = generate(n)
    with tempfile.TemporaryDirectory() as tmp:
        engine = db.open_catalog(Path(tmp))
        t0 = time.perf_counter()
        batch = parse_text(text, "bench.bib", "bibtex")
        t1 = time.perf_counter()
        plan = build_plan(engine, batch)
        t2 = time.perf_counter()
        report = apply_plan(engine, plan)
        t3 = time.perf_counter()
        engine.dispose()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    result = {
        "entries": n, "added": report.added,
        "parse_s": round(t1 - t0, 2), "plan_s": round(t2 - t1, 2), "apply_s": round(t3 - t2, 2),
        "total_s": round(t3 - t0, 2), "peak_rss_mb": round(peak_kb / 1024, 1),
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
