"""collector.elf against real gcc/ld output, checked with binutils' readelf."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from collector.elf import ElfError, build_id_from_elf, elf_notes, find_build_id, iter_notes
from tests.conftest import require_tool, skip_or_fail

PROGRAM = "int main(void) { return 0; }\n"
# No libc: links with -m32 even where only the 64-bit C library is installed.
FREESTANDING = "void _start(void) { for (;;) ; }\n"


def readelf_notes(path: Path) -> list[tuple[str, int]]:
    """(owner, data size) of every note `readelf -n` lists."""
    readelf = require_tool("readelf", "binutils")
    out = subprocess.run(
        [readelf, "-n", "-W", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return [
        (m.group(1), int(m.group(2), 16))
        for m in re.finditer(r"^\s+(\S+)\s+0x([0-9a-f]+)\s", out, re.MULTILINE)
    ]


def readelf_build_id(path: Path) -> str | None:
    readelf = require_tool("readelf", "binutils")
    out = subprocess.run(
        [readelf, "-n", "-W", str(path)], capture_output=True, text=True, check=True
    ).stdout
    m = re.search(r"Build ID: ([0-9a-f]+)", out)
    return m.group(1) if m else None


def compile_c(tmp_path: Path, name: str, source: str, *flags: str) -> Path:
    gcc = require_tool("gcc", "gcc")
    src = tmp_path / f"{name}.c"
    src.write_text(source)
    out = tmp_path / name
    subprocess.run([gcc, "-O0", "-o", str(out), str(src), *flags], check=True)
    return out


@pytest.mark.parametrize(
    ("style", "hex_len"), [("sha1", 40), ("md5", 32), ("uuid", 32), ("0x0123456789abcdef", 16)]
)
def test_build_id_matches_readelf(tmp_path: Path, style: str, hex_len: int) -> None:
    binary = compile_c(tmp_path, "prog", PROGRAM, f"-Wl,--build-id={style}")
    build_id = build_id_from_elf(binary)
    assert build_id == readelf_build_id(binary)
    assert build_id is not None and len(build_id) == hex_len
    if style.startswith("0x"):
        assert build_id == style[2:]


def test_no_build_id(tmp_path: Path) -> None:
    binary = compile_c(tmp_path, "prog", PROGRAM, "-Wl,--build-id=none")
    assert readelf_build_id(binary) is None
    assert build_id_from_elf(binary) is None


def test_stripped_binary_keeps_build_id(tmp_path: Path) -> None:
    binary = compile_c(tmp_path, "prog", PROGRAM, "-Wl,--build-id=sha1")
    expected = readelf_build_id(binary)
    strip = require_tool("strip", "binutils")
    subprocess.run([strip, "--strip-all", str(binary)], check=True)
    assert build_id_from_elf(binary) == expected


def test_all_notes_match_readelf(tmp_path: Path) -> None:
    # x86-64 gcc output has an 8-aligned .note.gnu.property next to 4-aligned notes.
    binary = compile_c(tmp_path, "prog", PROGRAM, "-Wl,--build-id=sha1")
    ours = sorted({(name.decode(), len(desc)) for name, _, desc in elf_notes(binary)})
    assert ours == sorted(set(readelf_notes(binary)))


def test_relocatable_object_sections_only(tmp_path: Path) -> None:
    # Kernel modules are `ld -r --build-id` output: a .note.gnu.build-id section and
    # no program headers at all.
    gcc = require_tool("gcc", "gcc")
    ld = require_tool("ld", "binutils")
    src = tmp_path / "mod.c"
    src.write_text("int f(int x) { return -x; }\n")
    subprocess.run([gcc, "-c", "-o", str(tmp_path / "mod.o"), str(src)], check=True)
    ko = tmp_path / "mod.ko"
    subprocess.run(
        [ld, "-r", "--build-id=sha1", "-o", str(ko), str(tmp_path / "mod.o")], check=True
    )
    expected = readelf_build_id(ko)
    assert expected is not None
    assert build_id_from_elf(ko) == expected


def _can_link_m32(tmp_path: Path) -> bool:
    gcc = require_tool("gcc", "gcc")
    src = tmp_path / "probe32.c"
    src.write_text(FREESTANDING)
    done = subprocess.run(
        [gcc, "-m32", "-nostdlib", "-static", "-o", str(tmp_path / "probe32"), str(src)],
        capture_output=True,
    )
    return done.returncode == 0


def test_elf32(tmp_path: Path) -> None:
    if not _can_link_m32(tmp_path):
        skip_or_fail("this gcc cannot link -m32 objects (no 32-bit binutils emulation)")
    binary = compile_c(
        tmp_path, "prog32", FREESTANDING, "-m32", "-nostdlib", "-static", "-Wl,--build-id=sha1"
    )
    assert binary.read_bytes()[4] == 1  # ELFCLASS32
    assert build_id_from_elf(binary) == readelf_build_id(binary) is not None


def _big_endian_elf(is64: bool, build_id: bytes, via_segment: bool) -> bytes:
    """A minimal big-endian ELF (as built for s390x/ppc64/sparc) holding one build-id
    note, in a PT_NOTE segment or in a .note.gnu.build-id section."""
    e = ">"
    note = struct.pack(e + "III", 4, len(build_id), 3) + b"GNU\0" + build_id
    note += b"\0" * (-len(note) % 4)
    ehsize, phentsize, shentsize = (64, 56, 64) if is64 else (52, 32, 40)
    shstrtab = b"\0.shstrtab\0.note.gnu.build-id\0"
    phnum = 1 if via_segment else 0
    note_off = ehsize + phnum * phentsize
    strtab_off = note_off + len(note)
    shoff = strtab_off + len(shstrtab)
    shoff += -shoff % 8
    shnum = 1 if via_segment else 3
    machine = 22 if is64 else 20  # EM_S390, EM_PPC
    ident = b"\x7fELF" + bytes([2 if is64 else 1, 2, 1]) + b"\0" * 9
    if is64:
        ehdr = struct.pack(e + "HHIQQQIHHHHHH", 2, machine, 1, 0, ehsize if phnum else 0,
                           shoff, 0, ehsize, phentsize, phnum, shentsize, shnum, shnum - 1)
        phdr = struct.pack(e + "IIQQQQQQ", 4, 4, note_off, 0, 0, len(note), len(note), 4)
    else:
        ehdr = struct.pack(e + "HHIIIIIHHHHHH", 2, machine, 1, 0, ehsize if phnum else 0,
                           shoff, 0, ehsize, phentsize, phnum, shentsize, shnum, shnum - 1)
        phdr = struct.pack(e + "IIIIIIII", 4, note_off, 0, 0, len(note), len(note), 4, 4)
    out = ident + ehdr + (phdr if via_segment else b"") + note + shstrtab
    out += b"\0" * (shoff - len(out))

    def shdr(name: int, sh_type: int, offset: int, size: int, align: int) -> bytes:
        fmt = e + ("IIQQQQIIQQ" if is64 else "IIIIIIIIII")
        return struct.pack(fmt, name, sh_type, 2 if sh_type == 7 else 0, 0, offset, size,
                           0, 0, align, 0)

    out += shdr(0, 0, 0, 0, 0)
    if not via_segment:
        out += shdr(11, 7, note_off, len(note), 4)
    out += shdr(1, 3, strtab_off, len(shstrtab), 1)
    return out


@pytest.mark.parametrize("is64", [True, False], ids=["elf64", "elf32"])
@pytest.mark.parametrize("via_segment", [True, False], ids=["segment", "section"])
def test_big_endian(tmp_path: Path, is64: bool, via_segment: bool) -> None:
    build_id = bytes(range(0xA0, 0xB4))
    path = tmp_path / "be.elf"
    path.write_bytes(_big_endian_elf(is64, build_id, via_segment))
    # readelf agrees that the file is well-formed and holds this build-id.
    assert readelf_build_id(path) == build_id.hex()
    assert build_id_from_elf(path) == build_id.hex()


def test_not_elf(tmp_path: Path) -> None:
    script = tmp_path / "wrapper.sh"
    script.write_text("#!/bin/sh\nexec /bin/true\n")
    with pytest.raises(ElfError, match="not an ELF file"):
        build_id_from_elf(script)
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    with pytest.raises(ElfError, match="truncated"):
        build_id_from_elf(empty)
    with pytest.raises(ElfError, match="cannot read"):
        build_id_from_elf(tmp_path / "missing")
    with pytest.raises(ElfError, match="cannot read"):
        build_id_from_elf(tmp_path)


def test_truncated(tmp_path: Path) -> None:
    binary = compile_c(tmp_path, "prog", PROGRAM, "-Wl,--build-id=sha1")
    data = binary.read_bytes()
    for size in (10, 40, 64 + 20):  # inside e_ident, the ELF header, the program headers
        cut = tmp_path / f"cut{size}"
        cut.write_bytes(data[:size])
        with pytest.raises(ElfError, match="truncated"):
            build_id_from_elf(cut)
    # Cut inside the first PT_NOTE: the message names it.
    phdrs = [struct.unpack_from("<IIQQQQQQ", data, 64 + 56 * i) for i in range(data[56])]
    note_off = min(p[2] for p in phdrs if p[0] == 4)
    cut = tmp_path / "cut-note"
    cut.write_bytes(data[: note_off + 8])
    with pytest.raises(ElfError, match=r"truncated.*PT_NOTE"):
        build_id_from_elf(cut)


def test_iter_notes_truncation_and_alignment() -> None:
    one = struct.pack("<III", 4, 3, 3) + b"GNU\0" + b"\x01\x02\x03\0"
    two = struct.pack("<III", 6, 4, 0x100) + b"Linux\0\0\0" + b"\xaa\xbb\xcc\xdd"
    area = one + two
    assert list(iter_notes(area, "little")) == [
        (b"GNU", 3, b"\x01\x02\x03"),
        (b"Linux", 0x100, b"\xaa\xbb\xcc\xdd"),
    ]
    for cut in range(len(area)):
        notes = list(iter_notes(area[:cut], "little"))
        assert notes == [(b"GNU", 3, b"\x01\x02\x03")][: len(notes)]
        assert len(notes) == (1 if cut >= len(one) - 1 else 0)
    # 8-byte alignment pads the 4-byte name "GNU\0" to 8.
    eight = struct.pack("<III", 4, 8, 5) + b"GNU\0\0\0\0\0" + b"12345678"
    assert list(iter_notes(eight, "little", align=8)) == [(b"GNU", 5, b"12345678")]
    # Absurd sizes end the walk instead of reading past the area.
    assert list(iter_notes(struct.pack("<III", 0xFFFFFFFF, 4, 3) + b"GNU\0", "little")) == []
    assert find_build_id(b"", "little") is None
    with pytest.raises(ValueError, match="byteorder"):
        list(iter_notes(area, "middle"))


def test_real_system_binary() -> None:
    true = shutil.which("true")
    if true is None:
        skip_or_fail("no `true` on PATH")
    assert build_id_from_elf(true) == readelf_build_id(Path(true))
