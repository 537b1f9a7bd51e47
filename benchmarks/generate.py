"""Generated scenarios for the benchmarks: realistic shapes at any size.

``scenario_yaml(beats, seed)`` writes a scenario with ``beats`` beats: a main line of
conversation beats, each with three or four choices (a best-practice one, plausible mistakes, a
detour to a side beat that rejoins), two remedy menus with six remedies, abuse and timeouts here
and there. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from typing import Any

import yaml

APOLOGIES = [
    ["regret", "responsibility", "repair"],
    ["conditional"],
    ["regret", "deflect"],
    ["blame-customer"],
    ["regret", "explanation"],
    [],
]
LISTENS = ["open", "paraphrase", "closed", "interrupt", None]


def scenario_dict(n_beats: int, seed: int = 0, scenario_id: str | None = None) -> dict[str, Any]:
    rng = random.Random(seed)
    ids = [f"b{i}" for i in range(n_beats)]
    menus = {ids[n_beats // 3], ids[(2 * n_beats) // 3]} if n_beats >= 4 else {ids[-1]}
    beats: dict[str, Any] = {}
    for i, bid in enumerate(ids):
        nxt = ids[i + 1] if i + 1 < n_beats else "end"
        if bid in menus:
            beats[bid] = {"say": f"What will you do? ({i})", "menu": True, "next": nxt}
            continue
        choices = [
            {
                "id": "best",
                "text": f"Best practice at {i}.",
                "apology": ["regret", "responsibility", "repair"] if i < 2 else [],
                "listen": "open" if i < n_beats // 3 else None,
                "empathy": i % 3 == 0,
                "inform": i % 4 == 1,
                "follow_up": ["prevention", "check-in", "log", "thanks"]
                if i == n_beats - 1
                else [],
                "next": nxt,
            }
        ]
        for j in range(rng.randint(2, 3)):
            target = nxt if rng.random() < 0.7 else ids[min(n_beats - 1, i + rng.randint(1, 3))]
            choices.append(
                {
                    "id": f"alt{j}",
                    "text": f"Alternative {j} at {i}.",
                    "apology": rng.choice(APOLOGIES),
                    "listen": rng.choice(LISTENS),
                    "boundary": rng.choice([None, None, "calm", "retaliate", "cave"]),
                    "follow_up": rng.sample(
                        ["prevention", "check-in", "log", "thanks"], rng.randint(0, 2)
                    ),
                    "minutes": rng.randint(1, 5),
                    "next": target,
                }
            )
        for choice in choices:
            for key in [k for k, v in choice.items() if v in (None, [], False)]:
                del choice[key]
        beat: dict[str, Any] = {"say": f"The customer speaks at {i}.", "choices": choices}
        if i % 5 == 2:
            beat["abuse"] = "threat" if i % 10 == 7 else "insult"
        if i % 6 == 3:
            beat["patience_s"] = 12
        beats[bid] = beat
    remedies = [
        {
            "id": "fix",
            "label": "Fix it",
            "cost": 80,
            "minutes": 10,
            "restores": ["time", "comfort"],
            "fixes": True,
        },
        {"id": "refund", "label": "Refund", "cost": 60, "restores": ["money"]},
        {"id": "voucher", "label": "Voucher", "cost": 50, "restores": ["money"], "delayed": True},
        {"id": "upgrade", "label": "Upgrade", "cost": 90, "restores": ["status", "comfort"]},
        {
            "id": "everything",
            "label": "Everything free",
            "cost": 900,
            "restores": ["money", "time", "comfort", "status"],
        },
        {"id": "manager", "label": "Manager", "escalate": True, "minutes": 4},
    ]
    return {
        "format": 1,
        "id": scenario_id or f"generated-{n_beats}-{seed}",
        "version": 1,
        "title": {"en": f"Generated {n_beats} beats"},
        "industry": "benchmark",
        "difficulty": 1 + seed % 5,
        "failure": {
            "summary": "Something went wrong.",
            "severity": 3,
            "value": 120,
            "losses": ["time", "comfort", "money"],
            "fault": "ours",
            "visible": True,
        },
        "authority": {"budget": 150, "currency": "EUR", "manager": True},
        "timing": {"decide_s": 10, "acknowledge_min": 2, "resolve_min": 20 + n_beats},
        "customer": {
            "persona": rng.choice(["reasonable", "impatient", "abusive", "opportunist"]),
            "name": "Sam",
            "needs": ["fix", "acknowledgment"],
        },
        "remedies": remedies,
        "start": ids[0],
        "beats": beats,
    }


def scenario_yaml(n_beats: int, seed: int = 0, scenario_id: str | None = None) -> str:
    return yaml.safe_dump(
        scenario_dict(n_beats, seed, scenario_id), sort_keys=False, allow_unicode=True
    )
