"""Assembling a run's metadata (``RunMeta``) from its command line and the host.

Others call ``meta_for_command(argv, ...)`` for a live capture on this host, and
``meta_for_import(command, ...)`` for output captured elsewhere, whose host facts can
only come from the user. Gathering never fails a capture: a fact that cannot be read
is left empty. A live capture of a process target also records when its executable
was last modified (``target_mtime``, read at capture); an import cannot know it.
``shell_join(words)`` writes a command line as text that the archive can store and a
shell turns back into the same words, bytes that are not UTF-8 included.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import replace

from collector.archive import RunMeta
from collector.errors import ErrtrailError
from collector.hostinfo import (
    HostInfo,
    file_mtime,
    host_info,
    target_build_id,
    target_executable,
    tool_version,
)
from collector.stapargs import StapCommand, parse_stap_command, script_facts

BUILD_ID = re.compile(r"^(?:[0-9a-f]{2})+$")


class MetaError(ErrtrailError, ValueError):
    """A metadata value given by the user is malformed."""


def shell_join(words: Sequence[str]) -> str:
    r"""``shlex.join`` that also stores: a word holding bytes that are not UTF-8 (Python
    reads them from the command line surrogate-escaped, and SQLite text must be UTF-8)
    is written as ``$'...'`` with ``\xNN`` escapes, which bash, zsh and ksh turn back
    into the same bytes.

    >>> print(shell_join(["./p", "a b", "it's", "caf\u00e9", "\udcff-\\"]))
    ./p 'a b' 'it'"'"'s' 'café' $'\xff-\\'
    """
    out = []
    for word in words:
        try:
            word.encode("utf-8")
        except UnicodeEncodeError:
            raw = word.encode("utf-8", "surrogateescape")
            out.append("$'" + "".join(_ansi_c_byte(b) for b in raw) + "'")
        else:
            out.append(shlex.quote(word))
    return " ".join(out)


def _ansi_c_byte(byte: int) -> str:
    if byte in b"'\\":
        return "\\" + chr(byte)
    return chr(byte) if 0x20 <= byte < 0x7F else f"\\x{byte:02x}"


def check_build_id(value: str | None, option: str) -> str | None:
    """Validate a build-id given on the command line (lowercase even-length hex).

    >>> check_build_id("ABCD", "--kernel-build-id")
    'abcd'
    >>> check_build_id("abc", "--kernel-build-id")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    collector.runmeta.MetaError: --kernel-build-id 'abc' is not a build-id: ...
    """
    if value is None:
        return None
    norm = value.strip().lower()
    if not BUILD_ID.match(norm):
        raise MetaError(
            f"{option} {value!r} is not a build-id: expected an even number of hex digits,"
            " as printed by `readelf -n` or `file`"
        )
    return norm


def _from_stap(argv: Sequence[str], cmd: StapCommand, *, with_script: bool) -> RunMeta:
    sha, text = script_facts(cmd) if with_script else (None, None)
    return RunMeta(
        command=tuple(argv),
        tool="stap" if cmd.is_stap else "other",
        target=cmd.target,
        function=cmd.function,
        condition=cmd.condition,
        variable=cmd.variable,
        uses_example=cmd.uses_example,
        uses_c=cmd.traced_command is not None,
        uses_x=cmd.traced_pid is not None,
        traced_command=cmd.traced_command,
        traced_pid=cmd.traced_pid,
        script_path=cmd.script,
        script_sha256=sha,
        script_text=text,
    )


def with_host(meta: RunMeta, host: HostInfo | None = None) -> RunMeta:
    """``meta`` with this host's facts (or ``host``'s): name, kernel, arch, OS."""
    host = host or host_info()
    return replace(
        meta,
        hostname=host.hostname,
        kernel_release=host.kernel_release,
        machine=host.machine,
        os_id=host.os_id,
        os_version=host.os_version,
        kernel_build_id=host.kernel_build_id,
    )


def _target_mtime(cmd: StapCommand) -> str | None:
    """When the traced executable (``process("PATH")``, or a bare ``process`` with
    ``-c CMD`` / ``-x PID``) was last modified: the reporter compares local source files
    with it. Kernels and modules: ``None``."""
    exe = target_executable(
        cmd.target, traced_command=cmd.traced_command, traced_pid=cmd.traced_pid
    )
    return file_mtime(exe)


def meta_for_command(
    argv: Sequence[str],
    *,
    label: str | None = None,
    note: str | None = None,
    host: HostInfo | None = None,
) -> RunMeta:
    """Metadata for ``argv`` about to run on this host."""
    cmd = parse_stap_command(argv)
    stap = replace(
        _from_stap(argv, cmd, with_script=True),
        origin="run",
        target_build_id=target_build_id(cmd.target) if cmd.target else None,
        target_mtime=_target_mtime(cmd),
        tool_version=tool_version(cmd.program or "stap") if cmd.is_stap else None,
        label=label,
        note=note,
    )
    return with_host(stap, host)


def meta_for_import(
    command: str | None,
    *,
    kernel_build_id: str | None = None,
    target_build_id: str | None = None,
    kernel_release: str | None = None,
    hostname: str | None = None,
    arch: str | None = None,
    label: str | None = None,
    note: str | None = None,
) -> RunMeta:
    """Metadata for output captured without errtrail; host facts only from the user."""
    kernel_build_id = check_build_id(kernel_build_id, "--kernel-build-id")
    target_build_id = check_build_id(target_build_id, "--target-build-id")
    try:
        argv = tuple(shlex.split(command)) if command else ()
    except ValueError as e:
        raise MetaError(f"--command {command!r} cannot be split like a shell would: {e}") from e
    cmd = parse_stap_command(argv)
    if target_build_id is None and cmd.target == "kernel":
        target_build_id = kernel_build_id
    # A script path from another host is not this host's file: keep its name only.
    base = _from_stap(argv, cmd, with_script=False) if argv else RunMeta(command=(), tool="other")
    return replace(
        base,
        origin="import",
        hostname=hostname,
        kernel_release=kernel_release,
        machine=arch,
        kernel_build_id=kernel_build_id,
        target_build_id=target_build_id,
        label=label,
        note=note,
    )
