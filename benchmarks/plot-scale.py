#!/usr/bin/env python3
"""Draws docs/performance-scale.svg from the TSV that `PickBot.Benchmarks --scale` prints (no libraries needed).

    dotnet benchmarks/PickBot.Benchmarks/bin/Release/net10.0/PickBot.Benchmarks.dll --scale > scale.tsv
    python3 benchmarks/plot-scale.py scale.tsv docs/performance-scale.svg
"""
import math
import sys

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
head, data = rows[0], [r for r in rows[1:] if r[0].isdigit()]
col = {name: i for i, name in enumerate(head)}
series = [
    ("exact_cpu_us", "CPU µs per question, exact names", "#1f77b4"),
    ("typo_cpu_us", "CPU µs per question, with a typo", "#d62728"),
]
xs = [int(r[0]) for r in data]
W, H, L, R, T, B = 640, 380, 70, 20, 40, 60
xmin, xmax = math.log10(min(xs)), math.log10(max(xs))
ymax = max(float(r[col[c]]) for r in data for c, _, _ in series) * 1.15
px = lambda x: L + (math.log10(x) - xmin) / (xmax - xmin) * (W - L - R)
py = lambda y: H - B - y / ymax * (H - T - B)
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{W/2}" y="20" text-anchor="middle" font-size="14">PickBot: cost of one question by library size</text>',
       f'<line x1="{L}" y1="{H-B}" x2="{W-R}" y2="{H-B}" stroke="black"/>',
       f'<line x1="{L}" y1="{T}" x2="{L}" y2="{H-B}" stroke="black"/>',
       f'<text x="{W/2}" y="{H-15}" text-anchor="middle">comparisons in the library (log scale)</text>',
       f'<text x="18" y="{(H-B+T)/2}" text-anchor="middle" transform="rotate(-90 18 {(H-B+T)/2})">CPU µs per question</text>']
for x in xs:
    out.append(f'<line x1="{px(x):.1f}" y1="{H-B}" x2="{px(x):.1f}" y2="{H-B+5}" stroke="black"/>')
    out.append(f'<text x="{px(x):.1f}" y="{H-B+18}" text-anchor="middle">{x:,}</text>')
step = 10 ** math.floor(math.log10(ymax / 4)) if ymax > 0 else 1
y = 0.0
while y <= ymax:
    out.append(f'<line x1="{L-5}" y1="{py(y):.1f}" x2="{W-R}" y2="{py(y):.1f}" stroke="#ddd"/>')
    out.append(f'<text x="{L-8}" y="{py(y)+4:.1f}" text-anchor="end">{y:g}</text>')
    y += step * (2 if ymax / step > 10 else 1)
for i, (c, label, color) in enumerate(series):
    pts = " ".join(f"{px(int(r[0])):.1f},{py(float(r[col[c]])):.1f}" for r in data)
    out.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"/>')
    for r in data:
        out.append(f'<circle cx="{px(int(r[0])):.1f}" cy="{py(float(r[col[c]])):.1f}" r="3" fill="{color}"/>')
    out.append(f'<rect x="{L+15}" y="{T+8+i*18}" width="12" height="3" fill="{color}"/>')
    out.append(f'<text x="{L+32}" y="{T+13+i*18}">{label}</text>')
out.append("</svg>")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
