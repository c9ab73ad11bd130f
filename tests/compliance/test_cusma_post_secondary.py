"""CUSMA Professionals (T36), review F-23: a Post-Secondary Diploma or Certificate counts only after 2+ years of study.

Source: IRCC, Professionals - CUSMA [R204(a) - T36] (modified 2025-01-03), Computer Systems Analyst note:
"'Post-Secondary Diploma' means a credential issued, on completion of two or more years of post-secondary education,
by an accredited academic institution in Canada or the U.S."; "'Post-Secondary Certificate' means a certificate
issued, on completion of two or more years of post-secondary education at an academic institution, by the federal
government of Mexico or a state government in Mexico …"; Occupational qualifications: "post secondary diplomas or
certificates should have been earned in one of the three CUSMA countries".
"""
from __future__ import annotations

from employer_portal.compliance import BLOCKER

# Computer Systems Analyst (the base hire's profession): degree, or diploma/certificate and three years' experience.
THREE_YEARS_WITH_A_CERTIFICATE = {"highest_education": "certificate", "years_experience": 3, "field_of_study": "Computing"}


def _analyst(check, credential=None, **worker):
    return check("cusma", worker={**THREE_YEARS_WITH_A_CERTIFICATE, **worker}, cusma={"credential": credential})


def test_a_certificate_alone_does_not_meet_the_diploma_route(check):
    """'Post-Secondary Certificate' means a certificate issued on completion of two or more years (review F-23: any
    'certificate' passed)."""
    finding = _analyst(check).finding("CUSMA_EDUCATION_INSUFFICIENT")
    assert finding.severity == BLOCKER and finding.field == "cusma.credential"
    assert "a certificate alone does not show it: enter the credential's length and country" in finding.message


def test_a_diploma_alone_does_not_show_two_years_of_study(check):
    """'Post-Secondary Diploma' means a credential issued on completion of two or more years of post-secondary
    education."""
    finding = _analyst(check, highest_education="diploma").finding("CUSMA_EDUCATION_INSUFFICIENT")
    assert "a diploma alone does not show it: enter the credential's length and country" in finding.message


def test_a_credential_of_under_two_years_of_study_is_blocked(check):
    """'… on completion of two or more years of post-secondary education …'."""
    finding = _analyst(check, {"kind": "post_secondary_certificate", "years_of_study": 1, "country": "MX"}).finding(
        "CUSMA_EDUCATION_INSUFFICIENT")
    assert finding.severity == BLOCKER
    assert "2 or more years of post-secondary study (the credential took 1)" in finding.message


def test_a_credential_without_its_length_asks_for_it(check):
    """'… on completion of two or more years of post-secondary education …': the length must be shown."""
    finding = _analyst(check, {"kind": "post_secondary_diploma", "country": "US"}).finding("CUSMA_EDUCATION_INSUFFICIENT")
    assert "the credential's length of study (enter it" in finding.message


def test_a_credential_without_its_country_asks_for_it(check):
    """'post secondary diplomas or certificates should have been earned in one of the three CUSMA countries'."""
    finding = _analyst(check, {"kind": "post_secondary_diploma", "years_of_study": 2}).finding("CUSMA_EDUCATION_INSUFFICIENT")
    assert "the country that issued the credential (enter it" in finding.message


def test_a_diploma_from_outside_the_three_cusma_countries_is_blocked(check):
    """'post secondary diplomas or certificates should have been earned in one of the three CUSMA countries'."""
    finding = _analyst(check, {"kind": "post_secondary_diploma", "years_of_study": 3, "country": "BR"}).finding(
        "CUSMA_EDUCATION_INSUFFICIENT")
    assert finding.severity == BLOCKER
    assert "the worker's is from BR" in finding.message


def test_a_two_year_mexican_certificate_with_three_years_experience_passes(check):
    """'Post-Secondary Certificate' issued on completion of two or more years … by the federal government of Mexico or
    a state government in Mexico; 'and three years' experience'."""
    report = _analyst(check, {"kind": "post_secondary_certificate", "years_of_study": 2, "country": "MX"},
                      citizenships=["MX"])
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in report.codes()


def test_a_two_year_us_diploma_with_three_years_experience_passes(check):
    """'Post-Secondary Diploma' issued on completion of two or more years … by an accredited academic institution in
    Canada or the U.S.; 'and three years' experience'."""
    report = _analyst(check, {"kind": "post_secondary_diploma", "years_of_study": 2, "country": "US"},
                      highest_education="diploma")
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in report.codes()


def test_a_two_year_diploma_still_needs_three_years_experience(check):
    """'Post-Secondary Diploma or Post-Secondary Certificate, and three years' experience'."""
    finding = _analyst(check, {"kind": "post_secondary_diploma", "years_of_study": 2, "country": "US"},
                       highest_education="diploma", years_experience=2).finding("CUSMA_EDUCATION_INSUFFICIENT")
    assert finding.field == "worker.years_experience"
    assert "3 years' experience with the diploma or certificate (the worker has 2)" in finding.message


def test_a_degree_needs_no_credential_details(check):
    """'Baccalaureate or Licenciatura Degree; or …': the degree route does not depend on a diploma's length."""
    report = check("cusma", worker={"highest_education": "bachelor", "years_experience": 0, "field_of_study": "Computer science"})
    assert "CUSMA_EDUCATION_INSUFFICIENT" not in report.codes()


def test_the_two_years_and_the_three_countries_are_reference_data(refdata):
    """The Computer Systems Analyst note defines both terms; the project keeps them in program_rules.json."""
    cusma = refdata.rules.cusma
    assert cusma.post_secondary_min_years == 2
    assert cusma.diploma_countries == {"CA", "US"} and cusma.certificate_countries == {"MX"}
    assert "two or more years of post-secondary education" in cusma.post_secondary_source
