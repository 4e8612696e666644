"""errtrail-collect import and list: exact output, clear errors that write nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from collector.archive import Archive
from collector.cli import main
from tests.conftest import REFERENCE, REPO, SAMPLE_TRACES

DO_SYS_OPEN = REFERENCE / "real-samples" / "systemtap-example-do_sys_open.stdout"
DO_SELECT = REFERENCE / "real-samples" / "systemtap-example-do_select-4th-arg.txt"
OPENRESTY_STDERR = REFERENCE / "real-samples" / "stap-stderr-openresty-issue46.txt"
KERNEL_BUILD_ID = "3c9a6f1e0d7b5a4f8e2d1c0b9a8f7e6d5c4b3a29"


def invoke(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    return result.exit_code, result.output


def test_import_with_metadata(archive_path: Path) -> None:
    code, out = invoke(
        [
            "import",
            str(DO_SYS_OPEN),
            "--stderr",
            str(OPENRESTY_STDERR),
            "--command",
            "stap whythefail.stp kernel do_sys_open '$return < 0' -c 'cat /root/no-such-file || true'",
            "--kernel-build-id",
            KERNEL_BUILD_ID.upper(),
            "--kernel-release",
            "4.0.0-0.rc7.git1.1.fc23.x86_64",
            "--hostname",
            "builder",
            "--arch",
            "x86_64",
            "--label",
            "ENOENT from cat",
            "--archive",
            str(archive_path),
        ]
    )
    assert code == 0, out
    data = DO_SYS_OPEN.read_bytes()
    assert out.startswith("imported run 1 (")
    assert out.endswith(
        # The openresty stderr ends with "Pass 5: run failed.": staprun exited non-zero.
        f"), failed: {len(OPENRESTY_STDERR.read_bytes())} bytes of stderr,"
        f" {len(data)} bytes of stdout\n"
    )
    with Archive.open(archive_path) as a:
        run = a.get_run("latest")
        assert a.stream_bytes(run.id, "stdout") == data
        assert a.stream_bytes(run.id, "stderr") == OPENRESTY_STDERR.read_bytes()
        assert run.status == "failed"
        facts = run.as_dict()
        assert facts["origin"] == "import"
        assert facts["kernel_build_id"] == KERNEL_BUILD_ID
        assert facts["target_build_id"] == KERNEL_BUILD_ID  # a kernel target's build-id
        assert facts["target"] == "kernel"
        assert facts["function"] == "do_sys_open"
        assert facts["condition"] == "$return < 0"
        assert facts["uses_c"] == 1
        assert facts["traced_command"] == "cat /root/no-such-file || true"
        assert facts["hostname"] == "builder" and facts["machine"] == "x86_64"
        assert facts["label"] == "ENOENT from cat"
        assert a.header_count(run) == 1
        assert len(a.messages(run.id)) == len(OPENRESTY_STDERR.read_bytes().splitlines())


def test_import_fourth_argument_trace_without_statistics_end(
    archive_path: Path, tmp_path: Path
) -> None:
    cut = tmp_path / "cut.txt"
    cut.write_bytes(DO_SELECT.read_bytes().split(b"^C")[0])
    code, out = invoke(
        [
            "import",
            str(cut),
            "--command",
            "stap -g --suppress-time-limits whythefail.stp kernel do_select 'randint(1000)<1' '$foo'",
            "--archive",
            str(archive_path),
        ]
    )
    assert code == 0, out
    assert ", interrupted:" in out
    with Archive.open(archive_path) as a:
        run = a.get_run("1")
        assert run.variable == "$foo"
        assert run.condition == "randint(1000)<1"
        assert "no statistics block" in str(run.status_reason)


def test_import_of_a_run_staprun_failed_is_failed(archive_path: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out = invoke(
        ["import", str(empty), "--stderr", str(OPENRESTY_STDERR), "--command", "stap x.stp",
         "--archive", str(archive_path)]
    )
    assert code == 0 and "), failed: " in out, out
    with Archive.open(archive_path) as a:
        assert str(a.get_run("1").status_reason).endswith(
            "stderr says stap failed: Pass 5: run failed.  [man error::pass5]"
        )


def test_import_of_a_script_that_never_ran_is_failed(archive_path: Path) -> None:
    sample = REPO / "sample_traces" / "empty"
    code, out = invoke(
        ["import", f"{sample}.stdout", "--stderr", f"{sample}.stderr", "--command",
         (REPO / "sample_traces" / "empty.command").read_text().strip(),
         "--archive", str(archive_path)]
    )
    assert code == 0, out
    assert "), failed: " in out
    with Archive.open(archive_path) as a:
        run = a.get_run("1")
        assert run.status == "failed"
        assert str(run.status_reason).endswith(
            "stderr says stap failed: semantic error: while resolving probe"
            " point: identifier 'kernel' at"
            " /usr/share/systemtap/examples/general/whythefail.stp:20:7"
        )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope.txt"], "Error: trace nope.txt does not exist"),
        (
            [str(DO_SYS_OPEN), "--stderr", "missing.err"],
            "Error: stderr file missing.err does not exist",
        ),
        (
            [str(DO_SYS_OPEN), "--kernel-build-id", "xyz"],
            "Error: --kernel-build-id 'xyz' is not a build-id",
        ),
        (
            [str(DO_SYS_OPEN), "--target-build-id", "abc"],
            "Error: --target-build-id 'abc' is not a build-id",
        ),
        (
            [str(DO_SYS_OPEN), "--command", "stap 'unclosed"],
            'Error: --command "stap \'unclosed" cannot be split',
        ),
        ([str(REFERENCE)], "is a directory without run.json"),
    ],
)
def test_bad_import_writes_nothing(archive_path: Path, args: list[str], message: str) -> None:
    code, out = invoke(["import", *args, "--archive", str(archive_path)])
    assert code == 1
    assert message in out
    if archive_path.exists():
        with Archive.open(archive_path) as a:
            assert a.runs() == []


def test_list_text_and_json(archive_path: Path) -> None:
    code, out = invoke(["list", "--archive", str(archive_path)])
    assert code == 1 and "no archive at" in out
    for _ in range(2):
        invoke(
            [
                "import",
                str(DO_SYS_OPEN),
                "--command",
                "stap --example whythefail.stp kernel do_sys_open '$return < 0'",
                "--hostname",
                "h1",
                "--archive",
                str(archive_path),
            ]
        )
    code, out = invoke(["list", "--archive", str(archive_path), "--json"])
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [1, 2]
    for r in rows:
        assert {"id", "uuid", "status", "function"} <= set(r)
        assert r["function"] == "do_sys_open" and r["status"] == "complete"
        assert r["bytes"] == len(DO_SYS_OPEN.read_bytes()) and r["header_count"] == 1
    code, out = invoke(["list", "--archive", str(archive_path)])
    lines = out.splitlines()
    assert lines[0].split() == [
        "id",
        "uuid",
        "started",
        "(UTC)",
        "host",
        "target",
        "function",
        "condition",
        "status",
        "bytes",
        "headers",
    ]
    first = lines[1].split()
    assert first[0] == "1" and first[1] == rows[0]["uuid"][:8]
    assert first[4:] == [
        "h1",
        "kernel",
        "do_sys_open",
        "$return",
        "<",
        "0",
        "complete",
        str(len(DO_SYS_OPEN.read_bytes())),
        "1",
    ]


def test_newer_archive_error_in_cli(archive_path: Path) -> None:
    with Archive.open(archive_path) as a:
        a.conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('errtrail', '0999_future', 'x')"
        )
    code, out = invoke(["list", "--archive", str(archive_path)])
    assert code == 1
    assert out.startswith("Error: archive ") and "upgrade errtrail" in out


def test_default_archive_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    code, out = invoke(["import", str(DO_SYS_OPEN)])
    assert code == 0, out
    assert (tmp_path / "data" / "errtrail" / "archive.db").is_file()
    monkeypatch.setenv("ERRTRAIL_ARCHIVE", str(tmp_path / "env.db"))
    invoke(["import", str(DO_SYS_OPEN)])
    assert (tmp_path / "env.db").is_file()


def test_dash_h_on_every_command() -> None:
    for args in ([], *([name] for name in main.commands)):
        code, out = invoke([*args, "-h"])
        assert code == 0 and out.startswith("Usage: "), (args, out)
        assert out == invoke([*args, "--help"])[1]


def test_follow_takes_the_latest_run_by_default() -> None:
    assert "[RUN]" in invoke(["follow", "-h"])[1]


def test_list_is_the_reporters_list(archive_path: Path) -> None:
    from reporter.cli import main as report

    for sample in ("kernel-open-enoent", "stats-only"):
        invoke(["import", str(SAMPLE_TRACES / f"{sample}.stdout"), "--command",
                (SAMPLE_TRACES / f"{sample}.command").read_text().strip(),
                "--archive", str(archive_path)])
    for extra in ([], ["--json"]):
        ours = invoke(["list", "--archive", str(archive_path), *extra])
        theirs = CliRunner().invoke(report, ["list", "--archive", str(archive_path), *extra])
        assert (theirs.exit_code, theirs.output) == ours
    assert "$return == -95" in ours[1]


# -- errno names in a stap CONDITION: stap gets numbers, the archive keeps both ---------


def _run_stap(collect_cmd: list[str], env: dict[str, str], condition: str
              ) -> subprocess.CompletedProcess[str]:
    argv = ["stap", "-v", "--example", "whythefail.stp", "kernel", "do_sys_open", condition,
            "-c", "cat /nonexistent"]
    return subprocess.run([*collect_cmd, "run", "--", *argv], env=env, capture_output=True,
                          text=True, timeout=60, check=False)


def test_stap_gets_numbers_for_errno_names(
    collect_cmd: list[str], stap_env: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "argv.jsonl"
    env = dict(stap_env, FAKE_STAP_ARGV_LOG=str(log))
    proc = _run_stap(collect_cmd, env, "$return == -ENOENT || $return == -EACCES")
    assert proc.returncode == 0, proc.stderr
    numeric = "$return == -2 || $return == -13"
    (ran,) = [json.loads(line) for line in log.read_text().splitlines()]
    assert ran == ["-v", "--example", "whythefail.stp", "kernel", "do_sys_open", numeric,
                   "-c", "cat /nonexistent"]
    assert ("errtrail-collect: stap gets CONDITION '$return == -2 || $return == -13' for"
            " '$return == -ENOENT || $return == -EACCES' (stap has no errno names)\n"
            ) in proc.stderr
    with Archive.open(Path(env["ERRTRAIL_ARCHIVE"])) as a:
        run = a.get_run("latest")
    # The command as stap ran it, the condition as it was typed.
    assert run.command == ("stap", *ran)
    assert run.condition == "$return == -ENOENT || $return == -EACCES"
    assert (run.function, run.uses_c) == ("do_sys_open", True)


def test_an_unknown_errno_name_stops_before_stap_starts(
    collect_cmd: list[str], stap_env: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "argv.jsonl"
    env = dict(stap_env, FAKE_STAP_ARGV_LOG=str(log))
    proc = _run_stap(collect_cmd, env, "$return == -EINVLA")
    assert proc.returncode == 1
    assert proc.stderr == ("Error: CONDITION '$return == -EINVLA': EINVLA is not an errno"
                           " name: did you mean EINVAL (22)?\n")
    assert not log.exists() and not Path(env["ERRTRAIL_ARCHIVE"]).exists()


def test_gdb_takes_errno_names(build: Callable[..., Path], archive_path: Path) -> None:
    exe = build("direct_return")
    proc = subprocess.run(
        [sys.executable, "-m", "collector", "gdb",
         "--archive", str(archive_path), "check_arg", "$return == -EINVAL", "--", str(exe)],
        cwd=REPO, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    with Archive.open(archive_path) as a:
        run = a.get_run("latest")
        trace = a.stream_bytes(run.id, "stdout").decode()
    assert run.condition == "$return == -EINVAL"
    assert trace.count(" $return: ") == 1 and "function(check_arg) $return: -22" in trace


def test_gdb_names_the_close_errno_names(archive_path: Path) -> None:
    code, out = invoke(["gdb", "--archive", str(archive_path), "f", "$return == -EINVLA",
                        "--", "/bin/true"])
    assert code == 1
    assert "EINVLA is not an errno name: did you mean EINVAL (22)?" in out
