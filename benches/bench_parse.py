"""Benchmark: parse a >= 1 GiB whythefail trace from an archive, against mawk.

Generates a trace (default 1 GiB; ``--size``) of realistic invocations (kernel and
process targets, 4-60 statements of 3-16 ``$$vars`` each, a few damaged forms: glued
MAXSTRINGLEN cuts, foreign lines, program output mid-path) into a fresh archive in
1 MiB chunks and the same bytes into a plain file. Then, in the same run, times:

- ``mawk '{n[$2]++} END {for (k in n) print k, n[k]}' FILE`` (the baseline);
- ``summarize_run(archive, run, workers=W)``: every invocation parsed (header,
  statement structure, flags, counts), chunks read from SQLite;
- the same with one process, and (``--materialise``) a single-process parse that also
  builds every ``Statement`` object (slow; for reference).

mawk and each parse alternate ``--repeat`` times (default 3); each run and the best of
each are printed, since other work on the machine skews single runs. Each parse runs
in a child process that samples the RSS of itself and its workers from /proc every
10 ms (ru_maxrss would include the RSS its parent had when it forked); mawk's peak is
its VmHWM.

    .venv/bin/python benches/bench_parse.py [--size 1GiB] [--workers 2] [--repeat 3]
        [--keep DIR] [--materialise]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from collector.archive import Archive, Chunk, RunMeta

CHUNK = 1 << 20

_KERNEL_FUNCS = [
    ("kernel", "do_sys_openat2", "fs/open.c", 1190),
    ("kernel", "__do_sys_perf_event_open", "kernel/events/core.c", 12049),
    ("kernel", "vfs_read", "fs/read_write.c", 450),
    ('module("xfs")', "xfs_file_open", "fs/xfs/xfs_file.c", 1200),
    (
        'process("/usr/sbin/nginx")',
        "ngx_http_process_request",
        "/build/nginx/src/http/ngx_http_request.c",
        2010,
    ),
]
_EXECS = ["cat", "nginx: worker", "systemd-journal", "Xorg.bin", "python3", "kworker/3:1"]
_NAMES = [
    "err",
    "fd",
    "flags",
    "mode",
    "op",
    "attr",
    "ctx",
    "event",
    "pid",
    "cpu",
    "file",
    "tmp",
    "ret",
    "len",
    "pos",
    "buf",
    "count",
    "inode",
    "dentry",
    "task",
]


def _value(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.25:
        return "?"
    if r < 0.32:
        return "{...}"
    if r < 0.35:
        return "[...]"
    if r < 0.55:
        return hex(rng.randrange(0, 64))
    if r < 0.7:
        return hex((1 << 64) - rng.randrange(1, 4096))
    return hex(rng.randrange(0xFFFF888000000000, 0xFFFF8FFFFFFFFFFF))


def _invocation(rng: random.Random, damaged: bool) -> bytes:
    target, func, path, first = rng.choice(_KERNEL_FUNCS)
    execname = rng.choice(_EXECS)
    tid = rng.randrange(1, 4_000_000)
    prefix = f"{execname}[{tid}] "
    names = rng.sample(_NAMES, rng.randrange(3, 17))
    lines = [f"\n{prefix}{target} function({func}) $return: {-rng.choice([2, 9, 13, 22, 95])}\n"]
    line = first
    for i in range(rng.randrange(4, 60)):
        values = " ".join(f"{n}={_value(rng)}" for n in names)
        text = f"{prefix}{path}:{line} $$vars: {values}"
        if damaged and i == 2:
            kind = rng.randrange(3)
            if kind == 0:  # MAXSTRINGLEN cut, next record glued on
                text = (text + " pad=0x" + "f" * 600)[:511]
                lines.append(text)
                line += rng.randrange(1, 4)
                continue
            if kind == 1:  # a foreign line from the shared speculation pool
                text = f"other[{tid + 1}] {path}:{line} $$vars: {values}"
            else:  # the traced program's output mid-path
                lines.append("some program output\n")
        lines.append(text[:510] + "\n")
        line += rng.randrange(1, 4)
    lines.append(f"{prefix}{path}:{line + 3} $$vars: {' '.join(n + '=?' for n in names)}\n")
    return "".join(lines).encode()


def generate(size: int, seed: int = 1) -> Iterator[bytes]:
    """1 MiB chunks of a trace of about ``size`` bytes (a pool of invocations, sampled)."""
    rng = random.Random(seed)
    pool = [_invocation(rng, damaged=(i % 97 == 0)) for i in range(4000)]
    produced = 0
    buf = bytearray(b"hello from the traced program\n")
    while produced < size:
        while len(buf) < CHUNK:
            buf += pool[rng.randrange(len(pool))]
        chunk = bytes(buf[:CHUNK])
        del buf[:CHUNK]
        produced += len(chunk)
        yield chunk
    tail = bytes(buf) + b"\nstatistics:\nentry count: 1\nexit-hit count: 1\nexit-miss count: 0\n"
    yield tail + b"statement count: 1\n"


def build(workdir: Path, size: int) -> tuple[Path, Path, int]:
    archive_path = workdir / "bench.db"
    plain = workdir / "trace.stdout"
    for old in workdir.glob("bench.db*"):
        old.unlink()
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    with Archive.open(archive_path) as archive, plain.open("wb") as out:
        run_id = archive.create_run(RunMeta(command=("stap", "whythefail.stp")), status="complete")
        seq = 0
        batch: list[Chunk] = []
        for data in generate(size):
            out.write(data)
            batch.append(Chunk("stdout", data, when))
            if len(batch) == 16:
                seq = archive.append_chunks(run_id, seq, batch)
                batch = []
        if batch:
            archive.append_chunks(run_id, seq, batch)
    return archive_path, plain, run_id


_CHILD = """
import json, os, sys, threading, time
sys.path.insert(0, {repo!r})
from reporter.parse import iter_records
from reporter.records import Invocation, OrphanStatements
from reporter.summaries import summarize_run
from collector.archive import Archive

def rss_kb(pid):
    try:
        with open(f"/proc/{{pid}}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

def family(pid):
    out = [pid]
    try:
        with open(f"/proc/{{pid}}/task/{{pid}}/children") as f:
            for c in f.read().split():
                out += family(int(c))
    except OSError:
        pass
    return out

peak = {{"sum": 0, "max": 0}}
done = threading.Event()
def sample():
    while not done.is_set():
        sizes = [rss_kb(p) for p in family(os.getpid())]
        peak["sum"] = max(peak["sum"], sum(sizes))
        peak["max"] = max(peak["max"], max(sizes))
        time.sleep(0.01)
threading.Thread(target=sample, daemon=True).start()

mode, path, run_id, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
t = time.perf_counter()
if mode == "summary":
    s = summarize_run(path, run_id, workers=workers)
    out = dict(invocations=s.invocations, statements=s.statements, bytes=s.bytes,
               unparsed=s.unparsed_records, truncated=s.truncated_invocations,
               foreign=s.foreign_invocations, partial=s.partial_invocations)
else:
    n = st = 0
    with Archive.open(path, readonly=True) as a:
        for r in iter_records(c.data for c in a.iter_chunks(run_id, "stdout")):
            if isinstance(r, (Invocation, OrphanStatements)):
                n += 1
                st += len(r.statements)
    out = dict(groups=n, statements=st)
wall = time.perf_counter() - t
done.set()
print(json.dumps(dict(wall=wall, rss_sum_kb=peak["sum"], rss_max_kb=peak["max"], **out)))
"""


def run_child(mode: str, archive_path: Path, run_id: int, workers: int) -> dict[str, float]:
    import json

    repo = str(Path(__file__).resolve().parent.parent)
    res = subprocess.run(
        [
            sys.executable,
            "-c",
            _CHILD.format(repo=repo),
            mode,
            str(archive_path),
            str(run_id),
            str(workers),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(res.stdout))


def run_mawk(mawk: str, plain: Path) -> tuple[float, int]:
    """Wall time and peak RSS (kB, VmHWM sampled from /proc) of the mawk baseline.

    ru_maxrss of a child would include this process's own RSS at fork time.
    """
    program = "{n[$2]++} END {for (k in n) print k, n[k]}"
    t = time.perf_counter()
    proc = subprocess.Popen([mawk, program, str(plain)], stdout=subprocess.DEVNULL)
    hwm = 0
    while proc.poll() is None:
        try:
            for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    hwm = max(hwm, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.005)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"mawk failed with status {proc.returncode}")
    return wall, hwm


def parse_size(text: str) -> int:
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    t = text.lower().removesuffix("ib").removesuffix("b")
    if t and t[-1] in units:
        return int(float(t[:-1]) * units[t[-1]])
    return int(t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", default="1GiB", help="trace size (default 1GiB)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3, help="timed rounds (default 3)")
    ap.add_argument("--keep", type=Path, help="build in (and keep) this directory")
    ap.add_argument(
        "--materialise",
        action="store_true",
        help="also time building every Statement object (single process)",
    )
    args = ap.parse_args()
    size = parse_size(args.size)
    mawk = shutil.which("mawk")
    if mawk is None:
        sys.exit("mawk not found: apt-get install mawk")
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench-parse-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        t = time.perf_counter()
        archive_path, plain, run_id = build(workdir, size)
        print(
            f"generated {plain.stat().st_size / 2**20:.0f} MiB trace in"
            f" {time.perf_counter() - t:.1f} s ({workdir})"
        )
        print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}")
        # Warm the page cache for both inputs alike.
        for p in (plain, archive_path):
            with p.open("rb") as f:
                while f.read(8 << 20):
                    pass
        modes = [("summary", args.workers), ("summary", 1)]
        if args.materialise:
            modes.append(("materialise", 1))
        # Alternate mawk and each parse, --repeat times; report each run and the best.
        awk_walls: list[float] = []
        results: dict[tuple[str, int], list[dict[str, float]]] = {m: [] for m in modes}
        for _ in range(args.repeat):
            awk, awk_rss = run_mawk(mawk, plain)
            awk_walls.append(awk)
            print(f"mawk: {awk:.2f} s (peak RSS {awk_rss / 1024:.0f} MB)")
            for mode, workers in modes:
                r = run_child(mode, archive_path, run_id, workers)
                results[(mode, workers)].append(r)
                print(
                    f"parse ({mode}, {workers} worker process(es)): {r['wall']:.2f} s,"
                    f" {r['wall'] / awk:.2f}x this mawk run; peak RSS summed over the"
                    f" parsing processes {r['rss_sum_kb'] / 1024:.0f} MB, largest single"
                    f" {r['rss_max_kb'] / 1024:.0f} MB"
                )
        counts = {
            k: v
            for k, v in results[modes[0]][0].items()
            if k not in ("wall", "rss_sum_kb", "rss_max_kb")
        }
        print("parsed:", counts)
        best_awk = min(awk_walls)
        print(f"best of {args.repeat}: mawk {best_awk:.2f} s")
        for (mode, workers), runs in results.items():
            best = min(r["wall"] for r in runs)
            rss = max(r["rss_sum_kb"] for r in runs) / 1024
            print(
                f"best of {args.repeat}: parse ({mode}, {workers} worker(s)) {best:.2f} s ="
                f" {best / best_awk:.2f}x mawk, peak RSS <= {rss:.0f} MB"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
