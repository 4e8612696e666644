"""Classification of stap/staprun stderr lines into kinds and categories.

This module owns the meaning of stderr lines. It is used at capture time to fill the
archive's ``messages`` table and by the reporter's parser. Others call:

- ``classify_line(raw, line_no)``: one line (without its ``\\n``) to a ``Message``.
- ``classify_stderr(data)``: a whole stderr stream to a list of ``Message``.
- ``parse_probe_point(pp)``: the target, function, file and line a probe point names.
- ``CATEGORY_OF``: line kind -> category; ``KINDS``: the kinds, in matching order.
- ``strip_ansi(text)``: text without terminal colour escapes.
- ``split_run_stderr(run, messages)``: a run's stderr lines as the tracer's own and
  the traced program's (``StderrSplit``): stap ``-c CMD`` (and a program started
  beside ``-x PID``) writes to stap's stderr, and its lines are no stap warnings.

Categories: ``unprobed`` (a probe failed to register: its statement was never
traced), ``summary`` (error/skip counts and details), ``incomplete`` (the trace may
miss events), ``fatal`` (nothing ran), ``progress`` (``-v`` pass lines and the source
context under errors), ``other``. ``CATEGORY_OF`` maps each kind to its category;
``category_of(kind, fields)`` refines it for the two kinds whose meaning depends on
their fields (``child_exit`` by a signal, ``pass_failed`` in pass 5).

The formats come from SystemTap's translator and runtime (stap 4.x, checked against
master 2e5a1050): staprun prints the ``WARNING:``/``ERROR:`` lines (coloured when
stderr is a terminal, ``\\x1b[01;35m\\x1b[KWARNING:\\x1b[m\\x1b[K``), stap the
``semantic error:``/``parse error:`` and ``Pass N:`` lines. Each line kind below has
a realistic example (``_demo`` prints kind, category and fields):

Probe registration failures (``unprobed``):

>>> _demo('WARNING: probe kernel.statement("perf_copy_attr@kernel/events/core.c:12057")'
...       ' (address 0xffffffff8121a6c0) registration error [man warning::pass5] (rc -84)')
kprobe_reg unprobed
  addr=0xffffffff8121a6c0
  pp=kernel.statement("perf_copy_attr@kernel/events/core.c:12057")
  rc=-84
>>> _demo('WARNING: probe process("/usr/bin/x").statement("main@/src/x.c:9") at inode-offset'
...       ' 1835231:0x1139 registration error [man warning::pass5] (rc -22)')
uprobe_reg unprobed
  inode=1835231
  offset=0x1139
  pp=process("/usr/bin/x").statement("main@/src/x.c:9")
  rc=-22
>>> _demo('ERROR: probe kernel.function("vfs_read").return registration error'
...       ' [man warning::pass5] (rc -12)')
generic_reg unprobed
  pp=kernel.function("vfs_read").return
  rc=-12
>>> _demo('ERROR: Hwbkpt probe kernel.data("pid_max").write: registration error'
...       ' [man warning::pass5] -16, addr 0xffffffff82a4c110, name pid_max')
hwbkpt_reg unprobed
  addr=0xffffffff82a4c110
  name=pid_max
  pp=kernel.data("pid_max").write
  rc=-16

Summaries (``summary``):

>>> _demo('WARNING: Number of errors: 0, skipped probes: 101')
err_summary summary
  errors=0
  skipped=101
>>> _demo("WARNING: Skipped due to missed kretprobe/1 on 'do_sys_open': 2")
skip_detail summary
  count=2
  reason=missed kretprobe/1 on 'do_sys_open'
>>> _demo('Number of similar warning messages suppressed: 57.')
suppressed summary
  count=57
  severity=warning

The trace may be incomplete (``incomplete``):

>>> _demo('ERROR: Skipped too many probes, check MAXSKIPPED or try again with stap -t'
...       ' for more details.')
skipped_too_many incomplete
>>> _demo('ERROR: too many pending (error) messages')
pending incomplete
  queue=error
  severity=ERROR
>>> _demo('WARNING deduplication table full')
dedup_full incomplete
>>> _demo('WARNING: There were 12 transport failures. Try stap -s to increase the buffer'
...       ' size from 16.')
transport incomplete
  failures=12
  size=16
>>> _demo('WARNING: There were 7 lost messages, 3456 lost bytes, and 0 unexpected sequences.')
lost incomplete
  bytes=3456
  messages=7
  sequences=0
>>> _demo('WARNING: Child process exited with signal 11 (Segmentation fault)')
child_exit incomplete
  signal=11
  signame=Segmentation fault
>>> _demo('ERROR: probe overhead (3141592 cycles) exceeded threshold (500000000 cycles)'
...       ' in last 1000000000 cycles')
overload incomplete
  cycles=3141592
  interval=1000000000
  threshold=500000000
>>> _demo("ERROR: Array overflow, check MAXMAPENTRIES near identifier 'paths' at"
...       " /usr/share/systemtap/examples/general/whythefail.stp:47:5")
array_overflow incomplete
  near=identifier 'paths' at /usr/share/systemtap/examples/general/whythefail.stp:47:5
>>> _demo("ERROR: MAXACTION exceeded near operator '{' at whythefail.stp:31:3")
maxaction incomplete
  near=operator '{' at whythefail.stp:31:3
>>> _demo("ERROR: read fault [man error::fault] at 0x0000000000000008 near identifier"
...       " '$file' at whythefail.stp:36:22")
fault incomplete
  addr=0x0000000000000008
  fault=read fault
  near=identifier '$file' at whythefail.stp:36:22
>>> _demo("ERROR: division by 0 near operator '/' at /tmp/t.stp:1:24"
...       " in probe kernel.function(\\"vfs_read\\")")
runtime_err incomplete
  msg=division by 0
  near=operator '/' at /tmp/t.stp:1:24
  probe=kernel.function("vfs_read")
>>> _demo('Too many interrupts received, exiting.')
too_many_int incomplete

Nothing ran (``fatal``):

>>> _demo("semantic error: while resolving probe point: identifier 'kernel' at"
...       " whythefail.stp:19:7")
semantic fatal
  msg=while resolving probe point: identifier 'kernel' at whythefail.stp:19:7
>>> _demo("parse error: expected literal string or number")
parse fatal
  msg=expected literal string or number
>>> _demo('Pass 2: analysis failed.  [man error::pass2]')
pass_failed fatal
  pass=2
  stage=analysis
>>> _demo('Pass 5: run failed.  [man error::pass5]')  # staprun failed, maybe mid-run
pass_failed incomplete
  pass=5
  stage=run

Progress and context (``progress``):

>>> _demo('        source: probe $1.statement(@2 "@*:*") {')
source_ctx progress
  label=source
  text=probe $1.statement(@2 "@*:*") {
>>> _demo('                     ^')
source_ctx progress
>>> _demo('Pass 1: parsed user script and 476 library scripts using'
...       ' 129396virt/95756res/6224shr/89548data kb, in 170usr/40sys/212real ms.')
pass1 progress
  data=89548
  library_scripts=476
  real=212
  res=95756
  shr=6224
  sys=40
  usr=170
  virt=129396
>>> _demo('Pass 2: analyzed script: 5 probes, 4 functions, 1 embed, 3 globals using'
...       ' 368296virt/187212res/7540shr/180084data kb, in 1630usr/170sys/1800real ms.')
pass2 progress
  data=180084
  embeds=1
  functions=4
  globals=3
  probes=5
  real=1800
  res=187212
  shr=7540
  sys=170
  usr=1630
  virt=368296
>>> _demo('Pass 3: translated to C into "/tmp/stapXoRj4d/stap_6f0c_src.c" using'
...       ' 368296virt/187340res/7668shr/180084data kb, in 80usr/120sys/200real ms.')
pass3 progress
  data=180084
  path=/tmp/stapXoRj4d/stap_6f0c_src.c
  real=200
  res=187340
  shr=7668
  sys=120
  usr=80
  virt=368296
>>> _demo('Pass 4: compiled C into "stap_6f0c_1412.ko" in 5230usr/1170sys/6781real ms.')
pass4 progress
  module=stap_6f0c_1412.ko
  real=6781
  sys=1170
  usr=5230
>>> _demo('Pass 4: using cached /root/.systemtap/cache/6f/stap_6f0c_1412.ko')
pass_cached progress
  pass=4
  path=/root/.systemtap/cache/6f/stap_6f0c_1412.ko
>>> _demo('Pass 5: starting run.')
pass5_start progress
>>> _demo('Pass 5: run completed in 20usr/60sys/9521real ms.')
pass5_done progress
  real=9521
  sys=60
  usr=20

The gdb backend's stderr (``errtrail-collect gdb``): gdb's notices and the tracer's
own news:

>>> _demo('[Inferior 1 (process 31005) exited with code 01]')
gdb_notice progress
  notice=[Inferior 1 (process 31005) exited with code 01]
>>> _demo('errtrail-gdb: tracing load_config (/src/cfgload.c:33): 16 statement addresses')
tracer progress
  msg=tracing load_config (/src/cfgload.c:33): 16 statement addresses
>>> _demo('errtrail-uprobe: tracing load_config (/src/cfgload.c:33): 16 statement addresses')
tracer progress
  msg=tracing load_config (/src/cfgload.c:33): 16 statement addresses

Blank lines (stap prints one between semantic errors; gdb one before "Program
stopped.") separate other lines and say nothing:

>>> _demo('')
blank progress

stap's own notices, printed without a ``WARNING:`` (stap 4.x ``session.cxx``,
``rpm_finder.cxx``, ``buildrun.cxx``, Debian's packaging; ``-v`` chatter):

>>> _demo('Missing separate debuginfos, use: debuginfo-install kernel-debuginfo-6.8.5')
stap_notice other
  msg=Missing separate debuginfos, use: debuginfo-install kernel-debuginfo-6.8.5
>>> _demo('Checking "/lib/modules/6.1.0-9/build/.config" failed with error: No such file')
stap_notice other
  msg=Checking "/lib/modules/6.1.0-9/build/.config" failed with error: No such file
>>> _demo('staprun:insert_module:183: ERROR: Error inserting module: Operation not permitted')
stap_notice other
  msg=staprun:insert_module:183: ERROR: Error inserting module: Operation not permitted

Everything else (``other``): the traced program's own lines when stap runs one
(``cat:`` below, ``split_run_stderr``), else lines no kind above knows:

>>> _demo("WARNING: Missing unwind data for a module, rerun with 'stap -d kernel'")
unwind other
  module=kernel
>>> _demo('WARNING: /usr/local/bin/staprun exited with status: 1')
helper_exit other
  program=/usr/local/bin/staprun
  status=1
>>> _demo('WARNING: Child process exited with status 1')
child_exit other
  status=1
>>> _demo('WARNING: Kernel function symbol table missing [man warning::symbols]')
warning other
  msg=Kernel function symbol table missing [man warning::symbols]
>>> _demo("ERROR: Couldn't insert module '/tmp/stapX/stap_1.ko': Operation not permitted")
error other
  msg=Couldn't insert module '/tmp/stapX/stap_1.ko': Operation not permitted
>>> _demo('cat: /root/no-such-file: No such file or directory')
other other
  text=cat: /root/no-such-file: No such file or directory
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from collector.archive import Message, RunMeta

# ECMA-48 control sequences (CSI ... final byte): staprun and stap colour
# "WARNING:", "ERROR:", "semantic error:" and source carets with SGR + erase-line.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")


def strip_ansi(text: str) -> str:
    """``text`` without terminal control sequences.

    >>> strip_ansi("\\x1b[01;35m\\x1b[KWARNING:\\x1b[m\\x1b[K probe")
    'WARNING: probe'
    """
    return _ANSI.sub("", text)


@dataclass(frozen=True)
class LineKind:
    """One stderr line kind: its name, its pattern (matched against the whole line,
    ANSI-stripped) and its category."""

    name: str
    source: str
    category: str
    # Extra condition on the match; a kind whose check fails lets later kinds try.
    check: Callable[[re.Match[str]], bool] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        """``source`` compiled (``re`` keeps it compiled)."""
        return re.compile(self.source)


@functools.lru_cache(maxsize=1)
def _compiled_kinds() -> tuple[tuple[LineKind, re.Pattern[str]], ...]:
    """Every kind with its pattern, compiled on the first line classified: compiling
    them when the module is imported cost each report command about 6 ms, and most
    read no stderr."""
    return tuple((kind, re.compile(kind.source)) for kind in KINDS)


# Older staprun (before 2.x's man pages) printed no "[man warning::pass5]" tag.
_MAN5 = r"(?: \[man warning::pass5\])?"
# Runtime errors end with the statement being run and, since stap 4.x, the probe:
# "... near identifier '$x' at file.stp:3:7 in probe kernel.function("f")".
_TOKEN = r"(?:identifier|keyword|operator|string|number|embedded-code|junk)"
_NEAR = rf"(?: near (?P<near>{_TOKEN}\b.*?))?(?: in probe (?P<probe>.+?))?"
# Memory use as stap prints it (getrusage/mallinfo); anything else is accepted
# without taking it apart rather than losing the pass line.
_MEM = (
    r"(?:(?P<virt>\d+)virt/(?P<res>\d+)res/(?P<shr>\d+)shr/(?P<data>\d+)data kb"
    r"|\S+ kb)"
)
_TIMES = r"in (?P<usr>\d+)usr/(?P<sys>\d+)sys/(?P<real>\d+)real ms\."


# stap's own lines that carry no WARNING:/ERROR: prefix (stap 4.x and its helpers):
# missing packages (rpm_finder.cxx), the kernel build tree check, Debian's tip, the
# helpers' own "staprun:...:" messages, -v chatter about temporary directories, cache
# and compile steps, a failed pass 4's make and gcc lines about stap's own C file, and
# any "Pass N:" line the pass kinds above do not take apart.
STAP_NOTICE = (
    r"^(?P<msg>(?:Missing separate debuginfos?, use: "
    r"|Incorrect version or missing kernel-devel package, use: "
    r'|Checking ".*" failed with error: '
    r"|Tip: "
    r"|(?:stap|staprun|stapio|stapdyn|stapbpf|stap-server|stap-prep)(?:\[\d+\])?:"
    r"|(?:Created|Removed|Keeping) temporary directory "
    r"|Spawn waitpid result "
    r"|Running (?:env |rm -rf |/usr/bin/make |make )"
    r"|(?:Session arch|Kernel symbol table|Searched for library macro files|Parsed kernel)"
    r"|Attempting to extract kernel debuginfo build ID "
    r"|(?:make(?:\[\d+\])?: |In file included from )"
    r"|/tmp/stap[A-Za-z0-9]{6}/"
    r"|Input file '.*' is empty"
    r"|Pass [1-5]: "
    r").*)$"
)


def _k(
    name: str,
    pattern: str,
    category: str,
    check: Callable[[re.Match[str]], bool] | None = None,
) -> LineKind:
    return LineKind(name, pattern, category, check)


def _near_or_probe(m: re.Match[str]) -> bool:
    # Without a statement or probe, an "ERROR:" line is staprun's own (module
    # insertion, permissions...), not a probe handler's runtime error.
    return m.group("near") is not None or m.group("probe") is not None


# Matching order matters: specific kinds before the generic WARNING/ERROR ones.
KINDS: tuple[LineKind, ...] = (
    _k(
        "kprobe_reg",
        r"^WARNING: probe (?P<pp>.+?) \((?:address (?P<addr>0x[0-9a-fA-F]+)"
        r"|(?P<sym>[^()+\s]+)\+(?P<off>(?:0x)?[0-9a-fA-F]+))\) registration error"
        rf"{_MAN5} \(rc (?P<rc>-?\d+)\)$",
        "unprobed",
    ),
    _k(
        "uprobe_reg",
        r"^WARNING: probe (?P<pp>.+?) at inode-offset (?P<inode>\d+):(?P<offset>\S+)"
        rf" registration error{_MAN5} \(rc (?P<rc>-?\d+)\)$",
        "unprobed",
    ),
    _k(
        "generic_reg",
        rf"^ERROR: probe (?P<pp>.+?) registration error{_MAN5} \(rc (?P<rc>-?\d+)\)$",
        "unprobed",
    ),
    _k(
        "hwbkpt_reg",
        rf"^ERROR: Hwbkpt probe (?P<pp>.+?): registration error{_MAN5} (?P<rc>-?\d+),"
        r" addr (?P<addr>0x[0-9a-fA-F]+), name (?P<name>.*)$",
        "unprobed",
    ),
    _k(
        "err_summary",
        r"^WARNING: Number of errors: (?P<errors>\d+), skipped probes: (?P<skipped>\d+)$",
        "summary",
    ),
    _k("skip_detail", r"^WARNING: Skipped due to (?P<reason>.+): (?P<count>\d+)$", "summary"),
    _k(
        "skipped_too_many",
        r"^ERROR: Skipped too many probes, check MAXSKIPPED or try again with stap -t"
        r" for more details\.?$",
        "incomplete",
    ),
    _k(
        "pending",
        r"^(?P<severity>WARNING|ERROR): too many pending \((?P<queue>\w+)\) messages$",
        "incomplete",
    ),
    _k("dedup_full", r"^WARNING:? deduplication table full$", "incomplete"),
    _k(
        "unwind",
        r"^WARNING: Missing unwind data for a module, rerun with 'stap -d (?P<module>.*)'$",
        "other",
    ),
    _k(
        "transport",
        r"^WARNING: There were (?P<failures>\d+) transport failures\. Try stap -s to"
        r" increase the buffer size from (?P<size>\d+)\.$",
        "incomplete",
    ),
    _k(
        "lost",
        r"^WARNING: There were (?P<messages>\d+) lost messages?(?:, (?P<bytes>\d+) lost"
        r" bytes?, and (?P<sequences>\d+) unexpected sequences?)?\.$",
        "incomplete",
    ),
    _k(
        "child_exit",
        r"^WARNING: Child process exited with (?:status (?P<status>\d+)"
        r"|signal (?P<signal>\d+) \((?P<signame>[^)]*)\))$",
        "other",
    ),
    _k(
        "helper_exit",
        r"^WARNING: (?P<program>\S+) exited with (?:status: (?P<status>\d+)"
        r"|signal: (?P<signal>\d+) \((?P<signame>[^)]*)\))$",
        "other",
    ),
    _k(
        "overload",
        r"^ERROR: probe overhead \((?P<cycles>\d+) cycles\) exceeded threshold"
        r" \((?P<threshold>\d+) cycles\) in last (?P<interval>\d+) cycles$",
        "incomplete",
    ),
    _k(
        "array_overflow",
        rf"^ERROR: Array overflow, check (?:MAXMAPENTRIES|size limit \((?P<limit>\d+)\)){_NEAR}$",
        "incomplete",
    ),
    _k("maxaction", rf"^ERROR: MAXACTION exceeded{_NEAR}$", "incomplete"),
    _k(
        "fault",
        r"^ERROR: (?P<fault>(?:read|write|(?:kernel|user) string copy) fault)"
        r"(?:.*? at (?P<addr>(?:0x)?[0-9a-fA-F]+))?.*?" + _NEAR + "$",
        "incomplete",
    ),
    _k("runtime_err", rf"^ERROR: (?P<msg>.+?){_NEAR}$", "incomplete", _near_or_probe),
    _k("semantic", r"^semantic error: (?P<msg>.*)$", "fatal"),
    _k("parse", r"^parse error: (?P<msg>.*)$", "fatal"),
    _k(
        "source_ctx",
        r"^\s+(?:(?P<label>source|saw|thrown from|in expansion of macro"
        r"|in synthesized code from): (?P<text>.*)|\^+)$",
        "progress",
    ),
    _k(
        "pass_failed",
        r"^Pass (?P<pass>[1-5]): (?P<stage>parse|analysis|translation|compilation|run)"
        r" failed\.(?:\s+\[man error::pass\d\])?$",
        "fatal",
    ),
    _k(
        "pass1",
        r"^Pass 1: parsed user script and (?P<library_scripts>\d+) library scripts? using"
        rf" {_MEM}, {_TIMES}$",
        "progress",
    ),
    _k(
        "pass2",
        r"^Pass 2: analyzed script: (?P<probes>\d+) probes?, (?P<functions>\d+) functions?,"
        r" (?P<embeds>\d+) embeds?, (?P<globals>\d+) globals? using"
        rf" {_MEM}, {_TIMES}$",
        "progress",
    ),
    _k(
        "pass3",
        rf'^Pass 3: translated to C into "(?P<path>[^"]+)" using {_MEM}, {_TIMES}$',
        "progress",
    ),
    _k("pass_cached", r"^Pass (?P<pass>[234]): using cached (?P<path>\S+)$", "progress"),
    _k("pass4", rf'^Pass 4: compiled (?:C|BPF) into "(?P<module>[^"]+)" {_TIMES}$', "progress"),
    _k("pass5_start", r"^Pass 5: starting run\.$", "progress"),
    _k("pass5_done", rf"^Pass 5: run completed {_TIMES}$", "progress"),
    _k(
        "suppressed",
        r"^Number of similar (?P<severity>error|warning) messages suppressed: (?P<count>\d+)\.$",
        "summary",
    ),
    _k("blank", r"^\s*$", "progress"),
    # stap's third SIGINT/SIGTERM: exit at once, without the end probes' output.
    _k("too_many_int", r"^Too many interrupts received, exiting\.$", "incomplete"),
    # The gdb backend (collector.gdbtrace) keeps gdb's own notices on the run's
    # stderr; gdb 13 prints them even in batch mode. News, not warnings.
    _k(
        "gdb_notice",
        r"^(?:errtrail-gdb: )?(?P<notice>Program stopped\.|\[Inferior \d+ \(process \d+\)"
        r" (?:exited|detached|killed)[^\]]*\]|\[Thread debugging using libthread_db enabled\]"
        r"|Using host libthread_db library .*|\[New Thread [^\]]*\]|\[Thread [^\]]* exited\]"
        r"|\[Detaching after v?fork from (?:child )?process \d+\])$",
        "progress",
    ),
    _k("tracer", r"^errtrail-(?:gdb|uprobe): (?P<msg>.*)$", "progress"),
    _k("stap_notice", STAP_NOTICE, "other"),
    _k("warning", r"^WARNING: (?P<msg>.*)$", "other"),
    _k("error", r"^ERROR: (?P<msg>.*)$", "other"),
)

# Why runtime errors (fault, runtime_err, array_overflow, MAXACTION) are
# "incomplete": stap's default MAXERRORS is 0, so the first error in a probe handler
# ends the session (runtime/common_probe_context.h, translate.cxx).
CATEGORY_OF: Mapping[str, str] = MappingProxyType(
    {**{k.name: k.category for k in KINDS}, "other": "other"}
)
CATEGORIES = ("unprobed", "summary", "incomplete", "fatal", "progress", "other")


def category_of(kind: str, fields: Mapping[str, str]) -> str:
    """The category of a classified line: ``CATEGORY_OF[kind]``, with two exceptions
    that depend on the line's fields.

    A child (the ``-c`` command) that died by a signal makes the trace possibly
    incomplete; one that exited is just news:

    >>> category_of("child_exit", {"signal": "9", "signame": "Killed"})
    'incomplete'
    >>> category_of("child_exit", {"status": "0"})
    'other'

    Passes 1-4 failing means nothing ran. Pass 5 failing means staprun exited
    non-zero, which also happens after probes did run (stap 4.x prints it after a
    run ended by "too many pending (error) messages", see the openresty sample), so
    the trace is incomplete, not absent:

    >>> category_of("pass_failed", {"pass": "2", "stage": "analysis"})
    'fatal'
    >>> category_of("pass_failed", {"pass": "5", "stage": "run"})
    'incomplete'
    """
    if kind == "child_exit" and "signal" in fields:
        return "incomplete"
    if kind == "pass_failed" and fields.get("pass") == "5":
        return "incomplete"
    return CATEGORY_OF.get(kind, "other")


@dataclass(frozen=True)
class ProbePoint:
    """What a resolved probe point names. ``kind`` is ``statement``, ``function``, ..."""

    target: str
    kind: str
    function: str | None
    file: str | None
    line: int | None
    is_return: bool
    address: str | None = None


_PROBE_POINT = re.compile(
    r"""^(?P<target>kernel
        |module\("[^"]*"\)
        |process(?:\("[^"]*"\)|\(\d+\))?(?:\.library\("[^"]*"\))?)
      \.(?P<kind>statement|function|label|callee|inline|call|exported)
      (?:\("(?P<spec>[^"]*)"\)|\((?P<number>0x[0-9a-fA-F]+|\d+)\))
      (?P<suffix>(?:\.[a-z]+(?:\([^)]*\))?)*)$""",
    re.VERBOSE,
)
# FUNC@FILE:LINE, or "FUNC at FILE:LINE" (pp() after wildcard resolution, stap 4.x);
# LINE may be a range or "*", which names no single line.
_SPEC = re.compile(
    r"^(?P<function>[^@\s]+)(?:(?:@| at )(?P<file>[^:]+?)(?::(?P<line>\d+)|:[-+*\d]+)?)?$"
)


def parse_probe_point(pp: str) -> ProbePoint | None:
    """The target, function, file and line a probe point names, or ``None``.

    >>> p = parse_probe_point('kernel.statement("perf_copy_attr@kernel/events/core.c:12057")')
    >>> p.target, p.kind, p.function, p.file, p.line, p.is_return, p.address
    ('kernel', 'statement', 'perf_copy_attr', 'kernel/events/core.c', 12057, False, None)
    >>> p = parse_probe_point('module("ext4").statement("f@fs/ext4/x.c:3")')
    >>> p.target, p.function, p.file, p.line, p.is_return
    ('module("ext4")', 'f', 'fs/ext4/x.c', 3, False)
    >>> p = parse_probe_point(
    ...     'module("ext4").function("ext4_fill_super@fs/ext4/super.c:4000").return')
    >>> p.target, p.kind, p.function, p.file, p.line, p.is_return
    ('module("ext4")', 'function', 'ext4_fill_super', 'fs/ext4/super.c', 4000, True)
    >>> p = parse_probe_point('process("/usr/bin/x").statement("main@/src/x.c:9")')
    >>> p.target, p.function, p.file, p.line
    ('process("/usr/bin/x")', 'main', '/src/x.c', 9)
    >>> p = parse_probe_point('kernel.statement("do_sys_open at fs/open.c:1001")')
    >>> p.function, p.file, p.line
    ('do_sys_open', 'fs/open.c', 1001)
    >>> p = parse_probe_point('kernel.function("vfs_read")')
    >>> p.function, p.file, p.line
    ('vfs_read', None, None)
    >>> parse_probe_point('kernel.statement(0xffffffff8121a6c0).absolute').address
    '0xffffffff8121a6c0'
    >>> parse_probe_point('timer.s(1)') is None
    True
    """
    m = _PROBE_POINT.match(pp.strip())
    if m is None:
        return None
    suffix = m.group("suffix") or ""
    is_return = "return" in re.sub(r"\([^)]*\)", "", suffix).split(".")
    function = file = None
    line: int | None = None
    spec = m.group("spec")
    if spec is not None:
        s = _SPEC.match(spec)
        if s is not None:
            function = s.group("function")
            file = s.group("file")
            line = int(s.group("line")) if s.group("line") else None
    return ProbePoint(
        target=m.group("target"),
        kind=m.group("kind"),
        function=function,
        file=file,
        line=line,
        is_return=is_return,
        address=m.group("number"),
    )


def _text_of(raw: bytes) -> str:
    if raw.endswith(b"\r"):
        raw = raw[:-1]
    return strip_ansi(raw.decode("utf-8", errors="replace"))


def classify_line(raw: bytes, line_no: int) -> Message:
    """Classify one stderr line (``raw`` without its ``\\n``; ``raw`` is kept exactly).

    >>> m = classify_line(b'\\x1b[01;35m\\x1b[KWARNING:\\x1b[m\\x1b[K probe'
    ...     b' kernel.statement("perf_copy_attr@kernel/events/core.c:12057")'
    ...     b' (address 0xffffffff8121a6c0) registration error [man warning::pass5] (rc -84)\\r', 3)
    >>> m.line_no, m.kind, m.category, m.rc
    (3, 'kprobe_reg', 'unprobed', -84)
    >>> m.function, m.file, m.line, m.address
    ('perf_copy_attr', 'kernel/events/core.c', 12057, '0xffffffff8121a6c0')
    >>> m.raw[:5], m.raw[-1:]
    (b'\\x1b[01;', b'\\r')
    >>> classify_line(b'\\xff\\xfe junk', 1).fields
    {'text': '\\ufffd\\ufffd junk'}
    """
    text = _text_of(raw)
    for kind, pattern in _compiled_kinds():
        m = pattern.match(text)
        if m is None or (kind.check is not None and not kind.check(m)):
            continue
        fields = {k: v for k, v in m.groupdict().items() if v is not None}
        return _message(raw, line_no, kind.name, fields)
    return _message(raw, line_no, "other", {"text": text})


def _message(raw: bytes, line_no: int, kind: str, fields: dict[str, str]) -> Message:
    category = category_of(kind, fields)
    if category != "unprobed":
        return Message(line_no=line_no, kind=kind, category=category, raw=raw, fields=fields)
    pp = fields.get("pp")
    parsed = parse_probe_point(pp) if pp else None
    rc = fields.get("rc")
    return Message(
        line_no=line_no,
        kind=kind,
        category=category,
        raw=raw,
        fields=fields,
        probe_point=pp,
        function=parsed.function if parsed else None,
        file=parsed.file if parsed else None,
        line=parsed.line if parsed else None,
        address=fields.get("addr") or (parsed.address if parsed else None),
        rc=int(rc) if rc is not None else None,
    )


def classify_stderr(data: bytes) -> list[Message]:
    """Classify every line of a stderr stream; line numbers start at 1.

    A last line without a newline is a line; nothing after the final newline is not.

    >>> [(m.line_no, m.kind) for m in classify_stderr(b"Pass 5: starting run.\\nWARNING: x")]
    [(1, 'pass5_start'), (2, 'warning')]
    >>> [m.raw for m in classify_stderr(b"a\\n\\nb\\n")]
    [b'a', b'', b'b']
    >>> classify_stderr(b"")
    []
    """
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return [classify_line(raw, i) for i, raw in enumerate(lines, 1)]


def _demo(line: str) -> None:
    """Print a line's kind and category, then its fields (sorted): the doctests' format."""
    m = classify_line(line.encode(), 1)
    print(m.kind, m.category)
    for name, value in sorted(m.fields.items()):
        print(f"  {name}={value}")


@dataclass(frozen=True)
class StderrSplit:
    """A run's stderr lines: the tracer's own (stap's, gdb's) and the traced
    program's, each in stderr order."""

    tracer: tuple[Message, ...]
    program: tuple[Message, ...]


def program_shares_stderr(run: RunMeta) -> bool:
    """Whether the traced program's stderr is the run's stderr: stap with ``-c CMD``
    (stap starts CMD with its own stdio). With ``-x PID`` the process was started
    elsewhere, with stdio of its own, so a line of stap's no pattern knows stays
    stap's. A gdb run keeps the program's output in streams of its own
    (``program_stderr``), so its stderr is gdb's alone."""
    return run.tool == "stap" and run.uses_c


def is_program_line(m: Message) -> bool:
    """Whether a stderr line of a run whose program shares stderr is the program's:
    no kind of stap's own (``WARNING:``, ``ERROR:``, ``semantic error:``, ``Pass N:``,
    ``Missing separate debuginfos``, ...) matched it. A blank line is nobody's."""
    return m.kind == "other"


def split_run_stderr(run: RunMeta, messages: Sequence[Message]) -> StderrSplit:
    """``messages`` (a run's classified stderr) as the tracer's and the program's.

    >>> meta = RunMeta(command=("stap",), uses_c=True)
    >>> split = split_run_stderr(meta, classify_stderr(
    ...     b"cat: /nonexistent: No such file or directory\\n"
    ...     b"WARNING: Number of errors: 0, skipped probes: 0\\n"))
    >>> [m.kind for m in split.tracer], [m.line_no for m in split.program]
    (['err_summary'], [1])
    >>> split_run_stderr(RunMeta(command=("stap",)), split.program).program
    ()
    """
    if not program_shares_stderr(run):
        return StderrSplit(tuple(messages), ())
    tracer = tuple(m for m in messages if not is_program_line(m))
    return StderrSplit(tracer, tuple(m for m in messages if is_program_line(m)))
