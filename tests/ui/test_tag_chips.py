"""Tag chips are painted, not styled: a style sheet per chip cost the GUI thread some 4 ms
each at every row switch. They still show each tag's colour, with readable text on it."""

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

from rsfm_desktop.core.fields import Kind


def test_chips_paint_their_colour_without_a_style_sheet(window, qtbot):
    tax = window.catalog.taxonomy
    [mllm] = tax.resolve("MLLM")
    tax.recolour_tag(mllm, "#cc0000")
    paper = window.catalog.imports.ids_with_tag(Kind.PAPER, "MLLM")[0]
    window.jump_to(Kind.PAPER, paper)
    uncoloured = {t.id for t in tax.entry_tags(Kind.PAPER, [paper])[paper] if not t.color}
    chips = window.taxonomy_controller.chips
    coloured = next(c for c in chips.chip_widgets() if c.property("tagId") == mllm)
    plain = next(c for c in chips.chip_widgets() if c.property("tagId") in uncoloured)
    assert all(not c.styleSheet() for c in chips.chip_widgets())
    qtbot.waitUntil(lambda: coloured.width() > 20)
    image = coloured.grab().toImage()
    middle = image.pixelColor(image.width() // 2, image.height() - 3)  # inside the pill, below the text
    assert (middle.red(), middle.green(), middle.blue()) == (0xcc, 0, 0)
    ink = coloured.findChild(QLabel).palette().color(QPalette.ColorRole.WindowText)
    assert ink == QColor("#ffffff")  # white reads better on dark red
    assert plain.findChild(QLabel).foregroundRole() == QPalette.ColorRole.ButtonText
