"""``errtrail-report`` as a command: list, RUN defaulting to latest, -h everywhere,
fetch's exit status, and the diagnose verdict on a terminal (reporter.terminal)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from reporter.cli import main
from reporter.terminal import terminal_lines, write_text
from tests.conftest import SAMPLE_TRACES, sample_run_archive

SRC = SAMPLE_TRACES / "src"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
GOLD_TEXT = Path(__file__).parent / "gold" / "diagnose" / "kernel-open-enoent.txt"


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.output


@pytest.fixture
def two_runs(archive_path: Path) -> Path:
    """Run 1: stats-only (no call matched); run 2, the latest: kernel-open-enoent."""
    sample_run_archive(archive_path, "stats-only")
    sample_run_archive(archive_path, "kernel-open-enoent",
                       run_uuid="7f000000-0000-4000-8000-000000000002", uses_c=True)
    return archive_path


def test_dash_h_on_every_command() -> None:
    for args in ([], *([name] for name in main.commands)):
        code, out = invoke(*args, "-h")
        assert code == 0 and out.startswith("Usage: "), (args, out)
        assert out == invoke(*args, "--help")[1]


def test_list(two_runs: Path, tmp_path: Path) -> None:
    code, out = invoke("list", "--archive", str(two_runs))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["id", "uuid", "started"]
    assert [line.split()[0] for line in lines[1:]] == ["1", "2"]
    assert "demo_do_open" in lines[2] and "7f000000" in lines[2]
    code, out = invoke("list", "--json", "--archive", str(two_runs))
    assert code == 0 and '"uuid": "7f000000-0000-4000-8000-000000000002"' in out
    code, out = invoke("list", "--archive", str(tmp_path / "none.db"))
    assert code == 1 and out.startswith("Error: no archive at")


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["show"], "run 2 7f000000-"),
        (["diagnose", "--offline"], "run 2 (7f000000-"),
        (["markdown", "--offline"], "run 2"),
    ],
)
def test_run_defaults_to_latest(two_runs: Path, command: list[str], expected: str) -> None:
    code, out = invoke(*command, "--archive", str(two_runs))
    assert code == 0, out
    assert expected in out and "run 1 " not in out
    assert invoke(*command, "latest", "--archive", str(two_runs)) == (code, out)


def test_html_without_run_is_the_latest(two_runs: Path, tmp_path: Path) -> None:
    code, out = invoke("html", "--offline", "-o", str(tmp_path), "--archive", str(two_runs))
    assert code == 0, out
    assert out == f"wrote {tmp_path / 'errtrail-2-7f000000.html'}\n"
    code, out = invoke("html", "1", "--all", "-o", str(tmp_path), "--archive", str(two_runs))
    assert code == 2 and "not both" in out


def test_fetch_without_run_is_the_latest_and_exits_0_when_all_are_found(two_runs: Path) -> None:
    code, out = invoke("fetch", "--offline", "--source-dir", str(SRC), "--archive", str(two_runs))
    assert code == 0, out
    assert out.startswith("run 2 (7f000000), build-id none recorded: 1 file(s), 1 found,"
                          " 0 missing\n")


def test_fetch_exits_1_naming_the_missing_files(two_runs: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["fetch", "2", "--offline", "--source-dir", str(empty),
                                       "--archive", str(two_runs)])
    assert result.exit_code == 1
    # The table still comes first, on stdout; the error names the file, on stderr.
    assert result.stdout.startswith("run 2 (7f000000), build-id none recorded: 1 file(s),"
                                    " 0 found, 1 missing\nFILE ")
    assert result.stderr == (
        "Error: 1 source file(s) not found: fs/demo_open.c (the table above says why)\n")


def test_fetch_all_names_the_missing_files_by_run(two_runs: Path, tmp_path: Path) -> None:
    code, out = invoke("fetch", "--all", "--offline", "--source-dir", str(tmp_path),
                       "--archive", str(two_runs))
    assert code == 1
    assert "run 1 (" in out and "run 2 (" in out
    assert out.endswith("Error: 2 source file(s) not found: run 1: fs/demo_open.c;"
                        " run 2: fs/demo_open.c (the table above says why)\n")


# -- the verdict on a terminal ------------------------------------------------------------


def _diagnose(archive: Path, **env: str) -> str:
    code, out = invoke("diagnose", "--offline", "--source-dir", str(SRC), "--archive",
                       str(archive), env=env)
    assert code == 0, out
    return out


def test_diagnose_piped_is_plain(two_runs: Path) -> None:
    """Not a terminal: the text is exactly what the gold file holds (run 2's uuid aside)."""
    out = _diagnose(two_runs)
    gold = GOLD_TEXT.read_text().replace("00000000-0000-4000-8000-b00000000000",
                                         "7f000000-0000-4000-8000-000000000002")
    assert "\x1b[" not in out
    assert out.splitlines()[1:] == gold.splitlines()[1:]


def test_diagnose_on_a_terminal_is_highlighted_and_fits(two_runs: Path) -> None:
    plain = _diagnose(two_runs)
    assert max(len(line) for line in plain.splitlines()) > 60
    out = _diagnose(two_runs, FORCE_COLOR="1", COLUMNS="60", TERM="xterm-256color")
    assert "\x1b[" in out
    shown = ANSI.sub("", out)
    assert all(len(line) <= 60 for line in shown.splitlines()), shown
    # Nothing is lost or reordered: only line breaks, spaces and the command's " \"
    # were added (a word longer than the line, the path's statements, is cut).
    assert "".join(shown.replace(" \\\n", " ").split()) == "".join(plain.split())
    # The next step is wrapped as a shell reads it back: each broken line ends in " \",
    # never inside a quoted argument.
    step = re.search(r"next step: (.*?[^\\])\n", shown, re.S)
    assert step is not None and " \\\n" in step.group(0)
    assert "'$return == -22'" in step.group(0)


def test_no_color_still_wraps(two_runs: Path) -> None:
    out = _diagnose(two_runs, FORCE_COLOR="1", NO_COLOR="1", COLUMNS="60")
    assert all(len(ANSI.sub("", line)) <= 60 for line in out.splitlines())
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m", out)  # no foreground colour


def test_terminal_lines() -> None:
    text = ("verdict: fs/demo_open.c:32  err = demo_check_flags(how);\n"
            "  reason: " + "word " * 30 + "\n"
            "  next step: errtrail-collect run -- stap whythefail.stp kernel f"
            " '$return == -22 || $return == -2' -c 'cat /etc/hostname /nonexistent'\n"
            "\tx\n")
    lines = [t.plain for t in terminal_lines(text, 40)]
    assert lines[0] == "verdict: fs/demo_open.c:32  err ="
    assert lines[1] == "         demo_check_flags(how);"  # under the text after "verdict: "
    assert all(line.startswith("          word") for line in lines[3:6])  # under the text
    # A command breaks at spaces outside quotes only, each broken line ending in " \";
    # a quoted word longer than the line stays whole (cutting it would change it).
    assert lines[7:13] == [
        "  next step: errtrail-collect run -- \\",
        "             stap whythefail.stp \\",
        "             kernel f \\",
        "             '$return == -22 || $return == -2' \\",
        "             -c \\",
        "             'cat /etc/hostname /nonexistent'",
    ]
    assert all(len(line) <= 40 for line in lines if "'" not in line)
    assert lines[-1] == "        x"  # tabs expanded before measuring
    # A word longer than the width is cut (outside a command).
    assert [t.plain for t in terminal_lines("  why: " + "x" * 50, 30)] == [
        "  why: " + "x" * 23, "       " + "x" * 23, "       " + "x" * 4]


def test_write_text_is_unchanged_off_a_terminal() -> None:
    text = GOLD_TEXT.read_text()
    buf = io.StringIO()
    write_text(text, Console(file=buf, force_terminal=False, width=40))
    assert buf.getvalue() == text
    buf = io.StringIO()
    write_text(text, Console(file=buf, force_terminal=True, width=40, color_system="standard"))
    assert "\x1b[1;35m-EINVAL\x1b[0m" in buf.getvalue()  # an errno name stands out
