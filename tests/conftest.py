"""Shared pytest fixtures for errtrail's tests.

Fixtures that need an external tool use ``require_tool``: outside CI a missing tool
skips the test with the install command; under ``CI=true`` it fails, so CI never
hides a missing dependency.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE_TRACES = REPO / "sample_traces"
REFERENCE = REPO.parent / "shared" / "reference"


def require_tool(name: str, debian_package: str) -> str:
    """Path of ``name`` on PATH; skip (locally) or fail (CI=true) when absent."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} not found: apt-get install {debian_package} (./run-tests does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def archive_path(tmp_path: Path) -> Path:
    """A path for a fresh archive (not yet created)."""
    return tmp_path / "archive.db"


@pytest.fixture
def python_exe() -> str:
    return sys.executable


@pytest.fixture(autouse=True)
def _isolated_archive_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads or writes the user's real archive or debuginfod cache."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("ERRTRAIL_ARCHIVE", raising=False)
    monkeypatch.delenv("DEBUGINFOD_URLS", raising=False)
    yield
