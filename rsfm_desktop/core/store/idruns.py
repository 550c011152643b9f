"""A set of row ids kept as sorted runs of consecutive ids.

The ids a bulk insert allocates are consecutive, so the million entries of a large import are a
few runs, not a million integers: the change records, the undo steps and the search-index queue
of such a transaction stay a few kilobytes (:mod:`.changes`, :mod:`.undo`, :mod:`.writes`).
Scattered ids cost two list slots each, no more than a list of them would.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator


class IdRuns:
    __slots__ = ("_starts", "_stops", "_count")

    def __init__(self, ids: Iterable[int] = ()):
        self._starts: list[int] = []
        self._stops: list[int] = []  # exclusive
        self._count = 0
        if isinstance(ids, IdRuns):
            self._starts, self._stops, self._count = list(ids._starts), list(ids._stops), ids._count
        elif isinstance(ids, range) and ids.step == 1:
            self.add_range(ids.start, ids.stop)
        else:
            for i in ids:
                self.add(i)

    @classmethod
    def of_range(cls, start: int, stop: int) -> "IdRuns":
        out = cls()
        out.add_range(start, stop)
        return out

    # ---- reading ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, int) or not self._starts:
            return False
        k = bisect_right(self._starts, value) - 1
        return k >= 0 and value < self._stops[k]

    def __iter__(self) -> Iterator[int]:
        for start, stop in zip(self._starts, self._stops):
            yield from range(start, stop)

    def runs(self) -> list[tuple[int, int]]:
        """(start, stop) pairs, stop exclusive, in order."""
        return list(zip(self._starts, self._stops))

    def chunks(self, size: int) -> Iterator[list[int]]:
        """The ids in order, in lists of at most ``size``."""
        chunk: list[int] = []
        for start, stop in zip(self._starts, self._stops):
            while start < stop:
                take = min(stop, start + size - len(chunk))
                chunk.extend(range(start, take))
                start = take
                if len(chunk) >= size:
                    yield chunk
                    chunk = []
        if chunk:
            yield chunk

    def __eq__(self, other: object) -> bool:
        if isinstance(other, IdRuns):
            return self._starts == other._starts and self._stops == other._stops
        return NotImplemented

    def __repr__(self) -> str:
        shown = ", ".join(f"{a}" if b == a + 1 else f"{a}-{b - 1}" for a, b in self.runs()[:6])
        return f"IdRuns({shown}{', …' if len(self._starts) > 6 else ''})"

    # ---- writing ---------------------------------------------------------------------------

    def add(self, value: int) -> None:
        self.add_range(value, value + 1)

    def add_range(self, start: int, stop: int) -> None:
        """Add ``range(start, stop)``."""
        if stop <= start:
            return
        starts, stops = self._starts, self._stops
        if not starts or start > stops[-1]:
            starts.append(start)
            stops.append(stop)
            self._count += stop - start
            return
        if start == stops[-1]:
            stops[-1] = stop
            self._count += stop - start
            return
        # Somewhere in the middle: merge with every run it touches.
        lo = bisect_right(stops, start - 1)  # first run ending at or after start
        hi = bisect_right(starts, stop)  # runs before hi start at or before stop
        if lo < hi:
            start, stop = min(start, starts[lo]), max(stop, stops[hi - 1])
            self._count -= sum(b - a for a, b in zip(starts[lo:hi], stops[lo:hi]))
        starts[lo:hi] = [start]
        stops[lo:hi] = [stop]
        self._count += stop - start

    def update(self, ids: Iterable[int]) -> None:
        if isinstance(ids, IdRuns):
            for start, stop in ids.runs():
                self.add_range(start, stop)
        else:
            for i in ids:
                self.add(i)

    def discard(self, value: int) -> None:
        if value not in self:
            return
        k = bisect_right(self._starts, value) - 1
        start, stop = self._starts[k], self._stops[k]
        pieces = [(a, b) for a, b in ((start, value), (value + 1, stop)) if b > a]
        self._starts[k : k + 1] = [a for a, _b in pieces]
        self._stops[k : k + 1] = [b for _a, b in pieces]
        self._count -= 1

    def __and__(self, other: "IdRuns") -> "IdRuns":
        out = IdRuns()
        a, b = self.runs(), other.runs()
        i = j = 0
        while i < len(a) and j < len(b):
            lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
            if lo < hi:
                out.add_range(lo, hi)
            if a[i][1] < b[j][1]:
                i += 1
            else:
                j += 1
        return out

    def __sub__(self, other: "IdRuns") -> "IdRuns":
        out = IdRuns()
        b = other.runs()
        j = 0
        for start, stop in self.runs():
            while j < len(b) and b[j][1] <= start:
                j += 1
            k = j
            while start < stop and k < len(b) and b[k][0] < stop:
                if b[k][0] > start:
                    out.add_range(start, b[k][0])
                start = max(start, b[k][1])
                k += 1
            if start < stop:
                out.add_range(start, stop)
        return out
