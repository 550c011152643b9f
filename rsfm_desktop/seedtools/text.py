"""Small text helpers shared by the seed parsers: missing values, keys, arXiv ids, excerpts."""

from __future__ import annotations

import re
import unicodedata

from ..core.validation import clean_text

__all__ = [
    "clean_text", "is_mainly_cjk", "norm_title", "dataset_key", "arxiv_id_from", "excerpt",
    "squash", "summary_fields", "new_paper", "new_dataset", "provenance", "from_seed", "SeedError",
]

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})(?:v\d+)?", re.I)
EXCERPT_CHARS = 200


class SeedError(ValueError):
    """A seed does not look as the parsers and the reviewed fixes expect."""


def is_mainly_cjk(text: str) -> bool:
    """True when ``text`` is mainly Chinese (an ideograph weighs about as much as a short word)."""
    cjk = len(_CJK.findall(text))
    return cjk > 0 and 3 * cjk >= len(_LATIN.findall(text))


def norm_title(text: str) -> str:
    """The matching form of a title or name: NFKC, case-folded, letters and digits only."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def dataset_key(name: str) -> str:
    return f"dataset:{norm_title(name)}"


def arxiv_id_from(url: str | None) -> str | None:
    """The arXiv id (without version) of an arxiv.org abs/pdf URL."""
    match = _ARXIV.search(url or "")
    return match.group(1) if match else None


def squash(text: str) -> str:
    """Collapse runs of white space (table padding, line breaks) into one space."""
    return " ".join(text.split())


def excerpt(text: str) -> str:
    """At most 200 characters of raw seed text, white space collapsed."""
    text = squash(text)
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def summary_fields(text: str | None) -> dict[str, str]:
    """Put a summary in the Chinese or the English field, by its script."""
    text = clean_text(text)
    if text is None:
        return {}
    return {"summary_zh" if is_mainly_cjk(text) else "summary_en": text}


def provenance(source: str, locator: str, raw: str) -> dict[str, str]:
    return {"source": source, "locator": locator, "excerpt": excerpt(raw)}


def from_seed(record: dict, seed: str, locator: str) -> bool:
    """Whether a record (or a merged entry) came from seed ``seed`` (``"001"``) at ``locator``."""
    return any(p["source"].startswith(seed) and p["locator"] == locator for p in record["provenance"])


def new_paper(prov: dict[str, str], **values) -> dict:
    """A paper record: field values, tags, provenance, and the datasets it introduces/uses."""
    return {"values": {k: v for k, v in values.items() if v not in (None, "", [])},
            "tags": {}, "provenance": [prov], "introduces": [], "uses": []}


def new_dataset(prov: dict[str, str], **values) -> dict:
    return {"values": {k: v for k, v in values.items() if v not in (None, "", [])},
            "tags": {}, "provenance": [prov], "cited_by": None}
