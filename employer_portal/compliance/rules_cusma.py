"""CUSMA Professionals rules under R204(a) (code T36).

Source: IRCC, Professionals - CUSMA [R204(a) - T36] (modified 2025-01-03),
including the Appendix 2 list in data/cusma_professions.json. The facts beyond
the list (citizenship codes, TEER, what a post-secondary credential is) are in
the "cusma" block of data/program_rules.json.
"""
from __future__ import annotations

import re

from employer_portal.compliance.registry import rule
from employer_portal.compliance.report import BLOCKER, INFO, WARNING

SOURCE = "IRPR R204(a); IRCC CUSMA Professionals instructions (T36, modified 2025-01-03)"
APPENDIX_2 = SOURCE + "; CUSMA Chapter 16, Appendix 2"
CITIZENS_COVERED = (SOURCE + "; IRCC International Mobility Program: CUSMA "
                    "(citizens of the U.S., incl. Puerto Rico, and Mexico)")

_DEGREE_LEVELS = ("bachelor", "master", "doctorate")
_LEVEL = {"none": 0, "secondary": 1, "certificate": 2, "diploma": 2, "bachelor": 3, "master": 4, "doctorate": 5}
_EDUCATION_WORDS = {
    None: "no education recorded", "none": "no formal education", "secondary": "secondary school",
    "certificate": "a certificate", "diploma": "a diploma", "bachelor": "a bachelor's degree",
    "master": "a master's degree", "doctorate": "a doctorate",
}
_POST_SECONDARY_KINDS = ("post_secondary_diploma", "post_secondary_certificate")

# A gap is (payload field, what is missing in plain words); a route is met when it has no gap.
Gap = tuple[str, str]


# --- citizenship -------------------------------------------------------------------------------

def _counted_as(facts) -> list[tuple[str, str, str]]:
    """(code, citizenship it counts as, place) for the worker's codes CUSMA reads as another (PR -> US)."""
    rules = facts.refdata.rules
    return [(code, as_code, place) for code, as_code, place in rules.cusma.citizenships_counted_as
            if code in facts.worker.citizenships and as_code in rules.cusma_citizenships]


def _covered_directly(facts) -> bool:
    return any(c in facts.refdata.rules.cusma_citizenships for c in facts.worker.citizenships)


@rule("CUSMA_CITIZENSHIP_INELIGIBLE", severity=BLOCKER, field="worker.citizenships", programs=("cusma",),
      needs=("worker.citizenships",), source=CITIZENS_COVERED)
def cusma_citizenship_ineligible(facts):
    if _covered_directly(facts) or _counted_as(facts):
        return None
    not_covered = facts.refdata.rules.cusma.citizenships_not_covered
    territories = [name for code, name in not_covered if code in facts.worker.citizenships]
    if territories:
        names = [name for _code, name in not_covered]
        return (f"The worker's citizenship of {_join(territories, 'and')} does not qualify: citizens of "
                f"{_join(names, 'and')} are not covered by CUSMA. Only citizens of the United States or Mexico are.")
    return ("CUSMA Professionals is only for citizens of the United States or Mexico "
            "(permanent residence there is not enough).")


@rule("CUSMA_CITIZENSHIP_READ_AS_US", severity=INFO, field="worker.citizenships", programs=("cusma",),
      needs=("worker.citizenships",), source=CITIZENS_COVERED)
def cusma_citizenship_read_as_us(facts):
    # Project code: the ISO code of Puerto Rico is not "US", but its citizens are U.S. citizens and CUSMA covers them.
    if _covered_directly(facts):
        return None
    counted = _counted_as(facts)
    if not counted:
        return None
    code, as_code, place = counted[0]
    return (f"Citizenship '{code}' ({place}) is read as {as_code} citizenship: CUSMA covers citizens of {place}. "
            f"The worker proves it with a U.S. passport or other proof of U.S. citizenship.")


# --- profession and occupation -----------------------------------------------------------------

@rule("CUSMA_PROFESSION_NOT_LISTED", severity=BLOCKER, field="cusma.profession", programs=("cusma",),
      needs=("cusma.profession",), source=APPENDIX_2)
def cusma_profession_not_listed(facts):
    if facts.refdata.cusma_profession(facts.cusma.profession) is not None:
        return None
    return f"'{facts.cusma.profession}' is not one of the 63 professions of CUSMA Appendix 2; the list is closed."


@rule("CUSMA_TEER_TOO_LOW", severity=BLOCKER, field="position.noc_code", programs=("cusma",),
      needs=("position.noc_code",), skip_unknown_noc=True,
      source=SOURCE + ", Review of the offer of employment: 'will work in a TEER 0, 1, 2 or 3 occupation'")
def cusma_teer_too_low(facts):
    group = facts.refdata.noc(facts.noc_code)
    max_teer = facts.refdata.rules.cusma.max_teer
    if group is None or group.teer <= max_teer:
        return None
    return (f"NOC {group.code} ({group.title}) is a TEER {group.teer} occupation. CUSMA professionals work in "
            f"TEER 0 to {max_teer} occupations at a professional level, so this job cannot be filled under T36. "
            f"Check that the NOC code matches the professional duties.")


@rule("CUSMA_PROFESSION_NOC_MISMATCH", severity=WARNING, field="position.noc_code", programs=("cusma",),
      needs=("position.noc_code", "cusma.profession"), skip_unknown_noc=True,
      source=SOURCE + ", NOC and Job Title; Eligible professions: 'Officers should allow for alternative job titles in "
                      "instances where the job duties are interchangeable. This can be confirmed by referring to the "
                      "National Occupational Classification (NOC)'")
def cusma_profession_noc_mismatch(facts):
    profession = facts.refdata.cusma_profession(facts.cusma.profession)
    # Only professions the data maps to NOC groups are checked; an unmapped one gets no warning.
    if profession is None or not profession.noc_prefixes or facts.noc_code.startswith(profession.noc_prefixes):
        return None
    group = facts.refdata.noc(facts.noc_code)
    title = f" ({group.title})" if group is not None else ""
    usual = ", ".join(p.ljust(5, "x") for p in profession.noc_prefixes)
    extra = (" A Scientific Technician/Technologist's job should be that of a scientific or engineering technician "
             "or technologist; work normally done by the construction trades does not qualify."
             if profession.supported_disciplines else "")
    return (f"NOC {facts.noc_code}{title} is not one of the occupations usually used for {profession.profession} "
            f"(NOC {usual}). Officers accept another job title only when the duties are interchangeable with the "
            f"profession's: confirm the duties are those of the profession, or choose the NOC that fits them.{extra} "
            f"The profession-to-NOC list is the project's own reading of NOC 2021 ({profession.noc_groups_status}): "
            f"verify on the official NOC page.")


# --- education and credentials -------------------------------------------------------------------

def _credential_kind(facts) -> str | None:
    credential = facts.cusma.credential
    return credential.kind if credential is not None else None


def _degree_kinds_held(facts) -> set[str]:
    """'degree' and/or 'licenciatura': from worker.highest_education and cusma.credential."""
    held = set()
    if facts.worker.highest_education in _DEGREE_LEVELS or _credential_kind(facts) == "degree":
        held.add("degree")
    if _credential_kind(facts) == "licenciatura":
        held |= {"licenciatura", "degree"}  # a Licenciatura is a bachelor-level degree
    return held


def _education_level(facts) -> int:
    level = _LEVEL.get(facts.worker.highest_education or "none", 0)
    return max(level, _LEVEL["bachelor"]) if _credential_kind(facts) in ("degree", "licenciatura") else level


def _licensed(facts) -> bool:
    return facts.cusma.licensed or _credential_kind(facts) == "licence"


def _education_words(facts) -> str:
    return _EDUCATION_WORDS.get(facts.worker.highest_education, str(facts.worker.highest_education))


def _degree_gaps(profession, facts) -> list[Gap]:
    held = _degree_kinds_held(facts)
    if held & set(profession.degree_kinds_accepted):
        return []
    if set(profession.degree_kinds_accepted) == {"licenciatura"}:
        if held:
            return [("cusma.credential", "a Licenciatura degree (a bachelor's or other degree does not count for this "
                                         "profession; if the worker's degree is a Mexican Licenciatura, enter the "
                                         "credential kind 'licenciatura')")]
        return [("worker.highest_education", f"a Licenciatura degree (the worker has {_education_words(facts)})")]
    return [("worker.highest_education",
             f"a Baccalaureate or Licenciatura degree (the worker has {_education_words(facts)})")]


def _named_degree_gaps(profession, facts) -> list[Gap]:
    if _education_level(facts) >= _LEVEL[profession.named_degree_min_level]:
        return []
    named = profession.other_credentials or profession.requirement
    return [("worker.highest_education",
             f"the degree Appendix 2 names ({named}; the worker has {_education_words(facts)})")]


def _post_secondary_gap(facts) -> Gap | None:
    """Why the worker's diploma or certificate does not count as a CUSMA Post-Secondary Diploma/Certificate, or None."""
    rules = facts.refdata.rules.cusma
    min_years = rules.post_secondary_min_years
    countries = rules.diploma_countries | rules.certificate_countries
    where = ("Canada or the U.S. (a diploma from an accredited institution) or Mexico (a certificate issued or "
             "recognised by the federal or a state government)")
    credential = facts.cusma.credential
    if _credential_kind(facts) in _POST_SECONDARY_KINDS:
        if credential.years_of_study is None:
            return ("cusma.credential", f"the credential's length of study (enter it: a diploma or certificate counts "
                                        f"only after {min_years:g} or more years of post-secondary study)")
        if credential.years_of_study < min_years:
            return ("cusma.credential", f"{min_years:g} or more years of post-secondary study (the credential took "
                                        f"{credential.years_of_study:g})")
        if credential.country is None:
            return ("cusma.credential", f"the country that issued the credential (enter it: it must be from {where})")
        if credential.country not in countries:
            return ("cusma.credential",
                    f"a diploma or certificate earned in {where}; the worker's is from {credential.country}")
        return None
    if _degree_kinds_held(facts):
        return None  # a degree is more than a diploma
    if facts.worker.highest_education in ("certificate", "diploma"):
        return ("cusma.credential", f"a diploma or certificate of {min_years:g} or more years of post-secondary study "
                                    f"earned in {where}; {_education_words(facts)} alone does not show it: enter the "
                                    f"credential's length and country")
    return ("worker.highest_education",
            f"a Post-Secondary Diploma or Certificate (the worker has {_education_words(facts)})")


def _diploma_gaps(profession, facts) -> list[Gap]:
    gaps = []
    gap = _post_secondary_gap(facts)
    if gap is not None:
        gaps.append(gap)
    years = facts.worker.years_experience or 0
    if years < profession.diploma_plus_years:
        gaps.append(("worker.years_experience", f"{profession.diploma_plus_years} years' experience with the diploma "
                                                f"or certificate (the worker has {years:g})"))
    return gaps


def _licence_gaps(profession, facts) -> list[Gap]:
    return [] if _licensed(facts) else [("cusma.licensed", "a state or provincial licence")]


def _experience_gaps(profession, facts) -> list[Gap]:
    years = facts.worker.years_experience or 0
    if years >= profession.experience_only_years:
        return []
    return [("worker.years_experience",
             f"{profession.experience_only_years} years' experience (the worker has {years:g})")]


def _technician_gaps(profession, facts) -> list[Gap]:
    """Scientific Technician/Technologist: a supported professional in a listed discipline and 2 years' study."""
    gaps = []
    disciplines = _join([d for d, _keys in profession.supported_disciplines], "or")
    supported = facts.cusma.supported_profession
    if not supported:
        gaps.append(("cusma.supported_profession", f"the profession of the professional whose work the technician "
                                                   f"directly supports (enter it: one in {disciplines})"))
    elif profession.discipline_of(supported) is None:
        listed = facts.refdata.cusma_profession(supported)
        name = listed.profession if listed is not None else supported
        gaps.append(("cusma.supported_profession", f"a supported professional in {disciplines} ({name} is not in "
                                                   f"these disciplines)"))
    min_years = profession.theory_min_years_of_study
    study = f"theoretical knowledge from at least {min_years:g} years of post-secondary study in a relevant program"
    credential = facts.cusma.credential
    years = credential.years_of_study if credential is not None else None
    if years is not None:
        if years < min_years:
            gaps.append(("cusma.credential", f"{study} (the credential took {years:g})"))
    elif _education_level(facts) < _LEVEL["diploma"] or facts.worker.highest_education == "certificate":
        if _credential_kind(facts) in _POST_SECONDARY_KINDS or facts.worker.highest_education == "certificate":
            gaps.append(("cusma.credential", f"{study} (enter the credential's length of study: "
                                             f"{_education_words(facts)} alone does not show it)"))
        else:
            gaps.append(("worker.highest_education", f"{study} (the worker has {_education_words(facts)})"))
    return gaps


def _route_gaps(profession, facts) -> dict[str, list[Gap]]:
    """Each Appendix 2 route the profession has -> what the worker still lacks for it (empty: the route is met)."""
    if profession.supported_disciplines:
        return {"technician": _technician_gaps(profession, facts)}
    routes = {}
    if profession.degree_kinds_accepted:
        routes["degree"] = _degree_gaps(profession, facts)
    if profession.named_degree_min_level:
        routes["named_degree"] = _named_degree_gaps(profession, facts)
    if profession.diploma_plus_years is not None:
        routes["diploma"] = _diploma_gaps(profession, facts)
    if profession.licence_accepted:
        routes["licence"] = _licence_gaps(profession, facts)
    if profession.experience_only_years is not None:
        routes["experience"] = _experience_gaps(profession, facts)
    return routes


def _destination_licence_gap(profession, facts) -> Gap | None:
    """Registered Nurse: a licence issued by the province of destination, whatever the degree."""
    if not profession.destination_licence_required:
        return None
    province = facts.position.province or "enter the job's province"
    issued = facts.cusma.licence_province
    if not _licensed(facts):
        return ("cusma.licensed", f"a licence issued by the province of destination ({province}), which a "
                                  f"{profession.profession} needs to be authorized to enter Canada")
    if issued is None:
        return ("cusma.licence_province", f"the province that issued the licence (enter it: a {profession.profession} "
                                          f"needs a licence from the province of destination, {province})")
    if issued != province:
        return ("cusma.licence_province", f"a licence from the province of destination ({province}); the worker's "
                                          f"licence is from {issued}")
    return None


@rule("CUSMA_EDUCATION_INSUFFICIENT", severity=BLOCKER, field="worker.highest_education", programs=("cusma",),
      needs=("cusma.profession", "worker.highest_education"),
      source=APPENDIX_2 + " (minimum education requirements and alternative credentials, with the notes on "
                          "Post-Secondary Diploma/Certificate, Scientific Technician/Technologist and Registered Nurse)")
def cusma_education_insufficient(facts):
    profession = facts.refdata.cusma_profession(facts.cusma.profession)
    if profession is None:
        return None  # CUSMA_PROFESSION_NOT_LISTED says it
    routes = _route_gaps(profession, facts)
    missing: list[Gap] = []
    alternatives = []
    if routes and all(routes.values()):
        for gaps in routes.values():
            alternatives.append(" and ".join(text for _field, text in gaps))
        missing.extend(gaps[0] for gaps in routes.values())
    licence_gap = _destination_licence_gap(profession, facts)
    if licence_gap is not None:
        missing.append(licence_gap)
    if not missing:
        return None
    parts = []
    if alternatives:
        parts.append("Not shown: " + "; or ".join(alternatives) + ".")
    if licence_gap is not None:
        parts.append(("Also needed: " if alternatives else "Not shown: ") + licence_gap[1] + ".")
    requirement = (_TECHNICIAN_REQUIREMENT if profession.supported_disciplines else profession.requirement).rstrip(".")
    # Point at what the worker can add: a gap other than the education level itself, when there is one.
    field = next((f for f, _text in missing if f != "worker.highest_education"), missing[0][0])
    return [(field, f"{profession.profession} needs: {requirement}. " + " ".join(parts))]


_TECHNICIAN_REQUIREMENT = ("theoretical knowledge of a listed discipline (generally at least two years of training in "
                           "a relevant educational program) and work in direct support of a professional in "
                           "agricultural sciences, astronomy, biology, chemistry, engineering, forestry, geology, "
                           "geophysics, meteorology or physics, who manages, coordinates and reviews the work")


@rule("CUSMA_FIELD_OF_STUDY_UNCONFIRMED", severity=WARNING, field="worker.field_of_study", programs=("cusma",),
      needs=("cusma.profession", "worker.highest_education"),
      source=SOURCE + ", Occupational qualifications: 'In instances where a baccalaureate degree is required, the "
                      "degree must be in the specific field or in a closely related field.'")
def cusma_field_of_study_unconfirmed(facts):
    profession = facts.refdata.cusma_profession(facts.cusma.profession)
    if profession is None:
        return None
    routes = _route_gaps(profession, facts)
    by_degree = any(not routes.get(r, [None]) for r in ("degree", "named_degree"))
    by_other = any(not routes.get(r, [None]) for r in ("licence", "experience"))
    if not by_degree or by_other:
        return None  # the worker does not rely on a degree (a licence or the experience route is enough)
    field = (facts.worker.field_of_study or "").strip()
    if not field:
        return (f"Enter the worker's field of study: for {profession.profession} the degree must be in the specific "
                f"field or a closely related one. Confirm it before the offer is made.")
    if not profession.field_keywords or _resembles(field, profession.field_keywords):
        return None
    return (f"The worker's field of study ('{field}') does not look like {profession.profession}: the degree must be "
            f"in the specific field or a closely related one. Confirm the degree is in a closely related field "
            f"(this is a word check by the project, not an assessment).")


def _resembles(field: str, keywords: tuple[str, ...]) -> bool:
    text = field.casefold()
    return any(re.search(r"\b" + re.escape(k), text) for k in keywords)


# --- duration and self-employment -----------------------------------------------------------------

@rule("CUSMA_DURATION_OVER_3_YEARS", severity=WARNING, field="position.end_date", programs=("cusma",),
      needs=("position.start_date", "position.end_date"),
      source=SOURCE + ", Length of stay: 'Initial work permits can be granted for durations of up to 3 years. "
                      "Extensions can also be issued in increments of up to 3 years with no limit on the number of "
                      "extensions'")
def cusma_duration_over_3_years(facts):
    route = facts.refdata.exemption_route("cusma")
    if route is None or not facts.job_longer_than(route.initial_max_months):
        return None
    years = route.initial_max_months // 12
    return (f"The job runs from {facts.start.isoformat()} to {facts.end.isoformat()}, longer than one CUSMA permit: "
            f"a permit is granted for up to {years} years at a time. Plan an extension before the first permit ends; "
            f"each extension (up to {years} years, no limit on their number) needs a new offer in IRCC's Employer Portal.")


@rule("CUSMA_SELF_EMPLOYMENT", severity=BLOCKER, field="cusma.worker_controls_employer", programs=("cusma",),
      source=SOURCE + " (no self-employment in Canada)")
def cusma_self_employment(facts):
    if facts.cusma is None or not facts.cusma.worker_controls_employer:
        return None
    return "The worker controls the Canadian employer; CUSMA Professionals does not allow self-employment in Canada."


def _join(items: list[str], word: str) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]
