"""Reports under real faults (issue 15): each fault made for real, here a read-only
bind mount of the directory that holds the archive."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import require_tool, skip_or_fail
from test_analysis import make_run, trace

from collector.cli import main as collect_main
from reporter.cli import main as report_main


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """``(writable, read_only)``: a directory and a read-only bind mount of it."""
    require_tool("mount", "mount")
    source, mounted = tmp_path / "rw", tmp_path / "ro"
    source.mkdir()
    mounted.mkdir()
    for args in (["--bind", str(source), str(mounted)],
                 ["-o", "remount,bind,ro", str(mounted)]):
        res = subprocess.run(["mount", *args], capture_output=True)
        if res.returncode != 0:
            subprocess.run(["umount", str(mounted)], capture_output=True)
            skip_or_fail(f"cannot make a read-only bind mount: {res.stderr.decode().strip()}")
    try:
        yield source, mounted
    finally:
        # Lazily: a connection a failed test left open must not keep the mount.
        subprocess.run(["umount", "--lazy", str(mounted)], check=False)


def test_a_read_only_archive_is_reported_from_memory_and_left_as_it_is(
        read_only_dir: tuple[Path, Path], tmp_path: Path) -> None:
    source, mounted = read_only_dir
    make_run(source / "a.db", trace(40))
    assert sorted(p.name for p in source.iterdir()) == ["a.db"]  # no -wal or -shm left
    before = hashlib.sha256((source / "a.db").read_bytes()).hexdigest()
    db = str(mounted / "a.db")
    runner = CliRunner()
    listed = runner.invoke(collect_main, ["list", "--json", "--archive", db])
    assert listed.exit_code == 0, listed.output
    assert [r["status"] for r in json.loads(listed.stdout)] == ["complete"]
    shown = runner.invoke(report_main, ["show", "latest", "--archive", db])
    assert shown.exit_code == 0, shown.output
    assert "-22" in shown.stdout
    diagnosed = runner.invoke(report_main, ["diagnose", "latest", "--json", "--offline",
                                            "--archive", db])
    assert diagnosed.exit_code == 0, diagnosed.output
    assert "is read-only: reporting from memory" in diagnosed.stderr
    assert json.loads(diagnosed.stdout)["paths"][0]["returns"][0]["errno"] == "EINVAL"
    for command, out in (("html", tmp_path / "r.html"), ("markdown", tmp_path / "r.md")):
        made = runner.invoke(report_main, [command, "latest", "--offline", "-o", str(out),
                                           "--archive", db])
        assert made.exit_code == 0, made.output
        assert out.stat().st_size > 0
    # Nothing was written: the same bytes, and no analysis stored.
    assert hashlib.sha256((source / "a.db").read_bytes()).hexdigest() == before
    with sqlite3.connect(source / "a.db") as conn:
        assert conn.execute("SELECT count(*) FROM analyses").fetchone()[0] == 0


def test_a_trace_with_lone_cr_line_ends_is_refused_with_the_conversion(tmp_path: Path) -> None:
    """Lone CRs (old captures, some terminal loggers) would read as one header whose
    return value is the rest of the file: the import says so and writes nothing."""
    trace = tmp_path / "old.txt"
    lines = ["", "cat[7] kernel function(f) $return: -22", "cat[7] f.c:2 $$vars: x=0x1",
             "statistics:", "entry count: 1"]
    trace.write_bytes("\r".join(lines).encode() + b"\r")
    db = tmp_path / "a.db"
    result = CliRunner().invoke(collect_main, ["import", str(trace), "--archive", str(db)])
    assert result.exit_code == 1
    assert "ends its lines with a lone CR" in result.output
    assert f"tr '\\r' '\\n' < {trace} > {trace}.lf" in result.output
    assert not db.exists()  # checked before the archive is opened
    # The conversion it names imports as a trace should: one call.
    converted = tmp_path / "old.txt.lf"
    converted.write_bytes(trace.read_bytes().replace(b"\r", b"\n"))
    result = CliRunner().invoke(collect_main, ["import", str(converted), "--archive", str(db)])
    assert result.exit_code == 0, result.output
    shown = CliRunner().invoke(report_main, ["show", "latest", "--archive", str(db)])
    assert "-22" in shown.stdout
