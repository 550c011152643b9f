"""Normalising and validating entry values before they reach the database.

Errors are codes (``required``, ``year``, ``url``, ``choice``, ``type``), not sentences: the UI
turns them into translated messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from .fields import FieldSpec, FieldType, Kind, field_map

MIN_YEAR = 1900
MISSING_MARKERS = frozenset({"", "nan", "none", "null", "-", "—", "n/a"})


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str


class ValidationError(ValueError):
    def __init__(self, errors: list[FieldError]):
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = errors


def max_year() -> int:
    return date.today().year + 1


# A plain http(s) URL, as urlsplit reads it: a host begins right after "//" (urlsplit drops
# tabs and line ends anywhere and refuses unbalanced brackets, hence the cases left to it).
_PLAIN_HTTP = re.compile(r"https?://[^/?#\s\x00-\x1f\x7f]", re.IGNORECASE)


def is_http_url(value: str) -> bool:
    value = value.strip()
    if value.isascii() and "[" not in value and "]" not in value and _PLAIN_HTTP.match(value):
        return True  # what urlsplit says of it, in a tenth of the time (an import checks every link)
    try:
        parts = urlsplit(value)
    except ValueError:  # "http://a[b": an unbalanced IPv6 bracket is no link, not a crash
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def clean_text(value: Any) -> str | None:
    """Strip a text value; missing-value markers (``nan``, ``-``, empty) become None."""
    if value is None:
        return None
    text = str(value).strip()
    return None if text.lower() in MISSING_MARKERS else text


def _clean_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines() if "\n" in value else value.split(";")
    return [t for t in (clean_text(v) for v in value) if t is not None]


_SPECS: dict[Kind, dict[str, FieldSpec]] = {}  # FIELDS never change while the app runs


def _check(spec: FieldSpec, value: Any) -> tuple[Any, str | None]:
    """Return the normalised value and an error code (or None)."""
    if spec.type is FieldType.MAP:
        if value is None:
            return {}, None
        if not isinstance(value, dict):
            return value, "type"
        return {str(k): t for k, v in value.items() if (t := clean_text(v)) is not None}, None
    if spec.type is FieldType.LIST:
        items = _clean_list(value)
        if spec.item_type is FieldType.URL and any(not is_http_url(i) for i in items):
            return items, "url"
        return items, None
    text = clean_text(value)
    if text is None:
        return None, "required" if spec.required else None
    if spec.type is FieldType.INT:
        try:
            year = int(text)
        except ValueError:
            return text, "year"
        return year, None if MIN_YEAR <= year <= max_year() else "year"
    if spec.type is FieldType.URL and not is_http_url(text):
        return text, "url"
    if spec.type is FieldType.CHOICE and text not in spec.choices:
        return text, "choice"
    return text, None


def normalise(kind: Kind, values: dict[str, Any]) -> dict[str, Any]:
    """Validate ``values`` (only the keys given) and return them normalised.

    Raises :class:`ValidationError` listing every bad field; unknown keys are errors too.
    """
    specs = _SPECS.get(kind) or _SPECS.setdefault(kind, field_map(kind))
    clean: dict[str, Any] = {}
    errors: list[FieldError] = []
    for key, value in values.items():
        spec = specs.get(key)
        if spec is None:
            errors.append(FieldError(key, "unknown"))
            continue
        clean[key], code = _check(spec, value)
        if code:
            errors.append(FieldError(key, code))
    if errors:
        raise ValidationError(errors)
    return clean
