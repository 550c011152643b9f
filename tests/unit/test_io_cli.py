"""The import and export commands."""

from __future__ import annotations

import json
import subprocess
import sys

from rsfm_desktop.__main__ import main

from .io_helpers import FIXTURES, new_engine, table_counts


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_a_json_report_and_dry_run_writes_nothing(tmp_path, capsys):
    data = tmp_path / "cat"
    code, out, _ = run(capsys, "import", str(FIXTURES / "refs.bib"), "--data-dir", str(data), "--dry-run")
    assert code == 0 and json.loads(out)["added"] == 5 and json.loads(out)["dry_run"] is True
    assert table_counts(new_engine(tmp_path))["paper"] == 0
    code, out, _ = run(capsys, "import", str(FIXTURES / "refs.bib"), "--data-dir", str(data))
    assert json.loads(out) == {"added": 5, "merged": 0, "skipped_duplicates": 0, "errors": []}
    code, out, _ = run(capsys, "import", str(FIXTURES / "refs_csl.json"), "--data-dir", str(data), "--format", "csljson")
    report = json.loads(out)
    assert report["added"] == 1 and report["merged"] + report["skipped_duplicates"] == 2


def test_malformed_file_exits_non_zero_naming_file_and_line(tmp_path, capsys):
    code, out, err = run(capsys, "import", str(FIXTURES / "broken.bib"), "--data-dir", str(tmp_path / "cat"))
    assert code == 1
    assert "broken.bib, line 6" in err
    assert json.loads(out)["errors"][0]["line"] == 6
    assert table_counts(new_engine(tmp_path))["paper"] == 0


def test_export_everything_and_by_tag(tmp_path, capsys):
    data = tmp_path / "cat"
    run(capsys, "import", str(FIXTURES / "papers.csv"), "--data-dir", str(data))
    out_file = tmp_path / "all.ris"
    code, _, _ = run(capsys, "export", "--format", "ris", "--output", str(out_file), "--data-dir", str(data))
    assert code == 0 and out_file.read_text(encoding="utf-8").count("TY  - ") == 3
    tagged = tmp_path / "vqa.bib"
    code, _, _ = run(capsys, "export", "--format", "bibtex", "--output", str(tagged), "--data-dir", str(data), "--tag", "vqa")
    assert code == 0 and tagged.read_text(encoding="utf-8").count("@article") == 1
    code, _, err = run(capsys, "export", "--format", "csv", "--output", str(tmp_path / "x.csv"), "--data-dir", str(data), "--tag", "nope")
    assert code == 1 and "nope" in err


def test_cli_runs_as_a_process(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "rsfm_desktop", "import", str(FIXTURES / "awesome_list.md"), "--data-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["added"] == 5
