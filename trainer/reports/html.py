"""The cohort report: one self-contained HTML file a trainer can open, print or mail.

:func:`render_report` takes the cohort's runs (already read from the store, each with its
``integrity`` from recomputing the score) and returns the whole document: the leaderboard, each
dimension's distribution, each trainee's weakest dimension and progress across attempts, and the
hardest scenarios. Charts are drawn with matplotlib (Agg, in memory, the bundled font so that
Chinese and Vietnamese render) and embedded as base64 PNG; the per-trainee sparklines are small
inline SVGs. The document loads nothing from outside and needs no JavaScript.

Runs whose stored score disagrees with its recomputation (``integrity != "ok"``) are never
ranked and never counted in an average: they are listed apart, with a warning.

Every piece of data reaches the page through Jinja2 with autoescape on, so a trainee called
``<script>alert(1)</script>`` is shown as that text. The report's own words go through
:func:`trainer.i18n.t` with ``report.*`` keys and fall back to the English below while the
catalogs have no such keys.
"""

from __future__ import annotations

import base64
import io
import statistics
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape

from trainer.i18n import normalise, t
from trainer.paths import bundled_assets
from trainer.results.board import Entry, best_runs, total_rows, totals
from trainer.results.records import BoardRow
from trainer.safetext import visible

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

DIMENSIONS: tuple[str, ...] = ("speed", "apology", "remedy_fit", "follow_up", "boundaries")
CHARTED: tuple[str, ...] = (*DIMENSIONS, "overall")
OK = "ok"
FONT_FILE = "fonts/NotoSansSC-Regular.otf"
CHART_DPI = 144
LEADERBOARD_CHART_ROWS = 10
HARDEST_CHART_ROWS = 10


@dataclass(frozen=True)
class ReportRun:
    """One finished run as the report needs it."""

    run_id: str
    trainee: str
    cohort: str | None
    scenario_id: str
    scenario_title: str
    scores: dict[str, int]  # speed, apology, remedy_fit, follow_up, [boundaries], overall
    finished_at: datetime
    integrity: (
        str  # "ok", or why it is not ranked: "mismatch", "unreplayable", "unverified scenario"
    )


# -- the report's own words ------------------------------------------------------------------------

ENGLISH: dict[str, str] = {
    "title": "Cohort report: {cohort}",
    "cohort": "Cohort",
    "generated": "Generated",
    "trainees": "Trainees",
    "runs": "Runs",
    "flagged": "Flagged",
    "no_runs": "No runs yet",
    "no_runs_detail": "Nobody in this cohort has finished a scenario yet. Once trainees play, "
    "their scores, progress and the hardest scenarios will appear here.",
    "leaderboard": "Leaderboard",
    "leaderboard_note": "Each trainee's best verified run per scenario, summed across scenarios. "
    "Equal totals share a rank; the total complete first (its last run finished first) is "
    "listed first. Flagged runs are never ranked.",
    "no_ranked": "No verified runs to rank yet.",
    "rank": "Rank",
    "trainee": "Trainee",
    "total": "Total",
    "scenarios": "Scenarios",
    "complete": "Complete",
    "chart_leaderboard": "The top trainees by total score",
    "mismatch": "Flagged runs: not verified, or on a scenario version nobody approved",
    "mismatch_note": "mismatch: a stored value (a score, the decisions, the seed, the time, the "
    "scenario file) differs from what was saved or from the score recomputed from the "
    "decisions. unreplayable: the decisions no longer play on the scenario file. unverified "
    "scenario: the run was played on a scenario file that is neither bundled with the trainer "
    "nor approved by a trainer ('trainer scenario approve FILE'). These runs are excluded from "
    "the leaderboard and from every average in this report.",
    "run": "Run",
    "scenario": "Scenario",
    "finished": "Finished",
    "stored_overall": "Stored overall",
    "integrity": "Integrity",
    "distributions": "Score distributions",
    "distributions_note": "Verified runs only; each bar covers ten points (0-9, 10-19, ..., "
    "90-100); the dashed line is the median.",
    "dimension": "Dimension",
    "n_runs": "Runs",
    "median": "Median",
    "mean": "Mean",
    "iqr": "Middle half",
    "no_data": "No verified runs yet.",
    "trainees_section": "Trainees: weakest dimension and progress",
    "trainees_note": "The weakest dimension is the lowest average over the trainee's verified "
    "runs. Progress shows the overall score of each attempt in order "
    "(\u26a0 marks a flagged attempt, not counted).",
    "weakest": "Weakest dimension",
    "principle": "Principle",
    "progress": "Progress (overall by attempt)",
    "change": "Change",
    "weakest_summary": "Weakest dimension across the cohort",
    "n_trainees": "{count} trainee(s)",
    "only_flagged": "Only flagged runs",
    "chart_progress": "Overall score by attempt number",
    "attempt": "Attempt",
    "cohort_mean": "Cohort mean",
    "middle_half": "Middle half of trainees",
    "hardest": "Hardest scenarios",
    "hardest_note": "Lowest average overall score over verified runs first.",
    "average_overall": "Average overall",
    "lowest_dimension": "Lowest dimension",
    "chart_hardest": "Average overall score, hardest scenarios first",
    "footer": "Service Recovery Trainer cohort report. Scores are 0-100.",
}


def _text(key: str, locale: str, **params: Any) -> str:
    full = "report." + key
    found = t(full, locale, **params)
    if found != full:
        return found
    return ENGLISH[key].format(**params)


# -- the numbers ---------------------------------------------------------------------------------


def _order(run: ReportRun) -> tuple[datetime, str]:
    return (run.finished_at, run.run_id)


def _overall(run: ReportRun) -> int:
    return int(run.scores.get("overall", 0))


def leaderboard(runs: Iterable[ReportRun]) -> list[BoardRow]:
    """The cohort's board of totals across scenarios, by the one rule (``results.board.RULE``,
    the same rows as ``trainer leaderboard --cohort``): each trainee's best verified run per
    scenario, summed; ties share a rank and the total complete first is listed first. Runs whose
    integrity is not ``ok`` never count. Every trainee with a verified run is listed."""
    entries = [
        Entry(r.run_id, r.trainee, r.cohort, r.scenario_id, _overall(r), r.finished_at)
        for r in runs
        if r.integrity == OK
    ]
    best = best_runs(entries)
    return total_rows(totals(best), max(1, len(best)))


def _dimensions_of(runs: Iterable[ReportRun]) -> dict[str, list[int]]:
    values: dict[str, list[int]] = {dim: [] for dim in CHARTED}
    for run in runs:
        for dim in CHARTED:
            if run.scores.get(dim) is not None:
                values[dim].append(int(run.scores[dim]))
    return values


def weakest_dimension(runs: Iterable[ReportRun]) -> tuple[str, float] | None:
    """The dimension with the lowest average over the verified runs, and that average.

    Ties go to the dimension listed first in :data:`DIMENSIONS`; ``None`` without a verified run.
    """
    values = _dimensions_of(r for r in runs if r.integrity == OK)
    averages = [
        (statistics.fmean(values[dim]), i, dim) for i, dim in enumerate(DIMENSIONS) if values[dim]
    ]
    if not averages:
        return None
    average, _, dim = min(averages)
    return dim, average


def _quartiles(values: Sequence[float]) -> tuple[float, float]:
    if len(values) < 2:
        return float(values[0]), float(values[0])
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


# -- the view model ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attempt:
    number: int
    overall: int
    ok: bool


@dataclass(frozen=True)
class TraineeView:
    name: str
    runs: int
    flagged: int
    weakest: str | None  # dimension id
    weakest_name: str
    weakest_average: str
    principle: str
    attempts: tuple[Attempt, ...]
    sparkline: Markup
    change: str


@dataclass(frozen=True)
class DistributionRow:
    dimension: str
    name: str
    n: int
    median: str
    mean: str
    iqr: str


@dataclass(frozen=True)
class ScenarioView:
    scenario_id: str
    title: str
    average: float
    runs: int
    trainees: int
    flagged: int
    lowest_dimension: str


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _when(moment: datetime) -> str:
    text = moment.strftime("%Y-%m-%d %H:%M")
    if moment.tzinfo is not None:
        text += " " + (moment.strftime("%Z") or moment.strftime("%z"))
    return text


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else ("\u00b10" if value == 0 else f"\u2212{-value}")


def sparkline(attempts: Sequence[Attempt], width: int = 132, height: int = 30) -> Markup:
    """An inline SVG of the overall score by attempt: a line through the verified attempts,
    a dot on the last one, a red cross at the foot for each flagged attempt.

    Built from numbers only (no data text), so it is safe to mark up as is.
    """
    pad = 4
    n = len(attempts)

    def x(number: int) -> float:
        if n == 1:
            return width / 2
        return pad + (number - 1) * (width - 2 * pad) / (n - 1)

    def y(score: int) -> float:
        return pad + (100 - max(0, min(100, score))) * (height - 2 * pad) / 100

    parts = [
        f'<svg class="spark" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-hidden="true">',
        f'<line x1="{pad}" y1="{y(50):.1f}" x2="{width - pad}" y2="{y(50):.1f}" class="mid"/>',
    ]
    ok = [a for a in attempts if a.ok]
    if len(ok) > 1:
        points = " ".join(f"{x(a.number):.1f},{y(a.overall):.1f}" for a in ok)
        parts.append(f'<polyline points="{points}" class="line"/>')
    for a in ok:
        last = a is ok[-1]
        parts.append(
            f'<circle cx="{x(a.number):.1f}" cy="{y(a.overall):.1f}" '
            f'r="{2.6 if last else 1.6}" class="{"last" if last else "dot"}"/>'
        )
    for a in attempts:
        if not a.ok:
            cx, cy = x(a.number), height - pad
            parts.append(f'<path d="M{cx - 2.5:.1f},{cy - 2.5:.1f}l5,5m0,-5l-5,5" class="flag"/>')
    parts.append("</svg>")
    # The XML namespace is an identifier, not a fetched URL; drop it: inline SVG in HTML
    # needs none, and the document then holds no "http" at all.
    return Markup("".join(parts).replace(' xmlns="http://www.w3.org/2000/svg"', ""))


def _name_key(name: str) -> tuple[str, str]:
    """Alphabetical as a reader expects it: accents and case aside (Đặng beside Dubois)."""
    plain = unicodedata.normalize("NFKD", name.casefold().replace("\u0111", "d"))
    return ("".join(c for c in plain if not unicodedata.combining(c)), name)


def _trainee_views(runs: Sequence[ReportRun], locale: str) -> list[TraineeView]:
    by_trainee: dict[str, list[ReportRun]] = {}
    for run in sorted(runs, key=_order):
        by_trainee.setdefault(run.trainee, []).append(run)
    views = []
    for name in sorted(by_trainee, key=_name_key):
        own = by_trainee[name]
        attempts = tuple(Attempt(i + 1, _overall(r), r.integrity == OK) for i, r in enumerate(own))
        weakest = weakest_dimension(own)
        ok = [a.overall for a in attempts if a.ok]
        views.append(
            TraineeView(
                name=name,
                runs=len(own),
                flagged=sum(1 for a in attempts if not a.ok),
                weakest=weakest[0] if weakest else None,
                weakest_name=t("dim." + weakest[0], locale) if weakest else "",
                weakest_average=_fmt(weakest[1]) if weakest else "",
                principle=t("principle." + weakest[0], locale) if weakest else "",
                attempts=attempts,
                sparkline=sparkline(attempts),
                change=_signed(ok[-1] - ok[0]) if len(ok) > 1 else "",
            )
        )
    return views


def _distribution_rows(values: dict[str, list[int]], locale: str) -> list[DistributionRow]:
    rows = []
    for dim in CHARTED:
        data = values[dim]
        if not data:
            rows.append(DistributionRow(dim, t("dim." + dim, locale), 0, "", "", ""))
            continue
        low, high = _quartiles(data)
        rows.append(
            DistributionRow(
                dim,
                t("dim." + dim, locale),
                len(data),
                _fmt(statistics.median(data)),
                _fmt(statistics.fmean(data)),
                f"{low:.0f}\u2013{high:.0f}",
            )
        )
    return rows


def _scenario_views(runs: Sequence[ReportRun], locale: str) -> list[ScenarioView]:
    by_scenario: dict[str, list[ReportRun]] = {}
    for run in sorted(runs, key=_order):
        by_scenario.setdefault(run.scenario_id, []).append(run)
    views = []
    for scenario_id, own in by_scenario.items():
        ok = [r for r in own if r.integrity == OK]
        if not ok:
            continue
        weakest = weakest_dimension(ok)
        views.append(
            ScenarioView(
                scenario_id=scenario_id,
                title=ok[-1].scenario_title or scenario_id,
                average=statistics.fmean(_overall(r) for r in ok),
                runs=len(ok),
                trainees=len({r.trainee for r in ok}),
                flagged=len(own) - len(ok),
                lowest_dimension=(
                    f"{t('dim.' + weakest[0], locale)} ({_fmt(weakest[1])})" if weakest else ""
                ),
            )
        )
    views.sort(key=lambda v: (v.average, v.scenario_id))
    return views


def _progress_series(views: Sequence[TraineeView]) -> list[tuple[int, float, float, float, int]]:
    """Per attempt number: (attempt, mean, lower quartile, upper quartile, trainees)."""
    by_number: dict[int, list[int]] = {}
    for view in views:
        for a in view.attempts:
            if a.ok:
                by_number.setdefault(a.number, []).append(a.overall)
    series = []
    for number in sorted(by_number):
        data = by_number[number]
        low, high = _quartiles(data)
        series.append((number, statistics.fmean(data), low, high, len(data)))
    return series


# -- the charts ----------------------------------------------------------------------------------

INK = "#1f2933"
MUTED = "#6b7785"
ACCENT = "#2f6f9f"
WARM = "#c2571a"
GRID = "#dde3ea"


def _chart_text(text: str, limit: int = 30) -> str:
    """Data text as matplotlib shows it literally: no mathtext, no over-long labels."""
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    return text.replace("\\", "\\\\").replace("$", r"\$")


@cache
def _font_path() -> str:
    return str(bundled_assets() / FONT_FILE)


def _register_font() -> None:
    from matplotlib import font_manager

    path = _font_path()
    if not any(entry.fname == path for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)


class _Charts:
    """Draws each chart type on its own Figure and returns it as a data: URI."""

    def __init__(self) -> None:
        import matplotlib

        matplotlib.use("Agg")
        _register_font()
        from matplotlib.font_manager import FontProperties

        self._properties = FontProperties
        self._fonts: dict[float, FontProperties] = {}
        self.rc: dict[str, Any] = {
            "font.size": 9,
            "axes.edgecolor": GRID,
            "axes.labelcolor": INK,
            "xtick.color": MUTED,
            "ytick.color": MUTED,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }

    def _font(self, size: float) -> FontProperties:
        if size not in self._fonts:
            self._fonts[size] = self._properties(fname=_font_path(), size=size)
        return self._fonts[size]

    def _figure(self, width: float, height: float) -> Figure:
        from matplotlib.figure import Figure

        return Figure(figsize=(width, height), dpi=CHART_DPI, facecolor="white")

    def _style(self, ax: Any, size: float = 8) -> None:
        ax.grid(axis="both", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        for label in (*ax.get_xticklabels(), *ax.get_yticklabels()):
            label.set_fontproperties(self._font(size))

    def _uri(self, fig: Figure) -> str:
        import matplotlib

        buffer = io.BytesIO()
        with matplotlib.rc_context(self.rc):
            fig.savefig(buffer, format="png", dpi=CHART_DPI, metadata={"Software": None})
        fig.clear()
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")

    def distributions(self, values: dict[str, list[int]], locale: str) -> str:
        import matplotlib

        with matplotlib.rc_context(self.rc):
            fig = self._figure(10.5, 4.6)
            axes = fig.subplots(2, 3, sharex=True)
            bins = list(range(0, 101, 10))
            for ax, dim in zip(axes.flat, CHARTED, strict=True):
                data = values[dim]
                color = WARM if dim == "overall" else ACCENT
                if data:
                    ax.hist(data, bins=bins, color=color, edgecolor="white", linewidth=0.8)
                    ax.axvline(statistics.median(data), color=INK, linestyle="--", linewidth=1)
                else:
                    ax.text(
                        0.5,
                        0.5,
                        "\u2014",
                        ha="center",
                        va="center",
                        transform=ax.transAxes,
                        color=MUTED,
                    )
                ax.set_xlim(0, 100)
                ax.set_xticks(bins[::2])
                ax.yaxis.get_major_locator().set_params(integer=True)
                ax.set_title(
                    f"{_chart_text(t('dim.' + dim, locale))}  (n={len(data)})",
                    fontproperties=self._font(10),
                    color=INK,
                    loc="left",
                )
                self._style(ax)
            fig.tight_layout(pad=0.8, h_pad=1.2)
            return self._uri(fig)

    def leaderboard(self, board: Sequence[BoardRow]) -> str:
        import matplotlib

        top = list(board[:LEADERBOARD_CHART_ROWS])
        with matplotlib.rc_context(self.rc):
            fig = self._figure(10.5, 0.9 + 0.3 * len(top))
            ax = fig.subplots()
            positions = list(range(len(top)))
            ax.barh(positions, [e.overall for e in top], color=ACCENT, height=0.66)
            ax.set_yticks(positions, [f"{e.rank}. {_chart_text(e.trainee)}" for e in top])
            ax.invert_yaxis()
            peak = max(e.overall for e in top)
            for pos, entry in zip(positions, top, strict=True):
                ax.text(
                    entry.overall + peak * 0.01,
                    pos,
                    str(entry.overall),
                    va="center",
                    fontproperties=self._font(8),
                    color=INK,
                )
            ax.set_xlim(0, peak * 1.08)
            self._style(ax, 9)
            ax.grid(axis="y", visible=False)
            fig.tight_layout(pad=0.6)
            return self._uri(fig)

    def progress(self, series: Sequence[tuple[int, float, float, float, int]], locale: str) -> str:
        import matplotlib

        numbers = [s[0] for s in series]
        with matplotlib.rc_context(self.rc):
            fig = self._figure(10.5, 3.0)
            ax = fig.subplots()
            ax.fill_between(
                numbers,
                [s[2] for s in series],
                [s[3] for s in series],
                color=ACCENT,
                alpha=0.18,
                linewidth=0,
                label=_chart_text(_text("middle_half", locale), 40),
            )
            ax.plot(
                numbers,
                [s[1] for s in series],
                color=ACCENT,
                marker="o",
                markersize=4,
                linewidth=2,
                label=_chart_text(_text("cohort_mean", locale), 40),
            )
            for number, mean, _, _, count in series:
                ax.annotate(
                    f"n={count}",
                    (number, mean),
                    textcoords="offset points",
                    xytext=(0, 7),
                    ha="center",
                    fontproperties=self._font(7),
                    color=MUTED,
                )
            ax.set_ylim(0, 105)
            ax.set_xticks(numbers)
            ax.set_xlim(min(numbers) - 0.3, max(numbers) + 0.3)
            ax.set_xlabel(_chart_text(_text("attempt", locale)), fontproperties=self._font(9))
            ax.set_ylabel(_chart_text(t("dim.overall", locale)), fontproperties=self._font(9))
            legend = ax.legend(loc="lower right", frameon=False, prop=self._font(8))
            for text in legend.get_texts():
                text.set_color(INK)
            self._style(ax)
            fig.tight_layout(pad=0.6)
            return self._uri(fig)

    def hardest(self, scenarios: Sequence[ScenarioView]) -> str:
        import matplotlib

        shown = list(scenarios[:HARDEST_CHART_ROWS])
        with matplotlib.rc_context(self.rc):
            fig = self._figure(10.5, 0.9 + 0.3 * len(shown))
            ax = fig.subplots()
            positions = list(range(len(shown)))
            ax.barh(positions, [s.average for s in shown], color=WARM, height=0.66)
            ax.set_yticks(positions, [_chart_text(s.title, 40) for s in shown])
            ax.invert_yaxis()
            for pos, view in zip(positions, shown, strict=True):
                ax.text(
                    view.average + 1,
                    pos,
                    f"{view.average:.1f}  (n={view.runs})",
                    va="center",
                    fontproperties=self._font(8),
                    color=INK,
                )
            ax.set_xlim(0, 112)
            ax.set_xticks(range(0, 101, 20))
            self._style(ax, 9)
            ax.grid(axis="y", visible=False)
            fig.tight_layout(pad=0.6)
            return self._uri(fig)


# -- the document --------------------------------------------------------------------------------

CSS = """
:root { --ink: #1f2933; --muted: #5b6776; --rule: #d5dce4; --soft: #f3f6f9;
  --accent: #2f6f9f; --warn-bg: #fff4e5; --warn: #9a3c00; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.45; font-size: 15px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans", "Noto Sans SC", "Noto Sans CJK SC", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 28px 32px 40px; }
header { border-bottom: 3px solid var(--accent); padding-bottom: 12px; margin-bottom: 8px; }
h1 { font-size: 1.75rem; margin: 0 0 8px; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 32px 0 6px; padding-bottom: 4px;
  border-bottom: 1px solid var(--rule); break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1rem; margin: 18px 0 6px; }
.note { color: var(--muted); font-size: .9rem; margin: 4px 0 12px; max-width: 75ch; }
.facts { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 0; padding: 0; }
.facts div { margin: 0; }
.facts dt { font-size: .75rem; text-transform: uppercase; letter-spacing: .05em;
  color: var(--muted); }
.facts dd { margin: 0; font-size: 1.15rem; font-weight: 600; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: 8px 0 4px; }
thead { display: table-header-group; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--rule);
  vertical-align: top; }
th { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
  font-weight: 600; border-bottom: 2px solid var(--rule); }
tbody tr:nth-child(even) { background: var(--soft); }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.name { overflow-wrap: anywhere; font-weight: 600; min-width: 8em; }
td.principle { color: var(--muted); font-size: .82rem; }
table.trainees { table-layout: fixed; }
.c-name { width: 18%; } .c-weak { width: 15%; } .c-principle { width: 38%; }
.c-progress { width: 19%; } .c-change { width: 10%; }
td.when, td.mono { white-space: nowrap; font-variant-numeric: tabular-nums; }
.mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  font-size: .82rem; overflow-wrap: anywhere; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.chart { display: block; width: 100%; height: auto; margin: 8px 0; break-inside: avoid; }
.warning { background: var(--warn-bg); border-left: 5px solid var(--warn); padding: 10px 14px;
  margin: 16px 0; break-inside: avoid; }
.warning h2 { border: 0; margin: 0 0 4px; color: var(--warn); font-size: 1.1rem; }
.warning .note { color: #5c3a1a; }
.warning tbody tr:nth-child(even) { background: transparent; }
.badge { display: inline-block; font-size: .72rem; font-weight: 700; padding: 1px 6px;
  border-radius: 3px; background: var(--warn); color: #fff; letter-spacing: .03em; }
.empty { padding: 48px 0; text-align: center; }
.empty p { font-size: 1.1rem; color: var(--muted); max-width: 60ch; margin: 8px auto; }
.scores { font-size: .78rem; color: var(--muted); font-variant-numeric: tabular-nums;
  overflow-wrap: anywhere; }
.scores .flagged { color: var(--warn); font-weight: 700; }
.spark { display: block; max-width: 100%; height: auto; }
.spark .mid { stroke: var(--rule); stroke-width: 1; stroke-dasharray: 2 2; }
.spark .line { fill: none; stroke: var(--accent); stroke-width: 1.5; }
.spark .dot { fill: var(--accent); }
.spark .last { fill: var(--ink); }
.spark .flag { stroke: var(--warn); stroke-width: 1.4; fill: none; }
.summary { list-style: none; padding: 0; margin: 6px 0 12px; display: flex; flex-wrap: wrap;
  gap: 6px 10px; }
.summary li { background: var(--soft); border: 1px solid var(--rule); border-radius: 4px;
  padding: 3px 9px; font-size: .85rem; }
footer { margin-top: 36px; color: var(--muted); font-size: .8rem;
  border-top: 1px solid var(--rule); padding-top: 8px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 18pt; }
  table { font-size: 8.5pt; }
  th, td { padding: 3px 5px; }
  tbody tr:nth-child(even) { background: #f6f8fa; }
  .warning, .badge, tbody tr, .summary li { -webkit-print-color-adjust: exact;
    print-color-adjust: exact; }
}
"""

TEMPLATE = """\
<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Service Recovery Trainer">
<title>{{ w.title }}</title>
<style>{{ css }}</style>
</head>
<body>
<main>
<header>
<h1>{{ w.title }}</h1>
<dl class="facts">
<div><dt>{{ w.cohort }}</dt><dd>{{ cohort|name }}</dd></div>
<div><dt>{{ w.generated }}</dt><dd>{{ generated }}</dd></div>
<div><dt>{{ w.trainees }}</dt><dd id="trainee-count">{{ trainee_count }}</dd></div>
<div><dt>{{ w.runs }}</dt><dd id="run-count">{{ run_count }}</dd></div>
{% if flagged_runs %}<div><dt>{{ w.flagged }}</dt><dd>{{ flagged_runs | length }}</dd></div>
{% endif %}
</dl>
</header>
{% if not run_count %}
<section class="empty" id="no-runs">
<h2>{{ w.no_runs }}</h2>
<p>{{ w.no_runs_detail }}</p>
</section>
{% else %}
{% if flagged_runs %}
<section class="warning" id="mismatch" role="alert">
<h2>&#9888; {{ w.mismatch }}</h2>
<p class="note">{{ w.mismatch_note }}</p>
<table>
<thead><tr><th>{{ w.run }}</th><th>{{ w.trainee }}</th><th>{{ w.scenario }}</th>
<th>{{ w.finished }}</th><th class="num">{{ w.stored_overall }}</th>
<th>{{ w.integrity }}</th></tr></thead>
<tbody>
{% for r in flagged_runs %}
<tr class="flagged-run"><td class="mono">{{ r.run_id }}</td>
<td class="name">{{ r.trainee|name }}</td>
<td>{{ r.scenario_title|name(80) }}</td><td class="when">{{ when(r.finished_at) }}</td>
<td class="num">{{ r.scores.get("overall", "") }}</td>
<td><span class="badge">{{ r.integrity }}</span></td></tr>
{% endfor %}
</tbody>
</table>
</section>
{% endif %}

<section id="leaderboard">
<div class="keep">
<h2>{{ w.leaderboard }}</h2>
<p class="note">{{ w.leaderboard_note }}</p>
{% if board %}
<img class="chart" id="chart-leaderboard" alt="{{ w.chart_leaderboard }}"
 src="{{ charts.leaderboard }}">
</div>
<table>
<thead><tr><th class="num">{{ w.rank }}</th><th>{{ w.trainee }}</th>
<th class="num">{{ w.total }}</th><th class="num">{{ w.scenarios }}</th>
<th>{{ w.complete }}</th></tr></thead>
<tbody>
{% for e in board %}
<tr class="board-row"><td class="num">{{ e.rank }}</td><td class="name">{{ e.trainee|name }}</td>
<td class="num">{{ e.overall }}</td><td class="num">{{ e.scenarios }}</td>
<td class="when">{{ when(e.finished_at) }}</td></tr>
{% endfor %}
</tbody>
</table>
{% else %}
<p>{{ w.no_ranked }}</p>
</div>
{% endif %}
</section>

<section id="distributions">
<div class="keep">
<h2>{{ w.distributions }}</h2>
<p class="note">{{ w.distributions_note }}</p>
{% if charts.distributions %}
<img class="chart" id="chart-distributions" alt="{{ w.distributions }}"
 src="{{ charts.distributions }}">
</div>
<table>
<thead><tr><th>{{ w.dimension }}</th><th class="num">{{ w.n_runs }}</th>
<th class="num">{{ w.median }}</th><th class="num">{{ w.mean }}</th>
<th class="num">{{ w.iqr }}</th></tr></thead>
<tbody>
{% for d in distribution %}
<tr><td>{{ d.name }}</td><td class="num">{{ d.n }}</td><td class="num">{{ d.median }}</td>
<td class="num">{{ d.mean }}</td><td class="num">{{ d.iqr }}</td></tr>
{% endfor %}
</tbody>
</table>
{% else %}
<p>{{ w.no_data }}</p>
</div>
{% endif %}
</section>

<section id="trainees">
<div class="keep">
<h2>{{ w.trainees_section }}</h2>
<p class="note">{{ w.trainees_note }}</p>
{% if weakest_summary %}
<h3>{{ w.weakest_summary }}</h3>
<ul class="summary">
{% for name, count in weakest_summary %}<li>{{ name }}: {{ count }}</li>
{% endfor %}
</ul>
{% endif %}
{% if charts.progress %}
<img class="chart" id="chart-progress" alt="{{ w.chart_progress }}" src="{{ charts.progress }}">
{% endif %}
</div>
<table class="trainees">
<colgroup><col class="c-name"><col class="c-weak"><col class="c-principle"><col class="c-progress">
<col class="c-change"></colgroup>
<thead><tr><th>{{ w.trainee }}</th><th>{{ w.weakest }}</th><th>{{ w.principle }}</th>
<th>{{ w.progress }}</th><th class="num">{{ w.change }}</th></tr></thead>
<tbody>
{% for v in trainees %}
<tr class="trainee-row"{% if v.weakest %} data-weakest="{{ v.weakest }}"{% endif %}>
<td class="name">{{ v.name|name }}</td>
<td>{% if v.weakest %}<strong>{{ v.weakest_name }}</strong> ({{ v.weakest_average }})
{%- else %}<span class="badge">{{ w.only_flagged }}</span>{% endif %}</td>
<td class="principle">{{ v.principle }}</td>
<td>{{ v.sparkline }}<div class="scores">
{%- for a in v.attempts %}{% if not loop.first %} &middot; {% endif %}
{%- if a.ok %}{{ a.overall }}{% else %}<span class="flagged">&#9888;</span>{% endif %}
{%- endfor %}</div></td>
<td class="num">{{ v.change }}</td></tr>
{% endfor %}
</tbody>
</table>
</section>

<section id="hardest">
<div class="keep">
<h2>{{ w.hardest }}</h2>
<p class="note">{{ w.hardest_note }}</p>
{% if scenarios %}
<img class="chart" id="chart-hardest" alt="{{ w.chart_hardest }}" src="{{ charts.hardest }}">
</div>
<table>
<thead><tr><th>{{ w.scenario }}</th><th class="num">{{ w.average_overall }}</th>
<th class="num">{{ w.n_runs }}</th><th class="num">{{ w.trainees }}</th>
<th>{{ w.lowest_dimension }}</th></tr></thead>
<tbody>
{% for s in scenarios %}
<tr class="scenario-row">
<td>{{ s.title|name(80) }} <span class="mono">{{ s.scenario_id }}</span></td>
<td class="num">{{ "%.1f" | format(s.average) }}</td><td class="num">{{ s.runs }}</td>
<td class="num">{{ s.trainees }}</td><td>{{ s.lowest_dimension }}</td></tr>
{% endfor %}
</tbody>
</table>
{% else %}
<p>{{ w.no_data }}</p>
</div>
{% endif %}
</section>
{% endif %}
<footer>{{ w.footer }}</footer>
</main>
</body>
</html>
"""


@cache
def _template() -> Any:
    env = Environment(
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["name"] = shown_name
    return env.from_string(TEMPLATE)


#: the widest a name is shown in the report (the full name is its tooltip, up to TOOLTIP)
NAME = 40
TOOLTIP = 300


def shown_name(value: object, limit: int = NAME) -> Markup:
    """A name (or any text from users) as the report shows it: isolated in ``<bdi>`` so a
    right-to-left name cannot reorder the text around it, its control and bidirectional
    characters made visible (``\\u202e``), and shortened to ``limit`` characters with the full
    name as a tooltip."""
    text = str(value)
    short = visible(text, limit)
    whole = visible(text)
    title = f' title="{escape(visible(text, TOOLTIP))}"' if short != whole else ""
    return Markup(f"<bdi{title}>{escape(short)}</bdi>")


class _Words:
    """The report's words in one locale, as ``w.key`` in the template."""

    def __init__(self, locale: str, cohort: str) -> None:
        self._locale = locale
        self.title = _text("title", locale, cohort=visible(cohort, NAME))

    def __getattr__(self, key: str) -> str:
        if key.startswith("_") or key not in ENGLISH:
            raise AttributeError(key)
        return _text(key, self._locale)


def render_report(
    cohort: str, runs: Sequence[ReportRun], *, generated_at: datetime, locale: str = "en"
) -> str:
    """The whole HTML document for ``cohort``, from its runs.

    ``runs`` are taken as given (the caller selects the cohort's runs). The output depends only
    on the arguments: the same runs give the same bytes.
    """
    locale = normalise(locale)
    runs = sorted(runs, key=_order)
    ok = [r for r in runs if r.integrity == OK]
    flagged = [r for r in runs if r.integrity != OK]
    board = leaderboard(runs)
    values = _dimensions_of(ok)
    trainees = _trainee_views(runs, locale)
    scenarios = _scenario_views(runs, locale)
    summary_counts: dict[str, int] = {}
    for view in trainees:
        if view.weakest:
            summary_counts[view.weakest] = summary_counts.get(view.weakest, 0) + 1
    weakest_summary = [
        (t("dim." + dim, locale), _text("n_trainees", locale, count=count))
        for dim, count in sorted(
            summary_counts.items(), key=lambda item: (-item[1], DIMENSIONS.index(item[0]))
        )
    ]
    charts: dict[str, str] = {}
    if ok:
        with warnings.catch_warnings():
            # A character the bundled font lacks (an emoji in a name) is drawn as a box.
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
            drawer = _Charts()
            charts["distributions"] = drawer.distributions(values, locale)
            charts["leaderboard"] = drawer.leaderboard(board)
            charts["progress"] = drawer.progress(_progress_series(trainees), locale)
            charts["hardest"] = drawer.hardest(scenarios)
    else:
        charts = {"distributions": "", "leaderboard": "", "progress": "", "hardest": ""}
    return str(
        _template().render(
            lang=locale,
            css=Markup(CSS),
            w=_Words(locale, cohort),
            cohort=cohort,
            generated=_when(generated_at),
            trainee_count=len({r.trainee for r in runs}),
            run_count=len(runs),
            flagged_runs=flagged,
            board=board,
            distribution=_distribution_rows(values, locale),
            trainees=trainees,
            weakest_summary=weakest_summary,
            scenarios=scenarios,
            charts=charts,
            when=_when,
        )
    )
