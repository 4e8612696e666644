"""One error base class: every public error of collector/ and reporter/ is an
``ErrtrailError``, and both CLIs report one as ``Error: ...`` with exit status 1."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner, Result

import collector
import collector.cli
import reporter
import reporter.cli
import reporter.pipeline
from collector.archive import Archive, RunMeta
from collector.elf import ElfError
from collector.errors import ErrtrailError
from reporter.dwarf import DwarfError


def _modules() -> list[ModuleType]:
    """Every module of both packages (``__main__`` would run the CLI)."""
    found = []
    for package in (collector, reporter):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if not info.name.endswith(".__main__"):
                found.append(importlib.import_module(info.name))
    return found


def _public_errors() -> list[type[BaseException]]:
    return sorted(
        {
            cls
            for module in _modules()
            for name, cls in vars(module).items()
            if inspect.isclass(cls) and issubclass(cls, BaseException)
            and cls.__module__ == module.__name__ and not name.startswith("_")
        },
        key=lambda c: f"{c.__module__}.{c.__qualname__}",
    )


ERRORS = _public_errors()


def test_the_walk_finds_the_known_errors() -> None:
    names = {f"{c.__module__}.{c.__qualname__}" for c in ERRORS}
    assert {"collector.archive.RunNotFoundError", "collector.condition.ConditionError",
            "reporter.debuginfod.InvalidBuildIdError", "reporter.dwarf.NeedsDebugInfo",
            "reporter.parse.ParseError", "reporter.views.ViewError"} <= names


@pytest.mark.parametrize("cls", ERRORS, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_every_public_error_is_an_errtrail_error(cls: type[BaseException]) -> None:
    assert issubclass(cls, ErrtrailError)


def test_value_errors_stay_value_errors() -> None:
    from collector.condition import ConditionError
    from collector.runmeta import MetaError
    from reporter.debuginfod import InvalidBuildIdError

    assert all(issubclass(c, ValueError) for c in (ConditionError, MetaError, InvalidBuildIdError))


def _reported(result: Result, message: str) -> None:
    assert (result.exit_code, result.output) == (1, f"Error: {message}\n")
    assert isinstance(result.exception, SystemExit)  # not a traceback


def test_collect_reports_a_library_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An error no command named before the base class: it still comes out as Error.
    def fail(*args: object, **kwargs: object) -> None:
        raise ElfError("x: not an ELF file")

    monkeypatch.setattr(collector.cli, "import_trace", fail)
    trace = tmp_path / "trace.txt"
    trace.write_bytes(b"")
    result = CliRunner().invoke(
        collector.cli.main, ["import", str(trace), "--archive", str(tmp_path / "a.db")]
    )
    _reported(result, "x: not an ELF file")


def test_report_reports_a_library_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise DwarfError("truncated .debug_line")

    path = tmp_path / "a.db"
    with Archive.open(path) as a:
        run_id = a.create_run(RunMeta(command=("stap",)), status="complete")
    monkeypatch.setattr(reporter.pipeline, "prepare", fail)
    result = CliRunner().invoke(reporter.cli.main, ["diagnose", str(run_id), "--archive", str(path)])
    # The command's own prefix says which run it was about.
    _reported(result, f"run {run_id}: truncated .debug_line")
