"""A large file is parsed by a worker process while the records it sent are planned here: the
records, their lines and the warnings are those of parsing here; a broken file is refused with
the same line and message; Cancel stops the worker within a tick; nothing is left running."""

from __future__ import annotations

import multiprocessing
import threading
import time

import pytest

from rsfm_desktop.core.io import ImportFormatError, ReadCancelled, iter_records, parse_worker

from .test_io_streaming import MAKERS, _bib

PROCESS = "rsfm-import-reader"


def _readers() -> list:
    return [p for p in multiprocessing.active_children() if p.name == PROCESS]


def _read(path, worker: bool, monkeypatch, **options):
    monkeypatch.setattr(parse_worker, "MIN_BYTES", 0 if worker else 1 << 60)
    stream = iter_records(path, **options)
    records = list(stream)
    return [(r.kind, r.values, r.line, r.tags, r.note, r.ref, r.tag_refs, r.provenance, r.attachments, r.meta)
            for r in records], stream.warnings, (stream.ctx.facets, stream.ctx.taxonomy, stream.ctx.links)


@pytest.mark.parametrize("fmt", list(MAKERS))
def test_records_parsed_by_the_worker_are_those_parsed_here(tmp_path, fmt, monkeypatch):
    path = MAKERS[fmt](tmp_path, 1200)
    here = _read(path, False, monkeypatch)
    seen = []
    there = _read(path, True, monkeypatch, progress=lambda done, total: seen.append((done, total, len(_readers()))))
    assert len(here[0]) == 1200
    assert there == here
    assert any(running for _d, _t, running in seen)  # it did run in the worker
    assert seen[-1][:2] == (path.stat().st_size,) * 2
    assert not _readers()


def test_warnings_crossrefs_and_macros_come_back_from_the_worker(tmp_path, monkeypatch):
    path = tmp_path / "mixed.bib"
    path.write_text(
        '@string{rs = "Remote Sensing"}\n'
        "@inproceedings{child, title = {A child paper}, crossref = {proc}}\n"
        "@article{untitled, author = {Doe, Jane}, year = 2020}\n"
        "@proceedings{proc, title = {Proceedings of RS}, publisher = rs, year = 2021}\n"
        "@article{orphan, title = {An orphan}, crossref = {missing}}\n"
        "@article{plain, title = {A plain paper}, journal = rs # { Letters}}\n",
        encoding="utf-8")
    here = _read(path, False, monkeypatch)
    there = _read(path, True, monkeypatch)
    assert there == here
    titles = [values.get("title") for _k, values, *_rest in there[0]]
    assert titles == ["A child paper", "A plain paper", "An orphan"]
    assert any("untitled" in w and "line 3" in w for w in there[1])
    assert any("missing" in w for w in there[1])


def test_a_broken_file_is_refused_with_the_line_the_parser_names(tmp_path, monkeypatch):
    path = _bib(tmp_path, 300)
    with open(path, "a", encoding="utf-8") as out:
        out.write("@article{broken,\n  title = {Unbalanced {brace},\n  year = 2020,\n}\n")
    errors = []
    for worker in (False, True):
        with pytest.raises(ImportFormatError) as caught:
            _read(path, worker, monkeypatch)
        errors.append((caught.value.file, caught.value.line, caught.value.message))
    assert errors[0] == errors[1] and errors[0][1] is not None
    assert not _readers()


def test_text_that_is_not_in_its_encoding_is_refused_from_the_worker_too(tmp_path, monkeypatch):
    path = tmp_path / "bad.bib"
    path.write_bytes(b"% Encoding: UTF-8\n@article{a, title = {Caf\xe9}}\n")
    with pytest.raises(ImportFormatError, match="not valid"):
        _read(path, True, monkeypatch)


def test_cancel_stops_the_worker_within_a_fifth_of_a_second(tmp_path, monkeypatch):
    path = _bib(tmp_path, 60_000)
    monkeypatch.setattr(parse_worker, "MIN_BYTES", 0)
    pressed: list[float] = []
    timer = threading.Timer(0.3, lambda: pressed.append(time.perf_counter()))
    got = 0
    with pytest.raises(ReadCancelled):
        for _record in iter_records(path, cancelled=lambda: bool(pressed)):
            got += 1
            if got == 1:  # pressed while records arrive (the worker's start takes a moment)
                timer.start()
    stopped = time.perf_counter()
    assert 0 < got < 60_000
    assert stopped - pressed[0] < 0.2
    assert not _readers()


def test_a_worker_that_dies_is_a_refusal_not_a_hang(tmp_path, monkeypatch):
    path = _bib(tmp_path, 20_000)
    monkeypatch.setattr(parse_worker, "MIN_BYTES", 0)
    records = iter(iter_records(path))
    next(records)
    for process in _readers():
        process.kill()
    with pytest.raises(ImportFormatError, match="stopped unexpectedly"):
        for _record in records:
            pass
    assert not _readers()
