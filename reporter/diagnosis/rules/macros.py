"""Rule: a macro that returns, on the last statement before the exit.

``CHECK(x);``, ``assert_return(x, -EINVAL);``, ``return_if_fail(p);``, zstd's
``RETURN_ERROR_IF(cond, code, ...)``: when the path's
last statement is a call the function never came back from (the next step is the
exit) and the file or a header it includes defines it as a macro containing
``return``, the macro returned (with the errno its body names, when it names one, or
the value of the one function it calls, its callee). A call whose arguments hold the
returned errno (``assert_return(x, -EINVAL)``) is taken to be such a macro even when
its definition is in a header the run does not have.
"""

from __future__ import annotations

from reporter.diagnosis.csource import returning_macro
from reporter.diagnosis.facts import PathFacts
from reporter.diagnosis.origin import Resolver
from reporter.diagnosis.rules import Finding

__all__ = ["findings"]

RULE = "macros"


def findings(facts: PathFacts) -> list[Finding]:
    last, model = facts.last, facts.model
    stmt = facts.stmt(last) if last is not None else None
    if last is None or model is None or stmt is None or stmt.kind != "expr":
        return []
    for name in stmt.calls:
        macro = model.macros.get(name) or facts.run.header_macro(name)
        if macro is not None:
            what = f"returns -{macro.errno}" if macro.errno else "can return"
            # A macro around one call returns what the call made (dtc's FDT_RO_PROBE:
            # `if ((t_ = fdt_ro_probe_(fdt)) < 0) return t_;`): that is the callee.
            inner = facts.run.unwrap(name)
            return [Finding(last.line, "macro-return", "macro.return",
                            f"Line {last.line} (step {last.number}) is the last statement"
                            f" before the exit and uses macro {name}(), which {what}.",
                            callee=inner if inner != name and not macro.errno else None,
                            rule=RULE)]
    named = returning_macro(stmt, model.macros)
    if named is not None:
        return [Finding(last.line, "macro-return", "macro.return",
                        f"Line {last.line} (step {last.number}) is the last statement"
                        f" before the exit and uses {named}(), a macro whose name says it"
                        " returns.", rule=RULE)]
    resolver = Resolver(facts)
    for call in stmt.expr.calls() if stmt.expr is not None else ():
        for a in call.args:
            value = resolver.constant(a)
            if value is not None and value != 0 and resolver.matches(a, value, facts.number):
                return [Finding(last.line, "macro-return", "macro.return",
                                f"Line {last.line} (step {last.number}) is the last statement"
                                f" before the exit and passes `{a.text}` to {call.name}(),"
                                " a macro that returns it.", rule=RULE)]
    return []
