"""The reminder jobs' settings (config.py reads them from the environment): the claim's lease and
heartbeat, the batch size, how often a row may be taken over, and how many batches may be in flight."""
from __future__ import annotations

from flask import current_app

from employer_portal.jobs import lease as job_lease
from employer_portal.reminders import outbox

DEFAULT_BATCH_SIZE = 500
# Batches handed to workers and not yet finished. A claimed batch waiting in the broker has no
# heartbeat, so more than workers start within a lease would lapse and be reclaimed over and over.
DEFAULT_MAX_BATCHES_IN_FLIGHT = 4


def _setting(name: str):
    value = current_app.config.get(name)
    return value if value not in (None, "") else None


def lease_seconds() -> float:
    """The claim's lease: REMINDER_LEASE_SECONDS if set, else JOB_LEASE_SECONDS (30 s)."""
    return float(_setting("REMINDER_LEASE_SECONDS") or job_lease.lease_seconds())


def heartbeat_seconds() -> float:
    """How often a sending batch renews its lease (JOB_HEARTBEAT_SECONDS, 5 s)."""
    return job_lease.heartbeat_seconds()


def batch_size() -> int:
    return int(_setting("REMINDER_BATCH_SIZE") or DEFAULT_BATCH_SIZE)


def max_reclaims() -> int:
    value = _setting("REMINDER_MAX_RECLAIMS")
    return int(value) if value is not None else outbox.DEFAULT_MAX_RECLAIMS


def max_batches_in_flight() -> int:
    return int(_setting("REMINDER_MAX_BATCHES_IN_FLIGHT") or DEFAULT_MAX_BATCHES_IN_FLIGHT)
