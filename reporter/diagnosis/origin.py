"""Where a returned value was made: an expression followed back through the path.

This module owns the backward walk every source rule shares. ``Resolver(facts)``
answers ``resolve(expr, index, line, want)``: the line that made the value ``want``
(or any value, when ``None``) that ``expr`` had when the statement at ``line`` ran at
step ``index`` (``None``: a statement the trace did not show, merged or unprobed).
The answer is an ``Origin``; ``None`` means the expression cannot have produced
``want`` (a constant of another value: a return gcc merged with others).

How each expression is followed:

- a constant (``-EINVAL``, ``UV_ENOENT``, ``NULL``, a ``#define`` or enumerator of the
  file) is made where it is written;
- a call is the callee that made the value, unless the function only forwards one of
  its arguments (``libbpf_err(err)``, ``ERR_PTR(err)``, ``filter(rc)``): decided from the
  function's own source when the run has it, else from the values (the argument
  already held the returned value before the call), else from the shape
  ``wrap(inner(...))`` (the inner call made it); then the argument is followed;
- ``-errno`` (or ``errno``) is the libc call that failed before it: the call in the
  condition guarding the statement, or the call that set the variable it tests, or
  the last call the path ran;
- a variable is the last assignment that gave it the value: from the traced values
  when they show it change (the step before the first that holds it ran the
  assignment; optimised code may compute it one statement early), else the last
  traced statement that assigns it, else an assignment the trace could not show;
  a variable passed by address (``f(&err)``) is set by that call;
- ``c ? a : b`` follows the branch the traced values choose (GNU ``a ?: b`` too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from reporter.diagnosis.cexpr import expr_of_text
from reporter.diagnosis.csource import FILTERS, Assign, Expr, Function, Stmt, errno_like, evaluate
from reporter.diagnosis.facts import PathFacts
from reporter.values import readable_int

__all__ = [
    "FILTERS",
    "SUCCESS_WORDS",
    "Origin",
    "Resolver",
    "Setter",
    "goto_hidden",
    "goto_into",
    "guard_of",
    "hands_message",
    "is_predicate",
    "jump_label",
    "macro_call",
    "macro_condition",
    "tested_names",
    "wrapped_call",
]

# Words of a success status's name (`GIF_OK`, `SQLITE_SUCCESS`, `RETURN_OK`).
SUCCESS_WORDS = frozenset({"OK", "SUCCESS", "ESUCCESS", "EOK"})  # libunwind 1.6: UNW_ESUCCESS

# Calls that never set errno or make a value the function returns: a libc call
# before `-errno` is looked for past these (logging clobbers errno only on failure).
NOT_ERRNO_SETTERS = frozenset({"free", "assert", "printf", "fprintf", "snprintf", "sprintf"})
# How deep a chain of assignments and wrappers is followed.
MAX_DEPTH = 8
# ``goto``s followed back through shared error code (``goto_into``).
MAX_GOTO_CHAIN = 4
# Clean-up calls skipped between an error call and the status return after it.
MAX_CLEANUP_SKIPPED = 3
# Statements up the block searched for the code recorded before a message.
MAX_CODE_BEFORE_MESSAGE = 4
# Calls that release or close something: they record no error.
# Error calls named for what they record: the errno of the call before them, or an
# error of their own kept in the object (hiredis 0.14's __redisSetErrorFromErrno,
# __redisReaderSetErrorProtocolByte).
_FROM_ERRNO = re.compile(r"from_?errno", re.I)
_ERRNO_WORD = re.compile(r"\berrno\b")
# libgpg-error's errno readers: gpg_err_code_from_syserror(), gpg_error_from_syserror().
_FROM_SYSERROR = re.compile(r"from_syserror\Z")
_SETS_ERROR = re.compile(r"seterror|errorset", re.I)
_CLEANUP_CALL = re.compile(r"free|finali[sz]e|close|destroy|unref|release|cleanup|discard"
                           r"|unlock|dispose|(?:\A|_)put\Z", re.I)
ERRNO_LIMIT = 4095
_SYMBOL = re.compile(r"\A[A-Z_][A-Z0-9_]*\Z")
# A call of a macro named in capitals with an underscore (``NEED_OP(t+3)``), looked for
# on a line's text: a line may hold several statements (lzo 2.10's ``assert(t > 0);
# NEED_OP(t+3); NEED_IP(t+6);``, of which the model keeps the first).
_CAPS_CALL = re.compile(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]*\s*\(")


@dataclass(frozen=True)
class Origin:
    """Where a value was made.

    ``kind``: ``errno-constant``, ``constant``, ``callee``, ``errno-callee`` (a libc
    call whose failure ``-errno`` reports), ``parameter`` (the caller passed it),
    ``error-report`` (an error call recording a constant code before a status return),
    ``value-origin`` (an expression the diagnosis does not take apart).
    ``confirmed``: the traced values show the value flow (not only the source).
    ``chain``: how it was reached, in words, outermost first.
    """

    line: int
    kind: str
    callee: str | None = None
    confirmed: bool = False
    traced: bool = True
    chain: tuple[str, ...] = ()

    def via(self, text: str) -> Origin:
        return replace(self, chain=(text, *self.chain))


def message_index(args: tuple[Expr, ...]) -> int:
    """Where an error call's message is (``len(args)`` without one): the arguments
    before it are the code, those after it only printed (``usbi_err(ctx, "... %d",
    errno)``). The last string with something else between it and the first string,
    else the first: a string before the code is a label (jansson 2.14's
    ``set_error(&s, "<format>", json_error_invalid_format, "Garbage ...")``), strings
    right after the message are values it prints (``f(x, "fmt %s", "arg")``).

    >>> from reporter.diagnosis.cexpr import expr_of_text
    >>> [message_index(expr_of_text(t).args) for t in
    ...  ('f(s, "<l>", c, "m")', 'f(x, "fmt %s", "arg")', 'f(a, errno)')]
    [3, 1, 2]

    A translated message is a message (``log_err(ctx, _("keyslot %u is invalid."), i)``,
    cryptsetup 2.6): ``i`` is printed, not a code.

    >>> message_index(expr_of_text('log_err(ctx, _("slot %u"), i)').args)
    1
    """
    strings = [i for i, a in enumerate(args) if _is_message(a.strip())]
    for i in reversed(strings):
        if any(not _is_message(a.strip()) for a in args[strings[0]:i]):
            return i
    return strings[0] if strings else len(args)


def kept_for_caller(fn: Function, name: str) -> bool:
    """Whether the function hands ``name`` to its caller through a pointer parameter
    (``*result = res;`` under liblo 0.31's ``fail:``, before ``return NULL;``)."""
    return name in fn.handed_to_caller


# What an error slot is cleared with, not set to.
_CLEARED = frozenset({"0", "false", "FALSE", "NULL"})
# ... and a flag raised with.
_RAISED = frozenset({"1", "true", "TRUE"})


def _error_slot(target: str) -> bool:
    """Where a library keeps an error code for its caller: through a pointer
    (``*error``) or in a field (``GifFile->Error``, ``parser->m_errorCode``).

    The field may be one of a structure kept for errors (libtirpc 1.3's global
    ``rpc_createerr.cf_stat``).

    >>> [_error_slot(t) for t in ("*error", "GifFile->Error", "s.last_err", "*Type", "err")]
    [True, True, True, False, False]
    >>> [_error_slot(t) for t in ("rpc_createerr.cf_stat", "conn->errinfo.code", "p->size")]
    [True, True, False]
    """
    if target.startswith("*"):
        return "err" in target[1:].lower()
    parts = re.split(r"->|\.", target)
    return len(parts) > 1 and any("err" in part.lower() for part in parts)


def _status_slot(target: str, value: Expr) -> bool:
    """A status field set to a failure's name (libFLAC 1.4's ``iterator->status =
    FLAC__METADATA_SIMPLE_ITERATOR_STATUS_BAD_METADATA;``, which
    ``FLAC__metadata_simple_iterator_status()`` hands the caller), not to success.

    >>> from reporter.diagnosis.cexpr import expr_of_text as x
    >>> [_status_slot("it->status", x(v)) for v in ("S_BAD_METADATA", "S_OK", "n")]
    [True, False, False]
    """
    field = re.split(r"->|\.", target)[-1] if ("->" in target or "." in target) else ""
    v = value.strip()
    return field.lower() == "status" and v.kind == "ident" and v.name is not None and \
        v.name.isupper() and not SUCCESS_WORDS & set(v.name.split("_"))


def hands_message(stmt: Stmt) -> bool:
    """Whether the statement is a call given a message, a string literal
    (``git_error_set(GIT_ERROR_INDEX, "invalid path: '%s'", path);``)."""
    call = stmt.call
    return call is not None and any(a.strip().kind == "string" for a in call.args)


def _is_message(e: Expr) -> bool:
    """A string, or a gettext call on one (``_("...")``, ``N_("...")``, ``gettext("...")``)."""
    return e.kind == "string" or (e.kind == "call" and bool(e.args) and
                                  all(a.strip().kind == "string" for a in e.args))


def _is_errno(e: Expr, aliases: frozenset[str] = frozenset()) -> bool:
    """``errno``, or a macro of the file that stands for it (``ErrCode()``)."""
    return (e.kind == "ident" and e.name == "errno") or \
        (e.kind in ("ident", "call") and e.name in aliases and not e.args) or \
        (e.kind == "call" and not e.args and bool(_FROM_SYSERROR.search(e.name or "")))


def is_cleanup(stmt: Stmt) -> bool:
    """A statement that only releases something (``free(buf);``, ``x = NULL;`` aside),
    or resets a flag of an object (``connection->receiving = false;``, libmpdclient)."""
    call = stmt.call
    return stmt.kind == "expr" and (_resets_flag(stmt) or (
        call is not None and call.name is not None and "err" not in call.name.lower() and
        bool(_CLEANUP_CALL.search(call.name))))


def _set_to(stmt: Stmt) -> tuple[Assign, Expr] | None:
    """(assignment, value) of a statement that only sets one field or variable with
    ``=`` (``d->fatal = true;``)."""
    a = stmt.assigns[0] if len(stmt.assigns) == 1 else None
    if a is None or a.op != "=" or a.value is None:
        return None
    return a, a.value.strip()


def _is_field(target: str) -> bool:
    return "->" in target or "." in target


def _raises_flag(stmt: Stmt) -> bool:
    """``d->fatal = true;``: a field, not one for errors or a status, set to true."""
    found = _set_to(stmt) if stmt.kind == "expr" else None
    return found is not None and _is_field(found[0].target) and \
        not _error_slot(found[0].target) and found[1].text in _RAISED


def _clears_slot(stmt: Stmt) -> bool:
    """``rpc_createerr.cf_error.re_errno = 0;`` (libtirpc 1.3): an error slot's detail
    cleared after its code was stored."""
    found = _set_to(stmt) if stmt.kind == "expr" else None
    return found is not None and _error_slot(found[0].target) and found[1].text in _CLEARED


def _resets_flag(stmt: Stmt) -> bool:
    """``obj->flag = false;`` (or 0, NULL), ``session->state =
    LIBIRC_STATE_DISCONNECTED;`` (libircclient 1.9): a field, not one for errors or a
    status, set to a constant. Not ``= true``, which may be the failure kept."""
    found = _set_to(stmt)
    if found is None:
        return False
    a, v = found
    return _is_field(a.target) and not _error_slot(a.target) and \
        not _status_slot(a.target, v) and (v.text in _CLEARED or (
            v.kind == "ident" and v.name is not None and v.name.isupper()))


def guard_of(fn: Function, stmt: Stmt) -> tuple[Stmt, bool] | None:
    """The ``if`` whose branch holds ``stmt`` (innermost), and whether it is the
    ``then`` branch."""
    for a in fn.ancestors(stmt):
        if a.kind == "if":
            if a.in_body(stmt.start):
                return a, True
            if a.in_orelse(stmt.start):
                return a, False
        if a.kind in ("loop", "switch", "case", "default"):
            return None
    return None


def untraced_goto(fn: Function, check: Stmt | None, stmt: Stmt) -> tuple[None, Stmt] | None:
    """The ``goto`` in the branch of the check the path left last, to a label that
    runs on into ``stmt``, when optimised code shows no step of its own for it (ell
    0.56's ``if (...) goto failed;`` at -O2: from the check straight to ``failed:``)."""
    labels = fn.labels_reaching(stmt)
    if check is None or check.body is None or not labels:
        return None
    jump = next((s for s in fn.statements if check.in_body(s.start) and s.kind == "goto"
                 and s.label in labels), None)
    return (None, jump) if jump is not None else None


def goto_unseen(facts: PathFacts, fn: Function, stmt: Stmt, before: int) \
        -> tuple[None, Stmt] | None:
    """``untraced_goto`` of the last check the path ran before the label code that
    runs on into ``stmt`` (opus 1.3's ``if (value <= 0) goto bad_arg;`` at -O2: from
    the check to ``bad_arg:`` with no step for the goto)."""
    labels = [fn.label(n) for n in fn.labels_reaching(stmt)]
    first = min((lab.start for lab in labels if lab is not None), default=None)
    for j in range(min(before, len(facts.steps)) - 1, -1, -1):
        s = facts.stmt(facts.steps[j])
        if first is None or s is None or facts.steps[j].line >= first:
            continue
        found = untraced_goto(fn, s, stmt) if s.kind == "if" else None
        return found if found is not None or not facts.optimised else \
            _next_goto(facts, fn, s, stmt)
    return None


def _next_goto(facts: PathFacts, fn: Function, last: Stmt, stmt: Stmt) \
        -> tuple[None, Stmt] | None:
    """At -O2, the first ``goto`` to the label code after the last statement the path
    showed before it, with no traced line between (protobuf-c 1.4's varint loop at
    3141, then ``if (i == max_len) { ...; goto error_cleanup_during_scan; }`` at 3146
    with no step of its own)."""
    labels = fn.labels_reaching(stmt)
    jump = next((s for s in fn.statements if s.start > last.end and s.kind == "goto"
                 and s.label in labels), None)
    if jump is None or any(last.end < n < jump.start for n in facts.traced_lines):
        return None
    return None, jump


def goto_hidden(facts: PathFacts, fn: Function, stmt: Stmt, before: int) \
        -> tuple[int, Stmt] | None:
    """The step that jumped into the label code running on into ``stmt`` through a
    macro from a header the run lacks: code above the label cannot fall into it, and
    the step before the path entered it is a statement calling a macro in capitals
    (lzo 2.10's ``NEED_OP(t+3);``, ``if (!HAVE_OP(x)) goto output_overrun``)."""
    labels = [lab for n in fn.labels_reaching(stmt) if (lab := fn.label(n)) is not None]
    first = min(labels, key=lambda lab: lab.start, default=None)
    if first is None or not _unreachable_above(fn, first):
        return None
    inside = range(first.start, stmt.end + 1)
    k = min(before, len(facts.steps) - 1)
    while k > 0 and facts.steps[k].line in inside and facts.steps[k - 1].line in inside:
        k -= 1
    if k <= 0 or facts.steps[k].line not in inside or facts.steps[k].file != facts.file:
        return None
    line = facts.steps[k - 1].line
    text = facts.model.text(line) if facts.model is not None else None
    jumped = fn.at(line)
    if jumped is None or jumped.kind in ("return", "goto") or not text or \
            not _CAPS_CALL.search(text):
        return None
    return k - 1, jumped


def _unreachable_above(fn: Function, label: Stmt) -> bool:
    """Whether the statement before ``label`` in its block leaves (a ``return``, a
    ``goto``, or a label whose own code does), so the path reached it by a jump."""
    above = [s for s in fn.statements[: label.index] if s.parent == label.parent]
    if not above:
        return False
    last = above[-1]
    return last.kind in ("return", "goto") or \
        (last.kind == "label" and last.statements_end_flow(fn))


def jump_label(fn: Function, stmt: Stmt) -> str | None:
    """The label a ``goto`` names, or a checking macro given a label of the function
    (libfyaml 0.7's ``fyp_error_check(fyp, !rc, err_out, "failed to open input");``,
    from a header: ``if (!(cond)) { report; goto label; }``)."""
    if stmt.kind == "goto":
        return stmt.label
    found = _macro_jump(fn, stmt)
    return found[1] if found is not None else None


def macro_condition(fn: Function, stmt: Stmt) -> Expr | None:
    """The condition a checking macro tests: the argument before the label, or the
    one call an ALL_CAPS macro is given (``CHKR(getTypeName(...))``)."""
    found = _macro_jump(fn, stmt)
    return found[0] if found is not None else wrapped_call(stmt)


def wrapped_call(stmt: Stmt) -> Expr | None:
    """The call a statement that is only a macro given it wraps: a name in capitals
    (liblognorm 2.0's ``CHKR(processInclude(ctx, buf, offs));``, whose header sets
    ``r`` from it and jumps to ``done:`` when it is not 0), or starting with one
    (librelp 1.11's ``CHKRet(relpTcpLstnInit(...));``, the same for ``iRet``)."""
    call = macro_call(stmt)
    inner = call.args[0].strip() if call is not None else None
    return inner if inner is not None and inner.kind == "call" and inner.name else None


def macro_call(stmt: Stmt) -> Expr | None:
    """The call of a statement that is only a macro given one argument: its name in
    capitals, or starting with one (``CHKRet(x)``), as C spells macros."""
    call = stmt.call
    return call if call is not None and call.name and call.name[0].isupper() and \
        len(call.args) == 1 else None


def _wrapped_jump(facts: PathFacts, fn: Function, j: int, labels: frozenset[str]) -> bool:
    """Whether step ``j`` is a macro wrapping a call (liblognorm 2.0's ``CHKR(x)``,
    ``if ((r = (x)) != 0) goto done`` in a header the run lacks) and the next step is
    one of ``labels``: the macro jumped there."""
    stmt = facts.stmt(facts.steps[j])
    after = facts.steps[j + 1].line if j + 1 < len(facts.steps) else None
    return stmt is not None and after is not None and wrapped_call(stmt) is not None and any(
        (lab := fn.label(n)) is not None and lab.start == after for n in labels)


def _macro_jump(fn: Function, stmt: Stmt) -> tuple[Expr, str] | None:
    """(condition, label) of a call statement given a label of ``fn`` as an argument
    after the first: the condition is the argument just before the label."""
    call = stmt.call
    if call is None:
        return None
    for i, a in enumerate(call.args[1:], start=1):
        e = a.strip()
        if e.kind == "ident" and e.name is not None and fn.label(e.name) is not None:
            return call.args[i - 1], e.name
    return None


def goto_into(facts: PathFacts, fn: Function, stmt: Stmt, before: int) -> tuple[int, Stmt] | None:
    """The last executed ``goto`` to a label whose code runs on into ``stmt``; when
    that ``goto`` is itself shared error code reached by another one (``HAD_ERROR:
    ...; goto EXIT;`` after ``if (errorcode != 0) goto HAD_CB_ERROR;``, pcre2 10.42's
    ``pcre2_compile``), the first of the chain: the one a check took."""
    found = None
    for _ in range(MAX_GOTO_CHAIN):
        labels = fn.labels_reaching(stmt)
        jump = next(((j, s) for j in range(before - 1, -1, -1)
                     if (s := facts.stmt(facts.steps[j])) is not None and
                     (jump_label(fn, s) in labels or _wrapped_jump(facts, fn, j, labels))),
                    None) if labels else None
        if jump is None or (found is not None and guard_of(fn, found[1]) is not None):
            break
        found = jump
        before, stmt = jump
    return found


@dataclass(frozen=True)
class Setter:
    """The assignment that gave a variable its value: ``index`` is the step that ran
    it (None: a statement the trace does not show); ``confirmed``: the traced values
    show the change; ``holder``/``value``: the first step that shows the new value."""

    index: int | None
    stmt: Stmt
    assign: Assign
    confirmed: bool
    holder: int | None = None
    value: int | None = None

    @property
    def line(self) -> int:
        return self.assign.line or self.stmt.start

    def evidence(self, name: str) -> str:
        if self.holder is None or self.value is None:
            return ""
        return f", and `{name}` first holds {readable_int(self.value)} at step {self.holder + 1}"


class Resolver:
    """The backward walk over one path (see the module docstring)."""

    def __init__(self, facts: PathFacts) -> None:
        self.facts = facts
        fn = facts.fn
        assert fn is not None and facts.model is not None
        self.fn = fn
        self.constants = facts.model.constants
        self.aliases = facts.model.errno_aliases
        self._conditions: list[tuple[Expr, int]] = []  # enclosing `?:` conditions
        self._use: tuple[int | None, int] = (None, fn.end)  # the outermost resolve's

    # -- values ----------------------------------------------------------------------

    def value_at(self, index: int | None, name: str) -> int | None:
        if index is None or not 0 <= index < len(self.facts.steps):
            return None
        return self.facts.values(index).get(name)

    def evaluate(self, e: Expr, index: int | None) -> int | None:
        values = self.facts.values(index) if index is not None else None
        return evaluate(e, self.constants, values)

    def evaluate_latest(self, e: Expr, index: int) -> int | None:
        """``e`` with each variable's last value known at or before step ``index``
        (optimised code prints ``?`` at many steps)."""
        values: dict[str, int] = {}
        steps = self.facts.steps
        for name in e.identifiers():
            setters = [s.start for s in self.fn.statements if s.assigns_to(name) is not None]
            for j in range(min(index, len(steps) - 1), -1, -1):
                v = self.facts.values(j).get(name)
                if v is not None:
                    values[name] = v
                    break
                # An assignment the path may have run unseen since makes older values
                # stale (libssh2 1.10 at -O2: `rc = banner_receive(...)` in a loop).
                if j and any(steps[j - 1].line < n <= steps[j].line or
                             (steps[j].line < steps[j - 1].line and n > steps[j].line)
                             for n in setters):
                    break
        return evaluate(e, self.constants, values)

    def constant(self, e: Expr) -> int | None:
        """The value of an expression that reads no variable."""
        return evaluate(e, self.constants) if not self._reads_variable(e) else None

    def _guessed(self, e: Expr) -> bool:
        """Whether a constant's value comes only from an errno name with a library's
        prefix (``TH_EINVAL``, ``UV_EINVAL``) that the file does not define."""
        names = [sub.text for sub in e.walk() if sub.kind == "ident"]
        return len(names) == 1 and names[0] not in self.constants and "_" in names[0] and \
            errno_like(names[0]) is not None

    def _ran_last(self, index: int) -> bool:
        """Whether step ``index`` is the last statement of an unoptimised path: only
        the function's closing brace follows it."""
        facts = self.facts
        return facts.optimised is False and facts.exit is not None and \
            index == len(facts.steps) - 2

    def symbolic(self, e: Expr) -> bool:
        """An expression of constants only, some named in headers the run does not
        have (``-MNT_ERR_NOFSTAB``, ``FOO | BAR``): ALL_CAPS names and literals."""
        names = [sub for sub in e.walk() if sub.kind == "ident"]
        return bool(names) and all(_SYMBOL.match(n.text) for n in names) and \
            not any(sub.kind in ("call", "field", "assign", "string") for sub in e.walk())

    def _reads_variable(self, e: Expr) -> bool:
        for sub in e.walk():
            if sub.kind in ("call", "field", "assign"):
                return True
            if sub.kind == "ident" and sub.name is not None and sub.name not in self.constants \
                    and sub.name != "NULL" and errno_like(sub.name) is None:
                return True
        return False

    @staticmethod
    def matches(e: Expr, value: int, want: int | None) -> bool:
        """Whether a constant ``value`` written as ``e`` can be ``want``: equal, or an
        errno spelled without its sign by a library (``UV_EINVAL`` is -22), or the
        32-bit form of it."""
        if want is None or value == want:
            return True
        if value & 0xFFFFFFFF == want & 0xFFFFFFFF and -ERRNO_LIMIT <= want < 0:
            return True
        text = e.strip().text
        return abs(value) == abs(want) and not text.startswith("-") and \
            errno_like(text) is not None and errno_like(text) == abs(want)

    # -- the walk ----------------------------------------------------------------------

    def resolve(self, e: Expr | None, index: int | None, line: int, want: int | None,
                depth: int = 0) -> Origin | None:
        if e is None or depth > MAX_DEPTH:
            return None
        if depth == 0:
            self._use = (index, line)
        e = e.strip()
        value = self.constant(e)
        if value is not None and (index is None or self._ran_last(index)) and \
                not self.matches(e, value, want) and self._guessed(e):
            # libtheora 1.1's TH_EINVAL is -10, not EINVAL: for a return the trace does
            # not show, a prefixed errno name the run has no definition of says
            # nothing of its value (one the path ran is still held to the guess:
            # libvorbis's `return(OV_EINVAL);` before the one that gave OV_ENOSEEK),
            # unless it is the statement unoptimised code left by (libunwind 1.6's
            # `return -UNW_EINVAL;`, -8).
            value = None
        if value is not None and not self.matches(e, value, want):
            return None
        if value is not None or self.symbolic(e):
            return self._constant(e, value, index, line, depth)
        if _is_errno(e, self.aliases):
            return self.libc(index, line)
        if e.kind == "call":
            return self._call(e, index, line, want, depth)
        if e.kind == "unary" and e.name == "-" and e.args:
            if _is_errno(e.args[0].strip(), self.aliases):
                return self.libc(index, line)
            return self.resolve(e.args[0], index, line, -want if want is not None else None,
                                depth + 1)
        if e.kind == "unary" and e.name == "!" and e.args:
            # libsoxr 0.1.3's `return -!!soxr_set_io_ratio(...);`: a truth value of
            # what the operand holds, so where that got its value.
            return self.resolve(e.args[0], index, line, None, depth + 1)
        if e.kind in ("ident", "field"):
            return self._variable(e.text, index, line, want, depth)
        if e.kind == "ternary":
            return self._ternary(e, index, line, want, depth)
        if e.kind == "assign" and len(e.args) == 2:
            return self.resolve(e.args[1], index, line, want, depth + 1)
        if e.kind == "comma" and e.args:
            return self.resolve(e.args[-1], index, line, want, depth + 1)
        if e.kind == "string":
            # libsoxr 0.1.3's `return "phase response not in [0=min-phase,...] %";`: an
            # error message is a constant, never NULL.
            return None if want == 0 else Origin(line, "constant", confirmed=True,
                                                 traced=index is not None)
        if e.kind == "binary" and e.name == "*" and len(e.args) == 2:
            factor = self._deciding_factor(e, index, want)
            if factor is not None:
                return self.resolve(factor, index, line, None, depth + 1)
        return Origin(line, "value-origin", traced=index is not None)

    def _deciding_factor(self, e: Expr, index: int | None, want: int | None) -> Expr | None:
        """Of ``a * b``, the factor that made the product: the one holding 0 when 0
        came back, else the one a sign (1 or -1) multiplies (audit 3.0.9's ``return
        rc*minus;`` with ``minus`` 1 or -1)."""
        values = [self.evaluate(a, index) for a in e.args]
        for i, v in enumerate(values):
            if want == 0 and v == 0:
                return e.args[i]
            if v in (1, -1):
                return e.args[1 - i]
        return None

    def _constant(self, e: Expr, value: int | None, index: int | None, line: int,
                  depth: int) -> Origin:
        """A constant's origin: where it is written, unless a library code stands
        for errno (``POPT_ERROR_ERRNO``: "errno is set") or an error call before it
        recorded the real error (``_recorded``)."""
        traced = index is not None
        if not errno_like(e.text):
            name = e.args[0].strip().name if e.kind == "unary" and e.args else e.name
            if name and name.endswith("_ERRNO"):
                # errno as it was where the value was used: `int rc = POPT_ERROR_ERRNO;`
                # is set before the call that fails.
                return self.libc(*self._use).via(f"`{name}` says errno holds the error")
            recorded = self._recorded(index, line, depth)
            if recorded is not None:
                return recorded
        if value is None:
            # -MNT_ERR_NOFSTAB, KMOD_FOO: a constant from a header the run does not have.
            return Origin(line, "constant", traced=traced)
        kind = "errno-constant" if -ERRNO_LIMIT <= value < 0 or errno_like(e.text) else \
            "constant"
        return Origin(line, kind, confirmed=True, traced=traced)

    def _recorded(self, index: int | None, line: int, depth: int) -> Origin | None:
        """The error a status constant stands for, recorded by the error call just
        before it: ``archive_set_error(a, errno, ...); return (ARCHIVE_FATAL);``
        (libarchive), ``file_error(ms, errno, ...)`` (file): the libc call that set
        errno; ``archive_set_error(a, en, ...)``: where ``en`` got its value; a
        constant code (``ARCHIVE_ERRNO_FILE_FORMAT``): the recording line itself; a code
        stored through the caller's pointer (``*error = OPUS_BAD_ARG;``): that line."""
        found = self._recording_call(line, index)
        if found is None:
            return self.stored_code(line)
        prev, call = found
        at = self._index_of_line(prev.start, index)
        head = f"{call.name}() at line {prev.start} records the error this status reports"
        # The code is an argument before the message (`archive_set_error(a, errno,
        # "fmt", ...)`); one after it is only printed.
        message = message_index(call.args)
        if message == len(call.args) and call.args and \
                re.search(r"message|msg", (call.name or "").lower()):
            # libmpdclient 2.20's `mpd_error_message(&connection->error, msg)`: named for
            # its message, which it is given last.
            message = len(call.args) - 1
        before = call.args[:message]
        if _FROM_ERRNO.search(call.name or "") or (
                message == len(call.args) and self._reads_errno(call.name or "")):
            # hiredis 0.14's `__redisSetErrorFromErrno(c, REDIS_ERR_IO, "...")`: the
            # message is strerror(errno), the libc call behind it.
            return self.libc(at, prev.start).via(f"{head}, from errno")
        if len(before) < 2 and not (len(call.args) == 1 and self.records_code(call)):
            return self._code_before(prev, call, index)
        if any(self._holds_errno(a, at) for a in before):
            return self.libc(at, prev.start).via(head)
        printed = call.args[message + 1:]
        if any(self._holds_errno(sub, at) for a in printed for sub in a.walk()):
            # `error_set(error, NULL, json_error_cannot_open_file, "unable to open %s:
            # %s", path, strerror(errno))` (jansson 2.14): the libc call behind it.
            return self.libc(at, prev.start).via(f"{head}, printing errno")
        code = before[-1].strip()
        if code.kind == "ident" and code.name and self.constant(code) is None and \
                not self.symbolic(code) and self._local(code.name):
            origin = self._variable(code.name, at, prev.start, None, depth + 1)
            if origin is not None and self._zero_start(origin, code.name):
                # libdwarf 20210528's `int localerrnum = 0;`, filled by a call gcc
                # inlined at -O2 (no step for it): 0 is no error, the report keeps one.
                return Origin(prev.start, "error-report", confirmed=True,
                              traced=at is not None, chain=(f"{head} (`{code.text}`)",))
            return origin.via(head) if origin is not None else None
        if self.constant(code) == 0:
            return None  # liblognorm 2.0's `ln_errprintf(ctx, 0, "invalid json ...")`: no code
        if code.kind in ("ident", "number", "unary") and (
                self.constant(code) is not None or self.symbolic(code) or code.kind == "ident"):
            # A name the function neither declares nor sets is a constant from a header
            # (jansson 2.14's `error_set(error, lex, json_error_invalid_syntax, ...)`).
            return Origin(prev.start, "error-report", confirmed=True, traced=at is not None,
                          chain=(f"{head} (`{code.text}`)",))
        name = (call.name or "").replace("_", "").lower()
        if _SETS_ERROR.search(name) and "from" not in name and not any(
                _is_errno(sub, self.aliases) for a in call.args for sub in a.walk()):
            # A setter named for it, whose code is its own (hiredis 0.14's
            # `__redisReaderSetErrorProtocolByte(r, *p)` stores REDIS_ERR_PROTOCOL).
            return Origin(prev.start, "error-report", confirmed=True, traced=at is not None,
                          chain=(head,))
        return None

    def _zero_start(self, origin: Origin, name: str) -> bool:
        """Whether ``origin`` is the declaration giving ``name`` its 0 to start with."""
        s = self.fn.at(origin.line)
        a = s.assigns_to(name) if s is not None and s.kind == "decl" else None
        return a is not None and a.value is not None and self.constant(a.value) == 0

    def _code_before(self, message: Stmt, call: Expr, index: int | None) -> Origin | None:
        """The code recorded into the same place just before a message is
        (libmpdclient 2.20's ``mpd_error_code(&connection->error, MPD_ERROR_MALFORMED);
        mpd_error_message(&connection->error, "...");``): of a code and its message,
        the code; also a few statements up the block, past the message's own making
        (``mpd_error_server(&connection->error, mpd_parser_get_server_error(...), ...);
        msg = ...; if (msg == NULL) msg = "..."; mpd_error_message(&connection->error,
        msg);``)."""
        block = [s for s in self.fn.statements
                 if s.parent == message.parent and s.start < message.start]
        for s in reversed(block[-MAX_CODE_BEFORE_MESSAGE:]):
            c = s.call
            if c is not None and "err" in (c.name or "").lower() and \
                    c.args and call.args and c.args[0].text == call.args[0].text and \
                    len(c.args) >= 2 and message_index(c.args) == len(c.args):
                return Origin(s.start, "error-report", confirmed=True,
                              traced=self._index_of_line(s.start, index) is not None,
                              chain=(f"{c.name}() at line {s.start} records the code"
                                     f" (`{s.text}`) whose message line {message.start} adds",))
        return None

    def _reads_errno(self, name: str) -> bool:
        """Whether the error call, defined in this file, reads ``errno`` itself: given
        no message, it makes one from errno (hiredis 0.14's ``__redisSetError(c,
        REDIS_ERR_IO, NULL)`` formats strerror(errno))."""
        model = self.facts.model
        fn = model.function_named(name) if model is not None and name else None
        return model is not None and fn is not None and any(
            _ERRNO_WORD.search(model.text(n) or "") for n in range(fn.open_line, fn.end + 1))

    def stored_code(self, line: int) -> Origin | None:
        """``if (error) *error = OPUS_BAD_ARG; return NULL;`` (opus 1.3): the constant
        stored through an error pointer just before the return, or in an error field
        (``GifFile->Error = D_GIF_ERR_WRONG_RECORD; return GIF_ERROR;``, giflib 5.2), or
        a message stored so (``*error = err_include_too_deep;``, libconfig 1.5); of a
        code and its message, the code (liblo 0.31's ``a->errnum = 99; a->errstr =
        "...";``)."""
        found = self._stored(line)
        if found is not None and found[2]:
            code = self._stored(found[0].start)
            found = code if code is not None and not code[2] else found
        if found is None:
            return None
        s, a, message = found
        return Origin(a.line or s.start, "error-report", confirmed=True,
                      chain=(f"line {s.start} stores the error for the caller (`{s.text}`,"
                             f" {'its message' if message else 'its code'})",))

    def _stored(self, line: int) -> tuple[Stmt, Assign, bool] | None:
        """(statement, assignment, whether it is a message) of the error stored for the
        caller just before the statement at ``line``, past the clean-up between them
        (`*Error = D_GIF_ERR_NOT_GIF_FILE; (void)fclose(f); free(GifFile); return
        NULL;`, giflib 5.2)."""
        for s in self._just_before(line, skip_cleanup=True):
            for a in s.assigns:
                if a.value is None or not (
                        _error_slot(a.target) or _status_slot(a.target, a.value)):
                    continue
                if self._stores_code(a):
                    return s, a, False
                if a.op == "=" and a.value.strip().text not in _CLEARED and \
                        self._global_message(a.value):
                    return s, a, True
        return None

    def _stores_code(self, a: Assign) -> bool:
        """Whether ``a`` stores a constant code (not ``false``, 0 or NULL, which clear
        the slot: ``fyd->diag->on_error = false;``, libfyaml 0.7)."""
        v = a.value.strip() if a.op == "=" and a.value is not None else None
        return v is not None and v.text not in _CLEARED and (
            self.constant(v) is not None or self.symbolic(v))

    def _global_message(self, e: Expr) -> bool:
        """A message stored for the caller: a string, or a name the function neither
        declares nor sets (libconfig 1.5's ``*error = err_include_too_deep;``, a
        file-level ``static const char *``)."""
        e = e.strip()
        return e.kind == "string" or (e.kind == "ident" and e.name is not None and
                                      e.name != "NULL" and not self._local(e.name))

    def _local(self, name: str) -> bool:
        """Whether ``name`` is a parameter or a variable the function declares or sets."""
        word = re.compile(rf"\b{re.escape(name)}\b")
        return name in self.fn.params or any(s.assigns_to(name) is not None or
                                             (s.kind == "decl" and word.search(s.text))
                                             for s in self.fn.statements)

    def message_before(self, line: int) -> Stmt | None:
        """The call just before the statement at ``line`` in its block, past clean-up,
        that hands over a message (a string literal): ``snprintf(l->err_buf, SIZE,
        "%s(): options list is too large", ...); return (-1);`` (libnet 1.1)."""
        return next((s for s in self._just_before(line, skip_cleanup=True)
                     if hands_message(s)), None)

    def _just_before(self, line: int, skip_cleanup: bool) -> list[Stmt]:
        """The statement before the one at ``line`` in its block, or, when that is an
        ``if``, the expression statements of its branches (``if (error) *error =
        ...;``). ``skip_cleanup``: past clean-up calls, which record nothing
        (``zip_error_set(...); _zip_dirent_finalize(&temp); return -1;``, libzip 1.7)."""
        stmt = self.fn.at(line)
        if stmt is not None:
            # The last statement starting on the line: lzlib 1.13's `{ e->lz_errno =
            # LZ_sequence_error; return -1; }` stores its code on the return's line.
            stmt = [s for s in self.fn.statements
                    if s.parent == stmt.parent and s.start == line][-1]
            up = self.fn.statements[stmt.parent] if stmt.parent is not None else None
            if up is not None and up.kind == "if" and up.start == line:
                stmt = up  # lzlib 1.13's `if( Cb_empty( ... ) ) return -1;` on one line
        before = [s for s in self.fn.statements if stmt is not None and
                  s.parent == stmt.parent and s.index < stmt.index]
        for _ in range(MAX_CLEANUP_SKIPPED if skip_cleanup else 0):
            if len(before) < 2 or not (is_cleanup(before[-1]) or _raises_flag(before[-1]) or
                                       _clears_slot(before[-1])):
                break
            before.pop()
        if not before:
            return []
        prev = before[-1]
        return [prev] if prev.kind != "if" else [
            s for s in self.fn.statements if prev.start < s.start <= prev.end and s.kind == "expr"]

    def _recording_call(self, line: int, index: int | None) -> tuple[Stmt, Expr] | None:
        """The error call right before the statement at ``line``, in its block: the
        statement before it, or the one of that ``if``'s branches the path took
        (``if (mbs) archive_set_error(a, errno, ...); else ...;``)."""
        pool = self._just_before(line, skip_cleanup=True)
        ran = [s for s in pool if self._index_of_line(s.start, index) is not None]
        maybe = [s for s in pool[:1] if not self.facts.never_ran(s.start)]
        for s in ran or maybe:
            call = s.call
            if call is not None and call.name and \
                    "err" in call.name.lower() and (len(call.args) >= 2 or self.records_code(call)):
                return s, call
        return None

    def records_code(self, call: Expr) -> bool:
        """Whether an error call records a constant code of its own: a constant among
        its arguments (``__libelf_seterrno (ELF_E_NO_VERSION)``, elfutils 0.188) and no
        ``errno`` (which would make the failed libc call the cause)."""
        if any(e.kind == "ident" and e.name == "errno" for a in call.args for e in a.walk()):
            return False
        return any(a.strip().kind != "string" and (self.constant(a.strip()) is not None or
                                                   self.symbolic(a.strip()))
                   for a in call.args)

    def _call(self, e: Expr, index: int | None, line: int, want: int | None,
              depth: int) -> Origin | None:
        name = e.name or e.text.split("(", 1)[0]
        if name in FILTERS and e.args:
            return self.resolve(e.args[0], index, line, want, depth + 1)
        if self._reports_errno(e):
            # ipset 7.17's `return ipset_err(session, "Cannot open %s for reading: %s",
            # filename, strerror(errno));`: the libc call that set errno failed.
            return self.libc(index, line).via(f"{name}() reports errno after its message")
        forwarded = self.forwarded(e, index, want)
        if forwarded is not None:
            arg, how, arg_want = forwarded
            inner = self.resolve(e.args[arg], index, line, arg_want, depth + 1)
            if inner is not None:
                return inner.via(f"{name}() {how}")
        return Origin(line, "callee", callee=name, confirmed=False, traced=index is not None)

    def _reports_errno(self, e: Expr) -> bool:
        """An error helper (named for errors, given a message) that prints ``errno``
        among the values after its message (``strerror(errno)``)."""
        message = message_index(e.args)
        return "err" in (e.name or "").lower() and message < len(e.args) and any(
            _is_errno(sub, self.aliases) for a in e.args[message + 1:] for sub in a.walk())

    def forwarded(self, e: Expr, index: int | None, want: int | None) -> \
            tuple[int, str, int | None] | None:
        """(argument, why, value it must hold) when the call only forwards one of its
        arguments (see the module docstring)."""
        name = e.name or ""
        definition = self._definition(name)
        if definition is not None:
            arg = forwards(definition)
            if arg is not None and arg < len(e.args):
                return arg, f"only forwards its argument `{e.args[arg].text}` (its source " \
                    "says so)", self._arg_want(e.args[arg], index, want)
            table = translates(definition)
            if table is not None and table < len(e.args):
                return table, f"maps the code `{e.args[table].text}` to another (its " \
                    "source says so)", None
            # bad_link(ms, errno, buf) (file 5.45): it records the errno it is given.
            return self._errno_argument(e, index)
        read = [i for i, a in enumerate(e.args) if self._reads_variable(a)]
        for i, a in enumerate(e.args):
            v = self.evaluate(a, index) if i in read else None
            # A NULL among several inputs is an option left out (libssh 0.10's
            # `pki_private_key_from_base64(b64, passphrase, ...)`), not what came back.
            if v is not None and want is not None and self.matches(a, v, want) and \
                    (want != 0 or len(read) == 1):
                return i, f"returned `{a.text}`, which already held {want}", want
        if want == 0:
            for i, a in enumerate(e.args):
                v = self.evaluate(a, index) if self._reads_variable(a) else None
                if v is not None and -ERRNO_LIMIT <= v < 0:
                    return i, f"turned the error in `{a.text}` ({v}) into NULL", v
        errno_arg = self._errno_argument(e, index)
        if errno_arg is not None:
            return errno_arg
        data = [a for a in e.args if a.strip().kind not in ("string", "number")]
        if len(data) == 1 and data[0].strip().kind == "call":
            i = e.args.index(data[0])
            return i, f"wraps what `{data[0].strip().name}()` returned", want
        # The code is the last argument before the message: `_libssh2_error(session,
        # rc, "Failed getting banner")` (libssh2 1.10), `log_error_errno(r, "...")`.
        message = message_index(e.args)
        # Without a message, a named code among the arguments is the code, not the
        # context before it (libassuan 2.5's `_assuan_error (ctx, GPG_ERR_ASS_INV_VALUE)`).
        named = [a for a in data if self.symbolic(a.strip())]
        code = [a for a in data if e.args.index(a) < message][-1:] \
            if message < len(e.args) else named[-1:] or data[:1]
        if "err" in name.lower() and code and code[0].strip().kind in ("ident", "unary", "field"):
            # libbpf_err(err), log_error_errno(r, ...): error helpers return their
            # error argument (assumed when their source is not at hand).
            i = e.args.index(code[0])
            return i, f"passes the error `{code[0].text}` on (an error helper)", \
                self._arg_want(code[0], index, want)
        return None

    def _errno_argument(self, e: Expr, index: int | None) -> tuple[int, str, None] | None:
        for i, a in enumerate(e.args):
            if self._holds_errno(a, index):
                # nl_syserr2nlerr(errsv), strerror-style maps: another code for errno,
                # so the libc call that set errno made it.
                return i, f"converts errno (`{a.text}`)", None
        return None

    def _holds_errno(self, a: Expr, index: int | None) -> bool:
        """``errno``, ``-errno``, or a variable the path last set from errno
        (``errsv = errno;``)."""
        e = a.strip()
        if e.kind == "unary" and e.name == "-" and e.args:
            e = e.args[0].strip()
        if _is_errno(e, self.aliases):
            return True
        if e.kind != "ident" or e.name is None:
            return False
        end = index if index is not None else len(self.facts.body)
        found = self._last_assignment(e.name, end, -1)
        value = found.assign.value.strip() if found is not None and found.assign.value else None
        if value is not None and value.kind == "unary" and value.name == "-" and value.args:
            value = value.args[0].strip()
        return value is not None and _is_errno(value, self.aliases)

    def _arg_want(self, a: Expr, index: int | None, want: int | None) -> int | None:
        if want is None or want == 0:
            v = self.evaluate(a, index) if self._reads_variable(a) else None
            return v if v is not None and v != 0 else (None if want == 0 else want)
        return want

    def _definition(self, name: str) -> Function | None:
        for path in sorted(self.facts.run.sources):
            model = self.facts.run.model(path)
            found = model.function_named(name) if model is not None else None
            if found is not None:
                return found
        return None

    def _ternary(self, e: Expr, index: int | None, line: int, want: int | None,
                 depth: int) -> Origin | None:
        cond = e.args[0]
        branches = e.args[1:] if len(e.args) == 3 else (cond, e.args[-1])  # GNU a ?: b
        c = self.evaluate(cond, index)
        self._conditions.append((cond, line))  # `rc ? -errno : 0`: rc tells which call
        try:
            if c is not None:
                return self.resolve(branches[0 if c else 1], index, line, want, depth + 1)
            for b in branches:
                o = self.resolve(b, index, line, want, depth + 1)
                if o is not None and o.kind != "value-origin":
                    return o
        finally:
            self._conditions.pop()
        return Origin(line, "value-origin", traced=index is not None)

    # -- variables ---------------------------------------------------------------------

    def _variable(self, name: str, index: int | None, line: int, want: int | None,
                  depth: int) -> Origin | None:
        if depth > MAX_DEPTH:
            return None
        held = self.value_at(index, name) if index is not None else None
        if want is not None and held is not None and not _same(held, want):
            return None  # it held another value when returned: a return gcc merged
        target = want if want is not None else held
        found = self.setter(name, index, line, target)
        if found is None:
            if name in self.fn.params:
                return Origin(line, "parameter", confirmed=held is not None,
                              chain=(f"`{name}` is a parameter: the caller passed it",))
            return self._kept_by_call(name, index)
        stmt, assign, at = found.stmt, found.assign, found.line
        text = f"`{name}` got its value at line {at} (`{stmt.text}`)" + found.evidence(name)
        traced = found.index is not None
        if assign.op == "&":
            return Origin(at, "callee", callee=_call_taking(stmt, name),
                          confirmed=found.confirmed, traced=traced).via(text)
        if assign.op != "=" or assign.value is None:
            return Origin(at, "value-origin", confirmed=found.confirmed, traced=traced).via(text)
        value = assign.value.strip()
        if value.kind == "ternary" and len(value.args) == 2 and value.args[0].text == name:
            # err = err ?: f(): the earlier value wins unless it was 0.
            before = self.value_at(found.index, name)
            if before is not None and before != 0:
                return self._variable(name, found.index, stmt.start, want, depth + 1)
            value = value.args[1]
        inner = self.resolve(value, found.index, at, target, depth + 1)
        if inner is None:
            inner = Origin(at, "value-origin", traced=traced)
        elif inner.kind in ("errno-constant", "constant") and target == 0 and \
                found.index is not None:
            end = index if index is not None else len(self.facts.steps)
            stored = self._code_stored_after(found.index, end, depth)
            if stored is not None:
                return stored
        return replace(inner, confirmed=inner.confirmed or found.confirmed).via(text)

    def _code_stored_after(self, start: int, end: int, depth: int) -> Origin | None:
        """Where the code came from that the path stored into an error slot after the
        NULL it returns was set (libmspack 0.11's ``chm = NULL; } } self->error =
        error; ... return chm;``, ``error`` from ``chmd_read_headers()``): the storing
        line itself for a constant code."""
        for j in range(start + 1, min(end, len(self.facts.steps))):
            s = self.facts.stmt(self.facts.steps[j])
            if s is None or s.kind != "expr":
                continue
            for a in s.assigns:
                v = a.value.strip() if a.value is not None else None
                if a.op != "=" or v is None or not _error_slot(a.target):
                    continue
                if self._stores_code(a):
                    # libmspack 0.11's cabd_open at -O2: `self->error = MSPACK_ERR_OPEN;`,
                    # then an untraced `return cab;` of the NULL it started with.
                    return Origin(a.line or s.start, "error-report", confirmed=True,
                                  traced=True, chain=(f"line {s.start} stores the error for"
                                                      f" the caller (`{s.text}`)",))
                if v.kind == "ident" and v.name and self._local(v.name):
                    origin = self._variable(v.name, j, s.start, None, depth + 1)
                    if origin is not None and origin.kind != "parameter":
                        return origin.via(f"line {s.start} stores `{v.name}` for the caller"
                                          f" (`{s.text}`)")
        return None

    def _kept_by_call(self, name: str, index: int | None) -> Origin | None:
        """An error field of an object the function never sets (libsoxr 0.1.3's
        ``return p->error;`` after ``odone = soxr_output(p, out, olen);``): the last
        call the path ran that was handed the object set it."""
        base = re.split(r"->|\.", name)[0].strip("*&() ")
        if not _error_slot(name) or base == name or index is None:
            return None
        for j in range(min(index, len(self.facts.steps)) - 1, -1, -1):
            s = self.facts.stmt(self.facts.steps[j])
            calls = [c for c in (s.expr.calls() if s is not None and s.expr is not None else ())
                     if c.name and any(base in a.identifiers() for a in c.args)]
            if s is not None and s.kind != "return" and calls:
                return Origin(s.start, "callee", callee=calls[0].name, traced=True,
                              chain=(f"`{name}` is kept in `{base}`, last handed to"
                                     f" {calls[0].name}() at line {s.start}",))
        return None

    def setter(self, name: str, index: int | None, line: int, target: int | None) \
            -> Setter | None:
        """The assignment that gave ``name`` the value it has at step ``index`` (the
        statement at ``line``; ``target``: that value, when known)."""
        end = index if index is not None else len(self.facts.body)
        latest = self._last_assignment(name, end, line)
        if target is not None:
            found = self._setter_by_values(name, end, target, line)
            if found is not None:
                # A later assignment of the same value overwrote it (`rc = -E;` after
                # a call that returned -E already): the later one decided.
                # A statement's own first line again (gcc returns to a multi-line
                # condition's first line after its last) is no later assignment.
                if latest is not None and found.index is not None and \
                        latest.index is not None and latest.index > found.index and \
                        latest.stmt is not found.stmt and not _keeps(latest.assign, name):
                    return replace(latest, confirmed=True, holder=found.holder,
                                   value=found.value)
                return found
        if latest is not None:
            after = self.value_at(latest.index + 1, name) if latest.index is not None else None
            later = self._straight_line_setter(name, latest, line, target)
            if target is not None and after is not None and not _same(after, target):
                # That assignment gave it another value: not this path's, unless one the
                # trace could not show ran after it (liblo 0.31's send_data at -O2:
                # `ret = create_socket(a);`, inlined, after `ret = lo_address_resolve(a)`
                # gave 0).
                return later or self._entered_block_setter(name, latest, line)
            return later or latest
        return self._untraced_setter(name, line)

    def _entered_block_setter(self, name: str, latest: Setter, line: int) -> Setter | None:
        """An assignment the trace does not show, after ``latest`` and before ``line``,
        in a block whose earlier statement ran with nothing that branches between
        (liblognorm 2.0 at -O2: `ln_errprintf(...); ln_destructRepeat(ctx, data); r =
        LN_BADCONFIG;` under `done:`'s check, the path showing only the first)."""
        traced = self.facts.traced_lines
        for s in sorted((t for t in self.fn.statements if t.assigns_to(name) is not None
                         and latest.stmt.start < t.start < line and t.start not in traced
                         and not self.facts.never_ran(t.start)),
                        key=lambda t: -t.start):
            block = [b for b in self.fn.statements if b.parent == s.parent and b.start < s.start]
            ran = [i for i, b in enumerate(block) if b.start in traced]
            if ran and all(b.kind == "expr" for b in block[ran[-1]:]):
                assign = s.assigns_to(name)
                assert assign is not None
                return Setter(None, s, assign, False)
        return None

    def _straight_line_setter(self, name: str, latest: Setter, line: int,
                              target: int | None) -> Setter | None:
        """An assignment the trace does not show that must have run after ``latest``:
        in the same block as the statement at ``line``, before it (optimised code
        gives ``n = keyctl_describe(...)`` no stop when the call is inlined)."""
        use = self.fn.at(line)
        if use is not None and line not in self.facts.traced_lines:
            # The check around an unstopped use (`if (ret) return ret;` at -O2) ran,
            # entered from its own block.
            use = next((a for a in self.fn.ancestors(use) if a.start in self.facts.traced_lines),
                       None)
            if use is not None and not self._entered_from_block(use):
                return None
        if use is None:
            return None  # only a statement that ran proves the block ran up to it
        # A label between the two lets a goto reach the use without running the
        # assignment (`rv = 0; out: ...; return rv;`).
        labels = [t.start for t in self.fn.statements
                  if t.kind == "label" and t.parent == use.parent and t.start < use.start]
        first = max([latest.line, *labels])
        later = [s for s in self.fn.statements
                 if s.parent == use.parent and first < s.start < use.start and
                 s.assigns_to(name) is not None and not self.facts.never_ran(s.start) and
                 s.start not in self.facts.traced_lines and self._may_give(s, name, target)]
        if not later:
            return None
        stmt = later[-1]
        assign = stmt.assigns_to(name)
        assert assign is not None
        return Setter(None, stmt, assign, False)

    def _entered_from_block(self, stmt: Stmt) -> bool:
        """Whether the path's step before its last at ``stmt`` was in ``stmt``'s block
        or on the statement holding it (not a jump from elsewhere)."""
        steps = self.facts.steps
        k = next((j for j in range(len(steps) - 1, 0, -1) if steps[j].line == stmt.start), None)
        prev = self.facts.stmt(steps[k - 1]) if k is not None else None
        return prev is not None and (prev.parent == stmt.parent or prev.index == stmt.parent)

    def _last_assignment(self, name: str, end: int, line: int) -> Setter | None:
        """The last traced statement before step ``end`` that assigns ``name``."""
        for j in range(end - 1, -1, -1):
            found = self._assigns_at(name, j, line, confirmed=False)
            if found is not None:
                return found
        return None

    def _setter_by_values(self, name: str, end: int, target: int, line: int) -> Setter | None:
        steps = self.facts.steps
        for i in range(min(end, len(steps) - 1), 0, -1):
            cur, prev = self.value_at(i, name), self._known_before(i, name)
            if cur is None or not _same(cur, target):
                continue
            if prev is not None and _same(prev, target):
                continue
            found = self.setter_between(name, i - 1, i, line, target)
            return replace(found, holder=i, value=cur) if found is not None else None
        return None

    def _known_before(self, i: int, name: str) -> int | None:
        """``name``'s value at step ``i - 1``; where optimised code could not read it
        there (``?``), the last value read before: an unread value is no change
        (libgit2 1.5's git_config_parse at -O2: `result` -1, then `?`, then -1)."""
        for j in range(i - 1, -1, -1):
            prev = self.value_at(j, name)
            if prev is not None or not self._unread(j, name):
                return prev
        return None

    def _unread(self, j: int, name: str) -> bool:
        return any(n == name and raw == "?" for n, raw in self.facts.steps[j].values)

    def setter_between(self, name: str, before: int, holder: int, line: int,
                       target: int | None = None) -> Setter | None:
        """The statement that set ``name`` between step ``before`` and ``holder`` (the
        statement at ``line``, being resolved, excluded): the step before's own, else
        one the trace could not show between the two lines, else the holder's (optimised
        code may compute a value before the statement boundary of its line)."""
        steps = self.facts.steps
        lo, hi = steps[before].line, steps[holder].line
        found = self._assigns_at(name, before, line) or self._macro_sets(name, before, line)
        if found is not None:
            return found
        between = [s for s in self.fn.statements if s.assigns_to(name) is not None and
                   s.start != line and not self.facts.never_ran(s.start) and
                   (lo < s.start < hi or (hi < lo and (s.start > lo or s.start < hi))) and
                   self._may_give(s, name, target)]
        if between:
            # In the branch or switch the path left from first (the jump went through
            # it), else the last before the holder.
            left = self.facts.stmt(steps[before])
            inside = [s for s in between if left is not None and left.kind in
                      ("if", "switch", "loop") and left.start < s.start <= left.end]
            # Of those, one nested least deep: a deeper one needed checks the path
            # did not show (libpsl 0.21's `} else { ret = PSL_ERR_TO_UTF8; }`, not
            # the `ret = PSL_ERR_TO_LOWER;` under the other branch's inner check).
            inside.sort(key=lambda s: sum(1 for a in self.fn.ancestors(s)
                                          if left is not None and a.start > left.start))
            stmt = inside[0] if inside else (self._before_jump(between, lo, hi) or between[-1]) \
                if lo < hi else self._around_loop(between, lo, hi)
            assign = stmt.assigns_to(name)
            assert assign is not None
            return Setter(None, stmt, assign, True)
        found = self._assigns_at(name, holder, line)
        if found is not None and not _keeps(found.assign, name):
            return found
        return None

    def _before_jump(self, between: list[Stmt], lo: int, hi: int) -> Stmt | None:
        """When line ``hi`` is under a label the path reached unseen: the last
        assignment before the first ``goto`` to it after line ``lo``, the code the
        path ran on to (``rv = hd_inflate_read_len(...); if (rv < 0) goto fail;``,
        nghttp2 1.52 at -O2), not one in other code before the label."""
        holder = self.fn.at(hi)
        labels = self.fn.labels_reaching(holder) if holder is not None else frozenset()
        jump = next((s for s in self.fn.statements if s.kind == "goto" and s.label in labels
                     and lo < s.start < hi), None) if labels else None
        found = [s for s in between if jump is not None and s.start < jump.start]
        return found[-1] if found else None

    def _around_loop(self, between: list[Stmt], lo: int, hi: int) -> Stmt:
        """Of the assignments a jump back from line ``lo`` to ``hi`` may have run, the
        last to run: after ``lo`` to the loop's end, then from the loop's start to
        ``hi``; one before the loop cannot have (``failrc = PCRE2_ERROR_UNSET;`` at
        the end of pcre2 10.42's name loop, not ``failrc = ...;`` before it)."""
        loops = [s for s in self.fn.statements if s.kind == "loop" and
                 s.start <= hi and lo <= s.end]
        loop = loops[-1] if loops else None
        order = [s for s in between if s.start > lo and (loop is None or s.start <= loop.end)] + \
            [s for s in between if s.start < hi and (loop is None or s.start >= loop.start)]
        return order[-1] if order else between[0]

    def _may_give(self, stmt: Stmt, name: str, target: int | None) -> bool:
        """Whether the statement's assignment to ``name`` can give ``target``: not a
        constant of another value."""
        assign = stmt.assigns_to(name)
        value = self.constant(assign.value) if assign is not None and assign.value else None
        return target is None or value is None or assign is None or assign.value is None or \
            self.matches(assign.value, value, target)

    def _assigns_at(self, name: str, j: int, line: int, confirmed: bool = True) \
            -> Setter | None:
        step = self.facts.steps[j]
        stmt = self.facts.stmt(step)
        assign = stmt.assigns_to(name, step.line) if stmt is not None else None
        if stmt is None or assign is None or stmt.start == line:
            return None
        return Setter(j, stmt, assign, confirmed)

    def _macro_sets(self, name: str, j: int, line: int) -> Setter | None:
        """Step ``j``'s statement, when it uses a macro of the file that assigns
        ``name`` (msgpack-c 4.0's ``start_container(_array, ...)``, whose ``ret =
        MSGPACK_UNPACK_NOMEM_ERROR;`` has no line but the macro's)."""
        model, stmt = self.facts.model, self.facts.stmt(self.facts.steps[j])
        if model is None or stmt is None or stmt.start == line:
            return None
        for called in stmt.calls:
            text = model.setters.get(called, {}).get(name)
            if text is not None:
                value = expr_of_text(text)
                return Setter(j, stmt, Assign(name, "=", value, stmt.start), True)
        return None

    def _untraced_setter(self, name: str, line: int) -> Setter | None:
        """The assignment nearest before ``line`` in source order that may have run."""
        best: Stmt | None = None
        for s in self.fn.statements:
            if s.start >= line or s.assigns_to(name) is None or self.facts.never_ran(s.start):
                continue
            if best is None or s.start > best.start:
                best = s
        if best is None:
            return None
        assign = best.assigns_to(name)
        assert assign is not None
        return Setter(None, best, assign, False)

    # -- errno ---------------------------------------------------------------------------

    def libc(self, index: int | None, line: int) -> Origin:
        """The call whose failure ``-errno`` reports (see the module docstring)."""
        stmt = self.fn.at(line)
        conds: list[tuple[Expr, int]] = list(reversed(self._conditions))
        if stmt is not None and stmt.kind == "if" and stmt.expr is not None:
            conds.append((stmt.expr, stmt.start))
        # Every enclosing check, innermost first: `if (connect(...) < 0) { if
        # (IN_SET(errno, ...)) ...; else return -errno; }` is connect's failure.
        for a in self.fn.ancestors(stmt) if stmt is not None else ():
            if a.kind == "if" and a.expr is not None and stmt is not None and \
                    not _passed(a, stmt.start):
                conds.append((a.expr, a.start))
        # Reached by `goto error;`: the checks around that goto (`if (ioctl(...) < 0)`).
        jump = goto_into(self.facts, self.fn, stmt, index if index is not None
                         else len(self.facts.body)) if stmt is not None else None
        for a in self.fn.ancestors(jump[1]) if jump is not None else ():
            if a.kind == "if" and a.expr is not None:
                conds.append((a.expr, a.start))
        end = index if index is not None else len(self.facts.body)
        own = self._errno_set(end, line)
        if own is not None:
            return own
        for cond, at in conds:
            found = self._tested_call(cond, at, index)
            if found is not None:
                return found
        failed = self._failed_before(end)
        if failed is not None:
            return failed
        for j in range(end - 1, -1, -1):
            s = self.facts.stmt(self.facts.steps[j])
            setters = [c for c in (s.calls if s else ()) if c not in NOT_ERRNO_SETTERS]
            if s is not None and setters and s.start != line:
                return _errno_call(s.start, setters[-1])
        return Origin(line, "value-origin", chain=("errno was set before this line",))

    def _errno_set(self, end: int, line: int) -> Origin | None:
        """The function's own ``errno = EINVAL;`` run after its last call, before step
        ``end``: it set the errno, not a libc call."""
        for j in range(min(end, len(self.facts.steps)) - 1, -1, -1):
            s = self.facts.stmt(self.facts.steps[j])
            if s is None or s.start == line:
                continue
            assign = s.assigns_to("errno")
            if assign is not None:
                saved = self._saved_errno(assign, j, s.start)
                if saved is not None:
                    return saved
                return Origin(s.start, "errno-assignment", confirmed=True,
                              chain=(f"line {s.start} sets errno itself (`{s.text}`)",))
            if s.principal_call is not None and s.principal_call not in NOT_ERRNO_SETTERS:
                return None
        return None

    def _saved_errno(self, assign: Assign, index: int, line: int) -> Origin | None:
        """``errno = oerrno;`` restoring ``int oerrno = errno;`` (saved across a
        ``close()``, popt 1.19's ``poptReadFile``): the errno of the save point."""
        value = assign.value.strip() if assign.value is not None else None
        if value is None or value.kind != "ident" or value.name is None:
            return None
        found = self.setter(value.name, index, line, None)
        saved = found.assign.value.strip() if found is not None and found.assign.value \
            else None
        if found is None or saved is None or not _is_errno(saved, self.aliases) or \
                found.line >= line:
            return None
        # Before the restore in any case: an untraced save point has no step of its own,
        # and reading errno from the end again would find the restore again.
        at = found.index if found.index is not None and found.index < index else index
        return self.libc(at, found.line).via(
            f"line {line} restores errno from `{value.name}`, saved at line {found.line}")

    def _tested_call(self, cond: Expr, at: int, index: int | None) -> Origin | None:
        """The call a condition tests: one in it, or the one that set a variable it
        reads (``fd < 0`` after ``fd = open(...)``); predicates (``is_x()``) aside."""
        names = [c.name for c in cond.calls() if c.name and not is_predicate(c.name)
                 and c.name not in FILTERS and not c.name.isupper()]
        if names:
            return _errno_call(at, names[0])
        for name in tested_names(cond):
            # Before the check's own step, or (untraced check) before the statement
            # whose -errno is being followed.
            before = self._index_of_line(at, index)
            found = self.setter(name, before if before is not None else index, at, None)
            call = found.stmt.principal_call if found is not None else None
            if found is not None and call is not None and not is_predicate(call):
                return _errno_call(found.line, call)
        return None

    def _failed_before(self, end: int) -> Origin | None:
        """The last call whose result the traced values show as -1 (a failed libc
        call's convention): ``rc = ioctl(...)`` with ``rc`` -1 at the next step."""
        for j in range(min(end, len(self.facts.steps) - 1) - 1, -1, -1):
            s = self.facts.stmt(self.facts.steps[j])
            if s is None or not s.calls:
                continue
            after, before = self.facts.values(j + 1), self.facts.values(j)
            call = s.principal_call
            for a in s.assigns:
                if after.get(a.target) == -1 and before.get(a.target) != -1 and call:
                    return _errno_call(a.line or s.start, call)
        return None

    def _index_of_line(self, line: int, before: int | None) -> int | None:
        end = before if before is not None else len(self.facts.body)
        for j in range(min(end, len(self.facts.steps) - 1), -1, -1):
            if self.facts.steps[j].line == line:
                return j
        return None


_PREDICATE = re.compile(
    r"(?:\A|_)(?:is|has|can|should|must|may|in|needs?)_|\A(?:str|strn|strcase|strncase|mem)cmp\Z"
    # camelCase questions: zstd's `ZSTD_isError(code)` (c-blosc 1.21), `isValid`.
    r"|(?:\A|_)(?:is|has|can)[A-Z]"
    r"|\Ais[a-z]+\Z|_p\Z"
    # Measures and conversions: a check compares what they compute (ell 0.56's
    # `pad_len != align_len(len, 4) - len`), they do not fail.
    r"|\A(?:str|strn|wcs)len\Z|_length\Z|\Aalign_|\Around_up"
    # Getters of a size or kind (libnftnl 1.2's `mnl_attr_get_payload_len(attr)`, 0
    # for an empty attribute): what they return is data.
    r"|(?:\A|_)get_(?:\w+_)?(?:len|size|count|type)\Z"
    r"|\A(?:le|be)\d+toh\Z|\Ahto(?:le|be)\d+\Z|\A[hn]to[nh][sl]\Z"
    # Searches and verifications answer a question: strchr()'s NULL is "not found"
    # (libevent 2.1), a verify()'s nonzero is "does not match" (libsodium 1.0.18).
    r"|\Astr(?:r?chr|str|casestr|pbrk)\Z|\Amemr?chr\Z|(?:\A|_)verify(?:_|\Z)"
    # Named for a state it tests (liblo 0.31's `if (lo_bundle_circular(b))`).
    r"|_(?:circular|empty|full|ready|enabled|exists|equal|equals|busy|supported)\Z"
)


def _passed(check: Stmt, line: int) -> bool:
    """Whether ``line`` is where ``check`` found a pointer set (``if (mbs != NULL)``'s
    body, ``if (p == NULL)``'s else): a success, not the failure errno is about."""
    e = check.expr.strip() if check.expr is not None else None
    if e is None:
        return False
    if e.kind == "binary" and e.name in ("!=", "==") and len(e.args) == 2 and \
            e.args[1].strip().kind == "null":
        return check.in_body(line) if e.name == "!=" else check.in_orelse(line)
    return False


def is_predicate(name: str) -> bool:
    """A call that answers a question rather than fails (``libevdev_has_event_code``,
    ``is_valid``, ``strcmp``): a check on it is the function's own decision.

    >>> [is_predicate(n) for n in ("libevdev_has_event_code", "strcmp", "isdigit", "open")]
    [True, True, True, False]
    >>> [is_predicate(n) for n in ("align_len", "strlen", "le64toh", "read_len", "readlink")]
    [True, True, True, False, False]
    >>> [is_predicate(n) for n in ("strchr", "crypto_onetimeauth_poly1305_verify", "verifyfd")]
    [True, True, False]
    >>> [is_predicate(n) for n in ("mnl_attr_get_payload_len", "get_type", "get_lenient")]
    [True, True, False]
    >>> [is_predicate(n) for n in ("ZSTD_isError", "isValid", "island_open", "this_sets")]
    [True, True, False, False]
    >>> [is_predicate(n) for n in ("lo_bundle_circular", "queue_full", "full_write")]
    [True, True, False]
    """
    return bool(_PREDICATE.search(name))


def tested_names(cond: Expr) -> list[str]:
    """What a condition tests: its fields (``ml->lockfile_fd``) first, then the
    variables it reads that are not only a field's base."""
    fields = [e.text for e in cond.walk() if e.kind == "field"]
    bases = {i for e in cond.walk() if e.kind == "field" for i in e.identifiers()}
    return list(dict.fromkeys(fields + [i for i in cond.identifiers() if i not in bases]))


def _same(a: int, b: int) -> bool:
    return a == b or a & 0xFFFFFFFF == b & 0xFFFFFFFF


def _keeps(assign: Assign, name: str) -> bool:
    """``err = err ?: f()``, ``err |= x``: the variable keeps a value it already had."""
    value = assign.value.strip() if assign.value is not None else None
    if assign.op not in ("=", "&"):
        return True
    return value is not None and value.kind == "ternary" and bool(value.args) and \
        value.args[0].strip().text == name


def _errno_call(line: int, callee: str) -> Origin:
    return Origin(line, "errno-callee", callee=callee, confirmed=False,
                  chain=(f"errno comes from {callee}() failing at line {line}",))


def _call_taking(stmt: Stmt, name: str) -> str | None:
    """The call a statement passes ``&name`` to."""
    for call in (stmt.expr.calls() if stmt.expr is not None else ()):
        if any(a.text.replace(" ", "") == "&" + name for a in call.args):
            return call.name
    return stmt.principal_call


def forwards(definition: Function) -> int | None:
    """The parameter a function only forwards (returns it, or NULL/0 in its place,
    possibly after setting errno from it), or ``None`` when it computes something.

    Every ``return`` must give back a parameter (the same one) or a constant, and
    the body may call nothing but the error helpers of FILTERS. A function that only
    returns constants forwards the parameter it sets errno from (``errno = -err;
    return NULL;``).
    """
    forwarded: int | None = None
    for s in definition.statements:
        if any(c not in FILTERS and c not in ("IS_ERR", "IS_ERR_OR_NULL") for c in s.calls):
            return None
        if s.kind != "return" or s.expr is None:
            continue
        for e in _returned_leaves(s.expr):
            if e.kind == "ident" and e.name in definition.params:
                i = definition.params.index(e.name)
                if forwarded not in (None, i):
                    return None
                forwarded = i
            elif e.kind not in ("null", "number") and not (
                    e.kind == "unary" and e.args and e.args[0].strip().kind == "number"):
                return None
    return forwarded if forwarded is not None else _errno_param(definition)


# What a code table may call on the code it switches on (libteam 1.31's
# `switch (abs(nl_error))`).
_TABLE_CALLS = frozenset({"abs", "labs", "llabs"})


def translates(definition: Function) -> int | None:
    """The parameter a code table maps to another code: the body is a ``switch`` on
    that parameter alone whose every ``return`` gives a constant (libteam 1.31's
    ``nl2syserr()``, ``case NLE_EXIST: return EEXIST;``). What it returns is decided
    by where the argument got its value, as for a forwarding wrapper.

    >>> from reporter.diagnosis.csource import SourceModel
    >>> def f(text: str) -> Function | None:
    ...     return SourceModel.of("m.c", text.encode()).function_named("m")
    >>> translates(f("int m(int e)\\n{\\n switch (abs(e)) {\\n case 1: return E1;\\n"
    ...              " default: return EINVAL;\\n }\\n}\\n"))
    0
    >>> translates(f("int m(int e, int k)\\n{\\n switch (e) {\\n case 1: return k;\\n }\\n"
    ...              " return 0;\\n}\\n"))
    """
    top = [s for s in definition.statements if s.parent is None]
    head = top[0] if len(top) == 1 else None
    if head is None or head.kind != "switch" or head.expr is None:
        return None
    read = {n for n in head.expr.identifiers() if n not in _TABLE_CALLS}
    if len(read) != 1 or not read <= set(definition.params):
        return None
    for s in definition.statements:
        if any(c not in _TABLE_CALLS for c in s.calls) or s.assigns:
            return None
        if s.kind == "return" and (s.expr is None or not _constant_leaf(s.expr)):
            return None
    return definition.params.index(read.pop())


def _constant_leaf(e: Expr) -> bool:
    """A number, ``-NUMBER``, NULL or an ALL_CAPS name (``EEXIST``)."""
    e = e.strip()
    if e.kind == "unary" and e.args:
        e = e.args[0].strip()
    return e.kind in ("null", "number") or (e.kind == "ident" and e.name is not None and
                                            e.name.isupper())


def _errno_param(definition: Function) -> int | None:
    """The parameter ``errno`` is set from (``errno = -e;``), if any."""
    for s in definition.statements:
        assign = s.assigns_to("errno")
        if assign is not None and assign.value is not None:
            for name in assign.value.identifiers():
                if name in definition.params:
                    return definition.params.index(name)
    return None


def _returned_leaves(e: Expr) -> Iterator[Expr]:
    e = e.strip()
    if e.kind == "ternary":
        for b in e.args[1:] if len(e.args) == 3 else e.args:
            yield from _returned_leaves(b)
    elif e.kind == "call" and e.name in FILTERS and e.args:
        yield from _returned_leaves(e.args[0])
    else:
        yield e
