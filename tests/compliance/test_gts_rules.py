"""GTS Category A and B rules on the real 2025 figures (ESDC GTS requirements, Job Bank 2025).

GTS-REQ = ESDC, Program requirements for the Global Talent Stream (page modified 2025-11-20);
GTS-OV = ESDC, Hire a top foreign talent through the Global Talent Stream (page modified 2025-11-06).
"""
from __future__ import annotations

import datetime as dt

import pytest

from employer_portal.compliance import BLOCKER, INFO, WARNING, evaluate
from employer_portal.compliance.registry import rule_for

# --- Category A: referral partners (review F-02, F-03) ------------------------------------------

def test_gts_a_without_referral_partner_is_blocked(check):
    """GTS-REQ, Category A: the employer 'must be referred ... by one of the designated referral partners'."""
    report = check("gts_a", gts={"referral_partner": None})
    assert report.finding("GTS_A_REFERRAL_MISSING").severity == BLOCKER
    assert not report.eligible


def test_gts_a_with_referral_partner_has_no_referral_finding(check):
    """GTS-REQ, Category A: a named designated partner is a referral."""
    assert "GTS_A_REFERRAL_MISSING" not in check("gts_a").codes()


def test_gts_a_partner_matched_without_case_spacing_or_punctuation(check):
    """API.md: the partner is matched 'without regard to case, spacing or punctuation'."""
    report = check("gts_a", gts={"referral_partner": "  mars   DISCOVERY-district. "})
    assert "GTS_A_PARTNER_NOT_DESIGNATED" not in report.codes()


def test_gts_a_partner_not_designated_is_blocked(check):
    """GTS-REQ: only the designated referral partners (list as of April 2025) can refer."""
    report = check("gts_a", gts={"referral_partner": "Acme Ventures"})
    finding = report.finding("GTS_A_PARTNER_NOT_DESIGNATED")
    assert finding.severity == BLOCKER and finding.field == "gts.referral_partner"
    assert "Acme Ventures" in finding.message and "55 partners + Quebec's list" in finding.message


@pytest.mark.parametrize(("name", "province"), [
    ("Invest Nova Scotia, Canada", "NS"),                              # as ESDC prints it
    ("Canadian Economic Development for Quebec regions", "QC"),        # as ESDC prints it
    ("Canada Economic Development for Quebec Regions", "QC"),          # the agency's legal name
    ("CED", "QC"),
    ("Développement économique Canada pour les régions du Québec", "QC"),
    ("Kootenay Association for Science & Technology", "BC"),           # as ESDC prints it
    ("Kootenay Association for Science and Technology", "BC"),         # "&" typed as "and"
    ("KAST", "BC"),
    ("FedDev Ontario", "ON"),
    ("ACOA", "NB"),
])
def test_gts_a_official_printed_and_legal_partner_names_match(check, name, province):
    """GTS-REQ partner list: 'Invest Nova Scotia, Canada'; 'Canadian Economic Development for Quebec regions';
    'Kootenay Association for Science & Technology' (review F-03: official spellings must not be refused)."""
    report = check("gts_a", gts={"referral_partner": name}, position={"province": province, "economic_region": None})
    assert "GTS_A_PARTNER_NOT_DESIGNATED" not in report.codes()
    assert "GTS_A_PARTNER_QUEBEC_UNVERIFIED" not in report.codes()


@pytest.mark.parametrize("name", ["MIFI", "Quebec MIFI", "Ministère de l'Immigration, de la Francisation et de l'Intégration"])
def test_gts_a_mifi_named_as_partner_is_blocked_as_a_ministry(check, name):
    """GTS-REQ, Quebec: "Quebec's MIFI (French only) (Quebec's designated referral partners)" points to Quebec's list;
    MIFI itself is not a referral partner (review F-02)."""
    report = check("gts_a", gts={"referral_partner": name}, position={"province": "QC", "economic_region": None})
    finding = report.finding("GTS_A_PARTNER_NOT_DESIGNATED")
    assert finding.severity == BLOCKER and "not a referral partner" in finding.message and "ministry" in finding.message
    assert "GTS_A_PARTNER_QUEBEC_UNVERIFIED" not in report.codes()


@pytest.mark.parametrize("name", ["Québec International", "Montréal International"])
def test_gts_a_quebec_job_with_partner_off_the_federal_list_is_a_warning(check, name):
    """GTS-REQ, Quebec: Quebec's designated referral partners are on MIFI's list (not available offline), so a Quebec
    job's partner off the federal list is to be confirmed there, not refused (API.md Amendments 2026-12)."""
    report = check("gts_a", gts={"referral_partner": name}, position={"province": "QC", "economic_region": None})
    finding = report.finding("GTS_A_PARTNER_QUEBEC_UNVERIFIED")
    assert finding.severity == WARNING and "MIFI" in finding.message and "verify on the official page" in finding.message
    assert "GTS_A_PARTNER_NOT_DESIGNATED" not in report.codes()


def test_gts_a_quebec_partner_name_outside_quebec_is_blocked(check):
    """GTS-REQ: outside Quebec only the federal list counts."""
    report = check("gts_a", gts={"referral_partner": "Québec International"})
    assert report.finding("GTS_A_PARTNER_NOT_DESIGNATED").severity == BLOCKER
    assert "GTS_A_PARTNER_QUEBEC_UNVERIFIED" not in report.codes()


# --- Category A: wage floor (review F-01; API.md Amendments 2026-12) ----------------------------

def _a(check, amount, period="hour", hours=40, count=None, province="ON", position=None, **changes):
    # 21231 in Ontario: the Job Bank median is above both floors, so only the floor speaks here.
    return check("gts_a", category_a_positions_this_year=count,
                 position={"noc_code": "21231", "province": province, "economic_region": None,
                           "wage": {"amount": amount, "period": period}, "hours_per_week": hours, **(position or {})},
                 **changes)


def test_gts_a_published_hourly_floor_at_40_hours_meets_both_figures(check):
    """GTS-REQ, Category A: 'at least $38.46 per hour ($80,000 annual base salary)': ESDC's own pairing at 40 h."""
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _a(check, 38.46).codes()


def test_gts_a_just_below_the_hourly_floor_at_40_hours_is_blocked(check):
    """GTS-REQ, Category A: 'Employers must offer the equivalent of both the hourly wage rate and annual base salary'."""
    finding = _a(check, 38.45).finding("GTS_A_WAGE_BELOW_FLOOR")
    assert finding.severity == BLOCKER
    assert "$38.45/h is below the hourly floor of $38.46/h" in finding.message
    assert "offer at least $38.46/h at 40 h/week" in finding.message


def test_gts_a_hourly_floor_over_40_hours_meets_both_figures(check):
    """API.md Amendments 2026-12: the published hourly floor at 40 h/week or more meets both figures."""
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _a(check, 38.46, hours=45).codes()


def test_gts_a_third_position_at_72_11_at_40_hours_passes(check):
    """GTS-REQ: additional positions 'at least $72.11 per hour ($150,000 annual base salary)'."""
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _a(check, 72.11, count=2).codes()


def test_gts_a_third_position_just_below_72_11_is_blocked(check):
    """GTS-REQ: additional positions: 'There is no flexibility'."""
    finding = _a(check, 72.10, count=2).finding("GTS_A_WAGE_BELOW_FLOOR")
    assert finding.severity == BLOCKER and "$72.11/h" in finding.message and "position 3 of" in finding.message


def test_gts_a_hourly_floor_at_37_5_hours_is_blocked_for_the_annual_figure(check):
    """API.md Amendments 2026-12: below 40 h a week the annual $80,000 must still be reached ($38.46 x 37.5 x 52 = $74,997)."""
    finding = _a(check, 38.46, hours=37.5).finding("GTS_A_WAGE_BELOW_FLOOR")
    assert finding.severity == BLOCKER
    assert "$74,997 a year at 37.5 h/week is below the annual floor of $80,000" in finding.message
    assert "below the hourly floor" not in finding.message
    assert "offer at least $41.03/h at 37.5 h/week" in finding.message


def test_gts_a_wage_reaching_80000_at_37_5_hours_passes(check):
    """GTS-REQ, Category A: $41.03/h x 37.5 h x 52 = $80,008.50 meets $80,000, and $41.03/h meets $38.46/h."""
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _a(check, 41.03, hours=37.5).codes()
    assert "GTS_A_WAGE_BELOW_FLOOR" in _a(check, 41.02, hours=37.5).codes()


def test_gts_a_hourly_floor_met_but_annual_below_is_blocked(check):
    """GTS-REQ, Category A: both figures: $40/h over 35 h a week is $72,800 a year, under $80,000."""
    finding = _a(check, 40, hours=35).finding("GTS_A_WAGE_BELOW_FLOOR")
    assert finding is not None and "$72,800" in finding.message and "$80,000" in finding.message


def test_gts_a_annual_wage_of_80000_at_40_hours_passes(check):
    """GTS-REQ, Category A: '$80,000 annual base salary' at 40 h is $38.46/h."""
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _a(check, 80_000, "year").codes()


def test_gts_a_annual_wage_just_below_80000_is_blocked(check):
    """GTS-REQ, Category A: an annual base salary under $80,000 does not meet '$80,000 annual base salary'."""
    finding = _a(check, 79_999, "year").finding("GTS_A_WAGE_BELOW_FLOOR")
    assert finding.severity == BLOCKER
    assert "$79,999 a year at 40 h/week is below the annual floor of $80,000" in finding.message
    assert "below the hourly floor" not in finding.message


def test_gts_a_annual_wage_at_37_5_hours_passes_with_80000(check):
    """GTS-REQ, Category A: $80,000 over 37.5 h a week is $41.03/h: both figures met."""
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _a(check, 80_000, "year", hours=37.5).codes()


def test_gts_a_annual_floor_met_but_hourly_below_is_blocked(check):
    """GTS-REQ, Category A: $85,000 a year over 45 h a week is $36.32/h, under $38.46/h."""
    finding = _a(check, 85_000, "year", hours=45).finding("GTS_A_WAGE_BELOW_FLOOR")
    assert "$36.32/h is below the hourly floor of $38.46/h" in finding.message
    assert "offer at least $89,997 a year at 45 h/week" in finding.message


def test_gts_a_wage_rounding_to_the_floor_never_reads_below_itself(check):
    """Review F-01: the message must not say '$38.46/h ... is below the floor of $38.46/h'."""
    finding = _a(check, 79_995, "year").finding("GTS_A_WAGE_BELOW_FLOOR")
    assert "$38.4591/h is below the hourly floor of $38.46/h" in finding.message


def test_gts_a_second_position_uses_the_first_floor(check):
    """GTS-REQ: $80,000 for 'the first 2 unique and specialized positions ... per calendar year'."""
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _a(check, 100_000, "year", count=1).codes()


def test_gts_a_third_position_in_the_year_needs_the_higher_floor(check):
    """GTS-REQ: 'at least $72.11 per hour ($150,000 annual base salary)' for each additional position."""
    finding = _a(check, 100_000, "year", count=2).finding("GTS_A_WAGE_BELOW_FLOOR")
    assert finding is not None and "$72.11/h" in finding.message and "$150,000" in finding.message


def test_gts_a_third_position_at_the_higher_annual_floor_passes(check):
    """GTS-REQ: $150,000 a year at 40 h is $72.12/h: both figures met; $149,999 is not."""
    assert "GTS_A_WAGE_BELOW_FLOOR" not in _a(check, 150_000, "year", count=2).codes()
    assert "GTS_A_WAGE_BELOW_FLOOR" in _a(check, 149_999, "year", count=2).codes()


def test_gts_a_count_falls_back_to_the_payload(check):
    """API.md: gts.category_a_positions_this_year is used in a stateless check."""
    report = _a(check, 100_000, "year", gts={"category_a_positions_this_year": 3})
    assert "GTS_A_WAGE_BELOW_FLOOR" in report.codes()


def test_gts_a_count_argument_wins_over_the_payload(check):
    """API.md: for a stored hire the portal's own count is used."""
    report = _a(check, 100_000, "year", count=0, gts={"category_a_positions_this_year": 3})
    assert "GTS_A_WAGE_BELOW_FLOOR" not in report.codes()


def test_gts_a_floor_in_quebec_stays_a_blocker(check):
    """GTS-REQ, Category A: 'at least $38.46 per hour ($80,000 annual base salary)' with no Quebec exception (the
    MIFI note is on the occupations list's floors); API.md Amendments 2026-12 changes only GTS_B_WAGE_BELOW_FLOOR and
    WAGE_BELOW_PREVAILING in Quebec."""
    finding = _a(check, 38.45, province="QC").finding("GTS_A_WAGE_BELOW_FLOOR")
    assert finding.severity == BLOCKER and "MIFI" in finding.message


# --- Category A: the calendar year of the count (review F-04) ----------------------------------

def test_gts_a_count_year_is_the_year_of_the_expected_decision(check):
    """GTS-REQ: positions 'approved by the TFWP per calendar year'; GTS-OV: LMIA in 10 business days. Filed
    2026-12-10, decided around 2026-12-24: the third position of 2026 needs $72.11/h though the job starts in 2027."""
    report = _a(check, 120_000, "year", count=2, position={"start_date": "2027-02-01"},
                filing={"lmia_application_date": "2026-12-10"})
    info = report.finding("GTS_A_POSITION_OF_YEAR")
    assert info.severity == INFO and "position 3 of 2026" in info.message and "2026-12-24" in info.message
    assert "position 3 of 2026" in report.finding("GTS_A_WAGE_BELOW_FLOOR").message


def test_gts_a_count_year_rolls_over_when_the_decision_falls_in_january(check):
    """GTS-OV: 10 business days from the first business day after receipt: filed 2026-12-20 in Ontario, the decision
    is expected 2027-01-06 (Christmas, Boxing Day observed and New Year's Day are not business days)."""
    report = _a(check, 120_000, "year", count=0, filing={"lmia_application_date": "2026-12-20"})
    assert "position 1 of 2027" in report.finding("GTS_A_POSITION_OF_YEAR").message
    assert "2027-01-06" in report.finding("GTS_A_POSITION_OF_YEAR").message


def test_gts_a_count_year_without_a_filing_date_is_this_year(make_hire, refdata):
    """API.md Amendments 2026-12: the LMIA application date + 10 business days, 'today when unknown'."""
    report = evaluate(make_hire("gts_a"), refdata, category_a_positions_this_year=1, today=dt.date(2026, 12, 2))
    assert "position 2 of 2026" in report.finding("GTS_A_POSITION_OF_YEAR").message


# --- Quebec wages (review F-05) and the wage at the start of employment -------------------------

def test_gts_b_floor_severity_depends_on_quebec():
    """GTS-REQ: the list's floors in Quebec come from MIFI; API.md Amendments 2026-12: GTS_B_WAGE_BELOW_FLOOR warns there."""
    assert callable(rule_for("GTS_B_WAGE_BELOW_FLOOR").severity)
    assert rule_for("GTS_A_WAGE_BELOW_FLOOR").severity == BLOCKER


def test_gts_b_floor_in_quebec_is_a_warning_with_quebec_wage_rules(check):
    """GTS-REQ occupations table: 'If you're submitting an application from the province of Quebec, consult the MIFI
    website (French only) for wage floors'."""
    report = check("gts_b", position={"noc_code": "22222", "province": "QC", "economic_region": None,
                                      "wage": {"amount": 38, "period": "hour"}})
    assert report.finding("GTS_B_WAGE_BELOW_FLOOR").severity == WARNING
    finding = report.finding("QUEBEC_WAGE_RULES")
    assert finding.severity == WARNING and "MIFI" in finding.message and "verify on the official page" in finding.message
    assert report.eligible


def test_every_gts_job_in_quebec_gets_quebec_wage_rules(check):
    """GTS-REQ, Hiring in the province of Quebec: 'consult the wage table provided by the MIFI'."""
    for program in ("gts_a", "gts_b"):
        assert "QUEBEC_WAGE_RULES" in check(program, position={"province": "QC", "economic_region": None}).codes()


def test_no_quebec_wage_rules_outside_quebec_or_outside_gts(check):
    """GTS-REQ: the MIFI wage rules concern GTS (LMIA) jobs in Quebec only."""
    assert "QUEBEC_WAGE_RULES" not in check("gts_b").codes()
    assert "QUEBEC_WAGE_RULES" not in check("ict", position={"province": "QC", "economic_region": None}).codes()


def test_gts_wage_is_reviewed_at_the_start_of_employment(check):
    """GTS-REQ, Prevailing wage reviews: 'employers are required to reassess and apply the prevailing wage at the
    beginning of a TFW's period of employment'."""
    finding = check("gts_b").finding("WAGE_REVIEW_AT_START")
    assert finding.severity == INFO and "2027-03-01" in finding.message and "every fall" in finding.message
    assert "WAGE_REVIEW_AT_START" not in check("ict").codes() and "WAGE_REVIEW_AT_START" not in check("cusma").codes()


# --- timing (review F-12) ------------------------------------------------------------------------

def test_lmia_filed_more_than_6_months_before_start_is_warned(check):
    """GTS-OV: 'Your LMIA application can be submitted up to 6 months before the expected job start date'."""
    report = check("gts_b", filing={"lmia_application_date": "2026-08-31"})  # start 2027-03-01
    finding = report.finding("LMIA_SUBMISSION_WINDOW")
    assert finding.severity == WARNING and "2026-09-01" in finding.message
    assert report.eligible


def test_lmia_filed_6_months_before_start_is_fine(check):
    """GTS-OV: up to 6 months before the start date is allowed."""
    assert "LMIA_SUBMISSION_WINDOW" not in check("gts_b", filing={"lmia_application_date": "2026-09-01"}).codes()
    assert "LMIA_SUBMISSION_WINDOW" not in check("gts_b").codes()  # no filing date: nothing to say


def test_service_standards_and_expected_decision_are_shown(check):
    """GTS-OV: 'processing time for an LMIA is 10 business days (80% of the time) beginning the first business day
    following the day we receive the application'; work permits '10 business days, 80% of the time'."""
    finding = check("gts_b", filing={"lmia_application_date": "2026-12-10"}).finding("GTS_SERVICE_STANDARDS")
    assert finding.severity == INFO
    assert "10 business days (80% of the time)" in finding.message and "work permit" in finding.message
    assert "expect ESDC's decision around 2026-12-24" in finding.message


def test_service_standards_without_a_filing_date_give_no_decision_date(check):
    """GTS-OV: the standards hold without a filing date; the decision date needs one."""
    finding = check("gts_a").finding("GTS_SERVICE_STANDARDS")
    assert finding is not None and "expect ESDC's decision" not in finding.message


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
