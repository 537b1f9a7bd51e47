"""The debrief: for each dimension, what drove the score, the principle in plain words, and the
choice that would have done better in this scenario, found by the engine (never typed by the
author)."""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.engine import ActionError, Engine, Run
from ..engine.state import Action, Choose, Decision, Offer, State
from ..i18n import t
from ..scenario.model import Scenario
from .facts import extract
from .rubric import RUBRIC, Rubric
from .score import Result, dimensions, evaluate
from .search import all_offers, explore


@dataclass(frozen=True)
class Better:
    turn: int
    beat: str
    action: Action
    dimension: str
    before: int
    after: int


@dataclass(frozen=True)
class DimensionDebrief:
    dimension: str
    score: int
    sentence: str
    principle: str
    better: str | None
    better_choice: Better | None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "dimension": self.dimension,
            "score": self.score,
            "sentence": self.sentence,
            "principle": self.principle,
            "better": self.better,
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


def _describe(scenario: Scenario, beat_id: str, action: Action, locale: str) -> str:
    beat = scenario.beats[beat_id]
    if isinstance(action, Choose):
        choice = beat.choice(action.choice)
        return choice.text.get(locale) if choice else action.choice
    labels = [f'"{r.label.get(locale)}"' for rid in action.remedies if (r := scenario.remedy(rid))]
    return " + ".join(labels)


#: a choice carrying any of these is never recommended, whatever it would do to a score
NEVER_RECOMMENDED = frozenset(
    {"deflect", "blame-customer", "conditional", "refuse", "argue", "excessive"}
)


def _recommendable(scenario: Scenario, beat_id: str, action: Action) -> bool:
    if not isinstance(action, Choose):
        return True
    choice = scenario.beats[beat_id].choice(action.choice)
    if choice is None:
        return False
    return not (
        set(choice.apology) & NEVER_RECOMMENDED
        or choice.listen == "interrupt"
        or choice.boundary in ("retaliate", "cave")
    )


def better_choices(run: Run, result: Result, rubric: Rubric = RUBRIC) -> dict[str, Better]:
    """For each dimension below 100, the single changed decision that raises it most without
    lowering the overall score.

    When the changed decision leads to the same beat, the trainee's own later decisions are
    kept, so the gain is the decision's alone. When it leads elsewhere, both the change and the
    trainee's own decision are followed by the engine's best continuation, and only the
    difference between them counts: a detour is never credited with what a better ending did.
    Choices that break a principle (blame-shifting, retaliation...) are never recommended.
    """
    scenario = run.scenario
    engine = Engine(scenario, time_factor=run.time_factor)  # the run's answer time
    names = dimensions(scenario)
    wanted = [n for n in names if result.scores[n] < 100]
    if not wanted or not run.turns:
        return {}
    best: dict[str, tuple[float, Better]] = {}
    state = engine.start(run.seed)
    decisions = run.decisions
    for index, decision in enumerate(decisions):
        own_state, _ = engine.step(state, decision.action, decision.after)
        own_best: dict[str, float] | None = None
        for alternative in _alternatives(scenario, state):
            if alternative == decision.action or not _recommendable(
                scenario, state.beat, alternative
            ):
                continue
            try:
                alt_state, _ = engine.step(state, alternative, decision.after)
            except ActionError:
                continue
            same_road = alt_state.beat == own_state.beat
            final = _continue(engine, alt_state, decisions[index + 1 :] if same_road else ())
            if final is None:
                continue
            dims, overall = _scores(scenario, final, rubric)
            if same_road:
                reference = dict(result.raw)
            else:
                if own_best is None:
                    own_final = _continue(engine, own_state, ())
                    own_best = dict(result.raw)
                    if own_final is not None:
                        own_dims, own_overall = _scores(scenario, own_final, rubric)
                        own_best = {**own_dims, "overall": own_overall}
                reference = own_best
            if overall + 1e-9 < result.raw["overall"] or overall + 1e-9 < reference["overall"]:
                continue
            for name in wanted:
                gain = dims[name] - reference[name]
                if (
                    gain >= 1.0
                    and dims[name] > result.raw[name]
                    and (name not in best or gain > best[name][0] + 1e-9)
                ):
                    best[name] = (
                        gain,
                        Better(
                            index,
                            decision.beat,
                            alternative,
                            name,
                            result.scores[name],
                            int(min(100.0, dims[name]) + 0.5),
                        ),
                    )
        state = own_state
    return {name: item for name, (_, item) in best.items()}


def _scores(scenario: Scenario, final: State, rubric: Rubric) -> tuple[dict[str, float], float]:
    facts = extract(scenario, final.turns, final.minute)
    dims, overall, _, _ = evaluate(scenario, facts, rubric)
    return {name: dim.score for name, dim in dims.items()}, overall


def _alternatives(scenario: Scenario, state: State) -> list[Action]:
    beat = scenario.beats[state.beat]
    if beat.menu:
        return list(all_offers(scenario))
    return [Choose(c.id) for c in beat.choices]


def _continue(engine: Engine, state: State, rest: tuple[Decision, ...]) -> State | None:
    """Follow the trainee's remaining decisions while they fit, else the best continuation."""
    for decision in rest:
        if state.over:
            return state
        if state.beat != decision.beat:
            break
        try:
            state, _ = engine.step(state, decision.action, decision.after)
        except ActionError:
            break
    if state.over:
        return state
    found = explore(engine.scenario, start=state, beam=12, engine=engine)
    if found.best is None:
        return None
    for action, after in found.best.decisions:
        state, _ = engine.step(state, action, after)
    return state if state.over else None


def debrief(run: Run, result: Result, locale: str, rubric: Rubric = RUBRIC) -> Debrief:
    scenario = run.scenario
    better = better_choices(run, result, rubric)
    items = []
    for name in dimensions(scenario):
        notes = result.notes[name]
        sentence = " ".join(t(n.key, locale, **_localise(n.args(), locale)) for n in notes[:2])
        suggestion = None
        b = better.get(name)
        if b is not None:
            key = "better.choice" if isinstance(b.action, Choose) else "better.offer"
            beat_say = scenario.beats[b.beat].say.get(locale)
            text = _describe(scenario, b.beat, b.action, locale)
            suggestion = t(
                key,
                locale,
                beat=_short(beat_say),
                choice=text,
                remedies=text,
                dimension=t("dim." + name, locale),
                before=b.before,
                after=b.after,
            )
        items.append(
            DimensionDebrief(
                name, result.scores[name], sentence, t("principle." + name, locale), suggestion, b
            )
        )
    out = result.outcome
    parts = [
        t(
            "outcome.left" if out.left else "outcome.retained" if out.retained else "outcome.lost",
            locale,
        )
    ]
    if out.word_of_mouth > 0:
        parts.append(t("outcome.tell_good", locale, count=out.word_of_mouth))
    elif out.word_of_mouth < 0:
        parts.append(t("outcome.tell_bad", locale, count=-out.word_of_mouth))
    else:
        parts.append(t("outcome.tell_none", locale))
    return Debrief(tuple(items), " ".join(parts))


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
