"""What opening a lab catalog costs before the table paints: no keyring lookup when libpq
connects without one (importing the keyring and finding its backends took 0.3-0.9 s)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_a_lab_catalog_that_needs_no_password_opens_without_asking_the_keyring(targets):
    if targets.engine == "sqlite":
        pytest.skip("a folder catalog has no password")
    url = targets.new()
    script = (
        "import sys\n"
        "from rsfm_desktop.core.catalog import open_catalog\n"
        f"catalog = open_catalog({url!r})\n"
        "print(catalog.stats()['papers'], 'keyring' in sys.modules)\n"
        "catalog.close()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PGPASSWORD"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    papers, asked = done.stdout.split()
    assert int(papers) > 0 and asked == "False"
