"""Commands for authors: validate, lint, list."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .output import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    TITLE,
    fail,
    locale_option,
    missing,
    print_diagnostics,
    terminal,
)
from .registry import command

if TYPE_CHECKING:
    from ..content.library import Library


def scenarios_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scenarios",
        metavar="DIR",
        action="append",
        default=[],
        help="another folder of scenarios (repeatable; also TRAINER_SCENARIOS, ':'-separated)",
    )


def library(extra: Sequence[str]) -> Library:
    from ..content.library import Library, scenario_dirs

    return Library(scenario_dirs(extra))


def _paths(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH")
    scenarios_option(p)


def _lint_options(p: argparse.ArgumentParser) -> None:
    _paths(p)
    p.add_argument("--strict", action="store_true", help="exit 1 if there is any warning")


def _list_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", nargs="?", metavar="PATH")
    p.add_argument("--lang", metavar="TAG", help="title language (en, zh-Hans, zh-Hant, vi)")
    scenarios_option(p)


def _validate_options(p: argparse.ArgumentParser) -> None:
    _paths(p)
    p.add_argument(
        "--watch", action="store_true", help="check again whenever a file changes (Ctrl-C stops)"
    )


@command("validate", "check scenario, persona, script and track files or folders")(
    _validate_options
)
def cmd_validate(args: argparse.Namespace) -> int:
    if args.watch:
        from .watching import watch_validate

        return watch_validate(args, validate_once)
    return validate_once(args)


def validate_once(args: argparse.Namespace) -> int:
    from ..content.tracks import is_track_file, load_tracks

    absent = missing(args.paths)
    for path in absent:
        print(f"{terminal(path)}:1:1: error: no such file or folder", file=sys.stderr)
    given = [Path(p) for p in args.paths if p not in absent]
    track_paths = [p for p in given if is_track_file(p) or (p.is_dir() and p.name == "tracks")]
    lib = library(args.scenarios)
    loaded = lib.load_paths([p for p in given if p not in track_paths])
    # Tracks: the files named, and the tracks/ folder of every scenario folder named. Their
    # scenario ids must exist among the scenarios in use and those just read.
    folders = [p for p in given if p.is_dir() and p not in track_paths]
    tracks = load_tracks([*track_paths, *folders], None)
    if tracks.files:
        known = {s.id for s in loaded.scenarios} | {s.id for s in lib.all().scenarios}
        tracks = load_tracks([*track_paths, *folders], known)
    diagnostics = sorted(
        [*loaded.diagnostics, *tracks.diagnostics],
        key=lambda d: (d.file, d.line, d.col, d.message),
    )
    print_diagnostics(diagnostics)
    errors = len(loaded.errors) + len(tracks.errors) + len(absent)
    warnings = len(diagnostics) - len(loaded.errors) - len(tracks.errors)
    scripts = f", {loaded.valid_scripts} script(s)" if loaded.scripts else ""
    track_note = f", {len(tracks.tracks)} track(s)" if tracks.files else ""
    summary = (
        f"{loaded.files + tracks.files} file(s): {len(loaded.scenarios)} scenario(s), "
        f"{len(loaded.personas)} persona(s){scripts}{track_note} valid; {errors} error(s), "
        f"{warnings} warning(s)"
    )
    print(summary, file=sys.stderr if errors else sys.stdout)
    return EXIT_INPUT if errors else EXIT_OK


@command("lint", "warn about content that is valid but probably wrong")(_lint_options)
def cmd_lint(args: argparse.Namespace) -> int:
    from ..application.lint import lint_paths

    absent = missing(args.paths)
    for path in absent:
        print(f"{terminal(path)}:1:1: error: no such file or folder", file=sys.stderr)
    linted = lint_paths(library(args.scenarios), [Path(p) for p in args.paths if p not in absent])
    print_diagnostics(linted.diagnostics)
    errors = linted.errors + len(absent)
    warnings = linted.warnings
    print(
        f"{linted.scenarios} scenario(s) linted: {errors} error(s), {warnings} warning(s)",
        file=sys.stderr if errors or (warnings and args.strict) else sys.stdout,
    )
    if errors or (args.strict and warnings):
        return EXIT_INPUT
    return EXIT_OK


@command("list", "the scenarios found: id, version, difficulty, title")(_list_options)
def cmd_list(args: argparse.Namespace) -> int:
    try:
        locale = locale_option(args.lang)
    except ValueError as exc:
        return fail(str(exc), EXIT_USAGE)
    from ..content.library import display

    lib = library(args.scenarios)
    if args.path:
        if not Path(args.path).exists():
            print(f"{terminal(args.path)}:1:1: error: no such file or folder", file=sys.stderr)
            return EXIT_INPUT
        loaded = lib.load_paths([Path(args.path)])
    else:
        loaded = lib.all()
    rows = sorted(loaded.scenarios, key=lambda s: (s.difficulty, s.id))
    width = max((len(s.id) for s in rows), default=10)
    for scenario in rows:
        note = "  (yours: replaces the bundled one)" if scenario.id in loaded.overrides else ""
        print(
            f"{scenario.id:<{width}}  v{scenario.version:<3} {scenario.difficulty}  "
            f"{terminal(scenario.title.get(locale), TITLE)}{note}"
        )
    for scenario_id, (mine, bundled) in sorted(loaded.overrides.items()):
        print(
            f"note: {terminal(display(mine))} replaces the bundled scenario '{scenario_id}' "
            f"({terminal(display(bundled))})",
            file=sys.stderr,
        )
    if loaded.errors:
        print_diagnostics(loaded.sorted_diagnostics())
        print(
            f"{len(loaded.errors)} error(s): some files were skipped; run 'trainer validate'",
            file=sys.stderr,
        )
        return EXIT_INPUT
    return EXIT_OK
