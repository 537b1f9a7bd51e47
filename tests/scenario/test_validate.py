"""Every rule of scenario-format.md's "What a valid file must satisfy", each with its line."""

from __future__ import annotations

import textwrap

import pytest
from helpers import FIXTURES, dump, load_text, minimal

from trainer.scenario.diagnostics import Diagnostic


def errors(text: str) -> list[Diagnostic]:
    _, diags = load_text(textwrap.dedent(text))
    return [d for d in diags if d.is_error]


def messages(text: str) -> list[str]:
    return [d.message for d in errors(text)]


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(textwrap.dedent(text).splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def test_minimal_scenario_is_valid() -> None:
    scenario, diags = load_text(dump(minimal()))
    assert [d for d in diags if d.is_error] == []
    assert scenario is not None
    assert scenario.id == "mini-cold-coffee"
    assert scenario.persona.id == "reasonable"
    assert scenario.timing.decide_s == 10  # defaults from the spec
    assert scenario.locales == ("en",)


def test_spec_example_loads_once_its_comma_is_quoted() -> None:
    scenario, diags = load_text((FIXTURES / "spec-example.yaml").read_text("utf-8"))
    assert scenario is not None, [str(d) for d in diags]
    assert scenario.remedy("free-week").cost == 2100
    assert scenario.beats["close"].choice("full-follow-up").check_in_hours == 14


def test_spec_example_verbatim_comma_in_flow_mapping_is_explained() -> None:
    text = (FIXTURES / "spec-example-verbatim.yaml").read_text("utf-8")
    errs = errors(text)
    assert len(errs) == 1
    assert errs[0].line == line_of(text, "text: {en: Next, please!}")
    assert "comma inside { }" in errs[0].message


def test_unknown_key_with_suggestion_and_line() -> None:
    data = minimal()
    text = dump(data).replace("industry: cafe", "industy: cafe")
    errs = errors(text)
    unknown = [e for e in errs if "unknown key 'industy'" in e.message]
    assert unknown and 'did you mean "industry"' in unknown[0].message
    assert unknown[0].line == line_of(text, "industy:")
    assert any("missing the required key 'industry'" in e.message for e in errs)


def test_every_problem_is_reported_in_one_pass() -> None:
    text = """\
    format: 1
    id: Bad_Id
    version: 0
    title: Cold
    industry: cafe
    difficulty: 9
    failure: {summary: x, severity: 2, value: 5, losses: [money, feelings], fault: ours, visible: true}
    authority: {budget: 20, currency: EUR, manager: true}
    customer: {persona: reasonble, name: A, needs: [fix]}
    remedies:
      - {id: refund, label: Refund, cost: 5, restores: [money]}
      - {id: refund, label: Refund again, cost: 5, restores: [money]}
    start: nowhere
    beats:
      a:
        say: hi
        choices:
          - {id: x, text: hello, next: b, apology: [regret, sorry]}
          - {id: x, text: again, next: end}
      b:
        say: menu
        menu: true
        choices: [{id: y, text: z, next: end}]
        next: end
      c:
        say: no next
        menu: true
    """  # noqa: E501 - the flow mapping under test stays on one line
    msgs = messages(text)
    joined = "\n".join(msgs)
    assert "scenario id 'Bad_Id' is not a valid id" in joined
    assert "version is 0" in joined
    assert "difficulty is 9" in joined
    assert "'feelings' is not one of" in joined
    assert "persona 'reasonble' was not found" in joined and 'did you mean "reasonable"' in joined
    assert "duplicate remedy id 'refund'" in joined
    assert "start names beat 'nowhere'" in joined
    assert "'sorry' is not one of" in joined
    assert "duplicate choice id 'x'" in joined
    assert "has both choices and menu" in joined
    assert "is a menu and needs next" in joined
    assert len(msgs) >= 11
    lines = {e.line for e in errors(text)}
    assert line_of(text, "id: Bad_Id") in lines
    assert line_of(text, "difficulty: 9") in lines


def test_references_to_missing_things() -> None:
    data = minimal()
    data["beats"]["complaint"]["choices"][0]["next"] = "asks"
    data["beats"]["complaint"]["choices"][1]["offer"] = ["refnd"]
    data["beats"]["complaint"]["patience_s"] = 5
    data["beats"]["complaint"]["on_timeout"] = "gone"
    msgs = "\n".join(messages(dump(data)))
    assert "next names beat 'asks'" in msgs and 'did you mean "ask"' in msgs
    assert "offers remedy 'refnd'" in msgs and 'did you mean "refund"' in msgs
    assert "on_timeout names beat 'gone'" in msgs


def test_beat_with_neither_choices_nor_menu() -> None:
    data = minimal()
    data["beats"]["ask"] = {"say": "Well?"}
    assert any("neither choices nor menu" in m for m in messages(dump(data)))


def test_no_path_from_start_to_end() -> None:
    data = minimal()
    data["beats"]["close"]["choices"] = [{"id": "loop", "text": "again", "next": "complaint"}]
    msgs = messages(dump(data))
    assert any("no path leads from start 'complaint' to end" in m for m in msgs)


def test_missing_required_keys_are_named() -> None:
    data = minimal()
    del data["failure"]["value"]
    del data["customer"]
    msgs = messages(dump(data))
    assert any("failure is missing the required key 'value'" in m for m in msgs)
    assert any("missing the required key 'customer'" in m for m in msgs)


@pytest.mark.parametrize(
    "snippet, expected",
    [
        ("manager: yes", "write true or false"),
        ("visible: on", "write true or false"),
        ("fault: no", "'no' is not one of"),
        ("industry: no", "as the boolean false"),
        ("id: 404", "read by YAML as a number"),
        ("industry: 1.5", "as a number"),
    ],
)
def test_yaml_11_surprises_are_reported(snippet: str, expected: str) -> None:
    key = snippet.split(":")[0]
    text = dump(minimal())
    lines = text.splitlines()
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith(key + ":") and len(line) - len(stripped) == (
            0 if key in ("id", "industry") else 2
        ):
            indent = line[: len(line) - len(stripped)]
            lines[index] = indent + snippet
            break
    else:
        raise AssertionError(key)
    text = "\n".join(lines) + "\n"
    msgs = messages(text)
    assert any(expected in m for m in msgs), msgs


def test_boolean_locale_key_is_caught() -> None:
    data = minimal()
    text = dump(data).replace(
        "title:\n  en: Cold coffee", "title:\n  en: Cold coffee\n  no: Kald kaffe"
    )
    msgs = messages(text)
    assert any("key 'no'" in m and "boolean" in m for m in msgs), msgs


def test_duplicate_keys_are_caught_with_both_lines() -> None:
    text = dump(minimal()).replace("industry: cafe", "industry: cafe\nindustry: bar")
    errs = errors(text)
    dup = [e for e in errs if "duplicate key 'industry'" in e.message]
    assert dup and dup[0].line == line_of(text, "industry: bar")
    assert f"first at line {line_of(text, 'industry: cafe')}" in dup[0].message


def test_duplicate_beat_ids_are_caught() -> None:
    text = dump(minimal()).replace(
        "  close:\n", "  ask:\n    say: again\n    menu: true\n    next: end\n  close:\n", 1
    )
    assert any("duplicate key 'ask'" in m for m in messages(text))


def test_wrong_types() -> None:
    data = minimal()
    data["failure"]["severity"] = "high"
    data["remedies"][0]["cost"] = [3]
    data["beats"]["complaint"]["cues"] = "frown"
    msgs = "\n".join(messages(dump(data)))
    assert "failure.severity must be a whole number, not 'high'" in msgs
    assert "remedy cost must be a number" in msgs
    assert "cues must be a list, e.g. [frown]" in msgs


def test_inline_persona_is_read() -> None:
    data = minimal()
    data["customer"]["persona"] = {
        "name": "A regular",
        "temper": 20,
        "patience_s": 30,
        "lines": {"calm": {"en": ["Fine."]}},
    }
    scenario, diags = load_text(dump(data))
    assert scenario is not None, [str(d) for d in diags]
    assert scenario.persona.temper == 20
    assert scenario.persona.lines_for("calm", "en") == ("Fine.",)


def test_text_is_normalised_to_nfc() -> None:
    data = minimal()
    decomposed = "Cafe\u0301 froid"  # e + combining acute
    data["title"] = {"en": decomposed}
    scenario, _ = load_text(dump(data))
    assert scenario is not None
    assert scenario.title.get("en") == "Café froid"
    assert len(scenario.title.get("en")) == len("Café froid")


def test_locale_fallback() -> None:
    data = minimal(locales=["en", "vi"])
    data["title"] = {"en": "Cold coffee", "vi": "Cà phê nguội"}
    scenario, _ = load_text(dump(data))
    assert scenario is not None
    assert scenario.title.get("vi") == "Cà phê nguội"
    assert scenario.title.get("zh-Hans") == "Cold coffee"  # falls back to the first locale
    assert scenario.beats["ask"].say.get("vi") == "Well?"


def test_failure_value_may_give_a_value_per_loss() -> None:
    data = minimal()
    data["failure"]["value"] = {"money": 5, "comfort": 3}
    scenario, diags = load_text(dump(data))
    assert scenario is not None, [str(d) for d in diags]
    assert scenario.failure.value == 8
    assert scenario.failure.loss_value("money") == 5
    assert scenario.failure.loss_value("comfort") == 3
    plain = minimal()
    scenario, _ = load_text(dump(plain))
    assert scenario is not None and scenario.failure.loss_value("money") == 2.5  # split evenly


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"money": 5}, "gives no value for 'comfort'"),
        ({"money": 5, "comfort": 1, "time": 2}, "'time', which is not in failure.losses"),
        ({"money": 5, "comfort": 1, "cash": 2}, "'cash', which is not a loss"),
        ({"money": 0, "comfort": 0}, "adds up to 0"),
        ({"money": "five", "comfort": 1}, "failure.value.money must be a number"),
    ],
)
def test_a_bad_value_per_loss_is_named(value: object, message: str) -> None:
    data = minimal()
    data["failure"]["value"] = value
    scenario, diags = load_text(dump(data))
    assert scenario is None
    assert any(message in d.message for d in diags if d.is_error), [d.message for d in diags]


def test_escalate_says_whom_to() -> None:
    data = minimal()
    data["remedies"][3]["escalate"] = "security"
    data["beats"]["close"]["choices"][1]["escalate"] = "manager"
    scenario, diags = load_text(dump(data))
    assert scenario is not None, [str(d) for d in diags]
    assert scenario.remedy("manager").security  # type: ignore[union-attr]
    bye = scenario.beats["close"].choice("bye")
    assert bye is not None and bye.escalate and not bye.security
    data["remedies"][3]["escalate"] = "police"
    scenario, diags = load_text(dump(data))
    assert scenario is None
    assert any("must be true, false, manager or security" in d.message for d in diags)


def test_conduct_tags_and_distress_are_read_and_checked() -> None:
    data = minimal()
    data["beats"]["complaint"]["distress"] = True
    data["beats"]["close"]["choices"][1]["conduct"] = ["brush-off", "stall"]
    scenario, diags = load_text(dump(data))
    assert scenario is not None, [str(d) for d in diags]
    assert scenario.beats["complaint"].distress is True
    assert scenario.distressed("complaint") and not scenario.distressed("ask")
    bye = scenario.beats["close"].choice("bye")
    assert bye is not None and bye.conduct == ("brush-off", "stall")
    data["beats"]["close"]["choices"][1]["conduct"] = ["stalling"]
    scenario, diags = load_text(dump(data))
    assert scenario is None
    assert any("'stalling' is not one of" in d.message and "stall" in d.message for d in diags)


def test_without_distress_marks_the_customer_is_distressed_where_empathy_is_written() -> None:
    scenario, _ = load_text(dump(minimal()))
    assert scenario is not None
    assert scenario.distressed("complaint")  # own-it carries empathy: true
    assert not scenario.distressed("ask")
