"""Hire payloads shared by the checklist job tests (imported by name: a module, not a conftest)."""
from __future__ import annotations

import copy

WORKER_NAME = "Ana Silva-Pereira"

ICT_C63 = {
    "program": "ict",
    "worker": {"given_name": "Ana", "family_name": "Silva-Pereira", "email": "ana@example.com",
               "citizenships": ["BR"], "highest_education": "master", "field_of_study": "Computer science",
               "years_experience": 8},
    "position": {"title": "Senior software engineer", "noc_code": "21231", "duties": "Design distributed systems.",
                 "province": "BC", "city": "Vancouver", "wage": {"amount": 150000, "period": "year"},
                 "hours_per_week": 40, "start_date": "2027-03-01", "end_date": "2029-02-28"},
    "ict": {"foreign_employer": "Acme GmbH", "relationship": "parent", "category": "specialized_knowledge",
            "continuous_full_time_months": 30, "prior_ict_months_in_canada": 0},
}


def ict_payload(**position) -> dict:
    payload = copy.deepcopy(ICT_C63)
    payload["position"].update(position)
    return payload
