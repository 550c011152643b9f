"""Text pasted from the clipboard: BibTeX, RIS, CSL-JSON, the app's JSON or a Markdown list as
a file would be read; otherwise a list of identifiers (arXiv ids, DOIs, links), one or more a line, each of
which becomes an entry with its links filled in, no network needed:

* an arXiv id (``2311.15826``, ``arXiv:2311.15826v2``, an arxiv.org link) → ``arxiv_id``,
  ``paper_url`` https://arxiv.org/abs/…, ``pdf_url`` https://arxiv.org/pdf/…;
* a DOI (``10.1109/TGRS.2024.1``, ``doi:…``, a doi.org link) → ``doi``, ``paper_url``
  https://doi.org/…;
* any other http(s) link → ``code_url`` for a code host (GitHub, Hugging Face…), else
  ``paper_url``.

The identifier stands in for the title until the entry is edited. Words that are none of
these are skipped with a warning naming their line.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..fields import Kind
from . import identifiers
from .detect import _BIBTEX, _HEAD, _MD_LINK_ITEM, _MD_TABLE, _RIS, parse_text
from .record import Format, ImportBatch, ImportFormatError, ImportRecord

SOURCE = "clipboard"
_TOKEN = re.compile(r"[^\s,;<>\"'()\[\]]+")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_JSON_START = re.compile(r"\{|\[\s*[\[{\]\"]")  # an object or array, not a Markdown link "[text](url)"


def identifier_record(token: str, line: int) -> ImportRecord | None:
    """The entry a single identifier stands for, or None when it is none."""
    token = token.strip().rstrip(".,;")
    arxiv = identifiers.arxiv_id(token)
    if arxiv:
        return ImportRecord(Kind.PAPER, {
            "title": f"arXiv:{arxiv}", "arxiv_id": arxiv, "venue": "arXiv",
            "paper_url": f"https://arxiv.org/abs/{arxiv}", "pdf_url": f"https://arxiv.org/pdf/{arxiv}"}, line)
    doi = identifiers.doi(token)
    if doi:
        return ImportRecord(Kind.PAPER, {"title": f"doi:{doi}", "doi": doi, "paper_url": f"https://doi.org/{doi}"},
                            line)
    if _URL.match(token):
        slot = "code_url" if identifiers.is_code_url(token) else "paper_url"
        return ImportRecord(Kind.PAPER, {"title": token, slot: token}, line)
    return None


def identifier_batch(text: str, source: str = SOURCE) -> ImportBatch:
    """Entries for the identifiers in ``text`` (see the module docstring)."""
    batch = ImportBatch(source, Format.CSV, [])
    for number, line in enumerate(text.splitlines(), start=1):
        for token in _TOKEN.findall(line):
            record = identifier_record(token, number)
            if record is not None:
                batch.records.append(record)
            else:
                batch.warnings.append(f"{source}, line {number}: skipped: {token!r} is not an arXiv id, DOI or link")
    if not batch.records:
        raise ImportFormatError(source, None, "no BibTeX, RIS or JSON, and no arXiv id, DOI or link")
    return batch


def looks_like_a_file(text: str) -> bool:
    """BibTeX, RIS, JSON or a Markdown table or list of links rather than a list of identifiers
    (the same signs :func:`.detect.detect` reads the format by)."""
    head = text[:_HEAD].lstrip("\ufeff \t\r\n")
    return bool(_JSON_START.match(head) or _RIS.match(head) or _BIBTEX.search(head) or _MD_TABLE.search(head)
                or _MD_LINK_ITEM.search(head))


def parse_pasted(text: str, source: str = SOURCE) -> ImportBatch:
    """The records of pasted text: as a file when it is one, else its identifiers."""
    text = text.replace("\r\n", "\n").strip("\ufeff")
    if looks_like_a_file(text):
        return parse_text(text, str(Path(source)))
    return identifier_batch(text, source)
