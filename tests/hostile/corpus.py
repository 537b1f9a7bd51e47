"""The hostile corpus: generated files at the sizes a probe used to hang or blow up the tools.

Small hostile files live beside this module (``files/``, ``scripts/``, ``names.txt``); the big
ones are generated here, so the repository does not carry megabytes of YAML. Everything is
deterministic and needs nothing from the ``trainer`` package (the benchmark imports it too).

Each generator returns text; the shapes are the worst cases for the part of the program they
aim at:

- ``flat_mapping``: one mapping with thousands of keys (duplicate-key detection);
- ``chain``: beats in one long line (validation, path search depth);
- ``cycle``: beats in one big loop with the only way out at the far end (lint's loop rounds);
- ``wide``: one beat with many choices, every one leading on (search breadth);
- ``menu``: a remedy menu with many remedies (menu ranking, the debrief's offers);
- ``loop_script``: a scenario with a beat that can repeat, and a script repeating it.
"""

from __future__ import annotations

import json
from typing import Any


def _dump(data: dict[str, Any]) -> str:
    """Block YAML at the top, one JSON (flow YAML) value per line below it: compact, exact,
    every beat, remedy and step on a line of its own, and no YAML writer needed."""
    lines = []
    for key, value in data.items():
        if isinstance(value, dict) and value:
            lines.append(f"{key}:")
            lines.extend(f"  {json.dumps(k)}: {_flow(v)}" for k, v in value.items())
        elif isinstance(value, list) and value:
            lines.append(f"{key}:")
            lines.extend(f"  - {_flow(v)}" for v in value)
        else:
            lines.append(f"{key}: {_flow(value)}")
    return "\n".join(lines) + "\n"


def _flow(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def base(scenario_id: str = "hostile", remedies: int = 2) -> dict[str, Any]:
    """A valid scenario around which the generators build: a reasonable customer, a fix."""
    items: list[dict[str, Any]] = [
        {"id": "fix", "label": "Fix it", "cost": 10, "restores": ["comfort"], "fixes": True},
        {"id": "manager", "label": "Call the manager", "escalate": True, "minutes": 3},
    ]
    for i in range(max(0, remedies - 2)):
        items.append(
            {
                "id": f"r{i}",
                "label": f"Remedy {i}",
                "cost": 5 + (i * 7) % 90,
                "restores": [("money", "time", "comfort", "status")[i % 4]],
            }
        )
    return {
        "format": 1,
        "id": scenario_id,
        "version": 1,
        "title": {"en": "Hostile"},
        "industry": "test",
        "difficulty": 1,
        "failure": {
            "summary": "Something went wrong.",
            "severity": 2,
            "value": 40,
            "losses": ["comfort", "money"],
            "fault": "ours",
            "visible": True,
        },
        "authority": {"budget": 60, "currency": "EUR", "manager": True},
        "customer": {"persona": "reasonable", "name": "Sam", "needs": ["fix"]},
        "remedies": items[:remedies] if remedies < 2 else items,
        "start": "b0",
        "beats": {},
    }


def _choice(cid: str, target: str, **extra: Any) -> dict[str, Any]:
    return {"id": cid, "text": f"{cid}.", "next": target, **extra}


def flat_mapping(size: int) -> str:
    """A mapping of about ``size`` bytes with distinct keys (``k0000001: 1`` per line)."""
    lines = []
    total = 0
    i = 0
    while total < size:
        line = f"k{i:07d}: 1\n"
        lines.append(line)
        total += len(line)
        i += 1
    return "".join(lines)


def chain(beats: int, scenario_id: str = "hostile-chain") -> str:
    data = base(scenario_id)
    for i in range(beats):
        nxt = f"b{i + 1}" if i + 1 < beats else "end"
        apology = {"apology": ["regret", "responsibility", "repair"]} if i == 0 else {}
        data["beats"][f"b{i}"] = {"say": f"{i}.", "choices": [_choice("on", nxt, **apology)]}
    return _dump(data)


def cycle(beats: int, scenario_id: str = "hostile-cycle") -> str:
    """Beats in a ring; only the last one also leads to end."""
    data = base(scenario_id)
    for i in range(beats):
        nxt = f"b{(i + 1) % beats}"
        choices = [_choice("on", nxt)]
        if i == beats - 1:
            choices.append(_choice("leave", "end", apology=["regret"]))
        data["beats"][f"b{i}"] = {"say": f"{i}.", "choices": choices}
    return _dump(data)


_APOLOGIES = (["regret"], ["responsibility"], ["repair"], ["conditional"], ["deflect"], [])
_LISTEN = ("open", "paraphrase", "closed", "interrupt")


def wide(beats: int, choices: int, scenario_id: str = "hostile-wide", pad: int = 0) -> str:
    """Every beat has ``choices`` choices, each with a different scoring signature, all leading
    to the next beat, and some back to the one before (a loop through the whole file).
    ``pad`` characters of text are added to each beat's line, to fill a file to a size."""
    data = base(scenario_id)
    for i in range(beats):
        nxt = f"b{i + 1}" if i + 1 < beats else "end"
        back = f"b{max(0, i - 1)}"
        items = []
        for j in range(choices):
            extra: dict[str, Any] = {}
            if _APOLOGIES[j % len(_APOLOGIES)]:
                extra["apology"] = list(_APOLOGIES[j % len(_APOLOGIES)])
            extra["listen"] = _LISTEN[j % len(_LISTEN)]
            if j % 3 == 1:
                extra["empathy"] = True
            if j % 5 == 2:
                extra["boundary"] = "calm"
            target = back if j == choices - 1 and i > 0 and choices > 1 else nxt
            items.append(_choice(f"c{j}", target, **extra))
        say = f"Beat {i}. " + ("The customer goes on. " * (pad // 22 + 1))[:pad]
        data["beats"][f"b{i}"] = {"say": say.strip(), "choices": items}
    return _dump(data)


def wide_script(beats: int) -> str:
    """The script that walks :func:`wide` to its end by its first choices."""
    return _dump({"seed": 5, "steps": [{"choose": "c0", "after": 2} for _ in range(beats)]})


def menu_with_handovers(
    remedies: int, handovers: int, scenario_id: str = "hostile-handovers"
) -> str:
    """:func:`menu` where ``handovers`` of the remedies hand the customer over (the debrief
    tries every offer of up to three remedies with and without each hand-over)."""
    text = menu(remedies, scenario_id)
    for i in range(handovers - 1):  # 'manager' is one already
        text = text.replace(f'{{"id": "r{i}", ', f'{{"id": "r{i}", "escalate": true, ', 1)
    return text


def aliases(nodes: int) -> str:
    """A mapping whose aliases expand to about ``nodes`` YAML nodes (under the alias-bomb
    limit when ``nodes`` is)."""
    width = 100
    lines = ["a: &a [" + ", ".join(["x"] * width) + "]"]
    copies = max(1, nodes // (width + 1) - 1)
    lines.append("b: [" + ", ".join(["*a"] * copies) + "]")
    return "\n".join(lines) + "\n"


def nested(depth: int) -> str:
    """Mappings nested ``depth`` deep."""
    return "".join("  " * i + f"k{i}:\n" for i in range(depth - 1)) + "  " * (depth - 1) + "k: 1\n"


def menu(remedies: int, scenario_id: str = "hostile-menu") -> str:
    """An apology, then a menu of ``remedies`` remedies (one of them a hand-over), then end."""
    data = base(scenario_id, remedies)
    data["beats"] = {
        "b0": {
            "say": "This is unacceptable.",
            "choices": [
                _choice("sorry", "offer", apology=["regret", "responsibility", "repair"]),
                _choice("what", "offer", listen="open"),
            ],
        },
        "offer": {"say": "So what will you do?", "menu": True, "next": "close"},
        "close": {
            "say": "Fine.",
            "choices": [_choice("thanks", "end", follow_up=["thanks"]), _choice("bye", "end")],
        },
    }
    return _dump(data)


def menu_script(remedies: int) -> str:
    """A script for :func:`menu`: apologise, offer two remedies, close."""
    offer = ["fix"] + ([f"r{remedies - 3}"] if remedies > 2 else [])
    return _dump(
        {
            "seed": 1,
            "steps": [
                {"choose": "sorry", "after": 3},
                {"offer": offer, "after": 3},
                {"choose": "thanks", "after": 3},
            ],
        }
    )


def loop_scenario(scenario_id: str = "hostile-loop") -> str:
    """One beat that can be repeated ("again") before leaving."""
    data = base(scenario_id)
    data["beats"] = {
        "b0": {
            "say": "Go on.",
            "choices": [
                _choice("again", "b0", listen="open"),
                _choice("sorry", "b0", apology=["regret", "responsibility"]),
                _choice("leave", "end", follow_up=["thanks"]),
            ],
        }
    }
    return _dump(data)


def loop_script(steps: int) -> str:
    """``steps`` steps on :func:`loop_scenario`: repeat, then leave."""
    items = [{"choose": "again" if i % 2 else "sorry", "after": 2} for i in range(steps - 1)]
    items.append({"choose": "leave", "after": 2})
    return _dump({"seed": 3, "steps": items})


def chain_script(beats: int) -> str:
    """The script that walks :func:`chain` to its end."""
    return _dump({"seed": 1, "steps": [{"choose": "on", "after": 2} for _ in range(beats)]})
