"""Which text encoding a file is in: byte order marks, UTF-16 without a mark, JabRef's
``% Encoding:`` header, strict UTF-8, then charset-normalizer for legacy encodings.

The file is read once, in blocks (memory stays flat whatever its size); the guess names a
Python codec, how it was found, and a confidence between 0 and 1. A guess below
:data:`CONFIDENT` is marked uncertain: the caller should ask the user (and read again with
the encoding the user chose).
"""

from __future__ import annotations

import codecs
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

CONFIDENT = 0.8
BLOCK = 1 << 16
_SAMPLE_LIMIT = 256 * 1024  # bytes of non-ASCII lines handed to the detector
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# JabRef writes "% Encoding: windows-1252" (or "UTF-8", "GBK"…) as the file's first line.
_DECLARED = re.compile(rb"^\s*%\s*Encoding\s*:\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE | re.MULTILINE)
_NON_ASCII_LINE = re.compile(rb"[^\n]*[\x80-\xff][^\n]*")
# The legacy encodings the detector chooses among (left alone it finds Mac Roman or Icelandic
# in a line of German), and which wins when several explain the bytes equally well.
_CANDIDATES = ("cp1252", "gb18030", "big5", "cp932", "euc_kr", "cp1250", "cp1251", "utf_16_le", "utf_16_be")
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "shift_jis": "cp932",
              "iso8859_1": "cp1252", "latin_1": "cp1252", "ascii": "utf-8"}


@dataclass(frozen=True)
class EncodingGuess:
    encoding: str  # a Python codec name: "utf-8", "utf-16-le", "cp1252", "gb18030"…
    confidence: float
    how: str  # "bom", "nul-pattern", "declared", "utf-8", "detected", "given"
    bom: int = 0  # bytes of byte order mark to skip

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT

    @property
    def name(self) -> str:
        """The encoding as people name it (``UTF-8``, ``Windows-1252``, ``GB18030``)."""
        return display_name(self.encoding)


def display_name(codec: str) -> str:
    name = codecs.lookup(codec).name
    if name.startswith("cp125"):
        return f"Windows-{name[2:]}"
    return {"utf-8": "UTF-8", "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE", "utf-32-le": "UTF-32 LE",
            "utf-32-be": "UTF-32 BE", "gb18030": "GB18030", "big5": "Big5", "cp932": "Shift-JIS (Windows)",
            "shift_jis": "Shift-JIS", "euc_kr": "EUC-KR", "iso8859-1": "ISO-8859-1"}.get(name, name)


def _codec(name: str) -> str | None:
    try:
        found = codecs.lookup(name.decode("ascii") if isinstance(name, bytes) else name).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _SUPERSETS.get(found.replace("-", "_"), found)


def _bom(head: bytes) -> EncodingGuess | None:
    for mark, codec in _BOMS:
        if head.startswith(mark):
            return EncodingGuess(codec, 1.0, "bom", len(mark))
    return None


def _nul_pattern(head: bytes) -> EncodingGuess | None:
    """UTF-16 without a byte order mark: mostly-ASCII text has a NUL in every other byte."""
    sample = head[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= 0.3 * pairs and even <= 0.05 * pairs:
        return EncodingGuess("utf-16-le", 0.95, "nul-pattern")
    if even >= 0.3 * pairs and odd <= 0.05 * pairs:
        return EncodingGuess("utf-16-be", 0.95, "nul-pattern")
    return None


def _declared(head: bytes) -> EncodingGuess | None:
    m = _DECLARED.search(head[:1024])
    codec = _codec(m.group(1)) if m else None
    return EncodingGuess(codec, 1.0, "declared") if codec else None


def _detected(sample: bytes) -> EncodingGuess:
    """charset-normalizer on the lines holding non-ASCII bytes."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(sample, cp_isolation=list(_CANDIDATES)))
    if not matches:
        return EncodingGuess("cp1252", 0.0, "detected")
    best = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= best + 0.02]
    # A match stands for every encoding that reads the bytes the same way.
    codecs_close = list(dict.fromkeys(_codec(e) or e for m in close for e in [m.encoding, *m.could_be_from_charset]))
    chosen = next((c for c in map(_codec, _CANDIDATES) if c in codecs_close), codecs_close[0])
    text = sample.decode(chosen, errors="replace")
    # Candidates that read the bytes as different text make the guess a guess.
    rivals = {c for c in codecs_close if c != chosen and sample.decode(c, errors="replace") != text}
    confidence = max(0.0, 1.0 - best) * (0.6 if rivals else 1.0)
    return EncodingGuess(chosen, round(confidence, 3), "detected")


def guess(blocks: Iterable[bytes], given: str | None = None) -> EncodingGuess:
    """The encoding of the bytes delivered by ``blocks`` (read once, in order)."""
    if given:
        codec = _codec(given)
        if codec is None:
            raise LookupError(f"unknown encoding {given!r}")
        return EncodingGuess(codec, 1.0, "given")
    it = iter(blocks)
    head = next(it, b"")
    found = _bom(head) or _nul_pattern(head) or _declared(head)
    if found:
        return found
    decoder = codecs.getincrementaldecoder("utf-8")()
    sample = bytearray()
    utf8 = True
    for block in itertools.chain([head], it):
        if utf8:
            try:
                decoder.decode(block)
            except UnicodeDecodeError:
                utf8 = False
        if len(sample) < _SAMPLE_LIMIT and not block.isascii():
            for m in _NON_ASCII_LINE.finditer(block):
                sample += m.group(0)[:4096] + b"\n"
                if len(sample) >= _SAMPLE_LIMIT:
                    break
        if not utf8 and len(sample) >= _SAMPLE_LIMIT:
            break
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    if utf8:
        return EncodingGuess("utf-8", 1.0, "utf-8")
    return _detected(bytes(sample))


def file_blocks(path: Path, size: int = BLOCK) -> Iterable[bytes]:
    with open(path, "rb") as handle:
        while block := handle.read(size):
            yield block


def guess_file(path: Path, given: str | None = None) -> EncodingGuess:
    return guess(file_blocks(path), given)


def decode(raw: bytes, given: str | None = None) -> tuple[str, EncodingGuess]:
    """``raw`` as text (invalid bytes of a detected encoding become U+FFFD) and the guess."""
    found = guess([raw[i:i + BLOCK] for i in range(0, len(raw), BLOCK)] or [b""], given)
    errors = "replace" if found.how == "detected" else "strict"
    return raw[found.bom:].decode(found.encoding, errors=errors), found
