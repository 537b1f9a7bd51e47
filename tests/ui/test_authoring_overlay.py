"""The author's overlay on the window: an encounter starts at the --from beat; a changed file
is read again; errors are shown, located, and the game goes on; F5 restarts the scenario."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest
from helpers import ROOT, bundled_by_id
from uihelpers import make_ctx

from trainer.application.authoring.watch import Watcher
from trainer.cli import main
from trainer.content.library import Library, bundled_scenarios
from trainer.ui.app import App, Options
from trainer.ui.authoring import Authoring
from trainer.ui.scene import Push, go
from trainer.ui.scenes.encounter import EncounterScene


def test_an_encounter_starts_at_the_beat_with_the_decisions_before_it() -> None:
    ctx = make_ctx()
    overlay = Authoring(from_beat="needs", from_scenario="hotel-noisy-room")
    ctx.encounter_hook = overlay.encounter_started
    scene = EncounterScene(ctx, bundled_by_id("hotel-noisy-room"))
    assert scene.state.beat == "needs"
    assert [a.choice for a, _ in scene.decisions] == ["own-it"]  # type: ignore[union-attr]
    assert "assumed: own-it" in overlay.banner
    other = EncounterScene(ctx, bundled_by_id("bank-double-charge"))
    assert other.state.beat == other.scenario.start  # only the scenario named


def test_a_beat_reached_by_silence_starts_by_waiting() -> None:
    ctx = make_ctx()
    overlay = Authoring(from_beat="kept-waiting", from_scenario="hotel-noisy-room")
    ctx.encounter_hook = overlay.encounter_started
    scene = EncounterScene(ctx, bundled_by_id("hotel-noisy-room"))
    scene.layout((1280, 720))
    assert scene.state.beat == "arrival" and scene.elapsed == 15
    scene.update(0.01)
    assert scene.state.beat == "kept-waiting"


@pytest.fixture
def app_and_folder(tmp_path: Path) -> tuple[App, Authoring, Path]:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(ROOT / "scenarios" / "bank-double-charge.yaml", folder / "bank-mine.yaml")
    path = folder / "bank-mine.yaml"
    path.write_text(path.read_text("utf-8").replace("id: bank-double-charge", "id: bank-mine"))
    lib = Library([bundled_scenarios().resolve(), folder.resolve()])

    def reload():  # type: ignore[no-untyped-def]
        loaded = lib.load_paths([folder])
        return list(loaded.scenarios), loaded.sorted_diagnostics()

    scenarios, _ = reload()
    overlay = Authoring(watcher=Watcher([folder], interval=0.0), reload=reload)
    app = App(Options(scenarios=scenarios, remember_settings=False, authoring=overlay))
    app.ctx.size = (1280, 720)
    return app, overlay, path


def test_errors_show_located_and_the_game_goes_on(
    app_and_folder: tuple[App, Authoring, Path],
) -> None:
    app, overlay, path = app_and_folder
    scenario = app.ctx.scenarios[0]
    app.stack.apply(Push(go("encounter", scenario=scenario)), app.ctx.size)
    encounter = app.stack.top
    path.write_text(path.read_text("utf-8").replace("severity: ", "severity: 9 #"), "utf-8")
    overlay.update(app, 1.0)
    assert overlay.errors and overlay.errors[0].file.endswith("bank-mine.yaml")
    assert overlay.errors[0].line > 1 and "severity is 9" in overlay.errors[0].message
    assert app.stack.top is encounter and app.ctx.scenarios[0] is scenario  # last good version
    surface = pygame.Surface((1280, 720))
    surface.fill((0, 0, 0))
    overlay.draw(surface, app)
    assert surface.get_at((640, 690))[:3] != (0, 0, 0)  # the error panel, at the bottom
    assert "error(s)" in overlay.toast


def test_a_fixed_file_is_reloaded_and_f5_restarts_with_it(
    app_and_folder: tuple[App, Authoring, Path],
) -> None:
    app, overlay, path = app_and_folder
    app.stack.apply(Push(go("encounter", scenario=app.ctx.scenarios[0])), app.ctx.size)
    before = app.stack.top
    path.write_text(path.read_text("utf-8").replace("version: 1", "version: 2"), "utf-8")
    overlay.update(app, 1.0)
    assert overlay.errors == [] and "Reloaded bank-mine.yaml" in overlay.toast
    assert app.ctx.scenarios[0].version == 2
    assert app.stack.top is before  # nothing restarts on its own
    event = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F5, mod=0, unicode="")
    assert overlay.event(app, event)
    top = app.stack.top
    assert isinstance(top, EncounterScene) and top is not before
    assert top.scenario.version == 2 and top.state.beat == top.scenario.start
    assert len(app.stack.scenes) == 1 and overlay.restarts == 1


def test_f5_with_no_scenario_in_play_says_so(app_and_folder: tuple[App, Authoring, Path]) -> None:
    app, overlay, _ = app_and_folder
    app.stack.apply(Push(go("title")), app.ctx.size)
    event = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F5, mod=0, unicode="")
    assert overlay.event(app, event)
    assert app.stack.top.name == "title" and "Choose a scenario first" in overlay.toast


def test_the_command_line_checks_before_opening_a_window(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["play", "--from", "needs"]) == 2
    assert "--from BEAT needs --scenario ID" in capsys.readouterr().err
    script = str(ROOT / "scenarios" / "scripts" / "bank-double-charge.yaml")
    assert main(["play", "--watch", "--script", script]) == 1
    assert "not with --script" in capsys.readouterr().err
