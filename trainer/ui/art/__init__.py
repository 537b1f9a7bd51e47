"""Run-time art: customer portraits and industry backdrops, drawn with pygame primitives.

No image files: everything is drawn by code and cached per size, so the game looks the same on
every platform and scales to any window. Importing this package does no pygame work.
"""

from __future__ import annotations

from .backgrounds import INDUSTRIES, draw_background
from .portrait import MOODS, Look, draw_portrait, look_for

__all__ = ["INDUSTRIES", "MOODS", "Look", "draw_background", "draw_portrait", "look_for"]
