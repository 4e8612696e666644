"""Parsing of whythefail.stp stdout into a faithful model, chunk by chunk.

This module owns the meaning of a run's stdout bytes. Others call:

- ``StdoutParser``: ``feed(chunk)`` / ``finish()`` return completed records; memory
  holds only the unfinished line and the path being read.
- ``iter_records(chunks)``: the same as an iterator of records.
- ``parse_bytes(data)``: a whole (small) stdout at once, as a list.
- ``parse_run(archive, run_id)``: a ``ParsedRun`` (records, stderr messages, flags)
  held in memory, with ``partial`` decided over the whole run (``mark_partial``).
- ``summarize_chunks`` / ``summarize_run``: counts for huge runs without keeping
  every invocation; ``summarize_run`` can split the work over worker processes.
- ``show_run(archive, run)``: the ``errtrail-report show`` output (text or JSON),
  streamed in constant memory (``iter_text`` / ``iter_json`` over records).
- ``leaf_spans(record)``: the byte spans a record accounts for.
- ``to_json`` / ``dumps`` / ``format_text``: a ``ParsedRun`` as JSON data, JSON text
  and ``show`` text.

Stderr is not parsed here: its lines are classified by ``collector.messages``.

Records, yielded in the order of their first byte:

- ``Invocation``: a header line (with the blank line before it, when there is
  one) and the statements committed for that call. Its ``statements`` are built on
  first access from the bytes it holds (the structure, counts and flags are computed
  while parsing; this keeps a 1 GB parse fast).
- ``OrphanStatements``: statements with no header before them (the trace started
  mid-path, or a blank line ended the path and no header followed).
- ``OtherLine``: a blank line, a line of the traced program's output (``stap -c``
  mixes it into stdout), or a terminal's ``^C`` echo.
- ``Statistics``: the ``statistics:`` block whythefail prints from its end probe.
- ``Unparsed``: bytes that look like trace records but are not (corruption, lines
  longer than ``MAX_LINE``).

Every stdout byte belongs to exactly one leaf span (``leaf_spans``): a header, a
statement, or a whole other record. Line formats (whythefail.stp from its first
version, systemtap commit 75ed3b3c8a02 of 2015, unchanged through master 2e5a1050):

Header, printed at function return, after an empty line:

>>> _demo(b"\\ncat[23342] kernel function(do_sys_open) $return: -2\\n")
Invocation cat[23342] kernel do_sys_open -> '-2' (-2) statements=0

Statement, one per probed line, ``$$vars`` or the 4th argument's expression:

>>> _demo(b"cat[7] fs/open.c:992 $$vars: dfd=0xffffffffffffff9c mode=? op={...}\\n")
OrphanStatements statements=1
  fs/open.c:992 $$vars: [('dfd', '0xffffffffffffff9c'), ('mode', '?'), ('op', '{...}')]
>>> _demo(b"\\nX[1] kernel function(do_select) $return: 1\\nX[1] fs/select.c:410 $foo: ?\\n")
Invocation X[1] kernel do_select -> '1' (1) statements=1
  fs/select.c:410 $foo: [('$foo', '?')]

Other lines, the ``^C`` echo and the statistics block:

>>> _demo(b"cat: /x: No such file or directory\\n^C\\nstatistics:\\nentry count: 19\\n")
OtherLine output 'cat: /x: No such file or directory'
OtherLine interrupt '^C'
Statistics entry=19 exit_hit=None exit_miss=None statement=None

A statement cut at MAXSTRINGLEN (511 bytes) loses its newline and has the next
record glued on; it is split there and marked truncated:

>>> cut = b"a[1] f.c:1 $$vars: x=0x" + b"1" * 488
>>> _demo(b"\\na[1] kernel function(f) $return: -1\\n" + cut + b"a[1] f.c:2 $$vars: x=0x2\\n")
Invocation a[1] kernel f -> '-1' (-1) statements=2 truncated
  f.c:1 $$vars: [('x', '0x111...')] truncated
  f.c:2 $$vars: [('x', '0x2')]
"""

from __future__ import annotations

import base64
import functools
import hashlib
import itertools
import json
import multiprocessing
import operator
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from collector.archive import Archive, Message, Run
from collector.errors import ErrtrailError
from reporter.values import Value, parse_value, parse_vars

# stap's default MAXSTRINGLEN is 512: a sprintf result holds at most 511 bytes, so a
# statement line longer than that was cut (and its "\n" was the byte cut off).
DEFAULT_MAXSTRINGLEN = 512
# Longer lines are not whythefail output; they are accounted for in pieces of this
# size so that a runaway line cannot make the parser hold unbounded memory.
MAX_LINE = 65536
# Distinct header texts (after "exec[tid] ") whose reading the fast path remembers;
# a return that differs from call to call (pointers) makes each header new.
TAILS_CACHED = 4096

ANSI = re.compile(rb"\x1b\[[0-9;]*[mK]")
# The regexes follow reference/stap_output_regexes.py (whythefail.stp's printf
# formats). execname is at most 15 bytes (TASK_COMM_LEN 16) and may contain spaces.
HEADER = re.compile(
    rb"(?P<exec>.{0,15}?)\[(?P<tid>[0-9]+)\] (?P<target>.+) function\((?P<func>.*)\)"
    rb" \$return: (?P<ret>.*)\Z"
)
STATEMENT = re.compile(
    rb"(?P<exec>.{0,15}?)\[(?P<tid>[0-9]+)\] (?P<file>[^:\"\n]*):(?P<line>[0-9]+)"
    rb" (?P<label>\$\$vars|.+?): (?P<value>.*)\Z"
)
RECORD_PREFIX = re.compile(rb".{0,15}?\[[0-9]+\] ")
STAT = re.compile(rb"(entry|exit-hit|exit-miss|statement) count: ([0-9]+)\Z")

# Fast path: a blank line, a header and the run of statement lines after it, in one
# regex match over the whole buffer. Every construct is a restriction of HEADER and
# STATEMENT above (no "[" in execname, no CR or ESC), so whatever it accepts the
# line-by-line path would parse identically; anything else takes that path.
_FAST_INVOCATION = re.compile(
    rb"\n(?P<exec>[^\n\[\r\x1b]{0,15})\[(?P<tid>[0-9]+)\] (?P<target>[^\n\r\x1b]+) function\("
    rb"(?P<func>[^\n\r\x1b]*)\) \$return: (?P<ret>[^\n\r\x1b]*)\n"
    # The statements: same execname and tid as the header (a backreference), so a
    # foreign line ends the run and takes the line-by-line path.
    rb"(?P<block>(?:(?P=exec)\[(?P=tid)\] [^\n:\"]*:[0-9]+ (?:\$\$vars|[^\n]+?): [^\n]*\n)*)"
)


class ParseError(ErrtrailError):
    """A run cannot be parsed (its bytes cannot be read); the message says why."""


# Building the fast path's records without dataclass __init__ (which sets each field
# through object.__setattr__) halves their cost; the result is the same object.
_new_object = object.__new__


def _text(raw: bytes) -> str:
    """Bytes for display: UTF-8, undecodable bytes replaced (the raw bytes are kept)."""
    return raw.decode("utf-8", "replace")


def _number(text: str) -> int | None:
    """The integer a pretty-printed ``$return`` shows, or ``None``.

    >>> _number("-22"), _number("0xfffffffffffffff2"), _number("?")
    (-22, 18446744073709551602, None)
    """
    try:
        if text.startswith(("0x", "0X")):
            return int(text, 16)
        if text.lstrip("-").isdigit() and text.isascii():
            return int(text)
    except ValueError:
        return None
    return None


# -- the model ----------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    """``<execname>[<tid>] <file>:<line> <label>: <value>``, one probed statement.

    ``offset``/``length`` give its bytes in stdout (with its line terminator, when it
    has one); ``raw`` is the line without the terminator. ``truncated``: the line was
    cut at MAXSTRINGLEN (or the stream ended inside it). ``foreign``: its
    execname/tid differ from its invocation's header.
    """

    execname: str
    tid: int
    file: str
    line: int
    label: str
    value_text: str
    offset: int
    length: int
    line_no: int
    raw: bytes
    truncated: bool = False
    foreign: bool = False

    @cached_property
    def variables(self) -> tuple[tuple[str, Value], ...]:
        """The printed values as ``(name, Value)``; a 4th argument gives one pair."""
        if self.label.startswith("$$"):
            return parse_vars(self.value_text, self.truncated)
        return ((self.label, parse_value(self.value_text, self.truncated)),)

    def get(self, name: str) -> Value | None:
        """The value of variable ``name`` at this statement, if printed."""
        for n, v in self.variables:
            if n == name:
                return v
        return None


@dataclass(frozen=True)
class _Run:
    """Consecutive well-formed statement lines, kept as bytes until asked for."""

    data: bytes
    offset: int
    line_no: int
    prefix_len: int = 0  # len(b"exec[tid] "), the same on every line; 0: unknown

    def statements(self) -> Iterator[Statement]:
        offset, line_no = self.offset, self.line_no
        match = STATEMENT.match
        for raw in self.data.split(b"\n")[:-1]:
            m = match(raw)
            assert m is not None  # _FAST_INVOCATION accepted it
            exec_b, tid, file, line, label, value = m.groups()
            length = len(raw) + 1
            # As _statement() builds it, without the dataclass __init__ (see _new_object).
            st = _new_object(Statement)
            st.__dict__.update(
                execname=exec_b.decode("utf-8", "replace"),
                tid=int(tid),
                file=file.decode("utf-8", "replace"),
                line=int(line),
                label=label.decode("utf-8", "replace"),
                value_text=value.decode("utf-8", "replace"),
                offset=offset,
                length=length,
                line_no=line_no,
                raw=raw,
                truncated=False,
                foreign=False,
            )
            yield st
            offset += length
            line_no += 1


def _statement(
    m: re.Match[bytes],
    raw: bytes,
    offset: int,
    length: int,
    line_no: int,
    truncated: bool,
    foreign: bool,
) -> Statement:
    return Statement(
        execname=_text(m.group("exec")),
        tid=int(m.group("tid")),
        file=_text(m.group("file")),
        line=int(m.group("line")),
        label=_text(m.group("label")),
        value_text=_text(m.group("value")),
        offset=offset,
        length=length,
        line_no=line_no,
        raw=raw,
        truncated=truncated,
        foreign=foreign,
    )


_Segment = Statement | _Run


def _header_tail(rest: bytes) -> tuple[bytes, bytes, bytes] | None:
    """``(target, function, return)`` of what follows ``exec[tid] `` in a header, as
    ``_FAST_INVOCATION`` reads it, with ``find``: ``None`` for anything it might read
    otherwise (two ``function(`` or ``$return:`` markers, a header that could read as
    a statement), which the regex path then decides.

    >>> _header_tail(b"kernel function(f) $return: -2")
    (b'kernel', b'f', b'-2')
    >>> _header_tail(b"a function(b) function(f) $return: -2") is None
    True
    """
    if b"\r" in rest or b"\x1b" in rest:
        return None
    i = rest.find(b" function(")
    j = rest.find(b") $return: ")
    if i <= 0 or j < i + 10 or rest.count(b" function(") != 1 or rest.count(b") $return: ") != 1:
        return None
    colon = rest.find(b":")
    if 0 <= colon < len(rest) - 1 and 48 <= rest[colon + 1] <= 57:
        return None  # the line-by-line path tries statements first
    return rest[:i], rest[i + 10 : j], rest[j + 11 :]


@functools.lru_cache(maxsize=64)
def _located_lines(prefix_len: int) -> re.Pattern[bytes]:
    """``(line, file:line)`` of each statement line after ``prefix_len`` bytes of
    prefix, a match starting only at a line's ``\\n`` (so one that fails at its start
    cannot match later inside it): STATEMENT's shape, as ``_FAST_INVOCATION`` checks
    it."""
    # [^\n] rather than [^\n\r\x1b]: sre scans a one-byte negation several times faster
    # than a set (CPython 3.11), so CR and ESC are looked for with ``in`` instead.
    return re.compile(rb"\n(.{%d}([^\n:\"]*:[0-9]+) (?:\$\$vars|[^\n]+?): [^\n]*)(?=\n)"
                      % prefix_len)


_first, _second = operator.itemgetter(0), operator.itemgetter(1)


@functools.lru_cache(maxsize=256)
def _statement_run(prefix: bytes) -> re.Pattern[bytes]:
    """Statement lines of one ``exec[tid] `` prefix, as many as follow: as
    ``_FAST_INVOCATION``'s statements, with the execname and tid literal; no CR or
    ESC anywhere (the line-by-line path strips those before matching). Cached across
    parsers: a stored analysis parses each kept call with a parser of its own."""
    return re.compile(rb"(?:%s[^\n:\"\x1b]*:[0-9]+ (?:\$\$vars|[^\n\x1b]+?): [^\n\r\x1b]*\n)*"
                      % re.escape(prefix))


# A call as the fast path found it, before any object is built for it (the analysis
# builds an ``Invocation`` only for the few calls it keeps whole):
# (ordinal, exec, tid, target, function, return, offset of the blank line before
# it, offset of the header's "\n", end offset, line of the blank line, statement
# bytes, path key, statement count).
LightCall = tuple[int, bytes, bytes, bytes, bytes, bytes, int, int, int, int, bytes, bytes, int]


def invocation_of(call: LightCall) -> Invocation:
    """The ``Invocation`` the parser builds for ``call`` (``partial`` unset: the
    caller decides it over the whole run)."""
    ordinal, exec_b, tid_b, target_b, func_b, ret_b, pos, header_end, _end, line_no, \
        block, key, count = call
    first_file: str | None = None
    first_line: int | None = None
    segments: tuple[_Segment, ...] = ()
    if count:
        file_b, _, line_b = key[: key.index(b"\n")].rpartition(b":")
        first_file, first_line = file_b.decode(), int(line_b)
        segments = (_Run(block, header_end + 1, line_no + 2, len(exec_b) + len(tid_b) + 3),)
    ret = ret_b.decode("utf-8", "replace")
    inv = _new_object(Invocation)
    inv.__dict__.update(
        ordinal=ordinal, execname=exec_b.decode("utf-8", "replace"), tid=int(tid_b),
        target=target_b.decode("utf-8", "replace"), function=func_b.decode("utf-8", "replace"),
        return_text=ret, return_value=_number(ret), offset=pos, header_offset=pos + 1,
        header_length=header_end - pos, line_no=line_no + 1,
        raw=b"%s[%s] %s function(%s) $return: %s" % (exec_b, tid_b, target_b, func_b, ret_b),
        statement_count=count, first_file=first_file, first_line=first_line,
        truncated=False, foreign=False, partial=False, segments=segments, path_key=key)
    return inv


def _ascii_key(joined: bytes) -> bytes:
    """A path key as ``path_key`` builds it: file names decoded as ``Statement.file``
    decodes them."""
    return joined if joined.isascii() else joined.decode("utf-8", "replace").encode()


@dataclass(frozen=True)
class Invocation:
    """One call whose return matched the condition: its header and its path.

    ``offset`` is where the record starts (the blank line before the header when
    there is one), ``header_offset``/``header_length`` the header line itself.
    ``ordinal`` counts invocations from 0 in stdout order. Flags: ``partial`` (the
    start of the path was evidently lost, see ``mark_partial``), ``truncated`` (a
    statement was cut at MAXSTRINGLEN), ``foreign`` (a statement's execname/tid
    differs from the header: the speculation buffers are shared).
    """

    ordinal: int
    execname: str
    tid: int
    target: str
    function: str
    return_text: str
    return_value: int | None
    offset: int
    header_offset: int
    header_length: int
    line_no: int
    raw: bytes
    statement_count: int
    first_file: str | None
    first_line: int | None
    truncated: bool
    foreign: bool
    partial: bool = False
    segments: tuple[_Segment, ...] = field(default=(), repr=False, compare=False)

    @cached_property
    def statements(self) -> tuple[Statement, ...]:
        return _materialise(self.segments)

    @cached_property
    def path_key(self) -> bytes:
        """``file:line\\n`` of every statement, read from the bytes without building
        the statements: grouping 100,000 calls by path costs a regex pass, not
        objects. ``fingerprint_of(key)`` is the diagnosis's path fingerprint."""
        return path_key(self.segments)

    @property
    def path_fingerprint(self) -> str:
        return fingerprint_of(self.path_key)

    @property
    def end(self) -> int:
        last = self.segments[-1] if self.segments else None
        if isinstance(last, Statement):
            return last.offset + last.length
        if isinstance(last, _Run):
            return last.offset + len(last.data)
        return self.header_offset + self.header_length

    @property
    def accounted_bytes(self) -> int:
        """Bytes of its leaf spans (blank line, header, statements), without
        building the statements."""
        header = self.header_offset + self.header_length - self.offset
        return header + _segment_bytes(self.segments)

    @property
    def return_as_value(self) -> Value:
        return Value.of(self.return_text)


@dataclass(frozen=True)
class OrphanStatements:
    """Statements with no header before them (no call they can be attributed to)."""

    ordinal: int
    offset: int
    line_no: int
    statement_count: int
    truncated: bool
    segments: tuple[_Segment, ...] = field(default=(), repr=False, compare=False)

    @cached_property
    def statements(self) -> tuple[Statement, ...]:
        return _materialise(self.segments)

    @property
    def accounted_bytes(self) -> int:
        return _segment_bytes(self.segments)


def path_key(segments: tuple[_Segment, ...]) -> bytes:
    """See ``Invocation.path_key``.

    >>> inv = parse_bytes(b"\\nx[1] kernel function(f) $return: -2\\n"
    ...                   b"x[1] f.c:2 $$vars: a=0x1\\nx[1] f.c:4 $$vars: a=0x1\\n")[0]
    >>> inv.path_key, inv.path_fingerprint == hashlib.sha1(b"f.c:2\\nf.c:4\\n").hexdigest()[:12]
    (b'f.c:2\\nf.c:4\\n', True)
    """
    parts: list[bytes] = []
    for seg in segments:
        if isinstance(seg, Statement):
            parts.append(f"{seg.file}:{seg.line}\n".encode())
        else:
            joined = b"\n".join(_file_lines(seg.data, seg.prefix_len))
            if joined:
                parts.append(_ascii_key(joined + b"\n"))
    return b"".join(parts)


def highest_lines(records: Iterable[Record], messages: Iterable[Message] = ()) -> dict[str, int]:
    """Every source file a trace names (statements' files and those of unprobed
    statements named by registration failures), with the highest line it names in
    each (0 when it names none). Each distinct path is read once, from its key.

    >>> recs = parse_bytes(b"\\nx[1] kernel function(f) $return: -2\\n"
    ...                    b"x[1] f.c:2 $$vars: a=0x1\\nx[1] f.c:4 $$vars: a=0x1\\n"
    ...                    b"\\nx[1] kernel function(f) $return: -2\\nx[1] f.c:2 $$vars: a=0x1\\n")
    >>> highest_lines(recs)
    {'f.c': 4}
    """
    highest: dict[str, int] = {}
    seen: set[bytes] = set()
    for record in records:
        if isinstance(record, Invocation):
            key = record.path_key
            if key in seen:
                continue
            seen.add(key)
            for file, line in key_lines(key):
                if file:
                    highest[file] = max(highest.get(file, 0), line)
        elif isinstance(record, OrphanStatements):
            for st in record.statements:
                if st.file:
                    highest[st.file] = max(highest.get(st.file, 0), st.line)
    for m in messages:
        if m.file:
            highest[m.file] = max(highest.get(m.file, 0), m.line or 0)
    return dict(sorted(highest.items()))


def key_lines(key: bytes) -> Iterator[tuple[str, int]]:
    """``(file, line)`` of each statement of a ``path_key``, in order.

    >>> list(key_lines(b"f.c:2\\nsub/g.c:14\\n"))
    [('f.c', 2), ('sub/g.c', 14)]
    """
    for item in key.decode("utf-8", "replace").splitlines():
        file, _, line = item.rpartition(":")
        if line.isdigit():
            yield file, int(line)


def fingerprint_of(key: bytes) -> str:
    """The first 12 hex digits of the sha1 of a ``path_key``."""
    return hashlib.sha1(key).hexdigest()[:12]


def _file_lines(data: bytes, prefix_len: int = 0) -> list[bytes]:
    """``file:line`` of each line of a run (all lines share one ``exec[tid] ``): the
    text after each newline-and-prefix up to the space after the ``:line`` (a file
    name holds no ``:``, STATEMENT says; a value holds no newline)."""
    if prefix_len:
        # One C-level pass for the whole run: this is per call of a big trace.
        return _file_line_regex(prefix_len).findall(data)
    m = RECORD_PREFIX.match(data)
    if m is None:
        return []
    prefix = m.group()
    out = []
    for piece in (b"\n" + data).split(b"\n" + prefix)[1:]:
        colon = piece.find(b":")
        end = piece.find(b" ", colon)
        out.append(piece[:end] if colon >= 0 and end > colon else piece)
    return out


@functools.lru_cache(maxsize=64)
def _file_line_regex(prefix_len: int) -> re.Pattern[bytes]:
    """``file:line`` after ``prefix_len`` bytes of each line, one whole line per match
    (a run's lines all match STATEMENT, so each has one). Each match consumes its
    line, so the engine never retries inside a line as a ``^`` anchor under MULTILINE
    makes it do at every byte."""
    return re.compile(rb".{%d}([^\n:\"]*:[0-9]+) [^\n]*\n" % prefix_len)


def _segment_bytes(segments: tuple[_Segment, ...]) -> int:
    return sum(s.length if isinstance(s, Statement) else len(s.data) for s in segments)


def _materialise(segments: tuple[_Segment, ...]) -> tuple[Statement, ...]:
    out: list[Statement] = []
    for seg in segments:
        if isinstance(seg, Statement):
            out.append(seg)
        else:
            out.extend(seg.statements())
    return tuple(out)


@dataclass(frozen=True)
class OtherLine:
    """A line that is not trace output: ``blank``, ``output`` (the traced program's)
    or ``interrupt`` (a terminal's ``^C`` echo)."""

    kind: str
    text: str
    offset: int
    length: int
    line_no: int
    raw: bytes


@dataclass(frozen=True)
class Statistics:
    """``statistics:`` and its ``<reason> count: N`` lines (whythefail's end probe)."""

    entry: int | None
    exit_hit: int | None
    exit_miss: int | None
    statement: int | None
    offset: int
    length: int
    line_no: int


@dataclass(frozen=True)
class Unparsed:
    """Bytes that look like trace output but are not well formed; kept verbatim."""

    reason: str
    text: str
    offset: int
    length: int
    line_no: int
    raw: bytes


Record = Invocation | OrphanStatements | OtherLine | Statistics | Unparsed


def leaf_spans(record: Record) -> Iterator[tuple[int, int]]:
    """The ``[start, end)`` byte spans of stdout this record accounts for."""
    if isinstance(record, (Invocation, OrphanStatements)):
        if isinstance(record, Invocation):
            yield record.offset, record.header_offset + record.header_length
        for st in record.statements:
            yield st.offset, st.offset + st.length
    else:
        yield record.offset, record.offset + record.length


# -- the streaming parser -----------------------------------------------------------


class _Group:
    """The path being read: a header (or none, for orphans) and its statements."""

    __slots__ = (
        "count",
        "exec_bytes",
        "first_file",
        "first_line",
        "foreign",
        "header",
        "misses",
        "segments",
        "tid_bytes",
        "truncated",
    )

    def __init__(
        self,
        header: dict[str, Any] | None,
        exec_bytes: bytes | None,
        tid_bytes: bytes | None,
    ) -> None:
        self.header = header
        self.exec_bytes = exec_bytes
        self.tid_bytes = tid_bytes
        self.segments: list[_Segment] = []
        self.count = 0
        self.misses = 0  # fast-path attempts that found nothing (see _fast_run)
        self.truncated = False
        self.foreign = False
        self.first_file: str | None = None
        self.first_line: int | None = None


class StdoutParser:
    """Feed stdout chunks in order; get completed records back.

    ``entry_lines`` maps ``(target, function, file)`` to the line a complete path
    starts at; without it the lowest first line seen so far is used (see
    ``mark_partial`` for the rule). ``maxstringlen`` is stap's MAXSTRINGLEN
    (``-DMAXSTRINGLEN=N``). ``fast=False`` reads every line one by one (the
    reference the fast path is tested against).
    """

    def __init__(
        self,
        *,
        maxstringlen: int = DEFAULT_MAXSTRINGLEN,
        entry_lines: Mapping[tuple[str, str, str], int] | None = None,
        fast: bool = True,
        light: bool = False,
    ) -> None:
        self.fast = fast
        self.light = light
        # (target, function, return) of header texts after "exec[tid] " already read.
        self._tails: dict[bytes, tuple[bytes, bytes, bytes]] = {}
        self.cut = maxstringlen - 1
        self.fixed_entry_lines = entry_lines is not None
        self.entry_lines: dict[tuple[str, str, str], int] = dict(entry_lines or {})
        self._buf = b""
        self._base = 0  # stdout offset of _buf[0]
        self._line_no = 1  # line number of _buf[0]
        self._long_line_done = 0  # bytes of the current overlong line already emitted
        self._group: _Group | None = None
        self._pending: list[Record] = []  # other lines seen inside the open group
        self._blank: OtherLine | None = None  # a blank line that may precede a header
        self._stats: dict[str, Any] | None = None
        self._out: list[Record | LightCall] = []
        self._invocations = 0
        self._orphans = 0
        self._finished = False
        self._unterminated = 0  # 1 when stdout ended inside a line

    # -- public --------------------------------------------------------------------

    def feed(self, chunk: bytes) -> list[Record]:
        """Parse ``chunk`` (the next bytes of stdout); return the records completed."""
        assert not self.light, "a light parser is read with feed_light()"
        return self.feed_light(chunk)  # type: ignore[return-value]  # no LightCall here

    def finish(self, last: bytes = b"") -> list[Record]:
        """End of stdout, after ``last`` (its final bytes): flush the unfinished line
        and the open path. Giving the bytes here rather than to ``feed`` lets the
        fast path read a call that ends where stdout does."""
        assert not self.light, "a light parser is read with finish_light()"
        return self.finish_light(last)  # type: ignore[return-value]  # no LightCall here

    def feed_light(self, chunk: bytes) -> list[Record | LightCall]:
        """As ``feed``; with ``light=True`` the calls the fast path reads whole come
        as ``LightCall`` tuples (``invocation_of`` builds the record)."""
        if self._finished:
            raise ParseError("feed() after finish(): start a new StdoutParser per stream")
        buf = self._buf + chunk if self._buf else chunk
        self._buf = b""
        self._consume(buf, final=False)
        out, self._out = self._out, []
        return out

    def finish_light(self, last: bytes = b"") -> list[Record | LightCall]:
        """As ``finish``, with ``LightCall`` tuples as ``feed_light``."""
        if not self._finished:
            buf, self._buf = self._buf + last, b""
            self._consume(buf, final=True)
            self._close_group()
            self._flush_blank()
            self._close_stats()
            self._finished = True
        out, self._out = self._out, []
        return out

    @property
    def newlines(self) -> int:
        """How many ``\\n`` bytes the parser has consumed so far."""
        return self._line_no - 1 - self._unterminated

    # -- driving -------------------------------------------------------------------

    def _consume(self, buf: bytes, final: bool) -> None:
        pos = 0
        n = len(buf)
        while pos < n:
            if buf[pos] == 10 and self.fast and self._stats is None and self._long_line_done == 0:
                # A blank line: maybe the start of whole invocations for the fast path.
                self._close_group()
                self._flush_blank()
                new_pos = self._fast(buf, pos, final)
                if new_pos != pos:
                    pos = new_pos
                    continue
            elif self.fast and self._group is not None and self._long_line_done == 0:
                # Inside a path, after a line the fast path left to this one.
                new_pos = self._fast_run(buf, pos)
                if new_pos != pos:
                    pos = new_pos
                    continue
            nl = buf.find(b"\n", pos)
            if nl < 0:
                if not final:
                    pos = self._overlong(buf, pos, n)
                    break
                end, term = n, 0
                self._unterminated = 1
            else:
                end, term = nl, 1
            pos = self._overlong(buf, pos, end)
            offset = self._base + pos
            if self._long_line_done:
                piece = buf[pos:end]
                self._emit_other(
                    Unparsed(
                        f"line longer than {MAX_LINE} bytes (last piece)",
                        _text(piece[:200]),
                        offset,
                        len(piece) + term,
                        self._line_no,
                        piece,
                    )
                )
            else:
                self._line(buf[pos:end], offset, self._line_no, term)
            self._line_no += 1
            self._long_line_done = 0
            pos = end + term
        self._base += pos
        self._buf = buf[pos:]

    def _overlong(self, buf: bytes, pos: int, end: int) -> int:
        """Emit pieces of MAX_LINE bytes while more than MAX_LINE bytes of the line remain.

        Pieces are measured from the line's start, so how the stream was chunked
        does not change them; the last piece (up to the line's end) is left to the
        caller. Returns the new position.
        """
        while end - pos > MAX_LINE:
            piece = buf[pos : pos + MAX_LINE]
            self._emit_other(
                Unparsed(
                    f"line longer than {MAX_LINE} bytes (piece)",
                    _text(piece[:200]),
                    self._base + pos,
                    MAX_LINE,
                    self._line_no,
                    piece,
                )
            )
            pos += MAX_LINE
            self._long_line_done += MAX_LINE
        return pos

    def _fast(self, buf: bytes, pos: int, final: bool) -> int:
        """Parse whole invocations at ``pos`` (a blank line), each in a few C-level
        steps (``_fast_block``), or with one regex (``_fast_match``) where the call is
        followed by something else inside its path.

        Returns the position after what it parsed (``pos`` when it parsed nothing).
        This is the hot loop of a large trace: it avoids per-line Python work.
        """
        n = len(buf)
        while pos < n and buf[pos] == 10:
            new_pos = self._fast_block(buf, pos, final)
            if new_pos is None:
                new_pos = self._fast_match(buf, pos, final)
            if new_pos is None:
                break
            pos = new_pos
            if self._group is not None:
                break
        return pos

    def _statements(self, buf: bytes, prefix: bytes, header_end: int, end: int) \
            -> tuple[bytes, bytes, int] | None:
        """``(bytes, path key, count)`` of the statement lines from ``header_end`` (the
        header's ``\\n``) to ``end``, when every one is a statement with ``prefix``
        (``\\nexec[tid] ``), no CR or ESC, and none maybe cut at MAXSTRINGLEN."""
        if end == header_end + 1:
            return b"", b"", 0
        # (line, file:line) of each line that is a statement: all of them when their
        # lengths add up to the whole (no separate count of newlines).
        found = _located_lines(len(prefix) - 1).findall(buf, header_end, end)
        count = len(found)
        lengths = list(map(len, map(_first, found)))
        if sum(lengths) + count != end - header_end - 1:
            return None
        if buf.count(prefix, header_end, end) != count:
            return None
        block = buf[header_end + 1 : end]
        if b"\r" in block or b"\x1b" in block:
            return None  # the line-by-line path strips them
        if max(lengths) >= min(self.cut, MAX_LINE):
            return None  # maybe cut at MAXSTRINGLEN: the line-by-line path decides
        return block, _ascii_key(b"\n".join(map(_second, found)) + b"\n"), count

    def _fast_block(self, buf: bytes, pos: int, final: bool) -> int | None:
        """The call at ``pos`` when it is a header and statement lines of its own
        execname and tid up to the next blank line (or the end of stdout): found with
        ``find``/``count`` and one ``findall`` instead of a regex over every byte.
        ``None`` when it is anything else (``_fast_match`` decides then)."""
        n = len(buf)
        header_end = buf.find(b"\n", pos + 1)
        if header_end < 0 or header_end - pos > MAX_LINE:
            return None
        blank = buf.find(b"\n\n", header_end)
        if blank >= 0:
            end = blank + 1
        elif final and buf[n - 1] == 10:
            end = n
        else:
            return None  # the path may go on in the next chunk
        lb = buf.find(b"[", pos + 1, header_end)
        rb = buf.find(b"] ", lb, header_end)
        if not 0 < lb - pos <= 16 or rb < 0:
            return None
        exec_b, tid_b = buf[pos + 1 : lb], buf[lb + 1 : rb]
        if not tid_b.isdigit() or b"\r" in exec_b or b"\x1b" in exec_b:
            return None
        rest = buf[rb + 2 : header_end]
        tail = self._tails.get(rest)
        if tail is None:
            tail = _header_tail(rest)
            if tail is None:
                return None
            if len(self._tails) < TAILS_CACHED:
                self._tails[rest] = tail
        body = self._statements(buf, buf[pos : rb + 2], header_end, end)
        if body is None:
            return None
        block, key, count = body
        call = (self._invocations, exec_b, tid_b, *tail, self._base + pos,
                self._base + header_end, self._base + end, self._line_no, block, key, count)
        if self.light:
            self._out.append(call)
        else:
            inv = invocation_of(call)
            if inv.first_line is not None:
                object.__setattr__(inv, "partial", self._partial(
                    inv.target, inv.function, inv.first_file, inv.first_line))
            self._out.append(inv)
        self._invocations += 1
        self._line_no += 2 + count
        return end

    def _partial(self, target: str, function: str, first_file: str | None,
                 first_line: int | None) -> bool:
        """Whether a call starting at ``first_line`` lost its start (``mark_partial``'s
        rule, with the entry lines known so far), learning the entry line."""
        if first_line is None:
            return False
        key = (target, function, first_file or "")
        known = self.entry_lines.get(key)
        if known is not None and first_line > known:
            return True
        if not self.fixed_entry_lines and (known is None or first_line < known):
            self.entry_lines[key] = first_line
        return False

    def _fast_match(self, buf: bytes, pos: int, final: bool) -> int | None:
        """The call at ``pos`` read with ``_FAST_INVOCATION``; when something else
        follows inside its path (a foreign or cut line, program output), the path is
        left open for the line-by-line path. ``None``: not a call it can read."""
        n = len(buf)
        m = _FAST_INVOCATION.match(buf, pos)
        if m is None:
            return None
        end = m.end()
        if end >= n and not final:
            return None  # the path may go on in the next chunk
        exec_b, tid_b, target_b, func_b, ret_b, block = m.groups()
        plen = len(exec_b) + len(tid_b) + 3
        header_end = end - len(block)
        header_len = header_end - pos - 1  # with its "\n"
        if header_len > MAX_LINE:
            return None
        # A header that could also read as a statement ("file:1 ...") is left to
        # the line-by-line path, which tries statements first.
        colon = buf.find(b":", pos + 1 + plen, header_end)
        if 0 <= colon < header_end - 1 and 48 <= buf[colon + 1] <= 57:
            return None
        count = 0
        first_file: str | None = None
        first_line: int | None = None
        segments: tuple[_Segment, ...] = ()
        if block:
            if b"\r" in block or b"\x1b" in block:
                return None
            lines = block.split(b"\n")
            limit = min(self.cut, MAX_LINE)
            if len(block) >= limit and max(map(len, lines)) >= limit:
                return None
            count = len(lines) - 1
            first = lines[0]
            c = first.index(b":", plen)
            first_file = first[plen:c].decode("utf-8", "replace")
            first_line = int(first[c + 1 : first.index(b" ", c)])
            segments = (_Run(block, self._base + header_end, self._line_no + 2, plen),)
        target = target_b.decode("utf-8", "replace")
        function = func_b.decode("utf-8", "replace")
        ret = ret_b.decode("utf-8", "replace")
        inv = _new_object(Invocation)
        inv.__dict__.update(
            ordinal=self._invocations, execname=exec_b.decode("utf-8", "replace"),
            tid=int(tid_b), target=target, function=function, return_text=ret,
            return_value=_number(ret), offset=self._base + pos,
            header_offset=self._base + pos + 1, header_length=header_len,
            line_no=self._line_no + 1, raw=buf[pos + 1 : header_end - 1],
            statement_count=count, first_file=first_file, first_line=first_line,
            truncated=False, foreign=False,
            partial=self._partial(target, function, first_file, first_line),
            segments=segments,
        )
        self._line_no += 2 + count
        if end < n and buf[end] != 10:
            group = _Group({k: inv.__dict__[k] for k in _HEADER_KEYS}, exec_b, tid_b)
            group.segments = list(segments)
            group.count = count
            group.first_file, group.first_line = first_file, first_line
            self._group = group
        else:
            self._invocations += 1
            self._out.append(inv)
        return end

    def _fast_run(self, buf: bytes, pos: int) -> int:
        """Add the complete statement lines at ``pos`` that carry the open path's
        execname and tid to it in one step. Returns the new position."""
        g = self._group
        assert g is not None
        if g.header is None or g.exec_bytes is None or g.tid_bytes is None or g.misses > 8:
            return pos
        prefix = b"%s[%s] " % (g.exec_bytes, g.tid_bytes)
        if not buf.startswith(prefix, pos):
            return pos
        rx = _statement_run(prefix)
        m = rx.match(buf, pos)
        assert m is not None  # the pattern accepts the empty string
        run = m.group()
        if not run:
            # Not worth retrying on every line of a path that never fits (CRLF).
            g.misses += 1
            return pos
        lines = run.split(b"\n")
        limit = min(self.cut, MAX_LINE)
        if len(run) >= limit and max(map(len, lines)) >= limit:
            # Lines up to the first long one only (it may be a MAXSTRINGLEN cut).
            k = next(i for i, line in enumerate(lines) if len(line) >= limit)
            if k == 0:
                g.misses += 1
                return pos
            lines = [*lines[:k], b""]
            run = b"\n".join(lines)
        count = len(lines) - 1
        if g.count == 0:
            first = lines[0]
            c = first.index(b":", len(prefix))
            g.first_file = first[len(prefix) : c].decode("utf-8", "replace")
            g.first_line = int(first[c + 1 : first.index(b" ", c)])
        g.segments.append(_Run(run, self._base + pos, self._line_no, len(prefix)))
        g.count += count
        self._line_no += count
        return pos + len(run)

    # -- one line --------------------------------------------------------------------

    def _line(self, raw: bytes, offset: int, line_no: int, term: int) -> None:
        """Classify one line (``raw`` without its ``\\n``; ``term`` is 1 when it had one)."""
        content = raw[:-1] if raw.endswith(b"\r") else raw
        text = ANSI.sub(b"", content) if b"\x1b" in content else content
        length = len(raw) + term
        cut = self.cut
        if len(content) >= cut and text is content:
            head = content[:cut]
            m = STATEMENT.match(head)
            if m is not None:
                # MAXSTRINGLEN cut: whythefail builds each statement line with
                # sprintf(), whose result stap caps at MAXSTRINGLEN-1 bytes, so the
                # line lost its "\n" and what follows the cut is the next record.
                self._statement(m, head, offset, cut, line_no, truncated=True)
                if len(raw) > cut or term:
                    self._line(raw[cut:], offset + cut, line_no, term)
                return
        m = STATEMENT.match(text)
        if m is not None:
            self._statement(m, raw, offset, length, line_no, truncated=not term)
            return
        m = HEADER.match(text)
        if m is not None:
            self._header(m, raw, offset, length, line_no)
            return
        if not text:
            self._close_group()
            self._flush_blank()
            self._close_stats()
            self._blank = OtherLine("blank", "", offset, length, line_no, raw)
            return
        if text == b"statistics:":
            self._close_group()
            self._flush_blank()
            self._close_stats()
            self._stats = {"offset": offset, "length": length, "line_no": line_no}
            return
        if self._stats is not None:
            s = STAT.match(text)
            if s is not None:
                self._stats[s.group(1).decode().replace("-", "_")] = int(s.group(2))
                self._stats["length"] = offset + length - self._stats["offset"]
                return
            self._close_stats()
        if raw.startswith(b"^C"):
            if len(text) == 2:
                self._emit_other(OtherLine("interrupt", "^C", offset, length, line_no, raw))
                return
            # The terminal echoed ^C in front of whatever was printed next.
            self._emit_other(OtherLine("interrupt", "^C", offset, 2, line_no, raw[:2]))
            self._line(raw[2:], offset + 2, line_no, term)
            return
        if RECORD_PREFIX.match(text):
            self._emit_other(
                Unparsed(
                    "looks like a trace line but is neither a header nor a statement",
                    _text(raw),
                    offset,
                    length,
                    line_no,
                    raw,
                )
            )
            return
        # Shown without terminal colours; ``raw`` keeps them.
        self._emit_other(OtherLine("output", _text(text), offset, length, line_no, raw))

    def _statement(
        self,
        m: re.Match[bytes],
        raw: bytes,
        offset: int,
        length: int,
        line_no: int,
        truncated: bool,
    ) -> None:
        self._flush_blank()
        self._close_stats()
        g = self._group
        if g is None:
            g = self._group = _Group(None, None, None)
        foreign = g.header is not None and (
            m.group("exec") != g.exec_bytes or m.group("tid") != g.tid_bytes
        )
        st = _statement(m, raw, offset, length, line_no, truncated, foreign)
        if g.count == 0:
            g.first_file, g.first_line = st.file, st.line
        g.segments.append(st)
        g.count += 1
        g.truncated = g.truncated or truncated
        g.foreign = g.foreign or foreign

    def _header(
        self, m: re.Match[bytes], raw: bytes, offset: int, length: int, line_no: int
    ) -> None:
        self._close_group()
        self._close_stats()
        fields = _header_fields(m, raw, offset, line_no)
        fields["header_length"] = length
        blank = self._blank
        if blank is not None and blank.offset + blank.length == offset:
            # The empty line whythefail prints before each header belongs to it.
            fields["offset"] = blank.offset
            self._blank = None
        else:
            self._flush_blank()
        self._group = _Group(fields, m.group("exec"), m.group("tid"))

    # -- emitting --------------------------------------------------------------------

    def _emit_other(self, record: Record) -> None:
        self._flush_blank()
        if self._group is not None:
            self._pending.append(record)
        else:
            self._out.append(record)

    def _flush_blank(self) -> None:
        if self._blank is not None:
            blank, self._blank = self._blank, None
            if self._group is not None:
                self._pending.append(blank)
            else:
                self._out.append(blank)

    def _close_stats(self) -> None:
        if self._stats is not None:
            s, self._stats = self._stats, None
            self._out.append(
                Statistics(
                    entry=s.get("entry"),
                    exit_hit=s.get("exit_hit"),
                    exit_miss=s.get("exit_miss"),
                    statement=s.get("statement"),
                    offset=s["offset"],
                    length=s["length"],
                    line_no=s["line_no"],
                )
            )

    def _close_group(self) -> None:
        g = self._group
        if g is None:
            return
        self._group = None
        segments = tuple(g.segments)
        record: Record
        if g.header is None:
            record = OrphanStatements(
                ordinal=self._orphans,
                offset=segments[0].offset,
                line_no=segments[0].line_no,
                statement_count=g.count,
                truncated=g.truncated,
                segments=segments,
            )
            self._orphans += 1
        else:
            h = g.header
            partial = False
            if g.first_line is not None:
                key = (h["target"], h["function"], g.first_file or "")
                known = self.entry_lines.get(key)
                partial = known is not None and g.first_line > known
                if not self.fixed_entry_lines and (known is None or g.first_line < known):
                    self.entry_lines[key] = g.first_line
            record = Invocation(
                ordinal=self._invocations,
                statement_count=g.count,
                first_file=g.first_file,
                first_line=g.first_line,
                truncated=g.truncated,
                foreign=g.foreign,
                partial=partial,
                segments=segments,
                **h,
            )
            self._invocations += 1
        self._out.append(record)
        if self._pending:
            self._out.extend(self._pending)
            self._pending = []


_HEADER_KEYS = (
    "execname",
    "tid",
    "target",
    "function",
    "return_text",
    "return_value",
    "offset",
    "header_offset",
    "header_length",
    "line_no",
    "raw",
)


def _header_fields(m: re.Match[bytes], raw: bytes, offset: int, line_no: int) -> dict[str, Any]:
    ret = _text(m.group("ret"))
    return {
        "execname": _text(m.group("exec")),
        "tid": int(m.group("tid")),
        "target": _text(m.group("target")),
        "function": _text(m.group("func")),
        "return_text": ret,
        "return_value": _number(ret),
        "offset": offset,
        "header_offset": offset,
        "header_length": len(raw) + 1,
        "line_no": line_no,
        "raw": raw,
    }


def iter_records(
    chunks: Iterable[bytes],
    *,
    maxstringlen: int = DEFAULT_MAXSTRINGLEN,
    entry_lines: Mapping[tuple[str, str, str], int] | None = None,
    fast: bool = True,
) -> Iterator[Record]:
    """Records of a stdout given as consecutive byte chunks, streamed."""
    parser = StdoutParser(maxstringlen=maxstringlen, entry_lines=entry_lines, fast=fast)
    for chunk in chunks:
        yield from parser.feed(chunk)
    yield from parser.finish()


def parse_bytes(data: bytes, *, maxstringlen: int = DEFAULT_MAXSTRINGLEN) -> list[Record]:
    """All records of a (small) stdout, with ``partial`` decided over the whole run."""
    return mark_partial(list(iter_records([data], maxstringlen=maxstringlen)))


def entry_lines_of(records: Iterable[Record]) -> dict[tuple[str, str, str], int]:
    """The lowest first statement line per ``(target, function, file)``."""
    lowest: dict[tuple[str, str, str], int] = {}
    for r in records:
        if isinstance(r, Invocation) and r.first_line is not None:
            key = (r.target, r.function, r.first_file or "")
            if key not in lowest or r.first_line < lowest[key]:
                lowest[key] = r.first_line
    return lowest


def mark_partial(records: list[Record]) -> list[Record]:
    """Set ``partial`` on invocations whose path evidently lost its start.

    The rule (conservative on purpose): a path is partial when its first statement is
    in the same file as, and on a later line than, the lowest first line of any
    path of the same function in the run. Every complete path starts at the
    function's entry statement, while the wrapping speculation buffers drop the
    *oldest* lines of a long path. A run whose every path lost its start, or with a
    single path, therefore shows none as partial: there is no evidence.
    """
    lowest = entry_lines_of(records)
    out: list[Record] = []
    for r in records:
        if isinstance(r, Invocation) and r.first_line is not None:
            partial = r.first_line > lowest[(r.target, r.function, r.first_file or "")]
            if partial != r.partial:
                r = replace(r, partial=partial)
        out.append(r)
    return out


# -- runs from the archive ------------------------------------------------------------


@dataclass(frozen=True)
class ParsedRun:
    """A run's parsed stdout and classified stderr.

    ``incomplete``: stderr says events were lost (the trace may miss paths);
    ``nothing_ran``: stderr says the script failed before running.
    """

    run_id: int
    records: tuple[Record, ...]
    messages: tuple[Message, ...]
    stdout_bytes: int

    @property
    def invocations(self) -> list[Invocation]:
        return [r for r in self.records if isinstance(r, Invocation)]

    @property
    def statistics(self) -> Statistics | None:
        stats = [r for r in self.records if isinstance(r, Statistics)]
        return stats[-1] if stats else None

    @property
    def incomplete(self) -> bool:
        return incomplete_of(self.messages)

    @property
    def nothing_ran(self) -> bool:
        return nothing_ran_of(self.messages)


def run_messages(archive: Archive, run_id: int) -> list[Message]:
    """The run's stderr, classified now from its raw bytes.

    The ``messages`` table holds the classification made at capture time, for SQL
    queries; reports classify again so that an archive written by an older collector
    gets today's classifier (stderr is small: a few lines to a few thousand).
    """
    data = archive.stream_bytes(run_id, "stderr")
    if not data:
        return []
    from collector.messages import classify_stderr

    return list(classify_stderr(data))


def maxstringlen_of(command: Sequence[str]) -> int:
    """The MAXSTRINGLEN a stap command line sets with ``-D``, else stap's default.

    >>> maxstringlen_of(["stap", "-DMAXSTRINGLEN=1024", "whythefail.stp"])
    1024
    >>> maxstringlen_of(["stap", "-D", "MAXSTRINGLEN=2048", "x.stp"]), maxstringlen_of(["stap"])
    (2048, 512)
    """
    value = DEFAULT_MAXSTRINGLEN
    for i, arg in enumerate(command):
        setting = arg[2:] if arg.startswith("-D") else None
        if setting == "" and i + 1 < len(command):
            setting = command[i + 1]
        if setting and setting.startswith("MAXSTRINGLEN="):
            number = setting.split("=", 1)[1]
            if number.isdigit() and int(number) > 1:
                value = int(number)
    return value


def parse_run(archive: Archive, run_id: int, *, maxstringlen: int | None = None) -> ParsedRun:
    """Parse a whole run held in memory (use ``summarize_run`` for huge runs).

    ``maxstringlen`` defaults to what the run's stap command set (``maxstringlen_of``).
    """
    if maxstringlen is None:
        maxstringlen = maxstringlen_of(archive.get_run(run_id).command)
    records = list(
        iter_records(
            (c.data for c in archive.iter_chunks(run_id, "stdout")), maxstringlen=maxstringlen
        )
    )
    records = mark_partial(records)
    size = sum(
        r.accounted_bytes if isinstance(r, (Invocation, OrphanStatements)) else r.length
        for r in records
    )
    return ParsedRun(
        run_id=run_id,
        records=tuple(records),
        messages=tuple(run_messages(archive, run_id)),
        stdout_bytes=size,
    )


# -- summaries for huge runs ------------------------------------------------------------


@dataclass(frozen=True)
class RunSummary:
    """Counts over a run's stdout, without keeping its records.

    ``first_lines`` counts invocations by ``(target, function, file, first line)``;
    ``partial`` is derived from it with the rule of ``mark_partial``.
    """

    bytes: int = 0
    newlines: int = 0
    invocations: int = 0
    statements: int = 0
    orphan_groups: int = 0
    orphan_statements: int = 0
    truncated_invocations: int = 0
    foreign_invocations: int = 0
    output_lines: int = 0
    blank_lines: int = 0
    interrupts: int = 0
    unparsed_records: int = 0
    unparsed_bytes: int = 0
    statistics: Statistics | None = None
    by_call: tuple[tuple[tuple[str, str, str], int], ...] = ()
    first_lines: tuple[tuple[tuple[str, str, str, int], int], ...] = ()

    @property
    def partial_invocations(self) -> int:
        lowest = self.entry_lines()
        return sum(n for (t, f, file, line), n in self.first_lines if line > lowest[(t, f, file)])

    def entry_lines(self) -> dict[tuple[str, str, str], int]:
        """The lowest first line per ``(target, function, file)`` (see ``mark_partial``)."""
        lowest: dict[tuple[str, str, str], int] = {}
        for (t, f, file, line), _ in self.first_lines:
            key = (t, f, file)
            lowest[key] = min(line, lowest.get(key, line))
        return lowest

    def merge(self, other: RunSummary) -> RunSummary:
        """The summary of this part followed by ``other`` (the next part of stdout)."""
        calls = Counter(dict(self.by_call))
        calls.update(dict(other.by_call))
        firsts = Counter(dict(self.first_lines))
        firsts.update(dict(other.first_lines))
        counts = {
            name: getattr(self, name) + getattr(other, name)
            for name in (
                "bytes",
                "newlines",
                "invocations",
                "statements",
                "orphan_groups",
                "orphan_statements",
                "truncated_invocations",
                "foreign_invocations",
                "output_lines",
                "blank_lines",
                "interrupts",
                "unparsed_records",
                "unparsed_bytes",
            )
        }
        stats = self.statistics
        if other.statistics is not None:
            # ``other`` was parsed on its own: its positions start at 0 and line 1.
            stats = replace(
                other.statistics,
                offset=other.statistics.offset + self.bytes,
                line_no=other.statistics.line_no + self.newlines,
            )
        return RunSummary(
            **counts,
            statistics=stats,
            by_call=tuple(sorted(calls.items())),
            first_lines=tuple(sorted(firsts.items())),
        )


def summarize_records(records: Iterable[Record]) -> RunSummary:
    """Count records as they stream by (none is kept)."""
    c: Counter[str] = Counter()
    calls: Counter[tuple[str, str, str]] = Counter()
    firsts: Counter[tuple[str, str, str, int]] = Counter()
    stats: Statistics | None = None
    size = invocations = statements = truncated = foreign = 0
    for r in records:
        # Invocations are nearly every record of a large run: plain local counters.
        if type(r) is Invocation:
            invocations += 1
            statements += r.statement_count
            truncated += r.truncated
            foreign += r.foreign
            calls[(r.target, r.function, r.return_text)] += 1
            if r.first_line is not None:
                firsts[(r.target, r.function, r.first_file or "", r.first_line)] += 1
            size += r.accounted_bytes
        elif isinstance(r, OrphanStatements):
            c["orphan_groups"] += 1
            c["orphan_statements"] += r.statement_count
            size += r.accounted_bytes
        elif isinstance(r, Unparsed):
            c["unparsed_records"] += 1
            c["unparsed_bytes"] += r.length
            size += r.length
        elif isinstance(r, Statistics):
            stats = r
            size += r.length
        elif isinstance(r, OtherLine):
            c[{"output": "output_lines", "blank": "blank_lines"}.get(r.kind, "interrupts")] += 1
            size += r.length
    return RunSummary(
        bytes=size,
        invocations=invocations,
        statements=statements,
        truncated_invocations=truncated,
        foreign_invocations=foreign,
        statistics=stats,
        by_call=tuple(sorted(calls.items())),
        first_lines=tuple(sorted(firsts.items())),
        **c,
    )


def summarize_chunks(
    chunks: Iterable[bytes], *, maxstringlen: int = DEFAULT_MAXSTRINGLEN
) -> RunSummary:
    """Summary of a stdout streamed as chunks, in this process."""
    parser = StdoutParser(maxstringlen=maxstringlen)

    def records() -> Iterator[Record]:
        for chunk in chunks:
            yield from parser.feed(chunk)
        yield from parser.finish()

    summary = summarize_records(records())
    return replace(summary, newlines=parser.newlines)


def _boundary(data: bytes, off: int, prev_nl: bool, after: int) -> int | None:
    """First stdout position ``b`` in this chunk with bytes ``b-1`` and ``b`` both
    ``\n`` (a blank line starts at ``b``) and ``b - 1 >= after``; ``off`` is the
    chunk's position and ``prev_nl`` whether the byte before it is ``\n``."""
    if prev_nl and off - 1 >= after and data[:1] == b"\n":
        return off
    i = data.find(b"\n\n", max(0, after - off))
    return None if i < 0 else off + i + 1


def part_bytes(chunks: Iterable[bytes], start: int, begin: int, end: int | None) -> Iterator[bytes]:
    """The bytes of one part of stdout, for parsing it on its own.

    ``chunks`` are stdout's chunks from the one at position ``start`` on. The part
    starts at stdout's start when ``begin`` is 0, else at the first blank line whose
    preceding newline lies at or after ``begin``; it ends before the first such
    blank line at or after ``end`` (``None``: at stdout's end). Consecutive parts
    computed with the same positions therefore tile stdout exactly. At a blank line
    the parser holds no state but counters (no open path, no unfinished line, no
    statistics block), so the parts' summaries merge into the sequential summary.
    """
    off = start
    prev_nl = False
    first: int | None = 0 if begin == 0 else None
    for data in chunks:
        if first is None:
            first = _boundary(data, off, prev_nl, begin)
        if first is not None:
            lo = max(first - off, 0)
            stop = None if end is None else _boundary(data, off, prev_nl and off > end, end)
            if stop is not None:
                if stop - off > lo:
                    yield data[lo : stop - off]
                return
            if lo < len(data):
                yield data[lo:] if lo else data
        prev_nl = data.endswith(b"\n")
        off += len(data)


def _split_points(layout: Sequence[tuple[int, int]], parts: int) -> list[int]:
    """Chunk indexes where parts of about equal size start (first is 0)."""
    total = sum(size for _, size in layout)
    points = [0]
    acc = 0
    for i, (_, size) in enumerate(layout):
        if acc >= total * len(points) / parts and i > points[-1]:
            points.append(i)
            if len(points) == parts:
                break
        acc += size
    return points


def part_spans(layout: Sequence[tuple[int, int]], parts: int) \
        -> list[tuple[int, int, int | None]]:
    """``(first chunk seq, begin, end)`` of about ``parts`` parts of equal size of a
    stream whose ``chunk_layout`` is ``layout``, for ``part_bytes`` (``end`` ``None``:
    the stream's end).

    >>> part_spans([(0, 10), (1, 10), (2, 10), (3, 10)], 2)
    [(0, 0, 20), (2, 20, None)]
    """
    points = _split_points(layout, parts)
    starts = list(itertools.accumulate((size for _, size in layout), initial=0))
    return [(layout[index][0], starts[index],
             starts[points[k + 1]] if k + 1 < len(points) else None)
            for k, index in enumerate(points)]


def _summarize_part(args: tuple[str, int, int, int, int, int | None, int]) -> RunSummary:
    path, run_id, first_seq, start, begin, end, maxstringlen = args
    with Archive.open(path, readonly=True) as archive:
        stdout = (c.data for c in archive.iter_chunks(run_id, "stdout", first_seq=first_seq))
        chunks = part_bytes(stdout, start, begin, end)
        return summarize_chunks(chunks, maxstringlen=maxstringlen)


def summarize_run(
    archive_path: Path | str,
    run_id: int,
    *,
    workers: int = 1,
    maxstringlen: int = DEFAULT_MAXSTRINGLEN,
) -> RunSummary:
    """Summary of a run's stdout; ``workers > 1`` parses parts in worker processes.

    Each worker reads its own range of chunks from the archive (so the data is read
    once, in parallel) and parses from the first blank line of its range to the
    first blank line of the next range (see ``part_bytes``); the summaries are
    merged in stdout order.
    """
    with Archive.open(archive_path, readonly=True) as archive:
        if workers <= 1:
            chunks = (c.data for c in archive.iter_chunks(run_id, "stdout"))
            return summarize_chunks(chunks, maxstringlen=maxstringlen)
        layout = archive.chunk_layout(run_id, "stdout")
    jobs = [(str(archive_path), run_id, seq, begin, begin, end, maxstringlen)
            for seq, begin, end in part_spans(layout, workers)]
    if len(jobs) == 1:
        return _summarize_part(jobs[0])
    total = RunSummary()
    with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
        for summary in pool.imap(_summarize_part, jobs):
            total = total.merge(summary)
    return total


# -- JSON and text ------------------------------------------------------------------------


def _raw_json(raw: bytes) -> dict[str, str]:
    """The raw bytes, only when they are not UTF-8 (the text shows replacements)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return {"raw_base64": base64.b64encode(raw).decode("ascii")}
    return {}


def statement_json(st: Statement) -> dict[str, Any]:
    return {
        "execname": st.execname,
        "tid": st.tid,
        "file": st.file,
        "line": st.line,
        "label": st.label,
        "value": st.value_text,
        "variables": [
            [name, {"raw": v.raw, "kind": v.kind, **({"truncated": True} if v.truncated else {})}]
            for name, v in st.variables
        ],
        "offset": st.offset,
        "length": st.length,
        "line_no": st.line_no,
        "truncated": st.truncated,
        "foreign": st.foreign,
        **_raw_json(st.raw),
    }


def record_json(r: Record) -> dict[str, Any]:
    """One record as JSON data (``type`` names the record class)."""
    if isinstance(r, Invocation):
        return {
            "type": "invocation",
            "ordinal": r.ordinal,
            "execname": r.execname,
            "tid": r.tid,
            "target": r.target,
            "function": r.function,
            "return": r.return_text,
            "return_value": r.return_value,
            "offset": r.offset,
            "header_offset": r.header_offset,
            "header_length": r.header_length,
            "line_no": r.line_no,
            "statement_count": r.statement_count,
            "partial": r.partial,
            "truncated": r.truncated,
            "foreign": r.foreign,
            "statements": [statement_json(s) for s in r.statements],
            **_raw_json(r.raw),
        }
    if isinstance(r, OrphanStatements):
        return {
            "type": "orphan_statements",
            "ordinal": r.ordinal,
            "offset": r.offset,
            "line_no": r.line_no,
            "statement_count": r.statement_count,
            "truncated": r.truncated,
            "statements": [statement_json(s) for s in r.statements],
        }
    if isinstance(r, Statistics):
        return {
            "type": "statistics",
            "entry": r.entry,
            "exit_hit": r.exit_hit,
            "exit_miss": r.exit_miss,
            "statement": r.statement,
            "offset": r.offset,
            "length": r.length,
            "line_no": r.line_no,
        }
    return {
        "type": "other" if isinstance(r, OtherLine) else "unparsed",
        ("kind" if isinstance(r, OtherLine) else "reason"): (
            r.kind if isinstance(r, OtherLine) else r.reason
        ),
        "text": r.text,
        "offset": r.offset,
        "length": r.length,
        "line_no": r.line_no,
        **_raw_json(r.raw),
    }


def message_json(m: Message) -> dict[str, Any]:
    return {
        "line_no": m.line_no,
        "kind": m.kind,
        "category": m.category,
        "text": _text(m.raw),
        "fields": dict(sorted(m.fields.items())),
        "probe_point": m.probe_point,
        "function": m.function,
        "file": m.file,
        "line": m.line,
        "address": m.address,
        "rc": m.rc,
    }


def _run_json(run: Run) -> dict[str, Any]:
    return {
        "id": run.id,
        "uuid": run.uuid,
        "status": run.status,
        "target": run.target,
        "function": run.function,
        "condition": run.condition,
        "variable": run.variable,
    }


def incomplete_of(messages: Iterable[Message]) -> bool:
    """stderr says events were lost (the trace may miss paths)."""
    return any(m.category == "incomplete" for m in messages)


def nothing_ran_of(messages: Iterable[Message]) -> bool:
    """stderr says the script failed before running."""
    return any(m.category == "fatal" for m in messages)


def to_json(parsed: ParsedRun, run: Run | None = None) -> dict[str, Any]:
    """The parsed run as JSON data (dump with ``sort_keys=True`` for stable output)."""
    out: dict[str, Any] = {
        "run_id": parsed.run_id,
        "stdout_bytes": parsed.stdout_bytes,
        "incomplete": parsed.incomplete,
        "nothing_ran": parsed.nothing_ran,
        "records": [record_json(r) for r in parsed.records],
        "messages": [message_json(m) for m in parsed.messages],
    }
    if run is not None:
        out["run"] = _run_json(run)
    return out


_RECORDS_PLACEHOLDER = "\x00records\x00"


def iter_json(
    records: Iterable[Record],
    *,
    run_id: int,
    stdout_bytes: int,
    messages: Sequence[Message],
    run: Run | None = None,
) -> Iterator[str]:
    """``to_json`` as text, produced record by record so that a huge run is never
    held in memory: keys sorted, the top level indented, each record on one line.

    (One compact line per record lets the json module's C encoder do the work; an
    indented dump goes through its pure-Python encoder, about 50 times slower.)
    """
    top: dict[str, Any] = {
        "run_id": run_id,
        "stdout_bytes": stdout_bytes,
        "incomplete": incomplete_of(messages),
        "nothing_ran": nothing_ran_of(messages),
        "records": _RECORDS_PLACEHOLDER,
        "messages": [message_json(m) for m in messages],
    }
    if run is not None:
        top["run"] = _run_json(run)
    text = json.dumps(top, sort_keys=True, indent=2)
    head, tail = text.split(json.dumps(_RECORDS_PLACEHOLDER), 1)
    yield head
    first = True
    encode = json.JSONEncoder(sort_keys=True).encode
    for r in records:
        yield ("[\n    " if first else ",\n    ") + encode(record_json(r))
        first = False
    yield "[]" if first else "\n  ]"
    yield tail + "\n"


def dumps(parsed: ParsedRun, run: Run | None = None) -> str:
    """The ``show --json`` text of a parsed run held in memory."""
    return "".join(
        iter_json(
            parsed.records,
            run_id=parsed.run_id,
            stdout_bytes=parsed.stdout_bytes,
            messages=parsed.messages,
            run=run,
        )
    )


def compress_path(statements: Sequence[Statement]) -> str:
    """A path as ``file:lines``, runs of consecutive lines as ``a-b``, repeats as ``xN``.

    >>> st = lambda f, n: Statement("a", 1, f, n, "$$vars", "", 0, 0, 0, b"")
    >>> compress_path([st("f.c", n) for n in (10, 11, 12, 15, 15, 15, 11, 12)] + [st("g.h", 3)])
    'f.c:10-12,15x3,11-12 g.h:3'
    """
    parts: list[str] = []
    i = 0
    n = len(statements)
    while i < n:
        file = statements[i].file
        items: list[str] = []
        while i < n and statements[i].file == file:
            start = statements[i].line
            j = i
            while (
                j + 1 < n
                and statements[j + 1].file == file
                and (statements[j + 1].line == statements[j].line + 1)
            ):
                j += 1
            if j > i:
                items.append(f"{start}-{statements[j].line}")
                i = j + 1
                continue
            k = i
            while (
                k + 1 < n and statements[k + 1].file == file and (statements[k + 1].line == start)
            ):
                k += 1
            items.append(f"{start}x{k - i + 1}" if k > i else str(start))
            i = k + 1
        parts.append(f"{file}:{','.join(items)}")
    return " ".join(parts)


_SHOWN_LINES = 10  # program output and unparsed records listed by ``show``


def iter_text(
    records: Iterable[Record],
    *,
    invocations: int,
    statements: int,
    stdout_bytes: int,
    messages: Sequence[Message],
    run: Run | None = None,
    limit: int | None = None,
) -> Iterator[str]:
    """The ``errtrail-report show`` text, line by line (each ends with a newline).

    Invocations and orphan groups come in stdout order (at most ``limit``
    invocations in full); program output, interrupts, unparsed bytes, statistics
    and stderr follow, with long lists cut short.
    """
    if run is not None:
        yield f"run {run.id} {run.uuid} ({run.status})\n"
        for key, value in (("target", run.target), ("function", run.function),
                           ("condition", run.condition), ("variable", run.variable)):
            if value is not None:
                yield f"  {key}: {value}\n"
    yield (
        f"{invocations} invocation(s), {statements} statement(s), {stdout_bytes} stdout byte(s)\n"
    )
    output: list[OtherLine] = []
    n_output = 0
    interrupt: OtherLine | None = None
    unparsed: list[Unparsed] = []
    n_unparsed = unparsed_bytes = 0
    stats: Statistics | None = None
    shown = hidden = 0
    for r in records:
        if isinstance(r, Invocation):
            if limit is not None and shown >= limit:
                hidden += 1
                continue
            shown += 1
            flags = [name for name in ("partial", "truncated", "foreign") if getattr(r, name)]
            yield (
                f"#{r.ordinal} line {r.line_no}: {r.execname}[{r.tid}] {r.target}"
                f" function({r.function}) $return: {r.return_text}"
                + (f"  [{', '.join(flags)}]" if flags else "")
                + "\n"
            )
            path = compress_path(r.statements)
            yield f"  {r.statement_count} statement(s)" + (f": {path}" if path else "") + "\n"
            for st in r.statements:
                if st.truncated or st.foreign:
                    what = " and ".join(
                        w for w, on in (("truncated", st.truncated), ("foreign", st.foreign)) if on
                    )
                    yield (
                        f"  line {st.line_no}: {what}: {st.execname}[{st.tid}]"
                        f" {st.file}:{st.line}\n"
                    )
        elif isinstance(r, OrphanStatements):
            yield (
                f"orphan statements at line {r.line_no} (no header):"
                f" {r.statement_count} statement(s): {compress_path(r.statements)}"
                + ("  [truncated]" if r.truncated else "")
                + "\n"
            )
        elif isinstance(r, OtherLine):
            if r.kind == "output":
                n_output += 1
                if len(output) < _SHOWN_LINES:
                    output.append(r)
            elif r.kind == "interrupt" and interrupt is None:
                interrupt = r
        elif isinstance(r, Unparsed):
            n_unparsed += 1
            unparsed_bytes += r.length
            if len(unparsed) < _SHOWN_LINES:
                unparsed.append(r)
        else:
            stats = r
    if hidden:
        yield f"... {hidden} more invocation(s) not shown (--limit 0 shows all)\n"
    if n_output:
        yield f"program output: {n_output} line(s)\n"
        for o in output:
            yield f"  line {o.line_no}: {o.text}\n"
        if n_output > len(output):
            yield f"  ... {n_output - len(output)} more\n"
    if interrupt is not None:
        yield f"interrupted: ^C echoed at line {interrupt.line_no}\n"
    if n_unparsed:
        yield f"unparsed: {n_unparsed} record(s), {unparsed_bytes} byte(s)\n"
        for u in unparsed:
            yield f"  line {u.line_no}: {u.reason}: {u.text[:120]}\n"
    if stats is not None:
        yield (
            f"statistics: entry {stats.entry}, exit-hit {stats.exit_hit},"
            f" exit-miss {stats.exit_miss}, statement {stats.statement}\n"
        )
    else:
        yield "statistics: none (the run did not reach its end probe)\n"
    if messages:
        yield f"stderr: {len(messages)} classified line(s)\n"
        for category in ("fatal", "incomplete", "unprobed", "summary", "other", "progress"):
            msgs = [m for m in messages if m.category == category]
            if msgs:
                yield f"  {category}: {len(msgs)}\n"
                for m in msgs[:20]:
                    yield f"    {m.line_no}: {_text(m.raw)}\n"
                if len(msgs) > 20:
                    yield f"    ... {len(msgs) - 20} more\n"
    if incomplete_of(messages):
        yield "warning: stderr says events were lost; the trace is incomplete\n"
    if nothing_ran_of(messages):
        yield "warning: stderr says the script failed before running\n"


def format_text(parsed: ParsedRun, run: Run | None = None, limit: int | None = None) -> str:
    """The ``show`` text of a parsed run held in memory."""
    invs = parsed.invocations
    return "".join(
        iter_text(
            parsed.records,
            invocations=len(invs),
            statements=sum(i.statement_count for i in invs),
            stdout_bytes=parsed.stdout_bytes,
            messages=parsed.messages,
            run=run,
            limit=limit,
        )
    )


# Runs larger than this are summarised by worker processes before ``show`` streams them.
PARALLEL_BYTES = 64 << 20


def show_run(
    archive: Archive, run: Run, *, as_json: bool = False, limit: int | None = None
) -> Iterator[str]:
    """The ``show`` output of an archived run, streamed in constant memory.

    Two passes: a summary (counts, and each function's entry line so that
    ``partial`` is decided over the whole run, as ``mark_partial`` does), then the
    records themselves.
    """
    workers = 2 if run.stdout_bytes > PARALLEL_BYTES else 1
    maxstringlen = maxstringlen_of(run.command)
    summary = summarize_run(archive.path, run.id, workers=workers, maxstringlen=maxstringlen)
    messages = run_messages(archive, run.id)
    chunks = (c.data for c in archive.iter_chunks(run.id, "stdout"))
    records = iter_records(chunks, entry_lines=summary.entry_lines(), maxstringlen=maxstringlen)
    if as_json:
        yield from iter_json(
            records, run_id=run.id, stdout_bytes=summary.bytes, messages=messages, run=run
        )
    else:
        yield from iter_text(
            records,
            invocations=summary.invocations,
            statements=summary.statements,
            stdout_bytes=summary.bytes,
            messages=messages,
            run=run,
            limit=limit,
        )


def _demo(data: bytes) -> None:
    """Print what ``data`` parses to (for the doctests above)."""
    for r in parse_bytes(data):
        if isinstance(r, Invocation):
            flags = [f for f in ("partial", "truncated", "foreign") if getattr(r, f)]
            print(
                f"Invocation {r.execname}[{r.tid}] {r.target} {r.function} ->"
                f" {r.return_text!r} ({r.return_value}) statements={r.statement_count}"
                + "".join(" " + f for f in flags)
            )
        elif isinstance(r, OrphanStatements):
            print(f"OrphanStatements statements={r.statement_count}")
        elif isinstance(r, OtherLine):
            if r.kind != "blank":
                print(f"OtherLine {r.kind} {r.text!r}")
            continue
        elif isinstance(r, Statistics):
            print(
                f"Statistics entry={r.entry} exit_hit={r.exit_hit}"
                f" exit_miss={r.exit_miss} statement={r.statement}"
            )
            continue
        else:
            print(f"Unparsed {r.reason} {r.text!r}")
            continue
        for st in r.statements:
            shown = [(n, v.raw if len(v.raw) < 20 else v.raw[:5] + "...") for n, v in st.variables]
            print(
                f"  {st.file}:{st.line} {st.label}: {shown}"
                + (" truncated" if st.truncated else "")
                + (" foreign" if st.foreign else "")
            )
