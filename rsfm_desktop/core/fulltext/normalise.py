"""Text from PDFs as the index and the quotes want it.

PDF text carries compatibility characters a search box never types: no-break spaces (U+00A0),
no-break hyphens (U+2011), ligatures (ﬁ), full-width Latin (ＣＬＩＰ), soft hyphens, and PDFium's
own markers (U+0002 where a word was hyphenated at a line end, U+FFFE), and CJK radicals that
stand for characters. NFKC folds most of them; the rest are mapped here. Line ends become ``\\n``.
"""

from __future__ import annotations

import re
import unicodedata

# Fonts often share one glyph between a radical and the character it looks like, and PDF writers
# then map it to the radical (U+2E80 block, which NFKC leaves alone): "第一⻚" for "第一页".
_RADICALS = dict(zip(map(ord, "⻅⻆⻉⻋⻓⻔⻙⻚⻛⻜⻢⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳⻫⻭⻯⻲⺠⻄⻝⺟"),
                     "见角贝车长门韦页风飞马鱼鸟卤麦黄黾齐齿龙龟斉歯竜亀民西食母"))
_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2212"), "-")
_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffe"), None)
_LINE_END_HYPHEN = re.compile(r"[-\u2010\u2011]?\x02\r?\n?")  # PDFium: a word broken at a line end
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u3000]+")
_TABLE = {**_HYPHENS, **_DROP, **_RADICALS}
_ODD = re.compile("[" + "".join(map(chr, _TABLE)) + "]")
_BLANK_LINES = re.compile(r" *\n[ \n]*")


def normalise(text: str) -> str:
    """NFKC, hyphens and spaces made plain, words broken at line ends joined, ``\\n`` lines.

    A page is one pass of each step over the whole text, and a step is skipped when the text
    has nothing for it (most pages need no NFKC change and no mapped character): about 1 ms
    for 3,000 characters instead of 5 (``str.translate`` with a dict is slow on CJK text).
    """
    if not text:
        return ""
    if "\x02" in text:
        text = _LINE_END_HYPHEN.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    if _ODD.search(text):
        text = text.translate(_TABLE)
    text = _SPACES.sub(" ", _CONTROL.sub(" ", text))
    return _BLANK_LINES.sub("\n", text).strip(" \n")
