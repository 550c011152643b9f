"""Full-text benchmark: reading, indexing, searching and showing attached PDFs.

    python tests/benchmarks/bench_fulltext.py [--pages 500] [--files 1000] [--index-pages 200]
        [--postgres] [--runs 7] [--json FILE] [--only NAME ...]

Prints one figure per line and writes them as JSON. It reports; it does not judge. Figures
(the limits of issue 15 in brackets):

* ``index_500_pages_*``: extracting and indexing one 500-page text PDF through the indexer
  [≤ 5 s]: ``typeset`` written a line per string as typesetters do (about 4,500 characters a
  page), ``qt_writer`` made with Qt's PDF writer (English and Chinese, a glyph at a time);
* ``background_1000``: 1,000 small PDFs (3 pages each) attached to 1,000 papers, indexed by
  the window's background runner while a 10 ms heartbeat timer runs on the GUI thread: the
  longest gap between two heartbeats is the longest stall [≤ 100 ms];
* ``search_*``: a search with the "fields and PDF text" scope over 1,000 attachments of
  ``--index-pages`` pages each (200,000 pages of generated text: a Zipf-distributed vocabulary
  of 30,000 words plus the domain's words, and Chinese) written through the indexer's own write
  path, as the table asks it (``entries.list_ids``), median and 95th percentile of ``--runs``
  [≤ 100 ms], and the detail pane's page hits with snippets of one paper; with ``--postgres``
  on a throw-away PostgreSQL server too (``--keep`` keeps the SQLite catalog: a second run
  reuses its 200,000 pages);
* ``reader_first_page``: opening the 500-page PDF in the reader window until its first page is
  on screen (the view's pixels are read until the page's text is drawn) [≤ 300 ms].
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DOMAIN = ("remote sensing vision language foundation model benchmark segmentation detection multimodal "
          "satellite imagery geospatial change captioning retrieval contrastive pretraining agent grounding "
          "hyperspectral optical temporal instruction tuning zero-shot open-vocabulary earth observation "
          "scene classification visual question answering dataset diffusion").split()
ZH = ("遥感图像基础模型视觉语言多模态大模型语义分割目标检测变化检测图像描述视觉定位跨模态检索对比学习"
      "掩码图像建模预训练指令微调零样本开放词汇地球观测场景分类视觉问答数据集扩散生成高光谱合成孔径雷达")
QUERIES = [("search_en_common", "remote sensing"), ("search_en_word", "segmentation"),
           ("search_en_rare", "qzxwv"), ("search_en_phrase", "zero-shot classification"),
           ("search_zh_2", "遥感"), ("search_zh_2_rare", "鲲鹏"), ("search_zh_2_radar", "雷达"), ("search_zh_1", "谱"),
           ("search_mixed", "GeoChat 模型")]


def _app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


class Text:
    """Generated page text: English sentences from a Zipf vocabulary, Chinese phrases."""

    def __init__(self, seed: int = 7, vocabulary: int = 30_000):
        self.rng = random.Random(seed)
        letters = "abcdefghijklmnopqrstuvwxyz"
        words = {"".join(self.rng.choice(letters) for _ in range(self.rng.randint(3, 11))) for _ in range(vocabulary)}
        self.words = DOMAIN + sorted(words - {"qzxwv"})
        # cumulative weights once (random.choices adds up 30,000 weights on every call otherwise:
        # the generator made 13 pages a second, the slowest part of the benchmark)
        self.cum_weights = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(self.words))))

    def line(self, n_words: int = 12) -> str:
        words = self.rng.choices(self.words, cum_weights=self.cum_weights, k=n_words)
        if self.rng.random() < 0.3:
            start = self.rng.randrange(len(ZH) - 8)
            words.insert(self.rng.randrange(len(words)), ZH[start:start + self.rng.randint(4, 8)])
        return " ".join(words)

    def zh_line(self, chars: int = 40) -> str:
        """A line of a Chinese paragraph: phrases of the domain between commas."""
        out, size = [], 0
        while size < chars:
            start = self.rng.randrange(len(ZH) - 2)
            out.append(ZH[start:start + self.rng.randint(2, 8)])
            size += len(out[-1]) + 1
        return "，".join(out) + "。"

    def page(self, chars: int = 3000) -> str:
        """Paragraphs of four to six lines, one in four of them Chinese."""
        lines, size = [], 0
        while size < chars:
            chinese = self.rng.random() < 0.25
            for _ in range(self.rng.randint(4, 6)):
                lines.append(self.zh_line() if chinese else self.line())
                size += len(lines[-1]) + 1
        return "\n".join(lines)


def _times(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def _timed(fn, runs: int) -> float:
    return statistics.median(_times(fn, runs))


def _p50_p95(fn, runs: int) -> tuple[float, float]:
    times = _times(fn, runs)
    return round(statistics.median(times), 1), round(times[min(len(times) - 1, int(len(times) * 0.95))], 1)


# ---- one 500-page PDF ---------------------------------------------------------------------------

def make_long_pdf(path: Path, pages: int) -> Path:
    from PySide6.QtGui import QPainter

    from tests.support.pdfs import _font, _writer

    _app()
    text = Text(seed=11)
    writer = _writer(path)
    painter = QPainter(writer)
    painter.setFont(_font(9))
    for number in range(pages):
        if number:
            writer.newPage()
        for row in range(48):
            painter.drawText(40, 50 + row * 15, text.line(11))
    painter.end()
    return path


def make_typeset_pdf(path: Path, pages: int) -> Path:
    """The same amount of text written as a typesetter writes it (a string per line, as LaTeX or
    a word processor does; Qt's writer places every glyph on its own, which PDFium reads about
    three times slower). Latin-1 only: Helvetica."""
    from tests.support.pdfs import simple_pdf

    text = Text(seed=11)
    lines = [[(40, 800 - row * 15, "".join(c for c in text.line(11) if ord(c) < 256)) for row in range(50)]
             for _ in range(pages)]
    return simple_pdf(path, lines)


def _index_one(work: Path, name: str, pdf: Path) -> dict:
    from rsfm_desktop.core.catalog import open_catalog
    from rsfm_desktop.core.fields import Kind
    from rsfm_desktop.core.fulltext.extract import extract

    start, cpu = time.perf_counter(), time.process_time()
    extracted = extract(pdf)
    extract_s, extract_cpu_s = time.perf_counter() - start, time.process_time() - cpu
    catalog = open_catalog(work / f"one-{name}", catalog_file=ROOT / "tests" / "fixtures" / "mini_catalog.json")
    paper = catalog.entries.list_ids(Kind.PAPER)[0]
    [attachment] = catalog.attachments.attach(Kind.PAPER, paper, [pdf]).result
    start, cpu = time.perf_counter(), time.process_time()
    report = catalog.attachments.fulltext.index(attachment)
    total_s, total_cpu_s = time.perf_counter() - start, time.process_time() - cpu
    catalog.close()
    chars = sum(len(p) for p in extracted.pages)
    # CPU seconds too: on a shared machine the wall time is mostly waiting for a core
    return {f"index_500_pages_{name}_s": round(total_s, 2), f"extract_500_pages_{name}_s": round(extract_s, 2),
            f"index_500_pages_{name}_cpu_s": round(total_cpu_s, 2),
            f"extract_500_pages_{name}_cpu_s": round(extract_cpu_s, 2),
            f"pages_{name}": report.pages, f"chars_per_page_{name}": chars // max(1, len(extracted.pages))}


def bench_index_500(work: Path, pages: int) -> dict:
    typeset = make_typeset_pdf(work / "typeset.pdf", pages)
    qt = make_long_pdf(work / "long.pdf", pages)
    return {**_index_one(work, "typeset", typeset), **_index_one(work, "qt_writer", qt), "pdf": str(qt)}


# ---- 1,000 PDFs in the background, GUI heartbeat ---------------------------------------------------

def bench_background(work: Path, files: int) -> dict:
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer

    from rsfm_desktop.app import create_main_window
    from rsfm_desktop.core.fields import Kind
    from tests.support.pdfs import text_pdf

    app = _app()
    text = Text(seed=3)
    folder = work / "many"
    folder.mkdir(exist_ok=True)
    paths = [text_pdf(folder / f"paper-{n:04}.pdf", [[text.line(9) for _ in range(30)] for _ in range(3)], size=9)
             for n in range(files)]
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = create_main_window(work / "bg", settings, ROOT / "tests" / "fixtures" / "mini_catalog.json")
    window.show()
    app.processEvents()
    catalog = window.catalog
    ids = catalog.store.write(lambda tx: tx.insert_entries(
        Kind.PAPER, [{"title": f"Paper {n}"} for n in range(files)]))[0]
    runner = window.pdf_controller.runner
    runner.pause(True)  # attach everything first, then measure the indexing alone
    for paper, path in zip(ids, paths):
        catalog.attachments.attach(Kind.PAPER, paper, [path])
    app.processEvents()
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def beat() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    heartbeat = QTimer(interval=10)
    heartbeat.timeout.connect(beat)
    heartbeat.start()
    start = time.perf_counter()
    runner.pause(False)
    runner.start()
    while runner.running or catalog.attachments.fulltext.pending():
        app.processEvents()
        time.sleep(0.002)
        if time.perf_counter() - start > 1800:
            break
    elapsed = time.perf_counter() - start
    heartbeat.stop()
    done = len(runner.reports)
    window.close()
    gaps.sort()
    return {"background_files": done, "background_s": round(elapsed, 1),
            "background_files_per_s": round(done / elapsed, 1),
            "gui_heartbeat_max_gap_ms": round(gaps[-1], 1),
            "gui_heartbeat_p99_gap_ms": round(gaps[int(len(gaps) * 0.99)], 1),
            "gui_heartbeats": len(gaps)}


# ---- search over 200,000 pages -------------------------------------------------------------------

def fill_index(catalog, files: int, pages: int) -> dict:
    """``files`` attachments of ``pages`` generated pages each, written as the indexer writes
    them (:meth:`Indexer.write_file`: one transaction per file); a catalog kept from an earlier
    run (``--keep``) that holds them already is reused."""
    from rsfm_desktop.core.fields import Kind
    from rsfm_desktop.core.search.pages import IndexState
    from rsfm_desktop.core.store import sql

    with catalog.store.read() as conn:
        held = sql.scalar(conn, "SELECT count(*) FROM page_search_text")
    if held >= files * pages:
        return {"fill_s": "reused", "pages": held}
    text = Text(seed=5)
    ids = catalog.store.write(lambda tx: tx.insert_entries(Kind.PAPER, [{"title": f"Paper {n}"} for n in range(files)]))[0]

    def attach(tx):
        return [tx.insert_row("attachment", {"paper_id": p, "path": f"/papers/{p}.pdf", "kind": "pdf",
                                             "added_at": tx.now}, owner=(Kind.PAPER, p)) for p in ids]

    attachments = catalog.store.write(attach)[0]
    indexer = catalog.attachments.fulltext
    # A handful of pages carry the rare word, GeoChat and a "zero-shot classification" phrase.
    start, generate_s = time.perf_counter(), 0.0
    for n, attachment in enumerate(attachments):
        begin = time.perf_counter()
        texts = [text.page() for _ in range(pages)]
        generate_s += time.perf_counter() - begin
        if n % 100 == 0:
            texts[3] += "\nqzxwv GeoChat 模型 zero-shot classification 鲲鹏"
        state = IndexState("indexed", None, sum(map(len, texts)), 0.0, f"{n:064}", pages, None)
        indexer.write_file(attachment, texts, state)
        if n % 50 == 49:
            print(f"  filled {n + 1} files, {time.perf_counter() - start:.0f} s", flush=True)
    total = time.perf_counter() - start
    return {"fill_s": round(total, 1), "generate_s": round(generate_s, 1), "pages": files * pages,
            "write_pages_per_s": round(files * pages / (total - generate_s))}


def bench_search(catalog, label: str, runs: int, files: int, pages: int) -> dict:
    from rsfm_desktop.core.entries import Query
    from rsfm_desktop.core.fields import Kind

    out = {f"{label}_fill": fill_index(catalog, files, pages)}
    if catalog.store.dialect == "postgresql":
        with catalog.store.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
    for name, query in QUERIES:
        found = catalog.entries.list_ids(Kind.PAPER, Query(text=query, fulltext=True))
        out[f"{label}_{name}_ms"] = _p50_p95(
            lambda q=query: catalog.entries.list_ids(Kind.PAPER, Query(text=q, fulltext=True)), runs)
        out[f"{label}_{name}_hits"] = len(found)
    # the detail pane of a paper found: its pages that match, with snippets (20 at most)
    paper = catalog.entries.list_ids(Kind.PAPER, Query(text="qzxwv", fulltext=True))[0]
    for name, query in (("common", "remote sensing"), ("rare", "qzxwv"), ("zh_2", "遥感"), ("phrase", "zero-shot")):
        out[f"{label}_detail_hits_{name}_ms"] = _p50_p95(
            lambda q=query: catalog.attachments.hits(Kind.PAPER, paper, q), runs)
    return out


def bench_search_sqlite(work: Path, runs: int, files: int, pages: int) -> dict:
    from rsfm_desktop.core.catalog import open_catalog
    from rsfm_desktop.core.store.sqlite import catalog_path

    catalog = open_catalog(work / "search", seed=False)
    try:
        out = bench_search(catalog, "sqlite", runs, files, pages)
    finally:
        catalog.close()
    out["sqlite_file_mb"] = round(catalog_path(work / "search").stat().st_size / 2**20)
    return out


def bench_search_postgres(runs: int, files: int, pages: int) -> dict:
    from rsfm_desktop.core.catalog import open_catalog
    from tests.support.pg_server import PostgresServer

    server = PostgresServer(shared_buffers="1GB").start()
    try:
        catalog = open_catalog(server.create_database("fulltext"), seed=False)
        try:
            return bench_search(catalog, "postgres", runs, files, pages)
        finally:
            catalog.close()
    finally:
        server.close()


# ---- the reader ----------------------------------------------------------------------------------

def bench_reader(pdf: Path, runs: int) -> dict:
    from PySide6.QtGui import QColor

    from rsfm_desktop.ui.reader.reader_window import ReaderWindow

    from rsfm_desktop.ui.icons import icon

    app = _app()
    icon("find")  # the icon fonts: loaded with the main window, long before a reader opens
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        reader = ReaderWindow(pdf, "Benchmark")
        reader.show()
        painted = False
        while not painted and time.perf_counter() - start < 10:
            app.processEvents()
            rect = reader.view.page_rect().intersected(reader.view.viewport().rect())
            if rect.isEmpty():
                continue
            image = reader.view.viewport().grab(rect).toImage()
            # the page is painted once some of its pixels are ink (text), not paper
            for y in range(0, image.height(), 4):
                if any(QColor(image.pixel(x, y)).lightness() < 128 for x in range(0, image.width(), 4)):
                    painted = True
                    break
        times.append((time.perf_counter() - start) * 1000)
        reader.close()
        app.processEvents()
    return {"reader_first_page_ms": round(statistics.median(times), 1),
            "reader_first_page_first_open_ms": round(times[0], 1),  # QtPdf's first use in the process
            "reader_first_page_max_ms": round(max(times), 1)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--index-pages", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--only", nargs="*", default=None, choices=["index", "background", "search", "reader"])
    parser.add_argument("--json")
    parser.add_argument("--keep", help="work in this folder and keep it")
    args = parser.parse_args(argv)
    work = Path(args.keep or tempfile.mkdtemp(prefix="rsfm-fulltext-"))
    work.mkdir(parents=True, exist_ok=True)
    only = set(args.only or ["index", "background", "search", "reader"])
    results: dict = {"machine_cpus": os.cpu_count()}

    def report(part: dict) -> None:
        results.update(part)
        for key, value in part.items():
            print(f"{key:34} {value}", flush=True)

    pdf = None
    if "index" in only or "reader" in only:
        part = bench_index_500(work, args.pages)
        pdf = Path(part.pop("pdf"))
        report(part)
    if "reader" in only:
        report(bench_reader(pdf, args.runs))
    if "background" in only:
        report(bench_background(work, args.files))
    if "search" in only:
        report(bench_search_sqlite(work, args.runs, args.files, args.index_pages))
        if args.postgres:
            report(bench_search_postgres(args.runs, args.files, args.index_pages))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
