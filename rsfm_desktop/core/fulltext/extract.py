"""Text of a PDF, page by page, with PDFium (pypdfium2). Plain Python, no Qt.

pypdfium2 calls PDFium through ctypes, which lets go of Python's lock during each call: a
worker thread extracting a 500-page file leaves the window's thread free. PDFium itself is not
thread-safe: one :class:`_Lock` serialises every use in this process.

A file that cannot be read fully is reported, never raised: ``encrypted`` (a password is
needed to open it), ``damaged`` (not a PDF, or broken; pages read before the damage are kept),
``scanned`` (pages without any text: images of paper, which would need OCR), ``missing``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import QT_TRANSLATE_NOOP
from .normalise import normalise

INDEXED, ENCRYPTED, DAMAGED, SCANNED, MISSING = "indexed", "encrypted", "damaged", "scanned", "missing"
PROBLEMS = {
    ENCRYPTED: QT_TRANSLATE_NOOP("Fulltext", "needs a password"),
    DAMAGED: QT_TRANSLATE_NOOP("Fulltext", "damaged or not a PDF"),
    SCANNED: QT_TRANSLATE_NOOP("Fulltext", "no text (a scan?)"),
    MISSING: QT_TRANSLATE_NOOP("Fulltext", "file not found"),
}
_PDFIUM_PASSWORD, _PDFIUM_SECURITY = 4, 5
_LOCK = threading.RLock()


@dataclass
class Extracted:
    """The normalised text of each page (page 1 first) and how the reading went."""

    status: str
    pages: list[str] = field(default_factory=list)
    page_count: int | None = None
    message: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == INDEXED


def extract(path: Path, cancelled: Callable[[], bool] = lambda: False) -> Extracted:
    """Read every page's text; ``cancelled`` is asked between pages (then the pages so far)."""
    import pypdfium2 as pdfium

    path = Path(path)
    if not path.is_file():
        return Extracted(MISSING, message=str(path))
    with _LOCK:
        try:
            document = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            code = getattr(exc, "err_code", None)
            status = ENCRYPTED if code in (_PDFIUM_PASSWORD, _PDFIUM_SECURITY) else DAMAGED
            return Extracted(status, message=str(exc))
        except OSError as exc:
            return Extracted(MISSING if isinstance(exc, FileNotFoundError) else DAMAGED, message=str(exc))
    pages: list[str] = []
    try:
        count = len(document)
        for index in range(count):
            if cancelled():
                break
            with _LOCK:
                page = document[index]
                try:
                    textpage = page.get_textpage()
                    try:
                        raw = textpage.get_text_range()
                    finally:
                        textpage.close()
                finally:
                    page.close()
            pages.append(normalise(raw))
    except pdfium.PdfiumError as exc:
        return Extracted(DAMAGED, pages, len(pages), message=f"page {len(pages) + 1}: {exc}")
    finally:
        with _LOCK:
            document.close()
    if count and not any(pages):
        return Extracted(SCANNED, pages, count)
    return Extracted(INDEXED, pages, count)


def page_count(path: Path) -> int | None:
    """The number of pages, None when the file cannot be opened."""
    import pypdfium2 as pdfium

    with _LOCK:
        try:
            document = pdfium.PdfDocument(str(path))
        except (pdfium.PdfiumError, OSError):
            return None
        try:
            return len(document)
        finally:
            document.close()
