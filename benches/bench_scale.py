"""Benchmark: report commands on big archives, against mawk over the same bytes.

Two traces, each written into a fresh archive as a collector stores it (1 MiB
chunks), and the same bytes into a plain file for mawk:

- ``big``: 1.02 GiB, 350,000 calls of ``demo_do_open`` (sample_traces/src/fs/demo_open.c)
  over 5 paths of about 3 KB each (loops repeat lines; 5 million lines);
- ``short``: 1,000,000 short calls (a header and one statement), over 5 paths.

For each trace, the commands a user runs, in this order, each timed as a whole
process with its peak RSS (wait4's ru_maxrss, children included for the parse
workers):

- ``mawk '{n[$2]++}' FILE`` (reads and splits every line: the reference);
- ``errtrail-report diagnose latest --json --offline --source-dir sample_traces/src``,
  the first one (it analyses the trace and stores the analysis);
- the same ``diagnose`` again, then ``html`` and ``markdown`` (served from the stored
  analysis);
- ``errtrail-collect run -- cat FILE`` against ``tee`` into a file, for the collector.

The reporter's modules are byte-compiled first (``compileall``), as ``pip install``
leaves them: a checkout run with PYTHONDONTWRITEBYTECODE=1 would otherwise compile
every module on every command.

Each round runs every command once, in that order, on a fresh copy of the archive;
the table gives each command's best and median seconds over the rounds, its peak RSS,
its best time over mawk's best (tee's for the collector) and the median of the
rounds' ratios, and the HTML size. Targets (issue 13): first diagnose <= 2x mawk,
repeated commands <= 1x, RSS <= 256 MB, HTML <= 2 MB, collector <= 1.1x tee.

    .venv/bin/python benches/bench_scale.py [--only big|short] [--rounds 3] [--scale 1.0]
        [--keep DIR]
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from collector.archive import Archive, Chunk, RunMeta  # noqa: E402

BIN = REPO / ".venv" / "bin"
SOURCES = REPO / "sample_traces" / "src"
CHUNK = 1 << 20
# (lines, return) of the five paths; lines repeated inside a loop make the big trace's
# calls about 3 KB long.
LOOP = [36, 37, 40, 41]
PATHS: list[tuple[list[int], int]] = [
    ([25, 32, 33, 34, 60], -22),
    ([25, 32, 33, *LOOP * 3, 46, 47, 48, 49, 56, 58, 59, 60], -2),
    ([25, 32, 33, *LOOP * 2, 38, 60], -12),
    ([25, 32, 33, *LOOP * 3, 42, 43, 58, 59, 60], -24),
    ([25, 32, 33, *LOOP * 3, 46, 47, 48, 49, 56, 58, 60], -13),
]
WEIGHTS = [50, 25, 12, 8, 5]
# " pad=0x0" repeated on each statement line: 12 makes the big trace 1.02 GiB.
PAD = 12


def _call(k: int, lines: list[int], ret: int, width: int) -> bytes:
    tid = 1000 + k % 997
    head = f"\ncat[{tid}] kernel function(demo_do_open) $return: {ret}\n"
    body = []
    for n in lines:
        err = ret if n in (34, 38, 42, 49) else 0
        body.append(f"cat[{tid}] fs/demo_open.c:{n} $$vars: dfd=0xffffffffffffff9c"
                    f" filename=0x7ffd5a3e{k % 0xFFFF:04x} how=0xffffc90000a3fe58"
                    f" name=0xffff8880{k % 0xFFFFFF:06x}00 f=? fd=0x{3 + k % 5:x}"
                    f" err=0x{err & 0xFFFFFFFFFFFFFFFF:x}{' pad=0x0' * width}\n")
    return (head + "".join(body)).encode()


def calls(kind: str, scale: float) -> Iterator[bytes]:
    order = [i for i, w in enumerate(WEIGHTS) for _ in range(w)]
    if kind == "big":
        for k in range(int(350_000 * scale)):
            lines, ret = PATHS[order[k % len(order)]]
            yield _call(k, lines, ret, PAD)
    else:
        for k in range(int(1_000_000 * scale)):
            p = order[k % len(order)]
            tid = 1000 + k % 997
            yield (f"\ncat[{tid}] kernel function(demo_do_open) $return: {PATHS[p][1]}\n"
                   f"cat[{tid}] fs/demo_open.c:{25 + p} $$vars: err=0x0\n").encode()


def write(kind: str, scale: float, work: Path) -> tuple[Path, Path, int]:
    """The archive and the plain file of one trace, and its size."""
    db, plain = work / f"{kind}.db", work / f"{kind}.txt"
    when = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
    size = 0
    with Archive.open(db, clock=lambda: when, sync="off") as a, plain.open("wb") as f:
        rid = a.create_run(RunMeta(
            command=("stap", "whythefail.stp", "kernel", "demo_do_open", "$return < 0"),
            target="kernel", function="demo_do_open", condition="$return < 0"),
            status="complete")
        pending: list[bytes] = []
        held = seq = 0
        for data in itertools.chain(calls(kind, scale), [b""]):
            pending.append(data)
            held += len(data)
            if held >= CHUNK or not data:
                blob = b"".join(pending)
                a.append_chunks(rid, seq, [Chunk("stdout", blob[i:i + CHUNK], when)
                                           for i in range(0, len(blob), CHUNK)])
                seq += (len(blob) + CHUNK - 1) // CHUNK
                f.write(blob)
                size += len(blob)
                pending, held = [], 0
    return db, plain, size


def timed(cmd: list[str], **kw: object) -> tuple[float, int]:
    """Wall seconds and peak RSS in KB of one process (workers included)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, **kw)  # type: ignore[call-overload]
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(cmd[:3])} failed with status {status}")
    return wall, usage.ru_maxrss


def _round(db: Path, plain: Path, work: Path, kind: str) -> dict[str, tuple[float, int]]:
    """One round: every command once, in the order a user runs them, on a fresh copy
    of the archive (so that the first ``diagnose`` analyses the trace again)."""
    fresh = work / f"{kind}-round.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{fresh}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(db, fresh)
    report = [str(BIN / "errtrail-report")]
    common = ["--archive", str(fresh), "--offline", "--source-dir", str(SOURCES)]
    out = {"mawk": timed(["mawk", "{n[$2]++}", str(plain)])}
    for label, cmd in [
        ("diagnose --json (first)", [*report, "diagnose", "latest", "--json", *common]),
        ("diagnose --json (again)", [*report, "diagnose", "latest", "--json", *common]),
        ("html", [*report, "html", "latest", "-o", str(work / f"{kind}.html"), *common]),
        ("markdown", [*report, "markdown", "latest", "-o", str(work / f"{kind}.md"), *common]),
    ]:
        out[label] = timed(cmd)
    out["tee"] = timed(["sh", "-c", f"cat {plain} | tee {work / 'tee.out'}"])
    (work / "c.db").unlink(missing_ok=True)
    out["collect"] = timed([str(BIN / "errtrail-collect"), "run", "--archive",
                            str(work / "c.db"), "--", "cat", str(plain)])
    return out


def bench(kind: str, scale: float, work: Path, rounds: int) -> None:
    # Written by another process: this one stays small, and a child forked from it
    # starts with its RSS (ru_maxrss counts the pages a fork shares).
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        db, plain, size = pool.apply(write, (kind, scale, work))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "collector"),
                    str(REPO / "reporter")], check=True, stdout=subprocess.DEVNULL)
    results = [_round(db, plain, work, kind) for _ in range(rounds)]
    html = (work / f"{kind}.html").stat().st_size
    with Archive.open(work / f"{kind}-round.db", readonly=True) as a:
        n = a.conn.execute("SELECT invocations, paths FROM analyses").fetchone()
    print(f"\n{kind}: {size / 2**20:.0f} MiB of stdout, {n[0]:,} calls over {n[1]} paths;"
          f" HTML {html / 1e6:.2f} MB; {rounds} rounds")
    print(f"{'command':<36} {'best s':>7} {'median s':>9} {'peak RSS':>9}  ratio: best, median")
    for label, base in [("mawk", "mawk"), ("diagnose --json (first)", "mawk"),
                        ("diagnose --json (again)", "mawk"), ("html", "mawk"),
                        ("markdown", "mawk"), ("tee", "tee"), ("collect", "tee")]:
        walls = [r[label][0] for r in results]
        ratios = [r[label][0] / r[base][0] for r in results]
        best = min(walls) / min(r[base][0] for r in results)
        name = {"mawk": "mawk '{n[$2]++}'", "tee": "cat FILE | tee OUT",
                "collect": "errtrail-collect run -- cat FILE"}.get(label, label)
        print(f"{name:<36} {min(walls):7.2f} {statistics.median(walls):9.2f}"
              f" {max(r[label][1] for r in results) / 1024:6.0f} MB  {best:.2f}x,"
              f" {statistics.median(ratios):.2f}x {base}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=("big", "short"))
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the full traces")
    ap.add_argument("--keep", type=Path, help="work in this directory and keep it")
    ap.add_argument("--rounds", type=int, default=3,
                    help="times each command runs (best and median are printed)")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="errtrail-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        for kind in ("big", "short"):
            if args.only in (None, kind):
                bench(kind, args.scale, work, args.rounds)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
