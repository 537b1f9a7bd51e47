"""Player settings, remembered between sessions in the user's config folder."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from platformdirs import user_config_dir

from ..i18n import SUPPORTED

TEXT_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)
#: answer time: the name of the setting -> how much longer than normal (None: no time limit)
ANSWER_TIMES: dict[str, float | None] = {"normal": 1.0, "double": 2.0, "off": None}
#: from this text size on, settings suggest more answer time (reading takes longer)
SUGGEST_TIME_AT = 1.5


@dataclass(frozen=True)
class Settings:
    lang: str = "en"
    text_scale: float = 1.0
    high_contrast: bool = False
    reduced_motion: bool = False
    fullscreen: bool = False
    answer_time: str = "normal"  # a key of ANSWER_TIMES
    read_aloud: bool = False  # self-voicing: focused text and the customer's lines, aloud
    auto_continue: bool = False  # reactions move on by themselves (never with reduced motion)

    def cleaned(self) -> Settings:
        lang = self.lang if self.lang in SUPPORTED else "en"
        scale = min(TEXT_SCALES, key=lambda s: abs(s - float(self.text_scale)))
        answer = self.answer_time if self.answer_time in ANSWER_TIMES else "normal"
        return replace(self, lang=lang, text_scale=scale, answer_time=answer)

    @property
    def time_factor(self) -> float | None:
        return ANSWER_TIMES[self.answer_time]

    @property
    def suggest_more_time(self) -> bool:
        """Large text and the normal answer time: the settings screen suggests more time."""
        return self.text_scale >= SUGGEST_TIME_AT and self.answer_time == "normal"


def settings_path() -> Path:
    return Path(user_config_dir("service-recovery-trainer")) / "settings.json"


def load(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return Settings()
    names = {f.name for f in fields(Settings)}
    try:
        return Settings(**{k: v for k, v in data.items() if k in names}).cleaned()
    except (TypeError, ValueError):
        return Settings()


def save(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(settings), indent=2), "utf-8")
        tmp.replace(path)
    except OSError:
        pass  # settings are a convenience: never fail the game over them
