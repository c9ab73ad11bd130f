"""Intra-company transferee rules under R205(a) (codes C61, C62, C63).

Source: IRCC, Intra-company transferees (ICT) [R205(a) - C61, C62, C63]
(modified 2025-01-06); limits in data/lmia_exemption_codes.json and
data/program_rules.json.
"""
from __future__ import annotations

from employer_portal.compliance.dates import add_months, months_between
from employer_portal.compliance.registry import rule
from employer_portal.compliance.report import BLOCKER, WARNING

SOURCE = "IRPR R205(a); IRCC ICT instructions (C61, C62, C63)"
_CATEGORY_WORDS = {"startup": "a start-up transfer (C61)", "executive_manager": "an executive or manager (C62)",
                   "specialized_knowledge": "specialized knowledge (C63)"}


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
    months = facts.ict.continuous_full_time_months
    if months >= minimum:
        return None
    return (f"{months} months of continuous full-time work with the enterprise; an ICT needs at least {minimum} "
            f"(in the 3 years before applying; part-time work does not add up).")


@rule("ICT_DURATION_OVER_INITIAL_MAX", severity=BLOCKER, field="position.end_date", programs=("ict",),
      needs=("ict.category", "position.start_date", "position.end_date"), source=SOURCE)
def ict_duration_over_initial_max(facts):
    route = facts.refdata.exemption_route("ict", facts.ict_category)
    if route is None or route.initial_max_months is None or not facts.job_longer_than(route.initial_max_months):
        return None
    limit = route.initial_max_months
    words = f"{limit // 12} year" + ("s" if limit != 12 else "")
    return (f"The job runs {months_between(facts.start, facts.end):.1f} months ({facts.start.isoformat()} to "
            f"{facts.end.isoformat()}); a first permit for {_CATEGORY_WORDS[facts.ict_category]} is at most {words}.")


@rule("ICT_TOTAL_STAY_OVER_CAP", severity=BLOCKER, field="ict.prior_ict_months_in_canada", programs=("ict",),
      needs=("ict.category", "position.start_date", "position.end_date"), source=SOURCE + "; total ICT caps")
def ict_total_stay_over_cap(facts):
    route = facts.refdata.exemption_route("ict", facts.ict_category)
    if route is None or route.total_cap_months is None:
        return None
    prior = facts.ict.prior_ict_months_in_canada or 0
    cap = route.total_cap_months
    # Over the cap when this job ends after the months the cap still leaves.
    if prior < cap and facts.end <= add_months(facts.start, cap - prior):
        return None
    return (f"{prior} months of earlier ICT time in Canada plus this job ({months_between(facts.start, facts.end):.1f} months) "
            f"exceed the {cap // 12}-year total for {_CATEGORY_WORDS[facts.ict_category]}.")


@rule("ICT_SPECIALIZED_EXPERIENCE_SHORT", severity=WARNING, field="ict.continuous_full_time_months", programs=("ict",),
      needs=("ict.category", "ict.continuous_full_time_months"), source=SOURCE + "; specialized knowledge")
def ict_specialized_experience_short(facts):
    minimum = facts.refdata.rules.ict_specialized_min_months
    if facts.ict_category != "specialized_knowledge" or facts.ict.continuous_full_time_months >= minimum:
        return None
    return (f"Specialized knowledge is normally gained through {minimum} months or more with the enterprise; "
            f"the worker has {facts.ict.continuous_full_time_months}. Expect closer scrutiny.")
