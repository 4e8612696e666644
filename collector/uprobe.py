"""``errtrail-collect uprobe``: whythefail-compatible traces of user-space programs, made
with Linux uprobes (probes placed through tracefs, variables located by ``perf probe``).

This module owns the errtrail side of the uprobe backend: checking the request before
anything runs, the plan of probes, the run's metadata, running the tracer through
``collector.capture`` and recording how it ended. The tracing itself is
``collector/uprobe_tracer.py`` (a process of its own, which owns the probes), helped by
``uprobe_dwarf`` (statement lines and variables in scope), ``uprobe_sites`` (perf's
variable locations, the probe definitions), ``uprobe_probes`` (the events of a run),
``uprobe_tracefs``, ``uprobe_ring`` (the ring buffer's pages) and ``uprobe_calls``
(speculation per thread and frame).

Others call:

- ``split_words(words, pid, library=...)``: FUNCTION CONDITION [VARIABLE] [--] PROGRAM
  [ARGS...] as typed after ``errtrail-collect uprobe``, into an ``UprobeRequest``.
- ``run_uprobe_trace(request, archive_path=...)``: check, capture, archive; returns a
  ``TraceRunResult`` (whose ``exit_code`` is what the command exits with), as
  ``collector.gdbtrace.run_gdb_trace`` does.
- Pieces: ``prepare`` (every check; the plan), ``resolve_library``, ``uprobe_meta``.

The trace, its statistics, the ``$$vars`` order and value formatting, the metadata
(``tool`` is ``uprobe``, ``origin`` ``run``), the streams (trace ``stdout``, the
tracer's messages ``stderr``, the program's ``program_stdout``/``program_stderr``),
the probed lines (``Archive.record_probed_lines``) and how a run ends are the gdb
backend's (``collector.backend``), so parsing, diagnosis and reports read both alike.
Where they differ (tests/test_uprobe.py holds both to the same traces otherwise):

- Values. gdb starts a program without address randomisation and with ``LINES`` and
  ``COLUMNS`` set; this backend runs it as it is, so addresses, and stack slots read
  before they are written (the opening line, before the prologue), differ. Started
  the way gdb does (``setarch -R``, FUNCTION's file given with ``-x``), the traces
  are the same byte for byte. In optimised code, a value DWARF describes as an entry
  value or in pieces prints ``?`` here (gdb may compute it); a register plus an
  offset and constants are read as gdb reads them (``uprobe_dwarf.read_as``).
- ``-p PID``: the program's exit status is known only when it called
  ``exit_group(2)`` (no ptrace); otherwise the run ends "the program ended".
- The pretty VARIABLE (``$x$``) prints integers, pointers and strings, not structs.
- The kernel follows at most 64 nested returns per thread (uretprobes): in deeper
  recursion the innermost calls are dropped (``lost_returns``) instead of printed.
- Lines whose probe the kernel refuses (uprobes cannot step over a lock-prefixed
  instruction) are reported as stap reports registration failures; gdb can stop
  there.
- Threads and children a program starts are followed (the instance's pid filter
  with ``event-fork``); uprobes placed through tracefs trap in every process that
  runs the probed file, only the traced process's events are recorded.
- No ``--follow``.

Why tracefs and ``trace_pipe_raw`` rather than ``perf record``: measured with
``benches/bench_uprobe.py --transports`` (kernel 6.18, 2 CPUs shared with other work,
loop_error.c, 20,000 calls, 440,029 events, none lost by any), two runs: the program
ran 5.5 / 6.3 s with the ring-buffer pages read and decoded here (reader 0.45 / 0.57 s
of CPU), 7.5 / 5.5 s with the text of ``trace_pipe`` split into fields (2.3 / 2.8 s),
8.4 / 6.6 s under ``perf record -o - | perf script`` (perf and perf script 1.2 to
2.2 s). The raw pages cost the reader a fifth of the others' CPU, which on a busy box
is CPU taken from the traced program. What perf record would give that tracefs does
not: its uprobes trap only in the traced process; through tracefs every process that
runs the probed file traps (and its events are dropped by the instance's pid filter).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from collector import backend
from collector.archive import RunMeta
from collector.backend import TraceRequest, TraceRunResult, outcome
from collector.capture import run_capture
from collector.condition import ConditionError, parse_condition
from collector.hostinfo import tool_version
from collector.uprobe_dwarf import (
    DwarfError,
    ElfImage,
    FunctionInfo,
    FunctionNotFound,
    FunctionWithoutDebugInfo,
    NoDebugInfo,
    load_function,
)
from collector.uprobe_sites import Plan, find_perf, make_plan
from collector.uprobe_tracefs import (
    UprobeTraceError,
    check_privileges,
    check_uprobe_events,
    find_tracefs,
)
from collector.uprobe_tracer import CONFIG_ENV

__all__ = [
    "Prepared", "UprobeRequest", "UprobeTraceError", "prepare", "resolve_library",
    "run_uprobe_trace", "split_words", "uprobe_meta",
]

TRACE_FD = 3
MESSAGE_FD = 4
UPROBE_STREAMS: Mapping[int, str] = {
    1: "program_stdout",
    2: "program_stderr",
    TRACE_FD: "stdout",
    MESSAGE_FD: "stderr",
}
LDD_TIMEOUT = 30.0


@dataclass(frozen=True)
class UprobeRequest(TraceRequest):
    """What to trace (``TraceRequest``), and the shared library FUNCTION is in.

    >>> UprobeRequest("f", "$return < 0", None, ("./p",), library="libz.so").command()
    ('errtrail-collect', 'uprobe', '-x', 'libz.so', 'f', '$return < 0', '--', './p')
    """

    TOOL = "uprobe"
    library: str | None = None

    def command(self) -> tuple[str, ...]:
        words = list(super().command())
        if self.library is not None:
            at = words.index("-p") if "-p" in words else words.index(self.function)
            words[at:at] = ["-x", self.library]
        return tuple(words)


def split_words(words: Sequence[str], pid: int | None = None, *, label: str | None = None,
                note: str | None = None, library: str | None = None) -> UprobeRequest:
    """FUNCTION CONDITION [VARIABLE] [--] PROGRAM [ARGS...] into a request, as
    ``errtrail-collect gdb`` reads them (``collector.backend.split_request``).

    >>> split_words(["f", "$return == -22", "$err", "--", "./p", "a b"]).argv
    ('./p', 'a b')
    >>> split_words(["f", "1"], 7, library="libc.so.6").library
    'libc.so.6'
    """
    request = backend.split_request(UprobeRequest, UprobeTraceError, words, pid, label=label,
                                    note=note)
    return replace(request, library=library) if library is not None else request


def _library_matches(wanted: str, path: str) -> bool:
    """``libfoo.so`` names ``/usr/lib/libfoo.so.1.2`` (and ``libfoo`` does too).

    >>> _library_matches("libz.so", "/usr/lib/x86_64-linux-gnu/libz.so.1.2.13")
    True
    >>> _library_matches("libz.so", "/usr/lib/libzstd.so.1")
    False
    """
    base = os.path.basename(path)
    return base == wanted or base.startswith(wanted + ".") or \
        (not wanted.endswith(".so") and base.startswith(wanted + ".so"))


def _mapped_files(pid: int) -> list[str]:
    try:
        text = Path(f"/proc/{pid}/maps").read_text()
    except OSError as e:
        raise UprobeTraceError(f"cannot read /proc/{pid}/maps: {e.strerror}; run as root") from e
    out: list[str] = []
    for line in text.splitlines():
        parts = line.split(None, 5)
        if len(parts) == 6 and parts[5].startswith("/") and parts[5] not in out:
            out.append(parts[5].removesuffix(" (deleted)"))
    return out


def _ldd_files(program: str) -> list[str]:
    try:
        proc = subprocess.run(["ldd", program], capture_output=True, text=True,
                              timeout=LDD_TIMEOUT, check=False, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise UprobeTraceError(f"cannot run ldd {program} ({e}): give the library's path"
                               " with -x") from e
    return re.findall(r"(?:=>\s*)?(/\S+)\s+\(0x", proc.stdout)


def resolve_library(name: str, program: str, pid: int | None) -> str:
    """``-x LIB`` as a path: itself when it has a ``/``, else the library of that name
    the process maps (``-p PID``: ``/proc/PID/maps``) or PROGRAM loads (``ldd``)."""
    if "/" in name:
        path = os.path.abspath(name)
        if not os.path.isfile(path):
            raise UprobeTraceError(f"library {name} not found ({path} is no file)")
        return path
    found = _mapped_files(pid) if pid is not None else _ldd_files(program)
    for path in found:
        if _library_matches(name, path):
            return path
    where = f"process {pid} maps" if pid is not None else f"{program} loads (ldd {program})"
    shown = ", ".join(os.path.basename(p) for p in found[:12]) or "none"
    raise UprobeTraceError(f"no library {name!r} among those {where}: {shown}; give its"
                           " path with -x (a library loaded later by dlopen has to be)")


@dataclass(frozen=True)
class Prepared:
    """What every check found: the tools, the files, the function, the plan."""

    perf: str
    program: str            # the traced program (PID's executable with -p)
    binary: str             # the ELF file FUNCTION is in: the program or -x's library
    info: FunctionInfo
    plan: Plan
    tracefs: Path
    mounted: bool


def _function_error(error: DwarfError, request: UprobeRequest, binary: str) -> UprobeTraceError:
    if isinstance(error, NoDebugInfo):
        return UprobeTraceError(
            f"{binary} has no debug info (stripped, or built without -g): compile it with -g"
            " (gcc -g, or CFLAGS=-g) or install its debug symbols (Debian: its -dbgsym"
            " package), then try again")
    if isinstance(error, FunctionWithoutDebugInfo):
        return UprobeTraceError(
            f"function {request.function!r} is in {binary} but has no debug info (its source"
            " file was compiled without -g): rebuild that file with -g and try again")
    if isinstance(error, FunctionNotFound):
        hint = "" if request.library else "; if it is in a shared library, name it with -x LIB"
        return UprobeTraceError(f"function {request.function!r} not found in {binary}"
                                f"{backend.close_names(request.function, error.names)}{hint}")
    return UprobeTraceError(str(error))


def _describe(binary: str, request: UprobeRequest, perf: str) -> tuple[FunctionInfo, Plan]:
    try:
        info = load_function(binary, request.function)
    except DwarfError as e:
        raise _function_error(e, request, binary) from None
    if info.returns[0] == "void" and "$return" in request.condition:
        raise UprobeTraceError(
            f"function {request.function} returns void: CONDITION {request.condition!r}"
            " cannot test $return; use a condition like '1'")
    if not info.statements:
        raise UprobeTraceError(f"{request.function} in {binary} has no statement lines in its"
                               " debug info (its line table is empty): rebuild it with -g")
    image = ElfImage(binary)
    try:
        size = next((s.size for s in image.symbols() if s.value == info.entry), 0)
        plan = make_plan(perf, binary, info, image, request.variable, size)
    finally:
        image.close()
    return info, plan


def prepare(request: UprobeRequest, perf_path: str | None = None) -> Prepared:
    """Every check before a run is recorded, in the order a user can fix them."""
    try:
        parse_condition(request.condition)
    except ConditionError as e:
        raise UprobeTraceError(str(e)) from None
    if request.follow_depth:
        raise UprobeTraceError("--follow is for the gdb backend (errtrail-collect gdb"
                               " --follow ...); the uprobe backend traces FUNCTION alone")
    check_privileges()
    perf = perf_path or find_perf()
    tracefs, mounted = find_tracefs()
    check_uprobe_events(tracefs)
    if request.pid is not None:
        program = backend.program_of_pid(request.pid, error=UprobeTraceError)
    else:
        program = backend.resolve_program(request.argv[0], error=UprobeTraceError)
    binary = resolve_library(request.library, program, request.pid) if request.library \
        else program
    info, plan = _describe(binary, request, perf)
    return Prepared(perf, program, binary, info, plan, tracefs, mounted)


def uprobe_meta(request: UprobeRequest, prepared: Prepared) -> RunMeta:
    """The run's metadata (``collector.backend.user_meta``): the target is the file
    FUNCTION is in (a library with -x, whose build-id the reporter's sources need)."""
    return backend.user_meta(request, prepared.binary,
                             tool_version(prepared.perf, "--version"))


def tracer_config(request: UprobeRequest, prepared: Prepared, status_path: str,
                  probes_path: str) -> dict[str, Any]:
    argv = None
    if request.pid is None:
        argv = [prepared.program, *request.argv[1:]]
    return {
        "plan": prepared.plan.to_json(),
        "binary": prepared.binary,
        "target": f'process("{prepared.binary}")',
        "argv": argv,
        "pid": request.pid,
        "condition": request.condition,
        "tracefs": str(prepared.tracefs),
        "mounted": prepared.mounted,
        "trace_fd": TRACE_FD,
        "message_fd": MESSAGE_FD,
        "status_path": status_path,
        "probes_path": probes_path,
        "producer": prepared.info.producer,
        # The tracer runs with the collector's package on PYTHONPATH; the program gets
        # the environment as it was.
        "environ": {"PYTHONPATH": os.environ.get("PYTHONPATH")},
    }


def _tracer_env(config: Mapping[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (package_root, os.environ.get("PYTHONPATH")) if p)
    env[CONFIG_ENV] = json.dumps(config)
    return env


def run_uprobe_trace(request: UprobeRequest, *, archive_path: Path,
                     perf_path: str | None = None) -> TraceRunResult:
    """Check, then run the tracer through ``collector.capture``, then record how it
    ended and which statement lines had a probe."""
    prepared = prepare(request, perf_path)
    meta = uprobe_meta(request, prepared)
    with tempfile.TemporaryDirectory(prefix="errtrail-uprobe-") as side:
        status_path = os.path.join(side, "status.json")
        probes_path = os.path.join(side, "probes.json")
        config = tracer_config(request, prepared, status_path, probes_path)
        result = run_capture(
            [sys.executable, "-m", "collector.uprobe_tracer"],
            archive_path=archive_path,
            meta=meta,
            streams=UPROBE_STREAMS,
            env=_tracer_env(config),
        )
        summary = backend.read_json(status_path)
        probes = backend.read_json(probes_path)
    end = outcome(summary, request.function, result.exit_status, result.exit_signal,
                  interrupted=result.status == "interrupted", tracer="uprobe")
    if result.run_id is not None and result.spill_path is None:
        backend.record_end(archive_path, result.run_id, result.status, end,
                           backend.probed_lines_of(probes), error=UprobeTraceError)
    return TraceRunResult(result.run_id, end, result.spill_path, summary or {})
