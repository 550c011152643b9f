"""The double-click bundle, as a user gets it: built by ``packaging/build.py`` (or reused when
newer than every source) and run offscreen on a temporary catalog folder."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
from pathlib import Path

import pytest

from rsfm_desktop import __version__

pytest.importorskip("PyInstaller")
pytestmark = pytest.mark.smoke

ROOT = Path(__file__).resolve().parents[2]


def _load_build_script():
    spec = importlib.util.spec_from_file_location("rsfm_build", ROOT / "packaging" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build_script()


@pytest.fixture(scope="module")
def exe() -> Path:
    try:
        return build.ensure_built()
    except build.BuildError as exc:
        pytest.fail(str(exc))


@pytest.fixture
def home(tmp_path) -> Path:
    """A fresh user: settings, data and cache folders all below tmp_path."""
    return tmp_path / "home"


def run(exe: Path, home: Path, *args: str, display: bool = True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    if display:
        env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [str(exe), *args], env=env, capture_output=True, text=True, timeout=120, cwd=home.parent
    )


def json_lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in folder.rglob("*")
    }


def test_bundle_is_at_most_150_mb(exe):
    assert build.size_mb(build.bundle_dir()) <= build.MAX_MB


def test_version(exe, home):
    result = run(exe, home, "--version")
    assert result.returncode == 0, result.stderr
    assert __version__ in result.stdout


def test_first_run_seeds_catalog_in_data_dir(exe, home, tmp_path):
    data_dir = tmp_path / "catalog"
    result = run(exe, home, "stats", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["papers"] > 0
    assert (data_dir / "catalog.sqlite3").is_file()


def test_without_data_dir_the_catalog_goes_to_the_user_data_folder(exe, home):
    result = run(exe, home, "stats")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["papers"] > 0
    assert (home / "data" / "rsfm-desktop" / "catalog.sqlite3").is_file()


def test_startup_report_prints_one_json_line_after_the_table_painted(exe, home, tmp_path):
    data_dir = tmp_path / "catalog"
    papers = json.loads(run(exe, home, "stats", "--data-dir", str(data_dir)).stdout)["papers"]
    result = run(exe, home, "--startup-report", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    (report,) = json_lines(result.stdout)
    assert report["papers"] == papers
    assert 0 < report["elapsed_s"] < 30


def test_the_bundle_reads_the_text_of_attached_pdfs(exe, home, tmp_path):
    """PDFium (pypdfium2) ships in the bundle: its command line indexes an attached PDF."""
    from rsfm_desktop.core.catalog import open_catalog
    from rsfm_desktop.core.fields import Kind
    from tests.support.pdfs import encrypted_pdf, simple_pdf

    data_dir = tmp_path / "catalog"
    assert run(exe, home, "stats", "--data-dir", str(data_dir)).returncode == 0
    catalog = open_catalog(data_dir)
    paper = catalog.entries.list_ids(Kind.PAPER)[0]
    catalog.attachments.attach(Kind.PAPER, paper, [simple_pdf(tmp_path / "a.pdf", [[(60, 700, "Bundled PDFium")]]),
                                                   encrypted_pdf(tmp_path / "b.pdf")])
    catalog.close()
    result = run(exe, home, "index", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["indexed"], report["pages"]) == (1, 1)
    assert [p["status"] for p in report["problems"]] == ["encrypted"]


def test_without_a_display_it_says_so_instead_of_aborting(exe, home, tmp_path):
    result = run(exe, home, "--data-dir", str(tmp_path / "catalog"), display=False)
    assert result.returncode == 1
    assert "no display" in result.stderr
    assert "qt.qpa" not in result.stderr and "Aborted" not in result.stderr
    assert "Traceback" not in result.stderr


def test_running_writes_nothing_into_the_bundle_folder(exe, home, tmp_path):
    bundle = build.bundle_dir()
    before = snapshot(bundle)
    data_dir = tmp_path / "catalog"
    for args in (["--version"], ["stats", "--data-dir", str(data_dir)], ["--startup-report", "--data-dir", str(data_dir)]):
        assert run(exe, home, *args).returncode == 0
    assert snapshot(bundle) == before


def test_desktop_entry_launches_the_bundle_executable_with_the_app_icon(exe):
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(ROOT / "packaging" / "rsfm-desktop.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Exec"].split()[0] == exe.name
    assert (ROOT / "resources" / "icons" / f"{entry['Icon']}.png").is_file()
