"""Building scenes for tests: a context with the bundled scenarios and in-memory results."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pygame
from helpers import bundled

from trainer.results import MemoryResults
from trainer.ui.context import Context
from trainer.ui.intents import Intent
from trainer.ui.scene import Scene, SceneStack, Transition
from trainer.ui.settings import Settings


def make_ctx(size: tuple[int, int] = (1280, 720), **settings: object) -> Context:
    clock = iter(
        datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc) + timedelta(seconds=i)
        for i in range(10_000)
    )
    ids = iter(f"00000000-0000-4000-8000-{i:012d}" for i in range(10_000))  # UUIDs, as stored
    ctx = Context(
        settings=Settings(**settings),  # type: ignore[arg-type]
        scenarios=sorted(bundled(), key=lambda s: (s.difficulty, s.id)),
        results=MemoryResults(),
        now=lambda: next(clock),
        new_id=lambda: next(ids),
        new_seed=lambda: 7,
    )
    ctx.size = size
    return ctx


def show(scene: Scene, size: tuple[int, int] = (1280, 720)) -> pygame.Surface:
    surface = pygame.Surface(size)
    scene.layout(size)
    scene.update(0.0)
    scene.draw(surface)
    return surface


def drive(
    stack: SceneStack, *intents: Intent, size: tuple[int, int] = (1280, 720)
) -> list[Transition]:
    out = []
    for intent in intents:
        transition = stack.top.handle(intent)
        out.append(transition)
        stack.apply(transition, size)
    return out
