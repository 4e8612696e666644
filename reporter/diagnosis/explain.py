"""The why of a candidate: the branch condition that led to it, with its operands' values.

This module owns ``branch_condition(facts, line)``: for the line of a candidate, the
condition that sent the path there, read at the step where it was evaluated:

- the ``if`` whose branch holds the line (``return -EINVAL;`` under ``if (mask &
  ~(PERF_SAMPLE_BRANCH_MAX-1))``), or, for a line after a label, the ``if`` guarding
  the ``goto`` that jumped there;
- the ``switch`` whose ``case``/``default:`` holds it;
- for an assignment or call that made the value (``err = load(obj);``), the check
  after it that tested the result and left (``if (err) goto out;``).

Values are the operands the trace printed at that step, decimal first with hex
beside them where it helps (``reporter.diagnosis.numbers``); the outcome is what the
traced values make of the condition, else what the path implies (it went into the
``then`` branch: true).
"""

from __future__ import annotations

from reporter.diagnosis.csource import Expr, Function, Stmt
from reporter.diagnosis.facts import PathFacts
from reporter.diagnosis.model import BranchCondition
from reporter.diagnosis.origin import Resolver, goto_into, guard_of
from reporter.diagnosis.rules.switch import chosen_case
from reporter.values import readable

__all__ = ["branch_condition"]

_BITWISE = frozenset({"&", "|", "^", "~", "<<", ">>"})


def _masks(e: Expr) -> set[str]:
    """Identifiers used as operands of bitwise operators."""
    out: set[str] = set()
    for sub in e.walk():
        if sub.kind in ("binary", "unary") and sub.name in _BITWISE:
            for a in sub.args:
                out.update(a.identifiers())
    return out


def _step_of(facts: PathFacts, line: int, before: int | None) -> int | None:
    end = before if before is not None else len(facts.steps)
    for j in range(end - 1, -1, -1):
        if facts.steps[j].line == line and facts.steps[j].file == facts.file:
            return j
    return None


def _values(facts: PathFacts, expr: Expr, index: int | None) -> tuple[tuple[str, str], ...]:
    if index is None:
        return ()
    printed = dict(facts.steps[index].values)
    masks = _masks(expr)
    return tuple((name, readable(printed[name], mask=name in masks))
                 for name in expr.identifiers() if name in printed)


def _condition(facts: PathFacts, check: Stmt, implied: str | None, before: int | None) \
        -> BranchCondition | None:
    if check.expr is None:
        return None
    index = _step_of(facts, check.start, before)
    outcome = implied
    if index is not None and not check.expr.calls():
        value = Resolver(facts).evaluate(check.expr, index)
        if value is not None:
            outcome = "true" if value else "false"
    return BranchCondition(check.start, check.expr.text, outcome,
                           _values(facts, check.expr, index),
                           index + 1 if index is not None else None)


def _switch(facts: PathFacts, fn: Function, stmt: Stmt, before: int | None) \
        -> BranchCondition | None:
    for a in fn.ancestors(stmt):
        if a.kind in ("case", "default") and a.parent is not None:
            switch = fn.statements[a.parent]
            if switch.expr is None:
                return None
            index = _step_of(facts, switch.start, before)
            value = Resolver(facts).evaluate(switch.expr, index) if index is not None else None
            chosen = chosen_case(fn, Resolver(facts), switch, value) if value is not None \
                else None
            outcome = None
            if chosen is not None:
                outcome = "matched no case label" if chosen.kind == "default" else \
                    f"matched `{chosen.text}`"
            return BranchCondition(switch.start, f"switch ({switch.expr.text})", outcome,
                                   _values(facts, switch.expr, index),
                                   index + 1 if index is not None else None)
        if a.kind in ("if", "loop"):
            return None
    return None


def _check_after(facts: PathFacts, stmt: Stmt, index: int) -> Stmt | None:
    """The first executed ``if`` after step ``index`` that reads what ``stmt`` set."""
    names = {a.target for a in stmt.assigns}
    for j in range(index + 1, len(facts.body)):
        s = facts.stmt(facts.steps[j])
        if s is not None and s.kind == "if" and s.expr is not None and \
                names & set(s.expr.identifiers()):
            return s
    return None


def branch_condition(facts: PathFacts, line: int) -> BranchCondition | None:
    """The condition that led the path to ``line`` (see the module docstring)."""
    fn = facts.fn
    if fn is None:
        return None
    stmt = fn.at(line)
    if stmt is None:
        return None
    at = _step_of(facts, line, None)
    guard = guard_of(fn, stmt)
    if guard is not None:
        return _condition(facts, guard[0], "true" if guard[1] else "false", at)
    switch = _switch(facts, fn, stmt, at)
    if switch is not None:
        return switch
    if at is not None and stmt.assigns:
        check = _check_after(facts, stmt, at)
        if check is not None:
            return _condition(facts, check, None, None)
    return _after_goto(facts, fn, stmt, at)


def _after_goto(facts: PathFacts, fn: Function, stmt: Stmt, at: int | None) \
        -> BranchCondition | None:
    jump = goto_into(facts, fn, stmt, at if at is not None else len(facts.body))
    if jump is None:
        return None
    guard = guard_of(fn, jump[1])
    if guard is None:
        return None
    return _condition(facts, guard[0], "true" if guard[1] else "false", jump[0])
