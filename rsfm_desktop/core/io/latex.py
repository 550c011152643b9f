"""LaTeX in BibTeX values: decoded on import, escaped on export, never typeset.

Decoding turns macros into characters (``R{\\"u}ckin`` → Rückin, ``50\\%`` → 50%) but keeps
``--``, ``---``, backquotes and doubled apostrophes as they are: a note or abstract that says
``--`` means two hyphens, and a Markdown ``---`` rule must stay one. Escaping is the reverse,
plus what would break the file: an ``@`` opening a line (which a parser would take for the
start of a new entry) is written ``{@}``, and a lone brace ``\\{``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Accent macros, by far the most common LaTeX in .bib files, are decoded here directly:
# pylatexenc costs about a millisecond per value.
_COMBINING = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
              ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328", "r": "\u030a"}
_ACCENT = re.compile(r"\{?\\([\"'`^~=.]|[uvHckr](?=[\s{]))\s*\{?([A-Za-z])\}?\}?")
_MARKUP = re.compile(r"[\\{}$~]")
# What LaTeX would typeset (ligatures) or swallow (an unescaped %, a comment in LaTeX but
# plain text to BibTeX) is kept literally, each held by a private-use character meanwhile.
_LITERAL = re.compile(r"(?<!\\)(---|--|``|''|`|%)")
_HELD = {"---": "\ue000", "--": "\ue001", "``": "\ue002", "''": "\ue003", "`": "\ue004", "%": "\ue005"}
_RELEASED = {mark: text for text, mark in _HELD.items()}
_PRIVATE = re.compile("[\ue000-\ue005]")
_LINE_AT = re.compile(r"(?m)^([ \t]*)@")


def _accent(m: re.Match) -> str:
    return m.group(2) + _COMBINING[m.group(1)]


@lru_cache(maxsize=1)
def _decoder():
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    db = get_default_latex_context_db()
    db.add_context_category("rsfm", prepend=True, macros=[
        MacroTextSpec("url", simplify_repl="%s"),
        MacroTextSpec("textasciicircum", simplify_repl="^"),  # not the modifier letter ˆ
        MacroTextSpec("textasciitilde", simplify_repl="~"),
    ])
    return LatexNodes2Text(latex_context=db, keep_braced_groups=False, math_mode="verbatim")


@lru_cache(maxsize=1)
def _encoder():
    """Accents and specials escaped in braces, CJK kept as UTF-8, double quotes kept (plain
    text inside braces)."""
    from pylatexenc import latexencode as le

    rules = [le.UnicodeToLatexConversionRule(le.RULE_DICT, {ord('"'): '"'})]
    return le.UnicodeToLatexEncoder(
        conversion_rules=rules + le.get_builtin_conversion_rules("defaults"),
        unknown_char_policy="keep", unknown_char_warning=False,
        replacement_latex_protection="braces-all",
    )


def decode(value: str) -> str:
    """A BibTeX value as plain text."""
    if not _MARKUP.search(value):
        return value
    simple = _ACCENT.sub(_accent, value)
    if not _MARKUP.search(simple.replace("{", "").replace("}", "")):
        return unicodedata.normalize("NFC", simple.replace("{", "").replace("}", ""))
    protect = not _PRIVATE.search(value)
    if protect:
        value = _LITERAL.sub(lambda m: _HELD[m.group(1)], value)
    try:
        out = _decoder().latex_to_text(value)
    except Exception:  # pylatexenc raises assorted errors on broken input: keep the raw text
        out = value.replace("{", "").replace("}", "")
    if protect:
        out = _PRIVATE.sub(lambda m: _RELEASED[m.group(0)], out)
    return unicodedata.normalize("NFC", out.replace("\xa0", " "))


def encode(value: str) -> str:
    """Plain text as a BibTeX value that reads back as the same text."""
    out = _encoder().unicode_to_latex(value)
    return _LINE_AT.sub(r"\1{@}", out)
