"""Federal Skilled Worker Program: the 67-point selection grid and the minimum requirements (S3; IRPR R75-R83).

Pure: `fsw_assessment(request, languages, arranged, rules)` -> {points, eligible, missing, to_confirm, breakdown}.
`missing` lists what keeps the worker from being eligible now, in plain words; `to_confirm` what the
inputs cannot show (continuity of the experience, funds when no offer counts).
"""
from __future__ import annotations

from employer_portal.pathways.grid import all_at_least, tiered
from employer_portal.pathways.language import Languages, lowest
from employer_portal.pathways.occupation import add_months
from employer_portal.pathways.rules import PathwayRules, label
from employer_portal.schemas.pathways import PathwaysRequest


def fsw_assessment(request: PathwaysRequest, languages: Languages, arranged: dict, rules: PathwayRules) -> dict:
    as_of = request.as_of
    candidate = request.candidate
    grid = rules.fsw_version(as_of)
    missing: list[str] = []
    to_confirm = ["The year of experience must be continuous, paid and in one TEER 0-3 occupation within the "
                  "last 10 years (IRPR R75(2)(a))."]

    # Language: CLB 7 in all four abilities of the first official language is the minimum.
    first = languages.first
    if first is None:
        missing.append("First official language results (CLB 7 in all four abilities is the minimum).")
        language = 0
    else:
        language = sum(tiered(grid["first_language_per_ability"], level, 1) for level in first.values())
        if lowest(first) < grid["minimum_clb"]:
            missing.append(f"CLB {grid['minimum_clb']} in all four abilities of the first official language "
                           f"(the lowest now is CLB {lowest(first)}).")
    second_rule = grid["second_language_all_abilities"]
    second = second_rule["points"] if all_at_least(languages.second, second_rule["min_clb"]) else 0

    # Education: a credential, and for a foreign one an ECA less than 5 years old.
    education = grid["education"].get(candidate.education, 0) if candidate.education else 0
    if candidate.education in (None, "less_than_secondary"):
        missing.append("A completed secondary or post-secondary credential.")
    elif candidate.canadian_education_years == 0:
        if candidate.eca_date is None:
            missing.append("An Educational Credential Assessment (ECA) of the foreign credential.")
        elif add_months(candidate.eca_date, 12 * grid["eca_valid_years"]) <= as_of:
            missing.append(f"A new ECA: the one from {candidate.eca_date.isoformat()} is more than "
                           f"{grid['eca_valid_years']} years old.")

    years = candidate.canadian_experience_years + candidate.foreign_experience_years
    experience = tiered(grid["experience"], years, 1)
    if years < grid["minimum_experience_years"]:
        missing.append("At least 1 year of full-time (or 1,560 hours part-time) skilled work in one TEER 0-3 "
                       "occupation within the last 10 years.")

    age = next((points for year, points in grid["age"] if year == candidate.age), 0) if candidate.age else 0
    offer = grid["arranged_employment"] if arranged["qualifies"] else 0

    spouse = candidate.spouse if candidate.marital_status == "married_accompanying" else None
    table = grid["adaptability"]
    adaptability_parts = {
        "spouse_language": table["spouse_language_clb4"] if spouse and all_at_least(languages.spouse_first, 4) else 0,
        "canadian_study": table["principal_canadian_study_two_years"] if candidate.canadian_education_years >= 2 else 0,
        "canadian_work": table["principal_canadian_work_one_year"] if candidate.canadian_experience_years >= 1 else 0,
        "spouse_canadian_work": (table["spouse_canadian_work_one_year"]
                                 if spouse and spouse.canadian_experience_years >= 1 else 0),
        "arranged_employment": table["arranged_employment"] if arranged["qualifies"] else 0,
        "relative_in_canada": table["relative_in_canada"] if candidate.sibling_in_canada else 0,
    }
    adaptability = min(table["cap"], sum(adaptability_parts.values()))

    breakdown = {"language": language, "second_language": second, "education": education,
                 "experience": experience, "age": age, "arranged_employment": offer,
                 "adaptability": adaptability}
    points = sum(breakdown.values())
    if points < grid["pass_mark"]:
        missing.append(f"{grid['pass_mark']} selection points out of 100 (now {points}).")
    if request.job.province == "QC":
        missing.append("A plan to live outside Quebec: the FSW program is not open to Quebec-destined workers.")

    if arranged["qualifies"]:
        funds = "Exempt from proof of funds: authorized to work in Canada with a valid job offer (IRPR R76(1)(b)(ii))."
    else:
        amount = grid["proof_of_funds_one_person"]
        funds = (f"Proof of funds unless a job offer counts (for one person ${amount['amount']:,}; "
                 f"verify on the official page).")
        to_confirm.append(funds)
    return {
        "points": points,
        "pass_mark": grid["pass_mark"],
        "eligible": not missing,
        "missing": missing,
        "to_confirm": to_confirm,
        "breakdown": breakdown,
        "adaptability": adaptability_parts,
        "arranged_employment": arranged,
        "proof_of_funds": funds,
        "rules_version": grid["version"],
        "status": grid["status"],
        "label": label(grid["status"]),
        "source": grid["source"],
    }
