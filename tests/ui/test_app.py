"""The window's loop: slow work (opening the store, reading runs) stays off it, still screens
are not redrawn, closing the window during a run asks first, a run in flight is saved before
the window closes, and self-voicing reads what has the focus and what the customer says."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pygame
import pytest
from helpers import bundled, bundled_by_id

from trainer.results import MemoryResults
from trainer.ui.app import App, Options
from trainer.ui.intents import Intent
from trainer.ui.jobs import ThreadJobs
from trainer.ui.scene import Push, go
from trainer.ui.settings import Settings
from trainer.ui.speech import Voice, find_engine, speakable


class SlowResults(MemoryResults):
    """Results whose store takes its time (as SQLAlchemy and the migrations do)."""

    def __init__(self, delay: float) -> None:
        super().__init__()
        self.delay = delay
        self.opened = threading.Event()
        self.threads: set[str] = set()

    def durable(self) -> bool:
        self.threads.add(threading.current_thread().name)
        time.sleep(self.delay)
        self.opened.set()
        return True

    def history(self, trainee: str):  # type: ignore[no-untyped-def]
        self.threads.add(threading.current_thread().name)
        self.opened.wait(5)
        return super().history(trainee)


class FakeVoice:
    def __init__(self) -> None:
        self.said: list[tuple[str, str, bool]] = []

    def say(self, words: str, lang: str, queue: bool = False) -> None:
        self.said.append((words, lang, queue))

    def stop(self) -> None:
        pass


@pytest.fixture
def app_factory():  # type: ignore[no-untyped-def]
    made: list[App] = []

    def make(**changes: object) -> App:
        settings = changes.pop("settings", Settings(reduced_motion=True))
        options = Options(
            scenarios=sorted(bundled(), key=lambda s: (s.difficulty, s.id)),
            size=(1024, 600),
            remember_settings=False,
            settings=settings,  # type: ignore[arg-type]
            **changes,  # type: ignore[arg-type]
        )
        app = App(options)
        app.open_window()
        app.start()
        made.append(app)
        return app

    yield make
    for app in made:
        app.ctx.jobs.shutdown()
    pygame.display.init()
    pygame.display.set_mode((1, 1))


def steps(app: App, count: int) -> None:
    for _ in range(count):
        app.step()


def test_the_title_and_the_picker_show_while_the_store_opens(app_factory) -> None:  # type: ignore[no-untyped-def]
    results = SlowResults(delay=4.0)
    app = app_factory(results=results, jobs=ThreadJobs())
    app.step()  # the first frame: the title
    assert app.frames == 1 and app.stack.top.name == "title"
    app.ctx.sign_in("Ana", None, None)
    app.stack.apply(Push(go("picker")), app.ctx.size)
    steps(app, 3)
    assert app.stack.top.name == "picker" and app.frames >= 2
    assert not results.opened.is_set()  # drawn while the store was still opening
    assert not app.stack.top.ready  # the scores are still on their way
    assert results.opened.wait(10)
    deadline = time.perf_counter() + 10
    while not app.stack.top.ready and time.perf_counter() < deadline:
        app.step()
    assert app.stack.top.ready
    assert results.threads and all(name.startswith("trainer-jobs") for name in results.threads)


def test_a_still_screen_is_not_redrawn(app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory()
    steps(app, 5)  # the first frames: the title, then its illustrations
    drawn = app.frames
    started = time.perf_counter()
    steps(app, 8)
    assert app.frames == drawn  # nothing changed: nothing drawn
    assert time.perf_counter() - started >= 1.0  # and the loop slept between looks
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0))
    app.step()
    assert app.frames == drawn + 1  # input: one new frame


def test_closing_the_window_during_a_run_asks_and_saves_nothing_half_done(app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory()
    app.ctx.sign_in("Ana", None, None)
    app.stack.apply(
        Push(go("encounter", scenario=bundled_by_id("bank-double-charge"))), (1024, 600)
    )
    app.dispatch(Intent("quit"))
    assert app.stack.quit_code is None and app.stack.top.name == "dialog"
    app.dispatch(Intent("back"))  # stay
    assert app.stack.top.name == "encounter"
    app.dispatch(Intent("quit"))
    dialog = app.stack.top
    item = dialog.focus.item("quit")
    app.dispatch(Intent("click", pos=item.rect.center))
    assert app.stack.quit_code == 0


def test_self_voicing_reads_the_focus_and_the_customer(app_factory) -> None:  # type: ignore[no-untyped-def]
    voice = FakeVoice()
    app = app_factory(voice=voice, settings=Settings(reduced_motion=True, read_aloud=True))
    app.step()
    app.dispatch(Intent("down"))
    app.step()
    assert any(words == app.stack.top.spoken() for words, _, _ in voice.said)
    app.ctx.sign_in("Ana", None, None)
    scenario = bundled_by_id("bank-double-charge")
    app.stack.apply(Push(go("encounter", scenario=scenario)), (1024, 600))
    voice.said.clear()
    app.step()
    first = scenario.beats[scenario.start].say.get("en")
    assert voice.said[0][0] == first  # the customer's words first
    assert not any(queued for _, _, queued in voice.said)  # no choice has focus yet
    app.stack.top.guard = 0.0
    app.dispatch(Intent("down"))  # the trainee moves: now the focus is read
    app.step()
    focused = app.stack.top.focus.focused
    assert focused is not None and voice.said[-1][0] == focused.label


def test_a_scenario_not_in_the_players_language_is_read_with_its_own_voice(app_factory) -> None:  # type: ignore[no-untyped-def]
    voice = FakeVoice()
    settings = Settings(reduced_motion=True, read_aloud=True, lang="vi")
    app = app_factory(voice=voice, settings=settings)
    app.step()
    app.ctx.sign_in("Lan", None, None)
    scenario = bundled_by_id("hotel-overbooked-late-arrival")  # English and Chinese only
    assert "vi" not in scenario.locales
    app.stack.apply(Push(go("encounter", scenario=scenario)), (1024, 600))
    voice.said.clear()
    app.step()
    assert voice.said and all(lang == scenario.fallback for _, lang, _ in voice.said)


def test_f2_turns_reading_aloud_on_and_off(app_factory) -> None:  # type: ignore[no-untyped-def]
    voice = FakeVoice()
    app = app_factory(voice=voice)
    app.step()
    app.dispatch(Intent("voice"))
    assert app.ctx.settings.read_aloud
    assert voice.said[-1][0] == app.ctx.t("ui.voice.on")
    app.dispatch(Intent("voice"))
    assert not app.ctx.settings.read_aloud
    count = len(voice.said)
    app.dispatch(Intent("down"))
    app.step()
    assert len(voice.said) == count  # off: silent


def test_words_are_read_without_the_symbols() -> None:
    assert speakable("‹ Back") == "Back"
    assert speakable("★★☆☆☆ Cold burger · Level 1") == "Cold burger Level 1"


def wav_seconds(path: Path) -> float:
    import wave

    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


@pytest.mark.skipif(find_engine() not in ("espeak-ng", "espeak"), reason="needs espeak-ng")
@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", "I am truly sorry; let me fix this now."),
        ("vi", "Tôi thật sự xin lỗi; để tôi xử lý ngay."),
        ("zh-Hans", "非常抱歉，我马上为您处理。"),
    ],
)
def test_speech_in_the_players_language_written_to_a_file(
    tmp_path: Path, lang: str, words: str
) -> None:
    voice = Voice()
    assert voice.has_voice(lang)
    path = tmp_path / f"{lang}.wav"
    assert voice.to_file(words, lang, path)
    assert path.read_bytes()[:4] == b"RIFF"
    assert wav_seconds(path) > 1.0  # a sentence, not a click
    short = tmp_path / "short.wav"
    assert voice.to_file("Yes.", lang, short)
    assert wav_seconds(short) < wav_seconds(path)


def test_without_a_speech_engine_nothing_is_read_and_nothing_fails(tmp_path: Path) -> None:
    voice = Voice(engine=None)
    voice.engine = None
    assert not voice.available
    voice.say("hello", "en")
    assert not voice.to_file("hello", "en", tmp_path / "x.wav")
    voice.stop()
