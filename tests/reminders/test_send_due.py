"""`flask reminders send-due [--until DATETIME]` (issue 9 contract), against aiosmtpd and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import time_machine

UTC = dt.timezone.utc
TODAY = dt.date(2027, 1, 2)
DUE = dt.date(2027, 3, 1)
# Well after both reminders (2027-01-30 and 2027-02-22) and the deadline: an operator back after an outage.
AFTER_THE_OUTAGE = dt.datetime(2027, 2, 26, 12, 0, tzinfo=UTC)


def _planned(make, build):
    user = make.user(role="hr")
    hire_id = build.hire(user)
    build.deadline(hire_id, DUE, today=TODAY)
    return user


def _send_due(app, *args):
    return app.test_cli_runner().invoke(args=["reminders", "send-due", *args])


def test_send_due_until_a_moment_sends_only_what_was_planned_up_to_it(app, make, build, smtp):
    """Issue 9: '`flask reminders send-due --until DATETIME` sends what is planned up to that moment.'"""
    _planned(make, build)
    with time_machine.travel(AFTER_THE_OUTAGE, tick=False):
        before = _send_due(app, "--until", "2027-01-29")
        first = _send_due(app, "--until", "2027-02-01T00:00Z")
        rest = _send_due(app)
    assert before.exit_code == 0 and before.output.strip() == "sent 0, retried 0, failed 0"
    assert first.exit_code == 0 and first.output.strip() == "sent 1, retried 0, failed 0"
    assert rest.exit_code == 0 and rest.output.strip() == "sent 1, retried 0, failed 0"
    assert [r.lead_days for r in build.outbox(status="sent")] == [30, 7]
    assert len(set(smtp.handler.message_ids())) == 2


def test_send_due_defaults_to_now(app, make, build, smtp):
    """Issue 9: 'sends what is planned up to that moment (default now)'."""
    _planned(make, build)
    with time_machine.travel(dt.datetime(2027, 2, 1, 12, 0, tzinfo=UTC), tick=False):
        result = _send_due(app)
    assert result.output.strip() == "sent 1, retried 0, failed 0"
    assert [(r.lead_days, r.status) for r in build.outbox()] == [(30, "sent"), (7, "pending")]


def test_send_due_prints_retried_and_failed(app, make, build, smtp):
    """Issue 9: 'it prints sent, retried and failed.'"""
    user = make.user(role="hr")
    build.deadline(build.hire(user), DUE, today=TODAY)
    build.deadline(build.hire(user, worker="Ana\r\nSilva"), DUE, today=TODAY)
    smtp.handler.temporary_failures = 1
    with time_machine.travel(dt.datetime(2027, 2, 1, 12, 0, tzinfo=UTC), tick=False):
        result = _send_due(app)
    assert result.output.strip() == "sent 0, retried 1, failed 1"


def test_send_due_refuses_a_moment_it_cannot_read(app):
    """A mistyped --until stops with a usage error instead of sending anything."""
    result = _send_due(app, "--until", "next tuesday")
    assert result.exit_code == 2 and "is not a date-time" in result.output
