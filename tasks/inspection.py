"""Inspection jobs: build a pack (by pack id), re-send lost packs, purge documents past their retention date.

Thin shells over `employer_portal.inspection`: the pack row is the truth, the message only says
"look at pack N", so a redelivered message does no harm (a finished or held pack is skipped).
A pack holds a short lease renewed by a heartbeat while it is written (JOB_LEASE_SECONDS,
JOB_HEARTBEAT_SECONDS), so a 20-minute pack keeps it and a dead worker's is swept back within a minute.
"""
from __future__ import annotations

import logging

from flask import current_app

from employer_portal.checklists.storage import storage_from_config
from employer_portal.config import task_time_limit
from employer_portal.extensions import db
from employer_portal.inspection import retention, service
from tasks.celery_app import celery

log = logging.getLogger(__name__)


# Packs of 200 MB and more take minutes. The soft limit ends the build cleanly (released to the
# queue at once, failed after the last attempt); the hard limit kills a pool child that ignores it.
SOFT_TIME_LIMIT = task_time_limit("INSPECTION_PACK_SOFT_TIME_LIMIT", 1140)
HARD_TIME_LIMIT = max(task_time_limit("INSPECTION_PACK_TIME_LIMIT", 1200), SOFT_TIME_LIMIT + 5)


@celery.task(name="tasks.inspection.build_inspection_pack", acks_late=True, reject_on_worker_lost=True,
             soft_time_limit=SOFT_TIME_LIMIT, time_limit=HARD_TIME_LIMIT, ignore_result=True)
def build_inspection_pack(pack_id: int) -> str:
    """Build pack `pack_id` if it is still to do; returns ready, failed, released or skipped."""
    try:
        config = current_app.config
        outcome = service.run_pack(int(pack_id), storage=storage_from_config(config),
                                   key_setting=config["DATA_ENCRYPTION_KEY"], pause=config["INSPECTION_PACK_TEST_BUILD_DELAY"])
    finally:
        db.session.remove()
    if outcome == "released":  # stopped at the soft time limit or by the database: again, at once
        enqueue_pack(pack_id)
    log.info("inspection pack %s: %s", pack_id, outcome)
    return outcome


def enqueue_pack(pack_id: int) -> None:
    """Send pack `pack_id` to the workers (call after the row is committed)."""
    build_inspection_pack.delay(pack_id)


@celery.task(name="tasks.inspection.sweep_inspection_packs", ignore_result=True, soft_time_limit=10, time_limit=15,
             expires=60)
def sweep_inspection_packs() -> int:
    """Re-send packs whose message was lost or whose worker died; returns how many."""
    try:
        stale = service.sweep_stale_packs(queued_grace=current_app.config["INSPECTION_PACK_QUEUED_GRACE_SECONDS"])
    finally:
        db.session.remove()
    for pack_id in stale:
        enqueue_pack(pack_id)
    if stale:
        log.info("inspection pack sweep re-sent %d pack(s)", len(stale))
    return len(stale)


@celery.task(name="tasks.inspection.purge_expired_documents", ignore_result=True, soft_time_limit=240,
             time_limit=300)
def purge_expired_documents() -> int:
    """Purge documents past their retention date (never under a legal hold), in batches; returns how many."""
    total = 0
    try:
        while True:
            purged = retention.purge_expired()
            total += len(purged)
            if len(purged) < retention.PURGE_BATCH:
                break
    finally:
        db.session.remove()
    if total:
        log.info("retention: purged %d document(s) past their retention date", total)
    return total
