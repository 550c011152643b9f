"""The facets and tags every catalog starts with.

Pretraining paradigms follow the survey in the seed ``002`` (single-modal: contrastive or masked
generative self-supervision; multimodal: image–text, image–non-text, generative). ``Reading
status`` is an example of a user facet. Applied once per catalog (``meta`` remembers it), so a
default tag the user deleted never comes back on the next start.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..store import sql
from ..store.writes import Tx
from .labels import LabelIndex, insert_synonym

DEFAULTS_VERSION = "1"
_META_KEY = "taxonomy_defaults"


@dataclass(frozen=True)
class DefaultTag:
    en: str
    zh: str
    color: str | None = None
    synonyms: tuple[str, ...] = ()
    children: tuple["DefaultTag", ...] = ()


@dataclass(frozen=True)
class DefaultFacet:
    key: str
    en: str
    zh: str
    tags: tuple[DefaultTag, ...] = field(default_factory=tuple)


T = DefaultTag

DEFAULT_FACETS: tuple[DefaultFacet, ...] = (
    DefaultFacet("family", "Model family", "模型类别", (
        T("MLLM", "多模态大语言模型", "#d9485f", ("Multimodal large language model",)),
        T("VLM", "视觉语言模型", "#3b82c4", ("Vision-language model",)),
        T("Agent", "智能体", "#2f9e6f", ("LLM agent",)),
        T("Other", "其他", "#8a8f98"),
    )),
    DefaultFacet("modality", "Modality", "数据模态", (
        T("Optical/RGB", "光学/RGB", "#4c9be8", ("Optical", "RGB")),
        T("Multispectral", "多光谱", "#5bb98b", ("MSI", "Multi-spectral")),
        T("Hyperspectral", "高光谱", "#9b6fd1", ("HSI", "Hyper-spectral")),
        T("SAR", "合成孔径雷达", "#c07a2c", ("Synthetic aperture radar",)),
        T("Infrared", "红外", "#d35d47", ("IR", "Thermal infrared")),
        T("Panchromatic", "全色", "#7d8590", ("PAN",)),
        T("Time series", "时间序列", "#3aa6a0", ("Satellite image time series", "SITS")),
        T("Street view", "街景", "#a3814f"),
        T("Audio", "音频", "#c2569b"),
        T("Location", "地理位置", "#6b8e23", ("Geolocation",)),
        T("Text", "文本", "#5a6ebf"),
    )),
    DefaultFacet("task", "Task", "任务", (
        T("Scene classification", "场景分类", None, ("Image classification",)),
        T("Image captioning", "图像描述", None, ("Image Caption", "Captioning", "图像字幕生成")),
        T("Visual grounding", "视觉定位", None, ("Referring expression comprehension",)),
        T("VQA", "视觉问答", None, ("RS VQA", "Visual question answering")),
        T("Object detection", "目标检测", None, (), (
            T("Ship detection", "舰船检测"),
        )),
        T("Image–text retrieval", "图文检索", None, ("Cross-modal retrieval", "跨模态检索")),
        T("Semantic segmentation", "语义分割"),
        T("Change detection", "变化检测"),
        T("Change captioning", "变化描述", None, ("Change Caption",)),
        T("Counting", "目标计数", None, ("Object Counting",)),
        T("Semantic localisation", "语义定位", None, ("Semantic Localization",)),
        T("Geo-localisation", "地理定位", None, ("Image geolocalization",)),
        T("Image generation", "图像生成", None, ("Text-to-image generation",)),
    )),
    DefaultFacet("paradigm", "Pretraining paradigm", "预训练范式", (
        T("Single-modal", "单模态预训练", "#4c9be8", ("Unimodal",), (
            T("Contrastive self-supervised", "自监督对比学习", None, ("Contrastive learning",)),
            T("Masked generative", "自监督掩码生成", None, ("Masked image modeling", "MIM")),
        )),
        T("Multimodal", "多模态预训练", "#d9485f", ("Multi-modal",), (
            T("Image–text", "图像—文本", None, ("Vision-language pretraining",)),
            T("Image–non-text", "图像—非文本", None, (), (
                T("Location", "图像—位置", None, ("Image–location",)),
                T("Audio", "图像—音频", None, ("Image–audio",)),
                T("Street view", "图像—街景", None, ("Image–street view",)),
            )),
            T("Generative", "遥感图像生成", None, ("Generative foundation model",)),
        )),
    )),
    DefaultFacet("reading_status", "Reading status", "阅读状态", (
        T("To read", "待读", "#8a8f98"),
        T("Reading", "在读", "#e0a400"),
        T("Read", "已读", "#2f9e6f"),
        T("Re-read", "重读", "#3b82c4"),
    )),
)


def ensure_default_taxonomy(tx: Tx) -> bool:
    """Create the default facets and tags once; returns whether anything was applied.

    Tags that already exist in a facet (same label or synonym, e.g. from an import) are reused.
    """
    if sql.first(tx.conn, "SELECT value FROM meta WHERE key = :k", {"k": _META_KEY}) is not None:
        return False
    index = LabelIndex.load(tx.conn)
    for position, facet in enumerate(DEFAULT_FACETS):
        facet_id = index.facet_id(facet.key)
        if facet_id is None:
            facet_id = tx.insert_row("facet", {"key": facet.key, "label_en": facet.en, "label_zh": facet.zh,
                                               "position": position})
            index.facets[facet.key] = facet_id
        _add_tags(tx, index, facet_id, None, facet.tags)
    tx.put_meta(_META_KEY, DEFAULTS_VERSION)
    return True


def _add_tags(tx: Tx, index: LabelIndex, facet_id: int, parent_id, tags) -> None:
    for position, tag in enumerate(tags):
        tag_id = index.find(facet_id, tag.en)
        if tag_id is None:
            tag_id = tx.insert_row("tag", {"facet_id": facet_id, "parent_id": parent_id, "label_en": tag.en,
                                           "label_zh": tag.zh, "color": tag.color, "position": position})
            index.add(facet_id, tag_id, tag.en, tag.zh)
        for text in tag.synonyms:
            if index.find(facet_id, text) is None and insert_synonym(tx, tag_id, text):
                index.add_synonym(facet_id, tag_id, text)
        _add_tags(tx, index, facet_id, tag_id, tag.children)
