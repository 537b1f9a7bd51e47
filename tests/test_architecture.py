"""The house: which room (package) holds what, and which way imports may run.

Every import in ``trainer/`` (at the top of a module or inside a function: a late import is
still a dependency) must point to the same room or to a lower floor, and no set of modules may
import each other in a circle. Scenes never import each other: they name the next screen with a
``Go`` value. ``docs/architecture.md`` draws the same picture in words."""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "trainer"

#: floors from the ground up; a room may import its own modules and anything on a lower floor
FLOORS: list[tuple[str, ...]] = [
    ("trainer", "trainer.paths", "trainer.i18n", "trainer.locales"),
    ("trainer.scenario",),
    ("trainer.engine",),
    ("trainer.scoring",),
    ("trainer.content", "trainer.results"),
    ("trainer.store", "trainer.reports"),
    ("trainer.application",),
    ("trainer.ui", "trainer.server"),
    ("trainer.cli",),
    ("trainer.__main__",),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {
        module_name(p): p
        for p in PACKAGE.rglob("*.py")
        if "migrations" not in p.parts  # Alembic's scripts are loaded by Alembic, not imported
    }


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The trainer modules ``name`` imports, resolved to the longest known module name."""
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text("utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base)
                module = f"{prefix}.{node.module}" if node.module else prefix
            else:
                module = node.module or ""
            # ``from pkg import sub`` depends on the submodule; ``from mod import name`` on mod
            targets = [
                f"{module}.{alias.name}" if f"{module}.{alias.name}" in known else module
                for alias in node.names
            ]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target.startswith("trainer") and target != name:
                found.add(target)
    return found


def room(name: str) -> tuple[int, str]:
    best: tuple[int, str] | None = None
    for floor, rooms in enumerate(FLOORS):
        for candidate in rooms:
            if name == candidate or name.startswith(candidate + "."):
                if best is None or len(candidate) > len(best[1]):
                    best = (floor, candidate)
    assert best is not None, f"{name} is in no room: add it to FLOORS"
    return best


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports(name, path, known) for name, path in found.items()}


def test_every_module_has_a_room() -> None:
    for name in modules():
        room(name)


def test_imports_never_run_up_or_across_rooms_of_one_floor() -> None:
    wrong = []
    for name, targets in graph().items():
        floor, home = room(name)
        for target in targets:
            t_floor, t_room = room(target)
            if t_room != home and t_floor >= floor and t_room != "trainer":
                wrong.append(f"{name} -> {target}")
    assert not wrong, "upward or sideways imports:\n" + "\n".join(sorted(wrong))


def test_no_import_cycles() -> None:
    edges = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    assert not cycles, f"import cycles: {cycles}"


def test_scenes_do_not_import_each_other() -> None:
    scene_modules = {n for n in modules() if n.startswith("trainer.ui.scenes.")}
    shared = {"trainer.ui.scenes.base"}
    for name in scene_modules:
        others = graph()[name] & (scene_modules - shared - {name})
        assert not others, f"{name} imports {others}: return go('name', ...) instead"


def test_the_checker_sees_late_and_relative_imports(tmp_path: Path) -> None:
    """The rules above would pass vacuously if the parser missed imports: check it on a
    module written for the purpose."""
    sample = tmp_path / "x.py"
    sample.write_text(
        "from ...store import Store\n"
        "def f():\n"
        "    from ...engine.state import Turn\n"
        "    import trainer.ui.app\n",
        "utf-8",
    )
    known = {"trainer.store", "trainer.engine.state", "trainer.ui.app", "trainer.scoring.x"}
    got = imports("trainer.scoring.sub.x", sample, known)
    assert got == {"trainer.store", "trainer.engine.state", "trainer.ui.app"}
