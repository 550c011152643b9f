"""Render the app icon (PNG, ICO, ICNS) from a qtawesome glyph. Run once; outputs are committed.

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPainterPath
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"


def render(size: int) -> QImage:
    import qtawesome

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = size * 0.06
    rect = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    path = QPainterPath()
    path.addRoundedRect(rect, size * 0.2, size * 0.2)
    gradient = QLinearGradient(rect.topLeft(), rect.bottomRight())
    gradient.setColorAt(0, QColor("#1565c0"))
    gradient.setColorAt(1, QColor("#00897b"))
    painter.fillPath(path, gradient)
    glyph = qtawesome.icon("mdi6.satellite-variant", color="white").pixmap(int(size * 0.62))
    painter.drawPixmap(int((size - glyph.width()) / 2), int((size - glyph.height()) / 2), glyph)
    painter.end()
    return image


def main() -> None:
    app = QApplication.instance() or QApplication([])  # noqa: F841 (needed for fonts)
    OUT.mkdir(parents=True, exist_ok=True)
    render(256).save(str(OUT / "rsfm-desktop.png"))
    render(256).save(str(OUT / "rsfm-desktop.ico"))
    try:
        render(512).save(str(OUT / "rsfm-desktop.icns"))
    except Exception:  # noqa: BLE001 (ICNS writer is an optional Qt image plugin)
        pass


if __name__ == "__main__":
    main()
