"""``trainer new``: a scenario and its model script from the skeleton, never over a file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ...content.library import Library, display
from ...i18n import SUPPORTED
from ...scenario.diagnostics import Collector
from ...scenario.reader import SLUG
from ...scenario.schema import SCHEMA_ID, json_schema
from ...scenario.skeleton import SCHEMA_FILE, Skeleton, scenario_text, script_text


class NewError(ValueError):
    """Why the files were not written, in words for the trainer."""


@dataclass(frozen=True)
class Created:
    scenario: Path
    script: Path
    schema: Path | None  # None: an existing schema file of the trainer's was left alone


def check_choices(skeleton: Skeleton) -> None:
    """Raise :class:`NewError` for an id, language or difficulty the game cannot use."""
    if not SLUG.match(skeleton.id):
        raise NewError(
            f"'{skeleton.id}' is not a valid scenario id: use lower-case letters, digits and "
            "single hyphens, like hotel-late-checkout"
        )
    bad = [loc for loc in skeleton.locales if loc not in SUPPORTED]
    if bad or not skeleton.locales:
        raise NewError(
            f"unsupported language {', '.join(bad) or '(none)'}: the game speaks "
            f"{', '.join(SUPPORTED)}"
        )
    if len(set(skeleton.locales)) != len(skeleton.locales):
        raise NewError("a language is listed twice in --locales")
    if not 1 <= skeleton.difficulty <= 5:
        raise NewError(f"difficulty {skeleton.difficulty} is not between 1 and 5")
    if not skeleton.title.strip() or not skeleton.industry.strip():
        raise NewError("the title and the industry must not be empty")


def persona_patience(library: Library, folder: Path, skeleton: Skeleton) -> float:
    """The patience of the persona named, found as a scenario in ``folder`` would find it."""
    out = Collector(display(folder / f"{skeleton.id}.yaml"), [])
    persona = library.persona_resolver(folder / f"{skeleton.id}.yaml", out)(skeleton.persona)
    if persona is None:
        raise NewError(
            f"persona '{skeleton.persona}' was not found in {display(folder / 'personas')} "
            "nor among the bundled ones (reasonable, impatient, silent, never-satisfied, "
            "abusive, opportunist, anxious)"
        )
    return persona.patience_s


def create(library: Library, folder: Path, skeleton: Skeleton) -> Created:
    """Write ``folder/ID.yaml``, ``folder/scripts/ID.yaml`` and (unless the trainer has their
    own) ``folder/trainer.schema.json``. Nothing is written if either file exists."""
    check_choices(skeleton)
    if folder.exists() and not folder.is_dir():
        raise NewError(f"{display(folder)} is a file, not a folder")
    scenario_path = folder / f"{skeleton.id}.yaml"
    script_path = folder / "scripts" / f"{skeleton.id}.yaml"
    for path in (scenario_path, folder / f"{skeleton.id}.yml", script_path):
        if path.exists():
            raise NewError(
                f"{display(path)} already exists; choose another id or move it away "
                "(trainer new never overwrites a file)"
            )
    from dataclasses import replace

    skeleton = replace(skeleton, patience_s=persona_patience(library, folder, skeleton))
    try:
        script_path.parent.mkdir(parents=True, exist_ok=True)
        with open(scenario_path, "x", encoding="utf-8") as handle:
            handle.write(scenario_text(skeleton))
        with open(script_path, "x", encoding="utf-8") as handle:
            handle.write(script_text(skeleton))
        schema = write_schema(folder / SCHEMA_FILE)
    except FileExistsError as exc:
        raise NewError(f"{exc.filename} appeared while writing; nothing was overwritten") from None
    except OSError as exc:
        raise NewError(f"cannot write in {display(folder)}: {exc.strerror or exc}") from None
    return Created(scenario_path, script_path, schema)


def write_schema(path: Path) -> Path | None:
    """Write the editor's schema, replacing only a schema this program wrote before."""
    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if path.exists():
        try:
            current = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not (isinstance(current, dict) and str(current.get("$id", "")).startswith(SCHEMA_ID)):
            return None
    path.write_text(text, encoding="utf-8")
    return path
