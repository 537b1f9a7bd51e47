"""The JSON Schema agrees with the validator: every bundled file passes both; for every rule of
the key table (missing, unknown, wrong type, out of range, outside the vocabulary, empty list)
and every structural rule a schema can express, a file that breaks it fails both; values at
the edge of a range pass both."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from helpers import ROOT, dump, load_text, minimal
from hypothesis import HealthCheck, given, settings
from strategies import scenario_dict

from trainer.cli import main
from trainer.content.scripts import read_script
from trainer.scenario.diagnostics import Collector
from trainer.scenario.keys import KEYS, Key, section
from trainer.scenario.schema import KINDS, json_schema
from trainer.scenario.validate import read_persona
from trainer.scenario.yamlsafe import parse_bytes

SCHEMA = json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def schema_accepts(data: Any) -> bool:
    return VALIDATOR.is_valid(data)


# -- the validator, per kind of file ------------------------------------------------------------


def scenario_ok(data: Any) -> bool:
    scenario, diags = load_text(dump(data))
    return scenario is not None and not any(d.is_error for d in diags)


def persona_ok(data: Any) -> bool:
    out = Collector("personas/p.yaml", [])
    parsed = parse_bytes(dump(data).encode(), out)
    return parsed.root is not None and read_persona(parsed.root, out) is not None


def script_ok(data: Any) -> bool:
    out = Collector("scripts/s.yaml", [])
    return read_script(dump(data).encode(), out) is not None and not out.errors


def base_scenario() -> dict[str, Any]:
    data = minimal()
    data["tags"] = ["cafe"]
    data["locales"] = ["en", "vi"]
    data["timing"] = {"decide_s": 10, "acknowledge_min": 2, "resolve_min": 20}
    beat = data["beats"]["complaint"]
    beat.update({"cues": ["frown"], "patience_s": 20, "on_timeout": "ask", "abuse": "insult"})
    choice = beat["choices"][0]
    choice.update(
        {
            "listen": "open",
            "reveals": ["fix"],
            "verify": True,
            "offer": "remake",
            "inform": True,
            "boundary": "calm",
            "escalate": False,
            "follow_up": ["thanks"],
            "check_in_hours": 4,
            "proactive": False,
            "minutes": 2,
            "reply": "Oh, thanks.",
            "feedback": {"en": "Good.", "vi": "Tốt."},
        }
    )
    return data


def base_persona() -> dict[str, Any]:
    return {
        "format": 1,
        "id": "p",
        "name": {"en": "A persona"},
        "patience_s": 20,
        "temper": 40,
        "forgiveness": 0.6,
        "satisfiable": True,
        "complains": True,
        "abusive": False,
        "opportunist": False,
        "archetype": "reasonable",
        "inertia": 0.6,
        "lines": {"calm": {"en": ["Fine."]}, "angry": {"en": "No!"}},
    }


def base_script() -> dict[str, Any]:
    return {
        "seed": 3,
        "trainee": "Ana",
        "cohort": "A1",
        "steps": [{"choose": "own-it", "after": 4}, {"offer": ["remake"], "after": 5}],
    }


#: where each section lives in a base document: (kind, base, path to the mapping)
PLACES: dict[str, tuple[Callable[[Any], bool], Callable[[], dict[str, Any]], tuple[Any, ...]]] = {
    "scenario": (scenario_ok, base_scenario, ()),
    "failure": (scenario_ok, base_scenario, ("failure",)),
    "authority": (scenario_ok, base_scenario, ("authority",)),
    "timing": (scenario_ok, base_scenario, ("timing",)),
    "customer": (scenario_ok, base_scenario, ("customer",)),
    "remedy": (scenario_ok, base_scenario, ("remedies", 0)),
    "beat": (scenario_ok, base_scenario, ("beats", "complaint")),
    "choice": (scenario_ok, base_scenario, ("beats", "complaint", "choices", 0)),
    "persona": (persona_ok, base_persona, ()),
    "script": (script_ok, base_script, ()),
    "step": (script_ok, base_script, ("steps", 0)),
}

#: a value of the wrong type for each type of key
WRONG_TYPE: dict[str, Any] = {
    "format": 2,
    "integer": 2.5,
    "number": "many",
    "boolean": "maybe",
    "escalation": "the-boss",
    "value": "many",
    "string": 12,
    "text": 12,
    "slug": "Not A Slug",
    "id": "has space",
    "target": "not/a/beat",
    "tag": "nonsense-word",
    "tags": ["nonsense-word"],
    "strings": "not-a-list",
    "slugs": ["Not A Slug"],
    "locales": ["not a locale"],
    "ids": 12,
    "persona": ["a", "list"],
    "lines": {"grumpy": {"en": "Hm."}},
    "section": 12,
    "list": 12,
    "map": 12,
}


def at(doc: dict[str, Any], path: tuple[Any, ...]) -> Any:
    node: Any = doc
    for part in path:
        node = node[part]
    return node


def mutations() -> Iterator[tuple[str, Callable[[Any], bool], dict[str, Any]]]:
    """(rule, validator, document breaking it) for every rule of the key table."""
    for name, (ok, base, path) in PLACES.items():
        for row in section(name):
            if row.required:
                doc = base()
                del at(doc, path)[row.name]
                yield f"{name}.{row.name} missing", ok, doc
            doc = base()
            at(doc, path)[row.name] = copy.deepcopy(WRONG_TYPE[row.type])
            yield f"{name}.{row.name} wrong type", ok, doc
            for bad in _out_of_range(row):
                doc = base()
                at(doc, path)[row.name] = bad
                yield f"{name}.{row.name} = {bad} out of range", ok, doc
            if row.min_items:
                doc = base()
                at(doc, path)[row.name] = []
                yield f"{name}.{row.name} empty", ok, doc
            if row.type == "tags":
                doc = base()
                word = row.vocabulary[0]
                at(doc, path)[row.name] = [word, word]
                yield f"{name}.{row.name} lists a word twice", ok, doc
            if row.type == "value":
                doc = base()
                at(doc, path)[row.name] = {"not-a-loss": 10}
                yield f"{name}.{row.name} values a loss that does not exist", ok, doc
                doc = base()
                at(doc, path)[row.name] = {"money": 0}
                yield f"{name}.{row.name} values a loss at nothing", ok, doc
        doc = base()
        at(doc, path)["colour"] = "blue"
        yield f"unknown key in {name}", ok, doc


def _out_of_range(row: Key) -> list[float]:
    if row.range is None:
        return []
    lo, hi = row.range
    step = 1 if row.type == "integer" else 0.001
    out: list[float] = []
    if lo is not None:
        out.append(lo - step)
    if hi is not None:
        out.append(hi + step)
    return out


def _edges(row: Key) -> list[float]:
    if row.range is None:
        return []
    return [v for v in row.range if v is not None]


def structural() -> Iterator[tuple[str, Callable[[Any], bool], dict[str, Any]]]:
    """Rules that span keys, which the schema expresses with if/then or oneOf."""
    doc = base_scenario()
    doc["beats"]["offer"]["choices"] = [{"id": "x", "text": "x", "next": "end"}]
    yield "a beat with both choices and menu", scenario_ok, doc
    doc = base_scenario()
    del doc["beats"]["close"]["choices"]
    yield "a beat with neither choices nor menu", scenario_ok, doc
    doc = base_scenario()
    del doc["beats"]["offer"]["next"]
    yield "a menu beat without next", scenario_ok, doc
    doc = base_scenario()
    doc["beats"]["close"]["next"] = "end"
    yield "next on a beat with choices", scenario_ok, doc
    doc = base_scenario()
    doc["remedies"] = []
    doc["beats"]["complaint"]["choices"][0].pop("offer")
    yield "a menu in a scenario without remedies", scenario_ok, doc
    doc = base_scenario()
    doc["beats"]["end"] = {"say": "x", "choices": [{"id": "x", "text": "x", "next": "end"}]}
    yield "a beat named end", scenario_ok, doc
    doc = base_scenario()
    doc["beats"] = {}
    yield "no beats", scenario_ok, doc
    doc = base_scenario()
    doc["title"] = {"english": "Cold coffee"}
    yield "a text with a key that is not a locale", scenario_ok, doc
    doc = base_scenario()
    doc["title"] = {}
    yield "an empty text mapping", scenario_ok, doc
    doc = base_scenario()
    doc["title"] = "   "
    yield "a blank text", scenario_ok, doc
    doc = base_scenario()
    doc["customer"]["persona"] = {"patience_s": 5}
    yield "an inline persona without a name", scenario_ok, doc
    doc = base_scenario()
    doc["customer"]["persona"] = {"name": "Pat", "mood": "calm"}
    yield "an unknown key in an inline persona", scenario_ok, doc
    doc = base_script()
    doc["steps"][0]["offer"] = ["remake"]
    yield "a step with both choose and offer", script_ok, doc
    doc = base_script()
    doc["steps"][0] = {"after": 3}
    yield "a step with neither choose nor offer", script_ok, doc
    doc = base_persona()
    doc["lines"] = {"calm": {"english": "Fine."}}
    yield "persona lines under a key that is not a locale", persona_ok, doc


def test_the_bases_are_valid() -> None:
    for ok, base, _ in PLACES.values():
        assert ok(base()), base.__name__
        assert schema_accepts(base()), list(VALIDATOR.iter_errors(base()))


RULES = list(mutations()) + list(structural())


@pytest.mark.parametrize("rule, ok, doc", RULES, ids=[r[0] for r in RULES])
def test_a_broken_rule_fails_both(rule: str, ok: Callable[[Any], bool], doc: Any) -> None:
    assert not ok(doc), f"the validator accepts a file with {rule}"
    assert not schema_accepts(doc), f"the schema accepts a file with {rule}"


EDGES = [
    (f"{name}.{row.name} = {value}", ok, base, path, row.name, value)
    for name, (ok, base, path) in PLACES.items()
    for row in section(name)
    for value in _edges(row)
]


@pytest.mark.parametrize("rule, ok, base, path, key, value", EDGES, ids=[e[0] for e in EDGES])
def test_the_edges_of_a_range_pass_both(
    rule: str,
    ok: Callable[[Any], bool],
    base: Callable[[], dict[str, Any]],
    path: tuple[Any, ...],
    key: str,
    value: float,
) -> None:
    doc = base()
    at(doc, path)[key] = value
    assert ok(doc), rule
    assert schema_accepts(doc), rule


def test_every_key_of_the_table_is_in_the_schema_with_help() -> None:
    defs = SCHEMA["$defs"]
    for row in KEYS:
        prop = defs[row.section]["properties"][row.name]
        assert prop["description"] == row.description and row.description
        if row.vocabulary:
            words = prop.get("enum") or prop.get("items", {}).get("enum") or []
            if row.type == "lines":
                words = defs["lines"]["propertyNames"]["enum"]
            if row.type == "escalation":
                words = prop["anyOf"][1]["enum"]
            assert list(words) == list(row.vocabulary), row.name


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    for kind in KINDS:
        jsonschema.Draft202012Validator.check_schema(json_schema(kind))


def bundled_files() -> list[Path]:
    folder = ROOT / "scenarios"
    return sorted(folder.rglob("*.yaml"))


@pytest.mark.parametrize("path", bundled_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_bundled_file_passes_the_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert errors == []
    kind = path.parent.name.rstrip("s") if path.parent.name in ("personas", "scripts") else None
    kind = kind or ("track" if path.parent.name == "tracks" else "scenario")
    assert jsonschema.Draft202012Validator(json_schema(kind)).is_valid(data)


def test_a_track_file() -> None:
    track = {"format": 1, "id": "front-desk", "title": {"en": "Front desk"}, "scenarios": ["a"]}
    assert schema_accepts(track)
    assert not schema_accepts({**track, "scenarios": []})
    assert not schema_accepts({**track, "scenarios": ["Not A Slug"]})
    assert not schema_accepts({k: v for k, v in track.items() if k != "title"})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_dict())
def test_generated_valid_scenarios_pass_the_schema(data: dict[str, Any]) -> None:
    if scenario_ok(data):
        assert schema_accepts(data), list(VALIDATOR.iter_errors(data))


def test_trainer_schema_prints_or_writes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(SCHEMA))
    out = tmp_path / "trainer.schema.json"
    assert main(["schema", "--out", str(out)]) == 0
    assert json.loads(out.read_text("utf-8")) == printed
    assert main(["schema", "--kind", "persona"]) == 0
    assert json.loads(capsys.readouterr().out)["$ref"] == "#/$defs/persona"
