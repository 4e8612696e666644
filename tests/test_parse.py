"""reporter.parse (with reporter.records and reporter.summaries) and reporter.values:
each line kind, each damaged form, streaming, summaries, and runs read from a real
archive."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from itertools import pairwise
from pathlib import Path

import pytest

from collector.archive import Archive, Chunk, RunMeta
from reporter.parse import MAX_LINE, StdoutParser, iter_records, parse_bytes, parse_run
from reporter.records import (
    Invocation,
    OrphanStatements,
    OtherLine,
    Statistics,
    Unparsed,
    leaf_spans,
)
from reporter.summaries import part_bytes, summarize_chunks, summarize_records, summarize_run
from reporter.values import Value, parse_value, parse_vars

WHEN = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def invocations(data: bytes) -> list[Invocation]:
    return [r for r in parse_bytes(data) if isinstance(r, Invocation)]


def header(prefix: str = "cat[7]", ret: str = "-2", func: str = "do_sys_open") -> bytes:
    return f"\n{prefix} kernel function({func}) $return: {ret}\n".encode()


def stmt(line: int, prefix: str = "cat[7]", vars: str = "fd=0x3 err=?") -> bytes:
    return f"{prefix} fs/open.c:{line} $$vars: {vars}\n".encode()


# -- values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kind", "s32", "s64", "err_ptr"),
    [
        ("0xffffffffffffffea", "hex", -22, -22, -22),
        ("0xffffffea", "hex", -22, 4294967274, None),
        ("0x7fffffff", "hex", 2147483647, 2147483647, None),
        ("0x1ffffffea", "hex", None, 8589934570, None),
        ("0xfffffffffffff001", "hex", -4095, -4095, -4095),
        ("0xfffffffffffff000", "hex", -4096, -4096, None),
        ("0xffffffff7fffffff", "hex", None, -2147483649, None),
        ("-22", "decimal", -22, -22, -22),
        ("?", "unavailable", None, None, None),
        ("{...}", "struct", None, None, None),
        ("[...]", "array", None, None, None),
        ('"a\\"b"', "string", None, None, None),
        ("'a'", "char", 97, 97, None),
        ("'\\n'", "char", 10, 10, None),
        ("ERROR", "error", None, None, None),
    ],
)
def test_value_kinds_and_helpers(
    raw: str, kind: str, s32: int | None, s64: int | None, err_ptr: int | None
) -> None:
    v = Value.of(raw)
    assert (v.kind, v.as_s32(), v.as_s64(), v.as_err_ptr()) == (kind, s32, s64, err_ptr)


def test_truncated_value_is_not_a_number() -> None:
    ((name, v),) = parse_vars("err=0xffffffff", truncated=True)
    assert name == "err" and v.truncated and v.as_int() is None and v.as_s32() is None


def test_pretty_vars_with_nested_braces_quotes_and_spaces() -> None:
    text = 'attr={.a=1, .b={.c=[1, 2]}, .s="x } y"} mode=\'d\' s="q\\" r" n=-5 e=ERROR'
    pairs = parse_vars(text)
    assert [n for n, _ in pairs] == ["attr", "mode", "s", "n", "e"]
    assert pairs[0][1].raw == '{.a=1, .b={.c=[1, 2]}, .s="x } y"}'
    assert pairs[0][1].kind == "struct" and not pairs[0][1].truncated
    assert pairs[1][1].as_int() == ord("d")
    assert pairs[2][1].raw == '"q\\" r"'
    assert pairs[3][1].as_s32() == -5
    assert pairs[4][1].kind == "error"


def test_unclosed_pretty_value_at_end_is_truncated() -> None:
    pairs = parse_vars("a=1 b={.x=1, .y=[1, 2")
    assert pairs[-1][1].truncated and pairs[-1][1].kind == "struct"
    assert parse_value('"abc').truncated and not parse_value('"abc"').truncated


# -- line kinds --------------------------------------------------------------------


def test_header_and_statements() -> None:
    data = header() + stmt(992) + stmt(993) + stmt(1009)
    (inv,) = invocations(data)
    assert (inv.execname, inv.tid, inv.target, inv.function) == ("cat", 7, "kernel", "do_sys_open")
    assert (inv.return_text, inv.return_value, inv.ordinal) == ("-2", -2, 0)
    assert (inv.offset, inv.header_offset, inv.line_no) == (0, 1, 2)
    assert [s.line for s in inv.statements] == [992, 993, 1009]
    assert [s.line_no for s in inv.statements] == [3, 4, 5]
    assert inv.statements[0].get("fd") == Value("0x3", "hex")
    assert not (inv.partial or inv.truncated or inv.foreign)


def test_pointer_return_and_targets() -> None:
    data = (
        b'\nx[1] process("/usr/bin/x y") function(open_it) $return: 0xfffffffffffffffe\n'
        b"x[1] /src/x y.c:10 $$vars: p=0x0\n"
        b'\nx[1] module("xfs") function(xfs_open) $return: 0x0\n'
    )
    a, b = invocations(data)
    assert a.target == 'process("/usr/bin/x y")' and a.return_as_value.as_err_ptr() == -2
    assert a.statements[0].file == "/src/x y.c"
    assert b.target == 'module("xfs")' and b.statement_count == 0


def test_execname_with_spaces_and_brackets() -> None:
    data = (
        header("nginx: worker[12]")
        + stmt(1, "nginx: worker[12]")
        + header("a[b[3]")
        + stmt(2, "a[b[3]")
    )
    a, b = invocations(data)
    assert (a.execname, a.tid, b.execname, b.tid) == ("nginx: worker", 12, "a[b", 3)
    assert not a.foreign and not b.foreign and b.statements[0].execname == "a[b"


def test_fourth_argument_expression() -> None:
    (inv,) = invocations(header() + b"cat[7] fs/select.c:410 $foo->bar: 0xffffffea\n")
    st = inv.statements[0]
    assert (st.label, st.value_text) == ("$foo->bar", "0xffffffea")
    assert st.variables == (("$foo->bar", Value("0xffffffea", "hex")),)
    assert st.variables[0][1].as_s32() == -22


def test_other_lines_and_statistics() -> None:
    data = (
        b"program says hi\n"
        + header()
        + stmt(1)
        + b"more output mid-path\n"
        + stmt(2)
        + b"^C\nstatistics:\nentry count: 3\nexit-hit count: 1\nexit-miss count: 2\n"
        b"statement count: 9\n\n"
    )
    records = parse_bytes(data)
    kinds = [type(r).__name__ + (":" + r.kind if isinstance(r, OtherLine) else "") for r in records]
    assert kinds == [
        "OtherLine:output",
        "Invocation",
        "OtherLine:output",
        "OtherLine:interrupt",
        "Statistics",
        "OtherLine:blank",
    ]
    inv = records[1]
    assert isinstance(inv, Invocation) and inv.statement_count == 2  # output did not end it
    stats = records[4]
    assert isinstance(stats, Statistics)
    assert (stats.entry, stats.exit_hit, stats.exit_miss, stats.statement) == (3, 1, 2, 9)


def test_interrupt_echo_glued_to_the_next_line() -> None:
    records = parse_bytes(b"^Cstatistics:\nentry count: 1\n")
    assert isinstance(records[0], OtherLine) and records[0].kind == "interrupt"
    assert records[0].length == 2
    assert isinstance(records[1], Statistics) and records[1].entry == 1


# -- damaged forms ------------------------------------------------------------------


def test_maxstringlen_cut_glued_statement_is_split() -> None:
    long = stmt(2, vars="x=0x" + "1" * 600).rstrip(b"\n")
    data = header() + stmt(1) + long[:511] + stmt(3)
    (inv,) = invocations(data)
    assert [s.line for s in inv.statements] == [1, 2, 3]
    assert [s.truncated for s in inv.statements] == [False, True, False]
    assert inv.statements[1].length == 511 and inv.truncated
    assert inv.statements[1].variables[0][1].truncated
    assert inv.statements[2].line_no == inv.statements[1].line_no  # same physical line


def test_maxstringlen_cut_glued_header() -> None:
    long = stmt(2, vars="x=0x" + "1" * 600).rstrip(b"\n")
    # The cut line lost its newline, the next header's blank line ends it instead.
    data = header() + long[:511] + header(ret="-5").lstrip(b"\n") + stmt(1)
    a, b = invocations(data)
    assert a.truncated and a.statements[-1].truncated and b.return_value == -5
    assert b.offset == b.header_offset and b.statement_count == 1


def test_custom_maxstringlen() -> None:
    long = stmt(2, vars="x=0x" + "1" * 2000).rstrip(b"\n")
    data = header() + long[:1023] + stmt(3)
    (inv,) = [r for r in iter_records([data], maxstringlen=1024) if isinstance(r, Invocation)]
    assert [s.truncated for s in inv.statements] == [True, False]


def test_foreign_lines_and_partial_paths() -> None:
    data = (
        header("w[1]")
        + stmt(10, "w[1]")
        + stmt(11, "w[1]")
        + stmt(20, "w[1]")
        + header("w[2]")
        + stmt(10, "w[1]")
        + stmt(15, "w[2]")
        + stmt(20, "w[2]")
    )
    a, b = invocations(data)
    assert not a.foreign and b.foreign
    assert [s.foreign for s in b.statements] == [True, False, False]
    assert not a.partial and not b.partial
    # A path starting later than another path of the same function lost its start.
    c, d = invocations(header() + stmt(15) + stmt(20) + header() + stmt(10) + stmt(20))
    assert c.partial and not d.partial
    # Streaming decides with what it has seen so far (conservative).
    streamed = [r for r in iter_records([header() + stmt(15) + header() + stmt(10)])]
    assert [r.partial for r in streamed if isinstance(r, Invocation)] == [False, False]


def test_orphans_and_empty_headers() -> None:
    data = stmt(1) + header() + header() + stmt(2) + b"\n" + stmt(3) + stmt(4)
    records = parse_bytes(data)
    types = [type(r).__name__ for r in records]
    assert types == [
        "OrphanStatements",
        "Invocation",
        "Invocation",
        "OtherLine",
        "OrphanStatements",
    ]
    assert records[1].statement_count == 0  # type: ignore[union-attr]
    assert records[4].statement_count == 2  # type: ignore[union-attr]


def test_unterminated_last_statement_is_truncated() -> None:
    (inv,) = invocations(header() + stmt(1) + b"cat[7] fs/open.c:2 $$vars: fd=0x")
    assert inv.statements[-1].truncated and inv.statements[-1].get("fd").truncated  # type: ignore[union-attr]


def test_crlf_ansi_and_non_utf8() -> None:
    data = (
        b"\x1b[31mred\x1b[0m output\r\n\r\ncaf\xe9[5] kernel function(f) $return: -1\r\n"
        b"caf\xe9[5] a.c:3 $$vars: x=0x1\r\n"
    )
    records = parse_bytes(data)
    out, inv = records
    assert isinstance(out, OtherLine) and out.text == "red output" and out.raw.startswith(b"\x1b")
    assert isinstance(inv, Invocation) and inv.execname == "caf\ufffd"
    assert inv.raw == b"caf\xe9[5] kernel function(f) $return: -1\r"
    assert inv.statements[0].get("x") == Value("0x1", "hex")
    assert inv.statements[0].length == len(b"caf\xe9[5] a.c:3 $$vars: x=0x1\r\n")


def test_trace_like_garbage_is_unparsed() -> None:
    records = parse_bytes(b"cat[7] this is not a record\n")
    assert isinstance(records[0], Unparsed) and records[0].length == 28


def test_empty_and_stats_only() -> None:
    assert parse_bytes(b"") == []
    records = parse_bytes(b"\nstatistics:\nentry count: 0\n")
    assert [type(r).__name__ for r in records] == ["OtherLine", "Statistics"]


def test_every_byte_in_exactly_one_leaf() -> None:
    data = (
        b"out\n"
        + header()
        + stmt(1)
        + b"mid\n"
        + stmt(2, "x[9]")
        + b"x[1] junk\n"
        + b"\n\n"
        + stmt(3)
        + b"^C\n\nstatistics:\nentry count: 1\n"
        + b"y" * (MAX_LINE + 3)
    )
    spans = sorted(s for r in parse_bytes(data) for s in leaf_spans(r))
    assert spans[0][0] == 0 and spans[-1][1] == len(data)
    assert all(a[1] == b[0] for a, b in pairwise(spans))


# -- streaming ----------------------------------------------------------------------


def _big_trace(invocations: int) -> list[bytes]:
    one = header() + b"".join(stmt(n) for n in range(100, 140))
    return [one * 50 for _ in range(invocations // 50)]


def test_streaming_holds_only_the_current_path() -> None:
    parser = StdoutParser()
    chunks = _big_trace(2000)
    seen = 0
    for chunk in chunks:
        for r in parser.feed(chunk):
            seen += isinstance(r, Invocation)
        # Only the unfinished path (at most one invocation) stays buffered.
        assert len(parser._buf) <= len(header() + b"".join(stmt(n) for n in range(100, 140)))
    seen += sum(isinstance(r, Invocation) for r in parser.finish())
    assert seen == 2000


def test_feed_after_finish_is_an_error() -> None:
    from reporter.parse import ParseError

    parser = StdoutParser()
    parser.finish()
    with pytest.raises(ParseError, match="new StdoutParser"):
        parser.feed(b"x")


def test_runaway_line_does_not_grow_the_buffer() -> None:
    parser = StdoutParser()
    records = []
    for _ in range(50):
        records += parser.feed(b"z" * 10_000)
        assert len(parser._buf) <= MAX_LINE
    records += parser.feed(b"\n") + parser.finish()
    assert all(isinstance(r, Unparsed) for r in records)
    assert sum(r.length for r in records if isinstance(r, Unparsed)) == 500_001


# -- summaries and archive runs -----------------------------------------------------


def _archive_with(path: Path, stdout: list[bytes], stderr: bytes = b"") -> tuple[Archive, int]:
    archive = Archive.open(path, clock=lambda: WHEN)
    run_id = archive.create_run(
        RunMeta(command=("stap", "whythefail.stp"), target="kernel", function="do_sys_open"),
        status="complete",
    )
    chunks = [Chunk("stdout", c, WHEN) for c in stdout]
    if stderr:
        chunks.append(Chunk("stderr", stderr, WHEN))
    archive.append_chunks(run_id, 0, chunks)
    return archive, run_id


def test_parse_run_reads_chunks_and_classifies_stderr(archive_path: Path) -> None:
    data = header() + stmt(1) + stmt(2)
    archive, run_id = _archive_with(
        archive_path,
        [data[:10], data[10:50], data[50:]],
        b"WARNING: There were 3 lost messages, 10 lost bytes, and 0 unexpected sequences.\n",
    )
    with archive:
        parsed = parse_run(archive, run_id)
    assert [i.statement_count for i in parsed.invocations] == [2]
    assert parsed.stdout_bytes == len(data)
    assert parsed.incomplete and not parsed.nothing_ran
    assert [m.kind for m in parsed.messages] == ["lost"]


def test_summaries_agree_in_one_and_several_processes(archive_path: Path) -> None:
    chunks = _big_trace(400)
    chunks.insert(3, b"program output\n" + stmt(5, "other[2]"))
    chunks.append(b"\nstatistics:\nentry count: 400\n")
    records = list(iter_records(chunks))
    expected = summarize_chunks(chunks)
    assert replace(summarize_records(records), newlines=expected.newlines) == expected
    assert expected.newlines == sum(c.count(b"\n") for c in chunks)
    # The foreign line joins the path it interrupts (program output does not end it).
    assert expected.invocations == 400 and expected.statements == 400 * 40 + 1
    assert expected.foreign_invocations == 1 and expected.output_lines == 1
    assert expected.bytes == sum(len(c) for c in chunks)
    # Small chunks, so that parts start and end inside paths and across chunk edges.
    data = b"".join(chunks)
    small = [data[i : i + 997] for i in range(0, len(data), 997)]
    archive, run_id = _archive_with(archive_path, small)
    archive.close()
    for workers in (1, 2, 3, 7):
        assert summarize_run(archive_path, run_id, workers=workers) == expected, workers
    assert expected.statistics is not None and expected.statistics.entry == 400


@pytest.mark.parametrize("size", [1, 2, 5, 64])
def test_parts_tile_stdout(size: int) -> None:
    data = b"a\n\nb\n\n\nc\nd\n\n" * 7 + b"\n"
    chunks = [data[i : i + size] for i in range(0, len(data), size)]
    starts = [sum(len(c) for c in chunks[:i]) for i in range(len(chunks))]
    for first in range(1, len(chunks)):
        idx = sorted({0, first, (first * 3) % len(chunks), min(first + 1, len(chunks) - 1)})
        ends = [starts[i] for i in idx[1:]] + [None]
        parts = [
            b"".join(part_bytes(chunks[i:], starts[i], starts[i], end))
            for i, end in zip(idx, ends, strict=True)
        ]
        assert b"".join(parts) == data, idx
        assert all(p == b"" or p.startswith(b"\n") for p in parts[1:])


def test_orphan_statements_record_fields() -> None:
    (group,) = [r for r in parse_bytes(stmt(1) + stmt(2)) if isinstance(r, OrphanStatements)]
    assert (group.offset, group.line_no, group.statement_count, group.ordinal) == (0, 1, 2, 0)
