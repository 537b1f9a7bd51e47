"""The game's screens, one per module. Scenes never import each other: they return
``Go(name, args)`` transitions, and :func:`build` makes the scene named (importing its module
only when first needed, so the first frame comes quickly)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..context import Context
    from ..scene import Go, Scene

#: scene name -> "module:Class"
SCENES = {
    "title": "title:TitleScene",
    "signin": "signin:SignInScene",
    "picker": "picker:PickerScene",
    "briefing": "briefing:BriefingScene",
    "encounter": "encounter:EncounterScene",
    "debrief": "debrief:DebriefScene",
    "leaderboard": "leaderboard:LeaderboardScene",
    "settings": "settings:SettingsScene",
    "review": "review:ReviewScene",
    "replay": "review:ReplayScene",
    "dialog": "dialog:DialogScene",
    "progress": "progress:ProgressScene",
}


def build(ctx: Context, target: Go) -> Scene:
    """The scene ``target`` names, made for ``ctx``."""
    try:
        where = SCENES[target.name]
    except KeyError:
        raise LookupError(f"no scene named {target.name!r}") from None
    module_name, class_name = where.split(":")
    module = importlib.import_module(f"{__name__}.{module_name}")
    scene: Scene = getattr(module, class_name)(ctx, **dict(target.args))
    return scene


def preload(name: str) -> None:
    """Import the module of scene ``name`` (ahead of time, off the main loop)."""
    importlib.import_module(f"{__name__}.{SCENES[name].split(':')[0]}")
