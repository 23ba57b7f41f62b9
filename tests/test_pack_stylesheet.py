"""The pack's shared stylesheet keeps what the pages use; the page's SVG draws the same."""

from __future__ import annotations

from pathlib import Path

from scrutiny.pack import svg
from scrutiny.pack.stylesheet import needed, notebook_css, used_css

PAGE = """<html><body class="jp-Notebook"><main>
<div class="jp-Cell jp-mod-noInput"><div class="jp-RenderedHTMLCommon"><table><tr><td>1</td>
</tr></table><a href="#x">x</a></div></div></main></body></html>"""

CSS = """
:root { --used: 1px; --via: var(--used); --unused: 2px; }
.jp-RenderedHTMLCommon table { border: var(--via) solid; }
.jp-DirListing { color: red; }
.jp-Cell:not(.jp-mod-noOutputs) .jp-RenderedHTMLCommon { margin-top: 5px; }
.jp-RenderedHTMLCommon a:hover, .jp-Toolbar a { color: blue; }
@media print { .jp-Cell { display: block; } .jp-Toolbar { display: none; } }
@media screen { .jp-Toolbar { display: none; } }
"""


def test_keeps_rules_for_elements_on_the_pages_and_the_properties_they_reach(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(PAGE)
    kept = used_css(CSS, [page])
    assert "--used: 1px" in kept and "--via: var(--used)" in kept
    assert "--unused" not in kept
    assert ".jp-RenderedHTMLCommon table { border: var(--via) solid; }" in kept
    assert "DirListing" not in kept
    assert ".jp-Cell:not(.jp-mod-noOutputs) .jp-RenderedHTMLCommon" in kept  # a class it lacks
    assert ".jp-RenderedHTMLCommon a:hover { color: blue; }" in kept  # one selector of two
    assert "@media print {\n  .jp-Cell { display: block; }\n}" in kept
    assert "@media screen" not in kept


def test_notebook_css_is_the_lab_templates_and_shrinks_to_what_a_page_uses(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(PAGE)
    full = notebook_css()
    assert ".jp-RenderedHTMLCommon" in full and len(full) > 100_000
    assert len(used_css(full, [page])) < 20_000


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="10" height="10" role="img">'
    '<g class="mark-group role-axis" role="graphics-symbol" aria-label="X-axis">'
    '<path class="background" aria-hidden="true" d="M0,0h0v0h0Z" pointer-events="none"/>'
    '<path class="background" aria-hidden="true" d="M0,0h9v9h-9Z" stroke="#ddd"/>'
    '<line transform="translate(0,0)" x2="3.14159" stroke="#888" stroke-width="1" opacity="1"/>'
    '<line x2="1" stroke-width="2" opacity="0.5"/>'
    '<text transform="translate(1.23456,2)">12.3456</text>'
    '<path transform="translate(5,6)" d="M2.73,0A2.73,2.73,0,1,1,-2.73,0A2.73,2.73,0,1,1,2.73,0"'
    ' fill="#1d3557"/>'
    '<path class="foreground" aria-hidden="true" d="" pointer-events="none" display="none"/>'
    "</g></svg>"
)


def test_compact_svg_drops_inert_markup_and_keeps_the_drawing():
    assert svg.compact(SVG) == (
        '<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="10" height="10" role="img">'
        '<g class="mark-group role-axis">'
        '<path class="background" d="M0,0h9v9h-9Z" stroke="#ddd"/>'
        '<line x2="3.14" stroke="#888"/>'
        '<line x2="1" stroke-width="2" opacity="0.5"/>'
        '<text transform="translate(1.23,2)">12.3456</text>'
        '<circle transform="translate(5,6)" r="2.73" fill="#1d3557"/>'
        "</g></svg>"
    )


def test_a_rule_is_kept_only_where_one_page_has_all_it_needs(tmp_path: Path):
    first, second = tmp_path / "first.html", tmp_path / "second.html"
    first.write_text('<html><body><div class="a"><p>x</p></div></body></html>')
    second.write_text(
        '<html><body><div class="b"><table><tr><td>1</td></tr></table></div></body></html>'
    )
    css = (
        ".a .b { color: red; }\n"  # each class is on some page, never both on one
        ".a p { color: green; }\n"
        ".b svg { color: blue; }\n"  # no page draws an svg
        ":is(svg, table) { margin: 0; }\n"  # alternatives: one is enough
    )
    kept = used_css(css, [first, second])
    assert kept == ".a p { color: green; }\n:is(svg, table) { margin: 0; }"


def test_what_a_selector_needs_on_its_page():
    assert needed(".jp-Cell:not(.jp-mod-noOutputs) > table td:hover") == (
        {"jp-Cell"},
        {"table", "td"},
    )
    assert needed('input[type="checkbox"].x') == ({"x"}, {"input"})
    assert needed(":is(svg, table) .y") == ({"y"}, set())
