"""The commonest YAML mistakes are named at the line where they are, in plain words, with the
fix; and what the reader refuses (escaped control characters, duplicate keys) it finds in any
file, at a cost that grows with the file, not with its square."""

from __future__ import annotations

import time

import pytest
from helpers import dump, minimal
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.scenario.diagnostics import Collector, Diagnostic
from trainer.scenario.yamlsafe import parse_bytes


def problems(text: str) -> list[Diagnostic]:
    out = Collector("f.yaml", [])
    parse_bytes(text.encode("utf-8"), out)
    return out.errors


CHOICES = """beats:
  b0:
    say: Hi
    choices:
      - id: a
        text: Hello
{mistake}      - id: b
        text: Bye
        next: end
"""

# (the file, the line and column of the mistake, words the message must say)
MISTAKES = {
    "dedented next, before the next item": (
        CHOICES.format(mistake="      next: end\n"),
        (7, 7),
        ["'next:' is indented less than the keys of the list item", "indent it by 8 spaces"],
    ),
    "next dedented to the beat, inside the choices": (
        CHOICES.format(mistake="    next: end\n"),
        (7, 5),
        ["'next: end' is indented less than the lines around it", "line 8"],
    ),
    "next indented one space too few": (
        CHOICES.format(mistake="       next: end\n"),
        (7, 8),
        ["indent it by 8 spaces"],
    ),
    "next indented more than its neighbours": (
        CHOICES.format(mistake="          next: end\n"),
        (7, 11),
        ["'next:' is indented more than 'text:'", "indent it by 8 spaces"],
    ),
    "unclosed double quote": (
        'id: x\ntitle: "Hello\nversion: 1\nstart: "b0"\n',
        (2, 8),
        ['the quote " that starts this text is never closed'],
    ),
    "unclosed quote in a beat": (
        'beats:\n  b0:\n    say: "Hi there\n    choices:\n      - id: a\n        text: "x"\n',
        (3, 10),
        ["never closed", 'matching "'],
    ),
    "apostrophe inside single quotes": (
        "beats:\n  b0:\n    say: 'I can't wait'\n",
        (3, 10),
        ["ends at the apostrophe", "('')", "double quotes"],
    ),
    "unclosed bracket": (
        "failure:\n  losses: [money, time\n  fault: ours\n",
        (2, 11),
        ["the list opened with '['", "close it with ']'"],
    ),
    "unclosed brace": (
        "title: {en: Hello\nversion: 1\n",
        (1, 8),
        ["the mapping opened with '{'", "close it with '}'"],
    ),
    "tab for indentation": (
        "id: x\nfailure:\n  summary: x\n\tseverity: 2\n",
        (4, 1),
        ["indented with a tab", "spaces"],
    ),
    "tab inside a list item": (
        "choices:\n  - id: a\n\t  text: b\n",
        (3, 1),
        ["indented with a tab"],
    ),
    "missing space after a colon": (
        "format: 1\nid:hotel\nversion: 1\n",
        (2, 3),
        ["put a space after the colon", "'id: hotel'"],
    ),
    "missing space after a colon, nested": (
        "failure:\n  summary: x\n  severity:2\n  fault: ours\n",
        (3, 11),
        ["'severity: 2'"],
    ),
    "missing space after a colon, in a list item": (
        "remedies:\n  - id:fix\n    label: Fix\n",
        (2, 7),
        ["'id: fix'"],
    ),
    "colon inside unquoted text": (
        "title: Note: this is it\n",
        (1, 12),
        ["colon followed by a space", "in quotes"],
    ),
    "a stray closing bracket": (
        "key: [a, b]]\n",
        (1, 12),
        ["closes a list that was never opened"],
    ),
    "a key at the level of a list": (
        "- a\nb: c\n",
        (2, 1),
        ["at the level of the list that starts on line 1", "'- '"],
    ),
    "text starting with @": (
        "customer:\n  name: @lind\n",
        (2, 9),
        ["cannot start with '@'", "quotes"],
    ),
}


@pytest.mark.parametrize("name", list(MISTAKES))
def test_common_mistakes_are_named_where_they_are(name: str) -> None:
    text, where, words = MISTAKES[name]
    found = problems(text)
    assert len(found) == 1, found
    assert (found[0].line, found[0].col) == where, found[0]
    for word in words:
        assert word in found[0].message, found[0].message
    assert "did not find expected" not in found[0].message  # libyaml's words stay out


def test_an_unknown_syntax_error_still_has_a_place_and_a_message() -> None:
    found = problems("a: *\n")
    assert [(d.line, d.col) for d in found] == [(1, 5)]
    assert found[0].message.startswith("YAML syntax error: ")


@pytest.mark.parametrize(
    "escape,code",
    [("\\e", "001B"), ("\\a", "0007"), ("\\0", "0000"), ("\\x9b", "009B"), ("\\u0085x\\b", "0008")],
)
def test_control_characters_written_as_escapes_are_refused(escape: str, code: str) -> None:
    found = problems(f'id: x\ntitle: "Cold {escape}coffee"\n')
    assert [(d.line, d.col) for d in found] == [(2, 8)]
    assert f"U+{code}" in found[0].message and "escape" in found[0].message


def test_ordinary_escapes_and_raw_text_stay_allowed() -> None:
    assert not problems('id: x\ntitle: "Tab\\there, line\\nbreak, caf\\u00e9, \\"quoted\\""\n')


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), min_size=1, max_size=60),
    st.data(),
)
def test_every_duplicate_key_is_found_with_its_first_line(
    keys: list[str], data: st.DataObject
) -> None:
    unique = list(dict.fromkeys(keys))
    again = data.draw(st.lists(st.sampled_from(unique), max_size=5))
    lines = [f"{key}: 1" for key in unique] + [f"{key}: 2" for key in again]
    found = problems("\n".join(lines) + "\n")
    first = {key: i + 1 for i, key in enumerate(unique)}
    expected = [
        (len(unique) + i + 1, f"duplicate key '{key}' (first at line {first[key]})")
        for i, key in enumerate(again)
    ]
    assert [(d.line, d.message.split(";")[0]) for d in found] == expected


def test_duplicate_keys_in_a_big_flat_mapping_cost_linear_time() -> None:
    """A 175 KB mapping took 28 s when each key was compared with every other; now its
    duplicate is found in a single pass (the bound here only catches a return of the
    quadratic scan; benchmarks/bench_limits.py measures the real figure)."""
    lines = [f"k{i:07d}: 1" for i in range(16_000)] + ["k0000007: 2"]
    started = time.perf_counter()
    found = problems("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 20
    assert [(d.line, d.message.split(";")[0]) for d in found] == [
        (16_001, "duplicate key 'k0000007' (first at line 8)")
    ]


def test_messages_quote_only_a_short_excerpt_of_a_value() -> None:
    secret = "AKIA" + "FAKESECRET" * 12
    for text in (secret + "\n", f"id: {secret}\n", f"title: [{secret}]\n", f"{secret}: 1\n"):
        out = Collector("f.yaml", [])
        parsed = parse_bytes(text.encode(), out)
        from trainer.scenario.validate import read_scenario

        if parsed.root is not None:
            read_scenario(parsed.root, out, lambda _: None)
        assert out.errors
        for diagnostic in out.items:
            assert secret[:33] not in diagnostic.message, diagnostic.message


def test_a_valid_file_has_no_hint() -> None:
    assert not problems(dump(minimal()))
