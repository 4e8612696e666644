"""errtrail-collect gdb: real gcc-compiled programs traced by real gdb, archived for real.

Each C program under tests/programs/ was written for these tests; its comment says
which line makes the traced function fail. The trace must be whythefail's exact
format (checked line by line against the reference regexes), show the path that
really ran, and the values the variables really had.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from collector.archive import Archive, Run
from collector.elf import build_id_from_elf
from collector.gdb_tracer import parse_is_stmt
from collector.gdbtrace import GdbRequest, GdbTraceError, check_target, split_words
from tests.conftest import PROGRAMS, REFERENCE, REPO, attach_to, read_until, require_tool


def _load_spec() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "stap_output_regexes", REFERENCE / "stap_output_regexes.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SPEC = _load_spec()


# -- parsing the trace with the reference regexes (every line must be one of them) ------


@dataclass
class Statement:
    comm: str
    tid: int
    file: str
    line: int
    label: str
    value: str
    vars: dict[str, str] = field(default_factory=dict)


@dataclass
class Invocation:
    comm: str
    tid: int
    target: str
    function: str
    ret: str
    statements: list[Statement] = field(default_factory=list)

    @property
    def lines(self) -> list[int]:
        return [s.line for s in self.statements]


def parse_trace(text: str) -> tuple[list[Invocation], dict[str, int]]:
    invocations: list[Invocation] = []
    stats: dict[str, int] = {}
    in_stats = False
    for raw in text.split("\n"):
        if not raw:
            continue
        if SPEC.STATS_HDR.match(raw):
            in_stats = True
            continue
        if in_stats:
            m = SPEC.STAT.match(raw)
            assert m, f"not a statistics line: {raw!r}"
            stats[m["reason"]] = int(m["n"])
            continue
        m = SPEC.HDR.match(raw)
        if m:
            invocations.append(
                Invocation(m["exec"], int(m["tid"]), m["target"], m["func"], m["ret"])
            )
            continue
        m = SPEC.STMT.match(raw)
        assert m, f"not a whythefail line: {raw!r}"
        assert invocations, f"statement before any header: {raw!r}"
        stmt = Statement(
            m["exec"], int(m["tid"]), m["file"], int(m["line"]), m["label"], m["value"]
        )
        if m["label"] == "$$vars":
            items = SPEC.VAR.findall(" " + m["value"])
            stmt.vars = dict(items)
            # Every item is name=value in one of stap's forms: nothing left over.
            assert " ".join(f"{k}={v}" for k, v in items) == m["value"], raw
        invocations[-1].statements.append(stmt)
    assert in_stats, "no statistics block"
    return invocations, stats


def line_of(program: str, text: str, nth: int = 1) -> int:
    """The line number of the nth line of tests/programs/<program> containing ``text``."""
    seen = 0
    for number, line in enumerate((PROGRAMS / program).read_text().splitlines(), 1):
        if text in line:
            seen += 1
            if seen == nth:
                return number
    raise AssertionError(f"{text!r} not in {program}")


# -- fixtures -------------------------------------------------------------------------


@dataclass
class Traced:
    code: int
    out: str
    err: str
    run: Run
    trace: str
    program_stdout: str
    messages: str
    invocations: list[Invocation]
    stats: dict[str, int]


def collect(archive_path: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "collector", "gdb", "--archive", str(archive_path), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def read_run(archive_path: Path) -> tuple[Run, dict[str, str]]:
    with Archive.open(archive_path, create=False) as a:
        run = a.get_run("latest")
        streams = {
            s: a.stream_bytes(run.id, s).decode()
            for s in ("stdout", "stderr", "program_stdout", "program_stderr")
        }
    return run, streams


def trace(archive_path: Path, *args: str) -> Traced:
    proc = collect(archive_path, *args)
    assert "Error:" not in proc.stderr, proc.stderr
    run, streams = read_run(archive_path)
    invocations, stats = parse_trace(streams["stdout"])
    return Traced(
        proc.returncode,
        proc.stdout,
        proc.stderr,
        run,
        streams["stdout"],
        streams["program_stdout"],
        streams["stderr"],
        invocations,
        stats,
    )


def src(name: str) -> str:
    """The source path as the trace names it (gcc was given an absolute path)."""
    return str(PROGRAMS / name)


# -- the failure shapes ---------------------------------------------------------------


def test_direct_return_after_if(build: Callable[..., Path], archive_path: Path) -> None:
    exe = build("direct_return")
    t = trace(archive_path, "check_arg", "$return == -22", "--", str(exe))
    assert t.code == 0
    assert t.program_stdout == (
        "check_arg(3) = 6\ncheck_arg(-5) = -22\ncheck_arg(1, 0xffffffea) = -1\n"
    )
    (inv,) = t.invocations
    assert inv.target == f'process("{exe}")'
    assert inv.function == "check_arg" and inv.ret == "-22"
    assert inv.comm == exe.name[:15]
    fail = line_of("direct_return.c", "return -EINVAL;")
    # The path: the if (line before), its return, the closing brace; never the rest.
    assert inv.lines[-3:] == [fail - 1, fail, line_of("direct_return.c", "}", 1)]
    assert line_of("direct_return.c", "doubled = value * 2;") not in inv.lines
    for stmt in inv.statements:
        assert stmt.file == src("direct_return.c")
        assert stmt.tid == inv.tid and stmt.comm == inv.comm
        # Parameters first, then locals, as stap's $$vars.
        assert list(stmt.vars) == ["value", "flags", "doubled"]
    at_fail = inv.statements[inv.lines.index(fail)]
    assert at_fail.vars["value"] == "0xfffffffffffffffb"  # int -5, sign-extended
    assert at_fail.vars["flags"] == "0x0"
    assert t.stats["entry"] == 3 and t.stats["exit-hit"] == 1 and t.stats["exit-miss"] == 2
    # Statements of the calls that did not match count too, as in whythefail.
    assert t.stats["statement"] > len(inv.statements)


def test_unsigned_values_are_not_sign_extended(
    build: Callable[..., Path], archive_path: Path
) -> None:
    t = trace(archive_path, "check_arg", "$return == -1", "--", str(build("direct_return")))
    (inv,) = t.invocations
    assert inv.ret == "-1"
    eperm = line_of("direct_return.c", "return -EPERM;")
    assert eperm in inv.lines
    assert inv.statements[inv.lines.index(eperm)].vars["flags"] == "0xffffffea"


def test_goto_cleanup(build: Callable[..., Path], archive_path: Path) -> None:
    t = trace(archive_path, "setup_buffer", "$return == -7", "--", str(build("goto_cleanup")))
    (inv,) = t.invocations
    assert inv.ret == "-7"
    c = "goto_cleanup.c"
    set_err = line_of(c, "err = -E2BIG;")
    order = [set_err, set_err + 1, line_of(c, "free(data);"), line_of(c, "return err;")]
    assert [n for n in inv.lines if n in order] == order
    assert line_of(c, "err = -ENOMEM;") not in inv.lines
    assert line_of(c, "memset(data, 0, size);") not in inv.lines
    after = inv.statements[inv.lines.index(set_err + 1)]
    assert after.vars["err"] == "0xfffffffffffffff9"
    assert after.vars["size"] == "0x32"
    assert after.vars["data"] not in ("0x0", "?")
    assert list(after.vars) == ["out", "size", "err", "data"]
    assert t.stats["exit-hit"] == 1 and t.stats["exit-miss"] == 1


def test_callee_error_propagated(build: Callable[..., Path], archive_path: Path) -> None:
    t = trace(archive_path, "load_config", "$return == -34", "--", str(build("propagate")))
    (inv,) = t.invocations
    c = "propagate.c"
    call = line_of(c, "ret = validate(level);")
    ret = line_of(c, "return ret;")
    assert [call, call + 1, ret] == [n for n in inv.lines if n in (call, call + 1, ret)]
    assert inv.statements[inv.lines.index(ret)].vars["ret"] == "0xffffffffffffffde"
    assert line_of(c, "applied = level;") not in inv.lines
    # validate() is another function: none of its lines are load_config's statements.
    assert line_of(c, "return -ERANGE;") not in inv.lines


def test_errno_and_minus_one(build: Callable[..., Path], archive_path: Path) -> None:
    t = trace(archive_path, "open_thing", "$return == -1", "--", str(build("errno_style")))
    (inv,) = t.invocations
    c = "errno_style.c"
    assert line_of(c, "errno = ENAMETOOLONG;") in inv.lines
    assert line_of(c, "errno = EFAULT;") not in inv.lines
    assert inv.statements[-1].vars["len"] == "0x10"


def test_err_ptr_return(build: Callable[..., Path], archive_path: Path) -> None:
    t = trace(
        archive_path, "lookup_item", "$return >= -4095 && $return < 0", "--", str(build("errptr"))
    )
    (inv,) = t.invocations
    assert inv.ret == "0xfffffffffffffffe"  # pointers print in hex, as $return$ does
    c = "errptr.c"
    assert line_of(c, "return ERR_PTR(-ENOENT);") in inv.lines
    assert line_of(c, "return ERR_PTR(-EINVAL);") not in inv.lines
    # The loop ran over both items before giving up.
    assert inv.statements[-1].vars["i"] == "0x2"


def test_switch_default(build: Callable[..., Path], archive_path: Path) -> None:
    t = trace(archive_path, "run_op", "$return == -95", "--", str(build("switch_default")))
    (inv,) = t.invocations
    c = "switch_default.c"
    assert line_of(c, "result = -EOPNOTSUPP;") in inv.lines
    assert line_of(c, "result = 10;") not in inv.lines
    assert line_of(c, "result = 20;") not in inv.lines
    assert inv.statements[-1].vars == {"op": "0x9", "result": "0xffffffffffffffa1"}


def test_error_inside_a_loop(build: Callable[..., Path], archive_path: Path) -> None:
    t = trace(archive_path, "sum_checked", "$return == -5", "--", str(build("loop_error")))
    (inv,) = t.invocations
    c = "loop_error.c"
    test_line = line_of(c, "if (i == 7)")
    assert inv.lines.count(test_line) == 8  # i = 0..7
    fail = inv.statements[inv.lines.index(line_of(c, "return -EIO;"))]
    assert fail.vars["i"] == "0x7" and fail.vars["total"] == hex(sum(range(7)))


def test_recursion_one_buffer_per_frame(build: Callable[..., Path], archive_path: Path) -> None:
    t = trace(archive_path, "walk", "$return == -2", "--", str(build("recursion")))
    c = "recursion.c"
    inner, outer = t.invocations  # walk(2) returns first, then walk(3)
    assert inner.ret == outer.ret == "-2"
    assert line_of(c, "return -ENOENT;") in inner.lines
    assert line_of(c, "r = walk(n - 1, bad);") not in inner.lines
    assert line_of(c, "r = walk(n - 1, bad);") in outer.lines
    assert line_of(c, "return r;") in outer.lines
    # Each buffer holds only its own frame's statements (the first line, at the
    # entry, reads the frame's slots before the prologue stores them).
    assert {s.vars["n"] for s in inner.statements[1:]} == {"0x2"}
    assert {s.vars["n"] for s in outer.statements[1:]} == {"0x3"}
    assert outer.statements[-1].vars["r"] == "0xfffffffffffffffe"
    assert t.stats["entry"] == 4 and t.stats["exit-hit"] == 2 and t.stats["exit-miss"] == 2


def test_threads_keep_their_own_paths(build: Callable[..., Path], archive_path: Path) -> None:
    t = trace(archive_path, "work", "$return == -11", "--", str(build("threads")))
    assert t.program_stdout == "failures = 40\n"
    assert len(t.invocations) == 40  # ids 1 and 3, 20 rounds each
    assert len({inv.tid for inv in t.invocations}) == 2
    for inv in t.invocations:
        assert {s.tid for s in inv.statements} == {inv.tid}
        ids = {s.vars["id"] for s in inv.statements[1:]}
        rounds = {s.vars["round"] for s in inv.statements[1:]}
        assert len(ids) == 1 and ids <= {"0x1", "0x3"}
        assert len(rounds) == 1
        assert line_of("threads.c", "return -EAGAIN;") in inv.lines
    assert t.stats["entry"] == 80 and t.stats["exit-miss"] == 40


# -- the corpus: tests/programs/cases.json ------------------------------------------------

CASES = json.loads((PROGRAMS / "cases.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["program"] for c in CASES])
def test_corpus_case_is_what_the_program_does(
    case: dict[str, Any], build: Callable[..., Path], archive_path: Path
) -> None:
    source = (PROGRAMS / case["program"]).read_text().splitlines()
    assert source[case["line"] - 1].strip() == case["line_text"]  # cases.json is in step
    exe = build(case["program"].removesuffix(".c"))
    t = trace(archive_path, case["function"], case["condition"], "--", str(exe), *case["args"])
    assert len(t.invocations) == case["hits"] == t.stats["exit-hit"]
    first = t.invocations[0]
    assert int(first.ret, 0) & 0xFFFFFFFFFFFFFFFF == case["return"] & 0xFFFFFFFFFFFFFFFF
    assert case["line"] in first.lines
    # Every path ends at FUNCTION's closing brace: the first "}" in column 0 after LINE.
    closing = next(n for n in range(case["line"] + 1, len(source) + 1)
                   if source[n - 1].startswith("}"))
    assert first.lines[-1] == closing


# -- how runs end -----------------------------------------------------------------------


def test_crash_inside_the_function_keeps_the_path(
    build: Callable[..., Path], archive_path: Path
) -> None:
    t = trace(archive_path, "parse_record", "$return < 0", "--", str(build("crash")))
    assert t.code == 128 + signal.SIGSEGV
    (inv,) = t.invocations
    assert inv.ret == "?"
    assert inv.lines[-1] == line_of("crash.c", "length = rec->length;")
    assert inv.statements[-1].vars["rec"] == "0x0"
    assert t.run.status == "complete"
    assert t.run.status_reason == (
        "program killed by signal 11 (SIGSEGV); 1 call of parse_record was in flight"
        " and is kept with $return: ?"
    )
    assert t.run.exit_signal == signal.SIGSEGV
    assert "SIGSEGV" in t.messages
    assert t.stats == {"entry": 2, "exit-miss": 1, "statement": t.stats["statement"]}


def test_exit_inside_the_function_keeps_the_path(
    build: Callable[..., Path], archive_path: Path
) -> None:
    t = trace(archive_path, "finish_or_exit", "$return < 0", "--", str(build("exit_inside")))
    assert t.code == 3
    (inv,) = t.invocations
    assert inv.ret == "?"
    assert inv.lines[-1] == line_of("exit_inside.c", "exit(code);")
    assert inv.statements[-1].vars["code"] == "0x3"
    assert t.run.status == "complete"
    assert t.run.status_reason is not None
    assert t.run.status_reason.startswith("program exited with status 3; 1 call of finish_or_exit")
    assert t.run.exit_status == 3


def test_ctrl_c_stops_the_program_and_keeps_the_statistics(
    build: Callable[..., Path], archive_path: Path
) -> None:
    exe = build("blocker")
    # Its own session and process group, like a terminal's foreground job: the
    # SIGINT below reaches the collector, gdb and the program at once, as Ctrl-C does.
    proc = subprocess.Popen(
        [sys.executable, "-m", "collector", "gdb", "--archive", str(archive_path),
         "wait_for_input", "$return < 0", "--", str(exe)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        seen = read_until(proc.stdout.fileno(), b"waiting\n", 30)
        if seen.count(b"waiting\n") < 2:
            seen += read_until(proc.stdout.fileno(), b"waiting\n", 30)
        time.sleep(0.3)  # into sleep(60)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 128 + signal.SIGINT, err
    run, streams = read_run(archive_path)
    invocations, stats = parse_trace(streams["stdout"])
    (inv,) = invocations
    assert inv.ret == "?"
    assert inv.statements[-1].vars["seconds"] == "0x3c"
    assert inv.lines[-1] == line_of("blocker.c", "left = (int)sleep")
    assert stats["entry"] == 2 and stats["exit-miss"] == 1
    assert run.status == "interrupted"
    assert run.status_reason == (
        "stopped by SIGINT; program killed; 1 call of wait_for_input was in flight and is"
        " kept with $return: ?"
    )
    assert streams["stdout"].endswith("statistics:\nentry count: 2\nexit-miss count: 1\n"
                                      f"statement count: {stats['statement']}\n")


def test_ctrl_c_during_a_busy_trace(build: Callable[..., Path], archive_path: Path) -> None:
    # Statements hit all the time: the interrupt may land while gdb runs the tracer's
    # Python callbacks rather than while the program runs.
    exe = build("loop_error")
    proc = subprocess.Popen(
        [sys.executable, "-m", "collector", "gdb", "--archive", str(archive_path),
         "sum_checked", "$return < 0", "--", str(exe), "1000000"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert proc.stderr is not None
        read_until(proc.stderr.fileno(), b"errtrail-gdb: tracing sum_checked", 30)
        time.sleep(0.5)
        os.killpg(proc.pid, signal.SIGINT)
        proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 128 + signal.SIGINT
    run, streams = read_run(archive_path)
    invocations, stats = parse_trace(streams["stdout"])
    assert run.status == "interrupted"
    assert stats["entry"] >= 1 and stats["statement"] >= 1
    assert all(inv.ret == "?" for inv in invocations)  # sum_checked(5) never fails
    assert len(invocations) <= 1


def test_attach_to_a_running_process(build: Callable[..., Path], archive_path: Path) -> None:
    exe = build("ticker")
    pids: list[int] = []

    def attach(pid: int) -> subprocess.CompletedProcess[str]:
        pids.append(pid)
        return collect(archive_path, "-p", str(pid), "tick", "$return == -11", "$phase")

    proc = attach_to([str(exe)], attach, timeout=30)
    assert proc.returncode == 0, proc.stderr
    (pid,) = pids
    run, streams = read_run(archive_path)
    invocations, stats = parse_trace(streams["stdout"])
    assert invocations, streams["stderr"]
    assert stats["exit-hit"] == len(invocations)
    for inv in invocations:
        assert inv.target == f'process("{exe}")' and inv.tid == pid
        assert inv.lines[-2:] == [line_of("ticker.c", "return -EAGAIN;"), line_of("ticker.c", "}")]
        assert {s.label for s in inv.statements} == {"$phase"}
        assert inv.statements[-1].value == "0x2"
    assert run.traced_pid == pid and run.uses_x
    assert run.command == ("errtrail-collect", "gdb", "-p", str(pid), "tick",
                           "$return == -11", "$phase")


# -- VARIABLE, metadata, streams ---------------------------------------------------------


def test_variable_instead_of_all_locals(build: Callable[..., Path], archive_path: Path) -> None:
    exe = build("goto_cleanup")
    t = trace(archive_path, "setup_buffer", "$return == -7", "$err", "--", str(exe))
    (inv,) = t.invocations
    assert {s.label for s in inv.statements} == {"$err"}
    assert inv.statements[-1].value == "0xfffffffffffffff9"
    t = trace(archive_path, "setup_buffer", "$return == -7", "$err$", "--", str(exe))
    assert t.invocations[0].statements[-1].value == "-7"  # the pretty form is decimal
    t = trace(archive_path, "setup_buffer", "$return == -7", "$out$", "--", str(exe))
    assert t.invocations[0].statements[-1].value.startswith("0x")


def test_run_metadata_and_separate_streams(
    build: Callable[..., Path], archive_path: Path
) -> None:
    exe = build("propagate")
    t = trace(archive_path, "--label", "cfg", "load_config", "$return < 0", "--", str(exe), "x y")
    run = t.run
    assert run.tool == "gdb" and run.origin == "gdb"
    assert run.target == f'process("{exe}")'
    assert run.target_build_id == build_id_from_elf(exe)
    assert str(run.tool_version).startswith("GNU gdb")
    assert run.function == "load_config" and run.condition == "$return < 0"
    assert run.variable is None and run.label == "cfg"
    assert run.command == (
        "errtrail-collect", "gdb", "--label", "cfg", "load_config", "$return < 0", "--",
        str(exe), "x y",
    )
    assert run.traced_command == f"{exe} 'x y'"
    assert run.status == "complete" and run.status_reason == "program exited with status 0"
    # The program's output is its own stream, the trace holds nothing else.
    assert t.program_stdout == "load_config(4) = 4\nload_config(12) = -34\n"
    assert "load_config(4)" not in t.trace
    assert t.trace.startswith("\n") and t.trace.endswith("\n")
    assert "errtrail-gdb: tracing load_config" in t.messages
    # ... and all of it still reached the terminal.
    assert "load_config(12) = -34" in t.out and "statistics:" in t.out


def test_run_metadata_records_when_the_binary_was_modified(
    tools: tuple[str, str], archive_path: Path, tmp_path: Path
) -> None:
    from collector.archive import parse_iso
    from reporter.sources import SourceOptions, resolve_sources

    source = tmp_path / "src" / "direct_return.c"
    source.parent.mkdir()
    source.write_bytes((PROGRAMS / "direct_return.c").read_bytes())
    built = time.time() - 3600
    os.utime(source, (built - 60, built - 60))
    exe = tmp_path / "bin" / "direct_return"
    exe.parent.mkdir()
    subprocess.run([tools[1], "-g", "-O0", "-o", str(exe), str(source)], check=True)
    os.utime(exe, (built, built))
    t = trace(archive_path, "check_arg", "$return == -22", "--", str(exe))
    recorded = t.run.target_mtime
    assert isinstance(recorded, str) and recorded.endswith("Z")
    assert abs(parse_iso(recorded).timestamp() - exe.stat().st_mtime) < 1e-5
    # The reporter reads the source at the path the trace names, and says so when it
    # was changed after the binary was built.
    (path,) = {s.file for s in t.invocations[0].statements}
    assert path == str(source)
    offline = SourceOptions(offline=True, env={})
    with Archive.open(archive_path, create=False) as a:
        before = resolve_sources(a, t.run, [path], offline).files[path]
        os.utime(source, (built + 60, built + 60))
        after = resolve_sources(a, t.run, [path], SourceOptions(offline=True, refresh=True,
                                                                  env={})).files[path]
    assert (before.origin, before.newer_than_binary) == ("recorded-path", None)
    assert after.origin == "recorded-path"
    assert after.newer_than_binary is not None
    assert after.newer_than_binary.startswith(f"{source} was modified (")
    assert f"after the traced binary ({exe}, built " in after.newer_than_binary


def test_optimized_build_still_traces(build: Callable[..., Path], archive_path: Path) -> None:
    exe = build("goto_cleanup", "-g", "-O2")
    t = trace(archive_path, "setup_buffer", "$return == -7", "--", str(exe))
    (inv,) = t.invocations
    c = "goto_cleanup.c"
    assert line_of(c, "err = -E2BIG;") in inv.lines
    for stmt in inv.statements:
        for value in stmt.vars.values():
            assert value == "?" or value.startswith("0x")
    assert "0xfffffffffffffff9" in {s.vars.get("err") for s in inv.statements}


# -- the program's arguments, byte for byte ------------------------------------------------

# Every kind of word a shell or gdb could mangle: blanks, quotes, globs, expansions,
# escapes, newlines, the empty word, words that look like options, and bytes that are
# not UTF-8 (as Python holds them: surrogate-escaped).
AWKWARD_ARGS = (
    "a b", '<x="1">', "", "it's", 'say "hi"', "$HOME", "${X:-y}", "$(id)", "`id`", "*",
    "?", "[ab]", "{a,b}", "~", "~root", "\\", "\\\\n", "a\nb", "\n", "\t", "  two  ",
    "^x", "!x", "#x", ";", "&", "|", "<", ">", "(x)", "--", "-x", "a=b", "%s", "é",
    os.fsdecode(b"\xff\xfe"), os.fsdecode(b"caf\xe9 \x01\x7f"),
)


def test_program_arguments_arrive_byte_for_byte(
    build: Callable[..., Path], archive_path: Path, tmp_path: Path
) -> None:
    # Under a directory whose name needs quoting too: gdb quotes the program's path.
    exe = tmp_path / "dir with space" / "print_args"
    exe.parent.mkdir()
    exe.write_bytes(build("print_args").read_bytes())
    exe.chmod(0o755)
    words = ("print_arg", "$return == -61", "--", str(exe), *AWKWARD_ARGS)
    # gdb starts the program through /bin/sh whatever $SHELL names (here no shell at
    # all); the program still gets the user's $SHELL.
    shell = str(tmp_path / "no-such-shell")
    proc = subprocess.run(
        [sys.executable, "-m", "collector", "gdb", "--archive", str(archive_path), *words],
        cwd=REPO, env={**os.environ, "SHELL": shell}, capture_output=True, timeout=60,
        stdin=subprocess.DEVNULL, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    with Archive.open(archive_path, create=False) as a:
        run = a.get_run("latest")
        printed = a.stream_bytes(run.id, "program_stdout").decode().splitlines()
        trace_text = a.stream_bytes(run.id, "stdout").decode()
    assert printed[:2] == [f"argc {1 + len(AWKWARD_ARGS)}", f"SHELL {shell}"]
    assert printed[2:] == [os.fsencode(arg).hex() for arg in AWKWARD_ARGS]
    # The archive keeps the command exactly as typed ...
    assert run.command == ("errtrail-collect", "gdb", *words)
    # ... and traced_command is PROGRAM ARGS quoted for a shell: bash gives the same
    # bytes back.
    traced = str(run.traced_command)
    again = subprocess.run(
        ["bash", "-c", f"printf '%s\\0' {traced}"], capture_output=True, check=True
    ).stdout
    assert again.split(b"\0")[:-1] == [os.fsencode(w) for w in (str(exe), *AWKWARD_ARGS)]
    # The empty argument is the one call that returned -ENODATA.
    invocations, _ = parse_trace(trace_text)
    assert [inv.ret for inv in invocations] == ["-61"]
    # Reports show that command too, its bytes that are not UTF-8 as $'\xNN'.
    from click.testing import CliRunner

    from reporter.cli import main as report

    page = tmp_path / "run.md"
    result = CliRunner().invoke(report, ["markdown", str(run.id), "--archive", str(archive_path),
                                         "--offline", "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert "$'\\xff\\xfe'" in page.read_text()


# -- the statement lines that had a probe --------------------------------------------------


def probes_message(messages: str) -> tuple[int, int]:
    """(statement addresses, statement lines) from the tracer's "tracing ..." message."""
    m = re.search(r"tracing \S+ \(.*\): (\d+) statement addresses, (\d+) statement lines",
                  messages)
    assert m, messages
    return int(m[1]), int(m[2])


def test_probed_lines_are_recorded_with_the_run(
    build: Callable[..., Path], tmp_path: Path
) -> None:
    c = "direct_return.c"
    signature, opening, closing = (
        line_of(c, "int check_arg("), line_of(c, "{", 1), line_of(c, "}", 1)
    )
    statements = [
        line_of(c, "if (value < 0)"), line_of(c, "return -EINVAL;"),
        line_of(c, "if (flags & 0x80000000u)"), line_of(c, "return -EPERM;"),
        line_of(c, "doubled = value * 2;"), line_of(c, "return doubled;"),
    ]
    probed: dict[str, tuple[tuple[str, int], ...]] = {}
    for level in ("-O0", "-O2"):
        t = trace(tmp_path / f"{level}.db", "check_arg", "$return == -22", "--",
                  str(build("direct_return", "-g", level)))
        lines = t.run.probed_lines()
        assert lines is not None and lines == tuple(sorted(set(lines)))
        assert {f for f, _ in lines} == {src(c)}  # the file as the trace names it
        numbers = [n for _, n in lines]
        # Every line the trace shows had a probe, and every probe is in check_arg.
        assert {n for inv in t.invocations for n in inv.lines} <= set(numbers)
        assert all(signature <= n <= closing for n in numbers)
        _, counted = probes_message(t.messages)
        assert 0 < len(numbers) <= counted
        probed[level] = lines
    # -O0: every statement line has its own probe, and so have both braces ("{" is the
    # entry, "}" the return); the declaration "int doubled;" is no code.
    assert probed["-O0"] == tuple(
        (src(c), n) for n in sorted({opening, *statements, closing})
    )
    # -O2: the optimiser merged some lines into others; those had no probe of their own.
    o0, o2 = {n for _, n in probed["-O0"]}, {n for _, n in probed["-O2"]}
    assert len(o2) < len(o0)
    assert line_of(c, "return -EINVAL;") in o0 - o2


def test_the_compilers_flags_are_recorded_and_read_by_the_diagnosis(
    build: Callable[..., Path], tmp_path: Path
) -> None:
    """The tracer reports DW_AT_producer ("compiled by GNU C17 ... -O2"); the
    diagnosis reads the optimisation level from it, not from guesses."""
    from collector.messages import classify_stderr
    from reporter.diagnosis.run import built_optimised

    for level, optimised in (("-O0", False), ("-O2", True)):
        t = trace(tmp_path / f"p{level}.db", "check_arg", "$return == -22", "--",
                  str(build("direct_return", "-g", level)))
        assert any("compiled by GNU C" in x and level in x for x in t.messages.splitlines())
        assert built_optimised(classify_stderr(t.messages.encode())) is optimised


# -- errors before anything runs ----------------------------------------------------------


def error_of(archive_path: Path, *args: str, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "collector", "gdb", "--archive", str(archive_path), *args],
        cwd=REPO, capture_output=True, text=True, timeout=60, env=env, check=False,
    )
    assert proc.returncode == 1, proc
    assert proc.stdout == ""
    assert proc.stderr.startswith("Error: "), proc.stderr
    assert not archive_path.exists() or not _runs(archive_path)
    return proc.stderr


def _runs(archive_path: Path) -> list[Run]:
    with Archive.open(archive_path, create=False) as a:
        return a.runs()


def test_error_function_not_found_lists_close_names(
    build: Callable[..., Path], archive_path: Path
) -> None:
    err = error_of(archive_path, "check_ar", "$return < 0", "--", str(build("direct_return")))
    assert "function 'check_ar' not found in" in err
    assert "close names: check_arg" in err


def test_error_no_debug_info(
    build: Callable[..., Path], archive_path: Path, tmp_path: Path
) -> None:
    exe = build("direct_return", "-O0")
    err = error_of(archive_path, "check_arg", "$return < 0", "--", str(exe))
    assert "has no debug info" in err and "compile it with -g" in err
    stripped = tmp_path / "stripped"
    stripped.write_bytes(build("direct_return").read_bytes())
    stripped.chmod(0o755)
    subprocess.run([require_tool("strip", "binutils"), str(stripped)], check=True)
    assert "compile it with -g" in error_of(archive_path, "check_arg", "1", "--", str(stripped))


def test_error_function_compiled_without_g(
    tools: tuple[str, str], archive_path: Path, tmp_path: Path
) -> None:
    (tmp_path / "lib.c").write_text("int helper(int x) { return x ? -1 : 0; }\n")
    (tmp_path / "main.c").write_text("int helper(int);\nint main(void) { return helper(0); }\n")
    subprocess.run([tools[1], "-c", "-O0", "-o", str(tmp_path / "lib.o"), str(tmp_path / "lib.c")],
                   check=True)
    exe = tmp_path / "mixed"
    subprocess.run([tools[1], "-g", "-o", str(exe), str(tmp_path / "main.c"),
                    str(tmp_path / "lib.o")], check=True)
    err = error_of(archive_path, "helper", "$return < 0", "--", str(exe))
    assert "function 'helper' is in" in err and "compiled without -g" in err


def test_error_condition_does_not_parse(
    build: Callable[..., Path], archive_path: Path
) -> None:
    err = error_of(archive_path, "check_arg", "$return = -22", "--", str(build("direct_return")))
    assert "column 9" in err and "==" in err
    assert err.endswith("\n  $return = -22\n          ^\n")


def test_error_no_gdb(archive_path: Path, tmp_path: Path) -> None:
    env = dict(os.environ, PATH=str(tmp_path))  # nothing in it
    err = error_of(archive_path, "f", "1", "--", sys.executable, env=env)
    assert "gdb not found on PATH" in err and "apt-get install gdb" in err


def test_error_program_not_found(archive_path: Path, tmp_path: Path) -> None:
    err = error_of(archive_path, "f", "1", "--", str(tmp_path / "nope"))
    assert f"program {tmp_path / 'nope'} not found" in err


def test_error_void_function_with_return_condition(
    tools: tuple[str, str], tmp_path: Path
) -> None:
    source = tmp_path / "v.c"
    source.write_text("void nothing(void) {}\nint main(void) { nothing(); return 0; }\n")
    exe = tmp_path / "v"
    subprocess.run([tools[1], "-g", "-o", str(exe), str(source)], check=True)
    with pytest.raises(GdbTraceError, match="returns void"):
        check_target(tools[0], str(exe), GdbRequest("nothing", "$return < 0", None, (str(exe),)))
    found = check_target(tools[0], str(exe), GdbRequest("nothing", "1", None, (str(exe),)))
    assert found.void and found.line == 1 and found.file == str(source)


# -- pieces --------------------------------------------------------------------------------


def test_split_words() -> None:
    assert split_words(["f", "1", "--", "p", "--", "x"]).argv == ("p", "--", "x")
    assert split_words(["f", "1", "$v", "--", "p"]).variable == "$v"
    assert split_words(["f", "1", "p", "$x"]) == GdbRequest("f", "1", None, ("p", "$x"))
    with pytest.raises(GdbTraceError, match="no PROGRAM"):
        split_words(["f", "1"])
    with pytest.raises(GdbTraceError, match="give no PROGRAM"):
        split_words(["f", "1", "--", "p"], pid=3)
    with pytest.raises(GdbTraceError, match="only VARIABLE"):
        split_words(["f", "1", "$a", "$b", "--", "p"])


def test_is_stmt_rows_come_from_gdb_itself(build: Callable[..., Path], tools: tuple[str, str]) -> None:
    exe = build("loop_error", "-g", "-O2")
    out = subprocess.run(
        [tools[0], "-q", "-batch", "-nx", "-ex", "maint info line-table loop_error.c$", str(exe)],
        capture_output=True, text=True, check=True,
    ).stdout
    rows = parse_is_stmt(out, src("loop_error.c"))
    assert rows is not None and rows
    flags = [stmt for entries in rows.values() for _, stmt in entries]
    assert any(flags)  # -O2 has statement rows ...
    assert not all(flags)  # ... and view rows that are not statements


# -- the pipeline: gdb trace -> archive -> reporter.parse -> debuginfod sources ------------


def test_pipeline_parse_and_fetch_sources_from_debuginfod(
    build: Callable[..., Path],
    archive_path: Path,
    tmp_path: Path,
    debuginfod_server: Callable[[Path], str],
) -> None:
    from reporter.parse import parse_run
    from reporter.records import Invocation as ParsedInvocation
    from reporter.records import OrphanStatements, Unparsed
    from reporter.sources import SourceOptions, resolve_sources

    served = tmp_path / "served"
    served.mkdir()
    exe = served / "goto_cleanup"
    exe.write_bytes(build("goto_cleanup").read_bytes())
    exe.chmod(0o755)
    url = debuginfod_server(served)
    t = trace(archive_path, "setup_buffer", "$return == -7", "--", str(exe))
    with Archive.open(archive_path, create=False) as a:
        parsed = parse_run(a, t.run.id)
        assert not [r for r in parsed.records if isinstance(r, (Unparsed, OrphanStatements))]
        assert not parsed.nothing_ran and not parsed.incomplete
        (inv,) = parsed.invocations
        assert isinstance(inv, ParsedInvocation)
        assert inv.return_value == -7 and inv.function == "setup_buffer"
        assert inv.target == f'process("{exe}")'
        stats = parsed.statistics
        assert stats is not None and stats.entry == 2
        paths = sorted({s.file for s in inv.statements})
        assert paths == [src("goto_cleanup.c")]
        # The source also sits at its recorded path here (the server reads it there):
        # that step is skipped so that the server is what serves it.
        report = resolve_sources(
            a, t.run, paths, SourceOptions(debuginfod_urls=(url,), env={}, recorded_paths=False)
        )
    source = report.get(paths[0])
    assert source is not None, report.misses
    assert source.origin == "url" and source.build_id == t.run.target_build_id
    text = source.text.decode().splitlines()
    # The statement that set the errno, read back from the served source.
    set_err = next(s for s in inv.statements if "0xfffffffffffffff9" in s.value_text)
    assert text[set_err.line - 2].strip() == "err = -E2BIG;"


def test_ctrl_c_while_attached_detaches_and_the_program_goes_on(
    build: Callable[..., Path], archive_path: Path
) -> None:
    exe = build("ticker")
    program = subprocess.Popen([str(exe)], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        assert program.stdout is not None
        read_until(program.stdout.fileno(), b"ready\n", 30)
        proc = subprocess.Popen(
            [sys.executable, "-m", "collector", "gdb", "--archive", str(archive_path),
             "-p", str(program.pid), "tick", "$return < 0"],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        assert proc.stdout is not None
        read_until(proc.stdout.fileno(), b"$return: -11\n", 30)  # tracing has begun
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 128 + signal.SIGINT, err
        out, _ = program.communicate(timeout=30)
    finally:
        for p in (program,):
            if p.poll() is None:
                p.kill()
                p.wait()
    assert program.returncode == 0 and out == b"failures = 50\n"  # untouched by the trace
    run, streams = read_run(archive_path)
    invocations, stats = parse_trace(streams["stdout"])
    assert invocations and stats["exit-hit"] >= 1
    assert run.status == "interrupted"
    assert run.status_reason is not None
    assert run.status_reason.startswith("stopped by SIGINT; detached from the program")
