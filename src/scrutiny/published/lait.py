"""The DfE Local Authority Interactive Tool (LAIT): every children's-social-care measure.

LAIT's long file (`bds_long_0.parquet`) holds one row per measure ("Short Desc"), area (old LA
number; 970 England, 980-990 regions) and year label; its data dictionary gives each measure's
topic, words, polarity and decimal places. We keep the topics in TOPICS, name each measure
`lait_<short code>` (lower case, % as pct), and put it in the tidy layout of `tidy.py`.

Years: "2021" is LAIT's own year (at or ending 31 March for a Financial Year or Annual measure,
the academic year 2020/21 for an Academic Year one, 30 September for the workforce); a
financial year "2020-21" or "2020-21 (OT)" (outturn) is the year ending 31 March 2021. LAIT
writes "-" for every figure it does not publish (suppressed, not collected or not applicable):
it is kept as the marker "-", never as a bare blank.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from scrutiny.errors import DataError, Problem, UnusableInput
from scrutiny.published.manifest import Source

TOPICS = (
    "Children Looked After",
    "Children in Need",
    "Child Protection",
    "Adoption",
    "Children's Services Workforce",
    "Children's Service Finance",
    "Youth Offending",
)
NOT_PUBLISHED = "-"
PREFIX = "lait_"
# LAIT's own numbers for England and the regions -> the codes the CLA files give them.
AREAS = {
    "970": "E92000001",
    "980": "E12000001",
    "981": "E12000002",
    "982": "E12000003",
    "983": "E12000004",
    "984": "E12000005",
    "985": "E12000006",
    "986": "E12000007",
    "987": "E13000001",
    "988": "E13000002",
    "989": "E12000008",
    "990": "E12000009",
}
POLARITY = {"High": "higher is better", "Low": "lower is better"}
COLUMNS = ["Short Desc", "Years", "Values", "LA Number"]
DICTIONARY_COLUMNS = ["Measure_short", "Topic", "Measure", "Polarity", "y_axis_name", "dps"]


def measure_name(code: str) -> str:
    """Our name for a LAIT short code: "CPP_rate" -> lait_cpp_rate, "%_of LAC Adopted" ->
    lait_pct_of_lac_adopted."""
    text = code.replace("%", "_pct_").replace("&", "_and_").lower()
    return PREFIX + "_".join(re.findall(r"[a-z0-9]+", text))


def unit_of(words: str, axis: str) -> str:
    """percent, rate per 10,000 (or 100,000), count, £ or score, from LAIT's own labels."""
    said = f"{words} {axis}".lower()
    if "100,000" in said:
        return "rate per 100,000"
    if "rate per 10,000" in said or "per 10,000" in said:
        return "rate per 10,000"
    if "%" in said or "percent" in said or "rate" in axis.lower():
        return "percent"
    if "cost" in said or "spend" in said or "finance" in said:
        return "£"
    if "score" in said:
        return "score"
    return "count"


def read_dictionary(path: Path) -> pd.DataFrame:
    """The dictionary's rows for TOPICS: one per measure, with our name and unit."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise UnusableInput(f"{path}: cannot read as a UTF-8 CSV ({error})") from error
    missing = [c for c in [*DICTIONARY_COLUMNS, "Description", "Year_Type"] if c not in raw]
    if missing:
        raise UnusableInput(f"{path}: missing column(s) {missing} for the LAIT data dictionary")
    chosen = raw[raw["Topic"].isin(TOPICS)].copy()
    chosen["measure"] = chosen["Measure_short"].map(measure_name)
    clash = chosen[chosen["measure"].duplicated(keep=False)]
    if not clash.empty:
        raise DataError(
            [
                Problem("duplicate", f"two LAIT codes read as {name}", file=str(path), value=code)
                for code, name in zip(clash["Measure_short"], clash["measure"], strict=True)
            ]
        )
    return chosen.sort_values("measure", ignore_index=True)


def measure_records(dictionary: pd.DataFrame) -> dict[str, dict]:
    """Each measure's record for provenance.json and the catalogue, in LAIT's own words."""
    return {
        row["measure"]: {
            "table": "lait",
            "source_code": row["Measure_short"],
            "topic": row["Topic"],
            "description": " ".join(row["Measure"].split()),
            "about": _first_sentence(row["Description"]),
            "unit": unit_of(row["Measure"], row["y_axis_name"]),
            "polarity": POLARITY.get(row["Polarity"], ""),
            "decimals": int(float(row["dps"])) if row["dps"] not in ("", "NA") else None,
            "year": row["Year_Type"],
        }
        for row in dictionary.to_dict("records")
    }


def tidy_lait(source: Source, path: Path, dictionary: pd.DataFrame, areas: pd.DataFrame):
    """The figures of the dictionary's measures, in tidy long form, area codes as the CLA
    files give them (an old LA number that two codes share takes its latest code)."""
    try:
        raw = pd.read_parquet(path, columns=COLUMNS)
    except (OSError, ValueError, KeyError) as error:
        raise UnusableInput(f"{path}: cannot read LAIT's long table ({error})") from error
    names = dict(zip(dictionary["Measure_short"], dictionary["measure"], strict=True))
    raw = raw[raw["Short Desc"].isin(names)].reset_index(drop=True)
    raw["row"] = raw.index + 1
    old = raw["LA Number"].astype("Int64").astype(str)
    raw = raw[~(raw["Years"].eq("0") & raw["Values"].eq(NOT_PUBLISHED))]  # an empty stray year
    old = old[raw.index]
    latest = areas.sort_values(["last_year", "first_year"]).drop_duplicates(
        "old_la_code", keep="last"
    )
    codes = old.map(dict(zip(latest["old_la_code"], latest["la_code"], strict=True))).fillna(
        old.map(AREAS)
    )
    _check_areas(raw, codes, source.path)
    years = raw["Years"].map({label: year_of(label) for label in raw["Years"].unique()})
    _check_years(raw, years, source.path)
    from scrutiny.published.tidy import parse_values  # tidy.py reads LAIT through here

    value, marker = parse_values(raw["Values"], raw["row"], source.path, "Values")
    known = areas.drop_duplicates("la_code").set_index("la_code")
    tidy = pd.DataFrame(
        {
            "release": source.release,
            "year": years.astype(int),
            "la_code": codes,
            "measure": raw["Short Desc"].map(names),
            "value": value,
            "marker": marker,
            "source": source.path,
        }
    )
    for column in ("geographic_level", "old_la_code", "la_name", "region_name"):
        tidy[column] = tidy["la_code"].map(known[column])
    return tidy.reset_index(drop=True)


def year_of(label: str) -> int | None:
    """LAIT's year label as a year: "2021" -> 2021, "2020-21" or "2020-21 (OT)" -> 2021."""
    label = label.strip()
    if re.fullmatch(r"\d{4}", label):
        return int(label)
    span = re.fullmatch(r"(\d{4})-(\d{2})( \(OT\))?", label)
    if span and (int(span[1]) + 1) % 100 == int(span[2]):
        return int(span[1]) + 1
    return None


def _check_areas(raw: pd.DataFrame, codes: pd.Series, file: str) -> None:
    unknown = raw.loc[codes.isna(), ["row", "LA Number"]].drop_duplicates("LA Number")
    if not unknown.empty:
        raise DataError(
            [
                Problem(
                    "la-code",
                    "LA number is in no CLA statistics file",
                    file=file,
                    row=int(row),
                    column="LA Number",
                    value=str(number),
                )
                for row, number in unknown.itertuples(index=False)
            ],
            source=file,
        )


def _check_years(raw: pd.DataFrame, years: pd.Series, file: str) -> None:
    bad = raw.loc[years.isna(), ["row", "Years"]].drop_duplicates("Years")
    if not bad.empty:
        raise DataError(
            [
                Problem(
                    "time-period",
                    "a year is YYYY or a financial year YYYY-YY",
                    file=file,
                    row=int(row),
                    column="Years",
                    value=label,
                )
                for row, label in bad.itertuples(index=False)
            ],
            source=file,
        )


def _first_sentence(text: str) -> str:
    """The dictionary's description, up to its first full stop, for a search to read."""
    words = " ".join(text.split())
    end = re.search(r"(?<=[a-z0-9)])\. ", words)
    return (words[: end.start() + 1] if end else words)[:300]
