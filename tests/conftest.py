"""Shared pytest fixtures for errtrail's tests.

Fixtures that need an external tool use ``require_tool``: outside CI a missing tool
skips the test with the install command; under ``CI=true`` it fails, so CI never
hides a missing dependency.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NoReturn

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE_TRACES = REPO / "sample_traces"
# Real published stap outputs and the regex sheet of every stap output line kind,
# copied from the project's shared reference material (tests/reference/real-samples/SOURCES.txt says where each came from).
REFERENCE = REPO / "tests" / "reference"
PROGRAMS = REPO / "tests" / "programs"


def skip_or_fail(message: str) -> NoReturn:
    """Skip locally, fail under ``CI=true``: CI never hides a missing dependency."""
    (pytest.fail if os.environ.get("CI") == "true" else pytest.skip)(message)
    raise AssertionError("unreachable: pytest.fail and pytest.skip raise")


def require_tool(name: str, debian_package: str) -> str:
    """Path of ``name`` on PATH; skip (locally) or fail (CI=true) when absent."""
    path = shutil.which(name)
    if path is None:
        skip_or_fail(f"{name} not found: apt-get install {debian_package} (./run-tests does)")
    return path


@pytest.fixture
def archive_path(tmp_path: Path) -> Path:
    """A path for a fresh archive (not yet created)."""
    return tmp_path / "archive.db"


@pytest.fixture
def python_exe() -> str:
    return sys.executable


@pytest.fixture(autouse=True)
def _isolated_archive_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads or writes the user's real archive or debuginfod cache."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("ERRTRAIL_ARCHIVE", raising=False)
    monkeypatch.delenv("DEBUGINFOD_URLS", raising=False)
    # rich takes FORCE_COLOR for a terminal: plain-output gold files must stay plain.
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    yield


STAND_IN_BIN = REPO / "tests" / "bin"


@pytest.fixture
def stap_env(tmp_path: Path) -> dict[str, str]:
    """Environment whose PATH finds the stand-in ``stap`` (tests/bin/stap) first."""
    env = dict(os.environ)
    env["PATH"] = f"{STAND_IN_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["ERRTRAIL_ARCHIVE"] = str(tmp_path / "archive.db")
    return env


@pytest.fixture
def collect_cmd() -> list[str]:
    """The ``errtrail-collect`` command, run with this interpreter."""
    return [sys.executable, "-m", "collector"]


# -- a real debuginfod server (elfutils), for reporter.sources and the gdb backend ----


def _free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _debuginfod_metrics(url: str) -> dict[str, float]:
    import urllib.request

    with urllib.request.urlopen(url + "/metrics", timeout=2) as r:
        text = r.read().decode("utf-8", "replace")
    out: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            if value.replace(".", "", 1).lstrip("-").isdigit():
                out[name] = float(value)
    return out


@pytest.fixture(scope="session")
def debuginfod_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., str]]:
    """A factory: ``start(elf_dir) -> "http://127.0.0.1:PORT"``, a real ``debuginfod``
    serving the ELF files under ``elf_dir`` (and the sources their DWARF names, read
    from where the DWARF says they are). ``start(dir, archives=".tar")`` serves the
    files inside the tar archives under ``dir`` instead (``debuginfod -Z .tar``), as
    distribution servers serve packages: sources come from the archive, whatever is
    at their path on disk. Returns once indexing is done (``/metrics`` shows ``ready
    1``, the traverse has run and no scan work is pending). The same directory gets the
    same server; all are stopped at the end of the session.

    debuginfod 0.188 has no flag to listen on loopback only: it gets a random high
    port and is only ever spoken to at 127.0.0.1.
    """
    import time

    exe = require_tool("debuginfod", "debuginfod")
    started: dict[tuple[Path, str | None], tuple[subprocess.Popen[bytes], str]] = {}

    def start(elf_dir: Path, archives: str | None = None) -> str:
        elf_dir = Path(elf_dir).resolve()
        if (elf_dir, archives) in started:
            return started[(elf_dir, archives)][1]
        scan = ["-Z", archives] if archives else ["-F"]
        work = tmp_path_factory.mktemp("debuginfod")
        for attempt in range(3):
            port = _free_port()
            log = open(work / f"log{attempt}.txt", "wb")  # noqa: SIM115 - closed with the process
            proc = subprocess.Popen(
                [
                    exe,
                    *scan,
                    str(elf_dir),
                    "-p",
                    str(port),
                    "-d",
                    str(work / "db.sqlite"),
                    "-t",
                    "0",
                    "-g",
                    "0",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    m = _debuginfod_metrics(url)
                except OSError:
                    time.sleep(0.05)
                    continue
                if (
                    m.get("ready") == 1
                    and m.get('thread_work_total{role="traverse"}', 0) >= 1
                    and m.get('thread_busy{role="traverse"}', 1) == 0
                    and m.get('thread_work_pending{role="scan"}', 1) == 0
                    and m.get('thread_busy{role="scan"}', 1) == 0
                ):
                    started[(elf_dir, archives)] = (proc, url)
                    return url
                time.sleep(0.05)
            proc.kill()
            proc.wait()
            log.close()
            if "bind" not in (work / f"log{attempt}.txt").read_text(errors="replace").lower():
                break
        pytest.fail(f"debuginfod did not become ready serving {elf_dir}; see {work}/log*.txt")

    yield start
    for proc, _ in started.values():
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def compile_c(sources: list[Path], output: Path, *flags: str, cwd: Path | None = None) -> Path:
    """``gcc -g -O0 FLAGS -o OUTPUT SOURCES`` (run in ``cwd``); returns ``output``."""

    gcc = require_tool("gcc", "gcc")
    output.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [gcc, "-g", "-O0", "-Wl,--build-id", *flags, "-o", str(output), *map(str, sources)],
        check=True,
        cwd=cwd,
    )
    return output


def read_build_id(elf: Path) -> str:
    """The GNU build-id of an ELF file, lowercase hex (from its .note.gnu.build-id)."""
    from elftools.elf.elffile import ELFFile

    with open(elf, "rb") as f:
        for section in ELFFile(f).iter_sections():
            if section.header["sh_type"] != "SHT_NOTE":
                continue
            for note in section.iter_notes():
                if note["n_type"] == "NT_GNU_BUILD_ID":
                    return str(note["n_desc"])
    raise AssertionError(f"{elf} has no GNU build-id note")


# -- sample runs in an archive (reporter rendering tests) -----------------------------


def sample_run_archive(
    path: Path,
    sample: str | None = None,
    *,
    stdout: bytes | None = None,
    stderr: bytes | None = None,
    run_uuid: str = "0b9a7c55-1111-4222-8333-944455556666",
    **meta: object,
) -> int:
    """Add a run holding ``sample_traces/<sample>`` (or the given ``stdout``/``stderr``)
    to the archive at ``path`` (created when absent), with fixed times, the sample's
    ``.command`` and stderr classified and stored; ``meta`` overrides RunMeta fields.
    Returns the run id."""
    import shlex
    from datetime import datetime, timezone

    from collector.archive import Archive, Chunk, RunMeta
    from collector.messages import classify_stderr

    when = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
    command: tuple[str, ...] = ("stap", "whythefail.stp", "kernel", "f", "$return < 0")
    if sample is not None:
        stdout = (SAMPLE_TRACES / f"{sample}.stdout").read_bytes() if stdout is None else stdout
        err_path = SAMPLE_TRACES / f"{sample}.stderr"
        if stderr is None and err_path.exists():
            stderr = err_path.read_bytes()
        command = tuple(shlex.split((SAMPLE_TRACES / f"{sample}.command").read_text()))
    fields: dict[str, object] = {"command": command}
    if len(command) >= 5 and command[0] == "stap":
        fields.update(target=command[2], function=command[3], condition=command[4])
        # As the collector records them: a -c program shares stap's stderr.
        from collector.stapargs import parse_stap_command

        parsed = parse_stap_command(command)
        fields.update(uses_c=parsed.traced_command is not None,
                      uses_x=parsed.traced_pid is not None)
    fields.update(meta)
    stdout = stdout or b""
    stderr = stderr or b""
    now = [when]
    with Archive.open(path, clock=lambda: now[0]) as archive:
        run_id = archive.create_run(RunMeta(**fields), status="running", run_uuid=run_uuid)  # type: ignore[arg-type]
        chunks = [Chunk("stdout", stdout[i : i + 4096], when) for i in range(0, len(stdout), 4096)]
        if stderr:
            chunks.append(Chunk("stderr", stderr, when))
        if chunks:
            archive.append_chunks(run_id, 0, chunks)
        archive.store_messages(run_id, classify_stderr(stderr))
        now[0] = datetime(2026, 11, 25, 12, 0, 12, 500000, tzinfo=timezone.utc)
        archive.finish_run(run_id, "complete", reason="the traced command exited", exit_status=0)
    return run_id


# -- one path of a small trace, as the diagnosis rules read it ---------------------


@pytest.fixture
def path_facts(tmp_path: Path) -> Callable[..., Any]:
    """A factory: ``make(source, trace, *, probed=None, stderr=b"", ordinal=0)`` ->
    the ``reporter.diagnosis.facts.PathFacts`` of the path of invocation ``ordinal``
    of ``trace`` (whythefail stdout, as ``errtrail-collect gdb`` writes it for a
    function of ``/src/t.c``), with ``source`` (bytes or None) as that file. The trace
    goes through a real archive and the real parser. ``probed``: the lines the tracer
    probed (gdb runs since migration 0004), or None; ``headers``: files the source
    includes (path -> bytes), as ``reporter.sources.resolve_includes`` finds them."""
    from collector.archive import Archive, Chunk, RunMeta
    from collector.messages import classify_stderr
    from reporter.analysis import load_analysis
    from reporter.diagnosis.run import build_facts

    counter = iter(range(1000))

    def make(source: bytes | None, trace: bytes, *, probed: list[int] | None = None,
             stderr: bytes = b"", ordinal: int = 0, function: str = "f",
             tool: str = "gdb", headers: dict[str, bytes] | None = None) -> Any:
        db = tmp_path / f"facts-{next(counter)}.db"
        with Archive.open(db) as archive:
            run_id = archive.create_run(RunMeta(
                command=("errtrail-collect", "gdb", function, "$return < 0", "--", "/bin/p"),
                tool=tool, target='process("/bin/p")', function=function,
                condition="$return < 0"))
            archive.append_chunks(run_id, 0, [Chunk("stdout", trace, datetime.now(timezone.utc))]
                                  + ([Chunk("stderr", stderr, datetime.now(timezone.utc))]
                                     if stderr else []))
            archive.store_messages(run_id, classify_stderr(stderr))
            if probed is not None:
                archive.record_probed_lines(run_id, [("/src/t.c", n) for n in probed])
            archive.finish_run(run_id, "complete")
            run = archive.get_run(str(run_id))
            analysis = load_analysis(archive, run)
        return build_facts(analysis, run, {"/src/t.c": source} if source is not None else None,
                           ordinal, headers)

    return make


# -- gdb-traced programs (tests/programs) -----------------------------------------


@pytest.fixture(scope="session")
def tools() -> tuple[str, str]:
    gdb, gcc = require_tool("gdb", "gdb"), require_tool("gcc", "gcc")
    # gdb needs ptrace (seccomp profiles and some sandboxes forbid it): say so once,
    # clearly, instead of every test failing on an empty trace.
    probe = subprocess.run(
        [gdb, "-q", "-batch", "-nx", "-ex", "starti", "-ex", "info inferiors", "--args", "/bin/true"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    if "process " not in probe.stdout:
        message = (
            "gdb cannot start a program under ptrace here (needs CAP_SYS_PTRACE or a"
            f" seccomp profile allowing ptrace): {probe.stdout.strip()} {probe.stderr.strip()}"
        )
        skip_or_fail(message)
    return gdb, gcc


@pytest.fixture(scope="session")
def build(
    tools: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Callable[..., Path]:
    out_dir = tmp_path_factory.mktemp("gdb-programs")
    cache: dict[tuple[str, tuple[str, ...]], Path] = {}

    def compile_program(name: str, *flags: str) -> Path:
        """tests/programs/NAME.c built with FLAGS (default ``-g -O0``), once a session."""
        key = (name, flags or ("-g", "-O0"))
        if key not in cache:
            suffix = "".join(f.strip("-").replace("=", "") for f in key[1])
            exe = out_dir / f"{name}.{suffix}"
            subprocess.run(
                [tools[1], *key[1], "-Wall", "-pthread", "-o", str(exe), str(PROGRAMS / f"{name}.c")],
                check=True,
            )
            cache[key] = exe
        return cache[key]

    return compile_program


def read_until(fd: int, needle: bytes, limit: float) -> bytes:
    """Read ``fd`` until ``needle`` came (at most ``limit`` seconds)."""
    import select
    import time

    data = b""
    deadline = time.monotonic() + limit
    while needle not in data:
        left = deadline - time.monotonic()
        assert left > 0, f"{needle!r} never came; got {data!r}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 65536)
            assert chunk, f"EOF before {needle!r}; got {data!r}"
            data += chunk
    return data


def attach_to(argv: list[str], collect: Callable[[int], Any], timeout: float = 60) -> Any:
    """Start ``argv``, wait for its ``ready`` line, run ``collect(pid)`` (a collector
    attaching to it), wait for the program to end (killed after ``timeout``)."""
    program = subprocess.Popen(argv, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        assert program.stdout is not None
        read_until(program.stdout.fileno(), b"ready\n", 30)
        result = collect(program.pid)
        program.wait(timeout=timeout)
    finally:
        if program.poll() is None:
            program.kill()
            program.wait()
    return result


# -- Linux uprobes (tests/test_uprobe.py) ---------------------------------------------


@pytest.fixture(scope="session")
def uprobe_ready() -> str:
    """perf's path, once perf, root (or CAP_PERFMON), tracefs and the kernel's uprobe
    events are all there: the uprobe backend can run. Else skip (fail under CI=true)
    saying what is missing."""
    perf = require_tool("perf", "linux-perf")
    from collector.uprobe_tracefs import (
        UprobeTraceError,
        check_privileges,
        check_uprobe_events,
        find_tracefs,
    )

    try:
        check_privileges()
        tracefs, _ = find_tracefs()
        check_uprobe_events(tracefs)
    except UprobeTraceError as e:
        skip_or_fail(f"the uprobe backend cannot run here: {e}")
    return perf


@pytest.fixture(scope="session")
def cc_build(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """tests/programs/NAME.c built with gcc -g -O0 and FLAGS (e.g. ``-O2``, the last -O
    wins), once a session; needs gcc only (``build`` needs gdb too)."""
    out_dir = tmp_path_factory.mktemp("cc-programs")
    cache: dict[tuple[str, tuple[str, ...]], Path] = {}

    def compile_program(name: str, *flags: str) -> Path:
        key = (name, flags)
        if key not in cache:
            suffix = "".join(f.strip("-").replace("=", "") for f in flags) or "O0"
            cache[key] = compile_c([PROGRAMS / f"{name}.c"], out_dir / f"{name}.{suffix}",
                                   "-Wall", "-pthread", *flags)
        return cache[key]

    return compile_program


TRACEFS = Path("/sys/kernel/tracing")


def uprobe_groups() -> set[str]:
    """The groups of every uprobe event now defined."""
    from collector.uprobe_tracefs import list_events

    return {g for g, _ in list_events(TRACEFS)}


@pytest.fixture
def no_leftovers(uprobe_ready: str) -> Iterator[None]:
    """The probes and instances of the test's collectors are gone once it ends."""
    before = uprobe_groups()
    instances = set(os.listdir(TRACEFS / "instances"))
    yield
    assert uprobe_groups() <= before
    assert set(os.listdir(TRACEFS / "instances")) <= instances


@pytest.fixture
def foreign_groups(uprobe_ready: str, cc_build: Callable[..., Path]) -> Iterator[list[str]]:
    """Probes errtrail did not make (perf probe's own group), and a group named like
    errtrail's whose owner still runs (this test's process): both must stay."""
    from collector.uprobe_dwarf import load_function
    from collector.uprobe_tracefs import add_event, group_for, remove_group

    exe = cc_build("direct_return")
    perf = uprobe_ready
    before = uprobe_groups()
    mine = group_for(os.getpid())
    subprocess.run([perf, "probe", "-q", "-x", str(exe), "--add", "check_arg"], check=True,
                   capture_output=True)
    try:
        (perf_group,) = {g for g in uprobe_groups() - before if g.startswith("probe_")}
        entry = load_function(exe, "main").entry
        assert add_event(TRACEFS, f"p:{mine}/other {exe}:{entry:#x}") is None
        yield [perf_group, mine]
    finally:
        for group in {g for g in uprobe_groups() - before if g.startswith("probe_")}:
            subprocess.run([perf, "probe", "-q", "-d", f"{group}:*"], check=False,
                           capture_output=True)
        assert not remove_group(TRACEFS, mine)


LIBFOO = """#include <errno.h>
int foo_parse(const char *s, int *out)
{
\tint n = 0;

\twhile (*s >= '0' && *s <= '9')
\t\tn = n * 10 + (*s++ - '0');
\tif (*s)
\t\treturn -EINVAL;
\t*out = n;
\treturn 0;
}
"""
USEFOO = """#include <stdio.h>
#include <string.h>
#include <time.h>
int foo_parse(const char *s, int *out);
int main(int argc, char **argv)
{
\tstruct timespec pause = { 0, 20 * 1000 * 1000 };
\tint v = 0;

\tif (argc > 1 && !strcmp(argv[1], "--loop")) {
\t\tprintf("ready\\n");
\t\tfflush(stdout);
\t\tfor (int i = 0; i < 100; i++) {
\t\t\tfoo_parse(argv[2], &v);
\t\t\tnanosleep(&pause, NULL);
\t\t}
\t\treturn 0;
\t}
\tfor (int i = 1; i < argc; i++)
\t\tprintf("%s -> %d\\n", argv[i], foo_parse(argv[i], &v));
\treturn 0;
}
"""


@pytest.fixture(scope="session")
def libfoo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(libfoo.so, a program linked with it, the library's source): foo_parse(s, &n)
    returns -EINVAL for text that is not a number. The program prints each argument's
    result, or with ``--loop TEXT`` prints ``ready`` then parses TEXT every 20 ms, 100
    times."""
    where = tmp_path_factory.mktemp("libfoo")
    (where / "foo.c").write_text(LIBFOO)
    (where / "main.c").write_text(USEFOO)
    lib = compile_c([where / "foo.c"], where / "libfoo.so", "-fPIC", "-shared",
                    "-Wl,-soname,libfoo.so")
    exe = compile_c([where / "main.c", lib], where / "usefoo", f"-Wl,-rpath,{where}")
    return lib, exe, where / "foo.c"
