"""The trainer review screen: unlock with the passphrase, list runs, replay one, take a note."""

from __future__ import annotations

import sys
from pathlib import Path

import pygame
from uihelpers import make_ctx, show

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))
from storehelpers import bank, hotel, record  # noqa: E402

from trainer.application.bootstrap import review_port  # noqa: E402
from trainer.store import Store  # noqa: E402
from trainer.ui import scenes  # noqa: E402
from trainer.ui.intents import Intent  # noqa: E402
from trainer.ui.scene import Push  # noqa: E402
from trainer.ui.scenes.review import ReviewScene  # noqa: E402

PASS = "correct horse battery"


def test_review_unlocks_lists_replays_and_takes_a_note(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    store.set_passphrase(PASS)
    store.create_cohort(PASS, "nov", "November")
    first = record(bank(), "Ana", 0, "nov")
    store.save(first, bank())
    store.save(record(hotel(), "Bo", 1, "nov"), hotel())
    ctx = make_ctx()
    ctx.results = store
    ctx.review = lambda: review_port(store)
    scene = ReviewScene(ctx)
    scene.enter()
    scene.layout((1280, 720))
    assert scene.typing and not scene.unlocked
    scene.handle(Intent("text", "wrong guess"))
    scene.handle(Intent("confirm"))
    assert not scene.unlocked and "wrong trainer passphrase" in scene.error
    scene.passphrase = ""
    scene.handle(Intent("text", PASS))
    scene.handle(Intent("confirm"))
    assert scene.unlocked and len(scene.rows) == 2
    show(scene)
    scene.handle(Intent("right"))
    assert scene.cohorts[scene.cohort_index] == "nov" and len(scene.rows) == 2
    index = [r.run_id for r in scene.rows].index(first.run_id)
    result = scene.handle(Intent("select", index))
    assert isinstance(result, Push) and result.scene.name == "replay"
    replay = scenes.build(ctx, result.scene)
    replay.layout((1280, 720))
    assert first.trainee in "".join(b.text for b in replay.doc.blocks)
    surface = show(replay)
    assert surface.get_size() == (1280, 720)
    for ch in "Ask before offering.":
        replay.handle(Intent("text", ch))
    replay.handle(Intent("confirm"))
    assert store.notes(first.run_id)[0]["text"] == "Ask before offering."
    assert replay.note == "" and replay.message


def test_review_without_a_store_says_so() -> None:
    ctx = make_ctx()
    scene = ReviewScene(ctx)
    scene.enter()
    surface = show(scene)
    assert scene.error and isinstance(surface, pygame.Surface)


def test_a_run_played_in_the_window_is_saved_to_the_store_and_verifies(tmp_path: Path) -> None:
    from helpers import bundled_by_id
    from uihelpers import play_model

    store = Store(f"sqlite:///{tmp_path / 'game.db'}")
    ctx = make_ctx()
    ctx.results = store
    ctx.review = lambda: review_port(store)
    ctx.trainee = "Lan"
    scenario = bundled_by_id("fast-food-cold-burger")
    scene = play_model(ctx, scenario)
    [stored] = store.runs(trainee="Lan")
    assert stored.integrity == "ok"
    assert stored.record.scores == scene.played.result.scores  # type: ignore[union-attr]
    assert store.best_scores("Lan") == {scenario.id: stored.record.scores["overall"]}
    assert [r.trainee for r in store.leaderboard(scenario=scenario.id)] == ["Lan"]
