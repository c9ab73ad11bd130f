"""Checklist PDF jobs: build one (by build id), and the sweep that re-sends lost or orphaned builds
and sends builds waiting for their employer's turn.

Thin shells over `employer_portal.checklists.builds`: the build row is the truth, the message
only says "look at build N", so a redelivered message does no harm. A build holds a short lease
renewed by a heartbeat while it renders (JOB_LEASE_SECONDS, JOB_HEARTBEAT_SECONDS); beat runs
the sweep every JOB_SWEEP_SECONDS, so a dead worker's build is rendered again within a minute,
and a slow but living one is never taken from it. Each employer has at most
CHECKLIST_QUEUE_CAP_PER_EMPLOYER builds sent at once: a finished build sends the next one waiting.
"""
from __future__ import annotations

import logging

from flask import current_app

from employer_portal.checklists import builds
from employer_portal.checklists.storage import storage_from_config
from employer_portal.config import task_time_limit
from employer_portal.extensions import db
from tasks.celery_app import celery

log = logging.getLogger(__name__)

# The soft limit ends a render cleanly (released to the queue at once, failed after the last
# attempt); the hard limit kills the pool child if the render ignores it. Both longer than the
# lease: a living render keeps its lease by its heartbeat, not by a long lease.
SOFT_TIME_LIMIT = task_time_limit("CHECKLIST_SOFT_TIME_LIMIT", 90)
HARD_TIME_LIMIT = max(task_time_limit("CHECKLIST_TIME_LIMIT", 120), SOFT_TIME_LIMIT + 5)


@celery.task(name="tasks.checklists.build_checklist_pdf", acks_late=True, reject_on_worker_lost=True,
             soft_time_limit=SOFT_TIME_LIMIT, time_limit=HARD_TIME_LIMIT, ignore_result=True)
def build_checklist_pdf(build_id: int) -> str:
    """Render build `build_id` if it is still to do; returns ready, failed, released or skipped.
    A finished build frees its employer's place in the queue: the next waiting one is sent."""
    try:
        outcome = builds.run_build(int(build_id), storage=storage_from_config(current_app.config),
                                   pause=current_app.config["CHECKLIST_TEST_RENDER_DELAY"])
        following = builds.release_after(int(build_id)) if outcome in ("ready", "failed") else []
    finally:
        db.session.remove()
    if outcome == "released":  # stopped at the soft time limit or by the database: again, at once
        enqueue_build(build_id)
    for next_id in following:
        enqueue_build(next_id)
    log.info("checklist build %s: %s", build_id, outcome)
    return outcome


def enqueue_build(build_id: int) -> None:
    """Send build `build_id` to the workers (call after the row is committed)."""
    build_checklist_pdf.delay(build_id)


@celery.task(name="tasks.checklists.sweep_checklist_builds", ignore_result=True, soft_time_limit=10, time_limit=15,
             expires=60)
def sweep_checklist_builds() -> int:
    """Re-send builds whose message was lost or whose worker died (a lease decides, not the
    broker's visibility timeout), and send waiting builds whose employer has room again (should a
    finished build's task not have); returns how many were sent."""
    # Idle, these are two indexed queries: beat may run it every few seconds.
    try:
        stale = builds.sweep_stale_builds(queued_grace=current_app.config["CHECKLIST_QUEUED_GRACE_SECONDS"])
        waiting = builds.release_waiting_builds()
    finally:
        db.session.remove()
    for build_id in stale + waiting:
        enqueue_build(build_id)
    if stale or waiting:
        log.info("checklist sweep re-sent %d build(s) and sent %d waiting", len(stale), len(waiting))
    return len(stale) + len(waiting)
