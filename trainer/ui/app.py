"""The game's composition root and loop: builds the context, runs the scene stack, translates
input, and (in demo mode) lets a script drive the scenes and saves a PNG of every screen it
passes.

The loop draws a frame only when something changed (input, an answer from the worker, a
scene's clock or animation) and otherwise sleeps until the next event, so a still screen costs
next to nothing. The results store and the scenario files are read on a worker thread: the
title and the picker show at once."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from ..application.bootstrap import review_port
from ..results import MemoryResults, Results
from . import fonts, scenes
from . import settings as settings_store
from .context import Context
from .intents import Intent, translate
from .jobs import ImmediateJobs, Jobs, ThreadJobs, outcome
from .scene import Push, Scene, SceneStack, go

if TYPE_CHECKING:
    from ..content.scripts import Script
    from ..content.tracks import Track
    from ..scenario.model import Scenario
    from .authoring import Authoring
    from .scenes.encounter import EncounterScene
from .scenes.title import TitleScene

# The other scenes are imported when first needed, so the first frame comes quickly.

FPS = 60
WATCH_POLL = 0.25  # seconds between looks at the files, while an author watches them
IDLE_WAIT = 0.25  # seconds a still screen sleeps between looks at the worker's answers
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
    load_tracks: Callable[[list[Scenario]], list[Track]] | None = None
    settings: settings_store.Settings | None = None  # instead of the remembered ones (tests)
    jobs: Jobs | None = None
    voice: Any = None  # self-voicing (None: the system's engine, found when first needed)
    authoring: Authoring | None = None  # play --watch / --from: the author's overlay


class Autopilot:
    """Demo mode: plays a headless-run script through the same intents a player would send."""

    def __init__(self, ctx: Context, script: Script, scenario_id: str, fast: bool) -> None:
        self.ctx = ctx
        self.steps = list(script.steps)
        self.scenario_id = scenario_id
        self.fast = fast
        self.wait = 0.0
        self.seen: Any = None
        self.done = False
        self.trainee = script.trainee or "Demo"

    def pause(self) -> float:
        return 0.35 if self.fast else 1.6

    def intents(self, scene: Scene, dt: float, ready: bool = True) -> list[Intent]:
        """What to do now; ``ready`` is false until the current screen has been saved."""
        key = (id(scene), scene.screenshot_key())
        if key != self.seen:
            self.seen = key
            self.wait = self.pause()
        if scene.name == "encounter":
            return self.encounter(scene, dt, ready)  # type: ignore[arg-type]
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
            scene.focus.focus("begin")  # type: ignore[attr-defined]
            return [Intent("confirm")]
        if scene.name == "debrief":
            self.done = True
        return []

    def encounter(self, scene: EncounterScene, dt: float, ready: bool) -> list[Intent]:
        if scene.phase == "reacting":
            self.wait -= dt
            if self.wait > 0 or not ready or not scene.accepts_input():
                return []
            return [Intent("confirm")]
        if scene.phase != "choosing" or not self.steps or scene.beat is None:
            return []
        step = self.steps[0]
        if scene.elapsed < step.after or not scene.accepts_input():
            return []
        from ..engine import Choose, Offer

        self.steps.pop(0)
        scene.elapsed = step.after  # the decision takes exactly the script's time
        if isinstance(step.action, Choose):
            ids = [c.id for c in scene.shown_choices()]
            return [Intent("select", ids.index(step.action.choice))]
        assert isinstance(step.action, Offer)
        ids = [r.id for r in scene.shown_remedies()]
        return [Intent("select", ids.index(rid)) for rid in step.action.remedies] + [
            Intent("confirm")
        ]


class App:
    def __init__(self, options: Options) -> None:
        self.options = options
        if options.settings is not None:
            stored = options.settings
        elif options.remember_settings:
            stored = settings_store.load()
        else:
            stored = settings_store.Settings()
        if options.lang:
            stored = replace(stored, lang=options.lang).cleaned()
        if options.fullscreen is not None:
            stored = replace(stored, fullscreen=options.fullscreen)
        demo = options.script is not None
        self.ctx = Context(
            settings=stored,
            scenarios=options.scenarios or [],
            results=options.results,
            save_settings=settings_store.save if options.remember_settings else (lambda s: None),
            review=lambda: review_port(options.results),
            jobs=options.jobs or (ImmediateJobs() if demo else ThreadJobs()),
            loading=options.scenarios is None and options.load is not None,
        )
        self.stack = SceneStack(lambda target: scenes.build(self.ctx, target))
        self.screen: pygame.Surface | None = None
        self.shots: list[Path] = []
        self.saved: set[str] = set()
        self.autopilot: Autopilot | None = None
        self.pending_briefing: Scenario | None = None
        self.loader: Any = None
        self.frames = 0  # frames drawn (benchmarks count them)
        self.redraw = True
        self.next_wake: float | None = 0.0
        self.last = time.perf_counter()
        self.spoken_focus = ""
        self.voice: Any = options.voice
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
            if opts.script.cohort and isinstance(self.ctx.results, MemoryResults):
                # The demo's results live in memory: its cohort is known there.
                self.ctx.results.cohorts.setdefault(opts.script.cohort, opts.script.cohort)
            self.ctx.time_scale = 8.0 if opts.fast else 1.0
            self.ctx.new_seed = lambda: opts.script.seed if opts.script else 0
            self.autopilot = Autopilot(self.ctx, opts.script, opts.scenario_id, opts.fast)
        elif opts.scenario_id:
            scenario = self.ctx.scenario(opts.scenario_id)
            if scenario is not None:
                self.stack.apply(Push(go("signin")), self.ctx.size)
                self.pending_briefing = scenario
        if opts.scenarios is not None and opts.load_tracks is not None:
            self.ctx.tracks = opts.load_tracks(opts.scenarios)

    def after_first_frame(self) -> None:
        """The title is on screen: now open the store and read the scenarios, on the worker."""
        opts = self.options
        self.ctx.jobs.submit(self.ctx.results.durable)  # opens the store
        if opts.scenarios is None and opts.load is not None:
            load, load_tracks = opts.load, opts.load_tracks

            def read() -> tuple[list[Scenario], list[Track]]:
                scenarios = load()
                return scenarios, (load_tracks(scenarios) if load_tracks else [])

            self.loader = self.ctx.jobs.submit(read)
        # The next screens' code, read while the trainee looks at the title (an import takes
        # a moment: better on the worker than on the frame that shows the screen).
        for name in ("signin", "picker", "briefing", "encounter", "debrief"):
            self.ctx.jobs.submit(scenes.preload, name)
        # The picker names languages in their own script: load the CJK face now, not then.
        _ = self.ctx.fonts.get("small").cjk
        if self.ctx.settings.read_aloud:
            self.speak(self.stack.top.spoken())

    def poll_loader(self) -> None:
        done, value, error = outcome(self.loader)
        if not done:
            return
        self.loader = None
        self.ctx.loading = False
        if error:
            print(f"trainer play: cannot read the scenarios: {error}", file=sys.stderr)
            return
        assert value is not None
        self.options.scenarios, self.ctx.tracks = value
        self.ctx.scenarios = list(value[0])
        self.stack.top.layout(self.ctx.size)
        self.stack.top.dirty = True

    def run(self) -> int:
        self.open_window()
        self.start()
        try:
            while self.stack.quit_code is None:
                self.step()
        finally:
            self.ctx.jobs.shutdown()  # a save in flight is finished, never dropped
            if self.voice is not None:
                self.voice.stop()
        code = self.stack.quit_code or 0
        fonts.reset()
        pygame.quit()
        return code

    # -- one turn of the loop ------------------------------------------------------------------
    def step(self) -> None:
        """Wait for input or the next change, handle it, and draw if anything changed."""
        if self.autopilot is not None:
            self.redraw = True  # demo mode draws every frame (it saves settled screens)
        busy = self.redraw or self.next_wake == 0
        if busy:
            events = pygame.event.get()
            spare = 1 / FPS - (time.perf_counter() - self.last)
            if spare > 0.001 and not events:
                time.sleep(spare)
                events = pygame.event.get()
        else:
            now = time.perf_counter()
            wait = IDLE_WAIT if self.next_wake is None else max(0.0, self.next_wake - now)
            wait_ms = int(min(wait, IDLE_WAIT) * 1000)
            if wait_ms <= 0:  # pygame waits for ever on a timeout of 0
                events = pygame.event.get()
            else:
                first = pygame.event.wait(wait_ms)
                events = [] if first.type == pygame.NOEVENT else [first, *pygame.event.get()]
        now = time.perf_counter()
        dt = min(now - self.last, 0.1)
        self.last = now
        self.ctx.time += dt
        for event in events:
            if self.authoring is not None and self.authoring.event(self, event):
                self.redraw = True  # the author's keys (F5) and overlay come first
                continue
            for intent in translate(event, typing=self.stack.top.typing):
                self.dispatch(intent)
                self.redraw = True
        if self.stack.quit_code is not None:
            return
        if self.loader is not None:
            self.poll_loader()
        if self.autopilot is not None:
            key = self.stack.top.screenshot_key()
            ready = self.options.screenshots is None or key in self.saved
            for intent in self.autopilot.intents(self.stack.top, dt, ready):
                self.dispatch(intent)
                self.redraw = True
            if self.autopilot.done and self.frames_on_screen > 20:
                self.stack.quit_code = 0
        if self.stack.quit_code is not None:
            return
        before = self.stack.top
        self.stack.apply(self.stack.top.update(dt), self.ctx.size)
        if self.stack.quit_code is not None:
            return
        if self.stack.top is not before:
            self.redraw = True
        if self.fullscreen != self.ctx.settings.fullscreen:
            self.apply_display()
            self.stack.top.layout(self.ctx.size)
            self.redraw = True
        top = self.stack.top
        if top.take_dirty():
            self.redraw = True
        wake = top.wake_in()
        if wake is not None and wake <= 0:
            self.redraw = True
        self.next_wake = None if wake is None else now + max(0.0, wake)
        if self.next_wake is not None and wake == 0:
            self.next_wake = 0
        if self.authoring is not None:
            # play --watch / --from: poll the files and keep the overlay's messages current
            self.authoring.update(self, dt)
            self.redraw = True
            poll = now + WATCH_POLL
            self.next_wake = poll if self.next_wake is None else min(self.next_wake, poll)
        self.voice_step()
        if self.redraw:
            self.draw()

    frames_on_screen = 0
    last_key = ""

    def draw(self) -> None:
        assert self.screen is not None
        self.stack.draw(self.screen)
        if self.authoring is not None:
            self.authoring.draw(self.screen, self)
        pygame.display.flip()
        self.frames += 1
        self.ctx.frames = self.frames
        self.redraw = False
        if self.frames == 1:
            if os.environ.get("TRAINER_EXIT_AFTER_FIRST_FRAME") == "1":
                self.stack.quit_code = 0  # benchmarks/bench_ui.py: time to the first frame
                return
            self.after_first_frame()
        self.settle(self.stack.top.screenshot_key())
        if self.options.max_seconds and self.ctx.time > self.options.max_seconds:
            print("demo: stopped after the time limit", file=sys.stderr)
            self.stack.quit_code = 1

    def settle(self, key: str) -> None:
        """Demo mode: save a screen once it has been shown for a few frames."""
        self.frames_on_screen = self.frames_on_screen + 1 if key == self.last_key else 0
        self.last_key = key
        if self.frames_on_screen == SETTLE_FRAMES:
            self.screenshot(key)

    # -- input ---------------------------------------------------------------------------------
    def dispatch(self, intent: Intent) -> None:
        if intent.kind in ("resize", "expose"):
            if self.screen is not None:
                self.ctx.size = self.screen.get_size()
                for scene in self.stack.shown():
                    scene.layout(self.ctx.size)
            return
        if intent.kind == "quit":
            if any(scene.guards_quit for scene in self.stack.scenes) and not self.ctx.demo:
                if self.stack.top.name != "dialog":
                    self.stack.apply(Push(go("dialog", purpose="quit_run")), self.ctx.size)
                return
            self.stack.quit_code = 0
            return
        if intent.kind == "fullscreen":
            self.ctx.update_settings(fullscreen=not self.ctx.settings.fullscreen)
            return
        if intent.kind == "voice":
            self.ctx.update_settings(read_aloud=not self.ctx.settings.read_aloud)
            key = "ui.voice.on" if self.ctx.settings.read_aloud else "ui.voice.off"
            self.speak(self.ctx.t(key), force=True)
            self.spoken_focus = ""
            self.stack.top.layout(self.ctx.size)
            self.stack.top.dirty = True
            return
        top = self.stack.top
        self.stack.apply(top.handle(intent), self.ctx.size)
        if self.pending_briefing is not None and self.stack.top.name == "picker":
            scenario, self.pending_briefing = self.pending_briefing, None
            self.stack.apply(Push(go("briefing", scenario=scenario)), self.ctx.size)

    # -- self-voicing --------------------------------------------------------------------------
    def speak(
        self, words: str, force: bool = False, queue: bool = False, lang: str | None = None
    ) -> None:
        if not words or not (force or self.ctx.settings.read_aloud):
            return
        if self.voice is None:
            from .speech import Voice

            self.voice = Voice()
        self.voice.say(words, lang or self.ctx.lang, queue=queue)

    def voice_step(self) -> None:
        """Read the customer's new lines, then the focused text when the focus moved (each new
        line interrupts what was being read; the focus waits its turn after a line)."""
        top = self.stack.top
        lines = top.announcements()
        if not self.ctx.settings.read_aloud:
            return
        lang = top.speech_lang()
        if lines:
            self.speak(" ".join(lines), lang=lang)
        focus = top.spoken()
        if focus and focus != self.spoken_focus:
            self.speak(focus, queue=bool(lines), lang=lang)
        self.spoken_focus = focus

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
