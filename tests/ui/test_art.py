"""The run-time art: portraits and backdrops are distinct, deterministic and stay in their rect."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import subprocess  # noqa: E402
import sys  # noqa: E402
from itertools import combinations  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from trainer.ui.art import (  # noqa: E402
    INDUSTRIES,
    MOODS,
    Look,
    draw_background,
    draw_portrait,
    look_for,
)
from trainer.ui.art import backgrounds as bg_module  # noqa: E402
from trainer.ui.art import portrait as portrait_module  # noqa: E402

ARCHETYPES = (
    "reasonable",
    "impatient",
    "silent",
    "never-satisfied",
    "abusive",
    "opportunist",
    "anxious",
)
NAMES = (
    "Ms. Okafor",
    "Mr. Tan",
    "Ms. Patel",
    "Mrs. Mensah",
    "Mr. Walker",
    "Mr. Wu",
    "Ms. Lin",
    "Ms. Nguyen",
    "Ms. Chen",
    "Ms. Alvarez",
    "Mr. Graves",
    "Marco",
    "Mr. Kowalski",
    "Sam",
    "Mr. Haddad",
    "Ms. Berg",
    "Mr. Osei",
    "Mrs. Ito",
    "Alex",
    "Mr. Dubois",
)
SENTINEL = (255, 0, 255)


def pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGB")


def differing(a: pygame.Surface, b: pygame.Surface) -> int:
    """How many pixels differ between two same-sized surfaces."""
    pa, pb = pixels(a), pixels(b)
    assert len(pa) == len(pb)
    return sum(1 for i in range(0, len(pa), 3) if pa[i : i + 3] != pb[i : i + 3])


def portrait(
    look: Look, mood: str, size: tuple[int, int] = (200, 240), **kwargs: object
) -> pygame.Surface:
    surface = pygame.Surface(size)
    surface.fill((60, 70, 84))
    draw_portrait(surface, surface.get_rect(), look, mood, **kwargs)  # type: ignore[arg-type]
    return surface


def background(
    industry: str, size: tuple[int, int] = (320, 180), **kwargs: object
) -> pygame.Surface:
    surface = pygame.Surface(size)
    surface.fill((0, 0, 0))
    draw_background(surface, surface.get_rect(), industry, **kwargs)  # type: ignore[arg-type]
    return surface


def untouched_outside(surface: pygame.Surface, rect: pygame.Rect) -> bool:
    """True when every pixel outside ``rect`` still has the sentinel colour."""
    probe = surface.copy()
    probe.fill(SENTINEL, rect)
    mask = pygame.mask.from_threshold(probe, SENTINEL, (1, 1, 1, 255))
    return mask.count() == probe.get_width() * probe.get_height()


# --------------------------------------------------------------------------------- looks


def test_looks_are_deterministic() -> None:
    for arch in ARCHETYPES:
        for name in NAMES[:6]:
            assert look_for(arch, name) == look_for(arch, name)


def test_looks_do_not_depend_on_the_interpreter_hash_seed() -> None:
    code = (
        "from trainer.ui.art import look_for; "
        "print(repr([look_for(a, n) for a, n in [('impatient', 'Mr. Tan'), "
        "('anxious', 'Ms. Lin'), ('abusive', 'Mr. Graves')]]))"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = dict(
            os.environ, PYTHONHASHSEED=seed, SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1"
        )
        run = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        outputs.add(run.stdout.strip())
    here = repr(
        [
            look_for(a, n)
            for a, n in [
                ("impatient", "Mr. Tan"),
                ("anxious", "Ms. Lin"),
                ("abusive", "Mr. Graves"),
            ]
        ]
    )
    assert outputs == {here}


def test_looks_vary_across_names() -> None:
    looks = [look_for(ARCHETYPES[i % len(ARCHETYPES)], name) for i, name in enumerate(NAMES)]
    assert len(set(looks)) == len(looks)
    assert len({lk.skin for lk in looks}) >= 4
    assert len({lk.hair_style for lk in looks}) >= 6
    assert len({lk.hair for lk in looks}) >= 4
    assert len({lk.clothes for lk in looks}) >= 6
    assert len({lk.age for lk in looks}) >= 2
    assert all(0.8 <= lk.face_width <= 1.2 for lk in looks)
    assert all(lk.age in ("young", "adult", "older") for lk in looks)


def test_archetype_biases_clothing() -> None:
    names = NAMES
    suits = sum(look_for("impatient", n).outfit in ("suit", "blazer", "shirt") for n in names)
    hoodies = sum(look_for("silent", n).outfit in ("hoodie", "sweater", "tee") for n in names)
    assert suits == len(names)
    assert hoodies == len(names)
    # the same person dressed for two archetypes keeps their face but not their clothes
    tan_a, tan_b = look_for("impatient", "Mr. Tan"), look_for("silent", "Mr. Tan")
    assert (tan_a.skin, tan_a.face_width) == (tan_b.skin, tan_b.face_width)
    assert (tan_a.outfit, tan_a.clothes) != (tan_b.outfit, tan_b.clothes)


def test_unknown_archetype_still_gives_a_look() -> None:
    look = look_for("Somebody New", "Dr. Who")
    assert isinstance(look, Look)


# --------------------------------------------------------------------------------- portraits


@pytest.mark.parametrize(
    "arch,name", [("impatient", "Mr. Tan"), ("anxious", "Ms. Lin"), ("never-satisfied", "Mrs. Ito")]
)
def test_five_moods_look_clearly_different(arch: str, name: str) -> None:
    look = look_for(arch, name)
    images = {mood: portrait(look, mood) for mood in MOODS}
    area = 200 * 240
    for a, b in combinations(MOODS, 2):
        # at least 1.5 % of the picture changes between any two moods
        assert differing(images[a], images[b]) > area * 0.015, (a, b)


def test_portrait_draws_something() -> None:
    blank = pygame.Surface((200, 240))
    blank.fill((60, 70, 84))
    assert differing(portrait(look_for("reasonable", "Ms. Okafor"), "calm"), blank) > 200 * 240 / 4


def test_portrait_is_deterministic_for_the_same_arguments() -> None:
    look = look_for("abusive", "Mr. Graves")
    for mood in MOODS:
        kwargs = {"t": 2.75, "cues": ("tears", "shivering")}
        first = portrait(look, mood, **kwargs)
        portrait_module._cache.clear()
        second = portrait(look, mood, **kwargs)
        assert pixels(first) == pixels(second), mood


def test_reduced_motion_is_still_and_motion_moves() -> None:
    look = look_for("opportunist", "Marco")
    still = [
        pixels(portrait(look, "furious", t=t, reduced_motion=True)) for t in (0.0, 0.4, 1.3, 3.9)
    ]
    assert len(set(still)) == 1
    moving = [pixels(portrait(look, "furious", t=t)) for t in (0.0, 0.4, 1.3, 3.9)]
    assert len(set(moving)) > 1


def test_a_still_frame_has_open_eyes_and_blinks_happen() -> None:
    look = look_for("silent", "Mr. Wu")
    frames = {pixels(portrait(look, "calm", t=i / 20, size=(400, 480))) for i in range(0, 200)}
    # breathing and blinking give several distinct frames over ten seconds
    assert len(frames) > 3
    # t = 0 is the still frame: open eyes, no breathing offset
    for mood in MOODS:
        for cues in ((), ("tears", "shivering")):
            assert pixels(portrait(look, mood, cues=cues)) == pixels(
                portrait(look, mood, cues=cues, t=5.0, reduced_motion=True)
            )


@pytest.mark.parametrize(
    "size", [(200, 240), (500, 600), (600, 720), (480, 200), (150, 420), (37, 45)]
)
def test_portrait_stays_inside_its_rect(size: tuple[int, int]) -> None:
    w, h = size
    surface = pygame.Surface((w + 80, h + 90))
    rect = pygame.Rect(30, 50, w, h)
    look = look_for("anxious", "Ms. Nguyen")
    for mood in MOODS:
        for hc in (False, True):
            for t in (0.0, 0.9, 2.2):
                surface.fill(SENTINEL)
                draw_portrait(
                    surface,
                    rect,
                    look,
                    mood,
                    t=t,
                    high_contrast=hc,
                    cues=("leans-in", "tears", "shivering", "jabs-finger"),
                )
                assert untouched_outside(surface, rect), (size, mood, hc, t)
    assert pixels(surface) != bytes(SENTINEL) * (surface.get_width() * surface.get_height())


def test_portrait_keeps_the_callers_clip_and_respects_it() -> None:
    surface = pygame.Surface((300, 300))
    surface.fill(SENTINEL)
    clip = pygame.Rect(0, 0, 300, 120)
    surface.set_clip(clip)
    rect = pygame.Rect(25, 0, 250, 300)
    draw_portrait(surface, rect, look_for("impatient", "Mr. Tan"), "furious", t=1.0)
    assert surface.get_clip() == clip
    surface.set_clip(None)
    assert untouched_outside(surface, rect.clip(clip))


def test_recognised_cues_add_something_and_others_are_ignored() -> None:
    look = look_for("impatient", "Mr. Tan")
    base = pixels(portrait(look, "calm", size=(250, 300)))
    for cue in (
        "checks-watch",
        "phone-in-hand",
        "jabs-finger",
        "arms-folded",
        "red-faced",
        "tears",
        "crying",
        "shivering",
        "leans-in",
        "looks-down",
        "arms-crossed",
    ):
        assert pixels(portrait(look, "calm", size=(250, 300), cues=(cue,))) != base, cue
    for cue in ("sighs-loudly", "low-voice-ish", "menacing-tone", "bargaining"):
        assert pixels(portrait(look, "calm", size=(250, 300), cues=(cue,))) == base, cue


def test_high_contrast_portrait_differs_and_reads_on_black() -> None:
    look = look_for("silent", "Mr. Wu")
    plain = portrait(look, "angry")
    bold = portrait(look, "angry", high_contrast=True)
    assert differing(plain, bold) > 200 * 240 * 0.1
    surface = pygame.Surface((200, 240))
    surface.fill((0, 0, 0))
    draw_portrait(surface, surface.get_rect(), look, "angry", high_contrast=True)
    white = pygame.mask.from_threshold(surface, (255, 255, 255), (30, 30, 30, 255))
    assert white.count() > 200  # a light outline separates the figure from the black


def test_unknown_mood_draws_as_calm() -> None:
    look = look_for("reasonable", "Sam")
    assert pixels(portrait(look, "bewildered")) == pixels(portrait(look, "calm"))


def test_portrait_cache_is_bounded() -> None:
    look = look_for("reasonable", "Ms. Okafor")
    for i in range(60):
        portrait(look, MOODS[i % 5], size=(100 + i, 120 + i))
    assert len(portrait_module._cache) <= 32


# --------------------------------------------------------------------------------- backgrounds


def test_every_known_industry_differs_from_the_default() -> None:
    default = background("underwater basket weaving")
    assert pixels(default) == pixels(background("shop"))
    images = {industry: background(industry) for industry in INDUSTRIES}
    for industry in INDUSTRIES:
        if industry != "shop":
            assert differing(images[industry], default) > 320 * 180 * 0.1, industry
    for a, b in combinations(INDUSTRIES, 2):
        assert pixels(images[a]) != pixels(images[b]), (a, b)


@pytest.mark.parametrize(
    "text,scene",
    [
        ("Hotel", "hotel"),
        ("E-commerce", "ecommerce"),
        ("online retail", "ecommerce"),
        ("Fast-Food", "fast food"),
        ("burger bar", "fast food"),
        ("healthcare", "clinic"),
        ("hospital", "hospital"),
        ("Dry Cleaning", "dry cleaning"),
        ("laundry", "dry cleaning"),
        ("airline", "airline"),
        ("airport lounge", "airline"),
        ("telecom", "telecom"),
        ("mobile broadband", "telecom"),
        ("software", "software"),
        ("IT support", "software"),
        ("bank", "bank"),
        ("credit union", "bank"),
        ("cafe", "restaurant"),
        ("restaurant", "restaurant"),
        ("hair salon", "shop"),
        ("repair shop", "shop"),
        ("", "shop"),
    ],
)
def test_industry_names_and_synonyms(text: str, scene: str) -> None:
    assert bg_module.scene_for(text) == scene


def test_bundled_scenario_industries_all_have_a_scene() -> None:
    for industry in (
        "airline",
        "bank",
        "dry cleaning",
        "ecommerce",
        "fast food",
        "healthcare",
        "hospital",
        "hotel",
        "restaurant",
        "software",
        "telecom",
    ):
        assert bg_module.scene_for(industry) != "shop", industry


def test_background_is_deterministic_for_the_same_arguments() -> None:
    for industry in INDUSTRIES:
        first = background(industry, t=3.3)
        bg_module._cache.clear()
        second = background(industry, t=3.3)
        assert pixels(first) == pixels(second), industry


def test_background_motion_and_reduced_motion() -> None:
    for industry in INDUSTRIES:
        frames = {pixels(background(industry, t=t, reduced_motion=True)) for t in (0, 1.5, 7)}
        assert len(frames) == 1, industry
        moving = {pixels(background(industry, t=t)) for t in (0, 1.5, 7, 20)}
        assert len(moving) > 1, industry


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600), (333, 187), (200, 400), (24, 13)])
def test_background_stays_inside_its_rect(size: tuple[int, int]) -> None:
    w, h = size
    surface = pygame.Surface((w + 50, h + 40))
    rect = pygame.Rect(20, 15, w, h)
    for industry in INDUSTRIES:
        for hc in (False, True):
            surface.fill(SENTINEL)
            draw_background(surface, rect, industry, high_contrast=hc, t=4.2)
            assert untouched_outside(surface, rect), (size, industry, hc)
            inside = surface.subsurface(rect)
            assert pygame.mask.from_threshold(inside, SENTINEL, (1, 1, 1, 255)).count() == 0


def test_high_contrast_background_is_near_black() -> None:
    for industry in INDUSTRIES:
        surface = background(industry, high_contrast=True)
        dark = pygame.mask.from_threshold(surface, (0, 0, 0), (40, 40, 40, 255)).count()
        assert dark > 320 * 180 * 0.75, industry


def test_background_cache_is_bounded() -> None:
    for i in range(20):
        background("hotel", size=(100 + i, 60))
    assert len(bg_module._cache) <= 8


# --------------------------------------------------------------------------------- import


def test_importing_the_art_package_does_no_pygame_work() -> None:
    code = (
        "import pygame, trainer.ui.art as art; "
        "print(pygame.get_init(), pygame.display.get_init(), pygame.font.get_init())"
    )
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert run.stdout.split() == ["False", "False", "False"]
