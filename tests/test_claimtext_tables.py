"""Tables read as figures: each number with its row header as subject and its column header as
period, in HTML and in PDF (issue 31)."""

from __future__ import annotations

from test_claimtext_pdf import write_pdf

from scrutiny.claimtext.extract import extract_statements

DOCUMENTS = {"T": {"file": "table.html", "title": "t", "date": "2022-06-01"}}


def facts(statements):
    return [(s.claimed, s.kind, s.subject, s.period and s.period.text) for s in statements]


def test_an_html_table_row_and_column_headers(tmp_path):
    path = tmp_path / "table.html"
    path.write_text(
        "<table><tr><th>Measure</th><th>31 March 2021</th><th>31 March 2022</th></tr>\n"
        "<tr><th>Children looked after</th><td>570</td><td>502</td></tr>\n"
        "<tr><td>Care leavers in education, employment or training</td><td>55%</td>"
        "<td>60.4%</td></tr></table>\n"
        "<p>In May 2021 the council looked after 480 children.</p>\n",
        encoding="utf-8",
    )
    found = extract_statements([path], DOCUMENTS)
    assert facts(found) == [
        ("570", "level", "Children looked after", "31 March 2021"),
        ("502", "level", "Children looked after", "31 March 2022"),
        ("55%", "share", "Care leavers in education", "31 March 2021"),
        ("60.4%", "share", "Care leavers in education", "31 March 2022"),
        ("480", "level", "children", "May 2021"),
    ]
    assert [s.line for s in found] == [2, 2, 3, 3, 4]


def test_a_pdf_table_under_a_header_of_years(tmp_path):
    pages = [[
        (72, 700, "Measure"), (300, 700, "2019/20"), (400, 700, "2020/21"),
        (72, 680, "Children looked after"), (300, 680, "618"), (400, 680, "570"),
        (72, 660, "Children who started to be looked after"), (300, 660, "296"), (400, 660, "227"),
    ]]  # fmt: skip
    found = extract_statements([write_pdf(tmp_path / "table.pdf", pages)])
    assert facts(found) == [
        ("618", "level", "Children looked after", "2019/20"),
        ("570", "level", "Children looked after", "2020/21"),
        ("296", "level", "Children who started to be looked after", "2019/20"),
        ("227", "level", "Children who started to be looked after", "2020/21"),
    ]
