"""Inline SVG bar charts, so the HTML report needs no script, file or network.

Each chart carries ``<title>`` and ``<desc>`` with every figure it draws (and
a ``<title>`` per bar), so screen readers and a text search find the numbers
without seeing the picture. All text passes through :func:`markupsafe.escape`.
"""
from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

#: Colour-blind safe (Okabe-Ito) colours, by category or reason.
COLOURS = {
    "equipment": "#0072B2",
    "skills": "#E69F00",
    "funding": "#009E73",
    "infrastructure": "#CC79A7",
    "no category": "#7f7f7f",
    "no activity": "#D55E00",
    "no timeline": "#56B4E9",
}
WIDTH, LABEL_WIDTH, VALUE_WIDTH, ROW, BAR = 720, 230, 50, 24, 16
PLOT_WIDTH = WIDTH - LABEL_WIDTH - VALUE_WIDTH
LABEL_CHARS = 34


def _short(label: str) -> str:
    """Long file paths keep their end, which names the file."""
    return label if len(label) <= LABEL_CHARS else "…" + label[-(LABEL_CHARS - 1):]


def _svg(title: str, desc: str, height: int, body: list[str], chart_id: str) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{chart_id}-t {chart_id}-d" class="chart">'
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _label(y: float, label: str) -> str:
    return (
        f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR - 4}" text-anchor="end">'
        f"<title>{escape(label)}</title>{escape(_short(label))}</text>"
    )


def _scale(maximum: int) -> float:
    return PLOT_WIDTH / maximum if maximum else 0.0


def bar_chart(chart_id: str, title: str, items: Sequence[tuple[str, int]]) -> Markup:
    """One horizontal bar per ``(label, value)``."""
    scale = _scale(max((value for _, value in items), default=0))
    body = []
    for row, (label, value) in enumerate(items):
        y = row * ROW + 4
        width = round(value * scale, 1)
        body.append(
            f"<g>{_label(y, label)}"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR}" '
            f'fill="{COLOURS.get(label, "#0072B2")}"><title>{escape(label)}: {value}</title></rect>'
            f'<text x="{LABEL_WIDTH + width + 4}" y="{y + BAR - 4}">{value}</text></g>'
        )
    desc = "; ".join(f"{label}: {value}" for label, value in items)
    return _svg(title, desc, len(items) * ROW + 8, body, chart_id)


def stacked_chart(
    chart_id: str, title: str, series: Sequence[str], rows: Sequence[tuple[str, Sequence[int]]]
) -> Markup:
    """One bar per row, one coloured segment per series, and a legend on top.

    A need statement can have several reasons, so a bar measures reasons, not statements.
    """
    scale = _scale(max((sum(values) for _, values in rows), default=0))
    body = []
    for position, name in enumerate(series):
        x = LABEL_WIDTH + position * 130
        body.append(
            f'<rect x="{x}" y="4" width="12" height="12" fill="{COLOURS.get(name, "#0072B2")}"/>'
            f'<text x="{x + 16}" y="15">{escape(name)}</text>'
        )
    for row, (label, values) in enumerate(rows, start=1):
        y = row * ROW + 4
        x = float(LABEL_WIDTH)
        segments = []
        for name, value in zip(series, values):
            width = round(value * scale, 1)
            segments.append(
                f'<rect x="{round(x, 1)}" y="{y}" width="{width}" height="{BAR}" '
                f'fill="{COLOURS.get(name, "#0072B2")}"><title>{escape(label)}, {escape(name)}: {value}</title></rect>'
            )
            x += width
        body.append(
            f"<g>{_label(y, label)}{''.join(segments)}"
            f'<text x="{round(x + 4, 1)}" y="{y + BAR - 4}">{sum(values)}</text></g>'
        )
    desc = "; ".join(
        f"{label}: " + ", ".join(f"{name} {value}" for name, value in zip(series, values)) for label, values in rows
    )
    return _svg(title, desc, (len(rows) + 1) * ROW + 8, body, chart_id)
