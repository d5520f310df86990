#!/usr/bin/env python3
"""CuPy's side of the GPU comparison (scripts/gpu/run.sh, docs/benchmarks.md).

Times, on CuPy, the rows that io.github.ndarray.bench.GpuCompare times on our CUDA backend,
with the same repetition scheme: warm-up calls for 0.1 s (0.02 s in the norm sweep), at least 3
(the first timed alone: slower than 1.5 s, a second call decides, and when it is slower too it
is reported alone; the last 2 estimate the time per call), then 3 batches of back-to-back calls, each lasting about 20 ms (5 ms
in the norm sweep; capped), closed by cupy.cuda.Device().synchronize(); the median batch's
time per call in microseconds. Writes a TSV with the columns op, dtype, n, device (cupy), us,
note, which scripts/gpu/combine.py joins with GpuCompare's.

    python3 scripts/bench_cupy.py --out gpu-out/cupy-bench.tsv [--quick] [--budget S]

Inputs are the SplitMix64 streams of io.github.ndarray.bench.Inputs (bench_numpy.py's
uniform, computed here with CuPy's uint64 arithmetic on the GPU, or NumPy's for host arrays).
Without CuPy it prints "cupy not importable: ..." and exits 0.
"""

import argparse
import math
import os
import statistics
import sys
import time

try:
    import numpy as np
    import cupy as cp
    cp.cuda.runtime.getDeviceCount()
except Exception as e:  # noqa: BLE001 - any reason is reported the same way
    print(f"cupy not importable: {type(e).__name__}: {e}")
    sys.exit(0)

GAMMA = 0x9E3779B97F4A7C15
SLOW_S = 1.5
GPU_BATCH_S = 0.020
SWEEP_BATCH_S = 0.005
CAP = 100_000


def uniform(xp, seed, n, low, high):
    """Element i of stream seed: low + (high - low) * u, u from SplitMix64's top 53 bits."""
    i = xp.arange(1, n + 1, dtype=xp.uint64)
    z = xp.uint64(seed) + i * xp.uint64(GAMMA)
    z = (z ^ (z >> xp.uint64(30))) * xp.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> xp.uint64(27))) * xp.uint64(0x94D049BB133111EB)
    z ^= z >> xp.uint64(31)
    u = (z >> xp.uint64(11)).astype(xp.float64) * (2.0 ** -53)
    return low + (high - low) * u


def rand(seed, dtype, low, high, *shape):
    return uniform(cp, seed, math.prod(shape), low, high).astype(dtype).reshape(shape)


def sync():
    cp.cuda.Device().synchronize()


def time_op(fn, batch_s=GPU_BATCH_S, cap=CAP):
    """GpuCompare.time, step for step: returns (us, note)."""
    pc = time.perf_counter
    t0 = pc()
    fn()
    sync()
    first = pc() - t0
    if first > SLOW_S:  # the first call may compile a kernel: a second call decides
        t = pc()
        fn()
        sync()
        second = pc() - t
        if second > SLOW_S:
            return second * 1e6, "1 call (slow)"
    warm_s = 0.02 if batch_s == SWEEP_BATCH_S else 0.1
    while pc() - t0 < warm_s:
        fn()
        sync()
    t1 = pc()
    fn()
    fn()
    sync()
    per = max((pc() - t1) / 2, 1e-9)
    if per > SLOW_S / 2:
        return per * 1e6, "1 call (slow)"
    count = int(max(1, min(cap, math.ceil(batch_s / per))))
    s = []
    for _ in range(3):
        t = pc()
        for _ in range(count):
            fn()
        sync()
        s.append((pc() - t) / count)
    return statistics.median(s) * 1e6, ""


class Out:
    def __init__(self, path, budget):
        self.f = open(path, "w", encoding="utf-8")
        self.f.write("op\tdtype\tn\tdevice\tus\tnote\n")
        self.deadline = time.perf_counter() + budget
        self.slow = {}
        self.rows = 0

    def emit(self, op, dt, n, us, note):
        note = " ".join(str(note).split())[:300]
        self.f.write(f"{op}\t{dt}\t{n}\tcupy\t{'' if us is None else f'{us:.3f}'}\t{note}\n")
        self.f.flush()
        self.rows += 1
        shown = "-" if us is None else f"{us:.2f} us"
        print(f"[cupy-bench] {op:<14} {dt:<7} {n:>10} {shown:>12} {note}", file=sys.stderr, flush=True)

    def row(self, op, dt, n, fn, note="", batch_s=GPU_BATCH_S, cap=CAP):
        key = (op, dt)
        if time.perf_counter() > self.deadline:
            self.emit(op, dt, n, None, "skipped: time budget spent")
            return None
        if key in self.slow:
            self.emit(op, dt, n, None, "skipped: " + self.slow[key])
            return None
        try:
            us, extra = time_op(fn, batch_s, cap)
        except Exception as e:  # noqa: BLE001 - reported in the row
            self.emit(op, dt, n, None, f"failed: {type(e).__name__}: {e}")
            return None
        if extra.startswith("1 call"):
            self.slow[key] = f"n={n} took {us * 1e-6:.2f} s per call"
        item = 4 if dt == "float32" else 8
        bytes_ = {"h2d": n * item, "d2h": n * item, "copy": 2 * n * item}.get(op)
        rate = f"{bytes_ / (us * 1e-6) / 1e9:.1f} GB/s" if bytes_ else ""
        self.emit(op, dt, n, us, "; ".join(x for x in (extra, rate, note) if x))
        return us

    def failed(self, op, dt, n, e):
        self.emit(op, dt, n, None, f"failed: {type(e).__name__}: {e}")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default="gpu-out/cupy-bench.tsv")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--budget", type=float, default=150.0)
    a = p.parse_args()
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    started = time.perf_counter()
    o = Out(a.out, a.budget)
    q = a.quick
    (cp.ones(16, dtype=cp.float32) + 1).sum()  # context and pool set-up, outside any timing
    sync()
    dev = cp.cuda.Device()
    props = cp.cuda.runtime.getDeviceProperties(dev.id)
    print(f"[cupy-bench] cupy {cp.__version__}, {props['name'].decode()}", file=sys.stderr, flush=True)

    x1 = cp.asarray(np.float32(0.7)).reshape(1) + 0
    y1 = cp.asarray(np.float32(1.3)).reshape(1) + 0
    o.row("launch_add", "float32", 1, lambda: x1 + y1, cap=1_000_000)

    sizes = [10**4, 10**5, 10**6] if q else [10**4, 10**5, 10**6, 10**7, 10**8]
    for n in sizes:
        for dt in ("float32", "float64"):
            try:
                a_ = rand(1, dt, 0.5, 1.5, n)
                b_ = rand(2, dt, 0.5, 1.5, n)
            except Exception as e:  # noqa: BLE001
                o.failed("add", dt, n, e)
                continue
            o.row("add", dt, n, lambda: a_ + b_)
            o.row("multiply", dt, n, lambda: a_ * b_)
            o.row("exp", dt, n, lambda: cp.exp(a_))
            o.row("sqrt", dt, n, lambda: cp.sqrt(a_))
            o.row("sum", dt, n, lambda: a_.sum())
            o.row("max", dt, n, lambda: a_.max())
            o.row("argmax", dt, n, lambda: a_.argmax())
            del a_, b_
    for n in ([500] if q else [1000, 4000]):
        for dt in ("float32", "float64"):
            m = rand(1, dt, 0.5, 1.5, n, n)
            r = rand(2, dt, 0.5, 1.5, n)
            o.row("bcast_add", dt, n, lambda: m + r)
            del m, r
    n = 500 if q else 2000
    for dt in ("float32", "float64"):
        x = rand(1, dt, 0.0, 1.0, n, 3)
        o.row("pdist", dt, n, lambda: ((x[:, None, :] - x[None, :, :]) ** 2).sum(-1))
        del x
    for n in ([256, 512] if q else [1024, 2048, 4096, 8192]):
        for dt in ("float32", "float64"):
            try:
                m1 = rand(1, dt, -1.0, 1.0, n, n)
                m2 = rand(2, dt, -1.0, 1.0, n, n)
            except Exception as e:  # noqa: BLE001
                o.failed("matmul", dt, n, e)
                continue
            o.row("matmul", dt, n, lambda: m1 @ m2)
            del m1, m2
    for n in ([10**6] if q else [10**6, 10**8]):
        h = uniform(np, 3, n, 0.5, 1.5)
        o.row("h2d", "float64", n, lambda: cp.asarray(h))
        g = cp.asarray(h)
        o.row("d2h", "float64", n, lambda: cp.asnumpy(g))
        del h, g
    n = 10**6 if q else 10**8
    g = rand(4, "float64", 0.5, 1.5, n)
    o.row("copy", "float64", n, lambda: g.copy())
    del g
    cp.get_default_memory_pool().free_all_blocks()

    points, top = (20, 5) if q else (100, 7)
    base = uniform(np, 5, 10**top, 0.0, 1.0)
    seen = set()
    for i in range(points):
        n = round(10 ** (1 + (top - 1) * i / (points - 1)))
        if n in seen:
            continue
        seen.add(n)
        hx = base[:n]
        o.row("norm_h2d", "float64", n, lambda: float(cp.linalg.norm(cp.asarray(hx))),
              "cp.asarray(x) + norm + float()", batch_s=SWEEP_BATCH_S)
    print(f"[cupy-bench] {o.rows} rows in {time.perf_counter() - started:.1f} s -> {a.out}", file=sys.stderr, flush=True)
    o.f.close()


if __name__ == "__main__":
    main()
