"""No silent overwrite (issue 10 item 3): hires carry a version; a stale save is refused, the API honours ETag/If-Match."""
from __future__ import annotations

import re

GOOD_FORM = {
    "program": "gts_b", "worker.given_name": "Ana", "worker.family_name": "Silva", "worker.citizenships": "BR",
    "worker.highest_education": "master", "worker.years_experience": "6",
    "position.title": "Senior software engineer", "position.noc_code": "21231", "position.province": "ON",
    "position.wage.amount": "135000", "position.wage.period": "year", "position.hours_per_week": "40",
    "position.start_date": "2027-03-01", "position.end_date": "2029-02-28",
}


def _version_in(page: str) -> str:
    return re.search(r'name="version" value="(\d+)"', page).group(1)


def _new_draft(client, login, hr, csrf_of) -> tuple[str, str]:
    login(client, hr)
    csrf = csrf_of(client.get("/hires/new").get_data(as_text=True))
    edit_url = client.post("/hires/new", data={"csrf_token": csrf, **GOOD_FORM}).headers["Location"]
    return edit_url, csrf


def test_a_save_from_a_stale_page_is_refused_with_the_typed_values_kept(client, login, hr, csrf_of, api_for):
    """Issue 10: 'a save from a stale page is refused with what changed and a way to reload without losing the typed values'."""
    edit_url, csrf = _new_draft(client, login, hr, csrf_of)
    opened = _version_in(client.get(edit_url).get_data(as_text=True))
    hire_id = edit_url.split("/")[-2]
    assert api_for(hr).patch(f"/api/v1/hires/{hire_id}", json={"position": {"hours_per_week": 37.5}}).status_code == 200
    mine = dict(GOOD_FORM, **{"worker.given_name": "Ana Maria", "position.title": "Staff engineer"})
    response = client.post(edit_url, data={"csrf_token": csrf, "version": opened, **mine})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "someone else changed this draft" in page
    assert "Hours per week" in page  # what they changed, by its label
    assert 'value="Ana Maria"' in page and 'value="Staff engineer"' in page
    assert f'href="{edit_url}"' in page  # reload
    saved = api_for(hr).get(f"/api/v1/hires/{hire_id}").get_json()["hire"]
    assert saved["worker"]["given_name"] == "Ana" and saved["position"]["hours_per_week"] == 37.5


def test_save_mine_anyway_overwrites_on_purpose(client, login, hr, csrf_of, api_for):
    """Issue 10: the refused save offers a deliberate choice, never a silent one."""
    edit_url, csrf = _new_draft(client, login, hr, csrf_of)
    opened = _version_in(client.get(edit_url).get_data(as_text=True))
    hire_id = edit_url.split("/")[-2]
    api_for(hr).patch(f"/api/v1/hires/{hire_id}", json={"position": {"hours_per_week": 37.5}})
    mine = dict(GOOD_FORM, **{"worker.given_name": "Ana Maria"})
    refused = client.post(edit_url, data={"csrf_token": csrf, "version": opened, **mine}).get_data(as_text=True)
    current = re.search(r'name="overwrite_version" value="(\d+)"', refused).group(1)
    response = client.post(edit_url, data={"csrf_token": csrf, "version": opened, "overwrite_version": current, **mine})
    assert response.status_code == 302
    assert api_for(hr).get(f"/api/v1/hires/{hire_id}").get_json()["hire"]["worker"]["given_name"] == "Ana Maria"


def test_a_save_from_a_current_page_bumps_the_version(client, login, hr, csrf_of):
    """Issue 10: every saved change moves the version on."""
    edit_url, csrf = _new_draft(client, login, hr, csrf_of)
    opened = _version_in(client.get(edit_url).get_data(as_text=True))
    mine = dict(GOOD_FORM, **{"worker.given_name": "Ana Maria"})
    assert client.post(edit_url, data={"csrf_token": csrf, "version": opened, **mine}).status_code == 302
    assert int(_version_in(client.get(edit_url).get_data(as_text=True))) == int(opened) + 1


def test_get_hire_sends_an_etag_that_moves_with_each_change(api, gts_b):
    """RFC 9110 §8.8.3: an ETag identifies the representation; it changes when the hire changes."""
    created = api.post("/api/v1/hires", json=gts_b)
    hire_id = created.get_json()["id"]
    first = api.get(f"/api/v1/hires/{hire_id}").headers["ETag"]
    assert first == created.headers["ETag"]
    api.patch(f"/api/v1/hires/{hire_id}", json={"position": {"hours_per_week": 37.5}})
    assert api.get(f"/api/v1/hires/{hire_id}").headers["ETag"] != first


def test_a_stale_if_match_is_refused_with_412(api, gts_b):
    """RFC 9110 §13.1.1: If-Match not matching the current ETag → 412 Precondition Failed (problem+json)."""
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    stale = api.get(f"/api/v1/hires/{hire_id}").headers["ETag"]
    api.patch(f"/api/v1/hires/{hire_id}", json={"position": {"hours_per_week": 37.5}})
    for call in (lambda h: api.patch(f"/api/v1/hires/{hire_id}", json={"worker": {"given_name": "X"}}, headers=h),
                 lambda h: api.post(f"/api/v1/hires/{hire_id}/submit", headers=h),
                 lambda h: api.delete(f"/api/v1/hires/{hire_id}", headers=h)):
        response = call({"If-Match": stale})
        assert response.status_code == 412
        assert response.mimetype == "application/problem+json"
        assert "position.hours_per_week" in response.get_json()["changed"]
    assert api.get(f"/api/v1/hires/{hire_id}").get_json()["hire"]["worker"]["given_name"] == "Ana"


def test_a_current_if_match_or_none_is_allowed(api, gts_b):
    """API.md: writes without If-Match work as before; with the current ETag they work too."""
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    etag = api.get(f"/api/v1/hires/{hire_id}").headers["ETag"]
    response = api.patch(f"/api/v1/hires/{hire_id}", json={"position": {"hours_per_week": 37.5}},
                         headers={"If-Match": etag})
    assert response.status_code == 200 and response.headers["ETag"] != etag
    assert api.patch(f"/api/v1/hires/{hire_id}", json={"position": {"hours_per_week": 40}}).status_code == 200


def test_status_change_with_a_stale_if_match_is_refused(api, gts_b):
    """RFC 9110 §13.1.1: the status move honours If-Match like every other write."""
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    stale = api.get(f"/api/v1/hires/{hire_id}").headers["ETag"]
    api.post(f"/api/v1/hires/{hire_id}/submit")
    response = api.post(f"/api/v1/hires/{hire_id}/status", json={"status": "filed"}, headers={"If-Match": stale})
    assert response.status_code == 412
    assert api.get(f"/api/v1/hires/{hire_id}").get_json()["status"] == "submitted"


def test_a_status_date_in_the_future_is_refused(api, gts_b):
    """Issue 10: 'A status date in the future is refused': an approval is recorded once it happened."""
    import datetime as dt

    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    api.post(f"/api/v1/hires/{hire_id}/submit")
    api.post(f"/api/v1/hires/{hire_id}/status", json={"status": "filed"})
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    response = api.post(f"/api/v1/hires/{hire_id}/status", json={"status": "approved", "approved_on": tomorrow})
    assert response.status_code == 422 and "approved_on" in response.get_json()["errors"]
    assert api.get(f"/api/v1/hires/{hire_id}").get_json()["status"] == "filed"


def test_a_start_date_in_the_past_is_a_warning_on_the_form(client, login, hr, csrf_of):
    """Issue 10: 'a start date in the past is a warning' (the draft still saves)."""
    login(client, hr)
    csrf = csrf_of(client.get("/hires/new").get_data(as_text=True))
    edit_url = client.post("/hires/new", data={"csrf_token": csrf, **dict(GOOD_FORM, **{
        "position.start_date": "2025-01-06"})}).headers["Location"]
    assert "data-start-past" in client.get(edit_url).get_data(as_text=True)


# --- no one-click loss: delete, submit, refuse, withdraw and deactivate ask first ----------------

def test_delete_asks_first_on_a_page_that_works_without_javascript(client, login, hr, csrf_of, api_for):
    """Issue 10: 'Delete … ask[s] for confirmation (and work[s] without JavaScript)'."""
    edit_url, _csrf = _new_draft(client, login, hr, csrf_of)
    hire_id = edit_url.split("/")[-2]
    detail = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    assert f'href="/hires/{hire_id}/delete"' in detail and f'action="/hires/{hire_id}/delete"' not in detail
    confirm = client.get(f"/hires/{hire_id}/delete")
    assert confirm.status_code == 200
    page = confirm.get_data(as_text=True)
    assert "Delete this draft?" in page and f'action="/hires/{hire_id}/delete"' in page
    assert api_for(hr).get(f"/api/v1/hires/{hire_id}").status_code == 200  # asking deleted nothing
    assert client.post(f"/hires/{hire_id}/delete", data={"csrf_token": csrf_of(page)}).status_code == 302
    assert api_for(hr).get(f"/api/v1/hires/{hire_id}").status_code == 404


def test_submit_asks_first(client, login, hr, csrf_of, api_for):
    """Issue 10: 'submit … ask[s] for confirmation'."""
    edit_url, _csrf = _new_draft(client, login, hr, csrf_of)
    hire_id = edit_url.split("/")[-2]
    page = client.get(f"/hires/{hire_id}/submit").get_data(as_text=True)
    assert "Submit this hire?" in page and "Yes, submit" in page
    assert api_for(hr).get(f"/api/v1/hires/{hire_id}").get_json()["status"] == "draft"


def test_refuse_and_withdraw_ask_first(client, login, hr, csrf_of, api_for, gts_b):
    """Issue 10: 'refuse and withdraw ask for confirmation'; the other moves stay one form."""
    api = api_for(hr)
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    api.post(f"/api/v1/hires/{hire_id}/submit")
    api.post(f"/api/v1/hires/{hire_id}/status", json={"status": "filed"})
    login(client, hr)
    detail = client.get(f"/hires/{hire_id}").get_data(as_text=True)
    assert f'href="/hires/{hire_id}/status?status=refused"' in detail
    assert f'href="/hires/{hire_id}/status?status=withdrawn"' in detail
    page = client.get(f"/hires/{hire_id}/status?status=refused").get_data(as_text=True)
    assert "Record that the application was refused?" in page and 'name="status" value="refused"' in page
    assert api.get(f"/api/v1/hires/{hire_id}").get_json()["status"] == "filed"


def test_deactivating_a_user_asks_first(client, login, make):
    """Issue 10: 'deactivate … ask[s] for confirmation (and work[s] without JavaScript)'."""
    employer = make.employer()
    admin = make.user(employer, role="admin")
    colleague = make.user(employer, role="hr")
    login(client, admin)
    detail = client.get(f"/settings/users/{colleague.id}").get_data(as_text=True)
    assert f'href="/settings/users/{colleague.id}/deactivate"' in detail
    page = client.get(f"/settings/users/{colleague.id}/deactivate").get_data(as_text=True)
    assert "Deactivate this user?" in page and 'name="active" value="0"' in page


def test_an_admin_corrects_a_recorded_approval_date_and_the_trail_shows_it(client, login, make, csrf_of, api_for,
                                                                          gts_b, app):
    """Issue 10: 'an admin can correct a recorded status date, audited'."""
    from sqlalchemy import select

    from employer_portal.models import AuditEvent

    admin = make.user(make.employer(), role="admin")
    api = api_for(admin)
    hire_id = api.post("/api/v1/hires", json=gts_b).get_json()["id"]
    api.post(f"/api/v1/hires/{hire_id}/submit")
    api.post(f"/api/v1/hires/{hire_id}/status", json={"status": "filed"})
    api.post(f"/api/v1/hires/{hire_id}/status", json={"status": "approved", "approved_on": "2026-11-16"})
    login(client, admin)
    csrf = csrf_of(client.get(f"/hires/{hire_id}").get_data(as_text=True))
    response = client.post(f"/hires/{hire_id}/approved-on", data={"csrf_token": csrf, "approved_on": "2026-11-12"})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    assert api.get(f"/api/v1/hires/{hire_id}").get_json()["approved_on"] == "2026-11-12"
    from employer_portal.extensions import db

    with app.app_context():  # after the requests: an app context held across them would keep one CSRF token in `g`
        event = db.session.scalars(select(AuditEvent).where(
            AuditEvent.entity == "hire", AuditEvent.entity_id == hire_id, AuditEvent.action == "status_date_corrected")).one()
        assert event.changes == {"approved_on": ["2026-11-16", "2026-11-12"]}


def test_an_hr_user_cannot_correct_an_approval_date(client, login, hr, csrf_of, api_for, gts_b):
    """Issue 10: the correction is an admin's."""
    hire_id = api_for(hr).post("/api/v1/hires", json=gts_b).get_json()["id"]
    login(client, hr)
    csrf = csrf_of(client.get("/hires/new").get_data(as_text=True))
    response = client.post(f"/hires/{hire_id}/approved-on", data={"csrf_token": csrf, "approved_on": "2026-11-12"})
    assert response.status_code == 403
