"""Server-side SVG charts: one code path for dashboards (inline SVG) and reports (SVG, or PNG via cairosvg).

Pure functions of plain data; no queries, no view logic. Every chart carries a text legend and
numbers, so colour is never the only carrier of meaning.
"""

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

STATUS_COLOURS = {
    "not_started": "#8795a5", "in_progress": "#1f5f9e", "partially_implemented": "#c88a12",
    "implemented": "#1e7b34", "not_implemented": "#a4262c",
}
SERIES_COLOURS = ["#1f5f9e", "#1e7b34", "#c88a12", "#a4262c", "#6b4fa0", "#8795a5"]
FONT = 'font-family="DejaVu Sans, Noto Sans, Arial, sans-serif"'


@dataclass
class Series:
    """One line of a line chart: a label and (x label, value) points in x order."""

    label: str
    points: list[tuple[str, float]]
    colour: str = ""
    dashed: bool = False


@dataclass
class Chart:
    """A rendered chart: its title and SVG text (what reports embed and pages inline)."""

    title: str
    svg: str
    rows: list = field(default_factory=list)


def _text(x, y, text, size=11, anchor="start", colour="#1d2733", weight="normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{colour}" '
            f'font-weight="{weight}" {FONT}>{escape(str(text))}</text>')


def _svg(width, height, title, body) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title, {chr(34): "&quot;"})}">'
            f'<title>{escape(title)}</title><rect width="{width}" height="{height}" fill="#ffffff"/>'
            f'{_text(8, 18, _fit(title, width - 16, 13), 13, weight="bold")}{"".join(body)}</svg>')


def _fit(text: str, width: float, size: int) -> str:
    """Shorten a label to roughly fit `width` pixels (the full text stays in the SVG <title>)."""
    room = int(width / (size * 0.6))
    return text if len(text) <= room else text[: room - 1] + "…"


def _legend(items: list[tuple[str, str]], y: float, width: int) -> tuple[list[str], float]:
    """Legend swatches with their words, wrapped to the chart width; returns parts and the next free y."""
    parts, x = [], 8.0
    for label, colour in items:
        span = 18 + 6.5 * len(label)
        if x + span > width - 8 and x > 8:
            x, y = 8.0, y + 16
        parts.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{colour}"/>')
        parts.append(_text(x + 14, y, label, 10))
        x += span + 10
    return parts, y + 14


def stacked_bars(title: str, rows: list[tuple[str, dict[str, int]]], series: list[tuple[str, str]],
                 *, width: int = 640, colours: dict[str, str] | None = None) -> str:
    """Horizontal stacked bars: one row per label, one segment per series key, total written at the end."""
    colours = colours or STATUS_COLOURS
    label_w, bar_h, gap, top = min(220, width // 3), 16, 6, 30
    legend, y_after = _legend([(label, colours.get(key, "#8795a5")) for key, label in series], top + 10, width)
    top = y_after + 4
    height = int(top + len(rows) * (bar_h + gap) + 10) if rows else int(top + 30)
    biggest = max((sum(counts.values()) for _, counts in rows), default=0) or 1
    scale = (width - label_w - 50) / biggest
    body = list(legend)
    if not rows:
        body.append(_text(8, top + 14, "—", 11, colour="#5b6b7c"))
    for i, (label, counts) in enumerate(rows):
        y = top + i * (bar_h + gap)
        shown = label if len(label) <= 34 else label[:33] + "…"
        body.append(_text(label_w - 6, y + 12, shown, 10, anchor="end"))
        x = float(label_w)
        for key, series_label in series:
            n = counts.get(key, 0)
            if n:
                w = n * scale
                body.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colours.get(key, "#8795a5")}">'
                            f'<title>{escape(f"{label} — {series_label}: {n}")}</title></rect>')
                x += w
        body.append(_text(x + 4, y + 12, sum(counts.values()), 10, colour="#5b6b7c"))
    return _svg(width, height, title, body)


def line_chart(title: str, series: list[Series], *, width: int = 640, height: int = 260,
               y_label: str = "") -> str:
    """Lines over shared x labels (periods or dates); dashed series are targets or baselines."""
    xs: list[str] = []
    for s in series:
        for x, _ in s.points:
            if x not in xs:
                xs.append(x)
    xs.sort()
    legend, y_after = _legend([(s.label, s.colour or SERIES_COLOURS[i % len(SERIES_COLOURS)])
                               for i, s in enumerate(series)], 40, width)
    left, right, top, bottom = 56, 28, y_after + 6, height - 34
    values = [v for s in series for _, v in s.points]
    high = max(values, default=0) or 1
    high = high * 1.1
    body = list(legend)
    if not xs:
        body.append(_text(left, top + 20, "—", 11, colour="#5b6b7c"))
        return _svg(width, height, title, body)
    step = (width - left - right) / max(len(xs) - 1, 1)

    def px(x):
        return left + xs.index(x) * step if len(xs) > 1 else left + (width - left - right) / 2

    def py(v):
        return bottom - (v / high) * (bottom - top)

    for k in range(5):  # horizontal grid with values
        v = high * k / 4
        y = py(v)
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e9ee"/>')
        body.append(_text(left - 4, y + 4, f"{v:,.0f}", 9, anchor="end", colour="#5b6b7c"))
    every, last = max(1, len(xs) // 10), len(xs) - 1
    for i, x in enumerate(xs):
        # Thin the labels to about ten; the last one always shows, so its neighbour gives way.
        if i == last or (i % every == 0 and last - i >= every):
            body.append(_text(px(x), bottom + 14, x, 9, anchor="middle", colour="#5b6b7c"))
    if y_label:
        body.append(_text(8, top - 4, y_label, 9, colour="#5b6b7c"))
    for i, s in enumerate(series):
        colour = s.colour or SERIES_COLOURS[i % len(SERIES_COLOURS)]
        points = " ".join(f"{px(x):.1f},{py(v):.1f}" for x, v in s.points)
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        if len(s.points) > 1:
            body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for x, v in s.points:
            body.append(f'<circle cx="{px(x):.1f}" cy="{py(v):.1f}" r="3" fill="{colour}">'
                        f'<title>{escape(f"{s.label} {x}: {v:,.2f}")}</title></circle>')
    return _svg(width, height, title, body)


def to_png(svg: str, scale: float = 2.0) -> bytes:
    """Rasterise an SVG chart for Word and Excel, which do not take SVG reliably."""
    import cairosvg  # imported here so pages that only inline SVG never load cairo

    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)
