"""The author's overlay on the window, for ``trainer play --watch`` and ``--from BEAT``.

It sits beside the scenes, not in them: the app hands it raw events first (F5 restarts the
scenario in play), lets it poll the files once a frame (cheaply, a ``stat`` per file twice a
second), and lets it draw last. A scenario file that changes is read again; if it has errors,
they are shown over the screen, located (file:line:col), and the game goes on with the last
good version; once fixed, F5 plays the new one. An encounter of the scenario named with
``--from`` starts at that beat, with the assumed decisions already taken (and said).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from .scene import Push, go
from .theme import unit
from .widgets import line_height, panel, paragraph_lines, text

if TYPE_CHECKING:
    from ..application.authoring.watch import Watcher
    from ..scenario.diagnostics import Diagnostic
    from ..scenario.model import Scenario

Reload = Callable[[], tuple[list["Scenario"], list["Diagnostic"]]]

TOAST_SECONDS = 4.0
RESTART_KEY = pygame.K_F5


@dataclass
class Authoring:
    """The hooks the app calls; every field is optional."""

    from_beat: str | None = None
    from_scenario: str | None = None
    watcher: Watcher | None = None
    reload: Reload | None = None
    errors: list[Diagnostic] = field(default_factory=list)
    toast: str = ""
    toast_left: float = 0.0
    banner: str = ""
    restarts: int = 0

    # -- hooks ---------------------------------------------------------------------------------
    def encounter_started(self, scene: Any) -> None:
        """Called by each new encounter: start the named scenario at the named beat."""
        if not self.from_beat or scene.scenario.id != self.from_scenario:
            return
        from ..application.authoring.start import FromError, assume

        try:
            assumed = assume(scene.scenario, self.from_beat)
        except FromError as exc:
            self.say(str(exc))
            return
        state = scene.engine.start(scene.seed)
        for action, after in assumed.decisions:
            state, _ = scene.engine.step(state, action, after)
        scene.state = state
        scene.decisions = list(assumed.decisions)
        scene.elapsed = assumed.wait  # the silence before the beat: the next frame moves there
        steps = [a.choice if hasattr(a, "choice") else "offer" for a, _ in assumed.decisions]
        if assumed.wait:
            steps.append(f"silence {assumed.wait:g} s")
        self.banner = f"From beat '{self.from_beat}'" + (
            f" · assumed: {' > '.join(steps)}" if steps else ""
        )

    def event(self, app: Any, event: pygame.event.Event) -> bool:
        """True if the event was the overlay's (then the scenes never see it)."""
        if event.type == pygame.KEYDOWN and event.key == RESTART_KEY:
            self.restart(app)
            return True
        return False

    def update(self, app: Any, dt: float) -> None:
        self.toast_left = max(0.0, self.toast_left - dt)
        if self.watcher is None:
            return
        changed = self.watcher.poll(dt)
        if changed:
            self.reload_now(app, changed)

    # -- actions -------------------------------------------------------------------------------
    def say(self, message: str) -> None:
        self.toast, self.toast_left = message, TOAST_SECONDS

    def reload_now(self, app: Any, changed: Sequence[Path]) -> None:
        if self.reload is None:
            return
        scenarios, diagnostics = self.reload()
        errors = [d for d in diagnostics if d.is_error]
        names = ", ".join(p.name for p in changed[:3]) + ("…" if len(changed) > 3 else "")
        if errors:
            self.errors = errors
            self.say(f"{names}: {len(errors)} error(s); playing the last good version")
            return
        self.errors = []
        app.ctx.scenarios = scenarios
        app.options.scenarios = scenarios
        self.say(f"Reloaded {names} · F5 restarts the scenario")

    def restart(self, app: Any) -> None:
        """Play the scenario in play again, from the start (or the --from beat), as it now is
        on disk (its last good version)."""
        stack = app.stack
        index = next(
            (
                i
                for i in range(len(stack.scenes) - 1, -1, -1)
                if getattr(stack.scenes[i], "scenario", None) is not None
            ),
            None,
        )
        if index is None:
            self.say("Choose a scenario first; F5 then restarts it")
            return
        current = stack.scenes[index]
        fresh = app.ctx.scenario(current.scenario.id) or current.scenario
        name = "briefing" if current.name == "briefing" else "encounter"
        del stack.scenes[index:]
        stack.apply(Push(go(name, scenario=fresh)), app.ctx.size)
        self.restarts += 1
        self.say(f"Restarted {fresh.id}" + (" (with errors elsewhere)" if self.errors else ""))

    # -- drawing -------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, app: Any) -> None:
        ctx = app.ctx
        size = surface.get_size()
        u = unit(size)
        top = app.stack.top if app.stack.scenes else None
        if self.errors:
            self._draw_errors(surface, ctx, size, u)
        elif self.banner and top is not None and top.name == "encounter":
            if getattr(top, "scenario", None) is not None and top.scenario.id == self.from_scenario:
                self._pill(
                    surface, ctx, self.banner + " · F5 restarts", "tiny", size, u, bottom=True
                )
        if self.toast_left > 0 and self.toast:
            self._pill(surface, ctx, self.toast, "small", size, u, bottom=False)

    def _pill(
        self,
        surface: pygame.Surface,
        ctx: Any,
        words: str,
        role: str,
        size: tuple[int, int],
        u: float,
        bottom: bool,
    ) -> None:
        """A dark, rounded label: the toast at the top centre, the banner at the bottom right."""
        font_h = line_height(ctx, role)
        width = min(size[0] - int(40 * u), ctx.fonts.get(role).size(words)[0] + int(32 * u))
        rect = pygame.Rect(0, 0, width, int(font_h * 1.6))
        if bottom:
            rect.bottomright = (size[0] - int(12 * u), size[1] - int(10 * u))
        else:
            rect.midtop = (size[0] // 2, int(10 * u))
        panel(surface, rect, (24, 28, 36), (240, 170, 60), radius=rect.height // 2)
        text(
            surface,
            ctx,
            words,
            role,
            (255, 255, 255),
            rect.center,
            anchor="center",
            max_width=rect.width - int(20 * u),
        )

    def _draw_errors(
        self, surface: pygame.Surface, ctx: Any, size: tuple[int, int], u: float
    ) -> None:
        pad = int(14 * u)
        width = size[0] - int(40 * u)
        small = line_height(ctx, "small")
        heading = (
            "The scenario files have errors; the game goes on with the last good version. "
            "Save the fix to check again."
        )
        lines: list[tuple[str, bool]] = [
            (line, True) for line in paragraph_lines(ctx, heading, "small", width - 2 * pad, 2)
        ]
        for diagnostic in self.errors[:6]:
            lines.append(("", False))
            for line in paragraph_lines(ctx, str(diagnostic), "small", width - 2 * pad, 3):
                lines.append((line, False))
        if len(self.errors) > 6:
            lines.append((f"… and {len(self.errors) - 6} more: trainer validate lists them", True))
        height = 2 * pad + small * len(lines)
        rect = pygame.Rect(int(20 * u), size[1] - height - int(20 * u), width, height)
        panel(surface, rect, (64, 16, 16), (230, 90, 80), radius=12)
        y = rect.top + pad
        for line, strong in lines:
            if line:
                colour = (255, 214, 204) if strong else (255, 255, 255)
                text(
                    surface,
                    ctx,
                    line,
                    "small",
                    colour,
                    (rect.left + pad, y),
                    bold=strong,
                    max_width=rect.width - 2 * pad,
                )
            y += small
