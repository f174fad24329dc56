"""Small server-rendered SVG charts (no JavaScript, no CDN): a trend line per indicator and a bar
chart of one indicator across agencies. Every text is escaped; the caller marks the result safe."""
from django.utils.html import escape

W, H, PAD = 220, 56, 6


def _fmt(v):
    return "—" if v is None else (f"{v:.0f}" if float(v).is_integer() else f"{v:.1f}")


def trend_svg(*, title: str, months: list, values: dict, threshold=None, unit: str = "") -> str:
    """A line over the months (gaps where there is no figure) with the threshold dashed."""
    points = [(i, values.get(m)) for i, m in enumerate(months)]
    known = [v for _i, v in points if v is not None]
    if not known:
        return (f'<svg class="chart" role="img" width="{W}" height="{H}" viewBox="0 0 {W} {H}">'
                f'<title>{escape(title)}：暂无数据</title><text x="4" y="{H // 2}" font-size="12">暂无数据</text></svg>')
    top = max(known + ([threshold] if threshold is not None else []))
    low = min(known + ([threshold] if threshold is not None else []) + [0])
    span = (top - low) or 1
    step = (W - 2 * PAD) / max(len(months) - 1, 1)

    def xy(i, v):
        return PAD + i * step, H - PAD - (v - low) * (H - 2 * PAD) / span

    segments, current = [], []
    for i, v in points:
        if v is None:
            if current:
                segments.append(current)
            current = []
        else:
            current.append(xy(i, v))
    if current:
        segments.append(current)
    lines = "".join('<polyline fill="none" stroke="#1f5fa8" stroke-width="2" points="'
                    + " ".join(f"{x:.1f},{y:.1f}" for x, y in seg) + '"/>' for seg in segments)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="#1f5fa8"/>' for seg in segments for x, y in seg)
    guide = ""
    if threshold is not None:
        _x, y = xy(0, threshold)
        guide = f'<line x1="{PAD}" x2="{W - PAD}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b33" stroke-dasharray="4 3"/>'
    desc = "，".join(f"{m:%Y-%m}：{_fmt(v)}{unit}" for m, v in zip(months, [v for _i, v in points]) if v is not None)
    return (f'<svg class="chart" role="img" width="{W}" height="{H}" viewBox="0 0 {W} {H}">'
            f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>{guide}{lines}{dots}</svg>")


def bars_svg(*, title: str, rows: list, threshold=None, unit: str = "") -> str:
    """Horizontal bars: rows are (label, value or None)."""
    bar_h, label_w, width = 18, 190, 560
    height = max(len(rows), 1) * (bar_h + 4) + 8
    top = max([v for _l, v in rows if v is not None] + ([threshold] if threshold is not None else []) + [1])
    scale = (width - label_w - 70) / top
    parts = []
    for i, (label, v) in enumerate(rows):
        y = 4 + i * (bar_h + 4)
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" font-size="12" text-anchor="end">{escape(label[:16])}</text>')
        if v is not None:
            parts.append(f'<rect x="{label_w}" y="{y}" width="{max(v * scale, 1):.1f}" height="{bar_h}" fill="#1f5fa8"/>')
        parts.append(f'<text x="{label_w + (v or 0) * scale + 4:.1f}" y="{y + 13}" font-size="12">{_fmt(v)}{escape(unit)}</text>')
    if threshold is not None:
        x = label_w + threshold * scale
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{height}" stroke="#b33" stroke-dasharray="4 3"/>')
    return (f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
            f"<title>{escape(title)}</title>{''.join(parts)}</svg>")
