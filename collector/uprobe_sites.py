"""The probes of a traced function: its statement addresses (``collector.uprobe_dwarf``)
with the locations of their variables from ``perf probe -D``, as uprobe event lines.

This module owns asking perf and turning what it says into a ``Plan``: one ``Site``
per statement address (its lines, whether it is the entry, and for each variable in
scope the kernel fetch argument that reads it, e.g. ``-20(%bp):s32``), the return
probe's type, and the addresses perf could not probe at all (reported like stap's
registration failures). perf computes locations from DWARF (frame base, location
lists, CFA): the one thing this backend leaves to it.

How perf is asked: ``perf probe -x BIN -D 'FUNC+OFF $vars' ...`` (at most
``PERF_BATCH`` probe points per run; a run in which one point fails says nothing of
the others, so a failing batch is split in halves until the failing points are
found). Every definition is matched to an address by its file offset. Two places
need another spelling: the entry at -O0, where perf moves ``FUNC`` with variables
past the prologue (there ``FILE:DECL_LINE`` reaches the entry itself), and code
outside the function's symbol (``.cold`` parts), asked for as ``FILE:LINE``. An
address perf cannot place with its variables (code of FUNCTION inlined into itself,
where perf 6.1 takes ``FUNC+OFF`` as an offset into every inlined copy) is probed by
its file offset alone, its variables printing ``?``. A line goes unprobed only when
the kernel refuses its probe (``collector.uprobe_tracer`` reports it in stap's words).

Others call ``find_perf()``, ``make_plan(perf, program, info, image, variable)``,
``Plan.shared_events()``, ``Plan.line(...)``, ``Plan.return_line(...)``,
``Plan.to_json()`` / ``Plan.from_json()``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from collector.gdb_tracer import stap_variable_to_c
from collector.uprobe_dwarf import SCALAR, ElfImage, FunctionInfo, Statement, Variable
from collector.uprobe_tracefs import UprobeTraceError

PERF_BATCH = 64          # probe points per `perf probe -D` run (perf refuses > 128)
PERF_TIMEOUT = 120.0     # one perf run reading a big binary's DWARF
EM_386, EM_X86_64 = 3, 62
# DWARF register numbers as the kernel's fetch arguments name them (x86-64 psABI).
X86_64_REGISTERS = ("ax", "dx", "cx", "bx", "si", "di", "bp", "sp", "r8", "r9", "r10", "r11",
                    "r12", "r13", "r14", "r15")
# Bytes between the stack pointer at a function's first instruction and its caller's
# stack pointer after the return (the CFA): the return address the call pushed.
ENTRY_SP_TO_CFA = {EM_X86_64: 8, EM_386: 4}
DEFINITION = re.compile(r"^([pr])\d*:(\S+?)/(\S+) (.+?):(0x[0-9a-fA-F]+)(?= |$)(.*)$")


@dataclass(frozen=True)
class Fetch:
    """One value a statement prints: its name, kind, pretty form and how the kernel
    reads it (``fetch`` ``None``: not read: a struct, an array, or not available
    there), plus ``add`` to what it read, or the ``const`` DWARF knows; the value is
    then wrapped to ``size`` bytes (``signed``) as the C type holds it."""

    name: str
    kind: str
    form: str = ""
    fetch: str | None = None
    add: int = 0
    const: int | None = None
    size: int = 0
    signed: bool = False
    pointer: str | None = None   # a string's pointer too: NULL prints 0x0, as gdb does


@dataclass(frozen=True)
class Site:
    event: str
    address: int
    offset: int
    lines: tuple[int, ...]
    entry: bool
    fields: tuple[Fetch, ...]


@dataclass(frozen=True)
class Unprobed:
    address: int
    offset: int
    lines: tuple[int, ...]
    reason: str


@dataclass(frozen=True)
class Plan:
    function: str
    file: str
    decl_line: int
    entry_offset: int
    returns: tuple[str, int, bool]
    sites: tuple[Site, ...]
    unprobed: tuple[Unprobed, ...]
    variable: str | None
    pretty: bool
    cfa_delta: int
    pointer_bits: int
    notes: tuple[str, ...] = ()

    def _args(self, site: Site) -> list[str]:
        args = [f"sp=%sp:u{self.pointer_bits}"]
        if site.entry:
            args.append("comm=$comm:string")
        args += [f"v{i}={f.fetch}" for i, f in enumerate(site.fields) if f.fetch]
        args += [f"p{i}={f.pointer}" for i, f in enumerate(site.fields) if f.pointer]
        return args

    def line(self, group: str, event: str, site: Site, path: str) -> str:
        """The ``uprobe_events`` line of one site's probe under ``event``."""
        return f"p:{group}/{event} {path}:{site.offset:#x} " + " ".join(self._args(site))

    def return_line(self, group: str, path: str) -> str:
        """The return probe: the stack pointer (the frame's CFA), comm, ``$return``."""
        ret = [f"sp=%sp:u{self.pointer_bits}", "comm=$comm:string"]
        kind, size, signed = self.returns
        if kind in ("int", "ptr") and size in (1, 2, 4, 8):
            ret.append(f"ret=$retval:{'s' if signed else 'u'}{size * 8}")
        return f"r:{group}/ret {path}:{self.entry_offset:#x} " + " ".join(ret)

    def shared_events(self) -> list[tuple[str, list[Site]]]:
        """The probe events: the entry's own (``entry``), then one per set of sites whose
        arguments have the same names and types (``s0``, ``s1``, ...). The kernel keeps
        probes of one event name with the same arguments as one event, and disabling an
        event waits for one RCU grace period (about 40 ms here) however many probes it
        holds: one event per address would cost that per statement at every exit."""
        out: list[tuple[str, list[Site]]] = []
        by_key: dict[tuple[str, ...], list[Site]] = {}
        for site in self.sites:
            if site.entry:
                out.append(("entry", [site]))
                continue
            key = tuple(a.split("=", 1)[0] + ":" + a.rsplit(":", 1)[-1] if ":" in a else a
                        for a in self._args(site))
            by_key.setdefault(key, []).append(site)
        out += [(f"s{n}", sites) for n, sites in enumerate(by_key.values())]
        return out

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Plan:
        sites = tuple(Site(s["event"], s["address"], s["offset"], tuple(s["lines"]), s["entry"],
                           tuple(Fetch(**f) for f in s["fields"])) for s in data["sites"])
        unprobed = tuple(Unprobed(u["address"], u["offset"], tuple(u["lines"]), u["reason"])
                         for u in data["unprobed"])
        rest = {k: v for k, v in data.items() if k not in ("sites", "unprobed")}
        rest["returns"] = tuple(rest["returns"])
        rest["notes"] = tuple(rest.get("notes", ()))
        return cls(sites=sites, unprobed=unprobed, **rest)


def find_perf(path: str | None = None) -> str:
    found = shutil.which("perf", path=path)
    if found is None:
        raise UprobeTraceError(
            "perf not found on PATH: install it (Debian: apt-get install linux-perf;"
            " Ubuntu: apt-get install linux-tools-$(uname -r); Fedora: dnf install perf)"
        )
    return found


@dataclass(frozen=True)
class Definition:
    """A line ``perf probe -D`` printed: where, and its arguments (name, fetch)."""

    offset: int
    args: tuple[tuple[str, str], ...]


def parse_definition(line: str) -> Definition | None:
    """One line of ``perf probe -D``.

    >>> parse_definition("p:probe_dr/check_arg /tmp/a b/dr:0x1153 value=-20(%bp):s32 d=%ax:x32")
    Definition(offset=4435, args=(('value', '-20(%bp):s32'), ('d', '%ax:x32')))
    >>> parse_definition("Target program is compiled without optimization.") is None
    True
    """
    m = DEFINITION.match(line.strip())
    if m is None:
        return None
    args = tuple((a.split("=", 1)[0], a.split("=", 1)[1]) for a in m.group(6).split() if "=" in a)
    return Definition(int(m.group(5), 16), args)


def _perf_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DEBUGINFOD_URLS", None)   # no network look-ups while placing probes
    return env


def _run_perf(perf: str, binary: str, specs: Sequence[str]) -> tuple[list[Definition] | None, str]:
    argv = [perf, "probe", "-x", binary]
    for spec in specs:
        argv += ["-D", spec]
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=PERF_TIMEOUT,
                              env=_perf_env(), stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired:
        return None, f"perf probe took more than {PERF_TIMEOUT:.0f} s"
    except OSError as e:
        raise UprobeTraceError(f"cannot run {perf}: {e.strerror}") from e
    if proc.returncode != 0:
        lines = [x.strip() for x in proc.stderr.splitlines() if x.strip()]
        return None, " / ".join(lines[-3:]) or f"perf probe exited with {proc.returncode}"
    defs = [d for d in map(parse_definition, proc.stdout.splitlines()) if d is not None]
    return defs, ""


def ask_perf(perf: str, binary: str,
             specs: Sequence[str]) -> tuple[list[Definition], dict[str, str]]:
    """Definitions for ``specs``; the specs perf refused, with what it said."""
    found: list[Definition] = []
    refused: dict[str, str] = {}
    todo = [list(specs[i:i + PERF_BATCH]) for i in range(0, len(specs), PERF_BATCH)]
    while todo:
        batch = todo.pop()
        defs, why = _run_perf(perf, binary, batch)
        if defs is not None:
            found += defs
        elif len(batch) == 1:
            refused[batch[0]] = why
        else:
            todo += [batch[:len(batch) // 2], batch[len(batch) // 2:]]
    return found, refused


@dataclass
class _Want:
    """One statement address still looking for its definition."""

    statement: Statement
    offset: int
    specs: list[str]          # spellings still to try, in order


def _spellings(info: FunctionInfo, s: Statement, args: str, size: int) -> list[str]:
    at = f"{info.file}:"
    own = 0 <= s.address - info.entry < max(size, 1)
    if s.address == info.entry:
        first = [f"{at}{info.decl_line}", info.name]
    elif own:
        first = [f"{info.name}+{s.address - info.entry}"]
    else:
        first = []
    return [f"{spec} {args}" for spec in [*first, *(f"{at}{n}" for n in s.lines)]]


def _args(variable: str | None, pretty: bool, form: str) -> str:
    if variable is None:
        return "$vars"
    expr = stap_variable_to_c(variable)
    return f"{expr} {expr}:string" if pretty and form == "string" else expr


def _variable_form(info: FunctionInfo, variable: str | None) -> tuple[str, str]:
    """The kind and pretty form of VARIABLE when it names a variable of FUNCTION."""
    if variable is None:
        return SCALAR, ""
    expr = stap_variable_to_c(variable)
    for s in info.statements:
        for v in s.variables:
            if v.name == expr:
                return v.kind, v.form
    return SCALAR, ""


def make_plan(perf: str, binary: str, info: FunctionInfo, image: ElfImage,
              variable: str | None = None, symbol_size: int = 0) -> Plan:
    """Ask perf where FUNCTION's variables are at each of its statement addresses."""
    pretty = bool(variable and variable.strip().endswith("$") and
                  not variable.strip().endswith("$$"))
    var_kind, var_form = _variable_form(info, variable)
    args = _args(variable, pretty, var_form) if var_kind == SCALAR else ""
    entry_offset = image.file_offset(info.entry)
    if entry_offset is None:
        raise UprobeTraceError(f"{binary}: the entry of {info.name} ({info.entry:#x}) is in"
                               " no loaded segment of the file")
    wants: list[_Want] = []
    unprobed: list[Unprobed] = []
    for s in info.statements:
        offset = image.file_offset(s.address)
        if offset is None:
            unprobed.append(Unprobed(s.address, -1, s.lines, "not in a loaded segment"))
            continue
        # perf 6.1 reads the variables of a copy of FUNCTION inlined into itself where
        # the outer copy keeps them (wrong values): only this module's own readings of
        # registers, memory at a register and constants are used there.
        asked = bool(args) and not s.inlined
        wants.append(_Want(s, offset, _spellings(info, s, args, symbol_size) if asked else []))
    found = _resolve(perf, binary, wants)
    sites = []
    for want in wants:
        if want.offset not in found:
            continue
        definition, bare = found[want.offset]
        fields = _fields(want.statement.variables, definition, bare, variable,
                         (var_kind, var_form), image.machine)
        sites.append(Site(f"s{want.offset:x}", want.statement.address, want.offset,
                          want.statement.lines, want.statement.address == info.entry,
                          fields))
    if not any(site.entry for site in sites):
        sites.insert(0, Site("entry", info.entry, entry_offset, (), True, ()))
    notes = _notes(info, sites, {w.statement.address: w.statement for w in wants}) \
        if variable is None else ()
    return Plan(info.name, info.file, info.decl_line, entry_offset, info.returns, tuple(sites),
                tuple(unprobed), variable, pretty, ENTRY_SP_TO_CFA.get(image.machine, 0),
                64 if image.is64 else 32, notes)


def _notes(info: FunctionInfo, sites: Sequence[Site], variables: dict[int, Statement]
           ) -> tuple[str, ...]:
    """What the trace will not show: variables DWARF places that no probe reads."""
    missed: set[int] = set()
    for site in sites:
        statement = variables.get(site.address)
        if statement is None:
            continue
        for v, f in zip(statement.variables, site.fields, strict=True):
            if v.kind == SCALAR and v.where != "none" and f.fetch is None and f.const is None:
                missed.update(site.lines)
    if not missed:
        return ()
    return (f"perf probe gave no location for some variables at {info.file}:"
            f"{','.join(map(str, sorted(missed)))}: they print ?",)


def _resolve(perf: str, binary: str, wants: list[_Want]) -> dict[int, tuple[Definition, bool]]:
    """Each address's definition, and whether it came without the variables: perf is
    asked the next spelling of the addresses still missing, round after round; an
    address perf cannot place at all is probed by its offset alone."""
    found: dict[int, tuple[Definition, bool]] = {}
    pending = [w for w in wants if w.specs]
    for w in wants:
        if not w.specs:
            found[w.offset] = (Definition(w.offset, ()), True)
    while pending:
        specs = [w.specs[0] for w in pending]
        defs, _ = ask_perf(perf, binary, sorted(set(specs)))
        by_offset: dict[int, Definition] = {}
        for d in defs:
            by_offset.setdefault(d.offset, d)
        still: list[_Want] = []
        for w in pending:
            hit = by_offset.get(w.offset)
            if hit is not None:
                found[w.offset] = (hit, False)
                continue
            w.specs.pop(0)
            if w.specs:
                still.append(w)
            else:
                found[w.offset] = (Definition(w.offset, ()), True)
        pending = still
    return found


def _fields(variables: Sequence[Variable], d: Definition, bare: bool, variable: str | None,
            var: tuple[str, str], machine: int) -> tuple[Fetch, ...]:
    if variable is not None:
        fetches = [f for _, f in d.args] if not bare and var[0] == SCALAR else []
        if len(fetches) == 2:   # a pretty string: the pointer, then the string
            return (Fetch(variable, var[0], var[1], fetches[1], pointer=fetches[0]),)
        named = next((v for v in variables if v.name == stap_variable_to_c(variable)), None)
        if named is not None:   # one of FUNCTION's variables: read as in $$vars
            return (replace(_fetch(named, fetches[0] if fetches else None, machine),
                            name=variable),)
        return (Fetch(variable, var[0], var[1], fetches[0] if fetches else None),)
    located: dict[str, str] = {}
    for name, fetch in d.args:
        located[name] = fetch   # the last of a name: perf lists inner blocks last
    return tuple(_fetch(v, None if bare else located.get(v.name), machine) for v in variables)


def _fetch(v: Variable, perf_fetch: str | None, machine: int) -> Fetch:
    """How the tracer reads ``v`` (``uprobe_dwarf.read_as``)."""
    if v.kind != SCALAR or v.where == "none":
        return Fetch(v.name, v.kind, v.form)
    signed = v.form == "signed"
    if v.where == "const":
        return Fetch(v.name, v.kind, v.form, const=v.value, size=v.size, signed=signed)
    if v.where in ("reg", "mem"):
        if machine != EM_X86_64 or not 0 <= v.register < len(X86_64_REGISTERS):
            return Fetch(v.name, v.kind, v.form, perf_fetch)
        bits = max(v.size, 1) * 8
        reg = f"%{X86_64_REGISTERS[v.register]}"
        if v.where == "reg":
            return Fetch(v.name, v.kind, v.form, f"{reg}:u{bits}", v.value, size=v.size,
                         signed=signed)
        kind = "s" if signed else "u"
        return Fetch(v.name, v.kind, v.form, f"{v.value:+d}({reg}):{kind}{bits}", size=v.size,
                     signed=signed)
    return Fetch(v.name, v.kind, v.form, perf_fetch)
