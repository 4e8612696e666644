"""What a stap command line says: script, whythefail arguments, -c/-x, options.

This module owns reading stap command lines; it never runs anything. Others call:

- ``parse_stap_command(argv)``: a ``StapCommand``; never raises, whatever ``argv`` is.
- ``script_facts(cmd)``: ``(sha256, text)`` of the script file the command runs.
- ``for_function(argv, function, condition)``: the same command for another function.
- ``with_numeric_condition(argv)``: the command with the errno names of its CONDITION
  written as numbers (stap has no errno constants), and the CONDITION as typed.

stap reads its options with GNU ``getopt_long`` (stap 4.x ``cmdline.cxx``), so the
same rules apply here: options may come after the script and its arguments (the
systemtap whythefail example puts ``-c CMD`` last), short flags cluster (``-gv``),
an option's argument may be attached (``-DNAME=V``, ``-c'cmd'``, ``--vp=00003``) or
the next word (``-D NAME=V``), long options may be abbreviated to a unique prefix,
and ``--`` ends the options.

``whythefail.stp`` takes ``PROC_OR_KERNEL FUNCTION CONDITION [VARIABLE]``; the first
four script arguments of any script given by path or ``--example`` are read as
those (a user may run a renamed copy). A script given with ``-e`` has no such
arguments.

The systemtap example run:

>>> cmd = parse_stap_command(["stap", "whythefail.stp", "kernel", "do_sys_open",
...     "$return < 0", "-c", "cat /root/no-such-file || true"])
>>> cmd.script, cmd.target, cmd.function, cmd.condition, cmd.variable
('whythefail.stp', 'kernel', 'do_sys_open', '$return < 0', None)
>>> cmd.traced_command, cmd.traced_pid, cmd.options
('cat /root/no-such-file || true', None, ('-c', 'cat /root/no-such-file || true'))

The article's run, through ``--example``:

>>> cmd = parse_stap_command(["stap", "--example", "whythefail.stp", "kernel",
...     "__do_sys_perf_event_open", "$return == -22"])
>>> cmd.uses_example, cmd.script, cmd.target, cmd.function, cmd.condition
(True, 'whythefail.stp', 'kernel', '__do_sys_perf_event_open', '$return == -22')

The fourth-argument example, with guru mode and no time limits:

>>> cmd = parse_stap_command(["stap", "-g", "--suppress-time-limits", "whythefail.stp",
...     "kernel", "do_select", "randint(1000)<1", "$foo"])
>>> cmd.function, cmd.condition, cmd.variable, cmd.options
('do_select', 'randint(1000)<1', '$foo', ('-g', '--suppress-time-limits'))
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from collector.errnos import numeric_condition

# Short options taking an argument (stap 4.x getopt string, plus -C and -T from
# stap(1)); -W takes an optional one, attached only.
_SHORT_WITH_ARG = frozenset("pIeEoRramcxDsldLSBGTC")
_SHORT_OPTIONAL_ARG = frozenset("W")
# Long options and whether they take an argument: "required" (next word or =),
# "optional" (only as --opt=value) or "none".
_LONG: dict[str, str] = {
    "all-modules": "none",
    "benchmark-sdt": "none",
    "benchmark-sdt-loops": "required",
    "benchmark-sdt-threads": "required",
    "bpf": "none",
    "check-version": "none",
    "clean-cache": "none",
    "client-options": "none",
    "color": "optional",
    "colour": "optional",
    "compatible": "required",
    "disable-cache": "none",
    "download-debuginfo": "optional",
    "dump-functions": "none",
    "dump-probe-aliases": "none",
    "dump-probe-types": "none",
    "dyninst": "none",
    "example": "none",
    "help": "none",
    "interactive": "none",
    "ldd": "none",
    "list-servers": "optional",
    "modinfo": "required",
    "monitor": "optional",
    "no-global-var-display": "none",
    "poison-cache": "none",
    "privilege": "required",
    "prologue-searching": "optional",
    "remote": "required",
    "remote-prefix": "none",
    "rlimit-as": "required",
    "rlimit-cpu": "required",
    "rlimit-fsize": "required",
    "rlimit-nproc": "required",
    "rlimit-stack": "required",
    "runtime": "required",
    "save-uprobes": "none",
    "skip-badvars": "none",
    "suppress-handler-errors": "none",
    "suppress-time-limits": "none",
    "sysenv": "required",
    "sysroot": "required",
    "target-namespaces": "required",
    "tmpdir": "required",
    "trust-servers": "optional",
    "unprivileged": "none",
    "use-server": "optional",
    "use-server-on-error": "optional",
    "version": "none",
    "vp": "required",
}

# Wrappers a stap command is commonly run under, and their options that take an
# argument (sudo(8) 1.9, env(1) coreutils 9).
_SUDO_WITH_ARG = frozenset("ugCDhpRrtTU")
_SUDO_LONG_WITH_ARG = frozenset(
    {"user", "group", "close-from", "chdir", "host", "prompt", "chroot", "role", "type",
     "command-timeout", "other-user"}
)
_ENV_WITH_ARG = frozenset("uCS")
_ENV_LONG_WITH_ARG = frozenset({"unset", "chdir", "split-string"})
_ENV_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


@dataclass(frozen=True)
class StapCommand:
    """What a command line says, as far as errtrail cares.

    ``options`` are the option words as given, each followed by its argument when
    that was a separate word. ``inline_script`` is the text of ``-e``;
    ``last_pass`` the ``-p`` number (1-4 stop before running anything);
    ``program`` the word that named stap (``stap``, ``/usr/local/bin/stap``), for
    asking that same binary its version.
    """

    is_stap: bool
    script: str | None = None
    uses_example: bool = False
    target: str | None = None
    function: str | None = None
    condition: str | None = None
    variable: str | None = None
    script_args: tuple[str, ...] = ()
    traced_command: str | None = None
    traced_pid: int | None = None
    options: tuple[str, ...] = ()
    inline_script: str | None = None
    last_pass: int | None = None
    program: str | None = None
    # argv index of each positional word (the script first), for rewriting the line.
    positional_at: tuple[int, ...] = field(default=(), compare=False, repr=False)


def _skip_wrappers(argv: Sequence[str]) -> int:
    """Index of the real command in ``argv`` after ``sudo [opts]`` and ``env [opts] V=x``.

    >>> _skip_wrappers(["sudo", "-E", "-u", "root", "env", "LANG=C", "stap", "x.stp"])
    6
    >>> _skip_wrappers(["stap"])
    0
    """
    i = 0
    while i < len(argv):
        name = os.path.basename(argv[i])
        if name == "sudo":
            i = _skip_options(argv, i + 1, _SUDO_WITH_ARG, _SUDO_LONG_WITH_ARG)
        elif name == "env":
            i = _skip_options(argv, i + 1, _ENV_WITH_ARG, _ENV_LONG_WITH_ARG)
            while i < len(argv) and _ENV_ASSIGNMENT.match(argv[i]):
                i += 1
        else:
            return i
    return i


def _skip_options(
    argv: Sequence[str], i: int, short_with_arg: frozenset[str], long_with_arg: frozenset[str]
) -> int:
    while i < len(argv):
        word = argv[i]
        if word == "--":
            return i + 1
        if word == "-" or not word.startswith("-"):
            return i
        i += 1
        if word.startswith("--"):
            if "=" not in word and word[2:] in long_with_arg:
                i += 1
            continue
        for pos, ch in enumerate(word[1:], 1):
            if ch in short_with_arg:
                if pos == len(word) - 1:
                    i += 1
                break
    return i


def _long_name(word: str) -> tuple[str, str | None]:
    """``--name[=value]`` to the full option name (expanding a unique prefix, as
    getopt_long does) and the attached value."""
    body = word[2:]
    name, eq, value = body.partition("=")
    if name not in _LONG:
        matches = [known for known in _LONG if known.startswith(name)]
        if len(matches) == 1:
            name = matches[0]
    return name, (value if eq else None)


def parse_stap_command(argv: Sequence[str]) -> StapCommand:
    """Read a command line; a non-stap command gives ``is_stap=False`` and no facts.

    >>> parse_stap_command(["sudo", "stap", "-gvvv", "-DMAXSKIPPED=1000", "-D",
    ...     "MAXACTION=100000", "-x", "4242", "why.stp", "module(\\"ext4\\")",
    ...     "ext4_fill_super", "$return != 0"])  # doctest: +NORMALIZE_WHITESPACE
    StapCommand(is_stap=True, script='why.stp', uses_example=False,
        target='module("ext4")', function='ext4_fill_super', condition='$return != 0',
        variable=None, script_args=('module("ext4")', 'ext4_fill_super', '$return != 0'),
        traced_command=None, traced_pid=4242,
        options=('-gvvv', '-DMAXSKIPPED=1000', '-D', 'MAXACTION=100000', '-x', '4242'),
        inline_script=None, last_pass=None, program='stap')
    >>> parse_stap_command(["stap", "-e", "probe begin { exit() }", "a1"]).script_args
    ('a1',)
    >>> parse_stap_command(["stap", "-e", "probe begin { exit() }", "kernel"]).target is None
    True
    >>> parse_stap_command(["ls", "-l"]).is_stap
    False
    >>> parse_stap_command([]).is_stap
    False
    >>> parse_stap_command(["stap", "-x", "notapid", "-p4", "-c"]).traced_pid is None
    True
    """
    start = _skip_wrappers(argv)
    if start >= len(argv) or os.path.basename(argv[start]) != "stap":
        return StapCommand(is_stap=False)
    words = list(argv[start + 1 :])
    options: list[str] = []
    positional: list[str] = []
    at: list[int] = []
    values: dict[str, str] = {}  # last value of each option that takes one
    flags: set[str] = set()
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if word == "--":
            positional.extend(words[i:])
            at.extend(range(start + 1 + i, start + 1 + len(words)))
            break
        if word == "-" or not word.startswith("-"):
            positional.append(word)
            at.append(start + i)
            continue
        options.append(word)
        if word.startswith("--"):
            name, value = _long_name(word)
            if value is None and _LONG.get(name) == "required" and i < len(words):
                value = words[i]
                options.append(value)
                i += 1
            flags.add(name)
            if value is not None:
                values[name] = value
            continue
        for pos in range(1, len(word)):
            ch = word[pos]
            rest = word[pos + 1 :]
            if ch in _SHORT_WITH_ARG:
                if not rest and i < len(words):
                    rest = words[i]
                    options.append(rest)
                    i += 1
                values[ch] = rest
                flags.add(ch)
                break
            flags.add(ch)
            if ch in _SHORT_OPTIONAL_ARG and rest:
                values[ch] = rest
                break

    inline = values.get("e")
    listing = "l" in flags or "L" in flags
    script: str | None = None
    script_args: list[str] = positional
    if inline is None and not listing and positional:
        script, script_args = positional[0], positional[1:]
    whythefail = script is not None
    pid_text = values.get("x")
    last_pass = values.get("p")
    return StapCommand(
        is_stap=True,
        script=script,
        uses_example="example" in flags,
        target=_arg(script_args, 0) if whythefail else None,
        function=_arg(script_args, 1) if whythefail else None,
        condition=_arg(script_args, 2) if whythefail else None,
        variable=_arg(script_args, 3) if whythefail else None,
        script_args=tuple(script_args),
        traced_command=values.get("c"),
        traced_pid=int(pid_text) if pid_text and pid_text.isdigit() else None,
        options=tuple(options),
        inline_script=inline,
        last_pass=int(last_pass) if last_pass and last_pass.isdigit() else None,
        program=argv[start],
        positional_at=tuple(at),
    )


def for_function(argv: Sequence[str], function: str, condition: str) -> list[str] | None:
    """The same whythefail command line for another FUNCTION and CONDITION: every
    option (``-v``, ``-c``, ``-x``, ``-d``, ``-D``, ``-g``, ...), wrapper (``sudo``)
    and the target kept, VARIABLE dropped (it names the old function's variables).
    ``None`` when ``argv`` is no whythefail-style command.

    >>> for_function(["sudo", "stap", "-v", "-c", "./p", "--example", "whythefail.stp",
    ...     "kernel", "__do_sys_perf_event_open", "$return < 0", "$attr"],
    ...     "perf_copy_attr", "$return == -22")  # doctest: +NORMALIZE_WHITESPACE
    ['sudo', 'stap', '-v', '-c', './p', '--example', 'whythefail.stp', 'kernel',
     'perf_copy_attr', '$return == -22']
    >>> for_function(["stap", "why.stp", "kernel", "f", "1", "-c", "ls"], "g", "0")
    ['stap', 'why.stp', 'kernel', 'g', '0', '-c', 'ls']
    >>> for_function(["stap", "-e", "probe begin {}"], "g", "0") is None
    True
    """
    cmd = parse_stap_command(argv)
    if cmd.script is None or len(cmd.positional_at) < 4:
        return None
    out = list(argv)
    out[cmd.positional_at[2]] = function
    out[cmd.positional_at[3]] = condition
    if len(cmd.positional_at) > 4:
        del out[cmd.positional_at[4]]
    return out


def with_numeric_condition(argv: Sequence[str]) -> tuple[list[str], str | None]:
    """``argv`` with the errno names of its whythefail CONDITION written as numbers,
    and the CONDITION as typed when that changed it (else ``None``): stap has no errno
    constants (``$return == -EINVAL`` is a semantic error), the kernel's numbers are
    what it means. ``ErrnoNameError`` (with the close names) for a name that is no
    errno; other commands, and a script given with ``-e``, come back unchanged.

    >>> with_numeric_condition(["sudo", "stap", "-c", "./p", "--example",
    ...     "whythefail.stp", "kernel", "f", "$return == -EINVAL", "$x"])
    ... # doctest: +NORMALIZE_WHITESPACE
    (['sudo', 'stap', '-c', './p', '--example', 'whythefail.stp', 'kernel', 'f',
      '$return == -22', '$x'], '$return == -EINVAL')
    >>> with_numeric_condition(["stap", "why.stp", "kernel", "f", "$return < 0"])
    (['stap', 'why.stp', 'kernel', 'f', '$return < 0'], None)
    >>> with_numeric_condition(["ls", "EINVAL"])
    (['ls', 'EINVAL'], None)
    """
    out = list(argv)
    cmd = parse_stap_command(argv)
    if cmd.script is None or cmd.condition is None or len(cmd.positional_at) < 4:
        return out, None
    numeric = numeric_condition(cmd.condition)
    if numeric == cmd.condition:
        return out, None
    out[cmd.positional_at[3]] = numeric
    return out, cmd.condition


def _arg(args: Sequence[str], index: int) -> str | None:
    return args[index] if index < len(args) else None


# Where distributions install systemtap's examples (stap --example searches its own
# PKGDATADIR/examples; Debian ships them in systemtap-doc under /usr/share/doc).
EXAMPLE_DIRS: tuple[Path, ...] = (
    Path("/usr/share/systemtap/examples"),
    Path("/usr/local/share/systemtap/examples"),
    Path("/usr/share/doc/systemtap-doc/examples"),
    Path("/usr/share/doc/systemtap/examples"),
)


def find_example(name: str, example_dirs: Sequence[Path] = EXAMPLE_DIRS) -> Path | None:
    """The installed example script ``name`` (first match, directories walked in
    sorted order), or ``None``."""
    if not name or "/" in name:
        return None
    for top in example_dirs:
        if not top.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            if name in filenames:
                return Path(dirpath) / name
    return None


def script_facts(
    cmd: StapCommand, example_dirs: Sequence[Path] = EXAMPLE_DIRS
) -> tuple[str | None, str | None]:
    """``(sha256 hex, text)`` of the script file ``cmd`` runs, when it can be read.

    The text is ``None`` when the file is not valid UTF-8; both are ``None`` when
    the script is inline (``-e``), read from stdin (``-``) or unreadable. An
    ``--example`` script is looked up in ``example_dirs``.
    """
    if not cmd.is_stap or cmd.script is None or cmd.script == "-":
        return None, None
    path: Path | None = Path(cmd.script)
    if cmd.uses_example:
        path = find_example(cmd.script, example_dirs)
    if path is None:
        return None, None
    try:
        data = path.read_bytes()
    except OSError:
        return None, None
    try:
        text: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    return hashlib.sha256(data).hexdigest(), text
