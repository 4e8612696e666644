"""reporter.errnos against the kernel's own uapi headers (Debian linux-libc-dev)."""

from __future__ import annotations

import errno as host_errno
import re
import sys
from pathlib import Path

import pytest

from reporter.errnos import (
    ALIASES,
    ERRNOS,
    description_of,
    err_ptr_errno,
    name_of,
    number_of,
)
from tests.conftest import skip_or_fail

UAPI = Path("/usr/include/asm-generic")
DEFINE = re.compile(r"^#define\s+(E[A-Z0-9_]+)\s+(\d+|E[A-Z0-9_]+)\s*(?:/\*\s*(.*?)\s*\*/)?", re.M)


def _uapi_defines() -> list[tuple[str, str, str | None]]:
    if not (UAPI / "errno.h").exists():
        skip_or_fail("kernel uapi headers missing: apt-get install linux-libc-dev")
    text = (UAPI / "errno-base.h").read_text() + (UAPI / "errno.h").read_text()
    return [(m.group(1), m.group(2), m.group(3)) for m in DEFINE.finditer(text)]


def test_table_matches_the_kernel_uapi_headers() -> None:
    defines = _uapi_defines()
    numbered = [(name, int(value), desc) for name, value, desc in defines if value.isdigit()]
    assert len(numbered) == 131  # 1..133 without 41 and 58
    for name, value, desc in numbered:
        assert ERRNOS[value] == (name, desc), value
    assert set(ERRNOS) - {n for _, n, _ in numbered} == set(range(512, 532)) - {520}
    # The header's aliases (#define EWOULDBLOCK EAGAIN ...) are ours, resolved.
    aliases = {name: number_of(value) for name, value, _ in defines if not value.isdigit()}
    # ENOTSUP is glibc's alias (bits/errno.h), not the kernel's.
    assert aliases == {k: v for k, v in ALIASES.items() if k != "ENOTSUP"}


def test_kernel_internal_codes() -> None:
    assert [name_of(n) for n in range(512, 532)] == [
        "ERESTARTSYS", "ERESTARTNOINTR", "ERESTARTNOHAND", "ENOIOCTLCMD",
        "ERESTART_RESTARTBLOCK", "EPROBE_DEFER", "EOPENSTALE", "ENOPARAM", None,
        "EBADHANDLE", "ENOTSYNC", "EBADCOOKIE", "ENOTSUPP", "ETOOSMALL", "ESERVERFAULT",
        "EBADTYPE", "EJUKEBOX", "EIOCBQUEUED", "ERECALLCONFLICT", "ENOGRACE",
    ]
    assert description_of(517) == "Driver requests probe retry (kernel internal)"


@pytest.mark.skipif(sys.platform != "linux", reason="the host's table is Linux's only on Linux")
def test_host_libc_agrees_up_to_aliases() -> None:
    """Python's errno (the C library's) has the same numbers, with other spellings."""
    for n, name in host_errno.errorcode.items():
        if n in ERRNOS:
            assert name == ERRNOS[n][0] or ALIASES.get(name) == n, (n, name)
    # Where the two differ, the kernel's name is the one we give.
    assert name_of(host_errno.EOPNOTSUPP) == "EOPNOTSUPP"
    assert name_of(host_errno.EDEADLK) == "EDEADLK"
    assert name_of(host_errno.EWOULDBLOCK) == "EAGAIN"


def test_names_are_unique_and_round_trip() -> None:
    names = [name for name, _ in ERRNOS.values()]
    assert len(names) == len(set(names))
    for n, (name, _) in ERRNOS.items():
        assert number_of(name) == n
    assert name_of(0) is None and name_of(-22) is None and number_of("EOF") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0xFFFFFFFFFFFFFFFF, -1),
        (0xFFFFFFFFFFFFF001, -4095),
        (0xFFFFFFFFFFFFF000, None),
        (0xFFFFFFFF, -1),
        (0xFFFFF001, -4095),
        (0xFFFFF000, None),
        (-4095, -4095),
        (-4096, None),
        (0xFFFF888000000000, None),
        (1, None),
        (0, None),
    ],
)
def test_err_ptr_boundaries(value: int, expected: int | None) -> None:
    assert err_ptr_errno(value) == expected
