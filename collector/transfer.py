"""Archives that move: runs copied from archive to archive, identified by uuid.

This module owns what moving runs means: ``export_runs`` writes chosen runs of an
archive into a new (or existing) one, ``merge_archives`` brings several archives
into one. Both copy a run whole, in one transaction: its row, its raw chunks (byte
for byte, in order), its classified messages, the sources stored for its build-ids
(and their DWARF file index), and the chain links between copied runs.

The rules, the same for both:

- A run is its uuid: one already in the destination is not copied again, so merging
  twice changes nothing.
- A partial copy (``running`` or ``abandoned``: the collector died, or the archive was
  copied mid-capture) is replaced by a finished one, and by a partial one holding
  more bytes.
- Sources are deduplicated by build-id and path; a destination's file whose content
  differs (another sha256) is kept and the difference reported.
- Local run ids are the destination's; chain links are rewritten by uuid.

Others call ``export_runs(source, refs, dest)`` and ``merge_archives(sources, into)``;
both return a ``TransferReport``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from collector.archive import Archive, ArchiveError, Run
from collector.errors import ErrtrailError

__all__ = ["TransferError", "TransferReport", "export_runs", "merge_archives"]

PARTIAL = ("running", "abandoned")
# Chunks inserted per statement batch while copying a run.
CHUNK_BATCH = 32


class TransferError(ErrtrailError):
    """Runs cannot be moved; the message says which archive and why."""


@dataclass
class TransferReport:
    """What a transfer did, run by run (uuids), and the sources that conflicted."""

    copied: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)       # already there, complete
    sources: int = 0                                    # source files added
    conflicts: list[str] = field(default_factory=list)  # "build-id path" kept as it was

    def summary(self) -> str:
        """``3 runs copied, 1 replaced (it was partial), 2 already there; 5 source files``."""
        parts = [f"{len(self.copied)} run(s) copied"]
        if self.replaced:
            parts.append(f"{len(self.replaced)} replaced (the copy there was partial)")
        parts.append(f"{len(self.kept)} already there")
        text = ", ".join(parts) + f"; {self.sources} source file(s) added"
        if self.conflicts:
            text += (f"; {len(self.conflicts)} source file(s) differ and were kept as they"
                     f" were: {', '.join(self.conflicts[:5])}")
        return text


def _open_source(path: Path) -> Archive:
    try:
        return Archive.open(path, readonly=True)
    except ArchiveError as e:
        raise TransferError(f"cannot read {path}: {e}") from e


def _build_ids(run: Run) -> set[str]:
    return {b for b in (run.target_build_id, run.kernel_build_id) if b}


def _better(new: Run, old: Run) -> bool:
    """Whether ``new`` should replace ``old`` (the same uuid)."""
    if old.status not in PARTIAL:
        return False
    if new.status not in PARTIAL:
        return True
    return new.stdout_bytes + new.stderr_bytes > old.stdout_bytes + old.stderr_bytes


def _copy_run(src: Archive, dest: Archive, run: Run) -> int:
    """The run's row, chunks and messages into ``dest``; its new id."""
    (row,) = src.table_rows("runs", "id = ?", [run.id])
    row.pop("id")
    # Its collector, if alive, writes to the other archive: this copy has no owner.
    row.update(owner_pid=None, owner_boot_id=None, owner_start_ticks=None,
               status=run.status, status_reason=run.status_reason)
    if run.status == "running":
        row.update(status="abandoned",
                   status_reason=f"copied from {src.path} while it was being captured")
    new_id = dest.insert_rows("runs", [row])
    assert new_id is not None
    batch: list[dict[str, object]] = []
    for chunk in src.table_rows("output_chunks", "run_id = ?", [run.id], order="seq"):
        batch.append({**chunk, "run_id": new_id})
        if len(batch) >= CHUNK_BATCH:
            dest.insert_rows("output_chunks", batch)
            batch = []
    dest.insert_rows("output_chunks", batch)
    dest.insert_rows("messages", ({**m, "run_id": new_id} for m in
                                  src.table_rows("messages", "run_id = ?", [run.id])))
    return new_id


def _copy_sources(src: Archive, dest: Archive, build_ids: Iterable[str],
                  report: TransferReport) -> None:
    for build_id in sorted(build_ids):
        have = {r["path"]: r["sha256"] for r in
                dest.table_rows("sources", "build_id = ?", [build_id])}
        for row in src.table_rows("sources", "build_id = ?", [build_id]):
            if row["path"] not in have:
                dest.insert_rows("sources", [row])
                report.sources += 1
            elif have[row["path"]] != row["sha256"]:
                conflict = f"{build_id[:12]} {row['path']}"
                if conflict not in report.conflicts:
                    report.conflicts.append(conflict)
        dest.insert_rows("build_id_files",
                         src.table_rows("build_id_files", "build_id = ?", [build_id]),
                         or_ignore=True)


def _copy_links(src: Archive, dest: Archive, ids: dict[int, int]) -> None:
    """Chain links among copied runs, their ids rewritten (``ids``: source -> dest)."""
    def mapped(row: dict[str, object], *keys: str) -> dict[str, object] | None:
        out = dict(row)
        for k in keys:
            if out[k] not in ids:
                return None
            out[k] = ids[int(str(out[k]))]
        return out

    for old in sorted(ids):
        for row in src.table_rows("chain_links", "run_id = ?", [old]):
            link = mapped(row, "run_id", "root_run", "parent_run")
            if link is not None:
                dest.insert_rows("chain_links", [link], or_ignore=True)
        for row in src.table_rows("invocation_links", "run_id = ?", [old]):
            call = mapped(row, "run_id", "parent_run")
            if call is not None:
                dest.insert_rows("invocation_links", [call], or_ignore=True)


def _transfer(src: Archive, dest: Archive, runs: Sequence[Run],
              report: TransferReport) -> None:
    by_uuid = {r.uuid: r for r in dest.runs()}
    ids: dict[int, int] = {}
    for run in runs:
        there = by_uuid.get(run.uuid)
        if there is not None and not _better(run, there):
            report.kept.append(run.uuid)
            continue
        with dest.transaction():
            if there is not None:
                dest.delete_run(there.id)
            ids[run.id] = _copy_run(src, dest, run)
            _copy_sources(src, dest, _build_ids(run), report)
        (report.replaced if there is not None else report.copied).append(run.uuid)
    with dest.transaction():
        # Links among runs copied now and runs that were there already.
        known = {r.uuid: r.id for r in dest.runs()}
        ids.update({r.id: known[r.uuid] for r in src.runs() if r.uuid in known})
        _copy_links(src, dest, ids)


def export_runs(source: Path, refs: Sequence[str], dest: Path) -> TransferReport:
    """Copy the runs ``refs`` names (ids, uuid prefixes, ``latest``) of ``source``, with
    the levels of the chains they head, into ``dest`` (created when missing)."""
    if dest.resolve() == source.resolve():
        raise TransferError(f"{dest} is the archive the runs come from; give another -o")
    report = TransferReport()
    with _open_source(source) as src:
        try:
            chosen = [src.get_run(ref) for ref in refs]
        except ArchiveError as e:
            raise TransferError(str(e)) from e
        levels = [src.get_run(x.run_id) for r in chosen for x in src.chain_links(r.id)]
        runs = list({r.id: r for r in [*chosen, *levels]}.values())
        with Archive.open(dest) as out:
            _transfer(src, out, sorted(runs, key=lambda r: r.id), report)
    return report


def merge_archives(sources: Sequence[Path], into: Path) -> TransferReport:
    """Every run of every archive of ``sources`` into ``into`` (created when missing)."""
    report = TransferReport()
    with Archive.open(into) as dest:
        for path in sources:
            if path.resolve() == into.resolve():
                raise TransferError(f"{path} is the archive merged into; leave it out")
            with _open_source(path) as src:
                _transfer(src, dest, src.runs(), report)
    return report
