#!/usr/bin/env python3
"""Joins GpuCompare's TSV (ours: device cuda and cpu) with bench_cupy.py's (device cupy) into
Markdown tables: one per op, the norm workload with its crossover sizes, and the device copy
bandwidth with the large elementwise ops as a percent of it. Standard library only.

    python3 scripts/gpu/combine.py gpu-out/gpu-bench.tsv gpu-out/cupy-bench.tsv --out gpu-out/gpu-tables.md

Prints the tables too; with --short the printed norm table is cut to about 12 sizes (the file
keeps all of them).
"""

import argparse
import math
import os
import sys

ORDER = ["launch_add", "add", "multiply", "exp", "sqrt", "sum", "max", "argmax", "bcast_add", "pdist",
         "matmul", "h2d", "d2h", "copy"]
TITLES = {
    "launch_add": "launch overhead: add of two 1-element arrays (per call)",
    "bcast_add": "broadcast (n,n)+(n,)",
    "pdist": "distance matrix ((x[:,None,:]-x[None,:,:])**2).sum(-1), x of shape (n, 3)",
    "h2d": "host to device copy (float64 elements)",
    "d2h": "device to host copy (float64 elements)",
    "copy": "device copy a.copy() (GB/s counts read + write)",
    "norm_h2d": "norm(x) of a host array: GPU times include the copy to the device",
}


def read(path):
    rows = {}
    if not path or not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("op\t"):
                continue
            p = (line.split("\t") + [""] * 6)[:6]
            op, dt, n, dev, us, note = p
            try:
                n = int(n)
            except ValueError:
                continue
            rows[(op, dt, n, dev)] = (float(us) if us else None, note)
    return rows


def fmt(v):
    if v is None:
        return "-"
    if v >= 1000:
        return f"{v:,.0f}"
    return f"{v:.3g}" if v < 10 else f"{v:.1f}"


def size(n):
    if n >= 10000 and n == 10 ** round(math.log10(n)):
        return f"1e{round(math.log10(n))}"
    return str(n)


def cell(rows, key):
    v = rows.get(key)
    if v is None:
        return None, ""
    return v


def main():
    p = argparse.ArgumentParser()
    p.add_argument("ours", nargs="?", default="gpu-out/gpu-bench.tsv")
    p.add_argument("cupy", nargs="?", default="gpu-out/cupy-bench.tsv")
    p.add_argument("--out", default=None)
    p.add_argument("--short", action="store_true", help="print a shortened norm table")
    a = p.parse_args()
    rows = read(a.ours)
    rows.update(read(a.cupy))
    if not rows:
        msg = f"no results in {a.ours} or {a.cupy}\n"
        print(msg, end="")
        if a.out:
            with open(a.out, "w", encoding="utf-8") as f:
                f.write(msg)
        return
    keys = sorted({(op, dt, n) for (op, dt, n, _d) in rows if op in ORDER},
                  key=lambda k: (ORDER.index(k[0]), k[1], k[2]))
    md = ["# Our CUDA backend vs CuPy (and our CPU)", "",
          "Times in µs per call (median of 3 batches). ours/CuPy speed ratio = CuPy time / our time: "
          "above 1 we are faster. Notes: failures, skips and GB/s.", ""]
    compact = ["", "| op | dtype | n | ours GPU µs | CuPy µs | ours/CuPy | our CPU µs | note |",
               "|---|---|---:|---:|---:|---:|---:|---|"]
    cur = None
    for op, dt, n in keys:
        if op != cur:
            cur = op
            md += ["", f"### {TITLES.get(op, op)}", "",
                   "| op | dtype | n | ours GPU µs | CuPy µs | ours/CuPy speed ratio | our CPU µs | note |",
                   "|---|---|---:|---:|---:|---:|---:|---|"]
        g, gn = cell(rows, (op, dt, n, "cuda"))
        c, cn = cell(rows, (op, dt, n, "cupy"))
        h, hn = cell(rows, (op, dt, n, "cpu"))
        ratio = f"{c / g:.2f}x" if g and c else "-"
        if op == "matmul":
            gn = ", ".join(x for x in (gn, f"{2 * n ** 3 / (g * 1e-6) / 1e12:.1f} TFLOP/s" if g else "") if x)
            cn = ", ".join(x for x in (cn, f"{2 * n ** 3 / (c * 1e-6) / 1e12:.1f} TFLOP/s" if c else "") if x)
        notes = "; ".join(x for x in (("ours: " + gn) if gn else "", ("CuPy: " + cn) if cn else "",
                                      ("CPU: " + hn) if hn else "") if x)
        md.append(f"| {op} | {dt} | {size(n)} | {fmt(g)} | {fmt(c)} | {ratio} | {fmt(h)} | {notes} |")
        short_notes = "; ".join(x for x in (("ours " + gn[:60]) if gn and not gn[0].isdigit() else "",
                                            ("CuPy " + cn[:40]) if cn and not cn[0].isdigit() else "",
                                            ("CPU " + hn[:40]) if hn else "") if x)
        if op in ("h2d", "d2h", "copy", "matmul"):
            short_notes = "; ".join(x for x in (short_notes, "ours " + gn if gn and gn[0].isdigit() else "",
                                                "CuPy " + cn if cn and cn[0].isdigit() else "") if x)
        compact.append(f"| {op} | {dt[5:]} | {size(n)} | {fmt(g)} | {fmt(c)} | {ratio} | {fmt(h)} | {short_notes} |")
    compact.append("")
    head_len = 4  # title, blank, explanation, blank

    # copy bandwidth and elementwise at the largest size as percent of it
    bw_start = len(md)
    md += ["", "### Elementwise at the largest size against the device copy bandwidth", ""]
    bw = {}
    for dev, name in (("cuda", "ours"), ("cupy", "CuPy")):
        cp_keys = [k for k in rows if k[0] == "copy" and k[3] == dev and rows[k][0]]
        if cp_keys:
            k = max(cp_keys, key=lambda k: k[2])
            bw[dev] = 2 * k[2] * 8 / (rows[k][0] * 1e-6) / 1e9
    md.append("copy bandwidth (a.copy(), float64, read + write): "
              + ", ".join(f"{'ours' if d == 'cuda' else 'CuPy'} {v:.0f} GB/s" for d, v in bw.items()) if bw
              else "copy bandwidth: not measured")
    ref = max(bw.values()) if bw else None
    md += ["", "| op | dtype | n | ours GB/s | ours % of copy BW | CuPy GB/s | CuPy % of copy BW |",
           "|---|---|---:|---:|---:|---:|---:|"]
    ew = [k for k in rows if k[0] in ("add", "multiply", "exp", "sqrt") and k[3] in ("cuda", "cupy")]
    top = max((k[2] for k in ew), default=None)
    for op in ("add", "multiply", "exp", "sqrt"):
        for dt in ("float32", "float64"):
            if top is None:
                continue
            item = 4 if dt == "float32" else 8
            bytes_ = (3 if op in ("add", "multiply") else 2) * top * item
            out = []
            for dev in ("cuda", "cupy"):
                v = rows.get((op, dt, top, dev), (None, ""))[0]
                if v:
                    rate = bytes_ / (v * 1e-6) / 1e9
                    out += [f"{rate:.0f}", f"{100 * rate / ref:.0f}%" if ref else "-"]
                else:
                    out += ["-", "-"]
            md.append(f"| {op} | {dt} | {size(top)} | " + " | ".join(out) + " |")

    # norm workload
    ns = sorted({k[2] for k in rows if k[0] == "norm_h2d"})
    full = []
    if ns:
        def t(n, dev):
            return rows.get(("norm_h2d", "float64", n, dev), (None, ""))[0]

        def crossover(dev):
            cross = None
            for n in reversed(ns):
                g, c = t(n, dev), t(n, "cpu")
                if g is None or c is None:
                    continue
                if g < c:
                    cross = n
                else:
                    break
            return cross

        co, cc = crossover("cuda"), crossover("cupy")
        head = ["", f"### {TITLES['norm_h2d']}", "",
                f"Crossover (smallest n from which the GPU is faster than our CPU at every larger n): "
                f"ours GPU {co if co else 'none'}, CuPy {cc if cc else 'none'}.", "",
                "| n | ours GPU µs | CuPy µs | ours/CuPy speed ratio | our CPU µs |", "|---:|---:|---:|---:|---:|"]
        for n in ns:
            g, c, h = t(n, "cuda"), t(n, "cupy"), t(n, "cpu")
            ratio = f"{c / g:.2f}x" if g and c else "-"
            full.append((n, f"| {n} | {fmt(g)} | {fmt(c)} | {ratio} | {fmt(h)} |"))
        md_full = md + head + [r for _n, r in full]
        step = max(1, len(full) // 12)
        short = [r for i, (_n, r) in enumerate(full) if i % step == 0 or i == len(full) - 1]
        tail = head + short + ([f"({len(full)} sizes in gpu-tables.md)"] if len(short) < len(full) else [])
    else:
        md_full = md + ["", "norm workload: no rows"]
        tail = ["", "norm workload: no rows"]
    # printed with --short: one compact table (dtype 32/64) instead of a section per op
    md_short = md[:head_len] + compact + md[bw_start:] + tail
    text = "\n".join(md_full) + "\n"
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text)
    sys.stdout.write("\n".join(md_short if a.short else md_full) + "\n")


if __name__ == "__main__":
    main()
