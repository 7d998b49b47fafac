"""Small inline-SVG figures. Every string that comes from the data is escaped here."""
from __future__ import annotations

import math
from html import escape


def colour(score: float) -> str:
    """-10 (red) .. 0 (white) .. +10 (green)."""
    t = max(-1.0, min(1.0, score / 10))
    if t >= 0:
        r, g, b = int(255 - 209 * t), int(255 - 130 * t), int(255 - 205 * t)
    else:
        r, g, b = int(255 + 57 * t), int(255 + 215 * t), int(255 + 215 * t)
    return f"#{r:02x}{g:02x}{b:02x}"


def text(x: float, y: float, value: str, size: int = 11, anchor: str = "start",
         extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'{extra}>{escape(str(value))}</text>')


def star(centre: str, spokes: list[tuple[str, str, str, str]], size: int = 460) -> str:
    """`centre` in the middle, one spoke per (actor, label, kind, note) with kind
    pos|neg|planned; the label (what is given) and the note (source numbers) below the
    actor."""
    c = size / 2
    styles = {"pos": 'stroke="#2e7d32" stroke-width="3"',
              "neg": 'stroke="#c62828" stroke-width="2" stroke-dasharray="6 4"',
              "planned": 'stroke="#9e9e9e" stroke-width="2" stroke-dasharray="2 3"'}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
             f'viewBox="0 0 {size} {size}" role="img">']
    radius = size / 2 - 70
    for i, (actor, label, kind, note) in enumerate(spokes):
        angle = 2 * math.pi * i / max(1, len(spokes)) - math.pi / 2
        x, y = c + radius * math.cos(angle), c + radius * math.sin(angle)
        parts.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{c}" y2="{c}" {styles[kind]}/>')
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="16" fill="#90a4ae">'
                     f'<title>{escape(actor)}: {escape(label)} {escape(note)}</title></circle>')
        parts.append(text(x, y + 4, actor, 10, "middle"))
        short = label if len(label) <= 44 else label[:43] + "…"
        parts.append(text(x, y + 30, short, 9, "middle", 'fill="#555"'))
        if note:
            parts.append(text(x, y + 41, note if len(note) <= 44 else note[:43] + "…", 8,
                              "middle", 'fill="#1565c0"'))
    parts.append(f'<circle cx="{c}" cy="{c}" r="24" fill="#ffb300"/>')
    parts.append(text(c, c + 4, centre, 12, "middle", 'font-weight="bold"'))
    parts.append("</svg>")
    return "".join(parts)


def heatmap(rows: list[str], columns: list[str], cells: dict[tuple[str, str], float],
            notes: dict[tuple[str, str], list[int]] | None = None, prefix: str = "") -> str:
    """Scores per (row, column); `notes` gives each cell's source numbers: the cell links
    to the first (#prefix-N) and names them all in its tooltip."""
    notes = notes or {}
    cell, left, top = 28, 90, 40
    width, height = left + cell * len(columns) + 10, top + cell * len(rows) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img">']
    for j, column in enumerate(columns):
        parts.append(text(left + cell * j + cell / 2, top - 8, column[-5:], 9, "middle"))
    for i, row in enumerate(rows):
        y = top + cell * i
        parts.append(text(left - 6, y + cell / 2 + 4, row, 10, "end"))
        for j, column in enumerate(columns):
            x = left + cell * j
            if (row, column) in cells:
                score = cells[(row, column)]
                numbers = notes.get((row, column), [])
                cited = (" · sources " + ", ".join(str(n) for n in numbers)) if numbers else ""
                if numbers:
                    parts.append(f'<a href="#{escape(prefix)}-{numbers[0]}">')
                parts.append(f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                             f'fill="{colour(score)}" stroke="#999"><title>'
                             f'{escape(row)} {escape(column)}: {score:+.1f}{cited}</title></rect>')
                parts.append(text(x + cell / 2 - 1, y + cell / 2 + 3, f"{score:+.0f}", 8,
                                  "middle"))
                if numbers:
                    parts.append("</a>")
            else:
                parts.append(f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                             f'fill="#f4f4f4"/>')
    parts.append("</svg>")
    return "".join(parts)


def bars(rows: list[tuple[str, list[tuple[float, float, str]], list[tuple[float, str]]]],
         first: int, last: int) -> str:
    """One row per actor: bars (from year, to year, status) and dots (year, corpus label)."""
    left, top, row_h, width = 60, 30, 22, 640
    span = max(1, last - first)
    scale = (width - left - 20) / span
    height = top + row_h * len(rows) + 10
    fills = {"member": "#1565c0", "frozen": "#90caf9", "observer": "#ffb300",
             "partner": "#ffe082"}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img">']
    for year in range(first, last + 1, max(1, span // 8)):
        x = left + (year - first) * scale
        parts.append(f'<line x1="{x:.1f}" y1="{top - 5}" x2="{x:.1f}" y2="{height - 5}" '
                     f'stroke="#eee"/>')
        parts.append(text(x, top - 10, str(year), 9, "middle"))
    for i, (actor, spells, dots) in enumerate(rows):
        y = top + row_h * i
        parts.append(text(left - 6, y + 14, actor, 10, "end"))
        for start, end, status in spells:
            x0, x1 = left + (start - first) * scale, left + (end - first) * scale
            parts.append(f'<rect x="{x0:.1f}" y="{y + 4}" width="{max(1.0, x1 - x0):.1f}" '
                         f'height="12" fill="{fills.get(status, "#bdbdbd")}"><title>'
                         f'{escape(actor)} {escape(status)}</title></rect>')
        for year, label in dots:
            x = left + (year - first) * scale
            fill = "#c62828" if "left" in label or "not" in label else "#2e7d32"
            parts.append(f'<circle cx="{x:.1f}" cy="{y + 10}" r="5" fill="{fill}" '
                         f'stroke="#fff"><title>{escape(label)}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)
