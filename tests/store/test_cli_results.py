"""The results commands of cli.md, on a real SQLite store chosen with TRAINER_DB_URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import ROOT

from trainer.cli import main

SCRIPTS = ROOT / "scenarios" / "scripts"
PASS = "correct horse battery"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "results.db"
    monkeypatch.setenv("TRAINER_DB_URL", f"sqlite:///{path}")
    monkeypatch.delenv("TRAINER_PASSPHRASE", raising=False)
    return path


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_store_runs_leaderboard_replay_report(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TRAINER_NEW_PASSPHRASE", PASS)
    assert cli(capsys, "passphrase", "set")[0] == 0
    assert cli(capsys, "cohort", "create", "nov", "--name", "November")[0] == 1  # no passphrase
    monkeypatch.setenv("TRAINER_PASSPHRASE", PASS)
    assert cli(capsys, "cohort", "create", "nov", "--name", "November")[0] == 0
    ids = []
    for trainee, scenario in (
        ("Ana", "bank-double-charge"),
        ("<b>Bo</b>", "bank-double-charge"),
        ("Ana", "hotel-overbooked-late-arrival"),
    ):
        code, out, err = cli(
            capsys,
            "run",
            scenario,
            "--script",
            str(SCRIPTS / f"{scenario}.yaml"),
            "--json",
            "--store",
            "--trainee",
            trainee,
            "--cohort",
            "nov",
        )
        assert code == 0, err
        ids.append(json.loads(out)["run_id"])
    code, out, _ = cli(capsys, "runs", "--cohort", "nov", "--format", "json")
    runs = json.loads(out)
    assert [r["run_id"] for r in runs] == ids and {r["integrity"] for r in runs} == {"ok"}
    code, out, _ = cli(
        capsys, "leaderboard", "--scenario", "bank-double-charge", "--format", "json"
    )
    board = json.loads(out)
    assert [r["trainee"] for r in board] == ["Ana", "<b>Bo</b>"]  # tie: the earlier run
    assert set(board[0]) >= {"rank", "trainee", "cohort", "scenario", "overall", "run_id"}
    code, out, _ = cli(capsys, "leaderboard", "--cohort", "nov", "--format", "csv")
    assert out.splitlines()[0] == "rank,trainee,cohort,scenario,overall,run_id"
    code, out, _ = cli(capsys, "replay", ids[2])
    assert code == 0 and "integrity: ok" in out and "anger" in out and "moved:" in out
    report = tmp_path / "nov.html"
    code, out, err = cli(capsys, "report", "--cohort", "nov", "--out", str(report))
    assert code == 0, err
    html = report.read_text("utf-8")
    assert "&lt;b&gt;Bo&lt;/b&gt;" in html and "<b>Bo</b>" not in html


def test_trainer_commands_need_the_passphrase(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = cli(
        capsys,
        "run",
        "bank-double-charge",
        "--script",
        str(SCRIPTS / "bank-double-charge.yaml"),
        "--json",
        "--store",
        "--trainee",
        "Ana",
    )
    run_id = json.loads(out)["run_id"]
    assert cli(capsys, "review", "hide", run_id)[0] == 1  # no passphrase set yet
    monkeypatch.setenv("TRAINER_NEW_PASSPHRASE", PASS)
    cli(capsys, "passphrase", "set")
    monkeypatch.setenv("TRAINER_PASSPHRASE", "guess")
    code, _, err = cli(capsys, "trainee", "delete", "Ana")
    assert code == 1 and "wrong trainer passphrase" in err
    monkeypatch.setenv("TRAINER_PASSPHRASE", PASS)
    assert cli(capsys, "note", run_id, "Well handled.")[0] == 0
    code, out, _ = cli(capsys, "trainee", "export", "Ana")
    assert json.loads(out)["runs"][0]["notes"][0]["text"] == "Well handled."
    assert cli(capsys, "review", "hide", run_id)[0] == 0
    assert json.loads(cli(capsys, "leaderboard", "--format", "json")[1]) == []
    code, _, err = cli(capsys, "trainee", "delete", "Ana")  # no terminal to ask: refused
    assert code == 1 and "--yes" in err and "not deleted" in err
    assert json.loads(cli(capsys, "runs", "--format", "json")[1])  # the run is still there
    assert cli(capsys, "trainee", "delete", "Ana", "--yes")[0] == 0
    assert json.loads(cli(capsys, "runs", "--format", "json")[1]) == []


def test_unknown_cohort_and_unknown_run(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(
        capsys,
        "run",
        "bank-double-charge",
        "--script",
        str(SCRIPTS / "bank-double-charge.yaml"),
        "--store",
        "--trainee",
        "Ana",
        "--cohort",
        "nope",
    )
    assert code == 1 and "unknown cohort code 'nope'" in err
    assert cli(capsys, "replay", "no-such-run")[0] == 1
    code, _, err = cli(
        capsys,
        "run",
        "bank-double-charge",
        "--script",
        str(SCRIPTS / "bank-double-charge.yaml"),
        "--store",
    )
    assert code == 2 and "--trainee" in err


def test_a_broken_database_url_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAINER_DB_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    code, _, err = cli(capsys, "runs")
    assert code == 1 and "cannot reach the results database" in err and "Traceback" not in err


def test_xapi_export_and_a_failed_send_keeps_the_queue(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, _ = cli(
        capsys,
        "run",
        "bank-double-charge",
        "--script",
        str(SCRIPTS / "bank-double-charge.yaml"),
        "--json",
        "--store",
        "--trainee",
        "Ana",
    )
    run_id = json.loads(out)["run_id"]
    target = tmp_path / "statements.json"
    assert cli(capsys, "xapi", "export", "--out", str(target))[0] == 0
    statements = json.loads(target.read_text("utf-8"))
    assert statements and {s["context"]["registration"] for s in statements} == {run_id}
    send = ("xapi", "send", "--endpoint", "http://127.0.0.1:1/xAPI", "--user", "u")
    # A secret on the command line would show in the process list: it is not accepted there.
    assert cli(capsys, *send, "--password", "p")[0] == 2
    monkeypatch.delenv("TRAINER_LRS_PASSWORD", raising=False)
    code, _, err = cli(capsys, *send)  # no terminal to prompt on
    assert code == 1 and "TRAINER_LRS_PASSWORD" in err
    monkeypatch.setenv("TRAINER_LRS_PASSWORD", "p")
    code, out, err = cli(capsys, *send)
    assert code == 1 and f"{len(statements)} kept for the next send" in out
    from trainer.store import Store

    assert len(Store().pending_statements()) == len(statements)


def test_unwritable_outputs_and_bad_dates_are_clear_errors(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAINER_NEW_PASSPHRASE", PASS)
    cli(capsys, "passphrase", "set")
    monkeypatch.setenv("TRAINER_PASSPHRASE", PASS)
    code, _, err = cli(capsys, "cohort", "create", "c", "--name", "C", "--starts", "tomorrow")
    assert code == 1 and "--starts takes a date as YYYY-MM-DD" in err
    code, _, err = cli(
        capsys,
        "cohort",
        "create",
        "c",
        "--name",
        "C",
        "--starts",
        "2026-11-23",
        "--ends",
        "2026-11-01",
    )
    assert code == 1 and "is before --starts" in err
    cli(
        capsys,
        "run",
        "bank-double-charge",
        "--script",
        str(SCRIPTS / "bank-double-charge.yaml"),
        "--store",
        "--trainee",
        "Ana",
    )
    for args in (
        ("xapi", "export", "--out", "/nonexistent/dir/x.json"),
        ("trainee", "export", "Ana", "--out", "/nonexistent/dir/x.json"),
    ):
        code, _, err = cli(capsys, *args)
        assert code == 1 and "cannot write /nonexistent/dir/x.json" in err, args
    assert len(json.loads(cli(capsys, "runs", "--format", "json")[1])) == 1  # nothing lost


def test_an_unusable_database_folder_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAINER_DB_URL", "sqlite:////proc/no-such-place/results.db")
    code, _, err = cli(capsys, "runs")
    assert code == 1 and "no results database at /proc/no-such-place/results.db" in err
    monkeypatch.setenv("TRAINER_NEW_PASSPHRASE", "a long enough passphrase")
    code, _, err = cli(capsys, "passphrase", "set")  # a command that writes: it must create
    assert code == 1 and "cannot create the folder" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "command",
    [
        ("runs",),
        ("leaderboard",),
        ("replay", "no-such-run"),
        ("cohort", "list"),
        ("report", "--cohort", "x", "--out", "-"),
        ("xapi", "export", "--out", "-"),
    ],
)
def test_read_only_commands_never_create_a_database(
    command: tuple[str, ...],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mistyped = tmp_path / "resluts" / "results.db"
    monkeypatch.setenv("TRAINER_DB_URL", f"sqlite:///{mistyped}")
    code, _, err = cli(capsys, *command)
    assert code == 1 and str(mistyped) in err
    assert not mistyped.exists() and not mistyped.parent.exists()
