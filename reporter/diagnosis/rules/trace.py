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

from reporter.diagnosis.facts import PathFacts
from reporter.diagnosis.model import Step
from reporter.diagnosis.origin import Resolver, Setter, macro_call, wrapped_call
from reporter.diagnosis.rules import Finding
from reporter.diagnosis.steps import value_origin
from reporter.values import readable, readable_int

__all__ = ["findings", "value_origin_finding"]

RULE = "trace"
ERRNO_LIMIT = 4095
# Steps before the first holder of the errno searched for a call that failed.
FAILED_CALL_WINDOW = 4
# A forward jump of this many lines or more ends a check's branch (`goto fail;`) when
# the path then ends in code of at least ERROR_CODE_LINES lines (`free(p); errno =
# EINVAL; return NULL;`), not in a lone `return NULL;`.
JUMP_LINES = 5
ERROR_CODE_LINES = 3
# ... and that code lies within this many lines of the end (shared error code is the
# function's tail).
ERROR_CODE_SPAN = 8
# How much a value origin of user space's -1 counts (other weak values: a half).
WEAK_ERRNO_STYLE = 0.75
# Lines from `errno = E;` to the `return -1;` after it: adjacent (scored on the
# real-library corpus without sources: 1 beats 2 on the tuned and held-out halves).
ERRNO_PAIR_GAP = 1
# A variable below this that becomes -1 looks like a file descriptor or a count.
FD_LIKE_BELOW = 1 << 16


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
        wrapped = _wrapped_call(facts, last)
        if wrapped is not None and facts.exit is None:
            # liblognorm 2.0's `while (!isEof) { CHKR(ln_sampRead(...)); }`, the trace
            # ending there: the macro's check of the call sent the path to the exit.
            out.append(Finding(last.line, "callee", "trace.last-macro-call",
                               f"Line {last.line} (step {last.number}) is the last statement"
                               f" traced, `{wrapped[0]}(...)` of {wrapped[1]}(), a macro from"
                               " a header the run lacks that checks the call's result: it"
                               " left for the exit.", wrapped[1], rule=RULE))
    else:
        strong = facts.origin is not None or bool(facts.unprobed_after)
        key = "trace.last-statement-weak" if strong else "trace.last-statement"
        scale = 1.0
        out.append(Finding(last.line, "last-statement", key,
                           f"Line {last.line} (step {last.number}) is the last statement traced"
                           f" before {exit_txt}; without its source the trace cannot say more"
                           " about it.", scale=scale, rule=RULE))
        out.extend(_before_last(facts))
        out.extend(_failed_call(facts))
        out.extend(_weak_return(facts))
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
        # `errno = E; return -1;` sits on adjacent lines; a statement further up is
        # a check or a call before the return, not the one that set errno.
        errno_first = facts.errno_style and facts.origin is None and \
            0 < last.line - prev.line <= ERRNO_PAIR_GAP
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


def _newly(facts: PathFacts, k: int) -> list[tuple[str, int, int]]:
    """Variables that went from a small non-negative value (a file descriptor, a
    count) to -1 at step ``k``: (name, old, new). (A pointer becoming NULL is not
    used: uninitialised stack garbage turns NULL just as often.)"""
    before, now = facts.values(k - 1), facts.values(k)
    return [(n, before[n], v) for n, v in now.items()
            if v == -1 and n in before and 0 <= before[n] < FD_LIKE_BELOW]


def _failed_call(facts: PathFacts) -> list[Finding]:
    """Without source: a variable that became -1 just before another took the
    returned errno is a libc call that failed and set errno (``fd = open(...)`` then
    ``err = -errno``)."""
    n = facts.number
    if facts.origin is None and n is not None and -ERRNO_LIMIT <= n < -1:
        end = len(facts.body)
    elif facts.origin is not None and n is not None and -ERRNO_LIMIT <= n < -1:
        end = facts.origin[0] - 1
    else:
        return []
    end = min(end, len(facts.steps) - 1)
    for k in range(end, max(end - FAILED_CALL_WINDOW, 1), -1):
        for name, old, _new in _newly(facts, k):
            setter = facts.steps[k - 1]
            return [Finding(setter.line, "value-origin", "trace.failed-call",
                            f"`{name}` becomes -1 at step {k + 1} (it held {readable_int(old)})"
                            f", so line {setter.line} (step {k}) looks like a call that failed"
                            f" and set errno, which the function returns as {facts.ret_text}.",
                            rule=RULE)]
    return []


def _weak_return(facts: PathFacts) -> list[Finding]:
    """Without source, for NULL/0/-1 returns: the variable holding an errno when the
    function returns (``err = -EINVAL; goto error; ... return NULL``), else the step
    that jumped into the code the path ends in (``goto invalid;``)."""
    if facts.number not in (0, -1) or len(facts.body) < 3:
        return []
    last = len(facts.body) - 1
    for name, v in sorted(facts.values(last).items()):
        if -ERRNO_LIMIT <= v < -1:
            origin = value_origin(facts.steps[: last + 1], frozenset({v}), not facts.partial)
            if origin is not None and origin[1] == name:
                setter = facts.steps[origin[0] - 1]
                return [Finding(setter.line, "value-origin", "trace.error-variable",
                                f"`{name}` holds {readable_int(v)} when the function returns"
                                f" {facts.ret_text}, and line {setter.line} (step"
                                f" {setter.number}) set it.", rule=RULE)]
    body = facts.body
    end = facts.exit.line if facts.exit is not None else body[-1].line
    for k in range(len(body) - 2, 0, -1):
        tail = {s.line for s in body[k:]}
        if body[k].line - body[k - 1].line >= JUMP_LINES and \
                body[k].file == body[k - 1].file and len(tail) >= ERROR_CODE_LINES and \
                end - body[k].line <= ERROR_CODE_SPAN:
            src = body[k - 1]
            return [Finding(src.line, "previous-statement", "trace.jump-to-exit",
                            f"Line {src.line} (step {src.number}) jumps over"
                            f" {body[k].line - src.line - 1} lines to the code the path ends in"
                            f" (line {body[k].line}): a check that failed and went to its error"
                            " code.", rule=RULE)]
        if body[k].line < body[k - 1].line:
            break
    return []


def value_origin_finding(facts: PathFacts) -> Finding | None:
    """The step before a variable first holds the returned value (see the docstring)."""
    if facts.origin is None:
        return None
    k, name = facts.origin
    holder, setter = facts.steps[k], facts.steps[k - 1]
    raw = dict(holder.values)[name]
    shown = readable(raw) + (f", {facts.ret.name}" if facts.ret.name and not facts.errno_style
                              else "")
    line, kind, key, callee = setter.line, "value-origin", "trace.value-origin", None
    base = (f"`{name}` first holds {shown} at step {holder.number} (line {holder.line}), so"
            f" line {setter.line}, the step before, set it")
    if facts.fn is not None:
        key = "trace.value-origin-source"
        found = Resolver(facts).setter_between(name, k - 1, k, -1)
        if found is not None:
            line = found.line
            if line == holder.line:
                base = (f"`{name}` already holds {shown} at step {holder.number}, line"
                        f" {holder.line}, which assigns it (optimised code computed it early)")
            elif line != setter.line:
                base += f"; line {line}, between them, is the assignment that did"
            kind, key, callee, base, line = _assigned(facts, found, kind, key, base, line)
        else:
            wrapped = _wrapped_call(facts, setter)
            coded = _macro_code(facts, setter) or _macro_code(facts, holder)
            if wrapped is not None:
                kind, key, callee = "callee", "trace.value-origin-made", wrapped[1]
                base += (f" from {wrapped[1]}(), inside `{wrapped[0]}(...)` (a macro from a"
                         " header the run lacks, keeping its result)")
            elif coded is not None:
                line, kind, key = coded[0], "errno-constant", "trace.value-origin-made"
                base += (f"; line {coded[0]}'s `{coded[1]}` (a macro from a header the run"
                         " lacks, given that code) stored it")
    # -1, 0, 1 sit in many variables by chance; user space's -1 landing in the variable
    # a call set (`fd = open(...)`) is the convention, not chance.
    scale = (WEAK_ERRNO_STYLE if facts.errno_style else 0.5) if facts.weak else 1.0
    if any(setter.line < n < holder.line for n in facts.unprobed_lines):
        scale *= 0.6  # an unprobed line between them may have set it (rules/unprobed.py)
    return Finding(line, kind, key, base + ".", callee, scale, rule=RULE)


def _wrapped_call(facts: PathFacts, step: Step) -> tuple[str, str] | None:
    """(macro, call) of a step that is only a macro given one call (``wrapped_call``)."""
    stmt = facts.stmt(step)
    inner = wrapped_call(stmt) if stmt is not None else None
    if stmt is None or inner is None or stmt.expr is None:
        return None
    return stmt.expr.strip().name or "", inner.name or ""


def _macro_code(facts: PathFacts, step: Step) -> tuple[int, str] | None:
    """(line, text) of a step that is only a macro named in capitals given one
    constant code (librelp 1.11's ``ABORT_FINALIZE(RELP_RET_COULD_NOT_BIND);``: ``iRet
    = code; goto finalize_it;`` in a header)."""
    stmt = facts.stmt(step)
    call = macro_call(stmt) if stmt is not None else None
    if stmt is None or call is None or not (call.name or "").isupper():
        return None
    code = call.args[0].strip()
    named = code.kind == "ident" and code.name is not None and code.name.isupper()
    return (stmt.start, stmt.text) if named or code.kind == "number" else None


def _assigned(facts: PathFacts, found: Setter, kind: str, key: str, base: str, line: int) \
        -> tuple[str, str, str | None, str, int]:
    """What the assignment says: a constant, a call's result, or (followed back) the
    libc call whose failure ``-errno`` reports."""
    resolver = Resolver(facts)
    assign = found.assign
    if assign.value is not None and assign.op == "=":
        o = resolver.resolve(assign.value, found.index, found.line, None)
        if o is not None and o.kind == "errno-callee":
            return "errno-callee", "trace.value-origin-made", o.callee, \
                base + f" from -errno: {o.callee}() failed at line {o.line}", o.line
    value = resolver.constant(assign.value) if assign.value is not None else None
    if value is not None and assign.value is not None:
        return "errno-constant", "trace.value-origin-made", None, \
            base + f" to `{assign.value.text}`", line
    callee = found.stmt.principal_call
    if callee is not None:
        return "callee", "trace.value-origin-made", callee, base + f" from {callee}()", line
    return kind, key, None, base, line
