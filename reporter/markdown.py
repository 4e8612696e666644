"""Ticket-ready Markdown (GitHub / GitLab flavoured) for one run.

This module owns the Markdown report. Its first screen answers the ticket: the line
that made the errno (the trail's origin when the run heads a chain, else the top
candidate), the branch condition that led there with its values decimal first
(``reporter.values.readable``), the source around that line, and the command to run
next (or why there is none). Then the trail, the run's note, the other candidates,
each path's annotated source and a table of variable changes (file names shortened to
the shortest unique suffix), and the run facts and warnings in a collapsible
``<details>``. Others call ``render_markdown(view, max_chars=..., note=...)`` with a
``reporter.views.ReportView`` and the run's ``--note`` text (``Run.note``: the view
holds it only as HTML), and the escaping helpers (``inline``, ``code_span``,
``fenced``, ``cell``).

Code blocks hold only ASCII of their own: line marks (``>`` ran, ``*`` candidate,
``!`` never probed, ``<`` exit), the ``|`` between gutter and source, ``...`` for
hidden lines and cut text, so that they survive any renderer, font and copy-paste.

Trace text is attacker-influenced. Here it never becomes Markdown structure or HTML:
plain text has every ASCII punctuation character backslash-escaped (CommonMark allows
escaping any of them, so ``<script>`` stays text and ``|`` cannot end a table cell);
code spans and fences use more backticks than the longest run inside; table cells
escape ``|`` (GFM reads ``\\|`` inside a code span in a table as ``|``); control
characters and newlines were already made visible by ``reporter.views.display_text``.
The only raw HTML in the output is this module's own ``<details>``/``<summary>``.

Size: the whole text stays within ``max_chars`` (GitHub's issue body limit is 65536)
by rendering at increasing trim levels (``LEVELS``), dropping the least important
parts first (warnings, other paths, variable-change rows, context lines, other
candidates, the paths' source, the run facts, long texts), and saying what was
trimmed. The verdict, its condition and the next-step command are kept at every level
(the command is never cut: a cut command would run something else).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from collector.errors import ErrtrailError
from reporter.values import readable
from reporter.views import (
    CandidateView,
    FileView,
    LineView,
    PathView,
    ReportView,
    TrailLevelView,
    TrailView,
    code_parts,
    display_text,
    shorten,
)

DEFAULT_MAX_CHARS = 60000
# Characters with inline meaning in GFM, GitHub's math (``$``) and mentions (``@``);
# the others only matter at the start of a line (see ``inline``).
_PUNCT = re.compile(r"([\\`*_\[\]<>&|~!#$@])")
_LEADING = re.compile(r"([-+=]|\d+(?=[.)]))")
_BACKTICKS = re.compile(r"`+")

# Marks in the gutter of a code block, and what the legend says of each: ASCII only.
MARK_CAND = "*"
MARK_EXEC = ">"
MARK_EXIT = "<"
MARK_UNPROBED = "!"
MARK_LEGEND = (
    (MARK_EXEC, "ran, at the step numbers beside it"),
    (MARK_CAND, "candidate"),
    (MARK_UNPROBED, "never probed"),
    (MARK_EXIT, "exit"),
)
GUTTER_SEP = "|"
GAP_ROW = "..."
ASCII_ELLIPSIS = "..."

# Sizes of what a reader sees, in characters (the HTML report shows everything whole).
# The step numbers beside a line (a loop line lists its first visits, then how many
# there were in all).
STEPS_CELL_CHARS = 24
# A source line in a code block: wider would scroll sideways in a ticket at 1400 px.
CODE_LINE_CHARS = 120
# A value in the variable-change table (structs can print kilobytes).
VALUE_CELL_CHARS = 64
# Source lines shown above and below the culprit line on the first screen.
AROUND_CULPRIT = 3

# Candidate kinds whose line makes the value itself: nothing below it to trace.
_MAKES_VALUE = frozenset({"errno-constant", "errno-assignment", "macro-return", "switch-case"})
_NO_NEXT_STEP = {
    "errno-callee": "a library call failed and set errno; its cause is outside the"
    " traced code.",
    **{k: "this line makes the value itself." for k in _MAKES_VALUE},
}
_NO_NEXT_STEP_DEFAULT = "errtrail names no function to trace below this line."
_NO_NEXT_STEP_NO_SOURCE = (
    "without the line's source errtrail cannot name the function to trace next (see the"
    " notes below)."
)


class MarkdownError(ErrtrailError):
    """The report cannot be written within the limits asked for."""


def inline(text: str, *, leading: bool = True) -> str:
    """Plain text safe anywhere in Markdown, tables included: characters with inline
    meaning backslash-escaped (CommonMark allows escaping any ASCII punctuation), a
    leading list or heading marker escaped (``leading``: the text may start a block),
    line breaks made spaces.

    >>> inline("<script>a|b</script> `x` *y* $v @me")
    '\\\\<script\\\\>a\\\\|b\\\\</script\\\\> \\\\`x\\\\` \\\\*y\\\\* \\\\$v \\\\@me'
    >>> inline("- item"), inline("12. item"), inline("3) x")
    ('\\\\- item', '12\\\\. item', '3\\\\) x')
    """
    out = _PUNCT.sub(r"\\\1", text.replace("\r", " ").replace("\n", " "))
    m = _LEADING.match(out) if leading else None
    if m is not None:
        end = m.end()
        out = "\\" + out if m.group(1)[0] in "-+=" else out[:end] + "\\" + out[end:]
    return out


def code_span(text: str, *, in_table: bool = False) -> str:
    """``text`` as one code span: delimited by more backticks than any run inside,
    padded when it starts or ends with a backtick; ``|`` escaped inside tables.

    >>> code_span("a"), code_span("x ``y`` z"), code_span("`q"), code_span("a|b", in_table=True)
    ('`a`', '```x ``y`` z```', '`` `q ``', '`a\\\\|b`')
    """
    text = text.replace("\r", " ").replace("\n", " ")
    if not text:
        return "` `"
    longest = max((len(m) for m in _BACKTICKS.findall(text)), default=0)
    ticks = "`" * (longest + 1)
    if in_table:
        text = text.replace("|", "\\|")
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) or not text else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def fenced(text: str, info: str = "") -> str:
    """A fenced code block holding ``text`` verbatim: the fence is longer than any
    backtick run inside, so no line of ``text`` can close it.

    >>> print(fenced("a\\n```\\nb", "c"))
    ````c
    a
    ```
    b
    ````
    """
    longest = max((len(m) for m in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}"


def cell(text: str) -> str:
    """Plain text for a table cell (see ``inline``; empty cells get a dash)."""
    return inline(text, leading=False) if text else "-"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A GFM table; cells must already be escaped (``cell``/``code_span``)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def ascii_cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending in ``...`` (for code blocks).

    >>> ascii_cut("abcdefgh", 6), ascii_cut("abc", 6)
    ('abc...', 'abc')
    """
    if len(text) <= limit:
        return text
    return text[: max(limit - len(ASCII_ELLIPSIS), 0)] + ASCII_ELLIPSIS


_NUMBERS = re.compile(r"(-?\d+) \((0x[0-9a-fA-F]+)\)|(?<![\w.])(0x[0-9a-fA-F]+)\b")


def readable_text(text: str) -> str:
    """Numbers in a diagnosis sentence as ``reporter.values.readable`` writes them: a
    sign-extended negative with its 32-bit hex, a bare hex count in decimal first;
    addresses, and masks shown with their hex, as they were.

    >>> readable_text("err = -22 (0xffffffffffffffea), mtu = 0x2400, p = 0x7ffe2b9c1d10")
    'err = -22 (0xffffffea), mtu = 9216 (0x2400), p = 0x7ffe2b9c1d10'
    >>> readable_text("mask = 5 (0x5), n = 262145 (0x40001)")
    'mask = 5 (0x5), n = 262145 (0x40001)'
    """
    def one(m: re.Match[str]) -> str:
        if m.group(3):
            return readable(m.group(3))
        better = readable(m.group(2))
        return better if better.startswith(m.group(1) + " (") else m.group(0)

    return _NUMBERS.sub(one, text)


def short_names(paths: Iterable[str]) -> dict[str, str]:
    """Each path's shortest suffix of whole components that no other path ends with
    (a path that is a suffix of another keeps all of itself).

    >>> short_names(["fs/open.c", "fs/demo/open.c", "kernel/events/core.c", "core.c"])
    {'core.c': 'core.c', 'fs/demo/open.c': 'demo/open.c', 'fs/open.c': 'fs/open.c', \
'kernel/events/core.c': 'events/core.c'}
    """
    unique = sorted(set(paths))
    parts = {p: p.split("/") for p in unique}
    out = {}
    for p in unique:
        mine = parts[p]
        for k in range(1, len(mine) + 1):
            tail = mine[-k:]
            if not any(q != p and parts[q][-k:] == tail for q in unique):
                break
        out[p] = "/".join(tail)
    return out


@dataclass(frozen=True)
class _Level:
    """What one trim level keeps (``None``: everything)."""

    name: str
    warnings: int | None = None
    other_paths: int | None = None
    change_rows: int | None = None
    context: bool = True  # keep unmarked context lines in the paths' source
    candidates: int | None = None
    excerpt: bool = True  # each path's annotated source
    text_limit: int | None = None
    unprobed: int | None = None
    # The run facts table (the run itself is still named above it).
    facts: bool = True
    # Each trail level's path, and how many levels are listed (the first and the last).
    trail_paths: bool = True
    trail_levels: int | None = None
    # Source lines around the culprit on the first screen.
    around: int = AROUND_CULPRIT
    # The verdict's reason: the answer, so cut only when nothing else is left. The
    # condition is cut only there too; the next-step command never.
    verdict_limit: int | None = None


_L1 = _Level("1", warnings=20, other_paths=10, change_rows=40, text_limit=2000, unprobed=50)
_L2 = replace(_L1, name="2", warnings=0, other_paths=5, change_rows=20, context=False,
              candidates=10, text_limit=1000, unprobed=20)
_L3 = replace(_L2, name="3", other_paths=0, change_rows=0, candidates=3, text_limit=500,
              unprobed=5, trail_paths=False)
_L4 = replace(_L3, name="4", candidates=1, excerpt=False, text_limit=300, unprobed=0,
              trail_levels=8)
_L5 = replace(_L4, name="5", candidates=0, text_limit=120, facts=False, trail_levels=4,
              around=1)
LEVELS = (_Level("full"), _L1, _L2, _L3, _L4, _L5,
          replace(_L5, name="6", around=0, verdict_limit=400))
_TRIM_NOTE = "<!-- trim-note -->"


@dataclass
class _Out:
    """One rendering at one trim level: what it trimmed and which texts it cut."""

    level: _Level
    trimmed: list[str] = field(default_factory=list)
    cuts: Counter[tuple[str, int]] = field(default_factory=Counter)

    def cut(self, text: str, what: str = "long text(s)", limit: int | None = None) -> str:
        """``text`` cut at ``limit`` (default: the level's), the cut counted."""
        limit = self.level.text_limit if limit is None else limit
        if limit is None or len(text) <= limit:
            return text
        self.cuts[(what, limit)] += 1
        return shorten(text, limit)

    def prose(self, parts: Sequence[tuple[str, bool]], *, verdict: bool = False,
              in_table: bool = False, numbers: bool = True) -> str:
        """Diagnosis text with its code parts (``reporter.views.code_parts``) as code
        spans, numbers readable (unless not ``numbers``: a user's own words), escaped;
        each part cut at the level's limit (the verdict's limit for the verdict's own
        sentences)."""
        limit = self.level.verdict_limit if verdict else self.level.text_limit
        what = "sentence(s) of the verdict" if verdict else "long text(s)"
        out = []
        for i, (text, is_code) in enumerate(parts):
            text = text if is_code or not numbers else readable_text(text)
            text = self.cut(text, what, limit) if limit else text
            out.append(code_span(text, in_table=in_table) if is_code
                       else inline(text, leading=i == 0))
        return "".join(out)

    def summary(self) -> list[str]:
        return self.trimmed + [f"{n} {what} cut to {limit} characters"
                               for (what, limit), n in self.cuts.items()]


def render_markdown(view: ReportView, *, max_chars: int = DEFAULT_MAX_CHARS,
                    note: str | None = None) -> str:
    """The Markdown report, at the first trim level that fits ``max_chars``; ``note``
    is the run's ``--note`` text (``Run.note``)."""
    for level in LEVELS:
        out = _Out(level)
        text = _render(view, out, note)
        trimmed = out.summary()
        if trimmed:
            text = text.replace(_TRIM_NOTE, _trim_note(view, max_chars, trimmed), 1)
        else:
            text = text.replace(_TRIM_NOTE + "\n\n", "", 1)
        if len(text) <= max_chars:
            return text
    need = len(text)
    if trimmed:
        # The trim note names the limit itself: the smallest limit that fits is the
        # one whose own digits make the text exactly that long.
        base = len(text) - len(str(max_chars))
        need = base + len(str(base))
        need = base + len(str(need))
    raise MarkdownError(
        f"the report needs at least {need} characters even with everything optional"
        f" trimmed; give --max-chars {need} or more"
    )


def _trim_note(view: ReportView, max_chars: int, trimmed: Sequence[str]) -> str:
    html = code_span(f"errtrail-report html {view.run_id}")
    return (f"_Trimmed to fit {max_chars} characters: {'; '.join(trimmed)}."
            f" The HTML report has everything: {html}._")


def _render(view: ReportView, out: _Out, note: str | None) -> str:
    v = view.verdict
    names = short_names(_paths_of(view))
    parts = [_heading(view, out), _TRIM_NOTE, *_first_screen(view, out)]
    if view.label:
        parts.append("**Label:** " + inline(out.cut(view.label), leading=False))
    if note and note.strip():
        parts.append(_note(note, out))
    if v.notes:
        parts.append("\n".join("- " + out.prose(n) for n in v.note_parts))
    parts.append(
        f"{v.invocations} matching invocation(s) over {v.paths} distinct path(s);"
        f" run {view.run_id} ({code_span(view.run_uuid[:8])}),"
        f" {inline(view.status, leading=False)},"
        f" {view.started_label} {inline(view.started_at, leading=False)}."
    )
    parts += _other_candidates(view, out, names)
    if view.paths:
        parts += _path_section(view.paths[0], len(view.paths), out, names)
        parts += _other_paths(view.paths[1:], out, names)
    parts.append(_details(view, out, names))
    parts.append(
        f"<sub>errtrail {inline(view.version, leading=False)}, generated"
        f" {inline(view.generated_at, leading=False)}</sub>"
    )
    return "\n\n".join(parts) + "\n"


def _paths_of(view: ReportView) -> list[str]:
    """Every file path the report names (for ``short_names``)."""
    out = [u.file for u in view.unprobed]
    for p in view.paths:
        out += [f.path for f in p.files]
        out += [s.ref.file for s in p.steps]
        out += [c.ref.file for c in p.candidates]
    return out


def _heading(view: ReportView, out: _Out) -> str:
    v = view.verdict
    if v.returned_raw:
        head = f"{v.function} returned {v.returned_raw}"
        if v.errno_name:
            head += f" {v.errno_name}"
        if v.errno_description:
            head += f" ({v.errno_description})"
    else:
        head = f"{v.function}: {v.no_path_reason}"
    return "## " + inline(out.cut(head))


# -- the first screen: the line, its condition, its source, the next step ------------


def _deepest(trail: TrailView | None) -> TrailLevelView | None:
    """The trail's last level with a verdict: the line the errno comes from."""
    if trail is None:
        return None
    return next((t for t in reversed(trail.levels) if t.where), None)


def _first_screen(view: ReportView, out: _Out) -> list[str]:
    """What a ticket's reader needs first, then the trail and, under a trail, the
    run's own verdict."""
    v, trail = view.verdict, view.trail
    origin = _deepest(trail)
    top = v.top
    parts: list[str] = []
    if origin is not None and trail is not None:
        parts += _origin_block(origin, trail.origin, out)
    elif top is not None:
        parts += _candidate_lines(top, out, condition=True)
        parts += _culprit_excerpt(view, top, out)
    if top is not None:
        parts.append(_next_step(top, trail, out))
    elif v.returned_raw:
        parts.append("No candidate line: see the notes below.")
    if trail is not None:
        parts.append(_trail(trail, out, end=top is None or top.next_step is not None))
        if top is not None:
            parts += _candidate_lines(top, out, condition=origin is None)
    return parts


def _candidate_lines(c: CandidateView, out: _Out, *, condition: bool) -> list[str]:
    line = (
        f"**Most likely:** {code_span(c.ref.text)}, {inline(c.kind_label, leading=False)},"
        f" confidence {c.confidence_pct}% ({c.confidence_word})"
    )
    if c.source_text:
        line += f": {code_span(out.cut(c.source_text))}"
    parts = [line, out.prose(c.reason_parts, verdict=True)]
    if condition and c.why_parts:
        parts.append("**Condition:** " + out.prose(c.why_parts, verdict=True))
    return parts


def _origin_block(t: TrailLevelView, origin: bool, out: _Out) -> list[str]:
    """The trail's deepest verdict: the line that made the errno (at the origin)."""
    label = "Made the errno" if origin else "Deepest verdict"
    line = (f"**{label}:** {code_span(t.where)} in {code_span(t.function + '()')}"
            f" ({inline(t.kind_label, leading=False)}; run {t.run_id})")
    if t.source_text:
        line += f": {code_span(out.cut(t.source_text))}"
    parts = [line]
    if t.why_parts:
        parts.append("**Condition:** " + out.prose(t.why_parts, verdict=True))
    rows = [_Row(MARK_CAND if here else "", n, "", text)
            for n, text, here in t.excerpt if _near(n, t.excerpt, out.level.around)]
    if rows:
        marks = _legend(rows, "the line")
        parts.append(f"{code_span(t.where)} in {code_span(t.function + '()')} ({marks}):\n\n"
                     + fenced(_code_rows(rows), "c"))
    return parts


def _near(n: int, excerpt: Sequence[tuple[int, str, bool]], around: int) -> bool:
    return any(here and abs(n - m) <= around for m, _, here in excerpt)


def _culprit_excerpt(view: ReportView, top: CandidateView, out: _Out) -> list[str]:
    """The source around the top candidate's line, marked as in the path's source."""
    f = next((f for f in view.paths[0].files if f.path == top.ref.file), None) \
        if view.paths else None
    if f is None:
        return []
    around = out.level.around
    rows = [_line_row(line) for line in f.lines
            if not line.gap and abs(line.number - top.ref.line) <= around]
    if not rows:
        return []
    span = f"lines {rows[0].number}-{rows[-1].number}" if len(rows) > 1 \
        else f"line {rows[0].number}"
    return [f"{code_span(f.path)}, {span} ({_legend(rows)}):\n\n"
            + fenced(_code_rows(rows), "c")]


def _next_step(top: CandidateView, trail: TrailView | None, out: _Out) -> str:
    if top.next_step:
        return "**Next step:**\n\n" + fenced(top.next_step, "sh")
    if trail is not None:
        return "**Next step:** none: " + out.prose(trail.end_parts, verdict=True)
    why = _NO_NEXT_STEP.get(top.kind, _NO_NEXT_STEP_DEFAULT) if top.source_text \
        else _NO_NEXT_STEP_NO_SOURCE
    return f"**Next step:** none: {inline(why, leading=False)}"


def _trail(trail: TrailView, out: _Out, *, end: bool) -> str:
    """The errno's trail, a numbered list (``end``: with why it ends there, unless the
    next step already said it); at tight trim levels the first level and the last
    few, and no paths."""
    keep = out.level.trail_levels
    hidden = len(trail.levels) - keep if keep is not None and len(trail.levels) > keep else 0
    if hidden:
        out.trimmed.append(f"{hidden} middle level(s) of the trail")
    if not out.level.trail_paths and any(t.path for t in trail.levels):
        out.trimmed.append("the trail levels' paths")
    lines = ["**Trail:**", ""]
    for n, t in enumerate(trail.levels, 1):
        if 1 < n <= 1 + hidden:
            if n == 2:
                # A new ordered list after this paragraph starts at its own number.
                lines += ["", f"_Levels 2 to {1 + hidden} trimmed._", ""]
            continue
        lines.append(f"{n}. " + _trail_item(t, out))
    if end:
        lines += ["", out.prose(trail.end_parts, verdict=True)]
    return "\n".join(lines)


def _trail_item(t: TrailLevelView, out: _Out) -> str:
    item = code_span(t.function + "()")
    if t.where:
        item += f" {code_span(t.where)}"
    if t.source_text:
        item += f": {code_span(out.cut(t.source_text))}"
    item += (f" ({inline(t.kind_label, leading=False)};"
             f" returned {inline(t.value, leading=False)}")
    item += "; changed the value below it)" if t.rewrote else ")"
    if t.why_parts:
        item += " — " + out.prose(t.why_parts, verdict=True)
    if t.path and out.level.trail_paths:
        item += f"; path {code_span(out.cut(t.path))}"
    return item


def _note(note: str, out: _Out) -> str:
    """The run's ``--note``, a quote: the user's own words (escaped like trace text,
    their `code` kept as code), line breaks and paragraphs kept."""
    paragraphs = [
        "\\\n> ".join(out.prose(code_parts(display_text(line.strip())), numbers=False)
                       for line in para.splitlines() if line.strip())
        for para in re.split(r"\n\s*\n", out.cut(note.strip()))
    ]
    return "**Note** (given at capture):\n\n> " + "\n>\n> ".join(p for p in paragraphs if p)


# -- code blocks ------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """One line of a code block: its marks, number, step numbers and source text
    (``number`` 0: a gap of hidden lines)."""

    mark: str
    number: int
    steps: str
    text: str


def _marker(line: LineView) -> str:
    """A line's marks: what it is (candidate, exit, executed) and, for a statement stap
    could not probe, ``!`` as well (the seed article's culprit is both a candidate and
    never probed)."""
    if line.candidate_rank is not None:
        mark = MARK_CAND
    elif line.exit:
        mark = MARK_EXIT
    elif line.executed:
        mark = MARK_EXEC
    else:
        mark = ""
    return mark + (MARK_UNPROBED if line.unprobed else "")


def _steps_cell(steps: Sequence[int]) -> str:
    """``3 4 6 8 10 x5``: the steps at a line and, when it ran more than once, how often
    (the first steps only when they do not fit).

    >>> _steps_cell([3, 4, 6, 8, 10]), _steps_cell([7])
    ('3 4 6 8 10 x5', '7')
    >>> _steps_cell(range(1, 40))
    '1 2 3 4 5 6 7 8 ... x39'
    """
    numbers = [str(n) for n in steps]
    count = f" x{len(numbers)}" if len(numbers) > 1 else ""
    text = " ".join(numbers)
    if len(text) + len(count) <= STEPS_CELL_CHARS:
        return text + count
    budget = STEPS_CELL_CHARS - len(count) - len(" " + ASCII_ELLIPSIS)
    shown: list[str] = []
    for n in numbers:
        if len(" ".join([*shown, n])) > budget:
            break
        shown.append(n)
    return " ".join([*shown, ASCII_ELLIPSIS]) + count


def _line_row(line: LineView) -> _Row:
    return _Row(_marker(line), line.number, _steps_cell(line.steps), line.text)


def _code_rows(rows: Sequence[_Row]) -> str:
    """Rows as aligned ASCII: ``mark number steps | source`` (no steps column when no
    row has steps), gaps as ``...``."""
    lines = [r for r in rows if r.number]
    mark_w = max((len(r.mark) for r in lines), default=0) or 1
    num_w = max((len(str(r.number)) for r in lines), default=0)
    steps_w = max((len(r.steps) for r in lines), default=0)
    out = []
    for r in rows:
        if not r.number:
            out.append(" " * (mark_w + 1) + GAP_ROW)
            continue
        gutter = f"{r.mark:<{mark_w}} {r.number:>{num_w}}"
        if steps_w:
            gutter += f" {r.steps:>{steps_w}}"
        out.append(f"{gutter} {GUTTER_SEP} {ascii_cut(r.text, CODE_LINE_CHARS)}".rstrip())
    return "\n".join(out)


def _legend(rows: Sequence[_Row], candidate: str = "candidate") -> str:
    """What the marks used in ``rows`` mean (``candidate``: what ``*`` marks)."""
    used = "".join(r.mark for r in rows)
    return "; ".join(
        f"{code_span(m)} {candidate if m == MARK_CAND else what}"
        for m, what in MARK_LEGEND if m in used
    ) or "no line marked"


def _excerpt(f: FileView, out: _Out) -> str:
    """One file of a path: its executed, candidate and unprobed lines with context."""
    if f.missing is not None:
        return (
            f"Source of {code_span(f.path)} is missing: {inline(f.missing.reason, leading=False)}."
            f" To get it: {inline(f.missing.fix, leading=False)}."
        )
    rows: list[_Row] = []
    dropped = 0
    for line in f.lines:
        marked = line.executed or line.candidate_rank is not None or line.unprobed
        if line.gap or (not out.level.context and not marked):
            dropped += 0 if line.gap else 1
            if not rows or rows[-1].number:
                rows.append(_Row("", 0, "", ""))
            continue
        rows.append(_line_row(line))
    if dropped:
        out.trimmed.append(f"{dropped} context line(s) of {f.path}")
    return f"{code_span(f.path)} ({_legend(rows)}):\n\n" + fenced(_code_rows(rows), "c")


# -- the rest: other candidates, paths, run facts ---------------------------------


def _other_candidates(view: ReportView, out: _Out, names: Mapping[str, str]) -> list[str]:
    others = list(view.verdict.others)
    limit = out.level.candidates
    keep = len(others) if limit is None else min(limit, len(others))
    if others[keep:]:
        out.trimmed.append(f"{len(others) - keep} other candidate(s)")
    if not keep:
        return []
    rows = (
        [str(c.rank), code_span(f"{names.get(c.ref.file, c.ref.file)}:{c.ref.line}",
                                in_table=True),
         cell(c.kind_label), f"{c.confidence_pct}%",
         out.prose(c.reason_parts, in_table=True) or "-"]
        for c in others[:keep]
    )
    return ["### Other candidates", table(["#", "Line", "Why", "Confidence", "Reason"], rows)]


def _damage(p: PathView) -> str:
    """What the trace lost of a path, for its heading (empty when nothing)."""
    cut = sum(1 for s in p.steps if s.truncated)
    foreign = sum(1 for s in p.steps if s.foreign)
    return (
        (", start lost" if p.partial else "")
        + (f", {cut} step(s) cut short" if cut else "")
        + (f", {foreign} step(s) printed by another thread" if foreign else "")
    )


def _path_section(p: PathView, paths: int, out: _Out, names: Mapping[str, str]) -> list[str]:
    parts = [
        f"### Path {p.index} of {paths}: {p.count} invocation(s) ({p.share_pct}),"
        f" {p.step_count} step(s)" + _damage(p)
    ]
    if out.level.excerpt:
        parts += [_excerpt(f, out) for f in p.files]
    elif p.files:
        out.trimmed.append("the paths' source")
    changes = [(s.number, f"{names.get(s.ref.file, s.ref.file)}:{s.ref.line}", val)
               for s in p.steps for val in s.values if val.changed]
    limit = out.level.change_rows
    keep = len(changes) if limit is None else min(limit, len(changes))
    if changes[keep:]:
        out.trimmed.append(f"{len(changes) - keep} variable-change row(s)")
    if keep:
        rows = (
            [str(n), code_span(ref, in_table=True), code_span(val.name, in_table=True),
             _value_cell(val.old or "", None, out), _value_cell(val.raw, val.hint, out)]
            for n, ref, val in changes[:keep]
        )
        parts += ["#### Variable changes",
                  table(["Step", "Line", "Variable", "Before", "After"], rows)]
    return parts


def _value_cell(raw: str, hint: str | None, out: _Out) -> str:
    """A value as a person reads it (decimal first), with the errno it holds."""
    text = shorten(readable(raw), VALUE_CELL_CHARS)
    cell_text = code_span(out.cut(text), in_table=True)
    name = hint.split(" ", 1)[1] if hint and " " in hint else ""
    return cell_text + (f" {cell(name)}" if name else "")


def _other_paths(rest: Sequence[PathView], out: _Out, names: Mapping[str, str]) -> list[str]:
    limit = out.level.other_paths
    keep = len(rest) if limit is None else min(limit, len(rest))
    if rest[keep:]:
        out.trimmed.append(f"{len(rest) - keep} other path(s)")
    if not keep:
        return []
    return ["### Other paths", "\n".join(
        f"- Path {p.index}: {p.count} invocation(s) ({p.share_pct}), returned"
        f" {code_span(p.returns)}, {p.step_count} step(s):"
        f" {code_span(out.cut(_short_summary(p.summary, names)))}" + _damage(p)
        for p in rest[:keep]
    )]


def _short_summary(summary: str, names: Mapping[str, str]) -> str:
    """A path summary (``fs/x.c:25,32-34 lib/y.c:3``) with short file names."""
    words = []
    for word in summary.split(" "):
        path, colon, lines = word.rpartition(":")
        words.append(f"{names[path]}:{lines}" if colon and path in names else word)
    return " ".join(words)


def _details(view: ReportView, out: _Out, names: Mapping[str, str]) -> str:
    parts = ["<details><summary>Run facts and warnings</summary>"]
    if out.level.facts:
        parts.append(table(["Fact", "Value"], (
            [cell(f.label), code_span(out.cut(f.value), in_table=True) if f.mono
             else cell(out.cut(f.value))]
            for f in view.facts
        )))
    else:
        out.trimmed.append("the run facts")
        parts.append(
            f"Run facts trimmed: {code_span(f'errtrail-report show {view.run_id}')} prints"
            " them."
        )
    parts += _unprobed(view, out, names)
    parts += _warnings(view, out)
    parts += _program_stderr(view, out)
    if view.missing_sources:
        parts.append("\n".join(
            f"- Source {code_span(m.path)} missing:"
            f" {inline(m.reason, leading=False)}; to get it:"
            f" {inline(m.fix, leading=False)}"
            for m in view.missing_sources
        ))
    parts.append("</details>")
    return "\n\n".join(parts)


def _unprobed(view: ReportView, out: _Out, names: Mapping[str, str]) -> list[str]:
    unprobed = list(view.unprobed)
    limit = out.level.unprobed
    keep = len(unprobed) if limit is None else min(limit, len(unprobed))
    if unprobed[keep:]:
        out.trimmed.append(f"{len(unprobed) - keep} never-probed line(s)")
    if not keep:
        return []  # none at all, or all trimmed (the trim note says so)
    return [
        f"**Never probed** ({len(unprobed)}; stap could not register these statements,"
        " so the trace cannot show whether they ran): "
        + ", ".join(code_span(f"{names.get(u.file, u.file)}:{u.line}") for u in unprobed[:keep])
        + (" …" if unprobed[keep:] else "")
    ]


def _warnings(view: ReportView, out: _Out) -> list[str]:
    warnings = list(view.warnings)
    limit = out.level.warnings
    keep = len(warnings) if limit is None else min(limit, len(warnings))
    if warnings[keep:]:
        out.trimmed.append(f"{len(warnings) - keep} {view.tracer} warning line(s)")
    if not warnings:
        return [f"No warnings from {view.tracer}."]
    if not keep:
        return []
    text_limit = out.level.text_limit
    text = "\n".join(
        f"[{w.category}] "
        + (ascii_cut(w.text, text_limit) if text_limit else w.text)
        for w in warnings[:keep]
    )
    return [f"**Warnings from {view.tracer}** ({len(warnings)}):\n\n" + fenced(text, "text")]


def _program_stderr(view: ReportView, out: _Out) -> list[str]:
    """The lines a stap ``-c`` command wrote to the stderr it shares with stap: kept
    apart from stap's warnings, and trimmed with them."""
    lines = list(view.program_stderr)
    limit = out.level.warnings
    keep = len(lines) if limit is None else min(limit, len(lines))
    if lines[keep:]:
        out.trimmed.append(f"{len(lines) - keep} line(s) of the program's stderr")
    if not keep:
        return []
    text_limit = out.level.text_limit
    text = "\n".join(ascii_cut(w.text, text_limit) if text_limit else w.text
                     for w in lines[:keep])
    return [f"**stderr of the traced program** ({len(lines)}):\n\n" + fenced(text, "text")]
