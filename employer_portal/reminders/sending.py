"""Send a claimed batch of outbox rows over one mail connection.

In: row ids and the claim token they were claimed with. For each row still held by
this claim: render, send, mark `sent` (committed per row, so a crash loses at most
the message in flight, which the lease sweep re-sends). Temporary failures go back to
`pending` with a backoff; permanent ones become `failed` with the server's reason.
A row whose message cannot be built (user text that would break a header, a template
error) fails alone with the reason: the rest of the batch, of every employer, goes on.
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
from employer_portal.reminders.digest import send_digests
from employer_portal.reminders.emails import UnsafeHeaderError, build_message
from employer_portal.reminders.mailer import MailError, UnreachableMailError, mailer_from_config

try:  # a Celery time limit must abort the batch, not fail the row it interrupted
    from billiard.exceptions import SoftTimeLimitExceeded as _Abort
except ImportError:  # pragma: no cover - billiard comes with Celery
    class _Abort(Exception):
        pass

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
        # A user who chose the daily digest gets their rows as one email (each row still settled alone).
        rows = send_digests(rows, token, mailer, counts)
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
            try:
                message = build_message(row, row.deadline, row.deadline.hire, now=now)
            except _Abort:
                raise
            except UnsafeHeaderError as exc:
                counts[_fail(row, token, str(exc), now)] += 1
                continue
            except Exception as exc:  # noqa: BLE001 - this row cannot be built; the others still can
                reason = f"not sent: the email could not be built ({exc.__class__.__name__}: {exc})"
                counts[_fail(row, token, reason, now)] += 1
                continue
            try:
                mailer.send(message)
            except MailError as exc:
                if exc.temporary:
                    counts[_retry(row, token, exc, now)] += 1
                    if isinstance(exc, UnreachableMailError):
                        connection_error = exc
                else:
                    counts[_fail(row, token, exc.reason, now)] += 1
                continue
            if outbox.mark_sent(row.id, token, message["Message-ID"], utcnow()):
                counts["sent"] += 1
            else:
                # Sent, but another sweep had taken the row over: the recipient may get it twice.
                log.warning("reminder %s was sent after its claim lapsed (possible duplicate)", row.id)
                counts["sent_after_lapse"] += 1
    return counts


def _fail(row: ReminderOutbox, token: str, reason: str, now: dt.datetime) -> str:
    outbox.mark_failed(row.id, token, reason, now)
    log.warning("reminder %s failed: %s", row.id, reason)
    return "failed"


def _retry(row: ReminderOutbox, token: str, exc: MailError, now: dt.datetime) -> str:
    status = outbox.mark_retry(row.id, token, row.attempts, exc.reason, now)
    log.info("reminder %s: temporary failure (%s), now %s", row.id, exc.reason[:120], status)
    return "retried" if status == "pending" else "failed"
