"""docs/architecture.md stays true: every module it names exists, and every package of
bot/, kpi/ and storage/ is described in its layer's section."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"
LAYERS = ("bot", "kpi", "storage")


def sections() -> dict[str, str]:
    """Layer ("bot", "kpi", "storage", or "" for the rest) -> the text of its section."""
    found: dict[str, str] = {}
    layer = ""
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"## (\w+)/", line)
        if heading:
            layer = heading.group(1)
        elif line.startswith("## "):
            layer = ""
        found[layer] = found.get(layer, "") + line + "\n"
    return found


def named_paths(text: str) -> list[str]:
    """Backticked file or folder names: `x.py`, `a/b.py`, `exports/`."""
    names = re.findall(r"`([^`\s]+)`", text)
    return [n for n in names if re.fullmatch(r"[\w][\w./]*(\.py|/)", n)]


def test_every_module_it_names_exists() -> None:
    missing = []
    for layer, text in sections().items():
        for name in named_paths(text):
            rooted = name.split("/")[0] in (*LAYERS, "tests", "docs")
            path = ROOT / name if rooted or not layer else ROOT / layer / name
            if not path.exists():
                missing.append(f"{layer or 'docs'}: {name}")
    assert missing == []


def test_every_package_is_described() -> None:
    text = sections()
    undescribed = []
    for layer in LAYERS:
        for init in sorted((ROOT / layer).rglob("__init__.py")):
            package = init.parent.relative_to(ROOT / layer)
            if str(package) == "." or "migrations" in package.parts:
                continue
            if f"`{package}/" not in text[layer] and f"`{layer}/{package}/" not in text[layer]:
                undescribed.append(f"{layer}/{package}")
    assert undescribed == []
