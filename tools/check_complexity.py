"""Fail when a function of the package is too long or too branchy to read at once.

``nox -s lint`` runs it. A function may span at most ``MAX_LINES`` lines (its
signature, docstring and blank lines included) and have a cyclomatic complexity
below ``TOO_COMPLEX`` (radon's count, as ``radon cc`` prints it)::

    python tools/check_complexity.py [--top N] [PATH ...]

``--top N`` also lists the N longest and the N most complex functions.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 50
TOO_COMPLEX = 15


def functions(path: Path) -> list[tuple[int, str, int]]:
    """(lines, qualified name, first line) of every function in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str, int]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{prefix}{child.name}"
                first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                found.append((int(child.end_lineno or child.lineno) - first + 1, name, first))
                visit(child, f"{name}.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            else:
                visit(child, prefix)

    visit(tree, "")
    return found


def complexities(path: Path) -> list[tuple[int, str, int]]:
    """(cyclomatic complexity, qualified name, first line) of every function in ``path``."""
    from radon.complexity import cc_visit  # the lint group installs radon

    found = set()
    for block in cc_visit(path.read_text(encoding="utf-8")):
        for function in [block, *getattr(block, "methods", [])]:
            if type(function).__name__ == "Function":
                found.add((function.complexity, function.fullname, function.lineno))
    return sorted(found)


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{line}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "fbss_quiz"])
    parser.add_argument("--top", type=int, default=0, help="list the N longest and most complex")
    args = parser.parse_args(argv)
    files = sorted(f for p in args.paths for f in ([p] if p.is_file() else p.rglob("*.py")))
    lengths = sorted(
        ((n, _where(path, line), name) for path in files for n, name, line in functions(path)),
        reverse=True,
    )
    branches = sorted(
        ((n, _where(path, line), name) for path in files for n, name, line in complexities(path)),
        reverse=True,
    )
    for n, where, name in lengths[: args.top]:
        print(f"{n:4d} lines       {where}  {name}")
    for n, where, name in branches[: args.top]:
        print(f"{n:4d} complexity  {where}  {name}")
    problems = [
        f"{where}: {name} is {n} lines long (at most {MAX_LINES}): split it"
        for n, where, name in lengths
        if n > MAX_LINES
    ] + [
        f"{where}: {name} has a cyclomatic complexity of {n} (it must be below {TOO_COMPLEX}): "
        "split it"
        for n, where, name in branches
        if n >= TOO_COMPLEX
    ]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
