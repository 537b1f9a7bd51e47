"""The translation workflow: scenario and persona texts out to gettext PO files (one per
language, for Poedit, Weblate or any PO editor), translations back into the YAML with its
comments and layout kept, and coverage per language.

Each text becomes one PO entry: ``msgctxt`` says where it lives (``scenario-id|beats.arrival.
choices.own-it.text``; ``persona:impatient|lines.calm.0``), ``msgid`` is the text in the
file's first language, ``msgstr`` the translation, and a comment tells the translator who says
it and in answer to what. Files are read with the project's safe loader; ruamel.yaml writes
them back, only after the result has been read again and found valid.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib  # type: ignore[import-untyped]  # (no stubs are published)
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ... import __version__
from ...content.library import Library, display
from ...i18n import SUPPORTED
from ...scenario.diagnostics import Collector, Diagnostic
from ...scenario.model import Persona, Scenario, Text
from ...scenario.skeleton import is_placeholder
from ...scenario.validate import read_persona
from ...scenario.yamlsafe import parse_bytes


class TranslateError(ValueError):
    """A problem with the request itself (an unsupported language, an unusable folder)."""


@dataclass(frozen=True)
class Unit:
    """One translatable text."""

    context: str  # msgctxt: "scenario-id|path" or "persona:id|path"
    source: str  # the text in the source language
    translations: dict[str, str]
    file: str
    line: int
    comment: str
    persona: bool = False


def check_locale(locale: str) -> str:
    if locale not in SUPPORTED:
        raise TranslateError(
            f"unsupported language '{locale}': the game speaks {', '.join(SUPPORTED)}"
        )
    return locale


# -- what there is to translate ---------------------------------------------------------------


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def scenario_units(scenario: Scenario) -> list[Unit]:
    src = scenario.fallback
    out: list[Unit] = []

    def add(path: str, text: Text | None, comment: str) -> None:
        if text is None or src not in text.values:
            return
        others = {k: v for k, v in text.values.items() if k != src}
        out.append(
            Unit(
                f"{scenario.id}|{path}",
                text.values[src],
                others,
                scenario.source,
                text.line,
                comment,
            )
        )

    add("title", scenario.title, "The scenario's title, in the list of scenarios.")
    add("failure.summary", scenario.failure.summary, "The briefing: what went wrong.")
    for remedy in scenario.remedies:
        add(f"remedies.{remedy.id}.label", remedy.label, "A remedy on the menu.")
    for beat in scenario.beats.values():
        said = _short(beat.say.get(src))
        add(f"beats.{beat.id}.say", beat.say, f"The customer ({scenario.customer.name}) says.")
        for choice in beat.choices:
            where = f"beats.{beat.id}.choices.{choice.id}"
            add(f"{where}.text", choice.text, f"The trainee answers: “{said}”")
            add(f"{where}.reply", choice.reply, "The customer's reply to the trainee's answer.")
            add(f"{where}.feedback", choice.feedback, "The debrief's note on this answer.")
    return out


def persona_source(persona: Persona) -> str:
    return "en" if "en" in persona.name.values else next(iter(persona.name.values), "en")


def persona_units(persona: Persona) -> list[Unit]:
    src = persona_source(persona)
    out: list[Unit] = []
    name = persona.name
    if src in name.values:
        out.append(
            Unit(
                f"persona:{persona.id}|name",
                name.values[src],
                {k: v for k, v in name.values.items() if k != src},
                persona.source,
                name.line,
                "The persona's name.",
                persona=True,
            )
        )
    for mood, by_locale in persona.lines.items():
        lines = by_locale.get(src, ())
        for index, line in enumerate(lines):
            others = {
                loc: values[index]
                for loc, values in by_locale.items()
                if loc != src and index < len(values)
            }
            out.append(
                Unit(
                    f"persona:{persona.id}|lines.{mood}.{index}",
                    line,
                    others,
                    persona.source,
                    0,
                    f"A customer's reaction when {mood}.",
                    persona=True,
                )
            )
    return out


# -- extract ----------------------------------------------------------------------------------


@dataclass
class Extracted:
    files: dict[str, Path] = field(default_factory=dict)  # locale -> PO file
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # locale -> (done, total)


def targets(scenario: Scenario, extra: Sequence[str]) -> list[str]:
    out = [loc for loc in scenario.locales[1:]]
    out += [loc for loc in extra if loc not in out and loc != scenario.fallback]
    return out


def unsupported(scenario: Scenario) -> list[str]:
    return [loc for loc in scenario.locales if loc not in SUPPORTED]


def extract(
    scenarios: Sequence[Scenario],
    personas: Sequence[Persona],
    out_dir: Path,
    extra: Sequence[str] = (),
) -> Extracted:
    """Write ``out_dir/LOCALE.po`` for every language a scenario is translated into (and each
    of ``extra``). Translations already in a PO file there and not yet merged are kept (marked
    fuzzy if their source text has changed since)."""
    for locale in extra:
        check_locale(locale)
    by_locale: dict[str, list[Unit]] = {}
    for scenario in scenarios:
        bad = unsupported(scenario)
        if bad:
            raise TranslateError(
                f"{scenario.source}: unsupported language {', '.join(bad)} in locales: the game "
                f"speaks {', '.join(SUPPORTED)}"
            )
        for locale in targets(scenario, extra):
            by_locale.setdefault(locale, []).extend(scenario_units(scenario))
    persona_locales = sorted(set(by_locale) | set(extra))
    for persona in personas:
        for locale in persona_locales or SUPPORTED[1:]:
            if locale != persona_source(persona):
                by_locale.setdefault(locale, []).extend(persona_units(persona))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TranslateError(f"cannot create {display(out_dir)}: {exc.strerror or exc}") from None
    result = Extracted()
    for locale, units in sorted(by_locale.items()):
        path = out_dir / f"{locale}.po"
        po = _catalog(locale, units, path)
        try:
            po.save(str(path))
        except OSError as exc:
            raise TranslateError(f"cannot write {display(path)}: {exc.strerror or exc}") from None
        result.files[locale] = path
        done = sum(1 for e in po if e.translated())
        result.counts[locale] = (done, len([e for e in po if not e.obsolete]))
    return result


def _catalog(locale: str, units: Sequence[Unit], path: Path) -> polib.POFile:
    old: dict[str, polib.POEntry] = {}
    if path.exists():
        try:
            for entry in polib.pofile(str(path)):
                if entry.msgctxt and entry.msgstr:
                    old[entry.msgctxt] = entry
        except (OSError, ValueError) as exc:
            raise TranslateError(f"{display(path)} is not a readable PO file: {exc}") from None
    po = polib.POFile(wrapwidth=78)
    po.metadata = {
        "Project-Id-Version": f"service-recovery-trainer {__version__}",
        "Language": locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "trainer i18n extract",
    }
    seen: set[str] = set()
    for unit in units:
        if unit.context in seen:
            continue
        seen.add(unit.context)
        current = unit.translations.get(locale, "")
        if is_placeholder(locale, current):
            current = ""
        entry = polib.POEntry(
            msgctxt=unit.context,
            msgid=unit.source,
            msgstr=current,
            comment=unit.comment,
            occurrences=[(unit.file, str(unit.line))] if unit.line else [(unit.file, "")],
        )
        before = old.get(unit.context)
        if not current and before is not None:
            entry.msgstr = before.msgstr
            if before.msgid != unit.source or "fuzzy" in before.flags:
                entry.flags.append("fuzzy")
                entry.previous_msgid = before.msgid
        po.append(entry)
    return po


# -- merge --------------------------------------------------------------------------------------


@dataclass
class Merged:
    written: dict[str, int] = field(default_factory=dict)  # file -> texts written
    completed: dict[str, list[str]] = field(default_factory=dict)  # file -> locales now complete
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)


def read_catalogs(po_dir: Path) -> dict[str, polib.POFile]:
    if not po_dir.is_dir():
        raise TranslateError(f"{display(po_dir)} is not a folder of PO files")
    out: dict[str, polib.POFile] = {}
    for path in sorted(po_dir.glob("*.po")):
        locale = path.stem
        check_locale(locale)
        try:
            po = polib.pofile(str(path))
        except (OSError, ValueError) as exc:
            raise TranslateError(f"{display(path)} is not a readable PO file: {exc}") from None
        declared = po.metadata.get("Language", locale).replace("_", "-")
        if declared and declared.lower() != locale.lower():
            raise TranslateError(
                f"{display(path)} says Language: {declared}, but its name says {locale}"
            )
        out[locale] = po
    if not out:
        raise TranslateError(f"{display(po_dir)} has no PO files (LOCALE.po)")
    return out


def merge(library: Library, po_dir: Path, paths: Sequence[Path]) -> Merged:
    catalogs = read_catalogs(po_dir)
    loaded = library.load_paths(list(paths))
    merged = Merged(diagnostics=list(loaded.errors))
    broken = {d.file for d in loaded.errors}
    for scenario in loaded.scenarios:
        if scenario.source not in broken:
            _merge_file(
                Path(scenario.source), scenario_units(scenario), catalogs, merged, scenario=scenario
            )
    for path, persona in loaded.personas.items():
        _merge_file(path, persona_units(persona), catalogs, merged)
    return merged


def _merge_file(
    path: Path,
    units: Sequence[Unit],
    catalogs: dict[str, polib.POFile],
    merged: Merged,
    scenario: Scenario | None = None,
) -> None:
    name = display(path)
    changes: list[tuple[Unit, str, str]] = []  # unit, locale, text
    present: dict[str, set[str]] = {}
    for locale, po in catalogs.items():
        by_context = {e.msgctxt: e for e in po if e.msgctxt and not e.obsolete}
        have = present.setdefault(locale, set())
        for unit in units:
            current = unit.translations.get(locale)
            if current and not is_placeholder(locale, current):
                have.add(unit.context)
            entry = by_context.get(unit.context)
            if entry is None or not entry.msgstr or "fuzzy" in entry.flags:
                continue
            if entry.msgid != unit.source:
                merged.diagnostics.append(
                    Diagnostic(
                        name,
                        max(unit.line, 1),
                        1,
                        f"{locale}: the text changed since it was extracted "
                        f"({unit.context.split('|', 1)[1]}); the old translation is not "
                        "written: extract again and review it",
                        "warning",
                    )
                )
                continue
            have.add(unit.context)
            if entry.msgstr != current:
                changes.append((unit, locale, entry.msgstr))
    complete = []
    if scenario is not None:
        contexts = {u.context for u in units}
        for locale, have in present.items():
            if locale != scenario.fallback and locale not in scenario.locales and contexts <= have:
                complete.append(locale)
    if not changes and not complete:
        return
    try:
        original = path.read_text("utf-8")
    except OSError as exc:
        merged.diagnostics.append(Diagnostic(name, 1, 1, f"cannot read: {exc.strerror or exc}"))
        return
    text = _apply(original, changes, complete, scenario)
    check = Collector(name, [])
    parsed = parse_bytes(text.encode("utf-8"), check)
    if parsed.root is not None and scenario is None:
        read_persona(parsed.root, check)
    if parsed.root is not None and scenario is not None:
        from ...scenario.validate import read_scenario

        read_scenario(parsed.root, check, lambda _id: scenario.persona)
    if check.errors:
        merged.diagnostics.append(
            Diagnostic(
                name, 1, 1, f"the merged file would not be valid ({check.errors[0]}); not written"
            )
        )
        return
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        merged.diagnostics.append(Diagnostic(name, 1, 1, f"cannot write: {exc.strerror or exc}"))
        return
    merged.written[name] = len(changes)
    if complete:
        merged.completed[name] = complete


def _yaml(text: str) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 1_000_000
    mapping, sequence, offset = _indents(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _indents(text: str) -> tuple[int, int, int]:
    """The file's own indentation: (mapping, sequence, offset of the dash)."""
    lines = text.splitlines()
    mapping = 2
    for a, b in zip(lines, lines[1:], strict=False):
        if re.match(r"^\s*[\w-]+:\s*(#.*)?$", a) and not b.lstrip().startswith(("-", "#")):
            step = (len(b) - len(b.lstrip())) - (len(a) - len(a.lstrip()))
            if step > 0 and b.strip():
                mapping = step
                break
    for a, b in zip(lines, lines[1:], strict=False):
        if re.match(r"^\s*[\w-]+:\s*(#.*)?$", a) and b.lstrip().startswith("- "):
            offset = (len(b) - len(b.lstrip())) - (len(a) - len(a.lstrip()))
            return mapping, offset + 2, offset
    return mapping, mapping + 2, mapping


def _dump(yaml: YAML, data: object) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _apply(
    text: str,
    changes: Iterable[tuple[Unit, str, str]],
    complete: Sequence[str],
    scenario: Scenario | None,
) -> str:
    yaml = _yaml(text)
    data = yaml.load(text)
    lines_by_mood: dict[tuple[str, str], dict[int, str]] = {}
    for unit, locale, value in changes:
        path = unit.context.split("|", 1)[1]
        if unit.persona and path.startswith("lines."):
            _, mood, number = path.split(".")
            lines_by_mood.setdefault((mood, locale), {})[int(number)] = value
            continue
        parent, key = _locate(data, path)
        _set_text(parent, key, locale, value, scenario.fallback if scenario else "en")
    for (mood, locale), values in lines_by_mood.items():
        moods = data["lines"][mood]
        existing = list(moods.get(locale, []) or [])
        if isinstance(moods.get(locale), str):
            existing = [moods[locale]]
        for position, line in values.items():
            while len(existing) <= position:
                existing.append("")
            existing[position] = line
        seq = CommentedSeq(DoubleQuotedScalarString(v) for v in existing if v)
        moods[locale] = seq
    for locale in complete:
        locales = data.get("locales")
        if locales is None:
            seq = CommentedSeq(["en", locale])
            seq.fa.set_flow_style()
            position = list(data).index("difficulty") + 1 if "difficulty" in data else len(data)
            data.insert(position, "locales", seq)
        else:
            locales.append(locale)
    return _dump(yaml, data)


def _locate(data: CommentedMap, path: str) -> tuple[CommentedMap, str]:
    """The mapping holding the text at ``path`` (ids pick list items), and its key."""
    parts = path.split(".")
    node: object = data
    i = 0
    while i < len(parts) - 1:
        part = parts[i]
        assert isinstance(node, dict)
        node = node[part]
        if isinstance(node, list):
            wanted = parts[i + 1]
            node = next(item for item in node if str(item.get("id")) == wanted)
            i += 2
        else:
            i += 1
    assert isinstance(node, dict)
    return node, parts[-1]  # type: ignore[return-value]


def _set_text(parent: CommentedMap, key: str, locale: str, value: str, fallback: str) -> None:
    current = parent[key]
    quoted = DoubleQuotedScalarString(value)
    if isinstance(current, dict):
        current[locale] = quoted
        return
    mapping = CommentedMap()
    mapping[fallback] = current
    mapping[locale] = quoted
    parent[key] = mapping


# -- status -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    file: str
    id: str
    locale: str
    claimed: bool  # listed in the scenario's locales
    translated: int
    placeholders: int
    total: int

    @property
    def missing(self) -> int:
        return self.total - self.translated - self.placeholders


def coverage(scenario: Scenario, locales: Sequence[str] = SUPPORTED) -> list[Coverage]:
    units = scenario_units(scenario)
    out = []
    for locale in dict.fromkeys(list(scenario.locales[1:]) + list(locales)):
        if locale == scenario.fallback:
            continue
        done = holders = 0
        for unit in units:
            value = unit.translations.get(locale)
            if value is None:
                continue
            if is_placeholder(locale, value):
                holders += 1
            else:
                done += 1
        out.append(
            Coverage(
                scenario.source,
                scenario.id,
                locale,
                locale in scenario.locales,
                done,
                holders,
                len(units),
            )
        )
    return out


@dataclass(frozen=True)
class POCoverage:
    file: str
    locale: str
    translated: int
    fuzzy: int
    untranslated: int


def po_coverage(po_dir: Path) -> list[POCoverage]:
    out = []
    for locale, po in read_catalogs(po_dir).items():
        entries = [e for e in po if not e.obsolete]
        fuzzy = sum(1 for e in entries if "fuzzy" in e.flags)
        done = sum(1 for e in entries if e.translated())
        out.append(
            POCoverage(
                display(po_dir / f"{locale}.po"), locale, done, fuzzy, len(entries) - done - fuzzy
            )
        )
    return out
