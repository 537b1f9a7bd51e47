"""The format's limits: a file at each limit is valid, one past it is refused with a located
message."""

from __future__ import annotations

import pytest
from helpers import dump, load_text, minimal
from hostile import corpus

from trainer.scenario import limits


def errors(text: str) -> list[str]:
    scenario, diags = load_text(text)
    found = [f"{d.line}:{d.col}: {d.message}" for d in diags if d.is_error]
    assert (scenario is None) == bool(found)
    return found


def test_a_chain_at_the_beat_limit_is_valid_and_one_more_is_refused() -> None:
    assert errors(corpus.chain(limits.MAX_BEATS)) == []
    found = errors(corpus.chain(limits.MAX_BEATS + 1))
    assert len(found) == 1
    assert found[0].startswith("28:3: ") and "201 beats" in found[0] and "at most 200" in found[0]


def test_choices_at_the_limit_are_valid_and_one_more_is_refused() -> None:
    assert errors(corpus.wide(3, limits.MAX_CHOICES)) == []
    found = errors(corpus.wide(3, limits.MAX_CHOICES + 1))
    assert len(found) == 3  # one per beat, each at its choices list
    assert all("13 choices in beat 'b" in f and "at most 12" in f for f in found)


def test_remedies_at_the_limit_are_valid_and_one_more_is_refused() -> None:
    assert errors(corpus.menu(limits.MAX_REMEDIES)) == []
    found = errors(corpus.menu(limits.MAX_REMEDIES + 1))
    assert len(found) == 1 and "17 remedies" in found[0] and found[0].startswith("24:3: ")


@pytest.mark.parametrize("length,ok", [(limits.MAX_ID, True), (limits.MAX_ID + 1, False)])
def test_id_length(length: int, ok: bool) -> None:
    data = minimal()
    data["id"] = "a" * length
    found = errors(dump(data))
    assert (found == []) == ok
    if not ok:
        assert f"is {length} characters long; ids are at most 64" in found[0]


@pytest.mark.parametrize(
    "locales,message",
    [
        (["en", "es"], "locale 'es' is not supported; the game shows en, zh-Hans, zh-Hant, vi"),
        (["en", "zh-CN"], "write zh-Hans"),
        (["en", "EN-gb"], "write en"),
    ],
)
def test_locales_the_game_cannot_show_are_errors(locales: list[str], message: str) -> None:
    data = minimal()
    data["locales"] = locales
    found = errors(dump(data))
    assert len(found) == 1 and message in found[0]


def test_a_text_in_a_locale_the_game_cannot_show_is_an_error() -> None:
    data = minimal()
    data["title"] = {"en": "Cold coffee", "fr": "Café froid"}
    found = errors(dump(data))
    assert len(found) == 1 and "title: locale 'fr' is not supported" in found[0]


def test_the_documented_limits_are_the_enforced_ones() -> None:
    from helpers import ROOT

    reference = (ROOT / "docs" / "scenario-format.md").read_text("utf-8")
    rows = [f"| {what} | {limit} |" for what, limit in limits.TABLE]
    table = "\n".join(["| what | limit |", "| --- | --- |", *rows])
    assert table in reference
