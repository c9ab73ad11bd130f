"""CUSMA Professionals rules under R204(a) (code T36).

Source: IRCC, Professionals - CUSMA [R204(a) - T36] (modified 2025-01-03),
including the Appendix 2 list in data/cusma_professions.json.
"""
from __future__ import annotations

from employer_portal.compliance.registry import rule
from employer_portal.compliance.report import BLOCKER

SOURCE = "IRPR R204(a); IRCC CUSMA Professionals instructions (T36)"
_DEGREES = ("bachelor", "master", "doctorate")
_LEVEL = {"none": 0, "secondary": 1, "certificate": 2, "diploma": 2, "bachelor": 3, "master": 4, "doctorate": 5}


@rule("CUSMA_CITIZENSHIP_INELIGIBLE", severity=BLOCKER, field="worker.citizenships", programs=("cusma",),
      needs=("worker.citizenships",), source=SOURCE)
def cusma_citizenship_ineligible(facts):
    allowed = facts.refdata.rules.cusma_citizenships
    if any(c in allowed for c in facts.worker.citizenships):
        return None
    return ("CUSMA Professionals is only for citizens of the United States or Mexico "
            "(permanent residence there is not enough).")


@rule("CUSMA_PROFESSION_NOT_LISTED", severity=BLOCKER, field="cusma.profession", programs=("cusma",),
      needs=("cusma.profession",), source=SOURCE + "; CUSMA Chapter 16, Appendix 2")
def cusma_profession_not_listed(facts):
    if facts.refdata.cusma_profession(facts.cusma.profession) is not None:
        return None
    return f"'{facts.cusma.profession}' is not one of the 63 professions of CUSMA Appendix 2; the list is closed."


def meets_credentials(profession, education: str | None, years: float | None, licensed: bool) -> bool:
    """True when the worker's education, experience or licence meets the profession's minimum (any one route)."""
    years = years or 0
    level = _LEVEL.get(education or "none", 0)
    if profession.no_degree_required:
        return True
    if profession.degree_accepted and education in _DEGREES:
        return True
    if profession.named_degree_min_level and level >= _LEVEL[profession.named_degree_min_level]:
        return True
    if profession.diploma_plus_years is not None and level >= _LEVEL["certificate"] and years >= profession.diploma_plus_years:
        return True
    if profession.licence_accepted and licensed:
        return True
    if profession.experience_only_years is not None and years >= profession.experience_only_years:
        return True
    return False


@rule("CUSMA_EDUCATION_INSUFFICIENT", severity=BLOCKER, field="worker.highest_education", programs=("cusma",),
      needs=("cusma.profession", "worker.highest_education"), source=SOURCE + "; CUSMA Chapter 16, Appendix 2")
def cusma_education_insufficient(facts):
    profession = facts.refdata.cusma_profession(facts.cusma.profession)
    if profession is None:
        return None  # CUSMA_PROFESSION_NOT_LISTED says it
    if meets_credentials(profession, facts.worker.highest_education, facts.worker.years_experience, facts.cusma.licensed):
        return None
    return (f"{profession.profession} needs: {profession.requirement}. The worker's education "
            f"({facts.worker.highest_education}), experience ({(facts.worker.years_experience or 0):g} years) "
            f"and licence do not meet it.")


@rule("CUSMA_DURATION_OVER_3_YEARS", severity=BLOCKER, field="position.end_date", programs=("cusma",),
      needs=("position.start_date", "position.end_date"), source=SOURCE + " (permits of up to 3 years)")
def cusma_duration_over_3_years(facts):
    route = facts.refdata.exemption_route("cusma")
    if route is None or not facts.job_longer_than(route.initial_max_months):
        return None
    return (f"The job runs from {facts.start.isoformat()} to {facts.end.isoformat()}; a CUSMA permit is granted for at "
            f"most {route.initial_max_months // 12} years at a time (extensions need a new offer).")


@rule("CUSMA_SELF_EMPLOYMENT", severity=BLOCKER, field="cusma.worker_controls_employer", programs=("cusma",),
      source=SOURCE + " (no self-employment in Canada)")
def cusma_self_employment(facts):
    if facts.cusma is None or not facts.cusma.worker_controls_employer:
        return None
    return "The worker controls the Canadian employer; CUSMA Professionals does not allow self-employment in Canada."
