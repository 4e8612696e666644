"""A small ELF note reader: the GNU build-id of a binary, with the standard library only.

This module owns reading ELF files and raw ELF note areas. Others call:

- ``build_id_from_elf(path)``: lowercase hex of the ``NT_GNU_BUILD_ID`` note of an
  ELF file (ELF32/ELF64, little or big endian), or ``None`` when it has none;
  raises ``ElfError`` when the file cannot be read, is not ELF, or is truncated.
- ``iter_notes(data, byteorder)``: ``(name, type, desc)`` for each note of a raw note
  area, such as ``/sys/kernel/notes`` or ``/sys/module/X/notes/.note.gnu.build-id``.
- ``find_build_id(data, byteorder)``: the build-id in such a raw note area.
- ``elf_notes(path)``: every note of an ELF file.

The collector runs on production boxes without pyelftools, hence this reader; it
reads only the ELF header, the program and section header tables and note areas,
never the whole file (a vmlinux is hundreds of MB).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Literal

from collector.errors import ErrtrailError

ELF_MAGIC = b"\x7fELF"
ELFCLASS32 = 1
ELFCLASS64 = 2
ELFDATA2LSB = 1
ELFDATA2MSB = 2
PT_NOTE = 4
PN_XNUM = 0xFFFF
SHT_NOTE = 7
SHT_NOBITS = 8
NT_GNU_BUILD_ID = 3
GNU_NOTE_NAME = b"GNU"
# Note areas larger than this are not note areas a build-id lives in; refusing them
# keeps a corrupt header from making us read gigabytes.
MAX_NOTE_AREA = 16 * 1024 * 1024

ByteOrder = Literal["little", "big"]


class ElfError(ErrtrailError):
    """A file is not a readable, complete ELF file; the message says which and why."""


def _align(offset: int, align: int) -> int:
    return (offset + align - 1) & ~(align - 1)


def iter_notes(
    data: bytes, byteorder: str, *, align: int = 4
) -> Iterator[tuple[bytes, int, bytes]]:
    """Each note ``(name, type, desc)`` of a raw note area, in order.

    A note is ``namesz, descsz, type`` (32-bit words in ``byteorder``), then the name
    and the descriptor, each padded to ``align`` bytes (4 for ``/sys/kernel/notes``
    and most ELF notes; 8 for 8-aligned PT_NOTE segments such as
    ``.note.gnu.property`` on ELF64). ``name`` is returned without its terminating
    NUL bytes. A truncated last note ends the iteration silently.

    >>> area = (struct.pack("<III", 4, 2, 3) + b"GNU\\0" + b"\\xab\\xcd\\0\\0"
    ...         + struct.pack("<III", 6, 0, 1) + b"Linux\\0\\0\\0")
    >>> list(iter_notes(area, "little"))
    [(b'GNU', 3, b'\\xab\\xcd'), (b'Linux', 1, b'')]
    >>> list(iter_notes(area[:30], "little"))
    [(b'GNU', 3, b'\\xab\\xcd')]
    """
    if byteorder not in ("little", "big"):
        raise ValueError(f"byteorder must be 'little' or 'big', not {byteorder!r}")
    header = struct.Struct("<III" if byteorder == "little" else ">III")
    offset = 0
    while offset + header.size <= len(data):
        namesz, descsz, note_type = header.unpack_from(data, offset)
        name_at = offset + header.size
        desc_at = name_at + _align(namesz, align)
        end = desc_at + _align(descsz, align)
        # The padding after the last descriptor may be missing at the end of an area.
        if desc_at + descsz > len(data):
            return
        name = data[name_at : name_at + namesz].rstrip(b"\0")
        yield name, note_type, data[desc_at : desc_at + descsz]
        offset = end


def find_build_id(data: bytes, byteorder: str, *, align: int = 4) -> str | None:
    """The ``NT_GNU_BUILD_ID`` descriptor of a raw note area as lowercase hex.

    >>> find_build_id(struct.pack(">III", 4, 2, 3) + b"GNU\\0\\x0a\\xbc\\0\\0", "big")
    '0abc'
    >>> find_build_id(struct.pack("<III", 4, 2, 1) + b"GNU\\0\\x0a\\xbc\\0\\0", "little") is None
    True
    """
    for name, note_type, desc in iter_notes(data, byteorder, align=align):
        if name == GNU_NOTE_NAME and note_type == NT_GNU_BUILD_ID and desc:
            return desc.hex()
    return None


class _ElfFile:
    """The headers of an open ELF file, read lazily and bounds-checked."""

    def __init__(self, f: BinaryIO, path: str) -> None:
        self.f = f
        self.path = path
        f.seek(0, 2)
        self.size = f.tell()
        ident = self.read(0, 16, "ELF identification")
        if ident[:4] != ELF_MAGIC:
            raise ElfError(
                f"{path} is not an ELF file (it starts with {ident[:4]!r}, not b'\\x7fELF');"
                " point at the binary itself, not a script or wrapper"
            )
        self.elf_class = ident[4]
        data = ident[5]
        if self.elf_class not in (ELFCLASS32, ELFCLASS64):
            raise ElfError(f"{path}: unknown ELF class {self.elf_class} (expected 1 or 2)")
        if data not in (ELFDATA2LSB, ELFDATA2MSB):
            raise ElfError(f"{path}: unknown ELF data encoding {data} (expected 1 or 2)")
        self.byteorder: ByteOrder = "little" if data == ELFDATA2LSB else "big"
        e = "<" if self.byteorder == "little" else ">"
        is64 = self.elf_class == ELFCLASS64
        # e_type..e_shstrndx after e_ident; addresses and offsets are 8 bytes on ELF64.
        ehdr = struct.Struct(e + ("HHIQQQIHHHHHH" if is64 else "HHIIIIIHHHHHH"))
        fields = ehdr.unpack(self.read(16, ehdr.size, "ELF header"))
        (_, _, _, _, self.phoff, self.shoff, _, _, self.phentsize, self.phnum,
         self.shentsize, self.shnum, _) = fields
        # Program header fields: ELF64 p_type p_flags p_offset p_vaddr p_paddr p_filesz
        # p_memsz p_align; ELF32 p_type p_offset p_vaddr p_paddr p_filesz p_memsz
        # p_flags p_align.
        self.phdr = struct.Struct(e + ("IIQQQQQQ" if is64 else "IIIIIIII"))
        self.shdr = struct.Struct(e + ("IIQQQQIIQQ" if is64 else "IIIIIIIIII"))
        if self.shoff and (self.shnum == 0 or self.phnum == PN_XNUM):
            # gABI extended numbering: with more than 0xff00 sections the count is in
            # section 0's sh_size; with 0xffff or more program headers, in its sh_info.
            first = self._section(0)
            if self.shnum == 0:
                self.shnum = first[5]
            if self.phnum == PN_XNUM:
                self.phnum = first[7]

    def read(self, offset: int, size: int, what: str) -> bytes:
        if offset < 0 or size < 0 or offset + size > self.size:
            raise ElfError(
                f"{self.path} is truncated: its {what} (bytes {offset}..{offset + size})"
                f" lies beyond the end of the file ({self.size} bytes); copy the file again"
            )
        self.f.seek(offset)
        data = self.f.read(size)
        if len(data) != size:
            raise ElfError(f"{self.path} is truncated: short read of its {what}")
        return data

    def _section(self, index: int) -> tuple[int, ...]:
        if self.shentsize < self.shdr.size:
            raise ElfError(
                f"{self.path}: section header size {self.shentsize} is smaller than"
                f" {self.shdr.size}; the file is corrupt"
            )
        at = self.shoff + index * self.shentsize
        raw = self.read(at, self.shdr.size, f"section header {index}")
        return self.shdr.unpack(raw)

    def note_areas(self) -> Iterator[tuple[bytes, int]]:
        """``(data, alignment)`` of each PT_NOTE segment, then each SHT_NOTE section.

        Segments come first: they survive ``strip --strip-all`` and
        ``objcopy --remove-section-headers``; sections cover relocatable objects and
        files whose notes are not loaded.
        """
        if self.phoff and self.phnum:
            if self.phentsize < self.phdr.size:
                raise ElfError(
                    f"{self.path}: program header size {self.phentsize} is smaller than"
                    f" {self.phdr.size}; the file is corrupt"
                )
            for i in range(self.phnum):
                at = self.phoff + i * self.phentsize
                raw = self.read(at, self.phdr.size, f"program header {i}")
                ph = self.phdr.unpack(raw)
                if ph[0] != PT_NOTE:
                    continue
                if self.elf_class == ELFCLASS64:
                    offset, filesz, align = ph[2], ph[5], ph[7]
                else:
                    offset, filesz, align = ph[1], ph[4], ph[7]
                yield self._note_data(offset, filesz, f"PT_NOTE segment {i}"), _note_align(align)
        if self.shoff and self.shnum:
            for i in range(self.shnum):
                sh = self._section(i)
                sh_type, offset, size, align = sh[1], sh[4], sh[5], sh[8]
                if sh_type != SHT_NOTE:
                    continue
                yield self._note_data(offset, size, f"SHT_NOTE section {i}"), _note_align(align)

    def _note_data(self, offset: int, size: int, what: str) -> bytes:
        if size > MAX_NOTE_AREA:
            raise ElfError(
                f"{self.path}: its {what} claims {size} bytes, more than any note area"
                f" ({MAX_NOTE_AREA}); the file is corrupt"
            )
        return self.read(offset, size, what)


def _note_align(align: int) -> int:
    # gABI: notes are 4-aligned; 8-aligned areas (p_align/sh_addralign 8, used by
    # .note.gnu.property since binutils 2.29) pad name and desc to 8. readelf does
    # the same; any other value is treated as 4.
    return 8 if align == 8 else 4


def elf_notes(path: str | Path) -> list[tuple[bytes, int, bytes]]:
    """Every note ``(name, type, desc)`` of the ELF file at ``path``: those of its
    PT_NOTE segments, then those of its SHT_NOTE sections (a note in both appears
    twice). Raises ``ElfError`` like ``build_id_from_elf``.
    """
    name = str(path)
    notes: list[tuple[bytes, int, bytes]] = []
    try:
        with open(path, "rb") as f:
            elf = _ElfFile(f, name)
            for data, align in elf.note_areas():
                notes.extend(iter_notes(data, elf.byteorder, align=align))
    except OSError as e:
        raise ElfError(
            f"cannot read {name}: {e.strerror or e}; check the path and permissions"
        ) from e
    return notes


def build_id_from_elf(path: str | Path) -> str | None:
    """Lowercase hex of the GNU build-id note of the ELF file at ``path``.

    ``None`` when the file is a valid ELF without a build-id (linked with
    ``--build-id=none``); ``ElfError`` when it cannot be opened, is not ELF, or is
    truncated.
    """
    name = str(path)
    try:
        with open(path, "rb") as f:
            elf = _ElfFile(f, name)
            for data, align in elf.note_areas():
                build_id = find_build_id(data, elf.byteorder, align=align)
                if build_id is not None:
                    return build_id
    except OSError as e:
        raise ElfError(
            f"cannot read {name}: {e.strerror or e}; check the path and permissions"
        ) from e
    return None
