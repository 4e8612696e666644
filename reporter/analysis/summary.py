"""The streaming pass: records in stdout order in, an ``Analysis`` out.

This module owns ``Analyser`` (``feed(record)`` for each record, a ``LightCall`` or a
``reporter.scan.CallBatch`` of calls the C scanner read, ``finish()``), the
merge of analysers that read consecutive parts of one stdout (worker processes, see
``reporter.analysis.parallel``) and ``analyse_records`` for records already in
memory. Memory follows the number of distinct paths: per path, counters, capped
lists and a few whole calls; per call, a few numbers in arrays (``Calls``), which
is what the archive's ``call_blocks`` are written from.
"""

from __future__ import annotations

import bisect
import functools
import heapq
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

from collector.archive import Message
from reporter.analysis.model import LIMITS, PID_MAX_LIMIT, Analysis, PathSummary, outcome_of
from reporter.records import (
    RECORD_PREFIX,
    Invocation,
    LightCall,
    OrphanStatements,
    Record,
    Statement,
    Statistics,
    _Segment,
    invocation_of,
    key_lines,
)
from reporter.scan import CallBatch, Scanner, distinct, remap, shift, tally, where

__all__ = ["Analyser", "Calls", "analyse_records", "return_text"]

_T = TypeVar("_T", Invocation, OrphanStatements)


class Calls:
    """Per call, by ordinal: the path it took and its return text, in arrays (about
    12 bytes a call, against kilobytes as objects): what reports ask of a call by its
    ordinal (``CallIndex``). The rest of a call is in the trace, at its ordinal."""

    def __init__(self) -> None:
        self.path = array("I")
        self._returns = bytearray()
        self._return_ends = array("Q")

    def __len__(self) -> int:
        return len(self.path)

    def add(self, path: int, return_bytes: bytes) -> None:
        """One call: its path's index and its return text as UTF-8."""
        self.path.append(path)
        self._returns += return_bytes
        self._return_ends.append(len(self._returns))

    @property
    def returns_bytes(self) -> bytearray:
        """Every call's return text (UTF-8), one after another."""
        return self._returns

    @property
    def return_ends(self) -> array[int]:
        """Where each call's return text ends in ``returns_bytes``."""
        return self._return_ends

    def path_of(self, ordinal: int) -> int | None:
        return self.path[ordinal] if 0 <= ordinal < len(self.path) else None

    def return_of(self, ordinal: int) -> str | None:
        if not 0 <= ordinal < len(self.path):
            return None
        return return_text(self._returns, self._return_ends, ordinal)

    def extend(self, other: Calls, paths: Sequence[int]) -> None:
        """Append ``other`` (the next part of stdout, parsed on its own), its path
        indexes mapped through ``paths``."""
        self.path.frombytes(remap(other.path, array("I", paths)))
        self._return_ends.frombytes(shift(other._return_ends, len(self._returns)))
        self._returns += other._returns

    def add_batch(self, batch: CallBatch, paths: bytes) -> None:
        """The calls of ``batch``, on the paths ``paths`` (a uint32 column)."""
        self.path.frombytes(paths)
        self._return_ends.frombytes(shift(batch.return_ends, len(self._returns)))
        self._returns += batch.returns


def return_text(returns: bytes | bytearray, ends: Sequence[int], k: int) -> str:
    """Return text ``k`` of ``returns``, the texts one after another, each ending at
    its ``ends`` entry (``Calls``, and the archive's ``call_blocks``)."""
    start = ends[k - 1] if k else 0
    return returns[start : ends[k]].decode("utf-8", "surrogateescape")


class _Tids:
    """Distinct tids, exactly counted: a set while small, then a bitmap of pid_max."""

    def __init__(self) -> None:
        self.small: set[int] = set()
        self.bits: bytearray | None = None
        self.lowest: list[int] = []   # the lowest ``LIMITS.listed``, sorted

    def add(self, tid: int) -> None:
        if tid in self.small:
            return
        bits = self.bits
        if bits is not None and 0 <= tid < PID_MAX_LIMIT:
            byte, bit = tid >> 3, 1 << (tid & 7)
            if bits[byte] & bit:
                return
            bits[byte] |= bit
        else:
            self.small.add(tid)
            if len(self.small) > LIMITS.tid_set and self.bits is None:
                self._to_bitmap()
        lowest = self.lowest
        if len(lowest) < LIMITS.listed or tid < lowest[-1]:
            bisect.insort(lowest, tid)
            del lowest[LIMITS.listed:]

    def add_many(self, tids: Sequence[int]) -> None:
        """``add`` each of ``tids``, in a few set operations while the set is small."""
        if self.bits is not None:
            for tid in tids:
                self.add(tid)
            return
        new = set(tids) - self.small
        if not new:
            return
        if len(self.small) + len(new) > LIMITS.tid_set:
            for tid in sorted(new):
                self.add(tid)
            return
        self.small |= new
        self.lowest = sorted(set(self.lowest).union(
            heapq.nsmallest(LIMITS.listed, new)))[: LIMITS.listed]

    def _to_bitmap(self) -> None:
        self.bits = bytearray(PID_MAX_LIMIT // 8)
        for tid in [t for t in self.small if 0 <= t < PID_MAX_LIMIT]:
            self.bits[tid >> 3] |= 1 << (tid & 7)
            self.small.discard(tid)

    def update(self, other: _Tids) -> None:
        for tid in other.small:
            self.add(tid)
        if other.bits is not None:
            if self.bits is None:
                self._to_bitmap()
            assert self.bits is not None
            self.bits[:] = (int.from_bytes(self.bits, "little")
                            | int.from_bytes(other.bits, "little")).to_bytes(len(self.bits),
                                                                             "little")
            self.lowest = sorted(set(self.lowest) | set(other.lowest))[:LIMITS.listed]

    def __len__(self) -> int:
        set_bits = int.from_bytes(self.bits, "little").bit_count() if self.bits else 0
        return len(self.small) + set_bits


def _values_key(segments: tuple[_Segment, ...]) -> bytes:
    """A call's statement texts without their ``exec[tid]`` prefixes: equal for two
    calls that printed the same values at the same lines."""
    parts: list[bytes] = []
    for seg in segments:
        # The same bytes however the parser held the lines (one run, or statements
        # one by one where a chunk ended inside the call).
        if isinstance(seg, Statement):
            parts.append(seg.raw[len(seg.raw) - len(seg.raw.split(b" ", 1)[-1]):] + b"\n")
        else:
            m = RECORD_PREFIX.match(seg.data)
            prefix = seg.data[: seg.prefix_len] if seg.prefix_len else m.group() if m else b""
            parts.append(seg.data.replace(prefix, b"") if prefix else seg.data)
    return b"".join(parts)


class _Path:
    """One distinct path being accumulated."""

    def __init__(self, index: int, key: bytes, outcome: str, first: Invocation) -> None:
        self.index, self.key, self.outcome = index, key, outcome
        self.count = 0
        self.first_ordinal, self.first_position = first.ordinal, first.line_no
        self.last_position = first.line_no
        self.first_file, self.first_line = first.first_file, first.first_line
        self.target, self.function = first.target, first.function
        self.returns: dict[str, None] = {}
        self.names: set[str] = set()
        self.tids = _Tids()
        self.samples: list[Invocation] = []
        self.sampled: set[bytes] | None = None   # values keys of the samples, once needed

    def add(self, inv: Invocation) -> None:
        if self._count(inv.line_no, inv.return_text, inv.execname, inv.tid) \
                and self._keeps(lambda: _values_key(inv.segments)):
            self.samples.append(inv)

    def add_light(self, call: LightCall, return_text: str, execname: str, tid: int) -> None:
        """As ``add``, building the ``Invocation`` only for a call it keeps."""
        block, prefix_len = call[10], len(call[1]) + len(call[2]) + 3
        # _values_key of the one run of statements invocation_of would build.
        if self._count(call[9] + 1, return_text, execname, tid) \
                and self._keeps(lambda: block.replace(block[:prefix_len], b"")):
            self.samples.append(invocation_of(call))

    def _count(self, position: int, return_text: str, execname: str, tid: int) -> bool:
        """Count one more call (its header at stdout line ``position``); whether the
        path still looks for calls to keep whole."""
        self.count += 1
        self.last_position = position
        if len(self.returns) < LIMITS.returns:
            self.returns.setdefault(return_text)
        if len(self.names) < LIMITS.counted_names:
            self.names.add(execname)
        self.tids.add(tid)
        return self.looking(self.count)

    def looking(self, count: int) -> bool:
        """Whether the path's ``count``-th call may still be kept whole."""
        return len(self.samples) < LIMITS.samples and count <= LIMITS.sample_scan

    def _keeps(self, values_key: Callable[[], bytes]) -> bool:
        """Whether the next call is kept whole: one of the first ones, or one whose
        values (``values_key()``, asked only then) differ from every kept one."""
        if len(self.samples) < LIMITS.first_samples:
            return True
        if self.sampled is None:
            self.sampled = {_values_key(s.segments) for s in self.samples}
        key = values_key()
        if key in self.sampled:
            return False
        self.sampled.add(key)
        return True

    def absorb(self, other: _Path, offset: int, lines: int, ordinals: int) -> None:
        """Add ``other``, the same path's calls in the next part of stdout."""
        self.count += other.count
        self.last_position = other.last_position + lines
        for text in other.returns:
            if len(self.returns) < LIMITS.returns:
                self.returns.setdefault(text)
        self.names.update(list(other.names)[: max(0, LIMITS.counted_names - len(self.names))])
        self.tids.update(other.tids)
        for inv in other.samples:
            if len(self.samples) >= LIMITS.samples:
                break
            moved = shifted(inv, offset, lines, ordinals)
            if self._keeps(functools.partial(_values_key, moved.segments)):
                self.samples.append(moved)

    def summary(self, partial: bool) -> PathSummary:
        return PathSummary(
            index=self.index, key=self.key, outcome=self.outcome, count=self.count,
            first_ordinal=self.first_ordinal, first_position=self.first_position,
            last_position=self.last_position, returns=tuple(self.returns),
            execnames=tuple(sorted(self.names)[: LIMITS.listed]),
            execname_total=len(self.names), tids=tuple(self.tids.lowest),
            tid_total=len(self.tids), partial=partial,
            samples=tuple(replace(s, partial=partial) if s.partial != partial else s
                          for s in self.samples))


def shifted(record: _T, offset: int, lines: int, ordinals: int) -> _T:
    """``record`` as if parsed with what came before it: positions moved by
    ``offset`` bytes and ``lines`` lines, its ordinal by ``ordinals``."""
    if not (offset or lines or ordinals):
        return record
    segments = tuple(replace(s, offset=s.offset + offset, line_no=s.line_no + lines)
                     for s in record.segments)
    if isinstance(record, OrphanStatements):
        return replace(record, ordinal=record.ordinal + ordinals, offset=record.offset + offset,
                       line_no=record.line_no + lines, segments=segments)
    return replace(record, ordinal=record.ordinal + ordinals, offset=record.offset + offset,
                   header_offset=record.header_offset + offset,
                   line_no=record.line_no + lines, segments=segments)


class Analyser:
    """Feed a run's records in stdout order; ``finish`` gives its ``Analysis``.

    ``newlines`` is set by the driver to the parser's count of ``\\n`` consumed, so
    that a following part's positions can be moved (``absorb``)."""

    def __init__(self) -> None:
        self._paths: dict[tuple[bytes, str], _Path] = {}
        self._order: list[_Path] = []
        self.calls = Calls()
        self.bytes = 0
        self.newlines = 0
        self.statements = 0
        self.statistics: Statistics | None = None
        self.orphans: list[OrphanStatements] = []
        self.orphan_groups = 0
        self.orphan_statements = 0
        self.highest: dict[str, int] = {}
        # Decoded returns (text, outcome, bytes as Calls stores them) and execnames of
        # the calls read on the fast paths, by their bytes.
        self._returns: dict[bytes, tuple[str, str, bytes]] = {}
        self._names: dict[bytes, str] = {}
        # The C scanner whose batches this reads, and the path of each of its groups.
        self._scanner: Scanner | None = None
        self._groups = array("I")

    def feed(self, record: Record | LightCall | CallBatch) -> None:
        if isinstance(record, CallBatch):   # nearly every call of a big run
            self._batch(record)
        elif isinstance(record, tuple):   # the calls Python's fast path read
            self._light(record)
        elif isinstance(record, Invocation):
            self._call(record)
        elif isinstance(record, OrphanStatements):
            self.orphan_groups += 1
            self.orphan_statements += record.statement_count
            self.bytes += record.accounted_bytes
            if len(self.orphans) < LIMITS.orphan_groups:
                self.orphans.append(record)
            for st in record.statements:
                if st.file and st.line > self.highest.get(st.file, 0):
                    self.highest[st.file] = st.line
        else:
            if isinstance(record, Statistics):
                self.statistics = record
            self.bytes += record.length

    def feed_all(self, records: Iterable[Record | LightCall | CallBatch]) -> Analyser:
        for r in records:
            self.feed(r)
        return self

    def _call(self, inv: Invocation) -> None:
        key = (inv.path_key, outcome_of(inv.return_text))
        path = self._paths.get(key)
        if path is None:
            path = self._new_path(key, inv)
        path.add(inv)
        self.calls.add(path.index, inv.return_text.encode("utf-8", "surrogateescape"))
        self.statements += inv.statement_count
        self.bytes += inv.accounted_bytes

    def _return(self, ret_b: bytes) -> tuple[str, str, bytes]:
        """A return's (text, outcome, bytes as ``Calls`` keeps them), by its bytes."""
        known = self._returns.get(ret_b)
        if known is None:
            text = ret_b.decode("utf-8", "replace")
            known = (text, outcome_of(text), text.encode())
            if len(self._returns) < LIMITS.cached_returns:
                self._returns[ret_b] = known
        return known

    def _name(self, exec_b: bytes) -> str:
        """An execname's text, by its bytes."""
        name = self._names.get(exec_b)
        if name is None:
            name = exec_b.decode("utf-8", "replace")
            if len(self._names) < LIMITS.cached_returns:
                self._names[exec_b] = name
        return name

    def _light(self, call: LightCall) -> None:
        known = self._return(call[5])
        name = self._name(call[1])
        key = (call[11], known[1])
        path = self._paths.get(key)
        if path is None:
            path = self._new_path(key, invocation_of(call))
        tid = int(call[2])
        path.add_light(call, known[0], name, tid)
        self.calls.add(path.index, known[2])
        self.statements += call[12]
        self.bytes += call[8] - call[6]

    def _batch(self, batch: CallBatch) -> None:
        """Fold the calls the C scanner read: paths for its new groups, samples, then
        counts, returns, execnames and tids per path, in column operations."""
        paths = remap(batch.groups, self._group_paths(batch))
        counts, last = tally(paths, len(self._order))
        self._sample(batch, paths, counts)
        for index, (count, at) in enumerate(zip(counts, last, strict=True)):
            if count:
                path = self._order[index]
                path.count += count
                path.last_position = batch.headers[at]
        scanner, order, n = batch.scanner, self._order, len(self._order)
        for path, groups in zip(order, distinct(paths, batch.groups, False, n), strict=True):
            for group in groups:
                if len(path.returns) < LIMITS.returns:
                    path.returns.setdefault(self._return(
                        scanner.ret_list[scanner.pair_list[group][1]])[0])
        for path, xids in zip(order, distinct(paths, batch.execs, False, n), strict=True):
            for xid in xids:
                if len(path.names) < LIMITS.counted_names:
                    path.names.add(self._name(scanner.exec_list[xid]))
        for path, tids in zip(order, distinct(paths, batch.tids, True, n), strict=True):
            if tids:
                path.tids.add_many(tids)
        self.calls.add_batch(batch, paths)
        self.statements += batch.statements
        self.bytes += batch.stop - batch.start

    def detach(self) -> None:
        """Forget the parser's scanner once its batches are read: what is left is the
        analysis alone (a worker sends it back pickled)."""
        self._scanner, self._groups = None, array("I")

    def _group_paths(self, batch: CallBatch) -> array[int]:
        """The path of each (key, return) group of ``batch``'s scanner, new paths
        made for the groups first seen in ``batch`` (in the order seen)."""
        if self._scanner is None:
            self._scanner, self._groups = batch.scanner, array("I")
        assert self._scanner is batch.scanner, "an Analyser reads one parser's batches"
        scanner, groups = batch.scanner, self._groups
        for group in range(len(groups), batch.groups_after):
            kid, rid = scanner.pair_list[group]
            key = (scanner.key_list[kid], self._return(scanner.ret_list[rid])[1])
            path = self._paths.get(key)
            if path is None:
                path = self._new_path(key, invocation_of(batch.call(batch.groups.index(group))))
            groups.append(path.index)
        return groups

    def _sample(self, batch: CallBatch, paths: bytes, counts: Sequence[int]) -> None:
        """Keep whole the calls of ``batch`` its paths still look for (``_Path._keeps``),
        path by path (a path's choice depends on its own calls only), reading the values
        of only the calls each path still looks at."""
        for index, count in enumerate(counts):
            path = self._order[index]
            if not count or not path.looking(path.count + 1):
                continue
            # The calls of this batch the path looks at: up to its sample_scan-th.
            at = where(paths, index)[: LIMITS.sample_scan - path.count]
            first = max(0, min(len(at), LIMITS.first_samples - len(path.samples),
                               LIMITS.samples - len(path.samples)))
            for i in at[:first]:
                path.samples.append(invocation_of(batch.call(i)))
            rest = at[first:]
            if not rest or not path.looking(path.count + first + 1):
                continue
            if path.sampled is None:
                path.sampled = {_values_key(s.segments) for s in path.samples}
            for i, key in zip(rest, batch.values_keys(rest), strict=True):
                if key not in path.sampled:
                    path.sampled.add(key)
                    path.samples.append(invocation_of(batch.call(i)))
                    if len(path.samples) >= LIMITS.samples:
                        break

    def _new_path(self, key: tuple[bytes, str], first: Invocation) -> _Path:
        path = self._paths[key] = _Path(len(self._order), key[0], key[1], first)
        self._order.append(path)
        self._note_lines(key[0])
        return path

    def _note_lines(self, key: bytes) -> None:
        for file, line in key_lines(key):
            if file and line > self.highest.get(file, 0):
                self.highest[file] = line

    def absorb(self, other: Analyser) -> None:
        """Append ``other``, which analysed the next part of the same stdout on its own
        (its part starts at a blank line, where the parser holds no state)."""
        offset, lines = self.bytes, self.newlines
        ordinals = len(self.calls)
        mapping: list[int] = []
        for path in other._order:
            mine = self._paths.get((path.key, path.outcome))
            if mine is None:
                mine = self._paths[(path.key, path.outcome)] = path
                path.index = len(self._order)
                self._order.append(path)
                path.first_ordinal += ordinals
                path.first_position += lines
                path.last_position += lines
                path.samples = [shifted(s, offset, lines, ordinals) for s in path.samples]
                path.sampled = None
                self._note_lines(path.key)
            else:
                mine.absorb(path, offset, lines, ordinals)
            mapping.append(mine.index)
        self.calls.extend(other.calls, mapping)
        for o in other.orphans[: max(0, LIMITS.orphan_groups - len(self.orphans))]:
            self.orphans.append(shifted(o, offset, lines, self.orphan_groups))
        for file, line in other.highest.items():
            self.highest[file] = max(self.highest.get(file, 0), line)
        self.orphan_groups += other.orphan_groups
        self.orphan_statements += other.orphan_statements
        self.statements += other.statements
        if other.statistics is not None:
            self.statistics = replace(other.statistics, offset=other.statistics.offset + offset,
                                      line_no=other.statistics.line_no + lines)
        self.bytes += other.bytes
        self.newlines += other.newlines

    def finish(self, run_id: int, messages: Sequence[Message]) -> Analysis:
        """The analysis; ``partial`` is decided over the whole run, as
        ``reporter.parse.mark_partial`` does: a path whose first statement is in the
        same file as, and below, the lowest first line of its function's paths."""
        lowest: dict[tuple[str, str, str], int] = {}
        for p in self._order:
            if p.first_line is not None:
                k = (p.target, p.function, p.first_file or "")
                lowest[k] = min(p.first_line, lowest.get(k, p.first_line))
        paths = tuple(
            p.summary(p.first_line is not None
                      and p.first_line > lowest[(p.target, p.function, p.first_file or "")])
            for p in self._order)
        return Analysis(
            run_id=run_id, stdout_bytes=self.bytes, messages=tuple(messages), paths=paths,
            invocation_count=len(self.calls), statement_count=self.statements,
            statistics=self.statistics, orphans=tuple(self.orphans),
            orphan_groups=self.orphan_groups, orphan_statements=self.orphan_statements,
            highest=dict(sorted(self.highest.items())), calls=self.calls)


def analyse_records(records: Iterable[Record], messages: Sequence[Message] = (),
                    run_id: int = 0) -> Analysis:
    """The analysis of records already parsed (tests, small traces).

    >>> from reporter.parse import parse_bytes
    >>> a = analyse_records(parse_bytes(b"\\nx[1] kernel function(f) $return: -2\\n"
    ...                                 b"x[1] f.c:2 $$vars: a=0x1\\nx[1] f.c:4 $$vars: a=0x2\\n"
    ...                                 b"\\nx[2] kernel function(f) $return: -2\\n"
    ...                                 b"x[2] f.c:2 $$vars: a=0x1\\nx[2] f.c:4 $$vars: a=0x2\\n"))
    >>> [(p.count, p.tids, p.returns, len(p.samples)) for p in a.paths], a.highest
    ([(2, (1, 2), ('-2',), 2)], {'f.c': 4})
    >>> a.calls.path_of(1), a.calls.return_of(1), a.calls.path_of(2)
    (0, '-2', None)
    """
    return Analyser().feed_all(records).finish(run_id, messages)
