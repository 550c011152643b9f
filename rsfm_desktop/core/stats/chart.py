"""A chart as a drawing (Qt-free): rectangles, lines and texts in a width × height box, each
bar or cell carrying the (row, column) of the :class:`~.model.Counts` it shows. The window paints
a drawing with QPainter (on screen, and into a PNG), :mod:`.svg` writes it as SVG (also from
the command line, without Qt), and the same rectangles answer clicks and hovers.

Text widths are estimated (a CJK character is one em, others about half): labels are placed by
their anchor (start, middle, end), so an estimate a little off only shifts spare space.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .model import HEATMAP, INTRODUCES, MATRIX, PER_YEAR, VENUES, Counts, Label

# A qualitative palette for tags without a colour of their own (Tableau 10).
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac")


@dataclass(frozen=True)
class Style:
    background: str
    text: str
    muted: str  # axis labels, grid numbers
    grid: str
    accent: str  # heat map and matrix cells
    font: str = "Noto Sans, Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"
    size: float = 11.0  # body text, px


LIGHT = Style("#ffffff", "#202124", "#5f6368", "#e3e5e8", "#1a73e8")
DARK = Style("#1f2023", "#e6e6e6", "#9aa0a6", "#3a3d42", "#5b9bf0")


# The items are named tuples: a matrix lays out 12,000 of them at every redraw, and a tuple is
# made five times faster than a frozen dataclass.
class Rect(NamedTuple):
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str | None = None
    hit: tuple[int | None, int | None] | None = None  # (row, column) of the counts shown

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.w and self.y <= y <= self.y + self.h


class Line(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width: float = 1.0


class Text(NamedTuple):
    x: float
    y: float  # the baseline
    text: str
    color: str
    size: float
    anchor: str = "start"  # start, middle, end
    bold: bool = False
    rotate: float = 0.0  # degrees, around (x, y)


class Grid(NamedTuple):
    """The cells of a grid that show no value, all in one colour: one item for what would be
    thousands of rectangles (a matrix of 200 papers × 60 datasets is 12,000 cells, most of them
    empty), laid out in no time, painted for the rows in view and hit by arithmetic. Cell
    (r, c) is the rectangle :meth:`cell`; the cells in ``skip`` are drawn as items of their own
    (a value), so the grid leaves them out."""

    x: float  # the top left corner of cell (0, 0), gaps included
    y: float
    cell_w: float
    row_h: float
    rows: int
    cols: int
    fill: str
    skip: frozenset = frozenset()

    def cell(self, row: int, col: int) -> Rect:
        return Rect(self.x + col * self.cell_w + 1, self.y + row * self.row_h + 1, self.cell_w - 2, self.row_h - 2,
                    self.fill, hit=(row, col))

    def row_range(self, top: float = -math.inf, bottom: float = math.inf) -> range:
        """The rows that may show between the heights ``top`` and ``bottom``."""
        first = 0 if top == -math.inf else max(0, math.floor((top - self.y) / self.row_h))
        last = self.rows if bottom == math.inf else min(self.rows, math.floor((bottom - self.y) / self.row_h) + 1)
        return range(first, max(first, last))

    def rects(self, rows: range | None = None) -> Iterator[Rect]:
        """The cells (of ``rows``, else all), row by row, without those skipped."""
        for r in rows if rows is not None else range(self.rows):
            for c in range(self.cols):
                if (r, c) not in self.skip:
                    yield self.cell(r, c)

    def has(self, hit) -> bool:
        r, c = hit if isinstance(hit, tuple) and len(hit) == 2 else (None, None)
        return (isinstance(r, int) and isinstance(c, int) and 0 <= r < self.rows and 0 <= c < self.cols
                and (r, c) not in self.skip)

    def hit_at(self, x: float, y: float) -> tuple[int, int] | None:
        if self.cell_w <= 0 or self.row_h <= 0:
            return None
        c, r = math.floor((x - self.x) / self.cell_w), math.floor((y - self.y) / self.row_h)
        if not self.has((r, c)):
            return None
        return (r, c) if self.cell(r, c).contains(x, y) else None


@dataclass
class Drawing:
    width: float
    height: float
    style: Style
    items: list = field(default_factory=list)
    tips: Mapping = field(default_factory=dict)  # hit -> hover text

    def expanded(self) -> Iterator:
        """The items with each :class:`Grid` as its cells' rectangles (for a file: SVG, PNG)."""
        for item in self.items:
            if isinstance(item, Grid):
                yield from item.rects()
            else:
                yield item

    def hits(self) -> list[Rect]:
        return [i for i in self.expanded() if isinstance(i, Rect) and i.hit is not None]

    def has_hit(self, hit) -> bool:
        """Whether some bar, cell or label answers to ``hit``."""
        return any(g.has(hit) for g in self.items if isinstance(g, Grid)) or any(
            isinstance(i, Rect) and i.hit == hit for i in self.items)

    def hit_at(self, x: float, y: float) -> tuple[int | None, int | None] | None:
        for item in reversed(self.items):
            if isinstance(item, Rect):
                if item.hit is not None and item.contains(x, y):
                    return item.hit
            elif isinstance(item, Grid):
                hit = item.hit_at(x, y)
                if hit is not None:
                    return hit
        return None


@dataclass
class Texts:
    """The words a drawing needs, in the interface language (the command line: English)."""

    label: Callable[[Label], str] = lambda label: label.text("en")
    title: str = ""
    tip: Callable[[Counts, int | None, int | None], str] | None = None
    legend_introduces: str = "introduces"
    legend_uses: str = "uses"
    more: str = "+ %1 more"  # rows or columns left out


def text_width(text: str, size: float) -> float:
    return sum(size * (1.0 if unicodedata.east_asian_width(c) in "WF" else 0.58) for c in text)


def _clip(text: str, size: float, width: float) -> str:
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def color_of(label: Label, index: int, style: Style = LIGHT) -> str:
    """A tag's own colour, else one of the palette's; the rest ("no tag", "no venue") pale."""
    if label.builtin:
        return mix(style.background, style.muted, 0.4)
    return label.color or PALETTE[index % len(PALETTE)]


@lru_cache(maxsize=4096)
def mix(a: str, b: str, t: float) -> str:
    """The colour ``t`` of the way from ``a`` to ``b`` (``#rrggbb``)."""
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ca, cb))


def luminance(color: str) -> float:
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def nice_ticks(top: float, count: int = 5) -> list[int]:
    """0 and round steps up to at least ``top``."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(1, int(step))
    return list(range(0, int(math.ceil(top / step)) * step + 1, step))


def draw(counts: Counts, width: float, height: float, style: Style = LIGHT, texts: Texts | None = None) -> Drawing:
    """The chart of ``counts`` (its kind decides how) in a ``width`` × ``height`` box; a
    matrix or a long heat map may be taller than ``height`` (see :func:`natural_height`)."""
    texts = texts or Texts()
    drawing = Drawing(width, height, style)
    drawing.items.append(Rect(0, 0, width, height, style.background))
    top = 8.0
    if texts.title:
        drawing.items.append(Text(12, 8 + style.size * 1.3, texts.title, style.text, style.size * 1.25, bold=True))
        top += style.size * 1.9
    if counts.chart == PER_YEAR:
        _stacked_bars(drawing, counts, texts, top)
    elif counts.chart == VENUES:
        _horizontal_bars(drawing, counts, texts, top)
    elif counts.chart in (HEATMAP, MATRIX):
        _grid(drawing, counts, texts, top)
    tip = texts.tip or (lambda c, row, col: default_tip(c, row, col, texts))
    drawing.tips = Tips(counts, tip, drawing)
    return drawing


class Tips(Mapping):
    """Hover text by hit, worded when first asked for (a matrix has 12,000 cells; a pointer
    visits a few)."""

    def __init__(self, counts: Counts, tip: Callable[[Counts, int | None, int | None], str], drawing: Drawing):
        self._counts, self._tip, self._drawing = counts, tip, drawing
        self._said: dict = {}
        self._labels: set | None = None  # the hits of the items that are not a grid

    def _has(self, hit) -> bool:
        if self._labels is None:
            self._labels = {i.hit for i in self._drawing.items if isinstance(i, Rect) and i.hit is not None}
        return hit in self._labels or any(g.has(hit) for g in self._drawing.items if isinstance(g, Grid))

    def __getitem__(self, hit):
        if hit not in self._said:
            if not self._has(hit):
                raise KeyError(hit)
            self._said[hit] = self._tip(self._counts, *hit)
        return self._said[hit]

    def __contains__(self, hit) -> bool:
        return hit in self._said or self._has(hit)

    def __iter__(self):
        return iter(dict.fromkeys(r.hit for r in self._drawing.hits()))

    def __len__(self) -> int:
        return sum(1 for _hit in self)


def default_tip(counts: Counts, row: int | None, col: int | None, texts: Texts) -> str:
    """What hovering a bar, a cell or a label says: its labels and its count."""
    if row is None and col is not None:  # a legend swatch or a column name
        n = sum(counts.value(r, col) for r in range(len(counts.rows))) if counts.chart != MATRIX else None
        return texts.label(counts.cols[col]) + (f": {n:,}" if n is not None else "")
    if row is None:
        return ""
    name = texts.label(counts.rows[row])
    if col is None:  # a row name
        return name + (f": {counts.row_totals[row]:,}" if counts.row_totals else "")
    value = counts.value(row, col)
    if counts.chart == MATRIX:
        word = texts.legend_introduces if value == INTRODUCES else texts.legend_uses if value else "–"
        return f"{name} – {texts.label(counts.cols[col])}: {word}"
    if counts.chart == VENUES or len(counts.cols) == 1:
        return f"{name}: {value:,}"
    sep = " × " if counts.chart == HEATMAP else " · "
    return f"{name}{sep}{texts.label(counts.cols[col])}: {value:,}"


def natural_height(counts: Counts, width: float, height: float, style: Style = LIGHT,
                   texts: Texts | None = None) -> float:
    """The height a grid chart needs for readable rows (at least ``height``)."""
    if counts.chart not in (HEATMAP, MATRIX):
        return height
    texts = texts or Texts()
    header = _grid_header(counts, texts, style)
    title = style.size * 1.9 if texts.title else 0
    return max(height, 8 + title + header + len(counts.rows) * _row_height(counts, style) + 3 * style.size + 16)


# ---- stacked bars (entries per year) ------------------------------------------------------

def _legend(drawing: Drawing, labels: list[tuple[str, str, int]], top: float) -> float:
    """Swatches and names in rows across the top; returns the height used. ``labels``:
    (text, colour, column)."""
    style = drawing.style
    x, y, line = 12.0, top, style.size * 1.6
    for text, color, col in labels:
        w = 14 + text_width(text, style.size) + 14
        if x + w > drawing.width - 8 and x > 12:
            x, y = 12.0, y + line
        drawing.items.append(Rect(x, y + 2, 10, 10, color, hit=(None, col)))
        drawing.items.append(Text(x + 14, y + 11, text, style.text, style.size))
        x += w
    return y + line - top


def _stacked_bars(drawing: Drawing, counts: Counts, texts: Texts, top: float) -> None:
    style, cols = drawing.style, counts.cols
    stacked = len(cols) > 1
    # Series without any count stay out of the legend.
    present = [c for c in range(len(cols)) if any(counts.value(r, c) for r in range(len(counts.rows)))]
    if stacked:
        top += _legend(drawing, [(texts.label(cols[c]), color_of(cols[c], c, style), c) for c in present], top) + 4
    heights = [sum(counts.value(r, c) for c in range(len(cols))) for r in range(len(counts.rows))]
    ticks = nice_ticks(max(heights, default=0))
    left = 16 + text_width(f"{ticks[-1]:,}", style.size)
    bottom = drawing.height - style.size * 2.2
    right = drawing.width - 12
    plot_h = max(bottom - top - style.size * 1.4, 10)
    scale = plot_h / ticks[-1]
    for tick in ticks:
        y = bottom - tick * scale
        drawing.items.append(Line(left, y, right, y, style.grid))
        drawing.items.append(Text(left - 6, y + style.size * 0.35, f"{tick:,}", style.muted, style.size * 0.9, "end"))
    n = max(len(counts.rows), 1)
    slot = (right - left) / n
    bar = min(slot * 0.72, 64)
    label_every = max(1, math.ceil(text_width("0000", style.size) * 1.4 / slot))
    for r, row in enumerate(counts.rows):
        x = left + r * slot + (slot - bar) / 2
        y = bottom
        for c in range(len(cols)):
            value = counts.value(r, c)
            if not value:
                continue
            h = value * scale
            y -= h
            drawing.items.append(Rect(x, y, bar, h, color_of(cols[c], c, style) if stacked else style.accent,
                                      style.background if stacked else None, hit=(r, c)))
        total = counts.row_totals[r] if counts.row_totals else heights[r]
        if heights[r]:
            drawing.items.append(Text(x + bar / 2, y - 4, f"{total:,}", style.muted, style.size * 0.85, "middle"))
        if r % label_every == 0:
            drawing.items.append(Text(x + bar / 2, bottom + style.size * 1.4, texts.label(row), style.text,
                                      style.size, "middle"))
    drawing.items.append(Line(left, bottom, right, bottom, style.muted))


# ---- horizontal bars (venues) ---------------------------------------------------------------

def _horizontal_bars(drawing: Drawing, counts: Counts, texts: Texts, top: float) -> None:
    style = drawing.style
    names = [texts.label(row) for row in counts.rows]
    label_w = min(max((text_width(n, style.size) for n in names), default=0), drawing.width * 0.38)
    left, right = 16 + label_w, drawing.width - 16 - text_width("00,000", style.size)
    n = max(len(counts.rows), 1)
    row_h = min((drawing.height - top - 12) / n, style.size * 2.4)
    biggest = max((counts.value(r, 0) for r in range(len(counts.rows))), default=0) or 1
    for r, name in enumerate(names):
        y = top + r * row_h
        value = counts.value(r, 0)
        w = (right - left) * value / biggest
        color = color_of(counts.rows[r], r, style) if counts.rows[r].builtin else style.accent
        drawing.items.append(Rect(left, y + row_h * 0.15, max(w, 1), row_h * 0.7, color, hit=(r, 0)))
        baseline = y + row_h / 2 + style.size * 0.35
        drawing.items.append(Text(left - 8, baseline, _clip(name, style.size, label_w), style.text, style.size, "end"))
        drawing.items.append(Text(left + w + 6, baseline, f"{value:,}", style.muted, style.size * 0.9))


# ---- grids (heat map, paper × dataset matrix) -----------------------------------------------

def _row_height(counts: Counts, style: Style) -> float:
    return style.size * (1.7 if counts.chart == MATRIX else 2.2)


def _grid_header(counts: Counts, texts: Texts, style: Style) -> float:
    """Room for the column names, written at 45 degrees."""
    longest = max((text_width(texts.label(c), style.size) for c in counts.cols), default=0)
    return min(longest, 190) * 0.72 + style.size * 1.5


def _grid(drawing: Drawing, counts: Counts, texts: Texts, top: float) -> None:
    style = drawing.style
    matrix = counts.chart == MATRIX
    names = [texts.label(row) for row in counts.rows]
    label_w = min(max((text_width(n, style.size) for n in names), default=0), drawing.width * 0.3)
    left = 12 + label_w + 8
    header = _grid_header(counts, texts, style)
    row_h = _row_height(counts, style)
    n_cols = max(len(counts.cols), 1)
    cell_w = max(min((drawing.width - left - header * 0.7 - 12) / n_cols, row_h * (1.2 if matrix else 3.2)), 6)
    grid_top = top + header
    biggest = max((v for v in counts.cells.values() if isinstance(v, int)), default=0) or 1
    for c, col in enumerate(counts.cols):
        x = left + c * cell_w + cell_w / 2
        drawing.items.append(Text(x, grid_top - 6, _clip(texts.label(col), style.size * 0.95, 190), style.text,
                                  style.size * 0.95, "start", rotate=-45))
        drawing.items.append(Rect(left + c * cell_w, grid_top - header, cell_w, header, "none", hit=(None, c)))
    for r, name in enumerate(names):
        y = grid_top + r * row_h
        drawing.items.append(Text(left - 8, y + row_h / 2 + style.size * 0.35, _clip(name, style.size, label_w),
                                  style.text, style.size, "end"))
        drawing.items.append(Rect(0, y, left - 2, row_h, "none", hit=(r, None)))
    filled = frozenset(k for k, v in counts.cells.items() if v)
    drawing.items.append(Grid(left, grid_top, cell_w, row_h, len(counts.rows), len(counts.cols),
                              mix(style.background, style.grid, 0.5), filled))
    # The cells with a value, each a rectangle (and its mark); the empty ones one grid.
    for (r, c), value in sorted(counts.cells.items()):
        if not value:
            continue
        x, y = left + c * cell_w, grid_top + r * row_h
        if matrix:
            fill = style.accent if value == INTRODUCES else mix(style.background, style.accent, 0.4)
        else:
            fill = mix(style.background, style.accent, 0.12 + 0.88 * value / biggest)
        drawing.items.append(Rect(x + 1, y + 1, cell_w - 2, row_h - 2, fill, hit=(r, c)))
        mark = (texts.legend_introduces[:1].upper() if value == INTRODUCES else texts.legend_uses[:1].upper()
                ) if matrix else f"{value:,}"
        ink = "#ffffff" if luminance(fill) < 0.55 else "#202124"
        if text_width(mark, style.size * 0.85) < cell_w - 2:
            drawing.items.append(Text(x + cell_w / 2, y + row_h / 2 + style.size * 0.3, mark, ink,
                                      style.size * 0.85, "middle"))
    y = grid_top + len(counts.rows) * row_h + style.size * 1.6
    notes = []
    if matrix:
        notes.append(f"{texts.legend_introduces[:1].upper()} = {texts.legend_introduces}   "
                     f"{texts.legend_uses[:1].upper()} = {texts.legend_uses}")
    if counts.more_rows or counts.more_cols:
        notes.append(texts.more.replace("%1", f"{counts.more_rows:,} / {counts.more_cols:,}"))
    if notes:
        drawing.items.append(Text(12, y, "    ".join(notes), style.muted, style.size * 0.9))
