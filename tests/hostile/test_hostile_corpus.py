"""The hostile corpus, kept and replayed: files (``files/``), scripts (``scripts/``), names
(``names.json``, used by tests/cli/test_output.py and tests/reports/test_html.py) and the big
generated files of ``corpus.py``.

Every case must end with exit status 1 and one located message in plain words: no traceback,
no hang, nothing of the file echoed beyond a short excerpt. The cases that used to hang or
blow up run in a child process with a generous timeout, which only catches a hang; how long
they take at the limits is measured by benchmarks/bench_limits.py, not here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import corpus

from trainer.cli import main

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
SCRIPTS = HERE / "scripts"
VALID = FILES / "valid.yaml"
HANG = 120  # seconds: only a hang or a return of the old blow-ups comes near this

# file -> (line, column, words the message says)
FILE_CASES = {
    "apostrophe-in-single-quotes.yaml": (36, 10, "ends at the apostrophe"),
    "at-sign.yaml": (22, 9, "cannot start with '@'"),
    "colon-in-text.yaml": (10, 16, "colon followed by a space"),
    "dedented-next-to-beat.yaml": (41, 5, "indented less than the lines around it"),
    "dedented-next.yaml": (41, 7, "indented less than the keys of the list item above it"),
    "duplicate-key.yaml": (8, 1, "duplicate key 'industry' (first at line 7)"),
    "escape-bell.yaml": (46, 10, "control character U+0007, written as an escape"),
    "escape-c1.yaml": (22, 9, "control character U+009B, written as an escape"),
    "escape-esc.yaml": (6, 7, "control character U+001B, written as an escape"),
    "escape-nul.yaml": (22, 9, "control character U+0000, written as an escape"),
    "key-over-yaml-limit.yaml": (8, 1, "longer than YAML allows"),
    "long-id.yaml": (30, 9, "is 5,001 characters long; ids are at most 64"),
    "long-unknown-key.yaml": (8, 1, "unknown key 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…'"),
    "misaligned-key.yaml": (43, 8, "indent it by 8 spaces"),
    "no-space-after-colon.yaml": (7, 9, "put a space after the colon"),
    "no-space-in-list-item.yaml": (30, 7, "write 'id: manager'"),
    "overindented-key.yaml": (44, 11, "indented more than 'text:'"),
    "python-tag.yaml": (7, 11, "python/object/apply:os.system is not allowed"),
    "tab-indent.yaml": (11, 1, "indented with a tab"),
    "too-many-choices.yaml": (38, 7, "13 choices in beat 'complaint'"),
    "too-many-remedies.yaml": (25, 3, "17 remedies"),
    "unclosed-brace.yaml": (5, 8, "the mapping opened with '{'"),
    "unclosed-bracket.yaml": (13, 11, "the list opened with '['"),
    "unclosed-quote.yaml": (10, 12, "never closed"),
    "unsupported-locale.yaml": (8, 15, "locale 'es' is not supported"),
    "unsupported-text-locale.yaml": (7, 3, "locale 'fr' is not supported"),
}

# script -> (line, column, words the message says), each run against files/valid.yaml
SCRIPT_CASES = {
    "both.yaml": (3, 5, "either choose: or offer:, not both"),
    "choose-a-remedy.yaml": (4, 13, "'remake' is a remedy, not a choice"),
    "empty-steps.yaml": (2, 8, "steps is empty"),
    "escape-in-trainee.yaml": (2, 10, "control character U+001B"),
    "huge-seed.yaml": (2, 7, "seed must be a whole number from 0 to 9223372036854775807"),
    "not-a-mapping.yaml": (2, 1, "must be a mapping"),
    "offer-at-a-choice-beat.yaml": (3, 12, "beat 'complaint' is not a remedy menu"),
    "typo-choice.yaml": (3, 13, "has a choice 'own-itt' (did you mean \"own-it\"?)"),
    "typo-remedy.yaml": (
        4,
        13,
        "'remak' is not a remedy of 'hostile-base' (did you mean \"remake\"?)",
    ),
    "unclosed-bracket.yaml": (4, 12, "the list opened with '['"),
}


def test_every_file_in_the_corpus_has_its_case() -> None:
    on_disk = {p.name for p in FILES.glob("*.yaml")} - {"valid.yaml"}
    assert on_disk == set(FILE_CASES)
    assert {p.name for p in SCRIPTS.glob("*.yaml")} - {"valid.yaml"} == set(SCRIPT_CASES)


def test_the_base_file_and_script_are_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(VALID)]) == 0
    assert main(["run", str(VALID), "--script", str(SCRIPTS / "valid.yaml")]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_each_hostile_file_is_refused_at_its_place(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line, col, words = FILE_CASES[name]
    assert main(["validate", str(FILES / name)]) == 1
    _, err = capsys.readouterr()
    first = err.splitlines()[0]
    assert f"{name}:{line}:{col}: error: " in first, first
    assert words in first, first
    assert "Traceback" not in err and "did not find expected" not in err


@pytest.mark.parametrize("name", sorted(SCRIPT_CASES))
def test_each_hostile_script_is_refused_at_its_place(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line, col, words = SCRIPT_CASES[name]
    assert main(["run", str(VALID), "--script", str(SCRIPTS / name)]) == 1
    _, err = capsys.readouterr()
    first = err.splitlines()[0]
    assert f"{name}:{line}:{col}: error: " in first, first
    assert words in first, first


def trainer(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command in a child process: a hang fails the test instead of the run."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=HANG,
    )


GENERATED = {
    # the probe's blow-ups, each one past a limit now
    "flat-mapping.yaml": (lambda: corpus.flat_mapping(175_000), "unknown key 'k0000000'"),
    "chain-10000.yaml": (lambda: corpus.chain(10_000), "10,000 beats"),
    "cycle-7000.yaml": (lambda: corpus.cycle(7_000), "7,000 beats"),
    "menu-200.yaml": (lambda: corpus.menu(200), "200 remedies"),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
@pytest.mark.parametrize("command", ["validate", "lint"])
def test_the_probes_big_files_are_refused_quickly(name: str, command: str, tmp_path: Path) -> None:
    make, words = GENERATED[name]
    (tmp_path / name).write_text(make(), encoding="utf-8")
    done = trainer(command, name, cwd=tmp_path)
    assert done.returncode == 1, done.stderr[-2000:]
    assert words in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) <= 103  # a hundred problems a file, then a count


def test_the_probes_long_script_and_big_menu_are_refused(tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").write_text(corpus.loop_scenario())
    (tmp_path / "steps.yaml").write_text(corpus.loop_script(4_000))
    done = trainer("run", "loop.yaml", "--script", "steps.yaml", cwd=tmp_path)
    assert done.returncode == 1 and "4,000 steps; a script may have at most 200" in done.stderr
    (tmp_path / "menu.yaml").write_text(corpus.menu(200))
    (tmp_path / "menu-script.yaml").write_text(corpus.menu_script(200))
    done = trainer("run", "menu.yaml", "--script", "menu-script.yaml", cwd=tmp_path)
    assert done.returncode == 1 and "200 remedies" in done.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev are POSIX")
def test_a_fifo_and_a_device_never_block(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text(VALID.read_text("utf-8"))
    os.mkfifo(tmp_path / "pipe.yaml")
    for args in (("validate", "."), ("list", "--scenarios", "."), ("lint", ".")):
        done = trainer(*args, cwd=tmp_path)
        assert done.returncode == 1 and "pipe.yaml:1:1: error: is a FIFO" in done.stderr
    done = trainer("run", "ok.yaml", "--script", "/dev/zero", cwd=tmp_path)
    assert done.returncode == 1 and "is a device, not a regular file" in done.stderr
    done = trainer("run", "ok.yaml", "--script", "pipe.yaml", cwd=tmp_path)
    assert done.returncode == 1 and "is a FIFO" in done.stderr
