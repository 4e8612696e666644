"""The one base class of errtrail's errors, and how the two CLIs report them.

This module owns ``ErrtrailError``: every public error class of ``collector`` and
``reporter`` subclasses it (``tests/test_errors.py`` checks), so that a command
catches this one class. It lives in the collector because the collector never
imports the reporter; the reporter imports it from here. Others call:

- ``ErrtrailError``: the base to subclass for an error a user can act on.
- ``cli_errors(prefix="")``: a context manager, or a decorator of a click command,
  that turns an ``ErrtrailError`` into ``click.ClickException`` (``Error: PREFIX...``
  on stderr, exit status 1). Anything else passes through untouched.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import click

__all__ = ["ErrtrailError", "cli_errors"]


class ErrtrailError(Exception):
    """A failure the CLI reports as ``Error: ...`` with exit status 1; the message
    says what went wrong and, where it can, what to do."""


@contextlib.contextmanager
def cli_errors(prefix: str = "") -> Iterator[None]:
    """Report an ``ErrtrailError`` raised inside as ``Error: {prefix}{message}``, exit 1.

    As a decorator (``@cli_errors()``, right above a command's ``def``) it guards the
    whole command; as ``with cli_errors(f"run {run.id}: "):`` one part of it, whose
    errors then name what they were about. A ``click.ClickException`` raised inside
    (a command's own wording, as for a run that is not found) is left as it is.
    """
    try:
        yield
    except ErrtrailError as e:
        raise click.ClickException(f"{prefix}{e}") from e
