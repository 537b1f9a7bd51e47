"""Colours and sizes. Two palettes: the default and a high-contrast one (a setting).

Sizes scale with the window: ``unit`` is 1.0 at 1280x720, 0.8 at 1024x600, 1.5 at 1920x1080,
then multiplied by the text-size setting for type.
"""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Theme:
    name: str
    bg: RGB
    bg_top: RGB
    panel: RGB
    panel_alt: RGB
    border: RGB
    text: RGB
    text_dim: RGB
    accent: RGB
    accent_text: RGB
    focus: RGB
    good: RGB
    warn: RGB
    bad: RGB
    bubble: RGB
    bubble_text: RGB
    bar_bg: RGB
    shadow: RGB


DEFAULT = Theme(
    name="default",
    bg=(28, 36, 48),
    bg_top=(44, 58, 76),
    panel=(246, 242, 234),
    panel_alt=(232, 226, 214),
    border=(196, 186, 168),
    text=(34, 38, 46),
    text_dim=(96, 102, 112),
    accent=(34, 118, 122),
    accent_text=(255, 255, 255),
    focus=(240, 170, 60),
    good=(46, 140, 84),
    warn=(214, 150, 40),
    bad=(196, 64, 56),
    bubble=(255, 255, 255),
    bubble_text=(30, 32, 38),
    bar_bg=(70, 80, 96),
    shadow=(10, 14, 20),
)

HIGH_CONTRAST = Theme(
    name="high-contrast",
    bg=(0, 0, 0),
    bg_top=(0, 0, 0),
    panel=(0, 0, 0),
    panel_alt=(20, 20, 20),
    border=(255, 255, 255),
    text=(255, 255, 255),
    text_dim=(230, 230, 230),
    accent=(255, 230, 0),
    accent_text=(0, 0, 0),
    focus=(0, 230, 255),
    good=(80, 255, 120),
    warn=(255, 230, 0),
    bad=(255, 110, 110),
    bubble=(0, 0, 0),
    bubble_text=(255, 255, 255),
    bar_bg=(60, 60, 60),
    shadow=(0, 0, 0),
)


def theme_for(high_contrast: bool) -> Theme:
    return HIGH_CONTRAST if high_contrast else DEFAULT


def unit(size: tuple[int, int]) -> float:
    """Layout unit for a window size: 1.0 at 1280x720."""
    w, h = size
    return max(0.5, min(w / 1280, h / 720))
