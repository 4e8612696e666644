"""reporter.debuginfod against the real elfutils debuginfod, and a small local HTTP
server for the faults a real server does not produce (500, stall, truncated body,
oversized body, redirect loop)."""

from __future__ import annotations

import io
import itertools
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reporter.debuginfod import (
    DEFAULT_MAXTIME_S,
    DEFAULT_SOURCE_MAXSIZE,
    Client,
    ClientConfig,
    DebuginfodError,
    Fetched,
    FetchFailure,
    InvalidBuildIdError,
    Progress,
    Request,
    SourceLimit,
    artefact_path,
)
from tests.conftest import compile_c, read_build_id

# -- programs served by the real server ------------------------------------------------


@pytest.fixture(scope="module")
def programs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | str]:
    root = tmp_path_factory.mktemp("served")
    src = root / "src"
    src.mkdir()
    odd = src / "sp ace#1+2%3.c"
    odd.write_text("int odd(void) { return 1; }\n")
    main = src / "main.c"
    main.write_text("int odd(void);\nint main(void) { return odd(); }\n")
    other = src / "other.c"
    other.write_text("int main(void) { return 7; }\n")
    one = compile_c([main, odd], root / "elf1" / "prog", "-gdwarf-5")
    two = compile_c([other], root / "elf2" / "other", "-gdwarf-4")
    return {
        "elf1": root / "elf1",
        "elf2": root / "elf2",
        "prog": one,
        "prog_id": read_build_id(one),
        "other_id": read_build_id(two),
        "odd": odd,
        "main": main,
        "other": other,
    }


def client(*urls: str, **kw: object) -> Client:
    return Client(ClientConfig(urls=tuple(u.rstrip("/") + "/" for u in urls), **kw),  # type: ignore[arg-type]
                  log=io.StringIO())


def test_fetches_a_source_whose_name_needs_escaping(debuginfod_server, programs) -> None:  # type: ignore[no-untyped-def]
    url = debuginfod_server(programs["elf1"])
    with client(url) as c:
        got = c.fetch(Request(programs["prog_id"], "source", str(programs["odd"])))
    assert isinstance(got, Fetched)
    assert got.data == programs["odd"].read_bytes()
    assert "/sp%20ace%231%2B2%253.c" in got.url
    assert got.url.startswith(url + "/buildid/")


def test_sections_and_debuginfo(debuginfod_server, programs) -> None:  # type: ignore[no-untyped-def]
    url = debuginfod_server(programs["elf1"])
    with client(url) as c:
        line, info = c.fetch_many(
            [Request(programs["prog_id"], "section", ".debug_line"),
             Request(programs["prog_id"], "debuginfo")]
        )
    assert isinstance(line, Fetched) and isinstance(info, Fetched)
    assert info.data == programs["prog"].read_bytes()
    assert len(line.data) > 0


def test_404_is_not_found(debuginfod_server, programs) -> None:  # type: ignore[no-untyped-def]
    url = debuginfod_server(programs["elf1"])
    with client(url) as c:
        got = c.fetch(Request(programs["prog_id"], "source", "/nowhere/x.c"))
    assert isinstance(got, FetchFailure)
    assert got.kind == "not_found"
    assert got.describe() == f"404 from {url}/buildid/{programs['prog_id']}/source/nowhere/x.c"


def test_two_servers_one_lacks_the_file(debuginfod_server, programs) -> None:  # type: ignore[no-untyped-def]
    first = debuginfod_server(programs["elf1"])
    second = debuginfod_server(programs["elf2"])
    with client(first, second) as c:
        got, missing = c.fetch_many(
            [Request(programs["other_id"], "source", str(programs["other"])),
             Request(programs["other_id"], "source", "/nowhere/y.c")]
        )
    assert isinstance(got, Fetched) and got.url.startswith(second)
    assert got.data == programs["other"].read_bytes()
    assert isinstance(missing, FetchFailure) and missing.kind == "not_found"
    # Both servers are named, in configuration order.
    assert [a.url.split("/buildid")[0] for a in missing.attempts] == [first, second]


def test_maxsize_is_sent_and_406_understood(debuginfod_server, programs) -> None:  # type: ignore[no-untyped-def]
    url = debuginfod_server(programs["elf1"])
    with client(url, maxsize=10) as c:
        got = c.fetch(Request(programs["prog_id"], "source", str(programs["main"])))
    assert isinstance(got, FetchFailure) and got.kind == "too_large"
    assert "406" in got.describe() and "DEBUGINFOD_MAXSIZE=10" in got.describe()


def test_a_source_over_the_default_limit_is_refused_by_the_server(  # type: ignore[no-untyped-def]
        debuginfod_server, tmp_path: Path) -> None:
    # A C file one byte past the limit (most of it a comment, which gcc reads fast):
    # errtrail asks for at most the default, and debuginfod answers 406 unsent.
    src = tmp_path / "big.c"
    head = b"int main(void) { return 0; }\n/*"
    src.write_bytes(head + b"x" * (DEFAULT_SOURCE_MAXSIZE + 1 - len(head) - 3) + b"*/\n")
    assert src.stat().st_size == DEFAULT_SOURCE_MAXSIZE + 1
    elf = compile_c([src], tmp_path / "elf" / "big")
    url = debuginfod_server(tmp_path / "elf")
    with client(url) as c:
        got = c.fetch(Request(read_build_id(elf), "source", str(src)))
    assert isinstance(got, FetchFailure) and got.kind == "too_large", got
    assert got.describe().startswith(
        f"{src} is more than the 16 MiB errtrail reads as a source file; set"
        " DEBUGINFOD_MAXSIZE to its size in bytes or more to allow it (406 from")
    # DEBUGINFOD_MAXSIZE raises it (debuginfod-client-config(7)'s own setting).
    with client(url, maxsize=DEFAULT_SOURCE_MAXSIZE + 1) as c:
        got = c.fetch(Request(read_build_id(elf), "source", str(src)))
    assert isinstance(got, Fetched) and got.data == src.read_bytes()


def test_many_sources_keep_their_order(debuginfod_server, programs) -> None:  # type: ignore[no-untyped-def]
    url = debuginfod_server(programs["elf1"])
    wanted = [programs["main"], programs["odd"]] * 10
    with client(url, parallel=4) as c:
        got = c.fetch_many(
            [Request(programs["prog_id"], "source", str(p)) for p in wanted]
        )
    assert [g.data for g in got if isinstance(g, Fetched)] == [p.read_bytes() for p in wanted]


# -- validation before any URL ---------------------------------------------------------


@pytest.mark.parametrize("bad", ["ABCD", "abc", "xyz0", "", "a" * 130, "../etc"])
def test_bad_build_ids_are_refused_before_any_request(bad: str, faults: Faults) -> None:
    with client(faults.url("ok")) as c, pytest.raises(InvalidBuildIdError):
        c.fetch(Request(bad, "debuginfo"))
    assert faults.requests == []


def test_relative_source_path_is_refused() -> None:
    with pytest.raises(DebuginfodError, match="not absolute"):
        artefact_path("ab", "source", "kernel/fork.c")


def test_config_from_environment(tmp_path: Path) -> None:
    headers = tmp_path / "headers"
    headers.write_text("Authorization: Bearer xyz\nnot a header\nX-Extra:  1 \n")
    config = ClientConfig.from_env(
        {
            "DEBUGINFOD_URLS": "http://a:1 ima:ignore https://b/x/ http://a:1 ima:enforcing https://c",
            "DEBUGINFOD_TIMEOUT": "7",
            "DEBUGINFOD_MAXSIZE": "1000",
            "DEBUGINFOD_MAXTIME": "3",
            "DEBUGINFOD_RETRY_LIMIT": "5",
            "DEBUGINFOD_HEADERS_FILE": str(headers),
            "DEBUGINFOD_VERBOSE": "1",
        },
        stderr_is_tty=False,
    )
    assert config.urls == ("http://a:1/", "https://b/x/")
    # Servers under a tag that asks for IMA verification are not asked, with why;
    # ima:permissive (in a draft, never released) is no weaker than enforcing.
    assert [url for url, _ in config.refused] == ["https://c"]
    assert ClientConfig.from_env({"DEBUGINFOD_URLS": "ima:permissive http://d"}).urls == ()
    assert (config.timeout, config.maxsize, config.maxtime, config.retry_limit) == (7, 1000, 3, 5)
    assert config.headers == (("Authorization", "Bearer xyz"), ("X-Extra", "1"))
    assert config.verbose and not config.progress
    # --debuginfod-url replaces DEBUGINFOD_URLS
    assert ClientConfig.from_env({"DEBUGINFOD_URLS": "http://a"}, urls=["http://c"]).urls == (
        "http://c/",
    )
    with pytest.raises(DebuginfodError, match="DEBUGINFOD_TIMEOUT"):
        ClientConfig.from_env({"DEBUGINFOD_TIMEOUT": "soon"})
    with pytest.raises(DebuginfodError, match="not http"):
        ClientConfig.from_env({"DEBUGINFOD_URLS": "file:///srv"})


def test_the_source_limit_is_debuginfod_maxsize_when_set() -> None:
    # Read as ClientConfig reads DEBUGINFOD_MAXSIZE (0 or less: not set).
    assert SourceLimit.from_env({}) == SourceLimit(DEFAULT_SOURCE_MAXSIZE, by_env=False)
    assert SourceLimit.from_env({"DEBUGINFOD_MAXSIZE": "1000"}) == SourceLimit(1000, by_env=True)
    assert SourceLimit.from_env({"DEBUGINFOD_MAXSIZE": "0"}).size == DEFAULT_SOURCE_MAXSIZE
    assert SourceLimit.of(ClientConfig.from_env({"DEBUGINFOD_MAXSIZE": "77"}).maxsize) == \
        SourceLimit.from_env({"DEBUGINFOD_MAXSIZE": "77"})
    with pytest.raises(DebuginfodError, match="DEBUGINFOD_MAXSIZE"):
        SourceLimit.from_env({"DEBUGINFOD_MAXSIZE": "big"})


def test_progress_only_on_a_terminal() -> None:
    assert not ClientConfig.from_env({}, stderr_is_tty=False).progress
    assert ClientConfig.from_env({}, stderr_is_tty=True).progress
    assert not ClientConfig.from_env({"DEBUGINFOD_PROGRESS": "0"}, stderr_is_tty=True).progress


# -- the fault server -----------------------------------------------------------------


class Faults:
    """A local HTTP/1.1 server whose first path component picks a misbehaviour."""

    def __init__(self, tls: tuple[Path, Path] | None = None) -> None:
        self.requests: list[tuple[str, dict[str, str], int]] = []
        self.lock = threading.Lock()
        self.sent = 0  # body bytes the huge modes wrote
        self.trickled = 0  # bytes the trickle mode wrote
        self.stalls_answered = 0  # stall mode answers sent (after 3 s)
        self.large_size = 96 << 20
        faults = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                with faults.lock:
                    faults.requests.append(
                        (self.path, dict(self.headers.items()), self.client_address[1])
                    )
                mode = self.path.split("/")[1]
                body = b"x" * 1000
                if mode == "500":
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif mode == "stall":
                    time.sleep(3)
                    with faults.lock:
                        faults.stalls_answered += 1
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif mode == "truncated":
                    self.send_response(200)
                    self.send_header("Content-Length", "1000")
                    self.end_headers()
                    self.wfile.write(body[:500])
                    self.wfile.flush()
                    self.close_connection = True
                elif mode == "big":
                    # Ignores X-DEBUGINFOD-MAXSIZE and declares no length.
                    self.send_response(200)
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.wfile.write(b"y" * 100_000)
                    self.close_connection = True
                elif mode == "bigdeclared":
                    self.send_response(200)
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    self.close_connection = True
                elif mode in ("huge", "hugedeclared", "large"):
                    # huge: 64 MiB, no length, the X-DEBUGINFOD-MAXSIZE header ignored;
                    # hugedeclared: 17 MiB declared; large: faults.large_size declared.
                    size = {"huge": 64 << 20, "hugedeclared": 17 << 20}.get(mode,
                                                                              faults.large_size)
                    self.send_response(200)
                    if mode == "huge":
                        self.send_header("Connection", "close")
                    else:
                        self.send_header("Content-Length", str(size))
                    self.end_headers()
                    chunk = b"int x1;\n" * (1 << 13)  # 64 KiB
                    try:
                        for _ in range(0, size, len(chunk)):
                            self.wfile.write(chunk)
                            with faults.lock:
                                faults.sent += len(chunk)
                    except OSError:  # the client gave up
                        pass
                    self.close_connection = True
                elif mode == "loop":
                    self.send_response(302)
                    self.send_header("Location", self.path)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif mode == "trickle":
                    # A byte every 0.2 s: each wait is short, the whole is not.
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    for i in range(len(body)):
                        try:
                            self.wfile.write(body[i : i + 1])
                            self.wfile.flush()
                        except OSError:  # the client gave up
                            return
                        with faults.lock:
                            faults.trickled += 1
                        time.sleep(0.2)
                elif mode == "slow":
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    for i in range(0, len(body), 100):
                        try:
                            self.wfile.write(body[i : i + 100])
                            self.wfile.flush()
                        except OSError:  # the client gave up
                            return
                        time.sleep(0.1)
                else:
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.scheme = "http"
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(str(tls[0]), str(tls[1]))
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, mode: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}/{mode}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def faults() -> Iterator[Faults]:
    server = Faults()
    yield server
    server.close()


BID = "0123456789abcdef0123456789abcdef01234567"


def test_500_is_retried_up_to_the_limit(faults: Faults) -> None:
    with client(faults.url("500"), retry_limit=2) as c:
        got = c.fetch(Request(BID, "debuginfo"))
    assert isinstance(got, FetchFailure) and got.kind == "http_error"
    assert "HTTP 500" in got.describe()
    assert len(faults.requests) == 3


def test_404_is_not_retried(debuginfod_server, programs) -> None:  # type: ignore[no-untyped-def]
    url = debuginfod_server(programs["elf1"])
    c = client(url, retry_limit=3, verbose=True)
    with c:
        got = c.fetch(Request(BID, "debuginfo"))
    assert isinstance(got, FetchFailure) and got.kind == "not_found"
    log = c.log.getvalue()  # type: ignore[attr-defined]
    assert log.count("debuginfod: GET ") == 1 and "retrying" not in log, log


def test_stall_longer_than_the_timeout(faults: Faults) -> None:
    with client(faults.url("stall"), timeout=0.5, retry_limit=2) as c:
        got = c.fetch(Request(BID, "debuginfo"))
    assert isinstance(got, FetchFailure) and got.kind == "timeout"
    assert "timeout after 0.5 s" in got.describe()
    assert len(faults.requests) == 1  # not retried: the limit is already time


def test_truncated_body_is_retried_then_reported(faults: Faults) -> None:
    with client(faults.url("truncated"), retry_limit=1) as c:
        got = c.fetch(Request(BID, "debuginfo"))
    assert isinstance(got, FetchFailure) and got.kind == "truncated"
    assert len(faults.requests) == 2


def test_body_over_maxsize_from_a_server_ignoring_the_header(faults: Faults) -> None:
    with client(faults.url("big"), maxsize=5000) as c:
        got = c.fetch(Request(BID, "debuginfo"))
    assert isinstance(got, FetchFailure) and got.kind == "too_large"
    assert faults.requests[0][1]["X-DEBUGINFOD-MAXSIZE"] == "5000"
    with client(faults.url("bigdeclared"), maxsize=5000) as c:
        got = c.fetch(Request(BID, "debuginfo"))
    assert isinstance(got, FetchFailure) and "100000 bytes" in got.describe()


def test_a_source_over_the_default_limit_is_refused_before_its_body(faults: Faults) -> None:
    # Declared too large: refused at the headers, the body never read.
    with client(faults.url("hugedeclared")) as c:
        got = c.fetch(Request(BID, "source", "/src/gen.c"))
    assert isinstance(got, FetchFailure) and got.kind == "too_large"
    assert got.describe().startswith(
        "/src/gen.c is 17 MiB, more than the 16 MiB errtrail reads as a source file; set"
        f" DEBUGINFOD_MAXSIZE={17 << 20} (bytes) or more to allow it (Content-Length from ")
    # The default was asked for: a real server would have answered 406 at once.
    assert faults.requests[0][1]["X-DEBUGINFOD-MAXSIZE"] == str(DEFAULT_SOURCE_MAXSIZE)


def test_a_source_without_a_length_is_given_up_once_past_the_limit(faults: Faults) -> None:
    with client(faults.url("huge")) as c:
        got = c.fetch(Request(BID, "source", "/src/gen.c"))
    assert isinstance(got, FetchFailure) and got.kind == "too_large"
    assert "more than the 16 MiB errtrail reads as a source file" in got.describe()
    assert "(the bytes received from " in got.describe()
    time.sleep(0.2)  # the server notices the closed connection
    # Not the whole 64 MiB: the limit, plus what the kernel's socket buffers held.
    assert faults.sent < 32 << 20, faults.sent
    # Debuginfo is not held to the source limit (its DWARF is read, not shown).
    with client(faults.url("huge")) as c:
        got = c.fetch(Request(BID, "debuginfo"))
    assert isinstance(got, Fetched) and len(got.data) == 64 << 20


# A process that fetches one body from URL and prints how much its peak RSS grew
# while it did (KiB): the client, requests and urllib3 are loaded before.
_PEAK_FETCH = """
import io, resource, sys
from reporter.debuginfod import Client, ClientConfig, Request, Fetched
with Client(ClientConfig(urls=(sys.argv[1],), maxsize=int(sys.argv[2])), log=io.StringIO()) as c:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    got = c.fetch(Request("{bid}", "source", "/src/gen.c"))
    grew = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
assert isinstance(got, Fetched), got
print(len(got.data), grew)
"""


def test_a_large_body_is_held_once_in_memory(faults: Faults) -> None:
    # 96 MiB with DEBUGINFOD_MAXSIZE allowing it: received into one buffer that
    # becomes the answer's bytes (a bytearray copied to bytes held it twice: 1.9x).
    script = _PEAK_FETCH.replace("{bid}", BID)
    out = subprocess.run(
        [sys.executable, "-c", script, faults.url("large") + "/", str(128 << 20)],
        check=True, capture_output=True, text=True, cwd=Path(__file__).parents[1],
    ).stdout.split()
    size, grew_kib = int(out[0]), int(out[1])
    assert size == faults.large_size
    assert grew_kib * 1024 < 1.4 * size, f"peak RSS grew {grew_kib // 1024} MiB for a" \
        f" {size >> 20} MiB body"


def test_redirect_loop(faults: Faults) -> None:
    with client(faults.url("loop")) as c:
        got = c.fetch(Request(BID, "debuginfo"))
    assert isinstance(got, FetchFailure) and got.kind == "redirect_loop"
    assert 2 <= len(faults.requests) <= 10


def test_first_good_answer_wins_over_a_stalled_server(faults: Faults) -> None:
    with client(faults.url("stall"), faults.url("ok"), timeout=10) as c:
        got = c.fetch(Request(BID, "debuginfo"))
        # Did not wait for the stalled server: it has not answered yet.
        with faults.lock:
            assert faults.stalls_answered == 0
    assert isinstance(got, Fetched) and got.url.startswith(faults.url("ok"))


def test_headers_file_and_user_agent_are_sent(faults: Faults, tmp_path: Path) -> None:
    headers = tmp_path / "h"
    headers.write_text("Authorization: Bearer t0k\n")
    config = ClientConfig.from_env(
        {"DEBUGINFOD_URLS": faults.url("ok"), "DEBUGINFOD_HEADERS_FILE": str(headers)},
        stderr_is_tty=False,
    )
    with Client(config) as c:
        assert isinstance(c.fetch(Request(BID, "debuginfo")), Fetched)
    sent = faults.requests[0][1]
    assert sent["Authorization"] == "Bearer t0k"
    assert sent["User-Agent"].startswith("errtrail/")
    assert "X-DEBUGINFOD-MAXSIZE" not in sent


def test_one_connection_pool_per_server_reused(faults: Faults) -> None:
    with client(faults.url("ok"), parallel=3) as c:
        got = c.fetch_many([Request(BID, "source", f"/src/f{i}.c") for i in range(30)])
    assert all(isinstance(g, Fetched) for g in got)
    ports = {port for _, _, port in faults.requests}
    assert len(faults.requests) == 30
    assert len(ports) <= 3  # connections kept alive and shared by the workers


def test_verbose_logs_each_request(faults: Faults) -> None:
    log = io.StringIO()
    with Client(ClientConfig(urls=(faults.url("ok") + "/",), verbose=True), log=log) as c:
        c.fetch(Request(BID, "debuginfo"))
    assert f"debuginfod: GET {faults.url('ok')}/buildid/{BID}/debuginfo" in log.getvalue()
    assert "200 from" in log.getvalue()


def test_progress_appears_only_when_fetching_takes_a_while(faults: Faults) -> None:
    log = io.StringIO()
    with Client(ClientConfig(urls=(faults.url("ok") + "/",), progress=True), log=log) as c:
        c.fetch(Request(BID, "debuginfo"))
    assert log.getvalue() == ""
    log = io.StringIO()
    with Client(ClientConfig(urls=(faults.url("slow") + "/",), progress=True), log=log) as c:
        assert isinstance(c.fetch(Request(BID, "debuginfo")), Fetched)
    drawn = log.getvalue()
    assert "debuginfod:" in drawn and "0/1" in drawn and "KiB" in drawn  # tqdm's bar
    assert drawn.rsplit("\r", 1)[-1].strip() == ""  # the line is cleared at the end


def test_progress_disabled_draws_nothing() -> None:
    out = io.StringIO()
    p = Progress(3, out, enabled=False)
    time.sleep(0.6)  # past the delay before a bar appears
    p.advance(100, 1)
    p.close()
    assert out.getvalue() == ""


def stepping_clock(step: float) -> Callable[[], float]:
    """A clock that moves ``step`` seconds at each reading: the limits below are then
    decided by the bytes received per reading, not by how busy the machine is."""
    ticks = itertools.count()
    return lambda: next(ticks) * step


def test_a_trickling_server_is_skipped_after_the_timeout_without_100k(faults: Faults) -> None:
    c = Client(ClientConfig(urls=(faults.url("trickle") + "/",), timeout=1.0),
               log=io.StringIO(), clock=stepping_clock(0.25))
    with c:
        got = c.fetch(Request(BID, "debuginfo"))
    assert isinstance(got, FetchFailure) and got.kind == "too_slow", got
    assert "less than 100 KiB in 1 s" in got.describe()
    # Given up after a few bytes (one per 0.25 s of the clock), not the whole body.
    assert 0 < faults.trickled < 20, faults.trickled  # of the 1000 it would send


def test_a_whole_transfer_is_bounded_unless_maxtime_says_otherwise() -> None:
    assert ClientConfig.from_env({}).maxtime == DEFAULT_MAXTIME_S
    assert ClientConfig.from_env({"DEBUGINFOD_MAXTIME": "0"}).maxtime is None
    assert ClientConfig.from_env({"DEBUGINFOD_MAXTIME": "7"}).maxtime == 7


def test_maxtime_bounds_a_whole_transfer(faults: Faults) -> None:
    c = Client(ClientConfig(urls=(faults.url("slow") + "/",), maxtime=0.3),
               log=io.StringIO(), clock=stepping_clock(0.25))
    with c:
        got = c.fetch(Request(BID, "debuginfo"))
    assert isinstance(got, FetchFailure) and got.kind == "maxtime"
    assert "DEBUGINFOD_MAXTIME=0.3" in got.describe()


def test_tls_is_verified(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
         "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    server = Faults(tls=(cert, key))
    try:
        monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
        monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
        with client(server.url("ok"), retry_limit=2) as c:
            got = c.fetch(Request(BID, "debuginfo"))
        assert isinstance(got, FetchFailure) and got.kind == "tls"
        assert "certificate verify failed" in got.describe()
        assert server.requests == []  # not retried, nothing sent in the clear
        # Trusting the server's CA (as a user would) makes the same fetch work.
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
        with client(server.url("ok")) as c:
            assert isinstance(c.fetch(Request(BID, "debuginfo")), Fetched)
    finally:
        server.close()
