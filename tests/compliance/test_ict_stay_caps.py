"""ICT caps by category and over all categories, category switches and breaks abroad
(REVIEW-2026-12 F-14, F-15; API.md Amendments 2026-12)."""
from __future__ import annotations

from employer_portal.compliance import BLOCKER


def test_a_switch_to_c62_after_reaching_the_c63_cap_is_blocked_without_a_year_abroad(check):
    """IRCC ICT instructions, Duration: no time abroad is needed for a new category provided 'they have not reached the
    limit on their total period of stay for their current ICT category'; 'Once the limit has been reached they must
    complete 1 year of full-time employment in the company outside Canada'."""
    report = check("ict", ict={"category": "executive_manager", "prior_ict_months_in_canada": None,
                               "prior_stays": [{"category": "specialized_knowledge", "months": 60}],
                               "months_abroad_since_last_stay": 3},
                   position={"start_date": "2027-03-01", "end_date": "2029-02-28"})
    finding = report.finding("ICT_CATEGORY_CAP_REACHED")
    assert finding.severity == BLOCKER and finding.field == "ict.prior_stays"
    assert "12 months full time" in finding.message and "3 so far" in finding.message
    assert not report.eligible


def test_a_switch_before_the_current_categorys_cap_needs_no_time_abroad(check):
    """IRCC ICT instructions, Duration: 'There is no need for a worker to spend time employed outside of Canada before
    applying for a new work permit under a different ICT category, provided ... they have not reached the limit'."""
    report = check("ict", ict={"category": "executive_manager",
                               "prior_stays": [{"category": "specialized_knowledge", "months": 36}]},
                   position={"start_date": "2027-03-01", "end_date": "2030-02-28"})
    assert not {"ICT_CATEGORY_CAP_REACHED", "ICT_TOTAL_STAY_OVER_CAP"} & set(report.codes())


def test_time_in_another_category_counts_towards_the_new_categorys_cap(check):
    """IRCC ICT instructions: 'This limit is cumulative across ICT categories (i.e. time spent working under one category
    will carry over and count towards the limit of another)'."""
    report = check("ict", ict={"category": "specialized_knowledge",
                               "prior_stays": [{"category": "executive_manager", "months": 36}]},
                   position={"start_date": "2027-03-01", "end_date": "2030-02-28"})
    finding = report.finding("ICT_TOTAL_STAY_OVER_CAP")
    assert finding.severity == BLOCKER and finding.field == "ict.prior_stays"
    assert "at most 24 more months" in finding.message


def test_the_total_stay_finding_says_how_many_more_months_the_worker_is_eligible_for(check):
    """IRCC ICT instructions, Duration: 'C62 ... total period of stay may not exceed 7 years'."""
    finding = check("ict", ict={"prior_ict_months_in_canada": 50}).finding("ICT_TOTAL_STAY_OVER_CAP")
    assert "eligible for at most 34 more months" in finding.message and "(to 2030-01-01)" in finding.message


def test_after_twelve_months_abroad_earlier_ict_time_no_longer_counts(check):
    """IRCC ICT instructions, Breaks in Canadian service: foreign nationals 'may again receive consideration under this
    category if they have been employed with the foreign enterprise outside of Canada for at least 12 months'."""
    report = check("ict", ict={"category": "specialized_knowledge",
                               "prior_stays": [{"category": "specialized_knowledge", "months": 60}],
                               "months_abroad_since_last_stay": 12})
    assert not {"ICT_CATEGORY_CAP_REACHED", "ICT_TOTAL_STAY_OVER_CAP"} & set(report.codes())


def test_eleven_months_abroad_is_not_yet_a_break(check):
    """IRCC ICT instructions: '1 year of full-time employment in the company outside Canada' once the cap is reached."""
    report = check("ict", ict={"category": "specialized_knowledge",
                               "prior_stays": [{"category": "specialized_knowledge", "months": 60}],
                               "months_abroad_since_last_stay": 11})
    assert report.finding("ICT_CATEGORY_CAP_REACHED").severity == BLOCKER
    assert "ICT_TOTAL_STAY_OVER_CAP" not in report.codes()  # one blocker for one cause


def test_seven_years_over_all_categories_is_a_reached_cap(check):
    """IRCC ICT instructions: 'The total period of stay as an ICT is strictly limited to 7 years.'"""
    report = check("ict", ict={"category": "startup",
                               "prior_stays": [{"category": "specialized_knowledge", "months": 40},
                                               {"category": "executive_manager", "months": 44}]},
                   position={"start_date": "2027-03-01", "end_date": "2028-02-29"})
    finding = report.finding("ICT_CATEGORY_CAP_REACHED")
    assert finding.severity == BLOCKER and "84 months of ICT time in all" in finding.message


def test_the_older_prior_months_field_counts_as_uncategorised_time(check):
    """IRCC ICT instructions: the 7-year limit over all ICT categories applies to all earlier ICT time."""
    report = check("ict", ict={"prior_ict_months_in_canada": 84})
    finding = report.finding("ICT_CATEGORY_CAP_REACHED")
    assert finding.severity == BLOCKER and finding.field == "ict.prior_ict_months_in_canada"


def test_the_older_prior_months_field_is_not_added_twice_to_the_same_stays(check):
    """IRCC ICT instructions: each month in Canada counts once towards the caps."""
    report = check("ict", ict={"category": "executive_manager", "prior_ict_months_in_canada": 40,
                               "prior_stays": [{"category": "specialized_knowledge", "months": 40}]})
    # 40 months + a 3-year job = 76 <= 84 (not 80 + 36).
    assert not {"ICT_CATEGORY_CAP_REACHED", "ICT_TOTAL_STAY_OVER_CAP"} & set(report.codes())
