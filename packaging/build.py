"""Build the double-click bundle with PyInstaller.

    python packaging/build.py              one-folder bundle: dist/RSFM-Desktop/RSFM-Desktop
    python packaging/build.py --onefile    one file: dist/onefile/RSFM-Desktop
    python packaging/build.py --if-stale   reuse the bundle if it is newer than every source

Needs the ``build`` extra (``pip install -e ".[build]"``) and ``data/catalog.json``. Prints the
executable's path and the bundle size in MB. Build on each platform for that platform: a
Windows bundle is built on Windows, a macOS .app on macOS.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "rsfm_desktop.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
APP = "RSFM-Desktop"
MAX_MB = 150
# What goes into the bundle: a change to any of these makes the bundle stale.
SOURCES = ("rsfm_desktop", "resources", "data", "packaging", "pyproject.toml")


class BuildError(RuntimeError):
    pass


def bundle_dir(onefile: bool = False) -> Path:
    return DIST / "onefile" if onefile else DIST / APP


def executable(onefile: bool = False) -> Path:
    return bundle_dir(onefile) / (APP + ".exe" if sys.platform == "win32" else APP)


def size_mb(path: Path) -> float:
    """Size of a file or folder in MiB, symbolic links not followed (like ``du -sm``)."""
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 2**20


def _newest_source() -> float:
    newest = 0.0
    for name in SOURCES:
        top = ROOT / name
        for path in [top] if top.is_file() else top.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                newest = max(newest, path.stat().st_mtime)
    return newest


def is_fresh(onefile: bool = False) -> bool:
    exe = executable(onefile)
    return exe.exists() and exe.stat().st_mtime >= _newest_source()


def build(onefile: bool = False) -> Path:
    """Run PyInstaller on the spec; returns the executable. Raises BuildError on failure."""
    catalog = ROOT / "data" / "catalog.json"
    if not catalog.is_file():
        raise BuildError(
            f"{catalog} is missing. Build the bundled catalog first:\n"
            "  python -m rsfm_desktop.seedtools --seeds ../shared/seeds --output data/catalog.json"
        )
    work = WORK / ("onefile" if onefile else "onedir")
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(DIST / "onefile" if onefile else DIST),
        "--workpath", str(work), str(SPEC),
    ]
    if onefile:
        command += ["--", "--onefile"]
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        raise BuildError("PyInstaller failed (its messages are above).")
    exe = executable(onefile)
    if not exe.exists():
        raise BuildError(f"PyInstaller finished but {exe} is missing.")
    return exe


def ensure_built(onefile: bool = False) -> Path:
    """The executable, rebuilt only when a source is newer than it."""
    return executable(onefile) if is_fresh(onefile) else build(onefile)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onefile", action="store_true", help="build one self-extracting file")
    parser.add_argument("--if-stale", action="store_true", help="skip the build if the bundle is fresh")
    args = parser.parse_args(argv)
    try:
        exe = ensure_built(args.onefile) if args.if_stale else build(args.onefile)
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    measured = exe if args.onefile else bundle_dir()
    size = size_mb(measured)
    print(f"Executable: {exe.relative_to(ROOT)}")
    print(f"Bundle size: {size:.0f} MB ({measured.relative_to(ROOT)})")
    if not args.onefile and size > MAX_MB:
        print(f"warning: the bundle is over the {MAX_MB} MB target", file=sys.stderr)
    if sys.platform == "darwin" and not args.onefile:
        print(f"macOS app: {(DIST / 'RSFM Desktop.app').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
