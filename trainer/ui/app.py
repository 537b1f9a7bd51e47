"""The game's composition root and loop: builds the context, runs the scene stack at 60 frames a
second, translates input, and (in demo mode) lets a script drive the scenes and saves a PNG of
every screen it passes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from ..application.bootstrap import review_port
from ..results import MemoryResults, Results
from . import fonts, scenes
from . import settings as settings_store
from .context import Context
from .intents import Intent, translate
from .scene import Push, Scene, SceneStack, go

if TYPE_CHECKING:
    from ..content.scripts import Script
    from ..scenario.model import Scenario
    from .authoring import Authoring
    from .scenes.encounter import EncounterScene
from .scenes.title import TitleScene

# The other scenes are imported when first needed, so the first frame comes quickly.

FPS = 60
DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (800, 500)
SETTLE_FRAMES = 3  # frames a screen is shown before demo mode saves it


@dataclass
class Options:
    scenarios: list[Scenario] | None  # None: load them after the first frame with ``load``
    size: tuple[int, int] = DEFAULT_SIZE
    fullscreen: bool | None = None
    lang: str | None = None
    scenario_id: str | None = None
    results: Results = field(default_factory=MemoryResults)
    script: Script | None = None  # demo mode
    screenshots: Path | None = None
    fast: bool = False
    remember_settings: bool = True
    max_seconds: float | None = None  # a safety stop for demo runs
    load: Callable[[], list[Scenario]] | None = None
    authoring: Authoring | None = None  # play --watch / --from: the author's overlay


class Autopilot:
    """Demo mode: plays a headless-run script through the same intents a player would send."""

    def __init__(self, ctx: Context, script: Script, scenario_id: str, fast: bool) -> None:
        self.ctx = ctx
        self.steps = list(script.steps)
        self.scenario_id = scenario_id
        self.fast = fast
        self.wait = 0.0
        self.seen: Scene | None = None
        self.done = False
        self.trainee = script.trainee or "Demo"

    def pause(self) -> float:
        return 0.35 if self.fast else 1.6

    def intents(self, scene: Scene, dt: float, ready: bool = True) -> list[Intent]:
        """What to do now; ``ready`` is false until the current screen has been saved."""
        if scene is not self.seen:
            self.seen = scene
            self.wait = self.pause()
        if scene.name == "encounter":
            return self.encounter(scene)  # type: ignore[arg-type]
        self.wait -= dt
        if self.wait > 0 or not ready:
            return []
        self.wait = self.pause()
        if isinstance(scene, TitleScene):
            scene.focus.focus("start")
            return [Intent("confirm")]
        if scene.name == "signin":
            values = scene.values  # type: ignore[attr-defined]
            if not values["name"]:
                cohort = self.ctx.cohort or ""
                return (
                    [Intent("text", self.trainee), Intent("next"), Intent("text", cohort)]
                    if cohort
                    else [Intent("text", self.trainee)]
                )
            scene.focus.focus("continue")  # type: ignore[attr-defined]
            return [Intent("confirm")]
        if scene.name == "picker":
            scene.select_scenario(self.scenario_id)  # type: ignore[attr-defined]
            return [Intent("confirm")]
        if scene.name == "briefing":
            return [Intent("confirm")]
        if scene.name == "debrief":
            self.done = True
        return []

    def encounter(self, scene: EncounterScene) -> list[Intent]:
        if scene.phase != "choosing" or not self.steps or scene.beat is None:
            return []
        step = self.steps[0]
        if scene.elapsed < step.after:
            return []
        from ..engine import Choose, Offer

        self.steps.pop(0)
        scene.elapsed = step.after  # the decision takes exactly the script's time
        beat = scene.beat
        if isinstance(step.action, Choose):
            ids = [c.id for c in beat.choices]
            return [Intent("select", ids.index(step.action.choice))]
        assert isinstance(step.action, Offer)
        ids = [r.id for r in scene.menu_remedies()]
        return [Intent("select", ids.index(rid)) for rid in step.action.remedies] + [
            Intent("confirm")
        ]


class App:
    def __init__(self, options: Options) -> None:
        self.options = options
        stored = settings_store.load() if options.remember_settings else settings_store.Settings()
        if options.lang:
            from dataclasses import replace

            stored = replace(stored, lang=options.lang).cleaned()
        if options.fullscreen is not None:
            from dataclasses import replace

            stored = replace(stored, fullscreen=options.fullscreen)
        self.ctx = Context(
            settings=stored,
            scenarios=options.scenarios or [],
            results=options.results,
            save_settings=settings_store.save if options.remember_settings else (lambda s: None),
            review=lambda: review_port(options.results),
        )
        self.stack = SceneStack(lambda target: scenes.build(self.ctx, target))
        self.screen: pygame.Surface | None = None
        self.shots: list[Path] = []
        self.saved: set[str] = set()
        self.autopilot: Autopilot | None = None
        self.authoring = options.authoring
        if self.authoring is not None:
            self.ctx.encounter_hook = self.authoring.encounter_started

    def open_window(self) -> None:
        pygame.display.init()  # no audio: the game is silent, and headless machines lack one
        pygame.font.init()
        pygame.display.set_caption(self.ctx.t("ui.title"))
        self.apply_display()
        pygame.key.start_text_input()

    def apply_display(self) -> None:
        flags = pygame.RESIZABLE
        size = self.options.size
        if self.ctx.settings.fullscreen:
            flags = pygame.FULLSCREEN
            size = (0, 0)
        self.screen = pygame.display.set_mode(size, flags)
        self.ctx.size = self.screen.get_size()
        self.fullscreen = self.ctx.settings.fullscreen

    def start(self) -> None:
        opts = self.options
        self.stack.apply(Push(TitleScene(self.ctx)), self.ctx.size)
        if opts.script is not None and opts.scenario_id:
            self.ctx.demo = True
            self.ctx.cohort = opts.script.cohort
            self.ctx.time_scale = 8.0 if opts.fast else 1.0
            self.ctx.new_seed = lambda: opts.script.seed if opts.script else 0
            self.autopilot = Autopilot(self.ctx, opts.script, opts.scenario_id, opts.fast)
        elif opts.scenario_id:
            scenario = self.ctx.scenario(opts.scenario_id)
            if scenario is not None:
                self.stack.apply(Push(go("signin")), self.ctx.size)
                self.pending_briefing = scenario

    def run(self) -> int:
        self.open_window()
        self.start()
        clock = pygame.time.Clock()
        first_frame_exit = os.environ.get("TRAINER_EXIT_AFTER_FIRST_FRAME") == "1"
        elapsed = 0.0
        frames_on_screen = 0
        last_key = ""
        while self.stack.quit_code is None:
            dt = min(clock.tick(FPS) / 1000.0, 0.1)
            elapsed += dt
            self.ctx.time += dt
            scene = self.stack.top
            for event in pygame.event.get():
                if self.authoring is not None and self.authoring.event(self, event):
                    continue
                for intent in translate(event, typing=scene.typing):
                    self.dispatch(intent)
                    scene = self.stack.top
            if self.autopilot is not None:
                key = self.stack.top.screenshot_key()
                ready = self.options.screenshots is None or key in self.saved
                for intent in self.autopilot.intents(self.stack.top, dt, ready):
                    self.dispatch(intent)
                if self.autopilot.done and frames_on_screen > 20:
                    self.stack.quit_code = 0
            if self.stack.quit_code is not None:
                break
            self.stack.apply(self.stack.top.update(dt), self.ctx.size)
            if self.stack.quit_code is not None:
                break
            if self.authoring is not None:
                self.authoring.update(self, dt)
            if self.fullscreen != self.ctx.settings.fullscreen:
                self.apply_display()
                self.stack.top.layout(self.ctx.size)
            assert self.screen is not None
            self.stack.top.draw(self.screen)
            if self.authoring is not None:
                self.authoring.draw(self.screen, self)
            pygame.display.flip()
            if first_frame_exit:  # benchmarks/bench_ui.py: time to the first frame
                self.stack.quit_code = 0
            elif self.options.scenarios is None and self.options.load is not None:
                # The title is on screen: now read the scenarios (the picker needs them).
                self.options.scenarios = self.ctx.scenarios = self.options.load()
            key = self.stack.top.screenshot_key()
            frames_on_screen = frames_on_screen + 1 if key == last_key else 0
            last_key = key
            if frames_on_screen == SETTLE_FRAMES:
                self.screenshot(key)
            if self.options.max_seconds and elapsed > self.options.max_seconds:
                print("demo: stopped after the time limit", file=sys.stderr)
                self.stack.quit_code = 1
        code = self.stack.quit_code or 0
        fonts.reset()
        pygame.quit()
        return code

    def dispatch(self, intent: Intent) -> None:
        if intent.kind == "resize":
            w, h = intent.value
            if w and h and self.screen is not None:
                self.ctx.size = self.screen.get_size()
                self.stack.top.layout(self.ctx.size)
            return
        if intent.kind == "quit":
            self.stack.quit_code = 0
            return
        if intent.kind == "fullscreen":
            self.ctx.update_settings(fullscreen=not self.ctx.settings.fullscreen)
            return
        top = self.stack.top
        self.stack.apply(top.handle(intent), self.ctx.size)
        briefing = getattr(self, "pending_briefing", None)
        if briefing is not None and self.stack.top.name == "picker":
            self.pending_briefing = None
            self.stack.apply(Push(go("briefing", scenario=briefing)), self.ctx.size)

    def screenshot(self, key: str) -> None:
        folder = self.options.screenshots
        if folder is None or self.screen is None:
            return
        folder.mkdir(parents=True, exist_ok=True)
        self.saved.add(key)
        path = folder / f"{len(self.shots) + 1:02d}-{key}.png"
        pygame.image.save(self.screen, str(path))
        self.shots.append(path)


def play(options: Options) -> int:
    """Run the game (or, with a script, the demo). Returns the exit status."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    app = App(options)
    return app.run()
