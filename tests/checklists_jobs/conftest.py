"""Fixtures for the checklist job tests: hires created through the real hires API."""
from __future__ import annotations

import pytest

from checklist_job_payloads import ICT_C63, WORKER_NAME, ict_payload  # noqa: F401


@pytest.fixture(autouse=True)
def forget_memos():
    """Each test restarts the ids (TRUNCATE … RESTART IDENTITY), so this process's (hire id, inputs) ->
    stored PDF memos from an earlier test would name a hire that is no longer the same one."""
    from employer_portal.checklists import builds, digest

    builds._READY_MEMO.clear()
    digest._HASH_MEMO.clear()


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
