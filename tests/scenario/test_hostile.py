"""Hostile or broken files are refused quickly and safely, with a located message."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers import dump, load_text, minimal

from trainer.content.library import Library
from trainer.scenario.diagnostics import Collector
from trainer.scenario.yamlsafe import MAX_BYTES, parse_bytes


def refuse(data: bytes) -> list[str]:
    out = Collector("hostile.yaml", [])
    parsed = parse_bytes(data, out)
    assert parsed.root is None or out.errors
    return [d.message for d in out.errors]


def test_python_tags_are_refused_and_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = (
        f"format: 1\nid: !!python/object/apply:os.system ['touch {marker}']\n"
        "beats: !!python/name:os.system\n"
    ).encode()
    msgs = refuse(payload)
    assert any("tag:yaml.org,2002:python/object/apply:os.system is not allowed" in m for m in msgs)
    assert any("python/name:os.system" in m for m in msgs)
    assert not marker.exists()


def test_custom_tags_are_refused() -> None:
    msgs = refuse(b"format: 1\nid: !include other.yaml\n")
    assert any("YAML tag !include is not allowed" in m for m in msgs)


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    data = ("\n".join(lines) + "\n").encode()
    started = time.perf_counter()
    msgs = refuse(data)
    assert time.perf_counter() - started < 2.0  # a sanity bound, far above the real ~ms
    assert any("alias bomb" in m for m in msgs)


def test_small_aliases_are_fine() -> None:
    data = dump(minimal()).replace("title:\n  en: Cold coffee", "title: &t\n  en: Cold coffee")
    scenario, diags = load_text(data)
    assert scenario is not None, [str(d) for d in diags]


def test_recursive_alias_is_refused() -> None:
    msgs = refuse(b"a: &x [1, *x]\n")
    assert any("refers to itself" in m for m in msgs)


def test_deep_nesting_is_refused_without_crashing() -> None:
    # Whichever layer notices first (our composer or the YAML library's own limit), the file
    # is refused with the project's message, on its first line, quickly, without a crash.
    for depth in (41, 1_000, 100_000):
        data = ("x: " + "[" * depth + "]" * depth + "\n").encode()
        out = Collector("hostile.yaml", [])
        started = time.perf_counter()
        parsed = parse_bytes(data, out)
        assert time.perf_counter() - started < 5.0  # a sanity bound, far above the real ~ms
        assert parsed.root is None
        assert [d.line for d in out.errors] == [1]
        assert "nesting deeper than 40 levels" in out.errors[0].message


def test_file_over_one_mebibyte_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * (MAX_BYTES + 10) + b"\n")
    scenario, diags = Library([tmp_path]).load_scenario(big)
    assert scenario is None
    assert any("above the 1 MiB limit" in d.message for d in diags)
    assert any("above the 1 MiB limit" in m for m in refuse(b"a" * (MAX_BYTES + 1)))


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"format: 1\nid: \xff\xfe bad\n", "not valid UTF-8"),
        (b"format: 1\x07\n", "control character"),
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"# just a comment\n", "empty"),
        (b"---\n...\n", "empty"),
    ],
)
def test_binary_and_empty_files(data: bytes, expected: str) -> None:
    assert any(expected in m for m in refuse(data))


def test_invalid_utf8_names_its_line() -> None:
    out = Collector("f.yaml", [])
    parse_bytes(b"format: 1\nid: ok\ntitle: \xff\n", out)
    assert out.errors[0].line == 3


def test_syntax_error_has_line_and_column() -> None:
    out = Collector("f.yaml", [])
    parse_bytes(b"format: 1\nbeats:\n  a: [1, 2\n  b: 3\n", out)
    # at the bracket that is never closed, not where libyaml gave up
    assert [(d.line, d.col) for d in out.errors] == [(3, 6)]
    assert "'['" in out.errors[0].message and "close it with ']'" in out.errors[0].message


def test_two_documents_are_refused() -> None:
    assert any("second YAML document" in m for m in refuse(b"a: 1\n---\nb: 2\n"))


@pytest.mark.parametrize(
    "bad_id", ["../../etc/passwd", "/etc/passwd", "a/b", "a.b", "~root", "C:\\x", "UPPER"]
)
def test_ids_that_look_like_paths_are_refused(bad_id: str) -> None:
    data = minimal()
    data["customer"]["persona"] = bad_id
    data["id"] = bad_id
    scenario, diags = load_text(dump(data))
    assert scenario is None
    msgs = [d.message for d in diags]
    assert any("customer.persona" in m and "not a valid id" in m for m in msgs)
    assert any("scenario id" in m and "not a valid id" in m for m in msgs)
    if any(c in bad_id for c in "/\\.~:"):
        assert any("never paths" in m for m in msgs)


def test_persona_lookup_never_leaves_the_scenario_folders(tmp_path: Path) -> None:
    outside = tmp_path / "outside" / "personas"
    outside.mkdir(parents=True)
    (outside / "evil.yaml").write_text("format: 1\nid: evil\nname: Evil\n")
    folder = tmp_path / "mine"
    folder.mkdir()
    data = minimal()
    data["customer"]["persona"] = "evil"
    (folder / "s.yaml").write_text(dump(data))
    scenario, diags = Library([folder]).load_scenario(folder / "s.yaml")
    assert scenario is None
    assert any("persona 'evil' was not found" in d.message for d in diags)
