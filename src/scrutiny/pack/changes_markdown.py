"""The comparison of two packs as a Markdown table, short enough for a pull-request comment.

A reviewer's forge shows it on every change (the CI job summary): the verdicts that moved
first, then the figures, one row each with the cause. Rows and cells are capped (a comment
has a size limit), and every cell is escaped: text from a pack is data, never markup, so a
pipe cannot split a row, a backtick or a bracket cannot start code or a link, HTML is shown as
text, an @ cannot notify anyone and a control character reaches no terminal.
"""

from __future__ import annotations

import re

from scrutiny.pack.changes import counts, described
from scrutiny.terminal import printable

MAX_ROWS = 25
MAX_CELL = 120  # characters of one cell before it is cut with an ellipsis

ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;"}
SPECIAL = re.compile(r"([\\`*_\[\]|~$])")  # inline markup; a cell never starts a line


def cell(value: object) -> str:
    """One table cell: a single line, cut to MAX_CELL characters, escaped for Markdown."""
    text = " ".join(str(value).split())  # newlines, tabs and runs of spaces: one space
    text = printable(text, keep_lines=False)
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + "…"
    text = "".join(ENTITIES.get(c, c) for c in text)
    return SPECIAL.sub(r"\\\1", text)


def rows(comparison: dict) -> list[tuple[str, str, str, str, str]]:
    """Verdict changes first (figure: "claim's verdict"), then each figure that moved."""
    found = [
        (
            v["claim"],
            "claim's verdict",
            v["old"] or "(no claim)",
            v["new"] or "(no claim)",
            v["causes"],
        )
        for v in comparison["verdicts"]
    ]
    found += [
        (f["claim"], f["figure"], described(f["old"]), described(f["new"]), f["causes"])
        for f in comparison["figures"]
    ]
    return [(*r[:4], "; ".join(r[4])) for r in found]


def markdown(comparison: dict, limit: int = MAX_ROWS) -> str:
    """A heading, the counts, and the table of at most `limit` rows ("and N more")."""
    n = counts(comparison)
    before, after = comparison["old"]["quarter"], comparison["new"]["quarter"]
    lines = [
        f"### Verdicts and figures that moved: pack {cell(before)} to {cell(after)}",
        "",
        f"Compared {comparison['compared']['figures']} figures of "
        f"{comparison['compared']['claims']} claims: **{n['verdicts']} verdict(s) changed**, "
        f"{n['figures']} figure(s) changed, {n['new']} claim(s) new, {n['removed']} removed.",
    ]
    table = rows(comparison)
    if not table:
        return "\n".join([*lines, "", "No verdict or figure changed."]) + "\n"
    lines += ["", "| claim | figure | old | new | cause |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in table[:limit]]
    if len(table) > limit:
        lines += [
            "",
            f"… and {len(table) - limit} more: `scrutiny changes OLD NEW` lists them all.",
        ]
    return "\n".join(lines) + "\n"
