"""The keys of every file a trainer writes, in one table: the validator takes its key lists from
it, ``trainer schema`` builds the JSON Schema from it, and ``trainer new`` teaches from it.

A row is a :class:`Key`: the section it belongs to (``scenario``, ``failure``, ``beat``,
``choice``, ``persona``, ``script``, ``track``...), its name, the type of its value, whether it
is required, its default, the range of a number, the vocabulary of a tag, and a sentence for
the editor's hover help. The order of the rows is the order a file is written in.

Types: ``format`` (the file format number, 1), ``integer``, ``number``, ``boolean``, ``string``
(non-empty text, one language), ``text`` (a plain string or a mapping of locale tags to
strings), ``slug`` (``[a-z0-9-]``, for files' ids), ``id`` (letters, digits, ``-`` and ``_``:
beat, choice and remedy ids), ``target`` (a beat id or ``end``), ``tag`` (one word of
``vocabulary``), ``tags`` (a list of them, each once), ``strings``, ``slugs``, ``locales``,
``ids`` (one id or a list of them), ``value`` (a number, or a mapping of losses to numbers),
``escalation`` (true/false, or one word of ``vocabulary``), ``persona`` (a persona id or an
inline persona), ``lines`` (a persona's reaction lines), ``section`` (a mapping of the keys
of section ``item``), ``list`` (a list of ``item`` mappings) and ``map`` (a mapping of ids to
``item`` mappings).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import (
    ABUSE,
    APOLOGY_TAGS,
    ARCHETYPES,
    BOUNDARY,
    CONDUCT,
    ESCALATE_TO,
    FAULTS,
    FOLLOW_UP,
    LINE_KINDS,
    LISTEN,
    LOSSES,
    MOODS,
    NEEDS,
    PIN,
)

Range = tuple[float | None, float | None]


@dataclass(frozen=True)
class Key:
    section: str
    name: str
    type: str
    required: bool = False
    default: object = None
    range: Range | None = None
    vocabulary: tuple[str, ...] = ()
    description: str = ""
    item: str | None = None  # section of the value (section, list and map types)
    min_items: int = 0  # lists that must not be empty


def _k(
    section: str,
    name: str,
    type_: str,
    description: str,
    *,
    required: bool = False,
    default: object = None,
    range_: Range | None = None,
    vocabulary: tuple[str, ...] = (),
    item: str | None = None,
    min_items: int = 0,
) -> Key:
    return Key(
        section, name, type_, required, default, range_, vocabulary, description, item, min_items
    )


_TEXT = (
    " Plain text (in the fallback locale, the first of `locales`) or a mapping of locale tags "
    "to text, e.g. {en: ..., vi: ...}."
)

KEYS: tuple[Key, ...] = (
    # -- scenario -----------------------------------------------------------------------------
    _k("scenario", "format", "format", "The file format: 1.", required=True),
    _k(
        "scenario",
        "id",
        "slug",
        "The scenario's id: lower-case letters, digits and hyphens, unique among your files "
        "(e.g. hotel-late-checkout). Results are kept by id, version and content.",
        required=True,
    ),
    _k(
        "scenario",
        "version",
        "integer",
        "Bump it when the content changes; results keep id, version and the file's hash.",
        required=True,
        range_=(1, None),
    ),
    _k("scenario", "title", "text", "The title trainees see in the list." + _TEXT, required=True),
    _k(
        "scenario",
        "industry",
        "string",
        "Free text, used for filtering (hotel, bank, clinic...).",
        required=True,
    ),
    _k(
        "scenario",
        "difficulty",
        "integer",
        "1 (day one of orientation) .. 5 (senior staff).",
        required=True,
        range_=(1, 5),
    ),
    _k("scenario", "tags", "strings", "Free words for filtering.", default=[]),
    _k(
        "scenario",
        "locales",
        "locales",
        "The locales this file covers fully; the first is the fallback for any text not "
        "written in a trainee's language.",
        default=["en"],
        min_items=1,
    ),
    _k(
        "scenario",
        "failure",
        "section",
        "What went wrong, and what it cost the customer.",
        required=True,
        item="failure",
    ),
    _k(
        "scenario",
        "authority",
        "section",
        "What the trainee may do without asking anyone.",
        required=True,
        item="authority",
    ),
    _k(
        "scenario",
        "timing",
        "section",
        "Speed targets (defaults: decide_s 10, acknowledge_min 2, resolve_min 20).",
        item="timing",
    ),
    _k(
        "scenario",
        "customer",
        "section",
        "Who the customer is and what they need.",
        required=True,
        item="customer",
    ),
    _k(
        "scenario",
        "remedies",
        "list",
        "The menu the trainee can offer from, in this scenario.",
        required=True,
        item="remedy",
    ),
    _k("scenario", "start", "id", "The id of the first beat.", required=True),
    _k(
        "scenario",
        "beats",
        "map",
        "The conversation: beat ids mapped to beats. Each beat is what the customer says "
        "and the trainee's choices (or a remedy menu).",
        required=True,
        item="beat",
    ),
    # -- failure ------------------------------------------------------------------------------
    _k(
        "failure",
        "summary",
        "text",
        "What went wrong, in a sentence or two." + _TEXT,
        required=True,
    ),
    _k("failure", "severity", "integer", "1 trivial .. 5 critical.", required=True, range_=(1, 5)),
    _k(
        "failure",
        "value",
        "value",
        "What the loss is worth to the customer, in the budget's currency; remedy fit "
        "compares what is offered with it. A number, or a mapping giving each loss its value "
        "(it must name every loss in losses), e.g. {property: 60, money: 15}: a fix then "
        "makes good only the losses in its own restores.",
        required=True,
        range_=(0.01, None),
    ),
    _k(
        "failure",
        "losses",
        "tags",
        "What the customer lost.",
        required=True,
        vocabulary=LOSSES,
        min_items=1,
    ),
    _k("failure", "fault", "tag", "Whose fault it is.", required=True, vocabulary=FAULTS),
    _k(
        "failure",
        "visible",
        "boolean",
        "false: the customer will not complain; the trainee must notice the cues.",
        required=True,
    ),
    # -- authority ----------------------------------------------------------------------------
    _k(
        "authority",
        "budget",
        "number",
        "What the trainee may spend without asking anyone.",
        required=True,
        range_=(0, None),
    ),
    _k(
        "authority",
        "currency",
        "string",
        "The currency of every amount (USD, EUR, VND...).",
        required=True,
    ),
    _k(
        "authority",
        "manager",
        "boolean",
        "Whether an escalation to a manager is possible.",
        required=True,
    ),
    # -- timing -------------------------------------------------------------------------------
    _k(
        "timing",
        "decide_s",
        "number",
        "Target seconds per decision.",
        default=10.0,
        range_=(0.1, 10_000),
    ),
    _k(
        "timing",
        "acknowledge_min",
        "number",
        "Target in-world minutes from the failure to acknowledging it.",
        default=2.0,
        range_=(0.1, 10_000),
    ),
    _k(
        "timing",
        "resolve_min",
        "number",
        "Target in-world minutes from the failure to its resolution.",
        default=20.0,
        range_=(0.1, 10_000),
    ),
    # -- customer -----------------------------------------------------------------------------
    _k(
        "customer",
        "persona",
        "persona",
        "A persona id (reasonable, impatient, silent, never-satisfied, abusive, opportunist, "
        "anxious, or one in a personas/ folder beside the scenario), or an inline persona.",
        required=True,
    ),
    _k(
        "customer",
        "name",
        "string",
        "How the trainee addresses the customer (Ms. Chen).",
        required=True,
    ),
    _k(
        "customer",
        "needs",
        "tags",
        "What the customer needs from the recovery.",
        required=True,
        vocabulary=NEEDS,
    ),
    # -- remedy -------------------------------------------------------------------------------
    _k("remedy", "id", "id", "The remedy's id, unique in the scenario.", required=True),
    _k(
        "remedy",
        "label",
        "text",
        "What the trainee offers, as it reads on the menu." + _TEXT,
        required=True,
    ),
    _k(
        "remedy",
        "cost",
        "number",
        "What it costs the business (0 if omitted).",
        default=0.0,
        range_=(0, None),
    ),
    _k(
        "remedy",
        "value",
        "number",
        "What it is worth to the customer (defaults to cost).",
        range_=(0, None),
    ),
    _k(
        "remedy",
        "minutes",
        "number",
        "In-world minutes it takes to carry out.",
        default=1.0,
        range_=(0, 100_000),
    ),
    _k("remedy", "restores", "tags", "The losses it makes good.", default=[], vocabulary=LOSSES),
    _k(
        "remedy",
        "fixes",
        "boolean",
        "It solves the problem itself, not only compensates.",
        default=False,
    ),
    _k(
        "remedy",
        "delayed",
        "boolean",
        "Paid later or as credit (a voucher), not now.",
        default=False,
    ),
    _k(
        "remedy",
        "owed",
        "boolean",
        "The customer is entitled to it by law or policy: leaving it out is unfair, and it "
        "never counts as over-compensation.",
        default=False,
    ),
    _k(
        "remedy",
        "escalate",
        "escalation",
        "A hand-over, not a remedy in itself: true or manager (to a manager, who completes "
        "what is beyond the trainee's authority), or security (never a remedy hand-over).",
        default=False,
        vocabulary=ESCALATE_TO,
    ),
    # -- beat ---------------------------------------------------------------------------------
    _k(
        "beat",
        "say",
        "text",
        "What the customer says (or, for an unseen failure, what the trainee observes)." + _TEXT,
        required=True,
    ),
    _k(
        "beat",
        "cues",
        "strings",
        "Body language shown beside the words (frown, sigh...).",
        default=[],
    ),
    _k(
        "beat",
        "choices",
        "list",
        "What the trainee can say here; a beat has either choices or menu: true.",
        item="choice",
        min_items=1,
    ),
    _k(
        "beat",
        "menu",
        "boolean",
        "true: the trainee picks one or more remedies from the scenario's remedies (or "
        "escalates); then the conversation goes to next.",
        default=False,
    ),
    _k("beat", "next", "target", "For a menu beat: the beat after the offer (or end)."),
    _k("beat", "abuse", "tag", "The customer's words here are abusive.", vocabulary=ABUSE),
    _k(
        "beat",
        "patience_s",
        "number",
        "Seconds the customer waits for an answer here before reacting on their own "
        "(default: the persona's patience).",
        range_=(0.5, 3600),
    ),
    _k("beat", "on_timeout", "target", "The beat to go to when patience runs out (or end)."),
    _k(
        "beat",
        "distress",
        "boolean",
        "The customer is distressed here: empathy is called for at this beat. If no beat of "
        "a scenario says so, the beats that offer an empathetic choice count.",
        default=False,
    ),
    # -- choice -------------------------------------------------------------------------------
    _k("choice", "id", "id", "The choice's id, unique within its beat.", required=True),
    _k("choice", "text", "text", "What the trainee says." + _TEXT, required=True),
    _k("choice", "next", "target", "The beat this choice leads to, or end.", required=True),
    _k(
        "choice",
        "apology",
        "tags",
        "The apology's components, good and poor.",
        default=[],
        vocabulary=APOLOGY_TAGS,
    ),
    _k("choice", "listen", "tag", "How the trainee listens.", vocabulary=LISTEN),
    _k(
        "choice",
        "reveals",
        "tags",
        "The needs this question brings to light.",
        default=[],
        vocabulary=NEEDS,
    ),
    _k("choice", "empathy", "boolean", "Acknowledges how the customer feels.", default=False),
    _k(
        "choice", "verify", "boolean", "Politely checks a claim before acting on it.", default=False
    ),
    _k(
        "choice",
        "offer",
        "ids",
        "A remedy id, or a list of them, offered by this choice.",
        default=[],
    ),
    _k(
        "choice",
        "inform",
        "boolean",
        "Tells the customer what is happening and how long it will take.",
        default=False,
    ),
    _k("choice", "boundary", "tag", "How the trainee answers abuse.", vocabulary=BOUNDARY),
    _k(
        "choice",
        "escalate",
        "escalation",
        "Hands over: true or manager (to a manager), or security (calls security; never a "
        "remedy hand-over).",
        default=False,
        vocabulary=ESCALATE_TO,
    ),
    _k(
        "choice",
        "conduct",
        "tags",
        "Poor conduct the rubric costs where it happens (and which voids the empathy or "
        "information the same choice claims).",
        default=[],
        vocabulary=CONDUCT,
    ),
    _k(
        "choice",
        "follow_up",
        "tags",
        "What the trainee does after the fix.",
        default=[],
        vocabulary=FOLLOW_UP,
    ),
    _k(
        "choice",
        "check_in_hours",
        "number",
        "With follow_up: check-in, when (hours).",
        range_=(0, 8760),
    ),
    _k(
        "choice",
        "proactive",
        "boolean",
        "Approaches a customer who has not complained.",
        default=False,
    ),
    _k(
        "choice",
        "minutes",
        "number",
        "In-world minutes the choice takes.",
        default=1.0,
        range_=(0, 100_000),
    ),
    _k(
        "choice",
        "reply",
        "text",
        "The customer's authored answer; otherwise the persona's lines for their mood." + _TEXT,
    ),
    _k(
        "choice",
        "reply_mood",
        "tag",
        "The mood the authored reply is said in (the portrait and mood label follow it); "
        "needs reply.",
        vocabulary=MOODS,
    ),
    _k(
        "choice",
        "pin",
        "tag",
        "last: keep this choice last whatever order the run draws (for a '(say nothing)' option).",
        vocabulary=PIN,
    ),
    _k(
        "choice",
        "feedback",
        "text",
        "A short note the debrief shows when this choice was taken: say why it was wrong." + _TEXT,
    ),
    # -- persona ------------------------------------------------------------------------------
    _k("persona", "format", "format", "The file format: 1.", required=True),
    _k(
        "persona",
        "id",
        "slug",
        "The persona's id; the file must be named after it (ID.yaml) in a personas/ folder.",
        required=True,
    ),
    _k("persona", "name", "text", "What the persona is called." + _TEXT, required=True),
    _k(
        "persona",
        "patience_s",
        "number",
        "Seconds of silence before anger rises by itself.",
        default=20.0,
        range_=(1, 600),
    ),
    _k("persona", "temper", "number", "Starting anger, 0..100.", default=40.0, range_=(0, 100)),
    _k(
        "persona",
        "forgiveness",
        "number",
        "0..1: how much good handling lowers anger.",
        default=0.6,
        range_=(0, 1),
    ),
    _k(
        "persona",
        "satisfiable",
        "boolean",
        "false: no remedy makes this customer content.",
        default=True,
    ),
    _k(
        "persona",
        "complains",
        "boolean",
        "false: a silent customer who leaves without a word.",
        default=True,
    ),
    _k("persona", "abusive", "boolean", "Insults or threatens staff at some beats.", default=False),
    _k(
        "persona",
        "opportunist",
        "boolean",
        "Tries to get more than the loss is worth.",
        default=False,
    ),
    _k(
        "persona",
        "archetype",
        "tag",
        "The kind of customer (inferred from the flags if omitted).",
        vocabulary=ARCHETYPES,
    ),
    _k("persona", "inertia", "number", "0..0.99: how slowly anger moves.", range_=(0, 0.99)),
    _k(
        "persona",
        "lines",
        "lines",
        "Reaction lines by mood (pleased, calm, tense, angry, furious, timeout, leave), then "
        "by locale: a line or a list of lines; the engine picks by the customer's anger. "
        "Reactions to what the last decision did (apologised, excuses, blamed, silence, "
        "fair-offer, low-offer, high-offer, limit, retaliated, escalated, followed-up) take "
        "lines by locale, or by mood and then by locale.",
        vocabulary=LINE_KINDS,
    ),
    # -- script (scenarios/scripts/ID.yaml) ---------------------------------------------------
    _k(
        "script", "seed", "integer", "The random seed of the run.", default=0, range_=(0, 2**63 - 1)
    ),
    _k("script", "trainee", "string", "Who plays (used with trainer run --store)."),
    _k("script", "cohort", "string", "The cohort code (used with trainer run --store)."),
    _k(
        "script",
        "steps",
        "list",
        "One step per decision, in order.",
        required=True,
        item="step",
        min_items=1,
    ),
    _k("step", "choose", "id", "The id of a choice of the current beat."),
    _k("step", "offer", "ids", "At a menu beat: the remedy ids offered.", min_items=1),
    _k(
        "step",
        "after",
        "number",
        "Seconds the decision took (default: half of decide_s).",
        range_=(0, 86_400),
    ),
    # -- track (scenarios/tracks/ID.yaml) -----------------------------------------------------
    _k("track", "format", "format", "The file format: 1.", required=True),
    _k("track", "id", "slug", "The track's id.", required=True),
    _k("track", "title", "text", "The track's title." + _TEXT, required=True),
    _k(
        "track",
        "scenarios",
        "slugs",
        "Scenario ids, in the order a cohort plays them.",
        required=True,
        min_items=1,
    ),
)

#: the sections, and the kind of file each top-level section is
FILES = {"scenario": "scenario", "persona": "persona", "script": "script", "track": "track"}

#: what each word of a vocabulary means (hover help in an editor; ``trainer new``'s comments)
TERMS: dict[str, str] = {
    # losses
    "money": "money: the customer paid for something they did not get",
    "time": "time: the customer lost time",
    "comfort": "comfort: the customer was uncomfortable or inconvenienced",
    "status": "status: the customer was embarrassed or treated as unimportant",
    "property": "property: something of the customer's was lost or damaged",
    "safety": "safety: the customer's health or safety was at risk",
    # needs
    "fix": "fix: the problem solved",
    "compensation": "compensation: something for the loss",
    "acknowledgment": "acknowledgment: to hear that it was wrong",
    "explanation": "explanation: to know what happened",
    "speed": "speed: a quick resolution",
    "respect": "respect: to be treated with respect",
    # fault
    "ours": "ours: the business is at fault",
    "external": "external: a third party or nature is at fault",
    "customer": "customer: the customer is at fault",
    "shared": "shared: the fault is shared",
    # apology
    "regret": "regret: expresses regret",
    "explanation_apology": "explanation: explains what went wrong",
    "responsibility": "responsibility: acknowledges that it is our fault",
    "repentance": "repentance: commits that it will not happen again",
    "repair": "repair: offers to put it right",
    "forgiveness": "forgiveness: asks to be forgiven",
    "deflect": "deflect (poor): blames a colleague, a supplier or 'the system'",
    "blame-customer": "blame-customer (poor): says it is the customer's own fault",
    "conditional": "conditional (poor): 'sorry if you feel...'",
    "refuse": "refuse (poor): denies any duty",
    "argue": "argue (poor): contradicts the customer",
    "excessive": "excessive (poor): grovels, apologises again without acting",
    # listen
    "open": "open: an open question",
    "closed": "closed: a yes/no question",
    "paraphrase": "paraphrase: says back what the customer said, to check it",
    "interrupt": "interrupt (poor): cuts the customer off",
    # boundary
    "calm": "calm: sets a respectful limit on abusive behaviour",
    "retaliate": "retaliate (poor): answers in kind",
    "cave": "cave (poor): gives in to an unreasonable demand to stop the abuse",
    # follow-up
    "check-in": "check-in: promises to contact the customer later (check_in_hours: when)",
    "prevention": "prevention: says what will change so it does not happen again",
    "thanks": "thanks: thanks the customer for raising it",
    "log": "log: records the incident for root-cause review",
    # abuse
    "insult": "insult: the customer insults the trainee",
    "threat": "threat: the customer threatens the trainee",
    # escalation
    "manager": "manager: hands over to a manager (the same as true)",
    "security": "security: calls security; never a remedy hand-over",
    # conduct
    "false-reassurance": "false-reassurance (poor): promises what nobody can promise",
    "brush-off": "brush-off (poor): sends the customer away or waves the concern aside",
    "stall": "stall (poor): puts the customer off without saying what happens next",
    # pin
    "last": "last: always shown last",
    # moods and reactions
    "pleased": "pleased: anger under 20",
    "tense": "tense: anger 40 to 59",
    "angry": "angry: anger 60 to 79",
    "furious": "furious: anger 80 or more",
    "timeout": "timeout: said when kept waiting in silence",
    "leave": "leave: said or done when walking out",
    "apologised": "apologised: after a sincere apology, before anything is offered",
    "excuses": "excuses: after the trainee deflected the blame or denied any duty",
    "blamed": "blamed: after the trainee blamed or contradicted the customer",
    "silence": "silence: after no answer in time, a brush-off or stalling",
    "fair-offer": "fair-offer: what has been offered restores about the loss",
    "low-offer": "low-offer: what has been offered falls well short of the loss",
    "high-offer": "high-offer: what has been offered is twice the loss or more",
    "limit": "limit: after a calm limit",
    "retaliated": "retaliated: after the trainee answered in kind",
    "escalated": "escalated: after a call to a manager or security",
    "followed-up": "followed-up: after follow-up (what will change, a check-in, thanks)",
}


def term(vocabulary_key: str, word: str) -> str:
    """What ``word`` means in the vocabulary of key ``vocabulary_key`` (``apology``...)."""
    if vocabulary_key == "apology" and word == "explanation":
        return TERMS["explanation_apology"]
    if vocabulary_key in ("reply_mood", "lines") and word == "calm":
        return "calm: anger 20 to 39"
    return TERMS.get(word, word)


def section(name: str) -> tuple[Key, ...]:
    """The keys of a section, in the order they are written."""
    found = tuple(key for key in KEYS if key.section == name)
    if not found:
        raise KeyError(f"no section {name!r} in the key table")
    return found


def key(section_name: str, name: str) -> Key:
    for row in section(section_name):
        if row.name == name:
            return row
    raise KeyError(f"no key {name!r} in section {section_name!r}")


def required(section_name: str) -> tuple[str, ...]:
    return tuple(k.name for k in section(section_name) if k.required)


def optional(section_name: str) -> tuple[str, ...]:
    return tuple(k.name for k in section(section_name) if not k.required)


def names(section_name: str) -> tuple[str, ...]:
    return tuple(k.name for k in section(section_name))
