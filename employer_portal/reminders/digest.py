"""A daily digest: a user who asked for one (`User.reminder_digest`) gets the reminders due for them
in one email listing them, instead of one email per reminder.

In: the rows of one claim (see `sending.send_claimed`), the claim token and the open mailer. The rows
addressed to a digest user go out as one message per recipient; each row is still settled on its own
under the claim (`sent` with the digest's Message-ID, or retried/failed with the reason), so each row
is sent exactly once. Out: the rows left for one-per-reminder sending.

An employer's reminders of one day are all due at its send hour, so they reach the same claim; a row
claimed on its own later (a catch-up, a retry) makes a digest of one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import Counter, defaultdict
from email.message import EmailMessage
from email.utils import format_datetime

from billiard.exceptions import SoftTimeLimitExceeded as _Abort  # a Celery time limit ends the batch, not the row
from flask import current_app, render_template
from sqlalchemy import func, select

from employer_portal.extensions import db
from employer_portal.models import User
from employer_portal.models.deadline import ReminderOutbox
from employer_portal.reminders import outbox
from employer_portal.reminders.emails import (
    MESSAGE_POLICY, UnsafeHeaderError, links_for, mail_domain, recipient_address, subject_for,
)
from employer_portal.reminders.mailer import AttemptRefused, MailError


log = logging.getLogger(__name__)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    return value.replace(tzinfo=dt.timezone.utc) if value is not None and value.tzinfo is None else value


def digest_recipients(addresses: set[str]) -> set[str]:
    """Of these addresses (lower case), those of active users who chose the daily digest."""
    if not addresses:
        return set()
    found = db.session.scalars(select(func.lower(User.email)).where(
        func.lower(User.email).in_(addresses), User.reminder_digest.is_(True), User.active.is_(True))).all()
    db.session.commit()  # read only; no transaction held open while talking to SMTP
    return set(found)


def digest_message_id(rows: list[ReminderOutbox], recipient: str, domain: str) -> str:
    """Derived from the rows it lists and the recipient, so re-sending the same digest keeps its id."""
    key = ",".join(str(r.id) for r in sorted(rows, key=lambda r: r.id)) + "|" + recipient.lower()
    return f"<digest-{hashlib.sha1(key.encode()).hexdigest()[:20]}@{domain}>"


def build_digest(recipient: str, items: list[dict], rows: list[ReminderOutbox], *, now: dt.datetime) -> EmailMessage:
    """One message listing `items` (subject, deadline, hire, links); `UnsafeHeaderError` for a bad address."""
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    base = current_app.config["PORTAL_BASE_URL"].rstrip("/")
    context = {"items": items, "now": now, "dashboard_url": f"{base}/dashboard#attention-heading",
               "settings_url": f"{base}/settings/#digest-heading"}
    message = EmailMessage(policy=MESSAGE_POLICY)
    count = len(items)
    message["Subject"] = f"Your deadline reminders: {count} deadline{'s' if count != 1 else ''} to act on"
    message["From"] = sender
    message["To"] = recipient_address(recipient)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = digest_message_id(rows, recipient, mail_domain(sender))
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(render_template("email/digest.txt", **context))
    message.add_alternative(render_template("email/digest.html", **context), subtype="html")
    message.as_bytes()  # serialised once here, so a message that cannot be written fails as unbuildable
    return message


def _item(row: ReminderOutbox, now: dt.datetime) -> dict:
    deadline, hire = row.deadline, row.deadline.hire
    return {"row": row, "deadline": deadline, "hire": hire, "subject": subject_for(row, deadline, hire),
            "days_left": (deadline.due_date - now.date()).days, **links_for(hire, deadline)}


def send_digests(rows: list[ReminderOutbox], token: str, mailer, counts: Counter) -> list[ReminderOutbox]:
    """Send the digest users' rows as one email per user, settle them, count outcomes; the other rows."""
    wanted = digest_recipients({r.recipient.lower() for r in rows})
    if not wanted:
        return rows
    groups: dict[str, list[ReminderOutbox]] = defaultdict(list)
    others = []
    for row in rows:
        (groups[row.recipient.lower()] if row.recipient.lower() in wanted else others).append(row)
    for recipient, group in groups.items():
        _send_one_digest(recipient, group, token, mailer, counts)
    return others


def _send_one_digest(recipient: str, group: list[ReminderOutbox], token: str, mailer, counts: Counter) -> None:
    now = _utcnow()
    live, items = [], []
    for row in group:
        # Settled only under our own live claim, as in sending.send_claimed.
        if row.status != "sending" or row.claimed_by != token or _aware(row.lease_expires_at) <= now:
            counts["skipped"] += 1
            continue
        try:
            items.append(_item(row, now))
        except _Abort:
            raise
        except Exception as exc:  # noqa: BLE001 - this row cannot be listed; the others still can
            reason = str(exc) if isinstance(exc, UnsafeHeaderError) else (
                f"not sent: the email could not be built ({exc.__class__.__name__}: {exc})")
            outbox.mark_failed(row.id, token, reason, now)
            counts["failed"] += 1
            continue
        live.append(row)
    if not live:
        return
    try:
        message = build_digest(recipient, items, live, now=now)
    except _Abort:
        raise
    except Exception as exc:  # noqa: BLE001 - e.g. an address that cannot be a header: these rows fail
        reason = str(exc) if isinstance(exc, UnsafeHeaderError) else (
            f"not sent: the digest could not be built ({exc.__class__.__name__}: {exc})")
        for row in live:
            outbox.mark_failed(row.id, token, reason, now)
        counts["failed"] += len(live)
        return
    started: dict[int, dict] = {}

    def start_attempt():  # every possible duplicate counted: see outbox.begin_attempt
        for row in live:
            result = outbox.begin_attempt(row.id, token, now, message["Message-ID"])
            if result is not None:
                started[row.id] = result
        if not started:
            raise AttemptRefused("no row of this digest is held by this claim any more")

    try:
        mailer.send(message, before_data=start_attempt)
    except AttemptRefused:
        counts["skipped"] += len(live)
        return
    except MailError as exc:
        for row in live:
            if exc.temporary:
                status = outbox.mark_retry(row.id, token, row.attempts, exc.reason, now)
                counts["retried" if status == "pending" else "failed"] += 1
            else:
                outbox.mark_failed(row.id, token, exc.reason, now)
                counts["failed"] += 1
        log.info("digest to %s not sent (%s)", recipient, exc.reason[:120])
        return
    sent_at = _utcnow()
    for row in live:
        if started.get(row.id, {}).get("possible_duplicate"):
            counts["possible_duplicates"] += 1
            log.warning("reminder %s sent again in a digest after an unfinished attempt: possible duplicate "
                        "(possible_duplicates=%d on the row), same Message-ID %s", row.id,
                        started[row.id]["possible_duplicates"], message["Message-ID"])
        if outbox.mark_sent(row.id, token, message["Message-ID"], sent_at):
            counts["sent"] += 1
        else:
            log.warning("reminder %s was sent in a digest after its claim lapsed (possible duplicate)", row.id)
            counts["sent_after_lapse"] += 1
