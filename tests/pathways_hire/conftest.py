"""A GTS hire starting 2027-03-01 at 40 hours, and its candidate profile (hand-made, plain values)."""
from __future__ import annotations

import copy

import pytest

GTS_HIRE = {
    "program": "gts_b",
    "worker": {"given_name": "Ana", "family_name": "Silva", "email": "ana@example.com", "citizenships": ["BR"],
               "highest_education": "master", "years_experience": 6,
               "passport_number": "YB1234567", "date_of_birth": "1996-04-12"},
    "position": {"title": "Senior software engineer", "noc_code": "21231", "province": "ON",
                 "wage": {"amount": 135000, "period": "year"}, "hours_per_week": 40,
                 "start_date": "2027-03-01", "end_date": "2029-02-28"},
    "gts": {"referral_partner": None},
}
# Single, master's degree, CLB 9 in English, 3 years of skilled work abroad.
PROFILE = {
    "marital_status": "single", "education": "master", "first_language": "english",
    "first_language_clb": {"listening": 9, "reading": 9, "writing": 9, "speaking": 9},
    "foreign_experience_years": 3,
}
PERMIT_EXPIRES = "2029-02-28"


@pytest.fixture
def gts_hire():
    return copy.deepcopy(GTS_HIRE)


@pytest.fixture
def profile():
    return copy.deepcopy(PROFILE)


@pytest.fixture
def hr(make):
    return make.user(make.employer(), role="hr")


@pytest.fixture
def api(api_for, hr):
    return api_for(hr)


def put(api, path, body):
    return api.put(path, json=body)


@pytest.fixture
def submitted_hire(api, gts_hire):
    """The GTS hire, submitted, with its permit recorded (issued 2027-02-15, expiring 2029-02-28)."""
    hire_id = api.post("/api/v1/hires", json=gts_hire).get_json()["id"]
    response = api.post(f"/api/v1/hires/{hire_id}/submit")
    assert response.status_code == 200, response.get_json()
    response = put(api, f"/api/v1/hires/{hire_id}/dates", {
        "work_permit_issued_on": "2027-02-15", "work_permit_expires_on": PERMIT_EXPIRES})
    assert response.status_code == 200, response.get_json()
    return hire_id
