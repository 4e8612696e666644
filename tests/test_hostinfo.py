"""collector.hostinfo on this host and on fake trees of real-format files."""

from __future__ import annotations

import os
import platform
import re
import shutil
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from collector.hostinfo import (
    file_mtime,
    host_info,
    kernel_build_id,
    module_build_id,
    parse_os_release,
    target_build_id,
    target_executable,
    tool_version,
)
from collector.runmeta import meta_for_command
from tests.conftest import require_tool, skip_or_fail

KERNEL_ID = bytes.fromhex("48dc540c8b76393804ca8088dbfa7d42911a9444")
MODULE_ID = bytes.fromhex("0f1e2d3c4b5a69788796a5b4c3d2e1f00112233f")


def note(name: bytes, note_type: int, desc: bytes, order: str = sys.byteorder) -> bytes:
    """One ELF note as the kernel lays them out in sysfs (4-byte aligned)."""
    e = "<" if order == "little" else ">"
    name_z = name + b"\0"
    out = struct.pack(e + "III", len(name_z), len(desc), note_type)
    out += name_z + b"\0" * (-len(name_z) % 4)
    return out + desc + b"\0" * (-len(desc) % 4)


def kernel_notes(build_id: bytes) -> bytes:
    """/sys/kernel/notes of an x86-64 Xen-capable kernel: Xen and Linux notes around
    the build-id (the order varies between kernel builds)."""
    return (
        note(b"Xen", 0x13, b"\x00\x00\x00\x01\x00\x00\x00\x01")
        + note(b"Linux", 0x100, b"\x01\x01\x00\x00")
        + note(b"GNU", 3, build_id)
        + note(b"Linux", 6, b"6.1.0-28-amd64\0")
    )


@pytest.fixture
def fake_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    (root / "sys" / "kernel").mkdir(parents=True)
    (root / "sys" / "kernel" / "notes").write_bytes(kernel_notes(KERNEL_ID))
    for name in ("ext4", "nf_conntrack"):
        notes = root / "sys" / "module" / name / "notes"
        notes.mkdir(parents=True)
        (notes / ".note.gnu.build-id").write_bytes(note(b"GNU", 3, MODULE_ID))
    # A built-in module: /sys/module/NAME exists, without notes.
    (root / "sys" / "module" / "printk").mkdir()
    (root / "etc").mkdir()
    (root / "usr" / "lib").mkdir(parents=True)
    return root


def readelf_of_raw_notes(tmp_path: Path, raw: bytes) -> str | None:
    """The build-id readelf finds in a raw note area, wrapped as a .note section."""
    objcopy = require_tool("objcopy", "binutils")
    readelf = require_tool("readelf", "binutils")
    gcc = require_tool("gcc", "gcc")
    (tmp_path / "empty.c").write_text("int errtrail_unused;\n")
    obj = tmp_path / "empty.o"
    subprocess.run([gcc, "-c", "-o", str(obj), str(tmp_path / "empty.c")], check=True)
    area = tmp_path / "area.bin"
    area.write_bytes(raw)
    wrapped = tmp_path / "wrapped.o"
    # BFD gives sections named .note* the SHT_NOTE type.
    subprocess.run(
        [objcopy, "--add-section", f".note.raw={area}", str(obj), str(wrapped)], check=True
    )
    out = subprocess.run(
        [readelf, "-n", "-W", str(wrapped)], capture_output=True, text=True, check=True
    ).stdout
    m = re.search(r"Build ID: ([0-9a-f]+)", out)
    return m.group(1) if m else None


def test_real_kernel_notes(tmp_path: Path) -> None:
    notes = Path("/sys/kernel/notes")
    try:
        raw = notes.read_bytes()
    except OSError as e:
        skip_or_fail(f"{notes} is not readable here: {e}")
    build_id = kernel_build_id()
    assert build_id is not None and re.fullmatch(r"(?:[0-9a-f]{2})+", build_id)
    assert build_id == readelf_of_raw_notes(tmp_path, raw)
    assert host_info().kernel_build_id == build_id


def test_fake_kernel_notes_agree_with_readelf(tmp_path: Path, fake_root: Path) -> None:
    raw = (fake_root / "sys" / "kernel" / "notes").read_bytes()
    assert readelf_of_raw_notes(tmp_path, raw) == KERNEL_ID.hex()
    assert kernel_build_id(fake_root / "sys" / "kernel" / "notes") == KERNEL_ID.hex()
    assert target_build_id("kernel", fake_root) == KERNEL_ID.hex()
    assert target_build_id(" kernel ", fake_root) == KERNEL_ID.hex()


def test_kernel_notes_without_build_id(fake_root: Path) -> None:
    path = fake_root / "sys" / "kernel" / "notes"
    path.write_bytes(note(b"Linux", 6, b"6.1.0\0") + note(b"GNU", 1, b"\0" * 16))
    assert kernel_build_id(path) is None
    path.write_bytes(kernel_notes(KERNEL_ID)[:30])  # truncated before the build-id
    assert kernel_build_id(path) is None
    assert kernel_build_id(fake_root / "nonexistent") is None


def test_module_build_id(fake_root: Path) -> None:
    sys_module = fake_root / "sys" / "module"
    assert module_build_id("ext4", sys_module) == MODULE_ID.hex()
    # "-" and "_" are the same to the kernel.
    assert module_build_id("nf-conntrack", sys_module) == MODULE_ID.hex()
    assert module_build_id("nf_conntrack", sys_module) == MODULE_ID.hex()
    assert module_build_id("printk", sys_module) is None
    assert module_build_id("not_loaded", sys_module) is None
    assert module_build_id("../kernel", sys_module) is None
    assert module_build_id("", sys_module) is None
    assert target_build_id('module("ext4")', fake_root) == MODULE_ID.hex()
    assert target_build_id('module("nf-conntrack")', fake_root) == MODULE_ID.hex()
    assert target_build_id('module("ext*")', fake_root) is None


def test_process_targets(tmp_path: Path, fake_root: Path) -> None:
    gcc = require_tool("gcc", "gcc")
    readelf = require_tool("readelf", "binutils")
    bin_dir = fake_root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (tmp_path / "p.c").write_text("int main(void) { return 22; }\n")
    binary = bin_dir / "prog"
    subprocess.run(
        [gcc, "-Wl,--build-id=sha1", "-o", str(binary), str(tmp_path / "p.c")], check=True
    )
    out = subprocess.run([readelf, "-n", str(binary)], capture_output=True, text=True).stdout
    m = re.search(r"Build ID: ([0-9a-f]+)", out)
    assert m is not None
    expected = m.group(1)
    assert target_build_id('process("/usr/bin/prog")', fake_root) == expected
    # A bare name is looked up in PATH, as stap does.
    assert target_build_id('process("prog")', fake_root, search_path="/nope:/usr/bin") == expected
    assert target_build_id('process("prog")', fake_root, search_path="/nope") is None
    # Not ELF, missing, not a known target: None, never an exception.
    (bin_dir / "script").write_text("#!/bin/sh\n")
    assert target_build_id('process("/usr/bin/script")', fake_root) is None
    assert target_build_id('process("/usr/bin/missing")', fake_root) is None
    assert target_build_id("process", fake_root) is None
    assert target_build_id('process("/usr/bin/prog").library("libc.so.6")', fake_root) is None
    assert target_build_id(None, fake_root) is None
    assert target_build_id("", fake_root) is None


def test_process_pid_and_path_on_this_host() -> None:
    readelf = require_tool("readelf", "binutils")
    exe = os.path.realpath(sys.executable)
    out = subprocess.run([readelf, "-n", exe], capture_output=True, text=True).stdout
    m = re.search(r"Build ID: ([0-9a-f]+)", out)
    expected = m.group(1) if m else None
    assert target_build_id(f"process({os.getpid()})") == expected
    assert target_build_id(f'process("{exe}")') == expected
    true = shutil.which("true")
    assert true is not None
    out = subprocess.run([readelf, "-n", true], capture_output=True, text=True).stdout
    m = re.search(r"Build ID: ([0-9a-f]+)", out)
    assert target_build_id('process("true")') == (m.group(1) if m else None)


def test_stap_runs_record_when_their_process_target_was_modified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe = tmp_path / "bin" / "prog"
    exe.parent.mkdir()
    exe.write_bytes(b"\x7fELF")  # what counts is the file's mtime
    exe.chmod(0o755)
    when = 1767607200.25  # 2026-01-05 10:00:00.25 UTC
    os.utime(exe, (when, when))
    expected = "2026-01-05T10:00:00.250000Z"
    assert file_mtime(exe) == expected
    monkeypatch.setenv("PATH", f"{exe.parent}{os.pathsep}{os.environ.get('PATH', '')}")

    def mtime(*argv: str) -> str | None:
        return meta_for_command(["stap", *argv]).target_mtime

    assert mtime("whythefail.stp", f'process("{exe}")', "f", "$return < 0") == expected
    assert mtime("whythefail.stp", 'process("prog")', "f", "$return < 0") == expected
    # A bare process probes the -c command (or the -x process).
    assert mtime("-c", "prog --flag", "whythefail.stp", "process", "f", "$return < 0") == expected
    assert mtime("whythefail.stp", "kernel", "f", "$return < 0") is None
    assert mtime("whythefail.stp", 'module("ext4")', "f", "$return < 0") is None
    assert mtime("whythefail.stp", 'process("/nonexistent/prog")', "f", "$return < 0") is None
    pid = os.getpid()
    assert target_executable(f"process({pid})") == Path(f"/proc/{pid}/exe")
    assert target_executable("process", traced_pid=pid) == Path(f"/proc/{pid}/exe")
    assert file_mtime(f"/proc/{pid}/exe") == file_mtime(os.path.realpath(sys.executable))


@pytest.mark.parametrize(
    ("text", "os_id", "version"),
    [
        ('ID=debian\nVERSION_ID="12"\n', "debian", "12"),
        ("ID='fedora'\nVERSION_ID=40\n", "fedora", "40"),
        ('ID="rhel"\nID_LIKE="fedora"\nVERSION_ID="9.4"\n', "rhel", "9.4"),
        ('ID=arch\nBUILD_ID=rolling\n', "arch", None),  # no VERSION_ID on rolling distros
        ('# ID=wrong\n\nID="opensuse-tumbleweed"\r\nVERSION_ID="20240101"\r\n',
         "opensuse-tumbleweed", "20240101"),
        ('ID=ubuntu\nVERSION_ID="24.04"\nVERSION="24.04 LTS (Noble Numbat)"\n', "ubuntu", "24.04"),
        ('ID="a\\"b"\nVERSION_ID=""\n', 'a"b', None),
    ],
)
def test_os_release_quoting(fake_root: Path, text: str, os_id: str, version: str | None) -> None:
    (fake_root / "etc" / "os-release").write_text(text)
    info = host_info(fake_root)
    assert (info.os_id, info.os_version) == (os_id, version)


def test_os_release_fallback(fake_root: Path) -> None:
    (fake_root / "usr" / "lib" / "os-release").write_text('ID=debian\nVERSION_ID="13"\n')
    info = host_info(fake_root)
    assert (info.os_id, info.os_version) == ("debian", "13")
    # /etc/os-release wins over /usr/lib/os-release.
    (fake_root / "etc" / "os-release").write_text("ID=custom\n")
    assert host_info(fake_root).os_id == "custom"
    (fake_root / "etc" / "os-release").unlink()
    (fake_root / "usr" / "lib" / "os-release").unlink()
    info = host_info(fake_root)
    assert (info.os_id, info.os_version) == (None, None)
    assert info.kernel_build_id == KERNEL_ID.hex()


def test_parse_os_release_keeps_shell_meaning() -> None:
    assert parse_os_release('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"') == {
        "PRETTY_NAME": "Debian GNU/Linux 12 (bookworm)"
    }
    assert parse_os_release("NAME='It'\"'\"'s'") == {"NAME": "It's"}
    assert parse_os_release('X="a \\$b \\`c\\` \\\\d"') == {"X": "a $b `c` \\d"}
    assert parse_os_release("not a pair\n=x\n1X=y\n") == {}


def test_host_info_on_this_host() -> None:
    info = host_info()
    assert info.hostname == socket.gethostname()
    assert info.kernel_release == platform.release()
    assert info.machine == platform.machine()
    real = {}
    for path in (Path("/etc/os-release"), Path("/usr/lib/os-release")):
        if path.exists():
            real = parse_os_release(path.read_text())
            break
    assert info.os_id == real.get("ID")


def write_tool(path: Path, body: str) -> str:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)
    return str(path)


def test_tool_version_stdout_and_stderr(tmp_path: Path) -> None:
    gcc = require_tool("gcc", "gcc")
    first = subprocess.run([gcc, "--version"], capture_output=True, text=True).stdout
    assert tool_version(gcc, "--version") == first.splitlines()[0].strip()
    # stap -V prints to stderr only (stap 4.x).
    stap_like = write_tool(
        tmp_path / "stap",
        'printf "\\nSystemtap translator/driver (version 4.8/0.188, Debian version 4.8-2)\\n'
        'Copyright (C) 2005-2022 Red Hat, Inc. and others\\n" >&2\n',
    )
    assert tool_version(stap_like) == (
        "Systemtap translator/driver (version 4.8/0.188, Debian version 4.8-2)"
    )
    both = write_tool(tmp_path / "both", "echo out; echo err >&2\n")
    assert tool_version(both) == "out"


def test_tool_version_failures(tmp_path: Path) -> None:
    assert tool_version(str(tmp_path / "missing")) is None
    assert tool_version("errtrail-no-such-tool-on-path") is None
    assert tool_version(write_tool(tmp_path / "fails", "echo usage >&2; exit 1\n")) is None
    assert tool_version(write_tool(tmp_path / "silent", "exit 0\n")) is None
    not_exec = tmp_path / "not-exec"
    not_exec.write_text("x")
    assert tool_version(str(not_exec)) is None
    killed = write_tool(tmp_path / "killed", "echo v1; kill -9 $$\n")
    assert tool_version(killed) is None


def test_tool_version_timeout_kills_children(tmp_path: Path) -> None:
    # The grandchild holds the pipes open: the timeout must not wait for it.
    pid_file = tmp_path / "pid"
    hung = write_tool(tmp_path / "hung", f"echo $$ > {pid_file}; echo v1; sleep 60 & sleep 60\n")
    assert tool_version(hung, timeout=0.5) is None
    # Returning at all means the pipes closed (communicate() waits for that). A killed
    # process closes its files in do_exit() before it turns zombie, so one may still be
    # on its way out for a moment: wait (bounded) for none of the group to be left.
    group = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while (alive := group_members(group)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive, alive


def group_members(group: int) -> list[str]:
    """Pids of live (not zombie) processes in process group ``group``."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] not in ("Z", "X"):
            alive.append(stat.parent.name)
    return alive
