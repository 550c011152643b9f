"""JSON helpers shared by the CSL-JSON and app-JSON formats: errors with line numbers."""

from __future__ import annotations

import json
from typing import Any

from .record import ImportFormatError


def load_json(text: str, source: str) -> Any:
    try:
        return json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise ImportFormatError(source, exc.lineno, f"invalid JSON: {exc.msg}") from exc
    except RecursionError as exc:
        raise ImportFormatError(source, None, "invalid JSON: nested too deeply") from exc


def item_lines(text: str, count: int) -> list[int | None]:
    """Best-effort line of each top-level array item: the line of the n-th ``{`` at depth 1.

    Only used to name a line in a message; None when the layout cannot be followed.
    """
    lines: list[int | None] = []
    depth, line, in_string, escaped = 0, 1, False, False
    for ch in text:
        if ch == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "[{":
            if depth == 1 and ch == "{":
                lines.append(line)
            depth += 1
        elif ch in "]}":
            depth -= 1
    lines += [None] * (count - len(lines))
    return lines[:count]
