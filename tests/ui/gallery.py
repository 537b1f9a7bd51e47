"""Every screen of the game in a typical state, for golden frames, layout checks and the
screenshots a person looks at.

    SDL_VIDEODRIVER=dummy python tests/ui/gallery.py OUT [--lang en,zh-Hans,vi]
        [--size 1024x600,1920x1080] [--scale 1,2] [--screens title,picker,...]

writes OUT/<screen>-<lang>-<width>x<height>-<scale>.png for every combination;
``--readme`` writes the README's screenshots instead (docs/screenshots).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
from helpers import bundled_by_id  # noqa: E402
from uihelpers import make_ctx, past_guard, play_model  # noqa: E402
from variants import model_decisions  # noqa: E402

from trainer.application.play import finish  # noqa: E402
from trainer.content.tracks import tracks_for  # noqa: E402
from trainer.engine import Engine  # noqa: E402
from trainer.paths import bundled_scenarios  # noqa: E402
from trainer.results import CohortInfo  # noqa: E402
from trainer.ui import scenes as registry  # noqa: E402
from trainer.ui.scene import Scene, SceneStack, go  # noqa: E402

SCREENS = (
    "title",
    "signin",
    "picker",
    "progress",
    "briefing",
    "encounter",
    "narration",
    "reaction",
    "menu",
    "pause",
    "debrief",
    "leaderboard",
    "settings",
    "quit",
)


def context(lang: str = "en", size: tuple[int, int] = (1280, 720), **settings: object):  # type: ignore[no-untyped-def]
    """A signed-in trainee with a few runs behind them, in a cohort."""
    ctx = make_ctx(size, lang=lang, reduced_motion=True, **settings)
    ctx.results.cohorts["HK-0325"] = "Hong Kong, March intake"  # type: ignore[attr-defined]
    ctx.tracks = tracks_for([bundled_scenarios()], {s.id for s in ctx.scenarios})
    ctx.sign_in("Ana Silva", "HK-0325", "Hong Kong, March intake")
    for scenario_id in ("fast-food-cold-burger", "bank-double-charge"):
        play_model(ctx, bundled_by_id(scenario_id), size)
    ctx.reload_history()
    return ctx


def build(name: str, ctx) -> tuple[SceneStack, Scene]:  # type: ignore[no-untyped-def]
    """A stack showing screen ``name`` (dialogs over the screen they belong to)."""
    stack = SceneStack(lambda target: registry.build(ctx, target))
    size = ctx.size
    hotel = bundled_by_id("hotel-overbooked-late-arrival")
    cabin = bundled_by_id("airline-cabin-fault")

    def push(target):  # type: ignore[no-untyped-def]
        from trainer.ui.scene import Push

        stack.apply(Push(target), size)
        return stack.top

    if name == "title":
        push(go("title"))
    elif name == "signin":
        scene = push(go("signin"))
        scene.values["cohort"] = "hk-0325"
        scene.cohort = CohortInfo("HK-0325", "Hong Kong, March intake")
        scene.checked = "hk-0325"
        scene.layout(size)
    elif name in ("picker", "progress", "leaderboard", "settings"):
        push(go(name))
    elif name == "briefing":
        push(go("briefing", scenario=hotel))
    elif name in ("encounter", "pause"):
        push(go("encounter", scenario=hotel, seed=7))
        if name == "pause":
            push(go("dialog", purpose="pause"))
    elif name == "narration":
        scene = push(go("encounter", scenario=cabin, seed=7))
        for action, after in model_decisions(cabin)[:2]:
            scene.elapsed = after
            scene.decide(action)
            scene.end_reaction()
        past_guard(scene)
    elif name in ("reaction", "menu"):
        scene = push(go("encounter", scenario=hotel, seed=7))
        steps = model_decisions(hotel)[: 1 if name == "reaction" else 2]
        for i, (action, after) in enumerate(steps):
            scene.elapsed = after
            scene.decide(action)
            if name == "menu" or i < len(steps) - 1:
                scene.end_reaction()
        past_guard(scene)
    elif name == "debrief":
        played = finish(
            Engine(hotel).play(model_decisions(hotel)[:2] + _worse(hotel), seed=7), ctx.lang
        )
        push(go("debrief", scenario=hotel, played=played))
    elif name == "quit":
        push(go("title"))
        push(go("dialog", purpose="quit"))
    else:
        raise KeyError(name)
    return stack, stack.top


def _worse(scenario):  # type: ignore[no-untyped-def]
    """The rest of the hotel run, with a poor offer: a debrief with a costly decision."""
    from trainer.engine import Offer

    rest = model_decisions(scenario)[2:]
    out = []
    for action, after in rest:
        if isinstance(action, Offer):
            cheap = min(scenario.remedies, key=lambda r: (r.escalate, r.cost))
            action = Offer((cheap.id,))
        out.append((action, after))
    return out


def render(
    name: str, lang: str, size: tuple[int, int], scale: float, **settings: object
) -> pygame.Surface:
    ctx = context(lang, size, text_scale=scale, **settings)
    stack, _ = build(name, ctx)
    surface = pygame.Surface(size)
    for scene in stack.shown():
        scene.layout(size)
        scene.update(0.0)
    stack.draw(surface)
    return surface


def every(
    langs: list[str], sizes: list[tuple[int, int]], scales: list[float]
) -> list[tuple[str, str, tuple[int, int], float, Callable[[], pygame.Surface]]]:
    return [
        (name, lang, size, scale, lambda n=name, lg=lang, sz=size, sc=scale: render(n, lg, sz, sc))
        for name in SCREENS
        for lang in langs
        for size in sizes
        for scale in scales
    ]


#: the README's screenshots: file name -> (screen, language, size, text scale, settings)
README = {
    "encounter-en-1280x720": ("encounter", "en", (1280, 720), 1.0, {}),
    "title-en-1280x720": ("title", "en", (1280, 720), 1.0, {}),
    "picker-en-1280x720": ("picker", "en", (1280, 720), 1.0, {}),
    "menu-en-1280x720": ("menu", "en", (1280, 720), 1.0, {}),
    "narration-en-1280x720": ("narration", "en", (1280, 720), 1.0, {}),
    "debrief-en-1280x720": ("debrief", "en", (1280, 720), 1.0, {}),
    "progress-en-1280x720": ("progress", "en", (1280, 720), 1.0, {}),
    "pause-en-1280x720": ("pause", "en", (1280, 720), 1.0, {}),
    "settings-en-1280x720-150": ("settings", "en", (1280, 720), 1.5, {}),
    "menu-zh-Hans-1024x600": ("menu", "zh-Hans", (1024, 600), 1.0, {}),
    "reaction-zh-Hans-1024x600": ("reaction", "zh-Hans", (1024, 600), 1.0, {}),
    "picker-vi-1024x600-200": ("picker", "vi", (1024, 600), 2.0, {}),
    "encounter-vi-1920x1080": ("encounter", "vi", (1920, 1080), 1.0, {}),
    "high-contrast-1280x720": ("menu", "en", (1280, 720), 1.0, {"high_contrast": True}),
}


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    parser.add_argument("--lang", default="en,zh-Hans,vi")
    parser.add_argument("--size", default="1024x600,1920x1080")
    parser.add_argument("--scale", default="1,2")
    parser.add_argument("--screens", default=",".join(SCREENS))
    parser.add_argument("--readme", action="store_true", help="the README's screenshots")
    args = parser.parse_args(argv)
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((1, 1))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.readme:
        for file, (name, lang, size, scale, settings) in README.items():
            surface = render(name, lang, size, scale, **settings)
            pygame.image.save(surface, str(out / f"{file}.png"))
            print(out / f"{file}.png")
        return 0
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.size.split(",")]
    for name in args.screens.split(","):
        for lang in args.lang.split(","):
            for size in sizes:
                for scale in (float(s) for s in args.scale.split(",")):
                    surface = render(name, lang, size, scale)  # type: ignore[arg-type]
                    path = out / f"{name}-{lang}-{size[0]}x{size[1]}-{int(scale * 100)}.png"
                    pygame.image.save(surface, str(path))
                    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
