"""Boards rank only runs on scenario versions the trainer trusts: the bundled files, byte for
byte with their bundled persona, and versions a trainer approved with ``trainer scenario
approve``. A run on any other version is stored and shown as ``unverified scenario``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import ROOT

from trainer.cli import main

SCRIPTS = ROOT / "scenarios" / "scripts"
BANK = ROOT / "scenarios" / "bank-double-charge.yaml"
PASS = "correct horse battery"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "results.db"
    monkeypatch.setenv("TRAINER_DB_URL", f"sqlite:///{path}")
    monkeypatch.delenv("TRAINER_PASSPHRASE", raising=False)
    monkeypatch.setenv("TRAINER_NEW_PASSPHRASE", PASS)
    return path


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def play(capsys: pytest.CaptureFixture[str], scenario: str, trainee: str) -> dict[str, object]:
    code, out, err = cli(
        capsys,
        "run",
        scenario,
        "--script",
        str(SCRIPTS / "bank-double-charge.yaml"),
        "--json",
        "--store",
        "--trainee",
        trainee,
    )
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def easier_copy(folder: Path, scenario_id: str = "bank-double-charge") -> Path:
    """The bundled bank scenario with a more generous authority, under the given id (the same
    id by default): a different file on which the model script scores at least as well."""
    text = BANK.read_text("utf-8").replace("id: bank-double-charge", f"id: {scenario_id}", 1)
    cheaper = re.sub(r"budget: (\d+)", lambda m: f"budget: {int(m.group(1)) * 10}", text)
    assert cheaper != text
    target = folder / f"{scenario_id}-easier.yaml"
    target.write_text(cheaper, "utf-8")
    return target


def board(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    code, out, err = cli(capsys, "leaderboard", "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_an_edited_copy_of_a_bundled_scenario_is_stored_shown_and_never_ranked(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    honest = play(capsys, "bank-double-charge", "Ana")
    copy = easier_copy(tmp_path)
    forged = play(capsys, str(copy), "Eve")
    assert forged["scores"]["overall"] >= honest["scores"]["overall"]  # type: ignore[index]
    runs = {r["run_id"]: r for r in json.loads(cli(capsys, "runs", "--format", "json")[1])}
    assert runs[honest["run_id"]]["integrity"] == "ok"
    assert runs[forged["run_id"]]["integrity"] == "unverified scenario"
    code, out, _ = cli(capsys, "runs")
    assert code == 0 and "unverified scenario" in out
    assert [r["trainee"] for r in board(capsys, "--scenario", "bank-double-charge")] == ["Ana"]
    assert [r["trainee"] for r in board(capsys)] == ["Ana"]
    code, out, _ = cli(capsys, "replay", str(forged["run_id"]))
    assert code == 0 and "integrity: unverified scenario" in out and "not ranked" in out


def test_a_trainer_approves_a_version_and_its_runs_are_ranked(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli(capsys, "passphrase", "set")[0] == 0
    copy = easier_copy(tmp_path)
    eve = play(capsys, str(copy), "Eve")
    code, _, err = cli(capsys, "scenario", "approve", str(copy))
    assert code == 1 and "needs the trainer passphrase" in err
    monkeypatch.setenv("TRAINER_PASSPHRASE", "guess")
    code, _, err = cli(capsys, "scenario", "approve", str(copy))
    assert code == 1 and "wrong trainer passphrase" in err
    assert board(capsys) == []
    monkeypatch.setenv("TRAINER_PASSPHRASE", PASS)
    code, out, err = cli(capsys, "scenario", "approve", str(copy))
    assert code == 0, err
    assert "approved bank-double-charge v1" in out and "1 stored run(s)" in out
    assert [(r["trainee"], r["run_id"]) for r in board(capsys)] == [("Eve", eve["run_id"])]
    code, out, _ = cli(capsys, "scenario", "approved")
    assert code == 0 and "approved" in out and "bank-double-charge" in out
    # Runs played on it later are ranked at once.
    play(capsys, str(copy), "Fay")
    assert {r["trainee"] for r in board(capsys)} == {"Eve", "Fay"}
    # Approving is for scenario files that load: a broken one is refused, nothing approved.
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed\n", "utf-8")
    code, _, err = cli(capsys, "scenario", "approve", str(broken))
    assert code == 1 and "nothing approved" in err
    code, _, err = cli(capsys, "scenario", "approve", str(tmp_path / "missing.yaml"))
    assert code == 1 and "no such file" in err


def test_throwaway_ids_do_not_inflate_a_total(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    honest = play(capsys, "bank-double-charge", "Ana")
    for n in range(10):
        play(capsys, str(easier_copy(tmp_path, f"throwaway-{n}")), "Eve")
    rows = board(capsys)
    assert [(r["trainee"], r["overall"]) for r in rows] == [
        ("Ana", honest["scores"]["overall"])  # type: ignore[index]
    ]
    assert rows[0]["scenario"] == "total of 1 scenario" and rows[0]["scenarios"] == 1


def test_a_bundled_scenario_with_an_edited_persona_is_not_trusted(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same scenario file, but a persona beside it with the bundled persona's id and other
    values: a different version, not ranked."""
    from trainer.content.library import Library, bundled_scenarios

    scenario, _ = Library([bundled_scenarios()]).load_scenario(BANK)
    assert scenario is not None
    (tmp_path / "personas").mkdir()
    persona = bundled_scenarios() / "personas" / f"{scenario.persona.id}.yaml"
    edited = persona.read_text("utf-8") + "\n# softer\n"
    (tmp_path / "personas" / persona.name).write_text(edited, "utf-8")
    copy = tmp_path / "bank-double-charge.yaml"
    copy.write_bytes(BANK.read_bytes())  # byte for byte the bundled file
    run = play(capsys, str(copy), "Eve")
    runs = {r["run_id"]: r for r in json.loads(cli(capsys, "runs", "--format", "json")[1])}
    assert runs[run["run_id"]]["integrity"] == "unverified scenario"
    assert board(capsys) == []
