"""Parsing of whythefail.stp stdout into records (``reporter.records``), chunk by chunk.

This module owns reading a run's stdout bytes, and the run's stderr flags. Others call:

- ``StdoutParser``: ``feed(chunk)`` / ``finish()`` return completed records; memory
  holds only the unfinished line and the path being read. With ``light=True``,
  ``feed_light`` / ``finish_light`` give the calls the fast path reads whole as
  ``LightCall`` tuples (``reporter.analysis`` builds records only for those it keeps).
- ``iter_records(chunks)``: the same as an iterator of records.
- ``parse_bytes(data)``: a whole (small) stdout at once, as a list.
- ``mark_partial(records)`` / ``entry_lines_of(records)``: ``partial`` decided over
  a whole run, and the entry lines that rule reads.
- ``parse_run(archive, run_id)``: a ``ParsedRun`` (records, stderr messages, flags)
  held in memory, with ``partial`` decided over the whole run (``mark_partial``).
- ``run_messages(archive, run_id)``, ``incomplete_of`` / ``nothing_ran_of``: a run's
  classified stderr and what it says of the trace; ``maxstringlen_of(command)``: the
  MAXSTRINGLEN a stap command sets.
- ``ParseError``: a stream this parser cannot read.

Counts for huge runs are made in ``reporter.summaries``, the ``errtrail-report show``
output in ``reporter.show``. Stderr is not parsed here: its lines are classified by
``collector.messages``.

Line formats (whythefail.stp from its first version, systemtap commit 75ed3b3c8a02 of
2015, unchanged through master 2e5a1050):

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

import functools
import operator
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from collector.archive import Archive, Message
from collector.errors import ErrtrailError
from reporter.records import (
    ANSI,
    DEFAULT_MAXSTRINGLEN,
    HEADER,
    RECORD_PREFIX,
    STAT,
    STATEMENT,
    Invocation,
    LightCall,
    OrphanStatements,
    OtherLine,
    Record,
    Statement,
    Statistics,
    Unparsed,
    _ascii_key,
    _file_lines,
    _number,
    _Run,
    _Segment,
    _text,
    invocation_of,
)
from reporter.scan import SCANNER, CallBatch, Scanner

# Longer lines are not whythefail output; they are accounted for in pieces of this
# size so that a runaway line cannot make the parser hold unbounded memory.
MAX_LINE = 65536
# A call cut by the end of a chunk is held over to the next one (and read whole, by
# the fast path) when the bytes left are no more than this; past it the path is read
# line by line, so that a runaway path never makes the parser hold unbounded memory.
CARRY_BYTES = 4 * MAX_LINE
# Distinct header texts (after "exec[tid] ") whose reading the fast path remembers;
# a return that differs from call to call (pointers) makes each header new.
TAILS_CACHED = 4096

# Fast path: a blank line, a header and the run of statement lines after it, in one
# regex match over the whole buffer. Every construct is a restriction of the records'
# HEADER and STATEMENT (no "[" in execname, no CR or ESC), so whatever it accepts the
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
        # Runs of whole calls read in C (light parsers only: they hand on columns).
        self._scanner = Scanner(self._light_call) if light and fast and SCANNER else None
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
        self._out: list[Record | LightCall | CallBatch] = []
        self._invocations = 0
        self._orphans = 0
        self._finished = False
        self._unterminated = 0  # 1 when stdout ended inside a line
        self._defer = False  # the fast path left a call cut by the chunk's end for later
        self._deferred = False  # ... and _buf holds it, from a blank line on

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

    def feed_light(self, chunk: bytes) -> list[Record | LightCall | CallBatch]:
        """As ``feed``; with ``light=True`` the calls the fast path reads whole come
        as ``LightCall`` tuples (``invocation_of`` builds the record)."""
        if self._finished:
            raise ParseError("feed() after finish(): start a new StdoutParser per stream")
        start = self._held_over(chunk)
        buf = self._buf + chunk if self._buf else chunk
        self._buf = b""
        self._base -= start
        self._consume(buf, final=False, start=start)
        out, self._out = self._out, []
        return out

    def _held_over(self, chunk: bytes) -> int:
        """Read the call held over from the last chunk (``_defer``) with the bytes of
        ``chunk`` that complete it, when they do; where ``chunk`` is to be read from
        then (0: the call goes on past it too, or nothing was held over). This spares
        copying every chunk onto the few bytes held over before it."""
        if not self._deferred or not self._buf:
            return 0
        self._deferred = False
        if self._buf.endswith(b"\n") and chunk.startswith(b"\n"):
            end = 0
        else:
            blank = chunk.find(b"\n\n")
            if blank < 0:
                return 0
            end = blank + 1
        head, self._buf = self._buf + chunk[:end], b""
        # The byte after the head starts a blank line: the held-over call ends with
        # the head, as it ends with stdout when ``final``.
        self._consume(head, final=True)
        assert not self._buf, "a held-over call left bytes unread"
        return end

    def finish_light(self, last: bytes = b"") -> list[Record | LightCall | CallBatch]:
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

    def _consume(self, buf: bytes, final: bool, start: int = 0) -> None:
        pos = start
        n = len(buf)
        while pos < n:
            if buf[pos] == 10 and self.fast and self._stats is None and self._long_line_done == 0:
                # A blank line: maybe the start of whole invocations for the fast path.
                self._close_group()
                self._flush_blank()
                new_pos = self._fast(buf, pos, final)
                if self._defer:
                    self._defer, self._deferred = False, True
                    pos = new_pos
                    break  # the call at new_pos ends in a later chunk
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
        scanner = self._scanner
        while pos < n and buf[pos] == 10:
            if scanner is not None:
                batch = scanner.scan(buf, pos, final, min(self.cut, MAX_LINE), self._base,
                                     self._line_no, self._invocations)
                if batch is not None:
                    self._out.append(batch)
                    self._invocations += batch.calls
                    self._line_no += batch.lines
                    pos = batch.stop - self._base
                    continue
            new_pos = self._fast_block(buf, pos, final)
            if new_pos is None:
                new_pos = self._fast_match(buf, pos, final)
            if new_pos is None:
                # A call cut by the chunk's end: read it whole with the next chunk
                # rather than line by line (a path longer than CARRY_BYTES still is).
                self._defer = not final and n - pos <= CARRY_BYTES \
                    and buf.find(b"\n\n", pos + 1) < 0
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
        execname and tid up to the next blank line (or the end of stdout), read by
        ``_light_call``. ``None`` when it is anything else (``_fast_match`` decides)."""
        read = self._light_call(buf, pos, final, self._base, self._invocations, self._line_no)
        if read is None:
            return None
        call, end = read
        if self.light:
            self._out.append(call)
        else:
            self._out.append(self._record(call))
        self._invocations += 1
        self._line_no += 2 + call[12]
        return end

    def _light_call(self, buf: bytes, pos: int, final: bool, base: int, ordinal: int,
                    line_no: int) -> tuple[LightCall, int] | None:
        """``(call, end)`` of the call at ``pos`` as ``_fast_block`` reads it, found
        with ``find``/``count`` and one ``findall`` instead of a regex over every byte;
        ``base``, ``ordinal``, ``line_no``: stdout offset of ``buf[0]``, the call's
        ordinal, the line at ``pos``. The C scanner (``reporter.scan``) reads exactly
        these calls, and asks this again for the ones a report keeps whole."""
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
        return (ordinal, exec_b, tid_b, *tail, base + pos, base + header_end, base + end,
                line_no, block, key, count), end

    def _record(self, call: LightCall) -> Invocation:
        """The ``Invocation`` of ``call``, ``partial`` decided with the entry lines
        known so far."""
        inv = invocation_of(call)
        if inv.first_line is not None:
            object.__setattr__(inv, "partial", self._partial(
                inv.target, inv.function, inv.first_file, inv.first_line))
        return inv

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
        key = b""
        if block:
            if b"\r" in block or b"\x1b" in block:
                return None
            lines = block.split(b"\n")
            limit = min(self.cut, MAX_LINE)
            if len(block) >= limit and max(map(len, lines)) >= limit:
                return None
            count = len(lines) - 1
            key = _ascii_key(b"\n".join(_file_lines(block, plen)) + b"\n")
        inv = self._record((self._invocations, exec_b, tid_b, target_b, func_b, ret_b,
                            self._base + pos, self._base + header_end - 1, self._base + end,
                            self._line_no, block, key, count))
        segments, first_file, first_line = inv.segments, inv.first_file, inv.first_line
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
    """Parse a whole run held in memory (``reporter.summaries.summarize_run`` for huge
    runs).

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


def incomplete_of(messages: Iterable[Message]) -> bool:
    """stderr says events were lost (the trace may miss paths)."""
    return any(m.category == "incomplete" for m in messages)


def nothing_ran_of(messages: Iterable[Message]) -> bool:
    """stderr says the script failed before running."""
    return any(m.category == "fatal" for m in messages)


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
