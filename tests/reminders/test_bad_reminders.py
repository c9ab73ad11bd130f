"""One bad reminder fails alone (issue 9 item 5), against a real SMTP server (aiosmtpd) and PostgreSQL.

A reminder that cannot be built (user text that would break a header) or that the server
refuses for good is failed with its reason; every other reminder of the batch, of every
employer, is sent once; a reminder whose sender keeps dying is failed after a bounded
number of reclaims.
"""
from __future__ import annotations

import datetime as dt

import pytest
import time_machine

UTC = dt.timezone.utc
TODAY = dt.date(2027, 1, 2)
DUE = dt.date(2027, 3, 1)
# The 30-day reminders (send day 2027-01-30) are due by now whatever the employer's send hour;
# the 7-day ones (2027-02-22) are not.
AFTER_THIRTY_DAY_SEND = dt.datetime(2027, 1, 31, 6, 0, tzinfo=UTC)
INJECTED = "Bcc: evil@example.com"


def _hire_with_deadline(make, build, user, worker, recipients=()):
    hire_id = build.hire(user, worker=worker)
    build.deadline(hire_id, DUE, today=TODAY, recipients=recipients)
    return hire_id


@pytest.mark.parametrize("line_break", ["\r\n", "\u2028"], ids=["crlf", "u2028"])
def test_a_hire_named_with_a_line_break_fails_alone_and_every_other_reminder_is_sent(
        make, build, smtp, sweep, api_for, login, client, line_break):
    """Issue 9: 'one of them with a hire named with a line break: the other employer's reminders are all sent,
    the bad one is failed with a reason, nothing is sent twice.'"""
    first = make.user(role="hr")
    bad_hire = _hire_with_deadline(make, build, first, f"Ana{line_break}{INJECTED} Silva")
    good_hire = _hire_with_deadline(make, build, first, "Bruno Costa")
    second = make.user(role="hr")
    for n in range(3):
        _hire_with_deadline(make, build, second, f"Chen Wei{n}", recipients=("payroll@example.com",))
    due = build.outbox(lead_days=30)
    assert len(due) == 1 + 1 + 3 * 2

    with time_machine.travel(AFTER_THIRTY_DAY_SEND, tick=False):
        totals = sweep()
        again = sweep()

    assert (totals["sent"], totals["failed"], again["claimed"]) == (len(due) - 1, 1, 0)
    ids = smtp.handler.message_ids()
    assert len(ids) == len(due) - 1 and len(set(ids)) == len(ids)
    assert {m["To"] for m in smtp.messages} == {first.email, second.email, "payroll@example.com"}
    assert all(m["Bcc"] is None and "evil@example.com" not in m.as_string() for m in smtp.messages)
    [bad] = [r for r in build.outbox(lead_days=30) if r.status != "sent"]
    assert bad.status == "failed" and "worker name contains a line break" in bad.last_error
    assert f"U+{ord(line_break[0]):04X}" in bad.last_error
    body = api_for(first).get(f"/api/v1/hires/{bad_hire}/deadlines").get_json()
    reminder = next(r for r in body["deadlines"][0]["reminders"] if r["lead_days"] == 30)
    assert reminder["status"] == "failed" and "line break" in reminder["last_error"]
    login(client, first)
    assert "worker name contains a line break" in client.get(f"/hires/{bad_hire}").get_data(as_text=True)
    good = api_for(first).get(f"/api/v1/hires/{good_hire}/deadlines").get_json()
    assert next(r for r in good["deadlines"][0]["reminders"] if r["lead_days"] == 30)["status"] == "sent"


def test_other_control_characters_in_a_name_become_spaces_in_the_subject(make, build, smtp, sweep):
    """Issue 9: 'Header values are built so that no user text can add a header.'"""
    user = make.user(role="hr")
    _hire_with_deadline(make, build, user, "Ana\tSilva\x07\u200b")
    with time_machine.travel(AFTER_THIRTY_DAY_SEND, tick=False):
        assert sweep()["sent"] == 1
    [message] = smtp.messages
    assert message["Subject"] == "Reminder: Renew the work permit due 2027-03-01 — Ana Silva"


def test_a_recipient_address_with_a_line_break_fails_alone(make, build, smtp, sweep):
    """Issue 9: 'no user text can add a header' — the To header included."""
    user = make.user(role="hr")
    _hire_with_deadline(make, build, user, "Ana Silva", recipients=(f"hr@example.com\r\n{INJECTED}",))
    with time_machine.travel(AFTER_THIRTY_DAY_SEND, tick=False):
        totals = sweep()
    assert (totals["sent"], totals["failed"]) == (1, 1)
    assert [m["To"] for m in smtp.messages] == [user.email]
    [bad] = build.outbox(lead_days=30, status="failed")
    assert "recipient address contains a line break" in bad.last_error


def test_a_recipient_the_server_refuses_for_good_fails_alone(make, build, smtp, sweep):
    """Issue 9: 'a permanent SMTP refusal is marked failed with its reason; every other reminder is sent.'"""
    user = make.user(role="hr")
    _hire_with_deadline(make, build, user, "Ana Silva", recipients=("gone@example.com", "payroll@example.com"))

    async def refuse_gone(server, session, envelope, address, rcpt_options):
        if address == "gone@example.com":
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp.handler.handle_RCPT = refuse_gone
    with time_machine.travel(AFTER_THIRTY_DAY_SEND, tick=False):
        totals = sweep()
    with time_machine.travel(AFTER_THIRTY_DAY_SEND + dt.timedelta(hours=2), tick=False):
        later = sweep()
    assert (totals["sent"], totals["failed"], later["claimed"]) == (2, 1, 0)
    assert sorted(m["To"] for m in smtp.messages) == sorted([user.email, "payroll@example.com"])
    [gone] = build.outbox(lead_days=30, recipient="gone@example.com")
    assert gone.status == "failed" and "550 5.1.1 No such user here" in gone.last_error


def _lapse(build, *, reclaims: int):
    """Leave every due row `sending` under a dead claim whose lease ran out, taken over `reclaims` times."""
    from employer_portal.extensions import db
    from employer_portal.models.deadline import ReminderOutbox

    with build.app.app_context():
        db.session.query(ReminderOutbox).filter(ReminderOutbox.lead_days == 30).update({
            ReminderOutbox.status: "sending", ReminderOutbox.claimed_by: "dead-host:1:abc",
            ReminderOutbox.lease_expires_at: AFTER_THIRTY_DAY_SEND - dt.timedelta(minutes=10),
            ReminderOutbox.reclaims: reclaims, ReminderOutbox.attempts: reclaims + 1,
            ReminderOutbox.attempt_started_at: AFTER_THIRTY_DAY_SEND - dt.timedelta(minutes=11),
            ReminderOutbox.last_error: "451 4.3.0 Mailbox busy"})
        db.session.commit()


def test_a_reminder_whose_sender_died_five_times_fails_with_the_reason(make, build, smtp, sweep):
    """Issue 9: 'No reminder is reclaimed forever: after a bounded number of reclaims it fails with the reason.'"""
    user = make.user(role="hr")
    _hire_with_deadline(make, build, user, "Ana Silva")
    _lapse(build, reclaims=5)
    with time_machine.travel(AFTER_THIRTY_DAY_SEND, tick=False):
        totals = sweep()
        again = sweep()
    assert (totals["failed"], totals["claimed"], again["claimed"], again["failed"]) == (1, 0, 0, 0)
    assert smtp.messages == []
    [row] = build.outbox(lead_days=30)
    assert row.status == "failed" and row.lease_expires_at is None
    assert row.last_error.startswith("not sent: its sender stopped 6 times before finishing")
    assert row.last_error.endswith("last error: 451 4.3.0 Mailbox busy")


def test_a_reminder_reclaimed_fewer_times_than_the_limit_is_still_sent_once(make, build, smtp, sweep):
    """A lapsed lease below the limit is taken over and sent (a possible duplicate, counted)."""
    user = make.user(role="hr")
    _hire_with_deadline(make, build, user, "Ana Silva")
    _lapse(build, reclaims=4)
    with time_machine.travel(AFTER_THIRTY_DAY_SEND, tick=False):
        totals = sweep()
    assert (totals["sent"], totals["possible_duplicates"], totals["failed"]) == (1, 1, 0)
    [row] = build.outbox(lead_days=30)
    assert row.status == "sent" and row.reclaims == 5


def test_the_reclaim_limit_is_a_setting(app, make, build, smtp, sweep):
    """REMINDER_MAX_RECLAIMS bounds the take-overs (default 5)."""
    user = make.user(role="hr")
    _hire_with_deadline(make, build, user, "Ana Silva")
    _lapse(build, reclaims=1)
    app.config["REMINDER_MAX_RECLAIMS"] = 1
    try:
        with time_machine.travel(AFTER_THIRTY_DAY_SEND, tick=False):
            assert sweep()["failed"] == 1
    finally:
        app.config.pop("REMINDER_MAX_RECLAIMS")
    [row] = build.outbox(lead_days=30)
    assert "stopped 2 times" in row.last_error
