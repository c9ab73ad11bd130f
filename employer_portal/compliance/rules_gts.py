"""Global Talent Stream rules: Category A (referral, floors, talent) and Category B (the occupations list).

Facts and figures from ESDC, Program requirements for the Global Talent Stream
(page modified 2025-11-20), held in data/program_rules.json and
data/gts_occupations_list.json.
"""
from __future__ import annotations

from employer_portal.compliance.facts import money_per_hour, money_per_year
from employer_portal.compliance.registry import GTS, rule
from employer_portal.compliance.report import BLOCKER, WARNING

SOURCE_CATEGORY_A = "ESDC GTS program requirements, Category A"
SOURCE_CATEGORY_B = "ESDC GTS program requirements, Global Talent Occupations List"
_EDUCATION_WORDS = {"none": "no formal education", "secondary": "secondary school", "certificate": "a certificate",
                    "diploma": "a diploma", "bachelor": "a bachelor's degree", "master": "a master's degree",
                    "doctorate": "a doctorate"}


@rule("GTS_A_REFERRAL_MISSING", severity=BLOCKER, field="gts.referral_partner", programs=("gts_a",), source=SOURCE_CATEGORY_A)
def gts_a_referral_missing(facts):
    partner = facts.gts.referral_partner if facts.gts is not None else None
    if partner:
        return None
    return ("Category A needs a referral from a designated referral partner, with its own referral form for this worker; "
            "name the partner.")


@rule("GTS_A_PARTNER_NOT_DESIGNATED", severity=BLOCKER, field="gts.referral_partner", programs=("gts_a",),
      source=SOURCE_CATEGORY_A + " (designated referral partners, as of April 2025)")
def gts_a_partner_not_designated(facts):
    partner = facts.gts.referral_partner if facts.gts is not None else None
    if not partner or facts.refdata.is_designated_partner(partner):
        return None
    return (f"'{partner}' is not on the list of designated referral partners ({facts.refdata.partners_version}); "
            f"only a designated partner can refer a Category A position.")


@rule("GTS_A_WAGE_BELOW_FLOOR", severity=BLOCKER, field="position.wage.amount", programs=("gts_a",),
      needs=("position.wage.amount", "position.wage.period", "position.hours_per_week"), source=SOURCE_CATEGORY_A + " (wage)")
def gts_a_wage_below_floor(facts):
    floors = facts.refdata.rules
    floor = floors.category_a_floor(facts.category_a_count)
    hourly, annual = facts.hourly_wage, facts.annual_wage
    if hourly is None:
        return None
    short_hourly = hourly < floor.hourly - 1e-9
    short_annual = annual < floor.annual - 1e-6
    if not (short_hourly or short_annual):
        return None
    position = facts.category_a_count + 1
    tier = ("the third and later Category A positions of a calendar year" if floor.from_position > 1
            else "the first two Category A positions of a calendar year")
    return (f"{money_per_hour(hourly)} ({money_per_year(annual)} a year at {facts.hours:g} h/week) is below the Category A "
            f"floor of {money_per_hour(floor.hourly)} and {money_per_year(floor.annual)} a year, which applies to {tier} "
            f"(this would be position {position}); both figures must be met.")


@rule("GTS_A_TALENT_NOT_SHOWN", severity=WARNING, field="worker.highest_education", programs=("gts_a",),
      needs=("worker.highest_education", "worker.years_experience"), source=SOURCE_CATEGORY_A + " (unique and specialized talent)")
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


@rule("GTS_B_WAGE_BELOW_FLOOR", severity=BLOCKER, field="position.wage.amount", programs=GTS,
      needs=("position.noc_code", "position.wage.amount", "position.wage.period", "position.hours_per_week"),
      source=SOURCE_CATEGORY_B + " (hourly floor is binding)")
def gts_b_wage_below_floor(facts):
    listing = facts.listing
    if listing is None or listing.hourly_floor is None or facts.hourly_wage is None:
        return None
    if facts.hourly_wage >= listing.hourly_floor - 1e-9:
        return None
    return (f"{money_per_hour(facts.hourly_wage)} is below the Global Talent Occupations List floor of "
            f"{money_per_hour(listing.hourly_floor)} for NOC {facts.noc_code} (the hourly rate is binding; "
            f"pay the prevailing wage if it is higher).")


@rule("GTS_DURATION_OVER_3_YEARS", severity=WARNING, field="position.end_date", programs=GTS,
      needs=("position.start_date", "position.end_date"), source="ESDC GTS overview (high-wage LMIA: up to 3 years)")
def gts_duration_over_3_years(facts):
    months = facts.refdata.rules.gts_max_months
    if not facts.job_longer_than(months):
        return None
    return (f"The job runs from {facts.start.isoformat()} to {facts.end.isoformat()}, more than {months // 12} years; "
            f"a longer employment period needs an exceptional rationale in the LMIA application.")
