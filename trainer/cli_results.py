"""The results side of the ``trainer`` command: store, leaderboards, review, reports, xAPI.

Argument parsing and output formatting only; the work is in ``trainer.store`` and
``trainer.reports``. Errors users cause end with a message and exit status 1.
"""

from __future__ import annotations

import argparse
import csv
import getpass
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("runs", help="stored runs, with an integrity field (ok or mismatch)")
    p.add_argument("--cohort", metavar="C")
    p.add_argument("--trainee", metavar="NAME")
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub.add_parser("leaderboard", help="rankings from the results store")
    p.add_argument("--cohort", metavar="C")
    p.add_argument("--scenario", metavar="ID")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--limit", type=int, default=50)

    p = sub.add_parser("replay", help="a stored run beat by beat")
    p.add_argument("run_id", metavar="RUN_ID")
    p.add_argument("--lang", metavar="TAG")

    p = sub.add_parser("report", help="a cohort's review as one HTML file, with charts")
    p.add_argument("--cohort", metavar="C", required=True)
    p.add_argument("--out", metavar="FILE.html", required=True)
    p.add_argument("--lang", metavar="TAG")

    p = sub.add_parser(
        "cohort", help="create or list cohorts (creating needs the trainer passphrase)"
    )
    csub = p.add_subparsers(dest="action", metavar="ACTION")
    csub.required = True
    c = csub.add_parser("create")
    c.add_argument("code", metavar="CODE", help="the join code trainees type")
    c.add_argument("--name", required=True)
    c.add_argument("--starts", metavar="YYYY-MM-DD")
    c.add_argument("--ends", metavar="YYYY-MM-DD")
    c.add_argument("--facilitator")
    csub.add_parser("list")

    p = sub.add_parser(
        "passphrase", help="set the trainer passphrase (once; changing it needs the old one)"
    )
    psub = p.add_subparsers(dest="action", metavar="ACTION")
    psub.required = True
    psub.add_parser("set")

    p = sub.add_parser("review", help="hide, show or approve a run (trainer)")
    p.add_argument("action", choices=("hide", "show", "approve", "unapprove"))
    p.add_argument("run_id", metavar="RUN_ID")

    p = sub.add_parser("note", help="add a trainer note to a run")
    p.add_argument("run_id", metavar="RUN_ID")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--author", default=os.environ.get("USER", "trainer"))

    p = sub.add_parser("trainee", help="delete or export a trainee's data (trainer)")
    p.add_argument("action", choices=("delete", "export"))
    p.add_argument("name", metavar="NAME")
    p.add_argument("--out", metavar="FILE.json", help="export: write here instead of stdout")

    p = sub.add_parser("xapi", help="xAPI 1.0.3 statements for the Learning Record Store")
    xsub = p.add_subparsers(dest="action", metavar="ACTION")
    xsub.required = True
    x = xsub.add_parser("export")
    x.add_argument("--cohort", metavar="C")
    x.add_argument("--out", metavar="FILE.json", required=True)
    x = xsub.add_parser("send")
    x.add_argument("--endpoint", required=True, metavar="URL")
    x.add_argument("--user", required=True, metavar="U")
    x.add_argument("--password", required=True, metavar="P")


def _store():  # type: ignore[no-untyped-def]
    from .store import Store

    return Store()


def _passphrase() -> str | None:
    value = os.environ.get("TRAINER_PASSPHRASE")
    if value:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass("Trainer passphrase: ")
    return None


def _fail(message: str) -> int:
    print(f"trainer: error: {message}", file=sys.stderr)
    return EXIT_INPUT


def _write(path: Path, content: str) -> bool:
    """Write an output file; on failure say so (exit 1 follows) instead of a traceback."""
    try:
        path.write_text(content, encoding="utf-8")
    except OSError as exc:
        print(f"trainer: error: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return False
    return True


def _date(value: str | None, option: str) -> str | None:
    """A YYYY-MM-DD date, or a StoreError naming the option."""
    from datetime import date

    from .store import StoreError

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise StoreError(f"{option} takes a date as YYYY-MM-DD, not {value!r}") from None


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def run_command(args: argparse.Namespace) -> int:
    from .store import StoreError

    try:
        return HANDLERS[args.command](args)
    except StoreError as exc:
        return _fail(str(exc))


def cmd_runs(args: argparse.Namespace) -> int:
    store = _store()
    runs = store.runs(cohort=args.cohort, trainee=args.trainee)
    if args.format == "json":
        print(
            json.dumps(
                [
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
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    rows = [
        (
            r.record.run_id,
            r.record.trainee,
            r.record.cohort or "-",
            r.record.scenario_id,
            r.record.scores.get("overall"),
            r.integrity,
            ("hidden " if r.hidden else "") + ("approved" if r.approved else ""),
            r.record.finished_at.strftime("%Y-%m-%d %H:%M"),
        )
        for r in runs
    ]
    sys.stdout.write(
        _table(
            ("run", "trainee", "cohort", "scenario", "overall", "integrity", "flags", "finished"),
            rows,
        )
    )
    return EXIT_OK


def cmd_leaderboard(args: argparse.Namespace) -> int:
    store = _store()
    rows = store.leaderboard(scenario=args.scenario, cohort=args.cohort, limit=args.limit)
    data = [
        {
            "rank": r.rank,
            "trainee": r.trainee,
            "cohort": r.cohort,
            "scenario": args.scenario or r.scenario,
            "overall": r.overall,
            "run_id": r.run_id,
        }
        for r in rows
    ]
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(
            buffer,
            fieldnames=list(data[0])
            if data
            else ["rank", "trainee", "cohort", "scenario", "overall", "run_id"],
        )
        writer.writeheader()
        for row in data:
            writer.writerow({k: _csv_safe(v) for k, v in row.items()})
        sys.stdout.write(buffer.getvalue())
    else:
        sys.stdout.write(
            _table(
                ("rank", "trainee", "cohort", "scenario", "overall", "run"),
                [tuple("-" if v is None else v for v in d.values()) for d in data],
            )
        )
    return EXIT_OK


def _csv_safe(value: object) -> object:
    """Spreadsheets run cells that start with = + - @ as formulas: neutralise them."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def cmd_replay(args: argparse.Namespace) -> int:
    from .headless import decision_words
    from .i18n import normalise, said
    from .scoring.facts import extract
    from .scoring.score import evaluate

    store = _store()
    stored = store.run(args.run_id)
    if stored is None:
        return _fail(f"no run '{args.run_id}'; 'trainer runs' lists them")
    record = stored.record
    replayed = store.replay(record)
    if replayed is None:
        return _fail(
            f"run '{args.run_id}' cannot be replayed: its scenario snapshot no longer loads"
        )
    scenario, run = replayed
    lang = normalise(args.lang) if args.lang else record.locale
    print(
        f"{scenario.title.get(lang)} ({scenario.id} v{scenario.version}) — {record.trainee}"
        f"{' · ' + record.cohort if record.cohort else ''} — integrity: {stored.integrity}"
    )
    previous: dict[str, float] = {}
    for i, turn in enumerate(run.turns):
        facts = extract(scenario, run.turns[: i + 1], turn.minute)
        dims, overall, _, _ = evaluate(scenario, facts)
        now = {name: dim.score for name, dim in dims.items()} | {"overall": overall}
        beat = scenario.beats[turn.beat]
        print(f"\n[{i + 1}] {said(scenario.customer.name, beat.say.get(lang), lang)}")
        words = decision_words(scenario, turn, lang)
        print(f"    {said(f'{record.trainee} ({turn.after:g}s)', words, lang)}")
        if turn.timeouts:
            print(f"    (kept waiting: {turn.timeouts} patience interval(s))")
        print(
            f"    anger {turn.anger_before:.0f} -> {turn.anger:.0f} ({turn.mood})"
            + (f"; reply: {turn.reply}" if turn.reply else "")
        )
        moves = []
        for name, value in now.items():
            delta = value - previous.get(name, 0.0)
            if abs(delta) >= 0.5:
                moves.append(f"{name} {'+' if delta > 0 else ''}{delta:.0f}")
        print(
            "    scores so far: "
            + ", ".join(f"{k} {v:.0f}" for k, v in now.items())
            + (f"   (moved: {', '.join(moves)})" if moves else "")
        )
        previous = now
    print(f"\nstored scores: {record.scores}")
    if stored.integrity != "ok":
        print(f"recomputed:    {stored.recomputed}  <- differs: this run is not ranked")
    for note in store.notes(record.run_id):
        print(f"note ({note['author']}, {note['at']}): {note['text']}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from .i18n import normalise
    from .reports.html import ReportRun, render_report

    store = _store()
    if not any(c["code"] == args.cohort for c in store.cohorts()):
        return _fail(f"no cohort '{args.cohort}'; 'trainer cohort list' shows them")
    runs = []
    for r in store.runs(cohort=args.cohort, include_hidden=False):
        scenario = store.scenario_for(r.record.scenario_sha256)
        title = scenario.title.get(args.lang or "en") if scenario else r.record.scenario_id
        runs.append(
            ReportRun(
                run_id=r.record.run_id,
                trainee=r.record.trainee,
                cohort=r.record.cohort,
                scenario_id=r.record.scenario_id,
                scenario_title=title,
                scores=r.record.scores,
                finished_at=r.record.finished_at,
                integrity=r.integrity,
            )
        )
    html = render_report(
        args.cohort,
        runs,
        generated_at=datetime.now(timezone.utc),
        locale=normalise(args.lang) if args.lang else "en",
    )
    out = Path(args.out)
    if not _write(out, html):
        return EXIT_INPUT
    print(f"{out}: {len(runs)} run(s) of cohort {args.cohort}")
    return EXIT_OK


def cmd_cohort(args: argparse.Namespace) -> int:
    store = _store()
    if args.action == "list":
        sys.stdout.write(
            _table(
                ("code", "name", "starts", "ends", "facilitator"),
                [
                    (
                        c["code"],
                        c["name"],
                        c["starts_on"] or "-",
                        c["ends_on"] or "-",
                        c["facilitator"] or "-",
                    )
                    for c in store.cohorts()
                ],
            )
        )
        return EXIT_OK
    starts, ends = _date(args.starts, "--starts"), _date(args.ends, "--ends")
    if starts and ends and ends < starts:
        return _fail(f"--ends ({ends}) is before --starts ({starts})")
    store.create_cohort(_passphrase(), args.code, args.name, starts, ends, args.facilitator)
    print(f"cohort {args.code} created")
    return EXIT_OK


def cmd_passphrase(args: argparse.Namespace) -> int:
    store = _store()
    new = os.environ.get("TRAINER_NEW_PASSPHRASE")
    if not new and sys.stdin is not None and sys.stdin.isatty():
        new = getpass.getpass("New trainer passphrase: ")
        if getpass.getpass("Again: ") != new:
            return _fail("the two passphrases differ")
    if not new:
        return _fail("give the new passphrase in TRAINER_NEW_PASSPHRASE or at the prompt")
    store.set_passphrase(new, _passphrase() if store.has_passphrase() else None)
    print("trainer passphrase set")
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    store = _store()
    flags = {
        "hide": {"hidden": True},
        "show": {"hidden": False},
        "approve": {"approved": True},
        "unapprove": {"approved": False},
    }[args.action]
    store.set_flags(_passphrase(), args.run_id, **flags)
    print(f"run {args.run_id}: {args.action} done")
    return EXIT_OK


def cmd_note(args: argparse.Namespace) -> int:
    store = _store()
    store.add_note(_passphrase(), args.run_id, args.author, args.text)
    print(f"note added to run {args.run_id}")
    return EXIT_OK


def cmd_trainee(args: argparse.Namespace) -> int:
    store = _store()
    if args.action == "delete":
        count = store.delete_trainee(_passphrase(), args.name)
        print(f"trainee {args.name} deleted with {count} run(s)")
        return EXIT_OK
    data = json.dumps(store.export_trainee(_passphrase(), args.name), ensure_ascii=False, indent=2)
    if args.out:
        if not _write(Path(args.out), data + "\n"):
            return EXIT_INPUT
    else:
        print(data)
    return EXIT_OK


def cmd_xapi(args: argparse.Namespace) -> int:
    from .reports.xapi import LRSClient, export_json, statements

    store = _store()
    if args.action == "export":
        everything: list[dict[str, Any]] = []
        for r in store.runs(cohort=args.cohort, include_hidden=False):
            scenario = store.scenario_for(r.record.scenario_sha256)
            if scenario is None:
                continue
            made = statements(r.record, scenario)
            store.queue_statements(r.record.run_id, made)
            everything.extend(made)
        if not _write(Path(args.out), export_json(everything)):
            return EXIT_INPUT
        print(f"{args.out}: {len(everything)} statement(s)")
        return EXIT_OK
    for r in store.runs(include_hidden=False):
        scenario = store.scenario_for(r.record.scenario_sha256)
        if scenario is not None:
            store.queue_statements(r.record.run_id, statements(r.record, scenario))
    pending = store.pending_statements()
    if not pending:
        print("nothing to send")
        return EXIT_OK
    result = LRSClient().send(pending, args.endpoint, args.user, args.password)
    store.mark_sent(result.sent)
    left = len(pending) - len(result.sent)
    print(f"sent {len(result.sent)} statement(s); {left} kept for the next send")
    if left:
        return _fail(f"the LRS did not take {left} statement(s): {result.error}")
    return EXIT_OK


HANDLERS = {
    "runs": cmd_runs,
    "leaderboard": cmd_leaderboard,
    "replay": cmd_replay,
    "report": cmd_report,
    "cohort": cmd_cohort,
    "passphrase": cmd_passphrase,
    "review": cmd_review,
    "note": cmd_note,
    "trainee": cmd_trainee,
    "xapi": cmd_xapi,
}
