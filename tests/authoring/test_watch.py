"""Watching files: changes are seen (added, changed, removed), a burst of saves is one change,
and ``trainer validate --watch`` checks again after each, in a real process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers import ROOT

from trainer.application.authoring.watch import Watcher, changes, snapshot, watch


def touch(path: Path, text: str, when: float) -> None:
    path.write_text(text, "utf-8")
    os.utime(path, (when, when))


def test_added_changed_and_removed_files(tmp_path: Path) -> None:
    (tmp_path / "personas").mkdir()
    a, b = tmp_path / "a.yaml", tmp_path / "personas" / "b.yaml"
    touch(a, "x", 1000)
    touch(b, "y", 1000)
    (tmp_path / "notes.txt").write_text("ignored")
    before = snapshot([tmp_path])
    assert set(before) == {a, b}
    touch(a, "x", 2000)  # same size, newer
    c = tmp_path / "c.yml"
    touch(c, "z", 1000)
    b.unlink()
    assert changes(before, snapshot([tmp_path])) == sorted([a, b, c])
    assert changes(before, before) == []


def test_poll_looks_only_after_the_interval(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    touch(path, "x", 1000)
    watcher = Watcher([tmp_path], interval=0.5)
    touch(path, "xy", 2000)
    assert watcher.poll(0.2) == []
    assert watcher.poll(0.4) == [path]
    assert watcher.poll(0.6) == []


def test_a_burst_of_saves_is_one_change(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    touch(path, "x", 1000)
    watcher = Watcher([tmp_path], interval=0.5)
    writes = iter([2000, 3000, 4000])
    slept: list[float] = []

    def sleep(seconds: float) -> None:  # the editor writes three times, 0.5 s apart
        slept.append(seconds)
        when = next(writes, None)
        if when is not None and len(slept) > 1:
            touch(path, f"v{when}", when)

    calls: list[list[Path]] = []
    watch(watcher, calls.append, sleep=sleep, rounds=2)
    assert calls == [[path]] and all(s == 0.5 for s in slept)


def test_validate_watch_checks_again_after_a_change(tmp_path: Path) -> None:
    work = tmp_path / "bank-double-charge.yaml"
    work.write_text((ROOT / "scenarios" / "bank-double-charge.yaml").read_text("utf-8"))
    process = subprocess.Popen(
        [sys.executable, "-m", "trainer", "validate", "--watch", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    lines: list[str] = []

    def read_until(marker: str) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = process.stdout.readline()  # type: ignore[union-attr]
            lines.append(line)
            if marker in line:
                return
        raise AssertionError(f"{marker!r} never came: {lines}")

    try:
        read_until("watching for changes")
        assert "0 error(s)" in "".join(lines)
        work.write_text(work.read_text("utf-8").replace("difficulty: ", "difficulty: 9 #"))
        read_until("watching for changes")
        text = "".join(lines)
        assert "changed:" in text and "bank-double-charge.yaml:" in text
        assert "difficulty is 9; it must be between 1 and 5" in text
    finally:
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=30)
    assert process.returncode == 0 and "stopped watching" in out
