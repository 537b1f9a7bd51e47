"""Lint: content that is valid but probably wrong (``scenario-format.md``, "trainer lint warns").

Warnings only; ``trainer lint --strict`` turns them into a failing exit status for CI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path as PathLike

from ..content.library import Library
from ..engine.state import Choose, Offer
from ..scenario.diagnostics import WARNING, Diagnostic, sort_key
from ..scenario.model import END, Scenario, Text
from ..scoring.rubric import RUBRIC, Rubric
from ..scoring.search import Path, explore

VIOLATION_TEXT = {
    "overcompensation": "over-compensates (pays far more than the loss, or caves)",
    "no_apology": "skips the apology",
    "never_asked": "never asks what the customer needs",
    "blamed_customer": "blames the customer",
    "retaliation": "retaliates against abuse",
    "over_authority": "exceeds the trainee's authority without escalating",
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
    out.extend(loopholes(scenario, rubric))
    return out


def loopholes(scenario: Scenario, rubric: Rubric = RUBRIC) -> list[Diagnostic]:
    """Warn where a path that breaks a principle outranks the best principled path."""
    found = explore(scenario, rubric)
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
