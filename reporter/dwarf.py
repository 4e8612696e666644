"""Which source files a build-id was compiled from, and in which directory.

This module owns reading DWARF for errtrail. Others call:

- ``read_line_tables(debug_line, debug_line_str=..., debug_str=...)``: the line-program
  headers of a ``.debug_line`` section, decoded by a small reader of our own. For DWARF 5
  these give the compilation directory (directory entry 0) and every file, so the two
  small sections fetched through debuginfod's ``/section/`` are enough (for a 590 MB
  vmlinux: 17 MB + 75 KB).
- ``read_elf_units(elf_bytes)``: the same from a whole (debuginfo) ELF file with
  pyelftools, reading ``DW_AT_comp_dir`` from ``.debug_info``: needed for DWARF 2-4,
  whose line headers do not record the compilation directory.
- ``Unit`` (comp_dir + files as DWARF names them) and ``absolute(unit, name)``.

Errors are ``DwarfError``: the message names the section and what was malformed.
"""

from __future__ import annotations

import io
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from collector.errors import ErrtrailError


class DwarfError(ErrtrailError):
    """DWARF data cannot be decoded; the message says which and where."""


class NeedsDebugInfo(DwarfError):
    """The line headers alone cannot name the compilation directory (DWARF < 5, or a
    string form whose section was not given): read the whole debuginfo file instead."""


@dataclass(frozen=True)
class Unit:
    """One compilation unit's line-program header.

    ``comp_dir`` is None when the header does not record it (DWARF < 5). ``files`` are
    the file names joined with their include directory, as DWARF names them: relative
    ones are relative to ``comp_dir``.
    """

    version: int
    comp_dir: str | None
    files: tuple[str, ...]


def absolute(comp_dir: str, name: str) -> str:
    """``name`` made absolute against ``comp_dir``, normalised (``./`` and ``..`` folded
    the way debuginfod's own indexer does).

    >>> absolute("/usr/src/linux", "./include/linux/fs.h")
    '/usr/src/linux/include/linux/fs.h'
    >>> absolute("/build", "/usr/include/stdio.h")
    '/usr/include/stdio.h'
    """
    return posixpath.normpath(posixpath.join(comp_dir, name))


# DWARF constants (DWARF 5 standard, section 7).
DW_LNCT_path = 0x1
DW_LNCT_directory_index = 0x2
DW_FORM_block = 0x09
DW_FORM_block1 = 0x0A
DW_FORM_block2 = 0x03
DW_FORM_block4 = 0x04
DW_FORM_data1 = 0x0B
DW_FORM_data2 = 0x05
DW_FORM_data4 = 0x06
DW_FORM_data8 = 0x07
DW_FORM_data16 = 0x1E
DW_FORM_string = 0x08
DW_FORM_strp = 0x0E
DW_FORM_line_strp = 0x1F
DW_FORM_udata = 0x0F
DW_FORM_sdata = 0x0D


class _Reader:
    def __init__(self, data: bytes, section: str) -> None:
        self.data = data
        self.pos = 0
        self.section = section

    def _need(self, n: int) -> None:
        if self.pos + n > len(self.data):
            raise DwarfError(
                f"{self.section} is truncated: needed {n} bytes at offset {self.pos:#x},"
                f" only {len(self.data) - self.pos} left"
            )

    def u(self, n: int) -> int:
        self._need(n)
        v = int.from_bytes(self.data[self.pos : self.pos + n], "little")
        self.pos += n
        return v

    def skip(self, n: int) -> None:
        self._need(n)
        self.pos += n

    def uleb(self) -> int:
        result = shift = 0
        while True:
            self._need(1)
            b = self.data[self.pos]
            self.pos += 1
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return result

    def cstr(self) -> bytes:
        end = self.data.find(b"\0", self.pos)
        if end < 0:
            raise DwarfError(f"{self.section}: unterminated string at offset {self.pos:#x}")
        s = self.data[self.pos : end]
        self.pos = end + 1
        return s


def _decode(raw: bytes) -> str:
    # Paths are bytes on Linux; keep undecodable bytes round-trippable.
    return raw.decode("utf-8", "surrogateescape")


def _string_at(section: bytes | None, name: str, offset: int) -> bytes:
    if section is None:
        raise NeedsDebugInfo(f".debug_line refers to {name}, which was not fetched")
    end = section.find(b"\0", offset)
    if offset >= len(section) or end < 0:
        raise DwarfError(f"{name} offset {offset:#x} is outside the section ({len(section)} bytes)")
    return section[offset:end]


def _entries(
    r: _Reader,
    offset_size: int,
    line_str: bytes | None,
    debug_str: bytes | None,
) -> list[dict[int, Any]]:
    """A DWARF 5 directory or file-name table: format description, count, entries."""
    fmt_count = r.u(1)
    fmt = [(r.uleb(), r.uleb()) for _ in range(fmt_count)]
    count = r.uleb()
    out: list[dict[int, Any]] = []
    for _ in range(count):
        entry: dict[int, Any] = {}
        for content, form in fmt:
            value: Any
            if form == DW_FORM_string:
                value = r.cstr()
            elif form == DW_FORM_line_strp:
                value = _string_at(line_str, ".debug_line_str", r.u(offset_size))
            elif form == DW_FORM_strp:
                value = _string_at(debug_str, ".debug_str", r.u(offset_size))
            elif form in (DW_FORM_udata, DW_FORM_sdata):
                value = r.uleb()
            elif form == DW_FORM_data1:
                value = r.u(1)
            elif form == DW_FORM_data2:
                value = r.u(2)
            elif form == DW_FORM_data4:
                value = r.u(4)
            elif form == DW_FORM_data8:
                value = r.u(8)
            elif form == DW_FORM_data16:
                r.skip(16)
                value = None
            elif form == DW_FORM_block:
                r.skip(r.uleb())
                value = None
            elif form == DW_FORM_block1:
                r.skip(r.u(1))
                value = None
            elif form == DW_FORM_block2:
                r.skip(r.u(2))
                value = None
            elif form == DW_FORM_block4:
                r.skip(r.u(4))
                value = None
            else:
                # DW_FORM_strx* need .debug_str_offsets and the unit's base: rare in
                # line tables (GCC and Clang use line_strp); the full reader copes.
                raise NeedsDebugInfo(
                    f".debug_line uses form {form:#x} in an entry table at offset"
                    f" {r.pos:#x}, which this reader does not decode"
                )
            entry[content] = value
        out.append(entry)
    return out


def read_line_tables(
    debug_line: bytes,
    *,
    debug_line_str: bytes | None = None,
    debug_str: bytes | None = None,
) -> list[Unit]:
    """Every line-program header in a ``.debug_line`` section.

    DWARF 2-4 headers give no comp_dir (``Unit.comp_dir`` is None): the caller then
    needs ``read_elf_units`` on the debuginfo file.
    """
    units: list[Unit] = []
    r = _Reader(debug_line, ".debug_line")
    while r.pos < len(debug_line):
        start = r.pos
        unit_length = r.u(4)
        offset_size = 4
        if unit_length == 0xFFFFFFFF:
            unit_length = r.u(8)
            offset_size = 8
        elif unit_length >= 0xFFFFFFF0:
            raise DwarfError(f".debug_line: reserved unit length {unit_length:#x} at {start:#x}")
        unit_end = r.pos + unit_length
        if unit_end > len(debug_line):
            raise DwarfError(
                f".debug_line is truncated: the unit at {start:#x} claims {unit_length} bytes"
            )
        version = r.u(2)
        if version not in (2, 3, 4, 5):
            raise DwarfError(f".debug_line: unit at {start:#x} has unknown version {version}")
        if version >= 5:
            r.skip(2)  # address_size, segment_selector_size
        r.skip(offset_size)  # header_length
        r.skip(1)  # minimum_instruction_length
        if version >= 4:
            r.skip(1)  # maximum_operations_per_instruction
        r.skip(3)  # default_is_stmt, line_base, line_range
        opcode_base = r.u(1)
        r.skip(max(0, opcode_base - 1))  # standard_opcode_lengths
        if version >= 5:
            dirs = [
                _decode(e.get(DW_LNCT_path, b""))
                for e in _entries(r, offset_size, debug_line_str, debug_str)
            ]
            files = []
            for e in _entries(r, offset_size, debug_line_str, debug_str):
                name = _decode(e.get(DW_LNCT_path, b""))
                index = e.get(DW_LNCT_directory_index, 0)
                directory = dirs[index] if isinstance(index, int) and index < len(dirs) else ""
                files.append(_join_dir(directory, dirs[0] if dirs else "", name))
            comp_dir = dirs[0] if dirs else None
            units.append(Unit(version, comp_dir, tuple(dict.fromkeys(files))))
        else:
            dirs = [""]  # index 0: the compilation directory, not recorded here
            while True:
                d = r.cstr()
                if not d:
                    break
                dirs.append(_decode(d))
            files = []
            while True:
                name_raw = r.cstr()
                if not name_raw:
                    break
                index = r.uleb()
                r.uleb()  # mtime
                r.uleb()  # length
                directory = dirs[index] if index < len(dirs) else ""
                files.append(posixpath.join(directory, _decode(name_raw)))
            units.append(Unit(version, None, tuple(dict.fromkeys(files))))
        r.pos = unit_end
    return units


def _join_dir(directory: str, comp_dir: str, name: str) -> str:
    """A DWARF 5 file name with its directory, relative to comp_dir when it can be.

    DWARF 5 directory 0 *is* comp_dir: its files are named relative to it, as DWARF 4
    names them, so indexes built from either version agree.

    >>> _join_dir("/b", "/b", "a.c")
    'a.c'
    >>> _join_dir("/b/include", "/b", "x.h")
    'include/x.h'
    >>> _join_dir("/usr/include", "/b", "stdio.h")
    '/usr/include/stdio.h'
    >>> _join_dir("kernel", ".", "fork.c")
    'kernel/fork.c'
    """
    full = posixpath.join(directory, name)
    if comp_dir and full.startswith(comp_dir.rstrip("/") + "/"):
        return full[len(comp_dir.rstrip("/")) + 1 :]
    if full.startswith("./"):
        return full[2:]
    return full


def read_elf_units(elf: bytes) -> list[Unit]:
    """Compilation units of a whole ELF file (an executable with DWARF or a separate
    debuginfo file), with comp_dir from ``.debug_info`` and files from ``.debug_line``.

    Works for every DWARF version pyelftools reads (2-5).
    """
    from elftools.common.exceptions import ELFError
    from elftools.elf.elffile import ELFFile

    try:
        f = ELFFile(io.BytesIO(elf))
        if f.get_section_by_name(".debug_info") is None:
            raise DwarfError(
                "the ELF file has no DWARF (.debug_info); it is stripped: the debuginfo"
                " file (objcopy --only-keep-debug) is needed"
            )
        dwarf = f.get_dwarf_info()
        return list(_units(dwarf))
    except (ELFError, ValueError, KeyError, AssertionError) as e:
        raise DwarfError(f"cannot read the DWARF of the ELF file: {e}") from e


def _units(dwarf: Any) -> Iterator[Unit]:
    for cu in dwarf.iter_CUs():
        top = cu.get_top_DIE()
        comp_dir_attr = top.attributes.get("DW_AT_comp_dir")
        name_attr = top.attributes.get("DW_AT_name")
        comp_dir = _decode(comp_dir_attr.value) if comp_dir_attr is not None else None
        files: list[str] = []
        if name_attr is not None:
            files.append(_decode(name_attr.value))
        lineprog = dwarf.line_program_for_CU(cu)
        version = cu.header["version"]
        if lineprog is not None:
            dirs = [_decode(d) for d in lineprog.header["include_directory"]]
            for entry in lineprog.header["file_entry"]:
                name = _decode(entry.name)
                index = entry.dir_index
                if lineprog.header["version"] >= 5:
                    directory = dirs[index] if index < len(dirs) else ""
                else:
                    # DWARF 2-4: index 0 is comp_dir, directories start at 1
                    directory = dirs[index - 1] if 0 < index <= len(dirs) else ""
                files.append(_join_dir(directory, comp_dir or "", name))
        yield Unit(version, comp_dir, tuple(dict.fromkeys(files)))
