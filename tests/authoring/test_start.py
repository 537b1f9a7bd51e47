"""Starting from a beat: the assumed decisions reach it (by the best-practice path when it
passes there), are said plainly, and the script carries on from the beat."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import bundled, bundled_by_id, dump, load_text, minimal
from hypothesis import HealthCheck, given, settings
from strategies import scenario_dict

from trainer.application.authoring.graph import reachable
from trainer.application.authoring.start import (
    FromError,
    assume,
    play_from,
    state_at,
    statements,
)
from trainer.cli import main
from trainer.content.scripts import read_script
from trainer.engine import Engine
from trainer.scenario.diagnostics import Collector
from trainer.scenario.model import Scenario
from trainer.scoring.search import explore


def check_every_beat(scenario: Scenario) -> None:
    engine = Engine(scenario)
    live = reachable(scenario)
    best = explore(scenario).principled
    for beat_id in scenario.beats:
        if beat_id not in live:
            with pytest.raises(FromError, match="cannot be reached"):
                assume(scenario, beat_id)
            continue
        assumed = assume(scenario, beat_id)
        assert state_at(engine, assumed).beat == beat_id
        if "best" not in assumed.how:  # a way in of its own: no beat twice
            assert len(set(assumed.beats)) == len(assumed.beats)
        if best is not None and beat_id in best.beats:
            index = best.beats.index(beat_id)
            assert assumed.decisions == best.decisions[:index]
            assert assumed.how in ("the best-practice path", "the start")


@pytest.mark.parametrize("scenario", bundled(), ids=lambda s: s.id)
def test_every_beat_of_the_bundled_scenarios(scenario: Scenario) -> None:
    check_every_beat(scenario)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_dict())
def test_every_beat_of_generated_scenarios(data: dict) -> None:  # type: ignore[type-arg]
    scenario, _ = load_text(dump(data))
    if scenario is not None:
        check_every_beat(scenario)


def test_a_beat_reached_by_a_timeout_is_reached_by_waiting() -> None:
    scenario = bundled_by_id("hotel-noisy-room")
    assumed = assume(scenario, "kept-waiting")
    assert assumed.decisions == () and assumed.wait == 15 and assumed.waited_at == "arrival"
    said = statements(scenario, assumed)
    assert "said nothing for 15 s" in said[-1] and "on_timeout: kept-waiting" in said[-1]


def test_an_unknown_beat() -> None:
    with pytest.raises(FromError, match='did you mean "needs"'):
        assume(bundled_by_id("hotel-noisy-room"), "nedes")


def script_of(text: str):  # type: ignore[no-untyped-def]
    out = Collector("part.yaml", [])
    script = read_script(text.encode(), out)
    assert script is not None, out.items
    return script


PART = """seed: 3
steps:
  - choose: own-it-now
    after: 6
  - choose: paraphrase
    after: 5
  - offer: [quiet-room, refund-night]
    after: 9
  - choose: explain-limits
    after: 6
  - choose: hold-with-choices
    after: 6
  - choose: full-follow-up
    after: 6
"""


def test_the_script_carries_on_from_the_beat() -> None:
    scenario = bundled_by_id("hotel-noisy-room")
    assumed = assume(scenario, "scorched")
    played, problems = play_from(scenario, assumed, script_of(PART), "part.yaml")
    assert played is not None, problems
    turns = played.run.turns
    assert [t.beat for t in turns[: len(assumed.decisions)]] == list(assumed.beats)
    assert [t.choice for t in turns[len(assumed.decisions) :]][:2] == ["own-it-now", "paraphrase"]
    assert played.run.complete


def test_a_wait_and_the_first_decision_share_the_clock() -> None:
    scenario = bundled_by_id("hotel-noisy-room")
    assumed = assume(scenario, "kept-waiting")
    script = script_of("steps:\n  - choose: own-it-late\n    after: 4\n" + PART.split("\n", 4)[4])
    played, problems = play_from(scenario, assumed, script, "part.yaml")
    assert played is not None, problems
    first = played.run.turns[0]
    assert (first.asked_at, first.beat, first.choice) == ("arrival", "kept-waiting", "own-it-late")
    assert first.after == 19 and first.timeouts == 1


def test_a_step_that_does_not_fit_is_named_at_its_line() -> None:
    scenario = bundled_by_id("hotel-noisy-room")
    played, problems = play_from(scenario, assume(scenario, "needs"), script_of(PART), "part.yaml")
    assert played is None
    assert problems[0].line == 3 and "with --from needs the first step" in problems[0].message


def test_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    part = tmp_path / "part.yaml"
    part.write_text(PART, "utf-8")
    args = ["run", "hotel-noisy-room", "--script", str(part), "--from", "scorched"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("Starting at beat 'scorched'. Assumed before it")
    assert "chose blame-contractor" in out and "Overall" in out
    assert main([*args, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["assumed"]["from"] == "scorched"
    assert doc["assumed"]["decisions"][0]["choose"] == "blame-contractor"
    assert doc["transcript"][0]["choice"] == "blame-contractor"
    assert main([*args, "--store", "--trainee", "x"]) == 2
    assert "--store cannot go with --from" in capsys.readouterr().err
    assert main(["run", "hotel-noisy-room", "--script", str(part), "--from", "nowhere"]) == 1
    assert "has no beat 'nowhere'" in capsys.readouterr().err


def test_from_the_start_assumes_nothing() -> None:
    scenario, _ = load_text(dump(minimal()))
    assert scenario is not None
    assumed = assume(scenario, "complaint")
    assert assumed.empty and "nothing is assumed" in statements(scenario, assumed)[0]
