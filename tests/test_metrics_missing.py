"""missing-incidents: rows starting in the period, split M / A and per calendar month."""

from __future__ import annotations

from builders import child, episode, load_903, missing

from scrutiny.metrics import measure

HEADER = [child("1", "2008-01-01"), child("2", "2009-01-01"), child("3", "2010-01-01")]
EPISODES = [episode(c, "2019-01-01") for c in ("1", "2", "3")]
YEARS = {
    2021: {
        "header": HEADER,
        "episodes": EPISODES,
        "missing": [
            missing("1", "2020-12-31"),  # before the period
            missing("1", "2021-01-01"),
            missing("1", "2021-01-15", "A"),
            missing("2", "2021-02-10"),
            missing("2", "2021-03-31"),
        ],
    },
    # The next year's file repeats the incident of 31/03/2021: counted once.
    2022: {"missing": [missing("2", "2021-03-31"), missing("3", "2021-04-01", "A")]},
}


def test_missing_incidents_by_month_and_kind(tmp_path):
    dataset = load_903(tmp_path, YEARS)
    result = measure(dataset, "missing-incidents", start="2021-01-01", end="2021-03-31")
    assert (result.value, result.numerator, result.denominator) == (4, 4, None)
    assert result.breakdown.to_dict(orient="list") == {
        "month": ["2021-01", "2021-02", "2021-03"],
        "M": [1, 1, 1],
        "A": [1, 0, 0],
        "total": [2, 1, 1],
    }
    assert result.to_dict()["breakdown"][0] == {"month": "2021-01", "M": 1, "A": 1, "total": 2}


def test_missing_incidents_without_a_missing_table(tmp_path):
    dataset = load_903(tmp_path, {2021: {"header": HEADER, "episodes": EPISODES}})
    result = measure(dataset, "missing-incidents", year=2021)
    assert result.value == 0
    assert result.breakdown["month"].tolist()[0] == "2020-04"
    assert len(result.breakdown) == 12
    assert result.notes == ["the data has no Missing table"]
