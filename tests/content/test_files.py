"""Reading files: only ordinary files inside their folder, never blocking, never past a limit;
a trainer's scenario replaces a bundled one of the same id; a script given to validate is
checked as a script."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from helpers import ROOT, dump, minimal

from trainer.cli import main
from trainer.content import files as files_module
from trainer.content import library as library_module
from trainer.content.library import Library, bundled_scenarios, read_file
from trainer.content.scripts import load_script_file
from trainer.scenario.diagnostics import Collector
from trainer.scenario.limits import MAX_SCRIPT_BYTES, MAX_STEPS

SECRET = "AKIAFAKESECRETEXAMPLE/wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
unix = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and these links are POSIX")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def scenario_text(scenario_id: str = "mine", title: str = "Mine") -> str:
    data = minimal()
    data["id"] = scenario_id
    data["title"] = {"en": title}
    return dump(data)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the scenario folder holding a fake secret, and a persona."""
    folder = tmp_path / "outside"
    (folder / "personas").mkdir(parents=True)
    (folder / "secret.txt").write_text(SECRET + "\n")
    (folder / "key.pem").write_text(
        f"-----BEGIN PRIVATE KEY-----\n{SECRET}\n{SECRET}\n-----END PRIVATE KEY-----\n"
    )
    (folder / "personas" / "reasonable.yaml").write_text("format: 1\nid: reasonable\nname: Evil\n")
    return folder


@unix
def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    out = Collector("pipe.yaml", [])
    assert read_file(tmp_path / "pipe.yaml", out) is None
    assert "is a FIFO (a named pipe), not a regular file" in out.errors[0].message


@unix
def test_a_folder_with_a_fifo_validates_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.yaml").write_text(scenario_text())
    os.mkfifo(tmp_path / "b.yaml")
    code, out, err = cli(capsys, "validate", str(tmp_path))
    assert code == 1
    assert "b.yaml:1:1: error: is a FIFO" in err and "1 scenario(s)" in err


@unix
def test_a_device_as_a_script_is_refused_before_any_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = cli(
        capsys, "run", "bank-double-charge", "--script", "/dev/zero"
    )  # read until memory ran out, before
    assert code == 1 and "/dev/zero:1:1: error: is a device, not a regular file" in err


@unix
@pytest.mark.parametrize("target", ["secret.txt", "key.pem"])
def test_a_link_out_of_the_folder_is_not_read_and_nothing_of_it_is_echoed(
    tmp_path: Path, outside: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "leak.yaml").symlink_to(outside / target)
    for args in (("validate", str(folder)), ("validate", str(folder / "leak.yaml"))):
        code, out, err = cli(capsys, *args)
        assert code == 1
        assert "is a link to a file outside" in err
        assert SECRET[:8] not in out + err


@unix
def test_a_link_inside_the_folder_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "real.yaml").write_text(scenario_text())
    (tmp_path / "alias.yaml").symlink_to(tmp_path / "sub" / "real.yaml")
    loaded = Library([tmp_path, bundled_scenarios()]).load_paths([tmp_path / "alias.yaml"])
    assert [s.id for s in loaded.scenarios] == ["mine"] and not loaded.errors


@unix
def test_a_personas_link_that_leaves_the_tree_is_refused(
    tmp_path: Path, outside: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "s.yaml").write_text(scenario_text())  # its persona is 'reasonable'
    (folder / "personas").symlink_to(outside / "personas")
    code, _, err = cli(capsys, "validate", str(folder))
    assert code == 1
    assert "personas/reasonable.yaml:1:1: error: this is a link to a file outside" in err
    assert "persona 'reasonable'" in err and "cannot be used" in err  # not the outside 'Evil'


def test_a_file_above_the_limit_is_refused_from_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 1000)
    out = Collector("big.yaml", [])
    assert read_file(path, out, max_bytes=4096) is None
    assert "file is 5,000 bytes or more, above the 4 KiB limit" in out.errors[0].message


def test_a_script_above_its_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("steps:\n" + "  # padding\n" * (MAX_SCRIPT_BYTES // 10))
    out = Collector("s.yaml", [])
    assert load_script_file(path, out) is None
    assert "above the 256 KiB limit for a script file" in out.errors[0].message


def test_a_script_past_the_step_limit_is_refused_at_its_steps(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("steps:\n" + "  - choose: a\n" * (MAX_STEPS + 1))
    out = Collector("s.yaml", [])
    assert load_script_file(path, out) is None
    assert [(d.line, d.col) for d in out.errors] == [(2, 3)]
    assert "201 steps; a script may have at most 200" in out.errors[0].message


def test_a_folder_past_the_file_limit_is_read_up_to_it_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "MAX_FILES", 3)
    for i in range(5):
        (tmp_path / f"s{i}.yaml").write_text(scenario_text(f"mine-{i}"))
    loaded = Library([tmp_path, bundled_scenarios()]).load_paths([tmp_path])
    assert [s.id for s in loaded.scenarios] == ["mine-0", "mine-1", "mine-2"]
    assert len(loaded.errors) == 1
    assert "more than 3 YAML files" in loaded.errors[0].message
    assert "s3.yaml" in loaded.errors[0].message


def test_a_folder_past_the_byte_limit_is_read_up_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = scenario_text()
    monkeypatch.setattr(library_module, "MAX_FOLDER_BYTES", 2 * len(text) + 10)
    for i in range(4):
        (tmp_path / f"s{i}.yaml").write_text(scenario_text(f"mine-{i}"))
    loaded = Library([tmp_path, bundled_scenarios()]).load_paths([tmp_path])
    assert len(loaded.scenarios) == 2 and len(loaded.errors) == 1


def test_read_file_never_reads_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that claims to be small but keeps growing (as /proc files do) is cut off."""
    path = tmp_path / "grows.yaml"
    path.write_bytes(b"x" * 10_000)
    real_fstat = os.fstat

    def small(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        values = list(info)
        values[6] = 10  # st_size
        return os.stat_result(values)

    monkeypatch.setattr(files_module.os, "fstat", small)
    out = Collector("grows.yaml", [])
    assert read_file(path, out, max_bytes=4096) is None
    assert "above the 4 KiB limit" in out.errors[0].message


# -- a trainer's scenario with a bundled id ---------------------------------------------------


def bundled_copy(title: str) -> str:
    text = (bundled_scenarios() / "bank-double-charge.yaml").read_text("utf-8")
    return text.replace("title:\n", f"title:\n  # {title}\n", 1)


def test_a_trainers_scenario_replaces_the_bundled_one_of_the_same_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "bank-double-charge.yaml"
    mine.write_text(bundled_copy("mine"))
    loaded = Library([bundled_scenarios(), tmp_path]).all()
    assert not loaded.errors
    ids = [s.id for s in loaded.scenarios]
    assert ids.count("bank-double-charge") == 1
    chosen = next(s for s in loaded.scenarios if s.id == "bank-double-charge")
    assert Path(chosen.source).resolve() == mine.resolve()
    assert loaded.overrides["bank-double-charge"][0] == mine
    code, out, err = cli(capsys, "list", "--scenarios", str(tmp_path))
    assert code == 0, err
    row = next(line for line in out.splitlines() if line.startswith("bank-double-charge"))
    assert "(yours: replaces the bundled one)" in row
    assert f"{mine.name} replaces the bundled scenario 'bank-double-charge'" in err
    found, _ = Library([bundled_scenarios(), tmp_path]).find("bank-double-charge")
    assert found is not None and Path(found.source).resolve() == mine.resolve()


def test_play_starts_with_a_replaced_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bank-double-charge.yaml").write_text(bundled_copy("mine"))
    script = ROOT / "scenarios" / "scripts" / "bank-double-charge.yaml"
    code, _, err = cli(
        capsys,
        "play",
        "--scenarios",
        str(tmp_path),
        "--script",
        str(script),
        "--screenshots",
        str(tmp_path / "shots"),
        "--fast",
    )
    assert "duplicate scenario id" not in err
    assert code == 0, err


def test_two_of_the_trainers_files_with_one_id_stay_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.yaml").write_text(scenario_text("same"))
    (tmp_path / "b" / "y.yaml").write_text(scenario_text("same"))
    code, _, err = cli(capsys, "validate", str(tmp_path))
    assert code == 1 and "duplicate scenario id 'same'" in err


# -- scripts given to validate -----------------------------------------------------------------


def test_validate_checks_a_script_as_a_script(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = ROOT / "scenarios" / "scripts" / "bank-double-charge.yaml"
    code, out, err = cli(capsys, "validate", str(good))
    assert code == 0, err
    assert "1 script(s) valid" in out
    bad = tmp_path / "bank-double-charge.yaml"
    bad.write_text(good.read_text("utf-8").replace("choose: ", "choose: x", 1))
    code, _, err = cli(capsys, "validate", str(bad))
    assert code == 1
    assert "missing the required key" not in err  # not read as a scenario
    assert "no beat of 'bank-double-charge' has a choice" in err
    assert 'did you mean "' in err


def test_a_script_where_a_scenario_is_expected_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = ROOT / "scenarios" / "scripts" / "bank-double-charge.yaml"
    code, _, err = cli(capsys, "run", str(script), "--script", str(script))
    assert code == 1 and "this is a script (it has steps:), not a scenario" in err
