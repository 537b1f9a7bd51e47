"""A cohort's report and its xAPI statements, from the results store: one use case each for
``trainer report`` / ``trainer xapi``, and the server's report and xAPI downloads."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..store import Store, StoredRun


#: Runs whose every stored value checks out (a run on an unapproved scenario version is
#: verified, only not ranked); the others are neither exported nor sent.
VERIFIED = ("ok", "unverified scenario")


class UnknownCohort(LookupError):
    def __init__(self, code: str) -> None:
        super().__init__(f"no cohort '{code}'; 'trainer cohort list' shows them")
        self.code = code


def require_cohort(store: Store, code: str) -> None:
    if not any(c["code"] == code for c in store.cohorts()):
        raise UnknownCohort(code)


def cohort_report(
    store: Store, cohort: str, *, locale: str, generated_at: datetime
) -> tuple[str, int]:
    """The cohort's HTML report and how many runs it covers (hidden runs left out)."""
    from ..reports.html import ReportRun, render_report

    require_cohort(store, cohort)
    runs = []
    for r in store.runs(cohort=cohort, include_hidden=False):
        scenario = store.scenario_for(r.record.scenario_sha256)
        title = scenario.title.get(locale) if scenario else r.record.scenario_id
        runs.append(
            ReportRun(
                run_id=r.record.run_id,
                trainee=r.record.trainee,
                cohort=r.record.cohort,
                scenario_id=r.record.scenario_id,
                scenario_title=title,
                scores=r.record.scores,
                finished_at=r.record.finished_at,
                integrity=r.integrity,
            )
        )
    html = render_report(cohort, runs, generated_at=generated_at, locale=locale)
    return html, len(runs)


def _statements_of(store: Store, runs: Iterable[StoredRun]) -> list[dict[str, Any]]:
    from ..reports.xapi import statements

    out: list[dict[str, Any]] = []
    for r in runs:
        if r.integrity not in VERIFIED:  # a stored value was edited: nothing of it is sent
            continue
        scenario = store.scenario_for(r.record.scenario_sha256)
        if scenario is None:
            continue
        made = statements(r.record, scenario)
        store.queue_statements(r.record.run_id, made)
        out.extend(made)
    return out


def cohort_statements(store: Store, cohort: str | None) -> list[dict[str, Any]]:
    """xAPI statements of the cohort's visible, verified runs (every cohort when None); each is
    queued in the outbox too, so a later send includes it. A run that fails its integrity check
    (``mismatch``, ``unreplayable``) is left out."""
    if cohort is not None:
        require_cohort(store, cohort)
    return _statements_of(store, store.runs(cohort=cohort, include_hidden=False))
