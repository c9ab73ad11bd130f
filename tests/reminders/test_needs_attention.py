"""Deadlines HR can act on (issue 9, item 3): status in the API, done/reopen with the audit trail, reminders
of a done deadline not sent, and the dashboard opening on what needs attention."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

UTC = dt.timezone.utc
TODAY = dt.date(2027, 2, 1)


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2027, 2, 1, 15, 0, tzinfo=UTC), tick=False)


@pytest.fixture
def hr(make):
    return make.user(role="hr")


def _deadline(build, hire_id, due, key="work_permit_renewal", title="Renew the work permit"):
    return build.deadline(hire_id, due, key=key, title=title, today=TODAY)


def _audit(app, hire_id):
    from employer_portal.extensions import db
    from employer_portal.models import AuditEvent

    with app.app_context():
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.entity == "hire",
                                                             AuditEvent.entity_id == hire_id)
                                    .order_by(AuditEvent.id)).all()
        return [(e.action, e.actor_label, e.changes) for e in events]


def test_each_deadline_in_the_api_has_its_status_and_reminders(hr, build, api_for):
    """Issue 9 contract: each deadline has id, key, due_on, status, done_at, done_by and its reminders."""
    hire_id = build.hire(hr)
    _deadline(build, hire_id, dt.date(2027, 1, 20), key="late", title="Give the rights information")
    _deadline(build, hire_id, dt.date(2027, 2, 5), key="soon", title="Sign the contract")
    _deadline(build, hire_id, dt.date(2027, 6, 1))
    body = api_for(hr).get(f"/api/v1/hires/{hire_id}/deadlines").get_json()
    found = {d["key"]: d for d in body["deadlines"]}
    assert {k: d["status"] for k, d in found.items()} == {"late": "overdue", "soon": "due",
                                                         "work_permit_renewal": "upcoming"}
    renewal = found["work_permit_renewal"]
    assert renewal["due_on"] == renewal["due_date"] == "2027-06-01"
    assert renewal["done_at"] is None and renewal["done_by"] is None
    assert {"status", "last_error"} <= set(renewal["reminders"][0])


def test_a_passed_deadline_not_done_is_overdue_in_get_deadlines(hr, build, api_for):
    """Issue 9: 'A deadline passed and not done shows as overdue … in GET /deadlines.'"""
    hire_id = build.hire(hr)
    late = _deadline(build, hire_id, dt.date(2027, 1, 20))
    body = api_for(hr).get("/api/v1/deadlines?status=overdue").get_json()
    assert [(d["id"], d["status"]) for d in body["deadlines"]] == [(late, "overdue")]


def test_marking_done_records_who_when_and_the_note_in_the_audit_trail(app, hr, build, api_for):
    """Issue 9, item 3: HR marks it done (who, when, an optional note or document reference), audited."""
    hire_id = build.hire(hr)
    deadline_id = _deadline(build, hire_id, dt.date(2027, 1, 20))
    response = api_for(hr).post(f"/api/v1/deadlines/{deadline_id}/done", json={"note": "Signed copy: DOC-123"})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["status"] == "done" and body["done_by"] == hr.email and body["done_note"] == "Signed copy: DOC-123"
    assert body["done_at"].startswith("2027-02-01T15:00")
    action, who, changes = _audit(app, hire_id)[-1]
    assert action == "deadline_done" and who == hr.email
    assert changes["deadlines.work_permit_renewal.status"] == ["open", "done"]
    assert changes["deadlines.work_permit_renewal.done_note"] == [None, "Signed copy: DOC-123"]


def test_done_without_a_body_and_reopen_are_audited_old_to_new(app, hr, build, api_for):
    """Issue 9 contract: POST /deadlines/{id}/done (body optional) and POST /deadlines/{id}/reopen."""
    hire_id = build.hire(hr)
    deadline_id = _deadline(build, hire_id, dt.date(2027, 1, 20))
    api = api_for(hr)
    assert api.client.post(f"/api/v1/deadlines/{deadline_id}/done",
                           headers={"Authorization": f"Bearer {api.token}"}).status_code == 200
    reopened = api.post(f"/api/v1/deadlines/{deadline_id}/reopen")
    assert reopened.status_code == 200 and reopened.get_json()["status"] == "overdue"
    assert reopened.get_json()["done_at"] is None
    action, _who, changes = _audit(app, hire_id)[-1]
    assert action == "deadline_reopened"
    assert changes["deadlines.work_permit_renewal.status"] == ["done", "open"]
    assert changes["deadlines.work_permit_renewal.done_by"] == [hr.email, None]


def test_a_viewer_cannot_mark_done_or_reopen(make, hr, build, api_for):
    """API.md: a viewer's token reads but cannot change data (403)."""
    hire_id = build.hire(hr)
    deadline_id = _deadline(build, hire_id, dt.date(2027, 1, 20))
    viewer = api_for(make.user(hr.employer_id, role="viewer"))
    assert viewer.post(f"/api/v1/deadlines/{deadline_id}/done", json={}).status_code == 403
    assert viewer.post(f"/api/v1/deadlines/{deadline_id}/reopen").status_code == 403


def test_another_employers_deadline_is_not_found(make, hr, build, api_for):
    """API.md: another employer's record is a 404, never a 403 (ids leak nothing)."""
    hire_id = build.hire(hr)
    deadline_id = _deadline(build, hire_id, dt.date(2027, 1, 20))
    other = api_for(make.user(role="admin"))
    assert other.post(f"/api/v1/deadlines/{deadline_id}/done", json={}).status_code == 404
    assert other.post(f"/api/v1/deadlines/{deadline_id}/reopen").status_code == 404
    assert other.post("/api/v1/deadlines/99999999999/done", json={}).status_code == 404
    assert other.get("/api/v1/deadlines").get_json()["deadlines"] == []


def test_pending_reminders_of_a_done_deadline_are_cancelled_and_reopening_plans_them_again(hr, build, api_for):
    """Issue 9, item 3: a done deadline needs no reminder; reopening brings back those still ahead."""
    hire_id = build.hire(hr)
    deadline_id = _deadline(build, hire_id, dt.date(2027, 6, 1))
    api = api_for(hr)
    assert {r.status for r in build.outbox(deadline_id=deadline_id)} == {"pending"}
    api.post(f"/api/v1/deadlines/{deadline_id}/done", json={})
    cancelled = build.outbox(deadline_id=deadline_id)
    assert {r.status for r in cancelled} == {"cancelled"}
    assert cancelled[0].last_error == "the deadline was marked done"
    assert api.get(f"/api/v1/hires/{hire_id}/deadlines").get_json()["deadlines"][0]["reminders"] == []
    api.post(f"/api/v1/deadlines/{deadline_id}/reopen")
    assert {r.status for r in build.outbox(deadline_id=deadline_id)} == {"pending"}


def test_a_hire_save_does_not_plan_reminders_for_a_done_deadline(app, hr, build, api_for):
    """Issue 9, item 3: re-planning (any save of the hire) leaves a done deadline's reminders cancelled."""
    from employer_portal.deadlines.service import plan_reminders
    from employer_portal.extensions import db
    from employer_portal.models import Hire

    hire_id = build.hire(hr)
    deadline_id = _deadline(build, hire_id, dt.date(2027, 6, 1))
    api_for(hr).post(f"/api/v1/deadlines/{deadline_id}/done", json={})
    with app.app_context():
        plan_reminders(db.session.get(Hire, hire_id), today=TODAY)
        db.session.commit()
    assert {r.status for r in build.outbox(deadline_id=deadline_id)} == {"cancelled"}


def test_dashboard_opens_on_overdue_then_the_next_30_days(hr, build, login, client):
    """Issue 9: 'The dashboard opens on what needs attention: overdue first, then the next 30 days.'"""
    hire_id = build.hire(hr)
    _deadline(build, hire_id, dt.date(2027, 1, 20), key="late", title="Give the rights information")
    _deadline(build, hire_id, dt.date(2027, 2, 20))
    page = login(client, hr).get("/dashboard").get_data(as_text=True)
    attention = page.index("Needs attention")
    assert attention < page.index("Overdue") < page.index("Give the rights information") < page.index(
        "Next 30 days") < page.index("Renew the work permit") < page.index("Hires by status")
    assert f'href="/hires/{hire_id}"' in page


def test_marking_done_on_the_hire_page_removes_it_from_needs_attention(app, hr, build, login, client, csrf_of):
    """Issue 9: 'marking it done removes it from \"needs attention\"' — a plain form, no JavaScript."""
    hire_id = build.hire(hr)
    deadline_id = _deadline(build, hire_id, dt.date(2027, 1, 20), title="Give the rights information")
    login(client, hr)
    hire_page = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    assert "Mark done" in hire_page and ">overdue<" in hire_page
    response = client.post(f"/deadlines/{deadline_id}/done",
                           data={"csrf_token": csrf_of(hire_page), "note": "Sent by email", "back": "hire"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/hires/{hire_id}#deadlines")
    hire_page = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    assert "Reopen" in hire_page and f"by {hr.email}: Sent by email" in hire_page
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert "Give the rights information" not in dashboard and "Nothing overdue." in dashboard
    assert _audit(app, hire_id)[-1][0] == "deadline_done"


def test_a_viewer_sees_no_done_button_and_cannot_post_the_form(make, hr, build, login, client, csrf_of):
    """API.md roles: a viewer reads; the page form is refused like the API (403)."""
    hire_id = build.hire(hr)
    deadline_id = _deadline(build, hire_id, dt.date(2027, 1, 20))
    viewer = make.user(hr.employer_id, role="viewer")
    page = login(client, viewer).get(f"/hires/{hire_id}").get_data(as_text=True)
    assert "Mark done" not in page
    response = client.post(f"/deadlines/{deadline_id}/done", data={"csrf_token": csrf_of(page)})
    assert response.status_code == 403


def test_dashboard_lists_drafts_with_blockers_and_wage_alerts(app, hr, build, login, client):
    """Issue 9: '… then drafts with blockers and wage alerts, each a link.'"""
    from employer_portal.extensions import db
    from employer_portal.models import Hire

    draft_id = build.hire(hr, status="draft", worker="Bo Chen")
    with app.app_context():
        db.session.get(Hire, draft_id).report = {"eligible": False, "complete": True, "findings": [
            {"code": "X", "severity": "blocker", "message": "m"}]}
        db.session.commit()
    hire_id = build.hire(hr)
    build.deadline(hire_id, dt.date(2027, 6, 1), key="wage_raise_required:x", title="Raise the wage",
                   today=TODAY)
    with app.app_context():
        from employer_portal.models.deadline import Deadline

        db.session.scalar(select(Deadline).where(Deadline.key == "wage_raise_required:x")).origin = "wage_drift"
        db.session.commit()
    page = login(client, hr).get("/dashboard").get_data(as_text=True)
    assert page.index("Drafts with blockers") < page.index("Bo Chen") < page.index("Wage alerts") < page.index(
        "Raise the wage")
    assert "1 blocker(s)" in page and f'href="/hires/{draft_id}"' in page


def test_admins_are_reminded_to_import_the_fall_wages_file(make, login, client):
    """GTS program requirements: 'Job Bank wages are updated every year in the fall.' (review F-35)"""
    admin = make.user(role="admin")
    page = login(client, admin).get("/dashboard").get_data(as_text=True)
    # Frozen on 2027-02-01 with the bundled 2025 wages (published 2025-11-19): the fall-2026 file is overdue.
    assert "Import the fall 2026 Job Bank wages file" in page


def test_a_note_longer_than_2000_characters_or_an_unknown_status_is_422(hr, build, api_for):
    """API.md: invalid input is a 422 naming the bad field."""
    hire_id = build.hire(hr)
    deadline_id = _deadline(build, hire_id, dt.date(2027, 1, 20))
    api = api_for(hr)
    response = api.post(f"/api/v1/deadlines/{deadline_id}/done", json={"note": "x" * 2001})
    assert response.status_code == 422 and "note" in response.get_json()["errors"]
    response = api.get("/api/v1/deadlines?status=late")
    assert response.status_code == 422 and "status" in response.get_json()["errors"]


def test_the_openapi_document_names_done_reopen_and_the_deadline_status():
    """Issue 9 contract: add it to the OpenAPI document."""
    from employer_portal.api.openapi_spec import build_openapi

    document = build_openapi()
    assert {"/deadlines/{deadline_id}/done", "/deadlines/{deadline_id}/reopen"} <= set(document["paths"])
    deadline = document["components"]["schemas"]["Deadline"]
    assert deadline["properties"]["status"]["enum"] == ["upcoming", "due", "overdue", "done"]
    assert {"id", "key", "due_on", "status", "done_at", "done_by", "reminders"} <= set(deadline["required"])


def test_one_deadline_goes_upcoming_due_overdue_then_done_as_days_pass(hr, build, api_for, time_machine):
    """Issue 9, item 3: upcoming, then due (7 days before), overdue once passed, done once HR marks it."""
    hire_id = build.hire(hr)
    deadline_id = _deadline(build, hire_id, dt.date(2027, 3, 1))
    api = api_for(hr)

    def status_on(day: dt.date) -> str:
        time_machine.move_to(dt.datetime.combine(day, dt.time(15), tzinfo=UTC), tick=False)
        return api.get(f"/api/v1/hires/{hire_id}/deadlines").get_json()["deadlines"][0]["status"]

    assert [status_on(dt.date(2027, 2, 21)), status_on(dt.date(2027, 2, 22)), status_on(dt.date(2027, 3, 1)),
            status_on(dt.date(2027, 3, 2))] == ["upcoming", "due", "due", "overdue"]
    api.post(f"/api/v1/deadlines/{deadline_id}/done", json={})
    assert status_on(dt.date(2027, 3, 2)) == "done"
