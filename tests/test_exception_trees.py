"""One exception tree per layer: every exception class of bot/, kpi/ and storage/ is defined
once, in its layer's `errors` module, under the layer's root, drawn in that module's
docstring, and raised or caught somewhere (none unused)."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = {"bot": "BotError", "kpi": "KpiError", "storage": "StorageError"}


def exception_classes(package: str) -> list[tuple[str, str]]:
    """(module path, class name) of every class defined in the package that derives from
    an exception (by name: *Error, Exception, or a class already found)."""
    found: list[tuple[str, str]] = []
    names: set[str] = {"Exception", "ValueError", "LookupError", "KeyError", "TypeError"}
    paths = sorted((ROOT / package).rglob("*.py"))
    for _ in range(3):  # subclasses of subclasses, in any file order
        for path in paths:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ClassDef):
                    bases = {ast.unparse(b).rpartition(".")[2] for b in node.bases}
                    if bases & names or any(b.endswith("Error") for b in bases):
                        names.add(node.name)
                        entry = (str(path.relative_to(ROOT)), node.name)
                        if entry not in found:
                            found.append(entry)
    return found


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_every_exception_is_defined_once_in_the_errors_module(package: str) -> None:
    outside = [f"{p}: {n}" for p, n in exception_classes(package) if p != f"{package}/errors.py"]
    assert outside == []


@pytest.mark.parametrize(("package", "root"), sorted(LAYERS.items()))
def test_the_tree_is_written_down_and_has_one_root(package: str, root: str) -> None:
    module = importlib.import_module(f"{package}.errors")
    base = getattr(module, root)
    classes = [
        c for _, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == module.__name__
    ]
    assert {c for c in classes if not issubclass(c, base)} == set()
    drawn = set(re.findall(r"\b([A-Z][A-Za-z]+)\b", module.__doc__ or ""))
    assert {c.__name__ for c in classes} - drawn == set()


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_every_exception_is_used(package: str) -> None:
    sources = "\n".join(
        p.read_text(encoding="utf-8")
        for p in (ROOT / package).rglob("*.py")
        if p.name != "errors.py" or p.parent != ROOT / package
    )
    unused = [
        name
        for _, name in exception_classes(package)
        if name != LAYERS[package]
        and not re.search(rf"\b(raise|except)\b[^\n]*\b{name}\b", sources)
        and not re.search(rf"\({name}\)", sources)  # a subclass
    ]
    assert unused == []
