"""Finding and loading scenario and persona files: the one place in this package that reads files.

Folders: the bundled ``scenarios/`` (inside the package when installed, beside it in a checkout),
then every folder in ``TRAINER_SCENARIOS`` (``:``-separated) and ``--scenarios DIR``. A folder's
``personas/`` holds its personas, ``scripts/`` its model scripts and ``tracks/`` its orientation
tracks; all three are skipped when scenarios are listed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..paths import bundled_assets, bundled_scenarios
from ..scenario.diagnostics import Collector, Diagnostic, sort_key
from ..scenario.model import Persona, Scenario
from ..scenario.reader import SLUG, Reader
from ..scenario.validate import read_persona, read_scenario
from ..scenario.yamlsafe import parse_bytes

PERSONAS = "personas"
SCRIPTS = "scripts"
TRACKS = "tracks"  # orientation tracks (content/tracks.py), not scenarios
SKIP_DIRS = {PERSONAS, SCRIPTS, TRACKS}


def scenario_dirs(
    extra: Iterable[str | Path] = (), env: dict[str, str] | None = None
) -> list[Path]:
    """The bundled folder, then ``TRAINER_SCENARIOS`` entries, then ``extra``."""
    env = dict(os.environ) if env is None else env
    dirs = [bundled_scenarios()]
    for entry in env.get("TRAINER_SCENARIOS", "").split(":"):
        if entry.strip():
            dirs.append(Path(entry.strip()))
    dirs.extend(Path(d) for d in extra)
    out: list[Path] = []
    for d in dirs:
        resolved = d.resolve()
        if resolved not in out:
            out.append(resolved)
    return out


def display(path: Path) -> str:
    """A path as a trainer would like to read it: relative to the working folder if inside."""
    if not path.is_absolute():
        return str(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def is_persona_file(path: Path) -> bool:
    return path.resolve().parent.name == PERSONAS


def scenario_files(folder: Path) -> list[Path]:
    """Scenario files below ``folder``, skipping personas/ and scripts/ and hidden folders."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                found.append(Path(root) / name)
    return found


def persona_files(folder: Path) -> list[Path]:
    pdir = folder / PERSONAS
    if not pdir.is_dir():
        return []
    return sorted(p for p in pdir.iterdir() if p.suffix in (".yaml", ".yml"))


@dataclass
class Loaded:
    """Everything read in one pass: models, and the diagnostics of every file."""

    scenarios: list[Scenario] = field(default_factory=list)
    personas: dict[Path, Persona] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def sorted_diagnostics(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=sort_key)


class Library:
    """Loads scenario and persona files, resolving persona ids through the folders in use."""

    def __init__(self, folders: Sequence[Path] | None = None) -> None:
        self.folders = list(folders) if folders is not None else scenario_dirs()
        self._persona_cache: dict[Path, tuple[Persona | None, list[Diagnostic]]] = {}
        self._search_cache: dict[Path, list[Path]] = {}

    # -- personas ----------------------------------------------------------------------------
    def load_persona(self, path: Path) -> tuple[Persona | None, list[Diagnostic]]:
        key = path.resolve()
        if key not in self._persona_cache:
            out = Collector(display(path), [])
            persona: Persona | None = None
            data = _read(path, out)
            if data is not None:
                parsed = parse_bytes(data, out)
                if parsed.root is not None:
                    persona = read_persona(parsed.root, out)
                    if persona is not None:
                        persona = replace(persona, raw=data)
                    if persona is not None and persona.id != path.stem:
                        id_line = _id_line(parsed.root)
                        out.error(
                            id_line,
                            1,
                            f"persona id '{persona.id}' does not match the "
                            f"file name '{path.name}'; name the file "
                            f"{persona.id}.yaml so scenarios can find it",
                        )
                        persona = None
            self._persona_cache[key] = (persona, out.items)
        return self._persona_cache[key]

    def persona_resolver(
        self, scenario_path: Path, out: Collector
    ) -> Callable[[str], Persona | None]:
        """Look ``id`` up beside the scenario, then in the other folders, then bundled."""
        beside = scenario_path.resolve().parent
        search = self._search_cache.get(beside)
        if search is None:
            # A scenario in a sub-folder of a scenario folder may use that folder's personas.
            search = [beside] + [p for p in beside.parents if p in self.folders]
            search += [f for f in self.folders if f not in search]
            if bundled_scenarios().resolve() not in search:
                search.append(bundled_scenarios().resolve())
            self._search_cache[beside] = search

        def resolve(persona_id: str) -> Persona | None:
            if not SLUG.match(persona_id):
                return None
            for folder in search:
                candidate = folder / PERSONAS / f"{persona_id}.yaml"
                if candidate.is_file():
                    persona, diags = self.load_persona(candidate)
                    if persona is None and any(d.is_error for d in diags):
                        out.error(
                            1,
                            1,
                            f"persona '{persona_id}' ({display(candidate)}) has "
                            "errors; fix them first",
                        )
                    return persona
            return None

        return resolve

    # -- scenarios ---------------------------------------------------------------------------
    def load_scenario(self, path: Path) -> tuple[Scenario | None, list[Diagnostic]]:
        out = Collector(display(path), [])
        data = _read(path, out)
        if data is None:
            return None, out.items
        parsed = parse_bytes(data, out)
        if parsed.root is None:
            return None, out.items
        digest = hashlib.sha256(data).hexdigest()
        scenario = read_scenario(parsed.root, out, self.persona_resolver(path, out), digest)
        if out.errors:
            scenario = None
        elif scenario is not None:
            scenario = replace(scenario, raw=data)
        return scenario, out.items

    def load_paths(self, paths: Iterable[Path]) -> Loaded:
        """Load files and folders given on a command line; folders include their personas."""
        loaded = Loaded()
        seen_ids: dict[str, Path] = {}
        files: list[Path] = []
        persona_paths: list[Path] = []
        for path in paths:
            if path.is_dir() and path.resolve().name == PERSONAS:
                persona_paths.extend(
                    sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
                )
            elif path.is_dir():
                persona_paths.extend(persona_files(path))
                files.extend(scenario_files(path))
            elif is_persona_file(path):
                persona_paths.append(path)
            else:
                files.append(path)
        for ppath in persona_paths:
            persona, diags = self.load_persona(ppath)
            loaded.files += 1
            loaded.diagnostics.extend(diags)
            if persona is not None:
                loaded.personas[ppath] = persona
        for spath in files:
            loaded.files += 1
            scenario, diags = self.load_scenario(spath)
            loaded.diagnostics.extend(diags)
            if scenario is None:
                continue
            if scenario.id in seen_ids:
                first = seen_ids[scenario.id]
                loaded.diagnostics.append(
                    Diagnostic(
                        display(spath),
                        _id_line_of(spath),
                        1,
                        f"duplicate scenario id '{scenario.id}' (also used by {display(first)}:"
                        f"{_id_line_of(first)}); ids must be unique across all loaded scenarios: "
                        "rename one",
                    )
                )
                continue
            seen_ids[scenario.id] = spath
            loaded.scenarios.append(scenario)
        return loaded

    def all(self) -> Loaded:
        """Every scenario in the folders in use."""
        return self.load_paths(self.folders)

    def find(self, ref: str) -> tuple[Scenario | None, list[Diagnostic]]:
        """A scenario by id (in the folders in use) or by path to a .yaml file."""
        path = Path(ref)
        if ref.endswith((".yaml", ".yml")) or os.sep in ref or "/" in ref:
            if not path.is_file():
                return None, [Diagnostic(ref, 1, 1, "no such scenario file")]
            return self.load_scenario(path)
        if not SLUG.match(ref):
            return None, [
                Diagnostic(
                    ref,
                    1,
                    1,
                    "not a scenario id (ids are slugs like "
                    "'hotel-overbooked-late-arrival') nor a .yaml path",
                )
            ]
        for folder in self.folders:
            for candidate in scenario_files(folder):
                if candidate.stem == ref:
                    scenario, diags = self.load_scenario(candidate)
                    if scenario is not None and scenario.id == ref:
                        return scenario, diags
                    if scenario is None:
                        return None, diags
        loaded = self.all()
        for scenario in loaded.scenarios:
            if scenario.id == ref:
                return scenario, []
        from ..scenario.diagnostics import did_you_mean

        hint = did_you_mean(ref, [s.id for s in loaded.scenarios])
        return None, [
            Diagnostic(
                ref, 1, 1, f"unknown scenario id '{ref}'{hint}; 'trainer list' shows the ids"
            )
        ]


def _read(path: Path, out: Collector) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > 1024 * 1024:
            out.error(
                1,
                1,
                f"file is {size:,} bytes, above the 1 MiB limit for scenario files; "
                "split it into several scenarios",
            )
            return None
        with open(path, "rb") as handle:
            return handle.read(1024 * 1024 + 1)
    except FileNotFoundError:
        out.error(1, 1, "no such file")
    except IsADirectoryError:
        out.error(1, 1, "is a folder, not a file")
    except OSError as exc:
        out.error(1, 1, f"cannot read the file: {exc.strerror or exc}")
    return None


def _id_line(root: object) -> int:
    for key, _ in getattr(root, "value", []) or []:
        if getattr(key, "value", None) == "id":
            return int(key.line)
    return 1


def _id_line_of(path: Path) -> int:
    try:
        for number, line in enumerate(path.read_text("utf-8", "replace").splitlines(), 1):
            if line.startswith("id:"):
                return number
    except OSError:
        pass
    return 1


__all__ = ["Library", "Loaded", "Reader", "bundled_assets", "bundled_scenarios", "scenario_dirs"]
