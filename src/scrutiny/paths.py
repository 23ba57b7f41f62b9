"""Find the project folder, so notebooks run the same from papermill, JupyterLab and nbval."""

from __future__ import annotations

import os
from pathlib import Path

from scrutiny.errors import ConfigError


def project_root(start: Path | None = None) -> Path:
    """$SCRUTINY_ROOT, else the nearest folder above `start` holding evidence/claims.yml."""
    if os.environ.get("SCRUTINY_ROOT"):
        return Path(os.environ["SCRUTINY_ROOT"]).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        if (folder / "evidence" / "claims.yml").is_file():
            return folder
    raise ConfigError(f"no project folder (one holding evidence/claims.yml) above {here}")


def cache_root() -> Path:
    """$SCRUTINY_CACHE, else the project's .cache/: parsed 903 tables under 903/, verified
    official files under published/ (`make clean-cache` empties the first)."""
    if os.environ.get("SCRUTINY_CACHE"):
        return Path(os.environ["SCRUTINY_CACHE"])
    return project_root() / ".cache"


def resolve(path: str | Path, root: Path) -> Path:
    """A params path: absolute as given, otherwise relative to the project folder."""
    path = Path(path).expanduser()
    return path if path.is_absolute() else root / path
