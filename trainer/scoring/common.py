"""Small shared pieces of the rubric: the decay curve, the smoothstep, a dimension's result."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Note:
    """Why a dimension scored as it did: a message key (trainer/locales), its parameters, and
    the points it cost the score (0 for a note that only explains or praises). The points of a
    dimension's notes add up to what it lost from 100, so every deduction can be named."""

    key: str
    params: tuple[tuple[str, object], ...] = ()
    points: float = 0.0

    def args(self) -> dict[str, object]:
        return dict(self.params)


@dataclass(frozen=True)
class Dim:
    """A dimension's score (0..100, not yet rounded) and the notes that explain it, most
    important first."""

    score: float
    notes: tuple[Note, ...] = field(default_factory=tuple)


def note(key: str, points: float = 0.0, **params: object) -> Note:
    return Note(key, tuple(sorted(params.items())), max(0.0, points))


def ledger(notes: list[Note]) -> tuple[Note, ...]:
    """Notes that cost something first (the largest first), then the others in order."""
    costly = sorted((n for n in notes if n.points > 0), key=lambda n: -n.points)
    return tuple(costly + [n for n in notes if n.points <= 0])


def decay(value: float, target: float, half_life: float) -> float:
    """``1`` while ``value <= target``, then halving every ``half_life`` beyond it."""
    if value <= target:
        return 1.0
    if half_life <= 0:
        return 0.0
    return float(2.0 ** (-(value - target) / half_life))


def smoothstep(x: float) -> float:
    x = max(0.0, min(1.0, x))
    return x * x * (3.0 - 2.0 * x)


def clamp(value: float, lo: float = 0.0, hi: float = 100.0) -> float:
    return max(lo, min(hi, value))
