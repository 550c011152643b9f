"""A summary's language is told by its script, whatever field it came in; Chinese names keep
their order."""

from __future__ import annotations

import pytest

from rsfm_desktop.core.io import parse_text
from rsfm_desktop.core.io.language import is_chinese
from rsfm_desktop.core.io.names import family_name, from_text


@pytest.mark.parametrize(
    ("text", "chinese"),
    [("基于ViT-L的CLIP模型在RSICD、UCM数据集上的zero-shot性能", True),
     ("We study 遥感 imagery with contrastive pretraining over many benchmarks and sensors.", False),
     ("本文提出了一种遥感视觉语言模型。", True), ("Plain English abstract.", False), ("", False)],
)
def test_language_by_share_of_cjk_words(text, chinese):
    assert is_chinese(text) is chinese


def test_a_chinese_text_in_an_english_column_lands_in_the_chinese_summary():
    text = "title,English summary,Chinese summary\nA,本文提出了一种遥感视觉语言模型。,\n"
    values = parse_text(text, "x.csv").records[0].values
    assert values["summary_zh"] == "本文提出了一种遥感视觉语言模型。" and "summary_en" not in values
    ris = parse_text("TY  - JOUR\nTI  - T\nAB  - 中文摘要，介绍遥感模型。\nER  - \n", "x.ris").records[0].values
    assert "summary_zh" in ris and "summary_en" not in ris


def test_chinese_names_keep_family_name_first_in_every_format():
    assert [from_text(n) for n in ("李, 明", "李 明", "李明", "Zhang, Wei", "John Smith, Jr.")] == [
        "李明", "李明", "李明", "Wei Zhang", "John Smith, Jr."]
    assert [family_name(n) for n in ("李明", "欧阳娜娜", "Wei Zhang", "John Smith, Jr.")] == [
        "李", "欧阳", "Zhang", "Smith"]
    ris = parse_text("TY  - JOUR\nTI  - T\nAU  - 王, 小红\nER  - \n", "x.ris").records[0].values
    assert ris["authors"] == ["王小红"]
