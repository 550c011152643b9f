"""Opening a file for import: its encoding (:mod:`encoding`), its format (by extension, then
by a conservative look at its content), and the parser that streams its records.

``iter_records(path)`` yields records one at a time (memory per record, not per file) and
reports progress and asks about cancelling as it goes; ``read_file(path)`` collects them into
an :class:`ImportBatch`. A file that looks like none of the formats is refused rather than
guessed at.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from . import appjson, bibtex, csljson, csv_io, markdown_import, ris
from .encoding import EncodingGuess, file_blocks, guess
from .reading import Cancelled, Progress, ReadContext, TextSource
from .record import Format, ImportBatch, ImportFormatError, ImportRecord, ReadCancelled

READERS: dict[Format, Callable[[TextSource, ReadContext], Iterator[ImportRecord]]] = {
    Format.BIBTEX: bibtex.records,
    Format.RIS: ris.records,
    Format.CSLJSON: csljson.records,
    Format.CSV: csv_io.records,
    Format.JSON: appjson.records,
    Format.MARKDOWN: markdown_import.records,
}
_EXTENSIONS = {
    ".bib": Format.BIBTEX, ".bibtex": Format.BIBTEX, ".biblatex": Format.BIBTEX,
    ".ris": Format.RIS, ".csv": Format.CSV, ".tsv": Format.CSV,
    ".md": Format.MARKDOWN, ".markdown": Format.MARKDOWN,
}
_BIBTEX = re.compile(r"^\s*@\s*[a-zA-Z]+\s*[{(]", re.MULTILINE)
_RIS = re.compile(r"^(?:\d+\.\s*\n)?TY  - ", re.MULTILINE)
_MD_TABLE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", re.MULTILINE)
_MD_LINK_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s.*\]\(https?://", re.MULTILINE)
_HEAD = 65536  # characters looked at to recognise a file without a telling extension


def _json_kind(text: str) -> Format:
    return Format.JSON if f'"{appjson.FORMAT}"' in text[:4096] else Format.CSLJSON


def detect(path: Path, text: str) -> Format:
    """The format of a file named ``path`` that begins with ``text``."""
    suffix = Path(path).suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    head = text.lstrip("\ufeff \t\r\n")
    if suffix == ".json" or head[:1] in ("{", "["):
        return _json_kind(head)
    if _RIS.match(head):
        return Format.RIS
    if _BIBTEX.search(text[:_HEAD]):
        return Format.BIBTEX
    if _MD_TABLE.search(text) or _MD_LINK_ITEM.search(text):
        return Format.MARKDOWN
    raise ImportFormatError(str(path), None, "unknown format: not BibTeX, RIS, CSL-JSON, CSV, app JSON or Markdown")


class RecordStream:
    """The records of one file, read as they are iterated.

    Before iterating, ``format`` and the encoding attributes are known; ``warnings`` and (for
    the app's JSON) ``facets``, ``taxonomy`` and ``links`` are complete once iteration ends.
    Iterating raises :class:`ImportFormatError` for a broken file (perhaps after some records:
    discard them) and :class:`ReadCancelled` when ``cancelled()`` says so.
    """

    def __init__(self, source: str, fmt: Format, guess_: EncodingGuess | None, opener, total: int,
                 progress: Progress | None, cancelled: Cancelled | None):
        self.source = source
        self.format = fmt
        self.encoding = guess_.name if guess_ else None
        self.encoding_confidence = guess_.confidence if guess_ else 1.0
        self.encoding_confident = guess_.confident if guess_ else True
        self._guess = guess_
        self._opener = opener
        self.ctx = ReadContext(source, total, progress, cancelled)
        # (path, codec, BOM bytes, decoding errors) of a file a worker process may parse
        # (:mod:`.parse_worker`); None for text in memory.
        self.in_worker: tuple[str, str, int, str] | None = None

    @property
    def warnings(self) -> list[str]:
        return self.ctx.warnings

    def __iter__(self) -> Iterator[ImportRecord]:
        from . import parse_worker

        if self.in_worker is not None and parse_worker.wanted(self.ctx.total):
            yield from parse_worker.records(self.ctx, self.in_worker[0], self.format, *self.in_worker[1:])
            self.ctx.finish()
            return
        handle, position = self._opener()
        with handle:
            text = TextSource(handle, position)
            self.ctx.position = text.position
            try:
                yield from _guarded(READERS[self.format](text, self.ctx), self.source, self.format)
            except UnicodeDecodeError as exc:
                enc = self.encoding or "the detected encoding"
                raise ImportFormatError(self.source, None, f"not valid {enc} text ({exc.reason}); choose the encoding") from exc
        self.ctx.finish()

    def batch(self) -> ImportBatch:
        """Every record, collected (what :func:`read_file` returns)."""
        records = list(self)
        return ImportBatch(
            self.source, self.format, records, facets=self.ctx.facets, taxonomy=self.ctx.taxonomy,
            links=self.ctx.links, warnings=self.ctx.warnings, encoding=self.encoding,
            encoding_confidence=self.encoding_confidence, encoding_confident=self.encoding_confident,
        )


def _guarded(records: Iterator[ImportRecord], source: str, fmt: Format) -> Iterator[ImportRecord]:
    """Only ImportFormatError (and ReadCancelled) leave a parser, whatever the input."""
    try:
        yield from records
    except (ImportFormatError, ReadCancelled, UnicodeDecodeError):
        raise
    except RecursionError as exc:
        raise ImportFormatError(source, None, f"unreadable {fmt.value} file: nested too deeply") from exc
    except Exception as exc:  # a library choking on input it should have reported: refuse the file
        raise ImportFormatError(source, None, f"unreadable {fmt.value} file ({type(exc).__name__}: {exc})") from exc


def _checked(blocks, cancelled: Cancelled | None, source: str, progress: Progress | None = None, total: int = 0):
    """The blocks of the encoding pass, asking about cancelling as they go. Progress shows from
    the start (a 200 MB file takes a second to check) but stays at 0 until the parsing pass,
    which reads the file from the start again, reports how far it got."""
    ctx = ReadContext(source, total, progress, cancelled)
    for block in blocks:
        ctx.tick()
        yield block


def iter_records(
    path: Path | str,
    fmt: Format | str | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    encoding: str | None = None,
) -> RecordStream:
    """The records of the file at ``path``, streamed (see :class:`RecordStream`).

    ``fmt`` None or ``"auto"`` detects the format; ``encoding`` (a codec name) overrides the
    detection, for a second attempt after the user chose. Detecting the encoding reads the
    file once (in blocks, with progress and cancel); an unreadable or unrecognised file raises
    :class:`ImportFormatError` here.
    """
    path = Path(path)
    source = str(path)
    try:
        total = os.path.getsize(path)
        found = guess(_checked(file_blocks(path), cancelled, source, progress, total), encoding)
    except OSError as exc:
        raise ImportFormatError(source, None, f"cannot read the file: {exc.strerror}") from exc
    except LookupError as exc:
        raise ImportFormatError(source, None, str(exc)) from exc
    errors = "replace" if found.how == "detected" else "strict"

    def opener():
        raw = open(path, "rb")
        raw.seek(found.bom)
        return io.TextIOWrapper(raw, encoding=found.encoding, errors=errors, newline=None), raw.tell

    handle, _ = opener()
    with handle:
        try:
            head = handle.read(_HEAD)
        except UnicodeDecodeError as exc:
            raise ImportFormatError(source, None, f"not valid {found.name} text; choose the encoding") from exc
    if "\x00" in head:
        raise ImportFormatError(source, head[: head.index("\x00")].count("\n") + 1, "binary data (NUL byte)")
    fmt = detect(path, head) if fmt in (None, "auto") else fmt
    stream = RecordStream(source, Format(fmt), found, opener, total, progress, cancelled)
    stream.in_worker = (source, found.encoding, found.bom, errors)
    return stream


def text_records(text: str, source: str, fmt: Format | str | None = None, *,
                 progress: Progress | None = None, cancelled: Cancelled | None = None) -> RecordStream:
    """The records of text already in memory (a paste, a test)."""
    fmt = detect(Path(source), text) if fmt in (None, "auto") else Format(fmt)
    if "\x00" in text:
        raise ImportFormatError(source, text[: text.index("\x00")].count("\n") + 1, "binary data (NUL byte)")
    text = text.removeprefix("\ufeff")
    return RecordStream(source, fmt, None, lambda: (io.StringIO(text, newline=None), None), len(text),
                        progress, cancelled)


def parse_text(text: str, source: str, fmt: Format | str | None = None, **callbacks) -> ImportBatch:
    """Parse ``text`` (``fmt`` None or ``"auto"`` detects). Only ImportFormatError escapes
    (and ReadCancelled when a ``cancelled`` callback says so)."""
    return text_records(text, source, fmt, **callbacks).batch()


def read_file(
    path: Path | str,
    fmt: Format | str | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    encoding: str | None = None,
) -> ImportBatch:
    """Every record of the file at ``path``, with the encoding used (see :func:`iter_records`)."""
    return iter_records(path, fmt, progress=progress, cancelled=cancelled, encoding=encoding).batch()


def read_text(path: Path | str, encoding: str | None = None) -> tuple[str, EncodingGuess]:
    """The whole text of a file and the encoding it was read with."""
    from .encoding import decode

    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ImportFormatError(str(path), None, f"cannot read the file: {exc.strerror}") from exc
    try:
        return decode(raw, encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFormatError(str(path), line, f"not valid {exc.encoding} text") from exc
    except LookupError as exc:
        raise ImportFormatError(str(path), None, str(exc)) from exc
