"""DfE published statistics: pinned official files, a tidy loader, and the committed extract.

Sources: the CLA release files, the ONS population, the statistical neighbour workbooks, and
LAIT's long table of every children's-social-care measure (`lait.py`; measures `lait_<code>`).

Data flow: evidence/sources.yml (manifest: path, sha256, release, URLs, licence) ->
`scrutiny data fetch` (mirror folder or URL -> .cache/published/, every file sha-checked) ->
`load_published` (tidy long frame over all releases) -> `scrutiny data extract` (the small
extract in evidence/data/published/, with provenance.json) -> `load_extract` (what notebooks call).

Tidy frame (`load_published(sources, cache)`): release, year (year ending 31 March, except
`population_0_17_mid_year`, whose year is the ONS mid-year), geographic_level, la_code (new
code; region code for regions, E92000001 for England), old_la_code, la_name, region_name,
measure (our stable name, see measures.yml), value (float; NaN when suppressed), marker
("" or the DfE marker c/z/x/low/k), source (file path in the mirror).

Notebook API, on the committed extract (no mirror needed)::

    from scrutiny.published import load_extract
    data = load_extract()                      # evidence/data/published, sha-checked
    fig = data.value("cla_at_31_march", 806, 2021)           # latest release publishing it
    fig.value, fig.marker, fig.release, fig.source           # 570.0, "", 2025, "dfe-csc-..."
    data.value("cla_at_31_march", "E06000002", 2023, release=2023).value   # 513.0 (later 509)
    data.series("adopted", "Middlesbrough")                  # year, value, marker, release, source
    data.rank("cla_rate_per_10000", 2019, release=2022)      # rank, la_code, ..., tied, out_of
    data.statistical_neighbours(806, "2021-04")              # rank, old_la_code, la_code, ...
    data.neighbour_average("cla_rate_per_10000", 806, 2021, "2021-04")   # .value, .neighbours
    data.region_of("806")                                    # "North East"

Areas are named by old code (806), new code, name, region, or "England". Ranks are among
English LAs in one release; ties share the best rank; LAs without a value come last, unranked.
"""

from scrutiny.published.extract import build_extract, differences, write_extract
from scrutiny.published.fetch import fetch
from scrutiny.published.manifest import Source, cache_dir, default_mirror, load_manifest
from scrutiny.published.query import Extract, Figure, NeighbourAverage, load_extract
from scrutiny.published.tidy import MARKERS, load_published, parse_values, tidy_source

__all__ = [
    "MARKERS",
    "Extract",
    "Figure",
    "NeighbourAverage",
    "Source",
    "build_extract",
    "cache_dir",
    "default_mirror",
    "differences",
    "fetch",
    "load_extract",
    "load_manifest",
    "load_published",
    "parse_values",
    "tidy_source",
    "write_extract",
]
