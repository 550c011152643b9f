"""A smaller ICU data library for the Linux bundle (31 -> 8 MB).

PySide6's Linux wheels ship ICU 73 with the data of every locale (``libicudata.so.73``, 31 MB:
the largest file of the bundle). Qt uses ICU for locale names, collation, time zones, text
codecs and line breaking; the app speaks English and Chinese. This keeps the data of the root,
English and Chinese locales (``yue`` too: Hong Kong Chinese inherits from it) that Qt reads
(collation, time zone names), the time zones, the Chinese, Japanese, Korean and Windows/ISO code
pages; it drops the other locales, and what Qt never reads (see DROP_PREFIXES).

Needs ICU's ``icupkg`` (Debian: icu-devtools) and a C compiler; without them the bundle keeps
the full library (the build says so).

    python packaging/slim_icu.py SOURCE_LIB TARGET_LIB
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LANGUAGES = {"en", "zh", "yue", "root"}
KEEP_ALWAYS = {"res_index.res", "pool.res", "root.res"}
LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]*)*\.res$")
# Qt 6 calls ICU for collation (ucol), time zones and their names (ucal: zone/), case mapping
# (u_strToUpper/Lower) and code pages (ucnv) only: ``nm -D libQt6Core.so.6 | grep ' U u'``. Its
# locale names, numbers and text boundaries are its own; so transliterators, display names of
# languages, regions and units, spelled-out numbers, character names and break iterators with
# their dictionaries are never read.
DROP_PREFIXES = ("translit/", "lang/", "region/", "unit/", "rbnf/", "brkitr/")
DROP_ITEMS = {"unames.icu"}
# Code pages kept (ICU's .cnv tables; Unicode encodings and Latin-1 need none).
KEEP_CONVERTERS = re.compile(
    r"^(gb18030|windows-9(36|49|50)-2000|ibm-13(83|86)_|ibm-5471_|ibm-1375_|ibm-943_|ibm-33722_|euc-(jp|tw)-|"
    r"ibm-970_|ibm-949_|ibm-950_|ibm-964_|ibm-53(4[6-9]|5[0-4])_|ibm-125[0-8]_|ibm-9(1[2-6]|20|2[13])_|"
    r"ibm-(437|850|852|866|874|878)_|iso-8859_|macos-0_2|cns-11643|iso-ir-165|jisx-212|icu-internal-)")


def _symbol(lib: Path) -> tuple[str, int, int]:
    """The data symbol (icudtNN_dat), its file offset and size."""
    found = subprocess.run(["nm", "-S", "-D", "--defined-only", str(lib)], capture_output=True, text=True,
                           check=True).stdout.split()
    address, size, name = int(found[0], 16), int(found[1], 16), found[3]
    for line in subprocess.run(["readelf", "-lW", str(lib)], capture_output=True, text=True, check=True).stdout.splitlines():
        parts = line.split()
        if parts and parts[0] == "LOAD":
            offset, vaddr, filesz = int(parts[1], 16), int(parts[2], 16), int(parts[4], 16)
            if vaddr <= address < vaddr + filesz:
                return name, offset + address - vaddr, size
    raise RuntimeError(f"{name} not found in a loaded segment of {lib}")


def _dropped(item: str) -> bool:
    name = item.rsplit("/", 1)[-1]
    if item in DROP_ITEMS or item.startswith(DROP_PREFIXES):
        return True
    if "/" not in item and name.endswith(".cnv"):
        return not KEEP_CONVERTERS.match(name)
    locale = LOCALE.match(name)
    return bool(locale) and name not in KEEP_ALWAYS and locale.group(1) not in KEEP_LANGUAGES


def slim(source: Path, target: Path) -> bool:
    """Write the smaller library to ``target``; False (and nothing written) when the tools are missing."""
    if not (shutil.which("icupkg") and shutil.which("cc") and shutil.which("nm") and shutil.which("readelf")):
        return False
    name, offset, size = _symbol(source)
    soname = Path(source).name
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        package = name.replace("_dat", "l") + ".dat"  # icudt73l.dat: icupkg reads the name from the file's
        (work / "full").mkdir()
        (work / "small").mkdir()
        full, small = work / "full" / package, work / "small" / package
        with open(source, "rb") as handle:
            handle.seek(offset)
            full.write_bytes(handle.read(size))
        items = subprocess.run(["icupkg", "-l", str(full)], capture_output=True, text=True, check=True).stdout.split()
        drop = {i for i in items if _dropped(i)}
        for _attempt in range(10):  # an item another kept item needs stays
            (work / "drop.txt").write_text("\n".join(sorted(drop)) + "\n")
            done = subprocess.run(["icupkg", "-r", str(work / "drop.txt"), str(full), str(small)],
                                  capture_output=True, text=True)
            needed = set(re.findall(r"depends on missing item (\S+)", done.stderr + done.stdout))
            if done.returncode == 0 and not needed:
                break
            if not needed:
                raise RuntimeError(f"icupkg: {done.stderr.strip()}")
            drop -= needed
            small.unlink(missing_ok=True)
        else:
            raise RuntimeError("icupkg: the items kept need ever more items")
        (work / "data.S").write_text(
            f'    .section .rodata\n    .globl {name}\n    .type {name}, @object\n    .balign 16\n{name}:\n'
            f'    .incbin "{small}"\n    .size {name}, .-{name}\n    .section .note.GNU-stack,"",@progbits\n')
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", str(target),
                        str(work / "data.S")], check=True)
    return True


if __name__ == "__main__":
    sys.exit(0 if slim(Path(sys.argv[1]), Path(sys.argv[2])) else 1)
