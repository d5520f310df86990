#!/usr/bin/env python3
"""Writes the NumPy golden data for the BLAS/LAPACK tests (io.github.ndarray.blas.LinalgGoldenTest).

Output: ndarray-conformance/src/test/resources/linalg/linalg.tsv (committed: the Java build needs no
Python). NumPy is the oracle: every expected value, dtype, shape and error message is what
NumPy itself gave for the recorded inputs.

Usage:
    python3 scripts/gen_linalg_golden.py           # (re)write the file
    python3 scripts/gen_linalg_golden.py --check   # exit 1 if the committed file differs

Format: one tab-separated record per line; '#' lines are comments.

    case    <id>  <op>  <params>                     op: matmul dot vdot inner outer solve inv det norm
    arg     <dtype>  <shape>  <recipe>  <values>     an operand (see below)
    expect  <dtype>  <shape>  <values>               NumPy's whole result, C order
    sample  <dtype>  <shape>  <i:v i:v ...>          NumPy's result at some flat C-order indices
                                                     (for results too big to list; the Java test
                                                     also checks every element against a
                                                     float64 reference product)
    raises  <NumPy exception class>  <message>       NumPy raised this instead

params are space-separated k=v (or '-'): ord=<float or string> axis=<int> keepdims=<0|1>.
A shape is written as NumPy prints it: (3,4), (5,), (). Floats are exact: float.hex, or nan,
inf, -inf; integers decimal. Values written as one token @splitmix:<seed>:<lo>:<hi> are
synthesised on both sides: element i (C order, from 0) is lo + (hi - lo) * u_i in float64,
rounded to the dtype, u_i = (z >>> 11) * 2^-53, z = splitmix64(seed + (i + 1) * 0x9E3779B97F4A7C15
mod 2^64) (the same arithmetic as scripts/gen_golden.py). An operand is built from its values in
C order with its base shape, then the recipe's steps (';'-separated) are applied in order:
    -               nothing
    T               reverse all axes (a view)
    mT              swap the last two axes (a view)
    index[e]        a[e], a basic index expression (NDArray.get(String) in Java)
    broadcast(s)    np.broadcast_to(a, s) (a read-only view)
    reshape(s)      reshape (a view where possible)
    adddiag(v)      a + v * I on the last two axes, in a's dtype (a new array)

Inputs are uniform random (never zeros unless a case is about them); square systems are
made well-conditioned with adddiag so that float32 results are meaningful, and some are
then row-reversed so that partial pivoting must swap rows.
"""
import argparse
import sys
import zlib
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "ndarray-conformance/src/test/resources/linalg/linalg.tsv"
GAMMA = np.uint64(0x9E3779B97F4A7C15)
FULL_LIMIT = 1024  # results up to this many elements are listed whole
SAMPLES = 256


def splitmix(seed, n, lo, hi):
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + np.arange(1, n + 1, dtype=np.uint64) * GAMMA
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    u = (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53
    return np.float64(lo) + (np.float64(hi) - np.float64(lo)) * u


def fmt_shape(s):
    s = tuple(s)
    if len(s) == 1:
        return f"({s[0]},)"
    return "(" + ",".join(str(x) for x in s) + ")"


def fmt_float(v):
    v = float(v)
    if v != v:
        return "nan"
    if v in (float("inf"), float("-inf")):
        return "inf" if v > 0 else "-inf"
    h = v.hex()  # e.g. 0x1.8000000000000p+1: drop the mantissa's trailing zeros
    mant, exp = h.split("p")
    if "." in mant:
        mant = mant.rstrip("0").rstrip(".")
    return mant + "p" + exp


def fmt_value(v, dt):
    if dt.kind == "f":
        return fmt_float(v)
    if dt.kind == "b":
        return "1" if v else "0"
    return str(int(v))


def fmt_values(a):
    a = np.asarray(a)
    return " ".join(fmt_value(v, a.dtype) for v in a.ravel()) if a.size else "-"


def parse_shape(s):
    s = s.strip("()")
    return tuple(int(x) for x in s.split(",") if x.strip())


def apply_recipe(a, recipe):
    if recipe == "-":
        return a
    for step in recipe.split(";"):
        if step == "T":
            a = a.T
        elif step == "mT":
            a = np.swapaxes(a, -1, -2)
        elif step.startswith("index["):
            a = eval("a[" + step[6:-1] + "]", {"a": a, "None": None})
        elif step.startswith("broadcast("):
            a = np.broadcast_to(a, parse_shape(step[10:-1]))
        elif step.startswith("reshape("):
            a = a.reshape(parse_shape(step[8:-1]))
        elif step.startswith("adddiag("):
            v = float(step[8:-1])
            n = a.shape[-1]
            a = a + (v * np.eye(n)).astype(a.dtype)
        else:
            raise ValueError(step)
    return a


class Arg:
    def __init__(self, dtype, shape, recipe="-", seed=None, lo=-1.0, hi=1.0, values=None):
        self.dtype = np.dtype(dtype)
        self.shape = tuple(shape)
        self.recipe = recipe
        n = int(np.prod(self.shape, dtype=np.int64))
        if values is not None:
            self.base = np.array(values, dtype=self.dtype).reshape(self.shape)
            self.token = None
        else:
            assert self.dtype.kind == "f"
            self.base = splitmix(seed, n, lo, hi).astype(self.dtype).reshape(self.shape)
            self.token = f"@splitmix:{seed}:{fmt_float(lo)}:{fmt_float(hi)}"

    def value(self):
        return apply_recipe(self.base.copy(), self.recipe)

    def line(self):
        return "\t".join(["arg", str(self.dtype), fmt_shape(self.shape), self.recipe,
                          self.token or fmt_values(self.base)])


SEED = [1000]


def rnd(dtype, shape, recipe="-", lo=-1.0, hi=1.0):
    SEED[0] += 1
    return Arg(dtype, shape, recipe, seed=SEED[0], lo=lo, hi=hi)


def ints(dtype, shape, recipe="-", lo=-5, hi=6):
    SEED[0] += 1
    n = int(np.prod(shape, dtype=np.int64))
    vals = np.floor(splitmix(SEED[0], n, lo, hi)).astype(np.int64)
    return Arg(dtype, shape, recipe, values=vals)


def call(op, params, args):
    ps = dict(params)
    if op == "matmul":
        return np.matmul(*args)
    if op == "dot":
        return np.dot(*args)
    if op == "vdot":
        return np.vdot(*args)
    if op == "inner":
        return np.inner(*args)
    if op == "outer":
        return np.outer(*args)
    if op == "solve":
        return np.linalg.solve(*args)
    if op == "inv":
        return np.linalg.inv(*args)
    if op == "det":
        return np.linalg.det(*args)
    if op == "norm":
        kw = {}
        if "ord" in ps:
            o = ps["ord"]
            kw["ord"] = o if o in ("fro", "f", "nuc") else float(o)
            if kw["ord"] in (1.0, 2.0, -1.0, -2.0, 0.0):
                kw["ord"] = int(kw["ord"])
        if "axis" in ps:
            kw["axis"] = int(ps["axis"])
        if "keepdims" in ps:
            kw["keepdims"] = ps["keepdims"] == "1"
        return np.linalg.norm(*args, **kw)
    raise ValueError(op)


CASES = []


def case(cid, op, args, params=()):
    CASES.append((cid, op, list(params), args))


def build_cases():
    # ---------------------------------------------------------------- matmul, every layout
    sizes = [(1, 1, 1), (1, 5, 1), (2, 3, 4), (7, 1, 9), (5, 6, 17), (16, 16, 16), (17, 33, 5),
             (31, 64, 33), (65, 97, 31), (96, 7, 100), (100, 257, 3), (130, 255, 129), (6, 300, 32),
             (200, 40, 1), (1, 300, 250), (300, 300, 300)]
    for dt in ("float64", "float32"):
        for (n, k, m) in sizes:
            case(f"matmul_{dt}_c_{n}x{k}x{m}", "matmul", [rnd(dt, (n, k)), rnd(dt, (k, m))])
        for (n, k, m) in [(3, 4, 5), (33, 17, 65), (128, 129, 127), (250, 300, 201)]:
            case(f"matmul_{dt}_aT_{n}x{k}x{m}", "matmul", [rnd(dt, (k, n), "T"), rnd(dt, (k, m))])
            case(f"matmul_{dt}_bT_{n}x{k}x{m}", "matmul", [rnd(dt, (n, k)), rnd(dt, (m, k), "T")])
            case(f"matmul_{dt}_abT_{n}x{k}x{m}", "matmul", [rnd(dt, (k, n), "T"), rnd(dt, (m, k), "T")])
            case(f"matmul_{dt}_sliced_{n}x{k}x{m}", "matmul",
                 [rnd(dt, (2 * n, k + 3), "index[::2, 1:-2]"), rnd(dt, (k, 3 * m), "index[:, ::3]")])
            case(f"matmul_{dt}_negstep_{n}x{k}x{m}", "matmul",
                 [rnd(dt, (n, k), "index[::-1, :]"), rnd(dt, (k, m), "index[:, ::-1]")])
            case(f"matmul_{dt}_sliceT_{n}x{k}x{m}", "matmul",
                 [rnd(dt, (k + 1, 2 * n), "index[1:, ::2];T"), rnd(dt, (m, k), "T")])
        # a row broadcast inside the matrix (row stride 0): copied before BLAS
        case(f"matmul_{dt}_rowbcast", "matmul", [rnd(dt, (1, 40), "broadcast((30,40))"), rnd(dt, (40, 20))])
        # batches: plain, broadcast (stride 0), one side 2-D, 1-D operands
        case(f"matmul_{dt}_batch", "matmul", [rnd(dt, (4, 9, 7)), rnd(dt, (4, 7, 11))])
        case(f"matmul_{dt}_batch_bcast", "matmul", [rnd(dt, (3, 1, 9, 7)), rnd(dt, (4, 7, 11))])
        case(f"matmul_{dt}_batch_2d", "matmul", [rnd(dt, (5, 20, 30)), rnd(dt, (30, 10))])
        case(f"matmul_{dt}_batch_T", "matmul", [rnd(dt, (5, 30, 20), "mT"), rnd(dt, (2, 1, 30, 10))])
        case(f"matmul_{dt}_batch_big", "matmul", [rnd(dt, (2, 100, 120)), rnd(dt, (120, 90))])
        case(f"matmul_{dt}_batch_many_small", "matmul", [rnd(dt, (64, 3, 4)), rnd(dt, (64, 4, 2))])
        case(f"matmul_{dt}_vec_mat", "matmul", [rnd(dt, (50,)), rnd(dt, (50, 70))])
        case(f"matmul_{dt}_mat_vec", "matmul", [rnd(dt, (70, 50)), rnd(dt, (50,))])
        case(f"matmul_{dt}_vec_vec", "matmul", [rnd(dt, (300,)), rnd(dt, (300,))])
        case(f"matmul_{dt}_vec_vec_strided", "matmul", [rnd(dt, (600,), "index[::2]"), rnd(dt, (900,), "index[::-3]")])
        case(f"matmul_{dt}_matT_vec", "matmul", [rnd(dt, (50, 70), "T"), rnd(dt, (100,), "index[::2]")])
        case(f"matmul_{dt}_batch_vec", "matmul", [rnd(dt, (3, 8, 5)), rnd(dt, (5,))])
        case(f"matmul_{dt}_k0", "matmul", [rnd(dt, (3, 0)), rnd(dt, (0, 4))])
        case(f"matmul_{dt}_n0", "matmul", [rnd(dt, (0, 3)), rnd(dt, (3, 4))])
    case("matmul_mixed_f32_f64", "matmul", [rnd("float32", (20, 30)), rnd("float64", (30, 10))])
    case("matmul_int64_f32", "matmul", [ints("int64", (6, 5)), rnd("float32", (5, 4))])
    case("matmul_int32", "matmul", [ints("int32", (6, 5)), ints("int32", (5, 4))])
    case("matmul_mismatch", "matmul", [rnd("float64", (3, 4)), rnd("float64", (5, 6))])
    # dot goes through matmul for 2-D
    case("dot_f64_T", "dot", [rnd("float64", (40, 30), "T"), rnd("float64", (40, 20))])
    case("dot_f32_nd", "dot", [rnd("float32", (2, 3, 8)), rnd("float32", (4, 8, 5))])

    # ---------------------------------------------------------------- vdot, inner, outer
    for dt in ("float64", "float32"):
        case(f"vdot_{dt}", "vdot", [rnd(dt, (7, 9)), rnd(dt, (63,))])
        case(f"vdot_{dt}_T", "vdot", [rnd(dt, (9, 7), "T"), rnd(dt, (7, 9))])
        case(f"inner_{dt}_1d", "inner", [rnd(dt, (33,)), rnd(dt, (33,))])
        case(f"inner_{dt}_2d", "inner", [rnd(dt, (5, 33)), rnd(dt, (7, 33))])
        case(f"inner_{dt}_3d", "inner", [rnd(dt, (2, 5, 12)), rnd(dt, (3, 4, 12))])
        case(f"outer_{dt}", "outer", [rnd(dt, (2, 3)), rnd(dt, (5,))])
    case("vdot_int", "vdot", [ints("int64", (10,)), ints("int64", (10,))])
    case("vdot_bool", "vdot", [Arg("bool", (3,), values=[1, 0, 1]), Arg("bool", (3,), values=[1, 1, 0])])
    case("vdot_size_mismatch", "vdot", [rnd("float64", (3,)), rnd("float64", (4,))])
    case("inner_scalar", "inner", [Arg("float64", (), values=2.5), rnd("float64", (4,))])
    case("inner_mismatch", "inner", [rnd("float64", (2, 3)), rnd("float64", (5, 4, 2))])
    case("inner_mismatch_1d", "inner", [rnd("float64", (2, 3)), rnd("float64", (4,))])
    case("outer_int_bool", "outer", [Arg("bool", (3,), values=[1, 0, 1]), ints("int8", (4,))])
    case("outer_empty", "outer", [rnd("float64", (0,)), rnd("float64", (4,))])

    # ---------------------------------------------------------------- solve
    for dt in ("float64", "float32"):
        for n in (1, 2, 3, 10, 33, 64, 65, 100):
            case(f"solve_{dt}_{n}_vec", "solve", [rnd(dt, (n, n), f"adddiag({n})"), rnd(dt, (n,))])
        case(f"solve_{dt}_pivot", "solve", [rnd(dt, (40, 40), "adddiag(40);index[::-1]"), rnd(dt, (40, 3))])
        case(f"solve_{dt}_T", "solve", [rnd(dt, (30, 30), "adddiag(30);T"), rnd(dt, (30, 5), "index[:, ::-1]")])
        case(f"solve_{dt}_multi", "solve", [rnd(dt, (20, 20), "adddiag(20)"), rnd(dt, (20, 7))])
        case(f"solve_{dt}_batch", "solve", [rnd(dt, (4, 6, 6), "adddiag(6)"), rnd(dt, (4, 6, 2))])
        case(f"solve_{dt}_batch_bcast", "solve", [rnd(dt, (3, 1, 5, 5), "adddiag(5)"), rnd(dt, (2, 5, 4))])
        case(f"solve_{dt}_batch_vec", "solve", [rnd(dt, (3, 5, 5), "adddiag(5)"), rnd(dt, (5,))])
        case(f"solve_{dt}_a_bcast", "solve", [rnd(dt, (8, 8), "adddiag(8)"), rnd(dt, (6, 8, 3))])
    case("solve_f64_general", "solve", [rnd("float64", (50, 50)), rnd("float64", (50, 4))])
    case("solve_int", "solve", [ints("int64", (4, 4), "adddiag(20)"), ints("int64", (4,))])
    case("solve_f32_f64", "solve", [rnd("float32", (4, 4), "adddiag(4)"), rnd("float64", (4,))])
    case("solve_f32_int", "solve", [rnd("float32", (4, 4), "adddiag(4)"), ints("int32", (4,))])
    case("solve_singular", "solve", [Arg("float64", (3, 3), values=[[1, 2, 3], [2, 4, 6], [1, 0, 1]]), rnd("float64", (3,))])
    case("solve_singular_zero", "solve", [Arg("float64", (2, 2), values=[[0, 0], [0, 0]]), rnd("float64", (2,))])
    case("solve_singular_f32", "solve", [Arg("float32", (2, 2), values=[[1, 2], [2, 4]]), rnd("float32", (2,))])
    case("solve_singular_in_batch", "solve", [Arg("float64", (2, 2, 2), values=[[[1, 0], [0, 1]], [[1, 1], [1, 1]]]), rnd("float64", (2, 2))])
    case("solve_singular_k0", "solve", [Arg("float64", (3, 3), values=[[0] * 3] * 3), rnd("float64", (3, 0))])
    case("solve_nonsquare", "solve", [rnd("float64", (2, 3)), rnd("float64", (2,))])
    case("solve_1d", "solve", [rnd("float64", (3,)), rnd("float64", (3,))])
    case("solve_vec_mismatch", "solve", [rnd("float64", (3, 3)), rnd("float64", (2,))])
    case("solve_mat_mismatch", "solve", [rnd("float64", (3, 3)), rnd("float64", (2, 3))])
    case("solve_empty", "solve", [rnd("float64", (0, 0)), rnd("float64", (0,))])
    case("solve_empty_rhs", "solve", [rnd("float64", (0, 0)), rnd("float64", (0, 3))])
    case("solve_k0", "solve", [rnd("float64", (3, 3), "adddiag(3)"), rnd("float64", (3, 0))])

    # ---------------------------------------------------------------- inv
    for dt in ("float64", "float32"):
        for n in (1, 2, 5, 17, 64, 70):
            case(f"inv_{dt}_{n}", "inv", [rnd(dt, (n, n), f"adddiag({n})")])
        case(f"inv_{dt}_pivot", "inv", [rnd(dt, (30, 30), "adddiag(30);index[::-1]")])
        case(f"inv_{dt}_T", "inv", [rnd(dt, (9, 9), "adddiag(9);T")])
        case(f"inv_{dt}_batch", "inv", [rnd(dt, (2, 3, 4, 4), "adddiag(4)")])
    case("inv_f64_general", "inv", [rnd("float64", (40, 40))])
    case("inv_int", "inv", [Arg("int32", (2, 2), values=[[1, 2], [3, 4]])])
    case("inv_bool", "inv", [Arg("bool", (2, 2), values=[[1, 0], [1, 1]])])
    case("inv_singular", "inv", [Arg("float64", (3, 3), values=[[1, 1, 1]] * 3)])
    case("inv_nonsquare", "inv", [rnd("float64", (2, 3))])
    case("inv_1d", "inv", [rnd("float64", (3,))])
    case("inv_empty", "inv", [rnd("float64", (0, 0))])
    case("inv_empty_batch", "inv", [rnd("float64", (2, 0, 0))])

    # ---------------------------------------------------------------- det
    for dt in ("float64", "float32"):
        for n in (1, 2, 3, 6, 12):
            case(f"det_{dt}_{n}", "det", [rnd(dt, (n, n), "adddiag(1.5)", lo=-0.5, hi=0.5)])
        case(f"det_{dt}_pivot", "det", [rnd(dt, (7, 7), "adddiag(1.5);index[::-1]", lo=-0.5, hi=0.5)])
        case(f"det_{dt}_batch", "det", [rnd(dt, (3, 2, 4, 4), "adddiag(1)", lo=-0.5, hi=0.5)])
    case("det_f64_60", "det", [rnd("float64", (60, 60), "adddiag(2)", lo=-0.5, hi=0.5)])
    case("det_f64_general", "det", [rnd("float64", (25, 25))])
    case("det_int", "det", [Arg("int64", (3, 3), values=[[2, -1, 0], [1, 3, 2], [0, 5, -4]])])
    case("det_singular", "det", [Arg("float64", (3, 3), values=[[1, 1, 1]] * 3)])
    case("det_singular_f32", "det", [Arg("float32", (2, 2), values=[[1, 2], [2, 4]])])
    case("det_perm", "det", [Arg("float64", (3, 3), values=[[0, 1, 0], [0, 0, 1], [1, 0, 0]])])
    case("det_empty", "det", [rnd("float64", (0, 0))])
    case("det_empty_batch", "det", [rnd("float64", (2, 0, 0))])
    case("det_nonsquare", "det", [rnd("float64", (3, 2))])
    case("det_1d", "det", [rnd("float64", (3,))])

    # ---------------------------------------------------------------- norm
    for dt in ("float64", "float32"):
        case(f"norm_{dt}_vec", "norm", [rnd(dt, (1000,))])
        case(f"norm_{dt}_mat", "norm", [rnd(dt, (30, 40))])
        case(f"norm_{dt}_3d", "norm", [rnd(dt, (3, 4, 5))])
        case(f"norm_{dt}_fro", "norm", [rnd(dt, (30, 40), "T")], [("ord", "fro")])
        for o in ("inf", "-inf", "0", "1", "2", "-1", "3", "0.5", "-2"):
            case(f"norm_{dt}_vec_ord{o}", "norm", [rnd(dt, (50,))], [("ord", o)])
        for o in ("1", "-1", "inf", "-inf"):
            case(f"norm_{dt}_mat_ord{o}", "norm", [rnd(dt, (6, 9))], [("ord", o)])
        case(f"norm_{dt}_axis", "norm", [rnd(dt, (6, 9))], [("ord", "2"), ("axis", "1"), ("keepdims", "0")])
        case(f"norm_{dt}_axis_keep", "norm", [rnd(dt, (6, 9, 4))], [("ord", "1"), ("axis", "-2"), ("keepdims", "1")])
        case(f"norm_{dt}_axis_inf", "norm", [rnd(dt, (6, 9))], [("ord", "inf"), ("axis", "0"), ("keepdims", "0")])
    case("norm_int", "norm", [ints("int64", (10,))])
    case("norm_int_ord1", "norm", [ints("int32", (10,))], [("ord", "1")])
    case("norm_scalar", "norm", [Arg("float64", (), values=-3.0)])
    case("norm_empty", "norm", [rnd("float64", (0,))])
    case("norm_empty_inf", "norm", [rnd("float64", (0,))], [("ord", "inf")])
    case("norm_empty_mat_inf", "norm", [rnd("float64", (0, 3))], [("ord", "inf")])
    case("norm_empty_mat_1", "norm", [rnd("float64", (0, 3))], [("ord", "1")])
    case("norm_fro_vec", "norm", [rnd("float64", (3,))], [("ord", "fro")])
    case("norm_mat_ord3", "norm", [rnd("float64", (2, 3))], [("ord", "3")])
    case("norm_3d_ord1", "norm", [rnd("float64", (2, 3, 4))], [("ord", "1")])
    case("norm_scalar_ord1", "norm", [Arg("float64", (), values=3.0)], [("ord", "1")])
    case("norm_axis_oob", "norm", [rnd("float64", (2, 3))], [("ord", "1"), ("axis", "3"), ("keepdims", "0")])


def records():
    lines = []
    for cid, op, params, args in CASES:
        pstr = " ".join(f"{k}={v}" for k, v in params) or "-"
        lines.append("\t".join(["case", cid, op, pstr]))
        lines.extend(a.line() for a in args)
        try:
            with np.errstate(all="ignore"):
                r = np.asarray(call(op, params, [a.value() for a in args]))
        except Exception as e:  # NumPy's error is the expectation
            lines.append("\t".join(["raises", type(e).__name__, str(e)]))
            continue
        if r.size <= FULL_LIMIT:
            lines.append("\t".join(["expect", str(r.dtype), fmt_shape(r.shape), fmt_values(r)]))
        else:
            flat = r.ravel()
            idx = np.unique(np.concatenate([
                [0, r.size - 1],
                (splitmix(zlib.crc32(cid.encode()), SAMPLES, 0, r.size)).astype(np.int64)]))
            idx = idx[idx < r.size]
            lines.append("\t".join(["sample", str(r.dtype), fmt_shape(r.shape),
                                    " ".join(f"{i}:{fmt_value(flat[i], r.dtype)}" for i in idx)]))
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    build_cases()
    header = [f"# Generated by scripts/gen_linalg_golden.py with NumPy {np.__version__}; do not edit.",
              "# Format: see the script's docstring."]
    text = "\n".join(header + records()) + "\n"
    if args.check:
        old = OUT.read_text() if OUT.exists() else ""
        if old != text:
            print(f"{OUT} differs from what NumPy {np.__version__} gives", file=sys.stderr)
            return 1
        print("ok")
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(f"wrote {len(CASES)} cases to {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
