"""Rebuild the real-library accuracy corpus from scratch: Debian sources, builds, captures.

Run as ``.venv/bin/python tests/realworld/build.py [--lib LIB ...] [CASE ...]`` as root
or with sudo for apt (needs a ``deb-src`` entry for the archive the machine uses,
gcc, gdb, and each library's build dependencies, which it installs). The test suite
never runs this: it scores what this script stored.

For each library ``libs/<lib>.json``::

    {"package": "libbpf", "version": "1.1.2-0+deb12u1", "dir": "libbpf-1.1.2",
     "build_depends": ["libelf-dev"],          # apt packages the build needs
     "build": ["shell command", ...],          # run in the source tree, once per level
     "include": ["{build}/include", ...],      # -I for the drivers
     "link": ["{build}/libbpf.a", "-lelf"]}    # what a driver links with

``{src}`` is the unpacked source tree, ``{build}`` a build directory per optimisation
level, ``{cflags}`` the level's flags (``-g -O0`` or ``-g -O2``, with
``-fdebug-prefix-map`` mapping ``{src}``, ``{build}`` and ``{src}`` relative to ``{build}``
(meson's source paths) to ``/src/realworld/<lib>``,
so traces name ``/src/realworld/<lib>/<path in the tree>`` wherever it was built).

Steps: ``apt-get source PACKAGE=VERSION`` into ``WORK/src``; each level's build; each
driver ``drivers/<lib>/<driver>.c`` compiled with the level's flags and linked
statically with the library; each case of ``cases/<lib>.json`` traced with
``errtrail-collect gdb FUNCTION CONDITION -- DRIVER ARGS`` and stored as
``traces/<case>.stdout|.stderr|.json`` exactly as the archive holds it; every source
file the traces name copied to ``sources/<lib>/<path>`` (from the source tree, else
from the level's build directory for generated files); each case's expected line
checked against the source text it names. A library none of whose cases is selected
is not fetched or built.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PREFIX = "/src/realworld"
LEVELS = {"O0": "-g -O0", "O2": "-g -O2"}
TRACED_FILE = re.compile(rb"^.{0,15}?\[[0-9]+\] (/[^: ]+):[0-9]+ ", re.M)


def sh(cmd: str | list[str], cwd: Path | None = None) -> None:
    print("+", cmd if isinstance(cmd, str) else " ".join(cmd), flush=True)
    subprocess.run(cmd, shell=isinstance(cmd, str), cwd=cwd, check=True)


def load(kind: str, lib: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HERE / kind / f"{lib}.json").read_text())
    return data


def libraries() -> list[str]:
    return sorted(p.stem for p in (HERE / "libs").glob("*.json"))


def lib_cases(lib: str) -> dict[str, Any]:
    """A library's cases: ``cases/<lib>.json`` and any ``cases/<lib>.<part>.json``
    (e.g. ``libsystemd.heldout.json``: held-out cases written apart from tuned ones)."""
    out: dict[str, Any] = {}
    for path in sorted((HERE / "cases").glob(f"{lib}*.json")):
        if path.stem.split(".", 1)[0] == lib:
            out.update(json.loads(path.read_text()))
    return out


def apt(*args: str) -> None:
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    # Several builds may run at once: wait for another apt's dpkg lock, don't fail on it.
    sh([*sudo, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get",
        "-o", "DPkg::Lock::Timeout=900", *args])


def fetch(spec: dict[str, Any], work: Path) -> Path:
    """The unpacked Debian source tree of the library (``apt-get source``)."""
    src: Path = work / "src" / str(spec["dir"])
    if not src.is_dir():
        (work / "src").mkdir(parents=True, exist_ok=True)
        if spec.get("build_depends"):
            apt("install", "-y", "-qq", "--no-install-recommends", *spec["build_depends"])
        try:
            sh(["apt-get", "source", "-qq", f"{spec['package']}={spec['version']}"], cwd=work / "src")
        except subprocess.CalledProcessError:
            sys.exit(
                f"apt-get source {spec['package']}={spec['version']} failed: add a deb-src"
                " line for the archive in /etc/apt/sources.list.d (Types: deb-src), run"
                " apt-get update, and try again"
            )
    return src


def level_vars(lib: str, src: Path, work: Path, level: str) -> dict[str, str]:
    build = work / "build" / f"{lib}-{level}"
    maps = f"-fdebug-prefix-map={src}={PREFIX}/{lib} -fdebug-prefix-map={build}={PREFIX}/{lib}"
    # meson names sources relative to the build directory (../../src/<dir>/...)
    maps += f" -fdebug-prefix-map={os.path.relpath(src, build)}={PREFIX}/{lib}"
    return {"src": str(src), "build": str(build), "cflags": f"{LEVELS[level]} {maps}"}


def build(lib: str, spec: dict[str, Any], src: Path, work: Path, level: str) -> dict[str, str]:
    v = level_vars(lib, src, work, level)
    stamp = Path(v["build"]) / ".errtrail-built"
    if not stamp.exists():
        Path(v["build"]).mkdir(parents=True, exist_ok=True)
        for cmd in spec["build"]:
            sh(cmd.format(**v), cwd=src)
        stamp.touch()
    return v


def compile_driver(lib: str, spec: dict[str, Any], driver: str, v: dict[str, str], level: str,
                   work: Path) -> Path:
    exe = work / "bin" / f"{lib}-{Path(driver).stem}-{level}"
    exe.parent.mkdir(parents=True, exist_ok=True)
    drivers = HERE / "drivers" / lib
    sh(
        ["gcc", *v["cflags"].split(), f"-fdebug-prefix-map={drivers}={PREFIX}/drivers/{lib}",
         *(f"-I{i.format(**v)}" for i in spec.get("include", [])),
         "-o", str(exe), str(drivers / driver), *(x.format(**v) for x in spec["link"])]
    )
    return exe


def capture(case: dict[str, Any], exe: Path) -> tuple[bytes, bytes, dict[str, Any]]:
    """One ``errtrail-collect gdb`` run of the case, read back from its archive."""
    sys.path.insert(0, str(REPO))
    from collector.archive import Archive

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "a.db"
        subprocess.run(
            [sys.executable, "-m", "collector", "gdb", "--archive", str(db), case["function"],
             case["condition"], "--", str(exe), *case.get("args", [])],
            cwd=tmp, check=False, capture_output=True, stdin=subprocess.DEVNULL, timeout=300,
        )
        with Archive.open(db, readonly=True) as a:
            run = a.get_run("latest")
            meta = {k: getattr(run, k) for k in ("tool", "target", "function", "condition", "variable")}
            meta["command"] = list(run.command)
            probed = run.probed_lines()
            if probed is not None:
                meta["probed_lines"] = [list(p) for p in probed]
            return a.stream_bytes(run.id, "stdout"), a.stream_bytes(run.id, "stderr"), meta


def store_sources(lib: str, roots: list[Path], stdout: bytes) -> None:
    """Copy each file the trace names under ``/src/realworld/<lib>/`` from the first
    of ``roots`` (the source tree, then the level's build directory, for generated
    files) that holds it."""
    for raw in sorted(set(TRACED_FILE.findall(stdout))):
        path = raw.decode()
        prefix = f"{PREFIX}/{lib}/"
        if not path.startswith(prefix):
            continue
        rel = path[len(prefix):]
        found = next((root / rel for root in roots if (root / rel).is_file()), None)
        if found is None:
            print(f"warning: {path} is in neither {' nor '.join(map(str, roots))}", flush=True)
            continue
        dest = HERE / "sources" / lib / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(found, dest)


def check_expect(name: str, case: dict[str, Any], lib: str) -> None:
    want = case["expect"]
    prefix = f"{PREFIX}/{lib}/"
    # At "\n" only, as gcc numbers lines: str.splitlines() also breaks at form feeds.
    lines = (HERE / "sources" / lib / want["file"][len(prefix):]).read_text().split("\n")
    got = lines[want["line"] - 1].strip()
    if got != want["text"]:
        sys.exit(f"{name}: line {want['line']} reads {got!r}, not {want['text']!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--lib", action="append", help="only this library (repeatable)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/errtrail-realworld"))
    ap.add_argument("cases", nargs="*", help="only these cases")
    args = ap.parse_args()
    selected = {lib: {n: c for n, c in sorted(lib_cases(lib).items())
                      if not args.cases or n in args.cases}
                for lib in args.lib or libraries()}
    unknown = set(args.cases) - {n for cases in selected.values() for n in cases}
    if unknown:
        sys.exit(f"no such case: {', '.join(sorted(unknown))}")
    for lib, cases in selected.items():
        if not cases:
            continue  # nothing asked of this library: do not fetch or build it
        spec = load("libs", lib)
        src = fetch(spec, args.work)
        for name, case in cases.items():
            v = build(lib, spec, src, args.work, case["opt"])
            exe = compile_driver(lib, spec, case["driver"], v, case["opt"], args.work)
            stdout, stderr, meta = capture(case, exe)
            (HERE / "traces" / f"{name}.stdout").write_bytes(stdout)
            (HERE / "traces" / f"{name}.stderr").write_bytes(stderr)
            (HERE / "traces" / f"{name}.json").write_text(
                json.dumps(meta, indent=2, sort_keys=True) + "\n")
            store_sources(lib, [src, Path(v["build"])], stdout)
            check_expect(name, case, lib)
            print(f"{name}: {stdout.count(b'$return: ')} invocation(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
