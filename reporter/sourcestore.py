"""The archive's source cache: the tables of migration 0002_sources, read and written.

This module owns every read and write the reporter makes of ``sources`` (files
fetched for reports, so that a copied archive renders offline), ``source_misses``
(files not found, remembered for a while) and ``build_id_files`` (a build-id's DWARF
file index). ``reporter.sources`` calls it; ``collector.transfer`` copies the same
tables row by row, by SQL, and needs nothing here. Others call:

- ``stored_sources(archive, build_id, paths)`` / ``store_sources(archive, rows)``;
- ``source_misses(archive, build_id)`` / ``remember_source_misses(archive, rows)``;
- ``build_id_files(archive, build_id)`` / ``store_build_id_files(archive, build_id,
  files)``.

An archive opened read-only before 0002_sources has none of these tables: reads then
find nothing, and writes raise ``ArchiveError`` (the reporter says the sources were
not stored), as does any write to a read-only archive.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from collector.archive import Archive, ArchiveError, iso

__all__ = [
    "build_id_files",
    "remember_source_misses",
    "source_misses",
    "store_build_id_files",
    "store_sources",
    "stored_sources",
]


def _write(archive: Archive, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    try:
        with archive.transaction():
            archive.conn.executemany(sql, rows)
    except sqlite3.Error as e:
        raise ArchiveError(
            f"cannot store sources in {archive.path}: {e}; open it writable (not --readonly,"
            " not a read-only file) so that fetched sources are kept"
        ) from e


def _has_column(archive: Archive, table: str, column: str) -> bool:
    return any(r[1] == column for r in archive.conn.execute(f"PRAGMA table_info({table})"))


def stored_sources(
    archive: Archive, build_id: str, paths: Iterable[str]
) -> dict[str, dict[str, Any]]:
    """Rows of ``sources`` for these paths of one build-id, keyed by path.

    Each row: path, resolved_path, sha256, data (bytes), origin_kind, origin,
    fetched_at, mtime (``None`` in an archive opened read-only before 0003_mtimes).
    """
    wanted = sorted(set(paths))
    if not wanted or not archive.has_table("sources"):
        return {}
    mtime = "mtime" if _has_column(archive, "sources", "mtime") else "NULL"
    out: dict[str, dict[str, Any]] = {}
    # Batches keep under SQLite's bound-parameter limit on old versions (999).
    for i in range(0, len(wanted), 500):
        batch = wanted[i : i + 500]
        marks = ", ".join("?" for _ in batch)
        for r in archive.conn.execute(
            "SELECT path, resolved_path, sha256, data, origin_kind, origin, fetched_at,"
            f" {mtime} FROM sources WHERE build_id = ? AND path IN ({marks})",
            [build_id, *batch],
        ):
            out[r[0]] = {
                "path": r[0],
                "resolved_path": r[1],
                "sha256": r[2],
                "data": bytes(r[3]),
                "origin_kind": r[4],
                "origin": r[5],
                "fetched_at": r[6],
                "mtime": r[7],
            }
    return out


def store_sources(archive: Archive, rows: Iterable[Mapping[str, Any]]) -> None:
    """Insert or replace ``sources`` rows (keys as the columns, without fetched_at;
    ``mtime`` optional), and forget any remembered miss of the same files."""
    now = iso(archive.clock())
    items = [
        (
            r["build_id"],
            r["path"],
            r["resolved_path"],
            r["sha256"],
            r["data"],
            r["origin_kind"],
            r["origin"],
            now,
            r.get("mtime"),
        )
        for r in rows
    ]
    if not items:
        return
    _write(
        archive,
        "INSERT OR REPLACE INTO sources (build_id, path, resolved_path, sha256, data,"
        " origin_kind, origin, fetched_at, mtime) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        items,
    )
    _write(
        archive,
        "DELETE FROM source_misses WHERE build_id = ? AND path = ?",
        [(i[0], i[1]) for i in items],
    )


def source_misses(archive: Archive, build_id: str) -> dict[str, dict[str, Any]]:
    """Remembered misses of one build-id, keyed by path ('' = its DWARF index)."""
    if not archive.has_table("source_misses"):
        return {}
    return {
        r[0]: {"path": r[0], "reason": r[1], "fix": r[2], "origin": r[3], "remembered_at": r[4]}
        for r in archive.conn.execute(
            "SELECT path, reason, fix, origin, remembered_at FROM source_misses"
            " WHERE build_id = ? ORDER BY path",
            [build_id],
        )
    }


def remember_source_misses(archive: Archive, rows: Iterable[Mapping[str, str]]) -> None:
    """Insert or replace ``source_misses`` rows: build_id, path, reason, fix, origin."""
    now = iso(archive.clock())
    items = [(r["build_id"], r["path"], r["reason"], r["fix"], r["origin"], now) for r in rows]
    if items:
        _write(
            archive,
            "INSERT OR REPLACE INTO source_misses (build_id, path, reason, fix, origin,"
            " remembered_at) VALUES (?, ?, ?, ?, ?, ?)",
            items,
        )


def build_id_files(archive: Archive, build_id: str) -> list[tuple[str, str]]:
    """The stored index of a build-id's files: ``(comp_dir, path)``, sorted."""
    if not archive.has_table("build_id_files"):
        return []
    return [
        (r[0], r[1])
        for r in archive.conn.execute(
            "SELECT comp_dir, path FROM build_id_files WHERE build_id = ?"
            " ORDER BY comp_dir, path",
            [build_id],
        )
    ]


def store_build_id_files(archive: Archive, build_id: str, files: Iterable[tuple[str, str]]) -> None:
    """Replace the index of a build-id's files with ``(comp_dir, path)`` pairs."""
    now = iso(archive.clock())
    items = sorted({(build_id, c, p, now) for c, p in files})
    _write(archive, "DELETE FROM build_id_files WHERE build_id = ?", [(build_id,)])
    _write(
        archive,
        "INSERT OR REPLACE INTO build_id_files (build_id, comp_dir, path, indexed_at)"
        " VALUES (?, ?, ?, ?)",
        items,
    )
