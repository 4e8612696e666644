"""tracefs for the uprobe backend: the kernel's uprobe events and errtrail's own instance.

This module owns everything the uprobe backend does in tracefs: checking that the
kernel and the user can trace (root or CAP_PERFMON/CAP_SYS_ADMIN, uprobe events),
finding tracefs and mounting it when it is not mounted, the names of errtrail's
probes (group ``errtrail_<pid>``, instance ``instances/errtrail-<pid>``: ``<pid>``
is the process that made them and removes them), adding and removing probe events,
removing what a collector killed by SIGKILL left (only groups whose owner is gone,
never anything else), and one instance of the ring buffer: its size, clock, pid
filter, events, per-CPU ``trace_pipe_raw`` and lost-event counters.

Others call ``find_tracefs``, ``check_privileges``, ``check_uprobe_events``,
``group_for``/``instance_for``, ``list_events``, ``add_event``, ``remove_event``,
``remove_group``,
``remove_stale``, and ``Instance``. Errors are ``UprobeTraceError`` with the fix.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from collector.errors import ErrtrailError

TRACEFS = Path("/sys/kernel/tracing")
# Older systems reach tracefs through debugfs.
DEBUGFS_TRACING = Path("/sys/kernel/debug/tracing")
GROUP_PREFIX = "errtrail_"
INSTANCE_PREFIX = "errtrail-"
GROUP = re.compile(r"^errtrail_(\d+)$")
INSTANCE = re.compile(r"^errtrail-(\d+)$")
CAP_SYS_ADMIN, CAP_PERFMON = 21, 38
MOUNT_TIMEOUT = 30.0
# Kernel-internal error numbers a probe can fail with, which strerror() does not know.
KERNEL_ERRORS = {
    524: "ENOTSUPP: uprobes cannot step over the instruction there (a lock-prefixed one,"
         " for instance)",
}


class UprobeTraceError(ErrtrailError):
    """The uprobe trace cannot be set up or run; the message says why and what to do."""


def group_for(pid: int) -> str:
    """The group of the probes process ``pid`` owns.

    >>> group_for(4242), instance_for(4242)
    ('errtrail_4242', 'errtrail-4242')
    """
    return f"{GROUP_PREFIX}{pid}"


def instance_for(pid: int) -> str:
    return f"{INSTANCE_PREFIX}{pid}"


def tracefs_mounts(mounts: str) -> list[Path]:
    """Where ``/proc/mounts`` says tracefs is mounted.

    >>> tracefs_mounts("sysfs /sys sysfs rw 0 0\\nnodev /sys/kernel/tracing tracefs rw 0 0\\n")
    [PosixPath('/sys/kernel/tracing')]
    """
    out = []
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[2] == "tracefs":
            out.append(Path(parts[1].replace("\\040", " ")))
    return out


def find_tracefs(mount: bool = True) -> tuple[Path, bool]:
    """tracefs's mount point, and whether it was mounted now (as root, when missing)."""
    try:
        mounted = tracefs_mounts(Path("/proc/mounts").read_text())
    except OSError:
        mounted = []
    for path in [*mounted, TRACEFS, DEBUGFS_TRACING]:
        if (path / "README").exists():
            return path, False
    if not mount:
        raise UprobeTraceError("tracefs is not mounted: mount it (as root) with"
                               f" `mount -t tracefs nodev {TRACEFS}`")
    tool = shutil.which("mount") or "/bin/mount"
    try:
        proc = subprocess.run([tool, "-t", "tracefs", "nodev", str(TRACEFS)],
                              capture_output=True, text=True, timeout=MOUNT_TIMEOUT,
                              check=False)
        why = proc.stderr.strip() or f"mount exited with status {proc.returncode}"
    except (OSError, subprocess.TimeoutExpired) as e:
        why = str(e)
    if (TRACEFS / "README").exists():
        return TRACEFS, True
    raise UprobeTraceError(
        f"tracefs is not mounted and mounting it at {TRACEFS} failed ({why}): mount it as"
        f" root with `mount -t tracefs nodev {TRACEFS}`; if that fails too, this kernel"
        " was built without tracing (CONFIG_TRACING, CONFIG_UPROBE_EVENTS)"
    )


def effective_caps(status: str) -> int:
    """The effective capability mask from ``/proc/self/status``.

    >>> hex(effective_caps("Name:\\tx\\nCapEff:\\t000001ffffffffff\\n"))
    '0x1ffffffffff'
    """
    for line in status.splitlines():
        if line.startswith("CapEff:"):
            return int(line.split()[1], 16)
    return 0


def check_privileges() -> None:
    """Root, or CAP_PERFMON or CAP_SYS_ADMIN; else what to do."""
    if os.geteuid() == 0:
        return
    try:
        caps = effective_caps(Path("/proc/self/status").read_text())
    except OSError:
        caps = 0
    if caps & (1 << CAP_SYS_ADMIN | 1 << CAP_PERFMON):
        return
    raise UprobeTraceError(
        "uprobes need root, or CAP_PERFMON (or CAP_SYS_ADMIN) and write access to tracefs:"
        " run it with sudo (sudo errtrail-collect uprobe ...), or use the gdb backend"
        " (errtrail-collect gdb ...), which needs no privileges for your own programs"
    )


def check_uprobe_events(tracefs: Path) -> None:
    if not (tracefs / "uprobe_events").exists():
        raise UprobeTraceError(
            f"this kernel has no uprobe events ({tracefs}/uprobe_events is missing): it was"
            " built without CONFIG_UPROBE_EVENTS; use a kernel with it, or the gdb backend"
            " (errtrail-collect gdb ...)"
        )


def list_events(tracefs: Path) -> list[tuple[str, str]]:
    """``(group, event)`` of every uprobe event, in ``uprobe_events`` order."""
    try:
        text = (tracefs / "uprobe_events").read_text()
    except OSError:
        return []
    out = []
    for line in text.splitlines():
        m = re.match(r"^[pr]\d*:([^/\s]+)/(\S+)\s", line)
        if m:
            out.append((m.group(1), m.group(2)))
    return out


def last_error(tracefs: Path) -> str:
    """The kernel's explanation of the last failed tracefs command (``error_log``)."""
    try:
        lines = (tracefs / "error_log").read_text().strip().splitlines()
    except OSError:
        return ""
    tail = [line.strip() for line in lines[-3:] if line.strip()]
    return " / ".join(tail)


@dataclass(frozen=True)
class Refusal:
    """The kernel refused a probe: its error number (``rc``, negative, as stap says it)
    and what it said (the error, and the ``error_log`` line)."""

    rc: int
    text: str

    def __str__(self) -> str:
        return self.text


def _refusal(tracefs: Path, e: OSError) -> Refusal:
    what = KERNEL_ERRORS.get(e.errno or 0) or e.strerror or str(e)
    detail = last_error(tracefs)
    return Refusal(-(e.errno or 22), f"{what} (rc -{e.errno})" + (f": {detail}" if detail else ""))


def _write(path: Path, text: str, append: bool = False) -> None:
    flags = os.O_WRONLY | (os.O_APPEND if append else os.O_TRUNC)
    fd = os.open(path, flags)
    try:
        os.write(fd, text.encode("utf-8", "surrogateescape"))
    finally:
        os.close(fd)


def add_event(tracefs: Path, definition: str) -> Refusal | None:
    """Add one probe (a ``uprobe_events`` line); the kernel's reason when it refuses."""
    with contextlib.suppress(OSError):
        _write(tracefs / "error_log", "")   # so that last_error() is about this one
    try:
        _write(tracefs / "uprobe_events", definition + "\n", append=True)
    except OSError as e:
        return _refusal(tracefs, e)
    return None


def remove_event(tracefs: Path, group: str, event: str) -> str | None:
    """Remove one event (it must be disabled everywhere); why not, when it cannot be."""
    try:
        _write(tracefs / "uprobe_events", f"-:{group}/{event}\n", append=True)
    except OSError as e:
        return f"{group}/{event}: {e.strerror}"
    return None


def remove_group(tracefs: Path, group: str) -> list[str]:
    """Remove every event of ``group``; the ones that could not be removed, with why."""
    events = sorted({e for g, e in list_events(tracefs) if g == group})
    return [why for why in (remove_event(tracefs, group, e) for e in events) if why]


def process_runs(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, ended and not yet reaped by its parent,
    runs no more): a group is kept while its owner may run; ``-p PID`` ends with it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:
        return True
    state = stat.rsplit(")", 1)[-1].split()[:1]
    return state not in (["Z"], ["X"])


def remove_stale(tracefs: Path, own: int) -> list[str]:
    """Remove the instances and groups errtrail collectors that are gone left behind
    (their owner's pid is in the name); other groups, and those of running owners,
    are never touched. What was removed, for a message."""
    removed = []
    instances = tracefs / "instances"
    with contextlib.suppress(OSError):
        for entry in sorted(os.listdir(instances)):
            m = INSTANCE.match(entry)
            if m and int(m.group(1)) != own and not process_runs(int(m.group(1))):
                with contextlib.suppress(OSError):
                    os.rmdir(instances / entry)
                    removed.append(f"instance {entry}")
    groups = sorted({g for g, _ in list_events(tracefs) if GROUP.match(g)})
    for group in groups:
        pid = int(group[len(GROUP_PREFIX):])
        if pid != own and not process_runs(pid):
            n = sum(1 for g, _ in list_events(tracefs) if g == group)
            if not remove_group(tracefs, group):
                removed.append(f"{n} probes of {group}")
    return removed


class Instance:
    """One tracefs instance (``instances/NAME``): a ring buffer of errtrail's own, so
    that the events, filters and counters of other tracing users stay untouched."""

    def __init__(self, tracefs: Path, name: str) -> None:
        self.tracefs = tracefs
        self.path = tracefs / "instances" / name

    def create(self) -> None:
        try:
            os.mkdir(self.path)
        except FileExistsError:
            pass
        except OSError as e:
            raise UprobeTraceError(
                f"cannot create the tracing instance {self.path}: {e.strerror}; check"
                " that tracefs is writable (root) and supports instances"
            ) from e

    def write(self, name: str, text: str) -> None:
        try:
            _write(self.path / name, text)
        except OSError as e:
            raise UprobeTraceError(f"cannot write {text!r} to {self.path / name}: {e.strerror}"
                                   ) from e

    def configure(self, buffer_kb: int, clock: str) -> None:
        """Buffer size per CPU, the clock, keep the oldest events when full (then
        ``dropped events`` counts the rest), and follow forks and new threads."""
        self.write("buffer_size_kb", str(buffer_kb))
        self.write("trace_clock", clock)
        self.write("options/overwrite", "0")
        self.write("options/event-fork", "1")

    def set_pids(self, pids: Iterable[int]) -> None:
        """Record only these threads (and the threads and children they start)."""
        text = " ".join(str(p) for p in pids)
        try:
            _write(self.path / "set_event_pid", text + "\n", append=True)
        except OSError as e:
            raise UprobeTraceError(f"cannot set the pid filter {text}: {e.strerror}") from e

    def enable(self, group: str, event: str) -> Refusal | None:
        """Enable one event here; the kernel's reason when it refuses."""
        with contextlib.suppress(OSError):
            _write(self.tracefs / "error_log", "")
        try:
            _write(self.path / "events" / group / event / "enable", "1")
        except OSError as e:
            return _refusal(self.tracefs, e)
        return None

    def disable_all(self) -> None:
        with contextlib.suppress(OSError):
            _write(self.path / "events" / "enable", "0")

    def cpus(self) -> list[int]:
        try:
            names = os.listdir(self.path / "per_cpu")
        except OSError:
            return []
        return sorted(int(n[3:]) for n in names if n.startswith("cpu") and n[3:].isdigit())

    def subbuf_size(self) -> int:
        """The size of one ring-buffer page (``buffer_subbuf_size_kb``, kernel >= 6.8)."""
        try:
            return int((self.path / "buffer_subbuf_size_kb").read_text()) * 1024
        except (OSError, ValueError):
            return os.sysconf("SC_PAGE_SIZE")

    def open_pipes(self, cpus: Sequence[int]) -> dict[int, int]:
        """``trace_pipe_raw`` of each CPU, non-blocking: ``{cpu: fd}``."""
        out = {}
        for cpu in cpus:
            path = self.path / "per_cpu" / f"cpu{cpu}" / "trace_pipe_raw"
            try:
                out[cpu] = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            except OSError as e:
                for fd in out.values():
                    os.close(fd)
                raise UprobeTraceError(f"cannot open {path}: {e.strerror}") from e
        return out

    def lost(self) -> int:
        """Events the ring buffer could not keep (``overrun`` + ``dropped events`` +
        ``commit overrun`` over every CPU)."""
        total = 0
        for cpu in self.cpus():
            try:
                text = (self.path / "per_cpu" / f"cpu{cpu}" / "stats").read_text()
            except OSError:
                continue
            for line in text.splitlines():
                key, _, value = line.partition(":")
                if key.strip() in ("overrun", "dropped events", "commit overrun"):
                    with contextlib.suppress(ValueError):
                        total += int(value.strip())
        return total

    def remove(self) -> None:
        self.disable_all()
        for attempt in range(50):
            try:
                os.rmdir(self.path)
                return
            except FileNotFoundError:
                return
            except OSError as e:
                # EBUSY while a reader still has a pipe open: it closes them first.
                if e.errno != errno.EBUSY or attempt == 49:
                    return
                time.sleep(0.02)
