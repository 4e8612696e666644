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

What does not depend on gdb (the request, PROGRAM and PID checks, the metadata, how a
run ended, the records made at its end) is ``collector.backend``'s, shared with the
uprobe backend (``collector.uprobe``).

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
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from collector import backend
from collector.archive import Archive, ArchiveError, RunMeta
from collector.backend import Outcome, TraceRequest, outcome
from collector.capture import run_capture
from collector.condition import ConditionError, parse_condition
from collector.errors import ErrtrailError
from collector.follow import FollowRecord, Level, read_records, store_levels
from collector.hostinfo import tool_version

__all__ = [
    "FOLLOW_DEPTH", "CheckResult", "GdbRequest", "GdbRunResult", "GdbTraceError", "Outcome",
    "check_target", "find_gdb", "gdb_argv", "gdb_meta", "outcome", "prepare",
    "program_of_pid", "resolve_program", "run_gdb_trace", "split_words",
]

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


class GdbTraceError(ErrtrailError):
    """The gdb trace cannot be started; the message says why and what to do."""


@dataclass(frozen=True)
class GdbRequest(TraceRequest):
    """What to trace: FUNCTION and CONDITION (and VARIABLE) in PROGRAM ARGS, or in PID.

    >>> GdbRequest("f", "$return < 0", None, ("./p", "x")).command()
    ('errtrail-collect', 'gdb', 'f', '$return < 0', '--', './p', 'x')
    >>> GdbRequest("f", "1", "$err", pid=42, label="t").command()
    ('errtrail-collect', 'gdb', '--label', 't', '-p', '42', 'f', '1', '$err')
    >>> GdbRequest("f", "1", None, ("./p",), follow_depth=4).command()[2:5]
    ('--follow', '--depth', '4')
    """

    TOOL = "gdb"


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
    return backend.split_request(GdbRequest, GdbTraceError, words, pid, label=label,
                                 note=note, follow_depth=follow_depth)


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
    """PROGRAM as an absolute path (``collector.backend.resolve_program``)."""
    return backend.resolve_program(name, path, error=GdbTraceError)


def program_of_pid(pid: int) -> str:
    """The executable of a running process, for ``-p PID``."""
    return backend.program_of_pid(pid, error=GdbTraceError)


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
    close = backend.close_names(request.function, names)
    raise GdbTraceError(f"function {request.function!r} not found in {program}{close}")


def gdb_meta(request: GdbRequest, program: str, gdb: str) -> RunMeta:
    """The run's metadata (``collector.backend.user_meta``) with gdb's version."""
    return backend.user_meta(request, program, tool_version(gdb, "--version"))


GdbRunResult = backend.TraceRunResult


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
        summary = backend.read_json(status_path)
        probes = backend.read_json(probes_path)
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
        backend.record_end(archive_path, result.run_id, result.status, end,
                           backend.probed_lines_of(probes), error=GdbTraceError)
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
