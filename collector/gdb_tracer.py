"""whythefail.stp re-done on gdb's Python API: runs INSIDE gdb, never imported by errtrail.

``collector.gdbtrace`` starts ``gdb -q -batch -nx -x <this file> --args PROGRAM ...``
(or ``-p PID``) with its settings, as JSON, in the environment variable
``ERRTRAIL_GDB_TRACER``. Only the standard library and gdb's own ``gdb`` module are
available here (gdb embeds its own Python: 3.11 in Debian's gdb 13.1), plus
``collector/condition.py``, loaded by path from this file's directory.

Two modes:

- ``check``: load the program, verify it has debug info and that FUNCTION exists and
  returns something, and print one line ``ERRTRAIL-CHECK {json}`` on stdout (with the
  program's function names when FUNCTION is missing, to suggest close ones).
- ``trace``: trace FUNCTION and write whythefail's exact output to ``trace_fd``:
  at each return whose ``$return`` satisfies CONDITION, an empty line,
  ``<comm>[<tid>] process("<program>") function(<F>) $return: <value>``, then that
  call's statement lines ``<comm>[<tid>] <file>:<line> $$vars: ...``; at the end the
  ``statistics:`` block. Messages about the tracing itself go to ``message_fd``;
  the program keeps fds 1 and 2 (and gdb's own unavoidable warnings go there too).
  A JSON summary of how the run ended is written to ``status_path``; once the
  breakpoints are placed, the statement lines they cover go to ``probes_path`` as
  ``{"probed_lines": [[file, line], ...]}`` (file as the trace names it).

Starting the program (``trace`` mode): gdb stores the words after ``--args`` as one
string, escaped for a POSIX shell (gdb 13 puts a backslash before blanks, quotes and
each of ``!#$&*()\\|[]{}<>?`~^;``, single quotes around a newline, and writes an empty
word as ``''``), and only a shell undoes that escaping: with ``set
startup-with-shell off`` gdb splits the string at blanks and hands the escaped pieces
to the program as they are. So the program is started the way gdb intends, through
``/bin/sh -c exec PROGRAM ARGS`` (gdb's ``$SHELL`` is set to ``/bin/sh``, the shell that
escaping is written for; the program still gets the user's ``$SHELL``), and every
argument reaches it byte for byte (blanks, quotes, ``$``, ``*``, backslashes, newlines,
empty words, bytes that are not UTF-8). What the shell changes: it sets ``PWD`` to the
working directory when ``PWD`` is missing or wrong, and drops environment entries whose
names are not shell identifiers; ``argv[0]`` is PROGRAM's absolute path, as before.

How it traces (and why this way):

- Statements: one internal breakpoint per distinct address of an ``is_stmt`` row of
  FUNCTION's line table (``maint info line-table``: the Python line table has no
  is_stmt flag in gdb 13) whose innermost enclosing function block is FUNCTION's:
  rows of callees inlined into FUNCTION, and FUNCTION's inlined copies elsewhere,
  are not its statements. Several lines at one address (common at -O2) are each
  reported there, in line-table order, as stap's one-probe-per-line would.
- Entry and return: a breakpoint at the entry address records the caller's return
  address and canonical frame address (CFA, the caller's sp after the return) and
  pushes a buffer on that thread's stack of calls. Returns are caught by a
  breakpoint at each distinct return address (created the first time a call site
  is seen, the only moment the inferior really stops), which pops the call whose
  CFA equals the current sp. Why not ``gdb.FinishBreakpoint``: it must be created
  inside a ``stop()`` callback, which gdb's manual forbids (adding breakpoints
  there), and it costs a breakpoint insertion per call. Why not breakpoints on
  ``ret`` instructions: tail calls (``jmp`` at -O2) leave FUNCTION without one.
  Matching on the CFA keeps recursion (one buffer per frame) and threads (one stack
  per thread) apart; a call whose frame is gone without a return (longjmp, a lost
  return) is dropped as soon as a later entry or return proves its frame dead.
- ``$return`` is read from the ABI's return register at the return address and
  cast to FUNCTION's return type (x86-64 ``rax``, aarch64 ``x0``, ...).
- ``stop()`` returns False (the inferior goes on without a real stop) except at the
  first entry from a new call site, whose return breakpoint is then created.
- ``$$vars``: innermost block first; a function's own block gives its parameters,
  then its locals, in DWARF order, like stap. Integers and pointers print as
  ``0x`` hex of the 64-bit value (signed types sign-extended), structs and unions
  ``{...}``, arrays ``[...]``, anything unavailable ``?``. VARIABLE (``$name``,
  ``$p->f``) prints the same way; its pretty form (``$name$``) prints decimal
  integers, quoted strings and ``{.a=1, .b=0x2}`` structs.
- The trace is written to the trace fd at each commit (as stap's ``commit()``),
  so hits appear live.

Ending: when the program exits or dies by a signal with calls of FUNCTION in
flight, or tracing is interrupted (SIGINT, i.e. Ctrl-C reaching gdb and the
program), those calls are printed anyway with ``$return: ?`` (whythefail would lose
them), after the returned ones, before ``statistics:``. On SIGINT gdb stops the
program, kills it (it was started by gdb) or detaches (``-p PID``), prints the
statistics and exits 0; the status file says ``interrupted``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import sys
import traceback
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

MASK64 = (1 << 64) - 1
# Statement lines kept per call in flight. Like stap's speculation buffers (which
# wrap), a longer path loses its start; unlike them, this limit is per call and
# large, so only a runaway loop reaches it.
MAX_PATH_LINES = 100_000
# Following the errno (``follow_depth`` > 0): the calls of one callee made from one
# line of one call that are kept (the last ones: a loop's failing call is its last),
# the callee calls kept under one call of FUNCTION, and the functions traced below it.
MAX_CALLS_PER_SITE = 3
MAX_FOLLOW_CALLS = 5_000
MAX_FOLLOW_FUNCTIONS = 200
CONFIG_ENV = "ERRTRAIL_GDB_TRACER"
CHECK_MARK = "ERRTRAIL-CHECK "
# The shell gdb starts the program with: the one gdb's escaping of --args is for.
START_SHELL = "/bin/sh"

# The register holding an integer or pointer return value, by gdb architecture name.
RETURN_REGISTERS = {
    "i386:x86-64": "rax",
    "i386:x64-32": "rax",
    "i386": "eax",
    "aarch64": "x0",
    "arm": "r0",
    "riscv:rv64": "a0",
    "riscv:rv32": "a0",
    "powerpc:common64": "r3",
    "powerpc:common": "r3",
    "s390:64-bit": "r2",
    "mips:isa64r2": "v0",
    "loongarch64": "r4",
}


def return_matches(condition: Any, value: int | None, say: Any) -> bool:
    """Whether a call that returned ``value`` (``None``: no usable ``$return``: void,
    a struct) matches CONDITION, as stap decides at the return probe; ``say`` tells of
    an error in CONDITION (a division by zero: stap reports it and skips the call)."""
    if value is None and "$return" not in condition.text:
        value = 0  # CONDITION does not need it
    try:
        return value is not None and bool(condition.matches(value))
    except ValueError as e:
        say(str(e).splitlines()[0])
        return False


def header_line(comm: str, tid: int, target: str, function: str, shown: str) -> str:
    """whythefail's invocation header, printed at the return (with the blank line
    before it), then the call's statement lines.

    >>> header_line("p", 7, 'process("/bin/p")', "f", "-22")
    '\\np[7] process("/bin/p") function(f) $return: -22\\n'
    """
    return f"\n{comm}[{tid}] {target} function({function}) $return: {shown}\n"


def vars_text(pairs: Iterable[tuple[str, str]]) -> str:
    """A statement's ``$$vars`` text: ``name=value`` in scope order.

    >>> vars_text([("err", "0xffffffffffffffea"), ("p", "{...}")])
    '$$vars: err=0xffffffffffffffea p={...}'
    """
    return "$$vars: " + " ".join(f"{n}={v}" for n, v in pairs)


def hex64(value: int) -> str:
    """stap's ``%#x`` of a 64-bit value: signed values appear sign-extended.

    >>> hex64(-22)
    '0xffffffffffffffea'
    >>> hex64(0xffffffea)
    '0xffffffea'
    >>> hex64(0)
    '0x0'
    """
    return hex(value & MASK64)


def to_width(raw: int, size: int, signed: bool) -> int:
    """The integer a ``size``-byte register part holds, as the C type reads it.

    >>> to_width(0xffffffffffffffea, 4, True)
    -22
    >>> to_width(0x12345678ffffffea, 4, False)
    4294967274
    """
    bits = size * 8
    value = raw & ((1 << bits) - 1)
    if signed and value >> (bits - 1):
        value -= 1 << bits
    return value


def parse_is_stmt(table: str, fullname: str) -> dict[int, list[tuple[int, bool]]] | None:
    """Rows of ``maint info line-table`` for the symtab ``fullname``: {address: [(line, is_stmt)]}.

    Returns None when no section names that file (then every row counts as a statement).

    >>> out = ("symtab: /s/a.c ((struct symtab *) 0x1)\\n"
    ...        "INDEX  LINE   ADDRESS            IS-STMT PROLOGUE-END \\n"
    ...        "0      7      0x0000000000001164 Y                    \\n"
    ...        "1      8      0x0000000000001170                      \\n"
    ...        "2      END    0x0000000000001180 Y                    \\n")
    >>> parse_is_stmt(out, "/s/a.c")
    {4452: [(7, True)], 4464: [(8, False)]}
    >>> parse_is_stmt(out, "/s/b.c") is None
    True
    """
    rows: dict[int, list[tuple[int, bool]]] | None = None
    current = False
    for line in table.splitlines():
        if line.startswith("symtab: "):
            name = line[len("symtab: ") :].rsplit(" ((struct symtab *)", 1)[0]
            current = name == fullname
            if current and rows is None:
                rows = {}
            continue
        if not current or rows is None:
            continue
        parts = line.split()
        if len(parts) < 3 or not parts[0].isdigit() or not parts[1].isdigit():
            continue
        try:
            address = int(parts[2], 16)
        except ValueError:
            continue
        rows.setdefault(address, []).append((int(parts[1]), len(parts) > 3 and parts[3] == "Y"))
    return rows


def bre_escape(text: str) -> str:
    """``text`` as a POSIX basic regular expression matching itself (gdb's
    ``maint info line-table REGEXP`` compiles with regcomp() without REG_EXTENDED).

    >>> print(bre_escape("/src/a-b.c"))
    /src/a-b\\.c
    >>> print(bre_escape("x[1]*.c"))
    x\\[1\\]\\*\\.c
    """
    return re.sub(r"([.\[\]*^$\\])", r"\\\1", text)


def stap_variable_to_c(expression: str) -> str:
    """A whythefail VARIABLE (``$err``, ``$p->f$``, ``@var("x")``) as a C expression for gdb.

    >>> stap_variable_to_c("$err")
    'err'
    >>> stap_variable_to_c("$p->size$")
    'p->size'
    >>> stap_variable_to_c('@var("global")$')
    'global'
    """
    text = expression.strip()
    if text.endswith("$") and not text.endswith("$$"):
        text = text[:-1]
    text = re.sub(r'@var\("([^"@]+)(?:@[^"]*)?"\)', r"\1", text)
    return re.sub(r"\$([A-Za-z_])", r"\1", text)


# A direct call or jump to a named function in gdb's disassembly (x86-64 `call`/`jmp`,
# aarch64 `bl`/`b`): "call   0x1149 <validate>", "jmp    0x1030 <open@plt>".
CALL_TARGET = re.compile(r"^(?:call|jmp|bl|b)q?\s+(0x[0-9a-f]+)\s+<([^>+]+)>")


def call_targets(instructions: list[str]) -> list[tuple[int, str]]:
    """The functions a function's instructions call or jump to, in order, each once.

    A jump to ``<f+12>`` stays inside a function and is no call.

    >>> call_targets(["push   %rbp", "call   0x1149 <validate>", "call   *%rax",
    ...               "jmp    0x1030 <open@plt>", "jne    0x1170 <load+40>",
    ...               "call   0x1149 <validate>"])
    [(4425, 'validate'), (4144, 'open@plt')]
    """
    seen: dict[str, int] = {}
    for text in instructions:
        m = CALL_TARGET.match(text.strip())
        if m and m.group(2) not in seen:
            seen[m.group(2)] = int(m.group(1), 16)
    return [(address, name) for name, address in seen.items()]


@dataclass
class Fn:
    """A traced function: FUNCTION (depth 0) or, when following, one found below it."""

    name: str
    file: str
    line: int
    ret_kind: tuple[str, int, bool]
    depth: int
    probed: list[int] = field(default_factory=list)
    counts: Counts = field(default_factory=lambda: Counts())


@dataclass
class Call:
    """One call of a traced function in flight: its frame's CFA, the statement lines so
    far and, when following, the call below which it was made and its finished callees."""

    cfa: int
    return_address: int
    comm: str
    lines: deque[str] = field(default_factory=lambda: deque(maxlen=MAX_PATH_LINES))
    fn: Fn | None = None
    parent: Call | None = None
    call_line: str | None = None   # the parent's last statement ("file:line") at the call
    parent_step: int = 0           # statements the parent had run by then
    steps: int = 0
    depth: int = 0
    ordinal: int | None = None     # its place among FUNCTION's printed calls (from 0)
    children: dict[tuple[str, str], deque[dict[str, Any]]] = field(default_factory=dict)
    kept: int = 0                  # callee calls kept below it, its own and deeper


@dataclass
class Counts:
    entry: int = 0
    exit_hit: int = 0
    exit_miss: int = 0
    statement: int = 0

    def statistics(self) -> str:
        """whythefail's end probe: only counters that were hit, in sorted key order.

        >>> print(Counts(3, 1, 2, 40).statistics(), end="")
        <BLANKLINE>
        statistics:
        entry count: 3
        exit-hit count: 1
        exit-miss count: 2
        statement count: 40
        >>> Counts().statistics()
        '\\nstatistics:\\n'
        """
        # whythefail: foreach (reason+ in counts) printf("%s count: %d\n", ...): a
        # statistic that never got a value is not a key of the array at all.
        pairs = [
            ("entry", self.entry),
            ("exit-hit", self.exit_hit),
            ("exit-miss", self.exit_miss),
            ("statement", self.statement),
        ]
        return "\nstatistics:\n" + "".join(f"{k} count: {n}\n" for k, n in sorted(pairs) if n)


class Output:
    """Buffered writes to one file descriptor (the trace pipe)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= 1 << 16:
            self.flush()

    def flush(self) -> None:
        if not self.parts:
            return
        data = "".join(self.parts).encode("utf-8", "surrogateescape")
        self.parts, self.size = [], 0
        view = memoryview(data)
        while view:
            try:
                n = os.write(self.fd, view)
            except BrokenPipeError:
                return
            view = view[n:]


def use_posix_shell(environ: Any = None) -> None:
    """Make gdb start programs with ``START_SHELL`` whatever ``$SHELL`` says.

    gdb reads ``$SHELL`` from its own environment when it starts a program; the
    program's environment is gdb's copy, taken when gdb started, so the program
    still sees the user's ``$SHELL``.

    >>> env = {"SHELL": "/usr/bin/fish"}
    >>> use_posix_shell(env)
    >>> env
    {'SHELL': '/bin/sh'}
    """
    (os.environ if environ is None else environ)["SHELL"] = START_SHELL


def write_json(path: str, data: Any) -> None:
    """``data`` as JSON at ``path``, whole or not at all (written aside, then renamed)."""
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, sort_keys=True)
    os.replace(tmp, path)


def _load_condition_module(path: str) -> Any:
    spec = importlib.util.spec_from_file_location("errtrail_condition", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    # dataclasses looks the module up in sys.modules while building the classes.
    sys.modules["errtrail_condition"] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:  # pragma: no cover - runs inside gdb; tests/test_gdb.py drives it
    import gdb

    config: dict[str, Any] = json.loads(os.environ.get(CONFIG_ENV, "{}"))
    message_fd = int(config.get("message_fd", 2))
    use_posix_shell()

    def say(text: str) -> None:
        with contextlib.suppress(OSError):
            os.write(message_fd, f"errtrail-gdb: {text}\n".encode("utf-8", "surrogateescape"))

    for setting in (
        "set pagination off",
        "set confirm off",
        "set width 0",
        "set print thread-events off",
        "set print inferior-events off",
        "set breakpoint pending off",
        # Keep breakpoints inserted while the program is stopped: by default gdb
        # removes and re-inserts every one of them at each stop (measured: half the
        # time of a statement hit with gdb 13).
        "set breakpoint always-inserted on",
        # The program is started by /bin/sh (see START_SHELL): gdb escaped the
        # --args words for a POSIX shell, and only a shell undoes that escaping.
        "set startup-with-shell on",
        "set debuginfod enabled off",
        # gdb >= 12: no "Program stopped." / "[Inferior 1 ... exited ...]" on the
        # program's stdout, which gdb shares with it.
        "set suppress-cli-notifications on",
    ):
        with contextlib.suppress(gdb.error):  # an older gdb without that setting
            gdb.execute(setting, to_string=True)
    with contextlib.suppress(gdb.error):
        gdb.execute(f"unset environment {CONFIG_ENV}", to_string=True)

    function = str(config["function"])
    if config.get("mode") == "check":
        _check(gdb, function, config)
        return

    trace_fd = int(config.get("trace_fd", 1))
    chatter_fd = int(config.get("chatter_fd", message_fd))
    for fd in {trace_fd, message_fd, chatter_fd}:
        # gdb's own descriptors must not leak into the program it starts: a program
        # writing to fd 3 would corrupt the trace, and one outliving gdb would keep
        # the collector's pipe open.
        if fd > 2:
            with contextlib.suppress(OSError):
                os.set_inheritable(fd, False)
    if message_fd > 2:
        # gdb shares fds 1 and 2 with the program it starts ("Program stopped.",
        # "[Inferior 1 (process N) exited normally]", thread notices: gdb 13 prints
        # them even under gdb.execute(to_string=True)). Once the program exists (its
        # first thread appears, after the fork) gdb's own 1 and 2 are pointed at the
        # chatter fd (archived, not shown live); the program keeps the originals.
        def to_messages(event: Any) -> None:
            gdb.events.new_thread.disconnect(to_messages)
            os.dup2(chatter_fd, 1, inheritable=False)
            os.dup2(chatter_fd, 2, inheritable=False)

        gdb.events.new_thread.connect(to_messages)
    condition_mod = _load_condition_module(str(config["condition_module"]))
    condition = condition_mod.parse_condition(str(config["condition"]))
    def chatter(text: str) -> None:
        with contextlib.suppress(OSError):
            os.write(chatter_fd, f"errtrail-gdb: {text}\n".encode("utf-8", "surrogateescape"))

    tracer = _Tracer(gdb, config, condition, Output(trace_fd), say)
    tracer.chatter = chatter
    status = tracer.run()
    if config.get("status_path"):
        write_json(str(config["status_path"]), status)


def _function_names(gdb: Any) -> tuple[list[str], list[str]]:
    """Functions with debug info, and functions known only from the symbol table."""
    try:
        text = gdb.execute("info functions", to_string=True)
    except gdb.error:
        return [], []
    names: set[str] = set()
    bare: set[str] = set()
    debugging = True
    for line in text.splitlines():
        if line.startswith("Non-debugging symbols:"):
            debugging = False
            continue
        if debugging:
            m = re.search(r"([A-Za-z_][\w:~]*)\(", line)
            if m and ":" in line.split("\t", 1)[0]:
                names.add(m.group(1))
        else:
            parts = line.split()
            if len(parts) == 2 and parts[0].startswith("0x"):
                bare.add(parts[1])
    return sorted(names), sorted(bare - names)


def _lookup_function(gdb: Any, name: str) -> Any:
    sym = gdb.lookup_global_symbol(name)
    if sym is None:
        sym = gdb.lookup_static_symbol(name)
    if sym is None or sym.addr_class != gdb.SYMBOL_LOC_BLOCK:
        return None
    return sym


def _check(gdb: Any, function: str, config: dict[str, Any]) -> None:
    result: dict[str, Any] = {"ok": False}
    try:
        sources = gdb.execute("info sources", to_string=True)
    except gdb.error as e:
        sources = str(e)
    if config.get("pid"):
        try:
            gdb.execute(f"attach {int(config['pid'])}", to_string=True)
        except gdb.error as e:
            result.update(error="attach", message=str(e))
            print(CHECK_MARK + json.dumps(result, sort_keys=True), flush=True)
            return
        try:
            sources = gdb.execute("info sources", to_string=True)
        except gdb.error as e:
            sources = str(e)
    sym = _lookup_function(gdb, function)
    if sym is None:
        if "No symbol table is loaded" in sources:
            result.update(error="no_debug_info")
        else:
            result.update(error="function_not_found")
        debug, bare = _function_names(gdb)
        if result["error"] == "function_not_found" and function in bare:
            result["error"] = "function_without_debug_info"
        result["functions"] = debug or bare
    else:
        ret = sym.type.target().strip_typedefs()
        result.update(
            ok=True,
            file=_source_path(sym.symtab),
            line=sym.line,
            returns=str(sym.type.target()),
            void=ret.code == gdb.TYPE_CODE_VOID,
        )
    if config.get("pid"):
        with contextlib.suppress(gdb.error):
            gdb.execute("detach", to_string=True)
    print(CHECK_MARK + json.dumps(result, sort_keys=True), flush=True)


def _source_path(symtab: Any) -> str:
    """The source file as DWARF names it, made absolute with the compilation directory.

    gdb 13's Python has no comp_dir; ``fullname()`` is comp_dir joined with the
    DW_AT_name (or the name itself when absolute), normalised lexically.
    """
    name = str(symtab.filename)
    if os.path.isabs(name):
        return os.path.normpath(name)
    return os.path.normpath(str(symtab.fullname()))


# Kinds of values, decided once per symbol from its type.
STRUCT, ARRAY, SCALAR, OTHER = "{...}", "[...]", "scalar", "?"


class _Tracer:  # pragma: no cover - runs inside gdb
    def __init__(
        self, gdb: Any, config: dict[str, Any], condition: Any, out: Output, say: Any
    ) -> None:
        self.gdb = gdb
        self.config = config
        self.condition = condition
        self.out = out
        self.say = say
        self.function = str(config["function"])
        self.variable: str | None = config.get("variable")
        self.variable_c = stap_variable_to_c(self.variable) if self.variable else None
        self.pretty_variable = bool(self.variable and self.variable.strip().endswith("$"))
        self.counts = Counts()
        self.stacks: dict[int, list[Call]] = {}
        self.sites: dict[int, Any] = {}
        self.new_return_sites: set[int] = set()
        self.comms: dict[int, str] = {}
        self.pid = 0
        self.program = str(config.get("program", ""))
        self.target = f'process("{self.program}")'
        self.last_signal: str | None = None  # the signal that stopped the last continue
        self.program_signal: str | None = None  # the last signal the program received
        self.exit_code: int | None = None
        self.exited = False
        self.interrupted = False
        self.lost_returns = 0
        self.kinds: dict[Any, str] = {}
        self.follow_depth = int(config.get("follow_depth") or 0)
        self.follow_path: str | None = config.get("follow_path")
        self.fns: dict[str, Fn] = {}
        self.skipped: dict[str, str] = {}   # callees not followed, and why
        self.printed = 0                    # FUNCTION's calls printed so far
        self.record_id = 0
        self.follow_dropped = 0
        self.chatter: Any = say
        self.pending: dict[str, int] = {}   # PLT callees not loaded yet -> depth
        self._rows: dict[str, list[tuple[int, int, bool, str | None, str | None]]] = {}

    # -- setup --------------------------------------------------------------------------

    def start(self) -> None:
        gdb = self.gdb
        if self.config.get("pid"):
            gdb.execute(f"attach {int(self.config['pid'])}", to_string=True)
        else:
            # starti: the program is mapped (PIE relocated) but has run no instruction.
            gdb.execute("starti", to_string=True)
        self.pid = gdb.selected_inferior().pid
        sym = _lookup_function(gdb, self.function)
        if sym is None:
            raise RuntimeError(f"function {self.function} not found in {self.program}")
        self.sym = sym
        root = self._add_function(sym, 0)
        self.root = root
        self.ret_kind = root.ret_kind
        self.file = root.file
        self.counts = root.counts
        self.say(
            f"tracing {self.function} ({self.file}:{sym.line}): {self._addresses} statement"
            f" addresses, {len(root.probed)} statement lines"
        )
        # DW_AT_producer holds the compiler's flags (gcc: "GNU C17 12.2.0 -g -O2"): the
        # reporter reads the optimisation level from it.
        producer = getattr(sym.symtab, "producer", None)
        if producer:
            self.say(f"compiled by {producer}")
        if self.follow_depth:
            self._discover(sym)
            self.resolve_pending()   # attached (-p PID): the libraries are loaded already
            if self.pending:
                # A callee in a shared library is known only once the library is
                # loaded: stop at each library event until all are found.
                gdb.execute("set stop-on-solib-events 1", to_string=True)
        if self.config.get("probes_path"):
            write_json(str(self.config["probes_path"]),
                       {"probed_lines": [[self.file, n] for n in root.probed]})

    def _add_function(self, sym: Any, depth: int) -> Fn:
        """Breakpoints on a function's entry and statements; its ``Fn``."""
        gdb = self.gdb
        entry = int(sym.value().address)
        fn = Fn(str(sym.name), _source_path(sym.symtab), int(sym.line),
                self._return_kind(sym.type.target().strip_typedefs()), depth)
        self.fns[fn.name] = fn
        rows = self._statement_rows(sym, entry, fn.name)
        self._addresses = len(rows)
        cls = _site_class(gdb)
        site = self.sites.get(entry) or cls(entry, self)
        site.entry = fn
        self.sites[entry] = site
        for address, lines in sorted(rows.items()):
            s = self.sites.get(address)
            if s is None:
                s = cls(address, self)
                self.sites[address] = s
            s.owner = fn
            s.lines = [f"{fn.file}:{n}" for n in lines]
            s.symbols = self._scope_symbols(address)
        if not site.lines:
            site.owner = fn
            site.symbols = self._scope_symbols(entry)
        fn.probed = sorted({n for lines in rows.values() for n in lines})
        return fn

    def _discover(self, root: Any, root_depth: int = 0) -> None:
        """The functions FUNCTION calls, and theirs, down to ``follow_depth``: direct
        calls in their machine code (calls through pointers are not seen). A callee
        with no debug info, inlined (no call left), or past the depth is not traced."""
        gdb = self.gdb
        arch = gdb.selected_frame().architecture()
        todo = [(root, root_depth)]
        while todo:
            sym, depth = todo.pop(0)
            block = gdb.block_for_pc(int(sym.value().address))
            while block is not None and block.function is None:
                block = block.superblock
            if block is None:
                continue
            code = [str(i["asm"]) for i in arch.disassemble(int(block.start), int(block.end) - 1)]
            for name in self._inlined_in(sym):
                self.skipped.setdefault(name, f"inlined into {sym.name} (no frame of its own)")
            for address, name in call_targets(code):
                if name.endswith("@plt"):
                    if depth + 1 <= self.follow_depth:
                        self.pending.setdefault(name[:-4], depth + 1)
                    continue
                callee = gdb.block_for_pc(address)
                callee_sym = callee.function if callee is not None else None
                if callee_sym is None or callee_sym.symtab is None:
                    self.skipped.setdefault(name, "no debug info")
                    continue
                cname = str(callee_sym.name)
                if cname in self.fns or cname.startswith(str(sym.name) + "."):
                    continue
                if depth + 1 > self.follow_depth:
                    self.skipped.setdefault(cname, f"below the depth limit ({self.follow_depth})")
                    continue
                if len(self.fns) >= MAX_FOLLOW_FUNCTIONS:
                    self.skipped.setdefault(cname, f"more than {MAX_FOLLOW_FUNCTIONS} functions")
                    continue
                self._add_function(callee_sym, depth + 1)
                todo.append((callee_sym, depth + 1))

    def _inlined_in(self, sym: Any) -> list[str]:
        """Functions gcc inlined into ``sym``: code of theirs inside its own."""
        name = str(sym.name)
        return sorted({inner for _, _, _, inner, outer in self._line_rows(sym.symtab)
                       if outer == name and inner is not None and inner != name})

    def resolve_pending(self) -> None:
        """Callees called through the PLT, looked up again once a library is loaded
        (the loop stops at each library event while some are pending)."""
        for name, depth in sorted(self.pending.items()):
            sym = _lookup_function(self.gdb, name)
            if sym is None or sym.symtab is None or name in self.fns:
                continue
            del self.pending[name]
            self.skipped.pop(name, None)
            self._add_function(sym, depth)
            self._discover(sym, depth)

    def _report_follow(self) -> None:
        """What was followed, and each callee that was not with why (the reporter reads
        these lines back from stderr: reporter/trail.py)."""
        for name in self.pending:
            self.skipped.setdefault(name, "a shared library's function (called through the"
                                          " PLT) without debug info")
        for name, why in sorted(self.skipped.items())[:50]:
            if name not in self.fns:
                self.say(f"not followed: {name}: {why}")
        followed = [fn.name for fn in self.fns.values() if fn.depth]
        levels = "level" if self.follow_depth == 1 else "levels"
        functions = "function" if len(followed) == 1 else "functions"
        self.say(f"following the errno down {self.follow_depth} {levels}: {len(followed)}"
                 f" {functions} below {self.function}" + (
                     f" ({', '.join(followed[:12])}{', ...' if len(followed) > 12 else ''})"
                     if followed else ""))

    def _statement_rows(self, sym: Any, entry: int, name: str) -> dict[int, list[int]]:
        rows: dict[int, list[int]] = {}
        for pc, line, stmt, inner, outer in self._line_rows(sym.symtab):
            if line < sym.line or not stmt or inner != name or outer != name:
                continue
            lines = rows.setdefault(pc, [])
            if line not in lines:
                lines.append(line)
        return rows

    def _line_rows(self, symtab: Any) -> list[tuple[int, int, bool, str | None, str | None]]:
        """A compilation unit's line-table rows, read once: (pc, line, is_stmt, the
        innermost and the outermost function whose block holds pc). Following reads
        the rows of many functions of one unit; reading the table (and finding each
        pc's block) once per unit instead of once per function keeps a big unit fast."""
        key = str(symtab.fullname())
        if key in self._rows:
            return self._rows[key]
        gdb = self.gdb
        try:
            table = gdb.execute(
                f"maint info line-table {bre_escape(symtab.filename)}$", to_string=True
            )
            flags = parse_is_stmt(table, symtab.fullname())
        except gdb.error:
            flags = None
        out = []
        for item in symtab.linetable():
            line, pc = int(item.line), int(item.pc)
            if line <= 0:
                continue
            stmt = flags is None or any(n == line and st for n, st in flags.get(pc, []))
            out.append((pc, line, stmt, *self._functions_at(pc)))
        self._rows[key] = out
        return out

    def _functions_at(self, pc: int) -> tuple[str | None, str | None]:
        """The innermost and the outermost function whose block holds ``pc``: the same
        name for a function's own code, another innermost one for inlined code."""
        block = self.gdb.block_for_pc(pc)
        innermost = None
        outermost = None
        while block is not None and not block.is_static and not block.is_global:
            if block.function is not None:
                if innermost is None:
                    innermost = str(block.function.name)
                outermost = str(block.function.name)
            block = block.superblock
        return innermost, outermost

    def _scope_symbols(self, pc: int) -> list[tuple[str, Any, str]]:
        """$$vars at ``pc``: innermost block first; in a function's own block its
        parameters, then its locals, in DWARF order (gdb keeps that order for function
        blocks; nested blocks are hashed, so those are sorted by declaration line)."""
        gdb = self.gdb
        block = gdb.block_for_pc(pc)
        result: list[tuple[str, Any, str]] = []
        seen: set[str] = set()
        while block is not None and not block.is_static and not block.is_global:
            symbols = [s for s in block if s.is_argument or s.is_variable]
            if block.function is None:
                symbols.sort(key=lambda s: (s.line, s.name))
            else:
                args = [s for s in symbols if s.is_argument]
                others = [s for s in symbols if not s.is_argument]
                outermost = block.superblock is None or block.superblock.is_static
                if not outermost:
                    others.sort(key=lambda s: (s.line, s.name))
                symbols = args + others
            for s in symbols:
                if s.name in seen:
                    continue
                seen.add(s.name)
                result.append((s.name, s, self._kind(s.type)))
            outer = block.superblock
            if block.function is not None and (outer is None or outer.is_static):
                break
            block = block.superblock
        return result

    def _kind(self, type_: Any) -> str:
        gdb = self.gdb
        try:
            code = type_.strip_typedefs().code
        except gdb.error:
            return OTHER
        if code in (gdb.TYPE_CODE_STRUCT, gdb.TYPE_CODE_UNION):
            return STRUCT
        if code == gdb.TYPE_CODE_ARRAY:
            return ARRAY
        if code in (
            gdb.TYPE_CODE_INT,
            gdb.TYPE_CODE_PTR,
            gdb.TYPE_CODE_ENUM,
            gdb.TYPE_CODE_BOOL,
            gdb.TYPE_CODE_CHAR,
        ):
            return SCALAR
        return OTHER

    def _return_kind(self, t: Any) -> tuple[str, int, bool]:
        gdb = self.gdb
        code = t.code
        if code == gdb.TYPE_CODE_PTR:
            return ("ptr", int(t.sizeof), False)
        if code in (gdb.TYPE_CODE_INT, gdb.TYPE_CODE_ENUM, gdb.TYPE_CODE_BOOL, gdb.TYPE_CODE_CHAR):
            signed = bool(getattr(t, "is_signed", True))
            return ("int", int(t.sizeof), signed)
        if code == gdb.TYPE_CODE_VOID:
            return ("void", 0, False)
        return ("other", 0, False)

    # -- events (inside breakpoint stop() callbacks: no breakpoint changes here) ------

    def comm(self, tid: int, refresh: bool = False) -> str:
        name = self.comms.get(tid)
        if name is None or refresh:
            try:
                with open(f"/proc/{self.pid}/task/{tid}/comm", "rb") as f:
                    name = f.read().rstrip(b"\n").decode("utf-8", "surrogateescape")
            except OSError:
                name = name or "?"
            self.comms[tid] = name
        return name

    def on_entry(self, tid: int, fn: Fn) -> bool:
        """Push a call; True when its return address needs a new breakpoint (a real stop).

        A callee (following) is traced only inside a call of FUNCTION, down to the depth."""
        gdb = self.gdb
        stack = self.stacks.setdefault(tid, [])
        if fn.depth and (not stack or stack[-1].depth >= self.follow_depth):
            return False
        fn.counts.entry += 1
        frame = gdb.newest_frame()
        caller = frame.older()
        while caller is not None and caller.type() == gdb.TAILCALL_FRAME:
            caller = caller.older()
        if caller is None:
            return False  # the outermost frame: it never returns
        return_address = int(caller.pc())
        cfa = int(caller.read_register("sp")) & MASK64
        # Calls at or below this frame's CFA are dead (their frames were reused). When
        # following, a call at the same CFA is a tail call (`return f(x)` as a `jmp` at
        # -O2): f took over its caller's frame and returns for both.
        while stack and (stack[-1].cfa < cfa if self.follow_depth else stack[-1].cfa <= cfa):
            stack.pop()
            self.lost_returns += 1
        if fn.depth and not stack:
            return False
        call = Call(cfa, return_address, self.comm(tid, refresh=True), fn=fn)
        if self.follow_depth and stack:
            parent = stack[-1]
            call.parent = parent
            call.depth = parent.depth + 1
            call.parent_step = parent.steps
            call.call_line = parent.lines[-1].split(" ", 2)[1] if parent.lines else None
        stack.append(call)
        site = self.sites.get(return_address)
        if site is None or not site.returns:
            self.new_return_sites.add(return_address)
            return True
        return False

    def on_return(self, tid: int) -> None:
        gdb = self.gdb
        stack = self.stacks.get(tid)
        if not stack:
            return
        frame = gdb.newest_frame()
        sp = int(frame.read_register("sp")) & MASK64
        while stack and stack[-1].cfa < sp:
            stack.pop()
            self.lost_returns += 1
        if not stack or stack[-1].cfa != sp:
            return  # another function returning to the same call site
        while stack and stack[-1].cfa == sp:
            self._returned(tid, stack.pop(), frame)
            if not self.follow_depth:
                break

    def _returned(self, tid: int, call: Call, frame: Any) -> None:
        fn = call.fn or self.root
        value, shown = self._return_value(frame, fn.ret_kind)
        if fn is not self.root:
            self._finish_callee(call, shown)
            return
        hit = return_matches(self.condition, value, self.say)
        if hit:
            self.counts.exit_hit += 1
            self._commit(tid, call, shown)
        else:
            self.counts.exit_miss += 1
        if call.parent is not None:
            self._finish_callee(call, shown)   # FUNCTION called below itself
        elif hit and self.follow_depth:
            self._write_follow(tid, call)

    def _return_value(self, frame: Any, ret_kind: tuple[str, int, bool]) -> tuple[int | None, str]:
        kind, size, signed = ret_kind
        if kind not in ("int", "ptr"):
            return None, "?"
        reg = RETURN_REGISTERS.get(frame.architecture().name())
        if reg is None:
            return None, "?"
        raw = int(frame.read_register(reg)) & MASK64
        if kind == "ptr":
            value = to_width(raw, size, False)
            return value, hex(value)
        value = to_width(raw, size, signed)
        return value, str(value)

    def _commit(self, tid: int, call: Call, shown: str) -> None:
        comm = self.comm(tid, refresh=True)
        self.out.write(header_line(comm, tid, self.target, self.function, shown))
        for line in call.lines:
            self.out.write(line)
        call.ordinal = self.printed
        self.printed += 1
        # Shown as soon as committed, as stap's commit() does.
        self.out.flush()

    # -- following the errno ------------------------------------------------------------

    def _finish_callee(self, call: Call, shown: str) -> None:
        """Keep a finished call under its parent: the last MAX_CALLS_PER_SITE per call
        line and callee, at most MAX_FOLLOW_CALLS under one call of FUNCTION."""
        parent = call.parent
        if parent is None:
            return
        fn = call.fn or self.root
        top = parent
        while top.parent is not None:
            top = top.parent
        if top.kept >= MAX_FOLLOW_CALLS:
            self.follow_dropped += 1
            return
        record = {"function": fn.name, "call_line": call.call_line, "parent_step": call.parent_step,
                  "depth": call.depth, "comm": call.comm, "return": shown,
                  "ordinal": call.ordinal,
                  # A call of FUNCTION printed in the trace is found there by its ordinal.
                  "lines": list(call.lines) if call.ordinal is None else [],
                  "children": call.children}
        kept = parent.children.setdefault((call.call_line or "", fn.name),
                                          deque(maxlen=MAX_CALLS_PER_SITE))
        if len(kept) == kept.maxlen:
            self.follow_dropped += 1
        kept.append(record)
        top.kept += 1

    def _write_follow(self, tid: int, call: Call) -> None:
        """A failing call of FUNCTION and every callee call kept below it, one JSON line
        each (parents first), appended to ``follow_path``."""
        if not self.follow_path:
            return
        self.record_id += 1
        root_id = self.record_id
        out = [{"id": root_id, "parent": None, "function": self.function, "tid": tid,
                "ordinal": call.ordinal, "depth": 0}]
        todo = [(root_id, call.children)]
        while todo:
            parent_id, children = todo.pop(0)
            for record in sorted((r for kept in children.values() for r in kept),
                                 key=lambda r: r["parent_step"]):
                self.record_id += 1
                item = {k: v for k, v in record.items() if k != "children"}
                item.update(id=self.record_id, parent=parent_id, tid=tid)
                out.append(item)
                todo.append((self.record_id, record["children"]))
        with open(self.follow_path, "a", encoding="utf-8", errors="surrogateescape") as f:
            for item in out:
                f.write(json.dumps(item, sort_keys=True) + "\n")

    def on_statement(self, tid: int, site: Any) -> None:
        gdb = self.gdb
        fn = site.owner or self.root
        fn.counts.statement += len(site.lines)
        stack = self.stacks.get(tid)
        if not stack:
            return
        frame = gdb.newest_frame()
        sp = int(frame.read_register("sp")) & MASK64
        while stack and stack[-1].cfa <= sp:
            stack.pop()  # a frame the program left without returning (longjmp)
            self.lost_returns += 1
        if not stack or (stack[-1].fn or self.root) is not fn:
            return  # a traced function called where it is not followed
        call = stack[-1]
        if self.variable_c is not None and fn is self.root:
            # VARIABLE names FUNCTION's variable: its callees print their $$vars.
            text = f"{self.variable}: {self._variable_value(frame)}"
        else:
            text = vars_text((n, self._value(s, k, frame)) for n, s, k in site.symbols)
        prefix = f"{call.comm}[{tid}] "
        for where in site.lines:
            call.lines.append(f"{prefix}{where} {text}\n")
        call.steps += len(site.lines)

    def _value(self, sym: Any, kind: str, frame: Any) -> str:
        if kind != SCALAR:
            return kind  # stap prints {...} and [...] whatever the location says
        try:
            v = sym.value(frame)
            if v.is_optimized_out:
                return "?"
            return hex(int(v) & MASK64)
        except (self.gdb.error, self.gdb.MemoryError, ValueError):
            return "?"

    def _variable_value(self, frame: Any) -> str:
        gdb = self.gdb
        try:
            v = gdb.parse_and_eval(self.variable_c)
            if v.is_optimized_out:
                return "?"
            kind = self._kind(v.type)
            if not self.pretty_variable:
                return kind if kind != SCALAR else hex(int(v) & MASK64)
            return _pretty(gdb, v)
        except (gdb.error, gdb.MemoryError, ValueError, RuntimeError):
            return "?"

    # -- the run ------------------------------------------------------------------------

    def run(self) -> dict[str, Any]:
        gdb = self.gdb
        status: dict[str, Any] = {"ended": "error"}
        interrupted = False

        def on_stop(event: Any) -> None:
            if isinstance(event, gdb.SignalEvent):
                self.last_signal = self.program_signal = str(event.stop_signal)

        def on_exit(event: Any) -> None:
            self.exited = True
            if hasattr(event, "exit_code"):
                self.exit_code = int(event.exit_code)

        gdb.events.stop.connect(on_stop)
        gdb.events.exited.connect(on_exit)
        try:
            self.start()
            while not self.exited and gdb.selected_inferior().pid:
                self.last_signal = None
                text = gdb.execute("continue", to_string=True)
                self._relay_gdb(text)
                if self.new_return_sites:
                    self._create_return_sites()
                if self.pending:
                    self.resolve_pending()
                    if not self.pending:
                        gdb.execute("set stop-on-solib-events 0", to_string=True)
                if self.last_signal == "SIGINT" or self.interrupted:
                    interrupted = True
                    break
        except KeyboardInterrupt:
            interrupted = True
        except gdb.error as e:
            if "Quit" in str(e):
                interrupted = True
            else:
                status["message"] = str(e)
                self.say(f"error: {e}")
        except Exception as e:  # keep whatever was traced; say what broke
            status["message"] = f"{type(e).__name__}: {e}"
            self.say("error: " + "".join(traceback.format_exception_only(type(e), e)).strip())
        in_flight = self._flush_in_flight()
        self.out.write(self.counts.statistics())
        self.out.flush()
        if interrupted:
            status["ended"] = "interrupted"
        elif self.exited:
            status["ended"] = "exited" if self.exit_code is not None else "killed"
        status.update(
            exit_code=self.exit_code,
            signal=self.program_signal,
            in_flight=in_flight,
            lost_returns=self.lost_returns,
            entry=self.counts.entry,
            exit_hit=self.counts.exit_hit,
            exit_miss=self.counts.exit_miss,
            statement=self.counts.statement,
        )
        if self.follow_depth:
            self._report_follow()
            status["follow"] = {
                "dropped": self.follow_dropped,
                "functions": {
                    fn.name: {"file": fn.file, "line": fn.line, "depth": fn.depth,
                              "probed_lines": [[fn.file, n] for n in fn.probed],
                              "statistics": fn.counts.statistics()}
                    for fn in self.fns.values() if fn.depth},
                "not_followed": {k: v for k, v in sorted(self.skipped.items())
                                 if k not in self.fns},
            }
        if not self.exited:
            try:
                if self.config.get("pid"):
                    for site in list(self.sites.values()):
                        site.delete()
                    gdb.execute("detach", to_string=True)
                    status["detached"] = True
                else:
                    gdb.execute("kill", to_string=True)
            except gdb.error:
                pass
        return status

    def _relay_gdb(self, text: str) -> None:
        """What gdb printed while the program ran ("[Thread debugging using
        libthread_db enabled]", "[New Thread ...]"): archived, not shown live."""
        for line in text.splitlines():
            if line.strip() and not line.startswith("Continuing."):
                self.chatter(line)

    def _create_return_sites(self) -> None:
        cls = _site_class(self.gdb)
        for address in sorted(self.new_return_sites):
            site = self.sites.get(address)
            if site is None:
                site = cls(address, self)
                self.sites[address] = site
            site.returns = True
        self.new_return_sites.clear()

    def _flush_in_flight(self) -> int:
        n = 0
        for tid in sorted(self.stacks):
            stack = self.stacks[tid]
            # Innermost first: the order in which they would have returned.
            for call in reversed(stack):
                if (call.fn or self.root) is not self.root:
                    self._finish_callee(call, "?")
                    continue
                self.out.write(header_line(call.comm, tid, self.target, self.function, "?"))
                for line in call.lines:
                    self.out.write(line)
                call.ordinal = self.printed
                self.printed += 1
                n += 1
                if call.parent is not None:
                    self._finish_callee(call, "?")
                elif self.follow_depth:
                    self._write_follow(tid, call)
            stack.clear()
        return n


def _pretty(gdb: Any, v: Any) -> str:  # pragma: no cover - runs inside gdb
    """stap's pretty ``$var$`` form: decimal integers, hex pointers, quoted strings,
    ``{.a=1, .b=2}`` structs, ``[1, 2]`` arrays."""
    t = v.type.strip_typedefs()
    code = t.code
    if code == gdb.TYPE_CODE_PTR:
        target = t.target().strip_typedefs()
        address = int(v) & MASK64
        is_char = target.code in (gdb.TYPE_CODE_INT, gdb.TYPE_CODE_CHAR) and target.sizeof == 1
        if is_char and address:
            try:
                return json.dumps(v.string(length=-1)[:200])
            except (gdb.error, gdb.MemoryError, UnicodeDecodeError):
                return hex(address)
        return hex(address)
    if code in (gdb.TYPE_CODE_STRUCT, gdb.TYPE_CODE_UNION):
        items = []
        for f in t.fields():
            if f.name is None:
                continue
            try:
                items.append(f".{f.name}={_pretty(gdb, v[f.name])}")
            except (gdb.error, gdb.MemoryError):
                items.append(f".{f.name}=?")
        return "{" + ", ".join(items) + "}"
    if code == gdb.TYPE_CODE_ARRAY:
        low, high = t.range()
        shown = range(low, min(high, low + 15) + 1)  # stap too prints only the start
        return "[" + ", ".join(_pretty(gdb, v[i]) for i in shown) + "]"
    if code in (gdb.TYPE_CODE_INT, gdb.TYPE_CODE_ENUM, gdb.TYPE_CODE_BOOL, gdb.TYPE_CODE_CHAR):
        return str(int(v))
    return "?"


_SITE_CLASS: Any = None


def _site_class(gdb: Any) -> Any:  # pragma: no cover - runs inside gdb
    """The breakpoint class, made on first use: ``gdb`` exists only inside gdb."""
    global _SITE_CLASS
    if _SITE_CLASS is not None:
        return _SITE_CLASS

    class Site(gdb.Breakpoint):  # type: ignore[misc]
        """One address of FUNCTION's: its entry, statement lines, and/or a return site.

        Roles are handled in the order things happen at that address: a return into
        it, then an entry, then the statements."""

        def __init__(self, address: int, tracer: _Tracer) -> None:
            super().__init__(f"*{address:#x}", internal=True)
            self.silent = True
            self.tracer = tracer
            self.entry: Fn | None = None   # the function whose entry this is
            self.owner: Fn | None = None   # the function whose statements these are
            self.returns = False
            self.lines: list[str] = []
            self.symbols: list[tuple[str, Any, str]] = []

        def stop(self) -> bool:
            tracer = self.tracer
            try:
                tid = int(gdb.selected_thread().ptid[1])
                stop = False
                if self.returns:
                    tracer.on_return(tid)
                if self.entry is not None:
                    stop = tracer.on_entry(tid, self.entry)
                if self.lines:
                    tracer.on_statement(tid, self)
                return stop
            except KeyboardInterrupt:
                # Ctrl-C reached gdb while this callback ran: gdb turned it into
                # KeyboardInterrupt here, so the main loop must learn of it this way.
                tracer.interrupted = True
                return True

    _SITE_CLASS = Site
    return Site


if __name__ == "__main__":
    main()
