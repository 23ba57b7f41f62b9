"""Only regular files are read, and a link found in a folder the user gave stays inside it.

`/dev/zero` read as a table grows without end and opening a FIFO blocks forever, so an input
is stat-ed before it is opened, opened without blocking, and checked again once open. A
symbolic link is followed, but one met while walking a folder (a 903 extract, the documents
folder) must lead inside that folder: a "table" linking to /etc/shadow is refused unless the
user passes --follow-outside-links (kept in the environment, so the pack's notebooks see it).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from scrutiny import limits
from scrutiny.errors import UnusableInput

FOLLOW_FLAG = "--follow-outside-links"
_FOLLOW_ENV = "SCRUTINY_FOLLOW_OUTSIDE_LINKS"
_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def add_flag(parser) -> None:
    """The command-line switch that lets links lead outside the folders given."""
    parser.add_argument(
        FOLLOW_FLAG,
        action="store_true",
        help="read a file reached by a link that leads outside the folder given (default: refused)",
    )


def allow_outside_links() -> None:
    os.environ[_FOLLOW_ENV] = "1"  # papermill and the kernels inherit it


def outside_links_allowed() -> bool:
    return os.environ.get(_FOLLOW_ENV) == "1"


def _refuse_kind(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        raise UnusableInput(f"{path}: refused: it is {kind}; only regular files are read")


def require_regular(path: Path) -> os.stat_result:
    """The file's status; a missing path, a device, a FIFO or a folder is a named error."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise UnusableInput(f"{path}: no such file") from None
    except OSError as error:
        raise UnusableInput(f"{path}: cannot be read ({error.strerror})") from None
    _refuse_kind(path, status.st_mode)
    return status


@contextmanager
def open_regular(
    path: Path, limit: int | None = None, what: str = "the file"
) -> Iterator[BinaryIO]:
    """The file open for reading, once it is known to be a regular file (within `limit` bytes).

    O_NONBLOCK: should a FIFO take the file's place between the stat and the open, the open
    returns at once and the check on the open file refuses it."""
    require_regular(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise UnusableInput(f"{path}: cannot be read ({error.strerror})") from None
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(descriptor)
        _refuse_kind(path, status.st_mode)
        if limit is not None:
            limits.check(path, f"{what}'s size", status.st_size, limit)
        yield stream


def read_bytes(path: Path, limit: int, what: str = "the file") -> bytes:
    """A regular file's bytes, refused when over `limit` (checked before and while reading)."""
    with open_regular(path, limit, what) as stream:
        data = stream.read(limit + 1)
    limits.check(path, f"{what}'s size", len(data), limit)  # it grew while being read
    return data


def inside(path: Path, folder: Path) -> Path:
    """`path`, met while walking `folder`, with its links resolved; refused when they lead
    outside `folder` and the user has not allowed it."""
    real = path.resolve()
    base = folder.resolve()
    if real != base and base not in real.parents and not outside_links_allowed():
        raise UnusableInput(
            f"{path}: refused: a link to {real}, outside {folder}; move the file into the "
            f"folder, or pass {FOLLOW_FLAG} to read it there"
        )
    return real


def walk(
    folder: Path,
    keep: Callable[[Path], bool] = lambda _: True,
    descend: Callable[[Path], bool] = lambda _: True,
) -> list[Path]:
    """The entries under `folder` that are not folders and that `keep` wants, sorted (a
    device or FIFO among them is refused when read); sub-folders only where `descend` says.
    A link is followed when it leads inside the folder, each real folder once (no loops)."""
    found: list[Path] = []
    seen = {folder.resolve()}
    stack = [folder]
    while stack:
        for entry in _entries(stack.pop()):
            path = Path(entry.path)
            if entry.is_dir():
                if descend(path) and inside(path, folder) not in seen:
                    seen.add(path.resolve())
                    stack.append(path)
            elif keep(path):
                inside(path, folder)
                found.append(path)
    return sorted(found)


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError as error:
        raise UnusableInput(f"{folder}: cannot be read ({error.strerror})") from None
