"""Benchmark: `errtrail-report diagnose` on 100,000 failing invocations over 5 paths.

Writes the trace of benches/bench_render.py (``--invocations`` calls of
``demo_do_open`` following 5 distinct paths, with per-call tids, pointers and fds)
into a fresh archive, then times whole commands as a user runs them, alternating
them round after round (after one untimed warm-up round):

- ``errtrail-report diagnose latest --json --offline --source-dir sample_traces/src``
  (parse, find the sources, diagnose, write JSON);
- ``errtrail-report show latest --limit 1`` (parses the whole trace too; for scale);

and, in this process, where ``diagnose``'s time goes: ``reporter.parse.parse_run``
against everything after it (the traced lines per file, the source lookup and
``reporter.diagnosis.diagnose``), which is what the diagnosis adds to parsing: it
reads each invocation's path key, then works once per distinct path.

Prints every round, the best and the median, and the peak RSS of each command.

    .venv/bin/python benches/bench_diagnose.py [--invocations 100000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benches.bench_render import trace  # noqa: E402
from collector.archive import Archive, Chunk, RunMeta  # noqa: E402

SOURCES = REPO / "sample_traces" / "src"


def make_archive(db: Path, invocations: int) -> None:
    data = trace(invocations)
    when = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
    with Archive.open(db, clock=lambda: when) as archive:
        run_id = archive.create_run(
            RunMeta(command=("stap", "whythefail.stp", "kernel", "demo_do_open", "$return < 0"),
                    target="kernel", function="demo_do_open", condition="$return < 0"),
            status="complete")
        step = 1 << 20
        chunks = [Chunk("stdout", data[i : i + step], when) for i in range(0, len(data), step)]
        archive.append_chunks(run_id, 0, chunks)
    print(f"trace: {invocations} invocations over 5 paths, {len(data) / 1e6:.1f} MB of stdout")


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of one run of ``cmd`` (its own rusage)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{cmd[1]} failed with status {proc.returncode}")
    return wall, usage.ru_maxrss


def in_process(db: Path) -> tuple[float, float]:
    """(parse_run seconds, seconds for everything diagnose does after it)."""
    from reporter.diagnosis import diagnose
    from reporter.index import trace_lines
    from reporter.parse import parse_run
    from reporter.sources import SourceOptions, resolve_sources

    with Archive.open(db) as archive:
        run = archive.get_run("latest")
        t0 = time.perf_counter()
        parsed = parse_run(archive, run.id)
        t1 = time.perf_counter()
        lines = trace_lines(parsed)
        report = resolve_sources(archive, run, list(lines),
                                 SourceOptions(source_dirs=(SOURCES,), offline=True),
                                 highest_lines=lines)
        d = diagnose(parsed, run, {p: f.text for p, f in report.files.items()})
        t2 = time.perf_counter()
    assert len(d.paths) == 5, len(d.paths)
    return t1 - t0, t2 - t1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--invocations", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="errtrail-bench-diagnose-"))
    try:
        db = work / "archive.db"
        make_archive(db, args.invocations)
        report = str(Path(sys.executable).with_name("errtrail-report"))
        commands = {
            "diagnose": [report, "diagnose", "latest", "--archive", str(db), "--json",
                         "--offline", "--source-dir", str(SOURCES)],
            "show": [report, "show", "latest", "--archive", str(db), "--limit", "1"],
        }
        times: dict[str, list[float]] = {k: [] for k in commands}
        rss: dict[str, int] = dict.fromkeys(commands, 0)
        for rnd in range(args.rounds + 1):
            row = []
            for name, cmd in commands.items():
                wall, peak = timed(cmd)
                if rnd:
                    times[name].append(wall)
                    rss[name] = max(rss[name], peak)
                row.append(f"{name} {wall:5.2f} s")
            print(("warm-up  " if rnd == 0 else f"round {rnd}  ") + ", ".join(row))
        for name, ts in times.items():
            print(f"errtrail-report {name}: best {min(ts):.2f} s, median"
                  f" {statistics.median(ts):.2f} s, peak RSS {rss[name] / 1024:.0f} MB")
        splits = [in_process(db) for _ in range(args.rounds)]
        parse = min(p for p, _ in splits)
        after = min(a for _, a in splits)
        print(f"inside diagnose (best of {args.rounds}): parse_run {parse:.2f} s; the"
              f" diagnosis after it (traced lines, sources, diagnose) {after:.2f} s")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
