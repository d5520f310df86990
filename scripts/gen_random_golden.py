#!/usr/bin/env python3
"""Writes NumPy's reference moments and quantile edges for the random-distribution tests
(io.github.ndarray.RandomGoodnessOfFitTest).

Output: ndarray-cpu/src/test/resources/golden/random_moments.tsv (committed: the Java build
needs no Python). Our generator's streams are its own (Philox4x32-10 by element position), so
the tests compare distributions, not numbers: NumPy draws M samples of each distribution with
the same parameters from Generator(PCG64) and from Generator(Philox) (NumPy's Philox4x64) and
records the sample mean, variance, skewness and excess kurtosis (PCG64's; the script checks
that Philox's agree within 6 standard errors, so the reference is not one stream's accident).
For continuous distributions it also records the exact 5%-quantiles (19 edges of 20
equiprobable bins: linear for uniforms, statistics.NormalDist for normals), the bins of the
Java chi-square test. Integers are binned by value.

Usage:
    python3 scripts/gen_random_golden.py           # (re)write the file
    python3 scripts/gen_random_golden.py --check   # exit 1 if the committed file differs

Format: '#' lines are comments; one tab-separated record per case:
    <case> <method> <p0> <p1> <dtype> <M> <mean> <var> <skew> <exkurt> <edges>
method is the Java Generator method (random uniform normal standardNormal integers), p0 p1
its parameters ('-' if none; integers decimal), dtype float64/float32/int64; floats are
float.hex; edges is a
comma-separated list of float.hex, or '-'.
"""
import math
import pathlib
import statistics
import sys

import numpy as np

M = 2_000_000
SEED = 20261204
OUT = pathlib.Path(__file__).resolve().parent.parent / "ndarray-cpu/src/test/resources/golden/random_moments.tsv"

# (case, java method, p0, p1, dtype, numpy draw, exact quantile function or None)
CASES = [
    ("random_f64", "random", None, None, "float64",
     lambda g: g.random(M), lambda q: q),
    ("random_f32", "random", None, None, "float32",
     lambda g: g.random(M, dtype=np.float32), lambda q: q),
    ("uniform", "uniform", -2.5, 4.0, "float64",
     lambda g: g.uniform(-2.5, 4.0, M), lambda q: -2.5 + 6.5 * q),
    ("normal", "normal", 3.0, 2.0, "float64",
     lambda g: g.normal(3.0, 2.0, M), statistics.NormalDist(3.0, 2.0).inv_cdf),
    ("std_normal_f64", "standardNormal", None, None, "float64",
     lambda g: g.standard_normal(M), statistics.NormalDist().inv_cdf),
    ("std_normal_f32", "standardNormal", None, None, "float32",
     lambda g: g.standard_normal(M, dtype=np.float32), statistics.NormalDist().inv_cdf),
    ("integers_small", "integers", -3, 7, "int64",
     lambda g: g.integers(-3, 7, M), None),
    ("integers_1000", "integers", 0, 1000, "int64",
     lambda g: g.integers(0, 1000, M), None),
]


def moments(x):
    x = np.asarray(x, dtype=np.float64)
    mean = x.mean()
    d = x - mean
    var = (d * d).mean()
    skew = (d ** 3).mean() / var ** 1.5
    kurt = (d ** 4).mean() / var ** 2 - 3
    return mean, var, skew, kurt


def standard_errors(var, kurt, n):
    """Large-sample standard errors of mean, variance, skewness, excess kurtosis (kurtosis: the
    normal's 24/n, an upper bound for these light-tailed distributions)."""
    mu4 = (kurt + 3) * var * var
    return (math.sqrt(var / n), math.sqrt((mu4 - var * var) / n), math.sqrt(6 / n), math.sqrt(24 / n))


def fmt(v):
    if v is None:
        return "-"
    return str(v) if isinstance(v, int) else float(v).hex()


def render():
    lines = [
        "# NumPy reference moments for the random-distribution tests; see scripts/gen_random_golden.py.",
        f"# Generated with NumPy {np.__version__}, Generator(PCG64({SEED})), M = {M}; do not edit by hand.",
        "# case\tmethod\tp0\tp1\tdtype\tM\tmean\tvar\tskew\texkurt\tedges",
    ]
    for case, method, p0, p1, dtype, draw, quantile in CASES:
        ref = moments(draw(np.random.Generator(np.random.PCG64(SEED))))
        other = moments(draw(np.random.Generator(np.random.Philox(SEED))))
        se = standard_errors(ref[1], ref[3], M)
        for name, a, b, s in zip(("mean", "var", "skew", "kurt"), ref, other, se):
            if abs(a - b) > 6 * math.sqrt(2) * s:
                sys.exit(f"{case}: PCG64 and Philox disagree on the {name}: {a} vs {b}")
        edges = "-" if quantile is None else ",".join(float(quantile(k / 20)).hex() for k in range(1, 20))
        lines.append("\t".join([case, method, fmt(p0), fmt(p1), dtype, str(M)] + [fmt(v) for v in ref] + [edges]))
    return "\n".join(lines) + "\n"


def main():
    text = render()
    if "--check" in sys.argv:
        if OUT.read_text() != text:
            sys.exit(f"{OUT} differs from what the script writes now")
        print("up to date")
        return
    OUT.write_text(text)
    print(f"wrote {OUT} ({len(CASES)} cases)")


if __name__ == "__main__":
    main()
