"""Headless Debian chromium, driven by playwright: prints the pack and tests it in a browser.

The system chromium, not a browser playwright downloads: CI installs it with apt, and the pack
must print the same way on an analyst's machine with no network.
"""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Browser, Playwright

from scrutiny.errors import ConfigError

CHROMIUM = Path(os.environ.get("SCRUTINY_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def available() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


def launch(playwright: Playwright) -> Browser:
    if not available():
        raise ConfigError(
            f"no chromium at {CHROMIUM}: install it (apt-get install chromium) "
            "or set SCRUTINY_CHROMIUM to its path"
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
