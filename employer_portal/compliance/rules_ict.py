"""Intra-company transferee rules under R205(a) (codes C61, C62, C63).

Source: IRCC, Intra-company transferees (ICT) [R205(a) - C61, C62, C63]
(modified 2025-01-06); limits in data/lmia_exemption_codes.json (routes,
ict_stay_limits, routes_to_consider) and data/program_rules.json.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping

from employer_portal.compliance.dates import add_months, months_between
from employer_portal.compliance.facts import NOC_UNVERIFIED, money_per_year
from employer_portal.compliance.registry import rule
from employer_portal.compliance.report import BLOCKER, INFO, WARNING

SOURCE = "IRPR R205(a); IRCC ICT instructions (C61, C62, C63)"
_OFFER_REVIEW = SOURCE + ", Review of the offer of employment (NOC and Job Title)"
_EMPLOYMENT = SOURCE + ", Eligibility; Current and continuous employment"
_DURATION = SOURCE + ", Duration of work permit"
_CAPS = SOURCE + ", Duration of work permit; Maximum duration over R205(a) and R204(a); Breaks in Canadian service"
_CUSMA_ICT = "IRPR R204(a); IRCC CUSMA intra-company transferees instructions (T37, T38), Wages and Duration"

_CATEGORY_WORDS = {"startup": "a start-up transfer (C61)", "executive_manager": "an executive or manager (C62)",
                   "specialized_knowledge": "specialized knowledge (C63)"}
_ONE_DAY = dt.timedelta(days=1)
# The eligibility window: "at least 1 year (full-time) in the previous 3-year period from the date of initial application".
_WINDOW_MONTHS = 36


def _years(months: int) -> str:
    years = months / 12
    return f"{years:g} year" + ("" if years == 1 else "s")


def _year_cap(months: int) -> str:
    """84 -> "7-year", as in "the 7-year cap"."""
    return f"{months / 12:g}-year"


# --- employment with the foreign enterprise (F-16) ------------------------------------------

def longest_full_time_run_months(periods, applied_on: dt.date) -> int:
    """Whole months of the longest continuous full-time employment inside the 3 years up to `applied_on`.

    Periods are the payload's ict.employment_periods (`end` None = still employed; an end date is the
    last day worked). Adjacent or overlapping full-time periods form one run; part-time periods do not
    count ("may not have been accumulated by part-time work"); time before the window or after the
    application does not count.
    """
    window_start = add_months(applied_on, -_WINDOW_MONTHS)
    spans = []
    for period in periods:
        if not period.full_time or period.start > applied_on:
            continue
        last_day = applied_on if period.end is None or period.end > applied_on else period.end
        first_day = max(period.start, window_start)
        if last_day >= first_day:
            spans.append((first_day, last_day))
    best = 0
    run: list[dt.date] | None = None
    for first_day, last_day in sorted(spans):
        if run is not None and first_day <= run[1] + _ONE_DAY:
            run[1] = max(run[1], last_day)
            continue
        if run is not None:
            best = max(best, _whole_months(*run))
        run = [first_day, last_day]
    if run is not None:
        best = max(best, _whole_months(*run))
    return best


def _whole_months(first_day: dt.date, last_day: dt.date) -> int:
    # The last day is worked too: 2024-01-16 to 2025-01-15 is 12 months.
    return int(months_between(first_day, last_day + _ONE_DAY))


def currently_employed(periods, applied_on: dt.date) -> bool:
    """True when some period (full- or part-time) has begun by `applied_on` and has not ended before it."""
    return any(p.start <= applied_on and (p.end is None or p.end >= applied_on) for p in periods)


def continuous_full_time_months(facts) -> int | None:
    """The months the 12-month test uses: computed from the periods when given, else the stated count."""
    periods = facts.ict.employment_periods
    if periods:
        return longest_full_time_run_months(periods, facts.permit_application_date)
    return facts.ict.continuous_full_time_months


def _employment_field(facts) -> str:
    return "ict.employment_periods" if facts.ict.employment_periods else "ict.continuous_full_time_months"


@rule("ICT_RELATIONSHIP_NOT_QUALIFYING", severity=BLOCKER, field="ict.relationship", programs=("ict",),
      needs=("ict.relationship",), source=SOURCE)
def ict_relationship_not_qualifying(facts):
    if facts.ict.relationship in facts.refdata.rules.ict_qualifying_relationships:
        return None
    return ("The foreign employer must be the Canadian employer's parent, subsidiary, branch or affiliate; "
            "a client, supplier, licensing or franchise link does not qualify.")


@rule("ICT_EMPLOYMENT_TOO_SHORT", severity=BLOCKER, field="ict.continuous_full_time_months", programs=("ict",),
      needs=("ict.continuous_full_time_months",), source=SOURCE)
def ict_employment_too_short(facts):
    minimum = facts.refdata.rules.ict_min_continuous_months
    months = continuous_full_time_months(facts)
    if months is None or months >= minimum:
        return None
    if not facts.ict.employment_periods:
        return (f"{months} months of continuous full-time work with the enterprise; an ICT needs at least {minimum} "
                f"(in the 3 years before applying; part-time work does not add up).")
    applied_on = facts.permit_application_date
    window_start = add_months(applied_on, -_WINDOW_MONTHS)
    return [("ict.employment_periods",
             f"The longest continuous full-time employment with the enterprise between {window_start.isoformat()} and "
             f"{applied_on.isoformat()} (the 3 years before the work-permit application) is {months} months; an ICT "
             f"needs at least {minimum}. Part-time periods do not count and a gap breaks the run.")]


@rule("ICT_NOT_CURRENTLY_EMPLOYED", severity=BLOCKER, field="ict.employment_periods", programs=("ict",),
      source=_EMPLOYMENT)
def ict_not_currently_employed(facts):
    periods = facts.ict.employment_periods if facts.ict is not None else None
    if not periods or currently_employed(periods, facts.permit_application_date):
        return None
    applied_on = facts.permit_application_date.isoformat()
    ended = [p.end for p in periods if p.end is not None and p.end < facts.permit_application_date]
    when = (f"ended on {max(ended).isoformat()}, before" if ended else "has not started by")
    return (f"The worker's employment with the foreign enterprise {when} the work-permit application ({applied_on}). "
            f"An ICT must be currently employed by the enterprise outside of Canada when applying, in an executive, "
            f"managerial or specialized-knowledge capacity.")


# --- the occupation's TEER (F-13) ----------------------------------------------------------------

def _teer(facts) -> int | None:
    group = facts.refdata.noc(facts.noc_code) if facts.noc_code else None
    if group is not None:
        return group.teer
    if facts.noc_status == NOC_UNVERIFIED:
        return int(facts.noc_code[1])  # NOC 2021: the second digit of a unit group is its TEER
    return None


def _noc_words(facts) -> str:
    group = facts.refdata.noc(facts.noc_code)
    return f"NOC {facts.noc_code} ({group.title})" if group is not None else f"NOC {facts.noc_code}"


@rule("ICT_CAPACITY_TEER_MISMATCH", severity=BLOCKER, field="position.noc_code", programs=("ict",),
      needs=("ict.category", "position.noc_code"), source=_OFFER_REVIEW, skip_unknown_noc=True)
def ict_capacity_teer_mismatch(facts):
    teer = _teer(facts)
    if facts.ict_category != "executive_manager" or teer is None or teer <= 1:
        return None
    return (f"{_noc_words(facts)} is a TEER {teer} occupation. An executive or manager transfer (C62) needs TEER 0 for "
            f"an executive or TEER 1 for a manager: choose the NOC of the actual role, or check whether the job fits "
            f"specialized knowledge (C63).")


@rule("ICT_MANAGER_IN_PROFESSIONAL_NOC", severity=WARNING, field="position.noc_code", programs=("ict",),
      needs=("ict.category", "position.noc_code"), source=_OFFER_REVIEW + "; Occupational capacity (C62)",
      skip_unknown_noc=True)
def ict_manager_in_professional_noc(facts):
    if facts.ict_category != "executive_manager" or _teer(facts) != 1:
        return None
    return (f"{_noc_words(facts)} is a TEER 1 professional occupation, not a management one. IRCC accepts TEER 1 for a "
            f"manager (C62), but the title and duties must show a manager's role: managing a department or function, "
            f"supervising professionals or other managers, with authority to hire and fire. Doing the work itself does "
            f"not qualify.")


@rule("ICT_LOW_TEER_SCRUTINY", severity=WARNING, field="position.noc_code", programs=("ict",),
      needs=("ict.category", "position.noc_code"), source=_OFFER_REVIEW, skip_unknown_noc=True)
def ict_low_teer_scrutiny(facts):
    teer = _teer(facts)
    if teer is None or teer <= 2 or facts.ict_category not in ("specialized_knowledge", "startup"):
        return None
    if facts.ict_category == "specialized_knowledge":
        return (f"{_noc_words(facts)} is a TEER {teer} occupation. IRCC expects specialized knowledge (C63) in TEER 0, 1 "
                f"or 2 and reviews lower TEER positions in greater detail: attach evidence with the Employer Portal offer "
                f"that the job needs proprietary knowledge and an advanced level of expertise.")
    return (f"{_noc_words(facts)} is a TEER {teer} occupation. A start-up transfer (C61) is for an executive, a manager or "
            f"a specialized-knowledge employee (TEER 0 to 2); expect the application to be reviewed in greater detail.")


# --- the first permit and the caps (F-14, F-15) -----------------------------------------------

@rule("ICT_DURATION_OVER_INITIAL_MAX", severity=WARNING, field="position.end_date", programs=("ict",),
      needs=("ict.category", "position.start_date", "position.end_date"), source=_DURATION)
def ict_duration_over_initial_max(facts):
    route = facts.refdata.exemption_route("ict", facts.ict_category)
    if route is None or route.initial_max_months is None or not facts.job_longer_than(route.initial_max_months):
        return None
    limit = route.initial_max_months
    job = (f"The job runs {months_between(facts.start, facts.end):.1f} months ({facts.start.isoformat()} to "
           f"{facts.end.isoformat()}); the first permit for {_CATEGORY_WORDS[facts.ict_category]} will be issued for "
           f"at most {_years(limit)}.")
    renewal = (f"each extension needs a new Employer Portal offer and the {money_per_year(facts.refdata.rules.compliance_fee)} "
               f"employer compliance fee before the worker applies")
    if facts.ict_category == "startup":
        return f"{job} There is no extension under C61: to stay longer the worker moves to C62 or C63, and {renewal}."
    return f"{job} Renewals of up to 2 years are possible within the total cap; {renewal}."


@dataclass(frozen=True)
class PriorIctTime:
    """Earlier ICT time in Canada (months) as the caps count it."""

    by_category: Mapping[str, int]
    uncategorised: int
    months_abroad_since: int
    restarted: bool  # 12+ months abroad since the last stay: earlier time no longer counts

    @property
    def total(self) -> int:
        return sum(self.by_category.values()) + self.uncategorised

    @property
    def counted(self) -> int:
        return 0 if self.restarted else self.total


def prior_ict_time(facts) -> PriorIctTime:
    """ict.prior_stays by category, plus ict.prior_ict_months_in_canada as uncategorised time.

    The older field counts all earlier ICT time, so only what the categorised stays do not already
    explain is added (60 months as C63 and prior_ict_months_in_canada 60 are 60 months, not 120).
    """
    ict = facts.ict
    by_category: dict[str, int] = {}
    for stay in ict.prior_stays or ():
        by_category[stay.category] = by_category.get(stay.category, 0) + stay.months
    uncategorised = max(0, (ict.prior_ict_months_in_canada or 0) - sum(by_category.values()))
    abroad = ict.months_abroad_since_last_stay or 0
    restarted = abroad >= facts.refdata.ict_stay_limits.months_abroad_to_restart
    return PriorIctTime(by_category, uncategorised, abroad, restarted)


def _caps_reached(facts, prior: PriorIctTime) -> list[tuple[str, str]]:
    """(field, words) for each cap already reached by earlier time; empty after a break of 12 months abroad."""
    if prior.restarted:
        return []
    limits = facts.refdata.ict_stay_limits
    reached = []
    for category, months in prior.by_category.items():
        cap = limits.category_cap(category)
        if cap is not None and months >= cap:
            reached.append(("ict.prior_stays", f"{months} months as {_CATEGORY_WORDS[category]}, the {_year_cap(cap)} cap "
                                               f"for that category"))
    combined = limits.all_categories_cap_months
    if not reached and prior.total >= combined:
        field = "ict.prior_stays" if prior.by_category else "ict.prior_ict_months_in_canada"
        reached.append((field, f"{prior.total} months of ICT time in all, the {_year_cap(combined)} cap over all ICT "
                               f"categories"))
    return reached


@rule("ICT_CATEGORY_CAP_REACHED", severity=BLOCKER, field="ict.prior_stays", programs=("ict",), source=_CAPS)
def ict_category_cap_reached(facts):
    if facts.ict is None:
        return None
    prior = prior_ict_time(facts)
    reached = _caps_reached(facts, prior)
    if not reached:
        return None
    needed = facts.refdata.ict_stay_limits.months_abroad_to_restart
    field, words = reached[0]
    return [(field, f"The worker has already spent {words} in Canada. Before any new ICT permit, in this or another "
                    f"category, they must work {needed} months full time for the enterprise outside Canada "
                    f"({prior.months_abroad_since} so far since the last stay).")]


@rule("ICT_TOTAL_STAY_OVER_CAP", severity=BLOCKER, field="ict.prior_ict_months_in_canada", programs=("ict",),
      needs=("ict.category", "position.start_date", "position.end_date"), source=_CAPS)
def ict_total_stay_over_cap(facts):
    route = facts.refdata.exemption_route("ict", facts.ict_category)
    if route is None or route.total_cap_months is None:
        return None
    prior = prior_ict_time(facts)
    if _caps_reached(facts, prior):
        return None  # ICT_CATEGORY_CAP_REACHED says what is needed first
    # Time in every ICT category counts towards the new category's cap, and never beyond the cap over all categories.
    cap = min(route.total_cap_months, facts.refdata.ict_stay_limits.all_categories_cap_months)
    months_left = cap - prior.counted
    if months_left > 0 and facts.end <= add_months(facts.start, months_left):
        return None
    field = "ict.prior_stays" if prior.by_category else "ict.prior_ict_months_in_canada"
    job = months_between(facts.start, facts.end)
    total = f"the {_year_cap(cap)} total for {_CATEGORY_WORDS[facts.ict_category]}, counting every ICT category"
    if months_left <= 0:
        return [(field, f"{prior.counted} months of earlier ICT time in Canada already fill {total}: the worker is not "
                        f"eligible for more time in this category.")]
    return [(field, f"{prior.counted} months of earlier ICT time in Canada count towards {total}, so the worker is "
                    f"eligible for at most {months_left} more months (to {add_months(facts.start, months_left).isoformat()}); "
                    f"this job runs {job:.1f} months. Shorten the job, or document periods of 30 days or more not "
                    f"worked for the Canadian enterprise, which can be recaptured.")]


@rule("ICT_SPECIALIZED_EXPERIENCE_SHORT", severity=WARNING, field="ict.continuous_full_time_months", programs=("ict",),
      needs=("ict.category", "ict.continuous_full_time_months"), source=SOURCE + "; specialized knowledge")
def ict_specialized_experience_short(facts):
    minimum = facts.refdata.rules.ict_specialized_min_months
    months = continuous_full_time_months(facts)
    if facts.ict_category != "specialized_knowledge" or months is None or months >= minimum:
        return None
    return [(_employment_field(facts),
             f"Specialized knowledge is normally gained through {minimum} months or more with the enterprise; "
             f"the worker has {months}. Expect closer scrutiny.")]


# --- CUSMA intra-company transferees as an alternative (F-20) ---------------------------------

def _paid_below_prevailing(facts) -> bool:
    return (facts.prevailing is not None and facts.hourly_wage is not None
            and facts.hourly_wage < facts.prevailing.hourly - 1e-9)


_COUNTRY_NAMES = {"US": "the United States", "MX": "Mexico"}


@rule("ICT_CUSMA_ALTERNATIVE", severity=INFO, field="worker.citizenships", programs=("ict",),
      needs=("ict.category",), source=_CUSMA_ICT)
def ict_cusma_alternative(facts):
    citizenships = set(facts.worker.citizenships or ())
    routes = [r for r in facts.refdata.alternative_routes
              if facts.ict_category in r.for_ict_categories and r.citizenships & citizenships]
    if not routes:
        return None
    names = " or ".join(f"{r.code} ({r.title.split(' - ')[-1]})" for r in routes)
    caps = ", ".join(f"{r.code} {_years(r.total_cap_months)}" for r in routes if r.total_cap_months)
    countries = " and ".join(_COUNTRY_NAMES.get(c, c) for c in sorted(citizenships & routes[0].citizenships))
    advice = (f"As a citizen of {countries}, the worker may also "
              f"transfer as a CUSMA intra-company transferee, {names}: there is no mandatory wage floor (officers weigh "
              f"the wage but should not refuse on wage alone). The same caps apply ({caps}) and count together with "
              f"R205(a) time.")
    if facts.ict_category == "specialized_knowledge" and _paid_below_prevailing(facts):
        return "The wage is below the prevailing wage, which blocks C63. " + advice
    return advice
