"""Which scenario versions ship with the trainer: the files in the bundled scenario folder, each
with the bundled persona it names. A run played on exactly one of them (same bytes, same persona)
is ranked without a trainer's approval; an edited copy, even under the same id, is not."""

from __future__ import annotations

import hashlib
from functools import cache
from typing import TYPE_CHECKING

from ..paths import bundled_scenarios
from .library import persona_files, scenario_files

if TYPE_CHECKING:
    from ..scenario.model import Scenario


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def persona_sha256(scenario: Scenario) -> str:
    """The SHA-256 of the persona file a scenario was read with ("" for an inline persona)."""
    return sha256_of(scenario.persona.raw) if scenario.persona.raw else ""


@cache
def bundled_scenario_hashes() -> frozenset[str]:
    return frozenset(sha256_of(p.read_bytes()) for p in scenario_files(bundled_scenarios()))


@cache
def bundled_persona_hashes() -> dict[str, str]:
    """Persona id (its file name) -> the SHA-256 of the bundled persona file."""
    return {p.stem: sha256_of(p.read_bytes()) for p in persona_files(bundled_scenarios())}


def is_bundled(scenario: Scenario) -> bool:
    """Whether ``scenario`` is a bundled file, byte for byte, read with its bundled persona."""
    if not scenario.raw or sha256_of(scenario.raw) != scenario.sha256:
        return False
    if scenario.sha256 not in bundled_scenario_hashes():
        return False
    if not scenario.persona.raw:
        return True
    return bundled_persona_hashes().get(scenario.persona.id) == persona_sha256(scenario)


__all__ = [
    "bundled_persona_hashes",
    "bundled_scenario_hashes",
    "is_bundled",
    "persona_sha256",
    "sha256_of",
]
