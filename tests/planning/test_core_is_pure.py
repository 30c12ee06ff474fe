"""The planning core never imports Django or touches the database (docs/architecture.md §4)."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "anjian" / "planning"


def test_planning_core_imports_no_django_and_no_orm():
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if n.split(".")[0] in {"django", "anjian.registry"}
                or n.startswith(("anjian.registry", "anjian.plans"))
            ]
    assert offenders == []
