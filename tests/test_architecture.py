"""The import direction: bot -> kpi, storage; kpi imports neither storage nor
Slack nor SQL and never reads the clock or the environment; storage never imports bot."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _imports(package: str) -> list[tuple[Path, str]]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(path, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path, node.module))
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        (
            "kpi",
            (
                "storage",
                "bot",
                "slack_bolt",
                "slack_sdk",
                "sqlalchemy",
                "alembic",
                "psycopg",
                "matplotlib.pyplot",
            ),
        ),
        ("storage", ("bot", "slack_bolt", "slack_sdk")),
    ],
)
def test_import_direction(package: str, forbidden: tuple[str, ...]) -> None:
    bad = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path, name in _imports(package)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    ]
    assert bad == []


NEEDLES = ("os.environ", "getenv(", "datetime.now(", "date.today(", ".utcnow(", "time.time(")


def test_kpi_reads_neither_clock_nor_environment() -> None:
    bad = [
        f"{path.relative_to(ROOT)}: {needle}"
        for path in sorted((ROOT / "kpi").rglob("*.py"))
        for needle in NEEDLES
        if needle in path.read_text()
    ]
    assert bad == []


def test_nothing_reads_the_environment_outside_settings() -> None:
    bad = [
        str(path.relative_to(ROOT))
        for package in ("bot", "kpi", "storage")
        for path in (ROOT / package).rglob("*.py")
        if "os.environ" in path.read_text() and path.name != "settings.py"
    ]
    assert bad == []


def test_every_e2e_test_carries_the_e2e_marker(pytestconfig: pytest.Config) -> None:
    """`pytest -m "not e2e"` must leave out every test that starts `kpibot serve`."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]

    def collected(marker: str) -> set[str]:
        out = subprocess.run(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
             "-m", marker, "tests/e2e"],
            cwd=root, capture_output=True, text=True, check=False,
        ).stdout  # fmt: skip
        return {line for line in out.splitlines() if "::" in line}

    marked, unmarked = collected("e2e"), collected("not e2e")
    assert len(marked) >= 10 and unmarked == set()
