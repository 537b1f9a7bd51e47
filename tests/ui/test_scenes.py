"""Scenes driven by intents, asserting the transitions they return; the engine is reached only
through its public calls (the same as a headless run)."""

from __future__ import annotations

import pygame
import pytest
from helpers import bundled_by_id
from uihelpers import SIZE, drive, make_ctx, past_guard, play_model, show, stack_with
from variants import model_decisions

from trainer.application.play import finish
from trainer.engine import Choose, Engine, Offer
from trainer.ui.intents import Intent
from trainer.ui.scene import Pop, Push, Quit, Replace
from trainer.ui.scenes.base import BACK
from trainer.ui.scenes.briefing import BriefingScene
from trainer.ui.scenes.debrief import DebriefScene
from trainer.ui.scenes.encounter import EncounterScene, reading_seconds, split_narration
from trainer.ui.scenes.leaderboard import LeaderboardScene
from trainer.ui.scenes.picker import PickerScene
from trainer.ui.scenes.settings import SettingsScene
from trainer.ui.scenes.signin import SignInScene
from trainer.ui.scenes.title import TitleScene


def click(scene, key: str) -> Intent:  # type: ignore[no-untyped-def]
    item = scene.focus.item(key)
    assert item is not None and item.rect.width, (scene.name, key)
    return Intent("click", pos=item.rect.center)


# -- title and sign-in ------------------------------------------------------------------------


def test_title_start_goes_to_sign_in_then_picker_once_signed_in() -> None:
    ctx = make_ctx()
    title = TitleScene(ctx)
    title.layout(SIZE)
    result = title.handle(Intent("select", 0))
    assert isinstance(result, Push) and result.scene.name == "signin"
    ctx.sign_in("Ana", None, None)
    title.layout(SIZE)
    result = title.handle(Intent("confirm"))
    assert isinstance(result, Push) and result.scene.name == "picker"


def test_esc_on_the_title_asks_before_quitting() -> None:
    ctx = make_ctx()
    stack = stack_with(TitleScene(ctx))
    drive(stack, Intent("back"))
    assert stack.top.name == "dialog" and stack.quit_code is None
    drive(stack, Intent("back"))  # Esc again: the safe answer, stay
    assert stack.top.name == "title" and stack.quit_code is None
    drive(stack, Intent("back"))
    dialog = stack.top
    drive(stack, click(dialog, "quit"))
    assert stack.quit_code == 0


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
    assert isinstance(title.handle(click(title, "quit")), Quit)


def test_signed_in_as_with_a_way_to_change_it() -> None:
    ctx = make_ctx()
    ctx.results.cohorts["HK-0325"] = "Hong Kong, March"  # type: ignore[attr-defined]
    ctx.sign_in("Ana", "HK-0325", "Hong Kong, March")
    title = TitleScene(ctx)
    stack = stack_with(title)
    assert "Ana" in title.who and "Hong Kong, March" in title.who
    drive(stack, click(title, "change"))
    signin = stack.top
    assert isinstance(signin, SignInScene) and signin.values["name"] == "Ana"
    signin.focus.focus("name")
    drive(stack, *[Intent("erase")] * 3, Intent("text", "Bo"))
    drive(stack, click(signin, "continue"))
    assert stack.top is title and ctx.trainee == "Bo" and ctx.cohort == "HK-0325"


def test_sign_in_requires_a_name_and_takes_real_text() -> None:
    ctx = make_ctx()
    stack = stack_with(SignInScene(ctx))
    scene = stack.top
    assert scene.typing
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
    result = drive(stack, Intent("confirm"))[0]
    assert isinstance(result, Replace) and result.scene.name == "picker"
    assert (ctx.trainee, ctx.cohort) == ("Nguyễn Thị Lan", None)


def test_the_cohort_code_is_checked_at_sign_in_whatever_its_case() -> None:
    ctx = make_ctx()
    ctx.results.cohorts["HK-0325"] = "Hong Kong, March intake"  # type: ignore[attr-defined]
    stack = stack_with(SignInScene(ctx))
    scene = stack.top
    drive(stack, Intent("text", "Ana"), Intent("next"), Intent("text", "hk-0326"))
    assert drive(stack, Intent("confirm")) == [None]  # an unknown code stops here, not later
    assert "hk-0326" in scene.error and not ctx.trainee
    drive(stack, Intent("erase"), Intent("text", "5"))
    scene.update(1.0)  # typed, then a pause: the code is looked up
    words, tone = scene.status()
    assert tone == "good" and "Hong Kong, March intake" in words
    result = drive(stack, Intent("confirm"))[0]
    assert isinstance(result, Replace) and result.scene.name == "picker"
    assert (ctx.cohort, ctx.cohort_name) == ("HK-0325", "Hong Kong, March intake")


def test_without_a_database_the_code_is_kept_and_said_to_be_unchecked() -> None:
    ctx = make_ctx()  # memory results, no cohorts: nothing to check against
    stack = stack_with(SignInScene(ctx))
    scene = stack.top
    drive(stack, Intent("text", "Ana"), Intent("next"), Intent("text", "nov"))
    result = drive(stack, Intent("confirm"))[0]
    assert isinstance(result, Replace) and ctx.cohort == "nov"
    assert "cannot be checked" in scene.status()[0]


def test_number_keys_are_text_while_typing() -> None:
    ctx = make_ctx()
    scene = SignInScene(ctx)
    scene.layout(SIZE)
    assert scene.handle(Intent("select", 0)) is None
    assert scene.values["name"] == ""


# -- picker ------------------------------------------------------------------------------------


def signed_in(**settings: object):  # type: ignore[no-untyped-def]
    ctx = make_ctx(**settings)
    ctx.sign_in("Ana", None, None)
    return ctx


def test_picker_filters_by_key_and_by_both_halves_of_a_chip() -> None:
    ctx = signed_in()
    picker = PickerScene(ctx)
    stack = stack_with(picker)
    everything = len(picker.shown())
    picker.focus.focus("difficulty")
    drive(stack, Intent("right"))
    assert picker.difficulty == 1 and 0 < len(picker.shown()) < everything
    drive(stack, Intent("left"))
    assert picker.difficulty is None
    chip = picker.focus.item("difficulty").rect
    drive(stack, Intent("click", pos=(chip.left + 5, chip.centery)))  # the ◀ half goes back
    assert picker.difficulty == 5
    drive(stack, Intent("click", pos=(chip.right - 5, chip.centery)))  # the ▶ half, forward
    assert picker.difficulty is None
    industry = picker.focus.item("industry").rect
    drive(stack, Intent("click", pos=(industry.right - 5, industry.centery)))
    assert picker.industry is not None
    assert all(s.industry == picker.industry for s in picker.shown())


def test_picker_filters_reset_and_an_empty_result_offers_the_reset() -> None:
    ctx = signed_in()
    picker = PickerScene(ctx)
    stack = stack_with(picker)
    picker.difficulty = 5
    picker.industry = "fast food"
    picker.layout(SIZE)
    assert picker.shown() == [] and picker.focus.item("reset-empty") is not None
    drive(stack, click(picker, "reset-empty"))
    assert picker.difficulty is None and picker.industry is None
    assert len(picker.shown()) == len(ctx.scenarios)


def test_tab_moves_the_focus_in_reading_order_not_a_filter() -> None:
    ctx = signed_in()
    picker = PickerScene(ctx)
    stack = stack_with(picker)
    picker.focus.focus(BACK)
    seen = []
    for _ in range(len(picker.focus.items)):
        seen.append(picker.focus.focused)
        drive(stack, Intent("next"))
    assert picker.difficulty is None and picker.industry is None
    keys = [i.key for i in seen]
    assert keys[:5] == [BACK, "change", "progress", "difficulty", "industry"]
    # Cards come in reading order: each one lower than, or right of, the one before.
    cards = [i for i in seen if i.key in {s.id for s in ctx.scenarios}]
    picker.scroller.offset = 0
    tops = [next(b.rect for b in picker.blocks if b.key == i.key) for i in cards]
    assert all((a.top, a.left) < (b.top, b.left) for a, b in zip(tops, tops[1:], strict=False))


def test_picker_shows_best_and_last_score_and_recommends_what_to_practise() -> None:
    ctx = signed_in()
    scenario = bundled_by_id("bank-double-charge")
    play_model(ctx, scenario)
    ctx.reload_history()
    picker = PickerScene(ctx)
    stack_with(picker)
    overall = ctx.results.records[0].scores["overall"]  # type: ignore[attr-defined]
    assert picker.stats[scenario.id].best == picker.stats[scenario.id].last == overall
    assert str(overall) in picker.scores(scenario)
    kinds = {s.kind for s in picker.suggested}
    assert "track" in kinds or "weakest" in kinds
    first = picker.focus.focused_key
    assert first is not None and first.startswith("rec:")
    result = picker.handle(Intent("confirm"))
    assert isinstance(result, Push) and result.scene.name == "briefing"


def test_selecting_a_scenario_opens_that_one_not_the_recommended_one() -> None:
    ctx = signed_in()
    picker = PickerScene(ctx)
    stack_with(picker)
    assert picker.focus.focused_key.startswith("rec:")  # type: ignore[union-attr]
    picker.select_scenario("telecom-billing-dispute")
    result = picker.handle(Intent("confirm"))
    assert isinstance(result, Push)
    assert result.scene.args["scenario"].id == "telecom-billing-dispute"  # type: ignore


def test_picker_shows_scores_loading_while_the_store_is_read() -> None:
    from concurrent.futures import Future

    ctx = signed_in()
    pending: Future[list[object]] = Future()
    ctx.jobs.submit = lambda fn, *args: pending  # type: ignore[method-assign]
    ctx.reload_history()
    picker = PickerScene(ctx)
    stack_with(picker)
    scenario = ctx.scenarios[0]
    assert picker.scores(scenario) == ctx.t("ui.picker.scores_loading")
    assert picker.wake_in() is not None  # it looks again shortly
    pending.set_result([])
    picker.update(0.1)
    assert picker.scores(scenario) == ctx.t("ui.picker.not_played")


def test_a_run_still_saving_joins_the_picker_when_it_lands() -> None:
    from concurrent.futures import Future

    ctx = signed_in()
    immediate = ctx.jobs.submit
    held: list[tuple[Future[object], object]] = []

    def submit(fn, *args):  # type: ignore[no-untyped-def]
        if getattr(fn, "__name__", "") != "save":
            return immediate(fn, *args)
        future: Future[object] = Future()
        held.append((future, fn))
        return future

    ctx.jobs.submit = submit  # type: ignore[method-assign]
    scenario = bundled_by_id("bank-double-charge")
    play_model(ctx, scenario)  # the debrief shows; the save has not landed
    picker = PickerScene(ctx)  # the trainee went straight back to the scenarios
    stack_with(picker)
    assert picker.scores(scenario) == ctx.t("ui.picker.not_played")
    assert picker.wake_in() is not None  # it keeps looking
    future, save = held[0]
    future.set_result(save())  # type: ignore[operator]
    picker.update(0.1)
    picker.update(0.1)
    overall = ctx.results.records[0].scores["overall"]  # type: ignore[attr-defined]
    assert str(overall) in picker.scores(scenario)


def test_a_mouse_reaches_every_screen_from_the_picker_and_back() -> None:
    ctx = signed_in()
    title = TitleScene(ctx)
    stack = stack_with(title)
    drive(stack, click(title, "start"))
    picker = stack.top
    assert picker.name == "picker"
    drive(stack, click(picker, "progress"))
    assert stack.top.name == "progress"
    drive(stack, click(stack.top, BACK))
    assert stack.top is picker
    drive(stack, click(picker, BACK))
    assert stack.top is title
    for key in ("settings", "leaderboard", "review"):
        drive(stack, click(title, key))
        assert stack.top.name == key
        drive(stack, click(stack.top, BACK))
        assert stack.top is title, key


def test_every_screen_has_a_visible_back_button_inside_the_window() -> None:
    from trainer.ui.scenes.progress import ProgressScene

    ctx = signed_in()
    scenario = bundled_by_id("bank-double-charge")
    for scene in (
        SignInScene(ctx),
        PickerScene(ctx),
        ProgressScene(ctx),
        BriefingScene(ctx, scenario),
        LeaderboardScene(ctx),
        SettingsScene(ctx),
    ):
        for size in ((1024, 600), (1920, 1080)):
            scene.layout(size)
            back = scene.focus.item(BACK)
            assert back is not None and back.rect.width > 0, scene.name
            assert pygame.Rect(0, 0, *size).contains(back.rect), scene.name
        assert isinstance(scene.handle(Intent("click", pos=back.rect.center)), Pop), scene.name


def test_footer_hints_are_buttons_too() -> None:
    ctx = signed_in()
    scene = SettingsScene(ctx)
    scene.layout(SIZE)
    rect = next(r for r, hint in scene.hint_rects if hint.keys == "Esc")
    assert isinstance(scene.handle(Intent("click", pos=rect.center)), Pop)


# -- briefing ----------------------------------------------------------------------------------


def test_briefing_begins_the_encounter_and_scrolls_to_its_last_line() -> None:
    ctx = make_ctx(text_scale=2.0)
    scene = BriefingScene(ctx, bundled_by_id("hospital-frightened-parent"))
    scene.layout((1024, 600))
    assert scene.max_scroll > 0  # at 200% text the briefing is longer than the panel
    assert scene.view.scroller.view.height + scene.max_scroll >= scene.view.doc.height
    scene.handle(Intent("down"))
    assert scene.scroll > 0
    scene.handle(Intent("end"))
    assert scene.scroll == scene.max_scroll
    result = scene.handle(Intent("confirm"))
    assert isinstance(result, Replace) and result.scene.name == "encounter"


def test_the_briefing_says_how_much_time_there_is_to_answer() -> None:
    for answer, key in (("double", "ui.briefing.time_more"), ("off", "ui.briefing.time_off")):
        ctx = make_ctx(answer_time=answer)
        scene = BriefingScene(ctx, bundled_by_id("bank-double-charge"))
        scene.layout(SIZE)
        words = [b.text for b in scene.view.doc.blocks]
        assert any(ctx.t(key, factor="2") == w for w in words), answer
    ctx = make_ctx(text_scale=1.5)
    scene = BriefingScene(ctx, bundled_by_id("bank-double-charge"))
    scene.layout(SIZE)
    assert ctx.t("ui.briefing.time_tip") in [b.text for b in scene.view.doc.blocks]


# -- encounter ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "scenario_id", ["hotel-overbooked-late-arrival", "telecom-billing-dispute"]
)
def test_the_window_scores_exactly_as_a_headless_run(scenario_id: str) -> None:
    ctx = signed_in()
    scenario = bundled_by_id(scenario_id)
    scene = play_model(ctx, scenario)
    headless = finish(Engine(scenario).play(model_decisions(scenario), seed=7))
    assert scene.played is not None
    assert scene.played.result.scores == headless.result.scores
    assert scene.decisions == model_decisions(scenario)
    [record] = ctx.results.records  # type: ignore[attr-defined]
    assert record.trainee == "Ana" and record.scores == headless.result.scores
    assert record.time_factor == 1.0
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
    assert scene.flash in scene.announcements()  # and self-voicing reads it


def test_more_answer_time_stretches_patience_and_is_recorded() -> None:
    scenario = bundled_by_id("fast-food-cold-burger")
    normal = EncounterScene(make_ctx(), scenario, seed=1)
    double = EncounterScene(make_ctx(answer_time="double"), scenario, seed=1)
    unlimited = EncounterScene(make_ctx(answer_time="off"), scenario, seed=1)
    assert double.engine.patience(double.state) == 2 * normal.engine.patience(normal.state)
    for scene in (normal, double, unlimited):
        scene.layout(SIZE)
        for _ in range(int(normal.engine.patience(normal.state) * 1.5 * 10)):
            scene.update(0.1)
    assert normal.state.timeouts >= 1 and double.state.timeouts == 0
    assert unlimited.state.timeouts == 0
    ctx = signed_in(answer_time="double")
    play_model(ctx, scenario)
    [record] = ctx.results.records  # type: ignore[attr-defined]
    assert record.time_factor == 2.0


def test_slow_answers_with_twice_the_time_reach_the_debrief() -> None:
    ctx = signed_in(answer_time="double")
    scenario = bundled_by_id("fast-food-cold-burger")
    scene = EncounterScene(ctx, scenario, seed=7)
    stack = stack_with(scene)
    normal = Engine(scenario).patience(scene.state)
    result = None
    for action, _ in model_decisions(scenario):
        past_guard(scene)
        while scene.elapsed < normal * 1.5:  # past the normal patience, within twice it
            assert scene.update(0.25) is None
        assert scene.state.timeouts == 0
        if isinstance(action, Choose):
            index = [c.id for c in scene.shown_choices()].index(action.choice)
            drive(stack, Intent("select", index))
        else:
            ids = [r.id for r in scene.shown_remedies()]
            drive(stack, *(Intent("select", ids.index(r)) for r in action.remedies))
            drive(stack, Intent("confirm"))
        past_guard(scene)
        result = drive(stack, Intent("confirm"))[0]
    assert isinstance(result, Replace) and result.scene.name == "debrief"
    [record] = ctx.results.records  # type: ignore[attr-defined]
    assert record.time_factor == 2.0
    assert all(d["after"] >= normal * 1.5 for d in record.decisions)


def test_the_menu_ticks_remedies_and_shows_the_budget() -> None:
    ctx = make_ctx()
    scenario = bundled_by_id("hotel-overbooked-late-arrival")
    scene = EncounterScene(ctx, scenario, seed=1)
    stack = stack_with(scene)
    for action, after in model_decisions(scenario):
        if isinstance(action, Offer):
            break
        scene.elapsed = after
        past_guard(scene)
        ids = [c.id for c in scene.shown_choices()]
        drive(stack, Intent("select", ids.index(action.choice)))  # type: ignore[union-attr]
        past_guard(scene)
        drive(stack, Intent("confirm"))
    past_guard(scene)
    assert scene.beat is not None and scene.beat.menu
    offer_item = scene.focus.item("offer")
    assert offer_item is not None and not offer_item.enabled
    expensive = max(scenario.remedies, key=lambda r: r.cost)
    index = [r.id for r in scene.shown_remedies()].index(expensive.id)
    drive(stack, Intent("select", index))
    assert scene.selected == [expensive.id]
    assert scene.spent() == expensive.cost > scenario.authority.budget
    drive(stack, Intent("select", index))
    assert scene.selected == []
    assert drive(stack, Intent("confirm")) == [None]  # nothing ticked: nothing offered
    assert scene.phase == "choosing"


def test_every_remedy_can_be_reached_and_read_in_full() -> None:
    ctx = make_ctx(text_scale=2.0)
    scenario = bundled_by_id("hotel-overbooked-late-arrival")
    scene = EncounterScene(ctx, scenario, seed=1)
    scene.layout((1024, 600))
    for action, after in model_decisions(scenario)[:2]:
        scene.elapsed = after
        scene.decide(action)
        scene.end_reaction()
    past_guard(scene)
    assert scene.scroller.active  # not everything fits at 200%: it scrolls, visibly
    for remedy in scene.shown_remedies():
        scene.focus.focus(remedy.id)
        scene.show_focused()
        item = scene.focus.item(remedy.id)
        piece = next(p for p in scene.scrolled if p.key == remedy.id)
        view = scene.scroller.view
        assert piece.rect is not None and piece.rect.top >= view.top, remedy.id
        assert piece.rect.bottom <= view.bottom or piece.height > view.height, remedy.id
        assert item is not None and item.rect.height > 0


def test_esc_pauses_the_clock_and_asks_before_leaving() -> None:
    ctx = signed_in()
    scene = EncounterScene(ctx, bundled_by_id("bank-double-charge"))
    stack = stack_with(scene)
    scene.update(1.0)
    elapsed = scene.elapsed
    drive(stack, Intent("back"))
    assert stack.top.name == "dialog" and stack.top.overlay
    for _ in range(60):  # the window only updates the top scene: the encounter's clock stops
        stack.apply(stack.top.update(1.0), SIZE)
    assert scene.elapsed == elapsed
    drive(stack, Intent("back"))  # Esc again resumes
    assert stack.top is scene
    drive(stack, Intent("pause"))
    dialog = stack.top
    drive(stack, click(dialog, "leave"))
    assert scene not in stack.scenes and ctx.results.records == []  # type: ignore[attr-defined]


def test_losing_the_window_focus_pauses_too() -> None:
    scene = EncounterScene(make_ctx(), bundled_by_id("bank-double-charge"))
    scene.layout(SIZE)
    result = scene.handle(Intent("blur"))
    assert isinstance(result, Push) and result.scene.name == "dialog"  # type: ignore[union-attr]


def decide_first(scene: EncounterScene) -> None:
    past_guard(scene)
    scene.handle(Intent("select", 0))
    assert scene.phase == "reacting"


def test_a_reply_stays_until_it_is_dismissed() -> None:
    scene = EncounterScene(make_ctx(), bundled_by_id("bank-double-charge"), seed=3)
    scene.layout(SIZE)
    decide_first(scene)
    for _ in range(120):
        scene.update(1.0)
    assert scene.phase == "reacting"
    past_guard(scene)
    scene.handle(Intent("confirm"))
    assert scene.phase == "choosing"


def test_replies_can_move_on_by_themselves_after_a_time_that_grows_with_their_length() -> None:
    assert reading_seconds("x" * 200) > reading_seconds("x" * 20) >= 3.0
    assert reading_seconds("好" * 20) > reading_seconds("x" * 20)  # Chinese reads slower per char
    scene = EncounterScene(make_ctx(auto_continue=True), bundled_by_id("bank-double-charge"))
    scene.layout(SIZE)
    decide_first(scene)
    wait = reading_seconds(scene.reply)
    scene.update(wait - 0.5)
    assert scene.phase == "reacting"
    scene.update(1.0)
    assert scene.phase == "choosing"
    # With reduced motion, a reply always waits for the trainee.
    still = EncounterScene(
        make_ctx(auto_continue=True, reduced_motion=True), bundled_by_id("bank-double-charge")
    )
    still.layout(SIZE)
    decide_first(still)
    still.update(600.0)
    assert still.phase == "reacting"


def test_a_second_click_right_after_new_choices_appear_picks_nothing() -> None:
    ctx = make_ctx()
    scene = EncounterScene(ctx, bundled_by_id("bank-double-charge"), seed=3)
    stack = stack_with(scene)
    decide_first(scene)
    past_guard(scene)
    first_card = scene.focus.items[0].rect.center if scene.focus.items else (900, 600)
    drive(stack, Intent("click", pos=first_card))  # dismisses the reply
    assert scene.phase == "choosing"
    scene.update(0.15)
    card = scene.focus.items[0]
    drive(stack, Intent("click", pos=card.rect.center))  # 150 ms later: ignored
    assert len(scene.decisions) == 1 and scene.phase == "choosing"
    drive(stack, Intent("select", 0))
    assert len(scene.decisions) == 1
    scene.update(0.3)
    drive(stack, Intent("click", pos=card.rect.center))
    assert len(scene.decisions) == 2


def test_narration_is_told_apart_from_speech() -> None:
    assert split_narration("(Forty minutes later her call light comes on.) Sorry to bother.") == (
        "Forty minutes later her call light comes on.",
        "Sorry to bother.",
    )
    assert split_narration("（把手机递给你）行。") == ("把手机递给你", "行。")
    assert split_narration("(She waits.)") == ("She waits.", "")
    assert split_narration("Just words.") == ("", "Just words.")
    scenario = bundled_by_id("airline-cabin-fault")
    scene = EncounterScene(make_ctx(), scenario, seed=7)
    scene.layout(SIZE)
    settle = next(b for b in scenario.beats.values() if b.id == "settle")
    narration_only = scene.said_pieces(settle.say.get("en"), 600)
    assert len(narration_only) == 1  # narration only: no speech bubble, so no tail
    reset = scenario.beats["reset"]
    both = scene.said_pieces(reset.say.get("en"), 600)
    assert len(both) == 2


def test_the_shown_order_is_the_one_numbers_and_clicks_use() -> None:
    scene = EncounterScene(make_ctx(), bundled_by_id("bank-double-charge"), seed=3)
    scene.layout(SIZE)
    past_guard(scene)
    shown = [c.id for c in scene.shown_choices()]
    keys = [i.key for i in scene.focus.items if i.key in shown]
    assert keys == shown
    scene.handle(Intent("select", 1))
    assert scene.decisions[0][0] == Choose(shown[1])


# -- debrief -----------------------------------------------------------------------------------


def test_debrief_buttons() -> None:
    ctx = signed_in()
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


def test_the_debrief_leads_with_the_outcome_and_the_costliest_decision() -> None:
    ctx = signed_in()
    scenario = bundled_by_id("hotel-overbooked-late-arrival")
    played = finish(Engine(scenario).play(model_decisions(scenario)), "en")
    scene = DebriefScene(ctx, scenario, played)
    scene.layout(SIZE)
    texts = [b.text for b in scene.view.doc.blocks if b.text]
    assert texts[0] == played.debrief.outcome_sentence
    overall = ctx.t("ui.debrief.overall", score=played.result.scores["overall"])
    assert texts.index(ctx.t("ui.debrief.costliest")) < texts.index(overall)
    first_dimension = next(b for b in scene.view.doc.blocks if b.kind == "score")
    assert texts.index(overall) < texts.index(first_dimension.text)


def test_save_status_is_honest() -> None:
    from concurrent.futures import Future

    scenario = bundled_by_id("bank-double-charge")
    played = finish(Engine(scenario).play(model_decisions(scenario)))
    ctx = signed_in()
    # A demo saves nothing that lasts, and says so.
    ctx.demo = True
    assert DebriefScene(ctx, scenario, played).save_state() == "demo"
    ctx.demo = False
    # In memory only: kept for the session, not "saved".
    ctx2 = signed_in()
    play_model(ctx2, scenario)
    saving: Future[bool] = Future()
    scene = DebriefScene(ctx2, scenario, played, saving=saving)
    scene.layout(SIZE)
    assert scene.save_state() == "saving"
    saving.set_result(False)
    scene.update(0.0)
    assert scene.save_state() == "session"
    saving = Future()
    scene = DebriefScene(ctx2, scenario, played, saving=saving)
    saving.set_result(True)
    scene.update(0.0)
    assert scene.save_state() == "saved"
    # A failed save says why, and offers to try again.
    failed: Future[bool] = Future()
    failed.set_exception(RuntimeError("the database is locked"))
    record = ctx2.results.records[0]  # type: ignore[attr-defined]
    scene = DebriefScene(ctx2, scenario, played, saving=failed, record=record)
    scene.update(0.0)
    scene.layout(SIZE)
    assert scene.save_state() == "failed" and "locked" in scene.saved_error
    assert scene.focus.item("retry") is not None
    scene.handle(click(scene, "retry"))
    assert scene.save_state() == "session"


def test_the_debrief_says_when_a_run_had_extended_time() -> None:
    ctx = signed_in(answer_time="double")
    scenario = bundled_by_id("bank-double-charge")
    encounter = play_model(ctx, scenario)
    record = ctx.results.records[0]  # type: ignore[attr-defined]
    assert encounter.played is not None
    scene = DebriefScene(ctx, scenario, encounter.played, record=record)
    scene.layout(SIZE)
    assert ctx.t("ui.debrief.extended", factor="2") in [b.text for b in scene.view.doc.blocks]


# -- settings and the leaderboard --------------------------------------------------------------


def test_settings_change_and_apply() -> None:
    ctx = make_ctx()
    scene = SettingsScene(ctx)
    stack = stack_with(scene)
    drive(stack, Intent("confirm"))
    assert ctx.settings.text_scale == 1.25
    drive(stack, Intent("left"))
    assert ctx.settings.text_scale == 1.0
    drive(stack, Intent("down"))
    assert scene.focus.focused_key == "answer_time"
    drive(stack, Intent("right"))
    assert ctx.settings.answer_time == "double" and ctx.time_factor == 2.0
    drive(stack, Intent("right"))
    assert ctx.time_factor is None
    chip = scene.focus.item("contrast").rect
    drive(stack, Intent("click", pos=(chip.left + 5, chip.centery)))
    assert ctx.settings.high_contrast
    drive(stack, click(scene, BACK))
    assert stack.scenes == []


def test_large_text_suggests_more_answer_time() -> None:
    ctx = make_ctx(text_scale=1.25)
    scene = SettingsScene(ctx)
    stack = stack_with(scene)
    assert scene.focus.item("suggest") is None
    drive(stack, Intent("right"))  # 150%
    assert ctx.settings.text_scale == 1.5
    assert scene.focus.item("suggest") is not None
    drive(stack, click(scene, "suggest"))
    assert ctx.settings.answer_time == "double" and scene.focus.item("suggest") is None


def test_leaderboard_reads_the_board_once_and_a_click_on_it_changes_nothing() -> None:
    ctx = make_ctx()
    scenario = bundled_by_id("bank-double-charge")
    for name in ("Ana", "Bo", "Ana"):
        ctx.sign_in(name, None, None)
        play_model(ctx, scenario)
    calls: list[object] = []
    inner = ctx.results.leaderboard

    def counted(*args: object):  # type: ignore[no-untyped-def]
        calls.append(args)
        return inner(*args)  # type: ignore[arg-type]

    ctx.results.leaderboard = counted  # type: ignore[method-assign]
    scene = LeaderboardScene(ctx, scenario.id)
    stack = stack_with(scene)
    surface = pygame.Surface(SIZE)
    for _ in range(30):
        scene.update(1 / 60)
        scene.draw(surface)
    assert len(calls) == 1
    done, rows, _ = scene.board()
    assert [r.trainee for r in rows] == ["Ana", "Bo"]
    scope = scene.scope
    drive(stack, Intent("click", pos=scene.table.center))
    assert scene.scope == scope and stack.top is scene
    drive(stack, Intent("click", pos=(scene.chip.left + 5, scene.chip.centery)))
    assert scene.scope == scope - 1


# -- everything --------------------------------------------------------------------------------


def test_every_screen_draws_in_every_language_and_theme() -> None:
    from trainer.ui.scenes.progress import ProgressScene

    for lang in ("en", "zh-Hans", "zh-Hant", "vi"):
        for contrast in (False, True):
            ctx = signed_in(lang=lang, high_contrast=contrast)
            scenario = bundled_by_id("fast-food-cold-burger")
            played = finish(Engine(scenario).play(model_decisions(scenario)), lang)
            for scene in (
                TitleScene(ctx),
                SignInScene(ctx),
                PickerScene(ctx),
                ProgressScene(ctx),
                BriefingScene(ctx, scenario),
                EncounterScene(ctx, scenario),
                DebriefScene(ctx, scenario, played),
                LeaderboardScene(ctx),
                SettingsScene(ctx),
            ):
                scene.layout(SIZE)
                scene.enter()
                surface = show(scene)
                samples = [
                    surface.get_at((x, y))[:3]
                    for x in range(0, 1280, 16)
                    for y in range(0, 720, 16)
                ]
                background = max(set(samples), key=samples.count)
                drawn = sum(1 for c in samples if c != background) / len(samples)
                assert drawn > 0.02, (lang, contrast, scene.name)


def test_still_screens_ask_for_no_frames_and_live_ones_do() -> None:
    ctx = signed_in()
    for scene in (TitleScene(ctx), PickerScene(ctx), SettingsScene(ctx)):
        stack_with(scene)
        scene.update(0.1)
        assert scene.wake_in() is None, scene.name
    encounter = EncounterScene(ctx, bundled_by_id("bank-double-charge"))
    assert encounter.wake_in() == 0.0


def test_input_translation_is_in_one_place() -> None:
    from trainer.ui.intents import translate

    key = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_3, mod=0)
    assert translate(key) == [Intent("select", 2)]
    assert translate(key, typing=True) == []
    enter = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0)
    assert translate(enter) == [Intent("confirm")]
    click_event = pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(5, 6))
    assert translate(click_event) == [Intent("click", pos=(5, 6))]
    typed = pygame.event.Event(pygame.TEXTINPUT, text="越")
    assert translate(typed, typing=True) == [Intent("text", "越")]
    f2 = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F2, mod=0)
    assert translate(f2) == translate(f2, typing=True) == [Intent("voice")]
    p = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_p, mod=0)
    assert translate(p) == [Intent("pause")] and translate(p, typing=True) == []
