"""Deadlines over the API and on the hire page: the existing fields, plus the permit application and the
IRPR Schedule 2 violation of each duty (REVIEW-2026-12 F-29, F-30, F-33)."""
from __future__ import annotations

import datetime as dt

import pytest

UTC = dt.timezone.utc


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2027, 2, 1, 14, 0, tzinfo=UTC), tick=False)


@pytest.fixture
def gts_hire(app):
    """gts_hire(user, **payload_changes) -> id of an approved GTS Category B hire starting 2027-03-01."""
    from employer_portal.extensions import db
    from employer_portal.models import Hire

    def create(user, **changes) -> int:
        payload = {"program": "gts_b", "worker": {"given_name": "Ana", "family_name": "Silva"},
                   "position": {"title": "Data engineer", "noc_code": "21211", "province": "ON",
                                "hours_per_week": 40, "wage": {"period": "hour", "amount": 60},
                                "start_date": "2027-03-01"}, **changes}
        with app.app_context():
            hire = Hire(employer_id=user.employer_id, hr_owner_id=user.id, status="approved", program="gts_b",
                        worker_name="Ana Silva", job_title="Data engineer", noc_code="21211", province="ON",
                        payload=payload, dates={})
            db.session.add(hire)
            db.session.commit()
            return hire.id

    return create


def test_each_deadline_keeps_its_fields_and_adds_its_violation(make, api_for, gts_hire):
    """IRPR Schedule 2, item 2: keeping compliance records for 6 years is a Type A condition."""
    user = make.user(role="hr")
    hire_id = gts_hire(user)
    api = api_for(user)
    response = api.client.put(f"/api/v1/hires/{hire_id}/dates", headers={"Authorization": f"Bearer {api.token}"},
                              json={"first_day_of_work": "2027-03-01"})
    assert response.status_code == 200, response.get_json()
    deadlines = {d["kind"]: d for d in api.get(f"/api/v1/hires/{hire_id}/deadlines").get_json()["deadlines"]}
    retention = deadlines["record_retention"]
    assert {"id", "key", "kind", "title", "due_date", "rule_id", "why", "source", "estimated", "reminders"} <= set(retention)
    assert retention["violation"]["type"] == "A"
    assert retention["violation"]["text"].startswith("Missing it can cost $500–$100,000")
    assert deadlines["rights_information"]["violation"]["type"] == "B"


def test_recording_the_permit_application_ends_the_lmia_expiry_deadline(make, api_for, gts_hire):
    """LMIA-6M: 'The LMIA expiry date is the date by which the TFW must have applied for a work permit.'"""
    user = make.user(role="hr")
    hire_id = gts_hire(user)
    api = api_for(user)
    headers = {"Authorization": f"Bearer {api.token}"}
    before = api.client.put(f"/api/v1/hires/{hire_id}/dates", headers=headers,
                            json={"lmia_issued_on": "2027-01-20", "lmia_expires_on": "2027-07-20"}).get_json()
    after = api.client.put(f"/api/v1/hires/{hire_id}/dates", headers=headers,
                           json={"lmia_issued_on": "2027-01-20", "lmia_expires_on": "2027-07-20",
                                 "work_permit_applied_on": "2027-01-25"}).get_json()
    assert "lmia_expiry" in {d["kind"] for d in before["deadlines"]}
    assert "lmia_expiry" not in {d["kind"] for d in after["deadlines"]}
    assert after["dates"]["work_permit_applied_on"] == "2027-01-25"


def test_hire_page_shows_what_missing_a_deadline_can_cost(make, login, client, api_for, gts_hire):
    """REVIEW-2026-12 F-33: the violation type and penalty range next to each compliance deadline."""
    user = make.user(role="hr")
    hire_id = gts_hire(user)
    api = api_for(user)
    api.client.put(f"/api/v1/hires/{hire_id}/dates", headers={"Authorization": f"Bearer {api.token}"},
                   json={"first_day_of_work": "2027-03-01"})
    page = login(client, user).get(f"/hires/{hire_id}").get_data(as_text=True)
    assert "Missing it can cost $500–$100,000 per violation and a ban from 1 year to permanent" in page
    assert "(IRPR Schedule 2, Type A)" in page and "Work permit applied for on" in page
