"""From document files to numeric statements: read, locate, join sentences, find statements."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from scrutiny.claimtext.catalogue import DocumentInfo, describe, load_catalogue
from scrutiny.claimtext.documents import read_lines
from scrutiny.claimtext.periods import document_date
from scrutiny.claimtext.sections import locate
from scrutiny.claimtext.sentences import sentences
from scrutiny.claimtext.statements import Statement, find_statements

_OPENING_LINES = 40  # the meeting or report date is stated near the top


def extract_statements(
    paths: Iterable[Path | str], documents: Path | str | Mapping | None = None
) -> list[Statement]:
    """Numeric statements in all the documents, in document then reading order."""
    catalogue = load_catalogue(documents)
    found: list[Statement] = []
    for path in paths:
        found.extend(document_statements(Path(path), describe(Path(path), catalogue)))
    return found


def document_statements(path: Path, info: DocumentInfo) -> list[Statement]:
    lines = read_lines(path)
    reference = info.date or document_date(" ".join(line.text for line in lines[:_OPENING_LINES]))
    found: list[Statement] = []
    for sentence in sentences(locate(lines)):
        found.extend(find_statements(sentence, info.id, reference))
    return found
