"""Benchmark: a report whose traced file is a huge source, against debuginfod-find.

Run: ``.venv/bin/python benches/bench_bigsource.py [--mib 200] [--raised-mib 20]``

Writes one C file of ``--mib`` MiB (the traced function, then generated functions,
as generated code looks), compiles it with ``gcc -g``, serves the program with the
real elfutils ``debuginfod`` on loopback, stores a whythefail trace of the function
in a fresh archive, and times each command as a whole process with its peak RSS
(wait4's ru_maxrss):

- ``debuginfod-find source BUILDID FILE`` with a fresh cache (elfutils' own client:
  the reference for fetching that file);
- ``errtrail-report html RUN`` with the default limit (16 MiB): the file is refused
  with a note naming its size and the setting that reads it;
- for a second file (``--raised-mib``, 20 MiB: tree-sitter's tree of such a table,
  which the diagnosis parses, takes about 48 bytes per byte of it), ``html`` with
  ``DEBUGINFOD_MAXSIZE`` raised past it (fetched, stored, parsed for the diagnosis
  and shown a few windows at a time), and ``html --offline --source-dir`` with the
  limit raised: the same file from disk.

Each errtrail row uses a fresh archive and elfutils cache, so that nothing is served
from an earlier row. Issue 15 item 4 asks that a 200 MB source cost neither minutes
nor gigabytes by default.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benches"))

from bench_fetch import archive_with, start_debuginfod  # noqa: E402

BIN = Path(sys.executable).parent
HEAD = """\
int traced(int x)
{
\tint err = 0;
\tif (x < 0)
\t\terr = -22;
\treturn err;
}

int main(void) { return traced(-1) == -22 ? 0 : 1; }
"""
# Lines 3, 4, 5 and 6 of HEAD, as whythefail prints a call that returned -22.
TRACE_LINES = (3, 4, 5, 6)


def write_source(path: Path, mib: int) -> None:
    """HEAD, then a generated table up to ``mib`` MiB, as ``xxd -i`` writes a blob
    into C (firmware and font tables: what makes a real C file that large)."""
    row = "\t" + " ".join(f"0x{(i * 37) % 256:02x}," for i in range(12)) + "\n"
    rows = row * 16384
    with path.open("w") as f:
        f.write(HEAD + "\nconst unsigned char gen_blob[] = {\n")
        size = len(HEAD)
        while size < mib << 20:
            f.write(rows)
            size += len(rows)
        f.write("};\n")


def build(work: Path, name: str, mib: int) -> tuple[Path, Path, str]:
    src = work / name / "src"
    src.mkdir(parents=True)
    source = src / "huge.c"
    write_source(source, mib)
    elf_dir = work / name / "elf"
    elf_dir.mkdir()
    exe = elf_dir / "huge"
    # -g1 keeps the line table (what debuginfod indexes the source by) and no more.
    subprocess.run(["gcc", "-g1", "-O0", "-o", str(exe), str(source)], check=True)
    notes = subprocess.run(["readelf", "-n", str(exe)], capture_output=True, text=True,
                           check=True).stdout
    build_id = next(line.split()[-1] for line in notes.splitlines() if "Build ID" in line)
    return elf_dir, source, build_id


def new_archive(work: Path, build_id: str, source: Path) -> tuple[Path, int]:
    path = Path(tempfile.mkdtemp(dir=work)) / "a.db"
    trace = (b'\nhuge[1] process("/huge") function(traced) $return: -22\n'
             + b"".join(f"huge[1] {source}:{n} $$vars: x=0xffffffff err=0x0\n".encode()
                        for n in TRACE_LINES))
    return path, archive_with(path, build_id, trace, "/huge")


def timed(argv: list[str], env: Mapping[str, str], out: Path) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one whole process."""
    started = time.perf_counter()
    with out.open("wb") as f:
        proc = subprocess.Popen(argv, env=dict(env), stdout=f, stderr=subprocess.PIPE)
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv[0]} failed: {err.decode(errors='replace')}")
    return seconds, usage.ru_maxrss


def report(work: Path, label: str, build_id: str, source: Path, url: str | None,
           maxsize: int | None) -> tuple[str, float, int, str]:
    archive, run_id = new_archive(work, build_id, source)
    cache = Path(tempfile.mkdtemp(dir=work))
    env = {**os.environ, "DEBUGINFOD_CACHE_PATH": str(cache)}
    env.pop("DEBUGINFOD_MAXSIZE", None)
    if maxsize is not None:
        env["DEBUGINFOD_MAXSIZE"] = str(maxsize)
    out = archive.with_suffix(".html")
    argv = [str(BIN / "errtrail-report"), "html", str(run_id), "--archive", str(archive),
            "-o", str(out), "--generated-at", "2026-01-01T00:00:00Z"]
    argv += ["--debuginfod-url", url] if url else ["--offline", "--source-dir", str(source.parent)]
    seconds, rss = timed(argv, env, work / "stdout")
    page = out.read_text()
    shown = "refused" if "errtrail reads as a source file" in page else "shown"
    return label, seconds, rss, f"{shown}, page {len(page) // 1024} KiB"


Row = tuple[str, float, int, str]


def rows_for(work: Path, name: str, mib: int, raised: bool) -> tuple[int, list[Row]]:
    """The rows for one file of ``mib`` MiB: debuginfod-find, then errtrail with the
    default limit, or with the limit raised past the file (``raised``)."""
    elf_dir, source, build_id = build(work, name, mib)
    size = source.stat().st_size
    proc, url = start_debuginfod(elf_dir, work / name)
    try:
        env = {**os.environ, "DEBUGINFOD_URLS": url,
               "DEBUGINFOD_CACHE_PATH": str(Path(tempfile.mkdtemp(dir=work)))}
        find = timed(["debuginfod-find", "source", build_id, str(source)], env,
                     work / "found")
        rows: list[Row] = [("debuginfod-find source (fresh cache)", *find, "fetched")]
        if not raised:
            rows.append(report(work, "errtrail-report html, default limit", build_id,
                               source, url, None))
        else:
            rows.append(report(work, "errtrail-report html, DEBUGINFOD_MAXSIZE raised",
                               build_id, source, url, size))
            rows.append(report(work, "errtrail-report html --source-dir, raised",
                               build_id, source, None, size))
    finally:
        proc.terminate()
        proc.wait()
    return size, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=200,
                        help="the file errtrail refuses by default")
    parser.add_argument("--raised-mib", type=int, default=20,
                        help="the file read whole with the limit raised (0: none)")
    args = parser.parse_args()
    for tool in ("gcc", "debuginfod", "debuginfod-find", "readelf"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found: apt-get install gcc debuginfod elfutils binutils")
    print(f"{os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="bench_bigsource.") as tmp:
        work = Path(tmp)
        cases = [("default", args.mib, False)]
        if args.raised_mib:
            cases.append(("raised", args.raised_mib, True))
        for name, mib, raised in cases:
            size, rows = rows_for(work, name, mib, raised)
            print(f"huge.c of {size / 2**20:.1f} MiB ({size / 1e6:.0f} MB):")
            for label, seconds, rss, what in rows:
                print(f"  {label:<48} {seconds:8.2f} s {rss / 1024:8.0f} MB  {what}")


if __name__ == "__main__":
    main()
