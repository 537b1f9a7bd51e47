"""The one lookup for interface and debrief text: a key, a locale, a fallback to English.

Catalogs live in ``trainer/locales/*.py`` as plain dicts (no file I/O at import, no gettext
build step): ``en`` is complete; other locales may miss keys, which fall back to English.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

SUPPORTED = ("en", "zh-Hans", "zh-Hant", "vi")
FALLBACK = "en"


@cache
def catalog(locale: str) -> dict[str, str]:
    if locale not in SUPPORTED:
        return {}
    try:
        module = importlib.import_module(f"trainer.locales.{locale.replace('-', '_').lower()}")
    except ImportError:
        return {}
    return dict(getattr(module, "MESSAGES", {}))


def supported_locale(locale: str) -> str | None:
    """The supported locale a requested tag means (``zh-CN`` -> ``zh-Hans``, ``en-GB`` ->
    ``en``...), or None when none of them fits."""
    lowered = locale.replace("_", "-").lower()
    for supported in SUPPORTED:
        if lowered == supported.lower():
            return supported
    primary = lowered.split("-")[0]
    if primary == "zh":
        if any(part in lowered for part in ("hant", "-tw", "-hk", "-mo")):
            return "zh-Hant"
        return "zh-Hans"
    if primary in ("vi", "en"):
        return primary
    return None


def normalise(locale: str | None) -> str:
    """Map a requested locale tag to a supported one, English when none fits (for settings and
    stored runs; the command line refuses an unsupported ``--lang`` instead)."""
    if not locale:
        return FALLBACK
    return supported_locale(locale) or FALLBACK


def t(key: str, locale: str | None = None, **params: Any) -> str:
    """The text for ``key`` in ``locale`` (else English), formatted with ``params``."""
    loc = normalise(locale)
    template = catalog(loc).get(key) or catalog(FALLBACK).get(key)
    if template is None:
        return key
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return catalog(FALLBACK).get(key, key).format(**params)


def has(key: str) -> bool:
    return key in catalog(FALLBACK)


def said(speaker: str, words: str, locale: str | None = None) -> str:
    """``Speaker: words`` with the colon of the language (full-width in Chinese)."""
    colon = "：" if normalise(locale).startswith("zh") else ": "
    return f"{speaker}{colon}{words}"
