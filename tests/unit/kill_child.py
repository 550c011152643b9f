"""Child process of test_kill_safety.py: edits the catalog through CatalogService and prints
each change after its commit returned, one JSON line, flushed, until it is killed.

    python tests/unit/kill_child.py DATA_DIR RUN
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from rsfm_desktop.core import services  # noqa: E402
from rsfm_desktop.core.fields import Kind  # noqa: E402


def report(**change) -> None:
    print(json.dumps(change, ensure_ascii=False), flush=True)


def main(data_dir: str, run: str) -> None:
    service = services.open_catalog(Path(data_dir), ROOT / "tests" / "fixtures" / "mini_catalog.json")
    papers = service.repo.list_ids(Kind.PAPER)
    datasets = service.repo.list_ids(Kind.DATASET)
    report(op="ready")
    seq = 0
    while True:
        seq += 1
        value = f"{run}-{seq}"
        step = seq % 4
        if step == 0:
            new_id = service.create(Kind.PAPER, {"title": f"kill {value}", "year": 2024})
            report(op="create", kind="paper", id=new_id, field="title", value=f"kill {value}", seq=seq)
        elif step == 1:
            target = papers[seq % len(papers)]
            service.save_note(Kind.PAPER, target, f"note {value}\n遥感 **markdown**")
            report(op="note", kind="paper", id=target, field="note", value=f"note {value}\n遥感 **markdown**", seq=seq)
        elif step == 2:
            target = datasets[seq % len(datasets)]
            service.save_note(Kind.DATASET, target, f"dataset note {value}")
            report(op="note", kind="dataset", id=target, field="note", value=f"dataset note {value}", seq=seq)
        else:
            target = papers[seq % len(papers)]
            service.update(Kind.PAPER, target, {"remark": f"remark {value}"})
            report(op="update", kind="paper", id=target, field="remark", value=f"remark {value}", seq=seq)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
