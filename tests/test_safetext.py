"""Text from users made safe to show: escaped, bounded in width, JSON that reads back the same,
CSV cells a spreadsheet never runs."""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from trainer.safetext import UNSAFE, csv_cell, dumps, visible

RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
any_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)


@given(any_text, st.integers(1, 80))
def test_visible_text_has_no_unsafe_character_and_keeps_to_its_width(text: str, width: int) -> None:
    shown = visible(text, width)
    assert not UNSAFE.search(shown) and "\n" not in shown
    assert len(shown) <= width
    if len(visible(text)) <= width:
        assert shown == visible(text)  # nothing is cut that fits


@given(st.recursive(any_text | st.integers(), lambda inner: st.lists(inner, max_size=4)))
def test_json_keeps_every_string_and_carries_no_raw_control(value: Any) -> None:
    text = dumps({"v": value}, indent=2)
    assert json.loads(text) == {"v": value}
    assert not RAW.search(text.replace("\n", ""))


@given(
    st.text(alphabet=" \u200b\u200c\u200d\u2060\ufeff\t\u00a0", max_size=4),
    st.sampled_from("=+-@"),
    any_text,
)
def test_a_formula_behind_spaces_or_invisible_characters_is_quoted(
    lead: str, sign: str, rest: str
) -> None:
    cell = csv_cell(lead + sign + rest)
    assert isinstance(cell, str) and cell.startswith("'")
