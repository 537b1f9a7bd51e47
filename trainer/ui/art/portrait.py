"""Customer portraits drawn with pygame primitives: a friendly, flat head-and-shoulders figure.

A :class:`Look` (skin, hair, clothes...) is derived deterministically from the customer's name
and archetype by :func:`look_for`. :func:`draw_portrait` draws that look with one of five moods
and a few optional body-language cues into a rectangle.

Drawing is split into a static part and an animated part. The static part (layers: hair behind
the body, body, head, and a thin band of the head with the eyes closed) is drawn once at twice
the target resolution, smoothed down, premultiplied and kept in a small bounded cache keyed by
(look, mood, recognised cues, size, contrast). Each frame then only blits those layers (the head
and body bob a pixel or two as the customer breathes; the eye band is laid over the head for a
blink now and then) and draws a few small animated marks (steam puffs, falling tears). At t = 0
the frame equals the reduced-motion still.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import pygame

RGB = tuple[int, int, int]
Point = tuple[float, float]
_T = TypeVar("_T")

MOODS = ("pleased", "calm", "tense", "angry", "furious")
ARCHETYPES = (
    "reasonable",
    "impatient",
    "silent",
    "never-satisfied",
    "abusive",
    "opportunist",
    "anxious",
)

# Design space: every shape is placed in a 500 x 600 box, then scaled to the target rectangle.
_W, _H = 500, 600
_CX, _CY = 250.0, 238.0  # head centre
_HH = 112.0  # head half-height
_PIVOT_Y = 330.0  # zooms (leaning in, the larger head) scale about (_CX, _PIVOT_Y), the chin
_HEAD_ZOOM = 1.16  # the head (and hair) is drawn larger, about the chin, than the body
_SS = 2  # supersampling factor for the cached layers
_CACHE_SIZE = 32

# Layer regions in design space (x, y, w, h): generous enough for zoom and long hair.
_REGION_BACK = (30, 40, 440, 580)
_REGION_BODY = (0, 300, 500, 320)
_REGION_HEAD = (40, 0, 420, 470)


# --------------------------------------------------------------------------------- palettes

_SKINS: tuple[RGB, ...] = (
    (255, 226, 200),
    (249, 212, 182),
    (238, 192, 154),
    (222, 170, 128),
    (198, 140, 100),
    (168, 112, 76),
    (134, 86, 58),
    (102, 66, 46),
)
_HAIR_DARK: tuple[RGB, ...] = ((38, 32, 34), (62, 44, 36), (84, 56, 40))
_HAIR_LIGHT: tuple[RGB, ...] = (
    (120, 78, 50),
    (150, 88, 52),
    (164, 76, 44),
    (214, 176, 112),
    (232, 204, 146),
    (190, 104, 56),
)
_HAIR_OLD: tuple[RGB, ...] = ((168, 166, 168), (212, 210, 206), (128, 124, 126), (190, 186, 180))
_EYES: tuple[RGB, ...] = ((46, 36, 34), (58, 44, 36), (40, 52, 66), (54, 62, 46))

_STYLES_F = ("long", "bob", "bun", "ponytail", "curly", "pixie", "wavy")
_STYLES_M = ("short", "crop", "side-part", "quiff", "curly-short", "buzz", "short")
_STYLES_OLD_M = ("bald", "receding", "side-part", "short", "buzz")

# archetype -> (outfits, clothes palette, trims, accessories, posture, ages)
_ARCH: dict[
    str,
    tuple[
        tuple[str, ...],
        tuple[RGB, ...],
        tuple[RGB, ...],
        tuple[str | None, ...],
        str,
        tuple[str, ...],
    ],
] = {
    "reasonable": (
        ("cardigan", "sweater", "shirt", "polo"),
        ((74, 140, 132), (126, 150, 104), (206, 160, 72), (96, 130, 176), (176, 110, 96)),
        ((242, 238, 228), (236, 226, 200), (214, 226, 236)),
        (None, None, "glasses", "earrings", "necklace"),
        "upright",
        ("young", "adult", "adult", "older"),
    ),
    "impatient": (
        ("suit", "suit", "blazer", "shirt"),
        ((44, 58, 86), (62, 66, 74), (70, 86, 112), (52, 52, 58)),
        ((176, 52, 60), (40, 110, 120), (120, 40, 64), (200, 150, 50)),
        (None, "glasses", None, "lanyard"),
        "upright",
        ("adult", "adult", "older", "young"),
    ),
    "silent": (
        ("hoodie", "sweater", "tee", "hoodie"),
        ((112, 118, 124), (110, 116, 84), (86, 104, 128), (126, 100, 80)),
        ((228, 228, 224), (200, 204, 196)),
        (None, "beanie", None, "glasses"),
        "slouched",
        ("young", "young", "adult", "adult"),
    ),
    "never-satisfied": (
        ("blazer", "blazer", "cardigan", "suit"),
        ((128, 48, 70), (96, 64, 112), (184, 150, 104), (40, 70, 90)),
        ((246, 240, 226), (230, 220, 200), (220, 200, 210)),
        ("necklace", "scarf", "glasses", "earrings"),
        "upright",
        ("older", "older", "adult", "adult"),
    ),
    "abusive": (
        ("jacket", "polo", "tee", "jacket"),
        ((50, 50, 56), (168, 52, 48), (84, 90, 60), (40, 60, 100)),
        ((230, 230, 230), (210, 200, 180)),
        (None, "cap", None, "chain"),
        "forward",
        ("adult", "adult", "young", "older"),
    ),
    "opportunist": (
        ("shirt-open", "blazer", "shirt-open", "polo"),
        ((232, 112, 92), (46, 160, 160), (128, 88, 168), (222, 172, 60)),
        ((250, 246, 236), (60, 60, 70)),
        ("sunglasses", "chain", None, "sunglasses"),
        "relaxed",
        ("young", "adult", "adult"),
    ),
    "anxious": (
        ("fleece", "cardigan", "tee", "hoodie"),
        ((150, 134, 190), (214, 150, 160), (126, 170, 206), (150, 190, 160)),
        ((246, 242, 232), (236, 228, 214)),
        ("bag-strap", None, "scarf", "bag-strap"),
        "hunched",
        ("young", "adult", "adult"),
    ),
}


# --------------------------------------------------------------------------------- look


@dataclass(frozen=True)
class Look:
    """How one customer looks; derived deterministically by :func:`look_for`.

    Attributes:
        skin: skin colour.
        hair: hair colour (also used, darker, for eyebrows and facial hair).
        hair_style: one of long, bob, bun, ponytail, curly, pixie, wavy, short, crop,
            side-part, quiff, curly-short, buzz, bald, receding.
        clothes: main garment colour.
        accessory: glasses, sunglasses, earrings, necklace, chain, scarf, cap, beanie,
            lanyard, bag-strap, or None.
        face_width: relative face width, about 0.88 to 1.08.
        age: "young", "adult" or "older".
        outfit: garment cut: suit, blazer, shirt, shirt-open, polo, cardigan, sweater, tee,
            hoodie, fleece, jacket.
        trim: secondary colour (shirt under a jacket, tie, collar band).
        eyes: iris colour.
        facial_hair: beard, moustache, stubble, goatee, or None.
        posture: upright, slouched, forward, relaxed or hunched.
    """

    skin: RGB
    hair: RGB
    hair_style: str
    clothes: RGB
    accessory: str | None
    face_width: float
    age: str
    outfit: str = "tee"
    trim: RGB = (240, 238, 230)
    eyes: RGB = (46, 36, 34)
    facial_hair: str | None = None
    posture: str = "upright"


class _Dice:
    """A deterministic stream of choices from a SHA-256 of the seed text."""

    def __init__(self, *parts: str) -> None:
        self._seed = "\x1f".join(parts).encode("utf-8")
        self._buf = b""
        self._n = 0

    def _u16(self) -> int:
        if len(self._buf) < 2:
            self._buf += hashlib.sha256(self._seed + self._n.to_bytes(4, "big")).digest()
            self._n += 1
        value = int.from_bytes(self._buf[:2], "big")
        self._buf = self._buf[2:]
        return value

    def random(self) -> float:
        return self._u16() / 65536.0

    def choice(self, seq: Sequence[_T]) -> _T:
        return seq[self._u16() % len(seq)]


def _norm_archetype(archetype: str) -> str:
    key = archetype.strip().lower().replace("_", "-").replace(" ", "-")
    return key if key in _ARCH else "reasonable"


def _presentation(name: str) -> str:
    """'f', 'm' or 'n' from an honorific at the start of the name, if any."""
    words = name.strip().lower().replace(".", " ").split()
    first = words[0] if words else ""
    if first in ("mr", "sir", "mister", "lord", "monsieur", "herr", "senor", "señor"):
        return "m"
    if first in ("ms", "mrs", "miss", "madam", "madame", "lady", "mme", "frau", "senora", "señora"):
        return "f"
    return "n"


def look_for(archetype: str, name: str) -> Look:
    """The look of a customer: the same for the same (archetype, name), varied across names.

    Body, face and hair come from a SHA-256 of the name (an honorific such as "Mr." or "Ms."
    steers the hair style and facial hair); clothing, accessory, posture and age lean on the
    archetype: a suit for the impatient business traveller, a parent's fleece or cardigan for
    the anxious, a hoodie for the silent, a smart blazer for the never-satisfied...

    Args:
        archetype: reasonable, impatient, silent, never-satisfied, abusive, opportunist or
            anxious (anything else is treated as reasonable).
        name: the customer's display name, e.g. "Ms. Okafor".
    """
    arch = _norm_archetype(archetype)
    outfits, clothes, trims, accessories, posture, ages = _ARCH[arch]
    body = _Dice("body", name.strip().lower())
    dress = _Dice("dress", arch, name.strip().lower())
    who = _presentation(name)
    if who == "n":
        who = body.choice(("f", "m"))

    skin_index = int(body.random() * len(_SKINS))
    skin = _SKINS[skin_index]
    age = dress.choice(ages)
    if age == "older" and body.random() < 0.8:
        hair = body.choice(_HAIR_OLD)
    elif skin_index >= 4 or body.random() < 0.45:
        hair = body.choice(_HAIR_DARK)
    else:
        hair = body.choice(_HAIR_LIGHT)
    if who == "f":
        style = body.choice(_STYLES_F)
    elif age == "older":
        style = body.choice(_STYLES_OLD_M)
    else:
        style = body.choice(_STYLES_M)
    facial_hair = None
    if who == "m" and (age != "young" or body.random() < 0.3):
        facial_hair = body.choice((None, None, "beard", "moustache", "stubble", "goatee"))
    accessory = dress.choice(accessories)
    if accessory == "earrings" and who == "m":
        accessory = "glasses"
    if accessory == "glasses" and age == "older" and body.random() < 0.2:
        accessory = None
    if accessory is None and age == "older" and body.random() < 0.5:
        accessory = "glasses"
    face_width = round(0.88 + 0.2 * body.random(), 3)
    return Look(
        skin=skin,
        hair=hair,
        hair_style=style,
        clothes=dress.choice(clothes),
        accessory=accessory,
        face_width=face_width,
        age=age,
        outfit=dress.choice(outfits),
        trim=dress.choice(trims),
        eyes=body.choice(_EYES),
        facial_hair=facial_hair,
        posture=posture,
    )


# --------------------------------------------------------------------------------- colour


def _mix(a: RGB, b: RGB, f: float) -> RGB:
    f = max(0.0, min(1.0, f))
    return (
        round(a[0] + (b[0] - a[0]) * f),
        round(a[1] + (b[1] - a[1]) * f),
        round(a[2] + (b[2] - a[2]) * f),
    )


def _dark(c: RGB, f: float) -> RGB:
    return _mix(c, (20, 16, 24), f)


def _light(c: RGB, f: float) -> RGB:
    return _mix(c, (255, 255, 255), f)


def _vivid(c: RGB) -> RGB:
    """A flat, saturated version of a colour for high-contrast mode."""
    col = pygame.Color(*c)
    h, s, v, _ = col.hsva
    col.hsva = (h, max(s, 70.0), max(v, 80.0), 100.0)
    return (col.r, col.g, col.b)


# --------------------------------------------------------------------------------- geometry


def _bez(p0: Point, p1: Point, p2: Point, n: int = 14) -> list[Point]:
    """Points along a quadratic Bezier curve."""
    out = []
    for i in range(n + 1):
        u = i / n
        a, b, c = (1 - u) ** 2, 2 * u * (1 - u), u * u
        out.append((a * p0[0] + b * p1[0] + c * p2[0], a * p0[1] + b * p1[1] + c * p2[1]))
    return out


def _bez3(p0: Point, p1: Point, p2: Point, p3: Point, n: int = 18) -> list[Point]:
    """Points along a cubic Bezier curve."""
    out = []
    for i in range(n + 1):
        u = i / n
        a, b, c, d = (1 - u) ** 3, 3 * u * (1 - u) ** 2, 3 * u * u * (1 - u), u**3
        out.append(
            (
                a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
            )
        )
    return out


def _arc(
    cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, n: int = 24
) -> list[Point]:
    """Points on an ellipse from angle a0 to a1 (degrees; 0 = right, 90 = down)."""
    return [
        (
            cx + rx * math.cos(math.radians(a0 + (a1 - a0) * i / n)),
            cy + ry * math.sin(math.radians(a0 + (a1 - a0) * i / n)),
        )
        for i in range(n + 1)
    ]


class _Pen:
    """Draws design-space shapes onto a supersampled layer surface."""

    def __init__(
        self, surf: pygame.Surface, k: float, origin: tuple[float, float], zoom: float, hc: bool
    ) -> None:
        self.surf = surf
        self.k = k
        self.ox, self.oy = origin
        self.zoom = zoom
        self.hc = hc
        self.line = (12, 10, 16)
        self.outline = 3.2 if hc else 0.0

    def p(self, x: float, y: float) -> Point:
        z = self.zoom
        x = _CX + (x - _CX) * z
        y = _PIVOT_Y + (y - _PIVOT_Y) * z
        return ((x - self.ox) * self.k, (y - self.oy) * self.k)

    def d(self, v: float) -> float:
        return v * self.k * self.zoom

    def poly(self, col: RGB, pts: Sequence[Point], edge: bool = True) -> None:
        if len(pts) < 3:
            return
        mapped = [self.p(x, y) for x, y in pts]
        pygame.draw.polygon(self.surf, col, mapped)
        if edge and self.outline:
            w = max(1, round(self.d(self.outline)))
            pygame.draw.polygon(self.surf, self.line, mapped, w)
            for q in mapped:
                pygame.draw.circle(self.surf, self.line, q, w / 2)

    def ellipse(
        self, col: RGB, cx: float, cy: float, rx: float, ry: float, edge: bool = True
    ) -> None:
        x, y = self.p(cx - rx, cy - ry)
        r = pygame.Rect(
            round(x), round(y), max(1, round(self.d(2 * rx))), max(1, round(self.d(2 * ry)))
        )
        pygame.draw.ellipse(self.surf, col, r)
        if edge and self.outline:
            pygame.draw.ellipse(self.surf, self.line, r, max(1, round(self.d(self.outline))))

    def circle(self, col: RGB, cx: float, cy: float, r: float, edge: bool = True) -> None:
        self.ellipse(col, cx, cy, r, r, edge)

    def stroke(self, col: RGB, pts: Sequence[Point], width: float) -> None:
        """A round-capped thick polyline, built as one polygon so joints stay smooth."""
        if len(pts) < 2:
            return
        mapped = [self.p(x, y) for x, y in pts]
        half = max(0.5, self.d(width) / 2)
        left: list[Point] = []
        right: list[Point] = []
        for i, (x, y) in enumerate(mapped):
            ax, ay = mapped[max(0, i - 1)]
            bx, by = mapped[min(len(mapped) - 1, i + 1)]
            dx, dy = bx - ax, by - ay
            length = math.hypot(dx, dy) or 1.0
            nx, ny = -dy / length * half, dx / length * half
            left.append((x + nx, y + ny))
            right.append((x - nx, y - ny))
        pygame.draw.polygon(self.surf, col, left + right[::-1])
        pygame.draw.circle(self.surf, col, mapped[0], half)
        pygame.draw.circle(self.surf, col, mapped[-1], half)


# --------------------------------------------------------------------------------- cues


def _flags(cues: Iterable[str]) -> frozenset[str]:
    """Recognised body-language flags from author-written cue ids (substring match)."""
    out: set[str] = set()
    for cue in cues:
        c = str(cue).lower()
        if "watch" in c:
            out.add("watch")
        if "phone" in c:
            out.add("phone")
        if "finger" in c or "jab" in c or "point" in c:
            out.add("finger")
        if "arms" in c or "folded" in c or "crossed" in c:
            out.add("arms")
        if "red" in c and "bored" not in c:
            out.add("red")
        if "tear" in c or "cry" in c or "wipes-eyes" in c:
            out.add("tears")
        if "shiver" in c or "shaking" in c or "trembl" in c:
            out.add("shiver")
        if "lean" in c:
            out.add("lean")
        if "down" in c:
            out.add("down")
        if "raised-voice" in c or "shout" in c or "yell" in c:
            out.add("shout")
    return frozenset(out)


# --------------------------------------------------------------------------------- pose


@dataclass(frozen=True)
class _Pose:
    lift: float  # shoulder lift in design px (negative = raised)
    spread: float  # shoulder half-width
    arms: str  # none, folded, fists, watch, phone, point
    zoom: float
    head_dy: float
    flush: float
    look_down: bool


def _pose(look: Look, mood: str, flags: frozenset[str]) -> _Pose:
    lift = {"pleased": 6, "calm": 0, "tense": -10, "angry": -12, "furious": -16}[mood]
    lift += {"hunched": -8, "slouched": 6, "relaxed": 4}.get(look.posture, 0)
    spread = 212 + {"forward": 14, "hunched": -10, "slouched": -4}.get(look.posture, 0)
    if look.outfit in ("suit", "blazer", "jacket"):
        spread += 6
    arms = {
        "pleased": "none",
        "calm": "none",
        "tense": "folded",
        "angry": "folded",
        "furious": "fists",
    }[mood]
    for flag, pose in (
        ("arms", "folded"),
        ("finger", "point"),
        ("watch", "watch"),
        ("phone", "phone"),
    ):
        if flag in flags:
            arms = pose
    zoom = 1.0 + (0.07 if "lean" in flags else 0.0) + (0.03 if mood == "furious" else 0.0)
    zoom += 0.02 if look.posture == "forward" else 0.0
    flush = {"pleased": 0.0, "calm": 0.0, "tense": 0.05, "angry": 0.17, "furious": 0.34}[mood]
    if "red" in flags:
        flush = min(0.48, flush + 0.2)
    head_dy = 8.0 if "down" in flags else 0.0
    head_dy += {"slouched": 4, "forward": 4, "hunched": 6}.get(look.posture, 0)
    return _Pose(lift, spread, arms, zoom, head_dy, flush, "down" in flags)


_RED: RGB = (214, 52, 46)


def _face_colour(look: Look, pose: _Pose) -> RGB:
    return _mix(look.skin, _RED, pose.flush)


def _hair_colour(look: Look, hc: bool) -> RGB:
    return _mix(look.hair, (255, 255, 255), 0.08) if hc else look.hair


def _clothes(look: Look, hc: bool) -> tuple[RGB, RGB]:
    if hc:
        return _vivid(look.clothes), _vivid(look.trim)
    return look.clothes, look.trim


# --------------------------------------------------------------------------------- hair


def _hw(look: Look) -> float:
    return 90.0 * look.face_width


def _hair_back(pen: _Pen, look: Look, hc: bool) -> None:
    """Hair that falls behind the neck and shoulders (long styles only)."""
    col = _dark(_hair_colour(look, hc), 0.12)
    hw = _hw(look)
    cx, cy = _CX, _CY
    style = look.hair_style
    if style in ("long", "wavy"):
        bottom = cy + (196 if style == "long" else 150)
        pts = (
            _arc(cx, cy - 10, hw + 24, _HH + 18, 180, 360, 20)
            + [(cx + hw + 34, bottom - 30)]
            + _bez((cx + hw + 34, bottom - 30), (cx + hw + 30, bottom + 6), (cx, bottom), 8)
            + _bez((cx, bottom), (cx - hw - 30, bottom + 6), (cx - hw - 34, bottom - 30), 8)
        )
        pen.poly(col, pts)
    elif style == "curly":
        for i in range(15):
            a = math.radians(150 + i * 240 / 14)
            pen.circle(col, cx + (hw + 26) * math.cos(a), cy + 20 + (_HH + 24) * math.sin(a), 36)
        pen.ellipse(col, cx, cy + 30, hw + 40, _HH + 40)
    elif style == "ponytail":
        pts = _bez3(
            (cx + hw * 0.6, cy - 60),
            (cx + hw + 70, cy - 40),
            (cx + hw + 40, cy + 120),
            (cx + hw + 10, cy + 170),
            14,
        )
        pts += _bez3(
            (cx + hw + 10, cy + 170),
            (cx + hw - 10, cy + 110),
            (cx + hw + 20, cy),
            (cx + hw * 0.4, cy - 30),
            14,
        )
        pen.poly(col, pts)


def _hair_behind_head(pen: _Pen, look: Look, hc: bool) -> None:
    """Hair drawn before the face in the head layer (volume around the head)."""
    col = _hair_colour(look, hc)
    back = _dark(col, 0.12)
    hw = _hw(look)
    cx, cy = _CX, _CY
    style = look.hair_style
    if style in ("long", "wavy"):
        pen.poly(
            back,
            _arc(cx, cy - 8, hw + 22, _HH + 16, 180, 360, 20)
            + [(cx + hw + 26, cy + 60), (cx - hw - 26, cy + 60)],
        )
    elif style == "bob":
        pts = _arc(cx, cy - 6, hw + 24, _HH + 16, 180, 360, 22)
        pts += _bez((cx + hw + 24, cy - 6), (cx + hw + 30, cy + 70), (cx + hw - 4, cy + 84), 8)
        pts += [(cx - hw + 4, cy + 84)]
        pts += _bez((cx - hw + 4, cy + 84), (cx - hw - 30, cy + 70), (cx - hw - 24, cy - 6), 8)
        pen.poly(back, pts)
    elif style == "bun":
        pen.circle(back, cx, cy - _HH - 16, 40)
        pen.circle(_light(back, 0.1), cx - 10, cy - _HH - 24, 14, edge=False)
    elif style == "curly":
        for i in range(13):
            a = math.radians(180 + i * 180 / 12)
            pen.circle(back, cx + (hw + 16) * math.cos(a), cy - 4 + (_HH + 16) * math.sin(a), 34)
        for side in (-1, 1):
            for j in range(3):
                pen.circle(back, cx + side * (hw + 18), cy + 20 + j * 34, 30)
    elif style == "curly-short":
        for i in range(11):
            a = math.radians(190 + i * 160 / 10)
            pen.circle(col, cx + (hw + 4) * math.cos(a), cy - 8 + (_HH + 4) * math.sin(a), 22)


def _hair_front(pen: _Pen, look: Look, hc: bool) -> None:
    """The hair cap and fringe, drawn over the head."""
    col = _hair_colour(look, hc)
    shine = _light(col, 0.16)
    hw = _hw(look)
    cx, cy = _CX, _CY
    style = look.hair_style
    top = cy - _HH

    def cap(
        inner: list[Point],
        a0: float = 186,
        a1: float = 354,
        grow: float = 10,
        colour: RGB = col,
        lift: float = 0.0,
    ) -> None:
        outer = _arc(cx, cy - 4 - lift, hw + grow, _HH + grow + lift, a0, a1, 26)
        pen.poly(colour, outer + inner)

    if style in ("short", "crop", "side-part", "quiff", "receding", "buzz", "curly-short"):
        dip = {
            "short": 70,
            "crop": 62,
            "side-part": 74,
            "quiff": 74,
            "receding": 92,
            "buzz": 76,
            "curly-short": 70,
        }[style]
        temple = {"receding": 78}.get(style, 58)
        grow = 4 if style == "buzz" else 10
        colour = _mix(col, look.skin, 0.35) if style == "buzz" else col
        right = (cx + hw * 0.96, cy + 12)
        left = (cx - hw * 0.96, cy + 12)
        if style == "side-part":
            inner = (
                _bez(right, (cx + hw * 0.9, cy - 60), (cx + hw * 0.5, cy - dip), 8)
                + _bez3(
                    (cx + hw * 0.5, cy - dip),
                    (cx, cy - dip - 6),
                    (cx - hw * 0.5, cy - 60),
                    (cx - hw * 0.9, cy - 34),
                    12,
                )
                + [left]
            )
        else:
            inner = (
                _bez(right, (cx + hw * 0.92, cy - temple), (cx + hw * 0.6, cy - temple), 8)
                + _bez(
                    (cx + hw * 0.6, cy - temple),
                    (cx, cy - dip - 12),
                    (cx - hw * 0.6, cy - temple),
                    12,
                )
                + _bez((cx - hw * 0.6, cy - temple), (cx - hw * 0.92, cy - temple), left, 8)
            )
        cap(inner, 176, 364, grow, colour, lift=14 if style == "quiff" else 0)
        if style == "side-part":
            pen.stroke(
                _dark(col, 0.3),
                _bez(
                    (cx - hw * 0.38, top + 6),
                    (cx - hw * 0.36, top + 20),
                    (cx - hw * 0.3, top + 34),
                    6,
                ),
                3,
            )
        if style == "curly-short":
            for i in range(9):
                a = math.radians(200 + i * 140 / 8)
                pen.circle(
                    col,
                    cx + (hw + 2) * math.cos(a),
                    cy - 8 + (_HH + 2) * math.sin(a),
                    18,
                    edge=False,
                )
        if style not in ("buzz", "curly-short"):
            pen.stroke(shine, _arc(cx, cy - 4, hw * 0.72, _HH * 0.9, 222, 258, 8), 7)
    elif style == "bald":
        for side in (-1, 1):
            pts = [
                (cx + side * hw * 1.02, cy + 14),
                (cx + side * hw * 1.04, cy - 34),
                (cx + side * hw * 0.86, cy - 52),
                (cx + side * hw * 0.84, cy - 30),
                (cx + side * hw * 0.9, cy + 12),
            ]
            pen.poly(col, pts)
        pen.ellipse(_light(look.skin, 0.25), cx - hw * 0.3, top + 26, 24, 11, edge=False)
    elif style in ("long", "wavy", "bob"):
        part = (cx - hw * 0.22, top + 10)
        fringe_y = cy - 44
        if style == "bob":
            inner = (
                _bez(
                    (cx + hw * 1.0, cy + 10), (cx + hw * 0.9, cy - 40), (cx + hw * 0.5, fringe_y), 8
                )
                + _bez((cx + hw * 0.5, fringe_y), (cx, fringe_y + 8), (cx - hw * 0.6, fringe_y), 10)
                + _bez(
                    (cx - hw * 0.6, fringe_y), (cx - hw * 0.9, cy - 40), (cx - hw * 1.0, cy + 10), 8
                )
            )
            cap(inner, 170, 370, 14)
        else:
            inner = _bez((cx + hw * 0.96, cy + 20), (cx + hw * 0.9, cy - 56), part, 12) + _bez(
                part, (cx - hw * 0.8, cy - 64), (cx - hw * 0.96, cy + 20), 12
            )
            cap(inner, 168, 372, 14)
            length = 150 if style == "long" else 104
            wave = 16 if style == "wavy" else 4
            for side in (-1, 1):
                ox = cx + side * (hw + 18)
                strand = (
                    [(cx + side * hw * 0.78, cy - 50), (ox, cy - 36)]
                    + _bez3(
                        (ox, cy - 36),
                        (ox + side * wave, cy + 30),
                        (ox - side * wave, cy + 90),
                        (cx + side * (hw + 8), cy + length),
                        14,
                    )
                    + _bez(
                        (cx + side * (hw + 8), cy + length),
                        (cx + side * (hw - 10), cy + length + 4),
                        (cx + side * (hw - 16), cy + length - 16),
                        6,
                    )
                    + _bez3(
                        (cx + side * (hw - 16), cy + length - 16),
                        (cx + side * (hw - 6), cy + 70),
                        (cx + side * hw * 0.84, cy + 40),
                        (cx + side * hw * 0.86, cy),
                        12,
                    )
                )
                pen.poly(col, strand)
        pen.stroke(shine, _arc(cx, cy - 4, hw * 0.8, _HH * 0.92, 215, 250, 8), 8)
    elif style in ("bun", "ponytail"):
        inner = (
            _bez((cx + hw * 0.98, cy), (cx + hw * 0.9, cy - 62), (cx + hw * 0.4, cy - 74), 8)
            + _bez((cx + hw * 0.4, cy - 74), (cx, cy - 80), (cx - hw * 0.4, cy - 74), 8)
            + _bez((cx - hw * 0.4, cy - 74), (cx - hw * 0.9, cy - 62), (cx - hw * 0.98, cy), 8)
        )
        cap(inner, 180, 360, 8)
        for dx in (-0.45, 0.0, 0.45):
            pen.stroke(
                _dark(col, 0.22),
                _bez(
                    (cx + hw * dx * 1.2, cy - 72),
                    (cx + hw * dx * 1.1, top + 10),
                    (cx + hw * dx * 0.5, top - 4),
                    8,
                ),
                2.5,
            )
    elif style == "pixie":
        inner = (
            _bez((cx + hw * 0.98, cy), (cx + hw * 0.9, cy - 50), (cx + hw * 0.55, cy - 58), 8)
            + _bez(
                (cx + hw * 0.55, cy - 58), (cx - hw * 0.1, cy - 46), (cx - hw * 0.7, cy - 30), 10
            )
            + [(cx - hw * 0.98, cy)]
        )
        cap(inner, 180, 360, 12)
        pen.stroke(shine, _arc(cx, cy - 4, hw * 0.72, _HH * 0.9, 230, 270, 8), 7)
    elif style == "curly":
        for i in range(11):
            a = math.radians(196 + i * 148 / 10)
            pen.circle(col, cx + (hw - 2) * math.cos(a), cy - 4 + (_HH - 6) * math.sin(a), 26)
        for side in (-1, 1):
            pen.circle(col, cx + side * hw * 0.94, cy - 10, 22)


# --------------------------------------------------------------------------------- face


def _head_shape(hw: float) -> list[Point]:
    pts = []
    for i in range(48):
        a = 2 * math.pi * i / 48
        x, y = math.cos(a), math.sin(a)
        if y > 0:
            x *= 1 - 0.2 * y * y
        pts.append((_CX + hw * x, _CY + _HH * y))
    return pts


def _eye_geometry(look: Look) -> tuple[float, float]:
    """(eye y, eye half-spacing) in design space, before the pose offset."""
    return _CY + 10, _hw(look) * 0.40


def _draw_eyes(
    pen: _Pen, look: Look, mood: str, pose: _Pose, face: RGB, blink: bool, hc: bool
) -> None:
    ey, ex = _eye_geometry(look)
    dark = (18, 14, 20) if hc else _dark(look.eyes, 0.35)
    lid = _dark(face, 0.35)
    for side in (-1, 1):
        x = _CX + side * ex
        if blink or mood == "pleased":
            if mood == "pleased" and not blink:
                pen.stroke(dark, _bez((x - 12, ey + 4), (x, ey - 12), (x + 12, ey + 4), 8), 5.5)
            else:
                pen.stroke(dark, _bez((x - 12, ey + 1), (x, ey + 8), (x + 12, ey + 1), 8), 4.5)
            continue
        if mood == "furious":
            pen.ellipse((255, 255, 255), x, ey, 13, 11, edge=False)
            pen.circle(dark, x - side * 1.5, ey + 1, 5.5, edge=False)
        else:
            ry = 11.5 if mood == "calm" else 10.5
            pen.ellipse(dark, x, ey + (3 if pose.look_down else 0), 8.5, ry, edge=False)
            pen.circle(
                (255, 255, 255), x + 3, ey - 4 + (3 if pose.look_down else 0), 2.6, edge=False
            )
        # Upper lid: a skin-coloured cut across the top of the eye, slanted by mood.
        cut = {
            "calm": None,
            "tense": (-6.5, -6.5),
            "angry": (-1.0, -9.0),
            "furious": (-2.0, -12.0),
        }.get(mood)
        if pose.look_down and mood in ("calm", "tense"):
            cut = (-1.0, -1.0)
        if cut is not None:
            inner, outer = cut
            xi, xo = x - side * 16, x + side * 16
            yi, yo = ey + inner, ey + outer
            pen.poly(face, [(xi, yi), (xo, yo), (xo, ey - 24), (xi, ey - 24)], edge=False)
            if mood in ("angry", "furious"):
                f0, f1 = 0.2, 0.78
                pen.stroke(
                    lid,
                    [
                        (xi + (xo - xi) * f0, yi + (yo - yi) * f0),
                        (xi + (xo - xi) * f1, yi + (yo - yi) * f1),
                    ],
                    3.2,
                )


def _draw_brows(pen: _Pen, look: Look, mood: str, pose: _Pose, hc: bool) -> None:
    ey, ex = _eye_geometry(look)
    base = look.hair if look.hair_style not in ("bald",) else _dark(look.hair, 0.2)
    col = _dark(base, 0.35) if sum(base) > 300 else _dark(base, 0.15)
    if hc:
        col = (14, 12, 18)
    # (inner dy, mid dy, outer dy, thickness, inner x shift) relative to the eye line
    shape = {
        "pleased": (-40, -48, -38, 6.5, 0),
        "calm": (-32, -36, -32, 6.5, 0),
        "tense": (-27, -32, -33, 7.0, -2),
        "angry": (-19, -27, -36, 8.5, -4),
        "furious": (-12, -24, -40, 11.0, -6),
    }[mood]
    inner, mid, outer, width, shift = shape
    if pose.look_down and mood in ("calm", "tense", "pleased"):
        inner, mid, outer = inner + 2, mid + 4, outer + 6
    for side in (-1, 1):
        x = _CX + side * ex
        p0 = (x - side * (15 + shift), ey + inner)
        p2 = (x + side * 17, ey + outer)
        p1 = (x + side * 1, ey + mid)
        pen.stroke(col, _bez(p0, p1, p2, 10), width * (1.2 if hc else 1.0))


def _draw_mouth(pen: _Pen, look: Look, mood: str, face: RGB, hc: bool) -> None:
    cx = _CX
    my = _CY + 74
    line = (30, 16, 22) if hc else _dark(face, 0.55)
    inside = (110, 36, 46)
    if mood == "pleased":
        top = _bez((cx - 30, my - 6), (cx, my + 2), (cx + 30, my - 6), 12)
        bottom = _bez((cx + 30, my - 6), (cx, my + 40), (cx - 30, my - 6), 14)
        pen.poly(inside, top + bottom)
        teeth = top + [(x, y + 7) for x, y in reversed(top[1:-1])]
        pen.poly((255, 255, 255), teeth, edge=False)
        pen.ellipse((226, 110, 116), cx, my + 17, 13, 5, edge=False)
        if hc:
            pygame.draw.lines(
                pen.surf, pen.line, True, [pen.p(*q) for q in top + bottom], max(1, round(pen.d(3)))
            )
    elif mood == "calm":
        pen.stroke(line, _bez((cx - 20, my), (cx, my + 9), (cx + 20, my), 10), 5)
    elif mood == "tense":
        pen.stroke(
            line, [(cx - 20, my + 6), (cx - 14, my + 3), (cx + 14, my + 3), (cx + 20, my + 6)], 5
        )
    elif mood == "angry":
        pen.stroke(line, _bez((cx - 24, my + 10), (cx, my - 8), (cx + 24, my + 10), 12), 6)
    else:  # furious: open, shouting
        top = _bez((cx - 34, my - 2), (cx, my - 12), (cx + 34, my - 2), 12)
        bottom = _bez3(
            (cx + 34, my - 2), (cx + 34, my + 40), (cx - 34, my + 40), (cx - 34, my - 2), 18
        )
        shape = top + bottom
        pen.poly((86, 20, 30), shape)
        teeth = top[1:-1] + [(x, y + 8) for x, y in reversed(top[2:-2])]
        pen.poly((255, 255, 255), teeth, edge=False)
        pen.ellipse((222, 96, 104), cx, my + 22, 17, 6, edge=False)


def _draw_vein(pen: _Pen, x: float, y: float, col: RGB) -> None:
    """The four-stroke anger mark drawn on the forehead."""
    for ax, ay in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        p0 = (x + ax * 4, y + ay * 13)
        p1 = (x + ax * 5, y + ay * 5)
        p2 = (x + ax * 13, y + ay * 4)
        pen.stroke(col, _bez(p0, p1, p2, 6), 4.5)


def _draw_sweat(pen: _Pen, x: float, y: float, hc: bool) -> None:
    """A drop of nervous sweat beside the temple."""
    col = (120, 210, 255) if hc else (156, 206, 238)
    pen.poly(
        col,
        _bez((x, y - 20), (x + 16, y + 6), (x, y + 12), 8)
        + _bez((x, y + 12), (x - 16, y + 6), (x, y - 20), 8),
    )
    pen.circle((244, 250, 255), x - 3, y + 2, 3.4, edge=False)


def _draw_face(pen: _Pen, look: Look, mood: str, pose: _Pose, blink: bool, hc: bool) -> None:
    hw = _hw(look)
    face = _face_colour(look, pose)
    shade = _dark(face, 0.14)
    cx, cy = _CX, _CY
    # ears
    for side in (-1, 1):
        pen.ellipse(face, cx + side * hw * 0.97, cy + 14, 15, 24)
        pen.ellipse(shade, cx + side * hw * 0.99, cy + 14, 7, 14, edge=False)
    pen.poly(face, _head_shape(hw))
    if look.accessory == "earrings":
        for side in (-1, 1):
            pen.circle((232, 190, 80), cx + side * hw * 0.98, cy + 44, 5.5)
    # cheeks
    if mood == "pleased":
        blush = _mix(face, (236, 110, 120), 0.35)
    elif mood in ("angry", "furious"):
        blush = _mix(face, _RED, 0.3 if mood == "angry" else 0.4)
    else:
        blush = None
    if blush is not None:
        for side in (-1, 1):
            pen.ellipse(blush, cx + side * hw * 0.6, cy + 48, 18, 11, edge=False)
    # facial hair below the features
    hair = _hair_colour(look, hc)
    if look.facial_hair in ("beard", "stubble"):
        jaw = _arc(cx, cy, hw * 1.01, _HH * 1.01, 8, 172, 24)
        jaw = [(cx + (x - cx) * (1 - 0.2 * ((y - cy) / _HH) ** 2), y) for x, y in jaw]
        top = _bez3(jaw[-1], (cx - hw * 0.55, cy + 64), (cx + hw * 0.55, cy + 64), jaw[0], 16)
        colour = hair if look.facial_hair == "beard" else _mix(face, hair, 0.2)
        pen.poly(colour, jaw + top[1:-1], edge=look.facial_hair == "beard")
    elif look.facial_hair == "goatee":
        chin = _arc(cx, cy, hw, _HH, 62, 118, 10)
        chin = [(cx + (x - cx) * (1 - 0.2 * ((y - cy) / _HH) ** 2), y) for x, y in chin]
        pen.poly(hair, chin + _bez((cx - 20, cy + 96), (cx, cy + 90), (cx + 20, cy + 96), 6))
    # nose
    pen.poly(
        shade,
        _bez((cx - 9, cy + 48), (cx, cy + 58), (cx + 9, cy + 48), 8)
        + _bez((cx + 9, cy + 48), (cx + 3, cy + 24), (cx - 2, cy + 26), 6),
        edge=False,
    )
    if hc:
        pen.stroke(pen.line, _bez((cx - 9, cy + 48), (cx, cy + 58), (cx + 9, cy + 48), 8), 2.5)
    # older: soft lines
    if look.age == "older" and look.facial_hair != "beard":
        line = _dark(face, 0.22)
        for side in (-1, 1):
            pen.stroke(
                line,
                _bez(
                    (cx + side * 24, cy + 52),
                    (cx + side * 34, cy + 68),
                    (cx + side * 30, cy + 84),
                    6,
                ),
                2.6,
            )
        pen.stroke(line, _bez((cx - 26, cy - 66), (cx, cy - 70), (cx + 26, cy - 66), 6), 2.4)
    _draw_eyes(pen, look, mood, pose, face, blink, hc)
    if look.facial_hair in ("moustache", "beard"):
        m = _CY + 66
        pen.poly(
            _dark(hair, 0.08),
            _bez((cx - 30, m + 8), (cx - 18, m - 10), (cx, m - 2), 8)
            + _bez((cx, m - 2), (cx + 18, m - 10), (cx + 30, m + 8), 8)
            + _bez((cx + 30, m + 8), (cx, m + 2), (cx - 30, m + 8), 8),
        )
    if look.facial_hair == "beard":
        # a mouth-shaped clearing so the expression stays readable
        pen.ellipse(face, cx, cy + 78, 24, 12, edge=False)
    _draw_mouth(pen, look, mood, face, hc)
    # mood marks
    if mood in ("angry", "furious"):
        crease = _dark(face, 0.3)
        for side in (-1, 1):
            pen.stroke(crease, [(cx + side * 5, cy - 30), (cx + side * 7, cy - 16)], 3)


def _draw_accessory_head(pen: _Pen, look: Look, hc: bool) -> None:
    hw = _hw(look)
    cx, cy = _CX, _CY
    ey, ex = _eye_geometry(look)
    acc = look.accessory
    if acc == "glasses":
        frame = (20, 18, 24) if hc else (52, 46, 52)
        for side in (-1, 1):
            x = cx + side * ex
            pygame.draw.ellipse(
                pen.surf, frame, _rect(pen, x - 22, ey - 17, 44, 34), max(1, round(pen.d(4.2)))
            )
        pen.stroke(frame, _bez((cx - ex + 22, ey - 4), (cx, ey - 10), (cx + ex - 22, ey - 4), 6), 4)
        for side in (-1, 1):
            pen.stroke(
                frame, [(cx + side * (ex + 21), ey - 6), (cx + side * hw * 0.96, ey - 10)], 4
            )
    elif acc == "sunglasses":
        top = cy - _HH + 30
        frame = (255, 220, 90) if hc else (196, 150, 70)
        for side in (-1, 1):
            pen.ellipse(frame, cx + side * 32, top, 29, 18)
            pen.ellipse((36, 52, 64), cx + side * 32, top, 24, 13.5, edge=False)
            pen.ellipse((96, 130, 150), cx + side * 32 - 9, top - 5, 8, 3.5, edge=False)
        pen.stroke(frame, _bez((cx - 8, top - 4), (cx, top - 9), (cx + 8, top - 4), 4), 5)
    elif acc in ("cap", "beanie"):
        col = _vivid(look.clothes) if hc else _dark(look.clothes, 0.1)
        if acc == "cap":
            dome = _arc(cx, cy - 24, hw + 10, _HH - 8, 180, 360, 22)
            pen.poly(col, dome + [(cx + hw + 10, cy - 22), (cx - hw - 10, cy - 22)])
            brim = _bez((cx - hw - 6, cy - 24), (cx + 10, cy - 6), (cx + hw + 50, cy - 28), 12)
            brim += _bez((cx + hw + 50, cy - 28), (cx + 10, cy - 40), (cx - hw - 6, cy - 28), 12)
            pen.poly(_dark(col, 0.2), brim)
            pen.circle(_light(col, 0.2), cx, cy - _HH - 28, 6)
        else:
            dome = _arc(cx, cy - 30, hw + 12, _HH, 180, 360, 22)
            pen.poly(col, dome + [(cx + hw + 12, cy - 26), (cx - hw - 12, cy - 26)])
            pen.poly(
                _dark(col, 0.15),
                [
                    (cx - hw - 14, cy - 56),
                    (cx + hw + 14, cy - 56),
                    (cx + hw + 14, cy - 24),
                    (cx - hw - 14, cy - 24),
                ],
            )
            for i in range(-4, 5):
                x = cx + i * hw * 0.22
                pen.stroke(_dark(col, 0.3), [(x, cy - 52), (x, cy - 28)], 2.5)


def _rect(pen: _Pen, x: float, y: float, w: float, h: float) -> pygame.Rect:
    px, py = pen.p(x, y)
    return pygame.Rect(round(px), round(py), max(1, round(pen.d(w))), max(1, round(pen.d(h))))


# --------------------------------------------------------------------------------- body


def _torso_outline(pose: _Pose, neckline: float) -> list[Point]:
    """The torso silhouette (shoulders, upper arms), open at the neck down to ``neckline``."""
    sl = pose.lift
    sw = pose.spread
    cx = _CX
    neck_y = 392 + sl * 0.4
    left = _bez3(
        (cx - sw - 24, 640),
        (cx - sw - 14, 500 + sl),
        (cx - sw + 10, 420 + sl),
        (cx - 60, neck_y),
        20,
    )
    right = [(2 * cx - x, y) for x, y in reversed(left)]
    neck = _bez((cx - 60, neck_y), (cx, neckline + 6), (cx + 60, neck_y), 10)
    return left + neck[1:-1] + right


def _draw_body(
    pen: _Pen, look: Look, mood: str, pose: _Pose, flags: frozenset[str], hc: bool
) -> None:
    main, trim = _clothes(look, hc)
    skin = look.skin
    cx = _CX
    sl = pose.lift
    outfit = look.outfit
    sw = pose.spread
    neck_y = 392 + sl * 0.4
    neck_col = _mix(skin, _RED, pose.flush * 0.5)
    deep = outfit in ("suit", "blazer", "cardigan", "shirt-open")
    # hood behind the neck
    if outfit == "hoodie":
        pen.poly(
            _dark(main, 0.18),
            _bez((cx - 92, neck_y + 10), (cx, neck_y - 70), (cx + 92, neck_y + 10), 12)
            + [(cx, neck_y + 40)],
        )
    # neck
    pen.poly(
        neck_col, [(cx - 34, 300), (cx + 34, 300), (cx + 38, neck_y + 40), (cx - 38, neck_y + 40)]
    )
    pen.poly(
        _dark(neck_col, 0.16),
        _bez((cx - 35, 330), (cx, 372), (cx + 35, 330), 10) + [(cx + 34, 300), (cx - 34, 300)],
        edge=False,
    )
    neckline = neck_y + (84 if deep else 24)
    if outfit in ("suit", "blazer"):
        # shirt or top underneath, then the jacket with lapels
        pen.poly(_clothes_under(look, hc), _torso_outline(pose, neck_y + 20))
        pen.poly(main, _torso_outline(pose, neckline + 60))
        if outfit == "suit":
            tie = [
                (cx - 11, neck_y + 26),
                (cx + 11, neck_y + 26),
                (cx + 16, 560),
                (cx, 586),
                (cx - 16, 560),
            ]
            pen.poly(trim, tie)
            pen.poly(
                _dark(trim, 0.2),
                [
                    (cx - 12, neck_y + 18),
                    (cx + 12, neck_y + 18),
                    (cx + 8, neck_y + 34),
                    (cx - 8, neck_y + 34),
                ],
            )
            for side in (-1, 1):
                pen.poly(
                    (250, 250, 248),
                    [
                        (cx + side * 4, neck_y + 18),
                        (cx + side * 34, neck_y - 8),
                        (cx + side * 42, neck_y + 8),
                        (cx + side * 30, neck_y + 34),
                    ],
                )
        lapel = _dark(main, 0.2)
        for side in (-1, 1):
            pen.poly(
                lapel,
                [
                    (cx + side * 50, neck_y - 2),
                    (cx + side * 70, neck_y + 6),
                    (cx + side * 58, neck_y + 60),
                    (cx + side * 76, neck_y + 74),
                    (cx + side * 10, neckline + 60),
                    (cx + side * 20, neckline + 30),
                ],
            )
        pen.circle(_dark(main, 0.35), cx + 6, 590, 6)
    elif outfit == "cardigan":
        pen.poly(trim, _torso_outline(pose, neck_y + 22))
        pen.poly(main, _torso_outline(pose, neckline + 40))
        for side in (-1, 1):
            pen.stroke(
                _dark(main, 0.2),
                _bez(
                    (cx + side * 58, neck_y), (cx + side * 30, neckline), (cx + side * 22, 640), 10
                ),
                9,
            )
        for y in (neckline + 20, neckline + 70, neckline + 120):
            pen.circle(_light(main, 0.3), cx - 22, y, 5)
    elif outfit == "shirt-open":
        pen.poly(main, _torso_outline(pose, neckline))
        pen.poly(neck_col, [(cx - 30, neck_y), (cx + 30, neck_y), (cx, neckline)], edge=False)
        for side in (-1, 1):
            pen.poly(
                _light(main, 0.2),
                [
                    (cx + side * 30, neck_y - 16),
                    (cx + side * 66, neck_y + 4),
                    (cx + side * 50, neck_y + 36),
                    (cx + side * 8, neckline),
                ],
            )
        pen.stroke(_dark(main, 0.2), [(cx, neckline), (cx, 640)], 3)
        for y in (neckline + 30, neckline + 80, neckline + 130):
            pen.circle(_light(main, 0.4), cx + 8, y, 4, edge=False)
    else:
        pen.poly(main, _torso_outline(pose, neckline))
        band = _dark(main, 0.14)
        if outfit in ("tee", "sweater", "hoodie"):
            pen.stroke(
                band, _bez((cx - 58, neck_y + 1), (cx, neckline + 8), (cx + 58, neck_y + 1), 14), 9
            )
        if outfit == "hoodie":
            for side in (-1, 1):
                pen.stroke(
                    _light(main, 0.5),
                    [(cx + side * 22, neckline + 6), (cx + side * 24, neckline + 80)],
                    4,
                )
                pen.circle(_light(main, 0.5), cx + side * 24, neckline + 84, 4.5)
        if outfit == "sweater":
            pen.stroke(_light(main, 0.18), [(cx - sw, 560), (cx + sw, 560)], 10)
        if outfit in ("polo", "shirt"):
            for side in (-1, 1):
                pen.poly(
                    _light(main, 0.18) if outfit == "polo" else trim,
                    [
                        (cx + side * 4, neck_y + 18),
                        (cx + side * 46, neck_y - 12),
                        (cx + side * 60, neck_y + 8),
                        (cx + side * 32, neck_y + 34),
                    ],
                )
            pen.stroke(
                _dark(main, 0.2),
                [(cx, neck_y + 20), (cx, 640 if outfit == "shirt" else neck_y + 80)],
                3,
            )
            for y in (
                (neck_y + 44, neck_y + 70)
                if outfit == "polo"
                else (neck_y + 50, neck_y + 100, neck_y + 150, neck_y + 200)
            ):
                pen.circle(_light(main, 0.45), cx + 8, y, 4, edge=False)
        if outfit in ("jacket", "fleece"):
            collar = _dark(main, 0.15)
            for side in (-1, 1):
                pen.poly(
                    collar,
                    [
                        (cx + side * 4, neck_y + 22),
                        (cx + side * 50, neck_y - 16),
                        (cx + side * 66, neck_y + 6),
                        (cx + side * 30, neck_y + 40),
                    ],
                )
            pen.stroke(_light(main, 0.35), [(cx, neck_y + 24), (cx, 640)], 3)
            if outfit == "jacket":
                pen.stroke(
                    _light(main, 0.18),
                    _bez(
                        (cx - sw + 30, 470 + sl), (cx - sw + 60, 430 + sl), (cx - 110, 422 + sl), 8
                    ),
                    6,
                )
    # arm creases, so the arms read as arms when they hang down
    crease = _dark(main, 0.22)
    if pose.arms in ("none", "phone", "watch", "point"):
        for side in (-1, 1):
            pen.stroke(
                crease,
                _bez(
                    (cx + side * (sw - 44), 510 + sl),
                    (cx + side * (sw - 50), 560),
                    (cx + side * (sw - 46), 640),
                    8,
                ),
                3.5,
            )
    _draw_neck_accessory(pen, look, neck_y, neckline, hc)
    _draw_arms(pen, look, pose, main, hc)
    if "shiver" in flags:
        mark = (255, 255, 255) if hc else (120, 170, 210)
        for side in (-1, 1):
            x = cx + side * (sw + 6)
            for j in range(2):
                pts = [(x + side * j * 14, 430 + sl + dy) for dy in (0, 8, 16, 24, 32)]
                pts = [(px + (5 if k % 2 else -5) * side, py) for k, (px, py) in enumerate(pts)]
                pen.stroke(mark, pts, 3.5)


def _clothes_under(look: Look, hc: bool) -> RGB:
    trim = _vivid(look.trim) if hc else look.trim
    return (250, 250, 248) if look.outfit == "suit" else trim


def _draw_neck_accessory(pen: _Pen, look: Look, neck_y: float, neckline: float, hc: bool) -> None:
    cx = _CX
    acc = look.accessory
    if acc == "necklace":
        pts = _bez((cx - 44, neck_y + 2), (cx, neck_y + 70), (cx + 44, neck_y + 2), 14)
        for x, y in pts[1:-1]:
            pen.circle((250, 246, 236), x, y, 5.5)
    elif acc == "chain":
        pen.stroke(
            (226, 182, 70),
            _bez((cx - 36, neck_y + 2), (cx, neck_y + 56), (cx + 36, neck_y + 2), 14),
            4.5,
        )
    elif acc == "scarf":
        col = _vivid(look.trim) if hc else _mix(look.trim, (200, 90, 90), 0.55)
        pen.poly(
            col,
            _bez((cx - 66, neck_y - 20), (cx, neck_y + 40), (cx + 66, neck_y - 20), 12)
            + _bez((cx + 70, neck_y + 6), (cx, neck_y + 70), (cx - 70, neck_y + 6), 12),
        )
        pen.poly(
            _dark(col, 0.12),
            [
                (cx + 14, neck_y + 30),
                (cx + 44, neck_y + 28),
                (cx + 50, neck_y + 140),
                (cx + 20, neck_y + 140),
            ],
        )
    elif acc == "lanyard":
        col = _vivid(look.trim) if hc else (40, 110, 160)
        for side in (-1, 1):
            pen.stroke(col, [(cx + side * 40, neck_y), (cx + side * 10, neck_y + 130)], 7)
        pen.poly(
            (246, 246, 246),
            [
                (cx - 26, neck_y + 126),
                (cx + 26, neck_y + 126),
                (cx + 26, neck_y + 180),
                (cx - 26, neck_y + 180),
            ],
        )
        pen.poly(
            col,
            [
                (cx - 26, neck_y + 126),
                (cx + 26, neck_y + 126),
                (cx + 26, neck_y + 140),
                (cx - 26, neck_y + 140),
            ],
            edge=False,
        )
    elif acc == "bag-strap":
        col = _dark(look.trim, 0.45) if not hc else (230, 150, 40)
        sw = 200
        pen.poly(
            col,
            [(cx - sw + 30, 430), (cx - sw + 62, 418), (cx + sw - 30, 640), (cx + sw - 74, 640)],
        )


def _hand(pen: _Pen, skin: RGB, x: float, y: float, r: float = 26) -> None:
    pen.ellipse(skin, x, y, r, r * 0.86)


def _draw_arms(pen: _Pen, look: Look, pose: _Pose, main: RGB, hc: bool) -> None:
    cx = _CX
    sl = pose.lift
    sleeve = _dark(main, 0.06)
    edge = _dark(main, 0.3)
    skin = look.skin
    arms = pose.arms
    if arms == "folded":
        y = 522 + sl * 0.5
        under = _dark(sleeve, 0.12)
        # the right forearm runs under, its hand hidden at the left upper arm
        pen.stroke(edge, [(cx + 172, y + 44), (cx - 120, y + 14)], 70)
        pen.stroke(under, [(cx + 172, y + 44), (cx - 120, y + 14)], 62)
        # the left forearm on top, its hand gripping the right upper arm
        pen.stroke(edge, [(cx - 176, y + 46), (cx + 112, y - 4)], 72)
        pen.stroke(sleeve, [(cx - 176, y + 46), (cx + 112, y - 4)], 64)
        pen.stroke(_light(sleeve, 0.12), [(cx - 150, y + 22), (cx + 90, y - 20)], 6)
        if look.outfit in ("suit", "blazer", "shirt", "shirt-open", "cardigan"):
            cuff = _clothes_under(look, hc) if look.outfit in ("suit", "blazer") else sleeve
            pen.stroke(_dark(cuff, 0.08), [(cx + 112, y - 34), (cx + 122, y + 26)], 14)
        pen.ellipse(skin, cx + 150, y - 10, 34, 28)
        for i in range(3):
            fx = cx + 140 + i * 12
            pen.stroke(_dark(skin, 0.22), [(fx, y - 4), (fx + 4, y + 14)], 3)
    elif arms == "fists":
        y = 520 + sl * 0.3
        knuckle = _dark(skin, 0.28)
        mark = _mark_colour(main, hc)
        for side in (-1, 1):
            x = cx + side * 128
            pen.stroke(edge, [(x + side * 14, 640), (x, y + 20)], 76)
            pen.stroke(sleeve, [(x + side * 14, 640), (x, y + 20)], 68)
            pen.poly(skin, _round_rect(x - 38, y - 34, 76, 68, 20))
            for i in range(1, 4):
                fx = x - 38 + i * 19
                pen.stroke(knuckle, [(fx, y - 32), (fx, y - 6)], 3)
            pen.stroke(
                knuckle,
                _bez((x - side * 36, y + 2), (x - side * 6, y + 8), (x + side * 22, y - 4), 6),
                3.5,
            )
            for k in range(3):
                a = math.radians(-90 - side * (35 + 25 * k))
                pen.stroke(
                    mark,
                    [
                        (x + 56 * math.cos(a), y + 56 * math.sin(a)),
                        (x + 72 * math.cos(a), y + 72 * math.sin(a)),
                    ],
                    4,
                )
    elif arms == "watch":
        y = 520 + sl * 0.4
        pen.poly(
            sleeve,
            [
                (cx - 210, 640),
                (cx - 150, 560),
                (cx + 60, y - 8),
                (cx + 74, y + 50),
                (cx - 120, 640),
            ],
        )
        _hand(pen, skin, cx + 98, y + 18, 30)
        pen.poly(skin, [(cx + 58, y + 2), (cx + 84, y - 4), (cx + 84, y + 44), (cx + 58, y + 48)])
        strap = (50, 46, 52)
        pen.poly(strap, [(cx + 54, y - 6), (cx + 70, y - 8), (cx + 74, y + 52), (cx + 58, y + 54)])
        pen.circle((236, 224, 190) if not hc else (255, 240, 120), cx + 64, y + 22, 17)
        pen.circle((250, 250, 246), cx + 64, y + 22, 12.5, edge=False)
        pen.stroke(strap, [(cx + 64, y + 22), (cx + 64, y + 14)], 2.4)
        pen.stroke(strap, [(cx + 64, y + 22), (cx + 70, y + 24)], 2.4)
        pen.stroke(edge, [(cx - 150, 560), (cx + 58, y - 8)], 3)
    elif arms == "phone":
        y = 500 + sl * 0.4
        pen.poly(
            sleeve,
            [
                (cx + 210, 640),
                (cx + 150, 570),
                (cx + 80, y + 50),
                (cx + 116, y + 78),
                (cx + 110, 640),
            ],
        )
        pen.poly((40, 44, 56), _round_rect(cx + 36, y - 40, 64, 112, 10))
        pen.poly(
            (120, 170, 220) if not hc else (90, 220, 255),
            _round_rect(cx + 42, y - 30, 52, 90, 6),
            edge=False,
        )
        pen.poly(
            _light((120, 170, 220), 0.3),
            [(cx + 48, y - 20), (cx + 86, y - 20), (cx + 86, y - 14), (cx + 48, y - 14)],
            edge=False,
        )
        _hand(pen, skin, cx + 96, y + 52, 28)
        pen.ellipse(skin, cx + 44, y + 30, 10, 16)
    elif arms == "point":
        y = 516 + sl * 0.4
        pen.poly(
            sleeve,
            [
                (cx + 210, 640),
                (cx + 140, 560),
                (cx + 70, y + 40),
                (cx + 126, y + 80),
                (cx + 104, 640),
            ],
        )
        tip = (cx + 46, y - 84)
        pen.stroke(_dark(skin, 0.3), [(cx + 62, y), tip], 30)
        pen.stroke(skin, [(cx + 62, y), tip], 25)
        pen.ellipse(skin, cx + 84, y + 30, 38, 34)
        pen.ellipse(_light(skin, 0.4), tip[0] + 1, tip[1] + 4, 6, 8, edge=False)
        knuckle = _dark(skin, 0.28)
        for i in range(3):
            pen.stroke(knuckle, [(cx + 78 + i * 14, y + 6), (cx + 80 + i * 14, y + 22)], 3)
        pen.stroke(knuckle, _bez((cx + 52, y + 34), (cx + 80, y + 44), (cx + 104, y + 36), 6), 3)
        mark = _mark_colour(main, hc)
        for ang in (-160, -125, -90, -55, -20):
            a = math.radians(ang)
            x0, y0 = tip[0] + 30 * math.cos(a), tip[1] + 30 * math.sin(a)
            x1, y1 = tip[0] + 50 * math.cos(a), tip[1] + 50 * math.sin(a)
            pen.stroke(mark, [(x0, y0), (x1, y1)], 5)


def _mark_colour(behind: RGB, hc: bool) -> RGB:
    """Motion marks that stand out against the clothes they are drawn over."""
    if hc:
        return (255, 255, 255)
    luma = 0.3 * behind[0] + 0.59 * behind[1] + 0.11 * behind[2]
    return (70, 40, 44) if luma > 120 else (255, 236, 220)


def _round_rect(x: float, y: float, w: float, h: float, r: float) -> list[Point]:
    pts: list[Point] = []
    for (ccx, ccy), a0 in (
        ((x + w - r, y + r), 270),
        ((x + w - r, y + h - r), 0),
        ((x + r, y + h - r), 90),
        ((x + r, y + r), 180),
    ):
        pts += _arc(ccx, ccy, r, r, a0, a0 + 90, 5)
    return pts


# --------------------------------------------------------------------------------- layers


@dataclass
class _Layer:
    image: pygame.Surface  # premultiplied alpha
    pos: tuple[int, int]  # offset inside the portrait box


@dataclass
class _Built:
    back: _Layer | None
    body: _Layer
    head: _Layer
    head_blink: _Layer | None
    eyes: tuple[tuple[float, float], tuple[float, float]]  # box pixels
    crown: tuple[float, float]  # box pixels, top of the head
    scale: float


def _render(
    region: tuple[float, float, float, float],
    s: float,
    zoom: float,
    hc: bool,
    paint: Callable[[_Pen], None],
    halo: bool = False,
) -> _Layer | None:
    """Draw one layer at _SS x resolution, smooth it down and crop it to its content."""
    rx, ry, rw, rh = region
    tw, th = max(1, round(rw * s)), max(1, round(rh * s))
    big = pygame.Surface((tw * _SS, th * _SS), pygame.SRCALPHA)
    big.fill((0, 0, 0, 0))
    pen = _Pen(big, s * _SS, (rx, ry), zoom, hc)
    paint(pen)
    if halo:
        big = _with_halo(big, max(2, round(4 * s * _SS)))
    big = big.premul_alpha()
    small = pygame.transform.smoothscale(big, (tw, th))
    box = small.get_bounding_rect()
    if box.w == 0 or box.h == 0:
        return None
    image = small.subsurface(box).copy()
    if pygame.display.get_init() and pygame.display.get_surface() is not None:
        image = image.convert_alpha()  # the display's pixel format blits fastest
    return _Layer(image, (round(rx * s) + box.x, round(ry * s) + box.y))


def _with_halo(surf: pygame.Surface, r: int) -> pygame.Surface:
    """The layer over a light silhouette outline of itself (high-contrast mode)."""
    mask = pygame.mask.from_surface(surf, 8)
    ring = mask.to_surface(setcolor=(255, 255, 255, 255), unsetcolor=(0, 0, 0, 0))
    under = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
    under.fill((0, 0, 0, 0))
    for i in range(12):
        a = 2 * math.pi * i / 12
        under.blit(ring, (round(r * math.cos(a)), round(r * math.sin(a))))
    under.blit(surf, (0, 0))
    return under


_cache: OrderedDict[tuple[Look, str, frozenset[str], tuple[int, int], bool], _Built] = OrderedDict()


def _build(look: Look, mood: str, flags: frozenset[str], size: tuple[int, int], hc: bool) -> _Built:
    key = (look, mood, flags, size, hc)
    built = _cache.get(key)
    if built is not None:
        _cache.move_to_end(key)
        return built
    s = size[0] / _W
    pose = _pose(look, mood, flags)

    def back(pen: _Pen) -> None:
        _hair_back(pen, look, hc)

    def body(pen: _Pen) -> None:
        _draw_body(pen, look, mood, pose, flags, hc)

    def head(blink: bool) -> Callable[[_Pen], None]:
        def paint(pen: _Pen) -> None:
            pen.oy -= pose.head_dy  # a lowered head is drawn lower in the layer
            _hair_behind_head(pen, look, hc)
            _draw_face(pen, look, mood, pose, blink, hc)
            _draw_brows(pen, look, mood, pose, hc)
            _hair_front(pen, look, hc)
            _draw_accessory_head(pen, look, hc)
            if mood == "tense":
                _draw_sweat(pen, _CX + _hw(look) * 1.08, _CY - 52, hc)
            if mood == "furious":
                _draw_vein(
                    pen, _CX + _hw(look) * 0.56, _CY - 58, (255, 60, 60) if hc else (200, 34, 44)
                )

        return paint

    hz = pose.zoom * _HEAD_ZOOM
    back_layer = _render(_REGION_BACK, s, hz, hc, back, halo=False)
    body_layer = _render(_REGION_BODY, s, pose.zoom, hc, body, halo=hc)
    head_layer = _render(_REGION_HEAD, s, hz, hc, head(False), halo=hc)
    assert body_layer is not None and head_layer is not None

    def to_box(x: float, y: float) -> tuple[float, float]:
        return ((_CX + (x - _CX) * hz) * s, (_PIVOT_Y + (y - _PIVOT_Y) * hz + pose.head_dy) * s)

    ey, ex = _eye_geometry(look)
    blink_layer = None
    if mood != "pleased":
        # Only the band around the eyes differs when they close: render just that band, on
        # the same pixel grid as the head layer, and lay it over the head while blinking.
        top = math.floor(to_box(_CX, ey - 30)[1]) / s
        bottom = math.ceil(to_box(_CX, ey + 22)[1]) / s
        rx, _, rw, _ = _REGION_HEAD
        blink_layer = _render((rx, top, rw, bottom - top), s, hz, hc, head(True), halo=hc)
    built = _Built(
        back_layer,
        body_layer,
        head_layer,
        blink_layer,
        (to_box(_CX - ex, ey), to_box(_CX + ex, ey)),
        to_box(_CX, _CY - _HH - 14),
        s,
    )
    _cache[key] = built
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return built


# --------------------------------------------------------------------------------- drawing


def _phase(look: Look) -> float:
    return (hashlib.sha256(repr(look).encode()).digest()[0] / 255.0) * 6.283


def draw_portrait(
    surface: pygame.Surface,
    rect: pygame.Rect,
    look: Look,
    mood: str,
    *,
    t: float = 0.0,
    reduced_motion: bool = False,
    cues: tuple[str, ...] = (),
    high_contrast: bool = False,
) -> None:
    """Draw a customer, head and shoulders, filling ``rect`` (aspect kept, centred).

    Five clearly distinct expressions by ``mood`` (brows, eyes, mouth, face colour) and body
    language (shoulders up when tense, arms folded when tense or angry, fists when furious).
    Recognised ``cues`` (substring match on "watch", "phone", "finger", "arms"/"folded",
    "red", "tear"/"cry", "shiver", "lean", "down") add a small visual; others are ignored.

    Args:
        surface: where to draw; nothing outside ``rect`` is touched.
        rect: the area to fill.
        look: from :func:`look_for`.
        mood: one of :data:`MOODS` (anything else draws as "calm").
        t: seconds, for breathing and an occasional blink.
        reduced_motion: draw the same still image whatever ``t``.
        cues: author-written body-language ids.
        high_contrast: strong outlines and saturated fills that read on black.
    """
    if mood not in MOODS:
        mood = "calm"
    rect = pygame.Rect(rect)
    scale = min(rect.w / _W, rect.h / _H)
    if scale <= 0:
        return
    bw, bh = max(1, int(_W * scale)), max(1, int(_H * scale))
    box = pygame.Rect(0, 0, bw, bh)
    box.center = rect.center
    box = box.clip(rect)
    flags = _flags(cues)
    built = _build(look, mood, flags, (bw, bh), high_contrast)
    s = built.scale

    if reduced_motion:
        t = 0.0
    phase = _phase(look)
    period = {"pleased": 4.2, "calm": 4.0, "tense": 3.0, "angry": 2.4, "furious": 1.7}[mood]
    breath = 0.0 if reduced_motion else math.sin(2 * math.pi * t / period)  # 0 at t = 0
    head_dy = round(breath * 5.0 * s)
    body_dy = round(breath * 2.5 * s)
    jitter = 0
    if "shiver" in flags and not reduced_motion:
        jitter = round(math.sin(t * 47.0) * max(1.0, 2.5 * s))
    blink = False
    if not reduced_motion and built.head_blink is not None:
        every = 3.6 + (phase % 1.7)
        start = 0.8 + (phase % 2.0)  # never at t = 0, so a still frame has open eyes
        blink = start <= t % every < start + 0.14

    old_clip = surface.get_clip()
    surface.set_clip(box.clip(old_clip))
    try:
        x0, y0 = box.x + jitter, box.y
        if built.back is not None:
            surface.blit(
                built.back.image,
                (x0 + built.back.pos[0], y0 + built.back.pos[1] + head_dy),
                special_flags=pygame.BLEND_PREMULTIPLIED,
            )
        surface.blit(
            built.body.image,
            (x0 + built.body.pos[0], y0 + built.body.pos[1] + body_dy),
            special_flags=pygame.BLEND_PREMULTIPLIED,
        )
        for layer in (built.head, built.head_blink if blink else None):
            if layer is not None:
                surface.blit(
                    layer.image,
                    (x0 + layer.pos[0], y0 + layer.pos[1] + head_dy),
                    special_flags=pygame.BLEND_PREMULTIPLIED,
                )
        _draw_animated(
            surface, built, mood, flags, x0, y0 + head_dy, t, reduced_motion, high_contrast
        )
    finally:
        surface.set_clip(old_clip)


@functools.lru_cache(maxsize=128)
def _puff(r: int, fade: int, hc: bool) -> pygame.Surface:
    """A small cloud of steam of radius ``r`` px, more transparent as ``fade`` (0-4) grows."""
    size = 4 * r * _SS
    big = pygame.Surface((size, size), pygame.SRCALPHA)
    big.fill((0, 0, 0, 0))
    alpha = 255 if hc else 250 - 22 * fade
    col = (255, 255, 255, alpha) if hc else (244, 244, 248, alpha)
    c = size / 2
    rr = r * _SS
    for dx, dy, f in ((0.0, 0.15, 1.0), (-0.85, 0.45, 0.7), (0.85, 0.45, 0.7), (0.1, -0.6, 0.75)):
        pygame.draw.circle(big, col, (c + dx * rr, c + dy * rr), f * rr)
    small = pygame.transform.smoothscale(big.premul_alpha(), (4 * r, 4 * r))
    return small


def _draw_animated(
    surface: pygame.Surface,
    built: _Built,
    mood: str,
    flags: frozenset[str],
    x0: int,
    y0: int,
    t: float,
    still: bool,
    hc: bool,
) -> None:
    """The few marks redrawn every frame: steam when furious, falling tears."""
    s = built.scale
    if mood == "furious":
        cx, cy = built.crown
        for i, side in enumerate((-1, 1, -1, 1)):
            u = (t * 0.7 + 0.3 + i * 0.25) % 1.0
            x = x0 + cx + side * (80 + 40 * u) * s
            y = y0 + cy + (30 - 90 * u) * s
            puff = _puff(max(2, round((10 + 9 * u) * s)), min(4, int(u * 5)), hc)
            surface.blit(
                puff,
                (round(x - puff.get_width() / 2), round(y - puff.get_height() / 2)),
                special_flags=pygame.BLEND_PREMULTIPLIED,
            )
    if "tears" in flags:
        col = (120, 200, 255) if hc else (150, 206, 240)
        for i, (ex, ey) in enumerate(built.eyes):
            u = (t * 0.7 + 0.45 + i * 0.5) % 1.0
            x = x0 + ex + (-14 if i == 0 else 14) * s
            y = y0 + ey + (14 + 70 * u) * s
            r = max(1.5, 6 * s)
            pygame.draw.circle(surface, col, (x, y), r)
            pygame.draw.polygon(
                surface,
                col,
                [(x - r * 0.9, y - r * 0.3), (x + r * 0.9, y - r * 0.3), (x, y - r * 2.4)],
            )
            pygame.draw.line(
                surface, col, (x, y0 + ey + 12 * s), (x, y - r * 2), max(1, round(3 * s))
            )
