"""Every number the ranking uses, in one documented table.

A rule (``reporter.diagnosis.rules``) reports a finding with a weight *key*; the
engine turns it into a confidence with ``WEIGHTS[key]``, times the finding's own
scale (1.0 unless the rule lowers a second or third guess), then applies the
adjustments at the end of the table. Candidates are ranked by confidence; a line
the trace proves never ran comes after every line that may have run, whatever
its confidence; ties go to the more direct kind of evidence (``KIND_ORDER``).

Tuned on ``tests/accuracy`` (this project's own programs) and the tuning half of
``tests/realworld`` (real libraries); the held-out half was not looked at.
"""

from __future__ import annotations

__all__ = ["ADJUST", "FALLBACK_BELOW", "KIND_ORDER", "WEIGHTS", "weight"]

WEIGHTS: dict[str, float] = {
    # rules/returned.py: the return statement that ran, followed back to where its
    # value was made (origin.Resolver).
    "returned.constant": 0.96,      # `return -EINVAL;` ran (maybe through a forwarding wrapper)
    "returned.callee": 0.92,        # `return f(...);` ran and f made the value
    "returned.assigned": 0.93,      # the returned variable got the value here (values show it)
    "returned.assigned-source": 0.82,  # ... the last assignment on the path (source only)
    "returned.untraced-setter": 0.6,   # ... an assignment the trace could not show
    "returned.libc": 0.9,           # `-errno` after this call failed
    "returned.errno-set": 0.92,     # `-errno` after the function set errno itself
    "returned.error-report": 0.93,  # the error call before `return STATUS;` records the code
    "returned.expression": 0.55,    # an expression the diagnosis does not take apart
    "returned.parameter": 0.35,     # the caller passed the value in
    "returned.return-line": 0.45,   # the return line itself, when the value was made elsewhere
    "returned.twin": 0.9,           # the same `return -E;` in the branch gcc merged into it
    "returned.goto": 0.95,          # the `goto` that took the path to a shared `return -E;`
    # rules/guard.py: a return of NULL, 0 or -1 says nothing; the check that led to it does.
    "guard.errno-assignment": 0.94,  # `errno = E;` on the path before `return -1/NULL`
    "guard.goto": 0.93,             # the `goto` that took the path to shared error code
    "guard.stored-code": 0.94,      # ... after the error was stored for the caller there
    "guard.errno-from": 0.92,       # errno set from a variable: where that got its value
    "guard.error-local": 0.91,      # NULL returned after `err = -CODE;` (the code kept apart)
    "guard.tested-call": 0.9,       # the call whose result the failing check tested
    "guard.return-line": 0.7,       # the return itself, when the check tests only parameters
    # rules/branches.py: the return that ran was not traced (optimised code, merged exits)
    # or cannot have made the value; its candidates are in the branch the path entered last.
    "branch.return-constant": 0.85,  # `return -E;` in the branch taken (the values decide it)
    "branch.return-constant-maybe": 0.75,  # ... the trace cannot decide the condition
    "branch.assign-constant": 0.8,  # `err = -E;` there
    "branch.return-call": 0.7,      # `return f(...);` there
    "branch.assign-call": 0.6,      # `err = f(...);` there
    "branch.tested-call": 0.82,     # the call a failing check there tested (NULL/-1 return)
    "branch.goto-producing": 0.84,  # `goto einval;` there, to code returning the value
    "branch.goto-taken": 0.9,       # the traced `goto` to the shared code of that return
    "branch.macro-return": 0.8,     # a macro that returns there (`RETURN_ERROR(code, ...)`)
    "branch.goto": 0.45,            # `goto out;` there
    "branch.call": 0.4,             # another call there
    "branch.later-if": 0.6,         # decays by ``ADJUST['branch.older']`` per older branch
    # rules/switch.py: a `switch` whose case the trace could not show (jump tables).
    "switch.case": 0.88,            # the case the traced value matches, or default:
    "switch.any-case": 0.5,         # a case producing the value, the value unknown
    # rules/unprobed.py: statements stap could not probe may have run unseen.
    "unprobed.after-last": 0.75,    # between the last statement and the exit
    "unprobed.after-strong": 0.3,   # ... when other evidence is strong
    "unprobed.between-set": 0.8,    # between the setter and the first holder of the value
    # rules/trace.py: what the trace alone says (no source needed).
    "trace.last-statement": 0.5,    # the last statement before the exit
    "trace.last-statement-weak": 0.3,  # ... when the trace has better evidence
    "trace.last-macro-call": 0.7,   # ... an ALL_CAPS macro given a call: the call failed
    "trace.previous": 0.2,          # the statement before it
    "trace.previous-errno": 0.55,   # ... for `errno = E; return -1` without source
    "trace.value-origin": 0.8,      # the step before a variable first holds the value
    "trace.value-origin-source": 0.7,  # ... with source, the line does not say more
    "trace.value-origin-made": 0.86,   # ... with source, a constant or a call there
    "trace.backward-jump": 0.35,    # the statement before a jump back to a shared return
    "trace.failed-call": 0.83,      # a variable became -1/NULL just before the errno appeared
    "trace.error-variable": 0.6,    # NULL/-1 returned while a variable holds an errno
    "trace.jump-to-exit": 0.55,     # NULL/-1 returned: the step that jumped to the error code
    # rules/returned.py and rules/guard.py: a second guess beside `return CONST;`.
    "message.before-return": 0.35,  # a call handing over a message just before it
    # rules/grep.py: lines of the function that produce -ENAME when none ran visibly.
    "grep.only-line": 0.75,
    "grep.one-of": 0.45,
    # rules/macros.py: a macro that returns, on the last statement.
    "macro.return": 0.85,
    # rules/fallback.py, run only when nothing above reached FALLBACK_BELOW: the latest
    # traced return that can have made the value.
    "fallback.return": 0.52,
    # rules/alternatives.py: a second guess, listed after every other rule's lines.
    "alternative.last-call": 0.08,
}

# The engine runs the rule of last resort (rules/fallback.py) when the strongest
# finding of every other rule is weaker than this: the path's end said nothing.
FALLBACK_BELOW = 0.5

ADJUST: dict[str, float] = {
    "weak-return": 0.5,       # times: the value is -1, 0 or 1 (appears in many variables)
    "partial": 0.9,           # times: the path lost its start
    "branch.older": 0.85,     # times, per branch older than the last one entered
    "branch.fallthrough": 0.8,  # times: what follows the last check, the values make it false
    "branch.fallthrough-maybe": 0.6,    # ... the trace cannot decide the check
    "branch.fallthrough-singled": 0.8,  # ... it singles out one errno (`errno == ENOMEM`)
    "branch.singled-errno": 0.85,  # times: the branch of such a check (the exception)
    "ordinal": 0.1,           # minus, per candidate a rule lists after its first
    "mismatch": 0.5,          # times: the source does not match the traced binary
    "never-ran": 0.5,         # times, and ranked after every line that may have run
    "error-message": 0.5,     # times: a library's error call with a message just before
                              # the return (`git_error_set(CLASS, "msg"); return -1;`)
}

# Ties in confidence go to the more direct kind of evidence.
KIND_ORDER = (
    "errno-constant",
    "errno-assignment",
    "callee",
    "errno-callee",
    "macro-return",
    "switch-case",
    "value-origin",
    "unprobed",
    "goto-label",
    "last-statement",
    "previous-statement",
)


def weight(key: str) -> float:
    """``WEIGHTS[key]``; a key missing from the table is a programming error."""
    return WEIGHTS[key]
