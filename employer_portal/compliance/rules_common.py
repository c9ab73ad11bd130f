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
from employer_portal.refdata.wages import below_prevailing

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
    # Amendments 2026-12 (F-05): in Quebec, ESDC sends GTS employers to MIFI for the wage, so Job Bank is indicative.
    if facts.program in GTS:
        return WARNING if _in_quebec(facts) else BLOCKER
    if facts.program == "ict" and facts.ict_category == "specialized_knowledge":
        return BLOCKER
    return WARNING


def _in_quebec(facts) -> bool:
    return facts.position.province == facts.refdata.rules.quebec_province


# IRCC ICT instructions, Wages (C61, C62 and C63); the text says "should", so C61/C62 stay a warning (F-17).
ICT_WAGE_WORDS = ("wages should not be lower than the prevailing wage for the occupation in the location of work")


@rule("WAGE_BELOW_PREVAILING", severity=_wage_severity, field="position.wage.amount", needs=WAGE_NEEDS,
      skip_unknown_noc=True,
      source="ESDC GTS program requirements (prevailing wage; Quebec: MIFI); IRCC ICT instructions R205(a) (wages); "
             "Job Bank wages open data")
def wage_below_prevailing(facts):
    prevailing = facts.prevailing
    if prevailing is None or facts.hourly_wage is None:
        return None
    if not below_prevailing(facts.hourly_wage, prevailing):
        return None
    yours = money_per_hour(facts.hourly_wage)
    if facts.payload.position.wage.period == "year":
        yours += f" ({money_per_year(facts.annual_wage)} a year over {facts.hours:g} h/week)"
    theirs = money_per_hour(prevailing.hourly)
    if prevailing.annual is not None:
        theirs += f" ({money_per_year(prevailing.annual)} a year, published as an annual rate, over {facts.hours:g} h/week)"
    message = (f"{yours} is below the prevailing wage of {theirs} for NOC {prevailing.noc_code} in "
               f"{prevailing.place}, {wage_data_label(prevailing.data_version)}.")
    if facts.region is not None and facts.region.found_from == "city":
        message += f" The economic region was taken from the city ({facts.position.city})."
    if facts.program in GTS and _in_quebec(facts):
        message += (" In Quebec the Job Bank figure is indicative: ESDC sends employers to MIFI for the wage that must "
                    "be offered; confirm it there.")
    elif facts.program == "ict" and facts.ict_category != "specialized_knowledge":
        message += f" IRCC: \"To prevent wage suppression, {ICT_WAGE_WORDS}.\" Raise the wage or expect questions."
    return message


@rule("WAGE_DATA_UNAVAILABLE", severity=WARNING, field="position.noc_code", needs=("position.noc_code", "position.province"),
      skip_unknown_noc=True, source="Job Bank wages open data (ESDC); ESDC GTS program requirements (regional, provincial, national median)")
def wage_data_unavailable(facts):
    # Only when every level's row is loaded and Job Bank publishes no figure in any of them (F-08).
    lookup = facts.wage_lookup
    if lookup is None or not lookup.unpublished:
        return None
    where = f"{facts.region.name} ({facts.region.code}), " if facts.region else ""
    return (f"Job Bank publishes no wage for NOC {facts.noc_code} in {where}{facts.position.province} or Canada "
            f"({facts.refdata.wages.version}), so the wage cannot be checked against the prevailing wage.")


@rule("WAGE_DATA_NOT_LOADED", severity=WARNING, field="position.noc_code", needs=("position.noc_code", "position.province"),
      skip_unknown_noc=True, source="Job Bank wages open data (ESDC): every NOC has a row for Canada, each province and "
                                    "each economic region; ESDC GTS program requirements (regional median)")
def wage_data_not_loaded(facts):
    # An absent row is a partial import, not Job Bank's "N/A": do not fall back to a wider area as if it were (F-08).
    lookup = facts.wage_lookup
    if lookup is None or lookup.not_loaded is None:
        return None
    version = facts.refdata.wages.version
    area = lookup.not_loaded
    if not any(facts.refdata.wages.row(facts.noc_code, a) for a in ("CA", facts.position.province)):
        where = "at all"
    elif facts.region is not None and area == facts.region.code:
        where = f"in {facts.region.name} ({area})"
    else:
        where = "for Canada" if area == "CA" else f"in {area}"
    message = (f"The loaded wage data ({version}) has no row for NOC {facts.noc_code} {where}, so the prevailing wage "
               f"where the job is cannot be checked. Import the full Job Bank wages file (flask refdata import-wages).")
    indicative = facts.refdata.prevailing_wage_for(facts.noc_code, facts.position.province, hours_per_week=facts.hours)
    if indicative is not None:
        message += f" For information only: {indicative.place} is {money_per_hour(indicative.hourly)}."
    return message


@rule("WAGE_REGION_NOT_CHECKED", severity=WARNING, field="position.economic_region", needs=WAGE_NEEDS,
      skip_unknown_noc=True,
      source="ESDC GTS program requirements (prevailing wage: the regional median on Job Bank, the province only where "
             "the region is N/A); IRCC ICT instructions (prevailing wage for the region of work); Job Bank wages open data")
def wage_region_not_checked(facts):
    # F-07: without the region only the province (or Canada) was checked; a region of the province may pay more.
    prevailing = facts.prevailing
    if facts.region is not None or prevailing is None or facts.hourly_wage is None:
        return None
    highest = facts.refdata.wages.highest_region(facts.noc_code, facts.position.province)
    # API.md Amendments 2026-12: the warning stands whenever a region pays more than the province, whatever the wage.
    if highest is None or highest.annual or highest.median <= prevailing.hourly:
        return None
    given = facts.position.economic_region
    if given:
        why = f"{given} is not an economic region of {facts.position.province}"
    elif facts.position.city:
        why = f"the city ({facts.position.city}) is not in the bundled place table"
    else:
        why = "no economic region or city was given"
    message = (f"Only the median for {prevailing.place} ({money_per_hour(prevailing.hourly)}) was checked: {why}. "
               f"Job Bank's regional medians for NOC {facts.noc_code} in {facts.position.province} go up to "
               f"{money_per_hour(highest.median)} in {highest.area_name} ({highest.area})")
    if facts.hourly_wage >= highest.median - 1e-9:
        return message + f"; this wage of {money_per_hour(facts.hourly_wage)} meets even that. Enter the job's economic region."
    return message + f", above this wage of {money_per_hour(facts.hourly_wage)}. Enter the job's economic region."


@rule("WAGE_REGION_TO_VERIFY", severity=INFO, field="position.city", needs=("position.city", "position.province"),
      source="Statistics Canada, economic regions (ER 2021, SGC 2021); the project's place table (entries marked verify)")
def wage_region_to_verify(facts):
    region = facts.region
    if region is None or region.found_from != "city" or not region.to_verify:
        return None
    return (f"The economic region {region.name} ({region.code}) was taken from the city ({facts.position.city}), "
            f"but that place's region is not confirmed: verify on the official page (Statistics Canada ER 2021) "
            f"and enter the region if it differs.")


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


@rule("QUEBEC_JOINT_PROCESS", severity=INFO, field="position.province", programs=GTS, needs=("position.province",),
      source="ESDC, Hire a top foreign talent through the Global Talent Stream (Positions located in Quebec); "
             "ESDC GTS program requirements (Hiring in the province of Quebec)")
def quebec_joint_process(facts):
    # F-06: MIFI takes part in LMIA (GTS) hires only.
    if not _in_quebec(facts):
        return None
    return ("The job is in Quebec: the LMIA is a joint submission to Service Canada and Quebec's Ministère de "
            "l'Immigration, de la Francisation et de l'Intégration (MIFI), and the worker applies for the work permit "
            "with the positive LMIA letter and MIFI's Quebec Acceptance Certificate (CAQ).")


@rule("QUEBEC_LMIA_EXEMPT_WORK", severity=INFO, field="position.province", programs=("ict", "cusma"),
      needs=("position.province",),
      source="Third-party (DRN law, Hire a foreign worker in Quebec): no CAQ for LMIA-exempt work such as intra-company "
             "transferees; verify on MIFI's official page")
def quebec_lmia_exempt_work(facts):
    if not _in_quebec(facts):
        return None
    return ("The job is in Quebec: this LMIA-exempt work permit needs no LMIA, no Quebec Acceptance Certificate (CAQ) "
            "and no MIFI step; Quebec's employment laws still apply. This comes from a third-party source: verify on "
            "the official page (MIFI).")
