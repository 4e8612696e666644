"""errtrail's debuginfod client: fetch artefacts by build-id over HTTP(S).

This module owns every request errtrail makes to a debuginfod server. Others call:

- ``validate_build_id(text)``: the canonical build-id or ``InvalidBuildIdError``.
- ``artefact_path(build_id, kind, arg)``: the URL path of an artefact, per-component
  percent-escaped (``source`` paths keep their ``/``; ``#``, spaces, ``+``, ``%``
  are escaped).
- ``ClientConfig.from_env(env, urls=...)``: servers and limits from ``--debuginfod-url``
  or the ``DEBUGINFOD_*`` variables every elfutils client honours.
- ``Client(config)``: ``fetch(Request)`` for one artefact, ``fetch_many(requests)``
  for many at once. Every server is asked concurrently; the first good answer wins
  and the other transfers are abandoned. Results are ``Fetched`` or ``FetchFailure``
  values, never exceptions: a missing file is an answer, not an error. A body is
  received into one growing buffer that becomes ``Fetched.data`` without a copy
  (peak memory about the body's size), and refused as soon as it is too large.
- ``SourceLimit.from_env(env)``: the largest source file errtrail reads, from a
  server or from disk, and the words for a file above it.

Conventions followed (elfutils 0.188 ``debuginfod-client.c`` and ``debuginfod-find(1)``):
``DEBUGINFOD_URLS`` is space separated, each URL gets ``buildid/`` appended;
``DEBUGINFOD_TIMEOUT`` (seconds, default 90) bounds connecting and each wait for
data, and a server that delivers less than 100K in that many seconds is skipped
(debuginfod-client-config(7)); ``DEBUGINFOD_MAXSIZE`` is sent as
``X-DEBUGINFOD-MAXSIZE`` and a server answers 406 when the file is larger (a source
file is held to ``DEFAULT_SOURCE_MAXSIZE`` when it is not set: ``SourceLimit``);
``DEBUGINFOD_MAXTIME`` bounds a whole transfer (here 300 s when unset, where elfutils
waits for ever; 0 means no bound);
``DEBUGINFOD_RETRY_LIMIT`` (default 2) retries transient failures only;
``DEBUGINFOD_HEADERS_FILE`` holds extra ``Name: value`` request headers;
``DEBUGINFOD_VERBOSE`` logs each request to stderr; ``DEBUGINFOD_PROGRESS`` (on by
default here, ``0`` turns it off) shows a progress line on stderr when it is a terminal
and fetching takes more than a moment. TLS certificates are always verified.
"""

from __future__ import annotations

import io
import os
import queue
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:
    import requests

from collector import __version__
from collector.errors import ErrtrailError
from reporter.progress import bar

DEFAULT_TIMEOUT_S = 90.0  # elfutils default_timeout
DEFAULT_RETRY_LIMIT = 2  # elfutils default_retry_limit
# debuginfod-client-config(7), DEBUGINFOD_TIMEOUT: "A server that fails to provide at
# least 100K of data within this many seconds is skipped." Checked over each window of
# that many seconds, so that a server trickling a byte at a time is let go.
MIN_PROGRESS_BYTES = 100 * 1024
# A whole transfer, when DEBUGINFOD_MAXTIME is not set: elfutils waits for ever by
# default (0), a report should not. Large enough for debuginfo of hundreds of MB at
# the minimum progress above.
DEFAULT_MAXTIME_S = 300.0
MAX_BUILD_ID_BYTES = 64  # elfutils MAX_BUILD_ID_BYTES
# How many transfers run at once in fetch_many, over all servers. Source files are
# small: latency, not bandwidth, decides how long 50 of them take.
DEFAULT_PARALLEL = 16
# Redirects followed before a response counts as a redirect loop.
MAX_REDIRECTS = 8
KINDS = ("debuginfo", "executable", "source", "section")
# Statuses worth another attempt. Not 503: debuginfod 0.188 answers 503 for
# permanent errors too (malformed build-id, unknown artefact type).
TRANSIENT_STATUSES = frozenset({408, 429, 500, 502, 504})
_CHUNK = 64 * 1024
# The largest source file read when DEBUGINFOD_MAXSIZE is not set (from a server, the
# elfutils cache or disk). C files are rarely above a few MB (the Linux kernel's
# largest are a few MB; SQLite's one-file amalgamation, about 9 MB); a bigger one is
# generated data or not source at all, and showing it costs seconds and hundreds of
# MB for every report (the diagnosis parses the whole file). Debuginfo and
# executables are not held to it: their DWARF is read, not shown.
DEFAULT_SOURCE_MAXSIZE = 16 * 1024 * 1024


class DebuginfodError(ErrtrailError):
    """A debuginfod request cannot even be made (bad build-id, bad server URL)."""


class InvalidBuildIdError(DebuginfodError, ValueError):
    """A build-id is not lowercase, even-length hexadecimal."""


_BUILD_ID = re.compile(r"[0-9a-f]+")


def validate_build_id(text: str) -> str:
    """``text`` if it is a valid build-id: lowercase, even-length hex, at most 64 bytes.

    >>> validate_build_id("46ce2d13")
    '46ce2d13'
    >>> validate_build_id("46CE")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    reporter.debuginfod.InvalidBuildIdError: build-id '46CE' is not lowercase hexadecimal; ...
    >>> validate_build_id("abc")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    reporter.debuginfod.InvalidBuildIdError: build-id 'abc' has an odd number of hex digits; ...
    """
    if not _BUILD_ID.fullmatch(text):
        raise InvalidBuildIdError(
            f"build-id {text!r} is not lowercase hexadecimal; build-ids are written as"
            " readelf -n prints them (e.g. 46ce2d13...)"
        )
    if len(text) % 2:
        raise InvalidBuildIdError(
            f"build-id {text!r} has an odd number of hex digits; it is truncated or mistyped"
        )
    if len(text) > 2 * MAX_BUILD_ID_BYTES:
        raise InvalidBuildIdError(
            f"build-id {text[:16]}... is {len(text) // 2} bytes long, more than the"
            f" {MAX_BUILD_ID_BYTES} debuginfod accepts"
        )
    return text


def escape_source_path(path: str) -> str:
    """An absolute source path as a URL path: each component percent-escaped.

    Non-UTF-8 bytes (kept as surrogates) are escaped as the bytes they were.

    >>> escape_source_path("/tmp/a b#c+d%e.c")
    '/tmp/a%20b%23c%2Bd%25e.c'
    >>> escape_source_path("relative.c")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    reporter.debuginfod.DebuginfodError: source path 'relative.c' is not absolute; ...
    """
    if not path.startswith("/"):
        raise DebuginfodError(
            f"source path {path!r} is not absolute; debuginfod serves sources by the"
            " absolute path DWARF records (comp_dir + name)"
        )
    parts = path.split("/")
    return "/".join(
        quote(p.encode("utf-8", "surrogateescape"), safe="") for p in parts
    )


def artefact_path(build_id: str, kind: str, arg: str | None = None) -> str:
    """The URL path of an artefact below a server's base URL.

    >>> artefact_path("ab12", "source", "/usr/src/x#1.c")
    'buildid/ab12/source/usr/src/x%231.c'
    >>> artefact_path("ab12", "section", ".debug_line")
    'buildid/ab12/section/.debug_line'
    >>> artefact_path("ab12", "debuginfo")
    'buildid/ab12/debuginfo'
    """
    validate_build_id(build_id)
    if kind not in KINDS:
        raise DebuginfodError(f"unknown debuginfod artefact kind {kind!r}; one of {KINDS}")
    if kind == "source":
        if arg is None:
            raise DebuginfodError("a source request needs the source path")
        return f"buildid/{build_id}/source{escape_source_path(arg)}"
    if kind == "section":
        if not arg:
            raise DebuginfodError("a section request needs the section name")
        return f"buildid/{build_id}/section/{quote(arg, safe='')}"
    return f"buildid/{build_id}/{kind}"


def normalise_server_url(url: str) -> str:
    """A server base URL ending in ``/``; only http and https are accepted.

    >>> normalise_server_url("http://127.0.0.1:8002")
    'http://127.0.0.1:8002/'
    >>> normalise_server_url("ftp://x")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    reporter.debuginfod.DebuginfodError: debuginfod server URL 'ftp://x' is not ...
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise DebuginfodError(
            f"debuginfod server URL {url!r} is not http:// or https://;"
            " fix --debuginfod-url or DEBUGINFOD_URLS"
        )
    return url if url.endswith("/") else url + "/"


def read_headers_file(path: str) -> tuple[tuple[str, str], ...]:
    """``Name: value`` lines of a ``DEBUGINFOD_HEADERS_FILE``; other lines are ignored
    (as elfutils does)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise DebuginfodError(
            f"cannot read DEBUGINFOD_HEADERS_FILE {path}: {e.strerror}; fix or unset it"
        ) from e
    headers = []
    for line in lines:
        name, sep, value = line.partition(":")
        if sep and name.strip() and " " not in name.strip():
            headers.append((name.strip(), value.strip()))
    return tuple(headers)


def _env_number(env: Mapping[str, str], name: str, default: float | None) -> float | None:
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise DebuginfodError(f"{name}={text!r} is not a number; fix or unset it") from None
    return value


def ima_policies(words: Sequence[str]) -> tuple[list[str], tuple[tuple[str, str], ...]]:
    """The servers of a DEBUGINFOD_URLS list that errtrail may ask, and those it may
    not, with why.

    elfutils 0.192 and later read policy tags among the URLs: each applies to the URLs
    after it up to the next tag, and URLs before the first use ``ima:ignore``. Under
    ``ima:enforcing`` every file must carry a valid IMA signature (the
    X-DEBUGINFOD-IMA-SIGNATURE header, checked against DEBUGINFOD_IMA_CERT_PATH);
    errtrail does not verify them, so it does not fetch from such a server rather than
    fetch unverified. An unknown tag is treated as enforcing (never weaker).

    >>> chosen, refused = ima_policies(["https://a", "ima:enforcing", "https://b",
    ...                                 "ima:ignore", "https://c"])
    >>> chosen, [url for url, _ in refused]
    (['https://a', 'https://c'], ['https://b'])
    """
    chosen: list[str] = []
    refused: list[tuple[str, str]] = []
    policy = "ignore"
    for word in words:
        if word.startswith("ima:"):
            policy = word[len("ima:"):]
        elif policy == "ignore":
            chosen.append(word)
        else:
            refused.append((word, f"marked ima:{policy} in DEBUGINFOD_URLS, and errtrail does"
                            " not verify IMA signatures: fetch it with debuginfod-find"
                            " (elfutils >= 0.192), or mark it ima:ignore to fetch without"
                            " verification"))
    return chosen, tuple(refused)


@dataclass(frozen=True)
class ClientConfig:
    """Servers and limits for one client. ``maxsize``/``maxtime`` of None: no limit."""

    urls: tuple[str, ...]
    timeout: float = DEFAULT_TIMEOUT_S
    maxsize: int | None = None
    maxtime: float | None = None
    retry_limit: int = DEFAULT_RETRY_LIMIT
    headers: tuple[tuple[str, str], ...] = ()
    verbose: bool = False
    progress: bool = False
    parallel: int = DEFAULT_PARALLEL
    # Servers not asked, each with why (IMA enforcement errtrail cannot do).
    refused: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        urls: Sequence[str] = (),
        stderr_is_tty: bool | None = None,
    ) -> ClientConfig:
        """Config from ``DEBUGINFOD_*``; ``urls`` (from ``--debuginfod-url``) replace
        ``DEBUGINFOD_URLS`` when given."""
        env = os.environ if env is None else env
        words = list(urls) if urls else env.get("DEBUGINFOD_URLS", "").split()
        chosen, refused = ima_policies(words)
        servers = tuple(dict.fromkeys(normalise_server_url(u) for u in chosen))
        timeout = _env_number(env, "DEBUGINFOD_TIMEOUT", DEFAULT_TIMEOUT_S)
        maxsize = _env_number(env, "DEBUGINFOD_MAXSIZE", None)
        # Unset: DEFAULT_MAXTIME_S; 0 or less: no bound, as elfutils reads it.
        maxtime = _env_number(env, "DEBUGINFOD_MAXTIME", DEFAULT_MAXTIME_S)
        retry = _env_number(env, "DEBUGINFOD_RETRY_LIMIT", DEFAULT_RETRY_LIMIT)
        headers_file = env.get("DEBUGINFOD_HEADERS_FILE", "")
        if stderr_is_tty is None:
            stderr_is_tty = sys.stderr.isatty()
        return cls(
            urls=servers,
            # elfutils treats 0 or less as "use the default"
            timeout=timeout if timeout and timeout > 0 else DEFAULT_TIMEOUT_S,
            maxsize=int(maxsize) if maxsize and maxsize > 0 else None,
            maxtime=maxtime if maxtime and maxtime > 0 else None,
            retry_limit=max(0, int(retry or 0)),
            headers=read_headers_file(headers_file) if headers_file else (),
            verbose=env.get("DEBUGINFOD_VERBOSE", "") not in ("", "0"),
            progress=stderr_is_tty and env.get("DEBUGINFOD_PROGRESS", "1") != "0",
            refused=refused,
        )


def _mib(n: int) -> str:
    """
    >>> _mib(16 * 1024 * 1024), _mib(209_715_200), _mib(18_700_300)
    ('16 MiB', '200 MiB', '17.8 MiB')
    """
    return f"{n / 2**20:.1f}".removesuffix(".0") + " MiB"


@dataclass(frozen=True)
class SourceLimit:
    """The largest source file errtrail reads, in bytes: ``DEBUGINFOD_MAXSIZE`` when
    it is set (``by_env``), else ``DEFAULT_SOURCE_MAXSIZE``."""

    size: int = DEFAULT_SOURCE_MAXSIZE
    by_env: bool = False

    @classmethod
    def of(cls, maxsize: int | None) -> SourceLimit:
        """The limit for ``ClientConfig.maxsize`` (``None``: not set)."""
        return cls(maxsize, True) if maxsize is not None else cls()

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SourceLimit:
        """The limit ``DEBUGINFOD_MAXSIZE`` sets, read as ``ClientConfig.from_env``
        reads it (0 or less: not set)."""
        value = _env_number(env, "DEBUGINFOD_MAXSIZE", None)
        return cls.of(int(value) if value and value > 0 else None)

    def refusal(self, what: str, size: int | None) -> str:
        """Why ``what`` (``size`` bytes, ``None``: unknown but more) is not read, and
        the setting that would read it.

        >>> SourceLimit().refusal("x.c", 209_715_200)  # doctest: +NORMALIZE_WHITESPACE
        'x.c is 200 MiB, more than the 16 MiB errtrail reads as a source file; set
         DEBUGINFOD_MAXSIZE=209715200 (bytes) or more to allow it'
        >>> SourceLimit(1000, True).refusal("x.c", None)
        'x.c is more than DEBUGINFOD_MAXSIZE=1000 bytes; raise DEBUGINFOD_MAXSIZE to allow it'
        """
        if self.by_env:
            size_text = f" ({size} bytes)" if size is not None else ""
            return (f"{what}{size_text} is more than DEBUGINFOD_MAXSIZE={self.size} bytes;"
                    " raise DEBUGINFOD_MAXSIZE to allow it")
        if size is None:
            return (f"{what} is more than the {_mib(self.size)} errtrail reads as a source"
                    " file; set DEBUGINFOD_MAXSIZE to its size in bytes or more to allow it")
        return (f"{what} is {_mib(size)}, more than the {_mib(self.size)} errtrail reads as"
                f" a source file; set DEBUGINFOD_MAXSIZE={size} (bytes) or more to allow it")


@dataclass(frozen=True)
class Request:
    """One artefact to fetch: ``kind`` is debuginfo | executable | source | section."""

    build_id: str
    kind: str
    arg: str | None = None

    @property
    def path(self) -> str:
        return artefact_path(self.build_id, self.kind, self.arg)


@dataclass(frozen=True)
class Fetched:
    """A good answer: the bytes and the URL that gave them."""

    request: Request
    url: str
    data: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass(frozen=True)
class Attempt:
    """What one server answered, when it did not give the file.

    ``kind``: not_found | too_large | timeout | http_error | connection | tls | truncated |
    redirect_loop | cancelled | maxtime | too_slow.
    """

    url: str
    kind: str
    detail: str


@dataclass(frozen=True)
class FetchFailure:
    """No server gave the file; ``attempts`` says what each one answered."""

    request: Request
    attempts: tuple[Attempt, ...]

    @property
    def kind(self) -> str:
        """The failure in one word: ``not_found`` only when every server said 404;
        otherwise the other servers' failure when they agree, else ``mixed``."""
        kinds = [a.kind for a in self.attempts if a.kind != "cancelled"]
        if not kinds:
            return "no_servers"
        others = {k for k in kinds if k != "not_found"}
        if not others:
            return "not_found"
        return others.pop() if len(others) == 1 else "mixed"

    def describe(self) -> str:
        """One line per server, e.g. ``404 from http://h/buildid/.../source/x.c``."""
        if not self.attempts:
            return "no debuginfod server is configured"
        return "; ".join(a.detail for a in self.attempts if a.kind != "cancelled")


Result = Fetched | FetchFailure


class _Transient(Exception):
    def __init__(self, attempt: Attempt) -> None:
        super().__init__(attempt.detail)
        self.attempt = attempt


class _Permanent(Exception):
    def __init__(self, attempt: Attempt) -> None:
        super().__init__(attempt.detail)
        self.attempt = attempt


class _Cancelled(Exception):
    pass


class Progress:
    """Files fetched and bytes received, as a tqdm bar on ``stream`` (see
    ``reporter.progress``) that appears only once fetching has lasted
    ``reporter.progress.DELAY_SECONDS`` (quick fetches leave no trace); drawn from
    the fetching threads, so each update holds a lock."""

    def __init__(self, total: int, stream: IO[str], enabled: bool) -> None:
        self.bytes = 0
        self.lock = threading.Lock()
        self.bar = bar("debuginfod", total, unit="file", file=stream, enabled=enabled)

    def advance(self, nbytes: int = 0, files: int = 0) -> None:
        with self.lock:
            self.bytes += nbytes
            self.bar.set_postfix_str(f"{self.bytes / 1024:.0f} KiB", refresh=False)
            self.bar.update(files)  # redraws at most every 0.1 s, after the delay

    def close(self) -> None:
        with self.lock:
            self.bar.close()


class _Query:
    """One request asked of every server at once; the first good answer wins."""

    def __init__(self, request: Request, servers: Sequence[str]) -> None:
        self.request = request
        self.servers = list(servers)
        self.won = threading.Event()
        self.settled = threading.Event()  # won, or every server has answered
        self.lock = threading.Lock()
        self.pending = len(servers)
        self.result: Fetched | None = None
        self.attempts: dict[str, Attempt] = {}

    def succeed(self, fetched: Fetched) -> bool:
        with self.lock:
            if self.result is not None:
                return False
            self.result = fetched
            self.won.set()
            self.settled.set()
            return True

    def server_done(self, server: str, attempt: Attempt | None) -> bool:
        """Record a server's answer; True when this was the last one and none won."""
        with self.lock:
            if attempt is not None:
                self.attempts[server] = attempt
            self.pending -= 1
            if self.pending <= 0 and not self.settled.is_set():
                self.settled.set()
                return True
            return False

    def outcome(self) -> Result:
        with self.lock:
            if self.result is not None:
                return self.result
            # Servers in configuration order, whatever order they answered in.
            return FetchFailure(
                self.request, tuple(self.attempts[s] for s in self.servers if s in self.attempts)
            )


class Client:
    """A debuginfod client: one connection pool per server, reused across fetches.

    Use as a context manager (or call ``close()``) to release the connections.
    """

    def __init__(
        self,
        config: ClientConfig,
        *,
        log: IO[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self.log = log if log is not None else sys.stderr
        self.clock = clock
        # requests is imported where a client is made: an offline report, or one whose
        # sources are all stored, never pays for it (about 0.1 s of its start).
        import requests
        import requests.adapters

        self.sessions: dict[str, requests.Session] = {}
        headers = {"User-Agent": f"errtrail/{__version__}", "Accept-Encoding": "identity"}
        headers.update(dict(config.headers))
        if config.maxsize is not None:
            headers["X-DEBUGINFOD-MAXSIZE"] = str(config.maxsize)
        for url in config.urls:
            session = requests.Session()
            adapter = requests.adapters.HTTPAdapter(
                pool_connections=1, pool_maxsize=max(1, config.parallel), max_retries=0
            )
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            session.headers.update(headers)
            session.max_redirects = MAX_REDIRECTS
            # Never turned off: a source shown in a report must come from the server named.
            session.verify = True
            self.sessions[url] = session
        self._log_lock = threading.Lock()

    def close(self) -> None:
        for session in self.sessions.values():
            session.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _verbose(self, text: str) -> None:
        if self.config.verbose:
            with self._log_lock:
                self.log.write(f"debuginfod: {text}\n")
                self.log.flush()

    def fetch(self, request: Request) -> Result:
        """One artefact from the first server that has it."""
        return self.fetch_many([request])[0]

    def fetch_many(self, requests_: Iterable[Request]) -> list[Result]:
        """Many artefacts at once, in the order given.

        Returns as soon as every request has a winner or every server has answered.
        A transfer that lost the race stops at its next chunk; a server that has not
        even sent headers yet is left to its timeout on a daemon thread, so it never
        delays the answer (or the process's exit).
        """
        wanted = list(requests_)
        for r in wanted:
            artefact_path(r.build_id, r.kind, r.arg)  # validate before any URL is made
        if not wanted:
            return []
        if not self.config.urls:
            return [FetchFailure(r, ()) for r in wanted]
        progress = Progress(len(wanted), self.log, self.config.progress)
        queries = [_Query(r, self.config.urls) for r in wanted]
        # Query-major order: every request starts on all servers before the next one.
        tasks: queue.SimpleQueue[tuple[_Query, str] | None] = queue.SimpleQueue()
        for q in queries:
            for url in self.config.urls:
                tasks.put((q, url))
        workers = max(1, min(self.config.parallel, len(queries) * len(self.config.urls)))
        for _ in range(workers):
            tasks.put(None)

        def work() -> None:
            while True:
                task = tasks.get()
                if task is None:
                    return
                self._ask(task[0], task[1], progress)

        for i in range(workers):
            threading.Thread(target=work, name=f"debuginfod-{i}", daemon=True).start()
        try:
            for q in queries:
                q.settled.wait()
        finally:
            progress.close()
        return [q.outcome() for q in queries]

    def _ask(self, query: _Query, server: str, progress: Progress) -> None:
        attempt: Attempt | None = None
        try:
            if query.won.is_set():
                attempt = Attempt(server, "cancelled", "cancelled: another server answered")
                return
            fetched = self._fetch_with_retries(query, server, progress)
            if query.succeed(fetched):
                progress.advance(files=1)
        except _Cancelled:
            attempt = Attempt(server, "cancelled", "cancelled: another server answered")
        except (_Transient, _Permanent) as e:
            attempt = e.attempt
        except Exception as e:  # an unforeseen library error is still an answer
            attempt = Attempt(server, "connection", f"{type(e).__name__}: {e} from {server}")
        finally:
            if query.server_done(server, attempt):
                progress.advance(files=1)

    def _fetch_with_retries(self, query: _Query, server: str, progress: Progress) -> Fetched:
        tries = 0
        while True:
            try:
                return self._fetch_once(query, server, progress)
            except _Transient as e:
                tries += 1
                if tries > self.config.retry_limit or query.won.is_set():
                    raise
                self._verbose(f"retrying ({tries}/{self.config.retry_limit}): {e}")
                # Short backoff: a restarting server or a dropped connection.
                time.sleep(min(0.05 * 2**tries, 1.0))

    def _fetch_once(self, query: _Query, server: str, progress: Progress) -> Fetched:
        import requests  # loaded by __init__ already
        import urllib3.exceptions

        session = self.sessions[server]
        url = server + query.request.path
        timeout = self.config.timeout
        limit = self._limit(query.request)
        started = self.clock()
        deadline = started + self.config.maxtime if self.config.maxtime else None
        # DEBUGINFOD_MAXSIZE is a session header already; the source default is
        # asked for per request, so that the server answers 406 without sending.
        headers = ({"X-DEBUGINFOD-MAXSIZE": str(limit.size)}
                   if limit is not None and not limit.by_env else None)
        self._verbose(f"GET {url}")
        try:
            response = session.get(url, stream=True, timeout=(timeout, timeout),
                                   headers=headers)
        except requests.TooManyRedirects as e:
            raise _Permanent(Attempt(url, "redirect_loop", f"redirect loop at {url}")) from e
        except requests.Timeout as e:
            raise _Permanent(
                Attempt(url, "timeout", f"timeout after {timeout:g} s from {url}")
            ) from e
        except requests.exceptions.SSLError as e:
            # A certificate that does not verify will not verify on a retry either.
            raise _Permanent(
                Attempt(url, "tls", f"TLS verification failed for {server}: {_short(e)};"
                        " fix the server's certificate or point REQUESTS_CA_BUNDLE at its CA")
            ) from e
        except requests.ConnectionError as e:
            raise _Transient(
                Attempt(url, "connection", f"cannot connect to {server}: {_short(e)}")
            ) from e
        with response:
            status = response.status_code
            if status != 200:
                self._verbose(f"{status} from {url}")
                if status == 404:
                    raise _Permanent(Attempt(url, "not_found", f"404 from {url}"))
                if status == 406:
                    raise _Permanent(self._too_large(query.request, url, None, limit, "406"))
                attempt = Attempt(url, "http_error", f"HTTP {status} from {url}")
                if status in TRANSIENT_STATUSES:
                    raise _Transient(attempt)
                raise _Permanent(attempt)
            declared = response.headers.get("Content-Length")
            expected = int(declared) if declared and declared.isdigit() else None
            if limit is not None and expected is not None and expected > limit.size:
                raise _Permanent(
                    self._too_large(query.request, url, expected, limit, "Content-Length")
                )
            try:
                body = self._body(query, url, response, progress, started, deadline, limit)
            except requests.exceptions.ConnectionError as e:
                # requests reports a read timeout mid-body as a ConnectionError.
                if "timed out" in str(e).lower():
                    raise _Permanent(
                        Attempt(url, "timeout", f"timeout after {timeout:g} s from {url}")
                    ) from e
                raise _Transient(
                    Attempt(url, "truncated", f"connection lost mid-transfer from {url}:"
                            f" {_short(e)}")
                ) from e
            except urllib3.exceptions.ReadTimeoutError as e:
                raise _Permanent(
                    Attempt(url, "timeout", f"timeout after {timeout:g} s from {url}")
                ) from e
            except (requests.exceptions.ChunkedEncodingError,
                    urllib3.exceptions.ProtocolError) as e:
                raise _Transient(
                    Attempt(url, "truncated", f"truncated body from {url}: {_short(e)}")
                ) from e
            except requests.Timeout as e:
                raise _Permanent(
                    Attempt(url, "timeout", f"timeout after {timeout:g} s from {url}")
                ) from e
            if expected is not None and len(body) != expected:
                raise _Transient(
                    Attempt(url, "truncated", f"truncated body from {url}: {len(body)} of"
                            f" {expected} bytes")
                )
            seconds = self.clock() - started
            self._verbose(f"200 from {url}: {len(body)} bytes in {seconds:.3f} s")
            return Fetched(query.request, url, body, dict(response.headers), seconds)

    def _limit(self, request: Request) -> SourceLimit | None:
        """The most bytes taken for ``request``: DEBUGINFOD_MAXSIZE when set, else
        ``DEFAULT_SOURCE_MAXSIZE`` for a source file and no limit for the rest."""
        if self.config.maxsize is not None or request.kind == "source":
            return SourceLimit.of(self.config.maxsize)
        return None

    @staticmethod
    def _too_large(request: Request, url: str, size: int | None, limit: SourceLimit | None,
                   said: str) -> Attempt:
        """The answer for a file above ``limit`` (``None``: a 406 no limit asked for);
        ``said``: what told (406, Content-Length, the bytes received)."""
        what = request.arg if request.kind == "source" and request.arg else request.kind
        why = limit.refusal(what, size) if limit else f"the server refuses {what} as too large"
        return Attempt(url, "too_large", f"{why} ({said} from {url})")

    def _body(self, query: _Query, url: str, response: requests.Response, progress: Progress,
              started: float, deadline: float | None, limit: SourceLimit | None) -> bytes:
        """The body as it arrives, within the limits: ``limit`` (DEBUGINFOD_MAXSIZE or
        the source default), MAXTIME (a whole transfer), and at least
        ``MIN_PROGRESS_BYTES`` in every TIMEOUT seconds.

        Chunks go into a ``BytesIO``, whose buffer grows in place (realloc) and is
        handed over by ``getvalue()`` without a copy: peak memory is about the
        body's size (a bytearray then ``bytes()`` held two copies at the end)."""
        body = io.BytesIO()
        received, timeout = 0, self.config.timeout
        window, window_start = 0, started
        for chunk in _chunks(response):
            if query.won.is_set():
                raise _Cancelled()
            received += len(chunk)
            if limit is not None and received > limit.size:
                raise _Permanent(
                    self._too_large(query.request, url, None, limit, "the bytes received")
                )
            body.write(chunk)
            progress.advance(nbytes=len(chunk))
            now = self.clock()
            if deadline is not None and now > deadline:
                raise _Permanent(Attempt(url, "maxtime", f"not complete after"
                                         f" DEBUGINFOD_MAXTIME={self.config.maxtime:g} s"
                                         f" (from {url})"))
            window += len(chunk)
            if now - window_start >= timeout:
                if window < MIN_PROGRESS_BYTES:
                    raise _Permanent(Attempt(
                        url, "too_slow", f"less than 100 KiB in {timeout:g} s from {url}"
                        " (DEBUGINFOD_TIMEOUT: a server that does not deliver 100K in that"
                        " time is skipped)"))
                window, window_start = 0, now
        return body.getvalue()


def _chunks(response: requests.Response) -> Iterator[bytes]:
    """The body as it arrives: ``read1`` returns whatever bytes are there, so that
    cancellation, MAXTIME and progress are checked while a slow body trickles in
    (``iter_content`` would wait for each whole 64 KiB chunk)."""
    read1 = getattr(response.raw, "read1", None)  # urllib3 >= 2
    if read1 is None:
        yield from response.iter_content(_CHUNK)
        return
    while True:
        data = read1(_CHUNK)
        if not data:
            return
        yield data


def _short(e: BaseException) -> str:
    """The innermost useful words of a requests/urllib3 exception."""
    text = str(e)
    for marker in ("certificate verify failed", "[Errno", "Connection refused", "Connection reset",
                   "IncompleteRead"):
        i = text.find(marker)
        if i >= 0:
            return text[i:].rstrip(")'\"").split("'))")[0]
    return text[:200]
