"""Rule: what the trace alone says, with or without the source.

- The *last statement* before the exit: with no source it is the best guess there is
  (a person reads whythefail's last line first); with source, a fallback.
- The *statement before it*: user-space ``errno = E; return -1`` sets errno there.
- A *backward jump* at the end to an earlier line: a return gcc merged with others,
  so the statement before the jump chose the error.
- The *value origin*: the first step at which a variable holds the returned value
  (its s64 or s32 form); values are read before a statement runs, so the step
  before it set the variable (optimised code may compute it one statement early:
  then the holder's own line, when it assigns the variable, is the origin).
"""

from __future__ import annotations

from reporter.diagnosis.csource import Assign, Stmt
from reporter.diagnosis.facts import PathFacts
from reporter.diagnosis.origin import Resolver
from reporter.diagnosis.rules import Finding

__all__ = ["findings", "value_origin_finding"]

RULE = "trace"


def findings(facts: PathFacts) -> list[Finding]:
    last = facts.last
    if last is None:
        return []
    exit_txt = f"the exit at line {facts.exit.line}" if facts.exit else "the end of the trace"
    out: list[Finding] = []
    has_source = facts.fn is not None
    if has_source:
        out.append(Finding(last.line, "last-statement", "trace.last-statement-weak",
                           f"Line {last.line} (step {last.number}) is the last statement"
                           f" executed before {exit_txt}.", rule=RULE))
    else:
        strong = facts.origin is not None or bool(facts.unprobed_after)
        key = "trace.last-statement-weak" if strong else "trace.last-statement"
        scale = 0.8 if facts.errno_style and not strong else 1.0
        out.append(Finding(last.line, "last-statement", key,
                           f"Line {last.line} (step {last.number}) is the last statement traced"
                           f" before {exit_txt}; without its source the trace cannot say more"
                           " about it.", scale=scale, rule=RULE))
        out.extend(_before_last(facts))
    origin = value_origin_finding(facts)
    if origin is not None:
        out.append(origin)
    return out


def _before_last(facts: PathFacts) -> list[Finding]:
    last = facts.last
    assert last is not None
    body = facts.body
    before = [s for s in body if (s.file, s.line) != (last.file, last.line)]
    out: list[Finding] = []
    if len(body) >= 2 and body[-1].line < body[-2].line:
        prev = body[-2]
        out.append(Finding(prev.line, "last-statement", "trace.backward-jump",
                           f"Line {prev.line} (step {prev.number}) runs just before a backward"
                           f" jump to line {last.line}, which may be a return gcc merged with"
                           " others.", rule=RULE))
    if before:
        prev = before[-1]
        errno_first = facts.errno_style and facts.origin is None
        key = "trace.previous-errno" if errno_first else "trace.previous"
        tail = (": a user-space function returning -1 usually sets errno on the line before"
                " its `return -1`." if facts.errno_style else
                "; it may have chosen the error the last statement returns."
                if facts.ret.form in ("errno", "err_ptr") else
                "; it may have chosen the value the last statement returns.")
        out.append(Finding(prev.line, "previous-statement", key,
                           f"Line {prev.line} (step {prev.number}) runs just before the last"
                           f" statement (line {last.line}){tail}", rule=RULE))
    return out


def value_origin_finding(facts: PathFacts) -> Finding | None:
    """The step before a variable first holds the returned value (see the docstring)."""
    if facts.origin is None:
        return None
    k, name = facts.origin
    holder, setter = facts.steps[k], facts.steps[k - 1]
    raw = dict(holder.values)[name]
    shown = f"{raw} (-1)" if facts.errno_style else f"{raw} ({facts.ret.raw}" + (
        f", {facts.ret.name})" if facts.ret.name else ")")
    line, kind, key, callee = setter.line, "value-origin", "trace.value-origin", None
    base = (f"`{name}` first holds {shown} at step {holder.number} (line {holder.line}), so"
            f" line {setter.line}, the step before, set it")
    if facts.fn is not None:
        key = "trace.value-origin-source"
        found = Resolver(facts).setter_between(name, k - 1, k, -1)
        if found is not None:
            stmt, assign, line = found.stmt, found.assign, found.line
            if line == holder.line:
                base = (f"`{name}` already holds {shown} at step {holder.number}, line"
                        f" {holder.line}, which assigns it (optimised code computed it early)")
            elif line != setter.line:
                base += f"; line {line}, between them, is the assignment that did"
            kind, key, callee, base = _assigned(facts, stmt, assign, kind, key, base)
    scale = 0.5 if facts.weak else 1.0
    if any(setter.line < n < holder.line for n in facts.unprobed_lines):
        scale *= 0.6  # an unprobed line between them may have set it (rules/unprobed.py)
    return Finding(line, kind, key, base + ".", callee, scale, rule=RULE)


def _assigned(facts: PathFacts, stmt: Stmt, assign: Assign, kind: str, key: str,
              base: str) -> tuple[str, str, str | None, str]:
    """What the assignment says: a constant, or a call's result."""
    value = Resolver(facts).constant(assign.value) if assign.value is not None else None
    if value is not None and assign.value is not None:
        return "errno-constant", "trace.value-origin-made", None, \
            base + f" to `{assign.value.text}`"
    calls = [c.name for c in assign.value.calls() if c.name] if assign.value is not None \
        else list(stmt.calls)
    if calls or assign.op == "&":
        callee = calls[-1] if calls else (stmt.calls[-1] if stmt.calls else None)
        return "callee", "trace.value-origin-made", callee, base + f" from {callee}()"
    return kind, key, None, base
