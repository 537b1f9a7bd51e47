"""``trainer stats``: how big a scenario is and how long it plays: words per language, beats,
paths, the longest path, an estimate of the playing time, choices per beat, the persona."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ...scenario.model import END, Scenario, Text
from ...scenario.skeleton import is_placeholder
from ...scoring.search import explore
from .graph import reachable

#: reading speeds: words a second (a Latin-script language), characters a second (Chinese)
WORDS_PER_SECOND = 3.5  # about 210 words a minute, for short conversational lines
CJK_PER_SECOND = 6.0
REACTION_SECONDS = 2.4  # the window shows the customer's answer this long
MAX_PATHS = 100_000  # counting stops here (loops make the count endless)

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)


def words(text: str) -> int:
    """Words in ``text``; each Chinese or Japanese character counts as one."""
    cjk = len(_CJK.findall(text))
    rest = _CJK.sub(" ", text)
    return cjk + len(_WORD.findall(rest))


def _is_cjk(locale: str) -> bool:
    return locale.split("-")[0] in ("zh", "ja")


def texts(scenario: Scenario) -> Iterator[Text]:
    yield scenario.title
    yield scenario.failure.summary
    for remedy in scenario.remedies:
        yield remedy.label
    for beat in scenario.beats.values():
        yield beat.say
        for choice in beat.choices:
            yield choice.text
            if choice.reply is not None:
                yield choice.reply
            if choice.feedback is not None:
                yield choice.feedback


@dataclass(frozen=True)
class LocaleCount:
    locale: str
    words: int
    texts: int  # texts written in this language
    placeholders: int  # of which still [xx] placeholders
    missing: int  # texts that fall back to another language


@dataclass(frozen=True)
class PathCount:
    paths: int  # complete paths from the start to the end (each choice a step)
    more: bool  # loops: there are more (the count stopped)
    longest: tuple[str, ...]  # the longest path without a loop, beat by beat


@dataclass(frozen=True)
class Stats:
    scenario: Scenario
    locales: tuple[LocaleCount, ...]
    beats: int
    menus: int
    timeouts: int
    unreachable: tuple[str, ...]
    choices: dict[str, int]  # choices per beat (a menu counts its remedies)
    paths: PathCount
    best: tuple[str, ...]
    seconds_best: float
    seconds_longest: float
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def choices_per_beat(self) -> tuple[int, float, int]:
        values = list(self.choices.values()) or [0]
        return min(values), sum(values) / len(values), max(values)


def count_locales(scenario: Scenario) -> tuple[LocaleCount, ...]:
    out = []
    all_texts = list(texts(scenario))
    for locale in scenario.locales:
        total = written = placeholders = 0
        for text in all_texts:
            value = text.values.get(locale)
            if value is None:
                continue
            written += 1
            if is_placeholder(locale, value):
                placeholders += 1
                continue
            total += words(value)
        out.append(LocaleCount(locale, total, written, placeholders, len(all_texts) - written))
    return tuple(out)


def count_paths(scenario: Scenario) -> PathCount:
    """Paths from the start to the end, each choice (or menu, or timeout) one step; a beat is
    visited at most once on a path (a loop would make the count endless)."""
    count = 0
    longest: tuple[str, ...] = ()
    more = False
    stack: list[tuple[str, tuple[str, ...]]] = [(scenario.start, (scenario.start,))]
    while stack:
        beat_id, route = stack.pop()
        beat = scenario.beats[beat_id]
        steps = [c.next for c in beat.choices]
        if beat.menu and beat.next:
            steps.append(beat.next)
        if beat.on_timeout:
            steps.append(beat.on_timeout)
        for target in steps:
            if target == END:
                count += 1
                if len(route) > len(longest):
                    longest = route
            elif target in route:
                more = True
            else:
                stack.append((target, route + (target,)))
            if count >= MAX_PATHS:
                return PathCount(count, True, longest)
    return PathCount(count, more, longest)


def seconds(scenario: Scenario, route: tuple[str, ...], locale: str) -> float:
    """Reading the customer's words and every option, deciding, and watching the reaction, at
    each beat of ``route``."""
    per = CJK_PER_SECOND if _is_cjk(locale) else WORDS_PER_SECOND
    total = 0.0
    for beat_id in route:
        beat = scenario.beats[beat_id]
        shown = [beat.say.get(locale)]
        if beat.menu:
            shown += [r.label.get(locale) for r in scenario.remedies]
        else:
            shown += [c.text.get(locale) for c in beat.choices]
        total += sum(words(t) for t in shown) / per + REACTION_SECONDS
    return total


def stats(scenario: Scenario, locale: str | None = None) -> Stats:
    loc = locale or scenario.fallback
    live = reachable(scenario)
    found = explore(scenario)
    best_path = found.principled or found.best
    best = best_path.beats if best_path else ()
    paths = count_paths(scenario)
    return Stats(
        scenario=scenario,
        locales=count_locales(scenario),
        beats=len(scenario.beats),
        menus=sum(1 for b in scenario.beats.values() if b.menu),
        timeouts=sum(1 for b in scenario.beats.values() if b.on_timeout),
        unreachable=tuple(b for b in scenario.beats if b not in live),
        choices={
            b.id: (len(scenario.remedies) if b.menu else len(b.choices))
            for b in scenario.beats.values()
        },
        paths=paths,
        best=best,
        seconds_best=seconds(scenario, best, loc),
        seconds_longest=seconds(scenario, paths.longest, loc),
    )


def _duration(value: float) -> str:
    minutes, secs = divmod(int(round(value)), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def to_text(st: Stats) -> str:
    s = st.scenario
    persona = s.persona
    lo, avg, hi = st.choices_per_beat
    lines = [
        f"{s.id} v{s.version}: {s.title.get(s.fallback)}",
        f"  persona      {persona.id} ({persona.archetype}; patience {persona.patience_s:g} s, "
        f"temper {persona.temper:g}, forgiveness {persona.forgiveness:g})",
        f"  beats        {st.beats} ({st.menus} menu, {st.timeouts} with a timeout"
        + (f", unreachable: {', '.join(st.unreachable)}" if st.unreachable else "")
        + ")",
        f"  choices      {lo}..{hi} per beat, {avg:.1f} on average (a menu counts its remedies)",
        f"  remedies     {len(s.remedies)}",
        f"  paths        {st.paths.paths}{'+ (loops make more)' if st.paths.more else ''} "
        "from start to end",
        f"  best path    {len(st.best)} decisions: {' > '.join(st.best)}",
        f"  longest path {len(st.paths.longest)} decisions: {' > '.join(st.paths.longest)}",
        f"  play time    about {_duration(st.seconds_best)} on the best path, "
        f"{_duration(st.seconds_longest)} on the longest (reading, deciding, reactions; "
        "add the briefing and the debrief)",
        "  words        "
        + "; ".join(
            f"{c.locale} {c.words} {'characters' if _is_cjk(c.locale) else 'words'}"
            + (f" ({c.placeholders} placeholder(s))" if c.placeholders else "")
            + (f" ({c.missing} text(s) missing)" if c.missing else "")
            for c in st.locales
        ),
    ]
    return "\n".join(lines) + "\n"


def to_json(st: Stats) -> dict[str, Any]:
    s = st.scenario
    lo, avg, hi = st.choices_per_beat
    return {
        "id": s.id,
        "version": s.version,
        "persona": {
            "id": s.persona.id,
            "archetype": s.persona.archetype,
            "patience_s": s.persona.patience_s,
        },
        "beats": st.beats,
        "menus": st.menus,
        "timeouts": st.timeouts,
        "unreachable": list(st.unreachable),
        "remedies": len(s.remedies),
        "choices_per_beat": {"min": lo, "mean": round(avg, 2), "max": hi, "by_beat": st.choices},
        "paths": {"count": st.paths.paths, "more": st.paths.more},
        "best_path": list(st.best),
        "longest_path": list(st.paths.longest),
        "seconds": {"best_path": round(st.seconds_best), "longest_path": round(st.seconds_longest)},
        "words": {
            c.locale: {
                "words": c.words,
                "texts": c.texts,
                "placeholders": c.placeholders,
                "missing": c.missing,
            }
            for c in st.locales
        },
    }
