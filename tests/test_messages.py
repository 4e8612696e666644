"""collector.messages against real stap stderr and the line-kind specification."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collector.archive import Archive, RunMeta
from collector.messages import (
    CATEGORIES,
    CATEGORY_OF,
    KINDS,
    classify_line,
    classify_stderr,
    parse_probe_point,
    program_shares_stderr,
    split_run_stderr,
    strip_ansi,
)
from collector.runmeta import meta_for_import
from tests.conftest import REFERENCE, SAMPLE_TRACES, skip_or_fail

OPENRESTY = REFERENCE / "real-samples" / "stap-stderr-openresty-issue46.txt"
WARN = "\x1b[01;35m\x1b[KWARNING:\x1b[m\x1b[K"
ERR = "\x1b[01;31m\x1b[KERROR:\x1b[m\x1b[K"

# One realistic line per kind (plus variants), as stap 4.x and staprun print them.
LINES: list[tuple[str, str]] = [
    ("kprobe_reg", 'WARNING: probe kernel.statement("perf_copy_attr@kernel/events/core.c:12057")'
                   " (address 0xffffffff8121a6c0) registration error [man warning::pass5]"
                   " (rc -84)"),
    ("kprobe_reg", 'WARNING: probe kernel.function("do_sys_open@fs/open.c:1005").return'
                   " (do_sys_open+0) registration error [man warning::pass5] (rc -2)"),
    ("uprobe_reg", 'WARNING: probe process("/usr/bin/x").statement("main@/src/x.c:9") at'
                   " inode-offset 1835231:0x1139 registration error [man warning::pass5] (rc -22)"),
    ("generic_reg", 'ERROR: probe kernel.function("vfs_read").return registration error'
                    " [man warning::pass5] (rc -12)"),
    ("hwbkpt_reg", 'ERROR: Hwbkpt probe kernel.data("pid_max").write: registration error'
                   " [man warning::pass5] -16, addr 0xffffffff82a4c110, name pid_max"),
    ("err_summary", "WARNING: Number of errors: 3, skipped probes: 101"),
    ("skip_detail", "WARNING: Skipped due to reentrancy: 12"),
    ("skip_detail", "WARNING: Skipped due to global '__global_paths' lock timeout: 7"),
    ("skipped_too_many", "ERROR: Skipped too many probes, check MAXSKIPPED or try again with"
                         " stap -t for more details."),
    ("pending", "WARNING: too many pending (warning) messages"),
    ("pending", "ERROR: too many pending (error) messages"),
    ("dedup_full", "WARNING deduplication table full"),
    ("unwind", "WARNING: Missing unwind data for a module, rerun with 'stap -d kernel'"),
    ("transport", "WARNING: There were 12 transport failures. Try stap -s to increase the"
                  " buffer size from 16."),
    ("lost", "WARNING: There were 7 lost messages, 3456 lost bytes, and 0 unexpected sequences."),
    ("child_exit", "WARNING: Child process exited with signal 11 (Segmentation fault)"),
    ("child_exit", "WARNING: Child process exited with status 1"),
    ("helper_exit", "WARNING: /usr/bin/staprun exited with status: 1"),
    ("helper_exit", "WARNING: /usr/bin/staprun exited with signal: 9 (Killed)"),
    ("overload", "ERROR: probe overhead (3141592 cycles) exceeded threshold (500000000 cycles)"
                 " in last 1000000000 cycles"),
    ("array_overflow", "ERROR: Array overflow, check MAXMAPENTRIES near identifier 'paths' at"
                       " /usr/share/systemtap/examples/general/whythefail.stp:47:5"),
    ("array_overflow", "ERROR: Array overflow, check size limit (1000) near identifier 'a'"
                       " at /tmp/t.stp:2:3"),
    ("maxaction", "ERROR: MAXACTION exceeded near operator '{' at whythefail.stp:31:3"),
    ("fault", "ERROR: read fault [man error::fault] at 0x0000000000000008 near identifier"
              " '$file' at whythefail.stp:36:22"),
    ("fault", "ERROR: user string copy fault -14 at 00007ffd0b3c1000 [man error::fault]"
              " near identifier 'user_string_n' at /usr/share/systemtap/tapset/uconversions.stp"
              ":120:10"),
    ("runtime_err", "ERROR: division by 0 near operator '/' at /tmp/t.stp:1:24"),
    ("runtime_err", "ERROR: division by 0 near operator '/' at /tmp/t.stp:1:24"
                    ' in probe kernel.function("vfs_read")'),
    ("semantic", "semantic error: while resolving probe point: identifier 'kernel' at"
                 " /usr/share/systemtap/examples/general/whythefail.stp:19:7"),
    ("semantic", "semantic error: no match (similar functions: do_sys_openat2, do_sys_open)"),
    ("parse", "parse error: expected literal string or number"),
    ("source_ctx", '        source: probe $1.statement(@2 "@*:*") {'),
    ("source_ctx", "                              ^"),
    ("source_ctx", "        in expansion of macro: operator '@define' at /x.stp:1:1"),
    ("source_ctx", "        thrown from: elaborate.cxx:1433"),
    ("pass_failed", "Pass 5: run failed.  [man error::pass5]"),
    ("pass_failed", "Pass 2: analysis failed.  [man error::pass2]"),
    ("pass1", "Pass 1: parsed user script and 476 library scripts using"
              " 129396virt/95756res/6224shr/89548data kb, in 170usr/40sys/212real ms."),
    ("pass2", "Pass 2: analyzed script: 5 probes, 4 functions, 1 embed, 3 globals using"
              " 368296virt/187212res/7540shr/180084data kb, in 1630usr/170sys/1800real ms."),
    ("pass3", 'Pass 3: translated to C into "/tmp/stapXoRj4d/stap_6f0c_src.c" using'
              " 368296virt/187340res/7668shr/180084data kb, in 80usr/120sys/200real ms."),
    ("pass_cached", "Pass 3: using cached /root/.systemtap/cache/6f/stap_6f0c_1412.c"),
    ("pass4", 'Pass 4: compiled C into "stap_6f0c_1412.ko" in 5230usr/1170sys/6781real ms.'),
    ("pass5_start", "Pass 5: starting run."),
    ("pass5_done", "Pass 5: run completed in 20usr/60sys/9521real ms."),
    ("suppressed", "Number of similar error messages suppressed: 3."),
    ("too_many_int", "Too many interrupts received, exiting."),
    ("gdb_notice", "Program stopped."),
    ("gdb_notice", "[Inferior 1 (process 31005) exited with code 01]"),
    ("gdb_notice", "errtrail-gdb: [Thread debugging using libthread_db enabled]"),
    ("gdb_notice", 'errtrail-gdb: Using host libthread_db library "/lib/x86_64-linux-gnu/libthread_db.so.1".'),
    ("tracer", "errtrail-gdb: tracing load_config (/src/cfgload.c:33): 16 statement addresses, 16 statement lines"),
    ("warning", "WARNING: Kernel function symbol table missing [man warning::symbols]"),
    ("warning", "WARNING: Tracing 33201 (/home/fee/dm0/gas-issue#26552-v3.10.2.6177-nolog)..."),
    ("error", "ERROR: Couldn't insert module '/tmp/stapX/stap_1.ko': Operation not permitted"),
    ("other", "cat: /root/no-such-file: No such file or directory"),
    ("stap_notice", "Missing separate debuginfos, use: debuginfo-install kernel-6.8.5-301.fc40"),
    ("stap_notice", "Incorrect version or missing kernel-devel package, use: dnf install"
                    " kernel-devel-6.8.5-301.fc40.x86_64"),
    ("stap_notice", 'Checking "/lib/modules/3.10.0-1160.el7.x86_64/build/.config" failed with'
                    " error: No such file or directory"),
    ("stap_notice", "Tip: /usr/share/doc/systemtap/README.Debian should help you get started."),
    ("stap_notice", "staprun:insert_module:183: ERROR: Error inserting module: Operation not permitted"),
    ("stap_notice", 'Keeping temporary directory "/tmp/stapXoRj4d"'),
    ("stap_notice", "make[1]: *** [Makefile:1944: /tmp/stapXoRj4d] Error 2"),
    ("stap_notice", "/tmp/stapXoRj4d/stap_6f0c_src.c:123:5: error: implicit declaration"),
    ("stap_notice", "Pass 2: analyzed script: 5 probes, 4 functions (no memory figures)"),
    ("blank", ""),
    ("blank", "   "),
]

# Where this classifier deliberately differs from the specification's regexes:
# an "ERROR:" line with neither a statement ("near ...") nor a probe is staprun's
# own error, not a probe handler's runtime error.
# A blank line separates stap's messages (and precedes gdb's "Program stopped."): it
# is progress, not an "other" line a report would list as a warning.
# stap's notices without a WARNING: prefix ("Missing separate debuginfos, use: ...")
# are stap's: not "other", which is the traced program's under stap -c.
DELIBERATE = {
    ("error", "runtime_err"), ("gdb_notice", "other"), ("tracer", "other"), ("blank", "other"),
    ("stap_notice", "other"),
}


def load_specification() -> ModuleType:
    path = REFERENCE / "stap_output_regexes.py"
    if not path.exists():
        skip_or_fail(f"the line-kind specification {path} is not present")
    spec = importlib.util.spec_from_file_location("stap_output_regexes", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_kind_has_a_line() -> None:
    assert {kind.name for kind in KINDS} | {"other"} == {kind for kind, _ in LINES}


@pytest.mark.parametrize(("kind", "line"), LINES)
def test_kind(kind: str, line: str) -> None:
    m = classify_line(line.encode(), 1)
    assert m.kind == kind
    assert m.category in CATEGORIES
    assert m.raw == line.encode()


@pytest.mark.parametrize(("kind", "line"), LINES)
def test_kind_coloured_and_crlf(kind: str, line: str) -> None:
    coloured = line.replace("WARNING:", WARN, 1).replace("ERROR:", ERR, 1)
    coloured = coloured.replace("semantic error:", "\x1b[01;31m\x1b[Ksemantic error:\x1b[m\x1b[K")
    raw = coloured.encode() + b"\r"
    m = classify_line(raw, 7)
    assert (m.kind, m.line_no, m.raw) == (kind, 7, raw)
    assert m == classify_line(raw, 7)
    assert m.fields == classify_line(line.encode(), 7).fields


@pytest.mark.parametrize(("kind", "line"), LINES)
def test_agrees_with_specification(kind: str, line: str) -> None:
    spec_kind, spec_fields = load_specification().classify(line)
    if (kind, spec_kind) in DELIBERATE:
        return
    assert kind == spec_kind
    # Every value the specification extracts is extracted here too (field names are
    # this module's own; it also takes apart "near ..." and "in probe ...").
    ours = classify_line(line.encode(), 1).fields
    if kind != "other":
        missing = Counter(spec_fields.values()) - Counter(ours.values())
        assert not missing, (spec_fields, ours)


def test_specification_kinds_all_known() -> None:
    spec = load_specification()
    names = {name for name, _ in spec.STDERR} | {"other"}
    # The gdb backend's own kinds, blank lines and stap's notices without a WARNING:
    # prefix are errtrail's, not the specification's.
    assert names == set(CATEGORY_OF) - {"gdb_notice", "tracer", "blank", "stap_notice"}


def test_categories() -> None:
    expected = {
        "unprobed": {"kprobe_reg", "uprobe_reg", "generic_reg", "hwbkpt_reg"},
        "summary": {"err_summary", "skip_detail", "suppressed"},
        "fatal": {"semantic", "parse", "pass_failed"},
        "progress": {"source_ctx", "pass1", "pass2", "pass3", "pass4", "pass_cached",
                     "pass5_start", "pass5_done", "gdb_notice", "tracer", "blank"},
    }
    for category, kinds in expected.items():
        assert {k for k, c in CATEGORY_OF.items() if c == category} == kinds
    for kind in ("lost", "transport", "pending", "dedup_full", "overload", "maxaction",
                 "array_overflow", "skipped_too_many", "too_many_int"):
        assert CATEGORY_OF[kind] == "incomplete"
    signal = classify_line(b"WARNING: Child process exited with signal 9 (Killed)", 1)
    status = classify_line(b"WARNING: Child process exited with status 0", 1)
    assert (signal.category, status.category) == ("incomplete", "other")


def test_openresty_sample() -> None:
    if not OPENRESTY.exists():
        skip_or_fail(f"reference sample {OPENRESTY} is not present")
    data = OPENRESTY.read_bytes()
    messages = classify_stderr(data)
    assert [m.raw for m in messages] == data.split(b"\n")[: len(messages)]
    assert b"\n".join(m.raw for m in messages) + b"\n" == data
    assert [(m.line_no, m.kind, m.category) for m in messages] == [
        (1, "other", "other"),  # the shell command the reporter pasted
        (2, "warning", "other"),  # printed by the openresty wrapper, not stap
        (3, "unwind", "other"),
        (4, "pending", "incomplete"),
        (5, "unwind", "other"),
        (6, "pending", "incomplete"),
        (7, "err_summary", "summary"),
        (8, "helper_exit", "other"),
        # stap ran (101 probes were skipped) before staprun failed: not "nothing ran".
        (9, "pass_failed", "incomplete"),
    ]
    assert messages[2].fields == {"module": "(unknown; retry with -DDEBUG_UNWIND)"}
    assert messages[6].fields == {"errors": "0", "skipped": "101"}
    assert messages[7].fields == {"program": "/usr/local/bin/staprun", "status": "1"}


@pytest.mark.parametrize(
    ("pp", "target", "function", "file", "line"),
    [
        ('kernel.statement("perf_copy_attr@kernel/events/core.c:12057")',
         "kernel", "perf_copy_attr", "kernel/events/core.c", 12057),
        ('kernel.statement("f@kernel/x.c:12")', "kernel", "f", "kernel/x.c", 12),
        ('module("ext4").statement("f@fs/ext4/x.c:3")', 'module("ext4")', "f", "fs/ext4/x.c", 3),
        ('process("/usr/bin/x").statement("f@/src/x.c:9")',
         'process("/usr/bin/x")', "f", "/src/x.c", 9),
        ('kernel.function("f@kernel/x.c:12").return', "kernel", "f", "kernel/x.c", 12),
        ('module("nf_conntrack").function("nf_ct_get@net/x.c:40")',
         'module("nf_conntrack")', "nf_ct_get", "net/x.c", 40),
        ('kernel.statement("f at kernel/x.c:12")', "kernel", "f", "kernel/x.c", 12),
        ('process("/lib/libc.so.6").statement("__libc_open64@../sysdeps/unix/open64.c:41")',
         'process("/lib/libc.so.6")', "__libc_open64", "../sysdeps/unix/open64.c", 41),
        ('kernel.statement("f@kernel/x.c:*")', "kernel", "f", "kernel/x.c", None),
        ('kernel.function("f")', "kernel", "f", None, None),
    ],
)
def test_registration_probe_points(
    pp: str, target: str, function: str, file: str | None, line: int | None
) -> None:
    parsed = parse_probe_point(pp)
    assert parsed is not None
    assert (parsed.target, parsed.function, parsed.file, parsed.line) == (
        target, function, file, line,
    )
    assert parsed.is_return == pp.endswith(".return")
    for raw in (
        f"WARNING: probe {pp} (address 0xffffffffc0a1b2c3) registration error"
        " [man warning::pass5] (rc -84)",
        f"{WARN} probe {pp} (address 0xffffffffc0a1b2c3) registration error (rc -84)",
    ):
        m = classify_line(raw.encode(), 4)
        assert (m.kind, m.category, m.probe_point) == ("kprobe_reg", "unprobed", pp)
        assert (m.function, m.file, m.line) == (function, file, line)
        assert (m.address, m.rc) == ("0xffffffffc0a1b2c3", -84)
        assert m.fields["pp"] == pp


def test_registration_other_forms() -> None:
    m = classify_line(
        b'WARNING: probe process("/usr/bin/x").statement("main@/src/x.c:9") at inode-offset'
        b" 1835231:0x1139 registration error [man warning::pass5] (rc -22)",
        1,
    )
    assert (m.function, m.file, m.line, m.address, m.rc) == ("main", "/src/x.c", 9, None, -22)
    assert m.fields["inode"] == "1835231" and m.fields["offset"] == "0x1139"
    m = classify_line(
        b'ERROR: probe kernel.function("vfs_read@fs/read_write.c:450").return registration'
        b" error [man warning::pass5] (rc -12)",
        1,
    )
    assert (m.kind, m.function, m.line, m.rc) == ("generic_reg", "vfs_read", 450, -12)
    m = classify_line(
        b"WARNING: probe kernel.statement(0xffffffff8121a6c0).absolute (address"
        b" 0xffffffff8121a6c0) registration error [man warning::pass5] (rc -22)",
        1,
    )
    assert (m.kind, m.function, m.address) == ("kprobe_reg", None, "0xffffffff8121a6c0")
    # A probe point this module cannot take apart still names the probe.
    m = classify_line(
        b"WARNING: probe timer.profile (address 0x0) registration error (rc -16)", 1
    )
    assert (m.probe_point, m.function, m.rc) == ("timer.profile", None, -16)


def test_non_utf8_and_raw_bytes_kept() -> None:
    raw = (
        b'WARNING: probe kernel.statement("f@k/\xff.c:3") (address 0x1) registration error'
        b" (rc -5)"
    )
    m = classify_line(raw, 1)
    assert m.kind == "kprobe_reg" and m.raw == raw
    assert m.file == "k/\ufffd.c"


def test_classify_stderr_splitting() -> None:
    assert classify_stderr(b"") == []
    assert [m.raw for m in classify_stderr(b"\n")] == [b""]
    assert [m.raw for m in classify_stderr(b"a\r\nb")] == [b"a\r", b"b"]
    assert [m.line_no for m in classify_stderr(b"x\ny\nz\n")] == [1, 2, 3]


def test_strip_ansi() -> None:
    assert strip_ansi(f"{WARN} x") == "WARNING: x"
    assert strip_ansi("\x1b[1m\x1b[38;5;208msemantic error:\x1b[0m") == "semantic error:"
    assert strip_ansi("no escapes [man error::pass5]") == "no escapes [man error::pass5]"


@given(st.binary(max_size=300))
def test_any_bytes(data: bytes) -> None:
    messages = classify_stderr(data)
    joined = b"\n".join(m.raw for m in messages)
    assert joined in (data, data[:-1])
    for m in messages:
        assert m.kind in CATEGORY_OF and m.category in CATEGORIES


def test_messages_round_trip_through_archive(tmp_path: Path) -> None:
    stderr = "\n".join(line for _, line in LINES).encode() + b"\n\xff\xfe\n"
    messages = classify_stderr(stderr)
    with Archive.open(tmp_path / "a.db") as archive:
        run_id = archive.create_run(RunMeta(command=("stap", "x.stp")))
        archive.store_messages(run_id, messages)
        assert archive.messages(run_id) == messages


# -- stap's own lines and the traced program's (stap -c / -x) ------------------------------


def _sample_meta(sample: str):  # type: ignore[no-untyped-def]
    return meta_for_import((SAMPLE_TRACES / f"{sample}.command").read_text().strip())


def test_the_c_programs_stderr_is_not_a_stap_warning() -> None:
    """kernel-open-enoent ran `stap ... -c 'cat /etc/hostname /nonexistent'`: cat's
    complaint is cat's, not stap's."""
    meta = _sample_meta("kernel-open-enoent")
    assert meta.uses_c and program_shares_stderr(meta)
    split = split_run_stderr(meta, classify_stderr(
        (SAMPLE_TRACES / "kernel-open-enoent.stderr").read_bytes()))
    assert split.tracer == ()
    assert [m.raw for m in split.program] == [b"cat: /nonexistent: No such file or directory"]


def test_stap_s_own_lines_stay_stap_s_beside_the_programs() -> None:
    stderr = b"\n".join(line.encode() for _, line in LINES) + b"\nmyprog: bad config\n"
    messages = classify_stderr(stderr)
    split = split_run_stderr(_sample_meta("process-cfgload"), messages)
    program = [(m.raw, m.line_no) for m in split.program]
    assert program == [(line.encode(), n) for n, (kind, line) in enumerate(LINES, 1)
                       if kind == "other"] + [(b"myprog: bad config", len(LINES) + 1)]
    assert len(split.tracer) + len(split.program) == len(messages)
    # Order is kept within each: stderr order.
    assert [m.line_no for m in split.tracer] == sorted(m.line_no for m in split.tracer)


@pytest.mark.parametrize("sample", sorted(p.stem for p in SAMPLE_TRACES.glob("*.stderr")))
def test_every_sample_stderr_line_of_stap_is_stap_s(sample: str) -> None:
    """In every sample, the only lines taken for the program's are the -c program's."""
    meta = _sample_meta(sample)
    split = split_run_stderr(meta, classify_stderr(
        (SAMPLE_TRACES / f"{sample}.stderr").read_bytes()))
    expected = {"kernel-open-enoent": [b"cat: /nonexistent: No such file or directory"],
                "process-cfgload": [b"cfgload: No such file or directory"]}.get(sample, [])
    assert [m.raw for m in split.program] == expected


def test_without_a_c_program_on_stap_s_stderr_every_line_is_the_tracer_s() -> None:
    messages = classify_stderr(b"cat: x: No such file or directory\nWARNING: y\n")
    plain = _sample_meta("empty")  # no -c, no -x
    pid = _sample_meta("multithread-interleaved")  # -x 7000
    gdb = RunMeta(command=("errtrail-collect", "gdb"), tool="gdb", uses_c=True)
    assert split_run_stderr(plain, messages).program == ()
    assert split_run_stderr(gdb, messages).program == ()  # its program has streams of its own
    # -x PID: the process has stdio of its own; what no pattern knows stays stap's.
    assert pid.uses_x and split_run_stderr(pid, messages).program == ()
    assert split_run_stderr(plain, messages).tracer == tuple(messages)
