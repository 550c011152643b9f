"""Personal names as reference files write them and as the catalog shows them.

The catalog keeps each author as one display string: ``Julius Rückin`` (given name first) for
names in Latin script, ``李明`` (family name first, no space, no comma) for Chinese, Japanese
and Korean names, whatever order the file used (``李, 明``, ``李 明`` and ``李明`` all give
``李明``). :func:`family_name` finds the family name again for citation keys.
"""

from __future__ import annotations

from collections.abc import Callable

from bibtexparser.middlewares.names import NameParts, parse_single_name_into_parts

from .language import has_cjk

_SUFFIXES = ("jr", "sr", "ii", "iii", "iv")
# Two-character Chinese family names (the common ones); any other CJK name starts with a
# one-character family name.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 南宫 西门"
    " 百里 呼延 万俟 闻人 赫连 澹台 公羊 申屠 钟离 淳于 单于 太史 司空 第五 歐陽 司馬 諸葛 東方"
    " 皇甫 尉遲 長孫 夏侯 軒轅 令狐 鍾離".split()
)


def _plain(parts: list[str], decode: Callable[[str], str]) -> str:
    return " ".join(decode(p) for p in parts if p).strip()


def from_parts(parts: NameParts, decode: Callable[[str], str] = lambda s: s) -> str:
    """A display name from BibTeX's name parts (first, von, last, jr)."""
    first, von, last, jr = (_plain(p, decode) for p in (parts.first, parts.von, parts.last, parts.jr))
    if has_cjk(first + last):
        return "".join(part.replace(" ", "") for part in (von, last, first))  # family name first
    name = " ".join(p for p in (first, von, last) if p)
    return f"{name}, {jr}" if jr else name


def from_bibtex(raw: str, decode: Callable[[str], str] = lambda s: s) -> str:
    """One BibTeX name (``Last, First``, ``First von Last``, ``Last, Jr, First``)."""
    raw = raw.strip()
    if has_cjk(raw) and "," not in raw:
        return decode(raw).replace(" ", "")  # written order is family name first
    try:
        parts = parse_single_name_into_parts(raw, strict=False)
    except Exception:  # an unparseable name is kept as written
        return decode(raw)
    return from_parts(parts, decode)


def from_text(name: str) -> str:
    """A name from a RIS, CSV or CSL field: ``Last, First`` becomes ``First Last`` (``李, 明``
    becomes ``李明``); other names are kept."""
    name = " ".join(name.split())
    family, comma, given = name.partition(",")
    if has_cjk(name):
        return (family + given).replace(" ", "") if comma else name.replace(" ", "")
    if comma and given.strip() and "," not in given and given.strip().rstrip(".").lower() not in _SUFFIXES:
        return f"{given.strip()} {family.strip()}"
    return name


def family_name(name: str) -> str:
    """The family name in a display name (``Julius Rückin`` → ``Rückin``, ``欧阳修`` → ``欧阳``)."""
    name = name.strip()
    if not name:
        return ""
    if has_cjk(name):
        compact = name.replace(" ", "").split(",")[0]
        return compact[:2] if compact[:2] in COMPOUND_SURNAMES else compact[:1]
    if "," in name:
        head, _, rest = name.partition(",")
        # "John Smith, Jr." keeps the suffix after the comma; "Smith, John" puts the family first.
        return head.split()[-1] if rest.strip().rstrip(".").lower() in _SUFFIXES else head
    return name.split()[-1]



def to_bibtex(name: str) -> str:
    """A display name as BibTeX reads it back: ``John Smith, Jr.`` → ``Smith, Jr., John``."""
    name = " ".join(name.split())
    head, comma, tail = name.partition(",")
    if comma and tail.strip().rstrip(".").lower() in _SUFFIXES and len(head.split()) > 1:
        *given, family = head.split()
        name = f"{family}, {tail.strip()}, {' '.join(given)}"
    return name
