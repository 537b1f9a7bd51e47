"""Self-voicing: the game reads the focused text and the customer's lines aloud through the
system's speech engine, in the player's language where a voice for it exists.

Engines, the first found: espeak-ng (or espeak) on Linux and elsewhere if installed, ``say`` on
macOS, pyttsx3 if installed (Windows' SAPI). Speech runs on a thread of its own; a new line
interrupts the one being read, unless it is queued after it. Without an engine, nothing is read
and nothing fails.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
from collections import deque
from pathlib import Path
from typing import Any

#: the player's language -> espeak-ng voices to try, in order
ESPEAK_VOICES = {
    "en": ("en-gb", "en"),
    "zh-Hans": ("cmn", "zh"),
    "zh-Hant": ("cmn", "yue", "zh"),
    "vi": ("vi",),
}
#: macOS ``say`` voices per language
SAY_VOICES = {
    "en": ("Samantha", "Daniel"),
    "zh-Hans": ("Tingting",),
    "zh-Hant": ("Meijia",),
    "vi": ("Linh",),
}
_SYMBOLS = re.compile(r"[‹›◀▶★☆✓×‖○·•→←↑↓|]+")


def speakable(words: str) -> str:
    """The text as it should be read: symbols that mean nothing aloud left out."""
    return " ".join(_SYMBOLS.sub(" ", words).split())


class Voice:
    """Reads text aloud. ``engine``: "espeak-ng", "espeak", "say", "pyttsx3", or None to find
    the first available."""

    def __init__(self, engine: str | None = None) -> None:
        self.engine = engine if engine is not None else find_engine()
        self._voices: dict[str, str | None] = {}
        self._queue: deque[tuple[str, str]] = deque()
        self._lock = threading.Condition()
        self._process: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        self._stopped = False
        self._tts: Any = None

    @property
    def available(self) -> bool:
        return self.engine is not None

    # -- which voice ---------------------------------------------------------------------------
    def voice_for(self, lang: str) -> str | None:
        """The engine's voice for ``lang`` (None: the engine's default voice)."""
        if lang not in self._voices:
            self._voices[lang] = self._find_voice(lang)
        return self._voices[lang]

    def _find_voice(self, lang: str) -> str | None:
        if self.engine in ("espeak-ng", "espeak"):
            for name in ESPEAK_VOICES.get(lang, (lang,)):
                try:
                    listed = subprocess.run(
                        [self.engine, f"--voices={name}"],
                        capture_output=True,
                        text=True,
                        timeout=5,
                        check=False,
                    ).stdout
                except (OSError, subprocess.SubprocessError):
                    return None
                if len(listed.strip().splitlines()) > 1:
                    return name
            return None
        if self.engine == "say":
            try:
                listed = subprocess.run(
                    ["say", "-v", "?"], capture_output=True, text=True, timeout=5, check=False
                ).stdout
            except (OSError, subprocess.SubprocessError):
                return None
            for name in SAY_VOICES.get(lang, ()):
                if re.search(rf"^{re.escape(name)}\s", listed, re.M):
                    return name
        return None

    def has_voice(self, lang: str) -> bool:
        return self.available and (lang == "en" or self.voice_for(lang) is not None)

    # -- speaking ------------------------------------------------------------------------------
    def command(self, words: str, lang: str, wav: Path | None = None) -> list[str] | None:
        voice = self.voice_for(lang)
        if self.engine in ("espeak-ng", "espeak"):
            args = [self.engine, "-s", "160"]
            if voice:
                args += ["-v", voice]
            if wav is not None:
                args += ["-w", str(wav)]
            return [*args, "--", words]
        if self.engine == "say":
            args = ["say"]
            if voice:
                args += ["-v", voice]
            if wav is not None:
                args += ["-o", str(wav), "--data-format=LEI16@22050", "--file-format=WAVE"]
            return [*args, words]
        return None

    def say(self, words: str, lang: str, queue: bool = False) -> None:
        """Read ``words`` (interrupting what is being read, unless ``queue``)."""
        words = speakable(words)
        if not words or not self.available:
            return
        with self._lock:
            if not queue:
                self._queue.clear()
                self._interrupt()
            self._queue.append((words, lang))
            self._lock.notify()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="trainer-voice", daemon=True)
                self._thread.start()

    def _interrupt(self) -> None:
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()  # our own child: the line being read
        if self._tts is not None:
            self._tts.stop()

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._queue and not self._stopped:
                    self._lock.wait()
                if self._stopped:
                    return
                words, lang = self._queue.popleft()
            self._speak_now(words, lang)

    def _speak_now(self, words: str, lang: str) -> None:
        if self.engine == "pyttsx3":
            self._pyttsx3_say(words)
            return
        args = self.command(words, lang)
        if args is None:
            return
        try:
            with self._lock:
                self._process = subprocess.Popen(
                    args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )
                process = self._process
            process.wait()
        except OSError:
            self.engine = None  # the engine went away: stay silent rather than fail

    def _pyttsx3_say(self, words: str) -> None:
        try:
            if self._tts is None:
                import pyttsx3  # type: ignore[import-not-found]

                self._tts = pyttsx3.init()
            self._tts.say(words)
            self._tts.runAndWait()
        except Exception:  # noqa: BLE001 - a broken speech engine must not stop the game
            self.engine = None

    def to_file(self, words: str, lang: str, path: Path) -> bool:
        """Write ``words`` spoken in ``lang`` to a WAV file (tests, and checking a voice)."""
        words = speakable(words)
        if not self.available or not words:
            return False
        if self.engine == "pyttsx3":
            try:
                import pyttsx3

                engine = pyttsx3.init()
                engine.save_to_file(words, str(path))
                engine.runAndWait()
            except Exception:  # noqa: BLE001
                return False
            return path.exists()
        args = self.command(words, lang, wav=path)
        if args is None:
            return False
        try:
            done = subprocess.run(args, capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.SubprocessError):
            return False
        return done.returncode == 0 and path.exists() and path.stat().st_size > 44

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._queue.clear()
            self._interrupt()
            self._lock.notify_all()


def find_engine() -> str | None:
    for name in ("espeak-ng", "espeak"):
        if shutil.which(name):
            return name
    if sys.platform == "darwin" and shutil.which("say"):
        return "say"
    try:
        import importlib.util

        if importlib.util.find_spec("pyttsx3") is not None:
            return "pyttsx3"
    except (ImportError, ValueError):
        pass
    return None
