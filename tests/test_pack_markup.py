"""Register text is shown, never run: markup planted in a register is inert in every page.

A register is written from council documents (`scrutiny claims extract`) and packs are
published on council websites, whose pages may embed a pack page's body without its
Content-Security-Policy. So the test ignores the policy and asks of every rendered file
whether the planted markup became live elements, handlers or URLs.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import mistune
import pytest
import yaml
from bs4 import BeautifulSoup
from tiny_project import make_project, scrutiny

from scrutiny.verdicts import VERDICTS

CLAIM = "cla-reduction-19-5"
# a change with a proxy `why`, a share with a sensitivity chart, a DfE value with a claimed
# line on its chart, and a claim no data tests (its `would_test` shown)
CLAIMS = [CLAIM, "born-into-care-15-1", "dental-66", "pep-99"]
MARK = "pwned-1729"
PAYLOADS = (
    f"<script>alert('{MARK}')</script>",
    f"<img src=x onerror=alert('{MARK}')>",
    f"<b onmouseover=alert('{MARK}')>hover</b>",
    f"<a href=\"javascript:alert('{MARK}')\">click</a>",
    f'<meta http-equiv="refresh" content="0;url=https://{MARK}.example/">',
    f"<style>body{{display:none}} /* {MARK} */</style>",
    f"<svg onload=\"alert('{MARK}')\"></svg>",
)
PAYLOAD = " ".join(PAYLOADS)
MARKDOWN = mistune.create_markdown(escape=False)


def as_markdown(text: str) -> list[str]:
    """Markdown as a renderer may see it: its HTML (raw HTML passes through) and the text
    itself (a lenient renderer keeps tags a strict CommonMark parser would leave as text)."""
    return [MARKDOWN(text), text]


def plant(register: Path) -> None:
    """The payload in every free-text field of the claims: quote, subject, section, labels,
    why, would_test, and the title of the documents they come from."""
    data = yaml.safe_load(register.read_text())
    for claim in data["claims"]:
        for key in ("quote", "subject", "section", "would_test"):
            if key in claim:
                claim[key] = f"{claim[key]} {PAYLOAD}"
        for figure in claim.get("figures", []):
            figure["label"] = f"{figure['label']} {PAYLOAD}"
            figure["why"] = f"{figure.get('why', 'planted')} {PAYLOAD}"
        document = data["documents"][claim["document"]]
        document["title"] = f"{document['title'].removesuffix(PAYLOAD)} {PAYLOAD}"
    register.write_text(yaml.safe_dump(data, sort_keys=False))


def live_markup(html: str) -> list[str]:
    """What in `html` a browser would run, load or obey from the payload."""
    soup = BeautifulSoup(html, "html.parser")
    found = [f"<{tag.name}> element" for tag in soup.find_all(["script", "iframe", "object"])]
    found += [
        f"<style> element from the payload: {tag.get_text()[:40]!r}"
        for tag in soup.find_all("style")
        if MARK in tag.get_text()
    ]
    found += [
        f"<meta http-equiv={tag.get('http-equiv')!r}>"
        for tag in soup.find_all("meta")
        if str(tag.get("http-equiv", "")).lower() == "refresh"
    ]
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}=...> handler")
            elif "javascript:" in text.replace(" ", "").lower():
                found.append(f"<{tag.name} {name}={text[:40]!r}> javascript: URL")
    return found


def notebook_markup(notebook: dict) -> list[str]:
    """Every piece of a notebook JupyterLab renders as markup: HTML, SVG, Markdown."""
    pieces = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            pieces += as_markdown("".join(cell["source"]))
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for mime in ("text/html", "image/svg+xml"):
                if mime in data:
                    pieces.append("".join(data[mime]))
            if "text/markdown" in data:
                pieces += as_markdown("".join(data["text/markdown"]))
    return pieces


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("markup"), CLAIMS)
    plant(project / "evidence" / "claims.yml")
    run = scrutiny(project, "pack", "--quarter", "2022Q1", "--jobs", "1", "--no-progress")
    assert run.returncode == 0, run.stderr
    return project / "rendered" / "2022Q1"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_check_finds_each_payload_when_it_is_live(payload):
    assert [item for piece in as_markdown(payload) for item in live_markup(piece)]
    assert not live_markup(f"<p>{html.escape(payload)}</p>")


@pytest.mark.slow
@pytest.mark.parametrize("name", [*CLAIMS, "index"])
def test_the_payload_reaches_the_pages_as_text(pack, name):
    page = BeautifulSoup((pack / f"{name}.html").read_text(), "html.parser").get_text()
    assert f"<script>alert('{MARK}')</script>" in page
    assert f"onerror=alert('{MARK}')" in page


@pytest.mark.slow
def test_no_rendered_file_holds_the_payload_live(pack):
    live = {}
    for path in sorted(pack.rglob("*")):
        if path.suffix == ".html":
            pieces = [path.read_text("utf-8")]
        elif path.suffix == ".ipynb":
            pieces = notebook_markup(json.loads(path.read_text("utf-8")))
        else:
            continue
        found = [item for piece in pieces for item in live_markup(piece)]
        if found:
            live[path.name] = sorted(set(found))
    assert not live, live
    assert {p.suffix for p in pack.iterdir()} >= {".html", ".ipynb"}


@pytest.mark.slow
def test_the_verdict_on_each_page_is_a_library_word(pack):
    for name in [*(f"{claim}.html" for claim in CLAIMS), "index.html"]:
        soup = BeautifulSoup((pack / name).read_text(), "html.parser")
        shown = [tag.get_text(strip=True) for tag in soup.select(".verdict")]
        assert shown, name
        for text in shown:
            assert text.removeprefix("Verdict on real evidence:").strip() in VERDICTS, text
