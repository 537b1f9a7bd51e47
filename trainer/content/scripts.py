"""Headless scripts (``cli.md``): a seed and the trainee's decisions, read with line marks."""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.state import Action, Choose, Offer
from ..scenario.diagnostics import Collector
from ..scenario.reader import INT, Reader
from ..scenario.yamlsafe import YNode, parse_bytes

SCRIPT_KEYS = ("seed", "trainee", "cohort", "steps")
SEED_MAX = 2**63 - 1  # what the results store's BIGINT column holds
STEP_KEYS = ("choose", "offer", "after")


@dataclass(frozen=True)
class Step:
    action: Action
    after: float
    line: int


@dataclass(frozen=True)
class Script:
    seed: int
    trainee: str | None
    cohort: str | None
    steps: tuple[Step, ...]


def read_script(data: bytes, out: Collector, default_after: float = 5.0) -> Script | None:
    """Parse a script; report every problem into ``out``; None if any is an error."""
    parsed = parse_bytes(data, out)
    if parsed.root is None:
        return None
    r = Reader(out)
    fields = r.mapping(parsed.root, "the script")
    if fields is None:
        return None
    before = len(out.errors)
    r.keys(fields, parsed.root, "the script", ("steps",), ("seed", "trainee", "cohort"))
    seed = 0
    if "seed" in fields:
        seed = _seed(r, fields["seed"][1])
    trainee = r.string(fields["trainee"][1], "trainee") if "trainee" in fields else None
    cohort = r.string(fields["cohort"][1], "cohort") if "cohort" in fields else None
    steps: list[Step] = []
    if "steps" in fields:
        items = r.sequence(fields["steps"][1], "steps") or []
        if not items and fields["steps"][1].kind == "seq":
            r.error(fields["steps"][1], "steps is empty; write one step per decision")
        for item in items:
            f = r.mapping(item, "a step")
            if f is None:
                continue
            r.keys(f, item, "a step", (), STEP_KEYS)
            after = default_after
            if "after" in f:
                after = r.number(f["after"][1], "after (seconds)", 0, 86_400) or 0.0
            action: Action | None = None
            if "choose" in f and "offer" in f:
                r.error(item, "a step has either choose: or offer:, not both")
            elif "choose" in f:
                cid = r.slug(f["choose"][1], "choose", strict=False)
                action = Choose(cid) if cid else None
            elif "offer" in f:
                onode = f["offer"][1]
                nodes = [onode] if onode.is_scalar else (r.sequence(onode, "offer") or [])
                ids = [r.slug(n, "offer", strict=False) for n in nodes]
                if nodes and all(ids):
                    action = Offer(tuple(i for i in ids if i))
                elif not nodes:
                    r.error(onode, "offer is empty; list the remedy ids offered")
            else:
                r.error(item, "a step needs choose: CHOICE-ID or offer: [REMEDY-IDS]")
            if action is not None:
                steps.append(Step(action, after, item.line))
    if len(out.errors) > before:
        return None
    return Script(seed, trainee, cohort, tuple(steps))


def _seed(r: Reader, node: YNode) -> int:
    """The seed exactly (a whole number is read as an integer, never through a float, so
    2**53 + 1 stays itself), from 0 to what the results store holds."""
    text = str(node.value).replace("_", "") if node.is_scalar else ""
    if node.is_scalar and not node.quoted and node.kind == "int" and INT.match(text):
        seed = int(text)
        if 0 <= seed <= SEED_MAX:
            return seed
        shown = text if len(text) <= 24 else f"a number of {len(text.lstrip('+-'))} digits"
        r.error(node, f"seed must be a whole number from 0 to {SEED_MAX}, not {shown}")
        return 0
    r.integer(node, "seed", 0, SEED_MAX)  # the reader says what is not a whole number
    return 0
