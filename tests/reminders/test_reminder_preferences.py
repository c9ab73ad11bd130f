"""Reminders that fit the employer (issue 9 item 4): its time zone and send hour, the settings page
(errors next to the field, preview, a test reminder to yourself) and a daily digest per user."""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import time_machine

UTC = dt.timezone.utc
TODAY = dt.date(2027, 1, 2)
WINTER_DUE = dt.date(2027, 3, 1)   # 30-day reminder on 2027-01-30 (PST, UTC−8)
SUMMER_DUE = dt.date(2027, 8, 1)   # 30-day reminder on 2027-07-02 (PDT, UTC−7)


def _employer(app, make, province="BC", **settings) -> int:
    from employer_portal.extensions import db
    from employer_portal.models import Employer

    employer_id = make.employer(province=province)
    if settings:
        with app.app_context():
            employer = db.session.get(Employer, employer_id)
            for name, value in settings.items():
                setattr(employer, name, value)
            db.session.commit()
    return employer_id


def _set_digest(app, user, on=True):
    from employer_portal.extensions import db
    from employer_portal.models import User

    with app.app_context():
        db.session.get(User, user.id).reminder_digest = on
        db.session.commit()


def _due_at(row) -> dt.datetime:
    return row.due_at if row.due_at.tzinfo else row.due_at.replace(tzinfo=UTC)


def test_vancouver_employer_at_nine_local_is_17_utc_in_winter(app, make, build):
    """PST is UTC−8: the 30-day reminder of 2027-03-01 is due 2027-01-30 17:00 UTC."""
    user = make.user(_employer(app, make, "BC"), role="hr")
    with time_machine.travel(dt.datetime(2027, 1, 2, 18, tzinfo=UTC), tick=False):
        build.deadline(build.hire(user, province="BC"), WINTER_DUE, lead_days=(30,), today=TODAY)
    [row] = build.outbox()
    assert _due_at(row) == dt.datetime(2027, 1, 30, 17, tzinfo=UTC)


def test_vancouver_employer_at_nine_local_is_16_utc_in_summer(app, make, build):
    """PDT is UTC−7: the 30-day reminder of 2027-08-01 is due 2027-07-02 16:00 UTC."""
    user = make.user(_employer(app, make, "BC"), role="hr")
    with time_machine.travel(dt.datetime(2027, 6, 1, 18, tzinfo=UTC), tick=False):
        build.deadline(build.hire(user, province="BC"), SUMMER_DUE, lead_days=(30,), today=dt.date(2027, 6, 1))
    [row] = build.outbox()
    assert _due_at(row) == dt.datetime(2027, 7, 2, 16, tzinfo=UTC)


def test_reminder_is_not_sent_before_the_local_hour_and_is_sent_at_it(app, make, build, smtp, sweep):
    """8:59 in Vancouver is too early; 9:00 sends."""
    user = make.user(_employer(app, make, "BC"), role="hr")
    build.deadline(build.hire(user, province="BC"), WINTER_DUE, lead_days=(30,), today=TODAY)
    with time_machine.travel(dt.datetime(2027, 1, 30, 16, 59, tzinfo=UTC), tick=False):
        early = sweep()
    with time_machine.travel(dt.datetime(2027, 1, 30, 17, 0, tzinfo=UTC), tick=False):
        on_time = sweep()
    assert early["sent"] == 0 and on_time["sent"] == 1 and len(smtp.messages) == 1


def test_chosen_zone_and_hour_decide_the_send_moment(app, make, build):
    """An Ontario employer that picks Winnipeg time and 7:00 gets 13:00 UTC in January (CST, UTC−6)."""
    user = make.user(_employer(app, make, "ON", time_zone="America/Winnipeg", reminder_send_hour=7), role="hr")
    build.deadline(build.hire(user), WINTER_DUE, lead_days=(30,), today=TODAY)
    [row] = build.outbox()
    assert _due_at(row) == dt.datetime(2027, 1, 30, 13, tzinfo=UTC)


def test_changing_the_settings_replans_pending_reminders(app, make, build, login, client, csrf_of):
    """Saving Vancouver time and 10:00 moves a pending Toronto 9:00 reminder to 18:00 UTC; audited."""
    admin = make.user(_employer(app, make, "ON"), role="admin")
    build.deadline(build.hire(admin), dt.date(2099, 3, 1), lead_days=(30,), today=TODAY)
    [before] = build.outbox()
    assert _due_at(before).hour == 14  # 9:00 EST
    login(client, admin)
    token = csrf_of(client.get("/settings/").get_data(as_text=True))
    response = client.post("/settings/reminders/schedule",
                           data={"csrf_token": token, "time_zone": "America/Vancouver", "send_hour": "10"})
    assert response.status_code == 302
    [after] = build.outbox()
    assert after.status == "pending" and _due_at(after) == dt.datetime(2099, 1, 30, 18, tzinfo=UTC)
    from employer_portal.extensions import db
    from employer_portal.models import AuditEvent

    with app.app_context():
        event = db.session.query(AuditEvent).filter_by(action="reminder_schedule_changed").one()
        assert event.changes["time_zone"] == [None, "America/Vancouver"]


def test_settings_errors_are_shown_next_to_the_field_and_typed_values_kept(app, make, login, client, csrf_of):
    """A send hour of 25 and an unknown zone: 422, each message under its field, the typed text kept."""
    admin = make.user(_employer(app, make, "ON"), role="admin")
    login(client, admin)
    token = csrf_of(client.get("/settings/").get_data(as_text=True))
    response = client.post("/settings/reminders/schedule",
                           data={"csrf_token": token, "time_zone": "Europe/Paris", "send_hour": "25"})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert 'id="send_hour-error"' in page and "“25” is not an hour from 0 to 23" in page
    assert 'id="time_zone-error"' in page and "“Europe/Paris” is not a Canadian time zone" in page
    assert 'value="25"' in page
    from employer_portal.extensions import db
    from employer_portal.models import Employer

    with app.app_context():
        employer = db.session.get(Employer, admin.employer_id)
        assert (employer.time_zone, employer.reminder_send_hour) == (None, 9)


def test_only_admins_change_when_reminders_go_out(app, make, login, client, csrf_of):
    """HR staff get 403."""
    hr = make.user(_employer(app, make, "ON"), role="hr")
    login(client, hr)
    token = csrf_of(client.get("/settings/").get_data(as_text=True))
    response = client.post("/settings/reminders/schedule", data={"csrf_token": token, "send_hour": "8"})
    assert response.status_code == 403


def test_preview_lists_the_next_reminders_in_local_time(app, make, build, login, client):
    """The admin sees when (Vancouver time), to whom and which deadline; at most 20, soonest first."""
    admin = make.user(_employer(app, make, "BC"), role="admin")
    hire_id = build.hire(admin, worker="Mei Chen", province="BC")
    build.deadline(hire_id, dt.date(2099, 3, 1), lead_days=list(range(1, 26)), today=TODAY)
    login(client, admin)
    page = html.unescape(client.get("/settings/").get_data(as_text=True))
    preview = page.split('id="reminder-preview-heading"')[1].split("</table>")[0]
    assert preview.count("<tr>") == 21  # the header and 20 reminders
    assert "2099-02-04 09:00 PST" in preview  # the 25-day reminder comes first
    assert admin.email in preview and "Renew the work permit" in preview and "Mei Chen" in preview


def test_test_reminder_reaches_the_admin_once(app, make, login, client, csrf_of, smtp):
    """Sent now through the real mailer to the admin; a second click within a minute sends nothing."""
    admin = make.user(_employer(app, make, "ON"), role="admin")
    login(client, admin)
    token = csrf_of(client.get("/settings/").get_data(as_text=True))
    first = client.post("/settings/reminders/test", data={"csrf_token": token})
    assert first.status_code == 302  # post/redirect/get: a reload does not send again
    page = html.unescape(client.get(first.headers["Location"]).get_data(as_text=True))
    assert f"A test reminder was sent to {admin.email}." in page
    again = client.post("/settings/reminders/test", data={"csrf_token": token}, follow_redirects=True)
    assert "less than a minute ago" in html.unescape(again.get_data(as_text=True))
    [message] = smtp.messages
    assert message["To"] == admin.email and message["Subject"] == "Test reminder from HireCheck"
    assert "09:00, America/Toronto time" in message.get_body(preferencelist=("plain",)).get_content()


def test_test_reminder_without_mail_configured_says_so(app, make, login, client, csrf_of):
    """Without MAIL_SERVER the page says mail is not configured and where the message was written."""
    admin = make.user(_employer(app, make, "ON"), role="admin")
    login(client, admin)
    token = csrf_of(client.get("/settings/").get_data(as_text=True))
    saved = app.config.get("MAIL_SERVER")
    app.config["MAIL_SERVER"] = ""
    try:
        page = html.unescape(client.post("/settings/reminders/test", data={"csrf_token": token},
                                         follow_redirects=True).get_data(as_text=True))
    finally:
        app.config["MAIL_SERVER"] = saved
    assert "Mail is not configured (MAIL_SERVER is empty), so nothing was emailed" in page
    assert any(p.name.startswith("test-reminder") for p in Path(app.config["MAIL_OUTBOX_DIR"]).glob("*.eml"))


def test_digest_of_three_reminders_is_one_email_and_marks_three_rows_sent(app, make, build, smtp, sweep):
    """A digest user's three due reminders arrive as one email listing them; each row is sent once."""
    user = make.user(_employer(app, make, "ON"), role="hr")
    other = make.user(user.employer_id, role="hr")
    hire_id = build.hire(user)
    for key, title in (("permit_renewal", "Renew the work permit"), ("records", "Keep the records"),
                       ("offer", "Submit the offer of employment")):
        build.deadline(hire_id, WINTER_DUE, key=key, title=title, lead_days=(30,), today=TODAY)
    build.deadline(build.hire(other, worker="Omar Haddad"), WINTER_DUE, lead_days=(30,), today=TODAY)
    _set_digest(app, user)
    with time_machine.travel(dt.datetime(2027, 1, 30, 14, 5, tzinfo=UTC), tick=False):
        totals = sweep()
        again = sweep()
    assert totals["sent"] == 4 and again["sent"] == 0
    digest = [m for m in smtp.messages if m["To"] == user.email]
    assert len(digest) == 1 and len(smtp.messages) == 2
    text = digest[0].get_body(preferencelist=("plain",)).get_content()
    for title in ("Renew the work permit", "Keep the records", "Submit the offer of employment"):
        assert title in text
    rows = [r for r in build.outbox() if r.recipient == user.email]
    assert [r.status for r in rows] == ["sent"] * 3
    assert {r.message_id for r in rows} == {digest[0]["Message-ID"]}


def test_digest_refused_by_the_server_fails_each_row_with_the_reason(app, make, build, smtp, sweep):
    """A 550 for the digest marks each of its rows failed, not sent."""
    user = make.user(_employer(app, make, "ON"), role="hr")
    hire_id = build.hire(user)
    for key in ("a", "b"):
        build.deadline(hire_id, WINTER_DUE, key=key, lead_days=(30,), today=TODAY)
    _set_digest(app, user)
    smtp.handler.reject = True
    with time_machine.travel(dt.datetime(2027, 1, 30, 14, 5, tzinfo=UTC), tick=False):
        totals = sweep()
    assert totals["failed"] == 2
    assert {(r.status, r.last_error[:3]) for r in build.outbox()} == {("failed", "550")}


def test_a_user_turns_the_daily_digest_on_in_their_settings(app, make, login, client, csrf_of):
    """Any user (HR here) chooses the digest for themselves; audited."""
    hr = make.user(_employer(app, make, "ON"), role="hr")
    login(client, hr)
    token = csrf_of(client.get("/settings/").get_data(as_text=True))
    response = client.post("/settings/reminders/digest", data={"csrf_token": token, "digest": "y"})
    assert response.status_code == 302
    from employer_portal.extensions import db
    from employer_portal.models import User

    with app.app_context():
        assert db.session.get(User, hr.id).reminder_digest is True
    page = client.get("/settings/").get_data(as_text=True)
    assert '<input checked id="digest" name="digest" type="checkbox"' in page


def test_api_admin_changes_zone_and_hour_and_reads_the_preview(app, make, build, api_for):
    """PATCH /settings/reminders re-plans; the preview gives local times in the zone in effect."""
    admin = make.user(_employer(app, make, "ON"), role="admin")
    build.deadline(build.hire(admin), dt.date(2099, 3, 1), lead_days=(30,), today=TODAY)
    api = api_for(admin)
    assert api.get("/api/v1/settings/reminders").get_json()["time_zone_in_effect"] == "America/Toronto"
    response = api.patch("/api/v1/settings/reminders", json={"time_zone": "America/Halifax", "send_hour": 8})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["send_hour"] == 8
    [item] = api.get("/api/v1/settings/reminders/preview").get_json()["items"]
    assert item["at"] == "2099-01-30T08:00:00-04:00" and item["recipient"] == admin.email
    [row] = build.outbox()
    assert _due_at(row) == dt.datetime(2099, 1, 30, 12, tzinfo=UTC)


def test_api_refuses_bad_values_per_field_and_non_admin_changes(app, make, api_for):
    """422 names each bad field; HR may set only their own digest."""
    admin = make.user(_employer(app, make, "ON"), role="admin")
    bad = api_for(admin).patch("/api/v1/settings/reminders", json={"time_zone": "Mars/Base", "send_hour": 24})
    assert bad.status_code == 422 and set(bad.get_json()["errors"]) == {"time_zone", "send_hour"}
    hr = api_for(make.user(admin.employer_id, role="hr"))
    assert hr.patch("/api/v1/settings/reminders", json={"send_hour": 7}).status_code == 403
    assert hr.get("/api/v1/settings/reminders/preview").status_code == 403
    mine = hr.patch("/api/v1/settings/reminders", json={"digest": True})
    assert mine.status_code == 200 and mine.get_json()["digest"] is True
