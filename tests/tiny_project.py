"""A tiny project copy to build packs in: a few claims, small 903 data, its own defaults.

The copy's params/defaults.yml holds only the keys its notebooks declare (plus pack settings),
so it does not depend on notebooks the real project may or may not have yet.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from scrutiny import synth
from scrutiny.params import PACK_KEYS, notebook_parameters

ROOT = Path(__file__).resolve().parents[1]
SCRUTINY = [sys.executable, "-m", "scrutiny.cli"]


def make_project(folder: Path, claims: list[str], data: Path | None = None) -> Path:
    """A project in `folder` with `claims` from the register and the 903 data in `data`
    (default: a 300-child synthetic authority)."""
    (folder / "notebooks").mkdir(parents=True)
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):  # the claims' notebooks, no scorecard
        if notebook.name != "scorecard.ipynb":
            shutil.copy(notebook, folder / "notebooks" / notebook.name)
    shutil.copytree(ROOT / "evidence" / "data" / "published", folder / "evidence/data/published")
    shutil.copy(ROOT / "requirements.lock", folder / "requirements.lock")
    register = yaml.safe_load((ROOT / "evidence" / "claims.yml").read_text())
    register["claims"] = [c for c in register["claims"] if c["id"] in claims]
    for name in {c.get("notebook", "claim") for c in register["claims"]}:
        shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", folder / "notebooks" / f"{name}.ipynb")
    (folder / "evidence" / "claims.yml").write_text(yaml.safe_dump(register, sort_keys=False))
    target = folder / "evidence" / "data" / "synthetic"
    if data is None:
        synth.generate(target, children=300)
    else:
        shutil.copytree(data, target)
    declared = notebook_parameters(folder / "notebooks" / "claim.ipynb")
    defaults = yaml.safe_load((ROOT / "params" / "defaults.yml").read_text())
    defaults = {k: v for k, v in defaults.items() if k in declared or k in PACK_KEYS}
    defaults["documents_dir"] = ""
    (folder / "params").mkdir()
    (folder / "params" / "defaults.yml").write_text(yaml.safe_dump(defaults, sort_keys=False))
    return folder


def scrutiny(project: Path, *args: str, **popen) -> subprocess.CompletedProcess:
    """Run the `scrutiny` command in `project`, as a user would, capturing its output."""
    return subprocess.run(
        [*SCRUTINY, *args],
        cwd=project,
        env=project_env(project),
        capture_output=True,
        text=True,
        timeout=600,
        **popen,
    )


def project_env(project: Path) -> dict[str, str]:
    env = dict(os.environ, SCRUTINY_ROOT=str(project))
    env.setdefault("SCRUTINY_CACHE", str(project / ".cache"))
    return env


def file_hashes(folder: Path) -> dict[str, str]:
    """relative path -> sha256 of every file under `folder`."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
