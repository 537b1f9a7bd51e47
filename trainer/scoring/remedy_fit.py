"""Remedy fit: the right kind of remedy, about the value of the loss, a fix where one is
possible, within authority or properly escalated, and nothing the customer is owed left out.

Distributive justice. Resource matching (Roschk & Gelbrich 2014); returns rise to about
100-150% of the loss and then fall (Gelbrich, Gäthke & Grégoire 2015; Haesevoets et al. 2017);
over-paying an opportunist teaches that complaining pays (Wirtz & McColl-Kennedy 2010).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from ..scenario.model import Remedy, Scenario
from .common import Dim, Note, clamp, ledger, note, smoothstep
from .facts import Facts
from .rubric import Rubric


@dataclass(frozen=True)
class Worth:
    """How an offer measures against the loss."""

    effective: float  # c: value x kind x delay / loss, a fix counting for the losses it restores
    nominal: float  # the same at face value (what it costs or is worth), owed remedies aside
    fixes: bool
    coverage: float  # share of the failure's losses that some offered remedy restores
    other_kind_share: float  # share of the compensation worth that is of another kind
    delayed_share: float  # share of the compensation worth that is for later
    fixed_share: float = 0.0  # share of the loss's value that a fix makes good


def worth(scenario: Scenario, offered: Sequence[Remedy], rubric: Rubric) -> Worth:
    """A fix makes good the losses in its own ``restores`` (their share of ``failure.value``);
    every other remedy counts for its value, of the kind lost or not, now or later."""
    failure = scenario.failure
    loss = failure.value
    real = [r for r in offered if not r.escalate]
    fixers = [r for r in real if r.fixes]
    fixed = frozenset().union(*(r.restores for r in fixers)) & failure.losses if fixers else set()
    fixed_share = sum(failure.loss_value(kind) for kind in fixed) / loss if loss else 0.0
    eff = nom = fixed_share
    owed_eff = 0.0
    total = other = delayed = 0.0
    for remedy in real:
        if remedy.fixes:
            continue
        matches = bool(remedy.restores & failure.losses)
        kind = 1.0 if matches else rubric.other_kind
        delay = rubric.delayed if remedy.delayed else 1.0
        e = remedy.value * kind * delay / loss
        if remedy.owed:
            # Its form is the entitlement's, not the trainee's choice: neither its kind nor its
            # timing (a contractual credit) counts against the offer.
            owed_eff += e
            continue
        eff += e
        nom += remedy.value / loss
        total += remedy.value
        other += 0.0 if matches else remedy.value
        delayed += remedy.value if remedy.delayed else 0.0
    # An owed remedy counts towards making the customer whole but never as over-compensation.
    if eff + owed_eff <= rubric.plateau_top:
        eff += owed_eff
    else:
        eff = max(eff, rubric.plateau_top)
    restored = set().union(*(r.restores for r in real)) if real else set()
    coverage = len(restored & failure.losses) / len(failure.losses) if failure.losses else 1.0
    return Worth(
        eff,
        nom,
        bool(fixers),
        coverage,
        other / total if total else 0.0,
        delayed / total if total else 0.0,
        fixed_share,
    )


def quality_parts(scenario: Scenario, w: Worth, rubric: Rubric) -> list[tuple[str, float]]:
    """The factors of remedy fit's quality, in the order they are explained: how much of the
    loss is made good (nothing at 40% or less, all at 100%), how far beyond it (a plateau to
    150%, then a decline), of which kind, how soon, and for how many of the losses."""
    under = (
        1.0
        if w.effective >= 1.0
        else smoothstep((w.effective - rubric.under_floor) / (1.0 - rubric.under_floor))
    )
    if scenario.persona.opportunist:
        end, floor = rubric.opportunist_over_end, rubric.opportunist_over_floor
    else:
        end, floor = rubric.over_end, rubric.over_floor
    if w.nominal <= rubric.plateau_top:
        over = 1.0
    elif w.nominal >= end:
        over = floor
    else:
        over = 1.0 - (1.0 - floor) * (w.nominal - rubric.plateau_top) / (end - rubric.plateau_top)
    return [
        ("under", under),
        ("over", over),
        ("kind", 1.0 - rubric.other_kind_factor * w.other_kind_share),
        ("delay", 1.0 - rubric.delayed_factor * w.delayed_share),
        ("coverage", 1.0 - rubric.missing_loss_weight * (1.0 - w.coverage)),
    ]


def quality(scenario: Scenario, w: Worth, rubric: Rubric) -> float:
    """The magnitude, kind, timing and coverage part of remedy fit, 0..1."""
    q = 1.0
    for _, factor in quality_parts(scenario, w, rubric):
        q *= factor
    return q


def fixable(scenario: Scenario) -> bool:
    return any(r.fixes and not r.escalate for r in scenario.remedies)


def left_unfixed(scenario: Scenario, facts: Facts, rubric: Rubric) -> bool:
    """A fixable failure left standing: nothing offered fixes it, and no hand-over passed a fix
    beyond authority to a manager (principle 16)."""
    if not fixable(scenario) or any(r.fixes for r in facts.offered):
        return False
    if facts.handed_over and not fair_within_authority(scenario, rubric):
        return not any(r.fixes for r in beyond_authority(scenario, rubric))
    return True


def _base(scenario: Scenario, offered: Sequence[Remedy], rubric: Rubric) -> float:
    w = worth(scenario, offered, rubric)
    value = 100.0 * quality(scenario, w, rubric)
    if fixable(scenario) and not w.fixes:
        value = min(value, rubric.cap_unfixed_remedy)
    return value


class MenuKey:
    """A scenario, compared by what remedy fit reads of it (the failure, the authority, the
    remedies, whether the customer is an opportunist): the menu rankings below are cached per
    menu, so variants of a scenario that share its menu share the work."""

    __slots__ = ("scenario", "_key")

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._key = (
            scenario.failure,
            scenario.authority,
            scenario.remedies,
            scenario.persona.opportunist,
        )

    def __hash__(self) -> int:
        return hash(self._key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MenuKey) and self._key == other._key


def best_within_authority(scenario: Scenario, rubric: Rubric) -> float:
    """The best remedy-fit base score any offer within the trainee's budget can reach."""
    return _best_within_authority(MenuKey(scenario), rubric)


@lru_cache(maxsize=1024)
def _best_within_authority(menu: MenuKey, rubric: Rubric) -> float:
    scenario = menu.scenario
    budget = scenario.authority.budget
    pool = [r for r in scenario.remedies if not r.escalate and (r.owed or r.cost <= budget)]
    best = 0.0
    limit = len(pool) if len(pool) <= 10 else 3
    for size in range(1, limit + 1):
        for combo in combinations(pool, size):
            if sum(r.cost for r in combo if not r.owed) <= budget:
                best = max(best, _base(scenario, combo, rubric))
    return best


def fair_within_authority(scenario: Scenario, rubric: Rubric) -> bool:
    return best_within_authority(scenario, rubric) >= rubric.fair_threshold


def _cost(remedies: Sequence[Remedy]) -> float:
    return sum(r.cost for r in remedies if not r.owed)


def fair_offer(scenario: Scenario, rubric: Rubric) -> tuple[Remedy, ...]:
    """The fair remedy, authority aside: every owed remedy plus the cheapest set of up to three
    others with the best remedy-fit base."""
    return _fair_offer(MenuKey(scenario), rubric)


@lru_cache(maxsize=1024)
def _fair_offer(menu: MenuKey, rubric: Rubric) -> tuple[Remedy, ...]:
    scenario = menu.scenario
    owed = [r for r in scenario.remedies if r.owed and not r.escalate]
    others = [r for r in scenario.remedies if not r.owed and not r.escalate]
    best: tuple[float, float, tuple[Remedy, ...]] = (-1.0, 0.0, tuple(owed))
    if owed:
        best = (_base(scenario, owed, rubric), -_cost(owed), tuple(owed))
    for size in range(1, min(3, len(others)) + 1):
        for combo in combinations(others, size):
            offer = tuple(owed) + combo
            key = (_base(scenario, offer, rubric), -_cost(offer), offer)
            if key[:2] > best[:2]:
                best = key
    return best[2]


def beyond_authority(scenario: Scenario, rubric: Rubric) -> tuple[Remedy, ...]:
    """The part of the fair remedy that is beyond the trainee's authority: what a hand-over to a
    manager is credited with (principle 15). The rest of it, the best part that fits within the
    budget, is the trainee's own to give."""
    return _beyond_authority(MenuKey(scenario), rubric)


@lru_cache(maxsize=1024)
def _beyond_authority(menu: MenuKey, rubric: Rubric) -> tuple[Remedy, ...]:
    scenario = menu.scenario
    fair = fair_offer(scenario, rubric)
    budget = scenario.authority.budget
    inside: tuple[Remedy, ...] = ()
    best = -1.0
    for size in range(0, len(fair) + 1):
        for combo in combinations(fair, size):
            if _cost(combo) <= budget:
                base = _base(scenario, combo, rubric) if combo else 0.0
                if base > best:
                    best, inside = base, combo
    return tuple(r for r in fair if r not in inside)


def _money(value: float) -> str:
    return str(int(round(value)))


def base_notes(
    scenario: Scenario, offered: Sequence[Remedy], rubric: Rubric, scale: float = 1.0
) -> tuple[float, list[Note]]:
    """An offer's remedy-fit base and the notes that explain it, each with the points it cost
    (times ``scale``). Percentages say of what: the loss's worth to the customer."""
    w = worth(scenario, offered, rubric)
    loss = scenario.failure.value
    currency = scenario.authority.currency
    notes: list[Note] = []
    running = 100.0
    for part, factor in quality_parts(scenario, w, rubric):
        lost = running * (1.0 - factor) * scale
        running *= factor
        if factor >= 1.0:
            continue
        if part == "under":
            notes.append(
                note(
                    "remedy.too_little" if w.effective < 0.6 else "remedy.short",
                    lost,
                    percent=round(100 * w.effective),
                    worth=_money(w.effective * loss),
                    loss=_money(loss),
                    currency=currency,
                )
            )
        elif part == "over":
            key = (
                "remedy.too_much" if w.nominal > rubric.overpay_ratio else "remedy.more_than_needed"
            )
            notes.append(
                note(
                    key,
                    lost,
                    percent=round(100 * w.nominal),
                    worth=_money(w.nominal * loss),
                    loss=_money(loss),
                    currency=currency,
                    opportunist=scenario.persona.opportunist,
                )
            )
        elif part == "kind":
            notes.append(note("remedy.wrong_kind", lost))
        elif part == "delay":
            notes.append(note("remedy.delayed", lost))
        else:
            notes.append(note("remedy.partial_losses", lost))
    value = running
    if fixable(scenario) and not w.fixes:
        cut = max(0.0, value - rubric.cap_unfixed_remedy)
        value = min(value, rubric.cap_unfixed_remedy)
        notes.append(note("remedy.not_fixed", cut * scale))
    return value, notes


def score(scenario: Scenario, facts: Facts, rubric: Rubric) -> Dim:
    offered = facts.offered
    w = worth(scenario, offered, rubric)
    budget = scenario.authority.budget
    over_budget = facts.discretionary > budget
    fair_inside = fair_within_authority(scenario, rubric)
    value, notes = base_notes(scenario, offered, rubric) if offered else (0.0, [])
    if not offered and not facts.handed_over:
        notes = [note("remedy.nothing", 100.0)]
        value = 0.0
    if facts.handed_over and not fair_inside:
        # The manager is credited with the part beyond authority, and only that part: what the
        # trainee gave, completed by it, is judged as one offer (an unfair offer stays unfair).
        beyond = [r for r in beyond_authority(scenario, rubric) if r not in offered]
        completed = tuple(offered) + tuple(beyond)
        share = rubric.escalated_fair / 100.0
        base, completed_notes = base_notes(scenario, completed, rubric, scale=share)
        credited = share * base
        if credited > value:
            value = credited
            notes = [note("remedy.escalated_right", 100.0 - rubric.escalated_fair)]
            notes += completed_notes
        # Over budget with a manager asked to approve it: within the process, no penalty.
    else:
        if facts.handed_over and value < rubric.fair_threshold and not w.fixes:
            # Handed over instead of fixing what could have been fixed within authority.
            if offered:
                value -= rubric.handover_penalty
                notes.append(note("remedy.escalated_needless", rubric.handover_penalty))
            else:
                notes = [note("remedy.escalated_needless", 100.0 - rubric.escalated_needless)]
                value = rubric.escalated_needless
        if over_budget:
            # A hand-over does not excuse spending beyond authority where a fair remedy was
            # within it.
            value -= rubric.over_authority_penalty
            notes.append(
                note(
                    "remedy.over_authority",
                    rubric.over_authority_penalty,
                    spent=round(facts.discretionary),
                    budget=round(budget),
                    currency=scenario.authority.currency,
                    approved=facts.handed_over,
                )
            )
    if not offered and not notes:  # a hand-over with nothing to hand over
        notes = [note("remedy.nothing", 100.0 - value)]
    # Each owed remedy left out costs (principle 16): the customer is entitled to every one.
    for remedy in scenario.remedies:
        if remedy.owed and not remedy.escalate and remedy not in offered:
            value -= rubric.owed_missing_penalty
            notes.append(note("remedy.owed_missing", rubric.owed_missing_penalty, remedy=remedy.id))
    if not any(n.points >= 5 for n in notes) and offered:
        notes.append(
            note(
                "remedy.good",
                percent=round(100 * w.effective),
                loss=_money(scenario.failure.value),
                currency=scenario.authority.currency,
            )
        )
    return Dim(clamp(value), ledger(notes))
