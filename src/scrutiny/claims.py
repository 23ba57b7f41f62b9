"""The claim register (evidence/claims.yml): its model, validation and precision.

A claim is one sentence of a panel document. It makes one or more *figures* (702 in August
2020 and 531 in July 2021 are two figures of one claim). Each figure names what was claimed as
written ("19.5%", "702"), how to compare ("=", ">", "<", "increase", "reduction"), the metric
that measures it, its parameters, its source ("903", "dfe", or "none"), its relation to the
claim (exact, bound, bracket or proxy: see `scrutiny.verdicts`) and whether it is the claim's
headline. A claim may also say, in a few words, what it says (`says:`): its name on the index.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from scrutiny import yamlsafe
from scrutiny.errors import ConfigError
from scrutiny.verdicts import BOUND, BRACKET, EXACT, PROXY, RELATIONS, claimed_key

COMPARISONS = ("=", ">", "<", "increase", "reduction")
RANKED = ("dfe-rank", "dfe-rank-among")  # a claimed rank reads as an ordinal: "2nd"
SOURCES = ("903", "dfe", "none")
# 702, 1,234 (thousands separated as papers write them), 19.5%, -23%
NUMBER = re.compile(r"^\s*([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?)\s*(%?)\s*$", re.ASCII)

CLAIM_KEYS = {
    "id",
    "document",
    "section",
    "line",
    "quote",
    "subject",
    "figures",
    "would_test",
    "notebook",
    "says",
    "status",
}
# "proposed": read from the papers by `scrutiny claims extract`, not yet confirmed by an analyst
STATUSES = ("confirmed", "proposed")
FIGURE_KEYS = {
    "label",
    "claimed",
    "comparison",
    "metric",
    "params",
    "source",
    "precision",
    "relation",
    "headline",
    "why",
    "at_least",
}
DOCUMENT_KEYS = {"file", "title", "date"}
CLAIM_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Figure:
    """One number a claim states, and how to measure it."""

    label: str
    comparison: str
    source: str
    claimed: str | None = None
    metric: str | None = None
    params: dict = field(default_factory=dict)
    precision: float | None = None  # None: inferred from how `claimed` is written
    relation: str = EXACT  # exact, bound, bracket or proxy: what it can say about the claim
    headline: bool = True  # False for a side figure that cannot carry the claim alone
    why: str = ""  # for a bound or proxy: how the figure differs from what was claimed
    at_least: float | None = None  # how big an "increase"/"reduction" must be ("significant")

    @property
    def claimed_value(self) -> float | None:
        return None if self.claimed is None else parse_number(self.claimed)[0]

    @property
    def said(self) -> str:
        """The claim as a reader says it: "more than 90%", "an increase", "-19.5%". A bound's
        comparison is the bound's test, not what was said, so a bound reads as its value."""
        if self.relation == BOUND and self.claimed is not None:
            return str(self.claimed)
        if self.metric in RANKED and self.claimed is not None:
            return ordinal(int(self.claimed_value))
        if self.at_least:
            direction = "increase" if self.comparison == "increase" else "reduction"
            return f"a significant {direction} (read by the pack as at least {self.at_least:g}%)"
        return {
            ">": f"more than {self.claimed}",
            "<": f"less than {self.claimed}",
            "increase": "an increase",
            "reduction": "a reduction",
        }.get(self.comparison, str(self.claimed))

    @property
    def tolerance(self) -> float:
        """Half the precision: how far a measured value may sit from the claim and round to it."""
        precision = self.precision
        if precision is None:
            precision = parse_number(self.claimed)[1] if self.claimed is not None else 1.0
        return precision / 2


@dataclass(frozen=True)
class Claim:
    id: str
    document: str
    section: str
    quote: str
    subject: str
    figures: tuple[Figure, ...]
    would_test: str | None = None
    said_on: date | None = None  # the document's date: which published release was current
    notebook: str = "claim"  # the notebook in notebooks/ that argues it (a conclusion's own)
    says: str = ""  # what the claim says, in a few words (the index names it so)
    status: str = "confirmed"  # "proposed" until an analyst confirms a machine-read claim

    @property
    def name(self) -> str:
        """The claim as a reader looks for it: what it says, else its quote."""
        return self.says or self.quote

    @property
    def testable(self) -> bool:
        return any(f.source != "none" for f in self.figures)


@dataclass(frozen=True)
class Register:
    documents: dict[str, dict]
    claims: tuple[Claim, ...]

    def get(self, claim_id: str) -> Claim:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        known = ", ".join(c.id for c in self.claims)
        raise ConfigError(f"no claim {claim_id!r} in the register (known: {known})")


def ordinal(n: int) -> str:
    """2 -> "2nd": a rank as a reader says it."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def parse_number(text: str) -> tuple[float, float]:
    """The value and the precision a number is written to: '19.5%' -> (19.5, 0.1), '1,234'
    -> (1234.0, 1.0). Digits are 0-9 only: Python would read '٢٣' or '２３' as 23, and no
    claim writes them."""
    other = [c for c in str(text) if c.isdigit() and not c.isascii()]
    if other:
        name = unicodedata.name(other[0], "a digit other than 0-9")
        raise ValueError(f"{text!r}: write its digits as 0-9, not {other[0]!r} ({name})")
    match = NUMBER.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a number such as 702, 19.5% or -23%")
    decimals = match.group(2) or ""
    return float(match.group(1).replace(",", "")), 10.0 ** -len(decimals)


def load_register(path: str | Path, known_metrics: Mapping[str, Collection[str]]) -> Register:
    """Read and validate the register; every mistake is reported with the claim it is in."""
    path = Path(path)
    try:
        data = yamlsafe.load_path(path)
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"{path}: cannot read the claim register: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        raise ConfigError(f"{path}: expected 'documents:' and a 'claims:' list")
    documents = data.get("documents") or {}
    problems: list[str] = [
        f"{path}: unknown top-level key {key!r} (expected documents, claims)"
        for key in sorted(set(data) - {"documents", "claims"}, key=str)
    ]
    check_documents(documents, path, problems)
    claims = []
    for index, entry in enumerate(data["claims"], start=1):
        where = (
            f"{path}: claim {index} ({entry.get('id', '?') if isinstance(entry, dict) else '?'})"
        )
        claim = parse_claim(entry, documents, known_metrics, where, problems)
        if claim:
            claims.append(claim)
    ids = [c.id for c in claims]
    problems += [
        f"{path}: claim id {i!r} is used twice" for i in sorted(set(ids)) if ids.count(i) > 1
    ]
    if problems:
        raise ConfigError("the claim register has problems:\n  " + "\n  ".join(problems))
    return Register(documents, tuple(claims))


def parse_claim(
    entry,
    documents: dict,
    known_metrics: Mapping[str, Collection[str]],
    where: str,
    problems: list[str],
) -> Claim | None:
    if not isinstance(entry, dict):
        problems.append(f"{where}: expected a mapping")
        return None
    unknown = set(entry) - CLAIM_KEYS
    missing = {"id", "document", "section", "quote", "subject", "figures"} - set(entry)
    if unknown:
        problems.append(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    if missing:
        problems.append(f"{where}: missing key(s) {', '.join(sorted(missing))}")
        return None
    if not CLAIM_ID.match(str(entry["id"])):
        problems.append(
            f"{where}: id must be lower-case letters, digits and hyphens "
            "(it names the page's file), e.g. dental-66"
        )
        return None
    if entry["document"] not in documents:
        problems.append(f"{where}: document {entry['document']!r} is not in 'documents:'")
    if str(entry.get("status", "confirmed")) not in STATUSES:
        problems.append(f"{where}: status must be one of {', '.join(STATUSES)}")
    if "line" in entry and not isinstance(entry["line"], int):
        problems.append(f"{where}: line must be a whole number (the line the sentence starts on)")
    if not CLAIM_ID.match(str(entry.get("notebook", "claim"))):
        problems.append(f"{where}: notebook names a file in notebooks/, e.g. looked-after-numbers")
    figures = []
    for number, raw in enumerate(entry["figures"] or [], start=1):
        figure = parse_figure(raw, known_metrics, f"{where} figure {number}", problems)
        if figure:
            figures.append(figure)
    if not figures:
        problems.append(f"{where}: a claim needs at least one figure")
    check_brackets(figures, where, problems)
    if all(f.source == "none" for f in figures) and not entry.get("would_test"):
        problems.append(
            f"{where}: an untestable claim must say which data would test it ('would_test')"
        )
    return Claim(
        str(entry["id"]),
        entry["document"],
        str(entry["section"]),
        " ".join(str(entry["quote"]).split()),
        str(entry["subject"]),
        tuple(figures),
        entry.get("would_test"),
        (documents.get(entry["document"]) or {}).get("date"),
        str(entry.get("notebook", "claim")),
        " ".join(str(entry.get("says", "")).split()),
        str(entry.get("status", "confirmed")),
    )


def check_brackets(figures: list[Figure], where: str, problems: list[str]) -> None:
    """A bracket is the published periods on both sides of the claim's: each bracket figure
    needs another of the same source stating the same thing."""
    brackets = [f for f in figures if f.relation == BRACKET]
    for f in brackets:
        same = [g for g in brackets if (g.source, claimed_key(g)) == (f.source, claimed_key(f))]
        if len(same) < 2:
            problems.append(
                f"{where}: bracket figure {f.label!r} needs a partner: a bracket is the "
                "published periods on both sides of the claim's, two figures of one source "
                "stating the same claimed value"
            )


def check_documents(documents, path: Path, problems: list[str]) -> None:
    """Each document: a file name, a title and, optionally, the date it was written."""
    if not isinstance(documents, dict):
        problems.append(f"{path}: 'documents:' must map a short name to file, title and date")
        return
    for name, entry in documents.items():
        where = f"{path}: document {name}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: expected file, title and date")
            continue
        unknown = set(entry) - DOCUMENT_KEYS
        if unknown:
            problems.append(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        if "date" in entry and not isinstance(entry["date"], date):
            problems.append(f"{where}: date must be written YYYY-MM-DD, not {entry['date']!r}")


def parse_figure(
    raw, known_metrics: Mapping[str, Collection[str]], where: str, problems: list[str]
) -> Figure | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: expected a mapping")
        return None
    unknown = set(raw) - FIGURE_KEYS
    if unknown:
        problems.append(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    source = str(raw.get("source", ""))
    comparison = str(raw.get("comparison", "="))
    if source not in SOURCES:
        problems.append(f"{where}: source must be one of {', '.join(SOURCES)}, not {source!r}")
    if comparison not in COMPARISONS:
        problems.append(
            f"{where}: comparison must be one of {', '.join(COMPARISONS)}, not {comparison!r}"
        )
    relation = str(raw.get("relation", EXACT))
    if relation not in RELATIONS:
        problems.append(f"{where}: relation must be one of {', '.join(RELATIONS)}")
    if relation != EXACT and not raw.get("why"):
        problems.append(f"{where}: a {relation} figure must say 'why' it is not exact")
    if relation == BOUND and comparison not in (">", "<"):
        problems.append(
            f"{where}: a bound states the inequality the claim implies (comparison '>' or '<'); "
            "a figure of another period than the claim's is a proxy, not a bound"
        )
    at_least = raw.get("at_least")
    if at_least is not None and (
        comparison not in ("increase", "reduction") or not isinstance(at_least, int | float)
    ):
        problems.append(f"{where}: at_least is a number, for an increase or a reduction")
        at_least = None
    if not isinstance(raw.get("headline", True), bool):
        problems.append(f"{where}: headline must be true or false")
    metric = raw.get("metric")
    params = raw.get("params") or {}
    if source != "none" and metric not in known_metrics:
        problems.append(f"{where}: unknown metric {metric!r}")
    elif source != "none" and isinstance(params, dict):
        taken = known_metrics[metric]
        for key in sorted(set(params) - set(taken), key=str):
            problems.append(
                f"{where}: {metric} takes no parameter {key!r}{did_you_mean(key, taken)}"
            )
        problems += [f"{where}: {metric} needs {need}" for need in missing_params(taken, params)]
    if not isinstance(params, dict):
        problems.append(f"{where}: params must be a mapping of name: value")
        params = {}
    claimed = raw.get("claimed")
    if claimed is not None:
        try:
            parse_number(str(claimed))
        except ValueError as error:
            problems.append(f"{where}: claimed {error}")
            return None
    elif comparison in {"=", ">", "<"} and not (relation == PROXY and raw.get("headline") is False):
        problems.append(
            f"{where}: comparison {comparison!r} needs a 'claimed' value "
            "(only a side proxy, shown for context, may leave it out)"
        )
    return Figure(
        str(raw.get("label", "")),
        comparison,
        source,
        None if claimed is None else str(claimed),
        metric,
        dict(params),
        raw.get("precision"),
        relation,
        raw.get("headline", True) is not False,
        " ".join(str(raw.get("why", "")).split()),
        None if at_least is None else float(at_least),
    )


def missing_params(taken: Collection[str], params: Mapping) -> list[str]:
    """What a figure's params lack, said as a reader fixes it ("start and end, or year")."""
    needs = getattr(taken, "required", ())
    return [
        ", or ".join(" and ".join(option) for option in need)
        for need in needs
        if not any(all(name in params for name in option) for option in need)
    ]


def did_you_mean(key, names: Collection[str]) -> str:
    near = difflib.get_close_matches(str(key), sorted(names), n=1)
    return f"; did you mean {near[0]!r}?" if near else ""


def check_definition(definition: dict, register: Register) -> None:
    """Every key of the pack's `definition:` must be a parameter some figure takes: a key none
    takes (a typo such as max_age_dayz) would change nothing, silently."""
    taken = sorted({key for claim in register.claims for f in claim.figures for key in f.params})
    problems = []
    for key in sorted(set(definition) - set(taken), key=str):
        problems.append(
            f"definition: no figure in the register takes {key!r}{did_you_mean(key, taken)}"
        )
    if problems:
        raise ConfigError(
            "\n  ".join(["the params have problems:", *problems])
            + f"\n  (the figures' parameters: {', '.join(taken)})"
        )
