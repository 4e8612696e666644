"""The rules: one module per kind of evidence, each a function from a path to findings.

Every rule is ``findings(facts: PathFacts) -> list[Finding]`` and reads nothing but
its ``PathFacts``; the engine (``reporter.diagnosis.engine``) runs them all, turns
each finding's weight key into a confidence (``reporter.diagnosis.weights``) and
ranks the lines. ``Finding`` is what a rule reports.

- ``returned``: the return statement that ran, followed back to where its value was
  made (through wrappers, variables, ``-errno``, merged twins);
- ``guard``: a return of NULL, 0 or -1, explained by the check that led to it and the
  errno set on the way;
- ``branches``: the return that ran is not traced or cannot have made the value
  (optimised code): what the branch entered last could return;
- ``switch``: a ``switch`` whose case the trace does not show (jump tables);
- ``unprobed``: statements stap could not probe, which may have run unseen;
- ``trace``: what the trace alone says (last statement, value origin), for runs
  without source;
- ``grep``: the lines of the function that produce the returned errno, when none ran
  visibly;
- ``macros``: a macro that returns, on the last statement;
- ``fallback``: the latest traced return that can have made the value, run by the
  engine only when no other rule found strong evidence;
- ``alternatives``: the last call the path made, which the engine lists after every
  line the other rules named.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Finding"]


@dataclass(frozen=True)
class Finding:
    """A line a rule suspects: ``weight`` is a key of ``weights.WEIGHTS``, ``scale``
    lowers a rule's second and later guesses; ``file`` defaults to the path's."""

    line: int
    kind: str
    weight: str
    reason: str
    callee: str | None = None
    scale: float = 1.0
    file: str | None = None
    rule: str = ""
