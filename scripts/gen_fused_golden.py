#!/usr/bin/env python3
"""Writes the NumPy golden data of fused expressions (ND.evaluate / ND.fuse), read by
io.github.ndarray.golden.FusedGoldenTest.

Output: ndarray-conformance/src/test/resources/golden/fused.tsv, in the format of
scripts/gen_golden.py (see its docstring), one case per random expression:

    case  fused-<n>-<dtypes>  fused  expr=<expression without spaces> rtol=<r> atol=<a>
    arg / scalar lines: the variables a, b, c, ... in order (arrays with a view recipe, or
                        Python scalars, which are weak like Java scalars)
    expect / raises:    what NumPy gave for eval(expression) on them

The expressions come from a seeded random generator over every dtype: operators, comparisons,
bitwise/logical ops, ufuncs by NumPy name, where(), weak literals, broadcasting, transposed,
reversed and strided views, empty and 0-d operands, NaN and infinities, and a trailing
sum/prod/min/max/mean over all axes or one. Each subexpression is evaluated with NumPy as it is
built, so that the generator can keep away from what this library does not have (float16,
uint16 and wider unsigned results) and from what cannot be compared: a rounding-dependent
result (a transcendental's or pow's) fed into a discontinuous op (a comparison, floor, //, ...).
Number-only subexpressions (2*3) are not generated: NumPy's functions of Python numbers give
strong NumPy scalars where the library folds them into weak ones (docs/fused.md).

Tolerance per case: rtol=0 atol=0 (exact) when every op is exact (integer ops, + - * /
sqrt, comparisons, selections, rounding); otherwise rtol = 1e-12 (float64) or 1e-6 (float32)
times the number of inexact ops (and times n for a reduction over n terms), and atol = rtol
times the largest finite magnitude among the expression's values, so that cancellation is
judged against the terms.

Usage:
    python3 scripts/gen_fused_golden.py           # (re)write the file
    python3 scripts/gen_fused_golden.py --check   # exit 1 if the committed file differs
"""
import argparse
import math
import sys
import warnings
from pathlib import Path

import numpy as np

SEED = 20261204
CASES = 3000
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "ndarray-conformance" / "src" / "test" / "resources" / "golden" / "fused.tsv"

DTYPES = ["bool", "int8", "uint8", "int16", "int32", "int64", "float32", "float64"]
SUPPORTED = set(DTYPES)
NAMES = "abcd"

# name -> (arity, exact for floats, continuous)
BINARY_OPS = {"+": (True, True), "-": (True, True), "*": (True, True), "/": (True, True),
              "//": (False, False), "%": (False, False), "**": (False, True),
              "<": (True, False), "<=": (True, False), ">": (True, False), ">=": (True, False),
              "==": (True, False), "!=": (True, False), "&": (True, False), "|": (True, False),
              "^": (True, False), "<<": (True, False), ">>": (True, False)}
UNARY_FUNCS = {"sqrt": (True, True), "absolute": (True, True), "negative": (True, True), "square": (True, True),
               "reciprocal": (True, True), "floor": (True, False), "ceil": (True, False), "trunc": (True, False),
               "rint": (True, False), "sign": (True, False), "exp": (False, True), "log": (False, True),
               "log1p": (False, True), "expm1": (False, True), "log2": (False, True), "log10": (False, True),
               "sin": (False, True), "cos": (False, True), "tan": (False, True), "arctan": (False, True),
               "tanh": (False, True), "sinh": (False, True), "cbrt": (False, True), "arcsin": (False, True),
               "isnan": (True, False), "isinf": (True, False), "isfinite": (True, False),
               "logical_not": (True, False), "invert": (True, False)}
BINARY_FUNCS = {"maximum": (True, True), "minimum": (True, True), "fmax": (True, True), "fmin": (True, True),
                "arctan2": (False, True), "logical_and": (True, False), "logical_or": (True, False),
                "logical_xor": (True, False), "power": (False, True)}
REDUCTIONS = ["sum", "prod", "min", "max", "mean"]

rng = np.random.default_rng(SEED)


class Node:
    """A generated subexpression: its text, NumPy value, whether it is a weak literal, whether
    its float value is rounding-dependent, how many inexact ops it has, its largest magnitude."""

    def __init__(self, text, value, literal=False, inexact=0, scale=0.0, single=False):
        self.text = text
        self.value = value
        self.literal = literal
        self.inexact = inexact
        self.scale = scale
        self.single = single  # an inexact op computed in float32


def magnitude(v):
    a = np.asarray(v)
    if a.dtype.kind not in "fiub" or a.size == 0:
        return 0.0
    a = np.abs(a.astype(np.float64))
    a = a[np.isfinite(a)]
    return float(a.max()) if a.size else 0.0


def dtype_of(v):
    return np.asarray(v).dtype.name if not isinstance(v, (bool, int, float)) else None


def random_values(dtype, n):
    if dtype == "bool":
        return rng.random(n) < 0.5
    if dtype.startswith("float"):
        v = rng.normal(0, 3, n)
        special = rng.random(n)
        v[special < 0.04] = np.nan
        v[(special >= 0.04) & (special < 0.07)] = np.inf
        v[(special >= 0.07) & (special < 0.09)] = -np.inf
        v[(special >= 0.09) & (special < 0.11)] = 0.0
        return v.astype(dtype)
    hi = {"int8": 20, "uint8": 40, "int16": 300, "int32": 1000, "int64": 10 ** 6}[dtype]
    lo = 0 if dtype == "uint8" or rng.random() < 0.6 else -hi
    return rng.integers(lo, hi + 1, n).astype(dtype)


SHAPES = [(), (5,), (3, 4), (2, 3, 4), (4, 1), (0,), (2, 0), (1,), (7,)]
# More than one block of the CPU's fused evaluator (1024 elements), now and then.
LARGE_SHAPE = (8, 150)


def operand_shape(out_shape):
    """A shape that broadcasts to out_shape: itself, a suffix, or some axes set to 1."""
    r = rng.random()
    if r < 0.55 or not out_shape:
        return tuple(out_shape)
    if r < 0.75:
        k = int(rng.integers(0, len(out_shape) + 1))
        return tuple(out_shape[k:])
    return tuple(1 if rng.random() < 0.5 else d for d in out_shape)


def make_array(dtype, shape):
    """A base array and a recipe whose view has `shape`; returns (base, recipe, view)."""
    n = int(np.prod(shape)) if shape else 1
    r = rng.random()
    if r < 0.6 or n == 0:
        base = random_values(dtype, n).reshape(shape)
        return base, "-", base
    if r < 0.75 and len(shape) >= 2:
        base = random_values(dtype, n).reshape(tuple(reversed(shape)))
        return base, "T", base.T
    if r < 0.88 and len(shape) >= 1:
        base = random_values(dtype, n).reshape(shape)
        index = ",".join(["::-1"] + [":"] * (len(shape) - 1))
        return base, "index[" + index + "]", base[tuple([slice(None, None, -1)] + [slice(None)] * (len(shape) - 1))]
    if len(shape) >= 1:
        big = (shape[0] * 2,) + tuple(shape[1:])
        base = random_values(dtype, int(np.prod(big))).reshape(big)
        index = ",".join(["::2"] + [":"] * (len(shape) - 1))
        return base, "index[" + index + "]", base[tuple([slice(None, None, 2)] + [slice(None)] * (len(shape) - 1))]
    base = random_values(dtype, 1).reshape(())
    return base, "-", base


def literal():
    r = rng.random()
    if r < 0.45:
        v = int(rng.integers(0, 8))
        return Node(str(v), v, literal=True)
    if r < 0.55:
        v = -int(rng.integers(1, 5))
        return Node("(" + str(v) + ")", v, literal=True)
    if r < 0.85:
        v = float(rng.choice([0.5, 1.5, 2.0, -0.25, 3.0, 0.001, 2.5]))
        return Node(repr(v), v, literal=True)
    if r < 0.95:
        v = bool(rng.random() < 0.5)
        return Node(str(v), v, literal=True)
    v = float(rng.choice([math.inf, -math.inf, math.nan]))
    text = {math.inf: "inf", -math.inf: "(-inf)"}.get(v, "nan")
    return Node(text, v, literal=True)


def is_float(v):
    return np.asarray(v).dtype.kind == "f"


RAISES = object()


def combine(text, value, parts, exact, continuous):
    """A new node from its parts; None if it must not be generated. A part or value that NumPy
    refused (RAISES) makes a node that raises, kept now and then so that errors are tested."""
    if value is RAISES or any(p.value is RAISES for p in parts):
        return Node(text, RAISES) if rng.random() < 0.3 else None
    for p in parts:
        if p.inexact and not continuous and is_float(p.value):
            return None
    dt = dtype_of(value)
    if dt is None or dt not in SUPPORTED:
        return None
    rounded = not exact and is_float(value)
    inexact = sum(p.inexact for p in parts) + (1 if rounded else 0)
    scale = max([magnitude(value)] + [p.scale for p in parts])
    single = any(p.single for p in parts) or (rounded and dtype_of(value) == "float32")
    return Node(text, value, inexact=inexact, scale=scale, single=single)


def attempt(f, *args):
    if any(a is RAISES for a in args):
        return RAISES
    try:
        return f(*args)
    except Exception:
        return RAISES


def apply_binary(op, x, y):
    return attempt(lambda x, y: eval("x " + op + " y", {}, {"x": x, "y": y}), x, y)


def gen(depth, variables, top=False):
    """A random subexpression (an operation at the top); None when it leaves the supported
    dtypes or compares a rounding-dependent value."""
    if depth == 0 or (not top and rng.random() < 0.25):
        return variables[int(rng.integers(0, len(variables)))]
    r = rng.random()
    if r < 0.5:
        op = str(rng.choice(list(BINARY_OPS)))
        x = gen(depth - 1, variables)
        y = literal() if rng.random() < 0.3 else gen(depth - 1, variables)
        if x is None or y is None:
            return None
        if rng.random() < 0.5:
            x, y = y, x
        if x.literal and y.literal:
            return None
        value = apply_binary(op, x.value, y.value)
        exact, cont = BINARY_OPS[op]
        return combine("(" + x.text + op + y.text + ")", value, [x, y], exact, cont)
    if r < 0.62:
        x = gen(depth - 1, variables)
        if x is None or x.literal:
            return None
        op = str(rng.choice(["-", "~"]))
        value = attempt(lambda v: -v if op == "-" else ~v, x.value)
        return combine("(" + op + x.text + ")", value, [x], True, op == "-")
    if r < 0.82:
        f = str(rng.choice(list(UNARY_FUNCS)))
        x = gen(depth - 1, variables)
        if x is None or x.literal:
            return None
        if f == "reciprocal" and x.value is not RAISES and not is_float(x.value):
            return None  # NumPy's integer reciprocal of 0 is what the C compiler makes of 1/0
        exact, cont = UNARY_FUNCS[f]
        return combine(f + "(" + x.text + ")", attempt(getattr(np, f), x.value), [x], exact, cont)
    if r < 0.92:
        f = str(rng.choice(list(BINARY_FUNCS)))
        x = gen(depth - 1, variables)
        y = literal() if rng.random() < 0.3 else gen(depth - 1, variables)
        if x is None or y is None or (x.literal and y.literal):
            return None
        exact, cont = BINARY_FUNCS[f]
        return combine(f + "(" + x.text + "," + y.text + ")", attempt(getattr(np, f), x.value, y.value), [x, y], exact, cont)
    c = gen(depth - 1, variables)
    x = gen(depth - 1, variables)
    y = literal() if rng.random() < 0.3 else gen(depth - 1, variables)
    if c is None or x is None or y is None or (c.literal and x.literal and y.literal):
        return None
    if c.value is not RAISES and c.inexact and is_float(c.value):
        return None
    return combine("where(" + c.text + "," + x.text + "," + y.text + ")", attempt(np.where, c.value, x.value, y.value),
                   [c, x, y], True, True)


def fmt_value(v, dtype):
    if dtype == "bool":
        return "1" if v else "0"
    if dtype.startswith("float"):
        f = float(v)
        if math.isnan(f):
            return "nan"
        if math.isinf(f):
            return "inf" if f > 0 else "-inf"
        return float.hex(f)
    return str(int(v))


def fmt_array(a):
    a = np.asarray(a)
    return " ".join(fmt_value(x, a.dtype.name) for x in a.ravel())


def fmt_shape(shape):
    if len(shape) == 1:
        return "(" + str(shape[0]) + ",)"
    return "(" + ",".join(str(d) for d in shape) + ")"


def one_case(n):
    primary = str(rng.choice(DTYPES))
    out_shape = LARGE_SHAPE if rng.random() < 0.01 else SHAPES[int(rng.integers(0, len(SHAPES)))]
    nvars = int(rng.integers(1, 4))
    variables, lines, dtypes = [], [], []
    for i in range(nvars):
        if i > 0 and rng.random() < 0.12:
            lit = literal()
            while lit.text in ("inf", "(-inf)", "nan"):
                lit = literal()
            v = lit.value
            kind = "bool" if isinstance(v, bool) else "int" if isinstance(v, int) else "float"
            lines.append("scalar\t" + kind + "\t" + (("1" if v else "0") if kind == "bool" else str(v) if kind == "int"
                                                      else float.hex(v)))
            # weak, like a literal: NumPy's functions of it give strong NumPy scalars (not generated)
            variables.append(Node(NAMES[i], v, literal=True))
            dtypes.append(kind)
            continue
        dtype = primary if rng.random() < 0.6 else str(rng.choice(DTYPES))
        base, recipe, view = make_array(dtype, operand_shape(out_shape))
        lines.append("arg\t" + dtype + "\t" + fmt_shape(base.shape) + "\t" + recipe + "\t" + fmt_array(base))
        variables.append(Node(NAMES[i], view, scale=magnitude(view)))
        dtypes.append(dtype)
    node = None
    for _ in range(20):
        try:
            node = gen(3, variables, top=True)
        except Exception:
            node = None
        if node is not None and not node.literal and (node.value is RAISES or dtype_of(node.value) is not None):
            break
        node = None
    if node is None:
        return None
    text = node.text
    if text.startswith("(") and text.endswith(")") and balanced(text[1:-1]):
        text = text[1:-1]
    terms = 1
    if node.value is not RAISES and rng.random() < 0.15 and np.asarray(node.value).ndim > 0:
        red = str(rng.choice(REDUCTIONS))
        nd = np.asarray(node.value).ndim
        axis = None if rng.random() < 0.5 else int(rng.integers(-nd, nd))
        text = red + "(" + text + ("" if axis is None else ",axis=" + str(axis)) + ")"
        terms = np.asarray(node.value).size if axis is None else np.asarray(node.value).shape[axis]
        node.inexact += 1
    expr_vars = {NAMES[i]: variables[i].value for i in range(nvars)}
    env = {name: getattr(np, name) for name in list(UNARY_FUNCS) + list(BINARY_FUNCS) + ["where"] + REDUCTIONS}
    env["inf"] = math.inf
    env["nan"] = math.nan
    env.update(expr_vars)
    try:
        result = eval(text, {"__builtins__": {}}, env)
        raised = None
    except Exception as e:  # NumPy refused: the library must refuse too
        result = None
        raised = e
    if raised is None:
        result = np.asarray(result)
        if result.dtype.name not in SUPPORTED:
            return None
    exact = node.inexact == 0
    rdtype = result.dtype.name if raised is None else "float64"
    base_tol = 1e-6 if rdtype == "float32" or node.single else 1e-12
    rtol = 0.0 if exact else base_tol * node.inexact * max(1, terms)
    atol = 0.0 if exact else rtol * max(node.scale, 1e-300) * max(1, terms)
    cid = "fused-%04d-%s" % (n, "-".join(dtypes))
    out = ["case\t" + cid + "\tfused\texpr=" + text + " rtol=" + repr(rtol) + " atol=" + repr(atol)] + lines
    if raised is not None:
        out.append("raises\t" + type(raised).__name__ + "\t" + str(raised).replace("\t", " ").replace("\n", " "))
    else:
        out.append("expect\t" + result.dtype.name + "\t" + fmt_shape(result.shape) + "\t" + fmt_array(result))
    return out


def balanced(s):
    depth = 0
    for ch in s:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return False
    return depth == 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    np.seterr(all="ignore")
    body = []
    n = 0
    while n < CASES:
        case = one_case(n)
        if case is not None:
            body.extend(case)
            n += 1
    header = ["# Fused expressions (ND.evaluate) against NumPy's eval of the same text.",
              "# Generated by scripts/gen_fused_golden.py with NumPy %s (seed %d); do not edit by hand, rerun the script."
              % (np.__version__, SEED),
              "# Format: scripts/gen_golden.py's; variables a, b, c, d are the operands in order.",
              "# %d cases." % CASES]
    text = "\n".join(header + body) + "\n"
    if args.check:
        if not OUT.exists() or OUT.read_text() != text:
            print("fused.tsv differs from the generator's output", file=sys.stderr)
            sys.exit(1)
        return
    OUT.write_text(text)
    print("wrote", OUT, len(text), "bytes")


if __name__ == "__main__":
    main()
