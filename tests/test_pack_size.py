"""The committed pack stays light: issue 21's budget for its HTML pages."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "rendered" / "2022Q1"
TOTAL_HTML, PAGE = 1_500_000, 100_000


def test_committed_pack_html_is_within_budget_and_shares_one_stylesheet():
    pages = sorted(PACK.glob("*.html"))
    sizes = {page.name: page.stat().st_size for page in pages}
    assert sum(sizes.values()) < TOTAL_HTML, sizes
    assert {name: size for name, size in sizes.items() if size >= PAGE} == {}
    assert (PACK / "pack.css").is_file()
    for page in pages:
        assert "<style" not in page.read_text("utf-8").split("</head>")[0], page.name
