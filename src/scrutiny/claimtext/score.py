"""Precision and recall of the claim finder against a hand-labelled gold file.

A found statement matches a gold one with the same document, line, value and kind (a change
stated without a figure has the value "increase" or "reduction"); each gold statement matches
at most one found statement. A found conflict matches a gold pair of statement ids when its
two statements match those two. The gold file's layout is in tests/data/claimtext_gold.yml.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from scrutiny import yamlsafe
from scrutiny.claimtext.conflicts import Conflict
from scrutiny.claimtext.statements import Statement
from scrutiny.errors import ConfigError

_STATEMENT_KEYS = {"id", "document", "line", "value", "kind"}


@dataclass(frozen=True)
class Gold:
    documents: dict  # id -> {file: ..., title: ...}, as `claims extract --documents` takes it
    statements: dict[str, tuple]  # id -> (document, line, value, kind)
    conflicts: list[frozenset[str]]  # pairs of statement ids


@dataclass(frozen=True)
class Score:
    found: int
    expected: int
    matched: int
    missed: tuple  # gold items not found
    extra: tuple  # found items not in the gold file

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def load_gold(path: Path) -> Gold:
    """The gold file; a missing key or an unknown id is an error naming the entry."""
    try:
        data = yamlsafe.load_path(Path(path)) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"{path}: cannot read the gold file ({error})") from None
    statements = {}
    for number, entry in enumerate(data.get("statements") or [], 1):
        missing = _STATEMENT_KEYS - set(entry) if isinstance(entry, dict) else _STATEMENT_KEYS
        if missing:
            raise ConfigError(f"{path}: statement {number}: missing {', '.join(sorted(missing))}")
        statements[entry["id"]] = _key(
            entry["document"], entry["line"], entry["value"], entry["kind"]
        )
    conflicts = [frozenset(pair) for pair in data.get("conflicts") or []]
    unknown = sorted({i for pair in conflicts for i in pair} - set(statements))
    if unknown:
        raise ConfigError(f"{path}: conflicts name unknown statement id(s) {', '.join(unknown)}")
    return Gold(data.get("documents") or {}, statements, conflicts)


def statement_key(statement: Statement) -> tuple:
    value = statement.claimed if statement.claimed is not None else statement.comparison
    return _key(statement.document, statement.line, value, statement.kind)


def _key(document, line, value, kind) -> tuple:
    return (str(document), int(line), " ".join(str(value).lower().split()), str(kind))


def score_statements(statements: Iterable[Statement], gold: Gold) -> Score:
    found = Counter(statement_key(s) for s in statements)
    expected = Counter(gold.statements.values())
    matched = found & expected
    return Score(
        found=found.total(),
        expected=expected.total(),
        matched=matched.total(),
        missed=tuple(sorted((expected - found).elements())),
        extra=tuple(sorted((found - expected).elements())),
    )


def score_conflicts(conflicts: Iterable[Conflict], gold: Gold) -> Score:
    ids: dict[tuple, list[str]] = {}
    for statement_id, key in gold.statements.items():
        ids.setdefault(key, []).append(statement_id)
    found = Counter()
    for conflict in conflicts:
        first, second = statement_key(conflict.first), statement_key(conflict.second)
        found[frozenset([*ids.get(first, [str(first)]), *ids.get(second, [str(second)])])] += 1
    expected = Counter(gold.conflicts)
    matched = found & expected
    return Score(
        found=found.total(),
        expected=expected.total(),
        matched=matched.total(),
        missed=tuple(sorted(tuple(sorted(pair)) for pair in (expected - found).elements())),
        extra=tuple(sorted(tuple(sorted(pair)) for pair in (found - expected).elements())),
    )
