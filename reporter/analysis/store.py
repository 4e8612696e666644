"""The stored analysis: the tables of migration 0006_analysis, written and read back.

This module owns ``load_analysis(archive, run)`` (the stored analysis when it is
current, else a new one from ``analyse_run``, stored when the run has ended and the
archive can be written) and ``store_verdicts(archive, run_id, ...)`` (a diagnosis's
candidates as ``VerdictRow``s,
for SQL browsing: ``run_verdicts``). The calls a report shows whole are stored as
byte ranges of stdout and parsed again when read: the raw bytes stay the truth.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
import sys
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from collector.archive import Archive, Run, iso
from reporter.analysis.model import LIMITS, Analysis, PathSummary, errno_name_of
from reporter.analysis.parallel import analyse_run
from reporter.analysis.summary import Calls, return_text, shifted
from reporter.parse import StdoutParser, maxstringlen_of, run_messages
from reporter.records import Invocation, OrphanStatements, Statistics
from reporter.scan import shift

__all__ = ["ANALYSIS_VERSION", "VerdictRow", "load_analysis", "store_verdicts"]

# Bump when what an analysis holds or how it is computed changes (``LIMITS``, the
# grouping rule, the parser's records): stored analyses of another version are
# computed again.
ANALYSIS_VERSION = 2
# Calls a ``call_blocks`` row holds (migration 0007_call_blocks).
BLOCK_CALLS = 1 << 16


class StoredCalls:
    """``CallIndex`` over the archive's ``call_blocks``, a block read per question
    about a call outside the blocks last read."""

    def __init__(self, archive: Archive, run_id: int) -> None:
        self._conn, self._run = archive.conn, run_id

    @functools.lru_cache(maxsize=4)  # noqa: B019 - lives as long as its analysis
    def _block(self, first: int) -> tuple[array[int], bytes, array[int]] | None:
        row = self._conn.execute(
            "SELECT path, return_text, return_end FROM call_blocks"
            " WHERE run_id = ? AND first_ordinal = ?", [self._run, first]).fetchone()
        if row is None:
            return None
        return _column("I", row[0]), bytes(row[1]), _column("I", row[2])

    def _get(self, ordinal: int) -> tuple[int, str] | None:
        block = self._block(ordinal - ordinal % BLOCK_CALLS) if ordinal >= 0 else None
        k = ordinal % BLOCK_CALLS
        if block is None or k >= len(block[0]):
            return None
        paths, returns, ends = block
        return paths[k], return_text(returns, ends, k)

    def path_of(self, ordinal: int) -> int | None:
        got = self._get(ordinal)
        return None if got is None else got[0]

    def return_of(self, ordinal: int) -> str | None:
        got = self._get(ordinal)
        return None if got is None else got[1]


def _column(typecode: str, data: bytes) -> array[int]:
    """A stored little-endian column as an array."""
    column = array(typecode, data)
    if sys.byteorder == "big":
        column.byteswap()
    return column


def _packed(column: array[int]) -> bytes:
    """An array as a stored little-endian column."""
    if sys.byteorder == "big":
        column = array(column.typecode, column)
        column.byteswap()
    return column.tobytes()


def _has_tables(archive: Archive) -> bool:
    row = archive.conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN"
        " ('analyses', 'paths', 'call_blocks', 'verdicts')").fetchone()
    return bool(row[0] == 4)


def load_analysis(archive: Archive, run: Run, *, store: bool = True) -> Analysis:
    """``run``'s analysis: read back when stored by this version for its whole stdout,
    else computed (``analyse_run``) and, once the run has ended, stored. A run still
    being captured is analysed afresh each time; an archive that cannot be written
    (read-only, older schema opened read-only) is analysed and left as it is."""
    stored = _has_tables(archive) and run.status != "running"
    if stored:
        row = archive.conn.execute(
            "SELECT * FROM analyses WHERE run_id = ? AND version = ? AND stdout_bytes = ?",
            [run.id, ANALYSIS_VERSION, run.stdout_bytes]).fetchone()
        if row is not None:
            return _read(archive, run, row)
    analysis = analyse_run(archive, run)
    if store and stored:
        # Read-only or locked: the report goes on from memory.
        with contextlib.suppress(sqlite3.Error):
            _write(archive, run, analysis)
    return analysis


# -- writing ------------------------------------------------------------------------


def _path_row(run: Run, p: PathSummary) -> list[Any]:
    samples = [[s.ordinal, s.offset, s.end, s.line_no] for s in p.samples]
    return [run.id, p.index, p.fingerprint, p.key.decode("utf-8", "replace"), p.outcome,
            errno_name_of(p.returns[0]) if p.returns else None, p.count,
            p.samples[0].statement_count if p.samples else 0, p.first_ordinal,
            p.first_position, p.last_position, int(p.partial), json.dumps(list(p.returns)),
            json.dumps(list(p.execnames)), p.execname_total, json.dumps(list(p.tids)),
            p.tid_total, json.dumps(samples)]


def _call_blocks(run_id: int, calls: Calls) -> Iterator[tuple[Any, ...]]:
    """The ``call_blocks`` rows of ``calls``, ``BLOCK_CALLS`` calls a row."""
    for first in range(0, len(calls), BLOCK_CALLS):
        last = min(first + BLOCK_CALLS, len(calls))
        start = calls.return_ends[first - 1] if first else 0
        ends = array("I", shift(calls.return_ends[first:last], -start, narrow=True))
        yield (run_id, first, last - first, _packed(calls.path[first:last]),
               bytes(calls.returns_bytes[start : calls.return_ends[last - 1]]), _packed(ends))


def _write(archive: Archive, run: Run, a: Analysis) -> None:
    assert isinstance(a.calls, Calls)
    stats = a.statistics
    with archive.transaction():
        for table in ("analyses", "paths", "call_blocks"):
            archive.conn.execute(f"DELETE FROM {table} WHERE run_id = ?", [run.id])
        archive.conn.execute(
            "INSERT INTO analyses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run.id, ANALYSIS_VERSION, run.stdout_bytes, a.invocation_count, a.statement_count,
             len(a.paths), a.orphan_groups, a.orphan_statements,
             json.dumps([stats.offset, stats.length, stats.line_no]) if stats else None,
             json.dumps([[o.offset, o.offset + o.accounted_bytes, o.line_no, o.ordinal]
                         for o in a.orphans]),
             json.dumps(dict(a.highest)), iso(archive.clock())])
        archive.conn.executemany(
            "INSERT INTO paths VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_path_row(run, p) for p in a.paths])
        archive.conn.executemany(
            "INSERT INTO call_blocks VALUES (?, ?, ?, ?, ?, ?)",
            _call_blocks(run.id, a.calls))


@dataclass(frozen=True)
class VerdictRow:
    """One candidate of a diagnosis, as the ``verdicts`` table keeps it."""

    path: int          # the path's index in the analysis
    path_rank: int     # the path's place in the diagnosis, from 1
    rank: int          # the candidate's place among its path's, from 1
    file: str
    line: int
    kind: str
    confidence: float
    rule: str | None
    callee: str | None
    source_text: str | None
    condition: str | None
    reason: str


def store_verdicts(archive: Archive, run_id: int, with_sources: bool,
                   rows: Sequence[VerdictRow]) -> None:
    """Keep a diagnosis's candidates in ``verdicts`` (the run's earlier rows
    replaced), when the archive has the table and can be written; else nothing."""
    if not _has_tables(archive):
        return
    now = iso(archive.clock())
    values = [(run_id, r.path, r.rank, r.path_rank, r.file, r.line, r.kind, r.confidence,
               r.rule, r.callee, r.source_text, r.condition, r.reason, int(with_sources), now)
              for r in rows]
    # Read-only or locked: the verdict is in the report all the same.
    with contextlib.suppress(sqlite3.Error), archive.transaction():
        archive.conn.execute("DELETE FROM verdicts WHERE run_id = ?", [run_id])
        archive.conn.executemany(
            "INSERT INTO verdicts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)


# -- reading ------------------------------------------------------------------------


def _reparse(data: bytes, maxstringlen: int) -> list[Any]:
    return StdoutParser(maxstringlen=maxstringlen).finish(data)


def _first(data: bytes, kind: type, maxstringlen: int) -> Any:
    return next((r for r in _reparse(data, maxstringlen) if isinstance(r, kind)), None)


def _samples(archive: Archive, run: Run, spans: Sequence[Sequence[int]],
             maxstringlen: int) -> list[Invocation]:
    out = []
    texts = archive.stream_ranges(run.id, "stdout", [(s[1], s[2]) for s in spans])
    for (ordinal, offset, _, line_no), data in zip(spans, texts, strict=True):
        inv = _first(data, Invocation, maxstringlen)
        if inv is not None:
            out.append(shifted(inv, offset - inv.offset, line_no - inv.line_no, ordinal))
    return out


def _read_paths(archive: Archive, run: Run, maxstringlen: int) -> tuple[PathSummary, ...]:
    rows = archive.conn.execute("SELECT * FROM paths WHERE run_id = ? ORDER BY path",
                                [run.id]).fetchall()
    paths = []
    for r in rows:
        (_, index, _, key, outcome, _, count, _, first_ordinal, first_line, last_line,
         partial, returns, execnames, execname_total, tids, tid_total, samples) = r
        kept = _samples(archive, run, json.loads(samples), maxstringlen)
        paths.append(PathSummary(
            index=index, key=key.encode(), outcome=outcome, count=count,
            first_ordinal=first_ordinal, first_position=first_line, last_position=last_line,
            returns=tuple(json.loads(returns)), execnames=tuple(json.loads(execnames)),
            execname_total=execname_total, tids=tuple(json.loads(tids)),
            tid_total=tid_total, partial=bool(partial),
            samples=tuple(s if s.partial == bool(partial) else replace(s, partial=bool(partial))
                          for s in kept)))
    return tuple(paths)


def _orphans(archive: Archive, run: Run, spans: Sequence[Sequence[int]],
             maxstringlen: int) -> tuple[OrphanStatements, ...]:
    out = []
    texts = archive.stream_ranges(run.id, "stdout", [(s[0], s[1]) for s in spans])
    for (offset, _, line_no, ordinal), data in zip(spans, texts, strict=True):
        o = _first(data, OrphanStatements, maxstringlen)
        if o is not None:
            out.append(shifted(o, offset - o.offset, line_no - o.line_no, ordinal - o.ordinal))
    return tuple(out[: LIMITS.orphan_groups])


def _statistics(archive: Archive, run: Run, span: Sequence[int] | None) -> Statistics | None:
    if span is None:
        return None
    offset, length, line_no = span
    data = archive.stream_ranges(run.id, "stdout", [(offset, offset + length)])[0]
    st = _first(data, Statistics, maxstringlen_of(run.command))
    return None if st is None else replace(st, offset=offset, line_no=line_no)


def _read(archive: Archive, run: Run, row: sqlite3.Row | tuple[Any, ...]) -> Analysis:
    (_, _, stdout_bytes, invocations, statements, _, orphan_groups, orphan_statements,
     stats, orphans, highest, _) = row
    maxstringlen = maxstringlen_of(run.command)
    return Analysis(
        run_id=run.id, stdout_bytes=stdout_bytes, messages=tuple(run_messages(archive, run.id)),
        paths=_read_paths(archive, run, maxstringlen), invocation_count=invocations,
        statement_count=statements,
        statistics=_statistics(archive, run, json.loads(stats) if stats else None),
        orphans=_orphans(archive, run, json.loads(orphans), maxstringlen),
        orphan_groups=orphan_groups, orphan_statements=orphan_statements,
        highest=json.loads(highest), calls=StoredCalls(archive, run.id))
