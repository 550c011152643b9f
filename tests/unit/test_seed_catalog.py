"""The bundled catalog ``data/catalog.json`` built from the four seed documents."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rsfm_desktop.core.fields import DATASET_FIELDS, PAPER_FIELDS
from rsfm_desktop.core.taxonomy.defaults import DEFAULT_FACETS
from rsfm_desktop.seedtools.__main__ import main as seedtools_main
from rsfm_desktop.seedtools.build import build_catalog, render
from rsfm_desktop.seedtools.text import SeedError

from .catalog_helpers import count as row_count
from .catalog_helpers import read
from .io_helpers import paper_tags

REPO = Path(__file__).resolve().parents[2]
CATALOG_FILE = REPO / "data" / "catalog.json"
SEEDS = REPO.parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")


@pytest.fixture(scope="module")
def catalog():
    return json.loads(CATALOG_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def papers(catalog):
    return {p["key"]: p for p in catalog["papers"]}


@pytest.fixture(scope="module")
def datasets(catalog):
    return {d["name"]: d for d in catalog["datasets"]}


def seed_numbers(entry):
    return sorted({p["source"][:3] for p in entry["provenance"]})


def linked(catalog, paper_key, relation="introduces"):
    return {l["dataset"] for l in catalog["links"] if l["paper"] == paper_key and l["relation"] == relation}


def test_counts(catalog):
    assert len(catalog["papers"]) == 71
    assert len(catalog["datasets"]) == 39  # the 21 of the survey's Tables 1 and 2 + 18 papers name
    assert len(catalog["links"]) == 26
    merged = [p for p in catalog["papers"] if len(seed_numbers(p)) > 1]
    assert len(merged) == 14
    table_rows = {(p["source"][:3], p["locator"]) for p in
                  (prov for paper in catalog["papers"] for prov in paper["provenance"])}
    assert sum(1 for s, loc in table_rows if s == "000" and loc.startswith("table row")) == 35
    assert sum(1 for s, loc in table_rows if s == "001" and loc.startswith("list entry")) == 14
    assert sum(1 for s, loc in table_rows if s == "002" and loc.startswith("section")) == 31
    survey_rows = {p["locator"].split(";")[0] for d in catalog["datasets"] for p in d["provenance"]
                   if p["locator"].startswith("Table")}
    assert len(survey_rows) == 21


def test_keys_are_unique_and_well_formed(catalog):
    keys = [p["key"] for p in catalog["papers"]] + [d["key"] for d in catalog["datasets"]]
    assert len(keys) == len(set(keys))
    for paper in catalog["papers"]:
        if paper["arxiv_id"]:
            assert paper["key"] == f"arxiv:{paper['arxiv_id']}"
            assert paper["pdf_url"] == f"https://arxiv.org/pdf/{paper['arxiv_id']}"
        elif paper["doi"]:
            assert paper["key"] == f"doi:{paper['doi'].lower()}"
        else:
            assert paper["key"].startswith("title:")
    assert all(d["key"].startswith("dataset:") for d in catalog["datasets"])


def test_every_field_is_present_and_no_missing_value_is_text(catalog):
    for paper in catalog["papers"]:
        assert {f.key for f in PAPER_FIELDS} | {"key", "tags", "provenance"} == set(paper)
        assert paper["title"] and paper["provenance"]
    for dataset in catalog["datasets"]:
        assert {f.key for f in DATASET_FIELDS} | {"key", "tags", "provenance"} == set(dataset)

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    bad = [s for s in strings(catalog) if s.strip().lower() in ("", "nan", "-", "none", "null")]
    assert bad == []
    assert all(len(p["excerpt"]) <= 200 for e in catalog["papers"] + catalog["datasets"]
               for p in e["provenance"])


def test_geochat_field_by_field(papers):
    geochat = papers["arxiv:2311.15826"]
    assert geochat["title"] == "GeoChat: Grounded Large Vision-Language Model for Remote Sensing"
    assert geochat["short_name"] == "GeoChat"
    assert geochat["code_url"] == "https://github.com/mbzuai-oryx/geochat"
    assert (geochat["venue"], geochat["year"]) == ("CVPR", 2024)
    assert geochat["arxiv_id"] == "2311.15826"
    assert geochat["paper_url"] == "https://arxiv.org/abs/2311.15826"
    assert "family" not in geochat and "tasks" not in geochat  # facets: the tags below
    assert geochat["model_details"] == "Vision Encoder：CLIP-ViT; Text Encoder： Vicuna-v1.5"
    assert geochat["summary_zh"].startswith("1. RS多模态数据集")  # the 000 row wins over 001
    assert geochat["summary_en"] is None and geochat["remark"] is None
    assert geochat["tags"] == {"family": ["MLLM"], "task": ["Scene classification", "VQA", "Visual grounding"],
                               "modality": [], "paradigm": []}
    assert geochat["authors"] == [] and geochat["doi"] is None
    assert [(p["source"][:3], p["locator"]) for p in geochat["provenance"]] == [
        ("000", "table row 2"),
        ("001", "list entry 7 under 'Visual-Language Remote Sensing Goundation Models 视觉-语言遥感基础模型'"),
    ]
    assert geochat["provenance"][0]["excerpt"].startswith("| [GeoChat: Grounded Large")


def test_earthgpt_x_has_both_abstracts(papers):
    card = papers["arxiv:2504.12795"]
    assert card["title"].startswith("EarthGPT-X: Enabling MLLMs")
    assert card["summary_zh"].startswith("视觉语言领域的开创性进展")
    assert card["summary_en"].startswith("Recent advances in the visual-language area")
    assert card["pdf_url"] == "https://arxiv.org/pdf/2504.12795"
    assert card["tags"]["modality"] == ["Optical/RGB", "SAR", "Infrared"]


def test_rsgpt_introduces_rsicap_and_rsieval(catalog, papers, datasets):
    assert linked(catalog, "arxiv:2307.15266") == {"dataset:rsicap", "dataset:rsieval"}
    rsicap = datasets["RSICap"]
    assert rsicap["year"] == 2023 and rsicap["download_urls"] == ["https://github.com/Lavender105/RSGPT"]
    assert seed_numbers(rsicap) == ["000", "001", "002"]
    assert linked(catalog, "arxiv:2401.16822") == {"dataset:mmrs1m"}  # EarthGPT
    assert linked(catalog, "arxiv:2403.13430", "uses") == {"dataset:samrs"}  # MTP


def test_the_mistitled_awesome_entry_is_segearth_ov(papers):
    segearth = papers["arxiv:2410.01768"]
    assert segearth["title"] == ("SegEarth-OV: Towards Training-Free Open-Vocabulary Segmentation "
                                 "for Remote Sensing Images")
    assert segearth["short_name"] == "SegEarth-OV"
    assert segearth["code_url"] == "https://github.com/likyoo/SegEarth-OV"
    assert "SkySense-O" in segearth["remark"]
    skysense_o = [p for p in papers.values() if p["short_name"] == "SkySense-O"]
    assert len(skysense_o) == 1
    assert skysense_o[0]["paper_url"] == "https://cvpr.thecvf.com/virtual/2025/poster/33431"
    assert skysense_o[0]["summary_zh"].startswith("开发了一个细粒度的 RS 解译数据集 Sky-SA")


def test_a_survey_model_has_its_section_and_reference(catalog, papers):
    hypersigma = papers["doi:10.1109/tpami.2025.3557581"]
    assert hypersigma["short_name"] == "HyperSIGMA"
    assert hypersigma["doi"] == "10.1109/TPAMI.2025.3557581"
    assert hypersigma["title"] == "HyperSIGMA: hyperspectral intelligence comprehension foundation model"
    assert hypersigma["authors"][:2] == ["Wang D", "Hu M Q"]
    assert (hypersigma["year"], hypersigma["venue"]) == (2025, "TPAMI")
    assert hypersigma["survey_section"] == "1.2 自监督掩码生成预训练"
    assert hypersigma["summary_zh"].startswith("面向高光谱图像数据, Wang 等人(2025)提出 HyperSIGMA")
    assert hypersigma["tags"] == {"family": [], "task": [], "modality": ["Hyperspectral"],
                                  "paradigm": ["Masked generative"]}
    assert linked(catalog, hypersigma["key"]) == {"dataset:hyperglobal450k"}
    # a model the 000 table lists too is one entry with both provenances
    csp = papers["arxiv:2305.01118"]
    assert seed_numbers(csp) == ["000", "002"] and csp["survey_section"] == "2.2 图像—非文本预训练模型"


def test_the_survey_itself_has_both_abstracts(papers):
    survey = papers["doi:10.11834/jig.250424"]
    assert survey["title"] == "Development status and prospects of pretrained foundation models for remote sensing imagery"
    assert survey["authors"][0] == "Zhi Yuanjie" and len(survey["authors"]) == 8
    assert (survey["year"], survey["venue"]) == (2026, "Journal of Image and Graphics")
    assert survey["summary_zh"].startswith("随着训练数据体量和深度学习模型规模的不断提升")
    assert survey["summary_en"].startswith("Given the continuous expansion of training datasets")
    assert "This paper presents a comprehensive review" in survey["summary_en"]  # footnotes cut out
    assert "面向遥感图像的预训练基础模型发展现状与展望" in survey["remark"]


def test_survey_table_datasets(datasets):
    ssl4eo = datasets["SSL4EO-L"]
    assert (ssl4eo["data_type"], ssl4eo["year"]) == ("多光谱", 2023)
    assert ssl4eo["download_urls"] == ["https://github.com/torchgeo/torchgeo"]
    assert ssl4eo["description_zh"].startswith("专注 Landsat 图像的自监督学习数据集")
    sounding = datasets["SoundingEarth"]
    assert (sounding["data_type"], sounding["year"]) == ("图像—音频样本", 2023)
    assert sounding["download_urls"] == ["https://github.com/khdlr/SoundingEarth"]
    assert sounding["tags"] == {"modality": ["Audio"], "task": []}


def test_the_catalog_loads_and_its_tags_land_in_the_taxonomy(targets):
    loaded = targets.open(targets.blank(), catalog_file=CATALOG_FILE)
    assert loaded.entries.stats()["papers"] == 71
    assert loaded.entries.stats()["datasets"] == 39
    assert loaded.entries.stats()["links"] == 26
    geochat = read(loaded, "SELECT id FROM paper WHERE seed_key = 'arxiv:2311.15826'")[0][0]
    tags = paper_tags(loaded, geochat)
    tag_count = row_count(loaded, "tag")
    assert ("family", "MLLM") in tags and ("task", "VQA") in tags

    def count(tags):
        return sum(1 + count(t.children) for t in tags)

    # every label of the catalog is a default tag or synonym: seeding created no stray tags
    assert tag_count == sum(count(f.tags) for f in DEFAULT_FACETS)


@needs_seeds
def test_rebuilding_from_the_seeds_gives_the_shipped_file():
    assert render(build_catalog(SEEDS)) == CATALOG_FILE.read_text(encoding="utf-8")


@needs_seeds
def test_a_reviewed_fix_that_no_longer_applies_stops_the_build(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    awesome = next(seeds.glob("001_*.txt"))
    text = awesome.read_text(encoding="utf-8")
    awesome.write_text(text.replace("数据集 GeoLangBind-2M", "数据集"), encoding="utf-8")
    with pytest.raises(SeedError, match="GeoLangBind-2M"):
        build_catalog(seeds)
    awesome.write_text(text.replace("SGeoLangBind:", "GeoLangBind:"), encoding="utf-8")
    build_catalog(seeds)  # the seed fixed at the source: still builds


@needs_seeds
def test_the_command_writes_the_catalog_and_reports_a_broken_seed_folder(tmp_path, capsys):
    output = tmp_path / "catalog.json"
    assert seedtools_main(["--seeds", str(SEEDS), "--output", str(output)]) == 0
    assert output.read_bytes() == CATALOG_FILE.read_bytes()
    assert "71 papers, 39 datasets, 26 links" in capsys.readouterr().out
    assert seedtools_main(["--seeds", str(tmp_path / "missing"), "--output", str(output)]) == 1
    assert "expected one 000_*.txt seed" in capsys.readouterr().err


def test_links_refer_to_entries_and_years_are_plausible(catalog):
    paper_keys = {p["key"] for p in catalog["papers"]}
    dataset_keys = {d["key"] for d in catalog["datasets"]}
    for link in catalog["links"]:
        assert link["paper"] in paper_keys and link["dataset"] in dataset_keys
        assert link["relation"] in ("introduces", "uses")
    assert len({(l["paper"], l["dataset"]) for l in catalog["links"]}) == len(catalog["links"])
    assert catalog["links"] == sorted(catalog["links"], key=lambda l: (l["paper"], l["dataset"], l["relation"]))
    for entry in catalog["papers"] + catalog["datasets"]:
        assert entry["year"] is None or 2010 <= entry["year"] <= 2026, entry["key"]
    for paper in catalog["papers"]:
        if paper["arxiv_id"] and paper["year"]:  # never older than its arXiv id (YYMM.nnnnn)
            assert paper["year"] >= 2000 + int(paper["arxiv_id"][:2]), paper["key"]


def test_list_fields_are_lists_and_tags_name_default_taxonomy_labels(catalog):
    def labels(tags):
        for tag in tags:
            yield tag.en
            yield from labels(tag.children)

    default = {f.key: set(labels(f.tags)) for f in DEFAULT_FACETS}
    for paper in catalog["papers"]:
        assert isinstance(paper["authors"], list)
        assert list(paper["tags"]) == ["family", "task", "modality", "paradigm"]
        assert set(paper["tags"]["family"]) <= {"MLLM", "VLM", "Agent", "Other"}
        assert len(paper["tags"]["family"]) <= 1
    for dataset in catalog["datasets"]:
        assert isinstance(dataset["download_urls"], list)
        assert list(dataset["tags"]) == ["modality", "task"]
    for entry in catalog["papers"] + catalog["datasets"]:
        for facet, facet_labels in entry["tags"].items():
            assert set(facet_labels) <= default[facet], (entry["key"], facet, facet_labels)


def test_venues_have_one_spelling_and_a_published_venue_beats_arxiv(papers):
    venues = {p["venue"] for p in papers.values()} - {None}
    assert not [v for v in venues if v.startswith(("Proceedings", "IEEE ", "Arxiv", "RS"))]
    assert papers["doi:10.3390/rs16091477"]["venue"] == "Remote Sens."  # 000 "RS 2024"
    assert papers["doi:10.1109/iccv51070.2023.01541"]["venue"] == "ICCV"  # GFM, from the reference
    satclip = papers["arxiv:2311.17179"]  # 000: "Arxiv 2023"; survey reference: AAAI 2025
    assert (satclip["venue"], satclip["year"], satclip["doi"]) == ("AAAI", 2025, "10.1609/aaai.v39i4.32457")
    assert seed_numbers(satclip) == ["000", "002"]


def test_table_fields_are_tidied_but_kept(papers):
    skyeye = papers["arxiv:2401.09712"]
    assert skyeye["model_details"] == "Vision Encoder：EVA-CLIP; Text Encoder：LLaMA2-chat"
    assert skyeye["summary_zh"].splitlines()[1].startswith("2. 提出SkyEyeGPT模型")
    assert skyeye["remark"] is None and skyeye["survey_inclusion"] is None
    assert papers["arxiv:2305.14095"]["survey_inclusion"] == "awesome-remote-sensing-vision-language-models"
    foundations = papers["arxiv:2405.04285"]  # a row of "nan" and "-" cells
    assert (foundations["year"], foundations["venue"], foundations["code_url"]) == (None, None, None)
    assert foundations["paper_url"] == "https://arxiv.org/pdf/2405.04285.pdf"


def test_reviewed_corrections_of_other_entries(papers, datasets):
    assert papers["arxiv:2503.06312"]["title"].startswith("GeoLangBind: Unifying")  # seed: "SGeoLangBind"
    assert papers["arxiv:2410.22629"]["year"] == 2024  # CrossEarth, listed under "2023."
    assert papers["arxiv:2401.17600"]["year"] == 2024  # 000 "Arxiv 2023" for arXiv 2401.17600
    assert papers["doi:10.1109/tgrs.2022.3194732"]["title"].endswith("Masked Image Modeling")  # no "论文"
    rs5m = papers["arxiv:2306.11300"]  # 001 links the TGRS version of the same paper
    assert seed_numbers(rs5m) == ["000", "001"] and rs5m["code_url"] == "https://github.com/om-ai-lab/RS5M"
    for key in ("title:secosequencecontrastivelearning", "title:glcnetgloballocalcomplementarynetwork",
                "title:gairgeospatialartificialintelligenceandremotesensing"):
        paper = papers[key]  # the survey cites an unrelated reference: its metadata is not taken
        assert paper["authors"] == [] and paper["doi"] is None and paper["remark"]
        assert paper["survey_section"] and paper["summary_zh"]
    assert papers["doi:10.1109/cvpr52734.2025.02298"]["authors"][0] == "Dhakal A"  # cited as "Dhakar"
    assert "高效预训练框架" in papers["doi:10.1109/tgrs.2021.3115569"]["summary_zh"]  # "预训训练" at a page break
    assert datasets["DDFAV"]["description_zh"].startswith("大规模遥感视觉语言数据集")  # seed: "遥视觉"
    assert datasets["HyperGlobal-450K"]["data_type"] == "高光谱"
    assert datasets["BigEarthNet_1.0"]["download_urls"] == []  # the table gave MMM-RS's repository
    assert papers["doi:10.1109/mgrs.2025.3560455"]["tags"]["modality"] == ["Optical/RGB", "SAR", "Panchromatic"]


def test_seedtools_needs_neither_qt_nor_database_packages():
    code = ("import sys, rsfm_desktop.seedtools.build, rsfm_desktop.seedtools.__main__; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'sqlmodel', 'sqlalchemy'}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
