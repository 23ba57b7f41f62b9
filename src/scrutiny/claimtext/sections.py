"""Give every line a locator a reader can find: heading, lettered paragraph, numbered item, bullet.

Minutes restart their lettering (conclusions a)-n), then recommendations a)-p)), so a new
"a)" takes its series name ("conclusion", "recommendation") from the text just before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scrutiny.claimtext.lines import Line

_LETTERED = re.compile(r"^\(?([a-z])\)(?:\s+(?=[A-Z‘'\"“])|\s*$)(.*)$")
# "7." or "7)", or a multi-level number ("1.3", "2.4.1"), then a capital: a numbered paragraph
_NUMBERED = re.compile(
    r"^(?:[-*·•]\s*)?(\d{1,2}[.)]|\d{1,2}(?:\.\d{1,2}){1,3}\.?)(?:\s+(?=[A-Z‘'\"“\[])|\s*$)(.*)$"
)
_BULLET = re.compile(r"^[-*·•–](?:\s+|$)(.*)$")
_BULLET_TITLE = re.compile(r"^([A-Z][^.–:;]{1,60}?)\s+[–-]\s+\S")
_SERIES = re.compile(r"\b(conclusion|recommendation|finding|action|objective)s?\b", re.IGNORECASE)
_PROCEDURAL = {"NOTED", "AGREED", "RESOLVED"}
_SERIES_LOOKBACK = 12


@dataclass(frozen=True)
class LocatedLine:
    """A line's text (list or paragraph marker removed) and where it sits in the document."""

    number: int
    text: str
    section: str | None
    new_paragraph: bool = False  # a heading, marker or bullet starts a new paragraph here


@dataclass
class _Place:
    heading: str | None = None
    series: str | None = None
    item: str | None = None  # "c)" or "paragraph 7"
    bullet: str | None = None
    last_letter: str | None = None

    def locator(self) -> str | None:
        item = f"{self.series} {self.item}" if self.series and self.item else self.item
        parts = [part for part in (self.heading, item, self.bullet) if part]
        return ", ".join(parts) or None


def locate(lines: list[Line]) -> list[LocatedLine]:
    """Each line with the locator of the heading, item and bullet it falls under."""
    place = _Place()
    located: list[LocatedLine] = []
    for index, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            located.append(LocatedLine(line.number, "", _locator(line, place)))
            continue
        if line.heading or _looks_like_heading(lines, index):
            place = _Place(heading=text.strip("* "))
            located.append(LocatedLine(line.number, "", _locator(line, place), new_paragraph=True))
            continue
        text, new_paragraph = _enter_markers(text, place, lines, index)
        located.append(LocatedLine(line.number, text, _locator(line, place), new_paragraph))
    return located


def _locator(line: Line, place: _Place) -> str | None:
    """The place in the document, after the page for a PDF ("page 3, conclusion c)")."""
    where = place.locator()
    if line.page is None:
        return where
    return f"page {line.page}, {where}" if where else f"page {line.page}"


def _enter_markers(text: str, place: _Place, lines: list[Line], index: int) -> tuple[str, bool]:
    """Update the place for any marker opening the line; the text left after the markers."""
    lettered = _LETTERED.match(text)
    if lettered:
        letter, rest = lettered.groups()
        if letter == "a" or place.last_letter is None:
            place.series = _series_name(lines, index)
        place.item, place.last_letter, place.bullet = f"{letter})", letter, None
        return rest.strip(), True
    numbered = _NUMBERED.match(text)
    if numbered:
        number, rest = numbered.groups()
        place.series, place.last_letter, place.bullet = None, None, None
        place.item = f"paragraph {number.rstrip('.)')}"
        return rest.strip(), True
    bullet = _BULLET.match(text)
    if bullet:
        rest = bullet.group(1).strip()
        title = _BULLET_TITLE.match(rest)
        place.bullet = title.group(1) if title and len(title.group(1).split()) <= 7 else None
        return rest, True
    return text, False


def _series_name(lines: list[Line], index: int) -> str | None:
    before = " ".join(line.text for line in lines[max(0, index - _SERIES_LOOKBACK) : index])
    names = _SERIES.findall(before)
    return names[-1].lower() if names else None


def _looks_like_heading(lines: list[Line], index: int) -> bool:
    """A short line standing alone between blank lines, not ending like a sentence."""
    text = lines[index].text.strip().strip("*").strip()
    before_blank = index == 0 or not lines[index - 1].text.strip()
    after_blank = index + 1 == len(lines) or not lines[index + 1].text.strip()
    words = text.split()
    if not (before_blank and after_blank and words) or len(words) > 12:
        return False
    if "\t" in text or text[-1] in ".,;:-" or text in _PROCEDURAL:
        return False
    if not (text[0].isalpha() and text[0].isupper()):
        return False
    if _LETTERED.match(text) or _NUMBERED.match(text) or _BULLET.match(text):
        return False
    following = next((t for line in _after(lines, index) if (t := line.text.strip())), "")
    if following[:1].islower():  # a sentence wrapped over a blank line, not a heading
        return False
    return text.isupper() or len(words) <= 8


def _after(lines: list[Line], index: int):
    """The lines after `index`, without copying the rest of a long document for each line."""
    return (lines[number] for number in range(index + 1, len(lines)))
