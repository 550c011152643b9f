"""Quotes from a PDF in an entry's Markdown note, and the page links they carry.

A quote is a Markdown block quote followed by its page reference, a link the note's preview
opens in the reader at that page::

    > the quoted text,
    > line by line

    ([p. 12](rsfm-pdf:<attachment uuid>#page=12))

The link names the attachment by its global id, so it keeps working after a sync or an export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SCHEME = "rsfm-pdf"
_LINK = re.compile(rf"^{SCHEME}:(?P<uuid>[0-9A-Za-z_-]+)(?:#page=(?P<page>\d+))?$")


@dataclass(frozen=True)
class PageLink:
    attachment_uuid: str
    page: int  # 1-based; 1 when the link names no page


def page_link(attachment_uuid: str, page: int) -> str:
    return f"{SCHEME}:{attachment_uuid}#page={int(page)}"


def parse_page_link(url: str) -> PageLink | None:
    found = _LINK.match((url or "").strip())
    if found is None:
        return None
    return PageLink(found["uuid"], int(found["page"] or 1))


def quote_block(text: str, page: int, attachment_uuid: str) -> str:
    """The Markdown of a quote: ``> `` before each line of ``text`` (blank lines dropped, runs of
    spaces folded), then the page reference as a link."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    quoted = "\n".join(f"> {line}" for line in lines if line)
    return f"{quoted}\n\n([p. {int(page)}]({page_link(attachment_uuid, page)}))\n"


def append_quote(body: str, block: str) -> str:
    """``body`` with ``block`` after it, one blank line between."""
    body = (body or "").rstrip("\n")
    return f"{body}\n\n{block}" if body.strip() else block
