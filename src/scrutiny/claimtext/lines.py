"""A line of a panel document as every reader (text, Markdown, HTML, PDF) gives it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One source line with its markup removed."""

    number: int  # 1-based line in the source file
    text: str
    heading: bool = False  # marked as a heading by the markup (Markdown `#`, HTML h1-h6)
    page: int | None = None  # 1-based page of a PDF; None for text formats
