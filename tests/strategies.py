"""Hypothesis strategies: random valid scenarios (as YAML text) and random scripts."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from trainer.scenario.model import (
    APOLOGY_TAGS,
    BOUNDARY,
    FOLLOW_UP,
    LISTEN,
    LOSSES,
    NEEDS,
)

PERSONAS = [
    "reasonable",
    "impatient",
    "silent",
    "never-satisfied",
    "abusive",
    "opportunist",
    "anxious",
]
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.!?éàü的了", min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)


@st.composite
def remedy(draw: st.DrawFn, index: int) -> dict[str, Any]:
    r: dict[str, Any] = {
        "id": f"r{index}",
        "label": {"en": f"remedy {index}"},
        "cost": draw(st.integers(0, 500)),
        "minutes": draw(st.integers(0, 60)),
        "restores": draw(st.lists(st.sampled_from(LOSSES), unique=True, max_size=3)),
    }
    if draw(st.booleans()):
        r["value"] = draw(st.integers(0, 800))
    for flag in ("fixes", "delayed", "owed", "escalate"):
        if draw(st.integers(0, 4)) == 0:
            r[flag] = True
    return r


@st.composite
def choice(
    draw: st.DrawFn, cid: str, targets: list[str], remedy_ids: list[str], forced_next: str | None
) -> dict[str, Any]:
    c: dict[str, Any] = {
        "id": cid,
        "text": draw(words),
        "next": forced_next or draw(st.sampled_from(targets)),
    }
    if draw(st.booleans()):
        c["apology"] = draw(st.lists(st.sampled_from(APOLOGY_TAGS), unique=True, max_size=4))
    if draw(st.booleans()):
        c["listen"] = draw(st.sampled_from(LISTEN))
        c["reveals"] = draw(st.lists(st.sampled_from(NEEDS), unique=True, max_size=2))
    for flag in ("empathy", "verify", "inform", "escalate", "proactive"):
        if draw(st.integers(0, 4)) == 0:
            c[flag] = True
    if remedy_ids and draw(st.integers(0, 5)) == 0:
        c["offer"] = draw(
            st.lists(st.sampled_from(remedy_ids), unique=True, min_size=1, max_size=2)
        )
    if draw(st.integers(0, 3)) == 0:
        c["boundary"] = draw(st.sampled_from(BOUNDARY))
    if draw(st.booleans()):
        c["follow_up"] = draw(st.lists(st.sampled_from(FOLLOW_UP), unique=True, max_size=4))
    if draw(st.booleans()):
        c["minutes"] = draw(st.integers(0, 30))
    return c


def _frame(draw: st.DrawFn, remedies: list[dict[str, Any]]) -> dict[str, Any]:
    """Everything of a scenario but its beats."""
    return {
        "format": 1,
        "id": "generated",
        "version": 1,
        "title": "Generated",
        "industry": "test",
        "difficulty": draw(st.integers(1, 5)),
        "failure": {
            "summary": "Something failed.",
            "severity": draw(st.integers(1, 5)),
            "value": draw(st.integers(1, 1000)),
            "losses": draw(st.lists(st.sampled_from(LOSSES), unique=True, min_size=1, max_size=3)),
            "fault": draw(st.sampled_from(["ours", "external", "customer", "shared"])),
            "visible": draw(st.booleans()),
        },
        "authority": {
            "budget": draw(st.integers(0, 600)),
            "currency": "EUR",
            "manager": draw(st.booleans()),
        },
        "timing": {
            "decide_s": draw(st.integers(2, 30)),
            "acknowledge_min": draw(st.integers(1, 10)),
            "resolve_min": draw(st.integers(2, 60)),
        },
        "customer": {
            "persona": draw(st.sampled_from(PERSONAS)),
            "name": "Pat",
            "needs": draw(st.lists(st.sampled_from(NEEDS), unique=True, max_size=3)),
        },
        "remedies": remedies,
    }


@st.composite
def scenario_dict(draw: st.DrawFn) -> dict[str, Any]:
    n_beats = draw(st.integers(1, 7))
    beat_ids = [f"b{i}" for i in range(n_beats)]
    remedies = [draw(remedy(i)) for i in range(draw(st.integers(1, 5)))]
    remedy_ids = [r["id"] for r in remedies]
    targets = beat_ids + ["end"]
    beats: dict[str, Any] = {}
    for i, bid in enumerate(beat_ids):
        chain = beat_ids[i + 1] if i + 1 < n_beats else "end"  # guarantees a path to end
        beat: dict[str, Any] = {"say": draw(words)}
        if draw(st.integers(0, 3)) == 0:
            beat["menu"] = True
            beat["next"] = chain
        else:
            n = draw(st.integers(1, 4))
            beat["choices"] = [
                draw(choice(f"c{j}", targets, remedy_ids, chain if j == 0 else None))
                for j in range(n)
            ]
        if draw(st.integers(0, 3)) == 0:
            beat["abuse"] = draw(st.sampled_from(["insult", "threat"]))
        if draw(st.integers(0, 2)) == 0:
            beat["patience_s"] = draw(st.integers(2, 40))
            if draw(st.booleans()):
                beat["on_timeout"] = draw(st.sampled_from(targets))
        beats[bid] = beat
    data = _frame(draw, remedies)
    data["start"] = "b0"
    data["beats"] = beats
    return data


script_moves = st.lists(
    st.tuples(st.integers(0, 1000), st.floats(0, 90, allow_nan=False)), min_size=0, max_size=25
)


@st.composite
def recovery_dict(draw: st.DrawFn) -> dict[str, Any]:
    """A generated recovery: one to three choice beats, a remedy menu, one or two choice beats
    after it, each choice with random tags (so every principle test has a path with a menu)."""
    remedies = [draw(remedy(i)) for i in range(draw(st.integers(1, 5)))]
    data = _frame(draw, remedies)
    remedy_ids = [r["id"] for r in remedies]
    before = draw(st.integers(1, 3))
    after = draw(st.integers(1, 2))
    names = [f"s{i}" for i in range(before)] + ["menu"] + [f"t{i}" for i in range(after)]
    beats: dict[str, Any] = {}
    for i, bid in enumerate(names):
        nxt = names[i + 1] if i + 1 < len(names) else "end"
        beat: dict[str, Any] = {"say": "..."}
        if bid == "menu":
            beat.update(menu=True, next=nxt)
        else:
            n = draw(st.integers(2, 4))
            beat["choices"] = [draw(choice(f"c{j}", [nxt], remedy_ids, nxt)) for j in range(n)]
        if draw(st.integers(0, 4)) == 0:
            beat["abuse"] = draw(st.sampled_from(["insult", "threat"]))
        beats[bid] = beat
    data["beats"] = beats
    data["start"] = names[0]
    return data
