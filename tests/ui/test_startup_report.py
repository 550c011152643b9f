"""``--startup-report`` on ``python -m rsfm_desktop``: one JSON line, an honest elapsed time
and the peak memory."""

import os
import sys

from tests.benchmarks.bench_startup import startup_once


def test_startup_report_prints_papers_and_time_no_longer_than_the_parent_saw(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    elapsed, wall, papers, peak_mb = startup_once([sys.executable, "-m", "rsfm_desktop"], tmp_path / "catalog", env)
    assert papers == 71  # the bundled catalog, seeded on first start
    # The app measures from its own process start, which is after the parent spawned it; one
    # clock tick (10 ms) of rounding is allowed. (Reading the boot time from /proc/stat's
    # whole-second btime once overstated start-up by up to a second.)
    assert 0 < elapsed <= wall + 0.02
    assert 20 < peak_mb < 250
