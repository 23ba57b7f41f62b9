"""Reading a pack this build did not write: bounded, and checked against its own manifest.

An earlier pack is input like any other. A hand-edited verdicts.json must never be presented as
history, and a huge or deeply nested file must not exhaust the machine or crash the build. So
the manifest records the sha256 of the files a comparison reads (SEALED), and every file of an
earlier pack is read up to a size, a nesting depth, a string length and a number of items.
The hashes catch a file edited after its build; they are not a signature: whoever rewrites
the manifest too is not caught.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import stat
from pathlib import Path

from scrutiny.errors import ConfigError

SEALED = ("verdicts.json", "changes.json")
MAX_BYTES = 8 * 1024 * 1024  # per file; the demo's largest is 42 KB
MAX_DEPTH = 10  # lists and objects within each other; the demo's deepest is 4
MAX_STRING = 4000  # characters in one string; the demo's longest (a sentence) is 809
MAX_ITEMS = 10_000  # entries in one list or object: figures of a pack, notebooks...
MAX_INTEGER = 10**15  # a count or a size; a larger one would overflow as a float


class NotAPack(ConfigError):
    """The folder holds no pack at all: no such folder, or no manifest.json in it."""


class UntrustedPack(ConfigError):
    """A pack whose files fail their recorded hashes, exceed a limit or have the wrong shape."""

    def __init__(self, folder: Path, reason: str):
        self.folder, self.reason = folder, reason
        super().__init__(f"the pack {folder} could not be trusted: changes not computed ({reason})")


def seal(folder: Path) -> dict[str, str]:
    """The sha256 of each sealed file the pack holds, for its manifest's `files`."""
    return {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
        for name in SEALED
        if (folder / name).exists()
    }


def read_bytes(path: Path, folder: Path) -> bytes:
    """A file's bytes, refused unread past MAX_BYTES (and never a device or FIFO)."""
    try:  # opened without blocking, then checked: a FIFO swapped in cannot hang the read
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise UntrustedPack(folder, f"{path.name} is not a regular file")
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise UntrustedPack(folder, f"cannot read {path.name}: {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise UntrustedPack(folder, f"{path.name} is over {MAX_BYTES // 2**20} MB")
    return data


def refuse_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def parse(data: bytes, name: str, folder: Path):
    """JSON within the limits: depth, string length and items checked on every value."""
    try:
        value = json.loads(data.decode("utf-8"), parse_constant=refuse_constant)
    except RecursionError:
        raise UntrustedPack(folder, f"{name} is nested too deeply") from None
    except ValueError as error:  # also UnicodeDecodeError and over-long integers
        raise UntrustedPack(folder, f"{name} is not valid JSON: {str(error)[:200]}") from None
    within_limits(value, name, folder)
    return value


def within_limits(value, name: str, folder: Path) -> None:
    """Every value of a parsed document within MAX_DEPTH, MAX_STRING and MAX_ITEMS."""
    todo = [(value, 0)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, str) and len(item) > MAX_STRING:
            raise UntrustedPack(folder, f"{name} holds a string over {MAX_STRING} characters")
        if isinstance(item, float) and not math.isfinite(item):
            raise UntrustedPack(folder, f"{name} holds a number JSON does not allow")
        if isinstance(item, int) and abs(item) > MAX_INTEGER:
            raise UntrustedPack(folder, f"{name} holds an integer over {MAX_INTEGER:.0e}")
        if isinstance(item, dict | list):
            if depth >= MAX_DEPTH:
                raise UntrustedPack(folder, f"{name} is nested over {MAX_DEPTH} levels deep")
            if len(item) > MAX_ITEMS:
                raise UntrustedPack(folder, f"{name} holds over {MAX_ITEMS} items in one place")
            children = [*item, *item.values()] if isinstance(item, dict) else item
            todo.extend((child, depth + 1) for child in children)


def read_manifest(folder: Path) -> dict:
    """The pack's manifest.json, bounded; NotAPack when the folder has none."""
    if not folder.is_dir():
        raise NotAPack(f"{folder} is not a pack folder (no such folder)")
    path = folder / "manifest.json"
    if not path.exists():
        raise NotAPack(f"{folder} is not a pack: it has no manifest.json")
    manifest = parse(read_bytes(path, folder), path.name, folder)
    params = manifest.get("params") if isinstance(manifest, dict) else None
    if not (isinstance(params, dict) and "quarter" in params):
        raise UntrustedPack(folder, "its manifest.json was not written by scrutiny pack")
    return manifest


def read_sealed(folder: Path, manifest: dict, name: str):
    """One of the pack's SEALED files, parsed, only when it matches its recorded sha256."""
    files = manifest.get("files")
    recorded = files.get(name) if isinstance(files, dict) else None
    if not isinstance(recorded, str):
        raise UntrustedPack(
            folder,
            f"its manifest records no sha256 of {name} (built before packs recorded them, "
            "or edited): rebuild it with scrutiny pack",
        )
    data = read_bytes(folder / name, folder)
    if hashlib.sha256(data).hexdigest() != recorded:
        raise UntrustedPack(
            folder, f"{name} does not match the sha256 its manifest records: edited after its build"
        )
    return parse(data, name, folder)
