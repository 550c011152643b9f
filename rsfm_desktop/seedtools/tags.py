"""Tag labels for the bundled entries, in the English labels of the app's default taxonomy.

Task names of the 000 table map to the default task labels (``RS VQA`` -> ``VQA``); a task the
table did not use before stops the build, so a new name is reviewed instead of becoming a stray
tag. Modalities are tagged where a seed states them (``SAR``, ``红外``, ``高光谱`` ...). The
labels are spelled out here (not read from ``core.taxonomy``) so that building the catalog needs
no database packages; tests/unit/test_seed_catalog.py checks them against the default taxonomy.
"""

from __future__ import annotations

import re

from .text import SeedError

# The 000 table's task names (case-folded) -> default task labels.
_TASKS = {
    "scene classification": "Scene classification",
    "image caption": "Image captioning",
    "visual grounding": "Visual grounding",
    "rs vqa": "VQA",
    "object detection": "Object detection",
    "ship detection": "Ship detection",
    "image-text retrieval": "Image–text retrieval",
    "semantic segmentation": "Semantic segmentation",
    "semantic localization": "Semantic localisation",
    "change detection": "Change detection",
    "change caption": "Change captioning",
    "object counting": "Counting",
}


def task_labels(tasks: str) -> list[str]:
    """``Image Caption, RS VQA`` -> ``['Image captioning', 'VQA']``."""
    labels = []
    for task in filter(None, (t.strip() for t in tasks.split(","))):
        if task.casefold() not in _TASKS:
            raise SeedError(f"task {task!r} has no default task label (add it to seedtools/tags.py)")
        labels.append(_TASKS[task.casefold()])
    return list(dict.fromkeys(labels))


# (default task label, pattern naming it in a dataset's Chinese description)
_TASK_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("Scene classification", re.compile(r"场景分类")),
    ("Image captioning", re.compile(r"图像字幕|图像描述")),
    ("VQA", re.compile(r"视觉问答")),
    ("Object detection", re.compile(r"目标检测|对象检测")),
    ("Image–text retrieval", re.compile(r"检索")),
    ("Semantic segmentation", re.compile(r"语义分割")),
    ("Change detection", re.compile(r"变化检测")),
    ("Image generation", re.compile(r"图像生成|文本到图像的生成")),
)


def task_mentions(*texts: str | None) -> list[str]:
    """The tasks a dataset's description names, in the taxonomy's order."""
    joined = "\n".join(filter(None, texts))
    return [label for label, pattern in _TASK_PATTERNS if pattern.search(joined)]


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


# The survey tables' data types that name a non-image modality ("图像—文本对" pairs images with text).
_TYPE_MODALITIES = {
    "图像—文本对": ["Text"],
    "图像—文本—听觉": ["Text", "Audio"],
    "图像—音频样本": ["Audio"],
}


def dataset_modalities(data_type: str | None, *texts: str | None) -> list[str]:
    """A dataset's modalities: those its data type implies, then those its type or texts name."""
    implied = _TYPE_MODALITIES.get(data_type or "", [])
    return list(dict.fromkeys(implied + modality_labels(data_type, *texts)))
