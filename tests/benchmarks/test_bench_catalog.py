"""The catalog benchmark runs to the end at 1,000 papers (figures are not judged here)."""

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("bench_catalog.py")


def test_benchmark_completes_at_1000_papers(tmp_path):
    out = tmp_path / "bench.json"
    user_config = tmp_path / "the user's config"  # as if it were the user's own XDG_CONFIG_HOME
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--papers", "1000", "--runs", "1", "--json", str(out)],
        capture_output=True, text=True, timeout=600,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(user_config)),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert not user_config.exists() or not any(user_config.rglob("*.ini"))  # the user's settings untouched
    figures = json.loads(out.read_text())
    assert figures["interactive"]["papers"] >= 1000  # plus the bundled catalog, seeded on start
    assert figures["startup"]["papers"] >= 1000
    assert "peak RSS" in result.stdout
