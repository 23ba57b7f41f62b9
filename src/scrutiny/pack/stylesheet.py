"""The pack's one stylesheet: the notebook CSS its pages use, and the pack's own rules.

nbconvert's lab template embeds all of JupyterLab's CSS (about 260 KB, 2,200 rules) in every
page. The pack writes it once, as `pack.css`, keeping only the rules whose selectors match an
element of some page and the custom properties (`--jp-...`) those rules reach, so the pages
look as they did at a tenth of the size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import nbformat
import soupsieve
import tinycss2
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter

STYLESHEET = "pack.css"
# States and parts of an element that a static page never matches but a reader's pointer,
# focus or print may: the rule is kept when the element it styles is on some page.
DYNAMIC = re.compile(
    r"::?(?:hover|focus|focus-visible|focus-within|active|visited|link|target|checked|disabled"
    r"|enabled|before|after|placeholder|selection|first-letter|first-line|marker"
    r"|-webkit-[\w-]+|-moz-[\w-]+|-ms-[\w-]+)\b(?:\([^)]*\))?"
)
NEGATION = re.compile(r":not\([^()]*\)")  # classes an element must lack, not have
VAR = re.compile(r"var\(\s*(--[\w-]+)")
GROUPING = {"media", "supports", "layer", "container"}


@cache
def notebook_css() -> str:
    """Every stylesheet nbconvert's lab template puts in a page's head, in order."""
    page, _ = HTMLExporter(template_name="lab").from_notebook_node(nbformat.v4.new_notebook())
    head = BeautifulSoup(page, "html.parser").head
    return "\n".join(style.get_text() for style in head.find_all("style"))


CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
TYPE = re.compile(r"(?:^|[\s>+~])([a-zA-Z][\w-]*)")  # an element name, not an attribute's


def needed(selector: str) -> tuple[set[str], set[str]]:
    """Classes and element names every element the selector matches implies on its page (none
    read inside parentheses, where `:is(a, b)` offers alternatives)."""
    plain = NEGATION.sub("", selector)
    classes = set(CLASS.findall(plain))
    names = set() if "(" in plain else {n.lower() for n in TYPE.findall(DYNAMIC.sub("", plain))}
    return classes, names


class Pages:
    """The pages a rule may style: each page's classes and element names (a quick filter, so
    soupsieve reads only the pages that could match) and its parsed tree."""

    def __init__(self, pages: list[Path]):
        self.soups = [BeautifulSoup(p.read_text("utf-8"), "html.parser") for p in pages]
        self.words = []
        for soup in self.soups:
            tags = soup.find_all(True)
            classes = {c for tag in tags for c in tag.get("class", [])}
            self.words.append((classes, {tag.name for tag in tags}))

    def match(self, selector: str) -> bool:
        classes, names = needed(selector)
        candidates = [
            soup
            for soup, (has_classes, has_names) in zip(self.soups, self.words, strict=True)
            if classes <= has_classes and names <= has_names
        ]
        if not candidates:
            return False
        static = DYNAMIC.sub("", selector).strip()
        if not static or static[-1] in ">+~":
            static += "*"
        try:
            compiled = soupsieve.compile(static)
        except (soupsieve.SelectorSyntaxError, NotImplementedError, ValueError):
            return True  # a selector soupsieve cannot read: keep the rule rather than guess
        return any(compiled.select_one(soup) is not None for soup in candidates)


def selectors(prelude: list) -> list[str]:
    """A rule's selector list, split at its top-level commas only (not inside :is(a, b))."""
    parts, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append(current)
            current = []
        else:
            current.append(token)
    parts.append(current)
    return [tinycss2.serialize(p).strip() for p in parts if tinycss2.serialize(p).strip()]


@dataclass
class Rule:
    head: str  # a selector list, or "@page"
    declarations: list[tuple[str, str]]


@dataclass
class Group:
    head: str  # "@media print", "@supports ..."
    rules: list[Rule | Group]


def used_rules(rules: list, pages: Pages) -> list[Rule | Group]:
    """The rules, and the groups of rules, that style some element of the pages."""
    kept: list[Rule | Group] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            matching = [s for s in selectors(rule.prelude) if pages.match(s)]
            if matching:
                kept.append(Rule(", ".join(matching), declarations(rule.content)))
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content:
            inner = used_rules(tinycss2.parse_rule_list(rule.content, True, True), pages)
            if inner:
                kept.append(Group(f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude)}", inner))
        elif rule.type == "at-rule" and rule.lower_at_keyword == "page":
            kept.append(Rule("@page", declarations(rule.content)))
    return kept


def declarations(content: list) -> list[tuple[str, str]]:
    parsed = tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True)
    return [
        (d.name, tinycss2.serialize(d.value).strip() + (" !important" if d.important else ""))
        for d in parsed
        if d.type == "declaration"
    ]


def all_declarations(kept: list[Rule | Group]):
    for item in kept:
        if isinstance(item, Group):
            yield from all_declarations(item.rules)
        else:
            yield from item.declarations


def reachable_properties(kept: list[Rule | Group]) -> set[str]:
    """Custom properties some kept declaration uses, directly or through another property."""
    values: dict[str, list[str]] = {}
    wanted: set[str] = set()
    for name, value in all_declarations(kept):
        if name.startswith("--"):
            values.setdefault(name, []).append(value)
        else:
            wanted.update(VAR.findall(value))
    frontier = list(wanted)
    while frontier:
        for value in values.get(frontier.pop(), []):
            for name in VAR.findall(value):
                if name not in wanted:
                    wanted.add(name)
                    frontier.append(name)
    return wanted


def serialize(kept: list[Rule | Group], properties: set[str], indent: str = "") -> str:
    lines = []
    for item in kept:
        if isinstance(item, Group):
            inner = serialize(item.rules, properties, indent + "  ")
            if inner:
                lines.append(f"{indent}{' '.join(item.head.split())} {{\n{inner}\n{indent}}}")
            continue
        shown = [
            f"{n}: {v};" for n, v in item.declarations if not n.startswith("--") or n in properties
        ]
        if shown:
            lines.append(f"{indent}{item.head} {{ {' '.join(shown)} }}")
    return "\n".join(lines)


def used_css(css: str, pages: list[Path]) -> str:
    """The rules of `css` that style some element of `pages`, comments and unused vars dropped."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    kept = used_rules(rules, Pages(pages))
    return serialize(kept, reachable_properties(kept))


def own_css() -> str:
    """The pack's own rules (the front page's, and what every page needs), kept whole."""
    return files("scrutiny").joinpath("templates", "page.css").read_text("utf-8")


def write_stylesheet(pack: Path, pages: list[Path]) -> Path:
    """`pack.css`: the notebook CSS (JupyterLab's, via nbconvert) these pages use, then ours."""
    target = pack / STYLESHEET
    target.write_text(used_css(notebook_css(), pages) + "\n\n" + own_css(), encoding="utf-8")
    return target
