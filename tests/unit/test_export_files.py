"""Exported files: written atomically with the mode a new file gets (the umask) or the mode of
the file they replace; a file that cannot be written is named as the user chose it, with the
reason in plain words (never the hidden temporary file beside it)."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from rsfm_desktop.core.io import ExportWriteError, write_atomically

ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_a_new_export_honours_the_umask(tmp_path, umask_022):
    write_atomically(tmp_path / "out.csv", "a,b\r\n")
    assert mode(tmp_path / "out.csv") == 0o644
    os.umask(0o077)
    write_atomically(tmp_path / "private.csv", "a,b\r\n")
    assert mode(tmp_path / "private.csv") == 0o600


def test_overwriting_keeps_the_files_mode(tmp_path, umask_022):
    target = tmp_path / "shared.bib"
    target.write_text("old")
    target.chmod(0o664)
    write_atomically(target, "new")
    assert target.read_text() == "new" and mode(target) == 0o664
    assert [p.name for p in tmp_path.iterdir()] == ["shared.bib"]  # no temporary file left


def test_a_missing_folder_is_named_as_chosen_in_plain_words(tmp_path):
    target = tmp_path / "no such folder" / "out.ris"
    with pytest.raises(ExportWriteError) as failed:
        write_atomically(target, "x")
    assert str(failed.value) == f"{target} could not be written: the folder does not exist"


def test_the_command_line_names_an_unwritable_export_folder_without_a_traceback(folder_catalog, data_dir, tmp_path):
    folder_catalog.close()
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    prefix = []
    if os.geteuid() == 0:  # root ignores file modes unless it drops the capability
        drop = "-dac_override,-dac_read_search,-fowner"
        prefix = ["setpriv", "--bounding-set", drop, "--inh-caps", drop]
    result = subprocess.run([*prefix, sys.executable, "-m", "rsfm_desktop", "export", "--format", "csv",
                             "--output", str(locked / "out.csv"), "--data-dir", str(data_dir)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2
    assert result.stderr == (f"rsfm-desktop: {locked / 'out.csv'} could not be written: "
                             "you do not have permission to write in this folder\n")
    assert ".out.csv." not in result.stderr and list(locked.iterdir()) == []
