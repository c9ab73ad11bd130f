"""Claiming and settling reminder outbox rows: the database is the truth, the lease the lock.

`claim_due(now, limit, token)` moves up to `limit` due `pending` rows to `sending`
with a lease and returns their ids; on PostgreSQL the candidates are picked with
`FOR UPDATE SKIP LOCKED`, so concurrent sweeps split the work instead of sharing it.
On SQLite the same single `UPDATE … RETURNING` is safe because SQLite runs one writer
at a time and the statement re-checks `status = 'pending'` as it writes.
`reclaim_expired` does the same for `sending` rows whose lease ran out (their sender
died): each is a possible duplicate. A row whose lease ran out `max_reclaims` times
(a message that kills or stalls its sender every time) is not reclaimed again but
failed with the reason by `fail_exhausted_reclaims`, so it cannot hold a sender forever.
`mark_sent`/`mark_retry`/`mark_failed` settle a
row only while the caller still holds its claim (same `claimed_by` token).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, bindparam, text

from employer_portal.extensions import db

# Temporary failures back off 1, 2, 4 … minutes, at most an hour; after this many tries the row fails.
BACKOFF_BASE_SECONDS = 60
BACKOFF_CAP_SECONDS = 3600
MAX_ATTEMPTS = 8
# A row may be taken over after a lapsed lease this many times; the next lapse fails it.
DEFAULT_MAX_RECLAIMS = 5

_TS = DateTime(timezone=True)


def _skip_locked() -> str:
    return " FOR UPDATE SKIP LOCKED" if db.engine.dialect.name == "postgresql" else ""


def _claim(sql: str, **params) -> list[int]:
    stmt = text(sql).bindparams(bindparam("now", type_=_TS), bindparam("lease", type_=_TS))
    ids = [row[0] for row in db.session.execute(stmt, params)]
    db.session.commit()  # the claim is visible (and the row locks released) before anything is sent
    return sorted(ids)


def claim_due(now: dt.datetime, limit: int, token: str, lease_seconds: int,
              until: dt.datetime | None = None) -> list[int]:
    """Claim up to `limit` pending rows due by `until` (default `now`), oldest first; their ids."""
    stmt = text(
        "UPDATE reminder_outbox SET status = 'sending', lease_expires_at = :lease, claimed_by = :token, "
        "attempts = attempts + 1, updated_at = :now "
        "WHERE status = 'pending' AND id IN (SELECT id FROM reminder_outbox "
        "WHERE status = 'pending' AND next_attempt_at <= :until ORDER BY next_attempt_at LIMIT :limit"
        + _skip_locked() + ") RETURNING id"
    ).bindparams(bindparam("now", type_=_TS), bindparam("lease", type_=_TS), bindparam("until", type_=_TS))
    ids = [row[0] for row in db.session.execute(stmt, {
        "now": now, "until": until or now, "lease": now + dt.timedelta(seconds=lease_seconds),
        "token": token, "limit": limit})]
    db.session.commit()  # the claim is visible (and the row locks released) before anything is sent
    return sorted(ids)


def reclaim_expired(now: dt.datetime, limit: int, token: str, lease_seconds: int,
                    max_reclaims: int = DEFAULT_MAX_RECLAIMS) -> list[int]:
    """Take over up to `limit` rows stuck in `sending` past their lease (fewer than `max_reclaims` times); ids."""
    return _claim(
        "UPDATE reminder_outbox SET lease_expires_at = :lease, claimed_by = :token, attempts = attempts + 1, "
        "reclaims = reclaims + 1, updated_at = :now "
        "WHERE status = 'sending' AND id IN (SELECT id FROM reminder_outbox "
        "WHERE status = 'sending' AND lease_expires_at < :now AND reclaims < :max_reclaims "
        "ORDER BY lease_expires_at LIMIT :limit" + _skip_locked() + ") RETURNING id",
        now=now, lease=now + dt.timedelta(seconds=lease_seconds), token=token, limit=limit,
        max_reclaims=max_reclaims,
    )


def fail_exhausted_reclaims(now: dt.datetime, max_reclaims: int = DEFAULT_MAX_RECLAIMS) -> list[int]:
    """Fail the rows whose lease lapsed again after `max_reclaims` take-overs; their ids."""
    reason = (f"not sent: its sender stopped {max_reclaims + 1} times before finishing (a worker crash or "
              f"time limit while sending this reminder), so it is not tried again")
    stmt = text(
        "UPDATE reminder_outbox SET status = 'failed', lease_expires_at = NULL, updated_at = :now, "
        "last_error = :reason || COALESCE('; last error: ' || last_error, '') "
        "WHERE status = 'sending' AND id IN (SELECT id FROM reminder_outbox "
        "WHERE status = 'sending' AND lease_expires_at < :now AND reclaims >= :max_reclaims"
        + _skip_locked() + ") RETURNING id"
    ).bindparams(bindparam("now", type_=_TS))
    ids = sorted(row[0] for row in db.session.execute(stmt, {"now": now, "reason": reason,
                                                               "max_reclaims": max_reclaims}))
    db.session.commit()
    return ids


def _settle(sql: str, **params) -> bool:
    stmt = text(sql).bindparams(*(bindparam(k, type_=_TS) for k in ("now", "next_at") if k in params))
    result = db.session.execute(stmt, params)
    db.session.commit()
    return result.rowcount == 1


_MINE = " WHERE id = :id AND status = 'sending' AND claimed_by = :token"


def mark_sent(row_id: int, token: str, message_id: str, now: dt.datetime) -> bool:
    """Record the delivery; False when the claim was lost (another sweep took the row over)."""
    return _settle("UPDATE reminder_outbox SET status = 'sent', sent_at = :now, message_id = :mid, "
                   "lease_expires_at = NULL, last_error = NULL, updated_at = :now" + _MINE,
                   id=row_id, token=token, mid=message_id, now=now)


def backoff(attempts: int) -> dt.timedelta:
    """Delay before try number `attempts + 1`: exponential, capped."""
    return dt.timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_CAP_SECONDS))


def mark_retry(row_id: int, token: str, attempts: int, reason: str, now: dt.datetime) -> str:
    """Back to `pending` after a temporary failure, or `failed` once tries are exhausted; the new status."""
    if attempts >= MAX_ATTEMPTS:
        mark_failed(row_id, token, f"gave up after {attempts} attempts; last: {reason}", now)
        return "failed"
    _settle("UPDATE reminder_outbox SET status = 'pending', next_attempt_at = :next_at, last_error = :reason, "
            "lease_expires_at = NULL, claimed_by = NULL, updated_at = :now" + _MINE,
            id=row_id, token=token, reason=reason[:1000], next_at=now + backoff(attempts), now=now)
    return "pending"


def mark_failed(row_id: int, token: str, reason: str, now: dt.datetime) -> bool:
    """A permanent failure: the row stops with the server's reason."""
    return _settle("UPDATE reminder_outbox SET status = 'failed', last_error = :reason, lease_expires_at = NULL, "
                   "updated_at = :now" + _MINE, id=row_id, token=token, reason=reason[:1000], now=now)
