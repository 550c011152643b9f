"""Answers kept while the catalog's change log stands still: a small least-recently-used cache
whose every entry belongs to one ``change_log.seq``. A lookup with a newer seq (any commit,
here or by another user) empties it; an answer computed for an older seq is not kept. Shared by
threads (the table model and the statistics view read on workers)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any


class SeqCache:
    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._seq: int | None = None
        self._lock = threading.Lock()

    def get(self, seq: int, key: Hashable) -> Any:
        """The answer kept for ``key`` at ``seq``, or None."""
        with self._lock:
            if seq != self._seq:
                self._items.clear()
                self._seq = seq
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, seq: int, key: Hashable, value: Any) -> None:
        """Keep ``value``, computed at ``seq``, unless the cache has moved on since."""
        with self._lock:
            if seq == self._seq:
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
