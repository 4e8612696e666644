"""The model of a run's stdout: what its bytes mean, record by record.

This module owns the records whythefail.stp's stdout is made of and the line formats
they are read with (``HEADER``, ``STATEMENT``, ``RECORD_PREFIX``, ``STAT``, ``ANSI``,
``DEFAULT_MAXSTRINGLEN``). It reads no stream (``reporter.parse`` does) and imports
nothing of the reporter but ``reporter.values``. Others call:

- the records ``Invocation``, ``OrphanStatements``, ``OtherLine``, ``Statistics`` and
  ``Unparsed`` (``Record`` is any of them), and an invocation's ``Statement``;
- ``leaf_spans(record)``: the byte spans a record accounts for;
- ``path_key(segments)`` / ``key_lines(key)`` / ``fingerprint_of(key)``: a path's
  ``file:line`` key, read without building statements, its lines, its fingerprint;
- ``highest_lines(records, messages)``: every source file a trace names, with the
  highest line it names in each;
- ``LightCall`` and ``invocation_of(call)``: a call as the parser's fast path reads
  it, before any object is built, and the ``Invocation`` built from it.

``_text``, ``_number``, ``_new_object``, ``_Run`` (statement lines kept as bytes until
asked for; ``_Segment`` is a ``Statement`` or a ``_Run``) and ``_ascii_key`` are how the
parser and ``reporter.analysis`` build records; no one else needs them.

Records, in the order of their first byte:

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
  longer than ``reporter.parse.MAX_LINE``).

Every stdout byte belongs to exactly one leaf span (``leaf_spans``): a header, a
statement, or a whole other record. The line formats, with examples of each, are in
``reporter.parse``.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from collector.archive import Message
from reporter.values import Value, parse_value, parse_vars

# stap's default MAXSTRINGLEN is 512: a sprintf result holds at most 511 bytes, so a
# statement line longer than that was cut (and its "\n" was the byte cut off).
DEFAULT_MAXSTRINGLEN = 512

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
            # As reporter.parse's _statement() builds it, without the dataclass __init__
            # (see _new_object).
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


_Segment = Statement | _Run


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

    >>> from reporter.parse import parse_bytes
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

    >>> from reporter.parse import parse_bytes
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
