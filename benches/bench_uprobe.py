"""Statements traced per second by the uprobe and gdb backends, in one run, on the same
hot function, and how much each slows the traced program down.

The program is tests/programs/loop_error.c built with ``gcc -g -O0``: ``sum_checked(5)``
(21 statement hits per call) runs ROUNDS times, then once more failing. Each backend
runs the real command (checks, tracer, capture, archive) twice: with 0 rounds, which
gives its fixed cost (start-up, reading debug info, placing the probes), and with
ROUNDS. The rate is the statement count whythefail's statistics report over the wall
time with the fixed cost removed; the slowdown is that time over the program's own
time untraced (the median of ``UNTRACED_RUNS`` runs). gdb is given fewer rounds: at
its speed the same count would take minutes.

    .venv/bin/python benches/bench_uprobe.py [UPROBE_ROUNDS] [GDB_ROUNDS]
    .venv/bin/python benches/bench_uprobe.py --transports [ROUNDS]

``--transports`` measures how the events are best read (why the tracer reads tracefs
ring-buffer pages): the same probes (the tracer's plan for sum_checked) on the same
program, read from an instance's per-CPU ``trace_pipe_raw`` and decoded
(``collector.uprobe_ring``), from its ``trace_pipe`` text, and through
``perf record -o - | perf script``; for each, the program's wall time and CPU time
(its CPU includes the kernel's work at each probe), the reader's CPU, the events read
and those lost.

Needs gcc, gdb, perf (linux-perf) and root (uprobes).
"""

from __future__ import annotations

import os
import platform
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "tests" / "programs" / "loop_error.c"
FUNCTION, CONDITION = "sum_checked", "$return == -5"
ROUNDS = {"uprobe": 20_000, "gdb": 1_000}
UNTRACED_RUNS = 5
# The uprobe backend is worth having on a hot function when it is this much faster.
TARGET_SPEEDUP = 10.0
COMMANDS = {
    "uprobe": [sys.executable, "-m", "collector", "uprobe"],
    "gdb": [sys.executable, "-m", "collector", "gdb"],
}


@dataclass(frozen=True)
class Result:
    backend: str
    rounds: int
    statements: int
    elapsed: float
    fixed: float

    @property
    def traced_time(self) -> float:
        return max(self.elapsed - self.fixed, 1e-9)

    @property
    def rate(self) -> float:
        return self.statements / self.traced_time


def run(backend: str, exe: Path, archive: Path, rounds: int) -> tuple[float, int]:
    started = time.perf_counter()
    proc = subprocess.run(
        [*COMMANDS[backend], "--archive", str(archive), FUNCTION, CONDITION, "--", str(exe),
         str(rounds)],
        cwd=REPO, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"errtrail-collect {backend} failed ({proc.returncode}): {proc.stderr}")
    if "lost messages" in proc.stderr:
        raise SystemExit(f"the {backend} trace lost events: {proc.stderr}")
    m = re.search(r"^statement count: (\d+)$", proc.stdout, re.MULTILINE)
    if m is None:
        raise SystemExit(f"no statistics in the {backend} output: {proc.stdout[-500:]}")
    return elapsed, int(m.group(1))


def untraced(exe: Path, rounds: int) -> float:
    times = []
    for _ in range(UNTRACED_RUNS):
        started = time.perf_counter()
        subprocess.run([str(exe), str(rounds)], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def version(argv: list[str]) -> str:
    out = subprocess.run(argv, capture_output=True, text=True, check=False).stdout
    return out.splitlines()[0] if out else "?"


@dataclass(frozen=True)
class Transport:
    name: str
    events: int
    lost: int
    wall: float
    program_cpu: float | None
    reader_cpu: float


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _parse_text(data: bytes) -> int:
    """What a reader of trace_pipe would do at least: split each line into the thread,
    the event and ``name=value`` pairs (a line can be cut at the end of a read; here it
    only counts as a line once)."""
    n = 0
    for line in data.split(b"\n"):
        fields = line.split()
        if len(fields) > 5:
            dict(f.split(b"=", 1) for f in fields[6:] if b"=" in f)
            n += 1
    return n


def _read_tracefs(instance: Any, exe: Path, rounds: int, raw: bool) -> Transport:
    """Run the program with the instance's events on, reading them as it runs."""
    from collector.uprobe_ring import Decoder, PageLayout, parse_format

    tracefs = instance.tracefs
    group_dir = next(p for p in (tracefs / "events").iterdir()
                     if p.name == f"errtrail_{os.getpid()}")
    formats = [parse_format((e / "format").read_text()) for e in group_dir.iterdir()
               if (e / "format").exists()]
    decoder = Decoder(PageLayout.parse((tracefs / "events" / "header_page").read_text()),
                      formats)
    if raw:
        fds = list(instance.open_pipes(instance.cpus()).values())
    else:
        fds = [os.open(instance.path / "trace_pipe", os.O_RDONLY | os.O_NONBLOCK)]
    size = instance.subbuf_size() if raw else 1 << 16
    events, cpu0, done = 0, _cpu(resource.RUSAGE_SELF), False
    children0 = _cpu(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    program = subprocess.Popen([str(exe), str(rounds)], stdout=subprocess.DEVNULL)
    wall = 0.0
    while True:
        got = False
        for fd in fds:
            while True:
                try:
                    data = os.read(fd, size)
                except BlockingIOError:
                    break
                if not data:
                    break
                got = True
                events += sum(1 for _ in decoder.page(data)) if raw else _parse_text(data)
        if program.poll() is not None and not wall:
            wall = time.perf_counter() - started
        if not got:
            if done:
                break
            done = program.poll() is not None
            time.sleep(0.01)
    for fd in fds:
        os.close(fd)
    return Transport("tracefs trace_pipe_raw" if raw else "tracefs trace_pipe", events,
                     instance.lost(), wall, _cpu(resource.RUSAGE_CHILDREN) - children0,
                     _cpu(resource.RUSAGE_SELF) - cpu0)


def _read_perf(perf: str, group: str, exe: Path, rounds: int) -> Transport:
    shell = (f"{shlex.quote(perf)} record -q -m 2048 -e {shlex.quote(group + ':*')} -o - --"
             f" sh -c 'exec \"$0\" \"$@\" >/dev/null' {shlex.quote(str(exe))} {rounds}"
             f" 2>/dev/null | {shlex.quote(perf)} script -i - 2>&1")
    children0 = _cpu(resource.RUSAGE_CHILDREN)
    cpu0 = _cpu(resource.RUSAGE_SELF)
    started = time.perf_counter()
    proc = subprocess.run(["sh", "-c", shell], capture_output=True, check=False)
    wall = time.perf_counter() - started
    lines = proc.stdout.splitlines()
    events = sum(1 for line in lines if f" {group}:".encode() in line)
    lost = sum(int(n) for n in re.findall(rb"lost (\d+) chunks", proc.stdout))
    return Transport("perf record -o - | perf script", events, lost, wall, None,
                     _cpu(resource.RUSAGE_SELF) - cpu0 + _cpu(resource.RUSAGE_CHILDREN)
                     - children0)


def transports(exe: Path, perf: str, rounds: int) -> list[Transport]:
    """The three ways of reading the same probes' events, one program run each."""
    from collector.uprobe_dwarf import ElfImage, load_function
    from collector.uprobe_probes import Probes
    from collector.uprobe_sites import make_plan
    from collector.uprobe_tracefs import Instance, find_tracefs, group_for, remove_group

    info = load_function(exe, FUNCTION)
    image = ElfImage(exe)
    plan = make_plan(perf, str(exe), info, image)
    image.close()
    tracefs, _ = find_tracefs()
    group = group_for(os.getpid())
    out = []
    instance = Instance(tracefs, f"errtrail-{os.getpid()}")
    probes = Probes(tracefs, group, instance, plan, str(exe), str(exe))
    try:
        probes.add()
        for raw in (True, False):
            instance.create()
            instance.configure(8192, "mono")
            probes.enable()
            out.append(_read_tracefs(instance, exe, rounds, raw))
            instance.remove()
        out.append(_read_perf(perf, group, exe, rounds))
    finally:
        instance.remove()
        remove_group(tracefs, group)
    return out


def main_transports(rounds: int) -> None:
    gcc, perf = shutil.which("gcc"), shutil.which("perf")
    if gcc is None or perf is None or os.geteuid() != 0:
        raise SystemExit("needs gcc, perf (apt-get install gcc linux-perf) and root")
    with tempfile.TemporaryDirectory(prefix="errtrail-bench-") as tmp:
        exe = Path(tmp) / "loop_error"
        subprocess.run([gcc, "-g", "-O0", "-o", str(exe), str(SOURCE)], check=True)
        found = transports(exe, perf, rounds)
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.release()}")
    print(f"{rounds} calls of {FUNCTION}(5), the same probes read three ways:")
    for t in found:
        program = f", program CPU {t.program_cpu:.2f} s" if t.program_cpu is not None else ""
        print(f"  {t.name}: program wall {t.wall:.2f} s{program}, reader CPU"
              f" {t.reader_cpu:.2f} s, {t.events} events, {t.lost} lost")


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transports", action="store_true",
                        help="compare the ways of reading the events instead")
    parser.add_argument("uprobe_rounds", type=int, nargs="?", default=ROUNDS["uprobe"])
    parser.add_argument("gdb_rounds", type=int, nargs="?", default=ROUNDS["gdb"])
    args = parser.parse_args()
    if args.transports:
        main_transports(args.uprobe_rounds)
        return
    rounds = {"uprobe": args.uprobe_rounds, "gdb": args.gdb_rounds}
    gcc, gdb, perf = shutil.which("gcc"), shutil.which("gdb"), shutil.which("perf")
    if gcc is None or gdb is None or perf is None:
        raise SystemExit("needs gcc, gdb and perf on PATH (apt-get install gcc gdb linux-perf)")
    if os.geteuid() != 0:
        raise SystemExit("uprobes need root: run it with sudo")
    results: dict[str, Result] = {}
    with tempfile.TemporaryDirectory(prefix="errtrail-bench-") as tmp:
        exe = Path(tmp) / "loop_error"
        subprocess.run([gcc, "-g", "-O0", "-o", str(exe), str(SOURCE)], check=True)
        for backend in ("uprobe", "gdb"):
            fixed, _ = run(backend, exe, Path(tmp) / f"{backend}-fixed.db", 0)
            elapsed, statements = run(backend, exe, Path(tmp) / f"{backend}.db",
                                      rounds[backend])
            results[backend] = Result(backend, rounds[backend], statements, elapsed, fixed)
        plain = {backend: untraced(exe, n) for backend, n in rounds.items()}
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.release()}")
    print(f"gdb: {version([gdb, '--version'])}; perf: {version([perf, '--version'])}")
    for r in results.values():
        print(f"{r.backend}: {r.rounds} calls of {FUNCTION}(5), {r.statements} statements in"
              f" {r.elapsed:.2f} s (fixed cost {r.fixed:.2f} s): {r.rate:,.0f} statements/s;"
              f" the program ran {r.traced_time / plain[r.backend]:,.0f}x slower than untraced"
              f" ({plain[r.backend] * 1000:.1f} ms)")
    speedup = results["uprobe"].rate / results["gdb"].rate
    verdict = "meets" if speedup >= TARGET_SPEEDUP else "misses"
    print(f"uprobe / gdb: {speedup:.1f}x ({verdict} the {TARGET_SPEEDUP:.0f}x target)")


if __name__ == "__main__":
    main()
