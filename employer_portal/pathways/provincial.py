"""Provincial and Quebec options for the job's province: status as of its date, fit, employer duties, source.

A criterion whose value is not from an official copy (row below OFFICIAL-COPY, or listed in
`unconfirmed_criteria`) never rules the worker out: it turns "could fit" into "could fit, verify".
"""
from __future__ import annotations

from employer_portal.pathways.language import Languages, lowest
from employer_portal.pathways.occupation import add_months, teer
from employer_portal.pathways.rules import OFFICIAL, VERIFY, PathwayRules, label
from employer_portal.schemas.pathways import EDUCATION_LEVELS, PathwaysRequest

POST_SECONDARY = EDUCATION_LEVELS[EDUCATION_LEVELS.index("one_year"):]


def provincial_options(request: PathwaysRequest, languages: Languages, express_entry_eligible: bool | None,
                       rules: PathwayRules) -> list[dict]:
    province = request.job.province
    if province is None:
        return []
    rows = [_row(program, request, languages, express_entry_eligible)
            for program in rules.provincial["programs"] if program["province"] == province]
    other = rules.provincial["not_researched"]
    if not rows and province in other["provinces"]:
        rows.append({
            "key": f"{province.lower()}_not_researched", "province": province,
            "name": f"{province} provincial nominee program", "status": other["status"],
            "status_as_of": other["status_as_of"], "status_source": other["source"], "source": other["source"],
            "fact_status": other["fact_status"], "label": label(other["fact_status"]), "verify": True,
            "summary": other["summary"], "fit": "verify", "reasons": [other["summary"]],
            "employer_must_provide": [], "express_entry_option": None,
        })
    return rows


def _row(program: dict, request: PathwaysRequest, languages: Languages, ee_eligible: bool | None) -> dict:
    fact_status = program["fact_status"]
    row = {
        "key": program["key"],
        "province": program["province"],
        "name": program["name"],
        "status": program["status"],
        "status_as_of": program["status_as_of"],
        "status_source": program["status_source"],
        "source": program["source"],
        "fact_status": fact_status,
        "label": label(fact_status),
        "verify": fact_status != OFFICIAL,
        "summary": program["summary"],
        "express_entry_option": program["express_entry_option"],
        "employer_must_provide": [
            {**duty, "label": label(duty["status"]), "verify": duty["status"] != OFFICIAL}
            for duty in program["employer_must_provide"]
        ],
    }
    if program["status"] != "open":
        row["fit"] = "closed"
        row["reasons"] = [f"{program['status'].capitalize()} as of {program['status_as_of']}."]
        return row
    fit, reasons = _fit(program, request, languages, ee_eligible)
    row["fit"], row["reasons"] = fit, reasons
    return row


def _fit(program: dict, request: PathwaysRequest, languages: Languages,
         ee_eligible: bool | None) -> tuple[str, list[str]]:
    """'could_fit' | 'could_fit_verify' | 'may_not_fit_verify' | 'not_yet' | 'does_not_fit', with reasons.

    A failed criterion that is not from an official copy gives 'may_not_fit_verify', never 'does_not_fit'.
    """
    criteria = program["criteria"]
    soft = set(program["unconfirmed_criteria"]) if program["fact_status"] == OFFICIAL else set(criteria)
    job, candidate, as_of = request.job, request.candidate, request.as_of
    hard_fails: list[str] = []
    soft_fails: list[str] = []
    waits: list[str] = []
    unknown: list[str] = []

    def fail(name: str, text: str) -> None:
        (soft_fails if name in soft else hard_fails).append(text)

    level = teer(job.noc_code)
    if "teer_max" in criteria:
        if level is None:
            unknown.append("the job's NOC code")
        elif level > criteria["teer_max"]:
            fail("teer_max", f"needs TEER 0-{criteria['teer_max']}; this job is TEER {level}")
    if "min_clb" in criteria:
        if languages.first is None:
            unknown.append("language results")
        elif lowest(languages.first) < criteria["min_clb"]:
            fail("min_clb", f"needs CLB {criteria['min_clb']} in all four abilities (lowest now CLB "
                            f"{lowest(languages.first)})")
    if criteria.get("language") == "french" and not (languages.french and lowest(languages.french) >= 1):
        fail("language", "needs French (Quebec selection streams 1-3)")
    if "full_time_hours" in criteria and job.hours_per_week is not None \
            and job.hours_per_week < criteria["full_time_hours"]:
        fail("full_time_hours", f"needs a full-time job ({criteria['full_time_hours']} hours a week or more)")
    if "min_experience_years" in criteria:
        years = candidate.canadian_experience_years + candidate.foreign_experience_years
        if years < criteria["min_experience_years"]:
            fail("min_experience_years", f"needs {criteria['min_experience_years']} year(s) of experience "
                                         f"(given: {years})")
    if criteria.get("post_secondary") and candidate.education not in POST_SECONDARY:
        fail("post_secondary", "needs a post-secondary credential")
    if "min_months_with_employer" in criteria and job.start_date is not None:
        ready = add_months(job.start_date, criteria["min_months_with_employer"])
        if as_of < ready:
            unofficial = f" ({VERIFY})" if "min_months_with_employer" in soft else ""
            waits.append(f"needs {criteria['min_months_with_employer']} months with this employer: from "
                         f"{ready.isoformat()}{unofficial}")
    if criteria.get("express_entry_profile") and ee_eligible is False:
        fail("express_entry_profile", "needs an Express Entry profile (CEC or FSW eligibility)")
    if "noc_list" in criteria and job.noc_code and job.noc_code not in criteria["noc_list"]:
        if criteria.get("noc_list_complete"):
            fail("noc_list", f"NOC {job.noc_code} is not on the program's occupation list")
        else:
            soft_fails.append(f"NOC {job.noc_code} is not among the listed occupations known here; the full list "
                              f"is not confirmed ({VERIFY})")

    reasons = hard_fails + soft_fails + waits + [f"not known: {what}" for what in unknown]
    if hard_fails:
        return "does_not_fit", reasons
    if waits:
        return "not_yet", reasons
    if soft_fails:
        return "may_not_fit_verify", reasons + [f"These criteria are not from an official copy: {VERIFY}."]
    verify = bool(unknown or program["fact_status"] != OFFICIAL or program["unconfirmed_criteria"])
    if not reasons:
        reasons = ["The bundled criteria are met on the details given."]
    if verify:
        reasons.append(f"Some criteria are not from an official copy: {VERIFY}.")
    return ("could_fit_verify" if verify else "could_fit"), reasons
