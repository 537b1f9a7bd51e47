"""Scenes driven by intents, asserting the transitions they return; the engine is reached only
through its public calls (the same as a headless run)."""

from __future__ import annotations

import pygame
import pytest
from helpers import bundled_by_id
from uihelpers import drive, make_ctx, show
from variants import model_decisions

from trainer.application.play import finish
from trainer.engine import Choose, Engine, Offer
from trainer.ui import scenes
from trainer.ui.intents import Intent
from trainer.ui.scene import Pop, Push, Quit, Replace, SceneStack
from trainer.ui.scenes.briefing import BriefingScene
from trainer.ui.scenes.debrief import DebriefScene
from trainer.ui.scenes.encounter import EncounterScene
from trainer.ui.scenes.leaderboard import LeaderboardScene
from trainer.ui.scenes.picker import PickerScene
from trainer.ui.scenes.settings import SettingsScene
from trainer.ui.scenes.signin import SignInScene
from trainer.ui.scenes.title import TitleScene

SIZE = (1280, 720)


def stack_with(scene) -> SceneStack:  # type: ignore[no-untyped-def]
    stack = SceneStack(lambda target: scenes.build(scene.ctx, target))
    stack.apply(Push(scene), SIZE)
    return stack


def test_title_start_goes_to_sign_in_then_picker_once_signed_in() -> None:
    ctx = make_ctx()
    title = TitleScene(ctx)
    title.layout(SIZE)
    result = title.handle(Intent("select", 0))
    assert isinstance(result, Push) and result.scene.name == "signin"
    ctx.trainee = "Ana"
    result = title.handle(Intent("confirm"))
    assert isinstance(result, Push) and result.scene.name == "picker"
    assert isinstance(title.handle(Intent("back")), Quit)


def test_title_language_cycles_and_retranslates() -> None:
    ctx = make_ctx()
    title = TitleScene(ctx)
    title.layout(SIZE)
    before = title.label("start")
    title.handle(Intent("select", 1))
    assert ctx.lang == "zh-Hans"
    assert title.label("start") != before


def test_title_mouse_click_activates_the_button_under_the_pointer() -> None:
    ctx = make_ctx()
    title = TitleScene(ctx)
    title.layout(SIZE)
    quit_rect = title.focus.items[-1].rect
    assert isinstance(title.handle(Intent("click", pos=quit_rect.center)), Quit)


def test_sign_in_requires_a_name_and_takes_real_text() -> None:
    ctx = make_ctx()
    stack = stack_with(SignInScene(ctx))
    scene = stack.top
    assert scene.typing
    drive(stack, Intent("focus-cohort-not-an-intent"))
    scene.focus.focus("continue")
    assert drive(stack, Intent("confirm")) == [None]
    assert scene.error
    scene.focus.focus("name")
    drive(
        stack,
        Intent("text", "Nguyễn Thị "),
        Intent("text", "Lan"),
        Intent("text", "x"),
        Intent("erase"),
        Intent("confirm"),
    )
    assert scene.values["name"] == "Nguyễn Thị Lan"
    assert scene.focus.focused_key == "cohort"
    drive(stack, Intent("text", "2026-11"))
    result = drive(stack, Intent("confirm"))[0]
    assert isinstance(result, Replace) and result.scene.name == "picker"
    assert (ctx.trainee, ctx.cohort) == ("Nguyễn Thị Lan", "2026-11")


def test_number_keys_are_text_while_typing() -> None:
    ctx = make_ctx()
    scene = SignInScene(ctx)
    scene.layout(SIZE)
    assert scene.handle(Intent("select", 0)) is None
    assert scene.values["name"] == ""


def test_picker_filters_and_opens_a_briefing() -> None:
    ctx = make_ctx()
    ctx.trainee = "Ana"
    picker = PickerScene(ctx)
    stack = stack_with(picker)
    everything = len(picker.shown())
    drive(stack, Intent("right"))
    assert picker.difficulty == 1 and 0 < len(picker.shown()) < everything
    assert all(s.difficulty == 1 for s in picker.shown())
    drive(stack, Intent("left"))
    assert picker.difficulty is None
    drive(stack, Intent("next"))
    assert picker.industry is not None
    assert all(s.industry == picker.industry for s in picker.shown())
    picker.select_scenario("bank-double-charge")
    result = picker.handle(Intent("confirm"))
    assert isinstance(result, Push) and result.scene.name == "briefing"
    assert result.scene.args["scenario"].id == "bank-double-charge"  # type: ignore[union-attr]


def test_picker_shows_the_trainees_best_score() -> None:
    ctx = make_ctx()
    ctx.trainee = "Ana"
    scenario = bundled_by_id("bank-double-charge")
    encounter = play_model(ctx, scenario)
    best = ctx.results.best_scores("Ana")
    assert best == {scenario.id: encounter.played.result.scores["overall"]}


def test_briefing_begins_the_encounter_and_scrolls() -> None:
    ctx = make_ctx(text_scale=2.0)
    scene = BriefingScene(ctx, bundled_by_id("hospital-frightened-parent"))
    scene.layout((1024, 600))
    assert scene.max_scroll > 0  # at 200% text the briefing is longer than the panel
    scene.handle(Intent("down"))
    assert scene.scroll > 0
    result = scene.handle(Intent("confirm"))
    assert isinstance(result, Replace) and result.scene.name == "encounter"


def play_model(ctx, scenario, size=SIZE) -> EncounterScene:  # type: ignore[no-untyped-def]
    """Play a scenario's model script through the encounter scene, by intents and clock."""
    scene = EncounterScene(ctx, scenario, seed=7)
    stack = stack_with(scene)
    for action, after in model_decisions(scenario):
        while scene.phase != "choosing":
            stack.apply(scene.update(0.25), size)
        frames = 0
        while scene.elapsed + 1 / 60 <= after:
            transition = scene.update(1 / 60)
            assert transition is None
            frames += 1
        scene.elapsed = after
        beat = scene.beat
        assert beat is not None
        if isinstance(action, Choose):
            index = [c.id for c in beat.choices].index(action.choice)
            transitions = drive(stack, Intent("select", index), size=size)
        else:
            assert isinstance(action, Offer)
            ids = [r.id for r in scene.menu_remedies()]
            transitions = drive(
                stack,
                *(Intent("select", ids.index(r)) for r in action.remedies),
                Intent("confirm"),
                size=size,
            )
        assert all(t is None for t in transitions)
    result = drive(stack, Intent("confirm"), size=size)[0]
    assert isinstance(result, Replace) and result.scene.name == "debrief"
    return scene


@pytest.mark.parametrize(
    "scenario_id", ["hotel-overbooked-late-arrival", "telecom-billing-dispute"]
)
def test_the_window_scores_exactly_as_a_headless_run(scenario_id: str) -> None:
    ctx = make_ctx()
    ctx.trainee = "Ana"
    scenario = bundled_by_id(scenario_id)
    scene = play_model(ctx, scenario)
    headless = finish(Engine(scenario).play(model_decisions(scenario), seed=7))
    assert scene.played is not None
    assert scene.played.result.scores == headless.result.scores
    assert scene.decisions == model_decisions(scenario)
    [record] = ctx.results.records  # type: ignore[attr-defined]
    assert record.trainee == "Ana" and record.scores == headless.result.scores
    assert [d["beat"] for d in record.decisions] == [t.beat for t in headless.run.turns]


def test_timeouts_fire_in_real_time_as_in_a_headless_run() -> None:
    ctx = make_ctx()
    scenario = bundled_by_id("fast-food-cold-burger")
    scene = EncounterScene(ctx, scenario, seed=1)
    scene.layout(SIZE)
    patience = scene.engine.patience(scene.state)
    start_anger = scene.state.anger
    for _ in range(int((patience + 0.5) * 60)):
        scene.update(1 / 60)
    assert scene.state.timeouts >= 1 or scene.state.beat != scenario.start
    assert scene.state.anger > start_anger
    assert scene.flash  # the customer says something about the wait


def test_the_menu_ticks_remedies_and_shows_the_budget() -> None:
    ctx = make_ctx()
    scenario = bundled_by_id("hotel-overbooked-late-arrival")
    scene = EncounterScene(ctx, scenario, seed=1)
    stack = stack_with(scene)
    decisions = model_decisions(scenario)
    for action, after in decisions:
        if isinstance(action, Offer):
            break
        scene.elapsed = after
        beat = scene.beat
        assert beat is not None
        drive(stack, Intent("select", [c.id for c in beat.choices].index(action.choice)))
        while scene.phase != "choosing":
            scene.update(0.5)
    assert scene.beat is not None and scene.beat.menu
    offer_item = scene.focus.items[-1]
    assert offer_item.key == "offer" and not offer_item.enabled
    expensive = max(scenario.remedies, key=lambda r: r.cost)
    index = [r.id for r in scene.menu_remedies()].index(expensive.id)
    drive(stack, Intent("select", index))
    assert scene.selected == [expensive.id]
    assert scene.spent() == expensive.cost > scenario.authority.budget
    drive(stack, Intent("select", index))
    assert scene.selected == []
    assert drive(stack, Intent("confirm")) == [None]  # nothing ticked: nothing offered
    assert scene.phase == "choosing"


def test_back_from_the_encounter_pops() -> None:
    ctx = make_ctx()
    scene = EncounterScene(ctx, bundled_by_id("bank-double-charge"))
    scene.layout(SIZE)
    assert isinstance(scene.handle(Intent("back")), Pop)


def test_debrief_buttons() -> None:
    ctx = make_ctx()
    ctx.trainee = "Ana"
    scenario = bundled_by_id("bank-double-charge")
    played = finish(Engine(scenario).play(model_decisions(scenario)))
    scene = DebriefScene(ctx, scenario, played)
    scene.layout(SIZE)
    again = scene.handle(Intent("select", 0))
    assert isinstance(again, Replace) and again.scene.args["scenario"] is scenario  # type: ignore
    nxt = scene.handle(Intent("select", 1))
    assert isinstance(nxt, Replace) and nxt.scene.args["scenario"] is not scenario  # type: ignore
    board = scene.handle(Intent("select", 2))
    assert isinstance(board, Push) and board.scene.name == "leaderboard"
    assert isinstance(scene.handle(Intent("select", 3)), Pop)


def test_settings_change_and_apply() -> None:
    ctx = make_ctx()
    scene = SettingsScene(ctx)
    scene.layout(SIZE)
    scene.handle(Intent("select", 0))
    assert ctx.settings.text_scale == 1.25
    scene.handle(Intent("left"))
    assert ctx.settings.text_scale == 1.0
    scene.handle(Intent("select", 1))
    assert ctx.settings.high_contrast
    scene.handle(Intent("select", 2))
    assert ctx.settings.reduced_motion
    assert isinstance(scene.handle(Intent("select", 5)), Pop)


def test_leaderboard_ranks_best_run_per_trainee() -> None:
    ctx = make_ctx()
    scenario = bundled_by_id("bank-double-charge")
    for name in ("Ana", "Bo", "Ana"):
        ctx.trainee = name
        play_model(ctx, scenario)
    rows = ctx.results.leaderboard(scenario=scenario.id)
    assert [r.trainee for r in rows] == ["Ana", "Bo"]  # tie: the earlier run first
    scene = LeaderboardScene(ctx, scenario.id)
    surface = show(scene)
    assert surface.get_at((10, 10)) is not None


def test_every_screen_draws_in_every_language_and_theme() -> None:
    for lang in ("en", "zh-Hans", "zh-Hant", "vi"):
        for contrast in (False, True):
            ctx = make_ctx(lang=lang, high_contrast=contrast)
            ctx.trainee = "Ana"
            scenario = bundled_by_id("fast-food-cold-burger")
            played = finish(Engine(scenario).play(model_decisions(scenario)), lang)
            for scene in (
                TitleScene(ctx),
                SignInScene(ctx),
                PickerScene(ctx),
                BriefingScene(ctx, scenario),
                EncounterScene(ctx, scenario),
                DebriefScene(ctx, scenario, played),
                LeaderboardScene(ctx),
                SettingsScene(ctx),
            ):
                scene.enter()
                surface = show(scene)
                samples = [
                    surface.get_at((x, y))[:3] for x in range(0, 1280, 8) for y in range(0, 720, 8)
                ]
                background = max(set(samples), key=samples.count)
                drawn = sum(1 for c in samples if c != background) / len(samples)
                assert drawn > 0.02, (lang, contrast, scene.name)


def test_input_translation_is_in_one_place() -> None:
    from trainer.ui.intents import translate

    key = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_3, mod=0)
    assert translate(key) == [Intent("select", 2)]
    assert translate(key, typing=True) == []
    enter = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0)
    assert translate(enter) == [Intent("confirm")]
    click = pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(5, 6))
    assert translate(click) == [Intent("click", pos=(5, 6))]
    typed = pygame.event.Event(pygame.TEXTINPUT, text="越")
    assert translate(typed, typing=True) == [Intent("text", "越")]
