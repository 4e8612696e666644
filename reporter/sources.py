"""The exact source files a run was traced in, found by build-id, never guessed silently.

This module owns finding source text for the reporter. Others call:

- ``resolve_sources(archive, run, paths, options)`` -> ``SourceReport``: a
  ``SourceFile`` or a ``SourceMiss`` for each path (as the trace names it).
- ``SourceOptions``: what the shared CLI source options (``--source-dir``,
  ``--source-map``, ``--debuginfod-url``, ``--offline``, ``--refresh``) set.
- ``traced_binary(run)``: the traced executable's path and modification time, when the
  run recorded it (``runs.target_mtime``).
- ``elfutils_cache_names`` / ``elfutils_cache_root``: where elfutils clients
  (debuginfod-find, gdb) keep a source file.

Order, for each path (the origin each step reports is in brackets):

1. the archive's ``sources`` table (``reporter.sourcestore``) [archive];
2. local sources: ``--source-map`` prefix substitution like gdb's substitute-path, then
   ``--source-dir`` by longest path suffix [local];
3. the file at its recorded path, when that path is absolute and a regular file on this
   machine, as gdb and addr2line read it [recorded-path]: the trace's own path, or for
   a relative (kernel) path the comp_dir-joined path when that comp_dir is absolute.
   A relative path is never read relative to the cwd. ``offline`` does not skip it (it
   is not the network); ``SourceOptions.recorded_paths=False`` does;
4. the elfutils client cache, both naming schemes, 0-byte entries being misses it
   remembers [elfutils-cache];
5. every debuginfod server at once [url].

What was found outside the archive is stored in it (so that a copied archive renders
offline, forever; a recorded-path find is stored with ``origin_kind`` ``local``, like
any file read from disk); what servers could not give is remembered for ``miss_ttl_s``
unless ``refresh``.

A file that ends before the highest line the trace names in it (``highest_lines``, as
the callers compute it from the trace) is not the version that was traced, and is not
taken from any origin: a stale file at the recorded path, in a local tree or in the
elfutils cache lets resolution go on to the next origin (the servers above all), and
an archive copy that fails is passed over the same way and replaced by what is found
next. A path found after such a refusal gets a note naming the refused file and the
copy used; a path not found says in its miss which files were refused and why (the
check is the diagnosis's ``sources_shorter_than``). ``SourceReport.demote`` still turns
files into misses for a caller that learns of a mismatch later.

A file read from disk (local, recorded-path, or the archive's copy of one) carries its
modification time (``SourceFile.mtime``). When the run recorded its executable's
(``traced_binary``) and the file is newer, ``SourceFile.newer_than_binary`` says so in
words, like gcov's "source file is newer than notes file", and the same sentence is in
``SourceReport.notes`` (which ``errtrail-report fetch`` prints and reports show). Runs
without ``target_mtime`` (older archives, kernels, imports) get no such note.

A relative trace path (kernel: ``kernel/events/core.c``) is joined with the comp_dir
the build-id's DWARF records for that file (``reporter.dwarf``, fetched once and kept
in the archive's ``build_id_files``). When that comp_dir is itself relative (Debian
kernels, ``-fdebug-prefix-map=...=.``) no server can serve the file: the miss says so
and local sources are the way.

Local roots are never left: a path with ``..`` or a symlink that leads outside its
root is refused and the refusal reported in ``SourceReport.notes``.

A source file larger than ``reporter.debuginfod.SourceLimit`` (``DEBUGINFOD_MAXSIZE``
when set, else 16 MiB) is not read: on disk and in the elfutils cache by its size
before it is opened, from a server by its Content-Length or as soon as the bytes
received pass it. It is a miss that names its size and the setting that would read
it, and resolution goes on to the next origin (as for a refused version). Such a miss
is not remembered, so that raising ``DEBUGINFOD_MAXSIZE`` works at once. Copies
already in the archive are taken whatever their size: they were read under the limit
of their day, and an archive renders offline.
"""

from __future__ import annotations

import errno
import hashlib
import os
import posixpath
import re
import shlex
import stat
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from collector.archive import Archive, ArchiveError, Run, iso, parse_iso
from collector.errors import ErrtrailError
from reporter import sourcestore

if TYPE_CHECKING:
    from reporter.debuginfod import Client, ClientConfig, Result, SourceLimit

# How long a server miss stays remembered in the archive. An hour: a report re-run
# right away does not ask again, a report the next day does.
DEFAULT_MISS_TTL_S = 3600.0
# elfutils' default cache_miss_s (seconds a 0-byte cache entry counts as a miss).
ELFUTILS_CACHE_MISS_S = 600

ORIGINS = ("archive", "local", "recorded-path", "elfutils-cache", "url")

FIX_SOURCE_DIR = "--source-dir DIR (a tree holding the file) or --source-map FROM=TO"
FIX_SERVERS = "set DEBUGINFOD_URLS (or --debuginfod-url) to a server that has this build-id"
FIX_MISMATCH = (
    "give the tree the traced binary was built from (--source-dir DIR or --source-map"
    " FROM=TO), or a debuginfod server that has its build-id"
)
FIX_STAP_PREP = "stap-prep installs the kernel's debuginfo where debuginfod can serve it"
FIX_TOO_LARGE = (
    "set DEBUGINFOD_MAXSIZE to the file's size in bytes or more to read it (its reports then"
    " take longer and more memory); without it, the report shows the file's traced lines"
    " without their source"
)


# Failure kinds (reporter.debuginfod.Attempt.kind) that mean the server was not
# reached, as opposed to an answer such as 404.
_UNREACHABLE = frozenset({"connection", "timeout", "tls", "maxtime", "too_slow"})


class SourcesError(ErrtrailError):
    """Source options are unusable (e.g. a malformed --source-map)."""


@dataclass(frozen=True)
class SourceOptions:
    """Where to look for sources; the shared CLI source options map onto it."""

    source_dirs: tuple[Path, ...] = ()
    source_maps: tuple[tuple[str, str], ...] = ()
    debuginfod_urls: tuple[str, ...] = ()
    offline: bool = False
    refresh: bool = False
    miss_ttl_s: float = DEFAULT_MISS_TTL_S
    # Read a file at the absolute path the trace records when it exists here (step 3).
    recorded_paths: bool = True
    # The environment to read DEBUGINFOD_* from; None: os.environ.
    env: Mapping[str, str] | None = None


def parse_source_map(text: str) -> tuple[str, str]:
    """``FROM=TO`` as a pair (FROM and TO without trailing slashes).

    >>> parse_source_map("/usr/src/debug/foo=/home/me/foo/")
    ('/usr/src/debug/foo', '/home/me/foo')
    >>> parse_source_map("nothing")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    reporter.sources.SourcesError: --source-map 'nothing' is not FROM=TO; ...
    """
    src, sep, dst = text.partition("=")
    if not sep or not src or not dst:
        raise SourcesError(
            f"--source-map {text!r} is not FROM=TO; give e.g."
            " --source-map /usr/src/debug/foo-1.0=$HOME/src/foo"
        )
    return (src.rstrip("/") or "/", dst.rstrip("/") or "/")


@dataclass(frozen=True)
class SourceFile:
    """A source file's exact bytes and where they came from.

    ``origin`` is one of ``ORIGINS`` (how it was found this time); ``where`` is the URL,
    local file or cache file the bytes first came from.

    ``mtime``: for bytes read from disk (origin local or recorded-path, or the archive's
    copy of such a read), the file's modification time then, UTC ISO-8601; ``None`` for
    server and cache copies. ``newer_than_binary``: when that time is later than the
    traced executable's (``traced_binary``), one sentence saying the file may not be
    the source the binary was built from; else ``None``.
    """

    build_id: str | None
    path: str
    resolved_path: str
    text: bytes
    sha256: str
    origin: str
    where: str
    mtime: str | None = None
    newer_than_binary: str | None = None


@dataclass(frozen=True)
class SourceMiss:
    """A file that could not be found: why, in words, and what would fix it."""

    path: str
    reason: str
    fix: str
    build_id: str | None = None


@dataclass(frozen=True)
class SourceReport:
    """A ``SourceFile`` or a ``SourceMiss`` for every path asked, plus notes (refused
    local paths, unstored sources, files modified after the traced binary) that the
    user should see."""

    files: Mapping[str, SourceFile]
    misses: Mapping[str, SourceMiss]
    notes: tuple[str, ...] = ()

    def get(self, path: str) -> SourceFile | None:
        return self.files.get(path)

    def demote(self, reasons: Mapping[str, str]) -> SourceReport:
        """This report with the files named in ``reasons`` (trace path -> why they
        cannot be the traced version) turned into misses that say so."""
        if not reasons:
            return self
        files = {p: f for p, f in self.files.items() if p not in reasons}
        # A file that is not used any more needs no warning that it may be another
        # version: its miss says it is.
        dropped = {
            f.newer_than_binary for p, f in self.files.items() if p in reasons
        } - {None}
        notes = tuple(n for n in self.notes if n not in dropped)
        misses = dict(self.misses)
        for path, why in reasons.items():
            f = self.files.get(path)
            if f is None:
                continue
            misses[path] = SourceMiss(
                path,
                f"{f.where} is not the version that was traced: {why}",
                FIX_MISMATCH,
                f.build_id,
            )
        return SourceReport(files, dict(sorted(misses.items())), notes)

    def rows(self) -> list[tuple[str, str, str]]:
        """``(path, origin or 'missing', where or why)`` sorted by path."""
        out = []
        for path in sorted({*self.files, *self.misses}):
            if path in self.files:
                f = self.files[path]
                out.append((path, f.origin, f.where))
            else:
                m = self.misses[path]
                out.append((path, "missing", f"{m.reason}; fix: {m.fix}"))
        return out


# -- elfutils client cache ----------------------------------------------------------


def elfutils_cache_root(env: Mapping[str, str]) -> Path:
    """The cache directory elfutils clients use (debuginfod-client.c make_cache_path).

    >>> str(elfutils_cache_root({"DEBUGINFOD_CACHE_PATH": "/c"}))
    '/c'
    >>> str(elfutils_cache_root({"XDG_CACHE_HOME": "/x", "HOME": "/nonexistent"}))
    '/x/debuginfod_client'
    """
    if env.get("DEBUGINFOD_CACHE_PATH"):
        return Path(env["DEBUGINFOD_CACHE_PATH"])
    home = env.get("HOME") or "/"
    legacy = Path(home) / ".debuginfod_client_cache"
    if legacy.is_dir():  # an older client's cache wins when it exists, as in elfutils
        return legacy
    xdg = env.get("XDG_CACHE_HOME") or str(Path(home) / ".cache")
    return Path(xdg) / "debuginfod_client"


def _escape_0188(path: bytes) -> bytes:
    """elfutils <= 0.191 path_escape: ``/`` -> ``##``, ``#`` -> ``#_``.

    >>> _escape_0188(b"/usr/src/a#b.c")
    b'##usr##src##a#_b.c'
    """
    return path.replace(b"#", b"#_").replace(b"/", b"##")


def _escape_0192(path: bytes) -> bytes:
    """elfutils >= 0.192 path_escape (PR32218): djb2 hash of the path (as signed
    chars, truncated to 32 bits) in hex, ``-``, then the path's tail with every byte
    but ``[A-Za-z0-9._-]`` turned into ``#``, the whole at most NAME_MAX/2 - 1 bytes.

    >>> _escape_0192(b"/tmp/a.c")
    b'c3755486-#tmp#a.c'
    """
    h = 5381
    for b in path:
        signed = b - 256 if b >= 128 else b
        h = (h * 33 + signed) & 0xFFFFFFFFFFFFFFFF
    keep = b"._-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    escaped = bytes(b if b in keep else ord("#") for b in path)
    out_len = min(255 // 2, 255, len(path) + 10) - 1
    return b"%08x-" % (h & 0xFFFFFFFF) + escaped[len(escaped) - (out_len - 9) :]


def elfutils_cache_names(path: str) -> tuple[str, str]:
    """The file names elfutils gives a source in its build-id directory: the 0.188
    scheme and the 0.192+ scheme.

    >>> elfutils_cache_names("/tmp/dx/src/a b#c.c")
    ('source##tmp##dx##src##a b#_c.c', 'source-5a2e5630-#tmp#dx#src#a#b#c.c')
    """
    raw = path.encode("utf-8", "surrogateescape")
    return (
        (b"source" + _escape_0188(raw)).decode("utf-8", "surrogateescape"),
        (b"source-" + _escape_0192(raw)).decode("utf-8", "surrogateescape"),
    )


def _cache_miss_seconds(root: Path) -> int:
    try:
        return int((root / "cache_miss_s").read_text().strip())
    except (OSError, ValueError):
        return ELFUTILS_CACHE_MISS_S


# -- files on disk ------------------------------------------------------------------


class _TooLarge(ErrtrailError):
    """A file is larger than the source limit (``size``: ``None`` when it grew past it
    while being read). Never leaves this module: the resolver turns it into a miss."""

    def __init__(self, size: int | None) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


def _read_regular(path: str | Path, limit: SourceLimit) -> tuple[bytes, datetime] | None:
    """The bytes and modification time of a regular file; ``None`` for anything else
    (directory, FIFO, device: never opened, so nothing blocks or rewinds). Raises
    ``_TooLarge`` when it is larger than ``limit`` (by its size, before reading; and
    never reads more than one byte past the limit, should it grow), ``OSError`` when
    it cannot be read."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        return None
    if st.st_size > limit.size:
        raise _TooLarge(st.st_size)
    with open(path, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):  # replaced in between
            return None
        if st.st_size > limit.size:
            raise _TooLarge(st.st_size)
        data = f.read(limit.size + 1)
        if len(data) > limit.size:
            raise _TooLarge(None)
        return data, datetime.fromtimestamp(st.st_mtime, timezone.utc)


def _add_once(refusals: dict[str, list[str]], path: str, refusal: str) -> None:
    """Add ``refusal`` to the refusals of ``path``, unless it is there already."""
    kept = refusals.setdefault(path, [])
    if refusal not in kept:
        kept.append(refusal)


def _when(ts: datetime) -> str:
    """A time for a sentence, to the second.

    >>> _when(datetime(2026, 1, 5, 10, 0, 7, 900000, tzinfo=timezone.utc))
    '2026-01-05 10:00:07 UTC'
    """
    return ts.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


@dataclass(frozen=True)
class TracedBinary:
    """The traced executable: its path as the run names it (for messages) and its
    modification time when the run was captured (``runs.target_mtime``)."""

    path: str
    mtime: datetime

    def newer_note(self, where: str, mtime: datetime) -> str | None:
        """The warning for a source file ``where`` last modified at ``mtime``, when that
        is after this binary's; else ``None``."""
        if mtime <= self.mtime:
            return None
        return (
            f"{where} was modified ({_when(mtime)}) after the traced binary ({self.path},"
            f" built {_when(self.mtime)}): it may not be the source it was built from"
        )


_PROCESS_TARGET = re.compile(r'^process\("([^"]+)"\)$')


def traced_binary(run: Run) -> TracedBinary | None:
    """The run's executable and its recorded mtime; ``None`` when the run recorded no
    (readable) ``target_mtime``: kernels, modules, imports, older archives."""
    text = run.target_mtime
    if not text:
        return None
    try:
        mtime = parse_iso(text)
    except ValueError:
        return None
    target = (run.target or "").strip()
    m = _PROCESS_TARGET.match(target)
    path = m.group(1) if m else None
    if path is None and run.traced_command:
        try:
            words = shlex.split(run.traced_command)
        except ValueError:
            words = []
        path = words[0] if words else None
    return TracedBinary(path or target or "the traced binary", mtime)


# -- local roots --------------------------------------------------------------------


def _within(root: Path, candidate: Path) -> bool:
    try:
        candidate.relative_to(root)
    except ValueError:
        return False
    return True


class _Local:
    """Reads under the given roots only, collecting refusals."""

    def __init__(self, options: SourceOptions, limit: SourceLimit,
                 oversized: dict[str, list[str]]) -> None:
        self.maps = list(options.source_maps)
        self.dirs = list(options.source_dirs)
        self.limit = limit
        # Files not read for their size, per traced path (the resolver's, shared).
        self.oversized = oversized
        self.notes: list[str] = []
        # What was looked for locally, per traced path, to say in a miss: a user who
        # gave --source-map or --source-dir must learn why it did not serve.
        self.tried: dict[str, list[str]] = {}

    def tried_text(self, traced: str) -> str | None:
        """Where ``traced`` was looked for locally, in words (``None``: nowhere)."""
        tried = self.tried.get(traced)
        return "; ".join(dict.fromkeys(tried)) if tried else None

    def _read(
        self, root: Path, rel_parts: Sequence[str], traced: str
    ) -> tuple[Path, bytes, datetime] | None:
        """The file ``rel_parts`` under ``root``, if it is there and readable. Raises
        ``_TooLarge`` for a file above the limit (recorded in ``oversized``): the most
        specific match is too large, so no shorter suffix under this root is tried."""
        if any(p == ".." for p in rel_parts):
            self.notes.append(
                f"refused {traced!r} under {root}: the path contains '..', which could"
                " leave the source root"
            )
            return None
        candidate = root.joinpath(*rel_parts)
        if not candidate.is_file():
            return None
        real_root = Path(os.path.realpath(root))
        real = Path(os.path.realpath(candidate))
        if not _within(real_root, real):
            self.notes.append(
                f"refused {candidate} for {traced!r}: it is a symlink to {real}, outside"
                f" the source root {root}"
            )
            return None
        try:
            got = _read_regular(real, self.limit)
        except _TooLarge as e:
            _add_once(self.oversized, traced, self.limit.refusal(str(candidate), e.size))
            raise
        except OSError as e:
            self.notes.append(f"cannot read {candidate} for {traced!r}: {e.strerror}")
            return None
        return (real, *got) if got is not None else None

    def find(
        self,
        candidates: Sequence[str],
        traced: str,
        accept: Callable[[Path, bytes], bool] = lambda real, data: True,
    ) -> tuple[Path, bytes, datetime] | None:
        """The first readable file for ``traced`` that ``accept(real_path, data)``
        takes; a file it refuses does not stop the search."""
        for path in candidates:
            for src, dst in self.maps:
                if src == "/":
                    rest = path.lstrip("/")
                elif path == src or path.startswith(src + "/"):
                    rest = path[len(src) :].lstrip("/")
                else:
                    continue
                rel = [p for p in rest.split("/") if p not in ("", ".")]
                try:
                    hit = self._read(Path(dst), rel, traced)
                except _TooLarge:
                    continue
                if hit is None:
                    self.tried.setdefault(traced, []).append(
                        f"--source-map {src}={dst} gives {Path(dst).joinpath(*rel)}, which is"
                        " not a readable file there"
                    )
                elif accept(hit[0], hit[1]):
                    return hit
        for path in candidates:
            parts = [p for p in path.split("/") if p not in ("", ".")]
            if ".." in parts:
                if self.dirs:
                    self.notes.append(
                        f"refused {traced!r} for --source-dir: the path contains '..'"
                    )
                continue
            for root in self.dirs:
                try:
                    hit = self._most_specific(root, parts, traced)
                except _TooLarge:
                    continue
                if hit is None:
                    if parts:
                        self.tried.setdefault(traced, []).append(
                            f"no file under --source-dir {root} ends with {parts[-1]}"
                            f" or a longer part of {path}"
                        )
                # A refused file is the most specific match under this root: a shorter
                # suffix would only find an unrelated namesake, so the next root is next.
                elif accept(hit[0], hit[1]):
                    return hit
        return None

    def _most_specific(
        self, root: Path, parts: Sequence[str], traced: str
    ) -> tuple[Path, bytes, datetime] | None:
        """The file under ``root`` ending with the longest suffix of ``parts``."""
        for i in range(len(parts)):
            hit = self._read(root, parts[i:], traced)
            if hit:
                return hit
        return None


# -- the resolver -------------------------------------------------------------------


@dataclass
class _Work:
    """One traced path on its way through the resolution steps."""

    path: str
    build_id: str | None
    absolute: str | None = None  # what a server / the elfutils cache is asked for
    local_candidates: list[str] = field(default_factory=list)
    blocked: tuple[str, str] | None = None  # (reason, fix) when no server can help


def is_kernel_target(run: Run) -> bool:
    """The run traced the kernel or a kernel module (whythefail PROC_OR_KERNEL)."""
    target = run.target or ""
    return target == "kernel" or target.startswith("module(")


def run_build_ids(run: Run) -> list[str]:
    """Build-ids whose DWARF may name the run's files: the target's, and for kernel
    targets (kernel, module("x")) also the running kernel's."""
    ids = [run.target_build_id]
    if is_kernel_target(run):
        ids.append(run.kernel_build_id)
    return list(dict.fromkeys(i.strip() for i in ids if i))


def resolve_sources(
    archive: Archive,
    run: Run,
    paths: Iterable[str],
    options: SourceOptions,
    *,
    client_factory: Callable[[ClientConfig], Client] | None = None,
    clock: Callable[[], datetime] | None = None,
    highest_lines: Mapping[str, int] | None = None,
) -> SourceReport:
    """A ``SourceFile`` or ``SourceMiss`` for every path the run's trace names.

    ``clock`` (default: the archive's) ages remembered misses. ``highest_lines``: the
    highest line the trace names in each path (statements and unprobed statements);
    a file found that ends before it is not the version that was traced and is not
    taken, whatever its origin, and resolution goes on to the next origin (see the
    module docstring).
    """
    return resolve_for_build_ids(
        archive, run_build_ids(run), paths, options, client_factory=client_factory, clock=clock,
        kernel=is_kernel_target(run), binary=traced_binary(run), highest_lines=highest_lines,
    )


# A traced file's ``#include``s are looked for beside it and in this many directories
# above it (a tree built with -I$(top_srcdir), as ndctl's `#include <util/sysfs.h>`
# from ndctl/lib/), each also under include/ (a kernel's -Iinclude).
INCLUDE_LEVELS = 3
# Headers read for a run at most, all files together.
MAX_HEADERS = 64
_INCLUDE = re.compile(rb'^[ \t]*#[ \t]*include[ \t]*["<]([^">\n]+)[">]', re.MULTILINE)


def include_candidates(path: str, text: bytes) -> list[str]:
    r"""Where the files ``text`` (the source at ``path``) includes may be, nearest
    first: its directory and the ``INCLUDE_LEVELS`` above it, each as is and under
    ``include/``. Guesses: only local origins are asked for them.

    >>> include_candidates("/s/ndctl/lib/dimm.c", b"#include <util/sysfs.h>\n")[2:4]
    ['/s/ndctl/util/sysfs.h', '/s/ndctl/include/util/sysfs.h']
    >>> include_candidates("kernel/sys.c", b'#include "../x.h"\n#include </abs.h>\n')
    ['x.h', 'kernel/x.h']
    """
    out: list[str] = []
    directory = posixpath.dirname(path)
    for m in _INCLUDE.finditer(text):
        name = m.group(1).decode("utf-8", "replace").strip()
        if not name or name.startswith("/"):
            continue
        base = directory
        for _ in range(INCLUDE_LEVELS + 1):
            for root in (base, posixpath.join(base, "include") if base else "include"):
                joined = posixpath.normpath(posixpath.join(root, name)) if root else name
                if not joined.startswith("../") and joined not in out:
                    out.append(joined)
            if base in ("", "/"):
                break
            base = posixpath.dirname(base)
    return out


def gather_includes(texts: Mapping[str, bytes],
                    find: Callable[[list[str]], Mapping[str, bytes]]) -> dict[str, bytes]:
    """The headers ``texts`` (path -> bytes) include, two levels deep and
    ``MAX_HEADERS`` at most: ``find`` is given the candidate paths
    (``include_candidates``) and returns those it has."""
    found: dict[str, bytes] = {}
    level = dict(texts)
    for _ in range(2):
        wanted = [c for p, t in sorted(level.items()) if p.endswith((".c", ".h"))
                  for c in include_candidates(p, t) if c not in found and c not in texts]
        if not wanted or len(found) >= MAX_HEADERS:
            break
        level = dict(sorted(find(list(dict.fromkeys(wanted))).items()))
        for p, t in list(level.items())[: MAX_HEADERS - len(found)]:
            found[p] = t
    return found


def resolve_includes(archive: Archive, run: Run, report: SourceReport,
                     options: SourceOptions) -> dict[str, bytes]:
    """The headers the files of ``report`` include (``gather_includes``), found in the
    archive, through --source-map/--source-dir or at their paths on this machine: the
    diagnosis reads them for the macros traced lines call. Never asked of a server
    (each candidate is a guess); those not found are left out silently."""
    local = replace(options, offline=True, debuginfod_urls=())

    def find(wanted: list[str]) -> dict[str, bytes]:
        got = resolve_sources(archive, run, wanted, local)
        return {p: f.text for p, f in got.files.items()}

    return gather_includes({p: f.text for p, f in sorted(report.files.items())}, find)


def resolve_for_build_ids(
    archive: Archive,
    build_ids: Sequence[str],
    paths: Iterable[str],
    options: SourceOptions,
    *,
    client_factory: Callable[[ClientConfig], Client] | None = None,
    clock: Callable[[], datetime] | None = None,
    kernel: bool = False,
    binary: TracedBinary | None = None,
    highest_lines: Mapping[str, int] | None = None,
) -> SourceReport:
    """As ``resolve_sources``, for explicit build-ids (tried in order). ``kernel``: the
    files are a kernel's or a module's (fix hints then mention stap-prep). ``binary``:
    the traced executable, that files read from disk are compared with."""
    resolver = _Resolver(archive, options, client_factory, clock or archive.clock)
    resolver.kernel = kernel
    resolver.binary = binary
    resolver.highest = dict(highest_lines or {})
    return resolver.run(build_ids, sorted(set(paths)))


class _Resolver:
    def __init__(
        self,
        archive: Archive,
        options: SourceOptions,
        client_factory: Callable[[ClientConfig], Client] | None,
        clock: Callable[[], datetime],
    ) -> None:
        self.archive = archive
        self.options = options
        self.env: Mapping[str, str] = options.env if options.env is not None else os.environ
        self.client_factory = client_factory
        self.clock = clock
        self.files: dict[str, SourceFile] = {}
        self.misses: dict[str, SourceMiss] = {}
        self.notes: list[str] = []
        from reporter.debuginfod import SourceLimit

        # Files not read for their size, per traced path: "X is N MiB, more than ...".
        self.oversized: dict[str, list[str]] = {}
        self.limit = SourceLimit.from_env(self.env)
        self.local = _Local(options, self.limit, self.oversized)
        self._client: Client | None = None
        self._config: ClientConfig | None = None
        self._to_store: list[dict[str, Any]] = []
        self._to_remember: list[dict[str, str]] = []
        self.kernel = False
        self.binary: TracedBinary | None = None
        # The highest traced line per path, and per path the files refused for ending
        # before it ("X is not the version that was traced: why").
        self.highest: dict[str, int] = {}
        self.refused: dict[str, list[str]] = {}

    def fix_not_found(self) -> str:
        """What to do when no server has the build-id's file."""
        if self.kernel:
            return FIX_SERVERS + "; " + FIX_STAP_PREP + "; or " + FIX_SOURCE_DIR
        return FIX_SERVERS + "; or " + FIX_SOURCE_DIR

    # -- plumbing

    def config(self) -> ClientConfig:
        if self._config is None:
            from reporter.debuginfod import ClientConfig

            self._config = ClientConfig.from_env(self.env, urls=self.options.debuginfod_urls)
            self.notes.extend(f"debuginfod server {url} not asked: {why}"
                              for url, why in self._config.refused)
        return self._config

    def client(self) -> Client:
        if self._client is None:
            from reporter.debuginfod import Client

            factory = self.client_factory or Client
            self._client = factory(self.config())
        return self._client

    def servers_text(self) -> str:
        return " ".join(self.config().urls)

    def looked(self) -> str:
        """Where a file that no server was asked for was looked for, in words."""
        if self.options.recorded_paths:
            return (
                "not in the archive, the local sources, at its recorded path or in the"
                " elfutils cache"
            )
        return "not in the archive, the local sources or the elfutils cache"

    def miss(self, work: _Work, reason: str, fix: str) -> None:
        """Record that ``work`` was not found; files refused as another version on the
        way come first in the reason (``reason`` then says why no other copy was)."""
        refused = self.refused.get(work.path, [])
        oversized = self.oversized.get(work.path, [])
        if refused or oversized:
            tail = f"; no other copy was found: {reason}" if reason else ""
            reason = "; ".join([*oversized, *refused]) + tail
            fixes = ([FIX_TOO_LARGE] if oversized else []) + ([FIX_MISMATCH] if refused else [])
            fix = "; or ".join(fixes)
        tried = self.local.tried_text(work.path)
        if tried:
            reason = f"{reason}; locally: {tried}"
        self.misses[work.path] = SourceMiss(work.path, reason, fix, work.build_id)

    def fits(self, work: _Work, data: bytes, where: str) -> bool:
        """Whether ``data`` (read from ``where``) can be the traced version of
        ``work``'s file: it does not end before a line the trace names. A refusal is
        kept for the miss or the note that will say so."""
        wanted = self.highest.get(work.path)
        if not wanted:
            return True
        # The diagnosis's own check, so that the two never disagree on a file.
        from reporter.diagnosis import sources_shorter_than

        why = sources_shorter_than({work.path: wanted}, {work.path: data}).get(work.path)
        if why is None:
            return True
        refusal = f"{where} is not the version that was traced: {why}"
        refusals = self.refused.setdefault(work.path, [])
        if refusal not in refusals:
            refusals.append(refusal)
        return False

    def _oversize(self, work: _Work, where: str, size: int | None) -> None:
        """Record that the file at ``where`` was not read for its size."""
        _add_once(self.oversized, work.path, self.limit.refusal(where, size))

    def found(
        self,
        work: _Work,
        data: bytes,
        origin: str,
        where: str,
        resolved: str,
        mtime: datetime | None = None,
    ) -> None:
        """Record a find; ``mtime``: the file's, when it was read from disk."""
        sha = hashlib.sha256(data).hexdigest()
        newer = self.binary.newer_note(where, mtime) if self.binary and mtime else None
        self.files[work.path] = SourceFile(
            work.build_id, work.path, resolved, data, sha, origin, where,
            mtime=iso(mtime) if mtime else None, newer_than_binary=newer,
        )
        self.misses.pop(work.path, None)
        if work.build_id and origin != "archive":
            self._to_store.append(
                {
                    "build_id": work.build_id,
                    "path": work.path,
                    "resolved_path": resolved,
                    "sha256": sha,
                    "data": data,
                    # The archive's origin kinds predate recorded-path: a file read
                    # from disk is "local" there, ``origin`` names the file.
                    "origin_kind": "local" if origin == "recorded-path" else origin,
                    "origin": where,
                    "mtime": iso(mtime) if mtime else None,
                }
            )

    # -- the steps

    def run(self, build_ids: Sequence[str], paths: list[str]) -> SourceReport:
        from reporter.debuginfod import InvalidBuildIdError, validate_build_id

        valid: list[str] = []
        for b in build_ids:
            try:
                valid.append(validate_build_id(b))
            except InvalidBuildIdError as e:
                self.notes.append(f"ignored the run's build-id: {e}")
        try:
            self._run(valid, paths)
        finally:
            if self._client is not None:
                self._client.close()
        self._flush()
        files = dict(sorted(self.files.items()))
        newer = [f.newer_than_binary for f in files.values() if f.newer_than_binary]
        # A refused file the path was then found without: say which copy was used.
        refusals = [
            f"{'; '.join([*self.oversized.get(p, []), *self.refused.get(p, [])])}: used"
            f" {f.where} ({f.origin}) instead"
            for p, f in files.items()
            if p in self.refused or p in self.oversized
        ]
        return SourceReport(
            files,
            dict(sorted(self.misses.items())),
            tuple(dict.fromkeys([*self.notes, *self.local.notes, *refusals, *newer])),
        )

    def _run(self, build_ids: list[str], paths: list[str]) -> None:
        remaining = list(paths)
        if not build_ids:
            for p in remaining:
                work = _Work(p, None, absolute=p if p.startswith("/") else None)
                work.local_candidates = [p]
                if not (self._local(work) or self._recorded(work)):
                    self.miss(
                        work,
                        "no build-id was recorded for the run's target, so no server can"
                        " say which version of the file it was built from",
                        FIX_SOURCE_DIR + "; or recapture with errtrail-collect on a host"
                        " where the target's build-id can be read",
                    )
            return
        # Each build-id in turn is asked for what the previous ones did not give.
        for n, build_id in enumerate(build_ids):
            last = n == len(build_ids) - 1
            remaining = self._for_build_id(build_id, remaining, final=last)
            if not remaining:
                return

    def _for_build_id(self, build_id: str, paths: list[str], final: bool) -> list[str]:
        todo = [p for p in paths if p not in self.files]
        # 1. the archive
        if not self.options.refresh:
            for p, row in sourcestore.stored_sources(self.archive, build_id, todo).items():
                work = _Work(p, build_id)
                # A stored copy that ends too early is passed over, and replaced in the
                # archive by whatever the next steps find.
                if not self.fits(work, row["data"], f"the archive's copy ({row['origin']})"):
                    continue
                self.found(work, row["data"], "archive", row["origin"], row["resolved_path"],
                           _stored_mtime(row.get("mtime")))
                if hashlib.sha256(row["data"]).hexdigest() != row["sha256"]:
                    self.notes.append(
                        f"the archive's copy of {p} does not match its recorded sha256;"
                        " run errtrail-report fetch --refresh to fetch it again"
                    )
        todo = [p for p in todo if p not in self.files]
        if not todo:
            return []
        works = [_Work(p, build_id) for p in todo]
        # 2. absolute paths (relative ones through the build-id's DWARF)
        if any(not w.path.startswith("/") for w in works):
            self._absolutise(build_id, [w for w in works if not w.path.startswith("/")])
        for w in works:
            if w.path.startswith("/"):
                w.absolute = posixpath.normpath(w.path)
                w.local_candidates = [w.path]
        # 3. local sources, then the file at its recorded path
        works = [w for w in works if not (self._local(w) or self._recorded(w))]
        # 4. the elfutils client cache
        works = [w for w in works if not self._elfutils_cache(w)]
        # 5. servers
        self._servers(works, final)
        return [w.path for w in works if w.path not in self.files]

    def _absolutise(self, build_id: str, works: list[_Work]) -> None:
        index = self._index(build_id)
        for w in works:
            rel = posixpath.normpath(w.path)
            w.local_candidates = [rel]
            if isinstance(index, tuple):  # (reason, fix): no DWARF index
                w.blocked = index
                continue
            comp_dirs = sorted({c for c, p in index if posixpath.normpath(p) == rel})
            if not comp_dirs:
                all_dirs = sorted({c for c, _ in index})
                if len(all_dirs) == 1:
                    # One compilation directory for the whole build (a kernel tree):
                    # the file is under it even if no line table names it.
                    comp_dirs = all_dirs
                else:
                    w.blocked = (
                        f"build-id {build_id}'s DWARF names no file {rel!r}, so the"
                        " directory it was compiled in is unknown",
                        FIX_SOURCE_DIR,
                    )
                    continue
            if len(comp_dirs) > 1:
                self.notes.append(
                    f"{rel!r} appears under {len(comp_dirs)} compilation directories of"
                    f" build-id {build_id}; used {comp_dirs[0]}"
                )
            comp_dir = comp_dirs[0]
            if not comp_dir.startswith("/"):
                # Debian kernels and -fdebug-prefix-map=DIR=. record a relative
                # comp_dir: the absolute path debuginfod indexes by does not exist.
                w.local_candidates = [posixpath.normpath(posixpath.join(comp_dir, rel)), rel]
                w.blocked = (
                    f"build-id {build_id}'s DWARF records a relative compilation directory"
                    f" {comp_dir!r} (Debian kernels, -fdebug-prefix-map), so no debuginfod"
                    " server can serve it",
                    FIX_SOURCE_DIR + " (Debian kernels: apt-get install linux-source and"
                    " unpack it)",
                )
                continue
            w.absolute = posixpath.normpath(posixpath.join(comp_dir, rel))
            w.local_candidates = [w.absolute, rel]

    def _index(self, build_id: str) -> list[tuple[str, str]] | tuple[str, str]:
        """The build-id's (comp_dir, path) index, or (reason, fix) when unavailable."""
        stored = sourcestore.build_id_files(self.archive, build_id)
        if stored:
            return stored
        if not self.options.refresh:
            remembered = self._remembered(build_id).get("")
            if remembered is not None:
                return (remembered["reason"] + " (remembered; --refresh asks again)",
                        remembered["fix"])
        if self.options.offline:
            return (
                f"the trace path is relative and build-id {build_id}'s DWARF index is not"
                " in the archive (--offline: no server asked)",
                "run errtrail-report fetch without --offline, or " + FIX_SOURCE_DIR,
            )
        if not self.config().urls:
            return (
                f"the trace path is relative and no debuginfod server is configured to read"
                f" build-id {build_id}'s compilation directory from",
                FIX_SERVERS + "; or " + FIX_SOURCE_DIR,
            )
        units, failure = self._fetch_units(build_id)
        if units is None:
            reason = (
                f"the trace path is relative and build-id {build_id}'s DWARF could not be"
                f" fetched to learn its compilation directory: {failure}"
            )
            fix = self.fix_not_found()
            self._to_remember.append(
                {"build_id": build_id, "path": "", "reason": reason, "fix": fix,
                 "origin": self.servers_text()}
            )
            return (reason, fix)
        rows = sorted({(u.comp_dir, f) for u in units if u.comp_dir is not None for f in u.files})
        try:
            sourcestore.store_build_id_files(self.archive, build_id, rows)
        except ArchiveError as e:
            self.notes.append(f"build-id {build_id}'s file index was not stored: {e}")
        return rows

    def _fetch_units(self, build_id: str) -> tuple[list[Any] | None, str]:
        """DWARF units of a build-id: from the two line sections when they suffice
        (DWARF 5), else from the debuginfo (or executable) file."""
        from reporter import dwarf
        from reporter.debuginfod import Fetched, Request

        client = self.client()
        line, line_str = client.fetch_many(
            [Request(build_id, "section", ".debug_line"),
             Request(build_id, "section", ".debug_line_str")]
        )
        failures = []
        if isinstance(line, Fetched):
            try:
                units = dwarf.read_line_tables(
                    line.data,
                    debug_line_str=line_str.data if isinstance(line_str, Fetched) else None,
                )
                if units and all(u.comp_dir is not None for u in units):
                    return units, ""
            except dwarf.DwarfError as e:
                failures.append(f"{line.url}: {e}")
        else:
            failures.append(line.describe())
            if line.attempts and all(a.kind in _UNREACHABLE for a in line.attempts):
                # No server answered at all: asking again for the debuginfo and the
                # executable would only wait out the same failures twice more.
                return None, line.describe()
        # DWARF 2-4 (no comp_dir in line headers), or a server without /section/.
        for kind in ("debuginfo", "executable"):
            got = client.fetch(Request(build_id, kind))
            if not isinstance(got, Fetched):
                failures.append(got.describe())
                continue
            try:
                return dwarf.read_elf_units(got.data), ""
            except dwarf.DwarfError as e:
                failures.append(f"{got.url}: {e}")
        return None, "; ".join(dict.fromkeys(failures))

    def _local(self, work: _Work) -> bool:
        if not (self.local.maps or self.local.dirs):
            return False
        candidates = list(dict.fromkeys([*work.local_candidates, work.path]))
        hit = self.local.find(
            candidates, work.path, lambda real, data: self.fits(work, data, str(real))
        )
        if hit is None:
            return False
        real, data, mtime = hit
        self.found(work, data, "local", str(real), str(real), mtime)
        return True

    def _recorded(self, work: _Work) -> bool:
        """The file at the absolute path the trace (or, for a relative path, its
        absolute comp_dir) records, when it is a regular file here: what gdb and
        addr2line read. Never a relative path (it would be read from the cwd)."""
        path = work.path if work.path.startswith("/") else work.absolute
        if not self.options.recorded_paths or path is None or not path.startswith("/"):
            return False
        try:
            got = _read_regular(path, self.limit)
        except _TooLarge as e:
            self._oversize(work, path, e.size)
            return False
        except OSError as e:
            if e.errno not in (errno.ENOENT, errno.ENOTDIR):
                self.notes.append(f"cannot read {path} (the recorded path): {e.strerror}")
            return False
        if got is None:
            return False
        data, mtime = got
        if not self.fits(work, data, path):
            return False
        self.found(work, data, "recorded-path", path, work.absolute or path, mtime)
        return True

    def _elfutils_cache(self, work: _Work) -> bool:
        if work.absolute is None or work.build_id is None:
            return False
        root = elfutils_cache_root(self.env)
        directory = root / work.build_id
        if not directory.is_dir():
            return False
        real_root = Path(os.path.realpath(root))
        for name in elfutils_cache_names(work.absolute):
            entry = directory / name
            try:
                st = entry.stat()
            except OSError:
                continue
            if not _within(real_root, Path(os.path.realpath(entry))):
                self.notes.append(f"refused {entry}: a symlink out of the elfutils cache {root}")
                continue
            if st.st_size == 0:
                age = time.time() - st.st_mtime
                if not self.options.refresh and age <= _cache_miss_seconds(root):
                    work.blocked = (
                        f"the elfutils cache remembers it as missing ({entry}, {age:.0f} s"
                        " old): a server said it does not have it",
                        FIX_SERVERS + "; or " + FIX_SOURCE_DIR,
                    )
                continue
            try:
                got = _read_regular(entry, self.limit)
            except _TooLarge as e:
                self._oversize(work, str(entry), e.size)
                continue
            except OSError as e:
                self.notes.append(f"cannot read {entry}: {e.strerror}")
                continue
            if got is None:
                continue
            data = got[0]
            if not self.fits(work, data, str(entry)):
                continue
            self.found(work, data, "elfutils-cache", str(entry), work.absolute)
            return True
        return False

    def _remembered(self, build_id: str) -> dict[str, dict[str, Any]]:
        fresh: dict[str, dict[str, Any]] = {}
        now = self.clock()
        servers = self.servers_text() if not self.options.offline else None
        for path, row in sourcestore.source_misses(self.archive, build_id).items():
            age = (now - parse_iso(row["remembered_at"])).total_seconds()
            if age > self.options.miss_ttl_s:
                continue
            # A miss counts only for the servers that missed it.
            if servers is not None and row["origin"] != servers:
                continue
            fresh[path] = row
        return fresh

    def _servers(self, works: list[_Work], final: bool) -> None:
        from reporter.debuginfod import Request

        askable: list[_Work] = []
        for w in works:
            if w.blocked is not None:
                self.miss(w, *w.blocked)
            elif w.absolute is None:
                self.miss(w, "the path is relative and its compilation directory is unknown",
                          FIX_SOURCE_DIR)
            else:
                askable.append(w)
        if not askable:
            return
        if self.options.offline:
            for w in askable:
                self.miss(
                    w,
                    f"{self.looked()} (--offline: no server asked)",
                    "run errtrail-report fetch without --offline, or " + FIX_SOURCE_DIR,
                )
            return
        if not self.config().urls:
            why = ("every debuginfod server is marked ima:enforcing (see the notes)"
                   if self.config().refused else "no debuginfod server is configured")
            for w in askable:
                self.miss(w, f"{self.looked()}, and {why}", FIX_SERVERS + "; or " + FIX_SOURCE_DIR)
            return
        remembered = {} if self.options.refresh else self._remembered(askable[0].build_id or "")
        ask: list[_Work] = []
        for w in askable:
            row = remembered.get(w.path)
            if row is not None:
                self.miss(w, f"{row['reason']} (remembered since {row['remembered_at']};"
                          " --refresh asks again)", row["fix"])
            else:
                ask.append(w)
        if not ask:
            return
        results = self.client().fetch_many(
            [Request(w.build_id or "", "source", w.absolute) for w in ask]
        )
        for w, result in zip(ask, results, strict=True):
            self._answer(w, result, final)

    def _answer(self, w: _Work, result: Result, final: bool) -> None:
        """Take one server answer for ``w``: the file, or a miss (remembered when
        ``final``, unless it may go away by itself)."""
        from reporter.debuginfod import Fetched

        if isinstance(result, Fetched):
            wrong = implausible_source(w.path, result.data, result.headers)
            if wrong is not None:
                # Neither stored nor remembered as a miss: the next run may get past
                # the portal.
                self.miss(w, f"{result.url}: {wrong}; nothing was stored",
                          "check the server and any proxy between (--debuginfod-url,"
                          " DEBUGINFOD_URLS), or " + FIX_SOURCE_DIR)
            elif self.fits(w, result.data, result.url):
                self.found(w, result.data, "url", result.url, w.absolute or w.path)
            else:
                self.miss(w, "", FIX_MISMATCH)
            return
        reason, fix = result.describe(), _failure_fix(result.kind, self.fix_not_found())
        self.miss(w, reason, fix)
        if final:
            self._to_remember.append(
                {"build_id": w.build_id or "", "path": w.path, "reason": reason, "fix": fix,
                 "origin": self.servers_text()}
            )

    def _flush(self) -> None:
        # A file refused for its size is not remembered as missing: raising
        # DEBUGINFOD_MAXSIZE must read it on the next run, not an hour later.
        remember = [r for r in self._to_remember if r["fix"] != FIX_TOO_LARGE]
        try:
            sourcestore.store_sources(self.archive, self._to_store)
            sourcestore.remember_source_misses(self.archive, remember)
        except ArchiveError as e:
            if self._to_store:
                self.notes.append(
                    f"{len(self._to_store)} fetched source file(s) were not stored in the"
                    f" archive: {e}"
                )


def _stored_mtime(text: object) -> datetime | None:
    """The ``sources.mtime`` of a stored row as a time (``None``: not read from disk, or
    an archive from before it was recorded)."""
    if not text:
        return None
    try:
        return parse_iso(str(text))
    except ValueError:
        return None


_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# Bytes an HTML page's start is looked for in (after leading white space).
_HEAD_BYTES = 4096


def implausible_source(path: str, data: bytes, headers: Mapping[str, str]) -> str | None:
    """Why a server's answer for source file ``path`` cannot be it, or ``None``: an
    HTML page served for a file that is not HTML (a proxy's or captive portal's login
    page answers 200 for any URL), or NUL bytes (a binary, not source).

    >>> implausible_source("/src/a.c", b"<!DOCTYPE html><title>Log in</title>", {})[:30]
    'the answer is an HTML page, no'
    >>> implausible_source("/src/a.c", b"int x;", {"content-type": "text/html"})[:52]
    'the answer is an HTML page (Content-Type: text/html)'
    >>> implausible_source("/src/a.c", b"\\x7fELF\\x00\\x01", {})
    'the answer holds NUL bytes: a binary file, not source'
    >>> implausible_source("/doc/index.html", b"<html>", {}) is None
    True
    """
    if path.lower().endswith(_HTML_SUFFIXES):
        return None
    kind = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    if kind.split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml"):
        return (f"the answer is an HTML page (Content-Type: {kind}), not the source asked"
                " for (a proxy or captive portal?)")
    # The head only: lstrip() of the whole body would copy it all.
    if data[:_HEAD_BYTES].lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return ("the answer is an HTML page, not the C source asked for (a proxy or captive"
                " portal?)")
    if b"\0" in data:
        return "the answer holds NUL bytes: a binary file, not source"
    return None


def _failure_fix(kind: str, not_found: str) -> str:
    fixes = {
        "not_found": not_found,
        "too_large": FIX_TOO_LARGE,
        "timeout": "raise DEBUGINFOD_TIMEOUT or check the server, or " + FIX_SOURCE_DIR,
        "maxtime": "raise DEBUGINFOD_MAXTIME, or " + FIX_SOURCE_DIR,
        "too_slow": "check the server (or raise DEBUGINFOD_TIMEOUT), or " + FIX_SOURCE_DIR,
    }
    return fixes.get(
        kind, "check the servers (--debuginfod-url or DEBUGINFOD_URLS), or " + FIX_SOURCE_DIR
    )
