"""errtrail's reporter: parse archived traces, fetch sources, diagnose, render.

May import the collector's modules (``collector.archive``, ``collector.errors``, ...);
never the other way.
"""

from __future__ import annotations
