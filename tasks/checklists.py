"""Checklist PDF jobs: build one (by build id) and the sweep that re-sends lost or orphaned builds.

Thin shells over `employer_portal.checklists.service`: the build row is the truth, the
message only says "look at build N", so a redelivered message does no harm. A build holds a
short lease renewed by a heartbeat while it renders (JOB_LEASE_SECONDS, JOB_HEARTBEAT_SECONDS);
beat runs the sweep every JOB_SWEEP_SECONDS, so a dead worker's build is rendered again within
a minute, and a slow but living one is never taken from it.
"""
from __future__ import annotations

import logging
import os

from flask import current_app

from employer_portal.checklists import service
from employer_portal.checklists.storage import storage_from_config
from employer_portal.extensions import db
from tasks.celery_app import celery

log = logging.getLogger(__name__)

# Tests only: seconds to wait after claiming and before rendering, so a test can kill the
# worker mid-build. Read only when PORTAL_ENV is "test"; ignored everywhere else.
TEST_RENDER_DELAY_ENV = "CHECKLIST_TEST_RENDER_DELAY"


def _test_render_delay() -> float:
    if current_app.config.get("PORTAL_ENV") != "test":
        return 0.0
    try:
        return max(0.0, min(float(os.environ.get(TEST_RENDER_DELAY_ENV) or 0), 120.0))
    except ValueError:
        return 0.0


def _seconds(name: str, default: int) -> int:
    """A time limit from the environment (read when the worker imports its tasks)."""
    try:
        return int(os.environ.get(name) or default)
    except ValueError:
        return default


# The soft limit ends a render cleanly (released to the queue at once, failed after the last
# attempt); the hard limit kills the pool child if the render ignores it. Both longer than the
# lease: a living render keeps its lease by its heartbeat, not by a long lease.
SOFT_TIME_LIMIT = _seconds("CHECKLIST_SOFT_TIME_LIMIT", 90)
HARD_TIME_LIMIT = max(_seconds("CHECKLIST_TIME_LIMIT", 120), SOFT_TIME_LIMIT + 5)


@celery.task(name="tasks.checklists.build_checklist_pdf", acks_late=True, reject_on_worker_lost=True,
             soft_time_limit=SOFT_TIME_LIMIT, time_limit=HARD_TIME_LIMIT, ignore_result=True)
def build_checklist_pdf(build_id: int) -> str:
    """Render build `build_id` if it is still to do; returns ready, failed, released or skipped."""
    try:
        outcome = service.run_build(int(build_id), storage=storage_from_config(current_app.config),
                                    pause=_test_render_delay())
    finally:
        db.session.remove()
    if outcome == "released":  # stopped at the soft time limit or by the database: again, at once
        enqueue_build(build_id)
    log.info("checklist build %s: %s", build_id, outcome)
    return outcome


def enqueue_build(build_id: int) -> None:
    """Send build `build_id` to the workers (call after the row is committed)."""
    build_checklist_pdf.delay(build_id)


@celery.task(name="tasks.checklists.sweep_checklist_builds", ignore_result=True, soft_time_limit=10, time_limit=15,
             expires=60)
def sweep_checklist_builds() -> int:
    """Re-send builds whose message was lost or whose worker died (a lease decides, not the
    broker's visibility timeout); returns how many were re-sent."""
    grace = service.setting(current_app.config, "CHECKLIST_QUEUED_GRACE_SECONDS", service.DEFAULT_QUEUED_GRACE_SECONDS)
    # Idle, this is one indexed query: beat may run it every few seconds.
    try:
        stale = service.sweep_stale_builds(queued_grace=grace)
    finally:
        db.session.remove()
    for build_id in stale:
        enqueue_build(build_id)
    if stale:
        log.info("checklist sweep re-sent %d build(s)", len(stale))
    return len(stale)
