"""From document files to numeric statements: read, locate, join sentences, find statements."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path

from scrutiny.claimtext.catalogue import DocumentInfo, describe, load_catalogue
from scrutiny.claimtext.documents import read_lines
from scrutiny.claimtext.periods import document_date
from scrutiny.claimtext.sections import locate
from scrutiny.claimtext.sentences import sentences
from scrutiny.claimtext.statements import Statement, find_statements
from scrutiny.limits import TextBudget

_OPENING_LINES = 40  # the meeting or report date is stated near the top
_PROGRESS_EVERY = 500  # sentences between two progress calls

Progress = Callable[[Path, int, int], None]  # (document, sentences done, sentences in it)


def extract_statements(
    paths: Iterable[Path | str], documents: Path | str | Mapping | None = None
) -> list[Statement]:
    """Numeric statements in all the documents, in document then reading order."""
    return [s for _, found in statements_by_document(paths, documents) for s in found]


def statements_by_document(
    paths: Iterable[Path | str],
    documents: Path | str | Mapping | None = None,
    progress: Progress | None = None,
) -> Iterator[tuple[Path, list[Statement]]]:
    """Each document with its statements (maybe none), reporting progress through each one;
    all of them together within the run's text limit."""
    catalogue = load_catalogue(documents)
    budget = TextBudget()
    for path in map(Path, paths):
        yield path, document_statements(path, describe(path, catalogue), progress, budget)


def document_statements(
    path: Path,
    info: DocumentInfo,
    progress: Progress | None = None,
    budget: TextBudget | None = None,
) -> list[Statement]:
    lines = read_lines(path, budget)
    reference = info.date or opening_date(lines)
    found: list[Statement] = []
    last: tuple[int, str] | None = None  # paragraph and subject of the latest statement
    located = sentences(locate(lines))
    for done, sentence in enumerate(located, 1):
        previous = last[1] if last and last[0] == sentence.paragraph else None
        new = find_statements(sentence, info.id, reference, previous)
        if new:
            last = (sentence.paragraph, new[-1].subject)
        found.extend(new)
        if progress and (done % _PROGRESS_EVERY == 0 or done == len(located)):
            progress(path, done, len(located))
    return found


def opening_date(lines) -> date | None:
    """The meeting or report date stated near the top of a document, if any."""
    return document_date(" ".join(line.text for line in lines[:_OPENING_LINES]))


def describe_document(path: Path, info: DocumentInfo) -> tuple[str, date | None]:
    """(a title, the document's date): the catalogue's, else its first line and opening date."""
    lines = read_lines(path)
    first = next((line.text.strip() for line in lines if line.text.strip()), path.stem)
    title = info.title or (first if len(first) <= 100 else first[:97] + "...")
    return title, info.date or opening_date(lines)


def unique_statements(statements: Iterable[Statement]) -> list[Statement]:
    """The first of each set of identical statements (same sentence, figure, subject, period):
    minutes repeat a sentence, and the register needs it once."""
    seen: set[tuple] = set()
    unique = []
    for statement in statements:
        identity = (
            statement.sentence,
            statement.claimed,
            statement.comparison,
            statement.subject,
            statement.period,
            statement.national,
        )
        if identity not in seen:
            seen.add(identity)
            unique.append(statement)
    return unique
