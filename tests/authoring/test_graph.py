"""``trainer graph``: the beats and links, the best path, menus, timeouts, dead ends; a layout
whose boxes never overlap and whose edges run downwards (except loops); self-contained views."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import bundled, bundled_by_id, dump, load_text, minimal
from hypothesis import HealthCheck, given, settings
from strategies import scenario_dict

from trainer.application.authoring.graph import END, build, layout
from trainer.application.authoring.render import FORMATS, render
from trainer.cli import main
from trainer.scenario.model import Scenario
from trainer.scoring.search import explore


def scenario_of(data: dict) -> Scenario:  # type: ignore[type-arg]
    scenario, diags = load_text(dump(data))
    assert scenario is not None, [str(d) for d in diags]
    return scenario


def test_nodes_edges_and_the_best_path() -> None:
    scenario = bundled_by_id("hotel-noisy-room")
    graph = build(scenario)
    assert {n.id for n in graph.nodes} == set(scenario.beats) | {END}
    best = explore(scenario).principled
    assert best is not None and graph.principled
    assert [n.id for n in graph.nodes if n.best and n.id != END] == [
        b for b in scenario.beats if b in best.beats
    ]
    chain = list(best.beats) + [END]
    assert {(e.source, e.target) for e in graph.edges if e.best} == set(
        zip(chain, chain[1:], strict=False)
    )
    # Every choice is on exactly one edge, grouped by where it leads.
    for beat in scenario.beats.values():
        labels = [
            label.text
            for e in graph.edges
            if e.source == beat.id and e.kind == "choice"
            for label in e.labels
        ]
        assert sorted(labels) == sorted(c.id for c in beat.choices)
    menu = graph.node("offer")
    assert menu.kind == "menu"
    timeouts = [e for e in graph.edges if e.kind == "timeout"]
    assert [(e.source, e.target) for e in timeouts] == [("arrival", "kept-waiting")]
    assert timeouts[0].labels[0].text == "timeout 15 s"
    mistakes = {lab.text for e in graph.edges for lab in e.labels if lab.mistake}
    assert {"blame-contractor", "sorry-if", "add-voucher", "jump-to-earplugs"} <= mistakes
    assert "own-it" not in mistakes


def test_dead_ends_and_unreachable_beats_are_marked() -> None:
    data = minimal()
    data["beats"]["ask"]["choices"][1]["next"] = "trap"
    data["beats"]["trap"] = {
        "say": "Round.",
        "choices": [{"id": "a", "text": "a", "next": "trap2"}],
    }
    data["beats"]["trap2"] = {
        "say": "Again.",
        "choices": [{"id": "b", "text": "b", "next": "trap"}],
    }
    data["beats"]["orphan"] = {"say": "No.", "choices": [{"id": "c", "text": "c", "next": "end"}]}
    graph = build(scenario_of(data))
    assert graph.node("trap").dead_end and graph.node("trap2").dead_end
    assert graph.node("orphan").unreachable and not graph.node("orphan").dead_end
    assert not graph.node("ask").dead_end
    for fmt in ("mermaid", "dot"):
        text = render(graph, fmt)
        assert "DEAD END" in text and "UNREACHABLE" in text


def check_layout(scenario: Scenario) -> None:
    graph = build(scenario)
    placed = layout(graph)
    boxes = [b for b in placed.boxes.values() if not b.waypoint]
    for i, a in enumerate(boxes):
        assert a.x - a.w / 2 >= 0 and a.y >= 0
        assert a.x + a.w / 2 <= placed.width and a.y + a.h <= placed.height
        for b in boxes[i + 1 :]:
            apart = (
                abs(a.x - b.x) >= (a.w + b.w) / 2 - 0.01
                or a.y + a.h <= b.y + 0.01
                or b.y + b.h <= a.y + 0.01
            )
            assert apart, f"{a.id} and {b.id} overlap"
    for route in placed.routes:
        if not route.back:
            ys = [y for _, y in route.points]
            assert ys == sorted(ys), f"{route.edge} does not run downwards"
    assert placed.boxes[END].layer == max(b.layer for b in placed.boxes.values())


@pytest.mark.parametrize("scenario", bundled(), ids=lambda s: s.id)
def test_the_layout_of_every_bundled_scenario(scenario: Scenario) -> None:
    check_layout(scenario)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_dict())
def test_the_layout_of_generated_scenarios(data: dict) -> None:  # type: ignore[type-arg]
    scenario, _ = load_text(dump(data))
    if scenario is not None:
        check_layout(scenario)
        for fmt in FORMATS:
            assert render(build(scenario), fmt)


def test_svg_and_html_are_self_contained() -> None:
    graph = build(bundled_by_id("restaurant-cold-soup"))
    svg = render(graph, "svg")
    root = ET.fromstring(svg.split("\n", 1)[1])  # well-formed XML
    assert root.tag.endswith("svg")
    page = render(graph, "html")
    for text in (svg, page):
        lowered = text.lower()
        assert "<script" not in lowered and "@import" not in lowered
        assert "src=" not in lowered and "href=" not in lowered
        assert lowered.count("http") == lowered.count('xmlns="http://www.w3.org/2000/svg"')
    assert page.count("<svg") >= 2 and "The best-practice path" in page
    for beat_id in graph.scenario.beats:
        assert f">{beat_id}<" in svg


def test_text_is_escaped_in_every_format() -> None:
    data = minimal()
    data["beats"]["complaint"]["say"] = 'He said "<b>cold</b>" & | left'
    graph = build(scenario_of(data))
    assert "<b>cold" not in render(graph, "svg") and "<b>cold" not in render(graph, "html")
    assert '"<b>' not in render(graph, "mermaid")
    assert 'label="complaint · START\\nHe said \\"<b>cold</b>\\"' in render(graph, "dot")


def test_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "hotel-noisy-room"]) == 0
    assert capsys.readouterr().out.startswith("---\ntitle: A sleepless night")
    out = tmp_path / "g.html"
    assert (
        main(["graph", "scenarios/hotel-noisy-room.yaml", "--format", "html", "--out", str(out)])
        == 0
    )
    assert out.read_text("utf-8").startswith("<!doctype html>")
    assert main(["graph", "hotel-noisy-room", "--format", "dot", "--lang", "zh-Hans"]) == 0
    assert "工地" in capsys.readouterr().out
    assert main(["graph", "no-such-scenario"]) == 1
    assert "unknown scenario id" in capsys.readouterr().err
    assert main(["graph", "hotel-noisy-room", "--format", "png"]) == 2


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("chromium"), reason="needs the system Chromium")
def test_the_page_renders_in_a_browser(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    page_path = tmp_path / "graph.html"
    scenario = bundled_by_id("hotel-noisy-room")
    page_path.write_text(render(build(scenario), "html"), "utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(page_path.as_uri())
        figure = page.locator("figure svg").bounding_box()
        assert figure is not None and figure["width"] > 600 and figure["height"] > 800
        # Every beat's name is drawn inside the picture, at a readable size.
        for beat_id in scenario.beats:
            box = page.locator("figure svg text", has_text=beat_id).first.bounding_box()
            assert box is not None and box["height"] >= 12
        browser.close()
        assert errors == []
