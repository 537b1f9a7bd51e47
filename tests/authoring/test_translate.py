"""The translation workflow: extract, fill, merge, validate; the parts of the file that were not
translated stay byte for byte; stale and fuzzy translations are never written."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import polib
import pytest
from helpers import ROOT, bundled, dump, minimal

from trainer.application.lint import lint
from trainer.cli import main
from trainer.content.library import Library, bundled_scenarios
from trainer.scenario.model import Scenario


def lib(folder: Path) -> Library:
    return Library([bundled_scenarios().resolve(), folder.resolve()])


def fill(po_file: Path, prefix: str = "Dịch: ") -> int:
    po = polib.pofile(str(po_file))
    for entry in po:
        entry.msgstr = prefix + entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(str(po_file))
    return len(po)


def only_additions(before: str, after: str, fallback: str = "en") -> None:
    """``after`` is ``before`` with lines inserted; the only lines changed are ``locales:`` and
    plain one-language texts that became a mapping (``key: text`` -> ``key:`` and
    ``  en: text``), their text kept byte for byte."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("equal", "insert"):
            continue
        assert op == "replace", (op, a[i1:i2])
        new = b[j1:j2]
        for line in a[i1:i2]:
            if line.lstrip().startswith("locales:"):
                continue
            indent = line[: len(line) - len(line.lstrip())].replace("- ", "  ")
            key, _, value = line.strip().removeprefix("- ").partition(": ")
            assert value, line
            assert any(n.rstrip().endswith(f"{key}:") for n in new), (line, new)
            assert f"{indent}  {fallback}: {value}" in [n.rstrip("\n") for n in new] or (
                f"{indent}    {fallback}: {value}" in [n.rstrip("\n") for n in new]
            ), (line, new)


def missing_locale(scenario: Scenario) -> str:
    return next(loc for loc in ("vi", "zh-Hant", "zh-Hans") if loc not in scenario.locales)


@pytest.mark.parametrize("scenario", bundled(), ids=lambda s: s.id)
def test_round_trip_keeps_every_untouched_byte(
    tmp_path: Path, scenario: Scenario, capsys: pytest.CaptureFixture[str]
) -> None:
    source = ROOT / "scenarios" / f"{scenario.id}.yaml"
    work = tmp_path / f"{scenario.id}.yaml"
    shutil.copy(source, work)
    before = work.read_text("utf-8")
    locale = missing_locale(scenario)
    po_dir = tmp_path / "po"
    assert main(["i18n", "extract", str(work), "--out", str(po_dir), "--locale", locale]) == 0
    assert fill(po_dir / f"{locale}.po") > 20
    for other in po_dir.glob("*.po"):
        if other.stem != locale:
            other.unlink()  # the languages already in the file stay as they are
    assert main(["i18n", "merge", str(po_dir), str(work)]) == 0
    assert f"now complete in {locale}" in capsys.readouterr().out
    after = work.read_text("utf-8")
    only_additions(before, after, scenario.fallback)
    merged, diagnostics = lib(tmp_path).load_scenario(work)
    assert merged is not None and diagnostics == []
    assert merged.locales == scenario.locales + (locale,)
    assert merged.beats[merged.start].say.get(locale) == "Dịch: " + scenario.beats[
        scenario.start
    ].say.get(scenario.fallback)
    assert [d.message for d in lint(merged) if locale in d.message] == []
    # Merging again changes nothing.
    assert main(["i18n", "merge", str(po_dir), str(work)]) == 0
    assert work.read_text("utf-8") == after


def test_the_skeletons_placeholders_are_replaced(tmp_path: Path) -> None:
    assert main(["new", "cafe-cold-latte", "--dir", str(tmp_path), "--locales", "en,vi"]) == 0
    path = tmp_path / "cafe-cold-latte.yaml"
    before = path.read_text("utf-8")
    assert main(["i18n", "extract", str(path), "--out", str(tmp_path / "po")]) == 0
    po = polib.pofile(str(tmp_path / "po" / "vi.po"))
    assert po.percent_translated() == 0  # placeholders are not translations
    fill(tmp_path / "po" / "vi.po")
    assert main(["i18n", "merge", str(tmp_path / "po"), str(path)]) == 0
    after = path.read_text("utf-8")
    assert "[vi]" not in after and after.count("Dịch: ") == len(po)
    # Only the placeholder lines changed, in place.
    a, b = before.splitlines(), after.splitlines()
    assert len(a) == len(b)
    assert [x for x, y in zip(a, b, strict=True) if x != y] == [x for x in a if '"[vi] ' in x]
    assert main(["lint", "--strict", str(tmp_path)]) == 0


def test_the_po_file_tells_the_translator_where_and_who(tmp_path: Path) -> None:
    work = tmp_path / "hotel-noisy-room.yaml"
    shutil.copy(ROOT / "scenarios" / "hotel-noisy-room.yaml", work)
    assert main(["i18n", "extract", str(work), "--out", str(tmp_path), "--locale", "vi"]) == 0
    po = polib.pofile(str(tmp_path / "vi.po"))
    assert po.metadata["Language"] == "vi"
    assert "Content-Type" in po.metadata
    contexts = [e.msgctxt for e in po]
    assert len(contexts) == len(set(contexts))
    entry = po.find("hotel-noisy-room|beats.arrival.choices.own-it.text", by="msgctxt")
    assert entry is not None and entry.msgid.startswith("Ms. Lin, I'm so sorry.")
    assert entry.comment.startswith("The trainee answers: “I didn't sleep.")
    assert entry.occurrences[0][0].endswith("hotel-noisy-room.yaml")
    assert int(entry.occurrences[0][1]) > 90
    # zh-Hans is in the file already: its PO file is complete.
    assert polib.pofile(str(tmp_path / "zh-Hans.po")).percent_translated() == 100


def test_plain_texts_become_mappings_and_comments_stay(tmp_path: Path) -> None:
    path = tmp_path / "mini-cold-coffee.yaml"
    text = "# my notes\n" + dump(minimal()).replace(
        "industry: cafe\n", "industry: cafe  # keep this comment\n"
    )
    path.write_text(text, "utf-8")
    assert (
        main(["i18n", "extract", str(path), "--out", str(tmp_path / "po"), "--locale", "zh-Hans"])
        == 0
    )
    fill(tmp_path / "po" / "zh-Hans.po", "译：")
    assert main(["i18n", "merge", str(tmp_path / "po"), str(path)]) == 0
    after = path.read_text("utf-8")
    assert after.startswith("# my notes\n") and "industry: cafe  # keep this comment\n" in after
    scenario, diags = lib(tmp_path).load_scenario(path)
    assert scenario is not None, diags
    assert scenario.locales == ("en", "zh-Hans")
    assert scenario.beats["complaint"].say.values == {
        "en": "This latte is cold.",
        "zh-Hans": "译：This latte is cold.",
    }


def test_stale_and_fuzzy_translations_are_not_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mini-cold-coffee.yaml"
    path.write_text(dump(minimal()), "utf-8")
    po_dir = tmp_path / "po"
    assert main(["i18n", "extract", str(path), "--out", str(po_dir), "--locale", "vi"]) == 0
    fill(po_dir / "vi.po")
    po = polib.pofile(str(po_dir / "vi.po"))
    po.find("mini-cold-coffee|title", by="msgctxt").flags.append("fuzzy")
    po.save()
    # The author rewrites a line after the extraction.
    path.write_text(path.read_text("utf-8").replace("This latte is cold.", "My latte is cold!"))
    assert main(["i18n", "merge", str(po_dir), str(path)]) == 0
    err = capsys.readouterr().err
    assert "the text changed since it was extracted (beats.complaint.say)" in err
    scenario, _ = lib(tmp_path).load_scenario(path)
    assert scenario is not None
    assert "vi" not in scenario.beats["complaint"].say.values
    assert "vi" not in scenario.title.values
    assert scenario.locales == ("en",)  # incomplete: vi is not claimed yet
    assert scenario.beats["ask"].say.get("vi") == "Dịch: Well?"
    # Extracting again keeps the translator's unmerged work, marked for review where the
    # source changed.
    assert main(["i18n", "extract", str(path), "--out", str(po_dir), "--locale", "vi"]) == 0
    again = polib.pofile(str(po_dir / "vi.po"))
    changed = again.find("mini-cold-coffee|beats.complaint.say", by="msgctxt")
    assert "fuzzy" in changed.flags and changed.previous_msgid == "This latte is cold."
    assert changed.msgstr == "Dịch: This latte is cold."


def test_unsupported_languages_are_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mini-cold-coffee.yaml"
    path.write_text(dump(minimal()), "utf-8")
    assert main(["i18n", "extract", str(path), "--out", str(tmp_path), "--locale", "es"]) == 1
    assert "unsupported language 'es'" in capsys.readouterr().err
    (tmp_path / "po").mkdir()
    (tmp_path / "po" / "fr.po").write_text('msgid ""\nmsgstr ""\n', "utf-8")
    assert main(["i18n", "merge", str(tmp_path / "po"), str(path)]) == 1
    assert "unsupported language 'fr'" in capsys.readouterr().err
    path.write_text(dump(minimal(locales=["en", "es"])), "utf-8")
    assert main(["i18n", "extract", str(path), "--out", str(tmp_path / "x")]) == 1
    err = capsys.readouterr().err  # refused where the file is read, with the file and line
    assert "'es'" in err and "en, zh-Hans, zh-Hant, vi" in err and ":103:" in err


def test_a_persona_is_translated_too(tmp_path: Path) -> None:
    (tmp_path / "personas").mkdir()
    persona = tmp_path / "personas" / "grumpy-chef.yaml"
    persona.write_text(
        "format: 1\nid: grumpy-chef\nname: {en: Grumpy chef}\n"
        "lines:\n  calm:\n    en: [Fine., Go on.]\n  angry:\n    en: Enough!\n",
        "utf-8",
    )
    path = tmp_path / "mini-cold-coffee.yaml"
    data = minimal()
    data["customer"]["persona"] = "grumpy-chef"
    path.write_text(dump(data), "utf-8")
    po_dir = tmp_path / "po"
    assert main(["i18n", "extract", str(tmp_path), "--out", str(po_dir), "--locale", "vi"]) == 0
    po = polib.pofile(str(po_dir / "vi.po"))
    assert po.find("persona:grumpy-chef|lines.calm.1", by="msgctxt").msgid == "Go on."
    fill(po_dir / "vi.po")
    assert main(["i18n", "merge", str(po_dir), str(tmp_path)]) == 0
    loaded, diags = lib(tmp_path).load_persona(persona)
    assert loaded is not None, diags
    assert loaded.lines["calm"]["vi"] == ("Dịch: Fine.", "Dịch: Go on.")
    assert loaded.name.get("vi") == "Dịch: Grumpy chef"


def test_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "cafe-cold-latte", "--dir", str(tmp_path), "--locales", "en,vi"]) == 0
    capsys.readouterr()
    assert main(["i18n", "status", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.split()[1:2] == ["vi"])
    assert row.split()[2:] == ["0%", "0/23", "23", "0"]
    assert "zh-Hans (not in locales)" in out
    assert main(["i18n", "status"]) == 0  # the whole library
    assert "hotel-noisy-room" in capsys.readouterr().out


def test_the_guides_example_translation_still_fits_the_skeleton(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/authoring.md merges docs/examples/hotel-room-not-ready.vi.po into a new skeleton."""
    args = [
        "new",
        "hotel-room-not-ready",
        "--dir",
        str(tmp_path),
        "--locales",
        "en,vi",
        "--industry",
        "hotel",
        "--title",
        "The room that was not ready",
    ]
    assert main(args) == 0
    (tmp_path / "po").mkdir()
    shutil.copy(ROOT / "docs" / "examples" / "hotel-room-not-ready.vi.po", tmp_path / "po")
    (tmp_path / "po" / "hotel-room-not-ready.vi.po").rename(tmp_path / "po" / "vi.po")
    capsys.readouterr()
    assert main(["i18n", "merge", str(tmp_path / "po"), str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "merged 23 translation(s)" in captured.out and "changed since" not in captured.err
    assert "[vi]" not in (tmp_path / "hotel-room-not-ready.yaml").read_text("utf-8")
