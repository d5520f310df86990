#!/usr/bin/env python3
"""NumPy's side of the benchmark comparison (docs/benchmarks.md).

Reads the workload list that the Java side uses too (bench/src/main/resources/io/github/
ndarray/bench/workloads.tsv), times every workload with NumPy the same way the Java side
times ours (io.github.ndarray.bench.Timer), and writes one CSV row per workload plus a small
metadata file. The Java command (io.github.ndarray.bench.Compare) runs this script first and
merges its CSV into the table; it can also be run on its own:

    python3 scripts/bench_numpy.py --out bench-out/numpy.csv

Inputs are SplitMix64 streams computed with uint64 arithmetic, bit for bit the values that
io.github.ndarray.bench.Inputs makes on the Java side: both sides time the same numbers.

Exit status 3 means NumPy could not be imported.
"""

import argparse
import csv
import glob
import math
import os
import platform
import sys
import time

try:
    import numpy as np
except ImportError as e:  # the Java side then shows our times only
    print(f"bench_numpy: cannot import numpy: {e}", file=sys.stderr)
    sys.exit(3)

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SPEC = os.path.join(HERE, "..", "bench", "src", "main", "resources", "io", "github",
                            "ndarray", "bench", "workloads.tsv")
GAMMA = 0x9E3779B97F4A7C15


def uniform(seed, n, low, high):
    """Element i of stream seed: low + (high - low) * u, u from SplitMix64's top 53 bits."""
    i = np.arange(1, n + 1, dtype=np.uint64)
    z = np.uint64(seed) + i * np.uint64(GAMMA)  # uint64 arrays wrap modulo 2**64
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    u = (z >> np.uint64(11)).astype(np.float64) * (2.0 ** -53)
    return low + (high - low) * u


def rand(seed, dtype, low, high, *shape):
    n = math.prod(shape)
    return uniform(seed, n, low, high).astype(dtype).reshape(shape)


def work(op, n, dtype):
    """Bytes or flops per call: the same formulas as Ops.work on the Java side."""
    item = 4 if dtype == "float32" else 8
    if op in ("copy", "copyto", "exp", "sqrt", "int_mul2", "int_poly"):
        return 2 * n * item
    if op in ("add", "multiply"):
        return 3 * n * item
    if op in ("sum", "mean", "max", "norm"):
        return n * item
    if op in ("sort", "unique", "mask_select"):
        return 2 * n * item
    if op in ("argsort", "take"):
        return 3 * n * item
    if op == "bcast_add":
        return (2 * n * n + n) * item
    if op == "outer_mul":
        return (n * n + 2 * n) * item
    if op == "transpose_add":
        return 3 * n * n * item
    if op == "pdist":
        return 9 * n * n
    if op == "matmul":
        return 2 * n ** 3
    if op == "solve":
        return 2 * n ** 3 / 3 + 2 * n * n
    raise ValueError(f"unknown op {op}")


class Out:
    """Writes into a scratch out= array each call (as Ufunc.callInto on the Java side)."""

    def __init__(self, out, fn):
        self.out, self.fn = out, fn

    def call(self):
        self.fn()

    def digest(self):
        return float(np.sum(self.out, dtype=np.float64))


class Fresh:
    """Makes a fresh result each call; the previous one is freed when the next one is bound."""

    def __init__(self, fn):
        self.fn, self.last = fn, None

    def call(self):
        self.last = self.fn()

    def digest(self):
        r = self.last
        if np.ndim(r) == 0:
            return float(r)
        return float(np.sum(r, dtype=np.float64))


def prepare(op, dtype, n):
    dt = np.dtype(dtype)
    if op == "copyto":
        src = rand(1, dt, 0.5, 1.5, n)
        dst = np.empty(n, dt)
        return Out(dst, lambda: np.copyto(dst, src))
    if op == "copy":
        src = rand(1, dt, 0.5, 1.5, n)
        return Fresh(src.copy)
    if op in ("add", "multiply"):
        f = np.add if op == "add" else np.multiply
        a = rand(1, dt, 0.5, 1.5, n)
        b = rand(2, dt, 0.5, 1.5, n)
        out = np.empty(n, dt)
        return Out(out, lambda: f(a, b, out=out))
    if op in ("exp", "sqrt"):
        f = np.exp if op == "exp" else np.sqrt
        a = rand(1, dt, 0.5, 1.5, n)
        out = np.empty(n, dt)
        return Out(out, lambda: f(a, out=out))
    if op in ("sum", "mean", "max"):
        a = rand(1, dt, 0.5, 1.5, n)
        return Fresh({"sum": a.sum, "mean": a.mean, "max": a.max}[op])
    if op == "int_mul2":
        x = np.arange(n, dtype=np.int64)
        return Fresh(lambda: x * 2)
    if op == "int_poly":
        x = np.arange(n, dtype=np.int64)
        return Fresh(lambda: x ** 2 + 2 * x + 1)
    if op == "bcast_add":
        a = rand(1, dt, 0.5, 1.5, n, n)
        r = rand(2, dt, 0.5, 1.5, n)
        out = np.empty((n, n), dt)
        return Out(out, lambda: np.add(a, r, out=out))
    if op == "outer_mul":
        c = rand(1, dt, 0.5, 1.5, n, 1)
        r = rand(2, dt, 0.5, 1.5, 1, n)
        out = np.empty((n, n), dt)
        return Out(out, lambda: np.multiply(c, r, out=out))
    if op == "transpose_add":
        a = rand(1, dt, 0.5, 1.5, n, n)
        b = rand(2, dt, 0.5, 1.5, n, n)
        out = np.empty((n, n), dt)
        return Out(out, lambda: np.add(a.T, b, out=out))
    if op == "pdist":
        p = rand(1, dt, 0.0, 1.0, n, 3)
        rows, cols = p.reshape(n, 1, 3), p.reshape(1, n, 3)
        return Fresh(lambda: np.sqrt(((rows - cols) ** 2).sum(-1)))
    if op == "matmul":
        a = rand(1, dt, -1.0, 1.0, n, n)
        b = rand(2, dt, -1.0, 1.0, n, n)
        return Fresh(lambda: a @ b)
    if op == "solve":
        a = rand(1, dt, -1.0, 1.0, n, n)
        a[np.arange(n), np.arange(n)] += n  # diagonally dominant: well conditioned
        b = rand(2, dt, -1.0, 1.0, n)
        return Fresh(lambda: np.linalg.solve(a, b))
    if op in ("sort", "argsort"):
        a = rand(1, dt, 0.5, 1.5, n)
        return Fresh((lambda: np.sort(a)) if op == "sort" else (lambda: np.argsort(a, kind="stable")))
    if op == "unique":
        a = np.floor(rand(1, dt, 0.0, 1000.0, n))
        return Fresh(lambda: np.unique(a))
    if op == "mask_select":
        a = rand(1, dt, 0.5, 1.5, n)
        mask = a > 1.0
        return Fresh(lambda: a[mask])
    if op == "take":
        a = rand(1, dt, 0.5, 1.5, n)
        idx = np.floor(rand(2, dt, 0.0, n, n)).astype(np.int64)
        return Fresh(lambda: a[idx])
    if op == "norm":
        x = rand(1, dt, 0.0, 1.0, n)
        return Fresh(lambda: np.linalg.norm(x))
    raise ValueError(f"unknown op {op}")


def fmt_seconds(s):
    v, units, u = s * 1e9, ["ns", "µs", "ms", "s"], 0
    while u < 3 and v >= 999.5:
        v /= 1000
        u += 1
    return (f"{v:.0f}" if v >= 99.95 else f"{v:.1f}" if v >= 9.995 else f"{v:.2f}") + " " + units[u]


def too_slow(max_call, why):
    m = int(max_call) if max_call == int(max_call) else max_call
    return f"skipped: too slow (>{m}s per call; {why})"


def time_call(call, a):
    """Timer.time on the Java side, line for line."""
    pc = time.perf_counter
    t0 = pc()
    call()
    first = pc() - t0
    if first > a.max_call:
        # a cold call can be a few times slower than a warm one: within 3x the limit, a second call decides
        if first > 3 * a.max_call:
            return ("too slow", first, 0, 0, too_slow(a.max_call, "one call took " + fmt_seconds(first)))
        t1 = pc()
        call()
        second = pc() - t1
        if second > a.max_call:
            return ("too slow", second, 0, 0, too_slow(
                a.max_call, "two calls took " + fmt_seconds(first) + " and " + fmt_seconds(second)))
    warm_limit = min(a.warmup, a.budget / 3)
    start = pc()
    while True:
        t = pc()
        call()
        last = pc() - t
        if pc() - start >= warm_limit:
            break
    warm = pc() - t0
    inner = max(1, math.ceil(a.min_sample / max(last, 1e-9)))
    samples = []
    sampling = pc()
    while len(samples) < a.repeats:
        t = pc()
        for _ in range(inner):
            call()
        samples.append((pc() - t) / inner)
        if len(samples) >= 3 and warm + (pc() - sampling) > a.budget:
            break
    samples.sort()
    k = len(samples)
    med = samples[k // 2] if k % 2 else (samples[k // 2 - 1] + samples[k // 2]) / 2
    return ("ok", med, k, inner, "")


def read_spec(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            wid, op, dtype, n, label = [x.strip() for x in line.split("\t")]
            rows.append((wid, op, dtype, int(n), label))
    return rows


def blas_info():
    info = "unknown"
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg.get("Build Dependencies", {}).get("blas", {})
        info = f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except Exception:  # older NumPy: no dict mode
        pass
    try:  # the OpenBLAS NumPy bundles: which kernel it picked, how many threads
        import ctypes
        libs = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*"))
        if libs:
            lib = ctypes.CDLL(libs[0])
            core = lib.scipy_openblas_get_corename64_
            core.restype = ctypes.c_char_p
            info += f", core {core().decode()}, {lib.scipy_openblas_get_num_threads64_()} threads"
    except Exception:
        pass
    return info


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--spec", default=DEFAULT_SPEC, help="workloads.tsv")
    p.add_argument("--out", default="bench-out/numpy.csv", help="results CSV")
    p.add_argument("--meta", default=None, help="metadata file (key<TAB>value); default next to --out")
    p.add_argument("--only", default=None, help="regular expression on workload ids")
    p.add_argument("--warmup", type=float, default=0.5)
    p.add_argument("--min-sample", type=float, default=0.005)
    p.add_argument("--repeats", type=int, default=15)
    p.add_argument("--budget", type=float, default=3.0)
    p.add_argument("--max-call", type=float, default=1.0)
    p.add_argument("--serve", action="store_true",
                   help="read workload ids on stdin, answer one CSV row each on stdout (interleaved runs)")
    a = p.parse_args()
    import re
    spec = read_spec(a.spec)
    if a.only:
        spec = [w for w in spec if re.search(a.only, w[0])]
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    meta = a.meta or os.path.join(os.path.dirname(os.path.abspath(a.out)), "numpy-meta.tsv")
    with open(meta, "w", encoding="utf-8") as f:
        f.write(f"numpy\t{np.__version__}\n")
        f.write(f"python\t{platform.python_version()}\n")
        f.write(f"blas\t{blas_info()}\n")
    seen = {}  # (op, dtype) -> (work, seconds): predicts larger sizes, as the Java side does
    header = ["id", "status", "seconds", "samples", "inner", "digest", "note"]
    if a.serve:
        # Interleaved mode (Compare --rounds): one workload id per line on stdin, one CSV row per
        # id on stdout, so that the Java side can alternate NumPy's workloads with its own.
        by_id = {w[0]: w for w in spec}
        out = csv.writer(sys.stdout)
        for line in sys.stdin:
            wid = line.strip()
            if not wid:
                continue
            if wid not in by_id:
                out.writerow([wid, "error", "nan", 0, 0, "", "error: unknown workload id"])
            else:
                out.writerow(measure(by_id[wid], a, seen))
            sys.stdout.flush()
        return
    started = time.perf_counter()
    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for k, wl in enumerate(spec, 1):
            row = measure(wl, a, seen)
            w.writerow(row)
            f.flush()
            shown = fmt_seconds(float(row[2])) if row[1] == "ok" else row[6]
            print(f"[numpy {k:2d}/{len(spec)}] {wl[0]:<16} {shown}", file=sys.stderr, flush=True)
    print(f"[numpy] done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)


def measure(workload, a, seen):
    """Times one workload; returns its CSV row. seen carries (work, seconds) per (op, dtype) between calls."""
    wid, op, dtype, n, _label = workload
    wk = work(op, n, dtype)
    prev = seen.get((op, dtype))
    digest = ""
    # skip unrun only when clearly too slow: predicted from a time that the work dominates
    # (>= 1% of the limit, not per-call overhead) at over 10x the limit; otherwise one call decides
    if prev and wk > prev[0] and prev[1] >= a.max_call / 100 and prev[1] * wk / prev[0] > 10 * a.max_call:
        pred = prev[1] * wk / prev[0]
        res = ("too slow", pred, 0, 0, too_slow(a.max_call, "predicted " + fmt_seconds(pred)))
    else:
        try:
            pr = prepare(op, dtype, n)
            res = time_call(pr.call, a)
            if res[0] == "ok":
                digest = repr(pr.digest())
            del pr
        except Exception as e:  # noqa: BLE001 - reported in the table
            res = ("error", float("nan"), 0, 0, f"error: {type(e).__name__}: {e}")
    if res[0] in ("ok", "too slow"):
        seen[(op, dtype)] = (wk, res[1])
    return [wid, res[0], repr(res[1]), res[2], res[3], digest, res[4]]


if __name__ == "__main__":
    main()
