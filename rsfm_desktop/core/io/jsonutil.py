"""Reading JSON a value at a time (CSL-JSON and the app's JSON), with line numbers in errors.

The top-level array (or the arrays under chosen keys of a top-level object) is read item by
item: each item is decoded by the standard library's C decoder from a buffer that holds only
what has not been consumed yet, so memory stays per item, not per file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .reading import ReadContext, TextSource

_READ = 1 << 16
_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\n\r"


class JsonStream:
    def __init__(self, text: TextSource, ctx: ReadContext):
        self.text = text
        self.ctx = ctx
        self.buf = ""
        self.pos = 0
        self.line = 1  # line of buf[0]
        self.eof = False
        self.depth = 0

    def _more(self, at_least: int = _READ) -> bool:
        if self.eof:
            return False
        if self.pos:  # drop what was consumed
            self.line += self.buf.count("\n", 0, self.pos)
            self.buf, self.pos = self.buf[self.pos:], 0
        chunk = self.text.read(max(at_least, _READ))
        if not chunk:
            self.eof = True
            return False
        if not self.buf and self.line == 1:
            chunk = chunk.lstrip("\ufeff")
        self.buf += chunk
        self.ctx.tick()
        return True

    def line_at(self, pos: int | None = None) -> int:
        return self.line + self.buf.count("\n", 0, self.pos if pos is None else pos)

    def error(self, message: str, pos: int | None = None):
        return self.ctx.error(self.line_at(pos), f"invalid JSON: {message}")

    def peek(self) -> str:
        """The next character that is not whitespace ("" at the end)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buf) or not self._more():
                return self.buf[self.pos:self.pos + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = self.peek()
            raise self.error(f"expected {char!r}, found {found!r}" if found else f"expected {char!r}, found the end")
        self.pos += 1

    def value(self) -> Any:
        """Decode the next value, reading on until it is complete."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                # Cut off by the end of the buffer (not broken): read on and try again.
                cut = exc.pos >= len(self.buf) - 8 or exc.msg.startswith("Unterminated string")
                line = self.line_at(exc.pos)
                if cut and self._more(len(self.buf)):
                    continue
                raise self.ctx.error(line, f"invalid JSON: {exc.msg}") from exc
            except RecursionError as exc:
                raise self.ctx.error(self.line_at(), "invalid JSON: nested too deeply") from exc
            if end >= len(self.buf) and self._more(len(self.buf)):  # a number may go on
                continue
            self.pos = end
            return value

    def items(self) -> Iterator[tuple[int, Any]]:
        """(line, value) of each item of the array that starts here."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            self.peek()
            line = self.line_at()
            yield line, self.value()
            sep = self.peek()
            if sep == "]":
                self.pos += 1
                return
            self.expect(",")

    def members(self) -> Iterator[str]:
        """The keys of the object that starts here; the caller reads each value
        (``value()`` or ``items()``) before asking for the next key."""
        self.expect("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            if self.peek() != '"':
                raise self.error("expected a key in double quotes")
            key = self.value()
            self.expect(":")
            yield key
            sep = self.peek()
            if sep == "}":
                self.pos += 1
                return
            self.expect(",")

    def end(self) -> None:
        if self.peek():
            raise self.error("extra data after the end")
