#!/usr/bin/env python3
"""Writes the NumPy-differential golden data that io.github.ndarray.golden.* tests read.

Output: ndarray-conformance/src/test/resources/golden/*.tsv (committed, so the Java build and tests
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

Values written as one token @splitmix:<seed>:<lo>:<hi> (float dtypes only) are synthesised
instead of listed, so that large operands stay small on disk: element i (C order, i from 0) is
lo + (hi - lo) * u_i in float64, then rounded to the dtype, where u_i = (z >>> 11) * 2^-53 and
z = splitmix64 finaliser of (seed + (i + 1) * 0x9E3779B97F4A7C15 mod 2^64) (Steele et al.; the
same arithmetic in Java gives the same bits).

Case parameters understood by the harness besides the op's own (axis, keepdims, ddof, ...):
    shared=r1,r2,...   the listed roles (arg<i>, out) are views of ONE base array: the base of
                       the first listed role (the others carry the same base values); each
                       role's recipe is applied to that one array, so operands alias each other
    cmp=base           compare the base array (the shared one, else out's, else arg0's) after
                       the call with NumPy's, instead of the returned value
    tol=abs            reductions (sum mean var std): tolerance relative to the sum of |x| over
                       the reduced elements (see GoldenTest), not to the result
    index=e            setitem: a[e] = value (e has no spaces)
"""
import argparse
import math
import sys
import warnings
from pathlib import Path

import numpy as np

SEED = 20250607
ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "ndarray-conformance" / "src" / "test" / "resources" / "golden"

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

_SM_GAMMA = np.uint64(0x9E3779B97F4A7C15)


def splitmix(seed, n, lo, hi):
    """n float64 values in [lo, hi): lo + (hi - lo) * u_i (see the docstring's @splitmix)."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + np.arange(1, n + 1, dtype=np.uint64) * _SM_GAMMA
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    u = (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53
    return np.float64(lo) + (np.float64(hi) - np.float64(lo)) * u


class Arr:
    """An array operand: base values (C order, base shape) and a view recipe."""

    def __init__(self, base, recipe="-", synth=None):
        self.base = np.array(base)  # a private copy
        self.recipe = recipe
        self.synth = synth  # the @splitmix token, when the values are synthesised

    @staticmethod
    def splitmix(dt, shape, seed, lo, hi, recipe="-"):
        n = int(np.prod(shape, dtype=np.int64))
        base = splitmix(seed, n, lo, hi).astype(dt).reshape(shape)
        return Arr(base, recipe, f"@splitmix:{seed}:{fmt_float(lo)}:{fmt_float(hi)}")

    def view(self):
        return apply_recipe(self.base.copy(), self.recipe)

    def line(self, role="arg"):
        return "\t".join([role, str(self.base.dtype), fmt_shape(self.base.shape), self.recipe,
                          self.synth or fmt_values(self.base)])


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
        pmap = dict(kv.split("=", 1) for kv in params.split())
        shared = pmap["shared"].split(",") if "shared" in pmap else []
        bases = {}

        def materialise(role, o):
            if not isinstance(o, Arr):
                return o.view()
            if role in shared:
                first = dict(zip(["arg%d" % i for i in range(len(operands))] + ["out"], list(operands) + [out]))[shared[0]]
                assert o.base.dtype == first.base.dtype and np.array_equal(o.base, first.base, equal_nan=True), cid
                if "shared" not in bases:
                    bases["shared"] = first.base.copy()
                return apply_recipe(bases["shared"], o.recipe)
            bases[role] = o.base.copy()
            return apply_recipe(bases[role], o.recipe)

        vals = [materialise("arg%d" % i, o) for i, o in enumerate(operands)]
        out_view = None
        if out is not None:
            out_view = vals[0] if out == "alias0" else materialise("out", out)
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if out is not None or where is not None:
                    res = compute(*vals, out_view, where.view() if where is not None else None)
                else:
                    res = compute(*vals)
            if pmap.get("cmp") == "base":
                if out is not None and out != "alias0":
                    assert res is out_view, cid
                res = bases.get("shared", bases.get("out", bases.get("arg0")))
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


# ---------------------------------------------------------------------------- added groups (own seeds)

def keepdims_cases(w):
    """argmax/argmin(axis, keepdims) and any/all(keepdims, axes): ND's keepdims overloads."""
    def argf(name, ax, kd):
        f = getattr(np, name)
        return lambda a: f(a, axis=ax, keepdims=kd)

    def anyf(name, ax, kd):
        f = getattr(np, name)
        return lambda a: f(a, axis=ax, keepdims=kd)

    for name in ("argmax", "argmin"):
        for dt in ("float64", "int32", "bool", "float32", "int8", "uint8", "int64"):
            a = gen(dt, (2, 3, 4), "tiny")
            axes = (None, 0, 1, 2, -1, -3) if dt in ("float64", "int32") else (None, 1)
            for ax in axes:
                for kd in (True, False):
                    w.case(f"{name}-kd{int(kd)}-{dt}-ax{axis_id(ax)}", name, [Arr(a)], argf(name, ax, kd),
                           params=f"{axis_param(ax)} keepdims={int(kd)}")
        x = gen("float64", (3, 4), "tiny")
        x[1, 1] = np.nan
        x[2, 3] = np.nan
        for ax in (None, 0, 1):
            w.case(f"{name}-kd1-float64-nan-ax{axis_id(ax)}", name, [Arr(x)], argf(name, ax, True),
                   params=f"{axis_param(ax)} keepdims=1")
        w.case(f"{name}-kd1-float64-T-ax0", name, [Arr(gen("float64", (4, 3), "tiny"), "T")], argf(name, 0, True),
               params="axis=0 keepdims=1")
        w.case(f"{name}-kd1-float64-rev-axNone", name, [Arr(gen("float64", (3, 5), "tiny"), "index[::-1, ::-2]")],
               argf(name, None, True), params="axis=None keepdims=1")
        w.case(f"{name}-kd1-float64-1d-axNone", name, [Arr(gen("float64", (6,), "tiny"))], argf(name, None, True),
               params="axis=None keepdims=1")
        w.case(f"{name}-kd1-float64-0d-axNone", name, [Arr(gen("float64", (), "tiny"))], argf(name, None, True),
               params="axis=None keepdims=1")
        w.case(f"{name}-kd1-float64-empty-axNone", name, [Arr(gen("float64", (0, 3)))], argf(name, None, True),
               params="axis=None keepdims=1")
        w.case(f"{name}-kd1-float64-empty-ax0", name, [Arr(gen("float64", (0, 3)))], argf(name, 0, True),
               params="axis=0 keepdims=1")
        w.case(f"{name}-kd1-float64-empty-ax1", name, [Arr(gen("float64", (0, 3)))], argf(name, 1, True),
               params="axis=1 keepdims=1")
        w.case(f"{name}-kd1-float64-axis-out-of-range", name, [Arr(x)], argf(name, 2, True),
               params="axis=2 keepdims=1")
        w.case(f"{name}-kd1-float64-axis-neg-out-of-range", name, [Arr(x)], argf(name, -3, True),
               params="axis=-3 keepdims=1")

    for name in ("any", "all"):
        for dt in ("bool", "float64", "int32", "int8", "uint8", "float32"):
            a = gen(dt, (2, 3, 4), "zeros")
            if dt == "bool":
                a = rng.random((2, 3, 4)) < (0.8 if name == "all" else 0.2)
            axes = (None, 0, 1, 2, -1, (0, 2), (1, -1), (0, 1, 2)) if dt in ("bool", "float64") else (None, 1, (0, 2))
            for ax in axes:
                for kd in (True, False):
                    w.case(f"{name}-kd{int(kd)}-{dt}-ax{axis_id(ax)}", name, [Arr(a)], anyf(name, ax, kd),
                           params=f"{axis_param(ax)} keepdims={int(kd)}")
        w.case(f"{name}-kd1-float64-nan", name, [Arr(np.array([[0.0, np.nan, 0.0], [0.0, 0.0, 0.0]]))],
               anyf(name, 1, True), params="axis=1 keepdims=1")
        w.case(f"{name}-kd1-bool-T-ax0", name, [Arr(gen("bool", (4, 3)), "T")], anyf(name, 0, True),
               params="axis=0 keepdims=1")
        w.case(f"{name}-kd1-bool-rev-ax1", name, [Arr(gen("bool", (3, 6)), "index[::-1, ::-2]")], anyf(name, 1, True),
               params="axis=1 keepdims=1")
        w.case(f"{name}-kd1-float64-empty-axNone", name, [Arr(gen("float64", (0, 3)))], anyf(name, None, True),
               params="axis=None keepdims=1")
        w.case(f"{name}-kd1-float64-empty-ax1", name, [Arr(gen("float64", (0, 3)))], anyf(name, 1, True),
               params="axis=1 keepdims=1")
        w.case(f"{name}-kd1-float64-empty-ax0", name, [Arr(gen("float64", (0, 3)))], anyf(name, 0, True),
               params="axis=0 keepdims=1")
        w.case(f"{name}-kd1-float64-0d", name, [Arr(np.array(0.0))], anyf(name, None, True),
               params="axis=None keepdims=1")
        w.case(f"{name}-kd1-bool-axis-out-of-range", name, [Arr(gen("bool", (2, 3)))], anyf(name, 2, True),
               params="axis=2 keepdims=1")
        w.case(f"{name}-kd1-bool-axis-repeated", name, [Arr(gen("bool", (2, 3)))], anyf(name, (1, -1), True),
               params="axis=1,-1 keepdims=1")


LARGE_N = (127, 128, 129, 1000, 4099)


def large_reduction_cases(w):
    """float32/float64 sum, mean, var (and std) over sizes around the pairwise block (128) and
    over many strips: synthesised (@splitmix) operands, tolerance relative to sum |x| (tol=abs)."""
    seed = [1000]

    def nxt():
        seed[0] += 1
        return seed[0]

    def red(name, ax, ddof=None, kd=False):
        f = getattr(np, name)
        kw = {"axis": ax, "keepdims": kd}
        if ddof is not None:
            kw["ddof"] = ddof
        return lambda a: f(a, **kw)

    def prm(ax, ddof=None, kd=False):
        return f"{axis_param(ax)} keepdims={int(kd)}" + (f" ddof={ddof}" if ddof is not None else "") + " tol=abs"

    for dt in FLOATS:
        for n in LARGE_N:
            for lo, hi, tag in ((-10.0, 10.0, "mixed"), (1.0, 2.0, "pos")):
                a = Arr.splitmix(dt, (n,), nxt(), lo, hi)
                w.case(f"sum-{dt}-n{n}-{tag}", "sum", [a], red("sum", None), params=prm(None))
                w.case(f"mean-{dt}-n{n}-{tag}", "mean", [a], red("mean", None), params=prm(None))
                w.case(f"var-{dt}-n{n}-{tag}", "var", [a], red("var", None, 0), params=prm(None, 0))
            # strided 1-D views of the same sizes
            b = Arr.splitmix(dt, (3 * n,), nxt(), -10.0, 10.0, "index[::-3]")
            w.case(f"sum-{dt}-n{n}-step-3", "sum", [b], red("sum", None), params=prm(None))
            w.case(f"var-{dt}-n{n}-step-3-ddof1", "var", [b], red("var", None, 1), params=prm(None, 1))
            w.case(f"std-{dt}-n{n}-step-3", "std", [b], red("std", None, 0), params=prm(None, 0))
        # 2-D (300, 70): contiguous, transposed, ::-3 (rows) and [:, ::-3] (columns) views, every axis
        for tag, recipe in (("C", "-"), ("T", "T"), ("rows-3", "index[::-3]"), ("cols-3", "index[:, ::-3]"),
                            ("T-rows-3", "T;index[::-3]")):
            for lo, hi, dtag in ((-10.0, 10.0, "mixed"), (1.0, 2.0, "pos")):
                a = Arr.splitmix(dt, (300, 70), nxt(), lo, hi, recipe)
                for ax in (0, 1, None, (0, 1), -1):
                    if dtag == "pos" and ax in ((0, 1), -1):
                        continue
                    aid = axis_id(ax)
                    w.case(f"sum-{dt}-300x70-{tag}-{dtag}-ax{aid}", "sum", [a], red("sum", ax), params=prm(ax))
                    w.case(f"mean-{dt}-300x70-{tag}-{dtag}-ax{aid}", "mean", [a], red("mean", ax), params=prm(ax))
                    w.case(f"var-{dt}-300x70-{tag}-{dtag}-ax{aid}", "var", [a], red("var", ax, 0), params=prm(ax, 0))
        # 3-D: reduce the middle axis (many strips per result) and the outer pair
        a = Arr.splitmix(dt, (6, 150, 4), nxt(), -10.0, 10.0)
        at = Arr.splitmix(dt, (4, 150, 6), nxt(), -10.0, 10.0, "T")
        for lbl, arr in (("C", a), ("T", at)):
            for ax in (1, (0, 2), (0, 1), None):
                aid = axis_id(ax)
                w.case(f"sum-{dt}-3d-{lbl}-ax{aid}", "sum", [arr], red("sum", ax), params=prm(ax))
                w.case(f"mean-{dt}-3d-{lbl}-ax{aid}-kd", "mean", [arr], red("mean", ax, None, True), params=prm(ax, None, True))
                w.case(f"var-{dt}-3d-{lbl}-ax{aid}-ddof1", "var", [arr], red("var", ax, 1), params=prm(ax, 1))
                w.case(f"std-{dt}-3d-{lbl}-ax{aid}", "std", [arr], red("std", ax, 0), params=prm(ax, 0))
        # a broadcast view: (300,) broadcast to (70, 300), zero strides
        b = Arr.splitmix(dt, (300,), nxt(), -10.0, 10.0, "broadcast(70,300)")
        for ax in (0, 1, None):
            w.case(f"sum-{dt}-bcast-ax{axis_id(ax)}", "sum", [b], red("sum", ax), params=prm(ax))


def out_view_cases(w):
    """Ufunc.callInto with out= a view (negative steps, transposed) of a bigger array (the whole base
    is compared after the call), where= broadcast from (1, n) and (m, 1), and out= aliasing inputs
    (NumPy's overlap rule: the result is as if the inputs had been copied first)."""
    def into(name):
        f = getattr(np, name)

        def run(*args):
            *ops, out, where = args
            if where is None:
                return f(*ops, out=out)
            return f(*ops, out=out, where=where)
        return run
    g = gen
    B = "cmp=base"
    # out= a view of a bigger base
    views = [("rev", (5, 4), "index[::-1]", (5, 4)), ("revrev", (5, 4), "index[::-1, ::-1]", (5, 4)),
             ("step-2", (4, 6), "index[::-1, ::-2]", (4, 3)), ("T", (4, 3), "T", (3, 4)),
             ("slice", (6, 5), "index[4:0:-2, 1:]", (2, 4)), ("T-rev", (4, 6), "T;index[::-2]", (3, 4)),
             ("3d-T", (4, 3, 2), "T", (2, 3, 4)), ("1d-rev-step", (10,), "index[8::-3]", (3,)),
             ("col", (3, 4), "index[:, 2]", (3,)), ("newaxis", (3, 4), "index[::-1, None, 1:3]", (3, 1, 2))]
    for tag, bshape, recipe, vshape in views:
        for dt in ("float64", "int32"):
            w.case(f"add-{dt}-outview-{tag}", "add", [Arr(g(dt, vshape)), Arr(g(dt, vshape))], into("add"),
                   out=Arr(g(dt, bshape), recipe), params=B)
        w.case(f"multiply-float32-outview-{tag}-where", "multiply", [Arr(g("float32", vshape)), Arr(g("float32", vshape))],
               into("multiply"), out=Arr(g("float32", bshape), recipe), where=Arr(g("bool", vshape)), params=B)
    # inputs also views, broadcasting, casting into the out view
    w.case("add-float64-outview-T-inputs-views", "add", [Arr(g("float64", (4, 3)), "T"), Arr(g("float64", (4,)), "index[::-1]")],
           into("add"), out=Arr(g("float64", (4, 6)), "T;index[::-2]"), params=B)
    w.case("add-int8-into-float64-outview-rev", "add", [Arr(g("int8", (3, 4))), Arr(g("int8", (3, 4)))], into("add"),
           out=Arr(g("float64", (3, 4)), "index[::-1, ::-1]"), params=B)
    w.case("divide-int32-into-float32-outview-T", "divide", [Arr(g("int32", (3, 4), "small")), Arr(g("int32", (3, 4), "divisor"))],
           into("divide"), out=Arr(g("float32", (4, 3)), "T"), params=B)
    w.case("sqrt-float64-outview-rev-where", "sqrt", [Arr(g("float64", (3, 4), "pos"))], into("sqrt"),
           out=Arr(g("float64", (3, 4)), "index[::-1]"), where=Arr(g("bool", (1, 4))), params=B)
    w.case("negative-int16-outview-T", "negative", [Arr(g("int16", (3, 4)))], into("negative"),
           out=Arr(g("int16", (4, 3)), "T"), params=B)
    w.case("less-float64-outview-bool-rev", "less", [Arr(g("float64", (3, 4), "tiny")), Arr(g("float64", (4,), "tiny"))],
           into("less"), out=Arr(g("bool", (3, 4)), "index[:, ::-1]"), params=B)
    w.case("add-float64-outview-where-wrongshape", "add", [Arr(g("float64", (3, 4))), Arr(g("float64", (3, 4)))], into("add"),
           out=Arr(g("float64", (4, 3)), "index[::-1]"), params=B)
    # where= broadcast from (1, n) and (m, 1)
    for dt in ("float64", "int32", "float32"):
        for wtag, wshape in (("1xn", (1, 4)), ("mx1", (3, 1)), ("n", (4,)), ("0d", ())):
            for otag, bshape, recipe in (("C", (3, 4), "-"), ("rev", (3, 4), "index[::-1, ::-1]"), ("T", (4, 3), "T")):
                m = g("bool", wshape) if wshape else np.array(False)
                if wshape and m.all():
                    m.flat[0] = False
                if wshape and not m.any():
                    m.flat[-1] = True
                w.case(f"subtract-{dt}-where{wtag}-out{otag}", "subtract", [Arr(g(dt, (3, 4))), Arr(g(dt, (1, 4)))],
                       into("subtract"), out=Arr(g(dt, bshape), recipe), where=Arr(m), params=B)
    w.case("add-float64-where-T-view", "add", [Arr(g("float64", (3, 4))), Arr(g("float64", (3, 4)))], into("add"),
           out=Arr(g("float64", (3, 4))), where=Arr(g("bool", (4, 3)), "T"), params=B)
    w.case("add-float64-where-bcast-view", "add", [Arr(g("float64", (3, 4))), Scalar("float", 0.5)], into("add"),
           out=Arr(g("float64", (3, 4))), where=Arr(g("bool", (3,)), "index[::-1];reshape(3,1);broadcast(3,4)"), params=B)
    w.case("add-float64-where-mismatch", "add", [Arr(g("float64", (3, 4))), Arr(g("float64", (3, 4)))], into("add"),
           out=Arr(g("float64", (3, 4))), where=Arr(g("bool", (2, 1))), params=B)

    # out= aliasing the inputs: one shared base
    def alias(cid, op, shape, dt, recipes, out_recipe, dom="any", scalar=None, where=None):
        base = g(dt, shape, dom)
        ops = [Arr(base, r) for r in recipes]
        roles = ["arg%d" % i for i in range(len(ops))]
        if scalar is not None:
            ops.append(scalar)
        w.case(cid, op, ops, into(op), out=Arr(base, out_recipe), where=where,
               params="shared=" + ",".join(roles + ["out"]) + " " + B)
    alias("add-float64-alias-a-arev-out-a", "add", (7,), "float64", ["-", "index[::-1]"], "-")
    alias("add-int32-alias-a-arev-out-a", "add", (7,), "int32", ["-", "index[::-1]"], "-")
    alias("add-float64-alias-shift-right", "add", (8,), "float64", ["index[:-1]"], "index[1:]", scalar=Scalar("int", 1))
    alias("add-int64-alias-shift-right", "add", (8,), "int64", ["index[:-1]"], "index[1:]", dom="small", scalar=Scalar("int", 1))
    alias("add-float64-alias-shift-left", "add", (8,), "float64", ["index[1:]"], "index[:-1]", scalar=Scalar("float", 0.5))
    alias("add-float64-alias-pair-shift", "add", (9,), "float64", ["index[1:]", "index[:-1]"], "index[:-1]")
    alias("add-float64-alias-out-middle", "add", (9,), "float64", ["index[:-2]", "index[2:]"], "index[1:-1]")
    alias("subtract-float64-alias-rev-out-a", "subtract", (6,), "float64", ["index[::-1]", "-"], "-")
    alias("multiply-float64-alias-T-out-a", "multiply", (4, 4), "float64", ["T", "-"], "-")
    alias("add-float64-alias-T-out-T", "add", (3, 3), "float64", ["-", "index[::-1]"], "T")
    alias("add-float32-alias-cols-rev", "add", (3, 5), "float32", ["index[:, ::-1]", "-"], "-")
    alias("add-int16-alias-2d-shift", "add", (4, 5), "int16", ["index[:-1, :-1]", "index[1:, 1:]"], "index[1:, :-1]", dom="small")
    alias("negative-float64-alias-rev", "negative", (7,), "float64", ["index[::-1]"], "-")
    alias("negative-int32-alias-shift", "negative", (7,), "int32", ["index[:-1]"], "index[1:]")
    alias("add-float64-alias-step2", "add", (10,), "float64", ["index[::2]", "index[1::2]"], "index[::-2]")
    alias("add-float64-alias-where", "add", (8,), "float64", ["index[:-1]"], "index[1:]", scalar=Scalar("float", 1.0),
          where=Arr(g("bool", (7,))))
    alias("maximum-float64-alias-rev-where-1xn", "maximum", (3, 4), "float64", ["index[::-1, ::-1]", "-"], "-",
          where=Arr(g("bool", (1, 4))))
    alias("add-float64-alias-bcast-row", "add", (3, 4), "float64", ["index[0]", "-"], "-")
    alias("add-float64-alias-bcast-col", "add", (3, 4), "float64", ["index[:, 1:2]", "-"], "-")


def setitem_cases(w):
    """NDArray.set(String index, Object value) against NumPy's a[idx] = value; the whole array is
    compared after the assignment."""
    setf = setf_literal

    def sid(idx):
        t = idx.replace("::", "ss").replace(":", "s").replace(",", "_").replace("...", "ell").replace("-", "m")
        return t.replace("None", "N").replace(" ", "")

    g = gen
    indices = ["0", "-1", "2", "1:3", "::-1", "::2", "1:,::-2", "None", "...", "...,0", "0,...", "None,1:",
               "::-1,None,::-1", ":,-1", "2,3", "-1,-1", "3:0:-1", "3:0:-1,4:0:-2", "10:", ":0", "-2:", ":,None",
               "1,None", "::-2,1"]
    for idx in indices:
        for dt, kind, val in (("int32", "int", 7), ("float64", "float", -2.5), ("int32", "float", 2.7), ("bool", "bool", True)):
            w.case(f"set-{dt}-{sid(idx)}-{kind}", "setitem", [Arr(g(dt, (4, 5), "small")), Scalar(kind, val)], setf(idx),
                   params=f"index={idx}")
    # array values broadcast into the selection
    a45 = lambda dt="float64": Arr(g(dt, (4, 5), "small"))  # noqa: E731
    arrcases = [
        ("1:3", (2, 5), "float64", "-"), ("1:3", (1, 5), "float64", "-"), ("1:3", (5,), "float64", "-"),
        ("1:3", (2, 1), "float64", "-"), ("1:3", (), "float64", "-"), ("::-1", (4, 1), "float64", "-"),
        (":,::-2", (4, 3), "float64", "T;index[::-1]"), ("::-1,::-1", (5, 4), "float64", "T"),
        ("0", (5,), "float64", "index[::-1]"), (":,0", (4,), "float64", "-"), (":,0", (1, 4), "float64", "-"),
        ("None", (4, 5), "float64", "-"), ("None,1:", (1, 3, 5), "float64", "-"), ("...", (5,), "int32", "-"),
        ("1:3", (2, 5), "int64", "-"), ("1:3", (2, 5), "bool", "-"), ("1:3", (2, 5), "float32", "-"),
        ("1:3", (1, 1, 5), "float64", "-"), ("1:3", (3, 5), "float64", "-"), ("1:3", (2, 4), "float64", "-"),
        ("1:3", (5,), "float64", "broadcast(3,5)"), ("10:", (5,), "float64", "-"), ("10:", (0, 5), "float64", "-"),
        ("1,2", (), "float64", "-"), ("1,2", (1,), "float64", "-"), ("1,2", (2,), "float64", "-"),
    ]
    for idx, vshape, vdt, rec in arrcases:
        vb = g(vdt, vshape if rec in ("-",) or rec.startswith("broadcast") or rec.startswith("index") else tuple(reversed(vshape)), "small")
        if rec.startswith("broadcast"):
            vb = g(vdt, vshape, "small")
        vid = "x".join(map(str, vshape)) or "0d"
        rid = "" if rec == "-" else "-" + rec.replace(";", "").replace("index[", "").replace("]", "").replace("::", "ss") \
            .replace(":", "s").replace(",", "_").replace("-", "m").replace("(", "").replace(")", "")
        w.case(f"set-float64-{sid(idx)}-arr-{vdt}-{vid}{rid}", "setitem", [a45(), Arr(vb, rec)], setf(idx), params=f"index={idx}")
    # casting of array values into the target's dtype (unsafe, as NumPy's setitem)
    for tdt, vdt, dom in (("int32", "float64", "small"), ("int8", "int32", "any"), ("uint8", "int16", "any"),
                          ("bool", "float64", "zeros"), ("float32", "float64", "any"), ("int16", "bool", "any"),
                          ("float64", "int64", "any")):
        w.case(f"set-{tdt}-1s3-arr-{vdt}", "setitem", [Arr(g(tdt, (4, 5), "small" if tdt != "bool" else "any")),
                                                      Arr(g(vdt, (2, 5), dom))], setf("1:3"), params="index=1:3")
    # scalars of every kind into every dtype, and out-of-range / non-finite scalars
    for dt in DTYPES:
        for kind, val in (("int", 3), ("int", -1), ("float", 2.7), ("float", -2.7), ("float", 0.1), ("bool", True),
                          ("bool", False), ("int", 300), ("float", float("nan")), ("float", float("inf")), ("float", 1e20),
                          ("int", 2 ** 40)):
            vs = repr(val).replace("-", "m").replace(".", "p").replace("+", "")
            for idx in ("1", "1:3"):
                w.case(f"set-{dt}-{sid(idx)}-{kind}-{vs}", "setitem", [Arr(g(dt, (4,), "small" if dt != "bool" else "any")),
                                                                     Scalar(kind, val)], setf(idx), params=f"index={idx}")
    # index errors
    for idx in ("4", "-5", "0,0", "1,...,...", "::0"):
        w.case(f"set-int32-err-{sid(idx)}", "setitem", [Arr(g("int32", (4,), "small")), Scalar("int", 1)], setf(idx),
               params=f"index={idx}")
    # self-overlapping assignment: a[i] = a[j] (a shared base; the whole array is compared)
    for idx, src, shape, dt in (("1:", "index[:-1]", (8,), "float64"), (":-1", "index[1:]", (8,), "float64"),
                                ("::-1", "-", (7,), "int32"), ("...", "T", (3, 3), "float64"),
                                ("1:,1:", "index[:-1, :-1]", (4, 5), "int32"), ("::2", "index[1::2]", (8,), "float64"),
                                (":,::-1", "-", (3, 4), "float32"), ("1:", "index[:-1]", (3, 4), "int16"),
                                ("2:", "index[:-2]", (9,), "int8"), ("1:", "index[0]", (3, 4), "float64"),
                                ("::-1,::-1", "-", (3, 4), "float64")):
        base = g(dt, shape, "small")
        w.case(f"set-{dt}-overlap-{sid(idx)}-from-{sid(src)}", "setitem", [Arr(base), Arr(base, src)], setf(idx),
               params=f"index={idx} shared=arg0,arg1")
    # set into a view of a bigger array (whole base compared)
    w.case("set-float64-into-T-view", "setitem", [Arr(g("float64", (4, 5), "small"), "T"), Arr(g("float64", (4,), "small"))],
           setf("1:3"), params="index=1:3 cmp=base")
    w.case("set-float64-into-rev-view", "setitem", [Arr(g("float64", (4, 5), "small"), "index[::-1, ::-2]"), Scalar("int", 9)],
           setf("1:,1"), params="index=1:,1 cmp=base")


# ---------------------------------------------------------------------------- advanced indexing

def _ix_expr(expr, n_ops):
    """An index expression with @k (the k-th operand) as Python source over the list `ops`."""
    for k in range(n_ops - 1, 0, -1):
        expr = expr.replace("@%d" % k, "ops[%d]" % k)
    return expr


def _ix_get(expr):
    def run(*ops):
        return eval("ops[0][" + _ix_expr(expr, len(ops)) + "]")  # noqa: S307 - our own literals
    return run


def _ix_set(expr):
    def run(*ops):
        a = ops[0]
        exec("a[" + _ix_expr(expr, len(ops) - 1) + "] = ops[-1]")  # noqa: S102 - our own literals
        return a
    return run


def _ix_id(expr):
    t = expr.replace("True", "T").replace("False", "F").replace("None", "N").replace("...", "E")
    for a, b in (("[", "("), ("]", ")"), (":", "s"), (",", "_"), ("-", "m"), ("@", "x")):
        t = t.replace(a, b)
    return t


def advanced_index_cases(w):
    """NDArray.get/set with integer-array and boolean indices (list literals and array operands),
    np.take/put/take_along_axis/put_along_axis/compress/nonzero/argwhere/flatnonzero/choose/
    extract/place and ufunc.at; out-of-bounds, mask-mismatch and broadcast errors."""
    g = gen
    literal = {
        (4, 5): ["[0,2,-1]", "[[0,1],[3,-4]]", "[True,False,True,True]", ":,[1,3,1]", "[0,2],[1,-1]",
                 "[[0],[2]],[1,3,4]", "None,[0,1]", "...,[0,-1]", "[1,2],1:", "1,[0,2]", "[1,2],::-2",
                 "::-1,[4,0]", "[]", "[3,3,0]", "[True,False,True,True],[0,1,2]", "[True,False,True,True],1:",
                 ":,[True,False,False,True,True]", "[[True,False,True,True,False],[False]*5,[True]*5,[False,True]+[False]*3]".replace(" ", ""),
                 "[4]", "[-5]", ":,[5]", "[True,False,True]", "[0,1],[0,1,2]", "[0.5]".replace("0.5", "0"),
                 "[0],None,[1]", "1:3,[0,0]"],
        (3, 4, 5): ["[0,2],:,[1,3]", "[0,2],[1,3]", ":,[0,2],[1,3]", "0,:,[1,3]", "[0,2],1,:", "[1],...,[2]",
                    "...,[1,1],None", "[[0,1],[1,2]],:,0", ":,[[True,False,True,False]]".replace("[[", "[").replace("]]", "]"),
                    "[True,False,True],:,[0,4]", "None,[2,0],None,[3]", "[0,1],[[0],[1],[2]],[4]", "1,[[0,3]],::2",
                    "[0,2],1:3,[1,3]"],
    }
    for shape, exprs in literal.items():
        for expr in exprs:
            expr = expr.replace("[False]*5", "[False,False,False,False,False]").replace("[True]*5", "[True,True,True,True,True]")
            expr = expr.replace("[False,True]+[False]*3", "[False,True,False,False,False]")
            if "*" in expr or "+" in expr:
                continue
            for dt in DTYPES:
                if dt not in ("float64", "int32", "bool") and shape != (4, 5):
                    continue
                w.case(f"ix-get-{dt}-{'x'.join(map(str, shape))}-{_ix_id(expr)}", "setitem_get",
                       [Arr(g(dt, shape, "small" if dt != "bool" else "any"))], _ix_get(expr), params=f"index={expr}")
    # index arrays as operands: every integer dtype and bool, views, broadcast, negatives
    base = lambda dt, shape=(4, 5), rec="-": Arr(g(dt, shape, "small" if dt != "bool" else "any"), rec)  # noqa: E731
    for idt in ("int8", "uint8", "int16", "int32", "int64"):
        lo = 0 if idt == "uint8" else -4
        idx = rng.integers(lo, 4, size=(2, 3)).astype(idt)
        for rec in ("-", "T", "index[::-1]"):
            for dt in ("float64", "int16", "uint8"):
                w.case(f"ix-arr-{dt}-idx{idt}-{_ix_id(rec)}", "setitem_get", [base(dt), Arr(idx, rec)], _ix_get("@1"),
                       params="index=@1")
        w.case(f"ix-arr2-float32-idx{idt}", "setitem_get", [base("float32", (4, 5), "T"), Arr(idx[:, :2] % 4, "T"),
                                                           Arr(np.array([1, -1], dtype=idt if idt != "uint8" else "int8"))],
               _ix_get("@1,@2"), params="index=@1,@2")
    w.case("ix-arr-bcast-float64", "setitem_get", [base("float64", (3, 4, 5)), Arr(np.array([0, 2, 1]), "broadcast(2,3)"),
                                                   Arr(np.array([[1], [3]]))], _ix_get("@1,:,@2"), params="index=@1,:,@2")
    w.case("ix-arr-mask2d-int64", "setitem_get", [base("int64", (3, 4, 5)), Arr(g("bool", (3, 4)))], _ix_get("@1"),
           params="index=@1")
    w.case("ix-arr-mask-view-float64", "setitem_get", [base("float64", (4, 5), "T"), Arr(g("bool", (5, 4)), "T")],
           _ix_get("@1"), params="index=@1")
    w.case("ix-arr-float-index-err", "setitem_get", [base("float64"), Arr(np.array([0.0, 1.0]))], _ix_get("@1"),
           params="index=@1")
    w.case("ix-empty-base-float64", "setitem_get", [Arr(np.zeros((0, 3)))], _ix_get("[]"), params="index=[]")
    w.case("ix-empty-mask-float64", "setitem_get", [Arr(np.zeros((0, 3))), Arr(np.zeros(0, bool))], _ix_get("@1"),
           params="index=@1")
    w.case("ix-empty-idx-int32", "setitem_get", [base("int32"), Arr(np.zeros((2, 0), np.int64))], _ix_get(":,@1"),
           params="index=:,@1")
    w.case("ix-nan-float64", "setitem_get", [Arr(np.array([np.nan, 1.0, -np.inf, -0.0]))], _ix_get("[0,3,2,0]"),
           params="index=[0,3,2,0]")
    # assignment: scalars, arrays, repeated positions (last wins), broadcasting, casting, errors
    sets = [("[0,2,-1]", ("int", 7)), ("[0,2,-1]", ("float", -2.5)), ("[True,False,True,True]", ("float", 1.5)),
            (":,[1,3]", ("int", -3)), ("[0,2],[1,-1]", ("bool", True)), ("[3,3,0]", ("int", 9)),
            ("[4]", ("int", 1)), ("[True,False]", ("int", 1))]
    for expr, (kind, val) in sets:
        for dt in DTYPES:
            w.case(f"ix-set-{dt}-{_ix_id(expr)}-{kind}", "setitem",
                   [base(dt), Scalar(kind, val)], setf_literal(expr), params=f"index={expr}")
    arrsets = [("[0,0,1]", (3, 5)), ("[0,0,1]", (5,)), ("[0,0,1]", (3, 1)), ("[1,1,1],[2,2,2]", (3,)),
               ("[0,2],:,[1,3]", (2, 4)), ("[0,2],[1,3]", (2, 5)), ("[0,0,1]", (4,)), ("[0,2],:,[1,3]", (4, 2)),
               ("[True,False,True],:,[0,4]", (2, 4)), ("1,[0,2]", (2, 5))]
    for expr, vshape in arrsets:
        shape = (3, 4, 5) if expr.count(",") >= 2 and ":" in expr or expr.startswith("[True,False,True]") or expr.startswith("1,") else (4, 5)
        if expr == "[1,1,1],[2,2,2]":
            shape = (4, 5)
        for dt, vdt in (("float64", "float64"), ("int32", "float64"), ("int8", "int64")):
            w.case(f"ix-set-{dt}-{'x'.join(map(str, shape))}-{_ix_id(expr)}-v{vdt}-{'x'.join(map(str, vshape))}", "setitem",
                   [base(dt, shape), Arr(g(vdt, vshape, "small"))], setf_literal(expr), params=f"index={expr}")
    w.case("ix-set-arr-operands-float64", "setitem_ix", [base("float64", (4, 5), "T"), Arr(np.array([[0, 4], [-1, 2]])),
                                                          Arr(g("float64", (2, 2, 4), "small"))],
           _ix_set("@1"), params="index=@1 cmp=base")
    w.case("ix-set-mask-operand-int16", "setitem_ix", [base("int16"), Arr(g("bool", (4, 5))), Scalar("int", -1)],
           _ix_set("@1"), params="index=@1")
    # routines
    for dt in DTYPES:
        a = base(dt, (3, 4))
        idx = Arr(np.array([[2, 0], [-1, 1]]))
        w.case(f"take-{dt}-ax1", "take", [a, idx], lambda x, i: np.take(x, i, axis=1), params="axis=1")
        w.case(f"take-{dt}-flat", "take", [a, Arr(np.array([11, -12, 5, 5]))], lambda x, i: np.take(x, i), params="axis=None")
        w.case(f"take-{dt}-oob", "take", [a, Arr(np.array([0, 4]))], lambda x, i: np.take(x, i, axis=0), params="axis=0")
        w.case(f"put-{dt}", "put", [base(dt, (3, 4)), Arr(np.array([0, 5, -1, 5])), Arr(g(dt, (2,), "small" if dt != "bool" else "any"))],
               lambda x, i, v: (np.put(x, i, v), x)[1], params="")
        order = np.argsort(g(dt, (3, 4), "small" if dt != "bool" else "any"), axis=1, kind="stable")
        w.case(f"take_along_axis-{dt}", "take_along_axis", [a, Arr(order)], lambda x, i: np.take_along_axis(x, i, axis=1),
               params="axis=1")
        w.case(f"take_along_axis-{dt}-ax0-bcast", "take_along_axis", [a, Arr(np.array([[2, 0, 1, -1]]))],
               lambda x, i: np.take_along_axis(x, i, axis=0), params="axis=0")
        w.case(f"put_along_axis-{dt}", "put_along_axis", [base(dt, (3, 4)), Arr(np.array([[1], [3], [0]])), Scalar("int", 1)],
               lambda x, i, v: (np.put_along_axis(x, i, v, axis=1), x)[1], params="axis=1")
        w.case(f"compress-{dt}", "compress", [Arr(np.array([True, False, True])), a], lambda c, x: np.compress(c, x, axis=0),
               params="axis=0")
        w.case(f"compress-{dt}-short-flat", "compress", [Arr(np.array([0, 1, 1, 0, 1])), a], lambda c, x: np.compress(c, x),
               params="axis=None")
        src = base(dt, (3, 4), "T")
        w.case(f"argwhere-{dt}", "argwhere", [src], np.argwhere)
        w.case(f"flatnonzero-{dt}", "flatnonzero", [src], np.flatnonzero)
        w.case(f"nonzero0-{dt}", "nonzero.0", [src], lambda x: np.nonzero(x)[0])
        w.case(f"nonzero1-{dt}", "nonzero.1", [src], lambda x: np.nonzero(x)[1])
        w.case(f"extract-{dt}", "extract", [Arr(g("bool", (3, 4))), a], np.extract)
        w.case(f"place-{dt}", "place", [base(dt, (3, 4)), Arr(g("bool", (3, 4))), Arr(g(dt, (3,), "small" if dt != "bool" else "any"))],
               lambda x, m, v: (np.place(x, m, v), x)[1])
        w.case(f"choose-{dt}", "choose", [Arr(np.array([[0, 2, 1, 0]])), base(dt, (3, 4)), base(dt, (4,)), base(dt, (3, 1))],
               lambda i, *c: np.choose(i, c))
    w.case("argwhere-float64-nan", "argwhere", [Arr(np.array([0.0, np.nan, -0.0, 1.0]))], np.argwhere)
    w.case("argwhere-int32-0d", "argwhere", [Arr(np.array(5, np.int32))], np.argwhere)
    w.case("argwhere-float64-empty", "argwhere", [Arr(np.zeros((0, 3)))], np.argwhere)
    w.case("flatnonzero-int64-0d", "flatnonzero", [Arr(np.array(0))], np.flatnonzero)
    w.case("nonzero0-int64-0d-err", "nonzero.0", [Arr(np.array(3))], lambda x: np.nonzero(x)[0])
    w.case("choose-oob", "choose", [Arr(np.array([0, 3])), Arr(np.array([1, 2])), Arr(np.array([3, 4]))],
           lambda i, *c: np.choose(i, c))
    # ufunc.at: repeated positions accumulate
    for dt in ("int64", "int8", "float32", "float64"):
        w.case(f"add.at-{dt}", "add.at", [base(dt, (5,)), Arr(np.array([0, 1, 1, 4, -1, 0])), Scalar("int", 2)],
               lambda x, i, v: (np.add.at(x, i, v), x)[1], params="index=@1")
        w.case(f"add.at-{dt}-rows", "add.at", [base(dt, (4, 3)), Arr(np.array([2, 2, 0])), Arr(g(dt, (3, 3), "small"))],
               lambda x, i, v: (np.add.at(x, i, v), x)[1], params="index=@1")
    w.case("multiply.at-float64", "multiply.at", [base("float64", (4,)), Arr(np.array([1, 1, 3])), Arr(np.array([2.0, 3.0, -1.0]))],
           lambda x, i, v: (np.multiply.at(x, i, v), x)[1], params="index=@1")
    w.case("maximum.at-int32-2d", "maximum.at", [base("int32", (3, 4)), Arr(np.array([0, 0, 2])), Arr(np.array([1, 3, 3])),
                                                 Scalar("int", 5)], lambda x, i, j, v: (np.maximum.at(x, (i, j), v), x)[1],
           params="index=@1,@2")
    w.case("add.at-int64-oob", "add.at", [base("int64", (3,)), Arr(np.array([0, 5])), Scalar("int", 1)],
           lambda x, i, v: (np.add.at(x, i, v), x)[1], params="index=@1")


def setf_literal(expr):
    def run(a, v):
        exec("a[" + expr + "] = v")  # noqa: S102 - our own literals
        return a
    return run


# ---------------------------------------------------------------------------- sorting and sets

def sort_set_cases(w):
    """sort/argsort (stable) along every axis of 1-3-D arrays and views, NaN and ties; searchsorted
    (both sides); unique with index/inverse/counts; isin, intersect1d, union1d, setdiff1d, lexsort."""
    g = gen

    def vals(dt, shape):
        if dt == "bool":
            return g(dt, shape)
        v = g(dt, shape, "tiny")  # ties
        if dt in FLOATS and v.size >= 6:
            f = v.reshape(-1)
            f[1] = np.nan
            f[4] = -np.inf
            f[-1] = np.nan
            f[2] = -0.0
        return v

    for dt in DTYPES:
        for shape, recipe, axes in (((13,), "-", (-1, None)), ((4, 6), "-", (0, 1, None)), ((4, 6), "T", (0, -1)),
                                    ((3, 4, 5), "index[::-1,:,::2]", (0, 1, 2)), ((0, 3), "-", (0, 1)), ((), "-", (None,))):
            a = Arr(vals(dt, shape), recipe)
            sid = "x".join(map(str, shape)) or "0d"
            rid = "" if recipe == "-" else "-" + _ix_id(recipe.replace("index[", "").replace("]", ""))
            for ax in axes:
                ap = "None" if ax is None else str(ax)
                w.case(f"sort-{dt}-{sid}{rid}-ax{ap}", "sort", [a], lambda x, ax=ax: np.sort(x, axis=ax), params=f"axis={ap}")
                w.case(f"argsort-{dt}-{sid}{rid}-ax{ap}", "argsort", [a],
                       lambda x, ax=ax: np.argsort(x, axis=ax, kind="stable"), params=f"axis={ap}")
        big = Arr(g(dt, (1000,)))
        w.case(f"sort-{dt}-n1000", "sort", [big], np.sort, params="axis=-1")
        w.case(f"argsort-{dt}-n1000", "argsort", [big], lambda x: np.argsort(x, kind="stable"), params="axis=-1")
        srt = np.sort(vals(dt, (9,)))
        for side in ("left", "right"):
            w.case(f"searchsorted-{dt}-{side}", "searchsorted", [Arr(srt), Arr(vals(dt, (2, 5)))],
                   lambda s, v, side=side: np.searchsorted(s, v, side=side), params=f"side={side}")
        w.case(f"searchsorted-{dt}-scalar", "searchsorted", [Arr(srt), Scalar("int", 1)],
               lambda s, v: np.searchsorted(s, v), params="side=left")
        u = Arr(vals(dt, (4, 5)), "T")
        w.case(f"unique-{dt}", "unique", [u], np.unique)
        w.case(f"unique.index-{dt}", "unique.index", [u], lambda x: np.unique(x, return_index=True)[1])
        w.case(f"unique.inverse-{dt}", "unique.inverse", [u], lambda x: np.unique(x, return_inverse=True)[1])
        w.case(f"unique.counts-{dt}", "unique.counts", [u], lambda x: np.unique(x, return_counts=True)[1])
        b = Arr(vals(dt, (7,)))
        w.case(f"isin-{dt}", "isin", [u, b], np.isin)
        w.case(f"isin-{dt}-invert", "isin", [u, b], lambda x, y: np.isin(x, y, invert=True), params="invert=1")
        w.case(f"intersect1d-{dt}", "intersect1d", [u, b], np.intersect1d)
        w.case(f"union1d-{dt}", "union1d", [u, b], np.union1d)
        w.case(f"setdiff1d-{dt}", "setdiff1d", [u, b], np.setdiff1d)
        w.case(f"lexsort-{dt}", "lexsort", [Arr(vals(dt, (12,))), Arr(g("int8", (12,), "tiny"))], lambda *k: np.lexsort(k))
    w.case("unique-float64-empty", "unique", [Arr(np.zeros(0))], np.unique)
    w.case("unique.inverse-int64-0d", "unique.inverse", [Arr(np.array(4))], lambda x: np.unique(x, return_inverse=True)[1])
    w.case("sort-int32-0d-axis-err", "sort", [Arr(np.array(3, np.int32))], lambda x: np.sort(x, axis=-1), params="axis=-1")
    w.case("isin-int64-float64", "isin", [Arr(np.array([1, 2, 3])), Arr(np.array([2.0, 2.5, np.nan]))], np.isin)
    w.case("searchsorted-int32-float", "searchsorted", [Arr(np.array([1, 2, 3], np.int32)), Scalar("float", 2.5)],
           lambda s, v: np.searchsorted(s, v), params="side=left")


# ---------------------------------------------------------------------------- manipulation

def manipulation_cases(w):
    """flip/fliplr/flipud/rot90/moveaxis/diagonal (views), diag/trace/tril/triu, atleast_nd,
    broadcast_arrays, meshgrid, split/array_split/hsplit/vsplit/dsplit (each part), hstack/vstack/
    dstack/column_stack, tile, repeat, roll; every dtype, views, empty and 0-d operands."""
    g = gen

    def arr(dt, shape, rec="-"):
        return Arr(g(dt, shape, "small" if dt != "bool" else "any"), rec)

    for dt in DTYPES:
        a = arr(dt, (3, 4), "T")
        b3 = arr(dt, (2, 3, 4), "index[:,::-1]")
        w.case(f"flip-{dt}-all", "flip", [b3], np.flip, params="axis=None")
        w.case(f"flip-{dt}-ax02", "flip", [b3], lambda x: np.flip(x, (0, 2)), params="axis=0,2")
        w.case(f"fliplr-{dt}", "fliplr", [a], np.fliplr)
        w.case(f"flipud-{dt}", "flipud", [a], np.flipud)
        for k in (1, 2, 3, -1):
            w.case(f"rot90-{dt}-k{k}".replace("-1", "m1"), "rot90", [a], lambda x, k=k: np.rot90(x, k), params=f"k={k}")
        w.case(f"rot90-{dt}-3d-ax21", "rot90", [b3], lambda x: np.rot90(x, 1, axes=(2, 1)), params="k=1 axes=2,1")
        w.case(f"moveaxis-{dt}", "moveaxis", [b3], lambda x: np.moveaxis(x, [0, 1], [-1, 0]), params="source=0,1 destination=-1,0")
        for off in (0, 1, -2, 5):
            w.case(f"diagonal-{dt}-off{off}".replace("-2", "m2"), "diagonal", [b3],
                   lambda x, off=off: np.diagonal(x, off, 1, 2), params=f"offset={off} axis1=1 axis2=2")
        w.case(f"diag-{dt}-1d-k1", "diag", [arr(dt, (3,), "index[::-1]")], lambda x: np.diag(x, 1), params="k=1")
        w.case(f"diag-{dt}-2d-km1", "diag", [a], lambda x: np.diag(x, -1), params="k=-1")
        if dt != "bool":
            w.case(f"trace-{dt}", "trace", [b3], lambda x: np.trace(x, 1), params="offset=1")
        w.case(f"tril-{dt}", "tril", [b3], lambda x: np.tril(x, -1), params="k=-1")
        w.case(f"triu-{dt}", "triu", [a], lambda x: np.triu(x, 1), params="k=1")
        w.case(f"tile-{dt}", "tile", [arr(dt, (2, 3))], lambda x: np.tile(x, (2, 1, 2)), params="reps=2,1,2")
        w.case(f"repeat-{dt}-ax1", "repeat", [a], lambda x: np.repeat(x, [1, 0, 2], axis=1), params="repeats=1,0,2 axis=1")
        w.case(f"repeat-{dt}-flat", "repeat", [a], lambda x: np.repeat(x, 2), params="repeats=2 axis=None")
        w.case(f"roll-{dt}-ax0", "roll", [a], lambda x: np.roll(x, -5, axis=0), params="shift=-5 axis=0")
        w.case(f"roll-{dt}-flat", "roll", [a], lambda x: np.roll(x, 7), params="shift=7 axis=None")
        for part in range(3):
            w.case(f"array_split-{dt}-p{part}", "array_split", [arr(dt, (2, 7))],
                   lambda x, part=part: np.array_split(x, 3, axis=1)[part], params=f"sections=3 axis=1 part={part}")
        w.case(f"split-{dt}-cuts-p1", "split", [arr(dt, (8,), "index[::-1]")], lambda x: np.split(x, [2, 5, 20])[1],
               params="cuts=2,5,20 axis=0 part=1")
        for fn, shape in (("hstack", ((2, 3), (2, 1))), ("vstack", ((3,), (2, 3))), ("dstack", ((2, 3), (2, 3, 2))),
                          ("column_stack", ((3,), (3, 2)))):
            w.case(f"{fn}-{dt}", fn, [arr(dt, shape[0]), arr("int16", shape[1])], lambda x, y, fn=fn: getattr(np, fn)((x, y)))
        w.case(f"hstack-{dt}-1d", "hstack", [arr(dt, (2,)), arr(dt, (3,))], lambda x, y: np.hstack((x, y)))
        w.case(f"atleast_3d-{dt}", "atleast_3d", [arr(dt, (4,))], np.atleast_3d)
    w.case("atleast_2d-0d", "atleast_2d", [Arr(np.array(2.5))], np.atleast_2d)
    w.case("atleast_1d-0d", "atleast_1d", [Arr(np.array(7))], np.atleast_1d)
    w.case("meshgrid-xy-0", "meshgrid", [arr("float64", (3,)), arr("int32", (2,)), arr("int8", (4,))],
           lambda *x: np.meshgrid(*x)[0], params="indexing=xy part=0")
    w.case("meshgrid-xy-2", "meshgrid", [arr("float64", (3,)), arr("int32", (2,)), arr("int8", (4,))],
           lambda *x: np.meshgrid(*x)[2], params="indexing=xy part=2")
    w.case("meshgrid-ij-1", "meshgrid", [arr("float64", (3,)), arr("int32", (2,))],
           lambda *x: np.meshgrid(*x, indexing="ij")[1], params="indexing=ij part=1")
    w.case("broadcast_arrays-1", "broadcast_arrays", [arr("float32", (3, 1)), arr("int64", (4,))],
           lambda *x: np.broadcast_arrays(*x)[1], params="part=1")
    w.case("split-unequal-err", "split", [arr("int32", (7,))], lambda x: np.split(x, 3)[0], params="sections=3 axis=0 part=0")
    w.case("roll-empty", "roll", [Arr(np.zeros((0, 3)))], lambda x: np.roll(x, 2, axis=0), params="shift=2 axis=0")
    w.case("tile-0d", "tile", [Arr(np.array(3))], lambda x: np.tile(x, 3), params="reps=3")
    w.case("fliplr-1d-err", "fliplr", [arr("int32", (3,))], np.fliplr)
    w.case("vsplit-1d-err", "vsplit", [arr("int32", (4,))], lambda x: np.vsplit(x, 2)[0], params="sections=2 part=0")
    w.case("hsplit-p1", "hsplit", [arr("float64", (2, 4))], lambda x: np.hsplit(x, 2)[1], params="sections=2 part=1")
    w.case("dsplit-p0", "dsplit", [arr("float64", (2, 1, 4))], lambda x: np.dsplit(x, 2)[0], params="sections=2 part=0")
    w.case("moveaxis-repeat-err", "moveaxis", [arr("int32", (2, 3))], lambda x: np.moveaxis(x, [0, 0], [0, 1]),
           params="source=0,0 destination=0,1")


def matmul_edge_cases(w):
    """matmul/dot: size-0 dimensions, transposed and negative-step operands, 1-D with N-D,
    integer wrap, bool."""
    mm = lambda a, b: np.matmul(a, b)  # noqa: E731
    dot = lambda a, b: np.dot(a, b)  # noqa: E731
    g = lambda t, s, d=None: gen(t, s, d or ("small" if t != "bool" else "any"))  # noqa: E731
    zero_shapes = [((0, 3), (3, 4)), ((2, 0), (0, 3)), ((0,), (0, 3)), ((2, 0), (0,)), ((0,), (0,)),
                   ((2, 0, 3), (3, 4)), ((0, 3), (3, 0)), ((3, 2, 0), (0, 4)), ((2, 3), (3, 0))]
    for t in ("float64", "float32", "int32", "int8", "bool", "int64"):
        for s1, s2 in zero_shapes:
            sid = "x".join("_".join(map(str, s)) or "0d" for s in (s1, s2))
            w.case(f"matmul-{t}-zero-{sid}", "matmul", [Arr(g(t, s1)), Arr(g(t, s2))], mm)
            if len(s1) <= 2 and len(s2) <= 2:
                w.case(f"dot-{t}-zero-{sid}", "dot", [Arr(g(t, s1)), Arr(g(t, s2))], dot)
    for t in ("float64", "float32", "int32", "int8"):
        cases = [
            ("T-T", (4, 3), "T", (5, 4), "T"),
            ("rev-rev", (3, 4), "index[::-1, ::-1]", (4, 5), "index[::-1, ::-1]"),
            ("T-rev", (4, 3), "T;index[::-1]", (5, 6), "index[1:, ::-2]"),
            ("step-T", (6, 8), "index[::-2, 1::2]", (2, 4), "T"),
            ("1d-rev-2d", (4,), "index[::-1]", (4, 3), "T;T"),
            ("1d-step-3d", (8,), "index[::-2]", (2, 4, 3), "index[:, ::-1, :]"),
            ("3d-1d-rev", (2, 3, 4), "index[::-1]", (4,), "index[::-1]"),
            ("3d-T-1d", (4, 3, 2), "T", (4,), "-"),
            ("2d-1d-step", (3, 4), "T;T", (8,), "index[1::2]"),
            ("1d-4d", (3,), "-", (2, 1, 3, 2), "-"),
            ("4d-1d", (2, 1, 2, 3), "-", (3,), "index[::-1]"),
            ("bcast-rev", (1, 3, 4), "index[:, ::-1]", (2, 4, 2), "index[::-1]"),
        ]
        for tag, s1, r1, s2, r2 in cases:
            w.case(f"matmul-{t}-{tag}", "matmul", [Arr(g(t, s1), r1), Arr(g(t, s2), r2)], mm)
            w.case(f"dot-{t}-{tag}", "dot", [Arr(g(t, s1), r1), Arr(g(t, s2), r2)], dot)
    for t in ("int8", "int16", "uint8"):
        w.case(f"matmul-{t}-wrap-k40", "matmul", [Arr(g(t, (3, 40), "any")), Arr(g(t, (40, 2), "any"))], mm)
        w.case(f"matmul-{t}-wrap-T", "matmul", [Arr(g(t, (40, 3), "any"), "T"), Arr(g(t, (2, 40), "any"), "T")], mm)
        w.case(f"matmul-{t}-wrap-1d", "matmul", [Arr(g(t, (40,), "any")), Arr(g(t, (40,), "any"), "index[::-1]")], mm)
        w.case(f"dot-{t}-wrap-k40", "dot", [Arr(g(t, (3, 40), "any")), Arr(g(t, (40, 2), "any"))], dot)
    w.case("matmul-int8-wrap-all-127", "matmul", [Arr(np.full((2, 9), 127, np.int8)), Arr(np.full((9, 2), 127, np.int8))], mm)
    w.case("matmul-int8-wrap-min", "matmul", [Arr(np.full((1, 3), -128, np.int8)), Arr(np.full((3, 1), -128, np.int8))], mm)
    for tag, s1, r1, s2, r2 in (("2d", (3, 5), "-", (5, 4), "-"), ("T", (5, 3), "T", (4, 5), "T"),
                                ("1d", (6,), "-", (6,), "index[::-1]"), ("1d-2d", (5,), "-", (5, 3), "-"),
                                ("batched", (2, 3, 4), "-", (4, 2), "index[::-1]"), ("k64", (2, 64), "-", (64, 3), "-")):
        w.case(f"matmul-boolv-{tag}", "matmul", [Arr(g("bool", s1), r1), Arr(g("bool", s2), r2)], mm)
        w.case(f"dot-boolv-{tag}", "dot", [Arr(g("bool", s1), r1), Arr(g("bool", s2), r2)], dot)
    w.case("matmul-bool-all-false", "matmul", [Arr(np.zeros((2, 3), bool)), Arr(np.ones((3, 2), bool))], mm)
    w.case("matmul-bool.int8", "matmul", [Arr(g("bool", (3, 4))), Arr(g("int8", (4, 2), "any"))], mm)
    w.case("matmul-bool.float32", "matmul", [Arr(g("bool", (3, 4))), Arr(g("float32", (4, 2)))], mm)
    w.case("matmul-float64-zero-mismatch", "matmul", [Arr(g("float64", (2, 0))), Arr(g("float64", (3, 4)))], mm)
    w.case("dot-float64-zero-mismatch", "dot", [Arr(g("float64", (0,))), Arr(g("float64", (3,)))], dot)


def cum_stats_cases(w):
    """cumsum/cumprod on views and along each axis of 3-D arrays (float32 and integer types);
    mean/var/std of int8 and bool (float64 results), ddof 0/1/2 and ddof >= n."""
    def cum(name, ax):
        f = getattr(np, name)
        return lambda a: f(a, axis=ax)
    for name in ("cumsum", "cumprod"):
        dom = "prod" if name == "cumprod" else "reduce"
        for dt in ("float32", "int8", "int16", "int32", "int64", "uint8", "bool", "float64"):
            a = gen(dt, (3, 4, 5), dom)
            for ax in (0, 1, 2, -1, -2, None):
                w.case(f"{name}-3d-{dt}-ax{axis_id(ax)}", name, [Arr(a)], cum(name, ax), params=axis_param(ax))
        for dt in ("float32", "int32", "int8", "float64"):
            for tag, shape, recipe in (("T", (5, 4, 3), "T"), ("rev", (3, 4, 5), "index[::-1, :, ::-2]"),
                                       ("slice", (4, 6, 5), "index[1:, ::-2, 1:4]"), ("bcast", (4, 5), "broadcast(3,4,5)"),
                                       ("swap", (4, 3, 5), "T;reshape(5,3,4);T")):
                a = Arr(gen(dt, shape, dom), recipe)
                for ax in (0, 1, 2, None):
                    w.case(f"{name}-view-{tag}-{dt}-ax{axis_id(ax)}", name, [a], cum(name, ax), params=axis_param(ax))
            a1 = Arr(gen(dt, (12,), dom), "index[::-1]")
            w.case(f"{name}-1d-rev-{dt}", name, [a1], cum(name, None), params="axis=None")
            w.case(f"{name}-1d-step-{dt}-ax0", name, [Arr(gen(dt, (12,), dom), "index[10::-3]")], cum(name, 0), params="axis=0")
        w.case(f"{name}-int8-wrap-to-int64", name, [Arr(np.full((20,), 100 if name == "cumsum" else 3, np.int8))],
               cum(name, None), params="axis=None")
        w.case(f"{name}-int32-wrap", name, [Arr(np.array([2 ** 30, 2 ** 30, 2 ** 30, -5], np.int32))], cum(name, None),
               params="axis=None")
        w.case(f"{name}-3d-axis-out-of-range", name, [Arr(gen("float32", (2, 2, 2), dom))], cum(name, 3), params="axis=3")
        w.case(f"{name}-3d-empty-ax1", name, [Arr(gen("int16", (2, 0, 3), dom))], cum(name, 1), params="axis=1")

    def stat(name, ax, ddof, kd=False):
        f = getattr(np, name)
        kw = {"axis": ax, "keepdims": kd}
        if ddof is not None:
            kw["ddof"] = ddof
        return lambda a: f(a, **kw)

    def prm(ax, ddof, kd=False):
        return f"{axis_param(ax)} keepdims={int(kd)}" + (f" ddof={ddof}" if ddof is not None else "")
    for dt in ("int8", "bool", "uint8", "int16"):
        a = gen(dt, (2, 3, 4), "any")
        for name in ("mean", "var", "std"):
            for ax in (None, 0, 1, -1, (0, 2)) if dt in ("int8", "bool") else (None, 1):
                for ddof in ((None,) if name == "mean" else (0, 1, 2)):
                    for kd in (False, True) if ax == 1 else (False,):
                        cid = f"{name}-{dt}-ax{axis_id(ax)}" + (f"-ddof{ddof}" if ddof is not None else "") + ("-kd" if kd else "")
                        w.case("stat-" + cid, name, [Arr(a)], stat(name, ax, ddof, kd), params=prm(ax, ddof, kd))
    # ddof >= n: inf or nan as NumPy gives (0/0 nan, x/0 inf, negative count treated as 0)
    for dt in ("int8", "bool", "float64"):
        x = gen(dt, (3,), "any")
        c = np.full((3,), 5 if dt != "bool" else True, dt)
        for name in ("var", "std"):
            for ddof in (3, 4, 10):
                w.case(f"stat-{name}-{dt}-n3-ddof{ddof}", name, [Arr(x)], stat(name, None, ddof), params=prm(None, ddof))
            w.case(f"stat-{name}-{dt}-n3-const-ddof3", name, [Arr(c)], stat(name, None, 3), params=prm(None, 3))
            w.case(f"stat-{name}-{dt}-2x3-ax0-ddof2", name, [Arr(gen(dt, (2, 3), "any"))], stat(name, 0, 2),
                   params=prm(0, 2))
            w.case(f"stat-{name}-{dt}-2x3-ax1-ddof3-kd", name, [Arr(gen(dt, (2, 3), "any"))], stat(name, 1, 3, True),
                   params=prm(1, 3, True))
            w.case(f"stat-{name}-{dt}-empty-ddof0", name, [Arr(gen(dt, (0,), "any"))], stat(name, None, 0), params=prm(None, 0))
            w.case(f"stat-{name}-{dt}-n1-ddof1", name, [Arr(gen(dt, (1,), "any"))], stat(name, None, 1), params=prm(None, 1))
    for dt in ("int8", "bool"):
        w.case(f"stat-mean-{dt}-empty", "mean", [Arr(gen(dt, (0, 2), "any"))], stat("mean", None, None), params=prm(None, None))
        w.case(f"stat-mean-{dt}-empty-ax0", "mean", [Arr(gen(dt, (0, 2), "any"))], stat("mean", 0, None), params=prm(0, None))
    w.case("stat-mean-int8-no-overflow", "mean", [Arr(np.full((100,), 100, np.int8))], stat("mean", None, None),
           params=prm(None, None))
    w.case("stat-var-int8-extremes", "var", [Arr(np.array([-128, 127, -128, 127, 0], np.int8))], stat("var", None, 1),
           params=prm(None, 1))
    w.case("stat-std-int8-T-ax1-ddof1", "std", [Arr(gen("int8", (4, 3), "any"), "T")], stat("std", 1, 1), params=prm(1, 1))
    w.case("stat-var-bool-rev-ax0-ddof2", "var", [Arr(gen("bool", (5, 3)), "index[::-1, ::-1]")], stat("var", 0, 2),
           params=prm(0, 2))
    w.case("stat-mean-bool-all-true", "mean", [Arr(np.ones((7,), bool))], stat("mean", None, None), params=prm(None, None))


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

# Groups added later draw from their own generators (seeded with [SEED, k]), so that adding or
# changing cases in one of them changes no other file.
OWN_SEED_GROUPS = [
    ("keepdims.tsv", "argmax/argmin(axis, keepdims) and any/all(keepdims, axes).", keepdims_cases),
    ("reductions_large.tsv", "float32/float64 sum, mean, var, std over 127..4099 elements and (300,70) views "
     "(pairwise blocks, many strips); synthesised operands, tolerance relative to sum |x|.", large_reduction_cases),
    ("out_views.tsv", "Ufunc.callInto with out= views of bigger arrays, where= broadcast, out= aliasing inputs; "
     "the whole base array is compared.", out_view_cases),
    ("setitem.tsv", "NDArray.set(String, value) against a[idx] = value: scalars, arrays, casting, overlap.",
     setitem_cases),
    ("matmul_edge.tsv", "matmul/dot: size-0 dimensions, views, 1-D with N-D, integer wrap, bool.", matmul_edge_cases),
    ("cum_stats.tsv", "cumsum/cumprod on views and 3-D axes; mean/var/std of int8 and bool with ddof.",
     cum_stats_cases),
    ("indexing_adv.tsv", "Advanced indexing (integer arrays, bool masks, list literals), take/put/"
     "take_along_axis/put_along_axis/compress/nonzero/argwhere/flatnonzero/choose/extract/place, ufunc.at.",
     advanced_index_cases),
    ("sorting.tsv", "sort/argsort (stable) on every axis and dtype with NaN and ties, searchsorted, unique, "
     "isin/intersect1d/union1d/setdiff1d, lexsort.", sort_set_cases),
    ("manipulation.tsv", "flip/rot90/moveaxis/diagonal views, diag/trace/tril/triu, splits, stacks, tile, repeat, "
     "roll, meshgrid, atleast_nd, broadcast_arrays.", manipulation_cases),
]


def build():
    out = {}
    global rng
    for name, title, fn in GROUPS:
        w = Writer(name, title)
        fn(w)
        out[name] = (w.text(), w.count)
    for k, (name, title, fn) in enumerate(OWN_SEED_GROUPS):
        rng = np.random.default_rng([SEED, k + 1])
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
