"""The skeleton ``trainer new`` writes: a complete, valid, lint-clean scenario and its model
script, with comments that teach the format as they are read from top to bottom.

Pure text: the caller decides where it goes. Languages other than the first get a visible
placeholder (``[vi] ...``) so the file is complete and plays in every language at once, and the
translation workflow (``trainer i18n``) counts each placeholder as not yet translated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .model import APOLOGY_BAD, APOLOGY_GOOD, FAULTS, FOLLOW_UP, LISTEN, LOSSES, NEEDS

SCHEMA_FILE = "trainer.schema.json"


def placeholder(locale: str, text: str) -> str:
    """The stand-in for ``text`` in a language it has not been translated into yet."""
    return f"[{locale}] {text}"


def is_placeholder(locale: str, text: str) -> bool:
    return text.startswith(f"[{locale}] ")


@dataclass(frozen=True)
class Skeleton:
    """What the trainer chose (or the defaults)."""

    id: str
    title: str
    industry: str
    persona: str = "reasonable"
    locales: tuple[str, ...] = ("en",)
    difficulty: int = 2
    patience_s: float = 20.0  # the persona's patience: the decision target stays below it


def default_title(scenario_id: str) -> str:
    words = scenario_id.replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else scenario_id


def default_industry(scenario_id: str) -> str:
    return scenario_id.split("-")[0] or "general"


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


class _Writer:
    def __init__(self, locales: tuple[str, ...]) -> None:
        self.locales = locales
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def text(self, indent: int, key: str, words: str, comment: str = "") -> None:
        """A text field, one line per locale: the words in the first, placeholders after."""
        pad = " " * indent
        self.lines.append(f"{pad}{key}:" + (f"  # {comment}" if comment else ""))
        for index, locale in enumerate(self.locales):
            value = words if index == 0 and locale == "en" else placeholder(locale, words)
            self.lines.append(f"{pad}  {locale}: {_q(value)}")

    def result(self) -> str:
        return "\n".join(_align(line) for line in self.lines) + "\n"


COMMENT_COLUMN = 32


def _align(line: str) -> str:
    """Line a trailing comment up at :data:`COMMENT_COLUMN` (a ``#`` inside quotes is text)."""
    if line.lstrip().startswith("#"):
        return line
    quoted = escaped = False
    for index, char in enumerate(line):
        if escaped:
            escaped = False
        elif char == "\\" and quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "#" and not quoted and index and line[index - 1] == " ":
            code = line[:index].rstrip()
            return f"{code:<{COMMENT_COLUMN - 1}} {line[index:]}"
    return line


def _list(words: tuple[str, ...]) -> str:
    return ", ".join(words)


def scenario_text(s: Skeleton, schema_path: str = SCHEMA_FILE) -> str:
    """The scenario file."""
    decide = min(10.0, s.patience_s)
    decide_text = f"{decide:g}"
    w = _Writer(s.locales)
    w.add(
        f"# yaml-language-server: $schema={schema_path}",
        "# A scenario: one service failure, one customer, and the conversation that follows.",
        "# Edit the words and the numbers; keep the shape. Check your work as you go:",
        f"#   trainer validate {s.id}.yaml     (mistakes, with their line and what to do)",
        f"#   trainer lint {s.id}.yaml         (valid but probably wrong)",
        f"#   trainer graph {s.id}.yaml --format html --out {s.id}.html   (a picture of the beats)",
        f"#   trainer run {s.id}.yaml --script scripts/{s.id}.yaml   (play the model answer)",
        "# An editor with the YAML extension completes keys and explains them on hover",
        f"# (it reads the schema named on the first line: trainer schema --out {SCHEMA_FILE}).",
        "",
        "format: 1",
        f"id: {s.id}                 # lower-case letters, digits, hyphens; the file's name",
        "version: 1                    # bump it when you change the content",
    )
    w.text(0, "title", s.title, "what trainees see in the list")
    w.add(
        f"industry: {_q(s.industry)}             # free text, for filtering",
        f"difficulty: {s.difficulty}                 # 1 (day one) .. 5 (senior staff)",
        f"tags: [{s.industry and _slugish(s.industry)}]",
        f"locales: [{_list(s.locales)}] # "
        + (
            "the first is the fallback; the others start as [xx] placeholders"
            if len(s.locales) > 1
            else "languages covered; the first is the fallback"
        ),
        "",
        "failure:",
    )
    w.text(2, "summary", "A guest's booked room was not ready at check-in.", "what went wrong")
    w.add(
        "  severity: 2                 # 1 trivial .. 5 critical",
        "  value: 60                   # what the loss is worth to the customer, in the currency",
        "  losses: [time, comfort]     # any of: " + _list(LOSSES),
        "  fault: ours                 # " + " | ".join(FAULTS),
        "  visible: true               # false: the customer will not complain unless approached",
        "",
        "authority:",
        "  budget: 100                 # what the trainee may spend without asking anyone",
        "  currency: USD",
        "  manager: true               # a manager can be called",
        "",
        "timing:",
        f"  decide_s: {decide_text:<18}# target seconds per decision (at most the persona's "
        "patience)",
        "  acknowledge_min: 2          # target minutes to acknowledge the failure",
        "  resolve_min: 20             # target minutes to resolve it",
        "",
        "customer:",
        f"  persona: {s.persona:<19}# how the customer reacts: a file in personas/ or a "
        "bundled one",
        '  name: "Ms. Rivera"',
        "  needs: [fix, acknowledgment] # any of: " + _list(NEEDS),
        "",
        "# The menu the trainee offers from at a beat with menu: true.",
        "remedies:",
        "  - id: fix-it",
    )
    w.text(4, "label", "Give you a ready room now and carry your bags up")
    w.add(
        "    cost: 0                   # to the business",
        "    minutes: 10               # in-world time it takes",
        "    restores: [time, comfort] # the losses it makes good",
        "    fixes: true               # it solves the problem itself",
        "  - id: drink-voucher",
    )
    w.text(4, "label", "A drink at the bar while you wait")
    w.add(
        "    cost: 8",
        "    restores: [comfort]",
        "  - id: free-night",
    )
    w.text(4, "label", "Your whole stay for free")
    w.add(
        "    cost: 600                 # above the budget: offering it alone exceeds authority",
        "    restores: [time, comfort]",
        "  - id: manager",
    )
    w.text(4, "label", "Call the duty manager")
    w.add(
        "    escalate: true            # a hand-over, not a remedy",
        "    minutes: 5",
        "",
        "start: arrival",
        "beats:",
        "  arrival:",
    )
    w.text(4, "say", "I booked this room weeks ago and it's still not ready?")
    w.add(
        "    cues: [frown, tapping-foot]   # body language shown beside the words",
        f"    patience_s: {decide * 2:g}            # seconds before the customer reacts to "
        "silence",
        "    on_timeout: upset              # ...and where the conversation goes then",
        "    choices:",
        "      - id: own-it",
    )
    w.text(
        8,
        "text",
        "I'm so sorry. Housekeeping ran late, and we should have had your room ready: "
        "that's our mistake, and I'll put it right straight away.",
    )
    w.add(
        "        apology: [regret, explanation, responsibility, repair]  # good: "
        + _list(APOLOGY_GOOD),
        "        empathy: true",
        "        next: needs",
        "      - id: blame-housekeeping",
    )
    # Write mistakes a new hire would really make, as long and as polite as the best answer:
    # lint warns when the best choice can be spotted by its length or its words alone.
    w.text(
        8,
        "text",
        "I do apologise for the wait. Housekeeping is running very late today, so it's out of "
        "the front desk's hands, but I'm sure they'll be done with your room very soon.",
    )
    w.add("        apology: [regret, deflect]    # poor: " + _list(APOLOGY_BAD))
    w.text(8, "feedback", "Blaming a colleague tells the guest nobody owns the problem.")
    w.add(
        "        next: upset",
        "",
        "  upset:                              # a second chance after a poor start",
    )
    w.text(4, "say", "So nobody is responsible? I've been travelling all day.")
    w.add("    choices:", "      - id: own-it-now")
    w.text(8, "text", "You're right, I'm sorry. It's our job to have it ready. Let me fix it.")
    w.add(
        "        apology: [regret, responsibility, repair]",
        "        next: needs",
        "      - id: argue",
    )
    w.text(8, "text", "I understand, but check-in is at three o'clock, and it's only ten past now.")
    w.add("        apology: [argue]")
    w.text(8, "feedback", "Quoting the rules back at a tired guest turns a delay into a dispute.")
    w.add(
        "        next: needs",
        "",
        "  needs:",
    )
    w.text(4, "say", "I have a call in an hour and I need to freshen up.")
    w.add("    choices:", "      - id: ask")
    w.text(8, "text", "What would help you most right now, so I sort out the right thing?")
    w.add(
        "        listen: open                  # " + " | ".join(LISTEN),
        "        reveals: [fix]                # needs the answer brings to light",
        "        next: offer",
        "      - id: jump-in",
    )
    w.text(8, "text", "Let me get you a drink voucher for the bar while you wait for it.")
    w.add("        listen: interrupt")
    w.text(8, "feedback", "Offering something before asking what she needs guesses wrong.")
    w.add(
        "        next: offer",
        "",
        "  offer:",
    )
    w.text(4, "say", "So what can you do?")
    w.add(
        "    menu: true                        # the trainee picks remedies from the menu",
        "    next: close",
        "",
        "  close:",
    )
    w.text(4, "say", "Fine, thank you.")
    w.add("    choices:", "      - id: follow-up")
    w.text(
        8,
        "text",
        "Thank you for telling me. I've logged it so rooms are checked earlier, "
        "and I'll call you at six to make sure all is well.",
    )
    w.add(
        "        apology: [repentance]         # it will not happen again",
        "        follow_up: [thanks, log, prevention, check-in]  # any of: " + _list(FOLLOW_UP),
        "        check_in_hours: 3",
        "        next: end                     # end: the encounter is over",
        "      - id: nothing",
    )
    w.text(
        8,
        "text",
        "Thanks so much for your patience today. Enjoy the rest of your stay with us, and do "
        "let us know if anything else comes up.",
    )
    w.add("        follow_up: [thanks]")
    w.text(8, "feedback", "Thanks alone never tell the guest that it won't happen again.")
    w.add("        next: end")
    return w.result()


def _slugish(words: str) -> str:
    out = "".join(ch if ch.isalnum() else "-" for ch in words.lower()).strip("-")
    return out or "general"


def script_text(s: Skeleton, schema_path: str = f"../{SCHEMA_FILE}") -> str:
    """The model script: the best-practice path through the skeleton, for ``trainer run``."""
    after = min(10.0, s.patience_s) / 2
    return (
        "\n".join(
            [
                f"# yaml-language-server: $schema={schema_path}",
                f"# The model answer for {s.id}: trainer run {s.id}.yaml --script "
                f"scripts/{s.id}.yaml",
                "# One step per decision: choose a choice id, or offer remedy ids at a menu;",
                "# after: the seconds the decision took.",
                "seed: 1",
                "steps:",
                f"  - choose: own-it\n    after: {after:g}",
                f"  - choose: ask\n    after: {after:g}",
                f"  - offer: [fix-it]\n    after: {after:g}",
                f"  - choose: follow-up\n    after: {after:g}",
            ]
        )
        + "\n"
    )
