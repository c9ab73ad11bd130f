"""Small factories for the checklist tests (pure: no database, no Celery).

Imported by the test modules as `checklist_factories` (a unique name, so it
never clashes with other folders' helpers)."""
from __future__ import annotations

import datetime as dt

from employer_portal.checklists.builder import build_checklist
from employer_portal.checklists.document import (
    ChecklistDocument,
    DeadlineLine,
    DocumentItem,
    hire_summary,
)
from employer_portal.schemas.hire import HirePayload

# Rows shaped like the CUSMA professions reference data (spec data/cusma_professions.csv).
ENGINEER = {
    "key": "engineer", "profession": "Engineer",
    "accepts_baccalaureate_or_licenciatura": "Y", "alt_post_secondary_diploma_or_certificate_plus_years": "",
    "alt_state_provincial_licence": "Y", "alt_experience_only_years": "", "other_credentials": "",
    "min_education_core_text": "Baccalaureate or Licenciatura Degree; or state/provincial licence",
}
ECONOMIST = {
    "key": "economist", "profession": "Economist",
    "accepts_baccalaureate_or_licenciatura": "Y", "alt_post_secondary_diploma_or_certificate_plus_years": "",
    "alt_state_provincial_licence": "N", "alt_experience_only_years": "", "other_credentials": "",
    "min_education_core_text": "Baccalaureate or Licenciatura Degree",
}
COMPUTER_SYSTEMS_ANALYST = {
    "key": "computer_systems_analyst", "profession": "Computer Systems Analyst",
    "accepts_baccalaureate_or_licenciatura": "Y", "alt_post_secondary_diploma_or_certificate_plus_years": "3",
    "alt_state_provincial_licence": "N", "alt_experience_only_years": "", "other_credentials": "",
    "min_education_core_text": "Baccalaureate or Licenciatura Degree; or Post-Secondary Diploma or "
    "Post-Secondary Certificate, and three years’ experience",
}
MANAGEMENT_CONSULTANT = {
    "key": "management_consultant", "profession": "Management Consultant",
    "accepts_baccalaureate_or_licenciatura": "Y", "alt_post_secondary_diploma_or_certificate_plus_years": "",
    "alt_state_provincial_licence": "N", "alt_experience_only_years": "5", "other_credentials": "",
    "min_education_core_text": "Baccalaureate or Licenciatura Degree; or equivalent professional experience",
}


def make_hire(program: str | None = "gts_b", **overrides) -> HirePayload:
    """A complete, plausible hire; `overrides` replace whole blocks (worker=…, position=…, ict=…)."""
    data = {
        "program": program,
        "worker": {
            "given_name": "Ana", "family_name": "Silva", "citizenships": ["BR"],
            "highest_education": "master", "years_experience": 6,
        },
        "position": {
            "title": "Senior software engineer", "noc_code": "21231", "province": "ON", "city": "Toronto",
            "wage": {"amount": 135000, "period": "year"}, "hours_per_week": 40,
            "start_date": "2027-03-01", "end_date": "2029-02-28",
            "duties": "Designs and builds the robot fleet's planning services.",
        },
        "gts": {"referral_partner": "Communitech"} if program == "gts_a" else None,
        "ict": {"relationship": "subsidiary", "category": "executive_manager", "continuous_full_time_months": 30}
        if program == "ict" else None,
        "cusma": {"profession": "computer_systems_analyst"} if program == "cusma" else None,
    }
    data.update(overrides)
    return HirePayload.model_validate(data)


def keys(items) -> list[str]:
    return [item.key for item in items]


def make_document(payload: HirePayload | None = None, *, statuses=None, **overrides) -> ChecklistDocument:
    """A checklist document as the build job would assemble it."""
    payload = payload or make_hire("ict", ict={"relationship": "subsidiary", "category": "specialized_knowledge",
                                               "continuous_full_time_months": 30})
    items = build_checklist(payload)
    statuses = statuses or {}
    fields = dict(
        employer_name="Maple Robotics Inc.",
        hire=hire_summary(payload, noc_title="Software engineers and designers"),
        route_label="Intra-Company Transfer",
        lmia_code="C63",
        findings=[
            {"code": "WAGE_BELOW_PREVAILING", "severity": "blocker", "field": "position.wage.amount",
             "message": "The wage is below the prevailing wage for NOC 21231 in Ontario.",
             "source": "IRCC ICT instructions (C63)"},
            {"code": "EMPLOYER_PORTAL_OFFER_REQUIRED", "severity": "info", "field": None,
             "message": "Submit the offer in the Employer Portal and pay the $230 fee before the worker applies.",
             "source": "IRPR R209.11, R303.1"},
        ],
        items=[DocumentItem(item, statuses.get(item.key, "missing")) for item in items],
        deadlines=[DeadlineLine("Employer Portal offer and $230 fee", dt.date(2027, 1, 15)),
                   DeadlineLine("Rights information to the worker", dt.date(2027, 3, 1))],
        versions={"rules": "2026.11", "reference_data": "jobbank-2025-11-19"},
        generated_at=dt.datetime(2026, 11, 24, 15, 30, tzinfo=dt.timezone.utc),
    )
    fields.update(overrides)
    return ChecklistDocument(**fields)

