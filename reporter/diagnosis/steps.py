"""A path's statements as numbered steps, and what the values in them say.

This module owns the per-step view of one invocation: ``build_steps`` numbers the
statements, counts visits and finds the variables that changed; ``fingerprint``
groups identical paths; ``targets``/``holds`` tell whether a printed value is the
returned one (in its s64 or s32 form); ``value_origin`` finds the first step at which
a variable newly holds it. Values are read before a statement runs (stap's statement
probes and gdb's breakpoints both fire at its first instruction), so the step before
the first holder set it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from reporter.diagnosis.model import ErrnoInfo, Step, VariableChange
from reporter.records import Statement
from reporter.values import Value

__all__ = ["build_steps", "fingerprint", "holds", "int_value", "targets", "value_origin"]


def build_steps(statements: Sequence[Statement]) -> tuple[Step, ...]:
    """Statements as numbered steps with visit counts and the variables that changed.

    >>> st = lambda n, v: Statement("a", 1, "f.c", n, "$$vars", v, 0, 0, 0, b"")
    >>> steps = build_steps([st(3, "x=0x0 y=?"), st(4, "x=0x1 y=?"), st(3, "x=0x1")])
    >>> [(s.number, s.line, s.visit) for s in steps]
    [(1, 3, 1), (2, 4, 1), (3, 3, 2)]
    >>> steps[1].changed
    (VariableChange(name='x', old='0x0', new='0x1'),)
    >>> steps[2].changed
    (VariableChange(name='y', old='?', new=None),)

    A line cut at MAXSTRINGLEN lost its last variables and cut the one before them:
    neither is a change, and the next step compares with the last values seen.

    >>> cut = Statement("a", 1, "f.c", 5, "$$vars", "x=0x1 y=0x2 ab", 0, 0, 0, b"", True)
    >>> steps = build_steps([st(4, "x=0x0 y=0x2 abc=0x3"), cut, st(6, "x=0x1 y=0x2 abc=0x3")])
    >>> steps[1].changed, steps[2].changed
    ((VariableChange(name='x', old='0x0', new='0x1'),), ())
    """
    out: list[Step] = []
    visits: dict[tuple[str, int], int] = {}
    prev: dict[str, str] | None = None
    for number, st in enumerate(statements, 1):
        key = (st.file, st.line)
        visits[key] = visits.get(key, 0) + 1
        values = tuple((name, v.raw) for name, v in st.variables)
        # On a cut line (st.truncated) the cut value, and every variable printed after
        # it, are unknown rather than changed or gone.
        known = {name: v.raw for name, v in st.variables if not v.truncated}
        changed: list[VariableChange] = []
        if prev is not None:
            for name, raw in values:
                if name in known and prev.get(name) != raw:
                    changed.append(VariableChange(name, prev.get(name), raw))
            if not st.truncated:
                changed.extend(
                    VariableChange(n, old, None) for n, old in prev.items() if n not in known
                )
        out.append(
            Step(number, st.file, st.line, visits[key], values, tuple(changed), st.truncated,
                 st.foreign)
        )
        prev = {**(prev or {}), **known} if st.truncated else known
    return tuple(out)


def fingerprint(steps: Sequence[Step] | Sequence[Statement]) -> str:
    """sha1 over ``file:line\\n`` of every step, first 12 hex digits.

    >>> fingerprint([])
    'da39a3ee5e6b'
    """
    h = hashlib.sha1()
    for s in steps:
        h.update(f"{s.file}:{s.line}\n".encode())
    return h.hexdigest()[:12]


def targets(ret: ErrnoInfo) -> frozenset[int]:
    """Integers a variable holding the return value may show (s64 and s32 forms)."""
    n = Value.of(ret.raw).as_s64()
    if n is None or n == 0:
        return frozenset()
    return frozenset({n})


def holds(raw: str, targets: frozenset[int]) -> bool:
    if not targets:
        return False
    v = Value.of(raw)
    if v.truncated or v.kind not in ("hex", "decimal", "char"):
        return False
    return v.as_s64() in targets or v.as_s32() in targets


def value_origin(steps: Sequence[Step], targets: frozenset[int],
                 from_entry: bool = True) -> tuple[int, str] | None:
    """(index, variable) of the first step where a variable newly holds the value.

    When the path starts at the function's entry (``from_entry``), values at the first
    step are read before the prologue stored the parameters: a parameter that holds
    the value from the second step on was passed in, not set by a statement.
    """
    for k in range(2 if from_entry else 1, len(steps)):
        before = dict(steps[k - 1].values)
        for name, raw in steps[k].values:
            if holds(raw, targets) and not holds(before.get(name, "?"), targets):
                return k, name
    return None


def int_value(raw: str | None) -> int | None:
    """A printed integer as the s64 it is (``0xffffffffffffffea`` is -22); ``None`` for
    ``?``, structs, strings, cut values.

    >>> int_value("0xffffffffffffffea"), int_value("9"), int_value("?"), int_value(None)
    (-22, 9, None, None)
    """
    if raw is None:
        return None
    v = Value.of(raw)
    if v.truncated or v.kind not in ("hex", "decimal", "char"):
        return None
    return v.as_s64()
