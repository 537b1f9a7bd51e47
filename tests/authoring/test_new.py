"""``trainer new``: a skeleton that validates, lints clean, passes the schema, plays its model
script along the best-practice path, and never overwrites a file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import ROOT

from trainer.application.authoring.new import NewError, create
from trainer.application.lint import lint
from trainer.application.play import play_script
from trainer.cli import main
from trainer.content.library import Library, bundled_scenarios
from trainer.content.scripts import read_script
from trainer.scenario.diagnostics import Collector
from trainer.scenario.model import ARCHETYPES
from trainer.scenario.schema import json_schema
from trainer.scenario.skeleton import Skeleton, is_placeholder
from trainer.scoring.search import explore


def lib(folder: Path) -> Library:
    return Library([bundled_scenarios().resolve(), folder.resolve()])


@pytest.mark.parametrize(
    "persona, locales",
    [(p, ("en",)) for p in ARCHETYPES]
    + [("reasonable", ("en", "vi")), ("anxious", ("zh-Hans", "en", "zh-Hant", "vi"))],
)
def test_the_skeleton_is_valid_clean_and_its_script_is_the_best_path(
    tmp_path: Path, persona: str, locales: tuple[str, ...]
) -> None:
    skeleton = Skeleton("cafe-cold-latte", "Cold latte", "cafe", persona, locales, 3)
    created = create(lib(tmp_path), tmp_path, skeleton)
    assert created.scenario == tmp_path / "cafe-cold-latte.yaml"
    assert created.script == tmp_path / "scripts" / "cafe-cold-latte.yaml"
    scenario, diagnostics = lib(tmp_path).load_scenario(created.scenario)
    assert scenario is not None and diagnostics == []
    assert [str(d) for d in lint(scenario)] == []
    assert scenario.locales == locales and scenario.persona.id == persona
    assert scenario.difficulty == 3 and scenario.industry == "cafe"
    # Every text exists in every language, the later ones as placeholders.
    for locale in locales[1:]:
        assert is_placeholder(locale, scenario.title.get(locale))
    # The editor's schema is written beside it, named on the first line, and accepts both.
    schema = json.loads((tmp_path / "trainer.schema.json").read_text("utf-8"))
    assert schema == json.loads(json.dumps(json_schema()))
    for path, line in (
        (created.scenario, "trainer.schema.json"),
        (created.script, "../trainer.schema.json"),
    ):
        text = path.read_text("utf-8")
        assert text.splitlines()[0] == f"# yaml-language-server: $schema={line}"
        assert jsonschema.Draft202012Validator(schema).is_valid(yaml.safe_load(text))
    # The model script plays to the end along the best principled path.
    out = Collector(str(created.script), [])
    script = read_script(created.script.read_bytes(), out)
    assert script is not None, out.items
    played, problems = play_script(scenario, script, str(created.script))
    assert played is not None, problems
    best = explore(scenario).principled
    assert best is not None
    assert [t.beat for t in played.run.turns] == list(best.beats)
    assert played.result.scores["overall"] >= round(best.overall) - 1


def test_it_teaches_in_comments(tmp_path: Path) -> None:
    created = create(lib(tmp_path), tmp_path, Skeleton("a-b", "A b", "x"))
    text = created.scenario.read_text("utf-8")
    for hint in ("trainer validate", "trainer graph", "# any of: money, time", "menu: true"):
        assert hint in text


def test_it_never_overwrites(tmp_path: Path) -> None:
    skeleton = Skeleton("cafe-cold-latte", "Cold latte", "cafe")
    create(lib(tmp_path), tmp_path, skeleton)
    (tmp_path / "cafe-cold-latte.yaml").write_text("mine", "utf-8")
    with pytest.raises(NewError, match="already exists"):
        create(lib(tmp_path), tmp_path, skeleton)
    assert (tmp_path / "cafe-cold-latte.yaml").read_text("utf-8") == "mine"
    # A script of that name alone is enough to refuse, and nothing is written.
    other = tmp_path / "other"
    (other / "scripts").mkdir(parents=True)
    (other / "scripts" / "cafe-cold-latte.yaml").write_text("steps: []", "utf-8")
    with pytest.raises(NewError, match="already exists"):
        create(lib(other), other, skeleton)
    assert not (other / "cafe-cold-latte.yaml").exists()


def test_a_schema_file_of_the_trainers_own_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "trainer.schema.json").write_text('{"title": "mine"}', "utf-8")
    created = create(lib(tmp_path), tmp_path, Skeleton("a-b", "A b", "x"))
    assert created.schema is None
    assert json.loads((tmp_path / "trainer.schema.json").read_text("utf-8")) == {"title": "mine"}


def test_a_persona_beside_it_is_used(tmp_path: Path) -> None:
    (tmp_path / "personas").mkdir()
    source = (bundled_scenarios() / "personas" / "impatient.yaml").read_text("utf-8")
    (tmp_path / "personas" / "rushed-pilot.yaml").write_text(
        source.replace("id: impatient", "id: rushed-pilot").replace(
            "patience_s: 8", "patience_s: 5"
        ),
        "utf-8",
    )
    created = create(lib(tmp_path), tmp_path, Skeleton("a-b", "A b", "x", persona="rushed-pilot"))
    scenario, diags = lib(tmp_path).load_scenario(created.scenario)
    assert scenario is not None, diags
    assert scenario.persona.id == "rushed-pilot" and scenario.timing.decide_s == 5
    assert lint(scenario) == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["Bad_Id"], "not a valid scenario id"),
        (["a-b", "--locales", "en,es"], "unsupported language es"),
        (["a-b", "--persona", "grumpy"], "persona 'grumpy' was not found"),
        (["a-b", "--difficulty", "7"], "difficulty 7 is not between 1 and 5"),
    ],
)
def test_bad_choices_are_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["new", *args, "--dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_the_command_prints_what_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["new", "bank-card-swallowed", "--dir", str(tmp_path), "--locales", "en,VI"])
    out = capsys.readouterr().out
    assert code == 0
    assert "bank-card-swallowed.yaml" in out and "scripts/bank-card-swallowed.yaml" in out
    assert "locales: [en, vi]" in (tmp_path / "bank-card-swallowed.yaml").read_text("utf-8")
    assert main(["validate", str(tmp_path)]) == 0
    assert main(["lint", "--strict", str(tmp_path)]) == 0


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_it_asks_in_a_terminal_when_no_flag_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = "Card eaten by the ATM\nbank\nanxious\nen, fr\nen,zh-Hans\n9\n4\n"
    monkeypatch.setattr("sys.stdin", FakeTTY(answers))
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    assert main(["new", "bank-card-eaten", "--dir", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "not supported: fr" in captured.err and "a number from 1 to 5" in captured.err
    scenario, diags = lib(tmp_path).load_scenario(tmp_path / "bank-card-eaten.yaml")
    assert scenario is not None, diags
    assert scenario.title.get("en") == "Card eaten by the ATM"
    assert scenario.persona.id == "anxious" and scenario.difficulty == 4
    assert scenario.locales == ("en", "zh-Hans")


def test_the_bundled_examples_do_not_use_placeholders() -> None:
    for path in (ROOT / "scenarios").glob("*.yaml"):
        assert "[vi] " not in path.read_text("utf-8")
