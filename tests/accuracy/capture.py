"""Capture the accuracy corpus: compile each program and trace it with the gdb backend.

Run as ``.venv/bin/python tests/accuracy/capture.py`` (needs gcc and gdb). For each
captured case of ``cases.json`` it writes ``traces/<case>.stdout``, ``.stderr`` and
``.json`` (the run's command, tool, target, function, condition) exactly as
``errtrail-collect gdb`` archived them. Derived cases (``derive``) are then made from
a captured trace by dropping the statement lines a stap run could not have probed
(with the stap registration warnings for them on stderr) or the first statements of
one invocation (a path whose start the speculation buffers lost); the lines kept are
the captured ones, so every traced line stays a real line of the program's table.

Programs are compiled with their directory mapped to ``/src/accuracy`` and built in
``/tmp/errtrail-accuracy`` so that the traces do not depend on where the tree is.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PROGRAMS = HERE / "programs"
TRACES = HERE / "traces"
BUILD = Path("/tmp/errtrail-accuracy")
SOURCE_PREFIX = "/src/accuracy"
STATEMENT = re.compile(r"^(?P<head>.{0,15}?\[[0-9]+\]) (?P<file>[^:\"]*):(?P<line>[0-9]+) ")
HEADER = re.compile(r"^.{0,15}?\[[0-9]+\] .+ function\(.*\) \$return: ")


def load_cases() -> dict[str, dict[str, Any]]:
    cases: dict[str, dict[str, Any]] = json.loads((HERE / "cases.json").read_text())
    return cases


def source_dir(spec: dict[str, Any]) -> tuple[Path, str]:
    """Where a case's program lives, and the path prefix its debug info names.

    ``dir`` (relative to the repository) picks programs written elsewhere in the tree
    (tests/programs: the gdb backend's, used here as cases not tuned against).
    """
    if "dir" in spec:
        return REPO / spec["dir"], "/src/" + spec["dir"]
    return PROGRAMS, SOURCE_PREFIX


def compile_program(spec: dict[str, Any], build: Path = BUILD) -> Path:
    name = spec["program"]
    cflags = spec.get("cflags", ["-g", "-O0"])
    directory, prefix = source_dir(spec)
    build.mkdir(exist_ok=True)
    suffix = "" if cflags == ["-g", "-O0"] else "-" + "".join(cflags).replace("-", "")
    exe = build / (Path(name).stem + suffix)
    subprocess.run(
        ["gcc", *cflags, "-pthread", f"-fdebug-prefix-map={directory}={prefix}", "-o",
         str(exe), str(directory / name)],
        check=True,
        cwd=directory,
    )
    return exe


def capture(
    spec: dict[str, Any], archive: Path, build: Path = BUILD
) -> tuple[bytes, bytes, dict[str, Any]]:
    """Trace one program with ``errtrail-collect gdb``; the run's streams and metadata."""
    sys.path.insert(0, str(REPO))
    from collector.archive import Archive

    exe = compile_program(spec, build)
    subprocess.run(
        [sys.executable, "-m", "collector", "gdb", "--archive", str(archive),
         spec["function"], spec["condition"], "--", str(exe), *spec.get("args", [])],
        cwd=REPO, check=True, capture_output=True, stdin=subprocess.DEVNULL, timeout=120,
    )
    with Archive.open(archive, readonly=True) as a:
        run = a.get_run("latest")
        meta = {
            "command": list(run.command),
            "tool": run.tool,
            "target": run.target,
            "function": run.function,
            "condition": run.condition,
            "variable": run.variable,
        }
        probed = run.probed_lines()
        if probed is not None:
            meta["probed_lines"] = [list(p) for p in probed]
        return a.stream_bytes(run.id, "stdout"), a.stream_bytes(run.id, "stderr"), meta


def derive(spec: dict[str, Any], stdout: bytes, meta: dict[str, Any]) -> tuple[bytes, bytes, dict[str, Any]]:
    """A stap-shaped trace made from a captured one (see the module docstring)."""
    drop = set(spec.get("drop_lines", []))
    cut_ordinal = spec.get("drop_start_of")
    cut_count = spec.get("drop_start_count", 0)
    out: list[str] = []
    ordinal = -1
    dropped_in_path = 0
    for line in stdout.decode().split("\n"):
        if HEADER.match(line):
            ordinal += 1
            dropped_in_path = 0
        m = STATEMENT.match(line)
        if m and not HEADER.match(line):
            if int(m.group("line")) in drop:
                continue
            if ordinal == cut_ordinal and dropped_in_path < cut_count:
                dropped_in_path += 1
                continue
        out.append(line)
    stderr = ""
    meta = dict(meta)
    if drop:
        meta.pop("probed_lines", None)  # a stap trace: its unprobed lines are on stderr
        # Registration failures as staprun prints them for uprobes (stap 4.x+).
        target = meta["target"]
        prog = json.loads(json.dumps(meta))["command"]
        file = f"{SOURCE_PREFIX}/{spec['program']}"
        for n in sorted(drop):
            stderr += (
                f"WARNING: probe {target}.statement(\"{meta['function']}@{file}:{n}\") at"
                f" inode-offset 1835231:0x{0x1139 + n:x} registration error"
                " [man warning::pass5] (rc -22)\n"
            )
        stderr += f"WARNING: Number of errors: 0, skipped probes: {len(drop)}\n"
        rest = prog[prog.index("--") + 1 :]
        meta["tool"] = "stap"
        meta["command"] = [
            "stap", "--example", "whythefail.stp", target, meta["function"],
            meta["condition"], "-c", " ".join(rest),
        ]
    return "\n".join(out).encode(), stderr.encode(), meta


def main() -> int:
    if not shutil.which("gdb") or not shutil.which("gcc"):
        print("capture.py needs gcc and gdb", file=sys.stderr)
        return 1
    TRACES.mkdir(exist_ok=True)
    cases = load_cases()
    # Case names on the command line: capture only those (and what they derive from).
    wanted = set(sys.argv[1:]) or set(cases)
    wanted |= {cases[n]["derive"]["from"] for n in list(wanted) if "derive" in cases[n]}
    captured: dict[str, tuple[bytes, bytes, dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n, (name, case) in enumerate(sorted(cases.items())):
            if "capture" in case and name in wanted:
                captured[name] = capture(case["capture"], Path(tmp) / f"{n}.db")
    for name, case in sorted(cases.items()):
        if "derive" in case and name in wanted:
            base = captured[case["derive"]["from"]]
            captured[name] = derive(case["derive"], base[0], base[2])
    for name, (stdout, stderr, meta) in sorted(captured.items()):
        (TRACES / f"{name}.stdout").write_bytes(stdout)
        (TRACES / f"{name}.stderr").write_bytes(stderr)
        (TRACES / f"{name}.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")
        print(f"{name}: {stdout.count(b'$return')} invocation(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
