"""The sample corpus: each ``sample_traces/X.stdout`` (+ ``X.stderr``) parses to its
gold ``X.parse.json``; the traces agree with the C sources they were written for; the
real published outputs under the shared reference parse as they should.

Rewrite the gold files deliberately with ``ERRTRAIL_UPDATE_GOLD=1``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from collector.messages import classify_stderr
from reporter.parse import ParsedRun, iter_records, mark_partial, parse_bytes
from reporter.records import (
    Invocation,
    OrphanStatements,
    OtherLine,
    Statistics,
    Unparsed,
    leaf_spans,
)
from reporter.show import dumps, iter_json, to_json
from tests.conftest import REFERENCE, SAMPLE_TRACES, require_tool, skip_or_fail

SAMPLES = sorted(p.name.removesuffix(".stdout") for p in SAMPLE_TRACES.glob("*.stdout"))
# Absolute source paths in the process samples, as DWARF would give them.
SOURCE_ROOTS = {"/usr/src/errtrail-samples/": SAMPLE_TRACES / "src"}


def parsed_sample(name: str) -> ParsedRun:
    stdout = (SAMPLE_TRACES / f"{name}.stdout").read_bytes()
    stderr_path = SAMPLE_TRACES / f"{name}.stderr"
    messages = classify_stderr(stderr_path.read_bytes()) if stderr_path.exists() else []
    records = parse_bytes(stdout)
    return ParsedRun(0, tuple(records), tuple(messages), len(stdout))


def test_corpus_is_complete() -> None:
    assert len(SAMPLES) >= 10
    readme = (SAMPLE_TRACES / "README.md").read_text()
    for name in SAMPLES:
        assert f"`{name}`" in readme, f"sample_traces/README.md does not describe {name}"
        assert (SAMPLE_TRACES / f"{name}.command").exists()


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_matches_gold(name: str) -> None:
    got = json.dumps(to_json(parsed_sample(name)), sort_keys=True, indent=2) + "\n"
    gold = SAMPLE_TRACES / f"{name}.parse.json"
    if os.environ.get("ERRTRAIL_UPDATE_GOLD") == "1":
        gold.write_text(got)
    assert gold.exists(), f"no gold file {gold.name}: run with ERRTRAIL_UPDATE_GOLD=1"
    assert got == gold.read_text(), f"{name} parses differently from {gold.name}"


@pytest.mark.parametrize("name", SAMPLES)
def test_streamed_json_is_the_same_model(name: str) -> None:
    parsed = parsed_sample(name)
    streamed = "".join(
        iter_json(
            iter(parsed.records),
            run_id=parsed.run_id,
            stdout_bytes=parsed.stdout_bytes,
            messages=parsed.messages,
        )
    )
    gold = (SAMPLE_TRACES / f"{name}.parse.json").read_text()
    assert json.loads(streamed) == json.loads(gold)
    assert streamed == dumps(parsed)


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_bytes_accounted_and_chunking_independent(name: str) -> None:
    data = (SAMPLE_TRACES / f"{name}.stdout").read_bytes()
    records = parse_bytes(data)
    spans = sorted(s for r in records for s in leaf_spans(r))
    ends = [0] + [b for _, b in spans]
    assert [a for a, _ in spans] == ends[:-1], "gap or overlap"
    assert ends[-1] == len(data)
    whole = to_json(ParsedRun(0, tuple(records), (), len(data)))
    for size in (1, 17, 512):
        pieces = [data[i : i + size] for i in range(0, len(data), size)]
        chunked = mark_partial(list(iter_records(pieces)))
        assert to_json(ParsedRun(0, tuple(chunked), (), len(data))) == whole


def _source_lines(file: str) -> list[str] | None:
    for prefix, root in SOURCE_ROOTS.items():
        if file.startswith(prefix):
            path = root / file.removeprefix(prefix)
            break
    else:
        path = SAMPLE_TRACES / "src" / file
    return path.read_text().split("\n") if path.is_file() else None


@pytest.mark.parametrize("name", SAMPLES)
def test_traces_agree_with_their_c_sources(name: str) -> None:
    """Every traced line is code in the sample's C source, and every complete path
    starts at its function's opening line and, when the run ended normally (it has
    statistics), ends at its closing brace."""
    parsed = parsed_sample(name)
    for r in parsed.records:
        if not isinstance(r, (Invocation, OrphanStatements)):
            continue
        for st in r.statements:
            src = _source_lines(st.file)
            if src is None:
                continue  # e.g. the CRLF sample's bytes-only execname case uses no source
            assert 1 <= st.line <= len(src), f"{name}: {st.file}:{st.line} is past the end"
            code = src[st.line - 1].strip()
            assert code and not code.startswith(("/*", "*", "//")), (
                f"{name}: {st.file}:{st.line} is not a statement: {code!r}"
            )
        if isinstance(r, Invocation) and r.statements and not (r.partial or r.foreign):
            src = _source_lines(r.statements[0].file)
            if src is None or (r.truncated and r.statements[-1].truncated):
                continue
            assert re.search(rf"\b{re.escape(r.function)}\(", src[r.statements[0].line - 1])
            if parsed.statistics is not None and not any(s.truncated for s in r.statements):
                assert src[r.statements[-1].line - 1] == "}", f"{name}: path does not end at }}"


def test_user_space_sample_compiles(tmp_path: Path) -> None:
    import subprocess

    gcc = require_tool("gcc", "gcc")
    out = tmp_path / "cfgload"
    subprocess.run(
        [
            gcc,
            "-g",
            "-O0",
            "-Wall",
            "-Werror",
            "-o",
            str(out),
            str(SAMPLE_TRACES / "src/user/cfgload.c"),
        ],
        check=True,
    )
    bad = tmp_path / "bad.conf"
    bad.write_text("port=8080\ncolour=3\n")
    res = subprocess.run([str(out), str(bad)], capture_output=True, text=True)
    # The sample trace shows parse_line returning -ENOENT for "colour=3".
    assert res.returncode == 1 and "No such file or directory" in res.stderr


# -- specific facts the gold files must keep showing -----------------------------------


def test_sample_facts() -> None:
    sched = parsed_sample("sched-pretty-truncated")
    first = sched.invocations[0]
    cut = [s for s in first.statements if s.truncated]
    assert len(cut) == 3 and all(s.length == 511 for s in cut)
    assert first.truncated and not sched.invocations[1].truncated
    attr = first.statements[3].get("attr")
    assert attr is not None and attr.kind == "struct" and '\\"audio\\"' in attr.raw
    assert first.statements[6].get("mode") is not None
    assert first.statements[6].get("mode").as_int() == ord("d")  # type: ignore[union-attr]
    assert sched.invocations[1].statements[3].get("attr").kind == "error"  # type: ignore[union-attr]

    multi = parsed_sample("multithread-interleaved")
    assert [i.foreign for i in multi.invocations] == [False, True, False]
    assert [i.partial for i in multi.invocations] == [False, False, True]
    assert multi.invocations[1].execname == "nginx: worker"

    orphans = parsed_sample("interrupted-orphans")
    assert orphans.invocations[0].statement_count == 0
    groups = [r for r in orphans.records if isinstance(r, OrphanStatements)]
    assert len(groups) == 1 and groups[0].truncated and groups[0].statement_count == 3
    assert orphans.statistics is None and orphans.incomplete

    empty = parsed_sample("empty")
    assert empty.records == () and empty.nothing_ran

    crlf = parsed_sample("crlf-ansi-nonutf8")
    inv = crlf.invocations[0]
    assert inv.raw.startswith(b"w\xe9b\xff[88]") and inv.execname == "w\ufffdb\ufffd"
    assert inv.statement_count == 15 and not inv.foreign
    assert crlf.statistics is not None and crlf.statistics.statement == 15
    assert [r.text for r in crlf.records if isinstance(r, OtherLine) and r.kind == "output"] == [
        "starting",
        "caf\ufffd done",
    ]

    stats = parsed_sample("stats-only")
    assert stats.invocations == [] and stats.statistics == Statistics(57, 0, 57, 912, 1, 87, 2)
    assert [m.category for m in stats.messages] == ["unprobed", "summary"]


# -- real published outputs (systemtap's whythefail example) ---------------------------

REAL = REFERENCE / "real-samples"


@pytest.fixture
def real_samples() -> None:
    if not REAL.is_dir():
        skip_or_fail(f"shared reference samples not present at {REAL}")


@pytest.mark.usefixtures("real_samples")
def test_real_do_sys_open_sample() -> None:
    data = (REAL / "systemtap-example-do_sys_open.stdout").read_bytes()
    records = parse_bytes(data)
    invs = [r for r in records if isinstance(r, Invocation)]
    assert len(invs) == 1
    inv = invs[0]
    assert (inv.execname, inv.tid, inv.target, inv.function) == (
        "cat",
        23342,
        "kernel",
        "do_sys_open",
    )
    assert inv.return_value == -2 and inv.statement_count == 11
    assert [s.line for s in inv.statements] == [
        992,
        993,
        996,
        997,
        998,
        999,
        1000,
        1001,
        1007,
        1008,
        1009,
    ]
    f = inv.statements[6].get("f")
    assert f is not None and f.as_err_ptr() == -2
    assert inv.statements[0].get("dfd").as_s32() == -100  # type: ignore[union-attr]
    assert inv.statements[0].get("op").kind == "struct"  # type: ignore[union-attr]
    out = [r for r in records if isinstance(r, OtherLine) and r.kind == "output"]
    assert [r.text for r in out] == ["cat: /root/no-such-file: No such file or directory"]
    stats = [r for r in records if isinstance(r, Statistics)]
    assert [(s.entry, s.exit_hit, s.exit_miss, s.statement) for s in stats] == [(19, 7, 12, 216)]
    assert not any(isinstance(r, Unparsed) for r in records)


@pytest.mark.usefixtures("real_samples")
def test_real_fourth_argument_sample() -> None:
    data = (REAL / "systemtap-example-do_select-4th-arg.txt").read_bytes()
    records = parse_bytes(data)
    invs = [r for r in records if isinstance(r, Invocation)]
    assert len(invs) == 1 and invs[0].statement_count == 32 and invs[0].return_value == 1
    assert {s.label for s in invs[0].statements} == {"$foo"}
    assert invs[0].statements[0].variables[0][1].kind == "unavailable"
    kinds = [r.kind for r in records if isinstance(r, OtherLine)]
    # the "# stap ..." line and two editorial "[...]" elisions, the ^C echo, a blank
    assert kinds.count("output") == 3 and kinds.count("interrupt") == 1
    assert [r.statement for r in records if isinstance(r, Statistics)] == [3427078]
