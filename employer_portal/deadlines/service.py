"""Keep a hire's deadlines in the database and plan their reminder outbox rows.

In: a `Hire` row (inside the caller's transaction). Out: the `Deadline` rows are
upserted by the calculator's stable key; the reminder outbox holds one pending row
per (deadline, lead time, recipient) still to come. Deadlines that moved move their
pending reminders; deadlines that disappeared, and every deadline of a withdrawn,
refused or ended hire, stop (their pending reminders are cancelled). Rows already
sent are never touched: they are history.

Connected to `signals.hire_saved`, so every save re-syncs. Not pure (it writes
rows), hence outside the calculator modules.
"""
from __future__ import annotations

import datetime as dt
import logging

from pydantic import ValidationError
from sqlalchemy import select

from employer_portal.deadlines.calculator import STOPPED_STATUSES, deadlines_for
from employer_portal.deadlines.schedule import DEFAULT_LEAD_DAYS, reminder_dates, send_moment
from employer_portal.extensions import db
from employer_portal.models import Employer, Hire, User
from employer_portal.models.deadline import Deadline, ReminderOutbox
from employer_portal.schemas.dates import HireDates
from employer_portal.schemas.hire import SUBMITTED_STATUSES, stored_hire_payload

log = logging.getLogger(__name__)

# Before submission a hire is a draft: nothing to remind about yet.
PLANNED_STATUSES = SUBMITTED_STATUSES
_DEADLINE_FIELDS = ("kind", "title", "due_date", "rule_id", "why", "source", "counts_business_days", "province",
                    "estimated")


def send_time(day: dt.date, employer: Employer) -> dt.datetime:
    """The moment a reminder planned for `day` becomes due: the employer's send hour, its local time."""
    return send_moment(day, employer.reminder_time_zone, employer.reminder_send_hour)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    return value.replace(tzinfo=dt.timezone.utc) if value is not None and value.tzinfo is None else value


def today_utc() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


def recipients_for(hire: Hire, employer: Employer) -> list[str]:
    """The hire's HR owner and the employer's extra recipients, lower-cased, without repeats."""
    found: list[str] = []
    owner = db.session.get(User, hire.hr_owner_id) if hire.hr_owner_id else None
    if owner is not None and owner.active:
        found.append(owner.email.lower())
    for address in employer.reminder_recipients or []:
        address = str(address).strip().lower()
        if address and address not in found:
            found.append(address)
    return found


def lead_days_for(employer: Employer) -> list[int]:
    return sorted({int(d) for d in (employer.reminder_lead_days or DEFAULT_LEAD_DAYS)}, reverse=True)


# Other features' dated items of a hire (e.g. the pathways timeline, as guidance): each a function
# (hire, today) -> [calculator.Deadline] with stable keys of its own prefix; synced like the rest.
EXTRA_DEADLINE_PROVIDERS: list = []


def register_deadline_provider(provider) -> None:
    if provider not in EXTRA_DEADLINE_PROVIDERS:
        EXTRA_DEADLINE_PROVIDERS.append(provider)


def calculated_deadlines(hire: Hire, today: dt.date):
    """The calculator's deadlines for a stored hire; [] for drafts or unreadable data.

    The payload carries `filing` (the planned permit application, where the worker applies from)
    and the worker's citizenships; the recorded dates carry `work_permit_applied_on`. Together they
    date the duties due before the worker applies (Employer Portal offer, agreements).
    """
    if hire.status not in PLANNED_STATUSES or not hire.program:
        return []
    try:
        payload = stored_hire_payload(hire.payload, hire.program)
        dates = HireDates.model_validate(hire.dates or {})
    except ValidationError:
        # Stored data was validated when saved; a row that no longer validates gets no reminders, loudly.
        log.warning("hire %s: stored payload or dates do not validate; deadlines not synced", hire.id)
        return []
    from employer_portal.deadlines.permits import recorded_renewals

    found = list(deadlines_for(hire.program, hire.status, payload, dates, today=today,
                               renewals=recorded_renewals(hire)))
    for provider in EXTRA_DEADLINE_PROVIDERS:
        found.extend(provider(hire, today))
    return found


def sync_hire_deadlines(hire: Hire, *, today: dt.date | None = None) -> dict:
    """Upsert the hire's deadlines and re-plan its reminders. Returns counts for logs and tests."""
    today = today or today_utc()
    wanted = {d.key: d for d in calculated_deadlines(hire, today)}
    existing = {d.key: d for d in db.session.scalars(select(Deadline).where(Deadline.hire_id == hire.id))}
    counts = {"created": 0, "updated": 0, "stopped": 0}
    for key, calc in wanted.items():
        row = existing.get(key)
        if row is None:
            row = Deadline(employer_id=hire.employer_id, hire_id=hire.id, key=key, origin="calculator")
            db.session.add(row)
            counts["created"] += 1
        elif any(getattr(row, f) != getattr(calc, f) for f in _DEADLINE_FIELDS) or not row.active:
            counts["updated"] += 1
        for field in _DEADLINE_FIELDS:
            setattr(row, field, getattr(calc, field))
        row.active = True
    for key, row in existing.items():
        if row.origin == "calculator" and key not in wanted and row.active:
            row.active = False
            counts["stopped"] += 1
        if row.origin != "calculator" and hire.status in STOPPED_STATUSES and row.active:
            row.active = False
            counts["stopped"] += 1
    db.session.flush()
    plan_reminders(hire, today=today)
    return counts


def plan_reminders(hire: Hire, *, today: dt.date | None = None) -> None:
    """Make the outbox match the hire's active deadlines, lead times and recipients.

    Only rows still `pending` (or `cancelled`, which come back when their deadline
    does) are changed. Reminders whose send date has passed are not planned, except
    the latest one of a deadline still ahead, so a late-recorded date still warns once.
    """
    today = today or today_utc()
    employer = db.session.get(Employer, hire.employer_id)
    recipients = recipients_for(hire, employer)
    leads = lead_days_for(employer)
    deadlines = db.session.scalars(select(Deadline).where(Deadline.hire_id == hire.id)).all()
    rows = db.session.scalars(
        select(ReminderOutbox).join(Deadline).where(Deadline.hire_id == hire.id, ReminderOutbox.purpose == "reminder")
    ).all()
    by_key = {(r.deadline_id, r.lead_days, r.recipient): r for r in rows}
    wanted: dict[tuple, dt.date] = {}
    for deadline in deadlines:
        # The calculator already keeps only the six-year duties of stopped hires; a deadline HR marked
        # done needs no reminder (reopening it plans them again).
        if not deadline.active or deadline.due_date < today or deadline.done_at is not None:
            continue
        plans = reminder_dates(deadline, leads)
        upcoming = [p for p in plans if p.send_on >= today]
        past = [p for p in plans if p.send_on < today]
        if past:
            catch_up = past[-1]  # the smallest lead already passed: send it now rather than never
            upcoming.insert(0, type(catch_up)(catch_up.deadline_key, catch_up.lead_days, today))
        for plan in upcoming:
            for address in recipients:
                wanted[(deadline.id, plan.lead_days, address)] = plan.send_on
    for key, send_on in wanted.items():
        row = by_key.get(key)
        due = send_time(send_on, employer)
        if row is None:
            db.session.add(ReminderOutbox(
                employer_id=hire.employer_id, deadline_id=key[0], purpose="reminder", lead_days=key[1],
                recipient=key[2], send_on=send_on, due_at=due, next_attempt_at=due, status="pending",
                attempts=0, reclaims=0, context={},
            ))
        elif row.status in ("pending", "cancelled") and (row.status == "cancelled" or row.send_on != send_on
                                                         or _utc(row.due_at) != due):
            row.status, row.send_on, row.due_at, row.next_attempt_at = "pending", send_on, due, due
            row.attempts, row.last_error = 0, None
    for key, row in by_key.items():
        if key not in wanted and row.status == "pending":
            row.status = "cancelled"
            row.last_error = "the deadline moved past this reminder, stopped, or the recipient was removed"
    db.session.flush()


def sync_all_for_employer(employer_id: int, *, today: dt.date | None = None) -> int:
    """Re-plan every hire of an employer (after its lead times or recipients change)."""
    hires = db.session.scalars(select(Hire).where(Hire.employer_id == employer_id,
                                                  Hire.status.in_(PLANNED_STATUSES))).all()
    for hire in hires:
        plan_reminders(hire, today=today)
    return len(hires)


def _on_hire_saved(hire, **_kwargs) -> None:
    sync_hire_deadlines(hire)


def connect() -> None:
    """Listen to `hire_saved` (idempotent: blinker keeps one connection per receiver)."""
    from employer_portal.signals import hire_saved

    hire_saved.connect(_on_hire_saved, weak=False)


class DatesNotAllowed(Exception):
    """Dates are recorded after submission only; a draft has none."""


def record_dates(hire: Hire, data: dict, actor) -> Hire:
    """Replace the hire's recorded dates with `data` (validated by `HireDates`).

    Raises `pydantic.ValidationError` for bad input and `DatesNotAllowed` for a draft.
    Writes an audit event (old → new per field) and sends `hire_saved`, which re-syncs
    the deadlines and their reminders in the same transaction.
    """
    if hire.status == "draft":
        raise DatesNotAllowed("dates are recorded once the hire is submitted")
    dates = HireDates.model_validate(data)
    from employer_portal.deadlines.permits import check_first_permit

    check_first_permit(hire, dates)  # the renewals recorded after the first permit must still follow it
    new = dates.model_dump(mode="json", exclude_none=True)
    old = dict(hire.dates or {})
    changes = {f"dates.{k}": [old.get(k), new.get(k)] for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)}
    hire.dates = new
    db.session.flush()
    from employer_portal.accounts import record
    from employer_portal.signals import hire_saved

    record(hire.employer_id, "hire", hire.id, "dates_recorded", actor=actor, changes=changes)
    hire_saved.send(hire, actor=actor, changes=changes)
    return hire
