"""A pack's size on disk: everything, its HTML pages, and the largest page (issue 21's budget)."""

from __future__ import annotations

from pathlib import Path

HTML_BUDGET, PAGE_BUDGET = 1_500_000, 100_000


def pack_size(pack: Path, label: str) -> dict:
    files = [p for p in pack.iterdir() if p.is_file()]
    pages = {p.name: p.stat().st_size for p in files if p.suffix == ".html"}
    largest = max(pages, key=pages.get)
    return {
        "pack": label,
        "files": len(files),
        "total": sum(p.stat().st_size for p in files),
        "html": sum(pages.values()),
        "pages": len(pages),
        "largest": largest,
        "largest_bytes": pages[largest],
    }


def kb(n: int) -> str:
    return f"{n / 1000:,.0f} KB"


def render(size: dict) -> list[str]:
    return [
        f"Pack size ({size['pack']}): **{kb(size['total'])}** on disk in {size['files']} files; "
        f"HTML **{kb(size['html'])}** over {size['pages']} pages (budget < "
        f"{kb(HTML_BUDGET)}); largest page `{size['largest']}` **{kb(size['largest_bytes'])}** "
        f"(budget < {kb(PAGE_BUDGET)}).",
        "",
    ]
