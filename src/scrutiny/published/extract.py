"""Write the small extract of official figures the pack reads, and check it reproduces.

Layout of evidence/data/published/ (CSV: UTF-8, "\\n" line ends, sorted; deterministic bytes):
  measures/<measure>.csv     release, year, la_code, value, marker (one file per measure)
  areas.csv                  la_code, old_la_code, la_name, geographic_level, region_name,
                             first_year, last_year (years the code has figures)
  statistical_neighbours.csv edition, old_la_code, rank, neighbour_old_la_code, closeness
  provenance.json            the official files read (release, sha256, URLs, licence), each
                             measure's definition and the releases and years it comes from,
                             and the sha256 of every extract file above
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from scrutiny.errors import DataError, Problem
from scrutiny.hashing import file_sha256
from scrutiny.published.manifest import Source, cache_dir
from scrutiny.published.neighbours import read_neighbours
from scrutiny.published.tidy import MARKERS, areas, is_lait, load_published, measure_records

MEASURES_DIR = "measures"
AREAS = "areas.csv"
NEIGHBOURS = "statistical_neighbours.csv"
PROVENANCE = "provenance.json"
FIGURE_COLUMNS = ["release", "year", "la_code", "value", "marker"]


def build_extract(sources: list[Source], cache: Path | None = None) -> dict[str, bytes]:
    """Extract files (relative path -> bytes) from verified copies of the official files."""
    cache = cache or cache_dir()
    _verify(sources, cache)
    tidy = load_published(sources, cache)
    area_table = areas(tidy[~is_lait(tidy)])
    neighbours = _neighbours(sources, cache, area_table)
    files = {
        f"{MEASURES_DIR}/{measure}.csv": _csv(_formatted(rows[FIGURE_COLUMNS]))
        for measure, rows in tidy.groupby("measure", sort=True)
    }
    files[AREAS] = _csv(area_table)
    files[NEIGHBOURS] = _csv(neighbours)
    files[PROVENANCE] = _provenance(sources, tidy, files, measure_records(sources, cache))
    return files


def write_extract(files: dict[str, bytes], out: Path) -> None:
    """Write the files, replacing any previous extract (stale measure files included)."""
    for stale in (out / MEASURES_DIR).glob("*.csv"):
        if f"{MEASURES_DIR}/{stale.name}" not in files:
            stale.unlink()
    for relative, data in files.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(data)
        partial.replace(target)


def differences(files: dict[str, bytes], out: Path) -> list[str]:
    """Extract files that are missing, different or surplus in `out`, as relative paths."""
    on_disk = {
        path.relative_to(out).as_posix()
        for path in [*out.glob("*.csv"), *out.glob("*.json"), *(out / MEASURES_DIR).glob("*.csv")]
    }
    changed = [
        relative
        for relative, data in files.items()
        if not (out / relative).is_file() or (out / relative).read_bytes() != data
    ]
    return sorted(set(changed) | (on_disk - set(files)))


def _verify(sources: list[Source], cache: Path) -> None:
    problems = []
    for source in sources:
        path = cache / source.path
        if not path.is_file():
            problems.append(
                Problem(
                    "missing-file",
                    "not in the cache: run `scrutiny data fetch` (`--list` says where to get it)",
                    file=str(path),
                )
            )
        elif (actual := file_sha256(path)) != source.sha256:
            problems.append(
                Problem(
                    "sha256-mismatch",
                    f"expected sha256 {source.sha256}, got {actual}",
                    file=str(path),
                )
            )
    if problems:
        raise DataError(problems, source=str(cache))


def _neighbours(sources: list[Source], cache: Path, area_table: pd.DataFrame) -> pd.DataFrame:
    frames = [
        read_neighbours(cache / s.path, s.edition) for s in sources if s.table == "neighbours"
    ]
    table = pd.concat(frames).drop(columns="la_name")
    table["closeness"] = table["closeness"].str.capitalize()
    known = set(area_table["old_la_code"])
    unknown = sorted((set(table["old_la_code"]) | set(table["neighbour_old_la_code"])) - known)
    if unknown:
        raise DataError(
            [
                Problem(
                    "la-code",
                    f"old LA code {code} is in no statistics file",
                    file="statistical neighbour workbooks",
                )
                for code in unknown
            ]
        )
    return table.sort_values(["edition", "old_la_code", "rank"], ignore_index=True)


def _formatted(figures: pd.DataFrame) -> pd.DataFrame:
    """Values as the shortest text that reads back to the same float ('518', '13.8')."""
    text = figures["value"].astype(str).str.replace(r"\.0$", "", regex=True).fillna("")
    return figures.assign(value=text)


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _provenance(
    sources: list[Source], tidy: pd.DataFrame, files: dict[str, bytes], defined: dict[str, dict]
) -> bytes:
    by_path = {s.path: s for s in sources}
    coverage = tidy.groupby(["measure", "release", "source"])["year"].agg(["min", "max"])
    held = set(tidy["measure"])
    measures = {name: {**spec, "releases": {}} for name, spec in defined.items() if name in held}
    for (measure, release, path), years in coverage.iterrows():
        measures[measure]["releases"][str(release)] = {
            "source": by_path[path].id,
            "years": [int(years["min"]), int(years["max"])],
        }
    document = {
        "generated_by": "scrutiny data extract (src/scrutiny/published)",
        "manifest": "evidence/sources.yml",
        "licence": "Open Government Licence v3.0 (the official files and these figures)",
        "markers": MARKERS,
        "sources": [
            {key: value for key, value in vars(s).items() if value not in ("", None)}
            for s in sources
        ],
        "measures": measures,
        "files": {path: hashlib.sha256(data).hexdigest() for path, data in sorted(files.items())},
    }
    return (json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
