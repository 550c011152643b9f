"""Datasets that a seed says a paper introduces (or uses), reviewed by hand.

Each declaration names the paper's seed record (seed number and locator) and quotes the seed's
own words (``evidence``, checked against the seed text when the catalog is built). Datasets the
survey's tables cite are linked to their papers in ``build`` from the table's reference instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from .tags import dataset_modalities
from .text import SeedError, dataset_key, from_seed, is_mainly_cjk, new_dataset, provenance, squash

_VL = "list entry {} under 'Visual-Language Remote Sensing Goundation Models 视觉-语言遥感基础模型'"
_V = "list entry {} under 'Visual Remote Sensing Foundation Models 视觉遥感基础模型'"


@dataclass(frozen=True)
class Declared:
    seed: str
    locator: str
    name: str
    evidence: str
    relation: str = "introduces"
    scale: str | None = None
    data_type: str | None = None  # in the survey tables' words, where the evidence states it


# Not declared: datasets a seed describes without naming them (GeoChat's and RS-LLaVA's
# instruction sets, RingMo's 2 million images, SkySense's 21.5 million time series, CrossEarth's
# RSDG benchmark, EarthDial's instruction set): a catalog name for them would be invented.
DECLARED: tuple[Declared, ...] = (
    Declared("000", "table row 1", "SkyEye-968k",
             "遥感领域的视觉语言指令数据集（SkyEye968k），包括单任务和多任务对话指令，包括968k条样本的指令跟随数据集",
             scale="968k 条指令样本"),
    # Quoted without "基于 DOTA 目标检测数据集构建": RSICap is built from DOTA's images, it is
    # not an object-detection dataset.
    Declared("000", "table row 3", "RSICap", "提出RSICap数据集"),
    Declared("000", "table row 3", "RSIEval", "提出RSIEval评估集"),
    Declared("001", _VL.format(9), "RSICap", "构建了一个高质量的遥感图像字幕数据集 (RSICap)",
             scale="2,585 条人工标注字幕"),
    Declared("001", _VL.format(9), "RSIEval", "我们还提供了一个名为 RSIEval 的基准评估数据集"),
    Declared("000", "table row 7", "MMRS-1M",
             "构建了最大的多模态多传感器的遥感指令跟随数据集MMRS-1M，由超过100万个图像文本对组成，包括有光学、合成孔径雷达（SAR）和红外图像",
             scale="超过100万个图像文本对",
             data_type="图像—文本对"),
    Declared("000", "table row 8", "SkyScript",
             "SkyScript: A Large and Semantically Diverse Vision-Language Dataset for Remote Sensing"),
    Declared("000", "table row 9", "LHRS-Align",
             "提出LHRS-Align数据集：大规模遥感领域的图像文本数据集，使用开源的全球地理数据生成的",
             data_type="图像—文本对"),
    Declared("000", "table row 9", "LHRS-Instruct",
             "提出了LHRS-Instruct数据集，是一个专门为遥感图像理解定制的多模态指令跟随数据集"),
    Declared("000", "table row 9", "LHRS-Bench",
             "提出LHRS-Bench，用于对遥感领域的MLLM进行评估，包含690个单选题", scale="690 个单选题"),
    Declared("000", "table row 10", "HqDC-1.4M", "创建了HqDC-1.4M数据集"),
    Declared("000", "table row 10", "HqDC-Instruct",
             "还构建了两个指令微调数据集HqDC-Instruct和RS-Specialized-Instruct"),
    Declared("000", "table row 10", "RS-Specialized-Instruct",
             "还构建了两个指令微调数据集HqDC-Instruct和RS-Specialized-Instruct"),
    Declared("000", "table row 10", "RSSA",
             "针对幻觉问题，构建了第一个遥感self-awareness数据集，RSSA。包含一系列可回答和不可回答的任务"),
    Declared("000", "table row 13", "RS5M",
             "RS5M and GeoRSCLIP: A Large Scale Vision-Language Dataset and A Large Vision-Language Model for Remote Sensing"),
    Declared("001", _VL.format(6), "RS5M", "遥感 (RS) 领域的图文配对数据集 RS5M",
             scale="500 万张带有英文描述的遥感图像",
             data_type="图像—文本对"),
    Declared("000", "table row 19", "MMShip",
             "基于现有的公开数据集构建了一个多模态多源指令跟随数据集MMShip"),
    Declared("000", "table row 29", "GeoLLM-QA",
             "提出了一个新的基准测试GeoLLM-QA，用于评估和理解工具增强型LLMs在遥感平台上的性能和潜力"),
    Declared("001", _VL.format(1), "GeoLangBind-2M",
             "构建了一个涵盖六种数据模态的大规模多模态图像文本数据集 GeoLangBind-2M",
             data_type="图像—文本对"),
    Declared("001", _VL.format(3), "Sky-SA",
             "开发了一个细粒度的 RS 解译数据集 Sky-SA，它包含 183,375 个带有全像素手动注释的高质量局部图像-文本对，涵盖 1,763 个类别标签",
             scale="183,375 个图像-文本对，1,763 个类别",
             data_type="图像—文本对"),
    Declared("001", _V.format(1), "SAMRS",
             "我们对 SAMRS 数据集进行多任务监督预训练，包括语义分割、实例分割和旋转对象检测",
             relation="uses"),
    Declared("002", "section 1.2; ref 'Wang 等人(2025)'", "HyperGlobal-450K",
             "构建全局高光谱图像数据集 HyperGlobal-450K"),
    Declared("002", "section 2.1; ref 'Irvin等,2025'", "TeoChatAtlas",
             "构建了包含丰富单图像和时间相关任务的TeoChatAtlas数据集"),
    # The survey says Text2Earth "利用" (uses) Git-10M; the cited paper's title says it brings
    # "a global-scale dataset and a foundation model", i.e. Git-10M is its own contribution.
    Declared("002", "section 2.3; ref 'Liu等人(2025a)'", "Git-10M",
             "利用体量更大的Git-10M数据集,提出了Text2Earth"),
    Declared("002", "section 1.1; ref 'Yao等人(2021)'", "BigEarthNet_1.0",
             "在BigEarthNet和EuroSAT土地覆盖分类", relation="uses"),
)


def declared_datasets(papers: list[dict], texts: dict[str, str]) -> tuple[list[dict], set[tuple[str, str, str]]]:
    """A dataset record per declaration, and its (paper key, dataset key, relation) link;
    ``texts`` are the seeds' texts by seed number, to check each declaration's evidence."""
    records, links = [], set()
    seeds = {number: squash(text) for number, text in texts.items()}
    for declared in DECLARED:
        paper = _paper_at(papers, declared.seed, declared.locator)
        if squash(declared.evidence) not in seeds[declared.seed]:
            raise SeedError(f"{declared.name}: the {declared.seed} seed no longer says {declared.evidence!r}")
        records.append(_record(declared, paper))
        links.add((paper["key"], dataset_key(declared.name), declared.relation))
    return records, links


def _record(declared: Declared, paper: dict) -> dict:
    source = next(p["source"] for p in paper["provenance"] if p["source"].startswith(declared.seed))
    record = new_dataset(
        provenance(source, declared.locator, declared.evidence),
        name=declared.name, data_type=declared.data_type, scale=declared.scale,
        # a dataset a paper introduces dates from that paper; one it uses does not
        year=paper["values"].get("year") if declared.relation == "introduces" else None,
        description_zh=declared.evidence if is_mainly_cjk(declared.evidence) else None)
    if modalities := dataset_modalities(declared.data_type, declared.evidence):
        record["tags"]["modality"] = modalities
    return record


def _paper_at(papers: list[dict], seed: str, locator: str) -> dict:
    found = next((paper for paper in papers if from_seed(paper, seed, locator)), None)
    if found is None:
        raise SeedError(f"no paper at {seed} {locator!r}")
    return found
