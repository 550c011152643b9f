"""Which language a text is in, told by its script: Chinese when CJK characters make up at
least :data:`ZH_SHARE` of its words (each CJK character counts as a word, as does each run
of Latin letters), so ``基于ViT-L的CLIP模型`` is Chinese and an English abstract that names
``遥感`` once is English.
"""

from __future__ import annotations

import re
from typing import Any

ZH_SHARE = 0.3
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af\U00020000-\U0002fa1f]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def has_cjk(text: str | None) -> bool:
    return bool(text) and CJK.search(text) is not None


def cjk_share(text: str | None) -> float:
    if not text:
        return 0.0
    cjk = len(CJK.findall(text))
    if not cjk:
        return 0.0
    return cjk / (cjk + len(_LATIN_WORD.findall(text)))


def is_chinese(text: str | None) -> bool:
    return cjk_share(text) >= ZH_SHARE


def place(values: dict[str, Any], text: str | None, zh_key: str, en_key: str,
          declared: str | None = None) -> str | None:
    """Put ``text`` under ``zh_key`` or ``en_key`` by its language. When that one is taken,
    the field it was ``declared`` in (if free) takes it; returns the key used, None when
    nothing was placed."""
    if not text:
        return None
    for key in (zh_key if is_chinese(text) else en_key, declared):
        if key and not values.get(key):
            values[key] = text
            return key
    return None
