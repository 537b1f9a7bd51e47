"""What every scene shares: settings, theme, fonts, the scenarios and tracks, the results port
(reached through a worker, so the window never waits on the database), the signed-in trainee
and their history, the voice, and the injected clock and id source. Built once by the app (the
composition root) or by a test."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ..i18n import t as translate
from ..results import MemoryResults, Results, RunRecord
from .fonts import FontBook
from .jobs import ImmediateJobs, Jobs, outcome
from .settings import Settings
from .theme import Theme, theme_for

if TYPE_CHECKING:
    from ..application.review import ReviewPort
    from ..content.tracks import Track
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
    cohort_name: str | None = None
    size: tuple[int, int] = (1280, 720)
    time: float = 0.0  # seconds since start, for animation only
    demo: bool = False  # demo mode: a script drives the scenes
    time_scale: float = 1.0  # demo --fast: the encounter's clocks run faster
    new_seed: Callable[[], int] = lambda: uuid.uuid4().int % 2**31
    #: trainer review, when there is a results store behind ``results`` (None: there is not)
    review: Callable[[], ReviewPort | None] = lambda: None
    #: called with each new encounter scene (trainer play --from BEAT starts it at that beat)
    encounter_hook: Callable[[Any], None] | None = None
    #: where slow work runs (the results store, reading files); tests run it at once
    jobs: Jobs = field(default_factory=ImmediateJobs)
    #: orientation tracks (ordered lists of scenario ids)
    tracks: list[Track] = field(default_factory=list)
    #: reads text aloud in a language (self-voicing); the app plugs in the system's voice
    speak: Callable[[str, str], None] = lambda text, lang: None
    #: the scenarios are still being read (the picker says so instead of "no scenario")
    loading: bool = False
    #: frames drawn so far (the title's illustrations wait for the first one)
    frames: int = 0
    _fonts: dict[tuple[tuple[int, int], float, str], FontBook] = field(default_factory=dict)
    _history: Future[list[RunRecord]] | None = None
    _history_for: str = ""
    _saving: list[tuple[Future[bool], RunRecord]] = field(default_factory=list)

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

    @property
    def time_factor(self) -> float | None:
        """How much longer than normal the trainee may take to answer (None: no limit)."""
        return self.settings.time_factor

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

    # -- the trainee ---------------------------------------------------------------------------
    def sign_in(self, trainee: str, cohort: str | None, cohort_name: str | None) -> None:
        self.trainee, self.cohort, self.cohort_name = trainee, cohort, cohort_name
        self._history = None
        self.load_history()

    def load_history(self) -> None:
        """Start reading the trainee's runs (once per sign-in; saves are added as they land)."""
        if not self.trainee:
            return
        if self._history is None or self._history_for != self.trainee:
            self._history_for = self.trainee
            self._history = self.jobs.submit(self.results.history, self.trainee)

    def reload_history(self) -> None:
        """Read the trainee's runs again (after results changed behind the window's back)."""
        self._history = None
        self.load_history()

    def history(self) -> tuple[bool, list[RunRecord]]:
        """(ready, the trainee's runs oldest first); not ready while the store is read."""
        self.load_history()
        self.saves_landed()
        done, value, _ = outcome(self._history)
        return done, list(value or [])

    def track_save(self, saving: Future[bool], record: RunRecord) -> None:
        """A run being saved: it joins the history when (and if) the save succeeds, whichever
        screen is showing by then."""
        self._saving.append((saving, record))

    @property
    def saving(self) -> bool:
        return any(not future.done() for future, _ in self._saving)

    def saves_landed(self) -> None:
        for future, record in list(self._saving):
            done, _, error = outcome(future)
            if not done:
                continue
            self._saving.remove((future, record))
            if not error:
                self.add_to_history(record)

    def add_to_history(self, record: RunRecord) -> None:
        """A run just saved joins the history without reading the store again."""
        done, value, error = outcome(self._history)
        known = {r.run_id for r in value or []}
        if (
            done
            and not error
            and record.trainee == self._history_for
            and record.run_id not in known
        ):
            future: Future[list[RunRecord]] = Future()
            future.set_result([*(value or []), record])
            self._history = future
