"""What the trainee did, read off a run's turns: the only input of every dimension.

Scores depend on the tags of the choices taken, the remedies offered and the time taken, never
on the customer's anger or the random reply lines, so a run scores the same whatever its seed.

Conduct is read at the turn it happens (principle 14): when each part of the apology was first
said, and how many chances to say it had passed by then; whether each wait was explained while
it lasted; whether empathy came where the customer was distressed; and where false reassurance,
brushing off and stalling happened.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from ..engine.state import Turn
from ..scenario.model import APOLOGY_GOOD, Choice, Remedy, Scenario
from .rubric import RUBRIC, Rubric

#: (turns of missed chances before it was said, said late: after a remedy was offered with no
#: word of apology before it)
Timing = tuple[int, bool]

#: conduct that voids what the same choice claims: a promise one cannot keep is neither
#: empathy nor information; a brush-off is not empathy; a stall is not information
_NOT_EMPATHY = frozenset({"false-reassurance", "brush-off"})
_NOT_INFORM = frozenset({"false-reassurance", "brush-off", "stall"})


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
    empathy: bool  # empathy anywhere (voided by false reassurance or brushing off)
    listened_first: bool
    listened: bool
    interrupts: int
    inform: bool  # informed anywhere (voided by false reassurance, brushing off, stalling)
    verify: bool
    proactive: bool
    first_apology: int | None  # turn index of the first (even conditional) apology
    first_offer: int | None  # turn index of the first real (non-escalation) remedy
    offered: tuple[Remedy, ...]  # real remedies, in order of first offer
    offer_turns: int  # how many turns offered real remedies
    escalated: bool
    escalated_at: int | None
    #: every escalation: (turn index, to security, made at a menu as part of an offer)
    escalations: tuple[tuple[int, bool, bool], ...]
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
    #: when each good apology component was first said (principle 14)
    component_timing: Mapping[str, Timing]
    #: when the first conditional apology ("sorry if you feel...") was said
    conditional_timing: Timing | None
    distress_turns: int  # decisions taken where the customer was distressed
    distress_empathy: int  # ...of which showed empathy
    waits: int  # decisions that kept the customer waiting (longer than the rubric's wait_min)
    informed_waits: int  # ...of which the customer was told what was happening while waiting
    conduct: Mapping[str, int]  # false-reassurance, brush-off, stall: how many times each

    @property
    def apologised(self) -> bool:
        return bool(self.good_components) or self.conditional

    @property
    def empathy_share(self) -> float:
        """Empathy where it was called for: the share of the distressed moments met with it
        (where the path met no distressed moment, empathy anywhere counts)."""
        if self.distress_turns:
            return self.distress_empathy / self.distress_turns
        return 1.0 if self.empathy else 0.0

    @property
    def informed_share(self) -> float:
        """The share of waits during which the customer was kept informed (1 with no wait)."""
        return self.informed_waits / self.waits if self.waits else 1.0

    @property
    def handed_over(self) -> bool:
        """A hand-over of the remedy to a manager (principle 15): a manager escalation made as
        part of an offer, or by a choice before any threat. A security call never is one, and an
        escalation answering a threat is for the threat."""
        return any(
            not security and (at_menu or self.threat_at is None or turn < self.threat_at)
            for turn, security, at_menu in self.escalations
        )

    @property
    def escalated_after_threat(self) -> bool:
        """An escalation (to a manager or security) at or after the first threat."""
        return self.threat_at is not None and any(
            turn >= self.threat_at for turn, _, _ in self.escalations
        )


def choice_of(scenario: Scenario, turn: Turn) -> Choice | None:
    if turn.choice is None:
        return None
    return scenario.beats[turn.beat].choice(turn.choice)


@dataclass(frozen=True)
class Scene:
    """What each beat calls for, read once per scenario."""

    #: the good apology components some choice of the beat offers (a chance to say them)
    apology_chances: Mapping[str, frozenset[str]]
    distressed: frozenset[str]


@lru_cache(maxsize=256)
def scene(scenario: Scenario) -> Scene:
    chances = {
        beat.id: frozenset(t for c in beat.choices for t in c.apology if t in APOLOGY_GOOD)
        for beat in scenario.beats.values()
    }
    distressed = frozenset(b for b in scenario.beats if scenario.distressed(b))
    return Scene(MappingProxyType(chances), distressed)


class FactsBuilder:
    """Accumulates :class:`Facts` one turn at a time, so a search extending a path by one
    decision does not re-read the whole path (``copy`` before ``add`` to branch)."""

    __slots__ = (
        "scenario",
        "rubric",
        "scene",
        "good",
        "conditional",
        "excessive",
        "empathy",
        "listened_first",
        "listened",
        "inform",
        "verify",
        "proactive",
        "escalated",
        "insulted",
        "blames",
        "deflects",
        "refuses",
        "argues",
        "interrupts",
        "offer_turns",
        "first_apology",
        "first_offer",
        "escalated_at",
        "escalations",
        "threat_at",
        "ack_minute",
        "offered",
        "follow_up",
        "boundaries",
        "resolved",
        "handed_over",
        "seconds",
        "minute",
        "count",
        "timing",
        "missed",
        "conditional_timing",
        "distress_turns",
        "distress_empathy",
        "waits",
        "informed_waits",
        "open_waits",
        "conduct",
    )

    def __init__(self, scenario: Scenario, rubric: Rubric = RUBRIC) -> None:
        self.scenario = scenario
        self.rubric = rubric
        self.scene = scene(scenario)
        self.good: frozenset[str] = frozenset()
        self.conditional = self.excessive = self.empathy = self.listened_first = False
        self.listened = self.inform = self.verify = self.proactive = False
        self.escalated = self.insulted = self.blames = False
        self.deflects = self.refuses = self.argues = self.interrupts = self.offer_turns = 0
        self.first_apology: int | None = None
        self.first_offer: int | None = None
        self.escalated_at: int | None = None
        self.escalations: tuple[tuple[int, bool, bool], ...] = ()
        self.threat_at: int | None = None
        self.ack_minute: float | None = None
        self.offered: tuple[Remedy, ...] = ()
        self.follow_up: frozenset[str] = frozenset()
        self.boundaries: tuple[str, ...] = ()
        self.resolved: float | None = None  # when the last real remedy is carried out
        self.handed_over: float | None = None  # when a hand-over completes (if no remedy)
        self.seconds: tuple[float, ...] = ()
        self.minute = 0.0
        self.count = 0
        self.timing: tuple[tuple[str, Timing], ...] = ()  # component -> when first said
        self.missed: tuple[int, ...] = (0,) * len(APOLOGY_GOOD)  # chances passed, per component
        self.conditional_timing: Timing | None = None
        self.distress_turns = self.distress_empathy = 0
        self.waits = self.informed_waits = 0
        self.open_waits: tuple[tuple[int, float], ...] = ()  # (turn, minute the wait ends)
        self.conduct: tuple[int, int, int] = (0, 0, 0)  # false-reassurance, brush-off, stall

    def copy(self) -> FactsBuilder:
        twin = FactsBuilder.__new__(FactsBuilder)
        for name in FactsBuilder.__slots__:
            setattr(twin, name, getattr(self, name))  # every field is immutable
        return twin

    def key(self) -> tuple[object, ...]:
        """Everything that can still change a score, times aside: two partial paths at the same
        beat with the same key differ only in the time they took."""
        return (
            self.good,
            self.conditional,
            min(self.deflects, 2),
            self.blames,
            min(self.refuses, 2),
            min(self.argues, 2),
            self.excessive,
            self.empathy,
            self.listened_first,
            self.listened,
            min(self.interrupts, 3),
            self.inform,
            self.verify,
            self.proactive,
            tuple(sorted(r.id for r in self.offered)),
            min(self.offer_turns, 2),
            self.first_offer is not None,
            tuple(
                (security, at_menu, self.threat_at is not None and t >= self.threat_at)
                for t, security, at_menu in self.escalations
            ),
            self.follow_up,
            tuple(sorted(set(self.boundaries))),
            self.threat_at is not None,
            self.ack_minute is not None,
            self.timing,
            self.missed,
            self.conditional_timing,
            self.distress_turns,
            self.distress_empathy,
            self.waits,
            self.informed_waits,
            len(self.open_waits),
            self.conduct,
        )

    def add(self, turn: Turn) -> FactsBuilder:
        scenario = self.scenario
        i = turn.index
        beat = scenario.beats[turn.beat]
        self.count += 1
        self.seconds = self.seconds + (turn.after,)
        self.minute = turn.minute
        if beat.abuse == "threat" and self.threat_at is None:
            self.threat_at = i
        if beat.abuse == "insult":
            self.insulted = True
        choice = choice_of(scenario, turn)
        remedies = [r for rid in turn.offer if (r := scenario.remedy(rid)) is not None]
        # An apology after the remedy counts for less (principle 1): every part of it, when the
        # first words of apology came only after something was offered.
        late = self.first_offer is not None and (
            self.first_apology is None or self.first_apology > self.first_offer
        )
        acknowledges = False
        informs = False
        if choice is not None:
            conduct = frozenset(choice.conduct)
            tags = choice.apology
            good_here = [t for t in tags if t in APOLOGY_GOOD]
            if good_here:
                self.good = self.good | frozenset(good_here)
            timing = dict(self.timing)
            for tag in good_here:
                if tag not in timing:
                    timing[tag] = (self.missed[APOLOGY_GOOD.index(tag)], late)
            self.timing = tuple(sorted(timing.items()))
            if "conditional" in tags:
                self.conditional = True
                if self.conditional_timing is None:
                    regret = APOLOGY_GOOD.index("regret")
                    self.conditional_timing = (self.missed[regret], late)
            # A chance to say a part of the apology passes when the beat offered it and the
            # trainee said something else, unless they were listening first (Min et al. 2020).
            chances = self.scene.apology_chances.get(beat.id, frozenset())
            waiting = choice.listen in ("open", "paraphrase") or choice.proactive
            if chances and not waiting:
                self.missed = tuple(
                    n + (1 if c in chances and c not in timing else 0)
                    for c, n in zip(APOLOGY_GOOD, self.missed, strict=True)
                )
            self.deflects += tags.count("deflect")
            self.refuses += tags.count("refuse")
            self.argues += tags.count("argue")
            self.blames = self.blames or "blame-customer" in tags
            self.excessive = self.excessive or "excessive" in tags
            if (good_here or "conditional" in tags) and self.first_apology is None:
                self.first_apology = i
            acknowledges = bool(good_here) or "conditional" in tags or choice.proactive
            empathy = choice.empathy and not conduct & _NOT_EMPATHY
            if scenario.failure.visible and empathy:
                acknowledges = True
            self.empathy = self.empathy or empathy
            if beat.id in self.scene.distressed:
                self.distress_turns += 1
                self.distress_empathy += 1 if empathy else 0
            if choice.listen in ("open", "paraphrase"):
                self.listened = True
                if self.first_offer is None:
                    self.listened_first = True
            elif choice.listen == "interrupt":
                self.interrupts += 1
            informs = choice.inform and not conduct & _NOT_INFORM
            self.inform = self.inform or informs
            self.verify = self.verify or choice.verify
            self.proactive = self.proactive or choice.proactive
            if choice.follow_up:
                self.follow_up = self.follow_up | frozenset(choice.follow_up)
            if choice.boundary:
                self.boundaries = self.boundaries + (choice.boundary,)
            if conduct:
                self.conduct = (
                    self.conduct[0] + ("false-reassurance" in conduct),
                    self.conduct[1] + ("brush-off" in conduct),
                    self.conduct[2] + ("stall" in conduct),
                )
            if choice.escalate:
                self.escalated = True
                self.escalations = self.escalations + ((i, choice.security, False),)
                if self.escalated_at is None:
                    self.escalated_at = i
                done = turn.minute + choice.minutes
                self.handed_over = done if self.handed_over is None else max(self.handed_over, done)
        for remedy in remedies:
            if remedy.escalate:
                self.escalated = True
                self.escalations = self.escalations + ((i, remedy.security, True),)
                if self.escalated_at is None:
                    self.escalated_at = i
        if any(not r.escalate for r in remedies):
            self.offer_turns += 1
            if self.first_offer is None:
                self.first_offer = i
        for remedy in remedies:
            done = turn.minute + remedy.minutes
            if remedy.escalate:
                self.handed_over = done if self.handed_over is None else max(self.handed_over, done)
                continue
            if remedy not in self.offered:
                self.offered = self.offered + (remedy,)
            self.resolved = done if self.resolved is None else max(self.resolved, done)
        if acknowledges and self.ack_minute is None:
            self.ack_minute = turn.minute
        self._waits(turn, choice, remedies, informs)
        return self

    def _waits(
        self, turn: Turn, choice: Choice | None, remedies: list[Remedy], informs: bool
    ) -> None:
        """Informing at each wait (principle 14; Hogreve et al. 2017). A choice that takes longer
        than ``wait_min`` in-world minutes keeps the customer waiting while it happens: only the
        choice itself can explain that wait. An offer (a hand-over included) carried out over
        more than ``wait_min`` minutes runs alongside the conversation: it is explained if the
        offer, the next decision, or any decision taken before it is carried out informs."""
        still: list[tuple[int, float]] = []
        for start, end in self.open_waits:
            if informs:
                self.informed_waits += 1
            elif turn.minute < end:
                still.append((start, end))
        slow_choice = choice is not None and choice.minutes > self.rubric.wait_min
        if slow_choice:
            self.waits += 1
            self.informed_waits += 1 if informs else 0
        carried_out = max([r.minutes for r in remedies], default=0.0)
        if carried_out > self.rubric.wait_min:
            self.waits += 1
            if informs:
                self.informed_waits += 1
            else:
                still.append((turn.index, turn.minute + carried_out))
        self.open_waits = tuple(still)

    def build(self, final_minute: float | None = None) -> Facts:
        resolved = self.resolved if self.resolved is not None else self.handed_over
        end_minute = final_minute if final_minute is not None else self.minute
        return Facts(
            turns=self.count,
            good_components=self.good,
            conditional=self.conditional,
            deflects=self.deflects,
            blames_customer=self.blames,
            refuses=self.refuses,
            argues=self.argues,
            excessive=self.excessive,
            empathy=self.empathy,
            listened_first=self.listened_first,
            listened=self.listened,
            interrupts=self.interrupts,
            inform=self.inform,
            verify=self.verify,
            proactive=self.proactive,
            first_apology=self.first_apology,
            first_offer=self.first_offer,
            offered=self.offered,
            offer_turns=self.offer_turns,
            escalated=self.escalated,
            escalated_at=self.escalated_at,
            escalations=self.escalations,
            follow_up=self.follow_up,
            boundaries=self.boundaries,
            threat_at=self.threat_at,
            insulted=self.insulted,
            ack_minute=self.ack_minute,
            resolved_at=resolved,
            decision_seconds=self.seconds,
            world_minutes=max(end_minute, resolved or 0.0),
            spent=sum(r.cost for r in self.offered),
            discretionary=sum(r.cost for r in self.offered if not r.owed),
            component_timing=MappingProxyType(dict(self.timing)),
            conditional_timing=self.conditional_timing,
            distress_turns=self.distress_turns,
            distress_empathy=self.distress_empathy,
            waits=self.waits,
            informed_waits=self.informed_waits,
            conduct=MappingProxyType(
                dict(zip(("false-reassurance", "brush-off", "stall"), self.conduct, strict=True))
            ),
        )


def extract(
    scenario: Scenario,
    turns: Sequence[Turn],
    final_minute: float | None = None,
    rubric: Rubric = RUBRIC,
) -> Facts:
    """Summarise ``turns`` into :class:`Facts` (``final_minute``: the clock at the end)."""
    builder = FactsBuilder(scenario, rubric)
    for turn in turns:
        builder.add(turn)
    return builder.build(final_minute)


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
    handover: bool  # a manager escalation exists (security calls are not hand-overs)
    listen: bool
    threat: bool
    apologise: bool  # a choice offers responsibility, regret or repair
    follow_up: bool  # a choice follows up


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
        handover=any(c.escalate and not c.security for c in choices)
        or any(r.escalate and not r.security for r in scenario.remedies),
        listen=any(c.listen in ("open", "paraphrase") for c in choices),
        threat=any(b.abuse == "threat" for b in scenario.beats.values()),
        apologise=bool(tags & {"responsibility", "regret", "repair"}),
        follow_up=any(c.follow_up for c in choices),
    )
