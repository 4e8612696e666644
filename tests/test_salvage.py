"""errtrail-report salvage: runs out of an archive damaged for real (truncated, bytes
flipped, a page overwritten, a WAL left by a killed writer), into a new archive that
reports work on; the damaged file untouched."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import require_tool
from test_analysis import trace

from collector.archive import Archive, ArchiveError, Chunk, RunMeta
from reporter.cli import main as report_main
from reporter.salvage import shell_problem

WHEN = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
STDERR = b"Pass 5: starting run.\nWARNING: Number of errors: 0, skipped probes: 1\n"
PAGE = 65536  # collector.archive's page size


def add_run(db: Path, calls: int) -> int:
    """A finished run of ``calls`` calls: stdout in 4 KiB chunks, stderr, messages."""
    data = trace(calls)
    with Archive.open(db, clock=lambda: WHEN) as a:
        rid = a.create_run(RunMeta(command=("stap", "whythefail.stp", "kernel", "f",
                                            "$return < 0"),
                                   target="kernel", function="f", condition="$return < 0"))
        step = 4096
        chunks = [Chunk("stdout", data[i:i + step], WHEN) for i in range(0, len(data), step)]
        seq = a.append_chunks(rid, 0, [*chunks[:3], Chunk("stderr", STDERR, WHEN), *chunks[3:]])
        assert seq == len(chunks) + 1
        from collector.messages import classify_stderr
        a.store_messages(rid, classify_stderr(STDERR))
        a.finish_run(rid, "complete", exit_status=0)
    return rid


@pytest.fixture
def archive(tmp_path: Path) -> tuple[Path, dict[str, tuple[bytes, bytes]]]:
    """Four runs of about 1 MiB each, and each run's stdout and stderr by uuid."""
    db = tmp_path / "broken.db"
    for n in (6000, 5000, 7000, 6500):
        add_run(db, n)
    with Archive.open(db) as a:  # the last writer to close removes the WAL
        truth = {r.uuid: (a.stream_bytes(r.id, "stdout"), a.stream_bytes(r.id, "stderr"))
                 for r in a.runs()}
    assert not Path(f"{db}-wal").exists()
    return db, truth


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def salvage(broken: Path, good: Path, *extra: str) -> Result:
    return CliRunner().invoke(report_main, ["salvage", str(broken), "-o", str(good), *extra])


def check_salvaged(broken: Path, good: Path, truth: dict[str, tuple[bytes, bytes]],
                   result: Result) -> tuple[list[str], list[str]]:
    """The report and GOOD agree: every run reported intact is byte for byte the
    original, complete and with its messages; every other one is abandoned, says what
    is missing, and holds only bytes that were there. Returns (intact, damaged) uuids."""
    assert result.exit_code == 0, result.output
    intact, damaged = [], []
    with Archive.open(good, readonly=True) as a:
        for run in a.runs():
            out, err = a.stream_bytes(run.id, "stdout"), a.stream_bytes(run.id, "stderr")
            line = next(x for x in result.output.splitlines() if run.uuid in x)
            expected = truth[run.uuid]
            if (out, err) == expected:
                intact.append(run.uuid)
                assert run.status == "complete" and "missing" not in line
                assert f"stdout {len(out):,}/{len(out):,} bytes" in line
                assert [m.raw for m in a.messages(run.id)] == STDERR.splitlines()
            else:
                damaged.append(run.uuid)
                assert run.status == "abandoned", line
                assert "missing" in (run.status_reason or "") and "missing" in line
                assert f"stdout {len(out):,}/{len(expected[0]):,} bytes" in line
                assert (run.stdout_bytes, run.stderr_bytes) == (len(out), len(err))
        assert a.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return intact, damaged


def diagnose_works(good: Path) -> None:
    res = CliRunner().invoke(report_main, ["diagnose", "latest", "--offline", "--archive",
                                           str(good), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["function"] == "f" and data["run"]["uuid"]


def test_a_truncated_archive_gives_back_its_first_runs_whole(
        archive: tuple[Path, dict[str, tuple[bytes, bytes]]], tmp_path: Path) -> None:
    broken, truth = archive
    with broken.open("r+b") as f:
        f.truncate(broken.stat().st_size * 7 // 10 + 1234)  # part-way through a page
    before = digest(broken)
    # SQLite cannot read it (and leaves a -wal and -shm next to it, trying).
    with pytest.raises((sqlite3.DatabaseError, ArchiveError)), \
            Archive.open(broken, readonly=True) as a:
        for run in a.runs():
            a.stream_bytes(run.id, "stdout")
    files = sorted(p.name for p in tmp_path.iterdir())  # broken.db and those
    good = tmp_path / "good.db"
    result = salvage(broken, good)
    intact, damaged = check_salvaged(broken, good, truth, result)
    # Runs are stored in order: the first survive whole, the last lost its end.
    order = list(truth)
    assert order[0] in intact and order[-1] in damaged, result.output
    assert f"intact: {len(intact)} run(s)" in result.output
    assert f"damaged: {len(damaged)} run(s)" in result.output
    assert digest(broken) == before
    # Nothing left beside it: no side file of BROKEN's, no scratch directory.
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("good.db")) \
        == files
    diagnose_works(good)


def test_flipped_bytes_in_a_leaf_page_in_the_middle_lose_that_page_only(
        archive: tuple[Path, dict[str, tuple[bytes, bytes]]], tmp_path: Path) -> None:
    broken, truth = archive
    pages = broken.stat().st_size // PAGE
    middle = pages // 2
    with broken.open("r+b") as f:  # the page's header and cell pointers, bit-flipped
        f.seek(middle * PAGE)
        head = f.read(64)
        f.seek(middle * PAGE)
        f.write(bytes(b ^ 0xFF for b in head))
    before = digest(broken)
    good = tmp_path / "good.db"
    result = salvage(broken, good)
    intact, damaged = check_salvaged(broken, good, truth, result)
    assert len(damaged) == 1 and len(intact) == 3, result.output
    assert "chunk(s) " in result.output  # the gap is named by seq
    assert digest(broken) == before
    diagnose_works(good)


def test_an_overwritten_interior_page_loses_nothing(
        archive: tuple[Path, dict[str, tuple[bytes, bytes]]], tmp_path: Path) -> None:
    """The root of output_chunks overwritten: SQLite reads no chunk at all, yet every
    leaf is still there, and each row is known by its shape."""
    broken, truth = archive
    with sqlite3.connect(broken) as conn:
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'output_chunks'").fetchone()
    conn.close()
    with broken.open("r+b") as f:
        f.seek((root - 1) * PAGE)
        f.write(os.urandom(PAGE))
    with pytest.raises(sqlite3.DatabaseError), Archive.open(broken, readonly=True) as a:
        a.stream_bytes(1, "stdout")
    before = digest(broken)
    good = tmp_path / "good.db"
    result = salvage(broken, good)
    intact, damaged = check_salvaged(broken, good, truth, result)
    assert sorted(intact) == sorted(truth) and not damaged, result.output
    assert digest(broken) == before
    diagnose_works(good)


def test_an_overwritten_first_page_schema_and_header_loses_no_run(
        archive: tuple[Path, dict[str, tuple[bytes, bytes]]], tmp_path: Path) -> None:
    broken, truth = archive
    with broken.open("r+b") as f:
        f.write(b"\0" * PAGE)
    with pytest.raises(Exception, match="cannot open archive"):
        Archive.open(broken, readonly=True)
    good = tmp_path / "good.db"
    intact, damaged = check_salvaged(broken, good, truth, salvage(broken, good))
    assert sorted(intact) == sorted(truth) and not damaged


WRITER = """
import os, sys
from datetime import datetime, timezone
from collector.archive import Archive, ArchiveError, Chunk, RunMeta
when = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
a = Archive.open(sys.argv[1], sync="off")
rid = a.create_run(RunMeta(command=("stap", "x")), status="running")
a.append_chunks(rid, 0, [Chunk("stdout", bytes([65 + i % 26]) * 4096, when) for i in range(40)])
os.kill(os.getpid(), 9)  # SIGKILL: the WAL is never checkpointed into the file
"""


def test_a_wal_left_by_a_killed_writer_is_read_and_left_as_it_was(
        archive: tuple[Path, dict[str, tuple[bytes, bytes]]], tmp_path: Path) -> None:
    broken, truth = archive
    proc = subprocess.run([sys.executable, "-c", WRITER, str(broken)], check=False,
                          cwd=Path(__file__).resolve().parent.parent)
    assert proc.returncode == -9
    wal = Path(f"{broken}-wal")
    assert wal.stat().st_size > 40 * 4096
    with broken.open("r+b") as f:  # and the main file cut short as well
        f.truncate(broken.stat().st_size - 3 * PAGE)
    before = (digest(broken), digest(wal))
    good = tmp_path / "good.db"
    result = salvage(broken, good)
    assert result.exit_code == 0, result.output
    with Archive.open(good, readonly=True) as a:
        (last,) = [r for r in a.runs() if r.uuid not in truth]
        assert a.stream_bytes(last.id, "stdout") == b"".join(
            bytes([65 + i % 26]) * 4096 for i in range(40))
        # Being captured when it was salvaged: it has no owner any more.
        assert last.status == "abandoned" and "being captured" in (last.status_reason or "")
    assert (digest(broken), digest(wal)) == before


def test_an_existing_output_is_never_overwritten(
        archive: tuple[Path, dict[str, tuple[bytes, bytes]]], tmp_path: Path) -> None:
    broken, _ = archive
    good = tmp_path / "good.db"
    good.write_bytes(b"mine")
    result = salvage(broken, good)
    assert result.exit_code == 1
    assert "already exists" in result.output and "never overwrites" in result.output
    assert good.read_bytes() == b"mine"
    assert [p.name for p in tmp_path.iterdir() if "salvage" in p.name] == []


def test_a_file_that_is_no_archive_is_said_so(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(3 * PAGE))
    result = salvage(junk, tmp_path / "good.db")
    assert result.exit_code == 1
    assert "nothing of an errtrail archive could be salvaged" in result.output
    assert not (tmp_path / "good.db").exists()


def test_the_sqlite3_engine_names_what_it_lacks(
        archive: tuple[Path, dict[str, tuple[bytes, bytes]]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    broken, _ = archive
    empty = tmp_path / "bin"
    empty.mkdir()
    with monkeypatch.context() as m:
        m.setenv("PATH", str(empty))
        result = salvage(broken, tmp_path / "a.db", "--engine", "sqlite3")
        assert result.exit_code == 1
        assert "sqlite3 was not found (Debian package sqlite3)" in result.output
        assert "--engine pages" in result.output
        # auto reads the pages instead, and says why.
        result = salvage(broken, tmp_path / "b.db")
        assert result.exit_code == 0 and "sqlite3 was not found" in result.output
    shell = require_tool("sqlite3", "sqlite3")  # under CI=true a missing shell fails
    result = salvage(broken, tmp_path / "c.db", "--engine", "sqlite3")
    if shell_problem(shell) is None:
        # A shell whose .recover works (not Debian 12's): that engine salvages.
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1 and "sqlite_dbpage" in result.output
