"""Global Talent Stream rules: Category A (referral, floors, talent), Category B (the occupations list), Quebec, timing.

Facts and figures from ESDC, Program requirements for the Global Talent Stream (page modified 2025-11-20) and
ESDC, Hire a top foreign talent through the Global Talent Stream (page modified 2025-11-06), held in
data/program_rules.json, data/gts_occupations_list.json and data/gts_referral_partners.json.
"""
from __future__ import annotations

import math

from employer_portal.compliance.dates import add_months
from employer_portal.compliance.facts import money_per_hour, money_per_year
from employer_portal.compliance.gts_timing import category_a_quota_year, expected_lmia_decision
from employer_portal.compliance.registry import GTS, rule
from employer_portal.compliance.report import BLOCKER, INFO, WARNING

GTS_REQ = ("ESDC, Program requirements for the Global Talent Stream, https://www.canada.ca/en/employment-social-"
           "development/services/foreign-workers/global-talent/requirements.html (page modified 2025-11-20)")
GTS_OV = ("ESDC, Hire a top foreign talent through the Global Talent Stream, https://www.canada.ca/en/employment-social-"
          "development/services/foreign-workers/global-talent.html (page modified 2025-11-06)")
SOURCE_CATEGORY_A = GTS_REQ + ", Eligibility for Category A"
SOURCE_CATEGORY_B = GTS_REQ + ", Global talent occupations list for Category B (updated December 2022)"
SOURCE_PARTNERS = GTS_REQ + ", designated referral partners (as of April 2025)"
SOURCE_QUEBEC_WAGES = (GTS_REQ + ": \"If you're submitting an application from the province of Quebec, consult the MIFI "
                       "website (French only) for wage floors\"; Hiring in the province of Quebec: \"consult the wage "
                       "table provided by the MIFI\" (MIFI pages not available offline: verify on the official page)")

# ESDC publishes $38.46/h as the equivalent of $80,000 over 2,080 h (40 h x 52), and $72.11/h of $150,000.
FULL_TIME_HOURS = 40
VERIFY = "verify on the official page"
_EDUCATION_WORDS = {"none": "no formal education", "secondary": "secondary school", "certificate": "a certificate",
                    "diploma": "a diploma", "bachelor": "a bachelor's degree", "master": "a master's degree",
                    "doctorate": "a doctorate"}


def _in_quebec(facts) -> bool:
    return facts.position.province == facts.refdata.rules.quebec_province


def _blocker_outside_quebec(facts) -> str:
    # Review F-05 / API.md Amendments 2026-12: in Quebec, floors and wages come from MIFI; ESDC's figures only warn.
    return WARNING if _in_quebec(facts) else BLOCKER


def _partner(facts) -> str | None:
    return facts.gts.referral_partner if facts.gts is not None else None


def _lmia_application_date(facts):
    return facts.payload.filing.lmia_application_date if facts.payload.filing is not None else None


def _quota_year(facts):
    # The same year the portal counts a stored hire's approvals in (hires.service.category_a_positions).
    timing = facts.refdata.rules.gts_timing
    filed = _lmia_application_date(facts) if timing is not None else None
    return category_a_quota_year(approved_on=None, lmia_application_date=filed, province=facts.position.province,
                                 business_days=timing.lmia_business_days if timing is not None else 0,
                                 today=facts.today)


# --- Category A: referral ----------------------------------------------------------------------

@rule("GTS_A_REFERRAL_MISSING", severity=BLOCKER, field="gts.referral_partner", programs=("gts_a",),
      source=SOURCE_CATEGORY_A + ": \"must be referred to the Global Talent Stream by one of the designated referral "
                                 "partners\"")
def gts_a_referral_missing(facts):
    if _partner(facts):
        return None
    return ("Category A needs a referral from a designated referral partner, with its own referral form for this worker; "
            "name the partner.")


@rule("GTS_A_PARTNER_NOT_DESIGNATED", severity=BLOCKER, field="gts.referral_partner", programs=("gts_a",),
      source=SOURCE_PARTNERS + "; Quebec: \"Quebec's MIFI (French only) (Quebec's designated referral partners)\"")
def gts_a_partner_not_designated(facts):
    partner = _partner(facts)
    if not partner or facts.refdata.is_designated_partner(partner):
        return None
    if facts.refdata.names_quebec_ministry(partner):
        # ESDC's Quebec entry points to MIFI's own list of partners; the ministry itself does not refer (review F-02).
        return (f"'{partner}' is Quebec's immigration ministry (MIFI), not a referral partner: ESDC's list only sends "
                f"Quebec employers to MIFI's list of Quebec's designated partners. Name the partner that referred the "
                f"position (one on MIFI's list, or a federal partner such as Canada Economic Development for Quebec "
                f"Regions).")
    if _in_quebec(facts):
        return None  # GTS_A_PARTNER_QUEBEC_UNVERIFIED speaks instead
    return (f"'{partner}' is not on the list of designated referral partners ({facts.refdata.partners_version}: "
            f"55 partners + Quebec's list); only a designated partner can refer a Category A position.")


@rule("GTS_A_PARTNER_QUEBEC_UNVERIFIED", severity=WARNING, field="gts.referral_partner", programs=("gts_a",),
      source=SOURCE_PARTNERS + "; Quebec: \"Quebec's MIFI (French only) (Quebec's designated referral partners)\" "
                               "(MIFI's list not available offline: verify on the official page)")
def gts_a_partner_quebec_unverified(facts):
    partner = _partner(facts)
    if (not partner or not _in_quebec(facts) or facts.refdata.is_designated_partner(partner)
            or facts.refdata.names_quebec_ministry(partner)):
        return None
    return (f"'{partner}' is not on ESDC's federal list, but Quebec employers may be referred by Quebec's own designated "
            f"partners, which MIFI lists (in French). Confirm '{partner}' on MIFI's list of Quebec partners before "
            f"filing ({VERIFY}: the list is not available here).")


# --- Category A: wage floor -------------------------------------------------------------------

def _hourly_words(hourly: float, floor_hourly: float) -> str:
    # $38.459 must not print as "$38.46/h is below $38.46/h".
    shown = money_per_hour(hourly)
    return f"${hourly:,.4f}/h" if shown == money_per_hour(floor_hourly) else shown


def _meets_category_a_floor(floor, period: str, hourly: float, annual: float, hours: float) -> tuple[bool, bool]:
    """(hourly met, annual met) under API.md Amendments 2026-12 (review F-01)."""
    meets_hourly = hourly >= floor.hourly - 1e-9
    if period == "hour" and hours >= FULL_TIME_HOURS:
        # ESDC's own pairing: the published hourly floor at 40 h/week or more is the annual floor's equivalent.
        return meets_hourly, meets_hourly
    return meets_hourly, annual >= floor.annual - 1e-6


# Category A's floors have no Quebec exception in GTS-REQ or in API.md's amendment (only the list's floors and the
# Job Bank median are MIFI's in Quebec), so this stays a blocker everywhere.
@rule("GTS_A_WAGE_BELOW_FLOOR", severity=BLOCKER, field="position.wage.amount", programs=("gts_a",),
      needs=("position.wage.amount", "position.wage.period", "position.hours_per_week"),
      source=SOURCE_CATEGORY_A + ": \"at least $38.46 per hour ($80,000 annual base salary) ... Employers must offer "
                                 "the equivalent of both the hourly wage rate and annual base salary at minimum\"; "
                                 "additional positions: \"at least $72.11 per hour ($150,000 annual base salary)\"")
def gts_a_wage_below_floor(facts):
    hourly, annual, hours = facts.hourly_wage, facts.annual_wage, facts.hours
    if hourly is None:
        return None
    floor = facts.refdata.rules.category_a_floor(facts.category_a_count)
    period = facts.payload.position.wage.period
    meets_hourly, meets_annual = _meets_category_a_floor(floor, period, hourly, annual, hours)
    if meets_hourly and meets_annual:
        return None
    short = []
    if not meets_hourly:
        short.append(f"{_hourly_words(hourly, floor.hourly)} is below the hourly floor of {money_per_hour(floor.hourly)}")
    if not meets_annual:
        short.append(f"{money_per_year(annual)} a year at {hours:g} h/week is below the annual floor of "
                     f"{money_per_year(floor.annual)}")
    if period == "hour":
        needed = floor.hourly
        if hours < FULL_TIME_HOURS:
            needed = max(needed, math.ceil(floor.annual / (hours * 52) * 100 - 1e-6) / 100)
        change = f"offer at least {money_per_hour(needed)} at {hours:g} h/week"
        if hours < FULL_TIME_HOURS:
            change += f" (below {FULL_TIME_HOURS} h/week the annual {money_per_year(floor.annual)} must still be reached)"
    else:
        needed = max(floor.annual, math.ceil(floor.hourly * hours * 52 - 1e-6))
        change = f"offer at least {money_per_year(needed)} a year at {hours:g} h/week"
    tier = ("the third and later Category A positions approved in a calendar year (no flexibility)"
            if floor.from_position > 1 else "the first two Category A positions approved in a calendar year")
    year = _quota_year(facts).year
    message = (f"{'; '.join(short)}: the Category A floor is {money_per_hour(floor.hourly)} and "
               f"{money_per_year(floor.annual)} a year for {tier}, and this is position "
               f"{facts.category_a_count + 1} of {year}. To meet both, {change}.")
    if _in_quebec(facts):
        message += " In Quebec, also check MIFI's wage rules (see QUEBEC_WAGE_RULES)."
    return message


@rule("GTS_A_POSITION_OF_YEAR", severity=INFO, field="gts.category_a_positions_this_year", programs=("gts_a",),
      source=SOURCE_CATEGORY_A + ": \"the first 2 unique and specialized positions requested by an employer and "
                                 "approved by the TFWP per calendar year ... (resetting on January 1)\"")
def gts_a_position_of_year(facts):
    # Project code: says which calendar year the Category A count was taken for (review F-04).
    quota = _quota_year(facts)
    floor = facts.refdata.rules.category_a_floor(facts.category_a_count)
    return (f"This is Category A position {facts.category_a_count + 1} of {quota.year} for the employer "
            f"({facts.category_a_count} approved in {quota.year} before it): ESDC counts approvals per calendar year of "
            f"its decision, and {quota.basis}. Its floor: {money_per_hour(floor.hourly)} and "
            f"{money_per_year(floor.annual)} a year.")


@rule("GTS_A_TALENT_NOT_SHOWN", severity=WARNING, field="worker.highest_education", programs=("gts_a",),
      needs=("worker.highest_education", "worker.years_experience"),
      source=SOURCE_CATEGORY_A + " (unique and specialized talent: advanced degree and/or 5 years of experience)")
def gts_a_talent_not_shown(facts):
    rules = facts.refdata.rules
    education, years = facts.worker.highest_education, facts.worker.years_experience
    if education in rules.talent_advanced_degrees or years >= rules.talent_min_years_experience:
        return None
    return (f"Category A expects an advanced degree (master's or doctorate) or at least "
            f"{rules.talent_min_years_experience:g} years of experience in the specialized field; the worker has "
            f"{_EDUCATION_WORDS.get(education, education)} and {years:g} years.")


@rule("GTS_A_OCCUPATION_ON_LIST", severity=WARNING, field="position.noc_code", programs=("gts_a",),
      needs=("position.noc_code",), source=SOURCE_CATEGORY_A + " (occupations on the list are processed as Category B)")
def gts_a_occupation_on_list(facts):
    if facts.listing is None:
        return None
    return (f"NOC {facts.noc_code} is on the Global Talent Occupations List ({facts.refdata.occupations_list_version}), "
            f"so ESDC will process this request as Category B and it must meet Category B requirements.")


# --- Category B ----------------------------------------------------------------------------------

@rule("GTS_B_OCCUPATION_NOT_LISTED", severity=BLOCKER, field="position.noc_code", programs=("gts_b",),
      needs=("position.noc_code",), source=SOURCE_CATEGORY_B)
def gts_b_occupation_not_listed(facts):
    if facts.listing is not None:
        return None
    return (f"NOC {facts.noc_code} is not on the Global Talent Occupations List ({facts.refdata.occupations_list_version}); "
            f"Category B is only for listed occupations.")


# Category B conditions also bind a Category A request whose occupation is on the list (ESDC processes it as B).
@rule("GTS_B_SUBSET_ONLY", severity=WARNING, field="position.noc_code", programs=GTS,
      needs=("position.noc_code",), source=SOURCE_CATEGORY_B + " (subsets)")
def gts_b_subset_only(facts):
    listing = facts.listing
    if listing is None or not listing.subset_only:
        return None
    return f"NOC {facts.noc_code} is on the list only for part of its jobs; confirm the job is in it: {listing.subset_condition}."


@rule("GTS_B_WAGE_BELOW_FLOOR", severity=_blocker_outside_quebec, field="position.wage.amount", programs=GTS,
      needs=("position.noc_code", "position.wage.amount", "position.wage.period", "position.hours_per_week"),
      source=SOURCE_CATEGORY_B + " (the hourly floor is binding; Quebec: floors per MIFI)")
def gts_b_wage_below_floor(facts):
    listing = facts.listing
    if listing is None or listing.hourly_floor is None or facts.hourly_wage is None:
        return None
    if facts.hourly_wage >= listing.hourly_floor - 1e-9:
        return None
    message = (f"{_hourly_words(facts.hourly_wage, listing.hourly_floor)} is below the Global Talent Occupations List "
               f"floor of {money_per_hour(listing.hourly_floor)} for NOC {facts.noc_code} (the hourly rate is binding; "
               f"pay the prevailing wage if it is higher).")
    if _in_quebec(facts):
        message += (" In Quebec, MIFI sets the wage floors: this federal floor is indicative; confirm the MIFI floor "
                    "(see QUEBEC_WAGE_RULES).")
    return message


# --- wages in Quebec and at the start of employment ----------------------------------------------

@rule("QUEBEC_WAGE_RULES", severity=WARNING, field="position.province", programs=GTS, needs=("position.province",),
      source=SOURCE_QUEBEC_WAGES)
def quebec_wage_rules(facts):
    if not _in_quebec(facts):
        return None
    return ("The job is in Quebec: Quebec's wage floors and wage rules come from MIFI (Ministère de l'Immigration, de la "
            "Francisation et de l'Intégration), not from ESDC's federal floors or the Job Bank median shown here, which "
            f"are indicative only. Confirm the floor and the wage on MIFI's wage table before filing ({VERIFY}: MIFI's "
            "pages are in French and not available here).")


@rule("WAGE_REVIEW_AT_START", severity=INFO, field="position.wage.amount", programs=GTS,
      source=GTS_REQ + ", Prevailing wage reviews: \"employers are required to reassess and apply the prevailing wage "
                       "at the beginning of a TFW's period of employment\"; \"Job Bank wages are updated every year in "
                       "the fall\"")
def wage_review_at_start(facts):
    when = f" ({facts.start.isoformat()})" if facts.start is not None else ""
    noc = f" for NOC {facts.noc_code}" if facts.noc_code else ""
    return (f"On the worker's first day of work{when}, the wage must still meet the prevailing wage in force then, "
            f"whatever the LMIA said. Job Bank updates its wages every fall: check the figure{noc} again before the "
            f"worker starts and raise the wage if it is now higher.")


# --- timing (review F-12) ------------------------------------------------------------------------

@rule("LMIA_SUBMISSION_WINDOW", severity=WARNING, field="filing.lmia_application_date", programs=GTS,
      source=GTS_OV + ": \"Your LMIA application can be submitted up to 6 months before the expected job start date\"")
def lmia_submission_window(facts):
    filed, timing = _lmia_application_date(facts), facts.refdata.rules.gts_timing
    if filed is None or facts.start is None or timing is None:
        return None
    earliest = add_months(facts.start, -timing.submission_window_months)
    if filed >= earliest:
        return None
    return (f"The LMIA application date {filed.isoformat()} is more than {timing.submission_window_months} months before "
            f"the job starts ({facts.start.isoformat()}); ESDC takes a GTS LMIA application up to "
            f"{timing.submission_window_months} months before the start date: submit on or after {earliest.isoformat()}.")


@rule("GTS_SERVICE_STANDARDS", severity=INFO, field="filing.lmia_application_date", programs=GTS,
      source=GTS_OV + ": \"processing time for an LMIA is 10 business days (80% of the time) beginning the first "
                      "business day following the day we receive the application\"; \"accelerated work permit "
                      "processing by IRCC for approved applicants (10 business days, 80% of the time)\"")
def gts_service_standards(facts):
    # Project code: planning dates from ESDC's and IRCC's service standards.
    timing = facts.refdata.rules.gts_timing
    if timing is None:
        return None
    message = (f"Service standards: ESDC decides a GTS LMIA in {timing.lmia_business_days} business days (80% of the "
               f"time), counted from the first business day after it receives the application; IRCC then processes the "
               f"work permit in {timing.permit_business_days} business days (80% of the time).")
    filed = _lmia_application_date(facts)
    if filed is not None:
        decision = expected_lmia_decision(filed, facts.position.province, timing.lmia_business_days)
        message += (f" With the LMIA application on {filed.isoformat()}, expect ESDC's decision around "
                    f"{decision.isoformat()}.")
    return message


@rule("GTS_DURATION_OVER_3_YEARS", severity=WARNING, field="position.end_date", programs=GTS,
      needs=("position.start_date", "position.end_date"), source=GTS_OV + " (high-wage LMIA: up to 3 years)")
def gts_duration_over_3_years(facts):
    months = facts.refdata.rules.gts_max_months
    if not facts.job_longer_than(months):
        return None
    return (f"The job runs from {facts.start.isoformat()} to {facts.end.isoformat()}, more than {months // 12} years; "
            f"a longer employment period needs an exceptional rationale in the LMIA application.")
