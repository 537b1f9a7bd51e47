"""The wheel carries every folder of code and data: a package missing from pyproject.toml's
list would install a ``trainer`` command that fails on first use."""

from __future__ import annotations

import sys

from helpers import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

#: data folders of a checkout that ship inside the package, and the package they become
DATA = {"scenarios": "trainer.scenarios", "assets": "trainer.assets"}
DATA_SUFFIXES = {".yaml", ".otf", ".ttf", ".txt", ".md", ".mako", ".json", ".po"}


def declared() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def needed() -> set[str]:
    out = set()
    for path in (ROOT / "trainer").rglob("*.py"):
        if "__pycache__" not in path.parts:
            out.add(".".join(path.parent.relative_to(ROOT).parts))
    for folder, package in DATA.items():
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in DATA_SUFFIXES:
                rel = path.parent.relative_to(ROOT / folder).parts
                out.add(".".join((package, *rel)))
    return out


def test_every_folder_of_code_and_data_is_packaged() -> None:
    missing = needed() - declared()
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(missing)}"


def test_the_package_list_names_nothing_that_is_gone() -> None:
    stale = declared() - needed()
    assert not stale, f"remove from pyproject.toml's packages: {sorted(stale)}"


def test_every_data_folder_has_its_files_declared() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    package_data = config["tool"]["setuptools"]["package-data"]
    for package in needed():
        if package.startswith(tuple(DATA.values())):
            assert package in package_data, f"{package} needs a package-data entry"
