"""Tag labels for the bundled entries, in the words of the default taxonomy.

Task names of the 000 table are mapped to the default task labels through the labels and
synonyms the taxonomy itself declares (``RS VQA`` -> ``VQA``), so the two never disagree.
Modalities are tagged where a seed states them (``SAR``, ``红外``, ``高光谱`` ...).
"""

from __future__ import annotations

import re
from functools import cache

from ..core.taxonomy.defaults import DEFAULT_FACETS
from ..core.taxonomy.labels import fold


@cache
def _canonical(facet_key: str) -> dict[str, str]:
    """Folded label, Chinese label or synonym -> English label of the facet's default tags."""
    table: dict[str, str] = {}

    def walk(tags):
        for tag in tags:
            for text in (tag.en, tag.zh, *tag.synonyms):
                table.setdefault(fold(text), tag.en)
            walk(tag.children)

    for facet in DEFAULT_FACETS:
        if facet.key == facet_key:
            walk(facet.tags)
    return table


def canonical(facet_key: str, label: str) -> str:
    """The default taxonomy's label for ``label`` (itself when the taxonomy has no such tag)."""
    return _canonical(facet_key).get(fold(label), label.strip())


def task_labels(tasks: str) -> list[str]:
    """``Image Caption, RS VQA`` -> ``['Image captioning', 'VQA']``."""
    labels = [canonical("task", t) for t in tasks.split(",") if t.strip()]
    return list(dict.fromkeys(labels))


# (default modality label, pattern stating it in a seed's text)
_MODALITY_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("Optical/RGB", re.compile(r"光学|可见光|RGB|\boptical\b", re.I)),
    ("Multispectral", re.compile(r"多光谱|multi-?spectral|Sentinel-2|Landsat", re.I)),
    ("Hyperspectral", re.compile(r"高光谱|hyper-?spectral", re.I)),
    ("SAR", re.compile(r"\bSAR\b|合成孔径雷达|synthetic aperture radar|Sentinel-1", re.I)),
    ("Infrared", re.compile(r"红外|infrared", re.I)),
    ("Panchromatic", re.compile(r"全色|panchromatic", re.I)),
    ("Time series", re.compile(r"时间序列|时序|多时相|multi-temporal|time series", re.I)),
    ("Street view", re.compile(r"街景|street view", re.I)),
    ("Audio", re.compile(r"音频|听觉|audio", re.I)),
    ("Location", re.compile(r"地理位置|地理定位|位置嵌入|位置表示|geo-?locali[sz]ation|location embedding", re.I)),
)


def modality_labels(*texts: str | None) -> list[str]:
    """The modalities the texts name, in the taxonomy's order."""
    joined = "\n".join(filter(None, texts))
    return [label for label, pattern in _MODALITY_PATTERNS if pattern.search(joined)]
