"""Collector throughput and memory: `errtrail-collect run -- cat BIG` against
`cat BIG | tee copy > /dev/null`, measured in the same run on the same file.

Usage: .venv/bin/python benches/bench_collect.py [--size-mib 1024] [--dir /tmp] [--rounds 5]

Prints wall times, their ratio (target <= 1.3), and the collector's peak RSS
(target <= 64 MB whatever the size). The trace-like file is whythefail statement
lines with $$vars, as a busy kernel trace would be.

Each round runs tee and the collector (in alternating order), each after the same
settling: the previous command's output deleted (so that its writeback cannot land
on the next command), the rest written back, the CPUs idle, and with --cold the
clean page cache dropped, so that BIG is read from the disk rather
than from memory (on the development VM that made single commands vary by 2-3x; a
live tracer's output does not come from a disk anyway). It prints both and their
ratio; the summary gives the best of each and the median of the per-round ratios,
which a single noisy round cannot move much. An untimed warm-up round runs first:
right after the 1 GiB trace is written, the VM's disk stayed busy for seconds and
the first rounds took up to 3x longer.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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


def busy_fraction(interval: float = 0.3) -> float:
    """Share of all CPUs' time spent busy over ``interval`` (from /proc/stat)."""

    def sample() -> list[int]:
        with open("/proc/stat") as f:
            return [int(x) for x in f.readline().split()[1:8]]

    before = sample()
    time.sleep(interval)
    delta = [b - a for a, b in zip(before, sample(), strict=True)]
    idle = delta[3] + delta[4]  # idle + iowait
    return (sum(delta) - idle) / max(1, sum(delta))


def settle(cold: bool) -> None:
    """Start each measurement from the same state: earlier dirty pages written back
    (they would otherwise throttle whichever command runs next), and the CPUs idle
    (on a shared 2-core machine a test suite running alongside made the same command
    vary by 2x); gives up waiting for idle after 20 s."""
    subprocess.run(["sync"], check=True)
    if cold:
        with contextlib.suppress(OSError):
            Path("/proc/sys/vm/drop_caches").write_text("1\n")  # root only; clean pages
    deadline = time.monotonic() + 20
    with contextlib.suppress(OSError):
        while busy_fraction() > 0.08 and time.monotonic() < deadline:
            pass


def measure(cmd: str, cold: bool) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of the largest process the shell command ran."""
    settle(cold)
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
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument(
        "--cold", action="store_true", help="drop the page cache before each command"
    )
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="errtrail-bench-", dir=args.dir))
    collect = shutil.which("errtrail-collect", path=str(Path(sys.executable).parent))
    assert collect, "errtrail-collect is not installed next to this python"
    try:
        big = work / "big.trace"
        make_trace(big, args.size_mib << 20)
        size = big.stat().st_size
        print(
            f"trace: {size / 2**20:.0f} MiB, {os.cpu_count()} cores,"
            f" {'cold (page cache dropped)' if args.cold else 'warm'} source"
        )
        best_tee = best_collect = float("inf")
        rss = 0
        ratios = []
        archive_size = 0
        archive = work / "archive.db"

        def run_tee() -> float:
            wall, _ = measure(f"cat {big} | tee {work}/copy > /dev/null", args.cold)
            (work / "copy").unlink()
            return wall

        def run_collector() -> tuple[float, int]:
            nonlocal archive_size
            wall, peak = measure(
                f"{collect} run --archive {archive} -- cat {big} > /dev/null", args.cold
            )
            archive_size = archive.stat().st_size
            for f in work.glob("archive.db*"):
                f.unlink()
            return wall, peak

        run_tee()
        run_collector()
        for r in range(args.rounds):
            if r % 2:
                col, peak = run_collector()
                tee = run_tee()
            else:
                tee = run_tee()
                col, peak = run_collector()
            best_tee, best_collect, rss = min(best_tee, tee), min(best_collect, col), max(rss, peak)
            ratios.append(col / tee)
            print(
                f"round {r + 1}: tee {tee:.2f} s, errtrail-collect {col:.2f} s,"
                f" ratio {col / tee:.2f}, peak RSS {peak / 1024:.1f} MiB",
                flush=True,
            )
        print(
            f"best: tee {best_tee:.2f} s, errtrail-collect {best_collect:.2f} s,"
            f" ratio {best_collect / best_tee:.2f} (target <= 1.3);"
            f" median of round ratios {statistics.median(ratios):.2f}"
            f" (range {min(ratios):.2f}-{max(ratios):.2f});"
            f" collector peak RSS {rss / 1024:.1f} MiB (target <= 64)"
        )
        print(f"archive size: {archive_size / 2**20:.0f} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
