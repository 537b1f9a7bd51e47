"""Finding and loading scenario and persona files: the one place in this package that reads files.

Folders: the bundled ``scenarios/`` (inside the package when installed, beside it in a checkout),
then every folder in ``TRAINER_SCENARIOS`` (``:``-separated) and ``--scenarios DIR``. A folder's
``personas/`` holds its personas, ``scripts/`` its model scripts and ``tracks/`` its orientation
tracks; all three are skipped when scenarios are listed.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..paths import bundled_assets, bundled_scenarios
from ..scenario.diagnostics import Collector, Diagnostic, excerpt, sort_key
from ..scenario.limits import MAX_FILES, MAX_FOLDER_BYTES
from ..scenario.model import Persona, Scenario
from ..scenario.reader import SLUG, Reader
from ..scenario.validate import read_persona, read_scenario
from ..scenario.yamlsafe import YNode, parse_bytes
from .files import display, read_file
from .scripts import looks_like_script, script_from_tree

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


def is_persona_file(path: Path) -> bool:
    return path.resolve().parent.name == PERSONAS


def scenario_files(folder: Path) -> list[Path]:
    """Scenario files below ``folder``, skipping personas/ and scripts/ and hidden folders (and
    folders that are links: a link could lead anywhere, or round in a circle); at most
    MAX_FILES of them, in name order."""
    return _listing(folder)[0]


def _listing(folder: Path) -> tuple[list[Path], Diagnostic | None]:
    """Scenario files below ``folder`` within the folder limits, and the problem if there were
    more (too many files, or too many bytes of YAML)."""
    found: list[Path] = []
    total = 0
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                path = Path(root) / name
                total += _size(path)
                if len(found) >= MAX_FILES or total > MAX_FOLDER_BYTES:
                    return found, _folder_limit(folder, path)
                found.append(path)
    return found, None


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:
        return 0


def _folder_limit(folder: Path, first_left: Path) -> Diagnostic:
    return Diagnostic(
        display(folder),
        1,
        1,
        f"this folder holds more than {MAX_FILES:,} YAML files or more than "
        f"{MAX_FOLDER_BYTES // (1024 * 1024)} MiB of them, the limits for one scenario "
        f"folder; files from {display(first_left)} on (in name order) were not read: split "
        "the folder into several and name each with --scenarios",
    )


def persona_files(folder: Path) -> list[Path]:
    pdir = folder / PERSONAS
    if not pdir.is_dir():
        return []
    found = sorted(p for p in pdir.iterdir() if p.suffix in (".yaml", ".yml"))
    return found[:MAX_FILES]


@dataclass
class Loaded:
    """Everything read in one pass: models, and the diagnostics of every file."""

    scenarios: list[Scenario] = field(default_factory=list)
    personas: dict[Path, Persona] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    scripts: int = 0  # scripts given by name, checked as scripts
    valid_scripts: int = 0
    #: a trainer's scenario that replaces a bundled one: id -> (the trainer's file, bundled)
    overrides: dict[str, tuple[Path, Path]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def sorted_diagnostics(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=sort_key)


class Library:
    """Loads scenario and persona files, resolving persona ids through the folders in use."""

    def __init__(self, folders: Sequence[Path] | None = None) -> None:
        self.folders = list(folders) if folders is not None else scenario_dirs()
        self._persona_cache: dict[tuple[Path, Path], tuple[Persona | None, list[Diagnostic]]] = {}
        self._search_cache: dict[Path, list[Path]] = {}
        self._persona_found: dict[tuple[Path, str], tuple[Path, Path] | None] = {}
        self._id_lines: dict[Path, int] = {}

    # -- personas ----------------------------------------------------------------------------
    def load_persona(
        self, path: Path, root: Path | None = None
    ) -> tuple[Persona | None, list[Diagnostic]]:
        """A persona file, read only if it is inside ``root`` (by default the folder above its
        ``personas/`` folder): a ``personas/`` link that leaves the scenario folder is refused."""
        if root is None:
            root = path.parent.parent if path.parent.name == PERSONAS else path.parent
        key = (path, root)
        if key not in self._persona_cache:
            out = Collector(display(path), [])
            persona: Persona | None = None
            data = read_file(path, out, root, kind="persona")
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
        parent = scenario_path.parent
        place = scenario_path.resolve().parent if scenario_path.is_symlink() else parent
        search = self._search_cache.get(place)
        if search is None:
            # A scenario in a sub-folder of a scenario folder may use that folder's personas.
            beside = place.resolve()
            search = [beside] + [p for p in beside.parents if p in self.folders]
            search += [f for f in self.folders if f not in search]
            if bundled_scenarios().resolve() not in search:
                search.append(bundled_scenarios().resolve())
            self._search_cache[place] = search

        def resolve(persona_id: str) -> Persona | None:
            if not SLUG.match(persona_id):
                return None
            key = (place, persona_id)
            if key not in self._persona_found:
                self._persona_found[key] = next(
                    (
                        (candidate, folder)
                        for folder in search
                        if (candidate := folder / PERSONAS / f"{persona_id}.yaml").is_file()
                    ),
                    None,
                )
            found = self._persona_found[key]
            if found is None:
                return None
            candidate, folder = found
            persona, diags = self.load_persona(candidate, folder)
            if persona is None and any(d.is_error for d in diags):
                why = next(d.message for d in diags if d.is_error)
                out.error(
                    1, 1, f"persona '{persona_id}' ({display(candidate)}) cannot be used: {why}"
                )
            return persona

        return resolve

    # -- scenarios ---------------------------------------------------------------------------
    def load_scenario(
        self, path: Path, root: Path | None = None
    ) -> tuple[Scenario | None, list[Diagnostic]]:
        """A scenario file, read only if it is inside ``root`` (by default its own folder)."""
        scenario, diagnostics, script = self._load(path, root)
        if script is not None:
            diagnostics.append(
                Diagnostic(
                    display(path),
                    script.line,
                    script.col,
                    "this is a script (it has steps:), not a scenario: give it to "
                    "'trainer run SCENARIO --script FILE'",
                )
            )
        return scenario, diagnostics

    def _load(
        self, path: Path, root: Path | None
    ) -> tuple[Scenario | None, list[Diagnostic], YNode | None]:
        """Read a scenario, or recognise a script (a mapping with ``steps:`` and no ``beats:``)
        and hand back its tree unread."""
        out = Collector(display(path), [])
        data = read_file(path, out, root)
        if data is None:
            return None, out.items, None
        parsed = parse_bytes(data, out)
        if parsed.root is None:
            return None, out.items, None
        if looks_like_script(parsed.root):
            return None, out.items, parsed.root
        self._id_lines[path] = _id_line(parsed.root)
        digest = hashlib.sha256(data).hexdigest()
        scenario = read_scenario(parsed.root, out, self.persona_resolver(path, out), digest)
        if out.errors:
            scenario = None
        elif scenario is not None:
            scenario = replace(scenario, raw=data)
        return scenario, out.items, None

    def is_bundled(self, path: Path) -> bool:
        """Whether ``path`` is in the bundled scenario folder."""
        bundled = bundled_scenarios().resolve()
        real = path.resolve()
        return real == bundled or bundled in real.parents

    def load_paths(self, paths: Iterable[Path]) -> Loaded:
        """Load files and folders given on a command line; folders include their personas.

        A scenario in a trainer's folder with the id of a bundled one replaces it (the
        replacement is listed in ``overrides``); two of the trainer's own with one id are an
        error. A script given by name is checked as a script."""
        with _cycle_collector_paused():
            return self._load_paths(paths)

    def _load_paths(self, paths: Iterable[Path]) -> Loaded:
        loaded = Loaded()
        kept: dict[str, Path] = {}
        files: list[tuple[Path, Path | None]] = []
        persona_paths: list[tuple[Path, Path | None]] = []
        for path in paths:
            if path.is_dir() and path.resolve().name == PERSONAS:
                persona_paths.extend((p, path.parent) for p in persona_files(path.parent))
            elif path.is_dir():
                persona_paths.extend((p, path) for p in persona_files(path))
                listed, problem = _listing(path)
                if problem is not None:
                    loaded.diagnostics.append(problem)
                files.extend((f, path) for f in listed)
            elif is_persona_file(path):
                persona_paths.append((path, None))
            else:
                files.append((path, None))
        for ppath, proot in persona_paths:
            persona, diags = self.load_persona(ppath, proot)
            loaded.files += 1
            loaded.diagnostics.extend(diags)
            if persona is not None:
                loaded.personas[ppath] = persona
        scripts: list[tuple[Path, YNode]] = []
        for spath, root in files:
            loaded.files += 1
            scenario, diags, script = self._load(spath, root)
            loaded.diagnostics.extend(diags)
            if script is not None:
                scripts.append((spath, script))
            if scenario is None:
                continue
            first = kept.get(scenario.id)
            if first is None:
                kept[scenario.id] = spath
                loaded.scenarios.append(scenario)
            elif self.is_bundled(first) and not self.is_bundled(spath):
                index = next(i for i, s in enumerate(loaded.scenarios) if s.id == scenario.id)
                loaded.scenarios[index] = scenario
                kept[scenario.id] = spath
                loaded.overrides[scenario.id] = (spath, first)
            elif self.is_bundled(spath) and not self.is_bundled(first):
                loaded.overrides[scenario.id] = (first, spath)
            else:
                loaded.diagnostics.append(
                    Diagnostic(
                        display(spath),
                        self._id_lines.get(spath, 1),
                        1,
                        f"duplicate scenario id '{scenario.id}' (also used by {display(first)}:"
                        f"{self._id_lines.get(first, 1)}); ids must be unique across all loaded "
                        "scenarios: rename one",
                    )
                )
        for spath, tree in scripts:
            # A script is checked against the scenario it is named after, when there is one.
            loaded.scripts += 1
            target = next((s for s in loaded.scenarios if s.id == spath.stem), None)
            if target is None and SLUG.match(spath.stem):
                target, _ = self.find(spath.stem)
            out = Collector(display(spath), [])
            if script_from_tree(tree, out, scenario=target) is not None:
                loaded.valid_scripts += 1
            loaded.diagnostics.extend(out.items)
        return loaded

    def all(self) -> Loaded:
        """Every scenario in the folders in use."""
        return self.load_paths(self.folders)

    def find(self, ref: str) -> tuple[Scenario | None, list[Diagnostic]]:
        """A scenario by id (in the folders in use, a trainer's before the bundled one) or by
        path to a .yaml file."""
        path = Path(ref)
        if ref.endswith((".yaml", ".yml")) or os.sep in ref or "/" in ref:
            if not path.exists() and not path.is_symlink():
                return None, [Diagnostic(ref, 1, 1, "no such scenario file")]
            return self.load_scenario(path)
        if not SLUG.match(ref):
            return None, [
                Diagnostic(
                    excerpt(ref, quote=False),
                    1,
                    1,
                    "not a scenario id (ids are slugs like "
                    "'hotel-overbooked-late-arrival') nor a .yaml path",
                )
            ]
        for folder in sorted(self.folders, key=self.is_bundled):
            for candidate in scenario_files(folder):
                if candidate.stem == ref:
                    scenario, diags = self.load_scenario(candidate, folder)
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


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Loading makes hundreds of thousands of short-lived objects (YAML nodes, models) with no
    reference cycles; Python's cycle collector would walk every live one again and again while
    they are made (a fifth of the time for a folder of 1,000 files). Reference counting frees
    them all the same; the collector resumes, and finds what it would have, afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _id_line(root: object) -> int:
    for key, _ in getattr(root, "value", []) or []:
        if getattr(key, "value", None) == "id":
            return int(key.line)
    return 1


__all__ = [
    "Library",
    "Loaded",
    "Reader",
    "bundled_assets",
    "bundled_scenarios",
    "display",
    "read_file",
    "scenario_dirs",
]
