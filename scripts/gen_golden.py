#!/usr/bin/env python3
"""Writes the NumPy-differential golden data that io.github.ndarray.golden.* tests read.

Output: ndarray-cpu/src/test/resources/golden/*.tsv (committed, so the Java build and tests
need no Python). NumPy is the oracle: every expected value, dtype, shape and error below is
what NumPy itself gave for the recorded inputs.

Usage:
    python3 scripts/gen_golden.py           # (re)write the files
    python3 scripts/gen_golden.py --check   # exit 1 if the committed data differs

Random inputs come from one seeded generator (SEED), so reruns give the same files with the
same NumPy version. Value ranges are chosen per op so that results are defined (log of
positives plus a few nonpositive, arcsin in [-1, 1], integer powers with small non-negative
exponents, no integer division by zero outside the dedicated case, shifts within the width).
Random data has no zeros unless the op is about zeros (logical ops, division by zero).

File format (the same for every file; documented again at the top of each):

    case    <id>  <op>  <params>          starts a case; params are space-separated k=v
    arg     <dtype>  <shape>  <recipe>  <values>     an array operand
    scalar  <kind>  <value>                          a Java scalar operand: int, float or bool
    out     <dtype>  <shape>  <recipe>  <values>     the out= array before the call
    where   <dtype>  <shape>  <recipe>  <values>     the where= mask
    expect  <dtype>  <shape>  <values>               NumPy's result (C order)
    raises  <NumPy exception class>  <message>       NumPy raised instead
    skip    <reason>                                 a known deviation; the test is skipped

Fields are separated by one tab; values by one space. A shape is written as NumPy prints
it: (3,4), (5,), (). Integers and bools (0/1) are decimal; floats are exact: Python's
float.hex without trailing zeros (Java's Double.parseDouble reads it), or nan, inf, -inf.
Array operands are built from the values in C order with the base shape, then a view recipe
is applied in the same way on both sides: steps separated by ';', each one of
    -              nothing
    T              transpose (all axes reversed)
    reshape(s)     reshape to shape s
    broadcast(s)   np.broadcast_to(a, s)
    index[e]       a[e] with a basic index expression e (NDArray.get(String) in Java)
"""
import argparse
import math
import sys
import warnings
from pathlib import Path

import numpy as np

SEED = 20250607
ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "ndarray-cpu" / "src" / "test" / "resources" / "golden"

DTYPES = ["bool", "int8", "uint8", "int16", "int32", "int64", "float32", "float64"]
INTS = ["int8", "uint8", "int16", "int32", "int64"]
FLOATS = ["float32", "float64"]
SUPPORTED = set(DTYPES)

SKIP_FLOAT16 = ("float16: NumPy computes {op} of {ins} in float16, which we don't have yet "
                "(we give float32)")
SKIP_UINT64 = ("uint64: NumPy gives uint64 for {op} of uint8, which we don't have yet "
               "(we give int64)")

rng = np.random.default_rng(SEED)


# ---------------------------------------------------------------------------- formatting

def fmt_float(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    h = float.hex(x)  # e.g. -0x1.8000000000000p+1
    mant, exp = h.split("p")
    if "." in mant:
        mant = mant.rstrip("0").rstrip(".")
    return mant + "p" + exp


def fmt_values(a):
    a = np.asarray(a)
    flat = np.ascontiguousarray(a).ravel()
    if a.dtype == np.bool_:
        return " ".join("1" if v else "0" for v in flat)
    if a.dtype.kind in "iu":
        return " ".join(str(int(v)) for v in flat)
    return " ".join(fmt_float(v) for v in flat)


def fmt_shape(shape):
    shape = tuple(int(s) for s in shape)
    if len(shape) == 1:
        return "(%d,)" % shape[0]
    return "(" + ",".join(str(s) for s in shape) + ")"


def parse_shape(s):
    s = s.strip()
    assert s[0] == "(" and s[-1] == ")", s
    return tuple(int(p) for p in s[1:-1].split(",") if p.strip())


def apply_recipe(a, recipe):
    for step in recipe.split(";"):
        if step == "-":
            continue
        if step == "T":
            a = a.T
        elif step.startswith("reshape("):
            a = a.reshape(parse_shape(step[len("reshape"):]))
        elif step.startswith("broadcast("):
            a = np.broadcast_to(a, parse_shape(step[len("broadcast"):]))
        elif step.startswith("index[") and step.endswith("]"):
            a = eval("a[" + step[len("index["):-1] + "]")  # noqa: S307 - our own literals
        else:
            raise ValueError("bad recipe step " + step)
    return a


# ---------------------------------------------------------------------------- operands

class Arr:
    """An array operand: base values (C order, base shape) and a view recipe."""

    def __init__(self, base, recipe="-"):
        self.base = np.array(base)  # a private copy
        self.recipe = recipe

    def view(self):
        return apply_recipe(self.base.copy(), self.recipe)

    def line(self, role="arg"):
        return "\t".join([role, str(self.base.dtype), fmt_shape(self.base.shape), self.recipe,
                          fmt_values(self.base)])


class Scalar:
    """A Java scalar operand (weak in NEP 50's sense): int (long), float (double) or bool."""

    def __init__(self, kind, value):
        assert kind in ("int", "float", "bool")
        self.kind = kind
        self.value = {"int": int, "float": float, "bool": bool}[kind](value)

    def view(self):
        return self.value

    def line(self):
        v = self.value
        text = fmt_float(v) if self.kind == "float" else ("1" if v is True else "0" if v is False else str(v))
        return "\t".join(["scalar", self.kind, text])


# ---------------------------------------------------------------------------- random values

def _ints(dt, lo, hi, n, zeros=False):
    info = np.iinfo(dt)
    lo, hi = max(lo, int(info.min)), min(hi, int(info.max))
    v = rng.integers(lo, hi, size=n, endpoint=True, dtype=np.int64 if dt != "uint64" else np.uint64)
    if not zeros:
        while (v == 0).any():
            v[v == 0] = rng.integers(lo, hi, size=int((v == 0).sum()), endpoint=True)
    return v


def gen(dt, shape, dom="any"):
    """Random values of dtype dt and the given shape from the named domain."""
    n = int(np.prod(shape, dtype=np.int64))
    dt = str(dt)
    if dt == "bool":
        if dom in ("ones",):
            v = np.ones(n, bool)
        else:
            v = rng.random(n) < 0.5
        return v.reshape(shape)
    isint = dt in INTS
    bitsz = np.dtype(dt).itemsize * 8
    if dom == "any":
        if isint:
            info = np.iinfo(dt)
            v = _ints(dt, int(info.min), int(info.max), n)
        else:
            v = rng.choice([-1.0, 1.0], n) * 10.0 ** rng.uniform(-2, 2, n)
    elif dom == "small":
        v = _ints(dt, -9, 9, n) if isint else rng.uniform(-5, 5, n)
    elif dom == "tiny":  # few distinct values, so comparisons see ties
        v = _ints(dt, -3, 3, n) if isint else rng.integers(-6, 6, n, endpoint=True) / 2.0
        if not isint:
            v[v == 0] = 1.5
    elif dom == "zeros":  # about zeros: logical ops
        v = _ints(dt, -2, 2, n, zeros=True) if isint else rng.choice([0.0, 0.0, 1.5, -2.25, 3.0], n)
    elif dom == "divisor":
        v = _ints(dt, -20, 20, n) if isint else rng.choice([-1.0, 1.0], n) * 10.0 ** rng.uniform(-1, 1, n)
    elif dom == "pos":
        v = _ints(dt, 1, 100, n) if isint else 10.0 ** rng.uniform(-3, 3, n)
    elif dom == "base":  # power bases
        v = _ints(dt, -6, 6, n) if isint else 10.0 ** rng.uniform(-1, 1, n)
    elif dom == "exponent":
        v = _ints(dt, 0, 5, n, zeros=True) if isint else rng.uniform(-3, 3, n)
    elif dom == "shift":
        v = _ints(dt, 0, bitsz - 1, n, zeros=True) if isint else rng.integers(0, 7, n, endpoint=True)
    elif dom == "shift8":
        v = _ints(dt, 0, 7, n, zeros=True) if isint else rng.integers(0, 7, n, endpoint=True)
    elif dom == "unit":
        v = _ints(dt, -1, 1, n, zeros=True) if isint else rng.uniform(-1, 1, n)
    elif dom == "trig":
        v = _ints(dt, -10, 10, n) if isint else rng.uniform(-10, 10, n)
    elif dom == "hyp":
        v = _ints(dt, -10, 10, n) if isint else rng.uniform(-10, 10, n)
    elif dom == "exparg":
        v = _ints(dt, -10, 10, n) if isint else rng.uniform(-20, 20, n)
    elif dom == "logarg":  # positives plus a zero and a negative
        v = _ints(dt, 1, 1000, n) if isint else 10.0 ** rng.uniform(-3, 3, n)
        if n >= 4:
            v[1] = 0
            if not isint or dt != "uint8":
                v[n - 2] = -3
    elif dom == "log1parg":
        v = _ints(dt, 0, 100, n, zeros=True) if isint else rng.uniform(-0.99, 10, n)
        if n >= 4:
            v[1] = -1
            v[n - 2] = -3 if dt != "uint8" else 5
    elif dom == "sqrtarg":
        v = _ints(dt, 1, 1000, n) if isint else 10.0 ** rng.uniform(-3, 3, n)
        if n >= 4 and dt != "uint8":
            v[2] = -4
    elif dom == "round":  # halves to see ties-to-even, plus random fractions
        if isint:
            v = _ints(dt, -50, 50, n)
        else:
            v = np.where(rng.random(n) < 0.5, rng.integers(-10, 10, n, endpoint=True) + 0.5,
                         rng.uniform(-10, 10, n))
    elif dom == "recip":
        if isint:
            v = rng.choice([-3, -2, -1, 1, 2, 3, 7], n) if dt != "uint8" else rng.choice([1, 2, 3, 7], n)
        else:
            v = rng.choice([-1.0, 1.0], n) * 10.0 ** rng.uniform(-2, 2, n)
    elif dom == "prod":  # factors of products: magnitudes near 1
        if isint:
            v = rng.choice([-2, -1, 1, 2, 3], n) if dt != "uint8" else rng.choice([1, 2, 3], n)
        else:
            v = rng.choice([-1.0, 1.0], n) * rng.uniform(0.5, 1.5, n)
    elif dom == "reduce":  # moderately sized values for sums
        v = _ints(dt, -100, 100, n) if isint else rng.uniform(-10, 10, n)
    else:
        raise ValueError(dom)
    if dt == "uint8" and isint:
        v = np.where(np.asarray(v) < 0, -np.asarray(v), v)
    return np.asarray(v).astype(dt).reshape(shape)


SPECIALS = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.5, 2.0]
SPECIALS_UNARY = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 1e-30, 1e30, 3.5]


# ---------------------------------------------------------------------------- case writing

ALL_IDS = set()  # ids are unique across files: KNOWN_FAILURES.txt names cases by id alone


class Writer:
    def __init__(self, name, title):
        self.name = name
        self.title = title
        self.lines = []
        self.ids = set()
        self.count = 0

    def case(self, cid, op, operands, compute, params="", out=None, where=None, extra_skip=None):
        """Runs compute on the materialised operands in NumPy and records the case."""
        assert cid not in self.ids and cid not in ALL_IDS, cid
        assert "\t" not in cid and " " not in cid and "*" not in cid, cid
        self.ids.add(cid)
        ALL_IDS.add(cid)
        self.count += 1
        lines = ["\t".join(["case", cid, op, params])]
        for o in operands:
            lines.append(o.line())
        if out is not None and out != "alias0":
            lines.append(out.line("out"))
        if where is not None:
            lines.append(where.line("where"))
        vals = [o.view() for o in operands]
        kw = {}
        out_view = None
        if out is not None:
            out_view = vals[0] if out == "alias0" else out.view()
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if out is not None or where is not None:
                    res = compute(*vals, out_view, where.view() if where is not None else None)
                else:
                    res = compute(*vals)
            res = np.asarray(res)
        except Exception as e:  # NumPy's answer is an error
            msg = " ".join(str(e).split())
            lines.append("\t".join(["raises", type(e).__name__, msg]))
            self.lines.extend(lines)
            return
        dt = str(res.dtype)
        if extra_skip:
            lines.append("skip\t" + extra_skip)
        elif dt == "float16":
            ins = ",".join(str(getattr(v, "dtype", type(v).__name__)) for v in vals)
            lines.append("skip\t" + SKIP_FLOAT16.format(op=op, ins=ins))
        elif dt == "uint64":
            lines.append("skip\t" + SKIP_UINT64.format(op=op))
        elif dt not in SUPPORTED:
            raise AssertionError(f"{cid}: unsupported result dtype {dt}")
        lines.append("\t".join(["expect", dt, fmt_shape(res.shape), fmt_values(res)]))
        self.lines.extend(lines)

    def text(self):
        head = [f"# {self.title}",
                f"# Generated by scripts/gen_golden.py with NumPy {np.__version__} (seed {SEED}); "
                "do not edit by hand, rerun the script.",
                "# Format: see the script's docstring. Lines: case/arg/scalar/out/where/expect/raises/skip,",
                "# tab-separated; values space-separated; floats are float.hex, nan, inf, -inf.",
                f"# {self.count} cases."]
        return "\n".join(head + self.lines) + "\n"


def call(name):
    f = getattr(np, name)
    return lambda *a: f(*a)


# ---------------------------------------------------------------------------- ufuncs

# binary ufuncs: (accepted dtypes by our Ufunc, domain of x1, domain of x2)
BINARY = {
    "add": ("any", "any"),
    "subtract": ("any", "any"),
    "multiply": ("any", "any"),
    "divide": ("any", "divisor"),
    "floor_divide": ("any", "divisor"),
    "remainder": ("any", "divisor"),
    "power": ("base", "exponent"),
    "arctan2": ("any", "any"),
    "maximum": ("tiny", "tiny"),
    "minimum": ("tiny", "tiny"),
    "fmax": ("tiny", "tiny"),
    "fmin": ("tiny", "tiny"),
    "equal": ("tiny", "tiny"),
    "not_equal": ("tiny", "tiny"),
    "less": ("tiny", "tiny"),
    "less_equal": ("tiny", "tiny"),
    "greater": ("tiny", "tiny"),
    "greater_equal": ("tiny", "tiny"),
    "logical_and": ("zeros", "zeros"),
    "logical_or": ("zeros", "zeros"),
    "logical_xor": ("zeros", "zeros"),
    "bitwise_and": ("any", "any"),
    "bitwise_or": ("any", "any"),
    "bitwise_xor": ("any", "any"),
    "left_shift": ("any", "shift"),
    "right_shift": ("any", "shift"),
}

UNARY = {
    "negative": "any",
    "absolute": "any",
    "sign": "small",
    "reciprocal": "recip",
    "square": "small",
    "floor": "round",
    "ceil": "round",
    "trunc": "round",
    "rint": "round",
    "exp": "exparg",
    "expm1": "exparg",
    "log": "logarg",
    "log1p": "log1parg",
    "log2": "logarg",
    "log10": "logarg",
    "sqrt": "sqrtarg",
    "cbrt": "any",
    "sin": "trig",
    "cos": "trig",
    "tan": "trig",
    "arcsin": "unit",
    "arccos": "unit",
    "arctan": "any",
    "sinh": "hyp",
    "cosh": "hyp",
    "tanh": "any",
    "invert": "any",
    "logical_not": "zeros",
    "isnan": "any",
    "isinf": "any",
    "isfinite": "any",
}

FLOAT_ONLY_BINARY = {"arctan2"}
BITWISE = {"bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift"}
TRANSCENDENTAL = {"exp", "expm1", "log", "log1p", "log2", "log10", "sqrt", "cbrt", "sin", "cos", "tan",
                  "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "rint"}


def layout_dtypes_binary(op):
    if op in BITWISE:
        return ["int32", "bool"] if op not in ("left_shift", "right_shift") else ["int32", "int16"]
    if op in FLOAT_ONLY_BINARY:
        return ["float64", "float32"]
    return ["float64", "int32"]


def layout_dtypes_unary(op):
    if op == "invert":
        return ["int32", "bool"]
    if op in TRANSCENDENTAL:
        return ["float64", "int16"]
    return ["float64", "int32"]


def shift_dom(op, dt1, dt2):
    return "shift" if dt1 == dt2 else "shift8"


def binary_cases(w):
    for op, (d1, d2) in BINARY.items():
        f = call(op)
        # every dtype, contiguous (3,4) with (3,4)
        for dt in DTYPES:
            dd2 = shift_dom(op, dt, dt) if op in ("left_shift", "right_shift") else d2
            w.case(f"{op}-{dt}", op, [Arr(gen(dt, (3, 4), d1)), Arr(gen(dt, (3, 4), dd2))], f)
        # NaN and infinities against each other: (8,1) with (1,8)
        if op not in BITWISE:
            for dt in FLOATS:
                a = np.array(SPECIALS, dtype=dt).reshape(8, 1)
                w.case(f"{op}-{dt}-special", op, [Arr(a), Arr(a.reshape(1, 8))], f)
        # layouts
        for dt in layout_dtypes_binary(op):
            dd2 = "shift8" if op in ("left_shift", "right_shift") else d2
            g1 = lambda s: gen(dt, s, d1)  # noqa: E731
            g2 = lambda s: gen(dt, s, dd2)  # noqa: E731
            w.case(f"{op}-{dt}-T", op, [Arr(g1((4, 3)), "T"), Arr(g2((3, 4)))], f)
            w.case(f"{op}-{dt}-TT", op, [Arr(g1((2, 3, 4)), "T"), Arr(g2((4, 3, 2)), "T")], f)
            w.case(f"{op}-{dt}-bcast31x14", op, [Arr(g1((3, 1))), Arr(g2((1, 4)))], f)
            w.case(f"{op}-{dt}-bcast4x234", op, [Arr(g1((4,))), Arr(g2((2, 3, 4)))], f)
            w.case(f"{op}-{dt}-bcast234x4", op, [Arr(g1((2, 3, 4))), Arr(g2((4,)))], f)
            w.case(f"{op}-{dt}-bcastview", op, [Arr(g1((4,)), "broadcast(3,4)"), Arr(g2((3, 4)))], f)
            w.case(f"{op}-{dt}-T-reshape", op, [Arr(g1((4, 3)), "T;reshape(2,6)"), Arr(g2((2, 6)))], f)
            w.case(f"{op}-{dt}-empty", op, [Arr(g1((0, 4))), Arr(g2((4,)))], f)
            w.case(f"{op}-{dt}-empty0x1", op, [Arr(g1((0,))), Arr(g2((1,)))], f)
            w.case(f"{op}-{dt}-0d", op, [Arr(g1(())), Arr(g2(()))], f)
            w.case(f"{op}-{dt}-0dx5", op, [Arr(g1(())), Arr(g2((5,)))], f)
            w.case(f"{op}-{dt}-revrev", op, [Arr(g1((3, 4)), "index[::-1, ::-1]"), Arr(g2((3, 4)))], f)
            w.case(f"{op}-{dt}-slice", op, [Arr(g1((4, 8)), "index[1:, ::2]"), Arr(g2((3, 8)), "index[:, ::-2]")], f)
            w.case(f"{op}-{dt}-mismatch", op, [Arr(g1((3,))), Arr(g2((4,)))], f)


def unary_cases(w):
    for op, dom in UNARY.items():
        f = call(op)
        for dt in DTYPES:
            w.case(f"{op}-{dt}", op, [Arr(gen(dt, (3, 4), dom))], f)
        for dt in FLOATS:
            w.case(f"{op}-{dt}-special", op, [Arr(np.array(SPECIALS_UNARY, dtype=dt))], f)
        for dt in layout_dtypes_unary(op):
            g = lambda s: gen(dt, s, dom)  # noqa: E731
            w.case(f"{op}-{dt}-T", op, [Arr(g((4, 3)), "T")], f)
            w.case(f"{op}-{dt}-bcastview", op, [Arr(g((4,)), "broadcast(3,4)")], f)
            w.case(f"{op}-{dt}-empty", op, [Arr(g((0, 3)))], f)
            w.case(f"{op}-{dt}-0d", op, [Arr(g(()))], f)
            w.case(f"{op}-{dt}-rev", op, [Arr(g((12,)), "index[::-1]")], f)
            w.case(f"{op}-{dt}-slice", op, [Arr(g((4, 8)), "index[1:, ::2]")], f)
    # float32 overflow to inf and underflow in float32 results
    w.case("square-float32-overflow", "square", [Arr(np.array([1e20, -3e19, 1e-30, 2.0], np.float32))], call("square"))
    w.case("exp-float32-overflow", "exp", [Arr(np.array([88.0, 89.0, -104.0, -110.0], np.float32))], call("exp"))
    w.case("absolute-int8-min", "absolute", [Arr(np.array([-128, -127, 127, 5], np.int8))], call("absolute"))
    w.case("negative-int8-min", "negative", [Arr(np.array([-128, -127, 127, 5], np.int8))], call("negative"))
    w.case("negative-uint8-wrap", "negative", [Arr(np.array([1, 5, 200, 255], np.uint8))], call("negative"))


def special_int_cases(w):
    """Integer division by zero, the most negative value over -1, shifts past the width."""
    for op in ("floor_divide", "remainder", "divide"):
        for dt in INTS:
            info = np.iinfo(dt)
            a = np.array([7, -7, 0, int(info.max), int(info.min), 5, int(info.min), 3], dtype=dt) \
                if dt != "uint8" else np.array([7, 200, 0, 255, 1, 5, 9, 3], dtype=dt)
            b = np.array([0, 0, 0, 0, 0, -1, -1, 2], dtype=dt) if dt != "uint8" \
                else np.array([0, 0, 0, 0, 0, 1, 255, 2], dtype=dt)
            w.case(f"{op}-{dt}-by-zero", op, [Arr(a), Arr(b)], call(op))
    for op in ("left_shift", "right_shift"):
        for dt in INTS:
            bw = np.dtype(dt).itemsize * 8
            vals = [1, 5, -3, -128, 127] if dt != "uint8" else [1, 5, 200, 128, 255]
            counts = [0, 1, bw - 1, bw, bw + 3, 100, -1] if dt != "uint8" else [0, 1, bw - 1, bw, bw + 3, 100, 255]
            a = np.array(vals, dtype=dt).reshape(5, 1)
            b = np.array(counts, dtype=dt).reshape(1, 7)
            w.case(f"{op}-{dt}-past-width", op, [Arr(a), Arr(b)], call(op))
    # negative integer powers are refused; power with negative float bases
    w.case("power-int32-negative-exponent", "power",
           [Arr(np.array([2, 3, 4], np.int32)), Arr(np.array([1, -1, 2], np.int32))], call("power"))
    w.case("power-float64-negative-base", "power",
           [Arr(np.array([-2.0, -0.5, -3.0, -1.0], np.float64).reshape(4, 1)),
            Arr(np.array([2.0, 3.0, -1.0, 0.5], np.float64).reshape(1, 4))], call("power"))
    w.case("power-int64-wrap", "power",
           [Arr(np.array([3, -3, 7, 2], np.int64)), Arr(np.array([40, 41, 30, 63], np.int64))], call("power"))
    w.case("multiply-int64-wrap", "multiply",
           [Arr(np.array([2 ** 62, -(2 ** 62), 3037000500, 12345678901], np.int64)),
            Arr(np.array([4, 3, 3037000500, 98765432109], np.int64))], call("multiply"))
    w.case("add-uint8-wrap", "add", [Arr(np.array([200, 255, 1], np.uint8)), Arr(np.array([100, 1, 255], np.uint8))],
           call("add"))
    w.case("subtract-uint8-wrap", "subtract",
           [Arr(np.array([1, 0, 100], np.uint8)), Arr(np.array([2, 255, 101], np.uint8))], call("subtract"))
    w.case("reciprocal-int32-fractions", "reciprocal", [Arr(np.array([1, -1, 2, -2, 3, 100], np.int32))], call("reciprocal"))
    w.case("sign-float64-nan", "sign", [Arr(np.array([np.nan, -0.0, 0.0, -np.inf, np.inf, -2.0]))], call("sign"))
    w.case("rint-float64-halves", "rint", [Arr(np.array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 4503599627370495.5]))],
           call("rint"))
    w.case("isnan-int32-small", "isnan", [Arr(np.array([1, 2, 3], np.int32))], call("isnan"))


# Java weak scalars (NEP 50): value of the scalar per op and kind
SCALAR_VALUES = {
    "power": {"int": 3, "float": 1.5, "bool": True},
    "left_shift": {"int": 3, "float": 1.5, "bool": True},
    "right_shift": {"int": 3, "float": 1.5, "bool": True},
    "divide": {"int": 7, "float": -2.5, "bool": True},
    "floor_divide": {"int": -7, "float": 2.5, "bool": True},
    "remainder": {"int": -7, "float": 2.5, "bool": True},
}


def scalar_cases(w):
    """Every binary ufunc with a Java int, float and bool scalar, on every dtype."""
    for op, (d1, d2) in BINARY.items():
        f = call(op)
        vals = SCALAR_VALUES.get(op, {"int": 3, "float": 1.5, "bool": True})
        for dt in DTYPES:
            a = gen(dt, (2, 3), d1)
            for kind in ("int", "float", "bool"):
                w.case(f"{op}-{dt}-{kind}", op, [Arr(a), Scalar(kind, vals[kind])], f)
        # scalar on the left
        for dt in ("int16", "float32"):
            a = gen(dt, (2, 3), d2 if op not in ("left_shift", "right_shift") else "shift8")
            for kind in ("int", "float"):
                w.case(f"{op}-{kind}-{dt}", op, [Scalar(kind, vals[kind]), Arr(a)], f)
    # NEP 50 corner cases
    cases = [
        ("add", "int8", "int", 1000), ("add", "int8", "int", 127), ("add", "int8", "int", -129),
        ("add", "uint8", "int", -1), ("add", "uint8", "int", 255), ("add", "uint8", "int", 256),
        ("add", "int16", "int", 300), ("add", "int32", "int", 2 ** 31), ("add", "int32", "int", -(2 ** 31)),
        ("add", "int64", "int", 2 ** 62), ("add", "float32", "float", 1.5), ("add", "float32", "int", 2 ** 40),
        ("multiply", "float32", "float", 1e300), ("add", "float32", "float", 1e-50), ("add", "int32", "float", 1.5),
        ("add", "bool", "int", 1), ("add", "bool", "bool", True), ("add", "bool", "float", 0.5),
        ("multiply", "int8", "bool", False), ("subtract", "bool", "bool", True), ("subtract", "bool", "int", 1),
        ("less", "int8", "int", 1000), ("equal", "uint8", "int", -1), ("greater", "int16", "int", -40000),
        ("maximum", "uint8", "int", 300), ("bitwise_and", "uint8", "int", -1),
        ("left_shift", "int8", "float", 1.0), ("divide", "int8", "int", 2), ("divide", "float32", "int", 3),
        ("power", "int8", "int", -1), ("power", "float32", "int", -1), ("floor_divide", "uint8", "int", 0),
    ]
    for op, dt, kind, v in cases:
        a = gen(dt, (4,), "small" if dt != "bool" else "any")
        vs = str(v).replace("-", "m").replace(".", "p").replace("+", "")
        w.case(f"nep50-{op}-{dt}-{kind}-{vs}", op, [Arr(a), Scalar(kind, v)], call(op))
    # two scalars
    for op, k1, v1, k2, v2 in [("add", "int", 1, "float", 2.5), ("add", "int", 2, "int", 3), ("add", "bool", True, "bool", True),
                               ("multiply", "bool", True, "int", 4), ("divide", "int", 7, "int", 2),
                               ("less", "float", 1.5, "int", 2)]:
        w.case(f"scalars-{op}-{k1}-{k2}", op, [Scalar(k1, v1), Scalar(k2, v2)], call(op))


PAIR_OPS_ALL = ["add", "multiply", "divide", "maximum", "less", "equal", "bitwise_or", "floor_divide", "power",
                "left_shift"]
SOME_PAIRS = [("int8", "uint8"), ("uint8", "int8"), ("int16", "float32"), ("int32", "float32"),
              ("int64", "float64"), ("bool", "int8"), ("float32", "float64"), ("uint8", "int64"),
              ("bool", "float32"), ("int64", "float32"), ("uint8", "int16"), ("int8", "int32")]


def promotion_cases(w):
    for op in BINARY:
        d1, d2 = BINARY[op]
        pairs = [(a, b) for a in DTYPES for b in DTYPES if a != b] if op in PAIR_OPS_ALL else SOME_PAIRS
        for t1, t2 in pairs:
            dd2 = "shift8" if op in ("left_shift", "right_shift") else d2
            w.case(f"{op}-{t1}.{t2}", op, [Arr(gen(t1, (2, 3), d1)), Arr(gen(t2, (2, 3), dd2))], call(op))
    # 0-d arrays are strong (NEP 50), unlike Java scalars
    for t1, t2 in [("int8", "int64"), ("float32", "float64"), ("uint8", "int8"), ("int32", "float32"), ("bool", "int16")]:
        w.case(f"add-{t1}.{t2}-0d", "add", [Arr(gen(t1, (3,), "small")), Arr(gen(t2, (), "small"))], call("add"))
    # transcendental functions of mixed and integer inputs
    for t in DTYPES:
        w.case(f"arctan2-mixed-{t}.float32", "arctan2", [Arr(gen(t, (4,), "small")), Arr(gen("float32", (4,), "small"))],
               call("arctan2"))


# ---------------------------------------------------------------------------- out= / where=, clip, where

def out_where_cases(w):
    def ufunc_into(name):
        f = getattr(np, name)

        def run(*args):
            *ops, out, where = args
            if where is None:
                return f(*ops, out=out)
            return f(*ops, out=out, where=where)
        return run

    for op in ("add", "multiply", "subtract", "maximum", "divide", "power"):
        d1, d2 = BINARY[op]
        for dt in ("float64", "int32", "float32"):
            a, b = gen(dt, (3, 4), d1), gen(dt, (3, 4), d2)
            res_dt = np.result_type(np.dtype(dt), np.dtype(dt)) if op != "divide" else (
                np.dtype("float64") if dt == "int32" else np.dtype(dt))
            o = gen(str(res_dt), (3, 4), "small")
            m = gen("bool", (3, 4))
            w.case(f"{op}-{dt}-out-where", op, [Arr(a), Arr(b)], ufunc_into(op), out=Arr(o), where=Arr(m))
            w.case(f"{op}-{dt}-out", op, [Arr(a), Arr(b)], ufunc_into(op), out=Arr(o))
    f = ufunc_into
    g = gen
    w.case("add-float64-out-where-bcast", "add", [Arr(g("float64", (3, 4))), Arr(g("float64", (4,)))], f("add"),
           out=Arr(g("float64", (3, 4))), where=Arr(g("bool", (4,))))
    w.case("add-float64-out-T", "add", [Arr(g("float64", (3, 4))), Arr(g("float64", (3, 4)))], f("add"),
           out=Arr(g("float64", (4, 3)), "T"), where=Arr(g("bool", (3, 4))))
    w.case("add-int32-out-float64", "add", [Arr(g("int32", (3, 4))), Arr(g("int32", (3, 4)))], f("add"),
           out=Arr(g("float64", (3, 4))), where=Arr(g("bool", (3, 4))))
    w.case("add-int32-out-int8", "add", [Arr(g("int32", (3, 4), "small")), Arr(g("int32", (3, 4), "small"))],
           f("add"), out=Arr(g("int8", (3, 4), "small")))
    w.case("divide-float64-out-float32", "divide", [Arr(g("float64", (3, 4))), Arr(g("float64", (3, 4)))], f("divide"),
           out=Arr(g("float32", (3, 4))), where=Arr(g("bool", (3, 4))))
    w.case("add-float64-out-int32", "add", [Arr(g("float64", (3, 4))), Arr(g("float64", (3, 4)))], f("add"),
           out=Arr(g("int32", (3, 4))))
    w.case("divide-int32-out-int32", "divide", [Arr(g("int32", (3, 4))), Arr(g("int32", (3, 4)))], f("divide"),
           out=Arr(g("int32", (3, 4))))
    w.case("less-float64-out-bool", "less", [Arr(g("float64", (3, 4), "tiny")), Arr(g("float64", (3, 4), "tiny"))],
           f("less"), out=Arr(g("bool", (3, 4))), where=Arr(g("bool", (3, 4))))
    w.case("less-float64-out-float64", "less", [Arr(g("float64", (3, 4), "tiny")), Arr(g("float64", (3, 4), "tiny"))],
           f("less"), out=Arr(g("float64", (3, 4))))
    w.case("add-float64-out-wrongshape", "add", [Arr(g("float64", (3, 4))), Arr(g("float64", (3, 4)))], f("add"),
           out=Arr(g("float64", (4, 3))))
    w.case("add-float64-out-bcastshape", "add", [Arr(g("float64", (3, 4))), Arr(g("float64", (3, 4)))], f("add"),
           out=Arr(g("float64", (1, 4))))
    w.case("add-float64-out-bigger", "add", [Arr(g("float64", (4,))), Arr(g("float64", (4,)))], f("add"),
           out=Arr(g("float64", (3, 4))))
    w.case("add-float64-out-alias", "add", [Arr(g("float64", (3, 4))), Arr(g("float64", (3, 4)))], f("add"),
           out="alias0", params="out=arg0")
    w.case("add-float64-out-alias-where", "add", [Arr(g("float64", (3, 4))), Arr(g("float64", (4,)))], f("add"),
           out="alias0", where=Arr(g("bool", (3, 4))), params="out=arg0")
    w.case("add-float64-out-alias-T", "add", [Arr(g("float64", (3, 3)), "T"), Arr(g("float64", (3, 3)))], f("add"),
           out="alias0", params="out=arg0")
    w.case("sqrt-float64-out-where", "sqrt", [Arr(g("float64", (3, 4), "pos"))], f("sqrt"),
           out=Arr(g("float64", (3, 4))), where=Arr(g("bool", (3, 4))))
    w.case("negative-int16-out-where", "negative", [Arr(g("int16", (3, 4)))], f("negative"),
           out=Arr(g("int16", (3, 4))), where=Arr(g("bool", (3, 4))))
    w.case("add-float64-where-int", "add", [Arr(g("float64", (3, 4))), Arr(g("float64", (3, 4)))], f("add"),
           out=Arr(g("float64", (3, 4))), where=Arr(g("int8", (3, 4), "zeros")))
    w.case("add-float64-out-where-0d", "add", [Arr(g("float64", ())), Arr(g("float64", ()))], f("add"),
           out=Arr(g("float64", ())), where=Arr(np.array(True)))
    w.case("add-float64-out-empty", "add", [Arr(g("float64", (0, 4))), Arr(g("float64", (4,)))], f("add"),
           out=Arr(g("float64", (0, 4))), where=Arr(g("bool", (4,))))
    w.case("add-float64-out-where-scalar", "add", [Arr(g("float64", (3, 4))), Scalar("float", 2.5)], f("add"),
           out=Arr(g("float64", (3, 4))), where=Arr(g("bool", (3, 1))))


def clip_where_cases(w):
    clip = lambda a, lo, hi: np.clip(a, lo, hi)  # noqa: E731
    g = gen
    w.case("clip-float64-scalars", "clip", [Arr(g("float64", (3, 4), "small")), Scalar("float", -1.5), Scalar("float", 2.0)], clip)
    w.case("clip-float64-nan", "clip", [Arr(np.array([np.nan, 1.0, -5.0, 5.0, np.inf, -np.inf])), Scalar("float", -1.5),
                                          Scalar("float", 2.0)], clip)
    w.case("clip-float64-lo-gt-hi", "clip", [Arr(g("float64", (5,), "small")), Scalar("float", 2.0), Scalar("float", -1.0)], clip)
    w.case("clip-int8-ints", "clip", [Arr(g("int8", (3, 4))), Scalar("int", -50), Scalar("int", 60)], clip)
    w.case("clip-int8-floats", "clip", [Arr(g("int8", (3, 4), "small")), Scalar("float", -2.5), Scalar("float", 3.5)], clip)
    w.case("clip-int8-out-of-range", "clip", [Arr(g("int8", (3, 4))), Scalar("int", -1000), Scalar("int", 60)], clip)
    w.case("clip-uint8-ints", "clip", [Arr(g("uint8", (3, 4))), Scalar("int", 10), Scalar("int", 200)], clip)
    w.case("clip-float32-arrays", "clip", [Arr(g("float32", (3, 4), "small")), Arr(g("float32", (4,), "small")),
                                            Arr(g("float32", (3, 1), "small") + np.float32(3))], clip)
    w.case("clip-int32-float64-arrays", "clip", [Arr(g("int32", (3, 4), "small")), Arr(g("float64", (3, 1), "small")),
                                                  Scalar("int", 4)], clip)
    w.case("clip-int64-T", "clip", [Arr(g("int64", (4, 3), "small"), "T"), Scalar("int", -3), Scalar("int", 3)], clip)
    w.case("clip-bool", "clip", [Arr(g("bool", (6,))), Scalar("bool", False), Scalar("bool", True)], clip)
    w.case("clip-float64-empty", "clip", [Arr(g("float64", (0,))), Scalar("float", 0.0), Scalar("float", 1.0)], clip)

    where = lambda c, x, y: np.where(c, x, y)  # noqa: E731
    for t in DTYPES:
        w.case(f"where-bool-{t}", "where", [Arr(g("bool", (3, 4))), Arr(g(t, (3, 4))), Arr(g(t, (3, 4)))], where)
    for t1, t2 in [("int8", "uint8"), ("int32", "float32"), ("float32", "float64"), ("bool", "int64"), ("int16", "float32")]:
        w.case(f"where-bool-{t1}.{t2}", "where", [Arr(g("bool", (3, 4))), Arr(g(t1, (3, 4))), Arr(g(t2, (3, 4)))], where)
    w.case("where-bcast", "where", [Arr(g("bool", (3, 1))), Arr(g("float64", (4,))), Arr(g("float64", ()))], where)
    w.case("where-int-cond", "where", [Arr(g("int32", (3, 4), "zeros")), Arr(g("int32", (3, 4))), Arr(g("int32", (3, 4)))], where)
    w.case("where-float-cond", "where", [Arr(np.array([0.0, np.nan, -0.0, 2.5, 0.0, -1.0])), Arr(g("float64", (6,))),
                                          Arr(g("float64", (6,)))], where)
    w.case("where-scalars", "where", [Arr(g("bool", (3, 4))), Scalar("int", 1), Scalar("float", 2.5)], where)
    w.case("where-int-scalars", "where", [Arr(g("bool", (3, 4))), Scalar("int", 1), Scalar("int", -2)], where)
    w.case("where-int8-scalar", "where", [Arr(g("bool", (3, 4))), Arr(g("int8", (3, 4))), Scalar("int", 5)], where)
    w.case("where-float32-scalar", "where", [Arr(g("bool", (3, 4))), Scalar("float", 0.1), Arr(g("float32", (3, 4)))], where)
    w.case("where-T", "where", [Arr(g("bool", (4, 3)), "T"), Arr(g("int64", (4, 3)), "T"), Arr(g("int64", (3, 4)))], where)
    w.case("where-mismatch", "where", [Arr(g("bool", (3,))), Arr(g("int64", (4,))), Arr(g("int64", (3,)))], where)
    w.case("where-empty", "where", [Arr(g("bool", (0, 2))), Arr(g("int64", (2,))), Arr(g("int64", (0, 1)))], where)


# ---------------------------------------------------------------------------- reductions

def power_reduce(a, ax, kd):
    """np.power.reduce, with a workaround for a NumPy bug.

    NumPy 2.4 returns a[0] ** a[-1] for np.power.reduce of a float array, skipping the
    elements between (np.power.reduce(np.array([2., 3., 2.])) gives 4.0, not 64.0; integer
    arrays are right). Where NumPy's own reduce and a left fold of np.power differ on floats,
    the fold (NumPy's elementwise power, applied in reduce's order) is the expected value.
    """
    r = np.power.reduce(a, axis=ax, keepdims=kd)  # raises where NumPy raises
    if a.dtype.kind != "f" or not isinstance(ax, int):
        return r
    m = np.moveaxis(a, ax, 0)
    acc = m[0]
    for k in range(1, m.shape[0]):
        acc = np.power(acc, m[k])
    if kd:
        acc = np.expand_dims(acc, ax)
    if not np.array_equal(r, acc, equal_nan=True):
        POWER_REDUCE_FIXED.append(1)
    return acc.astype(r.dtype)


POWER_REDUCE_FIXED = []

AXES_3D = [None, 0, 1, 2, -1, -2, -3, (0, 2), (0, 1, 2), (2, 0), (-1, 0)]


def axis_param(ax):
    if ax is None:
        return "axis=None"
    if isinstance(ax, tuple):
        return "axis=" + ",".join(str(a) for a in ax)
    return "axis=%d" % ax


def axis_id(ax):
    if ax is None:
        return "None"
    if isinstance(ax, tuple):
        return "_".join(str(a) for a in ax).replace("-", "m")
    return str(ax).replace("-", "m")


def reduction_cases(w):
    def red(name, ax, keepdims, ddof=None):
        f = getattr(np, name)
        kw = {"axis": ax}
        if keepdims is not None:
            kw["keepdims"] = keepdims
        if ddof is not None:
            kw["ddof"] = ddof
        return lambda a: f(a, **kw)

    def params(ax, keepdims=None, ddof=None):
        p = [axis_param(ax)]
        if keepdims is not None:
            p.append("keepdims=%d" % keepdims)
        if ddof is not None:
            p.append("ddof=%d" % ddof)
        return " ".join(p)

    full_dtypes = ["float64", "float32", "int32"]
    for name in ("sum", "prod", "mean", "var", "std", "min", "max"):
        dom = "prod" if name == "prod" else "reduce"
        ddofs = [0, 1] if name in ("var", "std") else [None]
        for dt in DTYPES:
            a = gen(dt, (2, 3, 4), dom)
            axes = AXES_3D if dt in full_dtypes else [None, 1, (0, 2)]
            for ax in axes:
                for kd in (False, True):
                    if dt not in full_dtypes and kd and ax != 1:
                        continue
                    for ddof in ddofs:
                        cid = f"{name}-{dt}-ax{axis_id(ax)}" + ("-kd" if kd else "") + (f"-ddof{ddof}" if ddof else "")
                        w.case(cid, name, [Arr(a)], red(name, ax, kd, ddof), params=params(ax, int(kd), ddof))
        # layouts
        a = gen("float64", (4, 3), dom)
        w.case(f"{name}-float64-T-ax0", name, [Arr(a, "T")], red(name, 0, False, ddofs[-1]), params=params(0, 0, ddofs[-1]))
        w.case(f"{name}-float64-bcastview-axNone", name, [Arr(gen("float64", (4,), dom), "broadcast(3,4)")],
               red(name, None, False, ddofs[-1]), params=params(None, 0, ddofs[-1]))
        w.case(f"{name}-float64-rev-ax1", name, [Arr(a, "index[::-1, ::-2]")], red(name, 1, False, ddofs[-1]),
               params=params(1, 0, ddofs[-1]))
        w.case(f"{name}-float64-0d", name, [Arr(gen("float64", (), dom))], red(name, None, False, ddofs[-1]),
               params=params(None, 0, ddofs[-1]))
        w.case(f"{name}-int16-1d", name, [Arr(gen("int16", (7,), dom))], red(name, 0, False, ddofs[-1]),
               params=params(0, 0, ddofs[-1]))
        # float32 over many elements (pairwise summation in both)
        big = gen("float32", (1000,), dom)
        w.case(f"{name}-float32-1000", name, [Arr(big)], red(name, None, False, ddofs[-1]), params=params(None, 0, ddofs[-1]))
        big2 = gen("float32", (3, 300), dom)
        w.case(f"{name}-float32-3x300-ax1", name, [Arr(big2)], red(name, 1, False, ddofs[-1]), params=params(1, 0, ddofs[-1]))
        w.case(f"{name}-float32-3x300-ax0", name, [Arr(big2)], red(name, 0, False, ddofs[-1]), params=params(0, 0, ddofs[-1]))
        # empty reductions: identity, NaN or NumPy's error
        e = gen("float64", (0, 3), dom)
        for ax in (None, 0, 1):
            w.case(f"{name}-float64-empty-ax{axis_id(ax)}", name, [Arr(e)], red(name, ax, False, ddofs[-1]),
                   params=params(ax, 0, ddofs[-1]))
        w.case(f"{name}-int32-empty-axNone", name, [Arr(gen("int32", (0,), dom))], red(name, None, False, ddofs[-1]),
               params=params(None, 0, ddofs[-1]))
        # NaN propagation and infinities
        x = gen("float64", (3, 4), dom)
        x[1, 2] = np.nan
        x[2, 0] = np.inf
        for ax in (None, 0, 1):
            w.case(f"{name}-float64-nan-ax{axis_id(ax)}", name, [Arr(x)], red(name, ax, False, ddofs[-1]),
                   params=params(ax, 0, ddofs[-1]))
        xi = gen("float32", (3, 4), dom)
        xi[0, 1] = np.inf
        xi[2, 3] = -np.inf
        w.case(f"{name}-float32-inf-ax1", name, [Arr(xi)], red(name, 1, False, ddofs[-1]), params=params(1, 0, ddofs[-1]))
        # axis errors
        w.case(f"{name}-float64-axis-out-of-range", name, [Arr(x)], red(name, 2, False, ddofs[-1]), params=params(2, 0, ddofs[-1]))
        w.case(f"{name}-float64-axis-repeated", name, [Arr(x)], red(name, (0, -2), False, ddofs[-1]),
               params=params((0, -2), 0, ddofs[-1]))
    # ddof beyond the count
    for ddof in (2, 3, 5):
        w.case(f"var-float64-ddof{ddof}-n3", "var", [Arr(gen("float64", (3,), "reduce"))], red("var", None, False, ddof),
               params=params(None, 0, ddof))
    w.case("std-float64-ddof1-n1", "std", [Arr(gen("float64", (1,), "reduce"))], red("std", None, False, 1),
           params=params(None, 0, 1))
    w.case("max-float64-nan-first", "max", [Arr(np.array([1.0, np.nan, 5.0, np.nan, -np.inf]))], red("max", None, False),
           params=params(None, 0))
    w.case("min-float32-neg-inf", "min", [Arr(np.array([1.0, -np.inf, 5.0], np.float32))], red("min", None, False),
           params=params(None, 0))
    w.case("sum-int64-wrap", "sum", [Arr(np.array([2 ** 62, 2 ** 62, 2 ** 62], np.int64))], red("sum", None, False),
           params=params(None, 0))
    w.case("sum-int8-widen", "sum", [Arr(np.full((40,), 100, np.int8))], red("sum", None, False), params=params(None, 0))
    w.case("prod-int64-wrap", "prod", [Arr(np.array([2 ** 40, 2 ** 30, 3], np.int64))], red("prod", None, False),
           params=params(None, 0))

    # arg reductions: first occurrence, first NaN
    def arg(name, ax):
        f = getattr(np, name)
        return lambda a: f(a, axis=ax)
    for name in ("argmax", "argmin"):
        for dt in DTYPES:
            a = gen(dt, (2, 3, 4), "tiny")
            for ax in [None, 0, 1, 2, -1] if dt in ("float64", "int32", "bool") else [None, 1]:
                w.case(f"{name}-{dt}-ax{axis_id(ax)}", name, [Arr(a)], arg(name, ax), params=axis_param(ax))
        x = gen("float64", (3, 4), "tiny")
        x[1, 1] = np.nan
        x[1, 3] = np.nan
        x[2, 2] = np.inf
        x[0, 0] = -np.inf
        for ax in (None, 0, 1):
            w.case(f"{name}-float64-nan-ax{axis_id(ax)}", name, [Arr(x)], arg(name, ax), params=axis_param(ax))
        w.case(f"{name}-float64-T-ax1", name, [Arr(gen("float64", (4, 3)), "T")], arg(name, 1), params="axis=1")
        w.case(f"{name}-float64-rev", name, [Arr(gen("float64", (7,), "tiny"), "index[::-1]")], arg(name, None),
               params="axis=None")
        w.case(f"{name}-float64-empty", name, [Arr(gen("float64", (0,)))], arg(name, None), params="axis=None")
        w.case(f"{name}-float64-empty-ax0", name, [Arr(gen("float64", (0, 3)))], arg(name, 0), params="axis=0")
        w.case(f"{name}-float64-empty-ax1", name, [Arr(gen("float64", (0, 3)))], arg(name, 1), params="axis=1")
        w.case(f"{name}-float64-0d", name, [Arr(gen("float64", ()))], arg(name, None), params="axis=None")
        w.case(f"{name}-float64-axis-out-of-range", name, [Arr(x)], arg(name, 2), params="axis=2")
        w.case(f"{name}-int64-ties", name, [Arr(np.array([3, 7, 7, 1, 7, 1], np.int64))], arg(name, None),
               params="axis=None")

    # any / all (no keepdims in the Java API)
    for name in ("any", "all"):
        for dt in DTYPES:
            a = gen(dt, (2, 3, 4), "zeros")
            if dt == "bool":
                a = rng.random((2, 3, 4)) < 0.8 if name == "all" else rng.random((2, 3, 4)) < 0.2
            for ax in [None, 0, 1, 2, -1, (0, 2)] if dt in ("bool", "float64", "int32") else [None, 1]:
                w.case(f"{name}-{dt}-ax{axis_id(ax)}", name, [Arr(a)], red(name, ax, None), params=axis_param(ax))
        w.case(f"{name}-float64-nan", name, [Arr(np.array([0.0, np.nan, 0.0]))], red(name, None, None), params="axis=None")
        w.case(f"{name}-float64-empty", name, [Arr(gen("float64", (0, 3)))], red(name, None, None), params="axis=None")
        w.case(f"{name}-float64-empty-ax1", name, [Arr(gen("float64", (0, 3)))], red(name, 1, None), params="axis=1")
        w.case(f"{name}-bool-T-ax0", name, [Arr(gen("bool", (4, 3)), "T")], red(name, 0, None), params="axis=0")

    # cumulative sums and products
    def cum(name, ax):
        f = getattr(np, name)
        return lambda a: f(a, axis=ax)
    for name in ("cumsum", "cumprod"):
        dom = "prod" if name == "cumprod" else "reduce"
        for dt in DTYPES:
            a = gen(dt, (2, 3, 4), dom)
            for ax in [None, 0, 1, 2, -1, -3] if dt in ("float64", "float32", "int32") else [None, 1]:
                w.case(f"{name}-{dt}-ax{axis_id(ax)}", name, [Arr(a)], cum(name, ax), params=axis_param(ax))
        x = gen("float64", (3, 4), dom)
        x[1, 1] = np.nan
        w.case(f"{name}-float64-nan-ax1", name, [Arr(x)], cum(name, 1), params="axis=1")
        w.case(f"{name}-float64-T-ax1", name, [Arr(gen("float64", (4, 3), dom), "T")], cum(name, 1), params="axis=1")
        w.case(f"{name}-float64-empty", name, [Arr(gen("float64", (0, 3), dom))], cum(name, None), params="axis=None")
        w.case(f"{name}-float64-empty-ax1", name, [Arr(gen("float64", (0, 3), dom))], cum(name, 1), params="axis=1")
        w.case(f"{name}-float64-0d", name, [Arr(gen("float64", (), dom))], cum(name, None), params="axis=None")
        w.case(f"{name}-float64-axis-out-of-range", name, [Arr(x)], cum(name, 2), params="axis=2")
        w.case(f"{name}-float32-500", name, [Arr(gen("float32", (500,), dom))], cum(name, None), params="axis=None")

    # the ufunc methods: reduce (keepdims), accumulate, outer
    def ureduce(op, ax, kd):
        f = getattr(np, op)
        if op == "power":
            return lambda a: power_reduce(a, ax, kd)
        return lambda a: f.reduce(a, axis=ax, keepdims=kd)
    for op in ("add", "multiply", "maximum", "minimum", "fmax", "fmin", "logical_and", "logical_or", "logical_xor",
               "bitwise_and", "bitwise_or", "bitwise_xor", "subtract", "divide", "floor_divide", "power"):
        dom = {"multiply": "prod", "logical_and": "zeros", "logical_or": "zeros", "logical_xor": "zeros",
               "divide": "divisor", "floor_divide": "divisor", "power": "exponent"}.get(op, "reduce")
        dts = ["float64", "int32", "bool", "int8", "uint8", "float32"]
        if op in BITWISE:
            dts = ["int32", "bool", "uint8", "int64"]
        for dt in dts:
            a = gen(dt, (3, 4), dom)
            if op == "power" and dt.startswith("float"):
                a = np.abs(a) + np.asarray(0.5, a.dtype)
            for ax, kd in ((None, False), (0, False), (1, True), (-1, False), ((0, 1), True)):
                w.case(f"{op}.reduce-{dt}-ax{axis_id(ax)}" + ("-kd" if kd else ""), f"{op}.reduce", [Arr(a)],
                       ureduce(op, ax, kd), params=f"{axis_param(ax)} keepdims={int(kd)}")
        w.case(f"{op}.reduce-float64-empty", f"{op}.reduce", [Arr(gen("float64", (0,), dom))] if op not in BITWISE
               else [Arr(gen("int32", (0,), dom))], ureduce(op, 0, False), params="axis=0 keepdims=0")
        w.case(f"{op}.reduce-float64-T", f"{op}.reduce", [Arr(gen("float64" if op not in BITWISE else "int32", (4, 3), dom), "T")],
               ureduce(op, 1, False), params="axis=1 keepdims=0")

    def uacc(op, ax):
        f = getattr(np, op)
        return lambda a: f.accumulate(a, axis=ax)
    for op in ("add", "multiply", "maximum", "minimum", "subtract", "logical_or", "bitwise_xor"):
        dom = {"multiply": "prod", "logical_or": "zeros"}.get(op, "reduce")
        for dt in (["float64", "int32", "bool", "int8", "float32"] if op != "bitwise_xor" else ["int32", "bool"]):
            a = gen(dt, (3, 4), dom)
            for ax in (0, 1, -1):
                w.case(f"{op}.accumulate-{dt}-ax{axis_id(ax)}", f"{op}.accumulate", [Arr(a)], uacc(op, ax),
                       params=axis_param(ax))

    for op in ("logical_and", "logical_xor"):
        for dt in ("bool", "float64"):
            w.case(f"{op}.accumulate-{dt}-ax1", f"{op}.accumulate", [Arr(gen(dt, (3, 4), "zeros"))], uacc(op, 1),
                   params="axis=1")
    xn = gen("float64", (3, 4), "reduce")
    xn[0, 1] = np.nan
    xn[2, 3] = np.nan
    xn[1, :] = np.nan
    for op in ("maximum", "minimum", "fmax", "fmin", "add"):
        w.case(f"{op}.reduce-float64-nan-ax1", f"{op}.reduce", [Arr(xn)], ureduce(op, 1, False), params="axis=1 keepdims=0")
        w.case(f"{op}.reduce-float64-nan-ax0", f"{op}.reduce", [Arr(xn)], ureduce(op, 0, False), params="axis=0 keepdims=0")
        if op != "add":
            w.case(f"{op}.accumulate-float64-nan-ax1", f"{op}.accumulate", [Arr(xn)], uacc(op, 1), params="axis=1")

    def uouter(op):
        f = getattr(np, op)
        return lambda a, b: f.outer(a, b)
    for op in ("add", "multiply", "subtract", "less", "maximum", "power"):
        d1, d2 = BINARY[op]
        for t1, t2 in (("float64", "float64"), ("int32", "int32"), ("int8", "float32")):
            w.case(f"{op}.outer-{t1}.{t2}", f"{op}.outer", [Arr(gen(t1, (3,), d1)), Arr(gen(t2, (2, 2), d2))], uouter(op))
        w.case(f"{op}.outer-float64-0d", f"{op}.outer", [Arr(gen("float64", (), d1)), Arr(gen("float64", (4,), d2))], uouter(op))


# ---------------------------------------------------------------------------- matmul / dot

def matmul_cases(w):
    mm = lambda a, b: np.matmul(a, b)  # noqa: E731
    dot = lambda a, b: np.dot(a, b)  # noqa: E731
    g = lambda t, s: gen(t, s, "small" if t != "bool" else "any")  # noqa: E731
    for t in DTYPES:
        w.case(f"matmul-{t}-2d", "matmul", [Arr(g(t, (3, 4))), Arr(g(t, (4, 2)))], mm)
        w.case(f"matmul-{t}-batched", "matmul", [Arr(g(t, (2, 3, 4))), Arr(g(t, (2, 4, 5)))], mm)
    w.case("matmul-int8-wrap", "matmul", [Arr(gen("int8", (2, 5), "any")), Arr(gen("int8", (5, 3), "any"))], mm)
    w.case("matmul-uint8-wrap", "matmul", [Arr(gen("uint8", (2, 5), "any")), Arr(gen("uint8", (5, 3), "any"))], mm)
    for t1, t2 in [("int8", "float32"), ("int32", "float64"), ("bool", "int16"), ("int8", "uint8"), ("float32", "float64"),
                   ("int64", "float32"), ("bool", "float64")]:
        w.case(f"matmul-{t1}.{t2}", "matmul", [Arr(g(t1, (3, 4))), Arr(g(t2, (4, 2)))], mm)
    for t in ("float64", "int64", "float32"):
        shapes = [((4,), (4,)), ((4,), (4, 3)), ((3, 4), (4,)), ((2, 3, 4), (4,)), ((4,), (2, 4, 3)),
                  ((2, 1, 3, 4), (5, 4, 2)), ((3, 4), (2, 4, 5)), ((2, 3, 4), (4, 5)), ((1, 3, 4), (2, 4, 2)),
                  ((0, 4), (4, 3)), ((3, 0), (0, 2)), ((2, 0, 3, 4), (4, 2)), ((1, 1), (1, 1))]
        for s1, s2 in shapes:
            sid = "x".join("_".join(map(str, s)) or "0d" for s in (s1, s2))
            w.case(f"matmul-{t}-{sid}", "matmul", [Arr(g(t, s1)), Arr(g(t, s2))], mm)
        w.case(f"matmul-{t}-T", "matmul", [Arr(g(t, (4, 3)), "T"), Arr(g(t, (2, 4)), "T")], mm)
        w.case(f"matmul-{t}-rev", "matmul", [Arr(g(t, (3, 4)), "index[::-1]"), Arr(g(t, (4, 6)), "index[:, ::-2]")], mm)
        w.case(f"matmul-{t}-bcastview", "matmul", [Arr(g(t, (3, 4)), "broadcast(2,3,4)"), Arr(g(t, (2, 4, 2)))], mm)
    w.case("matmul-float32-k64", "matmul", [Arr(gen("float32", (5, 64), "small")), Arr(gen("float32", (64, 7), "small"))], mm)
    w.case("matmul-float64-k200", "matmul", [Arr(gen("float64", (3, 200), "small")), Arr(gen("float64", (200, 4), "small"))], mm)
    w.case("matmul-float64-nan", "matmul", [Arr(np.array([[1.0, np.nan], [2.0, 3.0]])), Arr(np.array([[1.0, 2.0], [3.0, 4.0]]))], mm)
    w.case("matmul-mismatch", "matmul", [Arr(g("float64", (3, 4))), Arr(g("float64", (3, 4)))], mm)
    w.case("matmul-mismatch-1d", "matmul", [Arr(g("float64", (3,))), Arr(g("float64", (4,)))], mm)
    w.case("matmul-0d", "matmul", [Arr(g("float64", ())), Arr(g("float64", (3,)))], mm)
    w.case("matmul-batch-mismatch", "matmul", [Arr(g("float64", (2, 3, 4))), Arr(g("float64", (3, 4, 2)))], mm)

    for t in ("float64", "int32", "float32", "bool", "int8"):
        shapes = [((4,), (4,)), ((3, 4), (4, 2)), ((3, 4), (4,)), ((4,), (4, 2)), ((2, 3, 4), (4,)),
                  ((2, 3, 4), (5, 4, 2)), ((3, 4), (2, 4, 5)), ((4,), (2, 4, 3)), ((2, 3, 4), (4, 2)),
                  ((), (3, 4)), ((2, 3), ()), ((), ())]
        for s1, s2 in shapes:
            sid = "x".join("_".join(map(str, s)) or "0d" for s in (s1, s2))
            w.case(f"dot-{t}-{sid}", "dot", [Arr(g(t, s1)), Arr(g(t, s2))], dot)
    w.case("dot-int8.float64-2d", "dot", [Arr(g("int8", (3, 4))), Arr(g("float64", (4, 2)))], dot)
    w.case("dot-float64-T-nd", "dot", [Arr(g("float64", (4, 3, 2)), "T"), Arr(g("float64", (3, 4, 5)), "T")], dot)
    w.case("dot-mismatch", "dot", [Arr(g("float64", (3, 4))), Arr(g("float64", (3, 4)))], dot)
    w.case("dot-mismatch-nd", "dot", [Arr(g("float64", (2, 3, 4))), Arr(g("float64", (5, 3, 2)))], dot)
    w.case("dot-mismatch-1d", "dot", [Arr(g("float64", (3,))), Arr(g("float64", (4,)))], dot)


# ---------------------------------------------------------------------------- creation

def creation_cases(w):
    for start, stop, step in [(0, 10, 1), (3, 17, 4), (10, 0, -3), (-5, 5, 2), (5, 5, 1), (5, 0, 1), (0, 5, -1),
                              (-7, -20, -4), (0, 1, 3), (2 ** 40, 2 ** 40 + 5, 2)]:
        w.case(f"arange-int-{start}-{stop}-{step}".replace("--", "-m"), "arange_int", [],
               lambda a=start, b=stop, c=step: np.arange(a, b, c), params=f"start={start} stop={stop} step={step}")
    for stop in (0, 1, 6):
        w.case(f"arange-stop-{stop}", "arange_stop", [], lambda s=stop: np.arange(s), params=f"stop={stop}")
    w.case("arange-int-step0", "arange_int", [], lambda: np.arange(0, 5, 0), params="start=0 stop=5 step=0")
    for start, stop, step in [(0.0, 1.0, 0.1), (1.0, 0.0, -0.3), (-2.5, 2.5, 0.5), (0.0, 1.0, 0.3), (1.0, 1.0, 0.1),
                              (1.0, 2.0, -0.5), (0.1, 0.35, 0.05), (-1.0, 10.0, 1.1), (1e10, 1e10 + 10, 2.5)]:
        w.case(f"arange-float-{start}-{stop}-{step}", "arange_float", [],
               lambda a=start, b=stop, c=step: np.arange(a, b, c),
               params=f"start={fmt_float(start)} stop={fmt_float(stop)} step={fmt_float(step)}")
    w.case("arange-float-step0", "arange_float", [], lambda: np.arange(0.0, 1.0, 0.0),
           params=f"start={fmt_float(0.0)} stop={fmt_float(1.0)} step={fmt_float(0.0)}")
    for start, stop, num, endpoint in [(0.0, 1.0, 5, True), (0.0, 1.0, 5, False), (2.0, -3.0, 7, True), (0.0, 1.0, 0, True),
                                       (0.0, 1.0, 1, True), (0.0, 1.0, 1, False), (0.0, 1.0, 0, False), (-1.0, 1.0, 2, True),
                                       (1.0, 1.0, 4, True), (0.1, 0.7, 13, True), (0.1, 0.7, 13, False), (1e-3, 1e3, 9, True),
                                       (0.0, 1.0, -1, True)]:
        w.case(f"linspace-{start}-{stop}-{num}-{'ep' if endpoint else 'noep'}", "linspace", [],
               lambda a=start, b=stop, n=num, e=endpoint: np.linspace(a, b, n, endpoint=e),
               params=f"start={fmt_float(start)} stop={fmt_float(stop)} num={num} endpoint={int(endpoint)}")
    for n, m, k, dt in [(3, 3, 0, "float64"), (3, 4, 1, "int32"), (4, 3, -1, "bool"), (3, 5, 4, "float32"),
                        (3, 3, 5, "int8"), (3, 3, -3, "uint8"), (0, 0, 0, "float64"), (1, 1, 0, "int64"),
                        (2, 6, -1, "int16"), (5, 2, -3, "float64")]:
        w.case(f"eye-{n}-{m}-{k}-{dt}".replace("--", "-m"), "eye", [], lambda a=n, b=m, c=k, d=dt: np.eye(a, b, c, dtype=d),
               params=f"n={n} m={m} k={k} dtype={dt}")
    for dt in DTYPES:
        for shape in [(2, 3), (0,), ()]:
            sid = "_".join(map(str, shape)) or "0d"
            w.case(f"zeros-{dt}-{sid}", "zeros", [], lambda s=shape, d=dt: np.zeros(s, dtype=d),
                   params=f"dtype={dt} shape={fmt_shape(shape)}")
            w.case(f"ones-{dt}-{sid}", "ones", [], lambda s=shape, d=dt: np.ones(s, dtype=d),
                   params=f"dtype={dt} shape={fmt_shape(shape)}")
        for v in (7.0, -2.5, 0.5):
            if dt == "uint8" and v < 0:
                continue
            w.case(f"full-{dt}-{v}", "full", [], lambda d=dt, val=v: np.full((2, 2), val, dtype=d),
                   params=f"dtype={dt} value={fmt_float(v)} shape=(2,2)")
    w.case("full-float32-third", "full", [], lambda: np.full((3,), 1 / 3, dtype="float32"),
           params=f"dtype=float32 value={fmt_float(1 / 3)} shape=(3,)")
    w.case("full-float32-overflow", "full", [], lambda: np.full((2,), 1e300, dtype="float32"),
           params=f"dtype=float32 value={fmt_float(1e300)} shape=(2,)")

    # astype between every pair, on values that are defined in C
    ast = lambda t: (lambda a: a.astype(t))  # noqa: E731
    for src in DTYPES:
        for dst in DTYPES:
            if src == "bool":
                a = gen("bool", (2, 5))
            elif src in INTS:
                info = np.iinfo(src)
                a = gen(src, (2, 5), "any")
                a.flat[0] = info.max
                a.flat[1] = info.min if src != "uint8" else 1
                a.flat[2] = 0
            else:
                if dst in INTS:
                    info = np.iinfo(dst)
                    lo, hi = max(int(info.min), -1000), min(int(info.max), 1000)
                    a = rng.uniform(lo + 1, hi - 1, 10).astype(src)
                    a[0] = -0.9 if dst != "uint8" else 0.9
                    a[1] = hi - 0.5
                    a = a.reshape(2, 5)
                else:
                    a = gen(src, (2, 5), "any")
                    a.flat[0] = np.nan
                    a.flat[1] = np.inf
                    a.flat[2] = 0.0
                    if dst == "float32" or dst == "bool":
                        a.flat[3] = 1e-300 if src == "float64" else a.flat[3]
                        a.flat[4] = 1e300 if src == "float64" else a.flat[4]
            w.case(f"astype-{src}-{dst}", "astype", [Arr(a)], ast(dst), params=f"dtype={dst}")
    # rounding of large integers to float32 must be correct (no double rounding through float64)
    big = np.array([2 ** 60 + 2 ** 36 + 1, 2 ** 53 + 1, -(2 ** 62) - 2 ** 38 - 1, 2 ** 63 - 1, 16777217, -16777219],
                   np.int64)
    w.case("astype-int64-float32-rounding", "astype", [Arr(big)], ast("float32"), params="dtype=float32")
    w.case("astype-int64-float64-rounding", "astype", [Arr(big)], ast("float64"), params="dtype=float64")
    w.case("astype-int32-float32-rounding", "astype", [Arr(np.array([16777217, 16777219, 2147483647, -2147483647], np.int32))],
           ast("float32"), params="dtype=float32")
    w.case("astype-float64-float32-rounding", "astype", [Arr(np.array([1 + 2 ** -24, 1 + 2 ** -24 + 2 ** -52, 3.4028235e38,
                                                                       3.4028236e38, 1e-46, 1.5e-45]))],
           ast("float32"), params="dtype=float32")
    w.case("astype-float64-int64-T", "astype", [Arr(rng.uniform(-1e6, 1e6, (4, 3)), "T")], ast("int64"), params="dtype=int64")
    w.case("astype-int64-int8-wrap", "astype", [Arr(np.array([300, -300, 2 ** 40 + 5, 127, 128, -129], np.int64))],
           ast("int8"), params="dtype=int8")
    w.case("astype-int16-uint8-wrap", "astype", [Arr(np.array([300, -1, -256, 255, 256], np.int16))], ast("uint8"),
           params="dtype=uint8")
    w.case("astype-float64-bool-nan", "astype", [Arr(np.array([np.nan, 0.0, -0.0, 1e-320, -np.inf]))], ast("bool"),
           params="dtype=bool")
    w.case("astype-float64-empty", "astype", [Arr(np.zeros((0, 2)))], ast("int32"), params="dtype=int32")
    w.case("astype-float64-0d", "astype", [Arr(np.array(2.75))], ast("int16"), params="dtype=int16")


GROUPS = [
    ("ufunc_binary.tsv", "Binary ufuncs on every dtype, NaN/inf, layouts (transposed, broadcast, empty, 0-d, strided).",
     binary_cases),
    ("ufunc_unary.tsv", "Unary ufuncs on every dtype, NaN/inf, layouts.", unary_cases),
    ("ufunc_special.tsv", "Integer corner cases: division by zero, shifts past the width, wrapping, negative powers.",
     special_int_cases),
    ("scalars.tsv", "Java weak scalars (NEP 50): int, float and bool scalars with every binary ufunc and dtype.",
     scalar_cases),
    ("promotion.tsv", "Mixed-dtype operands: promotion of array pairs, 0-d arrays (strong).", promotion_cases),
    ("out_where.tsv", "Ufunc.callInto: out= (same-kind casting) and where= (masked elements keep out's values).",
     out_where_cases),
    ("clip_where.tsv", "ND.clip and ND.where.", clip_where_cases),
    ("reductions.tsv", "Reductions, arg-reductions, cumulative ops, ufunc reduce/accumulate/outer.", reduction_cases),
    ("matmul.tsv", "matmul and dot: 1-D, 2-D, batched, broadcast batches, every dtype.", matmul_cases),
    ("creation.tsv", "arange, linspace, eye, zeros/ones/full, astype between every dtype pair.", creation_cases),
]


def build():
    out = {}
    for name, title, fn in GROUPS:
        w = Writer(name, title)
        fn(w)
        out[name] = (w.text(), w.count)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed files differ")
    args = ap.parse_args()
    files = build()
    total = 0
    bad = []
    for name, (text, count) in files.items():
        path = OUT_DIR / name
        total += len(text.encode())
        if args.check:
            if not path.exists() or path.read_text() != text:
                bad.append(name)
        else:
            OUT_DIR.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        print(f"{name:20s} {count:5d} cases {len(text.encode()) / 1024:8.1f} KiB")
    print(f"total {total / 1024:.1f} KiB")
    if POWER_REDUCE_FIXED:
        print(f"note: {len(POWER_REDUCE_FIXED)} float power.reduce results taken from a left fold of np.power "
              "(NumPy's own reduce skips middle elements; see power_reduce)")
    if bad:
        print("differs from the generator: " + ", ".join(bad), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
