"""Each pattern and each exclusion of the claim finder, on short hand-written snippets."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny.catalogue import figure_metrics
from scrutiny.claims import load_register
from scrutiny.claimtext.catalogue import load_catalogue
from scrutiny.claimtext.conflicts import conflicts_between
from scrutiny.claimtext.extract import extract_statements
from scrutiny.claimtext.register import register_yaml
from scrutiny.errors import ConfigError, UnusableInput


def found(tmp_path: Path, text: str, name: str = "note.txt", documents=None):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_statements([path], documents)


def values(statements) -> list[str | None]:
    return [s.claimed for s in statements]


def test_percentage_with_subject_after_of(tmp_path):
    [s] = found(tmp_path, "Last year 81% of children in care saw a dentist.\n")
    assert (s.claimed, s.comparison, s.subject) == ("81%", "=", "children in care saw a dentist")
    assert s.metric == "oc2-dental"


def test_more_than_is_a_lower_bound(tmp_path):
    [s] = found(tmp_path, "More than 85% of health assessments were on time.\n")
    assert (s.claimed, s.comparison, s.metric) == ("85%", ">", "oc2-health-assessment")


def test_count_of_people_with_date(tmp_path):
    [s] = found(tmp_path, "In March 2021 the council looked after 480 children.\n")
    assert (s.claimed, s.subject, s.period.text) == ("480", "children", "March 2021")


def test_count_in_words_and_coordinated_counts(tmp_path):
    text = "The two workers held 19 and 24 children on caseload between them.\n"
    assert values(found(tmp_path, text)) == ["two", "19", "24"]


def test_percentage_fall_with_period_and_params(tmp_path):
    text = "Children looked after fell by 12.5% from June 2020 to June 2021.\n"
    [s] = found(tmp_path, text)
    assert (s.claimed, s.comparison, s.metric) == ("12.5%", "reduction", "cla-change")
    assert s.period.text == "June 2020 to June 2021"
    assert s.params == {"start": "2020-06-30", "end": "2021-06-30"}


def test_fell_by_23_percent(tmp_path):
    [s] = found(tmp_path, "The number of children looked after fell by 23% this year.\n")
    assert (s.claimed, s.comparison, s.subject) == ("23%", "reduction", "children looked after")


def test_from_x_in_month_to_y_in_month_gives_two_dated_counts(tmp_path):
    text = "Children in care went down, from 640 in Aug 2020 to 590 in July 2021.\n"
    first, second = found(tmp_path, text)
    assert (first.claimed, first.period.text, first.params) == (
        "640",
        "August 2020",
        {"at": "2020-08-31"},
    )
    assert (second.claimed, second.period.text) == ("590", "July 2021")
    assert second.metric == "cla-on-date"
    assert first.subject == second.subject == "Children in care"


def test_rose_from_17_to_22_by_financial_year(tmp_path):
    text = "Children placed for adoption rose over 2019/20 (12) to 2021/22 (15).\n"
    first, second = found(tmp_path, text)
    assert (first.claimed, first.period.text, first.params) == ("12", "2019/20", {"year": 2020})
    assert (second.claimed, second.metric) == ("15", "placed-for-adoption")


def test_a_year_pair_that_is_no_financial_year_has_no_period(tmp_path):
    text = "Children placed for adoption rose over 2019/21 (12) to 2021/22 (15).\n"
    first, second = found(tmp_path, text)
    assert (first.claimed, first.period, second.claimed, second.period.text) == (
        "12",
        None,
        "15",
        "2021/22",
    )


def test_rose_from_plain_numbers(tmp_path):
    text = "The number of children adopted rose from 17 to 22.\n"
    assert values(found(tmp_path, text)) == ["17", "22"]


def test_relative_period_resolved_against_the_meeting_date(tmp_path):
    text = (
        "A meeting of the panel was held on 10 May 2021.\n\n"
        "Looked after numbers had reduced by 9% over the last 12 months.\n"
    )
    [s] = found(tmp_path, text)
    assert s.period.text == "the last 12 months"
    assert (s.period.start.isoformat(), s.period.end.isoformat()) == ("2020-05-10", "2021-05-10")


def test_change_without_a_number(tmp_path):
    [s] = found(tmp_path, "A marked fall in children placed with parents since spring.\n")
    assert (s.claimed, s.comparison, s.metric) == (None, "reduction", "placement-change")
    assert s.params == {"group": "placed-with-parents"}


def test_range_and_fraction(tmp_path):
    text = "Between 40-45 young people lived in external placements; a third of them were girls."
    statements = found(tmp_path, text + "\n")
    assert values(statements) == ["40-45", "a third"]
    assert statements[0].params == {"group": "external"}


def test_lettered_paragraphs_take_their_series_name(tmp_path):
    text = (
        "The panel agreed these conclusions:\na)\nThe panel thanked officers.\nb)\n"
        "The panel noted that 14% of\nchildren waited too long.\n"
        "The panel then agreed its recommendations:\na)\nThat 30 more\nfoster carers be found.\n"
    )
    first, second = found(tmp_path, text)
    assert (first.section, first.line, first.claimed) == ("conclusion b)", 5, "14%")
    assert first.sentence == "The panel noted that 14% of children waited too long."
    assert (second.section, second.line) == ("recommendation a)", 9)


def test_numbered_items_and_bullet_titles_under_headings(tmp_path):
    text = (
        "PERFORMANCE\n\n"
        "3. The service now supports 212 families.\n\n"
        "-  Fostering – The team recruited 9 carers this year.\n"
    )
    first, second = found(tmp_path, text)
    assert first.section == "PERFORMANCE, paragraph 3"
    assert second.section == "PERFORMANCE, paragraph 3, Fostering"


def test_multi_level_paragraph_numbers_are_places_not_figures(tmp_path):
    """Reports number paragraphs 1.1, 1.2 on consecutive lines: each starts a paragraph, and
    its number ("1.3 Re-referrals") is where the sentence is, never a count."""
    text = (
        "1.2 The panel heard that 54 children were adopted.\n"
        "1.3 Re-referrals within 12 months were 28.5% in 2020/21.\n"
        "2.4.1. Officers reported 31 new foster carers.\n"
    )
    first, second, third = found(tmp_path, text)
    assert (first.section, first.claimed) == ("paragraph 1.2", "54")
    assert first.sentence == "The panel heard that 54 children were adopted."
    assert (second.section, second.claimed) == ("paragraph 1.3", "28.5%")
    assert (third.section, third.claimed) == ("paragraph 2.4.1", "31")


def test_sentence_wrapped_over_a_blank_line_is_joined(tmp_path):
    text = "Officers said the service\n\nnow works with 57 families in the ward.\n"
    [s] = found(tmp_path, text)
    assert s.line == 1
    assert s.sentence == "Officers said the service now works with 57 families in the ward."


def test_markdown_input(tmp_path):
    text = "# Care numbers\n\nWe **looked after** 401 *children* at year end, see [table](t.html)."
    [s] = found(tmp_path, text + "\n", "minutes.md")
    assert (s.section, s.line, s.claimed, s.subject) == ("Care numbers", 3, "401", "children")


def test_html_input(tmp_path):
    text = (
        "<html><head><title>Report 7</title><style>p {}</style></head><body>\n"
        "<h2>Health</h2>\n<p>Overall, 92% of children in care had a\nhealth assessment.</p>\n"
        "<ul><li>Nine care leavers started university.</li></ul>\n</body></html>\n"
    )
    first, second = found(tmp_path, text, "report.html")
    assert (first.section, first.line, first.claimed) == ("Health", 3, "92%")
    assert first.sentence == "Overall, 92% of children in care had a health assessment."
    assert (second.line, second.claimed, second.subject) == (5, "nine", "care leavers")


@pytest.mark.parametrize(
    "text",
    [
        "The next meeting is on 14 December 2021 at 4.00pm in the town hall.",  # date and time
        "Families can ring 01642 729 111 for advice.",  # phone number
        "Members considered agenda items 5 and 6 together.",  # agenda item numbers
        "The grant of £250,000 will support 60 families next year.",  # money; a plan, not a fact
        "The plan for 2020-23 builds on the Children Act 1989.",  # years
        "From the age of 18 children become care leavers.",  # age in a definition
        "A member referred to page 24 of the pack.",  # page number
        "The service cost rose by 8% because of agency staff.",  # money by another name
        "A reduction in mileage was welcomed.",  # a change, but nothing about people
        "By 2025 there could be a 30% rise in children in care.",  # a forecast
        "Supporting paragraph 12 explains the 6 months timescale.",  # paragraph number, duration
        "Office staff returned on a 60:40 basis.",  # a ratio
    ],
)
def test_exclusions(tmp_path, text):
    assert found(tmp_path, text + "\n") == []


def test_per_10000_is_a_rate_not_a_count(tmp_path):
    text = "In May 2019 the town had 610 children looked after, the highest per 10,000 children.\n"
    assert values(found(tmp_path, text)) == ["610"]


def test_nationally_marks_a_separate_subject(tmp_path):
    text = "Here 5% of those assessed were high risk; nationally this figure was 9%.\n"
    local, national = found(tmp_path, text)
    assert (local.national, national.national) == (False, True)
    assert national.subject == "those assessed"


def test_conflicts_same_figure_different_dates_and_different_changes(tmp_path):
    (tmp_path / "a.txt").write_text(
        "We had 650 children looked after in May 2020.\n\n"
        "Looked after numbers fell by 10% from May 2020 to May 2021.\n"
    )
    (tmp_path / "b.txt").write_text(
        "In May 2019 there were 650 children looked after.\n\n"
        "Looked after numbers fell by 15% from June 2020 to June 2021.\n\n"
        "In June 2020 there were 640 children looked after.\n"
    )
    statements = extract_statements([tmp_path / "a.txt", tmp_path / "b.txt"])
    reasons = sorted(c.reason for c in conflicts_between(statements))
    assert reasons == ["different changes over the same period", "same figure, different dates"]


def test_no_conflict_for_consistent_figures(tmp_path):
    (tmp_path / "a.txt").write_text("Looked after numbers fell by 10% from May 2020 to May 2021.\n")
    (tmp_path / "b.txt").write_text("Looked after numbers fell 10% from May 2020 to May 2021.\n")
    assert conflicts_between(extract_statements([tmp_path / "a.txt", tmp_path / "b.txt"])) == []


def test_register_yaml_has_the_register_shape(tmp_path):
    import yaml

    statements = found(
        tmp_path,
        "Children looked after fell by 19.5% from May 2020 to May 2021.\n",
        "r.txt",
        {"FR": {"file": "r.txt", "title": "Final report"}},
    )
    candidates = yaml.safe_load(register_yaml(statements))
    [entry] = candidates["claims"]
    assert list(entry) == ["id", "document", "section", "line", "quote", "subject", "figures"]
    assert (entry["id"], entry["document"]) == ("cla-reduction-19-5", "FR")
    [figure] = entry["figures"]
    assert (figure["claimed"], figure["comparison"], figure["metric"]) == (
        "-19.5%",
        "=",
        "cla-change",
    )
    # The candidates load as a register once the documents section is added.
    candidates["documents"] = {"FR": {"file": "r.txt", "title": "Final report"}}
    register = tmp_path / "candidates.yml"
    register.write_text(yaml.safe_dump(candidates))
    [claim] = load_register(register, figure_metrics()).claims
    assert claim.figures[0].claimed_value == -19.5


def test_unknown_documents_get_an_id_from_their_file_name(tmp_path):
    [s] = found(tmp_path, "We support 12 families.\n", "panel notes_2021.txt")
    assert s.document == "PANEL-NOTES-2021"


def test_documents_mapping_from_yaml(tmp_path):
    mapping = tmp_path / "docs.yml"
    mapping.write_text("documents:\n  OV: {file: ov.txt, title: Overview, date: 2021-07-01}\n")
    [info] = load_catalogue(mapping).values()
    assert (info.id, info.file, info.date.isoformat()) == ("OV", "ov.txt", "2021-07-01")


def test_malformed_documents_mapping_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="expected"):
        load_catalogue({"OV": {"title": "Overview, but which file?"}})


def test_missing_and_binary_files_are_unusable(tmp_path):
    with pytest.raises(UnusableInput, match="no such document"):
        extract_statements([tmp_path / "absent.txt"])
    (tmp_path / "minutes.doc").write_bytes(b"\xd0\xcf\x11\xe0\x00\x01\x02")
    with pytest.raises(UnusableInput, match=r"minutes\.doc: looks binary"):
        extract_statements([tmp_path / "minutes.doc"])
