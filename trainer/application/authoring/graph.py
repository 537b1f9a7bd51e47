"""``trainer graph``: the beats of a scenario and their links, with the best-practice path (as
the engine's search finds it), menus, timeouts, dead ends and unreachable beats marked.

:func:`build` makes the graph; :func:`layout` places it in layers (a small Sugiyama layout:
back edges found by a depth-first walk, layers by longest path, long edges through waypoints,
order by barycentres, positions pulled towards neighbours), for the SVG and HTML views in
``render.py``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from ...engine.state import Choose, Offer
from ...scenario.model import END, Beat, Choice, Scenario
from ...scoring.search import Path, explore

#: marks of a mistake on a choice (the debrief never recommends them)
POOR_APOLOGY = frozenset(
    {"deflect", "blame-customer", "conditional", "refuse", "argue", "excessive"}
)


def mistake(choice: Choice) -> bool:
    """Whether the choice carries a mark of a mistake: a poor apology, an interruption,
    retaliating or caving."""
    return bool(
        set(choice.apology) & POOR_APOLOGY
        or choice.listen == "interrupt"
        or choice.boundary in ("retaliate", "cave")
    )


@dataclass(frozen=True)
class Node:
    id: str
    kind: str  # "choices" | "menu" | "end"
    say: str = ""
    best: bool = False
    dead_end: bool = False  # no path from here reaches end
    unreachable: bool = False
    start: bool = False
    patience_s: float | None = None


@dataclass(frozen=True)
class Label:
    """One choice (or the menu's offer, or a timeout) on an edge."""

    text: str
    best: bool = False
    mistake: bool = False


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str  # "choice" | "menu" | "timeout"
    labels: tuple[Label, ...]
    best: bool = False


@dataclass(frozen=True)
class Graph:
    scenario: Scenario
    locale: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    best: Path | None
    principled: bool  # the best path honours every principle

    def node(self, node_id: str) -> Node:
        return next(n for n in self.nodes if n.id == node_id)

    def steps(self) -> list[tuple[str, str]]:
        """The best path as (beat, what was done) pairs."""
        return describe(self.scenario, self.best, self.locale) if self.best else []


def describe(scenario: Scenario, path: Path, locale: str) -> list[tuple[str, str]]:
    out = []
    for beat_id, (action, _) in zip(path.beats, path.decisions, strict=False):
        if isinstance(action, Choose):
            choice = scenario.beats[beat_id].choice(action.choice)
            words = choice.text.get(locale) if choice else ""
            out.append((beat_id, f"{action.choice}: {words}"))
        elif isinstance(action, Offer):
            labels = [
                f"{rid} ({r.label.get(locale)})"
                for rid in action.remedies
                if (r := scenario.remedy(rid))
            ]
            out.append((beat_id, "offer " + " + ".join(labels)))
    return out


def reachable(scenario: Scenario) -> set[str]:
    seen = {scenario.start}
    todo = [scenario.start]
    while todo:
        for target in scenario.beats[todo.pop()].successors():
            if target != END and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def reaches_end(scenario: Scenario) -> set[str]:
    good: set[str] = set()
    changed = True
    while changed:
        changed = False
        for beat in scenario.beats.values():
            if beat.id not in good and any(t == END or t in good for t in beat.successors()):
                good.add(beat.id)
                changed = True
    return good


def build(scenario: Scenario, locale: str | None = None, path: Path | None = None) -> Graph:
    """The graph of ``scenario``, with the best principled path (else the best) marked."""
    loc = locale or scenario.fallback
    principled = True
    if path is None:
        found = explore(scenario)
        path = found.principled
        if path is None:
            path, principled = found.best, False
    best_edges: set[tuple[str, str]] = set()
    best_choice: dict[str, str] = {}
    if path is not None:
        chain = list(path.beats) + [END]
        for index, (action, _) in enumerate(path.decisions):
            if index + 1 < len(chain):
                best_edges.add((chain[index], chain[index + 1]))
                if isinstance(action, Choose):
                    best_choice[chain[index]] = action.choice
    on_path = set(path.beats) if path else set()
    live = reachable(scenario)
    ends = reaches_end(scenario)
    nodes = [
        Node(
            id=beat.id,
            kind="menu" if beat.menu else "choices",
            say=beat.say.get(loc),
            best=beat.id in on_path,
            dead_end=beat.id in live and beat.id not in ends,
            unreachable=beat.id not in live,
            start=beat.id == scenario.start,
            patience_s=beat.patience_s,
        )
        for beat in scenario.beats.values()
    ]
    nodes.append(Node(END, "end", best=path is not None))
    return Graph(
        scenario,
        loc,
        tuple(nodes),
        tuple(_edges(scenario, best_edges, best_choice)),
        path,
        principled,
    )


def _edges(
    scenario: Scenario, best_edges: set[tuple[str, str]], best_choice: dict[str, str]
) -> list[Edge]:
    out: list[Edge] = []
    for beat in scenario.beats.values():
        grouped: dict[str, list[Label]] = {}
        for choice in beat.choices:
            marked = mistake(choice) or choice.feedback is not None  # feedback says why wrong
            grouped.setdefault(choice.next, []).append(
                Label(choice.id, best_choice.get(beat.id) == choice.id, marked)
            )
        for target, labels in grouped.items():
            best = (beat.id, target) in best_edges and any(label.best for label in labels)
            out.append(Edge(beat.id, target, "choice", tuple(labels), best))
        if beat.menu and beat.next:
            best = (beat.id, beat.next) in best_edges
            out.append(Edge(beat.id, beat.next, "menu", (Label("offer", best),), best))
        if beat.on_timeout:
            out.append(
                Edge(beat.id, beat.on_timeout, "timeout", (Label(_timeout(scenario, beat)),))
            )
    return out


def _timeout(scenario: Scenario, beat: Beat) -> str:
    seconds = beat.patience_s if beat.patience_s is not None else scenario.persona.patience_s
    return f"timeout {seconds:g} s"


# -- layout -------------------------------------------------------------------------------------

NODE_W = 230
NODE_H = 92
END_W = 70
END_H = 34
WAYPOINT_W = 16
GAP_X = 46
GAP_Y = 74
MARGIN = 24


@dataclass
class Box:
    id: str
    layer: int
    x: float = 0.0  # centre
    y: float = 0.0  # top
    w: float = NODE_W
    h: float = NODE_H
    waypoint: bool = False


@dataclass
class Route:
    edge: Edge
    points: list[tuple[float, float]]
    back: bool = False


@dataclass
class Layout:
    boxes: dict[str, Box]
    routes: list[Route]
    width: float
    height: float
    layers: list[list[str]] = field(default_factory=list)


def _back_edges(graph: Graph) -> set[tuple[str, str]]:
    """Edges that close a loop, found by a depth-first walk from the start (then from any beat
    not yet seen)."""
    succ: dict[str, list[str]] = {n.id: [] for n in graph.nodes}
    for edge in graph.edges:
        if edge.target not in succ[edge.source]:
            succ[edge.source].append(edge.target)
    state: dict[str, int] = {}
    back: set[tuple[str, str]] = set()
    roots = [graph.scenario.start] + [n.id for n in graph.nodes if n.id != graph.scenario.start]
    for root in roots:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            node, index = stack.pop()
            if index < len(succ[node]):
                stack.append((node, index + 1))
                target = succ[node][index]
                if state.get(target) == 1:
                    back.add((node, target))
                elif target not in state:
                    state[target] = 1
                    stack.append((target, 0))
            else:
                state[node] = 2
    return back


def layout(graph: Graph) -> Layout:
    back = _back_edges(graph)
    forward = [e for e in graph.edges if (e.source, e.target) not in back]
    ids = [n.id for n in graph.nodes if n.id != END]
    # Layers: the longest path from a root over the forward edges; end below everything.
    layer = {node_id: 0 for node_id in ids}
    for _ in range(len(ids) + 1):
        changed = False
        for edge in forward:
            if edge.target != END and layer[edge.target] < layer[edge.source] + 1:
                layer[edge.target] = layer[edge.source] + 1
                changed = True
        if not changed:
            break
    layer[END] = max(layer.values(), default=-1) + 1
    boxes: dict[str, Box] = {}
    for node in graph.nodes:
        w, h = (END_W, END_H) if node.kind == "end" else (NODE_W, NODE_H)
        boxes[node.id] = Box(node.id, layer[node.id], w=w, h=h)
    # Long edges pass through waypoints, one per layer crossed.
    chains: dict[int, list[str]] = {}
    for index, edge in enumerate(graph.edges):
        if (edge.source, edge.target) in back:
            continue
        top, bottom = layer[edge.source], layer[edge.target]
        chain = [edge.source]
        for between in range(top + 1, bottom):
            wid = f"~{index}~{between}"
            boxes[wid] = Box(wid, between, w=WAYPOINT_W, h=NODE_H, waypoint=True)
            chain.append(wid)
        chain.append(edge.target)
        chains[index] = chain
    count = max(b.layer for b in boxes.values()) + 1
    layers: list[list[str]] = [[] for _ in range(count)]
    for box_id in _discovery_order(graph, boxes, chains):
        layers[boxes[box_id].layer].append(box_id)
    up: dict[str, list[str]] = {b: [] for b in boxes}
    down: dict[str, list[str]] = {b: [] for b in boxes}
    for chain in chains.values():
        for a, b in zip(chain, chain[1:], strict=False):
            down[a].append(b)
            up[b].append(a)
    _order(layers, up, down)
    _place(layers, boxes, up, down)
    width = max((b.x + b.w / 2 for b in boxes.values()), default=0) + MARGIN
    height = max((b.y + b.h for b in boxes.values()), default=0) + MARGIN
    routes = []
    for index, edge in enumerate(graph.edges):
        if index in chains:
            routes.append(_route(edge, [boxes[b] for b in chains[index]]))
        else:
            routes.append(_back_route(edge, boxes[edge.source], boxes[edge.target], width))
    _spread_ports(routes, boxes)
    right = max((max(x for x, _ in r.points) for r in routes), default=0) + MARGIN
    return Layout(boxes, routes, max(width, right), height, layers)


def _discovery_order(
    graph: Graph, boxes: dict[str, Box], chains: dict[int, list[str]]
) -> list[str]:
    """Boxes in the order a walk from the start meets them (a first order for each layer)."""
    seen: dict[str, None] = {}
    todo = [graph.scenario.start] + [n.id for n in graph.nodes]
    nxt: dict[str, list[str]] = {}
    for chain in chains.values():
        for a, b in zip(chain, chain[1:], strict=False):
            nxt.setdefault(a, []).append(b)
    queue = list(todo[:1])
    while queue:
        item = queue.pop(0)
        if item in seen:
            continue
        seen[item] = None
        queue.extend(nxt.get(item, []))
    for item in list(todo) + list(boxes):
        seen.setdefault(item, None)
    return list(seen)


def _order(layers: list[list[str]], up: dict[str, list[str]], down: dict[str, list[str]]) -> None:
    """Barycentre sweeps, down then up, to reduce crossings."""

    def sweep(rows: list[list[str]], neighbours: dict[str, list[str]]) -> None:
        for i in range(1, len(rows)):
            position = {b: p for p, b in enumerate(rows[i - 1])}
            current = {b: p for p, b in enumerate(rows[i])}
            key = {}
            for b in rows[i]:
                near = [position[n] for n in neighbours[b] if n in position]
                key[b] = sum(near) / len(near) if near else float(current[b])
            rows[i].sort(key=key.__getitem__)

    for _ in range(4):
        sweep(layers, up)
        reversed_layers = layers[::-1]
        sweep(reversed_layers, down)


def _place(
    layers: list[list[str]],
    boxes: dict[str, Box],
    up: dict[str, list[str]],
    down: dict[str, list[str]],
) -> None:
    y = float(MARGIN)
    for row in layers:
        tallest = max((boxes[b].h for b in row if not boxes[b].waypoint), default=NODE_H)
        x = float(MARGIN)
        for b in row:
            box = boxes[b]
            box.x = x + box.w / 2
            box.y = y + (tallest - box.h) / 2 if not box.waypoint else y
            if box.waypoint:
                box.h = tallest
            x += box.w + GAP_X
        y += tallest + GAP_Y
    # Pull each box towards the average of its neighbours, keeping the order and the gaps.
    for _ in range(6):
        for rows, neighbours in ((layers, up), (layers[::-1], down)):
            for row in rows:
                wanted = []
                for b in row:
                    near = [boxes[n].x for n in neighbours[b]]
                    wanted.append(sum(near) / len(near) if near else boxes[b].x)
                _settle(row, boxes, wanted)
    left = min((b.x - b.w / 2 for b in boxes.values()), default=MARGIN)
    for box in boxes.values():
        box.x += MARGIN - left


def _settle(row: list[str], boxes: dict[str, Box], wanted: list[float]) -> None:
    """Move the boxes of a row to their wanted centres without overlap, in order."""
    xs = list(wanted)
    for i in range(1, len(row)):
        least = xs[i - 1] + (boxes[row[i - 1]].w + boxes[row[i]].w) / 2 + GAP_X
        xs[i] = max(xs[i], least)
    # Shift the whole row back so that, on average, boxes sit where they want to be.
    shift = sum(w - x for w, x in zip(wanted, xs, strict=True)) / max(len(xs), 1)
    for i, b in enumerate(row):
        boxes[b].x = xs[i] + shift


def _route(edge: Edge, chain: list[Box]) -> Route:
    first, last = chain[0], chain[-1]
    points = [(first.x, first.y + first.h)]
    for box in chain[1:-1]:
        points.append((box.x, box.y))
        points.append((box.x, box.y + box.h))
    points.append((last.x, last.y))
    return Route(edge, points, False)


def _spread_ports(routes: list[Route], boxes: dict[str, Box]) -> None:
    """Edges leaving (or entering) one box start (or end) side by side, in the order of where
    they go (or come from), instead of all at its centre."""
    leaving: dict[str, list[Route]] = {}
    entering: dict[str, list[Route]] = {}
    for route in routes:
        if not route.back:
            leaving.setdefault(route.edge.source, []).append(route)
            entering.setdefault(route.edge.target, []).append(route)
    for groups, end, towards in ((leaving, 0, 1), (entering, -1, -2)):
        for box_id, group in groups.items():
            box = boxes[box_id]
            order = {id(r): r.points[towards][0] for r in group}
            group.sort(key=lambda r: order[id(r)])
            step = min(34.0, box.w * 0.7 / max(len(group), 1))
            for index, route in enumerate(group):
                x = box.x + (index - (len(group) - 1) / 2) * step
                route.points[end] = (x, route.points[end][1])


def _back_route(edge: Edge, source: Box, target: Box, width: float) -> Route:
    """A loop back up: out of the source's right side, round, into the target's right side."""
    bulge = 40 + 14 * (source.layer - target.layer)
    start = (source.x + source.w / 2, source.y + source.h / 2)
    end = (target.x + target.w / 2, target.y + target.h / 2)
    out = max(start[0], end[0]) + bulge
    points = [start, (out, start[1]), (out, end[1]), end]
    return Route(edge, points, True)


def text_width(text: str, size: float) -> float:
    """Roughly how wide ``text`` is at font size ``size`` (wide East Asian characters count
    double), for wrapping without a font at hand."""
    units = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return units * size * 0.56


def wrap(text: str, size: float, width: float, lines: int) -> list[str]:
    """Wrap to ``lines`` lines of ``width`` pixels, with an ellipsis if it does not fit."""
    words = text.split() if " " in text else list(text)
    joiner = " " if " " in text else ""
    out: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current}{joiner}{word}" if current else word
        if text_width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            out.append(current)
        current = word
        if len(out) == lines:
            break
    if current and len(out) < lines:
        out.append(current)
    shown = joiner.join(out)
    if len(shown) < len(text.strip()) and out:
        last = out[-1]
        while last and text_width(last + "…", size) > width:
            last = last[:-1]
        out[-1] = last.rstrip() + "…"
    return out
