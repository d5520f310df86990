#!/usr/bin/env python3
"""Fills the `expected` column of docs/cheatsheet.tsv with NumPy's answers.

Each row's `pycheck` column (or its `numpy` column when pycheck is "=") is run after the
prelude rows; the value of its last statement, written as NumPy writes it, becomes the
row's expected string (newlines as "\\n"). CheatSheetTest compares the Java check with it.

    python3 scripts/cheatsheet/expected.py        # rewrites docs/cheatsheet.tsv in place
"""
import ast
import pathlib
import sys
import tempfile

import numpy as np

TSV = pathlib.Path(__file__).resolve().parents[2] / "docs" / "cheatsheet.tsv"
HEADER = ["section", "numpy", "java", "check", "pycheck", "expected"]


def shape_dtype(x):
    return f"{x.shape} {x.dtype}"


def render(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, np.generic):
        return repr(np.asarray(value))
    if isinstance(value, str):
        return value
    return repr(value)


def run(code, prelude):
    env = {"np": np, "tempfile": tempfile, "shape_dtype": shape_dtype}
    for line in prelude:
        exec(line, env)
    tree = ast.parse(code)
    last = tree.body.pop()
    exec(compile(tree, "<row>", "exec"), env)
    if isinstance(last, ast.Expr):
        return eval(compile(ast.Expression(last.value), "<row>", "eval"), env)
    exec(compile(ast.Module([last], []), "<row>", "exec"), env)
    return None


def main():
    lines = TSV.read_text().splitlines()
    assert lines[0].split("\t") == HEADER, lines[0]
    rows = [line.split("\t") for line in lines[1:]]
    prelude = [r[1] for r in rows if r[0] == "prelude"]
    out = ["\t".join(HEADER)]
    for r in rows:
        section, numpy, java, check, pycheck, _ = r
        if section == "prelude":
            expected = "="
        elif pycheck == "!compile":
            expected = "!compile"
        else:
            code = numpy if pycheck == "=" else pycheck
            expected = render(run(code, prelude)).replace("\n", "\\n")
        out.append("\t".join([section, numpy, java, check, pycheck, expected]))
    TSV.write_text("\n".join(out) + "\n")
    print(f"{len(rows)} rows written to {TSV}", file=sys.stderr)


if __name__ == "__main__":
    main()
