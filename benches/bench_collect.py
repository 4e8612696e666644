"""Collector throughput and memory: `errtrail-collect run -- cat BIG` against
`cat BIG | tee copy > /dev/null`, measured in the same run on the same file.

Usage: .venv/bin/python benches/bench_collect.py [--size-mib 1024] [--dir /tmp]

Prints wall times, their ratio (target <= 1.3), and the collector's peak RSS
(target <= 64 MB whatever the size). The trace-like file is whythefail statement
lines with $$vars, as a busy kernel trace would be.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

LINE = (
    b"myprogram[20919] kernel/events/core.c:%05d $$vars: attr_uptr=0x7ffcd1ef0bc0"
    b" pid=0xffffffffffffffff cpu=0x1 group_fd=0xffffffffffffffff flags=0x0 err=0x%x\n"
)


def make_trace(path: Path, size: int) -> None:
    block = b"".join(
        (b"\nmyprogram[20919] kernel function(f) $return: -22\n" if i % 50 == 0 else b"")
        + LINE % (12000 + i % 400, i)
        for i in range(8000)
    )
    with path.open("wb") as f:
        written = 0
        while written < size:
            f.write(block)
            written += len(block)


def settle() -> None:
    """Start each measurement from the same state: earlier rounds' dirty pages
    written back (they would otherwise throttle whichever command runs next)."""
    subprocess.run(["sync"], check=True)
    with contextlib.suppress(OSError):
        Path("/proc/sys/vm/drop_caches").write_text("1\n")  # root only; clean pages


def measure(cmd: str) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of the largest process the shell command ran."""
    settle()
    probe = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter(); subprocess.run(sys.argv[1], shell=True, check=True);"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, cmd], capture_output=True, check=True)
    wall, rss = out.stdout.split()
    return float(wall), int(rss)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size-mib", type=int, default=1024)
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()))
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="errtrail-bench-", dir=args.dir))
    collect = shutil.which("errtrail-collect", path=str(Path(sys.executable).parent))
    assert collect, "errtrail-collect is not installed next to this python"
    try:
        big = work / "big.trace"
        make_trace(big, args.size_mib << 20)
        size = big.stat().st_size
        print(f"trace: {size / 2**20:.0f} MiB, {os.cpu_count()} cores")
        best_tee = best_collect = float("inf")
        rss = 0
        for r in range(args.rounds):
            for f in work.glob("copy*"):
                f.unlink()
            for f in work.glob("archive*"):
                f.unlink()
            tee, _ = measure(f"cat {big} | tee {work}/copy > /dev/null")
            col, peak = measure(
                f"{collect} run --archive {work}/archive{r}.db -- cat {big} > /dev/null"
            )
            best_tee, best_collect, rss = min(best_tee, tee), min(best_collect, col), max(rss, peak)
            print(
                f"round {r + 1}: tee {tee:.2f} s, errtrail-collect {col:.2f} s,"
                f" peak RSS {peak / 1024:.1f} MiB"
            )
        print(
            f"best: tee {best_tee:.2f} s, errtrail-collect {best_collect:.2f} s,"
            f" ratio {best_collect / best_tee:.2f} (target <= 1.3);"
            f" collector peak RSS {rss / 1024:.1f} MiB (target <= 64)"
        )
        last = work / f"archive{args.rounds - 1}.db"
        print(f"archive size: {last.stat().st_size / 2**20:.0f} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
