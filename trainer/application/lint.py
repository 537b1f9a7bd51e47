"""Lint: content that is valid but probably wrong (``scenario-format.md``, "trainer lint warns").

Warnings only; ``trainer lint --strict`` turns them into a failing exit status for CI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path as PathLike

from ..content.library import Library
from ..engine import Engine
from ..engine.state import Choose, Offer, State
from ..scenario.diagnostics import WARNING, Diagnostic, sort_key
from ..scenario.model import END, Beat, Choice, Pos, Scenario, Text
from ..scoring.facts import FactsBuilder
from ..scoring.rubric import RUBRIC, Rubric
from ..scoring.score import evaluate
from ..scoring.search import Exploration, Path, explore, nominal_after
from .authoring.graph import POOR_APOLOGY

VIOLATION_TEXT = {
    "overcompensation": "over-compensates (pays far more than the loss, or caves)",
    "no_apology": "skips the apology",
    "never_asked": "never asks what the customer needs",
    "blamed_customer": "blames the customer",
    "retaliation": "retaliates against abuse",
    "over_authority": "exceeds the trainee's authority without escalating",
    "owed_missing": "leaves out a remedy the customer is owed",
}


def _warn(scenario: Scenario, line: int, col: int, message: str) -> Diagnostic:
    return Diagnostic(scenario.source, max(line, 1), max(col, 1), message, WARNING)


def _reachable(scenario: Scenario) -> set[str]:
    seen = {scenario.start}
    todo = [scenario.start]
    while todo:
        for target in scenario.beats[todo.pop()].successors():
            if target != END and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _reaches_end(scenario: Scenario) -> set[str]:
    """Beats from which some path reaches end."""
    good: set[str] = set()
    changed = True
    while changed:
        changed = False
        for beat in scenario.beats.values():
            if beat.id in good:
                continue
            if any(t == END or t in good for t in beat.successors()):
                good.add(beat.id)
                changed = True
    return good


def _texts(scenario: Scenario) -> Iterator[tuple[str, Text]]:
    yield "title", scenario.title
    yield "failure.summary", scenario.failure.summary
    for remedy in scenario.remedies:
        yield f"remedy '{remedy.id}' label", remedy.label
    for beat in scenario.beats.values():
        yield f"beat '{beat.id}' say", beat.say
        for choice in beat.choices:
            where = f"choice '{choice.id}' in beat '{beat.id}'"
            yield f"{where} text", choice.text
            if choice.reply is not None:
                yield f"{where} reply", choice.reply
            if choice.feedback is not None:
                yield f"{where} feedback", choice.feedback


_ASCII_IN_CHINESE = re.compile(r"[\u4e00-\u9fff]([,:;?!])")
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}


def _punctuation(scenario: Scenario) -> Iterator[Diagnostic]:
    """Chinese text written with ASCII punctuation reads as a typo to a native speaker."""
    for where, text in _texts(scenario):
        for locale, value in text.values.items():
            if not locale.startswith("zh"):
                continue
            found = _ASCII_IN_CHINESE.search(value)
            if found:
                mark = found.group(1)
                yield _warn(
                    scenario,
                    text.line,
                    text.col,
                    f"{where} ({locale}) uses the ASCII '{mark}' in Chinese text; "
                    f"write the full-width '{_FULL_WIDTH[mark]}'",
                )


def _describe_path(scenario: Scenario, path: Path) -> str:
    steps = []
    for action, _ in path.decisions:
        if isinstance(action, Choose):
            steps.append(action.choice)
        elif isinstance(action, Offer):
            steps.append("offer " + "+".join(action.remedies))
    return " -> ".join(steps)


def lint(scenario: Scenario, rubric: Rubric = RUBRIC) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    reachable = _reachable(scenario)
    for beat in scenario.beats.values():
        line, col = (beat.pos.line, beat.pos.col) if beat.pos else (1, 1)
        if beat.id not in reachable:
            out.append(
                _warn(
                    scenario,
                    line,
                    col,
                    f"beat '{beat.id}' cannot be reached from start '{scenario.start}'; "
                    "link it from a choice or remove it",
                )
            )
    ends = _reaches_end(scenario)
    for beat in scenario.beats.values():
        if beat.id in reachable and beat.id not in ends:
            line, col = (beat.pos.line, beat.pos.col) if beat.pos else (1, 1)
            out.append(
                _warn(
                    scenario,
                    line,
                    col,
                    f"beat '{beat.id}' is in a loop that never reaches end; a trainee "
                    "who gets here can never finish: give some choice next: end",
                )
            )
    # Locale coverage: every text in every claimed locale.
    for locale in scenario.locales[1:]:
        for where, text in _texts(scenario):
            if locale not in text.values:
                out.append(
                    _warn(
                        scenario,
                        text.line,
                        text.col,
                        f"{where} has no '{locale}' text although locales claims "
                        f"{locale}; add it or remove {locale} from locales",
                    )
                )
        persona = scenario.persona
        for mood in ("calm", "tense", "angry"):
            by_locale = persona.lines.get(mood, {})
            if by_locale and locale not in by_locale:
                out.append(
                    _warn(
                        scenario,
                        1,
                        1,
                        f"persona '{persona.id}' has no '{locale}' lines for mood "
                        f"'{mood}'; the customer would answer in {scenario.fallback}",
                    )
                )
                break
    out.extend(_punctuation(scenario))
    losses = scenario.failure.losses
    if not any(r.restores & losses or r.fixes for r in scenario.remedies if not r.escalate):
        out.append(
            _warn(
                scenario,
                1,
                1,
                f"no remedy restores the losses ({', '.join(sorted(losses))}) and none "
                "fixes the problem: the scenario cannot be put right",
            )
        )
    budget = scenario.authority.budget
    menus = [b for b in scenario.beats.values() if b.menu]
    real = [r for r in scenario.remedies if not r.escalate]
    if (
        menus
        and real
        and all(r.cost > budget for r in real)
        and not any(r.escalate for r in scenario.remedies)
    ):
        beat = menus[0]
        line, col = (beat.pos.line, beat.pos.col) if beat.pos else (1, 1)
        out.append(
            _warn(
                scenario,
                line,
                col,
                f"every remedy on the menu costs more than the budget ({budget:g}) and "
                "there is no escalation: the trainee cannot act within authority",
            )
        )
    out.extend(fix_checks(scenario))
    found = explore(scenario, rubric)
    out.extend(loopholes(scenario, rubric, found))
    if found.principled is not None:
        out.extend(tells(scenario, found.principled))
        out.extend(longest_path_tell(scenario, found.principled, rubric))
    out.extend(design_smells(scenario, rubric))
    return out


def loopholes(
    scenario: Scenario, rubric: Rubric = RUBRIC, found: Exploration | None = None
) -> list[Diagnostic]:
    """Warn where a path that breaks a principle outranks the best principled path."""
    found = found or explore(scenario, rubric)
    out: list[Diagnostic] = []
    start = scenario.beats[scenario.start]
    line, col = (start.pos.line, start.pos.col) if start.pos else (1, 1)
    if found.exhausted:
        out.append(
            _warn(
                scenario,
                line,
                col,
                f"the path search stopped after {found.expansions:,} decisions, its limit for "
                "one scenario, so paths beyond were not checked for scoring loopholes; fewer "
                "choices or beats let lint check every path",
            )
        )
    if found.best is None:
        return out
    if found.principled is None:
        out.append(
            _warn(
                scenario,
                line,
                col,
                "no path through the scenario honours every principle (apology, asking "
                "what the customer needs, a fair remedy): give the trainee a "
                "best-practice path; "
                f"the best path is {_describe_path(scenario, found.best)}",
            )
        )
        return out
    best = found.principled
    assert found.by_violation is not None
    for name, path in sorted(found.by_violation.items()):
        if path.overall > best.overall + 1e-9:
            out.append(
                _warn(
                    scenario,
                    line,
                    col,
                    f"scoring loophole: a path that {VIOLATION_TEXT[name]} scores "
                    f"{path.overall:.0f}, above the best principled path ({best.overall:.0f}): "
                    f"{_describe_path(scenario, path)}; compare with "
                    f"{_describe_path(scenario, best)}",
                )
            )
    return out


@dataclass(frozen=True)
class Linted:
    """Lint over files and folders: every diagnostic (loading errors included), sorted."""

    diagnostics: tuple[Diagnostic, ...]
    scenarios: int

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors


def lint_paths(library: Library, paths: Sequence[PathLike]) -> Linted:
    """Load ``paths`` (files and folders) and lint every scenario that loads."""
    loaded = library.load_paths(list(paths))
    diagnostics = list(loaded.diagnostics)
    for scenario in loaded.scenarios:
        diagnostics.extend(lint(scenario))
    diagnostics.sort(key=sort_key)
    return Linted(tuple(diagnostics), len(loaded.scenarios))


# -- design smells: valid, playable, and still a weak lesson ----------------------------------


def design_smells(scenario: Scenario, rubric: Rubric = RUBRIC) -> list[Diagnostic]:
    """The smells below, in the order a trainer would fix them."""
    out: list[Diagnostic] = []
    out.extend(no_responsible_apology(scenario))
    out.extend(fix_beyond_authority(scenario))
    out.extend(mistakes_without_feedback(scenario))
    out.extend(patience_below_target(scenario))
    out.extend(beats_without_a_wrong_choice(scenario, rubric))
    out.extend(beats_off_the_best_path(scenario, rubric))
    return out


def _at(scenario: Scenario, pos: object, message: str) -> Diagnostic:
    line, col = (pos.line, pos.col) if isinstance(pos, Pos) else (1, 1)
    return _warn(scenario, line, col, message)


def no_responsible_apology(scenario: Scenario) -> list[Diagnostic]:
    """The failure is ours (or shared) and no choice anywhere takes responsibility."""
    if scenario.failure.fault not in ("ours", "shared"):
        return []
    if any("responsibility" in c.apology for b in scenario.beats.values() for c in b.choices):
        return []
    start = scenario.beats[scenario.start]
    return [
        _at(
            scenario,
            start.pos,
            f"no choice takes responsibility (apology: [responsibility]) although the fault is "
            f"{scenario.failure.fault}: no trainee can give a full apology; write one choice "
            "that owns the mistake",
        )
    ]


def fix_beyond_authority(scenario: Scenario) -> list[Diagnostic]:
    """Every remedy that fixes the problem is above the budget, and nobody can be called."""
    fixes = [r for r in scenario.remedies if r.fixes and not r.escalate]
    if not fixes:
        return []
    budget = scenario.authority.budget
    if any(r.owed or r.cost <= budget for r in fixes):
        return []
    if any(r.escalate for r in scenario.remedies) or any(
        c.escalate for b in scenario.beats.values() for c in b.choices
    ):
        return []
    names = ", ".join(f"'{r.id}' ({r.cost:g})" for r in fixes)
    only = "the only remedy that fixes" if len(fixes) == 1 else "every remedy that fixes"
    return [
        _at(
            scenario,
            fixes[0].pos,
            f"{only} the problem ({names}) is above the budget ({budget:g} "
            f"{scenario.authority.currency}) and there is no escalation: a trainee can neither "
            "fix it within authority nor hand it over; add a remedy with escalate: true, or a "
            "fix within the budget",
        )
    ]


def _marks(choice: Choice) -> list[str]:
    marks = [f"apology: {tag}" for tag in choice.apology if tag in POOR_APOLOGY]
    if choice.listen == "interrupt":
        marks.append("listen: interrupt")
    if choice.boundary in ("retaliate", "cave"):
        marks.append(f"boundary: {choice.boundary}")
    marks.extend(f"conduct: {tag}" for tag in choice.conduct)
    return marks


def mistakes_without_feedback(scenario: Scenario) -> list[Diagnostic]:
    """A choice marked as a mistake that the debrief cannot explain."""
    out = []
    for beat in scenario.beats.values():
        for choice in beat.choices:
            marks = _marks(choice)
            if marks and choice.feedback is None:
                out.append(
                    _at(
                        scenario,
                        choice.pos,
                        f"choice '{choice.id}' in beat '{beat.id}' is a mistake "
                        f"({', '.join(marks)}) without feedback: the debrief cannot say why it "
                        "was wrong; add feedback: a sentence on what it does to the customer",
                    )
                )
    return out


def patience_below_target(scenario: Scenario) -> list[Diagnostic]:
    """The customer stops waiting before the decision target is up (one warning, naming every
    beat where it happens)."""
    target = scenario.timing.decide_s
    live = _reachable(scenario)
    persona = scenario.persona
    short: list[tuple[Beat, float, bool]] = []
    for beat in scenario.beats.values():
        own = beat.patience_s is not None
        patience = beat.patience_s if beat.patience_s is not None else persona.patience_s
        if beat.id in live and patience < target:
            short.append((beat, patience, own))
    if not short:
        return []
    where = ", ".join(
        f"{beat.id} ({patience:g} s{'' if own else ', the persona'})"
        for beat, patience, own in short
    )
    least = min(patience for _, patience, _ in short)
    return [
        _at(
            scenario,
            short[0][0].pos,
            f"the customer's patience is below the decision target (timing.decide_s: "
            f"{target:g}) at: {where}; a trainee who answers on target still keeps the "
            f"customer waiting too long there: set decide_s to {least:g} or less, or give "
            "those beats a longer patience_s",
        )
    ]


def _best_finish(scenario: Scenario, rubric: Rubric, state: State, engine: Engine) -> float | None:
    if state.over:
        builder = FactsBuilder(scenario)
        for turn in state.turns:
            builder.add(turn)
        return evaluate(scenario, builder.build(state.minute), rubric)[1]
    found = explore(scenario, rubric, start=state, engine=engine)
    path = found.principled or found.best
    return None if path is None else path.overall


def beats_without_a_wrong_choice(scenario: Scenario, rubric: Rubric = RUBRIC) -> list[Diagnostic]:
    """A beat where every choice is good: none is marked as a mistake or carries feedback, and
    the rubric scores them alike (the best finish after each is within a point)."""
    from .authoring.start import FromError, assume, state_at

    live = _reachable(scenario)
    engine = Engine(scenario)
    out = []
    for beat in scenario.beats.values():
        if beat.menu or beat.id not in live:
            continue
        if any(_marks(c) or c.feedback is not None for c in beat.choices):
            continue
        if len(beat.choices) == 1:
            out.append(
                _at(
                    scenario,
                    beat.pos,
                    f"beat '{beat.id}' has a single choice: the trainee decides nothing here; "
                    "add a tempting wrong answer with feedback, or fold the beat into the next",
                )
            )
            continue
        try:
            state = state_at(engine, assume(scenario, beat.id, rubric))
        except FromError:
            continue
        after = nominal_after(scenario, engine, state)
        finishes = []
        for choice in beat.choices:
            nxt, _ = engine.step(state, Choose(choice.id), after)
            finishes.append(_best_finish(scenario, rubric, nxt, engine))
        scores = [f for f in finishes if f is not None]
        if len(scores) == len(finishes) and max(scores) - min(scores) < 1.0:
            out.append(
                _at(
                    scenario,
                    beat.pos,
                    f"every choice at beat '{beat.id}' is good: none is marked as a mistake or "
                    f"has feedback, and each scores the same ({max(scores):.0f}): the beat "
                    "teaches nothing; make one choice a tempting mistake, with feedback",
                )
            )
    return out


def beats_off_the_best_path(scenario: Scenario, rubric: Rubric = RUBRIC) -> list[Diagnostic]:
    """A beat the best path never visits, entered from the best path by a choice that nothing
    marks as a mistake: a detour that the debrief never explains."""
    found = explore(scenario, rubric)
    best = found.principled or found.best
    if best is None:
        return []
    on_path = set(best.beats)
    live = _reachable(scenario)
    out = []
    for beat in scenario.beats.values():
        if beat.id in on_path or beat.id not in live:
            continue
        unmarked = [
            (source.id, choice.id)
            for source in scenario.beats.values()
            if source.id in on_path
            for choice in source.choices
            if choice.next == beat.id and not _marks(choice) and choice.feedback is None
        ]
        if unmarked:
            ways = ", ".join(f"'{c}' at '{b}'" for b, c in unmarked)
            out.append(
                _at(
                    scenario,
                    beat.pos,
                    f"beat '{beat.id}' is never on the best-practice path, yet nothing marks "
                    f"the way in ({ways}) as a mistake: a trainee who goes here is never told "
                    "why; add feedback (or a tag) to that choice, or let the best path pass here",
                )
            )
    return out


# -- tells: the best answer recognisable without reading it (principle 17) ----------------------

#: "markedly the longest": the best-practice choice this much longer than every other choice
TELL_LENGTH_RATIO = 1.2
#: apology vocabulary, per language: a best path that alone uses it gives itself away
APOLOGY_WORDS = {
    "en": re.compile(r"\b(sorry|apolog\w*)\b", re.IGNORECASE),
    "zh": re.compile(r"抱歉|对不起|對不起|道歉|歉意|不好意思"),
    "vi": re.compile(r"xin lỗi", re.IGNORECASE),
}


def _apology_words(locale: str) -> re.Pattern[str]:
    return APOLOGY_WORDS.get(locale.split("-")[0].lower(), APOLOGY_WORDS["en"])


def tells(scenario: Scenario, best: Path) -> list[Diagnostic]:
    """Warn where the best-practice path can be found without reading it: its choices are
    markedly the longest at most of its beats, or it alone uses the vocabulary of apology."""
    start = scenario.beats[scenario.start]
    line, col = (start.pos.line, start.pos.col) if start.pos else (1, 1)
    taken: list[tuple[str, str]] = []  # (beat, choice) of the best path's choice decisions
    for beat_id, (action, _) in zip(best.beats, best.decisions, strict=False):
        beat = scenario.beats[beat_id]
        if isinstance(action, Choose) and len(beat.choices) >= 2:
            taken.append((beat_id, action.choice))
    out: list[Diagnostic] = []
    for locale in scenario.locales:
        ratios = []
        for beat_id, choice_id in taken:
            lengths = {
                c.id: len(c.text.get(locale).strip()) for c in scenario.beats[beat_id].choices
            }
            others = max(v for k, v in lengths.items() if k != choice_id)
            ratios.append(lengths[choice_id] / max(1, others))
        marked = [r for r in ratios if r >= TELL_LENGTH_RATIO]
        if len(marked) >= 2 and len(marked) * 2 > len(ratios):
            mean = sum(marked) / len(marked)
            out.append(
                _warn(
                    scenario,
                    line,
                    col,
                    f"tell ({locale}): the best-practice choice is markedly the longest text at "
                    f"{len(marked)} of its {len(ratios)} beats with choices (at least "
                    f"{TELL_LENGTH_RATIO:g}x the next longest; {mean:.1f}x on average), so a "
                    "trainee can pick it without reading; write some plausible mistakes as "
                    "long as the best answer",
                )
            )
            break
    for locale in scenario.locales:
        words = _apology_words(locale)
        best_ids = set(taken)
        on_path = off_path = 0
        for beat in scenario.beats.values():
            for choice in beat.choices:
                if words.search(choice.text.get(locale)):
                    if (beat.id, choice.id) in best_ids:
                        on_path += 1
                    else:
                        off_path += 1
        if on_path and not off_path:
            out.append(
                _warn(
                    scenario,
                    line,
                    col,
                    f"tell ({locale}): only the best-practice path uses the words of apology "
                    f"({on_path} of its choices; none of the other choices does), so a trainee "
                    "can find it by the word; let a poor choice apologise too (a conditional "
                    "or a deflecting apology)",
                )
            )
            break
    return out


#: a trainee who always takes the longest text must score at least this far below best practice
#: (about one clear mistake)
TELL_LONGEST_GAP = 15.0


def longest_path_tell(scenario: Scenario, best: Path, rubric: Rubric = RUBRIC) -> list[Diagnostic]:
    """Play the scenario always taking the longest text (at a menu, the best path's offer, so
    that only the choices are measured); warn if that scores close to best practice."""
    from ..engine.engine import ActionError, Engine
    from ..scoring.score import score_run

    offers = [a for a, _ in best.decisions if isinstance(a, Offer)]
    engine = Engine(scenario)
    state = engine.start(0)
    decisions: list[tuple[Choose | Offer, float]] = []
    after = round(scenario.timing.decide_s * 0.5, 3)
    for _ in range(4 * len(scenario.beats) + 4):
        if state.over:
            break
        beat = scenario.beats[state.beat]
        action: Choose | Offer
        if beat.menu:
            action = offers[0] if offers else Offer((scenario.remedies[0].id,))
        else:
            locale = scenario.fallback
            action = Choose(max(beat.choices, key=lambda c: len(c.text.get(locale))).id)
        try:
            state, _ = engine.step(state, action, min(after, engine.patience(state) * 0.5))
        except ActionError:
            return []
        decisions.append((action, min(after, engine.patience(state) * 0.5)))
    if not state.over:
        return []
    run = engine.play(decisions)
    overall = score_run(run, rubric).overall
    if overall < best.overall - TELL_LONGEST_GAP:
        return []
    start = scenario.beats[scenario.start]
    line, col = (start.pos.line, start.pos.col) if start.pos else (1, 1)
    return [
        _warn(
            scenario,
            line,
            col,
            f"tell ({scenario.fallback}): always taking the longest text scores {overall:.0f}, "
            f"within {TELL_LONGEST_GAP:g} points of best practice ({best.overall:.0f}): "
            f"{_describe_path(scenario, Path(tuple(decisions), (), overall, {}, frozenset()))}; "
            "write some plausible mistakes as long as the best answers",
        )
    ]


def fix_checks(scenario: Scenario) -> list[Diagnostic]:
    """A fix makes good only the losses in its own restores: one that restores none of the
    failure's losses counts for nothing."""
    out: list[Diagnostic] = []
    for remedy in scenario.remedies:
        if remedy.fixes and not remedy.escalate and not remedy.restores & scenario.failure.losses:
            line, col = (remedy.pos.line, remedy.pos.col) if remedy.pos else (1, 1)
            out.append(
                _warn(
                    scenario,
                    line,
                    col,
                    f"remedy '{remedy.id}' fixes the problem but restores none of the losses "
                    f"({', '.join(sorted(scenario.failure.losses))}): a fix makes good only the "
                    "losses in its restores, so it counts for nothing; list what it restores",
                )
            )
    return out
