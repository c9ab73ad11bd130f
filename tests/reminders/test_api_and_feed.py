"""Dates, deadlines and the calendar feed over HTTP; another employer sees none of it."""
from __future__ import annotations

import datetime as dt

import time_machine
from icalendar import Calendar

UTC = dt.timezone.utc
TODAY = dt.date(2027, 1, 2)


def _hire_with_deadline(make, build):
    user = make.user(role="hr")
    hire_id = build.hire(user)
    deadline_id = build.deadline(hire_id, dt.date(2027, 3, 1), today=TODAY)
    return user, hire_id, deadline_id


def test_recorded_dates_create_deadlines_and_reminders(make, build, api_for):
    user = make.user(role="hr")
    hire_id = build.hire(user)
    with time_machine.travel(dt.datetime(2027, 2, 1, tzinfo=UTC), tick=False):
        response = api_for(user).client.put(
            f"/api/v1/hires/{hire_id}/dates", headers={"Authorization": f"Bearer {api_for(user).token}"},
            json={"work_permit_issued_on": "2027-02-01", "work_permit_expires_on": "2029-06-30",
                  "first_day_of_work": "2027-02-15"})
    assert response.status_code == 200, response.get_json()
    kinds = {d["kind"]: d for d in response.get_json()["deadlines"]}
    assert "work_permit_renewal" in kinds
    assert {r["lead_days"] for r in kinds["work_permit_renewal"]["reminders"]} == {90, 60, 30, 14, 7, 1}


def test_corrected_date_moves_pending_reminders(make, build, api_for):
    user = make.user(role="hr")
    hire_id = build.hire(user)
    api = api_for(user)
    headers = {"Authorization": f"Bearer {api.token}"}
    with time_machine.travel(dt.datetime(2027, 2, 1, tzinfo=UTC), tick=False):
        api.client.put(f"/api/v1/hires/{hire_id}/dates", headers=headers,
                       json={"work_permit_issued_on": "2027-02-01", "work_permit_expires_on": "2029-06-30"})
        body = api.client.put(f"/api/v1/hires/{hire_id}/dates", headers=headers,
                              json={"work_permit_issued_on": "2027-02-01", "work_permit_expires_on": "2029-09-30"}
                              ).get_json()
    renewal = next(d for d in body["deadlines"] if d["kind"] == "work_permit_renewal")
    thirty = next(r for r in renewal["reminders"] if r["lead_days"] == 30)
    due = dt.date.fromisoformat(renewal["due_date"])
    assert thirty["send_on"] == (due - dt.timedelta(days=30)).isoformat()
    assert due > dt.date(2029, 6, 30) - dt.timedelta(days=200)


def test_bad_dates_are_422_naming_each_field(make, build, api_for):
    user = make.user(role="hr")
    hire_id = build.hire(user)
    api = api_for(user)
    response = api.client.put(f"/api/v1/hires/{hire_id}/dates", headers={"Authorization": f"Bearer {api.token}"},
                              json={"employer_portal_offer_number": "B12", "work_permit_issued_on": "2027-05-01",
                                    "work_permit_expires_on": "2027-04-01"})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"employer_portal_offer_number", "work_permit_expires_on"}


def test_dates_of_a_draft_are_refused(make, build, api_for):
    user = make.user(role="hr")
    hire_id = build.hire(user, status="draft")
    api = api_for(user)
    response = api.client.put(f"/api/v1/hires/{hire_id}/dates", headers={"Authorization": f"Bearer {api.token}"},
                              json={"first_day_of_work": "2027-02-15"})
    assert response.status_code == 409


def test_deadlines_before_a_date_and_422_for_a_bad_date(make, build, api_for):
    user, _hire_id, deadline_id = _hire_with_deadline(make, build)
    api = api_for(user)
    assert [d["id"] for d in api.get("/api/v1/deadlines?before=2027-03-02").get_json()["deadlines"]] == [deadline_id]
    assert api.get("/api/v1/deadlines?before=2027-03-01").get_json()["deadlines"] == []
    bad = api.get("/api/v1/deadlines?before=March")
    assert bad.status_code == 422 and "before" in bad.get_json()["errors"]


def test_another_employers_user_sees_no_deadlines_reminders_or_dates(make, build, api_for):
    _owner, hire_id, _ = _hire_with_deadline(make, build)
    stranger = make.user(make.employer("Other Co"), role="admin")
    api = api_for(stranger)
    assert api.get(f"/api/v1/hires/{hire_id}/deadlines").status_code == 404
    assert api.get("/api/v1/deadlines").get_json()["deadlines"] == []
    put = api.client.put(f"/api/v1/hires/{hire_id}/dates", headers={"Authorization": f"Bearer {api.token}"},
                         json={"first_day_of_work": "2027-02-15"})
    assert put.status_code == 404


def test_calendar_feed_lists_the_employers_deadlines_and_revoking_it_is_404(app, make, build, login, client):
    user, _hire_id, _ = _hire_with_deadline(make, build)
    login(client, user)
    page = client.get("/settings/").get_data(as_text=True)
    from tests.conftest import csrf_token_from

    html = client.post("/settings/calendar/rotate", data={"csrf_token": csrf_token_from(page)}).get_data(as_text=True)
    url = html.split('id="calendar-url">')[1].split("<")[0]
    path = url.replace(app.config["PORTAL_BASE_URL"], "")
    feed = client.get(path)
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    [event] = [c for c in Calendar.from_ical(feed.data).walk("VEVENT")]
    assert str(event["summary"]) == "Renew the work permit — Ana Silva"
    client.post("/settings/calendar/revoke", data={"csrf_token": csrf_token_from(page)})
    assert client.get(path).status_code == 404
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_another_employers_feed_shows_none_of_these_deadlines(app, make, build):
    _hire_with_deadline(make, build)
    stranger = make.user(make.employer("Other Co"), role="hr")
    from employer_portal.extensions import db
    from employer_portal.models import User
    from employer_portal.reminders import calendar

    with app.app_context():
        token = calendar.rotate_token(db.session.get(User, stranger.id))
        db.session.commit()
    feed = app.test_client().get(f"/calendar/{token}.ics")
    assert Calendar.from_ical(feed.data).walk("VEVENT") == []


def test_admin_changes_lead_times_and_reminders_are_replanned(app, make, build, login, client, csrf_of):
    admin = make.user(role="admin")
    hire_id = build.hire(admin)
    build.deadline(hire_id, dt.date(2099, 3, 1), today=TODAY)
    login(client, admin)
    token = csrf_of(client.get("/settings/").get_data(as_text=True))
    response = client.post("/settings/reminders", data={"csrf_token": token, "lead_days": "45, 10",
                                                         "recipients": "ops@example.com"})
    assert response.status_code == 302
    pending = {(r.lead_days, r.recipient) for r in build.outbox(status="pending")}
    assert pending == {(45, admin.email), (10, admin.email), (45, "ops@example.com"), (10, "ops@example.com")}


def test_bad_lead_times_are_refused(app, make, build, login, client, csrf_of):
    admin = make.user(role="admin")
    login(client, admin)
    token = csrf_of(client.get("/settings/").get_data(as_text=True))
    client.post("/settings/reminders", data={"csrf_token": token, "lead_days": "90, -3", "recipients": ""})
    from employer_portal.extensions import db
    from employer_portal.models import Employer

    with app.app_context():
        assert db.session.get(Employer, admin.employer_id).reminder_lead_days == [90, 60, 30, 14, 7, 1]


def test_dashboard_shows_the_next_30_days(make, build, login, client):
    with time_machine.travel(dt.datetime(2027, 2, 1, 15, 0, tzinfo=dt.timezone.utc), tick=False):
        user = make.user(role="hr")
        hire_id = build.hire(user)
        build.deadline(hire_id, dt.date(2027, 2, 11), today=dt.date(2027, 2, 1))
        login(client, user)
        page = client.get("/dashboard").get_data(as_text=True)
    assert "Renew the work permit" in page and "No deadlines in the next 30 days" not in page
