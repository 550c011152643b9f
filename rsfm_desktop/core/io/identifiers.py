"""Recognising papers: arXiv ids, DOIs, normalised titles, years and kinds of links.

The arXiv version and the published version of a paper are the same paper: an arXiv DOI
(``10.48550/arXiv.2311.15826``) is read as the arXiv id, never as a publisher DOI.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

_ARXIV_NEW = r"\d{4}\.\d{4,5}"
_ARXIV_OLD = r"[a-z\-]+(?:\.[A-Z]{2})?/\d{7}"
_ARXIV_ID = re.compile(rf"^(?:arxiv:)?\s*({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?$", re.IGNORECASE)
_ARXIV_URL = re.compile(
    rf"arxiv\.org/(?:abs|pdf|html)/({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?(?:\.pdf)?", re.IGNORECASE
)
_ARXIV_DOI = re.compile(rf"10\.48550/arxiv\.({_ARXIV_NEW}|{_ARXIV_OLD})", re.IGNORECASE)
_DOI = re.compile(r"(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_CODE_HOSTS = ("github.com", "gitlab.com", "gitee.com", "bitbucket.org", "huggingface.co")


def arxiv_id(text: str | None) -> str | None:
    """The arXiv id (without version) in an id, ``arXiv:`` string, arXiv URL or arXiv DOI."""
    if not text:
        return None
    text = unquote(text.strip())
    for pattern in (_ARXIV_URL, _ARXIV_DOI):
        m = pattern.search(text)
        if m:
            return m.group(1)
    m = _ARXIV_ID.match(text)
    return m.group(1) if m else None


def doi(text: str | None) -> str | None:
    """A publisher DOI (as written, without resolver prefix) in a DOI string or doi.org URL.

    DOIs are case-insensitive: compare them with :func:`doi_key`. arXiv DOIs return None:
    they are recognised by :func:`arxiv_id`.
    """
    if not text:
        return None
    text = unquote(text.strip())
    if _ARXIV_DOI.search(text):
        return None
    m = _DOI.match(_DOI_PREFIX.sub("", text))
    return m.group(1).rstrip(".,;)") if m else None


def doi_key(text: str | None) -> str | None:
    """A DOI for comparing: :func:`doi` lower-cased."""
    found = doi(text)
    return found.lower() if found else None


def is_code_url(url: str | None) -> bool:
    if not url:
        return False
    lowered = url.lower()  # once, not once per host
    return any(host in lowered for host in _CODE_HOSTS)


def year_in(text: str | None) -> int | None:
    """The last plausible year (1900–2099) in a text such as ``CVPR 2024`` or ``2025-arxiv``."""
    if not text:
        return None
    found = _YEAR.findall(str(text))
    return int(found[-1]) if found else None


def venue_without_year(text: str | None) -> str | None:
    """``CVPR 2024`` → ``CVPR``; ``Arxiv 2023`` → ``arXiv``."""
    if not text:
        return None
    venue = str(text).strip()
    if _YEAR.search(venue):
        venue = _YEAR.sub("", venue).replace("()", "").strip(" -,.'·|/:;")
    if not venue:
        return None
    return "arXiv" if venue.lower() == "arxiv" else venue


def _strip_latex(text: str) -> str:
    if "\\" not in text and "{" not in text and "$" not in text:
        return text
    from pylatexenc.latex2text import LatexNodes2Text

    try:
        return LatexNodes2Text(math_mode="verbatim").latex_to_text(text)
    except Exception:  # pylatexenc raises assorted errors on broken input; fall back to raw text
        return text.replace("{", "").replace("}", "")


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def normalise_title(title: str | None) -> str:
    """Title reduced for matching: LaTeX decoded, full-width folded (NFKC), accents, case and
    punctuation removed, spaces collapsed. ``{EarthGPT}: A …`` and ``ＥａｒｔｈＧＰＴ: a …`` agree."""
    if not title:
        return ""
    text = _strip_latex(title)
    if text.isascii():  # NFKC and accents change nothing: the fast way, same result
        return " ".join(_NOT_ALNUM.sub(" ", text.lower()).split())
    text = unicodedata.normalize("NFKC", text)
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c if c.isalnum() else " " for c in text if not unicodedata.combining(c))
    return " ".join(text.split())
