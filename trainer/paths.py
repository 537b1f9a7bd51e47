"""Where the bundled data lives: inside the package when installed, beside it in a checkout.

Kept apart from the scenario loader so that the window can find its font without importing the
YAML machinery (the first frame comes sooner).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


def package_root() -> Path:
    return Path(__file__).resolve().parent


@lru_cache(maxsize=8)
def data_dir(name: str) -> Path:
    inside = package_root() / name  # installed wheel: trainer/scenarios, trainer/assets
    if inside.is_dir():
        return inside
    return package_root().parent / name  # checkout or editable install: ./scenarios


def bundled_scenarios() -> Path:
    return data_dir("scenarios")


def bundled_assets() -> Path:
    return data_dir("assets")
