"""The rooms import downwards only: no circle among the project's modules (docs/architecture.md).

Every import statement counts, wherever it stands: one inside a function or under TYPE_CHECKING is how a
circle hides, and it still ties the two modules together."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "anjian"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts and ".venv" not in p.parts
}


def resolve(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str) -> set[str]:
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            target = resolve(node, module, path.name == "__init__.py")
            # `from package import submodule` names the submodule; `from module import name` the module.
            found |= {f"{target}.{a.name}" if f"{target}.{a.name}" in MODULES else target for a in node.names}
    return {name for name in found if name in MODULES and name != module}


def graph() -> dict[str, set[str]]:
    return {module: imports_of(module) for module in MODULES}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_relative_and_lazy_imports():
    edges = graph()
    assert "anjian.web.access" in edges["anjian.web.plans.pages"]
    assert "anjian.planning.rules" in edges["anjian.planning.classify"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_two_modules_import_each_other_even_through_others():
    assert cycles(graph()) == []


# What each room may import (docs/architecture.md §2); a room not listed here is a surface above all others.
BELOW = {
    "planning": set(),
    "rulesets": set(),
    "documents": {"planning"},
    "registry": {"planning"},
    "plans": {"planning", "documents", "registry"},
    "execution": {"planning", "documents", "registry", "plans"},
    "accounts": {"registry"},
    "audit": {"accounts", "registry"},
    "backup": {"audit", "accounts", "registry"},
    "jobs": {"planning", "documents", "registry", "plans", "execution", "accounts", "audit"},
    "web": {"planning", "documents", "registry", "plans", "execution", "accounts", "audit", "jobs"},
}


def room(module: str) -> str:
    """The room of a module; an app's management commands belong to the command line."""
    parts = module.split(".")
    return "management" if "management" in parts else (parts[1] if len(parts) > 1 else "anjian")


def test_each_room_imports_only_the_rooms_below_it():
    upward = sorted(
        f"{m} → {t}"
        for m, targets in graph().items()
        for t in targets
        if room(m) in BELOW and room(t) != room(m) and room(t) not in BELOW[room(m)]
    )
    assert upward == []
