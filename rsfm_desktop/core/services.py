"""The operations the UI (and the CLI) ask for: validated edits over the repository."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from . import db, seeding
from .fields import RELATIONS, TITLE_FIELD, Kind, utcnow
from .repository import CatalogRepository
from .validation import FieldError, ValidationError, normalise


TRASH_DAYS = 30  # trashed entries are deleted for good after this many days


class AttachmentError(ValueError):
    """A file that cannot be attached; ``reason`` is ``missing`` or ``filetype``."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{reason}: {path}")
        self.path = path
        self.reason = reason


class CatalogService:
    def __init__(self, repository: CatalogRepository):
        self.repo = repository

    def create(self, kind: Kind, values: dict[str, Any]) -> int:
        clean = normalise(kind, values)
        if not clean.get(TITLE_FIELD[kind]):
            raise ValidationError([FieldError(TITLE_FIELD[kind], "required")])
        return self.repo.create(kind, clean)

    def update(self, kind: Kind, entry_id: int, values: dict[str, Any]) -> None:
        """Validate and write changed fields; nothing is written if any field is invalid."""
        self.repo.update(kind, entry_id, normalise(kind, values))

    def delete(self, kind: Kind, ids: list[int]) -> None:
        """Move entries to the trash."""
        self.repo.delete(kind, ids)

    def restore(self, kind: Kind, ids: list[int]) -> None:
        self.repo.restore(kind, ids)

    def purge(self, kind: Kind, ids: list[int]) -> None:
        """Delete trashed entries for good."""
        self.repo.purge(kind, ids)

    def empty_trash(self, older_than_days: int = 0) -> int:
        """Delete for good what was trashed more than ``older_than_days`` ago; returns how many."""
        cutoff = utcnow() - timedelta(days=older_than_days)
        count = 0
        for kind in Kind:
            ids = self.repo.trashed_before(kind, cutoff)
            if ids:
                self.repo.purge(kind, ids)
            count += len(ids)
        return count

    def link(self, kind: Kind, entry_id: int, other_id: int, relation: str) -> None:
        """Link a paper and a dataset (given from either side); linking twice changes nothing."""
        if relation not in RELATIONS:
            raise ValidationError([FieldError("relation", "choice")])
        paper_id, dataset_id = (entry_id, other_id) if kind is Kind.PAPER else (other_id, entry_id)
        self.repo.add_link(paper_id, dataset_id, relation)

    def unlink(self, kind: Kind, entry_id: int, other_id: int, relation: str) -> None:
        paper_id, dataset_id = (entry_id, other_id) if kind is Kind.PAPER else (other_id, entry_id)
        self.repo.remove_link(paper_id, dataset_id, relation)

    def save_note(self, kind: Kind, entry_id: int, body: str) -> None:
        self.repo.save_note(kind, entry_id, body)

    def note_text(self, kind: Kind, entry_id: int) -> str:
        note = self.repo.note(kind, entry_id)
        return note.body if note else ""

    def attach_pdf(self, paper_id: int, path: Path) -> None:
        path = Path(path)
        if not path.is_file():
            raise AttachmentError(path, "missing")
        if path.suffix.lower() != ".pdf":
            raise AttachmentError(path, "filetype")
        self.repo.attach(paper_id, path.resolve())

    def local_pdf(self, paper_id: int) -> Path | None:
        """The first attached PDF that still exists on disk."""
        for attachment in self.repo.attachments(paper_id):
            path = Path(attachment.path)
            if path.is_file():
                return path
        return None


def open_catalog(data_dir: Path, catalog_file: Path | None = None) -> CatalogService:
    """Open the catalog in ``data_dir``, creating it and adding new bundled entries."""
    from ..paths import bundled_catalog

    engine = db.open_catalog(data_dir)
    seeding.seed_catalog(engine, catalog_file or bundled_catalog())
    return CatalogService(CatalogRepository(engine))
