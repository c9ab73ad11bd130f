"""Finish or release a leased job row, only while the claim is still ours.

Checklist builds and inspection packs end the same way: `ready`/`failed` (with the job's own
values) or `released` back to the queue at once (a time limit, a database error). The UPDATE is
conditional on `status = 'building'` and `claimed_by = claimant`, so a worker whose lease ran
out never overwrites the row another worker now holds. A dropped connection is retried on a
fresh one (the pool pings it), so a database restart does not strand the row.
"""
from __future__ import annotations

import time
from typing import Callable

from sqlalchemy import update
from sqlalchemy.exc import DBAPIError

from employer_portal.extensions import db
from employer_portal.models.base import utcnow

RELEASED = "released"
SKIPPED = "skipped"
_TRIES = 3


def settle_claim(model, row_id: int, claimant: str, outcome: str, values: dict,
                 on_settled: Callable[[str], None]) -> str:
    """Write `outcome` on row `row_id` of `model` if `claimant` still holds it, then commit.

    `on_settled(outcome)` runs in the same transaction for a finished row (ready/failed), e.g. to
    audit it. Returns the outcome, or "skipped" when the claim was no longer ours.
    """
    for attempt in range(_TRIES):
        now = utcnow()
        row_values = (dict(status="queued", claimed_by=None, lease_expires_at=None, enqueued_at=now)
                      if outcome == RELEASED else
                      dict(status=outcome, finished_at=now, lease_expires_at=None, **values))
        try:
            result = db.session.execute(
                update(model).where(model.id == row_id, model.status == "building", model.claimed_by == claimant)
                .values(**row_values).execution_options(synchronize_session=False))
            if result.rowcount != 1:
                db.session.rollback()
                return SKIPPED
            if outcome != RELEASED:
                on_settled(outcome)
            db.session.commit()
            return outcome
        except DBAPIError:
            db.session.rollback()
            if attempt == _TRIES - 1:
                raise
            time.sleep(1.0)
    return SKIPPED  # not reached
