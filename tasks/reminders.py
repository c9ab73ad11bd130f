"""Reminder jobs: the sweep (beat, every JOB_SWEEP_SECONDS), sending a claimed batch, wage-drift re-checks.

Thin shells over `employer_portal.reminders`: the outbox rows are the truth, the
messages only say "send rows N, M under claim T", so a lost or repeated message is harmless
(a repeated one counts the possible duplicate of the message that was in flight, nothing else).
"""
from __future__ import annotations

import logging

from employer_portal.config import task_time_limit
from employer_portal.reminders.sending import send_claimed
from employer_portal.reminders.sweep import run_sweep
from employer_portal.reminders.wage_drift import recheck_hires
from employer_portal.signals import wages_imported
from tasks.celery_app import celery

log = logging.getLogger(__name__)

# The send task's time limits (seconds). The soft limit ends the batch cleanly (unsent rows are
# released at once); the hard limit kills a batch stuck past it (its rows lapse within a lease).
SEND_SOFT_TIME_LIMIT = task_time_limit("REMINDER_SEND_SOFT_TIME_LIMIT", 240)
SEND_TIME_LIMIT = task_time_limit("REMINDER_SEND_TIME_LIMIT", 270)


@celery.task(name="tasks.reminders.sweep", acks_late=False, soft_time_limit=50, time_limit=60)
def sweep() -> dict:
    """Claim due and lapsed reminders and queue them for sending (beat runs this every ~15 s)."""
    return dict(run_sweep(dispatch=lambda ids, token: send.delay(ids, token)))


@celery.task(name="tasks.reminders.send", soft_time_limit=SEND_SOFT_TIME_LIMIT, time_limit=SEND_TIME_LIMIT)
def send(ids: list[int], token: str) -> dict:
    """Send the rows of one claim (the lease renewed while it runs); rows no longer held by `token` are skipped."""
    return dict(send_claimed(ids, token))


@celery.task(name="tasks.reminders.wage_drift", soft_time_limit=240, time_limit=270)
def wage_drift(version_id: int) -> dict:
    """Re-check active hires against a newly imported wages version."""
    return recheck_hires(version_id)


def _on_wages_imported(version_id, **_kwargs) -> None:
    """Queue the re-check; if the broker cannot take it, do it now (the CLI import still alerts)."""
    try:
        wage_drift.delay(version_id)
    except Exception as exc:  # noqa: BLE001 - a broker outage must not lose the alerts
        log.warning("could not queue the wage-drift re-check (%s); running it now", exc.__class__.__name__)
        recheck_hires(version_id)


def connect() -> None:
    """Listen to `wages_imported` (called by create_app; blinker keeps one connection per receiver)."""
    wages_imported.connect(_on_wages_imported, weak=False)
