"""What the first write and the first note preview need, made ready on a worker thread once the
window is painted: the write path's tables come from SQLModel (with pydantic and SQLAlchemy's
ORM), imported by the first note saved on the GUI thread they stalled it for 0.8 s at 100,000
papers (profiled with ``RSFM_EXPLAIN_STALLS_MS`` in tests/benchmarks/bench_latency.py); and the
Markdown parser of the preview is built. Start-up itself does not import them (a catalog opens
without them)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject

from .tasks import run_silently


def _import(_context) -> None:
    from ..core.markdown_render import render
    from ..core.store.writes import table

    table("note")  # imports the models
    render("")  # builds the Markdown parser


_frozen = False  # once a process: a second window's start-up is not frozen (see _freeze)


def _freeze(_result=None) -> None:
    """What the first window's start-up made lives as long as it (the modules just imported,
    the catalog's rows and orders, the widgets): out of later garbage collections. A full
    collection walked all of it, 125-155 ms at 100,000 papers, holding the GIL on whichever
    thread it ran (on a worker the GUI thread waited for it: a stall of a window doing
    nothing); now 25 ms. Once a process: what is frozen is never collected as a cycle, so the
    first window's cycles stay when another catalog is opened in its place (the later windows'
    go as before)."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


def install(window: QObject) -> None:
    """Warm the imports in the background (a failure only means they happen later), then
    freeze what start-up made out of the garbage collector's walks."""
    run_silently(window, _import, _freeze, _freeze)
