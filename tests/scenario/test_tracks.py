"""Orientation track files: the format (``format: 1``, ``id``, ``title`` in every language,
``scenarios`` in order), its located errors and warnings, the loader and ``trainer validate``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers import ROOT, bundled
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.cli import main
from trainer.content.tracks import load_tracks, tracks_for
from trainer.scenario.diagnostics import Collector
from trainer.scenario.tracks import TRACK_LOCALES, read_track
from trainer.scenario.yamlsafe import parse_bytes

KNOWN = ("bank-double-charge", "fast-food-cold-burger", "hotel-noisy-room")
TITLE = {"en": "Day 1", "zh-Hans": "第一天", "zh-Hant": "第一天", "vi": "Ngày 1"}


def read(text: str, known=KNOWN):  # type: ignore[no-untyped-def]
    out = Collector("t.yaml", [])
    parsed = parse_bytes(text.encode(), out)
    assert parsed.root is not None
    return read_track(parsed.root, out, known), out.items


def document(**changes: object) -> str:
    data = {"format": 1, "id": "day-1", "title": TITLE, "scenarios": list(KNOWN[:2])}
    data.update(changes)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@given(order=st.permutations(KNOWN))
@settings(max_examples=20, deadline=None)
def test_a_valid_track_keeps_its_order(order: list[str]) -> None:
    track, diagnostics = read(document(scenarios=list(order)))
    assert diagnostics == []
    assert track is not None and track.scenarios == tuple(order)
    assert {loc: track.title.get(loc) for loc in TRACK_LOCALES} == TITLE


@pytest.mark.parametrize(
    "changes, line, message",
    [
        ({"format": 2}, 1, "format 2 is not supported"),
        ({"id": "Day 1"}, 2, "is not a valid id"),
        ({"scenarios": []}, 8, "scenarios is empty"),
        ({"scenarios": ["bank-double-charg"]}, 9, 'did you mean "bank-double-charge"'),
        ({"scenarios": ["bank-double-charge", "bank-double-charge"]}, 10, "listed twice"),
        ({"title": {"vi": "Ngày 1"}}, 4, "title has no English (en) text"),
        ({"color": "red"}, 11, "unknown key 'color'"),
    ],
)
def test_each_mistake_is_located_and_refused(changes: dict, line: int, message: str) -> None:  # type: ignore[type-arg]
    track, diagnostics = read(document(**changes))
    assert track is None
    assert any(d.line == line and message in d.message and d.is_error for d in diagnostics), [
        str(d) for d in diagnostics
    ]


def test_a_title_missing_a_language_is_a_warning_not_an_error() -> None:
    track, diagnostics = read(document(title={"en": "Day 1", "vi": "Ngày 1"}))
    assert track is not None
    [warning] = diagnostics
    assert not warning.is_error and "zh-Hans, zh-Hant" in warning.message


def test_the_bundled_tracks_load_and_name_real_scenarios() -> None:
    ids = {s.id for s in bundled()}
    tracks = tracks_for([ROOT / "scenarios"], ids)
    assert [t.id for t in tracks] == ["day-1-front-line", "difficult-customers"]
    for track in tracks:
        assert set(track.scenarios) <= ids and len(track.scenarios) >= 4
        assert all(track.title.get(loc) for loc in TRACK_LOCALES)


def test_the_file_name_must_be_the_id(tmp_path: Path) -> None:
    folder = tmp_path / "tracks"
    folder.mkdir()
    (folder / "other.yaml").write_text(document(), "utf-8")
    loaded = load_tracks([folder], KNOWN)
    assert loaded.tracks == [] and "does not match the file name" in loaded.errors[0].message


def test_validate_recognises_track_files_and_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(ROOT / "scenarios")]) == 0
    assert "2 track(s)" in capsys.readouterr().out
    folder = tmp_path / "tracks"
    folder.mkdir()
    (folder / "day-1.yaml").write_text(document(scenarios=["no-such-scenario"]), "utf-8")
    assert main(["validate", str(folder / "day-1.yaml")]) == 1
    err = capsys.readouterr().err
    assert "day-1.yaml:9:" in err and "there is no scenario 'no-such-scenario'" in err
    (folder / "day-1.yaml").write_text(document(), "utf-8")
    assert main(["validate", str(folder)]) == 0
    assert "1 track(s) valid" in capsys.readouterr().out
