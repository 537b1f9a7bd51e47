"""Helpers shared by the tests: the bundled library and a scenario builder."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from trainer.content.library import Library, bundled_scenarios
from trainer.scenario.diagnostics import Collector, Diagnostic
from trainer.scenario.model import Scenario
from trainer.scenario.validate import read_scenario
from trainer.scenario.yamlsafe import parse_bytes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"

_LIBRARY: Library | None = None


def library() -> Library:
    global _LIBRARY
    if _LIBRARY is None:
        _LIBRARY = Library([bundled_scenarios().resolve()])
    return _LIBRARY


_BUNDLED: list[Scenario] | None = None


def bundled() -> list[Scenario]:
    global _BUNDLED
    if _BUNDLED is None:
        loaded = library().all()
        assert not loaded.errors, [str(d) for d in loaded.errors]
        _BUNDLED = sorted(loaded.scenarios, key=lambda s: s.id)
    return _BUNDLED


def bundled_by_id(scenario_id: str) -> Scenario:
    for scenario in bundled():
        if scenario.id == scenario_id:
            return scenario
    raise KeyError(scenario_id)


def load_text(text: str, name: str = "test.yaml") -> tuple[Scenario | None, list[Diagnostic]]:
    """Load scenario YAML text through the real pipeline, personas from the bundled library."""
    out = Collector(name, [])
    parsed = parse_bytes(text.encode("utf-8"), out)
    if parsed.root is None:
        return None, out.items
    resolver = library().persona_resolver(bundled_scenarios() / name, out)
    scenario = read_scenario(parsed.root, out, resolver, "0" * 64)
    return (scenario if not out.errors else None), out.items


MINIMAL: dict[str, Any] = {
    "format": 1,
    "id": "mini-cold-coffee",
    "version": 1,
    "title": {"en": "Cold coffee"},
    "industry": "cafe",
    "difficulty": 1,
    "failure": {
        "summary": "The latte is cold.",
        "severity": 2,
        "value": 5,
        "losses": ["money", "comfort"],
        "fault": "ours",
        "visible": True,
    },
    "authority": {"budget": 20, "currency": "EUR", "manager": True},
    "customer": {"persona": "reasonable", "name": "Mr. Lind", "needs": ["fix"]},
    "remedies": [
        {
            "id": "remake",
            "label": "Make a fresh latte",
            "cost": 3,
            "value": 5,
            "minutes": 3,
            "restores": ["comfort"],
            "fixes": True,
        },
        {"id": "refund", "label": "Refund the latte", "cost": 5, "restores": ["money"]},
        {
            "id": "voucher",
            "label": "A voucher for next time",
            "cost": 5,
            "restores": ["money"],
            "delayed": True,
        },
        {"id": "manager", "label": "Call the manager", "escalate": True, "minutes": 4},
    ],
    "start": "complaint",
    "beats": {
        "complaint": {
            "say": "This latte is cold.",
            "choices": [
                {
                    "id": "own-it",
                    "text": "I'm so sorry, that's our mistake. Let me fix it.",
                    "apology": ["regret", "responsibility", "repair"],
                    "empathy": True,
                    "next": "ask",
                },
                {
                    "id": "shrug",
                    "text": "Sorry, but it was hot when it left the bar; I saw it go out myself.",
                    "apology": ["argue"],
                    "feedback": "Arguing about the temperature tells him he is wrong to mind.",
                    "next": "ask",
                },
            ],
        },
        "ask": {
            "say": "Well?",
            "choices": [
                {
                    "id": "what-would-help",
                    "text": "What would you like me to do?",
                    "listen": "open",
                    "reveals": ["fix"],
                    "next": "offer",
                },
                {
                    "id": "skip",
                    "text": "Right, no need to explain, here's what we'll do.",
                    "listen": "interrupt",
                    "feedback": "Deciding for him before asking guesses at what he needs.",
                    "next": "offer",
                },
            ],
        },
        "offer": {"say": "So?", "menu": True, "next": "close"},
        "close": {
            "say": "Thanks.",
            "choices": [
                {
                    "id": "full",
                    "text": "We'll check the machine so it doesn't happen again; thanks "
                    "for telling me.",
                    "follow_up": ["prevention", "thanks", "log"],
                    "next": "end",
                },
                {"id": "bye", "text": "Bye now, and have a good day at work!", "next": "end"},
            ],
        },
    },
}


def minimal(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(MINIMAL)
    data.update(changes)
    return data


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
