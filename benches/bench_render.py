"""Benchmark: the HTML report of a run with 100,000 failing invocations over 5 paths.

Writes a trace of ``--invocations`` (default 100,000) calls of ``demo_do_open``
(sample_traces/src/fs/demo_open.c) that follow 5 distinct statement paths, with
per-call values (tid, pointers, fd), into a fresh archive. Then times, in this process:

- the analysis (``reporter.analysis.analyse_run``), the trace's source paths and their
  lookup (``Analysis.trace_lines``, ``reporter.sources.resolve_sources``), diagnose
  (``reporter.diagnosis.diagnose``) with the source from sample_traces/src;
- building the view (``reporter.views.build_report``) and rendering the page
  (``reporter.html.render_report``), the part the issue's budget is about;
- the Markdown report, for reference.

Prints each time, the HTML size and the number of invocation views in the page (the
page groups paths and lists a capped number of invocations per path).

    .venv/bin/python benches/bench_render.py [--invocations 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from collector.archive import Archive, Chunk, RunMeta  # noqa: E402

# Five paths through demo_do_open and what each returns.
PATHS: list[tuple[list[int], int]] = [
    ([25, 32, 33, 34, 60], -22),
    ([25, 32, 33, 36, 37, 40, 41, 46, 47, 48, 49, 56, 58, 59, 60], -2),
    ([25, 32, 33, 36, 37, 38, 60], -12),
    ([25, 32, 33, 36, 37, 40, 41, 42, 43, 58, 59, 60], -24),
    ([25, 32, 33, 36, 37, 40, 41, 46, 47, 48, 49, 56, 58, 60], -13),
]
WEIGHTS = [50, 25, 12, 8, 5]


def hex64(n: int) -> str:
    return f"0x{n & 0xFFFFFFFFFFFFFFFF:x}"


def trace(invocations: int) -> bytes:
    out: list[bytes] = []
    order = [i for i, w in enumerate(WEIGHTS) for _ in range(w)]
    for k in range(invocations):
        lines, ret = PATHS[order[k % len(order)]]
        tid = 1000 + k % 997
        name = f"0xffff8880{k % 0xFFFFFF:06x}00"
        out.append(f"\ncat[{tid}] kernel function(demo_do_open) $return: {ret}\n".encode())
        err = "?"
        for n in lines:
            if n == 33 or n == 49 or n == 38 or n == 42:
                err = hex64(ret) if n != 33 or ret == -22 else "0x0"
            out.append(
                f"cat[{tid}] fs/demo_open.c:{n} $$vars: dfd=0xffffffffffffff9c"
                f" filename=0x7ffd5a3e{k % 0xFFFF:04x} how=0xffffc90000a3fe58 name={name}"
                f" f=? fd=0x{3 + k % 5:x} err={err}\n".encode()
            )
    return b"".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--invocations", type=int, default=100_000)
    ap.add_argument("--keep", type=Path, help="write the archive and report here and keep them")
    args = ap.parse_args()

    from reporter.analysis import analyse_run
    from reporter.diagnosis import diagnose
    from reporter.html import render_report
    from reporter.markdown import render_markdown
    from reporter.sources import SourceOptions, resolve_sources
    from reporter.views import RenderOptions, build_report

    work = args.keep or Path(tempfile.mkdtemp(prefix="errtrail-bench-render-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "archive.db"
    db.unlink(missing_ok=True)
    data = trace(args.invocations)
    when = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
    with Archive.open(db, clock=lambda: when) as archive:
        run_id = archive.create_run(
            RunMeta(
                command=("stap", "whythefail.stp", "kernel", "demo_do_open", "$return < 0"),
                target="kernel",
                function="demo_do_open",
                condition="$return < 0",
            ),
            status="complete",
        )
        step = 1 << 20
        chunks = [Chunk("stdout", data[i : i + step], when) for i in range(0, len(data), step)]
        archive.append_chunks(run_id, 0, chunks)
    options = RenderOptions(generated_at="2026-11-25T12:30:00+00:00", version="bench")
    with Archive.open(db) as archive:
        run = archive.get_run(run_id)
        t0 = time.perf_counter()
        parsed = analyse_run(archive, run)
        t1 = time.perf_counter()
        sources = resolve_sources(
            archive,
            run,
            list(parsed.trace_lines()),
            SourceOptions(source_dirs=(REPO / "sample_traces" / "src",), offline=True),
        )
        t2 = time.perf_counter()
        diagnosis = diagnose(parsed, run, {p: f.text for p, f in sources.files.items()})
        t3 = time.perf_counter()
        view = build_report(run, parsed, diagnosis, sources, options)
        t4 = time.perf_counter()
        html = render_report(view)
        t5 = time.perf_counter()
        plain = build_report(run, parsed, diagnosis, sources, options, highlight=False)
        md = render_markdown(plain)
        t6 = time.perf_counter()
    (work / "report.html").write_text(html, encoding="utf-8")
    size = len(html.encode())
    views = sum(len(p.invocations) for p in view.paths)
    print(f"trace: {args.invocations} invocations, {len(diagnosis.paths)} paths,"
          f" {len(data) / 1e6:.1f} MB stdout")
    print(f"analyse_run:      {t1 - t0:6.2f} s")
    # trace_paths builds every Statement object (cached on the invocations, so
    # diagnose reuses them); the source lookup itself is a local file read.
    print(f"paths + sources:  {t2 - t1:6.2f} s")
    print(f"diagnose:         {t3 - t2:6.2f} s")
    print(f"build_report:     {t4 - t3:6.2f} s")
    print(f"render_report:    {t5 - t4:6.2f} s")
    print(f"HTML view+render: {t5 - t3:6.2f} s (budget 5 s)")
    print(f"end to end:       {t5 - t0:6.2f} s (parse, sources, diagnose, view, render)")
    print(f"HTML size:        {size / 1e6:6.3f} MB (budget 2 MB), {views} invocation views")
    print(f"markdown:         {t6 - t5:6.2f} s, {len(md)} characters")
    if args.keep is None:
        shutil.rmtree(work)
    else:
        print(f"report: {work / 'report.html'}")


if __name__ == "__main__":
    main()
