"""A scrollable column of headings, paragraphs and score bars (briefing, debrief, progress):
laid out once per size, drawn clipped at a scroll offset, with a scroll bar that says when
there is more (and that a mouse can use)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from .context import Context
from .fonts import rendered, wrap
from .intents import Intent
from .theme import RGB
from .widgets import Scroller, bar, line_height


@dataclass
class Block:
    kind: str  # heading | para | small | gap | score | note
    text: str = ""
    color: RGB | None = None
    value: float = 0.0  # for score bars: 0..100
    height: int = 0
    bar_color: RGB | None = None  # score bars: the colour of the words' verdict
    mark: float | None = None  # score bars: an earlier score, drawn as a tick
    bold: bool = False


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    width: int = 0
    height: int = 0
    lines: list[list[str]] = field(default_factory=list)

    def add(
        self,
        kind: str,
        text: str = "",
        color: RGB | None = None,
        value: float = 0.0,
        height: int = 0,
        bar_color: RGB | None = None,
        mark: float | None = None,
        bold: bool = False,
    ) -> None:
        self.blocks.append(Block(kind, text, color, value, height, bar_color, mark, bold))

    def layout(self, ctx: Context, width: int) -> None:
        self.width = width
        self.lines = []
        total = 0
        for block in self.blocks:
            if block.kind == "gap":
                self.lines.append([])
                total += block.height
                continue
            role = _role(block.kind)
            font = ctx.fonts.get(role, _bold(block))
            lines = wrap(block.text, font, width) if block.text else []
            self.lines.append(lines)
            total += len(lines) * line_height(ctx, role)
            if block.kind == "score":
                total += int(line_height(ctx, "small") * 0.9)
        self.height = total

    def draw(
        self, surface: pygame.Surface, ctx: Context, rect: pygame.Rect, scroll: int, ink: RGB
    ) -> None:
        clip = surface.get_clip()
        surface.set_clip(rect.clip(clip) if clip else rect)
        y = rect.top - scroll
        th = ctx.theme
        for block, lines in zip(self.blocks, self.lines, strict=True):
            if block.kind == "gap":
                y += block.height
                continue
            role = _role(block.kind)
            font = ctx.fonts.get(role, _bold(block))
            step = line_height(ctx, role)
            for line in lines:
                if y + step >= rect.top and y <= rect.bottom:
                    surface.blit(rendered(line, font, tuple(block.color or ink)), (rect.left, y))
                y += step
            if block.kind == "score":
                h = int(line_height(ctx, "small") * 0.55)
                color = block.bar_color or th.accent
                track = pygame.Rect(rect.left, y, int(rect.width * 0.7), h)
                bar(
                    surface,
                    track,
                    block.value / 100,
                    color,
                    th.panel_alt if th.name == "default" else th.bar_bg,
                    radius=h // 2,
                )
                if block.mark is not None:
                    x = track.left + int(track.width * max(0.0, min(1.0, block.mark / 100)))
                    pygame.draw.line(surface, th.text, (x, y - 3), (x, y + h + 3), 3)
                y += int(line_height(ctx, "small") * 0.9)
        surface.set_clip(clip)


def _role(kind: str) -> str:
    return {"heading": "heading", "para": "body", "small": "small", "score": "body"}.get(
        kind, "body"
    )


def _bold(block: Block) -> bool:
    return block.bold or block.kind in ("heading", "score")


class DocumentView:
    """A document in a panel: scrolls by arrows, Page Up/Down, Home/End, the wheel and the
    scroll bar."""

    def __init__(self) -> None:
        self.doc = Document()
        self.scroller = Scroller()
        self.panel = pygame.Rect(0, 0, 0, 0)
        self.pad = 0

    def set(self, ctx: Context, doc: Document, panel: pygame.Rect, pad: int) -> None:
        self.doc, self.panel, self.pad = doc, pygame.Rect(panel), pad
        bar_w = max(14, int(ctx.fonts.px("small") * 1.1)) + 8
        inner = pygame.Rect(
            panel.left + pad, panel.top + pad, panel.width - 2 * pad - bar_w, panel.height - 2 * pad
        )
        doc.layout(ctx, inner.width)
        self.scroller.set(inner, doc.height)

    @property
    def scroll(self) -> int:
        return self.scroller.offset

    @property
    def max_scroll(self) -> int:
        return self.scroller.max_offset

    def handle(self, intent: Intent, ctx: Context) -> bool:
        """Scroll for ``intent`` if it is a scrolling one; True if it was."""
        step = int(line_height(ctx, "body") * 3)
        page = max(step, self.scroller.view.height - line_height(ctx, "body"))
        kind = intent.kind
        if kind == "scroll":
            self.scroller.scroll(-intent.value * step)
        elif kind in ("down", "up"):
            self.scroller.scroll(step if kind == "down" else -step)
        elif kind in ("page_down", "page_up"):
            self.scroller.scroll(page if kind == "page_down" else -page)
        elif kind in ("home", "end"):
            self.scroller.offset = 0 if kind == "home" else self.scroller.max_offset
        elif kind == "click" and intent.pos is not None:
            return self.scroller.click(intent.pos, ctx)
        else:
            return False
        return True

    def draw(self, surface: pygame.Surface, ctx: Context, ink: RGB) -> None:
        th = ctx.theme
        pygame.draw.rect(surface, th.panel, self.panel, border_radius=12)
        pygame.draw.rect(surface, th.border, self.panel, width=2, border_radius=12)
        view = self.scroller.view
        self.doc.draw(surface, ctx, view, self.scroller.offset, ink)
        if self.scroller.active:
            self.scroller.draw(surface, ctx)
