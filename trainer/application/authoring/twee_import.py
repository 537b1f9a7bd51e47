"""``trainer import twee``: a Twine story (Twee 3) to a scenario skeleton beside it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...content.library import Library, display
from ...i18n import SUPPORTED
from ...scenario.diagnostics import WARNING, Collector, Diagnostic
from ...scenario.reader import SLUG
from ...scenario.twee import convert, parse, slug
from ...scenario.validate import read_scenario
from ...scenario.yamlsafe import parse_bytes

MAX_BYTES = 4 * 1024 * 1024


class ImportError_(ValueError):
    """Why nothing was written, in words for the trainer."""


@dataclass(frozen=True)
class Imported:
    path: Path
    warnings: tuple[Diagnostic, ...]
    beats: int
    choices: int


def import_twee(
    library: Library,
    source: Path,
    out: Path | None = None,
    scenario_id: str | None = None,
    locale: str = "en",
    force: bool = False,
) -> Imported:
    if locale not in SUPPORTED:
        raise ImportError_(f"unsupported language '{locale}': use one of {', '.join(SUPPORTED)}")
    try:
        if source.stat().st_size > MAX_BYTES:
            raise ImportError_(f"{display(source)} is larger than 4 MiB; is it a Twee file?")
        text = source.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ImportError_(f"{display(source)}: no such file") from None
    except UnicodeDecodeError:
        raise ImportError_(f"{display(source)} is not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise ImportError_(f"cannot read {display(source)}: {exc.strerror or exc}") from None
    story = parse(text)
    target = out or source.with_suffix(".yaml")
    wanted = scenario_id or slug(target.stem, "imported")
    if not SLUG.match(wanted):
        raise ImportError_(
            f"'{wanted}' is not a valid scenario id: lower-case letters, digits and hyphens"
        )
    try:
        converted = convert(story, wanted, source.name, locale)
    except ValueError as exc:
        raise ImportError_(f"{display(source)}: {exc}") from None
    # The skeleton must load; if it does not, that is this program's bug, said plainly.
    check = Collector(display(target), [])
    parsed = parse_bytes(converted.yaml.encode("utf-8"), check)
    if parsed.root is not None:
        read_scenario(parsed.root, check, library.persona_resolver(target, check))
    if check.errors:
        raise ImportError_(
            f"the imported scenario would not be valid ({check.errors[0]}); please report this "
            "with the Twee file"
        )
    if target.exists() and not force:
        raise ImportError_(f"{display(target)} already exists; pass --out FILE or --force")
    try:
        target.write_text(converted.yaml, encoding="utf-8")
    except OSError as exc:
        raise ImportError_(f"cannot write {display(target)}: {exc.strerror or exc}") from None
    warnings = tuple(
        Diagnostic(display(source), line, col, message, WARNING)
        for line, col, message in converted.warnings
    )
    return Imported(target, warnings, converted.beats, converted.choices)
