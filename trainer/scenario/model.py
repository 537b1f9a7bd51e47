"""The scenario model: frozen dataclasses built by the loader, read by the engine and rubric.

Nothing here does I/O. Every text a person reads is a :class:`Text` (a locale mapping with a
fallback); every enumerated value is checked by the validator before a model is built, so the
engine and the rubric can trust what they get.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

END = "end"

LOSSES = ("money", "time", "comfort", "status", "property", "safety")
NEEDS = ("fix", "compensation", "acknowledgment", "explanation", "speed", "respect")
FAULTS = ("ours", "external", "customer", "shared")
APOLOGY_GOOD = ("regret", "explanation", "responsibility", "repentance", "repair", "forgiveness")
APOLOGY_BAD = ("deflect", "blame-customer", "conditional", "refuse", "argue", "excessive")
APOLOGY_TAGS = APOLOGY_GOOD + APOLOGY_BAD
LISTEN = ("open", "closed", "paraphrase", "interrupt")
BOUNDARY = ("calm", "retaliate", "cave")
FOLLOW_UP = ("check-in", "prevention", "thanks", "log")
PIN = ("last",)
#: what trainers see staff do wrong that the other tags cannot say (principle 14): reassuring with
#: what one cannot know ("he'll be fine"), brushing the customer off ("wait over there"), and
#: stalling ("not long now") instead of real information
CONDUCT = ("false-reassurance", "brush-off", "stall")
ESCALATE_TO = ("manager", "security")  # escalate: true means manager
ABUSE = ("insult", "threat")
ARCHETYPES = (
    "reasonable",
    "impatient",
    "silent",
    "never-satisfied",
    "abusive",
    "opportunist",
    "anxious",
)
MOODS = ("pleased", "calm", "tense", "angry", "furious")
#: what the last decision did, as the customer hears it: persona lines may answer each
#: (principle: the customer answers what was said, and never presumes what was not)
REACTIONS = (
    "apologised",  # a part of a sincere apology, before anything is offered
    "excuses",  # deflected the blame, or denied any duty
    "blamed",  # blamed or contradicted the customer
    "silence",  # kept them waiting: no answer in time, brushed off, stalled
    "fair-offer",  # what has been offered so far restores about the loss
    "low-offer",  # ...falls well short of it
    "high-offer",  # ...is twice the loss or more
    "limit",  # set a calm limit
    "retaliated",  # answered in kind
    "escalated",  # called a manager or security
    "followed-up",  # told what will change, promised a check-in, or thanked them
)
LINE_KINDS = MOODS + ("timeout", "leave") + REACTIONS


@dataclass(frozen=True)
class Text:
    """A text in several locales; ``get`` falls back to the scenario's first locale."""

    values: Mapping[str, str]
    fallback: str = "en"
    line: int = 0  # where it was written (0: unknown), for lint's locale coverage
    col: int = 0

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.values.items())), self.fallback))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Text):
            return NotImplemented
        return dict(self.values) == dict(other.values) and self.fallback == other.fallback

    def get(self, locale: str | None = None) -> str:
        """Return the text in ``locale``, else in the fallback, else in any locale."""
        if locale and locale in self.values:
            return self.values[locale]
        if locale and "-" in locale:
            # zh-Hant-TW -> zh-Hant, and so on: strip subtags one at a time.
            parts = locale.split("-")
            while len(parts) > 1:
                parts.pop()
                candidate = "-".join(parts)
                if candidate in self.values:
                    return self.values[candidate]
        if self.fallback in self.values:
            return self.values[self.fallback]
        for value in self.values.values():
            return value
        return ""

    def locales(self) -> frozenset[str]:
        return frozenset(self.values)

    @staticmethod
    def plain(value: str, fallback: str = "en", line: int = 0, col: int = 0) -> Text:
        return Text(MappingProxyType({fallback: value}), fallback, line, col)


@dataclass(frozen=True)
class Pos:
    """Where something was written: file, 1-based line and column."""

    file: str
    line: int
    col: int


@dataclass(frozen=True)
class Remedy:
    id: str
    label: Text
    cost: float = 0.0
    value: float = 0.0
    minutes: float = 1.0
    restores: frozenset[str] = frozenset()
    fixes: bool = False
    delayed: bool = False
    owed: bool = False
    escalate: bool = False
    security: bool = False  # escalate: security (a security call, not a remedy hand-over)
    pos: Pos | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Choice:
    id: str
    text: Text
    next: str
    apology: tuple[str, ...] = ()
    listen: str | None = None
    reveals: tuple[str, ...] = ()
    empathy: bool = False
    verify: bool = False
    offer: tuple[str, ...] = ()
    inform: bool = False
    boundary: str | None = None
    escalate: bool = False
    security: bool = False  # escalate: security (a security call, not a remedy hand-over)
    follow_up: tuple[str, ...] = ()
    check_in_hours: float | None = None
    proactive: bool = False
    conduct: tuple[str, ...] = ()
    minutes: float = 1.0
    reply: Text | None = None
    reply_mood: str | None = None  # the mood the authored reply is said in
    feedback: Text | None = None
    pin: str | None = None  # "last": shown after the drawn order (a "(say nothing)" option)
    pos: Pos | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Beat:
    id: str
    say: Text
    choices: tuple[Choice, ...] = ()
    menu: bool = False
    next: str | None = None  # for menu beats
    cues: tuple[str, ...] = ()
    abuse: str | None = None
    patience_s: float | None = None
    on_timeout: str | None = None
    #: the customer is distressed here, so empathy is called for (None: derived, see
    #: :meth:`Scenario.distressed`)
    distress: bool | None = None
    pos: Pos | None = field(default=None, compare=False)

    def choice(self, choice_id: str) -> Choice | None:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        return None

    def successors(self) -> tuple[str, ...]:
        """Beat ids (or ``end``) this beat can lead to, timeouts included."""
        out: list[str] = []
        if self.menu and self.next:
            out.append(self.next)
        out.extend(choice.next for choice in self.choices)
        if self.on_timeout:
            out.append(self.on_timeout)
        return tuple(dict.fromkeys(out))


@dataclass(frozen=True, eq=False)
class Persona:
    id: str
    name: Text
    patience_s: float = 20.0
    temper: float = 40.0
    forgiveness: float = 0.6
    satisfiable: bool = True
    complains: bool = True
    abusive: bool = False
    opportunist: bool = False
    archetype: str = "reasonable"
    inertia: float = 0.6
    lines: Mapping[str, Mapping[str, tuple[str, ...]]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    #: reaction kind -> mood ("" for any mood) -> locale -> lines
    reactions: Mapping[str, Mapping[str, Mapping[str, tuple[str, ...]]]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    source: str = ""
    raw: bytes = b""  # the persona file as read (empty for an inline persona)

    def lines_for(self, kind: str, locale: str, fallback: str = "en") -> tuple[str, ...]:
        """Reaction lines of a mood (or ``timeout``/``leave``), with mood and locale fallback."""
        order = {
            "pleased": ("pleased", "calm"),
            "furious": ("furious", "angry"),
        }.get(kind, (kind,))
        for mood in order:
            by_locale = self.lines.get(mood)
            if not by_locale:
                continue
            for loc in (locale, locale.split("-")[0], fallback, "en"):
                if loc in by_locale and by_locale[loc]:
                    return by_locale[loc]
            for values in by_locale.values():
                if values:
                    return values
        return ()

    def reaction_lines(
        self, kind: str, mood: str, locale: str, fallback: str = "en"
    ) -> tuple[tuple[str, ...], str]:
        """Lines answering a reaction ``kind`` in ``mood``, and the mood they are said in: the
        kind's lines for that mood, else for the nearest mood it has (the angrier on a tie),
        else its lines for any mood (said in ``mood``). Empty when the persona has none."""
        by_mood = self.reactions.get(kind)
        if not by_mood:
            return (), mood
        here = MOODS.index(mood) if mood in MOODS else 1
        order = sorted(
            by_mood, key=lambda m: (abs(MOODS.index(m) - here), -MOODS.index(m)) if m else (99, 0)
        )
        for said_in in order:
            by_locale = by_mood[said_in]
            for loc in (locale, locale.split("-")[0], fallback, "en"):
                if by_locale.get(loc):
                    return by_locale[loc], said_in or mood
            for values in by_locale.values():
                if values:
                    return values, said_in or mood
        return (), mood


@dataclass(frozen=True)
class Failure:
    summary: Text
    severity: int
    value: float  # the whole loss (the sum of ``values``)
    losses: frozenset[str]
    fault: str
    visible: bool
    #: what each loss is worth (``value`` written as a mapping); empty: ``value`` split evenly
    values: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))

    def loss_value(self, loss: str) -> float:
        """What one of the failure's losses is worth to the customer."""
        if loss not in self.losses:
            return 0.0
        if self.values:
            return float(self.values.get(loss, 0.0))
        return self.value / len(self.losses) if self.losses else 0.0

    def __hash__(self) -> int:
        return hash((self.summary, self.severity, self.value, self.losses, self.fault))


@dataclass(frozen=True)
class Authority:
    budget: float
    currency: str
    manager: bool


@dataclass(frozen=True)
class Timing:
    decide_s: float = 10.0
    acknowledge_min: float = 2.0
    resolve_min: float = 20.0


@dataclass(frozen=True)
class Customer:
    persona: Persona
    name: str
    needs: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Scenario:
    id: str
    version: int
    title: Text
    industry: str
    difficulty: int
    tags: tuple[str, ...]
    locales: tuple[str, ...]
    failure: Failure
    authority: Authority
    timing: Timing
    customer: Customer
    remedies: tuple[Remedy, ...]
    start: str
    beats: Mapping[str, Beat]
    sha256: str = ""
    source: str = ""
    raw: bytes = b""  # the file as read: stored with each run, so runs replay on this version

    @property
    def persona(self) -> Persona:
        return self.customer.persona

    @property
    def fallback(self) -> str:
        return self.locales[0] if self.locales else "en"

    def remedy(self, remedy_id: str) -> Remedy | None:
        for remedy in self.remedies:
            if remedy.id == remedy_id:
                return remedy
        return None

    def beat(self, beat_id: str) -> Beat:
        return self.beats[beat_id]

    def distressed(self, beat_id: str) -> bool:
        """Is the customer distressed at this beat (empathy called for)? The author says so with
        ``distress: true`` on beats; a scenario that marks no beat either way has its customer
        distressed wherever the author wrote an empathetic choice. Never read off anger: the
        rubric judges what was called for by the scene, not the simulation's state."""
        beat = self.beats[beat_id]
        if beat.distress is not None:
            return beat.distress
        if any(b.distress is not None for b in self.beats.values()):
            return False
        return any(c.empathy for c in beat.choices)
