"""Commands that play: ``run`` (headless, from a script) and ``play`` (the window)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..safetext import dumps
from .authoring import library, scenarios_option
from .output import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    fail,
    locale_option,
    print_diagnostics,
    terminal,
    terminal_lines,
)
from .registry import command
from .workbench import from_option

if TYPE_CHECKING:
    from ..application.play import Played
    from ..content.scripts import Script
    from ..content.tracks import Track
    from ..scenario.model import Scenario


def _run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a .yaml path")
    p.add_argument("--script", required=True, metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--lang", metavar="TAG", help="en, zh-Hans, zh-Hant or vi")
    p.add_argument("--store", action="store_true", help="also save the run to the results store")
    p.add_argument(
        "--trainee", metavar="NAME", help="with --store: who played (default: the script's trainee)"
    )
    p.add_argument("--cohort", metavar="C", help="with --store: the cohort code")
    from_option(p)
    scenarios_option(p)


def _play_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scenario", metavar="ID", help="go straight to this scenario")
    p.add_argument("--lang", metavar="TAG", help="en, zh-Hans, zh-Hant or vi")
    p.add_argument("--fullscreen", action="store_true")
    p.add_argument("--windowed", metavar="WxH", help="window size, e.g. 1280x720 (default)")
    p.add_argument("--script", metavar="FILE", help="demo mode: play this headless-run script")
    p.add_argument("--screenshots", metavar="DIR", help="demo mode: save a PNG of each screen")
    p.add_argument("--fast", action="store_true", help="demo mode: run faster than the script")
    from_option(p)
    p.add_argument(
        "--watch", action="store_true", help="reload scenario files when they change (F5 restarts)"
    )
    scenarios_option(p)


def load_script(path: Path, scenario: Scenario) -> Script | None:
    """Read a headless-run script for ``scenario``; print its problems and return None if any."""
    from ..content.library import display
    from ..content.scripts import load_script_file
    from ..scenario.diagnostics import Collector

    out = Collector(display(path), [])
    script = load_script_file(path, out, scenario, default_after=scenario.timing.decide_s / 2)
    if script is None:
        print_diagnostics(out.items)
    return script


@command("run", "play a scenario headless from a script; print the result")(_run_options)
def cmd_run(args: argparse.Namespace) -> int:
    from ..application.play import play_script, to_json, to_text
    from ..content.library import display

    try:
        lang = locale_option(args.lang)
    except ValueError as exc:
        return fail(str(exc), EXIT_USAGE)
    scenario, diagnostics = library(args.scenarios).find(args.scenario)
    if scenario is None:
        print_diagnostics(diagnostics)
        return EXIT_INPUT
    script_path = Path(args.script)
    script = load_script(script_path, scenario)
    if script is None:
        return EXIT_INPUT
    if args.from_beat:
        from .workbench import run_from

        return run_from(args, scenario, script, script_path, lang)
    played, problems = play_script(
        scenario, script, display(script_path), lang or scenario.fallback
    )
    if played is None:
        print_diagnostics(problems)
        return EXIT_INPUT
    document = to_json(played)
    if args.store:
        trainee = args.trainee or script.trainee
        if not trainee:
            return fail("--store needs --trainee NAME (or trainee: in the script)", EXIT_USAGE)
        saved = _save(played, trainee, args.cohort or script.cohort)
        if isinstance(saved, int):
            return saved
        document["run_id"] = saved
        print(f"saved as run {terminal(saved)}", file=sys.stderr)
    if args.json:
        print(dumps(document, indent=2))
    else:
        sys.stdout.write(terminal_lines(to_text(played)))
    return EXIT_OK


def _save(played: Played, trainee: str, cohort: str | None) -> str | int:
    """Save a headless run as if played; return its id, or an exit status."""
    import uuid
    from datetime import datetime, timezone

    from ..application.bootstrap import open_store
    from ..application.records import run_record
    from ..store import StoreError

    record = run_record(
        played,
        run_id=str(uuid.uuid4()),
        trainee=trainee,
        cohort=cohort,
        finished_at=datetime.now(timezone.utc),
    )
    try:
        open_store().save(record, played.run.scenario)
    except StoreError as exc:
        return fail(str(exc))
    return record.run_id


def _size(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    try:
        w, h = (int(part) for part in value.lower().split("x"))
    except ValueError:
        return None
    return (w, h) if w >= 320 and h >= 240 else None


def no_display(environ: dict[str, str] | os._Environ[str], platform: str = sys.platform) -> str:
    """Why a window could not be seen here ('' when it can): on Linux and the BSDs a window
    needs an X11 or Wayland display; SDL's dummy and offscreen drivers draw to nothing."""
    driver = environ.get("SDL_VIDEODRIVER", "").lower()
    if driver in ("dummy", "offscreen"):
        return f"SDL_VIDEODRIVER={driver} draws to no screen"
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd")) and driver not in (
        "kmsdrm",
        "directfb",
    ):
        if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
            return "there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    return ""


@command("play", "the game, in a window (with --script: a demo that saves screenshots)")(
    _play_options
)
def cmd_play(args: argparse.Namespace) -> int:
    size = _size(args.windowed)
    if args.windowed and size is None:
        return fail(
            f"--windowed takes WIDTHxHEIGHT, e.g. 1280x720 (at least 320x240), "
            f"not {args.windowed!r}",
            EXIT_USAGE,
        )
    if args.screenshots is not None and args.script is None:
        return fail("--screenshots goes with --script", EXIT_USAGE)
    if (args.from_beat or args.watch) and args.script:
        return fail("--from and --watch are for authors playing by hand, not with --script")
    if args.from_beat and not args.scenario:
        return fail("--from BEAT needs --scenario ID: the scenario to start in", EXIT_USAGE)
    try:
        lang = locale_option(args.lang)
    except ValueError as exc:
        return fail(str(exc), EXIT_USAGE)
    reason = no_display(os.environ)
    if reason and args.screenshots is None:
        return fail(
            f"cannot open the game window: {reason}. Run it on a desktop session; for a "
            "headless check use 'trainer run' or a demo with --script and --screenshots"
        )
    scenario_id = args.scenario
    script = None
    scenarios = None
    if scenario_id or args.script:
        # A named scenario or a demo: load now, so a wrong id or script is an error up front.
        lib = library(args.scenarios)
        loaded = lib.all()
        if loaded.errors:
            print_diagnostics(loaded.sorted_diagnostics())
            return EXIT_INPUT
        scenarios = sorted(loaded.scenarios, key=lambda s: (s.difficulty, s.id))
        if scenario_id and not any(s.id == scenario_id for s in scenarios):
            _, diagnostics = lib.find(scenario_id)
            print_diagnostics(diagnostics)
            return EXIT_INPUT
    if args.script:
        from ..application.play import play_script

        assert scenarios is not None
        path = Path(args.script)
        if scenario_id is None:
            scenario_id = path.stem if any(s.id == path.stem for s in scenarios) else None
        if scenario_id is None:
            print(
                f"{terminal(args.script)}:1:1: error: name the scenario with --scenario ID (the "
                "script's file name is not a scenario id)",
                file=sys.stderr,
            )
            return EXIT_INPUT
        scenario = next(s for s in scenarios if s.id == scenario_id)
        script = load_script(path, scenario)
        if script is None:
            return EXIT_INPUT
        from ..content.library import display

        played, problems = play_script(scenario, script, display(path))
        if played is None:
            print_diagnostics(problems)
            return EXIT_INPUT
    extra = list(args.scenarios)

    def load() -> list[Scenario]:
        """After the first frame: every valid scenario; broken files are named, not fatal."""
        loaded = library(extra).all()
        if loaded.errors:
            print_diagnostics(loaded.sorted_diagnostics())
            print(
                f"{len(loaded.errors)} error(s): those scenarios are left out; run "
                "'trainer validate'",
                file=sys.stderr,
            )
        return sorted(loaded.scenarios, key=lambda s: (s.difficulty, s.id))

    def load_tracks(known: list[Scenario]) -> list[Track]:
        """Orientation tracks over the scenarios in use (broken files are left out)."""
        from ..content.library import scenario_dirs
        from ..content.tracks import tracks_for

        return tracks_for(scenario_dirs(extra), {s.id for s in known})

    from .workbench import play_authoring

    authoring, status = play_authoring(args, scenarios, extra)
    if status is not None:
        return status
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from ..ui.app import DEFAULT_SIZE, Options, play

    results = None
    if script is None and authoring is None:
        from ..application.bootstrap import LazyStore

        results = LazyStore(
            lambda message: print(f"trainer play: warning: {message}", file=sys.stderr)
        )
    options = Options(
        scenarios=scenarios,
        load=load,
        load_tracks=load_tracks,
        size=size or DEFAULT_SIZE,
        fullscreen=True if args.fullscreen else None,
        lang=lang,
        scenario_id=scenario_id,
        script=script,
        screenshots=Path(args.screenshots) if args.screenshots else None,
        fast=args.fast,
        remember_settings=script is None,
        **({"results": results} if results is not None else {}),
        max_seconds=600.0 if script is not None else None,
        authoring=authoring,
    )
    return play(options)
