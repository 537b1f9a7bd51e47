"""How a customer's anger moves: emotional inertia plus the effects of what the trainee does.

``a' = a0 + rho * (a - a0) + sum(effects)`` (research digest, "Customer emotion"), where ``a0``
is the anger the failure left the customer with, ``rho`` the persona's inertia, and the effects
below. Good handling is scaled by the persona's ``forgiveness``; an abusive or never-satisfied
customer has a high ``rho`` so good handling takes longer to show. These are design choices for
a believable simulation, not scoring: the rubric never reads anger.
"""

from __future__ import annotations

from ..scenario.model import APOLOGY_GOOD, Choice, Persona, Remedy, Scenario

# Anger effects of one decision (negative calms). Named so that they can be tuned in one place.
APOLOGY_EFFECT = {
    "responsibility": -8.0,
    "repair": -6.0,
    "regret": -4.0,
    "explanation": -4.0,
    "repentance": -4.0,
    "forgiveness": -2.0,
    "conditional": 4.0,
    "deflect": 9.0,
    "blame-customer": 18.0,
    "refuse": 14.0,
    "argue": 12.0,
    "excessive": 3.0,
}
LISTEN_EFFECT = {"open": -5.0, "paraphrase": -5.0, "closed": -1.0, "interrupt": 8.0}
EMPATHY = -6.0
INFORM = -5.0
PROACTIVE = -6.0
VERIFY = 3.0
FOLLOW_UP_EFFECT = {"prevention": -5.0, "check-in": -3.0, "thanks": -2.0, "log": -1.0}
BOUNDARY_EFFECT = {"calm": -3.0, "retaliate": 20.0, "cave": -8.0}
#: false reassurance soothes for a moment, then rings hollow; a brush-off or a stall angers
CONDUCT_EFFECT = {"false-reassurance": 2.0, "brush-off": 9.0, "stall": 5.0}
ESCALATE_AFTER_THREAT = -6.0
ESCALATE_OTHERWISE = 3.0
TIMEOUT = 8.0  # each patience interval the trainee stays silent
REMEDY_FULL = -26.0  # a remedy worth the whole loss, of the right kind
FIX_BONUS = -10.0
UNEXPLAINED_WAIT_PER_MIN = 0.6  # after the first two minutes of a step without news

START_BY_SEVERITY = 4.0  # anger the failure adds per severity point
START_IF_OUR_FAULT = 5.0


def clamp(value: float, lo: float = 0.0, hi: float = 100.0) -> float:
    return max(lo, min(hi, value))


def mood_of(anger: float) -> str:
    """Five moods, so that a portrait can show five expressions."""
    if anger < 20:
        return "pleased"
    if anger < 40:
        return "calm"
    if anger < 60:
        return "tense"
    if anger < 80:
        return "angry"
    return "furious"


def start_anger(scenario: Scenario) -> float:
    failure = scenario.failure
    anger = scenario.persona.temper + START_BY_SEVERITY * (failure.severity - 1)
    if failure.fault == "ours":
        anger += START_IF_OUR_FAULT
    if not failure.visible:
        anger -= 10.0  # not yet voiced
    return clamp(anger)


def remedy_effect(scenario: Scenario, remedies: list[Remedy]) -> float:
    """How much an offer calms the customer: value in kind against the loss, fixes count more."""
    if not remedies:
        return 0.0
    losses = scenario.failure.losses
    worth = 0.0
    fixes = False
    for remedy in remedies:
        if remedy.escalate:
            continue
        kind = 1.0 if remedy.restores & losses else 0.6
        delay = 0.75 if remedy.delayed else 1.0
        worth += remedy.value * kind * delay
        fixes = fixes or remedy.fixes
    share = min(worth / scenario.failure.value, 2.0) if scenario.failure.value else 0.0
    effect = REMEDY_FULL * share + (FIX_BONUS if fixes else 0.0)
    if scenario.persona.opportunist:
        effect *= 1.3  # they wanted more; getting it pleases them (the rubric says otherwise)
    return effect


def choice_effect(choice: Choice, persona: Persona, after_threat: bool) -> float:
    good = 0.0
    bad = 0.0
    for tag in choice.apology:
        effect = APOLOGY_EFFECT[tag]
        if effect < 0:
            good += effect
        else:
            bad += effect
    if choice.listen:
        effect = LISTEN_EFFECT[choice.listen]
        good, bad = (good + effect, bad) if effect < 0 else (good, bad + effect)
    for tag in choice.conduct:
        bad += CONDUCT_EFFECT[tag]
    if choice.empathy and not {"false-reassurance", "brush-off"} & set(choice.conduct):
        good += EMPATHY
    if choice.inform and not set(choice.conduct) & set(CONDUCT_EFFECT):
        good += INFORM
    if choice.proactive:
        good += PROACTIVE
    if choice.verify:
        bad += VERIFY
    for tag in choice.follow_up:
        good += FOLLOW_UP_EFFECT[tag]
    if choice.boundary:
        effect = BOUNDARY_EFFECT[choice.boundary]
        if choice.boundary == "calm" and not persona.abusive:
            effect = 1.0  # limits help with abuse; elsewhere they feel a little stiff
        good, bad = (good + effect, bad) if effect < 0 else (good, bad + effect)
    if choice.escalate:
        if after_threat:
            good += ESCALATE_AFTER_THREAT
        else:
            bad += ESCALATE_OTHERWISE
    return good * (0.4 + persona.forgiveness) + bad * (1.4 - 0.4 * persona.forgiveness)


def next_anger(scenario: Scenario, anger: float, effects: float, grievance: float) -> float:
    """One step of ``a' = a0 + rho * (a - a0) + effects`` with ``a0`` the persona's temper.

    While the failure stands, a grievance term holds anger at the level the failure set
    (without handling, anger neither fades nor grows); a fair remedy removes the grievance
    (``grievance`` falls from 1 to 0), after which anger relaxes towards the persona's temper.
    """
    persona = scenario.persona
    rho = persona.inertia
    a0 = persona.temper
    pressure = max(0.0, start_anger(scenario) - a0) * (1.0 - rho) * grievance
    return clamp(a0 + rho * (anger - a0) + pressure + effects)


def grievance_after(scenario: Scenario, grievance: float, remedies: list[Remedy]) -> float:
    """What is left of the grievance after an offer: a fix or a full-value remedy clears it."""
    if not remedies:
        return grievance
    real = [r for r in remedies if not r.escalate]
    if any(r.fixes for r in real):
        return 0.0
    if not real:
        return grievance * 0.7  # a hand-over promises a remedy; it is not one yet
    losses = scenario.failure.losses
    worth = sum(
        r.value * (1.0 if r.restores & losses else 0.6) * (0.75 if r.delayed else 1.0) for r in real
    )
    share = min(1.0, worth / scenario.failure.value) if scenario.failure.value else 1.0
    return grievance * (1.0 - share)


# -- what the customer answers: the kind of the last decision --------------------------------

#: an offer (all offered so far, as the customer sees it) below this share of the loss is "too
#: little"; at or above ``HIGH_OFFER`` times the loss at face value, "too much"
LOW_OFFER = 0.8
HIGH_OFFER = 2.0
#: a choice that takes longer than this, without a word of what is happening, is a silence
SILENT_MINUTES = 2.0


def offer_share(scenario: Scenario, remedies: list[Remedy]) -> tuple[float, float]:
    """(worth in kind, face value), as shares of the loss: a fix makes good its own losses."""
    failure = scenario.failure
    if not failure.value:
        return 0.0, 0.0
    real = [r for r in remedies if not r.escalate]
    fixed = frozenset().union(*(r.restores for r in real if r.fixes)) & failure.losses
    share = face = sum(failure.loss_value(kind) for kind in fixed) / failure.value
    for remedy in real:
        if remedy.fixes:
            continue
        kind = 1.0 if remedy.restores & failure.losses else 0.6
        delay = 0.75 if remedy.delayed else 1.0
        share += remedy.value * kind * delay / failure.value
        face += remedy.value / failure.value
    return share, face


def reaction_kinds(
    scenario: Scenario,
    choice: Choice | None,
    offered_now: list[Remedy],
    offered_so_far: list[Remedy],
    timeouts: int,
) -> list[str]:
    """What the decision did, as the customer hears it, most salient first. A kind is listed
    only when the decision did it, so a persona line for it never presumes anything."""
    kinds: list[str] = []
    tags = set(choice.apology) if choice is not None else set()
    conduct = set(choice.conduct) if choice is not None else set()
    if choice is not None and choice.boundary == "retaliate":
        kinds.append("retaliated")
    if tags & {"blame-customer", "argue"}:
        kinds.append("blamed")
    if tags & {"deflect", "refuse"}:
        kinds.append("excuses")
    if any(not r.escalate for r in offered_now):
        share, face = offer_share(scenario, offered_so_far)
        if face >= HIGH_OFFER:
            kinds.append("high-offer")
        elif share < LOW_OFFER:
            kinds.append("low-offer")
        else:
            kinds.append("fair-offer")
    if any(r.escalate for r in offered_now) or (choice is not None and choice.escalate):
        kinds.append("escalated")
    if choice is not None and choice.boundary == "calm":
        kinds.append("limit")
    if choice is not None and choice.follow_up:
        kinds.append("followed-up")
    apology = tags & set(APOLOGY_GOOD)
    earlier = offered_so_far[: len(offered_so_far) - len(offered_now)]
    if apology and not any(not r.escalate for r in earlier):
        # Answered as an apology while the remedy is still to come ("sorry won't fix it"); once
        # something is on the table, the customer answers the rest of what was said.
        kinds.append("apologised")
    slow = choice is not None and choice.minutes > SILENT_MINUTES and not choice.inform
    if timeouts or conduct & {"brush-off", "stall"} or slow:
        kinds.append("silence")
    return kinds
