#!/usr/bin/env python3
"""Writes the broadcasting quiz's generated questions, with NumPy as the oracle.

Output: broadcasting/src/main/resources/io/github/ndarray/broadcasting/quiz.tsv (committed,
so the Java build and tests need no Python). The format is described in the file's header.

Usage:
    python3 scripts/gen_broadcast_quiz.py           # (re)write the file
    python3 scripts/gen_broadcast_quiz.py --check   # exit 1 if the committed data differs

The shapes are random but fixed by SEED: 0 to 5 axes, sizes weighted towards 1 and small
numbers, a few size-0 axes, 2 to 4 operands, some shorter than others (down to 0-d). About
half the questions broadcast and half fail: NumPy decides which, and its answer
(np.broadcast_shapes) and error message (np.nditer, which ufuncs use) are recorded.
"""
import argparse
import sys
from pathlib import Path

import numpy as np

SEED = 20250521
PER_OUTCOME = 200  # questions that broadcast, and as many that fail
MAX_NDIM = 5
SIZES = [0, 1, 1, 1, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7]  # drawn uniformly: 1 is common, 0 rare
OPERAND_COUNTS = [2, 2, 2, 2, 3, 3, 4]
OPERATORS = ["+", "-", "*", "/", "//", "%", "**", "==", "<"]

OUT = (Path(__file__).resolve().parent.parent / "broadcasting" / "src" / "main" / "resources"
       / "io" / "github" / "ndarray" / "broadcasting" / "quiz.tsv")

HEADER = """\
# Broadcasting quiz: generated questions, each answered by NumPy {version}.
# Written by scripts/gen_broadcast_quiz.py (seed {seed}); do not edit by hand, rerun the script.
#
# One question per line, four columns separated by tabs:
#   id        a unique name, e.g. g0001
#   question  the operands' shapes as NumPy prints them, joined by one operator symbol,
#             e.g. (3,1) * (1,2)   or   () + (0,) + (1,)
#   answer    the broadcast shape as NumPy prints it (np.broadcast_shapes), or the word error
#   message   on error rows, NumPy's own message (np.nditer over the operands, as a ufunc
#             reports it) without its trailing space; empty on other rows
# Lines that start with # and blank lines are ignored.
"""


def fmt(shape):
    """A shape as NumPy prints it in error messages: (), (3,), (3,4)."""
    inner = ",".join(str(d) for d in shape)
    return "(" + inner + ("," if len(shape) == 1 else "") + ")"


def candidate(rng):
    """Random operand shapes: cut from one target shape, with some axes set to 1, sometimes
    one axis changed to another size (which may or may not break broadcasting)."""
    ndim = int(rng.integers(0, MAX_NDIM + 1))
    target = [int(rng.choice(SIZES)) for _ in range(ndim)]
    shapes = []
    for _ in range(int(rng.choice(OPERAND_COUNTS))):
        keep = ndim if rng.random() < 0.6 else int(rng.integers(0, ndim + 1))
        shapes.append([1 if rng.random() < 0.3 else d for d in target[ndim - keep:]])
    with_axes = [s for s in shapes if s]
    if with_axes and rng.random() < 0.6:
        s = with_axes[int(rng.integers(0, len(with_axes)))]
        axis = int(rng.integers(0, len(s)))
        s[axis] = int(rng.choice([d for d in SIZES if d != s[axis]]))
    return tuple(tuple(s) for s in shapes)


def numpy_answer(shapes):
    """(answer, message): NumPy's broadcast shape and '', or 'error' and NumPy's message."""
    try:
        result = np.broadcast_shapes(*shapes)
    except ValueError:
        result = None
    try:
        np.nditer([np.empty(s, dtype=np.int8) for s in shapes], flags=["zerosize_ok"])
        message = None
    except ValueError as e:
        message = str(e).rstrip()
    if (result is None) != (message is not None):
        raise AssertionError(f"np.broadcast_shapes and np.nditer disagree on {shapes}")
    return ("error", message) if result is None else (fmt(result), "")


def generate():
    rng = np.random.default_rng(SEED)
    seen = set()
    rows = []
    wanted = {True: PER_OUTCOME, False: PER_OUTCOME}
    while wanted[True] or wanted[False]:
        shapes = candidate(rng)
        op = str(rng.choice(OPERATORS))
        if shapes in seen:
            continue
        answer, message = numpy_answer(shapes)
        ok = answer != "error"
        if not wanted[ok]:
            continue
        seen.add(shapes)
        wanted[ok] -= 1
        rows.append((f" {op} ".join(fmt(s) for s in shapes), answer, message, shapes))
    check_coverage(rows)
    return rows


def check_coverage(rows):
    """Fails unless both outcomes include every kind of case the quiz promises."""
    for ok in (True, False):
        group = [r for r in rows if (r[1] != "error") == ok]
        kinds = {
            "a 0-d operand": lambda s: any(len(x) == 0 for x in s),
            "a size-0 axis": lambda s: any(0 in x for x in s),
            "a size-1 axis": lambda s: any(1 in x for x in s),
            "operands of different lengths": lambda s: len({len(x) for x in s}) > 1,
            "2 operands": lambda s: len(s) == 2,
            "3 operands": lambda s: len(s) == 3,
            "4 operands": lambda s: len(s) == 4,
            "5 axes": lambda s: max(len(x) for x in s) == 5,
        }
        for name, test in kinds.items():
            count = sum(1 for r in group if test(r[3]))
            if count < 5:
                raise AssertionError(f"only {count} {'passing' if ok else 'failing'} questions with {name}")


def render(rows):
    lines = [HEADER.format(version=np.__version__, seed=SEED)]
    for i, (question, answer, message, _) in enumerate(rows, 1):
        lines.append(f"g{i:04d}\t{question}\t{answer}\t{message}\n")
    return "".join(lines)


def data_lines(text):
    return [l for l in text.splitlines() if l and not l.startswith("#")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing it")
    args = parser.parse_args()
    text = render(generate())
    if args.check:
        same = OUT.exists() and data_lines(OUT.read_text(encoding="utf-8")) == data_lines(text)
        print(f"{OUT}: {'up to date' if same else 'differs from what the script generates'}")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {len(data_lines(text))} questions to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
