"""Server-side SVG charts: one code path for dashboards (inline SVG) and reports (SVG, or PNG via cairosvg).

Pure functions of plain data; no queries, no view logic. Every chart carries a text legend and
numbers, so colour is never the only carrier of meaning.
"""

import math
from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape

from django.utils import formats

STATUS_COLOURS = {
    "not_started": "#8795a5", "in_progress": "#1f5f9e", "partially_implemented": "#c88a12",
    "implemented": "#1e7b34", "not_implemented": "#a4262c",
}
SERIES_COLOURS = ["#1f5f9e", "#1e7b34", "#c88a12", "#a4262c", "#6b4fa0", "#8795a5"]
FONT = 'font-family="DejaVu Sans, Noto Sans, Arial, sans-serif"'


@dataclass
class Series:
    """One line of a line chart: a label and (date, value) points in date order; `names` (one per point, e.g.
    "2023-Q2") replace the dates in the points' tooltips."""

    label: str
    points: list[tuple[date, float]]
    colour: str = ""
    dashed: bool = False
    names: list[str] = field(default_factory=list)


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


def nice_ticks(low: float, high: float, count: int = 5, *, integer: bool = False) -> list[float]:
    """Round values from at or below `low` to at or above `high`: about `count` steps of 1, 2 or 5 times a
    power of ten (0, 50, 100, …); whole steps only when `integer`."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    if integer:
        step = max(step, 1)
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return [round(k * step, 10) for k in range(first, last + 1)]


MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)


def time_ticks(start: date, end: date, count: int = 7) -> tuple[list[date], str]:
    """First days of months (or of years) between start and end, evenly spaced in months, at most `count`
    of them; and the date format to label them with ("M Y", or "Y" for yearly ticks)."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next((s for s in MONTH_STEPS if months / s <= count), MONTH_STEPS[-1])
    ticks, index = [], start.year * 12 + start.month - 1
    while index <= end.year * 12 + end.month - 1:
        day = date(index // 12, index % 12 + 1, 1)
        if start <= day and (index % step == 0 if step < 12 else (day.month == 1 and day.year % (step // 12) == 0)):
            ticks.append(day)
        index += 1
    if not ticks:  # a span shorter than a tick step: label its ends with full dates
        return sorted({start, end}), "SHORT_DATE_FORMAT"
    return ticks, ("Y" if step >= 12 else "M Y")


def time_scale(start: date, end: date, left: float, right: float):
    """x position of a date on an axis from `left` (start) to `right` (end), proportional to the days between."""
    days = (end - start).days
    if days <= 0:
        return lambda day: (left + right) / 2
    return lambda day: left + (day - start).days / days * (right - left)


def _number(value: float) -> str:
    return formats.number_format(value, 0 if float(value).is_integer() else 2, use_l10n=True, force_grouping=True)


def line_chart(title: str, series: list[Series], *, width: int = 640, height: int = 260,
               y_label: str = "", integer: bool = False) -> str:
    """Lines over a time axis: x positions follow the dates, ticks are round (months or years, and 0, 50, 100…)
    and labelled in the active language; dashed series are targets or baselines."""
    legend, y_after = _legend([(s.label, s.colour or SERIES_COLOURS[i % len(SERIES_COLOURS)])
                               for i, s in enumerate(series)], 40, width)
    left, right, top, bottom = 56, 28, y_after + (16 if y_label else 6), height - 34
    days = [x for s in series for x, _ in s.points]
    body = list(legend)
    if not days:
        body.append(_text(left, top + 20, "—", 11, colour="#5b6b7c"))
        return _svg(width, height, title, body)
    values = [v for s in series for _, v in s.points]
    y_ticks = nice_ticks(min(0, min(values)), max(values), integer=integer)
    low, high = y_ticks[0], y_ticks[-1]
    px = time_scale(min(days), max(days), left, width - right)

    def py(v):
        return bottom - (v - low) / (high - low) * (bottom - top)

    for v in y_ticks:
        y = py(v)
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e9ee"/>')
        body.append(_text(left - 4, y + 4, _number(v), 9, anchor="end", colour="#5b6b7c"))
    x_ticks, fmt = time_ticks(min(days), max(days))
    for day in x_ticks:
        x = px(day)
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{bottom}" y2="{bottom + 4}" stroke="#8795a5"/>')
        body.append(_text(x, bottom + 15, formats.date_format(day, fmt), 9, anchor="middle", colour="#5b6b7c"))
    if y_label:
        body.append(_text(8, top - 8, y_label, 9, colour="#5b6b7c"))
    for i, s in enumerate(series):
        colour = s.colour or SERIES_COLOURS[i % len(SERIES_COLOURS)]
        points = " ".join(f"{px(x):.1f},{py(v):.1f}" for x, v in s.points)
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        if len(s.points) > 1:
            body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for k, (x, v) in enumerate(s.points):
            label = f"{s.label} {s.names[k] if s.names else formats.date_format(x, 'SHORT_DATE_FORMAT')}: {_number(v)}"
            body.append(f'<circle cx="{px(x):.1f}" cy="{py(v):.1f}" r="3" fill="{colour}">'
                        f'<title>{escape(label)}</title></circle>')
    return _svg(width, height, title, body)


def to_png(svg: str, scale: float = 2.0) -> bytes:
    """Rasterise an SVG chart for Word and Excel, which do not take SVG reliably."""
    import cairosvg  # imported here so pages that only inline SVG never load cairo

    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)
