"""Register fidelity: each quote is the document's sentence word for word, "..." marking
what it leaves out. Checked on the panel's documents where they are: the project's
documents folder (params `documents_dir`), else ../shared/seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, require_shared

from scrutiny.catalogue import figure_metrics
from scrutiny.claims import load_register
from scrutiny.claimtext.documents import read_lines
from scrutiny.claimtext.sections import locate
from scrutiny.claimtext.sentences import sentences
from scrutiny.params import read_yaml

REGISTER = load_register(ROOT / "evidence/claims.yml", figure_metrics())
ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*")


def quoted(quote: str, sentence: str) -> bool:
    """Whether `quote` is `sentence` word for word, with "..." where it leaves words out: the
    pieces in order, the first starting the sentence unless cut, the last ending it unless cut."""
    pieces = ELLIPSIS.split(quote)
    at = 0
    for i, piece in enumerate(pieces):
        found = sentence.find(piece, at)
        if found < 0 or (i == 0 and found != 0):
            return False
        at = found + len(piece)
    return at == len(sentence) or pieces[-1] == ""


def misquoted(quote: str, said: list[str]) -> bool:
    return not any(quoted(quote, sentence) for sentence in said)


def document(name: str) -> Path:
    file = REGISTER.documents[name]["file"]
    folder = ROOT / read_yaml(ROOT / "params/defaults.yml")["documents_dir"]
    return folder / file if (folder / file).is_file() else require_shared("seeds", file)


SAID = ["The Panel notes the rate (15.1%) at birth and asks why.", "Numbers fell by 23%."]


@pytest.mark.parametrize(
    "quote",
    [
        "Numbers fell by 23%.",
        "The Panel notes the rate (15.1%) at birth ...",
        "... the rate (15.1%) at birth ...",
        "The Panel notes ... and asks why.",
    ],
)
def test_a_whole_sentence_or_marked_cuts_are_quotes(quote):
    assert not misquoted(quote, SAID)


@pytest.mark.parametrize(
    "quote",
    [
        "The Panel notes the rate (15.1%) at birth",  # cut, unmarked
        "the rate (15.1%) at birth and asks why.",  # cut at the start, unmarked
        "Numbers fell by 23% ... and asks why.",  # pieces of two sentences
        "The number fell by 23%.",  # a word changed
    ],
)
def test_an_unmarked_cut_or_a_changed_word_is_not(quote):
    assert misquoted(quote, SAID)


@pytest.mark.parametrize("claim", REGISTER.claims, ids=lambda c: c.id)
def test_every_register_quote_is_the_documents_sentence(claim):
    said = [s.text for s in sentences(locate(read_lines(document(claim.document))))]
    assert not misquoted(claim.quote, said), f"{claim.id}: not word for word in {claim.document}"
