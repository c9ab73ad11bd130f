"""Inspection jobs: build a pack (by pack id), re-send lost packs, purge documents past their retention date.

Thin shells over `employer_portal.inspection`: the pack row is the truth, the message only says
"look at pack N", so a redelivered message does no harm (a finished or held pack is skipped).
"""
from __future__ import annotations

import logging

from flask import current_app

from employer_portal.checklists.service import setting
from employer_portal.checklists.storage import storage_from_config
from employer_portal.extensions import db
from employer_portal.inspection import retention, service
from tasks.celery_app import celery

log = logging.getLogger(__name__)


def lease_seconds() -> int:
    return setting(current_app.config, "INSPECTION_PACK_LEASE_SECONDS", service.DEFAULT_LEASE_SECONDS)


# Packs of 200 MB and more take minutes: longer limits than the default 30/60 s, below the lease.
@celery.task(name="tasks.inspection.build_inspection_pack", acks_late=True, reject_on_worker_lost=True,
             soft_time_limit=1140, time_limit=1200, ignore_result=True)
def build_inspection_pack(pack_id: int) -> str:
    """Build pack `pack_id` if it is still to do; returns ready, failed or skipped."""
    try:
        outcome = service.run_pack(int(pack_id), storage=storage_from_config(current_app.config),
                                   key_setting=current_app.config["DATA_ENCRYPTION_KEY"],
                                   lease_seconds=lease_seconds())
    finally:
        db.session.remove()
    log.info("inspection pack %s: %s", pack_id, outcome)
    return outcome


def enqueue_pack(pack_id: int) -> None:
    """Send pack `pack_id` to the workers (call after the row is committed)."""
    build_inspection_pack.delay(pack_id)


@celery.task(name="tasks.inspection.sweep_inspection_packs", ignore_result=True, soft_time_limit=20, time_limit=30)
def sweep_inspection_packs() -> int:
    """Re-send packs whose message was lost or whose worker died; returns how many."""
    grace = setting(current_app.config, "INSPECTION_PACK_QUEUED_GRACE_SECONDS", service.DEFAULT_QUEUED_GRACE_SECONDS)
    try:
        stale = service.sweep_stale_packs(queued_grace=grace)
    finally:
        db.session.remove()
    for pack_id in stale:
        enqueue_pack(pack_id)
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
