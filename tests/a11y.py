"""Accessibility checks on a page open in the browser: axe-core's WCAG A/AA rules, then what
axe cannot judge (a chart's text alternative in numbers, one h1, heading order, table captions
and scopes, skip link, a way back, reflow at 400% zoom). Each returns readable problems."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE = Axe()
REFLOW = {"width": 320, "height": 256}  # 1280 x 1024 at 400% zoom (WCAG 1.4.10)

# Problems axe does not look for, found in the page's DOM. Each string names the element.
STRUCTURE = """() => {
  const problems = [];
  const text = (el) => (el ? el.textContent.trim() : "");
  for (const svg of document.querySelectorAll("svg.marks")) {
    const title = svg.querySelector(":scope > title");
    const described = document.getElementById(svg.getAttribute("aria-describedby") || "");
    if (svg.getAttribute("role") !== "img") problems.push("chart svg without role=img");
    if (!text(title) && !svg.getAttribute("aria-label")) problems.push("chart without a name");
    if (!/\\d/.test(text(described))) problems.push("chart without a description in numbers");
  }
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
  const ones = headings.filter((h) => h.tagName === "H1");
  if (ones.length !== 1) problems.push(`${ones.length} h1 headings, not one`);
  let level = 0;
  for (const h of headings) {
    const next = Number(h.tagName[1]);
    if (next > level + 1) problems.push(`heading skips a level: h${next} "${text(h)}"`);
    level = next;
  }
  for (const table of document.querySelectorAll("table")) {
    const name = table.id || text(table.querySelector("th"));
    if (!text(table.caption)) problems.push(`table without a caption: ${name}`);
    if (table.tHead && table.tHead.rows.length > 1) {
      problems.push(`table with two header rows: ${name}`);
    }
    for (const th of table.querySelectorAll("th:not([scope])")) {
      problems.push(`table header without scope: ${name}: "${text(th)}"`);
    }
  }
  const skip = document.querySelector("a[href]");
  const target = skip && skip.getAttribute("href").startsWith("#")
    && document.getElementById(skip.getAttribute("href").slice(1));
  if (!target) problems.push("no skip link first on the page");
  const home = location.pathname.endsWith("/index.html") ? "accessibility.html" : "index.html";
  if (!document.querySelector(`a[href="${home}"]`)) problems.push(`no link to ${home}`);
  for (const verdict of document.querySelectorAll(".verdict")) {
    if (!/supported|consistent|testable|data issue/.test(text(verdict))) {
      problems.push(`verdict shown without words: ${verdict.outerHTML.slice(0, 80)}`);
    }
  }
  return problems;
}"""


def axe_violations(page) -> list[str]:
    """One line per element that breaks a WCAG 2.0-2.2 A or AA rule: rule, impact, element."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    response = AXE.run(page, options=options).response
    return [
        f"{rule['id']} ({rule['impact']}): {', '.join(map(str, node['target']))}: "
        f"{node['html'][:120]} ({rule['help']})"
        for rule in response["violations"]
        for node in rule["nodes"]
    ]


def structure_problems(page) -> list[str]:
    return page.evaluate(STRUCTURE)


def reflow_problems(page) -> list[str]:
    """The page at 320 CSS px wide must not scroll sideways (wide tables scroll in their box)."""
    page.set_viewport_size(REFLOW)
    width = page.evaluate("document.documentElement.scrollWidth")
    return [f"scrolls sideways at 400% zoom: {width}px wide in 320px"] if width > 321 else []
