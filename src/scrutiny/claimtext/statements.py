"""Find the numeric statements in a sentence: percentages, counts of people, changes, ranges.

A statement is something a person could check against data: a value (or a direction of
change), what is counted, and when. Numbers that are not claims about people (dates, times,
money, phone numbers, item and page numbers, ages, years) are left out by construction:
a count needs a noun naming people or events right after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise

from scrutiny.claimtext.periods import MONTH, Period, find_periods
from scrutiny.claimtext.sentences import Sentence
from scrutiny.claimtext.subjects import (
    PEOPLE,
    guess_metric,
    is_countable,
    phrase_after,
    phrase_before,
    subject_key,
)

_NUM = r"(?<![\d.,:/£$€-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d:/]|\.\d|,\d)"
_WORD_NUMS = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
)
_WORD_NUM = r"\b(?:" + "|".join(_WORD_NUMS) + r")"
_QUALIFIERS = {
    ">": ("more than", "over", "at least", "in excess of", "upwards of"),
    "<": ("less than", "fewer than", "under", "no more than", "up to", "almost", "nearly"),
    "=": ("around", "about", "approximately", "approx.", "roughly", "some"),
}
_QUAL = (
    r"(?:\b(?P<q>"
    + "|".join(re.escape(q) for qs in _QUALIFIERS.values() for q in sorted(qs, key=len)[::-1])
    + r")\s+)?"
)
_NOT_A_WORD = (
    r"(?!(?:of|the|and|or|to|in|for|with|by|at|on|was|were|is|are|had|has|have|that|which|who|"
    r"a|an)\b)"
)
_MONTH_YEAR = rf"\b{MONTH}\s+(?:19|20)\d\d\b"
_DOWN = r"reduc\w*|decreas\w*|f[ae]ll\w*|dropp?\w*|declin\w*|down|cut"
_UP = r"increas\w*|ris\w*|rose|gr[eo]wn?|growth|grew|up"

_PATTERNS = {
    "from-to-dated": re.compile(
        rf"from\s+(?P<a>{_NUM}%?)\s+(?:in|at|on)\s+(?P<da>{_MONTH_YEAR})\s+to\s+(?P<b>{_NUM}%?)"
        rf"\s+(?:in|at|on|by)\s+(?P<db>{_MONTH_YEAR})",
        re.I,
    ),
    "year-brackets": re.compile(
        rf"(?P<da>\d{{4}}/\d\d)\s*\((?P<a>{_NUM})\)\s*(?:to|–|-)\s*(?P<db>\d{{4}}/\d\d)\s*\((?P<b>{_NUM})\)"
    ),
    "from-to": re.compile(
        rf"\b(?:{_DOWN}|{_UP})\s+from\s+(?P<a>{_NUM}%?)\s+to\s+(?P<b>{_NUM}%?)", re.I
    ),
    "percent": re.compile(rf"{_QUAL}\(?(?P<n>{_NUM})\s?(?:%|per\s?cent\b)\)?", re.I),
    "fraction": re.compile(
        rf"{_QUAL}\b(?P<n>(?:a|one|two)\s+(?:third|quarter|fifth)s?|half)\s+of\s+", re.I
    ),
    "range": re.compile(
        rf"\bbetween\s+(?P<a>{_NUM})\s*(?:-|–|to|and)\s*(?P<b>\d+(?:\.\d+)?)(?![\d%])", re.I
    ),
    "count": re.compile(
        rf"{_QUAL}(?P<n>{_NUM}|{_WORD_NUM})(?:\s+(?:and|or)\s+(?P<n2>{_NUM}|{_WORD_NUM}))?\s+"
        rf"(?P<np>(?:{_NOT_A_WORD}[A-Za-z][\w’'-]*\s+){{0,3}}?{PEOPLE}\b"
        r"(?:\s+(?:looked[- ]after|in care|on (?:the )?caseload|in external placements?))?)",
        re.I,
    ),
    # "three Senior Practitioners – two in Newport and one in North Ormesby": the same subject
    "elliptic": re.compile(
        rf"(?:(?<=[–,]\s)|(?<=\band\s))(?i:(?P<n>{_NUM}|{_WORD_NUM}))\s+in\s+(?!(?i:{MONTH})\b)[A-Z][a-z]"
    ),
    "level-to": re.compile(
        r"\b(?:reduc\w*|decreas\w*|f[ae]ll\w*|dropp?\w*|declin\w*|increas\w*|ris\w*|rose|"
        rf"gr[eo]wn?|grew|st(?:oo|an)d(?:s|ing)?)\s+(?:to|at)\s+{_QUAL}(?P<n>{_NUM})"
        r"(?=\s*(?:[,.;)]|$)|\s+(?:at|in|on|by|during|as|from|for|and|which)\b)",
        re.I,
    ),
}
_DIRECTION_PATTERNS = [
    re.compile(
        r"\ban?\s+(?:(?:significant|substantial|large|small|slight|further|continued|notable|"
        r"marked|considerable|big)\s+)?(?P<dir>reduction|increase|decrease|rise|fall|drop|decline)"
        r"\s+(?:in|of)\s+",
        re.I,
    ),
    re.compile(
        r"\bnumbers?\s+of\s+(?P<np>[^,.;:–]{3,80}?)\s+(?:had|has|have|was|were|is|are)\s+"
        rf"(?:been\s+)?(?:\w+ly\s+)?(?:(?:started|begun|continued)\s+to\s+)?(?P<dir>{_DOWN}|{_UP})\b",
        re.I,
    ),
    re.compile(
        r"\b(?P<np>(?:[A-Za-z-]+\s+){1,3}?)numbers\s+(?:had|has|have|was|were|is|are)\s+"
        rf"(?:been\s+)?(?:\w+ly\s+)?(?P<dir>{_DOWN}|{_UP})\b",
        re.I,
    ),
    # "Caseloads are reducing", "referrals ... had increased": the subject is read before it
    re.compile(
        r"\b(?:had|has|have|was|were|is|are)\s+(?:been\s+)?(?:\w+ly\s+)?"
        r"(?:(?:started|begun|began|continued)\s+to\s+)?"
        r"(?P<dir>reduc(?:e|ed|ing)|decreas(?:e|ed|ing)|f[ae]ll(?:en|ing)?|dropp(?:ed|ing)|"
        r"declin(?:e|ed|ing)|increas(?:e|ed|ing)|ris(?:en|ing)|rose)\b",
        re.I,
    ),
]
_SUBJECT_BEFORE = _DIRECTION_PATTERNS[-1]
# The noun phrase just before a verb starts after the last of these words or marks.
_PHRASE_START = re.compile(r".*(?:[,;–(]|\b(?:that|whilst|while|and|but|so|with|where)\b)", re.I)
_RELATIVE = re.compile(r"\s*\b(?:which|who|that)\s*$", re.I)
# Words a pattern cannot match without: checking for them first saves scanning most sentences.
_NEEDS = {
    "from-to-dated": ("from",),
    "year-brackets": ("/",),
    "from-to": ("from",),
    "percent": ("%", "per"),
    "fraction": ("third", "quarter", "fifth", "half"),
    "range": ("between",),
    "elliptic": (" in ",),
    "level-to": (" to ", " at "),
}
_DIRECTIONS = {"increase", "reduction"}
_PERCENT_CHANGES = {"cla-change", "placement-change"}
_MAX_SUBJECT_WORDS = 6
# "a reduction of 167 looked after children", "fell by 40 children": a count that is a change
_COUNT_CHANGE = re.compile(
    rf"(?:\b(?P<dir>reduction|decrease|fall|drop|decline|increase|rise)\s+of|"
    rf"\b(?P<dir2>{_DOWN}|{_UP})\s+by)\s+$",
    re.I,
)
_PRONOUN = re.compile(
    r"[\s,;]*(?:this|it|these|they|that)(?:\s+(?:figure|number|total|rate|group))?\b", re.I
)
_FIGURE_HINT = re.compile(rf"\d|{_WORD_NUM}|\b(?:third|quarter|fifth|half)\b", re.I)
_CHANGE_HINT = re.compile(r"\b(?:reduc|increas|decreas|ris|rose|f[ae]ll|drop|declin|number)", re.I)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:\w+\s+)?(?P<dir>reduction|decrease|fall|drop|decline|cut|increase|rise|growth)\b"
    r"(?:\s+(?:in|of)\s+)?",
    re.I,
)
_CHANGE_BEFORE = re.compile(rf"\b(?P<dir>{_DOWN}|{_UP})\s+(?:by\s+)?$", re.I)
_EXCLUDED_BEFORE = re.compile(
    r"(?:\bper|\bage[sd]?(?:\s+of)?|\bitems?|\bpages?|\bparagraphs?|\bparas?|\bsections?|"
    r"\bappendix|\bno\.|\btel(?:ephone)?\.?|\bphone|\broom|\bminutes?|£|\$|€|\d)\s*$",
    re.I,
)
_NAMED_AFTER = re.compile(rf"\s+of\s+(\S)|\s+((?:the\s+)?(?:numbers?\s+of\s+)?{PEOPLE}\b)", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")
# Words anchored just before a number are searched for in this many characters, not in all
# of the sentence before it (a cost in proportion to its length at every number).
_LOOKBEHIND = 40
_SCOPE_BOUNDARY = re.compile(r";|\b(?:however|whilst|while|but|although)\b", re.I)
_NATIONAL = re.compile(r"\bnational(?:ly)?\b|\bin england\b|\bacross england\b", re.I)
_TAIL_END = re.compile(r"[,;.]\s|\s(?:and|but)\s|[.;]$")
_MONEY = re.compile(r"£|\bbudgets?\b|\bspend\b|\bcosts?\b|\bsavings?\b", re.I)
_HEDGE = re.compile(
    r"\b(?:could|would|might|may(?!\s+(?:19|20)\d\d)|will|estimated?|estimates|predicted|"
    r"predicts?|forecasts?|"
    r"projected|targets?|aims?|ambition|expected\s+to|hopes?)\b",
    re.I,
)


LEVEL, SHARE, CHANGE = "level", "share", "change"  # a count or rate at a date; a part; a change


@dataclass(frozen=True)
class Statement:
    """One checkable numeric statement, where it was said, and a first guess at how to test it."""

    document: str
    section: str | None
    line: int
    sentence: str
    claimed: str | None  # the value as written; None when only a direction is stated
    comparison: str  # "=", ">", "<", "increase", "reduction"
    subject: str
    period: Period | None = None
    metric: str | None = None
    params: dict = field(default_factory=dict)
    national: bool = False
    kind: str = LEVEL  # LEVEL, SHARE or CHANGE: only statements of one kind are compared

    @property
    def is_change(self) -> bool:
        return self.kind == CHANGE

    @property
    def key(self) -> str:
        return subject_key(self.subject, self.national)


@dataclass(frozen=True)
class _Mention:
    """A value found in a sentence before its context is read."""

    start: int
    end: int
    claimed: str | None
    comparison: str
    subject: str | None = None
    period: Period | None = None
    paired: bool = False  # second value of "from X to Y": read in the first value's clause
    proportion: bool = False  # a share of something ("12%", "a third"), not a count
    elliptic: bool = False  # "two in Newport": counts what the value before it counts


def find_statements(
    sentence: Sentence, document: str, reference: date | None = None, previous: str | None = None
) -> list[Statement]:
    """Every numeric statement in one sentence; `previous` is the subject of the statement
    before it in the paragraph, which "This", "It" or "These" opening a clause refers to."""
    text = sentence.text
    has_figure, has_change = _FIGURE_HINT.search(text), _CHANGE_HINT.search(text)
    if not (has_figure or has_change):  # most sentences of minutes: skip the costly patterns
        return []
    mentions = (
        sorted(_numeric_mentions(text, reference), key=lambda m: m.start) if has_figure else []
    )
    periods = find_periods(text, reference)
    statements: list[Statement] = []
    clause_start, span = 0, _from_to_span(mentions)
    for index, mention in enumerate(mentions):
        boundaries = [b.end() for b in _SCOPE_BOUNDARY.finditer(text[: mention.start])]
        if not mention.paired:
            clause_start = max([mentions[index - 1].end if index else 0, *boundaries])
        clause_end = mentions[index + 1].start if index + 1 < len(mentions) else len(text)
        inherited = statements[-1].subject if statements else None
        if inherited is None and _PRONOUN.match(text, clause_start):
            inherited = previous
        if mention.comparison in _DIRECTIONS and not mention.period:
            mention = replace(mention, period=span)
        statement = _statement(
            sentence, document, mention, periods, (clause_start, clause_end), inherited
        )
        if statement:
            statements.append(statement)
    if has_change:
        statements.extend(_directions(sentence, document, periods, statements, mentions, previous))
    return statements


def _from_to_span(mentions: list[_Mention]) -> Period | None:
    """ "from 99 in September 2020 to 58 in August 2021 (41% reduction)": the change runs
    from the first date to the second."""
    for first, second in pairwise(mentions):
        if second.paired and first.period and second.period:
            a, b = first.period, second.period
            return Period(f"{a.text} to {b.text}", "span", a.end, b.end)
    return None


def _statement(sentence, document, mention, periods, clause, inherited):
    text = sentence.text
    clause_start, clause_end = clause
    before = text[clause_start : mention.start]
    if _HEDGE.search(before) or _MONEY.search(text[clause_start:clause_end]):
        return None
    subject = inherited if mention.elliptic else mention.subject
    if subject is None and not mention.elliptic:
        subject = phrase_before(text[clause_start:], mention.start - clause_start)
        subject = _with_relative_clause(subject, text[mention.end :]) if subject else inherited
    if not (mention.proportion or is_countable(subject)):
        return None
    period = mention.period or _nearest_period(periods, mention, clause_start, clause_end)
    clues = text[clause_start : _tail_end(text, mention.end, clause_end)]
    return _build(
        sentence,
        document,
        mention.claimed,
        mention.comparison,
        subject or "",
        period,
        clues=f"{subject or ''} {clues}",
        national=bool(_NATIONAL.search(before)),
        share=mention.proportion,
    )


def _tail_end(text: str, start: int, limit: int) -> int:
    """Where the words that qualify a value end: the next comma, semicolon, "and" or stop."""
    tail = _TAIL_END.search(text, start, limit)
    return tail.start() if tail else limit


def _build(sentence, document, claimed, comparison, subject, period, clues, national, share):
    change = comparison in _DIRECTIONS
    key = subject_key(subject, national)
    metric, group = guess_metric(clues, key, change)
    if change and claimed and not claimed.endswith("%") and metric in _PERCENT_CHANGES:
        metric, group = None, None  # "a reduction of 167": the catalogue's changes are in %
    return Statement(
        document=document,
        section=sentence.section,
        line=sentence.line,
        sentence=sentence.text,
        claimed=claimed,
        comparison=comparison,
        subject=subject,
        period=period,
        metric=metric,
        params=_params(metric, group, period),
        national=national,
        kind=CHANGE if change else SHARE if share else LEVEL,
    )


def _numeric_mentions(text: str, reference: date | None) -> list[_Mention]:
    mentions: list[_Mention] = []

    def taken(start: int, end: int) -> bool:
        return any(start < m.end and m.start < end for m in mentions)

    lowered = text.lower()
    for kind, pattern in _PATTERNS.items():
        if not any(word in lowered for word in _NEEDS.get(kind, ("",))):
            continue
        for match in pattern.finditer(text):
            if taken(match.start(), match.end()):
                continue
            mentions.extend(_mentions_from(kind, match, text, reference))
    return mentions


def _mentions_from(kind: str, match: re.Match, text: str, reference: date | None):
    groups = match.groupdict()
    if kind in {"from-to-dated", "year-brackets", "from-to"}:
        dated = kind != "from-to"
        first = _only_period(groups["da"], reference) if dated else None
        second = _only_period(groups["db"], reference) if dated else None
        mid = match.start("b")
        return [
            _Mention(match.start(), mid, groups["a"], "=", period=first),
            _Mention(mid, match.end(), groups["b"], "=", period=second, paired=True),
        ]
    number_start = match.start("n") if "n" in groups else match.start()
    if _EXCLUDED_BEFORE.search(text, max(0, number_start - _LOOKBEHIND), number_start):
        return []
    comparison = _comparison(groups.get("q"))
    if kind == "percent":
        return [_percent(match, text, comparison)]
    if kind == "fraction":
        subject = phrase_after(text, match.end())
        claimed = " ".join(groups["n"].lower().split())
        return [_Mention(match.start(), match.end(), claimed, comparison, subject, proportion=True)]
    if kind == "range":
        if _YEAR.fullmatch(groups["a"]):
            return []
        named = _NAMED_AFTER.match(text[match.end() :])
        named = named if named and named.group(2) else None
        subject = phrase_after(text, match.end() + named.start(2)) if named else None
        return [_Mention(match.start(), match.end(), f"{groups['a']}-{groups['b']}", "=", subject)]
    if kind in {"level-to", "elliptic"}:
        if _YEAR.fullmatch(groups["n"]):
            return []
        claimed = groups["n"].lower()
        return [
            _Mention(match.start(), match.end(), claimed, comparison, elliptic=kind == "elliptic")
        ]
    values = [groups["n"], *([groups["n2"]] if groups["n2"] else [])]
    if any(_YEAR.fullmatch(v) or (v.startswith("0") and len(v) > 1) for v in values):
        return []
    subject = " ".join(groups["np"].split())
    change = _COUNT_CHANGE.search(text, max(0, match.start() - _LOOKBEHIND), match.start())
    comparison = _direction(change.group("dir") or change.group("dir2")) if change else comparison
    start = change.start() if change else match.start()
    return [_Mention(start, match.end(), v.lower(), comparison, subject) for v in values]


def _only_period(text: str, reference: date | None) -> Period | None:
    """The period a date token names, or None for one that is no period ("2018/20")."""
    found = find_periods(text, reference)
    return found[0].period if found else None


def _percent(match: re.Match, text: str, comparison: str) -> _Mention:
    claimed = f"{match.group('n')}%"
    after = _CHANGE_AFTER.match(text[match.end() :])
    if after:
        direction = _direction(after.group("dir"))
        named = after.end() > after.end("dir")  # "reduction in <what>"
        subject = phrase_after(text, match.end() + after.end()) if named else None
        end = match.end() + after.end("dir")
        return _Mention(match.start(), end, claimed, direction, subject, proportion=True)
    window = max(0, match.start() - _LOOKBEHIND)
    before = _CHANGE_BEFORE.search(text, window, match.start())
    if before:
        direction = _direction(before.group("dir"))
        return _Mention(before.start(), match.end(), claimed, direction, proportion=True)
    named = _NAMED_AFTER.match(text[match.end() :])
    start = named.start(1) if named and named.group(1) else named.start(2) if named else None
    subject = phrase_after(text, match.end() + start) if named else None
    return _Mention(match.start(), match.end(), claimed, comparison, subject, proportion=True)


def _directions(sentence, document, periods, numeric: list[Statement], mentions, previous):
    """Changes stated without a number ("a significant reduction in ...")."""
    text = sentence.text
    found: list[Statement] = []
    taken = [(m.start, m.end) for m in mentions]
    for pattern in _DIRECTION_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            boundaries = _SCOPE_BOUNDARY.finditer(text[: match.start()])
            scope_start = max([0, *(b.end() for b in boundaries)])
            if pattern is _SUBJECT_BEFORE:
                scope_start, subject = _subject_before(text, scope_start, match.start(), previous)
            else:
                subject = match.groupdict().get("np") or phrase_after(text, match.end(), False)
            subject = " ".join((subject or "").split())
            before = text[scope_start : match.start()]
            if not is_countable(subject) or _HEDGE.search(before):
                continue
            taken.append((match.start(), match.end()))
            national = bool(_NATIONAL.search(before))
            key = subject_key(subject, national)
            if any(s.key == key for s in [*numeric, *found]):
                continue
            scope_end = _SCOPE_BOUNDARY.search(text, match.end())
            scope_end = scope_end.start() if scope_end else len(text)
            here = _Mention(match.start(), match.end(), None, "")
            period = _nearest_period(periods, here, scope_start, scope_end)
            clues = f"{subject} {text[match.start() : _tail_end(text, match.end(), len(text))]}"
            direction = _direction(match.group("dir"))
            found.append(
                _build(sentence, document, None, direction, subject, period, clues, national, False)
            )
    return found


def _subject_before(text: str, start: int, end: int, previous: str | None):
    """(where the subject starts, the subject) of a verb that follows it: the noun phrase just
    before it ("with manageable caseloads which had reduced"); for "this" or "they", what the
    sentence opens with ("In terms of referrals, this had increased"), else the previous
    statement's subject; for a verb with no subject of its own ("..., but had reduced"), the
    sentence's subject."""
    clause = _RELATIVE.sub("", text[start:end])
    opening = _PHRASE_START.match(clause)
    phrase_start = start + (opening.end() if opening else 0)
    phrase = " ".join(text[phrase_start : start + len(clause)].split()[-_MAX_SUBJECT_WORDS:])
    if _PRONOUN.fullmatch(phrase):
        opening = phrase_after(text, 0)
        return phrase_start, opening if is_countable(opening) else previous
    if not phrase:
        return phrase_start, phrase_before(text, start)
    return phrase_start, phrase_before(phrase, len(phrase)) or phrase


def _nearest_period(periods, mention: _Mention, start: int, end: int) -> Period | None:
    """The period closest to the value within its clause, preferring one that follows it."""
    inside = [p for p in periods if p.start >= start and p.end <= end]
    inside = [p for p in inside if not (p.start < mention.end and mention.start < p.end)]
    if not inside:
        return None

    def distance(found) -> int:
        if found.start >= mention.end:
            return found.start - mention.end
        return 2 * (mention.start - found.end)

    return min(inside, key=distance).period


def _with_relative_clause(subject: str, after: str) -> str:
    """ "children (15.1%) who become looked after at birth": keep the clause that defines them."""
    relative = re.match(r"\)?\s+who\s+", after)
    words = phrase_after(after, relative.end(), strict=False) if relative else None
    return f"{subject} who {words}" if words else subject


def _comparison(qualifier: str | None) -> str:
    for comparison, words in _QUALIFIERS.items():
        if qualifier and qualifier.lower() in words:
            return comparison
    return "="


def _direction(word: str) -> str:
    return "reduction" if re.fullmatch(_DOWN, word, re.I) else "increase"


def _params(metric: str | None, group: str | None, period: Period | None) -> dict:
    """Parameters that follow plainly from the words: dates of a stated period, a group."""
    params: dict = {"group": group} if group else {}
    if period is None or None in (period.start, period.end) or period.kind == "relative":
        return params
    if metric in _PERCENT_CHANGES and period.kind in {"span", "months-to", "since"}:
        params.update({"start": period.start.isoformat(), "end": period.end.isoformat()})
    elif metric in {"cla-on-date", "placement-count"} and period.kind == "point":
        params["at"] = period.end.isoformat()
    elif period.kind == "financial-year" and metric:
        params["year"] = period.end.year
    return params
