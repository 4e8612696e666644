"""Rule: a macro that returns, on the last statement before the exit.

``CHECK(x);``, ``assert_return(x, -EINVAL);``, ``return_if_fail(p);``, zstd's
``RETURN_ERROR_IF(cond, code, ...)``: when the path's
last statement is a call the function never came back from (the next step is the
exit) and the file or a header it includes defines it as a macro containing
``return``, the macro returned (with the errno its body names, when it names one, or
the value of the one function it calls, its callee). A call whose arguments hold the
returned errno (``assert_return(x, -EINVAL)``) is taken to be such a macro even when
its definition is in a header the run does not have. A macro named for success
(``RETURN_OK()``) on the last statement of a path that failed is gcc's shared
epilogue: the returning macro the path ran before it is the one; so is a returning
macro the path ran just before one in another case of the same ``switch``.
"""

from __future__ import annotations

from dataclasses import replace

from reporter.diagnosis.csource import Stmt, returning_macro
from reporter.diagnosis.facts import PathFacts
from reporter.diagnosis.model import Step
from reporter.diagnosis.origin import SUCCESS_WORDS, Resolver
from reporter.diagnosis.rules import Finding

__all__ = ["findings"]

RULE = "macros"


def findings(facts: PathFacts) -> list[Finding]:
    last, model = facts.last, facts.model
    if last is None or model is None:
        return []
    found = _returning(facts, last)
    if found is None:
        return []
    finding, name = found
    earlier = [s for s in facts.body if s.line != last.line and s.number < last.number]
    before = _returning(facts, earlier[-1]) if earlier else None
    if before is not None and _other_case(facts, earlier[-1], last):
        # The step before is a returning macro in another case of the same switch: the
        # path cannot run on from it into this one, so gcc merged the two returns and
        # that one returned (msgpack-c 4.0's MSGPACK_CHECKED_CALL, one per type).
        return [replace(before[0], reason=before[0].reason.replace(
            "is the last statement before the exit", f"runs just before line {last.line},"
            " in another case of the switch, where gcc put the return it shares,"))]
    if name is None or not _success(name) or not facts.number:
        return [finding]
    # A macro named for success (libserialport 0.1's `RETURN_OK();`) cannot have made
    # a failure: at -O2 it is gcc's shared epilogue, and the returning macro the path
    # ran just before it (`RETURN_ERROR(SP_ERR_ARG, "...")`) returned.
    if before is None or (before[1] is not None and _success(before[1])):
        return []
    return [replace(before[0], reason=before[0].reason.replace(
        "is the last statement before the exit", f"runs just before {name}() at line"
        f" {last.line}, a macro named for success that cannot return {facts.ret_text},"))]


def _other_case(facts: PathFacts, a: Step, b: Step) -> bool:
    """Whether steps ``a`` and ``b`` are in different cases of one ``switch``."""
    fn, sa, sb = facts.fn, facts.stmt(a), facts.stmt(b)
    if fn is None or sa is None or sb is None:
        return False
    ca = next((x for x in fn.ancestors(sa) if x.kind in ("case", "default")), None)
    cb = next((x for x in fn.ancestors(sb) if x.kind in ("case", "default")), None)
    return ca is not None and cb is not None and ca is not cb and ca.parent == cb.parent


def _returned_call(stmt: Stmt) -> str | None:
    """The function whose result a returning macro is given alone
    (``RETURN_INT(sp_get_port_by_name(port->name, copy_ptr));``, libserialport 0.1)."""
    call = stmt.expr.strip() if stmt.expr is not None else None
    arg = call.args[0].strip() if call is not None and len(call.args) == 1 else None
    return arg.name if arg is not None and arg.kind == "call" and arg.name and \
        not arg.name.isupper() else None


def _success(name: str) -> bool:
    """A macro named for returning success (``RETURN_OK``, ``RETURN_SUCCESS``)."""
    return bool(set(name.upper().split("_")) & SUCCESS_WORDS)


def _returning(facts: PathFacts, step: Step) -> tuple[Finding, str | None] | None:
    """The finding for a returning macro at ``step``, and the macro's name."""
    model, stmt = facts.model, facts.stmt(step)
    if model is None or stmt is None or stmt.kind != "expr":
        return None
    for name in stmt.calls:
        macro = model.macros.get(name) or facts.run.header_macro(name)
        if macro is not None:
            what = f"returns -{macro.errno}" if macro.errno else "can return"
            # A macro around one call returns what the call made (dtc's FDT_RO_PROBE:
            # `if ((t_ = fdt_ro_probe_(fdt)) < 0) return t_;`): that is the callee.
            # One passing its arguments on to another returning macro (unibilium 2.1's
            # FAIL_IF(c, e), FAIL_IF_(c, e, (void)0)) calls no function.
            inner = facts.run.unwrap(name)
            called = inner != name and not macro.errno and inner not in model.macros
            return Finding(step.line, "macro-return", "macro.return",
                           f"Line {step.line} (step {step.number}) is the last statement"
                           f" before the exit and uses macro {name}(), which {what}.",
                           callee=inner if called else None, rule=RULE), name
    named = returning_macro(stmt, model.macros)
    if named is not None:
        given = _returned_call(stmt)
        return Finding(step.line, "macro-return", "macro.return",
                       f"Line {step.line} (step {step.number}) is the last statement"
                       f" before the exit and uses {named}(), a macro whose name says it"
                       " returns" + (f" what {given}() returned." if given else "."),
                       callee=given, rule=RULE), named
    resolver = Resolver(facts)
    for call in stmt.expr.calls() if stmt.expr is not None else ():
        for a in call.args:
            value = resolver.constant(a)
            if value is not None and value != 0 and resolver.matches(a, value, facts.number):
                return Finding(step.line, "macro-return", "macro.return",
                               f"Line {step.line} (step {step.number}) is the last statement"
                               f" before the exit and passes `{a.text}` to {call.name}(),"
                               " a macro that returns it.", rule=RULE), call.name
    return None
