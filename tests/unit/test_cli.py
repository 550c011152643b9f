"""The command line: ``stats`` without a window, ``--version``."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rsfm_desktop import __version__, paths
from rsfm_desktop.__main__ import main
from rsfm_desktop.core.fields import Kind

from ..conftest import FIXTURE_CATALOG

REPO_ROOT = Path(__file__).resolve().parents[2]
STATS_KEYS = {"papers", "datasets", "links", "notes"}


def run_module(*args, code=None):
    """Run ``python -m rsfm_desktop ARGS`` (or ``python -c CODE``) from the project folder."""
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "rsfm_desktop"]
    return subprocess.run(
        [*command, *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(REPO_ROOT / "nonexistent-home"),
             "PYTHONPATH": str(REPO_ROOT)},
    )


@pytest.fixture
def fixture_as_bundled(monkeypatch):
    """Make the app's bundled catalog the small fixture catalog."""
    monkeypatch.setattr(paths, "bundled_catalog", lambda: FIXTURE_CATALOG)


def test_version_is_printed():
    done = run_module("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"rsfm-desktop {__version__}"


@pytest.mark.skipif(not paths.bundled_catalog().is_file(), reason="data/catalog.json not built yet")
def test_stats_on_the_bundled_catalog_prints_one_json_object(tmp_path):
    done = run_module("stats", "--data-dir", str(tmp_path / "data"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    counts = json.loads(lines[0])
    assert set(counts) == STATS_KEYS
    assert counts["papers"] >= 60 and counts["datasets"] >= 21 and counts["links"] >= 4
    assert counts["notes"] == 0
    assert (tmp_path / "data" / "catalog.sqlite3").is_file()


def test_stats_in_a_subprocess_never_loads_qt(tmp_path):
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from rsfm_desktop import paths
        paths.bundled_catalog = lambda: Path({str(FIXTURE_CATALOG)!r})
        from rsfm_desktop.__main__ import main
        status = main(sys.argv[1:])
        assert not [m for m in sys.modules if m.startswith("PySide6")], "Qt was imported"
        sys.exit(status)
    """)
    done = run_module("stats", "--data-dir", str(tmp_path / "data"), code=code)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"papers": 4, "datasets": 2, "links": 3, "notes": 0}


def test_stats_counts_what_the_user_wrote(targets, fixture_as_bundled, capsys):
    target = targets.blank()
    catalog = targets.open(target)
    paper = catalog.entries.list_ids(Kind.PAPER)[0]
    catalog.notes.save(Kind.PAPER, paper, "a note")
    catalog.entries.delete(Kind.DATASET, catalog.entries.list_ids(Kind.DATASET)[:1])
    catalog.close()

    assert main(["stats", "--catalog", str(target)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    counts = json.loads(out)
    assert counts["notes"] == 1 and counts["datasets"] == 1 and counts["papers"] == 4


def test_stats_on_a_new_catalog_seeds_it_as_a_first_launch(targets, fixture_as_bundled, capsys):
    target = targets.blank()
    assert main(["stats", "--catalog", str(target)]) == 0
    assert json.loads(capsys.readouterr().out) == {"papers": 4, "datasets": 2, "links": 3, "notes": 0}
    out = targets.open(target).imports.export_text("json")  # export sees the same seeded catalog
    assert len(json.loads(out)["papers"]) == 4


def test_data_dir_before_the_command_is_honoured(tmp_path, fixture_as_bundled, capsys, monkeypatch):
    monkeypatch.setattr(paths, "default_data_dir", lambda: tmp_path / "default")
    monkeypatch.setattr("rsfm_desktop.cli.default_data_dir", lambda: tmp_path / "default")
    assert main(["--data-dir", str(tmp_path / "chosen"), "stats"]) == 0
    assert json.loads(capsys.readouterr().out)["papers"] == 4
    assert (tmp_path / "chosen" / "catalog.sqlite3").is_file()
    assert not (tmp_path / "default").exists()


def test_a_broken_bundled_catalog_is_a_message_not_a_traceback(tmp_path, monkeypatch, capsys):
    broken = tmp_path / "catalog.json"
    broken.write_text('{"format": "rsfm-catalog",\n "papers": [}', encoding="utf-8")
    monkeypatch.setattr(paths, "bundled_catalog", lambda: broken)
    assert main(["stats", "--data-dir", str(tmp_path / "data")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "catalog.json, line 2" in captured.err


def test_an_unusable_data_dir_is_a_message(tmp_path, fixture_as_bundled, capsys):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert main(["stats", "--data-dir", str(not_a_folder / "data")]) == 2
    assert "Cannot create the catalog folder" in capsys.readouterr().err


def test_index_reads_attached_pdfs_without_qt_and_reports_the_unreadable(tmp_path, test_pdfs, folder_catalog, data_dir):
    paper = folder_catalog.entries.list_ids(Kind.PAPER)[0]
    folder_catalog.attachments.attach(Kind.PAPER, paper, [test_pdfs["latin"], test_pdfs["scanned"]])
    folder_catalog.close()
    code = textwrap.dedent("""
        import sys
        from rsfm_desktop.__main__ import main
        status = main(sys.argv[1:])
        assert not [m for m in sys.modules if m.startswith("PySide6")], "Qt was imported"
        sys.exit(status)
    """)
    done = run_module("index", "--data-dir", str(data_dir), code=code)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["indexed"], report["pages"]) == (1, 3)
    assert [(p["file"], p["status"]) for p in report["problems"]] == [("scanned.pdf", "scanned")]
    again = run_module("index", "--data-dir", str(data_dir), code=code)
    assert json.loads(again.stdout) == {"indexed": 0, "pages": 0, "problems": []}  # nothing changed
