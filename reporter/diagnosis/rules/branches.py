"""Rule: the return that ran is not in the trace; the branch entered last holds it.

Optimised code (gcc -O2, every kernel) often has no statement of its own for the
failing ``return -EINVAL;``: gcc merges identical exits into one block, whose line
may even read ``return 0;``. The path then ends on the check that failed, or on a
return that cannot have made the value. The answer lies where the path went without
showing a statement: the taken branch of an ``if`` whose next step lies outside it
(most recent first; the traced values decide the condition where they can), or the
statements after the last one (its check was false, or it was a plain statement).
In each, what can make the value ranks first (``producers``): a ``return`` followed
back to where its value was made (``origin.Resolver``), ``err = -E`` of that value,
a ``goto`` to code that returns it, then assignments of calls and other calls. A
return of NULL, 0 or -1 there is explained by the check guarding it (``tested``).

At -O0 a branch the path left unvisited did not run (``PathFacts.never_ran``): the
engine ranks its lines after every line that may have run, and the reasons here
speak of a merge only when the path looks optimised.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reporter.diagnosis.csource import Function, Stmt, errno_like, returning_macro
from reporter.diagnosis.facts import PathFacts
from reporter.diagnosis.model import Step
from reporter.diagnosis.origin import Origin, Resolver, goto_into, guard_of, kept_for_caller
from reporter.diagnosis.rules import Finding
from reporter.diagnosis.rules.returned import executed_return, uninformative
from reporter.diagnosis.tested import tested_origin
from reporter.diagnosis.weights import ADJUST

__all__ = ["Produced", "entered_branches", "findings", "producers"]

RULE = "branches"
# Statements read after the last traced one, when no branch explains the exit.
FALLTHROUGH_STATEMENTS = 12
# Branches entered, most recent first, that are searched.
MAX_BRANCHES = 10
# Straight-line statements, probed and never hit, that make a forward step after a
# check code gcc shared with the check's exit (``_jumped_over``).
JUMPED_OVER = 2
# ... without the run's probe list: that many straight-line statements skipped.
JUMPED_OVER_UNPROBED = 8
# What follows a loop the path ends in counts this much (it may also have gone on).
LOOP_EXIT = 0.7


@dataclass(frozen=True)
class Produced:
    """A line in a branch that can have made the returned value."""

    line: int
    kind: str
    key: str
    callee: str | None
    what: str


def entered_branches(facts: PathFacts) -> Iterator[tuple[int, Stmt, tuple[int, int], bool | None]]:
    """(step index, ``if``, span of the branch taken, condition value) for each
    ``if`` whose taken branch shows no traced statement and may have ended the
    call, most recent first."""
    body = facts.body
    resolver = Resolver(facts)
    fn = facts.fn
    assert fn is not None
    for k in range(len(body) - 1, -1, -1):
        stmt = facts.stmt(body[k])
        if stmt is None or stmt.kind != "if" or stmt.body is None:
            continue
        nxt = facts.steps[k + 1].line if k + 1 < len(facts.steps) else None
        value = _condition_value(resolver, stmt, k)
        for span, is_then in ((stmt.body, True), (stmt.orelse, False)):
            if span is None or (value is not None and value != is_then):
                continue
            # `} else if (...)` shares its line with the end of the then-branch (libsodium
            # 1.0.18): a step there is the else's.
            in_else = is_then and stmt.orelse is not None and nxt is not None and \
                stmt.orelse[0] <= nxt <= stmt.orelse[1]
            if nxt is not None and span[0] <= nxt <= span[1] and not in_else:
                continue  # the branch's statements are in the path
            if _left_before(facts, fn, span, k):
                continue
            yield k, stmt, span, value


def _left_before(facts: PathFacts, fn: Function, span: tuple[int, int], k: int) -> bool:
    """Whether the path went on past a branch that would have ended the call: after a
    branch that returns, only returns (a block gcc shared) may follow; after one that
    jumps to a label, only that label's code."""
    inside = _in_span(fn, span)
    ends = [s for s in inside if s.kind in ("return", "goto")]
    if not ends:
        return False
    end = ends[0]
    label = fn.label(end.label) if end.kind == "goto" and end.label else None
    if _jumped_over(facts, fn, k):
        return False
    for step in facts.body[k + 1 :]:
        s = facts.stmt(step)
        if s is None or s.kind == "return":
            continue
        if label is not None and step.line >= label.start:
            continue
        if step is facts.body[-1] and s.kind == "if" and s.start > span[1] and \
                end.kind == "return" and any(
                r.kind == "return" and r.text == end.text for r in _in_span(fn, s.body or (0, -1))):
            # The path ends on a later check whose branch returns the same: gcc keeps
            # one copy of the two, on that check's line (libconfig 1.5's
            # config_setting_add at -O2: 1574, then 1577's `if(! parent)`, then out).
            continue
        return True
    return False


def _jumped_over(facts: PathFacts, fn: Function, k: int) -> bool:
    """Whether the step after the check at step ``k`` lies past straight-line code
    that surely did not run (probed, not hit; no label between): what the path shows
    there is code gcc shared with the check's exit, not the path going on (pcre2
    10.42's ``pcre2_jit_match`` at -O2: from the check to the stores before the
    function's last return)."""
    check = facts.stmt(facts.body[k])
    nxt = facts.stmt(facts.body[k + 1]) if k + 1 < len(facts.body) else None
    if check is None or check.kind != "if" or nxt is None or nxt.start <= check.end:
        return False
    between = [s for s in fn.statements if check.end < s.start < nxt.start]
    if any(s.kind == "label" for s in between):
        return False
    straight = [s for s in between if s.parent == check.parent and
                (s.kind in ("expr", "return") or (s.kind == "decl" and s.assigns))]
    if facts.probed_lines is None:
        # No probe list (archives before migration 0004): only a long stretch of
        # straight-line code, which gcc cannot have merged away, says as much.
        return facts.optimised is True and len(straight) >= JUMPED_OVER_UNPROBED
    return len(straight) >= JUMPED_OVER and all(facts.never_ran(s.start) for s in straight)


def _condition_value(resolver: Resolver, stmt: Stmt, index: int) -> bool | None:
    if stmt.expr is None or stmt.expr.calls():
        return None
    value = resolver.evaluate(stmt.expr, index)
    return None if value is None else bool(value)


def producers(facts: PathFacts, statements: Sequence[Stmt]) -> Iterator[Produced]:
    """What in ``statements`` (source order) can make the returned value; a
    ``return`` or ``goto`` ends the search (nothing after it runs), except a return in
    a branch of a check among them, which may not have run: the search goes on after
    it, and without what the branch held when it returns another value (libubootenv
    0.3's `if (ok) { ...; return 0; } else { return -EPERM; }`)."""
    resolver = Resolver(facts)
    macros = facts.model.macros if facts.model is not None else {}
    out: list[Produced] = []
    first = statements[0].start if statements else 0
    for s in statements:
        if s.kind == "return":
            o = resolver.resolve(s.expr, None, s.start, facts.number)
            branch = _branch_of(facts, s, first)
            if o is not None:
                out.extend(_return(facts, resolver, s, o))
            if branch is None:
                break
            if o is None:
                out = [p for p in out if not branch[0] <= p.line <= branch[1]]
            # A return in a check's branch may not have run: what follows the check
            # comes after it (libgit2 1.5 at -O2: `if (!git__is_sizet(...)) { ...;
            # return -1; }`, then the inlined `if ((fd = git_futils_open_ro(path)) < 0)
            # return fd;` that failed).
            continue
        named = returning_macro(s, macros)
        if named is not None:
            out.append(Produced(s.start, "macro-return", "branch.macro-return", None,
                                f"returns through {named}()"))
            if not named.endswith("_IF"):
                break  # RETURN_ERROR(...) always returns; RETURN_ERROR_IF(...) may not
            continue
        if s.kind == "goto":
            made = _goto_value(facts, resolver, s)
            out.extend([made] if made is not None else [])
            out.append(_goto(facts, resolver, s))
            break
        found = _assignment(facts, resolver, s)
        if found is not None:
            out.append(found)
    yield from out


def _branch_of(facts: PathFacts, s: Stmt, first: int) -> tuple[int, int] | None:
    """The branch holding ``s`` of an ``if`` that starts at or after line ``first``."""
    fn = facts.fn
    parent = fn.statements[s.parent] if fn is not None and s.parent is not None else None
    if parent is None or parent.kind != "if" or parent.start < first:
        return None
    return parent.body if parent.in_body(s.start) else parent.orelse


def _return(facts: PathFacts, resolver: Resolver, s: Stmt, o: Origin | None) \
        -> Iterator[Produced]:
    """What the return ``s`` whose value came from ``o`` produced."""
    if o is None:
        return  # it returns another value: the path did not end here
    says_little = uninformative(facts, o)
    if o.line == s.start:
        jumped = _jumped_to(facts, resolver, s, says_little)
        if jumped is not None:
            yield jumped
    if says_little:
        fn = facts.fn
        assert fn is not None
        # The check around where the value was set (`key = NULL;` in its branch),
        # else around the return.
        made = fn.at(o.line) if o is not None else None
        guard = [a for a in fn.ancestors(made) if a.kind == "if"][:1] if made is not None \
            and made is not s else []
        guard = guard or [a for a in fn.ancestors(s) if a.kind == "if"][:1]
        tested = tested_origin(facts, resolver, guard[0]) if guard else None
        if tested is not None:
            yield _tested_call(tested[1], guard[0], s)
        yield Produced(s.start, "errno-constant", "branch.return-constant", None,
                       f"returns {facts.ret_text}")
        return
    if o.kind in ("errno-constant", "constant"):
        key = "branch.return-constant" if o.line == s.start else "branch.assign-constant"
        yield Produced(o.line, "errno-constant", key, None,
                       "returns the value" if o.line == s.start else
                       f"sets the value `{s.text}` returns")
    elif o.kind == "error-report":
        yield Produced(o.line, "errno-assignment", "branch.assign-constant", None,
                       f"records the error `{s.text}` reports")
    elif o.callee:
        yield Produced(o.line, _kind(o), "branch.return-call", o.callee,
                       f"is where `{s.text}` got its value: {o.callee}()")


def _jumped_to(facts: PathFacts, resolver: Resolver, s: Stmt, says_little: bool) \
        -> Produced | None:
    """The traced ``goto`` that took the path to the shared code holding the return
    ``s`` that gcc left without a statement of its own (libssh 0.10's
    ``ssh_config_parse_uri`` at -O2: ``goto error;``, then the frees under ``error:``
    and no stop on its ``return SSH_ERROR;``); for a value that says little, the call
    the ``goto``'s check tested instead, as at -O0 (``rules.guard``)."""
    fn = facts.fn
    assert fn is not None
    jump = goto_into(facts, fn, s, len(facts.steps))
    if jump is None:
        return None
    guard = guard_of(fn, jump[1])
    tested = tested_origin(facts, resolver, guard[0]) if guard is not None and says_little \
        else None
    if tested is not None:
        return _tested_call(tested[1], tested[0], jump[1])
    return Produced(jump[1].start, "goto-label", "branch.goto-taken", None,
                    f"(step {jump[0] + 1}) jumped to `{jump[1].label}:`, whose `{s.text}`"
                    " returns the value")


def _tested_call(t: Origin, check: Stmt, before: Stmt) -> Produced:
    """The call a failing ``check`` before ``before`` tested (NULL, 0 or -1 return)."""
    return Produced(t.line, _kind(t), "branch.tested-call", t.callee,
                    f"is what the check `{check.text}` before `{before.text}` tested")


def _goto(facts: PathFacts, resolver: Resolver, s: Stmt) -> Produced:
    """A ``goto`` to code that returns the value (``einval: return -EINVAL;``)."""
    fn = facts.fn
    assert fn is not None
    target = fn.label(s.label or "")
    if target is not None:
        for r in (t for t in fn.statements[target.index:] if t.kind == "return"):
            o = resolver.resolve(r.expr, None, r.start, facts.number)
            if o is not None and o.kind in ("errno-constant", "constant") and o.line == r.start:
                return Produced(s.start, "goto-label", "branch.goto-producing", None,
                                f"jumps to `{s.label}:`, whose `{r.text}` returns the value")
            break
    return Produced(s.start, "goto-label", "branch.goto", None, f"jumps to `{s.label}:`")


def _goto_value(facts: PathFacts, resolver: Resolver, s: Stmt) -> Produced | None:
    """The call that set the variable the ``goto``'s label returns, before the
    ``goto`` (``rv = hd_context_init(...); if (rv != 0) goto fail;`` ... ``fail:
    return rv;``, nghttp2 1.52's ``nghttp2_hd_inflate_init``)."""
    fn = facts.fn
    assert fn is not None
    target = fn.label(s.label or "")
    ret = next((t for t in fn.statements[target.index:] if t.kind == "return"), None) \
        if target is not None else None
    if target is None or ret is None or ret.expr is None:
        return None
    o = resolver.resolve(ret.expr, None, ret.start, facts.number)
    if o is not None and o.callee and o.line < target.start:
        o = resolver.resolve(ret.expr, None, s.start, facts.number)  # as the goto left it
    if o is None or not o.callee or o.line >= s.start:
        return None
    return Produced(o.line, _kind(o), "branch.return-call", o.callee,
                    f"is where `{ret.text}` after `{s.label}:` got its value: {o.callee}()")


def _assignment(facts: PathFacts, resolver: Resolver, s: Stmt) -> Produced | None:
    want = facts.number
    fn = facts.fn
    assert fn is not None
    returned = {n for r in fn.returns() if r.expr is not None for n in r.expr.identifiers()}
    for a in s.assigns:
        value = resolver.constant(a.value) if a.value is not None else None
        # 0 is a value only for a variable the function returns, when it returned 0
        # (libtomcrypt 1.18's yarrow_read: `outlen = 0; goto LBL_UNLOCK;`).
        if value is not None and a.value is not None and \
                (value != 0 or (want == 0 and a.target in returned)) and \
                resolver.matches(a.value, value, want):
            return Produced(a.line or s.start, "errno-constant", "branch.assign-constant", None,
                            f"sets `{a.target}` to the value")
        if want == 0 and a.op == "=" and a.value is not None and a.value.strip().kind == "ident" \
                and resolver.symbolic(a.value) and kept_for_caller(fn, a.target):
            # liblo 0.31 at -O2: `res = LO_EBADTYPE; goto fail;` with no stop, the code
            # `fail:` hands the caller (`*result = res;`) before `return NULL;`.
            return Produced(a.line or s.start, "errno-assignment", "branch.assign-constant",
                            None, f"sets `{a.target}`, the code the caller is given")
    call = s.principal_call
    kept = [a.target for a in s.assigns if a.target in returned]
    if call and kept:
        return Produced(s.start, "callee", "branch.assign-call", call,
                        f"sets `{kept[0]}` from {call}()")
    if call and s.kind == "expr":
        return Produced(s.start, "callee", "branch.call", call, f"calls {call}()")
    return None


def _kind(o: Origin) -> str:
    if o.kind == "errno-callee":
        return "errno-callee"
    return "callee" if o.callee else "value-origin"


def _in_span(fn: Function, span: tuple[int, int]) -> list[Stmt]:
    return [s for s in fn.statements if span[0] <= s.start <= span[1]]


def findings(facts: PathFacts) -> list[Finding]:
    fn = facts.fn
    if fn is None or facts.last is None:
        return []
    found = executed_return(facts)
    if found is not None:
        index, stmt = found
        made = Resolver(facts).resolve(stmt.expr, index, stmt.start, facts.number)
        # A -1 or NULL the return's variable got says little: branches entered on the
        # way may hold the assignment that made it (libsodium 1.0.18 at -O2).
        if made is not None and not uninformative(facts, made) and \
                not any(_jumped_over(facts, fn, k) for k in range(len(facts.body) - 1)):
            return []
    out: list[Finding] = []
    if found is not None and len(facts.body) >= 2:
        # A return that cannot have made the value is a block gcc merged others into:
        # what ran is after the statement before it.
        out.extend(_fallthrough(facts, fn, facts.body[-2]))
    for age, (_k, stmt, span, value) in enumerate(list(entered_branches(facts))[:MAX_BRANCHES]):
        took = "true" if value is True else "false" if value is False else None
        singled = ADJUST["branch.singled-errno"] if value is None and singles_out_errno(stmt) \
            else 1.0
        where = (f"the branch of line {stmt.start} (`{stmt.text}`)"
                 + (f", which the traced values make {took}," if took else ""))
        for rank, p in enumerate(producers(facts, _in_span(fn, span))):
            key = "branch.return-constant-maybe" if p.key == "branch.return-constant" and \
                value is None else p.key
            out.append(Finding(p.line, p.kind, key,
                               f"Line {p.line} {p.what}; it is in {where}{_unseen(facts, p.line)}.",
                               p.callee, singled * ADJUST["branch.older"] ** age *
                               (1 - ADJUST["ordinal"] * rank), rule=RULE))
    out.extend(_fallthrough(facts, fn, facts.last))
    out.extend(_loop_exit(facts, fn))
    return out


def _loop_exit(facts: PathFacts, fn: Function) -> list[Finding]:
    """The path ends inside a loop: the loop may have run out, and what follows it
    returned (``while ((tok = strtok(...))) { ... } return -EINVAL;``)."""
    last = facts.last
    stmt = facts.stmt(last) if last is not None else None
    loop = next((a for a in fn.ancestors(stmt) if a.kind == "loop"), None) if stmt else None
    if last is None or loop is None:
        return []
    out = []
    for rank, p in enumerate(producers(facts, list(fn.following(loop))[:FALLTHROUGH_STATEMENTS])):
        out.append(Finding(p.line, p.kind, p.key,
                           f"Line {p.line} {p.what}; it follows the loop at line {loop.start},"
                           f" which the path leaves after line {last.line} (step"
                           f" {last.number}) with no statement of its own shown.", p.callee,
                           LOOP_EXIT * (1 - ADJUST["ordinal"] * rank), rule=RULE))
    return out


def _unseen(facts: PathFacts, line: int) -> str:
    """Why the trace does not show ``line``: a merge is claimed only where the probes
    allow it (the line had none of its own, or the run did not record them and the
    code is optimised)."""
    probed = facts.probed_lines
    if probed is not None and line in probed:
        return " (it had a probe of its own, which this path did not hit)"
    if probed is not None or facts.optimised:
        return ", with no traced statement of its own (the compiler merged it)"
    return ", not traced"


def _fallthrough(facts: PathFacts, fn: Function, last: Step) -> list[Finding]:
    """What follows a traced statement: a plain statement, or an ``if`` whose
    condition the traced values make false."""
    stmt = facts.stmt(last)
    if stmt is None or stmt.kind in ("return", "goto", "switch"):
        return []
    named = returning_macro(stmt, facts.model.macros if facts.model is not None else {})
    if named is not None:
        # zstd 1.5 at -O2: `RETURN_ERROR_IF(..., dictionary_wrong, "")`, then the
        # function's `return 0;`, the epilogue gcc shares.
        return [Finding(stmt.start, "macro-return", "branch.macro-return",
                        f"Line {stmt.start} (step {last.number}) uses {named}(), a macro that"
                        " returns, and no statement after it could have made the value.",
                        rule=RULE)]
    weight = ADJUST["branch.fallthrough"]
    if stmt.kind == "if":
        value = _condition_value(Resolver(facts), stmt, facts.index_of(last))
        if value is True or stmt.orelse is not None:
            return []
        if value is None:
            # The check may have been false: what follows it may have returned (gcc -O2
            # shows neither `return IDN2_MALLOC;` nor the `return IDN2_ICONV_FAIL;`
            # after it, libidn2 2.3.3's idn2_lookup_ul).
            weight = ADJUST["branch.fallthrough-singled"] if singles_out_errno(stmt) \
                else ADJUST["branch.fallthrough-maybe"]
    following = list(fn.following(stmt))[:FALLTHROUGH_STATEMENTS]
    out = []
    for rank, p in enumerate(producers(facts, following)):
        out.append(Finding(p.line, p.kind, p.key,
                           f"Line {p.line} {p.what}; it follows line {last.line} (step"
                           f" {last.number}), after which the path shows no statement that"
                           " could have made the value.", p.callee,
                           weight * (1 - ADJUST["ordinal"] * rank),
                           rule=RULE))
    return out


def singles_out_errno(stmt: Stmt) -> bool:
    """Whether an ``if`` tests for one errno value (``errno == ENOMEM``): its branch
    is the exception, and the code after it the usual failure."""
    e = stmt.expr.strip() if stmt.expr is not None else None
    if e is None or e.kind != "binary" or e.name != "==" or len(e.args) != 2:
        return False
    sides = {a.strip().name for a in e.args if a.strip().kind == "ident"}
    return "errno" in sides and any(n is not None and errno_like(n) for n in sides)
