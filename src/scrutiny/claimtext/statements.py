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

from scrutiny.claimtext.patterns import (
    CHANGE_AFTER,
    CHANGE_BEFORE,
    CHANGE_STEMS,
    COUNT_CHANGE,
    DIGIT,
    DIRECTION_PATTERNS,
    DOWN,
    EXCLUDED_BEFORE,
    FIGURE_WORDS,
    HEAD_END,
    HEDGE,
    LOOKBEHIND,
    MONEY,
    NAMED_AFTER,
    NATIONAL,
    NEEDS,
    PATTERNS,
    PHRASE_START,
    PRONOUN,
    QUALIFIERS,
    RELATIVE,
    SCOPE_BOUNDARY,
    SUBJECT_BEFORE,
    TAIL_END,
    YEAR,
)
from scrutiny.claimtext.periods import NUMBER_WORDS, Period, find_periods
from scrutiny.claimtext.sentences import Sentence
from scrutiny.claimtext.subjects import (
    guess_metric,
    is_countable,
    phrase_after,
    phrase_before,
    subject_key,
)

_DIRECTIONS = {"increase", "reduction"}
_PERCENT_CHANGES = {"cla-change", "placement-change"}
_MAX_SUBJECT_WORDS = 6


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
    bracketed: bool = False  # "(70.9%)", "(284)": the figure before, for another area or date


def find_statements(
    sentence: Sentence, document: str, reference: date | None = None, previous: str | None = None
) -> list[Statement]:
    """Every numeric statement in one sentence; `previous` is the subject of the statement
    before it in the paragraph, which "This", "It" or "These" opening a clause refers to."""
    text = sentence.text
    lowered = text.lower()
    has_figure = DIGIT.search(text) or any(word in lowered for word in FIGURE_WORDS)
    has_change = any(stem in lowered for stem in CHANGE_STEMS)
    if not (has_figure or has_change):  # most sentences of minutes: skip the costly patterns
        return []
    mentions = (
        sorted(_numeric_mentions(text, reference), key=lambda m: m.start) if has_figure else []
    )
    periods = find_periods(text, reference)
    statements: list[Statement] = []
    clause_start, span = 0, _from_to_span(mentions)
    for index, mention in enumerate(mentions):
        boundaries = [b.end() for b in SCOPE_BOUNDARY.finditer(text[: mention.start])]
        if not mention.paired:
            clause_start = max([mentions[index - 1].end if index else 0, *boundaries])
        after = index + 1  # a change read with its level ("by 6 to 535") shares its clause
        while after < len(mentions) and mentions[after].paired:
            after += 1
        clause_end = mentions[after].start if after < len(mentions) else len(text)
        inherited = statements[-1].subject if statements else None
        if inherited is None and (mention.elliptic or PRONOUN.match(text, clause_start)):
            inherited = previous
        if mention.comparison in _DIRECTIONS and not mention.period and span:
            nearest = _nearest_period(periods, mention, clause_start, clause_end)
            mention = replace(mention, period=nearest or span)  # a period of its own first
        statement = _statement(
            sentence, document, mention, periods, (clause_start, clause_end), inherited
        )
        if statement and mention.bracketed and statements:
            statement = _as_before(statement, statements[-1])
        if statement:
            statements.append(statement)
    if has_change:
        statements.extend(_directions(sentence, document, periods, statements, mentions, previous))
    return statements


def _as_before(statement: Statement, before: Statement) -> Statement:
    """A bracketed figure measures what the figure before it measures ("81% ... above the
    neighbours' average (70.9%)"), for its own period."""
    if before.kind != statement.kind or before.metric is None:
        return statement
    group = before.params.get("group")
    params = _params(before.metric, group, statement.period)
    return replace(statement, metric=before.metric, params=params)


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
    if HEDGE.search(before) or MONEY.search(text[clause_start:clause_end]):
        return None
    subject = inherited if mention.elliptic or (mention.bracketed and inherited) else None
    subject = subject or mention.subject
    if subject is None and not mention.elliptic:
        subject = phrase_before(text[clause_start:], mention.start - clause_start)
        subject = _with_relative_clause(subject, text[mention.end :]) if subject else inherited
    if not (mention.proportion or is_countable(subject)):
        return None
    period = mention.period or _nearest_period(periods, mention, clause_start, clause_end)
    # the clue words are this figure's own: from the last ", and" or comma before it, so a
    # metric named for the figure before ("66% ... dental check, and 142 ...") is not carried
    own = [m.end() for m in TAIL_END.finditer(text, clause_start, mention.start)]
    clues = text[max([clause_start, *own]) : _tail_end(text, mention.end, clause_end)]
    return _build(
        sentence,
        document,
        mention.claimed,
        mention.comparison,
        subject or "",
        period,
        clues=f"{subject or ''} {clues}",
        national=bool(NATIONAL.search(before)),
        share=mention.proportion,
    )


def _tail_end(text: str, start: int, limit: int) -> int:
    """Where the words that qualify a value end: the next comma, semicolon, "and" or stop."""
    tail = TAIL_END.search(text, start, limit)
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
    for kind, pattern in PATTERNS.items():
        if not any(word in lowered for word in NEEDS.get(kind, ("",))):
            continue
        for match in pattern.finditer(text):
            if taken(match.start(), match.end()):
                continue
            mentions.extend(_mentions_from(kind, match, text, reference))
    return mentions


def _mentions_from(kind: str, match: re.Match, text: str, reference: date | None):
    groups = match.groupdict()
    if kind in {"by-to", "than"}:
        return _change_and_level(kind, match)
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
    if EXCLUDED_BEFORE.search(text, max(0, number_start - LOOKBEHIND), number_start):
        return []
    comparison = _comparison(groups.get("q"))
    if kind == "percent":
        return [_percent(match, text, comparison)]
    if kind == "fraction":
        subject = phrase_after(text, match.end())
        claimed = " ".join(groups["n"].lower().split())
        return [_Mention(match.start(), match.end(), claimed, comparison, subject, proportion=True)]
    if kind == "range":
        if YEAR.fullmatch(groups["a"]):
            return []
        named = NAMED_AFTER.match(text[match.end() :])
        named = named if named and named.group(2) else None
        subject = phrase_after(text, match.end() + named.start(2)) if named else None
        return [_Mention(match.start(), match.end(), f"{groups['a']}-{groups['b']}", "=", subject)]
    if kind in {"level-to", "elliptic", "copula", "of-these", "rate", "points", "bracketed"}:
        if YEAR.fullmatch(groups["n"]) and kind != "rate":
            return []
        claimed = groups["n"].lower()
        if kind == "points":
            before = CHANGE_BEFORE.search(text, max(0, match.start() - LOOKBEHIND), match.start())
            after = CHANGE_AFTER.match(text[match.end() :])
            found = before or after
            comparison = _direction(found.group("dir")) if found else "increase"
        elliptic = kind in {"elliptic", "of-these"}
        return [
            _Mention(
                match.start(),
                match.end(),
                claimed,
                comparison,
                elliptic=elliptic,
                bracketed=kind == "bracketed",
            )
        ]
    values = [groups["n"], *([groups["n2"]] if groups["n2"] else [])]
    if (groups.get("q") and values == ["one"]) or (
        groups["n"].lower() == "one" and groups.get("q")
    ):
        return []  # "more than one child": no figure claimed
    if any(YEAR.fullmatch(v) or (v.startswith("0") and len(v) > 1) for v in values):
        return []
    subject = _qualified(" ".join(groups["np"].split()), text[match.end() :])
    change = COUNT_CHANGE.search(text, max(0, match.start() - LOOKBEHIND), match.start())
    comparison = _direction(change.group("dir") or change.group("dir2")) if change else comparison
    start = change.start() if change else match.start()
    return [_Mention(start, match.end(), v.lower(), comparison, subject) for v in values]


_FEWER = {"fewer", "less", "lower"}


def _change_and_level(kind: str, match: re.Match) -> list[_Mention]:
    """ "increased by 6 to 535" and "1 fewer than the 23": a change, then the level it reached
    (by-to) or started from (than), read in the same clause."""
    groups = match.groupdict()
    a, b = groups["a"], groups["b"]
    if kind == "than":
        direction = "reduction" if groups["dir"].lower() in _FEWER else "increase"
    else:
        direction = _direction(groups["dir"])
    if YEAR.fullmatch(b.rstrip("%")):
        return []
    mid = match.start("b")
    percent = a.endswith("%")
    return [
        _Mention(match.start(), mid, a.lower(), direction, proportion=percent),
        _Mention(mid, match.end(), b, "=", paired=True, proportion=b.endswith("%")),
    ]


def _only_period(text: str, reference: date | None) -> Period | None:
    """The period a date token names, or None for one that is no period ("2018/20")."""
    found = find_periods(text, reference)
    return found[0].period if found else None


def _percent(match: re.Match, text: str, comparison: str) -> _Mention:
    number = match.group("n")
    claimed = f"{NUMBER_WORDS.get(number.lower(), number)}%"  # "Eight percent" is 8%
    after = CHANGE_AFTER.match(text[match.end() :])
    if after:
        direction = _direction(after.group("dir"))
        named = after.end() > after.end("dir")  # "reduction in <what>"
        subject = phrase_after(text, match.end() + after.end()) if named else None
        end = match.end() + after.end("dir")
        return _Mention(match.start(), end, claimed, direction, subject, proportion=True)
    window = max(0, match.start() - LOOKBEHIND)
    before = CHANGE_BEFORE.search(text, window, match.start())
    if before:
        direction = _direction(before.group("dir"))
        return _Mention(before.start(), match.end(), claimed, direction, proportion=True)
    named = NAMED_AFTER.match(text[match.end() :])
    start = named.start(1) if named and named.group(1) else named.start(2) if named else None
    subject = phrase_after(text, match.end() + start) if named else None
    bracketed = match.group(0).startswith("(") and match.group(0).endswith(")")
    return _Mention(
        match.start(),
        match.end(),
        claimed,
        comparison,
        subject,
        proportion=True,
        bracketed=bracketed,
    )


def _directions(sentence, document, periods, numeric: list[Statement], mentions, previous):
    """Changes stated without a number ("a significant reduction in ...")."""
    text = sentence.text
    found: list[Statement] = []
    taken = [(m.start, m.end) for m in mentions]
    for pattern in DIRECTION_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            boundaries = SCOPE_BOUNDARY.finditer(text[: match.start()])
            scope_start = max([0, *(b.end() for b in boundaries)])
            if pattern is SUBJECT_BEFORE:
                scope_start, subject = _subject_before(text, scope_start, match.start(), previous)
            else:
                subject = match.groupdict().get("np") or phrase_after(text, match.end(), False)
            subject = " ".join((subject or "").split())
            before = text[scope_start : match.start()]
            countable = _head_countable if pattern is SUBJECT_BEFORE else is_countable
            if not countable(subject) or HEDGE.search(f"{before} {match.group(0)}"):
                continue
            taken.append((match.start(), match.end()))
            national = bool(NATIONAL.search(before))
            key = subject_key(subject, national)
            if _stated_by_figures(key, numeric, found) or _FIGURE_FOLLOWS.match(text, match.end()):
                continue
            scope_end = SCOPE_BOUNDARY.search(text, match.end())
            scope_end = scope_end.start() if scope_end else len(text)
            here = _Mention(match.start(), match.end(), None, "")
            period = _nearest_period(periods, here, scope_start, scope_end)
            clues = f"{subject} {text[match.start() : _tail_end(text, match.end(), len(text))]}"
            direction = _direction(match.group("dir"))
            found.append(
                _build(sentence, document, None, direction, subject, period, clues, national, False)
            )
    return found


_FIGURE_FOLLOWS = re.compile(r"\s+(?:\w+ly\s+)?(?:to|from|by)\s+\(?\d")


def _stated_by_figures(key: str, numeric: list[Statement], found: list[Statement]) -> bool:
    """A direction adds nothing when the sentence already gives it: a change of that thing in
    figures, two levels of it ("from 42 to 25"), or a direction already read."""
    same = [s for s in numeric if s.key == key]
    return any(s.is_change for s in same) or len(same) >= 2 or any(s.key == key for s in found)


def _subject_before(text: str, start: int, end: int, previous: str | None):
    """(where the words that qualify it start, the subject) of a verb that follows it: the
    noun phrase just before it ("with manageable caseloads which had reduced"); for "this" or
    "they", what the sentence opens with ("In terms of referrals, this had increased"), else
    the previous statement's subject; for a verb with no subject of its own ("..., but had
    reduced"), the sentence's subject."""
    clause = RELATIVE.sub("", text[start:end])
    opening = PHRASE_START.match(clause)
    phrase_start = start + (opening.end() if opening else 0)
    word_start = start + (opening.start("word") if opening else 0)  # "whether" marks a question
    phrase = " ".join(text[phrase_start : start + len(clause)].split()[-_MAX_SUBJECT_WORDS:])
    if PRONOUN.fullmatch(phrase):
        opening = phrase_after(text, 0)
        return word_start, opening if is_countable(opening) else previous
    if not phrase:
        return word_start, phrase_before(text, start)
    return word_start, phrase_before(phrase, len(phrase)) or phrase


def _head_countable(subject: str) -> bool:
    """ "Social Worker caseloads", "referrals into Children's Services": the head noun counts
    people or events ("staff sickness" does not), or the phrase is about looked-after numbers."""
    head = HEAD_END.sub("", subject).split()[-1:]
    return bool(head) and (is_countable(head[0]) or "looked after" in subject.lower())


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


_QUALIFIER = re.compile(r"\s+(with|on|subject\s+to)\s+(?=(?:an?\s+|the\s+)?[a-z])", re.I)


def _qualified(subject: str, after: str) -> str:
    """ "266 children with child protection plans": what makes them the ones counted."""
    qualifier = _QUALIFIER.match(after)
    words = phrase_after(after, qualifier.end(), strict=True) if qualifier else None
    return f"{subject} {qualifier.group(1).lower()} {words}" if words else subject


def _with_relative_clause(subject: str, after: str) -> str:
    """ "children (15.1%) who become looked after at birth": keep the clause that defines them."""
    relative = re.match(r"\)?\s+who\s+", after)
    words = phrase_after(after, relative.end(), strict=False) if relative else None
    return f"{subject} who {words}" if words else subject


def _comparison(qualifier: str | None) -> str:
    for comparison, words in QUALIFIERS.items():
        if qualifier and qualifier.lower() in words:
            return comparison
    return "="


def _direction(word: str) -> str:
    return "reduction" if re.fullmatch(DOWN, word, re.I) else "increase"


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
