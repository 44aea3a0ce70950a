"""The layers point one way: domain and handlers never import Slack, SQL or the scheduler."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
FORBIDDEN = {
    "domain": {
        "slack_bolt",
        "slack_sdk",
        "sqlalchemy",
        "alembic",
        "apscheduler",
        "handlers",
        "storage",
        "bot",
        "app",
    },
    "handlers": {
        "slack_bolt",
        "slack_sdk",
        "sqlalchemy",
        "alembic",
        "apscheduler",
        "storage",
        "bot",
        "app",
    },
    "storage": {"slack_bolt", "slack_sdk", "apscheduler", "handlers", "bot", "app"},
}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layer_imports_point_inwards(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_nothing_reads_the_environment_outside_the_composition_roots() -> None:
    allowed = {"app.py", "bot/cli.py", "storage/migrations/env.py"}
    readers = [
        str(path.relative_to(ROOT))
        for package in ("bot", "handlers", "domain", "storage")
        for path in (ROOT / package).rglob("*.py")
        if "os.environ" in path.read_text(encoding="utf-8") or "getenv" in path.read_text()
    ]
    assert [r for r in readers if r not in allowed] == []
