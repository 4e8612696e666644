"""Archives that move: errtrail-collect export and errtrail-report merge, on real SQLite."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from collector.archive import (
    Archive,
    ChainLink,
    Chunk,
    InvocationLink,
    Message,
    Owner,
    RunMeta,
)
from collector.transfer import TransferError, export_runs, merge_archives
from reporter import sourcestore
from tests.conftest import REPO

T0 = datetime(2026, 12, 2, 8, 0, tzinfo=timezone.utc)
BUILD_ID = "ab" * 20


def add_run(a: Archive, uuid: str, function: str, stdout: bytes, status: str = "complete",
            stderr: bytes = b"WARNING: x\n") -> int:
    # A running run is this process's: its collector is alive.
    rid = a.create_run(RunMeta(command=("stap", "w.stp", "kernel", function, "$return < 0"),
                               function=function, target="kernel", target_build_id=BUILD_ID),
                       run_uuid=uuid, owner=Owner.current() if status == "running" else None)
    a.append_chunks(rid, 0, [Chunk("stdout", stdout[:7], T0), Chunk("stderr", stderr, T0),
                             Chunk("stdout", stdout[7:], T0)])
    a.store_messages(rid, [Message(1, "other", "other", stderr.rstrip(b"\n"), {})])
    if status != "running":
        a.finish_run(rid, status)
    return rid


def source_row(path: str, data: bytes) -> dict[str, Any]:
    return {"build_id": BUILD_ID, "path": path, "resolved_path": "/src/" + path,
            "sha256": hashlib.sha256(data).hexdigest(), "data": data,
            "origin_kind": "local", "origin": "/src/" + path}


def contents(path: Path) -> list[tuple[Any, ...]]:
    """Everything that identifies the runs of an archive, without local ids."""
    with Archive.open(path, readonly=True) as a:
        runs = {r.id: r for r in a.runs()}
        out: list[tuple[Any, ...]] = []
        for r in sorted(runs.values(), key=lambda r: r.uuid):
            out.append((r.uuid, r.status, r.function, a.stream_bytes(r.id, "stdout"),
                        a.stream_bytes(r.id, "stderr"),
                        [m.raw for m in a.messages(r.id)]))
            link = a.chain_link(r.id)
            if link is not None:
                out.append(("link", r.uuid, runs[link.root_run].uuid, link.level, link.callee))
            out.extend(("call", r.uuid, c.ordinal, runs[c.parent_run].uuid, c.parent_line)
                       for c in a.invocation_links(r.id))
        rows = a.conn.execute("SELECT build_id, path, sha256 FROM sources ORDER BY path")
        out.extend(("source", *row) for row in rows)
    return out


@pytest.fixture
def box(tmp_path: Path) -> Path:
    """A production box's archive: a chain (root and one level), another run, sources."""
    path = tmp_path / "box.db"
    with Archive.open(path, clock=lambda: T0) as a:
        root = add_run(a, "11111111-0000-4000-8000-000000000001", "f", b"\nf[1] kernel fn\n")
        level = add_run(a, "11111111-0000-4000-8000-000000000002", "g", b"\ng[1] kernel gn\n")
        a.record_chain(ChainLink(level, root, 1, root, "a.c", 7, "g", "one-run"),
                       [InvocationLink(level, 0, root, 0, "a.c", 7, 3)])
        add_run(a, "11111111-0000-4000-8000-000000000003", "h", b"\nh[1] kernel hn\n")
        sourcestore.store_sources(a, [source_row("a.c", b"int f(void);\n")])
        sourcestore.store_build_id_files(a, BUILD_ID, [("/src", "a.c")])
    return path


def test_export_takes_a_run_with_its_chain_bytes_for_bytes(box: Path, tmp_path: Path) -> None:
    small = tmp_path / "small.db"
    report = export_runs(box, ["1"], small)
    assert (report.copied, report.sources) == (
        ["11111111-0000-4000-8000-000000000001", "11111111-0000-4000-8000-000000000002"], 1)
    got = contents(small)
    want = [x for x in contents(box) if "11111111-0000-4000-8000-000000000003" not in x]
    assert got == want
    with Archive.open(small, readonly=True) as a:
        assert a.conn.execute("SELECT comp_dir, path FROM build_id_files").fetchall() == [
            ("/src", "a.c")]
    # Exporting again copies nothing.
    again = export_runs(box, ["1"], small)
    assert again.copied == [] and len(again.kept) == 2 and contents(small) == got


def test_merge_is_idempotent_and_keeps_every_byte(box: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with Archive.open(other, clock=lambda: T0) as a:
        add_run(a, "22222222-0000-4000-8000-000000000001", "k", b"\nk[9] kernel kn\n" * 3)
    ws = tmp_path / "ws.db"
    first = merge_archives([box, other], ws)
    assert len(first.copied) == 4 and first.replaced == []
    merged = contents(ws)
    assert sorted(contents(box) + contents(other)) == sorted(merged)
    second = merge_archives([box, other], ws)
    assert second.copied == [] and len(second.kept) == 4 and contents(ws) == merged


def test_a_partial_copy_is_replaced_by_the_complete_one(tmp_path: Path) -> None:
    uuid = "33333333-0000-4000-8000-000000000001"
    partial, complete, ws = tmp_path / "p.db", tmp_path / "c.db", tmp_path / "ws.db"
    with Archive.open(partial) as a:
        add_run(a, uuid, "f", b"\nf[1] kernel fn\n", status="abandoned")
    with Archive.open(complete) as a:
        add_run(a, uuid, "f", b"\nf[1] kernel fn\nf[1] kernel more\n")
    merge_archives([partial], ws)
    report = merge_archives([complete], ws)
    assert report.replaced == [uuid]
    assert contents(ws) == contents(complete)
    # ... and never the other way round.
    assert merge_archives([partial], ws).kept == [uuid] and contents(ws) == contents(complete)


def test_a_run_copied_mid_capture_arrives_abandoned(tmp_path: Path) -> None:
    live, ws = tmp_path / "live.db", tmp_path / "ws.db"
    with Archive.open(live) as a:
        add_run(a, "44444444-0000-4000-8000-000000000001", "f", b"\nf[1] kernel fn\n",
                status="running")
    merge_archives([live], ws)
    with Archive.open(ws, readonly=True) as a:
        (run,) = a.runs()
        assert run.status == "abandoned" and "while it was being captured" in str(
            run.status_reason)
        assert a.conn.execute("SELECT owner_pid FROM runs").fetchone() == (None,)


def test_differing_sources_are_kept_and_reported(box: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws.db"
    with Archive.open(ws) as a:
        sourcestore.store_sources(a, [source_row("a.c", b"int f(int);\n")])
    report = merge_archives([box], ws)
    assert report.conflicts == [f"{BUILD_ID[:12]} a.c"]
    with Archive.open(ws, readonly=True) as a:
        assert sourcestore.stored_sources(a, BUILD_ID, ["a.c"])["a.c"]["data"] == b"int f(int);\n"


def test_cli_export_merge_and_import_refusing_an_archive(box: Path, tmp_path: Path) -> None:
    small, ws = tmp_path / "small.db", tmp_path / "ws.db"
    run = [sys.executable, "-m", "collector"]
    out = subprocess.run([*run, "export", "latest", "--archive", str(box), "-o", str(small)],
                         cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert out == f"{small}: 1 run(s) copied, 0 already there; 1 source file(s) added\n"
    report = [sys.executable, "-c", "from reporter.cli import main; main()"]
    out = subprocess.run([*report, "merge", str(box), str(small), "--into", str(ws)],
                         cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert out == f"{ws}: 3 run(s) copied, 1 already there; 1 source file(s) added\n"
    refused = subprocess.run([*run, "import", str(box), "--archive", str(ws)], cwd=REPO,
                             capture_output=True, text=True, check=False)
    assert refused.returncode == 1
    assert refused.stderr == (
        f"Error: trace {box} is an SQLite database (an errtrail archive?), not trace text;"
        f" bring its runs in with: errtrail-report merge {box} --into ARCHIVE\n")
    with pytest.raises(TransferError, match="the archive the runs come from"):
        export_runs(box, ["1"], box)
    with sqlite3.connect(ws) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
