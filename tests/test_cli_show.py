"""``errtrail-report show``: text and JSON views of a parsed run, and its errors."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from click.testing import CliRunner

from collector.archive import Archive, Chunk, RunMeta
from collector.messages import classify_stderr
from reporter.cli import main
from tests.conftest import SAMPLE_TRACES

WHEN = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
UUID = "0b9a7c55-1111-4222-8333-944455556666"


def make_archive(path: Path, sample: str, *, run_uuid: str = UUID, store: bool = False) -> int:
    """An archive holding ``sample_traces/<sample>`` as one run, in 100-byte chunks."""
    stdout = (SAMPLE_TRACES / f"{sample}.stdout").read_bytes()
    stderr_path = SAMPLE_TRACES / f"{sample}.stderr"
    stderr = stderr_path.read_bytes() if stderr_path.exists() else b""
    with Archive.open(path, clock=lambda: WHEN) as archive:
        run_id = archive.create_run(
            RunMeta(
                command=("stap", "whythefail.stp", "kernel", "demo_do_open", "$return < 0"),
                target="kernel",
                function="demo_do_open",
                condition="$return < 0",
            ),
            status="complete",
            run_uuid=run_uuid,
        )
        chunks = [Chunk("stdout", stdout[i : i + 100], WHEN) for i in range(0, len(stdout), 100)]
        if stderr:
            chunks.append(Chunk("stderr", stderr, WHEN))
        archive.append_chunks(run_id, 0, chunks)
        if store:
            archive.store_messages(run_id, classify_stderr(stderr))
    return run_id


EXPECTED_TEXT = """\
run 1 0b9a7c55-1111-4222-8333-944455556666 (complete)
  target: kernel
  function: demo_do_open
  condition: $return < 0
2 invocation(s), 20 statement(s), 3127 stdout byte(s)
#0 line 2: cat[23342] kernel function(demo_do_open) $return: -22
  5 statement(s): fs/demo_open.c:25,32-34,60
#1 line 9: cat[23342] kernel function(demo_do_open) $return: -2
  15 statement(s): fs/demo_open.c:25,32-33,36-37,40-41,46-49,56,58-60
program output: 1 line(s)
  line 18: buildhost
statistics: entry 9, exit-hit 2, exit-miss 7, statement 83
stderr: 1 classified line(s)
  other: 1
    1: cat: /nonexistent: No such file or directory
"""


def test_show_text(archive_path: Path) -> None:
    make_archive(archive_path, "kernel-open-enoent")
    result = CliRunner().invoke(main, ["show", "1", "--archive", str(archive_path)])
    assert result.exit_code == 0, result.output
    assert result.output == EXPECTED_TEXT


def test_show_flags_warnings_and_orphans(archive_path: Path) -> None:
    make_archive(archive_path, "interrupted-orphans", store=True)
    result = CliRunner().invoke(main, ["show", "latest", "--archive", str(archive_path)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert (
        "#0 line 2: cat[501] kernel function(demo_do_open) $return: -2\n  0 statement(s)\n" in out
    )
    assert (
        "orphan statements at line 9 (no header): 3 statement(s): fs/demo_open.c:36-38  [truncated]"
        in out
    )
    assert "statistics: none (the run did not reach its end probe)" in out
    assert "  incomplete: 3\n" in out
    assert "warning: stderr says events were lost; the trace is incomplete" in out


def test_show_truncated_and_foreign(archive_path: Path) -> None:
    make_archive(archive_path, "multithread-interleaved")
    out = CliRunner().invoke(main, ["show", "0b9a", "--archive", str(archive_path)]).output
    assert "$return: -2  [foreign]" in out and "$return: -2  [partial]" in out
    assert "  line 13: foreign: nginx: worker[7002] fs/demo_open.c:25" in out


def test_show_json_is_the_model_and_deterministic(archive_path: Path) -> None:
    make_archive(archive_path, "sched-pretty-truncated")
    runner = CliRunner()
    first = runner.invoke(main, ["show", "latest", "--json", "--archive", str(archive_path)])
    second = runner.invoke(main, ["show", "1", "--json", "--archive", str(archive_path)])
    assert first.exit_code == 0 and first.output == second.output
    data = json.loads(first.output)
    gold = json.loads((SAMPLE_TRACES / "sched-pretty-truncated.parse.json").read_text())
    assert data["records"] == gold["records"]
    assert data["run"]["uuid"] == UUID and data["run"]["function"] == "demo_do_open"
    assert list(data) == sorted(data)


def test_show_json_streamed_equals_the_in_memory_model(archive_path: Path) -> None:
    from reporter.parse import parse_run
    from reporter.show import dumps

    make_archive(archive_path, "kernel-open-enoent", store=True)
    out = CliRunner().invoke(main, ["show", "1", "--json", "--archive", str(archive_path)]).output
    with Archive.open(archive_path, readonly=True) as archive:
        run = archive.get_run(1)
        assert out == dumps(parse_run(archive, run.id), run)


def test_show_limit(archive_path: Path) -> None:
    make_archive(archive_path, "module-ioctl-4th-arg")
    out = CliRunner().invoke(main, ["show", "1", "--limit", "1", "--archive", str(archive_path)])
    assert out.exit_code == 0
    assert "#0 line 2:" in out.output and "#1 " not in out.output
    assert "... 1 more invocation(s) not shown (--limit 0 shows all)" in out.output
    assert "interrupted: ^C echoed at line 31" in out.output


def test_show_marks_partial_over_the_whole_run(archive_path: Path) -> None:
    """The path that lost its start comes first; streaming alone could not know."""
    data = (SAMPLE_TRACES / "partial-start.stdout").read_bytes()
    first, second, *_ = data.lstrip(b"\n").split(b"\n\n")  # path, path, statistics
    swapped = b"\n" + second + b"\n\n" + first + b"\n"
    with Archive.open(archive_path, clock=lambda: WHEN) as archive:
        run_id = archive.create_run(RunMeta(command=("stap",)), status="complete")
        archive.append_chunks(run_id, 0, [Chunk("stdout", swapped, WHEN)])
    out = CliRunner().invoke(main, ["show", "1", "--archive", str(archive_path)]).output
    assert "#0 line 2: loader[2210] kernel function(demo_do_open) $return: -24  [partial]" in out
    assert "#1 line 10: loader[2210] kernel function(demo_do_open) $return: -2\n" in out


def test_show_default_archive_from_environment(archive_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    make_archive(archive_path, "stats-only")
    monkeypatch.setenv("ERRTRAIL_ARCHIVE", str(archive_path))
    result = CliRunner().invoke(main, ["show", "latest"])
    assert result.exit_code == 0
    assert "0 invocation(s)" in result.output
    assert "statistics: entry 57, exit-hit 0, exit-miss 57, statement 912" in result.output
    assert "  unprobed: 1\n" in result.output


def test_unknown_run_lists_nearest(archive_path: Path) -> None:
    make_archive(archive_path, "stats-only")
    make_archive(archive_path, "empty", run_uuid="7f000000-0000-4000-8000-000000000000")
    result = CliRunner().invoke(main, ["show", "0b9b", "--archive", str(archive_path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no run '0b9b' in ")
    assert "nearest: 1 0b9a7c55" in result.output


def test_missing_archive_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["show", "1", "--archive", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "Error: no archive at" in result.output and "--archive" in result.output


def test_show_uses_the_runs_maxstringlen(archive_path: Path) -> None:
    line = b"a[1] f.c:2 $$vars: x=0x" + b"1" * 577 + b"\n"  # 600 bytes: cut only at 512
    data = b"\na[1] kernel function(f) $return: -1\na[1] f.c:1 $$vars: x=0x1\n" + line
    with Archive.open(archive_path, clock=lambda: WHEN) as archive:
        for command in (("stap", "-DMAXSTRINGLEN=1024", "w.stp"), ("stap", "w.stp")):
            run_id = archive.create_run(RunMeta(command=command), status="complete")
            archive.append_chunks(run_id, 0, [Chunk("stdout", data, WHEN)])
    runner = CliRunner()
    big = runner.invoke(main, ["show", "1", "--archive", str(archive_path)]).output
    default = runner.invoke(main, ["show", "2", "--archive", str(archive_path)]).output
    assert "  2 statement(s): f.c:1-2\n" in big and "truncated" not in big
    # Cut at 511 bytes: the rest of the line reads as something glued on after it.
    assert "$return: -1  [truncated]" in default and "line 4: truncated:" in default
    assert "program output: 1 line(s)" in default and "program output" not in big


def test_show_keeps_the_c_programs_stderr_apart(archive_path: Path) -> None:
    """`stap ... -c 'cat ... /nonexistent'`: cat's complaint is no stap warning."""
    from tests.conftest import sample_run_archive

    stderr = (b"cat: /nonexistent: No such file or directory\n"
              b"WARNING: Number of errors: 0, skipped probes: 0\n")
    sample_run_archive(archive_path, "kernel-open-enoent", stderr=stderr, uses_c=True)
    out = CliRunner().invoke(main, ["show", "--archive", str(archive_path)]).output
    assert out.endswith(
        "stderr: 1 classified line(s)\n"
        "  summary: 1\n"
        "    2: WARNING: Number of errors: 0, skipped probes: 0\n"
        "stderr of the traced program: 1 line(s)\n"
        "    1: cat: /nonexistent: No such file or directory\n"
    )
    data = json.loads(CliRunner().invoke(
        main, ["show", "--json", "--archive", str(archive_path)]).output)
    assert data["program_stderr"] == [1] and len(data["messages"]) == 2


def test_show_without_run_is_the_latest(archive_path: Path) -> None:
    make_archive(archive_path, "stats-only")
    make_archive(archive_path, "empty", run_uuid="7f000000-0000-4000-8000-000000000000")
    out = CliRunner().invoke(main, ["show", "--archive", str(archive_path)]).output
    assert out.startswith("run 2 7f000000-0000-4000-8000-000000000000 ")
