"""The tidy loader on tiny hand-written files: markers, BOM, 2025 renames, bad cells."""

from __future__ import annotations

import math

import pytest

from scrutiny.errors import DataError
from scrutiny.published import Source, tidy_source

HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,la_name,new_la_code,{}\n"
)
MIDDLESBROUGH = "2021,Reporting year,Local authority,E92000001,England,E12000001,North East,806,"
MIDDLESBROUGH += "Middlesbrough,E06000002,"
HARTLEPOOL = "2021,Reporting year,Local authority,E92000001,England,E12000001,North East,805,"
HARTLEPOOL += "Hartlepool,E06000001,"
ENGLAND = "2021,Reporting year,National,E92000001,England,,,,,,"
HEALTH = "Health assessments: Children looked after all ages"


def source(path: str, table: str, release: int = 2022) -> Source:
    return Source(
        id="t",
        path=path,
        sha256="",
        bytes=0,
        table=table,
        release=release,
        publisher="",
        publication="",
        publication_url="",
        retrieved_from="",
        licence="",
        licence_url="",
    )


def write(tmp_path, name, text, bom=False):
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_suppression_markers_become_missing_values_with_the_marker(tmp_path):
    cols = "cla_group,characteristic,number,percentage"
    text = HEADER.format(cols) + "".join(
        [
            MIDDLESBROUGH + f"{HEALTH},Had their teeth checked by a dentist,c,c\n",
            HARTLEPOOL + f"{HEALTH},Had their teeth checked by a dentist,low,k\n",
            ENGLAND + f"{HEALTH},Had their teeth checked by a dentist,x,z\n",
        ]
    )
    path = write(tmp_path, "health.csv", text)
    tidy = tidy_source(source("health.csv", "characteristics"), path)
    tidy = tidy.set_index(["measure", "la_code"])
    for measure, la_code, marker in [
        ("teeth_checked", "E06000002", "c"),
        ("teeth_checked_pct", "E06000002", "c"),
        ("teeth_checked", "E06000001", "low"),
        ("teeth_checked_pct", "E06000001", "k"),
        ("teeth_checked", "E92000001", "x"),
        ("teeth_checked_pct", "E92000001", "z"),
    ]:
        row = tidy.loc[(measure, la_code)]
        assert math.isnan(row["value"]), (measure, la_code)  # never a zero
        assert row["marker"] == marker


def test_byte_order_mark_does_not_hide_the_first_column(tmp_path):
    cols = "population_count,population_estimate,number,rate_per_10000"
    text = (
        HEADER.format(cols)
        + MIDDLESBROUGH
        + ("Children looked after at 31 March each year,33231,570,172\n")
    )
    path = write(tmp_path, "rates.csv", text, bom=True)
    tidy = tidy_source(source("rates.csv", "rates"), path).set_index("measure")
    assert tidy.loc["cla_at_31_march", "year"] == 2021  # time_period read despite the BOM
    assert tidy.loc["cla_at_31_march", "value"] == 570
    assert tidy.loc["cla_rate_per_10000", "value"] == 172
    assert tidy.loc["population_0_17_rate_denominator", "value"] == 33231
    assert tidy.loc["cla_at_31_march", "marker"] == ""


def test_2025_release_renamed_columns_are_read_as_before(tmp_path):
    rates = HEADER.format("population_type,population_estimate,children_count,rate_per_10000")
    rates += MIDDLESBROUGH + "Children looked after on 31 March each year,33480,502,150\n"
    health = HEADER.format("characteristic,breakdown,children_count,children_percent")
    health += MIDDLESBROUGH + f"{HEALTH},Had their annual health assessment,350,95\n"
    r = tidy_source(source("r.csv", "rates", 2025), write(tmp_path, "r.csv", rates, bom=True))
    h = tidy_source(source("h.csv", "characteristics", 2025), write(tmp_path, "h.csv", health))
    assert r.set_index("measure").loc["cla_at_31_march", "value"] == 502
    assert h.set_index("measure").loc["health_assessment", "value"] == 350
    assert h.set_index("measure").loc["health_assessment_pct", "value"] == 95
    assert set(h["release"]) == {2025}


def test_unknown_text_in_a_value_cell_names_file_row_and_column(tmp_path):
    cols = "population_count,population_estimate,number,rate_per_10000"
    text = (
        HEADER.format(cols)
        + MIDDLESBROUGH
        + ("Children looked after at 31 March each year,33231,five hundred,172\n")
    )
    path = write(tmp_path, "rates.csv", text)
    with pytest.raises(DataError) as caught:
        tidy_source(source("rates.csv", "rates"), path)
    message = str(caught.value)
    assert "rates.csv, row 2, column number" in message
    assert "value-marker" in message and "'five hundred'" in message


def test_a_time_period_that_is_not_a_year_is_an_error(tmp_path):
    cols = "population_count,population_estimate,number,rate_per_10000"
    row = MIDDLESBROUGH.replace("2021,", "2020/21,", 1)
    text = HEADER.format(cols) + row + "Children looked after at 31 March each year,1,2,3\n"
    with pytest.raises(DataError, match=r"row 2, column time_period: \[time-period\]"):
        tidy_source(source("rates.csv", "rates"), write(tmp_path, "rates.csv", text))
