"""The run's notes: what a reader must know before trusting the verdict.

This module owns ``run_notes(analysis, facts, groups, checks)``: one sentence each for a
script that never ran, no matching call, lost events, headerless statements, paths
that lost their start, lines cut at MAXSTRINGLEN, foreign statements, unprobed
statements, missing or mismatched sources, several return values, a return value
that is not an errno, and user space's ``-1``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reporter.diagnosis.facts import RunFacts
from reporter.diagnosis.model import ErrnoInfo, PathGroup, SourceCheck
from reporter.values import readable

if TYPE_CHECKING:
    from reporter.analysis import Analysis

__all__ = ["WITHOUT_SOURCES_NOTE", "run_notes"]

WITHOUT_SOURCES_NOTE = (
    "No source files were available: the candidates come from the trace alone. With"
    " sources (--source-dir, --source-map or a debuginfod server) the diagnosis also"
    " reads each candidate line, follows the returned value back to the line that made"
    " it (through variables, wrappers and -errno), names the function called there and"
    " gives the exact command to trace it next."
)


def _trace_notes(analysis: Analysis, groups: Sequence[PathGroup], function: str | None) \
        -> list[str]:
    notes: list[str] = []
    if analysis.nothing_ran:
        notes.append("stderr says the script failed before running: nothing was traced.")
    if not analysis.invocation_count and not analysis.nothing_ran:
        entry = analysis.statistics.entry if analysis.statistics is not None else None
        notes.append("No invocation matched the condition: there is no path to diagnose."
                     + (f" The function was entered {entry} time(s)." if entry is not None
                        else ""))
    if analysis.incomplete:
        notes.append("stderr says events were lost: some paths may be missing or cut short.")
    if analysis.orphan_groups:
        notes.append(f"{analysis.orphan_statements} statement(s) had no invocation"
                     " header and are not part of any path.")
    partial = [g for g in groups if g.partial]
    if partial:
        notes.append(f"{len(partial)} path(s) lost their start (wrapping speculation buffers):"
                     " their candidates rest on the statements that remain.")
    cut = sum(1 for g in groups for s in g.steps if s.truncated)
    if cut:
        notes.append(f"{cut} statement line(s) were cut short, at MAXSTRINGLEN (stap"
                     " -DMAXSTRINGLEN=N prints more) or where the output ended: the variables"
                     " printed after the cut are unknown there, not changed.")
    if any(s.foreign for g in groups for s in g.steps):
        notes.append("Some statements were committed under another thread's header (shared"
                     " speculation buffers): their steps are marked foreign.")
    return notes


def _source_notes(facts: RunFacts, groups: Sequence[PathGroup],
                  checks: Sequence[SourceCheck]) -> list[str]:
    notes = [c.note for c in checks if c.note]
    if groups and not facts.sources:
        if not any(c.mismatched for c in checks):
            notes.append(WITHOUT_SOURCES_NOTE)
    elif groups:
        missing = sorted({s.file for g in groups for s in g.steps if facts.model(s.file) is None})
        if missing:
            notes.append("No source for " + ", ".join(missing) + ": candidates there come from"
                         " the trace alone.")
    return notes


def _short(e: ErrnoInfo) -> str:
    return f"{e.raw} {e.name}" if e.name else e.raw


def _value_notes(facts: RunFacts, groups: Sequence[PathGroup]) -> list[str]:
    if not groups:
        return []
    notes: list[str] = []
    top = groups[0].returns[0]
    by_value: dict[str, int] = {}
    also: list[str] = []
    for g in groups:
        first = _short(g.returns[0])
        by_value[first] = by_value.get(first, 0) + g.count
        # A path whose invocations returned several values (same statements): its
        # count goes to the first; the others are named without a count.
        also.extend(_short(e) for e in g.returns[1:])
    values = [f"{k} ({n} call{'s' if n > 1 else ''})" for k, n in by_value.items()]
    values += [v for v in dict.fromkeys(also) if v not in by_value]
    if len(values) > 1:
        notes.append("The matching calls returned different values: " + ", ".join(values)
                     + "; the verdict is for the most frequent path, and each other path has"
                     " its own top candidate.")
    if top.form not in ("errno", "err_ptr") and top.value != -1:
        notes.append(f"The return value {readable(top.raw)} is not an errno (the condition"
                     " selected these calls for another reason): the candidates are the lines"
                     " that decided what the function returned.")
    if top.value == -1 and facts.user_space:
        notes.append("-1 from a user-space function usually means `return -1` with errno set:"
                     " the errno is not the return value.")
    return notes


def run_notes(analysis: Analysis, facts: RunFacts, groups: Sequence[PathGroup],
              checks: Sequence[SourceCheck]) -> tuple[str, ...]:
    notes = _trace_notes(analysis, groups, facts.function)
    if facts.unprobed:
        notes.append(f"{len(facts.unprobed)} statement(s) of {facts.function or 'the function'}"
                     " could not be probed: a path that seems to skip them may have run them.")
    notes += _source_notes(facts, groups, checks)
    notes += _value_notes(facts, groups)
    return tuple(notes)
