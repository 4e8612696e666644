"""The real-library accuracy corpus, read back: cases, their stored traces and sources.

``cases/<lib>.json`` maps a case name to: ``driver`` and ``opt`` (the program and
optimisation level ``build.py`` traced), ``function``, ``condition``, ``args``,
``ordinal`` (the invocation whose path is judged), ``expect`` (the culprit's traced
``file``, ``line``, the source ``text`` there, and the ``callee`` the verdict must
name, or null), ``heldout`` (never looked at while tuning the diagnosis) and ``why``
(the one-line rationale, from reading the source).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from collector.archive import Archive
from reporter.analysis import load_analysis
from reporter.diagnosis import Candidate, PathGroup, diagnose
from reporter.sources import gather_includes
from tests.accuracy.corpus import import_files

HERE = Path(__file__).resolve().parent
TRACES = HERE / "traces"
SOURCES = HERE / "sources"
PREFIX = "/src/realworld"


def load_cases() -> dict[str, dict[str, Any]]:
    """Every case of every library, each with its ``library`` added."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted((HERE / "cases").glob("*.json")):
        for name, case in json.loads(path.read_text()).items():
            assert name not in out, f"case {name} is defined twice"
            out[name] = {**case, "library": path.stem.split(".", 1)[0]}
    return out


def source_path(traced: str) -> Path | None:
    """Where this tree keeps the file a trace names (``None``: not kept)."""
    if not traced.startswith(PREFIX + "/"):
        return None
    path = SOURCES / traced[len(PREFIX) + 1 :]
    return path if path.is_file() else None


def trace_files(stdout: bytes) -> list[str]:
    from tests.realworld.build import TRACED_FILE

    return sorted({m.decode() for m in TRACED_FILE.findall(stdout)})


def case_sources(name: str) -> dict[str, bytes]:
    """Trace path -> bytes of every kept source file the case's trace names."""
    out: dict[str, bytes] = {}
    for traced in trace_files((TRACES / f"{name}.stdout").read_bytes()):
        path = source_path(traced)
        if path is not None:
            out[traced] = path.read_bytes()
    return out


def case_headers(sources: dict[str, bytes]) -> dict[str, bytes]:
    """The kept files ``sources`` include, found as the reporter finds headers in a
    local tree (``reporter.sources.gather_includes``)."""
    def find(wanted: list[str]) -> dict[str, bytes]:
        out = {}
        for traced in wanted:
            path = source_path(traced)
            if path is not None:
                out[traced] = path.read_bytes()
        return out

    return gather_includes(sources, find)


def import_case(archive: Archive, name: str, n: int, probed: bool = True) -> int:
    """Store a case's trace as a finished run; ``probed=False`` leaves out the probed
    lines its capture recorded (as archives from before migration 0004 have)."""
    meta = json.loads((TRACES / f"{name}.json").read_text())
    if not probed:
        meta.pop("probed_lines", None)
    return import_files(
        archive,
        (TRACES / f"{name}.stdout").read_bytes(),
        (TRACES / f"{name}.stderr").read_bytes(),
        meta,
        f"00000000-0000-4000-9000-{n:012d}",
    )


@dataclass(frozen=True)
class Outcome:
    """How the diagnosis did on one case."""

    rank: int | None          # 1-based rank of the expected line, None: not a candidate
    callee_ok: bool           # the candidate at the expected line names the right callee
    top: Candidate | None
    group: PathGroup


def evaluate(archive: Archive, run_id: int, name: str, case: dict[str, Any],
             with_sources: bool) -> Outcome:
    run = archive.get_run(str(run_id))
    sources = case_sources(name) if with_sources else None
    analysis = load_analysis(archive, run)
    d = diagnose(analysis, run, sources, headers=case_headers(sources) if sources else None)
    path = analysis.calls.path_of(case["ordinal"])
    group = next(g for g in d.paths if g.index == path)
    want = case["expect"]
    for rank, c in enumerate(group.candidates, 1):
        if c.file == want["file"] and c.line == want["line"]:
            return Outcome(rank, c.callee == want.get("callee"), group.candidates[0], group)
    top = group.candidates[0] if group.candidates else None
    return Outcome(None, False, top, group)
