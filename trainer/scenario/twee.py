"""Twee 3 (the text form of a Twine story) to a scenario skeleton: passages become beats, links
become choices, the start passage comes from StoryData, and story-format code (SugarCube
``<<macros>>``, Harlowe ``(macros:)``, Chapbook modifiers and inserts, Snowman ``<% %>``,
scripts) is kept as comments and reported, passage and line. The skeleton always validates:
a passage with no way out gets a choice that ends the conversation.

Pure text in, text out: the caller reads and writes the files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .model import END

#: passages that hold story-format code or metadata, not a moment of the story
SPECIAL_NAMES = frozenset(
    {
        "StoryTitle",
        "StoryData",
        "StoryAuthor",
        "StorySubtitle",
        "StorySettings",
        "StoryIncludes",
        "StoryInit",
        "StoryMenu",
        "StoryCaption",
        "StoryBanner",
        "StoryShare",
        "StoryInterface",
        "PassageReady",
        "PassageDone",
        "PassageHeader",
        "PassageFooter",
        "Story JavaScript",
        "Story Stylesheet",
    }
)
SPECIAL_TAGS = frozenset(
    {
        "script",
        "stylesheet",
        "widget",
        "header",
        "footer",
        "startup",
        "debug-header",
        "debug-footer",
        "debug-startup",
        "init",
        "annotation",
        "Twine.image",
        "Twine.audio",
        "Twine.video",
        "Twine.vtt",
    }
)


@dataclass(frozen=True)
class Passage:
    name: str
    tags: tuple[str, ...]
    metadata: dict[str, Any]
    text: str
    line: int  # the header's line (1-based)

    @property
    def special(self) -> bool:
        return self.name in SPECIAL_NAMES or bool(set(self.tags) & SPECIAL_TAGS)


@dataclass(frozen=True)
class Link:
    text: str
    target: str
    line: int
    col: int
    setter: str = ""
    external: bool = False


@dataclass
class Story:
    title: str
    data: dict[str, Any]
    passages: list[Passage]
    warnings: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def format(self) -> str:
        name = str(self.data.get("format") or "")
        version = str(self.data.get("format-version") or self.data.get("formatVersion") or "")
        return f"{name} {version}".strip()


# -- reading Twee -------------------------------------------------------------------------------

_HEADER = re.compile(r"^::(.*)$")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _header(rest: str) -> tuple[str, tuple[str, ...], str]:
    """Split ``Name [tags] {metadata}`` (with backslash escapes in the name)."""
    rest = rest.strip()
    name_end = len(rest)
    i = 0
    while i < len(rest):
        if rest[i] == "\\":
            i += 2
            continue
        if rest[i] in "[{":
            name_end = i
            break
        i += 1
    name = _unescape(rest[:name_end]).strip()
    tail = rest[name_end:].strip()
    tags: tuple[str, ...] = ()
    if tail.startswith("["):
        close = tail.find("]")
        if close != -1:
            tags = tuple(tail[1:close].split())
            tail = tail[close + 1 :].strip()
    return name, tags, tail


def parse(text: str) -> Story:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    warnings: list[tuple[int, int, str]] = []
    chunks: list[tuple[int, str, list[str]]] = []  # header line, header rest, body lines
    for number, line in enumerate(lines, 1):
        match = _HEADER.match(line)
        if match:
            chunks.append((number, match.group(1), []))
        elif chunks:
            chunks[-1][2].append(line)
        elif line.strip():
            warnings.append((number, 1, "text before the first passage (:: Name) is ignored"))
    passages: list[Passage] = []
    seen: dict[str, int] = {}
    for number, rest, body in chunks:
        name, tags, meta_text = _header(rest)
        metadata: dict[str, Any] = {}
        if meta_text:
            try:
                loaded = json.loads(meta_text)
                metadata = loaded if isinstance(loaded, dict) else {}
            except ValueError:
                warnings.append((number, 1, f"passage '{name}': its metadata is not JSON; ignored"))
        if not name:
            warnings.append((number, 1, "a passage without a name is ignored"))
            continue
        if name in seen:
            warnings.append(
                (
                    number,
                    1,
                    f"passage '{name}' is defined twice (first at line {seen[name]}); "
                    "the second is ignored",
                )
            )
            continue
        seen[name] = number
        while body and not body[-1].strip():
            body.pop()
        passages.append(Passage(name, tags, metadata, "\n".join(body), number))
    title = ""
    data: dict[str, Any] = {}
    for passage in passages:
        if passage.name == "StoryTitle":
            title = " ".join(passage.text.split())
        elif passage.name == "StoryData":
            try:
                loaded = json.loads(passage.text or "{}")
                data = loaded if isinstance(loaded, dict) else {}
                if not isinstance(loaded, dict):
                    raise ValueError
            except ValueError:
                warnings.append(
                    (
                        passage.line,
                        1,
                        "StoryData is not a JSON object; the start passage is "
                        "taken from a passage named Start, else the first one",
                    )
                )
    return Story(title, data, passages, warnings)


# -- links and story-format code ------------------------------------------------------------------

_COMMENTS = re.compile(r"/\*.*?\*/|<!--.*?-->|/%.*?%/", re.S)
_CODE = re.compile(r"<<.*?>>|<%.*?%>|<script\b.*?</script\s*>|<style\b.*?</style\s*>", re.S | re.I)
_LINK = re.compile(r"\[\[([^\n]*?)\]\]")
_EXTERNAL = re.compile(r"^[a-z][\w+.-]*:(//|[^\s]*@)", re.I)


def _blank(match: re.Match[str]) -> str:
    """The same length in spaces, keeping the newlines (so lines and columns stay)."""
    return re.sub(r"[^\n]", " ", match.group(0))


def _position(text: str, index: int, first_line: int) -> tuple[int, int]:
    line = text.count("\n", 0, index)
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return first_line + line, col


def links(passage: Passage) -> list[Link]:
    """The passage's links, outside comments and story-format code, as Twine reads them:
    ``[[text|target]]``, ``[[text->target]]``, ``[[target<-text]]``, ``[[target]]`` (a
    SugarCube setter ``][$x to 1]`` is set aside)."""
    body = _CODE.sub(_blank, _COMMENTS.sub(_blank, passage.text))
    out = []
    for match in _LINK.finditer(body):
        inner = match.group(1).lstrip("[")
        setter = ""
        if "][" in inner:
            inner, setter = inner.split("][", 1)
        if "->" in inner:
            text, target = inner.rsplit("->", 1)
        elif "<-" in inner:
            target, text = inner.split("<-", 1)
        elif "|" in inner:
            text, target = inner.split("|", 1)
        else:
            text = target = inner
        text, target = text.strip(), target.strip()
        line, col = _position(passage.text, match.start(), passage.line + 1)
        if not target:
            continue
        out.append(Link(text or target, target, line, col, setter, bool(_EXTERNAL.match(target))))
    return out


_HARLOWE = re.compile(r"\((?:[a-z][\w-]*):", re.I)
_CHAPBOOK_INSERT = re.compile(r"\{[a-z][^{}\n]*\}", re.I)
_CHAPBOOK_MODIFIER = re.compile(r"^[ \t]*\[[^\[\]\n]+\][ \t]*$", re.M)
_CHAPBOOK_VAR = re.compile(r"^\s*[\w.$]+(\s*\([^)]*\))?\s*:\s*\S")


def _harlowe_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _HARLOWE.finditer(text):
        depth = 0
        for end in range(match.start(), len(text)):
            if text[end] == "(":
                depth += 1
            elif text[end] == ")":
                depth -= 1
                if depth == 0:
                    spans.append((match.start(), end + 1))
                    break
    return spans


def _vars_section(text: str) -> int:
    """The length of a Chapbook vars section (``name: value`` lines, then ``--``), or 0."""
    lines = text.split("\n")
    if "--" not in [line.strip() for line in lines]:
        return 0
    end = [line.strip() for line in lines].index("--")
    if end == 0 or not all(_CHAPBOOK_VAR.match(line) for line in lines[:end] if line.strip()):
        return 0
    return len("\n".join(lines[: end + 1]))


def code(passage: Passage) -> list[tuple[int, int, str]]:
    """Story-format code in the passage: (line, column, the code, shortened)."""
    text = _COMMENTS.sub(_blank, passage.text)
    found: list[tuple[int, str]] = []
    vars_end = _vars_section(text)
    if vars_end:
        found.append((0, "Chapbook vars section: " + " ".join(text[:vars_end].split())))
    for pattern in (_CODE, _CHAPBOOK_INSERT, _CHAPBOOK_MODIFIER):
        for match in pattern.finditer(text, vars_end):
            found.append((match.start(), match.group(0).strip()))
    for start, end in _harlowe_spans(text):
        found.append((start, text[start:end]))
    out = []
    for index, snippet in sorted(found):
        line, col = _position(passage.text, index, passage.line + 1)
        one_line = " ".join(snippet.split())
        out.append((line, col, one_line if len(one_line) <= 70 else one_line[:69] + "…"))
    return out


def _link_words(match: re.Match[str]) -> str:
    inner = match.group(1).lstrip("[").split("][", 1)[0]
    if "->" in inner:
        return inner.rsplit("->", 1)[0]
    if "<-" in inner:
        return inner.split("<-", 1)[1]
    return inner.split("|", 1)[0]


def guess_format(story: Story) -> str:
    """The story format StoryData names, else the one its code looks like."""
    if story.format:
        return story.format
    text = "\n".join(p.text for p in story.passages)
    if "<<" in text and ">>" in text:
        return "SugarCube (by its code)"
    if "<%" in text:
        return "Snowman (by its code)"
    if any(_vars_section(p.text) for p in story.passages) or _CHAPBOOK_INSERT.search(text):
        return "Chapbook (by its code)"
    if _HARLOWE.search(text):
        return "Harlowe (by its code)"
    return "not named"


def prose(passage: Passage) -> str:
    """What the passage says once links, code and markup are taken out."""
    text = _COMMENTS.sub(" ", passage.text)
    vars_end = _vars_section(text)
    text = text[vars_end:]
    text = _CODE.sub(" ", text)
    spans = _harlowe_spans(text)
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    text = _LINK.sub(_link_words, text)
    text = _CHAPBOOK_MODIFIER.sub(" ", text)
    text = _CHAPBOOK_INSERT.sub(" ", text)
    text = re.sub(r"<[^>\n]*>", " ", text)  # HTML tags
    text = re.sub(r"\|[\w-]+>|<[\w-]+\|", " ", text)  # Harlowe hook names
    text = text.replace("[", " ").replace("]", " ")
    text = re.sub(r"''|//|\*\*|~~|\^\^", "", text)
    return " ".join(text.replace("\u2028", " ").replace("\u2029", " ").split())


# -- to a scenario ------------------------------------------------------------------------------


#: words YAML 1.1 reads as a boolean or nothing: an id must not be one of them
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def slug(text: str, fallback: str) -> str:
    """An id from a name: lower-case letters, digits and hyphens, never read by YAML as a
    number or a boolean (``1`` becomes ``p-1``), never ``end``."""
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48].strip("-")
    if not out:
        return fallback
    if out[0].isdigit() or out in _YAML_WORDS:
        return f"{fallback[0]}-{out}"
    return out


def _unique(base: str, taken: set[str]) -> str:
    name, n = base, 2
    while name in taken:
        name = f"{base}-{n}"
        n += 1
    taken.add(name)
    return name


def _q(text: str) -> str:
    """A YAML double-quoted scalar; control and line-separator characters are escaped, so
    the file stays plain text."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(
        f"\\u{ord(ch):04x}" if (not ch.isprintable() and ch != " ") else ch for ch in quoted
    )


@dataclass(frozen=True)
class Converted:
    yaml: str
    warnings: tuple[tuple[int, int, str], ...]
    beats: int
    choices: int


def convert(story: Story, scenario_id: str, source: str, locale: str = "en") -> Converted:
    """The scenario skeleton for ``story``; raises ValueError if it has no story passage."""
    warnings = list(story.warnings)
    passages = [p for p in story.passages if not p.special]
    left_out = [
        p.name for p in story.passages if p.special and p.name not in ("StoryTitle", "StoryData")
    ]
    if not story.passages:
        raise ValueError("this is not a Twee story: it has no passage (a line ':: Name')")
    if not passages:
        line = story.passages[0].line
        warnings.append(
            (
                line,
                1,
                "the story has no passage of its own (only StoryTitle, StoryData and "
                "code): the scenario starts with one empty beat",
            )
        )
        passages = [Passage("Start", (), {}, "", line)]
    taken: set[str] = {END}
    ids = {p.name: _unique(slug(p.name, "passage"), taken) for p in passages}
    start = _start(story, passages, warnings)
    converted: dict[str, list[tuple[str, str, str]]] = {}  # beat -> (choice id, text, next)
    for passage in passages:
        beat_choices: list[tuple[str, str, str]] = []
        choice_ids: set[str] = set()
        for link in links(passage):
            if link.external:
                warnings.append(
                    (
                        link.line,
                        link.col,
                        f"passage '{passage.name}': the link to {link.target} "
                        "leaves the story; it is not a choice",
                    )
                )
                continue
            if link.setter:
                warnings.append(
                    (
                        link.line,
                        link.col,
                        f"passage '{passage.name}': the link's setter "
                        f"[{link.setter}] is story-format code; kept in the comment",
                    )
                )
            target = ids.get(link.target)
            if target is None:
                warnings.append(
                    (
                        link.line,
                        link.col,
                        f"passage '{passage.name}': the link to '{link.target}' "
                        "names no story passage; the choice ends the conversation",
                    )
                )
                target = END
            cid = _unique(slug(link.text, "choice"), choice_ids)
            beat_choices.append((cid, link.text, target))
        converted[ids[passage.name]] = beat_choices
        for line, col, snippet in code(passage):
            warnings.append(
                (
                    line,
                    col,
                    f"passage '{passage.name}': story-format code kept as a comment: {snippet}",
                )
            )
    # Every beat needs a way to the end: passages with no way out end the conversation, and so
    # may any beat in a loop with no exit.
    for choices in converted.values():
        if not choices:
            choices.append(("end-here", "(End the conversation here.)", END))
    ends = _reaching_end(converted)
    for beat_id, choices in converted.items():
        if beat_id not in ends:
            cid = _unique("end-here", {c[0] for c in choices})
            choices.append((cid, "(End the conversation here.)", END))
    return Converted(
        _yaml(story, scenario_id, source, locale, passages, ids, ids[start], converted, left_out),
        tuple(sorted(warnings)),
        len(converted),
        sum(len(c) for c in converted.values()),
    )


def _start(story: Story, passages: list[Passage], warnings: list[tuple[int, int, str]]) -> str:
    names = {p.name for p in passages}
    wanted = story.data.get("start")
    if isinstance(wanted, str) and wanted:
        if wanted in names:
            return wanted
        line = next((p.line for p in story.passages if p.name == "StoryData"), 1)
        warnings.append(
            (
                line,
                1,
                f"StoryData names start passage '{wanted}', which is not a story passage; "
                "using " + ("'Start'" if "Start" in names else f"'{passages[0].name}'"),
            )
        )
    return "Start" if "Start" in names else passages[0].name


def _reaching_end(converted: dict[str, list[tuple[str, str, str]]]) -> set[str]:
    good: set[str] = set()
    changed = True
    while changed:
        changed = False
        for beat_id, choices in converted.items():
            if beat_id not in good and any(n == END or n in good for _, _, n in choices):
                good.add(beat_id)
                changed = True
    return good


def _comment(text: str, indent: str) -> list[str]:
    lines = []
    for line in text.expandtabs(2).split("\n"):
        clean = "".join(ch if ch.isprintable() else " " for ch in line).rstrip()
        lines.append(f"{indent}#   {clean}" if clean else f"{indent}#")
    return lines


def _yaml(
    story: Story,
    scenario_id: str,
    source: str,
    locale: str,
    passages: list[Passage],
    ids: dict[str, str],
    start: str,
    converted: dict[str, list[tuple[str, str, str]]],
    left_out: list[str],
) -> str:
    title = story.title or scenario_id.replace("-", " ").capitalize()
    fmt = guess_format(story)
    out = [
        "# yaml-language-server: $schema=trainer.schema.json",
        f"# Imported from a Twine story (Twee 3): {_comment_safe(source)}, story format {fmt}.",
        "# Passages became beats and links became choices; each beat keeps its passage as a",
        "# comment. Still to do (trainer lint shows where):",
        "#   - the failure, authority, customer and remedies are placeholders: write yours;",
        "#   - make the customer's words the say of each beat, the trainee's the choices;",
        "#   - tag the choices (apology, listen, offer, follow_up...) so the rubric can score",
        "#     them, and add a beat with menu: true where the trainee offers remedies.",
    ]
    if left_out:
        out.append(
            "# Left out (story-format code, not moments of the story): "
            + _comment_safe(", ".join(left_out))
        )
    out += [
        "",
        "format: 1",
        f"id: {scenario_id}",
        "version: 1",
        f"title: {{{locale}: {_q(title)}}}",
        'industry: "general"            # TODO: hotel, bank, clinic...',
        "difficulty: 2",
        "tags: [imported, twine]",
        f"locales: [{locale}]",
        "",
        "failure:                       # TODO: what went wrong",
        f"  summary: {{{locale}: {_q('Describe the service failure here.')}}}",
        "  severity: 2",
        "  value: 50",
        "  losses: [time]",
        "  fault: ours",
        "  visible: true",
        "",
        "authority: {budget: 50, currency: USD, manager: true}",
        "",
        "customer:",
        "  persona: reasonable",
        '  name: "the customer"',
        "  needs: [fix]",
        "",
        "remedies:                      # TODO: the remedies the trainee may offer",
        "  - id: fix-it",
        f"    label: {{{locale}: {_q('Put it right')}}}",
        "    cost: 0",
        "    restores: [time]",
        "    fixes: true",
        "  - id: manager",
        f"    label: {{{locale}: {_q('Call a manager')}}}",
        "    escalate: true",
        "",
        f"start: {start}",
        "beats:",
    ]
    for passage in passages:
        beat_id = ids[passage.name]
        out.append(f"  {beat_id}:")
        out.append(f"    # Twee passage {_comment_safe(repr(passage.name))} (line {passage.line}):")
        out += _comment(passage.text, "    ") if passage.text.strip() else ["    #   (empty)"]
        words = prose(passage) or "(Write what the customer says here.)"
        out.append(f"    say: {{{locale}: {_q(words)}}}")
        out.append("    choices:")
        for cid, text, target in converted[beat_id]:
            out.append(f"      - id: {cid}")
            out.append(f"        text: {{{locale}: {_q(text or cid)}}}")
            out.append(f"        next: {target}")
    return "\n".join(out) + "\n"


def _comment_safe(text: str) -> str:
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
