"""Exporting the selection, the current view or everything, in any supported format.

``paper_ids``/``dataset_ids`` None for both means everything; otherwise exactly the given ids,
in the given order (the order of the view). Files are written atomically.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..fields import Kind
from ..i18n import QT_TRANSLATE_NOOP
from ..store import sql
from . import appjson, bibtex, csljson, csv_io, ris, snapshot
from .markdown_export import awesome_list, view_table
from .record import Format

_WRITERS = {Format.BIBTEX: bibtex.write, Format.RIS: ris.write, Format.CSLJSON: csljson.write, Format.CSV: csv_io.write}


def _selection(conn, paper_ids, dataset_ids, include_deleted: bool) -> tuple[list[int], list[int]]:
    if paper_ids is None and dataset_ids is None:
        return (snapshot.live_ids(conn, Kind.PAPER, include_deleted),
                snapshot.live_ids(conn, Kind.DATASET, include_deleted))
    return list(paper_ids or []), list(dataset_ids or [])


def export_text(
    store,
    fmt: Format | str,
    paper_ids: Sequence[int] | None = None,
    dataset_ids: Sequence[int] | None = None,
    group_facet: str = "family",
    files: tuple[Path, Path] | None = None,
) -> str:
    """``files`` (lossless JSON only): (attachments folder, folder beside the export) to copy
    the stored attachments into."""
    fmt = Format(fmt)
    with store.read() as conn:
        papers, datasets = _selection(conn, paper_ids, dataset_ids, include_deleted=fmt is Format.JSON)
        if fmt is Format.JSON:
            return appjson.write(conn, papers, datasets, files)
        snaps = snapshot.load(conn, Kind.PAPER, papers), snapshot.load(conn, Kind.DATASET, datasets)
    if fmt is Format.MARKDOWN:
        return awesome_list(*snaps, facet=group_facet)
    return _WRITERS[fmt](snaps[0] + snaps[1])


def export_view(store, kind: Kind, columns: Sequence[str], ids: Sequence[int], fmt: str) -> str:
    """The current view as a table: exactly these columns, these entries, this order."""
    return view_table(kind, columns, snapshot.open_snapshots(store, kind, ids), fmt)


# ---- the rescue export -------------------------------------------------------------------------

@dataclass
class Unreadable:
    """An entry the rescue export could not read whole: ``salvaged`` is what could be read
    (None: nothing), ``problem`` says what failed."""

    kind: Kind
    id: int
    problem: str
    salvaged: snapshot.EntrySnapshot | None = None

    def as_json(self) -> dict:
        title = self.salvaged.title if self.salvaged is not None else None
        return {"kind": self.kind.value, "id": self.id, "title": title, "problem": self.problem}


@dataclass
class Rescue:
    text: str  # the app JSON of every readable entry
    readable: dict[Kind, int]
    unreadable: list[Unreadable]
    problems: list[str]  # what else could not be read (the tag tree, the links)

    def salvaged_text(self) -> str | None:
        """The app JSON of the damaged entries as far as they could be read (unreadable text as
        U+FFFD), for a person to check before importing it; None if there are none."""
        kept = [u.salvaged for u in self.unreadable if u.salvaged is not None]
        if not kept:
            return None
        return appjson.write_snapshots([], [], [s for s in kept if s.kind is Kind.PAPER],
                                       [s for s in kept if s.kind is Kind.DATASET], [])


def rescue_export(store) -> Rescue:
    """Every entry that reads back whole, as app JSON (trashed ones too), and a list of those
    that do not (a damaged catalog: run it before restoring a backup, to keep recent work).

    Entries are read in blocks; a block that meets damage is read again one entry at a time,
    so one bad page costs only the entries on it."""
    readable: dict[Kind, list[snapshot.EntrySnapshot]] = {}
    unreadable: list[Unreadable] = []
    problems: list[str] = []
    with store.read() as conn:
        facets, tags = _rescued(problems, "the tag tree", lambda: snapshot.taxonomy(conn), ([], []))
        for kind in Kind:
            ids = snapshot.live_ids(conn, kind, include_deleted=True)  # a broken table: CatalogError
            readable[kind] = []
            for chunk in sql.chunked(ids, 200):
                try:
                    with sql.noticing_damage() as noticed:
                        snaps = snapshot.load(conn, kind, chunk)
                    if not noticed and not any(s.damaged for s in snaps):
                        readable[kind] += snaps
                        continue
                except Exception:  # noqa: BLE001 (a rescue reads what it can; each entry again below)
                    pass
                for entry_id in chunk:
                    _rescue_one(conn, kind, entry_id, readable[kind], unreadable)
        paper_ids = [s.id for s in readable[Kind.PAPER]]
        dataset_ids = [s.id for s in readable[Kind.DATASET]]
        links = _rescued(problems, "the paper–dataset links",
                         lambda: snapshot.links(conn, paper_ids, dataset_ids), [])
    known = {t["ref"] for t in tags}
    for snaps in readable.values():
        for snap in snaps:
            snap.tag_ids = [i for i in snap.tag_ids if f"t{i}" in known]
    text = appjson.write_snapshots(facets, tags, readable[Kind.PAPER], readable[Kind.DATASET], links)
    return Rescue(text, {k: len(v) for k, v in readable.items()}, unreadable, problems)


def _rescue_one(conn, kind: Kind, entry_id: int, readable: list, unreadable: list[Unreadable]) -> None:
    try:
        with sql.noticing_damage() as noticed:
            [snap] = snapshot.load(conn, kind, [entry_id]) or [None]
    except Exception as exc:  # noqa: BLE001 (whatever a damaged page raises, the entry is reported)
        unreadable.append(Unreadable(kind, entry_id, str(exc).splitlines()[0]))
        return
    if snap is None:
        unreadable.append(Unreadable(kind, entry_id, "the entry's row cannot be found"))
    elif noticed or snap.damaged:
        unreadable.append(Unreadable(kind, entry_id, "; ".join(noticed) or "a value of the wrong type", snap))
    else:
        readable.append(snap)


def _rescued(problems: list[str], what: str, read, fallback):
    try:
        with sql.noticing_damage() as noticed:
            result = read()
    except Exception as exc:  # noqa: BLE001 (reported; the rest of the rescue goes on)
        problems.append(f"{what}: {str(exc).splitlines()[0]}")
        return fallback
    if noticed:
        problems.append(f"{what}: {'; '.join(noticed)} (kept with replacement characters)")
    return result


# ---- writing files -------------------------------------------------------------------------------

class ExportWriteError(OSError):
    """A file that could not be written; the message names the file the user chose and says
    why in plain words (never the temporary file beside it)."""

    def __init__(self, path: Path, exc: OSError):
        super().__init__(exc.errno, exc.strerror)
        self.path, self.reason = Path(path), why_not_written(exc)

    def __str__(self) -> str:
        return f"{self.path} could not be written: {self.reason}"


def why_not_written(exc: OSError) -> str:
    """An OSError while writing a file, in the user's words (English; the window translates
    them in the context ``Export``)."""
    import errno

    return {
        errno.EACCES: QT_TRANSLATE_NOOP("Export", "you do not have permission to write in this folder"),
        errno.EPERM: QT_TRANSLATE_NOOP("Export", "you do not have permission to write in this folder"),
        errno.ENOSPC: QT_TRANSLATE_NOOP("Export", "the disk is full"),
        errno.EDQUOT: QT_TRANSLATE_NOOP("Export", "your disk quota is used up"),
        errno.EROFS: QT_TRANSLATE_NOOP("Export", "the disk is read-only"),
        errno.ENOENT: QT_TRANSLATE_NOOP("Export", "the folder does not exist"),
        errno.ENOTDIR: QT_TRANSLATE_NOOP("Export", "the folder does not exist"),
        errno.EISDIR: QT_TRANSLATE_NOOP("Export", "a folder of that name is in the way"),
        errno.ENAMETOOLONG: QT_TRANSLATE_NOOP("Export", "the file name is too long"),
        errno.EIO: QT_TRANSLATE_NOOP("Export", "the disk reported an error"),
    }.get(exc.errno, exc.strerror or str(exc))


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path`` and move it into place. The file gets the mode
    a new file would (the umask), or keeps the mode of the file it replaces. Raises
    :class:`ExportWriteError` naming ``path``."""
    path = Path(path)
    tmp: str | None = None
    try:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~_current_umask()
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, mode)  # mkstemp makes 0600
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise ExportWriteError(path, exc) from exc
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
