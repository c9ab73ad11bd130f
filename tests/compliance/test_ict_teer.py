"""ICT capacity against the occupation's TEER (REVIEW-2026-12 F-13; API.md Amendments 2026-12)."""
from __future__ import annotations

from employer_portal.compliance import BLOCKER, WARNING

MANAGER_NOC = "20012"       # Computer and information systems managers, TEER 0
DEVELOPER_NOC = "21232"     # Software developers and programmers, TEER 1
TECHNICIAN_NOC = "22220"    # Computer network and web technicians, TEER 2
HANDLER_NOC = "75101"       # Material handlers, TEER 5


def test_c62_in_a_teer_2_occupation_is_blocked(check):
    """IRCC ICT instructions, Review of the offer of employment: 'C62 – TEER 0 for an executive or TEER 1 for a manager.'"""
    report = check("ict", ict={"category": "executive_manager"}, position={"noc_code": TECHNICIAN_NOC})
    finding = report.finding("ICT_CAPACITY_TEER_MISMATCH")
    assert finding.severity == BLOCKER and finding.field == "position.noc_code"
    assert "TEER 2" in finding.message and not report.eligible


def test_c62_in_a_management_occupation_passes_the_teer_check(check):
    """IRCC ICT instructions, Review of the offer of employment: 'C62 – TEER 0 for an executive ...'."""
    report = check("ict", ict={"category": "executive_manager"}, position={"noc_code": MANAGER_NOC})
    assert not {"ICT_CAPACITY_TEER_MISMATCH", "ICT_MANAGER_IN_PROFESSIONAL_NOC"} & set(report.codes())


def test_c62_in_a_teer_1_professional_occupation_is_warned_that_the_duties_must_be_a_managers(check):
    """IRCC ICT instructions: 'C62 – ... TEER 1 for a manager'; TEER 1 unit groups are professional ones, so the
    manager title must match the duties (Occupational capacity C62: not 'title-only managers')."""
    report = check("ict", ict={"category": "executive_manager"}, position={"noc_code": DEVELOPER_NOC})
    finding = report.finding("ICT_MANAGER_IN_PROFESSIONAL_NOC")
    assert finding.severity == WARNING and "TEER 1" in finding.message
    assert "ICT_CAPACITY_TEER_MISMATCH" not in report.codes() and report.eligible


def test_c63_in_a_teer_5_occupation_is_warned_for_closer_review(check):
    """IRCC ICT instructions: 'Applications for a position in a lower TEER category (TEER 3, 4 and 5) should
    automatically be reviewed in greater detail.'"""
    report = check("ict", ict={"category": "specialized_knowledge"}, position={"noc_code": HANDLER_NOC})
    finding = report.finding("ICT_LOW_TEER_SCRUTINY")
    assert finding.severity == WARNING and "TEER 5" in finding.message
    assert "ICT_CAPACITY_TEER_MISMATCH" not in report.codes()


def test_c63_in_a_teer_2_occupation_is_not_warned(check):
    """IRCC ICT instructions: C63 'should be employed in a high TEER category (TEER 0, 1, 2)'."""
    report = check("ict", ict={"category": "specialized_knowledge"}, position={"noc_code": TECHNICIAN_NOC})
    assert "ICT_LOW_TEER_SCRUTINY" not in report.codes()


def test_c61_outside_teer_0_to_2_is_warned(check):
    """IRCC ICT instructions: 'C61 – available to executives, managers or employees with specialized knowledge'."""
    report = check("ict", ict={"category": "startup"}, position={"noc_code": HANDLER_NOC,
                                                                 "start_date": "2027-03-01", "end_date": "2028-02-29"})
    assert report.finding("ICT_LOW_TEER_SCRUTINY").severity == WARNING


def test_c61_in_a_teer_2_occupation_is_not_warned(check):
    """IRCC ICT instructions: start-up transfers are for executives, managers or specialized-knowledge employees."""
    report = check("ict", ict={"category": "startup"}, position={"noc_code": TECHNICIAN_NOC})
    assert "ICT_LOW_TEER_SCRUTINY" not in report.codes()
