"""The uprobe tracer's probe events: added to tracefs, enabled in its instance, their
formats read back, removed.

This module owns the events of one run's group (``collector.uprobe_tracefs.group_for``):
the entry's own event, one event per set of statement sites whose arguments match
(``Plan.shared_events``: disabling an event waits for an RCU grace period, so fewer
events make a faster exit) and the return probe. A shared event the kernel cannot
enable (one of its addresses holds an instruction uprobes cannot step over) is split
into one event per site, so that only the sites that fail are reported, as stap
reports a probe it could not register. The entry and the return must be placed, or
nothing can be traced.

Others call ``Probes(tracefs, group, instance, plan, path, binary)`` then ``add()``,
``enable()`` (each returns the refused sites with the kernel's reason), ``formats()``
and ``sites_of(event)``.
"""

from __future__ import annotations

import contextlib
import mmap
from collections.abc import Iterator
from pathlib import Path

from collector.uprobe_ring import EventFormat, parse_format
from collector.uprobe_sites import Plan, Site
from collector.uprobe_tracefs import (
    Instance,
    Refusal,
    UprobeTraceError,
    add_event,
    remove_event,
)

ENTRY, RETURN = "entry", "ret"


@contextlib.contextmanager
def mapped(path: str) -> Iterator[None]:
    """The file mapped into this process meanwhile: a probe enabled while some process
    maps its file is put in place at once, so a probe the kernel cannot place (uprobes
    cannot step over a lock-prefixed instruction, for one) fails when enabled, with its
    reason, instead of silently when the program maps the file."""
    area: mmap.mmap | None = None
    try:
        with open(path, "rb") as f:
            area = mmap.mmap(f.fileno(), 0, flags=mmap.MAP_PRIVATE, prot=mmap.PROT_READ)
    except (OSError, ValueError):
        area = None
    try:
        yield
    finally:
        if area is not None:
            area.close()


class Probes:
    def __init__(self, tracefs: Path, group: str, instance: Instance, plan: Plan, path: str,
                 binary: str) -> None:
        self.tracefs = tracefs
        self.group = group
        self.instance = instance
        self.plan = plan
        self.path = path          # as uprobe_events names the file
        self.binary = binary
        self.events: dict[str, list[Site]] = {}

    def _fatal(self, what: str, why: Refusal) -> UprobeTraceError:
        return UprobeTraceError(f"the kernel could not place the {what} probe of"
                                f" {self.plan.function}: {why}")

    def add(self) -> list[tuple[Site, Refusal]]:
        """Add every probe; the sites the kernel refused, with why."""
        refused: list[tuple[Site, Refusal]] = []
        for name, sites in self.plan.shared_events():
            for site in sites:
                why = add_event(self.tracefs, self.plan.line(self.group, name, site, self.path))
                if why is None:
                    self.events.setdefault(name, []).append(site)
                elif site.entry:
                    raise self._fatal("entry", why)
                else:
                    refused.append((site, why))
        why = add_event(self.tracefs, self.plan.return_line(self.group, self.path))
        if why is not None:
            raise self._fatal("return", why)
        self.events[RETURN] = []
        return refused

    def enable(self) -> list[tuple[Site, Refusal]]:
        """Enable every event; the sites the kernel could not place, with why."""
        refused: list[tuple[Site, Refusal]] = []
        # The return first and the entry last: a call whose entry is seen then has its
        # return and statements armed already. Entry first, attaching to a running
        # process could see a call enter before its uretprobe was registered, and count
        # it as left without a return.
        middle = [n for n in self.events if n not in (ENTRY, RETURN)]
        names = [n for n in (RETURN, *middle, ENTRY) if n in self.events]
        with mapped(self.binary):
            for name in names:
                why = self.instance.enable(self.group, name)
                if why is None:
                    continue
                if name in (ENTRY, RETURN):
                    raise self._fatal("entry" if name == ENTRY else "return", why)
                sites = self.events.pop(name)
                remove_event(self.tracefs, self.group, name)
                if len(sites) == 1:
                    refused.append((sites[0], why))
                else:
                    refused += self._one_by_one(name, sites)
        return refused

    def _one_by_one(self, name: str, sites: list[Site]) -> list[tuple[Site, Refusal]]:
        refused: list[tuple[Site, Refusal]] = []
        for k, site in enumerate(sites):
            own = f"{name}_{k}"
            why = add_event(self.tracefs, self.plan.line(self.group, own, site, self.path)) or \
                self.instance.enable(self.group, own)
            if why is None:
                self.events[own] = [site]
            else:
                remove_event(self.tracefs, self.group, own)
                refused.append((site, why))
        return refused

    def formats(self) -> dict[str, EventFormat]:
        """Each event's format, as tracefs describes it."""
        return {name: parse_format((self.tracefs / "events" / self.group / name / "format")
                                   .read_text())
                for name in self.events}

    def sites_of(self, event: str) -> list[Site]:
        return self.events.get(event, [])
