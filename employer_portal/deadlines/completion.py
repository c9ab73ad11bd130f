"""HR marks a deadline done (who, when, an optional note or document reference) and can reopen it.

In: a tenant-scoped `Deadline` row and the acting user (an editor; the caller checks the
role). Each change writes one audit event on the hire (entity "hire", so it shows in the
hire's trail) with old → new per field. Marking done cancels the deadline's pending
reminders; reopening re-plans them (`plan_reminders` skips done deadlines and brings
cancelled rows back). Runs inside the caller's transaction; the caller commits.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.models.base import utcnow
from employer_portal.models.deadline import Deadline, ReminderOutbox

NOTE_MAX_CHARS = 2000
CANCELLED_DONE = "the deadline was marked done"


class NoteTooLong(ValueError):
    """A note longer than `NOTE_MAX_CHARS`."""


def _changes(deadline: Deadline, old: dict) -> dict:
    prefix = f"deadlines.{deadline.key}"
    new = _state(deadline)
    return {f"{prefix}.{name}": [old[name], new[name]] for name in new if old[name] != new[name]}


def _state(deadline: Deadline) -> dict:
    return {"status": "done" if deadline.done_at else "open",
            "done_at": deadline.done_at.isoformat() if deadline.done_at else None,
            "done_by": deadline.done_by.email if deadline.done_by else None,
            "done_note": deadline.done_note}


def mark_done(deadline: Deadline, actor, note: str | None = None, *, now: dt.datetime | None = None) -> dict:
    """Mark `deadline` done by `actor` with an optional note; the audit changes ({} when nothing changed)."""
    note = (note or "").strip() or None
    if note is not None and len(note) > NOTE_MAX_CHARS:
        raise NoteTooLong(f"a note has at most {NOTE_MAX_CHARS} characters")
    if deadline.done_at is not None and deadline.done_note == note:
        return {}  # already done: marking it again changes nothing (and keeps who and when)
    old = _state(deadline)
    if deadline.done_at is None:
        deadline.done_at, deadline.done_by = now or utcnow(), actor
    deadline.done_note = note
    for row in db.session.scalars(select(ReminderOutbox).where(ReminderOutbox.deadline_id == deadline.id,
                                                               ReminderOutbox.status == "pending")):
        row.status, row.last_error = "cancelled", CANCELLED_DONE
    return _audit(deadline, actor, "deadline_done", old)


def reopen(deadline: Deadline, actor, *, today: dt.date | None = None) -> dict:
    """Open `deadline` again and re-plan its reminders; the audit changes ({} when it was open)."""
    if deadline.done_at is None:
        return {}
    old = _state(deadline)
    deadline.done_at, deadline.done_by, deadline.done_note = None, None, None
    db.session.flush()
    hire = db.session.get(Hire, deadline.hire_id)
    # Wage-drift alerts are planned by their own module: bring back the rows marking done cancelled.
    for row in db.session.scalars(select(ReminderOutbox).where(
            ReminderOutbox.deadline_id == deadline.id, ReminderOutbox.purpose != "reminder",
            ReminderOutbox.status == "cancelled", ReminderOutbox.last_error == CANCELLED_DONE)):
        row.status, row.last_error = "pending", None
    from employer_portal.deadlines.service import plan_reminders

    plan_reminders(hire, today=today)
    return _audit(deadline, actor, "deadline_reopened", old)


def _audit(deadline: Deadline, actor, action: str, old: dict) -> dict:
    from employer_portal.accounts import record

    db.session.flush()
    changes = _changes(deadline, old)
    record(deadline.employer_id, "hire", deadline.hire_id, action, actor=actor, changes=changes)
    return changes
