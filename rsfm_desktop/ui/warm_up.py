"""What the first write and the first note preview need, made ready on a worker thread once the
window is painted: the write path's tables come from SQLModel (with pydantic and SQLAlchemy's
ORM), imported by the first note saved on the GUI thread they stalled it for 0.8 s at 100,000
papers (profiled with ``RSFM_EXPLAIN_STALLS_MS`` in tests/benchmarks/bench_latency.py); and the
Markdown parser of the preview is built. Start-up itself does not import them (a catalog opens
without them)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from .tasks import run_silently


def _import(_context) -> None:
    from ..core.markdown_render import render
    from ..core.store.writes import table

    table("note")  # imports the models
    render("")  # builds the Markdown parser


def install(window: QObject) -> None:
    """Warm the imports in the background (a failure only means they happen later)."""
    run_silently(window, _import, lambda _result: None, lambda _exc: None)
