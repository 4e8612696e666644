"""What a report shows, computed in Python: a run's diagnosis turned into view dataclasses.

This module owns every decision about what the HTML and Markdown reports show: which
source lines are excerpted, which are marked executed / candidate / unprobed, the
step numbers and variable values beside each line, the path drawing's edges, the run
facts and warnings, the per-invocation views (capped). Templates and the Markdown
writer only loop over and print what ``build_report`` returns. Others call:

- ``build_report(run, analysis, diagnosis, sources, options)`` -> ``ReportView``;
- ``RenderOptions``: context lines, full source, the clock and version to print;
- ``slugify(path)``, ``line_anchor(...)``: the anchor scheme ``#<file-slug>-L<n>``
  (the most frequent path; path k > 1 prefixes ``p<k>-``);

Source lines are highlighted by ``reporter.highlight``, only in the windows shown.

Text from the trace, the sources and the archive is kept as ``str`` here; only
pygments output (escaped by this module token by token) and markdown-it output (raw
HTML disabled) are ``Markup``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import quote

from markupsafe import Markup

from collector.archive import Message, Run, parse_iso
from collector.errors import ErrtrailError
from collector.messages import split_run_stderr
from collector.runmeta import shell_join
from reporter import svg
from reporter.analysis import Analysis
from reporter.diagnosis import (
    NOT_IN_SCOPE,
    Candidate,
    Diagnosis,
    ErrnoInfo,
    PathGroup,
    Step,
    build_steps,
)
from reporter.diagnosis.csource import source_lines
from reporter.errnos import description_of, name_of, number_of
from reporter.highlight import Highlighter, escaped
from reporter.progress import bar
from reporter.records import Invocation
from reporter.sources import SourceFile, SourceMiss, SourceReport
from reporter.trail import Trail
from reporter.values import Value, readable

DEFAULT_CONTEXT = 3
# Invocations listed (with their own statement view) under each path group: a run
# with 100,000 invocations must still render in seconds into a page a browser opens.
DEFAULT_MAX_INVOCATIONS = 20
# Step numbers printed beside a line visited many times (a loop): the first few.
MAX_STEP_MARKS = 5
# Headerless statement groups shown (damaged traces can hold many), and statements
# shown of each.
MAX_ORPHAN_GROUPS = 20
MAX_ORPHAN_STEPS = 200
# Later visits of a line whose changed values are shown beside it.
MAX_AGAIN = 3
# Statement rows listed over all the invocation views of one path: a path of 2048
# statements (the speculation buffer's size) lists one invocation, not twenty.
MAX_INVOCATION_ROWS = 2000
# Values beside a line are cut to this many characters (the full text is the title).
VALUE_DISPLAY_CHARS = 48
# Columns the code takes before the values beside it (the file's widest shown line,
# within these bounds): values line up, and a line wider than the maximum widens only
# its own row.
CODE_COLUMNS_MIN = 40
CODE_COLUMNS_MAX = 100
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class ViewError(ErrtrailError):
    """A report cannot be built from what was given; the message says why."""


@dataclass(frozen=True)
class RenderOptions:
    """How to render: ``generated_at`` and ``version`` are printed as given (passed in
    so that output is reproducible)."""

    generated_at: str
    version: str
    context: int = DEFAULT_CONTEXT
    full_source: bool = False
    max_invocations: int = DEFAULT_MAX_INVOCATIONS


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    mono: bool = False


@dataclass(frozen=True)
class LineRef:
    """A ``file:line`` and the page anchor that shows it (``None``: not displayed)."""

    file: str
    line: int
    anchor: str | None

    @property
    def text(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class ValueView:
    """One variable at one step: ``text`` as displayed beside a line (maybe shortened),
    ``full`` the same uncut (the statement list shows it), ``raw`` as traced, ``old``
    its value at the previous step when it changed, ``hint`` a decoding
    (``-22 EINVAL``) when the value is an errno in disguise."""

    name: str
    text: str
    raw: str
    changed: bool
    old: str | None = None
    hint: str | None = None
    full: str = ""

    @property
    def hint_name(self) -> str | None:
        """The errno name of ``hint`` (``EINVAL`` of ``-22 EINVAL``): ``text`` already
        shows the number."""
        return self.hint.split(" ", 1)[1] if self.hint and " " in self.hint else None

    @property
    def old_text(self) -> str | None:
        """``old`` as a person reads it."""
        return readable(self.old) if self.old is not None else None

    def title(self, whole: bool) -> str | None:
        """The hover text (the value uncut, as traced, what it was) when it says more
        than what is shown: ``None`` for a value shown whole that did not change and was
        traced as the same small number (``3``, traced as ``0x3``). Leaving those out
        keeps a report of long paths under 2 MB (issue 13)."""
        traced = self.raw != self.full and not _plain_number_of(self.raw, self.full)
        if not (traced or self.changed or (not whole and self.text != self.full)):
            return None
        out = f"{self.name}={self.full}" + (f" (traced as {self.raw})" if traced else "")
        if self.changed:
            out += f", was {self.old_text if self.old_text is not None else self.old}"
        return out


def _plain_number_of(raw: str, shown: str) -> bool:
    """Whether ``shown`` is ``raw``'s integer in plain decimal (nothing to add).

    >>> _plain_number_of("0x3", "3"), _plain_number_of("0x2400", "9216 (0x2400)")
    (True, False)
    """
    if not shown.lstrip("-").isdigit():
        return False
    return Value.of(raw).as_s64() == int(shown)


@dataclass(frozen=True)
class CandidateView:
    rank: int
    ref: LineRef
    kind: str
    kind_label: str
    confidence_pct: int
    confidence_word: str
    reason: str
    reason_parts: tuple[tuple[str, bool], ...]  # (text, is code): see ``code_parts``
    callee: str | None
    next_step: str | None
    source_text: str | None
    source_html: Markup | None
    # The lines around it (``VERDICT_CONTEXT_LINES`` each side), as (number, HTML):
    # the verdict shows its line in its source on the first screen.
    context_html: tuple[tuple[int, Markup], ...] = ()
    # The branch condition that led here, as a sentence (`` `x` `` quotes code).
    why_parts: tuple[tuple[str, bool], ...] = ()


# Source lines shown above and below the verdict's line in its card.
VERDICT_CONTEXT_LINES = 2
# Columns a tab stands for in shown source (gcc's and most editors' default).
TAB_WIDTH = 8


@dataclass(frozen=True)
class TrailLevelView:
    """One level of the errno's trail (``reporter.trail``), as shown."""

    function: str
    where: str                 # "file.c:43", or "" without a verdict
    source_text: str | None
    kind_label: str
    value: str                 # "-22 (EINVAL)"
    rewrote: bool              # its line turned the level below's value into another
    run_id: int
    why_parts: tuple[tuple[str, bool], ...] = ()
    path: str = ""             # the call's statements, compressed
    # Source lines around the verdict: (number, text, is the verdict's line).
    excerpt: tuple[tuple[int, str, bool], ...] = ()


@dataclass(frozen=True)
class TrailView:
    levels: tuple[TrailLevelView, ...]
    end: str
    origin: bool

    @property
    def end_parts(self) -> tuple[tuple[str, bool], ...]:
        return code_parts(self.end)


def trail_view(trail: Trail | None) -> TrailView | None:
    """The trail as the reports show it: file names short, values decimal first."""
    if trail is None:
        return None
    levels = []
    for t in trail.levels:
        c = t.verdict
        levels.append(TrailLevelView(
            function=display_text(t.function),
            where=f"{display_text(c.file.rsplit('/', 1)[-1])}:{c.line}" if c else "",
            source_text=display_text(c.source_text) if c and c.source_text else None,
            kind_label=kind_label(c.kind) if c else "no verdict",
            value=errno_text(t.returned),
            rewrote=t.rewrote,
            run_id=t.run_id,
            why_parts=code_parts(display_text(c.condition.sentence()))
            if c is not None and c.condition is not None else (),
            path=display_text(t.path),
            excerpt=tuple((n, display_text(text.expandtabs(TAB_WIDTH)),
                           c is not None and n == c.line) for n, text in t.excerpt),
        ))
    return TrailView(tuple(levels), display_text(trail.end), trail.origin)


@dataclass(frozen=True)
class VerdictView:
    function: str
    returned_raw: str | None
    errno_name: str | None
    errno_description: str | None
    errno_form: str | None
    top: CandidateView | None
    others: tuple[CandidateView, ...]
    notes: tuple[str, ...]
    invocations: int
    paths: int
    # stderr says the script failed before running (semantic or parse errors): there
    # was no call to match, as opposed to calls that did not match the condition.
    nothing_ran: bool = False

    @property
    def no_path_reason(self) -> str:
        """Why there is no path, for a report with none."""
        if self.nothing_ran:
            return "the script failed before running, so nothing was traced"
        return "no call matched the condition"

    @property
    def note_parts(self) -> tuple[tuple[tuple[str, bool], ...], ...]:
        """Each note split into text and code (the diagnosis quotes code as `x`)."""
        return tuple(code_parts(n) for n in self.notes)


@dataclass(frozen=True)
class LineView:
    """One row of an annotated source view: a line, or a gap (``gap`` > 0 hidden lines)."""

    number: int
    anchor: str
    text: str
    code_html: Markup
    executed: bool = False
    candidate_rank: int | None = None
    unprobed: bool = False
    exit: bool = False
    steps: tuple[int, ...] = ()
    steps_text: str = ""
    values: tuple[ValueView, ...] = ()
    # Later visits (a loop): (step number, the values that changed at that step).
    again: tuple[tuple[int, tuple[ValueView, ...]], ...] = ()
    gap: int = 0
    # Steps at this line whose trace line was cut short (at MAXSTRINGLEN, or where the
    # output ended: values after the cut unknown), and steps committed under another
    # thread's header.
    cut_steps: tuple[int, ...] = ()
    foreign_steps: tuple[int, ...] = ()

    @property
    def visits(self) -> int:
        return len(self.steps)

    @property
    def changed_values(self) -> tuple[ValueView, ...]:
        return tuple(v for v in self.values if v.changed)

    @property
    def unchanged_values(self) -> tuple[ValueView, ...]:
        return tuple(v for v in self.values if not v.changed)

    @property
    def classes(self) -> str:
        out = ["ln"]
        if self.gap:
            out.append("gap")
        if self.executed:
            out.append("exec")
        if self.candidate_rank is not None:
            out.append("cand")
        if self.candidate_rank == 1:
            out.append("top")
        if self.unprobed:
            out.append("unprobed")
        if self.exit:
            out.append("exit")
        return " ".join(out)


@dataclass(frozen=True)
class MissView:
    path: str
    reason: str
    fix: str


@dataclass(frozen=True)
class FileView:
    """One source file's annotated excerpts for one path (or why there are none)."""

    path: str
    slug: str
    origin: str | None
    lines: tuple[LineView, ...]
    gutter: Markup
    gutter_width: int
    code_width: int  # characters, for aligning the values column
    missing: MissView | None
    forward: int
    backward: int
    # Characters of the widest step-number cell ("x6 6 7 11 12 16 …+1"), so that no
    # cell is clipped (a clipped "16" reads as step 1) and the columns stay aligned.
    mark_width: int = 0


@dataclass(frozen=True)
class StepView:
    number: int
    ref: LineRef
    visit: int
    values: tuple[ValueView, ...]
    truncated: bool
    foreign: bool


@dataclass(frozen=True)
class OrphanView:
    """Statements with no header (their call is unknown), as the trace printed them."""

    stdout_line: int
    count: int
    steps: tuple[StepView, ...]  # the first MAX_ORPHAN_STEPS of them
    truncated: bool


@dataclass(frozen=True)
class InvocationView:
    ordinal: int
    anchor: str
    execname: str
    tid: int
    returned: str
    stdout_line: int
    partial: bool
    steps: tuple[StepView, ...]


@dataclass(frozen=True)
class PathView:
    index: int
    anchor: str
    fingerprint: str
    count: int
    share_pct: str
    returns: str
    execnames: str
    tids: str
    partial: bool
    step_count: int
    differing: tuple[str, ...]
    repeated: tuple[tuple[LineRef, int], ...]
    files: tuple[FileView, ...]
    steps: tuple[StepView, ...]
    candidates: tuple[CandidateView, ...]
    invocations: tuple[InvocationView, ...]
    invocations_more: int
    first_stdout_line: int
    summary: str

    @property
    def has_drawing(self) -> bool:
        """Whether any file of the path is shown with its source (and the drawing)."""
        return any(f.lines for f in self.files)


@dataclass(frozen=True)
class MessageView:
    line_no: int
    category: str
    kind: str
    text: str
    ref: LineRef | None


@dataclass(frozen=True)
class ReportView:
    title: str
    run_id: int
    run_uuid: str
    status: str
    started_at: str
    generated_at: str
    version: str
    verdict: VerdictView
    facts: tuple[Fact, ...]
    label: str | None
    label_html: Markup | None
    note_html: Markup | None
    warnings: tuple[MessageView, ...]
    tracer: str  # whose stderr the warnings are: "stap", "gdb", or "the command"
    # The lines a stap -c program wrote to the stderr it shares with stap.
    program_stderr: tuple[MessageView, ...]
    progress_lines: int
    unprobed: tuple[LineRef, ...]
    paths: tuple[PathView, ...]
    source_notes: tuple[str, ...]
    missing_sources: tuple[MissView, ...]
    anchors: frozenset[str] = field(default_factory=frozenset)
    # "started", or "imported" for output captured without errtrail: then the time is
    # the import's, not the trace's.
    started_label: str = "started"
    # Headerless statement groups (first MAX_ORPHAN_GROUPS), and how many more.
    orphans: tuple[OrphanView, ...] = ()
    orphans_more: int = 0
    # The errno followed down the run's chain (gdb --follow), first thing after it.
    trail: TrailView | None = None
    # A kernel run of an upstream release: its tag in the stable tree (``v6.1.12``);
    # ``kernel_note`` says why a distribution's kernel gets no link.
    upstream_tag: str | None = None
    kernel_note: str | None = None
    # A kernel run of a distribution's kernel: its release, named where an upstream
    # link would otherwise be (``None`` for user space, and for an upstream release).
    distro_release: str | None = None

    @property
    def distro_label(self) -> str | None:
        """Where an upstream link would be: the distribution kernel's release."""
        if self.distro_release is None:
            return None
        return f"kernel {self.distro_release} (a distribution's: no upstream link)"

    def upstream_url(self, path: str, line: int | None = None) -> str | None:
        """The file (and line) in the public stable kernel tree at ``upstream_tag``;
        ``None`` for a path that is not a kernel tree's (absolute, or leaving it)."""
        if self.upstream_tag is None or path.startswith("/") or ".." in path.split("/"):
            return None
        anchor = f"#n{line}" if line is not None else ""
        return f"{UPSTREAM_TREE}{quote(path)}?h={self.upstream_tag}{anchor}"


# The public stable kernel tree, where every upstream release has a tag.
UPSTREAM_TREE = "https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux.git/tree/"
_UPSTREAM_RELEASE = re.compile(r"(\d+)\.(\d+)(?:\.(\d+))?\Z")


def upstream_tag(release: str | None) -> str | None:
    """The stable tree's tag of an upstream kernel release; ``None`` for a
    distribution's (any suffix: ``-18-amd64``, ``.el9``, ``-arch1``): its sources are
    not the tag's, and guessing a link would show other code.

    >>> upstream_tag("6.1.12"), upstream_tag("6.1.0"), upstream_tag("6.8")
    ('v6.1.12', 'v6.1', 'v6.8')
    >>> upstream_tag("6.1.0-18-amd64"), upstream_tag("5.14.0-362.el9.x86_64"), upstream_tag(None)
    (None, None, None)
    """
    m = _UPSTREAM_RELEASE.match(release or "")
    if m is None:
        return None
    major, minor, patch = m.groups()
    return f"v{major}.{minor}" + (f".{patch}" if patch and patch != "0" else "")


def _kernel_links(run: Run, user: bool) -> tuple[str | None, str | None, str | None]:
    """``(upstream_tag, kernel_note, distro_release)`` for a run's report."""
    if user or not run.kernel_release:
        return None, None, None
    tag = upstream_tag(run.kernel_release)
    if tag is not None:
        return tag, None, None
    release = display_text(run.kernel_release)
    return None, (f"Kernel {release} is a distribution's build: its sources are the"
                  " distribution's, so no upstream link is given."), release


@dataclass(frozen=True)
class IndexRow:
    """One run in the archive's index page (``reporter.index``), as shown (all text,
    escaped by the template)."""

    run_id: int
    uuid: str
    page: str
    started_at: str
    host: str
    function: str
    errno: str
    verdict: str
    status: str
    invocations: int
    # A chain's root: its levels below it, as (page, function, run id); the levels
    # have no row of their own.
    levels: tuple[tuple[str, str, int], ...] = ()


@dataclass(frozen=True)
class IndexView:
    rows: tuple[IndexRow, ...]
    generated_at: str
    version: str


# -- small helpers -----------------------------------------------------------------


def slugify(path: str) -> str:
    """An anchor-safe name for a source path.

    >>> slugify("fs/demo_open.c"), slugify("/usr/src/x y/a.h"), slugify("<script>")
    ('fs-demo_open-c', 'usr-src-x-y-a-h', 'script')
    """
    slug = re.sub(r"[^A-Za-z0-9_]+", "-", path).strip("-")
    return slug or "file"


def line_anchor(slug: str, line: int, path_index: int = 1) -> str:
    """``<slug>-L<n>`` for the most frequent path, ``p<k>-<slug>-L<n>`` for others.

    >>> line_anchor("fs-open-c", 12), line_anchor("fs-open-c", 12, 2)
    ('fs-open-c-L12', 'p2-fs-open-c-L12')
    """
    base = f"{slug}-L{line}"
    return base if path_index == 1 else f"p{path_index}-{base}"


def display_text(text: str) -> str:
    """Text for display: ANSI colour escapes removed, control characters made visible
    (a newline inside a value must not start a new line), and so are bytes that were
    not UTF-8 (held surrogate-escaped, as Python reads a command line).

    >>> display_text("a\\nb\\x1b[31mc\\x00")
    'a\\\\nbc\\\\x00'
    >>> display_text("caf\\udce9")
    'caf\\\\xe9'
    """
    text = ANSI.sub("", text)
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 32 or ord(ch) == 127:
            out.append(f"\\x{ord(ch):02x}")
        elif 0xDC80 <= ord(ch) <= 0xDCFF:  # surrogateescape's stand-in for a byte
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        else:
            out.append(ch)
    return "".join(out)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis.

    >>> shorten("abcdef", 4), shorten("abc", 4)
    ('abc…', 'abc')
    """
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def listed(items: Sequence[str], shown: int, total: int) -> str:
    """The first ``shown`` of ``items`` and how many more there are in all.

    >>> listed(("1", "2", "3"), 2, 3), listed(("1000", "1001"), 2, 5431)
    ('1, 2 and 1 more', '1000, 1001 and 5429 more')
    """
    more = total - min(shown, len(items))
    return ", ".join(items[:shown]) + (f" and {more} more" if more > 0 else "")


def errno_number(raw: str) -> int | None:
    """The negative errno a value holds (64- or 32-bit hex, decimal, ERR_PTR), if any.

    >>> errno_number("0xffffffffffffffea"), errno_number("0xfffffffe"), errno_number("0x3")
    (-22, -2, None)
    >>> errno_number("-2"), errno_number("?")
    (-2, None)
    """
    value = Value.of(raw)
    n: int | None = None
    if value.kind == "hex":
        if len(raw) > 10:
            n = value.as_s64()
        elif len(raw) == 10:
            n = value.as_s32()
    elif value.kind == "decimal":
        n = value.as_int()
    if n is None or not -4095 <= n <= -1:
        return None
    return n


def errno_hint(raw: str, targets: frozenset[int]) -> str | None:
    """``-22 EINVAL`` when a value holds one of the returned errnos ``targets`` (only
    those: ``dfd=-100`` is AT_FDCWD, not ENETDOWN).

    >>> errno_hint("0xffffffffffffffea", frozenset({-22})), errno_hint("-100", frozenset({-22}))
    ('-22 EINVAL', None)
    """
    n = errno_number(raw)
    if n is None or n not in targets:
        return None
    name = name_of(-n)
    return f"{n} {name}" if name else str(n)


def return_numbers(raws: Iterable[str]) -> frozenset[int]:
    """The negative errnos among returned values (as printed)."""
    return frozenset(n for n in (errno_number(r) for r in raws) if n is not None)


def value_views(
    values: Sequence[tuple[str, str]],
    changed: Mapping[str, str | None] | None,
    targets: frozenset[int] = frozenset(),
    *,
    changed_first: bool = False,
) -> tuple[ValueView, ...]:
    """Values at a step; ``changed`` maps the names that changed to their old text;
    values holding one of ``targets`` (the returned errnos) get a decoding hint."""
    out = []
    for name, raw in values:
        is_changed = changed is not None and name in changed
        full = display_text(readable(raw))
        out.append(
            ValueView(
                name=display_text(name),
                text=shorten(full, VALUE_DISPLAY_CHARS),
                full=full,
                raw=display_text(raw),
                changed=is_changed,
                old=(
                    display_text(NOT_IN_SCOPE if changed[name] is None else changed[name] or "")
                    if changed and is_changed
                    else None
                ),
                hint=errno_hint(raw, targets),
            )
        )
    if changed_first:
        out.sort(key=lambda v: not v.changed)
    return tuple(out)


_KIND_LABELS = {
    "errno-constant": "returns an errno constant",
    "errno-assignment": "sets errno",
    "callee": "a callee returned it",
    "errno-callee": "a libc call failed",
    "macro-return": "a macro returns it",
    "switch-case": "the switch case taken",
    "unprobed": "never probed",
    "value-origin": "the value appears here",
    "last-statement": "last statement before exit",
    "goto-label": "error label",
}


def code_parts(text: str) -> tuple[tuple[str, bool], ...]:
    """``text`` split at paired backticks into ``(text, is_code)`` parts: diagnosis
    reasons quote code as `x` and the reports show it as code.

    >>> code_parts("`err` holds -22 at `x = f();`")
    (('err', True), (' holds -22 at ', False), ('x = f();', True))
    >>> code_parts("a ` b"), code_parts("")
    ((('a ` b', False),), ())
    """
    pieces = text.split("`")
    if len(pieces) % 2 == 0:  # an unpaired backtick: no code at all
        return ((text, False),) if text else ()
    return tuple((p, i % 2 == 1) for i, p in enumerate(pieces) if p)


def kind_label(kind: str) -> str:
    return _KIND_LABELS.get(kind, kind.replace("-", " "))


def confidence_word(confidence: float) -> str:
    """
    >>> confidence_word(0.9), confidence_word(0.5), confidence_word(0.1)
    ('high', 'medium', 'low')
    """
    if confidence >= 0.7:
        return "high"
    if confidence >= 0.4:
        return "medium"
    return "low"


# How a user-space -1 reads: the failure value of `errno = E; return -1`, not -EPERM.
USER_SPACE_MINUS_ONE = "-1 (errno set separately)"
_ERRNO_NAME = re.compile(r"\bE[A-Z0-9]{2,}\b")


def _errno_set_by(top: CandidateView | None) -> str:
    """For a user-space -1: the errno the verdict's line sets, in words.

    >>> _errno_set_by(None)
    'failure (errno is set separately)'
    """
    text = top.source_text if top is not None and top.source_text else ""
    for name in _ERRNO_NAME.findall(text):
        number = number_of(name)
        if number is not None:
            return f"failure: errno set to {name}, {description_of(number)}"
    return "failure (errno is set separately)"


def _user_space(diagnosis: Diagnosis) -> bool:
    """A user-space function (the gdb or uprobe backend, or a stap process target)."""
    return diagnosis.tool in ("gdb", "uprobe") or (diagnosis.target or "").startswith("process")


def errno_text(info: ErrnoInfo | None) -> str:
    """
    >>> errno_text(ErrnoInfo("-2", -2, "ENOENT", "No such file or directory", "errno"))
    '-2 (ENOENT)'
    """
    if info is None:
        return "none"
    return f"{display_text(info.raw)} ({info.name})" if info.name else display_text(info.raw)


# -- source lines ------------------------------------------------------------------


_DECLARATION = re.compile(
    r"\s*(?!return\b|goto\b|break\b|continue\b)[A-Za-z_]\w*(?:\s+|\s*\*+\s*)[\w\s*,\[\]]*;\s*\Z"
)
_LABEL = re.compile(r"\s*[A-Za-z_]\w*\s*:\s*\Z")


def _is_code(text: str) -> bool:
    """Whether a source line holds code a statement probe could stop at: not blank, a
    comment, braces alone, a label, or a declaration without initialiser. Skipping only
    such lines is falling through, not a jump.

    >>> _is_code("  }"), _is_code("// x"), _is_code("\terr = 1;"), _is_code(" } else {")
    (False, False, True, True)
    >>> _is_code("\tstruct file *f;"), _is_code("\tint fd, n;"), _is_code("out:"), _is_code("i++;")
    (False, False, False, True)
    >>> _is_code("\treturn err;"), _is_code("\tgoto out;")
    (True, True)
    """
    stripped = re.sub(r"/\*.*?\*/|//.*$", "", text).strip()
    if not stripped.strip("{};").strip():
        return False
    return not (_DECLARATION.match(stripped) or _LABEL.match(stripped))


# -- building ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    path: str
    lines: tuple[str, ...]
    origin: str
    # None: lines are shown escaped, without highlighting.
    highlighter: Highlighter | None

    def html(self, lo: int, hi: int) -> list[Markup]:
        """Lines ``lo..hi`` (1-based, inclusive) as HTML: only these are highlighted."""
        if self.highlighter is None:
            return escaped(self.lines[lo - 1 : hi])
        return self.highlighter.window(lo, hi)


def _load_sources(
    files: Mapping[str, SourceFile], highlight: bool
) -> dict[str, _Source]:
    out = {}
    for path in sorted(files):
        f = files[path]
        text = f.text.decode("utf-8", "replace").expandtabs(TAB_WIDTH)
        lines = source_lines(text)
        # What pygments saw at the file's end when it lexed the whole text.
        ends_with_newline = text[-1:] in ("\n", "\r")
        del text
        highlighter = Highlighter(path, lines, ends_with_newline) if highlight else None
        out[path] = _Source(path, lines, f.origin, highlighter)
    return out


class _Slugs:
    """A unique slug per file path, stable in order of first request."""

    def __init__(self) -> None:
        self.by_path: dict[str, str] = {}
        self.used: set[str] = set()

    def __call__(self, path: str) -> str:
        if path not in self.by_path:
            base = slugify(path)
            slug, n = base, 2
            while slug in self.used:
                slug, n = f"{base}-{n}", n + 1
            self.used.add(slug)
            self.by_path[path] = slug
        return self.by_path[path]


def _candidate_views(
    candidates: Iterable[Candidate],
    anchor_of: Mapping[tuple[str, int], str],
    sources: Mapping[str, _Source],
) -> tuple[CandidateView, ...]:
    out = []
    for rank, c in enumerate(candidates, 1):
        src = sources.get(c.file)
        html = None
        text = c.source_text
        context: tuple[tuple[int, Markup], ...] = ()
        if src is not None and 1 <= c.line <= len(src.lines):
            html = src.html(c.line, c.line)[0]
            text = text or src.lines[c.line - 1].strip()
            lo = max(1, c.line - VERDICT_CONTEXT_LINES)
            hi = min(len(src.lines), c.line + VERDICT_CONTEXT_LINES)
            context = tuple(zip(range(lo, hi + 1), src.html(lo, hi), strict=True))
        out.append(
            CandidateView(
                rank=rank,
                ref=LineRef(display_text(c.file), c.line, anchor_of.get((c.file, c.line))),
                kind=c.kind,
                kind_label=kind_label(c.kind),
                confidence_pct=round(c.confidence * 100),
                confidence_word=confidence_word(c.confidence),
                reason=display_text(c.reason),
                reason_parts=code_parts(display_text(c.reason)),
                callee=display_text(c.callee) if c.callee else None,
                next_step=c.next_step,
                source_text=text.strip() if text else None,
                source_html=html,
                context_html=context,
                why_parts=code_parts(display_text(c.condition.sentence()))
                if c.condition is not None else (),
            )
        )
    return tuple(out)


def _step_views(
    steps: Sequence[Step], anchor_of: Mapping[tuple[str, int], str], targets: frozenset[int]
) -> tuple[StepView, ...]:
    return tuple(
        StepView(
            number=s.number,
            ref=LineRef(display_text(s.file), s.line, anchor_of.get((s.file, s.line))),
            visit=s.visit,
            values=value_views(
                s.values, {c.name: c.old for c in s.changed} if s.number > 1 else None, targets
            ),
            truncated=s.truncated,
            foreign=s.foreign,
        )
        for s in steps
    )


def _steps_text(steps: Sequence[int]) -> str:
    """
    >>> _steps_text([1]), _steps_text([2, 5, 8, 11, 14, 17, 20])
    ('1', '2 5 8 11 14 …+2')
    """
    shown = " ".join(str(n) for n in steps[:MAX_STEP_MARKS])
    rest = len(steps) - MAX_STEP_MARKS
    return shown + (f" …+{rest}" if rest > 0 else "")


def _changed_visits(
    visits: Sequence[Step], targets: frozenset[int]
) -> tuple[tuple[int, tuple[ValueView, ...]], ...]:
    """Later visits of a line with the values that changed at each, the first
    ``MAX_AGAIN`` of those where something changed (a bare "step 7:" says nothing)."""
    out = []
    for s in visits:
        changed = tuple(
            v
            for v in value_views(s.values, {c.name: c.old for c in s.changed}, targets)
            if v.changed
        )
        if changed:
            out.append((s.number, changed))
            if len(out) == MAX_AGAIN:
                break
    return tuple(out)


def _windows(marked: Iterable[int], context: int, last: int) -> list[tuple[int, int]]:
    """Merged ``[lo, hi]`` line ranges around ``marked`` lines, within ``1..last``.

    >>> _windows([5, 9, 30], 2, 40)
    [(3, 11), (28, 32)]
    """
    out: list[tuple[int, int]] = []
    for n in sorted(set(marked)):
        lo, hi = max(1, n - context), min(last, n + context)
        if lo > hi:
            continue
        if out and lo <= out[-1][1] + 2:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _file_view(
    path: str,
    slug: str,
    path_index: int,
    group: PathGroup,
    src: _Source | None,
    miss: SourceMiss | None,
    candidate_rank: Mapping[tuple[str, int], int],
    unprobed: set[tuple[str, int]],
    options: RenderOptions,
) -> FileView:
    targets = return_numbers(r.raw for r in group.returns)
    steps = [s for s in group.steps if s.file == path]
    visits: dict[int, list[Step]] = {}
    for s in steps:
        visits.setdefault(s.line, []).append(s)
    unprobed_lines = {ln for f, ln in unprobed if f == path}
    cand_lines = {ln: r for (f, ln), r in candidate_rank.items() if f == path}
    exit_step = group.steps[-1] if group.steps else None
    exit_line = exit_step.line if exit_step is not None and exit_step.file == path else None
    if src is None:
        return FileView(
            path=display_text(path),
            slug=slug,
            origin=None,
            lines=(),
            gutter=Markup(""),
            gutter_width=0,
            code_width=0,
            missing=MissView(
                display_text(path),
                display_text(miss.reason) if miss else "no source was looked up for this file",
                display_text(miss.fix) if miss else "give --source-dir DIR",
            ),
            forward=0,
            backward=0,
        )
    last = len(src.lines)
    if options.full_source:
        windows = [(1, last)] if last else []
    else:
        marked = [*visits, *unprobed_lines, *cand_lines]
        windows = _windows(marked, options.context, last)
    rows: list[LineView] = []
    row_of: dict[int, int] = {}
    previous_hi = 0
    for lo, hi in windows:
        if lo > previous_hi + 1:
            rows.append(
                LineView(
                    number=previous_hi + 1,
                    anchor="",
                    text="",
                    code_html=Markup(""),
                    gap=lo - previous_hi - 1,
                )
            )
        shown = src.html(lo, hi)
        for n in range(lo, hi + 1):
            seen = visits.get(n, [])
            first = seen[0] if seen else None
            row_of[n] = len(rows)
            rows.append(
                LineView(
                    number=n,
                    anchor=line_anchor(slug, n, path_index),
                    text=src.lines[n - 1],
                    code_html=shown[n - lo],
                    executed=bool(seen),
                    candidate_rank=cand_lines.get(n),
                    unprobed=n in unprobed_lines,
                    exit=n == exit_line,
                    steps=tuple(s.number for s in seen),
                    steps_text=_steps_text([s.number for s in seen]),
                    cut_steps=tuple(s.number for s in seen if s.truncated),
                    foreign_steps=tuple(s.number for s in seen if s.foreign),
                    values=value_views(
                        first.values,
                        {c.name: c.old for c in first.changed} if first.number > 1 else None,
                        targets,
                        changed_first=True,
                    )
                    if first is not None
                    else (),
                    again=_changed_visits(seen[1:], targets),
                )
            )
        previous_hi = hi
    if windows and previous_hi < last:
        rows.append(
            LineView(
                number=previous_hi + 1,
                anchor="",
                text="",
                code_html=Markup(""),
                gap=last - previous_hi,
            )
        )
    edges: list[svg.Edge] = []
    leaves: list[int] = []
    all_steps = group.steps
    for a, b in itertools.pairwise(all_steps):
        if a.file != path:
            continue
        if b.file != path:
            if a.line in row_of:
                leaves.append(row_of[a.line])
            continue
        if a.line not in row_of or b.line not in row_of:
            continue
        if b.line > a.line:
            skipped = src.lines[a.line : b.line - 1]
            kind = svg.FORWARD if any(_is_code(t) for t in skipped) else svg.NEXT
        else:
            kind = svg.BACKWARD
        edges.append(svg.Edge(row_of[a.line], row_of[b.line], kind))
    step_rows = [row_of[s.line] for s in steps if s.line in row_of]
    forward = len({e for e in edges if e.kind == svg.FORWARD})
    backward = len({e for e in edges if e.kind == svg.BACKWARD})
    gutter = svg.draw_gutter(
        len(rows),
        step_rows,
        edges,
        exit_row=row_of.get(exit_line) if exit_line is not None else None,
        partial_start=group.partial,
        leaves=leaves,
        label=f"path drawing: {len(steps)} steps, {forward} forward jumps,"
        f" {backward} backward jumps",
    )
    width = max((len(r.text) for r in rows), default=0)
    mark_width = max(
        # The template prints the count as "\u00d7N " (a multiplication sign).
        (len(r.steps_text) + (len(f"x{r.visits} ") if r.visits > 1 else 0) for r in rows),
        default=0,
    )
    return FileView(
        path=display_text(path),
        slug=slug,
        origin=src.origin,
        lines=tuple(rows),
        gutter=Markup(gutter.svg),  # built from numbers and fixed names in reporter.svg
        gutter_width=gutter.width,
        code_width=min(max(width, CODE_COLUMNS_MIN), CODE_COLUMNS_MAX),
        missing=None,
        forward=forward,
        backward=backward,
        mark_width=max(mark_width, 6),
    )


def _invocation_views(
    group: PathGroup,
    by_ordinal: Mapping[int, Invocation],
    anchor_of: Mapping[tuple[str, int], str],
    limit: int,
) -> tuple[InvocationView, ...]:
    out = []
    limit = min(limit, max(1, MAX_INVOCATION_ROWS // max(len(group.steps), 1)))
    for ordinal in group.invocations[:limit]:
        inv = by_ordinal.get(ordinal)
        if inv is None:
            continue
        steps = []
        previous: dict[str, str] | None = None
        for i, st in enumerate(inv.statements, 1):
            values = [(n, v.raw) for n, v in st.variables]
            changed = (
                None
                if previous is None
                else {n: previous.get(n) for n, raw in values if previous.get(n) != raw}
            )
            steps.append(
                StepView(
                    number=i,
                    ref=LineRef(display_text(st.file), st.line, anchor_of.get((st.file, st.line))),
                    visit=0,
                    values=value_views(values, changed, return_numbers([inv.return_text])),
                    truncated=st.truncated,
                    foreign=st.foreign,
                )
            )
            previous = dict(values)
        out.append(
            InvocationView(
                ordinal=ordinal,
                anchor=f"inv-{ordinal}",
                execname=display_text(inv.execname),
                tid=inv.tid,
                returned=display_text(inv.return_text),
                stdout_line=inv.line_no,
                partial=inv.partial,
                steps=tuple(steps),
            )
        )
    return tuple(out)


def _duration(started: str, ended: str | None) -> str | None:
    """
    >>> _duration("2026-11-25T12:00:00.000000Z", "2026-11-25T13:01:02.500000Z")
    '1 h 1 min 2.5 s'
    """
    if not ended:
        return None
    try:
        seconds = (parse_iso(ended) - parse_iso(started)).total_seconds()
    except ValueError:
        return None
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    parts = []
    if h:
        parts.append(f"{int(h)} h")
    if h or m:
        parts.append(f"{int(m)} min")
    parts.append(f"{s:.3g} s" if s < 10 else f"{s:.1f} s".replace(".0 s", " s"))
    return " ".join(parts)


def when_text(text: str) -> str:
    """An archive timestamp for people: ``2026-11-25 12:00:00 UTC`` (as is when it is
    not in the archive's format).

    >>> when_text("2026-11-25T12:00:00.250000Z"), when_text("yesterday")
    ('2026-11-25 12:00:00 UTC', 'yesterday')
    """
    try:
        return parse_iso(text).strftime("%Y-%m-%d %H:%M:%S UTC")
    except ValueError:
        return display_text(text)


def _imported(run: Run) -> bool:
    """Whether the run's output was captured without errtrail and imported."""
    return run.origin == "import"


def _facts(run: Run, analysis: Analysis, diagnosis: Diagnosis) -> tuple[Fact, ...]:
    def shown(value: str | None) -> str | None:
        return display_text(value) if value else None

    user = _user_space(diagnosis)
    kernel: list[Fact | None] = [
        Fact("kernel release", shown(run.kernel_release) or "unknown"),
        Fact("kernel build-id", shown(run.kernel_build_id) or "not recorded", mono=True),
    ]
    target: list[Fact | None] = [
        Fact("program" if user else "target",
             display_text(diagnosis.target or shown(run.target) or "unknown"), mono=True),
        Fact("build-id" if user else "target build-id",
             display_text(run.target_build_id), mono=True)
        if run.target_build_id
        else None,
    ]
    # What the target needs first: a user-space program and its build-id, else the
    # kernel's release and build-id (a module's own after them).
    facts: list[Fact | None] = [
        *(target + kernel if user else kernel + target),
        Fact("host", shown(run.hostname) or "unknown"),
        Fact("function", display_text(diagnosis.function or shown(run.function) or "unknown"),
             True),
        Fact("condition", display_text(diagnosis.condition or shown(run.condition) or "none"),
             True),
        Fact("variable", display_text(diagnosis.variable), True) if diagnosis.variable else None,
        Fact("command", display_text(shell_join(run.command)), mono=True),
        Fact("traced command", display_text(run.traced_command), mono=True)
        if run.traced_command
        else None,
        Fact("tool", " ".join(x for x in (shown(run.tool), shown(run.tool_version)) if x))
        if run.tool
        else None,
        *(
            # An import's times are those of `errtrail-collect import`: saying "started"
            # or giving its duration would pass them off as the trace's.
            (
                Fact("imported", when_text(run.started_at)),
                Fact("duration", "unknown (captured without errtrail, then imported)"),
            )
            if _imported(run)
            else (
                Fact("started", when_text(run.started_at)),
                Fact(
                    "duration",
                    _duration(run.started_at, run.ended_at) or "unknown (no end time)",
                ),
            )
        ),
        Fact(
            "status",
            display_text(run.status + (f": {run.status_reason}" if run.status_reason else "")),
        ),
        Fact("run", f"{run.id} ({run.uuid})", mono=True),
    ]
    facts.append(_trace_fact(analysis))
    return tuple(f for f in facts if f is not None)


def _trace_fact(analysis: Analysis) -> Fact:
    """The trace in one line: matching invocations, bytes, stap's statistics, orphans."""
    inv = analysis.invocation_count
    stats = analysis.statistics
    trace = f"{inv} matching invocation(s), {analysis.stdout_bytes} stdout byte(s)"
    if stats is not None:
        counts = [
            f"{name} {getattr(stats, attr)}"
            for name, attr in (
                ("entry", "entry"),
                ("exit-hit", "exit_hit"),
                ("exit-miss", "exit_miss"),
                ("statement", "statement"),
            )
            if getattr(stats, attr, None) is not None
        ]
        trace += "; statistics: " + ", ".join(counts)
    if analysis.orphan_groups:
        trace += (
            f"; {analysis.orphan_statements} statement(s) in {analysis.orphan_groups}"
            " group(s) with no header (their call is unknown, so no path uses them)"
        )
    return Fact("trace", trace)


def _markdown(text: str | None) -> Markup | None:
    """A user's label or note as HTML: markdown-it-py, raw HTML disabled (escaped), and
    images disabled (an image would make the page fetch its URL)."""
    if not text:
        return None
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).disable("image")
    return Markup(md.render(text))  # raw HTML disabled: markdown-it escapes it


def _message_view(m: Message, anchor_of: Mapping[tuple[str, int], str]) -> MessageView:
    ref = None
    if m.file and m.line is not None:
        ref = LineRef(display_text(m.file), m.line, anchor_of.get((m.file, m.line)))
    return MessageView(
        line_no=m.line_no,
        category=m.category,
        kind=m.kind,
        text=display_text(m.raw.decode("utf-8", "replace")),
        ref=ref,
    )


def build_report(
    run: Run,
    analysis: Analysis,
    diagnosis: Diagnosis,
    sources: SourceReport | None,
    options: RenderOptions,
    *,
    highlight: bool = True,
    trail: Trail | None = None,
) -> ReportView:
    """Everything the HTML and Markdown reports show, for one run."""
    files = dict(sources.files) if sources is not None else {}
    misses = dict(sources.misses) if sources is not None else {}
    loaded = _load_sources(files, highlight)
    slug = _Slugs()
    unprobed_all = set(diagnosis.unprobed_all)
    for m in analysis.messages:
        if m.category == "unprobed" and m.file and m.line is not None:
            unprobed_all.add((m.file, m.line))
    by_ordinal = {inv.ordinal: inv for p in analysis.paths for inv in p.samples}
    total = sum(g.count for g in diagnosis.paths) or 1
    user_space = _user_space(diagnosis)

    path_views: list[PathView] = []
    first_anchors: dict[tuple[str, int], str] = {}
    anchors: set[str] = set()
    with bar("render", len(diagnosis.paths), unit="path") as progress:
        for index, group in enumerate(diagnosis.paths, 1):
            order: list[str] = []
            for s in group.steps:
                if s.file not in order:
                    order.append(s.file)
            for c in group.candidates:
                if c.file not in order:
                    order.append(c.file)
            unprobed = unprobed_all | set(group.unprobed)
            for f, _ in sorted(unprobed):
                if f not in order and any(s.file == f for s in group.steps):
                    order.append(f)
            ranks: dict[tuple[str, int], int] = {}
            for rank, c in enumerate(group.candidates, 1):
                ranks.setdefault((c.file, c.line), rank)
            file_views = tuple(
                _file_view(
                    f,
                    slug(f),
                    index,
                    group,
                    loaded.get(f),
                    misses.get(f),
                    ranks,
                    unprobed,
                    options,
                )
                for f in order
            )
            anchor_of: dict[tuple[str, int], str] = {}
            for raw_path, fv in zip(order, file_views, strict=True):
                for row in fv.lines:
                    if row.anchor:
                        anchor_of[(raw_path, row.number)] = row.anchor
                        anchors.add(row.anchor)
            if index == 1:
                first_anchors = anchor_of
            invocations = _invocation_views(group, by_ordinal, anchor_of, options.max_invocations)
            anchors.update(i.anchor for i in invocations)
            anchor = f"path-{index}"
            anchors.add(anchor)
            returns = ", ".join(
                USER_SPACE_MINUS_ONE if user_space and r.value == -1 else errno_text(r)
                for r in group.returns
            ) or "unknown"
            flags = []
            if group.partial:
                flags.append("start lost")
            path_views.append(
                PathView(
                    index=index,
                    anchor=anchor,
                    fingerprint=group.fingerprint,
                    count=group.count,
                    share_pct=f"{100 * group.count / total:.0f}%",
                    returns=returns,
                    execnames=listed(tuple(display_text(e) for e in group.execnames), 5,
                                     max(group.execname_total, len(group.execnames))),
                    tids=listed(tuple(str(t) for t in group.tids), 8,
                                max(group.tid_total, len(group.tids))),
                    partial=group.partial,
                    step_count=len(group.steps),
                    differing=tuple(display_text(v) for v in group.differing_variables),
                    repeated=tuple(
                        (LineRef(display_text(f), ln, anchor_of.get((f, ln))), times)
                        for f, ln, times in group.repeated_lines
                    ),
                    files=file_views,
                    steps=_step_views(
                        group.steps, anchor_of, return_numbers(r.raw for r in group.returns)
                    ),
                    candidates=_candidate_views(group.candidates, anchor_of, loaded),
                    invocations=invocations,
                    invocations_more=max(0, group.count - len(invocations)),
                    first_stdout_line=group.first_position,
                    summary=_path_summary(group),
                )
            )
            progress.update()

    top_group = diagnosis.paths[0] if diagnosis.paths else None
    cands = path_views[0].candidates if path_views else ()
    returned = diagnosis.returned
    errno_name = returned.name if returned else None
    errno_description = returned.description if returned else None
    if user_space and returned is not None and returned.value == -1:
        # `errno = E; return -1`: -1 is no errno (not EPERM); name the errno the
        # verdict's line sets, when it sets one.
        errno_name, errno_description = None, _errno_set_by(cands[0] if cands else None)
    verdict = VerdictView(
        function=display_text(diagnosis.function or run.function or "the function"),
        returned_raw=display_text(returned.raw) if returned else None,
        errno_name=errno_name,
        errno_description=errno_description,
        errno_form=returned.form if returned else None,
        top=cands[0] if cands else None,
        others=cands[1:],
        notes=tuple(display_text(n) for n in diagnosis.notes),
        invocations=sum(g.count for g in diagnosis.paths),
        paths=len(diagnosis.paths),
        nothing_ran=analysis.nothing_ran,
    )
    del top_group
    links = _kernel_links(run, user_space)
    stderr = split_run_stderr(run, analysis.messages)
    warnings = tuple(
        _message_view(m, first_anchors) for m in stderr.tracer if m.category != "progress"
    )
    program_stderr = tuple(_message_view(m, first_anchors) for m in stderr.program)
    label = run.label
    orphans = analysis.orphans
    title_fn = verdict.function
    title = f"{title_fn}: " + (
        f"{verdict.returned_raw} {verdict.errno_name or ''}".strip()
        if verdict.returned_raw
        else "nothing ran"
        if verdict.nothing_ran
        else "no matching call"
    )
    return ReportView(
        title=title,
        run_id=run.id,
        run_uuid=run.uuid,
        status=run.status,
        started_at=when_text(run.started_at),
        started_label="imported" if _imported(run) else "started",
        generated_at=options.generated_at,
        version=options.version,
        verdict=verdict,
        facts=_facts(run, analysis, diagnosis),
        label=display_text(label) if label else None,
        label_html=_markdown(label),
        note_html=_markdown(run.note),
        warnings=warnings,
        program_stderr=program_stderr,
        upstream_tag=links[0],
        kernel_note=links[1],
        distro_release=links[2],
        tracer={"stap": "stap", "gdb": "gdb", "uprobe": "the uprobe tracer"}.get(run.tool,
                                                                         "the command"),
        progress_lines=sum(1 for m in analysis.messages if m.category == "progress"),
        unprobed=tuple(
            LineRef(display_text(f), ln, first_anchors.get((f, ln)))
            for f, ln in sorted(unprobed_all)
        ),
        paths=tuple(path_views),
        trail=trail_view(trail),
        source_notes=tuple(display_text(n) for n in (sources.notes if sources else ())),
        missing_sources=tuple(
            MissView(display_text(p), display_text(m.reason), display_text(m.fix))
            for p, m in sorted(misses.items())
        ),
        anchors=frozenset(anchors),
        orphans=tuple(
            OrphanView(
                stdout_line=o.line_no,
                count=o.statement_count,
                steps=_step_views(
                    build_steps(o.statements[:MAX_ORPHAN_STEPS]), first_anchors, frozenset()
                ),
                truncated=o.truncated,
            )
            for o in orphans[:MAX_ORPHAN_GROUPS]
        ),
        orphans_more=max(0, analysis.orphan_groups - min(len(orphans), MAX_ORPHAN_GROUPS)),
    )


def _path_summary(group: PathGroup) -> str:
    """A compact ``file:line`` list of the path (``fs/x.c:25,32-34,60``), or what a
    header without statements means."""
    if not group.steps:
        return "no statements: all lost (buffers wrapped or events dropped)"
    out: list[str] = []
    current: str | None = None
    run_start = run_end = -1
    pieces: list[str] = []

    def flush() -> None:
        if run_start >= 0:
            pieces.append(str(run_start) if run_start == run_end else f"{run_start}-{run_end}")

    for s in group.steps:
        if s.file != current:
            flush()
            if current is not None:
                out.append(f"{display_text(current)}:{','.join(pieces)}")
            current, pieces, run_start, run_end = s.file, [], s.line, s.line
            continue
        if s.line == run_end + 1:
            run_end = s.line
        else:
            flush()
            run_start = run_end = s.line
    flush()
    if current is not None:
        out.append(f"{display_text(current)}:{','.join(pieces)}")
    return " ".join(out)


def now_iso() -> str:
    """The current UTC time, for ``generated_at`` when none is given (honours
    ``SOURCE_DATE_EPOCH``, the reproducible-builds convention)."""
    import os
    from datetime import timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (
        datetime.fromtimestamp(int(epoch), timezone.utc)
        if epoch and epoch.isdigit()
        else datetime.now(timezone.utc)
    )
    return when.replace(microsecond=0).isoformat()


def default_options(
    generated_at: str | None = None, context: int = DEFAULT_CONTEXT, full_source: bool = False
) -> RenderOptions:
    """Options with this errtrail's version and ``generated_at`` (default: ``now_iso``)."""
    from collector import __version__

    return RenderOptions(
        generated_at=generated_at or now_iso(),
        version=__version__,
        context=context,
        full_source=full_source,
    )
