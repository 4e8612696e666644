"""Rule: statements stap could not probe, which may have run unseen.

stap prints a registration failure for each statement probe it could not place
(``WARNING: probe ... registration error (rc -84)``). A path that seems to skip such
a line may have run it: the seed article's ``err = perf_copy_attr(...)`` at line
12057 was one. Two places matter: between the last traced statement and the exit
(in source order; first the nearest), and between the step that set the variable
holding the value and the first step that shows it (the unprobed line may have set
it unseen).
"""

from __future__ import annotations

from reporter.diagnosis.facts import PathFacts, same_file
from reporter.diagnosis.rules import Finding
from reporter.values import readable

__all__ = ["findings"]

RULE = "unprobed"


def _rc(rc: int | None) -> str:
    return f" (registration error rc {rc})" if rc is not None else ""


def _callee(facts: PathFacts, line: int) -> str | None:
    stmt = facts.fn.at(line) if facts.fn is not None else None
    return stmt.principal_call if stmt is not None else None


def findings(facts: PathFacts) -> list[Finding]:
    last = facts.last
    if last is None:
        return []
    out: list[Finding] = []
    not_taken = _not_taken(facts)
    exit_txt = f" the exit at line {facts.exit.line}" if facts.exit else " the end of the trace"
    strong = facts.origin is not None
    for i, (file, line, rc) in enumerate(facts.unprobed_after):
        callee = _callee(facts, line)
        what = f" and calls {callee}()" if callee else ""
        key = "unprobed.after-strong" if strong else "unprobed.after-last"
        out.append(Finding(line, "unprobed", key,
                           f"Line {line} could not be probed{_rc(rc)}{what}; it lies between the"
                           f" last traced statement (line {last.line}{not_taken}) and{exit_txt}"
                           " in source order, so it may have run unseen.", callee,
                           max(1.0 - 0.13 * i, 0.15), file, rule=RULE))
    out.extend(_between_setter_and_holder(facts))
    return out


def _not_taken(facts: PathFacts) -> str:
    """``, where `err` is 0x0 so its branch was not taken`` for an ``if (var)`` last."""
    last = facts.last
    stmt = facts.stmt(last) if last is not None else None
    if last is None or stmt is None or stmt.kind != "if" or stmt.expr is None:
        return ""
    e = stmt.expr.strip()
    negated = e.kind == "unary" and e.name == "!"
    var = e.args[0].strip() if negated and e.args else e
    if var.kind != "ident" or var.name is None:
        return ""
    value = facts.values(facts.index_of(last)).get(var.name)
    if value is None or (value != 0) != negated:
        return ""
    raw = dict(last.values).get(var.name) or "?"
    return f", where `{var.name}` is {readable(raw)} so its branch was not taken"


def _between_setter_and_holder(facts: PathFacts) -> list[Finding]:
    if facts.origin is None:
        return []
    k, name = facts.origin
    holder, setter = facts.steps[k], facts.steps[k - 1]
    raw = dict(holder.values)[name]
    out = []
    between = [u for u in facts.run.unprobed
               if same_file(u[0], setter.file) and setter.line < u[1] < holder.line]
    for i, (file, line, rc) in enumerate(between):
        stmt = facts.fn.at(line) if facts.fn is not None else None
        sets_it = stmt is None or stmt.assigns_to(name) is not None
        out.append(Finding(line, "unprobed", "unprobed.between-set",
                           f"Line {line} could not be probed{_rc(rc)} and lies between line"
                           f" {setter.line} and line {holder.line}, where `{name}` first holds"
                           f" {readable(raw)}: it may have set it unseen.", _callee(facts, line),
                           ((1.0 if sets_it else 0.75) - 0.12 * i) * (0.5 if facts.weak else 1),
                           file, rule=RULE))
    return out
