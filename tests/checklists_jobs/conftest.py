"""Fixtures for the checklist job tests: hires created through the real hires API."""
from __future__ import annotations

import copy

import pytest

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


@pytest.fixture
def employer_team(make, api_for):
    """An employer with an admin and a viewer API client (and their UserRefs)."""
    employer_id = make.employer()
    admin = make.user(employer_id, role="admin")
    viewer = make.user(employer_id, role="viewer")
    return {"employer_id": employer_id, "admin": admin, "viewer": viewer,
            "api": api_for(admin), "viewer_api": api_for(viewer)}


@pytest.fixture
def new_hire(employer_team):
    """new_hire(payload=None) -> hire id, created as a draft through POST /api/v1/hires."""

    def create(payload: dict | None = None) -> int:
        response = employer_team["api"].post("/api/v1/hires", json=payload or ict_payload())
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json()["id"]

    return create
