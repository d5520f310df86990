#!/usr/bin/env python3
"""Golden data for NumPy basic indexing (ndarray-api IndexingTest).

For a fixed seed, builds base arrays np.arange(n).reshape(shape) (so each value names its
position), applies random index expressions (integers, slices with any mix of positive and
negative start/stop/step, None, ...), and writes one TSV row per case:

    base_shape  base_strides  expression  shape  strides  offset  values  error

shape/strides/values are bracketed comma lists ("[2,3]", "[]" for 0-d); strides are in bytes
like NumPy's .strides; offset is element 0's position in the base's memory, in elements
("-" when the result is empty: any in-bounds offset is then acceptable); values are the
result flattened in C order. For IndexError cases only `error` is filled: "IndexError: <msg>".
An expression with " | " is a chain of indexings, a[e1][e2]...: views of views.

Run from the repository root:  python3 scripts/gen_index_golden.py
"""
import os
import random
import sys

import numpy as np

SEED = 20240611
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ndarray-api", "src", "test",
                   "resources", "io", "github", "ndarray", "index_golden.tsv")

SHAPES = [
    (), (0,), (1,), (5,), (7,),
    (3, 4), (0, 3), (4, 0), (1, 6), (6, 1),
    (2, 3, 4), (3, 1, 5), (2, 0, 3),
    (2, 3, 2, 3), (1, 2, 1, 3), (3, 0, 1, 2),
]
CASES_PER_SHAPE = 40
CHAINS = 150

# Hand-written expressions tried on every base (those that make sense there).
FIXED = ["", "...", "None", ":", "::-1", "-1", "0", "None, ...", "..., None", "1:", ":-1", "::2",
         "-1::-2", "0, ...", "..., 0", "..., -1", "None, ::-1, None", "3:1:-1", "100:", "-100:",
         ":100", ":-100", "::-100", "::100"]


def fmt_list(xs):
    return "[" + ",".join(str(int(x)) for x in xs) + "]"


def rand_bound(rng, n):
    """A slice bound: usually near the axis, sometimes far outside it."""
    r = rng.random()
    if r < 0.25:
        return None
    if r < 0.85:
        return rng.randint(-n - 2, n + 2)
    return rng.choice([-1000, 1000, -n - 7, n + 7])


def rand_item(rng, n):
    """One index item for an axis of size n, as (python value, text)."""
    r = rng.random()
    if r < 0.30:
        if rng.random() < 0.9 and n > 0:
            i = rng.randint(-n, n - 1)
        else:
            i = rng.choice([n, -n - 1, n + 3, -n - 4])
        return i, str(i)
    if r < 0.85:
        # Random bounds give empty slices half the time; mostly redraw those, keep some.
        for _ in range(6):
            start = rand_bound(rng, n)
            stop = rand_bound(rng, n)
            step = rng.choice([None, None, 1, 2, 3, -1, -1, -2, -3, 5, -7])
            if len(range(*slice(start, stop, step).indices(n))) > 0 or rng.random() < 0.15:
                break
        parts = ["" if v is None else str(v) for v in (start, stop)]
        text = parts[0] + ":" + parts[1]
        if step is not None:
            text += ":" + str(step)
        elif rng.random() < 0.2:
            text += ":"  # "a:b:" is a slice with step None too
        return slice(start, stop, step), text
    return None, "None"


def spaced(rng, text):
    """Sprinkles whitespace around the separators, which the parser must ignore."""
    if rng.random() < 0.7:
        return text
    out = []
    for ch in text:
        if ch in ":," and rng.random() < 0.5:
            out.append(" " * rng.randint(0, 2) + ch + " " * rng.randint(0, 2))
        else:
            out.append(ch)
    return " " * rng.randint(0, 1) + "".join(out) + " " * rng.randint(0, 1)


def rand_expression(rng, shape):
    nd = len(shape)
    # Usually a valid number of indices; sometimes one too many.
    count = rng.randint(0, nd + (1 if rng.random() < 0.1 else 0))
    use_ellipsis = rng.random() < 0.3
    items, texts = [], []
    axis = 0
    for _ in range(count):
        n = shape[axis] if axis < nd else 3
        v, t = rand_item(rng, n)
        items.append(v)
        texts.append(t)
        if v is not None:
            axis += 1
    # A few extra new axes anywhere.
    for _ in range(rng.choice([0, 0, 0, 1, 2])):
        pos = rng.randint(0, len(items))
        items.insert(pos, None)
        texts.insert(pos, "None")
    if use_ellipsis:
        pos = rng.randint(0, len(items))
        items.insert(pos, Ellipsis)
        texts.insert(pos, "...")
    return tuple(items), ", ".join(texts)


def parse(text):
    """Python's meaning of a[text] for the forms the generator writes."""
    if text.strip() == "":
        return ()
    return eval("np.s_[" + text + ",]", {"np": np})


def index_view(a, idx):
    r = a[idx]
    if not isinstance(r, np.ndarray):
        # Every axis taken by an integer: NumPy gives a scalar; a trailing ... gives the 0-d view.
        r = a[idx + (Ellipsis,)]
    return r


def row(shape, expr):
    base = np.arange(int(np.prod(shape, dtype=np.int64))).reshape(shape)
    cells = [fmt_list(shape), fmt_list(base.strides), expr]
    r = base
    try:
        for stage in expr.split("|"):
            r = index_view(r, parse(stage))
    except IndexError as e:
        return cells + ["", "", "", "", "IndexError: " + str(e)]
    assert np.shares_memory(r, base) or r.size == 0 or base.size == 0
    if r.size == 0:
        offset = "-"
    else:
        delta = r.__array_interface__["data"][0] - base.__array_interface__["data"][0]
        offset = str(delta // base.itemsize)
    return cells + [fmt_list(r.shape), fmt_list(r.strides), offset, fmt_list(r.ravel().tolist()), ""]


def main():
    rng = random.Random(SEED)
    rows, seen = [], set()

    def add(shape, expr):
        if (shape, expr) in seen:
            return
        seen.add((shape, expr))
        rows.append(row(shape, expr))

    for shape in SHAPES:
        for expr in FIXED:
            add(shape, expr)
        for _ in range(CASES_PER_SHAPE):
            _, text = rand_expression(rng, shape)
            add(shape, spaced(rng, text))
    # Views of views: chains of two or three indexings, each on the previous result's shape.
    add((5,), "::-1 | 1:")
    add((3, 4), "::-1, ::2 | 1:, ::-1")
    add((2, 3, 4), "..., ::-1 | None, 1 | ::-1, 1:3")
    for _ in range(CHAINS):
        shape = rng.choice([s for s in SHAPES if len(s) >= 1])
        current = np.arange(int(np.prod(shape, dtype=np.int64))).reshape(shape)
        stages = []
        for _ in range(rng.randint(2, 3)):
            idx, text = rand_expression(rng, current.shape)
            try:
                current = index_view(current, idx)
            except IndexError:
                pass  # keep the failing stage: the chain then ends in an IndexError
            stages.append(text)
        add(shape, " | ".join(stages))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", newline="\n") as f:
        f.write("# generated by scripts/gen_index_golden.py with NumPy " + np.__version__
                + "; seed " + str(SEED) + "\n")
        f.write("base_shape\tbase_strides\texpression\tshape\tstrides\toffset\tvalues\terror\n")
        for r in rows:
            assert all("\t" not in c and "\n" not in c for c in r)
            f.write("\t".join(r) + "\n")
    errors = sum(1 for r in rows if r[7])
    print(f"wrote {len(rows)} cases ({errors} IndexError) to {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
