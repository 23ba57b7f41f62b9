"""Shared fixtures. Tests that need ../shared skip where it is absent, but fail under CI=true."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SCRUTINY_SHARED", ROOT.parent / "shared"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules with a slow or browser test first, each kept whole and in place otherwise: with
    `--dist loadscope --no-loadscope-reorder` both workers start on the long modules (pack
    builds, the browser) and end together on the quick ones, instead of one finishing a pack
    module alone while the other waits."""
    heavy = {
        module(item)
        for item in items
        if item.get_closest_marker("slow") or item.get_closest_marker("browser")
    }
    items.sort(key=lambda item: module(item) not in heavy)  # a stable sort: False first


def module(item: pytest.Item) -> str:
    return item.nodeid.split("::")[0]


def require_shared(*parts: str) -> Path:
    """Path inside ../shared, or skip (fail on CI) when the shared folder is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is absent: these tests need the ../shared data mirror"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true, so this is a failure)")
        pytest.skip(message)
    return path


@pytest.fixture(autouse=True)
def own_903_cache(tmp_path, monkeypatch):
    """Each test its own parsed-data cache: none writes child-level tables into .cache/."""
    monkeypatch.setenv("SCRUTINY_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def shared_dir() -> Path:
    return require_shared()


@pytest.fixture
def mirror_dir() -> Path:
    return require_shared("data", "raw")


@pytest.fixture
def fake_903_dir() -> Path:
    return require_shared("data", "raw", "ssda903-fake-d2i")
