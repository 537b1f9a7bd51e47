"""xAPI 1.0.3 statements for a finished run, and a small client for a Learning Record Store.

:func:`statements` turns a :class:`~trainer.results.RunRecord` into the run's statements, in
order: ``initialized``; ``answered`` for each decision (a ``cmi.interaction`` of type
``choice`` whose ``result.response`` is the choice id, or the offered remedy ids joined by
``[,]``); ``passed`` or ``failed`` with the score; ``completed``; ``terminated``. It is pure: no
clock, no I/O; the timestamps come from the record (the start plus the seconds each decision
took, the finish for the last three) and the statement ids from the run id, so the same run
always gives the same statements, byte for byte, and a resend never makes a duplicate.

The actor is identified by an account (``homePage`` + trainee name), never by an e-mail
address. Every statement carries the run id as ``context.registration``.

:class:`LRSClient` posts statements to ``{endpoint}/statements`` with the standard library
only; it reports which statement ids the LRS holds afterwards, so that a caller keeping an
offline queue can drop those and keep the rest for the next send.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.request
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote, urlsplit

from .. import __version__
from ..results import RunRecord
from ..scenario.model import Beat, Scenario, Text

XAPI_VERSION = "1.0.3"
DEFAULT_HOMEPAGE = "https://service-recovery-trainer.invalid"
DEFAULT_PASS_MARK = 70

#: Namespace of the statement ids: ``uuid5(STATEMENT_NAMESPACE, f"{run_id}/{n}")``. Never
#: change it: the ids of statements already sent would change, and a resend would duplicate.
STATEMENT_NAMESPACE = uuid.UUID("5d0abdf3-dca4-51c4-8223-a8e47f4b8412")

ADL_VERB = "http://adlnet.gov/expapi/verbs/"
VERBS = ("initialized", "answered", "passed", "failed", "completed", "terminated")
ACTIVITY_SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
ACTIVITY_INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
#: The separator of a multiple-choice response (xAPI 1.0.3, "Response Patterns").
CHOICE_SEPARATOR = "[,]"
PLATFORM = "Service Recovery Trainer"

BATCH_SIZE = 50


# -- statements ------------------------------------------------------------------------------


def statements(
    record: RunRecord,
    scenario: Scenario,
    *,
    homepage: str = DEFAULT_HOMEPAGE,
    pass_mark: int = DEFAULT_PASS_MARK,
) -> list[dict[str, Any]]:
    """The run's xAPI statements, in order (see the module docstring).

    ``scenario`` supplies the texts (titles, choices, remedies); the identifiers (scenario id
    and version, beats, choices) come from the record. Raises ``ValueError`` when the run id is
    not a UUID or the scenario is not the run's.
    """
    if scenario.id != record.scenario_id:
        raise ValueError(f"the run is of scenario '{record.scenario_id}', not '{scenario.id}'")
    registration = str(uuid.UUID(record.run_id))
    home = homepage.rstrip("/")
    locale = record.locale or scenario.fallback
    started = _utc(record.started_at)
    finished = max(_utc(record.finished_at), started)

    scenario_ref = {
        "objectType": "Activity",
        "id": scenario_iri(home, record.scenario_id, record.scenario_version),
    }
    scenario_activity = dict(
        scenario_ref,
        definition={
            "type": ACTIVITY_SIMULATION,
            "name": _language_map(scenario.title, locale, record.scenario_id),
            "description": _language_map(scenario.failure.summary, locale, record.scenario_id),
        },
    )
    actor = {"objectType": "Agent", "account": {"homePage": home, "name": record.trainee}}
    grouping = None
    if record.cohort:
        grouping = [
            {
                "objectType": "Activity",
                "id": cohort_iri(home, record.cohort),
                "definition": {"name": {locale: record.cohort}},
            }
        ]

    def context(parent: bool) -> dict[str, Any]:
        ctx: dict[str, Any] = {
            "registration": registration,
            "platform": PLATFORM,
            "language": locale,
            "extensions": {
                extension_iri(home, "engine-version"): record.engine_version,
                extension_iri(home, "scenario-sha256"): record.scenario_sha256,
                extension_iri(home, "seed"): record.seed,
            },
        }
        activities: dict[str, Any] = {}
        if parent:
            activities["parent"] = [dict(scenario_ref)]
        if grouping is not None:
            activities["grouping"] = [dict(a) for a in grouping]
        if activities:
            ctx["contextActivities"] = activities
        return ctx

    out: list[dict[str, Any]] = []

    def add(
        verb: str,
        obj: dict[str, Any],
        when: datetime,
        result: dict[str, Any] | None,
        parent: bool = False,
    ) -> None:
        statement: dict[str, Any] = {
            "id": statement_id(registration, len(out)),
            "version": XAPI_VERSION,
            "actor": actor,
            "verb": {"id": ADL_VERB + verb, "display": {"en-US": verb}},
            "object": obj,
            "context": context(parent),
            "timestamp": _timestamp(when),
        }
        if result is not None:
            statement["result"] = result
        out.append(json.loads(json.dumps(statement)))  # a deep copy: no shared sub-dicts

    add("initialized", scenario_activity, started, None)

    elapsed_ms = 0
    for decision in record.decisions:
        after = float(decision.get("after", 0.0))
        elapsed_ms += max(0, round(after * 1000))
        when = min(started + timedelta(milliseconds=elapsed_ms), finished)
        beat_id = str(decision["beat"])
        beat = scenario.beats.get(beat_id)
        result: dict[str, Any] = {"duration": iso_duration(after)}
        response = _response(decision)
        if response:
            result["response"] = response
        shown = decision.get("shown")
        if isinstance(shown, list) and shown:
            # The order the options were on screen (drawn per run): what the trainee saw.
            result["extensions"] = {
                extension_iri(home, "shown"): CHOICE_SEPARATOR.join(str(s) for s in shown)
            }
        add(
            "answered",
            _beat_activity(home, record, scenario, beat_id, beat, locale),
            when,
            result,
            parent=True,
        )

    overall = int(record.scores["overall"])
    duration = iso_duration((finished - started).total_seconds())
    passed = overall >= pass_mark
    dimensions = {
        dimension_iri(home, name): int(value)
        for name, value in sorted(record.scores.items())
        if name != "overall"
    }
    add(
        "passed" if passed else "failed",
        scenario_activity,
        finished,
        {
            "score": {"scaled": overall / 100, "raw": overall, "min": 0, "max": 100},
            "success": passed,
            "completion": True,
            "duration": duration,
            "extensions": dict(dimensions, **{extension_iri(home, "outcome"): record.outcome}),
        },
    )
    add("completed", scenario_activity, finished, {"completion": True, "duration": duration})
    add("terminated", scenario_activity, finished, {"duration": duration})
    return out


def statement_id(registration: str, n: int) -> str:
    """The id of the run's ``n``-th statement (0-based): the same on every export."""
    return str(uuid.uuid5(STATEMENT_NAMESPACE, f"{registration}/{n}"))


def scenario_iri(home: str, scenario_id: str, version: int) -> str:
    return f"{home.rstrip('/')}/scenarios/{_segment(scenario_id)}?version={int(version)}"


def beat_iri(home: str, scenario_id: str, beat_id: str) -> str:
    return f"{home.rstrip('/')}/scenarios/{_segment(scenario_id)}/beats/{_segment(beat_id)}"


def cohort_iri(home: str, cohort: str) -> str:
    return f"{home.rstrip('/')}/cohorts/{_segment(cohort)}"


def dimension_iri(home: str, dimension: str) -> str:
    return f"{home.rstrip('/')}/xapi/dimensions/{_segment(dimension)}"


def extension_iri(home: str, name: str) -> str:
    return f"{home.rstrip('/')}/xapi/extensions/{_segment(name)}"


def iso_duration(seconds: float) -> str:
    """An ISO 8601 duration to the hundredth of a second: 65.5 -> ``PT1M5.5S``."""
    centis = max(0, round(seconds * 100))
    hours, rest = divmod(centis, 360_000)
    minutes, rest = divmod(rest, 6_000)
    whole, frac = divmod(rest, 100)
    out = "PT"
    if hours:
        out += f"{hours}H"
    if minutes:
        out += f"{minutes}M"
    if whole or frac or not (hours or minutes):
        out += str(whole) + (f".{frac:02d}".rstrip("0") if frac else "") + "S"
    return out


def export_json(items: Sequence[Mapping[str, Any]]) -> str:
    """The statements as a pretty JSON array with sorted keys (UTF-8 text, not escaped)."""
    return json.dumps([dict(s) for s in items], indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _beat_activity(
    home: str, record: RunRecord, scenario: Scenario, beat_id: str, beat: Beat | None, locale: str
) -> dict[str, Any]:
    title = _language_map(scenario.title, locale, record.scenario_id)
    definition: dict[str, Any] = {
        "type": ACTIVITY_INTERACTION,
        "interactionType": "choice",
        "name": {tag: f"{text}: {beat_id}" for tag, text in title.items()},
    }
    if beat is not None:
        definition["description"] = _language_map(beat.say, locale, beat_id)
        if beat.menu:
            components = [(r.id, r.label) for r in scenario.remedies]
        else:
            components = [(c.id, c.text) for c in beat.choices]
        if components:
            definition["choices"] = [
                {"id": cid, "description": _language_map(text, locale, cid)}
                for cid, text in components
            ]
    return {
        "objectType": "Activity",
        "id": beat_iri(home, record.scenario_id, beat_id),
        "definition": definition,
    }


def _response(decision: Mapping[str, Any]) -> str:
    if "choose" in decision:
        return str(decision["choose"])
    return CHOICE_SEPARATOR.join(str(r) for r in decision.get("offer", ()))


def _language_map(text: Text, locale: str, default: str) -> dict[str, str]:
    """``{tag: text}`` in the run's locale, keyed by the locale the text was really found in
    (a scenario without a Vietnamese title gives its fallback text under its own tag)."""
    value = text.get(locale) or default
    return {_found_locale(text, locale): value}


def _found_locale(text: Text, locale: str) -> str:
    values = text.values
    if locale in values:
        return locale
    parts = locale.split("-")
    while len(parts) > 1:
        parts.pop()
        if "-".join(parts) in values:
            return "-".join(parts)
    if text.fallback in values:
        return text.fallback
    for key in values:
        return key
    return locale


def _segment(value: str) -> str:
    return quote(str(value), safe="")


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _timestamp(moment: datetime) -> str:
    moment = _utc(moment)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + f".{moment.microsecond // 1000:03d}Z"


# -- sending ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SendResult:
    """What a send achieved: the ids the LRS now holds, the ids still to send, and why."""

    sent: tuple[str, ...]
    unsent: tuple[str, ...]
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.unsent


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirected POST would come back as a GET (and a 200): refuse redirects instead."""

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> None:
        return None


class LRSClient:
    """Posts statements to an LRS's statements resource, in batches, one attempt each.

    A batch answered 200 or 204 is sent; so is one answered 409 (the LRS already holds
    statements with these ids). An LRS refuses a whole batch with 409 if only one of its
    statements conflicts, so a conflicting batch of several is sent again one statement at a
    time, once each, to find out which others it still needs. A network error, a redirect or
    any other 4xx/5xx leaves the batch unsent; after a network error or a 401/403 the rest is
    left unsent without trying.
    """

    def __init__(self, batch_size: int = BATCH_SIZE) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.batch_size = batch_size
        self._opener = urllib.request.build_opener(_NoRedirect())

    def send(
        self,
        items: Sequence[Mapping[str, Any]],
        endpoint: str,
        user: str,
        password: str,
        timeout: float = 10,
    ) -> SendResult:
        ids = [_id_of(s) for s in items]
        url = endpoint.rstrip("/") + "/statements"
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return SendResult((), tuple(ids), f"not an http(s) URL: {endpoint!r}")
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        headers = {
            "Authorization": f"Basic {token}",
            "Content-Type": "application/json; charset=utf-8",
            "Accept": "application/json",
            "X-Experience-API-Version": XAPI_VERSION,
            "User-Agent": f"service-recovery-trainer/{__version__}",
        }
        sent: list[str] = []
        unsent: list[str] = []
        errors: list[str] = []
        stop = False
        for start in range(0, len(items), self.batch_size):
            batch = list(items[start : start + self.batch_size])
            batch_ids = ids[start : start + self.batch_size]
            if stop:
                unsent.extend(batch_ids)
                continue
            status, detail = self._post(url, batch, headers, timeout)
            if status in (200, 204) or (status == 409 and len(batch) == 1):
                sent.extend(batch_ids)
            elif status == 409:
                for statement, sid in zip(batch, batch_ids, strict=True):
                    if stop:
                        unsent.append(sid)
                        continue
                    one, why = self._post(url, [statement], headers, timeout)
                    if one in (200, 204, 409):
                        sent.append(sid)
                    else:
                        unsent.append(sid)
                        errors.append(_describe(one, why))
                        stop = one is None or one in (401, 403)
            else:
                unsent.extend(batch_ids)
                errors.append(_describe(status, detail))
                stop = status is None or status in (401, 403)
        error = ""
        if errors:
            error = errors[0] + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else "")
        return SendResult(tuple(sent), tuple(unsent), error)

    def _post(
        self, url: str, batch: list[Mapping[str, Any]], headers: dict[str, str], timeout: float
    ) -> tuple[int | None, str]:
        """One POST: (HTTP status, detail), or (None, reason) when no answer came."""
        body = json.dumps(
            [dict(s) for s in batch], ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ).encode("utf-8")
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with self._opener.open(request, timeout=timeout) as response:
                response.read()
                return int(response.status), ""
        except urllib.error.HTTPError as exc:
            try:
                text = exc.read().decode("utf-8", "replace")
            except (OSError, http.client.HTTPException):
                text = ""
            finally:
                exc.close()
            if 300 <= exc.code < 400:
                text = f"redirected to {exc.headers.get('Location', '?')}"
            return exc.code, _detail(text or str(exc.reason))
        except urllib.error.URLError as exc:
            return None, str(exc.reason)
        except (OSError, http.client.HTTPException, ValueError) as exc:
            # ValueError: http.client.InvalidURL, a port that is not a number, and the like.
            return None, str(exc) or type(exc).__name__


def _id_of(statement: Mapping[str, Any]) -> str:
    sid = statement.get("id")
    if not sid:
        raise ValueError("every statement needs an id, or a resend would duplicate it")
    return str(sid)


def _detail(text: str) -> str:
    try:
        parsed = json.loads(text)
    except ValueError:
        parsed = None
    if isinstance(parsed, dict) and "detail" in parsed:
        text = (
            parsed["detail"]
            if isinstance(parsed["detail"], str)
            else json.dumps(parsed["detail"], ensure_ascii=False)
        )
    text = " ".join(text.split())
    return text[:200] + ("..." if len(text) > 200 else "")


def _describe(status: int | None, detail: str) -> str:
    if status is None:
        return f"no answer from the LRS: {detail}"
    return f"HTTP {status}: {detail}" if detail else f"HTTP {status}"


__all__ = ["LRSClient", "SendResult", "export_json", "iso_duration", "statement_id", "statements"]
