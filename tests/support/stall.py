"""An event-loop heartbeat: a QTimer every 10 ms records the longest gap between its ticks, which
is the longest time the GUI thread was busy with something else (a stall the user feels)."""

from __future__ import annotations

import time
from contextlib import contextmanager

from PySide6.QtCore import QObject, QTimer


class StallWatch(QObject):
    def __init__(self, interval_ms: int = 10, parent=None):
        super().__init__(parent)
        self.interval_ms = interval_ms
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.setTimerType(self._timer.timerType().PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.longest_ms = 0.0
        self.ticks = 0

    def start(self) -> "StallWatch":
        self.longest_ms, self.ticks = 0.0, 0
        self._last = time.perf_counter()
        self._timer.start()
        return self

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest_ms = max(self.longest_ms, (now - self._last) * 1000)
        self._last = now
        self.ticks += 1

    def stop(self) -> float:
        """Stop; the longest gap in ms (counting the time since the last tick)."""
        self._tick()
        self._timer.stop()
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
