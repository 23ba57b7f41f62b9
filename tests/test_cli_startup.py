"""`scrutiny --version` and `--help` import no command module and no heavy library."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

from scrutiny import commands

HEAVY = ["pandas", "papermill", "nbconvert", "altair", "playwright"]
PROBE = """
import json, sys
from scrutiny.cli import main
try:
    main([{flag!r}])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_import_no_command_and_no_heavy_library(flag):
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(flag=flag)],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert [m for m in loaded if m.startswith("scrutiny.commands.")] == []
    assert [m for m in HEAVY if m in loaded] == []
    assert "scrutiny" in done.stdout


def test_every_command_module_is_listed_once():
    modules = {info.name.replace("_", "-") for info in pkgutil.iter_modules(commands.__path__)}
    assert modules == set(commands.SUMMARY)
