"""A small mutation pass over kpi/ and storage/ (`make mutate`): make one small wrong change
to the code at a time (a flipped comparison, a swapped operator, a dropped condition from a
query's filter list, a changed constant), run the tests of that module against it in a
scratch copy of the repository, and count the mutants the tests kill. Prints the score.

Not part of `make test`: each surviving mutant costs a full run of its tests. By default a
deterministic sample (`--max`, `--seed`) is run; `--all` runs every mutant. Tests run on
SQLite only (`-m "not e2e and not postgres"`), with the test files that name the module
(or the whole tests/kpi or tests/storage when none does).

    python tools/mutate.py [--max 30] [--seed 1] [--all] [--only storage/aggregates.py]
"""

from __future__ import annotations

import argparse
import ast
import copy
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("kpi", "storage")
COPY = ("kpi", "storage", "bot", "tests", "pyproject.toml", "alembic.ini")
SWAP_CMP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
            ast.Eq: ast.NotEq, ast.NotEq: ast.Eq}  # fmt: skip
SWAP_BIN = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult}
TIMEOUT = 600


@dataclass(frozen=True)
class Mutant:
    path: Path  # relative to ROOT
    index: int  # the index-th mutation point of the file
    line: int
    what: str


def _points(tree: ast.AST) -> Iterator[tuple[ast.AST, str]]:
    """Every node a mutation applies to, with a description; in a stable order."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and type(node.ops[0]) in SWAP_CMP:
            new = SWAP_CMP[type(node.ops[0])].__name__
            yield node, f"{type(node.ops[0]).__name__} -> {new}"
        elif isinstance(node, ast.BinOp) and type(node.op) in SWAP_BIN:
            yield node, f"{type(node.op).__name__} -> {SWAP_BIN[type(node.op)].__name__}"
        elif isinstance(node, ast.BoolOp):
            yield (
                node,
                f"{type(node.op).__name__} -> {'Or' if isinstance(node.op, ast.And) else 'And'}",
            )
        elif (
            isinstance(node, ast.List)
            and len(node.elts) >= 2
            and all(isinstance(e, ast.Compare | ast.Call) for e in node.elts)
        ):
            # a list of filter conditions, e.g. [Campaign.team_id == team_id, Cost.day...]
            for i in range(len(node.elts)):
                yield node, f"drop condition {i} of a list"
        elif isinstance(node, ast.Constant) and type(node.value) is int and node.value in (0, 1, 2):
            yield node, f"{node.value} -> {node.value + 1}"
        elif isinstance(node, ast.Constant) and type(node.value) is bool:
            yield node, f"{node.value} -> {not node.value}"


def mutants(only: list[str]) -> list[Mutant]:
    found: list[Mutant] = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT)
            if "migrations" in rel.parts or (only and str(rel) not in only):
                continue
            tree = ast.parse(path.read_text())
            for index, (node, what) in enumerate(_points(tree)):
                found.append(Mutant(rel, index, getattr(node, "lineno", 0), what))
    return found


def mutated_source(mutant: Mutant) -> str:
    tree = ast.parse((ROOT / mutant.path).read_text())
    seen: dict[int, int] = {}  # a list node yields one point per element
    for index, (node, _what) in enumerate(_points(tree)):
        if index != mutant.index:
            seen[id(node)] = seen.get(id(node), 0) + 1
            continue
        if isinstance(node, ast.Compare):
            node.ops[0] = SWAP_CMP[type(node.ops[0])]()
        elif isinstance(node, ast.BinOp):
            node.op = SWAP_BIN[type(node.op)]()
        elif isinstance(node, ast.BoolOp):
            node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        elif isinstance(node, ast.List):
            node.elts = [
                copy.copy(e) for i, e in enumerate(node.elts) if i != seen.get(id(node), 0)
            ]
        elif isinstance(node, ast.Constant):
            node.value = (not node.value) if type(node.value) is bool else node.value + 1
        return ast.unparse(tree)
    raise LookupError(f"no mutation point {mutant.index} in {mutant.path}")


def tests_for(path: Path) -> list[str]:
    """The test files that name the module; else the package's whole test directory."""
    module = ".".join(path.with_suffix("").parts)
    stem = path.stem
    folder = ROOT / "tests" / path.parts[0]
    named = [
        str(t.relative_to(ROOT))
        for t in sorted((ROOT / "tests").rglob("test_*.py"))
        if "e2e" not in t.parts
        and (module in (text := t.read_text()) or f"import {stem}" in text or f" {stem}," in text)
    ]
    return named or [str(folder.relative_to(ROOT))]


def run(mutant: Mutant, scratch: Path) -> str:
    """killed | survived | timeout | invalid, for one mutant, in the scratch copy."""
    target = scratch / mutant.path
    original = target.read_text()
    try:
        source = mutated_source(mutant)
        compile(source, str(target), "exec")
    except (SyntaxError, ValueError, TypeError):
        return "invalid"
    target.write_text(source)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
             "-m", "not e2e and not postgres", *tests_for(mutant.path)],
            cwd=scratch, env={**_env(), "PYTHONPATH": str(scratch)},
            capture_output=True, text=True, timeout=TIMEOUT, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return "timeout"
    finally:
        target.write_text(original)
    return "survived" if proc.returncode == 0 else "killed"


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("KPIBOT_TEST_POSTGRES")}


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max", type=int, default=30, help="mutants to run (a sample)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--all", action="store_true", help="every mutant (slow)")
    parser.add_argument("--only", action="append", default=[], help="only this file (repeat)")
    args = parser.parse_args(argv)
    every = mutants(args.only)
    chosen = (
        every if args.all else random.Random(args.seed).sample(every, min(args.max, len(every)))
    )
    say(f"{len(every)} mutants in {', '.join(args.only or PACKAGES)}; running {len(chosen)}")
    tally: dict[str, int] = {}
    survivors: list[Mutant] = []
    with tempfile.TemporaryDirectory(prefix="kpibot-mutate-") as tmp:
        scratch = Path(tmp)
        for name in COPY:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, scratch / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif src.exists():
                shutil.copy2(src, scratch / name)
        for n, mutant in enumerate(sorted(chosen, key=lambda m: (str(m.path), m.index)), 1):
            started = time.perf_counter()
            outcome = run(mutant, scratch)
            tally[outcome] = tally.get(outcome, 0) + 1
            if outcome == "survived":
                survivors.append(mutant)
            say(f"[{n}/{len(chosen)}] {outcome:8} {mutant.path}:{mutant.line} {mutant.what}"
                  f"  ({time.perf_counter() - started:.0f} s)")  # fmt: skip
    valid = tally.get("killed", 0) + tally.get("survived", 0) + tally.get("timeout", 0)
    killed = tally.get("killed", 0) + tally.get("timeout", 0)
    say(f"\nmutation score: {killed}/{valid} killed ({100 * killed / max(valid, 1):.0f} %)"
          f"; invalid (not compiled): {tally.get('invalid', 0)}")  # fmt: skip
    for mutant in survivors:
        say(f"  survived: {mutant.path}:{mutant.line} {mutant.what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
