"""Run-time art: customer portraits and industry backdrops, drawn with pygame primitives.

No image files: everything is drawn by code and cached per size, so the game looks the same on
every platform and scales to any window. Importing this package does no pygame work, and each
module loads only when first used (the title screen needs portraits, not backdrops).
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "INDUSTRIES": "backgrounds",
    "draw_background": "backgrounds",
    "MOODS": "portrait",
    "Look": "portrait",
    "draw_portrait": "portrait",
    "look_for": "portrait",
}

__all__ = ["INDUSTRIES", "MOODS", "Look", "draw_background", "draw_portrait", "look_for"]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
