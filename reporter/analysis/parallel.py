"""Analysing a run from the archive: one pass over its stdout chunks, on both cores
when the run is big.

This module owns ``analyse_run(archive, run)``. A run above ``PARALLEL_BYTES`` is cut
into parts at blank lines (``reporter.summaries.part_bytes``: the parser holds no
state there), each part is analysed by a worker process reading its own chunks from the
archive, and the parts are merged in stdout order (``Analyser.absorb``). Progress
(bytes read) is shown on a terminal (``reporter.progress``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from collector.archive import Archive, Run
from reporter.analysis.model import Analysis
from reporter.analysis.summary import Analyser
from reporter.parse import StdoutParser, maxstringlen_of, run_messages
from reporter.progress import bar
from reporter.summaries import part_bytes, part_spans

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import Synchronized

__all__ = ["PARALLEL_BYTES", "WORKERS", "analyse_run"]

# Runs with more stdout than this are analysed by WORKERS processes. Below it one
# process is as fast: with the C scanner, two scans at once each ran at about 0.6 of
# their speed alone on the 2-vCPU VM this was measured on (93 MiB of short calls:
# 0.35 s in one process, 0.52 s in two; 1 GiB of long calls: 0.77 s and 0.50 s).
PARALLEL_BYTES = 256 << 20
WORKERS = 2
# Seconds between progress updates while workers run.
POLL_SECONDS = 0.2


def analyse_chunks(chunks: Iterable[bytes], maxstringlen: int,
                   done: Synchronized[int] | None = None) -> Analyser:
    """An ``Analyser`` fed every record of a stdout given as chunks; ``done`` counts
    the bytes read, for a progress bar in another process."""
    parser = StdoutParser(maxstringlen=maxstringlen, light=True)
    analyser = Analyser()
    feed = analyser.feed
    for chunk in chunks:
        for record in parser.feed_light(chunk):
            feed(record)
        if done is not None:
            with done.get_lock():
                done.value += len(chunk)
    for record in parser.finish_light():
        feed(record)
    analyser.newlines = parser.newlines
    analyser.detach()
    return analyser


_DONE: Synchronized[int] | None = None


def _init(done: Synchronized[int]) -> None:
    global _DONE
    _DONE = done


def _part(args: tuple[str, int, int, int, int | None, int]) -> Analyser:
    path, run_id, first_seq, begin, end, maxstringlen = args
    with Archive.open(path, readonly=True) as archive:
        stdout = (c.data for c in archive.iter_chunks(run_id, "stdout", first_seq=first_seq))
        return analyse_chunks(part_bytes(stdout, begin, begin, end), maxstringlen, _DONE)


def _jobs(archive: Archive, run: Run, workers: int, maxstringlen: int) \
        -> list[tuple[str, int, int, int, int | None, int]]:
    layout = archive.chunk_layout(run.id, "stdout")
    return [(str(archive.path), run.id, seq, begin, end, maxstringlen)
            for seq, begin, end in part_spans(layout, workers)]


def _in_workers(archive: Archive, run: Run, workers: int, maxstringlen: int) -> Analyser:
    import multiprocessing  # here: importing it costs a short report about 15 ms

    jobs = _jobs(archive, run, workers, maxstringlen)
    ctx = multiprocessing.get_context("fork")
    done = ctx.Value("Q", 0)
    with bar("parse", run.stdout_bytes) as progress, \
            ctx.Pool(len(jobs), initializer=_init, initargs=(done,)) as pool:
        pending = pool.map_async(_part, jobs)
        while not pending.ready():
            pending.wait(POLL_SECONDS)
            progress.update(done.value - progress.n)
        parts = pending.get()
    total = parts[0]
    for part in parts[1:]:
        total.absorb(part)
    return total


def _counted(chunks: Iterable[bytes], total: int) -> Iterator[bytes]:
    with bar("parse", total) as progress:
        for chunk in chunks:
            yield chunk
            progress.update(len(chunk))


def analyse_run(archive: Archive, run: Run, *, workers: int | None = None) -> Analysis:
    """The analysis of ``run``'s whole stdout (and its stderr, classified now)."""
    maxstringlen = maxstringlen_of(run.command)
    if workers is None:
        workers = WORKERS if run.stdout_bytes > PARALLEL_BYTES else 1
    if workers > 1:
        analyser = _in_workers(archive, run, workers, maxstringlen)
    else:
        chunks = (c.data for c in archive.iter_chunks(run.id, "stdout"))
        analyser = analyse_chunks(_counted(chunks, run.stdout_bytes), maxstringlen)
    return analyser.finish(run.id, run_messages(archive, run.id))
