"""The committed pack in a real browser (headless Debian chromium), opened from file://.

Each page must show its verdict and its chart, ask nothing of the network and log no console
error. `scrutiny pdf` must print the whole pack. A screenshot of each page goes to
test-artifacts/. Without chromium the tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from a11y import axe_violations, reflow_problems, structure_problems
from playwright.sync_api import sync_playwright

from scrutiny.pack import chromium

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "rendered" / "2022Q1"
ARTIFACTS = ROOT / "test-artifacts"
CLAIMS = ["cla-reduction-19-5", "dental-66", "national-cla-rising"]
VERDICTS = {"supported", "not supported", "not testable", "data issue"}
OFFLINE_SCHEMES = ("file:", "data:")
MARKS = "svg g[class*='role-mark'] > *"  # the drawn marks of a vega chart (bars, points, lines)
PAGES = sorted(page.name for page in PACK.glob("*.html"))  # index, changes, claims, statement...
PACKS = ROOT / "rendered"  # its index.html lists every quarter's pack


@pytest.fixture(scope="module")
def chromium_present() -> None:
    if not chromium.available():
        reason = f"no chromium at {chromium.CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI=true, so this is a failure")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(chromium_present):
    with sync_playwright() as playwright:
        launched = chromium.launch(playwright)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def verdicts() -> dict[str, str]:
    """claim id -> verdict, as the pack's verdicts.json records it."""
    rows = json.loads((PACK / "verdicts.json").read_text())
    return {row["claim"]: row["verdict"] for row in rows}


@pytest.fixture
def open_page(browser):
    """Opens pages as Visits and closes them when the test ends: a page left open keeps its
    charts and scripts in the browser for the rest of the module."""
    opened: list[Visit] = []

    def visit(path: Path, screenshot: bool = False) -> Visit:
        opened.append(Visit(browser, path, screenshot))
        return opened[-1]

    yield visit
    for visited in opened:
        visited.page.close()


class Visit:
    """One page opened from file://, with every request and console error it caused."""

    def __init__(self, browser, path: Path, screenshot: bool = False):
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "console", lambda message: message.type == "error" and self.errors.append(message.text)
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.as_uri(), wait_until="load")
        if screenshot:
            ARTIFACTS.mkdir(exist_ok=True)
            self.page.screenshot(path=str(ARTIFACTS / f"{path.stem}.png"), full_page=True)

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(OFFLINE_SCHEMES)]

    def assert_chart(self, within: str) -> None:
        charts = self.page.locator(f"{within} svg")
        assert charts.count() > 0, f"no chart (svg) in {within}"
        box = charts.first.bounding_box()
        assert box and box["width"] > 50 and box["height"] > 50, f"chart in {within} is empty"
        marks = self.page.locator(f"{within} {MARKS}").count()
        assert marks > 0, f"chart in {within} has no marks"


def test_index_shows_every_verdict_and_the_summary_chart(open_page, verdicts):
    visit = open_page(PACK / "index.html")
    rows = visit.page.locator("#verdict-table tbody tr")
    assert rows.count() == len(verdicts)
    for i in range(rows.count()):
        row = rows.nth(i)
        claim = row.get_attribute("data-claim")
        shown = row.locator("td").last.locator(".verdict").inner_text().strip()
        assert shown == verdicts[claim], claim
        assert row.locator(f'a[href="{claim}.html"]').count() == 1
    visit.assert_chart(".summary-chart")
    assert visit.outside_requests() == []
    assert visit.errors == []


@pytest.mark.parametrize("claim", CLAIMS)
def test_claim_page_shows_its_verdict_and_chart(open_page, verdicts, claim):
    visit = open_page(PACK / f"{claim}.html")
    verdict = visit.page.locator(".verdict")
    assert verdict.count() == 1 and verdict.is_visible()
    assert verdict.get_attribute("data-verdict") == verdicts[claim]
    assert re.match(rf"Verdict on real evidence: {verdicts[claim]}\b", verdict.inner_text())
    assert visit.page.locator(".claim-sentence").inner_text().startswith("The argument:")
    visit.assert_chart("[data-mime-type='image/svg+xml']")
    assert visit.outside_requests() == []
    assert visit.errors == []


@pytest.mark.parametrize("name", PAGES)
def test_page_meets_wcag_22_aa(open_page, name):
    """axe-core's WCAG 2.0-2.2 A and AA rules, then what axe cannot judge; every problem named.
    Each page's screenshot is taken here, where every page is opened."""
    visit = open_page(PACK / name, screenshot=True)
    problems = axe_violations(visit.page) + structure_problems(visit.page)
    problems += reflow_problems(visit.page)
    assert problems == [], f"{name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("name", ["index.html", "accessibility.html"])
def test_every_quarter_page_meets_wcag_22_aa(open_page, name):
    visit = open_page(PACKS / name, screenshot=True)
    problems = axe_violations(visit.page) + structure_problems(visit.page)
    problems += reflow_problems(visit.page)
    assert problems == [], f"rendered/{name}:\n  " + "\n  ".join(problems)


def test_every_quarter_page_lists_each_pack_newest_first_with_working_links(open_page):
    built = sorted((p.parent.name for p in PACKS.glob("*/manifest.json")), reverse=True)
    assert {"2021Q4", "2022Q1"} <= set(built)
    visit = open_page(PACKS / "index.html")
    rows = visit.page.locator("#packs-table tbody tr")
    assert [rows.nth(i).get_attribute("data-quarter") for i in range(rows.count())] == built
    for i, quarter in enumerate(built):
        for href in (f"{quarter}/index.html", f"{quarter}/changes.html"):
            assert rows.nth(i).locator(f'a[href="{href}"]').count() == 1
            assert (PACKS / href).exists()
    newest = rows.nth(0).locator("li").all_inner_texts()  # "12 not testable", ...
    claims = {
        row["claim"]: row["verdict"] for row in json.loads((PACK / "verdicts.json").read_text())
    }
    expected = Counter(claims.values())
    assert sorted(newest) == sorted(f"{n} {word}" for word, n in expected.items())
    assert visit.outside_requests() == []
    assert visit.errors == []


def test_changes_page_compares_with_the_quarter_before(open_page):
    changes = json.loads((PACK / "changes.json").read_text())
    assert changes["old"]["quarter"] == "2021Q4"
    visit = open_page(PACK / "changes.html")
    assert (
        visit.page.locator("h1").inner_text() == "What changed: evidence pack 2022Q1 since 2021Q4"
    )
    shown = visit.page.locator("#figure-change-table tbody tr")
    assert shown.count() == len(changes["figures"])
    summary = visit.page.locator("#change-summary").inner_text()
    assert f"Compared {changes['compared']['figures']} figures" in summary
    index = open_page(PACK / "index.html").page.locator("#changes").inner_text()
    verdicts = sum(1 for v in changes["verdicts"] if v["old"] and v["new"])
    assert index.startswith(f"Since 2021Q4: {verdicts} verdict(s) changed")
    assert visit.outside_requests() == []
    assert visit.errors == []


def test_every_page_has_its_own_title_and_h1(browser):
    seen = {}
    for name in PAGES:
        page = browser.new_page()
        page.goto((PACK / name).as_uri(), wait_until="load")
        seen[name] = (page.title(), page.locator("h1").inner_text())
        page.close()
    titles, headings = [t for t, _ in seen.values()], [h for _, h in seen.values()]
    assert len(set(titles)) == len(titles), seen
    assert len(set(headings)) == len(headings), seen
    for claim in CLAIMS:  # named by what the claim says, in the title as in the heading
        title, heading = seen[f"{claim}.html"]
        assert title == f"{heading}, evidence pack 2022Q1", claim


def test_a_chart_without_its_text_alternative_fails_the_checks(open_page, tmp_path):
    for name in ("dental-66.html", "pack.css"):
        shutil.copy2(PACK / name, tmp_path / name)
    page = tmp_path / "dental-66.html"
    html = page.read_text("utf-8")
    stripped = re.sub(r"<title id=\"chart-[^<]*</title>", "", html)
    stripped = re.sub(r"<figcaption class=\"chart-text\".*?</figcaption>", "", stripped, flags=re.S)
    assert stripped != html
    page.write_text(stripped, "utf-8")
    visit = open_page(page)
    assert any(v.startswith("svg-img-alt") for v in axe_violations(visit.page))
    assert {"chart without a name", "chart without a description in numbers"} <= set(
        structure_problems(visit.page)
    )


def test_pdf_prints_the_index_and_every_claim(chromium_present, verdicts, tmp_path):
    pack = tmp_path / PACK.name
    shutil.copytree(PACK, pack, ignore=shutil.ignore_patterns("pack.pdf"))
    command = [sys.executable, "-m", "scrutiny.cli", "pdf", str(pack)]
    run = subprocess.run(command, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    data = (pack / "pack.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    assert pages >= len(verdicts) + 1  # the index, then at least a sheet per claim
    assert re.search(rb"/StructTreeRoot\s+\d+ 0 R", data), "the PDF is not tagged"
    assert re.search(rb"/MarkInfo\s*<<[^>]*/Marked true", data)
    assert re.search(rb"/S /Figure\b", data) and re.search(
        rb"/Alt \(Claims by verdict on real evidence\)", data
    )
    assert re.search(rb"/Title\s*\(Evidence pack 2022Q1\)", data), "the PDF has no title"
    assert b"/Outlines" in data
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy2(pack / "pack.pdf", ARTIFACTS / "pack.pdf")
