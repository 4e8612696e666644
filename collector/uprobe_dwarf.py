"""What a function's debug info says, read with the standard library (uprobe backend).

This module owns reading the DWARF (versions 2 to 5) of one function of an ELF file:
its source file and declaration line, entry address, address ranges, return type,
its statement lines (the line table, as gdb 13 builds it) and, at each statement
address, the variables in scope in gdb's ``$$vars`` order with the kind of each
(scalar, ``{...}``, ``[...]`` or ``?``). Where the variables *are* (DWARF location
expressions) is left to ``perf probe`` (``collector.uprobe_sites``). The collector
runs on production boxes without pyelftools, hence this reader.

Others call:

- ``load_function(path, name)``: a ``FunctionInfo``, or ``NoDebugInfo``,
  ``FunctionNotFound`` (with the file's function names, to suggest close ones) or
  ``FunctionWithoutDebugInfo``; ``DwarfError`` when the file cannot be read.
- ``ElfImage(path)``: sections (decompressed), symbols, load segments
  (``file_offset(vaddr)``: where uprobes want a probe), the machine.
- ``debug_file_for(image)``: the separate debug file (``/usr/lib/debug/.build-id``,
  ``.gnu_debuglink``) when the file itself has no ``.debug_info``.

Statement lines follow gdb so that both backends probe the same addresses: rows of
the function's own source file, inside its address ranges but outside the code of
functions inlined into it, at or after its declaration line, ``is_stmt``; a row that
repeats the previous line of the same file is dropped when that line carries a
non-zero discriminator (gdb's ``dwarf_record_line_p``, PR 17276), and rows at the
address where their file's sequence ends are dropped (gdb's ``record_line``).
Variables in scope: innermost lexical block first (its names sorted by declaration
line, as gdb's hashed blocks are), then the function's parameters and locals in
DWARF order; an inner name hides an outer one; constants folded away
(``DW_AT_const_value``) and declarations are no variables, as in gdb.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from collector.elf import ElfError, _ElfFile, build_id_from_elf
from collector.errors import ErrtrailError

# Where distributions install separate debug files (Debian's -dbgsym, Fedora's
# -debuginfo): by build-id first, then next to the .gnu_debuglink name.
DEBUG_ROOT = Path("/usr/lib/debug")

SHT_SYMTAB, SHT_NOBITS, SHT_DYNSYM = 2, 8, 11
SHF_COMPRESSED = 0x800
ELFCOMPRESS_ZLIB = 1
PT_LOAD = 1
STT_FUNC, STT_GNU_IFUNC = 2, 10
STB_LOCAL = 0

# DWARF tags, attributes and forms this reader looks at (DWARF 5, section 7).
TAG_ARRAY, TAG_CLASS, TAG_ENUM, TAG_PARAM = 0x01, 0x02, 0x04, 0x05
TAG_LEXICAL_BLOCK, TAG_POINTER, TAG_REFERENCE, TAG_COMPILE_UNIT = 0x0B, 0x0F, 0x10, 0x11
TAG_STRUCT, TAG_TYPEDEF, TAG_UNION, TAG_INLINED = 0x13, 0x16, 0x17, 0x1D
TAG_BASE, TAG_CONST, TAG_ENUMERATOR, TAG_SUBPROGRAM = 0x24, 0x26, 0x28, 0x2E
TAG_VARIABLE, TAG_VOLATILE, TAG_RESTRICT, TAG_PARTIAL_UNIT = 0x34, 0x35, 0x37, 0x3C
TAG_ATOMIC, TAG_IMMUTABLE = 0x47, 0x4B
QUALIFIERS = frozenset({TAG_TYPEDEF, TAG_CONST, TAG_VOLATILE, TAG_RESTRICT, TAG_ATOMIC,
                        TAG_IMMUTABLE})
AT_NAME, AT_BYTE_SIZE, AT_STMT_LIST, AT_LOW_PC, AT_HIGH_PC = 0x03, 0x0B, 0x10, 0x11, 0x12
AT_COMP_DIR, AT_CONST_VALUE, AT_PRODUCER, AT_ABSTRACT_ORIGIN = 0x1B, 0x1C, 0x25, 0x31
AT_DECL_FILE, AT_DECL_LINE, AT_DECLARATION, AT_ENCODING = 0x3A, 0x3B, 0x3C, 0x3E
AT_SPECIFICATION, AT_TYPE, AT_RANGES = 0x47, 0x49, 0x55
AT_STR_OFFSETS_BASE, AT_ADDR_BASE, AT_RNGLISTS_BASE = 0x72, 0x73, 0x74
AT_LOCATION, AT_LOCLISTS_BASE = 0x02, 0x8C
HIGH_PC_IS_OFFSET = -1   # pseudo attribute: DW_AT_high_pc was a constant (an offset)
ATE_BOOLEAN, ATE_FLOAT, ATE_SIGNED, ATE_SIGNED_CHAR = 0x02, 0x04, 0x05, 0x06
ATE_UNSIGNED, ATE_UNSIGNED_CHAR, ATE_UTF = 0x07, 0x08, 0x10
SCALAR_ENCODINGS = frozenset({ATE_BOOLEAN, ATE_SIGNED, ATE_SIGNED_CHAR, ATE_UNSIGNED,
                              ATE_UNSIGNED_CHAR, ATE_UTF, 0x01})
SIGNED_ENCODINGS = frozenset({ATE_SIGNED, ATE_SIGNED_CHAR, 0x0D})

# Kinds of values, as gdb's tracer decides them (collector/gdb_tracer.py).
STRUCT, ARRAY, SCALAR, OTHER = "{...}", "[...]", "scalar", "?"


class DwarfError(ErrtrailError):
    """The debug info cannot be read; the message says which file and why."""


class NoDebugInfo(DwarfError):
    """The file (and any separate debug file) has no DWARF at all."""


class FunctionNotFound(DwarfError):
    """No function of that name; ``names`` are the file's functions."""

    def __init__(self, message: str, names: list[str]) -> None:
        super().__init__(message)
        self.names = names


class FunctionWithoutDebugInfo(DwarfError):
    """The function is in the symbol table, its unit was compiled without -g."""


@dataclass(frozen=True)
class Symbol:
    name: str
    value: int
    size: int
    local: bool


@dataclass(frozen=True)
class Variable:
    """A variable in scope at a statement: its name, how stap prints its kind, and for
    a scalar how its pretty form reads (``signed``, ``unsigned``, ``pointer``, or
    ``string`` for a pointer to char)."""

    name: str
    kind: str
    form: str = ""
    size: int = 0
    where: str = "perf"       # how it is read there: see read_as()
    value: int = 0            # "const": the value; "reg": the offset added to the register
    register: int = -1        # "reg": the DWARF register number


@dataclass(frozen=True)
class Statement:
    """One statement address of the function: its lines (line-table order) and the
    variables in scope there."""

    address: int
    lines: tuple[int, ...]
    variables: tuple[Variable, ...]
    inlined: bool = False     # in a copy of the function inlined into itself


@dataclass(frozen=True)
class FunctionInfo:
    name: str
    file: str                         # the source file as the trace names it
    decl_line: int
    entry: int                        # the entry address (the symbol's value)
    returns: tuple[str, int, bool]    # ("int"|"ptr"|"void"|"other", size, signed)
    return_type: str
    statements: tuple[Statement, ...]
    producer: str | None = None
    debug_file: str = ""


class ElfImage:
    """An ELF file's sections, symbols and load segments (the file stays open)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self._file = open(self.path, "rb")  # noqa: SIM115 - closed by close()
        except OSError as e:
            raise DwarfError(f"cannot read {self.path}: {e.strerror or e}") from e
        try:
            self._elf = _ElfFile(self._file, self.path)
            self.endian: str = "<" if self._elf.byteorder == "little" else ">"
            self.is64 = self._elf.elf_class == 2
            head = self._elf.read(16, 4, "ELF header")
            self.elf_type, self.machine = struct.unpack(self.endian + "HH", head)
            at = 62 if self.is64 else 50
            (shstrndx,) = struct.unpack(self.endian + "H", self._elf.read(at, 2, "ELF header"))
            self.sections = self._read_sections(shstrndx)
        except ElfError as err:
            self._file.close()
            raise DwarfError(str(err)) from err

    def close(self) -> None:
        self._file.close()

    def _read_sections(self, shstrndx: int) -> dict[str, tuple[int, ...]]:
        headers = [self._elf._section(i) for i in range(self._elf.shnum)] \
            if self._elf.shoff else []
        if not headers or shstrndx >= len(headers):
            return {}
        names = headers[shstrndx]
        strtab = self._elf.read(names[4], names[5], "section names")
        out: dict[str, tuple[int, ...]] = {}
        for sh in headers:
            end = strtab.find(b"\0", sh[0])
            name = strtab[sh[0]:end].decode("utf-8", "replace")
            out.setdefault(name, sh)
        return out

    def has(self, name: str) -> bool:
        sh = self.sections.get(name)
        return sh is not None and sh[1] != SHT_NOBITS and sh[5] > 0

    def section(self, name: str) -> bytes:
        """A section's bytes, decompressed (``SHF_COMPRESSED``, zlib); ``b""`` if absent."""
        sh = self.sections.get(name)
        if sh is None or sh[1] == SHT_NOBITS:
            return b""
        data = self._elf.read(sh[4], sh[5], f"section {name}")
        if not sh[2] & SHF_COMPRESSED:
            return data
        chdr = struct.Struct(self.endian + ("IIQQ" if self.is64 else "III"))
        ch_type = chdr.unpack_from(data)[0]
        if ch_type != ELFCOMPRESS_ZLIB:
            raise DwarfError(
                f"{self.path}: section {name} is compressed with type {ch_type} (zstd?),"
                " which this reader cannot undo: decompress it with"
                f" `objcopy --decompress-debug-sections {self.path}`"
            )
        try:
            return zlib.decompress(data[chdr.size:])
        except zlib.error as e:
            raise DwarfError(f"{self.path}: section {name} does not decompress: {e}") from e

    def symbols(self) -> list[Symbol]:
        """Defined functions of ``.symtab`` (else ``.dynsym``)."""
        for table, strings in ((".symtab", ".strtab"), (".dynsym", ".dynstr")):
            data, names = self.section(table), self.section(strings)
            if data:
                return list(self._functions(data, names))
        return []

    def _functions(self, data: bytes, names: bytes) -> Iterator[Symbol]:
        # Elf64_Sym: name info other shndx value size; Elf32_Sym: name value size info
        # other shndx.
        entry = struct.Struct(self.endian + ("IBBHQQ" if self.is64 else "IIIBBH"))
        for at in range(entry.size, len(data) - entry.size + 1, entry.size):
            fields = entry.unpack_from(data, at)
            if self.is64:
                name_at, info, _, shndx, value, size = fields
            else:
                name_at, value, size, info, _, shndx = fields
            if (info & 0xF) not in (STT_FUNC, STT_GNU_IFUNC) or shndx == 0 or not name_at:
                continue
            end = names.find(b"\0", name_at)
            name = names[name_at:end].decode("utf-8", "replace")
            yield Symbol(name, value, size, (info >> 4) == STB_LOCAL)

    def load_segments(self) -> list[tuple[int, int, int]]:
        """``(p_offset, p_vaddr, p_filesz)`` of each PT_LOAD segment."""
        out = []
        elf = self._elf
        for i in range(elf.phnum if elf.phoff else 0):
            ph = elf.phdr.unpack(elf.read(elf.phoff + i * elf.phentsize, elf.phdr.size,
                                          f"program header {i}"))
            if ph[0] != PT_LOAD:
                continue
            if self.is64:
                out.append((ph[2], ph[3], ph[5]))
            else:
                out.append((ph[1], ph[2], ph[4]))
        return out

    def file_offset(self, vaddr: int) -> int | None:
        """The file offset of a virtual address (what ``uprobe_events`` wants)."""
        for offset, start, size in self.load_segments():
            if start <= vaddr < start + size:
                return vaddr - start + offset
        return None


def debug_file_for(image: ElfImage) -> str | None:
    """The separate debug file of ``image`` (by build-id, then ``.gnu_debuglink``)."""
    try:
        build_id = build_id_from_elf(image.path)
    except ElfError:
        build_id = None
    candidates: list[Path] = []
    if build_id and len(build_id) > 2:
        candidates.append(DEBUG_ROOT / ".build-id" / build_id[:2] / f"{build_id[2:]}.debug")
    link = image.section(".gnu_debuglink")
    if link:
        name = link.split(b"\0", 1)[0].decode("utf-8", "replace")
        here = Path(image.path).resolve().parent
        candidates += [here / name, here / ".debug" / name,
                       DEBUG_ROOT / here.relative_to(here.anchor) / name]
    for path in candidates:
        if path.is_file() and os.path.realpath(path) != os.path.realpath(image.path):
            return str(path)
    return None


# -- reading DWARF ----------------------------------------------------------------------


def uleb(data: bytes, at: int) -> tuple[int, int]:
    """An unsigned LEB128 at ``at``: (value, offset after it).

    >>> uleb(bytes([0xe5, 0x8e, 0x26]), 0)
    (624485, 3)
    """
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7


def sleb(data: bytes, at: int) -> tuple[int, int]:
    """A signed LEB128 at ``at``: (value, offset after it).

    >>> sleb(bytes([0xc0, 0xbb, 0x78]), 0)
    (-123456, 3)
    """
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            if byte & 0x40:
                value -= 1 << shift
            return value, at


def cstring(data: bytes, at: int) -> tuple[str, int]:
    end = data.index(b"\0", at)
    return data[at:end].decode("utf-8", "surrogateescape"), end + 1


@dataclass
class Die:
    offset: int
    tag: int
    attrs: dict[int, Any]
    children: list[Die] = field(default_factory=list)


@dataclass
class Unit:
    """One compilation unit: its header, then (once parsed) its DIEs by offset."""

    offset: int
    version: int
    addr_size: int
    offset_size: int
    abbrev_offset: int
    dies_at: int
    end: int
    root: Die | None = None
    by_offset: dict[int, Die] = field(default_factory=dict)
    rnglists_base: int = 12
    loclists_base: int = 12


class Dwarf:
    """The DWARF sections of one ELF file, read on demand."""

    def __init__(self, image: ElfImage) -> None:
        self.image = image
        self.e = image.endian
        self.info = image.section(".debug_info")
        self.abbrev = image.section(".debug_abbrev")
        self._str: dict[str, bytes] = {}
        self._abbrevs: dict[int, dict[int, tuple[int, bool, list[tuple[int, int, int]]]]] = {}

    def sec(self, name: str) -> bytes:
        if name not in self._str:
            self._str[name] = self.image.section(name)
        return self._str[name]

    def units(self) -> Iterator[Unit]:
        at = 0
        while at + 11 <= len(self.info):
            yield (unit := self._unit_header(at))
            at = unit.end

    def _unit_header(self, at: int) -> Unit:
        e, data = self.e, self.info
        (length,) = struct.unpack_from(e + "I", data, at)
        offset_size, head = (4, at + 4)
        if length == 0xFFFFFFFF:
            (length,) = struct.unpack_from(e + "Q", data, head)
            offset_size, head = 8, head + 8
        end = head + length
        (version,) = struct.unpack_from(e + "H", data, head)
        pos = head + 2
        off_fmt = e + ("I" if offset_size == 4 else "Q")
        if version >= 5:
            unit_type, addr_size = data[pos], data[pos + 1]
            (abbrev_offset,) = struct.unpack_from(off_fmt, data, pos + 2)
            pos += 2 + offset_size
            if unit_type in (2, 6):       # type units: a signature and a type offset
                pos += 8 + offset_size
            elif unit_type in (4, 5):     # skeleton and split units: a DWO id
                pos += 8
        else:
            (abbrev_offset,) = struct.unpack_from(off_fmt, data, pos)
            addr_size = data[pos + offset_size]
            pos += offset_size + 1
        return Unit(at, version, addr_size, offset_size, abbrev_offset, pos, end)

    def _abbrev_table(self, offset: int) -> dict[int, tuple[int, bool, list[tuple[int, int, int]]]]:
        table = self._abbrevs.get(offset)
        if table is not None:
            return table
        table = {}
        data, at = self.abbrev, offset
        while True:
            code, at = uleb(data, at)
            if code == 0:
                break
            tag, at = uleb(data, at)
            children = bool(data[at])
            at += 1
            specs: list[tuple[int, int, int]] = []
            while True:
                name, at = uleb(data, at)
                form, at = uleb(data, at)
                implicit = 0
                if form == 0x21:
                    implicit, at = sleb(data, at)
                if name == 0 and form == 0:
                    break
                specs.append((name, form, implicit))
            table[code] = (tag, children, specs)
        self._abbrevs[offset] = table
        return table

    def parse(self, unit: Unit, top_only: bool = False) -> Die:
        """The unit's DIE tree (or only its top DIE), with references made absolute."""
        if unit.root is not None and (top_only or unit.by_offset):
            return unit.root
        unit.root = None
        table = self._abbrev_table(unit.abbrev_offset)
        at = unit.dies_at
        stack: list[Die] = []
        root: Die | None = None
        reader = _FormReader(self, unit)
        while at < unit.end:
            offset = at
            code, at = uleb(self.info, at)
            if code == 0:
                if stack:
                    stack.pop()
                if not stack:
                    break
                continue
            tag, children, specs = table[code]
            attrs, at = reader.read_attrs(specs, at)
            die = Die(offset, tag, attrs)
            unit.by_offset[offset] = die
            if stack:
                stack[-1].children.append(die)
            else:
                root = die
                unit.root = die
                reader.set_bases(attrs)
                if top_only:
                    unit.by_offset = {}
                    return die
            if children:
                stack.append(die)
            elif not stack:
                break
        if root is None:
            raise DwarfError(f"{self.image.path}: an empty compilation unit at {unit.offset:#x}")
        return root


class _FormReader:
    """Reads attribute values of one unit's DIEs (DWARF 5, 7.5.6)."""

    def __init__(self, dwarf: Dwarf, unit: Unit) -> None:
        self.d = dwarf
        self.u = unit
        self.e = dwarf.e
        self.str_offsets_base = 8
        self.addr_base = 8
        self.rnglists_base = 12
        self.loclists_base = 12

    def set_bases(self, attrs: dict[int, Any]) -> None:
        self.str_offsets_base = attrs.get(AT_STR_OFFSETS_BASE, self.str_offsets_base)
        self.addr_base = attrs.get(AT_ADDR_BASE, self.addr_base)
        self.rnglists_base = attrs.get(AT_RNGLISTS_BASE, self.rnglists_base)
        self.loclists_base = attrs.get(AT_LOCLISTS_BASE, self.loclists_base)
        # Indexed forms read before the bases were known are resolved now.
        for key, value in list(attrs.items()):
            if isinstance(value, _Index) and value.kind in ("str", "addr"):
                attrs[key] = self.resolve(value)
        self.u.rnglists_base = self.rnglists_base
        self.u.loclists_base = self.loclists_base

    def resolve(self, value: _Index) -> Any:
        e, size = self.e, self.u.offset_size
        if value.kind == "str":
            table = self.d.sec(".debug_str_offsets")
            at = self.str_offsets_base + value.index * size
            (offset,) = struct.unpack_from(e + ("I" if size == 4 else "Q"), table, at)
            return cstring(self.d.sec(".debug_str"), offset)[0]
        table = self.d.sec(".debug_addr")
        at = self.addr_base + value.index * self.u.addr_size
        return struct.unpack_from(e + ("I" if self.u.addr_size == 4 else "Q"), table, at)[0]

    def read_attrs(self, specs: list[tuple[int, int, int]], at: int) -> tuple[dict[int, Any], int]:
        attrs: dict[int, Any] = {}
        for name, form, implicit in specs:
            value, at = self.read(form, at, implicit)
            if name == AT_HIGH_PC and form not in (0x01, 0x1B, 0x29, 0x2A, 0x2B, 0x2C):
                attrs[HIGH_PC_IS_OFFSET] = True
            if isinstance(value, _Index) and value.kind in ("str", "addr") and \
                    self.u.root is not None:
                value = self.resolve(value)
            attrs[name] = value
        return attrs, at

    def read(self, form: int, at: int, implicit: int = 0) -> tuple[Any, int]:
        data, e, u = self.d.info, self.e, self.u
        if form in (0x27, 0x2B):                       # strx3, addrx3
            index = int.from_bytes(data[at:at + 3], "little" if e == "<" else "big")
            return _Index("str" if form == 0x27 else "addr", index), at + 3
        off = "I" if u.offset_size == 4 else "Q"
        if form in _FIXED:
            fmt, kind = _FIXED[form]
            fmt = fmt.replace("O", off).replace("A", "I" if u.addr_size == 4 else "Q")
            (value,) = struct.unpack_from(e + fmt, data, at)
            at += struct.calcsize(e + fmt)
            if kind == "ref":
                value += u.offset
            elif kind == "strp":
                value = cstring(self.d.sec(".debug_str"), value)[0]
            elif kind == "line_strp":
                value = cstring(self.d.sec(".debug_line_str"), value)[0]
            elif kind == "strx":
                value = _Index("str", value)
            elif kind == "addrx":
                value = _Index("addr", value)
            return value, at
        if form == 0x08:
            return cstring(data, at)
        if form in (0x0F, 0x15, 0x22, 0x23):           # udata, ref_udata, loclistx, rnglistx
            value, at = uleb(data, at)
            if form == 0x15:
                value += u.offset
            elif form in (0x22, 0x23):
                value = _Index("loclist" if form == 0x22 else "rnglist", value)
            return value, at
        if form == 0x0D:
            return sleb(data, at)
        if form in (0x1A, 0x1B, 0x1F01, 0x1F02):       # strx, addrx (and the GNU ones)
            value, at = uleb(data, at)
            return _Index("str" if form in (0x1A, 0x1F02) else "addr", value), at
        if form in (0x09, 0x18):                       # block, exprloc
            size, at = uleb(data, at)
            return data[at:at + size], at + size
        if form in (0x0A, 0x03, 0x04):                 # block1, block2, block4
            fmt = {0x0A: "B", 0x03: "H", 0x04: "I"}[form]
            (size,) = struct.unpack_from(e + fmt, data, at)
            at += struct.calcsize(fmt)
            return data[at:at + size], at + size
        if form == 0x19:
            return True, at
        if form == 0x21:
            return implicit, at
        if form == 0x1E:
            return data[at:at + 16], at + 16
        if form == 0x16:
            real, at = uleb(data, at)
            return self.read(real, at)
        if form == 0x10:                               # ref_addr: DWARF 2 uses an address
            size = u.addr_size if u.version == 2 else u.offset_size
            (value,) = struct.unpack_from(e + ("I" if size == 4 else "Q"), data, at)
            return value, at + size
        raise DwarfError(f"{self.d.image.path}: DWARF form {form:#x} is not known to this reader")


@dataclass(frozen=True)
class _Index:
    kind: str
    index: int


# Fixed-size forms: struct format (O: offset size, A: address size) and what they hold.
_FIXED: dict[int, tuple[str, str]] = {
    0x01: ("A", "addr"), 0x05: ("H", "data"), 0x06: ("I", "data"), 0x07: ("Q", "data"),
    0x0B: ("B", "data"), 0x0C: ("B", "data"), 0x0E: ("O", "strp"), 0x11: ("B", "ref"),
    0x12: ("H", "ref"), 0x13: ("I", "ref"), 0x14: ("Q", "ref"), 0x17: ("O", "data"),
    0x1C: ("I", "data"), 0x1D: ("O", "data"), 0x1F: ("O", "line_strp"), 0x20: ("Q", "data"),
    0x24: ("Q", "data"), 0x25: ("B", "strx"), 0x26: ("H", "strx"), 0x28: ("I", "strx"),
    0x29: ("B", "addrx"), 0x2A: ("H", "addrx"), 0x2C: ("I", "addrx"), 0x1F20: ("O", "data"),
    0x1F21: ("O", "data"),
}


# -- ranges ---------------------------------------------------------------------------


def die_ranges(dwarf: Dwarf, unit: Unit, die: Die) -> list[tuple[int, int]]:
    """The ``[low, high)`` address ranges of a DIE (low/high pc, or DW_AT_ranges)."""
    attrs = die.attrs
    if AT_LOW_PC in attrs and AT_HIGH_PC in attrs:
        low = int(attrs[AT_LOW_PC])
        high = int(attrs[AT_HIGH_PC])
        return [(low, low + high if attrs.get(HIGH_PC_IS_OFFSET) else high)]
    value = attrs.get(AT_RANGES)
    if value is None:
        return []
    base = 0
    if unit.root is not None:
        base = int(unit.root.attrs.get(AT_LOW_PC) or 0)
    if unit.version >= 5:
        return _rnglist(dwarf, unit, value, base)
    return _ranges_v4(dwarf, unit, int(value), base)


def _ranges_v4(dwarf: Dwarf, unit: Unit, offset: int, base: int) -> list[tuple[int, int]]:
    data = dwarf.sec(".debug_ranges")
    size = unit.addr_size
    pair = struct.Struct(dwarf.e + ("II" if size == 4 else "QQ"))
    top = (1 << (size * 8)) - 1
    out = []
    at = offset
    while at + pair.size <= len(data):
        begin, end = pair.unpack_from(data, at)
        at += pair.size
        if begin == 0 and end == 0:
            break
        if begin == top:
            base = end
            continue
        out.append((base + begin, base + end))
    return out


def _rnglist(dwarf: Dwarf, unit: Unit, value: Any, base: int) -> list[tuple[int, int]]:
    data = dwarf.sec(".debug_rnglists")
    e, size = dwarf.e, unit.addr_size
    addr = e + ("I" if size == 4 else "Q")
    rbase = unit.rnglists_base
    if isinstance(value, _Index):
        off = e + ("I" if unit.offset_size == 4 else "Q")
        at = rbase + struct.unpack_from(off, data, rbase + value.index * unit.offset_size)[0]
    else:
        at = int(value)
    reader = _FormReader(dwarf, unit)
    if unit.root is not None:
        reader.set_bases(dict(unit.root.attrs))
    out = []
    while at < len(data):
        kind = data[at]
        at += 1
        if kind == 0:                                   # end_of_list
            break
        if kind == 1:                                   # base_addressx
            index, at = uleb(data, at)
            base = reader.resolve(_Index("addr", index))
        elif kind in (2, 3):                            # startx_endx, startx_length
            start_index, at = uleb(data, at)
            second, at = uleb(data, at)
            start = reader.resolve(_Index("addr", start_index))
            end = reader.resolve(_Index("addr", second)) if kind == 2 else start + second
            out.append((start, end))
        elif kind == 4:                                 # offset_pair
            low, at = uleb(data, at)
            high, at = uleb(data, at)
            out.append((base + low, base + high))
        elif kind == 5:                                 # base_address
            (base,) = struct.unpack_from(addr, data, at)
            at += size
        elif kind in (6, 7):                            # start_end, start_length
            (start,) = struct.unpack_from(addr, data, at)
            at += size
            if kind == 6:
                (end,) = struct.unpack_from(addr, data, at)
                at += size
            else:
                length, at = uleb(data, at)
                end = start + length
            out.append((start, end))
        else:
            break
    return out


def _contains(ranges: list[tuple[int, int]], address: int) -> bool:
    return any(low <= address < high for low, high in ranges)


# -- locations --------------------------------------------------------------------------

DW_OP_ADDR, DW_OP_REG0, DW_OP_REG31, DW_OP_BREG0, DW_OP_BREG31 = 0x03, 0x50, 0x6F, 0x70, 0x8F
DW_OP_REGX, DW_OP_FBREG, DW_OP_BREGX = 0x90, 0x91, 0x92
DW_OP_LIT0, DW_OP_LIT31, DW_OP_CONSTU, DW_OP_CONSTS = 0x30, 0x4F, 0x10, 0x11
DW_OP_IMPLICIT_VALUE, DW_OP_STACK_VALUE = 0x9E, 0x9F
# DW_OP_const1u .. DW_OP_const8s: (bytes, signed)
CONST_OPS = {0x08: (1, False), 0x09: (1, True), 0x0A: (2, False), 0x0B: (2, True),
             0x0C: (4, False), 0x0D: (4, True), 0x0E: (8, False), 0x0F: (8, True)}


def _simple(expr: bytes, addr_size: int) -> bool:
    """One register, or memory at a register (or the frame base) plus an offset, or at
    an address: what ``perf probe`` fetches right."""
    op, at = expr[0], 1
    if DW_OP_REG0 <= op <= DW_OP_REG31:
        pass
    elif op == DW_OP_REGX:
        _, at = uleb(expr, at)
    elif DW_OP_BREG0 <= op <= DW_OP_BREG31 or op == DW_OP_FBREG:
        _, at = sleb(expr, at)
    elif op == DW_OP_BREGX:
        _, at = uleb(expr, at)
        _, at = sleb(expr, at)
    elif op == DW_OP_ADDR:
        at += addr_size
    else:
        return False
    return at == len(expr)


def read_as(expr: bytes | None, addr_size: int = 8) -> tuple[str, int, int]:
    """How the tracer reads a variable whose location there is ``expr``:
    ``("reg", offset, regno)`` a register's value plus an offset (``DW_OP_reg5``, or
    ``DW_OP_breg5 1; DW_OP_stack_value``, which perf 6.1 would read as the memory at
    rdi+1); ``("mem", offset, regno)`` the memory at a register plus an offset;
    ``("perf", 0, -1)`` through perf probe's fetch argument (the frame base, which
    needs the call frame information, and addresses); ``("const", value, -1)`` a value
    DWARF knows (``DW_OP_lit0; DW_OP_stack_value``); ``("none", 0, -1)`` what neither
    can read (entry values, pieces, no location): printed ``?``.

    >>> read_as(bytes([0x91, 0x6c])), read_as(bytes([0x55])), read_as(bytes([0x76, 0x6c]))
    (('perf', 0, -1), ('reg', 0, 5), ('mem', -20, 6))
    >>> read_as(bytes([0x75, 0x01, 0x9f])), read_as(bytes([0x30, 0x9f]))
    (('reg', 1, 5), ('const', 0, -1))
    >>> read_as(bytes([0x11, 0x79, 0x9f])), read_as(None)
    (('const', -7, -1), ('none', 0, -1))
    """
    if not expr:
        return "none", 0, -1
    op = expr[0]
    if DW_OP_REG0 <= op <= DW_OP_REG31 and len(expr) == 1:
        return "reg", 0, op - DW_OP_REG0
    if DW_OP_BREG0 <= op <= DW_OP_BREG31:
        offset, at = sleb(expr, 1)
        if at == len(expr):
            return "mem", offset, op - DW_OP_BREG0
    if _simple(expr, addr_size):
        return "perf", 0, -1
    if op == DW_OP_IMPLICIT_VALUE:
        size, at = uleb(expr, 1)
        return "const", int.from_bytes(expr[at:at + size], "little"), -1
    if expr[-1] != DW_OP_STACK_VALUE:
        return "none", 0, -1
    body = expr[:-1]
    if DW_OP_LIT0 <= op <= DW_OP_LIT31 and len(body) == 1:
        return "const", op - DW_OP_LIT0, -1
    if op in CONST_OPS and len(body) == 1 + CONST_OPS[op][0]:
        size, signed = CONST_OPS[op]
        return "const", int.from_bytes(body[1:], "little", signed=signed), -1
    if op in (DW_OP_CONSTU, DW_OP_CONSTS):
        value, at = (uleb if op == DW_OP_CONSTU else sleb)(body, 1)
        return ("const", value, -1) if at == len(body) else ("none", 0, -1)
    if DW_OP_BREG0 <= op <= DW_OP_BREG31:
        offset, at = sleb(body, 1)
        if at == len(body):
            return "reg", offset, op - DW_OP_BREG0
    return "none", 0, -1


def location_at(dwarf: Dwarf, unit: Unit, die: Die, pc: int) -> bytes | None:
    """The location expression of a variable at ``pc`` (``None``: none there)."""
    value = die.attrs.get(AT_LOCATION)
    if value is None or isinstance(value, bytes):
        return value
    base = int(unit.root.attrs.get(AT_LOW_PC) or 0) if unit.root is not None else 0
    if unit.version >= 5:
        return _loclist_v5(dwarf, unit, value, base, pc)
    return _loclist_v4(dwarf, unit, int(value), base, pc)


def _loclist_v4(dwarf: Dwarf, unit: Unit, offset: int, base: int, pc: int) -> bytes | None:
    data = dwarf.sec(".debug_loc")
    pair = struct.Struct(dwarf.e + ("II" if unit.addr_size == 4 else "QQ"))
    top = (1 << (unit.addr_size * 8)) - 1
    at = offset
    while at + pair.size <= len(data):
        begin, end = pair.unpack_from(data, at)
        at += pair.size
        if begin == 0 and end == 0:
            return None
        if begin == top:
            base = end
            continue
        (size,) = struct.unpack_from(dwarf.e + "H", data, at)
        at += 2
        if base + begin <= pc < base + end:
            return data[at:at + size]
        at += size
    return None


def _loclist_v5(dwarf: Dwarf, unit: Unit, value: Any, base: int, pc: int) -> bytes | None:
    data = dwarf.sec(".debug_loclists")
    e, size = dwarf.e, unit.addr_size
    addr = e + ("I" if size == 4 else "Q")
    if isinstance(value, _Index):
        off = e + ("I" if unit.offset_size == 4 else "Q")
        lbase = unit.loclists_base
        at = lbase + struct.unpack_from(off, data, lbase + value.index * unit.offset_size)[0]
    else:
        at = int(value)
    reader = _FormReader(dwarf, unit)
    if unit.root is not None:
        reader.set_bases(dict(unit.root.attrs))
    while at < len(data):
        kind = data[at]
        at += 1
        if kind == 0:                                   # end_of_list
            return None
        if kind in (1, 6):                              # base_addressx, base_address
            if kind == 1:
                index, at = uleb(data, at)
                base = reader.resolve(_Index("addr", index))
            else:
                (base,) = struct.unpack_from(addr, data, at)
                at += size
            continue
        start, end = None, None
        if kind in (2, 3):                              # startx_endx, startx_length
            first, at = uleb(data, at)
            second, at = uleb(data, at)
            start = reader.resolve(_Index("addr", first))
            end = reader.resolve(_Index("addr", second)) if kind == 2 else start + second
        elif kind == 4:                                 # offset_pair
            low, at = uleb(data, at)
            high, at = uleb(data, at)
            start, end = base + low, base + high
        elif kind in (7, 8):                            # start_end, start_length
            (start,) = struct.unpack_from(addr, data, at)
            at += size
            if kind == 7:
                (end,) = struct.unpack_from(addr, data, at)
                at += size
            else:
                length, at = uleb(data, at)
                end = start + length
        elif kind != 5:                                 # 5: default_location
            return None
        length, at = uleb(data, at)
        if kind == 5 or (start is not None and end is not None and start <= pc < end):
            return data[at:at + length]
        at += length
    return None


# -- the line table ---------------------------------------------------------------------


@dataclass
class LineTable:
    files: dict[int, str]                              # file index -> path
    rows: dict[str, list[tuple[int, int, bool]]]       # path -> [(pc, line, is_stmt)]


def read_line_table(dwarf: Dwarf, unit: Unit, comp_dir: str) -> LineTable:
    """The unit's line program, recorded per source file the way gdb 13 records it."""
    data = dwarf.sec(".debug_line")
    offset = unit.root.attrs.get(AT_STMT_LIST) if unit.root is not None else None
    if not data or offset is None:
        return LineTable({}, {})
    header = _line_header(dwarf, data, int(offset), comp_dir)
    return LineTable(header.files, _run_line_program(dwarf, data, header))


@dataclass
class _LineHeader:
    version: int
    program: int
    end: int
    min_inst: int
    default_stmt: bool
    line_base: int
    line_range: int
    opcode_base: int
    lengths: list[int]
    files: dict[int, str]
    addr_size: int


def _line_header(dwarf: Dwarf, data: bytes, at: int, comp_dir: str) -> _LineHeader:
    e = dwarf.e
    (length,) = struct.unpack_from(e + "I", data, at)
    osize, pos = 4, at + 4
    if length == 0xFFFFFFFF:
        (length,) = struct.unpack_from(e + "Q", data, pos)
        osize, pos = 8, pos + 8
    end = pos + length
    (version,) = struct.unpack_from(e + "H", data, pos)
    pos += 2
    addr_size = 8 if dwarf.image.is64 else 4
    if version >= 5:
        addr_size = data[pos]
        pos += 2
    (header_length,) = struct.unpack_from(e + ("I" if osize == 4 else "Q"), data, pos)
    pos += osize
    program = pos + header_length
    min_inst = data[pos]
    pos += 2 if version >= 4 else 1
    default_stmt, line_base, line_range, opcode_base = (
        bool(data[pos]), struct.unpack_from("b", data, pos + 1)[0], data[pos + 2], data[pos + 3])
    pos += 4
    lengths = list(data[pos:pos + opcode_base - 1])
    pos += opcode_base - 1
    if version >= 5:
        files = _files_v5(dwarf, data, pos, osize, comp_dir)
    else:
        files = _files_v4(data, pos, comp_dir)
    return _LineHeader(version, program, end, min_inst, default_stmt, line_base, line_range,
                       opcode_base, lengths, files, addr_size)


def _files_v4(data: bytes, pos: int, comp_dir: str) -> dict[int, str]:
    dirs = [comp_dir]
    while data[pos]:
        name, pos = cstring(data, pos)
        dirs.append(name)
    pos += 1
    files: dict[int, str] = {}
    index = 1
    while data[pos]:
        name, pos = cstring(data, pos)
        directory, pos = uleb(data, pos)
        _, pos = uleb(data, pos)
        _, pos = uleb(data, pos)
        files[index] = _join(comp_dir, dirs[directory] if directory < len(dirs) else "", name)
        index += 1
    return files


def _files_v5(dwarf: Dwarf, data: bytes, pos: int, osize: int, comp_dir: str) -> dict[int, str]:
    tables: list[list[dict[int, Any]]] = []
    for _ in range(2):
        count = data[pos]
        pos += 1
        formats = []
        for _ in range(count):
            kind, pos = uleb(data, pos)
            form, pos = uleb(data, pos)
            formats.append((kind, form))
        n, pos = uleb(data, pos)
        entries = []
        for _ in range(n):
            entry: dict[int, Any] = {}
            for kind, form in formats:
                entry[kind], pos = _line_form(dwarf, data, pos, form, osize)
            entries.append(entry)
        tables.append(entries)
    dirs = [str(d.get(1, "")) for d in tables[0]]
    files = {}
    for index, entry in enumerate(tables[1]):
        directory = int(entry.get(2, 0))
        files[index] = _join(comp_dir, dirs[directory] if directory < len(dirs) else "",
                             str(entry.get(1, "")))
    return files


def _line_form(dwarf: Dwarf, data: bytes, pos: int, form: int, osize: int) -> tuple[Any, int]:
    e = dwarf.e
    off = e + ("I" if osize == 4 else "Q")
    if form == 0x08:
        return cstring(data, pos)
    if form in (0x1F, 0x0E):
        (offset,) = struct.unpack_from(off, data, pos)
        section = ".debug_line_str" if form == 0x1F else ".debug_str"
        return cstring(dwarf.sec(section), offset)[0], pos + osize
    if form == 0x0F:
        return uleb(data, pos)
    sizes = {0x0B: 1, 0x05: 2, 0x06: 4, 0x07: 8, 0x1E: 16}
    if form in sizes:
        size = sizes[form]
        return int.from_bytes(data[pos:pos + size], "little" if e == "<" else "big"), pos + size
    if form == 0x09:
        size, pos = uleb(data, pos)
        return data[pos:pos + size], pos + size
    raise DwarfError(f"{dwarf.image.path}: line-table form {form:#x} is not known to this reader")


def _join(comp_dir: str, directory: str, name: str) -> str:
    """A line-table file as gdb names it: absolute, normalised lexically."""
    path = os.path.join(comp_dir, directory, name)
    return os.path.normpath(path)


class _Recorder:
    """gdb 13's ``lnp_state_machine::record_line`` and ``buildsym::record_line``: rows
    per source file (gdb's subfile: the same path under two indices is one file)."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[int, int, bool]]] = {}
        self.last_file: str | None = None
        self.last_line = 0
        self.last_address: int | None = None

    def _record(self, file: str, line: int, pc: int, stmt: bool) -> None:
        rows = self.rows.setdefault(file, [])
        if line == 0:
            # An end marker drops the rows of its file at its address; one that would
            # end an empty sequence is not recorded.
            last_line = None
            while rows and rows[-1][0] == pc:
                last_line = rows.pop()[1]
            if rows and last_line is None:
                last_line = rows[-1][1]
            if last_line is None or last_line == 0:
                return
        rows.append((pc, line, stmt))

    def row(self, file: str, line: int, pc: int, stmt: bool, end: bool, discr: bool) -> None:
        changed = self.last_file != file
        ignore = (changed and not end and self.last_address == pc and not stmt) or \
            (not end and line == 0)
        if ((changed and not ignore) or end) and self.last_file is not None:
            self._record(self.last_file, 0, pc, True)
        if not end and not ignore:
            # dwarf_record_line_p: the same line again is kept unless it has had a
            # non-zero discriminator.
            if changed or line != self.last_line or not discr:
                self._record(file, line, pc, stmt)
            self.last_file, self.last_line = file, line
        self.last_address = pc
        if end:
            self.last_file, self.last_line, self.last_address = None, 0, None


@dataclass
class _State:
    """The line-number state machine's registers (DWARF 5, 6.2.2)."""

    default_stmt: bool
    address: int = 0
    file: int = 1
    line: int = 1
    stmt: bool = True
    discriminator: int = 0
    had_discriminator: bool = False   # gdb's m_line_has_non_zero_discriminator

    def __post_init__(self) -> None:
        self.stmt = self.default_stmt

    def advance_line(self, delta: int) -> None:
        self.line += delta
        if delta:
            self.had_discriminator = self.discriminator != 0


def _run_line_program(dwarf: Dwarf, data: bytes,
                      h: _LineHeader) -> dict[str, list[tuple[int, int, bool]]]:
    rec = _Recorder()
    e = dwarf.e
    pos = h.program
    s = _State(h.default_stmt)

    def emit(end: bool = False) -> None:
        name = h.files.get(s.file, f"?{s.file}")
        rec.row(name, s.line, s.address, s.stmt, end, s.had_discriminator)
        s.discriminator = 0

    while pos < h.end:
        op = data[pos]
        pos += 1
        if op >= h.opcode_base:
            adj = op - h.opcode_base
            s.address += (adj // h.line_range) * h.min_inst
            s.advance_line(h.line_base + adj % h.line_range)
            emit()
        elif op == 0:
            size, pos = uleb(data, pos)
            sub, args = data[pos], pos + 1
            pos += size
            if sub == 1:
                emit(end=True)
                s = _State(h.default_stmt)
            elif sub == 2:
                (s.address,) = struct.unpack_from(e + ("Q" if size - 1 == 8 else "I"), data, args)
            elif sub == 4:
                s.discriminator = uleb(data, args)[0]
                s.had_discriminator = s.had_discriminator or s.discriminator != 0
        elif op == 1:
            emit()
        elif op == 2:
            value, pos = uleb(data, pos)
            s.address += value * h.min_inst
        elif op == 3:
            value, pos = sleb(data, pos)
            s.advance_line(value)
        elif op == 4:
            s.file, pos = uleb(data, pos)
        elif op == 6:
            s.stmt = not s.stmt
        elif op == 8:
            s.address += ((255 - h.opcode_base) // h.line_range) * h.min_inst
        elif op == 9:
            s.address += struct.unpack_from(e + "H", data, pos)[0]
            pos += 2
        else:
            for _ in range(h.lengths[op - 1] if op - 1 < len(h.lengths) else 0):
                _, pos = uleb(data, pos)
    # gdb sorts each file's rows by address (stably), end markers first.
    return {f: sorted(rows, key=lambda r: (r[0], r[1] != 0)) for f, rows in rec.rows.items()}


# -- the function -------------------------------------------------------------------------


class _Function:
    """Finding FUNCTION's DIE and reading what the trace needs from it."""

    def __init__(self, dwarf: Dwarf, name: str) -> None:
        self.d = dwarf
        self.name = name

    def origin(self, unit: Unit, die: Die) -> Iterator[Die]:
        """The DIE, then those it completes (abstract origin, specification)."""
        seen = 0
        while die is not None and seen < 8:
            yield die
            ref = die.attrs.get(AT_ABSTRACT_ORIGIN, die.attrs.get(AT_SPECIFICATION))
            if ref is None:
                return
            nxt = unit.by_offset.get(int(ref))
            if nxt is None:
                return
            die = nxt
            seen += 1

    def attr(self, unit: Unit, die: Die, key: int) -> Any:
        for d in self.origin(unit, die):
            if key in d.attrs:
                return d.attrs[key]
        return None

    def find(self, unit: Unit, address: int | None) -> Die | None:
        root = self.d.parse(unit)
        todo = list(root.children)
        while todo:
            die = todo.pop()
            if die.tag == TAG_SUBPROGRAM and self.attr(unit, die, AT_NAME) == self.name:
                ranges = die_ranges(self.d, unit, die)
                if ranges and (address is None or _contains(ranges, address)):
                    return die
            if die.tag in (TAG_SUBPROGRAM, TAG_CLASS, TAG_STRUCT) or die.tag == 0x39:
                todo.extend(die.children)    # C++ member functions, namespaces
        return None

    def _strip(self, unit: Unit, ref: Any) -> tuple[Die | None, str | None]:
        """The type at ``ref`` without typedefs and qualifiers, and the first name met."""
        die = unit.by_offset.get(int(ref)) if ref is not None else None
        name = None
        for _ in range(32):
            if die is None:
                break
            if name is None and die.attrs.get(AT_NAME):
                name = str(die.attrs[AT_NAME])
            if die.tag not in QUALIFIERS:
                break
            die = unit.by_offset.get(int(die.attrs.get(AT_TYPE, -1)))
        return die, name

    def kind_of(self, unit: Unit, ref: Any) -> tuple[str, int, bool, str]:
        """(value kind, size, signed, a name for messages) of the type at ``ref``."""
        die, name = self._strip(unit, ref)
        if die is None:
            return OTHER, 0, False, name or "void"
        size = int(die.attrs.get(AT_BYTE_SIZE, 0) or 0)
        text = name or ("pointer" if die.tag == TAG_POINTER else "?")
        if die.tag in (TAG_STRUCT, TAG_UNION, TAG_CLASS):
            return STRUCT, size, False, text
        if die.tag == TAG_ARRAY:
            return ARRAY, size, False, text
        if die.tag == TAG_POINTER:
            return SCALAR, size or unit.addr_size, False, text
        if die.tag == TAG_ENUM:
            return SCALAR, size, self._enum_signed(unit, die), text
        encoding = die.attrs.get(AT_ENCODING)
        if die.tag == TAG_BASE and encoding in SCALAR_ENCODINGS:
            return SCALAR, size, encoding in SIGNED_ENCODINGS, text
        return OTHER, size, False, text

    def _enum_signed(self, unit: Unit, die: Die) -> bool:
        under = die.attrs.get(AT_TYPE)
        if under is not None:
            return self.kind_of(unit, under)[2]
        return any(isinstance(c.attrs.get(AT_CONST_VALUE), int) and c.attrs[AT_CONST_VALUE] < 0
                   for c in die.children if c.tag == TAG_ENUMERATOR)

    def returns(self, unit: Unit, die: Die) -> tuple[tuple[str, int, bool], str]:
        ref = self.attr(unit, die, AT_TYPE)
        if ref is None:
            return ("void", 0, False), "void"
        kind, size, signed, text = self.kind_of(unit, ref)
        target, _ = self._strip(unit, ref)
        if target is not None and target.tag == TAG_POINTER:
            return ("ptr", size, False), text
        if kind == SCALAR:
            return ("int", size, signed), text
        return ("other", size, False), text

    def _blocks(self, unit: Unit, die: Die) -> Iterator[tuple[Die, list[tuple[int, int]]]]:
        """The blocks right inside ``die`` (a block without addresses is looked through)."""
        for child in die.children:
            if child.tag in (TAG_LEXICAL_BLOCK, TAG_INLINED):
                ranges = die_ranges(self.d, unit, child)
                if ranges:
                    yield child, ranges
                else:
                    yield from self._blocks(unit, child)

    def blocks_at(self, unit: Unit, die: Die, pc: int) -> list[Die]:
        """The blocks holding ``pc`` (lexical blocks, inlined functions), innermost first,
        then the function (gdb's ``block_for_pc`` and its superblocks)."""
        chain = [die]
        while True:
            inner = next((b for b, ranges in self._blocks(unit, chain[-1])
                          if _contains(ranges, pc)), None)
            if inner is None:
                return chain[::-1]
            chain.append(inner)

    def inlined_at(self, unit: Unit, die: Die, pc: int) -> str | None:
        """The function inlined at ``pc`` (the innermost), ``None`` in FUNCTION's own code."""
        for block in self.blocks_at(unit, die, pc):
            if block.tag == TAG_INLINED:
                return str(self.attr(unit, block, AT_NAME))
        return None

    def scope(self, unit: Unit, die: Die, pc: int) -> tuple[Variable, ...]:
        """gdb's tracer's ``_scope_symbols``: innermost block first; a lexical block's
        names sorted by declaration line; a function's (or inlined function's)
        parameters first, then its locals (sorted too, but in the outermost one)."""
        out: list[Variable] = []
        seen: set[str] = set()
        for block in self.blocks_at(unit, die, pc):
            named = []
            for s in block.children:
                if s.tag not in (TAG_PARAM, TAG_VARIABLE):
                    continue
                name = self.attr(unit, s, AT_NAME)
                if name is None or self.attr(unit, s, AT_DECLARATION) or \
                        self.attr(unit, s, AT_CONST_VALUE) is not None:
                    continue
                named.append((s, str(name)))

            def by_line(p: tuple[Die, str]) -> tuple[int, str]:
                return int(self.attr(unit, p[0], AT_DECL_LINE) or 0), p[1]

            if block.tag == TAG_LEXICAL_BLOCK:
                named.sort(key=by_line)
            else:
                others = [p for p in named if p[0].tag != TAG_PARAM]
                if block is not die:
                    others.sort(key=by_line)
                named = [p for p in named if p[0].tag == TAG_PARAM] + others
            for s, name in named:
                if name not in seen:
                    seen.add(name)
                    var = self.variable(unit, name, self.attr(unit, s, AT_TYPE))
                    if var.kind == SCALAR:
                        where, value, register = read_as(location_at(self.d, unit, s, pc),
                                                         unit.addr_size)
                        var = replace(var, where=where, value=value, register=register)
                    out.append(var)
        return tuple(out)

    def variable(self, unit: Unit, name: str, ref: Any) -> Variable:
        kind, size, signed, _ = self.kind_of(unit, ref)
        if kind != SCALAR:
            return Variable(name, kind)
        die, _ = self._strip(unit, ref)
        if die is not None and die.tag == TAG_POINTER:
            target, _ = self._strip(unit, die.attrs.get(AT_TYPE))
            char = target is not None and target.tag == TAG_BASE and \
                target.attrs.get(AT_BYTE_SIZE) == 1 and \
                target.attrs.get(AT_ENCODING) in (ATE_SIGNED_CHAR, ATE_UNSIGNED_CHAR)
            return Variable(name, kind, "string" if char else "pointer", size)
        return Variable(name, kind, "signed" if signed else "unsigned", size)


def _unit_for(dwarf: Dwarf, address: int) -> Unit | None:
    """The unit whose code holds ``address``: .debug_aranges, else each unit's ranges."""
    aranges = dwarf.sec(".debug_aranges")
    e = dwarf.e
    at = 0
    target: int | None = None
    while target is None and at + 12 <= len(aranges):
        (length,) = struct.unpack_from(e + "I", aranges, at)
        osize, pos = 4, at + 4
        if length == 0xFFFFFFFF:
            (length,) = struct.unpack_from(e + "Q", aranges, pos)
            osize, pos = 8, pos + 8
        end = pos + length
        (info_offset,) = struct.unpack_from(e + ("I" if osize == 4 else "Q"), aranges, pos + 2)
        size = aranges[pos + 2 + osize]
        pos += 2 + osize + 2
        pair = struct.Struct(e + ("II" if size == 4 else "QQ"))
        pos += (-(pos - at)) % (2 * size)
        while pos + pair.size <= end:
            start, length = pair.unpack_from(aranges, pos)
            pos += pair.size
            if start == 0 and length == 0:
                break
            if start <= address < start + length:
                target = info_offset
                break
        at = end
    for unit in dwarf.units():
        if target is not None:
            if unit.offset == target:
                return unit
            continue
        root = dwarf.parse(unit, top_only=True)
        if _contains(die_ranges(dwarf, unit, root), address):
            return unit
    return None


def _pick_symbol(symbols: list[Symbol], name: str) -> Symbol | None:
    # gdb looks the global symbol up first, then the file-local (static) ones.
    found = [s for s in symbols if s.name == name]
    found.sort(key=lambda s: s.local)
    return found[0] if found else None


def load_function(path: str | Path, name: str) -> FunctionInfo:
    """What the trace needs of FUNCTION ``name`` in the ELF file at ``path``."""
    image = ElfImage(path)
    debug: ElfImage | None = None
    try:
        source = image
        if not image.has(".debug_info"):
            separate = debug_file_for(image)
            if separate is not None:
                debug = source = ElfImage(separate)
        symbols = image.symbols() or source.symbols()
        if not source.has(".debug_info"):
            raise NoDebugInfo(f"{image.path} has no debug info")
        dwarf = Dwarf(source)
        symbol = _pick_symbol(symbols, name) or _pick_symbol(source.symbols(), name)
        fn = _Function(dwarf, name)
        unit, die = _locate(dwarf, fn, symbol)
        if die is None or unit is None:
            names = sorted({s.name for s in symbols})
            if symbol is not None:
                raise FunctionWithoutDebugInfo(f"{name} has no debug info in {image.path}")
            raise FunctionNotFound(f"function {name!r} not found in {image.path}", names)
        return _describe(fn, unit, die, symbol, source.path)
    except (IndexError, struct.error, ValueError) as e:
        raise DwarfError(f"{image.path}: its debug info is corrupt or of a kind this reader"
                         f" does not know ({type(e).__name__}: {e})") from e
    finally:
        image.close()
        if debug is not None:
            debug.close()


def _locate(dwarf: Dwarf, fn: _Function, symbol: Symbol | None) -> tuple[Unit | None, Die | None]:
    if symbol is not None:
        unit = _unit_for(dwarf, symbol.value)
        die = fn.find(unit, symbol.value) if unit is not None else None
        if die is not None:
            return unit, die
    if symbol is None:
        # No symbol (a stripped symbol table): look through every unit.
        for unit in dwarf.units():
            die = fn.find(unit, None)
            if die is not None:
                return unit, die
    return None, None


def _describe(fn: _Function, unit: Unit, die: Die, symbol: Symbol | None,
              debug_file: str) -> FunctionInfo:
    d = fn.d
    root = unit.root
    assert root is not None
    comp_dir = str(root.attrs.get(AT_COMP_DIR, ""))
    table = read_line_table(d, unit, comp_dir)
    ranges = die_ranges(d, unit, die)
    entry = symbol.value if symbol is not None else ranges[0][0]
    decl_line = int(fn.attr(unit, die, AT_DECL_LINE) or 0)
    decl_file = fn.attr(unit, die, AT_DECL_FILE)
    file = table.files.get(int(decl_file)) if decl_file is not None else None
    if file is None:
        file = _join(comp_dir, "", str(root.attrs.get(AT_NAME, "?")))
    by_pc: dict[int, list[int]] = {}
    self_inlined: set[int] = set()
    for pc, line, stmt in table.rows.get(file, []):
        if line < decl_line or not stmt or not _contains(ranges, pc):
            continue
        inlined = fn.inlined_at(unit, die, pc)
        if inlined is not None and inlined != fn.name:
            continue   # code of another function, inlined into this one
        if inlined is not None:
            self_inlined.add(pc)
        lines = by_pc.setdefault(pc, [])
        if line not in lines:
            lines.append(line)
    statements = tuple(Statement(pc, tuple(lines), fn.scope(unit, die, pc), pc in self_inlined)
                       for pc, lines in sorted(by_pc.items()))
    returns, spelled = fn.returns(unit, die)
    producer = root.attrs.get(AT_PRODUCER)
    return FunctionInfo(fn.name, file, decl_line, entry, returns, spelled, statements,
                        str(producer) if producer else None, debug_file)
