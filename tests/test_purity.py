"""The ground floor (scenario), the engine, the rubric and the results model import no pygame, no
database, no clock and no file I/O at all; importing the core opens no file (architecture.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

from helpers import ROOT

PURE = ("scenario", "engine", "scoring", "results")
FORBIDDEN_IMPORTS = {
    "pygame",
    "sqlalchemy",
    "os",
    "pathlib",
    "io",
    "shutil",
    "socket",
    "subprocess",
    "tempfile",
    "time",
    "datetime",
    "urllib",
    "requests",
    "sqlite3",
}
FORBIDDEN_CALLS = {"open", "print", "input"}


def modules(package: str) -> list[Path]:
    return sorted((ROOT / "trainer" / package).glob("*.py"))


def test_the_core_imports_no_io_no_clock_no_pygame() -> None:
    for package in PURE:
        for path in modules(package):
            tree = ast.parse(path.read_text("utf-8"))
            for block in ast.walk(tree):
                if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test):
                    block.body = [ast.Pass()]  # imports for type annotations only run nothing
            for node in ast.walk(tree):
                names: list[str] = []
                if isinstance(node, ast.Import):
                    names = [a.name.split(".")[0] for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module.split(".")[0]]
                assert not set(names) & FORBIDDEN_IMPORTS, (path, names)
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                    assert node.func.id not in FORBIDDEN_CALLS, (path, node.func.id)
                if isinstance(node, ast.ImportFrom) and node.level >= 1 and node.module:
                    assert node.module.split(".")[0] not in ("ui", "store", "reports"), path


def test_engine_uses_no_global_randomness() -> None:
    for package in PURE:
        for path in modules(package):
            text = path.read_text("utf-8")
            for call in (
                "random.random(",
                "random.choice(",
                "random.randint(",
                "random.shuffle(",
                "random.seed(",
            ):
                assert call not in text, (path, call)


def test_importing_the_core_opens_no_file_and_loads_no_pygame() -> None:
    code = textwrap.dedent("""
        import sys
        opened = []
        def hook(event, args):
            if event == "open" and isinstance(args[0], str) and not args[0].endswith(
                    (".py", ".pyc", ".so")) and "__pycache__" not in args[0] \\
                    and "site-packages" not in args[0] and "/lib/python" not in args[0]:
                opened.append(args[0])
        sys.addaudithook(hook)
        import trainer.engine, trainer.scoring, trainer.scenario.model, trainer.scenario.validate
        import trainer.application.lint, trainer.content.library, trainer.application.play
        import trainer.application.replay, trainer.application.records, trainer.results
        assert "pygame" not in sys.modules, "pygame imported"
        assert "sqlalchemy" not in sys.modules, "sqlalchemy imported"
        print(repr(opened))
    """)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=str(ROOT)
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
