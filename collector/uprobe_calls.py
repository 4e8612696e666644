"""Speculation in user space: the calls of FUNCTION in flight, one buffer per thread
and frame, committed as whythefail prints them only when the return matches CONDITION.

This module owns what the uprobe tracer does with each event once decoded
(``collector.uprobe_tracer`` reads them from the ring buffer, in time order):

- an entry pushes a call on its thread's stack, keyed by its frame's CFA (the stack
  pointer at the entry plus the return address's size: what the stack pointer will be
  once the call has returned); calls at or below that CFA are dead (their frames were
  reused: longjmp) and are dropped, counted in ``lost_returns`` (calls nested deeper
  than the kernel reports returns, ``MAX_URETPROBE_DEPTH``, are printed with
  ``$return: ?`` then instead, counted in ``too_deep``);
- a statement is added to the innermost live call of its thread (calls whose CFA is
  at or below the statement's stack pointer are dead);
- a return (a uretprobe, whose stack pointer is the returning frame's CFA) pops that
  call, evaluates CONDITION on ``$return`` and writes the header and the call's
  statement lines when it holds (whythefail's ``commit()``), or discards them.

Recursion gets a buffer per frame, threads a stack each. Statement values are kept as
the kernel fetched them and turned into text only when a call is committed. At the
end, calls still in flight are printed with ``$return: ?`` (as the gdb backend does),
then whythefail's statistics. Formats are the gdb tracer's (``collector.gdb_tracer``).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any

from collector.gdb_tracer import (
    MASK64,
    MAX_PATH_LINES,
    Counts,
    Output,
    header_line,
    return_matches,
    to_width,
    vars_text,
)
from collector.uprobe_dwarf import SCALAR
from collector.uprobe_sites import Site

# Characters of a string VARIABLE's pretty form kept (gdb's tracer keeps as many).
MAX_SHOWN_STRING = 200
# Returns the kernel follows nested in one thread (MAX_URETPROBE_DEPTH in
# kernel/events/uprobes.c): deeper calls return unseen, and are printed with
# ``$return: ?`` once a return further out shows them gone.
MAX_URETPROBE_DEPTH = 64


class SiteView:
    """A probe's event as the tracer reads it: where its fields are in the decoded
    tuple, and how its statement text is written."""

    def __init__(self, site: Site, names: Sequence[str], file: str,
                 variable: str | None = None, pretty: bool = False) -> None:
        self.site = site
        self.entry = site.entry
        self.i_pid = names.index("common_pid")
        self.i_ip = names.index("__probe_ip") if "__probe_ip" in names else -1
        self.i_sp = names.index("sp")
        self.i_comm = names.index("comm") if "comm" in names else -1
        self.wheres = tuple(f"{file}:{n}" for n in site.lines)
        self.variable = variable
        self.pretty = pretty
        self.values = tuple(
            (f.name, f.kind, f.form,
             names.index(f"v{i}") if f.fetch and f"v{i}" in names else -1, f.add, f.const,
             f.size, f.signed, names.index(f"p{i}") if f"p{i}" in names else -1)
            for i, f in enumerate(site.fields))

    def text(self, vals: Sequence[Any]) -> str:
        """The statement's ``$$vars: ...`` (or ``VARIABLE: value``) text."""
        shown = [(v[0], self._value(v, vals)) for v in self.values]
        if self.variable is not None:
            return f"{self.variable}: {shown[0][1] if shown else '?'}"
        return vars_text(shown)

    def _value(self, field: tuple[Any, ...], vals: Sequence[Any]) -> str:
        _, kind, form, index, add, const, size, signed, pointer = field
        if const is not None:
            value = const
        elif index < 0:
            return "?" if kind == SCALAR else str(kind)
        else:
            value = vals[index]
            if isinstance(value, str):
                if pointer >= 0 and not vals[pointer]:
                    return "0x0"
                return json.dumps(value[:MAX_SHOWN_STRING])
            value += add
        if size:
            value = to_width(int(value), size, signed)
        if self.pretty and form in ("signed", "unsigned"):
            return str(value)
        return hex(int(value) & MASK64)


class SharedView:
    """An event several statement sites share: which one hit is told by the address,
    ``__probe_ip`` less where the thread's copy of the file is loaded (learnt from its
    entry: ``Calls.entry``)."""

    def __init__(self, sites: Sequence[SiteView]) -> None:
        self.by_address = {s.site.address: s for s in sites}
        self.i_pid = sites[0].i_pid
        self.i_ip = sites[0].i_ip


class ReturnView:
    """The return probe's event: thread, stack pointer, comm and ``$return``."""

    def __init__(self, names: Sequence[str], returns: tuple[str, int, bool]) -> None:
        self.i_pid = names.index("common_pid")
        self.i_sp = names.index("sp")
        self.i_comm = names.index("comm")
        self.i_ret = names.index("ret") if "ret" in names else -1
        self.kind = returns[0]

    def value(self, vals: Sequence[Any]) -> tuple[int | None, str]:
        """``$return`` as CONDITION sees it, and as the header shows it."""
        if self.i_ret < 0 or self.kind not in ("int", "ptr"):
            return None, "?"
        raw = int(vals[self.i_ret])
        return raw, hex(raw) if self.kind == "ptr" else str(raw)


class Call:
    """One call in flight: its frame's CFA, its comm at the entry, its statements, and
    whether the kernel will report its return (not past MAX_URETPROBE_DEPTH)."""

    __slots__ = ("cfa", "comm", "lines", "returns")

    def __init__(self, cfa: int, comm: str, returns: bool = True) -> None:
        self.cfa = cfa
        self.comm = comm
        self.returns = returns
        self.lines: deque[tuple[SiteView, Sequence[Any]]] = deque(maxlen=MAX_PATH_LINES)


class Calls:
    """The calls of FUNCTION in flight, per thread, and what was printed of them."""

    def __init__(self, out: Output, target: str, function: str, condition: Any,
                 cfa_delta: int, say: Callable[[str], None]) -> None:
        self.out = out
        self.target = target
        self.function = function
        self.condition = condition
        self.cfa_delta = cfa_delta
        self.say = say
        self.stacks: dict[int, list[Call]] = {}
        self.bases: dict[int, int] = {}   # thread -> where its copy of the file is loaded
        self.counts = Counts()
        self.lost_returns = 0
        self.too_deep = 0
        self.printed = 0

    def entry(self, tid: int, sp: int, comm: str, base: int | None = None) -> None:
        self.counts.entry += 1
        if base is not None:
            self.bases[tid] = base
        cfa = sp + self.cfa_delta
        stack = self.stacks.setdefault(tid, [])
        while stack and stack[-1].cfa <= cfa:
            self._gone(tid, stack.pop())
        stack.append(Call(cfa, comm, len(stack) < MAX_URETPROBE_DEPTH))

    def _gone(self, tid: int, call: Call) -> None:
        """A call whose frame is gone without a return: left by longjmp (dropped, as
        the gdb backend does), or too deep for the kernel to report its return (kept
        with ``$return: ?``: its path may be the one that made the errno)."""
        if call.returns:
            self.lost_returns += 1
        else:
            self.too_deep += 1
            self._write(tid, call, call.comm, "?")

    def shared(self, view: SharedView, vals: Sequence[Any]) -> None:
        """A statement of a shared event: the site is the one at the address hit."""
        tid = vals[view.i_pid]
        base = self.bases.get(tid)
        site = view.by_address.get(vals[view.i_ip] - base) if base is not None else None
        if site is not None:
            self.statement(tid, vals[site.i_sp], site, vals)

    def statement(self, tid: int, sp: int, site: SiteView, vals: Sequence[Any]) -> None:
        self.counts.statement += len(site.wheres)
        stack = self.stacks.get(tid)
        if not stack:
            return
        while stack and stack[-1].cfa <= sp:
            self._gone(tid, stack.pop())
        if stack:
            stack[-1].lines.append((site, vals))

    def returned(self, tid: int, sp: int, comm: str, value: int | None, shown: str) -> None:
        stack = self.stacks.get(tid)
        if not stack:
            return
        while stack and stack[-1].cfa < sp:
            self._gone(tid, stack.pop())
        if not stack or stack[-1].cfa != sp:
            return   # a return of a call whose entry came before the tracing did
        call = stack.pop()
        if return_matches(self.condition, value, self.say):
            self.counts.exit_hit += 1
            self._write(tid, call, comm, shown)
            self.out.flush()   # shown as soon as committed, as stap's commit() does
        else:
            self.counts.exit_miss += 1

    def _write(self, tid: int, call: Call, comm: str, shown: str) -> None:
        self.out.write(header_line(comm, tid, self.target, self.function, shown))
        prefix = f"{call.comm}[{tid}] "
        for site, vals in call.lines:
            text = site.text(vals)
            for where in site.wheres:
                self.out.write(f"{prefix}{where} {text}\n")
        self.printed += 1

    def flush_in_flight(self) -> int:
        """Print the calls still in flight with ``$return: ?`` (innermost first: the
        order they would have returned in); how many."""
        n = 0
        for tid in sorted(self.stacks):
            for call in reversed(self.stacks[tid]):
                self._write(tid, call, call.comm, "?")
                n += 1
            self.stacks[tid].clear()
        return n

    def finish(self) -> int:
        """The calls in flight, then the statistics; how many calls were in flight."""
        n = self.flush_in_flight()
        self.out.write(self.counts.statistics())
        self.out.flush()
        return n
