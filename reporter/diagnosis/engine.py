"""The ranking: every rule run on a path, findings turned into ranked candidates.

This module owns combining evidence. ``rank(facts, mismatched)`` runs each rule of
``RULES`` on the path, turns each finding's weight key into a confidence
(``reporter.diagnosis.weights``), keeps the strongest evidence per line, and sorts:
lines the trace proves never ran last, then by confidence, then by how direct the
kind of evidence is; when nothing reached ``FALLBACK_BELOW``, the rule of last resort
adds its line. The second guess of ``rules.alternatives`` (the last call the path
made) follows every line a rule named, so it extends the list without reordering it.
Each candidate gets the branch condition that led to it
(``reporter.diagnosis.explain``) and the command to trace its callee next.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from dataclasses import replace

from reporter.diagnosis.explain import branch_condition
from reporter.diagnosis.facts import PathFacts
from reporter.diagnosis.model import Candidate
from reporter.diagnosis.nextstep import next_step as next_step_for
from reporter.diagnosis.rules import (
    Finding,
    alternatives,
    branches,
    fallback,
    grep,
    guard,
    macros,
    returned,
    switch,
    trace,
    unprobed,
)
from reporter.diagnosis.weights import ADJUST, FALLBACK_BELOW, KIND_ORDER, weight

__all__ = ["RULES", "kind_rank", "rank"]

Rule = Callable[[PathFacts], list[Finding]]
RULES: tuple[tuple[str, Rule], ...] = (
    ("returned", returned.findings),
    ("guard", guard.findings),
    ("branches", branches.findings),
    ("switch", switch.findings),
    ("unprobed", unprobed.findings),
    ("trace", trace.findings),
    ("grep", grep.findings),
    ("macros", macros.findings),
)


def kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def _libc_next_step(facts: PathFacts) -> str:
    """strace on the traced program: the libc call's cause is outside the traced code."""
    cmd = list(facts.run.run.command)
    if facts.run.tool in ("gdb", "uprobe") and "--" in cmd:
        return "strace -f -Z -- " + shlex.join(cmd[cmd.index("--") + 1 :])
    if "-c" in cmd and cmd.index("-c") + 1 < len(cmd):
        return "strace -f -Z -- " + cmd[cmd.index("-c") + 1]
    return "strace -f -Z -p PID"


def _unwrapped(facts: PathFacts, f: Finding) -> Finding:
    """``f`` naming the function its callee macro calls (the one the next step traces),
    with the macro said in its reason."""
    if not f.callee:
        return f
    function = facts.run.unwrap(f.callee)
    if function == f.callee:
        return f
    return replace(f, callee=function, reason=f"{f.reason.rstrip('.')} ({f.callee} is a"
                   f" macro for {function}()).")


def _candidate(facts: PathFacts, f: Finding, mismatched: bool) -> tuple[Candidate, bool]:
    f = _unwrapped(facts, f)
    conf = weight(f.weight) * f.scale
    reason = f.reason
    if facts.partial and facts.origin is None:
        conf *= ADJUST["partial"]
        reason = reason[:-1] + "; the start of this path was lost, so earlier evidence may be" \
            " missing."
    if mismatched:
        conf *= ADJUST["mismatch"]
    file = f.file or facts.file or ""
    never = file == facts.file and facts.never_ran(f.line)
    if never:
        conf *= ADJUST["never-ran"]
        reason += " The trace shows this line did not run: the code is unoptimised and every" \
            " statement it ran was traced."
    model = facts.run.model(file)
    next_step = _libc_next_step(facts) if f.kind == "errno-callee" else next_step_for(facts, f)
    # A line stap could not probe is named for that: the trace cannot show it ran.
    kind = "unprobed" if file == facts.file and f.line in facts.unprobed_lines else f.kind
    return Candidate(
        file=file,
        line=f.line,
        kind=kind,
        confidence=round(max(0.0, min(1.0, conf)), 2),
        reason=reason,
        callee=f.callee,
        next_step=next_step,
        source_text=model.text(f.line) if model is not None else None,
        rule=f.rule or None,
    ), never


def _keep(best: dict[tuple[str, int], tuple[Candidate, bool]],
          found: list[tuple[Candidate, bool]]) -> None:
    """The strongest evidence per line."""
    for cand, never in found:
        key = (cand.file, cand.line)
        old = best.get(key)
        if old is None or (cand.confidence, -kind_rank(cand.kind)) > (
                old[0].confidence, -kind_rank(old[0].kind)):
            best[key] = (cand, never)


def _second_guesses(facts: PathFacts, mismatched: bool,
                    best: dict[tuple[str, int], tuple[Candidate, bool]]) \
        -> list[tuple[Candidate, bool]]:
    """``rules.alternatives``' line when no rule named it, after every line a rule did."""
    extra: dict[tuple[str, int], tuple[Candidate, bool]] = {}
    for cand, never in (_candidate(facts, f, mismatched) for f in alternatives.findings(facts)):
        if (cand.file, cand.line) not in best:
            _keep(extra, [(cand, never)])
    return sorted(extra.values(), key=lambda cn: (cn[1], -cn[0].confidence, cn[0].line))


def rank(facts: PathFacts, mismatched: bool = False,
         rules: Sequence[tuple[str, Rule]] = RULES) -> tuple[Candidate, ...]:
    """The path's candidates, most likely first (see the module docstring). With the
    default ``RULES``, the rule of last resort (``rules.fallback``) runs when no
    finding reached ``FALLBACK_BELOW``; a caller's own rule list is run as given."""
    best: dict[tuple[str, int], tuple[Candidate, bool]] = {}
    for _name, rule in rules:
        _keep(best, [_candidate(facts, f, mismatched) for f in rule(facts)])
    if rules is RULES and max((c.confidence for c, _ in best.values()), default=0.0) < \
            FALLBACK_BELOW:
        _keep(best, [_candidate(facts, f, mismatched) for f in fallback.findings(facts)])
    ordered = sorted(best.values(), key=lambda cn: (cn[1], -cn[0].confidence,
                                                    kind_rank(cn[0].kind), cn[0].file,
                                                    cn[0].line))
    if rules is RULES:
        ordered += _second_guesses(facts, mismatched, best)
    out = []
    for cand, _never in ordered:
        cond = branch_condition(facts, cand.line) if cand.file == facts.file else None
        out.append(replace(cand, condition=cond) if cond else cand)
    return tuple(out)
