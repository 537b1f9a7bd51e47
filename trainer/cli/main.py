"""The ``trainer`` command: builds the parser from the command registry and dispatches.

Exit status: 0 success; 1 the input is wrong (with ``file:line:col: message`` or a sentence on
standard error); 2 bad command-line usage. No traceback reaches a user for bad input.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .. import __version__
from . import authoring, playing, results, workbench  # noqa: F401  (they register their commands)
from .output import EXIT_OK
from .registry import COMMANDS


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="trainer",
        description="Service Recovery Trainer: play, author and check service-recovery "
        "scenarios, and review the results.",
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for command in COMMANDS.values():
        command.configure(sub.add_parser(command.name, help=command.help))
    return top


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        try:
            sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
            sys.stderr.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (OSError, ValueError):
            pass
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse: 2 for usage errors, 0 for --help
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command].run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
