"""A small SVG chart of a benchmark report: one bar per figure, ours as a ratio to the baseline (or to our own
figure after one run, for memory), with the target marked and the floors (measure.floors()) as dashed lines.
Used for the README (docs/bench.svg)."""
from html import escape

WIDTH, ROW, LEFT, RIGHT, TOP = 760, 28, 330, 40, 34


def render_svg(report):
    from runner.bench.report import TARGETS

    rows = [(key, row) for key, row in report["figures"].items() if "ratio" in row and TARGETS[key].ratio]
    scale_max = max([2.0] + [row["ratio"] for _, row in rows]) * 1.05
    x = lambda ratio: LEFT + (WIDTH - LEFT - RIGHT) * ratio / scale_max  # noqa: E731
    height = TOP + ROW * len(rows) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
             'font-family="system-ui, sans-serif" font-size="13" role="img" '
             'aria-label="Benchmark: each figure as a ratio to the baseline, with its target">',
             f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>',
             f'<text x="10" y="20" fill="#222">ratio to the baseline (lower is better); solid line: the target; '
             'dashed: the floors (one interpreter alone)</text>']
    for tick in (0.5, 1.0, 1.5, 2.0):
        if tick <= scale_max:
            parts.append(f'<line x1="{x(tick):.1f}" y1="{TOP - 6}" x2="{x(tick):.1f}" y2="{height - 24}" stroke="#ddd"/>'
                         f'<text x="{x(tick):.1f}" y="{height - 8}" text-anchor="middle" fill="#555">{tick:g}x</text>')
    for index, (key, row) in enumerate(rows):
        y = TOP + index * ROW
        target = TARGETS[key]
        colour = "#2a7d2e" if row.get("meets_target") else "#b3261e"
        label = target.label + (" (to ours after 1)" if target.self_key else "")
        parts.append(f'<text x="{LEFT - 8}" y="{y + 15}" text-anchor="end" fill="#222">{escape(label)}</text>')
        parts.append(f'<rect x="{LEFT}" y="{y + 3}" width="{x(row["ratio"]) - LEFT:.1f}" height="{ROW - 10}" fill="{colour}"/>')
        parts.append(f'<text x="{x(row["ratio"]) + 4:.1f}" y="{y + 15}" fill="#222">{row["ratio"]:.2f}</text>')
        parts.append(f'<line x1="{x(target.ratio):.1f}" y1="{y}" x2="{x(target.ratio):.1f}" y2="{y + ROW - 4}" '
                     'stroke="#000" stroke-width="2"/>')
        for name, floor in row.get("floors", {}).items():
            label = escape(report.get("floors", {}).get(name, name))
            parts.append(f'<line x1="{x(floor["ratio"]):.1f}" y1="{y}" x2="{x(floor["ratio"]):.1f}" y2="{y + ROW - 4}" '
                         f'stroke="#fff" stroke-width="2" stroke-dasharray="3 2"><title>floor: {label}, '
                         f'{floor["ratio"]:.2f}</title></line>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
