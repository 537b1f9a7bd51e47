"""Scenes and the stack that holds them. Transitions are values: a scene's ``handle`` and
``update`` return ``Push | Pop | Replace | Quit | None``, and only the stack applies them, so a
test can assert what a scene returns without opening a window.

A scene names the screen it goes to with :class:`Go` (a name and its arguments) instead of
importing that screen: scenes never import each other, and the stack builds the next one through
its factory (the app's registry of scenes)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pygame

    from .context import Context
    from .intents import Intent


class Scene:
    """One screen.

    Lifecycle: ``enter`` once when first shown; ``layout`` whenever the window size or the text
    size changes (it computes every rectangle that drawing and hit-testing use); ``handle`` for
    each intent; ``update`` once a frame with the seconds since the last one; ``draw``.

    ``draw`` never changes state: every draw should be the same for a given state and time.
    """

    name = "scene"
    typing = False  # True while a text field has focus: keys are text, not shortcuts
    overlay = False  # drawn over the scene below it (a dialog), which stays visible
    guards_quit = False  # closing the window while this scene is on the stack asks first

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.size = (0, 0)
        self.dirty = True  # something changed that the next frame must show

    def wake_in(self) -> float | None:
        """Seconds until this scene looks different without any input (0: every frame, for an
        animation or a running clock; None: not until something happens). The window sleeps
        until then, so a still screen costs next to nothing."""
        return None

    def take_dirty(self) -> bool:
        dirty, self.dirty = self.dirty, False
        return dirty

    def spoken(self) -> str:
        """What self-voicing reads for the focused thing on this screen ('' for nothing)."""
        return ""

    def announcements(self) -> list[str]:
        """Lines that appeared since the last call and should be read aloud (the customer's)."""
        return []

    def speech_lang(self) -> str | None:
        """The language this screen's words are in, when not the interface's (a scenario
        shown in its fallback language is read with that language's voice)."""
        return None

    def enter(self) -> None:
        """Called once, when the scene is first pushed."""

    def resume(self, result: Any = None) -> Transition:
        """Called when the scene above it pops, with that scene's result."""
        return None

    def layout(self, size: tuple[int, int]) -> None:
        self.size = size

    def handle(self, intent: Intent) -> Transition:
        return None

    def update(self, dt: float) -> Transition:
        return None

    def draw(self, surface: pygame.Surface) -> None:
        raise NotImplementedError

    def screenshot_key(self) -> str:
        """A name for the screen as shown now (demo mode saves one PNG per distinct key)."""
        return self.name


@dataclass(frozen=True)
class Go:
    """The screen to show next, by name: ``Go("briefing", {"scenario": s})``."""

    name: str
    args: Mapping[str, Any] = field(default_factory=dict)


def go(name: str, **args: Any) -> Go:
    return Go(name, args)


@dataclass(frozen=True)
class Push:
    scene: Scene | Go


@dataclass(frozen=True)
class Pop:
    result: Any = None


@dataclass(frozen=True)
class Replace:
    scene: Scene | Go


@dataclass(frozen=True)
class Quit:
    code: int = 0


Transition = Push | Pop | Replace | Quit | None


class SceneStack:
    """Holds the scenes; applies transitions; the top scene is the one shown."""

    def __init__(self, factory: Callable[[Go], Scene] | None = None) -> None:
        self.scenes: list[Scene] = []
        self.quit_code: int | None = None
        self.factory = factory

    def build(self, target: Scene | Go) -> Scene:
        if isinstance(target, Go):
            if self.factory is None:
                raise LookupError(f"no scene factory to build {target.name!r}")
            return self.factory(target)
        return target

    @property
    def top(self) -> Scene:
        return self.scenes[-1]

    def shown(self) -> list[Scene]:
        """The scenes a frame draws, bottom first: the top one and, under a dialog, the scenes
        it covers down to the first full screen."""
        first = len(self.scenes) - 1
        while first > 0 and self.scenes[first].overlay:
            first -= 1
        return self.scenes[first:]

    def draw(self, surface: pygame.Surface) -> None:
        for scene in self.shown():
            scene.draw(surface)

    def apply(self, transition: Transition, size: tuple[int, int]) -> None:
        if transition is None:
            return
        if isinstance(transition, Quit):
            self.quit_code = transition.code
        elif isinstance(transition, Push):
            scene = self.build(transition.scene)
            self.scenes.append(scene)
            scene.layout(size)
            scene.enter()
        elif isinstance(transition, Replace):
            scene = self.build(transition.scene)
            if self.scenes:
                self.scenes.pop()
            self.scenes.append(scene)
            scene.layout(size)
            scene.enter()
        elif isinstance(transition, Pop):
            if self.scenes:
                self.scenes.pop()
            if not self.scenes:
                self.quit_code = 0
                return
            self.top.layout(size)
            self.top.dirty = True
            self.apply(self.top.resume(transition.result), size)
