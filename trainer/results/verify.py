"""Checking a run's record against its replay: the one place where a stored score is compared with
the score the rubric gives the same decisions on the same scenario file with the same seed.

Integrity, as every results store reports it:

- ``ok``: the replay gives exactly the stored action log, scores and outcome (and, in the SQL
  store, every stored value also matches the seal written when the run was saved);
- ``mismatch``: something differs: a value was edited, or the run was scored differently;
- ``unreplayable``: the decisions no longer play to the end on the scenario file;
- ``unverified scenario``: the run checks out, but it was played on a scenario version the
  trainer does not trust (neither bundled nor approved by a trainer), so it is shown, never
  ranked.

Pure: the replay is the engine and the rubric, nothing else.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..engine import Choose, Engine, Offer
from ..engine.engine import ActionError
from ..engine.state import Action
from ..scoring import score_run
from .records import RunRecord

if TYPE_CHECKING:
    from ..scenario.model import Scenario

OK = "ok"
MISMATCH = "mismatch"
UNREPLAYABLE = "unreplayable"
UNVERIFIED = "unverified scenario"


def action_of(entry: dict[str, Any]) -> tuple[Action, float]:
    """One entry of a stored action log as the engine's (action, seconds)."""
    after = entry["after"]
    if isinstance(after, bool) or not isinstance(after, int | float):
        raise TypeError("after must be a number of seconds")
    if "choose" in entry:
        choice = entry["choose"]
        if not isinstance(choice, str):
            raise TypeError("choose must be a choice id")
        return Choose(choice), float(after)
    remedies = entry["offer"]
    if not isinstance(remedies, list) or not all(isinstance(r, str) for r in remedies):
        raise TypeError("offer must be a list of remedy ids")
    return Offer(tuple(remedies)), float(after)


@dataclass(frozen=True)
class Replayed:
    """What replaying a log gives: None when it does not play to the end."""

    scores: dict[str, int]
    outcome: dict[str, Any]
    decisions: list[dict[str, Any]]
    scenario_id: str
    version: int


#: Replays already computed in this process, by everything a replay depends on (the scenario
#: file and persona, byte for byte, the seed, the log, the language). A replay is a pure function
#: of these, so a remembered one is the replay; the comparison with the stored values is made on
#: every check all the same. Bounded: the oldest are forgotten first.
_REPLAYS: OrderedDict[tuple[Any, ...], Replayed | None] = OrderedDict()
REMEMBERED = 4096


def replay(record: RunRecord, scenario: Scenario) -> Replayed | None:
    """``record``'s log played again with its seed on ``scenario`` and scored."""
    try:
        log = json.dumps(record.decisions, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError):
        return None
    key = (scenario.sha256, scenario.raw, scenario.persona.raw, record.seed, record.locale, log)
    if key in _REPLAYS:
        with suppress(KeyError):  # another thread may have just forgotten it
            _REPLAYS.move_to_end(key)
            return _REPLAYS[key]
    found: Replayed | None = None
    try:
        actions = [action_of(d) for d in record.decisions]
        run = Engine(scenario, record.locale).play(actions, seed=record.seed)
    except (ActionError, KeyError, TypeError, ValueError, OverflowError):
        run = None
    if run is not None and run.complete:
        result = score_run(run)
        found = Replayed(
            dict(result.scores),
            result.outcome.to_json(),
            [d.to_json() for d in run.decisions],
            scenario.id,
            scenario.version,
        )
    remember(_REPLAYS, key, found, REMEMBERED)
    return found


def remember(cache: OrderedDict[Any, Any], key: Any, value: Any, size: int) -> None:
    """Keep ``value`` under ``key``, forgetting the oldest entries beyond ``size`` (safe when
    threads share the cache: at worst an entry is computed twice)."""
    cache[key] = value
    while len(cache) > size:
        with suppress(KeyError):
            cache.popitem(last=False)


def replay_check(record: RunRecord, scenario: Scenario | None) -> tuple[str, dict[str, int]]:
    """``(integrity, recomputed scores)`` of ``record`` replayed on ``scenario`` (the file it
    was played on; None when that file cannot be loaded)."""
    if scenario is None or scenario.sha256 != record.scenario_sha256:
        return UNREPLAYABLE, {}
    found = replay(record, scenario)
    if found is None:
        return UNREPLAYABLE, {}
    same = (
        found.scores == record.scores
        and found.outcome == record.outcome
        and found.decisions == list(record.decisions)
        and found.scenario_id == record.scenario_id
        and found.version == record.scenario_version
    )
    return (OK if same else MISMATCH), dict(found.scores)
