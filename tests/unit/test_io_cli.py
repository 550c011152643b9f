"""The import and export commands, on a catalog folder and on a lab server (``--catalog``)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from rsfm_desktop import paths
from rsfm_desktop.__main__ import main

from .io_helpers import FIXTURES, table_counts
from .migration_helpers import revision_at

EMPTY_BUNDLE = {"format": "rsfm-catalog", "format_version": 1, "catalog_version": "empty",
                "papers": [], "datasets": [], "links": []}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli(targets, tmp_path, monkeypatch):
    """``--catalog TARGET`` for a blank folder or database, the bundled catalog being empty
    (so the counts are the file's alone); ``cli.open()`` opens the catalog to check it."""
    bundle = tmp_path / "empty-bundle.json"
    bundle.write_text(json.dumps(EMPTY_BUNDLE), encoding="utf-8")
    monkeypatch.setattr(paths, "bundled_catalog", lambda: bundle)

    class Cli:
        target = targets.blank()
        args = ("--catalog", str(target))

        @staticmethod
        def open():
            return targets.open(Cli.target, catalog_file=bundle)

    return Cli


def test_import_prints_a_json_report_and_dry_run_writes_nothing(cli, capsys, engine_name):
    code, out, _ = run(capsys, "import", str(FIXTURES / "refs.bib"), *cli.args, "--dry-run")
    assert code == 0 and json.loads(out)["added"] == 5 and json.loads(out)["dry_run"] is True
    if engine_name == "sqlite":
        assert not cli.target.exists()  # a dry run on a new folder writes nothing anywhere
    code, out, _ = run(capsys, "import", str(FIXTURES / "refs.bib"), *cli.args)
    assert json.loads(out) == {"added": 5, "merged": 0, "skipped_duplicates": 0, "errors": [], "warnings": [],
                               "encoding": "UTF-8", "encoding_confident": True}
    before = table_counts(cli.open())
    code, out, _ = run(capsys, "import", str(FIXTURES / "refs_csl.json"), *cli.args, "--format", "csljson", "--dry-run")
    assert code == 0 and table_counts(cli.open()) == before
    code, out, _ = run(capsys, "import", str(FIXTURES / "refs_csl.json"), *cli.args, "--format", "csljson")
    report = json.loads(out)
    assert report["added"] == 1 and report["merged"] + report["skipped_duplicates"] == 2


def test_malformed_file_exits_non_zero_naming_file_and_line(cli, capsys):
    code, out, err = run(capsys, "import", str(FIXTURES / "broken.bib"), *cli.args)
    assert code == 1
    assert "broken.bib, line 6" in err
    assert json.loads(out)["errors"][0]["line"] == 6
    assert table_counts(cli.open())["paper"] == 0


def test_export_everything_and_by_tag(cli, capsys, tmp_path):
    run(capsys, "import", str(FIXTURES / "papers.csv"), *cli.args)
    out_file = tmp_path / "all.ris"
    code, _, _ = run(capsys, "export", "--format", "ris", "--output", str(out_file), *cli.args)
    assert code == 0 and out_file.read_text(encoding="utf-8").count("TY  - ") == 3
    tagged = tmp_path / "vqa.bib"
    code, _, _ = run(capsys, "export", "--format", "bibtex", "--output", str(tagged), *cli.args, "--tag", "vqa")
    assert code == 0 and tagged.read_text(encoding="utf-8").count("@article") == 1
    code, _, err = run(capsys, "export", "--format", "csv", "--output", str(tmp_path / "x.csv"), *cli.args, "--tag", "nope")
    assert code == 1 and "nope" in err


def test_a_dry_run_on_an_older_catalog_is_a_message_and_changes_nothing(targets, capsys, engine_name):
    from rsfm_desktop.core import migrations

    target = targets.blank()
    if engine_name == "sqlite":
        target.mkdir()
        migrations.upgrade(f"sqlite:///{target / 'catalog.sqlite3'}", "0001")
    else:
        migrations.upgrade(target, "0001")
    code, out, err = run(capsys, "import", str(FIXTURES / "refs.bib"), "--catalog", str(target), "--dry-run")
    assert code == 2 and out == ""
    assert "before a dry run" in err and "Traceback" not in err
    assert revision_at(target) == "0001"


def test_cli_runs_as_a_process(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "rsfm_desktop", "import", str(FIXTURES / "awesome_list.md"), "--data-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)  # into the bundled catalog, seeded first
    assert report["added"] + report["merged"] + report["skipped_duplicates"] == 5 and report["errors"] == []
