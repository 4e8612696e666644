"""Following the errno down: errtrail-collect gdb --follow, the chain in the archive, the
trail in every report, and next steps that run as printed.

Every test traces tests/programs/follow.c (and follow_lib.c, a shared library) with
real gdb; the expected lines are those the program's comments name.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from collector.archive import Archive, Run
from reporter.pipeline import level_diagnoser, prepare
from reporter.sources import SourceOptions
from reporter.trail import Trail, follow
from tests.conftest import PROGRAMS, REPO, attach_to

OFFLINE = SourceOptions(offline=True, env={})
SOURCE = str(PROGRAMS / "follow.c")


def line_of(text: str, program: str = "follow.c", after: str | None = None) -> int:
    """The line number of the first line of ``program`` holding ``text`` (after the
    line holding ``after``, when given)."""
    start = 0
    lines = (PROGRAMS / program).read_text().splitlines()
    if after is not None:
        start = next(i for i, line in enumerate(lines) if after in line)
    return next(n for n, line in enumerate(lines[start:], start + 1) if text in line)


def collect(archive: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "collector", "gdb", "--archive", str(archive), *args],
        cwd=REPO, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        check=False)


def report(archive: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from reporter.cli import main; main()", *args, "--archive",
         str(archive), "--offline"],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False)


def trail_of(archive_path: Path, run: str = "latest") -> Trail:
    with Archive.open(archive_path) as archive:
        prepared = prepare(archive, archive.get_run(run), OFFLINE)
    assert prepared.trail is not None
    return prepared.trail


def shape(t: Trail) -> list[tuple[str, int | None]]:
    return [(x.function, x.verdict.line if x.verdict else None) for x in t.levels]


@pytest.fixture(scope="session")
def follow_exe(build: Callable[..., Path]) -> Path:
    return build("follow")


def test_three_levels_reach_the_origin_in_one_command(follow_exe: Path,
                                                      archive_path: Path) -> None:
    proc = collect(archive_path, "--follow", "configure", "$return < 0", "--",
                   str(follow_exe), "three")
    assert proc.returncode == 0, proc.stderr
    # The collector says where the run went, and gdb's chatter stays off the terminal
    # (but in the archive).
    assert "1 failing call archived as run 1 in" in proc.stderr
    assert "calls below them: parse_iface (run 2, level 1, 2 calls), check_mtu (run 3," \
        in proc.stderr
    assert "report: errtrail-report show 1" in proc.stderr
    assert "Program stopped." not in proc.stderr and "[Inferior 1" not in proc.stderr
    with Archive.open(archive_path) as a:
        assert "[Inferior 1" in a.stream_bytes(1, "stderr").decode()
        assert a.get_run("latest").id == 1   # the capture, not its last level
        assert [(x.run_id, x.level, x.callee) for x in a.chain_links(1)] == [
            (2, 1, "parse_iface"), (3, 2, "check_mtu")]
        # Both calls of parse_iface from the loop were kept; each is linked to the line
        # of configure that made it.
        calls = a.invocation_links(2)
        assert [(c.parent_run, c.parent_ordinal, c.parent_line) for c in calls] == [
            (1, 0, line_of("err = parse_iface(")), (1, 0, line_of("err = parse_iface("))]
    t = trail_of(archive_path)
    assert shape(t) == [("configure", line_of("err = parse_iface(")),
                        ("parse_iface", line_of("err = check_mtu(value);")),
                        ("check_mtu", line_of("return -EINVAL;"))]
    assert t.origin and [x.returned.name for x in t.levels] == ["EINVAL"] * 3
    # The failing call of the loop (the second, mtu 9216), not the first.
    last = t.levels[-1].verdict
    assert last is not None and last.condition is not None
    assert last.condition.sentence() == (
        f"line {line_of('if (mtu > 9000)')}: `mtu > 9000` was true; mtu = 9216 (0x2400)")
    assert not any(x.rewrote for x in t.levels)


def test_the_trail_leads_every_report(follow_exe: Path, archive_path: Path) -> None:
    collect(archive_path, "--follow", "configure", "$return < 0", "--", str(follow_exe),
            "three")
    text = report(archive_path, "diagnose", "1").stdout
    assert text.splitlines()[3] == (
        f"trail: configure() follow.c:{line_of('err = parse_iface(')} -> parse_iface()"
        f" follow.c:{line_of('err = check_mtu(value);')} -> check_mtu()"
        f" follow.c:{line_of('return -EINVAL;')}  returned -EINVAL  (line"
        f" {line_of('if (mtu > 9000)')}: `mtu > 9000` was true; mtu = 9216 (0x2400))")
    # At the origin there is nothing left to trace.
    assert "next step:" not in text.split("other candidates:")[0]
    data = json.loads(report(archive_path, "diagnose", "1", "--json").stdout)
    levels = data["trail"]["levels"]
    assert [(x["function"], x["run"], x["line"], x["kind"], x["value"]) for x in levels] == [
        ("configure", 1, line_of("err = parse_iface("), "callee", "-22"),
        ("parse_iface", 2, line_of("err = check_mtu(value);"), "callee", "-22"),
        ("check_mtu", 3, line_of("return -EINVAL;"), "errno-constant", "-22")]
    assert levels[-1]["condition"]["values"] == [["mtu", "9216 (0x2400)"]]
    assert data["trail"]["origin"] is True
    md = report(archive_path, "markdown", "1").stdout
    assert md.index("**Trail:**") < md.index("**Most likely:**")
    assert f"3. `check_mtu()` `follow.c:{line_of('return -EINVAL;')}`: `return -EINVAL;`" in md
    out = archive_path.parent / "r.html"
    assert report(archive_path, "html", "1", "-o", str(out)).returncode == 0
    page = out.read_text()
    assert page.index('id="trail"') < page.index("Most likely:")
    assert page.count("<li") >= 3 and "<code>check_mtu()</code>" in page
    listing = subprocess.run(
        [sys.executable, "-m", "collector", "list", "--archive", str(archive_path)],
        cwd=REPO, capture_output=True, text=True, check=True).stdout.splitlines()
    # A chain is one entry: its levels under their root, each with its own uuid.
    with Archive.open(archive_path) as a:
        uuids = {r.id: r.uuid[:8] for r in a.runs()}
    assert [row.split()[:3] for row in listing[1:]] == [
        ["1", uuids[1], listing[1].split()[2]], ["└1", "2", uuids[2]], ["└2", "3", uuids[3]]]
    assert listing[1].split()[2] == listing[2].split()[3]   # started the same day


def test_five_levels_through_a_pass_through_wrapper(follow_exe: Path,
                                                    archive_path: Path) -> None:
    collect(archive_path, "--follow", "--depth", "5", "level1", "$return < 0", "--",
            str(follow_exe), "five")
    t = trail_of(archive_path)
    # level3's `return lib_err(level4(blocks));`: the value came from level4, the
    # wrapper only forwards it.
    assert shape(t) == [("level1", line_of("rc = level2(blocks);")),
                        ("level2", line_of("int rc = level3(blocks);")),
                        ("level3", line_of("return lib_err(level4(blocks));")),
                        ("level4", line_of("ret = level5(blocks * 2);")),
                        ("level5", line_of("return -ENOSPC;"))]
    assert t.levels[2].verdict is not None and t.levels[2].verdict.callee == "level4"
    assert t.origin and t.levels[-1].returned.name == "ENOSPC"


def test_an_errno_rewritten_on_the_way_up_is_flagged(follow_exe: Path,
                                                     archive_path: Path) -> None:
    collect(archive_path, "--follow", "open_config", "$return < 0", "--", str(follow_exe),
            "rewrite")
    t = trail_of(archive_path)
    assert shape(t) == [("open_config", line_of("return -EINVAL;", after="int open_config")),
                        ("read_file", line_of("return -ENOENT;"))]
    assert [x.returned.name for x in t.levels] == ["EINVAL", "ENOENT"]
    assert [x.rewrote for x in t.levels] == [True, False]
    assert t.end.endswith(f"open_config() turned it into -EINVAL at {SOURCE}:"
                          f"{line_of('return -EINVAL;', after='int open_config')}")


def test_a_callee_in_a_shared_library(tools: tuple[str, str], tmp_path: Path,
                                      archive_path: Path) -> None:
    gcc = tools[1]
    lib = tmp_path / "libfollow.so"
    subprocess.run([gcc, "-g", "-O0", "-shared", "-fPIC", "-o", str(lib),
                    str(PROGRAMS / "follow_lib.c")], check=True)
    exe = tmp_path / "followlib"
    subprocess.run([gcc, "-g", "-O0", "-Wall", "-pthread", "-DWITH_LIB", "-o", str(exe),
                    str(PROGRAMS / "follow.c"), f"-L{tmp_path}", "-lfollow",
                    f"-Wl,-rpath,{tmp_path}"], check=True)
    proc = collect(archive_path, "--follow", "apply", "$return < 0", "--", str(exe), "lib")
    assert "lib_check (run 2, level 1, 1 call), lib_limit (run 3, level 2" in proc.stderr
    t = trail_of(archive_path)
    assert shape(t) == [("apply", line_of("err = lib_check(value);")),
                        ("lib_check", line_of("rc = lib_limit(value);", "follow_lib.c")),
                        ("lib_limit", line_of("return -EPROTO;", "follow_lib.c"))]
    assert t.origin and t.levels[-1].returned.name == "EPROTO"


def test_recursion_is_followed_call_by_call(follow_exe: Path, archive_path: Path) -> None:
    collect(archive_path, "--follow", "walk", "$return < 0", "--", str(follow_exe),
            "recurse")
    t = trail_of(archive_path)
    recurse = line_of("err = walk(depth + 1, limit);")
    assert shape(t) == [("walk", recurse)] * 4 + [("walk", line_of("return -ELOOP;"))]
    # From the outermost call (the last printed) down to the innermost (the first).
    assert [x.invocation for x in t.levels] == [4, 3, 2, 1, 0]


def test_two_threads_failing_differently(follow_exe: Path, archive_path: Path) -> None:
    collect(archive_path, "--follow", "configure", "$return < 0", "--", str(follow_exe),
            "threads")
    with Archive.open(archive_path) as a:
        run = a.get_run(1)
        prepared = prepare(a, run, OFFLINE)
        ends = {}
        for group in prepared.diagnosis.paths:
            t = follow(a, run, (prepared.diagnosis, prepared.analysis.calls, {}),
                       level_diagnoser(a, OFFLINE), invocation=group.invocations[0])
            assert t is not None and t.origin
            ends[t.levels[-1].returned.name] = shape(t)[-1]
    assert ends == {"EINVAL": ("check_mtu", line_of("return -EINVAL;")),
                    "ERANGE": ("check_mtu", line_of("return -ERANGE;"))}


def test_a_callee_inlined_at_O2_is_named_and_the_trail_stops(
        build: Callable[..., Path], archive_path: Path) -> None:
    exe = build("follow", "-g", "-O2")
    collect(archive_path, "--follow", "configure", "$return < 0", "--", str(exe), "three")
    t = trail_of(archive_path)
    assert [x.function for x in t.levels] == ["configure"] and not t.origin
    assert "parse_iface() at" in t.end
    assert t.end.endswith("was not traced: inlined into configure (no frame of its own)")


def test_the_depth_limit_is_said(follow_exe: Path, archive_path: Path) -> None:
    proc = collect(archive_path, "--follow", "--depth", "1", "configure", "$return < 0",
                   "--", str(follow_exe), "three")
    assert "not followed: check_mtu: below the depth limit (1)" in proc.stderr
    t = trail_of(archive_path)
    assert [x.function for x in t.levels] == ["configure", "parse_iface"] and not t.origin
    assert t.end.endswith("check_mtu() at"
                          f" {SOURCE}:{line_of('err = check_mtu(value);')}"
                          " `err = check_mtu(value);` was not traced: below the depth limit (1)")
    # The next step is the one the trail stopped at, ready to paste.
    top = trail_of(archive_path).levels[-1].verdict
    assert top is not None and top.next_step == (
        f"errtrail-collect gdb --follow check_mtu '$return == -22' -- {follow_exe} three")


def test_a_failure_that_happens_once_is_caught_in_one_run(follow_exe: Path,
                                                          archive_path: Path) -> None:
    proc = collect(archive_path, "--follow", "configure", "$return < 0", "--",
                   str(follow_exe), "random")
    assert proc.stdout.count("failed") == 1, proc.stdout
    t = trail_of(archive_path)
    assert shape(t)[-1] == ("check_mtu", line_of("return -EINVAL;"))
    last = t.levels[-1].verdict
    assert last is not None and last.condition is not None
    assert "mtu = 65536 (0x10000)" in last.condition.sentence()


def test_the_next_step_runs_as_printed(follow_exe: Path, archive_path: Path,
                                       tmp_path: Path) -> None:
    """A run without --follow names the callee; its next step, pasted into a shell,
    follows it from there to the origin."""
    collect(archive_path, "configure", "$return < 0", "--", str(follow_exe), "three")
    with Archive.open(archive_path) as a:
        top = prepare(a, a.get_run(1), OFFLINE).diagnosis.paths[0].candidates[0]
        assert prepare(a, a.get_run(1), OFFLINE).trail is None
    assert top.next_step == (
        f"errtrail-collect gdb --follow parse_iface '$return == -22' -- {follow_exe} three")
    words = shlex.split(top.next_step)
    assert words[0] == "errtrail-collect"
    proc = collect(archive_path, *words[2:])
    assert proc.returncode == 0, proc.stderr
    t = trail_of(archive_path, "latest")
    assert shape(t) == [("parse_iface", line_of("err = check_mtu(value);")),
                        ("check_mtu", line_of("return -EINVAL;"))]


def test_levels_of_a_run_are_runs_of_their_own(follow_exe: Path, archive_path: Path) -> None:
    collect(archive_path, "--follow", "configure", "$return < 0", "--", str(follow_exe),
            "three")
    with Archive.open(archive_path) as a:
        level: Run = a.get_run(3)
        assert (level.function, level.condition, level.status) == (
            "check_mtu", None, "complete")
        assert level.probed_lines() is not None
        text = a.stream_bytes(3, "stdout").decode()
    # whythefail's own format, one header per kept call, and check_mtu's statistics.
    assert text.count(f'process("{follow_exe}") function(check_mtu) $return: ') == 2
    assert "\nstatistics:\nentry count: 2\n" in text


# -- run --follow and follow RUN: stap again per level (the stand-in replays the article) --


ARTICLE = REPO / "tests" / "accuracy" / "article"


@pytest.fixture
def article_stap(tmp_path: Path, stap_env: dict[str, str]) -> dict[str, str]:
    """The stand-in stap replaying the seed article's two real runs, one per function
    it is asked to trace, and the article's source lines as kernel/events/core.c."""
    traces = tmp_path / "traces"
    traces.mkdir()
    for name, function in (("perf_event_open", "__do_sys_perf_event_open"),
                           ("perf_copy_attr", "perf_copy_attr")):
        for stream in ("stdout", "stderr"):
            if (ARTICLE / f"{name}.{stream}").exists():
                (traces / f"{function}.{stream}").write_bytes(
                    (ARTICLE / f"{name}.{stream}").read_bytes())
    src = tmp_path / "linux" / "kernel" / "events"
    src.mkdir(parents=True)
    (src / "core.c").write_bytes((ARTICLE / "core.c").read_bytes())
    env = dict(stap_env, FAKE_STAP_TRACES=str(traces),
               FAKE_STAP_ARGV_LOG=str(tmp_path / "argv.log"))
    env.pop("DEBUGINFOD_URLS", None)
    return env


def run_collect(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "collector", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_run_follow_traces_each_level_with_the_users_options(
        article_stap: dict[str, str], tmp_path: Path) -> None:
    archive = Path(article_stap["ERRTRAIL_ARCHIVE"])
    stap = ["stap", "-v", "-c", "./myprogram", "-DMAXSKIPPED=100", "--example",
            "whythefail.stp", "kernel", "__do_sys_perf_event_open", "$return < 0"]
    proc = run_collect(article_stap, "run", "--follow", "--source-dir",
                       str(tmp_path / "linux"), "--", *stap)
    assert proc.returncode == 0, proc.stderr
    # Level 1 is the article's own second command, with every option of the first kept
    # and the condition narrowed to the value seen.
    argvs = [json.loads(x) for x in (tmp_path / "argv.log").read_text().splitlines()]
    assert argvs == [stap[1:], [*stap[1:8], "perf_copy_attr", "$return == -22"]]
    assert ("errtrail-collect: level 1: perf_copy_attr() from kernel/events/core.c:12057:"
            " errtrail-collect run -- stap -v -c ./myprogram -DMAXSKIPPED=100 --example"
            " whythefail.stp kernel perf_copy_attr '$return == -22'") in proc.stderr
    assert "followed below run 1: perf_copy_attr (run 2, level 1)" in proc.stderr
    with Archive.open(archive) as a:
        (link,) = a.chain_links(1)
        assert (link.run_id, link.level, link.callee, link.how, link.parent_line) == (
            2, 1, "perf_copy_attr", "rerun", 12057)
    t = trail_of(archive, "1")
    assert [(x.function, x.run_id) for x in t.levels] == [
        ("__do_sys_perf_event_open", 1), ("perf_copy_attr", 2)]
    assert t.levels[-1].verdict is not None and t.levels[-1].verdict.line == 11744


def test_follow_continues_an_archived_run(article_stap: dict[str, str], tmp_path: Path) -> None:
    archive = Path(article_stap["ERRTRAIL_ARCHIVE"])
    stap = ["stap", "--example", "whythefail.stp", "kernel", "__do_sys_perf_event_open",
            "$return == -22"]
    assert run_collect(article_stap, "run", "--", *stap).returncode == 0
    proc = run_collect(article_stap, "follow", "1", "--source-dir", str(tmp_path / "linux"))
    assert proc.returncode == 0, proc.stderr
    assert "perf_copy_attr (run 2, level 1)" in proc.stderr
    with Archive.open(archive) as a:
        assert [(x.run_id, x.root_run, x.how) for x in a.chain_links(1)] == [(2, 1, "rerun")]
        assert a.get_run("latest").id == 1
    # Following again from the end of the chain has nothing left to trace.
    again = run_collect(article_stap, "follow", "2", "--source-dir", str(tmp_path / "linux"))
    assert "no level; origin: perf_copy_attr() makes the value itself at" in again.stderr
    assert len((tmp_path / "argv.log").read_text().splitlines()) == 2


def test_a_level_that_does_not_fail_again_is_said(article_stap: dict[str, str],
                                                  tmp_path: Path) -> None:
    (Path(article_stap["FAKE_STAP_TRACES"]) / "perf_copy_attr.stdout").unlink()
    proc = run_collect(article_stap, "run", "--follow", "--source-dir",
                       str(tmp_path / "linux"), "--", "stap", "--example", "whythefail.stp",
                       "kernel", "__do_sys_perf_event_open", "$return == -22")
    assert "the failure did not reproduce: no call of perf_copy_attr() matched in run 2" \
        in proc.stderr


def test_follow_without_sources_says_what_to_do(article_stap: dict[str, str]) -> None:
    run_collect(article_stap, "run", "--", "stap", "--example", "whythefail.stp", "kernel",
                "__do_sys_perf_event_open", "$return == -22")
    proc = run_collect(article_stap, "follow", "1")
    # Without the source the verdict names no callee: the chain cannot go on.
    assert proc.returncode == 0
    assert "followed below run 1: no level;" in proc.stderr


def test_the_index_shows_a_chain_as_one_row(follow_exe: Path, archive_path: Path,
                                            tmp_path: Path) -> None:
    from reporter.index import render_all
    from reporter.views import RenderOptions

    collect(archive_path, "--follow", "configure", "$return < 0", "--", str(follow_exe),
            "three")
    with Archive.open(archive_path) as a:
        result = render_all(a, tmp_path / "site", OFFLINE, RenderOptions("t", "test"))
        pages = {r.id: tmp_path / "site" / f"run-{r.id}-{r.uuid[:8]}.html" for r in a.runs()}
    assert sorted(result.rendered) == [1, 2, 3] and all(p.exists() for p in pages.values())
    index = (tmp_path / "site" / "index.html").read_text()
    assert index.count("<tr><td") == 1
    assert f'→ <a href="{pages[2].name}">parse_iface</a> → <a href="{pages[3].name}">' \
        "check_mtu</a>" in index
    # The chain's verdict is where its trail ends.
    assert f"check_mtu() follow.c:{line_of('return -EINVAL;')} (returns an errno constant)" \
        in index


def test_follow_a_running_process(follow_exe: Path, archive_path: Path) -> None:
    proc = attach_to([str(follow_exe), "attach"], lambda pid: collect(
        archive_path, "--follow", "-p", str(pid), "configure", "$return < 0"))
    assert proc.returncode == 0, proc.stderr
    t = trail_of(archive_path)
    assert shape(t) == [("configure", line_of("err = parse_iface(")),
                        ("parse_iface", line_of("err = check_mtu(value);")),
                        ("check_mtu", line_of("return -EINVAL;"))]
