"""Exporting the selection, the current view or everything, in any supported format.

``paper_ids``/``dataset_ids`` None for both means everything; otherwise exactly the given ids,
in the given order (the order of the view). Files are written atomically.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..fields import Kind
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


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path`` and move it into place."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
