"""What the trainee did, read off a run's turns: the only input of every dimension.

Scores depend on the tags of the choices taken, the remedies offered and the time taken, never
on the customer's anger or the random reply lines, so a run scores the same whatever its seed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..engine.state import Turn
from ..scenario.model import APOLOGY_GOOD, Choice, Remedy, Scenario


@dataclass(frozen=True)
class Facts:
    turns: int
    good_components: frozenset[str]
    conditional: bool
    deflects: int
    blames_customer: bool
    refuses: int
    argues: int
    excessive: bool
    empathy: bool
    listened_first: bool
    listened: bool
    interrupts: int
    inform: bool
    verify: bool
    proactive: bool
    first_apology: int | None  # turn index of the first (even conditional) apology
    first_offer: int | None  # turn index of the first real (non-escalation) remedy
    offered: tuple[Remedy, ...]  # real remedies, in order of first offer
    offer_turns: int  # how many turns offered real remedies
    escalated: bool
    escalated_at: int | None
    follow_up: frozenset[str]
    boundaries: tuple[str, ...]
    threat_at: int | None
    insulted: bool
    ack_minute: float | None
    resolved_at: float | None
    decision_seconds: tuple[float, ...]
    world_minutes: float
    spent: float  # everything offered, what the business pays
    discretionary: float  # what counts against the trainee's authority (owed remedies aside)

    @property
    def apologised(self) -> bool:
        return bool(self.good_components) or self.conditional


def choice_of(scenario: Scenario, turn: Turn) -> Choice | None:
    if turn.choice is None:
        return None
    return scenario.beats[turn.beat].choice(turn.choice)


def extract(scenario: Scenario, turns: Sequence[Turn], final_minute: float | None = None) -> Facts:
    """Summarise ``turns`` into :class:`Facts` (``final_minute``: the clock at the end)."""
    good: set[str] = set()
    conditional = excessive = empathy = listened_first = listened = inform = verify = False
    proactive = escalated = insulted = blames = False
    deflects = refuses = argues = interrupts = offer_turns = 0
    first_apology = first_offer = escalated_at = threat_at = None
    ack_minute: float | None = None
    offered: list[Remedy] = []
    follow_up: set[str] = set()
    boundaries: list[str] = []
    resolved: float | None = None  # when the last real remedy is carried out
    handed_over: float | None = None  # when a hand-over completes (counts only if no remedy)
    seconds: list[float] = []
    visible = scenario.failure.visible
    minute = 0.0
    for turn in turns:
        i = turn.index
        beat = scenario.beats[turn.beat]
        seconds.append(turn.after)
        minute = turn.minute
        if beat.abuse == "threat" and threat_at is None:
            threat_at = i
        if beat.abuse == "insult":
            insulted = True
        choice = choice_of(scenario, turn)
        remedies = [r for rid in turn.offer if (r := scenario.remedy(rid)) is not None]
        real = [r for r in remedies if not r.escalate]
        acknowledges = False
        if choice is not None:
            tags = choice.apology
            good_here = [t for t in tags if t in APOLOGY_GOOD]
            good.update(good_here)
            if "conditional" in tags:
                conditional = True
            deflects += tags.count("deflect")
            refuses += tags.count("refuse")
            argues += tags.count("argue")
            blames = blames or "blame-customer" in tags
            excessive = excessive or "excessive" in tags
            if (good_here or "conditional" in tags) and first_apology is None:
                first_apology = i
            acknowledges = bool(good_here) or "conditional" in tags or choice.proactive
            if visible and choice.empathy:
                acknowledges = True
            empathy = empathy or choice.empathy
            if choice.listen in ("open", "paraphrase"):
                listened = True
                if first_offer is None:
                    listened_first = True
            elif choice.listen == "interrupt":
                interrupts += 1
            elif choice.listen == "closed":
                listened = listened or False
            inform = inform or choice.inform
            verify = verify or choice.verify
            proactive = proactive or choice.proactive
            follow_up.update(choice.follow_up)
            if choice.boundary:
                boundaries.append(choice.boundary)
            if choice.escalate:
                escalated = True
                escalated_at = i if escalated_at is None else escalated_at
                done = turn.minute + choice.minutes
                handed_over = done if handed_over is None else max(handed_over, done)
        if any(r.escalate for r in remedies):
            escalated = True
            escalated_at = i if escalated_at is None else escalated_at
        if real:
            offer_turns += 1
            if first_offer is None:
                first_offer = i
        for remedy in remedies:
            done = turn.minute + remedy.minutes
            if remedy.escalate:
                handed_over = done if handed_over is None else max(handed_over, done)
                continue
            if remedy not in offered:
                offered.append(remedy)
            resolved = done if resolved is None else max(resolved, done)
        if acknowledges and ack_minute is None:
            ack_minute = turn.minute
    if resolved is None:
        resolved = handed_over
    end_minute = final_minute if final_minute is not None else minute
    world = max(end_minute, resolved or 0.0)
    return Facts(
        turns=len(turns), good_components=frozenset(good), conditional=conditional,
        deflects=deflects, blames_customer=blames, refuses=refuses, argues=argues,
        excessive=excessive, empathy=empathy, listened_first=listened_first, listened=listened,
        interrupts=interrupts, inform=inform, verify=verify, proactive=proactive,
        first_apology=first_apology, first_offer=first_offer, offered=tuple(offered),
        offer_turns=offer_turns, escalated=escalated, escalated_at=escalated_at,
        follow_up=frozenset(follow_up), boundaries=tuple(boundaries), threat_at=threat_at,
        insulted=insulted, ack_minute=ack_minute, resolved_at=resolved,
        decision_seconds=tuple(seconds), world_minutes=world,
        spent=sum(r.cost for r in offered),
        discretionary=sum(r.cost for r in offered if not r.owed),
    )


@dataclass(frozen=True)
class Options:
    """What the scenario makes possible at all: items it gives no way to do are not applicable."""

    calm: bool
    retaliate: bool
    cave: bool
    verify: bool
    accuse: bool
    explain: bool
    inform: bool
    log: bool
    escalate: bool
    listen: bool
    threat: bool


@lru_cache(maxsize=256)
def options(scenario: Scenario) -> Options:
    choices = [c for beat in scenario.beats.values() for c in beat.choices]
    tags = {t for c in choices for t in c.apology}
    return Options(
        calm=any(c.boundary == "calm" for c in choices),
        retaliate=any(c.boundary == "retaliate" for c in choices),
        cave=any(c.boundary == "cave" for c in choices),
        verify=any(c.verify for c in choices),
        accuse=bool(tags & {"blame-customer", "argue"}),
        explain="explanation" in tags or any(c.inform for c in choices),
        inform=any(c.inform for c in choices),
        log=any("log" in c.follow_up for c in choices),
        escalate=any(c.escalate for c in choices) or any(r.escalate for r in scenario.remedies),
        listen=any(c.listen in ("open", "paraphrase") for c in choices),
        threat=any(b.abuse == "threat" for b in scenario.beats.values()),
    )
