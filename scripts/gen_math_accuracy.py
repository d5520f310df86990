#!/usr/bin/env python3
"""Writes the correctly rounded reference values that VectorMathAccuracyTest (ndarray-cpu) reads.

Output: ndarray-cpu/src/test/resources/math/accuracy.tsv (committed: the Java tests need no
Python). The oracle is mpmath at 200 bits, rounded to the nearest float64 (and from there to
float32, which can differ from a direct rounding only within 2^-29 of a tie). The test checks
our ufuncs against these within NumPy's own ULP tolerances (its umath-validation tables).

Usage:
    python3 scripts/gen_math_accuracy.py           # (re)write the file
    python3 scripts/gen_math_accuracy.py --check   # exit 1 if the committed file differs

One line per case, tab-separated: ufunc, dtype, the input(s), the expected value. Floats are
Python's float.hex (Java's Double.parseDouble reads it), or nan, inf, -inf. Inputs are random
(seeded) over each function's domain, dense where the reduction is delicate, plus special
values (NaN, infinities, signed zeros, subnormals, overflow and underflow thresholds).
"""
import argparse
import math
import sys
from pathlib import Path

import mpmath
import numpy as np

SEED = 20261204
OUT = Path(__file__).resolve().parent.parent / "ndarray-cpu/src/test/resources/math/accuracy.tsv"
mpmath.mp.prec = 200

SPECIALS = [0.0, -0.0, math.inf, -math.inf, math.nan, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-310,
            1.0, -1.0, 0.5, -0.5, 2.0, 1e-300, 1e300, -1e300, 1.7976931348623157e308]


def exact(name, args):
    """The exact value (as an mpf, or a float for special cases) of ufunc `name` at `args`."""
    m = mpmath
    x = m.mpf(args[0])
    f = {
        "exp": m.exp, "expm1": m.expm1, "log": m.log, "log1p": m.log1p, "log2": lambda v: m.log(v, 2),
        "log10": m.log10, "sin": m.sin, "cos": m.cos, "tan": m.tan, "arcsin": m.asin, "arccos": m.acos,
        "arctan": m.atan, "sinh": m.sinh, "cosh": m.cosh, "tanh": m.tanh,
        "cbrt": lambda v: m.sign(v) * m.cbrt(abs(v)),  # mpmath's cbrt is the principal (complex) root
    }.get(name)
    if f is not None:
        return f(x)
    y = m.mpf(args[1])
    if name == "arctan2":
        return m.atan2(x, y)
    if name == "power":
        return m.power(x, y)
    raise ValueError(name)


def special(name, args):
    """What C99 / NumPy give at zeros, infinities, NaN and outside the domain (exact values)."""
    with np.errstate(all="ignore"):
        if name in ("power", "arctan2"):
            return float(getattr(np, name)(np.float64(args[0]), np.float64(args[1])))
        return float(getattr(np, name)(np.float64(args[0])))


def defined(name, args):
    """Whether the exact value is a finite real that mpmath should compute (from nonzero finite inputs)."""
    if not all(math.isfinite(a) and a != 0 for a in args):
        return False  # mpmath's zero has no sign: NumPy's answer at ±0 is exact
    x = args[0]
    if name in ("log", "log2", "log10", "power"):
        return x > 0
    if name == "log1p":
        return x > -1
    if name in ("arcsin", "arccos"):
        return -1 <= x <= 1
    if name == "arctan2":
        return not (x == 0 and args[1] == 0)
    return True


def rounded(v, dtype):
    if isinstance(v, float):
        d = v
    else:
        try:
            d = float(v)
        except OverflowError:
            d = math.inf if v > 0 else -math.inf
    with np.errstate(over="ignore"):
        return float(np.float32(d)) if dtype == "float32" else d


def inputs(name, dtype, rng, n):
    """Random inputs over the function's domain (float64 values exactly representable in dtype)."""
    big = 88.7 if dtype == "float32" else 709.7
    tiny = -103.9 if dtype == "float32" else -745.1
    def mixed(k, lo, hi):
        mag = 10.0 ** rng.uniform(lo, hi, k)
        return mag * rng.choice([-1.0, 1.0], k)
    def positive(k):
        lo, hi = (-149, 128) if dtype == "float32" else (-1074, 1024)
        return np.ldexp(rng.uniform(1, 2, k), rng.integers(lo, hi - 1, k))
    gen = {
        "exp": lambda k: np.concatenate([rng.uniform(tiny, big, k // 2), rng.uniform(-1, 1, k // 4),
                                         rng.uniform(tiny, tiny + 40, k - k // 2 - k // 4)]),
        "expm1": lambda k: np.concatenate([mixed(k // 2, -12, 0.5), rng.uniform(-40, big, k - k // 2)]),
        "log": lambda k: np.concatenate([positive(k // 2), 1 + rng.uniform(-0.3, 0.4, k - k // 2)]),
        "log1p": lambda k: np.concatenate([mixed(k // 2, -12, 0), positive(k - k // 2)]),
        "sin": lambda k: np.concatenate([rng.uniform(-10, 10, k // 2), mixed(k - k // 2, -8, 6)]),
        "arcsin": lambda k: np.concatenate([rng.uniform(-1, 1, k // 2), mixed(k - k // 2, -10, 0)]),
        "sinh": lambda k: np.concatenate([rng.uniform(-big - 0.6, big + 0.6, k // 2), mixed(k - k // 2, -10, 1)]),
        "power": lambda k: positive(k),
    }
    alias = {"log2": "log", "log10": "log", "cos": "sin", "tan": "sin", "arccos": "arcsin", "arctan": "sinh",
             "cosh": "sinh", "tanh": "sinh", "cbrt": "sinh", "arctan2": "sin"}
    x = gen[alias.get(name, name)](n)
    return x.astype(dtype).astype(np.float64)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    check = ap.parse_args().check
    rng = np.random.default_rng(SEED)
    lines = ["# ufunc\tdtype\tinput...\texpected (correctly rounded; scripts/gen_math_accuracy.py)"]
    names = ["exp", "log", "expm1", "log1p", "log2", "log10", "sin", "cos", "tan", "arcsin", "arccos", "arctan",
             "sinh", "cosh", "tanh", "cbrt", "arctan2", "power"]
    for name in names:
        binary = name in ("arctan2", "power")
        for dtype in ("float64", "float32"):
            n = 1000 if name in ("exp", "log") else 200
            xs = list(SPECIALS) + list(inputs(name, dtype, rng, n))
            ys = list(rng.uniform(-30, 30, len(xs)).astype(dtype).astype(np.float64)) if binary else None
            if name == "arctan2":
                ys = list(inputs("sin", dtype, rng, len(xs)))
            for i, x in enumerate(xs):
                x = rounded(x, dtype)
                args = [x] + ([rounded(ys[i], dtype)] if binary else [])
                v = exact(name, args) if defined(name, args) else special(name, args)
                e = rounded(v, dtype)
                lines.append("\t".join([name, dtype] + [fmt(a) for a in args] + [fmt(e)]))
    text = "\n".join(lines) + "\n"
    if check:
        if not OUT.exists() or OUT.read_text() != text:
            print(f"{OUT} is out of date: run python3 scripts/gen_math_accuracy.py", file=sys.stderr)
            sys.exit(1)
        return
    OUT.write_text(text)
    print(f"wrote {OUT} ({len(lines) - 1} cases)")


def fmt(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v.hex()


if __name__ == "__main__":
    main()
