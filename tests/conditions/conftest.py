"""Hires past submission for the Conditions tests: a GTS Category B hire moved to the status wanted."""
from __future__ import annotations

import copy

import pytest

from conditions_samples import GTS_B, PATH


@pytest.fixture
def hr(make):
    return make.user(make.employer("Small Co"), role="hr")


@pytest.fixture
def api(api_for, hr):
    return api_for(hr)


@pytest.fixture
def hire_in(api):
    """hire_in("active") -> the id of a GTS B hire submitted and moved to that status."""

    def build(status: str = "active", payload: dict | None = None) -> int:
        hire_id = api.post("/api/v1/hires", json=copy.deepcopy(payload or GTS_B)).get_json()["id"]
        assert api.post(f"/api/v1/hires/{hire_id}/submit").status_code == 200
        for step in PATH[status]:
            assert api.post(f"/api/v1/hires/{hire_id}/status", json={"status": step}).status_code == 200
        return hire_id

    return build
