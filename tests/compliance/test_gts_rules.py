"""GTS Category A and B rules on the real 2025 figures (ESDC GTS requirements, Job Bank 2025)."""
from __future__ import annotations

from employer_portal.compliance import BLOCKER, WARNING

# --- Category A: referral ---------------------------------------------------------

def test_gts_a_without_referral_partner_is_blocked(check):
    report = check("gts_a", gts={"referral_partner": None})
    assert report.finding("GTS_A_REFERRAL_MISSING").severity == BLOCKER
    assert not report.eligible


def test_gts_a_with_referral_partner_has_no_referral_finding(check):
    assert "GTS_A_REFERRAL_MISSING" not in check("gts_a").codes()


def test_gts_a_partner_matched_without_case_spacing_or_punctuation(check):
    report = check("gts_a", gts={"referral_partner": "  mars   DISCOVERY-district. "})
    assert "GTS_A_PARTNER_NOT_DESIGNATED" not in report.codes()


def test_gts_a_partner_not_designated_is_blocked(check):
    report = check("gts_a", gts={"referral_partner": "Acme Ventures"})
    finding = report.finding("GTS_A_PARTNER_NOT_DESIGNATED")
    assert finding.severity == BLOCKER and finding.field == "gts.referral_partner"
    assert "Acme Ventures" in finding.message


# --- Category A: wage floor (both $38.46/h and $80,000; $72.11/h and $150,000 from the 3rd) ----

def _a(check, amount, period="hour", hours=40, count=None, **changes):
    # 52120 in AB: the sample has no Job Bank figure, so only the floor speaks.
    return check("gts_a", category_a_positions_this_year=count,
                 position={"noc_code": "21231", "province": "ON", "economic_region": None,
                           "wage": {"amount": amount, "period": period}, "hours_per_week": hours}, **changes)


def test_gts_a_wage_at_the_floor_passes(check):
    # $80,000 a year at 40 h is $38.46/h: both figures met.
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _a(check, 80_000, "year").codes()


def test_gts_a_wage_just_below_the_hourly_floor_is_blocked(check):
    report = _a(check, 38.45)
    assert report.finding("GTS_A_WAGE_BELOW_FLOOR").severity == BLOCKER


def test_gts_a_hourly_floor_met_but_annual_below_is_blocked(check):
    # $40/h over 35 h a week is $72,800 a year, under $80,000.
    report = _a(check, 40, hours=35)
    finding = report.finding("GTS_A_WAGE_BELOW_FLOOR")
    assert finding is not None and "$72,800" in finding.message and "$80,000" in finding.message


def test_gts_a_annual_floor_met_but_hourly_below_is_blocked(check):
    # $85,000 a year over 45 h a week is $36.32/h, under $38.46/h.
    assert _a(check, 85_000, "year", hours=45).finding("GTS_A_WAGE_BELOW_FLOOR") is not None


def test_gts_a_second_position_uses_the_first_floor(check):
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _a(check, 100_000, "year", count=1).codes()


def test_gts_a_third_position_in_the_year_needs_the_higher_floor(check):
    report = _a(check, 100_000, "year", count=2)
    finding = report.finding("GTS_A_WAGE_BELOW_FLOOR")
    assert finding is not None and "$72.11/h" in finding.message and "$150,000" in finding.message


def test_gts_a_third_position_at_the_higher_floor_passes(check):
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _a(check, 150_000, "year", count=2).codes()
    assert "GTS_A_WAGE_BELOW_FLOOR" in _a(check, 72.10, count=2).codes()


def test_gts_a_count_falls_back_to_the_payload(check):
    report = _a(check, 100_000, "year", gts={"category_a_positions_this_year": 3})
    assert "GTS_A_WAGE_BELOW_FLOOR" in report.codes()


def test_gts_a_count_argument_wins_over_the_payload(check):
    report = _a(check, 100_000, "year", count=0, gts={"category_a_positions_this_year": 3})
    assert "GTS_A_WAGE_BELOW_FLOOR" not in report.codes()


# --- Category A: talent and the list ------------------------------------------------

def test_gts_a_without_advanced_degree_or_five_years_is_warned(check):
    report = check("gts_a", worker={"highest_education": "bachelor", "years_experience": 4.5})
    assert report.finding("GTS_A_TALENT_NOT_SHOWN").severity == WARNING
    assert report.eligible  # a warning does not block


def test_gts_a_five_years_of_experience_shows_talent(check):
    assert "GTS_A_TALENT_NOT_SHOWN" not in check("gts_a", worker={"highest_education": "bachelor", "years_experience": 5}).codes()


def test_gts_a_advanced_degree_shows_talent(check):
    assert "GTS_A_TALENT_NOT_SHOWN" not in check("gts_a", worker={"highest_education": "doctorate", "years_experience": 0}).codes()


def test_gts_a_occupation_on_the_list_is_processed_as_category_b(check):
    finding = check("gts_a").finding("GTS_A_OCCUPATION_ON_LIST")
    assert finding.severity == WARNING and "December 2022" in finding.message


def test_gts_a_occupation_off_the_list_has_no_list_warning(check):
    # 22221 user support technicians: not on the list.
    assert "GTS_A_OCCUPATION_ON_LIST" not in check("gts_a", position={"noc_code": "22221"}).codes()


# --- Category B -----------------------------------------------------------------------

def test_gts_b_occupation_not_listed_is_blocked(check):
    report = check("gts_b", position={"noc_code": "22221"})
    assert report.finding("GTS_B_OCCUPATION_NOT_LISTED").severity == BLOCKER


def test_gts_b_listed_occupation_passes(check):
    assert "GTS_B_OCCUPATION_NOT_LISTED" not in check("gts_b").codes()


def test_gts_b_subset_only_occupation_is_warned(check):
    for noc in ("21210", "51120", "52120"):
        finding = check("gts_b", position={"noc_code": noc}).finding("GTS_B_SUBSET_ONLY")
        assert finding is not None and finding.severity == WARNING, noc


def test_gts_b_full_occupation_has_no_subset_warning(check):
    assert "GTS_B_SUBSET_ONLY" not in check("gts_b", position={"noc_code": "21231"}).codes()


def test_gts_b_22222_below_its_41_03_floor_is_blocked_though_above_ontario_median(check):
    # Ontario median for 22222 is $37.98/h; the list's own floor is $41.03/h.
    report = check("gts_b", position={"noc_code": "22222", "economic_region": None, "wage": {"amount": 41.02, "period": "hour"}})
    assert report.finding("GTS_B_WAGE_BELOW_FLOOR").severity == BLOCKER
    assert "WAGE_BELOW_PREVAILING" not in report.codes()
    assert report.prevailing_wage.hourly == 37.98


def test_gts_b_22222_at_its_floor_passes(check):
    report = check("gts_b", position={"noc_code": "22222", "economic_region": None, "wage": {"amount": 41.03, "period": "hour"}})
    assert report.eligible and "GTS_B_WAGE_BELOW_FLOOR" not in report.codes()


def test_gts_a_listed_occupation_must_meet_the_category_b_floor(check):
    report = check("gts_a", position={"noc_code": "22222", "economic_region": None, "wage": {"amount": 40.0, "period": "hour"}})
    assert "GTS_B_WAGE_BELOW_FLOOR" in report.codes()


# --- duration -----------------------------------------------------------------------------

def test_gts_job_of_exactly_three_years_is_fine(check):
    assert "GTS_DURATION_OVER_3_YEARS" not in check("gts_b", position={"end_date": "2030-02-28"}).codes()


def test_gts_job_ending_on_the_anniversary_is_fine(check):
    assert "GTS_DURATION_OVER_3_YEARS" not in check("gts_b", position={"end_date": "2030-03-01"}).codes()


def test_gts_job_over_three_years_is_warned(check):
    report = check("gts_b", position={"end_date": "2030-03-02"})
    assert report.finding("GTS_DURATION_OVER_3_YEARS").severity == WARNING
    assert report.eligible
