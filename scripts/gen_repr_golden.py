#!/usr/bin/env python3
"""Generates golden cases for NDArray.toString() (NumPy's repr) with NumPy as the oracle.

Writes ndarray-api/src/test/resources/io/github/ndarray/repr/repr_cases.tsv, read by
ArrayFormatTest. One case per line, tab-separated:

    id  dtype  shape  view  values  expected

- dtype: NumPy's name (bool, int8, uint8, int16, int32, int64, float32, float64)
- shape: the base array's shape, comma-separated ("" for 0-d)
- view: "-" (the base array itself), "T" (its transpose), "B:<shape>" (broadcast_to the
  comma-separated shape) or "S:<slices>" (basic slicing; slices are start:stop:step separated
  by ";", any part may be empty)
- values: the base array's elements in C order, space-separated: integers in decimal, bool as
  0/1, float32/float64 as the hex of their raw IEEE bits (exact, NaN payloads included)
- expected: repr(view) with "\\" written as "\\\\" and newlines as "\\n"

The print options are NumPy's defaults (precision 8, threshold 1000, edgeitems 3,
linewidth 75, floatmode 'maxprec'). Deterministic: a fixed seed, so rerunning it gives the same
file for the same NumPy version. Run from the repository root:

    python3 scripts/gen_repr_golden.py
"""
import os
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ndarray-api", "src", "test",
                   "resources", "io", "github", "ndarray", "repr", "repr_cases.tsv")

INT_DTYPES = ["int8", "uint8", "int16", "int32", "int64"]
FLOAT_DTYPES = ["float32", "float64"]
ALL_DTYPES = ["bool"] + INT_DTYPES + FLOAT_DTYPES

rng = np.random.default_rng(20250601)
cases = []


def encode_values(a):
    flat = np.ascontiguousarray(a).reshape(-1)
    if a.dtype == np.float64:
        return " ".join("%016x" % v for v in flat.view(np.uint64).tolist())
    if a.dtype == np.float32:
        return " ".join("%08x" % v for v in flat.view(np.uint32).tolist())
    if a.dtype == np.bool_:
        return " ".join("1" if v else "0" for v in flat.tolist())
    return " ".join(str(v) for v in flat.tolist())


def parse_slices(spec):
    out = []
    for part in spec.split(";"):
        bits = part.split(":")
        vals = [int(b) if b != "" else None for b in bits]
        while len(vals) < 3:
            vals.append(None)
        out.append(slice(*vals))
    return tuple(out)


def add(name, a, view="-"):
    a = np.asarray(a)
    assert a.dtype.name in ALL_DTYPES, a.dtype
    if view == "-":
        v = a
    elif view == "T":
        v = a.T
    elif view.startswith("B:"):
        v = np.broadcast_to(a, tuple(int(s) for s in view[2:].split(",")))
    elif view.startswith("S:"):
        v = a[parse_slices(view[2:])]
    else:
        raise ValueError(view)
    expected = repr(v)
    assert "\t" not in expected
    shape = ",".join(str(s) for s in a.shape)
    cases.append("\t".join([
        "%04d-%s" % (len(cases), name), a.dtype.name, shape, view, encode_values(a),
        expected.replace("\\", "\\\\").replace("\n", "\\n")]))


def random_shape(ndim, max_dim=5):
    return tuple(int(x) for x in rng.integers(1, max_dim + 1, size=ndim))


def random_ints(dtype, shape, kind):
    info = np.iinfo(dtype)
    if kind == "full":
        return rng.integers(info.min, info.max, size=shape, endpoint=True, dtype=dtype)
    if kind == "small":
        lo = max(info.min, -20)
        return rng.integers(lo, 20, size=shape, endpoint=True).astype(dtype)
    if kind == "positive":
        return rng.integers(0, min(info.max, 1000), size=shape, endpoint=True).astype(dtype)
    if kind == "extremes":
        pick = np.array([info.min, info.max, 0, 1, info.min + 1, info.max - 1], dtype=dtype)
        return rng.choice(pick, size=shape)
    raise ValueError(kind)


FLOAT_KINDS = ["normal", "unit", "integral", "rounded", "tiny", "huge", "wide", "mixed", "specials",
               "nearcut", "zeros"]


def random_floats(dtype, shape, kind):
    n = int(np.prod(shape))
    if kind == "normal":
        x = rng.normal(0, 1, n) * 10.0 ** rng.integers(-3, 5)
    elif kind == "unit":
        x = rng.random(n)
    elif kind == "integral":
        x = np.rint(rng.normal(0, 100, n))
    elif kind == "rounded":
        x = np.round(rng.normal(0, 50, n), int(rng.integers(0, 4)))
    elif kind == "tiny":
        x = rng.normal(0, 1, n) * 10.0 ** rng.integers(-30, -4)
    elif kind == "huge":
        x = rng.normal(0, 1, n) * 10.0 ** rng.integers(8, 30)
    elif kind == "wide":
        x = np.exp(rng.uniform(-12, 12, n)) * rng.choice([-1, 1], n)
    elif kind == "mixed":
        x = rng.normal(0, 1, n) * 10.0 ** rng.integers(-2, 3, n)
    elif kind == "specials":
        x = rng.normal(0, 10, n)
        pick = rng.random(n)
        x[pick < 0.15] = np.nan
        x[(pick >= 0.15) & (pick < 0.25)] = np.inf
        x[(pick >= 0.25) & (pick < 0.3)] = -np.inf
        x[(pick >= 0.3) & (pick < 0.35)] = 0.0
        x[(pick >= 0.35) & (pick < 0.4)] = -0.0
    elif kind == "nearcut":
        # magnitudes near the scientific-notation thresholds
        base = rng.choice([1e-4, 1e8, 1e6, 1000.0, 1.0, 0.1])
        x = base * (1 + rng.normal(0, 1e-7, n)) * rng.choice([-1, 1], n)
    elif kind == "zeros":
        x = np.zeros(n)
        x[rng.random(n) < 0.5] = -0.0
        x[rng.random(n) < 0.2] = 1.0
    else:
        raise ValueError(kind)
    return x.astype(dtype).reshape(shape)


def random_array(dtype, shape):
    if dtype == "bool":
        return rng.random(shape) < 0.5, "bool"
    if dtype in INT_DTYPES:
        kind = ["full", "small", "positive", "extremes"][int(rng.integers(0, 4))]
        return random_ints(dtype, shape, kind), kind
    kind = FLOAT_KINDS[int(rng.integers(0, len(FLOAT_KINDS)))]
    return random_floats(dtype, shape, kind), kind


def hand_written():
    f64, f32 = np.float64, np.float32
    add("ints", np.array([1, 2, 3]))
    add("int32", np.array([1, 2, 3], dtype=np.int32))
    add("floats", np.array([1.0, 2.0]))
    add("halves", np.array([1.5, 2.25, np.nan]))
    add("tie-2^-9", np.array([2.0 ** -9, 1.5]))
    add("tie-float32", np.array([2.0 ** -9, 1.5], dtype=f32))
    add("0.1+0.2", np.array([0.1 + 0.2, 0.1]))
    add("third", np.array([1 / 3, 2 / 3]))
    add("third32", np.array([1 / 3, 2 / 3], dtype=f32))
    add("pi32", np.array([np.pi, np.e], dtype=f32))
    add("min-digits32", np.array([1e-5, 1.2345678e-5], dtype=f32))
    add("min-digits64", np.array([1e-5, 1.2345678e-5]))
    add("pow2-exp", np.array([2.0 ** -20, 1.23456789e-5]))
    add("pow2-exp32", np.array([2.0 ** -20, 1.23456789e-5], dtype=f32))
    add("pow2-big", np.array([2.0 ** 60, 2.0 ** 70, 3.0]))
    add("roundup", np.array([0.999999999, 9.9999999999e-5]))
    add("roundup2", np.array([9.99999999996, 1.0]))
    add("roundup3", np.array([99999999.99999, 1.0]))
    add("1e8", np.array([1e8, 1.0]))
    add("below-1e8", np.array([99999999.0, 1.0]))
    add("below-1e8b", np.array([99999999.5, 1.0]))
    add("1e-4", np.array([1e-4, 0.05]))
    add("below-1e-4", np.array([0.99999999e-4, 0.05]))
    add("ratio-1000", np.array([1.0, 1000.0]))
    add("ratio-1000.1", np.array([1.0, 1000.1]))
    add("ratio-1000-32", np.array([1.0, 1000.0], dtype=f32))
    add("ratio-32b", np.array([0.3, 300.0001], dtype=f32))
    add("1e6-32", np.array([1e6, 1.5], dtype=f32))
    add("below-1e6-32", np.array([999999.9, 1.5], dtype=f32))
    add("below-1e6-32b", np.array([999999.94, 999.0], dtype=f32))
    add("1e-4-32", np.array([1e-4, 0.05], dtype=f32))
    add("below-1e-4-32", np.array([np.nextafter(f32(1e-4), f32(0)), 0.05], dtype=f32))
    add("float32-max", np.array([np.finfo(f32).max, -np.finfo(f32).max], dtype=f32))
    add("float64-max", np.array([np.finfo(f64).max, 1.0]))
    add("subnormal", np.array([5e-324, 1e-310, 2.2250738585072014e-308]))
    add("subnormal32", np.array([1e-45, 1e-40, 1.17549435e-38], dtype=f32))
    add("exp3", np.array([1e-300, 1e300]))
    add("exp3-mixed", np.array([1e-300, 1.5, 2e5]))
    add("big-ints-as-float", np.array([1e15, 2e15 + 1, 12345678901234567.0]))
    add("1e16", np.array([1e16, 1.0]))
    add("neg-zero", np.array([-0.0, 0.0]))
    add("neg-zero-0d", np.array(-0.0))
    add("neg-zero-only-f32", np.array([-0.0], dtype=f32))
    add("zeros", np.zeros(4))
    add("zeros32", np.zeros((2, 3), dtype=f32))
    add("zero-and-tiny", np.array([0.0, 1e-5]))
    add("zero-and-huge", np.array([0.0, 1e9]))
    add("nan-only", np.array([np.nan]))
    add("nans", np.array([np.nan, np.nan, np.inf]))
    add("neg-inf-only", np.array([-np.inf, np.inf]))
    add("nan-inf-neg", np.array([np.nan, -np.inf]))
    add("nan-with-exp", np.array([np.nan, 1e-10, -np.inf]))
    add("nan-with-long", np.array([np.nan, 1.23456789, -np.inf]))
    add("nan-with-int", np.array([np.nan, 1.0, 2.0]))
    add("inf-with-neg", np.array([-np.inf, -1.5, 2.0]))
    add("nan-32", np.array([np.nan, 0.1, np.inf], dtype=f32))
    add("neg-nan", np.array([-np.nan, 1.0]))
    add("0d-float", np.array(1.5))
    add("0d-float-int", np.array(2.0))
    add("0d-float32", np.array(1.5, dtype=f32))
    add("0d-float32-tenth", np.array(0.1, dtype=f32))
    add("0d-nan", np.array(np.nan))
    add("0d-neg-inf", np.array(-np.inf))
    add("0d-inf32", np.array(np.inf, dtype=f32))
    add("0d-exp", np.array(1.5e-10))
    add("0d-big", np.array(1.5e300))
    add("0d-big32", np.array(3e7, dtype=f32))
    add("0d-int", np.array(5))
    add("0d-int-neg", np.array(-7))
    add("0d-int8", np.array(5, dtype=np.int8))
    add("0d-uint8", np.array(255, dtype=np.uint8))
    add("0d-int16", np.array(-300, dtype=np.int16))
    add("0d-int32", np.array(2 ** 31 - 1, dtype=np.int32))
    add("0d-int64-min", np.array(-2 ** 63, dtype=np.int64))
    add("0d-true", np.array(True))
    add("0d-false", np.array(False))
    add("bools", np.array([True, False]))
    add("bools-true", np.array([True, True]))
    add("bools-false", np.array([False, False]))
    add("bools-2d", np.array([[True, False, True], [False, False, True]]))
    add("int64-extremes", np.array([-2 ** 63, 2 ** 63 - 1, 0]))
    add("int8-extremes", np.array([-128, 127, 0], dtype=np.int8))
    add("uint8-extremes", np.array([0, 255, 7], dtype=np.uint8))
    add("int16-extremes", np.array([-32768, 32767], dtype=np.int16))
    add("int32-extremes", np.array([-2 ** 31, 2 ** 31 - 1], dtype=np.int32))
    add("neg-ints", np.array([-1, -22, -333]))
    add("one-elem", np.array([42]))
    add("one-elem-2d", np.array([[42.5]]))
    add("one-elem-4d", np.ones((1, 1, 1, 1), dtype=np.int16))
    for dt in ALL_DTYPES:
        add("empty-" + dt, np.zeros(0, dtype=dt))
        add("empty-0x3-" + dt, np.zeros((0, 3), dtype=dt))
    add("empty-3x0", np.zeros((3, 0)))
    add("empty-2x0x4", np.zeros((2, 0, 4), dtype=np.int32))
    add("empty-1x0", np.zeros((1, 0), dtype=bool))
    add("empty-0x0", np.zeros((0, 0), dtype=np.int64))
    add("5d", np.arange(2 * 1 * 3 * 1 * 2).reshape(2, 1, 3, 1, 2) / 4)
    add("6d-int8", (np.arange(64) - 32).astype(np.int8).reshape(2, 2, 2, 2, 2, 2))
    add("6d-sum", np.arange(4 ** 5 * 2, dtype=np.int32).reshape(2, 4, 4, 4, 4, 4))
    # line-wrapping and the extras on a new line
    add("wrap-int", np.arange(40))
    add("wrap-int32", np.arange(24, dtype=np.int32) * 1000)
    add("wrap-exact", np.arange(100, 100 + 17))
    add("wrap-float", np.linspace(0, 1, 23))
    add("wrap-float32", np.linspace(0, 1, 23).astype(f32))
    add("wrap-2d", np.linspace(-5, 5, 60).reshape(3, 20))
    add("wrap-3d", np.arange(2 * 2 * 30, dtype=np.int16).reshape(2, 2, 30))
    add("dtype-fits", np.arange(11, dtype=np.int8))
    add("dtype-wraps", np.arange(14, dtype=np.int8) * 9)
    # summarization
    add("sum-1001", np.arange(1001))
    add("sum-2000-int32", np.arange(2000, dtype=np.int32))
    add("sum-float", np.linspace(0, 1, 1500))
    add("sum-2d", np.arange(2000.0).reshape(40, 50))
    add("sum-3d", np.arange(3000.0).reshape(10, 10, 30))
    add("sum-small-axis", np.arange(1010, dtype=np.int16).reshape(2, 505))
    add("sum-6-axis", np.arange(6 * 200).reshape(6, 200))
    add("sum-7-axis", np.arange(7 * 150).reshape(7, 150))
    add("sum-4d", np.arange(4 * 5 * 7 * 8).reshape(4, 5, 7, 8).astype(np.uint8))
    add("sum-bool", np.arange(1200) % 3 == 0)
    add("sum-1x1001", np.arange(1001.0).reshape(1, 1001))
    add("sum-1001x1", np.arange(1001, dtype=np.int32).reshape(1001, 1))
    add("sum-edge-nan", np.concatenate([[np.nan, 1.5], np.linspace(0, 1, 1000), [1e-9, np.inf]]))
    add("sum-hidden-tiny", np.concatenate([[1.5, 2.5, 3.5], np.full(1000, 1e-9), [4.5, 5.5, 6.5]]))
    add("sum-hidden-int", np.concatenate([[1, 2, 3], np.full(1000, -10 ** 12), [4, 5, 6]]))
    # views
    m = np.arange(12.0).reshape(3, 4) / 7
    add("view-T", m, "T")
    add("view-T-int", np.arange(24, dtype=np.int32).reshape(2, 3, 4), "T")
    add("view-step", np.arange(10), "S:::2")
    add("view-rev", np.arange(10, dtype=np.int16), "S:::-1")
    add("view-2d", m, "S:1:;::-1")
    add("view-2d-step", np.arange(30.0).reshape(5, 6), "S:::2;1::3")
    add("view-bcast", np.array([1.5, 2.5, 3.5]), "B:4,3")
    add("view-bcast-big", np.array([1.5, 2.5, 3.5], dtype=f32), "B:500,3")
    add("view-T-sum", np.arange(2000, dtype=np.int32).reshape(40, 50), "T")


def randomized():
    # random arrays of every dtype and 1 to 4 dimensions, small enough to print in full
    for dt in ALL_DTYPES:
        reps = 30 if dt in FLOAT_DTYPES else 12
        for ndim in range(1, 5):
            for _ in range(reps):
                a, kind = random_array(dt, random_shape(ndim, 6 if ndim < 3 else 4))
                add("rand-%s-%dd-%s" % (dt, ndim, kind), a)
    # long rows that wrap
    for dt in ALL_DTYPES:
        for _ in range(6):
            a, kind = random_array(dt, (int(rng.integers(12, 90)),))
            add("row-%s-%s" % (dt, kind), a)
        for _ in range(2):
            a, kind = random_array(dt, (2, int(rng.integers(10, 40))))
            add("rows-%s-%s" % (dt, kind), a)
    # large arrays that summarize
    big_shapes = [(1001,), (1500,), (2, 600), (3, 400), (40, 30), (6, 7, 25), (11, 11, 11),
                  (3, 4, 5, 20), (7, 2, 8, 10), (1, 1200), (1200, 1)]
    for dt in ALL_DTYPES:
        for _ in range(4 if dt in FLOAT_DTYPES else 2):
            shape = big_shapes[int(rng.integers(0, len(big_shapes)))]
            a, kind = random_array(dt, shape)
            add("big-%s-%s" % (dt, kind), a)
    # random views
    for dt in ["int32", "float64", "float32", "bool"]:
        for _ in range(3):
            a, kind = random_array(dt, random_shape(3, 5))
            add("randview-T-%s-%s" % (dt, kind), a, "T")
            add("randview-S-%s-%s" % (dt, kind), a, "S:::-1;::2")


def random_bits(dtype, n):
    """Floats from uniformly random bit patterns: every exponent, subnormals, NaN and inf."""
    if dtype == "float64":
        return rng.integers(0, 2 ** 64, size=n, dtype=np.uint64).view(np.float64)
    return rng.integers(0, 2 ** 32, size=n, dtype=np.uint32).view(np.float32)


def bit_patterns(count):
    for i in range(count):
        dt = FLOAT_DTYPES[i % 2]
        a = random_bits(dt, int(rng.integers(1, 4)))
        if rng.random() < 0.5:
            # keep the exponents close, so that positional notation happens too
            with np.errstate(invalid="ignore"):
                a = (np.abs(a.astype(np.float64)) % 1e4 * rng.choice([-1, 1], a.size)).astype(dt)
        add("bits-%s" % dt, a)
    for i in range(count // 4):
        dt = FLOAT_DTYPES[i % 2]
        # a round decimal next to a random one: the shorter is printed with extra digits
        x = rng.normal(0, 1, 2) * 10.0 ** rng.integers(-12, 12)
        x[0] = float("%.1g" % x[0])
        add("pad-%s" % dt, x.astype(dt))


def main():
    out = OUT
    if len(sys.argv) > 1:
        # stress mode, not committed: gen_repr_golden.py SEED COUNT OUT
        global rng
        rng = np.random.default_rng(int(sys.argv[1]))
        count = int(sys.argv[2])
        out = sys.argv[3]
        while len(cases) < count:
            randomized()
            bit_patterns(400)
    else:
        hand_written()
        randomized()
        bit_patterns(80)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# generated by scripts/gen_repr_golden.py with NumPy %s; do not edit\n" % np.__version__)
        for line in cases:
            f.write(line + "\n")
    print("wrote %d cases to %s" % (len(cases), os.path.normpath(out)), file=sys.stderr)


if __name__ == "__main__":
    main()
