"""Values the engine passes around: actions, the encounter state, turns and events.

All frozen: a state is never changed, only replaced by the next one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choose:
    """The trainee picks a choice of the current beat."""

    choice: str


@dataclass(frozen=True)
class Offer:
    """At a menu beat, the trainee offers these remedies (an escalation entry counts)."""

    remedies: tuple[str, ...]


Action = Choose | Offer


@dataclass(frozen=True)
class Decision:
    """One entry of the action log: what was done where, and how long it took (seconds)."""

    beat: str
    action: Action
    after: float
    shown: tuple[str, ...] = ()  # the options in the order they were on screen

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"beat": self.beat, "after": self.after}
        if isinstance(self.action, Choose):
            out["choose"] = self.action.choice
        else:
            out["offer"] = list(self.action.remedies)
        if self.shown:
            out["shown"] = list(self.shown)
        return out


@dataclass(frozen=True)
class Turn:
    """One decision as it played out: the transcript line and what the rubric reads.

    ``beat`` is where the decision was finally taken (after any ``on_timeout`` move);
    ``asked_at`` the beat whose choices were on screen when the clock started.
    ``minute`` is the in-world minute at which the decision was made. ``shown`` is the order in
    which the beat's choices (or the menu's remedies) were on screen, first to last.
    """

    index: int
    beat: str
    asked_at: str
    choice: str | None
    offer: tuple[str, ...]
    after: float
    timeouts: int
    minute: float
    anger_before: float
    anger: float
    reply: str
    mood: str
    shown: tuple[str, ...] = ()


@dataclass(frozen=True)
class State:
    """The encounter at one moment.

    ``beat`` is the current beat id, or ``"end"`` once the encounter is over. ``timeouts`` counts
    the patience intervals already applied to the decision under way, so that a window that
    ticks in real time and a script that reports the total time reach the same state.
    """

    beat: str
    anger: float
    minute: float
    turns: tuple[Turn, ...] = ()
    timeouts: int = 0
    asked_at: str = ""
    seed: int = 0
    grievance: float = 1.0  # what is left of the failure's grievance (1: untouched, 0: remedied)
    threatened: bool = False  # the customer has made a threat in this encounter
    busy_until: float = 0.0  # the in-world minute by which everything offered is carried out

    @property
    def over(self) -> bool:
        return self.beat == "end"


@dataclass(frozen=True)
class Event:
    """Something the window or a transcript shows: ``kind`` is one of
    ``reaction`` (the customer answers a decision), ``timeout`` (the customer reacts to the wait),
    ``moved`` (the conversation moved to another beat without a decision, after a timeout),
    ``beat`` (a new beat starts) and ``end``."""

    kind: str
    text: str = ""
    anger: float = 0.0
    mood: str = ""
    beat: str = ""
