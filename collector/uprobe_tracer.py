"""The uprobe tracer process: probes in, the program run, events read, whythefail out.

``collector.uprobe`` runs ``python -m collector.uprobe_tracer`` through
``collector.capture`` with its settings, as JSON, in ``$ERRTRAIL_UPROBE_TRACER``
(the plan of probes made by ``collector.uprobe_sites``, the program or PID, the
descriptors). This process owns the probes for the run: their group is
``errtrail_<its pid>`` and its instance ``instances/errtrail-<its pid>``
(``collector.uprobe_tracefs``), and it removes both whatever way it ends: the
program exiting, SIGINT (Ctrl-C), SIGTERM and SIGHUP (which ``collector.capture``
forwards), and the collector dying (the kernel sends this process SIGTERM then:
``PR_SET_PDEATHSIG``). Killed by SIGKILL itself, it leaves them for the next start
to remove (``remove_stale``: only groups whose owner is gone).

Order of work: remove what dead collectors left; create the instance (its own ring
buffer, ``mono`` clock, kept oldest-first when full, following forks and threads);
add the probes (``collector.uprobe_probes``; a probe the kernel refuses is reported
like stap's registration failure: its lines were never traced); start the program
stopped before ``exec`` (or list the threads of ``-p PID``), filter the instance on
it, enable the probes, then let it run. Events are read from each CPU's ``trace_pipe_raw`` every
``POLL_INTERVAL`` seconds and handled in time order: an event is handled once every
CPU has been read past its time (``MERGE_SLACK_NS``); the rest wait for the next round.

Streams: the trace (whythefail's stdout) to ``trace_fd``; the tracer's messages (and
stap-format warnings: registration failures, lost events) to ``message_fd``; the
program keeps fds 1 and 2. How it ended goes to ``status_path`` (JSON), the lines
that had a probe to ``probes_path`` (``{"probed_lines": [[file, line], ...]}``).
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import select
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from collector.condition import Condition, parse_condition
from collector.gdb_tracer import Output, write_json
from collector.uprobe_calls import Calls, ReturnView, SharedView, SiteView
from collector.uprobe_probes import Probes
from collector.uprobe_ring import Decoder, PageLayout, parse_format
from collector.uprobe_sites import Plan, Site
from collector.uprobe_tracefs import (
    Instance,
    Refusal,
    UprobeTraceError,
    group_for,
    instance_for,
    process_runs,
    remove_group,
    remove_stale,
)

CONFIG_ENV = "ERRTRAIL_UPROBE_TRACER"
# Tunables of the event loop and the ring buffer:
POLL_INTERVAL = 0.05      # seconds between reads of the ring buffers
MERGE_SLACK_NS = 20_000_000   # an event this recent may still have earlier ones to come
# Ring buffer: this much in all, shared out between the CPUs, within these bounds per
# CPU (16 MB hold about 250,000 statement events; the reader empties it every poll).
BUFFER_TOTAL_KB = 65536
BUFFER_CPU_KB = (2048, 16384)
CLOCK = "mono"            # CLOCK_MONOTONIC: comparable across CPUs and with ours
MAX_READS_PER_ROUND = 4096    # pages read from one CPU before the others get a turn
PR_SET_PDEATHSIG = 1
PREFIX = "errtrail-uprobe: "
# The program's exit status under -p PID comes from its exit_group(2), when tracefs has
# the syscall events.
EXIT_EVENT = ("syscalls", "sys_enter_exit_group")


def buffer_per_cpu(cpus: int) -> int:
    """KB of ring buffer per CPU.

    >>> buffer_per_cpu(2), buffer_per_cpu(64)
    (16384, 2048)
    """
    low, high = BUFFER_CPU_KB
    return max(low, min(high, BUFFER_TOTAL_KB // max(cpus, 1)))


def registration_warning(binary: str, function: str, file: str, line: int, inode: int,
                         offset: int, rc: int) -> str:
    """A probe that could not be placed, in stap's words (``collector.messages`` reads
    it as an unprobed statement: the diagnosis treats the line as never traced).

    >>> print(registration_warning("/bin/p", "f", "/s/p.c", 9, 1835231, 0x1139, -22))
    WARNING: probe process("/bin/p").statement("f@/s/p.c:9") at inode-offset 1835231:0x1139 registration error [man warning::pass5] (rc -22)
    """  # noqa: E501
    return (f'WARNING: probe process("{binary}").statement("{function}@{file}:{line}") at'
            f" inode-offset {inode}:{offset:#x} registration error [man warning::pass5]"
            f" (rc {rc})")


@dataclass
class _Config:
    plan: Plan
    binary: str                      # the ELF file holding FUNCTION (probes go there)
    target: str                      # process("...") as the headers print it
    argv: list[str] | None
    pid: int | None
    condition: str
    tracefs: Path
    trace_fd: int
    message_fd: int
    status_path: str | None
    probes_path: str | None
    producer: str | None
    mounted: bool
    environ: dict[str, str | None] = field(default_factory=dict)
    buffer_kb: int = 0            # per CPU; 0: BUFFER_TOTAL_KB shared out

    @classmethod
    def load(cls, data: dict[str, Any]) -> _Config:
        return cls(Plan.from_json(data["plan"]), str(data["binary"]), str(data["target"]),
                   data.get("argv"), data.get("pid"), str(data["condition"]),
                   Path(data["tracefs"]), int(data.get("trace_fd", 1)),
                   int(data.get("message_fd", 2)), data.get("status_path"),
                   data.get("probes_path"), data.get("producer"), bool(data.get("mounted")),
                   dict(data.get("environ") or {}), int(data.get("buffer_kb") or 0))


class _Stop(Exception):
    """A fatal problem while setting up: the message says what."""


class Tracer:
    def __init__(self, config: _Config) -> None:
        self.c = config
        self.plan = config.plan
        self.me = os.getpid()
        self.group = group_for(self.me)
        self.instance = Instance(config.tracefs, instance_for(self.me))
        self.out = Output(config.trace_fd)
        self.condition: Condition = parse_condition(config.condition)
        self.calls = Calls(self.out, config.target, self.plan.function, self.condition,
                           self.plan.cfa_delta, self.say)
        self.stop_signal: int | None = None
        self.child: int | None = None
        self.release_fd: int | None = None   # written to once the program may run
        self.child_status: int | None = None
        self.exit_code: int | None = None   # -p PID: from its exit_group(2)
        self.threads: set[int] = set()      # -p PID: its threads (exit_group's callers)
        self.views: dict[int, Any] = {}
        self.pipes: dict[int, int] = {}
        self.pending: list[tuple[int, int, tuple[Any, ...]]] = []
        self.decoder: Decoder | None = None
        self.link_dir: str | None = None
        self.probes: Probes | None = None

    def say(self, text: str) -> None:
        self.raw(PREFIX + text)

    def raw(self, text: str) -> None:
        with contextlib.suppress(OSError):
            os.write(self.c.message_fd, (text + "\n").encode("utf-8", "surrogateescape"))

    # -- setting up -------------------------------------------------------------------

    def probe_path(self) -> str:
        """The binary's path as ``uprobe_events`` can take it: the kernel splits the
        line at blanks, so a path with one goes through a symlink without any."""
        path = self.c.binary
        if not any(ch.isspace() for ch in path):
            return path
        self.link_dir = tempfile.mkdtemp(prefix="errtrail-uprobe-")
        link = os.path.join(self.link_dir, "target")
        os.symlink(path, link)
        return link

    def load_formats(self) -> None:
        """The decoder and a view of each event (``collector.uprobe_calls``)."""
        assert self.probes is not None
        tracefs = self.c.tracefs
        formats = self.probes.formats()
        names = {fmt.id: event for event, fmt in formats.items()}
        exit_format = tracefs / "events" / EXIT_EVENT[0] / EXIT_EVENT[1] / "format"
        if self.c.pid is not None and exit_format.exists():
            fmt = parse_format(exit_format.read_text())
            formats["exit"] = fmt
            names[fmt.id] = "exit"
        layout = PageLayout.parse((tracefs / "events" / "header_page").read_text())
        self.decoder = Decoder(layout, list(formats.values()),
                               "<" if sys.byteorder == "little" else ">")
        for ident, event in names.items():
            fields = self.decoder.events[ident].names
            if event == "ret":
                self.views[ident] = ReturnView(fields, self.plan.returns)
            elif event == "exit":
                self.views[ident] = ("exit", fields.index("common_pid"),
                                     fields.index("error_code"))
            else:
                sites = [SiteView(site, fields, self.plan.file, self.plan.variable,
                                  self.plan.pretty) for site in self.probes.sites_of(event)]
                self.views[ident] = sites[0] if len(sites) == 1 else SharedView(sites)

    def report_probes(self, refused: Sequence[tuple[Site, Refusal]]) -> None:
        plan = self.plan
        try:
            inode = os.stat(self.c.binary).st_ino
        except OSError:
            inode = 0
        refused_events = {s.event for s, _ in refused}
        for u in plan.unprobed:
            for line in u.lines:
                self.raw(registration_warning(self.c.binary, plan.function, plan.file, line,
                                              inode, max(u.offset, 0), -22))
            self.say(f"not probed: {plan.file}:{','.join(map(str, u.lines))}"
                     f" ({u.address:#x}): {u.reason}")
        for site, why in refused:
            for line in site.lines:
                self.raw(registration_warning(self.c.binary, plan.function, plan.file, line,
                                              inode, site.offset, why.rc))
            self.say(f"not probed: {plan.file}:{','.join(map(str, site.lines))}: {why}")
        probed = [s for s in plan.sites if s.lines and s.event not in refused_events]
        lines = sorted({n for s in probed for n in s.lines})
        self.say(f"tracing {plan.function} ({plan.file}:{plan.decl_line}): {len(probed)}"
                 f" statement addresses, {len(lines)} statement lines")
        if self.c.producer:
            self.say(f"compiled by {self.c.producer}")
        for note in plan.notes:
            self.say(note)
        if self.c.probes_path:
            write_json(self.c.probes_path, {"probed_lines": [[plan.file, n] for n in lines]})

    # -- the program --------------------------------------------------------------------

    def fork_program(self) -> int:
        """Start the program stopped before its exec: it runs once released."""
        argv = self.c.argv or []
        read_end, release = os.pipe()
        self.release_fd = release
        for name, value in self.c.environ.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        pid = os.fork()
        if pid == 0:   # the child: wait, then become the program
            try:
                os.close(release)
                for sig in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT, signal.SIGTERM,
                            signal.SIGHUP, signal.SIGCHLD):
                    signal.signal(sig, signal.SIG_DFL)
                signal.set_wakeup_fd(-1)
                if os.read(read_end, 1) != b"1":
                    os._exit(126)
                os.execv(argv[0], argv)
            except OSError as e:
                with contextlib.suppress(OSError):
                    os.write(2, f"{PREFIX}cannot run {argv[0]}: {e.strerror}\n".encode())
            finally:
                os._exit(127)
        os.close(read_end)
        self.child = pid
        return pid

    def threads_of(self, pid: int) -> list[int]:
        try:
            found = sorted(int(t) for t in os.listdir(f"/proc/{pid}/task"))
            self.threads.update(found)
            return found
        except OSError as e:
            raise _Stop(f"cannot list the threads of process {pid}: {e.strerror}") from e

    def program_ended(self) -> bool:
        if self.child is not None:
            if self.child_status is not None:
                return True
            try:
                pid, status = os.waitpid(self.child, os.WNOHANG)
            except ChildProcessError:
                return True
            if pid:
                self.child_status = status
            return bool(pid)
        return self.c.pid is not None and not process_runs(self.c.pid)

    # -- events ---------------------------------------------------------------------

    def drain(self) -> None:
        """Read every CPU's ring buffer until it is empty (or a round's worth)."""
        assert self.decoder is not None
        size = self.instance.subbuf_size()
        page = self.decoder.page
        for fd in self.pipes.values():
            for _ in range(MAX_READS_PER_ROUND):
                try:
                    data = os.read(fd, size)
                except BlockingIOError:
                    break
                except OSError as e:
                    raise _Stop(f"cannot read the ring buffer: {e.strerror}") from e
                if not data:
                    break
                self.pending.extend(page(data))

    def handle(self, upto: int | None) -> None:
        """Handle the pending events older than ``upto`` (all with ``None``), in order."""
        if not self.pending:
            return
        self.pending.sort(key=lambda e: e[0])
        if upto is None:
            ready, self.pending = self.pending, []
        else:
            cut = len(self.pending)
            while cut and self.pending[cut - 1][0] >= upto:
                cut -= 1
            ready, self.pending = self.pending[:cut], self.pending[cut:]
        calls, views = self.calls, self.views
        for _, ident, vals in ready:
            view = views[ident]
            if isinstance(view, SharedView):
                calls.shared(view, vals)
            elif isinstance(view, SiteView):
                tid = vals[view.i_pid]
                if view.entry:
                    calls.entry(tid, vals[view.i_sp], vals[view.i_comm],
                                vals[view.i_ip] - view.site.address)
                if view.wheres:
                    calls.statement(tid, vals[view.i_sp], view, vals)
            elif isinstance(view, ReturnView):
                value, shown = view.value(vals)
                calls.returned(vals[view.i_pid], vals[view.i_sp], vals[view.i_comm], value,
                               shown)
            elif vals[view[1]] in self.threads:
                self.exit_code = int(vals[view[2]]) & 0xFF

    # -- the run ----------------------------------------------------------------------

    def on_signal(self, signum: int, frame: Any) -> None:
        if signum != signal.SIGCHLD and self.stop_signal is None:
            self.stop_signal = signum

    def run(self) -> dict[str, Any]:
        status: dict[str, Any] = {"ended": "error"}
        wake_r, wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        signal.set_wakeup_fd(wake_w)
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD):
            signal.signal(sig, self.on_signal)
        started = False
        try:
            self.start()
            started = True
            self.loop(wake_r)
        except (_Stop, UprobeTraceError) as e:
            status["message"] = str(e)
            self.say(f"error: {e}")
        except Exception as e:   # keep whatever was traced; say what broke
            status["message"] = f"{type(e).__name__}: {e}"
            self.say("error: " + "".join(traceback.format_exception_only(type(e), e)).strip())
        finally:
            detached = self.end_program()
            if started:
                with contextlib.suppress(_Stop, OSError):
                    self.drain()
                self.handle(None)
            # Events lost: the ring buffer's counters, else pages flagged as after a loss.
            lost = self.instance.lost() or (self.decoder.missed_pages if self.decoder else 0)
            self.cleanup()
        in_flight = self.calls.finish()
        if lost:
            self.raw(f"WARNING: There were {lost} lost messages.")
            self.say(f"the ring buffer lost {lost} events: paths may miss statements; a"
                     " bigger buffer or fewer probes (a VARIABLE) lose fewer")
        if started:
            status.update(self.ending(detached))
        counts = self.calls.counts
        status.update(in_flight=in_flight, lost_returns=self.calls.lost_returns,
                      too_deep=self.calls.too_deep, entry=counts.entry,
                      exit_hit=counts.exit_hit, exit_miss=counts.exit_miss,
                      statement=counts.statement, lost_events=lost)
        return status

    def start(self) -> None:
        c = self.c
        if c.mounted:
            self.say(f"mounted tracefs at {c.tracefs} (it was not mounted)")
        for what in remove_stale(c.tracefs, self.me):
            self.say(f"removed {what}, left by an errtrail collector that is gone")
        # Probes under this process's own name can only be a dead collector's whose pid
        # this process got: new probes must not be appended to them.
        self.instance.remove()
        remove_group(c.tracefs, self.group)
        self.instance.create()
        self.instance.configure(c.buffer_kb or buffer_per_cpu(len(self.instance.cpus())), CLOCK)
        self.probes = Probes(c.tracefs, self.group, self.instance, self.plan,
                             self.probe_path(), c.binary)
        refused = self.probes.add()
        if c.pid is not None:
            self.instance.set_pids(self.threads_of(c.pid))
        else:
            self.instance.set_pids([self.fork_program()])
        refused += self.probes.enable()
        if c.pid is not None:   # threads started while the filter was being set
            self.instance.set_pids(self.threads_of(c.pid))
            if (c.tracefs / "events" / EXIT_EVENT[0] / EXIT_EVENT[1]).is_dir():
                self.instance.enable(*EXIT_EVENT)   # for the program's exit status
        self.load_formats()
        self.report_probes(refused)
        self.pipes = self.instance.open_pipes(self.instance.cpus())
        if self.release_fd is not None:
            os.write(self.release_fd, b"1")
            os.close(self.release_fd)
            self.release_fd = None

    def loop(self, wake_fd: int) -> None:
        while True:
            now = time.monotonic_ns()
            self.drain()
            self.handle(now - MERGE_SLACK_NS)
            if self.stop_signal is not None or self.program_ended():
                return
            select.select([wake_fd], [], [], POLL_INTERVAL)
            with contextlib.suppress(OSError):
                while os.read(wake_fd, 512):
                    pass

    def end_program(self) -> bool:
        """Stop a program this tracer started (interrupted: it is killed, as gdb
        does); an attached one (-p PID) is left running. Whether it was detached."""
        if self.child is not None and self.child_status is None:
            if self.release_fd is not None:
                with contextlib.suppress(OSError):
                    os.close(self.release_fd)
                self.release_fd = None
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.child, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                self.child_status = os.waitpid(self.child, 0)[1]
            return False
        return self.c.pid is not None and self.stop_signal is not None

    def ending(self, detached: bool) -> dict[str, Any]:
        if self.stop_signal is not None:
            return {"ended": "interrupted", "stopped_by": signal.Signals(self.stop_signal).name,
                    "detached": detached}
        if self.child_status is not None:
            if os.WIFEXITED(self.child_status):
                return {"ended": "exited", "exit_code": os.WEXITSTATUS(self.child_status)}
            name = signal.Signals(os.WTERMSIG(self.child_status)).name
            self.say(f"the program was killed by signal {os.WTERMSIG(self.child_status)}"
                     f" ({name})")
            return {"ended": "killed", "signal": name}
        if self.exit_code is not None:
            return {"ended": "exited", "exit_code": self.exit_code}
        return {"ended": "gone"}

    def cleanup(self) -> None:
        """Remove the instance, then every probe of this tracer's group."""
        for fd in self.pipes.values():
            with contextlib.suppress(OSError):
                os.close(fd)
        self.pipes = {}
        self.instance.remove()
        for failure in remove_group(self.c.tracefs, self.group):
            self.say(f"could not remove the probe {failure}; remove it with"
                     f" `perf probe -d '{self.group}:*'`")
        if self.link_dir is not None:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(self.link_dir, "target"))
                os.rmdir(self.link_dir)


def _die_with_parent() -> None:
    """SIGTERM when the collector dies (even by SIGKILL): the probes are removed."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)


def main() -> None:
    data = json.loads(os.environ.pop(CONFIG_ENV, "{}"))
    config = _Config.load(data)
    for fd in (config.trace_fd, config.message_fd):
        if fd > 2:
            with contextlib.suppress(OSError):
                os.set_inheritable(fd, False)   # the program must not write to the trace
    _die_with_parent()
    if os.getppid() == 1:
        return   # the collector died before this process could ask to follow it
    status = Tracer(config).run()
    if config.status_path:
        write_json(config.status_path, status)


if __name__ == "__main__":
    main()
