"""collector.stapargs: real stap command lines, getopt corner cases, script facts."""

from __future__ import annotations

import hashlib
import shlex
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collector.errnos import ErrnoNameError
from collector.stapargs import (
    StapCommand,
    find_example,
    parse_stap_command,
    script_facts,
    with_numeric_condition,
)
from tests.conftest import REFERENCE, skip_or_fail

SAMPLES = REFERENCE / "real-samples"


def sample_command(name: str, first_line_only: bool = False) -> list[str]:
    """The `# stap ...` command recorded at the top of a reference sample."""
    path = SAMPLES / name
    if not path.exists():
        skip_or_fail(f"reference sample {path} is not present")
    line = path.read_text().splitlines()[0]
    assert line.startswith("# stap "), line
    return shlex.split(line[2:])


def test_systemtap_example_do_sys_open() -> None:
    cmd = parse_stap_command(sample_command("systemtap-example-do_sys_open.command"))
    assert cmd == StapCommand(
        is_stap=True,
        script="whythefail.stp",
        target="kernel",
        function="do_sys_open",
        condition="$return < 0",
        script_args=("kernel", "do_sys_open", "$return < 0"),
        traced_command="cat /root/no-such-file || true",
        options=("-c", "cat /root/no-such-file || true"),
        program="stap",
    )


def test_systemtap_example_fourth_argument() -> None:
    cmd = parse_stap_command(sample_command("systemtap-example-do_select-4th-arg.txt"))
    assert (cmd.script, cmd.target, cmd.function, cmd.condition, cmd.variable) == (
        "whythefail.stp", "kernel", "do_select", "randint(1000)<1", "$foo",
    )
    assert cmd.options == ("-g", "--suppress-time-limits")
    assert (cmd.traced_command, cmd.traced_pid, cmd.uses_example) == (None, None, False)


def test_article_example() -> None:
    argv = shlex.split(
        'stap --example whythefail.stp kernel __do_sys_perf_event_open "$return == -22"'
    )
    cmd = parse_stap_command(argv)
    assert cmd.uses_example and cmd.script == "whythefail.stp"
    assert (cmd.target, cmd.function, cmd.condition, cmd.variable) == (
        "kernel", "__do_sys_perf_event_open", "$return == -22", None,
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        # Option arguments attached, separate, and clustered after flags.
        (["stap", "-DMAXACTION=10000", "w.stp", "kernel", "f", "1"],
         {"options": ("-DMAXACTION=10000",), "function": "f"}),
        (["stap", "-D", "MAXACTION=10000", "w.stp", "kernel", "f", "1"],
         {"options": ("-D", "MAXACTION=10000"), "script": "w.stp"}),
        (["stap", "-gvc", "ls /", "w.stp", "kernel", "f", "1"],
         {"traced_command": "ls /", "options": ("-gvc", "ls /")}),
        (["stap", "-gvcls", "w.stp", "kernel", "f", "1"], {"traced_command": "ls"}),
        (["stap", "-vvv", "-x", "123", "w.stp", "kernel", "f", "1"], {"traced_pid": 123}),
        (["stap", "-x123", "w.stp", "kernel", "f", "1"], {"traced_pid": 123}),
        # Every short option that takes an argument swallows the next word.
        *[
            (["stap", f"-{o}", "ARG", "w.stp", "kernel", "f", "1"],
             {"script": "w.stp", "options": (f"-{o}", "ARG")})
            for o in "pIEoRramdDsSBGTC"
        ],
        # Long options: with =, with the next word, flags, abbreviations.
        (["stap", "--vp", "00003", "w.stp", "kernel", "f", "1"], {"script": "w.stp"}),
        (["stap", "--vp=00003", "w.stp", "kernel", "f", "1"], {"script": "w.stp"}),
        (["stap", "--sysroot", "/sr", "--runtime", "kernel", "w.stp", "kernel", "f", "1"],
         {"script": "w.stp", "target": "kernel"}),
        (["stap", "--remote", "ssh://h", "--modinfo", "a=b", "w.stp", "kernel", "f", "1"],
         {"script": "w.stp"}),
        (["stap", "--ldd", "--all-modules", "w.stp", 'process("/bin/ls")', "main", "1"],
         {"target": 'process("/bin/ls")'}),
        (["stap", "--suppress-time", "w.stp", "kernel", "f", "1"],
         {"options": ("--suppress-time",), "script": "w.stp"}),
        (["stap", "--color=never", "--color", "w.stp", "kernel", "f", "1"],
         {"script": "w.stp"}),
        (["stap", "--dump-functions"], {"script": None}),
        # Options after the script arguments (getopt permutes), and "--".
        (["stap", "w.stp", "kernel", "f", "$return < 0", "-v", "-x", "9"],
         {"condition": "$return < 0", "traced_pid": 9, "options": ("-v", "-x", "9")}),
        (["stap", "-v", "--", "w.stp", "kernel", "f", "-1", "-c"],
         {"condition": "-1", "variable": "-c", "traced_command": None}),
        # Scripts given inline, from stdin, listing mode.
        (["stap", "-e", "probe begin { exit() }", "kernel"],
         {"script": None, "inline_script": "probe begin { exit() }", "target": None,
          "script_args": ("kernel",)}),
        (["stap", "-", "kernel", "f"], {"script": "-", "target": "kernel", "function": "f"}),
        (["stap", "-L", 'kernel.function("vfs_*")'], {"script": None, "script_args": ()}),
        (["stap", "-p4", "w.stp", "kernel", "f", "1"], {"last_pass": 4}),
        (["stap", "-W", "-Wx", "w.stp"], {"script": "w.stp"}),
        # Wrappers.
        (["sudo", "-E", "stap", "w.stp", "kernel"], {"is_stap": True, "target": "kernel"}),
        (["sudo", "-u", "root", "--", "/usr/bin/stap", "w.stp"],
         {"script": "w.stp", "program": "/usr/bin/stap"}),
        (["env", "-u", "DISPLAY", "LANG=C", "SYSTEMTAP_DEBUGINFO_PATH=+:/x", "stap", "w.stp"],
         {"script": "w.stp"}),
        (["sudo", "env", "A=1", "stap", "w.stp"], {"script": "w.stp"}),
        # Not stap at all.
        (["cat", "big.txt"], {"is_stap": False, "script": None, "program": None}),
        (["sudo", "-u", "root"], {"is_stap": False}),
        (["env", "A=1"], {"is_stap": False}),
        (["stapio", "x.ko"], {"is_stap": False}),
        # Odd values never raise.
        (["stap", "-x"], {"traced_pid": None, "options": ("-x",)}),
        (["stap", "-x", "-5", "w.stp"], {"traced_pid": None, "script": "w.stp"}),
        (["stap", "-p", "x"], {"last_pass": None}),
    ],
)
def test_forms(argv: list[str], expected: dict[str, object]) -> None:
    cmd = parse_stap_command(argv)
    got = {key: getattr(cmd, key) for key in expected}
    assert got == expected


@given(st.lists(st.text(max_size=12), max_size=12))
def test_never_raises(words: list[str]) -> None:
    for argv in (words, ["stap", *words], ["sudo", *words]):
        cmd = parse_stap_command(argv)
        assert isinstance(cmd, StapCommand)
        if not cmd.is_stap:
            assert cmd.script is None and cmd.target is None


def test_script_facts_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "#! /usr/bin/env stap\nprobe $1.function(@2).return { println($return) }\n"
    script = tmp_path / "why.stp"
    script.write_text(text)
    sha = hashlib.sha256(text.encode()).hexdigest()
    assert script_facts(parse_stap_command(["stap", str(script), "kernel"])) == (sha, text)
    monkeypatch.chdir(tmp_path)
    assert script_facts(parse_stap_command(["stap", "-v", "why.stp", "kernel"])) == (sha, text)


def test_script_facts_not_utf8(tmp_path: Path) -> None:
    data = b"probe begin { println(\"\xe9t\xe9\") }\n"
    script = tmp_path / "latin1.stp"
    script.write_bytes(data)
    assert script_facts(parse_stap_command(["stap", str(script)])) == (
        hashlib.sha256(data).hexdigest(),
        None,
    )


def test_script_facts_unreadable(tmp_path: Path) -> None:
    for argv in (
        ["stap", str(tmp_path / "missing.stp"), "kernel"],
        ["stap", str(tmp_path), "kernel"],  # a directory
        ["stap", "-e", "probe begin { exit() }"],
        ["stap", "-", "kernel"],
        ["stap", "-l", "kernel.function(\"x\")"],
        ["cat", str(tmp_path)],
    ):
        assert script_facts(parse_stap_command(argv)) == (None, None)


def test_script_facts_example(tmp_path: Path) -> None:
    examples = tmp_path / "examples"
    (examples / "general").mkdir(parents=True)
    (examples / "a-first").mkdir()
    text = "# whythefail.stp as installed\n"
    (examples / "general" / "whythefail.stp").write_text(text)
    (examples / "a-first" / "other.stp").write_text("x\n")
    cmd = parse_stap_command(["stap", "--example", "whythefail.stp", "kernel", "f", "1"])
    assert find_example("whythefail.stp", [tmp_path / "nope", examples]) == (
        examples / "general" / "whythefail.stp"
    )
    assert script_facts(cmd, [examples]) == (hashlib.sha256(text.encode()).hexdigest(), text)
    assert script_facts(cmd, [tmp_path / "nope"]) == (None, None)
    assert find_example("../whythefail.stp", [examples]) is None


# -- errno names in CONDITION: numbers for stap, which has no such constants ----------------


@pytest.mark.parametrize(
    ("argv", "numeric"),
    [
        # The article's run, written with the name.
        (["stap", "--example", "whythefail.stp", "kernel", "__do_sys_perf_event_open",
          "$return == -EINVAL"], "$return == -22"),
        # Options after the arguments, a wrapper in front, a 4th argument kept.
        (["sudo", "stap", "whythefail.stp", "kernel", "do_sys_open",
          "$return == -ENOENT || $return == -EACCES", "$filename", "-c", "cat /x"],
         "$return == -2 || $return == -13"),
        # -- ends stap's options: the condition is still the third script argument.
        (["stap", "-v", "--", "whythefail.stp", "kernel", "f", "$return==-EIO"],
         "$return==-5"),
        # Names inside strings, $context variables and function calls stay as they are.
        (["stap", "why.stp", "kernel", "f", '$return == -EPERM && execname() != "EPERM"'],
         '$return == -1 && execname() != "EPERM"'),
    ],
)
def test_condition_names_become_numbers(argv: list[str], numeric: str) -> None:
    typed = parse_stap_command(argv).condition
    out, original = with_numeric_condition(argv)
    assert original == typed
    assert parse_stap_command(out).condition == numeric
    # Only that word changed: every other word (and its place) is the user's.
    changed = [i for i, (a, b) in enumerate(zip(argv, out, strict=True)) if a != b]
    assert len(changed) == 1 and argv[changed[0]] == typed


@pytest.mark.parametrize(
    "argv",
    [
        ["stap", "whythefail.stp", "kernel", "f", "$return == -22"],
        ["stap", "whythefail.stp", "kernel", "f", "randint(1000)<1", "$foo"],
        ["stap", "-e", "probe kernel.function(\"f\").return { if ($return == -EINVAL) exit() }"],
        ["stap", "whythefail.stp", "kernel"],  # no CONDITION given
        ["cat", "EINVAL"],
    ],
)
def test_other_commands_are_left_alone(argv: list[str]) -> None:
    assert with_numeric_condition(argv) == (argv, None)


def test_an_unknown_name_is_an_error_naming_the_close_ones() -> None:
    with pytest.raises(ErrnoNameError) as info:
        with_numeric_condition(["stap", "whythefail.stp", "kernel", "f", "$return == -ENOMEN"])
    assert str(info.value) == (
        "CONDITION '$return == -ENOMEN': ENOMEN is not an errno name: did you mean ENOMEM (12)"
        " or ENOENT (2)?"
    )
