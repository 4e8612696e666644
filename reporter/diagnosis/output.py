"""The diagnosis as JSON (for tools) and as the ``errtrail-report diagnose`` text.

This module owns both shapes. ``diagnosis_json(d)`` is stable: keys are only ever
added, never removed (dump with ``sort_keys=True``); ``candidate_json(c)`` is one
candidate's part of it. ``format_text(d)`` puts the verdict first, with the branch
condition that led to it, then the other candidates, then each path's evidence.
Integers shown to a person are decimal with hex beside them where it helps
(``reporter.diagnosis.numbers``); JSON keeps the values exactly as traced.

JSON::

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
          "candidates": [CANDIDATE, ...],   # most likely first
          "steps": [STEP, ...], "invocations": [0], "first_position": 2,
          "last_position": 2, "execnames": ["myprogram"], "tids": [20919],
          "returns": [ERRNO, ...], "differing_variables": ["c"],
          "last_statement": STEP | null, "exit_line": STEP | null,
          "repeated_lines": [{"file": "...", "line": 11, "times": 5}],
          "unprobed": [{"file": "...", "line": 12057}],
          "value_origin": STEP | null, "partial": false,
          "optimised": true | false | null    # the path looks like optimised code
        }
      ],
      "unprobed": [{"file": "...", "line": 12057}],   # every registration failure
      "with_sources": true, "notes": ["..."],
      "source_checks": [{"file": "...", "model": "tree-sitter" | "lines",
                         "function": "..." | null, "mismatched": [LINE, ...],
                         "note": "..." | null}]
    }
    CANDIDATE = {"file": "...", "line": 12057, "kind": "unprobed", "confidence": 0.75,
                 "reason": "...", "rule": "unprobed",
                 "callee": "perf_copy_attr",             # where known
                 "next_step": "stap --example ...",      # where known
                 "source_text": "err = perf_copy_attr(attr_uptr, &attr);",  # with source
                 "condition": {"line": 11743, "text": "mask & ~(...)", "outcome": "true",
                               "values": [["mask", "262145 (0x40001)"]], "step": 4,
                               "sentence": "line 11743: ..."}}           # where known
    ERRNO = {"value": -22, "errno": "EINVAL", "description": "Invalid argument",
             "raw": "-22", "form": "errno" | "err_ptr" | "positive" | "zero" |
             "pointer" | "unknown"}
    STEP = {"step": 3, "file": "...", "line": 12054, "visit": 1,
            "values": [["err", "0x0"], ...],
            "changed": [{"name": "err", "old": "?", "new": "0x0"}],
            "truncated": false, "foreign": false}

Candidate kinds: ``errno-constant``, ``errno-assignment``, ``callee``,
``errno-callee`` (a libc call whose failure ``-errno`` reports; its next step is
strace), ``macro-return``, ``switch-case``, ``value-origin``, ``unprobed``,
``goto-label``, ``last-statement``, ``previous-statement``. ``errtrail-report diagnose
--json`` adds ``sources`` (``found`` and ``missing`` trace paths).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reporter.diagnosis.model import (
    NOT_IN_SCOPE,
    BranchCondition,
    Candidate,
    Diagnosis,
    ErrnoInfo,
    PathGroup,
    Step,
)
from reporter.records import Statement
from reporter.show import compress_path
from reporter.values import readable

__all__ = ["candidate_json", "condition_json", "diagnosis_json", "format_text"]


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


def condition_json(b: BranchCondition) -> dict[str, Any]:
    return {
        "line": b.line,
        "text": b.text,
        "outcome": b.outcome,
        "values": [[n, v] for n, v in b.values],
        "step": b.step,
        "sentence": b.sentence(),
    }


def candidate_json(c: Candidate) -> dict[str, Any]:
    out: dict[str, Any] = {
        "file": c.file,
        "line": c.line,
        "kind": c.kind,
        "confidence": c.confidence,
        "reason": c.reason,
    }
    for key in ("callee", "next_step", "source_text", "rule"):
        if getattr(c, key) is not None:
            out[key] = getattr(c, key)
    if c.condition is not None:
        out["condition"] = condition_json(c.condition)
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
                "execname_total": g.execname_total,
                "tid_total": g.tid_total,
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
                "optimised": g.optimised,
            }
            for g in d.paths
        ],
        "unprobed": [{"file": f, "line": n} for f, n in d.unprobed_all],
        "with_sources": d.with_sources,
        "notes": list(d.notes),
        "source_checks": [
            {"file": c.file, "model": c.model, "function": c.function,
             "mismatched": list(c.mismatched), "note": c.note}
            for c in d.source_checks
        ],
    }


# -- text --------------------------------------------------------------------------


# Items of a list a text line shows before it says how many there are in all.
SHOWN_ITEMS = 8


def _short_list(items: Sequence[str], total: int, noun: str) -> str:
    """A list kept short on one line: ``1000, 1001 ... (5,431 tids)``.

    >>> _short_list(("a", "b"), 2, "x"), _short_list(tuple("abcdefghij"), 5431, "tids")
    ('a, b', 'a, b, c, d, e, f, g, h ... (5,431 tids)')
    """
    if total <= SHOWN_ITEMS and len(items) == total:
        return ", ".join(items)
    return ", ".join(items[:SHOWN_ITEMS]) + f" ... ({total:,} {noun})"


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
    if c.condition is not None:
        lines.append(f"{indent}why: {c.condition.sentence()}")
    if c.callee:
        lines.append(f"{indent}callee: {c.callee}")
    if c.next_step:
        lines.append(f"{indent}next step: {c.next_step}")
    return lines


def _where(c: Candidate) -> str:
    return f"{c.file}:{c.line}" + (f"  {c.source_text}" if c.source_text else "")


def compress_steps(steps: Sequence[Step]) -> str:
    """A path's steps as ``file:10-12,15x3`` (``reporter.show.compress_path``)."""
    return compress_path(
        [Statement("", 0, s.file, s.line, "", "", 0, 0, 0, b"") for s in steps]
    )


def _shown(value: str | None) -> str:
    return NOT_IN_SCOPE if value is None else readable(value)


def _user_space(d: Diagnosis) -> bool:
    # In user space -1 is the failure value of `errno = E; return -1`, not -EPERM.
    return d.tool == "gdb" or (d.target or "").startswith("process")


def _head_lines(d: Diagnosis) -> list[str]:
    head = f"run {d.run_id} ({d.run_uuid})"
    if d.target or d.function:
        head += f": {d.target or '?'} {d.function or '?'}"
    out = [head]
    user_space = _user_space(d)
    if d.condition:
        named = ", ".join(
            e.name for e in d.condition_errnos if e.name and not (user_space and e.value == -1))
        out.append(f"condition: {d.condition}" + (f" ({named})" if named else ""))
    if d.returned is not None:
        if user_space and d.returned.value == -1:
            out.append("returned: -1 (a user-space failure: the errno is set separately)")
        else:
            out.append(f"returned: {_errno_line(d.returned)}")
    return out


def _verdict_lines(top: PathGroup | None) -> list[str]:
    if top is None:
        return ["", "verdict: none (no traced path to diagnose)"]
    first = top.candidates[0]
    out = ["", f"verdict: {_where(first)}", *_candidate_lines(first, "  ")]
    if len(top.candidates) > 1:
        out += ["", "other candidates:"]
        for n, c in enumerate(top.candidates[1:], 2):
            out.append(f"  {n}. {_where(c)}")
            out.extend(_candidate_lines(c, "     "))
    return out


def _path_head(n: int, g: PathGroup, user_space: bool) -> list[str]:
    marks = ["partial"] if g.partial else []
    if any(s.truncated for s in g.steps):
        marks.append("truncated")
    if any(s.foreign for s in g.steps):
        marks.append("foreign")
    flags = f" [{', '.join(marks)}]" if marks else ""
    rets = ", ".join("-1 (errno set separately)" if user_space and e.value == -1
                     else _errno_line(e) for e in g.returns)
    where = (f"stdout line {g.first_position}" if g.first_position == g.last_position
             else f"stdout lines {g.first_position}-{g.last_position}")
    return [
        f"  path {n} ({g.fingerprint}){flags}: {g.count} invocation(s), {where}, returned {rets}",
        "    by: " + _short_list(g.execnames, max(g.execname_total, len(g.execnames)), "execnames")
        + " tid(s) " + _short_list(tuple(str(t) for t in g.tids), max(g.tid_total, len(g.tids)),
                                   "tids"),
        f"    statements ({len(g.steps)})"
        + (f": {compress_steps(g.steps)}" if g.steps else ": none (all lost)"),
    ]


def _path_evidence(g: PathGroup) -> list[str]:
    out = []
    if g.last_statement is not None:
        out.append(f"    last statement: line {g.last_statement.line} (step"
                   f" {g.last_statement.number})"
                   + (f"; exit: line {g.exit_line.line}" if g.exit_line
                      else "; the exit was not traced (the path may be cut short)"))
    if g.repeated_lines:
        # The path's own file goes without saying, as in "statements".
        out.append("    repeated lines: " + ", ".join(
            f"{n if f == g.steps[-1].file else f'{f}:{n}'} ({t} times)"
            for f, n, t in g.repeated_lines))
    if g.unprobed:
        out.append("    unprobed between the last statement and the exit: "
                   + ", ".join(str(n) for _, n in g.unprobed))
    if g.value_origin is not None:
        out.append(f"    value origin: step {g.value_origin.number} (line"
                   f" {g.value_origin.line}) is the first to hold the return value")
    if g.differing_variables:
        out.append("    differ between invocations: " + ", ".join(g.differing_variables))
    changes = [f"step {s.number} line {s.line}: "
               + ", ".join(f"{c.name} {_shown(c.old)} -> {_shown(c.new)}" for c in s.changed)
               for s in g.steps if s.changed]
    if changes:
        out.append("    changes:")
        out.extend(f"      {c}" for c in changes)
    return out


def format_text(d: Diagnosis) -> str:
    """The ``errtrail-report diagnose`` text: the verdict first, then the evidence."""
    out = _head_lines(d)
    top = next((g for g in d.paths if g.candidates), None)
    out += _verdict_lines(top)
    if d.paths:
        total = sum(g.count for g in d.paths)
        out += ["", f"paths: {len(d.paths)} distinct over {total} invocation(s)"]
        for n, g in enumerate(d.paths, 1):
            out += _path_head(n, g, _user_space(d)) + _path_evidence(g)
            if g is not top and g.candidates:
                out.append(f"    top candidate: {_where(g.candidates[0])} ({g.candidates[0].kind})")
    if d.notes:
        out += ["", "notes:"]
        out.extend(f"  - {note}" for note in d.notes)
    return "\n".join(out) + "\n"
