"""Disagreements among the register's own quotes, so a clone with no documents folder still
shows where the panel's figures disagree (702 dated August 2019 and August 2020)."""

from __future__ import annotations

from scrutiny.claims import Register
from scrutiny.claimtext.conflicts import Conflict, conflicts_between
from scrutiny.claimtext.sentences import Sentence
from scrutiny.claimtext.statements import Statement, find_statements


def register_statements(register: Register) -> list[Statement]:
    """The numeric statements in each claim's quoted sentence, located by its claim."""
    found: list[Statement] = []
    for number, claim in enumerate(register.claims, start=1):
        sentence = Sentence(claim.quote, number, claim.section)
        found.extend(find_statements(sentence, claim.document, claim.said_on))
    return found


def register_conflicts(register: Register, extra: list[Statement] = ()) -> list[Conflict]:
    """Conflicts among the register's quotes and any statements found in documents."""
    return conflicts_between([*register_statements(register), *extra])
