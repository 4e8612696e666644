"""What the user-space capture backends share (``errtrail-collect gdb`` and ``uprobe``).

This module owns the parts of a user-space trace that do not depend on the tracer:
the request as typed (FUNCTION CONDITION [VARIABLE] -- PROGRAM ARGS, or -p PID),
finding PROGRAM and PID's executable, close function names, the run's metadata, how
a run ended (status, reason, exit code) from the tracer's JSON summary, and the
records made once the capture is over (the end, the probed lines).
``collector.gdbtrace`` and ``collector.uprobe`` call these with their own error class
and tool name, so that both backends check, describe and end their runs alike.

Others call:

- ``TraceRequest`` (subclassed per backend: ``TOOL`` names the command),
  ``split_request(cls, words, pid, ...)``.
- ``resolve_program(name, error=...)``, ``program_of_pid(pid, error=...)``,
  ``close_names(function, names)``.
- ``user_meta(request, program, tool_path, tool_version)``.
- ``Outcome``, ``outcome(summary, function, status, signal, interrupted, tracer=...)``.
- ``TraceRunResult``, ``read_json(path)``, ``probed_lines_of(report)``,
  ``record_end(archive_path, run_id, capture_status, end, probed, error=...)``.
"""

from __future__ import annotations

import difflib
import json
import os
import shlex
import shutil
import signal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from collector.archive import Archive, ArchiveError, RunMeta
from collector.elf import ElfError, build_id_from_elf
from collector.errors import ErrtrailError
from collector.follow import Level
from collector.hostinfo import file_mtime
from collector.runmeta import shell_join, with_host

R = TypeVar("R", bound="TraceRequest")


@dataclass(frozen=True)
class TraceRequest:
    """What to trace: FUNCTION and CONDITION (and VARIABLE) in PROGRAM ARGS, or in PID."""

    TOOL: ClassVar[str] = "gdb"

    function: str
    condition: str
    variable: str | None = None
    argv: tuple[str, ...] = ()
    pid: int | None = None
    label: str | None = None
    note: str | None = None
    follow_depth: int = 0   # --follow: levels traced below FUNCTION (0: none)

    def command(self) -> tuple[str, ...]:
        """The ``errtrail-collect TOOL`` command line that asks for this trace."""
        words = ["errtrail-collect", self.TOOL]
        if self.label is not None:
            words += ["--label", self.label]
        if self.note is not None:
            words += ["--note", self.note]
        if self.follow_depth:
            words += ["--follow", "--depth", str(self.follow_depth)]
        if self.pid is not None:
            words += ["-p", str(self.pid)]
        words += [self.function, self.condition]
        if self.variable is not None:
            words.append(self.variable)
        if self.argv:
            words += ["--", *self.argv]
        return tuple(words)

    @classmethod
    def usage(cls) -> str:
        return (
            f"usage: errtrail-collect {cls.TOOL} FUNCTION CONDITION [VARIABLE] -- PROGRAM"
            f" [ARGS...] or errtrail-collect {cls.TOOL} -p PID FUNCTION CONDITION [VARIABLE]"
        )


def looks_like_variable(word: str) -> bool:
    # whythefail's VARIABLE is a stap context expression: $name, $$vars, @var("x").
    return word.startswith(("$", "@"))


def split_request(
    cls: type[R],
    error: type[ErrtrailError],
    words: Sequence[str],
    pid: int | None = None,
    *,
    label: str | None = None,
    note: str | None = None,
    follow_depth: int = 0,
) -> R:
    """FUNCTION CONDITION [VARIABLE] [--] PROGRAM [ARGS...] into a ``cls`` request.

    Without ``--``, a third word is VARIABLE only if it looks like one (starts with
    ``$`` or ``@``, as stap context expressions do). Errors are ``error``.
    """
    usage = cls.usage()
    words = list(words)
    if words[:1] == ["--"]:
        words = words[1:]
    if len(words) < 2 or "--" in words[:2]:
        raise error(f"FUNCTION and CONDITION are both needed; {usage}")
    function, condition, rest = words[0], words[1], words[2:]
    variable: str | None = None
    if "--" in rest:
        i = rest.index("--")
        before, argv = rest[:i], rest[i + 1 :]
        if len(before) > 1:
            raise error(
                f"too many words before '--': {shlex.join(before)}; only VARIABLE may"
                f" come between CONDITION and '--'; {usage}"
            )
        variable = before[0] if before else None
    else:
        argv = rest
        if pid is not None and len(rest) == 1:
            variable, argv = rest[0], []
        elif rest and looks_like_variable(rest[0]):
            variable, argv = rest[0], rest[1:]
    if pid is not None and argv:
        raise error(
            f"-p {pid} attaches to a running process: give no PROGRAM ({shlex.join(argv)}); {usage}"
        )
    if pid is None and not argv:
        raise error(f"no PROGRAM to run (or -p PID to attach to); {usage}")
    if not function or not function.replace("_", "a").replace(":", "a").isalnum():
        raise error(f"FUNCTION {function!r} is not a function name; {usage}")
    if follow_depth < 0:
        raise error(f"--depth {follow_depth}: give how many levels to follow, 1 or more")
    return cls(function, condition, variable, tuple(argv), pid, label, note, follow_depth)


def resolve_program(name: str, path: str | None = None, *,
                    error: type[ErrtrailError] = ErrtrailError) -> str:
    """PROGRAM as an absolute path: a name with a ``/`` is a path, others are looked
    up on PATH as a shell would. Symlinks are kept (stap's process("...") too)."""
    if "/" in name:
        candidate = os.path.abspath(name)
        if not os.path.exists(candidate):
            raise error(f"program {name} not found ({candidate} does not exist)")
    else:
        found = shutil.which(name, path=path)
        if found is None:
            raise error(f"program {name!r} not found on PATH; give its path (e.g. ./{name})")
        candidate = os.path.abspath(found)
    if os.path.isdir(candidate):
        raise error(f"program {candidate} is a directory, not an executable")
    if not os.access(candidate, os.X_OK):
        raise error(f"program {candidate} is not executable: chmod +x it or check the path")
    return candidate


def program_of_pid(pid: int, *, error: type[ErrtrailError] = ErrtrailError) -> str:
    """The executable of a running process, for ``-p PID``."""
    try:
        return os.readlink(f"/proc/{pid}/exe")
    except FileNotFoundError:
        raise error(f"no process {pid}: check the PID (ps -p {pid})") from None
    except OSError as e:
        raise error(
            f"cannot read /proc/{pid}/exe: {e.strerror}; run as the process's owner or root"
        ) from e


def close_names(function: str, names: Sequence[str]) -> str:
    """``; close names: ...`` (or some of the file's functions) for an error message.

    >>> close_names("check_ar", ["main", "check_arg"])
    '; close names: check_arg'
    """
    close = difflib.get_close_matches(function, names, n=5, cutoff=0.6)
    if close:
        return "; close names: " + ", ".join(close)
    if names:
        shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
        return f"; its functions include: {shown}"
    return ""


def user_meta(request: TraceRequest, program: str, tool_version: str | None) -> RunMeta:
    """The run's metadata: target ``process("/abs/path")``, its build-id and when it was
    last modified (``target_mtime``, read now: at capture), the tracer's version."""
    try:
        build_id = build_id_from_elf(program)
    except ElfError:
        build_id = None
    meta = RunMeta(
        command=request.command(),
        tool=request.TOOL,
        # runs.origin allows run | import | gdb: a uprobe capture is a live run.
        origin="gdb" if request.TOOL == "gdb" else "run",
        target=f'process("{program}")',
        target_build_id=build_id,
        target_mtime=file_mtime(program),
        function=request.function,
        condition=request.condition,
        variable=request.variable,
        uses_c=request.pid is None,
        uses_x=request.pid is not None,
        traced_command=shell_join(request.argv) if request.argv else None,
        traced_pid=request.pid,
        tool_version=tool_version,
        label=request.label,
        note=request.note,
    )
    return with_host(meta)


@dataclass(frozen=True)
class Outcome:
    """How a run ended, for the archive and the command's exit status."""

    status: str
    reason: str
    exit_code: int
    exit_status: int | None
    exit_signal: int | None


def _signum(name: str | None) -> int | None:
    if not name:
        return None
    try:
        return int(signal.Signals[name])
    except KeyError:
        return None


def _failed(summary: Mapping[str, Any] | None, tracer: str, tool_status: int | None,
            tool_signal: int | None, interrupted: bool) -> Outcome:
    if tool_signal is not None:
        why = f"{tracer} was killed by signal {tool_signal} before the trace ended"
        code = 128 + tool_signal
    else:
        why = f"{tracer} exited with status {tool_status} before the trace ended"
        code = tool_status or 1
    if summary is not None and summary.get("message"):
        why = f"{tracer} could not trace: {summary['message']}"
        code = 1
    return Outcome("interrupted" if interrupted else "failed", why, code, None, None)


def outcome(
    summary: Mapping[str, Any] | None,
    function: str,
    tool_exit_status: int | None,
    tool_exit_signal: int | None,
    interrupted: bool = False,
    tracer: str = "gdb",
) -> Outcome:
    """Status, reason and exit code from the tracer's summary (None if the tracer died
    first). ``ended`` is ``exited`` (with ``exit_code``), ``killed`` (``signal``),
    ``gone`` (an attached process ended; its status is unknown) or ``interrupted``
    (``stopped_by``: the signal, SIGINT unless it says otherwise).

    >>> outcome({"ended": "exited", "exit_code": 3, "in_flight": 1}, "f", 0, None)
    Outcome(status='complete', reason='program exited with status 3; 1 call of f was in flight and is kept with $return: ?', exit_code=3, exit_status=3, exit_signal=None)
    >>> outcome({"ended": "killed", "signal": "SIGSEGV", "in_flight": 0}, "f", 0, None).reason
    'program killed by signal 11 (SIGSEGV)'
    >>> outcome({"ended": "interrupted", "in_flight": 2}, "f", 0, None).status
    'interrupted'
    >>> outcome(None, "f", None, 9)
    Outcome(status='failed', reason='gdb was killed by signal 9 before the trace ended', exit_code=137, exit_status=None, exit_signal=None)
    >>> outcome({"ended": "interrupted", "stopped_by": "SIGTERM", "detached": True}, "f", 0,
    ...         None, tracer="uprobe").reason
    'stopped by SIGTERM; detached from the program'
    >>> outcome({"ended": "gone"}, "f", 0, None, tracer="uprobe").reason
    'the program ended (its exit status is not known to uprobes)'
    >>> outcome({"ended": "exited", "exit_code": 0, "too_deep": 37}, "f", 0, None).reason
    'program exited with status 0; 37 calls of f nested deeper than the kernel reports returns were kept with $return: ?'
    """  # noqa: E501
    if summary is None or summary.get("ended") == "error":
        return _failed(summary, tracer, tool_exit_status, tool_exit_signal, interrupted)
    ended = summary.get("ended")
    exit_status: int | None = None
    exit_signal: int | None = None
    status = "complete"
    if ended == "exited":
        exit_status = int(summary["exit_code"])
        reason = f"program exited with status {exit_status}"
        code = exit_status
    elif ended == "killed":
        exit_signal = _signum(summary.get("signal"))
        name = summary.get("signal") or "a signal"
        reason = (
            f"program killed by signal {exit_signal} ({name})"
            if exit_signal
            else f"program killed by {name}"
        )
        code = 128 + (exit_signal or 0)
    elif ended == "gone":
        reason = f"the program ended (its exit status is not known to {tracer}s)"
        code = 0
    else:
        how = "detached from the program" if summary.get("detached") else "program killed"
        stopped_by = str(summary.get("stopped_by") or "SIGINT")
        reason = f"stopped by {stopped_by}; {how}"
        code = 128 + (_signum(stopped_by) or int(signal.SIGINT))
        status = "interrupted"
    if interrupted:
        status = "interrupted"
    return Outcome(status, reason + _kept(summary, function), code, exit_status, exit_signal)


def _kept(summary: Mapping[str, Any], function: str) -> str:
    out = ""
    n = int(summary.get("in_flight") or 0)
    if n:
        calls, was, kept = ("call", "was", "is") if n == 1 else ("calls", "were", "are")
        out += f"; {n} {calls} of {function} {was} in flight and {kept} kept with $return: ?"
    deep = int(summary.get("too_deep") or 0)
    if deep:
        calls, were = ("call", "was") if deep == 1 else ("calls", "were")
        out += (f"; {deep} {calls} of {function} nested deeper than the kernel reports"
                f" returns {were} kept with $return: ?")
    lost = int(summary.get("lost_returns") or 0)
    if lost:
        out += f"; {lost} calls left {function} without a return (longjmp?) and were dropped"
    return out


@dataclass(frozen=True)
class TraceRunResult:
    run_id: int | None
    outcome: Outcome
    spill_path: Path | None
    summary: Mapping[str, Any] = field(default_factory=dict)
    levels: tuple[Level, ...] = ()             # following: the runs below FUNCTION
    not_followed: Mapping[str, str] = field(default_factory=dict)  # callee -> why not

    @property
    def exit_code(self) -> int:
        return self.outcome.exit_code


def read_json(path: str) -> dict[str, Any] | None:
    """A JSON object the tracer wrote, or ``None`` (it died before writing it)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def probed_lines_of(probes: Mapping[str, Any] | None) -> list[tuple[str, int]] | None:
    """The tracer's ``probed_lines`` as pairs; ``None`` when it wrote none (it failed
    before placing its probes) or wrote something else.

    >>> probed_lines_of({"probed_lines": [["/s/a.c", 7]]})
    [('/s/a.c', 7)]
    >>> probed_lines_of({"probed_lines": "x"}) is None
    True
    """
    if probes is None or not isinstance(probes.get("probed_lines"), list):
        return None
    try:
        return [(str(f), int(n)) for f, n in probes["probed_lines"]]
    except (TypeError, ValueError):
        return None


def record_end(
    archive_path: Path,
    run_id: int,
    capture_status: str,
    end: Outcome,
    probed: Sequence[tuple[str, int]] | None,
    *,
    error: type[ErrtrailError] = ErrtrailError,
) -> None:
    """How the run ended, then its probed lines (``None``: the tracer gave none)."""
    try:
        with Archive.open(archive_path) as archive:
            archive.finish_run(
                run_id,
                end.status,
                reason=end.reason,
                exit_status=end.exit_status,
                exit_signal=end.exit_signal,
            )
            if probed is not None:
                archive.record_probed_lines(run_id, probed)
    except (ArchiveError, ValueError) as e:
        raise error(
            f"the trace is archived as run {run_id} but its end or its probed lines could"
            f" not be recorded ({e}); its status may read {capture_status}"
        ) from e
