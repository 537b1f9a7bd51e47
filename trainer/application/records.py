"""Building the record of a finished run: the one place where a played run becomes what the
results store keeps (the window, ``trainer run --store`` and the server all call it)."""

from __future__ import annotations

from datetime import datetime, timedelta

from .. import ENGINE_VERSION
from ..results import RunRecord
from .play import Played


def run_record(
    played: Played,
    *,
    run_id: str,
    trainee: str,
    cohort: str | None,
    finished_at: datetime,
    started_at: datetime | None = None,
    time_factor: float | None = 1.0,
) -> RunRecord:
    """The record of ``played``. Without ``started_at`` (a headless run), the run is taken to
    have started the sum of its decision times before it finished. ``time_factor``: the answer
    time the trainee played with (see ``Engine``)."""
    run = played.run
    if started_at is None:
        started_at = finished_at - timedelta(seconds=sum(d.after for d in run.decisions))
    return RunRecord(
        run_id=run_id,
        trainee=trainee,
        cohort=cohort,
        scenario_id=run.scenario.id,
        scenario_version=run.scenario.version,
        scenario_sha256=run.scenario.sha256,
        seed=run.seed,
        decisions=tuple(d.to_json() for d in run.decisions),
        scores=dict(played.result.scores),
        outcome=played.result.outcome.to_json(),
        started_at=started_at,
        finished_at=finished_at,
        engine_version=ENGINE_VERSION,
        locale=played.locale,
        time_factor=time_factor,
    )
