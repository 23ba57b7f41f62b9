"""The metric contract as a table: name -> description, parameters, function; and `measure`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from scrutiny import catalogue
from scrutiny.bounds import check_date, check_year
from scrutiny.errors import ConfigError
from scrutiny.groups import find_group
from scrutiny.metrics import health, missing, permanence, placements, population, starters
from scrutiny.metrics.result import MetricResult, Period
from scrutiny.ssda903.dataset import Dataset

PERIOD = "period"  # pseudo-parameter: `start` and `end`, or `year`
# Topics a page lists together: every metric of a topic, in the table's order.
HEALTH = "health of children looked after for 12 months"
PERMANENCE = "permanence"


@dataclass(frozen=True)
class MetricSpec:
    """One row of the metric table in docs/counting-rules.md.

    `params` are required parameter names (PERIOD stands for start+end or year);
    `optional` maps optional names to their defaults; `unit` says how to read `value`;
    `reads` names the only table columns the function reads, so a cached dataset can load
    just those (tests/test_cache.py checks each metric gives the same answer on them).
    """

    name: str
    description: str  # what it counts, in words a councillor reads
    unit: str  # "count", "percent" or "percent change"
    params: tuple[str, ...]
    function: Callable[..., MetricResult]
    optional: dict[str, object] = field(default_factory=dict)
    reads: dict[str, tuple[str, ...]] = field(default_factory=dict)
    label: str = ""  # the children it counts, as a page's table or chart says them
    topic: str = ""  # HEALTH, PERMANENCE or "": the pages that list a topic's metrics together

    def accepts(self) -> set[str]:
        names = set(self.params) | set(self.optional)
        if PERIOD in names:
            names = (names - {PERIOD}) | {"start", "end", "year"}
        return names

    def signature(self, spelling: dict[str, str] | None = None) -> str:
        """Parameters as a reader sees them, e.g. `start, end | year, max_age_days=6`, each
        name as `spelling` gives it (the CLI's flags); one with no default, e.g. `[groups]`."""
        say = (spelling or {}).get
        period = f"{say('start', 'start')}, {say('end', 'end')} | {say('year', 'year')}"
        parts = [period if p == PERIOD else say(p, p) for p in self.params]
        parts += [
            f"[{say(name, name)}]" if default is None else f"{say(name, name)}={default}"
            for name, default in self.optional.items()
        ]
        return ", ".join(parts)


_PLACEMENT_FILE = {"groups": None}
_OPEN = ("CHILD", "DECOM", "DEC", "LS")  # counted episodes open on a day
_OC2 = ("CHILD", "DECOM", "DEC", "LS", "RNE", "REC")  # the 12-month cohort


def _oc2(column: str) -> dict[str, tuple[str, ...]]:
    return {"episodes": _OC2, "oc2": ("CHILD", "YEAR", column)}


def needs(spec: MetricSpec) -> tuple:
    """A metric's required parameters as alternatives: a period is start and end, or year."""
    period = (("start", "end"), ("year",))
    return tuple(period if name == PERIOD else ((name,),) for name in spec.params)


def _registered(specs: list[MetricSpec]) -> dict[str, MetricSpec]:
    """The metric table, each metric added to the catalogue (a name given twice is refused)."""
    for spec in specs:
        catalogue.register(
            catalogue.Measure(
                spec.name,
                catalogue.SOURCE_903,
                "; ".join(f"{t}: {', '.join(c)}" for t, c in spec.reads.items()),
                "the authority's SSDA903 return",
                spec.unit,
                spec.description,
                tuple(sorted(spec.accepts())),
                tests=(catalogue.CHANGE if "change" in spec.unit else catalogue.VALUE,),
                module=spec.function.__module__,
                needs=needs(spec),
                label=spec.label,
                topic=spec.topic,
            )
        )
    return {spec.name: spec for spec in specs}


METRICS: dict[str, MetricSpec] = _registered(
    [
        MetricSpec(
            "cla-on-date",
            "distinct children with an episode open on `at` (DECOM <= at < DEC or DEC blank)",
            "count",
            ("at",),
            population.cla_on_date,
            reads={"episodes": _OPEN},
        ),
        MetricSpec(
            "cla-change",
            "% change in cla-on-date from `start` to `end` (negative = reduction)",
            "percent change",
            ("start", "end"),
            population.cla_change,
            reads={"episodes": _OPEN},
        ),
        MetricSpec(
            "starters",
            "distinct children with an episode RNE = S and DECOM in the period",
            "count",
            (PERIOD,),
            starters.starters,
            reads={"episodes": (*_OPEN, "RNE")},
        ),
        MetricSpec(
            "starters-newborn",
            "% of starters whose first start in the period was <= max_age_days after birth",
            "percent",
            (PERIOD,),
            starters.starters_newborn,
            {"max_age_days": 6},
            reads={"episodes": (*_OPEN, "RNE"), "header": ("CHILD", "DOB")},
        ),
        MetricSpec(
            "starters-under1",
            "% of starters aged under 1 (completed years at DECOM = 0) at their first start",
            "percent",
            (PERIOD,),
            starters.starters_under1,
            reads={"episodes": (*_OPEN, "RNE"), "header": ("CHILD", "DOB")},
        ),
        MetricSpec(
            "oc2-cohort",
            "children looked after continuously for at least 12 months at 31 March `year`",
            "count",
            ("year",),
            health.oc2_cohort_size,
            reads={"episodes": _OC2, "oc2": ("CHILD", "YEAR")},
            label="children in the cohort",
            topic=HEALTH,
        ),
        MetricSpec(
            "oc2-dental",
            "% of the OC2 cohort with TEETH_CHECK = 1 (dental check)",
            "percent",
            ("year",),
            health.oc2_dental,
            reads=_oc2("TEETH_CHECK"),
            label="had a dental check",
            topic=HEALTH,
        ),
        MetricSpec(
            "oc2-health-assessment",
            "% of the OC2 cohort with HEALTH_ASSESSMENT = 1 (annual health assessment)",
            "percent",
            ("year",),
            health.oc2_health_assessment,
            reads=_oc2("HEALTH_ASSESSMENT"),
            label="had their health assessment",
            topic=HEALTH,
        ),
        MetricSpec(
            "oc2-immunisations",
            "% of the OC2 cohort with IMMUNISATIONS = 1 (immunisations up to date)",
            "percent",
            ("year",),
            health.oc2_immunisations,
            reads=_oc2("IMMUNISATIONS"),
            label="were up to date with immunisations",
            topic=HEALTH,
        ),
        MetricSpec(
            "placed-for-adoption",
            "distinct children starting an A3-A6 placement in the period (previous not A3-A6)",
            "count",
            (PERIOD,),
            permanence.placed_for_adoption,
            reads={"episodes": (*_OPEN, "PLACE")},
            label="placed for adoption",
            topic=PERMANENCE,
        ),
        MetricSpec(
            "adoptions",
            "distinct children with an episode ending in the period with REC E11 or E12",
            "count",
            (PERIOD,),
            permanence.adoptions,
            reads={"episodes": (*_OPEN, "REC")},
            label="adopted",
            topic=PERMANENCE,
        ),
        MetricSpec(
            "sgo",
            "distinct children with an episode ending in the period with REC E43-E48 (SGO)",
            "count",
            (PERIOD,),
            permanence.sgo,
            reads={"episodes": (*_OPEN, "REC")},
            label="left care on a special guardianship order",
            topic=PERMANENCE,
        ),
        MetricSpec(
            "placement-count",
            "children looked after on `at` whose current placement is in `group`",
            "count",
            ("at", "group"),
            placements.placement_count,
            _PLACEMENT_FILE,
            reads={"episodes": (*_OPEN, "PLACE", "PLACE_PROVIDER")},
        ),
        MetricSpec(
            "placement-change",
            "% change in placement-count from `start` to `end`",
            "percent change",
            ("start", "end", "group"),
            placements.placement_change,
            _PLACEMENT_FILE,
            reads={"episodes": (*_OPEN, "PLACE", "PLACE_PROVIDER")},
        ),
        MetricSpec(
            "missing-incidents",
            "Missing table rows with MIS_START in the period, by M / A and calendar month",
            "count",
            (PERIOD,),
            missing.missing_incidents,
            reads={"missing": ("MISSING", "MIS_START")},
        ),
        MetricSpec(
            "cla-month-average",
            "cla-on-date averaged over the days of the calendar month holding `at`",
            "count",
            ("at",),
            population.cla_month_average,
            reads={"episodes": _OPEN},
        ),
        MetricSpec(
            "cla-change-month-average",
            "% change in cla-month-average from the month of `start` to the month of `end`",
            "percent change",
            ("start", "end"),
            population.cla_change_month_average,
            reads={"episodes": _OPEN},
        ),
        MetricSpec(
            "placement-share-change",
            "change in `group`'s % share of the children placed in `within`, start to end "
            "(percentage points)",
            "percentage points",
            ("start", "end", "group", "within"),
            placements.placement_share_change,
            _PLACEMENT_FILE,
            reads={"episodes": (*_OPEN, "PLACE", "PLACE_PROVIDER")},
        ),
        MetricSpec(
            "placement-count-min",
            "the fewest children in `group` (placement-count) at any month end in start..end",
            "count",
            ("start", "end", "group"),
            placements.placement_count_min,
            _PLACEMENT_FILE,
            reads={"episodes": (*_OPEN, "PLACE", "PLACE_PROVIDER")},
        ),
        MetricSpec(
            "placement-count-max",
            "the most children in `group` (placement-count) at any month end in start..end",
            "count",
            ("start", "end", "group"),
            placements.placement_count_max,
            _PLACEMENT_FILE,
            reads={"episodes": (*_OPEN, "PLACE", "PLACE_PROVIDER")},
        ),
        MetricSpec(
            "missing-incidents-monthly",
            "missing-incidents divided by the number of calendar months the period touches",
            "count",
            (PERIOD,),
            missing.missing_incidents_monthly,
            reads={"missing": ("MISSING", "MIS_START")},
        ),
        MetricSpec(
            "cla-by-ethnicity",
            "cla-on-date split by major ethnic group (White, Mixed, Asian, Black, Other, ...)",
            "count",
            ("at",),
            population.cla_by_ethnicity,
            reads={"episodes": _OPEN, "header": ("CHILD", "ETHNIC")},
        ),
    ]
)


def in_topic(topic: str) -> list[MetricSpec]:
    """The metrics of a topic (HEALTH, PERMANENCE) in the table's order, so a page that lists
    them together takes a new one without an edit."""
    return [spec for spec in METRICS.values() if spec.topic == topic]


def measure(dataset: Dataset, name: str, **params) -> MetricResult:
    """Compute metric `name` with `params` (dates as `date` or ISO strings); a date outside
    the extract's coverage is refused (OutsideCoverage), never partly counted."""
    spec, arguments = resolve(name, **params)
    return compute(spec, dataset, arguments)


def compute(spec: MetricSpec, dataset: Dataset, arguments: dict) -> MetricResult:
    """Run a resolved metric, refusing dates the extract does not cover (one rule for the
    library, `scrutiny measure` and the pack)."""
    if dataset.coverage is not None:
        dataset.coverage.require(reached_days(arguments), spec.name)
    return spec.function(dataset, **arguments)


def reached_days(arguments: dict) -> list[date]:
    """The dates a metric's arguments reach (a period by its first and last day)."""
    days = [arguments[k] for k in ("at", "start", "end") if k in arguments]
    if "period" in arguments:
        days += [arguments["period"].start, arguments["period"].end]
    return days


def resolve(name: str, spelling: dict[str, str] | None = None, **params) -> tuple[MetricSpec, dict]:
    """Check `params` against metric `name`; the spec and its function's arguments.

    Parameters given as None count as absent. Raises ConfigError on an unknown metric,
    a missing or unknown parameter, or a value of the wrong kind or outside the sane years;
    messages name each parameter as `spelling` gives it (the CLI passes its flags).
    """
    spec = METRICS.get(name)
    if spec is None:
        raise ConfigError(f"unknown metric {name!r}; known metrics: {', '.join(METRICS)}")
    spelling = spelling or {}

    def say(param: str) -> str:
        return spelling.get(param, param)

    given = {key: value for key, value in params.items() if value is not None}
    unknown = sorted(set(given) - spec.accepts())
    signature = spec.signature(spelling)
    if unknown:
        listed = ", ".join(say(p) for p in unknown)
        raise ConfigError(f"{name} does not take {listed}; its parameters: {signature}")
    arguments: dict[str, object] = {}
    for param in spec.params:
        if param == PERIOD:
            arguments["period"] = _period(name, given, say)
        elif param not in given:
            raise ConfigError(f"{name} needs {say(param)}; its parameters: {signature}")
        else:
            arguments[param] = _convert(param, given[param], say(param))
    for param, default in spec.optional.items():
        arguments[param] = _convert(param, given.get(param, default), say(param))
    if "start" in arguments and arguments["start"] > arguments["end"]:
        raise ConfigError(
            f"{name}: {say('start')} {arguments['start']} is after {say('end')} {arguments['end']}"
        )
    for key in ("group", "within"):
        if key in arguments:
            find_group(arguments[key], arguments.get("groups"))
    return spec, arguments


def _period(name: str, given: dict, say: Callable[[str], str]) -> Period:
    start, end, year = say("start"), say("end"), say("year")
    has_dates = "start" in given or "end" in given
    if "year" in given and has_dates:
        raise ConfigError(f"{name}: give either {start} and {end}, or {year}, not both")
    if "year" in given:
        return Period.collection_year(_convert("year", given["year"], year))
    if "start" in given and "end" in given:
        period = Period(
            _convert("start", given["start"], start), _convert("end", given["end"], end)
        )
        if period.start > period.end:
            raise ConfigError(f"{name}: {start} {period.start} is after {end} {period.end}")
        return period
    raise ConfigError(f"{name} needs a period: {start} and {end} (inclusive dates), or {year}")


def _convert(param: str, value: object, what: str) -> object:
    if param in ("at", "start", "end"):
        return check_date(to_date(value, what), what)
    if param == "year":
        return check_year(_whole_number(what, value), what)
    if param == "max_age_days":
        return _whole_number(what, value)
    if param in ("group", "within"):
        return str(value)
    if param == "groups":
        return None if value is None else Path(value)
    raise AssertionError(f"no converter for parameter {param!r}")


def to_date(value: object, what: str = "date") -> date:
    """A `date` from a date, datetime, Timestamp or ISO `YYYY-MM-DD` string."""
    if isinstance(value, datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return datetime.strptime(value.strip(), "%Y-%m-%d").date()
        except ValueError:
            pass
    raise ConfigError(f"{what} must be a date as YYYY-MM-DD, not {value!r}")


def _whole_number(param: str, value: object) -> int:
    try:
        number = int(value) if not isinstance(value, bool | float) else None
    except (TypeError, ValueError):
        number = None
    if number is None or number < 0:
        raise ConfigError(f"{param} must be a whole number >= 0, not {value!r}")
    return number
