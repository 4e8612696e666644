"""errtrail's reporter: parse archived traces, fetch sources, diagnose, render.

May import ``collector.archive`` (and ``collector.messages``); never the other way.
"""

from __future__ import annotations
