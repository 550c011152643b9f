"""What the taxonomy widgets share: tag labels in the interface language, colour swatches and
chip colours readable in light and dark palettes, and error texts."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.display_text import visible
from ..core.errors import CatalogError
from ..core.taxonomy import TaxonomyError



def label(node, lang: str = "en") -> str:
    """A tag's (or facet's) label, the interface language's first, the other as fallback."""
    first, second = (node.label_zh, node.label_en) if lang == "zh" else (node.label_en, node.label_zh)
    return visible(first or second or getattr(node, "key", "") or "")


def both_labels(node) -> str:
    """Both labels for a tooltip: ``VQA · 视觉问答``."""
    return visible(" · ".join(t for t in (node.label_en, node.label_zh) if t))


# ---- colours -----------------------------------------------------------------------------------

def text_colour_on(color: str) -> str:
    """Black or white, whichever reads better on ``color`` (WCAG relative luminance)."""
    c = QColor(color)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
    return "#000000" if lum > 0.179 else "#ffffff"


@cache
def swatch(color: str | None, size: int = 12) -> QIcon:
    """A rounded square of the tag colour with a grey outline (visible on light and dark);
    blank (keeping the labels aligned) for tags without colour."""
    pixmap = QPixmap(size * 2, size * 2)  # drawn at 2x for high-dpi screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if color:
        painter.setPen(QColor("#808080"))
        painter.setBrush(QColor(color))
        painter.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 3, 3)
    painter.end()
    return QIcon(pixmap)


# ---- errors --------------------------------------------------------------------------------

def error_text(error: TaxonomyError) -> str:
    texts = {
        "missing": QCoreApplication.translate("TaxonomyUi", "That tag or facet no longer exists."),
        "empty_label": QCoreApplication.translate("TaxonomyUi", "Give it an English or a Chinese name."),
        "duplicate": QCoreApplication.translate("TaxonomyUi", "Another tag in this facet already has that name or synonym."),
        "cycle": QCoreApplication.translate("TaxonomyUi", "A tag cannot go under itself or one of its own sub-tags."),
        "cross_facet": QCoreApplication.translate("TaxonomyUi", "Tags can only be moved or merged within their facet."),
        "same_tag": QCoreApplication.translate("TaxonomyUi", "A tag cannot be merged into itself."),
        "bad_key": QCoreApplication.translate("TaxonomyUi", "That facet name cannot be used."),
        "bad_colour": QCoreApplication.translate("TaxonomyUi", "That is not a colour."),
        "duplicate_synonym": QCoreApplication.translate("TaxonomyUi", "That synonym already belongs to another tag."),
        "duplicate_view": QCoreApplication.translate("TaxonomyUi", "There is already a saved view with that name."),
    }
    return texts.get(error.code, str(error))


def attempt(parent: QWidget, action: Callable[[], object]) -> object | None:
    """Run a taxonomy edit; a refused edit (or a catalog that cannot be written just now) shows
    why and returns None."""
    try:
        return action()
    except TaxonomyError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("TaxonomyUi", "Tags"), error_text(exc))
    except CatalogError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("TaxonomyUi", "Tags"), str(exc))
    return None
