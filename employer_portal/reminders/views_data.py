"""Deadlines and their reminders as plain data for the API, the pages and the dashboard (tenant-scoped by the caller).

Each deadline carries its `status` (upcoming, due, overdue, done; deadlines/status.py) as of
`today`, which callers pass (tests freeze it), and who marked it done, when, with what note.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from employer_portal.deadlines.status import deadline_status
from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.models.deadline import Deadline, ReminderOutbox
from employer_portal.timestamps import utc_iso


def _iso(value):
    return utc_iso(value)


def reminder_json(r: ReminderOutbox) -> dict:
    return {
        "id": r.id, "purpose": r.purpose, "lead_days": r.lead_days, "recipient": r.recipient,
        "send_on": _iso(r.send_on), "status": r.status, "attempts": r.attempts,
        "next_attempt_at": _iso(r.next_attempt_at) if r.status == "pending" else None,
        "sent_at": _iso(r.sent_at), "message_id": r.message_id, "last_error": r.last_error,
    }


def deadline_json(d: Deadline, today: dt.date | None = None) -> dict:
    """`due_on` repeats `due_date` under the contract's name (API.md, issue 9); `status` is as of `today`."""
    return {
        "id": d.id, "hire_id": d.hire_id, "key": d.key, "kind": d.kind, "title": d.title,
        "due_date": _iso(d.due_date), "due_on": _iso(d.due_date),
        "status": deadline_status(d.due_date, d.done_at, today or dt.date.today()),
        "done_at": _iso(d.done_at), "done_by": d.done_by.email if d.done_by else None, "done_note": d.done_note,
        "rule_id": d.rule_id, "why": d.why, "source": d.source,
        "counts_business_days": d.counts_business_days, "province": d.province, "estimated": d.estimated,
        "active": d.active, "origin": d.origin,
        "reminders": [reminder_json(r) for r in d.reminders if r.status != "cancelled"],
    }


def deadlines_query(employer_id: int):
    """Active deadlines of one employer with their reminders and done-by user loaded (no query per deadline)."""
    return (select(Deadline).where(Deadline.employer_id == employer_id, Deadline.active.is_(True))
            .options(selectinload(Deadline.reminders), selectinload(Deadline.done_by))
            .order_by(Deadline.due_date, Deadline.id))


def open_deadline(employer_id: int, deadline_id) -> Deadline | None:
    """One active deadline of this employer (None for another employer's: callers answer 404)."""
    from employer_portal.tenancy import MAX_ID

    try:
        deadline_id = int(deadline_id)
    except (TypeError, ValueError):
        return None
    if not (0 < deadline_id <= MAX_ID):
        return None
    return db.session.scalar(select(Deadline).where(Deadline.id == deadline_id, Deadline.employer_id == employer_id,
                                                    Deadline.active.is_(True)))


def hire_deadlines(employer_id: int, hire_id: int) -> list[Deadline]:
    return list(db.session.scalars(deadlines_query(employer_id).where(Deadline.hire_id == hire_id)))


def upcoming(employer_id: int, today: dt.date, days: int = 30) -> list[tuple[Deadline, Hire]]:
    """(deadline, hire) pairs not done and due from `today` to `today + days`, soonest first."""
    rows = db.session.execute(
        select(Deadline, Hire).join(Hire, Hire.id == Deadline.hire_id)
        .where(Deadline.employer_id == employer_id, Deadline.active.is_(True), Deadline.done_at.is_(None),
               Deadline.due_date >= today, Deadline.due_date <= today + dt.timedelta(days=days))
        .order_by(Deadline.due_date, Deadline.id).limit(50)
    ).all()
    return [(d, h) for d, h in rows]


def overdue(employer_id: int, today: dt.date, limit: int = 50) -> list[tuple[Deadline, Hire]]:
    """(deadline, hire) pairs not done whose due date has passed, oldest first."""
    rows = db.session.execute(
        select(Deadline, Hire).join(Hire, Hire.id == Deadline.hire_id)
        .where(Deadline.employer_id == employer_id, Deadline.active.is_(True), Deadline.done_at.is_(None),
               Deadline.due_date < today)
        .order_by(Deadline.due_date, Deadline.id).limit(limit)
    ).all()
    return [(d, h) for d, h in rows]


def open_wage_alerts(employer_id: int, limit: int = 50) -> list[tuple[Deadline, Hire]]:
    """(deadline, hire) pairs of wage-drift alerts not done, soonest first."""
    rows = db.session.execute(
        select(Deadline, Hire).join(Hire, Hire.id == Deadline.hire_id)
        .where(Deadline.employer_id == employer_id, Deadline.active.is_(True), Deadline.done_at.is_(None),
               Deadline.origin == "wage_drift")
        .order_by(Deadline.due_date, Deadline.id).limit(limit)
    ).all()
    return [(d, h) for d, h in rows]
