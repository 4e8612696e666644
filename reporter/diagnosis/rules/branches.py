"""Rule: the return that ran is not in the trace; the branch entered last holds it.

Optimised code (gcc -O2, every kernel) often has no statement of its own for the
failing ``return -EINVAL;``: gcc merges identical exits into one block, whose line
may even read ``return 0;``. The path then ends on the check that failed, or on a
return that cannot have made the value. The answer lies in a branch the path
entered without showing any statement of it: the taken branch of an ``if`` whose
next step lies outside it (most recent first; the traced values decide the
condition where they can), or the statements right after the last one. In each,
what can make the value ranks first: ``return -E``/``err = -E`` of that value,
then returns and assignments of calls, ``goto``, other calls.

At -O0 a branch the path left unvisited did not run (``PathFacts.never_ran``): the
engine ranks its lines after every line that may have run, and the reasons here
speak of a merge only when the path looks optimised.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reporter.diagnosis.csource import Function, Stmt
from reporter.diagnosis.facts import PathFacts
from reporter.diagnosis.origin import Resolver
from reporter.diagnosis.rules import Finding
from reporter.diagnosis.rules.returned import executed_return
from reporter.diagnosis.weights import ADJUST

__all__ = ["entered_branches", "findings", "producers"]

RULE = "branches"
# Statements read after the last traced one, when no branch explains the exit.
FALLTHROUGH_STATEMENTS = 12
# Branches entered, most recent first, that are searched.
MAX_BRANCHES = 6


def entered_branches(facts: PathFacts) -> Iterator[tuple[int, Stmt, tuple[int, int], bool | None]]:
    """(step index, ``if``, span of the branch taken, condition value) for each
    ``if`` whose taken branch shows no traced statement, most recent first."""
    fn = facts.fn
    assert fn is not None
    body = facts.body
    resolver = Resolver(facts)
    for k in range(len(body) - 1, -1, -1):
        stmt = facts.stmt(body[k])
        if stmt is None or stmt.kind != "if" or stmt.body is None:
            continue
        nxt = facts.steps[k + 1].line if k + 1 < len(facts.steps) else None
        value = resolver.evaluate(stmt.expr, k) if stmt.expr is not None and \
            not stmt.expr.calls() else None
        spans = [(stmt.body, True), (stmt.orelse, False)]
        for span, is_then in spans:
            if span is None or (value is not None and bool(value) != is_then):
                continue
            if nxt is not None and span[0] <= nxt <= span[1]:
                continue  # the branch's statements are in the path
            yield k, stmt, span, value if value is None else bool(value)


def producers(facts: PathFacts, statements: Sequence[Stmt]) -> Iterator[tuple[Stmt, str, str,
                                                                             str | None]]:
    """(statement, kind, weight key, callee) for what in ``statements`` can make the
    returned value, in source order; a return of another constant ends the search."""
    resolver = Resolver(facts)
    want = facts.number
    for s in statements:
        if s.kind == "return":
            o = resolver.resolve(s.expr, None, s.start, want)
            if o is None:
                return
            if o.kind in ("errno-constant", "constant") and o.line == s.start:
                yield s, "errno-constant", "branch.return-constant", None
            elif o.callee:
                yield s, "callee", "branch.return-call", o.callee
            return
        if s.kind == "goto":
            yield s, "goto-label", "branch.goto", None
            return
        for a in s.assigns:
            value = resolver.constant(a.value) if a.value is not None else None
            if value is not None and a.value is not None and \
                    resolver.matches(a.value, value, want) and value != 0:
                yield s, "errno-constant", "branch.assign-constant", None
                break
        else:
            if s.calls and s.assigns:
                yield s, "callee", "branch.assign-call", s.calls[-1]
            elif s.calls and s.kind == "expr":
                yield s, "callee", "branch.call", s.calls[-1]


def _in_span(fn: Function, span: tuple[int, int]) -> list[Stmt]:
    return [s for s in fn.statements if span[0] <= s.start <= span[1]]


def findings(facts: PathFacts) -> list[Finding]:
    fn = facts.fn
    if fn is None or facts.last is None:
        return []
    found = executed_return(facts)
    if found is not None:
        index, stmt = found
        if Resolver(facts).resolve(stmt.expr, index, stmt.start, facts.number) is not None:
            return []
    out: list[Finding] = []
    merged = bool(facts.optimised)
    for age, (_k, stmt, span, value) in enumerate(list(entered_branches(facts))[:MAX_BRANCHES]):
        scale = ADJUST["branch.older"] ** age
        took = "true" if value is True else "false" if value is False else None
        why = (f"the branch of line {stmt.start} (`{stmt.text}`)"
               + (f", which the traced values make {took}" if took else "")
               + (", has no traced statement of its own (the compiler merged it)"
                  if merged else ", was not traced"))
        for rank, (s, kind, key, callee) in enumerate(producers(facts, _in_span(fn, span))):
            if key == "branch.return-constant" and value is None:
                key = "branch.return-constant-maybe"
            out.append(Finding(s.start, kind, key,
                               f"Line {s.start} (`{s.text}`) is in {why}.", callee,
                               scale * (1 - ADJUST["ordinal"] * rank), rule=RULE))
    out.extend(_fallthrough(facts, fn))
    return out


def _fallthrough(facts: PathFacts, fn: Function) -> list[Finding]:
    """What follows the last traced statement, when it is not a branch."""
    last = facts.last
    assert last is not None
    stmt = facts.stmt(last)
    if stmt is None or stmt.kind in ("if", "return", "goto", "switch"):
        return []
    following = [s for s in fn.following(stmt)][:FALLTHROUGH_STATEMENTS]
    out = []
    for rank, (s, kind, key, callee) in enumerate(producers(facts, following)):
        out.append(Finding(s.start, kind, key,
                           f"Line {s.start} (`{s.text}`) follows the last traced statement"
                           f" (line {last.line}) before the exit, where no statement was"
                           " traced.", callee, 0.8 * (1 - ADJUST["ordinal"] * rank), rule=RULE))
    return out
