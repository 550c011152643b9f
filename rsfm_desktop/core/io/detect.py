"""Choosing the parser: by the file's extension, then by a conservative look at its content.

A file that looks like none of the formats is refused rather than guessed at.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import appjson, bibtex, csljson, csv_io, markdown_import, ris
from .record import Format, ImportBatch, ImportFormatError

READERS = {
    Format.BIBTEX: bibtex.read,
    Format.RIS: ris.read,
    Format.CSLJSON: csljson.read,
    Format.CSV: csv_io.read,
    Format.JSON: appjson.read,
    Format.MARKDOWN: markdown_import.read,
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


def _json_kind(text: str) -> Format:
    return Format.JSON if f'"{appjson.FORMAT}"' in text[:4096] else Format.CSLJSON


def detect(path: Path, text: str) -> Format:
    suffix = Path(path).suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    head = text.lstrip("\ufeff \t\r\n")
    if suffix == ".json" or head[:1] in ("{", "["):
        return _json_kind(head)
    if _RIS.match(head):
        return Format.RIS
    if _BIBTEX.search(text[:65536]):
        return Format.BIBTEX
    if _MD_TABLE.search(text) or _MD_LINK_ITEM.search(text):
        return Format.MARKDOWN
    raise ImportFormatError(str(path), None, "unknown format: not BibTeX, RIS, CSL-JSON, CSV, app JSON or Markdown")


def read_text(path: Path) -> str:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ImportFormatError(str(path), None, f"cannot read the file: {exc.strerror}") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFormatError(str(path), line, "not UTF-8 text") from exc


def parse_text(text: str, source: str, fmt: Format | str | None = None) -> ImportBatch:
    """Parse ``text`` (``fmt`` None or ``"auto"`` detects). Only ImportFormatError escapes."""
    fmt = detect(Path(source), text) if fmt in (None, "auto") else Format(fmt)
    if "\x00" in text:
        raise ImportFormatError(source, text[: text.index("\x00")].count("\n") + 1, "binary data (NUL byte)")
    try:
        return READERS[fmt](text, source)
    except ImportFormatError:
        raise
    except RecursionError as exc:
        raise ImportFormatError(source, None, f"unreadable {fmt.value} file: nested too deeply") from exc
    except Exception as exc:  # a library choking on input it should have reported: refuse the file
        raise ImportFormatError(source, None, f"unreadable {fmt.value} file ({type(exc).__name__}: {exc})") from exc


def read_file(path: Path, fmt: Format | str | None = None) -> ImportBatch:
    return parse_text(read_text(path), str(path), fmt)
