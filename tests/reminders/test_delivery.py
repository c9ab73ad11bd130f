"""Reminders against a real SMTP server (aiosmtpd) and PostgreSQL, with frozen time."""
from __future__ import annotations

import datetime as dt
import threading

import time_machine

UTC = dt.timezone.utc
TODAY = dt.date(2027, 1, 2)
DUE = dt.date(2027, 3, 1)
# 30 days before 2027-03-01 is 2027-01-30; an Ontario employer's reminders go out at 9:00 Toronto
# time, 14:00 UTC in winter (EST).
THIRTY_DAY_SEND = dt.datetime(2027, 1, 30, 14, 5, tzinfo=UTC)


def _setup(make, build, **kw):
    user = make.user(role="hr")
    hire_id = build.hire(user)
    build.deadline(hire_id, DUE, today=TODAY, **kw)
    return user, hire_id


def test_due_reminder_arrives_once_with_subject_and_body(make, build, smtp, sweep):
    user, hire_id = _setup(make, build)
    with time_machine.travel(THIRTY_DAY_SEND, tick=False):
        totals = sweep()
        again = sweep()
    assert totals["sent"] == 1 and again["sent"] == 0
    [message] = smtp.messages
    assert message["To"] == user.email
    assert message["Subject"] == "Reminder: Renew the work permit due 2027-03-01 — Ana Silva"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "in 30 days" in text and "Senior Data Engineer" in text
    assert "IRPR s. 186(u)" in text and f"http://127.0.0.1:5000/hires/{hire_id}" in text
    assert f'href="http://127.0.0.1:5000/hires/{hire_id}"' in html
    assert message["Message-ID"].startswith("<reminder-")


def test_not_yet_due_reminder_is_not_sent(make, build, smtp, sweep):
    _setup(make, build)
    with time_machine.travel(dt.datetime(2027, 1, 30, 12, 0, tzinfo=UTC), tick=False):
        totals = sweep()
    assert totals["sent"] == 0 and smtp.messages == []
    [thirty, seven] = build.outbox()
    assert (thirty.lead_days, thirty.status, seven.lead_days, seven.status) == (30, "pending", 7, "pending")


def test_extra_recipients_each_get_their_own_reminder(make, build, smtp, sweep):
    _setup(make, build, recipients=("payroll@example.com",))
    with time_machine.travel(THIRTY_DAY_SEND, tick=False):
        sweep()
    assert sorted(m["To"] for m in smtp.messages)[0] == "payroll@example.com"
    assert len(set(smtp.handler.message_ids())) == 2


def test_smtp_answering_451_three_times_then_accepting_delivers_once(make, build, smtp, sweep):
    _setup(make, build)
    smtp.handler.temporary_failures = 3
    moment = THIRTY_DAY_SEND
    results = []
    for _ in range(6):
        with time_machine.travel(moment, tick=False):
            results.append(sweep())
        moment += dt.timedelta(hours=1)  # past any backoff
    assert [r["retried"] for r in results[:3]] == [1, 1, 1]
    assert len(smtp.messages) == 1
    [row] = build.outbox(lead_days=30)
    assert row.status == "sent" and row.attempts == 4


def test_smtp_answering_550_marks_failed_with_reason_and_does_not_retry(make, build, smtp, sweep, api_for):
    user, hire_id = _setup(make, build)
    smtp.handler.reject = True
    with time_machine.travel(THIRTY_DAY_SEND, tick=False):
        first = sweep()
    with time_machine.travel(THIRTY_DAY_SEND + dt.timedelta(days=2), tick=False):
        later = sweep()
    assert first["failed"] == 1 and later["claimed"] == 0
    assert smtp.handler.mail_from_count == 1  # no retry storm
    [row] = build.outbox(lead_days=30)
    assert row.status == "failed" and "550 5.1.1 No such user here" in row.last_error
    body = api_for(user).get(f"/api/v1/hires/{hire_id}/deadlines").get_json()
    reminder = next(r for r in body["deadlines"][0]["reminders"] if r["lead_days"] == 30)
    assert reminder["status"] == "failed" and "550" in reminder["last_error"]


def test_smtp_down_for_a_while_is_retried_and_each_arrives_once(make, build, smtp, sweep):
    _setup(make, build, recipients=("a@example.com", "b@example.com"))
    smtp.stop()
    with time_machine.travel(THIRTY_DAY_SEND, tick=False):
        down = sweep()
    with time_machine.travel(THIRTY_DAY_SEND + dt.timedelta(seconds=30), tick=False):
        too_soon = sweep()
    smtp.start()
    with time_machine.travel(THIRTY_DAY_SEND + dt.timedelta(minutes=5), tick=False):
        up = sweep()
        after = sweep()
    assert down["retried"] == 3 and too_soon["claimed"] == 0
    assert up["sent"] == 3 and after["claimed"] == 0
    ids = smtp.handler.message_ids()
    assert len(ids) == 3 and len(set(ids)) == 3


def test_two_sweeps_at_the_same_time_never_send_a_reminder_twice(app, make, build, smtp):
    from employer_portal.reminders.sweep import run_sweep

    user = make.user(role="hr")
    recipients = tuple(f"r{i}@example.com" for i in range(15))
    for n in range(4):
        hire_id = build.hire(user, worker=f"Worker {n}")
        build.deadline(hire_id, DUE, today=TODAY, recipients=recipients)
    expected = len(build.outbox(lead_days=30))
    totals, barrier = [], threading.Barrier(2)

    def one():
        with app.app_context():
            barrier.wait()
            totals.append(run_sweep(size=7))

    with time_machine.travel(THIRTY_DAY_SEND, tick=True):
        threads = [threading.Thread(target=one) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    ids = smtp.handler.message_ids()
    assert expected == 64 and len(ids) == expected and len(set(ids)) == expected
    assert sum(t["sent"] for t in totals) == expected
    assert all(t["sent"] > 0 for t in totals) or sum(t["claimed"] for t in totals) == expected


def test_embedded_default_writes_mail_to_the_outbox_folder(app, make, build, sweep, login, client, tmp_path):
    user, _hire_id = _setup(make, build)
    saved = app.config["MAIL_SERVER"], app.config["MAIL_OUTBOX_DIR"]
    app.config.update(MAIL_SERVER="", MAIL_OUTBOX_DIR=str(tmp_path))
    try:
        with time_machine.travel(THIRTY_DAY_SEND, tick=False):
            assert sweep()["sent"] == 1
        [eml] = list(tmp_path.glob("*.eml"))
        assert "Renew the work permit" in eml.read_text()
        login(client, user)
        page = client.get("/dev/outbox").get_data(as_text=True)
        assert "Reminder: Renew the work permit due 2027-03-01" in page
    finally:
        app.config.update(MAIL_SERVER=saved[0], MAIL_OUTBOX_DIR=saved[1])
