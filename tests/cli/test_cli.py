"""The command line contract of cli.md: outputs, exit statuses, and no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, bundled, dump, minimal

from trainer.cli import main

SCRIPTS = ROOT / "scenarios" / "scripts"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_the_bundled_library(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "list")
    assert code == 0
    rows = out.strip().splitlines()
    assert len(rows) == len(bundled()) >= 12
    first = rows[0].split()
    assert first[1].startswith("v") and first[2].isdigit()
    assert any("hotel-overbooked-late-arrival" in r and "Overbooked" in r for r in rows)


def test_list_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "list", "--lang", "zh-Hans")
    assert code == 0
    assert "深夜" in out or "酒店" in out or "汉堡" in out


def test_run_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(
        capsys,
        "run",
        "hotel-overbooked-late-arrival",
        "--script",
        str(SCRIPTS / "hotel-overbooked-late-arrival.yaml"),
        "--json",
    )
    assert code == 0, err
    doc = json.loads(out)
    assert set(doc) >= {"scenario", "seed", "scores", "outcome", "feedback", "transcript"}
    assert (
        set(doc["scenario"]) >= {"id", "version", "sha256"} and len(doc["scenario"]["sha256"]) == 64
    )
    assert set(doc["scores"]) == {"speed", "apology", "remedy_fit", "follow_up", "overall"}
    assert all(isinstance(v, int) and 0 <= v <= 100 for v in doc["scores"].values())
    assert set(doc["outcome"]) >= {
        "satisfaction",
        "retained",
        "word_of_mouth",
        "spent",
        "within_authority",
        "world_minutes",
    }
    assert set(doc["feedback"]) == {"speed", "apology", "remedy_fit", "follow_up"}
    entry = doc["transcript"][0]
    assert set(entry) >= {"beat", "choice", "after", "anger", "reply"}


def test_boundaries_appear_only_for_difficult_personas(capsys: pytest.CaptureFixture[str]) -> None:
    for scenario in bundled():
        code, out, err = run_cli(
            capsys, "run", scenario.id, "--script", str(SCRIPTS / f"{scenario.id}.yaml"), "--json"
        )
        assert code == 0, err
        scores = json.loads(out)["scores"]
        difficult = scenario.persona.archetype in ("abusive", "opportunist", "never-satisfied")
        assert ("boundaries" in scores) == difficult, scenario.id


def test_run_accepts_a_path_and_the_spec_script(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    script = tmp_path / "spec.yaml"
    script.write_text(
        "seed: 7\ntrainee: Ana Silva\ncohort: 2026-11-orientation\nsteps:\n"
        "  - choose: own-it\n    after: 4.5\n  - choose: ask-what-matters\n"
        "    after: 6\n  - offer: [partner-hotel]\n    after: 9\n"
        "  - choose: explain-steps\n    after: 3\n  - choose: full-follow-up\n"
        "    after: 5\n"
    )
    code, out, err = run_cli(
        capsys, "run", str(FIXTURES / "spec-example.yaml"), "--script", str(script), "--json"
    )
    assert code == 0, err
    doc = json.loads(out)
    assert doc["seed"] == 7
    assert [t["choice"] for t in doc["transcript"]] == [
        "own-it",
        "ask-what-matters",
        None,
        "explain-steps",
        "full-follow-up",
    ]
    assert doc["transcript"][2]["offer"] == ["partner-hotel"]


def test_run_text_output_explains_each_score(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "run", "bank-double-charge", "--script", str(SCRIPTS / "bank-double-charge.yaml")
    )
    assert code == 0
    for label in ("Speed", "Apology", "Remedy fit", "Follow-up", "Overall", "Transcript"):
        assert label in out


@pytest.mark.parametrize(
    "lang, sample", [("zh-Hans", "速度"), ("zh-Hant", "速度"), ("vi", "Tốc độ")]
)
def test_run_in_other_languages(capsys: pytest.CaptureFixture[str], lang: str, sample: str) -> None:
    scenario = "fast-food-cold-burger"
    code, out, err = run_cli(
        capsys, "run", scenario, "--script", str(SCRIPTS / f"{scenario}.yaml"), "--lang", lang
    )
    assert code == 0, err
    assert sample in out


def test_step_that_does_not_fit_names_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # explain-steps is a choice of the scenario, but of a later beat than the one reached
    script = tmp_path / "bad.yaml"
    script.write_text("steps:\n  - choose: own-it\n    after: 2\n  - choose: explain-steps\n")
    code, _, err = run_cli(
        capsys, "run", str(FIXTURES / "spec-example.yaml"), "--script", str(script)
    )
    assert code == 1
    assert f"{script}:4:13: error: 'explain-steps' is not a choice of beat 'needs'" in err


def test_mistyped_ids_in_a_script_are_named_where_they_are_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    script = tmp_path / "typo.yaml"
    script.write_text(
        "steps:\n  - choose: own-it\n  - choose: ask-what-maters\n"
        "  - offer: [partner-hotel, voucher50]\n"
    )
    code, _, err = run_cli(
        capsys, "run", str(FIXTURES / "spec-example.yaml"), "--script", str(script)
    )
    assert code == 1
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"{script}:3:13: error: no beat of")
    assert 'did you mean "ask-what-matters"' in lines[0]
    assert lines[1].startswith(f"{script}:4:28: error: 'voucher50' is not a remedy")
    assert 'did you mean "voucher-50"' in lines[1]


def test_script_that_ends_early_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    script = tmp_path / "short.yaml"
    script.write_text("steps:\n  - choose: own-it\n")
    code, _, err = run_cli(
        capsys, "run", str(FIXTURES / "spec-example.yaml"), "--script", str(script)
    )
    assert code == 1 and "ends at beat 'needs' before the scenario does" in err


def test_malformed_script(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    script = tmp_path / "bad.yaml"
    script.write_text("seed: seven\nstep:\n  - choose: own-it\n")
    code, _, err = run_cli(
        capsys, "run", str(FIXTURES / "spec-example.yaml"), "--script", str(script)
    )
    assert code == 1
    assert "seed must be a whole number" in err and 'did you mean "steps"' in err


def test_unknown_scenario_id(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    script = tmp_path / "s.yaml"
    script.write_text("steps: []\n")
    code, _, err = run_cli(capsys, "run", "hotel-overbooked-late-arival", "--script", str(script))
    assert code == 1 and 'did you mean "hotel-overbooked-late-arrival"' in err


def test_validate_reports_every_error_and_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = minimal()
    data["difficulty"] = 7
    text = dump(data).replace("industry: cafe", "industy: cafe")
    (tmp_path / "bad.yaml").write_text(text)
    good = minimal(id="fine-one")
    (tmp_path / "good.yaml").write_text(dump(good))
    code, _, err = run_cli(capsys, "validate", str(tmp_path))
    assert code == 1
    lines = [line for line in err.splitlines() if ": error: " in line]
    assert len(lines) == 3  # unknown key, missing key, difficulty out of range
    assert all(line.startswith(f"{tmp_path / 'bad.yaml'}:") for line in lines)
    assert "1 scenario(s)" in err


def test_validate_duplicate_ids_across_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.yaml").write_text(dump(minimal()))
    (tmp_path / "b.yaml").write_text(dump(minimal()))
    code, _, err = run_cli(capsys, "validate", str(tmp_path))
    assert code == 1 and "duplicate scenario id 'mini-cold-coffee'" in err


def test_validate_bundled_and_persona_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "validate", str(ROOT / "scenarios"))[0] == 0
    code, out, _ = run_cli(capsys, "validate", str(ROOT / "scenarios" / "personas"))
    assert code == 0 and "7 persona(s) valid" in out


def test_validate_missing_path(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "validate", "no/such/file.yaml")
    assert code == 1 and "no/such/file.yaml:1:1: error: no such file" in err


def test_lint_strict(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = minimal()
    data["beats"]["orphan"] = {"say": "x", "choices": [{"id": "x", "text": "x", "next": "end"}]}
    (tmp_path / "s.yaml").write_text(dump(data))
    assert run_cli(capsys, "lint", str(tmp_path))[0] == 0
    code, _, err = run_cli(capsys, "lint", "--strict", str(tmp_path))
    assert code == 1 and "warning: beat 'orphan' cannot be reached" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "run", "x")[0] == 2  # --script is required
    assert run_cli(capsys, "frobnicate")[0] == 2
    assert run_cli(capsys)[0] == 2


def test_scenarios_folder_option_and_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mine.yaml").write_text(dump(minimal()))
    code, out, _ = run_cli(capsys, "list", "--scenarios", str(tmp_path))
    assert code == 0 and "mini-cold-coffee" in out
    monkeypatch.setenv("TRAINER_SCENARIOS", str(tmp_path))
    code, out, _ = run_cli(capsys, "list")
    assert "mini-cold-coffee" in out


def test_no_traceback_for_hostile_input_as_a_real_process(tmp_path: Path) -> None:
    bad = tmp_path / "evil.yaml"
    bad.write_bytes(b"format: 1\nid: !!python/object/apply:os.system ['echo pwned']\n\x00")
    script = tmp_path / "s.yaml"
    script.write_bytes(b"\xff\xfe\x00garbage")
    for args in (
        ["validate", str(bad)],
        ["lint", str(bad)],
        ["run", str(bad), "--script", str(script)],
        ["run", "hotel-overbooked-late-arrival", "--script", str(script)],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "trainer", *args], capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 1, (args, proc.stderr)
        assert "Traceback" not in proc.stderr and "pwned" not in proc.stdout
        assert ":1:1: error:" in proc.stderr
