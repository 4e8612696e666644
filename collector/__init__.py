"""errtrail's collector: capture stap (or gdb) runs losslessly into one SQLite archive.

Owns nothing itself; see the modules:

- ``collector.archive``: the SQLite archive (schema, migrations, runs, chunks, messages).
- ``collector.capture``: running a command, relaying its output, archiving it.
- ``collector.stapargs``: what a stap command line says (target, function, condition).
- ``collector.hostinfo`` / ``collector.elf``: host facts and build-ids.
- ``collector.messages``: classification of stap/staprun stderr lines.
- ``collector.errors``: ``ErrtrailError``, the base of every error both CLIs report.
- ``collector.cli``: the ``errtrail-collect`` command.

The collector never imports ``reporter``.
"""

from __future__ import annotations

__version__ = "0.1.0"
