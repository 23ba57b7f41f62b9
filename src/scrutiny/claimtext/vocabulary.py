"""One vocabulary of what a statement is about: the placement groups and the metric catalogue.

Differently worded statements about one thing ("Placements with Parents", "placed with
parents", "PwP") must land in one group to be compared. A placement group's name in
groups.yml gives its main wording and initials; vocabulary.yml adds the other wordings for a
group and the clue words for a metric. A wording for a group groups.yml does not define, or
for a metric the catalogue does not hold, is an error, so the files cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from scrutiny import catalogue, yamlsafe
from scrutiny.errors import ConfigError
from scrutiny.groups import load_groups

_SOURCE = "scrutiny/claimtext/vocabulary.yml (built in)"
_SUFFIXES = ("ements", "ement", "ing", "ed", "s")  # "placed", "placements" -> "plac"
_MIN_STEM = 3
_MIN_INFLECTED = 5  # shorter words ("in", "with", "ifa") are matched as they are
_MIN_INITIALS = 3  # "PwP" from three words; two initials are too ambiguous


@dataclass(frozen=True)
class Topic:
    """A group or metric and the pattern matching any of its wordings."""

    name: str
    kind: str  # "group" or "metric"
    pattern: re.Pattern


def topic_in(text: str, kind: str) -> Topic | None:
    """The topic of this kind named first in the text (the subject comes first in the clues),
    the longest wording at that place ("external residential" over "residential")."""
    best, rank = None, (len(text) + 1, 0)
    for topic in topics():
        if topic.kind != kind:
            continue
        match = topic.pattern.search(text)
        if match and (match.start(), match.start() - match.end()) < rank:
            best, rank = topic, (match.start(), match.start() - match.end())
    return best


@cache
def topics() -> tuple[Topic, ...]:
    data = _vocabulary()
    groups = load_groups()
    unknown = set(data["groups"]) - set(groups)
    if unknown:
        raise ConfigError(f"{_SOURCE}: wordings for unknown placement group(s) {sorted(unknown)}")
    unknown = set(data["metrics"]) - set(catalogue.registered())
    if unknown:
        raise ConfigError(f"{_SOURCE}: clue words for unknown metric(s) {sorted(unknown)}")
    found = [
        _topic(name, "group", [*name_wordings(name), *data["groups"].get(name, [])])
        for name in groups
    ]
    found += [_topic(name, "metric", words) for name, words in data["metrics"].items()]
    return tuple(found)


def name_wordings(name: str) -> list[str]:
    """Patterns a group's name gives: its words, each inflected, and its initials."""
    words = name.split("-")
    stems = [_stem(word) for word in words]
    wordings = [r"[-\s]+".join(stems)]
    if len(words) >= _MIN_INITIALS:
        wordings.append("".join(word[0] for word in words))
    return wordings


def _stem(word: str) -> str:
    if len(word) < _MIN_INFLECTED:
        return re.escape(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return re.escape(word[: -len(suffix)]) + r"\w*"
    return re.escape(word) + r"\w*"


def _topic(name: str, kind: str, wordings: list[str]) -> Topic:
    try:
        pattern = re.compile(r"\b(?:" + "|".join(wordings) + r")\b", re.IGNORECASE)
    except re.error as error:
        message = f"{_SOURCE}: {kind} {name!r}: a wording is not a valid pattern ({error})"
        raise ConfigError(message) from None
    return Topic(name, kind, pattern)


def _vocabulary() -> dict:
    text = resources.files("scrutiny.claimtext").joinpath("vocabulary.yml").read_text("utf-8")
    data = yamlsafe.safe_load(text, _SOURCE)
    if not isinstance(data, dict) or set(data) != {"groups", "metrics"}:
        raise ConfigError(f"{_SOURCE}: expected the sections groups: and metrics:")
    return data
