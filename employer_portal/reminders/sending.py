"""Send a claimed batch of outbox rows over one mail connection.

In: row ids and the claim token they were claimed with. While the batch runs, a
`LeaseKeeper` renews the rows' short lease every few seconds (its own connection), so a
slow but living sender keeps them and a dead one loses them within a lease. For each row
still held by this claim: render; after the envelope and the content were sent and before the
final "." that makes the server keep it, record that the attempt started (`outbox.begin_attempt`,
committed: no transaction is held across the SMTP conversation); send; mark `sent`
(committed per row). An attempt that finds an earlier unfinished one counts a possible
duplicate on the row and in the log line, and goes out with the same Message-ID.

Temporary failures go back to `pending` with a backoff; permanent ones become `failed`
with the server's reason; an unreachable server past the retry schedule pauses the queue
(rows wait) instead of failing them. A row whose message cannot be built fails alone.
A dropped database connection is retried on a fresh one. The Celery soft time limit
ends the batch cleanly: rows not yet sent are released at once, not after the lease.
Out: counts (`sent`, `retried`, `failed`, `skipped`, `possible_duplicates`, `released`, `paused`).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from collections import Counter

from billiard.exceptions import SoftTimeLimitExceeded as _Abort  # a Celery time limit ends the batch, not the row
from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import joinedload

from employer_portal.extensions import db
from employer_portal.jobs.lease import LeaseKeeper
from employer_portal.models.deadline import Deadline, ReminderOutbox
from employer_portal.reminders import outbox
from employer_portal.reminders.digest import send_digests
from employer_portal.reminders.emails import UnsafeHeaderError, build_message
from employer_portal.reminders.job_settings import heartbeat_seconds, lease_seconds
from employer_portal.reminders.mailer import AttemptRefused, MailError, UnreachableMailError, mailer_from_config


log = logging.getLogger(__name__)

# A dropped database connection is retried on a fresh one for about 15 s (shorter than a lease).
_DB_RETRY_DELAYS = (0.2, 0.5, 1, 2, 4, 8)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)  # SQLite hands back naive UTC
    return value


def with_db_retry(call, what: str):
    """Run `call()`; when the database connection drops (killed backend, restart), retry on a new one."""
    for delay in (*_DB_RETRY_DELAYS, None):
        try:
            return call()
        except (OperationalError, InterfaceError) as exc:
            with contextlib.suppress(Exception):
                db.session.rollback()
            if delay is None:
                raise
            log.warning("database connection lost while %s (%s); retrying in %ss", what,
                        exc.__class__.__name__, delay)
            time.sleep(delay)


@contextlib.contextmanager
def _loaded_rows_kept():
    """Commits during the batch must not expire the loaded rows (a refresh would open a transaction
    that stays open across the next SMTP conversation)."""
    session = db.session()
    saved = session.expire_on_commit
    session.expire_on_commit = False
    try:
        yield
    finally:
        session.expire_on_commit = saved


def send_claimed(ids: list[int], token: str) -> Counter:
    """Deliver the rows of one claim; returns a Counter of outcomes."""
    counts: Counter = Counter()
    keeper = LeaseKeeper("reminder_outbox", ids, token, status="sending", lease_seconds=lease_seconds(),
                         heartbeat=heartbeat_seconds())
    # First renew at once: a redelivered task or a late start may find the lease nearly out.
    with_db_retry(keeper.renew, "renewing the lease")
    with keeper, _loaded_rows_kept():
        try:
            _send_rows(ids, token, keeper, counts)
        except _Abort:
            # The soft time limit: stop here, give back what was not sent (no wait for the lease).
            with contextlib.suppress(Exception):
                db.session.rollback()
            keeper.stop()
            released = with_db_retry(lambda: outbox.release(ids, token, utcnow()), "releasing the batch")
            counts["released"] += len(released)
            log.warning("reminder batch stopped by its time limit; %d reminder(s) released for the next sweep",
                        len(released))
    return counts


def _send_rows(ids: list[int], token: str, keeper: LeaseKeeper, counts: Counter) -> None:
    rows = with_db_retry(lambda: db.session.scalars(
        select(ReminderOutbox).where(ReminderOutbox.id.in_(ids))
        .options(joinedload(ReminderOutbox.deadline).joinedload(Deadline.hire)).order_by(ReminderOutbox.id)
    ).unique().all(), "loading the batch")
    db.session.commit()  # read only; do not hold a transaction open while talking to SMTP
    connection_error: MailError | None = None
    with mailer_from_config(current_app.config) as mailer:
        # A user who chose the daily digest gets their rows as one email (each row still settled alone).
        rows = send_digests(rows, token, mailer, counts)
        for row in rows:
            if row.status != "sending" or row.claimed_by != token or not keeper.holds(row.id):
                counts["skipped"] += 1
                continue
            now = utcnow()
            if connection_error is not None:
                # The server could not be reached for this batch: do not wait out a timeout per row.
                counts[_retry(row, token, connection_error, now)] += 1
                keeper.done(row.id)
                continue
            try:
                message = build_message(row, row.deadline, row.deadline.hire, now=now)
            except _Abort:
                raise
            except UnsafeHeaderError as exc:
                counts[_fail(row, token, str(exc), now)] += 1
                keeper.done(row.id)
                continue
            except Exception as exc:  # noqa: BLE001 - this row cannot be built; the others still can
                reason = f"not sent: the email could not be built ({exc.__class__.__name__}: {exc})"
                counts[_fail(row, token, reason, now)] += 1
                keeper.done(row.id)
                continue
            if row.message_id and row.message_id != message["Message-ID"]:
                message.replace_header("Message-ID", row.message_id)  # every copy carries the first attempt's id
            attempt: dict = {}

            def start_attempt(row=row, message=message, attempt=attempt):
                started_at = utcnow()
                result = with_db_retry(lambda: outbox.begin_attempt(row.id, token, started_at,
                                                                    message["Message-ID"]), "starting an attempt")
                if result is None:
                    raise AttemptRefused(f"reminder {row.id} is no longer held by this claim")
                if result["message_id"] != message["Message-ID"]:
                    message.replace_header("Message-ID", result["message_id"])
                attempt.update(result)

            try:
                mailer.send(message, before_data=start_attempt)
            except AttemptRefused:
                counts["skipped"] += 1
                keeper.done(row.id)
                continue
            except MailError as exc:
                if exc.temporary:
                    counts[_retry(row, token, exc, now, attempt_unsettled=bool(attempt) and isinstance(
                        exc, UnreachableMailError))] += 1
                    if isinstance(exc, UnreachableMailError):
                        connection_error = exc
                else:
                    counts[_fail(row, token, exc.reason, now)] += 1
                keeper.done(row.id)
                continue
            if attempt.get("possible_duplicate"):
                counts["possible_duplicates"] += 1
                log.warning("reminder %s sent again after an unfinished attempt: possible duplicate "
                            "(possible_duplicates=%d on the row, 1 in this batch), same Message-ID %s",
                            row.id, attempt["possible_duplicates"], message["Message-ID"])
            sent_at = utcnow()
            if with_db_retry(lambda: outbox.mark_sent(row.id, token, message["Message-ID"], sent_at),
                             "recording a sent reminder"):
                counts["sent"] += 1
            else:
                # Sent, but another sweep had taken the row over after we started: that sweep's attempt
                # finds ours unfinished and counts the possible duplicate on the row.
                log.warning("reminder %s was sent after its claim lapsed (counted by the attempt that took it over)",
                            row.id)
                counts["sent_after_lapse"] += 1
            keeper.done(row.id)


def _fail(row: ReminderOutbox, token: str, reason: str, now: dt.datetime) -> str:
    with_db_retry(lambda: outbox.mark_failed(row.id, token, reason, now), "recording a failure")
    log.warning("reminder %s failed: %s", row.id, reason)
    return "failed"


def _retry(row: ReminderOutbox, token: str, exc: MailError, now: dt.datetime,
           attempt_unsettled: bool = False) -> str:
    unreachable = isinstance(exc, UnreachableMailError)
    status = with_db_retry(lambda: outbox.mark_retry(row.id, token, row.attempts, exc.reason, now,
                                                     unreachable=unreachable, attempt_unsettled=attempt_unsettled),
                           "recording a retry")
    if status == "paused":
        log.error("reminder mail paused: the mail server has been unreachable past the retry schedule "
                  "(%d attempts; last: %s); reminder %s waits and is retried, not failed. Check MAIL_SERVER.",
                  row.attempts, exc.reason[:200], row.id)
        return "paused"
    log.info("reminder %s: temporary failure (%s), now %s", row.id, exc.reason[:120], status)
    return "retried" if status == "pending" else "failed"
