"""Every limit on what one input may cost, in one place (the README states them).

A hostile or mistaken input (a PDF whose small stream inflates to gigabytes, a 20,000-page
paper, a device where a table should be) must end with an error naming the file and the limit,
within a minute and a gigabyte, never exhaust the machine. The limits sit far above any real
council paper or 903 return: the largest authority's episodes file is a few MB a year.
"""

from __future__ import annotations

from scrutiny.errors import OverLimit

MB = 1024 * 1024

# Panel documents (claims extract, claims conflicts, the pack's index).
DOCUMENT_BYTES = 64 * MB  # one document file as stored (a PDF with images is the largest)
PDF_PAGES = 2_000  # a year of committee packs is a few hundred pages
DOCUMENT_TEXT = 16 * MB  # characters of text one document gives (a dense page is ~4,000)
RUN_TEXT = 32 * MB  # characters of text all the documents of one run give together (~30 s)
PDF_MEMORY = 512 * MB  # address space of the process that reads one PDF (pdfium inflates)
PDF_SECONDS = 60  # CPU and wall time for reading one PDF

# The 903 extract: one table file (CSV or XML).
TABLE_BYTES = 256 * MB
TABLE_ROWS = 4_000_000  # lines of one CSV, or rows of all tables of one XML file
XML_CHILD_ELEMENTS = 100_000  # one CHILD is held whole until it ends; a real one has hundreds

# YAML: params, register, groups, indicators, document catalogues.
YAML_BYTES = 64 * MB  # far above any register (a 20 MB one of minutes reads fine)
YAML_ALIAS_NODES = 100_000  # nodes that aliases may add by expansion; plain files use none


def size(amount: int) -> str:
    """A limit as a reader says it: '64 MB', '2,000'."""
    return f"{amount // MB:,} MB" if amount >= MB and amount % MB == 0 else f"{amount:,}"


def refuse(where: object, what: str, found: int | str, limit: int) -> OverLimit:
    """The error for an input over a limit, naming the file, the amount and the limit."""
    found = size(found) if isinstance(found, int) else found
    return OverLimit(
        f"{f'{where}: ' if where else ''}refused: {what} is {found}, over the limit of "
        f"{size(limit)} "
        "(scrutiny.limits; see the README's 'Limits')"
    )


def check(where: object, what: str, found: int, limit: int) -> None:
    if found > limit:
        raise refuse(where, what, found, limit)


class TextBudget:
    """The text one run may read from all its documents, spent document by document."""

    def __init__(self, limit: int | None = None):
        self.limit = RUN_TEXT if limit is None else limit
        self.spent = 0

    def spend(self, where: object, characters: int) -> None:
        self.spent += characters
        if self.spent > self.limit:
            raise OverLimit(
                f"{where}: refused: with it the documents give {self.spent:,} characters of "
                f"text, over the limit of {size(self.limit)} for one run "
                "(scrutiny.limits; see the README's 'Limits')"
            )
