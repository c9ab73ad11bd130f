"""ICT 12 months of continuous full-time employment in the 3 years before the application, and current employment,
from ict.employment_periods (REVIEW-2026-12 F-16; API.md Amendments 2026-12)."""
from __future__ import annotations

import datetime as dt

from employer_portal.compliance import BLOCKER, WARNING, evaluate, find_routes

APPLIED = "2027-01-15"


def periods_check(refdata, make_hire, periods, *, applied=APPLIED, today=None, **ict):
    filing = {"permit_application_date": applied} if applied else None
    hire = make_hire("ict", filing=filing,
                     ict={"employment_periods": periods, "continuous_full_time_months": None, **ict})
    return evaluate(hire, refdata, today=today)


def test_a_current_full_time_job_of_a_year_passes(refdata, make_hire):
    """IRCC ICT instructions, Eligibility: 'continuous employment ... for at least 1 year (full-time) in the previous
    3-year period from the date of initial application'."""
    report = periods_check(refdata, make_hire, [{"start": "2026-01-16", "end": None}])  # 12 months to the day
    assert not {"ICT_EMPLOYMENT_TOO_SHORT", "ICT_NOT_CURRENTLY_EMPLOYED", "HIRE_INCOMPLETE"} & set(report.codes())


def test_a_current_full_time_job_one_day_short_of_a_year_is_blocked(refdata, make_hire):
    """IRCC ICT instructions, Eligibility: 'at least 1 year (full-time)'."""
    report = periods_check(refdata, make_hire, [{"start": "2026-01-17", "end": None}])
    finding = report.finding("ICT_EMPLOYMENT_TOO_SHORT")
    assert finding.severity == BLOCKER and finding.field == "ict.employment_periods"
    assert "11 months" in finding.message


def test_a_year_that_ended_more_than_three_years_before_the_application_does_not_count(refdata, make_hire):
    """IRCC ICT instructions: the year must fall 'in the previous 3-year period from the date of initial application'."""
    periods = [{"start": "2020-01-01", "end": "2023-06-30"}, {"start": "2026-09-01", "end": None}]
    report = periods_check(refdata, make_hire, periods)
    # Only 2024-01-15 onwards is inside the window: the old job contributes nothing.
    assert report.finding("ICT_EMPLOYMENT_TOO_SHORT").severity == BLOCKER


def test_only_the_part_of_a_long_job_inside_the_window_counts_and_is_enough(refdata, make_hire):
    """IRCC ICT instructions: 1 year full-time 'in the previous 3-year period'; a job that began long ago qualifies."""
    report = periods_check(refdata, make_hire, [{"start": "2015-05-01", "end": None}])
    assert "ICT_EMPLOYMENT_TOO_SHORT" not in report.codes()


def test_adjacent_full_time_periods_make_one_continuous_run(refdata, make_hire):
    """IRCC ICT instructions, Current and continuous employment: 'employed continuously in a similar full-time position
    for at least 1 year' - a promotion on the next day does not break the run."""
    periods = [{"start": "2026-01-01", "end": "2026-06-30"}, {"start": "2026-07-01", "end": None}]
    assert "ICT_EMPLOYMENT_TOO_SHORT" not in periods_check(refdata, make_hire, periods).codes()


def test_a_gap_between_full_time_periods_breaks_the_run(refdata, make_hire):
    """IRCC ICT instructions: the year must be continuous employment."""
    periods = [{"start": "2026-01-01", "end": "2026-05-31"}, {"start": "2026-07-01", "end": None}]
    assert periods_check(refdata, make_hire, periods).finding("ICT_EMPLOYMENT_TOO_SHORT").severity == BLOCKER


def test_part_time_periods_do_not_add_up_to_the_year(refdata, make_hire):
    """IRCC ICT instructions: 'That employment may not have been accumulated by part-time work equivalent to 1 year.'"""
    periods = [{"start": "2024-06-01", "end": "2026-08-31", "full_time": False},
               {"start": "2026-09-01", "end": None, "full_time": True}]
    assert periods_check(refdata, make_hire, periods).finding("ICT_EMPLOYMENT_TOO_SHORT").severity == BLOCKER


def test_a_worker_no_longer_employed_abroad_is_blocked(refdata, make_hire):
    """IRCC ICT instructions, Eligibility: 'be currently employed in an executive, managerial, or specialized knowledge
    capacity by an enterprise of a multinational corporation (MNC) outside of Canada'."""
    report = periods_check(refdata, make_hire, [{"start": "2023-01-01", "end": "2026-10-31"}])
    finding = report.finding("ICT_NOT_CURRENTLY_EMPLOYED")
    assert finding.severity == BLOCKER and finding.field == "ict.employment_periods"
    assert "2026-10-31" in finding.message and "currently employed" in finding.message
    assert "ICT_EMPLOYMENT_TOO_SHORT" not in report.codes()  # the year itself was there


def test_a_period_ending_on_the_application_day_is_current_employment(refdata, make_hire):
    """IRCC ICT instructions, Current and continuous employment: 'on the day they applied they were employed'."""
    report = periods_check(refdata, make_hire, [{"start": "2023-01-01", "end": APPLIED}])
    assert "ICT_NOT_CURRENTLY_EMPLOYED" not in report.codes()


def test_without_an_application_date_the_window_ends_today(refdata, make_hire):
    """API.md Amendments 2026-12: 'filing.permit_application_date ... default: today'."""
    periods = [{"start": "2026-03-01", "end": None}]
    early = periods_check(refdata, make_hire, periods, applied=None, today=dt.date(2027, 2, 27))
    later = periods_check(refdata, make_hire, periods, applied=None, today=dt.date(2027, 3, 1))
    assert "ICT_EMPLOYMENT_TOO_SHORT" in early.codes()
    assert "ICT_EMPLOYMENT_TOO_SHORT" not in later.codes()


def test_the_periods_decide_over_the_stated_month_count(refdata, make_hire):
    """API.md Amendments 2026-12: 'When given, the longest continuous full-time run ... decides ICT_EMPLOYMENT_TOO_SHORT'."""
    report = periods_check(refdata, make_hire, [{"start": "2026-09-01", "end": None}], continuous_full_time_months=30)
    assert report.finding("ICT_EMPLOYMENT_TOO_SHORT").severity == BLOCKER


def test_without_periods_the_stated_month_count_still_decides(check):
    """IRCC ICT instructions: at least 1 year of continuous full-time employment (the month count, when no dates)."""
    assert "ICT_EMPLOYMENT_TOO_SHORT" in check("ict", ict={"continuous_full_time_months": 11}).codes()
    assert "ICT_NOT_CURRENTLY_EMPLOYED" not in check("ict").codes()


def test_specialized_knowledge_experience_uses_the_months_from_the_periods(refdata, make_hire):
    """IRCC ICT instructions, C63: significant experience 'should be 2 or more years' - counted from the same periods."""
    short = periods_check(refdata, make_hire, [{"start": "2025-06-01", "end": None}], category="specialized_knowledge")
    long = periods_check(refdata, make_hire, [{"start": "2024-06-01", "end": None}], category="specialized_knowledge")
    finding = short.finding("ICT_SPECIALIZED_EXPERIENCE_SHORT")
    assert finding.severity == WARNING and finding.field == "ict.employment_periods" and "has 19" in finding.message
    assert "ICT_SPECIALIZED_EXPERIENCE_SHORT" not in long.codes()


def test_the_route_finder_passes_today_on_to_the_ict_window(refdata, make_hire):
    """API.md Amendments 2026-12: the 3-year window ends on the permit application date, default today."""
    hire = make_hire(None, ict={"employment_periods": [{"start": "2026-03-01", "end": None}],
                                "continuous_full_time_months": None})
    ict_report = next(r for r in find_routes(hire, refdata, today=dt.date(2027, 2, 27)) if r.program == "ict")
    assert "ICT_EMPLOYMENT_TOO_SHORT" in ict_report.codes()
