"""Seed 002: the Chinese survey (J. Image and Graphics 2026) of remote-sensing foundation models.

Gives the survey itself (with its Chinese and English abstracts) and one paper per model that
sections 1 and 2 discuss: the survey's words about it as its Chinese summary, its section as
its place in the pretraining-paradigm taxonomy, and title, authors, year, venue, DOI or arXiv
id from the reference the in-text citation points to. Tables 1 and 2 are in ``survey_tables``.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import corrections
from .survey_refs import Reference, parse_references, resolve
from .survey_text import Section, paragraphs, sections
from .text import SeedError, new_paper, norm_title, provenance, squash

# The models sections 1 and 2 discuss: (name, the citation that introduces it, a finer
# paradigm than the section's where the survey says which non-text modality it pairs).
SURVEY_MODELS: tuple[tuple[str, str, str | None], ...] = (
    ("GeoKR", "Li等人(2022)", None),
    ("SeCo", "Yao等人(2021)", None),
    ("GLCNet", "Wang等人(2023b)", None),
    ("RVSA", "Wang等人(2023a)", None),
    ("RingMo", "Sun等人(2023)", None),
    ("Billion-scale FM", "Cha等人(2024)", None),
    ("GFM", "Mendieta等人(2023)", None),
    ("SatMAE", "Cong等人(2022)", None),
    ("SatMAE++", "Noman等人(2024)", None),
    ("HyperSIGMA", "Wang 等人(2025)", None),
    ("SpectralGPT", "Hong 等人(2024)", None),
    ("RS-LLaVA", "Bazi 等人(2024)", None),
    ("SkySenseGPT", "Luo等,2024b", None),
    ("Aquila", "Lu等人(2024)", None),
    ("EarthDial", "Soni等人(2025)", None),
    ("TEOChat", "Irvin等,2025", None),
    ("UniRS", "Li等人(2024b)", None),
    ("RSUniVLM", "Liu和Lian(2024)", None),
    ("GeoPixel", "Shabbir等人(2025)", None),
    ("GeoPix", "Ou等人(2025)", None),
    ("CSP", "Mai等人(2023)", "Location"),
    ("GeoCLIP", "Vivanco等人(2023)", "Location"),
    ("SatCLIP", "Klemmer等人(2025)", "Location"),
    ("StreetCLIP", "Haas 等人(2023)", "Location"),
    ("RANGE", "Dhakar 等,2025", "Location"),
    ("AV-ResNet", "Heidler 等人(2023)", "Audio"),
    ("GAIR", "Liu等,2025b", "Street view"),
    ("MetaEarth", "Yu等人(2025)", None),
    ("Text2Earth", "Liu等人(2025a)", None),
    ("HSIGene", "Pang等人(2024)", None),
    ("CRS-Diff", "Tang等人(2024)", None),
)

# The survey's sections, as labels of the default "paradigm" facet.
SECTION_PARADIGMS = {
    "1.1": "Contrastive self-supervised",
    "1.2": "Masked generative",
    "2.1": "Image–text",
    "2.2": "Image–non-text",
    "2.3": "Generative",
}

_UNIT = re.compile(r"[^。;；]+[。;；]?")
_RUN_STOP = re.compile(r"^(这些|综上|总之)")  # a closing remark about all models of a paragraph
_CITE_LINE = re.compile(
    r"论文引用格式:\s*(?P<authors>.+?)\. (?P<year>\d{4})\. (?P<title>.+?)\. (?P<journal>[^,]+), "
    r"(?P<issue>\d+\(\d+\):[\d-]+)\((?P<zh>.+)\)\s*\[DOI:\s*(?P<doi>[^\]]+)\]"
)


def parse(path: Path) -> tuple[list[dict], list[Reference]]:
    """The papers of the survey, and its reference list (the tables cite from it too)."""
    text = path.read_text(encoding="utf-8")
    references = parse_references(text)
    papers = [_survey_paper(path.name, text)]
    body = sections(text, "1 ", "3 ")
    for name, citation, paradigm in SURVEY_MODELS:
        section, run = _find(body, citation)
        papers.append(_model(path.name, name, citation, section, run, paradigm, references))
    return papers, references


def reference_records(source: str, references: list[Reference], others: list[dict]) -> list[dict]:
    """Records for the survey's references to papers other seeds list (by normalised title), so
    they gain the reference's authors and DOI; references of the discussed models are not
    repeated."""
    titles = {norm_title(r["values"]["title"]) for r in others}
    models = {resolve(c, references, corrections.SURNAME_ALIASES)
              for name, c, _ in SURVEY_MODELS if name not in corrections.WRONG_SURVEY_REFERENCES}
    return [
        new_paper(provenance(source, f"reference list; {ref.authors[0]} {ref.year}{ref.suffix}", ref.raw),
                  **ref.values())
        for ref in references if ref not in models and norm_title(ref.title) in titles
    ]


def _find(body: list[Section], citation: str) -> tuple[Section, str]:
    """The section citing ``citation`` and the survey's words about that model: from the clause
    with the citation up to the next model's citation or the paragraph's end."""
    anchors = [c for _, c, _ in SURVEY_MODELS]
    for section in body:
        for paragraph in section.paragraphs:
            units = _UNIT.findall(paragraph)
            starts = [i for i, u in enumerate(units) if citation in u]
            if not starts:
                continue
            run = []
            for unit in units[starts[0]:]:
                if run and (any(a in unit for a in anchors) or _RUN_STOP.match(unit.strip())):
                    break
                run.append(unit.strip())
            return section, "".join(run).rstrip(";；") + ("" if run[-1].endswith("。") else "。")
    raise SeedError(f"the survey never cites {citation!r}")


def _model(source, name, citation, section, run, paradigm, references) -> dict:
    if name not in run:
        raise SeedError(f"{name} is not named where {citation!r} is cited")
    values = {"short_name": name, "survey_section": section.label, "summary_zh": run}
    rejected = corrections.WRONG_SURVEY_REFERENCES.get(name)
    if rejected is None:
        values.update(resolve(citation, references, corrections.SURNAME_ALIASES).values())
    else:
        values.update(title=rejected.title, remark=rejected.remark)
    locator = f"section {section.number}; ref '{citation}'"
    record = new_paper(provenance(source, locator, run), **values)
    record["tags"]["paradigm"] = [paradigm or SECTION_PARADIGMS[section.number]]
    return record


def _survey_paper(source: str, text: str) -> dict:
    cite = _CITE_LINE.search(text)
    zh_abstract = _between(text, "摘要:", "关键词:")
    en_abstract = _between(text, "Abstract:", "Key words:")
    zh_title, zh_authors = _chinese_citation(cite["zh"])
    remark = (f"中文题名：{zh_title}；作者：{zh_authors}；"
              f"{cite['journal']} {squash(cite['issue'])}（中国图象图形学报）")
    return new_paper(
        provenance(source, "front matter (title, abstracts)", cite.group(0)),
        title=cite["title"],
        authors=_english_authors(text, cite["title"]),
        year=int(cite["year"]),
        venue=cite["journal"],
        doi=cite["doi"].strip(),
        summary_zh=zh_abstract,
        summary_en=en_abstract,
        remark=remark,
    )


def _between(text: str, start: str, end: str) -> str:
    """One paragraph from ``start`` to ``end``, footnotes that interrupt it dropped."""
    begin = text.index(start) + len(start)
    return " ".join(paragraphs(text[begin:text.index(end, begin)]))


def _chinese_citation(zh: str) -> tuple[str, str]:
    """(title, authors) of "支元杰, ..., 梅少辉. 2026. 面向....... 中国图象图形学报, 31(4):..."."""
    authors, _, rest = zh.partition(". ")
    title = rest.split(". ")[1]
    return title, authors


def _english_authors(text: str, title: str) -> list[str]:
    """The full English author names printed under the English title (affiliation marks dropped)."""
    after = text[text.index(title, text.index("关键词")) + len(title):]
    block = after.split("1. ")[0]
    names = re.sub(r"\^\{[^}]*\}|[¹²³⁴*]", "", block)
    return [n.strip() for n in re.split(r",\s*", names) if n.strip()]
