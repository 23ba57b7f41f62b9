"""Questions the claim notebooks ask of the committed extract (no mirror needed).

An area may be named by old LA code (806 or "806"), new code ("E06000002"), name
("Middlesbrough"), region name or code, or "England". A figure comes from one named release;
with release=None, the latest release that publishes it, and the answer says which.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from scrutiny import catalogue
from scrutiny.errors import (
    ConfigError,
    DataError,
    NotPublished,
    Problem,
    UnknownArea,
    UnusableInput,
)
from scrutiny.hashing import file_sha256
from scrutiny.paths import project_root
from scrutiny.published.extract import AREAS, FIGURE_COLUMNS, MEASURES_DIR, NEIGHBOURS, PROVENANCE
from scrutiny.published.manifest import EXTRACT_DIR

LA_LEVEL = "Local authority"
FIGURE_TYPES = {"release": int, "year": int, "la_code": str, "value": float, "marker": str}


@dataclass(frozen=True)
class Figure:
    """One published figure and where it comes from."""

    measure: str
    la_code: str
    la_name: str
    year: int
    value: float  # NaN when suppressed / not applicable: see marker
    marker: str  # "" for a published number, else the DfE marker (c, z, x, low, k)
    release: int
    source: str  # file path in the mirror
    sha256: str


@dataclass(frozen=True)
class NeighbourAverage:
    """Mean of a measure over an LA's statistical neighbours that have a value."""

    value: float
    release: int
    edition: str
    neighbours: pd.DataFrame  # rank, old_la_code, la_code, la_name, closeness, value, marker
    missing: list[str]  # names of neighbours with no value (suppressed or absent)


class Extract:
    """The committed extract: figures by measure, areas, statistical neighbours, provenance."""

    def __init__(
        self,
        figures: pd.DataFrame | Callable[[str], pd.DataFrame],
        areas: pd.DataFrame,
        neighbours: pd.DataFrame,
        provenance: dict,
    ):
        """`figures`: every measure's rows, or a function reading one measure's rows when
        first asked (the extract holds two hundred measures; a page reads a few)."""
        self.areas = areas
        self.neighbours = neighbours
        self.provenance = provenance
        self._sources = {s["id"]: s for s in provenance["sources"]}
        # A notebook asks a hundred questions of one extract: each measure's rows, each area's
        # codes and each LA's neighbours are found once, not by scanning every figure each time.
        if callable(figures):
            self._read, self._by_measure = figures, {}
        else:
            self._read = lambda measure: figures.iloc[:0]
            self._by_measure = {m: rows for m, rows in figures.groupby("measure", sort=False)}
        self._names = dict(zip(areas["la_code"], areas["la_name"], strict=True))
        self._codes: dict[str, list[str]] = {}
        self._neighbours: dict[tuple[str, str], pd.DataFrame] = {}
        self._by_area: dict[str, dict[str, list[dict]]] = {}

    @cached_property
    def catalogue(self) -> dict[str, catalogue.Measure]:
        """The catalogue's record of each measure the extract holds."""
        return catalogue.from_provenance(self.provenance)

    def published_share(self, numerator: str, denominator: str) -> str | None:
        """The DfE's own percentage of one count in another, where it publishes one."""
        return next(
            (
                name
                for name, measure in self.catalogue.items()
                if measure.unit == "percent" and measure.parts == (numerator, denominator)
            ),
            None,
        )

    @property
    def figures(self) -> pd.DataFrame:
        """Every figure of every measure (reads them all)."""
        return pd.concat([self._rows(m, None) for m in self.measures], ignore_index=True)

    @property
    def measures(self) -> list[str]:
        return sorted(self.provenance["measures"])

    def la_codes(self, la: str | int) -> list[str]:
        """Area codes an LA/region/England name or code refers to (old codes may map to two)."""
        key = str(la).strip().lower()
        if key not in self._codes:
            self._codes[key] = self._find_codes(la, key)
        return list(self._codes[key])

    def _find_codes(self, la: str | int, key: str) -> list[str]:
        hits = self.areas[
            self.areas["la_code"].str.lower().eq(key)
            | self.areas["old_la_code"].eq(key)
            | self.areas["la_name"].str.lower().eq(key)
        ]
        if hits.empty:
            raise UnknownArea(
                f"unknown area {la!r}: give an LA code (806 or E06000002), "
                "an LA or region name, or England"
            )
        return hits["la_code"].tolist()

    def name_of(self, la_code: str) -> str:
        return self._names.get(la_code, la_code)

    def region_of(self, la: str | int) -> str:
        regions = self.areas.loc[self.areas["la_code"].isin(self.la_codes(la)), "region_name"]
        return regions.iloc[-1]

    def series(self, measure: str, la: str | int, release: int | None = None) -> pd.DataFrame:
        """year, value, marker, release, source: one row per year (latest release per year
        when release is None)."""
        by_year: dict[int, list[dict]] = {}
        for row in self._records(measure, la, release):
            by_year.setdefault(row["year"], []).append(row)
        rows = [_latest(by_year[year], la) for year in sorted(by_year)]
        sources = self._source_path(measure)
        return pd.DataFrame(
            [{**row, "source": sources[row["release"]]} for row in rows],
            columns=["year", "value", "marker", "release", "source"],
        )

    def value(self, measure: str, la: str | int, year: int, release: int | None = None) -> Figure:
        year = int(year)
        rows = [row for row in self._records(measure, la, release) if row["year"] == year]
        if not rows:
            raise NotPublished(
                f"no {measure} figure for {la!r} in {year} "
                f"(release {release or 'any'}); {self.coverage(measure)}"
            )
        row = _latest(rows, la)
        source = self._sources[self._source_id(measure, row["release"])]
        return Figure(
            measure,
            row["la_code"],
            self._names[row["la_code"]],
            year,
            row["value"],
            row["marker"],
            row["release"],
            source["path"],
            source["sha256"],
        )

    def rank(
        self, measure: str, year: int, release: int | None = None, descending: bool = True
    ) -> pd.DataFrame:
        """English LAs ordered by a measure in one release. Ties share the best rank
        ("joint 2nd" = 2, next is 4); `tied` flags them. LAs without a value (suppressed or
        not applicable) come last with rank <NA> and their marker; out_of counts ranked LAs."""
        year = int(year)
        release = release or self._latest_release(measure, year)
        rows = self._rows(measure, release)
        rows = rows[rows["year"].eq(year)].merge(self.areas, on="la_code")
        rows = rows[rows["geographic_level"].eq(LA_LEVEL)]
        rank = rows["value"].rank(method="min", ascending=not descending).astype("Int64")
        ranked = rows.assign(
            rank=rank,
            out_of=int(rows["value"].notna().sum()),
            tied=rows["value"].notna() & rows.duplicated("value", keep=False),
        )
        ranked = ranked.sort_values(["rank", "la_code"], na_position="last")
        return ranked[
            [
                "rank",
                "la_code",
                "old_la_code",
                "la_name",
                "value",
                "marker",
                "tied",
                "out_of",
                "release",
            ]
        ].reset_index(drop=True)

    def statistical_neighbours(self, la: str | int, edition: str) -> pd.DataFrame:
        """rank, old_la_code, la_code, la_name, closeness of an LA's ten DfE neighbours."""
        key = (str(la).strip().lower(), edition)
        if key not in self._neighbours:
            self._neighbours[key] = self._find_neighbours(la, edition)
        return self._neighbours[key].copy()

    def _find_neighbours(self, la: str | int, edition: str) -> pd.DataFrame:
        olds = set(self.areas.loc[self.areas["la_code"].isin(self.la_codes(la)), "old_la_code"])
        group = self.neighbours[
            self.neighbours["edition"].eq(edition) & self.neighbours["old_la_code"].isin(olds)
        ]
        if group.empty:
            editions = sorted(self.neighbours["edition"].unique())
            raise ConfigError(
                f"no statistical neighbours for {la!r} in edition {edition!r} "
                f"(editions: {editions})"
            )
        latest_area = self.areas.sort_values("last_year").drop_duplicates(
            "old_la_code", keep="last"
        )
        named = group.merge(
            latest_area,
            left_on="neighbour_old_la_code",
            right_on="old_la_code",
            suffixes=("_of", ""),
        )
        return named.sort_values("rank")[
            ["rank", "old_la_code", "la_code", "la_name", "closeness"]
        ].reset_index(drop=True)

    def neighbour_average(
        self, measure: str, la: str | int, year: int, edition: str, release: int | None = None
    ) -> NeighbourAverage:
        year = int(year)
        release = release or self._latest_release(measure, year)
        group = self.statistical_neighbours(la, edition)
        found = [
            [row for row in self._records(measure, old, release) if row["year"] == year]
            for old in group["old_la_code"]
        ]
        if any(len(rows) > 1 for rows in found):
            raise DataError(
                [
                    Problem(
                        "ambiguous",
                        f"two {measure} figures for one neighbour in {year}",
                        file=f"{MEASURES_DIR}/{measure}.csv",
                    )
                ]
            )
        figures = [rows[0] if rows else {} for rows in found]
        table = group.assign(
            la_code=[row.get("la_code") for row in figures],
            value=[row.get("value", float("nan")) for row in figures],
            marker=[row.get("marker") for row in figures],
        )
        missing = table.loc[table["value"].isna(), "la_name"].tolist()
        table = table[["rank", "old_la_code", "la_code", "la_name", "closeness", "value", "marker"]]
        return NeighbourAverage(float(table["value"].mean()), release, edition, table, missing)

    def _rows(self, measure: str, release: int | None) -> pd.DataFrame:
        if measure not in self.provenance["measures"]:
            raise ConfigError(f"unknown measure {measure!r}; the extract has {self.measures}")
        if measure not in self._by_measure:
            self._by_measure[measure] = self._read(measure)
        rows = self._by_measure[measure]
        return rows if release is None else rows[rows["release"].eq(int(release))]

    def _records(self, measure: str, la: str | int, release: int | None) -> list[dict]:
        """An area's figures for a measure as plain rows (a pandas filter per question costs
        milliseconds, and a page asks hundreds)."""
        if measure not in self._by_area:
            rows = self._rows(measure, None)
            self._by_area[measure] = {}
            for row in rows[FIGURE_COLUMNS].to_dict("records"):
                self._by_area[measure].setdefault(row["la_code"], []).append(row)
        by_area = self._by_area[measure]
        rows = [row for code in self.la_codes(la) for row in by_area.get(code, [])]
        return rows if release is None else [r for r in rows if r["release"] == int(release)]

    def _latest_release(self, measure: str, year: int) -> int:
        years = self._rows(measure, None)
        releases = years.loc[years["year"].eq(year), "release"]
        if releases.empty:
            raise ConfigError(f"no {measure} figures for {year}; {self.coverage(measure)}")
        return int(releases.max())

    def _source_id(self, measure: str, release: int) -> str:
        return self.provenance["measures"][measure]["releases"][str(release)]["source"]

    def _source_path(self, measure: str) -> dict[int, str]:
        releases = self.provenance["measures"][measure]["releases"]
        return {int(r): self._sources[entry["source"]]["path"] for r, entry in releases.items()}

    def coverage(self, measure: str) -> str:
        releases = self.provenance["measures"][measure]["releases"]
        spans = ", ".join(
            f"release {r}: {e['years'][0]}-{e['years'][1]}" for r, e in sorted(releases.items())
        )
        return f"{measure} covers {spans}"


def load_extract(path: Path | str | None = None) -> Extract:
    """The extract at `path`, else the project's evidence/data/published; every file is
    checked against provenance.json."""
    folder = Path(path) if path else project_root() / EXTRACT_DIR
    provenance_path = folder / PROVENANCE
    if not provenance_path.is_file():
        raise UnusableInput(f"{provenance_path}: no extract here; run `scrutiny data extract`")
    try:
        provenance = json.loads(provenance_path.read_text("utf-8"))
    except json.JSONDecodeError as error:
        raise UnusableInput(
            f"{provenance_path}: not valid JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg}); run `scrutiny data extract` to rewrite it"
        ) from None
    problems = [
        Problem(
            "sha256-mismatch",
            f"expected sha256 {expected}, got {actual}",
            file=str(folder / relative),
        )
        for relative, expected in provenance["files"].items()
        if (actual := _sha_or_missing(folder / relative)) != expected
    ]
    if problems:
        raise DataError(problems, source=str(folder))

    def figures(measure: str) -> pd.DataFrame:
        rows = pd.read_csv(
            folder / f"{MEASURES_DIR}/{measure}.csv",
            dtype=FIGURE_TYPES,
            keep_default_na=False,
            na_values={"value": [""]},
        )
        return rows.assign(measure=measure)[["measure", *FIGURE_COLUMNS]]

    return Extract(figures, _read_csv(folder / AREAS), _read_csv(folder / NEIGHBOURS), provenance)


def _latest(rows: list[dict], la: str | int) -> dict:
    """One year's figure: the latest release's. An old code or name that covers two area codes
    (815: North Yorkshire county, then unitary) keeps the one that is not marked `z`."""
    release = max(row["release"] for row in rows)
    latest = [row for row in rows if row["release"] == release]
    if len(latest) > 1:
        latest = [row for row in latest if row["marker"] != "z"]
    if len(latest) != 1:
        codes = sorted({row["la_code"] for row in rows})
        raise ConfigError(
            f"{la!r} matches several areas with figures ({codes}): name it by its new LA code"
        )
    return latest[0]


def _sha_or_missing(path: Path) -> str:
    return file_sha256(path) if path.is_file() else "(file missing)"


def _read_csv(path: Path) -> pd.DataFrame:
    """Codes and markers as text ('' when blank), value as float, years as int."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "value" in frame.columns:
        frame["value"] = pd.to_numeric(frame["value"].mask(frame["value"].eq(""))).astype(float)
    for column in ("release", "year", "rank"):
        if column in frame.columns:
            frame[column] = frame[column].astype(int)
    return frame
