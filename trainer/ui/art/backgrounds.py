"""Industry backdrops drawn behind the customer: calm, flat, muted illustrations.

:func:`draw_background` picks a scene from free-text industry names ("hotel", "e-commerce",
"fast food", "dry cleaning"...; unknown names get a neutral shop) and draws it into a
rectangle. The still part of each scene is drawn once per (scene, size, contrast) at twice the
resolution, smoothed down and cached; each frame blits it and adds one small moving detail
(a ceiling fan, clouds past a window, a clock's second hand, a heart monitor...).

Scenes are laid out in a 1280 x 720 design space: positions stretch with the rectangle, round
things scale by the smaller axis so circles stay round.
"""

from __future__ import annotations

import functools
import math
import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pygame

RGB = tuple[int, int, int]
Point = tuple[float, float]

INDUSTRIES = (
    "hotel",
    "restaurant",
    "airline",
    "bank",
    "ecommerce",
    "telecom",
    "software",
    "dry cleaning",
    "clinic",
    "hospital",
    "fast food",
    "shop",
)

# Synonyms, most specific first; matched as whole words in the lower-cased industry text.
_SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "fast food",
        (
            "fast food",
            "fastfood",
            "burger",
            "burgers",
            "takeaway",
            "take away",
            "drive through",
            "drive thru",
            "quick service",
            "qsr",
            "pizza",
            "fried chicken",
            "food court",
        ),
    ),
    (
        "dry cleaning",
        (
            "dry cleaning",
            "dry cleaner",
            "dry cleaners",
            "drycleaning",
            "laundry",
            "laundrette",
            "laundromat",
            "launderette",
            "tailor",
            "alterations",
        ),
    ),
    ("hospital", ("hospital", "emergency", "a&e", "ward", "er", "icu", "paediatric", "pediatric")),
    (
        "clinic",
        (
            "clinic",
            "healthcare",
            "health care",
            "health",
            "medical",
            "doctor",
            "gp",
            "dental",
            "dentist",
            "pharmacy",
            "physio",
            "surgery",
            "vet",
            "veterinary",
        ),
    ),
    (
        "airline",
        (
            "airline",
            "airlines",
            "airport",
            "flight",
            "flights",
            "aviation",
            "airways",
            "air travel",
            "gate",
            "boarding",
        ),
    ),
    (
        "hotel",
        (
            "hotel",
            "hotels",
            "motel",
            "resort",
            "inn",
            "hostel",
            "lodging",
            "hospitality",
            "b&b",
            "bed and breakfast",
            "guesthouse",
        ),
    ),
    (
        "restaurant",
        (
            "restaurant",
            "restaurants",
            "cafe",
            "café",
            "coffee",
            "diner",
            "bistro",
            "dining",
            "brasserie",
            "eatery",
            "pub",
            "bar",
            "catering",
        ),
    ),
    (
        "bank",
        (
            "bank",
            "banking",
            "credit union",
            "finance",
            "financial",
            "insurance",
            "building society",
            "loans",
            "mortgage",
        ),
    ),
    (
        "telecom",
        (
            "telecom",
            "telecoms",
            "telecommunications",
            "telco",
            "mobile",
            "broadband",
            "internet",
            "isp",
            "cable",
            "phone",
            "wireless",
            "carrier",
            "fibre",
            "fiber",
        ),
    ),
    (
        "software",
        (
            "software",
            "saas",
            "it",
            "it support",
            "tech",
            "tech support",
            "app",
            "apps",
            "computer",
            "computers",
            "cloud",
            "helpdesk",
            "help desk",
        ),
    ),
    (
        "ecommerce",
        (
            "ecommerce",
            "e commerce",
            "online",
            "online shop",
            "online store",
            "online retail",
            "delivery",
            "deliveries",
            "courier",
            "parcel",
            "parcels",
            "shipping",
            "logistics",
            "marketplace",
            "mail order",
        ),
    ),
    ("shop", ("shop", "retail", "store", "boutique", "market", "supermarket", "grocery")),
)

_W, _H = 1280.0, 720.0
_SS = 2  # supersampling factor for the cached still layer (and cloud sprites)
_CACHE_SIZE = 8


def scene_for(industry: str) -> str:
    """The scene drawn for a free-text industry name (one of :data:`INDUSTRIES`)."""
    text = re.sub(r"[-_/]+", " ", str(industry).strip().lower())
    text = re.sub(r"\s+", " ", text)
    if text in INDUSTRIES:
        return text
    for scene, words in _SYNONYMS:
        for word in words:
            if re.search(r"(?<![\w&])" + re.escape(word) + r"(?![\w&])", text):
                return scene
    return "shop"


# --------------------------------------------------------------------------------- drawing


def _mix(a: RGB, b: RGB, f: float) -> RGB:
    f = max(0.0, min(1.0, f))
    return (
        round(a[0] + (b[0] - a[0]) * f),
        round(a[1] + (b[1] - a[1]) * f),
        round(a[2] + (b[2] - a[2]) * f),
    )


def _dark(c: RGB, f: float) -> RGB:
    return _mix(c, (24, 22, 30), f)


def _light(c: RGB, f: float) -> RGB:
    return _mix(c, (255, 255, 255), f)


_HC_FILL: RGB = (12, 12, 14)
_HC_LINE: RGB = (150, 154, 160)


class _Canvas:
    """Draws 1280 x 720 design-space shapes onto a surface (filled, or outlined in HC)."""

    def __init__(
        self,
        surf: pygame.Surface,
        origin: tuple[float, float],
        sx: float,
        sy: float,
        hc: bool,
        aa: bool = False,
    ) -> None:
        self.surf = surf
        self.ox, self.oy = origin
        self.sx, self.sy = sx, sy
        self.m = min(sx, sy)
        self.hc = hc
        self.aa = aa  # anti-aliased circles and lines (used for the per-frame details)

    def p(self, x: float, y: float) -> Point:
        return (self.ox + x * self.sx, self.oy + y * self.sy)

    def _edge(self) -> int:
        return max(1, round(2 * self.m))

    def _fill(self, col: RGB) -> RGB:
        return _HC_FILL if self.hc else col

    def rect(
        self, col: RGB, x: float, y: float, w: float, h: float, r: float = 0, edge: bool = True
    ) -> None:
        x0, y0 = self.p(x, y)
        x1, y1 = self.p(x + w, y + h)
        box = pygame.Rect(
            round(x0), round(y0), max(1, round(x1) - round(x0)), max(1, round(y1) - round(y0))
        )
        rad = max(0, round(r * self.m)) if r else 0
        pygame.draw.rect(self.surf, self._fill(col), box, 0, rad)
        if self.hc and edge:
            pygame.draw.rect(self.surf, _HC_LINE, box, self._edge(), rad)

    def circle(self, col: RGB, x: float, y: float, r: float, edge: bool = True) -> None:
        c = self.p(x, y)
        if self.aa:
            pygame.draw.aacircle(self.surf, self._fill(col), c, max(1.0, r * self.m))
        else:
            pygame.draw.circle(self.surf, self._fill(col), c, max(1.0, r * self.m))
        if self.hc and edge:
            pygame.draw.circle(self.surf, _HC_LINE, c, max(1.0, r * self.m), self._edge())

    def ellipse(
        self, col: RGB, x: float, y: float, rx: float, ry: float, edge: bool = True
    ) -> None:
        cx, cy = self.p(x, y)
        box = pygame.Rect(0, 0, max(1, round(2 * rx * self.m)), max(1, round(2 * ry * self.m)))
        box.center = (round(cx), round(cy))
        pygame.draw.ellipse(self.surf, self._fill(col), box)
        if self.hc and edge:
            pygame.draw.ellipse(self.surf, _HC_LINE, box, self._edge())

    def poly(self, col: RGB, pts: Sequence[Point], edge: bool = True) -> None:
        mapped = [self.p(x, y) for x, y in pts]
        pygame.draw.polygon(self.surf, self._fill(col), mapped)
        if self.hc and edge:
            pygame.draw.polygon(self.surf, _HC_LINE, mapped, self._edge())

    def lines(self, col: RGB, pts: Sequence[Point], w: float = 2) -> None:
        """A polyline with round joints."""
        for a, b in zip(pts, pts[1:], strict=False):
            self.line(col, a, b, w)

    def line(self, col: RGB, a: Point, b: Point, w: float = 2) -> None:
        colour = _HC_LINE if self.hc else col
        width = max(1, round(w * self.m))
        pa, pb = self.p(*a), self.p(*b)
        if self.aa:
            pygame.draw.aaline(self.surf, colour, pa, pb, width)
            return
        pygame.draw.line(self.surf, colour, pa, pb, width)
        if width > 2:
            pygame.draw.circle(self.surf, colour, pa, width / 2)
            pygame.draw.circle(self.surf, colour, pb, width / 2)


# --------------------------------------------------------------------------------- props


def _wall(c: _Canvas, wall: RGB, floor: RGB, floor_y: float = 590) -> None:
    c.rect(wall, 0, 0, _W, _H, edge=False)
    c.rect(floor, 0, floor_y, _W, _H - floor_y, edge=False)
    c.rect(_dark(wall, 0.18), 0, floor_y - 10, _W, 10)
    if c.hc:
        c.line(_HC_LINE, (0, floor_y), (_W, floor_y), 2)


def _plant(c: _Canvas, x: float, base: float, size: float = 1.0) -> None:
    leaf = (118, 150, 118)
    dark = (96, 128, 100)
    for i, (dx, dy, rx, ry) in enumerate(
        (
            (-26, -96, 20, 46),
            (26, -96, 20, 46),
            (0, -120, 20, 52),
            (-44, -66, 18, 36),
            (44, -66, 18, 36),
        )
    ):
        c.ellipse(
            dark if i % 2 else leaf,
            x + dx * size,
            base - 50 * size + dy * size * 0.6,
            rx * size,
            ry * size,
        )
    c.poly(
        (186, 132, 104),
        [
            (x - 34 * size, base - 56 * size),
            (x + 34 * size, base - 56 * size),
            (x + 26 * size, base),
            (x - 26 * size, base),
        ],
    )
    c.rect((166, 114, 88), x - 38 * size, base - 62 * size, 76 * size, 12 * size, 3)


def _frame_picture(c: _Canvas, x: float, y: float, w: float, h: float, sky: RGB, hill: RGB) -> None:
    c.rect((150, 120, 96), x - 8, y - 8, w + 16, h + 16, 4)
    c.rect(sky, x, y, w, h)
    if not c.hc:
        c.poly(
            hill,
            [
                (x, y + h),
                (x, y + h * 0.6),
                (x + w * 0.35, y + h * 0.35),
                (x + w * 0.6, y + h * 0.62),
                (x + w * 0.8, y + h * 0.45),
                (x + w, y + h * 0.6),
                (x + w, y + h),
            ],
        )
        c.circle(_light(sky, 0.5), x + w * 0.75, y + h * 0.25, min(w, h) * 0.1)


def _window(
    c: _Canvas,
    x: float,
    y: float,
    w: float,
    h: float,
    frame: RGB,
    panes: int = 2,
    sill: bool = True,
) -> None:
    """Window frame only; the sky inside is drawn (and animated) per frame."""
    c.rect(frame, x - 12, y - 12, w + 24, h + 24, 6)
    c.rect((184, 208, 222), x, y, w, h)
    _window_view(c, x, y, w, h)
    if sill:
        c.rect(_dark(frame, 0.1), x - 22, y + h + 8, w + 44, 14, 4)


def _window_bars(
    c: _Canvas, x: float, y: float, w: float, h: float, frame: RGB, panes: int
) -> None:
    """Mullions (and the frame edge in high contrast) over the animated sky."""
    for i in range(1, panes):
        xx = x + w * i / panes
        if c.hc:
            c.line(_HC_LINE, (xx, y), (xx, y + h), 2)
        else:
            c.rect(frame, xx - 5, y, 10, h, edge=False)
    if c.hc:
        c.line(_HC_LINE, (x, y), (x + w, y), 2)
        c.line(_HC_LINE, (x, y + h), (x + w, y + h), 2)
        c.line(_HC_LINE, (x, y), (x, y + h), 2)
        c.line(_HC_LINE, (x + w, y), (x + w, y + h), 2)


def _clock(c: _Canvas, x: float, y: float, r: float) -> None:
    c.circle((96, 90, 92), x, y, r + 5)
    c.circle((246, 242, 232), x, y, r)
    for i in range(12):
        a = math.tau * i / 12
        c.line(
            (120, 114, 110),
            (x + math.cos(a) * r * 0.78, y + math.sin(a) * r * 0.78),
            (x + math.cos(a) * r * 0.9, y + math.sin(a) * r * 0.9),
            3 if i % 3 == 0 else 2,
        )
    c.line((70, 66, 70), (x, y), (x + r * 0.45, y - r * 0.25), 5)
    c.line((70, 66, 70), (x, y), (x - r * 0.1, y - r * 0.7), 4)


def _counter(
    c: _Canvas, y: float, top: RGB, front: RGB, x: float = -10, w: float = _W + 20, panels: int = 8
) -> None:
    c.rect(front, x, y + 18, w, _H - y, edge=True)
    c.rect(top, x, y, w, 22, 4)
    if not c.hc:
        c.rect(_dark(front, 0.1), x, y + 22, w, 8, edge=False)
        for i in range(1, panels):
            xx = x + w * i / panels
            c.rect(_dark(front, 0.08), xx - 2, y + 44, 4, _H - y - 50, edge=False)
    else:
        for i in range(1, panels):
            xx = x + w * i / panels
            c.line(_HC_LINE, (xx, y + 44), (xx, _H), 2)


def _monitor(c: _Canvas, x: float, y: float, w: float, h: float, screen: RGB) -> None:
    c.rect((150, 150, 158), x + w / 2 - 10, y + h, 20, 26)
    c.rect((132, 132, 140), x + w / 2 - 40, y + h + 22, 80, 8, 3)
    c.rect((54, 58, 68), x - 8, y - 8, w + 16, h + 16, 6)
    c.rect(screen, x, y, w, h, 2)


def _headset(c: _Canvas, x: float, y: float) -> None:
    col = (70, 74, 84)
    c.line((150, 150, 158), (x, y + 70), (x, y + 8), 4)
    c.rect((130, 130, 138), x - 20, y + 66, 40, 8, 3)
    pts = [
        (x + 26 * math.cos(math.radians(a)), y + 10 + 26 * math.sin(math.radians(a)))
        for a in range(180, 361, 15)
    ]
    c.lines(col, pts, 5)
    c.ellipse(col, x - 26, y + 14, 9, 13)
    c.ellipse(col, x + 26, y + 14, 9, 13)
    c.line(col, (x - 26, y + 20), (x - 6, y + 40), 3)
    c.circle((200, 90, 80), x - 6, y + 40, 3, edge=False)


def _box(c: _Canvas, x: float, y: float, w: float, h: float) -> None:
    c.rect((196, 160, 118), x, y, w, h, 3)
    if not c.hc:
        c.rect((176, 140, 100), x, y, w, h * 0.16, 2, edge=False)
        c.rect((226, 210, 170), x + w * 0.44, y, w * 0.12, h, 0, edge=False)
        c.rect((246, 244, 236), x + w * 0.12, y + h * 0.5, w * 0.26, h * 0.22, 2, edge=False)


# --------------------------------------------------------------------------------- scenes


@dataclass
class _Scene:
    anims: list[tuple[Any, ...]] = field(default_factory=list)  # (kind, params...), design space


def _scene_hotel(c: _Canvas, sc: _Scene) -> None:
    wall = (214, 198, 176)
    _wall(c, wall, (150, 120, 100))
    if not c.hc:
        for i in range(0, 40):
            c.rect(_dark(wall, 0.04), i * 34, 0, 14, 420, edge=False)
    c.rect((152, 116, 90), 0, 420, _W, 170)  # wainscot
    if not c.hc:
        for i in range(8):
            c.rect(_dark((152, 116, 90), 0.1), 20 + i * 160, 440, 130, 130, 4, edge=False)
    c.rect((120, 90, 70), 0, 412, _W, 12)
    # key rack
    kx, ky = 930, 120
    c.rect((148, 108, 80), kx, ky, 280, 210, 8)
    for row in range(3):
        for col in range(5):
            x, y = kx + 18 + col * 52, ky + 18 + row * 64
            c.rect((118, 84, 62), x, y, 42, 54, 4)
            if (row * 5 + col) % 4 != 1:
                c.line((226, 190, 96), (x + 21, y + 8), (x + 21, y + 26), 3)
                c.rect((232, 200, 120), x + 13, y + 24, 16, 22, 3)
    _frame_picture(c, 90, 120, 220, 150, (186, 208, 220), (140, 168, 140))
    # front desk with a bell
    _counter(c, 520, (112, 80, 60), (168, 126, 94))
    c.ellipse((226, 190, 96), 1050, 512, 26, 20)
    c.rect((200, 164, 80), 1020, 512, 60, 8, 3)
    c.circle((226, 190, 96), 1050, 490, 5)
    _plant(c, 70, 520, 1.1)
    # wall lamps
    for x in (420, 860):
        c.rect((190, 160, 110), x - 6, 150, 12, 40, 3)
        c.poly((238, 214, 168), [(x - 34, 150), (x + 34, 150), (x + 22, 104), (x - 22, 104)])
    sc.anims.append(("fan", 640.0, 56.0, 170.0))


def _scene_restaurant(c: _Canvas, sc: _Scene) -> None:
    wall = (206, 180, 160)
    _wall(c, wall, (138, 110, 96))
    if not c.hc:
        for row in range(0, 18):
            y = 380 + row * 22
            off = 0 if row % 2 else 30
            for i in range(-1, 22):
                c.rect(_dark(wall, 0.07), off + i * 60, y, 56, 18, 2, edge=False)
    c.rect((120, 92, 80), 0, 372, _W, 12)
    for wx in (70, 930):
        _window(c, wx, 80, 280, 250, (236, 228, 214))
        sc.anims.append(("sky", float(wx), 80.0, 280.0, 250.0, 2, (236, 228, 214)))
    # pendant lamps
    for x in (470, 810):
        c.line((90, 80, 80), (x, 0), (x, 120), 3)
        c.poly((226, 150, 84), [(x - 46, 170), (x + 46, 170), (x + 18, 118), (x - 18, 118)])
        c.ellipse((250, 226, 170), x, 172, 28, 8)
    # tables with cloths, chairs, plates, glasses
    for x in (210, 1070):
        c.rect((120, 90, 70), x - 70, 470, 10, 120)
        c.rect((120, 90, 70), x + 60, 470, 10, 120)
        c.poly((150, 110, 84), [(x - 120, 420), (x - 110, 590), (x - 96, 590), (x - 100, 470)])
        c.rect((242, 238, 228), x - 110, 450, 220, 30, 6)
        c.poly((230, 224, 212), [(x - 110, 478), (x + 110, 478), (x + 100, 540), (x - 100, 540)])
        c.ellipse((250, 250, 246), x - 40, 448, 30, 8)
        c.line((200, 212, 220), (x + 40, 448), (x + 40, 420), 3)
        c.poly((210, 224, 232), [(x + 28, 404), (x + 52, 404), (x + 46, 424), (x + 34, 424)])
        c.circle((214, 120, 90), x, 436, 8)
    # a chalk menu board
    c.rect((120, 96, 76), 540, 210, 200, 130, 6)
    c.rect((64, 72, 70), 550, 220, 180, 110, 4)
    if not c.hc:
        for i in range(4):
            c.rect((190, 196, 190), 570, 238 + i * 22, 90 + (i * 37) % 50, 5, 2, edge=False)
            c.rect((220, 200, 150), 690, 238 + i * 22, 20, 5, 2, edge=False)


def _scene_airline(c: _Canvas, sc: _Scene) -> None:
    wall = (188, 198, 208)
    _wall(c, wall, (140, 148, 160))
    _window(c, 40, 150, 1200, 330, (120, 130, 146), sill=False)
    sc.anims.append(("sky", 40.0, 150.0, 1200.0, 330.0, 5, (120, 130, 146), True))
    # departures board
    c.rect((60, 66, 80), 860, 24, 330, 104, 8)
    for i in range(4):
        y = 40 + i * 21
        c.rect((236, 190, 90), 880, y, 60, 10, 2, edge=False)
        c.rect((200, 206, 214), 956, y, 120 - (i * 23) % 50, 10, 2, edge=False)
        c.rect((140, 200, 150) if i % 2 else (236, 140, 110), 1110, y, 56, 10, 2, edge=False)
    # gate sign with a plane icon
    c.rect((46, 86, 130), 80, 40, 220, 80, 8)
    _plane_icon(c, 140, 80, 22, (246, 246, 246))
    c.rect((246, 246, 246), 190, 66, 84, 28, 4)
    # seats
    for i in range(7):
        x = 60 + i * 170
        if 470 < x < 760:
            continue
        c.rect((60, 96, 134), x, 496, 130, 52, 12)
        c.rect((70, 110, 150), x, 540, 130, 30, 10)
        c.rect((110, 116, 126), x + 60, 570, 10, 20)


def _plane_icon(c: _Canvas, x: float, y: float, s: float, col: RGB) -> None:
    c.poly(
        col,
        [
            (x - 1.4 * s, y - 0.15 * s),
            (x + 1.2 * s, y - 0.15 * s),
            (x + 1.5 * s, y),
            (x + 1.2 * s, y + 0.15 * s),
            (x - 1.4 * s, y + 0.15 * s),
        ],
        edge=False,
    )
    c.poly(
        col,
        [
            (x - 0.2 * s, y),
            (x + 0.3 * s, y),
            (x - 0.4 * s, y - 1.1 * s),
            (x - 0.7 * s, y - 1.1 * s),
        ],
        edge=False,
    )
    c.poly(
        col,
        [
            (x - 0.2 * s, y),
            (x + 0.3 * s, y),
            (x - 0.4 * s, y + 1.1 * s),
            (x - 0.7 * s, y + 1.1 * s),
        ],
        edge=False,
    )
    c.poly(
        col,
        [
            (x - 1.3 * s, y),
            (x - 1.0 * s, y),
            (x - 1.35 * s, y - 0.5 * s),
            (x - 1.5 * s, y - 0.5 * s),
        ],
        edge=False,
    )


def _scene_bank(c: _Canvas, sc: _Scene) -> None:
    wall = (196, 200, 190)
    _wall(c, wall, (150, 150, 140))
    # columns
    for x in (30, 1150):
        c.rect((226, 224, 214), x, 40, 100, 560)
        c.rect((210, 206, 196), x - 14, 30, 128, 26, 3)
        if not c.hc:
            for i in range(4):
                c.rect((212, 210, 200), x + 14 + i * 22, 60, 8, 530, 3, edge=False)
    # vault door behind the tellers
    c.circle((150, 154, 150), 960, 230, 118)
    c.circle((176, 180, 174), 960, 230, 96)
    for i in range(6):
        a = math.tau * i / 6
        c.line((120, 124, 122), (960, 230), (960 + math.cos(a) * 60, 230 + math.sin(a) * 60), 8)
    c.circle((130, 134, 130), 960, 230, 20)
    sc.anims.append(("clock", 300.0, 100.0, 44.0))
    # counter with glass partitions
    _counter(c, 420, (222, 218, 206), (180, 170, 152), 150, 980, 6)
    for i in range(4):
        x = 170 + i * 240
        c.rect((206, 226, 232), x, 190, 200, 230, 4)
        if not c.hc:
            c.poly((224, 238, 242), [(x + 20, 190), (x + 70, 190), (x + 20, 260)], edge=False)
        c.rect((140, 146, 150), x - 6, 182, 212, 10, 3)
        c.rect((150, 160, 166), x + 70, 396, 60, 24, 6)
    # rope stanchions
    for x in (80, 1200):
        c.rect((200, 170, 90), x - 5, 520, 10, 70)
        c.circle((214, 184, 100), x, 518, 9)


def _scene_support(c: _Canvas, sc: _Scene, flavour: str) -> None:
    wall = (198, 202, 212) if flavour != "ecommerce" else (206, 200, 190)
    _wall(c, wall, (142, 146, 158))
    # blinds window on the left
    c.rect((226, 228, 232), 60, 80, 300, 220, 4)
    if not c.hc:
        for i in range(11):
            c.rect((206, 210, 218), 60, 88 + i * 20, 300, 10, edge=False)
    # desk row
    c.rect((170, 150, 126), -10, 470, _W + 20, 22, 4)
    c.rect((140, 124, 106), 40, 492, 14, 100)
    c.rect((140, 124, 106), 1226, 492, 14, 100)
    screen = (178, 206, 222)
    for x in (120, 950):
        _monitor(c, x, 330, 200, 120, screen)
        sc.anims.append(("screen", float(x), 330.0, 200.0, 120.0, flavour))
    _headset(c, 1204, 396)
    if flavour == "ecommerce":
        # shelves of parcels
        for row, y in enumerate((90, 210)):
            c.rect((150, 126, 100), 880, y + 80, 330, 12, 2)
            for i in range(4):
                w = 60 + (i * 17 + row * 11) % 30
                _box(c, 890 + i * 80, y + 80 - w * 0.8, w, w * 0.8)
        # a poster with a shopping cart
        c.rect((236, 232, 222), 500, 90, 150, 120, 6)
        col = (214, 120, 90)
        c.poly(col, [(530, 120), (620, 120), (608, 166), (546, 166)])
        c.line(col, (512, 108), (530, 120), 4)
        c.circle(col, 556, 182, 8)
        c.circle(col, 600, 182, 8)
    elif flavour == "telecom":
        # signal poster and a router
        c.rect((236, 232, 222), 930, 90, 170, 170, 6)
        for i in range(4):
            h = 24 + i * 28
            c.rect((80, 140, 170), 960 + i * 32, 230 - h, 22, h, 3)
        c.rect((60, 64, 74), 400, 440, 120, 30, 6)
        for x in (420, 500):
            c.line((60, 64, 74), (x, 440), (x - 8 + (x - 420) * 0.2, 390), 5)
        for i in range(4):
            c.circle((120, 220, 150), 430 + i * 18, 455, 4, edge=False)
        c.rect((210, 212, 220), 700, 80, 140, 86, 6)
        if not c.hc:
            for i, r in enumerate((48, 32, 16)):
                c.circle(
                    _mix((210, 212, 220), (80, 140, 170), 0.3 + i * 0.3), 770, 150, r, edge=False
                )
            c.rect((210, 212, 220), 700, 150, 140, 16, edge=False)
    else:
        # sticky notes and a kanban board
        c.rect((238, 238, 234), 880, 80, 330, 200, 6)
        if not c.hc:
            for column in range(3):
                c.rect((210, 214, 220), 896 + column * 106, 96, 2, 170, edge=False)
        notes = ((246, 220, 120), (170, 214, 190), (240, 176, 170), (170, 200, 236))
        for i in range(8):
            column, row = i % 3, i // 3
            c.rect(
                notes[(i * 3) % 4], 906 + column * 106 + (row % 2) * 14, 100 + row * 58, 70, 46, 3
            )
    _plant(c, 720 if flavour != "software" else 780, 470, 0.8)


def _scene_dry_cleaning(c: _Canvas, sc: _Scene) -> None:
    wall = (200, 208, 214)
    _wall(c, wall, (150, 156, 164))
    if not c.hc:
        for i in range(12):
            c.rect(_light(wall, 0.08), 0, 40 + i * 44, _W, 4, edge=False)
    # garment rail across the back
    c.rect((140, 146, 156), 30, 90, 1220, 10, 4)
    for x in (40, 1230):
        c.rect((130, 136, 146), x - 5, 90, 10, 500)
    colours = (
        (170, 190, 214),
        (214, 184, 170),
        (200, 210, 190),
        (226, 224, 232),
        (190, 170, 200),
        (160, 176, 190),
        (226, 206, 170),
    )
    for i in range(14):
        x = 80 + i * 84
        if 470 < x < 800:
            continue
        _garment(c, x, 100, colours[i % len(colours)], i)
    # washer with a round door (the drum turns)
    c.rect((226, 228, 232), 1000, 380, 200, 210, 12)
    c.rect((200, 204, 210), 1000, 380, 200, 40, 12)
    c.circle((120, 200, 140), 1170, 400, 7)
    c.circle((150, 156, 166), 1100, 500, 70)
    c.circle((186, 206, 222), 1100, 500, 56)
    sc.anims.append(("drum", 1100.0, 500.0, 56.0))
    # counter with a ticket spike
    _counter(c, 470, (208, 200, 190), (164, 176, 186), -10, 380, 3)
    c.rect((236, 232, 220), 120, 440, 110, 30, 3)
    c.line((110, 110, 116), (300, 470), (300, 420), 3)
    c.rect((246, 240, 200), 288, 434, 24, 18, 2)


def _garment(c: _Canvas, x: float, rail: float, col: RGB, i: int) -> None:
    c.line((120, 124, 130), (x, rail - 6), (x, rail + 16), 3)
    c.poly((130, 134, 140), [(x - 34, rail + 34), (x, rail + 16), (x + 34, rail + 34)])
    long = i % 3 == 0
    bottom = rail + (262 if long else 190)
    c.poly(
        col,
        [
            (x - 36, rail + 30),
            (x + 36, rail + 30),
            (x + 42, rail + 90),
            (x + 34 + (12 if long else 0), bottom),
            (x - 34 - (12 if long else 0), bottom),
            (x - 42, rail + 90),
        ],
    )
    if not c.hc:
        c.poly(
            _light(col, 0.35),
            [(x - 10, rail + 30), (x + 10, rail + 30), (x, rail + 52)],
            edge=False,
        )
        c.rect(_light(col, 0.45), x - 30, rail + 34, 8, bottom - rail - 44, 3, edge=False)


def _scene_clinic(c: _Canvas, sc: _Scene, hospital: bool) -> None:
    wall = (200, 216, 210) if not hospital else (206, 214, 220)
    _wall(c, wall, (160, 170, 172))
    c.rect(_light(wall, 0.3), 0, 380, _W, 12)
    cross = (96, 168, 150) if not hospital else (196, 96, 96)
    # the cross sign
    c.circle((246, 246, 242), 220, 170, 80)
    c.rect(cross, 196, 112, 48, 116, 6)
    c.rect(cross, 162, 146, 116, 48, 6)
    if hospital:
        # corridor doors with windows and a handrail
        for x in (860, 1060):
            c.rect((170, 190, 200), x, 140, 150, 450, 4)
            c.rect((210, 230, 238), x + 40, 180, 70, 90, 4)
            c.rect((140, 150, 156), x + 120, 360, 12, 40, 3)
        c.rect((176, 160, 130), 0, 420, 840, 12, 5)
        # heart monitor on a stand
        c.rect((150, 156, 164), 424, 300, 10, 290)
        c.rect((140, 146, 156), 390, 580, 80, 10, 4)
        c.rect((70, 76, 86), 340, 160, 180, 140, 10)
        c.rect((24, 40, 44), 354, 174, 152, 104, 4)
        sc.anims.append(("ecg", 354.0, 174.0, 152.0, 104.0))
        _plant(c, 760, 590, 0.9)
    else:
        # reception hatch, posters, waiting chairs
        c.rect((236, 232, 222), 880, 120, 300, 200, 6)
        c.rect((196, 222, 232), 900, 140, 260, 140, 4)
        c.rect((170, 180, 176), 870, 310, 320, 16, 4)
        c.rect((240, 238, 230), 380, 120, 110, 150, 4)
        if not c.hc:
            c.circle((226, 120, 120), 420, 180, 16, edge=False)
            c.circle((226, 120, 120), 448, 180, 16, edge=False)
            c.poly((226, 120, 120), [(406, 188), (462, 188), (434, 222)], edge=False)
            for i in range(3):
                c.rect((200, 204, 206), 400, 236 + i * 10, 70, 4, edge=False)
        sc.anims.append(("clock", 1030.0, 70.0, 40.0))
        for i in range(6):
            x = 40 + i * 110
            c.rect((96, 160, 160), x, 480, 96, 44, 10)
            c.rect((86, 146, 146), x, 430, 96, 58, 12)
            c.rect((130, 140, 144), x + 44, 524, 8, 66)
        _plant(c, 1200, 590, 1.0)


def _scene_fast_food(c: _Canvas, sc: _Scene) -> None:
    wall = (216, 196, 170)
    _wall(c, wall, (150, 130, 116))
    if not c.hc:
        for i in range(0, 26):
            for j in range(0, 5):
                if (i + j) % 2 == 0:
                    c.rect(_dark(wall, 0.05), i * 50, 330 + j * 50, 50, 50, edge=False)
    # menu boards
    icons = ("burger", "fries", "drink")
    for i, icon in enumerate(icons):
        x = 80 + i * 390
        c.rect((60, 58, 64), x, 40, 340, 200, 8)
        _food_icon(c, icon, x + 80, 140)
        if not c.hc:
            for j in range(4):
                y = 82 + j * 36
                c.rect((232, 226, 210), x + 160, y, 100 - (j * 29 + i * 13) % 40, 10, 3, edge=False)
                c.rect((236, 190, 90), x + 280, y, 36, 10, 3, edge=False)
        sc.anims.append(("bulbs", float(x), 40.0, 340.0, float(i)))
    # counter
    _counter(c, 440, (200, 204, 208), (196, 110, 84), panels=5)
    c.rect((96, 100, 110), 980, 380, 140, 60, 6)
    c.rect((150, 200, 170), 996, 392, 70, 24, 3)
    for i, col in enumerate(((214, 96, 80), (236, 190, 90), (110, 160, 200))):
        x = 180 + i * 60
        c.poly(col, [(x - 18, 380), (x + 18, 380), (x + 14, 440), (x - 14, 440)])
        c.rect(_light(col, 0.5), x - 20, 372, 40, 10, 3)
        c.line((240, 240, 240), (x + 4, 372), (x + 10, 350), 4)
    c.rect((226, 120, 90), 320, 426, 150, 16, 4)


def _food_icon(c: _Canvas, icon: str, x: float, y: float) -> None:
    if icon == "burger":
        c.ellipse((224, 170, 96), x, y - 24, 50, 28)
        c.rect((120, 200, 110), x - 52, y - 8, 104, 10, 4)
        c.rect((130, 80, 60), x - 50, y + 2, 100, 18, 8)
        c.rect((224, 170, 96), x - 48, y + 20, 96, 18, 8)
    elif icon == "fries":
        for i in range(6):
            c.rect((240, 206, 100), x - 30 + i * 11, y - 46 + (i % 3) * 6, 9, 50, 2)
        c.poly(
            (214, 80, 70), [(x - 40, y - 6), (x + 40, y - 6), (x + 30, y + 44), (x - 30, y + 44)]
        )
    else:
        c.poly(
            (110, 160, 210),
            [(x - 30, y - 34), (x + 30, y - 34), (x + 22, y + 44), (x - 22, y + 44)],
        )
        c.rect((236, 236, 236), x - 34, y - 44, 68, 12, 4)
        c.line((236, 236, 236), (x + 8, y - 44), (x + 20, y - 70), 5)


def _scene_shop(c: _Canvas, sc: _Scene) -> None:
    wall = (204, 198, 188)
    _wall(c, wall, (150, 140, 128))
    shelf = (150, 120, 96)
    palette = (
        (200, 120, 100),
        (110, 150, 180),
        (220, 190, 110),
        (130, 170, 130),
        (180, 140, 180),
        (236, 226, 210),
    )
    for side_x in (40, 900):
        c.rect(_dark(shelf, 0.1), side_x, 60, 340, 530, 4)
        c.rect((226, 220, 208), side_x + 12, 72, 316, 506)
        for row in range(4):
            y = 180 + row * 122
            c.rect(shelf, side_x + 6, y, 328, 12, 2)
            for i in range(6):
                w = 36 + (i * 7 + row * 5) % 14
                h = 50 + (i * 13 + row * 17) % 40
                col = palette[(i + row * 2 + side_x) % len(palette)]
                c.rect(col, side_x + 22 + i * 50, y - h, w, h, 4)
    sc.anims.append(("clock", 640.0, 90.0, 44.0))
    # counter with a till, and an awning trim
    _counter(c, 470, (200, 190, 176), (170, 140, 112), 420, 440, 4)
    c.rect((80, 86, 96), 740, 420, 90, 50, 6)
    c.rect((160, 200, 170), 752, 430, 40, 18, 3)
    if not c.hc:
        for i in range(0, 33):
            c.rect((188, 110, 96) if i % 2 else (236, 228, 214), i * 40, 0, 40, 30, edge=False)


_SCENES: dict[str, Callable[[_Canvas, _Scene], None]] = {
    "hotel": _scene_hotel,
    "restaurant": _scene_restaurant,
    "airline": _scene_airline,
    "bank": _scene_bank,
    "ecommerce": lambda c, sc: _scene_support(c, sc, "ecommerce"),
    "telecom": lambda c, sc: _scene_support(c, sc, "telecom"),
    "software": lambda c, sc: _scene_support(c, sc, "software"),
    "dry cleaning": _scene_dry_cleaning,
    "clinic": lambda c, sc: _scene_clinic(c, sc, False),
    "hospital": lambda c, sc: _scene_clinic(c, sc, True),
    "fast food": _scene_fast_food,
    "shop": _scene_shop,
}


# --------------------------------------------------------------------------------- cache


_cache: OrderedDict[tuple[str, tuple[int, int], bool], tuple[pygame.Surface, _Scene]] = (
    OrderedDict()
)


def _build(scene: str, size: tuple[int, int], hc: bool) -> tuple[pygame.Surface, _Scene]:
    key = (scene, size, hc)
    hit = _cache.get(key)
    if hit is not None:
        _cache.move_to_end(key)
        return hit
    w, h = size
    # Supersample 2x; 1.5x above ~1 megapixel, which halves the one-off cost at 1920 x 1080.
    ss = _SS if w * h <= 1_000_000 else 1.5
    bw, bh = round(w * ss), round(h * ss)
    big = pygame.Surface((bw, bh))
    canvas = _Canvas(big, (0.0, 0.0), bw / _W, bh / _H, hc)
    info = _Scene()
    _SCENES[scene](canvas, info)
    image = pygame.transform.smoothscale(big, size)
    display = pygame.display.get_surface() if pygame.display.get_init() else None
    if display is not None and display.get_bitsize() >= 24:
        image = image.convert()  # the display's pixel format blits fastest
    _cache[key] = (image, info)
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return image, info


def draw_background(
    surface: pygame.Surface,
    rect: pygame.Rect,
    industry: str,
    *,
    high_contrast: bool = False,
    t: float = 0.0,
    reduced_motion: bool = False,
) -> None:
    """Fill ``rect`` with a calm backdrop for ``industry``.

    Args:
        surface: where to draw; nothing outside ``rect`` is touched.
        rect: the area to fill.
        industry: free text ("hotel", "E-commerce", "fast food"...), matched with synonyms;
            anything unrecognised draws a neutral shop.
        high_contrast: near-black with simple light outlines.
        t: seconds, for one subtle moving detail per scene.
        reduced_motion: draw the same still image whatever ``t``.
    """
    rect = pygame.Rect(rect)
    if rect.w <= 0 or rect.h <= 0:
        return
    scene = scene_for(industry)
    image, info = _build(scene, rect.size, high_contrast)
    if reduced_motion:
        t = 0.0
    old_clip = surface.get_clip()
    surface.set_clip(rect.clip(old_clip))
    try:
        surface.blit(image, rect.topleft)
        canvas = _Canvas(
            surface,
            (float(rect.x), float(rect.y)),
            rect.w / _W,
            rect.h / _H,
            high_contrast,
            aa=True,
        )
        for anim in info.anims:
            _ANIMS[anim[0]](canvas, t, *anim[1:])
    finally:
        surface.set_clip(old_clip)


# --------------------------------------------------------------------------------- motion


def _anim_fan(c: _Canvas, t: float, x: float, y: float, length: float) -> None:
    """A ceiling fan seen from slightly below: blades turn in a flattened plane."""
    col = (120, 96, 80)
    c.line((110, 100, 96), (x, 0), (x, y - 8), 4)
    angle = t * 1.6
    blades = []
    for i in range(4):
        a = angle + math.tau * i / 4
        ca, sa = math.cos(a), math.sin(a)
        quad = []
        for r, w in ((18.0, 8.0), (length, 20.0), (length, -20.0), (18.0, -8.0)):
            bx, bz = ca * r - sa * w, sa * r + ca * w  # blade corner in the fan plane
            quad.append((x + bx, y + bz * 0.18))
        blades.append((sa, quad))
    for depth, quad in sorted(blades, key=lambda b: b[0]):
        c.poly(_mix(col, (84, 66, 56), 0.5 - depth * 0.5), quad)
    c.ellipse((150, 126, 100), x, y, 26, 12)
    c.ellipse((240, 220, 170), x, y + 14, 14, 8)


def _anim_clock(c: _Canvas, t: float, x: float, y: float, r: float) -> None:
    _clock(c, x, y, r)
    a = math.tau * (math.floor(t) % 60) / 60 - math.pi / 2
    c.line((196, 80, 70), (x, y), (x + math.cos(a) * r * 0.82, y + math.sin(a) * r * 0.82), 2)
    c.circle((196, 80, 70), x, y, 4, edge=False)


def _window_view(c: _Canvas, x: float, y: float, w: float, h: float) -> None:
    """The still view through a window: sky, and a street or an apron at the bottom."""
    c.rect((184, 210, 226), x, y, w, h, edge=False)
    if c.hc:
        return
    if h < 300 or w < 600:
        for i in range(int(w / 60)):
            c.rect(
                (196, 186, 170),
                x + i * 60 + 6,
                y + h * 0.62 + (i * 23) % 30,
                44,
                h * 0.4,
                2,
                edge=False,
            )
        c.rect((150, 176, 150), x, y + h * 0.8, w, h * 0.2, edge=False)
    else:
        c.rect((150, 156, 162), x, y + h * 0.78, w, h * 0.22, edge=False)
        c.rect((230, 230, 220), x, y + h * 0.87, w, 4, edge=False)


@functools.lru_cache(maxsize=32)
def _cloud(r: int, hc: bool) -> pygame.Surface:
    """A small flat cloud sprite (premultiplied alpha), ``r`` px being its unit radius."""
    big = pygame.Surface((r * 8 * _SS, r * 5 * _SS), pygame.SRCALPHA)
    big.fill((0, 0, 0, 0))
    k = r * _SS / 22.0
    for dx, dy, rr in ((44, 60, 22), (68, 52, 26), (94, 60, 20), (68, 68, 20)):
        pygame.draw.circle(big, (244, 246, 248, 255), (dx * k, dy * k), rr * k)
        if hc:
            pygame.draw.circle(big, (*_HC_LINE, 255), (dx * k, dy * k), rr * k, max(1, _SS * 2))
    if hc:
        for dx, dy, rr in ((44, 60, 22), (68, 52, 26), (94, 60, 20), (68, 68, 20)):
            pygame.draw.circle(big, (*_HC_FILL, 255), (dx * k, dy * k), rr * k - _SS * 2)
    return pygame.transform.smoothscale(big.premul_alpha(), (r * 8, r * 5))


def _anim_sky(
    c: _Canvas,
    t: float,
    x: float,
    y: float,
    w: float,
    h: float,
    panes: int,
    frame: RGB,
    plane: bool = False,
) -> None:
    """Clouds drifting past a window (over the still view), an optional plane, mullions."""
    surf = c.surf
    x0, y0 = c.p(x, y)
    x1, y1 = c.p(x + w, y + h * 0.6)
    old = surf.get_clip()
    surf.set_clip(pygame.Rect(round(x0), round(y0), round(x1 - x0), round(y1 - y0)).clip(old))
    sprite = _cloud(max(2, round(22 * c.m)), c.hc)
    span = w + 260
    for i in range(max(2, int(w / 160))):
        cx = x - 130 + ((i * 211.0 + t * (8 + (i % 3) * 3)) % span)
        cy = y + 30 + ((i * 67) % max(1, int(h * 0.4)))
        px, py = c.p(cx, cy)
        surf.blit(
            sprite,
            (round(px - sprite.get_width() * 0.3), round(py - sprite.get_height() * 0.5)),
            special_flags=pygame.BLEND_PREMULTIPLIED,
        )
    if plane:
        x1, y1 = c.p(x + w, y + h)
        surf.set_clip(pygame.Rect(round(x0), round(y0), round(x1 - x0), round(y1 - y0)).clip(old))
        _plane(c, t, x, y, w, h)
    surf.set_clip(old)
    _window_bars(c, x, y, w, h, frame, panes)


def _plane(c: _Canvas, t: float, x: float, y: float, w: float, h: float) -> None:
    """An airliner taxiing slowly past the window (caller clips to the glass)."""
    span = w + 600
    px = x - 300 + (t * 14.0) % span
    py = y + h * 0.7
    body = (236, 238, 242)
    tail = (80, 120, 170)
    c.poly(tail, [(px - 150, py - 6), (px - 120, py - 6), (px - 160, py - 70), (px - 184, py - 70)])
    c.ellipse(body, px, py, 170, 22)
    c.poly(
        _mix(body, tail, 0.3),
        [(px - 20, py + 4), (px + 40, py + 4), (px - 60, py + 40), (px - 96, py + 40)],
    )
    if not c.hc:
        for i in range(10):
            c.circle((110, 130, 150), px - 90 + i * 20, py - 6, 4, edge=False)
        c.ellipse((110, 130, 150), px + 150, py - 6, 14, 8, edge=False)


def _anim_screen(
    c: _Canvas, t: float, x: float, y: float, w: float, h: float, flavour: str
) -> None:
    line = (150, 154, 160) if c.hc else (80, 110, 140)
    accent = {
        "ecommerce": (214, 140, 90),
        "telecom": (90, 160, 140),
        "software": (160, 110, 190),
    }.get(flavour, (80, 110, 140))
    scroll = int(t * 1.5)
    for i in range(6):
        k = i + scroll
        width = 40 + (k * 37) % 110
        col = accent if k % 4 == 0 and not c.hc else line
        c.rect(
            col,
            x + 14 + (k % 3) * 10 * (flavour == "software"),
            y + 12 + i * 17,
            width,
            7,
            3,
            edge=False,
        )
    if int(t * 2) % 2 == 0:
        c.rect(line, x + w - 30, y + h - 22, 12, 12, edge=False)


def _anim_ecg(c: _Canvas, t: float, x: float, y: float, w: float, h: float) -> None:
    col = (150, 154, 160) if c.hc else (110, 220, 150)
    mid = y + h * 0.55
    pts: list[Point] = []
    for i in range(41):
        u = i / 40
        phase = (u * 2.0 - t * 0.8) % 1.0
        v = 0.0
        if 0.40 < phase < 0.44:
            v = -0.7 * math.sin((phase - 0.40) / 0.04 * math.pi)
        elif 0.46 < phase < 0.50:
            v = 0.25 * math.sin((phase - 0.46) / 0.04 * math.pi)
        elif 0.60 < phase < 0.70:
            v = -0.15 * math.sin((phase - 0.60) / 0.1 * math.pi)
        pts.append((x + 8 + u * (w - 16), mid + v * h * 0.5))
    c.lines(col, pts, 3)


def _anim_drum(c: _Canvas, t: float, x: float, y: float, r: float) -> None:
    a0 = t * 1.2
    cols = ((214, 150, 140), (150, 180, 214), (236, 226, 200))
    for i, col in enumerate(cols):
        a = a0 + math.tau * i / 3
        c.circle(
            col if not c.hc else _HC_FILL,
            x + math.cos(a) * r * 0.45,
            y + math.sin(a) * r * 0.45,
            r * 0.32,
            edge=c.hc,
        )
    if not c.hc:
        c.ellipse((236, 244, 250), x - r * 0.4, y - r * 0.45, r * 0.22, r * 0.12, edge=False)


def _anim_bulbs(c: _Canvas, t: float, x: float, y: float, w: float, index: float) -> None:
    n = 9
    lit = int(t * 3 + index * 3) % n
    for i in range(n):
        bx = x + 20 + i * (w - 40) / (n - 1)
        on = i == lit or i == (lit + n // 2) % n
        if c.hc:
            c.circle(_HC_LINE if on else _HC_FILL, bx, y + 14, 5)
        else:
            c.circle((250, 226, 150) if on else (150, 140, 120), bx, y + 14, 5, edge=False)


_ANIMS: dict[str, Callable[..., None]] = {
    "fan": _anim_fan,
    "clock": _anim_clock,
    "sky": _anim_sky,
    "screen": _anim_screen,
    "ecg": _anim_ecg,
    "drum": _anim_drum,
    "bulbs": _anim_bulbs,
}
