"""Fetching the 50 source files of one build-id: errtrail vs a debuginfod-find loop.

Run: ``.venv/bin/python benches/bench_fetch.py [--files 50] [--delay-ms 25] [--repeat 3]``

Compiles one program from N C files (``gcc -g``), serves it with the real elfutils
``debuginfod`` on loopback, and times, cold (fresh archive, fresh elfutils cache):

- a shell loop of ``debuginfod-find source BUILDID PATH`` (one process per file, as a
  person or a script does it today);
- ``reporter.sources.resolve_sources`` in-process (the report's source step);
- ``errtrail-report fetch RUN`` end to end (Python start-up included);

each directly against the server and through a small TCP proxy that delays every
chunk by ``--delay-ms`` in each direction (a server across a network). Then warm: the
source step when every file is already in the archive. Prints the medians.
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from collector.archive import Archive, Chunk, RunMeta, utc_now  # noqa: E402
from reporter.sources import SourceOptions, resolve_sources  # noqa: E402


def build(root: Path, n: int) -> tuple[Path, str, list[str]]:
    src = root / "src"
    src.mkdir()
    files = []
    for i in range(n):
        body = "".join(
            f"int f{i}_{j}(int x) {{ int e = x * {j}; if (e < 0) return -22; return e; }}\n"
            for j in range(60)
        )
        path = src / f"unit_{i:02d}.c"
        path.write_text(f"/* unit {i} */\n{body}")
        files.append(str(path))
    (src / "main.c").write_text("int main(void) { return 0; }\n")
    elf_dir = root / "elf"
    elf_dir.mkdir()
    exe = elf_dir / "prog"
    subprocess.run(["gcc", "-g", "-O0", "-o", str(exe), str(src / "main.c"), *files],
                   check=True)
    notes = subprocess.run(["readelf", "-n", str(exe)], capture_output=True, text=True,
                           check=True).stdout
    build_id = next(line.split()[-1] for line in notes.splitlines() if "Build ID" in line)
    return elf_dir, build_id, files


def start_debuginfod(elf_dir: Path, work: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        ["debuginfod", "-F", str(elf_dir), "-p", str(port), "-d", str(work / "db.sqlite"),
         "-t", "0", "-g", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            text = urllib.request.urlopen(url + "/metrics", timeout=2).read().decode()
        except OSError:
            time.sleep(0.05)
            continue
        m = dict(line.rsplit(" ", 1) for line in text.splitlines() if line and line[0] != "#")
        if (m.get("ready") == "1" and m.get('thread_work_pending{role="scan"}') == "0"
                and m.get('thread_busy{role="scan"}') == "0"
                and float(m.get('thread_work_total{role="traverse"}', "0")) >= 1
                and m.get('thread_busy{role="traverse"}') == "0"):
            return proc, url
        time.sleep(0.05)
    proc.kill()
    raise SystemExit("debuginfod did not become ready")


class DelayProxy:
    """TCP proxy on 127.0.0.1 adding a fixed latency to every chunk, each direction
    (no bandwidth limit: chunks in flight overlap, as on a real link)."""

    def __init__(self, target_port: int, delay_s: float) -> None:
        self.target = ("127.0.0.1", target_port)
        self.delay = delay_s
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(128)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            for a, b in ((client, server), (server, client)):
                q: queue.SimpleQueue[tuple[float, bytes]] = queue.SimpleQueue()
                threading.Thread(target=self._read, args=(a, q), daemon=True).start()
                threading.Thread(target=self._write, args=(b, q), daemon=True).start()

    def _read(self, sock: socket.socket, q: queue.SimpleQueue[tuple[float, bytes]]) -> None:
        while True:
            try:
                data = sock.recv(65536)
            except OSError:
                data = b""
            q.put((time.monotonic() + self.delay, data))
            if not data:
                return

    def _write(self, sock: socket.socket, q: queue.SimpleQueue[tuple[float, bytes]]) -> None:
        while True:
            due, data = q.get()
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                if not data:
                    sock.shutdown(socket.SHUT_WR)
                    return
                sock.sendall(data)
            except OSError:
                return

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def find_loop(url: str, build_id: str, files: list[str], work: Path) -> float:
    cache = Path(tempfile.mkdtemp(dir=work))
    script = 'for f in "$@"; do debuginfod-find source "$BID" "$f" >/dev/null || exit 1; done'
    env = {**os.environ, "DEBUGINFOD_URLS": url, "DEBUGINFOD_CACHE_PATH": str(cache),
           "BID": build_id}
    return timed(lambda: subprocess.run(["sh", "-c", script, "loop", *files], env=env,
                                        check=True))


def archive_with(path: Path, build_id: str, trace: bytes, target: str = "/p") -> int:
    """A new archive at ``path`` holding one complete stap run of ``trace`` on the
    program ``target`` of ``build_id``; its run id."""
    with Archive.open(path) as a:
        run_id = a.create_run(RunMeta(command=("stap",), target=f'process("{target}")',
                                      target_build_id=build_id))
        a.append_chunks(run_id, 0, [Chunk("stdout", trace, utc_now())])
        a.finish_run(run_id, "complete")
    return run_id


def new_archive(work: Path, build_id: str, files: list[str]) -> tuple[Path, int]:
    path = Path(tempfile.mkdtemp(dir=work)) / "a.db"
    trace = b'\nprog[1] process("/p") function(f) $return: -22\n' + b"".join(
        f"prog[1] {f}:2 $$vars: x=0x1\n".encode() for f in files
    )
    return path, archive_with(path, build_id, trace)


def in_process(url: str, build_id: str, files: list[str], work: Path) -> tuple[float, float]:
    """Cold then warm source step, in-process (archive already open, as in a report)."""
    path, run_id = new_archive(work, build_id, files)
    env = {"DEBUGINFOD_CACHE_PATH": str(Path(tempfile.mkdtemp(dir=work)))}
    options = SourceOptions(debuginfod_urls=(url,), env=env)
    with Archive.open(path) as a:
        run = a.get_run(run_id)
        started = time.perf_counter()
        report = resolve_sources(a, run, files, options)
        cold = time.perf_counter() - started
        assert len(report.files) == len(files), report.misses
        warm = []
        for _ in range(5):
            started = time.perf_counter()
            report = resolve_sources(a, run, files, options)
            warm.append(time.perf_counter() - started)
            assert all(f.origin == "archive" for f in report.files.values())
    return cold, statistics.median(warm)


def cli(url: str, build_id: str, files: list[str], work: Path) -> float:
    path, run_id = new_archive(work, build_id, files)
    exe = shutil.which("errtrail-report", path=str(Path(sys.executable).parent))
    exe = exe or "errtrail-report"
    env = {**os.environ, "DEBUGINFOD_CACHE_PATH": str(Path(tempfile.mkdtemp(dir=work)))}
    return timed(lambda: subprocess.run(
        [exe, "fetch", str(run_id), "--archive", str(path), "--debuginfod-url", url],
        env=env, check=True, stdout=subprocess.DEVNULL,
    ))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--delay-ms", type=float, default=25.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for tool in ("gcc", "debuginfod", "debuginfod-find", "readelf"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found: apt-get install gcc debuginfod elfutils binutils")
    with tempfile.TemporaryDirectory(prefix="bench_fetch.") as tmp:
        work = Path(tmp)
        elf_dir, build_id, files = build(work, args.files)
        proc, url = start_debuginfod(elf_dir, work)
        proxy = DelayProxy(int(url.rsplit(":", 1)[1]), args.delay_ms / 1000)
        try:
            print(f"{len(files)} source files of build-id {build_id[:12]}...,"
                  f" {sum(Path(f).stat().st_size for f in files) // 1024} KiB;"
                  f" {os.cpu_count()} CPUs; median of {args.repeat}")
            for label, server in (("loopback", url),
                                  (f"+{args.delay_ms:g} ms each way", proxy.url)):
                loop = statistics.median(find_loop(server, build_id, files, work)
                                         for _ in range(args.repeat))
                runs = [in_process(server, build_id, files, work) for _ in range(args.repeat)]
                cold = statistics.median(c for c, _ in runs)
                warm = statistics.median(w for _, w in runs)
                end_to_end = statistics.median(cli(server, build_id, files, work)
                                               for _ in range(args.repeat))
                print(f"{label}:")
                print(f"  debuginfod-find loop, fresh cache : {loop * 1000:8.1f} ms")
                print(f"  errtrail source step, cold        : {cold * 1000:8.1f} ms"
                      f"  ({loop / cold:.1f}x faster)")
                print(f"  errtrail-report fetch, cold (CLI) : {end_to_end * 1000:8.1f} ms"
                      f"  ({loop / end_to_end:.1f}x faster)")
                print(f"  errtrail source step, warm        : {warm * 1000:8.1f} ms")
        finally:
            proc.terminate()
            proc.wait()


if __name__ == "__main__":
    main()
