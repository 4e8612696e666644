"""Running a command, relaying its output live, and archiving every byte of it.

This module owns the capture loop. Others call:

- ``run_capture(argv, archive_path=..., meta=...)``: run ``argv``, relay its streams to
  ours unchanged, store them in the archive in ordered chunks, and return a
  ``CaptureResult`` (whose ``exit_code`` is what the collector exits with).
- ``ChunkRecorder``: the archiving half alone (batching, commit cadence, spilling),
  used by ``collector.importing`` for files captured without errtrail.

How it holds its promises:

- Relay first: output is written to our own stdout/stderr as soon as it is read,
  before it is archived, so a slow or broken archive never delays the terminal; and
  the terminal never delays the archive: one that stops reading gets up to
  ``RELAY_BACKLOG`` bytes queued, then (once it has taken nothing for
  ``RELAY_STALL_S``) output is archived without being shown there, and a notice says
  how much it missed.
- Durable: the reading thread hands the archive writer a batch at least every second
  and every MiB; the writer commits each batch (WAL), so a SIGKILL of the collector
  loses at most about a second of output and leaves a consistent database.
- Memory: at most ``MAX_QUEUED_BATCHES`` batches of about 1 MiB wait for the writer;
  beyond that the reader blocks, and so the child blocks on its pipe, like ``tee``
  (only a slow archive does that, never a slow terminal).
- Nothing lost: if the archive cannot be written (disk full, locked too long,
  read-only), the writer spills everything (what the archive already holds, read back,
  then the rest) into a spill directory whose path is printed on stderr; the output
  keeps reaching the terminal either way.
- Signals: Ctrl-C reaches the child from the terminal (the whole process group gets
  it), so SIGINT is only noted, never forwarded; SIGTERM and SIGHUP sent to the
  collector alone are forwarded. Capture goes on until the child exits, because stap
  prints its statistics in its end probe after the first interrupt.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import queue
import select
import selectors
import signal
import sqlite3
import stat
import subprocess
import tempfile
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import BinaryIO

from collector import messages as stderr_messages
from collector.archive import (
    SPILLED_MARK,
    Archive,
    ArchiveError,
    Owner,
    RunMeta,
    iso,
    utc_now,
    write_failure,
)
from collector.errors import ErrtrailError

# Hand a batch to the writer twice a second, so that with the writer's own commit
# time a SIGKILL of the collector loses less than a second of output.
COMMIT_INTERVAL = 0.5
COMMIT_BYTES = 1 << 20  # and at most this much
READ_SIZE = 1 << 20
MAX_QUEUED_BATCHES = 4
# Bytes queued for a terminal or pipe that is not being read (Ctrl-S, a hung ssh
# session, a paused pager); past this, output is archived but not shown there once
# the terminal has taken nothing for RELAY_STALL_S (one that reads, only slower than
# a burst comes, sees it all), and in any case past RELAY_BACKLOG_MAX.
RELAY_BACKLOG = 4 << 20
RELAY_STALL_S = 1.0
RELAY_BACKLOG_MAX = 64 << 20
HEARTBEAT_INTERVAL = 5.0
# How long the command's start waits for another writer's lock on the archive: past
# this it starts anyway, and the writer thread creates the run once the lock clears
# (output queues meanwhile, and spills if the lock outlasts BUSY_TIMEOUT_MS).
START_LOCK_WAIT_MS = 200
# After the child exits, a grandchild (stap -c's command, a daemon) may still hold
# the pipes open; keep reading while it writes, and give up after this much silence.
DRAIN_AFTER_EXIT = 2.0

DEFAULT_STREAMS: Mapping[int, str] = {1: "stdout", 2: "stderr"}
DEFAULT_RELAY: Mapping[str, int] = {
    "stdout": 1,
    "stderr": 2,
    "program_stdout": 1,
    "program_stderr": 2,
}


class CaptureError(ErrtrailError):
    """The command could not be run at all."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class CaptureResult:
    run_id: int | None
    status: str
    status_reason: str | None
    exit_status: int | None
    exit_signal: int | None
    spill_path: Path | None
    bytes_by_stream: Mapping[str, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """The child's status, or 128+N for death by signal N (as shells report it)."""
        if self.exit_signal is not None:
            return 128 + self.exit_signal
        return self.exit_status if self.exit_status is not None else 1


def run_status(
    exit_status: int | None, exit_signal: int | None, interrupted_by: int | None
) -> tuple[str, str]:
    """How a run ended, as ``(status, reason)``.

    >>> run_status(0, None, None)
    ('complete', 'exited with status 0')
    >>> run_status(0, None, signal.SIGINT)
    ('interrupted', 'stopped by SIGINT; exited with status 0')
    >>> run_status(1, None, None)
    ('failed', 'exited with status 1')
    >>> run_status(None, 9, None)
    ('failed', 'killed by signal 9 (SIGKILL)')
    """
    if exit_signal is not None:
        ended = f"killed by signal {exit_signal} ({_signame(exit_signal)})"
    else:
        ended = f"exited with status {exit_status}"
    if interrupted_by is not None:
        return "interrupted", f"stopped by {_signame(interrupted_by)}; {ended}"
    if exit_signal is None and exit_status == 0:
        return "complete", ended
    return "failed", ended


def _signame(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


@dataclass(frozen=True)
class _Piece:
    """One chunk on its way to the writer. ``data`` is a view of ``buffer`` for a
    large chunk (the buffer goes back to the reader once the piece is stored or
    spilled) or bytes of its own for a small one (``buffer`` is None)."""

    stream: str
    data: bytes | memoryview
    received_at: datetime
    buffer: bytearray | None = None


class ChunkRecorder:
    """Turns a sequence of (stream, bytes) arrivals into committed chunks.

    The reading thread either reads straight into the open chunk
    (``buffer_for()``, then ``added()``) or hands over bytes (``add()``); a writer
    thread commits batches. On the first archive failure the recorder switches to
    spilling and stays there.

    Chunk buffers are reused: reading a pipe into a fresh 1 MiB ``bytes`` per read
    (what ``os.read`` does) cost 0.21 s of CPU per GiB against 0.12 s for reading
    into a reused buffer (allocating and freeing them, and joining partial reads into
    a chunk, come on top); the collector's peak RSS went from 42-46 MB to 38-40 MB.
    A batch holds at most two buffers (only chunks of half a buffer
    or more keep theirs), so at most ``2 * (MAX_QUEUED_BATCHES + 2) + 1`` exist.
    """

    def __init__(
        self,
        archive_path: Path,
        run_id: int | None,
        run_uuid: str,
        *,
        archive_failure: str | None = None,
        clock: Callable[[], datetime] = utc_now,
        commit_interval: float = COMMIT_INTERVAL,
        commit_bytes: int = COMMIT_BYTES,
        spill_meta: Mapping[str, object] | None = None,
        warn: Callable[[str], None] | None = None,
        fsync: bool = False,
        create_run: Callable[[Archive], int] | None = None,
    ) -> None:
        self.archive_path = archive_path
        # The run, made by the writer thread when the archive was locked at the start.
        self._create_run = create_run
        # See collector.archive.SYNC_MODES for what each costs and protects.
        self.sync = "full" if fsync else "off"
        self.run_id = run_id
        self.run_uuid = run_uuid
        self.clock = clock
        self.commit_interval = commit_interval
        self.commit_bytes = commit_bytes
        self.spill_meta = dict(spill_meta or {})
        self.warn = warn or _warn
        self.bytes_by_stream: dict[str, int] = {}
        self.spill_path: Path | None = None
        # Set when the archive could not be written; from then on everything spills.
        self.archive_failure = archive_failure
        self._pending: list[_Piece] = []
        self._pending_bytes = 0
        self._open_stream: str | None = None
        self._open_buffer: bytearray | None = None
        self._open_size = 0
        # Buffers the writer is done with (deque: append and pop are thread-safe).
        self._free_buffers: deque[bytearray] = deque()
        self._last_hand_off = time.monotonic()
        self._queue: queue.Queue[list[_Piece] | None] = queue.Queue(MAX_QUEUED_BATCHES)
        self._writer = threading.Thread(
            target=self._write_loop, name="errtrail-writer", daemon=True
        )
        self._archive: Archive | None = None
        self._next_seq = 0
        self._spill_files: dict[str, BinaryIO] = {}
        self._spill_broken = False
        self._writer.start()

    # -- reading thread side ---------------------------------------------------------

    def add(self, stream: str, data: bytes) -> None:
        view = memoryview(data)
        while view:
            space = self.buffer_for(stream)
            n = min(len(space), len(view))
            space[:n] = view[:n]
            self.added(n)
            view = view[n:]

    def buffer_for(self, stream: str) -> memoryview:
        """Where the next bytes of ``stream`` go: the free end of the open chunk.

        Write up to its length into it, then call ``added()`` with the count. The
        view is valid until then.
        """
        if stream != self._open_stream or self._open_size >= self.commit_bytes:
            self._close_open_chunk()
            self._open_stream = stream
        if self._open_buffer is None:
            self._open_buffer = (
                self._free_buffers.pop() if self._free_buffers else bytearray(self.commit_bytes)
            )
        return memoryview(self._open_buffer)[self._open_size : self.commit_bytes]

    def added(self, n: int) -> None:
        """``n`` bytes were written at the start of the last ``buffer_for()`` view."""
        if n <= 0 or self._open_stream is None:
            return
        stream = self._open_stream
        self.bytes_by_stream[stream] = self.bytes_by_stream.get(stream, 0) + n
        self._open_size += n
        self._pending_bytes += n
        if self._pending_bytes >= self.commit_bytes:
            self.hand_off()

    def due(self) -> float:
        """Seconds until the pending data must be handed to the writer."""
        if not self._pending_bytes:
            return self.commit_interval
        return max(0.0, self._last_hand_off + self.commit_interval - time.monotonic())

    def hand_off(self) -> None:
        """Give everything pending to the writer (blocks while its queue is full)."""
        self._close_open_chunk()
        self._last_hand_off = time.monotonic()
        if not self._pending:
            return
        batch, self._pending, self._pending_bytes = self._pending, [], 0
        self._queue.put(batch)

    def _close_open_chunk(self) -> None:
        buffer, size = self._open_buffer, self._open_size
        if buffer is not None and size and self._open_stream is not None:
            if size >= self.commit_bytes // 2:
                # The buffer travels with the batch and comes back when it is stored.
                piece = _Piece(self._open_stream, memoryview(buffer)[:size], self.clock(), buffer)
                self._open_buffer = None
            else:
                # A small chunk (a stream switch, a quiet second): copy it out so
                # that many of them never pin many buffers.
                piece = _Piece(self._open_stream, bytes(memoryview(buffer)[:size]), self.clock())
            self._pending.append(piece)
        self._open_size = 0

    def close(self) -> None:
        """Hand off the rest and wait until the writer has stored or spilled it."""
        self.hand_off()
        self._queue.put(None)
        self._writer.join()
        for f in self._spill_files.values():
            with contextlib.suppress(OSError):
                f.close()

    # -- writer thread side ------------------------------------------------------------

    def _write_loop(self) -> None:
        last_beat = time.monotonic()
        if self.run_id is None and self._create_run is not None:
            self._make_run()
        if self.run_id is None:
            # The archive could not even be opened: spill from the first byte.
            self._start_spill([])
        while True:
            try:
                batch = self._queue.get(timeout=HEARTBEAT_INTERVAL)
            except queue.Empty:
                batch = []
            if batch is None:
                break
            if self.spill_path is None and self.run_id is not None:
                try:
                    if self._archive is None:
                        self._archive = Archive.open(
                            self.archive_path, clock=self.clock, sync=self.sync
                        )
                    if batch:
                        self._next_seq = self._archive.append_buffers(
                            self.run_id,
                            self._next_seq,
                            [(p.stream, p.data, p.received_at) for p in batch],
                        )
                    elif time.monotonic() - last_beat >= HEARTBEAT_INTERVAL:
                        self._archive.heartbeat(self.run_id)
                    last_beat = time.monotonic()
                except (sqlite3.Error, ArchiveError, OSError) as e:
                    self.archive_failure = write_failure(e, self.archive_path)
                    self._start_spill(batch)
            else:
                self._spill(batch)
            # Stored or spilled: the reader may fill these buffers again.
            for piece in batch:
                if piece.buffer is not None:
                    self._free_buffers.append(piece.buffer)
        if self._archive is not None:
            self._archive.close()

    def _make_run(self) -> None:
        """Create the run the start could not (the archive was locked), waiting for the
        lock as long as any write does; the reader queues output meanwhile."""
        assert self._create_run is not None
        try:
            self._archive = Archive.open(self.archive_path, clock=self.clock, sync=self.sync)
            self.run_id = self._create_run(self._archive)
        except (sqlite3.Error, ArchiveError, OSError) as e:
            self.archive_failure = write_failure(e, self.archive_path)

    def _start_spill(self, failed_batch: list[_Piece]) -> None:
        spill = _make_spill_dir(self.archive_path, self.run_uuid)
        if spill is None:
            self.warn(
                "errtrail-collect: the archive cannot be written"
                f" ({self.archive_failure}) and no spill directory could be created;"
                " the output is only on the terminal"
            )
            self._spill_broken = True
            self.spill_path = Path("(none)")
            return
        self.spill_path = spill
        # Everything the archive already holds goes first, so the spill alone is the
        # whole run. If even reading fails, run.json says where the spill starts.
        recovered = True
        try:
            if self._archive is not None and self.run_id is not None:
                for chunk in self._archive.iter_chunks(self.run_id):
                    self._spill_one(chunk.stream, chunk.data)
        except (sqlite3.Error, ArchiveError, OSError):
            recovered = False
        meta = dict(self.spill_meta)
        meta.update(
            run_uuid=self.run_uuid,
            archive=str(self.archive_path),
            archive_failure=self.archive_failure,
            complete_from_start=recovered,
        )
        with contextlib.suppress(OSError):
            (spill / "run.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")
        self._spill(failed_batch)
        self.warn(
            f"errtrail-collect: cannot write the archive {self.archive_path}"
            f" ({self.archive_failure}); spilling the output to {spill}"
            f" (recover it later with: errtrail-collect import {spill})"
        )

    def _spill(self, batch: Sequence[_Piece]) -> None:
        for piece in batch:
            self._spill_one(piece.stream, piece.data)

    def _spill_one(self, stream: str, data: bytes | memoryview) -> None:
        if self.spill_path is None or self._spill_broken:
            return
        f = self._spill_files.get(stream)
        try:
            if f is None:
                f = open(self.spill_path / stream, "ab")  # noqa: SIM115 - kept open
                self._spill_files[stream] = f
            f.write(data)
            f.flush()
        except OSError as e:
            self.warn(f"errtrail-collect: cannot write spill file {self.spill_path}: {e}")
            self._spill_broken = True

    def finish_spill(
        self, status: str, reason: str, exit_status: int | None, exit_signal: int | None
    ) -> None:
        """Record how the run ended in the spill directory's run.json."""
        if self.spill_path is None or self._spill_broken:
            return
        path = self.spill_path / "run.json"
        try:
            meta = json.loads(path.read_text())
            meta.update(
                status=status,
                status_reason=reason,
                exit_status=exit_status,
                exit_signal=exit_signal,
                ended_at=iso(self.clock()),
            )
            path.write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")
        except (OSError, ValueError):
            pass


def _make_spill_dir(archive_path: Path, run_uuid: str) -> Path | None:
    # The archive's own directory first (next to where the user looks), then the
    # temporary directory (a full archive disk is the usual reason to spill), then
    # the working directory.
    for parent in (archive_path.parent, Path(tempfile.gettempdir()), Path.cwd()):
        spill = parent / f"errtrail-spill-{run_uuid}"
        probe = spill / ".probe"
        try:
            spill.mkdir(parents=True, exist_ok=True)
            probe.write_bytes(b"x" * 65536)
            probe.unlink()
            return spill
        except OSError:
            with contextlib.suppress(OSError):
                probe.unlink()
            with contextlib.suppress(OSError):
                spill.rmdir()
            continue
    return None


def _warn(message: str) -> None:
    with contextlib.suppress(OSError):
        os.write(2, message.encode("utf-8", "replace") + b"\n")


class _Relay:
    """Shows bytes on one of our own file descriptors, from a thread of its own when
    that descriptor can block.

    A slow or stopped terminal (a paused ssh session, a pipe nobody reads) must not
    hold up archiving: the reading thread queues up to ``RELAY_BACKLOG`` bytes here and
    never waits; past that, once the fd has taken nothing for ``RELAY_STALL_S`` (or
    past ``RELAY_BACKLOG_MAX``), bytes are counted and not shown (``tee`` would wait, and
    stap, blocked on its pipe, would lose trace data in the kernel instead). When the
    reader catches up, a notice in the relayed stream says how many it missed. On
    EPIPE (``... | head``) relaying stops quietly; archiving goes on regardless.

    A regular file or /dev/null never makes a writer wait for a reader, so those are
    written directly by the reading thread (as ``tee`` writes its file): handing every
    read (up to 6,000 per GiB) to another thread cost about 0.04 s of CPU per GiB.
    """

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.broken = False
        self.dropped = 0     # bytes not shown because this fd was not being read
        self._unnoticed = 0  # of those, bytes no notice has told of yet
        self.direct = _never_blocks(fd)
        self._items: deque[bytes | None] = deque()
        self._size = 0
        self._progress = time.monotonic()  # when the fd last took bytes
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        if not self.direct:
            self._thread = threading.Thread(
                target=self._run, name=f"errtrail-relay-{fd}", daemon=True
            )
            self._thread.start()

    def write(self, data: bytes | memoryview) -> None:
        """Relay ``data``; a view may be reused by the caller once this returns."""
        if self.direct:
            if not self.broken:
                self._write_all(data)
            return
        with self._cond:
            if self.broken:
                return
            if self._size >= RELAY_BACKLOG and self._stalled():
                self.dropped += len(data)  # archived, not shown: never wait here
                self._unnoticed += len(data)
                return
            if self._unnoticed:
                self._items.append(_missed_notice(self._unnoticed))
                self._unnoticed = 0
            self._items.append(bytes(data))
            self._size += len(data)
            self._cond.notify_all()

    def _stalled(self) -> bool:
        """Whether the fd took nothing for RELAY_STALL_S, or the queue is at its cap."""
        return (self._size >= RELAY_BACKLOG_MAX
                or time.monotonic() - self._progress > RELAY_STALL_S)

    def close(self) -> None:
        """Wait until everything queued has been written (or the fd broke), with a
        last notice if bytes were missed since the previous one."""
        if self._thread is None:
            return
        with self._cond:
            if self._unnoticed and not self.broken:
                self._items.append(_missed_notice(self._unnoticed))
                self._unnoticed = 0
            self._items.append(None)
            self._cond.notify_all()
        self._thread.join()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._items:
                    self._cond.wait()
                data = self._items.popleft()
            if data is None:
                return
            if not self.broken:
                self._write_all(data)
            with self._cond:
                self._size -= len(data)
                self._cond.notify_all()

    def _write_all(self, data: bytes | memoryview) -> None:
        view = memoryview(data)
        while view:
            try:
                n = os.write(self.fd, view)
                self._progress = time.monotonic()
            except InterruptedError:
                continue
            except BlockingIOError:
                # Our stdout was left non-blocking by someone else: wait for room.
                select.select([], [self.fd], [], 1.0)
                continue
            except OSError as e:
                # Gone reader or terminal: stop quietly. Anything else (a full disk
                # under a redirected stdout) stops relaying to this fd with a word,
                # rather than stopping the capture or leaving the reader waiting.
                if e.errno not in (errno.EPIPE, errno.EBADF, errno.EIO):
                    _warn(f"errtrail-collect: cannot relay output to fd {self.fd}: {e};"
                          " it is still archived")
                with self._cond:
                    self.broken = True
                    self._cond.notify_all()
                return
            view = view[n:]


def _locked(e: BaseException) -> bool:
    """Whether opening the archive failed because another writer holds its lock."""
    cause = e.__cause__ if isinstance(e, ArchiveError) and e.__cause__ is not None else e
    return isinstance(cause, sqlite3.OperationalError) and "locked" in str(cause)


def _missed_notice(n: int) -> bytes:
    """The line shown where ``n`` bytes were not, on its own line."""
    return (f"\n[errtrail-collect: {n:,} bytes of output not shown here: this terminal or"
            " pipe was not reading; all of them are archived]\n").encode()


def _never_blocks(fd: int) -> bool:
    """Whether writes to ``fd`` complete without waiting for a reader: a regular file
    or /dev/null (a terminal, pipe or socket can stall for as long as its reader does).
    """
    try:
        st = os.fstat(fd)
        if stat.S_ISREG(st.st_mode):
            return True
        return stat.S_ISCHR(st.st_mode) and st.st_rdev == os.stat(os.devnull).st_rdev
    except OSError:
        return False


def run_capture(
    argv: Sequence[str],
    *,
    archive_path: Path,
    meta: RunMeta,
    streams: Mapping[int, str] = DEFAULT_STREAMS,
    relay: Mapping[str, int] = DEFAULT_RELAY,
    env: Mapping[str, str] | None = None,
    clock: Callable[[], datetime] = utc_now,
    commit_interval: float = COMMIT_INTERVAL,
    warn: Callable[[str], None] = _warn,
    on_started: Callable[[int | None, int], None] | None = None,
    fsync: bool = False,
    quiet: frozenset[int] = frozenset(),
) -> CaptureResult:
    """Run ``argv``, relay and archive its output, and return how it ended.

    ``streams`` maps the child's file descriptors to archive stream names; a
    descriptor above 2 is a pipe inherited at that number (the gdb backend writes its
    trace to fd 3 while the traced program keeps 1 and 2). ``relay`` says which of our
    descriptors each stream is shown on; the child's descriptors in ``quiet`` are
    archived and never shown (gdb's own chatter). ``on_started(run_id, child_pid)`` is called
    once the child runs. ``fsync`` makes every commit reach the disk (slower; for
    captures that may crash the kernel). Raises ``ArchiveError`` when the archive cannot even be
    opened and ``CaptureError`` when the command cannot be started (after recording
    the attempt as a failed run).
    """
    if not argv:
        raise CaptureError("no command given; usage: errtrail-collect run -- stap ...", 2)
    run_uuid = str(uuid.uuid4())
    run_id: int | None = None
    open_failure: str | None = None
    def create(archive: Archive) -> int:
        return archive.create_run(meta, owner=Owner.current(), run_uuid=run_uuid)

    deferred = False
    try:
        with Archive.open(archive_path, clock=clock, busy_ms=START_LOCK_WAIT_MS) as archive:
            run_id = create(archive)
    except (ArchiveError, sqlite3.Error, OSError) as e:
        # Locked by another writer: start now, create the run when the lock clears.
        # Anything else: still run the command; its output reaches the terminal and
        # the spill.
        deferred = _locked(e)
        open_failure = None if deferred else write_failure(e, archive_path)

    proc, pipes = _spawn(argv, streams, env, run_id, archive_path, clock)
    for _, w in pipes.values():
        os.close(w)
    if on_started is not None:
        on_started(run_id, proc.pid)

    recorder = ChunkRecorder(
        archive_path,
        run_id,
        run_uuid,
        archive_failure=open_failure,
        clock=clock,
        commit_interval=commit_interval,
        fsync=fsync,
        spill_meta={"command": list(meta.command), "meta": asdict(meta)},
        warn=warn,
        create_run=create if deferred else None,
    )
    interrupted_by: list[int] = []

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if not interrupted_by:
            interrupted_by.append(signum)
        if signum != signal.SIGINT:
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signum)

    handled = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for s in handled:
            previous[s] = signal.signal(s, on_signal)
        # RLIMIT_FSIZE: get EFBIG (and spill) rather than die of SIGXFSZ.
        previous[signal.SIGXFSZ] = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    relays: list[_Relay] = []
    try:
        relays = _pump(proc, {r: streams[fd] for fd, (r, _) in pipes.items()}, relay,
                       recorder, frozenset(r for fd, (r, _) in pipes.items() if fd in quiet))
    finally:
        recorder.close()
        for s, h in previous.items():
            signal.signal(s, h)

    return _conclude(proc, recorder, relays, interrupted_by, recorder.run_id, archive_path,
                     clock, warn)


def _spawn(argv: Sequence[str], streams: Mapping[int, str], env: Mapping[str, str] | None,
           run_id: int | None, archive_path: Path, clock: Callable[[], datetime]) \
        -> tuple[subprocess.Popen[bytes], dict[int, tuple[int, int]]]:
    """Start ``argv`` with a pipe for each of ``streams``; ``(process, {fd: (read,
    write)})``. A command that cannot start is recorded as a failed run (when there is
    one) and raised as ``CaptureError`` with the status a shell would give."""
    pipes: dict[int, tuple[int, int]] = {fd: os.pipe() for fd in streams}
    for r, _ in pipes.values():
        with contextlib.suppress(OSError):
            # Bigger pipes mean fewer, larger reads (Linux >= 2.6.35).
            fcntl.fcntl(r, fcntl.F_SETPIPE_SZ, READ_SIZE)
    child_fds = {fd: w for fd, (_, w) in pipes.items()}

    def in_child() -> None:
        for target, w in child_fds.items():
            if target == w:
                os.set_inheritable(w, True)
            else:
                os.dup2(w, target)

    try:
        proc = subprocess.Popen(
            list(argv),
            stdin=None,
            stdout=child_fds.get(1),
            stderr=child_fds.get(2),
            pass_fds=[fd for fd in child_fds if fd > 2],
            preexec_fn=in_child if any(fd > 2 for fd in child_fds) else None,
            env=dict(env) if env is not None else None,
            restore_signals=True,
        )
    except OSError as e:
        for r, w in pipes.values():
            os.close(r)
            os.close(w)
        code = 127 if isinstance(e, FileNotFoundError) else 126
        reason = f"cannot run {argv[0]!r}: {e.strerror}"
        recorded = ""
        if run_id is not None:
            with contextlib.suppress(ArchiveError, sqlite3.Error, OSError):
                with Archive.open(archive_path, clock=clock) as a:
                    a.finish_run(run_id, "failed", reason=reason, exit_status=code)
                recorded = f" (the attempt is recorded as run {run_id})"
        raise CaptureError(f"{reason}; check the command name and PATH{recorded}", code) from e
    return proc, pipes


def _conclude(proc: subprocess.Popen[bytes], recorder: ChunkRecorder, relays: list[_Relay],
              interrupted_by: list[int], run_id: int | None, archive_path: Path,
              clock: Callable[[], datetime], warn: Callable[[str], None]) -> CaptureResult:
    """Close the run (in the archive, or in its spill), then wait for the terminal."""
    exit_status = proc.returncode if proc.returncode >= 0 else None
    exit_signal = -proc.returncode if proc.returncode < 0 else None
    status, reason = run_status(
        exit_status, exit_signal, interrupted_by[0] if interrupted_by else None
    )
    if recorder.spill_path is not None:
        recorder.finish_spill(status, reason, exit_status, exit_signal)
        reason += f"{SPILLED_MARK}{recorder.spill_path} ({recorder.archive_failure})"
    if run_id is not None:
        _finish(
            archive_path, run_id, clock, status, reason, exit_status, exit_signal, recorder, warn
        )
    # The run is archived: only now wait for what the terminal has yet to show.
    for shown in relays:
        shown.close()
    missed = sum(shown.dropped for shown in relays)
    if missed:
        warn(f"errtrail-collect: {missed:,} bytes were not shown because the terminal or pipe"
             " was not reading; every byte is in the archive (errtrail-report show)")
    return CaptureResult(
        run_id=run_id,
        status=status,
        status_reason=reason,
        exit_status=exit_status,
        exit_signal=exit_signal,
        spill_path=recorder.spill_path,
        bytes_by_stream=dict(sorted(recorder.bytes_by_stream.items())),
    )


def _pump(
    proc: subprocess.Popen[bytes],
    fds: Mapping[int, str],
    relay: Mapping[str, int],
    recorder: ChunkRecorder,
    quiet: frozenset[int] = frozenset(),
) -> list[_Relay]:
    """Read the child's streams into ``recorder``, relaying them, until they close;
    the relays are returned still open, for the caller to close once the run is
    archived (a terminal that is not reading must not hold that up)."""
    by_target = {target: _Relay(target) for target in sorted(set(relay.values()))}
    relays = {fd: by_target[relay[stream]] for fd, stream in fds.items()
              if stream in relay and fd not in quiet}
    sel = selectors.DefaultSelector()
    for fd in fds:
        sel.register(fd, selectors.EVENT_READ)
    open_fds = set(fds)
    exited_at: float | None = None
    try:
        while open_fds:
            timeout = recorder.due()
            if exited_at is None:
                timeout = min(timeout, 0.2)
            else:
                timeout = min(timeout, max(0.0, exited_at + DRAIN_AFTER_EXIT - time.monotonic()))
            events = sel.select(timeout)
            for key, _ in events:
                fd = key.fd
                # Straight into the open chunk; relayed from there before the
                # recorder may block on a busy writer.
                space = recorder.buffer_for(fds[fd])
                try:
                    n = os.readv(fd, [space[:READ_SIZE]])
                except OSError as e:
                    if e.errno != errno.EIO:
                        raise
                    n = 0
                if not n:
                    sel.unregister(fd)
                    open_fds.discard(fd)
                    os.close(fd)
                    continue
                if fd in relays:
                    relays[fd].write(space[:n])
                recorder.added(n)
                if exited_at is not None:
                    exited_at = time.monotonic()
            if recorder.due() <= 0:
                recorder.hand_off()
            if exited_at is None and proc.poll() is not None:
                exited_at = time.monotonic()
            if (
                exited_at is not None
                and not events
                and time.monotonic() - exited_at >= DRAIN_AFTER_EXIT
            ):
                break
    finally:
        for fd in open_fds:
            with contextlib.suppress(OSError):
                sel.unregister(fd)
            os.close(fd)
        sel.close()
    while True:
        try:
            proc.wait()
            break
        except InterruptedError:  # pragma: no cover - PEP 475 retries already
            continue
    return list(by_target.values())


def _finish(
    archive_path: Path,
    run_id: int,
    clock: Callable[[], datetime],
    status: str,
    reason: str,
    exit_status: int | None,
    exit_signal: int | None,
    recorder: ChunkRecorder,
    warn: Callable[[str], None],
) -> None:
    if recorder.spill_path is not None:
        # The archive failed once; still try to mark the run, so it does not show
        # as abandoned, and say where the bytes went.
        with (
            contextlib.suppress(sqlite3.Error, ArchiveError, OSError),
            Archive.open(archive_path, clock=clock) as a,
        ):
            a.update_run(run_id, spill_path=str(recorder.spill_path))
            a.finish_run(
                run_id, status, reason=reason, exit_status=exit_status, exit_signal=exit_signal
            )
        return
    try:
        # The capture's own ``synchronous``: with SQLite's default ("normal") this
        # connection, usually the last one to close, would checkpoint with an fsync
        # and so wait for the whole run (1 GiB still in the page cache) to reach the
        # disk: 0.2-0.3 s per GiB on the development machine, a quarter of what
        # `tee` takes for the same bytes. Without --fsync the archive is written
        # back by the kernel like any file `tee` writes; with it, this syncs too.
        with Archive.open(archive_path, clock=clock, sync=recorder.sync) as a:
            stderr = a.stream_bytes(run_id, "stderr")
            a.store_messages(run_id, stderr_messages.classify_stderr(stderr))
            a.finish_run(
                run_id, status, reason=reason, exit_status=exit_status, exit_signal=exit_signal
            )
    except (sqlite3.Error, ArchiveError, OSError) as e:
        warn(
            f"errtrail-collect: the output is archived but run {run_id} could not be closed"
            f" ({e}); it will show as abandoned"
        )
