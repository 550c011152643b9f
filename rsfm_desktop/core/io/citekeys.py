"""Citation keys for entries that have none, from a JabRef-style pattern.

The default :data:`DEFAULT_PATTERN` is ``[auth:lower][year][shorttitle:lower]``:
``zhang2024earthgptuniversalmultimodal``. Fields: ``[auth]`` (the first author's family name),
``[authors]`` (every family name), ``[year]``, ``[shorttitle]`` (the first three words of the
title, function words left out, each capitalised), ``[veryshorttitle]`` (the first such word),
``[shortname]`` (the model name); modifiers ``:lower`` and ``:upper``; anything outside
brackets is copied. Chinese names and titles are written in pinyin (``李明`` → ``Li``), with
the surname readings of polyphonic characters (``曾`` → ``Zeng``, ``单`` → ``Shan``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from .language import CJK, has_cjk
from .names import family_name

DEFAULT_PATTERN = "[auth:lower][year][shorttitle:lower]"
FUNCTION_WORDS = frozenset(
    "a an and as at but by for from in into is are of on or over the to towards toward under via with"
    " without".split()
)
_CJK_FUNCTION = frozenset("的之与和及在于对")
# Readings of characters that are read differently as a surname.
_SURNAMES = {"曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha", "朴": "piao",
             "盖": "ge", "乐": "yue", "翟": "zhai", "覃": "qin", "缪": "miao", "种": "chong", "秘": "bi",
             "尉迟": "yuchi", "万俟": "moqi", "长孙": "zhangsun", "澹台": "tantai", "单于": "chanyu",
             "华": "hua", "任": "ren", "沈": "shen", "纪": "ji", "燕": "yan", "葛": "ge", "员": "yun",
             "阚": "kan", "隗": "wei", "藏": "zang", "句": "gou", "长": "chang", "重": "chong"}
_FIELD = re.compile(r"\[([a-z]+)(?::(lower|upper))?\]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_KEY_SAFE = re.compile(r"[^A-Za-z0-9_:.\-]")


def pinyin(text: str, surname: bool = False) -> str:
    """Chinese characters as toneless pinyin syllables, each capitalised; other text kept."""
    if surname and text in _SURNAMES:
        return _SURNAMES[text].capitalize()
    from pypinyin import Style, lazy_pinyin

    return "".join(s.capitalize() for s in lazy_pinyin(text, style=Style.NORMAL, errors="default"))


def ascii_word(text: str) -> str:
    """Letters and digits only, accents dropped (``Rückin`` → ``Ruckin``), CJK in pinyin."""
    if has_cjk(text):
        text = pinyin(text)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]", "", folded)


def _family(author: str) -> str:
    family = family_name(author)
    return pinyin(family, surname=True) if has_cjk(family) else ascii_word(family)


def _title_words(title: str) -> list[str]:
    words: list[str] = []
    for word in _WORD.findall(title or ""):
        if has_cjk(word):  # each character a word; the Latin parts of a mixed word kept whole
            for part in re.findall(f"{CJK.pattern}|[^\\W_]+?(?={CJK.pattern}|$)", word):
                if part not in _CJK_FUNCTION:
                    words.append(part)
        elif word.lower() not in FUNCTION_WORDS:
            words.append(word)
    return [w for w in (ascii_word(w) for w in words) if w]


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def _field(name: str, values: dict[str, Any], title: str) -> str:
    authors = [a for a in values.get("authors") or [] if a.strip()]
    if name == "auth":
        return _family(authors[0]) if authors else ""
    if name == "authors":
        return "".join(_family(a) for a in authors)
    if name == "year":
        return str(values.get("year") or "")
    if name == "shorttitle":
        return "".join(_capitalised(w) for w in _title_words(title)[:3])
    if name == "veryshorttitle":
        words = _title_words(title)
        return _capitalised(words[0]) if words else ""
    if name == "shortname":
        return ascii_word(values.get("short_name") or "")
    return ""


def generate(values: dict[str, Any], title: str, pattern: str = DEFAULT_PATTERN) -> str:
    """The key the pattern gives for an entry (``title`` is its title or dataset name).

    An entry without authors is keyed by its model name instead of ``[auth]``; a key that
    comes out empty is ``anon``.
    """
    def substitute(m: re.Match) -> str:
        name, case = m.group(1), m.group(2)
        text = _field(name, values, title)
        if name == "auth" and not text:
            text = ascii_word(values.get("short_name") or "") or "anon"
        return text.lower() if case == "lower" else text.upper() if case == "upper" else text

    key = _KEY_SAFE.sub("", _FIELD.sub(substitute, pattern))
    return key or "anon"


def _suffix(n: int) -> str:
    letters = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters


def unique(keys: Iterable[tuple[str | None, str]]) -> list[str]:
    """Keys for ``(kept key or None, generated key)`` pairs, in order: kept keys are written as
    they are (a repeated one gets a suffix), generated ones get ``a``, ``b``… when taken."""
    pairs = list(keys)
    taken = {k for k, _ in pairs if k}
    used: set[str] = set()
    out = []
    for kept, generated in pairs:
        key = kept
        if not kept or kept in used:
            base, n = kept or generated, 0
            key = base
            while key in used or (key in taken and key != kept) or (kept and key == kept):
                n += 1
                key = f"{base}{_suffix(n)}"
        used.add(key)
        out.append(key)
    return out
