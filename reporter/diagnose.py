"""Diagnosis: which lines most likely produced a run's errno, with the evidence.

This module owns turning a parsed run (``reporter.parse.ParsedRun``), its archive row
(``collector.archive.Run``) and, when known, the traced source files into a
``Diagnosis``: the paths grouped by statement sequence, the errno decoded, unprobed
lines, the value origin and the ranked candidates. Others call:

- ``diagnose(parsed, run, sources)``: ``sources`` maps a trace path (as the
  statements name it) to the file's bytes; ``None`` or missing files are fine.
- ``diagnosis_json(d)``: the stable JSON shape below; ``format_text(d)``: the
  ``errtrail-report diagnose`` text (verdict first).
- ``decode_return``, ``condition_errnos``, ``build_steps``, ``fingerprint``.

The renderers read the frozen dataclasses below (``Diagnosis`` and what it holds).

How candidates are found, for each path (what an engineer does by hand with
whythefail's output, ``less -N`` and grep):

1. The *last statement* before the exit (gcc emits the closing brace's line last:
   the exit line). With source: a ``return -EXXX``, a ``return f(...)``, a returning
   macro there is the answer; a backward jump at the end to an earlier ``return``
   line is a return gcc merged, and its twin after the jump's origin is the one that
   ran.
2. ``errno = E; return -1`` (user space): the last executed ``errno =`` /
   ``__set_errno`` line.
3. The *value origin*: the first step at which a variable holds the return value
   (its s64, s32 or ERR_PTR form). Values are read before a statement runs (stap's
   statement probes and gdb's breakpoints both fire at its first instruction), so
   the step before set it: a ``-EXXX`` or a call there names the culprit.
4. *Unprobed* statements (stap registration failures on stderr) between the last
   statement and the exit, in source order, or between the origin and its holder:
   they may have run unseen (the seed article's ``perf_copy_attr()``).
5. With source: the lines of the branch taken after the last statement (an
   ``if (err)`` whose traced value is 0 was not taken), searched for ``return -EXXX``,
   ``err = -EXXX; goto``, ``goto`` to an error label, and calls.
6. With source: the lines of the function producing the returned ``-EXXX`` when none
   of them was traced (optimised code merges them into other statements).

Candidates are ranked by confidence (fixed weights per kind of evidence, lowered when
the return value is weak evidence such as -1 or 0, and for partial paths), ties by
kind. Paths are grouped by the sha1 of their ``file:line`` sequence.

JSON (``diagnosis_json``; keys are only ever added, never removed)::

    {
      "run": {"id": 3, "uuid": "..."},
      "tool": "stap" | "gdb", "target": "kernel", "function": "...",
      "condition": "$return == -22", "variable": null,
      "condition_errnos": [ERRNO, ...],
      "return": ERRNO | null,        # of the most frequent path
      "paths": [                     # most frequent first, then by first position
        {
          "fingerprint": "b2c10de585fb", "count": 1,
          "statements": [{"file": "kernel/events/core.c", "line": 12049}, ...],
          "candidates": [            # most likely first
            {"file": "...", "line": 12057, "kind": "unprobed", "confidence": 0.75,
             "reason": "...",
             "callee": "perf_copy_attr",             # where known
             "next_step": "stap --example ...",      # where known
             "source_text": "err = perf_copy_attr(attr_uptr, &attr);"}  # with source
          ],
          "steps": [STEP, ...], "invocations": [0], "first_position": 2,
          "last_position": 2, "execnames": ["myprogram"], "tids": [20919],
          "returns": [ERRNO, ...], "differing_variables": ["c"],
          "last_statement": STEP | null, "exit_line": STEP | null,
          "repeated_lines": [{"file": "...", "line": 11, "times": 5}],
          "unprobed": [{"file": "...", "line": 12057}],
          "value_origin": STEP | null, "partial": false
        }
      ],
      "unprobed": [{"file": "...", "line": 12057}],   # every registration failure
      "with_sources": true, "notes": ["..."]
    }
    ERRNO = {"value": -22, "errno": "EINVAL", "description": "Invalid argument",
             "raw": "-22", "form": "errno" | "err_ptr" | "positive" | "zero" |
             "pointer" | "unknown"}
    STEP = {"step": 3, "file": "...", "line": 12054, "visit": 1,
            "values": [["err", "0x0"], ...],
            "changed": [{"name": "err", "old": "?", "new": "0x0"}],
            "truncated": false, "foreign": false}

Candidate kinds: ``errno-constant``, ``errno-assignment``, ``callee``,
``macro-return``, ``value-origin``, ``unprobed``, ``goto-label``,
``last-statement``, ``previous-statement``. ``errtrail-report diagnose --json`` adds
``sources`` (``found`` and ``missing`` trace paths).
"""

from __future__ import annotations

import hashlib
import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from collector.archive import Message, Run
from collector.condition import Binary, ConditionError, Node, Num, Return, Unary, parse_condition
from reporter.errnos import description_of, err_ptr_errno, name_of, number_of
from reporter.parse import Invocation, OrphanStatements, ParsedRun, Statement
from reporter.values import Value


@dataclass(frozen=True)
class ErrnoInfo:
    """A return value (or condition constant) decoded.

    ``form``: ``errno`` (-E), ``err_ptr`` (an ``ERR_PTR(-E)`` pointer), ``positive``,
    ``zero``, ``pointer``, ``unknown``.
    """

    raw: str
    value: int | None
    name: str | None
    description: str | None
    form: str


@dataclass(frozen=True)
class VariableChange:
    """A variable whose printed value differs from the previous step's."""

    name: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Step:
    """One executed statement of a path."""

    number: int
    file: str
    line: int
    visit: int
    values: tuple[tuple[str, str], ...]
    changed: tuple[VariableChange, ...]
    truncated: bool
    foreign: bool


@dataclass(frozen=True)
class Candidate:
    """A line that may have produced the errno, with why."""

    file: str
    line: int
    kind: str
    confidence: float
    reason: str
    callee: str | None = None
    next_step: str | None = None
    source_text: str | None = None


@dataclass(frozen=True)
class PathGroup:
    """Invocations with the same statement sequence."""

    fingerprint: str
    count: int
    steps: tuple[Step, ...]
    invocations: tuple[int, ...]
    first_position: int
    last_position: int
    execnames: tuple[str, ...]
    tids: tuple[int, ...]
    returns: tuple[ErrnoInfo, ...]
    differing_variables: tuple[str, ...]
    last_statement: Step | None
    exit_line: Step | None
    repeated_lines: tuple[tuple[str, int, int], ...]
    unprobed: tuple[tuple[str, int], ...]
    value_origin: Step | None
    partial: bool
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class Diagnosis:
    """The whole verdict for one run."""

    run_id: int
    run_uuid: str
    target: str | None
    function: str | None
    condition: str | None
    variable: str | None
    returned: ErrnoInfo | None
    paths: tuple[PathGroup, ...]
    unprobed_all: tuple[tuple[str, int], ...]
    with_sources: bool
    notes: tuple[str, ...]
    condition_errnos: tuple[ErrnoInfo, ...] = ()   # errnos the condition names
    tool: str | None = None                        # "stap" or "gdb"


# -- everything below is the logic ------------------------------------------------


# -- errno decoding --------------------------------------------------------------


def decode_return(raw: str) -> ErrnoInfo:
    """A printed ``$return`` (or any value text) decoded to an errno where it is one.

    >>> decode_return("-22")
    ErrnoInfo(raw='-22', value=-22, name='EINVAL', description='Invalid argument', form='errno')
    >>> decode_return("0xfffffffffffffffe").name, decode_return("0xfffffffffffffffe").form
    ('ENOENT', 'err_ptr')
    >>> decode_return("-512").name, decode_return("0").form, decode_return("3").form
    ('ERESTARTSYS', 'zero', 'positive')
    >>> decode_return("0xffff88802b21d000").form, decode_return("?").form
    ('pointer', 'unknown')
    """
    value = Value.of(raw)
    n = value.as_int()
    if n is None:
        return ErrnoInfo(raw, None, None, None, "unknown")
    if n == 0:
        return ErrnoInfo(raw, 0, None, None, "zero")
    if value.kind == "hex":
        e = err_ptr_errno(n)
        if e is not None:
            return ErrnoInfo(raw, n, name_of(-e), description_of(-e), "err_ptr")
        return ErrnoInfo(raw, n, None, None, "pointer")
    if n > 0:
        return ErrnoInfo(raw, n, None, None, "positive")
    if n >= -4095:
        return ErrnoInfo(raw, n, name_of(-n), description_of(-n), "errno")
    return ErrnoInfo(raw, n, None, None, "unknown")


def _errno_of_number(n: int) -> ErrnoInfo:
    if n < 0:
        return ErrnoInfo(str(n), n, name_of(-n), description_of(-n), "errno")
    if n == 0:
        return ErrnoInfo("0", 0, None, None, "zero")
    e = err_ptr_errno(n)
    if e is not None:
        return ErrnoInfo(hex(n), n, name_of(-e), description_of(-e), "err_ptr")
    # A positive value is not named: few functions return a positive errno
    # (pthread's do), and guessing would mislabel counts and sizes.
    return ErrnoInfo(str(n), n, None, None, "positive")


def condition_errnos(text: str | None) -> tuple[ErrnoInfo, ...]:
    """The errnos a whythefail CONDITION compares ``$return`` with (``==``/``!=``).

    >>> [e.name for e in condition_errnos("$return == -22")]
    ['EINVAL']
    >>> [e.name for e in condition_errnos("$return == -2 || $return == 0xfffffffffffffff4")]
    ['ENOENT', 'ENOMEM']
    >>> condition_errnos("$return < 0"), condition_errnos("not a condition")
    ((), ())
    """
    if not text:
        return ()
    try:
        tree = parse_condition(text).tree
    except ConditionError:
        return ()
    found: list[int] = []

    def walk(node: Node) -> None:
        if isinstance(node, Binary):
            if node.op in ("==", "!="):
                for a, b in ((node.left, node.right), (node.right, node.left)):
                    if isinstance(a, Return) and isinstance(b, Num) and b.value != 0:
                        found.append(b.value)
            walk(node.left)
            walk(node.right)
        elif isinstance(node, Unary):
            walk(node.operand)

    walk(tree)
    out: list[ErrnoInfo] = []
    for n in found:
        info = _errno_of_number(n)
        if info not in out:
            out.append(info)
    return tuple(out)


# -- source text -------------------------------------------------------------------

_ERRNO_CONST = re.compile(r"-\s*\(?\s*(E[A-Z0-9_]{2,})\b")
_RETURN = re.compile(r"^\s*(?:[A-Za-z_]\w*\s*:\s*)?return\b")
_ERRNO_ASSIGN = re.compile(
    r"\berrno\s*=\s*(E[A-Z0-9_]+)\b|__set_errno\s*\(\s*(E[A-Z0-9_]+)\s*\)"
)
_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
# `return x;`, `return ctx->err;`, `return s.status;`, `return (ret);`
_RETURN_EXPR = re.compile(
    r"\breturn\s+\(?\s*([A-Za-z_]\w*(?:(?:\.|->)[A-Za-z_]\w*|\[[^\]]*\])*)\s*\)?\s*;"
)
_GOTO = re.compile(r"\bgoto\s+([A-Za-z_]\w*)\s*;")
_IF_VAR = re.compile(r"^\s*(?:}\s*else\s+)?if\s*\(\s*(!?)\s*([A-Za-z_]\w*)\s*\)\s*(\{?)\s*$")
_DEFINE = re.compile(r"^\s*#\s*define\s+([A-Za-z_]\w*)\(")
# Not callees: C keywords and kernel/libc helpers that wrap a value rather than
# compute it (include/linux/err.h, compiler.h, bug.h).
_NOT_CALLEES = frozenset(
    {
        "if", "while", "for", "switch", "return", "sizeof", "typeof", "__typeof__", "alignof",
        "_Alignof", "defined", "ERR_PTR", "PTR_ERR", "IS_ERR", "IS_ERR_OR_NULL", "ERR_CAST",
        "PTR_ERR_OR_ZERO", "likely", "unlikely", "WARN_ON", "WARN_ON_ONCE", "BUG_ON",
        "READ_ONCE", "WRITE_ONCE", "__set_errno", "offsetof", "container_of", "min", "max",
        "min_t", "max_t",
    }
)


def _errno_constant(text: str) -> str | None:
    """The first ``-EXXX`` on a line that names a real errno."""
    for m in _ERRNO_CONST.finditer(text):
        if number_of(m.group(1)) is not None:
            return m.group(1)
    return None


def _callee(text: str) -> str | None:
    """The function a line calls (the first call that is not a keyword or wrapper)."""
    code = text.split("//", 1)[0]
    for m in _CALL.finditer(code):
        name = m.group(1)
        if name not in _NOT_CALLEES and not name.isupper():
            return name
    return None


def _strip_comments(lines: list[str]) -> list[str]:
    """Lines with ``/* */`` and ``//`` comments blanked (line numbers kept)."""
    out: list[str] = []
    in_comment = False
    for line in lines:
        res = []
        i = 0
        while i < len(line):
            if in_comment:
                end = line.find("*/", i)
                if end < 0:
                    i = len(line)
                else:
                    in_comment = False
                    i = end + 2
                continue
            if line.startswith("/*", i):
                in_comment = True
                i += 2
                continue
            if line.startswith("//", i):
                break
            res.append(line[i])
            i += 1
        out.append("".join(res))
    return out


@dataclass(frozen=True)
class _Source:
    """One source file: raw lines for display, code lines (comments blanked) to read."""

    lines: tuple[str, ...]
    code: tuple[str, ...]
    returning_macros: Mapping[str, str | None]  # macro name -> errno it returns, if any

    @classmethod
    def of(cls, data: bytes) -> _Source:
        lines = data.decode("utf-8", "replace").splitlines()
        code = _strip_comments(lines)
        macros: dict[str, str | None] = {}
        i = 0
        while i < len(code):
            m = _DEFINE.match(code[i])
            if m:
                body = code[i]
                while body.rstrip().endswith("\\") and i + 1 < len(code):
                    i += 1
                    body += "\n" + code[i]
                if re.search(r"\breturn\b", body):
                    macros[m.group(1)] = _errno_constant(body)
            i += 1
        return cls(tuple(lines), tuple(code), macros)

    def text(self, line: int) -> str | None:
        return self.lines[line - 1].strip() if 0 < line <= len(self.lines) else None

    def code_at(self, line: int) -> str:
        return self.code[line - 1] if 0 < line <= len(self.code) else ""

    def macro_at(self, line: int) -> tuple[str, str | None] | None:
        for m in _CALL.finditer(self.code_at(line)):
            if m.group(1) in self.returning_macros:
                return m.group(1), self.returning_macros[m.group(1)]
        return None


def _same_file(a: str, b: str) -> bool:
    """Whether two paths name the same file (one may be relative to a build tree)."""
    return a == b or a.endswith("/" + b) or b.endswith("/" + a)


# -- the path ----------------------------------------------------------------------


def build_steps(statements: Sequence[Statement]) -> tuple[Step, ...]:
    """Statements as numbered steps with visit counts and the variables that changed.

    >>> st = lambda n, v: Statement("a", 1, "f.c", n, "$$vars", v, 0, 0, 0, b"")
    >>> steps = build_steps([st(3, "x=0x0 y=?"), st(4, "x=0x1 y=?"), st(3, "x=0x1")])
    >>> [(s.number, s.line, s.visit) for s in steps]
    [(1, 3, 1), (2, 4, 1), (3, 3, 2)]
    >>> steps[1].changed
    (VariableChange(name='x', old='0x0', new='0x1'),)
    >>> steps[2].changed
    (VariableChange(name='y', old='?', new=None),)

    A line cut at MAXSTRINGLEN lost its last variables and cut the one before them:
    neither is a change, and the next step compares with the last values seen.

    >>> cut = Statement("a", 1, "f.c", 5, "$$vars", "x=0x1 y=0x2 ab", 0, 0, 0, b"", True)
    >>> steps = build_steps([st(4, "x=0x0 y=0x2 abc=0x3"), cut, st(6, "x=0x1 y=0x2 abc=0x3")])
    >>> steps[1].changed, steps[2].changed
    ((VariableChange(name='x', old='0x0', new='0x1'),), ())
    """
    out: list[Step] = []
    visits: dict[tuple[str, int], int] = {}
    prev: dict[str, str] | None = None
    for number, st in enumerate(statements, 1):
        key = (st.file, st.line)
        visits[key] = visits.get(key, 0) + 1
        values = tuple((name, v.raw) for name, v in st.variables)
        # On a cut line (st.truncated) the cut value, and every variable printed after
        # it, are unknown rather than changed or gone.
        known = {name: v.raw for name, v in st.variables if not v.truncated}
        changed: list[VariableChange] = []
        if prev is not None:
            for name, raw in values:
                if name in known and prev.get(name) != raw:
                    changed.append(VariableChange(name, prev.get(name), raw))
            if not st.truncated:
                changed.extend(
                    VariableChange(n, old, None) for n, old in prev.items() if n not in known
                )
        out.append(
            Step(number, st.file, st.line, visits[key], values, tuple(changed), st.truncated,
                 st.foreign)
        )
        prev = {**(prev or {}), **known} if st.truncated else known
    return tuple(out)


def fingerprint(steps: Sequence[Step] | Sequence[Statement]) -> str:
    """sha1 over ``file:line\\n`` of every step, first 12 hex digits.

    >>> fingerprint([])
    'da39a3ee5e6b'
    """
    h = hashlib.sha1()
    for s in steps:
        h.update(f"{s.file}:{s.line}\n".encode())
    return h.hexdigest()[:12]


def _targets(ret: ErrnoInfo) -> frozenset[int]:
    """Integers a variable holding the return value may show (s64 and s32 forms)."""
    n = Value.of(ret.raw).as_s64()
    if n is None or n == 0:
        return frozenset()
    return frozenset({n})


def _holds(raw: str, targets: frozenset[int]) -> bool:
    if not targets:
        return False
    v = Value.of(raw)
    if v.truncated or v.kind not in ("hex", "decimal", "char"):
        return False
    return v.as_s64() in targets or v.as_s32() in targets


def _value_origin(steps: Sequence[Step], targets: frozenset[int]) -> tuple[int, str] | None:
    """(index, variable) of the first step where a variable newly holds the value."""
    for k in range(1, len(steps)):
        before = dict(steps[k - 1].values)
        for name, raw in steps[k].values:
            if _holds(raw, targets) and not _holds(before.get(name, "?"), targets):
                return k, name
    return None


# -- candidates --------------------------------------------------------------------

# Ties in confidence are broken by how direct the evidence of a kind is.
_KIND_ORDER = (
    "errno-constant",
    "errno-assignment",
    "callee",
    "macro-return",
    "value-origin",
    "unprobed",
    "goto-label",
    "last-statement",
    "previous-statement",
)


def _kind_rank(kind: str) -> int:
    return _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)


@dataclass(frozen=True)
class _Context:
    run: Run
    tool: str
    target: str | None
    function: str | None
    condition: str | None
    sources: Mapping[str, _Source]
    unprobed: tuple[tuple[str, int, int | None], ...]  # (file, line, rc), source order
    # The highest line traced anywhere in the run (every path and headerless group),
    # per file: a path that stops below it did not reach the closing brace.
    highest: Mapping[str, int] | None = None

    def source(self, file: str) -> _Source | None:
        if file in self.sources:
            return self.sources[file]
        for path, src in sorted(self.sources.items()):
            if _same_file(path, file):
                return src
        return None

    def next_step(self, callee: str | None) -> str | None:
        """The command that traces ``callee`` the same way this run traced its function."""
        if callee is None:
            return None
        condition = shlex.quote(self.condition or "$return < 0")
        if self.tool == "gdb":
            cmd = list(self.run.command)
            if "--" in cmd:
                rest = cmd[cmd.index("--") + 1 :]
                return f"errtrail-collect gdb {callee} {condition} -- {shlex.join(rest)}"
            if "-p" in cmd and cmd.index("-p") + 1 < len(cmd):
                pid = cmd[cmd.index("-p") + 1]
                return f"errtrail-collect gdb -p {shlex.quote(pid)} {callee} {condition}"
            return f"errtrail-collect gdb {callee} {condition} -- PROGRAM [ARGS...]"
        target = shlex.quote(self.target or "kernel")
        return f"stap --example whythefail.stp {target} {callee} {condition}"


def _is_exit(
    step: Step, steps: Sequence[Step], src: _Source | None, highest: int | None = None
) -> bool:
    """Whether the last step is the function's closing line (gcc's epilogue line).

    Without source the closing brace is taken to be the highest line of the function:
    of this path, and of everything the run traced in that file (``highest``), so
    that a path cut short (lost events, an interrupted run) is not said to exit.
    """
    if len(steps) < 2:
        return False
    if src is not None and src.text(step.line) is not None:
        return src.code_at(step.line).strip() == "}"
    if highest is not None and step.line < highest:
        return False
    return all(s.line < step.line for s in steps[:-1] if s.file == step.file)


class _Collector:
    """Candidates keyed by line; the strongest evidence for a line wins."""

    def __init__(self, ctx: _Context) -> None:
        self.ctx = ctx
        self.by_line: dict[tuple[str, int], Candidate] = {}

    def add(
        self,
        file: str,
        line: int,
        kind: str,
        confidence: float,
        reason: str,
        callee: str | None = None,
    ) -> None:
        src = self.ctx.source(file)
        text = src.text(line) if src is not None else None
        cand = Candidate(
            file=file,
            line=line,
            kind=kind,
            confidence=round(max(0.0, min(1.0, confidence)), 2),
            reason=reason,
            callee=callee,
            next_step=self.ctx.next_step(callee),
            source_text=text,
        )
        old = self.by_line.get((file, line))
        if old is None or (cand.confidence, -_kind_rank(kind)) > (
            old.confidence,
            -_kind_rank(old.kind),
        ):
            self.by_line[(file, line)] = cand

    def ranked(self) -> tuple[Candidate, ...]:
        return tuple(
            sorted(
                self.by_line.values(),
                key=lambda c: (-c.confidence, _kind_rank(c.kind), c.file, c.line),
            )
        )


def _errno_text(ret: ErrnoInfo) -> str:
    if ret.name:
        return f"{ret.raw}, {ret.name}"
    return ret.raw


def _line_evidence(
    src: _Source, line: int
) -> tuple[str, float, str | None, str] | None:
    """What a source line alone says: (kind, confidence, callee, what it does)."""
    code = src.code_at(line)
    const = _errno_constant(code)
    if _RETURN.search(code) or re.search(r"\breturn\b", code):
        if const:
            return "errno-constant", 0.95, None, f"returns -{const}"
        callee = _callee(code.split("return", 1)[1])
        if callee:
            return "callee", 0.9, callee, f"returns what {callee}() returns"
        return None
    if const:
        return "errno-constant", 0.85, None, f"sets -{const}"
    macro = src.macro_at(line)
    if macro is not None:
        name, errno = macro
        what = f"returns -{errno}" if errno else "can return"
        return "macro-return", 0.85, None, f"uses macro {name}() which {what}"
    callee = _callee(code)
    if callee:
        return "callee", 0.6, callee, f"calls {callee}()"
    return None


def _branch_lines(src: _Source, last: Step, taken: bool | None, stop: int) -> list[int]:
    """Code lines after ``last`` up to ``stop`` that the branch taken may have run.

    When ``last`` is ``if (var)`` and the traced value of ``var`` says the branch was
    not taken, its body is skipped.
    """
    start = last.line + 1
    if taken is False:
        j = start
        while j < stop and not src.code_at(j).strip():
            j += 1
        if src.code_at(last.line).rstrip().endswith("{") or src.code_at(j).strip().startswith("{"):
            depth = src.code_at(last.line).count("{") - src.code_at(last.line).count("}")
            k = last.line + 1
            while k < stop:
                depth += src.code_at(k).count("{") - src.code_at(k).count("}")
                if depth <= 0:
                    break
                k += 1
            start = k + 1
        else:
            while j < stop and not src.code_at(j).rstrip().endswith(";"):
                j += 1
            start = j + 1
    return [n for n in range(start, stop) if src.code_at(n).strip()]


def _function_extent(src: _Source, lines: Sequence[int]) -> tuple[int, int]:
    """First and last line of the function whose statements are ``lines``.

    From the first traced line, the first ``{`` opens the body; the brace that
    closes it ends the function. Falls back to the traced range.
    """
    if not lines:
        return (0, -1)
    start, end = min(lines), max(lines)
    depth = 0
    opened = False
    for n in range(start, min(len(src.code), start + 5000) + 1):
        code = src.code_at(n)
        for ch in code:
            if ch == "{":
                depth += 1
                opened = True
            elif ch == "}":
                depth -= 1
        if opened and depth <= 0:
            return (start, max(n, end))
    return (start, end)


def _branch_taken(src: _Source, last: Step) -> bool | None:
    """For ``if (var)`` / ``if (!var)``: whether the traced value takes the branch."""
    m = _IF_VAR.match(src.code_at(last.line))
    if m is None:
        return None
    raw = dict(last.values).get(m.group(2))
    if raw is None:
        return None
    n = Value.of(raw).as_int()
    if n is None:
        return None
    return (n != 0) != (m.group(1) == "!")


def _candidates(
    ctx: _Context,
    steps: tuple[Step, ...],
    ret: ErrnoInfo,
    exit_step: Step | None,
    last: Step | None,
    origin: tuple[int, str] | None,
    unprobed: Sequence[tuple[str, int, int | None]],
    partial: bool,
) -> tuple[Candidate, ...]:
    out = _Collector(ctx)
    if last is None:
        return ()
    body = steps[:-1] if exit_step is not None else steps
    exit_txt = f" the exit at line {exit_step.line}" if exit_step else " the end of the trace"
    n_ret = Value.of(ret.raw).as_s64()
    # -1 (errno style), small positive values and 0 appear in many variables by chance.
    weak = n_ret is None or n_ret in (-1, 0, 1) or (n_ret > 0 and ret.form != "pointer")
    errno_style = (n_ret == -1 and ctx.tool == "gdb") or (n_ret == -1 and ctx.target is not None
                                                       and ctx.target.startswith("process"))
    src_last = ctx.source(last.file)
    strong = False

    # 1. The last statement executed before the exit.
    merged = (
        len(body) >= 2
        and body[-1].file == body[-2].file
        and body[-1].line < body[-2].line
        and src_last is not None
        and bool(_RETURN.match(src_last.code_at(body[-1].line)))
    )
    if src_last is not None:
        ev = _line_evidence(src_last, last.line)
        if ev is not None:
            kind, conf, callee, what = ev
            if kind == "callee" and conf < 0.9:
                # A call whose result is not visibly returned: its return line may
                # have been merged or left unprobed, so it is only a fair guess.
                conf = 0.55
            out.add(
                last.file,
                last.line,
                kind,
                conf,
                f"Line {last.line} (step {last.number}) is the last statement executed before"
                f"{exit_txt} and {what}.",
                callee,
            )
            strong = conf >= 0.85
        else:
            out.add(
                last.file,
                last.line,
                "last-statement",
                0.3,
                f"Line {last.line} (step {last.number}) is the last statement executed before"
                f"{exit_txt}.",
            )
    else:
        out.add(
            last.file,
            last.line,
            "last-statement",
            (0.4 if errno_style else 0.5) if origin is None and not unprobed else 0.3,
            f"Line {last.line} (step {last.number}) is the last statement traced before"
            f"{exit_txt}; without its source the trace cannot say more about it.",
        )
        before = [s for s in body if (s.file, s.line) != (last.file, last.line)]
        if before:
            prev = before[-1]
            out.add(
                prev.file,
                prev.line,
                "previous-statement",
                0.5 if errno_style and origin is None else 0.2,
                f"Line {prev.line} (step {prev.number}) runs just before the last statement"
                f" (line {last.line})"
                + (
                    ": a user-space function returning -1 usually sets errno on the line"
                    " before its `return -1`."
                    if errno_style
                    else "; it may have chosen the error the last statement returns."
                    if ret.form in ("errno", "err_ptr")
                    else "; it may have chosen the value the last statement returns."
                ),
            )
    if merged and src_last is not None:
        # gcc merges identical returns: the path jumps back to an earlier `return`
        # line at the end. The return that ran is the twin of that line in the
        # branch of the statement before the jump, when the source has one.
        prev = body[-2]
        shared = src_last.code_at(last.line).strip()
        old = out.by_line.get((last.file, last.line))
        if old is not None:
            out.by_line[(last.file, last.line)] = Candidate(
                old.file, old.line, old.kind, min(old.confidence, 0.5),
                old.reason[:-1] + ", but the path jumped back to it: gcc may have merged"
                " other returns into it.", old.callee, old.next_step, old.source_text,
            )
        twin = next(
            (
                n
                for n in range(prev.line + 1, min(prev.line + 4, len(src_last.code) + 1))
                if src_last.code_at(n).strip()
            ),
            None,
        )
        if twin is not None and src_last.code_at(twin).strip() == shared:
            ev = _line_evidence(src_last, twin)
            kind, _, callee, what = ev if ev else ("last-statement", 0.0, None, "returns")
            out.add(
                last.file,
                twin,
                kind,
                0.9,
                f"Line {twin} follows line {prev.line}, the last statement before the path"
                f" jumped back to line {last.line}, and is the same `{shared}`: gcc merged"
                f" the two, so line {twin} is the return that ran; it {what}.",
                callee,
            )
        else:
            ev = _line_evidence(src_last, prev.line)
            kind, conf, callee, what = ev if ev else ("last-statement", 0.6, None, "jumps to it")
            out.add(
                prev.file,
                prev.line,
                kind,
                max(conf, 0.6),
                f"Line {prev.line} (step {prev.number}) runs just before the jump back to the"
                f" shared return at line {last.line} (a return gcc merged) and {what}.",
                callee,
            )
    elif len(body) >= 2 and body[-1].line < body[-2].line and src_last is None:
        prev = body[-2]
        out.add(
            prev.file,
            prev.line,
            "last-statement",
            0.35,
            f"Line {prev.line} (step {prev.number}) runs just before a backward jump to line"
            f" {last.line}, which may be a return gcc merged with others.",
        )

    # 2. errno = E; return -1 (user space).
    if errno_style:
        found = 0
        for st in reversed(body):
            src = ctx.source(st.file)
            if src is None:
                continue
            m = _ERRNO_ASSIGN.search(src.code_at(st.line))
            if m:
                name = m.group(1) or m.group(2)
                out.add(
                    st.file,
                    st.line,
                    "errno-assignment",
                    0.93 if not found else 0.5,
                    f"The function returned -1 and line {st.line} (step {st.number}) sets errno"
                    f" to {name}" + (" last" if not found else " earlier") + " on the path.",
                )
                found += 1
                strong = True

    # 3. The value origin: the step before a variable first holds the return value.
    if origin is not None:
        k, name = origin
        holder, setter = steps[k], steps[k - 1]
        raw = dict(holder.values)[name]
        src = ctx.source(setter.file)
        assigns = re.compile(rf"(?<![=!<>])\b{re.escape(name)}\s*=[^=]")
        if (
            src is not None
            and assigns.search(src.code_at(holder.line))
            and not assigns.search(src.code_at(setter.line))
        ):
            # Optimised code (gcc -O2) may compute the value before the statement
            # boundary of the line assigning it: that line is the origin.
            setter = holder
        if errno_style:
            shown = f"{raw} (-1)"
        elif raw == ret.raw and ret.name:
            shown = f"{raw} ({ret.name})"
        else:
            shown = f"{raw} ({_errno_text(ret)})"
        base = (
            f"`{name}` first holds {shown} at step {holder.number}"
            f" (line {holder.line}), so line {setter.line}, the step before, set it"
            if setter is not holder
            else f"`{name}` already holds {shown} at step {holder.number}, line"
            f" {holder.line}, which assigns it (optimised code computed it early)"
        )
        # Lines between the setter and the holder that could not be probed may have
        # set it unseen (stap could not place a probe there): they come first.
        between = [
            (file, line, rc)
            for file, line, rc in ctx.unprobed
            if _same_file(file, setter.file) and setter.line < line < holder.line
        ]
        kind, conf, callee = "value-origin", 0.8, None
        if src is not None:
            code = src.code_at(setter.line)
            const = _errno_constant(code)
            callee = _callee(code)
            if const:
                kind, conf, callee = "errno-constant", 0.9, None
                base += f" to -{const}"
            elif callee:
                kind, conf = "callee", 0.88
                base += f" from {callee}()"
            elif src.macro_at(setter.line):
                kind, conf = "macro-return", 0.85
            else:
                conf = 0.7
        if between:
            conf = min(conf, 0.5) if kind == "value-origin" else conf * 0.7
        if weak:
            conf *= 0.5
        out.add(setter.file, setter.line, kind, conf, base + ".", callee)
        strong = strong or conf >= 0.85
        for i, (file, line, rc) in enumerate(between):
            src_u = ctx.source(file)
            code_u = src_u.code_at(line) if src_u else ""
            sets_it = bool(assigns.search(code_u))
            conf_u = (0.8 if sets_it or src_u is None else 0.6) - 0.1 * i
            out.add(
                file,
                line,
                "unprobed",
                conf_u * (0.5 if weak else 1),
                f"Line {line} could not be probed{_rc(rc)} and lies between line"
                f" {setter.line} and line {holder.line}, where `{name}` first holds {raw}:"
                " it may have set it unseen.",
                _callee(code_u) if src_u else None,
            )

    # What the last statement's `if (var)` did, when its traced value says.
    not_taken = ""
    if src_last is not None:
        if_var = _IF_VAR.match(src_last.code_at(last.line))
        if if_var is not None and _branch_taken(src_last, last) is False:
            var = if_var.group(2)
            not_taken = (
                f", where `{var}` is {dict(last.values).get(var)} so its branch was not taken"
            )

    # 3b. With source: `return EXPR;` where EXPR is a variable or a field. The last
    # executed line assigning EXPR set the value, even when the trace cannot show
    # it (a struct field prints as {...}; optimised kernels print many locals as ?).
    if src_last is not None:
        returned_expr = _RETURN_EXPR.search(src_last.code_at(last.line))
        if returned_expr is not None and returned_expr.group(1) not in _NOT_CALLEES:
            expr = returned_expr.group(1)
            assign = re.compile(
                rf"(?<![\w.>]){re.escape(expr)}\s*(?:=|\+=|-=|\|=)(?!=)"
            )
            targets = _targets(ret)
            for index in range(len(body) - 2, -1, -1):
                st = body[index]
                src = ctx.source(st.file)
                if src is None or not assign.search(src.code_at(st.line)):
                    continue
                # The value right after the assignment, when the trace shows it:
                # another value means this assignment did not produce the error.
                after = dict(steps[index + 1].values).get(expr)
                if after is not None and Value.of(after).as_int() is not None and not _holds(
                    after, targets
                ):
                    break
                # An unprobed line assigning it later may have overwritten it unseen.
                later = [
                    line
                    for file, line, _ in ctx.unprobed
                    if _same_file(file, st.file)
                    and st.line < line < last.line
                    and assign.search(src.code_at(line))
                ]
                code = src.code_at(st.line)
                rhs = assign.split(code, 1)[1]
                const = _errno_constant(rhs)
                callee = None if const else _callee(rhs)
                if const:
                    kind, conf, what = "errno-constant", 0.85, f" to -{const}"
                elif callee:
                    kind, conf, what = "callee", 0.82, f" from {callee}()"
                else:
                    kind, conf, what = "value-origin", 0.6, ""
                if weak and not const:
                    conf *= 0.5
                if later:
                    conf *= 0.5
                out.add(
                    st.file,
                    st.line,
                    kind,
                    conf,
                    f"Line {st.line} (step {st.number}) is the last executed line that sets"
                    f" `{expr}`{what}, and line {last.line} returns `{expr}`"
                    + (
                        f" (but unprobed line {later[0]} may set it later)."
                        if later
                        else "."
                    ),
                    callee,
                )
                strong = strong or conf >= 0.82
                break

    # 4. Unprobed lines between the last statement and the exit (source order).
    for i, (file, line, rc) in enumerate(unprobed):
        src = ctx.source(file)
        callee = _callee(src.code_at(line)) if src is not None else None
        conf = 0.75 - 0.1 * i if not strong and origin is None else 0.3 - 0.05 * i
        what = f" and calls {callee}()" if callee else ""
        out.add(
            file,
            line,
            "unprobed",
            max(conf, 0.1),
            f"Line {line} could not be probed{_rc(rc)}{what}; it lies between the last traced"
            f" statement (line {last.line}{not_taken}) and{exit_txt} in source order, so it may"
            " have run unseen.",
            callee,
        )

    # 5. With source: the lines of the branch taken after the last statement (none
    # when the last statement is a return: nothing after it ran).
    if (
        src_last is not None
        and not strong
        and not re.search(r"\breturn\b", src_last.code_at(last.line))
    ):
        stop = exit_step.line if exit_step is not None else last.line + 30
        taken = _branch_taken(src_last, last)
        is_if = bool(re.match(r"\s*(?:}\s*else\s+)?if\b", src_last.code_at(last.line)))
        lines = _branch_lines(src_last, last, taken, min(stop, last.line + 30))
        seen_unprobed = {u[1] for u in unprobed}
        for rank, n in enumerate(lines[:4]):
            code = src_last.code_at(n)
            ev = _line_evidence(src_last, n)
            if ev is not None:
                kind, conf, callee, what = ev
                if n in seen_unprobed:
                    kind = "unprobed"
                    conf = 0.7 - 0.05 * rank
                elif rank == 0 and taken is not False and is_if:
                    # The body of the last `if`: optimised code often has no statement
                    # of its own for a one-line body (the return is merged).
                    conf = 0.65
                else:
                    conf = 0.5 - 0.05 * rank
                    if ctx.tool == "gdb":
                        conf -= 0.2  # gdb stops at every line: an untraced line did not run
                out.add(
                    last.file,
                    n,
                    kind,
                    conf,
                    f"Line {n} {what} and follows the last traced statement (line"
                    f" {last.line}{not_taken}) before{exit_txt}, where no statement was traced.",
                    callee,
                )
            g = _GOTO.search(code)
            if g:
                out.add(
                    last.file,
                    n,
                    "goto-label",
                    0.35,
                    f"Line {n} jumps to the error label `{g.group(1)}` right after the last traced"
                    f" statement (line {last.line}).",
                )
            if re.search(r"\b(return|goto)\b", code):
                break

    # 6. With source: the lines of the function that produce the returned errno. A
    # person greps the function for it; optimised code (gcc -O2) often has no
    # statement of its own for such a line (merged returns, jump tables), so the
    # line may be missing from the path even though it ran.
    if ret.name and not errno_style and src_last is not None:
        extent = _function_extent(src_last, [s.line for s in steps if s.file == last.file])
        traced = {s.line for s in steps if s.file == last.file}
        pattern = re.compile(rf"-\s*\(?\s*{re.escape(ret.name)}\b")
        hits = [n for n in range(extent[0], extent[1] + 1) if pattern.search(src_last.code_at(n))]
        untraced = [n for n in hits if n not in traced]
        if untraced and not any(n in traced for n in hits):
            for n in untraced:
                out.add(
                    last.file,
                    n,
                    "errno-constant",
                    0.75 if len(untraced) == 1 else 0.45 / len(untraced) + 0.1,
                    f"Line {n} is "
                    + ("the only line" if len(untraced) == 1 else f"one of {len(untraced)} lines")
                    + f" of {ctx.function or 'the function'} that produces -{ret.name}; it has no"
                    " traced statement of its own, as happens when the compiler merges it.",
                )

    if partial and origin is None:
        for c in list(out.by_line.values()):
            out.by_line[(c.file, c.line)] = Candidate(
                c.file, c.line, c.kind, round(c.confidence * 0.9, 2),
                c.reason[:-1] + "; the start of this path was lost, so earlier evidence may be"
                " missing.", c.callee, c.next_step, c.source_text,
            )
    return out.ranked()


def _rc(rc: int | None) -> str:
    return f" (registration error rc {rc})" if rc is not None else ""


# -- groups and the diagnosis -------------------------------------------------------


def _unprobed_of(messages: Sequence[Message], function: str | None) -> tuple[
    tuple[str, int, int | None], ...
]:
    """Registration failures of statements in the run's function, in source order."""
    seen: dict[tuple[str, int], int | None] = {}
    for m in messages:
        if m.category != "unprobed" or m.file is None or m.line is None:
            continue
        if function and m.function and m.function != function:
            continue
        seen.setdefault((m.file, m.line), m.rc)
    return tuple((f, n, rc) for (f, n), rc in sorted(seen.items()))


def _differing_variables(invs: Sequence[Invocation]) -> set[str]:
    """Variable names whose values differ between invocations of one path.

    Each distinct statement text is split once: big runs repeat the same texts.
    """
    rep = invs[0].statements
    differing: set[str] = set()
    for index, first in enumerate(rep):
        texts = {
            (st.label, st.value_text, st.truncated)
            for inv in invs[1:]
            for st in (inv.statements[index],)
        }
        texts.discard((first.label, first.value_text, first.truncated))
        if not texts:
            continue
        base = {n: v.raw for n, v in first.variables}
        for label, text, truncated in sorted(texts):
            if set(base) <= differing:
                break
            other = Statement("", 0, first.file, first.line, label, text, 0, 0, 0, b"", truncated)
            values = {n: v.raw for n, v in other.variables}
            differing.update(n for n in base.keys() | values.keys() if base.get(n) != values.get(n))
    return differing


def _group(ctx: _Context, invs: Sequence[Invocation]) -> PathGroup:
    rep = invs[0]
    steps = build_steps(rep.statements)
    returns: list[ErrnoInfo] = []
    for inv in invs:
        info = decode_return(inv.return_text)
        if info not in returns:
            returns.append(info)
    ret = returns[0]
    last_raw = steps[-1] if steps else None
    exit_step = (
        last_raw
        if last_raw is not None
        and _is_exit(
            last_raw,
            steps,
            ctx.source(last_raw.file),
            (ctx.highest or {}).get(last_raw.file),
        )
        else None
    )
    body = steps[:-1] if exit_step is not None else steps
    last = body[-1] if body else None
    origin = _value_origin(steps, _targets(ret))
    unprobed = tuple(
        u
        for u in ctx.unprobed
        if last is not None
        and _same_file(u[0], last.file)
        and u[1] > last.line
        and (exit_step is None or u[1] < exit_step.line)
    )
    counts: dict[tuple[str, int], int] = {}
    for s in steps:
        counts[(s.file, s.line)] = counts.get((s.file, s.line), 0) + 1
    differing = _differing_variables(invs)
    partial = any(inv.partial for inv in invs)
    return PathGroup(
        fingerprint=fingerprint(steps),
        count=len(invs),
        steps=steps,
        invocations=tuple(inv.ordinal for inv in invs),
        first_position=invs[0].line_no,
        last_position=invs[-1].line_no,
        execnames=tuple(sorted({inv.execname for inv in invs})),
        tids=tuple(sorted({inv.tid for inv in invs})),
        returns=tuple(returns),
        differing_variables=tuple(sorted(differing)),
        last_statement=last,
        exit_line=exit_step,
        repeated_lines=tuple((f, n, c) for (f, n), c in sorted(counts.items()) if c > 1),
        unprobed=tuple((f, n) for f, n, _ in unprobed),
        value_origin=steps[origin[0]] if origin else None,
        partial=partial,
        candidates=_candidates(ctx, steps, ret, exit_step, last, origin, unprobed, partial),
    )


WITHOUT_SOURCES_NOTE = (
    "No source files were available: the candidates come from the trace alone. With"
    " sources (--source-dir, --source-map or a debuginfod server) the diagnosis also"
    " reads each candidate line, recognises `return -EXXX`, `err = -EXXX; goto`, errno"
    " assignments and returning macros, names the function called there and gives the"
    " exact command to trace it next."
)


def mismatched_sources(
    parsed: ParsedRun, sources: Mapping[str, bytes]
) -> dict[str, str]:
    """Source files (by trace path) that cannot be the ones traced, with why: the
    trace names lines past their end, so they are another version of the file (a
    --source-dir tree of another release, say), and reading them would point at wrong
    lines. (Blank traced lines are not taken as proof: a hand-cut excerpt, like the
    seed article's, keeps only the lines it quotes.)

    >>> from reporter.parse import parse_bytes
    >>> class P:  # the two attributes this function reads
    ...     records = parse_bytes(b"\\nx[1] kernel function(f) $return: -2\\n"
    ...                           b"x[1] f.c:2 $$vars: a=0x1\\nx[1] f.c:4 $$vars: a=0x1\\n")
    ...     messages = ()
    >>> mismatched_sources(P, {"f.c": b"int f(void)\\n{\\n\\treturn g();\\n}\\n"})
    {}
    >>> mismatched_sources(P, {"f.c": b"int f(void)\\n{\\n"})["f.c"]
    'the file found has 2 lines, but the trace names line 4 of it'
    """
    highest: dict[str, int] = {}
    for r in parsed.records:
        if isinstance(r, (Invocation, OrphanStatements)):
            for st in r.statements:
                highest[st.file] = max(highest.get(st.file, 0), st.line)
    for m in parsed.messages:
        if m.file and m.line:
            highest[m.file] = max(highest.get(m.file, 0), m.line)
    return sources_shorter_than(highest, sources)


def sources_shorter_than(
    highest: Mapping[str, int], sources: Mapping[str, bytes]
) -> dict[str, str]:
    """``mismatched_sources`` from the highest traced line of each file.

    >>> sources_shorter_than({"a.c": 3}, {"a.c": b"1\\n2\\n3\\n", "b.c": b""})
    {}
    """
    out: dict[str, str] = {}
    for path, data in sorted(sources.items()):
        wanted = highest.get(path, 0)
        count = len(data.splitlines())
        if wanted > count:
            out[path] = f"the file found has {count} lines, but the trace names line {wanted} of it"
    return out


def _highest_lines(parsed: ParsedRun) -> dict[str, int] | None:
    """The highest line traced per file over the whole run, when the run shows that
    paths may have been cut short (stderr says events were lost, or statements came
    with no header); ``None`` otherwise, where a path's own highest line is trusted
    (an inlined helper defined below the function would otherwise hide every exit)."""
    if not parsed.incomplete and not any(
        isinstance(r, OrphanStatements) for r in parsed.records
    ):
        return None
    out: dict[str, int] = {}
    for r in parsed.records:
        if isinstance(r, (Invocation, OrphanStatements)):
            for st in r.statements:
                if st.line > out.get(st.file, 0):
                    out[st.file] = st.line
    return out


def diagnose(
    parsed: ParsedRun, run: Run, sources: Mapping[str, bytes] | None = None
) -> Diagnosis:
    """The ranked diagnosis of a parsed run; ``sources`` maps trace paths to file bytes."""
    function = run.get("function")
    invocations = parsed.invocations
    if function is None and invocations:
        function = invocations[0].function
    target = run.get("target") or (invocations[0].target if invocations else None)
    tool = run.get("tool") or "stap"
    ctx = _Context(
        run=run,
        tool=tool,
        target=target,
        function=function,
        condition=run.get("condition"),
        sources={path: _Source.of(data) for path, data in sorted((sources or {}).items())},
        unprobed=_unprobed_of(parsed.messages, function),
        highest=_highest_lines(parsed),
    )
    by_print: dict[str, list[Invocation]] = {}
    for inv in invocations:
        by_print.setdefault(fingerprint(inv.statements), []).append(inv)
    groups = [_group(ctx, invs) for invs in by_print.values()]
    # Most frequent first; a path with no statements (a header whose lines were all
    # lost) says nothing, so it goes after paths of the same count that do.
    groups.sort(key=lambda g: (-g.count, not g.steps, g.first_position))
    notes: list[str] = []
    if parsed.nothing_ran:
        notes.append("stderr says the script failed before running: nothing was traced.")
    if not invocations and not parsed.nothing_ran:
        notes.append(
            "No invocation matched the condition: there is no path to diagnose."
            + (
                f" The function was entered {parsed.statistics.entry} time(s)."
                if parsed.statistics is not None and parsed.statistics.entry is not None
                else ""
            )
        )
    if parsed.incomplete:
        notes.append("stderr says events were lost: some paths may be missing or cut short.")
    orphans = [r for r in parsed.records if isinstance(r, OrphanStatements)]
    if orphans:
        notes.append(
            f"{sum(o.statement_count for o in orphans)} statement(s) had no invocation header"
            " and are not part of any path."
        )
    partial = [g for g in groups if g.partial]
    if partial:
        notes.append(
            f"{len(partial)} path(s) lost their start (wrapping speculation buffers): their"
            " candidates rest on the statements that remain."
        )
    cut = sum(1 for g in groups for s in g.steps if s.truncated)
    if cut:
        notes.append(
            f"{cut} statement line(s) were cut short, at MAXSTRINGLEN (stap"
            " -DMAXSTRINGLEN=N prints more) or where the output ended: the variables"
            " printed after the cut are unknown there, not changed."
        )
    if any(s.foreign for g in groups for s in g.steps):
        notes.append(
            "Some statements were committed under another thread's header (shared"
            " speculation buffers): their steps are marked foreign."
        )
    if ctx.unprobed:
        notes.append(
            f"{len(ctx.unprobed)} statement(s) of {function or 'the function'} could not be"
            " probed: a path that seems to skip them may have run them."
        )
    if groups and not ctx.sources:
        notes.append(WITHOUT_SOURCES_NOTE)
    elif groups:
        missing = sorted(
            {s.file for g in groups for s in g.steps if ctx.source(s.file) is None}
        )
        if missing:
            notes.append(
                "No source for " + ", ".join(missing) + ": candidates there come from the"
                " trace alone."
            )
    if groups:
        top = groups[0].returns[0]
        by_value: dict[str, int] = {}
        also: list[str] = []
        def short(e: ErrnoInfo) -> str:
            return f"{e.raw} {e.name}" if e.name else e.raw

        for g in groups:
            first = short(g.returns[0])
            by_value[first] = by_value.get(first, 0) + g.count
            # A path whose invocations returned several values (same statements):
            # its count goes to the first; the others are named without a count.
            also.extend(short(e) for e in g.returns[1:])
        values = [f"{k} ({n} call{'s' if n > 1 else ''})" for k, n in by_value.items()]
        values += [v for v in dict.fromkeys(also) if v not in by_value]
        if len(values) > 1:
            notes.append(
                "The matching calls returned different values: " + ", ".join(values)
                + "; the verdict is for the most frequent path, and each other path has"
                " its own top candidate."
            )
        if top.form not in ("errno", "err_ptr") and top.value != -1:
            notes.append(
                f"The return value {top.raw} is not an errno (the condition selected these"
                " calls for another reason): the candidates are the lines that decided"
                " what the function returned."
            )
        if top.value == -1 and (tool == "gdb" or (target or "").startswith("process")):
            notes.append(
                "-1 from a user-space function usually means `return -1` with errno set:"
                " the errno is not the return value."
            )
    return Diagnosis(
        run_id=run.id,
        run_uuid=run.uuid,
        target=target,
        function=function,
        condition=run.get("condition"),
        variable=run.get("variable"),
        returned=groups[0].returns[0] if groups else None,
        paths=tuple(groups),
        unprobed_all=tuple((f, n) for f, n, _ in ctx.unprobed),
        with_sources=bool(ctx.sources),
        notes=tuple(notes),
        condition_errnos=condition_errnos(run.get("condition")),
        tool=tool,
    )


# -- JSON --------------------------------------------------------------------------


def _errno_json(e: ErrnoInfo | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {
        "raw": e.raw,
        "value": e.value,
        "errno": e.name,
        "description": e.description,
        "form": e.form,
    }


def _step_json(s: Step | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "step": s.number,
        "file": s.file,
        "line": s.line,
        "visit": s.visit,
        "values": [[n, v] for n, v in s.values],
        "changed": [{"name": c.name, "old": c.old, "new": c.new} for c in s.changed],
        "truncated": s.truncated,
        "foreign": s.foreign,
    }


def candidate_json(c: Candidate) -> dict[str, Any]:
    out: dict[str, Any] = {
        "file": c.file,
        "line": c.line,
        "kind": c.kind,
        "confidence": c.confidence,
        "reason": c.reason,
    }
    for key in ("callee", "next_step", "source_text"):
        if getattr(c, key) is not None:
            out[key] = getattr(c, key)
    return out


def diagnosis_json(d: Diagnosis) -> dict[str, Any]:
    """The documented JSON shape (dump with ``sort_keys=True``)."""
    ret = _errno_json(d.returned)
    return {
        "run": {"id": d.run_id, "uuid": d.run_uuid},
        "tool": d.tool,
        "target": d.target,
        "function": d.function,
        "condition": d.condition,
        "condition_errnos": [_errno_json(e) for e in d.condition_errnos],
        "variable": d.variable,
        "return": ret,
        "paths": [
            {
                "fingerprint": g.fingerprint,
                "count": g.count,
                "statements": [{"file": s.file, "line": s.line} for s in g.steps],
                "steps": [_step_json(s) for s in g.steps],
                "candidates": [candidate_json(c) for c in g.candidates],
                "invocations": list(g.invocations),
                "first_position": g.first_position,
                "last_position": g.last_position,
                "execnames": list(g.execnames),
                "tids": list(g.tids),
                "returns": [_errno_json(e) for e in g.returns],
                "differing_variables": list(g.differing_variables),
                "last_statement": _step_json(g.last_statement),
                "exit_line": _step_json(g.exit_line),
                "repeated_lines": [
                    {"file": f, "line": n, "times": t} for f, n, t in g.repeated_lines
                ],
                "unprobed": [{"file": f, "line": n} for f, n in g.unprobed],
                "value_origin": _step_json(g.value_origin),
                "partial": g.partial,
            }
            for g in d.paths
        ],
        "unprobed": [{"file": f, "line": n} for f, n in d.unprobed_all],
        "with_sources": d.with_sources,
        "notes": list(d.notes),
    }


# -- text --------------------------------------------------------------------------


def _errno_line(e: ErrnoInfo) -> str:
    if e.name:
        what = f"{e.name} ({e.description})"
        if e.form == "err_ptr":
            return f"{e.raw} = ERR_PTR(-{e.name}): {e.description}"
        return f"{e.raw} = -{what}"
    return f"{e.raw} ({e.form})"


def _candidate_lines(c: Candidate, indent: str) -> list[str]:
    lines = [
        f"{indent}kind: {c.kind}, confidence {c.confidence:.2f}",
        f"{indent}reason: {c.reason}",
    ]
    if c.callee:
        lines.append(f"{indent}callee: {c.callee}")
    if c.next_step:
        lines.append(f"{indent}next step: {c.next_step}")
    return lines


def _where(c: Candidate) -> str:
    return f"{c.file}:{c.line}" + (f"  {c.source_text}" if c.source_text else "")


def _compress(steps: Sequence[Step]) -> str:
    from reporter.parse import compress_path

    return compress_path(
        [Statement("", 0, s.file, s.line, "", "", 0, 0, 0, b"") for s in steps]
    )


# What a change shows for a variable missing from a step's $$vars: stap (and the gdb
# backend) print only the variables in scope at the statement.
NOT_IN_SCOPE = "(not in scope)"


def _or_absent(value: str | None) -> str:
    return NOT_IN_SCOPE if value is None else value


def format_text(d: Diagnosis) -> str:
    """The ``errtrail-report diagnose`` text: the verdict first, then the evidence."""
    out: list[str] = []
    head = f"run {d.run_id} ({d.run_uuid})"
    if d.target or d.function:
        head += f": {d.target or '?'} {d.function or '?'}"
    out.append(head)
    # In user space -1 is the failure value of `errno = E; return -1`, not -EPERM.
    user_space = d.tool == "gdb" or (d.target or "").startswith("process")
    if d.condition:
        named = ", ".join(
            e.name for e in d.condition_errnos if e.name and not (user_space and e.value == -1)
        )
        out.append(f"condition: {d.condition}" + (f" ({named})" if named else ""))
    if d.returned is not None:
        if user_space and d.returned.value == -1:
            out.append("returned: -1 (a user-space failure: the errno is set separately)")
        else:
            out.append(f"returned: {_errno_line(d.returned)}")
    top = next((g for g in d.paths if g.candidates), None)
    if top is None:
        out.append("")
        out.append("verdict: none (no traced path to diagnose)")
    else:
        first = top.candidates[0]
        out.append("")
        out.append(f"verdict: {_where(first)}")
        out.extend(_candidate_lines(first, "  "))
        if len(top.candidates) > 1:
            out.append("")
            out.append("other candidates:")
            for n, c in enumerate(top.candidates[1:], 2):
                out.append(f"  {n}. {_where(c)}")
                out.extend(_candidate_lines(c, "     "))
    if d.paths:
        out.append("")
        total = sum(g.count for g in d.paths)
        out.append(f"paths: {len(d.paths)} distinct over {total} invocation(s)")
        for n, g in enumerate(d.paths, 1):
            marks = ["partial"] if g.partial else []
            if any(s.truncated for s in g.steps):
                marks.append("truncated")
            if any(s.foreign for s in g.steps):
                marks.append("foreign")
            flags = f" [{', '.join(marks)}]" if marks else ""
            rets = ", ".join(
                "-1 (errno set separately)" if user_space and e.value == -1 else _errno_line(e)
                for e in g.returns
            )
            where = (
                f"stdout line {g.first_position}"
                if g.first_position == g.last_position
                else f"stdout lines {g.first_position}-{g.last_position}"
            )
            out.append(
                f"  path {n} ({g.fingerprint}){flags}: {g.count} invocation(s), {where},"
                f" returned {rets}"
            )
            out.append(
                "    by: "
                + ", ".join(g.execnames)
                + " tid(s) "
                + ", ".join(str(t) for t in g.tids)
            )
            out.append(f"    statements ({len(g.steps)})" + (
                f": {_compress(g.steps)}" if g.steps else ": none (all lost)"))
            if g.last_statement is not None:
                out.append(
                    f"    last statement: line {g.last_statement.line} (step"
                    f" {g.last_statement.number})"
                    + (
                        f"; exit: line {g.exit_line.line}"
                        if g.exit_line
                        else "; the exit was not traced (the path may be cut short)"
                    )
                )
            if g.repeated_lines:
                out.append(
                    "    repeated lines: "
                    + ", ".join(
                        # The path's own file goes without saying, as in "statements".
                        f"{n if f == g.steps[-1].file else f'{f}:{n}'} ({t} times)"
                        for f, n, t in g.repeated_lines
                    )
                )
            if g.unprobed:
                out.append(
                    "    unprobed between the last statement and the exit: "
                    + ", ".join(str(n) for _, n in g.unprobed)
                )
            if g.value_origin is not None:
                out.append(
                    f"    value origin: step {g.value_origin.number} (line"
                    f" {g.value_origin.line}) is the first to hold the return value"
                )
            if g.differing_variables:
                out.append("    differ between invocations: " + ", ".join(g.differing_variables))
            changes = [
                f"step {s.number} line {s.line}: "
                + ", ".join(
                    f"{c.name} {_or_absent(c.old)} -> {_or_absent(c.new)}" for c in s.changed
                )
                for s in g.steps
                if s.changed
            ]
            if changes:
                out.append("    changes:")
                out.extend(f"      {c}" for c in changes)
            if g is not top and g.candidates:
                out.append(f"    top candidate: {_where(g.candidates[0])} ({g.candidates[0].kind})")
    if d.notes:
        out.append("")
        out.append("notes:")
        out.extend(f"  - {note}" for note in d.notes)
    return "\n".join(out) + "\n"
