"""Watching files from the command line: run a check again whenever a file changes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .output import EXIT_OK


def watch_validate(args: argparse.Namespace, once: Callable[[argparse.Namespace], int]) -> int:
    """``trainer validate --watch``: validate, then again whenever a file changes."""
    import time

    from ..application.authoring.watch import Watcher, watch
    from ..content.library import display

    watcher = Watcher([Path(p) for p in args.paths])

    def run(changed: list[Path]) -> None:
        if changed:
            names = ", ".join(display(p) for p in changed[:5])
            more = f" and {len(changed) - 5} more" if len(changed) > 5 else ""
            print(f"\n-- {time.strftime('%H:%M:%S')} changed: {names}{more}", flush=True)
        once(args)
        print("-- watching for changes (Ctrl-C stops)", file=sys.stderr, flush=True)
        sys.stdout.flush()

    run([])
    try:
        watch(watcher, run)
    except KeyboardInterrupt:
        print("-- stopped watching", file=sys.stderr)
    return EXIT_OK
