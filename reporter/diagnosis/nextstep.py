"""The next step: the exact command that traces a verdict's callee, ready to paste.

This module owns turning a run's own command into the one for the level below: the
same tracer and options, the callee as FUNCTION, and the condition narrowed to the
value the callee handed up. Others call ``next_step(facts, finding)`` (the engine,
for each candidate) and, for tests and tools, ``narrowed_condition``,
``numeric_condition`` and ``trace_command``.

- stap: ``errtrail-collect run -- stap -v -c ./myprogram --example whythefail.stp
  kernel perf_copy_attr '$return == -22'``: every option of the user's command kept
  (``-c``, ``-x``, ``-d``, ``-D``, ``-g``, ``-v``, ``--suppress-time-limits``, a
  ``sudo`` in front; ``collector.stapargs.for_function``), VARIABLE dropped (it names
  the old function's variables), archived through ``errtrail-collect run``.
- gdb: ``errtrail-collect gdb --follow CALLEE '$return == -22' -- PROGRAM ARGS`` (or
  ``-p PID``): one command from the callee down to the origin.
- errno names (``-EINVAL``) become numbers: neither stap nor the gdb backend has
  those constants.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from collector import errnos
from collector.stapargs import for_function, parse_stap_command

if TYPE_CHECKING:
    from reporter.diagnosis.facts import PathFacts
    from reporter.diagnosis.rules import Finding

__all__ = ["narrowed_condition", "next_step", "numeric_condition", "trace_command"]

# Findings whose callee handed its value up unchanged (`err = f(); ... return err;`,
# `return f();`): the callee returned what the function did, so the next level's
# condition is that value. Other callee findings (a check on the callee's result,
# `if (f() < 0) return -EINVAL;`) keep the run's condition.
VALUE_FLOWS = frozenset({
    "returned.callee", "returned.assigned", "returned.assigned-source",
    "returned.untraced-setter", "trace.value-origin", "trace.value-origin-made",
    "trace.value-origin-source", "branch.return-call", "branch.assign-call",
    # `err = f();` / `return f();` on a line stap could not probe, before the value
    # shows or between the last statement and the exit.
    "unprobed.between-set", "unprobed.after-last", "unprobed.after-strong",
})


def numeric_condition(condition: str) -> str:
    """A condition with its errno names written as numbers, names it does not know
    left as written (``collector.errnos.numeric_condition``, not strict).

    >>> numeric_condition("$return == -EINVAL || $return == -ENOENT")
    '$return == -22 || $return == -2'
    >>> numeric_condition("$return < 0 && $x != EFOO")
    '$return < 0 && $x != EFOO'
    """
    return errnos.numeric_condition(condition, strict=False)


def narrowed_condition(weight: str, returned: int | None, form: str,
                       run_condition: str | None) -> str:
    """``$return == N`` when the callee's value reached the return unchanged, else the
    run's own condition (``$return < 0`` without one).

    >>> narrowed_condition("returned.callee", -22, "errno", "$return < 0")
    '$return == -22'
    >>> narrowed_condition("returned.callee", 0, "zero", "$return == 0")
    '$return == 0'
    >>> narrowed_condition("guard.tested-call", 0, "zero", "$return == 0")
    '$return == 0'
    >>> narrowed_condition("returned.callee", -2, "err_ptr", None)
    '$return < 0'
    """
    if weight in VALUE_FLOWS and returned is not None and form in ("errno", "zero", "positive"):
        return f"$return == {returned}"
    return numeric_condition(run_condition or "$return < 0")


def trace_command(tool: str, command: tuple[str, ...], target: str | None, callee: str,
                  condition: str) -> str:
    """The command that traces ``callee`` under ``condition`` the way ``command`` (the
    run's own, as archived) traced its function.

    >>> trace_command("gdb", ("errtrail-collect", "gdb", "f", "$return < 0", "--", "./p", "a b"),
    ...               None, "g", "$return == -22")
    "errtrail-collect gdb --follow g '$return == -22' -- ./p 'a b'"
    >>> trace_command("stap", ("stap", "-v", "-c", "./p", "--example", "whythefail.stp",
    ...                "kernel", "f", "$return < 0"), "kernel", "g", "$return == -22")
    "errtrail-collect run -- stap -v -c ./p --example whythefail.stp kernel g '$return == -22'"
    >>> trace_command("stap", ("cat", "trace.txt"), "kernel", "g", "$return == -22")
    "errtrail-collect run -- stap --example whythefail.stp kernel g '$return == -22'"
    >>> trace_command("uprobe", ("errtrail-collect", "uprobe", "-x", "libfoo.so", "f",
    ...                "$return < 0", "--", "./p"), None, "g", "$return == -22")
    "errtrail-collect uprobe -x libfoo.so g '$return == -22' -- ./p"
    """
    cmd = list(command)
    if tool in ("gdb", "uprobe"):
        return _user_space_command(tool, cmd, callee, shlex.quote(condition))
    stap = cmd[cmd.index("--") + 1:] if cmd[:2] == ["errtrail-collect", "run"] and "--" in cmd \
        else cmd
    rewritten = for_function(stap, callee, condition) if parse_stap_command(stap).is_stap \
        else None
    if rewritten is None:
        rewritten = ["stap", "--example", "whythefail.stp", target or "kernel", callee, condition]
    return "errtrail-collect run -- " + shlex.join(rewritten)


def _user_space_command(tool: str, cmd: list[str], callee: str, cond: str) -> str:
    """The gdb (``--follow``: the levels below in the same run) or uprobe command for
    ``callee``, keeping the run's program, ``-p PID`` and uprobe's ``-x LIB``."""
    head = f"errtrail-collect {tool}" + (" --follow" if tool == "gdb" else "")
    if tool == "uprobe" and "-x" in cmd and cmd.index("-x") + 1 < len(cmd):
        head += f" -x {shlex.quote(cmd[cmd.index('-x') + 1])}"
    if "--" in cmd:
        return f"{head} {callee} {cond} -- {shlex.join(cmd[cmd.index('--') + 1:])}"
    if "-p" in cmd and cmd.index("-p") + 1 < len(cmd):
        return f"{head} -p {shlex.quote(cmd[cmd.index('-p') + 1])} {callee} {cond}"
    return f"{head} {callee} {cond} -- PROGRAM [ARGS...]"


def next_step(facts: PathFacts, finding: Finding) -> str | None:
    """The command for a candidate's callee (``None``: no callee, or a call through a
    pointer, whose function the source does not name)."""
    callee = finding.callee
    if callee is None or not callee.isidentifier():
        return None
    run = facts.run
    condition = narrowed_condition(finding.weight, facts.number, facts.ret.form, run.condition)
    return trace_command(run.tool, run.run.command, run.target, callee, condition)
