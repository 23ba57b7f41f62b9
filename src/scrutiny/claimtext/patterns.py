"""The patterns that find figures, changes and their context in a sentence.

Kept apart from the logic that reads them (statements.py), so a reader can review every
pattern the claim finder uses in one place.
"""

import re

from scrutiny.claimtext.periods import MONTH
from scrutiny.claimtext.subjects import PEOPLE

NUM = r"(?<![\d.,:/£$€-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d:/]|\.\d|,\d)"
WORD_NUMS = (
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
WORD_NUM = r"\b(?:" + "|".join(WORD_NUMS) + r")"
QUALIFIERS = {
    ">": ("more than", "over", "at least", "in excess of", "upwards of"),
    "<": ("less than", "fewer than", "under", "no more than", "up to", "almost", "nearly"),
    "=": ("around", "about", "approximately", "approx.", "roughly", "some"),
}
QUAL = (
    r"(?:\b(?P<q>"
    + "|".join(re.escape(q) for qs in QUALIFIERS.values() for q in sorted(qs, key=len)[::-1])
    + r")\s+)?"
)
NOT_A_WORD = (
    r"(?!(?:of|the|and|or|to|in|for|with|by|at|on|was|were|is|are|had|has|have|that|which|who|"
    r"a|an)\b)"
)
MONTH_YEAR = rf"\b{MONTH}\s+(?:19|20)\d\d\b"
WORD_PERCENT = "|".join(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
)
DATED = rf"{MONTH_YEAR}|\b(?:19|20)\d\d/\d\d\b"
END_OF = r"(?:the\s+end\s+of\s+)?"
DOWN = r"reduc\w*|decreas\w*|f[ae]ll\w*|dropp?\w*|declin\w*|down|cut"
UP = r"increas\w*|ris\w*|rose|gr[eo]wn?|growth|grew|up"

PATTERNS = {
    "from-to-dated": re.compile(
        rf"(?P<a>{NUM}%?)\s+(?:in|at|on)\s+{END_OF}(?P<da>{DATED})\s+to\s+(?P<b>{NUM}%?)"
        rf"\s+(?:in|at|on|by)\s+{END_OF}(?P<db>{DATED})",
        re.I,
    ),
    # "increased by 6 to 535": a change and the level it reached
    "by-to": re.compile(
        rf"\b(?P<dir>{DOWN}|{UP})\s+by\s+(?P<a>{NUM}%?)\s+to\s+(?P<b>{NUM}%?)", re.I
    ),
    # "1 fewer than the 23 in March": a change and the level it is counted from
    "than": re.compile(
        rf"{QUAL}(?P<a>{NUM}|{WORD_NUM})\s+(?P<dir>fewer|less|more|lower|higher)\s+than\s+"
        rf"(?:the\s+|in\s+|at\s+)?(?P<b>{NUM})(?![\d%])",
        re.I,
    ),
    # "3.2 percentage points": a change in a percentage
    "points": re.compile(rf"{QUAL}(?P<n>{NUM})\s*(?:percentage\s+points?|pp|ppts?)\b", re.I),
    # "37/10000", "37 per 10,000": a rate
    "rate": re.compile(rf"{QUAL}(?<![\d.,/])(?P<n>\d+(?:\.\d+)?)\s*(?:/\s*|per\s+)10,?000\b", re.I),
    "year-brackets": re.compile(
        rf"(?P<da>\d{{4}}/\d\d)\s*\((?P<a>{NUM})\)\s*(?:to|–|-)\s*(?P<db>\d{{4}}/\d\d)\s*\((?P<b>{NUM})\)"
    ),
    "from-to": re.compile(
        rf"\b(?:{DOWN}|{UP})\s+from\s+(?P<a>{NUM}%?)\s+to\s+(?P<b>{NUM}%?)", re.I
    ),
    "percent": re.compile(
        rf"{QUAL}\(?(?P<n>{NUM}|\b(?:{WORD_PERCENT}))\s?(?:%|per\s?cent\b)\)?", re.I
    ),
    "fraction": re.compile(
        rf"{QUAL}\b(?P<n>(?:a|one|two)\s+(?:third|quarter|fifth)s?|half)\s+of\s+", re.I
    ),
    "range": re.compile(
        rf"\bbetween\s+(?P<a>{NUM})\s*(?:-|–|to|and)\s*(?P<b>\d+(?:\.\d+)?)(?![\d%])", re.I
    ),
    "count": re.compile(
        rf"{QUAL}(?P<n>{NUM}|{WORD_NUM})(?:\s+(?:and|or)\s+(?P<n2>{NUM}|{WORD_NUM}))?\s+"
        rf"(?P<np>(?:{NOT_A_WORD}[A-Za-z][\w’'-]*\s+){{0,3}}?{PEOPLE}\b(?![’']s)"
        r"(?:\s+(?:looked[- ]after|in care|on (?:the )?caseload|in external placements?))?)",
        re.I,
    ),
    # "three Senior Practitioners – two in Newport and one in North Ormesby": the same subject
    "elliptic": re.compile(
        rf"(?:(?<=[–,]\s)|(?<=\band\s))(?i:(?P<n>{NUM}|{WORD_NUM}))\s+"
        rf"(?:in\s+(?!(?i:{MONTH})\b)[A-Z][a-z]|under\s+(?!(?:the\s+)?age\b)[a-z]+\s+(?:abuse|neglect|harm))"
    ),
    # "compared with the number at the end of December 2020 (284)", "(60.4)": a figure in brackets
    "bracketed": re.compile(r"(?<=\s)\((?P<n>\d{2,}(?:,\d{3})*(?:\.\d+)?|\d\.\d+)\)"),
    # "Of this figure 949 had a child in need plan": counts what the figure before counts
    "of-these": re.compile(
        rf"\b[Oo]f\s+(?:this\s+(?:figure|number|total)|these|them|those)\s*,?\s+(?P<n>{NUM})\b"
        r"(?=\s+(?:had|have|were|was|are|is)\b)"
    ),
    # "was 151", "totalled 1648", "was at 42": the subject is named before the verb
    "copula": re.compile(
        rf"\b(?:is|was|were|are|totall?ed|reached|(?:is|was|are|were|remains?|remained)\s+at|"
        rf"now\s+at|currently\s+at)\s+{QUAL}(?P<n>{NUM})(?![%\d]|\s*per\s*cent|\s*/)"
        r"(?=\s*(?:[,.;)]|$)|\s+(?:at|in|on|by|during|as|from|for|and|which|per|compared)\b)",
        re.I,
    ),
    "level-to": re.compile(
        r"\b(?:reduc\w*|decreas\w*|f[ae]ll\w*|dropp?\w*|declin\w*|increas\w*|ris\w*|rose|"
        rf"gr[eo]wn?|grew|st(?:oo|an)d(?:s|ing)?)\s+(?:to|at)\s+{QUAL}(?P<n>{NUM})"
        r"(?=\s*(?:[,.;)]|$)|\s+(?:at|in|on|by|during|as|from|for|and|which)\b)",
        re.I,
    ),
}
DIRECTION_PATTERNS = [
    re.compile(
        r"\ban?\s+(?:(?:significant|substantial|large|small|slight|further|continued|notable|"
        r"marked|considerable|big)\s+)?(?P<dir>reduction|increase|decrease|rise|fall|drop|decline)"
        r"\s+(?:in|of)\s+",
        re.I,
    ),
    re.compile(
        r"\bnumbers?\s+of\s+(?P<np>[^,.;:–]{3,80}?)\s+(?:had|has|have|was|were|is|are)\s+"
        rf"(?:been\s+)?(?:\w+ly\s+)?(?:(?:started|begun|continued)\s+to\s+)?(?P<dir>{DOWN}|{UP})\b",
        re.I,
    ),
    re.compile(
        r"\b(?P<np>(?:[A-Za-z-]+\s+){1,3}?)numbers\s+(?:had|has|have|was|were|is|are)\s+"
        rf"(?:been\s+)?(?:\w+ly\s+)?(?P<dir>{DOWN}|{UP})\b",
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
SUBJECT_BEFORE = DIRECTION_PATTERNS[-1]
# The noun phrase just before a verb starts after the last of these words or marks.
PHRASE_START = re.compile(
    r".*(?P<word>[,;–(]|\b(?:that|whilst|while|and|but|though|although|so|with|where|whether|if)\b)",
    re.I,
)
# The head of a noun phrase ends where a preposition or participle starts its modifiers.
HEAD_END = re.compile(r"\s+(?:in|into|on|of|with|for|from|at|who|being|placed|living)\b.*", re.I)
RELATIVE = re.compile(r"\s*\b(?:which|who|that)\s*$", re.I)
# Words a pattern cannot match without: checking for them first saves scanning most sentences.
NEEDS = {
    "from-to-dated": (" to ",),
    "by-to": (" by ",),
    "than": (" than ",),
    "points": ("point", "pp"),
    "rate": ("10000", "10,000"),
    "of-these": ("of th",),
    "bracketed": ("(",),
    "copula": (" is ", " was ", " were ", " are ", "total", "reached", " at "),
    "year-brackets": ("/",),
    "from-to": ("from",),
    "percent": ("%", "per"),
    "fraction": ("third", "quarter", "fifth", "half"),
    "range": ("between",),
    "elliptic": (" in ", " under "),
    "level-to": (" to ", " at "),
}
# "a reduction of 167 looked after children", "fell by 40 children": a count that is a change
COUNT_CHANGE = re.compile(
    rf"(?:\b(?P<dir>reduction|decrease|fall|drop|decline|increase|rise)\s+of|"
    rf"\b(?P<dir2>{DOWN}|{UP})\s+by)\s+$",
    re.I,
)
PRONOUN = re.compile(
    r"[\s,;]*(?:this|it|these|they|that)(?:\s+(?:figure|number|total|rate|group))?\b", re.I
)
# A sentence holds a figure only if it has a digit or one of these words, and a change only if
# it has one of these stems: substring tests, far cheaper than any pattern, skip most sentences.
DIGIT = re.compile(r"\d")
FIGURE_WORDS = (*WORD_NUMS, "third", "quarter", "fifth", "half")
CHANGE_STEMS = (
    "reduc",
    "increas",
    "decreas",
    "ris",
    "rose",
    "fall",
    "fell",
    "drop",
    "declin",
    "number",
)
CHANGE_AFTER = re.compile(
    r"^\s*(?:\w+\s+)?(?P<dir>reduction|decrease|fall|drop|decline|cut|increase|rise|growth)\b"
    r"(?:\s+(?:in|of)\s+)?",
    re.I,
)
CHANGE_BEFORE = re.compile(rf"\b(?P<dir>{DOWN}|{UP})\s+(?:by\s+)?$", re.I)
EXCLUDED_BEFORE = re.compile(
    r"(?:\bper|\bage[sd]?(?:\s+of)?|\bitems?|\bpages?|\bparagraphs?|\bparas?|\bsections?|"
    r"\bappendix|\bno\.|\btel(?:ephone)?\.?|\bphone|\broom|\bminutes?|£|\$|€|"
    r"(?<!\d)(?!(?:19|20)\d\d\b)\d+)\s*$",
    re.I,
)
NAMED_AFTER = re.compile(rf"\s+of\s+(\S)|\s+((?:the\s+)?(?:numbers?\s+of\s+)?{PEOPLE}\b)", re.I)
YEAR = re.compile(r"(?:19|20)\d\d")
# Words anchored just before a number are searched for in this many characters, not in all
# of the sentence before it (a cost in proportion to its length at every number).
LOOKBEHIND = 40
SCOPE_BOUNDARY = re.compile(r";|\b(?:however|whilst|while|but|although)\b", re.I)
NATIONAL = re.compile(r"\bnational(?:ly)?\b|\bin england\b|\bacross england\b", re.I)
TAIL_END = re.compile(r"[,;.]\s|\s(?:and|but)\s|[.;]$")
MONEY = re.compile(r"£|\bbudgets?\b|\bspend\b|\bcosts?\b|\bsavings?\b", re.I)
HEDGE = re.compile(
    r"\b(?:could|would|might|may(?!\s+(?:19|20)\d\d)|will|estimated?|estimates|predicted|"
    r"predicts?|forecasts?|"
    r"projected|targets?|aims?|ambition|expected\s+to|hopes?|whether)\b",
    re.I,
)
