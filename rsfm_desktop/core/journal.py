"""The recovery journal: typed text that could not be saved yet (a full disk, a busy or vanished
catalog, an unreachable server), kept outside the catalog folder (the user cache folder), each
write atomic (temporary file, then rename). The window writes it whenever a save fails, removes
it once everything is saved, and offers what it holds on the next start. Plain Python."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from .fields import Kind


@dataclass(frozen=True)
class PendingNote:
    body: str  # what the user typed
    base: str  # the text it was typed over (as stored when the editor loaded it)
    version: int | None  # the note's version then (None: there was no note)


@dataclass(frozen=True)
class RecoveredNote:
    kind: Kind
    entry_id: int
    note: PendingNote
    saved_at: str


class RecoveryJournal:
    def __init__(self, folder: Path, catalog_name: str, catalog_id: str | None = None):
        self.folder = Path(folder)
        key = hashlib.sha256(f"{catalog_id or ''}|{catalog_name}".encode()).hexdigest()[:16]
        self.path = self.folder / f"journal-{key}.json"
        self.catalog_name = catalog_name

    def write_notes(self, pending: dict[tuple[Kind, int], PendingNote]) -> None:
        """Keep these unsaved notes (replacing what the journal held); none: remove it."""
        if not pending:
            self.path.unlink(missing_ok=True)
            return
        data = {
            "catalog": self.catalog_name,
            "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "notes": [{"kind": kind.value, "entry_id": entry_id, **asdict(note)}
                      for (kind, entry_id), note in sorted(pending.items(), key=lambda i: (i[0][0].value, i[0][1]))],
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".journal-", dir=self.folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def read(self) -> list[RecoveredNote]:
        """What an earlier run could not save (an unreadable journal gives nothing and stays)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return [RecoveredNote(Kind(n["kind"]), int(n["entry_id"]),
                                  PendingNote(n["body"], n.get("base", ""), n.get("version")),
                                  data.get("saved_at", ""))
                    for n in data.get("notes", [])]
        except (OSError, ValueError, KeyError, TypeError):
            return []

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
