"""Generated and mutated whythefail traces: the parser never raises, every byte is
accounted for exactly once, and neither chunking nor the fast path changes the result."""

from __future__ import annotations

import json
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_analysis import shape

from reporter.analysis import analyse_records
from reporter.analysis.parallel import analyse_chunks
from reporter.parse import StdoutParser, iter_records, parse_bytes
from reporter.records import DEFAULT_MAXSTRINGLEN, Invocation, OrphanStatements, Record, leaf_spans
from reporter.show import record_json

EXECS = [b"cat", b"nginx: worker", b"a[b", b"x" * 15, b"\xff\xfeexe"]
TIDS = [b"1", b"42", b"23342"]
FILES = [b"fs/open.c", b"/usr/src/app/main.c", b"kernel/events/core.c"]


@st.composite
def prefixes(draw: st.DrawFn) -> bytes:
    return b"%s[%s] " % (draw(st.sampled_from(EXECS)), draw(st.sampled_from(TIDS)))


@st.composite
def values(draw: st.DrawFn) -> bytes:
    return draw(
        st.sampled_from(
            [
                b"?",
                b"{...}",
                b"[...]",
                b"0x0",
                b"0xffffffffffffffea",
                b"0xffffffea",
                b"-22",
                b'"a b\\"c"',
                b"'x'",
                b'{.a=1, .b={.c=[1, 2]}, .s="}"}',
                b"ERROR",
            ]
        )
    )


@st.composite
def statement_lines(draw: st.DrawFn, prefix: bytes | None = None) -> bytes:
    if prefix is None or draw(st.integers(0, 9)) == 0:
        prefix = draw(prefixes())
    head = b"%s%s:%d " % (prefix, draw(st.sampled_from(FILES)), draw(st.integers(1, 20000)))
    if draw(st.booleans()):
        names = draw(st.lists(st.sampled_from([b"err", b"fd", b"op", b"s", b"x"]), max_size=8))
        body = b"$$vars: " + b" ".join(b"%s=%s" % (n, draw(values())) for n in names)
    else:
        body = b"$foo: " + draw(values())
    line = head + body
    if draw(st.integers(0, 9)) == 0:
        # Long enough to be cut at MAXSTRINGLEN: keep 511 bytes, lose the newline.
        line = (line + b" pad=0x" + b"f" * 600)[:511]
        return line
    return line + b"\n"


@st.composite
def header_lines(draw: st.DrawFn, prefix: bytes) -> bytes:
    target = draw(st.sampled_from([b"kernel", b'module("xfs")', b'process("/usr/bin/x")']))
    ret = draw(st.sampled_from([b"-22", b"0xfffffffffffffffe", b"0", b"?"]))
    return b"\n%s%s function(f_%d) $return: %s\n" % (prefix, target, draw(st.integers(0, 2)), ret)


OTHER = [
    b"\n",
    b"program output line\n",
    b"^C\n",
    b"^C",
    b"\nstatistics:\nentry count: 3\nexit-hit count: 1\nexit-miss count: 2\nstatement count: 9\n",
    b"\x1b[01;35mcoloured\x1b[m\n",
    b"\r\n",
    b"\xc3\x28 not utf-8\n",
    b"x[1] junk\n",
]


@st.composite
def traces(draw: st.DrawFn) -> bytes:
    pieces: list[bytes] = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.integers(0, 9))
        if kind < 3:
            prefix = draw(prefixes())
            pieces.append(draw(header_lines(prefix)))
            pieces.extend(draw(st.lists(statement_lines(prefix), max_size=6)))
        elif kind < 7:
            pieces.append(draw(statement_lines()))
        else:
            pieces.append(draw(st.sampled_from(OTHER)))
    data = b"".join(pieces)
    if draw(st.booleans()):
        data = data.replace(b"\n", b"\r\n")
    # Mutations: byte flips, cuts, duplicated ranges.
    for _ in range(draw(st.integers(0, 3))):
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        op = draw(st.integers(0, 2))
        if op == 0:
            data = data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1 :]
        elif op == 1:
            j = draw(st.integers(i, min(len(data), i + 40)))
            data = data[:i] + data[j:]
        else:
            j = draw(st.integers(i, min(len(data), i + 80)))
            data = data[:j] + data[i:j] + data[j:]
    return data


def _chunks(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts} | {0, len(data)})
    return [data[a:b] for a, b in pairwise(points)]


def _check_accounting(data: bytes, records: list[Record]) -> None:
    spans = sorted(s for r in records for s in leaf_spans(r))
    pos = 0
    for start, end in spans:
        assert start == pos, f"gap or overlap at byte {pos}: next span starts at {start}"
        assert end > start, f"empty span at {start}"
        pos = end
    assert pos == len(data)
    offsets = [r.offset for r in records]
    assert offsets == sorted(offsets), "records are not in stdout order"
    for r in records:
        if isinstance(r, (Invocation, OrphanStatements)):
            for s in r.statements:
                assert data[s.offset : s.offset + len(s.raw)] == s.raw
        else:
            raw = getattr(r, "raw", None)
            if raw is not None:
                assert data[r.offset : r.offset + len(raw)] == raw


def _dump(records: list[Record]) -> str:
    return json.dumps([record_json(r) for r in records], sort_keys=True)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(traces(), st.lists(st.integers(0, 10_000), max_size=8))
def test_accounting_and_chunking_independence(data: bytes, cuts: list[int]) -> None:
    whole = list(iter_records([data]))
    _check_accounting(data, whole)
    chunked = list(iter_records(_chunks(data, cuts)))
    assert _dump(chunked) == _dump(whole)
    slow = list(iter_records(_chunks(data, cuts), fast=False))
    assert _dump(slow) == _dump(whole)
    parser = StdoutParser()
    for chunk in _chunks(data, cuts):
        parser.feed(chunk)
    parser.finish()
    assert parser.newlines == data.count(b"\n")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(traces(), st.lists(st.integers(0, 10_000), max_size=8))
def test_the_analysis_of_light_calls_equals_that_of_records(data: bytes, cuts: list[int]) -> None:
    """The analysis reads most calls as LightCall tuples, never built as records:
    whatever the bytes and the chunking, it holds what analysing the records holds."""
    light = analyse_chunks(_chunks(data, cuts), DEFAULT_MAXSTRINGLEN).finish(0, ())
    assert shape(light) == shape(analyse_records(parse_bytes(data)))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000), st.lists(st.integers(0, 3000), max_size=5))
def test_arbitrary_bytes(data: bytes, cuts: list[int]) -> None:
    whole = list(iter_records([data]))
    _check_accounting(data, whole)
    assert _dump(list(iter_records(_chunks(data, cuts)))) == _dump(whole)


def test_overlong_lines_are_pieces_whatever_the_chunking() -> None:
    from reporter.parse import MAX_LINE
    from reporter.records import Unparsed

    data = b"\nx[1] kernel function(f) $return: 1\n" + b"y" * (2 * MAX_LINE + 5) + b"\nz\n"
    whole = list(iter_records([data]))
    _check_accounting(data, whole)
    pieces = [r for r in whole if isinstance(r, Unparsed)]
    assert [p.length for p in pieces] == [MAX_LINE, MAX_LINE, 6]
    for size in (1000, MAX_LINE, MAX_LINE + 1):
        chunked = list(iter_records([data[i : i + size] for i in range(0, len(data), size)]))
        assert _dump(chunked) == _dump(whole)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a=0x1", "b=?", "c={...}", "d=[...]", "e", "=x", "f=g=h", "", "{", "]"]),
        max_size=8,
    ),
    st.booleans(),
    st.booleans(),
)
def test_vars_split_agrees_with_the_scanner(tokens: list[str], truncated: bool, tail: bool) -> None:
    from reporter.values import _scan_vars, parse_vars

    text = " ".join(tokens) + (" " if tail else "")
    assert parse_vars(text, truncated) == _scan_vars(text, truncated)
