"""The whole pack as one PDF: the index, then every page it links to, each from a new sheet.

The pages are joined into one print document, each inside its own shadow root so that the lab
template's styles and the index's styles cannot clash, and chromium prints that document.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

from scrutiny.errors import ConfigError
from scrutiny.pack import chromium

PDF_NAME = "pack.pdf"
MARGINS = {"top": "12mm", "bottom": "12mm", "left": "10mm", "right": "10mm"}
ROOT_SELECTOR = re.compile(r":root\b")
BODY_SELECTOR = re.compile(r"(?<![\w-])body(?=[\s,{.\[:>])")
PRINT_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>section.page + section.page {{ break-before: page; }}</style>
</head><body>
{sections}
</body></html>
"""


def page_order(pack: Path) -> list[Path]:
    """index.html, then the pack's pages in the order the index links to them, then the rest."""
    index = pack / "index.html"
    if not index.is_file():
        raise ConfigError(f"{pack}: no index.html, so this is not a rendered pack")
    linked = re.findall(r'href="([^"/#]+\.html)"', index.read_text("utf-8"))
    pages = [index] + [pack / name for name in dict.fromkeys(linked) if (pack / name).is_file()]
    return pages + sorted(set(pack.glob("*.html")) - set(pages))


def page_css(page: Path, soup: BeautifulSoup) -> str:
    """The page's stylesheets (the pack's shared file, read from beside it) and <style>s."""
    linked = [
        (page.parent / link["href"]).read_text("utf-8")
        for link in soup.find_all("link", rel="stylesheet", href=True)
    ]
    return "\n".join(linked + [style.get_text() for style in soup.find_all("style")])


def shadow_section(page: Path, names: set[str]) -> str:
    """One page as a section whose shadow root holds the page's own styles and body."""
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    css = page_css(page, soup)
    css = BODY_SELECTOR.sub(".page-body", ROOT_SELECTOR.sub(":host", css))
    body = soup.body
    for link in body.find_all("a", href=True):
        if link["href"] in names:  # a link to another page of the pack: jump within the PDF
            link["href"] = "#" + Path(link["href"]).stem
    attributes = {**body.attrs, "class": ["page-body", *body.get("class", [])]}
    body.name, body.attrs = "div", attributes
    return (
        f'<section class="page" id="{page.stem}"><template shadowrootmode="open">'
        f"<style>{css}</style>{body}</template></section>"
    )


def print_document(pages: list[Path], title: str) -> str:
    names = {page.name for page in pages}
    sections = "\n".join(shadow_section(page, names) for page in pages)
    return PRINT_PAGE.format(title=title, sections=sections)


def write_pdf(pack: Path) -> Path:
    """Print the pack to <pack>/pack.pdf with headless chromium; returns its path."""
    pages = page_order(pack)
    target = pack / PDF_NAME
    with tempfile.TemporaryDirectory() as scratch:
        document = Path(scratch) / "pack-print.html"
        document.write_text(print_document(pages, f"Evidence pack {pack.name}"), "utf-8")
        with sync_playwright() as playwright:
            browser = chromium.launch(playwright)
            try:
                page = browser.new_page()
                page.goto(document.as_uri(), wait_until="load")
                page.pdf(
                    path=str(target),
                    format="A4",
                    print_background=True,
                    margin=MARGINS,
                    tagged=True,  # a structure tree: headings, tables, figures with their text
                    outline=True,  # bookmarks from the headings
                )
            finally:
                browser.close()
    return target
