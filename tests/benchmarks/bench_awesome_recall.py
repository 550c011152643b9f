"""Title and code-link recall of the Markdown importer on awesome lists.

    python tests/benchmarks/bench_awesome_recall.py LIST.md [DIR …]

Reads the given Markdown files (or every ``.md`` file in the given folders) where they are;
nothing is copied. The expected entries are counted independently of the importer, by plain
line rules:

* a table row (a ``|`` line after a ``|---|`` separator, header excluded) with an http link;
* a bulleted or numbered line (``-``, ``*``, ``+``, ``1.``) with an http link (table-of-contents
  lines, whose links all point at ``#anchors``, have none);
* an expected code link: in a table, an http link in a column headed code / github / repo /
  weights / official / download; in a list line, a link whose text says code / github / 代码
  or whose address is on github.com, gitlab.com, gitee.com or huggingface.co.

An entry's title is found when the importer gives a record for that line whose title is not
a link label or an address; its code link is found when the record's code link (for a
dataset: one of its download links) is one of the line's expected code links. Records on
other lines are reported as "extra".
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from rsfm_desktop.core.fields import Kind  # noqa: E402
from rsfm_desktop.core.io import read_file  # noqa: E402

_LINK = re.compile(r"\[([^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]\((https?://[^)\s]+)\)")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_CODE_HEADER = re.compile(r"code|github|repo|weights|official|download", re.IGNORECASE)
_CODE_TEXT = re.compile(r"\bcodes?\b|github|代码", re.IGNORECASE)
_CODE_HOST = re.compile(r"https?://(?:www\.)?(?:github\.com|gitlab\.com|gitee\.com|huggingface\.co)/", re.IGNORECASE)
_LABEL = re.compile(r"^\W*(paper|pdf|link|code|github|project|data|download|arxiv)?\W*$", re.IGNORECASE)


@dataclass
class Expected:
    entries: dict[int, set[str]] = field(default_factory=dict)  # line -> expected code URLs


def _cells(line: str) -> list[str]:
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") else line
    return re.split(r"(?<!\\)\|", line)


def expected(text: str) -> Expected:
    out = Expected()
    lines = text.splitlines()
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and i + 1 < len(lines) and "|" in line and _SEPARATOR.match(lines[i + 1]):
            code_columns = {n for n, h in enumerate(_cells(line)) if _CODE_HEADER.search(h)}
            i += 2
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                row = lines[i]
                if _LINK.search(row):
                    cells = _cells(row)
                    out.entries[i + 1] = {u for n, c in enumerate(cells) if n in code_columns
                                          for _, u in _LINK.findall(c)}
                i += 1
            continue
        elif not fenced and _ITEM.match(line) and _LINK.search(line):
            links = _LINK.findall(line)
            out.entries[i + 1] = {u for t, u in links if _CODE_TEXT.search(t) or _CODE_HOST.match(u)}
        i += 1
    return out


def _good_title(title: str) -> bool:
    return bool(title) and not _LABEL.match(title) and not title.lower().startswith(("http://", "https://"))


def measure(path: Path) -> dict:
    want = expected(path.read_text(encoding="utf-8"))
    batch = read_file(path, "markdown")
    by_line = {}
    for record in batch.records:
        by_line.setdefault(record.line, record)
    titles = sum(1 for line in want.entries if line in by_line and _good_title(by_line[line].title))
    code_lines = {line: urls for line, urls in want.entries.items() if urls}
    code = 0
    for line, urls in code_lines.items():
        record = by_line.get(line)
        if record is None:
            continue
        got = record.values.get("download_urls", []) if record.kind is Kind.DATASET else [record.values.get("code_url")]
        code += any(u in urls for u in got if u)
    extra = sum(1 for line in by_line if line not in want.entries)
    return {"entries": len(want.entries), "titles": titles, "code_expected": len(code_lines), "code": code,
            "extra": extra, "warnings": len(batch.warnings)}


def main(argv: list[str]) -> int:
    paths: list[Path] = []
    for arg in argv or ["."]:
        p = Path(arg)
        paths += sorted(p.rglob("*.md")) if p.is_dir() else [p]
    total = {"entries": 0, "titles": 0, "code_expected": 0, "code": 0}
    print(f"{'list':58} {'titles':>13} {'recall':>7} {'code links':>13} {'recall':>7} {'extra':>5}")
    for path in paths:
        r = measure(path)
        for k in total:
            total[k] += r[k]
        code_recall = f"{r['code'] / r['code_expected']:.0%}" if r["code_expected"] else "-"
        print(f"{str(path)[-58:]:58} {r['titles']:>6}/{r['entries']:<6} {r['titles'] / max(r['entries'], 1):>7.0%}"
              f" {r['code']:>6}/{r['code_expected']:<6} {code_recall:>7} {r['extra']:>5}")
    print(f"{'all':58} {total['titles']:>6}/{total['entries']:<6} {total['titles'] / max(total['entries'], 1):>7.0%}"
          f" {total['code']:>6}/{total['code_expected']:<6} {total['code'] / max(total['code_expected'], 1):>7.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
