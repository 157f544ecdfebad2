#!/usr/bin/env python3
# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The shape of the add-on's Python code, as the house rules count it.

- files over 500 lines;
- functions over 40 lines of logic: lines of code, without blank lines,
  comments, docstrings, and the lines of string literals (SQL) and of data
  literals (lists, dicts, tuples, sets written out).

    python3 scripts/code_shape.py [--max-file 500] [--max-function 40] [PATH...]

Prints both lists and the counts; exits 0 (a report, not a check: the
static test tests/static/test_static_shape.py holds the limits).
"""

import argparse
import ast
import io
import sys
import tokenize
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = (
    "recouvrement_fr",
    "recouvrement_fr_payment",
    "recouvrement_fr_queue_job",
)


def _literal_lines(tree):
    """Line numbers covered by string literals spanning lines and by data
    literals (list/tuple/dict/set displays) of more than one line."""
    lines = set()
    for node in ast.walk(tree):
        data = isinstance(node, (ast.List, ast.Tuple, ast.Dict, ast.Set))
        text = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if (data or text) and node.end_lineno > node.lineno:
            if data and not all(
                isinstance(
                    elt, (ast.Constant, ast.Tuple, ast.List, ast.Name, ast.Attribute)
                )
                for elt in getattr(node, "elts", None) or getattr(node, "values", [])
            ):
                continue
            lines.update(range(node.lineno, node.end_lineno + 1))
    return lines


def _code_lines(source):
    """Line numbers holding code tokens (not comments, not blank)."""
    lines = set()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in (
            tokenize.COMMENT,
            tokenize.NL,
            tokenize.NEWLINE,
            tokenize.INDENT,
            tokenize.DEDENT,
            tokenize.ENDMARKER,
        ):
            continue
        lines.update(range(tok.start[0], tok.end[0] + 1))
    return lines


def _docstring_lines(tree):
    lines = set()
    for node in ast.walk(tree):
        if isinstance(
            node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)
        ):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(getattr(body[0], "value", None), ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                lines.update(range(body[0].lineno, body[0].end_lineno + 1))
    return lines


def function_sizes(path):
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    code = _code_lines(source) - _docstring_lines(tree) - _literal_lines(tree)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            start = min([d.lineno for d in node.decorator_list] + [node.lineno])
            logic = sum(1 for n in range(start, node.end_lineno + 1) if n in code)
            yield node.name, node.lineno, logic


def python_files(paths):
    for base in paths:
        base = (REPO / base) if not Path(base).is_absolute() else Path(base)
        for path in sorted(base.rglob("*.py")):
            if "migrations" in path.parts or "__pycache__" in path.parts:
                continue
            if "tests" in path.parts:
                continue
            yield path


def report(paths, max_file, max_function):
    long_files, long_functions = [], []
    for path in python_files(paths):
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > max_file:
            long_files.append((count, path.relative_to(REPO)))
        for name, line, logic in function_sizes(path):
            if logic > max_function:
                long_functions.append(
                    (logic, f"{path.relative_to(REPO)}:{line} {name}")
                )
    return sorted(long_files, reverse=True), sorted(long_functions, reverse=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--max-file", type=int, default=500)
    parser.add_argument("--max-function", type=int, default=40)
    args = parser.parse_args(argv)
    files, functions = report(args.paths, args.max_file, args.max_function)
    print(f"files over {args.max_file} lines: {len(files)}")
    for count, path in files:
        print(f"  {count:5d}  {path}")
    print(f"functions over {args.max_function} lines of logic: {len(functions)}")
    for logic, where in functions:
        print(f"  {logic:5d}  {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
