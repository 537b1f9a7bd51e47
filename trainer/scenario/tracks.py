"""Orientation tracks: an ordered list of scenarios a new hire plays through, with a title in
every language the game speaks ("Day 1: front line basics").

A track file (``scenarios/tracks/<id>.yaml``)::

    format: 1
    id: day-1-front-line
    title:
      en: "Day 1: front line basics"
      zh-Hans: "第一天：一线服务基础"
      zh-Hant: "第一天：一線服務基礎"
      vi: "Ngày 1: Những điều cơ bản ở tuyến đầu"
    scenarios: [fast-food-cold-burger, bank-double-charge]

Pure: a YNode tree in, a :class:`Track` (or located diagnostics) out; which scenario ids exist
is an argument.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .diagnostics import Collector, did_you_mean
from .model import Text
from .reader import Reader
from .yamlsafe import YNode

TRACK_KEYS = ("format", "id", "title", "scenarios")
#: the languages of the game: a track's title should exist in each
TRACK_LOCALES = ("en", "zh-Hans", "zh-Hant", "vi")


@dataclass(frozen=True)
class Track:
    id: str
    title: Text
    scenarios: tuple[str, ...]
    source: str = ""


def read_track(root: YNode, out: Collector, known: Collection[str] | None = None) -> Track | None:
    """Read a track file. ``known``: the scenario ids that exist (None: not checked).

    Errors: a missing or unknown key, a format other than 1, a bad id, an empty or repeated
    scenario, a scenario id that does not exist. Warnings: a title missing one of the game's
    languages (players in it see the English title)."""
    r = Reader(out)
    fields = r.mapping(root, "the track file")
    if fields is None:
        return None
    before = len(out.errors)
    r.keys(fields, root, "the track file", TRACK_KEYS, ())

    def get(name: str) -> YNode | None:
        item = fields.get(name)
        return item[1] if item else None

    if (node := get("format")) is not None:
        fmt = r.integer(node, "format")
        if fmt is not None and fmt != 1:
            r.error(node, f"format {fmt} is not supported; this version reads track format 1")
    track_id = r.slug(node, "track id") if (node := get("id")) is not None else None
    title = None
    if (node := get("title")) is not None:
        title = r.text(node, "title", "en")
        if title is not None:
            missing = [loc for loc in TRACK_LOCALES if loc not in title.locales()]
            if "en" in missing:
                r.error(node, "title has no English (en) text; write one: it is the fallback")
            elif missing:
                out.warning(
                    node.line,
                    node.col,
                    f"title has no {', '.join(missing)} text; players in "
                    f"{'that language' if len(missing) == 1 else 'those languages'} "
                    "see the English title",
                )
    scenarios: list[str] = []
    if (node := get("scenarios")) is not None:
        items = r.sequence(node, "scenarios")
        if items is not None and not items:
            r.error(node, "scenarios is empty; list the scenario ids of the track, in order")
        for item in items or []:
            scenario_id = r.slug(item, "scenario id")
            if scenario_id is None:
                continue
            if scenario_id in scenarios:
                r.error(item, f"scenario '{scenario_id}' is listed twice; a track plays each once")
                continue
            if known is not None and scenario_id not in known:
                r.error(
                    item,
                    f"there is no scenario '{scenario_id}'{did_you_mean(scenario_id, known)}; "
                    "'trainer list' shows the ids",
                )
                continue
            scenarios.append(scenario_id)
    if len(out.errors) > before or track_id is None or title is None or not scenarios:
        return None
    return Track(track_id, title, tuple(scenarios), out.file)
