"""The PDF reader: QtPdf's view in a window of its own, with find, zoom and quotes into notes."""
