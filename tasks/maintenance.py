"""Housekeeping jobs."""
from __future__ import annotations

from employer_portal.accounts import purge_expired_sessions as _purge
from employer_portal.extensions import db
from tasks.celery_app import celery


@celery.task(name="tasks.maintenance.purge_expired_sessions")
def purge_expired_sessions() -> int:
    """Delete login sessions past their absolute lifetime; returns how many were removed."""
    removed = _purge()
    db.session.commit()
    return removed
