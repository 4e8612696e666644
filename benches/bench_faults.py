"""Benchmark: what two faults cost, each against the tool a user would use instead.

Run: ``.venv/bin/python benches/bench_faults.py [--timeout 1] [--stall-mb 20]``

1. **A trickling server**: an HTTP server on 127.0.0.1 that answers 200 and then
   sends one byte every 0.2 s of a 1000-byte body (a hand-written server: the real
   debuginfod never trickles). Timed as whole processes, with
   ``DEBUGINFOD_TIMEOUT=--timeout`` and a fresh cache each:
   ``debuginfod-find source BUILDID /src/f.c`` (elfutils' client, which applies the
   same 100K-per-timeout rule) against ``errtrail-report fetch RUN`` of a run whose
   one traced file is ``/src/f.c``.
2. **A stalled terminal, then SIGKILL**: a command writes ``--stall-mb`` MB in
   0.5 MB steps into a terminal that has stopped reading (a FIFO held open and never
   read, as after Ctrl-S or in a hung ssh session), then sleeps; five seconds later
   the whole process group is killed with SIGKILL. Bytes kept, for
   ``errtrail-collect run -- CMD`` (the archive) against ``CMD | tee copy`` (the
   copy tee wrote).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benches"))

from bench_fetch import archive_with  # noqa: E402

from collector.archive import Archive  # noqa: E402

BIN = Path(sys.executable).parent
BUILD_ID = "0123456789abcdef0123456789abcdef01234567"
TRICKLE_BYTES = 1000
TRICKLE_EVERY_S = 0.2
STEP = 500_000  # bytes the stalled command writes per step
KILL_AFTER_S = 5.0


class Trickle(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(TRICKLE_BYTES))
        self.end_headers()
        for _ in range(TRICKLE_BYTES):
            try:
                self.wfile.write(b"x")
                self.wfile.flush()
            except OSError:  # the client gave up
                return
            time.sleep(TRICKLE_EVERY_S)

    def log_message(self, format: str, *args: object) -> None:
        pass


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, done.returncode


def trickle(work: Path, timeout: float) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    archive = work / "t.db"
    trace = (b'\nprog[1] process("/p") function(f) $return: -22\n'
             b"prog[1] /src/f.c:2 $$vars: x=0x1\n")
    run_id = archive_with(archive, BUILD_ID, trace)

    def env() -> dict[str, str]:
        return {**os.environ, "DEBUGINFOD_URLS": url, "DEBUGINFOD_TIMEOUT": f"{timeout:g}",
                "DEBUGINFOD_CACHE_PATH": tempfile.mkdtemp(dir=work)}

    try:
        find = timed(["debuginfod-find", "source", BUILD_ID, "/src/f.c"], env())
        fetch = timed([str(BIN / "errtrail-report"), "fetch", str(run_id), "--archive",
                       str(archive)], env())
    finally:
        server.shutdown()
    whole = TRICKLE_BYTES * TRICKLE_EVERY_S
    print(f"trickling server (1 byte every {TRICKLE_EVERY_S} s, {whole:.0f} s for the body),"
          f" DEBUGINFOD_TIMEOUT={timeout:g}:")
    print(f"  debuginfod-find source BUILDID /src/f.c  {find[0]:6.2f} s  exit {find[1]}")
    print(f"  errtrail-report fetch RUN                {fetch[0]:6.2f} s  exit {fetch[1]}"
          " (the run's one file, /src/f.c)")


WRITER = """\
import sys, time
line = b"cat[7] f.c:2 $$vars: i=0x1 pad=" + b"x" * 90 + b"\\n"
block = line * ({step} // len(line))
for i in range({steps}):
    sys.stdout.buffer.write(block); sys.stdout.flush()
    time.sleep(0.05)
time.sleep(600)
"""


def stalled(work: Path, argv: list[str], steps: int) -> None:
    """Run ``argv`` (a shell command line) into a FIFO nobody reads, then SIGKILL
    its whole process group ``KILL_AFTER_S`` later."""
    fifo = work / "terminal"
    if fifo.exists():
        fifo.unlink()
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # held open, never read
    out = os.open(fifo, os.O_WRONLY)
    try:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        time.sleep(KILL_AFTER_S)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        os.close(out)
        os.close(reader)


def stall(work: Path, mb: int) -> None:
    steps = mb * 1_000_000 // STEP
    line_len = len(b"cat[7] f.c:2 $$vars: i=0x1 pad=") + 91
    written = steps * (STEP // line_len) * line_len
    script = work / "writer.py"
    script.write_text(WRITER.format(step=STEP, steps=steps))
    command = f"{sys.executable} {script}"
    db = work / "s.db"
    stalled(work, [str(BIN / "errtrail-collect"), "run", "--archive", str(db), "--", "sh",
                   "-c", command], steps)
    with Archive.open(db, readonly=True) as a:
        (run,) = a.runs()
        kept = len(a.stream_bytes(run.id, "stdout"))
    copy = work / "copy"
    stalled(work, ["sh", "-c", f"{command} | tee {copy}"], steps)
    teed = copy.stat().st_size
    print(f"stalled terminal, SIGKILL {KILL_AFTER_S:g} s after the start ({written:,} bytes"
          " written in the first 2-3 s):")
    print(f"  errtrail-collect run -- CMD    kept {kept:>12,} bytes, lost {written - kept:,}")
    print(f"  CMD | tee copy                 kept {teed:>12,} bytes, lost {written - teed:,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=1.0)
    parser.add_argument("--stall-mb", type=int, default=20)
    args = parser.parse_args()
    for tool in ("debuginfod-find", "tee"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found: apt-get install elfutils coreutils")
    with tempfile.TemporaryDirectory(prefix="bench_faults.") as tmp:
        trickle(Path(tmp), args.timeout)
        stall(Path(tmp), args.stall_mb)


if __name__ == "__main__":
    main()
