"""Rule of last resort: a traced return that can have made the value.

The other rules read the path's end: the return that ran last, the branch entered
last, the check that led there. Optimised code can leave that end with nothing to
say: gcc gives a shared epilogue the line of another return (``return 1;`` for -10,
c-blosc 1.21's ``initialize_context_compression`` at -O2, after the path ran
``return -10;`` two steps before), or shows a one-line ``if (IS_NULL(e)) return
ONIGERR_...;`` and then the function's last line. The engine runs this rule only
when no other rule found evidence stronger than ``FALLBACK_BELOW``
(``reporter.diagnosis.weights``): the latest return statement the path ran whose
checks the values allow, followed back to where its value was made
(``origin.Resolver``; a constant of another value is skipped), names the line. A
``return VAR;`` whose check the values rule out is still followed: gcc shares one
``return result;`` between branches (c-blosc's ``blosc_compress``, whose
``return result;`` under ``if (envvar != NULL)`` ends every path at -O2).
"""

from __future__ import annotations

from reporter.diagnosis.facts import PathFacts
from reporter.diagnosis.origin import Origin, Resolver
from reporter.diagnosis.rules import Finding
from reporter.diagnosis.rules.returned import reachable, uninformative

__all__ = ["findings"]

RULE = "fallback"
# What an origin says about the value, and the finding's kind.
_KIND = {
    "errno-constant": "errno-constant",
    "constant": "errno-constant",
    "callee": "callee",
    "errno-callee": "errno-callee",
    "errno-assignment": "errno-assignment",
    "error-report": "errno-assignment",
}


def findings(facts: PathFacts) -> list[Finding]:
    fn = facts.fn
    if fn is None or facts.number is None:
        return []
    resolver = Resolver(facts)
    body = facts.body
    for k in range(len(body) - 1, -1, -1):
        stmt = facts.stmt(body[k])
        if stmt is None or stmt.kind != "return" or stmt.expr is None:
            continue
        index = facts.index_of(body[k])
        shared = not reachable(facts, stmt, index)
        if shared and (k != len(body) - 1 or stmt.expr.strip().kind != "ident"):
            continue
        origin = resolver.resolve(stmt.expr, index, stmt.start, facts.number)
        if origin is None or origin.kind not in _KIND or uninformative(facts, origin):
            continue
        return [Finding(origin.line, _KIND[origin.kind], "fallback.return",
                        _reason(stmt.start, stmt.text, index, origin), origin.callee, rule=RULE)]
    return []


def _reason(line: int, text: str, index: int, origin: Origin) -> str:
    made = f"{origin.callee}() returned it at line {origin.line}" if origin.callee else \
        f"line {origin.line} makes it"
    return (f"No statement at the end of the path explains the value; line {line} (step"
            f" {index + 1}, `{text}`) is the latest return the path ran that can have made it:"
            f" {made}.")
