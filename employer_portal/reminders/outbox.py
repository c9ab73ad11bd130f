"""Claiming and settling reminder outbox rows: the database is the truth, the lease the lock.

`claim_due(now, limit, token)` moves up to `limit` due `pending` rows to `sending`
with a short lease (JOB_LEASE_SECONDS, about 30 s) and returns their ids; the sender keeps
the lease alive with a heartbeat (`employer_portal.jobs.lease.LeaseKeeper`) while it works.
On PostgreSQL the candidates are picked with `FOR UPDATE SKIP LOCKED`, so concurrent sweeps
split the work instead of sharing it. On SQLite the same single `UPDATE … RETURNING` is safe
because SQLite runs one writer at a time and the statement re-checks the status as it writes.

Every possible duplicate is counted, and only those. `begin_attempt` records (committed,
just before the message is handed to SMTP) that an attempt started; the attempt's end
(`mark_sent`/`mark_retry`/`mark_failed`) clears it. An attempt that finds a started,
unfinished attempt (its sender died, its task was redelivered, its connection was killed)
may send a second copy: it increments `possible_duplicates`. A row whose attempt never
started is re-sent without being counted.

`reclaim_expired` takes over `sending` rows whose lease ran out (their sender died). A row
whose started attempt was interrupted `max_reclaims` times (a message that kills or stalls
its sender every time) is not reclaimed again but failed with the reason by
`fail_exhausted_reclaims`, so it cannot hold a sender forever. `release` gives the rows of
a batch stopped by its time limit back at once. Settling a row requires the caller's
claim (same `claimed_by` token).

Temporary failures back off (`backoff`); a row past the retry schedule fails for good,
unless the server could not be reached at all: then it waits (pending, retried every
`REMINDER_RETRY_CAP_SECONDS`) and `mail_outage` tells admins the queue is paused.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, bindparam, text

from employer_portal.extensions import db

# Temporary failures back off 1, 2, 4 … minutes, at most an hour; after this many tries the row fails
# (unless the server was unreachable: then the queue pauses instead). Settings of the same names override.
BACKOFF_BASE_SECONDS = 60
BACKOFF_CAP_SECONDS = 3600
MAX_ATTEMPTS = 8
# A row may be taken over after a lapsed lease this many times; the next lapse fails it.
DEFAULT_MAX_RECLAIMS = 5
# The words mark_retry stores for an outage past the retry schedule (mail_outage looks for them).
PAUSED_PREFIX = "paused: mail server unreachable"

_TS = DateTime(timezone=True)


def _setting(name: str, default: int) -> int:
    from flask import current_app

    value = current_app.config.get(name)
    return int(value) if value not in (None, "") else default


def retry_schedule() -> tuple[int, int, int]:
    """(base, cap, max attempts) of the temporary-failure backoff, from the settings."""
    return (_setting("REMINDER_RETRY_BASE_SECONDS", BACKOFF_BASE_SECONDS),
            _setting("REMINDER_RETRY_CAP_SECONDS", BACKOFF_CAP_SECONDS),
            _setting("REMINDER_MAX_ATTEMPTS", MAX_ATTEMPTS))


def _skip_locked() -> str:
    return " FOR UPDATE SKIP LOCKED" if db.engine.dialect.name == "postgresql" else ""


def _ts_params(stmt, *names):
    return stmt.bindparams(*(bindparam(name, type_=_TS) for name in names))


def anything_to_do(now: dt.datetime, until: dt.datetime | None = None) -> bool:
    """One cheap read (two partial indexes): is a row due, or a lease lapsed? The sweep does nothing else if not."""
    stmt = _ts_params(text(
        "SELECT 1 WHERE EXISTS (SELECT 1 FROM reminder_outbox WHERE status = 'pending' AND next_attempt_at <= :until)"
        " OR EXISTS (SELECT 1 FROM reminder_outbox WHERE status = 'sending' AND lease_expires_at < :now)"),
        "now", "until")
    found = db.session.execute(stmt, {"now": now, "until": until or now}).first() is not None
    db.session.commit()
    return found


def claims_in_flight(now: dt.datetime) -> int:
    """Batches claimed and not lapsed (queued in the broker or sending): the sweep queues no more than a few."""
    stmt = _ts_params(text("SELECT COUNT(DISTINCT claimed_by) FROM reminder_outbox "
                           "WHERE status = 'sending' AND lease_expires_at >= :now"), "now")
    count = db.session.execute(stmt, {"now": now}).scalar() or 0
    db.session.commit()
    return int(count)


def claim_due(now: dt.datetime, limit: int, token: str, lease_seconds: float,
              until: dt.datetime | None = None) -> list[int]:
    """Claim up to `limit` pending rows due by `until` (default `now`), oldest first; their ids."""
    stmt = _ts_params(text(
        "UPDATE reminder_outbox SET status = 'sending', lease_expires_at = :lease, claimed_by = :token, "
        "attempts = attempts + 1, updated_at = :now "
        "WHERE status = 'pending' AND id IN (SELECT id FROM reminder_outbox "
        "WHERE status = 'pending' AND next_attempt_at <= :until ORDER BY next_attempt_at LIMIT :limit"
        + _skip_locked() + ") RETURNING id"), "now", "lease", "until")
    ids = [row[0] for row in db.session.execute(stmt, {
        "now": now, "until": until or now, "lease": now + dt.timedelta(seconds=lease_seconds),
        "token": token, "limit": limit})]
    db.session.commit()  # the claim is visible (and the row locks released) before anything is sent
    return sorted(ids)


def reclaim_expired(now: dt.datetime, limit: int, token: str, lease_seconds: float,
                    max_reclaims: int = DEFAULT_MAX_RECLAIMS) -> list[tuple[int, bool]]:
    """Take over up to `limit` rows stuck in `sending` past their lease; (id, attempt was in flight) pairs.

    Only a take-over of a started attempt counts towards `max_reclaims` (the message may be what
    kills its sender); rows their dead sender never reached are simply sent now.
    """
    stmt = _ts_params(text(
        "UPDATE reminder_outbox SET lease_expires_at = :lease, claimed_by = :token, attempts = attempts + 1, "
        "reclaims = reclaims + CASE WHEN attempt_started_at IS NULL THEN 0 ELSE 1 END, updated_at = :now "
        "WHERE status = 'sending' AND id IN (SELECT id FROM reminder_outbox "
        "WHERE status = 'sending' AND lease_expires_at < :now AND reclaims < :max_reclaims "
        "ORDER BY lease_expires_at LIMIT :limit" + _skip_locked() + ") RETURNING id, attempt_started_at"),
        "now", "lease")
    rows = [(row[0], row[1] is not None) for row in db.session.execute(stmt, {
        "now": now, "lease": now + dt.timedelta(seconds=lease_seconds), "token": token, "limit": limit,
        "max_reclaims": max_reclaims})]
    db.session.commit()
    return sorted(rows)


def fail_exhausted_reclaims(now: dt.datetime, max_reclaims: int = DEFAULT_MAX_RECLAIMS) -> list[int]:
    """Fail the rows whose lease lapsed again after `max_reclaims` take-overs; their ids."""
    reason = (f"not sent: its sender stopped {max_reclaims + 1} times before finishing (a worker crash or "
              f"time limit while sending this reminder), so it is not tried again")
    stmt = _ts_params(text(
        "UPDATE reminder_outbox SET status = 'failed', lease_expires_at = NULL, updated_at = :now, "
        "last_error = :reason || COALESCE('; last error: ' || last_error, '') "
        "WHERE status = 'sending' AND id IN (SELECT id FROM reminder_outbox "
        "WHERE status = 'sending' AND lease_expires_at < :now AND reclaims >= :max_reclaims"
        + _skip_locked() + ") RETURNING id"), "now")
    ids = sorted(row[0] for row in db.session.execute(stmt, {"now": now, "reason": reason,
                                                               "max_reclaims": max_reclaims}))
    db.session.commit()
    return ids


_MINE = " WHERE id = :id AND status = 'sending' AND claimed_by = :token"


def begin_attempt(row_id: int, token: str, started_at: dt.datetime, message_id: str) -> dict | None:
    """Record, committed, that an attempt to hand the row's message to SMTP starts now; None if not ours.

    Returns `possible_duplicate` (an earlier attempt started and never finished, so the server
    may already hold a copy), the row's `possible_duplicates` count and the `message_id` to send
    with (the first attempt's, so every copy carries the same Message-ID). Safe to repeat with
    the same `started_at` after a dropped connection: our own attempt is not counted twice.
    """
    params = {"id": row_id, "token": token, "started": started_at, "mid": message_id}
    fresh = _ts_params(text(
        "UPDATE reminder_outbox SET attempt_started_at = :started, message_id = COALESCE(message_id, :mid), "
        "updated_at = :started" + _MINE + " AND attempt_started_at IS NULL "
        "RETURNING possible_duplicates, message_id"), "started")
    row = db.session.execute(fresh, params).first()
    duplicate = False
    if row is None:
        again = _ts_params(text(
            "UPDATE reminder_outbox SET possible_duplicates = possible_duplicates + 1, "
            "attempt_started_at = :started, message_id = COALESCE(message_id, :mid), updated_at = :started"
            + _MINE + " AND attempt_started_at IS NOT NULL AND attempt_started_at <> :started "
            "RETURNING possible_duplicates, message_id"), "started")
        row = db.session.execute(again, params).first()
        duplicate = row is not None
    if row is None:  # this very start, written before its commit's answer was lost: not a second attempt
        same = _ts_params(text("SELECT possible_duplicates, message_id FROM reminder_outbox" + _MINE
                               + " AND attempt_started_at = :started"), "started")
        row = db.session.execute(same, params).first()
    db.session.commit()
    if row is None:
        return None
    return {"possible_duplicate": duplicate, "possible_duplicates": row[0], "message_id": row[1] or message_id}


def _settle(sql: str, **params) -> bool:
    stmt = _ts_params(text(sql), *(k for k in ("now", "next_at") if k in params))
    result = db.session.execute(stmt, params)
    db.session.commit()
    return result.rowcount == 1


def mark_sent(row_id: int, token: str, message_id: str, now: dt.datetime) -> bool:
    """Record the delivery; False when the claim was lost (another sweep took the row over)."""
    return _settle("UPDATE reminder_outbox SET status = 'sent', sent_at = :now, message_id = :mid, "
                   "lease_expires_at = NULL, attempt_started_at = NULL, last_error = NULL, updated_at = :now"
                   + _MINE, id=row_id, token=token, mid=message_id, now=now)


def backoff(attempts: int) -> dt.timedelta:
    """Delay before try number `attempts + 1`: exponential, capped."""
    base, cap, _tries = retry_schedule()
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), cap))


def mark_retry(row_id: int, token: str, attempts: int, reason: str, now: dt.datetime,
               unreachable: bool = False, attempt_unsettled: bool = False) -> str:
    """Back to `pending` after a temporary failure; the new status (`pending`, `paused` or `failed`).

    Past the retry schedule a row fails for good, unless the server could not be reached at all
    (an outage, not this message): then it waits, retried every cap interval, and the queue reads as paused.
    `attempt_unsettled`: the connection broke after the message was handed over, so the server may
    hold a copy; the attempt mark stays and the next attempt is counted as a possible duplicate.
    """
    _base, cap, tries = retry_schedule()
    if attempts >= tries and not unreachable:
        mark_failed(row_id, token, f"gave up after {attempts} attempts; last: {reason}", now)
        return "failed"
    paused = attempts >= tries
    delay = dt.timedelta(seconds=cap) if paused else backoff(attempts)
    stored = f"{PAUSED_PREFIX} after {attempts} attempts; last: {reason}" if paused else reason
    _settle("UPDATE reminder_outbox SET status = 'pending', next_attempt_at = :next_at, last_error = :reason, "
            "lease_expires_at = NULL, claimed_by = NULL, updated_at = :now"
            + ("" if attempt_unsettled else ", attempt_started_at = NULL") + _MINE,
            id=row_id, token=token, reason=stored[:1000], next_at=now + delay, now=now)
    return "paused" if paused else "pending"


def mark_failed(row_id: int, token: str, reason: str, now: dt.datetime) -> bool:
    """A permanent failure: the row stops with the server's reason."""
    return _settle("UPDATE reminder_outbox SET status = 'failed', last_error = :reason, lease_expires_at = NULL, "
                   "attempt_started_at = NULL, updated_at = :now" + _MINE,
                   id=row_id, token=token, reason=reason[:1000], now=now)


def release(ids: list[int], token: str, now: dt.datetime) -> list[int]:
    """Give the rows of a stopped batch back at once (pending, due now); their ids.

    A row never attempted gets its try back; a row whose attempt started keeps that mark, so
    its next attempt is counted as a possible duplicate.
    """
    if not ids:
        return []
    stmt = _ts_params(text(
        "UPDATE reminder_outbox SET status = 'pending', claimed_by = NULL, lease_expires_at = NULL, "
        "attempts = CASE WHEN attempt_started_at IS NULL AND attempts > 0 THEN attempts - 1 ELSE attempts END, "
        "updated_at = :now WHERE id IN :ids AND status = 'sending' AND claimed_by = :token RETURNING id"
    ).bindparams(bindparam("ids", expanding=True)), "now")
    released = sorted(row[0] for row in db.session.execute(stmt, {"ids": list(ids), "token": token, "now": now}))
    db.session.commit()
    return released


def mail_outage(employer_id: int | None = None) -> dict | None:
    """The queue is paused: reminders wait because the mail server stayed unreachable past the retry schedule.

    None when nothing waits so; else `waiting` (rows, of one employer if given), `since`
    (the oldest such row's last try) and `last_error`.
    """
    where = "status = 'pending' AND last_error LIKE :paused"
    params: dict = {"paused": PAUSED_PREFIX + "%"}
    if employer_id is not None:
        where += " AND employer_id = :employer"
        params["employer"] = employer_id
    row = db.session.execute(text(
        f"SELECT COUNT(*), MIN(updated_at), MAX(last_error) FROM reminder_outbox WHERE {where}"), params).first()
    if not row or not row[0]:
        return None
    return {"waiting": int(row[0]), "since": row[1], "last_error": row[2]}
