"""Building scenes for tests: a context with the bundled scenarios and in-memory results, and
playing a scenario's model script through the encounter by intents."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pygame
from helpers import bundled
from variants import model_decisions

from trainer.content.tracks import tracks_for
from trainer.engine import Choose, Offer
from trainer.paths import bundled_scenarios
from trainer.results import MemoryResults
from trainer.scenario.model import Scenario
from trainer.ui import scenes
from trainer.ui.context import Context
from trainer.ui.intents import Intent
from trainer.ui.scene import Push, Replace, Scene, SceneStack, Transition
from trainer.ui.scenes.encounter import INPUT_GUARD, EncounterScene
from trainer.ui.settings import Settings

SIZE = (1280, 720)


def make_ctx(size: tuple[int, int] = SIZE, **settings: object) -> Context:
    clock = iter(
        datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc) + timedelta(seconds=i)
        for i in range(100_000)
    )
    ids = iter(f"00000000-0000-4000-8000-{i:012d}" for i in range(100_000))  # UUIDs
    ctx = Context(
        settings=Settings(**settings),  # type: ignore[arg-type]
        scenarios=sorted(bundled(), key=lambda s: (s.difficulty, s.id)),
        results=MemoryResults(),
        now=lambda: next(clock),
        new_id=lambda: next(ids),
        new_seed=lambda: 7,
    )
    ctx.size = size
    ctx.frames = 1  # as in a window that has shown its first frame
    ctx.tracks = tracks_for([bundled_scenarios()], {s.id for s in ctx.scenarios})
    return ctx


def show(scene: Scene, size: tuple[int, int] = SIZE) -> pygame.Surface:
    surface = pygame.Surface(size)
    scene.layout(size)
    scene.update(0.0)
    scene.draw(surface)
    return surface


def stack_with(scene: Scene, size: tuple[int, int] = SIZE) -> SceneStack:
    stack = SceneStack(lambda target: scenes.build(scene.ctx, target))
    stack.apply(Push(scene), size)
    return stack


def drive(stack: SceneStack, *intents: Intent, size: tuple[int, int] = SIZE) -> list[Transition]:
    out = []
    for intent in intents:
        transition = stack.top.handle(intent)
        out.append(transition)
        stack.apply(transition, size)
    return out


def past_guard(scene: EncounterScene) -> None:
    """Let the moment after new choices pass (input is ignored during it), without moving the
    decision clock: the guard runs on real time, the clock on the encounter's time."""
    scale = scene.ctx.time_scale
    scene.ctx.time_scale = 0.0
    scene.update(INPUT_GUARD + 0.01)
    scene.ctx.time_scale = scale


def play_model(ctx: Context, scenario: Scenario, size: tuple[int, int] = SIZE) -> EncounterScene:
    """Play a scenario's model script through the encounter scene, by intents and clock: the
    choices are picked by number in the order they are shown, each reply is dismissed."""
    scene = EncounterScene(ctx, scenario, seed=7)
    stack = stack_with(scene, size)
    for action, after in model_decisions(scenario):
        if scene.phase == "reacting":
            past_guard(scene)
            assert drive(stack, Intent("confirm"), size=size) == [None]
        past_guard(scene)
        while scene.elapsed + 1 / 60 <= after:
            assert scene.update(1 / 60) is None
        scene.elapsed = after
        if isinstance(action, Choose):
            index = [c.id for c in scene.shown_choices()].index(action.choice)
            transitions = drive(stack, Intent("select", index), size=size)
        else:
            assert isinstance(action, Offer)
            ids = [r.id for r in scene.shown_remedies()]
            transitions = drive(
                stack,
                *(Intent("select", ids.index(r)) for r in action.remedies),
                Intent("confirm"),
                size=size,
            )
        assert all(t is None for t in transitions)
    past_guard(scene)
    result = drive(stack, Intent("confirm"), size=size)[0]
    assert isinstance(result, Replace) and result.scene.name == "debrief"  # type: ignore[union-attr]
    return scene
