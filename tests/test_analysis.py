"""The per-run analysis (reporter.analysis): one streaming pass, stored in the archive,
read back by later reports, computed again after a version bump; the SQL views."""

from __future__ import annotations

import json
import os
import sqlite3
import struct
import subprocess
import sys
from array import array
from dataclasses import replace
from datetime import datetime, timezone
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import skip_or_fail
from test_archive import downgrade_to_0005

import reporter.analysis.store as store
import reporter.analysis.summary as summary
import reporter.parse as parse
from collector.archive import Archive, Chunk, RunMeta
from reporter import scan
from reporter.analysis import analyse_records, analyse_run, load_analysis
from reporter.analysis.model import Analysis, PathSummary
from reporter.analysis.parallel import analyse_chunks
from reporter.cli import main as report_main
from reporter.parse import StdoutParser, parse_bytes
from reporter.records import DEFAULT_MAXSTRINGLEN

WHEN = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def call(k: int, lines: list[int], ret: int, tid: int | None = None, value: int = 0) -> bytes:
    tid = 100 + k % 7 if tid is None else tid
    out = [f"\ncat[{tid}] kernel function(f) $return: {ret}\n"]
    out += [f"cat[{tid}] f.c:{n} $$vars: a=0x{value:x} n=0x{n:x}\n" for n in lines]
    return "".join(out).encode()


def trace(calls: int) -> bytes:
    """Three paths (one of them with two errnos), values that differ on one path,
    program output and a header-less group in the middle, statistics at the end."""
    out = []
    for k in range(calls):
        kind = k % 4
        if kind == 0:
            out.append(call(k, [2, 3, 9], -22))
        elif kind == 1:
            out.append(call(k, [2, 4, 5, 9], -2, value=k))
        elif kind == 2:
            out.append(call(k, [2, 4, 6, 9], -12))
        else:
            out.append(call(k, [2, 3, 9], -25))
        if k == calls // 2:
            out.append(b"\ncat[5] f.c:7 $$vars: a=0x1 n=0x7\nprogram output\n")
    out.append(b"statistics:\nentry count: 999\nexit-hit count: 900\n")
    return b"".join(out)


def make_run(db: Path, data: bytes, status: str = "complete") -> int:
    with Archive.open(db, clock=lambda: WHEN) as a:
        rid = a.create_run(RunMeta(command=("stap", "whythefail.stp", "kernel", "f",
                                            "$return < 0"),
                                   target="kernel", function="f", condition="$return < 0"),
                           status=status)
        step = 4096  # many chunks: parts, seams and ranges across them
        a.append_chunks(rid, 0, [Chunk("stdout", data[i:i + step], WHEN)
                                 for i in range(0, len(data), step)])
    return rid


def shape(a: Analysis) -> dict[str, Any]:
    """Everything an analysis holds, as plain data (samples by their statements)."""
    def path(p: PathSummary) -> dict[str, Any]:
        d = {k: v for k, v in vars(p).items() if k != "samples"}
        d["samples"] = [(s.ordinal, s.offset, s.line_no, s.partial, s.return_text,
                         [(st.offset, st.line_no, st.raw) for st in s.statements])
                        for s in p.samples]
        return d

    return {
        "paths": [path(p) for p in a.paths],
        "counts": (a.invocation_count, a.statement_count, a.stdout_bytes, a.orphan_groups,
                   a.orphan_statements),
        "orphans": [(o.ordinal, o.offset, o.line_no, [st.raw for st in o.statements])
                    for o in a.orphans],
        "statistics": a.statistics,
        "highest": dict(a.highest),
        "calls": [(a.calls.path_of(i), a.calls.return_of(i))
                  for i in range(a.invocation_count + 1)],
    }


def test_streaming_equals_records_in_memory_and_parts_merge_exactly(tmp_path: Path) -> None:
    data = trace(400)
    rid = make_run(tmp_path / "a.db", data)
    whole = analyse_records(parse_bytes(data), run_id=rid)
    with Archive.open(tmp_path / "a.db") as a:
        run = a.get_run(rid)
        one = analyse_run(a, run, workers=1)
        two = analyse_run(a, run, workers=2)
    assert shape(one) == shape(whole) == shape(two)
    assert [(p.outcome, p.count) for p in one.paths] == [
        ("-22", 100), ("-2", 100), ("-12", 100), ("-25", 100)]
    assert one.stdout_bytes == len(data) and one.orphan_groups == 1
    assert one.statistics is not None and one.statistics.entry == 999
    assert one.highest == {"f.c": 9}  # the orphan's line 7 is below the paths' 9


# How a test's bytes are analysed: from records in memory, by the streaming pass with
# the C scanner (in chunks of 1 KiB, so that batches end mid-path), and by the streaming
# pass in Python alone.
READERS = ["records", "c", "python"]


def require_c() -> None:
    if not scan.SCANNER:
        skip_or_fail("reporter._scan is not built: pip install -e . builds it with gcc"
                     " and python3-dev (./run-tests installs both)")


def test_the_c_folds_over_columns() -> None:
    """tally, distinct and where, which only C batches call (no Python fallback)."""
    require_c()
    assert scan.tally(array("I", [1, 0, 1]), 3) == ([1, 2, 0], [1, 2, -1])
    a, b = array("I", [1, 0, 1, 1]), array("q", [5, 5, 6, 5])
    assert scan.distinct(a, b, True, 3) == [[5], [5, 6], []]
    assert scan.where(array("I", [1, 0, 1]), 1) == array("I", [0, 2])


def analysed(data: bytes, reader: str, monkeypatch: pytest.MonkeyPatch) -> Analysis:
    if reader == "records":
        return analyse_records(parse_bytes(data))
    if reader == "c":
        require_c()
    else:
        monkeypatch.setattr(parse, "SCANNER", False)
    chunks = [data[i:i + 1024] for i in range(0, len(data), 1024)]
    return analyse_chunks(chunks, DEFAULT_MAXSTRINGLEN).finish(0, ())


@pytest.mark.parametrize("reader", READERS)
def test_samples_are_the_first_calls_then_those_whose_values_differ(
        reader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(summary, "LIMITS", replace(summary.LIMITS, first_samples=3, samples=5))
    same = b"".join(call(k, [2, 3], -22, tid=k) for k in range(50))
    differ = b"".join(call(k, [2, 3], -22, tid=k, value=k // 10) for k in range(50))
    (p,) = analysed(same, reader, monkeypatch).paths
    assert [s.ordinal for s in p.samples] == [0, 1, 2] and p.count == 50
    (p,) = analysed(differ, reader, monkeypatch).paths
    # 0, 1, 2 kept whole; then the first call of each new value, up to 5 in all.
    assert [s.ordinal for s in p.samples] == [0, 1, 2, 10, 20]
    monkeypatch.setattr(summary, "LIMITS", replace(summary.LIMITS, first_samples=3,
                                                   samples=5, sample_scan=25))
    (p,) = analysed(differ, reader, monkeypatch).paths
    assert [s.ordinal for s in p.samples] == [0, 1, 2, 10, 20]  # the 25th call is 24
    (p,) = analysed(differ[: differ.index(b"\ncat[20]")] + differ, reader, monkeypatch).paths
    # Calls 20-39 of that stdout repeat 0-19's values; the 50th (10 of the second
    # copy) would differ from the kept ones but is past the first 25.
    assert [s.ordinal for s in p.samples] == [0, 1, 2, 10] and p.count == 70


@pytest.mark.parametrize("reader", READERS)
def test_tids_are_counted_exactly_past_the_set_and_listed_lowest_first(
        reader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(summary, "LIMITS", replace(summary.LIMITS, tid_set=10, listed=4))
    tids = [5000 - 7 * k for k in range(300)] + [5000, 1 << 23]  # a repeat, one past pid_max
    data = b"".join(call(k, [2], -22, tid=t) for k, t in enumerate(tids))
    (p,) = analysed(data, reader, monkeypatch).paths
    assert p.tid_total == 301 and p.count == 302
    assert p.tids == tuple(sorted(set(tids))[:4])


def sample_stdouts() -> list[Path]:
    root = Path(__file__).resolve().parent.parent
    return sorted([*root.glob("sample_traces/*.stdout"),
                   *(root / "tests" / "realworld" / "traces").glob("*.stdout")])


@pytest.mark.parametrize("step", [1 << 20, 4096, 97])
def test_the_c_scanner_gives_the_analysis_python_gives(
        step: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every bundled trace (damaged ones, gdb and stap captures of real libraries) and a
    generated one, chunked three ways: the same analysis with the C scanner as without."""
    require_c()
    datas = [p.read_bytes() for p in sample_stdouts()] + [trace(400)]
    assert len(datas) > 100
    for data in datas:
        chunks = [data[i:i + step] for i in range(0, len(data), step)]
        with_c = shape(analyse_chunks(chunks, DEFAULT_MAXSTRINGLEN).finish(0, ()))
        with monkeypatch.context() as m:
            m.setattr(parse, "SCANNER", False)
            without = shape(analyse_chunks(chunks, DEFAULT_MAXSTRINGLEN).finish(0, ()))
        assert with_c == without


def test_the_c_scanner_reads_the_plain_calls_and_leaves_the_rest_to_python() -> None:
    require_c()
    plain = b"".join(call(k, [2, 3, 9], -22) for k in range(100))
    odd = [
        call(0, [2], -22).replace(b"f.c", "fé.c".encode()),    # a file name not ASCII
        call(0, [2], -22, tid=10 ** 19),                       # a tid of 20 digits
        call(0, [2], -22).replace(b"\n", b"\r\n"),             # CRLF
        call(0, [2], -22).replace(b"$$vars: ", b"$$vars:"),    # no ": " after the label
        call(0, [2], -22).replace(b"cat[100] f.c", b"cat[105] f.c"),  # a foreign line
    ]
    parser = StdoutParser(light=True)
    out = parser.finish_light(plain + b"".join(odd))
    batches = [r for r in out if isinstance(r, scan.CallBatch)]
    assert sum(b.calls for b in batches) == 100 and len(out) > len(batches)
    assert not any(isinstance(r, scan.CallBatch) and r.start >= len(plain) for r in out)


def test_stored_analysis_is_read_back_without_parsing(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "a.db"
    rid = make_run(db, trace(120))
    with Archive.open(db, clock=lambda: WHEN) as a:
        first = load_analysis(a, a.get_run(rid))
        rows = a.conn.execute("SELECT count(*), sum(calls) FROM call_blocks WHERE run_id = ?",
                              [rid]).fetchone()
        assert tuple(rows) == (1, first.invocation_count) == (1, 120)

        def no_parse(*_: object, **__: object) -> None:
            raise AssertionError("a stored analysis was computed again")

        monkeypatch.setattr(store, "analyse_run", no_parse)
        fresh, again = shape(first), shape(load_analysis(a, a.get_run(rid)))
        # The stored calls are the call_blocks' columns (not the arrays in memory).
        (path, text, ends), = a.conn.execute(
            "SELECT path, return_text, return_end FROM call_blocks WHERE run_id = ?", [rid])
        returns = [text[s:e].decode() for s, e in pairwise([0, *unpack("I", ends)])]
        assert list(zip(unpack("I", path), returns, strict=True)) == fresh["calls"][:-1]
        assert fresh["calls"][-1] == (None, None)
        assert again == fresh


def unpack(typecode: str, data: bytes) -> list[int]:
    """A little-endian column of call_blocks, as ints (independently of reporter's)."""
    return [v for (v,) in struct.iter_unpack("<" + typecode, data)]


def test_calls_past_a_block_are_read_back_from_their_block(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "BLOCK_CALLS", 16)
    db = tmp_path / "a.db"
    rid = make_run(db, trace(100))
    with Archive.open(db, clock=lambda: WHEN) as a:
        fresh = load_analysis(a, a.get_run(rid))
        blocks = a.conn.execute("SELECT first_ordinal, calls FROM call_blocks WHERE run_id = ?"
                                " ORDER BY first_ordinal", [rid]).fetchall()
        assert [tuple(b) for b in blocks] == [(k, 16) for k in range(0, 96, 16)] + [(96, 4)]
        again = load_analysis(a, a.get_run(rid))
        assert isinstance(again.calls, store.StoredCalls)
        for ordinal in [*range(-1, 101), 17, 3, 99]:
            assert (again.calls.path_of(ordinal), again.calls.return_of(ordinal)) == (
                fresh.calls.path_of(ordinal), fresh.calls.return_of(ordinal))


def test_a_version_bump_or_a_grown_run_is_analysed_again(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "a.db"
    rid = make_run(db, trace(40))
    with Archive.open(db, clock=lambda: WHEN) as a:
        load_analysis(a, a.get_run(rid))
        monkeypatch.setattr(store, "ANALYSIS_VERSION", store.ANALYSIS_VERSION + 1)
        computed = []
        real = store.analyse_run
        monkeypatch.setattr(store, "analyse_run",
                            lambda *x, **k: computed.append(1) or real(*x, **k))
        load_analysis(a, a.get_run(rid))
        assert computed == [1]
        assert a.conn.execute("SELECT version FROM analyses").fetchone()[0] == \
            store.ANALYSIS_VERSION
        a.append_chunks(rid, 1000, [Chunk("stdout", call(99, [2, 3, 9], -22), WHEN)])
        grown = load_analysis(a, a.get_run(rid))
        assert computed == [1, 1] and grown.invocation_count == 41


def test_a_running_run_is_analysed_afresh_and_not_stored(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    rid = make_run(db, trace(8))
    with Archive.open(db, clock=lambda: WHEN) as a:
        running = replace(a.get_run(rid), status="running")
        assert load_analysis(a, running).invocation_count == 8
        assert a.conn.execute("SELECT count(*) FROM analyses").fetchone()[0] == 0


def test_archives_before_0006_are_analysed_in_memory_read_only_and_migrated_writable(
        tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    rid = make_run(db, trace(12))
    downgrade_to_0005(db)
    before = db.read_bytes()
    with Archive.open(db, readonly=True) as a:
        assert load_analysis(a, a.get_run(rid)).invocation_count == 12
    assert db.read_bytes() == before
    # The CLI opens the archive writable: it is migrated and the analysis stored.
    result = CliRunner().invoke(report_main, ["diagnose", "latest", "--archive", str(db),
                                              "--offline"])
    assert result.exit_code == 0, result.output
    assert "f()" in result.output or "f.c" in result.output
    assert "verdict: f.c:3" in result.output and "over 12 invocation(s)" in result.output
    with Archive.open(db, readonly=True) as a:
        assert a.conn.execute("SELECT invocations FROM analyses").fetchone()[0] == 12


def test_an_analysis_stored_by_0006_is_computed_again_into_call_blocks(tmp_path: Path) -> None:
    """An archive whose analysis was stored with 0006's invocation rows: 0007 drops them
    and the next report analyses the run again (the version changed) into call_blocks."""
    db = tmp_path / "a.db"
    rid = make_run(db, trace(12))
    with Archive.open(db, clock=lambda: WHEN) as a:
        load_analysis(a, a.get_run(rid))
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE call_blocks")
        conn.execute("CREATE TABLE invocations (run_id INTEGER, ordinal INTEGER, path INTEGER,"
                     " tid INTEGER, execname TEXT, return_text TEXT, errno TEXT,"
                     " stdout_offset INTEGER, stdout_end INTEGER, stdout_line INTEGER)")
        conn.execute("INSERT INTO invocations VALUES (?, 0, 0, 100, 'cat', '-22', 'EINVAL',"
                     " 0, 10, 2)", [rid])
        conn.execute("UPDATE analyses SET version = 1")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0007_call_blocks'")
    result = CliRunner().invoke(report_main, ["diagnose", "latest", "--archive", str(db),
                                              "--offline"])
    assert result.exit_code == 0, result.output
    with Archive.open(db, readonly=True) as a:
        tables = {r[0] for r in a.conn.execute("SELECT name FROM sqlite_master")}
        assert "invocations" not in tables and "call_blocks" in tables
        assert tuple(a.conn.execute("SELECT version, invocations FROM analyses").fetchone()) \
            == (store.ANALYSIS_VERSION, 12)
        assert a.conn.execute("SELECT sum(calls) FROM call_blocks").fetchone()[0] == 12


def test_diagnose_from_the_stored_analysis_is_the_same_and_the_views_answer(
        tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    make_run(db, trace(60))
    args = ["diagnose", "latest", "--json", "--archive", str(db), "--offline"]
    first = CliRunner().invoke(report_main, args)
    second = CliRunner().invoke(report_main, args)
    assert first.exit_code == 0 and first.output == second.output
    top = json.loads(first.output)["paths"][0]["candidates"][0]
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute("SELECT * FROM run_verdicts").fetchone()
        assert (row["function"], row["errno"], row["culprit_file"], row["culprit_line"],
                row["invocations"]) == ("f", "EINVAL", top["file"], top["line"], 60)
        text = "".join(r["text"] for r in conn.execute(
            "SELECT text FROM output_text WHERE stream = 'stdout' ORDER BY seq"))
    assert text == trace(60).decode()


def test_long_work_shows_progress_on_a_terminal_only(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing, diagnosing and rendering each draw a bar on a terminal (here with no
    delay, as if each took long); in a pipe nothing is drawn."""
    import reporter.progress as progress

    db = tmp_path / "a.db"
    make_run(db, trace(40))
    args = ["--archive", str(db), "--offline"]
    piped = CliRunner().invoke(report_main, ["markdown", "latest", *args])
    assert piped.exit_code == 0 and piped.stderr == ""
    monkeypatch.setattr(progress, "DELAY_SECONDS", 0)
    monkeypatch.setattr(progress, "wanted", lambda: True)  # CliRunner's stderr is no tty
    db = tmp_path / "b.db"  # analysed afresh: the first archive's analysis is stored
    make_run(db, trace(40))
    args = ["--archive", str(db), "--offline"]
    for command, drawn in [(["diagnose", "latest", "--json"], ("parse", "diagnose")),
                           (["html", "latest", "-o", str(tmp_path / "r.html")],
                            ("diagnose", "render"))]:
        result = CliRunner().invoke(report_main, command + args)
        assert result.exit_code == 0, result.output
        assert all(f"{what}:" in result.stderr for what in drawn), (command, result.stderr)


def test_version_says_how_traces_are_read() -> None:
    """``--version`` names the reader: C when built, Python with ERRTRAIL_NO_C=1 (and
    why), so that a slow first report can be explained."""
    require_c()
    exe = Path(sys.executable).with_name("errtrail-report")
    built = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    assert "(traces read in C)" in built.stdout
    forced = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True,
                            env={**os.environ, "ERRTRAIL_NO_C": "1"})
    assert "traces read in Python: ERRTRAIL_NO_C is set" in forced.stdout


def test_returns_past_the_interned_ones_are_read_by_python_alike(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Returns that differ from call to call stop the C scanner once it interned
    RETURNS_INTERNED of them: Python reads the rest, and the analysis is the same."""
    require_c()
    monkeypatch.setattr(scan, "RETURNS_INTERNED", 2)
    data = b"".join(call(k, [2, 3], 3 + k % 5) for k in range(60))
    parser = StdoutParser(light=True)
    out = parser.finish_light(data)
    in_c = sum(r.calls for r in out if isinstance(r, scan.CallBatch))
    assert 0 < in_c < 60 and len(parser._scanner.ret_list) == 2  # type: ignore[union-attr]
    assert shape(analysed(data, "c", monkeypatch)) == shape(analysed(data, "python", monkeypatch))
