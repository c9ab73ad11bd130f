"""Demo hires for `seed-demo`: one eligible GTS Category B draft, one ICT transfer with a blocker, one CUSMA professional.

Fictitious people; passport numbers and birth dates are made up and go through the
same service (encrypted columns, audit trail, report) as real ones.
"""
from __future__ import annotations

from employer_portal.hires import service

DEMO_HIRES = (
    {   # Eligible: 21231 in Toronto at $135,000 a year, above Ontario's prevailing wage.
        "program": "gts_b",
        "worker": {"given_name": "Ana", "family_name": "Silva", "email": "ana.silva@example.com",
                   "citizenships": ["BR"], "highest_education": "master", "field_of_study": "Computer science",
                   "years_experience": 6, "passport_number": "FX123456", "date_of_birth": "1991-04-12"},
        "position": {"title": "Senior software engineer", "noc_code": "21231", "province": "ON",
                     "economic_region": "ER3530", "city": "Toronto", "wage": {"amount": 135000, "period": "year"},
                     "hours_per_week": 40, "start_date": "2027-03-01", "end_date": "2029-02-28"},
    },
    {   # Blocked: 8 months with the parent company is under the 12 months ICT needs.
        "program": "ict",
        "worker": {"given_name": "Jonas", "family_name": "Becker", "citizenships": ["DE"],
                   "highest_education": "bachelor", "years_experience": 4},
        "position": {"title": "Cloud infrastructure specialist", "noc_code": "21233", "province": "BC",
                     "city": "Vancouver", "wage": {"amount": 70, "period": "hour"}, "hours_per_week": 40,
                     "start_date": "2027-05-01", "end_date": "2029-04-30"},
        "ict": {"foreign_employer": "Demo Tech GmbH", "relationship": "parent", "category": "specialized_knowledge",
                "continuous_full_time_months": 8, "prior_ict_months_in_canada": 0},
    },
    {   # CUSMA Professionals: a US computer systems analyst with a bachelor's degree (LMIA-exempt, T36).
        "program": "cusma",
        "worker": {"given_name": "Maria", "family_name": "Lopez", "citizenships": ["US"],
                   "highest_education": "bachelor", "field_of_study": "Information systems", "years_experience": 5},
        "position": {"title": "Systems analyst", "noc_code": "21222", "province": "ON", "city": "Ottawa",
                     "wage": {"amount": 110000, "period": "year"}, "hours_per_week": 40,
                     "start_date": "2027-04-01", "end_date": "2030-03-31"},
        "cusma": {"profession": "computer_systems_analyst", "licensed": False, "worker_controls_employer": False},
    },
)


def seed_demo_hires(employer, users: dict) -> None:
    """DEMO_EXTENSIONS entry: the demo hires, owned by the demo HR user."""
    for payload in DEMO_HIRES:
        service.create_draft(employer.id, payload, users["hr"])
