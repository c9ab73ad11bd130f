"""Rules for every route: completeness, the NOC, the prevailing wage, and the steps that go with each route."""
from __future__ import annotations

from employer_portal.compliance.facts import (
    NOC_UNKNOWN,
    NOC_UNVERIFIED,
    money_per_hour,
    money_per_year,
    wage_data_label,
)
from employer_portal.compliance.registry import GTS, rule
from employer_portal.compliance.report import BLOCKER, INFO, WARNING

WAGE_NEEDS = ("position.noc_code", "position.province", "position.wage.amount", "position.wage.period", "position.hours_per_week")

_FIELD_LABELS = {
    "position.noc_code": "the job's NOC 2021 code",
    "position.province": "the province where the job is",
    "position.wage.amount": "the wage",
    "position.wage.period": "whether the wage is per hour or per year",
    "position.hours_per_week": "the hours per week",
    "position.start_date": "the start date",
    "position.end_date": "the end date",
    "worker.highest_education": "the worker's highest education",
    "worker.years_experience": "the worker's years of experience",
    "worker.citizenships": "the worker's citizenships",
    "ict.relationship": "the foreign employer's relationship to the Canadian employer",
    "ict.category": "the ICT category (startup, executive/manager or specialized knowledge)",
    "ict.continuous_full_time_months": "the months of continuous full-time work with the foreign employer",
    "cusma.profession": "the CUSMA profession",
}


@rule("HIRE_INCOMPLETE", severity=BLOCKER, field="", source="API.md hire payload: fields a check needs for this program")
def hire_incomplete(facts):
    # Project code: a draft may lack fields; each one is named so HR knows what to fill in.
    return [
        (path, f"Add {_FIELD_LABELS.get(path, path)}: the check needs it for this route.")
        for path in facts.missing
    ]


@rule("NOC_UNKNOWN", severity=BLOCKER, field="position.noc_code", needs=("position.noc_code",),
      source="Statistics Canada, NOC 2021 Version 1.0 (516 unit groups)")
def noc_unknown(facts):
    if facts.noc_status != NOC_UNKNOWN:
        return None
    if not facts.refdata.is_plausible_noc(facts.noc_code):
        return (f"{facts.noc_code} is not a NOC 2021 unit group: a unit group has 5 digits "
                f"and its second digit (the TEER) is 0 to 5, e.g. 21231.")
    return f"{facts.noc_code} is not one of the NOC 2021 unit groups."


@rule("NOC_NOT_VERIFIED", severity=INFO, field="position.noc_code", needs=("position.noc_code",),
      source="Statistics Canada, NOC 2021 Version 1.0")
def noc_not_verified(facts):
    # Project code: with only a partial NOC list loaded, absence proves nothing.
    if facts.noc_status != NOC_UNVERIFIED:
        return None
    return (f"NOC {facts.noc_code} could not be confirmed: the full NOC 2021 list is not loaded. "
            f"Check the code on the Statistics Canada NOC site.")


def _wage_severity(facts) -> str:
    # API.md: a blocker where the prevailing wage is a floor (GTS, ICT specialized knowledge), a warning elsewhere.
    if facts.program in GTS:
        return BLOCKER
    if facts.program == "ict" and facts.ict_category == "specialized_knowledge":
        return BLOCKER
    return WARNING


@rule("WAGE_BELOW_PREVAILING", severity=_wage_severity, field="position.wage.amount", needs=WAGE_NEEDS,
      skip_unknown_noc=True,
      source="ESDC GTS program requirements (prevailing wage); IRCC ICT instructions R205(a) (wages); Job Bank wages open data")
def wage_below_prevailing(facts):
    prevailing = facts.prevailing
    if prevailing is None or facts.hourly_wage is None:
        return None
    if facts.hourly_wage >= prevailing.hourly - 1e-9:
        return None
    yours = money_per_hour(facts.hourly_wage)
    if facts.payload.position.wage.period == "year":
        yours += f" ({money_per_year(facts.annual_wage)} a year over {facts.hours:g} h/week)"
    theirs = money_per_hour(prevailing.hourly)
    if prevailing.annual is not None:
        theirs += f" ({money_per_year(prevailing.annual)} a year, published as an annual rate, over {facts.hours:g} h/week)"
    return (f"{yours} is below the prevailing wage of {theirs} for NOC {prevailing.noc_code} in "
            f"{prevailing.place}, {wage_data_label(prevailing.data_version)}.")


@rule("WAGE_DATA_UNAVAILABLE", severity=WARNING, field="position.noc_code", needs=("position.noc_code", "position.province"),
      skip_unknown_noc=True, source="Job Bank wages open data (ESDC); ESDC GTS program requirements (regional, provincial, national median)")
def wage_data_unavailable(facts):
    if facts.prevailing is not None:
        return None
    return (f"Job Bank publishes no wage for NOC {facts.noc_code} in the region, the province or Canada "
            f"({facts.refdata.wages.version}), so the wage cannot be checked against the prevailing wage.")


@rule("LMIA_REQUIRED", severity=INFO, field="program", programs=GTS,
      source="IRPR R315.2(1); ESDC GTS program requirements (LMIA, Labour Market Benefits Plan)")
def lmia_required(facts):
    fee = facts.refdata.rules.lmia_fee
    return (f"The Global Talent Stream is an LMIA stream: apply to ESDC for an LMIA (fee {money_per_year(fee)} per position, "
            f"not refundable and never paid by the worker) with a Labour Market Benefits Plan.")


@rule("EMPLOYER_PORTAL_OFFER_REQUIRED", severity=INFO, field="program", programs=("ict", "cusma"),
      source="IRPR R209.11, R303.1; IRCC Employer-specific work permits - IMP")
def employer_portal_offer_required(facts):
    fee = facts.refdata.rules.compliance_fee
    return (f"Before the worker applies, submit the offer of employment in the IRCC Employer Portal and pay the "
            f"{money_per_year(fee)} employer compliance fee; give the worker the offer number (A#######).")


@rule("PROVINCIAL_EMPLOYER_REGISTRATION", severity=INFO, field="position.province", programs=GTS,
      needs=("position.province",), source="ESDC, Hire a top foreign talent through the Global Talent Stream (provincial registration)")
def provincial_employer_registration(facts):
    province = facts.position.province
    if province not in facts.refdata.rules.registration_provinces:
        return None
    return (f"Hiring in {province}: attach the provincial employer registration certificate "
            f"(or proof of exemption) to the LMIA application.")


@rule("QUEBEC_JOINT_PROCESS", severity=INFO, field="position.province", needs=("position.province",),
      source="ESDC GTS program requirements and applicant guide (Quebec: MIFI, joint submission)")
def quebec_joint_process(facts):
    if facts.position.province != facts.refdata.rules.quebec_province:
        return None
    joint = " (the LMIA is a joint submission to Service Canada and MIFI)" if facts.program in GTS else ""
    return ("The job is in Quebec: the Ministère de l'Immigration, de la Francisation et de l'Intégration (MIFI) "
            f"takes part{joint} and Quebec's own wage rules apply.")
