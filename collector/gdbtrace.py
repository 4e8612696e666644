"""``errtrail-collect gdb``: whythefail-compatible traces of user-space programs, made by gdb.

This module owns the errtrail side of the gdb backend: checking the request before
anything runs, building the gdb command, the run's metadata, running it through
``collector.capture`` and recording how it ended. The tracing itself is
``collector/gdb_tracer.py``, a script gdb runs in its embedded Python.

Others call:

- ``split_words(words, pid)``: FUNCTION CONDITION [VARIABLE] [--] PROGRAM [ARGS...]
  as typed after ``errtrail-collect gdb``, into a ``GdbRequest``.
- ``run_gdb_trace(request, archive_path=...)``: check, capture, archive; returns a
  ``GdbRunResult`` (whose ``exit_code`` is what the command exits with).
- Pieces, for tests and tools: ``find_gdb``, ``resolve_program``, ``check_target``,
  ``gdb_argv``, ``gdb_meta``, ``outcome``.

Every check that can fail does so before a run is recorded, with ``GdbTraceError``
saying what to do: no gdb, no such program, no debug info, no such FUNCTION (with
close names), a CONDITION that does not parse (with where).

PROGRAM's arguments reach it byte for byte (blanks, quotes, ``$``, ``*``, backslashes,
newlines, empty words, bytes that are not UTF-8): gdb escapes the words after
``--args`` for a POSIX shell and the tracer has gdb start the program through
``/bin/sh``, the one shell that escaping is for (see ``collector/gdb_tracer.py``). The
run's ``command`` is the words as typed; ``traced_command`` is PROGRAM ARGS quoted for
a shell (``collector.runmeta.shell_join``).

The statement lines the tracer put a breakpoint on are recorded with the run
(``Archive.record_probed_lines``, read back by ``Run.probed_lines()``).

Streams of a gdb run: the trace (what stap would print on stdout) is ``stdout``;
gdb's and the tracer's own messages are ``stderr``; the program's output is
``program_stdout`` and ``program_stderr``. The tracer writes the trace to fd 3 and
its messages to fd 4; the program keeps fds 1 and 2.

How a run ends (``status`` / ``status_reason``): the program exiting, even with a
failure status or by a signal, is a ``complete`` trace of it; Ctrl-C is
``interrupted``; gdb failing to trace is ``failed``. ``exit_status``/``exit_signal``
are the program's, and the command exits with the program's status (128+N for a
signal N, 130 after Ctrl-C), like ``errtrail-collect run`` does with stap's. Calls
of FUNCTION still in flight at the end are kept, printed with ``$return: ?``, and
the reason says how many.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from collector.archive import Archive, ArchiveError, RunMeta
from collector.capture import run_capture
from collector.condition import ConditionError, parse_condition
from collector.elf import ElfError, build_id_from_elf
from collector.errors import ErrtrailError
from collector.follow import FollowRecord, Level, read_records, store_levels
from collector.hostinfo import file_mtime, tool_version
from collector.runmeta import shell_join, with_host

TRACE_FD = 3
MESSAGE_FD = 4
# gdb's own output ("Program stopped.", "[Inferior 1 (process N) exited normally]",
# libthread_db notices): archived with the tracer's messages, never shown live.
CHATTER_FD = 5
GDB_STREAMS: Mapping[int, str] = {
    1: "program_stdout",
    2: "program_stderr",
    TRACE_FD: "stdout",
    MESSAGE_FD: "stderr",
    CHATTER_FD: "stderr",
}
CONFIG_ENV = "ERRTRAIL_GDB_TRACER"
# --follow without --depth: levels traced below FUNCTION (the seed article's failure
# was three calls deep; each level costs breakpoints on every statement of its callees).
FOLLOW_DEPTH = 4
CHECK_MARK = "ERRTRAIL-CHECK "
CHECK_TIMEOUT = 120.0
USAGE = (
    "usage: errtrail-collect gdb FUNCTION CONDITION [VARIABLE] -- PROGRAM [ARGS...]"
    " or errtrail-collect gdb -p PID FUNCTION CONDITION [VARIABLE]"
)


class GdbTraceError(ErrtrailError):
    """The gdb trace cannot be started; the message says why and what to do."""


@dataclass(frozen=True)
class GdbRequest:
    """What to trace: FUNCTION and CONDITION (and VARIABLE) in PROGRAM ARGS, or in PID."""

    function: str
    condition: str
    variable: str | None = None
    argv: tuple[str, ...] = ()
    pid: int | None = None
    label: str | None = None
    note: str | None = None
    follow_depth: int = 0   # --follow: levels traced below FUNCTION (0: none)

    def command(self) -> tuple[str, ...]:
        """The ``errtrail-collect gdb`` command line that asks for this trace.

        >>> GdbRequest("f", "$return < 0", None, ("./p", "x")).command()
        ('errtrail-collect', 'gdb', 'f', '$return < 0', '--', './p', 'x')
        >>> GdbRequest("f", "1", "$err", pid=42, label="t").command()
        ('errtrail-collect', 'gdb', '--label', 't', '-p', '42', 'f', '1', '$err')
        >>> GdbRequest("f", "1", None, ("./p",), follow_depth=4).command()[2:5]
        ('--follow', '--depth', '4')
        """
        words = ["errtrail-collect", "gdb"]
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


def _looks_like_variable(word: str) -> bool:
    # whythefail's VARIABLE is a stap context expression: $name, $$vars, @var("x").
    return word.startswith(("$", "@"))


def split_words(
    words: Sequence[str],
    pid: int | None = None,
    *,
    label: str | None = None,
    note: str | None = None,
    follow_depth: int = 0,
) -> GdbRequest:
    """FUNCTION CONDITION [VARIABLE] [--] PROGRAM [ARGS...] into a request.

    Without ``--``, a third word is VARIABLE only if it looks like one (starts with
    ``$`` or ``@``, as stap context expressions do).

    >>> split_words(["f", "$return < 0", "--", "./p", "-v"])
    GdbRequest(function='f', condition='$return < 0', variable=None, argv=('./p', '-v'), pid=None, label=None, note=None, follow_depth=0)
    >>> split_words(["f", "1", "$err", "./p"]).variable
    '$err'
    >>> split_words(["f", "1", "$err"], pid=7).pid
    7
    >>> split_words(["f"])
    Traceback (most recent call last):
    ...
    collector.gdbtrace.GdbTraceError: FUNCTION and CONDITION are both needed; usage: errtrail-collect gdb FUNCTION CONDITION [VARIABLE] -- PROGRAM [ARGS...] or errtrail-collect gdb -p PID FUNCTION CONDITION [VARIABLE]
    """  # noqa: E501
    words = list(words)
    if words[:1] == ["--"]:
        words = words[1:]
    if len(words) < 2 or "--" in words[:2]:
        raise GdbTraceError(f"FUNCTION and CONDITION are both needed; {USAGE}")
    function, condition, rest = words[0], words[1], words[2:]
    variable: str | None = None
    if "--" in rest:
        i = rest.index("--")
        before, argv = rest[:i], rest[i + 1 :]
        if len(before) > 1:
            raise GdbTraceError(
                f"too many words before '--': {shlex.join(before)}; only VARIABLE may"
                f" come between CONDITION and '--'; {USAGE}"
            )
        variable = before[0] if before else None
    else:
        argv = rest
        if pid is not None and len(rest) == 1:
            variable, argv = rest[0], []
        elif rest and _looks_like_variable(rest[0]):
            variable, argv = rest[0], rest[1:]
    if pid is not None and argv:
        raise GdbTraceError(
            f"-p {pid} attaches to a running process: give no PROGRAM ({shlex.join(argv)}); {USAGE}"
        )
    if pid is None and not argv:
        raise GdbTraceError(f"no PROGRAM to run (or -p PID to attach to); {USAGE}")
    if not function or not function.replace("_", "a").replace(":", "a").isalnum():
        raise GdbTraceError(
            f"FUNCTION {function!r} is not a function name; {USAGE}"
        )
    if follow_depth < 0:
        raise GdbTraceError(f"--depth {follow_depth}: give how many levels to follow, 1 or more")
    return GdbRequest(function, condition, variable, tuple(argv), pid, label, note, follow_depth)


def find_gdb(path: str | None = None) -> str:
    """gdb on PATH (or ``path``), else ``GdbTraceError``."""
    found = shutil.which("gdb", path=path)
    if found is None:
        raise GdbTraceError(
            "gdb not found on PATH: install it (Debian/Ubuntu: apt-get install gdb;"
            " Fedora: dnf install gdb) and try again"
        )
    return found


def tracer_script() -> Path:
    """The script gdb runs (shipped inside the collector package)."""
    return Path(__file__).resolve().with_name("gdb_tracer.py")


def condition_module() -> Path:
    return Path(__file__).resolve().with_name("condition.py")


def resolve_program(name: str, path: str | None = None) -> str:
    """PROGRAM as an absolute path: a name with a ``/`` is a path, others are looked
    up on PATH as a shell would. Symlinks are kept (stap's process("...") too)."""
    if "/" in name:
        candidate = os.path.abspath(name)
        if not os.path.exists(candidate):
            raise GdbTraceError(f"program {name} not found ({candidate} does not exist)")
    else:
        found = shutil.which(name, path=path)
        if found is None:
            raise GdbTraceError(
                f"program {name!r} not found on PATH; give its path (e.g. ./{name})"
            )
        candidate = os.path.abspath(found)
    if os.path.isdir(candidate):
        raise GdbTraceError(f"program {candidate} is a directory, not an executable")
    if not os.access(candidate, os.X_OK):
        raise GdbTraceError(f"program {candidate} is not executable: chmod +x it or check the path")
    return candidate


def program_of_pid(pid: int) -> str:
    """The executable of a running process, for ``-p PID``."""
    try:
        return os.readlink(f"/proc/{pid}/exe")
    except FileNotFoundError:
        raise GdbTraceError(f"no process {pid}: check the PID (ps -p {pid})") from None
    except OSError as e:
        raise GdbTraceError(
            f"cannot read /proc/{pid}/exe: {e.strerror}; run as the process's owner or root"
        ) from e


@dataclass(frozen=True)
class CheckResult:
    """What gdb found about FUNCTION before tracing."""

    file: str
    line: int
    returns: str
    void: bool


def tracer_config(
    request: GdbRequest,
    program: str,
    mode: str,
    status_path: str | None = None,
    probes_path: str | None = None,
    follow_path: str | None = None,
) -> dict[str, Any]:
    """The tracer's settings. It writes how the run ended to ``status_path`` and, once
    its breakpoints are placed, ``{"probed_lines": [[file, line], ...]}`` to
    ``probes_path``; following, the callee calls below each failing call are appended
    to ``follow_path`` (``collector.follow``)."""
    return {
        "mode": mode,
        "function": request.function,
        "condition": request.condition,
        "variable": request.variable,
        "program": program,
        "pid": request.pid,
        "trace_fd": TRACE_FD,
        "message_fd": MESSAGE_FD,
        "chatter_fd": CHATTER_FD,
        "status_path": status_path,
        "probes_path": probes_path,
        "follow_depth": request.follow_depth,
        "follow_path": follow_path,
        "condition_module": str(condition_module()),
    }


def gdb_argv(gdb: str, program: str, request: GdbRequest) -> list[str]:
    """The gdb command line (the tracer's settings travel in ``$ERRTRAIL_GDB_TRACER``).

    >>> gdb_argv("/usr/bin/gdb", "/bin/p", GdbRequest("f", "1", None, ("p", "a b")))[-3:]
    ['--args', '/bin/p', 'a b']
    """
    argv = [
        gdb,
        "-q",
        "-batch",
        "-nx",
        # Before the program's symbols load: no network look-ups, no prompt.
        "-iex",
        "set debuginfod enabled off",
        "-x",
        str(tracer_script()),
    ]
    if request.pid is not None:
        return [*argv, program]
    return [*argv, "--args", program, *request.argv[1:]]


def _close_names(function: str, names: Sequence[str]) -> str:
    close = difflib.get_close_matches(function, names, n=5, cutoff=0.6)
    if close:
        return "; close names: " + ", ".join(close)
    if names:
        shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
        return f"; its functions include: {shown}"
    return ""


def check_target(
    gdb: str, program: str, request: GdbRequest, timeout: float = CHECK_TIMEOUT
) -> CheckResult:
    """Ask gdb (tracer in check mode) whether PROGRAM has debug info and FUNCTION."""
    env = dict(os.environ)
    env[CONFIG_ENV] = json.dumps(tracer_config(request, program, "check"))
    argv = gdb_argv(gdb, program, request)
    if request.pid is None:
        argv = [*argv[: argv.index("--args")], program]
    try:
        proc = subprocess.run(
            argv,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GdbTraceError(
            f"gdb took more than {timeout:.0f} s to read {program}; is it very large?"
        ) from None
    except OSError as e:
        raise GdbTraceError(f"cannot run {gdb}: {e.strerror}") from e
    result: dict[str, Any] | None = None
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith(CHECK_MARK):
            result = json.loads(line[len(CHECK_MARK) :])
    if result is None:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise GdbTraceError(
            f"gdb could not read {program} (exit status {proc.returncode}): "
            + (" / ".join(tail) or "no message")
        )
    if result.get("ok"):
        if result.get("void") and "$return" in request.condition:
            raise GdbTraceError(
                f"function {request.function} returns void: CONDITION"
                f" {request.condition!r} cannot test $return; use a condition like '1'"
            )
        return CheckResult(
            str(result["file"]), int(result["line"]), str(result["returns"]), bool(result["void"])
        )
    error = result.get("error")
    if error == "attach":
        hint = ""
        with contextlib.suppress(OSError):
            if Path("/proc/sys/kernel/yama/ptrace_scope").read_text().strip() != "0":
                hint = " (kernel.yama.ptrace_scope forbids attaching to non-children: run as root)"
        raise GdbTraceError(
            f"gdb cannot attach to process {request.pid}: {result.get('message')}{hint}"
        )
    if error == "no_debug_info":
        raise GdbTraceError(
            f"{program} has no debug info (stripped, or built without -g): compile it with -g"
            " (gcc -g, or CFLAGS=-g) or install its debug symbols, then try again"
        )
    if error == "function_without_debug_info":
        raise GdbTraceError(
            f"function {request.function!r} is in {program} but has no debug info (its source"
            " file was compiled without -g): rebuild that file with -g and try again"
        )
    names = [str(n) for n in result.get("functions", [])]
    close = _close_names(request.function, names)
    raise GdbTraceError(f"function {request.function!r} not found in {program}{close}")


def gdb_meta(request: GdbRequest, program: str, gdb: str) -> RunMeta:
    """The run's metadata: target ``process("/abs/path")``, its build-id and when it was
    last modified (``target_mtime``, read now: at capture), gdb's version."""
    try:
        build_id = build_id_from_elf(program)
    except ElfError:
        build_id = None
    meta = RunMeta(
        command=request.command(),
        tool="gdb",
        origin="gdb",
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
        tool_version=tool_version(gdb, "--version"),
        label=request.label,
        note=request.note,
    )
    return with_host(meta)


@dataclass(frozen=True)
class Outcome:
    """How a gdb run ended, for the archive and the command's exit status."""

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


def outcome(
    summary: Mapping[str, Any] | None,
    function: str,
    gdb_exit_status: int | None,
    gdb_exit_signal: int | None,
    interrupted: bool = False,
) -> Outcome:
    """Status, reason and exit code from the tracer's summary (None if gdb died first).

    >>> outcome({"ended": "exited", "exit_code": 3, "in_flight": 1}, "f", 0, None)
    Outcome(status='complete', reason='program exited with status 3; 1 call of f was in flight and is kept with $return: ?', exit_code=3, exit_status=3, exit_signal=None)
    >>> outcome({"ended": "killed", "signal": "SIGSEGV", "in_flight": 0}, "f", 0, None).reason
    'program killed by signal 11 (SIGSEGV)'
    >>> outcome({"ended": "interrupted", "in_flight": 2}, "f", 0, None).status
    'interrupted'
    >>> outcome(None, "f", None, 9)
    Outcome(status='failed', reason='gdb was killed by signal 9 before the trace ended', exit_code=137, exit_status=None, exit_signal=None)
    """  # noqa: E501
    if summary is None or summary.get("ended") == "error":
        if gdb_exit_signal is not None:
            why = f"gdb was killed by signal {gdb_exit_signal} before the trace ended"
            code = 128 + gdb_exit_signal
        else:
            why = f"gdb exited with status {gdb_exit_status} before the trace ended"
            code = gdb_exit_status or 1
        if summary is not None and summary.get("message"):
            why = f"gdb could not trace: {summary['message']}"
            code = 1
        return Outcome("interrupted" if interrupted else "failed", why, code, None, None)
    ended = summary.get("ended")
    exit_status: int | None = None
    exit_signal: int | None = None
    if ended == "exited":
        exit_status = int(summary["exit_code"])
        reason = f"program exited with status {exit_status}"
        code = exit_status
        status = "complete"
    elif ended == "killed":
        exit_signal = _signum(summary.get("signal"))
        name = summary.get("signal") or "a signal"
        reason = (
            f"program killed by signal {exit_signal} ({name})"
            if exit_signal
            else f"program killed by {name}"
        )
        code = 128 + (exit_signal or 0)
        status = "complete"
    else:
        how = "detached from the program" if summary.get("detached") else "program killed"
        reason = f"stopped by SIGINT; {how}"
        code = 128 + int(signal.SIGINT)
        status = "interrupted"
    if interrupted:
        status = "interrupted"
    n = int(summary.get("in_flight") or 0)
    if n:
        calls, was, kept = ("call", "was", "is") if n == 1 else ("calls", "were", "are")
        reason += f"; {n} {calls} of {function} {was} in flight and {kept} kept with $return: ?"
    lost = int(summary.get("lost_returns") or 0)
    if lost:
        reason += f"; {lost} calls left {function} without a return (longjmp?) and were dropped"
    return Outcome(status, reason, code, exit_status, exit_signal)


@dataclass(frozen=True)
class GdbRunResult:
    run_id: int | None
    outcome: Outcome
    spill_path: Path | None
    summary: Mapping[str, Any] = field(default_factory=dict)
    levels: tuple[Level, ...] = ()             # following: the runs below FUNCTION
    not_followed: Mapping[str, str] = field(default_factory=dict)  # callee -> why not

    @property
    def exit_code(self) -> int:
        return self.outcome.exit_code


def prepare(request: GdbRequest, gdb_path: str | None = None) -> tuple[str, str, CheckResult]:
    """Every check before a run is recorded: (gdb, program, what gdb found)."""
    try:
        parse_condition(request.condition)
    except ConditionError as e:
        raise GdbTraceError(str(e)) from None
    gdb = gdb_path or find_gdb()
    if request.pid is not None:
        program = program_of_pid(request.pid)
    else:
        program = resolve_program(request.argv[0])
    return gdb, program, check_target(gdb, program, request)


def run_gdb_trace(
    request: GdbRequest, *, archive_path: Path, gdb_path: str | None = None
) -> GdbRunResult:
    """Check, then run gdb through ``collector.capture``, then record how it ended,
    which statement lines had a probe and, following, the levels below FUNCTION."""
    gdb, program, _ = prepare(request, gdb_path)
    meta = gdb_meta(request, program, gdb)
    # The tracer writes its reports here; the directory goes away with them.
    with tempfile.TemporaryDirectory(prefix="errtrail-gdb-") as side:
        status_path = os.path.join(side, "status.json")
        probes_path = os.path.join(side, "probes.json")
        follow_path = os.path.join(side, "follow.jsonl") if request.follow_depth else None
        config = tracer_config(request, program, "trace", status_path, probes_path,
                               follow_path)
        env = dict(os.environ)
        env[CONFIG_ENV] = json.dumps(config)
        result = run_capture(
            gdb_argv(gdb, program, request),
            archive_path=archive_path,
            meta=meta,
            streams=GDB_STREAMS,
            env=env,
            quiet=frozenset({CHATTER_FD}),
        )
        summary = _read_json(status_path)
        probes = _read_json(probes_path)
        records = read_records(Path(follow_path)) if follow_path else []
    end = outcome(
        summary,
        request.function,
        result.exit_status,
        result.exit_signal,
        interrupted=result.status == "interrupted",
    )
    levels: list[Level] = []
    if result.run_id is not None and result.spill_path is None:
        _record_end(archive_path, result.run_id, result.status, end, _probed_lines(probes))
        if request.follow_depth:
            levels = _store_follow(archive_path, result.run_id, meta, records, end,
                                   summary or {})
    return GdbRunResult(result.run_id, end, result.spill_path, summary or {}, tuple(levels),
                        dict(((summary or {}).get("follow") or {}).get("not_followed") or {}))


def _store_follow(archive_path: Path, run_id: int, meta: RunMeta,
                  records: Sequence[FollowRecord], end: Outcome,
                  summary: Mapping[str, Any]) -> list[Level]:
    """The callee calls caught below the failing calls, one run per callee."""
    follow = summary.get("follow") if isinstance(summary.get("follow"), dict) else None
    info = follow.get("functions") if follow else None
    if not isinstance(info, dict):
        info = {}
    status = end.status if end.status in ("complete", "interrupted") else "interrupted"
    try:
        with Archive.open(archive_path) as archive:
            return store_levels(archive, run_id, meta, records, info,
                                (status, archive.clock()))
    except (ArchiveError, ValueError) as e:
        raise GdbTraceError(
            f"the trace is archived as run {run_id} but the levels below"
            f" {meta.function} could not be stored ({e}); the run itself is complete"
        ) from e


def _read_json(path: str) -> dict[str, Any] | None:
    """A JSON object the tracer wrote, or ``None`` (gdb died before writing it)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _probed_lines(probes: Mapping[str, Any] | None) -> list[tuple[str, int]] | None:
    """The tracer's ``probed_lines`` as pairs; ``None`` when it wrote none (it failed
    before placing its breakpoints) or wrote something else."""
    if probes is None or not isinstance(probes.get("probed_lines"), list):
        return None
    try:
        return [(str(f), int(n)) for f, n in probes["probed_lines"]]
    except (TypeError, ValueError):
        return None


def _record_end(
    archive_path: Path,
    run_id: int,
    capture_status: str,
    end: Outcome,
    probed: Sequence[tuple[str, int]] | None,
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
        raise GdbTraceError(
            f"the trace is archived as run {run_id} but its end or its probed lines could"
            f" not be recorded ({e}); its status may read {capture_status}"
        ) from e
