"""Reading a large file in a worker process, while this process plans what it already read.

Parsing (splitting, decoding LaTeX, building records) is pure Python and took half of a large
import's preview; the other half, matching and spooling the records, needs the catalog and the
spool. With a worker process the two run at once on two cores: the worker runs the same parser
(:data:`.detect.READERS`) over the file and sends its records back a batch at a time (with its
warnings and how far into the file it is); :func:`records` yields them here as if the parser
ran here. The pipe holds about one batch, so memory stays per batch.

Only for files of :data:`MIN_BYTES` and more (starting a process costs a few tenths of a
second), and never in the frozen bundle (a spawned child of a PyInstaller program runs the
program again unless its entry point calls ``multiprocessing.freeze_support()``).
``RSFM_IMPORT_WORKER=0`` turns it off.

Cancel: this side keeps asking ``cancelled()`` (within :data:`.reading.INTERVAL` while it
waits) and kills the worker; a broken file's :class:`ImportFormatError` comes back with the
same file, line and message as the parser gave.
"""

from __future__ import annotations

import io
import marshal
import multiprocessing
import os
import pickle
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..fields import Kind
from .reading import INTERVAL, ReadContext, TextSource
from .record import Format, ImportFormatError, ImportRecord

MIN_BYTES = 4_000_000
BATCH = 500  # records a message
_FIELDS = ("kind", "values", "line", "tags", "note", "ref", "tag_refs", "provenance", "attachments", "meta")
_KINDS = {k.value: k for k in Kind}


def wanted(size: int) -> bool:
    from ...paths import is_frozen

    return size >= MIN_BYTES and os.environ.get("RSFM_IMPORT_WORKER", "1") != "0" and not is_frozen()


def _pack(records: list[ImportRecord]) -> bytes:
    rows = [(r.kind.value, r.values, r.line, r.tags, r.note, r.ref, r.tag_refs, r.provenance, r.attachments,
             r.meta) for r in records]
    try:
        return b"m" + marshal.dumps(rows)
    except ValueError:  # a value marshal cannot write (a date a parser left as an object)
        return b"p" + pickle.dumps(rows, pickle.HIGHEST_PROTOCOL)


def _unpack(data: bytes) -> list[ImportRecord]:
    rows = marshal.loads(data[1:]) if data[:1] == b"m" else pickle.loads(data[1:])
    out = []
    for row in rows:
        # No __init__: the worker's record already folded its fields into facets.
        record = object.__new__(ImportRecord)
        record.__dict__.update(zip(_FIELDS, row))
        record.kind = _KINDS[row[0]]
        out.append(record)
    return out


def _work(conn, path: str, source: str, fmt: str, encoding: str, bom: int, errors: str) -> None:
    """The worker: parse the file, send ("records", packed, warnings, position) messages, then
    ("done", facets, taxonomy, links, warnings) or ("error", file, line, message)."""
    from .detect import READERS, _guarded

    try:
        raw = open(path, "rb")
        raw.seek(bom)
        handle = io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline=None)
        ctx = ReadContext(source)
        with handle:
            text = TextSource(handle, raw.tell)
            ctx.position = text.position
            batch: list[ImportRecord] = []
            try:
                for record in _guarded(READERS[Format(fmt)](text, ctx), source, Format(fmt)):
                    batch.append(record)
                    if len(batch) >= BATCH:
                        conn.send_bytes(pickle.dumps(("records", _pack(batch), ctx.warnings, text.position())))
                        batch, ctx.warnings = [], []
            except UnicodeDecodeError as exc:
                raise ImportFormatError(source, None, f"not valid {encoding} text ({exc.reason}); choose the encoding") from exc
            if batch or ctx.warnings:
                conn.send_bytes(pickle.dumps(("records", _pack(batch), ctx.warnings, text.position())))
        conn.send_bytes(pickle.dumps(("done", ctx.facets, ctx.taxonomy, ctx.links, [])))
    except ImportFormatError as exc:
        conn.send_bytes(pickle.dumps(("error", exc.file, exc.line, exc.message)))
    except OSError as exc:
        conn.send_bytes(pickle.dumps(("error", source, None, f"cannot read the file: {exc.strerror}")))
    except BaseException as exc:  # noqa: BLE001  (never a silent worker: say what broke)
        conn.send_bytes(pickle.dumps(("error", source, None, f"unreadable {fmt} file ({type(exc).__name__}: {exc})")))
    finally:
        conn.close()


@contextmanager
def _without_main_script() -> Iterator[None]:
    """While the worker starts: a spawned child runs the parent's main script again before
    anything else (multiprocessing's "main module" fix-up), which is the whole app or a user's
    script without a ``__main__`` guard, or fails for ``python -c`` / stdin. The worker needs
    only this module (imported by name), so it is started as if there were no main script."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def records(ctx: ReadContext, path: str, fmt: Format, encoding: str, bom: int, errors: str) -> Iterator[ImportRecord]:
    """The records of the file as the parser gives them, parsed by a worker process; ``ctx``
    (this side's context) gets the progress, warnings, facets, taxonomy and links, and is
    asked about cancelling."""
    spawn = multiprocessing.get_context("spawn")
    mine, theirs = spawn.Pipe(duplex=False)
    process = spawn.Process(target=_work, args=(theirs, path, ctx.source, fmt.value, encoding, bom, errors),
                            name="rsfm-import-reader", daemon=True)
    with _without_main_script():
        process.start()
    theirs.close()
    position = [0]
    ctx.position = lambda: position[0]
    try:
        while True:
            while not mine.poll(INTERVAL):
                ctx.tick()
                if not process.is_alive() and not mine.poll(0):
                    raise ImportFormatError(ctx.source, None, "the reading process stopped unexpectedly")
            try:
                message: tuple[Any, ...] = pickle.loads(mine.recv_bytes())
            except EOFError as exc:
                raise ImportFormatError(ctx.source, None, "the reading process stopped unexpectedly") from exc
            if message[0] == "error":
                raise ImportFormatError(*message[1:])
            if message[0] == "done":
                ctx.facets, ctx.taxonomy, ctx.links = message[1], message[2], message[3]
                return
            _tag, packed, warnings, position[0] = message
            ctx.warnings += warnings
            for record in _unpack(packed):
                ctx.tick()
                yield record
    finally:
        mine.close()
        if process.is_alive():
            process.kill()
        process.join()
