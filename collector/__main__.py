"""``python -m collector`` is ``errtrail-collect``."""

from __future__ import annotations

from collector.cli import main

main()
