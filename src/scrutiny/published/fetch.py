"""Copy the pinned official files from a mirror (folder or http(s)/file URL) into the cache.

Every file is verified against its sha256 before it enters the cache, so the loaders only ever
see the bytes the manifest names. A wrong or missing file is reported with its path and hashes,
and a missing one with the page that publishes it. A folder need not copy the manifest's
layout: a file not at its path is found by its size and sha256 (downloads keep their own names).
"""

from __future__ import annotations

import hashlib
import shutil
import urllib.error
import urllib.request
from pathlib import Path

from scrutiny.errors import DataError, Problem, UnusableInput
from scrutiny.hashing import file_sha256
from scrutiny.published.manifest import Source, cache_dir

URL_SCHEMES = ("http://", "https://", "file://")


def fetch(sources: list[Source], mirror: str, cache: Path | None = None) -> list[Path]:
    """Verified copies of `sources` in the cache; files already there and intact are kept."""
    cache = cache or cache_dir()
    problems, fetched = [], []
    if not mirror.startswith(URL_SCHEMES) and not Path(mirror).is_dir():
        raise UnusableInput(f"{mirror}: no such folder (a mirror is a folder or a URL)")
    by_size = None if mirror.startswith(URL_SCHEMES) else files_by_size(Path(mirror))
    for source in sources:
        target = cache / source.path
        if target.is_file() and file_sha256(target) == source.sha256:
            fetched.append(target)
            continue
        location = _location(mirror, source.path)
        if by_size is not None and not Path(location).is_file():
            location = same_content(source, by_size) or location
        try:
            data = _read(location)
        except FileNotFoundError:
            problems.append(
                Problem(
                    "missing-file",
                    f"not found in the mirror ({location}); published at {source.publication_url}",
                    file=source.path,
                )
            )
            continue
        actual = hashlib.sha256(data).hexdigest()
        if actual != source.sha256:
            problems.append(
                Problem(
                    "sha256-mismatch",
                    f"expected sha256 {source.sha256}, got {actual} ({location})",
                    file=source.path,
                )
            )
            continue
        _write_atomically(target, data)
        fetched.append(target)
    if any(p.rule == "missing-file" for p in problems):
        raise UnusableInput(DataError(problems, source=f"mirror {mirror}").summary())
    if problems:
        raise DataError(problems, source=f"mirror {mirror}")
    return fetched


def files_by_size(folder: Path) -> dict[int, list[Path]]:
    """Every file under `folder` by its size (a stat each, nothing read)."""
    found: dict[int, list[Path]] = {}
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                found.setdefault(path.stat().st_size, []).append(path)
    return found


def same_content(source: Source, by_size: dict[int, list[Path]]) -> str | None:
    """A file of the source's size and sha256 anywhere in the folder, whatever its name."""
    for path in by_size.get(source.bytes, []):
        if file_sha256(path) == source.sha256:
            return str(path)
    return None


def _location(mirror: str, relative: str) -> str:
    if mirror.startswith(URL_SCHEMES):
        return mirror.rstrip("/") + "/" + relative
    return str(Path(mirror) / relative)


def _read(location: str) -> bytes:
    """Bytes at a path or URL; FileNotFoundError for an absent file (404 included)."""
    if not location.startswith(URL_SCHEMES):
        path = Path(location)
        if not path.is_file():
            raise FileNotFoundError(location)
        return path.read_bytes()
    try:
        with urllib.request.urlopen(location, timeout=60) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise FileNotFoundError(location) from error
        raise UnusableInput(f"{location}: HTTP {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, FileNotFoundError):
            raise FileNotFoundError(location) from error
        raise UnusableInput(f"{location}: cannot reach the mirror ({error.reason})") from error


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    shutil.move(partial, target)
