"""What a statement counts: the noun phrase, a key to group statements by, and a metric guess.

The metric guess reads clue words near the number ("dental", "at birth", "placed with
parents") and maps them onto the metric contract in ../shared/spec/metrics.md.
"""

from __future__ import annotations

import re

PEOPLE = (
    r"(?:children|child|young\s+people|young\s+persons?|people|persons?|famil(?:y|ies)|"
    r"parents|carers?|adopters?|practitioners?|social\s+workers?|workers?|staff|"
    r"women|men|mothers|fathers|care\s+leavers?|girls|boys|babies|pupils|"
    r"adolescents|teenagers|CLA|reports|referrals|incidents|episodes|placements?)"
)
_COUNTABLE = re.compile(rf"\b{PEOPLE}\b|\blooked[- ]after\b", re.IGNORECASE)
_LEAD_IN = re.compile(
    r"^(?:(?:the|overall)\s+)?(?:(?:total\s+)?(?:numbers?|percentage|proportion|use|rate)\s+of\s+)?"
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

PLACEMENT_GROUPS = [
    (r"placements? with parents|placed with parents", "placed-with-parents"),
    (r"connected (?:carer|person)", "connected-carers"),
    (r"external residential", "external-residential"),
    (r"in-house foster|in house foster", "in-house-fostering"),
    (r"independent foster|\bifa\b", "ifa-fostering"),
    (r"in-house residential|middlesbrough residential", "in-house-residential"),
    (r"\bresidential", "residential"),
    (r"external placement", "external"),
]
_METRIC_CLUES = [
    (r"dental|dentist|teeth", "oc2-dental"),
    (r"health assessment", "oc2-health-assessment"),
    (r"immunis", "oc2-immunisations"),
    (r"at birth|new-?born", "starters-newborn"),
    (r"under (?:1|one)\b|under a year", "starters-under1"),
    (r"placed for adoption", "placed-for-adoption"),
    (r"adopt", "adoptions"),
    (r"special guardianship|\bsgos?\b", "sgo"),
    (r"missing", "missing-incidents"),
    (r"ethnic", "cla-by-ethnicity"),
]


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
    return opening if is_countable(opening) else None


def is_countable(phrase: str | None) -> bool:
    """True when the phrase names people or events that can be counted."""
    return bool(phrase and _COUNTABLE.search(phrase))


def subject_key(subject: str | None, national: bool = False) -> str:
    """Statements with the same key are about the same thing (synonyms for CLA merged)."""
    key = (subject or "").lower().replace("’", "'")
    key = re.sub(r"\b(?:in|across)\s+(?:middlesbrough|the town)\b", " ", key)
    key = _CLA.sub("children looked after", key)
    key = " ".join(key.split())
    return f"{key} (national)" if national else key


def guess_metric(clues: str, key: str, change: bool) -> tuple[str | None, str | None]:
    """(metric, placement group) suggested by the words around a number, or (None, None)."""
    lowered = clues.lower()
    for pattern, metric in _METRIC_CLUES:
        if re.search(pattern, lowered):
            return metric, None
    for pattern, group in PLACEMENT_GROUPS:
        if re.search(pattern, lowered):
            return ("placement-change" if change else "placement-count"), group
    if key == "children looked after":
        return ("cla-change" if change else "cla-on-date"), None
    return None, None
