"""Which links the app may open: ``http``/``https`` URLs and existing local document files.

Anything else (``javascript:``, ``data:``, ``file:`` to a program, unknown schemes) is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .validation import is_http_url

# Local files the app opens: documents, never programs or scripts.
OPENABLE_SUFFIXES = frozenset({".pdf", ".djvu", ".epub", ".html", ".htm", ".txt", ".md", ".ps"})


@dataclass(frozen=True)
class LinkTarget:
    """A checked link: either a web URL or a local file path."""

    url: str | None = None
    path: Path | None = None


class UnsafeLink(ValueError):
    """The link may not be opened; ``reason`` is a code the UI translates."""

    def __init__(self, target: str, reason: str):
        super().__init__(f"{reason}: {target}")
        self.target = target
        self.reason = reason


def regular_target(path: Path) -> Path | None:
    """What ``path`` is, symbolic links followed, if that is a regular file (None: missing, a
    folder, a device, a broken or looping link)."""
    try:
        resolved = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return resolved if resolved.is_file() else None


def check_link(target: str) -> LinkTarget:
    """Return what to open for ``target`` or raise :class:`UnsafeLink`.

    ``reason`` is ``scheme`` (not http/https/local file), ``missing`` (no such local file) or
    ``filetype`` (a local file that is not a document).
    """
    text = (target or "").strip()
    if is_http_url(text):
        return LinkTarget(url=text)
    parts = urlsplit(text)
    if parts.scheme.lower() == "file":
        path = Path(unquote(parts.path))
    elif len(parts.scheme) <= 1:  # a plain path, or a Windows drive letter
        path = Path(text)
    else:
        raise UnsafeLink(text, "scheme")
    resolved = regular_target(path)
    if resolved is None:
        raise UnsafeLink(text, "missing")
    # A symbolic link is what it points at: "tool.pdf" linking to a program is a program.
    if path.suffix.lower() not in OPENABLE_SUFFIXES or resolved.suffix.lower() not in OPENABLE_SUFFIXES:
        raise UnsafeLink(text, "filetype")
    return LinkTarget(path=resolved)
