"""Golden frames for every screen, and layouts that hold from 1024x600 to 1920x1080, at 100%
to 200% text, in every language: every focusable thing inside the window, and no running text
cut short (the only shortened text is a card's one-line description, shortened on purpose).

Frames are compared with a tolerance for font hinting and anti-aliasing; refresh them on
purpose with ``pytest --update-goldens`` and look at the PNGs before committing.
"""

from __future__ import annotations

import pygame
import pytest
from gallery import SCREENS, build, context, render
from helpers import GOLDEN, bundled
from uihelpers import make_ctx, past_guard
from variants import model_decisions

from trainer.ui import fonts, widgets
from trainer.ui.intents import Intent
from trainer.ui.scenes.encounter import EncounterScene

FRAMES = GOLDEN / "frames"
SIZES = [(1024, 600), (1280, 720), (1920, 1080)]


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


@pytest.mark.parametrize("name", SCREENS)
def test_golden_frame(name: str, update_goldens: bool) -> None:
    surface = render(name, "en", (1280, 720), 1.0)
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


class Cuts:
    """Records every line the drawing code had to cut with an ellipsis."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.cut: list[str] = []
        self.drawing = False
        real = fonts.fit

        def fit(text: str, font: fonts.Face, width: int, max_lines: int) -> list[str]:
            lines = real(text, font, width, max_lines)
            if self.drawing and len(fonts.wrap(text, font, width)) > max_lines:
                self.cut.append(text)
            return lines

        monkeypatch.setattr(widgets, "fit", fit)


def inside(stack, size) -> None:  # type: ignore[no-untyped-def]
    """Every focusable thing inside the window, and above the footer's key hints."""
    for scene in stack.shown():
        footer = getattr(scene, "footer_h", 0) if not scene.overlay else 0
        room = pygame.Rect(0, 0, size[0], size[1] - footer)
        for item in scene.focus.items:
            if item.rect.width:
                assert room.contains(item.rect), (scene.name, item.key, item.rect, size)


#: the quick suite checks the corners; the full matrix is marked slow
CORNERS = [
    ((1024, 600), 2.0, "vi"),
    ((1024, 600), 2.0, "zh-Hans"),
    ((1280, 720), 1.5, "en"),
    ((1920, 1080), 1.0, "zh-Hans"),
]
MATRIX = [
    pytest.param(
        size, scale, lang, marks=() if (size, scale, lang) in CORNERS else pytest.mark.slow
    )
    for size in SIZES
    for scale in (1.0, 1.5, 2.0)
    for lang in ("en", "zh-Hans", "vi")
]


@pytest.mark.parametrize("size, scale, lang", MATRIX)
def test_every_screen_fits_and_no_text_is_cut(
    size: tuple[int, int], scale: float, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cuts = Cuts(monkeypatch)
    ctx = context(lang, size, text_scale=scale)
    for name in SCREENS:
        stack, _ = build(name, ctx)
        surface = pygame.Surface(size)
        cuts.drawing = True
        stack.draw(surface)
        cuts.drawing = False
        inside(stack, size)
        assert not cuts.cut, (name, cuts.cut)


@pytest.mark.parametrize(
    "size, scale",
    [
        ((1024, 600), 2.0),
        pytest.param((1024, 600), 1.0, marks=pytest.mark.slow),
        pytest.param((1280, 720), 1.0, marks=pytest.mark.slow),
        pytest.param((1280, 720), 2.0, marks=pytest.mark.slow),
        pytest.param((1920, 1080), 1.0, marks=pytest.mark.slow),
        pytest.param((1920, 1080), 2.0, marks=pytest.mark.slow),
    ],
)
def test_every_beat_of_every_scenario_fits(
    size: tuple[int, int], scale: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    cuts = Cuts(monkeypatch)
    for scenario in bundled():
        ctx = make_ctx(text_scale=scale, reduced_motion=True)
        scene = EncounterScene(ctx, scenario, seed=1)
        surface = pygame.Surface(size)
        scene.layout(size)
        window = pygame.Rect(0, 0, *size)
        cuts.drawing = True
        for action, after in model_decisions(scenario):
            scene.draw(surface)
            for item in scene.focus.items:
                assert not item.rect.width or window.contains(item.rect), (scenario.id, item)
            visible = [i for i in scene.focus.items if i.rect.width]
            if not visible:
                # Words longer than the window: they scroll, and the cards come after them.
                assert scene.scroller.active, (scenario.id, scene.state.beat, size, scale)
                scene.handle(Intent("down"))
                assert scene.focus.focused is not None and scene.focus.focused.rect.height
                visible = [i for i in scene.focus.items if i.rect.width]
            for a, b in zip(visible, visible[1:], strict=False):
                assert a.rect.bottom <= b.rect.top or "offer" in (a.key, b.key)
            scene.elapsed = after
            scene.decide(action)
            scene.draw(surface)
            assert scene.focus.item("continue") is not None
            if not scene.state.over:
                scene.end_reaction()
        assert not cuts.cut, (scenario.id, cuts.cut)


def test_the_focused_card_scrolls_into_view() -> None:
    ctx = make_ctx(text_scale=2.0, reduced_motion=True)
    from helpers import bundled_by_id

    scenario = bundled_by_id("hotel-overbooked-late-arrival")
    scene = EncounterScene(ctx, scenario, seed=1)
    scene.layout((1024, 600))
    past_guard(scene)
    count = len(scene.shown_choices())
    for _ in range(count - 1):
        scene.handle(Intent("down"))
        focused = scene.focus.items[scene.focus.index]
        assert focused.rect.width > 0 and focused.rect.height > 0
