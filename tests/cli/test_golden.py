"""Golden transcripts: each bundled scenario's model run, as JSON, byte for byte.

A difference fails the test; refresh the files only on purpose, with ``pytest --update-goldens``.
"""

from __future__ import annotations

import json

import pytest
from helpers import GOLDEN, bundled
from variants import model_decisions

from trainer.application.play import finish, to_json
from trainer.engine import Engine

IDS = [s.id for s in bundled()]


@pytest.mark.parametrize("scenario_id", IDS)
def test_golden_transcript(scenario_id: str, update_goldens: bool) -> None:
    scenario = next(s for s in bundled() if s.id == scenario_id)
    from helpers import ROOT

    from trainer.content.scripts import read_script
    from trainer.scenario.diagnostics import Collector

    path = ROOT / "scenarios" / "scripts" / f"{scenario_id}.yaml"
    script = read_script(path.read_bytes(), Collector(str(path)))
    assert script is not None
    run = Engine(scenario).play(model_decisions(scenario), seed=script.seed)
    doc = to_json(finish(run))
    doc["scenario"]["sha256"] = "(content hash)"  # the golden follows behaviour, not whitespace
    text = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    golden = GOLDEN / "transcripts" / f"{scenario_id}.json"
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        return
    if not golden.exists():
        pytest.fail(f"Reference missing: {golden}; run pytest --update-goldens to create it")
    assert text == golden.read_text(encoding="utf-8"), (
        f"{scenario_id}: the run differs from {golden}; if the change is intended, run "
        "pytest --update-goldens and review the diff"
    )
