"""CUSMA Professionals (T36): citizenship, Appendix 2 professions and credentials, 3 years, no self-employment."""
from __future__ import annotations

import pytest

from employer_portal.compliance import BLOCKER


def test_cusma_worker_not_us_or_mexican_is_blocked(check):
    report = check("cusma", worker={"citizenships": ["BR", "CA"]})
    assert report.finding("CUSMA_CITIZENSHIP_INELIGIBLE").severity == BLOCKER


@pytest.mark.parametrize("citizenships", [["US"], ["MX"], ["BR", "MX"]])
def test_cusma_us_or_mexican_citizen_passes(check, citizenships):
    assert "CUSMA_CITIZENSHIP_INELIGIBLE" not in check("cusma", worker={"citizenships": citizenships}).codes()


def test_cusma_profession_not_on_appendix_2_is_blocked(check):
    report = check("cusma", cusma={"profession": "software_developer"})
    assert report.finding("CUSMA_PROFESSION_NOT_LISTED").severity == BLOCKER
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in report.codes()


def test_cusma_listed_profession_passes(check):
    assert "CUSMA_PROFESSION_NOT_LISTED" not in check("cusma", cusma={"profession": "engineer"}).codes()


def test_cusma_bachelor_meets_a_degree_requirement(check):
    report = check("cusma", worker={"highest_education": "bachelor", "years_experience": 0})
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in report.codes()


def test_cusma_diploma_with_three_years_meets_computer_systems_analyst(check):
    report = check("cusma", worker={"highest_education": "diploma", "years_experience": 3})
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in report.codes()


def test_cusma_certificate_with_two_years_is_blocked_for_computer_systems_analyst(check):
    report = check("cusma", worker={"highest_education": "certificate", "years_experience": 2.5})
    assert report.finding("CUSMA_EDUCATION_INSUFFICIENT").severity == BLOCKER


def test_cusma_diploma_does_not_meet_economist(check):
    report = check("cusma", cusma={"profession": "economist"}, worker={"highest_education": "diploma", "years_experience": 10})
    assert "CUSMA_EDUCATION_INSUFFICIENT" in report.codes()


def test_cusma_engineer_licence_replaces_the_degree(check):
    unlicensed = check("cusma", cusma={"profession": "engineer", "licensed": False}, worker={"highest_education": "diploma"})
    licensed = check("cusma", cusma={"profession": "engineer", "licensed": True}, worker={"highest_education": "diploma"})
    assert "CUSMA_EDUCATION_INSUFFICIENT" in unlicensed.codes()
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in licensed.codes()


def test_cusma_management_consultant_with_five_years_needs_no_degree(check):
    five = check("cusma", cusma={"profession": "management_consultant"}, worker={"highest_education": "secondary", "years_experience": 5})
    four = check("cusma", cusma={"profession": "management_consultant"}, worker={"highest_education": "secondary", "years_experience": 4})
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in five.codes()
    assert "CUSMA_EDUCATION_INSUFFICIENT" in four.codes()


def test_cusma_scientific_technician_needs_no_degree(check):
    report = check("cusma", cusma={"profession": "scientific_technician_technologist"},
                   worker={"highest_education": "secondary", "years_experience": 0})
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in report.codes()


def test_cusma_job_of_three_years_passes_and_longer_is_blocked(check):
    assert "CUSMA_DURATION_OVER_3_YEARS" not in check("cusma", position={"end_date": "2030-02-28"}).codes()
    report = check("cusma", position={"end_date": "2030-03-02"})
    assert report.finding("CUSMA_DURATION_OVER_3_YEARS").severity == BLOCKER


def test_cusma_worker_controlling_the_employer_is_blocked(check):
    report = check("cusma", cusma={"worker_controls_employer": True})
    assert report.finding("CUSMA_SELF_EMPLOYMENT").severity == BLOCKER


def test_cusma_worker_not_controlling_the_employer_passes(check):
    assert "CUSMA_SELF_EMPLOYMENT" not in check("cusma").codes()
