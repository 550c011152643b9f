"""Child process of test_kill_safety.py: edits the catalog through the Catalog API and prints
each change after its commit returned, one JSON line, flushed, until it is killed.

    python tests/unit/kill_child.py DATA_DIR RUN
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from rsfm_desktop.core.catalog import open_catalog  # noqa: E402
from rsfm_desktop.core.fields import Kind  # noqa: E402


def report(**change) -> None:
    print(json.dumps(change, ensure_ascii=False), flush=True)


def main(data_dir: str, run: str) -> None:
    catalog = open_catalog(Path(data_dir), catalog_file=ROOT / "tests" / "fixtures" / "mini_catalog.json")
    papers = catalog.entries.list_ids(Kind.PAPER)
    datasets = catalog.entries.list_ids(Kind.DATASET)
    # The table classes load on the first write (about 0.8 s; the window loads them after its
    # first paint): load them now, so the kills land among the edits.
    import rsfm_desktop.core.models  # noqa: F401
    report(op="ready")
    seq = 0
    while True:
        seq += 1
        value = f"{run}-{seq}"
        step = seq % 4
        if step == 0:
            new_id = catalog.entries.create(Kind.PAPER, {"title": f"kill {value}", "year": 2024}).result
            report(op="create", kind="paper", id=new_id, field="title", value=f"kill {value}", seq=seq)
        elif step == 1:
            target = papers[seq % len(papers)]
            catalog.notes.save(Kind.PAPER, target, f"note {value}\n遥感 **markdown**")
            report(op="note", kind="paper", id=target, field="note", value=f"note {value}\n遥感 **markdown**", seq=seq)
        elif step == 2:
            target = datasets[seq % len(datasets)]
            catalog.notes.save(Kind.DATASET, target, f"dataset note {value}")
            report(op="note", kind="dataset", id=target, field="note", value=f"dataset note {value}", seq=seq)
        else:
            target = papers[seq % len(papers)]
            catalog.entries.update(Kind.PAPER, target, {"remark": f"remark {value}"})
            report(op="update", kind="paper", id=target, field="remark", value=f"remark {value}", seq=seq)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
