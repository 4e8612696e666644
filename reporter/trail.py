"""Following the errno down a chain of runs: the trail from a verdict to its origin.

This module owns walking a chain (``collector.archive.ChainLink``, written by
``errtrail-collect gdb --follow``): the run's verdict names a callee; the chain holds
a run of that callee's calls, each linked to the call above that made it; the call
made from the verdict's line (the last one, when it was made in a loop) is diagnosed
in turn, and so on until a level whose verdict makes the value itself (a constant, an
assignment, ``-errno`` after a libc call) or names a callee the chain did not trace.

Others call ``follow(archive, run, level, diagnose_level)`` -> ``Trail | None``
(``None``: the run heads no chain), ``trail_json`` and ``trail_text``. A level is a
run's ``Diagnosis``, its calls (``reporter.analysis.CallIndex``: each call's path and
return text) and its sources; ``diagnose_level(run)`` gives one, and
``reporter.pipeline.level_diagnoser`` is the usual one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from collector.archive import Archive, ChainLink, InvocationLink, Run
from reporter.diagnosis import Candidate, Diagnosis, ErrnoInfo, PathGroup, decode_return
from reporter.diagnosis.csource import source_lines
from reporter.diagnosis.facts import same_file
from reporter.diagnosis.output import compress_steps, condition_json

if TYPE_CHECKING:
    from reporter.analysis import CallIndex

__all__ = ["Trail", "TrailLevel", "follow", "settle_next_step", "trail_json", "trail_text",
           "verdict_end"]

# Levels a trail shows at most (a recursion deeper than this is cut there).
MAX_LEVELS = 64
# What the tracer says of a callee it did not trace (collector/gdb_tracer.py).
NOT_FOLLOWED_MARK = "errtrail-gdb: not followed: "


@dataclass(frozen=True)
class TrailLevel:
    """One level: a call of ``function`` (``invocation``, from 0, in ``run_id``), what
    it returned and its verdict; ``rewrote``: its verdict's line turned the value the
    level below returned into another one."""

    run_id: int
    function: str
    invocation: int
    returned: ErrnoInfo
    verdict: Candidate | None
    rewrote: bool = False
    path: str = ""                                  # the call's statements, compressed
    excerpt: tuple[tuple[int, str], ...] = ()       # source lines around the verdict


@dataclass(frozen=True)
class Trail:
    """The levels, from the run's own function down, and why the trail ends there."""

    levels: tuple[TrailLevel, ...]
    end: str
    origin: bool      # the last level's verdict makes the value itself


# A level's diagnosis, its calls (path and return text of each), and its sources.
Level = tuple[Diagnosis, "CallIndex", Mapping[str, bytes]]
Diagnoser = Callable[[Run], Level]
# Source lines shown above and below each level's verdict line.
EXCERPT_CONTEXT = 2


def _group_of(d: Diagnosis, calls: CallIndex, invocation: int | None) -> PathGroup | None:
    if invocation is None:
        return next((g for g in d.paths if g.candidates), d.paths[0] if d.paths else None)
    index = calls.path_of(invocation)
    return next((g for g in d.paths if g.index == index), None)


def _child_call(archive: Archive, chain: Sequence[tuple[int, str]], run_id: int,
                invocation: int, verdict: Candidate) -> InvocationLink | None:
    """The call of the verdict's callee made by this call: from the verdict's line when
    one was, else from any line; the last one made."""
    best: InvocationLink | None = None
    for level_run, callee in chain:
        if callee != verdict.callee:
            continue
        for call in archive.invocation_links(level_run):
            if call.parent_run != run_id or call.parent_ordinal != invocation:
                continue
            on_line = call.parent_line == verdict.line
            key = (on_line, call.parent_step, call.ordinal)
            if best is None or key > ((best.parent_line == verdict.line), best.parent_step,
                                      best.ordinal):
                best = call
    return best


def _leading_int(text: str) -> int | None:
    """``-2 (0xfffffffffffffffe)`` -> -2.

    >>> _leading_int("-2 (0xfffffffffffffffe)"), _leading_int("0x10"), _leading_int("?")
    (-2, 16, None)
    """
    m = re.match(r"\s*(-?(?:0x[0-9a-fA-F]+|\d+))", text)
    return int(m.group(1), 0) if m else None


def _tested_call(archive: Archive, chain: Sequence[tuple[int, str]], run_id: int, invocation: int,
                 verdict: Candidate, level_of: Callable[[int], Level],
                 ) -> InvocationLink | None:
    """The traced call whose result the check before a constant return tested
    (``err = read_file(p); if (err < 0) return -EINVAL;``): a call made before the
    check, named in it or whose return value an operand of it holds. The constant
    rewrote that value: the trail goes on below it."""
    cond = verdict.condition
    assert cond is not None
    operands = {n for _, v in cond.values if (n := _leading_int(v)) is not None}
    best: InvocationLink | None = None
    for level_run, callee in chain:
        named = re.search(rf"\b{re.escape(callee)}\s*\(", cond.text) is not None
        for call in archive.invocation_links(level_run):
            if call.parent_run != run_id or call.parent_ordinal != invocation:
                continue
            if cond.step is not None and call.parent_step > cond.step:
                continue
            value = _leading_int(level_of(call.run_id)[1].return_of(call.ordinal) or "?")
            if not named and (value is None or value not in operands):
                continue
            if best is None or call.parent_step > best.parent_step:
                best = call
    return best


def _not_followed(archive: Archive, runs: Sequence[int], callee: str) -> str | None:
    """Why the tracer did not trace ``callee``, as it said on a chain run's stderr
    (the latest run that said so)."""
    mark = NOT_FOLLOWED_MARK + callee + ": "
    for run_id in sorted(runs, reverse=True):
        text = archive.stream_bytes(run_id, "stderr").decode("utf-8", "replace")
        for line in text.splitlines():
            if line.startswith(mark):
                return line[len(mark):]
    return None


def verdict_end(function: str, c: Candidate | None) -> tuple[str, bool] | None:
    """Why a chain ends at ``function``'s verdict and whether that is the origin;
    ``None`` when it goes on (a callee to trace). ``errtrail-collect follow`` reads it
    too (``collector.rerun``)."""
    if c is None:
        return f"{function}() has no verdict: the trace shows no line to blame", False
    where = f"{c.file}:{c.line}" + (f" `{c.source_text}`" if c.source_text else "")
    if c.callee is None:
        return f"origin: {function}() makes the value itself at {where}", True
    if c.kind == "errno-callee":
        return (f"origin: {function}() at {where}: {c.callee}() failed and set errno;"
                " its cause is outside the traced code", True)
    if not c.next_step:
        return f"{function}() at {where} calls through a pointer: which function is unknown", \
            False
    return None


def _stop(archive: Archive, runs: Sequence[int], level: TrailLevel,
          max_level: int) -> tuple[str, bool]:
    """Why the trail ends at this level, and whether that is the origin."""
    end = verdict_end(level.function, level.verdict)
    if end is not None:
        return end
    c = level.verdict
    assert c is not None and c.callee is not None
    where = f"{c.file}:{c.line}" + (f" `{c.source_text}`" if c.source_text else "")
    why = _not_followed(archive, runs, c.callee)
    if why is None:
        why = "no call of it below this one was caught (inlined, or called through a pointer)"
        if max_level:
            why = why[:-1] + f", or more than {max_level} levels down)"
    return f"{c.callee}() at {where} was not traced: {why}", False


def _chain_of(archive: Archive, run: Run) -> tuple[int, list[ChainLink]] | None:
    """The chain's root and every link below it, levels that head chains of their own
    included (a ``gdb --follow`` level of a ``follow`` chain); ``None``: no chain."""
    own = archive.chain_link(run.id)
    root = own.root_run if own is not None else run.id
    words = run.command[:run.command.index("--")] if "--" in run.command else run.command
    links = archive.chain_links(root)
    if "--follow" not in words and own is None and not links and \
            not archive.invocation_links(run.id):
        return None
    todo = [x.run_id for x in links]
    while todo:
        below = archive.chain_links(todo.pop())
        links += below
        todo += [x.run_id for x in below]
    return root, links


def _next_call(archive: Archive, chain: Sequence[tuple[int, str]], links: Sequence[ChainLink],
               here: tuple[int, int], verdict: Candidate, level_of: Callable[[int], Any],
               ) -> tuple[int, int | None] | None:
    """The level below this call (run, call; call ``None``: the run's own verdict): the
    callee's call caught in the same run of the program, else a run that traced the
    callee again (``how='rerun'``), else the call a check before a constant tested."""
    run_id, invocation = here
    if verdict.callee:
        call = _child_call(archive, chain, run_id, invocation, verdict)
        if call is not None:
            return call.run_id, call.ordinal
        again = [x for x in links if x.how == "rerun" and x.parent_run == run_id
                 and x.callee == verdict.callee]
        again.sort(key=lambda x: (x.parent_line == verdict.line, x.run_id))
        return (again[-1].run_id, None) if again else None
    if verdict.condition is not None:
        call = _tested_call(archive, chain, run_id, invocation, verdict, level_of)
        if call is not None:
            return call.run_id, call.ordinal
    return None


def _outermost(archive: Archive, run_id: int, group: PathGroup) -> int:
    """A call of the path no other call of the function made (recursion)."""
    inner = {x.ordinal for x in archive.invocation_links(run_id)}
    return next((i for i in group.invocations if i not in inner), group.invocations[0])


def follow(archive: Archive, run: Run, level: Level, diagnose_level: Diagnoser,
           invocation: int | None = None) -> Trail | None:
    """The trail from ``run``'s verdict down its chain (``None``: no chain below it).

    ``level`` is ``run``'s own diagnosis, return texts and sources; ``invocation`` is
    the call to start from (default: the outermost call of the verdict's path)."""
    found = _chain_of(archive, run)
    if found is None:
        return None
    root, links = found
    top = archive.get_run(root)
    chain = [(root, top.function or ""), *((x.run_id, x.callee) for x in links)]
    cache: dict[int, Level] = {run.id: level}

    def level_of(run_id: int) -> Level:
        if run_id not in cache:
            cache[run_id] = diagnose_level(archive.get_run(run_id))
        return cache[run_id]

    levels: list[TrailLevel] = []
    here: tuple[int, int | None] | None = (run.id, invocation)
    seen: set[tuple[int, int | None]] = set()
    while here is not None and here not in seen and len(levels) < MAX_LEVELS:
        seen.add(here)
        d, rets, sources = level_of(here[0])
        group = _group_of(d, rets, here[1])
        if group is None:
            break
        call = here[1] if here[1] is not None else _outermost(archive, here[0], group)
        verdict = group.candidates[0] if group.candidates else None
        levels.append(TrailLevel(here[0], archive.get_run(here[0]).function or "?",
                                 call, decode_return(rets.return_of(call) or "?"), verdict,
                                 path=_path_text(group),
                                 excerpt=_excerpt(sources, verdict)))
        here = (_next_call(archive, chain, links, (here[0], call), verdict, level_of)
                if verdict is not None else None)
    if not levels:
        return None
    return _finish(archive, [root, *(x.run_id for x in links)], _mark_rewrites(levels),
                   max((x.level for x in links), default=0))


def _finish(archive: Archive, runs: Sequence[int], levels: list[TrailLevel],
            max_level: int) -> Trail:
    end, origin = _stop(archive, runs, levels[-1], max_level)
    rewrites = [t for t in levels if t.rewrote and t.verdict is not None]
    if origin and rewrites:
        t = rewrites[-1]
        assert t.verdict is not None
        end += (f"; {t.function}() turned it into {_returned_text(t.returned)} at"
                f" {t.verdict.file}:{t.verdict.line}")
    return Trail(tuple(levels), end, origin)


def settle_next_step(d: Diagnosis, trail: Trail | None) -> Diagnosis:
    """The run's verdict with the trail's next step: none at the origin, else the last
    level's (a callee the chain did not trace)."""
    if trail is None or not d.paths or not d.paths[0].candidates:
        return d
    last = trail.levels[-1].verdict
    step = None if trail.origin or last is None else last.next_step
    top = d.paths[0]
    cands = (replace(top.candidates[0], next_step=step), *top.candidates[1:])
    return replace(d, paths=(replace(top, candidates=cands), *d.paths[1:]))


def _path_text(group: PathGroup) -> str:
    """The path's statements, its own file's lines without the file name."""
    if not group.steps:
        return ""
    own = group.steps[-1].file
    return compress_steps(group.steps).replace(f"{own}:", "", 1)


def _excerpt(sources: Mapping[str, bytes], verdict: Candidate | None
             ) -> tuple[tuple[int, str], ...]:
    """The verdict's line with ``EXCERPT_CONTEXT`` lines around it, from its source."""
    if verdict is None:
        return ()
    data = sources.get(verdict.file)
    if data is None:
        data = next((d for p, d in sorted(sources.items()) if same_file(p, verdict.file)), None)
    if data is None:
        return ()
    lines = source_lines(data.decode("utf-8", "replace"))
    first = max(1, verdict.line - EXCERPT_CONTEXT)
    last = min(len(lines), verdict.line + EXCERPT_CONTEXT)
    return tuple((n, lines[n - 1]) for n in range(first, last + 1))


def _mark_rewrites(levels: list[TrailLevel]) -> list[TrailLevel]:
    out = []
    for above, below in zip(levels, [*levels[1:], None], strict=True):
        rewrote = below is not None and below.returned.raw != above.returned.raw
        out.append(replace(above, rewrote=rewrote))
    return out


def _returned_text(e: ErrnoInfo) -> str:
    if e.form == "errno" and e.name:
        return f"-{e.name}"
    if e.form == "err_ptr" and e.name:
        return f"ERR_PTR(-{e.name})"
    return e.raw


def trail_text(trail: Trail) -> str:
    """``configure() chain.c:33 -> parse_iface() chain.c:21 -> check_mtu() chain.c:10
    return -EINVAL (line 9: `mtu > 9000` was true; mtu = 9216)``."""
    parts = []
    for level in trail.levels:
        c = level.verdict
        where = f" {c.file.rsplit('/', 1)[-1]}:{c.line}" if c is not None else ""
        flag = f" [rewrote {_returned_text(level.returned)}]" if level.rewrote else ""
        parts.append(f"{level.function}(){where}{flag}")
    last = trail.levels[-1]
    text = " -> ".join(parts) + f"  returned {_returned_text(last.returned)}"
    if last.verdict is not None and last.verdict.condition is not None:
        text += f"  ({last.verdict.condition.sentence()})"
    return text


def trail_json(trail: Trail) -> dict[str, Any]:
    """``{"levels": [{function, file, line, kind, callee, value, run, invocation,
    rewrote, condition}], "end": ..., "origin": bool}``; keys are only ever added."""
    levels = []
    for level in trail.levels:
        c = level.verdict
        item: dict[str, Any] = {
            "function": level.function, "run": level.run_id, "invocation": level.invocation,
            "value": level.returned.raw, "errno": level.returned.name,
            "file": c.file if c else None, "line": c.line if c else None,
            "kind": c.kind if c else None, "callee": c.callee if c else None,
            "source_text": c.source_text if c else None, "rewrote": level.rewrote,
            "condition": condition_json(c.condition) if c and c.condition else None,
        }
        levels.append(item)
    return {"levels": levels, "end": trail.end, "origin": trail.origin}
