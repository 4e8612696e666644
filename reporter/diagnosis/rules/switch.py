"""Rule: a ``switch`` whose case the trace does not show (gcc -O2 jump tables).

At -O2 a dense ``switch`` becomes an indirect jump through a table, and often only
``switch (x)`` has a statement of its own. When the traced value of ``x`` matches no
case label (the labels evaluated with the file's own ``#define``s and enumerators),
the path went to ``default:``; when it matches one, to that case. What that body can
return (``branches.producers``) is the answer. When ``x`` is not known, every case
that can make the value is a weaker candidate.
"""

from __future__ import annotations

from reporter.diagnosis.csource import Function, Stmt
from reporter.diagnosis.facts import PathFacts
from reporter.diagnosis.origin import Resolver
from reporter.diagnosis.rules import Finding
from reporter.diagnosis.rules.branches import producers

__all__ = ["chosen_case", "findings"]

RULE = "switch"


def _cases(fn: Function, switch: Stmt) -> list[Stmt]:
    return [s for s in fn.statements if s.kind in ("case", "default") and
            s.parent == switch.index]


def chosen_case(fn: Function, resolver: Resolver, switch: Stmt, value: int) -> Stmt | None:
    """The case ``value`` selects (``default:`` when it matches none); ``None`` when a
    label cannot be evaluated and no label matches."""
    default = None
    unknown = False
    for case in _cases(fn, switch):
        if case.kind == "default":
            default = case
            continue
        for label in case.values:
            n = resolver.constant(label)
            if n is None:
                unknown = True
            elif n == value:
                return case
    return None if unknown else default


def findings(facts: PathFacts) -> list[Finding]:
    fn = facts.fn
    if fn is None or not fn.parsed:
        return []
    resolver = Resolver(facts)
    out: list[Finding] = []
    body = facts.body
    for k in range(len(body) - 1, -1, -1):
        stmt = facts.stmt(body[k])
        if stmt is None or stmt.kind != "switch" or stmt.body is None:
            continue
        nxt = facts.steps[k + 1].line if k + 1 < len(facts.steps) else None
        if nxt is not None and stmt.body[0] < nxt <= stmt.body[1]:
            break  # the case that ran is in the path
        value = resolver.evaluate(stmt.expr, k) if stmt.expr is not None else None
        case = chosen_case(fn, resolver, stmt, value) if value is not None else None
        cases = [case] if case is not None else _cases(fn, stmt)
        for c in cases:
            out.extend(_case_findings(facts, fn, stmt, c, value, case is not None))
        break
    return out


def _case_findings(facts: PathFacts, fn: Function, switch: Stmt, case: Stmt,
                   value: int | None, decided: bool) -> list[Finding]:
    if case.body is None:
        return []
    inside = [s for s in fn.statements
              if case.body[0] <= s.start <= case.body[1] and s.kind not in ("case", "default")]
    label = "default:" if case.kind == "default" else f"`{case.text}`"
    how = (f"the traced `{switch.expr.text if switch.expr else '?'}` = {value} "
           + ("matches no case label, so the jump went to default:" if case.kind == "default"
              else f"selects {label}")) if decided else f"{label} of the switch at line" \
        f" {switch.start} can make the value; the trace does not show which case ran"
    out = []
    for rank, p in enumerate(producers(facts, inside)):
        text = facts.model.text(p.line) if facts.model is not None else None
        out.append(Finding(p.line, p.kind, "switch.case" if decided else "switch.any-case",
                           f"Line {p.line} (`{text}`) {p.what}: {how}.", p.callee,
                           1.0 - 0.1 * rank, rule=RULE))
        if rank >= 2:
            break
    return out
