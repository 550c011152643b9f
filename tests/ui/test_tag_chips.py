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


def test_a_row_switch_reuses_the_chips_it_made_and_shows_a_renamed_tag_anew(window, qtbot):
    """Every row switch built a new chip widget (with its layout, label and button) for each
    tag and deleted the last entry's: the largest part of the tags' share of a row switch.
    Chips are now kept per facet and shown again; a tag renamed since gets a chip of its own."""
    from PySide6.QtCore import QCoreApplication, QEvent

    tax = window.catalog.taxonomy
    papers = window.catalog.imports.ids_with_tag(Kind.PAPER, "MLLM")[:2]
    chips = window.taxonomy_controller.chips
    [mllm] = tax.resolve("MLLM")

    def shown_chip():
        return next(c for c in chips.chip_widgets() if c.property("tagId") == mllm)

    window.jump_to(Kind.PAPER, papers[0])
    first = shown_chip()
    window.jump_to(Kind.PAPER, papers[1])
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert shown_chip() is first and first.isVisible()  # the same widget, shown again
    shown = {c.property("tagId") for c in chips.chip_widgets()}
    assert shown == {t.id for t in tax.entry_tags(Kind.PAPER, [papers[1]])[papers[1]]}
    assert all(c.isVisible() for c in chips.chip_widgets())

    window.undo_stack.push_done(tax.rename_tag(mllm, "Multimodal LLM"))
    window.jump_to(Kind.PAPER, papers[0])
    renamed = shown_chip()
    assert renamed is not first and not first.isVisible()
    assert renamed.findChild(QLabel).text() == "Multimodal LLM"
