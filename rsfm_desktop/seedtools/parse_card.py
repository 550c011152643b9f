"""Seed 003: a paper card (EarthGPT-X) with a Chinese heading, the English title as a quote,
``# 摘要`` followed by the Chinese and the English abstract as quotes, and an arXiv link."""

from __future__ import annotations

import re
from pathlib import Path

from .mdtable import inline_links
from .names import short_name, url_fields
from .text import is_mainly_cjk, new_paper, provenance

_DATE = re.compile(r"发布时间：\s*(?P<year>(?:19|20)\d\d)年")


def parse(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    heading = next(ln for ln in lines if ln.startswith("# ")).removeprefix("# ").strip()
    head, _, body = text.partition("# 摘要")
    title = next(ln for ln in head.splitlines() if ln.startswith("> ")).removeprefix("> ").strip()
    quotes = [ln.removeprefix("> ").strip() for ln in body.splitlines() if ln.startswith("> ")]
    zh = [q for q in quotes if is_mainly_cjk(q)]
    en = [q for q in quotes if not is_mainly_cjk(q)]
    link = next((href for _, href in inline_links(text.rstrip().splitlines()[-1])), None)
    date = _DATE.search(text)
    return [new_paper(
        provenance(path.name, "card", text[:200]),
        title=title,
        short_name=short_name(title),
        year=int(date["year"]) if date else None,
        venue="arXiv" if link and "arxiv.org" in link else None,
        summary_zh="\n\n".join(zh),
        summary_en="\n\n".join(en),
        remark=f"中文标题：{heading}",
        **url_fields(link, []),
    )]
