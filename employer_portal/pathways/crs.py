"""Comprehensive Ranking System score with its breakdown, per the grid in force on a date (IRCC CRS criteria, S1).

Pure: `crs_score(candidate, languages, as_of, rules, arranged_employment=None)` -> dict. Sections:
core human capital, spouse factors, skill transferability (education group and foreign-experience
group capped at 50 each, certificate of qualification, 100 in all) and additional points
(sibling, French, Canadian education, nomination; job offers score 0 from 2025-03-25), capped at 600.
"""
from __future__ import annotations

import datetime as dt

from employer_portal.pathways.grid import all_at_least, tiered
from employer_portal.pathways.language import Languages
from employer_portal.pathways.rules import NoRulesInForce, PathwayRules, label
from employer_portal.schemas.pathways import Candidate


def _language_tier(per_ability: dict[str, int] | None) -> str | None:
    """Transferability language tier: CLB 9+ on all four, else CLB 7+ on all four, else none."""
    if all_at_least(per_ability, 9):
        return "clb9"
    if all_at_least(per_ability, 7):
        return "clb7"
    return None


def _canadian_tier(years: int) -> str | None:
    return "two_years" if years >= 2 else "one_year" if years == 1 else None


def _foreign_tier(years: int) -> str | None:
    return "three_years" if years >= 3 else "one_or_two_years" if years >= 1 else None


def missing_for_crs(candidate: Candidate, languages: Languages) -> list[str]:
    missing = []
    if candidate.age is None:
        missing.append("candidate.age")
    if candidate.education is None:
        missing.append("candidate.education")
    if languages.first is None:
        missing.append("candidate.first_language_clb")
    return missing


def crs_score(candidate: Candidate, languages: Languages, as_of: dt.date, rules: PathwayRules,
              arranged_employment: str | None = None) -> dict:
    """The score and its breakdown; `arranged_employment` is 'major_group_00', 'other' or None (no qualifying offer)."""
    missing = missing_for_crs(candidate, languages)
    try:
        version = rules.crs_version(as_of)
    except NoRulesInForce as exc:
        return _unscored(missing + ["as_of"], [str(exc)])
    notes = [f"{pending['note']}" for pending in rules.pending_crs_versions(as_of)]
    if missing:
        return _unscored(missing, notes, version)

    grid = version["grid"]
    with_spouse = candidate.marital_status == "married_accompanying"
    col = 1 if with_spouse else 2  # rows are [threshold, with_spouse, without_spouse]
    col2 = col - 1  # pairs are [with_spouse, without_spouse]

    # Core human capital.
    age = next((row[col] for row in grid["age"] if row[0] == candidate.age), 0)
    education = grid["education"][candidate.education][col2]
    first = sum(tiered(grid["first_language_per_ability"], level, col) for level in languages.first.values())
    second = 0
    if languages.second:
        second = min(sum(tiered(grid["second_language_per_ability"], level, col) for level in languages.second.values()),
                     grid["second_language_cap"][col2])
    canadian = tiered(grid["canadian_experience"], candidate.canadian_experience_years, col)
    core = {"age": age, "education": education, "first_language": first, "second_language": second,
            "canadian_experience": canadian}

    # Spouse factors: only with an accompanying spouse who is not a citizen or PR (then the profile says so).
    spouse_parts = {"education": 0, "first_language": 0, "canadian_experience": 0}
    if with_spouse and candidate.spouse is not None:
        table = grid["spouse"]
        spouse = candidate.spouse
        spouse_parts["education"] = table["education"].get(spouse.education, 0) if spouse.education else 0
        if languages.spouse_first:
            spouse_parts["first_language"] = sum(tiered(table["language_per_ability"], level, 1)
                                                 for level in languages.spouse_first.values())
        spouse_parts["canadian_experience"] = tiered(table["canadian_experience"], spouse.canadian_experience_years, 1)
    elif with_spouse:
        notes.append("The spouse's education, language and Canadian experience are not given: spouse factors score 0.")

    transferability = _transferability(candidate, languages, grid["transferability"])
    additional = _additional(candidate, languages, grid["additional"], version["arranged_employment"],
                             arranged_employment)
    if version["arranged_employment"]["other"] == 0:
        notes.append("Job offers earn no CRS points since 2025-03-25; the offer still counts for FSW eligibility "
                     "and some provincial streams.")

    totals = {
        "core": sum(core.values()),
        "spouse": sum(spouse_parts.values()),
        "transferability": transferability["total"],
        "additional": additional["total"],
    }
    return {
        "total": sum(totals.values()),
        **totals,
        "rules_version": version["version"],
        "effective_from": version["effective_from"],
        "status": version["status"],
        "label": label(version["status"]),
        "source": version["source"],
        "scored_as": "with accompanying spouse" if with_spouse else "single",
        "breakdown": {"core": core, "spouse": spouse_parts, "transferability": transferability,
                      "additional": additional},
        "language_converted_from_test": languages.converted,
        "notes": notes,
        "missing": [],
    }


def _transferability(candidate: Candidate, languages: Languages, table: dict) -> dict:
    level = candidate.education
    education_tier = ("advanced" if level in table["advanced_levels"]
                      else "post_secondary" if level in table["post_secondary_levels"] else None)
    language_tier = _language_tier(languages.first)
    canadian_tier = _canadian_tier(candidate.canadian_experience_years)
    foreign_tier = _foreign_tier(candidate.foreign_experience_years)

    def points(grid: dict, row: str | None, column: str | None) -> int:
        return grid[row][column] if row and column else 0

    education_language = points(table["education_x_language"], education_tier, language_tier)
    education_canadian = points(table["education_x_canadian_experience"], education_tier, canadian_tier)
    foreign_language = points(table["foreign_x_language"], foreign_tier, language_tier)
    foreign_canadian = points(table["foreign_x_canadian_experience"], foreign_tier, canadian_tier)
    certificate = 0
    if candidate.certificate_of_qualification:
        certificate = (table["certificate_of_qualification"]["clb7"] if all_at_least(languages.first, 7)
                       else table["certificate_of_qualification"]["clb5"] if all_at_least(languages.first, 5)
                       else 0)
    cap = table["group_cap"]
    education_group = min(cap, education_language + education_canadian)
    foreign_group = min(cap, foreign_language + foreign_canadian)
    return {
        "education": {"with_language": education_language, "with_canadian_experience": education_canadian,
                      "subtotal": education_group},
        "foreign_experience": {"with_language": foreign_language, "with_canadian_experience": foreign_canadian,
                               "subtotal": foreign_group},
        "certificate_of_qualification": min(cap, certificate),
        "total": min(table["total_cap"], education_group + foreign_group + min(cap, certificate)),
    }


def _additional(candidate: Candidate, languages: Languages, table: dict, offer_points: dict,
                arranged_employment: str | None) -> dict:
    french = 0
    if all_at_least(languages.french, 7):
        french = (table["french_with_english_clb5"] if all_at_least(languages.english, 5)
                  else table["french_with_weak_or_no_english"])
    years = candidate.canadian_education_years
    canadian_education = (table["canadian_education_three_years"] if years >= 3
                          else table["canadian_education_one_or_two_years"] if years >= 1 else 0)
    parts = {
        "sibling_in_canada": table["sibling_in_canada"] if candidate.sibling_in_canada else 0,
        "french": french,
        "canadian_education": canadian_education,
        "provincial_nomination": table["provincial_nomination"] if candidate.provincial_nomination else 0,
        "arranged_employment": offer_points[arranged_employment] if arranged_employment else 0,
    }
    return {**parts, "total": min(table["cap"], sum(parts.values()))}


def _unscored(missing: list[str], notes: list[str], version: dict | None = None) -> dict:
    return {
        "total": None, "core": None, "spouse": None, "transferability": None, "additional": None,
        "rules_version": version["version"] if version else None,
        "status": version["status"] if version else None,
        "source": version["source"] if version else None,
        "breakdown": None, "notes": notes, "missing": missing,
    }
