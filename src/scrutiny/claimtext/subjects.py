"""What a statement counts: the noun phrase, a key to group statements by, and a metric guess.

The metric guess reads clue words near the number ("dental", "at birth", "placed with
parents") and maps them, through the vocabulary, onto the metric catalogue.
"""

from __future__ import annotations

import re

from scrutiny.claimtext.vocabulary import topic_in

PEOPLE = (
    r"(?:children|child|young\s+people|young\s+persons?|people|persons?|famil(?:y|ies)|"
    r"parents|carers?|adopters?|practitioners?|social\s+workers?|workers?|staff|"
    r"women|men|mothers|fathers|care\s+leavers?|girls|boys|babies|pupils|"
    r"adolescents|teenagers|CLA|reports|(?:re-?)?referrals|incidents|episodes|placements?|caseloads?|"
    r"(?:asylum\s+)?seekers|UASC|adoptions?|conferences|visits|reviews|assessments|enquiries|"
    r"contacts|moves|under\s+1s|leavers)"
)
_COUNTABLE = re.compile(rf"\b{PEOPLE}\b|\blooked[- ]after\b", re.IGNORECASE)
_LEAD_IN = re.compile(
    r"^(?:in\s+(?:terms|relation)\s+(?:of|to)\s+)?(?:(?:the|overall)\s+)?"
    r"(?:(?:total\s+)?(?:numbers?|percentage|proportion|use|rate)\s+of\s+)?"
    r"(?:the\s+)?",
    re.IGNORECASE,
)
_STOP_STRICT = {
    "had",
    "has",
    "have",
    "was",
    "were",
    "is",
    "are",
    "remains",
    "remained",
    "remain",
    "could",
    "would",
    "will",
    "can",
    "may",
    "might",
    "should",
    "during",
    "over",
    "from",
    "since",
    "as",
    "and",
    "but",
    "however",
    "which",
    "where",
    "whilst",
    "while",
    "when",
    "to",
    "than",
    "compared",
    "who",
    "whose",
    "that",
    "at",
    "by",
    "each",
    "per",
    "or",
    "varied",
    "varies",
    "vary",
    "stood",
    "totalled",
    "reached",
    "ranged",
    "fell",
    "fallen",
    "rose",
    "risen",
    "reduced",
    "increased",
    "decreased",
    "dropped",
    "went",
}
_STOP_LOOSE = _STOP_STRICT - {"who", "to", "by", "at", "from", "that"}
_PHRASE_END = re.compile(r"[,.;:()–\[\]\"“”]|\s-\s|\bin the\b")
_MAX_WORDS = 10
_BEFORE = re.compile(r"\b(?:numbers?|percentage|proportion)\s+of\s+", re.IGNORECASE)

_CLA = re.compile(
    r"\b(?:looked[- ]after children|children\s+(?:who\s+are\s+)?looked[- ]after|"
    r"children\s+in\s+care|cla|^looked[- ]after(?:\s+numbers)?$)\b"
)


def phrase_after(text: str, start: int, strict: bool = True) -> str | None:
    """The noun phrase starting at `start`, cut at punctuation or the first verb-like word."""
    chunk = _PHRASE_END.split(text[start:], maxsplit=1)[0]
    chunk = _LEAD_IN.sub("", chunk.strip())
    stops = _STOP_STRICT if strict else _STOP_LOOSE
    words: list[str] = []
    for word in chunk.split():
        bare = word.lower().strip("‘’'")
        if bare in stops:
            break
        words.append(word)
        if len(words) == _MAX_WORDS:
            break
    return " ".join(words) or None


def phrase_before(text: str, end: int) -> str | None:
    """The thing counted when it is named before the number: "the number of X ... 702",
    or a clause that opens with it: "Children looked after fell by 12%"."""
    leads = list(_BEFORE.finditer(text[:end]))
    if leads:
        return phrase_after(text[:end], leads[-1].end())
    opening = phrase_after(text[:end], 0)
    if opening and re.match(re.escape(opening) + r"\s+who\b", text[:end].lstrip()):
        opening = phrase_after(text[:end], 0, strict=False)  # "Children who started to be ..."
    return opening if is_countable(opening) else None


def is_countable(phrase: str | None) -> bool:
    """True when the phrase names people or events that can be counted."""
    return bool(phrase and _COUNTABLE.search(phrase))


def subject_key(subject: str | None, national: bool = False) -> str:
    """Statements with the same key are about the same thing: a subject naming a placement
    group is keyed by the group, whatever its wording; synonyms for CLA are merged."""
    group = topic_in(subject or "", "group")
    if group:
        key = group.name
    else:
        key = (subject or "").lower().replace("’", "'")
        key = re.sub(r"\b(?:in|across)\s+(?:middlesbrough|the town)\b", " ", key)
        key = " ".join(_CLA.sub("children looked after", key).split())
    return f"{key} (national)" if national else key


def guess_metric(clues: str, key: str, change: bool) -> tuple[str | None, str | None]:
    """(metric, placement group) suggested by the words around a number, or (None, None)."""
    metric = topic_in(clues, "metric")
    if metric:
        return metric.name, None
    group = topic_in(clues, "group")
    if group:
        return ("placement-change" if change else "placement-count"), group.name
    if key == "children looked after":
        return ("cla-change" if change else "cla-on-date"), None
    return None, None
