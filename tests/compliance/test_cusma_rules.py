"""CUSMA Professionals (T36): citizenship, Appendix 2 professions and credentials, 3 years, no self-employment.

Source: IRCC, Professionals - CUSMA [R204(a) - T36] (modified 2025-01-03). The review's CUSMA findings
(F-21 to F-26) have their own files: test_cusma_licence_only_professions.py, test_cusma_post_secondary.py,
test_cusma_scientific_technician.py, test_cusma_occupation.py, test_cusma_citizenship.py, test_cusma_field_of_study.py.
"""
from __future__ import annotations

import pytest

from employer_portal.compliance import BLOCKER, WARNING

TWO_YEAR_CANADIAN_DIPLOMA = {"kind": "post_secondary_diploma", "years_of_study": 2, "country": "CA"}


def test_cusma_worker_not_us_or_mexican_is_blocked(check):
    """CUSMA Professionals, Eligibility: 'be a citizen of the U.S. or Mexico'."""
    report = check("cusma", worker={"citizenships": ["BR", "CA"]})
    assert report.finding("CUSMA_CITIZENSHIP_INELIGIBLE").severity == BLOCKER


@pytest.mark.parametrize("citizenships", [["US"], ["MX"], ["BR", "MX"]])
def test_cusma_us_or_mexican_citizen_passes(check, citizenships):
    """CUSMA Professionals, Eligibility: 'be a citizen of the U.S. or Mexico'."""
    assert "CUSMA_CITIZENSHIP_INELIGIBLE" not in check("cusma", worker={"citizenships": citizenships}).codes()


def test_cusma_profession_not_on_appendix_2_is_blocked(check):
    """CUSMA Professionals: 'The Appendix is a complete list of 63 occupations that cannot be interpreted.'"""
    report = check("cusma", cusma={"profession": "software_developer"})
    assert report.finding("CUSMA_PROFESSION_NOT_LISTED").severity == BLOCKER
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in report.codes()


def test_cusma_listed_profession_passes(check):
    """CUSMA Professionals, Eligibility: 'be in an occupation identified in Appendix 2 of the CUSMA'."""
    assert "CUSMA_PROFESSION_NOT_LISTED" not in check("cusma", cusma={"profession": "engineer"}).codes()


def test_cusma_bachelor_meets_a_degree_requirement(check):
    """CUSMA Professionals, Appendix 2: 'Computer Systems Analyst | Baccalaureate or Licenciatura Degree; …'."""
    report = check("cusma", worker={"highest_education": "bachelor", "years_experience": 0})
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in report.codes()


def test_cusma_two_year_diploma_with_three_years_meets_computer_systems_analyst(check):
    """CUSMA Professionals, Appendix 2: 'Computer Systems Analyst | … Post-Secondary Diploma or Post-Secondary
    Certificate, and three years' experience'."""
    report = check("cusma", worker={"highest_education": "diploma", "years_experience": 3},
                   cusma={"credential": TWO_YEAR_CANADIAN_DIPLOMA})
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in report.codes()


def test_cusma_certificate_with_two_years_is_blocked_for_computer_systems_analyst(check):
    """CUSMA Professionals, Appendix 2: '… Post-Secondary Diploma or Post-Secondary Certificate, and three years' experience'."""
    report = check("cusma", worker={"highest_education": "certificate", "years_experience": 2.5})
    assert report.finding("CUSMA_EDUCATION_INSUFFICIENT").severity == BLOCKER


def test_cusma_diploma_does_not_meet_economist(check):
    """CUSMA Professionals, Appendix 2: 'Economist | Baccalaureate or Licenciatura Degree' (no diploma route)."""
    report = check("cusma", cusma={"profession": "economist"}, worker={"highest_education": "diploma", "years_experience": 10})
    assert "CUSMA_EDUCATION_INSUFFICIENT" in report.codes()


def test_cusma_engineer_licence_replaces_the_degree(check):
    """CUSMA Professionals, Appendix 2: 'Engineer | Baccalaureate or Licenciatura Degree; or state/provincial licence'."""
    unlicensed = check("cusma", cusma={"profession": "engineer", "licensed": False}, worker={"highest_education": "diploma"})
    licensed = check("cusma", cusma={"profession": "engineer", "licensed": True}, worker={"highest_education": "diploma"})
    assert "CUSMA_EDUCATION_INSUFFICIENT" in unlicensed.codes()
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in licensed.codes()


def test_cusma_management_consultant_with_five_years_needs_no_degree(check):
    """CUSMA Professionals, Appendix 2: Management Consultant '… or … five years experience as a management consultant'."""
    five = check("cusma", cusma={"profession": "management_consultant"}, worker={"highest_education": "secondary", "years_experience": 5})
    four = check("cusma", cusma={"profession": "management_consultant"}, worker={"highest_education": "secondary", "years_experience": 4})
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in five.codes()
    assert "CUSMA_EDUCATION_INSUFFICIENT" in four.codes()


def test_cusma_scientific_technician_with_two_years_of_study_supporting_an_engineer_needs_no_degree(check):
    """CUSMA Professionals, Scientific Technician/Technologist: 'A baccalaureate degree is not normally held by a
    scientific technician/technologist'; 'at least two years of training in a relevant educational program'."""
    report = check("cusma", cusma={"profession": "scientific_technician_technologist", "supported_profession": "engineer",
                                   "credential": TWO_YEAR_CANADIAN_DIPLOMA},
                   worker={"highest_education": "diploma", "years_experience": 0}, position={"noc_code": "22301"})
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in report.codes()
    assert report.eligible


def test_cusma_job_of_three_years_gets_no_duration_warning(check):
    """CUSMA Professionals, Length of stay: 'Initial work permits can be granted for durations of up to 3 years.'"""
    assert "CUSMA_DURATION_OVER_3_YEARS" not in check("cusma", position={"end_date": "2030-02-28"}).codes()


def test_cusma_job_longer_than_three_years_is_a_warning_not_a_blocker(check):
    """CUSMA Professionals, Length of stay: 'Extensions can also be issued in increments of up to 3 years with no
    limit on the number of extensions' (API.md Amendments 2026-12: warning)."""
    report = check("cusma", position={"end_date": "2032-02-28"})
    finding = report.finding("CUSMA_DURATION_OVER_3_YEARS")
    assert finding.severity == WARNING
    assert "up to 3 years at a time" in finding.message and "new offer in IRCC's Employer Portal" in finding.message
    assert report.eligible


def test_cusma_worker_controlling_the_employer_is_blocked(check):
    """CUSMA Professionals, Pre-arranged employment: 'The professionals category does not allow self-employment in Canada'."""
    report = check("cusma", cusma={"worker_controls_employer": True})
    assert report.finding("CUSMA_SELF_EMPLOYMENT").severity == BLOCKER


def test_cusma_worker_not_controlling_the_employer_passes(check):
    """CUSMA Professionals: a Canadian employer not controlled by the worker is pre-arranged employment."""
    assert "CUSMA_SELF_EMPLOYMENT" not in check("cusma").codes()
