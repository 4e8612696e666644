"""A run's diagnosis: paths grouped, each ranked, the run's notes written.

This module owns ``diagnose(parsed, run, sources)``: it groups the invocations by
statement sequence (``steps.fingerprint``), builds each group's ``PathFacts``, checks
the sources against the trace (``checks``), ranks each path's candidates
(``engine``) and writes the notes a reader needs (lost events, cut lines, missing or
mismatched sources, several return values, a value that is not an errno).
``sources`` maps a trace path (as the statements name it) to the file's bytes;
``None`` or missing files are fine. Each file is parsed once per run.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from collector.archive import Message, Run
from reporter.diagnosis.checks import check_source
from reporter.diagnosis.engine import rank
from reporter.diagnosis.facts import PathFacts, RunFacts
from reporter.diagnosis.model import Diagnosis, ErrnoInfo, PathGroup, SourceCheck
from reporter.diagnosis.notes import run_notes
from reporter.diagnosis.returns import condition_errnos, decode_return
from reporter.diagnosis.steps import build_steps, fingerprint
from reporter.parse import Invocation, OrphanStatements, ParsedRun, Statement
from reporter.values import Value

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
    """Variable names whose values differ between invocations of one path (the first
    ``MAX_COMPARED`` of them: the diagnosis costs per path, not per invocation).

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


def _returns(invs: Sequence[Invocation]) -> list[ErrnoInfo]:
    out: list[ErrnoInfo] = []
    for text in dict.fromkeys(inv.return_text for inv in invs):
        info = decode_return(text)
        if info not in out:
            out.append(info)
    return out


@functools.lru_cache(maxsize=4096)
def _outcome(return_text: str) -> str:
    """What a call's return says for grouping: its errno (-22 and -25 down one path
    are two answers: a jump table, a merged exit), else only its form (pointers and
    counts differ from call to call).

    >>> _outcome("-22"), _outcome("0xfffffffffffffffe"), _outcome("0x55d0"), _outcome("3")
    ('-22', 'err_ptr:-2', 'pointer', 'positive')
    """
    e = decode_return(return_text)
    if e.form == "errno":
        return str(e.value)
    if e.form == "err_ptr" and e.name is not None:
        return f"err_ptr:{Value.of(return_text).as_s64()}"
    return e.form


def _group(run: RunFacts, invs: Sequence[Invocation], mismatched: frozenset[str],
           split: bool = False) -> PathGroup:
    """One path's group; ``split``: other groups share its statement sequence (they
    returned another errno), so its fingerprint names the errno too."""
    rep = invs[0]
    steps = build_steps(rep.statements)
    returns = _returns(invs)
    facts = PathFacts(run, steps, returns[0], any(inv.partial for inv in invs))
    counts: dict[tuple[str, int], int] = {}
    for s in steps:
        counts[(s.file, s.line)] = counts.get((s.file, s.line), 0) + 1
    origin = facts.origin
    return PathGroup(
        fingerprint=fingerprint(steps) + (f"/{_outcome(rep.return_text)}" if split else ""),
        count=len(invs),
        steps=steps,
        invocations=tuple(inv.ordinal for inv in invs),
        first_position=invs[0].line_no,
        last_position=invs[-1].line_no,
        execnames=tuple(sorted({inv.execname for inv in invs})),
        tids=tuple(sorted({inv.tid for inv in invs})),
        returns=tuple(returns),
        differing_variables=tuple(sorted(_differing_variables(invs))),
        last_statement=facts.last,
        exit_line=facts.exit,
        repeated_lines=tuple((f, n, c) for (f, n), c in sorted(counts.items()) if c > 1),
        unprobed=tuple((f, n) for f, n, _ in facts.unprobed_after),
        value_origin=steps[origin[0]] if origin else None,
        partial=facts.partial,
        candidates=rank(facts, bool(facts.file and facts.file in mismatched)),
        optimised=facts.optimised,
    )


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


def _highest_lines(parsed: ParsedRun) -> dict[str, int] | None:
    """The highest line traced per file over the whole run, when the run shows that
    paths may have been cut short (stderr says events were lost, or statements came
    with no header); ``None`` otherwise, where a path's own highest line is trusted
    (an inlined helper defined below the function would otherwise hide every exit)."""
    if not parsed.incomplete and not any(isinstance(r, OrphanStatements) for r in parsed.records):
        return None
    out: dict[str, int] = {}
    for r in parsed.records:
        if isinstance(r, (Invocation, OrphanStatements)):
            for st in r.statements:
                if st.line > out.get(st.file, 0):
                    out[st.file] = st.line
    return out


def _traced_lines(paths: Sequence[Sequence[Invocation]]) -> dict[str, list[int]]:
    """Traced lines per file, each distinct path read once (its first invocation)."""
    out: dict[str, set[int]] = {}
    for invs in paths:
        for st in invs[0].statements:
            out.setdefault(st.file, set()).add(st.line)
    return {f: sorted(n) for f, n in sorted(out.items())}


def _check_sources(run: RunFacts, paths: Sequence[Sequence[Invocation]]) \
        -> tuple[SourceCheck, ...]:
    out = []
    for file, lines in _traced_lines(paths).items():
        check = check_source(run, file, lines)
        if check is not None:
            out.append(check)
    return tuple(out)


def _without_mismatched(sources: Mapping[str, bytes], checks: Sequence[SourceCheck]) \
        -> dict[str, bytes]:
    bad = {c.file for c in checks if c.mismatched}
    return {p: d for p, d in sources.items() if p not in bad}


@dataclass(frozen=True)
class _Prepared:
    """A run ready to rank: its facts (mismatched sources dropped), its paths."""

    facts: RunFacts
    by_print: dict[tuple[bytes, str], list[Invocation]]
    checks: tuple[SourceCheck, ...]
    mismatched: frozenset[str]


def _prepare(parsed: ParsedRun, run: Run, sources: Mapping[str, bytes] | None) -> _Prepared:
    invocations = parsed.invocations
    function = run.get("function") or (invocations[0].function if invocations else None)
    target = run.get("target") or (invocations[0].target if invocations else None)

    def facts_with(files: Mapping[str, bytes]) -> RunFacts:
        return RunFacts(run=run, tool=run.get("tool") or "stap", target=target,
                        function=function, condition=run.get("condition"),
                        sources=dict(sorted(files.items())),
                        unprobed=_unprobed_of(parsed.messages, function),
                        highest=_highest_lines(parsed), probed=_probed(run),
                        built_optimised=built_optimised(parsed.messages))

    by_print: dict[tuple[bytes, str], list[Invocation]] = {}
    for inv in invocations:
        by_print.setdefault((inv.path_key, _outcome(inv.return_text)), []).append(inv)
    facts = facts_with(sources or {})
    checks = _check_sources(facts, list(by_print.values()))
    mismatched = frozenset(c.file for c in checks if c.mismatched)
    if mismatched:
        facts = facts_with(_without_mismatched(sources or {}, checks))
    return _Prepared(facts, by_print, checks, mismatched)


def build_facts(parsed: ParsedRun, run: Run, sources: Mapping[str, bytes] | None,
                ordinal: int = 0) -> PathFacts:
    """The ``PathFacts`` of the path invocation ``ordinal`` took: what each rule of
    ``reporter.diagnosis.rules`` reads (for testing a rule on its own)."""
    prepared = _prepare(parsed, run, sources)
    for invs in prepared.by_print.values():
        if any(inv.ordinal == ordinal for inv in invs):
            returns = _returns(invs)
            return PathFacts(prepared.facts, build_steps(invs[0].statements), returns[0],
                             any(inv.partial for inv in invs))
    raise ValueError(f"no invocation {ordinal} in run {run.id}")


def diagnose(parsed: ParsedRun, run: Run, sources: Mapping[str, bytes] | None = None,
             source_notes: Sequence[str] = ()) -> Diagnosis:
    """The ranked diagnosis of a parsed run; ``sources`` maps trace paths to file bytes;
    ``source_notes`` (a local file newer than the traced binary, say) join its notes."""
    prepared = _prepare(parsed, run, sources)
    facts, by_print = prepared.facts, prepared.by_print
    checks, mismatched = prepared.checks, prepared.mismatched
    keys = [key for key, _ in by_print]
    groups = [_group(facts, invs, mismatched, keys.count(key) > 1)
              for (key, _), invs in by_print.items()]
    # Most frequent first; a path with no statements (a header whose lines were all
    # lost) says nothing, so it goes after paths of the same count that do.
    groups.sort(key=lambda g: (-g.count, not g.steps, g.first_position))
    return Diagnosis(
        run_id=run.id,
        run_uuid=run.uuid,
        target=facts.target,
        function=facts.function,
        condition=run.get("condition"),
        variable=run.get("variable"),
        returned=groups[0].returns[0] if groups else None,
        paths=tuple(groups),
        unprobed_all=tuple((f, n) for f, n, _ in facts.unprobed),
        with_sources=bool(facts.sources),
        notes=run_notes(parsed, facts, groups, checks) + tuple(source_notes),
        condition_errnos=condition_errnos(run.get("condition")),
        tool=facts.tool,
        source_checks=checks,
    )
