"""errtrail-collect run: relaying, archiving, signals, durability, spilling.

Every test runs the real collector as a subprocess (its own signal handling and
exit status are part of what is tested) against the stand-in ``stap`` in tests/bin
or against ordinary commands, and reads the real SQLite archive back.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from collector.archive import Archive
from reporter.cli import main as report_main
from tests.conftest import REFERENCE, require_tool, skip_or_fail

DO_SYS_OPEN = REFERENCE / "real-samples" / "systemtap-example-do_sys_open.stdout"
OPENRESTY_STDERR = REFERENCE / "real-samples" / "stap-stderr-openresty-issue46.txt"
WHYTHEFAIL = ["stap", "--example", "whythefail.stp", "kernel", "do_sys_open", "$return < 0"]


def stored(archive: Path, run_id: int, stream: str) -> bytes:
    with Archive.open(archive, readonly=True) as a:
        return a.stream_bytes(run_id, stream)


def only_run(archive: Path) -> dict[str, object]:
    with Archive.open(archive) as a:
        runs = a.runs()
        assert len(runs) == 1
        return runs[0].as_dict()


def run_collect(
    collect_cmd: list[str], args: list[str], env: dict[str, str], **kw: object
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*collect_cmd, "run", "--", *args], env=env, capture_output=True, timeout=60, **kw
    )  # type: ignore[call-overload, no-any-return]


def test_stap_run_relayed_and_archived_exactly(
    collect_cmd: list[str], stap_env: dict[str, str], tmp_path: Path
) -> None:
    env = dict(stap_env, FAKE_STAP_STDOUT=str(DO_SYS_OPEN), FAKE_STAP_STDERR=str(OPENRESTY_STDERR))
    proc = run_collect(collect_cmd, WHYTHEFAIL, env)
    assert proc.returncode == 0, proc.stderr
    trace = DO_SYS_OPEN.read_bytes()
    hits = trace.count(b") $return: ")
    stats = (
        b"\nstatistics:\nentry count: %d\nexit-hit count: %d\nexit-miss count: %d\n"
        b"statement count: %d\n" % (hits * 3 + 1, hits, hits * 2 + 1, hits * 12)
    )
    # Relayed unchanged: the terminal sees exactly what stap wrote.
    assert proc.stdout == trace + stats
    assert proc.stderr == OPENRESTY_STDERR.read_bytes()
    archive = Path(env["ERRTRAIL_ARCHIVE"])
    run = only_run(archive)
    assert stored(archive, 1, "stdout") == proc.stdout
    assert stored(archive, 1, "stderr") == proc.stderr
    assert run["status"] == "complete"
    assert run["exit_status"] == 0
    assert run["tool"] == "stap"
    assert run["target"] == "kernel"
    assert run["function"] == "do_sys_open"
    assert run["condition"] == "$return < 0"
    assert run["variable"] is None
    assert run["uses_example"] == 1
    assert run["script_path"] == "whythefail.stp"
    assert run["command"] == WHYTHEFAIL
    assert (
        run["tool_version"]
        == "Systemtap translator/driver (version 5.0/0.188, Debian version 5.0-2)"
    )
    assert hits == 1
    assert run["stdout_bytes"] == len(proc.stdout)
    assert run["hostname"] == os.uname().nodename
    assert run["kernel_release"] == os.uname().release
    assert run["started_at"] <= run["ended_at"]  # type: ignore[operator]
    # stderr classified into messages, raw bytes kept.
    with Archive.open(archive) as a:
        msgs = a.messages(1)
    assert [m.raw for m in msgs] == OPENRESTY_STDERR.read_bytes().splitlines()
    kinds = [m.kind for m in msgs]
    assert "err_summary" in kinds and "pending" in kinds and "pass_failed" in kinds


def test_odd_bytes_are_kept(
    collect_cmd: list[str], stap_env: dict[str, str], tmp_path: Path
) -> None:
    # Non-UTF-8, CR, NUL, ANSI colour, a 10 MB line, and no final newline.
    data = (
        b"caf\xe9[12] kernel function(f) $return: -22\r\n"
        + b"\x1b[01;35mx\x00y\n"
        + b"z" * (10 * 1024 * 1024)
        + b"\nlast line without newline"
    )
    src = tmp_path / "odd.bin"
    src.write_bytes(data)
    proc = run_collect(collect_cmd, ["cat", str(src)], stap_env)
    assert proc.returncode == 0
    assert proc.stdout == data
    archive = Path(stap_env["ERRTRAIL_ARCHIVE"])
    assert stored(archive, 1, "stdout") == data
    run = only_run(archive)
    assert run["tool"] == "other" and run["function"] is None
    # Chunks stay bounded (about 1 MiB) even for one 10 MB line.
    with Archive.open(archive) as a:
        sizes = [len(c.data) for c in a.iter_chunks(1)]
    assert max(sizes) <= 2 * 1024 * 1024 and len(sizes) >= 5


def test_empty_run(collect_cmd: list[str], stap_env: dict[str, str]) -> None:
    proc = run_collect(collect_cmd, ["true"], stap_env)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"")
    run = only_run(Path(stap_env["ERRTRAIL_ARCHIVE"]))
    assert run["status"] == "complete"
    assert run["stdout_bytes"] == run["stderr_bytes"] == 0


def test_exit_status_passed_through(collect_cmd: list[str], stap_env: dict[str, str]) -> None:
    proc = run_collect(collect_cmd, ["sh", "-c", "echo out; echo err >&2; exit 3"], stap_env)
    assert proc.returncode == 3
    assert (proc.stdout, proc.stderr) == (b"out\n", b"err\n")
    run = only_run(Path(stap_env["ERRTRAIL_ARCHIVE"]))
    assert (run["status"], run["exit_status"], run["status_reason"]) == (
        "failed",
        3,
        "exited with status 3",
    )


def test_child_killed_by_signal(collect_cmd: list[str], stap_env: dict[str, str]) -> None:
    proc = run_collect(collect_cmd, ["sh", "-c", "echo before; kill -KILL $$"], stap_env)
    assert proc.returncode == 128 + 9
    archive = Path(stap_env["ERRTRAIL_ARCHIVE"])
    run = only_run(archive)
    assert (run["status"], run["exit_signal"], run["exit_status"]) == ("failed", 9, None)
    assert run["status_reason"] == "killed by signal 9 (SIGKILL)"
    assert stored(archive, 1, "stdout") == b"before\n"


def test_command_not_found(collect_cmd: list[str], stap_env: dict[str, str]) -> None:
    proc = run_collect(collect_cmd, ["no-such-command-errtrail", "x"], stap_env)
    assert proc.returncode == 127
    assert proc.stderr.startswith(b"Error: cannot run 'no-such-command-errtrail': No such file")
    assert b"PATH" in proc.stderr
    run = only_run(Path(stap_env["ERRTRAIL_ARCHIVE"]))
    assert run["status"] == "failed"
    assert run["exit_status"] == 127


def _start_collector(
    collect_cmd: list[str], args: list[str], env: dict[str, str]
) -> subprocess.Popen[bytes]:
    # A session of its own, like a shell job: killpg reaches the collector and the
    # child, as the terminal's Ctrl-C does.
    return subprocess.Popen(
        [*collect_cmd, "run", "--", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _wait_for_bytes(archive: Path, n: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if archive.exists():
            try:
                with Archive.open(archive, readonly=True) as a:
                    runs = a.runs()
                    if runs and runs[0].stdout_bytes >= n:
                        return
            except Exception:
                pass
        time.sleep(0.05)
    raise AssertionError(f"archive {archive} never reached {n} bytes")


def test_ctrl_c_reaches_stap_once_and_run_is_interrupted(
    collect_cmd: list[str], stap_env: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "signals.log"
    env = dict(
        stap_env,
        FAKE_STAP_STDOUT=str(DO_SYS_OPEN),
        FAKE_STAP_MODE="interrupt",
        FAKE_STAP_SIGNAL_LOG=str(log),
        FAKE_STAP_END_DELAY="0.5",
    )
    proc = _start_collector(collect_cmd, WHYTHEFAIL, env)
    archive = Path(env["ERRTRAIL_ARCHIVE"])
    _wait_for_bytes(archive, len(DO_SYS_OPEN.read_bytes()))
    os.killpg(proc.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    # stap got exactly the terminal's SIGINT: the collector did not add its own.
    assert log.read_text() == "SIGINT\n"
    # The end probe's statistics, printed after the interrupt, were still captured.
    assert out.endswith(b"statement count: 12\n")
    assert stored(archive, 1, "stdout") == out
    run = only_run(archive)
    assert run["status"] == "interrupted"
    assert run["status_reason"] == "stopped by SIGINT; exited with status 0"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_term_and_hup_are_forwarded(
    collect_cmd: list[str], stap_env: dict[str, str], tmp_path: Path, signum: int
) -> None:
    log = tmp_path / "signals.log"
    env = dict(stap_env, FAKE_STAP_TICKS="0", FAKE_STAP_DELAY="0.01", FAKE_STAP_SIGNAL_LOG=str(log))
    proc = _start_collector(collect_cmd, WHYTHEFAIL, env)
    archive = Path(env["ERRTRAIL_ARCHIVE"])
    _wait_for_bytes(archive, 1)
    proc.send_signal(signum)  # to the collector alone
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert log.read_text() == f"{signal.Signals(signum).name}\n"
    assert out.endswith(b"\n") and b"\nstatistics:\n" in out
    assert stored(archive, 1, "stdout") == out
    run = only_run(archive)
    assert run["status"] == "interrupted"


def test_third_interrupt_stops_stap_at_once(
    collect_cmd: list[str], stap_env: dict[str, str], tmp_path: Path
) -> None:
    env = dict(
        stap_env,
        FAKE_STAP_STDOUT=str(DO_SYS_OPEN),
        FAKE_STAP_MODE="interrupt",
        FAKE_STAP_END_DELAY="10",
    )
    proc = _start_collector(collect_cmd, WHYTHEFAIL, env)
    archive = Path(env["ERRTRAIL_ARCHIVE"])
    _wait_for_bytes(archive, 100)
    for _ in range(3):
        os.killpg(proc.pid, signal.SIGINT)
        time.sleep(0.1)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 1
    assert err.endswith(b"Too many interrupts received, exiting.\n")
    assert out == DO_SYS_OPEN.read_bytes()  # no end probe ran: no statistics of its own
    run = only_run(archive)
    assert (run["status"], run["exit_status"]) == ("interrupted", 1)
    with Archive.open(archive) as a:
        assert [m.kind for m in a.messages(1)] == ["too_many_int"]


def test_sigkill_of_collector_loses_at_most_a_second(
    collect_cmd: list[str], stap_env: dict[str, str]
) -> None:
    env = dict(stap_env, FAKE_STAP_TICKS="0", FAKE_STAP_DELAY="0.002")
    proc = _start_collector(collect_cmd, WHYTHEFAIL, env)
    relayed: list[bytes] = []
    assert proc.stdout is not None
    # Read the collector's stdout as a terminal would, all along.
    reader = threading.Thread(target=lambda: relayed.append(proc.stdout.read()))  # type: ignore[union-attr]
    reader.start()
    archive = Path(env["ERRTRAIL_ARCHIVE"])
    _wait_for_bytes(archive, 1)
    time.sleep(2.5)
    killed_at = time.time()
    proc.kill()
    proc.wait(timeout=10)
    reader.join(timeout=10)
    out = relayed[0]
    with sqlite3.connect(archive) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    data = stored(archive, 1, "stdout")
    seen = max(out, data, key=len)
    assert seen.startswith(min(out, data, key=len))  # both are prefixes of one stream
    stamps = [float(line.rsplit(b"t=", 1)[1]) for line in seen.splitlines() if b" t=" in line]
    due = [t for t in stamps if t <= killed_at - 1.0]
    assert due, "the collector ran for less than a second"
    # Everything received up to a second before the kill is in the archive.
    last_stored = float(data.splitlines()[-1].rsplit(b"t=", 1)[1])
    assert last_stored >= max(due)
    run = only_run(archive)
    assert run["status"] == "abandoned"
    assert "died without finishing" in str(run["status_reason"])


def test_four_collectors_share_one_archive(
    collect_cmd: list[str], stap_env: dict[str, str], tmp_path: Path
) -> None:
    procs = []
    for i in range(4):
        env = dict(stap_env, FAKE_STAP_TICKS="3000", FAKE_STAP_DELAY="0.0005")
        procs.append(
            subprocess.Popen(
                [*collect_cmd, "run", "--label", f"c{i}", "--", *WHYTHEFAIL],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        )
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [e for _, e in outs]
    archive = Path(stap_env["ERRTRAIL_ARCHIVE"])
    with Archive.open(archive) as a:
        runs = {r.label: r for r in a.runs()}
        assert sorted(runs) == ["c0", "c1", "c2", "c3"]
        for i, (out, _) in enumerate(outs):
            run = runs[f"c{i}"]
            assert run.status == "complete"
            assert a.stream_bytes(run.id, "stdout") == out
            assert out.count(b"ticker[4242]") == 3000


def _tiny_tmpfs(path: Path, size: str) -> None:
    path.mkdir()
    res = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True
    )
    if res.returncode != 0:
        skip_or_fail(f"cannot mount a tmpfs for the disk-full test: {res.stderr.decode().strip()}")


# 1 MiB fills while the archive is made; 3 MiB part-way through the run (a COMMIT fails,
# SQLite has rolled back already, and the ROLLBACK after it must not hide why).
@pytest.mark.parametrize("size", ["1m", "3m"])
def test_disk_full_spills_everything(
    collect_cmd: list[str], stap_env: dict[str, str], tmp_path: Path, size: str
) -> None:
    require_tool("mount", "mount")
    full = tmp_path / "full"
    _tiny_tmpfs(full, size)
    spill_root = tmp_path / "tmp"
    spill_root.mkdir()
    try:
        data = b"".join(
            b"proc[7] kernel function(f) $return: -28 line %08d\n" % i for i in range(80_000)
        )
        src = tmp_path / "big.txt"
        src.write_bytes(data)  # about 4 MB: far more than the 1 MiB tmpfs holds
        env = dict(stap_env, ERRTRAIL_ARCHIVE=str(full / "archive.db"), TMPDIR=str(spill_root))
        proc = run_collect(collect_cmd, ["sh", "-c", f"cat {src}; echo oops >&2"], env)
        assert proc.returncode == 0
        assert proc.stdout == data  # the terminal saw everything
        assert b"spilling the output to " in proc.stderr
        # The reason is the full disk, not the failed rollback SQLite's own one hid.
        assert b"the disk holding " in proc.stderr and b" is full (" in proc.stderr, proc.stderr
        assert b"cannot rollback" not in proc.stderr
        spills = list(spill_root.glob("errtrail-spill-*")) + list(full.glob("errtrail-spill-*"))
        assert len(spills) == 1
        spill = spills[0]
        assert (spill / "stdout").read_bytes() == data  # the spill alone is the whole run
        assert (spill / "stderr").read_bytes() == b"oops\n"
        meta = json.loads((spill / "run.json").read_text())
        assert meta["status"] == "complete" and meta["complete_from_start"] is True
        assert "is full" in meta["archive_failure"]
        # The spill imports back into a working archive, byte for byte.
        good = tmp_path / "good.db"
        res = subprocess.run(
            [*collect_cmd, "import", str(spill), "--archive", str(good)],
            capture_output=True,
            env=env,
        )
        assert res.returncode == 0, res.stderr
        with Archive.open(good) as a:
            (run,) = a.runs()
            assert a.stream_bytes(run.id, "stdout") == data
            assert run.uuid == meta["run_uuid"]
            assert run.status == "complete"
    finally:
        subprocess.run(["umount", str(full)], check=False)


def test_a_spill_completes_the_run_its_archive_kept_part_of(
    collect_cmd: list[str], stap_env: dict[str, str], tmp_path: Path
) -> None:
    """The disk fills part-way: the archive keeps the start of the run (closed, with its
    spill named in the reason), the spill the whole. Reports say the run is partial;
    once there is room, importing the spill into that archive completes the run."""
    require_tool("mount", "mount")
    full = tmp_path / "full"
    _tiny_tmpfs(full, "16m")
    spill_root = tmp_path / "tmp"
    spill_root.mkdir()
    db = full / "archive.db"
    try:
        data = b"".join(b"\ncat[7] kernel function(f) $return: -28\ncat[7] f.c:%d $$vars: i=0x%x\n"
                        % (2 + i % 3, i) for i in range(300_000))
        src = tmp_path / "big.txt"
        src.write_bytes(data)
        env = dict(stap_env, ERRTRAIL_ARCHIVE=str(db), TMPDIR=str(spill_root))
        assert run_collect(collect_cmd, ["cat", str(src)], env).returncode == 0
        (spill,) = spill_root.glob("errtrail-spill-*")
        with Archive.open(db, readonly=True) as a:
            (run,) = a.runs()
            kept = run.stdout_bytes
        assert 0 < kept < len(data), kept  # the archive holds the start only
        subprocess.run(["mount", "-o", "remount,size=256m", str(full)], check=True)

        def diagnose_notes() -> list[str]:
            res = CliRunner().invoke(report_main, ["diagnose", "latest", "--json", "--offline",
                                                   "--archive", str(db)])
            assert res.exit_code == 0, res.output
            return list(json.loads(res.stdout)["notes"])

        assert any(f"went to the spill directory {spill}" in n for n in diagnose_notes())
        # A spill that is not this output is refused, and nothing is written.
        other = tmp_path / "other"
        shutil.copytree(spill, other)
        (other / "stdout").write_bytes(b"X" + data[1:])
        res = subprocess.run([*collect_cmd, "import", str(other), "--archive", str(db)],
                             capture_output=True, env=env)
        assert res.returncode == 1 and b"differs from" in res.stderr and b"at byte 0" in res.stderr
        res = subprocess.run([*collect_cmd, "import", str(spill), "--archive", str(db)],
                             capture_output=True, env=env)
        assert res.returncode == 0, res.stderr
        with Archive.open(db, readonly=True) as a:
            (run,) = a.runs()
            assert a.stream_bytes(run.id, "stdout") == data
            assert run.status == "complete" and "completed" in (run.status_reason or "")
        assert not any("spill directory" in n for n in diagnose_notes())
        again = subprocess.run([*collect_cmd, "import", str(spill), "--archive", str(db)],
                               capture_output=True, env=env)
        assert again.returncode == 1 and b"nothing to recover" in again.stderr
    finally:
        subprocess.run(["umount", "--lazy", str(full)], check=False)


def test_unwritable_archive_still_relays_and_spills(
    collect_cmd: list[str], stap_env: dict[str, str], tmp_path: Path
) -> None:
    # A "directory" where the archive's parent should be: opening fails at start.
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory")
    env = dict(stap_env, ERRTRAIL_ARCHIVE=str(blocker / "archive.db"), TMPDIR=str(tmp_path))
    proc = run_collect(collect_cmd, ["echo", "hello"], env)
    assert proc.returncode == 0
    assert proc.stdout == b"hello\n"
    (spill,) = tmp_path.glob("errtrail-spill-*")
    assert (spill / "stdout").read_bytes() == b"hello\n"
    assert str(spill).encode() in proc.stderr


def test_broken_stdout_does_not_stop_archiving(
    collect_cmd: list[str], stap_env: dict[str, str], tmp_path: Path
) -> None:
    data = b"".join(b"line %06d\n" % i for i in range(200_000))
    src = tmp_path / "lines.txt"
    src.write_bytes(data)
    # `errtrail-collect run -- cat big | head -1`: our stdout breaks early.
    pipeline = f"{' '.join(collect_cmd)} run -- cat {src} | head -n 1"
    res = subprocess.run(["sh", "-c", pipeline], env=stap_env, capture_output=True, timeout=60)
    assert res.stdout == b"line 000000\n"
    assert stored(Path(stap_env["ERRTRAIL_ARCHIVE"]), 1, "stdout") == data


def test_archive_locked_too_long_spills(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Another process holds the archive's write lock past the busy timeout: the
    output still reaches the terminal, and everything lands in the spill."""
    from collector import archive as archive_mod
    from collector.archive import RunMeta
    from collector.capture import run_capture

    path = tmp_path / "archive.db"
    Archive.open(path).close()
    monkeypatch.setattr(archive_mod, "BUSY_TIMEOUT_MS", 200)
    blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    data = b"".join(b"x[1] f.c:%d $$vars: a=0x%x\n" % (i, i) for i in range(20_000))
    script = tmp_path / "emit.sh"
    script.write_text(f"head -c 1000 {tmp_path}/data; sleep 1; cat {tmp_path}/data | tail -c +1001\n")
    (tmp_path / "data").write_bytes(data)
    holder: list[threading.Thread] = []

    def on_started(run_id: int | None, pid: int) -> None:
        # Take the write lock once the run exists, and keep it for 0.8 s: longer
        # than the busy timeout, shorter than the run.
        blocker.execute("BEGIN EXCLUSIVE")
        t = threading.Timer(0.8, lambda: blocker.execute("ROLLBACK"))
        t.start()
        holder.append(t)

    result = run_capture(
        ["sh", str(script)],
        archive_path=path,
        meta=RunMeta(command=("sh", str(script))),
        on_started=on_started,
    )
    holder[0].join()
    out, err = capfd.readouterr()
    assert out.encode() == data
    assert result.status == "complete"
    assert result.spill_path is not None
    assert (result.spill_path / "stdout").read_bytes() == data
    assert "database is locked" in err and str(result.spill_path) in err
    with Archive.open(path) as a:
        (run,) = a.runs()
        # The run was still closed afterwards and says where its bytes went.
        assert run.status == "complete"
        assert run.spill_path == str(result.spill_path)


def test_a_terminal_that_is_not_read_never_holds_up_the_archive(
    collect_cmd: list[str], stap_env: dict[str, str], tmp_path: Path
) -> None:
    """The collector's stdout is a FIFO whose reader never reads (a paused terminal, a
    hung ssh session): every byte is still read and archived, stderr included, and a
    SIGKILL loses at most the last second. Shown: what fit, then a notice."""
    fifo = tmp_path / "terminal"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # held open, never read
    line = b"cat[7] f.c:2 $$vars: i=0x1 pad=" + b"x" * 90 + b"\n"
    writer = (
        "import sys, time\n"
        f"line = {line!r}\n"
        "for i in range(40):\n"
        "    sys.stdout.buffer.write(line * 4000); sys.stdout.flush()\n"  # 0.5 MB a step
        "    sys.stderr.write(f'tick {i}\\n'); sys.stderr.flush()\n"
        "    time.sleep(0.05)\n"
        "time.sleep(60)\n"
    )
    db = tmp_path / "a.db"
    out = os.open(fifo, os.O_WRONLY)
    try:
        proc = subprocess.Popen([*collect_cmd, "run", "--archive", str(db), "--", sys.executable,
                                 "-c", writer], stdout=out, stderr=subprocess.DEVNULL,
                                env=stap_env, start_new_session=True)
        try:
            time.sleep(6)  # the child wrote 20 MB in about 2 s, then sleeps
            os.killpg(proc.pid, signal.SIGKILL)
        finally:
            proc.wait()
    finally:
        os.close(out)
        os.close(reader)
    with Archive.open(db, readonly=True) as a:
        (run,) = a.runs()
        stdout = a.stream_bytes(run.id, "stdout")
        stderr = a.stream_bytes(run.id, "stderr")
    assert stdout == line * 4000 * 40  # all of it, though the terminal took 64 KiB
    assert stderr == b"".join(b"tick %d\n" % i for i in range(40))


def test_a_terminal_that_catches_up_is_told_what_it_missed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from collector import capture
    from collector.capture import RELAY_BACKLOG, _Relay

    monkeypatch.setattr(capture, "RELAY_STALL_S", 0.1)
    r, w = os.pipe()
    relay = _Relay(w)
    chunk = b"y" * 65536

    def write_more_than_it_queues() -> None:  # 5 MiB more, after the reader stalled
        for i in range(RELAY_BACKLOG // len(chunk) + 80):
            if i == RELAY_BACKLOG // len(chunk):
                time.sleep(0.3)  # the terminal has taken nothing for longer than the stall
            relay.write(chunk)

    writing = threading.Thread(target=write_more_than_it_queues, daemon=True)
    writing.start()
    writing.join(timeout=20)
    assert not writing.is_alive(), "the relay waited for a reader that never reads"
    assert relay.dropped >= 4 << 20
    got = bytearray()

    def read_all() -> None:  # the terminal catching up
        while data := os.read(r, 1 << 20):
            got.extend(data)

    catching_up = threading.Thread(target=read_all)
    catching_up.start()
    relay.close()  # returns once everything queued (and the notice) is written
    os.close(w)
    catching_up.join()
    os.close(r)
    assert got.endswith(b"bytes of output not shown here: this terminal or pipe was not"
                        b" reading; all of them are archived]\n")
    shown, notice = got.split(b"\n[errtrail-collect: ")
    assert shown == b"y" * (len(chunk) * (RELAY_BACKLOG // len(chunk) + 80) - relay.dropped)
    assert notice.startswith(f"{relay.dropped:,} bytes".encode())


def test_a_terminal_slower_than_a_burst_still_sees_all_of_it() -> None:
    # A burst three times the backlog into a reader that keeps reading, only slower
    # (a terminal emulator, an ssh link): nothing is dropped, since it never stalls.
    from collector.capture import RELAY_BACKLOG, _Relay

    r, w = os.pipe()
    relay = _Relay(w)
    got = bytearray()

    def read_slowly() -> None:
        while data := os.read(r, 16384):
            got.extend(data)

    reading = threading.Thread(target=read_slowly)
    reading.start()
    chunk = b"z" * 65536
    for _ in range(3 * RELAY_BACKLOG // len(chunk)):
        relay.write(chunk)
    relay.close()
    os.close(w)
    reading.join()
    os.close(r)
    assert relay.dropped == 0 and bytes(got) == chunk * (3 * RELAY_BACKLOG // len(chunk))


def test_a_locked_archive_does_not_delay_the_command(
    collect_cmd: list[str], stap_env: dict[str, str], tmp_path: Path
) -> None:
    """Another process holds the archive's write lock when the capture starts: the
    command starts at once (not after the 10 s busy timeout), its output waits, and
    the run is created and stored whole once the lock clears."""
    db = tmp_path / "archive.db"
    Archive.open(db).close()
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    stamp = tmp_path / "started"
    proc = subprocess.Popen(
        [*collect_cmd, "run", "--archive", str(db), "--", "sh", "-c",
         f"date +%s.%N > {stamp}; seq 1 50000"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=stap_env)
    try:
        deadline = time.monotonic() + 20
        while not stamp.exists() or not stamp.read_text().strip():
            assert time.monotonic() < deadline, "the command never started"
            time.sleep(0.05)
        # The command started while the lock is still held (it is released below).
        time.sleep(2)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    expected = b"".join(b"%d\n" % i for i in range(1, 50001))
    assert out == expected and b"spill" not in err
    with Archive.open(db, readonly=True) as a:
        (run,) = a.runs()
        assert run.status == "complete" and a.stream_bytes(run.id, "stdout") == expected
