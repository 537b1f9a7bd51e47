"""Every bundled scenario plays to the end in the window by its model script, and the demo mode
runs the real app loop, saves a PNG per screen, and exits 0."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from helpers import ROOT, bundled
from uihelpers import make_ctx, play_model
from variants import model_decisions

from trainer.application.play import finish
from trainer.cli import main
from trainer.engine import Engine


@pytest.mark.parametrize("scenario_id", [s.id for s in bundled()])
def test_every_bundled_scenario_plays_to_the_end_in_the_window(scenario_id: str) -> None:
    scenario = next(s for s in bundled() if s.id == scenario_id)
    for lang in ("en", scenario.locales[-1]):
        ctx = make_ctx(lang=lang)
        ctx.trainee = "Ana"
        scene = play_model(ctx, scenario)
        headless = finish(Engine(scenario).play(model_decisions(scenario), seed=7))
        assert scene.played is not None
        assert scene.played.result.scores == headless.result.scores


@pytest.mark.slow
def test_demo_mode_runs_the_app_and_saves_every_screen(tmp_path: Path) -> None:
    script = ROOT / "scenarios" / "scripts" / "bank-double-charge.yaml"
    try:
        code = main(
            [
                "play",
                "--script",
                str(script),
                "--screenshots",
                str(tmp_path),
                "--fast",
                "--windowed",
                "1024x600",
                "--lang",
                "vi",
            ]
        )
    finally:
        pygame.init()  # the app quits pygame on its way out; the other tests need it
        pygame.display.set_mode((1, 1))
    assert code == 0
    shots = sorted(p.name for p in tmp_path.glob("*.png"))
    names = "\n".join(shots)
    for screen in ("title", "signin", "picker", "briefing", "encounter", "debrief"):
        assert screen in names, shots
    image = pygame.image.load(str(tmp_path / shots[-1]))
    assert image.get_size() == (1024, 600)


def test_demo_mode_rejects_a_bad_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bank-double-charge.yaml"
    bad.write_text("steps:\n  - choose: nonsense\n")
    assert main(["play", "--script", str(bad), "--screenshots", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "bank-double-charge.yaml:2:13:" in err and "has a choice 'nonsense'" in err
    assert main(["play", "--windowed", "tiny"]) == 2
