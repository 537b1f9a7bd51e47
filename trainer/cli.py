"""The ``trainer`` command: argument parsing and exit codes only.

Exit status (``cli.md``): 0 success; 1 the input is wrong (with ``file:line:col: message`` on
standard error); 2 bad command-line usage. No traceback reaches a user for bad input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    from .scenario.library import Library

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trainer",
        description="Service Recovery Trainer: play, author and check service-recovery scenarios.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    def scenarios_opt(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--scenarios",
            metavar="DIR",
            action="append",
            default=[],
            help="another folder of scenarios (repeatable; also TRAINER_SCENARIOS, ':'-separated)",
        )

    p = sub.add_parser(
        "play", help="the game, in a window (with --script: a demo that saves screenshots)"
    )
    p.add_argument("--scenario", metavar="ID", help="go straight to this scenario")
    p.add_argument("--lang", metavar="TAG", help="en, zh-Hans, zh-Hant or vi")
    p.add_argument("--fullscreen", action="store_true")
    p.add_argument("--windowed", metavar="WxH", help="window size, e.g. 1280x720 (default)")
    p.add_argument("--script", metavar="FILE", help="demo mode: play this headless-run script")
    p.add_argument("--screenshots", metavar="DIR", help="demo mode: save a PNG of each screen")
    p.add_argument("--fast", action="store_true", help="demo mode: run faster than the script")
    scenarios_opt(p)

    p = sub.add_parser("validate", help="check scenario and persona files or folders")
    p.add_argument("paths", nargs="+", metavar="PATH")
    scenarios_opt(p)

    p = sub.add_parser("lint", help="warn about content that is valid but probably wrong")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--strict", action="store_true", help="exit 1 if there is any warning")
    scenarios_opt(p)

    p = sub.add_parser("list", help="the scenarios found: id, version, difficulty, title")
    p.add_argument("path", nargs="?", metavar="PATH")
    p.add_argument("--lang", metavar="TAG", help="title language (en, zh-Hans, zh-Hant, vi)")
    scenarios_opt(p)

    p = sub.add_parser("run", help="play a scenario headless from a script; print the result")
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a .yaml path")
    p.add_argument("--script", required=True, metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--lang", metavar="TAG")
    p.add_argument("--store", action="store_true", help="also save the run to the results store")
    p.add_argument(
        "--trainee", metavar="NAME", help="with --store: who played (default: the script's trainee)"
    )
    p.add_argument("--cohort", metavar="C", help="with --store: the cohort code")
    scenarios_opt(p)

    from .cli_results import add_parsers

    add_parsers(sub)
    return parser


def _library(extra: Sequence[str]) -> Library:
    from .scenario.library import Library, scenario_dirs

    return Library(scenario_dirs(extra))


def _print_diagnostics(diagnostics: Sequence[object]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def _missing(paths: Sequence[str]) -> list[str]:
    return [p for p in paths if not Path(p).exists()]


def cmd_validate(args: argparse.Namespace) -> int:
    missing = _missing(args.paths)
    for path in missing:
        print(f"{path}:1:1: error: no such file or folder", file=sys.stderr)
    library = _library(args.scenarios)
    loaded = library.load_paths([Path(p) for p in args.paths if p not in missing])
    diagnostics = loaded.sorted_diagnostics()
    _print_diagnostics(diagnostics)
    errors = len(loaded.errors) + len(missing)
    warnings = len(diagnostics) - len(loaded.errors)
    summary = (
        f"{loaded.files} file(s): {len(loaded.scenarios)} scenario(s), "
        f"{len(loaded.personas)} persona(s) valid; {errors} error(s), "
        f"{warnings} warning(s)"
    )
    print(summary, file=sys.stderr if errors else sys.stdout)
    return EXIT_INPUT if errors else EXIT_OK


def cmd_lint(args: argparse.Namespace) -> int:
    from .scenario.diagnostics import sort_key
    from .scenario.lint import lint

    missing = _missing(args.paths)
    for path in missing:
        print(f"{path}:1:1: error: no such file or folder", file=sys.stderr)
    library = _library(args.scenarios)
    loaded = library.load_paths([Path(p) for p in args.paths if p not in missing])
    diagnostics = list(loaded.diagnostics)
    for scenario in loaded.scenarios:
        diagnostics.extend(lint(scenario))
    diagnostics.sort(key=sort_key)
    _print_diagnostics(diagnostics)
    errors = sum(1 for d in diagnostics if d.is_error) + len(missing)
    warnings = len(diagnostics) - errors + len(missing)
    print(
        f"{len(loaded.scenarios)} scenario(s) linted: {errors} error(s), {warnings} warning(s)",
        file=sys.stderr if errors or (warnings and args.strict) else sys.stdout,
    )
    if errors or (args.strict and warnings):
        return EXIT_INPUT
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from .i18n import normalise

    extra = list(args.scenarios)
    library = _library(extra)
    if args.path:
        if not Path(args.path).exists():
            print(f"{args.path}:1:1: error: no such file or folder", file=sys.stderr)
            return EXIT_INPUT
        loaded = library.load_paths([Path(args.path)])
    else:
        loaded = library.all()
    locale = normalise(args.lang) if args.lang else None
    rows = sorted(loaded.scenarios, key=lambda s: (s.difficulty, s.id))
    width = max((len(s.id) for s in rows), default=10)
    for scenario in rows:
        print(
            f"{scenario.id:<{width}}  v{scenario.version:<3} {scenario.difficulty}  "
            f"{scenario.title.get(locale)}"
        )
    if loaded.errors:
        _print_diagnostics(loaded.sorted_diagnostics())
        print(
            f"{len(loaded.errors)} error(s): some files were skipped; run 'trainer validate'",
            file=sys.stderr,
        )
        return EXIT_INPUT
    return EXIT_OK


def _load_script(path: Path, scenario):  # type: ignore[no-untyped-def]
    """Read a headless-run script for ``scenario``; print its problems and return None if any."""
    from .scenario.diagnostics import Collector
    from .scenario.library import display
    from .scenario.script import read_script

    out = Collector(display(path), [])
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"{path}:1:1: error: cannot read the script: {exc.strerror or exc}", file=sys.stderr)
        return None
    script = read_script(data, out, default_after=scenario.timing.decide_s / 2)
    if script is None:
        _print_diagnostics(out.items)
    return script


def cmd_run(args: argparse.Namespace) -> int:
    from .headless import play_script, to_json, to_text
    from .i18n import normalise
    from .scenario.library import display

    library = _library(args.scenarios)
    scenario, diagnostics = library.find(args.scenario)
    if scenario is None:
        _print_diagnostics(diagnostics)
        return EXIT_INPUT
    script_path = Path(args.script)
    script = _load_script(script_path, scenario)
    if script is None:
        return EXIT_INPUT
    locale = normalise(args.lang) if args.lang else scenario.fallback
    played, problems = play_script(scenario, script, display(script_path), locale)
    if played is None:
        _print_diagnostics(problems)
        return EXIT_INPUT
    document = to_json(played)
    if args.store:
        trainee = args.trainee or script.trainee
        if not trainee:
            print(
                "trainer run: error: --store needs --trainee NAME (or trainee: in the script)",
                file=sys.stderr,
            )
            return EXIT_USAGE
        saved = _save_run(played, trainee, args.cohort or script.cohort)
        if isinstance(saved, int):
            return saved
        document["run_id"] = saved
        print(f"saved as run {saved}", file=sys.stderr)
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(to_text(played))
    return EXIT_OK


def _save_run(played, trainee: str, cohort: str | None) -> str | int:  # type: ignore[no-untyped-def]
    """Save a headless run as if played; return its id, or an exit status."""
    import uuid
    from datetime import datetime, timedelta, timezone

    from . import ENGINE_VERSION
    from .results import RunRecord
    from .store import Store, StoreError

    run = played.run
    finished = datetime.now(timezone.utc)
    started = finished - timedelta(seconds=sum(d.after for d in run.decisions))
    record = RunRecord(
        run_id=str(uuid.uuid4()),
        trainee=trainee,
        cohort=cohort,
        scenario_id=run.scenario.id,
        scenario_version=run.scenario.version,
        scenario_sha256=run.scenario.sha256,
        seed=run.seed,
        decisions=tuple(d.to_json() for d in run.decisions),
        scores=dict(played.result.scores),
        outcome=played.result.outcome.to_json(),
        started_at=started,
        finished_at=finished,
        engine_version=ENGINE_VERSION,
        locale=played.locale,
    )
    try:
        Store().save(record, run.scenario)
    except StoreError as exc:
        print(f"trainer run: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    return record.run_id


def _size(value: str | None) -> tuple[int, int] | None:
    if not value:
        return None
    try:
        w, h = (int(part) for part in value.lower().split("x"))
    except ValueError:
        return None
    return (w, h) if w >= 320 and h >= 240 else None


def cmd_play(args: argparse.Namespace) -> int:
    from .i18n import normalise
    from .scenario.library import display

    size = _size(args.windowed)
    if args.windowed and size is None:
        print(
            f"trainer play: error: --windowed takes WIDTHxHEIGHT, e.g. 1280x720 (at least "
            f"320x240), not {args.windowed!r}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if (args.script is None) != (args.screenshots is None) and args.script is None:
        print("trainer play: error: --screenshots goes with --script", file=sys.stderr)
        return EXIT_USAGE
    scenario_id = args.scenario
    script = None
    scenarios = None
    if scenario_id or args.script:
        # A named scenario or a demo: load now, so a wrong id or script is an error up front.
        library = _library(args.scenarios)
        loaded = library.all()
        if loaded.errors:
            _print_diagnostics(loaded.sorted_diagnostics())
            return EXIT_INPUT
        scenarios = sorted(loaded.scenarios, key=lambda s: (s.difficulty, s.id))
        if scenario_id and not any(s.id == scenario_id for s in scenarios):
            _, diagnostics = library.find(scenario_id)
            _print_diagnostics(diagnostics)
            return EXIT_INPUT
    if args.script:
        from .headless import play_script

        assert scenarios is not None
        path = Path(args.script)
        if scenario_id is None:
            scenario_id = path.stem if any(s.id == path.stem for s in scenarios) else None
        if scenario_id is None:
            print(
                f"{args.script}:1:1: error: name the scenario with --scenario ID (the script's "
                "file name is not a scenario id)",
                file=sys.stderr,
            )
            return EXIT_INPUT
        scenario = next(s for s in scenarios if s.id == scenario_id)
        script = _load_script(path, scenario)
        if script is None:
            return EXIT_INPUT
        played, problems = play_script(scenario, script, display(path))
        if played is None:
            _print_diagnostics(problems)
            return EXIT_INPUT
    extra = list(args.scenarios)

    def load() -> list[object]:
        """After the first frame: every valid scenario; broken files are named, not fatal."""
        loaded = _library(extra).all()
        if loaded.errors:
            _print_diagnostics(loaded.sorted_diagnostics())
            print(
                f"{len(loaded.errors)} error(s): those scenarios are left out; run "
                "'trainer validate'",
                file=sys.stderr,
            )
        return sorted(loaded.scenarios, key=lambda s: (s.difficulty, s.id))

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from .ui.app import DEFAULT_SIZE, Options, play

    results = None
    if script is None:
        from .results import LazyStore

        results = LazyStore(
            lambda message: print(f"trainer play: warning: {message}", file=sys.stderr)
        )
    options = Options(
        scenarios=scenarios,
        load=load,  # type: ignore[arg-type]
        size=size or DEFAULT_SIZE,
        fullscreen=True if args.fullscreen else None,
        lang=normalise(args.lang) if args.lang else None,
        scenario_id=scenario_id,
        script=script,
        screenshots=Path(args.screenshots) if args.screenshots else None,
        fast=args.fast,
        remember_settings=script is None,
        **({"results": results} if results is not None else {}),
        max_seconds=600.0 if script is not None else None,
    )
    return play(options)


COMMANDS = {
    "play": cmd_play,
    "validate": cmd_validate,
    "lint": cmd_lint,
    "list": cmd_list,
    "run": cmd_run,
}


def main(argv: Sequence[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        try:
            sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
            sys.stderr.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (OSError, ValueError):
            pass
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 2 for usage errors, 0 for --help
        return int(exc.code or 0)
    try:
        if args.command not in COMMANDS:
            from .cli_results import run_command

            return run_command(args)
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
