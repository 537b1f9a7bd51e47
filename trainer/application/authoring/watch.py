"""Watching scenario files: a snapshot of modification times, compared on demand.

Polling keeps it dependable everywhere (network drives, containers, editors that replace files
on save); a check costs one ``stat`` per file. :func:`watch` sleeps between checks, so a
terminal that waits for changes uses no CPU to speak of.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

INTERVAL = 0.5  # seconds between checks
SUFFIXES = (".yaml", ".yml")

Snapshot = dict[Path, tuple[int, int]]  # file -> (modification time in ns, size)


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """The YAML files under ``paths`` (files and folders, personas and scripts included)."""
    found: Snapshot = {}
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if name.endswith(SUFFIXES) and not name.startswith("."):
                        _stat(Path(root) / name, found)
        else:
            _stat(path, found)
    return found


def _stat(path: Path, into: Snapshot) -> None:
    try:
        info = path.stat()
    except OSError:
        return
    into[path] = (info.st_mtime_ns, info.st_size)


def changes(before: Snapshot, after: Snapshot) -> list[Path]:
    """Files added, removed or changed between two snapshots, sorted."""
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))


@dataclass
class Watcher:
    """Says which files changed since it last looked; ``poll`` is cheap and never blocks."""

    paths: Sequence[Path]
    interval: float = INTERVAL
    last: Snapshot = field(default_factory=dict)
    waited: float = 0.0

    def __post_init__(self) -> None:
        self.last = snapshot(self.paths)

    def check(self) -> list[Path]:
        now = snapshot(self.paths)
        changed = changes(self.last, now)
        self.last = now
        return changed

    def poll(self, dt: float) -> list[Path]:
        """For a frame loop: look once ``interval`` seconds have passed."""
        self.waited += dt
        if self.waited < self.interval:
            return []
        self.waited = 0.0
        return self.check()


def watch(
    watcher: Watcher,
    on_change: Callable[[list[Path]], None],
    sleep: Callable[[float], None] = time.sleep,
    rounds: int | None = None,
) -> None:
    """Call ``on_change`` with the changed files each time some change, until interrupted (or
    after ``rounds`` checks, for tests). A burst of saves is taken as one change: after a change
    it waits until the files have been still for one interval."""
    done = 0
    while rounds is None or done < rounds:
        sleep(watcher.interval)
        done += 1
        changed = watcher.check()
        if not changed:
            continue
        while True:  # let the editor finish writing
            sleep(watcher.interval)
            more = watcher.check()
            if not more:
                break
            changed = sorted(set(changed) | set(more))
        on_change(changed)
