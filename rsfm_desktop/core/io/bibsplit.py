"""Splitting BibTeX text into blocks, fast where the text is plain, as bibtexparser does anyway.

bibtexparser's :class:`~bibtexparser.splitter.Splitter` walks the text one mark (brace, quote,
comma, equals sign, newline) at a time in Python: most of the time of a large import. Here a
chunk of well-formed entries is split by a few regular expressions instead, giving exactly the
blocks the splitter would give (type, key, raw field values with their braces and quotes,
``@string`` macros, the line each block starts on). Whatever these expressions do not vouch
for, the whole chunk goes to bibtexparser as before: ``(``-delimited blocks, braces nested
deeper than :data:`_DEPTH`, a backslash before a line end (the splitter does not count that
line), the ``{"}`` quote escape, a block start at the start of a line inside a block (the
splitter's error recovery), a key or field it would refuse. So a broken file is reported with
the same line and message as before, and a file that parses keeps every value.

:func:`split` yields ``("entry", line, type, key, [(field, raw value)…])``, ``("string", line,
name, raw value)`` and ``("failed", line, message)``; ``line`` counts from 0 within the chunk.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from bibtexparser.model import (DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, ParsingFailedBlock,
                                String)
from bibtexparser.splitter import Splitter

_DEPTH = 4  # brace nesting the expressions follow; deeper goes to bibtexparser
_ESCAPED = r"(?>\\+.?)"  # backslashes and the character after them, never a mark (atomic)
_IN = f"(?:[^{{}}\\\\]|{_ESCAPED})"  # a character inside braces


def _braced(depth: int) -> str:
    inner = _IN if depth == 1 else f"(?:{_IN}|{_braced(depth - 1)})"
    return r"\{" + inner + r"*\}"


_BRACED = _braced(_DEPTH)
_QUOTED = f'"(?:[^"\\\\]|{_ESCAPED})*"'  # braces are not counted inside quotes, nor are commas
_BARE = f'(?:[^{{}}",\\\\]|{_ESCAPED})'  # a macro, a number, '#' and spaces between parts
_VALUE = f"(?:{_BARE}|{_BRACED}|{_QUOTED})*"
_FIELD_KEY = r'[^{}",=\\]*'
_FIELD = re.compile(f"({_FIELD_KEY})=({_VALUE})(,|\\}})", re.DOTALL)
_BLOCK_START = re.compile(r"@(\w*)[ \t]*([{(])")
_ENTRY_KEY = re.compile(r'([^{}",=\\]*)([,}])', re.DOTALL)
_SKIPPED_BODY = re.compile(f"(?:{_IN}|{_BRACED})*\\}}", re.DOTALL)  # @comment, @preamble
_STRING = re.compile(f"({_FIELD_KEY})=((?:{_IN}|{_BRACED})*)\\}}", re.DOTALL)
_LINE_START_BLOCK = re.compile(r"\n[ \t]*@\w*[ \t]*[{(]")


class _Unsure(Exception):
    """The expressions do not vouch for this chunk: bibtexparser splits it."""


def split(text: str) -> Iterator[tuple]:
    """The blocks of ``text`` (see the module docstring)."""
    if "\\\n" in text or '{"}' in text:
        yield from _slow(text)
        return
    try:
        blocks = list(_fast(text))
    except _Unsure:
        yield from _slow(text)
        return
    yield from blocks


def _fast(text: str) -> Iterator[tuple]:
    pos, line, counted = 0, 0, 0
    while True:
        start = _BLOCK_START.search(text, pos)
        if start is None:
            return
        line += text.count("\n", counted, start.start())
        counted = start.start()
        kind = start.group(1).lower()
        if start.group(2) == "(" or not kind:
            raise _Unsure()
        body = start.end()
        skipped = kind.startswith(("comment", "preamble"))  # as the splitter tells them
        if skipped:
            found = _SKIPPED_BODY.match(text, body)
            end = found.end() if found else None
        elif kind.startswith("string"):
            found = _STRING.match(text, body)
            if found is None:
                raise _Unsure()
            end = found.end()
            block = ("string", line, found.group(1).strip(), found.group(2).strip())
        else:
            end, block = _entry(text, body, line, start.group(0)[1:].rstrip("{").strip().lower())
        if end is None or _LINE_START_BLOCK.search(text, start.start(), end):
            raise _Unsure()
        if not skipped:
            yield block
        pos = end


def _entry(text: str, at: int, line: int, entry_type: str) -> tuple[int, tuple]:
    head = _ENTRY_KEY.match(text, at)
    if head is None:
        raise _Unsure()
    key = head.group(1).strip()
    if "@" in key:
        raise _Unsure()
    fields: list[tuple[str, str]] = []
    pos = head.end()
    closed = head.group(2) == "}"
    while not closed:
        found = _FIELD.match(text, pos)
        if found is None:
            rest = re.match(r"\s*\}", text[pos : pos + 4096])  # a trailing comma, then the end
            if rest is None:
                raise _Unsure()
            return pos + rest.end(), ("entry", line, entry_type, key, fields)
        name = found.group(1).strip()
        if not name or "@" in name:
            raise _Unsure()
        fields.append((name, found.group(2).strip()))
        pos = found.end()
        closed = found.group(3) == "}"
    return pos, ("entry", line, entry_type, key, fields)


def _slow(text: str) -> Iterator[tuple]:
    logger = logging.getLogger("bibtexparser.splitter")
    previous, logger.disabled = logger.disabled, True  # failures are reported by the caller
    try:
        library = Splitter(text).split()
    finally:
        logger.disabled = previous
    for block in library.blocks:
        line = max(block.start_line, 0)
        if isinstance(block, (DuplicateBlockKeyBlock, DuplicateFieldKeyBlock)):
            block = block.ignore_error_block  # same key twice: still an entry (first field wins)
        if isinstance(block, String):
            yield ("string", line, block.key, block.value)
        elif isinstance(block, Entry):
            yield ("entry", line, block.entry_type.lower(), block.key, [(f.key, f.value) for f in block.fields])
        elif isinstance(block, ParsingFailedBlock):
            yield ("failed", line, _error_text(block))


def _error_text(block) -> str:
    lines = [ln.strip() for ln in str(getattr(block, "error", "") or "").splitlines() if ln.strip()]
    return lines[-1] if lines else "unbalanced braces or quotes, or a missing comma"
