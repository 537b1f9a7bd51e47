"""Headless scripts (``cli.md``): a seed and the trainee's decisions, read with line marks.

A script is read within the format's limits (``MAX_SCRIPT_BYTES``, ``MAX_STEPS``); given the
scenario it is for, every choice and remedy id is checked before anything is played, each
reported at its own line and column with the nearest id the scenario has.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..engine.state import Action, Choose, Offer
from ..scenario.diagnostics import Collector, did_you_mean, excerpt
from ..scenario.limits import MAX_SCRIPT_BYTES, MAX_STEPS
from ..scenario.model import Scenario
from ..scenario.reader import INT, Reader
from ..scenario.yamlsafe import YNode, parse_bytes
from .files import read_file

SCRIPT_KEYS = ("seed", "trainee", "cohort", "steps")
SEED_MAX = 2**63 - 1  # what the results store's BIGINT column holds
STEP_KEYS = ("choose", "offer", "after")


@dataclass(frozen=True)
class Step:
    action: Action
    after: float
    line: int
    col: int = 1  # where the step's choice or offer is written


@dataclass(frozen=True)
class Script:
    seed: int
    trainee: str | None
    cohort: str | None
    steps: tuple[Step, ...]


def looks_like_script(root: YNode) -> bool:
    """A mapping with ``steps:`` and no ``beats:``: a script, not a scenario."""
    if root.kind != "map":
        return False
    keys = {str(k.value) for k, _ in root.value if k.is_scalar}  # type: ignore[attr-defined]
    return "steps" in keys and "beats" not in keys


def load_script_file(
    path: Path, out: Collector, scenario: Scenario | None = None, default_after: float = 5.0
) -> Script | None:
    """Read a script file (a regular file of at most MAX_SCRIPT_BYTES, inside its own folder),
    checked against ``scenario`` when given; None after reporting into ``out``."""
    data = read_file(path, out, max_bytes=MAX_SCRIPT_BYTES, kind="script")
    if data is None:
        return None
    return read_script(data, out, default_after, scenario)


def read_script(
    data: bytes, out: Collector, default_after: float = 5.0, scenario: Scenario | None = None
) -> Script | None:
    """Parse a script; report every problem into ``out``; None if any is an error."""
    before = len(out.errors)
    parsed = parse_bytes(data, out, MAX_SCRIPT_BYTES, "script")
    if parsed.root is None:
        return None
    script = script_from_tree(parsed.root, out, default_after, scenario)
    return script if len(out.errors) == before else None


def script_from_tree(
    root: YNode, out: Collector, default_after: float = 5.0, scenario: Scenario | None = None
) -> Script | None:
    """Read a parsed script; with ``scenario``, check its ids against it."""
    r = Reader(out)
    fields = r.mapping(root, "the script")
    if fields is None:
        return None
    if "beats" in fields and "steps" not in fields:
        r.error(
            root,
            "this is a scenario (it has beats:), not a script: a script has steps:, one per "
            "decision (see scenarios/scripts/)",
        )
        return None
    before = len(out.errors)
    r.keys(fields, root, "the script", ("steps",), ("seed", "trainee", "cohort"))
    seed = 0
    if "seed" in fields:
        seed = _seed(r, fields["seed"][1])
    trainee = r.string(fields["trainee"][1], "trainee") if "trainee" in fields else None
    cohort = r.string(fields["cohort"][1], "cohort") if "cohort" in fields else None
    steps: list[Step] = []
    if "steps" in fields:
        steps_node = fields["steps"][1]
        items = r.sequence(steps_node, "steps") or []
        if not items and steps_node.kind == "seq":
            r.error(steps_node, "steps is empty; write one step per decision")
        if len(items) > MAX_STEPS:
            r.error(
                steps_node,
                f"{len(items):,} steps; a script may have at most {MAX_STEPS} "
                "(scenario-format.md, limits): no encounter needs more",
            )
            items = []
        ids = _Ids(scenario) if scenario is not None else None
        for item in items:
            step = _read_step(r, item, default_after, ids)
            if step is not None:
                steps.append(step)
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


class _Ids:
    """The choice and remedy ids of a scenario, for checking a script's steps."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.choices = {c.id for b in scenario.beats.values() for c in b.choices}
        self.remedies = {r.id for r in scenario.remedies}
        self.menus = any(b.menu for b in scenario.beats.values())


def _read_step(r: Reader, item: YNode, default_after: float, ids: _Ids | None) -> Step | None:
    f = r.mapping(item, "a step")
    if f is None:
        return None
    r.keys(f, item, "a step", (), STEP_KEYS)
    after = default_after
    if "after" in f:
        after = r.number(f["after"][1], "after (seconds)", 0, 86_400) or 0.0
    if "choose" in f and "offer" in f:
        r.error(item, "a step has either choose: or offer:, not both")
        return None
    if "choose" in f:
        node = f["choose"][1]
        cid = r.slug(node, "choose", strict=False)
        if cid is None or (ids is not None and not _known_choice(r, node, cid, ids)):
            return None
        return Step(Choose(cid), after, item.line, node.col)
    if "offer" in f:
        onode = f["offer"][1]
        nodes = [onode] if onode.is_scalar else (r.sequence(onode, "offer") or [])
        if not nodes:
            if onode.kind == "seq":
                r.error(onode, "offer is empty; list the remedy ids offered")
            return None
        found = [r.slug(n, "offer", strict=False) for n in nodes]
        if not all(found):
            return None
        if ids is not None and not all(
            _known_remedy(r, n, rid, ids) for n, rid in zip(nodes, found, strict=True) if rid
        ):
            return None
        return Step(Offer(tuple(i for i in found if i)), after, item.line, onode.col)
    r.error(item, "a step needs choose: CHOICE-ID or offer: [REMEDY-IDS]")
    return None


def _known_choice(r: Reader, node: YNode, cid: str, ids: _Ids) -> bool:
    if cid in ids.choices:
        return True
    if cid in ids.remedies and ids.menus:
        r.error(
            node,
            f"'{cid}' is a remedy, not a choice: a remedy menu takes offer: [{cid}] instead "
            "of choose:",
        )
        return False
    r.error(
        node,
        f"no beat of '{ids.scenario.id}' has a choice {excerpt(cid)}"
        f"{did_you_mean(cid, ids.choices)}",
    )
    return False


def _known_remedy(r: Reader, node: YNode, rid: str, ids: _Ids) -> bool:
    if rid in ids.remedies:
        return True
    r.error(
        node,
        f"{excerpt(rid)} is not a remedy of '{ids.scenario.id}'{did_you_mean(rid, ids.remedies)}",
    )
    return False
