"""``trainer stats``: words per language, beats, paths, the longest path, playing time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import bundled_by_id, dump, load_text, minimal

from trainer.application.authoring.stats import count_paths, seconds, stats, words
from trainer.cli import main
from trainer.scenario.model import Scenario


def build(data: dict) -> Scenario:  # type: ignore[type-arg]
    scenario, diags = load_text(dump(data))
    assert scenario is not None, [str(d) for d in diags]
    return scenario


@pytest.mark.parametrize(
    "text, count",
    [
        ("Hello, world!", 2),
        ("I don't know - it's late.", 5),
        ("你好，世界", 4),
        ("Xin chào bạn", 3),
        ("", 0),
        ("Room 12 at 10:30", 5),
    ],
)
def test_words(text: str, count: int) -> None:
    assert words(text) == count


def test_paths_and_the_longest() -> None:
    scenario = build(minimal())
    counted = count_paths(scenario)
    # complaint (2 choices) x ask (2) x the menu (1) x close (2)
    assert counted.paths == 8 and not counted.more
    assert counted.longest == ("complaint", "ask", "offer", "close")
    data = minimal()
    data["beats"]["close"]["choices"][1]["next"] = "ask"
    looped = count_paths(build(data))
    assert looped.more and looped.paths == 4


def test_the_figures_of_a_scenario() -> None:
    scenario = bundled_by_id("hotel-noisy-room")
    st = stats(scenario)
    assert st.beats == 9 and st.menus == 1 and st.timeouts == 1 and st.unreachable == ()
    assert st.choices["offer"] == len(scenario.remedies) and st.choices["arrival"] == 4
    assert [c.locale for c in st.locales] == ["en", "zh-Hans"]
    assert all(c.words > 500 and c.missing == 0 and c.placeholders == 0 for c in st.locales)
    assert st.best[0] == "arrival" and len(st.paths.longest) >= len(st.best)
    assert 60 < st.seconds_best <= st.seconds_longest < 600


def test_more_words_take_longer() -> None:
    short = build(minimal())
    data = minimal()
    data["beats"]["complaint"]["say"] = "This latte is cold. " * 20
    longer = build(data)
    route = ("complaint", "ask", "offer", "close")
    assert seconds(longer, route, "en") > seconds(short, route, "en")


def test_missing_texts_are_counted() -> None:
    data = minimal(locales=["en", "vi"])
    data["title"] = {"en": "Cold coffee", "vi": "Cà phê nguội"}
    st = stats(build(data))
    vi = st.locales[1]
    assert vi.words == 3 and vi.texts == 1 and vi.missing > 10


def test_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "cafe-cold-latte", "--dir", str(tmp_path), "--locales", "en,vi"]) == 0
    capsys.readouterr()
    assert main(["stats", str(tmp_path), "hotel-noisy-room"]) == 0
    out = capsys.readouterr().out
    assert "cafe-cold-latte v1" in out and "vi 0 words (23 placeholder(s))" in out
    assert "hotel-noisy-room v1" in out and "zh-Hans" in out and "characters" in out
    assert main(["stats", "hotel-noisy-room", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc[0]["id"] == "hotel-noisy-room" and doc[0]["paths"]["count"] > 100
    assert set(doc[0]["words"]) == {"en", "zh-Hans"}
    assert main(["stats", "no-such-thing"]) == 1
