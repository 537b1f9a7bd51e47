"""Input translated to intents, in one place: scenes never see raw key codes or mouse buttons.

Keyboard, mouse (and anything added later, such as a gamepad) map to the same intents, so every
screen works by keyboard alone and by mouse alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame


@dataclass(frozen=True)
class Intent:
    """What the player means.

    ``kind`` is one of: ``select`` (value: a 0-based index, from number keys 1-9),
    ``up``, ``down``, ``left``, ``right``, ``next`` (Tab), ``prev`` (Shift+Tab),
    ``confirm`` (Enter), ``toggle`` (Space: ticks a focused card, else acts as confirm),
    ``back`` (Esc), ``text`` (value: typed
    text), ``erase`` (Backspace), ``click`` (pos), ``point`` (pos: the mouse moved),
    ``scroll`` (value: +1 up, -1 down), ``page_up``, ``page_down``, ``home``, ``end``,
    ``fullscreen`` (F11), ``voice`` (F2: self-voicing on or off), ``pause`` (P),
    ``resize`` (value: (w, h)), ``blur`` (the window lost the focus), ``expose`` (the window
    must be drawn again), ``quit`` (the window was closed).
    """

    kind: str
    value: Any = None
    pos: tuple[int, int] | None = None


KEYS = {
    pygame.K_UP: "up",
    pygame.K_DOWN: "down",
    pygame.K_LEFT: "left",
    pygame.K_RIGHT: "right",
    pygame.K_RETURN: "confirm",
    pygame.K_KP_ENTER: "confirm",
    pygame.K_ESCAPE: "back",
    pygame.K_BACKSPACE: "erase",
    pygame.K_F11: "fullscreen",
    pygame.K_PAGEUP: "page_up",
    pygame.K_PAGEDOWN: "page_down",
    pygame.K_F2: "voice",
    pygame.K_HOME: "home",
    pygame.K_END: "end",
}
NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n - 1 for n in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n - 1 for n in range(1, 10)})


def translate(event: pygame.event.Event, typing: bool = False) -> list[Intent]:
    """The intents one pygame event means. ``typing``: a text field has focus, so number keys
    and letters are text, not shortcuts."""
    if event.type == pygame.QUIT:
        return [Intent("quit")]
    if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
        size = (getattr(event, "w", 0), getattr(event, "h", 0))
        return [Intent("resize", size)]
    if event.type == pygame.TEXTINPUT:
        return [Intent("text", event.text)] if typing else []
    if event.type == pygame.KEYDOWN:
        if event.key == pygame.K_TAB:
            return [Intent("prev" if event.mod & pygame.KMOD_SHIFT else "next")]
        if not typing and event.key in NUMBER_KEYS:
            return [Intent("select", NUMBER_KEYS[event.key])]
        if event.key == pygame.K_SPACE and not typing:
            return [Intent("toggle")]
        if event.key == pygame.K_p and not typing:
            return [Intent("pause")]
        kind = KEYS.get(event.key)
        return [Intent(kind)] if kind else []
    if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
        return [Intent("click", pos=tuple(event.pos))]
    if event.type == pygame.MOUSEMOTION:
        return [Intent("point", pos=tuple(event.pos))]
    if event.type == pygame.MOUSEWHEEL:
        return [Intent("scroll", 1 if event.y > 0 else -1)]
    if event.type == pygame.WINDOWFOCUSLOST:
        return [Intent("blur")]
    if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWFOCUSGAINED):
        return [Intent("expose")]
    return []
