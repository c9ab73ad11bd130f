"""CUSMA Professionals (T36), review F-24: a TEER 0-3 occupation that fits the profession.

Source: IRCC, Professionals - CUSMA [R204(a) - T36] (modified 2025-01-03), Review of the offer of employment:
"will work in a TEER 0, 1, 2 or 3 occupation"; "NOC and Job Title: Ensure that the occupational code and title are in
the appropriate TEER for the occupation capacity"; Eligible professions: "Officers should allow for alternative job
titles in instances where the job duties are interchangeable. This can be confirmed by referring to the National
Occupational Classification (NOC)."
"""
from __future__ import annotations

import pytest

from employer_portal.compliance import BLOCKER, WARNING

CONSULTANT = {"profession": "management_consultant"}
FIVE_YEARS = {"highest_education": "secondary", "years_experience": 5}


def test_a_teer_4_retail_job_as_management_consultant_is_blocked(check):
    """'will work in a TEER 0, 1, 2 or 3 occupation' (review F-24 observed: NOC 64100 passed as consultant)."""
    report = check("cusma", cusma=CONSULTANT, worker=FIVE_YEARS, position={"noc_code": "64100"})
    finding = report.finding("CUSMA_TEER_TOO_LOW")
    assert finding.severity == BLOCKER
    assert finding.message.startswith("NOC 64100 (Retail salespersons and visual merchandisers) is a TEER 4 occupation.")


def test_a_teer_5_job_is_blocked(check):
    """'will work in a TEER 0, 1, 2 or 3 occupation'."""
    report = check("cusma", position={"noc_code": "65100"})
    assert report.finding("CUSMA_TEER_TOO_LOW").severity == BLOCKER


@pytest.mark.parametrize("noc", ["00012", "21232", "22301", "63200"])
def test_teer_0_to_3_jobs_pass_the_teer_check(check, noc):
    """'will work in a TEER 0, 1, 2 or 3 occupation'."""
    assert "CUSMA_TEER_TOO_LOW" not in check("cusma", position={"noc_code": noc}).codes()


def test_a_noc_outside_the_professions_usual_groups_is_a_warning(check):
    """'Officers should allow for alternative job titles in instances where the job duties are interchangeable. This
    can be confirmed by referring to the National Occupational Classification (NOC).'"""
    report = check("cusma", cusma=CONSULTANT, worker=FIVE_YEARS, position={"noc_code": "21232"})
    finding = report.finding("CUSMA_PROFESSION_NOC_MISMATCH")
    assert finding.severity == WARNING
    assert "usually used for Management Consultant (NOC 11200, 11201)" in finding.message
    assert "verify on the official NOC page" in finding.message
    assert report.eligible


@pytest.mark.parametrize("profession,noc", [
    ("computer_systems_analyst", "21222"), ("computer_systems_analyst", "21232"), ("engineer", "21311"),
    ("engineer", "21300"), ("graphic_designer", "52120"), ("technical_publications_writer", "51112"),
    ("mathematician", "21211"), ("management_consultant", "11201"),
])
def test_a_noc_in_the_professions_usual_groups_gets_no_warning(check, profession, noc):
    """'NOC and Job Title: Ensure that the occupational code and title are in the appropriate TEER for the occupation
    capacity.'"""
    report = check("cusma", cusma={"profession": profession, "licensed": True}, position={"noc_code": noc})
    assert "CUSMA_PROFESSION_NOC_MISMATCH" not in report.codes()


def test_a_profession_without_mapped_groups_gets_no_mismatch_warning(check):
    """The map covers only the professions the project derived groups for; the others are not guessed."""
    report = check("cusma", cusma={"profession": "teacher_seminary"}, position={"noc_code": "21232"})
    assert "CUSMA_PROFESSION_NOC_MISMATCH" not in report.codes()


def test_an_unknown_noc_gets_neither_occupation_finding(check):
    """NOC_UNKNOWN already says the code is not a NOC 2021 unit group."""
    codes = check("cusma", position={"noc_code": "99999"}).codes()
    assert "NOC_UNKNOWN" in codes
    assert "CUSMA_TEER_TOO_LOW" not in codes and "CUSMA_PROFESSION_NOC_MISMATCH" not in codes


def test_the_profession_to_noc_groups_are_data_marked_derived_verify(refdata):
    """No official mapping exists; the project's own reading carries the status the product shows."""
    mapped = [p for p in refdata.cusma_professions.values() if p.noc_prefixes]
    assert {p.noc_groups_status for p in mapped} == {"derived, verify"}
    assert refdata.cusma_profession("graphic_designer").noc_prefixes == ("52120",)
    assert refdata.cusma_profession("teacher_seminary").noc_prefixes == ()
    assert refdata.rules.cusma.max_teer == 3
