"""The uprobe backend: real gcc-compiled programs traced with real Linux uprobes (probes
placed through tracefs, variables located by perf probe), archived for real.

The same programs traced by gdb (``errtrail-collect gdb``) and by uprobes must give
the same paths and the same verdict. gdb starts a program without address
randomisation and with ``LINES``/``COLUMNS`` in its environment; started the same way
(``setarch -R``, with FUNCTION's file named by ``-x``), the uprobe trace is gdb's byte
for byte, thread ids aside. Started normally, addresses and stale stack slots differ:
``test_same_paths_when_started_normally`` says which values may.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from collector.archive import Archive, Run
from collector.condition import parse_condition
from collector.elf import build_id_from_elf
from collector.gdb_tracer import Output
from collector.uprobe import UprobeRequest, UprobeTraceError, resolve_library, split_words
from collector.uprobe_calls import Calls, ReturnView, SiteView
from collector.uprobe_ring import Decoder, PageLayout, parse_format
from collector.uprobe_sites import Fetch, Site, parse_definition
from collector.uprobe_tracefs import (
    Instance,
    check_privileges,
    check_uprobe_events,
    find_tracefs,
)
from tests.conftest import (
    PROGRAMS,
    REPO,
    TRACEFS,
    compile_c,
    read_until,
    require_tool,
    uprobe_groups,
)
from tests.test_gdb import AWKWARD_ARGS, Invocation, line_of, parse_trace, read_run
from tests.test_gdb import collect as gdb_collect

CASES = json.loads((PROGRAMS / "cases.json").read_text())["cases"]
# The environment gdb gives the programs it starts (gdb 13, batch mode).
GDB_ENVIRONMENT = {"LINES": "24", "COLUMNS": "80"}


def collect(archive_path: Path, *args: str, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "collector", "uprobe", "--archive", str(archive_path), *args],
        cwd=REPO, capture_output=True, text=True, timeout=timeout, env=env,
        stdin=subprocess.DEVNULL, check=False,
    )


def tidless(text: str) -> str:
    return re.sub(r"\[\d+\] ", "[TID] ", text)


def traced(archive_path: Path, *args: str, env: dict[str, str] | None = None
           ) -> tuple[subprocess.CompletedProcess[str], Run, dict[str, str]]:
    proc = collect(archive_path, *args, env=env)
    assert "Error:" not in proc.stderr, proc.stderr
    run, streams = read_run(archive_path)
    return proc, run, streams


def like_gdb(archive_path: Path, exe: Path, *words: str, args: tuple[str, ...] = ()
             ) -> tuple[subprocess.CompletedProcess[str], Run, dict[str, str]]:
    """The program started as gdb starts it: no ASLR, gdb's LINES and COLUMNS."""
    setarch = require_tool("setarch", "util-linux")
    env = {**os.environ, **GDB_ENVIRONMENT}
    return traced(archive_path, "-x", str(exe), *words, "--", setarch, os.uname().machine,
                  "-R", str(exe), *args, env=env)


def verdict(archive_path: Path, run_id: int, steps: list[str] | None = None) -> dict[str, Any]:
    """The diagnosis (errtrail-report diagnose --json), without what names the run:
    its id, tool, thread ids, and the next step's command (written for the tool that
    traced: those go to ``steps``)."""
    from click.testing import CliRunner

    from reporter.cli import main as report

    result = CliRunner().invoke(report, ["diagnose", str(run_id), "--archive",
                                         str(archive_path), "--offline", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for path in data["paths"]:
        path.pop("tids", None)
        for candidate in path["candidates"]:
            step = candidate.pop("next_step", None)
            if step and steps is not None:
                steps.append(step)
    return {k: v for k, v in data.items() if k not in ("run", "tool")}


# -- gdb and uprobes agree ------------------------------------------------------------


SAME_AS_GDB = [c for c in CASES if c["program"] != "threads.c"]


@pytest.mark.parametrize("case", SAME_AS_GDB, ids=[c["program"] for c in SAME_AS_GDB])
def test_same_trace_and_verdict_as_gdb(case: dict[str, Any], build: Callable[..., Path],
                                       tmp_path: Path, no_leftovers: None) -> None:
    exe = build(case["program"].removesuffix(".c"))
    words = (case["function"], case["condition"])
    gdb = gdb_collect(tmp_path / "gdb.db", *words, "--", str(exe), *case["args"])
    assert gdb.returncode == 0, gdb.stderr
    gdb_run, gdb_streams = read_run(tmp_path / "gdb.db")
    proc, run, streams = like_gdb(tmp_path / "up.db", exe, *words, args=tuple(case["args"]))
    assert proc.returncode == 0, proc.stderr
    # whythefail's lines, values and statistics, byte for byte.
    assert tidless(streams["stdout"]) == tidless(gdb_streams["stdout"])
    parse_trace(streams["stdout"])   # every line one of the reference regexes
    assert run.probed_lines() == gdb_run.probed_lines()
    assert run.tool == "uprobe" and run.target == gdb_run.target == f'process("{exe}")'
    steps: list[str] = []
    assert verdict(tmp_path / "up.db", run.id, steps) == verdict(tmp_path / "gdb.db", gdb_run.id)
    # The next step traces the callee with the backend that traced this run.
    assert all(s.startswith("errtrail-collect uprobe ") for s in steps), steps


@pytest.mark.parametrize("program,function,condition", [
    ("direct_return", "check_arg", "$return == -22"),
    ("goto_cleanup", "setup_buffer", "$return == -7"),
    ("loop_error", "sum_checked", "$return == -5"),
    ("recursion", "walk", "$return == -2"),
])
def test_optimised_code_same_as_gdb(program: str, function: str, condition: str,
                                    build: Callable[..., Path], tmp_path: Path,
                                    no_leftovers: None) -> None:
    """-O2: several lines at one address, values in registers, constants only DWARF
    knows (goto_cleanup's err), computed values (rdi+1), recursion inlined into itself."""
    exe = build(program, "-g", "-O2")
    gdb = gdb_collect(tmp_path / "gdb.db", function, condition, "--", str(exe))
    assert gdb.returncode == 0, gdb.stderr
    gdb_run, gdb_streams = read_run(tmp_path / "gdb.db")
    proc, run, streams = like_gdb(tmp_path / "up.db", exe, function, condition)
    assert proc.returncode == 0, proc.stderr
    assert tidless(streams["stdout"]) == tidless(gdb_streams["stdout"])
    assert run.probed_lines() == gdb_run.probed_lines()
    assert "compiled by GNU C" in streams["stderr"] and "-O2" in streams["stderr"]


def test_same_paths_when_started_normally(build: Callable[..., Path], tmp_path: Path,
                                          no_leftovers: None) -> None:
    """Without setarch the paths, returns and statistics are gdb's; values differ only
    where they are addresses (ASLR) or stack slots not yet written (the first line,
    before the prologue, and variables before their first assignment)."""
    exe = build("goto_cleanup")
    gdb = gdb_collect(tmp_path / "gdb.db", "setup_buffer", "$return == -7", "--", str(exe))
    gdb_invs, gdb_stats = parse_trace(read_run(tmp_path / "gdb.db")[1]["stdout"])
    proc, _, streams = traced(tmp_path / "up.db", "setup_buffer", "$return == -7", "--",
                              str(exe))
    assert gdb.returncode == proc.returncode == 0
    invs, stats = parse_trace(streams["stdout"])
    assert stats == gdb_stats
    assert [(i.ret, i.lines) for i in invs] == [(i.ret, i.lines) for i in gdb_invs]
    c = "goto_cleanup.c"
    after = line_of(c, "err = -E2BIG;") + 1
    for inv, gdb_inv in zip(invs, gdb_invs, strict=True):
        for s, g in zip(inv.statements, gdb_inv.statements, strict=True):
            assert list(s.vars) == list(g.vars)
            if s.line == after:
                for name in ("size", "err"):   # written by then, and no addresses
                    assert s.vars[name] == g.vars[name]
            assert s.vars["out"] != "?" and s.vars["data"] != "?"


def test_threads_keep_their_own_paths(build: Callable[..., Path], tmp_path: Path,
                                      no_leftovers: None) -> None:
    exe = build("threads")
    gdb = gdb_collect(tmp_path / "gdb.db", "work", "$return == -11", "--", str(exe))
    assert gdb.returncode == 0
    gdb_invs, gdb_stats = parse_trace(read_run(tmp_path / "gdb.db")[1]["stdout"])
    proc, _, streams = like_gdb(tmp_path / "up.db", exe, "work", "$return == -11")
    assert proc.returncode == 0 and streams["program_stdout"] == "failures = 40\n"
    invs, stats = parse_trace(streams["stdout"])
    assert stats == gdb_stats == {"entry": 80, "exit-hit": 40, "exit-miss": 40,
                                  "statement": stats["statement"]}
    assert len({inv.tid for inv in invs}) == 2
    for inv in invs:
        assert {s.tid for s in inv.statements} == {inv.tid}
        assert len({s.vars["id"] for s in inv.statements[1:]}) == 1
        assert line_of("threads.c", "return -EAGAIN;") in inv.lines

    def keyed(found: list[Invocation]) -> list[list[tuple[int, str, str]]]:
        # Threads return in any order: the calls as a sorted list of their statements,
        # with the values every thread writes before it reads them (a thread's stack
        # slots hold what its earlier calls left, which differ).
        return sorted([(s.line, s.vars["id"], s.vars["round"]) for s in inv.statements[1:]]
                      for inv in found)

    assert keyed(invs) == keyed(gdb_invs)


@pytest.mark.parametrize("program,function,status,reason", [
    ("crash", "parse_record", 128 + signal.SIGSEGV,
     "program killed by signal 11 (SIGSEGV); 1 call of parse_record was in flight and is"
     " kept with $return: ?"),
    ("exit_inside", "finish_or_exit", 3,
     "program exited with status 3; 1 call of finish_or_exit was in flight and is kept with"
     " $return: ?"),
])
def test_runs_end_as_with_gdb(program: str, function: str, status: int, reason: str,
                              build: Callable[..., Path], tmp_path: Path,
                              no_leftovers: None) -> None:
    exe = build(program)
    gdb = gdb_collect(tmp_path / "gdb.db", function, "$return < 0", "--", str(exe))
    gdb_run, gdb_streams = read_run(tmp_path / "gdb.db")
    proc, run, streams = like_gdb(tmp_path / "up.db", exe, function, "$return < 0")
    assert proc.returncode == gdb.returncode == status
    assert tidless(streams["stdout"]) == tidless(gdb_streams["stdout"])
    assert (run.status, run.status_reason, run.exit_status, run.exit_signal) == (
        gdb_run.status, gdb_run.status_reason, gdb_run.exit_status, gdb_run.exit_signal)
    assert run.status_reason == reason


# -- what only the uprobe backend does ----------------------------------------------


def test_loop_heavy_program_loses_nothing(cc_build: Callable[..., Path], tmp_path: Path,
                                          no_leftovers: None) -> None:
    rounds = 3000
    exe = cc_build("loop_error")
    proc, run, streams = traced(tmp_path / "up.db", "sum_checked", "$return == -5", "--",
                                str(exe), str(rounds))
    assert proc.returncode == 0
    assert streams["program_stdout"] == (f"sum_checked(5) x {rounds} = {10 * rounds}\n"
                                         "sum_checked(10) = -5\n")
    (inv,) = parse_trace(streams["stdout"])[0]
    stats = parse_trace(streams["stdout"])[1]
    # sum_checked(5) runs 21 statements; the failing sum_checked(10) 28.
    assert stats == {"entry": rounds + 1, "exit-hit": 1, "exit-miss": rounds,
                     "statement": 21 * rounds + 28}
    assert inv.ret == "-5" and inv.lines.count(line_of("loop_error.c", "if (i == 7)")) == 8
    assert "lost messages" not in streams["stderr"]
    with Archive.open(tmp_path / "up.db", create=False) as a:
        assert not [m for m in a.messages(run.id) if m.category == "incomplete"]


def test_recursion_deeper_than_the_kernel_reports_returns(
        uprobe_ready: str, tmp_path: Path, no_leftovers: None) -> None:
    """The kernel reports at most 64 nested returns per thread: the calls below are
    printed with ``$return: ?`` once a return further out shows them gone, innermost
    first, so that the path that made the errno is still there."""
    source = tmp_path / "deep.c"
    source.write_text("#include <errno.h>\n#include <stdio.h>\n"
                      "int down(int n)\n{\n\tif (n == 0)\n\t\treturn -ENOENT;\n"
                      "\treturn down(n - 1);\n}\n"
                      "int main(void) { printf(\"%d\\n\", down(100)); return 0; }\n")
    exe = compile_c([source], tmp_path / "deep")
    proc, run, streams = traced(tmp_path / "up.db", "down", "$return == -2", "--", str(exe))
    assert proc.returncode == 0 and streams["program_stdout"] == "-2\n"
    invs, stats = parse_trace(streams["stdout"])
    assert [inv.ret for inv in invs] == ["?"] * 37 + ["-2"] * 64
    assert invs[0].lines == [4, 5, 6, 8] and invs[0].statements[-1].vars["n"] == "0x0"
    assert [inv.statements[-1].vars["n"] for inv in invs[:3]] == ["0x0", "0x1", "0x2"]
    assert stats == {"entry": 101, "exit-hit": 64, "statement": 404}
    assert run.status_reason == ("program exited with status 0; 37 calls of down nested"
                                 " deeper than the kernel reports returns were kept with"
                                 " $return: ?")


def test_shared_library_function(libfoo: tuple[Path, Path, Path], tmp_path: Path,
                                  no_leftovers: None) -> None:
    lib, exe, source = libfoo
    assert resolve_library("libfoo.so", str(exe), None) == str(lib)
    fail = line_of_file(source, "return -EINVAL")
    for n, name in enumerate(("libfoo.so", str(lib))):
        proc, run, streams = traced(tmp_path / f"up{n}.db", "-x", name, "foo_parse",
                                    "$return == -22", "--", str(exe), "12", "1x", "7")
        assert proc.returncode == 0, proc.stderr
        assert streams["program_stdout"] == "12 -> 0\n1x -> -22\n7 -> 0\n"
        (inv,) = parse_trace(streams["stdout"])[0]
        assert inv.target == f'process("{lib}")' and inv.function == "foo_parse"
        assert inv.lines[-3:] == [fail - 1, fail, line_of_file(source, "}")]
        assert inv.statements[-1].vars["n"] == "0x1"
        assert run.target == f'process("{lib}")'
        assert run.target_build_id == build_id_from_elf(lib)
        assert run.traced_command is not None and str(exe) in run.traced_command
        assert run.command[:4] == ("errtrail-collect", "uprobe", "-x", name)


def test_shared_library_of_a_running_process(libfoo: tuple[Path, Path, Path], tmp_path: Path,
                                             no_leftovers: None) -> None:
    """-p PID with -x LIB: the library is the one the process maps (/proc/PID/maps)."""
    lib, exe, source = libfoo
    program = subprocess.Popen([str(exe), "--loop", "1x"], stdout=subprocess.PIPE,
                               stdin=subprocess.DEVNULL)
    try:
        assert program.stdout is not None
        read_until(program.stdout.fileno(), b"ready\n", 30)
        assert resolve_library("libfoo.so", str(exe), program.pid) == str(lib)
        _, run, streams = traced(tmp_path / "up.db", "-p", str(program.pid), "-x", "libfoo.so",
                                 "foo_parse", "$return == -22", "$n")
        program.wait(timeout=30)
    finally:
        if program.poll() is None:
            program.kill()
            program.wait()
    invs, _ = parse_trace(streams["stdout"])
    assert invs and all(inv.target == f'process("{lib}")' for inv in invs)
    assert all(inv.lines[-2] == line_of_file(source, "return -EINVAL") for inv in invs)
    assert {inv.statements[-1].value for inv in invs} == {"0x1"}
    assert run.target == f'process("{lib}")' and run.traced_pid == program.pid


def line_of_file(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_attach_to_a_running_process(cc_build: Callable[..., Path], tmp_path: Path,
                                     no_leftovers: None) -> None:
    exe = cc_build("ticker")
    program = subprocess.Popen([str(exe)], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        assert program.stdout is not None
        read_until(program.stdout.fileno(), b"ready\n", 30)
        _, run, streams = traced(tmp_path / "up.db", "-p", str(program.pid), "tick",
                                 "$return == -11", "$phase")
        out, _ = program.communicate(timeout=30)
    finally:
        if program.poll() is None:
            program.kill()
            program.wait()
    assert program.returncode == 0 and out == b"failures = 50\n"   # untouched
    invs, stats = parse_trace(streams["stdout"])
    assert invs and stats["exit-hit"] == len(invs)
    for inv in invs:
        assert inv.target == f'process("{exe}")' and inv.tid == program.pid
        assert inv.lines[-2:] == [line_of("ticker.c", "return -EAGAIN;"), line_of("ticker.c", "}")]
        assert {s.label for s in inv.statements} == {"$phase"}
        assert inv.statements[-1].value == "0x2"
    assert run.traced_pid == program.pid and run.uses_x
    assert run.command == ("errtrail-collect", "uprobe", "-p", str(program.pid), "tick",
                           "$return == -11", "$phase")
    # Its exit status comes from its exit_group(2): there is no ptrace to ask.
    assert run.status == "complete" and run.exit_status == 0
    assert run.status_reason == "program exited with status 0"


def test_ctrl_c_while_attached_detaches(cc_build: Callable[..., Path], tmp_path: Path,
                                        no_leftovers: None) -> None:
    exe = cc_build("ticker")
    program = subprocess.Popen([str(exe)], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        assert program.stdout is not None
        read_until(program.stdout.fileno(), b"ready\n", 30)
        proc = start(tmp_path / "up.db", "-p", str(program.pid), "tick", "$return < 0")
        assert proc.stdout is not None
        read_until(proc.stdout.fileno(), b"$return: -11\n", 30)   # tracing has begun
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        out, _ = program.communicate(timeout=30)
    finally:
        for p in (program,):
            if p.poll() is None:
                p.kill()
                p.wait()
    assert proc.returncode == 128 + signal.SIGINT, err
    assert program.returncode == 0 and out == b"failures = 50\n"
    run, _ = read_run(tmp_path / "up.db")
    assert run.status == "interrupted"
    assert run.status_reason is not None
    assert run.status_reason.startswith("stopped by SIGINT; detached from the program")


def start(archive_path: Path, *args: str) -> subprocess.Popen[bytes]:
    """The collector in its own session (a terminal's foreground job, for killpg)."""
    return subprocess.Popen(
        [sys.executable, "-m", "collector", "uprobe", "--archive", str(archive_path), *args],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        start_new_session=True)


def wait_blocked(proc: subprocess.Popen[bytes]) -> None:
    """Until blocker.c's second call sleeps in sleep(60)."""
    assert proc.stdout is not None
    seen = read_until(proc.stdout.fileno(), b"waiting\n", 30)
    if seen.count(b"waiting\n") < 2:
        read_until(proc.stdout.fileno(), b"waiting\n", 30)
    time.sleep(0.3)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
                         ids=["SIGINT", "SIGTERM", "SIGHUP"])
def test_interrupted_keeps_the_call_in_flight_and_removes_the_probes(
        sig: signal.Signals, cc_build: Callable[..., Path], tmp_path: Path,
        no_leftovers: None) -> None:
    exe = cc_build("blocker")
    proc = start(tmp_path / "up.db", "wait_for_input", "$return < 0", "--", str(exe))
    try:
        wait_blocked(proc)
        if sig == signal.SIGINT:
            os.killpg(proc.pid, sig)   # Ctrl-C: the whole foreground job
        else:
            os.kill(proc.pid, sig)     # the collector alone; it forwards it
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 128 + sig, err
    run, streams = read_run(tmp_path / "up.db")
    (inv,), stats = parse_trace(streams["stdout"])
    assert inv.ret == "?" and inv.statements[-1].vars["seconds"] == "0x3c"
    assert inv.lines[-1] == line_of("blocker.c", "left = (int)sleep")
    assert stats["entry"] == 2 and stats["exit-miss"] == 1
    assert run.status == "interrupted"
    assert run.status_reason == (
        f"stopped by {sig.name}; program killed; 1 call of wait_for_input was in flight"
        " and is kept with $return: ?")


def _new_group(before: set[str], deadline: float) -> str:
    while time.monotonic() < deadline:
        new = sorted(g for g in uprobe_groups() - before if re.match(r"^errtrail_\d+$", g))
        if new:
            return new[0]
        time.sleep(0.05)
    raise AssertionError("the collector's probes never appeared")


def test_collector_killed_by_sigkill_its_tracer_removes_the_probes(
        cc_build: Callable[..., Path], tmp_path: Path, no_leftovers: None) -> None:
    exe = cc_build("blocker")
    before = uprobe_groups()
    proc = start(tmp_path / "up.db", "wait_for_input", "$return < 0", "--", str(exe))
    try:
        wait_blocked(proc)
        group = _new_group(before, time.monotonic() + 30)
        os.kill(proc.pid, signal.SIGKILL)   # the collector only: the tracer is told
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while group in uprobe_groups() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        with_pid_group_gone(before)
    assert group not in uprobe_groups()


def with_pid_group_gone(before: set[str]) -> None:
    """Wait (at most 30 s) until no probe group but those there ``before`` is left."""
    deadline = time.monotonic() + 30
    while uprobe_groups() - before and time.monotonic() < deadline:
        time.sleep(0.05)


def test_probes_left_by_a_killed_collector_are_removed_by_the_next(
        cc_build: Callable[..., Path], tmp_path: Path, foreign_groups: list[str]) -> None:
    exe = cc_build("blocker")
    before = uprobe_groups()
    proc = start(tmp_path / "up.db", "wait_for_input", "$return < 0", "--", str(exe))
    try:
        wait_blocked(proc)
        group = _new_group(before, time.monotonic() + 30)
        os.killpg(proc.pid, signal.SIGKILL)   # the collector, its tracer, the program
        proc.wait(timeout=30)
        time.sleep(0.3)
        owner = int(group.split("_")[1])
        assert group in uprobe_groups()               # left behind ...
        assert (TRACEFS / "instances" / f"errtrail-{owner}").is_dir()
        again, _, streams = traced(tmp_path / "up.db", "check_arg", "$return == -22", "--",
                                   str(cc_build("direct_return")))
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert again.returncode == 0
    assert group not in uprobe_groups()               # ... removed by the next start,
    assert not (TRACEFS / "instances" / f"errtrail-{owner}").exists()
    assert f"probes of {group}, left by an errtrail collector that is gone" in streams["stderr"]
    assert set(foreign_groups) <= uprobe_groups()     # and nothing else touched


def test_a_line_the_kernel_cannot_probe_is_a_registration_failure(
        uprobe_ready: str, tmp_path: Path, no_leftovers: None) -> None:
    """uprobes cannot step over a lock-prefixed instruction: that statement is reported
    as stap reports a probe it could not register, and is not among the probed lines."""
    source = tmp_path / "atomic.c"
    source.write_text(
        "#include <errno.h>\n#include <stdio.h>\n\nstatic int counter;\n\n"
        "int bump(int x)\n{\n"
        "\t__atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);\n"
        "\tif (x < 0)\n\t\treturn -EINVAL;\n\treturn 0;\n}\n\n"
        "int main(void)\n{\n\tprintf(\"%d %d\\n\", bump(1), bump(-1));\n\treturn 0;\n}\n")
    exe = compile_c([source], tmp_path / "atomic")
    proc, run, streams = traced(tmp_path / "up.db", "bump", "$return == -22", "--", str(exe))
    assert proc.returncode == 0
    inode = os.stat(exe).st_ino
    warning = (f'WARNING: probe process("{exe}").statement("bump@{source}:8") at inode-offset'
               f" {inode}:0x")
    assert warning in streams["stderr"] and "(rc -524)" in streams["stderr"]
    with Archive.open(tmp_path / "up.db", create=False) as a:
        unprobed = [m for m in a.messages(run.id) if m.category == "unprobed"]
    assert [(m.kind, m.file, m.line) for m in unprobed] == [("uprobe_reg", str(source), 8)]
    probed = run.probed_lines()
    assert probed is not None and (str(source), 8) not in probed and (str(source), 9) in probed
    (inv,), _ = parse_trace(streams["stdout"])
    assert 8 not in inv.lines and inv.lines[-2:] == [10, 12]
    assert verdict(tmp_path / "up.db", run.id)["unprobed"] == [{"file": str(source), "line": 8}]


def test_program_arguments_arrive_byte_for_byte(cc_build: Callable[..., Path], tmp_path: Path,
                                                no_leftovers: None) -> None:
    exe = tmp_path / "dir with space" / "print_args"
    exe.parent.mkdir()
    shutil.copy(cc_build("print_args"), exe)
    proc = subprocess.run(
        [sys.executable, "-m", "collector", "uprobe", "--archive", str(tmp_path / "up.db"),
         "print_arg", "$return == -61", "--", str(exe), *AWKWARD_ARGS],
        cwd=REPO, capture_output=True, timeout=120, stdin=subprocess.DEVNULL, check=False)
    assert proc.returncode == 0, proc.stderr
    with Archive.open(tmp_path / "up.db", create=False) as a:
        run = a.get_run("latest")
        printed = a.stream_bytes(run.id, "program_stdout").decode().splitlines()
        trace_text = a.stream_bytes(run.id, "stdout").decode()
    assert printed[0] == f"argc {1 + len(AWKWARD_ARGS)}"
    assert printed[2:] == [os.fsencode(arg).hex() for arg in AWKWARD_ARGS]
    invocations, _ = parse_trace(trace_text)
    # A path with a blank reaches uprobe_events through a symlink; the trace names it.
    assert [(inv.ret, inv.target) for inv in invocations] == [("-61", f'process("{exe}")')]
    assert run.command == ("errtrail-collect", "uprobe", "print_arg", "$return == -61", "--",
                           str(exe), *AWKWARD_ARGS)


def test_variable_forms(cc_build: Callable[..., Path], tmp_path: Path,
                        no_leftovers: None) -> None:
    exe = cc_build("goto_cleanup")
    expected = {"$err": "0xfffffffffffffff9", "$err$": "-7", "$out->size": "0x10"}
    for variable, value in expected.items():
        _, run, streams = traced(tmp_path / "up.db", "setup_buffer", "$return == -7",
                                 variable, "--", str(exe))
        (inv,), _ = parse_trace(streams["stdout"])
        assert {s.label for s in inv.statements} == {variable}
        at = inv.lines.index(line_of("goto_cleanup.c", "err = -E2BIG;") + 1)
        assert inv.statements[at].value == value
        assert run.variable == variable


# -- errors before anything runs ------------------------------------------------------


def error_of(archive_path: Path, *args: str, env: dict[str, str] | None = None) -> str:
    proc = collect(archive_path, *args, env=env)
    assert proc.returncode == 1, proc
    assert proc.stdout == "" and proc.stderr.startswith("Error: "), proc.stderr
    assert not archive_path.exists() or not _runs(archive_path)
    return proc.stderr


def _runs(archive_path: Path) -> list[Run]:
    with Archive.open(archive_path, create=False) as a:
        return a.runs()


def test_error_function_not_found_lists_close_names(
        cc_build: Callable[..., Path], archive_path: Path, uprobe_ready: str) -> None:
    err = error_of(archive_path, "check_ar", "$return < 0", "--", str(cc_build("direct_return")))
    assert "function 'check_ar' not found in" in err and "close names: check_arg" in err
    assert "name it with -x LIB" in err


def test_error_no_debug_info(tmp_path: Path, archive_path: Path, uprobe_ready: str) -> None:
    exe = compile_c([PROGRAMS / "direct_return.c"], tmp_path / "plain", "-g0")
    err = error_of(archive_path, "check_arg", "$return < 0", "--", str(exe))
    assert "has no debug info" in err and "compile it with -g" in err
    stripped = tmp_path / "stripped"
    shutil.copy(compile_c([PROGRAMS / "direct_return.c"], tmp_path / "full"), stripped)
    subprocess.run([require_tool("strip", "binutils"), str(stripped)], check=True)
    assert "compile it with -g" in error_of(archive_path, "check_arg", "1", "--", str(stripped))


def test_error_condition_does_not_parse(cc_build: Callable[..., Path],
                                        archive_path: Path) -> None:
    err = error_of(archive_path, "check_arg", "$return = -22", "--",
                   str(cc_build("direct_return")))
    assert "column 9" in err and err.endswith("\n  $return = -22\n          ^\n")


def test_error_void_function_with_return_condition(tmp_path: Path, archive_path: Path,
                                                   uprobe_ready: str) -> None:
    (tmp_path / "v.c").write_text("void nothing(void) {}\nint main(void) { nothing(); }\n")
    exe = compile_c([tmp_path / "v.c"], tmp_path / "v")
    assert "returns void" in error_of(archive_path, "nothing", "$return < 0", "--", str(exe))


def test_error_no_perf(archive_path: Path, tmp_path: Path, uprobe_ready: str) -> None:
    err = error_of(archive_path, "f", "1", "--", sys.executable,
                   env=dict(os.environ, PATH=str(tmp_path)))
    assert "perf not found on PATH" in err and "apt-get install linux-perf" in err


def test_error_library_and_process_not_found(cc_build: Callable[..., Path],
                                             archive_path: Path, uprobe_ready: str) -> None:
    exe = str(cc_build("direct_return"))
    err = error_of(archive_path, "-x", "libnothere.so", "f", "1", "--", exe)
    assert "no library 'libnothere.so' among those" in err and "libc.so" in err
    pid = subprocess.run(["sh", "-c", "echo $$"], capture_output=True, text=True).stdout
    assert f"no process {int(pid)}" in error_of(archive_path, "-p", pid.strip(), "f", "1")


def test_error_not_root(monkeypatch: pytest.MonkeyPatch) -> None:
    from collector import uprobe_tracefs

    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    monkeypatch.setattr(uprobe_tracefs, "effective_caps", lambda status: 0)
    with pytest.raises(UprobeTraceError, match=r"need root, or CAP_PERFMON.*sudo"):
        check_privileges()
    monkeypatch.setattr(uprobe_tracefs, "effective_caps", lambda status: 1 << 38)
    check_privileges()   # CAP_PERFMON is enough to try


def test_error_no_uprobe_events_and_tracefs_not_mountable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from collector import uprobe_tracefs

    with pytest.raises(UprobeTraceError, match=r"no uprobe events.*CONFIG_UPROBE_EVENTS"):
        check_uprobe_events(tmp_path)
    monkeypatch.setattr(uprobe_tracefs, "TRACEFS", tmp_path / "tracing")
    monkeypatch.setattr(uprobe_tracefs, "DEBUGFS_TRACING", tmp_path / "debug")
    monkeypatch.setattr(uprobe_tracefs, "tracefs_mounts", lambda text: [])
    monkeypatch.setattr(shutil, "which", lambda name: str(tmp_path / "no-mount"))
    with pytest.raises(UprobeTraceError,
                       match=r"not mounted and mounting it.*failed.*mount -t tracefs nodev"):
        find_tracefs()
    with pytest.raises(UprobeTraceError, match="tracefs is not mounted"):
        find_tracefs(mount=False)


# -- pieces ---------------------------------------------------------------------------


def test_split_words_and_the_command_line() -> None:
    request = split_words(["f", "1", "$v", "--", "p", "-x"], label="t", library="libz.so")
    assert request == UprobeRequest("f", "1", "$v", ("p", "-x"), None, "t", library="libz.so")
    assert request.command() == ("errtrail-collect", "uprobe", "--label", "t", "-x", "libz.so",
                                 "f", "1", "$v", "--", "p", "-x")
    assert split_words(["f", "1"], 9).command() == ("errtrail-collect", "uprobe", "-p", "9",
                                                    "f", "1")
    with pytest.raises(UprobeTraceError, match="usage: errtrail-collect uprobe"):
        split_words(["f", "1"])


def _page(events: list[tuple[int, bytes]], base: int = 1000) -> bytes:
    """A ring-buffer page: header, then each (time delta, payload) as the kernel writes
    it, with a time extend before a big delta and a padding event after."""
    body = b""
    for delta, payload in events:
        if delta >= 1 << 27:
            body += ((delta & ((1 << 27) - 1)) << 5 | 30).to_bytes(4, "little")
            body += (delta >> 27).to_bytes(4, "little")
            delta = 0
        words = len(payload) // 4
        body += (delta << 5 | words).to_bytes(4, "little") + payload
    body += ((1 << 5) | 29).to_bytes(4, "little") + (8).to_bytes(4, "little") + bytes(4)
    return base.to_bytes(8, "little") + len(body).to_bytes(8, "little") + body + bytes(64)


def test_ring_buffer_pages_decode() -> None:
    fmt = parse_format(
        "name: s10\nID: 7\nformat:\n"
        "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
        "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
        "\tfield:unsigned long __probe_ip;\toffset:8;\tsize:8;\tsigned:0;\n"
        "\tfield:u64 sp;\toffset:16;\tsize:8;\tsigned:0;\n"
        "\tfield:s32 v0;\toffset:24;\tsize:4;\tsigned:1;\n"
        "\tfield:__data_loc char[] comm;\toffset:28;\tsize:4;\tsigned:1;\n")

    def payload(pid: int, value: int, comm: bytes) -> bytes:
        head = (7).to_bytes(2, "little") + bytes(2) + pid.to_bytes(4, "little", signed=True)
        head += (0x1234).to_bytes(8, "little") + (0x7FFC).to_bytes(8, "little")
        head += value.to_bytes(4, "little", signed=True)
        head += (len(comm) << 16 | 32).to_bytes(4, "little")
        return head + comm

    page = _page([(5, payload(42, -22, b"prog\0\0\0\0")), (1 << 30, payload(43, 7, b"ab\0\0"))])
    decoder = Decoder(PageLayout(), [fmt])
    events = list(decoder.page(page))
    names = decoder.events[7].names
    assert [e[0] for e in events] == [1005, 1005 + (1 << 30)]
    assert [dict(zip(names, e[2], strict=True))["v0"] for e in events] == [-22, 7]
    assert [e[2][names.index("comm")] for e in events] == ["prog", "ab"]
    assert decoder.missed_pages == 0


def _calls(condition: str) -> tuple[Calls, Any]:
    read, write = os.pipe()
    calls = Calls(Output(write), 'process("/bin/p")', "f", parse_condition(condition), 8,
                  lambda text: None)
    return calls, (read, write)


def test_speculation_per_thread_and_frame() -> None:
    """Recursion gets a buffer per frame, threads a stack each; a frame left by longjmp
    is dropped when a later event proves it dead; only matching returns print."""
    calls, (read, write) = _calls("$return < 0")
    site = Site("s1", 0x1149, 0x1149, (7,), True, (Fetch("n", "scalar", "signed", "x"),))
    view = SiteView(site, ["common_type", "common_pid", "sp", "comm", "v0"], "/s/p.c")
    ret = ReturnView(["common_pid", "sp", "comm", "ret"], ("int", 4, True))

    def statement(tid: int, sp: int, n: int) -> None:
        calls.statement(tid, sp, view, (0, tid, sp, "p", n))

    calls.entry(1, 0x1000, "p")          # f(3) in thread 1
    statement(1, 0x1000, 3)
    calls.entry(1, 0x0F00, "p")          # f(2), recursive
    statement(1, 0x0F00, 2)
    calls.entry(2, 0x5000, "q")          # thread 2
    statement(2, 0x5000, 9)
    calls.returned(1, 0x0F08, "p", *ret.value((1, 0x0F08, "p", -2)))   # f(2) = -2
    calls.entry(1, 0x0E00, "p")          # a call left by longjmp ...
    calls.entry(1, 0x0E00, "p")          # ... proven dead by the next at its CFA
    calls.returned(1, 0x0E08, "p", 0, "0")
    calls.returned(1, 0x1008, "p", -5, "-5")   # f(3) = -5
    assert calls.finish() == 1           # thread 2's call, still in flight
    os.close(write)
    text = os.read(read, 1 << 16).decode()
    os.close(read)
    assert text == (
        '\np[1] process("/bin/p") function(f) $return: -2\np[1] /s/p.c:7 $$vars: n=0x2\n'
        '\np[1] process("/bin/p") function(f) $return: -5\np[1] /s/p.c:7 $$vars: n=0x3\n'
        '\nq[2] process("/bin/p") function(f) $return: ?\nq[2] /s/p.c:7 $$vars: n=0x9\n'
        "\nstatistics:\nentry count: 5\nexit-hit count: 2\nexit-miss count: 1\n"
        "statement count: 3\n")
    assert calls.lost_returns == 1


def test_perf_definitions_are_read_by_offset() -> None:
    d = parse_definition("p:probe_x/f_L4 /tmp/a b/x:0x1153 value=-20(%bp):s32 flags=%si:x32")
    assert d is not None and d.offset == 0x1153
    assert d.args == (("value", "-20(%bp):s32"), ("flags", "%si:x32"))


def test_instance_lost_counters_read_zero_when_empty(uprobe_ready: str) -> None:
    instance = Instance(TRACEFS, f"errtrail-test-{os.getpid()}")
    instance.create()
    try:
        instance.configure(1024, "mono")
        assert instance.cpus() and instance.lost() == 0
        assert instance.subbuf_size() >= 4096
    finally:
        instance.remove()
    assert not instance.path.exists()


def test_request_needs_no_follow() -> None:
    from collector.uprobe import prepare

    with pytest.raises(UprobeTraceError, match="--follow is for the gdb backend"):
        prepare(replace(split_words(["f", "1", "--", "p"]), follow_depth=2))
