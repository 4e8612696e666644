"""Ticket-ready Markdown (GitHub / GitLab flavoured) for one run.

This module owns the Markdown report: the verdict first, a fenced excerpt of the
source with markers on executed, candidate and unprobed lines, a table of variable
changes, the next step, then run facts and warnings in a collapsible ``<details>``.
Others call ``render_markdown(view, max_chars=...)`` with a ``reporter.views.ReportView``
and the escaping helpers (``inline``, ``code_span``, ``fenced``, ``cell``).

Trace text is attacker-influenced. Here it never becomes Markdown structure or HTML:
plain text has every ASCII punctuation character backslash-escaped (CommonMark allows
escaping any of them, so ``<script>`` stays text and ``|`` cannot end a table cell);
code spans and fences use more backticks than the longest run inside; table cells
escape ``|`` (GFM reads ``\\|`` inside a code span in a table as ``|``); control
characters and newlines were already made visible by ``reporter.views.display_text``.
The only raw HTML in the output is this module's own ``<details>``/``<summary>``.

Size: the whole text stays within ``max_chars`` (GitHub's issue body limit is 65536)
by rendering at increasing trim levels, dropping the least important parts first
(warnings, other paths, variable-change rows, context lines, other candidates), and
saying what was trimmed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from collector.errors import ErrtrailError
from reporter.views import FileView, LineView, PathView, ReportView, TrailView, shorten

DEFAULT_MAX_CHARS = 60000
# Characters with inline meaning in GFM, GitHub's math (``$``) and mentions (``@``);
# the others only matter at the start of a line (see ``inline``).
_PUNCT = re.compile(r"([\\`*_\[\]<>&|~!#$@])")
_LEADING = re.compile(r"([-+=]|\d+(?=[.)]))")
_BACKTICKS = re.compile(r"`+")
MARK_EXEC = "▶"
MARK_CAND = "★"
MARK_UNPROBED = "✗"
MARK_EXIT = "⏎"


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


@dataclass(frozen=True)
class _Level:
    """What one trim level keeps (``None``: everything)."""

    name: str
    warnings: int | None
    other_paths: int | None
    change_rows: int | None
    context: bool  # keep unmarked context lines in the excerpt
    candidates: int | None
    excerpt: bool
    text_limit: int | None
    unprobed: int | None
    # The run facts table (the run itself is still named above it).
    facts: bool = True
    # The verdict's reason: the answer, so cut only when nothing else is left. The
    # next-step command is never cut (a cut command would run something else).
    verdict_limit: int | None = None


LEVELS = (
    _Level("full", None, None, None, True, None, True, None, None),
    _Level("1", 20, 10, 40, True, None, True, 2000, 50),
    _Level("2", 0, 5, 20, False, 10, True, 1000, 20),
    _Level("3", 0, 0, 0, False, 3, True, 500, 5),
    _Level("4", 0, 0, 0, False, 1, False, 300, 0),
    _Level("5", 0, 0, 0, False, 0, False, 120, 0, facts=False),
    _Level("6", 0, 0, 0, False, 0, False, 120, 0, facts=False, verdict_limit=400),
)


def render_markdown(view: ReportView, *, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """The Markdown report, at the first trim level that fits ``max_chars``."""
    for level in LEVELS:
        trimmed: list[str] = []
        text = _render(view, level, trimmed)
        if trimmed:
            note = "_Trimmed to fit " + str(max_chars) + " characters: " + "; ".join(trimmed) + "._"
            text = text.replace("<!-- trim-note -->", note, 1)
        else:
            text = text.replace("<!-- trim-note -->\n\n", "", 1)
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


def _prose(
    parts: Sequence[tuple[str, bool]], limit: int | None, *, in_table: bool = False
) -> str:
    """Text with code parts as code spans (``reporter.views.code_parts``), escaped;
    each part cut at ``limit`` characters (``None``: not cut)."""
    out = []
    for i, (text, is_code) in enumerate(parts):
        text = shorten(text, limit) if limit else text
        out.append(
            code_span(text, in_table=in_table) if is_code else inline(text, leading=i == 0)
        )
    return "".join(out)


def _cut(text: str, level: _Level) -> str:
    return shorten(text, level.text_limit) if level.text_limit else text


def _trail(trail: TrailView, level: _Level) -> str:
    """The errno's trail, a numbered list: what a ticket needs first."""
    lines = ["**Trail:**", ""]
    for n, t in enumerate(trail.levels, 1):
        item = f"{n}. {code_span(t.function + '()')}"
        if t.where:
            item += f" {code_span(t.where)}"
        if t.source_text:
            item += f": {code_span(_cut(t.source_text, level))}"
        item += (f" ({inline(t.kind_label, leading=False)};"
                 f" returned {inline(t.value, leading=False)}")
        item += "; changed the value below it)" if t.rewrote else ")"
        if t.why_parts:
            item += " — " + _prose(t.why_parts, level.verdict_limit)
        if t.path:
            item += f"; path {code_span(_cut(t.path, level))}"
        lines.append(item)
    lines += ["", _prose(trail.end_parts, level.verdict_limit)]
    return "\n".join(lines)


def _render(view: ReportView, level: _Level, trimmed: list[str]) -> str:
    v = view.verdict
    out: list[str] = []
    if v.returned_raw:
        head = f"{v.function} returned {v.returned_raw}"
        if v.errno_name:
            head += f" {v.errno_name}"
        if v.errno_description:
            head += f" ({v.errno_description})"
    else:
        head = f"{v.function}: {v.no_path_reason}"
    out.append("## " + inline(_cut(head, level)))
    out.append("<!-- trim-note -->")
    if view.trail is not None:
        out.append(_trail(view.trail, level))
    if view.label:
        out.append("**Label:** " + inline(_cut(view.label, level), leading=False))
    if v.top is not None:
        c = v.top
        line = (
            f"**Most likely:** {code_span(c.ref.text)}, {inline(c.kind_label, leading=False)},"
            f" confidence {c.confidence_pct}% ({c.confidence_word})"
        )
        if c.source_text:
            line += f": {code_span(_cut(c.source_text, level))}"
        out.append(line)
        out.append(_prose(c.reason_parts, level.verdict_limit))
        if c.why_parts:
            out.append("**Why:** " + _prose(c.why_parts, level.verdict_limit))
        if c.next_step:
            out.append("**Next step:**\n\n" + fenced(c.next_step, "sh"))
    elif v.returned_raw:
        out.append("No candidate line: see the notes below.")
    if v.notes:
        out.append("\n".join("- " + _prose(n, level.text_limit) for n in v.note_parts))
    out.append(
        f"{v.invocations} matching invocation(s) over {v.paths} distinct path(s);"
        f" run {view.run_id} ({code_span(view.run_uuid[:8])}),"
        f" {inline(view.status, leading=False)},"
        f" {view.started_label} {inline(view.started_at, leading=False)}."
    )
    others = list(v.others)
    keep = len(others) if level.candidates is None else min(level.candidates, len(others))
    if others[keep:]:
        trimmed.append(f"{len(others) - keep} other candidate(s)")
    if keep:
        out.append("### Other candidates")
        out.append(
            table(
                ["#", "Line", "Why", "Confidence", "Reason"],
                (
                    [
                        str(c.rank),
                        code_span(c.ref.text, in_table=True),
                        cell(c.kind_label),
                        f"{c.confidence_pct}%",
                        _prose(c.reason_parts, level.text_limit, in_table=True) or "-",
                    ]
                    for c in others[:keep]
                ),
            )
        )
    if view.paths:
        out.extend(_path_section(view.paths[0], len(view.paths), level, trimmed))
        rest = list(view.paths[1:])
        keep = len(rest) if level.other_paths is None else min(level.other_paths, len(rest))
        if rest[keep:]:
            trimmed.append(f"{len(rest) - keep} other path(s)")
        if keep:
            out.append("### Other paths")
            out.append(
                "\n".join(
                    f"- Path {p.index}: {p.count} invocation(s) ({p.share_pct}), returned"
                    f" {code_span(p.returns)}, {p.step_count} step(s):"
                    f" {code_span(_cut(p.summary, level))}"
                    + _damage(p)
                    for p in rest[:keep]
                )
            )
    out.append(_details(view, level, trimmed))
    out.append(
        f"<sub>errtrail {inline(view.version, leading=False)}, generated"
        f" {inline(view.generated_at, leading=False)}</sub>"
    )
    return "\n\n".join(out) + "\n"


def _damage(p: PathView) -> str:
    """What the trace lost of a path, for its heading (empty when nothing)."""
    cut = sum(1 for s in p.steps if s.truncated)
    foreign = sum(1 for s in p.steps if s.foreign)
    return (
        (", start lost" if p.partial else "")
        + (f", {cut} step(s) cut short" if cut else "")
        + (f", {foreign} step(s) printed by another thread" if foreign else "")
    )


def _path_section(p: PathView, paths: int, level: _Level, trimmed: list[str]) -> list[str]:
    out = [
        f"### Path {p.index} of {paths}: {p.count} invocation(s) ({p.share_pct}),"
        f" {p.step_count} step(s)" + _damage(p)
    ]
    if level.excerpt:
        for f in p.files:
            out.append(_excerpt(f, level, trimmed))
    else:
        trimmed.append("the source excerpt")
    changes = [
        (s.number, s.ref.text, val)
        for s in p.steps
        for val in s.values
        if val.changed
    ]
    keep = len(changes) if level.change_rows is None else min(level.change_rows, len(changes))
    if changes[keep:]:
        trimmed.append(f"{len(changes) - keep} variable-change row(s)")
    if keep:
        out.append("#### Variable changes")
        out.append(
            table(
                ["Step", "Line", "Variable", "Before", "After"],
                (
                    [
                        str(n),
                        code_span(ref, in_table=True),
                        code_span(val.name, in_table=True),
                        code_span(_cut(val.old or "", level), in_table=True),
                        code_span(_cut(val.raw, level), in_table=True)
                        + (f" ({cell(val.hint)})" if val.hint else ""),
                    ]
                    for n, ref, val in changes[:keep]
                ),
            )
        )
    return out


def _marker(line: LineView) -> str:
    """The excerpt's marks for a line: what it is (candidate, exit, executed) and, for
    a statement stap could not probe, ✗ as well (the seed article's culprit is both a
    candidate and never probed)."""
    if line.candidate_rank is not None:
        mark = MARK_CAND
    elif line.exit:
        mark = MARK_EXIT
    elif line.executed:
        mark = MARK_EXEC
    else:
        mark = ""
    if line.unprobed:
        mark += MARK_UNPROBED
    return mark


# The step numbers shown beside a line in the excerpt, at most this many characters
# (a loop line lists every visit; the count says how many there were).
STEPS_CELL_CHARS = 24


def _steps_cell(line: LineView) -> str:
    """``3 4 6 8 10 x5``: the steps at a line and, when it ran more than once, how often.

    >>> from types import SimpleNamespace as L
    >>> _steps_cell(L(steps_text="3 4 6 8 10", visits=5))
    '3 4 6 8 10 x5'
    >>> _steps_cell(L(steps_text=" ".join(str(n) for n in range(1, 40)), visits=39))
    '1 2 3 4 5 6 7 8 9 … x39'
    """
    count = f" x{line.visits}" if line.visits > 1 else ""
    steps = line.steps_text
    if len(steps) + len(count) > STEPS_CELL_CHARS:
        keep = steps[: STEPS_CELL_CHARS - len(count) - 2]
        steps = keep[: keep.rfind(" ")] + " …" if " " in keep else keep + "…"
    return steps + count


def _excerpt(f: FileView, level: _Level, trimmed: list[str]) -> str:
    if f.missing is not None:
        return (
            f"Source of {code_span(f.path)} is missing: {inline(f.missing.reason, leading=False)}."
            f" To get it: {inline(f.missing.fix, leading=False)}."
        )
    rows: list[str] = []
    dropped = 0
    gap_open = False
    shown = [
        line for line in f.lines
        if not line.gap
        and (level.context or line.executed or line.candidate_rank is not None or line.unprobed)
    ]
    # One width for the whole excerpt, so that the │ column stays straight.
    width = max((len(_steps_cell(line)) for line in shown), default=0)
    number_width = max((len(str(line.number)) for line in shown), default=0)
    mark_width = max((len(_marker(line)) for line in shown), default=1) or 1
    for line in f.lines:
        marked = line.executed or line.candidate_rank is not None or line.unprobed
        if line.gap or (not level.context and not marked):
            dropped += 0 if line.gap else 1
            if not gap_open:
                rows.append(" " * (number_width + mark_width) + " ⋮")
                gap_open = True
            continue
        gap_open = False
        rows.append(
            f"{_marker(line):<{mark_width}} {line.number:>{number_width}}"
            f" {_steps_cell(line):>{width}}"
            f" │ {_cut(line.text, level)}"
        )
    if dropped:
        trimmed.append(f"{dropped} context line(s) of {f.path}")
    legend = (
        f"{MARK_EXEC} executed (step numbers), {MARK_CAND} candidate, {MARK_UNPROBED} never"
        f" probed, {MARK_EXIT} exit"
    )
    return f"{code_span(f.path)} ({legend}):\n\n" + fenced("\n".join(rows), "c")


def _details(view: ReportView, level: _Level, trimmed: list[str]) -> str:
    parts = ["<details><summary>Run facts and warnings</summary>"]
    if level.facts:
        parts.append(
            table(
                ["Fact", "Value"],
                (
                    [cell(f.label), code_span(_cut(f.value, level), in_table=True) if f.mono
                     else cell(_cut(f.value, level))]
                    for f in view.facts
                ),
            )
        )
    else:
        trimmed.append("the run facts")
        parts.append(
            f"Run facts trimmed: {code_span(f'errtrail-report show {view.run_id}')} prints"
            " them."
        )
    unprobed = list(view.unprobed)
    keep = len(unprobed) if level.unprobed is None else min(level.unprobed, len(unprobed))
    if unprobed[keep:]:
        trimmed.append(f"{len(unprobed) - keep} never-probed line(s)")
    if unprobed:
        parts.append(
            f"**Never probed** ({len(unprobed)}; stap could not register these statements,"
            " so the trace cannot show whether they ran): "
            + ", ".join(code_span(u.text) for u in unprobed[:keep])
            + (" …" if unprobed[keep:] else "")
        )
    warnings = list(view.warnings)
    keep = len(warnings) if level.warnings is None else min(level.warnings, len(warnings))
    if warnings[keep:]:
        trimmed.append(f"{len(warnings) - keep} {view.tracer} warning line(s)")
    if keep:
        text = "\n".join(
            f"[{w.category}] {_cut(w.text, level)}" for w in warnings[:keep]
        )
        parts.append(
            f"**Warnings from {view.tracer}** ({len(warnings)}):\n\n" + fenced(text, "text")
        )
    elif not warnings:
        parts.append(f"No warnings from {view.tracer}.")
    if view.missing_sources:
        parts.append(
            "\n".join(
                f"- Source {code_span(m.path)} missing:"
                f" {inline(m.reason, leading=False)}; to get it:"
                f" {inline(m.fix, leading=False)}"
                for m in view.missing_sources
            )
        )
    parts.append("</details>")
    return "\n\n".join(parts)
