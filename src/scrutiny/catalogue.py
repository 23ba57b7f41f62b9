"""One record per measure a claim can be tested against: every 903 metric, every DfE query a
register figure may name, and every published measure in the committed extract.

The 903 metrics register here from `metrics/registry.py`; the DfE queries are declared here
and their functions bind to them with `@implements(name)` in `checks/national.py`; published
measures are read from the extract's provenance.json (CLA release files, ONS, LAIT). A name
registered twice is refused. Every layer reads names, parameters and words from here, and the
pack learns what a register may name without importing `checks` (nor pandas).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

# How a claim's figure can test a measure: its value, its change between years, its rank
# among English LAs, and beside it the statistical-neighbour average, the region, England.
VALUE, CHANGE, RANK, NEIGHBOURS, REGION, ENGLAND = (
    "value",
    "change",
    "rank",
    "neighbour average",
    "region",
    "England",
)
PUBLISHED_TESTS = (VALUE, CHANGE, RANK, NEIGHBOURS, REGION, ENGLAND)
SOURCE_903, PUBLISHED, QUERY = "903", "published", "published query"


@dataclass(frozen=True)
class Measure:
    """A measure and how it can test a claim."""

    name: str
    source: str  # 903, published, or published query (a way to test published measures)
    source_code: str  # the source's own code (LAIT's CPP_rate; the file's item; 903 columns)
    release: str  # which return, release or file it comes from
    unit: str
    description: str  # what it counts, in words a councillor reads
    params: tuple[str, ...]  # the parameters a register figure may give
    polarity: str = ""  # "higher is better", "lower is better" or "" (neither)
    decimals: int | None = None
    years: tuple[int, int] | None = None
    tests: tuple[str, ...] = ()
    topic: str = ""
    module: str = ""  # the module whose code computes it (the pack hashes it)
    # The parameters a register figure must give: each need is a tuple of alternatives
    # (("start", "end"), ("year",)), any one of which must be given in full.
    needs: tuple[tuple[tuple[str, ...], ...], ...] = ()
    label: str = ""  # a table's heading for it, where a page lists it beside others
    parts: tuple[str, ...] = ()  # a published share or rate: its numerator and denominator

    def as_dict(self) -> dict:
        record = asdict(self)
        record["years"] = list(self.years) if self.years else None
        record["params"] = list(self.params)
        record["needs"] = [[list(option) for option in need] for need in self.needs]
        record["parts"] = list(self.parts)
        return record


class Params(frozenset):
    """The parameters a metric takes, and those it needs (`Measure.needs`)."""

    required: tuple[tuple[tuple[str, ...], ...], ...] = ()

    def __new__(cls, names, required=()):
        made = super().__new__(cls, names)
        made.required = tuple(required)
        return made


class CatalogueError(ValueError):
    """A measure registered twice, or a function bound to no declared query."""


_REGISTERED: dict[str, Measure] = {}
_FUNCTIONS: dict[str, Callable] = {}


def register(measure: Measure) -> Measure:
    """Add a 903 metric or a query; a second record of one name is refused."""
    if measure.name in _REGISTERED:
        raise CatalogueError(f"measure {measure.name!r} is registered twice")
    _REGISTERED[measure.name] = measure
    return measure


def implements(name: str) -> Callable[[Callable], Callable]:
    """Decorator binding a query's function to its declared record (one function each)."""

    def bind(function: Callable) -> Callable:
        if name not in _REGISTERED or _REGISTERED[name].source != QUERY:
            raise CatalogueError(f"{function.__name__} implements {name!r}, which is no query")
        if name in _FUNCTIONS:
            raise CatalogueError(f"query {name!r} is implemented twice")
        _FUNCTIONS[name] = function
        return function

    return bind


def query_function(name: str) -> Callable:
    return _FUNCTIONS[name]


def _query(
    name: str, params: set[str], description: str, tests: tuple[str, ...], needs: tuple = ()
) -> None:
    register(
        Measure(
            name,
            QUERY,
            "",
            "the published extract",
            "as the measure's",
            description,
            tuple(sorted(params | {"area", "release"})),
            tests=tests,
            module="scrutiny.checks.national",
            needs=needs or tuple(((key,),) for key in sorted(params)),
        )
    )


_query("dfe-value", {"measure", "year"}, "a published measure's value in a year", (VALUE,))
_query(
    "dfe-change",
    {"measure", "start_year", "end_year"},
    "% change in a published measure between two years",
    (CHANGE,),
    needs=((("measure",),), (("start_year", "end_year"),)),
)
_query("dfe-rank", {"measure", "year"}, "an LA's rank among English LAs on a measure", (RANK,))
_query(
    "dfe-rank-among",
    {"measure", "year", "peers"},
    "an LA's rank among named LAs on a measure",
    (RANK,),
)
_query(
    "dfe-share",
    {"numerator", "denominator", "year"},
    "one published count as a % of another",
    (VALUE,),
    needs=((("numerator", "denominator"),), (("year",),)),
)
_query(
    "dfe-neighbour-average",
    {"measure", "year", "edition"},
    "the average of a measure over an LA's statistical neighbours (`edition`: their groups)",
    (NEIGHBOURS,),
    needs=((("measure",),), (("year",),)),
)


def registered() -> dict[str, Measure]:
    """The 903 metrics and the queries: what a register figure's `metric` may name."""
    import scrutiny.metrics  # noqa: F401  (registers the 903 metrics)

    return dict(_REGISTERED)


def figure_metrics() -> dict[str, frozenset[str]]:
    """Each name a register figure may give as `metric`, with the parameters it takes and
    those it needs."""
    return {name: Params(m.params, m.needs) for name, m in registered().items()}


def module_file(name: str) -> str:
    """The source file of the module that computes `name` (found without importing it)."""
    from importlib.util import find_spec

    return find_spec(registered()[name].module).origin


def published(folder: Path | str | None = None) -> dict[str, Measure]:
    """Every measure in the published extract (its provenance.json), by name."""
    from scrutiny.paths import project_root
    from scrutiny.published.manifest import EXTRACT_DIR

    path = Path(folder or project_root() / EXTRACT_DIR) / "provenance.json"
    return from_provenance(json.loads(path.read_text("utf-8")))


def from_provenance(provenance: dict) -> dict[str, Measure]:
    """The published measures an extract's provenance describes, by name."""
    sources = {s["id"]: s for s in provenance["sources"]}
    return {
        name: _published(name, spec, sources)
        for name, spec in sorted(provenance["measures"].items())
    }


def _published(name: str, spec: dict, sources: dict) -> Measure:
    releases = spec["releases"]
    years = [y for entry in releases.values() for y in entry["years"]]
    files = sorted({sources[entry["source"]]["path"] for entry in releases.values()})
    unit = spec.get("unit") or _unit(name)
    tests = (
        PUBLISHED_TESTS
        if unit in ("percent", "rate per 10,000")
        else (
            VALUE,
            CHANGE,
            RANK,
            REGION,
            ENGLAND,
        )
    )
    return Measure(
        name,
        PUBLISHED,
        spec.get("source_code") or _file_code(spec),
        f"releases {', '.join(sorted(releases))}: {', '.join(files)}",
        unit,
        spec["description"],
        ("area", "year", "release"),
        spec.get("polarity", ""),
        spec.get("decimals"),
        (min(years), max(years)) if years else None,
        tests,
        spec.get("topic") or "Children Looked After (CLA release)",
        parts=tuple(spec.get("parts", ())),
    )


def _file_code(spec: dict) -> str:
    """A CLA file's figure as the file labels it: "Adopted: number"."""
    return ": ".join(part for part in [*spec.get("items", [])[:1], spec.get("column", "")] if part)


def _unit(name: str) -> str:
    if name.endswith("_pct"):
        return "percent"
    return "rate per 10,000" if name.endswith("_per_10000") else "count"


def measures(folder: Path | str | None = None) -> list[Measure]:
    """The whole catalogue: 903 metrics, queries, published measures."""
    return [*registered().values(), *published(folder).values()]


def search(records: list[Measure], text: str) -> list[Measure]:
    """Records whose name, code, description or topic hold every word of `text`."""
    wanted = _words(text)
    return [
        m
        for m in records
        if wanted <= _words(" ".join([m.name, m.source_code, m.description, m.topic]))
    ]


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower())}
