"""CUSMA Professionals (T36), review F-25: the citizenship codes of Puerto Rico and the other U.S. territories.

Source: IRCC, International Mobility Program: CUSMA: "restricted to … citizens of the U.S. and Mexico including citizens
of the District of Columbia and Puerto Rico. The temporary provisions of the CUSMA does not apply to: citizens of Guam,
the Northern Mariana Islands, American Samoa and the U.S. Virgin Islands; Permanent residents of the U.S. or Mexico."
"""
from __future__ import annotations

import pytest

from employer_portal.compliance import BLOCKER, INFO


def test_a_puerto_rico_citizen_counts_as_a_us_citizen_with_a_note(check):
    """'… citizens of the U.S. and Mexico including citizens of the District of Columbia and Puerto Rico.'"""
    report = check("cusma", worker={"citizenships": ["PR"]})
    assert "CUSMA_CITIZENSHIP_INELIGIBLE" not in report.codes()
    note = report.finding("CUSMA_CITIZENSHIP_READ_AS_US")
    assert note.severity == INFO
    assert note.message.startswith("Citizenship 'PR' (Puerto Rico) is read as US citizenship")


def test_a_us_citizen_gets_no_note(check):
    """'… citizens of the U.S. and Mexico …'."""
    assert "CUSMA_CITIZENSHIP_READ_AS_US" not in check("cusma", worker={"citizenships": ["US"]}).codes()


@pytest.mark.parametrize("code,place", [("GU", "Guam"), ("MP", "the Northern Mariana Islands"),
                                        ("AS", "American Samoa"), ("VI", "the U.S. Virgin Islands")])
def test_a_citizen_of_a_us_territory_not_covered_is_blocked_with_a_specific_message(check, code, place):
    """'The temporary provisions of the CUSMA does not apply to: citizens of Guam, the Northern Mariana Islands,
    American Samoa and the U.S. Virgin Islands'."""
    finding = check("cusma", worker={"citizenships": [code]}).finding("CUSMA_CITIZENSHIP_INELIGIBLE")
    assert finding.severity == BLOCKER
    assert finding.message.startswith(f"The worker's citizenship of {place} does not qualify")
    assert ("citizens of Guam, the Northern Mariana Islands, American Samoa and the U.S. Virgin Islands are not "
            "covered by CUSMA") in finding.message


def test_a_territory_citizen_who_is_also_mexican_passes(check):
    """'… citizens of the U.S. and Mexico …': another qualifying citizenship is enough."""
    assert "CUSMA_CITIZENSHIP_INELIGIBLE" not in check("cusma", worker={"citizenships": ["GU", "MX"]}).codes()


def test_other_citizens_keep_the_general_message(check):
    """'… does not apply to: … Permanent residents of the U.S. or Mexico.'"""
    finding = check("cusma", worker={"citizenships": ["BR"]}).finding("CUSMA_CITIZENSHIP_INELIGIBLE")
    assert "permanent residence there is not enough" in finding.message


def test_the_territory_codes_are_reference_data(refdata):
    """The citizenship facts live in the "cusma" block of program_rules.json, with their source."""
    cusma = refdata.rules.cusma
    assert cusma.citizenships_counted_as == (("PR", "US", "Puerto Rico"),)
    assert [code for code, _name in cusma.citizenships_not_covered] == ["GU", "MP", "AS", "VI"]
    assert "Puerto Rico" in cusma.citizenship_source
