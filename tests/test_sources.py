"""reporter.sources: finding the exact source files of a run, by build-id, through the
archive, local trees, the file at its recorded path, the elfutils cache and a real
debuginfod; files modified after the traced binary; and ``fetch``."""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import subprocess
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from collector.archive import Archive, Chunk, Run, RunMeta, iso
from collector.hostinfo import file_mtime
from reporter import sourcestore
from reporter.cli import main
from reporter.sources import (
    ORIGINS,
    SourceOptions,
    SourceReport,
    elfutils_cache_names,
    resolve_for_build_ids,
    resolve_sources,
    traced_binary,
)
from tests.conftest import compile_c, read_build_id, require_tool

T0 = datetime(2026, 11, 25, 12, 0, 0, tzinfo=timezone.utc)
NO_SERVER: dict[str, str] = {}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Programs compiled in several ways, in one directory a debuginfod serves."""
    root = tmp_path_factory.mktemp("sources")
    elf = root / "elf"
    src = root / "src"
    (src / "inc").mkdir(parents=True)
    (src / "inc" / "h.h").write_text("static inline int f(int x) { return x + 1; }\n")
    (src / "main.c").write_text(
        '#include "inc/h.h"\nint odd(void);\nint main(void) { return f(odd()); }\n'
    )
    (src / "sp ace#1.c").write_text("int odd(void) { return 1; }\n")
    compile_c([Path("main.c"), Path("sp ace#1.c")], elf / "prog5", "-gdwarf-5", cwd=src)
    compile_c([Path("main.c"), Path("sp ace#1.c")], elf / "prog4", "-gdwarf-4", cwd=src)
    split = root / "split"
    split.mkdir()
    (split / "s.c").write_text("int main(void) { return 3; }\n")
    full = compile_c([Path("s.c")], root / "progsplit.full", "-gdwarf-4", cwd=split)
    debug = elf / "progsplit.debug"
    stripped = elf / "progsplit"
    subprocess.run(["objcopy", "--only-keep-debug", str(full), str(debug)], check=True)
    subprocess.run(["strip", "-g", "-o", str(stripped), str(full)], check=True)
    subprocess.run(["objcopy", f"--add-gnu-debuglink={debug}", str(stripped)], check=True,
                   cwd=elf)
    rel = root / "relsrc"
    rel.mkdir()
    (rel / "r.c").write_text("int main(void) { return 4; }\n")
    compile_c([Path("r.c")], elf / "progrel", "-gdwarf-5", f"-fdebug-prefix-map={rel}=.",
              cwd=rel)
    return {"root": root, "elf": elf, "src": src, "split": split, "rel": rel}


def bid(served: dict[str, Path], name: str) -> str:
    return read_build_id(served["elf"] / name)


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return Archive.open(tmp_path / "a.db", clock=lambda: T0)


def make_run(
    archive: Archive, build_id: str | None, target: str = 'process("/x")', **meta: Any
) -> Run:
    run_id = archive.create_run(
        RunMeta(command=("stap", "w.stp"), target=target, target_build_id=build_id, **meta)
    )
    return archive.get_run(run_id)


def options(url: str | None = None, **kw: object) -> SourceOptions:
    """Source options for these tests. The served programs' sources sit at their
    recorded paths on this machine (the server reads them there), so reading those
    paths is off unless a test turns it on: the server tests must reach the server."""
    env = {"DEBUGINFOD_CACHE_PATH": "/nonexistent/errtrail-test-cache",
           **kw.pop("env", {})}  # type: ignore[dict-item]
    kw.setdefault("recorded_paths", False)
    return SourceOptions(
        debuginfod_urls=(url,) if url else (), env=env, **kw  # type: ignore[arg-type]
    )


Server = Callable[[Path], str]


# -- by absolute path, from a real debuginfod ----------------------------------------------


def test_absolute_paths_come_from_the_server_then_from_the_archive(
    debuginfod_server: Server, served: dict[str, Path], archive: Archive
) -> None:
    url = debuginfod_server(served["elf"])
    run = make_run(archive, bid(served, "prog5"))
    main_c, odd_c = served["src"] / "main.c", served["src"] / "sp ace#1.c"
    paths = [str(main_c), str(odd_c), "/nowhere/gone.c"]
    report = resolve_sources(archive, run, paths, options(url))
    assert sorted(report.files) == sorted(paths[:2])
    for p in (main_c, odd_c):
        f = report.files[str(p)]
        assert (f.origin, f.text, f.resolved_path) == ("url", p.read_bytes(), str(p))
        assert f.sha256 == hashlib.sha256(p.read_bytes()).hexdigest()
        assert f.where.startswith(url + "/buildid/")
    assert "%20" in report.files[str(odd_c)].where and "%23" in report.files[str(odd_c)].where
    miss = report.misses["/nowhere/gone.c"]
    assert miss.reason.startswith("404 from " + url)
    assert "--source-dir" in miss.fix and "DEBUGINFOD_URLS" in miss.fix
    assert "stap-prep" not in miss.fix  # a user-space target

    # Stored: offline, they come from the archive, still naming the URL they came from.
    again = resolve_sources(archive, run, paths, options(offline=True))
    assert {p: f.origin for p, f in again.files.items()} == dict.fromkeys(paths[:2], "archive")
    assert again.files[str(main_c)].where == report.files[str(main_c)].where
    assert "--offline" in again.misses["/nowhere/gone.c"].reason

    # The miss is remembered for the same server; --refresh asks again.
    remembered = resolve_sources(archive, run, paths, options(url))
    assert "remembered" in remembered.misses["/nowhere/gone.c"].reason
    refreshed = resolve_sources(archive, run, paths, options(url, refresh=True))
    assert "remembered" not in refreshed.misses["/nowhere/gone.c"].reason
    assert refreshed.files[str(main_c)].origin == "url"


def test_a_copied_archive_renders_offline(
    debuginfod_server: Server, served: dict[str, Path], archive: Archive, tmp_path: Path
) -> None:
    url = debuginfod_server(served["elf"])
    run = make_run(archive, bid(served, "prog5"))
    path = str(served["src"] / "main.c")
    resolve_sources(archive, run, [path], options(url))
    archive.close()
    copy = tmp_path / "copy.db"
    with Archive.open(tmp_path / "a.db", readonly=True) as a:
        a.conn.execute("VACUUM INTO ?", [str(copy)])
    with Archive.open(copy, readonly=True) as a:
        report = resolve_sources(a, a.get_run(run.id), [path], options(offline=True))
    assert report.files[path].text == (served["src"] / "main.c").read_bytes()


# -- relative paths: comp_dir from the build-id's DWARF ------------------------------------


@pytest.mark.parametrize("program", ["prog5", "prog4"])
def test_relative_paths_are_joined_with_the_dwarf_comp_dir(
    program: str, debuginfod_server: Server, served: dict[str, Path], archive: Archive
) -> None:
    url = debuginfod_server(served["elf"])
    build_id = bid(served, program)
    run = make_run(archive, build_id, target="kernel")
    report = resolve_sources(archive, run, ["inc/h.h", "main.c", "./sp ace#1.c"], options(url))
    assert report.misses == {}
    h = report.files["inc/h.h"]
    assert h.resolved_path == str(served["src"] / "inc" / "h.h")
    assert h.text == (served["src"] / "inc" / "h.h").read_bytes()
    assert report.files["./sp ace#1.c"].resolved_path == str(served["src"] / "sp ace#1.c")
    # The index is kept: comp_dir as DWARF recorded it, for each file.
    index = sourcestore.build_id_files(archive, build_id)
    assert (str(served["src"]), "main.c") in index
    assert (str(served["src"]), "inc/h.h") in index
    # ... and used without a server: a new relative path gets its comp_dir offline.
    offline = resolve_sources(archive, run, ["lib/new.c"], options(offline=True))
    assert "(--offline: no server asked)" in offline.misses["lib/new.c"].reason
    assert "DWARF index" not in offline.misses["lib/new.c"].reason


def test_split_debuginfo_gives_the_comp_dir(
    debuginfod_server: Server, served: dict[str, Path], archive: Archive
) -> None:
    url = debuginfod_server(served["elf"])
    build_id = bid(served, "progsplit")
    assert build_id == read_build_id(served["elf"] / "progsplit.debug")
    run = make_run(archive, build_id)
    report = resolve_sources(archive, run, ["s.c"], options(url))
    assert report.files["s.c"].resolved_path == str(served["split"] / "s.c")
    assert report.files["s.c"].origin == "url"


def test_relative_comp_dir_says_so_and_local_sources_serve(
    debuginfod_server: Server, served: dict[str, Path], archive: Archive
) -> None:
    url = debuginfod_server(served["elf"])
    run = make_run(archive, bid(served, "progrel"))
    report = resolve_sources(archive, run, ["r.c"], options(url))
    miss = report.misses["r.c"]
    assert "relative compilation directory '.'" in miss.reason
    assert "--source-dir" in miss.fix
    local = resolve_sources(archive, run, ["r.c"], options(url, source_dirs=(served["rel"],)))
    f = local.files["r.c"]
    assert (f.origin, f.where) == ("local", str(served["rel"] / "r.c"))


def test_relative_path_offline_without_index(served: dict[str, Path], archive: Archive) -> None:
    run = make_run(archive, bid(served, "prog5"))
    report = resolve_sources(archive, run, ["main.c"], options(offline=True))
    assert "DWARF index is not in the archive" in report.misses["main.c"].reason


def test_no_build_id_recorded(archive: Archive, tmp_path: Path) -> None:
    run = make_run(archive, None)
    report = resolve_sources(archive, run, ["/usr/src/x.c"], options("http://127.0.0.1:9"))
    assert "no build-id was recorded" in report.misses["/usr/src/x.c"].reason
    (tmp_path / "x.c").write_text("x\n")
    found = resolve_sources(archive, run, ["/usr/src/x.c"], options(source_dirs=(tmp_path,)))
    assert found.files["/usr/src/x.c"].origin == "local"


# -- local trees -----------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "linux"
    (root / "kernel").mkdir(parents=True)
    (root / "kernel" / "fork.c").write_text("right\n")
    (root / "fork.c").write_text("decoy: shorter suffix\n")
    outside = tmp_path / "secret.c"
    outside.write_text("secret\n")
    (root / "kernel" / "evil.c").symlink_to(outside)
    (root / "kernel" / "inside.c").symlink_to(root / "kernel" / "fork.c")
    return root


BUILD_ID = "ab" * 20


def local(archive: Archive, paths: list[str], **kw: object) -> SourceReport:
    return resolve_for_build_ids(archive, [BUILD_ID], paths, options(offline=True, **kw))


def test_source_dir_longest_suffix_wins(archive: Archive, tree: Path) -> None:
    report = local(archive, ["/usr/src/linux-6.1/kernel/fork.c", "kernel/inside.c"],
                   source_dirs=(tree,))
    assert report.files["/usr/src/linux-6.1/kernel/fork.c"].text == b"right\n"
    # A symlink that stays inside the root is fine.
    assert report.files["kernel/inside.c"].text == b"right\n"
    # Found locally with a build-id: stored for offline rendering.
    assert set(sourcestore.stored_sources(archive, BUILD_ID, ["/usr/src/linux-6.1/kernel/fork.c"])) == {
        "/usr/src/linux-6.1/kernel/fork.c"
    }


def test_source_map_substitutes_a_prefix(archive: Archive, tree: Path) -> None:
    report = local(
        archive,
        ["/build/linux/kernel/fork.c", "/build/linuxish/kernel/fork.c"],
        source_maps=(("/build/linux", str(tree)),),
    )
    assert report.files["/build/linux/kernel/fork.c"].where == str(tree / "kernel" / "fork.c")
    # Prefixes match whole components only.
    assert "/build/linuxish/kernel/fork.c" in report.misses


def test_a_local_miss_says_where_it_looked(archive: Archive, tree: Path) -> None:
    report = local(
        archive,
        ["/build/linux/kernel/exit.c"],
        source_maps=(("/build/linux", str(tree)),),
        source_dirs=(tree,),
    )
    reason = report.misses["/build/linux/kernel/exit.c"].reason
    assert f"--source-map /build/linux={tree} gives {tree / 'kernel' / 'exit.c'}, which is" \
        " not a readable file there" in reason
    assert f"no file under --source-dir {tree} ends with exit.c" in reason


def test_escaping_symlinks_are_refused_and_reported(archive: Archive, tree: Path) -> None:
    report = local(archive, ["/x/kernel/evil.c"], source_dirs=(tree,),
                   source_maps=(("/x", str(tree)),))
    assert "/x/kernel/evil.c" in report.misses
    assert any("symlink" in n and "outside the source root" in n for n in report.notes)


@pytest.mark.parametrize("path", ["/x/kernel/../../secret.c", "kernel/../../secret.c"])
def test_dotdot_is_refused_and_reported(archive: Archive, tree: Path, path: str) -> None:
    report = local(archive, [path], source_dirs=(tree,), source_maps=(("/x", str(tree)),))
    assert path in report.misses
    assert any("'..'" in n for n in report.notes)
    assert not report.files


# -- the elfutils client cache -----------------------------------------------------------


def test_elfutils_cache_filled_by_debuginfod_find(
    debuginfod_server: Server, served: dict[str, Path], archive: Archive, tmp_path: Path
) -> None:
    find = require_tool("debuginfod-find", "debuginfod")
    url = debuginfod_server(served["elf"])
    build_id = bid(served, "prog5")
    cache = tmp_path / "cache"
    env = {**os.environ, "DEBUGINFOD_URLS": url, "DEBUGINFOD_CACHE_PATH": str(cache)}
    main_c = str(served["src"] / "main.c")
    got = subprocess.run([find, "source", build_id, main_c], env=env, capture_output=True,
                         text=True, check=True).stdout.strip()
    subprocess.run([find, "source", build_id, "/nowhere/gone.c"], env=env, capture_output=True)
    run = make_run(archive, build_id)
    report = resolve_sources(
        archive, run, [main_c, "/nowhere/gone.c"],
        SourceOptions(env={"DEBUGINFOD_CACHE_PATH": str(cache)}, recorded_paths=False),
    )
    f = report.files[main_c]
    assert (f.origin, f.where) == ("elfutils-cache", got)
    assert f.text == (served["src"] / "main.c").read_bytes()
    assert "elfutils cache remembers it as missing" in report.misses["/nowhere/gone.c"].reason


def test_elfutils_0192_cache_names_are_read(archive: Archive, tmp_path: Path) -> None:
    # elfutils >= 0.192 is not packaged here: the entry is written under the name that
    # version computes (path_escape, cross-checked against its C in a doctest).
    path = "/usr/src/debug/pkg-1.0/src/a+b.c"
    entry = tmp_path / "cache" / BUILD_ID / elfutils_cache_names(path)[1]
    entry.parent.mkdir(parents=True)
    entry.write_bytes(b"int x;\n")
    cache_env = {"DEBUGINFOD_CACHE_PATH": str(tmp_path / "cache")}
    report = resolve_for_build_ids(archive, [BUILD_ID], [path], SourceOptions(env=cache_env))
    assert report.files[path].origin == "elfutils-cache"
    assert report.files[path].text == b"int x;\n"


def test_no_server_configured(archive: Archive) -> None:
    report = resolve_for_build_ids(archive, [BUILD_ID], ["/a.c"], options())
    assert "no debuginfod server is configured" in report.misses["/a.c"].reason
    assert "DEBUGINFOD_URLS" in report.misses["/a.c"].fix


def test_read_only_archive_notes_that_nothing_was_stored(
    archive: Archive, tree: Path, tmp_path: Path
) -> None:
    archive.close()
    with Archive.open(tmp_path / "a.db", readonly=True) as ro:
        report = resolve_for_build_ids(
            ro, [BUILD_ID], ["/k/kernel/fork.c"], options(offline=True, source_dirs=(tree,))
        )
    assert report.files["/k/kernel/fork.c"].origin == "local"
    assert any("not stored" in n for n in report.notes)


# -- errtrail-report fetch ---------------------------------------------------------------


def stored_run(
    path: Path, build_id: str | None, stdout: bytes, stderr: bytes = b"", **meta: Any
) -> int:
    fields: dict[str, Any] = {"target": 'process("/x")', **meta}
    with Archive.open(path) as a:
        run_id = a.create_run(
            RunMeta(command=("stap", "w.stp"), target_build_id=build_id, **fields)
        )
        chunks = [Chunk("stdout", stdout, T0)] + ([Chunk("stderr", stderr, T0)] if stderr else [])
        a.append_chunks(run_id, 0, chunks)
        a.finish_run(run_id, "complete")
    return run_id


def trace(*files: str) -> bytes:
    lines = [b'\nprog[1] process("/x") function(main) $return: -22\n']
    lines += [f"prog[1] {f}:{i + 1} $$vars: x=0x1\n".encode() for i, f in enumerate(files)]
    return b"".join(lines)


def test_fetch_command_prints_where_each_file_came_from(
    debuginfod_server: Server, served: dict[str, Path], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = debuginfod_server(served["elf"])
    monkeypatch.setenv("DEBUGINFOD_CACHE_PATH", str(tmp_path / "cache"))
    db = tmp_path / "f.db"
    main_c = str(served["src"] / "main.c")
    stderr = (
        b'WARNING: probe process("/x").statement("main@/nowhere/unprobed.c:3") (address 0x1)'
        b" registration error [man warning::pass5] (rc -84)\n"
    )
    run_id = stored_run(db, bid(served, "prog5"), trace(main_c, main_c, "/nowhere/gone.c"), stderr)
    runner = CliRunner()
    result = runner.invoke(main, ["fetch", str(run_id), "--archive", str(db),
                                  "--debuginfod-url", url])
    assert result.exit_code == 1, result.output  # gone.c and unprobed.c are missing
    lines = result.output.splitlines()
    assert lines[0].startswith(f"run {run_id} (")
    assert "file(s)" in lines[0] and "1 found" in lines[0]
    assert lines[1].split() == ["FILE", "FROM", "WHERE", "/", "WHY"]
    rows = {line.split()[0]: line for line in lines[2:]}
    # main.c exists at the path the trace names (the server reads it there too): read
    # from there first, as gdb would.
    assert rows[main_c].split()[1:] == ["recorded-path", main_c]
    assert rows["/nowhere/gone.c"].split()[1] == "missing"
    assert "404 from" in rows["/nowhere/gone.c"]
    # The registration failure's file is asked for too (it may be the culprit).
    assert "/nowhere/unprobed.c" in rows

    offline = runner.invoke(main, ["fetch", str(run_id), "--archive", str(db), "--offline"])
    assert offline.exit_code == 1, offline.output
    assert {line.split()[0]: line.split()[1] for line in offline.output.splitlines()[2:]}[
        main_c
    ] == "archive"


def test_fetch_all_and_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUGINFOD_CACHE_PATH", str(tmp_path / "cache"))
    db = tmp_path / "f.db"
    src = tmp_path / "tree"
    src.mkdir()
    (src / "a.c").write_text("a\n")
    stored_run(db, BUILD_ID, trace("/build/a.c"))
    stored_run(db, None, trace("/build/b.c"))
    runner = CliRunner()
    result = runner.invoke(main, ["fetch", "--all", "--archive", str(db), "--offline",
                                  "--source-dir", str(src)])
    assert result.exit_code == 1, result.output  # run 2's b.c is missing
    assert "run 1 (" in result.output and "run 2 (" in result.output
    assert "build-id none recorded" in result.output
    assert "no build-id was recorded" in result.output
    both = runner.invoke(main, ["fetch", "1", "--all", "--archive", str(db)])
    assert both.exit_code == 2 and "not both" in both.output
    bad_map = runner.invoke(main, ["fetch", "1", "--archive", str(db), "--source-map", "x"])
    assert bad_map.exit_code == 2 and "FROM=TO" in bad_map.output
    # A TO that is not there would make every file under FROM silently missing.
    gone = runner.invoke(main, ["fetch", "1", "--archive", str(db), "--source-map",
                                f"/build={tmp_path / 'nowhere'}"])
    assert gone.exit_code == 2
    assert f"--source-map /build={tmp_path / 'nowhere'}: {tmp_path / 'nowhere'} does not" \
        " exist here" in " ".join(gone.output.split())
    missing = runner.invoke(main, ["fetch", "1", "--archive", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and missing.output.startswith("Error: no archive at")


# -- kernel targets, remembered misses ------------------------------------------------


def test_kernel_module_target_falls_through_to_the_kernel_build_id(
    debuginfod_server: Server, served: dict[str, Path], archive: Archive
) -> None:
    url = debuginfod_server(served["elf"])
    run_id = archive.create_run(
        RunMeta(command=("stap",), target='module("x")', target_build_id=bid(served, "prog4"),
                kernel_build_id=bid(served, "progsplit"))
    )
    report = resolve_sources(archive, archive.get_run(run_id), ["s.c"], options(url))
    f = report.files["s.c"]
    assert f.build_id == bid(served, "progsplit")
    assert f.text == (served["split"] / "s.c").read_bytes()


def test_misses_expire_and_unindexable_build_ids_are_remembered(
    debuginfod_server: Server, served: dict[str, Path], archive: Archive
) -> None:
    url = debuginfod_server(served["elf"])
    run = make_run(archive, "cd" * 20, target="kernel")
    first = resolve_sources(archive, run, ["kernel/fork.c", "/abs/x.c"], options(url))
    assert "could not be fetched" in first.misses["kernel/fork.c"].reason
    assert "stap-prep" in first.misses["/abs/x.c"].fix
    assert "404 from" in first.misses["kernel/fork.c"].reason
    again = resolve_sources(archive, run, ["kernel/fork.c", "/abs/x.c"], options(url))
    assert all("remembered" in m.reason for m in again.misses.values())
    # Another server set is asked afresh; so is the same one once the miss has aged.
    two = SourceOptions(debuginfod_urls=(url, "http://127.0.0.1:9"), env=options().env)
    other = resolve_sources(archive, run, ["/abs/x.c"], two)
    assert "remembered" not in other.misses["/abs/x.c"].reason
    later = resolve_sources(archive, run, ["kernel/fork.c", "/abs/x.c"], options(url),
                            clock=lambda: T0 + timedelta(hours=2))
    assert not any("remembered" in m.reason for m in later.misses.values())


def test_an_unreachable_server_is_asked_once_for_a_comp_dir(archive: Archive) -> None:
    # A server that accepts connections and never answers (a hand-written fault: a
    # real debuginfod answers). Learning a relative path's comp_dir asks for the line
    # sections, then the debuginfo, then the executable; when the first request got
    # no answer at all the other two would only wait out the timeout again.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        run = make_run(archive, "cd" * 20, target="kernel")
        env = {"DEBUGINFOD_CACHE_PATH": "/nonexistent/errtrail-test-cache",
               "DEBUGINFOD_TIMEOUT": "1", "DEBUGINFOD_RETRY_LIMIT": "0"}
        report = resolve_sources(
            archive, run, ["kernel/x.c"], SourceOptions(debuginfod_urls=(url,), env=env)
        )
        # One round, not three: the connections the server never accepted wait in its
        # backlog, one per request made, each request's line readable there.
        listener.setblocking(False)
        asked = []
        with contextlib.suppress(BlockingIOError):
            while True:
                conn = listener.accept()[0]
                with conn:
                    conn.setblocking(True)
                    asked.append(conn.recv(4096).split(b"\r\n", 1)[0].decode())
    reason = report.misses["kernel/x.c"].reason
    assert "could not be fetched to learn its compilation directory" in reason
    assert reason.count(url) == 1, reason
    # The compilation directory's two line-table sections, asked for at once, once.
    assert sorted(asked) == [f"GET /buildid/{'cd' * 20}/section/{name} HTTP/1.1"
                             for name in (".debug_line", ".debug_line_str")], asked


# -- the file at its recorded path -------------------------------------------------------


def recorded(**kw: Any) -> SourceOptions:
    """Offline (reading a recorded path is not the network), recorded paths on."""
    return options(**{"offline": True, "recorded_paths": True, **kw})


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    """A checkout at the path a trace names, as DWARF records it: .../proj/src/parse.c."""
    src = tmp_path / "proj" / "src"
    src.mkdir(parents=True)
    (src / "parse.c").write_text("int parse(void)\n{\n\treturn -22;\n}\n")
    return src / "parse.c"


def test_a_file_at_its_recorded_path_is_read_without_source_dir(
    archive: Archive, proj: Path
) -> None:
    assert "recorded-path" in ORIGINS
    run = make_run(archive, BUILD_ID)
    path = str(proj)
    report = resolve_sources(archive, run, [path], recorded())
    f = report.files[path]
    assert (f.origin, f.where, f.resolved_path) == ("recorded-path", path, path)
    assert f.text == proj.read_bytes()
    assert f.mtime == iso(datetime.fromtimestamp(proj.stat().st_mtime, timezone.utc))
    assert report.rows() == [(path, "recorded-path", path)]
    # Stored like a file from --source-dir, so the archive renders where it is not.
    row = sourcestore.stored_sources(archive, BUILD_ID, [path])[path]
    assert (row["origin_kind"], row["origin"], row["data"]) == ("local", path, f.text)
    proj.unlink()
    again = resolve_sources(archive, run, [path], recorded())
    assert (again.files[path].origin, again.files[path].where) == ("archive", path)
    assert again.files[path].text == f.text


def test_a_recorded_path_is_read_without_a_build_id_too(archive: Archive, proj: Path) -> None:
    report = resolve_sources(archive, make_run(archive, None), [str(proj)], recorded())
    assert report.files[str(proj)].origin == "recorded-path"
    gone = resolve_sources(archive, make_run(archive, None), ["/nowhere/x.c"], recorded())
    assert "no build-id was recorded" in gone.misses["/nowhere/x.c"].reason


def test_source_dir_wins_over_the_recorded_path_and_the_archive_over_both(
    archive: Archive, proj: Path, tmp_path: Path
) -> None:
    tree = tmp_path / "tree"
    (tree / "src").mkdir(parents=True)
    (tree / "src" / "parse.c").write_text("from the tree\n")
    run = make_run(archive, BUILD_ID)
    path = str(proj)
    first = resolve_sources(archive, run, [path], recorded(source_dirs=(tree,)))
    assert (first.files[path].origin, first.files[path].text) == ("local", b"from the tree\n")
    # Stored: the archive's copy now comes before the file at the recorded path ...
    second = resolve_sources(archive, run, [path], recorded())
    assert (second.files[path].origin, second.files[path].text) == (
        "archive", b"from the tree\n"
    )
    # ... and before --source-dir.
    third = resolve_sources(archive, run, [path], recorded(source_dirs=(tree,)))
    assert third.files[path].origin == "archive"
    # --refresh skips the archive: the recorded path serves when no tree is given.
    fresh = resolve_sources(archive, run, [path], recorded(refresh=True))
    assert (fresh.files[path].origin, fresh.files[path].text) == ("recorded-path",
                                                                  proj.read_bytes())


def test_a_recorded_path_of_another_version_is_refused(
    proj: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEBUGINFOD_CACHE_PATH", str(tmp_path / "cache"))
    db = tmp_path / "f.db"
    path = str(proj)  # 4 lines; the trace names lines 1 to 6 of it
    run_id = stored_run(db, BUILD_ID, trace(*[path] * 6))
    result = CliRunner().invoke(main, ["fetch", str(run_id), "--archive", str(db), "--offline"])
    assert result.exit_code == 1, result.output  # the one file is missing
    assert "0 found, 1 missing" in result.output.splitlines()[0]
    (row,) = [line for line in result.output.splitlines() if line.startswith(path)]
    assert row.split()[1] == "missing"
    assert f"{path} is not the version that was traced: the file found has 4 lines, but" \
        " the trace names line 6 of it" in row


def test_a_relative_path_is_never_read_from_the_cwd(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rel = "kernel/events/core.c"
    cwd = tmp_path / "cwd"
    (cwd / "kernel" / "events").mkdir(parents=True)
    (cwd / rel).write_text("a decoy in the current directory\n")
    monkeypatch.chdir(cwd)
    paths = [rel, "./" + rel]
    # No build-id; a build-id whose DWARF records a relative comp_dir (Debian
    # kernels); a build-id whose DWARF index is not known (offline).
    no_id = resolve_sources(archive, make_run(archive, None, target="kernel"), paths, recorded())
    sourcestore.store_build_id_files(archive, BUILD_ID, [(".", rel)])
    dot = resolve_for_build_ids(archive, [BUILD_ID], paths, recorded(), kernel=True)
    unknown = resolve_for_build_ids(archive, ["cd" * 20], paths, recorded(), kernel=True)
    for report in (no_id, dot, unknown):
        assert not report.files
        assert sorted(report.misses) == sorted(paths)


def test_a_relative_path_is_read_under_its_absolute_comp_dir(
    archive: Archive, tmp_path: Path
) -> None:
    # Fedora kernels: comp_dir /usr/src/debug/kernel-X/linux-Y, installed with the
    # kernel's debugsource package.
    rel = "kernel/events/core.c"
    comp_dir = tmp_path / "usr" / "src" / "debug" / "linux-6.1"
    (comp_dir / "kernel" / "events").mkdir(parents=True)
    (comp_dir / rel).write_text("int perf_event_open(void);\n")
    sourcestore.store_build_id_files(archive, BUILD_ID, [(str(comp_dir), rel)])
    report = resolve_for_build_ids(archive, [BUILD_ID], [rel], recorded(), kernel=True)
    f = report.files[rel]
    assert (f.origin, f.where, f.resolved_path) == (
        "recorded-path", str(comp_dir / rel), str(comp_dir / rel)
    )


def test_recorded_paths_can_be_turned_off(archive: Archive, proj: Path) -> None:
    report = resolve_sources(archive, make_run(archive, BUILD_ID), [str(proj)],
                             recorded(recorded_paths=False))
    assert "at its recorded path" not in report.misses[str(proj)].reason
    assert not report.files


def test_a_directory_at_the_recorded_path_is_not_a_source(
    archive: Archive, tmp_path: Path
) -> None:
    (tmp_path / "d.c").mkdir()
    fifo = tmp_path / "f.c"
    os.mkfifo(fifo)  # opening it to read would block
    report = resolve_sources(archive, make_run(archive, BUILD_ID),
                             [str(tmp_path / "d.c"), str(fifo)], recorded())
    assert not report.files
    assert "at its recorded path" in report.misses[str(fifo)].reason


# -- files modified after the traced binary ----------------------------------------------

BUILT = datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc)


def touch(path: Path, when: datetime) -> None:
    os.utime(path, (when.timestamp(), when.timestamp()))


@pytest.fixture
def exe(tmp_path: Path) -> Path:
    """A compiled program last modified (built) at BUILT."""
    (tmp_path / "p.c").write_text("int main(void) { return 0; }\n")
    out = compile_c([tmp_path / "p.c"], tmp_path / "bin" / "prog")
    touch(out, BUILT)
    return out


def binary_run(archive: Archive, exe: Path) -> Run:
    return make_run(archive, BUILD_ID, target=f'process("{exe}")', target_mtime=file_mtime(exe))


def test_a_file_modified_after_the_binary_says_so(
    archive: Archive, proj: Path, exe: Path
) -> None:
    run = binary_run(archive, exe)
    binary = traced_binary(run)
    assert binary is not None and (binary.path, binary.mtime) == (str(exe), BUILT)
    touch(proj, BUILT + timedelta(hours=1, seconds=7))
    report = resolve_sources(archive, run, [str(proj)], recorded())
    note = report.files[str(proj)].newer_than_binary
    assert note == (
        f"{proj} was modified (2026-01-05 11:00:07 UTC) after the traced binary ({exe},"
        " built 2026-01-05 10:00:00 UTC): it may not be the source it was built from"
    )
    assert note in report.notes
    # The archive keeps the file's mtime: its copy says the same, wherever it renders.
    again = resolve_sources(archive, run, [str(proj)], recorded())
    assert again.files[str(proj)].origin == "archive"
    assert again.files[str(proj)].newer_than_binary == note and note in again.notes
    # A file that is refused as another version needs no such warning.
    assert note not in again.demote({str(proj): "too short"}).notes


def test_a_file_older_than_the_binary_or_a_run_without_its_mtime_gives_no_note(
    archive: Archive, proj: Path, exe: Path, tmp_path: Path
) -> None:
    tree = tmp_path / "tree"
    (tree / "src").mkdir(parents=True)
    (tree / "src" / "parse.c").write_text("older\n")
    touch(tree / "src" / "parse.c", BUILT - timedelta(minutes=5))
    older = resolve_sources(archive, binary_run(archive, exe), [str(proj)],
                            recorded(source_dirs=(tree,)))
    assert older.files[str(proj)].origin == "local"
    assert older.files[str(proj)].newer_than_binary is None and older.notes == ()
    # Newer than the binary, but the run (an older archive's, an import) has no mtime.
    touch(proj, BUILT + timedelta(days=1))
    no_mtime = resolve_sources(archive, make_run(archive, None, target=f'process("{exe}")'),
                               [str(proj)], recorded())
    assert traced_binary(make_run(archive, None)) is None
    assert no_mtime.files[str(proj)].newer_than_binary is None and no_mtime.notes == ()


def test_a_local_tree_file_newer_than_the_binary_is_shown_by_fetch(
    proj: Path, exe: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEBUGINFOD_CACHE_PATH", str(tmp_path / "cache"))
    tree = tmp_path / "tree"
    (tree / "src").mkdir(parents=True)
    local_copy = tree / "src" / "parse.c"
    local_copy.write_bytes(proj.read_bytes())
    touch(local_copy, BUILT + timedelta(minutes=1))
    db = tmp_path / "f.db"
    run_id = stored_run(db, BUILD_ID, trace(str(proj)), target=f'process("{exe}")',
                        target_mtime=file_mtime(exe))
    result = CliRunner().invoke(main, ["fetch", str(run_id), "--archive", str(db), "--offline",
                                       "--source-dir", str(tree)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        f"note: {local_copy} was modified (2026-01-05 10:01:00 UTC) after the traced binary"
        f" ({exe}, built 2026-01-05 10:00:00 UTC): it may not be the source it was built from"
    )


# -- a stale file does not stand in for the traced version ---------------------------------

STALE = b"int parse(void)\n{\n"  # 2 lines: another version of the file


@pytest.fixture
def packaged(tmp_path: Path) -> dict[str, Any]:
    """A program built from .../proj/src/parse.c, packaged with that source in a tar
    (as a distribution ships binary and source), then the file on disk replaced by a
    stale, shorter version: the recorded path now holds the wrong file."""
    import tarfile

    src = tmp_path / "proj" / "src" / "parse.c"
    src.parent.mkdir(parents=True)
    good = b"int parse(int x)\n{\n\tif (x)\n\t\treturn -22;\n\treturn 0;\n}\n" \
        b"int main(int c, char **v) { return parse(c > 5); }\n"
    src.write_bytes(good)
    exe = compile_c([src], tmp_path / "bin" / "parse")
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    with tarfile.open(pkg / "parse-1.0.tar", "w") as tar:
        for f in (exe, src):
            tar.add(f, arcname="." + str(f))
    src.write_bytes(STALE)
    return {"src": src, "good": good, "build_id": read_build_id(exe), "pkg": pkg}


def test_a_stale_recorded_path_gives_way_to_the_server(
    debuginfod_server: Callable[..., str], packaged: dict[str, Any], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = debuginfod_server(packaged["pkg"], archives=".tar")
    monkeypatch.setenv("DEBUGINFOD_CACHE_PATH", str(tmp_path / "cache"))
    path, db = str(packaged["src"]), tmp_path / "f.db"
    run_id = stored_run(db, packaged["build_id"], trace(*[path] * 6))  # lines 1 to 6
    # An archive from before the check: the stale file was stored as the run's source.
    with Archive.open(db) as a:
        old = resolve_sources(a, a.get_run(run_id), [path], recorded())
    assert (old.files[path].origin, old.files[path].text) == ("recorded-path", STALE)

    def fetch(*args: str) -> list[str]:
        result = CliRunner().invoke(main, ["fetch", str(run_id), "--archive", str(db), *args])
        assert result.exit_code == 0, result.output
        return result.output.splitlines()

    # Neither the archive's copy nor the file at the recorded path is taken: the server
    # is asked, and the note says what was refused and which copy was used.
    out = fetch("--debuginfod-url", url)
    assert "1 found, 0 missing" in out[0]
    (row,) = [line for line in out if line.startswith(path)]
    assert row.split()[1] == "url"
    why = "is not the version that was traced: the file found has 2 lines, but the trace" \
        " names line 6 of it"
    served_at = f"{url}/buildid/{packaged['build_id']}/source{path}"
    assert out[-1] == (
        f"note: the archive's copy ({path}) {why}; {path} {why}: used {served_at} (url)"
        " instead"
    )
    # The server's copy replaced the stale one in the archive: offline, it is used.
    offline = fetch("--offline")
    (row,) = [line for line in offline if line.startswith(path)]
    assert row.split()[1:] == ["archive", served_at]
    assert not [line for line in offline if line.startswith("note:")]
    with Archive.open(db, readonly=True) as a:
        assert sourcestore.stored_sources(a, packaged["build_id"], [path])[path]["data"] == packaged["good"]


def test_a_stale_local_file_gives_way_to_the_next_origin(
    archive: Archive, proj: Path, tmp_path: Path
) -> None:
    # The file at the recorded path (proj: 4 lines) and a --source-dir copy (3 lines)
    # end before line 6, which the trace names; the elfutils cache holds the right one.
    path, right = str(proj), b"".join(b"line %d\n" % n for n in range(1, 9))
    stale_tree = tmp_path / "stale" / "src"
    stale_tree.mkdir(parents=True)
    (stale_tree / "parse.c").write_bytes(b"1\n2\n3\n")
    cache = tmp_path / "cache"
    (cache / BUILD_ID).mkdir(parents=True)
    (cache / BUILD_ID / elfutils_cache_names(path)[0]).write_bytes(right)
    run = make_run(archive, BUILD_ID)
    opts = SourceOptions(offline=True, source_dirs=(tmp_path / "stale",),
                         env={"DEBUGINFOD_CACHE_PATH": str(cache)})
    report = resolve_sources(archive, run, [path], opts, highest_lines={path: 6})
    f = report.files[path]
    assert (f.origin, f.text) == ("elfutils-cache", right)
    (note,) = report.notes
    assert note.startswith(f"{stale_tree / 'parse.c'} is not the version that was traced: the"
                           " file found has 3 lines, but the trace names line 6 of it; "
                           f"{path} is not the version that was traced: the file found has 4")
    assert note.endswith(f": used {f.where} (elfutils-cache) instead")
    # A second --source-dir with the right version serves before the recorded path.
    good_tree = tmp_path / "good" / "src"
    good_tree.mkdir(parents=True)
    (good_tree / "parse.c").write_bytes(right)
    both = resolve_sources(
        archive, run, [path],
        recorded(refresh=True, source_dirs=(tmp_path / "stale", tmp_path / "good")),
        highest_lines={path: 6},
    )
    assert (both.files[path].origin, both.files[path].where) == (
        "local", str(good_tree / "parse.c")
    )
    # Without the traced lines nothing is refused (the callers always pass them).
    plain = resolve_sources(archive, run, [path], recorded(refresh=True))
    assert plain.files[path].origin == "recorded-path" and plain.notes == ()


def test_an_archive_copy_that_is_too_short_is_not_used(archive: Archive, proj: Path) -> None:
    path = str(proj)
    run = make_run(archive, BUILD_ID)
    resolve_sources(archive, run, [path], recorded())  # stores the 4-line file
    proj.unlink()
    report = resolve_sources(archive, run, [path], recorded(), highest_lines={path: 6})
    assert not report.files
    miss = report.misses[path]
    assert miss.reason.startswith(
        f"the archive's copy ({path}) is not the version that was traced: the file found"
        " has 4 lines, but the trace names line 6 of it; no other copy was found: not in"
    )
    assert miss.fix.startswith("give the tree the traced binary was built from")
    # A file that reaches the traced lines is used as before.
    fits = resolve_sources(archive, run, [path], recorded(), highest_lines={path: 4})
    assert fits.files[path].origin == "archive"


# -- answers that cannot be source (a hand-written server: a real debuginfod never
# sends these, a captive portal or a misconfigured proxy does) -------------------------


@pytest.fixture
def portal() -> Iterator[Callable[[str, bytes], str]]:
    """``serve(content_type, body)``: the URL of a server answering 200 with that body
    for every path."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from threading import Thread

    answer: dict[str, Any] = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", answer["type"])
            self.send_header("Content-Length", str(len(answer["body"])))
            self.end_headers()
            self.wfile.write(answer["body"])

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()

    def serve(content_type: str, body: bytes) -> str:
        answer.update(type=content_type, body=body)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield serve
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("content_type, body, why", [
    ("text/html", b"<!DOCTYPE html><form>Log in to the guest network</form>", "an HTML page"),
    ("application/octet-stream", b"<html><body>Sign in</body></html>", "an HTML page"),
    ("text/plain", b"int f(void)\x00\x00\x01", "NUL bytes"),
])
def test_an_answer_that_cannot_be_source_is_refused_and_nothing_is_stored(
        archive: Archive, portal: Callable[[str, bytes], str], content_type: str, body: bytes,
        why: str) -> None:
    run = make_run(archive, "ab" * 20)
    report = resolve_sources(archive, run, ["/usr/src/x.c"], options(portal(content_type, body)))
    miss = report.misses["/usr/src/x.c"]
    assert why in miss.reason and "nothing was stored" in miss.reason, miss.reason
    assert "/usr/src/x.c" not in report.files
    assert sourcestore.stored_sources(archive, "ab" * 20, ["/usr/src/x.c"]) == {}
    assert sourcestore.source_misses(archive, "ab" * 20) == {}  # asked again next time


def test_servers_marked_ima_enforcing_are_not_asked_and_say_why(
        archive: Archive, portal: Callable[[str, bytes], str]) -> None:
    url = portal("text/plain", b"int f(void) { return 0; }\n")
    run = make_run(archive, "cd" * 20)
    report = resolve_sources(archive, run, ["/usr/src/y.c"],
                             options(None, env={"DEBUGINFOD_URLS": f"ima:enforcing {url}"}))
    reason = report.misses["/usr/src/y.c"].reason
    assert "every debuginfod server is marked ima:enforcing" in reason
    assert any(f"{url} not asked: marked ima:enforcing" in n for n in report.notes)
    # The same server after ima:ignore is asked and gives the file.
    report = resolve_sources(archive, run, ["/usr/src/y.c"],
                             options(None, env={"DEBUGINFOD_URLS":
                                                f"ima:enforcing ima:ignore {url}"}))
    assert report.files["/usr/src/y.c"].origin == "url"


# -- files too large to read as source --------------------------------------------------


def test_a_local_file_over_the_size_limit_is_a_miss_that_says_how_to_read_it(
        archive: Archive, tmp_path: Path) -> None:
    big_tree, small_tree = tmp_path / "big", tmp_path / "small"
    (big_tree / "kernel").mkdir(parents=True)
    huge = big_tree / "kernel" / "gen.c"
    with open(huge, "wb") as f:
        f.truncate(17 << 20)  # sparse: a size on disk, no bytes to read
    report = local(archive, ["kernel/gen.c"], source_dirs=(big_tree,))
    miss = report.misses["kernel/gen.c"]
    assert miss.reason.startswith(
        f"{huge} is 17 MiB, more than the 16 MiB errtrail reads as a source file; set"
        f" DEBUGINFOD_MAXSIZE={17 << 20} (bytes) or more to allow it; no other copy was found"
    ), miss.reason
    assert miss.fix.startswith("set DEBUGINFOD_MAXSIZE to the file's size in bytes or more")
    # Refused for its size, not looked past: no shorter suffix (gen.c) was tried.
    assert "locally" not in miss.reason
    assert sourcestore.stored_sources(archive, BUILD_ID, ["kernel/gen.c"]) == {}
    # Resolution goes on past the refused file, and says which copy it used.
    (small_tree / "kernel").mkdir(parents=True)
    (small_tree / "kernel" / "gen.c").write_text("int f(void);\n")
    report = local(archive, ["kernel/gen.c"], source_dirs=(big_tree, small_tree))
    assert report.files["kernel/gen.c"].text == b"int f(void);\n"
    assert f"{huge} is 17 MiB" in " ".join(report.notes)
    assert f"used {small_tree / 'kernel' / 'gen.c'} (local) instead" in " ".join(report.notes)


def test_debuginfod_maxsize_sets_the_limit_for_local_files(archive: Archive, proj: Path) -> None:
    # A file at its recorded path, 36 bytes.
    path = str(proj)
    size = proj.stat().st_size
    run = make_run(archive, None)
    low = resolve_sources(archive, run, [path], recorded(env={"DEBUGINFOD_MAXSIZE": "10"}))
    assert low.misses[path].reason.startswith(
        f"{path} ({size} bytes) is more than DEBUGINFOD_MAXSIZE=10 bytes; raise"
        " DEBUGINFOD_MAXSIZE to allow it"), low.misses[path].reason
    enough = resolve_sources(archive, run, [path],
                             recorded(env={"DEBUGINFOD_MAXSIZE": str(size)}))
    assert enough.files[path].origin == "recorded-path"


def test_a_server_answer_over_the_size_limit_is_not_remembered(
        archive: Archive, portal: Callable[[str, bytes], str]) -> None:
    body = b"int x1;\n" * (17 << 17)  # 17 MiB
    url = portal("text/plain", body)
    run = make_run(archive, "ef" * 20)
    report = resolve_sources(archive, run, ["/usr/src/gen.c"], options(url))
    miss = report.misses["/usr/src/gen.c"]
    assert miss.reason.startswith(
        "/usr/src/gen.c is 17 MiB, more than the 16 MiB errtrail reads as a source file; set"
        f" DEBUGINFOD_MAXSIZE={len(body)} (bytes) or more to allow it (Content-Length from"
        f" {url}/buildid/"), miss.reason
    assert miss.fix.startswith("set DEBUGINFOD_MAXSIZE")
    assert sourcestore.source_misses(archive, "ef" * 20) == {}
    # So that raising the limit reads it at once, without --refresh.
    report = resolve_sources(archive, run, ["/usr/src/gen.c"],
                             options(url, env={"DEBUGINFOD_MAXSIZE": str(len(body))}))
    assert report.files["/usr/src/gen.c"].text == body
    stored = sourcestore.stored_sources(archive, "ef" * 20, ["/usr/src/gen.c"])
    assert stored["/usr/src/gen.c"]["data"] == body
