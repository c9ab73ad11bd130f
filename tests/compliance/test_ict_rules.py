"""ICT under R205(a): relationship, 12 months' employment, initial maximum, total caps, C63 experience."""
from __future__ import annotations

from employer_portal.compliance import BLOCKER, WARNING


def test_ict_without_qualifying_relationship_is_blocked(check):
    report = check("ict", ict={"relationship": "none"})
    finding = report.finding("ICT_RELATIONSHIP_NOT_QUALIFYING")
    assert finding.severity == BLOCKER and finding.field == "ict.relationship"


def test_ict_with_each_qualifying_relationship_passes(check):
    for relationship in ("parent", "subsidiary", "branch", "affiliate"):
        assert "ICT_RELATIONSHIP_NOT_QUALIFYING" not in check("ict", ict={"relationship": relationship}).codes()


def test_ict_under_twelve_months_is_blocked(check):
    report = check("ict", ict={"continuous_full_time_months": 11})
    finding = report.finding("ICT_EMPLOYMENT_TOO_SHORT")
    assert finding.severity == BLOCKER and finding.field == "ict.continuous_full_time_months"
    assert finding.source == "IRPR R205(a); IRCC ICT instructions (C61, C62, C63)"


def test_ict_at_twelve_months_passes(check):
    assert "ICT_EMPLOYMENT_TOO_SHORT" not in check("ict", ict={"continuous_full_time_months": 12}).codes()


def test_ict_startup_over_one_year_is_warned_not_blocked(check):
    """IRCC ICT instructions, Duration: 'C61 ... maximum of 1 year'; officers issue the permit 'subject to the maximum
    duration' of the category, so a longer job caps the permit, it does not make the worker ineligible."""
    report = check("ict", ict={"category": "startup"}, position={"start_date": "2027-03-01", "end_date": "2028-03-02"})
    finding = report.finding("ICT_DURATION_OVER_INITIAL_MAX")
    assert finding.severity == WARNING and "at most 1 year" in finding.message
    assert "no extension under C61" in finding.message and "C62 or C63" in finding.message


def test_ict_startup_of_one_year_passes(check):
    report = check("ict", ict={"category": "startup"}, position={"start_date": "2027-03-01", "end_date": "2028-02-29"})
    assert "ICT_DURATION_OVER_INITIAL_MAX" not in report.codes()


def test_ict_manager_of_three_years_passes_and_over_is_warned(check):
    """IRCC ICT instructions, Duration: 'C62 - initial maximum 3 years; 2-year renewals allowable'."""
    assert "ICT_DURATION_OVER_INITIAL_MAX" not in check("ict", position={"end_date": "2030-02-28"}).codes()
    report = check("ict", position={"end_date": "2030-03-02"})
    assert report.finding("ICT_DURATION_OVER_INITIAL_MAX").severity == WARNING


def test_ict_manager_job_of_four_years_stays_eligible_and_is_told_to_plan_a_renewal(check):
    """IRCC ICT instructions, Duration: '2-year renewals allowable'; IMP general processing: an offer 'cannot be reused'
    for an extension, so each renewal needs a new Employer Portal offer and the employer compliance fee (IRPR R303.1)."""
    report = check("ict", position={"start_date": "2027-03-01", "end_date": "2031-02-28"})
    finding = report.finding("ICT_DURATION_OVER_INITIAL_MAX")
    assert report.eligible
    assert "at most 3 years" in finding.message and "new Employer Portal offer" in finding.message
    assert "$230" in finding.message


def test_ict_executive_manager_over_seven_years_in_total_is_blocked(check):
    # 50 months before + a 3-year job = 86 months > 84.
    report = check("ict", ict={"prior_ict_months_in_canada": 50})
    finding = report.finding("ICT_TOTAL_STAY_OVER_CAP")
    assert finding.severity == BLOCKER and "7-year" in finding.message


def test_ict_executive_manager_at_seven_years_in_total_passes(check):
    assert "ICT_TOTAL_STAY_OVER_CAP" not in check("ict", ict={"prior_ict_months_in_canada": 48}).codes()


def test_ict_specialized_knowledge_over_five_years_in_total_is_blocked(check):
    report = check("ict", ict={"category": "specialized_knowledge", "prior_ict_months_in_canada": 25})
    finding = report.finding("ICT_TOTAL_STAY_OVER_CAP")
    assert finding is not None and "5-year" in finding.message


def test_ict_specialized_knowledge_at_five_years_in_total_passes(check):
    report = check("ict", ict={"category": "specialized_knowledge", "prior_ict_months_in_canada": 24})
    assert "ICT_TOTAL_STAY_OVER_CAP" not in report.codes()


def test_ict_prior_months_left_out_count_as_none(check):
    assert "ICT_TOTAL_STAY_OVER_CAP" not in check("ict", ict={"prior_ict_months_in_canada": None}).codes()


def test_ict_specialized_knowledge_under_24_months_is_warned(check):
    report = check("ict", ict={"category": "specialized_knowledge", "continuous_full_time_months": 23})
    assert report.finding("ICT_SPECIALIZED_EXPERIENCE_SHORT").severity == WARNING
    assert report.eligible


def test_ict_specialized_knowledge_at_24_months_is_not_warned(check):
    report = check("ict", ict={"category": "specialized_knowledge", "continuous_full_time_months": 24})
    assert "ICT_SPECIALIZED_EXPERIENCE_SHORT" not in report.codes()


def test_ict_manager_with_short_experience_is_not_warned_for_specialized_knowledge(check):
    report = check("ict", ict={"category": "executive_manager", "continuous_full_time_months": 13})
    assert "ICT_SPECIALIZED_EXPERIENCE_SHORT" not in report.codes()
