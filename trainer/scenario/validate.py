"""Validation: YNode trees to the frozen model, with every problem in one pass.

The rules are those of ``scenario-format.md`` ("What a valid file must satisfy"). A model is
built only when its file has no error; warnings never block. Persona ids are resolved through a
callable, so this module stays free of file access.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Literal, TypedDict

from .diagnostics import Collector, did_you_mean, excerpt
from .keys import names, optional, required
from .limits import MAX_BEATS, MAX_CHOICES, MAX_REMEDIES
from .model import (
    ABUSE,
    APOLOGY_TAGS,
    ARCHETYPES,
    BOUNDARY,
    CONDUCT,
    END,
    ESCALATE_TO,
    FAULTS,
    FOLLOW_UP,
    LINE_KINDS,
    LISTEN,
    LOSSES,
    MOODS,
    NEEDS,
    PIN,
    REACTIONS,
    Authority,
    Beat,
    Choice,
    Customer,
    Failure,
    Persona,
    Pos,
    Remedy,
    Scenario,
    Text,
    Timing,
)
from .reader import LOCALE, Reader, unsupported_locale
from .yamlsafe import YNode

PersonaResolver = Callable[[str], Persona | None]

# The key lists come from the one table of keys (``keys.py``), which the JSON Schema and
# ``trainer new`` also read.
SCENARIO_REQUIRED = required("scenario")
SCENARIO_OPTIONAL = optional("scenario")
FAILURE_KEYS = names("failure")
AUTHORITY_KEYS = names("authority")
TIMING_KEYS = names("timing")
CUSTOMER_KEYS = names("customer")
REMEDY_REQUIRED = required("remedy")
REMEDY_OPTIONAL = optional("remedy")
BEAT_REQUIRED = required("beat")
BEAT_OPTIONAL = optional("beat")
CHOICE_REQUIRED = required("choice")
CHOICE_OPTIONAL = optional("choice")
PERSONA_REQUIRED = required("persona")
PERSONA_OPTIONAL = optional("persona")
INLINE_PERSONA_REQUIRED = ("name",)
INLINE_PERSONA_OPTIONAL = ("format", "id") + PERSONA_OPTIONAL


def _pos(out: Collector, node: YNode) -> Pos:
    return Pos(out.file, node.line, node.col)


class _Context:
    """State shared while reading one scenario file."""

    def __init__(self, reader: Reader, fallback: str) -> None:
        self.r = reader
        self.fallback = fallback
        self.locales_seen: set[str] = set()

    def text(self, node: YNode, what: str) -> Text | None:
        return self.r.text(node, what, self.fallback, self.locales_seen)


# -- personas --------------------------------------------------------------------------------


def read_persona(
    root: YNode, out: Collector, inline: bool = False, fallback: str = "en"
) -> Persona | None:
    """Read a persona file (or an inline ``customer.persona`` mapping)."""
    r = Reader(out)
    what = "the inline persona" if inline else "the persona file"
    fields = r.mapping(root, what)
    if fields is None:
        return None
    before = len(out.errors)
    if inline:
        r.keys(fields, root, what, INLINE_PERSONA_REQUIRED, INLINE_PERSONA_OPTIONAL)
    else:
        r.keys(fields, root, what, PERSONA_REQUIRED, PERSONA_OPTIONAL)

    def get(name: str) -> YNode | None:
        item = fields.get(name)
        return item[1] if item else None

    if (node := get("format")) is not None:
        fmt = r.integer(node, "format")
        if fmt is not None and fmt != 1:
            r.error(node, f"format {fmt} is not supported; this version of the game reads format 1")
    persona_id = "inline"
    if (node := get("id")) is not None:
        persona_id = r.slug(node, "persona id") or persona_id
    name = r.text(node, "persona name", fallback) if (node := get("name")) is not None else None
    numbers: dict[str, float] = {}
    for key, lo, hi in (
        ("patience_s", 1, 600),
        ("temper", 0, 100),
        ("forgiveness", 0, 1),
        ("inertia", 0, 0.99),
    ):
        if (node := get(key)) is not None:
            number = r.number(node, key, lo, hi)
            if number is not None:
                numbers[key] = number
    flags: dict[str, bool] = {}
    for key in ("satisfiable", "complains", "abusive", "opportunist"):
        if (node := get(key)) is not None:
            flag = r.boolean(node, key)
            if flag is not None:
                flags[key] = flag
    archetype = None
    if (node := get("archetype")) is not None:
        archetype = r.choice(node, "archetype", ARCHETYPES)
    lines: dict[str, dict[str, tuple[str, ...]]] = {}
    reactions: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {}
    if (node := get("lines")) is not None:
        moods = r.mapping(node, "lines")
        for kind, (kind_key, value) in (moods or {}).items():
            if kind not in LINE_KINDS:
                r.error(
                    kind_key,
                    f"unknown kind {excerpt(kind)} in lines{did_you_mean(kind, LINE_KINDS)}; "
                    f"kinds are {', '.join(LINE_KINDS)}",
                )
                continue
            if kind not in REACTIONS:
                lines[kind] = _locale_lines(r, value, f"lines.{kind}")
                continue
            # A reaction: lines per locale (any mood), or per mood and then per locale.
            by_key = r.mapping(value, f"lines.{kind}") or {}
            if by_key and all(k in MOODS for k in by_key):
                reactions[kind] = {
                    mood: _locale_lines(r, v, f"lines.{kind}.{mood}")
                    for mood, (_, v) in by_key.items()
                }
            elif any(k in MOODS for k in by_key):
                r.error(
                    value,
                    f"lines.{kind} mixes moods and locales; write either locales (lines for "
                    "any mood) or moods, each with its locales",
                )
            else:
                reactions[kind] = {"": _locale_lines(r, value, f"lines.{kind}")}
    if len(out.errors) > before or name is None:
        return None
    if archetype is None:
        archetype = _infer_archetype(persona_id, flags)
    inertia_default = 0.85 if archetype in ("never-satisfied", "abusive") else 0.6
    return Persona(
        id=persona_id,
        name=name,
        patience_s=float(numbers.get("patience_s", 20.0)),
        temper=float(numbers.get("temper", 40.0)),
        forgiveness=float(numbers.get("forgiveness", 0.6)),
        satisfiable=bool(flags.get("satisfiable", True)),
        complains=bool(flags.get("complains", True)),
        abusive=bool(flags.get("abusive", False)),
        opportunist=bool(flags.get("opportunist", False)),
        archetype=archetype,
        inertia=float(numbers.get("inertia", inertia_default)),
        lines=MappingProxyType({k: MappingProxyType(v) for k, v in lines.items()}),
        reactions=MappingProxyType(
            {
                kind: MappingProxyType({m: MappingProxyType(v) for m, v in by_mood.items()})
                for kind, by_mood in reactions.items()
            }
        ),
        source=out.file,
    )


def _locale_lines(r: Reader, node: YNode, what: str) -> dict[str, tuple[str, ...]]:
    """A mapping from locale tags to lines (one string or a list of them)."""
    per: dict[str, tuple[str, ...]] = {}
    for locale, (lkey, lvalue) in (r.mapping(node, what) or {}).items():
        if not LOCALE.match(locale):
            r.error(
                lkey,
                f"{excerpt(locale)} in {what} is not a locale tag (en, zh-Hans, zh-Hant, vi, ...)",
            )
            continue
        if (problem := unsupported_locale(locale)) is not None:
            r.error(lkey, f"{what}: {problem}")
            continue
        if lvalue.is_scalar and lvalue.kind == "str":
            items: tuple[str, ...] | None = (str(lvalue.value),)
        else:
            items = r.strings(lvalue, f"{what}.{locale}")
        if items:
            per[locale] = items
    return per


def _infer_archetype(persona_id: str, flags: Mapping[str, bool]) -> str:
    if persona_id in ARCHETYPES:
        return persona_id
    if flags.get("abusive"):
        return "abusive"
    if flags.get("opportunist"):
        return "opportunist"
    if flags.get("satisfiable") is False:
        return "never-satisfied"
    if flags.get("complains") is False:
        return "silent"
    return "reasonable"


# -- limits ----------------------------------------------------------------------------------


def _over_limit(r: Reader, node: YNode, count: int, limit: int, what: str, fix: str) -> bool:
    """Report (at ``node``) and return True when ``count`` passes a limit of the format."""
    if count <= limit:
        return False
    r.error(
        node,
        f"{count:,} {what}; a scenario may have at most {limit} (scenario-format.md, "
        f"limits): {fix}",
    )
    return True


def _unsupported_locales(
    r: Reader, node: YNode, tags: tuple[str, ...], bad: list[str]
) -> list[str]:
    """Report each well-formed tag in ``locales`` that the game cannot show; return them."""
    items = node.value if node.kind == "seq" else []
    assert isinstance(items, list)
    out = []
    for index, tag in enumerate(tags):
        if tag in bad:
            continue
        problem = unsupported_locale(tag)
        if problem is not None:
            r.error(items[index] if index < len(items) else node, f"locales: {problem}")
            out.append(tag)
    return out


# -- scenarios -------------------------------------------------------------------------------


def read_scenario(
    root: YNode, out: Collector, personas: PersonaResolver, sha256: str = ""
) -> Scenario | None:
    """Read and check a scenario file; return the model if the file has no error."""
    r = Reader(out)
    fields = r.mapping(root, "the scenario file")
    if fields is None:
        return None
    before = len(out.errors)
    r.keys(fields, root, "the scenario", SCENARIO_REQUIRED, SCENARIO_OPTIONAL)

    def get(name: str) -> YNode | None:
        item = fields.get(name)
        return item[1] if item else None

    if (node := get("format")) is not None:
        fmt = r.integer(node, "format")
        if fmt is not None and fmt != 1:
            r.error(
                node,
                f"format {fmt} is not supported; this version reads format 1 "
                "(run 'trainer migrate' for newer files)",
            )
    scenario_id = r.slug(node, "scenario id") if (node := get("id")) is not None else None
    version = r.integer(node, "version", 1) if (node := get("version")) is not None else None
    industry = r.string(node, "industry") if (node := get("industry")) is not None else None
    difficulty = (
        r.integer(node, "difficulty", 1, 5) if (node := get("difficulty")) is not None else None
    )
    tags: tuple[str, ...] = ()
    if (node := get("tags")) is not None:
        tags = r.strings(node, "tags") or ()
    locales: tuple[str, ...] = ("en",)
    locales_node = get("locales")
    if locales_node is not None:
        got = r.strings(locales_node, "locales")
        if got is not None:
            bad = [loc for loc in got if not LOCALE.match(loc)]
            for loc in bad:
                r.error(
                    locales_node,
                    f"{excerpt(loc)} in locales is not a locale tag "
                    "(en, zh-Hans, zh-Hant, vi, ...)",
                )
            bad += _unsupported_locales(r, locales_node, got, bad)
            if not got:
                r.error(locales_node, "locales is empty; list at least the fallback locale")
            elif not bad:
                locales = got
    ctx = _Context(r, locales[0])
    title = ctx.text(node, "title") if (node := get("title")) is not None else None

    failure = _read_failure(ctx, get("failure"))
    authority = _read_authority(ctx, get("authority"))
    timing = _read_timing(ctx, get("timing"))
    remedies, remedy_ids = _read_remedies(ctx, get("remedies"))
    customer = _read_customer(ctx, get("customer"), personas)
    beats_node = get("beats")
    beat_ids = _beat_ids(beats_node)
    beats = _read_beats(ctx, beats_node, remedy_ids, bool(remedy_ids))
    start = None
    if (node := get("start")) is not None:
        start = r.slug(node, "start", strict=False)
        if start is not None and beat_ids is not None and start not in beat_ids:
            r.error(
                node,
                f"start names beat '{start}', which does not exist{did_you_mean(start, beat_ids)}",
            )
            start = None
    if start is not None and beats is not None:
        _check_reaches_end(ctx, start, beats, get("start"))

    if len(out.errors) > before:
        return None
    assert scenario_id and version and title and industry and difficulty
    assert failure and authority and customer and remedies is not None and beats and start
    return Scenario(
        id=scenario_id,
        version=version,
        title=title,
        industry=industry,
        difficulty=difficulty,
        tags=tags,
        locales=locales,
        failure=failure,
        authority=authority,
        timing=timing,
        customer=customer,
        remedies=tuple(remedies),
        start=start,
        beats=MappingProxyType(beats),
        sha256=sha256,
        source=out.file,
    )


def _section(
    ctx: _Context,
    node: YNode | None,
    what: str,
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
) -> dict[str, YNode] | None:
    if node is None:
        return None
    fields = ctx.r.mapping(node, what)
    if fields is None:
        return None
    ctx.r.keys(fields, node, what, required, optional)
    return {name: value for name, (_, value) in fields.items()}


def _read_failure(ctx: _Context, node: YNode | None) -> Failure | None:
    f = _section(ctx, node, "failure", FAILURE_KEYS)
    if f is None:
        return None
    r = ctx.r
    summary = ctx.text(f["summary"], "failure.summary") if "summary" in f else None
    severity = r.integer(f["severity"], "failure.severity", 1, 5) if "severity" in f else None
    losses = r.choices(f["losses"], "failure.losses", LOSSES) if "losses" in f else None
    if losses is not None and not losses:
        r.error(
            f["losses"],
            f"failure.losses is empty; name what the customer lost ({', '.join(LOSSES)})",
        )
        losses = None
    value: float | None = None
    values: dict[str, float] = {}
    if "value" in f and f["value"].kind == "map":
        value, values = _loss_values(r, f["value"], losses)
    elif "value" in f:
        value = r.number(f["value"], "failure.value", 0.01)
    fault = r.choice(f["fault"], "failure.fault", FAULTS) if "fault" in f else None
    visible = r.boolean(f["visible"], "failure.visible") if "visible" in f else None
    if (
        summary is None
        or severity is None
        or value is None
        or losses is None
        or fault is None
        or visible is None
    ):
        return None
    return Failure(
        summary,
        int(severity),
        float(value),
        frozenset(losses),
        str(fault),
        bool(visible),
        MappingProxyType(values),
    )


def _loss_values(
    r: Reader, node: YNode, losses: tuple[str, ...] | None
) -> tuple[float | None, dict[str, float]]:
    """``failure.value`` as a mapping: what each loss is worth (a fix makes good only the
    losses in its own ``restores``, so a failure may say what each of them is worth)."""
    fields = r.mapping(node, "failure.value")
    if fields is None:
        return None, {}
    values: dict[str, float] = {}
    ok = True
    for loss, (key, item) in fields.items():
        if loss not in LOSSES:
            r.error(
                key,
                f"failure.value names {loss!r}, which is not a loss{did_you_mean(loss, LOSSES)}; "
                f"losses are {', '.join(LOSSES)}",
            )
            ok = False
            continue
        if losses is not None and loss not in losses:
            r.error(
                key,
                f"failure.value gives a value for '{loss}', which is not in failure.losses; "
                "add it to losses or remove it here",
            )
            ok = False
            continue
        number = r.number(item, f"failure.value.{loss}", 0)
        if number is None:
            ok = False
            continue
        values[loss] = float(number)
    if losses is not None:
        for loss in losses:
            if loss not in values and loss in LOSSES and ok:
                r.error(
                    node,
                    f"failure.value gives no value for '{loss}'; give every loss in "
                    "failure.losses a value, or write value as one number",
                )
                ok = False
    total = sum(values.values())
    if ok and total <= 0:
        r.error(node, "failure.value adds up to 0; the loss must be worth something")
        ok = False
    return (total if ok else None), values


def _read_authority(ctx: _Context, node: YNode | None) -> Authority | None:
    f = _section(ctx, node, "authority", AUTHORITY_KEYS)
    if f is None:
        return None
    r = ctx.r
    budget = r.number(f["budget"], "authority.budget", 0) if "budget" in f else None
    currency = r.string(f["currency"], "authority.currency") if "currency" in f else None
    manager = r.boolean(f["manager"], "authority.manager") if "manager" in f else None
    if budget is None or currency is None or manager is None:
        return None
    return Authority(budget, currency, manager)


def _read_timing(ctx: _Context, node: YNode | None) -> Timing:
    f = _section(ctx, node, "timing", (), TIMING_KEYS)
    if not f:
        return Timing()
    r = ctx.r
    values: dict[str, float] = {}
    for key in TIMING_KEYS:
        if key in f:
            got = r.number(f[key], f"timing.{key}", 0.1, 10_000)
            if got is not None:
                values[key] = got
    return Timing(**values)


def _read_customer(ctx: _Context, node: YNode | None, personas: PersonaResolver) -> Customer | None:
    f = _section(ctx, node, "customer", CUSTOMER_KEYS)
    if f is None:
        return None
    r = ctx.r
    name = r.string(f["name"], "customer.name") if "name" in f else None
    needs = r.choices(f["needs"], "customer.needs", NEEDS) if "needs" in f else None
    persona: Persona | None = None
    if "persona" in f:
        pnode = f["persona"]
        if pnode.kind == "map":
            persona = read_persona(pnode, r.out, inline=True, fallback=ctx.fallback)
        else:
            persona_id = r.slug(pnode, "customer.persona")
            if persona_id is not None:
                persona = personas(persona_id)
                if persona is None:
                    r.error(
                        pnode,
                        f"persona '{persona_id}' was not found in a personas/ folder "
                        "beside the scenario, in the scenario folders in use, or in "
                        "the bundled library (reasonable, impatient, silent, "
                        "never-satisfied, abusive, opportunist, anxious)"
                        f"{did_you_mean(persona_id, ARCHETYPES)}",
                    )
    if persona is None or name is None or needs is None:
        return None
    return Customer(persona, name, needs)


def _beat_ids(node: YNode | None) -> set[str] | None:
    if node is None or node.kind != "map":
        return None
    return {str(key.value) for key, _ in node.value if key.is_scalar}  # type: ignore[attr-defined]


def _read_remedies(ctx: _Context, node: YNode | None) -> tuple[list[Remedy] | None, set[str]]:
    """The remedies (None if any has an error) and every id written, for references."""
    if node is None:
        return None, set()
    r = ctx.r
    items = r.sequence(node, "remedies")
    if items is None:
        return None, set()
    too_many = _over_limit(
        r, node, len(items), MAX_REMEDIES, "remedies", "keep the ones a trainee should weigh"
    )
    out: list[Remedy] = []
    seen: dict[str, int] = {}
    ok = True
    for item in items:
        f = _section(ctx, item, "a remedy", REMEDY_REQUIRED, REMEDY_OPTIONAL)
        if f is None:
            ok = False
            continue
        rid = r.slug(f["id"], "remedy id", strict=False) if "id" in f else None
        if rid is not None:
            if rid in seen:
                r.error(f["id"], f"duplicate remedy id '{rid}' (first at line {seen[rid]})")
                rid = None
            else:
                seen[rid] = f["id"].line
        label = ctx.text(f["label"], f"remedy {rid or '?'} label") if "label" in f else None
        cost = r.number(f["cost"], "remedy cost", 0) if "cost" in f else 0.0
        value = r.number(f["value"], "remedy value", 0) if "value" in f else cost
        minutes = r.number(f["minutes"], "remedy minutes", 0, 100_000) if "minutes" in f else 1.0
        restores = r.choices(f["restores"], "remedy restores", LOSSES) if "restores" in f else ()
        flags: dict[str, bool] = {}
        for key in ("fixes", "delayed", "owed"):
            if key in f:
                got = r.boolean(f[key], f"remedy {key}")
                if got is None:
                    ok = False
                flags[key] = bool(got)
        if "escalate" in f:
            escalation = _escalate(r, f["escalate"], f"remedy {rid or '?'} escalate")
            if escalation is None:
                ok = False
            else:
                flags["escalate"], flags["security"] = escalation
        if (
            rid is None
            or label is None
            or cost is None
            or value is None
            or minutes is None
            or restores is None
        ):
            ok = False
            continue
        out.append(
            Remedy(
                id=str(rid),
                label=label,
                cost=float(cost),
                value=float(value),
                minutes=float(minutes),
                restores=frozenset(restores or ()),
                pos=_pos(r.out, item),
                **flags,
            )
        )
    return (out if ok and not too_many else None), set(seen)


def _read_beats(
    ctx: _Context, node: YNode | None, remedy_ids: set[str], has_remedies: bool
) -> dict[str, Beat] | None:
    if node is None:
        return None
    r = ctx.r
    fields = r.mapping(node, "beats")
    if fields is None:
        return None
    if not fields:
        r.error(node, "beats is empty; write at least the start beat")
        return None
    if _over_limit(r, node, len(fields), MAX_BEATS, "beats", "split it into several scenarios"):
        return None
    beat_ids = set(fields)
    targets = beat_ids | {END}
    beats: dict[str, Beat] = {}
    ok = True
    for beat_id, (key, value) in fields.items():
        if r.slug(key, "beat id", strict=False) is None:
            ok = False
            continue
        if beat_id == END:
            r.error(key, "'end' is reserved: it means the encounter is over; rename this beat")
            ok = False
            continue
        beat = _read_beat(ctx, beat_id, value, targets, remedy_ids, has_remedies)
        if beat is None:
            ok = False
        else:
            beats[beat_id] = beat
    return beats if ok else None


def _check_target(ctx: _Context, node: YNode, what: str, targets: set[str]) -> str | None:
    target = ctx.r.slug(node, what, strict=False)
    if target is None:
        return None
    if target not in targets:
        ctx.r.error(
            node,
            f"{what} names beat '{target}', which does not exist"
            f"{did_you_mean(target, targets)}; use a beat id or 'end'",
        )
        return None
    return target


def _read_beat(
    ctx: _Context,
    beat_id: str,
    node: YNode,
    targets: set[str],
    remedy_ids: set[str],
    has_remedies: bool,
) -> Beat | None:
    what = f"beat '{beat_id}'"
    f = _section(ctx, node, what, BEAT_REQUIRED, BEAT_OPTIONAL)
    if f is None:
        return None
    r = ctx.r
    before = len(r.out.errors)
    say = ctx.text(f["say"], f"{what} say") if "say" in f else None
    cues = r.strings(f["cues"], f"{what} cues") if "cues" in f else ()
    abuse = r.choice(f["abuse"], f"{what} abuse", ABUSE) if "abuse" in f else None
    patience = (
        r.number(f["patience_s"], f"{what} patience_s", 0.5, 3600) if "patience_s" in f else None
    )
    on_timeout = (
        _check_target(ctx, f["on_timeout"], f"{what} on_timeout", targets)
        if "on_timeout" in f
        else None
    )
    if "on_timeout" in f and "patience_s" not in f:
        r.out.warning(
            f["on_timeout"].line,
            f["on_timeout"].col,
            f"{what} has on_timeout but no patience_s; the persona's patience applies",
        )
    menu = False
    if "menu" in f:
        menu = bool(r.boolean(f["menu"], f"{what} menu"))
    distress = r.boolean(f["distress"], f"{what} distress") if "distress" in f else None
    has_choices = "choices" in f
    if menu and has_choices:
        r.error(
            node,
            f"{what} has both choices and menu: true; a beat is either a list of "
            "choices or a remedy menu, so split it into two beats",
        )
    elif not menu and not has_choices:
        r.error(node, f"{what} has neither choices nor menu: true; add the trainee's choices")
    menu_next = None
    if menu:
        if not has_remedies:
            r.error(f["menu"], f"{what} is a menu but the scenario has no remedies")
        if "next" in f:
            menu_next = _check_target(ctx, f["next"], f"{what} next", targets)
        else:
            r.error(node, f"{what} is a menu and needs next: the beat after the offer")
    elif "next" in f and has_choices:
        r.error(
            f["next"],
            f"{what}: next belongs on each choice (or on a menu beat); move it into the choices",
        )
    choices: list[Choice] = []
    if has_choices and not menu:
        items = r.sequence(f["choices"], f"{what} choices")
        if items is not None and not items:
            r.error(f["choices"], f"{what} has an empty choices list")
        if items is not None and _over_limit(
            r, f["choices"], len(items), MAX_CHOICES, f"choices in {what}", "split the beat in two"
        ):
            items = None
        seen: dict[str, int] = {}
        for item in items or ():
            choice = _read_choice(ctx, what, item, targets, remedy_ids, seen)
            if choice is not None:
                choices.append(choice)
    if len(r.out.errors) > before or say is None:
        return None
    return Beat(
        id=beat_id,
        say=say,
        choices=tuple(choices),
        menu=menu,
        next=menu_next,
        cues=cues or (),
        abuse=abuse,
        patience_s=patience,
        on_timeout=on_timeout,
        distress=distress,
        pos=_pos(r.out, node),
    )


class _ChoiceOptions(TypedDict, total=False):
    """The optional fields of a :class:`Choice` that a choice mapping sets."""

    apology: tuple[str, ...]
    listen: str
    reveals: tuple[str, ...]
    empathy: bool
    verify: bool
    offer: tuple[str, ...]
    inform: bool
    boundary: str
    escalate: bool
    security: bool
    follow_up: tuple[str, ...]
    check_in_hours: float
    proactive: bool
    conduct: tuple[str, ...]
    minutes: float
    reply: Text
    reply_mood: str
    feedback: Text
    pin: str


_CHOICE_FLAGS: tuple[Literal["empathy", "verify", "inform", "proactive"], ...] = (
    "empathy",
    "verify",
    "inform",
    "proactive",
)


def _escalate(r: Reader, node: YNode, what: str) -> tuple[bool, bool] | None:
    """``escalate``: true or false, or whom to: ``manager`` (as true) or ``security``.

    Returns (escalates, to security); None after reporting a value that is none of these.
    """
    if node.is_scalar and node.kind == "bool":
        flag = r.boolean(node, what)
        return None if flag is None else (flag, False)
    if node.is_scalar and node.kind == "str" and str(node.value) in ESCALATE_TO:
        return True, str(node.value) == "security"
    shown = repr(node.value) if node.is_scalar else "a list or mapping"
    r.error(
        node,
        f"{what} must be true, false, manager or security, not {shown}"
        f"{did_you_mean(str(node.value), ESCALATE_TO) if node.is_scalar else ''}",
    )
    return None


def _read_choice(
    ctx: _Context,
    where: str,
    node: YNode,
    targets: set[str],
    remedy_ids: set[str],
    seen: dict[str, int],
) -> Choice | None:
    r = ctx.r
    f = _section(ctx, node, f"a choice in {where}", CHOICE_REQUIRED, CHOICE_OPTIONAL)
    if f is None:
        return None
    before = len(r.out.errors)
    cid = r.slug(f["id"], "choice id", strict=False) if "id" in f else None
    if cid is not None:
        if cid in seen:
            r.error(f["id"], f"duplicate choice id '{cid}' in {where} (first at line {seen[cid]})")
        else:
            seen[cid] = f["id"].line
    what = f"choice '{cid or '?'}' in {where}"
    text = ctx.text(f["text"], f"{what} text") if "text" in f else None
    nxt = _check_target(ctx, f["next"], f"{what} next", targets) if "next" in f else None
    extra: _ChoiceOptions = {}
    unreadable = False  # an optional key is present but its value could not be read
    if "apology" in f:
        if (apology := r.choices(f["apology"], f"{what} apology", APOLOGY_TAGS)) is None:
            unreadable = True
        else:
            extra["apology"] = apology
    if "listen" in f:
        if (listen := r.choice(f["listen"], f"{what} listen", LISTEN)) is None:
            unreadable = True
        else:
            extra["listen"] = listen
    if "reveals" in f:
        if (reveals := r.choices(f["reveals"], f"{what} reveals", NEEDS)) is None:
            unreadable = True
        else:
            extra["reveals"] = reveals
    if "follow_up" in f:
        if (follow_up := r.choices(f["follow_up"], f"{what} follow_up", FOLLOW_UP)) is None:
            unreadable = True
        else:
            extra["follow_up"] = follow_up
    if "conduct" in f:
        if (conduct := r.choices(f["conduct"], f"{what} conduct", CONDUCT)) is None:
            unreadable = True
        else:
            extra["conduct"] = conduct
    if "boundary" in f:
        if (boundary := r.choice(f["boundary"], f"{what} boundary", BOUNDARY)) is None:
            unreadable = True
        else:
            extra["boundary"] = boundary
    for key in _CHOICE_FLAGS:
        if key in f:
            if (flag := r.boolean(f[key], f"{what} {key}")) is None:
                unreadable = True
            else:
                extra[key] = flag
    if "escalate" in f:
        if (escalation := _escalate(r, f["escalate"], f"{what} escalate")) is None:
            unreadable = True
        else:
            extra["escalate"], extra["security"] = escalation
    if "minutes" in f:
        if (minutes := r.number(f["minutes"], f"{what} minutes", 0, 100_000)) is None:
            unreadable = True
        else:
            extra["minutes"] = minutes
    if "check_in_hours" in f:
        if (hours := r.number(f["check_in_hours"], f"{what} check_in_hours", 0, 8760)) is None:
            unreadable = True
        else:
            extra["check_in_hours"] = hours
    if "reply" in f:
        if (reply := ctx.text(f["reply"], f"{what} reply")) is None:
            unreadable = True
        else:
            extra["reply"] = reply
    if "reply_mood" in f:
        if (mood := r.choice(f["reply_mood"], f"{what} reply_mood", MOODS)) is None:
            unreadable = True
        elif "reply" not in f:
            r.error(
                f["reply_mood"], f"{what} has reply_mood but no reply; write the reply it goes with"
            )
        else:
            extra["reply_mood"] = mood
    if "feedback" in f:
        if (feedback := ctx.text(f["feedback"], f"{what} feedback")) is None:
            unreadable = True
        else:
            extra["feedback"] = feedback
    if "pin" in f:
        if (pin := r.choice(f["pin"], f"{what} pin", PIN)) is None:
            unreadable = True
        else:
            extra["pin"] = pin
    if "offer" in f:
        onode = f["offer"]
        ids: list[str] = []
        for item in [onode] if onode.is_scalar else r.sequence(onode, f"{what} offer") or []:
            rid = r.slug(item, f"{what} offer", strict=False)
            if rid is None:
                continue
            if rid not in remedy_ids:
                r.error(
                    item,
                    f"{what} offers remedy '{rid}', which is not in remedies"
                    f"{did_you_mean(rid, remedy_ids)}",
                )
            else:
                ids.append(rid)
        extra["offer"] = tuple(ids)
    if len(r.out.errors) > before or cid is None or text is None or nxt is None or unreadable:
        return None
    return Choice(id=str(cid), text=text, next=str(nxt), pos=_pos(r.out, node), **extra)


def _check_reaches_end(
    ctx: _Context, start: str, beats: dict[str, Beat], start_node: YNode | None
) -> None:
    """Error when no path leads from start to end (unreachable beats are lint's business)."""
    seen = {start}
    todo = [start]
    while todo:
        beat = beats[todo.pop()]
        for target in beat.successors():
            if target == END:
                return
            if target not in seen and target in beats:
                seen.add(target)
                todo.append(target)
    where = start_node if start_node is not None else None
    line, col = (where.line, where.col) if where else (1, 1)
    ctx.r.out.error(
        line,
        col,
        f"no path leads from start '{start}' to end: every route loops "
        "or stops; give some choice next: end",
    )
