"""An event-loop heartbeat: a QTimer every 10 ms records the longest gap between its ticks, which
is the longest time the GUI thread was busy with something else (a stall the user feels).

It also records the GUI thread's own CPU time in each gap (``busiest_cpu_ms``, the most in one
gap): on a loaded machine a gap also holds the time the process waited for a core, which the
CPU figure leaves out (what the code costs, not what the machine's other work added)."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, QTimer


class StallWatch(QObject):
    """``explain_over_ms``: a helper thread prints where the GUI thread is (its Python stack)
    whenever the heartbeat is late by that much: what to fix."""

    def __init__(self, interval_ms: int = 10, parent=None, explain_over_ms: float | None = None):
        super().__init__(parent)
        self.explain_over_ms = explain_over_ms
        self._explaining = False
        self.interval_ms = interval_ms
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.setTimerType(self._timer.timerType().PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self._last_cpu = 0.0
        self.longest_ms = 0.0
        self.longest_cpu_ms = 0.0  # the GUI thread's CPU time within the longest gap
        self.busiest_cpu_ms = 0.0  # the most GUI-thread CPU time within any one gap
        self.ticks = 0

    def start(self) -> "StallWatch":
        self.longest_ms, self.ticks = 0.0, 0
        self.longest_cpu_ms = self.busiest_cpu_ms = 0.0
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._timer.start()
        if self.explain_over_ms is not None and not self._explaining:
            self._explaining = True
            threading.Thread(target=self._explain, args=(threading.get_ident(),), daemon=True).start()
        return self

    def _explain(self, gui_thread: int) -> None:
        import sys
        import traceback

        seen = set()
        while self._explaining:
            time.sleep(0.02)
            late = (time.perf_counter() - self._last) * 1000
            if late < self.explain_over_ms:
                continue
            frame = sys._current_frames().get(gui_thread)
            if frame is None:
                continue
            stack = [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in traceback.extract_stack(frame)][-8:]
            # Holding the GUI thread's frame while sleeping kept its locals alive past their
            # return (a paintEvent's QPainter: "endPaint() called with active painter", a crash).
            del frame
            if tuple(stack) not in seen:
                seen.add(tuple(stack))
                print(f"stall {late:.0f} ms at: " + " <- ".join(reversed(stack)), flush=True)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()  # on the GUI thread: its CPU time
        gap, gap_cpu = (now - self._last) * 1000, (cpu - self._last_cpu) * 1000
        if gap > self.longest_ms:
            self.longest_ms, self.longest_cpu_ms = gap, gap_cpu
        self.busiest_cpu_ms = max(self.busiest_cpu_ms, gap_cpu)
        self._last, self._last_cpu = now, cpu
        self.ticks += 1

    def stop(self) -> float:
        """Stop; the longest gap in ms (counting the time since the last tick)."""
        self._tick()
        self._timer.stop()
        self._explaining = False
        return round(self.longest_ms, 1)


@contextmanager
def watching(interval_ms: int = 10):
    """``with watching() as watch: ...`` then ``watch.longest_ms`` (the block must run the
    event loop, e.g. ``qtbot.waitUntil``)."""
    watch = StallWatch(interval_ms).start()
    try:
        yield watch
    finally:
        watch.stop()
