"""Clean output: whatever text a user or an old database holds, a terminal, a CSV file or JSON
gets it escaped, shortened for display, and unable to forge a row or run a formula.

The commands are fed the hostile-names corpus (tests/hostile/names.json) through a stand-in
store, as names stored before names were checked at input would come back from a real one."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from helpers import bundled_by_id

from trainer.cli import main
from trainer.cli import results as results_cli
from trainer.cli.output import NAME, table, terminal
from trainer.results import BoardRow

NAMES: list[str] = json.loads(
    (Path(__file__).parent.parent / "hostile" / "names.json").read_text("utf-8")
)
#: what may never reach a terminal raw: controls (but the line feed between lines) and bidi
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
WHEN = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_every_hostile_name_is_one_safe_cell(name: str) -> None:
    shown = table(("trainee", "overall"), [(terminal(name, NAME), 90)])
    lines = shown.splitlines()
    assert len(lines) == 3  # header, rule, one row: a newline cannot forge a second
    assert not RAW.search(shown)
    assert len(lines[2]) <= NAME + 2 + len("overall")


class FakeStore:
    """The parts of the store the listing commands read, holding hostile names."""

    def __init__(self) -> None:
        self.names = NAMES

    def runs(self, cohort: str | None = None, trainee: str | None = None) -> list[Any]:
        return [
            SimpleNamespace(
                record=SimpleNamespace(
                    run_id=f"run-{i}",
                    trainee=name,
                    cohort=name,
                    scenario_id="bank-double-charge",
                    scenario_version=1,
                    finished_at=WHEN,
                    scores={"overall": 90},
                ),
                recomputed={"overall": 90},
                integrity="ok",
                hidden=False,
                approved=False,
            )
            for i, name in enumerate(self.names)
        ]

    def leaderboard(self, scenario: str | None, cohort: str | None, limit: int) -> list[Any]:
        return [
            BoardRow(
                rank=i + 1,
                trainee=name,
                cohort=name,
                scenario="bank-double-charge",
                overall=90 - i,
                run_id=f"run-{i}",
                scenarios=1,
                finished_at=WHEN,
            )
            for i, name in enumerate(self.names[:limit])
        ]

    def cohorts(self) -> list[dict[str, Any]]:
        return [
            {"code": name, "name": name, "starts_on": None, "ends_on": None, "facilitator": name}
            for name in self.names
        ]

    def scenario_ids(self) -> list[str]:
        return ["bank-double-charge"]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeStore:
    store = FakeStore()
    monkeypatch.setattr(results_cli, "_store", lambda create: store)
    return store


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "args",
    [("runs",), ("leaderboard",), ("cohort", "list")],
    ids=["runs", "leaderboard", "cohort-list"],
)
def test_tables_show_one_row_per_name_escaped_and_short(
    fake: FakeStore, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    code, out, err = run_cli(capsys, *args)
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 2 + len(NAMES)  # header, rule, a row each: no forged row
    assert not RAW.search(out)
    assert max(len(line) for line in lines) < 2 * 80 + 5 * NAME  # the 10,000 characters, cut
    assert "Ana \\u202emoc.live\\u202c Silva" in out
    assert "Ana\\x1b[2J\\x1b[31mBoss" in out


def test_leaderboard_csv_guards_formulas_and_escapes(
    fake: FakeStore, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "leaderboard", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(NAMES)
    assert not RAW.search(out.replace("\r\n", "").replace("\n", ""))
    by_rank = {int(r["rank"]): r["trainee"] for r in rows}
    for rank, name in enumerate(NAMES, 1):
        first = next((ch for ch in name if not ch.isspace() and ch not in "\u200b\ufeff"), "")
        if first in "=+-@" or name[:1] in "=+-@\t\r":
            assert by_rank[rank].startswith("'"), name
        else:
            assert not by_rank[rank].startswith("'"), name
    assert by_rank[NAMES.index(" =1+1") + 1] == "' =1+1"
    assert by_rank[NAMES.index('\u200b=HYPERLINK("http://x")') + 1].startswith("'\u200b=")


@pytest.mark.parametrize(
    "args", [("runs", "--format", "json"), ("leaderboard", "--format", "json")]
)
def test_json_output_keeps_names_whole_without_raw_controls(
    fake: FakeStore, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    code, out, _ = run_cli(capsys, *args)
    assert code == 0
    assert not RAW.search(out.replace("\n", ""))
    assert [row["trainee"] for row in json.loads(out)] == NAMES  # escaped, never altered


def test_replay_shows_a_hostile_name_on_its_lines(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from variants import model_decisions

    from trainer.application import replay as replay_module
    from trainer.engine import Engine

    scenario = bundled_by_id("bank-double-charge")
    run = Engine(scenario).play(model_decisions(scenario), seed=3)
    name = NAMES[3] + NAMES[0] + "y" * 500  # a forged row, an escape sequence, a long tail
    record = SimpleNamespace(trainee=name, cohort=NAMES[5], locale="en", scores={"overall": 90})
    shown = replay_module.Replay(
        SimpleNamespace(record=record, integrity="ok", recomputed={}),  # type: ignore[arg-type]
        scenario,
        run,
        replay_module.steps_of(scenario, run),
        ({"author": NAMES[4], "at": "2026-11-22", "text": NAMES[1]},),
    )
    monkeypatch.setattr(results_cli, "_store", lambda create: object())
    monkeypatch.setattr(replay_module, "replay_run", lambda store, run_id: shown)
    code, out, err = run_cli(capsys, "replay", "r1")
    assert code == 0, err
    assert not RAW.search(out)
    header = out.splitlines()[0]
    assert "Dee\\x0a1    Boss" in header and "…" in header and len(header) < 200
    assert not any(line.startswith("1    Boss") for line in out.splitlines())
    assert "Bo\\x07\\x07\\x07" in out
