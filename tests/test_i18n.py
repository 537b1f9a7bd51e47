"""Every interface text exists in every supported language, with the same placeholders."""

from __future__ import annotations

import re

import pytest

from trainer.i18n import SUPPORTED, catalog, normalise, said, t


@pytest.mark.parametrize("locale", [loc for loc in SUPPORTED if loc != "en"])
def test_catalogs_are_complete_and_keep_placeholders(locale: str) -> None:
    english, other = catalog("en"), catalog(locale)
    assert set(other) == set(english)
    for key, text in english.items():
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", other[key])), key


def test_lookup_falls_back_and_normalises() -> None:
    assert normalise("zh-CN") == "zh-Hans" and normalise("zh_TW") == "zh-Hant"
    assert normalise("vi-VN") == "vi" and normalise("fr") == "en"
    assert t("dim.speed", "fr") == "Speed"
    assert t("no.such.key", "vi") == "no.such.key"
    assert said("A", "b", "zh-Hans") == "A：b" and said("A", "b", "vi") == "A: b"


def test_every_interface_key_the_window_names_exists() -> None:
    """A key typed in the window's code and missing from the catalog would show as the key."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "trainer" / "ui"
    named = set()
    for path in root.rglob("*.py"):
        named |= set(
            re.findall(r"""t\(\s*["']((?:ui|dim|outcome)\.[\w.-]+)["']""", path.read_text())
        )
    assert named, "the pattern found no key: it would pass vacuously"
    # A key ending in "." is a prefix completed in code ("ui.mood." + mood): check its family.
    english = catalog("en")
    missing = sorted(
        key
        for key in named
        if (
            key not in english
            if not key.endswith(".")
            else not any(k.startswith(key) for k in english)
        )
    )
    assert not missing, missing
