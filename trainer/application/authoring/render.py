"""The views of a scenario's graph: Mermaid and Graphviz text, a self-contained SVG, and an HTML
page (the SVG, a legend, the best path in words, every beat in a table) that needs no script,
no network and no font beyond the browser's own."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ...scenario.model import END
from .graph import Edge, Graph, Label, Layout, Node, Route, layout, mistake, text_width, wrap

FORMATS = ("mermaid", "dot", "svg", "html")

GREEN = "#1a7f37"
RED = "#c62828"
ORANGE = "#b35900"
GREY = "#6e7781"
INK = "#1f2328"
EDGE = "#8c959f"


def render(graph: Graph, fmt: str) -> str:
    if fmt == "mermaid":
        return mermaid(graph)
    if fmt == "dot":
        return dot(graph)
    if fmt == "svg":
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg(graph) + "\n"
    if fmt == "html":
        return html(graph)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _labels(labels: tuple[Label, ...]) -> str:
    """Choice ids for a text format: the best one ticked, mistakes crossed."""
    return ", ".join(
        ("✓ " if label.best else "✗ " if label.mistake else "") + label.text for label in labels
    )


def _badges(node: Node) -> list[str]:
    out = []
    if node.start:
        out.append("START")
    if node.kind == "menu":
        out.append("MENU")
    if node.dead_end:
        out.append("DEAD END")
    if node.unreachable:
        out.append("UNREACHABLE")
    return out


# -- Mermaid ------------------------------------------------------------------------------------


def _mermaid_text(text: str) -> str:
    return (
        text.replace('"', "#quot;").replace("|", "#124;").replace("<", "#lt;").replace(">", "#gt;")
    )


def mermaid(graph: Graph) -> str:
    ids = {node.id: f"n{index}" for index, node in enumerate(graph.nodes)}
    ids[END] = "finish"
    lines = [
        "---",
        f"title: {_mermaid_text(graph.scenario.title.get(graph.locale))} ({graph.scenario.id})",
        "---",
        "flowchart TD",
    ]
    for node in graph.nodes:
        if node.kind == "end":
            lines.append(f'  {ids[END]}(["end"])')
            continue
        head = " · ".join([node.id] + _badges(node))
        label = f"{_mermaid_text(head)}<br/>{_mermaid_text(_short(node.say, 60))}"
        shape = ("{{", "}}") if node.kind == "menu" else ("[", "]")
        lines.append(f'  {ids[node.id]}{shape[0]}"{label}"{shape[1]}')
    for edge in graph.edges:
        text = _mermaid_text(_labels(edge.labels))
        arrow = "==>" if edge.best else "-.->" if edge.kind == "timeout" else "-->"
        lines.append(f"  {ids[edge.source]} {arrow}|{text}| {ids[edge.target]}")
    lines += [
        f"  classDef best stroke:{GREEN},stroke-width:3px,fill:#eef8f0",
        f"  classDef menu stroke:{ORANGE},fill:#fff7e6",
        f"  classDef dead stroke:{RED},fill:#fdecea",
        f"  classDef unreachable stroke:{GREY},stroke-dasharray:4 3,fill:#f3f4f6",
        "  classDef finish fill:#24292f,color:#ffffff,stroke:#24292f",
    ]
    classes: dict[str, Callable[[Node], bool]] = {
        "menu": lambda n: n.kind == "menu",
        "best": lambda n: n.best and n.kind != "end",
        "dead": lambda n: n.dead_end,
        "unreachable": lambda n: n.unreachable,
    }
    for cls, test in classes.items():
        members = [ids[n.id] for n in graph.nodes if test(n)]
        if members:
            lines.append(f"  class {','.join(members)} {cls}")
    lines.append(f"  class {ids[END]} finish")
    best = [i for i, e in enumerate(graph.edges) if e.best]
    if best:
        lines.append(f"  linkStyle {','.join(map(str, best))} stroke:{GREEN},stroke-width:3px")
    return "\n".join(lines) + "\n"


# -- Graphviz -----------------------------------------------------------------------------------


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def dot(graph: Graph) -> str:
    title = graph.scenario.title.get(graph.locale)
    lines = [
        f'digraph "{_dot_text(graph.scenario.id)}" {{',
        f'  label="{_dot_text(title)}"; labelloc=t; rankdir=TB;',
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#8c959f", '
        'fontname="Helvetica", fontsize=11];',
        '  edge [color="#8c959f", fontname="Helvetica", fontsize=10];',
    ]
    for node in graph.nodes:
        if node.kind == "end":
            lines.append(
                f'  "{END}" [label="end", shape=oval, fillcolor="#24292f", fontcolor="#ffffff"];'
            )
            continue
        head = " · ".join([node.id] + _badges(node))
        attrs = [f'label="{_dot_text(head + chr(10) + _short(node.say, 60))}"']
        if node.kind == "menu":
            attrs += ["shape=hexagon", 'fillcolor="#fff7e6"', f'color="{ORANGE}"']
        if node.best:
            attrs += [f'color="{GREEN}"', "penwidth=3"]
        if node.dead_end:
            attrs += ['fillcolor="#fdecea"', f'color="{RED}"']
        if node.unreachable:
            attrs += ['style="rounded,filled,dashed"', 'fillcolor="#f3f4f6"']
        lines.append(f'  "{_dot_text(node.id)}" [{", ".join(attrs)}];')
    for edge in graph.edges:
        attrs = [f'label="{_dot_text(_labels(edge.labels))}"']
        if edge.best:
            attrs += [f'color="{GREEN}"', "penwidth=3"]
        if edge.kind == "timeout":
            attrs += ["style=dashed", f'color="{ORANGE}"', f'fontcolor="{ORANGE}"']
        lines.append(
            f'  "{_dot_text(edge.source)}" -> "{_dot_text(edge.target)}" [{", ".join(attrs)}];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- SVG ----------------------------------------------------------------------------------------

FONT = "DejaVu Sans, Segoe UI, Helvetica, Arial, Noto Sans CJK SC, sans-serif"
LABEL_SIZE = 10.5
LABEL_LINE = 13.0


def svg(graph: Graph, standalone: bool = True) -> str:
    """The picture. Standalone, it carries its own title, summary and legend; inside the HTML
    page (``standalone=False``) the page says those in HTML."""
    placed = layout(graph)
    header = _header_lines(graph) if standalone else []
    width = placed.width
    header_h = 0.0
    if standalone:
        header_h = 24 + 19 * len(header) + 30
        widest = max(text_width(text, size) for text, size, _ in header)
        width = max(width, _legend_width() + 36, widest + 36)
    height = placed.height + header_h
    labels = _place_labels(placed)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        + (
            f'width="{width:.0f}" height="{height:.0f}" '
            if standalone
            else f'style="width: min(100%, {width * 1.3:.0f}px); height: auto" '
        )
        + 'role="img" '
        f'aria-label="{escape(_title(graph))}" font-family="{FONT}">',
        f"<title>{escape(_title(graph))}</title>",
        _defs(),
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    if standalone:
        y = 28.0
        for text, size, colour in header:
            weight = ' font-weight="bold"' if size > 14 else ""
            parts.append(
                f'<text x="18" y="{y:.0f}" font-size="{size}"{weight} fill="{colour}">'
                f"{escape(text)}</text>"
            )
            y += 19 if size <= 14 else 22
        parts.append(_legend(18, y + 10))
    parts.append(f'<g transform="translate(0,{header_h})">')
    for route in placed.routes:
        parts.append(_edge(route))
    for box in placed.boxes.values():
        if not box.waypoint:
            parts.append(_node(graph.node(box.id), box.x, box.y, box.w, box.h))
    for route, rect in zip(placed.routes, labels, strict=True):
        parts.append(_edge_label(route, rect))
    parts.append("</g></svg>")
    return "\n".join(parts)


def _title(graph: Graph) -> str:
    return f"{graph.scenario.title.get(graph.locale)} ({graph.scenario.id})"


def _defs() -> str:
    markers = []
    for name, colour in (("edge", EDGE), ("best", GREEN), ("timeout", ORANGE)):
        markers.append(
            f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" '
            f'markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    return "<defs>" + "".join(markers) + "</defs>"


def summary(graph: Graph) -> str:
    best = graph.best
    if best is None:
        return "No path reaches the end."
    if graph.principled:
        return (
            f"Best-practice path (green): overall {best.overall:.0f}, honouring every "
            f"principle, in {len(best.decisions)} decisions."
        )
    return (
        f"No path honours every principle; the best path (green) scores {best.overall:.0f} "
        f"and breaks: {', '.join(sorted(best.violations))}."
    )


def _meta(graph: Graph) -> str:
    s = graph.scenario
    return (
        f"{s.id} v{s.version} · {s.industry} · difficulty {s.difficulty} · "
        f"persona {s.persona.id} · {len(s.beats)} beats"
    )


def _header_lines(graph: Graph) -> list[tuple[str, float, str]]:
    return [
        (_short(graph.scenario.title.get(graph.locale), 90), 18, INK),
        (_meta(graph), 12, GREY),
        (summary(graph), 12, GREEN if graph.principled else RED),
    ]


_LEGEND = (
    (f'<line x1="0" y1="-4" x2="26" y2="-4" stroke="{GREEN}" stroke-width="3.5"/>', "best path"),
    (
        f'<line x1="0" y1="-4" x2="26" y2="-4" stroke="{ORANGE}" stroke-width="2" '
        'stroke-dasharray="5 3"/>',
        "timeout",
    ),
    (f'<rect x="4" y="-11" width="18" height="13" fill="#fff7e6" stroke="{ORANGE}"/>', "menu"),
    (
        f'<rect x="4" y="-11" width="18" height="13" fill="#fdecea" stroke="{RED}"/>',
        "dead end (never reaches end)",
    ),
    (
        f'<rect x="4" y="-11" width="18" height="13" fill="#f3f4f6" stroke="{GREY}" '
        'stroke-dasharray="3 2"/>',
        "unreachable",
    ),
    (f'<text x="0" y="0" font-size="11" fill="{RED}">abc</text>', "a mistake"),
)


def _legend_width() -> float:
    return sum(44 + text_width(words, 11) for _, words in _LEGEND)


def _legend(x: float, y: float) -> str:
    out = []
    for mark, words in _LEGEND:
        out.append(
            f'<g transform="translate({x:.0f},{y:.0f})">{mark}'
            f'<text x="32" y="0" font-size="11" fill="{INK}">{escape(words)}</text></g>'
        )
        x += 44 + text_width(words, 11)
    return "".join(out)


def _node(node: Node, cx: float, y: float, w: float, h: float) -> str:
    x = cx - w / 2
    if node.kind == "end":
        return (
            f'<g><rect x="{x:.1f}" y="{y:.1f}" width="{w:.0f}" height="{h:.0f}" rx="{h / 2:.0f}" '
            f'fill="#24292f"/><text x="{cx:.1f}" y="{y + h / 2 + 5:.1f}" font-size="13" '
            f'font-weight="bold" fill="#ffffff" text-anchor="middle">end</text></g>'
        )
    fill, stroke, width, dash = "#ffffff", EDGE, 1.4, ""
    if node.kind == "menu":
        fill, stroke = "#fff7e6", ORANGE
    if node.best:
        fill = "#eef8f0" if node.kind != "menu" else fill
        stroke, width = GREEN, 3.0
    if node.dead_end:
        fill, stroke = "#fdecea", RED
    if node.unreachable:
        fill, stroke, dash = "#f3f4f6", GREY, ' stroke-dasharray="5 3"'
    if node.kind == "menu":
        c = 14
        shape = (
            f'<polygon points="{x + c:.1f},{y:.1f} {x + w - c:.1f},{y:.1f} {x + w:.1f},'
            f"{y + h / 2:.1f} {x + w - c:.1f},{y + h:.1f} {x + c:.1f},{y + h:.1f} {x:.1f},"
            f'{y + h / 2:.1f}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}/>'
        )
        pad = c + 4
    else:
        shape = (
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.0f}" height="{h:.0f}" rx="8" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}/>'
        )
        pad = 10
    ink = GREY if node.unreachable else INK
    parts = [f"<g><title>{escape(node.id)}: {escape(node.say)}</title>", shape]
    badges = _badges(node)
    badge_w = sum(text_width(b, 9) + 14 for b in badges)
    parts.append(
        f'<text x="{x + pad:.1f}" y="{y + 19:.1f}" font-size="13" font-weight="bold" '
        f'fill="{ink}">{escape(_fit(node.id, 13, w - 2 * pad - badge_w))}</text>'
    )
    bx = x + w - pad
    for badge in reversed(badges):
        colour = {"START": GREEN, "MENU": ORANGE, "DEAD END": RED}.get(badge, GREY)
        bw = text_width(badge, 9) + 10
        bx -= bw
        parts.append(
            f'<rect x="{bx:.1f}" y="{y + 7:.1f}" width="{bw:.1f}" height="15" rx="7" '
            f'fill="{colour}"/><text x="{bx + bw / 2:.1f}" y="{y + 18:.1f}" font-size="9" '
            f'font-weight="bold" fill="#ffffff" text-anchor="middle">{badge}</text>'
        )
        bx -= 4
    for index, line in enumerate(wrap(f"“{node.say}”", 11.5, w - 2 * pad, 3)):
        parts.append(
            f'<text x="{x + pad:.1f}" y="{y + 38 + index * 15:.1f}" font-size="11.5" '
            f'fill="{ink}">{escape(line)}</text>'
        )
    if node.patience_s is not None:
        parts.append(
            f'<text x="{x + w - pad:.1f}" y="{y + h - 6:.1f}" font-size="9.5" fill="{ORANGE}" '
            f'text-anchor="end">patience {node.patience_s:g} s</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _fit(text: str, size: float, width: float) -> str:
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def _path(route: Route) -> str:
    pts = route.points
    if route.back:
        (x0, y0), (ox, _), (_, _), (x3, y3) = pts
        return f"M{x0:.1f},{y0:.1f} C{ox:.1f},{y0:.1f} {ox:.1f},{y3:.1f} {x3:.1f},{y3:.1f}"
    d = [f"M{pts[0][0]:.1f},{pts[0][1]:.1f}"]
    for (x1, y1), (x2, y2) in zip(pts, pts[1:], strict=False):
        if abs(x1 - x2) < 0.5:
            d.append(f"L{x2:.1f},{y2:.1f}")
            continue
        mid = (y2 - y1) / 2
        d.append(f"C{x1:.1f},{y1 + mid:.1f} {x2:.1f},{y2 - mid:.1f} {x2:.1f},{y2:.1f}")
    return " ".join(d)


def _along(route: Route, t: float) -> tuple[float, float]:
    """A point at ``t`` (0..1) along the route's first curve (its outer side for a loop)."""
    if route.back:
        (x0, y0), (ox, _), (_, _), (x3, y3) = route.points
        p = ((x0, y0), (ox, y0), (ox, y3), (x3, y3))
    else:
        (x1, y1), (x2, y2) = route.points[0], route.points[1]
        mid = (y2 - y1) / 2
        p = ((x1, y1), (x1, y1 + mid), (x2, y2 - mid), (x2, y2))
    u = 1 - t
    x = u**3 * p[0][0] + 3 * u * u * t * p[1][0] + 3 * u * t * t * p[2][0] + t**3 * p[3][0]
    y = u**3 * p[0][1] + 3 * u * u * t * p[1][1] + 3 * u * t * t * p[2][1] + t**3 * p[3][1]
    return x, y


Rect = tuple[float, float, float, float]  # left, top, width, height


def _label_size(edge: Edge) -> tuple[float, float]:
    widest = max(text_width(_label_text(edge, label), LABEL_SIZE) for label in edge.labels)
    return widest + 12, LABEL_LINE * len(edge.labels) + 5


def _label_text(edge: Edge, label: Label) -> str:
    return label.text


def _overlap(a: Rect, b: Rect) -> float:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _place_labels(placed: Layout) -> list[Rect]:
    """Put each edge's label on its curve where it covers no box and no other label (or as
    little as it can)."""
    taken: list[Rect] = [
        (b.x - b.w / 2, b.y, b.w, b.h) for b in placed.boxes.values() if not b.waypoint
    ]
    out: list[Rect] = []
    for route in placed.routes:
        w, h = _label_size(route.edge)
        best: tuple[float, Rect] | None = None
        for t in (0.5, 0.38, 0.62, 0.26, 0.74, 0.15, 0.85):
            x, y = _along(route, t)
            rect = (x - w / 2, y - h / 2, w, h)
            cost = sum(_overlap(rect, other) for other in taken)
            if best is None or cost < best[0] - 1e-6:
                best = (cost, rect)
            if cost == 0:
                break
        assert best is not None
        taken.append(best[1])
        out.append(best[1])
    return out


def _edge(route: Route) -> str:
    edge = route.edge
    if edge.best:
        colour, width, marker, dash = GREEN, 3.5, "best", ""
    elif edge.kind == "timeout":
        colour, width, marker, dash = ORANGE, 1.8, "timeout", ' stroke-dasharray="6 4"'
    else:
        colour, width, marker, dash = EDGE, 1.5, "edge", ""
    return (
        f'<path d="{_path(route)}" fill="none" stroke="{colour}" stroke-width="{width}"{dash} '
        f'marker-end="url(#arrow-{marker})"/>'
    )


def _edge_label(route: Route, rect: Rect) -> str:
    edge = route.edge
    left, top, w, h = rect
    parts = [
        f'<g><rect x="{left:.1f}" y="{top:.1f}" width="{w:.1f}" height="{h:.1f}" rx="4" '
        f'fill="#ffffff" fill-opacity="0.94" stroke="#d0d7de" stroke-width="0.6"/>'
    ]
    for index, label in enumerate(edge.labels):
        colour = "#57606a"
        if label.best:
            colour = GREEN
        elif label.mistake:
            colour = RED
        elif edge.kind == "timeout":
            colour = ORANGE
        weight = ' font-weight="bold"' if label.best else ""
        parts.append(
            f'<text x="{left + w / 2:.1f}" y="{top + 13 + index * LABEL_LINE:.1f}" '
            f'font-size="{LABEL_SIZE}" text-anchor="middle" fill="{colour}"{weight}>'
            f"{escape(_label_text(edge, label))}</text>"
        )
    parts.append("</g>")
    return "".join(parts)


# -- HTML ---------------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif;
       margin: 24px auto; max-width: 1200px; padding: 0 16px; color: #1f2328;
       line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.1em; }
.meta { color: #57606a; margin-top: 0; }
figure { margin: 16px 0; overflow-x: auto; border: 1px solid #d0d7de; border-radius: 8px; }
figure svg { display: block; margin: 0 auto; max-width: none; }
.summary { color: #1a7f37; font-weight: bold; margin: 4px 0; }
.legend span.key { margin-right: 18px; white-space: nowrap; }
.legend svg { vertical-align: middle; margin-right: 4px; }
ol.path li { margin: 4px 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.93em; }
th, td { border-top: 1px solid #d0d7de; padding: 6px 8px; text-align: left;
         vertical-align: top; }
th { background: #f6f8fa; }
.best { color: #1a7f37; font-weight: bold; }
.mistake { color: #c62828; }
.tag { display: inline-block; border-radius: 8px; padding: 0 6px; font-size: 0.8em;
       color: #fff; font-weight: bold; margin-left: 4px; }
.tag.menu { background: #b35900; } .tag.dead { background: #c62828; }
.tag.unreachable { background: #6e7781; } .tag.start { background: #1a7f37; }
code { font-size: 0.95em; }
"""


def _html_legend() -> str:
    out = []
    for mark, words in _LEGEND:
        out.append(
            f'<span class="key"><svg width="30" height="16" viewBox="0 -13 30 16" '
            f'aria-hidden="true">{mark}</svg>{escape(words)}</span>'
        )
    return "".join(out)


def html(graph: Graph) -> str:
    s = graph.scenario
    loc = graph.locale
    title = s.title.get(loc)
    best_choice = {
        beat: text.split(":", 1)[0] for beat, text in graph.steps() if not text.startswith("offer")
    }
    rows = []
    for node in graph.nodes:
        if node.kind == "end":
            continue
        beat = s.beats[node.id]
        tags = "".join(
            f' <span class="tag {cls}">{label}</span>'
            for label, cls, on in (
                ("start", "start", node.start),
                ("menu", "menu", node.kind == "menu"),
                ("dead end", "dead", node.dead_end),
                ("unreachable", "unreachable", node.unreachable),
            )
            if on
        )
        moves = []
        for choice in beat.choices:
            cls = (
                "best"
                if best_choice.get(beat.id) == choice.id
                else "mistake"
                if mistake(choice) or choice.feedback is not None
                else ""
            )
            moves.append(
                f'<li class="{cls}"><code>{escape(choice.id)}</code> → '
                f"<code>{escape(choice.next)}</code>: {escape(choice.text.get(loc))}</li>"
            )
        if beat.menu:
            moves.append(f"<li>the remedy menu → <code>{escape(beat.next or '')}</code></li>")
        if beat.on_timeout:
            seconds = beat.patience_s if beat.patience_s is not None else s.persona.patience_s
            moves.append(
                f"<li>after {seconds:g} s of silence → <code>{escape(beat.on_timeout)}</code></li>"
            )
        rows.append(
            f"<tr><td><code>{escape(node.id)}</code>{tags}</td><td>{escape(node.say)}</td>"
            f"<td><ul>{''.join(moves)}</ul></td></tr>"
        )
    steps = "".join(
        f"<li><code>{escape(beat)}</code>: {escape(text)}</li>" for beat, text in graph.steps()
    )
    if graph.best is None:
        path_heading = "<p>No path reaches the end.</p>"
    elif graph.principled:
        path_heading = (
            f"<p>The engine's search finds this path honours every principle and scores "
            f"<b>{graph.best.overall:.0f}</b>, the best a trainee can do:</p>"
        )
    else:
        broken = ", ".join(sorted(graph.best.violations))
        path_heading = (
            "<p><b>No path honours every principle.</b> The best path scores "
            f"{graph.best.overall:.0f} and breaks: {escape(broken)}.</p>"
        )
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(loc)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}: beats</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        f'<p class="meta"><code>{escape(s.id)}</code> v{s.version} · {escape(s.industry)} · '
        f"difficulty {s.difficulty} · persona {escape(s.persona.id)} · "
        f"{len(s.beats)} beats · {escape(s.source)}</p>"
        f'<p class="summary">{escape(summary(graph))}</p>'
        f'<p class="legend">{_html_legend()}</p>'
        f"<figure>{svg(graph, standalone=False)}</figure>"
        f'<h2>The best-practice path</h2>{path_heading}<ol class="path">{steps}</ol>'
        "<h2>Every beat</h2><table><thead><tr><th>beat</th><th>the customer says</th>"
        "<th>the trainee can</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></body></html>\n"
    )


__all__ = ["FORMATS", "Edge", "Layout", "render"]
