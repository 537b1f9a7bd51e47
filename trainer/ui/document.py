"""A scrollable column of headings and paragraphs (briefing, debrief): laid out once per size,
drawn clipped at a scroll offset."""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from .context import Context
from .fonts import rendered, wrap
from .theme import RGB
from .widgets import bar, line_height


@dataclass
class Block:
    kind: str  # heading | para | small | gap | score
    text: str = ""
    color: RGB | None = None
    value: float = 0.0  # for score bars: 0..100
    height: int = 0


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
    ) -> None:
        self.blocks.append(Block(kind, text, color, value, height))

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
            lines = wrap(block.text, ctx.fonts.get(role), width) if block.text else []
            self.lines.append(lines)
            total += len(lines) * line_height(ctx, role)
            if block.kind == "score":
                total += int(line_height(ctx, "small") * 0.9)
        self.height = total

    def draw(
        self, surface: pygame.Surface, ctx: Context, rect: pygame.Rect, scroll: int, ink: RGB
    ) -> None:
        clip = surface.get_clip()
        surface.set_clip(rect)
        y = rect.top - scroll
        th = ctx.theme
        for block, lines in zip(self.blocks, self.lines, strict=True):
            if block.kind == "gap":
                y += block.height
                continue
            role = _role(block.kind)
            font = ctx.fonts.get(role)
            bold = block.kind in ("heading", "score")
            step = line_height(ctx, role)
            for line in lines:
                if y + step >= rect.top and y <= rect.bottom:
                    surface.blit(
                        rendered(line, font, tuple(block.color or ink), bold), (rect.left, y)
                    )
                y += step
            if block.kind == "score":
                h = int(line_height(ctx, "small") * 0.55)
                color = th.good if block.value >= 70 else th.warn if block.value >= 40 else th.bad
                bar(
                    surface,
                    pygame.Rect(rect.left, y, int(rect.width * 0.7), h),
                    block.value / 100,
                    color,
                    th.panel_alt if th.name == "default" else th.bar_bg,
                    radius=h // 2,
                )
                y += int(line_height(ctx, "small") * 0.9)
        surface.set_clip(clip)


def _role(kind: str) -> str:
    return {"heading": "heading", "para": "body", "small": "small", "score": "body"}.get(
        kind, "body"
    )
