"""Issue 15 in a real browser: while reminder mail is paused by an unreachable mail server, an admin's dashboard says
so (how many of the employer's reminders wait, that they are retried, what to check); HR staff do not see it."""
from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect


def _sign_in(page, live_server, user):
    page.goto(f"{live_server}/login")
    page.fill('[name="email"]', user.email)
    page.fill('[name="password"]', user.password)
    page.locator('form button[type="submit"]').first.click()
    page.wait_for_url(re.compile(r".*/dashboard.*|.*/$"))


def _paused_reminders(app, user, count: int) -> None:
    """`count` reminders of the user's employer waiting past the retry schedule (what mark_retry leaves)."""
    from employer_portal.extensions import db
    from employer_portal.models import Hire
    from employer_portal.models.deadline import Deadline, ReminderOutbox
    from employer_portal.reminders.outbox import PAUSED_PREFIX

    now = dt.datetime.now(dt.timezone.utc)
    with app.app_context():
        hire = Hire(employer_id=user.employer_id, hr_owner_id=user.id, status="approved", program="gts_a",
                    worker_name="Ana Silva", job_title="Data engineer", noc_code="21211", province="ON",
                    payload={}, dates={})
        db.session.add(hire)
        db.session.flush()
        deadline = Deadline(employer_id=user.employer_id, hire_id=hire.id, key="work_permit_renewal",
                            kind="work_permit_renewal", title="Renew the work permit", due_date=now.date(),
                            rule_id="D01", why="A worker may not keep working on an expired permit.",
                            source="IRPR s. 186(u); IRCC", counts_business_days=False, province="ON",
                            estimated=False, active=True, origin="calculator")
        db.session.add(deadline)
        db.session.flush()
        for i in range(count):
            db.session.add(ReminderOutbox(
                employer_id=user.employer_id, deadline_id=deadline.id, purpose="reminder", lead_days=0,
                recipient=f"r{i}@example.com", send_on=now.date(), due_at=now, status="pending", attempts=8,
                next_attempt_at=now + dt.timedelta(hours=1), context={},
                last_error=f"{PAUSED_PREFIX} after 8 attempts; last: ConnectionRefusedError: [Errno 111]"))
        db.session.commit()


def test_an_admin_sees_that_reminder_mail_is_paused_and_hr_does_not(app, make, live_server, page, browser):
    """Issue 15: an SMTP outage past the retry schedule 'pauses the queue and alerts an admin'."""
    admin = make.user(role="admin")
    hr = make.user(employer_id=admin.employer_id, role="hr")
    _paused_reminders(app, admin, 3)
    _sign_in(page, live_server, admin)
    page.goto(f"{live_server}/dashboard")
    alert = page.locator("[data-mail-paused]")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Reminder emails are paused")
    expect(alert).to_contain_text("3 of your reminders wait")
    expect(alert).to_contain_text("MAIL_SERVER")
    other = browser.new_context().new_page()
    try:
        _sign_in(other, live_server, hr)
        other.goto(f"{live_server}/dashboard")
        expect(other.locator("h1")).to_have_text("Dashboard")
        expect(other.locator("[data-mail-paused]")).to_have_count(0)
    finally:
        other.context.close()
