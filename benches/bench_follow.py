"""Benchmark: reaching the origin of an errno three calls deep, with and without --follow.

Builds tests/programs/follow.c (``configure -> parse_iface -> check_mtu``, whose
``return -EINVAL;`` is the origin) with gcc -g -O0, then times, round after round
and alternating (after one untimed warm-up round), what a user types:

- with ``--follow``: ``errtrail-collect gdb --follow configure '$return < 0' -- PROG
  three`` then ``errtrail-report diagnose latest --offline`` (2 commands);
- by hand: for each level, ``errtrail-collect gdb FUNCTION '$return < 0' -- PROG
  three`` then ``errtrail-report diagnose latest --offline``, reading the callee and
  the next command off the diagnosis, until it names no callee (3 captures and 3
  diagnoses: 6 commands).

Each side's figure is the wall time of all its commands, as whole processes; both
must end at the same origin line, which is checked. Prints every round, the best
and the median of each side.

    .venv/bin/python benches/bench_follow.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROGRAM = REPO / "tests" / "programs" / "follow.c"
BIN = Path(sys.executable).parent


def sh(words: list[str]) -> str:
    proc = subprocess.run(words, capture_output=True, text=True, check=True, cwd=REPO)
    return proc.stdout


def with_follow(exe: Path, db: Path) -> tuple[int, str]:
    sh([str(BIN / "errtrail-collect"), "gdb", "--archive", str(db), "--follow", "configure",
        "$return < 0", "--", str(exe), "three"])
    data = json.loads(sh([str(BIN / "errtrail-report"), "diagnose", "latest", "--json",
                          "--offline", "--archive", str(db)]))
    last = data["trail"]["levels"][-1]
    return 2, f"{last['function']}:{last['line']}"


def by_hand(exe: Path, db: Path) -> tuple[int, str]:
    words = ["errtrail-collect", "gdb", "configure", "$return < 0", "--", str(exe), "three"]
    commands = 0
    while True:
        sh([str(BIN / words[0]), words[1], "--archive", str(db), *words[2:]])
        data = json.loads(sh([str(BIN / "errtrail-report"), "diagnose", "latest", "--json",
                              "--offline", "--archive", str(db)]))
        commands += 2
        top = data["paths"][0]["candidates"][0]
        if not top.get("callee"):
            return commands, f"{data['function']}:{top['line']}"
        # The next step is printed ready to paste; by hand it traces one level only.
        words = [w for w in shlex.split(top["next_step"]) if w != "--follow"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="errtrail-bench-follow-"))
    try:
        exe = work / "follow"
        subprocess.run(["gcc", "-g", "-O0", "-pthread", "-o", str(exe), str(PROGRAM)],
                       check=True)
        sides = {"--follow": with_follow, "by hand": by_hand}
        times: dict[str, list[float]] = {name: [] for name in sides}
        for round_no in range(args.rounds + 1):
            for name, side in sides.items():
                db = work / f"{name.strip('-').replace(' ', '')}-{round_no}.db"
                t0 = time.perf_counter()
                commands, origin = side(exe, db)
                elapsed = time.perf_counter() - t0
                if round_no:
                    times[name].append(elapsed)
                print(f"round {round_no}{' (warm-up)' if not round_no else ''}: {name}:"
                      f" {commands} commands, {elapsed:.2f} s, origin {origin}")
        for name, values in times.items():
            print(f"{name}: best {min(values):.2f} s, median {statistics.median(values):.2f} s"
                  f" over {len(values)} rounds")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
