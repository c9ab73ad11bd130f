"""Send a claimed batch of outbox rows over one mail connection.

In: row ids and the claim token they were claimed with. For each row still held by
this claim: render, send, mark `sent` (committed per row, so a crash loses at most
the message in flight, which the lease sweep re-sends). Temporary failures go back to
`pending` with a backoff; permanent ones become `failed` with the server's reason.
Out: counts (`sent`, `retried`, `failed`, `skipped`).
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import Counter

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from employer_portal.extensions import db
from employer_portal.models.deadline import Deadline, ReminderOutbox
from employer_portal.reminders import outbox
from employer_portal.reminders.emails import build_message
from employer_portal.reminders.mailer import MailError, UnreachableMailError, mailer_from_config

log = logging.getLogger(__name__)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)  # SQLite hands back naive UTC
    return value


def send_claimed(ids: list[int], token: str) -> Counter:
    """Deliver the rows of one claim; returns a Counter of outcomes."""
    counts: Counter = Counter()
    rows = db.session.scalars(
        select(ReminderOutbox).where(ReminderOutbox.id.in_(ids))
        .options(joinedload(ReminderOutbox.deadline).joinedload(Deadline.hire)).order_by(ReminderOutbox.id)
    ).unique().all()
    db.session.commit()  # read only; do not hold a transaction open while talking to SMTP
    connection_error: MailError | None = None
    with mailer_from_config(current_app.config) as mailer:
        for row in rows:
            now = utcnow()
            # Sent only under our own live claim: a lapsed lease may already be someone else's.
            if row.status != "sending" or row.claimed_by != token or _aware(row.lease_expires_at) <= now:
                counts["skipped"] += 1
                continue
            if connection_error is not None:
                # The server could not be reached for this batch: do not wait out a timeout per row.
                counts[_retry(row, token, connection_error, now)] += 1
                continue
            message = build_message(row, row.deadline, row.deadline.hire, now=now)
            try:
                mailer.send(message)
            except MailError as exc:
                if exc.temporary:
                    counts[_retry(row, token, exc, now)] += 1
                    if isinstance(exc, UnreachableMailError):
                        connection_error = exc
                else:
                    outbox.mark_failed(row.id, token, exc.reason, now)
                    log.warning("reminder %s failed permanently: %s", row.id, exc.reason)
                    counts["failed"] += 1
                continue
            if outbox.mark_sent(row.id, token, message["Message-ID"], utcnow()):
                counts["sent"] += 1
            else:
                # Sent, but another sweep had taken the row over: the recipient may get it twice.
                log.warning("reminder %s was sent after its claim lapsed (possible duplicate)", row.id)
                counts["sent_after_lapse"] += 1
    return counts


def _retry(row: ReminderOutbox, token: str, exc: MailError, now: dt.datetime) -> str:
    status = outbox.mark_retry(row.id, token, row.attempts, exc.reason, now)
    log.info("reminder %s: temporary failure (%s), now %s", row.id, exc.reason[:120], status)
    return "retried" if status == "pending" else "failed"
