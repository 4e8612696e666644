"""Rule: a return of NULL, 0 or -1, explained by the check that led to it.

``return NULL;`` (or ``return -1;``, ``return 0;``) says nothing of why. What does:
``errno = EINVAL;`` set on the way (user-space convention), or the check guarding
the return: ``if (!f) return NULL;`` after ``f = fopen(path, "r");`` is fopen's
failure (callee ``fopen``); ``if (err) goto fail; ... fail: return NULL;`` is where
``err`` got its value. A check on parameters alone (``if (!name) return NULL;``)
leaves the return line as the answer; a function returning a truth value that hands
on its predicate's false (``if (!is_legal(e)) return false;``) names the predicate.
At -O2, where the return has no stop: a path that ends on such a check, or that went
into a label's code with no step for the check that sent it there (a guess).
"""

from __future__ import annotations

import re
from dataclasses import replace

from reporter.diagnosis.csource import Function, Stmt
from reporter.diagnosis.facts import PathFacts
from reporter.diagnosis.origin import (
    Origin,
    Resolver,
    goto_into,
    guard_of,
    hands_message,
    kept_for_caller,
    untraced_goto,
)
from reporter.diagnosis.rules import Finding
from reporter.diagnosis.rules.returned import executed_return, message_guess, uninformative
from reporter.diagnosis.tested import UNCERTAIN, check_before, tested_origin
from reporter.diagnosis.weights import ADJUST

__all__ = ["errno_assignments", "findings"]

RULE = "guard"
_ERRNO_SET = re.compile(r"\berrno\s*=[^=]|\b__set_errno\s*\(")


def errno_assignments(facts: PathFacts, resolver: Resolver, before: int) \
        -> list[tuple[int, Stmt]]:
    """Executed statements that set errno before step ``before``, latest first: an
    assignment to errno, or a library's call that records a constant error code
    (``__libelf_seterrno (ELF_E_INVALID_INDEX);``, elfutils 0.188: libelf's errno)."""
    out: list[tuple[int, Stmt]] = []
    for j in range(before - 1, -1, -1):
        stmt = facts.stmt(facts.steps[j])
        if stmt is not None and (stmt.assigns_to("errno") is not None or
                                 "__set_errno" in stmt.calls or _ERRNO_SET.search(stmt.text)
                                 or _sets_code(resolver, stmt)):
            out.append((j, stmt))
    return out


def _sets_code(resolver: Resolver, stmt: Stmt) -> bool:
    """A call statement named for setting an error (``seterrno``, ``set_error``,
    ``error_set``) that records a constant code (``Resolver.records_code``)."""
    call = stmt.call
    name = call.name.lower() if call is not None and call.name else ""
    return call is not None and "set" in name and "err" in name and resolver.records_code(call)


def findings(facts: PathFacts) -> list[Finding]:
    fn = facts.fn
    if fn is None or facts.last is None:
        return []
    resolver = Resolver(facts)
    found = executed_return(facts)
    if found is not None:
        index, stmt = found
        if not uninformative(facts, resolver.resolve(stmt.expr, index, stmt.start,
                                                     facts.number)):
            return []
    elif facts.number in (-1, 0) and facts.optimised:
        # -O2: the return that ran has no statement of its own; what the path set
        # errno to on the way still says why, else the check it jumped from unseen.
        errnos = errno_assignments(facts, resolver, len(facts.body))
        return _errno_findings(facts, resolver, fn, *errnos[0]) if errnos else \
            _ends_passing_false(facts, fn) or _unseen_jump_findings(facts, resolver, fn)
    else:
        return []
    out: list[Finding] = []
    errnos = errno_assignments(facts, resolver, index)
    if errnos:
        out.extend(_errno_findings(facts, resolver, fn, *errnos[0]))
    elif facts.number == 0:
        out.extend(_error_local(facts, resolver, index))
    out.extend(_check_findings(facts, resolver, fn, stmt, index, bool(out)))
    return out


def _check_findings(facts: PathFacts, resolver: Resolver, fn: Function, stmt: Stmt,
                    index: int, errno_found: bool) -> list[Finding]:
    """The check behind a NULL/0/-1 return: the failing call it tested; or, for a
    check on data (``value > MAX``), the ``goto`` that left for shared error code;
    and the return line itself."""
    out: list[Finding] = []
    check = check_before(facts, fn, stmt, index)
    tested = tested_origin(facts, resolver, check) if check is not None else None
    line_scale = 0.6 if errno_found else 1.0
    if tested is not None:
        where, origin, certain = tested
        out.append(Finding(origin.line, "errno-callee" if origin.kind == "errno-callee" else
                           "callee" if origin.callee else "value-origin",
                           "guard.tested-call",
                           f"Line {stmt.start} returns {facts.ret_text} (`{stmt.text}`) because"
                           f" the check at line {where.start} (`{where.text}`) failed; "
                           + ("; ".join(origin.chain) or f"line {origin.line} made the value")
                           + (f": {origin.callee}() failed" if origin.callee else "")
                           + ("." if certain else ", if the check got that far (an earlier"
                              " operand may have decided it)."),
                           origin.callee, scale=(0.9 if errno_found else 1.0) *
                           (1.0 if certain else UNCERTAIN), rule=RULE))
        line_scale = 0.6 if certain else 1.0
    elif check is not None and (passed := _passed_on_false(facts, fn, stmt, check)):
        out.append(Finding(check.start, "callee", "guard.tested-call",
                           f"Line {stmt.start} returns {facts.ret_text} (`{stmt.text}`), the"
                           f" false {passed}() gave the check at line {check.start}"
                           f" (`{check.text}`): the function passes its answer on.", passed,
                           rule=RULE))
        line_scale = 0.6
    else:
        jump = goto_into(facts, fn, stmt, index) or untraced_goto(fn, check, stmt)
        stored = resolver.stored_code(jump[1].start) if jump is not None and not errno_found \
            else None
        if jump is not None and stored is not None:
            # libtirpc 1.3's `rpc_createerr.cf_stat = RPC_UNKNOWNHOST; goto err1;`: the
            # code kept for the caller says why, as before a `return NULL;`.
            out.append(Finding(stored.line, "errno-assignment", "guard.stored-code",
                               f"Line {stored.line} stores the error for the caller before"
                               f" the `goto` at line {jump[1].start} took the path to the"
                               f" shared code whose `{stmt.text}` returns {facts.ret_text}.",
                               rule=RULE))
            line_scale = 0.6
        elif jump is not None and not errno_found:
            step = f"step {jump[0] + 1}, " if jump[0] is not None else "not traced, "
            out.append(Finding(jump[1].start, "goto-label", "guard.goto",
                               f"Line {jump[1].start} ({step}`{jump[1].text}`)"
                               f" took the path to the shared error code whose `{stmt.text}`"
                               f" returns {facts.ret_text}"
                               + (f", after the check at line {check.start} (`{check.text}`)."
                                  if check is not None else "."), rule=RULE))
            line_scale = 0.6
    out.append(Finding(stmt.start, "errno-constant", "guard.return-line",
                       f"Line {stmt.start} is the return that ran (`{stmt.text}`)"
                       + (f", under the check at line {check.start} (`{check.text}`)."
                          if check is not None else "."),
                       scale=line_scale, rule=RULE))
    out.extend(message_guess(resolver, stmt, RULE))
    return out


def _passed_on_false(facts: PathFacts, fn: Function, stmt: Stmt, check: Stmt) -> str | None:
    """The predicate whose false a function returning a truth value passes on: ``if
    (!validate_component(start, len, flags)) return false;`` (libgit2 1.5), ``if
    (!FLAC__format_vorbiscomment_entry_is_legal(...)) return false;`` (libFLAC 1.4): the
    next step is inside the predicate. (A named code instead, ``if (!validate_layout(...))
    return OPUS_BAD_ARG;``, is the function's own decision.)"""
    model = facts.model
    value = stmt.expr.strip() if stmt.expr is not None else None
    cond = check.expr.strip() if check.expr is not None else None
    if model is None or value is None or cond is None or \
            value.text not in ("false", "FALSE", "0") or cond.kind != "unary" or \
            cond.name != "!" or not cond.args:
        return None
    head = " ".join(model.text(n) or "" for n in range(fn.start, fn.open_line + 1))
    call = cond.args[0].strip()
    if "bool" not in head.split("(")[0].lower() or call.kind != "call" or not call.name:
        return None
    return call.name


def _ends_passing_false(facts: PathFacts, fn: Function) -> list[Finding]:
    """At -O2, a path that ends on ``if (!pred(...))`` whose branch is ``return
    false;`` with no stop of its own (libFLAC 1.4's vorbiscomment_insert_comment):
    ``_passed_on_false`` of that return."""
    check = facts.stmt(facts.body[-1]) if facts.body else None
    if check is None or check.kind != "if" or check.body is None:
        return []
    ret = next((s for s in fn.statements if check.in_body(s.start) and s.kind == "return"
                and s.parent == check.index), None)
    passed = _passed_on_false(facts, fn, ret, check) if ret is not None else None
    if ret is None or passed is None:
        return []
    return [Finding(check.start, "callee", "guard.tested-call",
                    f"The path ends on the check at line {check.start} (`{check.text}`), whose"
                    f" `{ret.text}` ran with no stop of its own: the false {passed}() gave is"
                    " passed on.", passed, rule=RULE)]


def _unseen_jump(facts: PathFacts, resolver: Resolver, fn: Function) \
        -> tuple[Stmt, Stmt] | None:
    """(check, ``goto``) when optimised code went from a statement straight into a
    label's code, passing checks with no step of their own: the first ``goto`` to that
    label after the statement whose check the values there do not make false (cJSON
    1.7's ``item = cJSON_New_Item(...);``, then ``fail:``: of ``if (item == NULL) goto
    fail;`` and ``if (!parse_value(...)) goto fail;``, item is set). A guess: other
    checks after it may have sent the path there too."""
    body, shown = facts.body, {s.line for s in facts.body}
    for k in range(1, len(body)):
        here, prev = facts.stmt(body[k]), facts.stmt(body[k - 1])
        labels = fn.labels_reaching(here) if here is not None else frozenset()
        starts = [lab.start for n in labels if (lab := fn.label(n)) is not None]
        if prev is None or not starts or prev.end >= min(starts) or prev.kind == "goto":
            continue
        index = facts.index_of(body[k])
        for s in fn.statements:
            if s.kind != "goto" or s.label not in labels or not prev.end < s.start < min(starts):
                continue
            guard = guard_of(fn, s)
            if guard is None or not guard[1] or guard[0].start in shown or \
                    guard[0].expr is None or resolver.evaluate(guard[0].expr, index) == 0:
                continue
            return guard[0], s
        return None
    return None


def _unseen_jump_findings(facts: PathFacts, resolver: Resolver, fn: Function) -> list[Finding]:
    """The check behind ``_unseen_jump``: the call it tested, else its ``goto``."""
    found = _unseen_jump(facts, resolver, fn)
    if found is None:
        return []
    check, goto = found
    head = (f"The path went into the code under `{goto.label}:` with no step for a check;"
            f" the first the values leave that can have sent it there is line"
            f" {check.start} (`{check.text}`)")
    tested = tested_origin(facts, resolver, check)
    if tested is not None and tested[1].callee:
        origin = tested[1]
        return [Finding(origin.line, "callee", "guard.tested-call",
                        f"{head}, and {origin.callee}() is what it tested.", origin.callee,
                        scale=UNCERTAIN, rule=RULE)]
    return [Finding(goto.start, "goto-label", "guard.goto",
                    f"{head}, and line {goto.start} (`{goto.text}`) jumps there.",
                    scale=UNCERTAIN, rule=RULE)]


def _errno_findings(facts: PathFacts, resolver: Resolver, fn: Function, j: int,
                    s: Stmt) -> list[Finding]:
    """Where the errno set at step ``j`` came from: a constant set under a label the
    path jumped to is the ``goto`` of the check that failed; a variable is followed
    back to the line that set it."""
    assign = s.assigns_to("errno")
    value = assign.value if assign is not None else \
        next((c.args[0] for c in s.expr.calls() if c.name == "__set_errno" and c.args), None) \
        if s.expr is not None else None
    here = Finding(s.start, "errno-assignment", "guard.errno-assignment",
                   f"The function returned {facts.ret_text} and line {s.start} (step {j + 1})"
                   f" sets errno last on the path (`{s.text}`).", rule=RULE)
    if value is None and not _sets_code(resolver, s):
        return [here]
    # A library's error call records a constant code (`git_error_set(GIT_ERROR_CONFIG,
    # ...)` under libgit2 1.5's `fail_parse:`): as a constant errno.
    if value is None or resolver.constant(value) is not None:
        jump = goto_into(facts, fn, s, j)
        if jump is None and value is None and hands_message(s):
            # `git_error_set(GIT_ERROR_INDEX, "index does not contain '%s'", path);
            # return NULL;` (libgit2 1.5): a class and a message for the caller to
            # read; the return beside it is what made the value.
            return [replace(here, scale=ADJUST["error-message"])]
        if jump is None:
            return [here]
        return [Finding(jump[1].start, "goto-label", "guard.goto",
                        f"Line {jump[1].start} (step {jump[0] + 1}) is the `{jump[1].text}` the"
                        f" path took to the shared error code, where line {s.start} sets"
                        f" errno (`{s.text}`) and the function returns {facts.ret_text}.",
                        rule=RULE), replace(here, scale=0.8)]
    origin = resolver.resolve(value, j, s.start, None)
    if origin is None or origin.line == s.start:
        return [here]
    return [Finding(origin.line, _kind(origin), "guard.errno-from",
                    f"Line {s.start} sets errno from `{value.text}` (`{s.text}`) before the"
                    f" function returns {facts.ret_text}; " + "; ".join(origin.chain)
                    + f"; line {origin.line} made it.", origin.callee, rule=RULE),
            replace(here, scale=0.7)]


def _error_local(facts: PathFacts, resolver: Resolver, before: int) -> list[Finding]:
    """NULL returned while an error variable got a constant code on the way: ``err =
    -FDT_ERR_TRUNCATED; goto fail; ... fail: *lenp = err; return NULL;`` (dtc 1.6's
    libfdt): the code the caller is given is made there (the latest such assignment
    the path ran, to a variable named for errors); or any named code in a variable
    the function hands its caller (``res = LO_EINVALIDPATH; goto fail; ... fail:
    *result = res; return NULL;``, liblo 0.31)."""
    fn = facts.fn
    assert fn is not None
    for j in range(before - 1, -1, -1):
        stmt = facts.stmt(facts.steps[j])
        if stmt is None:
            continue
        for a in stmt.assigns:
            if a.op != "=" or a.value is None or "errno" in a.target:
                continue
            kept = kept_for_caller(fn, a.target)
            if "err" not in a.target.lower() and not kept:
                continue
            value = a.value.strip()
            negative = value.kind == "unary" and value.name == "-" and bool(value.args)
            known = resolver.constant(value)
            if (negative and resolver.symbolic(value)) or (known is not None and known < 0) or \
                    (kept and (resolver.symbolic(value) or known)):
                return [Finding(a.line or stmt.start, "errno-assignment", "guard.error-local",
                                f"The function returned {facts.ret_text} and line"
                                f" {a.line or stmt.start} (step {j + 1}) set `{a.target}`, the"
                                f" error it reports, last on the path (`{stmt.text}`).",
                                rule=RULE)]
    return []


def _kind(origin: Origin) -> str:
    if origin.kind == "errno-callee":
        return "errno-callee"
    if origin.callee:
        return "callee"
    return "errno-constant" if origin.kind in ("errno-constant", "constant") else "value-origin"
