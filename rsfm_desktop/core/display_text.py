"""Catalog text made safe to show: the invisible control characters that change the direction of
text (an imported title ``"evil\u202eFDP.exe"`` shows as ``evilexe.PDF``) are shown as visible
markers instead, so a title, a name or a link can never be disguised. Stored text is never
changed; only what is shown. Plain Python."""

from __future__ import annotations

import re

# Bidirectional formatting characters (Unicode UAX #9): marks, embeddings, overrides, isolates.
BIDI_CONTROLS = (
    "\u061c"  # ARABIC LETTER MARK
    "\u200e\u200f"  # LEFT-TO-RIGHT / RIGHT-TO-LEFT MARK
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
)
_CONTROLS = re.compile(f"[{BIDI_CONTROLS}]")


def visible(text: str) -> str:
    """``text`` with each direction control shown as ``⟨U+202E⟩`` (unchanged when it has none:
    the common case costs one regular-expression search)."""
    if not text or not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)
