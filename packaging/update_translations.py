"""Bring the Chinese translation up to date with the code.

    python packaging/update_translations.py

Runs Qt's ``lupdate`` over rsfm_desktop/ into resources/translations/rsfm_desktop_zh_CN.ts, then
fills every unfinished message from the JSON files in resources/translations/additions/
(``{context: {English source: Chinese translation}}``), so several people can add translations
without editing the .ts by hand. Prints what is still untranslated (exit status 1 if anything).
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "rsfm_desktop_zh_CN.ts"
ADDITIONS = ROOT / "resources" / "translations" / "additions"


def lupdate() -> None:
    import PySide6

    tool = Path(PySide6.__file__).parent / ("lupdate.exe" if sys.platform == "win32" else "lupdate")
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "rsfm_desktop").rglob("*.py"))
    subprocess.run([str(tool), "-no-obsolete", *sources, "-ts", str(TS.relative_to(ROOT))],
                   check=True, capture_output=True, cwd=ROOT)


def additions() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for path in sorted(ADDITIONS.glob("*.json")):
        for context, items in json.loads(path.read_text(encoding="utf-8")).items():
            table.setdefault(context, {}).update(items)
    return table


def fill() -> list[tuple[str, str]]:
    table = additions()
    tree = ET.parse(TS)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.find("name").text
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation.get("type") != "unfinished":
                continue
            source = message.find("source").text
            value = table.get(name, {}).get(source)
            if value:
                translation.text = value
                del translation.attrib["type"]
            else:
                missing.append((name, source))
    TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                  + ET.tostring(tree.getroot(), encoding="unicode") + "\n", encoding="utf-8")
    return missing


def main() -> int:
    lupdate()
    missing = fill()
    lupdate()  # lupdate's own layout of the file
    if missing:
        todo: dict[str, dict[str, str]] = {}
        for context, source in missing:
            todo.setdefault(context, {})[source] = ""
        print("Untranslated (add them to a file in resources/translations/additions/):")
        print(json.dumps(todo, ensure_ascii=False, indent=1))
        return 1
    print("Every string is translated.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
