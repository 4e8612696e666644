"""Following the errno by tracing again, level by level: ``run --follow`` and ``follow RUN``.

This module owns the loop that takes a run's verdict, traces the callee it names with
the run's own tracer and options, narrowed to the value seen (the verdict's next step,
``reporter.diagnosis.nextstep``), stores the new run as the next level of the chain
(``ChainLink`` with ``how='rerun'``) and goes on until a level's verdict makes the
value itself, names no traceable callee, catches no failing call (the failure did not
reproduce), or the depth is reached. stap traces one function a run, so every level
runs the program again and the failure must happen again; ``gdb --follow`` catches a
whole chain in one run instead (``collector.follow``), and ``follow RUN`` on such a
run goes on from where its trail stopped.

Finding the callee takes the diagnosis, so this needs errtrail's reporter (``pip
install 'errtrail[report]'``) and, for the callee's name, the sources (through
``--source-dir`` or debuginfod); without them it stops with the next step to run.

Others call ``follow_chain(archive_path, run_ref, options, say)``.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from collector.archive import Archive, ChainLink
from collector.errors import ErrtrailError
from collector.gdbtrace import FOLLOW_DEPTH

__all__ = ["FollowError", "FollowOptions", "FollowResult", "follow_chain"]


class FollowError(ErrtrailError):
    """The chain cannot be followed; the message says why and what to do."""


@dataclass(frozen=True)
class FollowOptions:
    depth: int = FOLLOW_DEPTH                # levels below the root, at most
    source_dirs: tuple[Path, ...] = ()       # where the sources are (else debuginfod)
    debuginfod_urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class FollowResult:
    """The runs of the chain this call added (``(run id, function, level)``), the root,
    and why it stopped."""

    root: int
    added: tuple[tuple[int, str, int], ...]
    end: str


def _reporter() -> Any:
    try:
        from reporter import pipeline, sources, trail
    except ImportError as e:  # the collector alone, on a production box
        raise FollowError(
            f"following the errno needs errtrail's reporter to find each level's callee"
            f" ({e}); install it (pip install 'errtrail[report]'), or run the next step"
            " that errtrail-report diagnose prints on a workstation") from e
    return pipeline, sources, trail


def _verdict(archive: Archive, run_id: int, options: FollowOptions) -> tuple[Any, int, str]:
    """(the candidate the chain ends at, the run it is in, that run's function): the
    run's verdict, or the end of its trail when it heads one."""
    pipeline, sources, _ = _reporter()
    opts = sources.SourceOptions(source_dirs=options.source_dirs,
                                 debuginfod_urls=options.debuginfod_urls)
    prepared = pipeline.prepare(archive, archive.get_run(run_id), opts)
    if prepared.trail is not None:
        last = prepared.trail.levels[-1]
        return last.verdict, last.run_id, last.function
    top = next((g for g in prepared.diagnosis.paths if g.candidates), None)
    return (top.candidates[0] if top else None, run_id,
            prepared.run.function or "?")


def _capture(words: list[str], archive_path: Path, depth: int, label: str) -> int | None:
    """Run a next step (``errtrail-collect run -- ...`` or ``errtrail-collect gdb
    ...``) into the archive; its run id."""
    from collector.capture import run_capture
    from collector.runmeta import meta_for_command

    if words[:3] == ["errtrail-collect", "run", "--"]:
        argv = words[3:]
        return run_capture(argv, archive_path=archive_path,
                           meta=meta_for_command(argv, label=label)).run_id
    if words[:2] == ["errtrail-collect", "gdb"]:
        from collector.gdbtrace import run_gdb_trace, split_words

        rest = [w for w in words[2:] if w != "--follow"]
        pid = None
        if rest[:1] == ["-p"]:
            pid, rest = int(rest[1]), rest[2:]
        request = split_words(rest, pid, label=label, follow_depth=depth)
        return run_gdb_trace(request, archive_path=archive_path).run_id
    raise FollowError(f"cannot run the next step {shlex.join(words)!r} automatically")


def follow_chain(archive_path: Path, run_ref: str, options: FollowOptions,
                 say: Callable[[str], None]) -> FollowResult:
    """Follow the errno down from ``run_ref`` (see the module docstring)."""
    with Archive.open(archive_path) as archive:
        start = archive.get_run(run_ref)
        own = archive.chain_link(start.id)
    root = own.root_run if own is not None else start.id
    level = own.level if own is not None else 0
    current, added = start.id, []
    end = f"stopped at the depth limit ({options.depth} levels)"
    while level < options.depth:
        with Archive.open(archive_path) as archive:
            candidate, parent, function = _verdict(archive, current, options)
        stop = _reporter()[2].verdict_end(function, candidate)
        if stop is not None:
            end = stop[0]
            break
        words = shlex.split(candidate.next_step)
        say(f"level {level + 1}: {candidate.callee}() from {candidate.file}:{candidate.line}:"
            f" {candidate.next_step}")
        new = _capture(words, archive_path, options.depth - level - 1,
                       f"{function} -> {candidate.callee} (level {level + 1} of run {root})")
        if new is None:
            end = f"level {level + 1} could not be archived"
            break
        with Archive.open(archive_path) as archive:
            archive.record_chain(ChainLink(new, root, level + 1, parent, candidate.file,
                                           candidate.line, candidate.callee, "rerun"))
            caught = archive.header_count(archive.get_run(new))
        added.append((new, str(candidate.callee), level + 1))
        level, current = level + 1, new
        if not caught:
            end = (f"the failure did not reproduce: no call of {candidate.callee}() matched"
                   f" in run {new} (each level runs the program again)")
            break
    return FollowResult(root, tuple(added), end)
