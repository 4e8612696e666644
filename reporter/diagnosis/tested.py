"""The check that sent a path to a statement, and what that check tested.

This module owns reading the ``if`` behind a return of NULL, 0 or -1: ``check_before``
finds it (the ``if`` whose branch holds the statement, or the one guarding the
``goto`` that jumped to its label); ``tested_origin`` says what it tested: a call in
the condition (``if (!(f = fopen(p, "r")))``), or the call that set a variable it
reads (``if (!p)`` after ``p = calloc(n, s);``), and whether that call surely ran
(not behind ``||``/``&&``). The ``guard`` and ``branches`` rules call these;
``STATUS_WORDS`` (a generic failure status's words) is shared with ``rules.returned``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reporter.diagnosis.csource import Expr, Function, Stmt, errno_like
from reporter.diagnosis.facts import PathFacts
from reporter.diagnosis.origin import (
    SUCCESS_WORDS,
    Origin,
    Resolver,
    goto_into,
    goto_unseen,
    guard_of,
    is_predicate,
    macro_condition,
    tested_names,
)

__all__ = ["STATUS_WORDS", "UNCERTAIN", "check_before", "checks_data", "failure_test",
           "surely_runs", "tested_origin"]

# A call the failing check may not have reached (``!x || !f()``) counts this much.
UNCERTAIN = 0.7
# A value at least this big in a pointer's truth test is an address, not an error code.
ADDRESS_FLOOR = 0x10000


def check_before(facts: PathFacts, fn: Function, stmt: Stmt, index: int) -> Stmt | None:
    """The ``if`` that sent the path to this return: its own, the one guarding the
    ``goto`` that jumped to its label, or the last one the path went past."""
    guard = guard_of(fn, stmt)
    if guard is not None:
        return guard[0]
    jump = goto_into(facts, fn, stmt, index) or goto_unseen(facts, fn, stmt, index)
    if jump is not None:
        cond = macro_condition(fn, jump[1])
        if cond is not None:
            # The checking macro's own test (`fyr_error_check(fyr, fyi->fd != -1,
            # err_out, ...)`), as the `if` it stands for.
            return replace(jump[1], kind="if", expr=cond)
        g = guard_of(fn, jump[1])
        return g[0] if g is not None else None
    return _passed(facts, stmt, index)


def _passed(facts: PathFacts, stmt: Stmt, index: int) -> Stmt | None:
    """The last ``if`` the path ran and did not enter before falling through to
    ``stmt`` (``if (r >= 0) return probe; free(probe); return NULL;``)."""
    fn = facts.fn
    assert fn is not None
    blocks = {stmt.parent, *(a.index for a in fn.ancestors(stmt))}
    for k in range(index - 1, -1, -1):
        s = facts.stmt(facts.steps[k])
        if s is None or s.kind != "if" or s.body is None or s.start > stmt.start:
            continue
        if s.parent not in blocks:
            continue  # inside a loop or branch the path left: not this return's check
        if s.in_body(stmt.start) or s.in_orelse(stmt.start):
            return None  # inside it: guard_of would have found it
        nxt = facts.steps[k + 1].line if k + 1 < len(facts.steps) else None
        if nxt is not None and not s.in_body(nxt):
            return s
    return None


def tested_origin(facts: PathFacts, resolver: Resolver, check: Stmt) -> \
        tuple[Stmt, Origin, bool] | None:
    """What the failing check tested: a call in it, or the call that set a variable
    it reads (not a parameter); and whether it surely ran (not after ``||``/``&&``)."""
    if check.expr is None:
        return None
    index = _index_of(facts, check.start)
    cond = _without_false(resolver, index, _deciding(facts, check, check.expr))
    if _skipped(facts, check, index):
        cond = _without_true(resolver, index, cond)
    asked, calls = _candidate_calls(facts, check, index, cond)
    if calls:
        c, shown = _failed_call(facts, resolver, check, calls)
        # A call on a later line of the condition is named there; its line in the
        # path proves it ran, short-circuit or not.
        line = c.line if check.start <= c.line <= check.head_end else check.start
        ran = line != check.start and line in facts.traced_lines
        return check, Origin(line, "callee", callee=c.name,
                             chain=(f"the check calls {c.name}()",)), \
            ran or shown or surely_runs(cond, c, _entered(facts, check, index))
    fn = facts.fn
    assert fn is not None
    if checks_data(cond) or _asks_only(cond) or _counted(cond) or _matches_kinds(cond):
        return None  # a bound on a value (`value > MAXVECTORS`): the check decided
    # Fields first: `desc->wd < 0` tests what `desc->wd = inotify_add_watch(...)` set
    # (ell 0.56), not the `desc = l_new(...)` that made the pointer.
    # What an asked call was given is its input, not what failed (libconfig 1.5's
    # `config_setting_type(s) != CONFIG_TYPE_STRING`: `s` came from config_lookup()).
    inputs = {n for c in asked for n in c.identifiers()}
    for name in tested_names(cond):
        if name in fn.params or name in resolver.constants or \
                (name in inputs and not _outside(cond, asked, name)):
            continue
        if _found(cond, name, resolver.value_at(index, name)):
            continue  # libfyaml 0.7's `fyt = ..._lookup(...); if (fyt) return -1;`: found
        origin = resolver.resolve(_ident(name, check.start), index, check.start, None)
        if origin is not None and origin.callee and is_predicate(origin.callee):
            continue  # what a measure or question computed (`len = strlen(s)`) is data
        if origin is not None and origin.callee in COUNTING_CALLS:
            value = resolver.value_at(index, name)
            if value is not None and value >= 0:
                continue  # a count, even 0 (end of file): the call did not fail
        if origin is not None and origin.callee and _two_variables(cond) and \
                _loop_bound(fn, cond):
            value = resolver.value_at(index, name)
            if value is not None and value > 0:
                # A count compared with another variable (`if (i == n) return
                # CFG_FAIL;` after a loop to `n = cfg_opt_size(opt)`, libconfuse 3.3):
                # the search ran out; the call did not fail.
                continue
        if origin is not None and origin.callee and facts.model is not None and \
                (facts.model.returns_void(origin.callee) or _filled(fn, origin.line, name)) \
                and _compares_values(cond):
            # It filled the variable through a pointer and the check compares that
            # with another value (`header_cbytes != cbytes`, c-blosc 1.21; `nkeys != 1`
            # after `rc = ssh_buffer_unpack(..., &nkeys, ...)` and its own check of rc,
            # libssh 0.10): the check decided. A count it left (`if (errs)`, file
            # 5.44's load_1) still blames it.
            continue
        if origin is not None and origin.kind in ("callee", "errno-callee", "errno-constant"):
            return check, origin, True
    return None


# libc calls that return a count and fail only with -1: `ret == 0 && remaining > 0`
# after `ret = read(...)` is end of file, the function's own decision (libubootenv 0.3).
COUNTING_CALLS = frozenset({
    "read", "write", "pread", "pwrite", "pread64", "pwrite64", "readv", "writev", "recv",
    "send", "recvfrom", "sendto", "recvmsg", "sendmsg", "fread", "fwrite", "getline",
    "getdelim", "readlink", "splice", "sendfile",
})


# Comparisons that test a value's range or size, not a failure (`< 0`, `== NULL`,
# `!p`, `== -1` test failures).
_BOUNDS = frozenset({">", ">=", "<=", "<"})


def _failed_call(facts: PathFacts, resolver: Resolver, check: Stmt,
                 calls: list[Expr]) -> tuple[Expr, bool]:
    """Of the calls a condition makes, the one whose result the values after the
    check show failed (-1, a negative code, NULL; so it surely ran), else the first:
    ``(orig = _zip_dirent_new()) == NULL || (size = _zip_dirent_read(...)) < 0``
    with ``size`` -1 after it (libzip 1.7)."""
    index = _index_of(facts, check.start)
    if len(calls) < 2 or index is None:
        return calls[0], False
    # The values after the whole condition: at -O0 a condition on several lines has a
    # step on each of them.
    after = next((j for j in range(index + 1, len(facts.steps))
                  if not check.start <= facts.steps[j].line <= check.head_end), index + 1)
    results: dict[int, int | None] = {}
    stored: dict[str, list[Expr]] = {}
    for e in check.expr.walk() if check.expr is not None else ():
        if e.kind == "assign" and len(e.args) == 2 and e.args[0].strip().kind == "ident":
            target = e.args[0].strip().name or ""
            results[id(e.args[1].strip())] = resolver.value_at(after, target)
            stored.setdefault(target, []).append(e.args[1].strip())
    for made in stored.values():
        # Calls storing into one variable (`(err = f(x)) < 0 || (err = g(x)) < 0`): the
        # value after the check is the last one's that ran, and a later line of the
        # condition that the path shows proves it ran (dtc 1.6's fdt_get_name).
        ran = [c for c in made if check.start < c.line <= check.head_end
               and c.line in facts.traced_lines]
        if ran:
            for c in made:
                if c is not ran[-1] and id(c) in results:
                    results[id(c)] = None
    known = [(c, results[id(c)]) for c in calls if results.get(id(c)) is not None]
    failed = [c for c, v in known if v is not None and v <= 0]
    if failed and len(failed) < len(calls):
        return failed[0], True
    return calls[0], False


def _deciding(facts: PathFacts, check: Stmt, cond: Expr) -> Expr:
    """The condition without the ``||`` operands the path shows were false: an operand
    on a later line of the condition ran, so every operand before it was false and
    its calls did not fail (ndctl 76's ``sysfs_read_attr(...) < 0`` / ``|| sscanf(buf,
    "%d:%d", ...) != 2`` with the path on both lines: sscanf's answer decided)."""
    index = _index_of(facts, check.start)
    if index is None or check.head_end == check.start:
        return cond

    def in_head(j: int) -> bool:
        step = facts.steps[j]
        return step.file == facts.file and check.start <= step.line <= check.head_end

    # gcc -O0 comes back to the first line after a later one (256, 257, 256 for
    # giflib 5.2's two-line `||`): the evaluation is the whole run of head lines.
    while index > 0 and in_head(index - 1):
        index -= 1
    reached = set()
    for step in facts.steps[index:]:
        if step.file != facts.file or not check.start <= step.line <= check.head_end:
            break
        reached.add(step.line)
    operands = _or_operands(cond.strip())
    last = max((k for k, e in enumerate(operands) if k and e.line > check.start
                and e.line > operands[k - 1].line and e.line in reached), default=0)
    if not last:
        return cond
    return _joined(operands[last:])


def _without_false(resolver: Resolver, index: int | None, cond: Expr) -> Expr:
    """The condition without the ``||`` operands the values at the check (step
    ``index``) make false,
    when one is left: ``rc == SSH_ERROR || checkint1 != checkint2`` with ``rc`` 0
    (libssh 0.10's ssh_pki_openssh_import): the unpacking succeeded, the comparison
    decided. A failure's named code (``SSH_ERROR``, ``EINVAL``) is never 0, also when
    its value is in a header the run does not have."""
    operands = _or_operands(cond.strip())
    if index is None or len(operands) < 2:
        return cond
    kept = [e for e in operands if not _false_at(resolver, e, index)]
    return _joined(kept) if kept and len(kept) < len(operands) else cond


def _without_true(resolver: Resolver, index: int | None, cond: Expr) -> Expr:
    """A false condition without the ``&&`` operands the values at the check make true,
    when one is left: ``(!err) && S_ISREG(st.st_mode)`` with ``err`` 0 (libconfuse
    3.3's cfg_searchpath): stat() succeeded, the file type decided."""
    operands = _or_operands(cond.strip(), "&&")
    if index is None or len(operands) < 2:
        return cond
    kept = [e for e in operands if not resolver.evaluate(e, index)]
    if not kept or len(kept) == len(operands):
        return cond
    return _joined(kept, "&&")


def _found(cond: Expr, name: str, value: int | None) -> bool:
    """Whether ``name`` holds an address in a pointer test of it (``if (fyt)``, ``if
    (p != NULL)``, ``if (p == NULL)``, ``if (!p)``): the call that set it found or
    made something, it did not fail (libmpdclient 2.20's ``resolver == NULL`` with a
    resolver, long before the loop's ``connect()`` failed). Not for a variable named
    for an error (libsoxr 0.1.3's message string, ``if (error)``)."""
    e = cond.strip()
    if e.kind == "binary" and e.name in ("!=", "==") and len(e.args) == 2 and \
            e.args[1].strip().kind == "null":
        e = e.args[0].strip()  # `p == NULL` with an address in p is false: no failure
    elif e.kind == "unary" and e.name == "!" and e.args:
        e = e.args[0].strip()
    return e.kind in ("ident", "field") and e.text == name and value is not None and \
        value >= ADDRESS_FLOOR and "err" not in name.lower()


def _lines_after(facts: PathFacts, index: int | None) -> list[int]:
    """The lines of the function's file the path ran after step ``index``."""
    return [] if index is None else \
        [s.line for s in facts.body[index + 1:] if s.file == facts.file]


def _skipped(facts: PathFacts, check: Stmt, index: int | None) -> bool:
    """Whether the path left the check for a statement past it, outside its body:
    the condition was false."""
    after = next((n for n in _lines_after(facts, index)
                  if not check.start <= n <= check.head_end), None)
    return check.body is not None and after is not None and not check.in_body(after) and \
        after > check.end


def _false_at(resolver: Resolver, e: Expr, index: int) -> bool:
    """Whether a comparison, or a test of a variable's truth (``!p_iso``, libcdio 2.1's
    ``if (!p_iso || !iso9660_ifs_read_pvd(...))``), is false by the values at step
    ``index``."""
    e = e.strip()
    if e.kind in ("unary", "ident", "field") and not e.calls() and \
            (e.kind != "unary" or e.name == "!"):
        return resolver.evaluate(e, index) == 0
    if e.kind != "binary" or e.name not in _COMPARISONS or len(e.args) != 2:
        return False
    if resolver.evaluate(e, index) == 0:
        return True
    if e.name != "==":
        return False
    a, b = (x.strip() for x in e.args)
    if not a.kind == b.kind == "ident":
        return False
    var, code = (a, b) if (b.name or "").isupper() else (b, a)
    name = code.name or ""
    return name.isupper() and resolver.constant(code) is None and \
        resolver.value_at(index, var.name or "") == 0 and \
        (errno_like(name) is not None or not STATUS_WORDS.isdisjoint(name.split("_")))


_COMPARISONS = frozenset({"==", "!=", "<", "<=", ">", ">="})
# Words of a library's generic failure status (`ARCHIVE_FATAL`, `SQLITE_ERROR`):
# returning one says only that something failed, as -1 does; and it is never 0.
STATUS_WORDS = frozenset({"FATAL", "FAILED", "FAIL", "FAILURE", "ERROR", "ERR"})


def _joined(operands: list[Expr], op: str = "||") -> Expr:
    """``[a, b, c]`` as ``a || b || c`` (or ``op``)."""
    rest = operands[0]
    for e in operands[1:]:
        rest = Expr("binary", f"{rest.text} {op} {e.text}", rest.line, op, (rest, e))
    return rest


def _or_operands(e: Expr, op: str = "||") -> list[Expr]:
    """``a || b || c`` as ``[a, b, c]`` (one operand: ``[e]``); ``op="&&"`` for ``&&``."""
    if e.kind == "binary" and e.name == op and len(e.args) == 2:
        return [*_or_operands(e.args[0].strip(), op), *_or_operands(e.args[1].strip(), op)]
    return [e]


def _compared_with_data(cond: Expr, call: Expr) -> bool:
    """Whether the condition compares the call's result with a value that is not a
    failure's (``mnl_attr_get_type(attr) != NFTA_DEVICE_NAME``, libnftnl 1.2): it
    asks what the call returned; the call did not fail.

    >>> from reporter.diagnosis.cexpr import expr_of_text
    >>> e = expr_of_text("get_type(a) != NAME || f(x) < 0")
    >>> [_compared_with_data(e, c) for c in e.calls()]
    [True, False]

    A call's result compared with a value it was given is the count it was asked for:
    the check tests a short read or write, a failure (libtirpc 1.3's ``fread(&mycopy,
    sizeof(int32_t), 1, f) != 1``, libudfread 1.1's ``udfread_read_blocks(p, p->block,
    file_block, 1, 0) != 1``).

    >>> e = expr_of_text("fread(&x, 4, 1, f) != 1 || write(fd, b, n) != n")
    >>> [_compared_with_data(e, c) for c in e.calls()]
    [False, False]
    >>> e = expr_of_text("read_blocks(p, b, lba, 1, 0) != 1 || get_kind(p, 1) != 2")
    >>> [_compared_with_data(e, c) for c in e.calls()]
    [False, True]
    """
    given = {a.strip().text for a in call.args}
    for e in cond.walk():
        if e.kind != "binary" or e.name not in ("==", "!=") or len(e.args) != 2:
            continue
        a, b = (x.strip() for x in e.args)
        other = b if a is call else a if b is call else None
        if other is not None and other.text in given:
            continue
        if other is not None and not _failure_value(other) and not _status_name(other) and (
                other.kind == "number" or (other.kind == "ident" and other.name is not None
                                           and other.name.isupper() and
                                           other.name not in ("NULL", "MAP_FAILED"))):
            return True
    return False


def _status_name(e: Expr) -> bool:
    """A status constant by its name (``GIF_ERROR``, ``GIF_OK``, ``Z_OK``,
    ``SQLITE_SUCCESS``): comparing a call's result with one tests whether it failed
    (giflib 5.2's ``if (DGifGetRecordType(GifFile, &RecordType) == GIF_ERROR)``).

    >>> from reporter.diagnosis.cexpr import expr_of_text
    >>> [_status_name(expr_of_text(t)) for t in ("GIF_ERROR", "GIF_OK", "NFTA_DEVICE_NAME")]
    [True, True, False]
    >>> [_status_name(expr_of_text(t)) for t in ("MHD_NO", "MHD_YES")]
    [True, True]
    """
    return e.kind == "ident" and e.name is not None and e.name.isupper() and \
        bool(set(e.name.split("_")) & (STATUS_WORDS | SUCCESS_WORDS | _ANSWER_WORDS))


# A library's yes/no status (libmicrohttpd 0.9's `MHD_NO == parse_options_va (...)`).
_ANSWER_WORDS = frozenset({"NO", "YES"})


# Operators that compute with a value: a call's result under one is a quantity.
_ARITHMETIC = frozenset({"+", "-", "*", "/", "%", "<<", ">>"})


def _computed_with(cond: Expr, call: Expr) -> bool:
    """Whether the condition does arithmetic with the call's result
    (``BN_num_bytes(bn) + leading_zero > bin_max_len``, mosquitto 2.0): a size or a
    count, not a status, so the check that bounds it decided.

    >>> from reporter.diagnosis.cexpr import expr_of_text
    >>> e = expr_of_text("nbytes(bn) + lead > max || load(p) < 0")
    >>> [_computed_with(e, c) for c in e.calls()]
    [True, False]
    """
    return any(e.kind == "binary" and e.name in _ARITHMETIC and
               any(a.strip() is call for a in e.args) for e in cond.walk())


def _classifies(cond: Expr, call: Expr) -> bool:
    """Whether the call classifies a character the condition also compares with a
    character constant (``!config_keychar(c) && c != '.'``, libgit2 1.5): a question.

    >>> from reporter.diagnosis.cexpr import expr_of_text
    >>> e = expr_of_text("!keychar(c) && c != '.' || !open_it(fd)")
    >>> [_classifies(e, c) for c in e.calls()]
    [True, False]
    """
    if len(call.args) != 1 or call.args[0].strip().kind != "ident":
        return False
    name = call.args[0].strip().name
    for e in cond.walk():
        if e.kind == "binary" and e.name in ("==", "!=") and len(e.args) == 2:
            a, b = (x.strip() for x in e.args)
            if {a.kind, b.kind} == {"ident", "char"} and name in (a.name, b.name):
                return True
    return False


def _asks_only(cond: Expr) -> bool:
    """Whether every variable the condition reads is an argument of a predicate
    (``strcmp(envvar, "NEVER") == 0``, c-blosc 1.21): it asks about the values, so
    the call that made them did not fail.

    >>> from reporter.diagnosis.cexpr import expr_of_text
    >>> [_asks_only(expr_of_text(t)) for t in ('strcmp(s, "x") == 0', "!p", 'strcmp(s, "x") || !p')]
    [True, False, False]
    """
    asked = {i for c in cond.calls() if c.name and is_predicate(c.name)
             for a in c.args for i in a.identifiers()}
    names = tested_names(cond)
    return bool(asked) and all(n in asked for n in names)


def _filled(fn: Function, line: int, name: str) -> bool:
    """Whether the statement at ``line`` hands ``name`` to a call by address and keeps
    the call's own result elsewhere (``rc = unpack(buf, "d", &nkeys);``)."""
    stmt = fn.at(line)
    if stmt is None:
        return False
    ops = {a.op for a in stmt.assigns if a.target == name}
    return ops == {"&"} and any(a.op != "&" for a in stmt.assigns)


def _counted(cond: Expr) -> bool:
    """``equals != 2``: a variable against a number no failed call returns (not 0, 1
    or negative), as ``_compared_with_data`` reads ``sscanf(...) != 2``: a count the
    function wanted, so the check decided (libssh 0.10's base64_to_bin, after
    ``equals = get_equals(ptr);``).

    >>> from reporter.diagnosis.cexpr import expr_of_text
    >>> [_counted(expr_of_text(t)) for t in ("n != 2", "r != 1", "fd == -1", "n != len")]
    [True, False, False, False]
    """
    e = cond.strip()
    if e.kind != "binary" or e.name not in ("==", "!=") or len(e.args) != 2:
        return False
    value, bound = (a.strip() for a in e.args)
    return value.kind == "ident" and bound.kind == "number" and not _failure_value(bound) \
        and bound.text.rstrip("uUlL") not in ("1", "0x1")


def _compares_values(cond: Expr) -> bool:
    """``a != b``, ``n == len``: two values compared, neither a failure value.

    >>> from reporter.diagnosis.cexpr import expr_of_text
    >>> [_compares_values(expr_of_text(t)) for t in ("a != b", "errs", "rc != 0", "!p")]
    [True, False, False, False]
    """
    e = cond.strip()
    return e.kind == "binary" and e.name in ("==", "!=") and len(e.args) == 2 and \
        not any(_failure_value(a) for a in e.args)


def _matches_kinds(cond: Expr) -> bool:
    """Whether the condition only compares variables with named kinds that are no
    failure or status (``protocol == LO_UNIX``, ``type != CFGT_SEC``): it asks which
    kind a value is, the function decides (liblo 0.31's lo_address_new_from_url,
    whose else-branch refuses a protocol it does not know).

    >>> from reporter.diagnosis.cexpr import expr_of_text
    >>> [_matches_kinds(expr_of_text(t)) for t in ("p == LO_UNIX", "p == LO_UDP || p == LO_TCP",
    ...  "rc == GIF_ERROR", "p == NULL", "f(x) == LO_UDP")]
    [True, True, False, False, False]
    """
    operands = _or_operands(cond.strip())
    for e in operands:
        e = e.strip()
        if e.kind != "binary" or e.name not in ("==", "!=") or len(e.args) != 2:
            return False
        a, b = (x.strip() for x in e.args)
        var, kind = (a, b) if _kind_name(b.name or "") else (b, a)
        if var.kind not in ("ident", "field") or kind.kind != "ident" or \
                not _kind_name(kind.name or "") or kind.name in ("NULL", "MAP_FAILED") or \
                _status_name(kind) or errno_like(kind.name or "") is not None:
            return False
    return True


# A capitals prefix before a mixed-case name (``ECMA_AnchorVolumeDescriptorPointer``).
_PREFIXED_NAME = re.compile(r"\A[A-Z][A-Z0-9]*_[A-Z][A-Za-z0-9_]*\Z")


def _kind_name(name: str) -> bool:
    """A constant's name: in capitals, or a capitals prefix before a mixed-case name
    (libudfread 1.1's ``ECMA_AnchorVolumeDescriptorPointer``).

    >>> [_kind_name(n) for n in ("LO_UDP", "ECMA_AnchorVolumeDescriptorPointer", "tag_id")]
    [True, True, False]
    """
    return name.isupper() or bool(_PREFIXED_NAME.match(name))


def _candidate_calls(facts: PathFacts, check: Stmt, index: int | None, cond: Expr) -> \
        tuple[list[Expr], list[Expr]]:
    """(the calls the condition asks about, the calls in it that may have failed)."""
    found = not _entered_else(facts, check, index)
    asked = [c for c in cond.calls() if _compared_with_data(cond, c) or _classifies(cond, c)
             or _computed_with(cond, c) or _read_through(cond, c)]
    # A macro (`L_LE64_TO_CPU(hdr->size)`) computes, it does not fail.
    calls = [c for c in cond.calls() if c.name and not is_predicate(c.name)
             and not c.name.isupper() and c not in asked
             and not (found and _not_null(cond, c))]
    return asked, calls


def _read_through(cond: Expr, call: Expr) -> bool:
    """Whether the condition reads what the call's result points at (``f(b)[0] !=
    '\\0'``, cJSON 1.7's ``buffer_at_offset(&buffer)[0]``; ``*f(x)``, ``f(x)->kind``): a
    pointer it dereferences did not fail.

    >>> from reporter.diagnosis.cexpr import expr_of_text
    >>> e = expr_of_text("at(&b)[0] != 'x' || !open_it(fd) || get(x)->kind == 2")
    >>> [_read_through(e, c) for c in e.calls()]
    [True, False, True]
    """
    return any(e.kind == "field" and e.args and e.args[0].strip() is call
               for e in cond.walk())


def _outside(cond: Expr, calls: list[Expr], name: str) -> bool:
    """Whether ``name`` occurs in ``cond`` outside every one of ``calls``."""
    def walk(e: Expr) -> bool:
        if any(e is c for c in calls):
            return False
        if e.kind in ("ident", "field") and name in e.identifiers() and not e.args:
            return True
        return any(walk(a) for a in e.args)
    return walk(cond)


def _two_variables(cond: Expr) -> bool:
    """``i == n``, ``a->len != b``: two variables compared, no constant.

    >>> from reporter.diagnosis.cexpr import expr_of_text
    >>> [_two_variables(expr_of_text(t)) for t in ("i == n", "err == EAGAIN", "n != 0")]
    [True, False, False]
    """
    e = cond.strip()
    return e.kind == "binary" and e.name in ("==", "!=") and len(e.args) == 2 and all(
        a.strip().kind in ("ident", "field") and not (a.strip().name or "").isupper()
        for a in e.args)


def _loop_bound(fn: Function, cond: Expr) -> bool:
    """Whether a loop of ``fn`` compares the same two variables (``for (i = 0; i < n;
    i++)``): the check asks whether the loop ran out."""
    names = set(cond.identifiers())
    return any(s.kind == "loop" and s.expr is not None and names <= set(s.expr.identifiers())
               for s in fn.statements)


def checks_data(cond: Expr) -> bool:
    """Whether a condition bounds a value (``n > MAX``, ``len < 4``) rather than tests
    a failure (``fd < 0``, ``!p``, ``rc != 0``): its range comparisons are against
    something other than 0 (``x < 0`` and ``x <= 0`` are failure tests).

    A field compared with anything but 0 or NULL is data too (``LE64(hdr->size) !=
    size``, ell 0.56's hwdb header): the check is on what the pointer holds, not on
    the call that made the pointer.

    >>> from reporter.diagnosis.cexpr import expr_of_text
    >>> [checks_data(expr_of_text(t)) for t in ("v == 0 || v > MAX", "fd < 0", "!p", "r != 1")]
    [True, False, False, False]
    >>> [checks_data(expr_of_text(t)) for t in ("LE(h->size) != size", "h->fd == -1", "n != len")]
    [True, False, False]
    >>> checks_data(expr_of_text("ei->image == MAP_FAILED"))  # libunwind 1.6's mmap result
    False

    So is a value compared with a character (``tok == '='``, libconfuse 3.3's parser):
    a token, not a status.

    >>> checks_data(expr_of_text("tok == '='"))
    True
    """
    for e in cond.walk():
        if e.kind == "binary" and e.name in ("==", "!=") and len(e.args) == 2 and \
                any(a.strip().kind == "char" for a in e.args):
            return True
        if e.kind == "binary" and e.name in _BOUNDS and len(e.args) == 2:
            zero = [a for a in e.args if a.strip().kind == "number" and a.strip().text in ("0",)]
            if not zero:
                return True
        if e.kind == "binary" and e.name in ("==", "!=") and len(e.args) == 2 and \
                any(_field(a) for a in e.args) and not any(_failure_value(a) for a in e.args):
            return True
    return False


def _field(e: Expr) -> bool:
    """A field read, maybe through a macro that converts it (``L_LE64_TO_CPU(h->x)``)."""
    e = e.strip()
    if e.kind == "call" and e.name is not None and e.name.isupper() and len(e.args) == 1:
        e = e.args[0].strip()
    return e.kind == "field"


def failure_test(cond: Expr) -> bool:
    """``v < 0``, ``!p``, ``p == NULL``, ``rc != 0``: one value against a failure's.

    >>> from reporter.diagnosis.cexpr import expr_of_text
    >>> [failure_test(expr_of_text(t)) for t in ("k->serial < 0", "!p", "a && !(b & m)")]
    [True, True, False]
    """
    e = cond.strip()
    if e.kind == "unary" and e.name == "!" and e.args:
        return e.args[0].strip().kind in ("ident", "field")
    if e.kind != "binary" or e.name not in ("<", "<=", "==", "!=") or len(e.args) != 2:
        return False
    value, bound = (a.strip() for a in e.args)
    return value.kind in ("ident", "field") and _failure_value(bound)


def _failure_value(e: Expr) -> bool:
    """0, NULL, -1, a negative constant or ``MAP_FAILED`` (mmap's): what a failed
    call returns."""
    e = e.strip()
    if e.kind == "null" or (e.kind == "ident" and e.name == "MAP_FAILED"):
        return True
    if e.kind == "number" and (e.text.startswith("-") or e.text.rstrip("uUlL") in ("0", "0x0")):
        return True
    return e.kind == "unary" and e.name == "-" and bool(e.args) and \
        e.args[0].strip().kind in ("number", "ident")


def surely_runs(e: Expr, call: Expr, true: bool = False) -> bool:
    """Whether ``call`` runs whenever ``e`` is evaluated: not in the right operand of
    ``||``/``&&`` (short-circuit), nor in a branch of ``?:``. ``true``: ``e`` was
    true, so every operand of its ``&&`` ran (``if (scn->data_read == 0 &&
    __libelf_set_rawdata_wrlock (scn) != 0) goto out;``, elfutils 0.188, entered)."""
    e = e.strip()
    if e is call:
        return True
    if e.kind == "binary" and e.name == "&&" and true and len(e.args) == 2:
        return all(surely_runs(a, call, True) for a in e.args
                   if any(sub is call for sub in a.walk()))
    if e.kind == "binary" and e.name in ("||", "&&") and len(e.args) == 2 and \
            any(sub is call for sub in e.args[1].walk()):
        return False
    if e.kind == "ternary" and any(sub is call for a in e.args[1:] for sub in a.walk()):
        return False
    return all(surely_runs(a, call) for a in e.args if any(sub is call for sub in a.walk()))


def _not_null(cond: Expr, call: Expr) -> bool:
    """Whether the condition tests that the call returned something (``f(x) !=
    NULL``): true, the call found what it looked for and did not fail (libconfig 1.5's
    ``if(config_setting_get_member(parent, name) != NULL) return(NULL); /* already
    exists */``).

    >>> from reporter.diagnosis.cexpr import expr_of_text
    >>> e = expr_of_text("get(p, n) != NULL || open(f) == NULL")
    >>> [_not_null(e, c) for c in e.calls()]
    [True, False]
    """
    for e in cond.walk():
        if e.kind == "binary" and e.name == "!=" and len(e.args) == 2:
            a, b = (x.strip() for x in e.args)
            other = b if a is call else a if b is call else None
            if other is not None and (other.kind == "null" or other.name == "NULL"):
                return True
    return False


def _entered_else(facts: PathFacts, check: Stmt, index: int | None) -> bool:
    """Whether the path went into the check's else branch after it ran."""
    return any(check.in_orelse(n) for n in _lines_after(facts, index))


def _entered(facts: PathFacts, check: Stmt, index: int | None) -> bool:
    """Whether the path went into the check's body after it ran: its condition was true."""
    return any(check.in_body(n) and n > check.head_end for n in _lines_after(facts, index))


def _ident(name: str, line: int) -> Expr:
    return Expr("ident", name, line, name)


def _index_of(facts: PathFacts, line: int) -> int | None:
    for j in range(len(facts.body) - 1, -1, -1):
        if facts.steps[j].line == line and facts.steps[j].file == facts.file:
            return j
    return None
