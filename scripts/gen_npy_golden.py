#!/usr/bin/env python3
"""Writes the golden .npy files that NpyTest reads, with NumPy as the oracle.

    python3 scripts/gen_npy_golden.py

Output: ndarray-api/src/test/resources/io/github/ndarray/npy/
  *.npy          files written by NumPy (np.save / np.lib.format.write_array)
  manifest.tsv   one line per file, tab-separated:
                   file  dtype  shape  order  byteorder  version  canonical  values
                 dtype      NumPy's name (float64, ...)
                 shape      dims joined by ',' ('-' for a 0-d array)
                 order      C or F (the file's fortran_order)
                 byteorder  the descr's first char: '<', '>' or '|'
                 version    the format version, e.g. 1.0
                 canonical  the file NumPy writes for the same values as a plain
                            little-endian C-order array (np.save): what our writer must
                            reproduce byte for byte; itself for the plain files
                 values     the elements in C order, space-separated: integers in
                            decimal, bool as 0/1, floats as float.hex() of the value
                            (float32 widened exactly), 'nan', 'inf', '-inf'
  views.tsv      views of golden arrays and NumPy's file of their C-order copy:
                   source  expression  shape  strides  offset  expected
                 expression is NumPy's index syntax, or 'T' for a.T; shape, strides (bytes,
                 ',' separated, '-' for 0-d) and offset (bytes from the source's first
                 element) are the view's layout as NumPy made it

The data comes from a fixed seed, so running this again gives the same files (with the
same NumPy major version). Keep the total small: it is committed.
"""
import io
import os
import sys
import warnings

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ndarray-api", "src", "test",
                   "resources", "io", "github", "ndarray", "npy")
DTYPES = ["bool", "int8", "uint8", "int16", "int32", "int64", "float32", "float64"]
SHAPES = [(), (0,), (7,), (3, 4), (2, 3, 4), (2, 1, 3, 2), (2, 0, 3)]

rng = np.random.default_rng(20240607)
manifest = []
views = []


def shape_name(shape):
    return "scalar" if shape == () else "x".join(str(d) for d in shape)


def random_array(dtype, shape):
    dt = np.dtype(dtype)
    n = int(np.prod(shape))
    if dt.kind == "b":
        flat = rng.integers(0, 2, size=n).astype(bool)
    elif dt.kind in "iu":
        info = np.iinfo(dt)
        flat = rng.integers(info.min, info.max, size=n, endpoint=True, dtype=dt)
        special = [info.min, info.max, 0, 1] + ([-1] if dt.kind == "i" else [])
        for i, v in enumerate(special[: n // 2]):
            flat[(i * 5 + 1) % n] = v
    else:
        info = np.finfo(dt)
        flat = (rng.standard_normal(n) * 10.0 ** rng.integers(-5, 6, size=n)).astype(dt)
        special = [np.nan, np.inf, -np.inf, -0.0, info.smallest_subnormal, -info.max, info.max,
                   info.tiny]
        for i, v in enumerate(special[: max(1, n // 2)] if n else []):
            flat[(i * 3 + 1) % n] = v
    return flat.reshape(shape)


def text(a):
    out = []
    for x in np.ascontiguousarray(a).reshape(-1).tolist():
        if isinstance(x, bool):
            out.append("1" if x else "0")
        elif isinstance(x, int):
            out.append(str(x))
        elif x != x:
            out.append("nan")
        elif x in (float("inf"), float("-inf")):
            out.append("inf" if x > 0 else "-inf")
        else:
            out.append(float.hex(x))
    return " ".join(out)


def save_bytes(a, version=None):
    b = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if version is None:
            np.save(b, a)
        else:
            np.lib.format.write_array(b, a, version=version)
    return b.getvalue()


def put(name, a, canonical, version=None):
    data = save_bytes(a, version)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    order = "F" if (a.ndim > 1 and a.flags.f_contiguous and not a.flags.c_contiguous) else "C"
    v = data[6], data[7]
    manifest.append("\t".join([name, a.dtype.name, ",".join(str(d) for d in a.shape) or "-", order,
                               a.dtype.str[0], f"{v[0]}.{v[1]}", canonical, text(a)]))


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    plain = {}
    # Every dtype in every shape, plain: little-endian, C order, version 1.0.
    for dt in DTYPES:
        for shape in SHAPES:
            name = f"{dt}_{shape_name(shape)}.npy"
            a = random_array(dt, shape)
            plain[(dt, shape)] = (name, a)
            put(name, a, name)
    # Larger arrays, to cross many read/write chunks.
    for dt, shape in [("float64", (1000,)), ("int16", (33, 31)), ("bool", (5, 7, 3))]:
        name = f"{dt}_{shape_name(shape)}.npy"
        a = random_array(dt, shape)
        plain[(dt, shape)] = (name, a)
        put(name, a, name)
    # Big-endian: same values, '>' descr; our writer gives back the little-endian file.
    for dt in ["int16", "int32", "int64", "float32", "float64"]:
        for shape in [(), (7,), (3, 4), (2, 3, 4)]:
            name, a = plain[(dt, shape)]
            put("be_" + name, a.astype(a.dtype.newbyteorder(">")), name)
    # Fortran order: same values, column-major data with fortran_order True.
    for dt in DTYPES:
        for shape in [(3, 4), (2, 3, 4), (2, 1, 3, 2)]:
            name, a = plain[(dt, shape)]
            put("f_" + name, np.asfortranarray(a), name)
    for dt in ["int32", "float64"]:
        name, a = plain[(dt, (2, 3, 4))]
        put("bef_" + name, np.asfortranarray(a.astype(a.dtype.newbyteorder(">"))), name)
    name, a = plain[("int16", (33, 31))]
    put("f_" + name, np.asfortranarray(a), name)
    # Format versions 2.0 and 3.0 (4-byte header length; 3.0 is utf8).
    for dt, shape in [("float64", (3, 4)), ("int32", (7,)), ("bool", ()), ("uint8", (2, 0, 3))]:
        name, a = plain[(dt, shape)]
        put("v2_" + name, a, name, (2, 0))
        put("v3_" + name, a, name, (3, 0))
    name, a = plain[("float32", (2, 3, 4))]
    put("v2f_" + name, np.asfortranarray(a.astype(a.dtype.newbyteorder(">"))), name, (2, 0))
    # A header whose length is already a multiple of 64: NumPy pads a whole 64 spaces.
    found = None
    for k in range(40):
        for tail in [(), (10,), (100,), (10, 10), (0, 100)]:
            shape = (2,) + (1,) * k + tail
            header = f"{{'descr': '<f8', 'fortran_order': False, 'shape': {shape!r}, }}"
            header += " " * (21 - len(repr(shape[0])))
            if found is None and (10 + len(header) + 1) % 64 == 0:
                found = shape
                h = save_bytes(np.zeros(shape))
                assert h[10 + len(header):10 + len(header) + 65] == b" " * 64 + b"\n", h
    if found is None:
        sys.exit("no shape found whose header needs a full 64-byte pad")
    name = f"pad64_float64_{shape_name(found)}.npy"
    put(name, random_array("float64", found), name)
    # Views: our writer must write them in C order, as NumPy's C-order copy.
    for dt, shape, expr in [("float64", (3, 4), "T"), ("int32", (2, 3, 4), "T"),
                            ("float32", (3, 4), "::2, ::-1"), ("int64", (2, 3, 4), "1"),
                            ("int16", (3, 4), ":, 1:3"), ("uint8", (2, 1, 3, 2), "..., ::-2"),
                            ("bool", (2, 3, 4), "::-1, 1, None"), ("float64", (2, 3, 4), "0, 1, 2, ..."),
                            ("int16", (33, 31), "T"), ("int16", (33, 31), "3:30:4, ::3")]:
        name, a = plain[(dt, shape)]
        v = a.T if expr == "T" else eval(f"a[{expr}]")
        assert isinstance(v, np.ndarray) and np.shares_memory(v, a), expr
        vname = f"view_{len(views)}_{name}"
        with open(os.path.join(OUT, vname), "wb") as f:
            f.write(save_bytes(v.copy(order="C")))
        offset = v.__array_interface__["data"][0] - a.__array_interface__["data"][0]
        views.append("\t".join([name, expr, ",".join(map(str, v.shape)) or "-",
                                 ",".join(map(str, v.strides)) or "-", str(offset), vname]))
    with open(os.path.join(OUT, "manifest.tsv"), "w") as f:
        f.write("# file\tdtype\tshape\torder\tbyteorder\tversion\tcanonical\tvalues"
                f"  (NumPy {np.__version__}, scripts/gen_npy_golden.py)\n")
        f.write("\n".join(manifest) + "\n")
    with open(os.path.join(OUT, "views.tsv"), "w") as f:
        f.write("# source\texpression\tshape\tstrides\toffset\texpected\n")
        f.write("\n".join(views) + "\n")
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f"{len(manifest)} arrays, {len(views)} views, {total} bytes in {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
