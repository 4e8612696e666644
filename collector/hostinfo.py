"""Facts about the capturing host: uname, os-release, build-ids, tool versions.

This module owns reading host facts. Nothing here raises for a missing or unreadable
fact: a capture must never fail because metadata could not be gathered, so each
function returns ``None`` for what it cannot read. Others call:

- ``host_info(sys_root)``: a ``HostInfo`` (hostname, kernel release, machine, OS id
  and version, kernel build-id).
- ``kernel_build_id(notes)``, ``module_build_id(name, sys_module)``: build-ids from
  the kernel's note files in sysfs.
- ``target_build_id(target, sys_root)``: the build-id of a whythefail PROC_OR_KERNEL.
- ``target_executable(target, ...)``: the executable a ``process(...)`` target names;
  ``file_mtime(path)``: its modification time (``runs.target_mtime``).
- ``tool_version(argv0, flag)``: the first line a tool prints about its version.
- ``parse_os_release(text)``: os-release(5) key/value pairs.

``sys_root`` lets tests point at a tree of files in the real formats.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import signal
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from collector.archive import iso
from collector.elf import ElfError, build_id_from_elf, find_build_id

TOOL_VERSION_TIMEOUT = 10.0


@dataclass(frozen=True)
class HostInfo:
    """What is known about the host a run was captured on."""

    hostname: str | None
    kernel_release: str | None
    machine: str | None
    os_id: str | None
    os_version: str | None
    kernel_build_id: str | None


def parse_os_release(text: str) -> dict[str, str]:
    """Key/value pairs of an os-release(5) file, values unquoted as a shell would.

    >>> for key, value in parse_os_release(
    ...         '# comment\\nID=debian\\nVERSION_ID="12"\\n'
    ...         "PRETTY_NAME='Debian GNU/Linux 12 (bookworm)'\\n"
    ...         'NAME="Fedora \\\\"Linux\\\\""\\nBAD LINE\\n  VARIANT_ID = x\\n').items():
    ...     print(f"{key}: {value}")
    ID: debian
    VERSION_ID: 12
    PRETTY_NAME: Debian GNU/Linux 12 (bookworm)
    NAME: Fedora "Linux"
    >>> parse_os_release('ID="unterminated\\n')
    {'ID': 'unterminated'}
    """
    pairs: dict[str, str] = {}
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        key, eq, value = line.partition("=")
        if not eq or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            continue
        pairs[key] = _unquote(value)
    return pairs


def _unquote(value: str) -> str:
    """A shell word's value: '...' literal; "..." with \\ escaping $ ` " \\;
    unquoted \\ escaping any character. An unbalanced quote runs to the end (the
    fact is kept rather than dropped).

    >>> _unquote('"a \\\\$b \\\\`c\\\\` \\\\\\\\d \\\\n"')
    'a $b `c` \\\\d \\\\n'
    >>> _unquote(r"'It'\\''s' x")
    "It's x"
    """
    out: list[str] = []
    i = 0
    quote = ""
    while i < len(value):
        ch = value[i]
        i += 1
        if quote == "'":
            if ch == "'":
                quote = ""
            else:
                out.append(ch)
        elif quote == '"':
            if ch == '"':
                quote = ""
            elif ch == "\\" and i < len(value) and value[i] in '$`"\\':
                out.append(value[i])
                i += 1
            else:
                out.append(ch)
        elif ch in "'\"":
            quote = ch
        elif ch == "\\" and i < len(value):
            out.append(value[i])
            i += 1
        else:
            out.append(ch)
    return "".join(out).strip()


def _read_os_release(sys_root: Path) -> dict[str, str]:
    # os-release(5): /etc/os-release takes precedence; /usr/lib/os-release is the
    # fallback (and the usual target of the /etc symlink).
    for rel in ("etc/os-release", "usr/lib/os-release"):
        try:
            text = (sys_root / rel).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        return parse_os_release(text)
    return {}


def _read_notes(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    # sysfs note files hold the kernel's ELF notes in the kernel's (the host's) byte
    # order, 4-byte aligned, exactly as in vmlinux's .notes section.
    return find_build_id(data, sys.byteorder)


def kernel_build_id(notes: Path = Path("/sys/kernel/notes")) -> str | None:
    """The running kernel's GNU build-id from ``/sys/kernel/notes``, or ``None``."""
    return _read_notes(notes)


def module_build_id(name: str, sys_module: Path = Path("/sys/module")) -> str | None:
    """A loaded module's build-id from ``/sys/module/<name>/notes/.note.gnu.build-id``.

    The kernel treats "-" and "_" in module names alike (``kmod`` normalises to
    "_"), so both spellings are tried. ``None`` for built-in or unloaded modules.
    """
    if not name or "/" in name or name in (".", ".."):
        return None
    for candidate in dict.fromkeys((name, name.replace("-", "_"), name.replace("_", "-"))):
        build_id = _read_notes(sys_module / candidate / "notes" / ".note.gnu.build-id")
        if build_id is not None:
            return build_id
    return None


_MODULE = re.compile(r'^module\("([^"*?\[\]]+)"\)$')
_PROCESS = re.compile(r'^process\("([^"]+)"\)$')
_PROCESS_PID = re.compile(r"^process\((\d+)\)$")


def _in_root(sys_root: Path, path: str) -> Path:
    return sys_root / path.lstrip("/")


def _find_in_path(name: str, sys_root: Path, search_path: str | None) -> Path | None:
    # stap resolves a relative process("name") through $PATH like a shell
    # (find_executable in util.cxx); names with a "/" are relative to the cwd.
    if "/" in name:
        return Path(name).resolve() if sys_root == Path("/") else _in_root(sys_root, name)
    for directory in (search_path if search_path is not None else os.defpath).split(os.pathsep):
        if not directory:
            continue
        candidate = _in_root(sys_root, os.path.join(directory, name))
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def target_executable(
    target: str | None,
    sys_root: Path = Path("/"),
    search_path: str | None = None,
    *,
    traced_command: str | None = None,
    traced_pid: int | None = None,
) -> Path | None:
    """The executable a whythefail PROC_OR_KERNEL names, or ``None``.

    ``process("/p")``: ``/p`` (a relative name is looked up in ``search_path``, default
    ``$PATH``, as stap does); ``process(PID)``: ``/proc/PID/exe``; a bare ``process``
    (stap then probes the ``-c`` command or the ``-x`` process): the first word of
    ``traced_command``, or ``traced_pid``'s executable. Kernels, modules and anything
    else give ``None``, as does a relative name the search path does not hold.

    >>> target_executable("kernel") is None
    True
    """
    if target is None:
        return None
    target = target.strip()
    m = _PROCESS_PID.match(target)
    if m:
        return sys_root / "proc" / m.group(1) / "exe"
    if target == "process" and traced_pid is not None:
        return sys_root / "proc" / str(traced_pid) / "exe"
    m = _PROCESS.match(target)
    name = m.group(1) if m else None
    if target == "process" and traced_command:
        try:
            words = shlex.split(traced_command)
        except ValueError:
            return None
        name = words[0] if words else None
    if not name:
        return None
    if name.startswith("/"):
        return _in_root(sys_root, name)
    env_path = os.environ.get("PATH") if search_path is None else search_path
    return _find_in_path(name, sys_root, env_path)


def file_mtime(path: Path | str | None) -> str | None:
    """When ``path`` (symlinks followed) was last modified, as UTC ISO-8601 with
    microseconds (the archive's time format), or ``None`` when it cannot be read.

    >>> file_mtime("/nonexistent/errtrail-no-such-file") is None
    True
    """
    if path is None:
        return None
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return iso(datetime.fromtimestamp(st.st_mtime, timezone.utc))


def target_build_id(
    target: str | None, sys_root: Path = Path("/"), search_path: str | None = None
) -> str | None:
    """The build-id of a whythefail PROC_OR_KERNEL, or ``None``.

    ``kernel``: the running kernel's; ``module("x")``: the loaded module's;
    ``process("/p")``, ``process(PID)``: the ELF build-id of the executable
    ``target_executable`` finds. Anything else, and anything unreadable, gives ``None``.

    >>> target_build_id('timer.s(1)') is None
    True
    """
    if target is None:
        return None
    target = target.strip()
    try:
        if target == "kernel":
            return kernel_build_id(sys_root / "sys" / "kernel" / "notes")
        m = _MODULE.match(target)
        if m:
            return module_build_id(m.group(1), sys_root / "sys" / "module")
        path = target_executable(target, sys_root, search_path)
        if path is None:
            return None
        return build_id_from_elf(path)
    except (ElfError, OSError, ValueError):
        return None


def host_info(sys_root: Path = Path("/")) -> HostInfo:
    """Facts about this host; ``sys_root`` relocates the files read (not uname)."""
    uname = os.uname()
    release = _read_os_release(sys_root)
    return HostInfo(
        hostname=uname.nodename or None,
        kernel_release=uname.release or None,
        machine=uname.machine or None,
        os_id=release.get("ID") or None,
        os_version=release.get("VERSION_ID") or None,
        kernel_build_id=kernel_build_id(sys_root / "sys" / "kernel" / "notes"),
    )


def tool_version(
    argv0: str, flag: str = "-V", timeout: float = TOOL_VERSION_TIMEOUT
) -> str | None:
    """The first non-empty line ``argv0 flag`` prints, or ``None``.

    ``stap -V`` prints its version to stderr, ``gdb --version`` to stdout: stdout is
    read first, then stderr. ``None`` when the tool is missing, exits with a
    non-zero status or a signal, prints nothing, or runs longer than ``timeout``.

    >>> tool_version("/nonexistent/errtrail-no-such-tool") is None
    True
    """
    try:
        # Its own session, so that a timeout kills whatever the tool started too
        # (a wrapper script's children would otherwise hold the pipes open).
        proc = subprocess.Popen(
            [argv0, flag],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except (OSError, ValueError):
        return None
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None
    if proc.returncode != 0:
        return None
    for stream in (stdout, stderr):
        for line in stream.decode("utf-8", errors="replace").splitlines():
            if line.strip():
                return line.strip()
    return None
