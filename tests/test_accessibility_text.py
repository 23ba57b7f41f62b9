"""Text alternatives and table markup the pages are built with (checked in the browser too)."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from scrutiny import chart_text, charts
from scrutiny.pack import svg
from scrutiny.pack.tables import accessible_tables
from scrutiny.scorecard.chart import small_multiples


def contrast(colour: str, other: str = "#ffffff") -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(colour), luminance(other)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_white_text_on_every_verdict_and_rag_colour_is_at_least_4_5_to_1():
    for colour in [*charts.VERDICT_COLOURS.values(), *charts.RAG_COLOURS.values()]:
        assert contrast(colour) >= 4.5, colour


def test_the_index_stylesheet_uses_the_same_verdict_colours():
    from importlib.resources import files

    css = files("scrutiny").joinpath("templates", "page.css").read_text()
    for verdict, colour in charts.VERDICT_COLOURS.items():
        assert f".pack-index .{verdict.replace(' ', '-')} {{ background: {colour}; }}" in css


def test_a_line_chart_is_described_with_every_value_and_the_claim():
    frame = pd.DataFrame({"date": ["2021-03-31", "2022-03-31"], "value": [573, 494.25]})
    chart = charts.line_over_time(frame, "children looked after", "Children looked after")
    claims = pd.DataFrame({"value": [462.07], "label": ["claimed -19.5%"]})
    spec = charts.claimed_rules(chart, claims).to_dict()
    assert chart_text.title_of(spec) == "Children looked after"
    assert chart_text.describe(spec) == (
        "children looked after: 31 Mar 2021 573, 31 Mar 2022 494.2. "
        "claimed -19.5% (marked at 462.1)."
    )


def test_the_scorecard_panels_are_described_series_by_series():
    history = pd.DataFrame(
        {
            "title": ["Rate per 10,000"] * 2,
            "measure": ["cla_per_10000"] * 2,
            "year": [2021, 2022],
            "authority": [172.0, 150.0],
            "neighbour_average": [135.3, 134.0],
            "england": [69.0, 70.0],
            "neighbour_min": [93.0, 88.0],
            "neighbour_max": [215.0, 219.0],
        }
    )
    text = chart_text.describe(small_multiples(history, "Middlesbrough").to_dict())
    assert text == (
        "Rate per 10,000: range 2021 93 to 215, 2022 88 to 219. Middlesbrough: 2021 172, "
        "2022 150; Neighbour average: 2021 135.3, 2022 134; England: 2021 69, 2022 70."
    )


def test_the_svg_is_one_named_image_and_the_page_shows_its_description():
    frame = pd.DataFrame({"verdict": ["supported", "not supported"], "claims": [3, 5]})
    drawn = chart_text.accessible_svg(charts.verdict_summary(frame).to_dict())
    assert re.match(r'<svg [^>]*role="img" aria-labelledby="chart-\w+-title"', drawn)
    assert "<title id=" in drawn and "supported 3" not in drawn  # y is the category here
    page = svg.figure(svg.compact(drawn))
    caption = re.search(r'<figcaption class="chart-text" id="([\w-]+)">(.*)</figcaption>', page)
    assert caption and f'aria-describedby="{caption.group(1)}"' in page
    assert "<desc" not in page and "3" in caption.group(2) and "5" in caption.group(2)


def test_a_chart_the_describer_cannot_read_gets_its_title_and_no_empty_description():
    frame = pd.DataFrame({"a": [1]})
    spec = alt.Chart(frame, title="Only a title").mark_rule().encode(y="a:Q").to_dict()
    drawn = chart_text.accessible_svg(spec)
    assert ">Only a title</title>" in drawn
    assert "<desc" not in drawn and "aria-describedby" not in drawn


def test_pandas_double_header_becomes_one_scoped_row_with_a_caption():
    frame = pd.DataFrame({"figure": ["a", "b"], "measured": [1, 2]}).set_index("figure")
    html = accessible_tables(frame.to_html(), "Figures")
    assert html.count("<tr") == 3  # one header row, two body rows
    assert "<caption>Figures</caption>" in html
    assert '<th scope="col">figure</th>' in html and '<th scope="col">measured</th>' in html
    assert '<th scope="row">a</th>' in html


def test_a_table_without_an_index_name_row_keeps_its_header():
    html = accessible_tables(pd.DataFrame({"x": [1]}).to_html(index=False), None)
    assert html.count("<tr") == 2 and "<caption" not in html and 'scope="col"' in html


def test_a_missing_figure_reads_as_a_dash_not_as_pandas_writes_it():
    frame = pd.DataFrame({"England": [35, None], "Region": [1.5, float("nan")]})
    html = accessible_tables(frame.astype({"England": "Int64"}).to_html(), "Published")
    assert "&lt;NA&gt;" not in html and "NaN" not in html
    assert html.count("<td>–</td>") == 2


def test_a_yearly_series_is_labelled_at_its_own_points_and_long_titles_wrap():
    frame = pd.DataFrame(
        {"date": ["2020-03-31", "2021-03-31", "2022-03-31"], "value": [12, 12, 10]}
    )
    what = "placed with parents, percent of children looked after at 31 March"
    spec = charts.line_over_time(frame, what, f"{what}, by year to 31 March").to_dict()
    axis = spec["encoding"]["x"]["axis"]
    assert axis["values"] == [1585612800000, 1617148800000, 1648684800000]  # 31 March, UTC
    assert spec["encoding"]["y"]["title"] == [
        "placed with parents, percent of children",
        "looked after at 31 March",
    ]
    assert all(len(line) <= charts.TITLE_LINE for line in spec["title"])
    assert chart_text.title_of(spec) == f"{what}, by year to 31 March"  # read as one line
    assert chart_text.describe(spec).startswith(f"{what}: 31 Mar 2020 12, 31 Mar 2021 12")


def test_a_monthly_series_keeps_vegas_own_ticks():
    frame = pd.DataFrame({"date": ["2021-01-31", "2021-02-28", "2021-03-31"], "value": [1, 2, 3]})
    spec = charts.line_over_time(frame, "children", "Children").to_dict()
    assert "values" not in spec["encoding"]["x"]["axis"]
    assert spec["title"] == "Children"
