"""Join line-wrapped text back into sentences, each remembering the line and section it starts in.

Exported minutes wrap sentences at arbitrary points (even across a blank line), so a claim
is only readable, and only matchable, once its lines are joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scrutiny.claimtext.sections import LocatedLine

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_ABBREVIATIONS = {"e.g", "i.e", "etc", "no", "cllr", "mr", "mrs", "ms", "dr", "st", "vs", "approx"}
_FINISHED = re.compile(r"[.!?:;][\"'”’)*]*$")


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int  # source line where the sentence starts
    section: str | None
    paragraph: int = 0  # which paragraph of the document: "This" refers back only within one


@dataclass
class _Paragraph:
    pieces: list[tuple[int, int, str | None]]  # (offset in text, line, section)
    text: str = ""

    def add(self, line: LocatedLine) -> None:
        if self.text:
            self.text += " "
        self.pieces.append((len(self.text), line.number, line.section))
        self.text += " ".join(line.text.split())

    def place_at(self, offset: int) -> tuple[int, str | None]:
        line, section = self.pieces[0][1:]
        for start, number, where in self.pieces:
            if start > offset:
                break
            line, section = number, where
        return line, section


def sentences(lines: list[LocatedLine]) -> list[Sentence]:
    """Every sentence in reading order."""
    found: list[Sentence] = []
    for number, paragraph in enumerate(_paragraphs(lines)):
        found.extend(_split(paragraph, number))
    return found


def _paragraphs(lines: list[LocatedLine]) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    current: _Paragraph | None = None
    after_blank = False
    for line in lines:
        if not line.text:
            after_blank = after_blank or current is not None
            if line.new_paragraph:
                current, after_blank = None, False
            continue
        continues = (
            current is not None
            and not line.new_paragraph
            and (not after_blank or _wrapped_over_blank(current.text, line.text))
        )
        if not continues:
            current = _Paragraph([])
            paragraphs.append(current)
        current.add(line)
        after_blank = False
    return paragraphs


def _wrapped_over_blank(before: str, after: str) -> bool:
    """A sentence that runs on past a blank line: no closing stop, next part in lower case."""
    return not _FINISHED.search(before) and after[:1].islower()


def _split(paragraph: _Paragraph, number: int) -> list[Sentence]:
    text = paragraph.text
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        word = text[: match.start()].rsplit(None, 1)[-1].lower() if text[: match.start()] else ""
        if word.strip("(") in _ABBREVIATIONS or re.fullmatch(r"[a-z]", word):
            continue
        starts.append(match.end())
    found = []
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        sentence = text[start:end].strip()
        if sentence:
            line, section = paragraph.place_at(start)
            found.append(Sentence(sentence, line, section, number))
    return found
