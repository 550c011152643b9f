"""A :class:`~.chart.Drawing` as an SVG file: plain shapes and text (fonts chosen by the reader),
at a physical size for print, every bar and cell with its count as a ``<title>`` (shown on
hover in a browser, and machine-readable). No Qt: the command line writes charts too."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .chart import Drawing, Line, Rect, Text

PX_PER_MM = 96 / 25.4  # CSS pixels


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def to_svg(drawing: Drawing, width_mm: float | None = None) -> str:
    """The SVG text; ``width_mm`` scales it to that printed width (else 1 px = 1/96 in)."""
    width_mm = width_mm or drawing.width / PX_PER_MM
    height_mm = width_mm * drawing.height / drawing.width
    style = drawing.style
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(width_mm)}mm" height="{_num(height_mm)}mm"'
        f' viewBox="0 0 {_num(drawing.width)} {_num(drawing.height)}" font-family={quoteattr(style.font)}>',
    ]
    for item in drawing.expanded():
        if isinstance(item, Rect):
            if item.fill == "none" and item.hit is None:
                continue
            attrs = (f'x="{_num(item.x)}" y="{_num(item.y)}" width="{_num(item.w)}" height="{_num(item.h)}"'
                     f' fill="{item.fill}"')
            if item.fill == "none":
                attrs += ' fill-opacity="0"'
            if item.stroke:
                attrs += f' stroke="{item.stroke}" stroke-width="0.5"'
            tip = drawing.tips.get(item.hit) if item.hit is not None else None
            if tip:
                out.append(f"<rect {attrs}><title>{escape(tip)}</title></rect>")
            else:
                out.append(f"<rect {attrs}/>")
        elif isinstance(item, Line):
            out.append(f'<line x1="{_num(item.x1)}" y1="{_num(item.y1)}" x2="{_num(item.x2)}" y2="{_num(item.y2)}"'
                       f' stroke="{item.color}" stroke-width="{_num(item.width)}"/>')
        elif isinstance(item, Text):
            anchor = "" if item.anchor == "start" else f' text-anchor="{item.anchor}"'
            weight = ' font-weight="bold"' if item.bold else ""
            rotate = f' transform="rotate({_num(item.rotate)} {_num(item.x)} {_num(item.y)})"' if item.rotate else ""
            out.append(f'<text x="{_num(item.x)}" y="{_num(item.y)}" font-size="{_num(item.size)}"'
                       f' fill="{item.color}"{anchor}{weight}{rotate}>{escape(item.text)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
