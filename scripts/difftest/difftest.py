#!/usr/bin/env python3
"""Differential testing against NumPy: random array programs, NumPy's answers, one text format.

    python3 scripts/difftest/difftest.py N SEED OUT   # N programs from SEED, NumPy's answers -> OUT
                                                      # (OUT ending in .gz is gzipped)
    python3 scripts/difftest/difftest.py --answer scripts/difftest/regressions.in \
        ndarray-cpu/src/test/resources/difftest/regressions.txt   # the regression programs

The Java side (io.github.ndarray.difftest.DiffTest in ndarray-cpu) reads the same file, runs every
program with this library and compares with the expectations below. CI reads the committed
ndarray-cpu/src/test/resources/difftest/programs.txt.gz; scripts/difftest/run.sh makes and runs
new ones.

Format: one statement per line, fields separated by one tab.

    P  id                                 a program starts
    D  key                                the program meets the documented difference `key` of
                                          docs/numpy-differences.md; NumPy was asked for the
                                          answer this library documents (see DEVIATIONS below)
    A  name dtype shape seed lo hi sp     an input array, values synthesised (see `synth`)
    V  name src get <index>               src.get(index)   (NumPy: src[index])
    V  name src T                         transpose
    V  name src permute 2,0,1             permute_dims
    V  name src bcast (2,3)               broadcast_to
    V  name src reshape (2,3)             reshape
    V  name src astype float32            astype (float -> int by this library's rule, see D)
    U  name ufunc op1 op2 [out=n] [where=n]   a ufunc; operands are names or scalars i:3 f:1.5 b:1
    R  name red src axes keepdims ddof    sum prod mean var std max min any all argmax argmin
                                          (axes: none or 0,2; argmax/argmin one axis or none)
    C  name red src axis                  cumsum cumprod (axis: none or one)
    S  target index value                 target.set(index, value)   (NumPy: target[index] = value)
    E  name dtype shape tol values        expected: the array `name` after the program
    X  name error                         NumPy raised `error` at the statement defining `name`

A shape is written (3,4), (5,), (). Values are C order: ints in decimal, bools 0/1, floats as
the shortest repr that reads back to the same float of the dtype, nan, inf, -inf.
Tolerances (tol): exact; exact0 (exact, but 0.0 and -0.0 are equal: maximum/minimum pick
either, see docs/numpy-differences.md); ulpN (at most N units in the last place of the dtype,
for transcendentals, as NumPy's own accuracy tables allow; written ulpN:float32 with the
dtype the loop computes in, which an out= of another dtype does not change); abs:X (|difference| <= X, for
float reductions: the pairwise-summation error bound of both sides, computed below). Under every
tolerance NaN must meet NaN and an infinity the same infinity.

Input values: element i of an array with seed s is derived from z = splitmix64(s + (i+1)*gamma)
(the same arithmetic as the golden tests); see `synth`.
"""
import gzip
import math
import random
import sys
import warnings

import numpy as np

DTYPES = ["bool", "int8", "uint8", "int16", "int32", "int64", "float32", "float64"]
INTS = ["int8", "uint8", "int16", "int32", "int64"]
FLOATS = ["float32", "float64"]

BINARY = ["add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power", "arctan2",
          "maximum", "minimum", "fmax", "fmin", "equal", "not_equal", "less", "less_equal",
          "greater", "greater_equal", "logical_and", "logical_or", "logical_xor", "bitwise_and",
          "bitwise_or", "bitwise_xor", "left_shift", "right_shift"]
UNARY = ["negative", "absolute", "sign", "reciprocal", "square", "floor", "ceil", "trunc", "rint",
         "exp", "expm1", "log", "log1p", "log2", "log10", "sqrt", "cbrt", "sin", "cos", "tan",
         "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "logical_not", "isnan", "isinf",
         "isfinite", "invert"]
# Not exactly rounded: compared within NumPy's accuracy-table bound (ULP).
TRANSCENDENTAL = {"exp", "expm1", "log", "log1p", "log2", "log10", "cbrt", "sin", "cos", "tan",
                  "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "arctan2", "power"}
ULP = 4
BY_VALUE = {"equal", "not_equal", "less", "less_equal", "greater", "greater_equal", "logical_and",
            "logical_or", "logical_xor"}
SIGNED_ZERO_EITHER = {"maximum", "minimum", "fmax", "fmin"}
REDUCTIONS = ["sum", "prod", "mean", "var", "std", "max", "min", "any", "all", "argmax", "argmin"]
CUMULATIVE = ["cumsum", "cumprod"]

# The documented differences (docs/numpy-differences.md) the generator meets, and how NumPy is
# asked for this library's documented answer instead of its own:
DEVIATIONS = {
    "float16": "float math of int8/uint8/bool: NumPy's float16 loop, here float32 (dtype=float32)",
    "uint8-acc": "sum/prod/cumsum/cumprod of uint8: NumPy uint64, here int64 (dtype=int64)",
    "where-zero": "where= with no out=: elements not written are 0 (NumPy: out=zeros)",
    "float-int-cast": "float -> int of NaN/inf/out of range: Java's rule (NaN 0, saturate, wrap)",
    "int-reciprocal-zero": "reciprocal of integer 0: 0, as integer division by zero (NumPy: C's cast of inf)",
    "0d-view": "get with one integer per axis gives a 0-d view (NumPy: a scalar copy); a[i, j, ...] here",
    "pow-shortcut": "power bases are never -inf or -0.0 (NumPy's own answer depends on its loop)",
}

GAMMA = 0x9E3779B97F4A7C15
M64 = (1 << 64) - 1


def splitmix(seed, i):
    z = (seed + (i + 1) * GAMMA) & M64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


SPECIALS = [math.nan, math.inf, -math.inf, -0.0, 0.0]


def synth(dtype, shape, seed, lo, hi, specials):
    """Element i: bool z>>>63; ints lo + (z mod (hi-lo+1)) (unsigned, wrapping to 64 bits); floats lo + (hi-lo) * (z>>>11)*2^-53
    in float64, rounded to the dtype, except when specials is 1 and (z & 15) == 0: then
    SPECIALS[(z >>> 4) mod k] where k = 5 (2 when `specials` is 2: nan and inf only, see
    pow-shortcut)."""
    n = int(np.prod(shape, dtype=np.int64))
    out = []
    for i in range(n):
        z = splitmix(seed, i)
        if dtype == "bool":
            out.append(z >> 63)
        elif dtype in INTS:
            v = lo + z % (hi - lo + 1)
            out.append((v + 2 ** 63) % 2 ** 64 - 2 ** 63)
        else:
            if specials and (z & 15) == 0:
                k = len(SPECIALS) if specials == 1 else 2
                out.append(SPECIALS[(z >> 4) % k])
            else:
                out.append(lo + (hi - lo) * ((z >> 11) * 2.0 ** -53))
    return np.array(out, dtype=np.float64 if dtype in FLOATS else np.int64).astype(dtype).reshape(shape)


def java_cast(a, to):
    """This library's astype: as NumPy's, except float -> int (documented: NaN -> 0, saturating
    to int64, then wrapping to the width)."""
    a = np.asarray(a)
    if a.dtype.kind == "f" and np.dtype(to).kind in "iu":
        x = a.astype(np.float64)
        with np.errstate(invalid="ignore"):
            t = np.trunc(np.nan_to_num(x, nan=0.0, posinf=0.0, neginf=0.0))
            lim = 2.0 ** 63
            big = t >= lim
            small = t < -lim
            r = np.where(big | small | ~np.isfinite(x), 0, t).astype(np.int64)
        r = np.where(big | (x == math.inf), np.int64(2 ** 63 - 1), r)
        r = np.where(small | (x == -math.inf), np.int64(-2 ** 63), r)
        return r.astype(to)
    return a.astype(to)


def needs_java_cast(a, to):
    a = np.asarray(a)
    if not (a.dtype.kind == "f" and np.dtype(to).kind in "iu"):
        return False
    info = np.iinfo(to)
    with np.errstate(invalid="ignore"):
        return bool(np.any(~np.isfinite(a) | (a >= info.max + 1.0) | (a <= info.min - 1.0)))


# ---------------------------------------------------------------------------------- format

def fmt_shape(s):
    return "(" + ",".join(str(d) for d in s) + ("," if len(s) == 1 else "") + ")"


def parse_shape(t):
    t = t.strip("()")
    return tuple(int(x) for x in t.split(",") if x)


def fmt_value(v, dtype):
    if dtype == "bool":
        return "1" if v else "0"
    if dtype in INTS:
        return str(int(v))
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return str(np.float32(v)) if dtype == "float32" else repr(v)


def parse_scalar(tok):
    kind, v = tok.split(":", 1)
    if kind == "i":
        return int(v)
    if kind == "b":
        return v == "1"
    return float(v)


def fmt_scalar(v):
    if isinstance(v, bool):
        return "b:" + ("1" if v else "0")
    if isinstance(v, int):
        return "i:" + str(v)
    return "f:" + ("nan" if math.isnan(v) else "inf" if v == math.inf else "-inf" if v == -math.inf
                   else repr(v))


# ---------------------------------------------------------------------------------- NumPy side

class Raised(Exception):
    def __init__(self, name, error):
        super().__init__(error)
        self.name = name
        self.error = error


def operand(env, tok):
    return env[tok] if tok in env else parse_scalar(tok)


def run_statement(env, dev, f):
    """Runs one statement with NumPy; returns the name it defines (or the target of a set)."""
    kind = f[0]
    if kind == "A":
        name, dtype, shape, seed, lo, hi, sp = f[1:]
        lo, hi = (int(lo), int(hi)) if dtype in INTS or dtype == "bool" else (float(lo), float(hi))
        env[name] = synth(dtype, parse_shape(shape), int(seed), lo, hi, int(sp))
        return name
    if kind == "V":
        name, src, op = f[1:4]
        a = env[src]
        arg = f[4] if len(f) > 4 else None
        if op == "get":
            r = a[index_expr(arg)]
            if not isinstance(r, np.ndarray):  # one integer per axis: here a 0-d view (see "0d-view")
                r = a[index_expr(arg) + (Ellipsis,)]
        elif op == "T":
            r = a.T
        elif op == "permute":
            r = np.permute_dims(a, tuple(int(x) for x in arg.split(",")) if arg else ())
        elif op == "bcast":
            r = np.broadcast_to(a, parse_shape(arg))
        elif op == "reshape":
            r = a.reshape(parse_shape(arg))
        elif op == "astype":
            r = java_cast(a, arg)
        else:
            raise ValueError(op)
        env[name] = r
        return name
    if kind == "U":
        name, op = f[1:3]
        args, out, where = [], None, None
        for t in f[3:]:
            if t.startswith("out="):
                out = env[t[4:]]
            elif t.startswith("where="):
                where = env[t[6:]]
            else:
                args.append(operand(env, t))
        fn = getattr(np, op)
        kw = {}
        if "float16" in dev:
            kw["dtype"] = np.float32
        if where is not None:
            kw["where"] = where
            if out is None:
                shape = np.broadcast_shapes(*[np.shape(x) for x in args], where.shape)
                out = np.zeros(shape, fn(*args, **{k: v for k, v in kw.items() if k != "where"}).dtype)
        if out is not None:
            kw["out"] = out
        r = np.asarray(fn(*args, **kw))
        if "int-reciprocal-zero" in dev:
            x = np.broadcast_to(args[0], r.shape)
            np.copyto(r, 0, where=(x == 0) & (kw["where"] if "where" in kw else True))
        env[name] = r
        return name
    if kind == "R":
        name, red, src, axes, keep, ddof = f[1:]
        a = env[src]
        ax = None if axes == "none" else tuple(int(x) for x in axes.split(","))
        kw = {"keepdims": keep == "1"}
        if red in ("argmax", "argmin"):
            r = getattr(np, red)(a, axis=None if ax is None else ax[0], **kw)
        elif red in ("var", "std"):
            r = getattr(np, red)(a, axis=ax, ddof=int(ddof), **kw)
        else:
            if "uint8-acc" in dev:
                kw["dtype"] = np.int64
            r = getattr(np, red)(a, axis=ax, **kw)
        env[name] = np.asarray(r)
        return name
    if kind == "C":
        name, red, src, axis = f[1:]
        kw = {"dtype": np.int64} if "uint8-acc" in dev else {}
        env[name] = getattr(np, red)(env[src], axis=None if axis == "none" else int(axis), **kw)
        return name
    if kind == "S":
        target, idx, val = f[1:]
        a = env[target]
        v = operand(env, val)
        if isinstance(v, np.ndarray):
            v = java_cast(v, a.dtype)
        a[index_expr(idx)] = v
        return target
    raise ValueError(kind)


def index_expr(s):
    """NumPy's index object for the string syntax (basic indexing only)."""
    parts = []
    for p in s.split(","):
        p = p.strip()
        if p == "None":
            parts.append(None)
        elif p == "...":
            parts.append(Ellipsis)
        elif ":" in p:
            b = [int(x) if x.strip() else None for x in p.split(":")]
            parts.append(slice(*b))
        else:
            parts.append(int(p))
    return tuple(parts)


def ulps_needed(op):
    return ULP if op in TRANSCENDENTAL else 0


def expectation(name, a, tol):
    a = np.asarray(a)
    dt = str(a.dtype)
    vals = " ".join(fmt_value(v, dt) for v in a.reshape(-1).tolist())
    return "\t".join(["E", name, dt, fmt_shape(a.shape), tol, vals])


def run_program(lines):
    """Runs the statement lines with NumPy; returns them with E/X lines appended."""
    env, checks = {}, []
    dev = {line.split("\t")[1] for line in lines if line.startswith("D\t")}
    out = []
    for line in lines:
        f = line.split("\t")
        out.append(line)
        if f[0] in ("D", "P"):
            continue
        if f[0] == "E*":
            checks.append((f[1], f[2]))
            out.pop()
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with np.errstate(all="ignore"):
                    run_statement(env, dev, f)
        except Exception as e:  # NumPy refused: the library must refuse too
            out.append("\t".join(["X", f[1], type(e).__name__]))
            return out
    for name, tol in checks:
        out.append(expectation(name, env[name], tol))
    return out


# ---------------------------------------------------------------------------------- generator

class Gen:
    def __init__(self, seed, pid):
        self.r = random.Random(seed)
        self.pid = pid
        self.lines = ["P\t" + pid]
        self.n = 0
        self.env = {}  # name -> (dtype, shape) as NumPy gives it

    def name(self):
        self.n += 1
        return "x%d" % self.n

    def emit(self, *f):
        self.lines.append("\t".join(str(x) for x in f))

    def shape(self, max_size=48):
        r = self.r
        while True:
            nd = r.choice([0, 1, 1, 2, 2, 3, 3, 4, 5, 6])
            s = tuple(r.choice([0] + [1] * 3 + [2] * 4 + [3] * 3 + [4, 5]) if r.random() > 0.02 else 0
                      for _ in range(nd))
            if 0 in s and r.random() < 0.7:
                continue
            if int(np.prod(s)) <= max_size:
                return s

    def value_range(self, dtype, op=None):
        r = self.r
        if dtype == "bool":
            return 0, 1
        if dtype in INTS:
            info = np.iinfo(dtype)
            if op in ("left_shift", "right_shift", "power") or r.random() < 0.5:
                lo = 0 if dtype == "uint8" or op in ("power", "left_shift", "right_shift") else -9
                return lo, 9 if op != "left_shift" else info.bits + 2
            return int(info.min), int(info.max)
        spans = [(-10.0, 10.0), (-1.0, 1.0), (0.0, 100.0), (-1e6, 1e6), (-1e-3, 1e-3)]
        if op in ("log", "log2", "log10", "sqrt", "log1p", "power"):
            spans = [(0.0, 50.0), (0.0, 2.0)]
        if op in ("exp", "expm1", "sinh", "cosh"):
            spans = [(-30.0, 30.0), (-2.0, 2.0)]
        return r.choice(spans)

    def array(self, dtype, shape, op=None, specials=None):
        """An operand of this shape: a fresh array, often a strided, reversed or transposed view."""
        r = self.r
        if specials is None:
            specials = 1 if dtype in FLOATS and r.random() < 0.3 else 0
            if specials and op == "power":
                specials = 2
        lo, hi = self.value_range(dtype, op)
        layout = r.choice(["c", "c", "T", "step", "step", "lead", "bcast"]) if shape else "c"
        if layout == "T":
            base = tuple(reversed(shape))
        elif layout == "step":
            steps = [r.choice([1, 2, -1, -2, 3]) for _ in shape]
            base = tuple(d * abs(s) for d, s in zip(shape, steps))
        elif layout == "lead":
            base = (2,) + shape
        elif layout == "bcast":
            base = tuple(1 if r.random() < 0.5 else d for d in shape)
        else:
            base = shape
        n = self.name()
        self.emit("A", n, dtype, fmt_shape(base), r.getrandbits(62), lo, hi, specials)
        if layout == "T":
            m = self.name()
            self.emit("V", m, n, "T")
            return m
        if layout == "step":
            m = self.name()
            self.emit("V", m, n, "get", ",".join("::%d" % s if s > 0 else "::%d" % s for s in steps))
            return m
        if layout == "lead":
            m = self.name()
            self.emit("V", m, n, "get", str(r.choice([0, 1, -1, -2])))
            return m
        if layout == "bcast":
            m = self.name()
            self.emit("V", m, n, "bcast", fmt_shape(shape))
            return m
        return n

    def dtype(self):
        return self.r.choice(DTYPES)

    def broadcast_partner(self, shape):
        r = self.r
        s = list(shape)
        while s and r.random() < 0.3:
            s.pop(0)
        s = [1 if r.random() < 0.25 else d for d in s]
        if r.random() < 0.1 and len(s) < 6:
            s = [r.choice([1, 2])] + s
        return tuple(s)

    def scalar_for(self, dtype, op):
        r = self.r
        kind = r.choice(["i", "f", "b"] if op not in ("left_shift", "right_shift") else ["i"])
        if kind == "i":
            return fmt_scalar(r.choice([0, 1, 2, 3, -1, 7, 100, 127, 200, 255, -128, 300, 2 ** 31]))
        if kind == "b":
            return fmt_scalar(r.random() < 0.5)
        return fmt_scalar(r.choice([0.5, -1.5, 2.0, 1e-3, 3.25, math.nan, math.inf, 1e10]))

    def check(self, name, tol):
        self.lines.append("E*\t%s\t%s" % (name, tol))

    # ---- program kinds

    def ufunc(self):
        r = self.r
        op = r.choice(BINARY + UNARY)
        binary = op in BINARY
        shape = self.shape()
        d0 = self.dtype()
        a = self.array(d0, shape, op)
        args = [a]
        if binary:
            if r.random() < 0.25:
                args.append(self.scalar_for(d0, op))
            else:
                d1 = d0 if r.random() < 0.5 else self.dtype()
                s1 = self.broadcast_partner(shape)
                if r.random() < 0.5:
                    s1, shape = shape, s1
                    args = [self.array(d1, s1, op), a] if r.random() < 0.5 else [a, self.array(d1, s1, op)]
                else:
                    args.append(self.array(d1, s1, op))
        if r.random() < 0.15:
            args.reverse()
        res = self.name()
        extra = []
        probe = self.probe(op, args)
        if probe is not None:
            rshape, rdtype = probe
            if rdtype == "float16":  # float math of int8/uint8/bool
                self.emit("D", "float16")
                rdtype = "float32"
                probe = rshape, rdtype
            if r.random() < 0.3:
                od = rdtype if r.random() < 0.7 else r.choice([d for d in DTYPES
                                                                  if np.can_cast(rdtype, d, "same_kind")])
                o = self.array(od, rshape, specials=0)
                extra.append("out=" + o)
            # NumPy 2.4 crashes (SIGSEGV) comparing an integer array with an out-of-range Python int
            # under where= (e.g. greater_equal(uint8_array, 300, where=mask, out=o)): not asked.
            int_scalar = any(a.startswith("i:") for a in args)
            if r.random() < 0.3 and not (int_scalar and op in BY_VALUE):
                w = self.array("bool", self.broadcast_partner(rshape))
                extra.append("where=" + w)
                if not any(e.startswith("out=") for e in extra):
                    self.emit("D", "where-zero")
        self.emit("U", res, op, *args, *extra)
        if op == "power":
            self.emit("D", "pow-shortcut")
        if op == "reciprocal" and d0 in INTS:
            self.emit("D", "int-reciprocal-zero")
        loop = probe[1] if probe is not None and probe[1] in FLOATS else "float64"
        tol = ("ulp%d:%s" % (ULP, loop) if op in TRANSCENDENTAL else "exact0" if op in SIGNED_ZERO_EITHER
               else "exact")
        self.check(res, tol)

    def probe(self, op, args):
        """NumPy's result shape and dtype for the call (None if it raises)."""
        try:
            env = {}
            prog = self.lines[1:]
            for line in prog:
                f = line.split("\t")
                if f[0] in ("A", "V"):
                    run_statement(env, set(), f)
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                x = getattr(np, op)(*[operand(env, t) for t in args])
            return x.shape, str(x.dtype)
        except Exception:
            return None

    def reduction(self):
        r = self.r
        red = r.choice(REDUCTIONS + CUMULATIVE)
        shape = self.shape()
        d = self.dtype()
        a = self.array(d, shape, specials=1 if d in FLOATS and r.random() < 0.15 else 0)
        nd = len(shape)
        res = self.name()
        if red in CUMULATIVE:
            axis = "none" if nd == 0 or r.random() < 0.3 else str(r.randrange(-nd, nd))
            if d == "uint8":
                self.emit("D", "uint8-acc")
            self.emit("C", res, red, a, axis)
        else:
            if nd == 0 or r.random() < 0.25:
                axes = "none"
            elif red in ("argmax", "argmin"):
                axes = str(r.randrange(-nd, nd))
            else:
                k = r.randint(1, nd)
                axes = ",".join(str(x) for x in r.sample(range(nd), k))
            if red in ("sum", "prod") and d == "uint8":
                self.emit("D", "uint8-acc")
            self.emit("R", res, red, a, axes, "1" if r.random() < 0.4 else "0",
                      r.choice([0, 1]) if red in ("var", "std") else 0)
        self.check(res, "sum:" + red)

    def index_for(self, shape):
        """A random basic index for the shape, mostly valid."""
        r = self.r
        parts = []
        ell = r.random() < 0.2
        k = r.randint(0, len(shape)) if not ell else r.randint(0, len(shape))
        for d in shape[:k]:
            c = r.random()
            if c < 0.3 and d > 0:
                parts.append(str(r.randrange(-d, d)))
            elif c < 0.33:
                parts.append(str(r.choice([d, -d - 1, 99])))  # out of bounds: IndexError
            elif c < 0.45:
                parts.append(":")
            else:
                def b():
                    return "" if r.random() < 0.3 else str(r.randint(-d - 2, d + 2))
                st = r.choice(["", "1", "2", "-1", "-2", "3"])
                parts.append(b() + ":" + b() + (":" + st if st else ""))
            if r.random() < 0.1:
                parts.append("None")
        if ell:
            parts.insert(r.randint(0, len(parts)), "...")
        if r.random() < 0.1:
            parts.append("None")
        return ",".join(parts) if parts else "..."

    def getitem(self):
        shape = self.shape()
        a = self.array(self.dtype(), shape)
        res = self.name()
        self.emit("V", res, a, "get", self.index_for(shape))
        if self.r.random() < 0.3:
            t = self.name()
            self.emit("V", t, res, "T")
            res = t
        self.check(res, "exact")

    def setitem(self):
        r = self.r
        shape = self.shape()
        d = self.dtype()
        a = self.array(d, shape)
        t = a
        if r.random() < 0.3:  # write through a view: the base must change too
            t = self.name()
            self.emit("V", t, a, "get", self.index_for(shape) if shape else "...")
        idx = self.index_for(shape if t == a else ())
        if t != a:
            idx = "..."
        try:
            env = {}
            for line in self.lines[1:]:
                run_statement(env, set(), line.split("\t"))
            sub = np.shape(env[t][index_expr(idx)])
        except Exception:
            sub = ()
        if r.random() < 0.4:
            v = self.scalar_for(d, "set")
            if d in INTS and v.startswith("f:") and not math.isfinite(float(v[2:])):
                v = "f:2.5"
        else:
            vd = self.dtype()
            v = self.array(vd, self.broadcast_partner(sub), specials=0)
            if vd in FLOATS and d in INTS:
                self.emit("D", "float-int-cast")
        self.emit("S", t, idx, v)
        self.check(a, "exact")

    def cast(self):
        shape = self.shape()
        d = self.dtype()
        to = self.dtype()
        a = self.array(d, shape, specials=1 if d in FLOATS else 0)
        if d in FLOATS and to in INTS:
            self.emit("D", "float-int-cast")
        res = self.name()
        self.emit("V", res, a, "astype", to)
        self.check(res, "exact")

    def views(self):
        r = self.r
        shape = self.shape()
        a = self.array(self.dtype(), shape)
        cur, cs = a, shape
        for _ in range(r.randint(1, 3)):
            n = self.name()
            c = r.random()
            if c < 0.3 and cs:
                perm = list(range(len(cs)))
                r.shuffle(perm)
                self.emit("V", n, cur, "permute", ",".join(map(str, perm)))
                cs = tuple(cs[p] for p in perm)
            elif c < 0.5:
                sz = int(np.prod(cs))
                cand = [s for s in (self.shape(64) for _ in range(20)) if int(np.prod(s)) == sz]
                ns = cand[0] if cand else (sz,)
                self.emit("V", n, cur, "reshape", fmt_shape(ns))
                cs = ns
            elif c < 0.7 and len(cs) < 6:
                ns = (r.choice([1, 2, 3]),) + tuple(d if d != 1 else r.choice([1, 2]) for d in cs)
                self.emit("V", n, cur, "bcast", fmt_shape(ns))
                cs = ns
            else:
                idx = self.index_for(cs)
                self.emit("V", n, cur, "get", idx)
                try:
                    cs = np.empty(cs)[index_expr(idx)].shape
                except Exception:
                    break
            cur = n
        self.check(cur, "exact")


KINDS = [("ufunc", 10), ("reduction", 5), ("getitem", 2), ("setitem", 2), ("cast", 1), ("views", 2)]


def generate(count, seed):
    rnd = random.Random(seed)
    kinds = [k for k, w in KINDS for _ in range(w)]
    for i in range(count):
        g = Gen(rnd.getrandbits(63), "%d-%d" % (seed, i))
        getattr(g, rnd.choice(kinds))()
        yield finish(g.lines)


def finish(lines):
    """Runs the program with NumPy and turns its symbolic tolerances into numbers."""
    out = run_program(lines)
    env = {}
    result = []
    for line in out:
        f = line.split("\t")
        if f[0] == "E" and f[4].startswith("sum:"):
            f[4] = reduction_tol(f[4][4:], lines, f[1])
            line = "\t".join(f)
        result.append(line)
    return result


def reduction_tol(red, lines, name):
    """Absolute bound for a float reduction: both sides within the pairwise-summation bound
    (ceil(log2 n) + 2) * eps * sum|x| of the exact value (cumsum: NumPy adds in order, so
    (n + 1) * eps * sum|x|; prod: n * eps relative to the largest |result|)."""
    env = {}
    stmt = None
    for line in lines:
        f = line.split("\t")
        if f[0] in ("A", "V"):
            run_statement(env, set(), f)
        if f[0] in ("R", "C") and f[1] == name:
            stmt = f
    a = env[stmt[3]]
    if a.dtype.kind not in "f" and red not in ("mean", "var", "std"):
        return "exact"
    if red in ("max", "min", "argmax", "argmin", "any", "all"):
        return "exact"
    x = a.astype(np.float64)
    x = np.where(np.isfinite(x), x, 0.0)
    axes = stmt[4]
    if stmt[0] == "C":
        ax = None if axes == "none" else (int(axes),)
    else:
        ax = None if axes == "none" else tuple(int(v) for v in axes.split(","))
    n = x.size if ax is None else int(np.prod([x.shape[i] for i in ax]))
    n = max(n, 1)
    eps = float(np.finfo(a.dtype if a.dtype.kind == "f" else np.float64).eps)
    pair = math.ceil(math.log2(n)) + 2 if n > 1 else 2
    if red in ("cumsum",):
        bound = (n + 1) * eps * float(np.max(np.sum(np.abs(x), axis=ax), initial=0.0))
    elif red in ("cumprod", "prod"):
        with np.errstate(all="ignore"):
            p = np.abs(np.cumprod(x.reshape(-1) if ax is None else x, axis=None if ax is None else ax[0])) \
                if red == "cumprod" else np.abs(np.prod(x, axis=ax))
            m = float(np.max(p, initial=0.0))
        bound = 2 * (n + 1) * eps * m
    elif red in ("sum", "mean"):
        bound = 2 * pair * eps * float(np.max(np.sum(np.abs(x), axis=ax), initial=0.0))
        if red == "mean":
            bound = bound / n + 2 * eps * float(np.max(np.abs(x), initial=0.0))
    else:  # var, std: squares of deviations, each side within the pairwise bound
        m2 = float(np.max(np.sum(x * x, axis=ax), initial=0.0))
        bound = 4 * (pair + 2) * eps * m2 / max(n - 1, 1)
        if red == "std":
            bound = math.sqrt(bound)
    if not math.isfinite(bound):
        bound = math.inf
    return "abs:" + repr(bound * 1.0000001 + 5e-324)


def answer(src, dst):
    """Reruns NumPy on hand-written programs (statements and E* lines naming what to compare)."""
    progs, cur = [], None
    for line in open(src, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        if line.startswith("P\t"):
            cur = [line]
            progs.append(cur)
        elif not line.startswith(("E\t", "X\t")):
            cur.append(line)
    with open(dst, "w", encoding="utf-8") as f:
        f.write("# NumPy %s's answers to %s (scripts/difftest/difftest.py --answer)\n" % (np.__version__, src))
        for prog in progs:
            f.write("\n".join(finish(prog)) + "\n")


def main():
    if sys.argv[1] == "--answer":
        answer(sys.argv[2], sys.argv[3])
        return
    count, seed, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as f:
        f.write("# generated by scripts/difftest/difftest.py %d %d with NumPy %s\n"
                % (count, seed, np.__version__))
        for prog in generate(count, seed):
            f.write("\n".join(prog) + "\n")


if __name__ == "__main__":
    main()
