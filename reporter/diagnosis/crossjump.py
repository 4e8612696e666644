"""Cross-jumped tails: gcc -O2 shows one error block with another's lines.

gcc's cross-jumping (``-fcrossjumping``, on at -O2) keeps one copy of identical
code at the end of two branches: ``errno = EINVAL; return NULL;`` under two checks,
or ``log(LOG_ERR, "..."); return NULL;`` with only the message differing (the
string is loaded before the jump). The line table gives the kept copy its own
lines, so a path that failed the later check jumps back into the earlier check's
block (libqb 2.0's ``qb_array_create_2``: lines 86, 90, then 87-88, the first
check's ``errno = EINVAL; return NULL;``, when the third check failed). Read as it
stands, the path says the wrong check failed.

``remap(facts)`` gives the rules the path as it ran: when the path jumps back into
the branch of a check it did not just pass, or forward into the branch of a check it
never ran, from a branch whose statements end the same way (same kinds, the same
calls, the same returns), the steps after the jump take the lines of the branch the
path came from. Renderers keep showing the trace as it was;
``reporter.diagnosis.run`` ranks on the remapped path and says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from reporter.diagnosis.csource import Function, Stmt
from reporter.diagnosis.facts import PathFacts
from reporter.diagnosis.model import Candidate
from reporter.diagnosis.origin import guard_of

__all__ = ["explain", "remap"]

# Branches around the path's last statement before the jump that are tried for the
# copy gcc dropped, at most.
MAX_ENCLOSING = 4


def remap(facts: PathFacts) -> tuple[PathFacts, dict[int, int]]:
    """The path with a cross-jumped tail given its own lines, and the lines moved
    (shown -> ran); the path itself and ``{}`` when there is none."""
    fn = facts.fn
    body = facts.body
    if fn is None or not fn.parsed or facts.optimised is False or len(body) < 3:
        return facts, {}
    # Every jump back that lands in a copied tail, latest first (elfutils' elf_strptr
    # at -O2 jumps into the other arm's copy of a check, then into a shared `goto out;`).
    jumps = [k for k in range(len(body) - 1, 0, -1)
             if body[k].file == body[k - 1].file == facts.file and
             (body[k].line < body[k - 1].line or _skipped_check(facts, fn, k))]
    current, all_moved = facts, {}
    done: list[tuple[int, int]] = []
    for j in jumps:
        if any(a <= j < b for a, b in done):
            continue
        moved, stop = _tail_map(current, fn, j)
        if not moved:
            continue
        steps = tuple(replace(s, line=moved[s.line]) if j <= k < stop and
                      s.line in moved else s for k, s in enumerate(current.steps))
        current = PathFacts(facts.run, steps, facts.ret, facts.partial)
        all_moved.update(moved)
        done.append((j, stop))
    return current, all_moved


def _skipped_check(facts: PathFacts, fn: Function, k: int) -> bool:
    """Whether step ``k`` jumps forward into the branch of a check the path never ran
    (it had a probe and no hit): gcc kept that branch's tail for an earlier one too
    (libssh 0.10's ssh_pki_openssh_import at -O2: from the check-integer test's log
    call to the padding loop's ``goto out;``, whose loop never ran)."""
    if facts.probed_lines is None or facts.body[k].line <= facts.body[k - 1].line:
        return False  # the cheap tests first: this runs for every step of the path
    into = facts.stmt(facts.body[k])
    target = _branch(fn, into) if into is not None else None
    return target is not None and facts.never_ran(target[0].start)


def _tail_map(facts: PathFacts, fn: Function, j: int) -> tuple[dict[int, int], int]:
    """The lines moved for the jump back at step ``j`` (shown -> ran), and the step
    where the copied tail ends; ``{}`` when the jump is no cross-jump."""
    body = facts.body
    into = facts.stmt(body[j])
    came = facts.stmt(body[j - 1])
    if into is None or came is None:
        return {}, j
    target = _branch(fn, into)
    if target is None:
        return {}, j
    check, span = target
    stop = next((k for k in range(j, len(body)) if not span[0] <= body[k].line <= span[1]),
                len(body))
    last = facts.stmt(body[stop - 1])
    if stop < len(body) and (last is None or last.kind not in ("goto", "return")):
        return {}, j  # the path goes on past the block: not an error tail
    if body[j - 1].line == check.start:
        return {}, j  # entered through its own check
    tail = [s for s in _statements(fn, span) if s.start >= into.start]
    if not tail:
        return {}, j
    for k, source in enumerate(_sources(fn, came)):
        if source[1] == span or source[1][0] <= into.start <= source[1][1] or \
                (k == 0 and source[0] is check):
            # The block it jumped into is this one or inside it; or, from the branch
            # holding the last statement itself, the other arm of the same check
            # (libqb 2.0's qb_rb_create_from_file is read right that way).
            break
        own = _statements(fn, source[1])
        ends = own[len(own) - len(tail):] if len(tail) <= len(own) else []
        # In a branch around the last statement's own, only its statements after that
        # one can be the copy gcc dropped (elfutils 0.188's elf_strptr: the 64-bit
        # arm's `if (offset >= sh_size) {...}` shown as the 32-bit arm's); in its own
        # branch the last statement may be the tail's first (libqb's log call).
        if ends and (k == 0 or ends[0].start > came.start) and \
                all(_shape(a) == _shape(b) for a, b in zip(tail, ends, strict=True)):
            return {a.start: b.start for a, b in zip(tail, ends, strict=True)}, stop
    return {}, j


def _sources(fn: Function, came: Stmt) -> Iterator[tuple[Stmt, tuple[int, int]]]:
    """The branches the path may have come from, innermost first: ``_branch_from``,
    then each branch around that one's check."""
    found = _branch_from(fn, came)
    seen = 0
    while found is not None and seen < MAX_ENCLOSING:
        yield found
        found = _branch(fn, found[0])
        seen += 1


def _branch(fn: Function, stmt: Stmt) -> tuple[Stmt, tuple[int, int]] | None:
    """The ``if`` and the span of the branch that holds ``stmt``."""
    found = guard_of(fn, stmt)
    if found is None:
        return None
    check, then = found
    span = check.body if then else check.orelse
    return (check, span) if span is not None else None


def _branch_from(fn: Function, stmt: Stmt) -> tuple[Stmt, tuple[int, int]] | None:
    """The branch the path was in: a check's own then-branch (it jumped from the
    check), else the branch holding the statement."""
    if stmt.kind == "if" and stmt.body is not None:
        return stmt, stmt.body
    return _branch(fn, stmt)


def _statements(fn: Function, span: tuple[int, int]) -> list[Stmt]:
    return [s for s in fn.statements if span[0] <= s.start <= span[1]]


def explain(cand: Candidate, moved: dict[int, int]) -> Candidate:
    """A candidate on a remapped line says which lines the trace showed for it."""
    shown = sorted(a for a, b in moved.items() if b == cand.line)
    if not shown:
        return cand
    return replace(cand, reason=cand.reason + f" The trace shows this line as line {shown[0]}:"
                   " gcc merged the two identical ends of these branches into one"
                   " (cross-jumping), which carries the other's lines.")


def _shape(stmt: Stmt) -> tuple[str, str | None]:
    """What must be the same in two tails gcc merged: a return's text, an
    assignment's, a call's name (its arguments may differ: loaded before the jump)."""
    if stmt.kind == "return" or stmt.assigns:
        return stmt.kind, stmt.text
    return stmt.kind, stmt.principal_call or stmt.text
