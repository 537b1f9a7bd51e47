"""Commands on the results store: runs, leaderboard, replay, report, cohorts, the trainer
passphrase, review, notes, trainees and xAPI.

Parsing and formatting only; the work is on the application floor. Errors users cause end with
a message and exit status 1. Commands that only read never create a database.
"""

from __future__ import annotations

import argparse
import csv
import getpass
import io
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..safetext import dumps
from .output import (
    EXIT_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    NAME,
    TITLE,
    csv_safe,
    fail,
    locale_option,
    table,
    terminal,
    terminal_lines,
    write_out,
)
from .registry import command

if TYPE_CHECKING:
    from ..store import Store


def _store(*, create: bool) -> Store:
    from ..application.bootstrap import open_store

    return open_store(create=create)


def handles_store_errors(
    handler: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """Turn the store's and the application's user errors into a message and exit status 1."""

    def run(args: argparse.Namespace) -> int:
        from ..application.reporting import UnknownCohort
        from ..store import StoreError

        try:
            return handler(args)
        except (StoreError, UnknownCohort) as exc:
            return fail(str(exc))

    run.__name__ = handler.__name__
    run.__doc__ = handler.__doc__
    return run


def _passphrase() -> str | None:
    value = os.environ.get("TRAINER_PASSPHRASE")
    if value:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass("Trainer passphrase: ")
    return None


def _date(value: str | None, option: str) -> str | None:
    """A YYYY-MM-DD date, or a StoreError naming the option."""
    from datetime import date

    from ..store import StoreError

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise StoreError(f"{option} takes a date as YYYY-MM-DD, not {value!r}") from None


def _known_filters(store: Store, cohort: str | None, scenario: str | None = None) -> None:
    """An unknown cohort or scenario is an error, not an empty answer."""
    from ..application.reporting import require_cohort
    from ..store import StoreError

    if cohort is not None:
        require_cohort(store, cohort)
    if scenario is not None and scenario not in store.scenario_ids():
        from ..scenario.diagnostics import did_you_mean
        from .authoring import library

        known = {s.id for s in library(()).all().scenarios} | set(store.scenario_ids())
        if scenario not in known:
            hint = did_you_mean(scenario, known)
            raise StoreError(f"unknown scenario '{scenario}'{hint}; 'trainer list' shows the ids")


# -- runs ------------------------------------------------------------------------------------


def _runs_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cohort", metavar="C")
    p.add_argument("--trainee", metavar="NAME")
    p.add_argument("--format", choices=("table", "json"), default="table")


@command(
    "runs",
    "stored runs, with an integrity field (ok, mismatch, unreplayable, unverified scenario)",
)(_runs_options)
@handles_store_errors
def cmd_runs(args: argparse.Namespace) -> int:
    store = _store(create=False)
    _known_filters(store, args.cohort)
    runs = store.runs(cohort=args.cohort, trainee=args.trainee)
    if args.format == "json":
        data = [
            {
                "run_id": r.record.run_id,
                "trainee": r.record.trainee,
                "cohort": r.record.cohort,
                "scenario": r.record.scenario_id,
                "version": r.record.scenario_version,
                "finished_at": r.record.finished_at.isoformat(),
                "scores": r.record.scores,
                "recomputed": r.recomputed,
                "integrity": r.integrity,
                "hidden": r.hidden,
                "approved": r.approved,
            }
            for r in runs
        ]
        print(dumps(data, indent=2))
        return EXIT_OK
    rows = [
        (
            r.record.run_id,
            terminal(r.record.trainee, NAME),
            terminal(r.record.cohort, NAME) if r.record.cohort else "-",
            r.record.scenario_id,
            r.record.scores.get("overall"),
            r.integrity,
            ("hidden " if r.hidden else "") + ("approved" if r.approved else ""),
            r.record.finished_at.strftime("%Y-%m-%d %H:%M"),
        )
        for r in runs
    ]
    headers = ("run", "trainee", "cohort", "scenario", "overall", "integrity", "flags", "finished")
    sys.stdout.write(table(headers, rows))
    return EXIT_OK


# -- leaderboard -----------------------------------------------------------------------------


def _board_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cohort", metavar="C")
    p.add_argument("--scenario", metavar="ID")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--limit", type=int, default=50, help="rows to show (1 to 1000; default 50)")


BOARD_FIELDS = ["rank", "trainee", "cohort", "scenario", "overall", "run_id"]


@command("leaderboard", "rankings from the results store")(_board_options)
@handles_store_errors
def cmd_leaderboard(args: argparse.Namespace) -> int:
    if not 1 <= args.limit <= 1000:
        return fail(f"--limit takes a number from 1 to 1000, not {args.limit}", EXIT_USAGE)
    store = _store(create=False)
    _known_filters(store, args.cohort, args.scenario)
    from ..results.board import label

    rows = store.leaderboard(scenario=args.scenario, cohort=args.cohort, limit=args.limit)
    data = [
        {
            "rank": r.rank,
            "trainee": r.trainee,
            "cohort": r.cohort,
            "scenario": label(r, "en"),
            "overall": r.overall,
            "run_id": r.run_id,
        }
        for r in rows
    ]
    if args.format == "json":
        extra = [
            {
                "scenarios": r.scenarios,
                "total": r.is_total,
                "finished_at": r.finished_at.isoformat(),
            }
            for r in rows
        ]
        full = [{**d, **e} for d, e in zip(data, extra, strict=True)]
        print(dumps(full, indent=2))
    elif args.format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=BOARD_FIELDS)
        writer.writeheader()
        for row in data:
            writer.writerow({k: csv_safe(v) for k, v in row.items()})
        sys.stdout.write(buffer.getvalue())
    else:
        shown = [tuple("-" if v is None else terminal(v, NAME) for v in d.values()) for d in data]
        sys.stdout.write(table(("rank", "trainee", "cohort", "scenario", "overall", "run"), shown))
    return EXIT_OK


# -- replay ----------------------------------------------------------------------------------


def _replay_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("run_id", metavar="RUN_ID")
    p.add_argument("--lang", metavar="TAG")


@command("replay", "a stored run beat by beat, with how each score moved")(_replay_options)
@handles_store_errors
def cmd_replay(args: argparse.Namespace) -> int:
    from ..application.play import decision_words
    from ..application.replay import ReplayError, replay_run
    from ..i18n import said

    try:
        lang = locale_option(args.lang)
    except ValueError as exc:
        return fail(str(exc), EXIT_USAGE)
    store = _store(create=False)
    try:
        shown = replay_run(store, args.run_id)
    except ReplayError as exc:
        return fail(str(exc))
    record, scenario = shown.stored.record, shown.scenario
    lang = lang or record.locale
    trainee = terminal(record.trainee, NAME)
    cohort = f" · {terminal(record.cohort, NAME)}" if record.cohort else ""
    print(
        f"{terminal(scenario.title.get(lang), TITLE)} ({scenario.id} v{scenario.version}) — "
        f"{trainee}{cohort} — integrity: {shown.stored.integrity}"
    )
    for i, step in enumerate(shown.steps):
        turn = step.turn
        beat = scenario.beats[turn.beat]
        print()
        # scenario text may run over lines (it was checked when the file was read); names not
        print(terminal_lines(f"[{i + 1}] {said(scenario.customer.name, beat.say.get(lang), lang)}"))
        words = decision_words(scenario, turn, lang)
        print(f"    {said(f'{trainee} ({turn.after:g}s)', terminal_lines(words), lang)}")
        if turn.timeouts:
            print(f"    (kept waiting: {turn.timeouts} patience interval(s))")
        reply = f"; reply: {terminal_lines(turn.reply)}" if turn.reply else ""
        print(f"    anger {turn.anger_before:.0f} -> {turn.anger:.0f} ({turn.mood}){reply}")
        moves = ", ".join(f"{k} {'+' if v > 0 else ''}{v:.0f}" for k, v in step.moved.items())
        print(
            "    scores so far: "
            + ", ".join(f"{k} {v:.0f}" for k, v in step.scores.items())
            + (f"   (moved: {moves})" if moves else "")
        )
    print(f"\nstored scores: {record.scores}")
    if shown.stored.integrity == "unverified scenario":
        print(
            "this run was played on a scenario version that is neither bundled nor approved by "
            "a trainer: it is not ranked ('trainer scenario approve FILE' approves a version)"
        )
    elif shown.stored.integrity != "ok":
        print(f"recomputed:    {shown.stored.recomputed}  <- differs: this run is not ranked")
    for note in shown.notes:
        print(f"note ({terminal(note['author'], NAME)}, {note['at']}): {terminal(note['text'])}")
    return EXIT_OK


# -- report ----------------------------------------------------------------------------------


def _report_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cohort", metavar="C", required=True)
    p.add_argument("--out", metavar="FILE.html", required=True, help="'-' for standard output")
    p.add_argument("--lang", metavar="TAG")


@command("report", "a cohort's review as one HTML file, with charts")(_report_options)
@handles_store_errors
def cmd_report(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from ..application.reporting import cohort_report

    try:
        lang = locale_option(args.lang) or "en"
    except ValueError as exc:
        return fail(str(exc), EXIT_USAGE)
    store = _store(create=False)
    html, count = cohort_report(
        store, args.cohort, locale=lang, generated_at=datetime.now(timezone.utc)
    )
    if not write_out(args.out, html):
        return EXIT_INPUT
    if args.out != "-":
        print(f"{terminal(args.out)}: {count} run(s) of cohort {terminal(args.cohort, NAME)}")
    return EXIT_OK


# -- cohorts, passphrase, review, notes --------------------------------------------------------


def _cohort_options(p: argparse.ArgumentParser) -> None:
    csub = p.add_subparsers(dest="action", metavar="ACTION")
    csub.required = True
    c = csub.add_parser("create", help="a new cohort (trainer passphrase)")
    c.add_argument("code", metavar="CODE", help="the join code trainees type")
    c.add_argument("--name", required=True)
    c.add_argument("--starts", metavar="YYYY-MM-DD")
    c.add_argument("--ends", metavar="YYYY-MM-DD")
    c.add_argument("--facilitator")
    csub.add_parser("list", help="the cohorts")


@command("cohort", "create or list cohorts (creating needs the trainer passphrase)")(
    _cohort_options
)
@handles_store_errors
def cmd_cohort(args: argparse.Namespace) -> int:
    if args.action == "list":
        store = _store(create=False)
        rows = [
            (
                terminal(c["code"], NAME),
                terminal(c["name"], TITLE),
                c["starts_on"] or "-",
                c["ends_on"] or "-",
                terminal(c["facilitator"], NAME) if c["facilitator"] else "-",
            )
            for c in store.cohorts()
        ]
        sys.stdout.write(table(("code", "name", "starts", "ends", "facilitator"), rows))
        return EXIT_OK
    starts, ends = _date(args.starts, "--starts"), _date(args.ends, "--ends")
    if starts and ends and ends < starts:
        return fail(f"--ends ({ends}) is before --starts ({starts})")
    store = _store(create=True)
    store.create_cohort(_passphrase(), args.code, args.name, starts, ends, args.facilitator)
    print(f"cohort {terminal(args.code, NAME)} created")
    return EXIT_OK


def _passphrase_options(p: argparse.ArgumentParser) -> None:
    psub = p.add_subparsers(dest="action", metavar="ACTION")
    psub.required = True
    psub.add_parser("set", help="set or change it (TRAINER_NEW_PASSPHRASE or a prompt)")


@command("passphrase", "set the trainer passphrase (once; changing it needs the old one)")(
    _passphrase_options
)
@handles_store_errors
def cmd_passphrase(args: argparse.Namespace) -> int:
    new = os.environ.get("TRAINER_NEW_PASSPHRASE")
    if not new and sys.stdin is not None and sys.stdin.isatty():
        new = getpass.getpass("New trainer passphrase: ")
        if getpass.getpass("Again: ") != new:
            return fail("the two passphrases differ")
    if not new:
        return fail("give the new passphrase in TRAINER_NEW_PASSPHRASE or at the prompt")
    store = _store(create=True)
    store.set_passphrase(new, _passphrase() if store.has_passphrase() else None)
    print("trainer passphrase set")
    return EXIT_OK


def _review_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=("hide", "show", "approve", "unapprove"))
    p.add_argument("run_id", metavar="RUN_ID")


@command("review", "hide, show or approve a run (trainer)")(_review_options)
@handles_store_errors
def cmd_review(args: argparse.Namespace) -> int:
    flags = {
        "hide": {"hidden": True},
        "show": {"hidden": False},
        "approve": {"approved": True},
        "unapprove": {"approved": False},
    }[args.action]
    _store(create=False).set_flags(_passphrase(), args.run_id, **flags)
    print(f"run {terminal(args.run_id, NAME)}: {args.action} done")
    return EXIT_OK


def _note_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("run_id", metavar="RUN_ID")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--author", default=os.environ.get("USER", "trainer"))


@command("note", "add a trainer note to a run")(_note_options)
@handles_store_errors
def cmd_note(args: argparse.Namespace) -> int:
    _store(create=False).add_note(_passphrase(), args.run_id, args.author, args.text)
    print(f"note added to run {terminal(args.run_id, NAME)}")
    return EXIT_OK


# -- trusted scenario versions -----------------------------------------------------------------


def _scenario_options(p: argparse.ArgumentParser) -> None:
    ssub = p.add_subparsers(dest="action", metavar="ACTION")
    ssub.required = True
    a = ssub.add_parser(
        "approve",
        help="rank the runs played on these exact scenario files (trainer passphrase)",
    )
    a.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    ssub.add_parser("approved", help="the scenario versions whose runs are ranked")


@command(
    "scenario",
    "approve scenario versions so their runs are ranked (bundled ones always are)",
)(_scenario_options)
@handles_store_errors
def cmd_scenario(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .authoring import library
    from .output import missing, print_diagnostics

    if args.action == "approved":
        rows = [
            (v["scenario"], v["version"], v["sha256"][:12], v["origin"], v["since"][:16])
            for v in _store(create=False).trusted_versions()
        ]
        sys.stdout.write(table(("scenario", "version", "sha256", "origin", "since"), rows))
        return EXIT_OK
    absent = missing(args.paths)
    for path in absent:
        print(f"{path}:1:1: error: no such file or folder", file=sys.stderr)
    loaded = library(()).load_paths([Path(p) for p in args.paths if p not in absent])
    print_diagnostics(loaded.errors)
    if absent or loaded.errors:
        return fail("nothing approved: fix the errors above first")
    if not loaded.scenarios:
        return fail("nothing approved: no scenario file in " + ", ".join(args.paths))
    store = _store(create=True)
    passphrase = _passphrase()
    store.require_trainer(passphrase)
    for scenario in loaded.scenarios:
        count = store.approve_scenario(passphrase, scenario)
        print(
            f"approved {scenario.id} v{scenario.version} (file {scenario.sha256[:12]}): "
            f"{count} stored run(s) were played on it; the verified ones are ranked from now on"
        )
    return EXIT_OK


# -- trainees --------------------------------------------------------------------------------


def _trainee_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=("delete", "export"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--out", metavar="FILE.json", help="export: write here ('-': standard output)")
    p.add_argument("--yes", action="store_true", help="delete: do not ask for confirmation")


def _confirm(question: str) -> bool:
    if sys.stdin is None or not sys.stdin.isatty():
        return False
    try:
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


@command("trainee", "delete or export a trainee's data (trainer)")(_trainee_options)
@handles_store_errors
def cmd_trainee(args: argparse.Namespace) -> int:
    store = _store(create=False)
    if args.action == "delete":
        passphrase = _passphrase()
        store.require_trainer(passphrase)
        count = len(store.runs(trainee=args.name))
        name = terminal(args.name, NAME)
        if not args.yes and not _confirm(
            f"Delete trainee '{name}' and their {count} run(s)? This cannot be undone."
        ):
            return fail(
                f"not deleted: confirm at the prompt, or pass --yes to delete '{name}' "
                f"and their {count} run(s)"
            )
        count = store.delete_trainee(passphrase, args.name)
        print(f"trainee {name} deleted with {count} run(s)")
        return EXIT_OK
    data = dumps(store.export_trainee(_passphrase(), args.name), indent=2)
    if not write_out(args.out or "-", data + "\n"):
        return EXIT_INPUT
    return EXIT_OK


# -- xAPI ------------------------------------------------------------------------------------


def _xapi_options(p: argparse.ArgumentParser) -> None:
    xsub = p.add_subparsers(dest="action", metavar="ACTION")
    xsub.required = True
    x = xsub.add_parser("export", help="statements of stored runs, as one JSON file")
    x.add_argument("--cohort", metavar="C")
    x.add_argument("--out", metavar="FILE.json", required=True, help="'-' for standard output")
    x = xsub.add_parser(
        "send",
        help="send unsent statements to a Learning Record Store (password from "
        "TRAINER_LRS_PASSWORD or a prompt)",
    )
    x.add_argument("--endpoint", required=True, metavar="URL")
    x.add_argument("--user", required=True, metavar="U")


def _lrs_password() -> str | None:
    value = os.environ.get("TRAINER_LRS_PASSWORD")
    if value:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass("LRS password: ")
    return None


@command("xapi", "xAPI 1.0.3 statements for the Learning Record Store")(_xapi_options)
@handles_store_errors
def cmd_xapi(args: argparse.Namespace) -> int:
    from ..application.reporting import cohort_statements
    from ..reports.xapi import LRSClient, export_json

    if args.action == "export":
        store = _store(create=False)
        everything: list[dict[str, Any]] = cohort_statements(store, args.cohort)
        if not write_out(args.out, export_json(everything)):
            return EXIT_INPUT
        if args.out != "-":
            print(f"{terminal(args.out)}: {len(everything)} statement(s)")
        return EXIT_OK
    password = _lrs_password()
    if not password:
        return fail("give the LRS password in TRAINER_LRS_PASSWORD or at the prompt")
    store = _store(create=False)
    cohort_statements(store, None)
    pending = store.pending_statements()
    if not pending:
        print("nothing to send")
        return EXIT_OK
    result = LRSClient().send(pending, args.endpoint, args.user, password)
    store.mark_sent(result.sent)
    left = len(pending) - len(result.sent)
    print(f"sent {len(result.sent)} statement(s); {left} kept for the next send")
    if left:
        return fail(f"the LRS did not take {left} statement(s): {result.error}")
    return EXIT_OK
