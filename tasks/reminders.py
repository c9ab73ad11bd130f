"""Reminder jobs: the per-minute sweep (beat), sending a claimed batch, wage-drift re-checks.

Thin shells over `employer_portal.reminders`: the outbox rows are the truth, the
messages only say "send rows N, M under claim T", so a lost or repeated message is harmless.
"""
from __future__ import annotations

from employer_portal.reminders.sending import send_claimed
from employer_portal.reminders.sweep import run_sweep
from tasks.celery_app import celery


@celery.task(name="tasks.reminders.sweep", acks_late=False)
def sweep() -> dict:
    """Claim due and lapsed reminders and queue them for sending (beat runs this every minute)."""
    return dict(run_sweep(dispatch=lambda ids, token: send.delay(ids, token)))


# Below the lease (300 s): a batch is abandoned before another sweep may take it over.
@celery.task(name="tasks.reminders.send", soft_time_limit=240, time_limit=270)
def send(ids: list[int], token: str) -> dict:
    """Send the rows of one claim; rows no longer held by `token` are skipped."""
    return dict(send_claimed(ids, token))


@celery.task(name="tasks.reminders.wage_drift", soft_time_limit=240, time_limit=270)
def wage_drift(version_id: int) -> dict:
    """Re-check active hires against a newly imported wages version."""
    from employer_portal.reminders.wage_drift import recheck_hires

    return recheck_hires(version_id)
