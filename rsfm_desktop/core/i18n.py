"""Marking strings for translation in Qt-free code.

``QT_TRANSLATE_NOOP(context, text)`` returns ``text`` unchanged; Qt's ``lupdate`` finds the
call by name and extracts the string, and the UI translates it at display time with
``QCoreApplication.translate(context, text)``.
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (Qt's name, for lupdate)
    return text


# The context of field and column labels (core/fields.py, core/columns.py).
FIELDS_CONTEXT = "Fields"
