"""One pass of the reminder sweep (what beat runs every JOB_SWEEP_SECONDS, about 15 s, and
`flask reminders send-due` runs by hand).

0. One cheap read: nothing due and no lapsed lease means nothing else happens (most passes).
1. Reclaim rows left in `sending` by a sender that died (its short lease, no longer renewed
   by a heartbeat, lapsed): they are sent again now. The attempt that re-sends a row whose
   dead sender had started handing it to SMTP counts the possible duplicate (outbox.begin_attempt).
   A row whose started attempt was interrupted more than `REMINDER_MAX_RECLAIMS` times fails
   instead, with the reason.
2. Claim `pending` rows due by `until` (default now) in batches of `batch_size`.
3. Hand each batch to `dispatch(ids, token)` (a Celery task) or, without one, send it here.
   With a dispatcher, no more than REMINDER_MAX_BATCHES_IN_FLIGHT batches wait or run at once
   (a queued batch has no heartbeat; it must start within a lease).

Nothing waits in the broker with an ETA: a lost message leaves its rows `sending` with no
heartbeat, so the lease runs out within JOB_LEASE_SECONDS and the next sweep finds them.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import uuid
from collections import Counter
from functools import partial
from typing import Callable

from employer_portal.reminders import outbox
from employer_portal.reminders.job_settings import batch_size, lease_seconds, max_batches_in_flight, max_reclaims
from employer_portal.reminders.sending import send_claimed, utcnow, with_db_retry

log = logging.getLogger(__name__)

MAX_BATCHES_PER_SWEEP = 200


def claim_token() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def run_sweep(dispatch: Callable[[list[int], str], None] | None = None, *, size: int | None = None,
              until: dt.datetime | None = None) -> Counter:
    """Reclaim, claim and hand over the reminders due by `until` (default now); returns counts.

    Keys: `claimed`, `reclaimed` (taken over after a lapsed lease), `batches`, `failed` (also
    rows reclaimed too often), and with inline sending `sent`, `retried`, `skipped`,
    `possible_duplicates` (re-sent after an unfinished attempt), `paused`.
    """
    totals: Counter = Counter()
    if not with_db_retry(lambda: outbox.anything_to_do(utcnow(), until), "checking the outbox"):
        return totals
    size = size or batch_size()
    lease = lease_seconds()
    reclaims = max_reclaims()
    exhausted = outbox.fail_exhausted_reclaims(utcnow(), reclaims)
    if exhausted:
        totals["failed"] += len(exhausted)
        log.warning("failed %d reminder(s) whose sender stopped more than %d times: %s",
                    len(exhausted), reclaims, exhausted)
    reclaim = partial(outbox.reclaim_expired, max_reclaims=reclaims)
    claim_due = partial(outbox.claim_due, until=until)
    in_flight_cap = max_batches_in_flight()
    for claim in (reclaim, claim_due):
        for _ in range(MAX_BATCHES_PER_SWEEP):
            if (claim is claim_due and dispatch is not None
                    and outbox.claims_in_flight(utcnow()) >= in_flight_cap):
                totals["deferred"] += 1  # the workers are busy: the next sweep claims more
                break
            token = claim_token()  # one per batch: a batch is one claim (and one heartbeat)
            claimed = claim(utcnow(), size, token, lease)
            if not claimed:
                break
            if claim is reclaim:
                ids = [row_id for row_id, _started in claimed]
                in_flight = sum(1 for _id, started in claimed if started)
                totals["reclaimed"] += len(ids)
                log.warning("reclaimed %d reminder(s) whose sender's lease ran out; %d had an attempt in flight "
                            "(counted as possible duplicates when re-sent)", len(ids), in_flight)
            else:
                ids = claimed
            totals["claimed"] += len(ids)
            totals["batches"] += 1
            if dispatch is not None:
                dispatch(ids, token)
            else:
                totals.update(send_claimed(ids, token))
            if len(ids) < size:
                break
    return totals
