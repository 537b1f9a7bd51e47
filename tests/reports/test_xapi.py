"""xAPI 1.0.3 statements for runs, the LRS client, and a live Ralph LRS.

The runs are the bundled model answers, played through the engine and scored; every statement
is also checked with Ralph's own pydantic models, since Ralph's LRS itself validates loosely.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from helpers import bundled_by_id
from variants import bundled_with_scripts, model_decisions

from trainer import ENGINE_VERSION
from trainer.application.play import finish
from trainer.engine import Engine
from trainer.reports.xapi import (
    LRSClient,
    export_json,
    iso_duration,
    statement_id,
    statements,
)
from trainer.results import RunRecord
from trainer.scenario.model import Scenario

HOME = "https://service-recovery-trainer.invalid"
ADL = "http://adlnet.gov/expapi/verbs/"
RUN_ID = "6f1c2a4e-8b3d-4c5e-9f70-112233445566"
STARTED = datetime(2026, 3, 1, 9, 0, 0, tzinfo=timezone.utc)
FINISHED = STARTED + timedelta(minutes=1, seconds=5.5)
try:
    import ralph  # noqa: F401 - only whether it can be imported
except ImportError:
    HAS_RALPH = False
else:
    HAS_RALPH = True
NO_RALPH = "ralph cannot be imported (install ralph-malph[cli,lrs] and requests)"


def record_for(
    scenario: Scenario,
    *,
    run_id: str = RUN_ID,
    trainee: str = "Ana Silva",
    cohort: str | None = "2026-11-orientation",
    locale: str = "en",
    seed: int = 7,
) -> RunRecord:
    """A finished run of the scenario's model answer, with fixed ids and times."""
    run = Engine(scenario, locale).play(model_decisions(scenario), seed=seed)
    assert run.complete
    played = finish(run, locale)
    return RunRecord(
        run_id=run_id,
        trainee=trainee,
        cohort=cohort,
        scenario_id=scenario.id,
        scenario_version=scenario.version,
        scenario_sha256=scenario.sha256,
        seed=seed,
        decisions=tuple(d.to_json() for d in run.decisions),
        scores=dict(played.result.scores),
        outcome=played.result.outcome.to_json(),
        started_at=STARTED,
        finished_at=FINISHED,
        engine_version=ENGINE_VERSION,
        locale=locale,
    )


SCENARIOS = bundled_with_scripts()
IDS = [s.id for s in SCENARIOS]


def hotel() -> Scenario:
    return bundled_by_id("hotel-overbooked-late-arrival")


def verbs(items: list[dict[str, Any]]) -> list[str]:
    return [s["verb"]["id"].removeprefix(ADL) for s in items]


# -- the statements ----------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_statement_sequence_and_verbs(scenario: Scenario) -> None:
    record = record_for(scenario)
    items = statements(record, scenario)
    verdict = "passed" if record.scores["overall"] >= 70 else "failed"
    assert verbs(items) == (
        ["initialized"]
        + ["answered"] * len(record.decisions)
        + [verdict, "completed", "terminated"]
    )
    for s in items:
        assert s["verb"]["display"] == {"en-US": s["verb"]["id"].removeprefix(ADL)}
        assert s.get("version", "1.0.3") == "1.0.3"
    scenario_iri = f"{HOME}/scenarios/{scenario.id}?version={scenario.version}"
    for s in items[:1] + items[-3:]:
        assert s["object"]["id"] == scenario_iri
        assert s["object"]["definition"]["name"] == {"en": scenario.title.get("en")}
        assert s["object"]["definition"]["description"]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_one_answered_per_decision_with_the_response(scenario: Scenario) -> None:
    record = record_for(scenario)
    answered = [s for s in statements(record, scenario) if s["verb"]["id"] == ADL + "answered"]
    assert len(answered) == len(record.decisions)
    for s, decision in zip(answered, record.decisions, strict=True):
        beat = scenario.beats[decision["beat"]]
        assert s["object"]["id"] == f"{HOME}/scenarios/{scenario.id}/beats/{beat.id}"
        definition = s["object"]["definition"]
        assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
        assert definition["interactionType"] == "choice"
        offered = [c["id"] for c in definition["choices"]]
        if "choose" in decision:
            assert s["result"]["response"] == decision["choose"]
            assert offered == [c.id for c in beat.choices]
            texts = {c["id"]: c["description"]["en"] for c in definition["choices"]}
            assert texts == {c.id: c.text.get("en") for c in beat.choices}
        else:
            assert beat.menu
            assert s["result"]["response"] == "[,]".join(decision["offer"])
            assert offered == [r.id for r in scenario.remedies]
        assert set(s["result"]["response"].split("[,]")) <= set(offered)
        assert s["result"]["duration"] == iso_duration(decision["after"])
        assert s["context"]["contextActivities"]["parent"] == [
            {
                "objectType": "Activity",
                "id": f"{HOME}/scenarios/{scenario.id}?version={scenario.version}",
            }
        ]


def test_a_menu_beat_answers_with_the_offered_remedies() -> None:
    scenario = hotel()
    items = statements(record_for(scenario), scenario)
    menu = [s for s in items if s["object"]["id"].endswith("/beats/offer")]
    assert [s["result"]["response"] for s in menu] == ["partner-hotel[,]suite-upgrade"]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_every_statement_has_the_registration_and_the_context(scenario: Scenario) -> None:
    record = record_for(scenario)
    for s in statements(record, scenario):
        context = s["context"]
        assert context["registration"] == RUN_ID
        assert context["extensions"] == {
            f"{HOME}/xapi/extensions/engine-version": ENGINE_VERSION,
            f"{HOME}/xapi/extensions/scenario-sha256": scenario.sha256,
            f"{HOME}/xapi/extensions/seed": 7,
        }
        grouping = context["contextActivities"]["grouping"]
        assert [g["id"] for g in grouping] == [f"{HOME}/cohorts/2026-11-orientation"]


def test_no_cohort_no_grouping() -> None:
    scenario = hotel()
    for s in statements(record_for(scenario, cohort=None), scenario):
        assert "grouping" not in s["context"].get("contextActivities", {})


def test_ids_are_stable_and_unique() -> None:
    scenario = hotel()
    record = record_for(scenario)
    first = statements(record, scenario)
    again = statements(record_for(scenario), scenario)
    ids = [s["id"] for s in first]
    assert ids == [s["id"] for s in again]
    assert ids == [statement_id(RUN_ID, n) for n in range(len(ids))]
    assert len(set(ids)) == len(ids)
    other = statements(replace(record, run_id="6f1c2a4e-8b3d-4c5e-9f70-000000000000"), scenario)
    assert not set(ids) & {s["id"] for s in other}
    # Same input, same bytes: the export is deterministic.
    assert export_json(first) == export_json(again)
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)


def test_the_actor_is_an_account_never_an_email() -> None:
    scenario = hotel()
    for s in statements(record_for(scenario, trainee="Ana Silva"), scenario, homepage=HOME + "/"):
        assert s["actor"] == {
            "objectType": "Agent",
            "account": {"homePage": HOME, "name": "Ana Silva"},
        }
        text = json.dumps(s)
        assert "mbox" not in text and "mailto:" not in text and "openid" not in text


def test_passed_or_failed_by_the_pass_mark_with_the_score() -> None:
    scenario = hotel()
    record = record_for(scenario)
    overall = record.scores["overall"]
    for pass_mark, verb in ((overall, "passed"), (overall + 1, "failed")):
        items = statements(record, scenario, pass_mark=pass_mark)
        verdict = items[-3]
        assert verdict["verb"]["id"] == ADL + verb
        result = verdict["result"]
        assert result["score"] == {"scaled": overall / 100, "raw": overall, "min": 0, "max": 100}
        assert result["success"] is (verb == "passed")
        assert result["completion"] is True
        assert result["duration"] == "PT1M5.5S"
    completed, terminated = items[-2:]
    assert completed["result"] == {"completion": True, "duration": "PT1M5.5S"}
    assert terminated["result"] == {"duration": "PT1M5.5S"}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_dimension_scores_are_result_extensions(scenario: Scenario) -> None:
    record = record_for(scenario)
    extensions = statements(record, scenario)[-3]["result"]["extensions"]
    dims = {
        k.removeprefix(f"{HOME}/xapi/dimensions/"): v
        for k, v in extensions.items()
        if k.startswith(f"{HOME}/xapi/dimensions/")
    }
    expected = {k: v for k, v in record.scores.items() if k != "overall"}
    assert dims == expected
    assert {"speed", "apology", "remedy_fit", "follow_up"} <= set(dims)
    assert all(isinstance(v, int) and 0 <= v <= 100 for v in dims.values())
    assert extensions[f"{HOME}/xapi/extensions/outcome"] == record.outcome


def test_timestamps_follow_the_decisions() -> None:
    scenario = hotel()
    record = record_for(scenario)
    items = statements(record, scenario)
    stamps = [s["timestamp"] for s in items]
    assert stamps[0] == "2026-03-01T09:00:00.000Z"
    elapsed = 0.0
    for stamp, decision in zip(stamps[1:-3], record.decisions, strict=True):
        elapsed += decision["after"]
        expected = STARTED + timedelta(seconds=elapsed)
        assert stamp == expected.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    assert stamps[-3:] == ["2026-03-01T09:01:05.500Z"] * 3
    assert stamps == sorted(stamps)


def test_decision_times_never_pass_the_finish() -> None:
    scenario = hotel()
    record = replace(record_for(scenario), finished_at=STARTED + timedelta(seconds=10))
    stamps = [s["timestamp"] for s in statements(record, scenario)]
    assert stamps == sorted(stamps)
    assert max(stamps) == "2026-03-01T09:00:10.000Z"


def test_texts_in_the_runs_locale() -> None:
    scenario = bundled_by_id("airline-oversold-flight")
    assert "zh-Hans" in scenario.locales
    items = statements(record_for(scenario, locale="zh-Hans"), scenario)
    assert items[0]["object"]["definition"]["name"] == {"zh-Hans": scenario.title.get("zh-Hans")}
    assert all(s["context"]["language"] == "zh-Hans" for s in items)
    choices = [c for s in items[1:-3] for c in s["object"]["definition"]["choices"]]
    assert all(list(c["description"]) == ["zh-Hans"] for c in choices)
    # A locale the scenario lacks: the fallback text, tagged with its own language.
    english = bundled_by_id("bank-double-charge")
    assert "vi" not in english.locales
    items = statements(record_for(english, locale="vi"), english)
    assert items[0]["object"]["definition"]["name"] == {"en": english.title.get("en")}
    assert items[0]["context"]["language"] == "vi"


HOSTILE = [
    "<script>alert('x')</script> & <b>bold</b>",
    "Robert'); DROP TABLE runs;--",
    "王小明",
    'Nguyễn Thị Ánh "Ánh" \\ back/slash',
]


@pytest.mark.parametrize("name", HOSTILE)
def test_names_survive_a_json_round_trip(name: str) -> None:
    scenario = hotel()
    record = record_for(scenario, trainee=name, cohort=name)
    items = statements(record, scenario)
    text = export_json(items)
    assert json.loads(text) == items
    assert all(s["actor"]["account"]["name"] == name for s in json.loads(text))
    grouping = items[0]["context"]["contextActivities"]["grouping"][0]
    assert grouping["id"] == f"{HOME}/cohorts/{quote(name, safe='')}"
    assert grouping["definition"]["name"] == {"en": name}
    assert all(c in text for c in name if ord(c) > 127)  # UTF-8 text, not \u escapes
    assert text.endswith("\n") and text.startswith('[\n  {\n    "actor"')


def test_iso_durations() -> None:
    assert iso_duration(0) == "PT0S"
    assert iso_duration(4.5) == "PT4.5S"
    assert iso_duration(65.5) == "PT1M5.5S"
    assert iso_duration(60) == "PT1M"
    assert iso_duration(3600 + 2.25) == "PT1H2.25S"
    assert iso_duration(-3) == "PT0S"


def test_refuses_a_run_id_that_is_no_uuid_or_another_scenario() -> None:
    scenario = hotel()
    with pytest.raises(ValueError):
        statements(replace(record_for(scenario), run_id="run-1"), scenario)
    with pytest.raises(ValueError):
        statements(record_for(scenario), bundled_by_id("bank-double-charge"))


# -- Ralph's statement models ------------------------------------------------------------------


@pytest.mark.skipif(not HAS_RALPH, reason=NO_RALPH)
@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_every_statement_validates_with_ralphs_models(scenario: Scenario) -> None:
    from ralph.models.xapi.base.statements import BaseXapiStatement
    from ralph.models.xapi.base.unnested_objects import BaseXapiActivityInteractionDefinition

    locale = "zh-Hans" if "zh-Hans" in scenario.locales else "en"
    for cohort in ("2026-11-orientation", None):
        record = record_for(scenario, cohort=cohort, locale=locale, trainee=HOSTILE[0])
        for s in statements(record, scenario):
            model = BaseXapiStatement.model_validate(s)
            assert str(model.id) == s["id"]
            assert str(model.context.registration) == RUN_ID
            if s["verb"]["id"] == ADL + "answered":
                assert isinstance(model.object.definition, BaseXapiActivityInteractionDefinition)


@pytest.mark.skipif(not HAS_RALPH, reason=NO_RALPH)
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_validate_with_ralphs_models(name: str) -> None:
    from ralph.models.xapi.base.statements import BaseXapiStatement

    scenario = hotel()
    for s in json.loads(
        export_json(statements(record_for(scenario, trainee=name, cohort=name), scenario))
    ):
        BaseXapiStatement.model_validate(s)


# -- the client against a scripted LRS ---------------------------------------------------------


@dataclass
class FakeLRS:
    """An HTTP server on 127.0.0.1 that answers POSTs with scripted statuses."""

    statuses: list[int] = field(default_factory=list)
    default: int = 200
    requests: list[tuple[str, dict[str, str], list[dict[str, Any]]]] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def fake_lrs() -> Iterator[FakeLRS]:
    fake = FakeLRS()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server API
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            batch = json.loads(body.decode("utf-8"))
            headers = {k.lower(): v for k, v in self.headers.items()}
            fake.requests.append((self.path, headers, batch))
            status = fake.statuses.pop(0) if fake.statuses else fake.default
            payload = (
                b""
                if status == 204
                else json.dumps(
                    [s["id"] for s in batch] if status == 200 else {"detail": f"status {status}"}
                ).encode()
            )
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", "https://elsewhere.invalid/xAPI/statements")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/xAPI"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def many_statements(count: int) -> list[dict[str, Any]]:
    scenario = hotel()
    out: list[dict[str, Any]] = []
    n = 0
    while len(out) < count:
        run_id = f"6f1c2a4e-8b3d-4c5e-9f70-{n:012d}"
        out.extend(statements(record_for(scenario, run_id=run_id), scenario))
        n += 1
    return out[:count]


def test_client_posts_batches_of_50_with_the_xapi_headers(fake_lrs: FakeLRS) -> None:
    items = many_statements(120)
    result = LRSClient().send(items, fake_lrs.url + "/", "trainer", "pässword", timeout=5)
    assert result.ok and result.error == ""
    assert list(result.sent) == [s["id"] for s in items]
    assert [len(batch) for _, _, batch in fake_lrs.requests] == [50, 50, 20]
    token = base64.b64encode("trainer:pässword".encode()).decode()
    for path, headers, _ in fake_lrs.requests:
        assert path == "/xAPI/statements"
        assert headers["x-experience-api-version"] == "1.0.3"
        assert headers["content-type"].startswith("application/json")
        assert headers["authorization"] == f"Basic {token}"
    assert [s for _, _, b in fake_lrs.requests for s in b] == items


def test_client_keeps_what_failed_and_says_why(fake_lrs: FakeLRS) -> None:
    items = many_statements(12)
    fake_lrs.statuses = [204, 500, 400]
    result = LRSClient(batch_size=4).send(items, fake_lrs.url, "u", "p", timeout=5)
    ids = [s["id"] for s in items]
    assert result.sent == tuple(ids[:4])
    assert result.unsent == tuple(ids[4:])
    assert not result.ok
    assert result.error == "HTTP 500: status 500 (and 1 more)"
    assert len(fake_lrs.requests) == 3  # a 4xx/5xx does not stop the other batches


def test_client_stops_after_an_authentication_failure(fake_lrs: FakeLRS) -> None:
    items = many_statements(12)
    fake_lrs.statuses = [401]
    result = LRSClient(batch_size=4).send(items, fake_lrs.url, "u", "wrong", timeout=5)
    assert result.sent == () and len(result.unsent) == 12
    assert result.error.startswith("HTTP 401")
    assert len(fake_lrs.requests) == 1


def test_a_conflict_counts_as_sent_and_a_conflicting_batch_is_split(fake_lrs: FakeLRS) -> None:
    items = many_statements(6)
    # The first batch of 3 conflicts; one at a time: 409 (already there), 200, 500. The
    # second conflicts too, and its statements one at a time are all taken (200).
    fake_lrs.statuses = [409, 409, 200, 500, 409]
    result = LRSClient(batch_size=3).send(items, fake_lrs.url, "u", "p", timeout=5)
    ids = [s["id"] for s in items]
    assert result.sent == (ids[0], ids[1], *ids[3:])
    assert result.unsent == (ids[2],)
    assert result.error == "HTTP 500: status 500"
    assert [len(b) for _, _, b in fake_lrs.requests] == [3, 1, 1, 1, 3, 1, 1, 1]


def test_a_redirect_is_not_taken_for_success(fake_lrs: FakeLRS) -> None:
    items = many_statements(2)
    fake_lrs.statuses = [302]
    result = LRSClient().send(items, fake_lrs.url, "u", "p", timeout=5)
    assert result.sent == () and len(result.unsent) == 2
    assert "302" in result.error and "elsewhere.invalid" in result.error


def test_no_lrs_listening_leaves_everything_unsent() -> None:
    items = many_statements(60)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again at once: nobody listens there
    started = time.monotonic()
    result = LRSClient().send(items, f"http://127.0.0.1:{port}/xAPI", "u", "p", timeout=2)
    assert result.sent == () and result.unsent == tuple(s["id"] for s in items)
    assert result.error.startswith("no answer from the LRS")
    assert time.monotonic() - started < 10


def test_not_an_http_endpoint() -> None:
    items = many_statements(1)
    result = LRSClient().send(items, "file:///etc/passwd", "u", "p")
    assert result.unsent == (items[0]["id"],) and "http" in result.error
    result = LRSClient().send(items, "http://127.0.0.1:port/xAPI", "u", "p")
    assert result.unsent == (items[0]["id"],) and result.error.startswith("no answer")


def test_nothing_to_send_sends_nothing(fake_lrs: FakeLRS) -> None:
    result = LRSClient().send([], fake_lrs.url, "u", "p")
    assert result.ok and result.sent == () and fake_lrs.requests == []


def test_a_statement_without_an_id_is_refused() -> None:
    with pytest.raises(ValueError):
        LRSClient().send([{"actor": {}}], "http://127.0.0.1:9/xAPI", "u", "p")


# -- a live Ralph LRS --------------------------------------------------------------------------

LRS_USER, LRS_PASSWORD = "trainer-ci", "correct horse battery staple"

# Ralph's filesystem LRS backend writes with operation type "create" and offers no setting to
# change it, so only the first POST that stores anything succeeds (later ones answer 500:
# "already exists and overwrite is not allowed"). The launcher switches the backend class to
# "append" before uvicorn imports the app (`ralph runserver` runs uvicorn with reload, in a
# child process, so it cannot be patched).
LAUNCHER = """
import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


@dataclass
class LiveLRS:
    endpoint: str
    store: Path

    def get(self, query: str, password: str = LRS_PASSWORD) -> Any:
        token = base64.b64encode(f"{LRS_USER}:{password}".encode()).decode()
        request = urllib.request.Request(
            f"{self.endpoint}/statements?{query}",
            headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def ralph_lrs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LiveLRS]:
    if not HAS_RALPH:
        pytest.skip(NO_RALPH)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    data = tmp_path / "lrs"
    data.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RALPH_")}
    env.update(
        {
            # Importing ralph.api builds the backend named here, `ralph auth` included.
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data),
            "RALPH_BACKENDS__LRS__FS__DEFAULT_LRS_FILE": "statements.jsonl",
            "RALPH_AUTH_FILE": str(tmp_path / "auth.json"),
            "RALPH_APP_DIR": str(tmp_path / "app"),
            "RALPH_HISTORY_FILE": str(tmp_path / "app" / "history.json"),
            "SENTRY_DSN": "",
        }
    )
    auth = subprocess.run(
        [
            sys.executable,
            "-m",
            "ralph",
            "auth",
            "--username",
            LRS_USER,
            "--password",
            LRS_PASSWORD,
            "--scope",
            "all",
            "--agent-ifi-account",
            "trainer-ci",
            HOME,
            "--write-to-disk",
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert auth.returncode == 0, auth.stderr[-3000:]
    assert (tmp_path / "auth.json").is_file()
    (tmp_path / "launch_ralph.py").write_text(LAUNCHER, "utf-8")
    port = free_port()
    log = (tmp_path / "ralph.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, str(tmp_path / "launch_ralph.py"), str(port)],
        env=env,
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail("Ralph stopped: " + (tmp_path / "ralph.log").read_text()[-3000:])
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/__heartbeat__", timeout=2
                ) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    "Ralph did not answer within 60 s: "
                    + (tmp_path / "ralph.log").read_text()[-3000:]
                )
            time.sleep(0.2)
        yield LiveLRS(f"http://127.0.0.1:{port}/xAPI", data / "statements.jsonl")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        log.close()


def test_send_to_a_live_ralph_lrs_twice_without_duplicates(ralph_lrs: LiveLRS) -> None:
    from ralph.models.xapi.base.statements import BaseXapiStatement

    scenario = bundled_by_id("airline-oversold-flight")
    first = statements(
        record_for(scenario, trainee=HOSTILE[2], cohort="第一期 <b>", locale="zh-Hans"), scenario
    )
    other_id = "6f1c2a4e-8b3d-4c5e-9f70-aaaaaaaaaaaa"
    second = statements(
        record_for(hotel(), run_id=other_id, trainee=HOSTILE[1], cohort=None), hotel()
    )
    client = LRSClient(batch_size=4)  # several POSTs, so several writes to the file

    sent = client.send(first, ralph_lrs.endpoint, LRS_USER, LRS_PASSWORD)
    assert sent.error == "" and sent.ok
    assert sent.sent == tuple(s["id"] for s in first)
    again = client.send(first, ralph_lrs.endpoint, LRS_USER, LRS_PASSWORD)
    assert again.ok and again.sent == sent.sent, again.error
    other = LRSClient().send(second, ralph_lrs.endpoint + "/", LRS_USER, LRS_PASSWORD)
    assert other.ok, other.error

    for items in (first, second):
        found = ralph_lrs.get(f"registration={items[0]['context']['registration']}&limit=100")
        stored = found["statements"]
        counts = Counter(s["id"] for s in stored)
        assert counts == Counter(s["id"] for s in items)  # each exactly once
        by_id = {s["id"]: s for s in stored}
        for s in items:
            back = by_id[s["id"]]
            for key in ("actor", "verb", "object", "result", "context", "timestamp"):
                assert back.get(key) == s.get(key), key
            BaseXapiStatement.model_validate(
                {k: v for k, v in back.items() if k not in ("stored", "authority")}
            )
    lines = ralph_lrs.store.read_text("utf-8").splitlines()
    assert Counter(json.loads(line)["id"] for line in lines) == Counter(
        s["id"] for s in first + second
    )


def test_a_live_ralph_conflict_and_a_wrong_password(ralph_lrs: LiveLRS) -> None:
    scenario = hotel()
    items = statements(record_for(scenario), scenario)
    client = LRSClient()
    assert client.send(items[:3], ralph_lrs.endpoint, LRS_USER, LRS_PASSWORD).ok
    changed = json.loads(json.dumps(items[2]))
    changed["result"]["duration"] = "PT59S"
    # One statement conflicts with the stored one: Ralph refuses the whole batch with 409;
    # the client sends the batch again one at a time so that the rest is stored.
    result = client.send([changed, *items[3:]], ralph_lrs.endpoint, LRS_USER, LRS_PASSWORD)
    assert result.ok and result.error == ""
    found = ralph_lrs.get(f"registration={RUN_ID}&limit=100")["statements"]
    assert Counter(s["id"] for s in found) == Counter(s["id"] for s in items)
    stored = {s["id"]: s for s in found}
    assert stored[items[2]["id"]]["result"] == items[2]["result"]  # the first write stands

    refused = client.send(items, ralph_lrs.endpoint, LRS_USER, "wrong")
    assert refused.sent == () and refused.error.startswith("HTTP 401")
