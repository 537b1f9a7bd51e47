"""Golden frames for the main screens, and layouts that hold at 1024x600 and 1920x1080.

Frames are compared with a tolerance for font hinting and anti-aliasing; refresh them on
purpose with ``pytest --update-goldens`` and look at the PNGs before committing.
"""

from __future__ import annotations

import pygame
import pytest
from helpers import GOLDEN, bundled, bundled_by_id
from uihelpers import make_ctx, show
from variants import model_decisions

from trainer.application.play import finish
from trainer.engine import Engine
from trainer.ui.intents import Intent
from trainer.ui.scenes.briefing import BriefingScene
from trainer.ui.scenes.debrief import DebriefScene
from trainer.ui.scenes.encounter import EncounterScene
from trainer.ui.scenes.picker import PickerScene
from trainer.ui.scenes.title import TitleScene

FRAMES = GOLDEN / "frames"
SIZES = [(1024, 600), (1280, 720), (1920, 1080)]


def screens(lang: str = "en", **settings: object):  # type: ignore[no-untyped-def]
    ctx = make_ctx(lang=lang, reduced_motion=True, **settings)
    ctx.trainee = "Ana Silva"
    scenario = bundled_by_id("hotel-overbooked-late-arrival")
    played = finish(Engine(scenario).play(model_decisions(scenario), seed=7), lang)
    menu = EncounterScene(ctx, scenario, seed=7)
    menu.layout((1280, 720))
    for action, after in model_decisions(scenario)[:2]:
        menu.elapsed = after
        menu.decide(action)
        menu.end_reaction()
    return {
        "title": TitleScene(ctx),
        "picker": PickerScene(ctx),
        "briefing": BriefingScene(ctx, scenario),
        "encounter": EncounterScene(ctx, scenario, 7),
        "menu": menu,
        "debrief": DebriefScene(ctx, scenario, played),
    }


def difference(a: pygame.Surface, b: pygame.Surface) -> tuple[float, float]:
    """(share of pixels that differ by more than 48 in some channel, mean absolute difference)."""
    w, h = a.get_size()
    differ = total = 0
    diff_sum = 0
    for y in range(0, h, 2):
        for x in range(0, w, 2):
            pa, pb = a.get_at((x, y)), b.get_at((x, y))
            d = max(abs(pa[i] - pb[i]) for i in range(3))
            diff_sum += d
            differ += d > 48
            total += 1
    return differ / total, diff_sum / total


@pytest.mark.parametrize("name", ["title", "picker", "briefing", "encounter", "menu", "debrief"])
def test_golden_frame(name: str, update_goldens: bool) -> None:
    scene = screens()[name]
    scene.enter()
    surface = show(scene, (1280, 720))
    path = FRAMES / f"{name}.png"
    if update_goldens:
        FRAMES.mkdir(parents=True, exist_ok=True)
        pygame.image.save(surface, str(path))
        return
    if not path.exists():
        pytest.fail(f"Reference missing: {path}; run pytest --update-goldens and look at it")
    golden = pygame.image.load(str(path))
    share, mean = difference(surface, golden)
    assert share < 0.01 and mean < 3.0, (
        f"{name} differs from {path} ({share:.2%} of pixels, mean {mean:.1f}); if intended, "
        "run pytest --update-goldens and look at the new frame"
    )


def rects_inside(scene, size) -> None:  # type: ignore[no-untyped-def]
    w, h = size
    for item in scene.focus.items:
        r = item.rect
        if r.width == 0:
            continue  # scrolled out of view
        assert r.left >= 0 and r.top >= 0 and r.right <= w and r.bottom <= h, (
            scene.name,
            item.key,
            r,
            size,
        )


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_every_screen_and_beat_fits_the_window(size: tuple[int, int], scale: float) -> None:
    for lang in ("en", "vi"):
        scenes = screens(lang, text_scale=scale)
        for scene in scenes.values():
            scene.enter()
            show(scene, size)
            rects_inside(scene, size)
    for scenario in bundled():
        ctx = make_ctx(text_scale=scale, reduced_motion=True)
        scene = EncounterScene(ctx, scenario, seed=1)
        surface = pygame.Surface(size)
        scene.layout(size)
        for action, after in model_decisions(scenario):
            scene.draw(surface)
            rects_inside(scene, size)
            assert scene.bubble.bottom <= scene.choices_area.top
            visible = [i for i in scene.focus.items if i.rect.width]
            assert visible, (scenario.id, scene.state.beat)  # at least one card shows
            for a, b in zip(visible, visible[1:], strict=False):
                assert a.rect.bottom <= b.rect.top or a.key == "offer" or b.key == "offer"
            scene.elapsed = after
            scene.decide(action)
            scene.draw(surface)
            scene.end_reaction() if not scene.state.over else None


def test_the_focused_card_scrolls_into_view() -> None:
    ctx = make_ctx(text_scale=2.0, reduced_motion=True)
    scenario = bundled_by_id("hotel-overbooked-late-arrival")
    scene = EncounterScene(ctx, scenario, seed=1)
    scene.layout((1024, 600))
    count = len(scenario.beats[scenario.start].choices)
    for _ in range(count - 1):
        scene.handle(Intent("down"))
        focused = scene.focus.items[scene.focus.index]
        assert focused.rect.width > 0
