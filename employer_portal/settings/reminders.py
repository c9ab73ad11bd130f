"""Reminder schedule settings: the employer's time zone and send hour, the preview of the next
reminders, one test reminder to yourself, and each user's daily-digest choice.

Not pure (reads and writes rows, sends mail); the parsing is in `reminders.settings_input`, the zone
table and the local-hour arithmetic in `deadlines.schedule`.
"""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime

from flask import current_app, render_template
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from employer_portal import accounts
from employer_portal.config import PRODUCT_NAME
from employer_portal.deadlines.schedule import CANADIAN_TIME_ZONES, PROVINCE_TIME_ZONES, local_time
from employer_portal.extensions import db
from employer_portal.models import AuditEvent, Employer, User
from employer_portal.models.deadline import Deadline, ReminderOutbox
from employer_portal.reminders.emails import MESSAGE_POLICY, mail_domain, recipient_address
from employer_portal.reminders.mailer import MailError, mailer_from_config

PREVIEW_SIZE = 20
# One test reminder per user per minute: a double click or a reload cannot send a second one.
TEST_REMINDER_INTERVAL = dt.timedelta(seconds=60)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def zone_choices(province: str | None) -> list[tuple[str, str]]:
    """The select's options: "" = the province's default (named), then every Canadian zone."""
    default = PROVINCE_TIME_ZONES.get((province or "").upper())
    label = f"Default for the province ({default})" if default else "Default for the province (America/Toronto)"
    return [("", label)] + [(zone, f"{name} — {zone}") for zone, name in CANADIAN_TIME_ZONES.items()]


def save_schedule(employer: Employer, time_zone: str | None, send_hour: int, actor: User) -> dict:
    """Store the zone and hour; when they change, audit it and re-plan every pending reminder."""
    from employer_portal.deadlines import service as deadline_service

    changes = {}
    if time_zone != employer.time_zone:
        changes["time_zone"] = [employer.time_zone, time_zone]
    if send_hour != employer.reminder_send_hour:
        changes["reminder_send_hour"] = [employer.reminder_send_hour, send_hour]
    employer.time_zone, employer.reminder_send_hour = time_zone, send_hour
    if changes:
        accounts.record(employer.id, "employer", employer.id, "reminder_schedule_changed", actor=actor,
                        changes=changes)
        db.session.flush()
        deadline_service.sync_all_for_employer(employer.id)
    return changes


def set_digest(user: User, digest: bool) -> bool:
    """The user's choice of one daily email; True when it changed (audited)."""
    if bool(user.reminder_digest) == digest:
        return False
    accounts.record(user.employer_id, "user", user.id, "reminder_digest_changed", actor=user,
                    changes={"reminder_digest": [bool(user.reminder_digest), digest]})
    user.reminder_digest = digest
    return True


@dataclass(frozen=True)
class PlannedReminder:
    """One line of the preview: when (employer's local time), to whom, which deadline."""

    local_at: dt.datetime
    recipient: str
    in_digest: bool
    deadline: Deadline
    lead_days: int


def next_reminders(employer: Employer, limit: int = PREVIEW_SIZE) -> list[PlannedReminder]:
    """The employer's next `limit` pending reminders, soonest first."""
    rows = db.session.scalars(
        select(ReminderOutbox).where(ReminderOutbox.employer_id == employer.id, ReminderOutbox.status == "pending")
        .options(joinedload(ReminderOutbox.deadline).joinedload(Deadline.hire))
        .order_by(ReminderOutbox.next_attempt_at, ReminderOutbox.id).limit(limit)
    ).all()
    addresses = {r.recipient.lower() for r in rows}
    digest = set(db.session.scalars(select(func.lower(User.email)).where(
        func.lower(User.email).in_(addresses), User.reminder_digest.is_(True)))) if addresses else set()
    zone = employer.reminder_time_zone
    return [PlannedReminder(local_time(r.next_attempt_at, zone), r.recipient, r.recipient.lower() in digest,
                            r.deadline, r.lead_days) for r in rows]


class TestReminderRefused(Exception):
    """Not sent; the message says why, for the page."""


def mail_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def send_test_reminder(user: User, *, now: dt.datetime | None = None) -> str:
    """Send one sample reminder to `user` now through the configured mailer; a sentence for the page.

    Raises `TestReminderRefused` when one was sent less than a minute ago or the mail server refused.
    Without `MAIL_SERVER` the message is written to the outbox folder and the sentence says so.
    """
    now = now or _utcnow()
    last = db.session.scalar(select(func.max(AuditEvent.at)).where(
        AuditEvent.employer_id == user.employer_id, AuditEvent.entity == "user", AuditEvent.entity_id == user.id,
        AuditEvent.action == "test_reminder_sent"))
    if last is not None:
        last = last if last.tzinfo else last.replace(tzinfo=dt.timezone.utc)
        if now - last < TEST_REMINDER_INTERVAL:
            wait = int((TEST_REMINDER_INTERVAL - (now - last)).total_seconds()) + 1
            raise TestReminderRefused(f"A test reminder was sent to you less than a minute ago; try again in "
                                      f"{wait} seconds.")
    employer = db.session.get(Employer, user.employer_id)
    message = build_test_message(user, employer, now=now)
    try:
        with mailer_from_config(current_app.config) as mailer:
            mailer.send(message)
    except MailError as exc:
        raise TestReminderRefused(f"The test reminder was not sent: {exc.reason}") from exc
    accounts.record(user.employer_id, "user", user.id, "test_reminder_sent", actor=user,
                    changes={"to": [None, user.email]})
    if not mail_configured():
        return (f"Mail is not configured (MAIL_SERVER is empty), so nothing was emailed: the test reminder to "
                f"{user.email} was written to the outbox folder ({current_app.config['MAIL_OUTBOX_DIR']}).")
    return f"A test reminder was sent to {user.email}."


def build_test_message(user: User, employer: Employer, *, now: dt.datetime) -> EmailMessage:
    """A sample reminder: how the real ones look, when they go out, and the next one planned."""
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    base = current_app.config["PORTAL_BASE_URL"].rstrip("/")
    upcoming = next_reminders(employer, limit=1)
    context = {"user": user, "employer": employer, "next": upcoming[0] if upcoming else None,
               "zone": employer.reminder_time_zone, "hour": employer.reminder_send_hour,
               "settings_url": f"{base}/settings/#reminders-heading", "dashboard_url": f"{base}/dashboard"}
    message = EmailMessage(policy=MESSAGE_POLICY)
    message["Subject"] = f"Test reminder from {PRODUCT_NAME}"
    message["From"] = sender
    message["To"] = recipient_address(user.email)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = f"<test-reminder-{uuid.uuid4().hex}@{mail_domain(sender)}>"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(render_template("email/test_reminder.txt", **context))
    return message
