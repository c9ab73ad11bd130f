"""A GTS hire starting 2027-03-01 at 40 hours, and its candidate profile (hand-made, plain values)."""
from __future__ import annotations

import copy

import pytest

from pathways_hire_samples import GTS_HIRE, PERMIT_EXPIRES, PROFILE  # noqa: E402


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


@pytest.fixture
def submitted_hire(api, gts_hire):
    """The GTS hire, submitted, with its permit recorded (issued 2027-02-15, expiring 2029-02-28)."""
    hire_id = api.post("/api/v1/hires", json=gts_hire).get_json()["id"]
    response = api.post(f"/api/v1/hires/{hire_id}/submit")
    assert response.status_code == 200, response.get_json()
    response = api.put(f"/api/v1/hires/{hire_id}/dates", json={
        "work_permit_issued_on": "2027-02-15", "work_permit_expires_on": PERMIT_EXPIRES})
    assert response.status_code == 200, response.get_json()
    return hire_id
