"""Wage-drift alerts: after a new Job Bank wages version, find hires now paid below the prevailing wage.

In: the id of the new wages version (`signals.wages_imported`). For every hire still
employing or about to employ its worker (submitted, filed, approved, active), compare
its hourly wage with the new prevailing wage (economic region, then province, then
Canada). Where it is now below, the hire gets a `wage_raise_required` deadline due the
next January 1 (ESDC: employers review wages yearly and pay at least the prevailing wage
in force) and its HR owner an email (an outbox row) saying old → new. Two queries for
the figures (new and previous version, limited to the hires' NOCs), one for the hires:
never a query per hire or per rule. Idempotent: the unique keys make a re-run a no-op.
Out: counts.
"""
from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import select

from employer_portal.extensions import db
from employer_portal.models import Hire, User
from employer_portal.models.deadline import Deadline, ReminderOutbox
from employer_portal.models.refdata import WAGE_FIGURE_COLUMNS, WAGES_SET, RefdataVersion, RefdataWageFigure
from employer_portal.refdata.jobbank import WageFigure
from employer_portal.refdata.wages import STANDARD_HOURS_PER_WEEK, WEEKS_PER_YEAR, WageTable

log = logging.getLogger(__name__)

CHECKED_STATUSES = ("submitted", "filed", "approved", "active")
KIND = "wage_raise_required"
WHY = ("The Job Bank median for this occupation and place rose above the hire's wage. The employer must pay at "
       "least the prevailing wage in force; the yearly wage review is due by January 1.")
SOURCE = "ESDC Job Bank wages (new version {version}); GTS/LMIA prevailing wage requirement (RULES.md, S1)"


def next_january_first(today: dt.date) -> dt.date:
    return dt.date(today.year + 1, 1, 1)


def hourly_wage(payload: dict) -> float | None:
    """The hire's wage per hour from its payload (yearly wages over its weekly hours, 40 if unknown)."""
    position = (payload or {}).get("position") or {}
    wage = position.get("wage") or {}
    amount, period = wage.get("amount"), wage.get("period")
    if amount is None:
        return None
    if period == "hour":
        return float(amount)
    hours = position.get("hours_per_week") or STANDARD_HOURS_PER_WEEK
    return round(float(amount) / (hours * WEEKS_PER_YEAR), 2)


def _table(version: RefdataVersion | None, nocs: set[str]) -> WageTable | None:
    if version is None or not nocs:
        return None
    columns = [getattr(RefdataWageFigure, c) for c in WAGE_FIGURE_COLUMNS]
    rows = [WageFigure(*r) for r in db.session.execute(
        select(*columns).where(RefdataWageFigure.version_id == version.id, RefdataWageFigure.noc.in_(sorted(nocs))))]
    return WageTable(rows, version.version)


def recheck_hires(version_id: int, *, today: dt.date | None = None) -> dict:
    """Re-check every active hire against wages version `version_id`; commit; return counts."""
    today = today or dt.datetime.now(dt.timezone.utc).date()
    new_version = db.session.get(RefdataVersion, version_id)
    if new_version is None or new_version.set_name != WAGES_SET:
        return {"checked": 0, "below": 0, "alerts": 0}
    old_version = db.session.scalar(
        select(RefdataVersion).where(RefdataVersion.set_name == WAGES_SET, RefdataVersion.id < version_id)
        .order_by(RefdataVersion.id.desc()).limit(1))
    hires = db.session.scalars(select(Hire).where(Hire.status.in_(CHECKED_STATUSES), Hire.noc_code.is_not(None))).all()
    nocs = {h.noc_code for h in hires}
    new_table, old_table = _table(new_version, nocs), _table(old_version, nocs)
    owners = {u.id: u for u in db.session.scalars(
        select(User).where(User.id.in_({h.hr_owner_id for h in hires if h.hr_owner_id})))} if hires else {}
    counts = {"checked": 0, "below": 0, "alerts": 0}
    due = next_january_first(today)
    for hire in hires:
        counts["checked"] += 1
        position = (hire.payload or {}).get("position") or {}
        wage = hourly_wage(hire.payload)
        new = new_table.prevailing_wage_for(hire.noc_code, hire.province, position.get("economic_region"),
                                            hours_per_week=position.get("hours_per_week")) if new_table else None
        if wage is None or new is None or wage >= new.hourly:
            continue
        counts["below"] += 1
        old = old_table.prevailing_wage_for(hire.noc_code, hire.province, position.get("economic_region"),
                                            hours_per_week=position.get("hours_per_week")) if old_table else None
        deadline = _deadline(hire, due, new_version.version)
        owner = owners.get(hire.hr_owner_id)
        if owner is None or not owner.active:
            continue
        context = {"noc_code": hire.noc_code, "place": new.place, "hire_hourly": wage, "new_hourly": new.hourly,
                   "old_hourly": old.hourly if old else None, "new_version": new_version.version,
                   "old_version": old_version.version if old_version else None}
        if _alert(hire, deadline, owner.email.lower(), context, today):
            counts["alerts"] += 1
        from employer_portal.deadlines.service import plan_reminders

        plan_reminders(hire, today=today)
    db.session.commit()
    log.info("wage drift after %s: %s", new_version.version, counts)
    return counts


def _deadline(hire: Hire, due: dt.date, version: str) -> Deadline:
    key = f"{KIND}:{due.year}"
    row = db.session.scalar(select(Deadline).where(Deadline.hire_id == hire.id, Deadline.key == key))
    if row is None:
        row = Deadline(employer_id=hire.employer_id, hire_id=hire.id, key=key, origin="wage_drift")
        db.session.add(row)
    row.kind, row.title, row.due_date, row.rule_id = KIND, "Raise the wage to the new prevailing wage", due, "WAGE_DRIFT"
    row.why, row.source = WHY, SOURCE.format(version=version)
    row.counts_business_days, row.province, row.estimated, row.active = False, hire.province, False, True
    db.session.flush()
    return row


def _alert(hire: Hire, deadline: Deadline, recipient: str, context: dict, today: dt.date) -> bool:
    """One alert email per deadline and recipient; False when it already exists."""
    exists = db.session.scalar(select(ReminderOutbox.id).where(
        ReminderOutbox.deadline_id == deadline.id, ReminderOutbox.purpose == "wage_drift",
        ReminderOutbox.recipient == recipient))
    if exists:
        return False
    now = dt.datetime.now(dt.timezone.utc)
    db.session.add(ReminderOutbox(
        employer_id=hire.employer_id, deadline_id=deadline.id, purpose="wage_drift", lead_days=0,
        recipient=recipient, send_on=today, due_at=now, next_attempt_at=now, status="pending",
        attempts=0, reclaims=0, context=context))
    db.session.flush()
    return True


def _on_wages_imported(version_id, **_kwargs) -> None:
    """Queue the re-check; if the broker cannot take it, do it now (the CLI import still alerts)."""
    try:
        from tasks.reminders import wage_drift

        wage_drift.delay(version_id)
    except Exception as exc:  # noqa: BLE001 - a broker outage must not lose the alerts
        log.warning("could not queue the wage-drift re-check (%s); running it now", exc.__class__.__name__)
        recheck_hires(version_id)


def connect() -> None:
    from employer_portal.signals import wages_imported

    wages_imported.connect(_on_wages_imported, weak=False)


connect()
