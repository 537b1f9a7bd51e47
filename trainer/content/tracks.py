"""Orientation track files on disk: ``tracks/*.yaml`` beside the scenarios of each scenario
folder, read into :class:`~trainer.scenario.tracks.Track` with every problem located."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..scenario.diagnostics import Collector, Diagnostic, sort_key
from ..scenario.tracks import Track, read_track
from ..scenario.yamlsafe import parse_bytes
from .files import display, read_file
from .library import TRACKS, _id_line


@dataclass
class LoadedTracks:
    tracks: list[Track] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def sorted_diagnostics(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=sort_key)


def is_track_file(path: Path) -> bool:
    return path.resolve().parent.name == TRACKS and path.suffix in (".yaml", ".yml")


def track_files(folder: Path) -> list[Path]:
    """The track files of a scenario folder (``folder/tracks/*.yaml``), or of a tracks folder."""
    tdir = folder if folder.resolve().name == TRACKS else folder / TRACKS
    if not tdir.is_dir():
        return []
    return sorted(p for p in tdir.iterdir() if p.suffix in (".yaml", ".yml"))


def load_track(
    path: Path, known: Collection[str] | None = None
) -> tuple[Track | None, list[Diagnostic]]:
    out = Collector(display(path), [])
    data = read_file(path, out, kind="track")
    if data is None:
        return None, out.items
    parsed = parse_bytes(data, out)
    if parsed.root is None:
        return None, out.items
    track = read_track(parsed.root, out, known)
    if track is not None and track.id != path.stem:
        out.error(
            _id_line(parsed.root),
            1,
            f"track id '{track.id}' does not match the file name '{path.name}'; name the file "
            f"{track.id}.yaml",
        )
        track = None
    return track, out.items


def load_tracks(paths: Iterable[Path], known: Collection[str] | None = None) -> LoadedTracks:
    """Read track files (and the tracks/ folders of scenario folders), in order; an id used
    twice is an error on the second file."""
    loaded = LoadedTracks()
    seen: dict[str, Path] = {}
    files: list[Path] = []
    for path in paths:
        files.extend(track_files(path) if path.is_dir() else [path])
    for path in files:
        loaded.files += 1
        track, diagnostics = load_track(path, known)
        loaded.diagnostics.extend(diagnostics)
        if track is None:
            continue
        if track.id in seen:
            loaded.diagnostics.append(
                Diagnostic(
                    display(path),
                    1,
                    1,
                    f"duplicate track id '{track.id}' (also {display(seen[track.id])}); rename one",
                )
            )
            continue
        seen[track.id] = path
        loaded.tracks.append(track)
    return loaded


def tracks_for(folders: Sequence[Path], known: Collection[str]) -> list[Track]:
    """Every valid track in the scenario folders in use, for the game (broken ones left out:
    ``trainer validate`` names them)."""
    return load_tracks(folders, known).tracks
