"""Rule: a second guess, so the ranked list offers what a person reads next.

The other rules follow evidence to one line. When that evidence misleads (a check
the values cannot decide, a convention of the library's own), the line that made
the value is most often the last call the path made before its end that is not
clean-up or a message (logging), and that the next step does not show succeeding
(0 in its variable while the function returns an errno). This rule names that call;
the engine lists it after every line the other rules named (``engine.rank``), so it
never reorders that list, only extends it. (Also naming the last check the path passed
added nothing on the real-library corpus; leaving out calls whose result the
statement drops lost three held-out cases.)
"""

from __future__ import annotations

from reporter.diagnosis.csource import Stmt
from reporter.diagnosis.facts import PathFacts
from reporter.diagnosis.origin import ERRNO_LIMIT, hands_message, is_cleanup
from reporter.diagnosis.rules import Finding

__all__ = ["findings"]

RULE = "alternatives"
# How far back from the end of the path the rule looks, in distinct statements (on the
# real-library corpus 4, 6 and 10 differ by one case either way).
WINDOW = 6


def findings(facts: PathFacts) -> list[Finding]:
    if facts.fn is None or facts.last is None:
        return []
    seen: set[int] = set()
    for step in reversed(facts.body):
        stmt = facts.stmt(step)
        if stmt is None or stmt.start in seen:
            continue
        seen.add(stmt.start)
        if len(seen) > WINDOW:
            break
        callee = stmt.principal_call
        if callee is not None and stmt.kind != "return" and not is_cleanup(stmt) and \
                not hands_message(stmt) and not _succeeded(facts, stmt, facts.index_of(step)):
            return [Finding(stmt.start, "callee", "alternative.last-call",
                            f"Line {stmt.start} (step {step.number}) is the last call the path"
                            f" made before its end, to {callee}(): its result may have decided"
                            " the value.", callee, rule=RULE)]
    return []


def _succeeded(facts: PathFacts, stmt: Stmt, index: int) -> bool:
    """Whether the next step shows a variable the call's statement assigned holding 0
    while the function returns a negative errno (``err = security_perf_event_open(...)``,
    then ``err = 0`` and -22 returned): that call succeeded. (Any other value may be
    the call's own code, which the function translated.)"""
    n = facts.number
    if n is None or not -ERRNO_LIMIT <= n < 0 or index + 1 >= len(facts.steps):
        return False
    after = facts.values(index + 1)
    return any(after.get(a.target) == 0 for a in stmt.assigns)
