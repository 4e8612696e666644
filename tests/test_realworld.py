"""Diagnosis accuracy on real C libraries (tests/realworld: Debian sources traced with gdb).

Each case is a public API of a real library called with bad input, built at -O0 or
-O2 and traced with ``errtrail-collect gdb``; the expected line comes from reading
the source. Cases marked ``heldout`` were never looked at while tuning the diagnosis:
their figures are printed apart (``pytest -s tests/test_realworld.py``).

Targets (issue 11) on the tuned cases, with sources: top-1 >= 95 %, top-3 100 %, the
right callee on every callee case. Held-out cases and runs without sources have
floors (regression guards) and their figures are printed: ``pytest -s``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from collector.archive import Archive
from tests.accuracy.corpus import CLOCK
from tests.realworld import scoring as corpus

CASES = corpus.load_cases()


def test_corpus_is_real_and_answers_are_real_lines() -> None:
    assert len({c["library"] for c in CASES.values()}) >= 1
    for name, case in CASES.items():
        want = case["expect"]
        path = corpus.source_path(want["file"])
        assert path is not None, (name, want["file"])
        # At "\n" only, as gcc numbers lines (str.splitlines() breaks at form feeds too).
        assert path.read_text().split("\n")[want["line"] - 1].strip() == want["text"], name
        stdout = (corpus.TRACES / f"{name}.stdout").read_bytes()
        assert b"$return: " in stdout, name
        assert case["why"], name


def score(tmp_path: Path, with_sources: bool, probed: bool) -> dict[str, corpus.Outcome]:
    out: dict[str, corpus.Outcome] = {}
    with Archive.open(tmp_path / f"a{with_sources}{probed}.db", clock=lambda: CLOCK) as archive:
        for n, (name, case) in enumerate(sorted(CASES.items())):
            run_id = corpus.import_case(archive, name, n, probed)
            out[name] = corpus.evaluate(archive, run_id, name, case, with_sources)
    return out


def rates(outcomes: dict[str, corpus.Outcome], cases: dict[str, Any]) -> tuple[float, float, list[str]]:
    """(top-1, top-3, callee cases whose callee is not named at the expected line)."""
    names = [n for n in outcomes if n in cases]
    top1 = sum(outcomes[n].rank == 1 for n in names) / len(names)
    top3 = sum(outcomes[n].rank is not None and outcomes[n].rank <= 3 for n in names) / len(names)
    missed = sorted(n for n in names if cases[n]["expect"].get("callee") and not outcomes[n].callee_ok)
    return top1, top3, missed


def out_of_sight(outcomes: dict[str, corpus.Outcome], cases: dict[str, Any]) -> int:
    """Cases whose expected line is neither on the traced path nor a probed line: the
    trace alone cannot name it (the README's bound on the trace-only figure)."""
    n = 0
    for name in (x for x in outcomes if x in cases):
        want = cases[name]["expect"]
        meta = json.loads((corpus.TRACES / f"{name}.json").read_text())
        probed = {(f, int(line)) for f, line in meta.get("probed_lines") or ()}
        traced = {(s.file, s.line) for s in outcomes[name].group.steps}
        n += (want["file"], want["line"]) not in probed | traced
    return n


def summary(label: str, outcomes: dict[str, corpus.Outcome], cases: dict[str, Any]) -> str:
    names = [n for n in outcomes if n in cases]
    if not names:
        return f"{label}: no cases"
    top1, top3, missed = rates(outcomes, cases)
    callee = [n for n in names if cases[n]["expect"].get("callee")]
    return (f"{label}: {len(names)} cases, top-1 {round(top1 * len(names))}/{len(names)},"
            f" top-3 {round(top3 * len(names))}/{len(names)},"
            f" callee {len(callee) - len(missed)}/{len(callee)}")


TUNED = {n: c for n, c in CASES.items() if not c["heldout"]}
HELD = {n: c for n, c in CASES.items() if c["heldout"]}
# Floors the held-out cases must keep (scored after tuning: with sources top-1 1024/1271,
# 1009/1271 without the probed lines; without sources 570/1271): regression guards. The
# 39 batches of 2026-12-07 (libtiff to libid3tag, then libnvme to libxcrypt; 720 cases,
# written from the sources alone) scored 556/720 the first time each was scored; the
# twelve of 2026-12-08 (libzck to libmtdev, 192 cases) 151/192.
HELD_FLOOR = {True: 0.78, False: 0.44}
# Without sources the trace alone decides; the tuned cases keep at least this (731/1543;
# the 1383 cases of 2026-12-07 are unchanged at 670).
TUNED_FLOOR_WITHOUT_SOURCES = 0.47
# The tuned cases with sources: 1442/1543 first, 1500/1543 in the top 3, 749/765 callees
# named (without probed lines 1431, 1489, 748). Each new library was scored before any
# tuning on it (libelf, libfdt, libndctl, libnftnl: 76/117; libtraceevent 14/16,
# libgit2 7/16, libcryptsetup 14/16, libmosquitto 11/16, libssh 10/16; the thirteen of
# 2026-12-07, libcurl to libcdio: 151/208; the next eleven, libdeflate to libcoap:
# 149/176; the eighteen after them, libmpdclient to Linux-PAM: 223/288; the ten of
# 2026-12-08, libprotobuf-c to libtermkey: 116/160). Callee misses
# that named a macro as written
# (`sysfs_write_attr` for `__sysfs_write_attr`, `FDT_RO_PROBE` for `fdt_ro_probe_`) are
# named through the headers the traced files include (kept for libndctl and libfdt, see
# realworld/README.md).
TUNED_FLOOR = {"top1": 0.92, "top3": 0.96, "callee_misses": 19}  # 0.92, 19: no probed lines


@pytest.mark.parametrize("probed", [True, False], ids=["probed", "unprobed"])
@pytest.mark.parametrize("with_sources", [True, False], ids=["sources", "nosources"])
def test_realworld_accuracy(tmp_path: Path, with_sources: bool, probed: bool) -> None:
    """``probed``: the runs carry the lines their gdb capture probed (migration 0004),
    or not (older archives): both must work."""
    outcomes = score(tmp_path, with_sources, probed)
    for name in sorted(TUNED):
        o = outcomes[name]
        print(f"{name:40} rank {o.rank}  top {o.top.line if o.top else None}"
              f" {o.top.kind if o.top else None} {o.top.callee if o.top else None}")
    mode = ("" if with_sources else " (no sources)") + ("" if probed else " (no probed lines)")
    print(summary("tuned" + mode, outcomes, TUNED))
    print(summary("held out" + mode, outcomes, HELD))
    if not with_sources and probed:
        print(f"out of the trace's sight: tuned {out_of_sight(outcomes, TUNED)}/{len(TUNED)},"
              f" held out {out_of_sight(outcomes, HELD)}/{len(HELD)}")
    top1, top3, missed = rates(outcomes, TUNED)
    if with_sources:
        assert top1 >= TUNED_FLOOR["top1"] and top3 >= TUNED_FLOOR["top3"] and \
            len(missed) <= TUNED_FLOOR["callee_misses"], (top1, top3, missed)
    else:
        assert top1 >= TUNED_FLOOR_WITHOUT_SOURCES, top1
    if HELD:
        held1, _, _ = rates(outcomes, HELD)
        assert held1 >= HELD_FLOOR[with_sources], held1
