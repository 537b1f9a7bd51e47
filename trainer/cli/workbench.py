"""The author's workbench: new, schema, graph, stats, i18n, import."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .authoring import library, scenarios_option
from .output import EXIT_INPUT, EXIT_OK, fail, write_out
from .registry import command

if TYPE_CHECKING:
    from ..content.scripts import Script
    from ..scenario.diagnostics import Diagnostic
    from ..scenario.model import Persona, Scenario
    from ..ui.authoring import Authoring


def _schema_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", metavar="FILE", default="-", help="write it here (default: stdout)")
    p.add_argument(
        "--kind",
        choices=("scenario", "persona", "script", "track"),
        help="only this kind of file (default: all four, told apart by their keys)",
    )


@command("schema", "a JSON Schema of scenario, persona, script and track files, for editors")(
    _schema_options
)
def cmd_schema(args: argparse.Namespace) -> int:
    from ..scenario.schema import json_schema

    text = json.dumps(json_schema(args.kind), ensure_ascii=False, indent=2) + "\n"
    return EXIT_OK if write_out(args.out, text) else EXIT_INPUT


# -- new ----------------------------------------------------------------------------------------


def _new_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID", help="the scenario id, e.g. hotel-late-checkout")
    p.add_argument("--title", metavar="TEXT", help="the title (default: from the id)")
    p.add_argument("--persona", metavar="P", help="the customer's persona (default: reasonable)")
    p.add_argument("--industry", metavar="I", help="hotel, bank, clinic... (default: from the id)")
    p.add_argument("--locales", metavar="L,L", help="languages, first the fallback (default: en)")
    p.add_argument("--difficulty", metavar="N", type=int, help="1..5 (default: 2)")
    p.add_argument("--dir", metavar="DIR", default=".", help="where to write (default: here)")
    scenarios_option(p)


def _ask(question: str, default: str, check: Callable[[str], str | None]) -> str:
    """Ask until the answer passes ``check`` (which returns a complaint, or None)."""
    while True:
        answer = input(f"{question} [{default}]: ").strip() or default
        problem = check(answer)
        if problem is None:
            return answer
        print(f"  {problem}", file=sys.stderr)


def _questions(args: argparse.Namespace) -> None:
    from ..i18n import SUPPORTED
    from ..scenario.model import ARCHETYPES
    from ..scenario.skeleton import default_industry, default_title

    print(f"A new scenario, {args.id}: press Enter to keep the suggestion in brackets.")
    args.title = _ask("Title", default_title(args.id), lambda v: None)
    args.industry = _ask("Industry", default_industry(args.id), lambda v: None)
    args.persona = _ask(
        f"Customer persona ({', '.join(ARCHETYPES)}, or one in personas/)",
        "reasonable",
        lambda v: None,
    )

    def locales_ok(value: str) -> str | None:
        bad = [x for x in _split(value) if x not in SUPPORTED]
        return f"not supported: {', '.join(bad)}" if bad or not _split(value) else None

    args.locales = _ask(f"Languages, first the fallback ({', '.join(SUPPORTED)})", "en", locales_ok)
    args.difficulty = int(
        _ask(
            "Difficulty, 1 (day one) .. 5 (senior staff)",
            "2",
            lambda v: None if v in ("1", "2", "3", "4", "5") else "a number from 1 to 5",
        )
    )


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


@command("new", "start a scenario: a complete, valid skeleton and its model script")(_new_options)
def cmd_new(args: argparse.Namespace) -> int:
    from ..application.authoring.new import NewError, create
    from ..content.library import display
    from ..scenario.skeleton import Skeleton, default_industry, default_title

    flags = (args.title, args.persona, args.industry, args.locales, args.difficulty)
    if all(flag is None for flag in flags) and sys.stdin.isatty() and sys.stdout.isatty():
        try:
            _questions(args)
        except EOFError:
            return fail("no answer; nothing was written", EXIT_INPUT)
    from ..i18n import supported_locale

    locales = []
    for tag in _split(args.locales or "en"):
        found = supported_locale(tag) if tag not in locales else tag
        locales.append(found if found and found.lower() == tag.lower() else tag)
    skeleton = Skeleton(
        id=args.id,
        title=args.title or default_title(args.id),
        industry=args.industry or default_industry(args.id),
        persona=args.persona or "reasonable",
        locales=tuple(locales),
        difficulty=2 if args.difficulty is None else args.difficulty,
    )
    try:
        created = create(library(args.scenarios), Path(args.dir), skeleton)
    except NewError as exc:
        return fail(str(exc), EXIT_INPUT)
    print(f"wrote {display(created.scenario)}")
    print(f"wrote {display(created.script)}")
    if created.schema is not None:
        print(f"wrote {display(created.schema)} (your editor reads it: see docs/authoring.md)")
    scenario, script = display(created.scenario), display(created.script)
    print(f"next: trainer validate {scenario} && trainer run {scenario} --script {script}")
    return EXIT_OK


# -- graph --------------------------------------------------------------------------------------


def _graph_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario", metavar="ID|PATH", help="a scenario id or a .yaml path")
    p.add_argument(
        "--format",
        choices=("mermaid", "dot", "svg", "html"),
        default="mermaid",
        help="mermaid (default), dot (Graphviz), svg, or html (a page that needs no network)",
    )
    p.add_argument("--out", metavar="FILE", default="-", help="write it here (default: stdout)")
    p.add_argument("--lang", metavar="TAG", help="the language of the words shown")
    scenarios_option(p)


@command("graph", "a picture of a scenario's beats, with the best-practice path")(_graph_options)
def cmd_graph(args: argparse.Namespace) -> int:
    from ..application.authoring.graph import build
    from ..application.authoring.render import render
    from .output import EXIT_USAGE, locale_option, print_diagnostics

    try:
        lang = locale_option(args.lang)
    except ValueError as exc:
        return fail(str(exc), EXIT_USAGE)
    scenario, diagnostics = library(args.scenarios).find(args.scenario)
    if scenario is None:
        print_diagnostics(diagnostics)
        return EXIT_INPUT
    text = render(build(scenario, lang), args.format)
    return EXIT_OK if write_out(args.out, text) else EXIT_INPUT


# -- run and play from a beat -------------------------------------------------------------------


def from_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--from",
        dest="from_beat",
        metavar="BEAT",
        help="start at this beat; the decisions before it are assumed (and said)",
    )


def run_from(
    args: argparse.Namespace,
    scenario: Scenario,
    script: Script,
    script_path: Path,
    lang: str | None,
) -> int:
    """``trainer run --from BEAT``: the assumed decisions, then the script from the beat."""
    from ..application.authoring.start import (
        FromError,
        assume,
        decisions_json,
        play_from,
        statements,
    )
    from ..application.play import to_json, to_text
    from ..content.library import display
    from .output import EXIT_USAGE, print_diagnostics

    if args.store:
        return fail(
            "--store cannot go with --from: a run from a beat is a test of one part, not a "
            "trainee's run",
            EXIT_USAGE,
        )
    try:
        assumed = assume(scenario, args.from_beat)
    except FromError as exc:
        return fail(str(exc), EXIT_INPUT)
    played, problems = play_from(
        scenario, assumed, script, display(script_path), lang or scenario.fallback
    )
    if played is None:
        print_diagnostics(problems)
        return EXIT_INPUT
    said = statements(scenario, assumed, lang)
    if args.json:
        document = to_json(played)
        document["assumed"] = {
            "from": assumed.beat,
            "how": assumed.how,
            "decisions": decisions_json(assumed),
            "wait": {"beat": assumed.waited_at, "seconds": assumed.wait} if assumed.wait else None,
            "said": said,
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write("\n".join(said) + "\n\n" + to_text(played))
    return EXIT_OK


# -- stats --------------------------------------------------------------------------------------


def _stats_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario files, folders or ids")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument(
        "--lang", metavar="TAG", help="the language read when timing (default: fallback)"
    )
    scenarios_option(p)


def scenarios_named(args: argparse.Namespace, refs: list[str]) -> tuple[list[Scenario], int]:
    """Scenarios from files, folders and ids; problems are printed; returns (scenarios, errors)."""
    from .output import print_diagnostics

    lib = library(args.scenarios)
    found: list[Scenario] = []
    errors = 0
    for ref in refs:
        path = Path(ref)
        if path.is_dir():
            loaded = lib.load_paths([path])
            print_diagnostics(loaded.sorted_diagnostics())
            errors += len(loaded.errors)
            found.extend(sorted(loaded.scenarios, key=lambda s: s.id))
            continue
        scenario, diagnostics = lib.find(ref)
        print_diagnostics(diagnostics)
        if scenario is None:
            errors += 1
        else:
            found.append(scenario)
    return found, errors


@command("stats", "a scenario's size: words per language, beats, paths, playing time")(
    _stats_options
)
def cmd_stats(args: argparse.Namespace) -> int:
    from ..application.authoring.stats import stats, to_json, to_text
    from .output import EXIT_USAGE, locale_option

    try:
        lang = locale_option(args.lang)
    except ValueError as exc:
        return fail(str(exc), EXIT_USAGE)
    scenarios, errors = scenarios_named(args, args.paths)
    figures = [stats(s, lang) for s in scenarios]
    if args.json:
        print(json.dumps([to_json(f) for f in figures], ensure_ascii=False, indent=2))
    else:
        print("\n".join(to_text(f) for f in figures), end="")
    return EXIT_INPUT if errors else EXIT_OK


# -- i18n ---------------------------------------------------------------------------------------


def _i18n_options(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    extract = actions.add_parser(
        "extract", help="write DIR/LOCALE.po for translators (Poedit, Weblate, any PO editor)"
    )
    extract.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    extract.add_argument("--out", required=True, metavar="DIR", help="the folder for PO files")
    extract.add_argument(
        "--locale",
        action="append",
        default=[],
        metavar="L",
        help="also this language, though locales does not list it yet (repeatable)",
    )
    scenarios_option(extract)
    merge = actions.add_parser("merge", help="write the translations in DIR back into the YAML")
    merge.add_argument("po_dir", metavar="DIR", help="the folder of LOCALE.po files")
    merge.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    scenarios_option(merge)
    status = actions.add_parser("status", help="how much of each scenario is translated")
    status.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: all)")
    status.add_argument("--po", metavar="DIR", help="also the PO files in DIR")
    scenarios_option(status)


@command("i18n", "translation: extract PO files, merge them back, show coverage")(_i18n_options)
def cmd_i18n(args: argparse.Namespace) -> int:
    from ..application.authoring.translate import TranslateError

    try:
        if args.action == "extract":
            return _i18n_extract(args)
        if args.action == "merge":
            return _i18n_merge(args)
        return _i18n_status(args)
    except TranslateError as exc:
        return fail(str(exc), EXIT_INPUT)


def _loaded(args: argparse.Namespace) -> tuple[list[Scenario], list[Persona], int]:
    from .output import print_diagnostics

    absent = [p for p in args.paths if not Path(p).exists()]
    for path in absent:
        print(f"{path}:1:1: error: no such file or folder", file=sys.stderr)
    loaded = library(args.scenarios).load_paths([Path(p) for p in args.paths if p not in absent])
    print_diagnostics(loaded.sorted_diagnostics())
    errors = len(loaded.errors) + len(absent)
    return list(loaded.scenarios), list(loaded.personas.values()), errors


def _i18n_extract(args: argparse.Namespace) -> int:
    from ..application.authoring.translate import extract
    from ..content.library import display

    scenarios, personas, errors = _loaded(args)
    if errors:
        print(f"{errors} error(s): fix them first (trainer validate)", file=sys.stderr)
        return EXIT_INPUT
    done = extract(scenarios, personas, Path(args.out), args.locale)
    if not done.files:
        return fail(
            "nothing to translate into: the scenarios list one language; add one to locales "
            "or pass --locale (e.g. --locale vi)"
        )
    for locale, path in done.files.items():
        translated, total = done.counts[locale]
        print(f"wrote {display(path)}: {total} text(s), {translated} translated")
    return EXIT_OK


def _i18n_merge(args: argparse.Namespace) -> int:
    from ..application.authoring.translate import merge
    from .output import print_diagnostics

    absent = [p for p in args.paths if not Path(p).exists()]
    for path in absent:
        print(f"{path}:1:1: error: no such file or folder", file=sys.stderr)
    merged = merge(
        library(args.scenarios), Path(args.po_dir), [Path(p) for p in args.paths if p not in absent]
    )
    print_diagnostics(merged.diagnostics)
    for name, count in merged.written.items():
        more = merged.completed.get(name)
        print(
            f"merged {count} translation(s) into {name}"
            + (f"; now complete in {', '.join(more)} (added to locales)" if more else "")
        )
    if not merged.written and not merged.errors:
        print("nothing to merge: every translation in the PO files is already in the YAML")
    return EXIT_INPUT if merged.errors or absent else EXIT_OK


def _i18n_status(args: argparse.Namespace) -> int:
    from ..application.authoring.translate import coverage, po_coverage
    from .output import print_diagnostics, table

    if args.paths:
        scenarios, _, errors = _loaded(args)
    else:
        loaded = library(args.scenarios).all()
        print_diagnostics(loaded.sorted_diagnostics())
        scenarios, errors = list(loaded.scenarios), len(loaded.errors)
    rows = []
    for scenario in sorted(scenarios, key=lambda s: s.id):
        for c in coverage(scenario):
            rows.append(
                [
                    c.id,
                    c.locale + ("" if c.claimed else " (not in locales)"),
                    f"{100 * c.translated // max(c.total, 1)}%",
                    f"{c.translated}/{c.total}",
                    c.placeholders,
                    c.missing,
                ]
            )
    headers = ["scenario", "language", "done", "translated", "placeholders", "missing"]
    sys.stdout.write(table(headers, rows))
    if args.po:
        po_rows = [
            [c.file, c.locale, c.translated, c.fuzzy, c.untranslated]
            for c in po_coverage(Path(args.po))
        ]
        sys.stdout.write(
            "\n" + table(["PO file", "language", "translated", "fuzzy", "untranslated"], po_rows)
        )
    return EXIT_INPUT if errors else EXIT_OK


# -- import -------------------------------------------------------------------------------------


def _import_options(p: argparse.ArgumentParser) -> None:
    kinds = p.add_subparsers(dest="kind", metavar="KIND")
    kinds.required = True
    twee = kinds.add_parser(
        "twee", help="a Twine story in Twee 3 (what Twine exports, Tweego reads)"
    )
    twee.add_argument("file", metavar="FILE.twee")
    twee.add_argument("--out", metavar="FILE.yaml", help="where to write (default: beside it)")
    twee.add_argument("--id", metavar="ID", help="the scenario id (default: from the file name)")
    twee.add_argument("--locale", default="en", metavar="L", help="the story's language (en)")
    twee.add_argument("--force", action="store_true", help="replace FILE.yaml if it exists")
    scenarios_option(twee)


@command("import", "start a scenario from another tool's story (Twine's Twee 3)")(_import_options)
def cmd_import(args: argparse.Namespace) -> int:
    from ..application.authoring.twee_import import ImportError_, import_twee
    from ..content.library import display
    from .output import print_diagnostics

    try:
        done = import_twee(
            library(args.scenarios),
            Path(args.file),
            Path(args.out) if args.out else None,
            args.id,
            args.locale,
            args.force,
        )
    except ImportError_ as exc:
        return fail(str(exc), EXIT_INPUT)
    print_diagnostics(done.warnings)
    print(
        f"{len(done.warnings)} warning(s); {done.beats} beat(s), {done.choices} choice(s)",
        file=sys.stderr,
    )
    print(display(done.path))
    return EXIT_OK


def play_authoring(
    args: argparse.Namespace, scenarios: list[Scenario] | None, extra: list[str]
) -> tuple[Authoring | None, int | None]:
    """``trainer play --from/--watch``: the window's overlay, or an exit status if the request
    cannot be met. Runs played this way are not saved: they test a scenario, not a trainee."""
    if not args.from_beat and not args.watch:
        return None, None
    from ..application.authoring.start import FromError, assume, statements
    from ..application.authoring.watch import Watcher
    from ..content.library import scenario_dirs
    from ..ui.authoring import Authoring

    overlay = Authoring()
    if args.from_beat:
        scenario = next((s for s in scenarios or [] if s.id == args.scenario), None)
        if scenario is None:
            return None, fail(f"no scenario '{args.scenario}'")
        try:
            assumed = assume(scenario, args.from_beat)
        except FromError as exc:
            return None, fail(str(exc))
        print("\n".join(statements(scenario, assumed)))
        overlay.from_beat, overlay.from_scenario = args.from_beat, scenario.id
    if args.watch:
        folders = scenario_dirs(extra)
        overlay.watcher = Watcher(folders)

        def reload() -> tuple[list[Scenario], list[Diagnostic]]:
            loaded = library(extra).all()
            found = sorted(loaded.scenarios, key=lambda s: (s.difficulty, s.id))
            return found, loaded.sorted_diagnostics()

        overlay.reload = reload
        overlay.say("Watching the scenario files: save to reload, F5 restarts the scenario")
        print(f"watching {len(overlay.watcher.last)} file(s) in {len(folders)} folder(s)")
    print("runs played with --from or --watch are not saved to the results store")
    return overlay, None
