"""Write statements as candidate entries for the claim register (evidence/claims.yml).

Candidates use the register's own shape (one figure per statement, reductions signed), so a
person reviews them, drops what is not worth checking and copies the rest across. A statement
with no guessed metric is written as untestable, with a `would_test` line to fill in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import yaml

from scrutiny.claimtext.statements import Statement

_FILLER = {"the", "of", "a", "an", "in", "on", "for", "who", "being", "having", "from"}
_MAX_ID_WORDS = 4


def register_entries(statements: Iterable[Statement]) -> list[dict]:
    """One register entry per statement, with ids unique within the list."""
    taken: dict[str, int] = {}
    return [_entry(statement, taken) for statement in statements]


def register_yaml(statements: Iterable[Statement]) -> str:
    """The entries as YAML, written by libyaml when it is there (20 MB of minutes in seconds)."""
    entries = register_entries(statements)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(
        {"claims": entries}, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100
    )


def claim_id(statement: Statement, taken: dict[str, int]) -> str:
    """A slug from subject, direction and value ("cla-reduction-19-5"), unique within `taken`
    (every slug given so far, with the last suffix tried for it)."""
    key = statement.key.replace("children looked after", "cla").replace("(national)", "national")
    words = [w for w in re.findall(r"[a-z0-9]+", key) if w not in _FILLER][:_MAX_ID_WORDS]
    if statement.is_change:
        words.append(statement.comparison)
    if statement.claimed:
        words.extend(re.findall(r"[a-z0-9]+", statement.claimed.lower()))
    base = "-".join(words) or "claim"
    slug, suffix = base, taken.get(base, 1)
    while slug in taken:
        suffix += 1
        slug = f"{base}-{suffix}"
    taken[base], taken[slug] = suffix, taken.get(slug, 1)
    return slug


def signed(statement: Statement) -> str | None:
    """The claimed value as the register writes it: a 19.5% reduction is "-19.5%"."""
    value = statement.claimed
    if value and statement.comparison == "reduction" and not value.startswith("-"):
        return f"-{value}"
    return value


def _figure(statement: Statement) -> dict:
    comparison = statement.comparison
    if statement.claimed and comparison in {"reduction", "increase"}:
        comparison = "="
    figure = {
        "label": " ".join(
            filter(None, [statement.subject, statement.period and statement.period.text])
        ),
        "claimed": signed(statement),
        "comparison": comparison,
        "source": "903" if statement.metric else "none",
        "metric": statement.metric,
        "params": dict(statement.params),
    }
    return {k: v for k, v in figure.items() if v is not None}


def _entry(statement: Statement, taken: dict[str, int]) -> dict:
    entry = {
        "id": claim_id(statement, taken),
        "document": statement.document,
        "section": statement.section,
        "line": statement.line,
        "quote": statement.sentence,
        "subject": statement.subject,
        "figures": [_figure(statement)],
    }
    if not statement.metric:
        entry["would_test"] = "(to fill in: which data would test this)"
    return entry
