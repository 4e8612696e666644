"""The diagnosis's data: frozen dataclasses the renderers and the JSON read.

This module owns the shapes only; ``reporter.diagnosis.run`` builds them. Others read
``Diagnosis`` and what it holds: ``PathGroup`` (invocations with one statement
sequence), ``Step`` (one executed statement), ``Candidate`` (a line that may have
produced the errno, with why), ``BranchCondition`` (the condition that led to it, with
its operands' traced values), ``ErrnoInfo`` (a decoded return value).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "NOT_IN_SCOPE",
    "BranchCondition",
    "Candidate",
    "Diagnosis",
    "ErrnoInfo",
    "PathGroup",
    "SourceCheck",
    "Step",
    "VariableChange",
]

# What a change shows for a variable missing from a step's $$vars: stap (and the gdb
# backend) print only the variables in scope at the statement.
NOT_IN_SCOPE = "(not in scope)"


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
    """One executed statement of a path; ``values`` as printed, read before it ran."""

    number: int
    file: str
    line: int
    visit: int
    values: tuple[tuple[str, str], ...]
    changed: tuple[VariableChange, ...]
    truncated: bool
    foreign: bool


@dataclass(frozen=True)
class BranchCondition:
    """The condition of the branch that led to a candidate, as the trace decided it.

    ``outcome``: ``true``, ``false``, ``no case matched`` (a ``switch`` that went to
    ``default:``), ``matched`` (a ``case``), or ``None`` when the trace cannot tell.
    ``values``: each operand the trace printed at that step, shown decimal first
    with hex beside it where it helps (``mask = 262145 (0x40001)``).
    """

    line: int
    text: str
    outcome: str | None
    values: tuple[tuple[str, str], ...]
    step: int | None

    def sentence(self) -> str:
        """``line 11743: `mask & ~(PERF_SAMPLE_BRANCH_MAX-1)` was true; mask = ...``."""
        if self.outcome in ("true", "false"):
            what = f"was {self.outcome}"
        elif self.outcome is not None:
            what = self.outcome
        else:
            what = "decided the branch"
        out = f"line {self.line}: `{self.text}` {what}"
        if self.values:
            out += "; " + ", ".join(f"{n} = {v}" for n, v in self.values)
        return out


@dataclass(frozen=True)
class Candidate:
    """A line that may have produced the errno, with why.

    ``rule``: the rule that found it (``reporter.diagnosis.rules``); ``condition``:
    the branch condition that led to it, where the trace shows it.
    """

    file: str
    line: int
    kind: str
    confidence: float
    reason: str
    callee: str | None = None
    next_step: str | None = None
    source_text: str | None = None
    rule: str | None = None
    condition: BranchCondition | None = None


@dataclass(frozen=True)
class SourceCheck:
    """How a source file held up against the trace: ``model`` is ``tree-sitter`` (the
    traced function was found in a real parse) or ``lines`` (it was not: the rules
    read lines one by one); ``mismatched``: traced lines that are not statements of
    the traced function (a blank line, a comment, another function), which mean the
    file is not the one the binary was built from."""

    file: str
    model: str
    function: str | None
    mismatched: tuple[int, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class PathGroup:
    """Invocations with the same statement sequence (and outcome).

    ``invocations`` are the ordinals of the calls the analysis kept whole (every call
    of a small run; of a big one, the first and those whose values differ), ``count``
    all of them; ``execnames`` and ``tids`` are capped lists beside exact totals.
    """

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
    optimised: bool | None = None   # the path looks like optimised code (None: no source)
    index: int = 0                  # the path's place in the analysis (first seen: 0)
    execname_total: int = 0         # distinct execnames (``execnames`` lists the lowest)
    tid_total: int = 0              # distinct tids (``tids`` lists the lowest)


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
    source_checks: tuple[SourceCheck, ...] = ()
