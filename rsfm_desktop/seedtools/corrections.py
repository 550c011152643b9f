"""Hand-reviewed fixes to what the seeds say, each with the reason it is needed.

Seed records are found by their seed number and provenance locator (``"001"``,
``"list entry 2 under '...'"``); a fix that no longer finds its record fails the build, so a
changed seed cannot silently skip a correction.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import SeedError, from_seed

_VL_HEADING = "Visual-Language Remote Sensing Goundation Models 视觉-语言遥感基础模型"
_V_HEADING = "Visual Remote Sensing Foundation Models 视觉遥感基础模型"


@dataclass(frozen=True)
class Fix:
    seed: str  # "000" .. "003"
    locator: str
    values: dict
    reason: str
    tags: dict | None = None  # facet -> labels, replacing the record's labels of that facet
    replace: tuple[tuple[str, str, str], ...] = ()  # (field, seed's text, corrected text)


PAPER_FIXES: tuple[Fix, ...] = (
    Fix("001", f"list entry 1 under '{_VL_HEADING}'",
        {"title": "GeoLangBind: Unifying Earth Observation with Agglomerative Vision-Language "
                  "Foundation Models", "short_name": "GeoLangBind"},
        # The title line reads "SGeoLangBind: ..."; the summary, the arXiv paper 2503.06312 and
        # the heading note ("提出GeoLangBind") all name the model GeoLangBind.
        "stray leading 'S' in the title"),
    Fix("001", f"list entry 2 under '{_VL_HEADING}'",
        {"title": "SegEarth-OV: Towards Training-Free Open-Vocabulary Segmentation for Remote "
                  "Sensing Images", "short_name": "SegEarth-OV",
         "remark": "种子列表中此条标题误写为 SkySense-O；其链接（arXiv 2410.01768、SegEarth-OV 主页与代码）"
                   "与摘要（SimFeatUp 免训练上采样器）均属于 SegEarth-OV，已据此更正。"
                   " The seed list titles this entry SkySense-O, but its links and summary are "
                   "SegEarth-OV's; the real SkySense-O is the next entry."},
        # The entry's arXiv id, project page, code and summary are SegEarth-OV's; only the
        # title line was copied from the following (real) SkySense-O entry.
        "title disagrees with the entry's links and summary"),
    Fix("001", f"list entry 3 under '{_V_HEADING}'",
        {"year": 2024},
        # Listed under "2023." but its arXiv id 2410.22629 dates it October 2024.
        "year contradicts the arXiv id"),
    Fix("000", "table row 34", {"year": 2024},
        # "Arxiv 2023", but arXiv 2401.17600 was first posted in January 2024.
        "year contradicts the arXiv id"),
    Fix("001", f"list entry 5 under '{_V_HEADING}'",
        {"title": "RingMo: A Remote Sensing Foundation Model with Masked Image Modeling"},
        # The title line ends in "论文" ("paper"), a label, not part of the title.
        "trailing label glued to the title"),
    Fix("001", f"list entry 6 under '{_VL_HEADING}'",
        {"arxiv_id": "2306.11300"},
        # "RS5M: A Large Scale Vision-Language Dataset for Remote Sensing Vision-Language Model"
        # is the first arXiv title of 2306.11300 (000 row 13, "RS5M and GeoRSCLIP: ..."); the
        # entry links its TGRS version and the same code (om-ai-lab/RS5M). Same paper, one entry.
        "same paper as the 000 row under its earlier title"),
    Fix("002", "section 2.1; ref 'Bazi 等人(2024)'",
        {"title": "RS-LLaVA: Large Vision Language Model for Joint Captioning and Question "
                  "Answering in Remote Sensing Imagery"},
        # The reference spells the title "a large vision-language model ..."; same paper (same
        # journal, Remote Sensing 16(9):1477) as the 000 row, whose title wins on merging anyway.
        "title wording differs from the 000 row for the same paper"),
    Fix("002", "section 2.3; ref 'Liu等人(2025a)'", {},
        # The survey says Text2Earth does NOT cover hyperspectral images ("该模型并未涉及高光谱图像").
        "a negated modality", tags={"modality": ["Optical/RGB", "SAR", "Panchromatic"]}),
    Fix("002", "front matter (title, abstracts)", {},
        # The survey's abstract names every modality it reviews; it is not itself a SAR,
        # audio or hyperspectral work, so it carries no modality tags.
        "a survey is not tagged with the modalities it reviews", tags={"modality": []}),
    Fix("002", "section 1.1; ref 'Li等人(2022)'", {},
        # A page break (with Fig. 2 between) repeats a syllable: "高效预训" + "训练框架".
        "syllable doubled across a page break", replace=(("summary_zh", "预训训练", "预训练"),)),
    Fix("003", "card", {},
        # The card's abstract: "a spatial MLLM named EarthGPT-X is proposed".
        "family stated in the abstract", tags={"family": ["MLLM"]}),
)


@dataclass(frozen=True)
class RejectedReference:
    title: str
    remark: str


# In-text citations that point to the wrong reference-list entry: the model keeps the survey's
# description and section, but not the title, authors and DOI of an unrelated paper.
WRONG_SURVEY_REFERENCES: dict[str, RejectedReference] = {
    "SeCo": RejectedReference(
        "SeCo (sequence contrastive learning)",
        "综述将 SeCo 引为 Yao 等(2021)《SeCo: exploring sequence supervision for unsupervised "
        "representation learning》(AAAI，视频表示学习)，但正文描述的是利用季节变化的遥感对比预训练"
        "（BigEarthNet、EuroSAT、OSCD），并非该文献；故未采用其题名、作者与 DOI。"),
    "GLCNet": RejectedReference(
        "GLCNet (global-local complementary network)",
        "综述将 GLCNet 引为 Wang 等(2023b)《GLCNet: global-local complementary network for 3D "
        "shape recognition》(IJCNN 2023)，而正文描述的是高分辨率遥感图像语义分割的全局—局部对比"
        "自监督模型，二者同名不同文；故未采用其题名、作者与 DOI。"),
    "GAIR": RejectedReference(
        "GAIR (geospatial artificial intelligence and remote sensing)",
        "综述正文将 GAIR 引为 (Liu等,2025b)，但参考文献中 Liu 2025b 是 VALOR（视听语言预训练模型与数据集），"
        "并非 GAIR；综述未给出 GAIR 的文献信息。"),
}

# Misspelt surnames in in-text citations: "RANGE ... (Dhakar 等,2025)" cites "Dhakal A, ... 2025".
SURNAME_ALIASES: dict[str, str] = {"Dhakar": "Dhakal"}


@dataclass(frozen=True)
class DatasetFix:
    name: str
    values: dict
    reason: str
    replace: tuple[tuple[str, str, str], ...] = ()  # (field, seed's text, corrected text)


DATASET_FIXES: tuple[DatasetFix, ...] = (
    DatasetFix("HYPERGLOBAL-450K", {"name": "HyperGlobal-450K"},
               # Table 1 shouts the name; the survey's own text (and HyperSIGMA) write HyperGlobal-450K.
               "spelling of the name"),
    DatasetFix("BigEarthNet_1.0", {"download_urls": []},
               # Table 1 gives https://github.com/ljl5261/MMM-RS, the MMM-RS repository of Table 2:
               # a copy error, not BigEarthNet's download address.
               "download address belongs to another dataset"),
    # Table 2 writes "遥视觉语言" (remote-vision-language) for "遥感视觉语言" twice.
    DatasetFix("RSICap", {}, "a character missing in '遥感'",
               replace=(("description_zh", "遥视觉", "遥感视觉"),)),
    DatasetFix("RSIEval", {}, "a character missing in '遥感'",
               replace=(("description_zh", "遥视觉", "遥感视觉"),)),
    DatasetFix("DDFAV", {}, "a character missing in '遥感'",
               replace=(("description_zh", "遥视觉", "遥感视觉"),)),
)


def apply_paper_fixes(records: list[dict]) -> None:
    for fix in PAPER_FIXES:
        found = [r for r in records if from_seed(r, fix.seed, fix.locator)]
        if len(found) != 1:
            raise SeedError(f"correction ({fix.reason}) finds no record at {fix.seed} {fix.locator!r}")
        found[0]["values"].update(fix.values)
        found[0]["tags"].update(fix.tags or {})
        for field, wrong, right in fix.replace:
            _replace([found[0]["values"]], field, wrong, right, fix.reason)


def apply_dataset_fixes(records: list[dict]) -> None:
    for fix in DATASET_FIXES:
        found = [r for r in records if r["values"].get("name") == fix.name]
        if not found:
            raise SeedError(f"correction ({fix.reason}) finds no dataset {fix.name!r}")
        for record in found:
            record["values"].update(fix.values)
        for field, wrong, right in fix.replace:  # in the records that have the wrong text
            having = [r for r in found if wrong in (r["values"].get(field) or "")]
            _replace([r["values"] for r in having], field, wrong, right, fix.reason)


def _replace(values: list[dict], field: str, wrong: str, right: str, reason: str) -> None:
    if not values or any(wrong not in (v.get(field) or "") for v in values):
        raise SeedError(f"correction ({reason}) finds no {wrong!r} in {field}")
    for value in values:
        value[field] = value[field].replace(wrong, right)
