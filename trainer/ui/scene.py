"""Scenes and the stack that holds them. Transitions are values: a scene's ``handle`` and
``update`` return ``Push | Pop | Replace | Quit | None``, and only the stack applies them, so a
test can assert what a scene returns without opening a window."""

from __future__ import annotations

from dataclasses import dataclass
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

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.size = (0, 0)

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
class Push:
    scene: Scene


@dataclass(frozen=True)
class Pop:
    result: Any = None


@dataclass(frozen=True)
class Replace:
    scene: Scene


@dataclass(frozen=True)
class Quit:
    code: int = 0


Transition = Push | Pop | Replace | Quit | None


class SceneStack:
    """Holds the scenes; applies transitions; the top scene is the one shown."""

    def __init__(self) -> None:
        self.scenes: list[Scene] = []
        self.quit_code: int | None = None

    @property
    def top(self) -> Scene:
        return self.scenes[-1]

    def apply(self, transition: Transition, size: tuple[int, int]) -> None:
        if transition is None:
            return
        if isinstance(transition, Quit):
            self.quit_code = transition.code
        elif isinstance(transition, Push):
            self.scenes.append(transition.scene)
            transition.scene.layout(size)
            transition.scene.enter()
        elif isinstance(transition, Replace):
            if self.scenes:
                self.scenes.pop()
            self.scenes.append(transition.scene)
            transition.scene.layout(size)
            transition.scene.enter()
        elif isinstance(transition, Pop):
            if self.scenes:
                self.scenes.pop()
            if not self.scenes:
                self.quit_code = 0
                return
            self.top.layout(size)
            self.apply(self.top.resume(transition.result), size)
