"""Deadlines and their reminders as plain data for the API, the pages and the dashboard (tenant-scoped by the caller)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.models.deadline import Deadline, ReminderOutbox


def _iso(value):
    if value is None:
        return None
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.isoformat()


def reminder_json(r: ReminderOutbox) -> dict:
    return {
        "id": r.id, "purpose": r.purpose, "lead_days": r.lead_days, "recipient": r.recipient,
        "send_on": _iso(r.send_on), "status": r.status, "attempts": r.attempts,
        "next_attempt_at": _iso(r.next_attempt_at) if r.status == "pending" else None,
        "sent_at": _iso(r.sent_at), "message_id": r.message_id, "last_error": r.last_error,
    }


def deadline_json(d: Deadline) -> dict:
    return {
        "id": d.id, "hire_id": d.hire_id, "key": d.key, "kind": d.kind, "title": d.title,
        "due_date": _iso(d.due_date), "rule_id": d.rule_id, "why": d.why, "source": d.source,
        "counts_business_days": d.counts_business_days, "province": d.province, "estimated": d.estimated,
        "active": d.active, "origin": d.origin,
        "reminders": [reminder_json(r) for r in d.reminders if r.status != "cancelled"],
    }


def deadlines_query(employer_id: int):
    """Active deadlines of one employer with their reminders loaded (no query per deadline)."""
    return (select(Deadline).where(Deadline.employer_id == employer_id, Deadline.active.is_(True))
            .options(selectinload(Deadline.reminders)).order_by(Deadline.due_date, Deadline.id))


def hire_deadlines(employer_id: int, hire_id: int) -> list[Deadline]:
    return list(db.session.scalars(deadlines_query(employer_id).where(Deadline.hire_id == hire_id)))


def upcoming(employer_id: int, today: dt.date, days: int = 30) -> list[tuple[Deadline, Hire]]:
    """(deadline, hire) pairs due from `today` to `today + days`, soonest first."""
    rows = db.session.execute(
        select(Deadline, Hire).join(Hire, Hire.id == Deadline.hire_id)
        .where(Deadline.employer_id == employer_id, Deadline.active.is_(True),
               Deadline.due_date >= today, Deadline.due_date <= today + dt.timedelta(days=days))
        .order_by(Deadline.due_date, Deadline.id).limit(50)
    ).all()
    return [(d, h) for d, h in rows]
