"""One pass of the reminder sweep (what beat runs every minute and `flask reminders send-due` runs by hand).

1. Reclaim rows left in `sending` by a sender that died (lease expired): possible duplicates, counted.
   A row whose lease lapsed more than `REMINDER_MAX_RECLAIMS` times fails instead, with the reason.
2. Claim `pending` rows due by `until` (default now) in batches of `batch_size`.
3. Hand each batch to `dispatch(ids, token)` (a Celery task) or, without one, send it here.

Nothing waits in the broker with an ETA: a lost message leaves its rows `sending`
until the lease runs out, and the next sweep finds them again.
"""
from __future__ import annotations

import logging
import os
import socket
import datetime as dt
import uuid
from collections import Counter
from functools import partial
from typing import Callable

from flask import current_app

from employer_portal.reminders import outbox
from employer_portal.reminders.sending import send_claimed, utcnow

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 500
# Longer than a batch takes to send (500 at ≥100/s), short enough to recover within minutes.
DEFAULT_LEASE_SECONDS = 300
MAX_BATCHES_PER_SWEEP = 200


def lease_seconds() -> int:
    return int(current_app.config.get("REMINDER_LEASE_SECONDS")
               or os.environ.get("REMINDER_LEASE_SECONDS") or DEFAULT_LEASE_SECONDS)


def batch_size() -> int:
    return int(current_app.config.get("REMINDER_BATCH_SIZE")
               or os.environ.get("REMINDER_BATCH_SIZE") or DEFAULT_BATCH_SIZE)


def max_reclaims() -> int:
    value = current_app.config.get("REMINDER_MAX_RECLAIMS") or os.environ.get("REMINDER_MAX_RECLAIMS")
    return int(value) if value not in (None, "") else outbox.DEFAULT_MAX_RECLAIMS


def claim_token() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def run_sweep(dispatch: Callable[[list[int], str], None] | None = None, *, size: int | None = None,
              until: dt.datetime | None = None) -> Counter:
    """Reclaim, claim and hand over the reminders due by `until` (default now); returns counts.

    Keys: `claimed`, `possible_duplicates` (reclaimed after a lapsed lease),
    `batches`, `failed` (also rows reclaimed too often), and with inline sending
    `sent`, `retried`, `skipped`.
    """
    size = size or batch_size()
    lease = lease_seconds()
    token = claim_token()
    reclaims = max_reclaims()
    totals: Counter = Counter()
    exhausted = outbox.fail_exhausted_reclaims(utcnow(), reclaims)
    if exhausted:
        totals["failed"] += len(exhausted)
        log.warning("failed %d reminder(s) whose sender stopped more than %d times: %s",
                    len(exhausted), reclaims, exhausted)
    reclaim = partial(outbox.reclaim_expired, max_reclaims=reclaims)
    claim_due = partial(outbox.claim_due, until=until)
    for claim in (reclaim, claim_due):
        for _ in range(MAX_BATCHES_PER_SWEEP):
            ids = claim(utcnow(), size, token, lease)
            if not ids:
                break
            totals["claimed"] += len(ids)
            totals["batches"] += 1
            if claim is reclaim:
                totals["possible_duplicates"] += len(ids)
                log.warning("reclaimed %d reminder(s) whose sender's lease ran out (possible duplicates)", len(ids))
            if dispatch is not None:
                dispatch(ids, token)
            else:
                totals.update(send_claimed(ids, token))
            if len(ids) < size:
                break
    return totals
