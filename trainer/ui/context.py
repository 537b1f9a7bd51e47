"""What every scene shares: settings, theme, fonts, the scenarios, the results port, the
signed-in trainee, and the injected clock and id source. Built once by the app (the
composition root) or by a test."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ..i18n import t as translate
from ..results import MemoryResults, Results
from .fonts import FontBook
from .settings import Settings
from .theme import Theme, theme_for

if TYPE_CHECKING:
    from ..application.review import ReviewPort
    from ..scenario.model import Scenario


def _now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Context:
    settings: Settings
    scenarios: list[Scenario]
    results: Results = field(default_factory=MemoryResults)
    save_settings: Callable[[Settings], None] = lambda s: None
    now: Callable[[], datetime] = _now
    new_id: Callable[[], str] = lambda: str(uuid.uuid4())
    trainee: str = ""
    cohort: str | None = None
    size: tuple[int, int] = (1280, 720)
    time: float = 0.0  # seconds since start, for animation only
    demo: bool = False  # demo mode: a script drives the scenes
    time_scale: float = 1.0  # demo --fast: the encounter's clocks run faster
    new_seed: Callable[[], int] = lambda: uuid.uuid4().int % 2**31
    #: trainer review, when there is a results store behind ``results`` (None: there is not)
    review: Callable[[], ReviewPort | None] = lambda: None
    _fonts: dict[tuple[tuple[int, int], float, str], FontBook] = field(default_factory=dict)

    def t(self, key: str, **params: Any) -> str:
        return translate(key, self.settings.lang, **params)

    @property
    def lang(self) -> str:
        return self.settings.lang

    @property
    def theme(self) -> Theme:
        return theme_for(self.settings.high_contrast)

    @property
    def fonts(self) -> FontBook:
        key = (self.size, self.settings.text_scale, self.settings.lang)
        book = self._fonts.get(key)
        if book is None:
            book = self._fonts[key] = FontBook(*key)
        return book

    def update_settings(self, **changes: Any) -> None:
        self.settings = replace(self.settings, **changes).cleaned()
        self.save_settings(self.settings)

    def scenario(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def next_scenario(self, scenario_id: str) -> Scenario | None:
        ids = [s.id for s in self.scenarios]
        if scenario_id not in ids or not ids:
            return self.scenarios[0] if self.scenarios else None
        return self.scenarios[(ids.index(scenario_id) + 1) % len(ids)]
