"""Lint: content that is valid but probably wrong (``scenario-format.md``, "trainer lint warns").

Warnings only; ``trainer lint --strict`` turns them into a failing exit status for CI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.state import Choose, Offer
from ..scoring.rubric import RUBRIC, Rubric
from ..scoring.search import Exploration, Path, explore
from .diagnostics import WARNING, Diagnostic
from .model import END, Scenario, Text

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
    out.extend(timing_checks(scenario))
    out.extend(fix_checks(scenario))
    found = explore(scenario, rubric)
    out.extend(loopholes(scenario, rubric, found))
    if found.principled is not None:
        out.extend(tells(scenario, found.principled))
        out.extend(longest_path_tell(scenario, found.principled, rubric))
    return out


def loopholes(
    scenario: Scenario, rubric: Rubric = RUBRIC, found: Exploration | None = None
) -> list[Diagnostic]:
    """Warn where a path that breaks a principle outranks the best principled path."""
    found = found or explore(scenario, rubric)
    out: list[Diagnostic] = []
    if found.best is None:
        return out
    start = scenario.beats[scenario.start]
    line, col = (start.pos.line, start.pos.col) if start.pos else (1, 1)
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


def timing_checks(scenario: Scenario) -> list[Diagnostic]:
    """Warn where the customer's patience runs out before the decision target."""
    out: list[Diagnostic] = []
    target = scenario.timing.decide_s
    persona = scenario.persona
    uses_persona = False
    for beat in scenario.beats.values():
        if beat.patience_s is None:
            uses_persona = True
            continue
        if beat.patience_s < target:
            line, col = (beat.pos.line, beat.pos.col) if beat.pos else (1, 1)
            out.append(
                _warn(
                    scenario,
                    line,
                    col,
                    f"beat '{beat.id}' has patience_s {beat.patience_s:g} s, below the decision "
                    f"target decide_s {target:g} s: the customer runs out of patience before a "
                    "trainee who answers on target; raise patience_s or lower decide_s",
                )
            )
    if uses_persona and persona.patience_s < target:
        out.append(
            _warn(
                scenario,
                1,
                1,
                f"persona '{persona.id}' has patience_s {persona.patience_s:g} s, below the "
                f"decision target decide_s {target:g} s, at the beats that set no patience_s; "
                "give those beats a patience_s or lower decide_s",
            )
        )
    return out


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
