"""The cohort report: ranking, flagged runs, weakest dimensions, escaping, self-containment."""

from __future__ import annotations

import base64
import io
import random
import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser

import pytest

from trainer.i18n import t
from trainer.reports.html import (
    DIMENSIONS,
    ReportRun,
    leaderboard,
    render_report,
    weakest_dimension,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
GENERATED = datetime(2026, 4, 1, 12, 0, tzinfo=timezone.utc)
SCRIPT_NAME = "<script>alert(1)</script>"
SQL_NAME = "Robert'); DROP TABLE runs;--"
CHINESE_NAME = "阮氏兰"
VIETNAMESE_NAME = "Nguyễn Văn An"


def run(
    run_id: str,
    trainee: str,
    overall: int,
    *,
    minutes: int,
    scenario: str = "s1",
    title: str | None = None,
    integrity: str = "ok",
    **dims: int,
) -> ReportRun:
    scores = {"speed": 60, "apology": 60, "remedy_fit": 60, "follow_up": 60}
    scores.update(dims)
    scores["overall"] = overall
    return ReportRun(
        run_id=run_id,
        trainee=trainee,
        cohort="c1",
        scenario_id=scenario,
        scenario_title=title or f"Scenario {scenario}",
        scores=scores,
        finished_at=T0 + timedelta(minutes=minutes),
        integrity=integrity,
    )


class Rows(HTMLParser):
    """The text of each cell of every <tr> carrying a class, by class; and every src/href."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: dict[str, list[list[str]]] = {}
        self.links: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._attrs: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        for name in ("src", "href"):
            if found.get(name) is not None:
                self.links.append((tag, name, found[name] or ""))
        if tag == "tr" and found.get("class"):
            self._row = []
            self.rows.setdefault(found["class"] or "", []).append(self._row)
            self._attrs.append(found)
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def row_attrs(self) -> list[dict[str, str | None]]:
        return self._attrs


def parse(document: str) -> Rows:
    parser = Rows()
    parser.feed(document)
    parser.close()
    return parser


def cohort() -> list[ReportRun]:
    """A small cohort with known answers (minutes give the order of the runs)."""
    return [
        # Zia: s1 best 80 (first reached at minute 1, again at 9), s2 70 -> 150, complete at
        # minute 5 (the later of her two counted runs).
        run("a1", "Zia", 80, minutes=1, scenario="s1", apology=20, speed=70),
        run("a2", "Zia", 70, minutes=5, scenario="s2", apology=30, speed=70),
        run("a3", "Zia", 80, minutes=9, scenario="s1", apology=40, speed=70),
        # Ben: 90 + 60 = 150 too, complete at minute 3 -> the same rank as Zia, listed first.
        run("b1", "Ben", 90, minutes=2, scenario="s1", follow_up=10),
        run("b2", "Ben", 60, minutes=3, scenario="s2", follow_up=30),
        # Cai: 160 -> first. His flagged 100 must not count anywhere.
        run("c1", "Cai", 85, minutes=4, scenario="s1", remedy_fit=35),
        run("c2", "Cai", 75, minutes=6, scenario="s2", remedy_fit=45),
        run("c3", "Cai", 100, minutes=7, scenario="s3", integrity="mismatch", remedy_fit=0),
        # Dee: only a flagged run -> never ranked, but listed as flagged.
        run("d1", "Dee", 99, minutes=8, scenario="s1", integrity="mismatch"),
        # The hostile and non-Latin names, ranked at the bottom.
        run("e1", SCRIPT_NAME, 40, minutes=10, scenario="s3", title='<b>Soup</b> & "quotes"'),
        run("f1", SQL_NAME, 30, minutes=11, scenario="s3", title='<b>Soup</b> & "quotes"'),
        run("g1", CHINESE_NAME, 20, minutes=12, scenario="s3", title='<b>Soup</b> & "quotes"'),
        run(
            "h1",
            VIETNAMESE_NAME,
            10,
            minutes=13,
            scenario="s3",
            title='<b>Soup</b> & "quotes"',
            boundaries=5,
        ),
        run(
            "h2",
            VIETNAMESE_NAME,
            50,
            minutes=14,
            scenario="s3",
            title='<b>Soup</b> & "quotes"',
            boundaries=15,
        ),
    ]


@pytest.fixture(scope="module")
def document() -> str:
    return render_report("c1", cohort(), generated_at=GENERATED)


@pytest.fixture(scope="module")
def parsed(document: str) -> Rows:
    return parse(document)


def board_names(parsed: Rows) -> list[str]:
    return [cells[1] for cells in parsed.rows["board-row"]]


# -- ranking -------------------------------------------------------------------------------------


def test_leaderboard_sums_best_runs_and_breaks_ties_by_the_earlier_run(parsed: Rows) -> None:
    assert board_names(parsed) == [
        "Cai",
        "Ben",
        "Zia",
        VIETNAMESE_NAME,
        SCRIPT_NAME,
        SQL_NAME,
        CHINESE_NAME,
    ]
    ranks_totals = [(cells[0], cells[2], cells[3]) for cells in parsed.rows["board-row"]][:3]
    # Equal totals share a rank; the total complete first is listed first.
    assert ranks_totals == [("1", "160", "2"), ("2", "150", "2"), ("2", "150", "2")]
    assert parsed.rows["board-row"][1][4] == "2026-03-02 09:03 UTC"  # Ben's last counted run
    # Zia's best s1 run is the first 80 (minute 1), not the equal one at minute 9: her total
    # was complete at minute 5.
    assert parsed.rows["board-row"][2][4] == "2026-03-02 09:05 UTC"


def test_tie_on_one_scenario_goes_to_the_earlier_run_whatever_the_input_order() -> None:
    runs = [
        run("late", "Abe", 70, minutes=30),
        run("early", "Zoe", 70, minutes=10),
        run("early-again", "Zoe", 70, minutes=40),
    ]
    for order in (runs, runs[::-1]):
        board = leaderboard(order)
        assert [(e.rank, e.trainee, e.overall) for e in board] == [(1, "Zoe", 70), (1, "Abe", 70)]
        assert board[0].finished_at == T0 + timedelta(minutes=10)
        assert board[0].run_id == "early" and board[0].scenarios == 1


# -- flagged runs --------------------------------------------------------------------------------


def test_mismatch_runs_are_never_ranked_and_are_listed_with_a_warning(
    document: str, parsed: Rows
) -> None:
    assert "Dee" not in board_names(parsed)
    assert parsed.rows["board-row"][0][2] == "160"  # Cai's flagged 100 on s3 adds nothing
    flagged = {cells[0]: cells for cells in parsed.rows["flagged-run"]}
    assert set(flagged) == {"c3", "d1"}
    assert flagged["d1"][1] == "Dee" and flagged["d1"][4] == "99"
    assert flagged["c3"][5] == "mismatch"
    assert 'id="mismatch"' in document and "excluded from the leaderboard" in document
    assert "Flagged" in document


def test_mismatch_runs_count_in_no_average(parsed: Rows) -> None:
    trainees = {cells[0]: cells for cells in parsed.rows["trainee-row"]}
    # Cai's flagged run has remedy_fit 0, which would make 11.7 his weakest average.
    assert trainees["Cai"][1] == "Remedy fit (40.0)"
    assert trainees["Dee"][1] == "Only flagged runs"
    # The progress line marks the flagged attempt without its score.
    assert trainees["Cai"][3] == "85 · 75 · \u26a0"
    overall = [cells for cells in parsed.rows.get("scenario-row", [])]
    by_id = {cells[0].split()[-1]: cells for cells in overall}
    assert by_id["s1"][1:3] == [f"{(80 + 80 + 90 + 85) / 4:.1f}", "4"]


def test_a_cohort_of_flagged_runs_only_ranks_nobody() -> None:
    document = render_report(
        "c1", [run("x", "Xu", 99, minutes=1, integrity="mismatch")], generated_at=GENERATED
    )
    rows = parse(document).rows
    assert "board-row" not in rows and [c[0] for c in rows["flagged-run"]] == ["x"]
    assert "No verified runs to rank yet." in document


# -- weakest dimension and progress --------------------------------------------------------------


def test_weakest_dimension_is_the_lowest_average_over_ok_runs(parsed: Rows) -> None:
    trainees = {cells[0]: cells for cells in parsed.rows["trainee-row"]}
    assert trainees["Zia"][1] == "Apology (30.0)"  # (20 + 30 + 40) / 3
    assert trainees["Zia"][2] == t("principle.apology", "en")
    assert trainees["Ben"][1] == "Follow-up (20.0)"
    assert trainees["Ben"][2] == t("principle.follow_up", "en")
    assert trainees[VIETNAMESE_NAME][1] == "Boundaries (10.0)"
    assert trainees[VIETNAMESE_NAME][2] == t("principle.boundaries", "en")
    weakest = {
        attrs.get("data-weakest")
        for attrs in parsed.row_attrs()
        if attrs.get("class") == "trainee-row"
    }
    assert {"apology", "follow_up", "remedy_fit", "boundaries"} <= weakest


def test_weakest_dimension_ties_go_to_the_first_dimension_and_ignore_missing_ones() -> None:
    even = [run("r", "T", 50, minutes=1, speed=40, apology=40, remedy_fit=40, follow_up=40)]
    assert weakest_dimension(even) == ("speed", 40.0)
    assert weakest_dimension([run("m", "T", 50, minutes=1, integrity="mismatch")]) is None
    assert "boundaries" in DIMENSIONS  # counted only over the runs that have it:
    mixed = [
        run("a", "T", 50, minutes=1, follow_up=30, boundaries=25),
        run("b", "T", 50, minutes=2, follow_up=30),
    ]
    assert weakest_dimension(mixed) == ("boundaries", 25.0)


def test_progress_lists_overall_by_attempt_with_the_change(parsed: Rows) -> None:
    trainees = {cells[0]: cells for cells in parsed.rows["trainee-row"]}
    assert trainees["Zia"][3] == "80 · 70 · 80" and trainees["Zia"][4] == "±0"
    assert trainees[VIETNAMESE_NAME][3] == "10 · 50" and trainees[VIETNAMESE_NAME][4] == "+40"
    assert trainees["Ben"][4] == "\u221230"


def test_hardest_scenarios_come_first_with_run_counts(parsed: Rows) -> None:
    rows = parsed.rows["scenario-row"]
    assert [cells[0].split()[-1] for cells in rows] == ["s3", "s2", "s1"]
    assert rows[0][1:4] == [f"{(40 + 30 + 20 + 10 + 50) / 5:.1f}", "5", "4"]
    assert rows[1][1:4] == [f"{(70 + 60 + 75) / 3:.1f}", "3", "3"]


def test_labels_follow_the_locale() -> None:
    document = render_report("c1", cohort(), generated_at=GENERATED, locale="vi")
    trainees = {cells[0]: cells for cells in parse(document).rows["trainee-row"]}
    assert '<html lang="vi">' in document
    assert trainees["Zia"][1] == f"{t('dim.apology', 'vi')} (30.0)"
    assert trainees["Zia"][2] == t("principle.apology", "vi")


# -- harmless names, self-contained document -----------------------------------------------------


def test_hostile_and_non_latin_names_are_shown_as_text(document: str, parsed: Rows) -> None:
    assert "<script" not in document  # no data script, and the report needs none of its own
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert "<b>Soup</b>" not in document and "&lt;b&gt;Soup&lt;/b&gt; &amp;" in document
    assert "Robert&#39;); DROP TABLE runs;--" in document
    assert CHINESE_NAME in document and VIETNAMESE_NAME in document
    shown = {cells[0] for cells in parsed.rows["trainee-row"]}
    assert {SCRIPT_NAME, SQL_NAME, CHINESE_NAME, VIETNAMESE_NAME} <= shown
    assert set(parsed.tags) <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "dl",
        "div",
        "dt",
        "dd",
        "section",
        "p",
        "table",
        "colgroup",
        "col",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "span",
        "strong",
        "bdi",
        "img",
        "ul",
        "li",
        "svg",
        "line",
        "polyline",
        "circle",
        "path",
        "footer",
    }


def test_attribute_and_chart_text_cannot_break_out() -> None:
    names = [
        '" onmouseover="alert(1)',
        "Cost $5 and $x^2$",
        "back\\slash $",
        "\x00\n\ttabs",
        "emoji \U0001f600",
    ]
    runs = [run(f"r{i}", name, 50 + i, minutes=i, title=name) for i, name in enumerate(names)]
    document = render_report('"><img src=x onerror=alert(1)>', runs, generated_at=GENERATED)
    assert 'onmouseover="alert' not in document and "<img src=x" not in document
    assert len(parse(document).rows["board-row"]) == len(names)


def test_the_document_is_self_contained(document: str, parsed: Rows) -> None:
    assert not re.search(r"https?://", document)
    assert not re.search(r"<link|<script|@import|url\(", document, re.IGNORECASE)
    assert parsed.links, "the charts are images"
    for tag, attribute, value in parsed.links:
        assert (tag, attribute) == ("img", "src") and value.startswith("data:image/png;base64,")


def test_charts_are_embedded_pngs_and_every_trainee_has_a_sparkline(
    document: str, parsed: Rows
) -> None:
    from PIL import Image

    charts = re.findall(
        r'<img class="chart" id="(chart-[a-z]+)"[^>]*src="data:image/png;'
        r'base64,([A-Za-z0-9+/=]+)"',
        document,
    )
    assert [name for name, _ in charts] == [
        "chart-leaderboard",
        "chart-distributions",
        "chart-progress",
        "chart-hardest",
    ]
    for _, data in charts:
        with Image.open(io.BytesIO(base64.b64decode(data))) as image:
            assert image.format == "PNG" and image.width >= 800 and image.height >= 200
            assert len(image.getcolors(1 << 16) or range(1 << 16)) > 8  # drawn, not blank
    assert document.count('<svg class="spark"') == len(parsed.rows["trainee-row"]) == 8


def test_an_empty_cohort_says_there_are_no_runs_yet() -> None:
    document = render_report("empty-cohort", [], generated_at=GENERATED)
    assert 'id="no-runs"' in document and "No runs yet" in document
    assert "empty-cohort" in document and "<img" not in document
    assert re.search(r'id="trainee-count">0<', document)
    assert re.search(r'id="run-count">0<', document)
    assert "leaderboard" not in document.split("<body>")[1].lower().split("<footer>")[0]


def test_same_input_same_bytes_whatever_the_order(document: str) -> None:
    runs = cohort()
    shuffled: Sequence[ReportRun] = random.Random(3).sample(runs, len(runs))
    again = render_report("c1", shuffled, generated_at=GENERATED)
    assert again.encode("utf-8") == document.encode("utf-8")


def test_every_hostile_name_is_isolated_escaped_and_short() -> None:
    """The hostile-names corpus: each name sits in its own <bdi>, no control or bidirectional
    character reaches the page raw, and no name is shown longer than 40 characters (the whole
    name, up to 300, is its tooltip)."""
    import json
    from pathlib import Path

    names = json.loads((Path(__file__).parent.parent / "hostile" / "names.json").read_text())
    runs = [run(f"h{i}", name, 50 + i, minutes=i) for i, name in enumerate(names)]
    runs.append(run("bad", "Ana \u202emoc.live\u202c", 99, minutes=99, integrity="mismatch"))
    document = render_report("c\u202e1", runs, generated_at=GENERATED)
    raw = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028]")
    assert not raw.search(document)
    cells = re.findall(r'<td class="name"><bdi(?: title="[^"]*")?>(.*?)</bdi></td>', document)
    board = parse(document).rows["board-row"]
    assert len(board) == len(names)  # one row per name: no name forged a row
    assert len(cells) == 2 * len(names) + 2  # board; trainees (with Ana); the flagged run
    assert all(len(html_unescape(c)) <= 40 for c in cells)
    assert "Ana \\u202emoc.live\\u202c Silva" in html_unescape(document)
    assert 'title="' + "x" * 299 + "…" + '"' in document  # the 10,000-character name


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)
