"""The debrief: for each dimension, what drove the score (every deduction of 5 points or more,
named with its points), the principle in plain words, and what would have done better; the
authors' feedback at the decision it belongs to; and what happened to the customer.

What would have done better is one path, found by the engine (never typed by the author): from
the trainee's first mistake to the end, the best completion that breaks no principle. Every
dimension's advice is a step of that one path, so no two dimensions recommend different offers,
nothing the customer is owed is ever recommended away, and the advice, applied, raises the
scores it names.

The first mistake is the first decision after which the best that can still be done is worse
than before it (judged at the same decision time, so a slow but right answer is not a wrong
one: speed says so itself).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.engine import ActionError, Engine, Run
from ..engine.state import Action, Choose, Offer, State
from ..i18n import t
from ..scenario.model import APOLOGY_BAD, Scenario
from .common import Note
from .facts import extract
from .remedy_fit import left_unfixed, worth
from .rubric import RUBRIC, Rubric
from .score import Result, dimensions, evaluate
from .search import Path, explore, menu_offers, nominal_after

#: a choice carrying any of these is never recommended, whatever it would do to a score
NEVER_RECOMMENDED = frozenset(APOLOGY_BAD)
#: a decision is a mistake when the best that can still be done falls by more than this
MISTAKE_MARGIN = 1.0
#: deductions of at least this many points are always named in a dimension's sentence
NAMED_POINTS = 5.0


@dataclass(frozen=True)
class Better:
    """The step of the better path that matters most for one dimension."""

    turn: int
    beat: str
    action: Action
    dimension: str
    before: int
    after: int


@dataclass(frozen=True)
class BetterPath:
    """The best principled completion from the trainee's first mistake to the end."""

    first_mistake: int  # the index of the decision it replaces
    beats: tuple[str, ...]  # the beat of each step
    actions: tuple[Action, ...]
    raw: dict[str, float]  # the scores of the trainee's run up to the mistake, then this path

    def to_json(self, scenario: Scenario, locale: str) -> dict[str, object]:
        return {
            "from_turn": self.first_mistake,
            "steps": [
                {
                    "turn": self.first_mistake + i,
                    "beat": beat,
                    "choice": action.choice if isinstance(action, Choose) else None,
                    "offer": list(action.remedies) if isinstance(action, Offer) else None,
                    "text": describe(scenario, beat, action, locale),
                }
                for i, (beat, action) in enumerate(zip(self.beats, self.actions, strict=True))
            ],
            "scores": {name: _round(value) for name, value in self.raw.items()},
        }


@dataclass(frozen=True)
class DimensionDebrief:
    dimension: str
    score: int
    sentence: str
    principle: str
    better: str | None
    better_choice: Better | None
    deductions: tuple[tuple[str, str, int], ...] = ()  # (message key, text, points)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "dimension": self.dimension,
            "score": self.score,
            "sentence": self.sentence,
            "principle": self.principle,
            "better": self.better,
            "deductions": [
                {"key": key, "text": text, "points": points}
                for key, text, points in self.deductions
            ],
        }
        if self.better_choice is not None:
            b = self.better_choice
            out["better_choice"] = {
                "turn": b.turn,
                "beat": b.beat,
                "choice": b.action.choice if isinstance(b.action, Choose) else None,
                "offer": list(b.action.remedies) if isinstance(b.action, Offer) else None,
                "score_after": b.after,
            }
        return out


@dataclass(frozen=True)
class Debrief:
    dimensions: tuple[DimensionDebrief, ...]
    outcome_sentence: str
    better_path: BetterPath | None = None
    better_path_sentence: str | None = None
    overall: tuple[tuple[str, str, int], ...] = ()  # what the overall lost beyond its dimensions
    feedback: tuple[tuple[int, str], ...] = ()  # (turn, the author's note on that decision)


def _round(value: float) -> int:
    return int(max(0.0, min(100.0, value)) + 0.5)


def describe(scenario: Scenario, beat_id: str, action: Action, locale: str) -> str:
    beat = scenario.beats[beat_id]
    if isinstance(action, Choose):
        choice = beat.choice(action.choice)
        return choice.text.get(locale) if choice else action.choice
    labels = [f'"{r.label.get(locale)}"' for rid in action.remedies if (r := scenario.remedy(rid))]
    return " + ".join(labels)


_describe = describe  # the name the window used


def recommendable(
    scenario: Scenario, beat_id: str, action: Action, rubric: Rubric = RUBRIC
) -> bool:
    """May the debrief recommend this? Never a choice that blames, deflects, argues, refuses,
    grovels, interrupts, retaliates, caves or brushes off, stalls or falsely reassures; never an
    offer that leaves out what the customer is owed or pays more than twice the loss."""
    if isinstance(action, Choose):
        choice = scenario.beats[beat_id].choice(action.choice)
        if choice is None:
            return False
        return not (
            set(choice.apology) & NEVER_RECOMMENDED
            or choice.listen == "interrupt"
            or choice.boundary in ("retaliate", "cave")
            or choice.conduct
        )
    remedies = [r for rid in action.remedies if (r := scenario.remedy(rid)) is not None]
    owed = [r for r in scenario.remedies if r.owed and not r.escalate]
    if any(r not in remedies for r in owed):
        return False
    real = [r for r in remedies if not r.escalate]
    return not real or worth(scenario, real, rubric).nominal <= rubric.overpay_ratio


class _Search:
    """Best principled completions from states of the trainee's run, each searched once."""

    def __init__(self, run: Run, rubric: Rubric) -> None:
        self.scenario = run.scenario
        self.engine = Engine(run.scenario, time_factor=run.time_factor)  # the run's answer time
        self.rubric = rubric
        self.cache: dict[tuple[object, ...], Path | None] = {}
        self.beat_ok: dict[str, bool] = {}

    def best(self, state: State) -> Path | None:
        key = (state.beat, len(state.turns), state.minute, state.timeouts)
        if key not in self.cache:
            found = explore(
                self.scenario, self.rubric, start=state, engine=self.engine, allowed=self.allowed
            )
            self.cache[key] = found.principled or found.best
        return self.cache[key]

    def allowed(self, scenario: Scenario, beat_id: str, action: Action) -> bool:
        """Recommendable, or the beat has nothing recommendable (then anything must do)."""
        return recommendable(scenario, beat_id, action, self.rubric) or not self.any_ok(beat_id)

    def any_ok(self, beat_id: str) -> bool:
        if beat_id not in self.beat_ok:
            self.beat_ok[beat_id] = _any_recommendable(self.scenario, beat_id, self.rubric)
        return self.beat_ok[beat_id]

    def value(self, state: State) -> float:
        """The best overall still reachable from ``state`` (its own score once it is over)."""
        if state.over:
            facts = extract(self.scenario, state.turns, state.minute)
            return evaluate(self.scenario, facts, self.rubric)[1]
        path = self.best(state)
        return path.overall if path is not None else 0.0


def recommended(scenario: Scenario, beat_id: str, action: Action, rubric: Rubric = RUBRIC) -> bool:
    """May this step of a better path be shown: recommendable, or nothing at its beat is."""
    return recommendable(scenario, beat_id, action, rubric) or not _any_recommendable(
        scenario, beat_id, rubric
    )


def _any_recommendable(scenario: Scenario, beat_id: str, rubric: Rubric) -> bool:
    beat = scenario.beats[beat_id]
    candidates: list[Action] = (
        list(menu_offers(scenario, rubric)) if beat.menu else [Choose(c.id) for c in beat.choices]
    )
    return any(recommendable(scenario, beat_id, a, rubric) for a in candidates)


def better_path(run: Run, result: Result, rubric: Rubric = RUBRIC) -> BetterPath | None:
    """The best principled completion from the trainee's first mistake, or None if the trainee
    made none that any principled choice would have avoided."""
    if not run.turns:
        return None
    search = _Search(run, rubric)
    engine = search.engine
    scenario = run.scenario
    state = engine.start(run.seed)
    best_here = search.best(state)
    if best_here is None or best_here.overall <= result.raw["overall"] + MISTAKE_MARGIN:
        return None
    for index, decision in enumerate(run.decisions):
        if best_here is None:
            return None
        target = best_here.overall
        first_action = best_here.decisions[0][0] if best_here.decisions else None
        actual, _ = engine.step(state, decision.action, decision.after)
        on_time = decision.after <= nominal_after(scenario, engine, state) * 2
        if first_action != decision.action:
            # Judged at the searched decision time, so that only what was done counts here (a
            # decision within the target is judged as it was taken).
            same_time = actual
            if not on_time:
                try:
                    same_time, _ = engine.step(
                        state, decision.action, nominal_after(scenario, engine, state)
                    )
                except ActionError:
                    same_time = actual
            if search.value(same_time) < target - MISTAKE_MARGIN:
                return _path_from(scenario, engine, state, index, best_here, rubric)
        if actual.over:
            return None
        state = actual
        best_here = search.best(state)
    return None


def _path_from(
    scenario: Scenario, engine: Engine, state: State, index: int, path: Path, rubric: Rubric
) -> BetterPath:
    beats: list[str] = []
    final = state
    for action, after in path.decisions:
        beats.append(final.beat)
        final, _ = engine.step(final, action, after)
    facts = extract(scenario, final.turns, final.minute)
    dims, overall, _, _ = evaluate(scenario, facts, rubric)
    raw = {name: dim.score for name, dim in dims.items()}
    raw["overall"] = overall
    return BetterPath(index, tuple(beats), tuple(a for a, _ in path.decisions), raw)


def _relevant(
    scenario: Scenario, dimension: str, beat_id: str, action: Action, own: Action | None
) -> bool:
    """Is this step of the better path (replacing the trainee's ``own`` decision there, if the
    trainee reached that point) what a dimension's advice should point at?"""

    def tags(a: Action | None) -> dict[str, bool]:
        if a is None:
            return {}
        if isinstance(a, Offer):
            return {"offer": True, "boundary": True}
        choice = scenario.beats[beat_id].choice(a.choice) if beat_id in scenario.beats else None
        if choice is None:
            return {}
        return {
            "apology": bool(choice.apology or choice.empathy or choice.listen or choice.conduct),
            "offer": bool(choice.offer or choice.escalate),
            "follow_up": bool(choice.follow_up),
            "boundary": bool(choice.boundary or choice.verify or choice.escalate or choice.offer),
            "speed": bool(
                choice.inform or choice.proactive or choice.conduct or choice.minutes > 2
            ),
        }

    key = {
        "apology": "apology",
        "remedy_fit": "offer",
        "follow_up": "follow_up",
        "boundaries": "boundary",
        "speed": "speed",
    }[dimension]
    return tags(action).get(key, False) or tags(own).get(key, False)


def _better_for(run: Run, result: Result, path: BetterPath, dimension: str) -> Better | None:
    """The step of the one better path that matters for ``dimension``, if the path does better
    there."""
    after = path.raw.get(dimension, 0.0)
    if after < result.raw[dimension] + 0.5:
        return None
    scenario = run.scenario
    own = run.decisions
    steps = list(zip(path.beats, path.actions, strict=True))
    changed = []
    for i, (beat, action) in enumerate(steps):
        index = path.first_mistake + i
        mine = own[index] if index < len(own) and own[index].beat == beat else None
        if mine is None or mine.action != action:
            changed.append((i, beat, action, mine.action if mine else None))
    pick = next((c for c in changed if _relevant(scenario, dimension, c[1], c[2], c[3])), None)
    if pick is None:
        return None
    i, beat, action, _ = pick
    return Better(
        path.first_mistake + i,
        beat,
        action,
        dimension,
        result.scores[dimension],
        _round(after),
    )


def _named(notes: tuple[Note, ...], locale: str) -> list[tuple[str, str, int]]:
    return [
        (
            n.key,
            t(n.key, locale, points=int(n.points + 0.5), **_localise(n.args(), locale)),
            int(n.points + 0.5),
        )
        for n in notes
    ]


def _sentence(named: list[tuple[str, str, int]], locale: str) -> str:
    """Every deduction of 5 points or more, with its points; else what went well."""
    costly = [
        t("debrief.points", locale, text=text, points=points)
        for _, text, points in named
        if points >= NAMED_POINTS
    ]
    if costly:
        return " ".join(costly)
    good = [text for key, text, _ in named if key.endswith(".good")]
    return good[0] if good else (named[0][1] if named else "")


def debrief(run: Run, result: Result, locale: str, rubric: Rubric = RUBRIC) -> Debrief:
    scenario = run.scenario
    path = better_path(run, result, rubric)
    items = []
    for name in dimensions(scenario):
        named = _named(result.notes[name], locale)
        suggestion = None
        b = _better_for(run, result, path, name) if path is not None else None
        if b is not None:
            key = "better.choice" if isinstance(b.action, Choose) else "better.offer"
            text = describe(scenario, b.beat, b.action, locale)
            suggestion = t(
                key,
                locale,
                beat=_short(scenario.beats[b.beat].say.get(locale)),
                choice=text,
                remedies=text,
                dimension=t("dim." + name, locale),
                before=b.before,
                after=b.after,
            )
        items.append(
            DimensionDebrief(
                name,
                result.scores[name],
                _sentence(named, locale),
                t("principle." + name, locale),
                suggestion,
                b,
                tuple(named),
            )
        )
    path_sentence = None
    if path is not None:
        steps = " → ".join(
            _short(describe(scenario, beat, action, locale), 90)
            for beat, action in zip(path.beats, path.actions, strict=True)
        )
        path_sentence = t(
            "better.path",
            locale,
            beat=_short(scenario.beats[path.beats[0]].say.get(locale)),
            steps=steps,
            before=result.scores["overall"],
            after=_round(path.raw["overall"]),
        )
    feedback = []
    for turn in run.turns:
        choice = scenario.beats[turn.beat].choice(turn.choice) if turn.choice else None
        if choice is not None and choice.feedback is not None:
            feedback.append((turn.index, choice.feedback.get(locale)))
    return Debrief(
        tuple(items),
        outcome_sentence(run, result, locale, rubric),
        path,
        path_sentence,
        tuple(_named(result.notes.get("overall", ()), locale)),
        tuple(feedback),
    )


def outcome_sentence(run: Run, result: Result, locale: str, rubric: Rubric = RUBRIC) -> str:
    """What happened to the customer, in words that follow the facts: nobody praises a recovery
    that left the problem standing."""
    out = result.outcome
    parts = [
        t(
            "outcome.left" if out.left else "outcome.retained" if out.retained else "outcome.lost",
            locale,
        )
    ]
    unfixed = left_unfixed(run.scenario, result.facts, rubric)
    if unfixed:
        parts.append(t("outcome.unfixed", locale))
    if out.word_of_mouth > 0 and not unfixed:
        parts.append(t("outcome.tell_good", locale, count=out.word_of_mouth))
    elif out.word_of_mouth < 0:
        parts.append(t("outcome.tell_bad", locale, count=-out.word_of_mouth))
    else:
        parts.append(t("outcome.tell_none", locale))
    return " ".join(parts)


def _localise(args: dict[str, object], locale: str) -> dict[str, object]:
    """Lists of terms (apology components, follow-up items) joined in the reader's language."""
    out: dict[str, object] = {}
    for key, value in args.items():
        if isinstance(value, tuple):
            out[key] = t("term.sep", locale).join(t(f"term.{item}", locale) for item in value)
        else:
            out[key] = value
    return out


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def better_choices(run: Run, result: Result, rubric: Rubric = RUBRIC) -> dict[str, Better]:
    """For each dimension the better path improves, the step of it that matters for that
    dimension (all from the one path)."""
    path = better_path(run, result, rubric)
    if path is None:
        return {}
    out = {}
    for name in dimensions(run.scenario):
        b = _better_for(run, result, path, name)
        if b is not None:
            out[name] = b
    return out
