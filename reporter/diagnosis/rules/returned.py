"""Rule: the return statement that ran, followed back to where its value was made.

When the path's last statement before the exit is a ``return``, its expression is
followed back (``reporter.diagnosis.origin``): ``return -EINVAL;`` made the value
there; ``return libbpf_err(err);`` forwards ``err``, which got it from ``err =
load(obj);`` (callee ``load``); ``return -errno;`` reports the libc call that failed.
The return line itself stays a weaker candidate when the value came from elsewhere.

Two cases are left to other rules: a return of NULL, 0 or -1 (``guard``: the check
that led to it says more), and a return that cannot have made the value, such as
``return 0;`` for -22 (``branches``: gcc -O2 merged the failing return into it).
A backward jump to a ``return -E;`` that has an identical twin in the branch just
left is that twin (gcc merges identical returns into one block).

At -O2 the return that ran may have no stop of its own (``executed_return``): the path
ends on a ``goto`` to a label that only returns, in a label's clean-up, in a function
of the file gcc inlined, on a jump back into code it had left, or on a check followed
by ``return err;`` with ``err`` holding the value; and a final return reached straight
from a check whose branch is one return is that branch's epilogue.
"""

from __future__ import annotations

import re

from reporter.diagnosis.csource import Function, Stmt, errno_like
from reporter.diagnosis.facts import PathFacts
from reporter.diagnosis.model import Step
from reporter.diagnosis.origin import (
    Origin,
    Resolver,
    goto_hidden,
    goto_into,
    goto_unseen,
    is_cleanup,
    jump_label,
)
from reporter.diagnosis.rules import Finding
from reporter.diagnosis.tested import STATUS_WORDS, failure_test, tested_origin

__all__ = ["executed_return", "findings", "uninformative"]

RULE = "returned"
_SYMBOL = re.compile(r"\A[A-Z][A-Z0-9_]*\Z")


def executed_return(facts: PathFacts) -> tuple[int, Stmt] | None:
    """(step index, statement) of the return the path ran, when it is traced and can
    have run: a return under a check the traced values make false is a block gcc
    shared with others (the path reached it from elsewhere)."""
    body = facts.body
    if not body:
        return None
    found = _return_at(facts, body[-1]) or _unseen_label_return(facts, body[-1]) or \
        _return_before_jump(facts) or _return_after_inlined(facts) or \
        _return_past_check(facts)
    if found is None or len(body) < 2:
        return found
    before = _return_at(facts, body[-2])
    if before is not None and before[1] is not found[1] and not _on_check_line(facts, before[1]) \
            and not _own_check_true(facts, *found) \
            and Resolver(facts).resolve(before[1].expr, before[0], before[1].start,
                                        facts.number) is not None:
        # Two returns in a row: only the first can have run, and gcc's shared
        # epilogue carries the later one's line (`return NULL;` then `return obj;`,
        # json-c 0.16; `return (ARCHIVE_FATAL);` then gcc's one copy of it elsewhere).
        found = before
    found = _shared_tail(facts, found) or found
    if found[0] < 1:
        return found
    skipped = _skipped_branch_return(facts, *found)
    if skipped is not None:
        return found[0], skipped
    twin = _forward_twin(facts, found[1], facts.steps[found[0] - 1]) or \
        _twin_block(facts, found[1])
    if twin is None and facts.number in (-1, 0):
        # A status (NULL, 0, -1) the twin returns is explained by the check around
        # it, which the guard rule reads from the return it is handed; an error code
        # keeps the twin finding of ``findings`` (``merged_twin``), which says so.
        back = backward_twin(facts, *found)
        twin = back[0] if back is not None else None
    return (found[0], twin) if twin is not None else found


def _unseen_label_return(facts: PathFacts, step: Step) -> tuple[int, Stmt] | None:
    """At -O2, a path that ends on a ``goto`` to a label that only returns ran that
    return without a stop of its own (elfutils 0.188's ``__elf_getdata_rdlock``:
    ``goto out;``, then nothing for ``out: return result;``); so did one that ends in
    a label's clean-up (libconfuse 3.3's ``error: ... if (comment) free(comment);
    return STATE_ERROR;``, the path ending on the ``if``)."""
    fn, stmt = facts.fn, facts.stmt(step)
    if fn is None or not facts.optimised or stmt is None:
        return None
    after: Stmt | None = None
    if stmt.kind == "goto":
        label = fn.label(stmt.label or "")
        after = next((s for s in fn.statements[label.index + 1:] if s.kind != "label"),
                     None) if label is not None else None
    elif fn.labels_reaching(stmt) and (stmt.kind == "if" or is_cleanup(stmt)):
        rest = list(fn.following(stmt))
        end = next((k for k, s in enumerate(rest) if s.kind == "return"), None)
        after = rest[end] if end is not None and all(
            _releases(fn, s) for s in rest[:end]) and _releases(fn, stmt) else None
    if after is None or after.kind != "return" or after.expr is None:
        return None
    return facts.index_of(step), after


def _skipped_branch_return(facts: PathFacts, index: int, stmt: Stmt) -> Stmt | None:
    """At -O2, ``return err;`` reached straight from a check whose branch is one
    ``return CONST;`` with no stop, when nothing the path ran gave ``err`` the value:
    the step is gcc's shared epilogue, and the branch's return ran (libksba 1.6's
    ``if (cert->initialized) return gpg_error (GPG_ERR_CONFLICT);``, then 310's
    ``return err;``, ``err`` still its initial 0)."""
    fn = facts.fn
    check = facts.stmt(facts.steps[index - 1])
    if fn is None or not facts.optimised or stmt.expr is None or \
            stmt.expr.strip().kind != "ident" or check is None or check.kind != "if" or \
            check.body is None or check.end >= stmt.start:
        return None
    lo, hi = check.body
    inner = [s for s in fn.statements if lo <= s.start <= hi]
    if len(inner) != 1 or inner[0].kind != "return" or inner[0].expr is None or \
            inner[0].start in facts.traced_lines:
        return None
    resolver = Resolver(facts)
    if check.expr is not None and resolver.evaluate(check.expr, index - 1) == 0:
        return None  # the values say the branch was not taken
    origin = resolver.resolve(stmt.expr, index, stmt.start, facts.number)
    if origin is not None and origin.traced and origin.kind != "value-origin":
        return None  # the path ran the assignment that made the value
    return inner[0]


def _return_before_jump(facts: PathFacts) -> tuple[int, Stmt] | None:
    """At -O2, a path whose last step jumps back to a statement it had left, right
    after one that the function's return follows in the source: that return ran, on
    code gcc shares with the earlier line (libconfuse 3.3's cfg_getopt_secidx: the
    loop's `if (title)` at 334 after `cfg_error(...)` at 347, with `return opt;` next)."""
    fn, body = facts.fn, facts.body
    if fn is None or not facts.optimised or len(body) < 2:
        return None
    last, prev = facts.stmt(body[-1]), facts.stmt(body[-2])
    if last is None or prev is None or body[-1].line >= body[-2].line or \
            last.kind in ("return", "loop") or last.start <= prev.start <= last.end:
        return None
    after = next(fn.following(prev), None)
    if after is None or after.kind != "return" or after.expr is None:
        return None
    return facts.index_of(body[-1]), after


def _return_after_inlined(facts: PathFacts) -> tuple[int, Stmt] | None:
    """At -O2, a path that ends in the lines of another function of the file, which
    gcc inlined: the call to it after the previous step ran, and the return that
    follows the call (libexif 0.6's exif_loader_write: `exif_log (...)` at 332, then
    exif_loader_reset()'s 418 for `exif_loader_reset (eld); return 0;`)."""
    fn, model, body = facts.fn, facts.model, facts.body
    if fn is None or model is None or not facts.optimised or len(body) < 2 or \
            body[-1].file != facts.file or fn.contains(body[-1].line):
        return None
    callee, prev = model.function_at(body[-1].line), facts.stmt(body[-2])
    if callee is None or prev is None:
        return None
    call = next((s for s in fn.statements if s.start > prev.end and callee.name in s.calls),
                None)
    after = next(fn.following(call), None) if call is not None else None
    if after is None or after.kind != "return" or after.expr is None:
        return None
    return facts.index_of(body[-1]), after


def _return_past_check(facts: PathFacts) -> tuple[int, Stmt] | None:
    """At -O2, a path that ends on a check followed by ``return err;`` whose variable
    holds the returned value there (not 0): the check was false and that return ran
    without a stop (libtomcrypt 1.18's hash_file: `err = hash_filehandle(...)` is 6,
    then `if (fclose(in) != 0) return CRYPT_ERROR;` and out)."""
    fn, body = facts.fn, facts.body
    last = facts.stmt(body[-1]) if fn is not None and body else None
    if fn is None or last is None or last.kind != "if" or not facts.optimised or \
            facts.number in (None, 0):
        return None
    after = next(fn.following(last), None)
    e = after.expr.strip() if after is not None and after.expr is not None else None
    if after is None or after.kind != "return" or e is None or e.kind != "ident" or \
            e.name is None:
        return None
    index = facts.index_of(body[-1])
    held = Resolver(facts).value_at(index, e.name)
    return (index, after) if held is not None and held == facts.number else None


def _releases(fn: Function, stmt: Stmt) -> bool:
    """A clean-up statement: ``free(p);``, or ``if (p) free(p);``."""
    if stmt.kind == "if" and stmt.body is not None and stmt.orelse is None:
        inner = [s for s in fn.statements if stmt.start < s.start <= stmt.end]
        return bool(inner) and all(is_cleanup(s) for s in inner)
    return is_cleanup(stmt)


def _own_check_true(facts: PathFacts, index: int, stmt: Stmt) -> bool:
    """Whether the return's check, on its line, is true by the values at its step
    (libsoxr 0.1.3 at -O2: `if (!p || p->error) return 0;` then `if (!out && len0)
    {...; return 0;}` with out=0x0 and len0=0x10: the second ran)."""
    fn = facts.fn
    parent = fn.statements[stmt.parent] if fn is not None and stmt.parent is not None else None
    if parent is None or parent.kind != "if" or parent.expr is None or \
            not parent.start <= stmt.start <= parent.head_end + 1:
        return False
    return Resolver(facts).evaluate(parent.expr, index) not in (None, 0)


def _on_check_line(facts: PathFacts, stmt: Stmt) -> bool:
    """Whether the return shares its line with its check (``if (llret<0)
    return(OV_ENOTVORBIS);``, libvorbis 1.3) in unoptimised code: a step there may be
    the check alone, and the path going on says it was (at -O2 it may be either)."""
    fn = facts.fn
    if facts.optimised is not False:
        return False
    parent = fn.statements[stmt.parent] if fn is not None and stmt.parent is not None else None
    return parent is not None and parent.kind == "if" and parent.start == stmt.start


def _shared_tail(facts: PathFacts, found: tuple[int, Stmt]) -> tuple[int, Stmt] | None:
    """An earlier return the path ran, then jumped back from, that calls what the
    last one calls: gcc shares the tail call of the two (libssh2 1.10's
    ``return _libssh2_error(session, rc, "Failed getting banner");`` shown, then the
    path in ``... "Failed sending banner");``, a line above)."""
    callee = found[1].principal_call
    if callee is None:
        return None
    for j in range(found[0] - 1, 0, -1):
        s = facts.stmt(facts.steps[j])
        nxt = facts.steps[j + 1]
        if s is not None and s.kind == "return" and s is not found[1] and \
                s.principal_call == callee and nxt.line < s.start and \
                reachable(facts, s, j):
            return j, s
    return None


def _forward_twin(facts: PathFacts, stmt: Stmt, prev: Step) -> Stmt | None:
    """The same ``return NULL;`` in the branch of the check just before, when the
    path went from that check straight into a later branch whose own check it never
    showed: gcc kept one copy of the two (libzip 1.7's ``zip_fopen_index_encrypted``
    at -O2, ``if ((src = ...) == NULL) return NULL;`` shown as the later one). The
    check may be the statement's own or, unshown, the one right after it (ell 0.56's
    ``sk = create_netlink_socket(...); if (sk < 0) return NULL;``)."""
    fn = facts.fn
    here = facts.stmt(prev)
    guards = [a for a in fn.ancestors(stmt) if a.kind == "if"] if fn is not None else []
    shown = {s.line for s in facts.body}
    if fn is None or here is None or not guards or guards[0].start in shown:
        return None
    after = next((s for s in fn.statements if s.parent == here.parent and
                  s.start > here.end), None)
    if after is not None and after.kind == "return" and after.text == stmt.text and \
            after.start not in shown and after.start < guards[0].start:
        # The same return right after the statement (jansson 2.14's `set_error(...);
        # return -1;`, shown as another case's copy).
        return after
    checks = [here] + ([after] if after is not None and after.start not in shown else [])
    for check in checks:
        if check.kind != "if" or check.body is None or check.end >= stmt.start or \
                guards[0].start <= check.end:
            continue
        lo, hi = check.body
        twins = [s for s in fn.statements if s.kind == "return" and s.text == stmt.text and
                 lo <= s.start <= hi and s.start not in shown]
        if twins:
            return twins[0]
    return None


def _twin_block(facts: PathFacts, stmt: Stmt) -> Stmt | None:
    """The return in an identical error block earlier in the function, when the
    path went from a statement before that block straight into a later copy whose
    check it never showed: gcc kept one copy of the two (libzip 1.7's ``zip_open``
    at -O2: the clean-up after ``_zip_find_central_dir()`` failed is shown as the
    same four lines after a failed ``_zip_hash_add()``)."""
    fn = facts.fn
    guards = [a for a in fn.ancestors(stmt) if a.kind == "if"] if fn is not None else []
    if fn is None or not guards or guards[0].body is None:
        return None
    guard, shown = guards[0], {s.line for s in facts.body}
    if guard.start in shown:
        return None
    # The function's own steps (an inlined callee's lines aside) before the block.
    own = [s.line for s in facts.body if fn.contains(s.line)]
    before = [n for n in own if n < guard.start]
    if not before or any(n > guard.start and not guard.in_body(n) for n in own):
        return None
    prev, block = before[-1], _block(fn, guard)
    for check in fn.statements:
        if check.kind == "if" and check.body is not None and prev < check.start < guard.start \
                and check.start not in shown and _block(fn, check) == block:
            return next(s for s in fn.statements if check.in_body(s.start) and
                        s.start != check.start and s.text == stmt.text)
    return None


def _block(fn: Function, check: Stmt) -> list[str]:
    """The texts of the statements in an ``if``'s branch."""
    return [s.text for s in fn.statements if check.in_body(s.start) and s.start != check.start]


def _return_at(facts: PathFacts, step: Step) -> tuple[int, Stmt] | None:
    stmt = facts.stmt(step)
    if stmt is None or stmt.kind != "return":
        return None
    index = facts.index_of(step)
    if not reachable(facts, stmt, index):
        return None
    return index, stmt


def reachable(facts: PathFacts, stmt: Stmt, index: int) -> bool:
    """Whether the checks around ``stmt`` let the path into it, as far as the values
    at step ``index`` decide them."""
    fn = facts.fn
    assert fn is not None
    resolver = Resolver(facts)
    child = stmt
    for a in fn.ancestors(stmt):
        if a.kind == "if" and a.expr is not None and not a.expr.calls() and \
                not any(x.kind == "assign" for x in a.expr.walk()):
            # The values where the check ran; an untraced check (optimised code)
            # is read with the values at the return.
            at = next((j for j in range(index, -1, -1) if facts.steps[j].line == a.start),
                      None)
            value = resolver.evaluate(a.expr, at) if at is not None else \
                resolver.evaluate_latest(a.expr, index)
            if value is not None and bool(value) != a.in_body(child.start):
                return False
        if a.kind in ("loop", "switch", "label"):
            # A label is entered by a `goto` from anywhere, whatever the checks around
            # it (Oniguruma 6.9's `} else { ... err: if (...) return ...; }`).
            break
        child = a
    return True


def uninformative(facts: PathFacts, origin: Origin | None) -> bool:
    """A constant NULL, 0, 1 or -1 return, or a generic failure status (``return
    (ARCHIVE_FATAL);``): the value does not say why. A constant NULL, 0, 1 or -1 set
    in the branch of a check (``if (bad) { rc = 1; break; }``), not as a default, does:
    that branch decided."""
    if origin is None or origin.kind not in ("constant", "errno-constant"):
        return False
    fn = facts.fn
    stmt = fn.at(origin.line) if fn is not None else None
    if facts.number not in (-1, 0, 1):
        return stmt is not None and _status(stmt)
    if stmt is not None and _named_error(stmt):
        return False  # `return LIBUSB_ERROR_IO;` (-1) names its error
    if fn is not None and stmt is not None and facts.errno_style and _beside_errno(fn, stmt):
        return True  # `errno = EINVAL; ret = -1;` (libsodium 1.0.18): errno says why
    if fn is not None and stmt is not None and stmt.kind != "return" and \
            stmt.kind != "decl" and not fn.labels_reaching(stmt):
        check = next((a for a in fn.ancestors(stmt) if a.kind == "if"), None)
        # The check decided, unless it tested a call that failed (`if (key->serial <
        # 0) { ...; key = NULL; }` after `key->serial = kernel_add_key(...)`, ell 0.56).
        return check is not None and _tests_failed_call(facts, check)
    return True


def _beside_errno(fn: Function, stmt: Stmt) -> bool:
    """Whether a statement next to this one in its block sets errno."""
    block = [s for s in fn.statements if s.parent == stmt.parent]
    i = block.index(stmt)
    return any(s.assigns_to("errno") is not None for s in block[max(i - 1, 0):i + 2])


def _tests_failed_call(facts: PathFacts, check: Stmt) -> bool:
    """Whether the check tests a call's result kept before it (``key->serial =
    kernel_add_key(...); if (key->serial < 0)``); a call in the check itself whose
    failure the function turns into its own code (``if (e2p_string2mntopt(cp,
    &mask)) { rc = 1; break; }``, e2fsprogs 1.47) leaves the decision to the check."""
    if check.expr is None:
        return False
    flag = check.expr.strip()
    if flag.kind == "ident" and "err" in (flag.name or "").lower():
        # libsoxr 0.1.3's `if (error) soxr_delete(p), p = 0;`: the error variable
        # decided, so where it got its value on the path.
        found = tested_origin(facts, Resolver(facts), check)
        return found is not None and found[1].line < check.start
    if not failure_test(check.expr):
        return False
    found = tested_origin(facts, Resolver(facts), check)
    return found is not None and found[1].kind in ("callee", "errno-callee") and \
        found[1].line < check.start


def _constant_name(stmt: Stmt) -> str | None:
    """The named constant a statement returns or assigns (``ARCHIVE_FATAL``)."""
    e = stmt.expr.strip() if stmt.expr is not None else None
    if e is not None and e.kind == "assign" and len(e.args) == 2:
        e = e.args[1].strip()
    if e is None or e.kind != "ident" or e.name is None or not _SYMBOL.match(e.name):
        return None
    return e.name


def _status(stmt: Stmt) -> bool:
    """Whether the statement returns or assigns a generic failure status: a
    library's prefix and a status word (``ARCHIVE_FATAL``), not a failure it names
    (``IDN2_ICONV_FAIL``, libidn2 2.3.3: iconv failed). The prefix may name the
    result kind too (libtermkey 0.22's ``TERMKEY_RES_ERROR``)."""
    name = _constant_name(stmt)
    words = name.split("_") if name is not None else []
    return name is not None and not errno_like(name) and words[-1] in STATUS_WORDS and (
        len(words) == 2 or (len(words) == 3 and words[1] in _RESULT_WORDS))


# The word a status constant's prefix may end in (`TERMKEY_RES_ERROR`).
_RESULT_WORDS = frozenset({"RES", "RESULT", "STATUS", "RET", "RC"})


def _named_error(stmt: Stmt) -> bool:
    """Whether the statement returns a library's named error code of value -1, 0 or
    1 (``LIBUSB_ERROR_IO``, ``-EPERM``), not a generic status or a spelling of NULL or
    false."""
    e = stmt.expr.strip() if stmt.expr is not None else None
    if stmt.kind == "return" and e is not None and e.kind == "unary" and e.name == "-" and \
            e.args and e.args[0].strip().kind == "ident" and \
            errno_like(e.args[0].strip().text) is not None:
        return True  # libubootenv 0.3's `return -EPERM;`: EPERM is 1, and it says so
    name = _constant_name(stmt)
    # A library's own spelling of false is false too (openjpeg 2.5's OPJ_FALSE).
    return stmt.kind == "return" and name is not None and not _status(stmt) and \
        name.split("_")[-1] not in ("NULL", "FALSE", "TRUE")


_KIND = {
    "errno-constant": ("errno-constant", "returned.constant"),
    "constant": ("errno-constant", "returned.constant"),
    "callee": ("callee", "returned.callee"),
    "errno-callee": ("errno-callee", "returned.libc"),
    "errno-assignment": ("errno-assignment", "returned.errno-set"),
    "error-report": ("errno-assignment", "returned.error-report"),
    "parameter": ("value-origin", "returned.parameter"),
    "value-origin": ("value-origin", "returned.expression"),
}


def findings(facts: PathFacts) -> list[Finding]:
    if facts.fn is None:
        return []
    found = executed_return(facts)
    if found is None:
        return []
    index, stmt = found
    twin = merged_twin(facts, index, stmt)
    if twin is not None:
        return [twin]
    resolver = Resolver(facts)
    origin = resolver.resolve(stmt.expr, index, stmt.start, facts.number)
    if origin is None or uninformative(facts, origin):
        return []
    jumped = _jumped_to(facts, origin, index)
    if jumped is not None:
        return jumped
    kind, key = _KIND[origin.kind]
    if origin.line != stmt.start and origin.kind in ("errno-constant", "constant", "callee"):
        key = "returned.assigned" if origin.confirmed else (
            "returned.assigned-source" if origin.traced else "returned.untraced-setter")
    what = _what(origin)
    out = [Finding(origin.line, kind, key, _reason(facts, stmt, origin, what),
                   origin.callee, rule=RULE)]
    if origin.line != stmt.start:
        out.append(Finding(stmt.start, "last-statement", "returned.return-line",
                           f"Line {stmt.start} is the return that ran (`{stmt.text}`); the"
                           f" value it returns was made at line {origin.line}.", rule=RULE))
    elif kind == "errno-constant":
        out.extend(message_guess(resolver, stmt, RULE))
    return out


def message_guess(resolver: Resolver, stmt: Stmt, rule: str) -> list[Finding]:
    """A second guess beside ``return CONST;``: the call just before it that hands
    over a message (``Resolver.message_before``). Whether a message is the origin
    depends on where it goes, kept for the caller or only printed, and libraries
    differ (tests/realworld/README.md): so it never outranks the return."""
    message = resolver.message_before(stmt.start)
    if message is None:
        return []
    return [Finding(message.start, "errno-assignment", "message.before-return",
                    f"Line {message.start} (`{message.text}`) reports the error just before"
                    f" the return at line {stmt.start}: the origin if that message is what"
                    " the caller reads.", rule=rule)]


def _jumped_to(facts: PathFacts, origin: Origin, index: int) -> list[Finding] | None:
    """A constant written in shared error code (``einval: return -EINVAL;``) that the
    path reached by a ``goto``: the ``goto`` is where the check failed."""
    fn = facts.fn
    target = fn.at(origin.line) if fn is not None else None
    if fn is None or target is None or origin.kind not in ("errno-constant", "constant"):
        return None
    jump = goto_into(facts, fn, target, index) or goto_unseen(facts, fn, target, index) or \
        goto_hidden(facts, fn, target, index)
    if jump is None:
        return None
    j, goto = jump
    step = f"step {j + 1}, " if j is not None else "not traced, "
    text = goto.text
    hidden = ""
    if goto.kind != "goto" and jump_label(fn, goto) is None and facts.model is not None:
        text = facts.model.text(goto.start) or text
        hidden = "; a macro on it, from a header the run lacks, holds the jump"
    return [Finding(goto.start, "goto-label", "returned.goto",
                    f"Line {goto.start} ({step}`{text}`) took the path to the shared error"
                    f" code where line {origin.line} returns the value (`{target.text}`)"
                    f"{hidden}.", rule=RULE),
            Finding(origin.line, "errno-constant", "returned.constant",
                    f"Line {origin.line} writes the returned value (`{target.text}`), in code the"
                    f" path reached by the `goto` at line {goto.start}.", scale=0.8, rule=RULE)]


def _what(origin: Origin) -> str:
    if origin.kind == "callee":
        return f"{origin.callee}() returned it at line {origin.line}"
    if origin.kind == "errno-callee":
        return (f"{origin.callee}() failed at line {origin.line} and set errno (its cause is"
                " outside the traced code)")
    if origin.kind in ("errno-constant", "constant"):
        return f"line {origin.line} writes the constant"
    if origin.kind == "errno-assignment":
        return f"line {origin.line} sets errno to it"
    if origin.kind == "error-report":
        return f"line {origin.line} records the error code"
    if origin.kind == "parameter":
        return "the caller passed it in"
    return f"line {origin.line} computes it"


def _reason(facts: PathFacts, stmt: Stmt, origin: Origin, what: str) -> str:
    chain = "; ".join(c for c in origin.chain if not c.startswith("errno comes from"))
    head = f"Line {stmt.start} is the return that ran (`{stmt.text}`)"
    return f"{head}: {chain + '; ' if chain else ''}{what}."


def merged_twin(facts: PathFacts, index: int, stmt: Stmt) -> Finding | None:
    """The twin of a shared ``return -E;`` that the path jumped back to."""
    found = backward_twin(facts, index, stmt)
    if found is None:
        return None
    twin, prev = found
    return Finding(twin.start, "errno-constant", "returned.twin",
                   f"Line {twin.start} follows line {prev.line}, the last statement before the"
                   f" path jumped back to line {stmt.start}, and is the same `{stmt.text}`: gcc"
                   f" merged the two, so line {twin.start} is the return that ran.", rule=RULE)


def backward_twin(facts: PathFacts, index: int, stmt: Stmt) -> tuple[Stmt, Step] | None:
    """(the twin, the step before the jump) of a shared ``return -E;`` the path
    jumped back to from a later statement whose branch holds the same return."""
    fn = facts.fn
    if fn is None or index < 1:
        return None
    prev = facts.steps[index - 1]
    if facts.steps[index].line != stmt.start:
        return None  # already the twin of the return the step shows
    if prev.file != facts.file or prev.line <= stmt.start:
        return None
    before = facts.stmt(prev)
    if before is None:
        return None
    nearby = [s for s in fn.statements if s.kind == "return" and s is not stmt and
              s.text == stmt.text and (before.in_body(s.start) or before.in_orelse(s.start)
                                       or 0 < s.start - before.end <= 3)]
    if not nearby:
        return None
    # The copy nearest the check in its nesting: one right in a branch of it runs with
    # no statement between (giflib 5.2's DGifGetLine at -O2: `} else return
    # GIF_ERROR;`, not the one under the other branch's inner loop).
    twin = min(nearby, key=lambda s: sum(1 for a in fn.ancestors(s) if a.start > before.start))
    return twin, prev
