"""reporter.diagnosis and ``errtrail-report diagnose`` on real traces.

Traces: the seed article's two whythefail runs (tests/accuracy/article, with the
source lines the article quotes at their line numbers), the accuracy corpus (gdb
captures of tests/accuracy/programs) and sample_traces/. Whole outputs are compared
with gold files under tests/gold/diagnose/ (rewrite deliberately with
``ERRTRAIL_UPDATE_GOLD=1`` and review the diff).
"""

from __future__ import annotations

import json
import os
import shlex
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from collector.archive import Archive
from collector.messages import classify_stderr
from reporter.analysis import load_analysis
from reporter.cli import main
from reporter.diagnosis import (
    Diagnosis,
    decode_return,
    diagnose,
    diagnosis_json,
    format_text,
)
from reporter.parse import parse_run
from tests.accuracy import corpus
from tests.conftest import REFERENCE, SAMPLE_TRACES, require_tool

HERE = Path(__file__).resolve().parent
ARTICLE = HERE / "accuracy" / "article"
GOLD = HERE / "gold" / "diagnose"


CASES = corpus.load_cases()

ARTICLE_RUNS = {
    "perf_event_open": ("__do_sys_perf_event_open", "$return == -22"),
    "perf_copy_attr": ("perf_copy_attr", "$return == -22"),
}


def import_article(archive: Archive, name: str, n: int = 0) -> int:
    function, condition = ARTICLE_RUNS[name]
    stderr = ARTICLE / f"{name}.stderr"
    meta = {
        "command": ["stap", "--example", "whythefail.stp", "kernel", function, condition],
        "tool": "stap",
        "target": "kernel",
        "function": function,
        "condition": condition,
    }
    return int(corpus.import_files(
        archive,
        (ARTICLE / f"{name}.stdout").read_bytes(),
        stderr.read_bytes() if stderr.exists() else b"",
        meta,
        f"00000000-0000-4000-8000-a0000000000{n}",
    ))


def import_sample(archive: Archive, name: str, n: int = 0) -> int:
    command = shlex.split((SAMPLE_TRACES / f"{name}.command").read_text())
    stderr = SAMPLE_TRACES / f"{name}.stderr"
    from collector.stapargs import parse_stap_command

    cmd = parse_stap_command(command)
    meta = {
        "command": command,
        "tool": "stap",
        "target": cmd.target,
        "function": cmd.function,
        "condition": cmd.condition,
        "variable": cmd.variable,
    }
    return int(corpus.import_files(
        archive,
        (SAMPLE_TRACES / f"{name}.stdout").read_bytes(),
        stderr.read_bytes() if stderr.exists() else b"",
        meta,
        f"00000000-0000-4000-8000-b0000000000{n}",
    ))


def core_c() -> dict[str, bytes]:
    return {"kernel/events/core.c": (ARTICLE / "core.c").read_bytes()}


def run_diagnosis(
    archive: Archive, run_id: int, sources: dict[str, bytes] | None = None
) -> Diagnosis:
    run = archive.get_run(str(run_id))
    return diagnose(load_analysis(archive, run), run, sources)


@pytest.fixture
def archive(archive_path: Path) -> Any:
    with Archive.open(archive_path, clock=lambda: corpus.CLOCK) as a:
        yield a


def case(archive: Archive, name: str, n: int = 0) -> Diagnosis:
    c = CASES[name]
    run_id = corpus.import_case(archive, name, c, n)
    return run_diagnosis(archive, run_id, corpus.case_sources(c))


# -- the seed article ---------------------------------------------------------------


def test_article_without_sources_points_at_the_unprobed_line(archive: Archive) -> None:
    d = run_diagnosis(archive, import_article(archive, "perf_event_open"))
    (path,) = d.paths
    assert [s.line for s in path.steps] == [12049, 12053, 12054, 12489]
    assert path.last_statement is not None and path.last_statement.line == 12054
    assert path.exit_line is not None and path.exit_line.line == 12489
    assert path.unprobed == (("kernel/events/core.c", 12057),)
    assert path.value_origin is None  # err is 0 at 12054, unknown at the exit
    top = path.candidates[0]
    assert (top.line, top.kind, top.callee) == (12057, "unprobed", None)
    assert "rc -84" in top.reason and "12054" in top.reason and "12489" in top.reason
    assert [c.line for c in path.candidates[1:]] == [12054, 12053]
    assert d.returned is not None and (d.returned.name, d.returned.form) == ("EINVAL", "errno")
    assert [e.name for e in d.condition_errnos] == ["EINVAL"]
    assert any("sources would" in n or "With sources" in n for n in d.notes)


def test_article_with_sources_reaches_the_articles_next_command(archive: Archive) -> None:
    d = run_diagnosis(archive, import_article(archive, "perf_event_open"), core_c())
    top = d.paths[0].candidates[0]
    assert top.line == 12057
    assert top.source_text == "err = perf_copy_attr(attr_uptr, &attr);"
    assert top.callee == "perf_copy_attr"
    # The article's drill-down, exactly as it typed it.
    # The command to paste: archived through errtrail-collect run, the value seen kept.
    assert top.next_step == (
        "errtrail-collect run -- stap --example whythefail.stp kernel perf_copy_attr"
        " '$return == -22'")
    # err=0x0 at `if (err)` (12054): the branch returning err was not taken.
    assert all(c.line != 12055 for c in d.paths[0].candidates)


def test_article_second_trace_finds_return_einval(archive: Archive) -> None:
    run_id = import_article(archive, "perf_copy_attr")
    with_src = run_diagnosis(archive, run_id, core_c())
    top = with_src.paths[0].candidates[0]
    assert (top.line, top.kind, top.source_text) == (11744, "errno-constant", "return -EINVAL;")
    without = run_diagnosis(archive, run_id)
    assert (without.paths[0].candidates[0].line, without.paths[0].candidates[0].kind) == (
        11743,
        "last-statement",
    )
    step = without.paths[0].steps[12]
    assert step.line == 11743
    assert [(c.name, c.old, c.new) for c in step.changed] == [("mask", "?", "0x40001")]


# -- paths -------------------------------------------------------------------------------


def test_identical_paths_are_grouped_most_frequent_first(archive: Archive) -> None:
    run_id = corpus.import_case(archive, "multi_path", CASES["multi_path"], 0)
    parsed = parse_run(archive, run_id)
    run = archive.get_run(str(run_id))
    d = diagnose(load_analysis(archive, run), run, corpus.case_sources(CASES["multi_path"]))
    invs = parsed.invocations
    by_return: dict[int | None, list[int]] = {}
    for inv in invs:
        by_return.setdefault(inv.return_value, []).append(inv.ordinal)
    assert [g.count for g in d.paths] == sorted((len(v) for v in by_return.values()), reverse=True)
    first = d.paths[0]
    assert list(first.invocations) == by_return[-84]
    assert first.first_position == invs[by_return[-84][0]].line_no
    assert first.last_position == invs[by_return[-84][-1]].line_no
    assert [e.name for e in first.returns] == ["EILSEQ"]
    # c is the argument; v is an uninitialised local (stack garbage) that varies too.
    assert "c" in first.differing_variables
    assert first.execnames == ("multi_path",) and len(first.tids) == 1
    assert first.candidates[0].line == 12
    assert d.returned is not None and d.returned.name == "EILSEQ"
    assert len({g.fingerprint for g in d.paths}) == len(d.paths)


def test_partial_path_is_flagged_and_still_diagnosed(archive: Archive) -> None:
    d = case(archive, "multi_path_partial")
    partial = corpus.judged_path(d, 4)
    assert partial.partial and partial.count == 1
    assert partial.steps[0].line == 11
    assert partial.candidates[0].line == 12
    assert any("lost their start" in n for n in d.notes)


def test_loop_steps_count_visits_and_changes(archive: Archive) -> None:
    d = case(archive, "loop_break")
    path = d.paths[0]
    visits = [s.visit for s in path.steps if s.line == 11]
    # The loop ran 5 times (the 5th value is negative); gcc -O0 gives line 11 two
    # is_stmt entries (test and increment), so gdb stops there twice per pass.
    assert visits == list(range(1, len(visits) + 1)) and len(visits) >= 5
    assert ("/src/accuracy/loop_break.c", 11, len(visits)) in path.repeated_lines
    origin = path.value_origin
    assert origin is not None and origin.line == 15
    change = next(c for c in origin.changed if c.name == "err")
    assert (change.old, change.new) == ("0x0", "0xfffffffffffffffb")
    top = path.candidates[0]
    assert (top.line, top.kind, top.source_text) == (14, "errno-constant", "err = -EIO;")


def test_callee_candidates_carry_the_gdb_next_step(archive: Archive) -> None:
    d = case(archive, "propagate")
    top = d.paths[0].candidates[0]
    assert (top.line, top.kind, top.callee) == (25, "callee", "validate_name")
    program = json.loads((corpus.TRACES / "propagate.json").read_text())["command"][-1]
    # The run's `$return < 0` narrowed to the value validate_name handed up (-36), and
    # --follow: one command from the callee down to the origin.
    assert top.next_step == (
        f"errtrail-collect gdb --follow validate_name '$return == -36' -- {program}")


def test_err_ptr_return_is_decoded(archive: Archive) -> None:
    d = case(archive, "errptr_lookup")
    assert d.returned is not None
    assert (d.returned.form, d.returned.name, d.returned.value) == (
        "err_ptr",
        "ENOENT",
        0xFFFFFFFFFFFFFFFE,
    )
    assert d.paths[0].candidates[0].source_text == "return ERR_PTR(-ENOENT);"


def test_errno_style_return_names_the_errno_line(archive: Archive) -> None:
    d = case(archive, "errno_set")
    top = d.paths[0].candidates[0]
    assert (top.line, top.kind) == (15, "errno-assignment")
    assert "EACCES" in top.reason
    assert any("errno set" in n for n in d.notes)


def test_unprobed_line_between_setter_and_holder(archive: Archive) -> None:
    d = case(archive, "security_chain_unprobed")
    path = d.paths[0]
    assert d.unprobed_all == (("/src/accuracy/security_chain.c", 33),)
    top = path.candidates[0]
    assert (top.line, top.kind, top.callee) == (33, "unprobed", "copy_attr")
    # The user's -c kept where it was, the condition narrowed to the value seen.
    assert top.next_step == (
        "errtrail-collect run -- stap --example whythefail.stp"
        " 'process(\"/tmp/errtrail-accuracy/security_chain\")' copy_attr '$return == -22'"
        " -c /tmp/errtrail-accuracy/security_chain")


def test_unprobed_lines_of_other_functions_are_ignored(archive: Archive) -> None:
    c = CASES["security_chain_article"]
    meta = json.loads((corpus.TRACES / "security_chain_article.json").read_text())
    stderr = (corpus.TRACES / "security_chain_article.stderr").read_bytes().replace(
        b"event_open@", b"other_function@"
    )
    run_id = corpus.import_files(
        archive, (corpus.TRACES / "security_chain_article.stdout").read_bytes(), stderr, meta,
        "00000000-0000-4000-8000-c00000000000",
    )
    d = run_diagnosis(archive, run_id, corpus.case_sources(c))
    assert d.unprobed_all == () and d.paths[0].unprobed == ()
    assert all(cand.kind != "unprobed" for cand in d.paths[0].candidates)


def test_nothing_ran_and_no_invocations(archive: Archive) -> None:
    d = run_diagnosis(archive, import_sample(archive, "empty"))
    assert d.paths == () and d.returned is None
    # Nothing ran, so "no invocation matched the condition" would mislead.
    assert d.notes == ("stderr says the script failed before running: nothing was traced.",)
    assert "verdict: none" in format_text(d)


def test_no_match_is_said_when_the_script_ran(archive: Archive) -> None:
    d = run_diagnosis(archive, import_sample(archive, "stats-only"))
    assert d.notes[0] == (
        "No invocation matched the condition: there is no path to diagnose. The function"
        " was entered 57 time(s)."
    )


def test_cut_lines_are_unknown_not_changed(archive: Archive) -> None:
    d = run_diagnosis(archive, import_sample(archive, "sched-pretty-truncated"))
    path = next(g for g in d.paths if any(s.truncated for s in g.steps))
    cut = [s for s in path.steps if s.truncated]
    assert [s.line for s in cut] == [43, 44, 49]
    # Line 43 was cut inside the name "retval": "re" is no variable, and retval did
    # not go out of scope; only budget really changed there.
    assert [(c.name, c.old, c.new) for c in cut[0].changed] == [("budget", "?", "300000000000")]
    assert all(not s.changed for s in cut[1:])
    assert any("cut short, at MAXSTRINGLEN" in n for n in d.notes)
    text = format_text(d)
    assert "re (not in scope)" not in text and "retval 0 -> (not in scope)" not in text
    assert f"path 1 ({path.fingerprint}) [truncated]: 1 invocation(s), stdout line 2," in text


def test_header_without_statements_does_not_win(archive: Archive) -> None:
    d = run_diagnosis(archive, import_sample(archive, "interrupted-orphans"))
    assert d.paths[0].steps and not d.paths[-1].steps
    assert any("events were lost" in n for n in d.notes)
    assert any("no invocation header" in n for n in d.notes)


def test_foreign_statements_are_marked(archive: Archive) -> None:
    d = run_diagnosis(archive, import_sample(archive, "multithread-interleaved"))
    assert any(s.foreign for g in d.paths for s in g.steps)
    assert any("foreign" in n for n in d.notes)


def test_decode_return_forms() -> None:
    assert decode_return("-95").name == "EOPNOTSUPP"
    assert decode_return("-35").name == "EDEADLK"
    assert decode_return("-11").name == "EAGAIN"
    assert decode_return("-524").name == "ENOTSUPP"
    assert decode_return("0xfffff001").form == "err_ptr"
    assert decode_return("-5000").form == "unknown"


# -- JSON ----------------------------------------------------------------------------


def test_json_shape(archive: Archive) -> None:
    d = run_diagnosis(archive, import_article(archive, "perf_event_open"), core_c())
    data = diagnosis_json(d)
    assert {"run", "function", "condition", "return", "paths"} <= set(data)
    assert data["run"] == {"id": d.run_id, "uuid": d.run_uuid}
    assert data["return"]["value"] == -22 and data["return"]["errno"] == "EINVAL"
    assert data["return"]["description"] == "Invalid argument"
    path = data["paths"][0]
    assert {"fingerprint", "count", "statements", "candidates"} <= set(path)
    assert path["statements"][0] == {"file": "kernel/events/core.c", "line": 12049}
    top = path["candidates"][0]
    assert {"file", "line", "kind", "confidence", "reason", "callee", "next_step"} <= set(top)
    assert json.dumps(data, sort_keys=True) == json.dumps(
        diagnosis_json(run_diagnosis(archive, d.run_id, core_c())), sort_keys=True
    )


# -- the CLI, whole outputs against gold files ---------------------------------------------


def _gold(name: str, text: str) -> None:
    path = GOLD / name
    if os.environ.get("ERRTRAIL_UPDATE_GOLD") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    assert text == path.read_text(), f"{name} differs from its gold file"


CLI_RUNS: dict[str, tuple[str, list[str]]] = {
    "article": ("article:perf_event_open", ["--source-dir", str(ARTICLE)]),
    "article-nosrc": ("article:perf_event_open", []),
    "article-copy-attr": ("article:perf_copy_attr", ["--source-dir", str(ARTICLE)]),
    "kernel-open-enoent": ("sample:kernel-open-enoent", ["--source-dir", str(SAMPLE_TRACES / "src")]),
    "goto-out": ("case:goto_out", ["--source-map", f"/src/accuracy={corpus.PROGRAMS}"]),
    "multi-path": ("case:multi_path_partial", ["--source-map", f"/src/accuracy={corpus.PROGRAMS}"]),
    "errno-set-nosrc": ("case:errno_set", []),
}


@pytest.mark.parametrize("name", sorted(CLI_RUNS))
def test_cli_gold(name: str, archive_path: Path) -> None:
    what, options = CLI_RUNS[name]
    kind, _, ref = what.partition(":")
    with Archive.open(archive_path, clock=lambda: corpus.CLOCK) as a:
        if kind == "article":
            run_id = import_article(a, ref)
        elif kind == "sample":
            run_id = import_sample(a, ref)
        else:
            run_id = corpus.import_case(a, ref, CASES[ref], 0)
    runner = CliRunner()
    for suffix, extra in (("txt", []), ("json", ["--json"])):
        result = runner.invoke(
            main,
            ["diagnose", str(run_id), "--archive", str(archive_path), "--offline", *options, *extra],
        )
        assert result.exit_code == 0, result.output
        text = result.output.replace(str(HERE.parent), "<repo>")
        _gold(f"{name}.{suffix}", text)


def test_cli_unknown_run(archive_path: Path) -> None:
    with Archive.open(archive_path):
        pass
    result = CliRunner().invoke(main, ["diagnose", "999", "--archive", str(archive_path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")


# -- live: the gdb backend recaptures the same paths ------------------------------------------


@pytest.mark.parametrize("name", ["goto_out", "propagate", "errno_set"])
def test_recapture_live_gives_the_stored_paths(name: str, tmp_path: Path) -> None:
    require_tool("gdb", "gdb")
    require_tool("gcc", "gcc")
    from tests.accuracy import capture
    stdout, stderr, meta = capture.capture(
        CASES[name]["capture"], tmp_path / "live.db", tmp_path / "build"
    )
    with Archive.open(tmp_path / "a.db", clock=lambda: corpus.CLOCK) as a:
        live = corpus.import_files(a, stdout, stderr, meta, "00000000-0000-4000-8000-d00000000000")
        stored = corpus.import_case(a, name, CASES[name], 1)
        d_live = run_diagnosis(a, live, corpus.case_sources(CASES[name]))
        d_stored = run_diagnosis(a, stored, corpus.case_sources(CASES[name]))
    assert [g.fingerprint for g in d_live.paths] == [g.fingerprint for g in d_stored.paths]
    live, stored_top = d_live.paths[0].candidates[0], d_stored.paths[0].candidates[0]
    assert (live.file, live.line, live.kind, live.callee, live.confidence) == (
        stored_top.file,
        stored_top.line,
        stored_top.kind,
        stored_top.callee,
        stored_top.confidence,
    )
    assert not [m for m in classify_stderr(stderr) if m.category in ("fatal", "unprobed")]


def test_backward_jump_to_a_merged_return(archive: Archive) -> None:
    """stap on optimised code: the path ends by jumping back to an earlier, identical
    `return` line that gcc merged with the one that ran. The trace is written to that
    shape over merged_return.c's code lines."""
    prefix = 'merged_return[7] /src/accuracy/merged_return.c'
    lines = [
        '',
        'merged_return[7] process("/tmp/errtrail-accuracy/merged_return")'
        " function(check_value) $return: -34",
        *(f"{prefix}:{n} $$vars: r=0x7ffe2b9c1d10 v=0xb strict=0x0" for n in (11, 12, 14, 16, 18)),
        f"{prefix}:15 $$vars: r=0x7ffe2b9c1d10 v=0xb strict=0x0",
        f"{prefix}:21 $$vars: r=? v=? strict=?",
        "",
    ]
    source = (corpus.PROGRAMS / "merged_return.c").read_text().splitlines()
    for n in (11, 12, 14, 16, 18, 15, 21):
        assert source[n - 1].strip() and not source[n - 1].strip().startswith("/*")
    assert source[14].strip() == source[18].strip() == "return -ERANGE;"
    meta = {
        "command": ["stap", "--example", "whythefail.stp",
                    'process("/tmp/errtrail-accuracy/merged_return")', "check_value", "$return < 0"],
        "tool": "stap",
        "target": 'process("/tmp/errtrail-accuracy/merged_return")',
        "function": "check_value",
        "condition": "$return < 0",
    }
    run_id = corpus.import_files(
        archive, "\n".join(lines).encode(), b"", meta, "00000000-0000-4000-8000-e00000000000"
    )
    d = run_diagnosis(archive, run_id, corpus.case_sources(CASES["merged_return_0"]))
    path = d.paths[0]
    assert path.last_statement is not None and path.last_statement.line == 15
    first = path.candidates[0]
    assert (first.line, first.kind, first.source_text) == (19, "errno-constant", "return -ERANGE;")
    assert "merged" in first.reason and "as line 15" in first.reason
    # The shown line 15 is the kept copy, not a second guess.
    assert all(c.line != 15 or c.confidence <= 0.5 for c in path.candidates[1:])


def test_fourth_argument_trace_uses_the_expression_as_variable(archive: Archive) -> None:
    run_id = import_sample(archive, "module-ioctl-4th-arg")
    src = {"drivers/misc/demo_ioctl.c": (SAMPLE_TRACES / "src/drivers/misc/demo_ioctl.c").read_bytes()}
    d = run_diagnosis(archive, run_id, src)
    assert d.variable == "$ret"
    path = d.paths[0]
    assert path.steps[0].values[0][0] == "$ret"
    top = path.candidates[0]
    assert (top.line, top.kind, top.source_text) == (40, "errno-constant", "ret = -EINVAL;")
    assert "`ret` first holds -22" in top.reason


def test_registration_failures_without_any_path(archive: Archive) -> None:
    d = run_diagnosis(archive, import_sample(archive, "stats-only"))
    assert d.paths == ()
    assert d.unprobed_all and all(f == "fs/demo_open.c" for f, _ in d.unprobed_all)
    assert any("could not be probed" in n for n in d.notes)
    assert any("The function was entered 57 time(s)." in n for n in d.notes)


def test_a_return_that_is_no_errno_is_not_called_an_error(archive: Archive) -> None:
    # systemtap's own example: do_select traced with 'randint(1000)<1' returned 1.
    stdout = (REFERENCE / "real-samples" / "systemtap-example-do_select-4th-arg.txt").read_bytes()
    meta = {
        "command": ["stap", "-g", "--suppress-time-limits", "whythefail.stp", "kernel",
                    "do_select", "randint(1000)<1", "$foo"],
        "tool": "stap", "target": "kernel", "function": "do_select",
        "condition": "randint(1000)<1", "variable": "$foo",
    }
    d = run_diagnosis(
        archive, int(corpus.import_files(archive, stdout, b"", meta, "00000000-0000-4000-8000-c0"))
    )
    assert d.returned is not None and d.returned.form == "positive"
    assert any(n.startswith("The return value 1 is not an errno") for n in d.notes)
    text = format_text(d)
    assert "the error" not in text
    assert "it may have chosen the value the last statement returns." in text


def test_a_path_cut_short_is_not_said_to_exit(archive: Archive) -> None:
    # interrupted-orphans: call #2's path stops at line 33 (events were lost), and
    # lines up to 38 follow with no header; without source, line 33 is no exit.
    d = run_diagnosis(archive, import_sample(archive, "interrupted-orphans"))
    cut = d.paths[0]
    assert [s.line for s in cut.steps] == [25, 32, 33]
    assert cut.exit_line is None
    assert cut.last_statement is not None and cut.last_statement.line == 33
    assert "the end of the trace" in cut.candidates[0].reason
    assert "exit at line 33" not in format_text(d)


def test_paths_returning_different_values_are_summed_up(archive: Archive) -> None:
    # Three calls over three paths: one -22, two -2; the verdict covers path 1 only.
    d = run_diagnosis(archive, import_sample(archive, "multithread-interleaved"))
    assert [(g.count, g.returns[0].name) for g in d.paths] == [
        (1, "EINVAL"), (1, "ENOENT"), (1, "ENOENT")
    ]
    assert (
        "The matching calls returned different values: -22 EINVAL (1 call), -2 ENOENT"
        " (2 calls); the verdict is for the most frequent path, and each other path has"
        " its own top candidate."
    ) in d.notes
