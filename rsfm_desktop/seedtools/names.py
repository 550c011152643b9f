"""Deriving a paper's short model name, venue and year, and sorting its links."""

from __future__ import annotations

import re

from .text import arxiv_id_from, clean_text

_NAME_WORD = re.compile(r"^[A-Z0-9][\w+\-.]*$")
_NAMELIKE = re.compile(r"[A-Z0-9]")
_VENUE_YEAR = re.compile(r"^(.*?)\s*((?:19|20)\d\d)$")


def short_name(title: str) -> str | None:
    """``GeoChat`` from ``GeoChat: Grounded ...``: a one-word title prefix, or up to three
    capitalised words of which one looks like a name (``Remote Sensing ChatGPT``)."""
    head, sep, _ = title.partition(":")
    words = head.split()
    if not sep or not 1 <= len(words) <= 3 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if len(words) > 1 and not any(_NAMELIKE.search(w[1:]) for w in words):
        return None  # "Charting New Territories" is a phrase, not a model name
    return head.strip()


def venue_year(text: str | None) -> tuple[str | None, int | None]:
    """``('CVPR', 2024)`` from ``CVPR 2024``; ``Arxiv`` is spelled ``arXiv``."""
    text = clean_text(text)
    if text is None:
        return None, None
    match = _VENUE_YEAR.match(text)
    venue, year = (match.group(1), int(match.group(2))) if match else (text, None)
    if venue.casefold() == "arxiv":
        venue = "arXiv"
    return clean_text(venue), year


# One spelling per venue: the 000 table writes "TGRS 2024", "INT J APPL EARTH OBS 2022", "RS 2023"
# (MDPI Remote Sensing); the survey's references write "IEEE Transactions on Geoscience and Remote
# Sensing", "Proceedings of 2024 IEEE/CVF Conference on Computer Vision and Pattern Recognition".
# (pattern on the seed's venue, the catalog's venue); a venue no pattern matches is kept as written.
_VENUES: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(p, re.I), v) for p, v in (
    (r"computer vision and pattern recognition", "CVPR"),
    (r"international conference on computer vision", "ICCV"),
    (r"neural information processing systems", "NeurIPS"),
    (r"international conference on machine learning", "ICML"),
    (r"international conference on learning representations", "ICLR"),
    (r"aaai conference", "AAAI"),
    (r"transactions on geoscience and remote sensing", "TGRS"),
    (r"transactions on pattern analysis and machine intelligence", "TPAMI"),
    (r"selected topics in applied earth observations|\bJSTARS\b", "JSTARS"),
    (r"geoscience and remote sensing magazine", "GRSM"),
    (r"international geoscience and remote sensing symposium", "IGARSS"),
    (r"international journal of applied earth observation|^int j appl earth obs$", "Int. J. Appl. Earth Obs. Geoinf."),
    (r"^j syst eng electron$", "J. Syst. Eng. Electron."),
    (r"^(rs|remote sensing)$", "Remote Sens."),
))


def canonical_venue(venue: str | None) -> str | None:
    """``TGRS`` for "IEEE Transactions on Geoscience and Remote Sensing", ``CVPR`` for a CVPR
    proceedings, ``Remote Sens.`` for the 000 table's "RS"; other venues unchanged."""
    if venue is None:
        return None
    return next((short for pattern, short in _VENUES if pattern.search(venue)), venue)


def url_fields(paper_url: str | None, code_or_project: list[str]) -> dict[str, str]:
    """Paper, PDF, code and project URLs; GitHub links are code, other sites project pages."""
    values: dict[str, str] = {}
    if paper_url:
        values["paper_url"] = paper_url
        arxiv = arxiv_id_from(paper_url)
        if arxiv:
            values.update(arxiv_id=arxiv, pdf_url=f"https://arxiv.org/pdf/{arxiv}")
    for url in filter(None, map(clean_text, code_or_project)):
        field = "code_url" if "github.com/" in url else "project_url"
        values.setdefault(field, url)
    return values
