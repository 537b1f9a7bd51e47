"""Headless runs: a scenario plus a script -> the result of ``cli.md``.

This is the composition of the pure parts (engine, rubric, debrief) used by ``trainer run`` and
by tests; the window drives the same engine through the same calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..content.scripts import Script
from ..engine import ActionError, Engine, Run, Turn
from ..i18n import t
from ..scenario.diagnostics import Diagnostic
from ..scenario.model import Scenario
from ..scoring.debrief import Debrief, debrief
from ..scoring.score import Result, score_run


@dataclass(frozen=True)
class Played:
    run: Run
    result: Result
    debrief: Debrief
    locale: str


def play_script(
    scenario: Scenario, script: Script, script_file: str, locale: str | None = None
) -> tuple[Played | None, list[Diagnostic]]:
    """Play ``script``; a step that does not fit is a diagnostic naming the step's line."""
    engine = Engine(scenario, locale)
    decisions = [(step.action, step.after) for step in script.steps]
    try:
        run = engine.play(decisions, seed=script.seed)
    except ActionError as exc:
        step = script.steps[exc.index] if 0 <= exc.index < len(script.steps) else None
        line, col = (step.line, step.col) if step is not None else (1, 1)
        return None, [Diagnostic(script_file, line, col, str(exc))]
    if not run.complete:
        line = script.steps[-1].line if script.steps else 1
        beat = run.final.beat
        return None, [
            Diagnostic(
                script_file,
                line,
                1,
                f"the script ends at beat '{beat}' before the scenario does; "
                "add steps until a choice leads to end",
            )
        ]
    return finish(run, locale), []


def finish(run: Run, locale: str | None = None) -> Played:
    result = score_run(run)
    loc = locale or run.scenario.fallback
    return Played(run, result, debrief(run, result, loc), loc)


def to_json(played: Played) -> dict[str, Any]:
    """The result document of ``cli.md`` (keys may be added, never renamed or dropped)."""
    run, result, brief = played.run, played.result, played.debrief
    scenario = run.scenario
    transcript = []
    notes = dict(brief.feedback)
    for turn in run.turns:
        entry: dict[str, Any] = {
            "beat": turn.beat,
            "choice": turn.choice,
            "after": turn.after,
            "anger": int(turn.anger + 0.5),
            "reply": turn.reply,
        }
        if turn.offer:
            entry["offer"] = list(turn.offer)
        if turn.asked_at != turn.beat:
            entry["asked_at"] = turn.asked_at
        if turn.timeouts:
            entry["timeouts"] = turn.timeouts
        entry["mood"] = turn.mood
        entry["minute"] = round(turn.minute, 2)
        entry["shown"] = list(turn.shown)
        if turn.index in notes:
            entry["feedback"] = notes[turn.index]  # the author's note on this decision
        transcript.append(entry)
    return {
        "scenario": {"id": scenario.id, "version": scenario.version, "sha256": scenario.sha256},
        "seed": run.seed,
        "locale": played.locale,
        "scores": dict(result.scores),
        "outcome": result.outcome.to_json(),
        "feedback": {d.dimension: d.sentence for d in brief.dimensions},
        "debrief": [d.to_json() for d in brief.dimensions],
        "transcript": transcript,
        "gated": result.gated,
        "capped": result.capped,
        "overall_deductions": [
            {"key": key, "text": text, "points": points} for key, text, points in brief.overall
        ],
        "better_path": (
            brief.better_path.to_json(scenario, played.locale) if brief.better_path else None
        ),
        "better_path_sentence": brief.better_path_sentence,
        "outcome_sentence": brief.outcome_sentence,
    }


def to_text(played: Played) -> str:
    """A readable report for a terminal."""
    run, result, brief = played.run, played.result, played.debrief
    scenario, loc = run.scenario, played.locale
    lines = [f"{scenario.title.get(loc)}  ({scenario.id} v{scenario.version}, seed {run.seed})", ""]
    for item in brief.dimensions:
        bar = "#" * (item.score // 5)
        lines.append(f"  {t('dim.' + item.dimension, loc):<12} {item.score:>3}  {bar}")
        lines.append(f"      {item.sentence}")
        if item.better:
            lines.append(f"      -> {item.better}")
    lines.append(f"  {t('dim.overall', loc):<12} {result.scores['overall']:>3}")
    for _, text, points in brief.overall:
        if points >= 1:  # every breach and every cap that cost something, with its points
            lines.append(f"      {t('debrief.points', loc, text=text, points=points)}")
    if brief.better_path_sentence:
        lines.append(f"      -> {brief.better_path_sentence}")
    lines.append("")
    out = result.outcome
    lines.append(
        f"{t('cli.outcome', loc)}: "
        f"{t('outcome.satisfaction', loc, value=out.satisfaction)}"
        f"; {brief.outcome_sentence}"
    )
    lines.append(
        "  "
        + t(
            "cli.spent",
            loc,
            spent=_money(out.spent),
            currency=scenario.authority.currency,
            budget=_money(scenario.authority.budget),
            minutes=out.world_minutes,
        )
    )
    lines.append("")
    notes = dict(brief.feedback)
    lines.append(f"{t('cli.transcript', loc)}:")
    for turn in run.turns:
        beat = scenario.beats[turn.beat]
        lines.append(f"  [{turn.beat}] {t('cli.customer', loc)}: {beat.say.get(loc)}")
        if turn.timeouts:
            lines.append(f"      {t('cli.timeout', loc, seconds=_money(turn.after))}")
        who = t("cli.you" if turn.choice else "cli.offer", loc)
        lines.append(f"      {who} ({turn.after:g}s): {decision_words(scenario, turn, loc)}")
        if turn.index in notes:
            lines.append(f"      ! {t('cli.feedback', loc, text=notes[turn.index])}")
        if turn.reply:
            lines.append(
                f"      {t('cli.customer', loc)} ({turn.mood}, {int(turn.anger + 0.5)}):"
                f" {turn.reply}"
            )
    return "\n".join(lines) + "\n"


def decision_words(scenario: Scenario, turn: Turn, locale: str) -> str:
    """What the trainee said or offered at a turn, in ``locale``: the choice's text, or the
    labels of the remedies offered."""
    beat = scenario.beats[turn.beat]
    if turn.choice:
        choice = beat.choice(turn.choice)
        return choice.text.get(locale) if choice else turn.choice
    return " + ".join(r.label.get(locale) for rid in turn.offer if (r := scenario.remedy(rid)))


def _money(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


__all__: Sequence[str] = ("Played", "decision_words", "finish", "play_script", "to_json", "to_text")
