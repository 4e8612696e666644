"""Build hook: compiles the reporter's C scanner (reporter/_scan.c) into the wheel.

Hatchling runs it for every wheel, editable ones included (``pip install -e .``
builds the module beside its source, where the checkout imports it). It needs a C
compiler and Python's headers (Debian: gcc and python3-dev). Without them the
package installs all the same, as pure Python: ``reporter.scan`` then reads every call
in Python, which gives the same reports more slowly, and says so in
``errtrail-report --version``.

The module carries the SHA-256 of the source it was built from, so that a checkout
whose ``_scan.c`` changed after the build never runs the stale module
(``reporter.scan`` compares them).
"""

from __future__ import annotations

import hashlib
import os
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = Path("reporter") / "_scan.c"


def built_name() -> str:
    return "_scan" + str(sysconfig.get_config_var("EXT_SUFFIX") or ".so")


def compile_scanner(root: Path) -> Path | None:
    """Compile ``reporter/_scan.c`` beside itself; the module's path, or ``None``
    (with the reason on stderr) when this machine cannot compile it."""
    source = root / SOURCE
    target = source.with_name(built_name())
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    cc = shlex.split(os.environ.get("CC") or str(sysconfig.get_config_var("CC") or "cc"))
    include = sysconfig.get_paths()["include"]
    command = [*cc, "-O2", "-fPIC", "-shared", "-Wall", "-I", include,
               f'-DSOURCE_SHA256="{digest}"', str(source), "-o", str(target)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as e:
        print(f"errtrail: no C compiler ({e}); the reporter reads traces in Python",
              file=sys.stderr)
        return None
    if done.returncode != 0:
        print(f"errtrail: {shlex.join(command)} failed; the reporter reads traces in"
              f" Python (install gcc and python3-dev to build its scanner):\n{done.stderr}",
              file=sys.stderr)
        return None
    return target


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Adds the compiled scanner to wheels (a platform wheel then)."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        built = compile_scanner(Path(self.root))
        if built is None:
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version != "editable":
            build_data["force_include"][str(built)] = f"reporter/{built.name}"
