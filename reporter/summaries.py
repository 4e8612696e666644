"""Counts over a run's stdout, for runs too big to hold, without keeping its records.

This module owns ``RunSummary`` and the cutting of a stdout into parts that worker
processes parse on their own. Others call:

- ``summarize_records(records)``: a ``RunSummary`` of records as they stream by;
- ``summarize_chunks(chunks)``: the same of a stdout's chunks, parsed in this process;
- ``summarize_run(archive_path, run_id, workers=N)``: of an archived run, its parts
  parsed by ``N`` worker processes when ``N > 1``; ``RunSummary.merge`` joins them;
- ``part_spans(layout, parts)`` / ``part_bytes(chunks, start, begin, end)``: parts
  of about equal size that tile stdout at blank lines (``reporter.analysis`` cuts a
  run with them too).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from collector.archive import Archive
from reporter.parse import StdoutParser
from reporter.records import (
    DEFAULT_MAXSTRINGLEN,
    Invocation,
    OrphanStatements,
    OtherLine,
    Record,
    Statistics,
    Unparsed,
)


@dataclass(frozen=True)
class RunSummary:
    """Counts over a run's stdout, without keeping its records.

    ``first_lines`` counts invocations by ``(target, function, file, first line)``;
    ``partial`` is derived from it with the rule of ``reporter.parse.mark_partial``.
    """

    bytes: int = 0
    newlines: int = 0
    invocations: int = 0
    statements: int = 0
    orphan_groups: int = 0
    orphan_statements: int = 0
    truncated_invocations: int = 0
    foreign_invocations: int = 0
    output_lines: int = 0
    blank_lines: int = 0
    interrupts: int = 0
    unparsed_records: int = 0
    unparsed_bytes: int = 0
    statistics: Statistics | None = None
    by_call: tuple[tuple[tuple[str, str, str], int], ...] = ()
    first_lines: tuple[tuple[tuple[str, str, str, int], int], ...] = ()

    @property
    def partial_invocations(self) -> int:
        lowest = self.entry_lines()
        return sum(n for (t, f, file, line), n in self.first_lines if line > lowest[(t, f, file)])

    def entry_lines(self) -> dict[tuple[str, str, str], int]:
        """The lowest first line per ``(target, function, file)`` (see ``mark_partial``)."""
        lowest: dict[tuple[str, str, str], int] = {}
        for (t, f, file, line), _ in self.first_lines:
            key = (t, f, file)
            lowest[key] = min(line, lowest.get(key, line))
        return lowest

    def merge(self, other: RunSummary) -> RunSummary:
        """The summary of this part followed by ``other`` (the next part of stdout)."""
        calls = Counter(dict(self.by_call))
        calls.update(dict(other.by_call))
        firsts = Counter(dict(self.first_lines))
        firsts.update(dict(other.first_lines))
        counts = {
            name: getattr(self, name) + getattr(other, name)
            for name in (
                "bytes",
                "newlines",
                "invocations",
                "statements",
                "orphan_groups",
                "orphan_statements",
                "truncated_invocations",
                "foreign_invocations",
                "output_lines",
                "blank_lines",
                "interrupts",
                "unparsed_records",
                "unparsed_bytes",
            )
        }
        stats = self.statistics
        if other.statistics is not None:
            # ``other`` was parsed on its own: its positions start at 0 and line 1.
            stats = replace(
                other.statistics,
                offset=other.statistics.offset + self.bytes,
                line_no=other.statistics.line_no + self.newlines,
            )
        return RunSummary(
            **counts,
            statistics=stats,
            by_call=tuple(sorted(calls.items())),
            first_lines=tuple(sorted(firsts.items())),
        )


def summarize_records(records: Iterable[Record]) -> RunSummary:
    """Count records as they stream by (none is kept)."""
    c: Counter[str] = Counter()
    calls: Counter[tuple[str, str, str]] = Counter()
    firsts: Counter[tuple[str, str, str, int]] = Counter()
    stats: Statistics | None = None
    size = invocations = statements = truncated = foreign = 0
    for r in records:
        # Invocations are nearly every record of a large run: plain local counters.
        if type(r) is Invocation:
            invocations += 1
            statements += r.statement_count
            truncated += r.truncated
            foreign += r.foreign
            calls[(r.target, r.function, r.return_text)] += 1
            if r.first_line is not None:
                firsts[(r.target, r.function, r.first_file or "", r.first_line)] += 1
            size += r.accounted_bytes
        elif isinstance(r, OrphanStatements):
            c["orphan_groups"] += 1
            c["orphan_statements"] += r.statement_count
            size += r.accounted_bytes
        elif isinstance(r, Unparsed):
            c["unparsed_records"] += 1
            c["unparsed_bytes"] += r.length
            size += r.length
        elif isinstance(r, Statistics):
            stats = r
            size += r.length
        elif isinstance(r, OtherLine):
            c[{"output": "output_lines", "blank": "blank_lines"}.get(r.kind, "interrupts")] += 1
            size += r.length
    return RunSummary(
        bytes=size,
        invocations=invocations,
        statements=statements,
        truncated_invocations=truncated,
        foreign_invocations=foreign,
        statistics=stats,
        by_call=tuple(sorted(calls.items())),
        first_lines=tuple(sorted(firsts.items())),
        **c,
    )


def summarize_chunks(
    chunks: Iterable[bytes], *, maxstringlen: int = DEFAULT_MAXSTRINGLEN
) -> RunSummary:
    """Summary of a stdout streamed as chunks, in this process."""
    parser = StdoutParser(maxstringlen=maxstringlen)

    def records() -> Iterator[Record]:
        for chunk in chunks:
            yield from parser.feed(chunk)
        yield from parser.finish()

    summary = summarize_records(records())
    return replace(summary, newlines=parser.newlines)


def _boundary(data: bytes, off: int, prev_nl: bool, after: int) -> int | None:
    """First stdout position ``b`` in this chunk with bytes ``b-1`` and ``b`` both
    ``\n`` (a blank line starts at ``b``) and ``b - 1 >= after``; ``off`` is the
    chunk's position and ``prev_nl`` whether the byte before it is ``\n``."""
    if prev_nl and off - 1 >= after and data[:1] == b"\n":
        return off
    i = data.find(b"\n\n", max(0, after - off))
    return None if i < 0 else off + i + 1


def part_bytes(chunks: Iterable[bytes], start: int, begin: int, end: int | None) -> Iterator[bytes]:
    """The bytes of one part of stdout, for parsing it on its own.

    ``chunks`` are stdout's chunks from the one at position ``start`` on. The part
    starts at stdout's start when ``begin`` is 0, else at the first blank line whose
    preceding newline lies at or after ``begin``; it ends before the first such
    blank line at or after ``end`` (``None``: at stdout's end). Consecutive parts
    computed with the same positions therefore tile stdout exactly. At a blank line
    the parser holds no state but counters (no open path, no unfinished line, no
    statistics block), so the parts' summaries merge into the sequential summary.
    """
    off = start
    prev_nl = False
    first: int | None = 0 if begin == 0 else None
    for data in chunks:
        if first is None:
            first = _boundary(data, off, prev_nl, begin)
        if first is not None:
            lo = max(first - off, 0)
            stop = None if end is None else _boundary(data, off, prev_nl and off > end, end)
            if stop is not None:
                if stop - off > lo:
                    yield data[lo : stop - off]
                return
            if lo < len(data):
                yield data[lo:] if lo else data
        prev_nl = data.endswith(b"\n")
        off += len(data)


def _split_points(layout: Sequence[tuple[int, int]], parts: int) -> list[int]:
    """Chunk indexes where parts of about equal size start (first is 0)."""
    total = sum(size for _, size in layout)
    points = [0]
    acc = 0
    for i, (_, size) in enumerate(layout):
        if acc >= total * len(points) / parts and i > points[-1]:
            points.append(i)
            if len(points) == parts:
                break
        acc += size
    return points


def part_spans(layout: Sequence[tuple[int, int]], parts: int) \
        -> list[tuple[int, int, int | None]]:
    """``(first chunk seq, begin, end)`` of about ``parts`` parts of equal size of a
    stream whose ``chunk_layout`` is ``layout``, for ``part_bytes`` (``end`` ``None``:
    the stream's end).

    >>> part_spans([(0, 10), (1, 10), (2, 10), (3, 10)], 2)
    [(0, 0, 20), (2, 20, None)]
    """
    points = _split_points(layout, parts)
    starts = list(itertools.accumulate((size for _, size in layout), initial=0))
    return [(layout[index][0], starts[index],
             starts[points[k + 1]] if k + 1 < len(points) else None)
            for k, index in enumerate(points)]


def _summarize_part(args: tuple[str, int, int, int, int, int | None, int]) -> RunSummary:
    path, run_id, first_seq, start, begin, end, maxstringlen = args
    with Archive.open(path, readonly=True) as archive:
        stdout = (c.data for c in archive.iter_chunks(run_id, "stdout", first_seq=first_seq))
        chunks = part_bytes(stdout, start, begin, end)
        return summarize_chunks(chunks, maxstringlen=maxstringlen)


def summarize_run(
    archive_path: Path | str,
    run_id: int,
    *,
    workers: int = 1,
    maxstringlen: int = DEFAULT_MAXSTRINGLEN,
) -> RunSummary:
    """Summary of a run's stdout; ``workers > 1`` parses parts in worker processes.

    Each worker reads its own range of chunks from the archive (so the data is read
    once, in parallel) and parses from the first blank line of its range to the
    first blank line of the next range (see ``part_bytes``); the summaries are
    merged in stdout order.
    """
    with Archive.open(archive_path, readonly=True) as archive:
        if workers <= 1:
            chunks = (c.data for c in archive.iter_chunks(run_id, "stdout"))
            return summarize_chunks(chunks, maxstringlen=maxstringlen)
        layout = archive.chunk_layout(run_id, "stdout")
    jobs = [(str(archive_path), run_id, seq, begin, begin, end, maxstringlen)
            for seq, begin, end in part_spans(layout, workers)]
    if len(jobs) == 1:
        return _summarize_part(jobs[0])
    total = RunSummary()
    import multiprocessing  # here: a report that needs no workers skips its import
    with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
        for summary in pool.imap(_summarize_part, jobs):
            total = total.merge(summary)
    return total
