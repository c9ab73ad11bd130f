"""NOC_TITLE_MISMATCH: a job title that clearly belongs to other NOC 2021 unit groups than the chosen one is a warning."""
from __future__ import annotations

import pytest

from employer_portal.compliance import WARNING, rule_for


def test_a_title_of_another_unit_group_is_a_warning(check):
    """Statistics Canada, NOC 2021 V1.0: a DevOps engineer is in 21231's titles; IRCC/ESDC judge the NOC by the main duties."""
    report = check("gts_b", position={"title": "Senior DevOps engineer", "noc_code": "21232"})
    finding = report.finding("NOC_TITLE_MISMATCH")
    assert finding.severity == WARNING and finding.field == "position.noc_code"
    assert finding.message.startswith("The title 'Senior DevOps engineer' usually belongs to NOC 21231 "
                                      "(Software engineers and designers), not 21232")
    assert "check that the NOC fits the job's main duties" in finding.message


def test_a_mapping_not_confirmed_officially_says_verify_on_the_official_page(check):
    """COMMON rules: a fact not confirmed from an official page says so."""
    finding = check("gts_b", position={"title": "DevOps engineer", "noc_code": "21232"}).finding("NOC_TITLE_MISMATCH")
    assert "verify on the official page" in finding.message


def test_an_official_example_title_of_another_unit_group_is_a_warning(check):
    """Statistics Canada, NOC 2021 V1.0: 'civil engineer' is an illustrative example of 21300 Civil engineers."""
    finding = check("gts_b", position={"title": "Civil engineer", "noc_code": "21231"}).finding("NOC_TITLE_MISMATCH")
    assert "21300 (Civil engineers)" in finding.message and "verify" not in finding.message


def test_a_title_with_several_unit_groups_names_them_all(check):
    """The table lists a title's alternatives in order: the warning names each."""
    finding = check("gts_b", position={"title": "Data engineer", "noc_code": "21232"}).finding("NOC_TITLE_MISMATCH")
    assert "21223 (Database analysts and data administrators), 21231 (Software engineers and designers) or 21211" \
        in finding.message


@pytest.mark.parametrize(("title", "code"), [
    ("Software developer", "21232"),
    ("Software developer", "21231"),  # an alternative the table lists
    ("Senior software engineer", "21231"),
    ("DevOps engineer", "21231"),
    ("Machine learning engineer", "21211"),
    ("Engineering manager", "20012"),
])
def test_a_title_that_fits_the_chosen_noc_is_not_warned(check, title, code):
    """Statistics Canada, NOC 2021 V1.0: the title is one of the chosen unit group's (or a listed alternative)."""
    assert "NOC_TITLE_MISMATCH" not in check("gts_b", position={"title": title, "noc_code": code}).codes()


@pytest.mark.parametrize("title", ["Chief happiness officer", "Research scientist", "Software Engineer - Payments"])
def test_an_unknown_title_is_not_warned(check, title):
    """IRCC CUSMA instructions: 'Officers should allow for alternative job titles' - an unknown title proves nothing."""
    assert "NOC_TITLE_MISMATCH" not in check("gts_b", position={"title": title, "noc_code": "64100"}).codes()


@pytest.mark.parametrize("title", ["Product manager", "Data analyst", "QA analyst", "Scrum master"])
def test_a_title_used_across_unit_groups_is_not_warned(check, title):
    """The NOC of an ambiguous title depends on its duties: the title alone says nothing."""
    assert "NOC_TITLE_MISMATCH" not in check("gts_b", position={"title": title, "noc_code": "64100"}).codes()


def test_no_title_is_not_warned(check):
    assert "NOC_TITLE_MISMATCH" not in check("gts_b", position={"title": None, "noc_code": "64100"}).codes()


def test_an_unknown_noc_is_left_to_noc_unknown(check):
    """NOC_UNKNOWN already blocks a code that is not a unit group."""
    report = check("gts_b", position={"title": "DevOps engineer", "noc_code": "29999"})
    assert "NOC_UNKNOWN" in report.codes() and "NOC_TITLE_MISMATCH" not in report.codes()


@pytest.mark.parametrize("program", ["gts_a", "gts_b", "ict", "cusma"])
def test_every_route_checks_the_title(check, program):
    assert "NOC_TITLE_MISMATCH" in check(program, position={"title": "Web designer", "noc_code": "21232"}).codes()


def test_the_rule_names_its_official_source():
    assert "NOC 2021 Version 1.0" in rule_for("NOC_TITLE_MISMATCH").source
