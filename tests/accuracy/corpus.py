"""The accuracy corpus, read back: cases with known answers and their archived traces.

``cases.json`` maps a case name to: ``capture`` (a program traced with the gdb
backend by ``capture.py``), ``derive`` (a stap-shaped trace made from a captured one)
or ``trace`` (another case's trace, diagnosed differently, e.g. without sources);
``sources`` (whether the diagnosis gets the program's source); ``ordinal`` (the
invocation whose path is judged); ``expect`` (the culprit's file, line, kind and the
source text at that line, which the test checks so the answer cannot drift).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from collector.archive import Archive, Chunk, RunMeta
from collector.messages import classify_stderr
from reporter.analysis import load_analysis
from reporter.diagnosis import Diagnosis, PathGroup, diagnose

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PROGRAMS = HERE / "programs"
TRACES = HERE / "traces"
SOURCE_PREFIX = "/src/accuracy"
CLOCK = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def load_cases() -> dict[str, dict[str, Any]]:
    cases: dict[str, dict[str, Any]] = json.loads((HERE / "cases.json").read_text())
    return cases


def trace_name(name: str, case: dict[str, Any]) -> str:
    return str(case.get("trace", name))


def program_of(case: dict[str, Any]) -> str:
    return str(case["expect"]["file"]).rsplit("/", 1)[1]


def program_path(case: dict[str, Any]) -> Path:
    """The program's source file in this tree (``expect.file`` is its traced path)."""
    traced = str(case["expect"]["file"])
    if traced.startswith(SOURCE_PREFIX + "/"):
        return PROGRAMS / traced[len(SOURCE_PREFIX) + 1 :]
    assert traced.startswith("/src/"), traced
    return REPO / traced[len("/src/") :]


def import_files(
    archive: Archive, stdout: bytes, stderr: bytes, meta: dict[str, Any], uuid: str
) -> int:
    """Store a trace as a finished run, as the collector would have."""
    run_meta = RunMeta(
        command=tuple(meta["command"]),
        tool=meta.get("tool") or "stap",
        origin="import",
        target=meta.get("target"),
        function=meta.get("function"),
        condition=meta.get("condition"),
        variable=meta.get("variable"),
    )
    run_id = archive.create_run(run_meta, run_uuid=uuid)
    archive.append_chunks(
        run_id,
        0,
        [Chunk("stdout", stdout, CLOCK)] + ([Chunk("stderr", stderr, CLOCK)] if stderr else []),
    )
    archive.store_messages(run_id, classify_stderr(stderr))
    if meta.get("probed_lines") is not None:
        archive.record_probed_lines(run_id, [(f, int(n)) for f, n in meta["probed_lines"]])
    archive.finish_run(run_id, "complete")
    return run_id


def import_case(archive: Archive, name: str, case: dict[str, Any], n: int) -> int:
    base = trace_name(name, case)
    meta = json.loads((TRACES / f"{base}.json").read_text())
    stderr_path = TRACES / f"{base}.stderr"
    return import_files(
        archive,
        (TRACES / f"{base}.stdout").read_bytes(),
        stderr_path.read_bytes() if stderr_path.exists() else b"",
        meta,
        f"00000000-0000-4000-8000-{n:012d}",
    )


def case_sources(case: dict[str, Any]) -> dict[str, bytes] | None:
    if not case["sources"]:
        return None
    return {str(case["expect"]["file"]): program_path(case).read_bytes()}


def judged_path(d: Diagnosis, ordinal: int) -> PathGroup:
    return next(g for g in d.paths if ordinal in g.invocations)


def evaluate(archive: Archive, run_id: int, case: dict[str, Any]) -> tuple[int | None, PathGroup]:
    """The 1-based rank of the expected culprit among the judged path's candidates."""
    run = archive.get_run(str(run_id))
    d = diagnose(load_analysis(archive, run), run, case_sources(case))
    group = judged_path(d, case["ordinal"])
    want = case["expect"]
    for rank, c in enumerate(group.candidates, 1):
        if c.file == want["file"] and c.line == want["line"]:
            return rank, group
    return None, group
