"""reporter.dwarf: comp_dir and file tables from gcc-compiled programs, DWARF 4 and 5."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from elftools.elf.elffile import ELFFile

from reporter.dwarf import DwarfError, Unit, read_elf_units, read_line_tables
from tests.conftest import compile_c


def section(elf: Path, name: str) -> bytes | None:
    f = ELFFile(io.BytesIO(elf.read_bytes()))
    s = f.get_section_by_name(name)
    return None if s is None else bytes(s.data())


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dwarf")
    src = root / "src dir"
    (src / "inc").mkdir(parents=True)
    (src / "inc" / "h.h").write_text("static inline int f(int x) { return x + 1; }\n")
    (src / "m#1.c").write_text('#include "inc/h.h"\nint main(void) { return f(2); }\n')
    (src / "two.c").write_text("int two(void) { return 2; }\n")
    for version in ("4", "5"):
        compile_c([Path("m#1.c"), Path("two.c")], root / f"m{version}", f"-gdwarf-{version}",
                  cwd=src)
    compile_c([Path("m#1.c")], root / "rel", "-gdwarf-5", f"-fdebug-prefix-map={src}=.", cwd=src)
    return root


def test_dwarf5_line_headers_give_comp_dir_and_files(tree: Path) -> None:
    elf = tree / "m5"
    units = read_line_tables(
        section(elf, ".debug_line") or b"", debug_line_str=section(elf, ".debug_line_str")
    )
    src = str(tree / "src dir")
    assert [u.comp_dir for u in units] == [src, src]
    assert {u.version for u in units} == {5}
    assert "m#1.c" in units[0].files and "inc/h.h" in units[0].files
    assert "two.c" in units[1].files
    # System headers keep their absolute directory.
    assert all(not f.startswith(src) for u in units for f in u.files)


def test_both_readers_agree_on_dwarf5(tree: Path) -> None:
    elf = tree / "m5"
    from_lines = read_line_tables(
        section(elf, ".debug_line") or b"", debug_line_str=section(elf, ".debug_line_str")
    )
    from_info = read_elf_units(elf.read_bytes())
    assert [(u.comp_dir, set(u.files)) for u in from_lines] == [
        (u.comp_dir, set(u.files)) for u in from_info
    ]


def test_dwarf4_line_headers_lack_comp_dir_which_debug_info_has(tree: Path) -> None:
    elf = tree / "m4"
    units = read_line_tables(section(elf, ".debug_line") or b"")
    assert [u.version for u in units] == [4, 4]
    assert all(u.comp_dir is None for u in units)
    assert "inc/h.h" in units[0].files
    full = read_elf_units(elf.read_bytes())
    assert [u.comp_dir for u in full] == [str(tree / "src dir")] * 2
    assert set(units[0].files) <= set(full[0].files)


def test_relative_comp_dir_is_reported_as_recorded(tree: Path) -> None:
    elf = tree / "rel"
    units = read_line_tables(
        section(elf, ".debug_line") or b"", debug_line_str=section(elf, ".debug_line_str")
    )
    assert units == [Unit(5, ".", units[0].files)]
    assert "m#1.c" in units[0].files


def test_agrees_with_readelf_on_the_comp_dir(tree: Path) -> None:
    out = subprocess.run(
        ["readelf", "--debug-dump=info", str(tree / "m4")], capture_output=True, text=True,
        check=True,
    ).stdout
    recorded = [line.split(": ", 1)[1].strip() for line in out.splitlines()
                if "DW_AT_comp_dir" in line]
    assert recorded and all(str(tree / "src dir") in r for r in recorded)


def test_truncated_section_is_an_error_naming_it(tree: Path) -> None:
    data = section(tree / "m5", ".debug_line") or b""
    with pytest.raises(DwarfError, match=r"\.debug_line is truncated"):
        read_line_tables(data[: len(data) // 2], debug_line_str=b"")


def test_stripped_file_says_the_debuginfo_is_needed(tree: Path) -> None:
    stripped = tree / "stripped"
    subprocess.run(["strip", "-o", str(stripped), str(tree / "m5")], check=True)
    with pytest.raises(DwarfError, match="debuginfo file"):
        read_elf_units(stripped.read_bytes())
