"""The archive: schema from schema.sql, migrations, version checks, run lookup."""

from __future__ import annotations

import json
import multiprocessing
import re
import sqlite3
from dataclasses import fields
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from collector import __version__
from collector.archive import (
    STALE_HEARTBEAT_SECONDS,
    Archive,
    ArchiveError,
    ArchiveTooNewError,
    ChainLink,
    Chunk,
    InvocationLink,
    Owner,
    Run,
    RunMeta,
    RunNotFoundError,
    iso,
    schema_migrations,
)
from tests.conftest import REPO

T0 = datetime(2026, 11, 25, 12, 0, 0, tzinfo=timezone.utc)


def meta(**kw: object) -> RunMeta:
    return RunMeta(command=("stap", "x.stp"), **kw)  # type: ignore[arg-type]


def test_every_column_is_commented() -> None:
    """schema.sql is the documentation too: each column line carries a comment."""
    text = (REPO / "schema.sql").read_text()
    columns = 0
    for table in re.findall(r"^CREATE TABLE \w+ \((.*?)^\);", text, re.MULTILINE | re.DOTALL):
        for line in table.splitlines():
            if re.match(r"^\s+[a-z_]+ (INTEGER|TEXT|BLOB|REAL)\b", line):
                columns += 1
                assert "--" in line, f"column without a comment: {line.strip()!r}"
    assert columns >= 50


def test_schema_creates_tables_and_records_migrations(archive_path: Path) -> None:
    with Archive.open(archive_path) as a:
        tables = {r[0] for r in a.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"runs", "output_chunks", "messages", "_sqlite_migrations"} <= tables
        applied = [
            r[0]
            for r in a.conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set='errtrail' ORDER BY rowid"
            )
        ]
        assert applied == [name for name, _ in schema_migrations()]
        assert a.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert a.conn.execute("PRAGMA user_version").fetchone()[0] == len(applied)
    # Opening again applies nothing twice.
    with Archive.open(archive_path) as a:
        count = a.conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert count == len(schema_migrations())


def test_newer_archive_is_refused_clearly(archive_path: Path) -> None:
    with Archive.open(archive_path) as a:
        a.conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('errtrail', '0999_from_the_future', '2030-01-01')"
        )
    with pytest.raises(ArchiveTooNewError, match=r"newer errtrail.*0999_from_the_future.*upgrade"):
        Archive.open(archive_path)
    with pytest.raises(ArchiveTooNewError):
        Archive.open(archive_path, readonly=True)


def test_other_sqlite_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE photos (id)")
    with pytest.raises(ArchiveError, match=r"not an errtrail archive.*photos"):
        Archive.open(other)


def test_garbage_file_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ArchiveError, match="cannot open archive"):
        Archive.open(junk)


def test_missing_archive_without_create(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match=r"no archive at .*errtrail-collect run"):
        Archive.open(tmp_path / "nope.db", create=False)


def test_chunks_round_trip_in_order(archive_path: Path) -> None:
    with Archive.open(archive_path, clock=lambda: T0) as a:
        rid = a.create_run(meta(function="f"), owner=Owner.current())
        seq = a.append_chunks(
            rid, 0, [Chunk("stdout", b"a\xff) $re", T0), Chunk("stderr", b") $return: ", T0)]
        )
        seq = a.append_chunks(rid, seq, [Chunk("stdout", b"turn: -1\nx) $return: 0", T0)])
        assert seq == 3
        assert [(c.stream, c.data) for c in a.iter_chunks(rid)] == [
            ("stdout", b"a\xff) $re"),
            ("stderr", b") $return: "),
            ("stdout", b"turn: -1\nx) $return: 0"),
        ]
        assert a.stream_bytes(rid, "stdout") == b"a\xff) $return: -1\nx) $return: 0"
        assert a.chunk_layout(rid, "stdout") == [(0, 7), (2, 22)]
        assert [c.data for c in a.iter_chunks(rid, "stdout", first_seq=1)] == [
            b"turn: -1\nx) $return: 0"
        ]
        run = a.get_run(rid)
        assert (run.stdout_bytes, run.stderr_bytes, run.header_count) == (29, 11, None)
        # Counted across the chunk seam, in stdout only; kept once the run has ended.
        assert a.header_count(run) == 2
        assert a.get_run(rid).header_count is None
        a.finish_run(rid, "complete")
        assert a.header_count(a.get_run(rid)) == 2
        assert a.get_run(rid).header_count == 2
        assert run.started_at == "2026-11-25T12:00:00.000000Z"
        assert run.function == "f"
        assert json.loads(json.dumps(run.as_dict()))["command"] == ["stap", "x.stp"]


def test_run_has_a_typed_attribute_for_every_column(archive_path: Path) -> None:
    # A migration that adds a column to runs must give Run its attribute too.
    given = meta(tool="gdb", origin="gdb", hostname="h", function="f", uses_c=True,
                 traced_pid=7, target_mtime=iso(T0), label="l")
    with Archive.open(archive_path, clock=lambda: T0) as a:
        columns = [r[1] for r in a.conn.execute("PRAGMA table_info(runs)")]
        rid = a.create_run(given)
        a.finish_run(rid, "failed", reason="r", exit_status=3)
        run = a.get_run(rid)
    assert sorted(Run.columns().values()) == sorted(columns)
    assert RunMeta(**{f.name: getattr(run, f.name) for f in fields(RunMeta)}) == given
    assert (run.uses_c, run.uses_x, run.exit_status, run.ended_at) == (True, False, 3, iso(T0))
    assert (run.status, run.status_reason, run.collector_version) == ("failed", "r", __version__)
    assert sorted(run.as_dict()) == sorted(columns) and run.as_dict()["uses_c"] == 1


def test_get_run_by_id_uuid_prefix_and_latest(archive_path: Path) -> None:
    with Archive.open(archive_path) as a:
        ids = [
            a.create_run(meta(), run_uuid=u)
            for u in (
                "aaaa1111-0000-4000-8000-000000000000",
                "aaaa2222-0000-4000-8000-000000000000",
                "bbbb0000-0000-4000-8000-000000000000",
            )
        ]
        for rid in ids:
            a.finish_run(rid, "complete")
        assert a.get_run("latest").id == ids[-1]
        assert a.get_run(str(ids[0])).id == ids[0]
        assert a.get_run("bbbb").id == ids[2]
        assert a.get_run("AAAA2").id == ids[1]
        with pytest.raises(RunNotFoundError, match="ambiguous") as amb:
            a.get_run("aaaa")
        assert len(amb.value.nearest) == 2
        with pytest.raises(RunNotFoundError, match="nearest") as missing:
            a.get_run("bbbc")
        assert missing.value.nearest[0].endswith("bbbb0000")


def test_empty_archive_lookup_says_how_to_capture(archive_path: Path) -> None:
    with Archive.open(archive_path) as a, pytest.raises(RunNotFoundError, match="holds no runs"):
        a.get_run("latest")


def test_dead_owner_on_this_host_means_abandoned(archive_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    child = ctx.Process(target=lambda: None)
    child.start()
    child.join()
    assert child.pid is not None
    dead = Owner(child.pid, Owner.current().boot_id, 1)
    with Archive.open(archive_path) as a:
        live = a.create_run(meta(), owner=Owner.current())
        gone = a.create_run(meta(), owner=dead)
        statuses = {r.id: r.status for r in a.runs()}
        assert statuses == {live: "running", gone: "abandoned"}
    # The verdict was written down, so a reader elsewhere sees it too.
    with sqlite3.connect(archive_path) as conn:
        assert (
            conn.execute("SELECT status FROM runs WHERE id=?", [gone]).fetchone()[0] == "abandoned"
        )


def test_stale_heartbeat_from_another_host_means_abandoned(archive_path: Path) -> None:
    now = [T0]
    with Archive.open(archive_path, clock=lambda: now[0]) as a:
        rid = a.create_run(meta(hostname="elsewhere"), owner=Owner(1234, "other-boot-id", 5))
        assert a.get_run(rid).status == "running"
        now[0] = T0 + timedelta(seconds=STALE_HEARTBEAT_SECONDS + 1)
        run = a.get_run(rid)
        assert run.status == "abandoned"
        assert "elsewhere" in str(run.status_reason) and iso(T0) in str(run.status_reason)


def test_readonly_open_writes_nothing(archive_path: Path) -> None:
    with Archive.open(archive_path) as a:
        a.create_run(meta(), owner=Owner(999_999, Owner.current().boot_id, 1))
    before = archive_path.read_bytes()
    with Archive.open(archive_path, readonly=True) as a:
        assert a.runs()[0].status == "abandoned"  # shown, though not written
    with sqlite3.connect(archive_path) as conn:
        assert conn.execute("SELECT status FROM runs").fetchone()[0] == "running"
    assert archive_path.read_bytes() == before


def _open_and_add(path: str) -> None:
    with Archive.open(path) as a:
        rid = a.create_run(meta())
        a.finish_run(rid, "complete")


def test_concurrent_first_opens_migrate_once(tmp_path: Path) -> None:
    path = tmp_path / "race.db"
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        pool.map(_open_and_add, [str(path)] * 8)
    with Archive.open(path) as a:
        assert len(a.runs()) == 8
        n = a.conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert n == len(schema_migrations())


def test_transaction_is_atomic(archive_path: Path) -> None:
    with Archive.open(archive_path) as a:
        with pytest.raises(RuntimeError), a.transaction():
            rid = a.create_run(meta())
            a.append_chunks(rid, 0, [Chunk("stdout", b"x", T0)])
            raise RuntimeError("bad input found half way")
        assert a.runs() == []


# -- probed lines (migration 0004_probed_lines) ------------------------------------------


def test_probed_lines_round_trip(archive_path: Path) -> None:
    with Archive.open(archive_path) as a:
        stap = a.create_run(meta())
        gdb = a.create_run(meta(tool="gdb", origin="gdb"))
        none_probed = a.create_run(meta(tool="gdb", origin="gdb"))
        a.record_probed_lines(gdb, [("/s/b.c", 3), ("/s/a.c", 12), ("/s/a.c", 7), ("/s/a.c", 12)])
        a.record_probed_lines(none_probed, [])
        assert a.get_run(stap).probed_lines() is None
        assert a.get_run(gdb).probed_lines() == (("/s/a.c", 7), ("/s/a.c", 12), ("/s/b.c", 3))
        assert a.get_run(none_probed).probed_lines() == ()
        # Stored compactly: each path once.
        assert a.get_run(gdb).probed_lines_json == '{"/s/a.c":[7,12],"/s/b.c":[3]}'
        with pytest.raises(ValueError, match="positive line number"):
            a.record_probed_lines(stap, [("/s/a.c", 0)])
        a.conn.execute("UPDATE runs SET probed_lines = '[1]' WHERE id = ?", [stap])
        with pytest.raises(ArchiveError, match=f"run {stap}'s probed_lines is not"):
            a.get_run(stap).probed_lines()


def downgrade_to_0005(path: Path) -> None:
    """Make ``path`` what errtrail wrote before 0006_analysis."""
    with sqlite3.connect(path) as conn:
        for view in ("run_verdicts", "output_text"):
            conn.execute(f"DROP VIEW {view}")
        for table in ("verdicts", "call_blocks", "paths", "analyses"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name IN"
                     " ('0006_analysis', '0007_call_blocks')")


def _downgrade_to_0004(path: Path) -> None:
    """Make ``path`` what errtrail wrote before 0005_chains."""
    downgrade_to_0005(path)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE invocation_links")
        conn.execute("DROP TABLE chain_links")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0005_chains'")


def _downgrade_to_0003(path: Path) -> None:
    """Make ``path`` what errtrail wrote before 0004_probed_lines."""
    _downgrade_to_0004(path)
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE runs DROP COLUMN probed_lines")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_probed_lines'")


def test_archives_from_before_chains_still_open(archive_path: Path) -> None:
    assert "0005_chains" in [n for n, _ in schema_migrations()]
    with Archive.open(archive_path) as a:
        root = a.create_run(meta(tool="gdb", origin="gdb"))
        a.finish_run(root, "complete")
    _downgrade_to_0004(archive_path)
    before = archive_path.read_bytes()
    with Archive.open(archive_path, readonly=True) as a:
        assert a.chain_link(root) is None and a.chain_links(root) == []
        assert a.invocation_links(root) == []
    assert archive_path.read_bytes() == before
    with Archive.open(archive_path) as a:
        level = a.create_run(meta(tool="gdb", origin="gdb", function="g"))
        link = ChainLink(level, root, 1, root, "/s/a.c", 7, "g", "one-run")
        call = InvocationLink(level, 0, root, 0, "/s/a.c", 7, 3)
        a.record_chain(link, [call])
        assert a.chain_link(level) == link and a.chain_links(root) == [link]
        assert a.invocation_links(level) == [call]


def test_archives_from_before_probed_lines_still_open(archive_path: Path) -> None:
    assert "0004_probed_lines" in [n for n, _ in schema_migrations()]
    with Archive.open(archive_path) as a:
        rid = a.create_run(meta(tool="gdb", origin="gdb"))
        a.finish_run(rid, "complete")
    _downgrade_to_0003(archive_path)
    before = archive_path.read_bytes()
    with Archive.open(archive_path, readonly=True) as a:
        (run,) = a.runs()
        assert run.probed_lines() is None and run.as_dict()["probed_lines"] is None
        with pytest.raises(ArchiveError, match="open it writable"):
            a.record_probed_lines(rid, [("/s/a.c", 1)])
    assert archive_path.read_bytes() == before
    # Opened writable, it is migrated; its runs still have nothing recorded.
    with Archive.open(archive_path) as a:
        assert a.get_run(rid).probed_lines() is None
        a.record_probed_lines(rid, [("/s/a.c", 1)])
        assert a.get_run(rid).probed_lines() == (("/s/a.c", 1),)
