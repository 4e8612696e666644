"""A run's diagnosis: paths grouped, each ranked, the run's notes written.

This module owns ``diagnose(analysis, run, sources)``: each distinct path of the
run's analysis (``reporter.analysis``: calls grouped by statement sequence and
outcome) becomes a ``PathGroup``: it builds each group's ``PathFacts``, checks
the sources against the trace (``checks``), ranks each path's candidates
(``engine``) and writes the notes a reader needs (lost events, cut lines, missing or
mismatched sources, several return values, a value that is not an errno).
``sources`` maps a trace path (as the statements name it) to the file's bytes;
``None`` or missing files are fine. Each file is parsed once per run.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from collector.archive import Message, Run
from reporter.diagnosis import crossjump
from reporter.diagnosis.checks import check_source
from reporter.diagnosis.engine import rank
from reporter.diagnosis.facts import PathFacts, RunFacts
from reporter.diagnosis.model import Candidate, Diagnosis, ErrnoInfo, PathGroup, SourceCheck
from reporter.diagnosis.notes import run_notes
from reporter.diagnosis.returns import condition_errnos, decode_return
from reporter.diagnosis.steps import build_steps, fingerprint
from reporter.progress import bar
from reporter.records import Invocation, Statement, key_lines

if TYPE_CHECKING:
    from reporter.analysis import Analysis, PathSummary

__all__ = ["MAX_COMPARED", "build_facts", "diagnose"]

# Invocations of one path whose values are compared for ``differing_variables``, and
# distinct value texts of one statement read among them.
MAX_COMPARED = 64
MAX_TEXTS = 32



def _unprobed_of(messages: Sequence[Message], function: str | None) -> tuple[
        tuple[str, int, int | None], ...]:
    """Registration failures of statements in the run's function, in source order."""
    seen: dict[tuple[str, int], int | None] = {}
    for m in messages:
        if m.category != "unprobed" or m.file is None or m.line is None:
            continue
        if function and m.function and m.function != function:
            continue
        seen.setdefault((m.file, m.line), m.rc)
    return tuple((f, n, rc) for (f, n), rc in sorted(seen.items()))


def _differing_variables(invs: Sequence[Invocation]) -> set[str]:
    """Variable names whose values differ between the kept calls of one path (the
    analysis keeps the first calls and those whose values differ, up to
    ``MAX_COMPARED``: the diagnosis costs per path, not per call).

    Each distinct statement text is split once: big runs repeat the same texts.
    """
    rep = invs[0].statements
    compared = invs[1:MAX_COMPARED]
    differing: set[str] = set()
    for index, first in enumerate(rep):
        texts = set(itertools.islice(dict.fromkeys(
            (st.label, st.value_text, st.truncated)
            for inv in compared for st in (inv.statements[index],)), MAX_TEXTS))
        texts.discard((first.label, first.value_text, first.truncated))
        if not texts:
            continue
        base = {n: v.raw for n, v in first.variables}
        for label, text, truncated in sorted(texts):
            if set(base) <= differing:
                break
            other = Statement("", 0, first.file, first.line, label, text, 0, 0, 0, b"", truncated)
            values = {n: v.raw for n, v in other.variables}
            differing.update(n for n in base.keys() | values.keys() if base.get(n) != values.get(n))
    return differing


def _returns(texts: Sequence[str]) -> list[ErrnoInfo]:
    out: list[ErrnoInfo] = []
    for text in texts:
        info = decode_return(text)
        if info not in out:
            out.append(info)
    return out


def _group(run: RunFacts, path: PathSummary, mismatched: frozenset[str],
           split: bool = False) -> PathGroup:
    """One path's group; ``split``: other groups share its statement sequence (they
    returned another errno), so its fingerprint names the errno too."""
    rep = path.samples[0]
    steps = build_steps(rep.statements)
    returns = _returns(path.returns)
    facts = PathFacts(run, steps, returns[0], path.partial)
    counts: dict[tuple[str, int], int] = {}
    for s in steps:
        counts[(s.file, s.line)] = counts.get((s.file, s.line), 0) + 1
    origin = facts.origin
    return PathGroup(
        fingerprint=fingerprint(steps) + (f"/{path.outcome}" if split else ""),
        count=path.count,
        steps=steps,
        invocations=tuple(inv.ordinal for inv in path.samples),
        first_position=path.first_position,
        last_position=path.last_position,
        execnames=path.execnames,
        tids=path.tids,
        returns=tuple(returns),
        differing_variables=tuple(sorted(_differing_variables(path.samples))),
        last_statement=facts.last,
        exit_line=facts.exit,
        repeated_lines=tuple((f, n, c) for (f, n), c in sorted(counts.items()) if c > 1),
        unprobed=tuple((f, n) for f, n, _ in facts.unprobed_after),
        value_origin=steps[origin[0]] if origin else None,
        partial=facts.partial,
        candidates=_ranked(facts, bool(facts.file and facts.file in mismatched)),
        optimised=facts.optimised,
        index=path.index,
        execname_total=path.execname_total,
        tid_total=path.tid_total,
    )


def _ranked(facts: PathFacts, mismatched: bool) -> tuple[Candidate, ...]:
    """The candidates, ranked on the path as it ran (``crossjump``)."""
    ran, moved = crossjump.remap(facts)
    return tuple(crossjump.explain(c, moved) for c in rank(ran, mismatched))


_TRACING = re.compile(r"tracing \S+ \(.*\): ([0-9]+) statement addresses, ([0-9]+) statement lines")


def built_optimised(messages: Sequence[Message]) -> bool | None:
    """What the gdb tracer's stderr says of the traced code: ``compiled by ... -O2``
    (DW_AT_producer: the last -O flag wins, -O0 is unoptimised), else lines sharing
    an address ("12 statement addresses, 15 statement lines": only optimised code
    puts several lines at one address). ``None``: it does not say.

    >>> from collector.messages import classify_stderr
    >>> built_optimised(classify_stderr(b"errtrail-gdb: compiled by GNU C17 12.2.0 -g -O2\\n"))
    True
    >>> built_optimised(classify_stderr(b"errtrail-gdb: tracing f (/a.c:3): 9 statement"
    ...                                 b" addresses, 9 statement lines\\n")) is None
    True
    """
    verdict: bool | None = None
    for m in messages:
        text = m.raw.decode("utf-8", "replace")
        flags = re.findall(r"(?:^|\s)-O([0-9sgz]|fast)?(?=\s|$)", text) \
            if "compiled by" in text else []
        if flags:
            return flags[-1] not in ("0",)
        shape = _TRACING.search(text)
        if shape and shape.group(1) != shape.group(2):
            verdict = True
    return verdict


def _probed(run: Run) -> dict[str, frozenset[int]] | None:
    lines = run.probed_lines()
    if lines is None:
        return None
    out: dict[str, set[int]] = {}
    for file, line in lines:
        out.setdefault(file, set()).add(line)
    return {f: frozenset(n) for f, n in out.items()}


def _highest_lines(analysis: Analysis) -> dict[str, int] | None:
    """The highest line traced per file over the whole run, when the run shows that
    paths may have been cut short (stderr says events were lost, or statements came
    with no header); ``None`` otherwise, where a path's own highest line is trusted
    (an inlined helper defined below the function would otherwise hide every exit)."""
    if not analysis.incomplete and not analysis.orphan_groups:
        return None
    return dict(analysis.highest)


def _traced_lines(paths: Sequence[PathSummary]) -> dict[str, list[list[int]]]:
    """Each file's traced lines, path by path in the order each ran them, each
    distinct path read once (its key)."""
    out: dict[str, list[list[int]]] = {}
    for i, path in enumerate(paths):
        for file, line in key_lines(path.key):
            per_path = out.setdefault(file, [[] for _ in paths])
            per_path[i].append(line)
    return dict(sorted(out.items()))


def _check_sources(run: RunFacts, paths: Sequence[PathSummary]) -> tuple[SourceCheck, ...]:
    out = []
    for file, order in _traced_lines(paths).items():
        check = check_source(run, file, sorted({n for lines in order for n in lines}), order)
        if check is not None:
            out.append(check)
    return tuple(out)


def _without_mismatched(sources: Mapping[str, bytes], checks: Sequence[SourceCheck]) \
        -> dict[str, bytes]:
    bad = {c.file for c in checks if c.mismatched}
    return {p: d for p, d in sources.items() if p not in bad}


@dataclass(frozen=True)
class _Prepared:
    """A run ready to rank: its facts (mismatched sources dropped), its checks."""

    facts: RunFacts
    checks: tuple[SourceCheck, ...]
    mismatched: frozenset[str]


def _prepare(analysis: Analysis, run: Run, sources: Mapping[str, bytes] | None,
             headers: Mapping[str, bytes] | None = None) -> _Prepared:
    first = analysis.paths[0].samples[0] if analysis.paths else None
    function = run.function or (first.function if first else None)
    target = run.target or (first.target if first else None)

    def facts_with(files: Mapping[str, bytes]) -> RunFacts:
        return RunFacts(run=run, tool=run.tool or "stap", target=target,
                        function=function, condition=run.condition,
                        sources=dict(sorted(files.items())),
                        unprobed=_unprobed_of(analysis.messages, function),
                        highest=_highest_lines(analysis), probed=_probed(run),
                        built_optimised=built_optimised(analysis.messages),
                        headers=dict(sorted((headers or {}).items())))

    facts = facts_with(sources or {})
    checks = _check_sources(facts, analysis.paths)
    mismatched = frozenset(c.file for c in checks if c.mismatched)
    if mismatched:
        facts = facts_with(_without_mismatched(sources or {}, checks))
    return _Prepared(facts, checks, mismatched)


def build_facts(analysis: Analysis, run: Run, sources: Mapping[str, bytes] | None,
                ordinal: int = 0, headers: Mapping[str, bytes] | None = None) -> PathFacts:
    """The ``PathFacts`` of the path call ``ordinal`` took: what each rule of
    ``reporter.diagnosis.rules`` reads (for testing a rule on its own)."""
    prepared = _prepare(analysis, run, sources, headers)
    index = analysis.calls.path_of(ordinal)
    if index is None:
        raise ValueError(f"no invocation {ordinal} in run {run.id}")
    path = analysis.paths[index]
    return PathFacts(prepared.facts, build_steps(path.samples[0].statements),
                     _returns(path.returns)[0], path.partial)


def diagnose(analysis: Analysis, run: Run, sources: Mapping[str, bytes] | None = None,
             source_notes: Sequence[str] = (),
             headers: Mapping[str, bytes] | None = None) -> Diagnosis:
    """The ranked diagnosis of an analysed run (``reporter.analysis``); ``sources``
    maps trace paths to file bytes; ``source_notes`` (a local file newer than the
    traced binary, say) join its notes; ``headers`` (path -> bytes) are files the
    sources include, read for the macros a traced line calls
    (``reporter.sources.resolve_includes``)."""
    prepared = _prepare(analysis, run, sources, headers)
    facts, checks, mismatched = prepared.facts, prepared.checks, prepared.mismatched
    keys = Counter(p.key for p in analysis.paths)
    groups = []
    with bar("diagnose", len(analysis.paths), unit="path") as progress:
        for p in analysis.paths:
            groups.append(_group(facts, p, mismatched, keys[p.key] > 1))
            progress.update()
    # Most frequent first; a path with no statements (a header whose lines were all
    # lost) says nothing, so it goes after paths of the same count that do.
    groups.sort(key=lambda g: (-g.count, not g.steps, g.first_position))
    return Diagnosis(
        run_id=run.id,
        run_uuid=run.uuid,
        target=facts.target,
        function=facts.function,
        condition=run.condition,
        variable=run.variable,
        returned=groups[0].returns[0] if groups else None,
        paths=tuple(groups),
        unprobed_all=tuple((f, n) for f, n, _ in facts.unprobed),
        with_sources=bool(facts.sources),
        notes=run_notes(analysis, facts, groups, checks) + tuple(source_notes),
        condition_errnos=condition_errnos(run.condition),
        tool=facts.tool,
        source_checks=checks,
    )
