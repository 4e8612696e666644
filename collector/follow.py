"""The levels of a ``gdb --follow`` capture, stored as the runs of one chain.

This module owns turning the tracer's follow records into archive runs. With
``--follow``, ``collector/gdb_tracer.py`` traces FUNCTION and the functions below it
in the same run of the program, and for each call of FUNCTION it prints, it appends
one JSON line per callee call kept below it (parents first) to a side file: ``id``,
``parent`` (the record of the call that made it), ``function``, ``call_line`` (the
caller's last statement, ``file:line``), ``parent_step``, ``depth``, ``comm``,
``tid``, ``return``, ``ordinal`` (its place in the trace, for a call of FUNCTION
printed there) and ``lines`` (its statement lines, whythefail's format).

Each callee's calls become a run of their own (``runs.function`` the callee, stdout a
whythefail trace of it, ``condition`` NULL: they are kept for being below a failing
call, whatever they returned), linked to the root run by a ``ChainLink`` and each
call to its caller's call by an ``InvocationLink``, so reports read every level as
they read any run and ``reporter`` walks the chain from the root's verdict down.

Others call ``read_records(path)`` and ``store_levels(archive, root, ...)``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from collector.archive import Archive, ChainLink, Chunk, InvocationLink, RunMeta

__all__ = ["FollowRecord", "Level", "read_records", "store_levels"]


@dataclass(frozen=True)
class FollowRecord:
    """One callee call the tracer kept (or the failing call of FUNCTION above them)."""

    id: int
    parent: int | None
    function: str
    call_line: str | None
    parent_step: int
    depth: int
    comm: str
    tid: int
    returned: str
    ordinal: int | None
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Level:
    """A stored level: the run holding one callee's calls."""

    run_id: int
    function: str
    level: int
    calls: int


def _record(item: Mapping[str, Any]) -> FollowRecord:
    return FollowRecord(
        id=int(item["id"]),
        parent=None if item.get("parent") is None else int(item["parent"]),
        function=str(item["function"]),
        call_line=None if item.get("call_line") is None else str(item["call_line"]),
        parent_step=int(item.get("parent_step") or 0),
        depth=int(item.get("depth") or 0),
        comm=str(item.get("comm") or "?"),
        tid=int(item.get("tid") or 0),
        returned=str(item.get("return") or "?"),
        ordinal=None if item.get("ordinal") is None else int(item["ordinal"]),
        lines=tuple(str(x) for x in item.get("lines") or ()),
    )


def read_records(path: Path) -> list[FollowRecord]:
    """The records of a follow file, in the order written; a line cut short (gdb
    killed while writing it) and anything that is not a record are skipped.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "f.jsonl"
    >>> _ = p.write_text('{"id": 1, "function": "f", "ordinal": 0}\\n{"id": 2, "par')
    >>> [(r.id, r.function, r.ordinal) for r in read_records(p)]
    [(1, 'f', 0)]
    """
    out: list[FollowRecord] = []
    try:
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return out
    for line in text.splitlines():
        try:
            item = json.loads(line)
            out.append(_record(item))
        except (ValueError, TypeError, KeyError):
            continue
    return out


def _split_line(where: str | None) -> tuple[str | None, int | None]:
    """``file:line`` into its parts.

    >>> _split_line("/src/a.c:43"), _split_line(None)
    (('/src/a.c', 43), (None, None))
    """
    if not where or ":" not in where:
        return None, None
    file, _, line = where.rpartition(":")
    return (file, int(line)) if line.isdigit() else (where, None)


def _trace_text(function: str, target: str, records: Sequence[FollowRecord],
                statistics: str) -> bytes:
    parts = []
    for r in records:
        parts.append(f"\n{r.comm}[{r.tid}] {target} function({function}) $return: {r.returned}\n")
        parts.extend(r.lines)
    parts.append(statistics)
    return "".join(parts).encode("utf-8", "surrogateescape")


def store_levels(
    archive: Archive,
    root_run: int,
    meta: RunMeta,
    records: Sequence[FollowRecord],
    follow: Mapping[str, Any],
    end: tuple[str, datetime],
) -> list[Level]:
    """One run per callee below ``root_run``, its calls and their links.

    ``follow`` is what the tracer wrote of the functions it followed (``probed_lines``
    and ``statistics`` per function); ``end`` the root run's status and end time."""
    where: dict[int, tuple[int, int]] = {}       # record id -> (run, ordinal)
    by_function: dict[str, list[FollowRecord]] = {}
    for r in records:
        if r.parent is None or r.ordinal is not None:
            if r.ordinal is not None:
                where[r.id] = (root_run, r.ordinal)
            continue
        by_function.setdefault(r.function, []).append(r)
    # FUNCTION called below itself (recursion): its calls are in the root run already.
    recursive = [r for r in records if r.parent is not None and r.ordinal is not None]
    order = sorted(by_function, key=lambda f: (min(r.depth for r in by_function[f]), f))
    levels: list[Level] = []
    runs: dict[str, int] = {}
    for function in order:
        runs[function] = _create_level_run(archive, meta, function, by_function[function],
                                           follow.get(function) or {}, root_run, end)
        for i, r in enumerate(by_function[function]):
            where[r.id] = (runs[function], i)
    for function in order:
        calls = by_function[function]
        links = [_invocation_link(runs[function], i, r, where) for i, r in enumerate(calls)]
        kept = [x for x in links if x is not None]
        sites = {(x.parent_file, x.parent_line) for x in kept}
        file, line = next(iter(sites)) if len(sites) == 1 else (None, None)
        level = min(r.depth for r in calls)
        parent_run = kept[0].parent_run if kept else root_run
        archive.record_chain(
            ChainLink(runs[function], root_run, level, parent_run, file, line, function,
                      "one-run"), kept)
        levels.append(Level(runs[function], function, level, len(calls)))
    inner = [x for r in recursive
             if (x := _invocation_link(root_run, r.ordinal or 0, r, where)) is not None]
    if inner:
        archive.record_invocation_links(inner)
    return levels


def _invocation_link(run_id: int, ordinal: int, r: FollowRecord,
                     where: Mapping[int, tuple[int, int]]) -> InvocationLink | None:
    if r.parent is None or r.parent not in where:
        return None
    parent_run, parent_ordinal = where[r.parent]
    file, line = _split_line(r.call_line)
    return InvocationLink(run_id, ordinal, parent_run, parent_ordinal, file, line,
                          r.parent_step)


def _create_level_run(archive: Archive, meta: RunMeta, function: str,
                      calls: Sequence[FollowRecord], info: Mapping[str, Any], root_run: int,
                      end: tuple[str, datetime]) -> int:
    level = min(r.depth for r in calls)
    level_meta = replace(meta, function=function, condition=None,
                         label=f"{meta.function} -> {function} (level {level} of run {root_run})",
                         note=None)
    run_id = archive.create_run(level_meta)
    target = meta.target or "?"
    data = _trace_text(function, target, calls, str(info.get("statistics") or "\nstatistics:\n"))
    archive.append_chunks(run_id, 0, [Chunk("stdout", data, end[1])])
    probed = info.get("probed_lines")
    if isinstance(probed, list):
        archive.record_probed_lines(run_id, [(str(f), int(n)) for f, n in probed])
    archive.finish_run(
        run_id, end[0],
        reason=f"calls of {function} made below failing calls of {meta.function} (run"
               f" {root_run}), caught in the same run of the program")
    return run_id
