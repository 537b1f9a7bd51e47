"""``trainer import twee``: real public Twee stories (tests/fixtures/twee, with their licences)
and generated ones become scenario skeletons that always validate; passages become beats,
links become choices, story-format code is kept as comments and reported where it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FIXTURES, load_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.application.authoring.twee_import import ImportError_, import_twee
from trainer.cli import main
from trainer.content.library import Library, bundled_scenarios
from trainer.scenario.model import END, Scenario
from trainer.scenario.twee import Passage, convert, links, parse

TWEE = FIXTURES / "twee"
REAL = sorted(TWEE.glob("*.twee"))


def lib() -> Library:
    return Library([bundled_scenarios().resolve()])


def imported(path: Path, tmp_path: Path) -> tuple[Scenario, list[str]]:
    done = import_twee(lib(), path, tmp_path / f"{path.stem}.yaml")
    scenario, diagnostics = lib().load_scenario(done.path)
    assert scenario is not None and diagnostics == [], [str(d) for d in diagnostics]
    return scenario, [str(w) for w in done.warnings]


def test_the_fixtures_are_real_and_licensed() -> None:
    assert len(REAL) >= 6
    sources = (TWEE / "SOURCES.md").read_text("utf-8")
    for path in REAL:
        assert f"`{path.name}`" in sources
    assert "MIT" in sources and "CC BY-SA 4.0" in sources


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem)
def test_every_real_story_imports_to_a_valid_scenario(path: Path, tmp_path: Path) -> None:
    story = parse(path.read_text("utf-8"))
    scenario, warnings = imported(path, tmp_path)
    passages = [p for p in story.passages if not p.special]
    assert len(scenario.beats) == max(1, len(passages))
    for warning in warnings:
        assert warning.split(":", 1)[0].endswith(path.name)
    # Every link to a passage of the story is a choice leading to that passage's beat.
    names = {p.name for p in passages}
    for passage in passages:
        targets = [link.target for link in links(passage) if not link.external]
        beat = next(
            b
            for b in scenario.beats.values()
            if f"(line {passage.line})" in _comment(path, tmp_path, b.id)
        )
        nexts = [
            c.next for c in beat.choices if c.id != "end-here" and not c.id.startswith("end-here-")
        ]
        assert len(nexts) == len(targets)
        for target, nxt in zip(targets, nexts, strict=True):
            assert (nxt == END) == (target not in names)


def _comment(path: Path, tmp_path: Path, beat_id: str) -> str:
    text = (tmp_path / f"{path.stem}.yaml").read_text("utf-8")
    block = text.split(f"\n  {beat_id}:\n", 1)[1]
    return block.split("\n    say:", 1)[0]


def test_the_four_kinds_of_link(tmp_path: Path) -> None:
    scenario, warnings = imported(TWEE / "chapbook-links.twee", tmp_path)
    beat = scenario.beats["links"]
    assert [(c.text.get(), c.next) for c in beat.choices[:4]] == [
        ("Linked Passage", "linked-passage"),
        ("Label with right arrow", "linked-passage"),
        ("Label with left arrow", "linked-passage"),
        ("Label with pipe", "linked-passage"),
    ]
    # [[Start]] names a passage that is not in this file: the choice ends the conversation.
    assert beat.choices[4].next == END
    assert any("10:1: warning: passage 'Links': the link to 'Start'" in w for w in warnings)


def test_the_start_passage_comes_from_story_data(tmp_path: Path) -> None:
    scenario, _ = imported(TWEE / "cookbook-harlowe-storylets.twee", tmp_path)
    assert scenario.start == "start"  # "start": "1" names no passage: Start is used, said
    story = parse('::StoryData\n{"start": "Door"}\n:: Hall\n[[Door]]\n:: Door\nHi\n')
    converted = convert(story, "x", "x.twee")
    assert "\nstart: door\n" in converted.yaml


def test_story_format_code_is_kept_and_reported_where_it_is(tmp_path: Path) -> None:
    _, warnings = imported(TWEE / "cookbook-harlowe-storylets.twee", tmp_path)
    assert any(
        w.endswith(
            "cookbook-harlowe-storylets.twee:31:1: warning: passage 'Rhys Johns': story-format "
            'code kept as a comment: (storylet: when $type is "Casual Dating")'
        )
        for w in warnings
    )
    text = (tmp_path / "cookbook-harlowe-storylets.yaml").read_text("utf-8")
    assert '    #   (storylet: when $type is "Casual Dating")' in text
    _, warnings = imported(TWEE / "chapbook-cloak-of-darkness.twee", tmp_path)
    assert any(
        ":86:1: warning: passage 'read message'" in w and "[align center]" in w for w in warnings
    )
    assert any("Chapbook vars section" in w for w in warnings)
    assert any("leaves the story" in w for w in warnings)  # the credit links to web pages


def test_sugarcube_arrays_inside_macros_are_not_links(tmp_path: Path) -> None:
    scenario, warnings = imported(TWEE / "cookbook-sugarcube-dungeon-moving.twee", tmp_path)
    assert not any("[0,0" in c.text.get() for b in scenario.beats.values() for c in b.choices)
    map_system = scenario.beats["map-system"]
    assert {c.next for c in map_system.choices} >= {"north", "east", "south", "west", "exit"}
    assert any("<<set $positionX += 1>>" in w for w in warnings)


def test_loops_without_an_exit_still_reach_the_end(tmp_path: Path) -> None:
    scenario, _ = imported(TWEE / "cookbook-harlowe-turn-counter.twee", tmp_path)
    assert all(any(c.next == END for c in b.choices) for b in scenario.beats.values())


def test_the_command_prints_the_path_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cloak.yaml"
    source = str(TWEE / "chapbook-cloak-of-darkness.twee")
    assert main(["import", "twee", source, "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip().endswith("cloak.yaml") and out.exists()
    assert "warning(s); 14 beat(s)" in captured.err
    assert main(["validate", str(out)]) == 0
    assert main(["import", "twee", source, "--out", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["import", "twee", source, "--out", str(out), "--force", "--id", "cloak"]) == 0
    assert "\nid: cloak\n" in out.read_text("utf-8")
    (tmp_path / "x.twee").write_bytes(b"\xff\xfe not utf-8")
    assert main(["import", "twee", str(tmp_path / "x.twee")]) == 1
    assert "not UTF-8" in capsys.readouterr().err


def test_a_file_without_passages_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.twee"
    path.write_text("just some notes\n", "utf-8")
    with pytest.raises(ImportError_, match="not a Twee story"):
        import_twee(lib(), path)


names = st.text(alphabet="abcXYZ 019-_.'\"é的:|<>\\/", min_size=1, max_size=12).filter(
    lambda s: s.strip() and "[[" not in s and "]]" not in s and "\n" not in s
)
words = st.text(alphabet="abc xyz,.!?é的$()<>{}[]-|:'\"\\\t", max_size=60)


@st.composite
def twee_story(draw: st.DrawFn) -> str:
    passage_names = draw(st.lists(names, min_size=1, max_size=8, unique_by=lambda s: s.strip()))
    parts = []
    if draw(st.booleans()):
        parts.append(
            ':: StoryData\n{"start": "'
            + draw(st.sampled_from(passage_names)).strip().replace('"', "").replace("\\", "")
            + '"}\n'
        )
    for name in passage_names:
        body = [draw(words)]
        for _ in range(draw(st.integers(0, 4))):
            target = draw(st.sampled_from(passage_names + ["Nowhere", "http://example.org"]))
            text = draw(words).replace("]", "").replace("[", "")
            form = draw(st.sampled_from(["{t}", "{x}|{t}", "{x}->{t}", "{t}<-{x}"]))
            body.append("[[" + form.format(t=target.strip(), x=text) + "]]")
            body.append(
                draw(st.sampled_from(["", "<<set $a to 1>>", "(if: $x)[hi]", "{back link}"]))
            )
        tags = draw(st.sampled_from(["", " [a b]", " [script]"]))
        parts.append(f":: {name}{tags}\n" + "\n".join(body) + "\n")
    return "\n".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(twee_story())
def test_any_story_becomes_a_valid_scenario(text: str) -> None:
    story = parse(text)
    converted = convert(story, "generated", "story.twee")
    scenario, diagnostics = load_text(converted.yaml)
    assert scenario is not None, [str(d) for d in diagnostics] + [converted.yaml]
    assert not any(d.is_error for d in diagnostics)
    assert len(scenario.beats) == max(1, len([p for p in story.passages if not p.special]))


def test_escaped_names_tags_and_metadata() -> None:
    story = parse(
        ':: A \\[tricky\\] name [tag1 tag2] {"position":"1,2"}\nHello [[there->B]]\n:: B\n'
    )
    first = story.passages[0]
    assert (first.name, first.tags, first.metadata) == (
        "A [tricky] name",
        ("tag1", "tag2"),
        {"position": "1,2"},
    )
    assert [(link.text, link.target, link.line, link.col) for link in links(first)] == [
        ("there", "B", 2, 7)
    ]
    assert isinstance(first, Passage)
