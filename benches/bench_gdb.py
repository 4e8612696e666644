"""Statements traced per second by ``errtrail-collect gdb`` on a loop-heavy program.

Runs the real command (check, gdb, capture, archive) on tests/programs/loop_error.c
built with ``gcc -g -O0``: ``sum_checked(5)`` runs ROUNDS times (21 statement hits
per call) and once more failing. The rate is the statement count whythefail's
statistics report, divided by the wall time; the same command with 0 rounds gives
the fixed cost (two gdb start-ups, symbol loading, archive), subtracted for the
steady-state rate.

    .venv/bin/python benches/bench_gdb.py [ROUNDS]
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "tests" / "programs" / "loop_error.c"


def run(exe: Path, archive: Path, rounds: int) -> tuple[float, int]:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "collector", "gdb", "--archive", str(archive),
         "sum_checked", "$return == -5", "--", str(exe), str(rounds)],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"errtrail-collect gdb failed ({proc.returncode}): {proc.stderr}")
    m = re.search(r"^statement count: (\d+)$", proc.stdout, re.MULTILINE)
    if m is None:
        raise SystemExit(f"no statistics in the output: {proc.stdout[-500:]}")
    return elapsed, int(m.group(1))


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    gcc, gdb = shutil.which("gcc"), shutil.which("gdb")
    if gcc is None or gdb is None:
        raise SystemExit("needs gcc and gdb on PATH (apt-get install gcc gdb)")
    with tempfile.TemporaryDirectory(prefix="errtrail-bench-") as tmp:
        exe = Path(tmp) / "loop_error"
        subprocess.run([gcc, "-g", "-O0", "-o", str(exe), str(SOURCE)], check=True)
        fixed, _ = run(exe, Path(tmp) / "fixed.db", 0)
        elapsed, statements = run(exe, Path(tmp) / "bench.db", rounds)
    version = subprocess.run([gdb, "--version"], capture_output=True, text=True).stdout
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.release()}")
    print(f"gdb: {version.splitlines()[0]}")
    print(f"rounds: {rounds} calls of sum_checked(5), {statements} statements traced")
    print(f"wall time: {elapsed:.2f} s (fixed cost with 0 rounds: {fixed:.2f} s)")
    print(f"statements traced per second: {statements / elapsed:.0f}")
    print(f"statements traced per second, fixed cost removed: "
          f"{statements / max(elapsed - fixed, 1e-9):.0f}")


if __name__ == "__main__":
    main()
