"""Wage-drift alerts: after a new Job Bank wages version, find hires now paid below the prevailing wage.

In: the id of the new wages version (`signals.wages_imported`). For every GTS hire
(gts_a, gts_b) still employing or about to employ its worker (submitted, filed,
approved, active), compare its hourly wage with the new prevailing wage (economic
region, then province, then Canada). Where it is now below, the hire gets a
`wage_raise_required` deadline and its HR owner an email (an outbox row) saying old → new.

Due: January 1 after the version's *publication* (ESDC: "employers have until January 1
of the following year"), not after the import: a late import can be overdue at once. A
hire that starts after the publication and before that January 1 must be at the new wage
on its first day ("reassess and apply the prevailing wage at the beginning of a TFW's
period of employment"). ICT and CUSMA hires are left out: their condition is the wage of
their offer (IRPR R209.2(1)(a)(iii)), and a new prevailing wage applies only at the next
extension's offer (alerts written for them before are withdrawn). Where a later version
no longer requires a raise, the pending alert of that cycle is withdrawn.

Two queries for the figures (new and previous version, limited to the hires' NOCs), one
for the hires, one for their open alerts: never a query per hire or per rule.
Idempotent: the unique keys make a re-run a no-op. Out: counts.
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
from employer_portal.refdata.wages import STANDARD_HOURS_PER_WEEK, WageTable, below_prevailing, hourly_from
from employer_portal.schemas.hire import IN_FORCE_STATUSES

log = logging.getLogger(__name__)

CHECKED_STATUSES = IN_FORCE_STATUSES
# Only the GTS (an LMIA stream) has the yearly prevailing-wage review.
CHECKED_PROGRAMS = ("gts_a", "gts_b")
KIND = "wage_raise_required"
ORIGIN = "wage_drift"
WHY = ("The Job Bank median for this occupation and place rose above the hire's wage. A GTS employer must pay at "
       "least the prevailing wage in force: by January 1 after the new wages were published, or from the first "
       "day of work if the worker starts before then.")
WHY_AT_START = ("The Job Bank median for this occupation and place rose above the hire's wage, and the worker starts "
                "before January 1: the new prevailing wage applies from the first day of work.")
SOURCE = ("ESDC, Program requirements for the Global Talent Stream, Prevailing wage reviews (modified 2025-11-20): "
          "'reassess and apply the prevailing wage at the beginning of a TFW's period of employment … employers "
          "have until January 1 of the following year'; ESDC Job Bank wages (version {version}, published {published})")
WITHDRAWN = "a later wages version no longer requires a raise"


def january_first_after(day: dt.date) -> dt.date:
    """The January 1 that follows `day` (a release published on 2026-11-18 is due 2027-01-01)."""
    return dt.date(day.year + 1, 1, 1)


def raise_due(published: dt.date, first_day: dt.date | None) -> tuple[dt.date, bool]:
    """(due date, at start?) for a raise: January 1 after publication, or the first day of work when that
    comes after the publication and before that January 1."""
    cycle = january_first_after(published)
    if first_day is not None and published <= first_day < cycle:
        return first_day, True
    return cycle, False


def first_day_of(hire: Hire) -> dt.date | None:
    """The recorded first day of work, else the planned start date."""
    value = (hire.dates or {}).get("first_day_of_work") or ((hire.payload or {}).get("position") or {}).get("start_date")
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def hourly_wage(payload: dict) -> float | None:
    """The hire's wage per hour from its payload, as the compliance check reads it (hours 40 if unknown)."""
    position = (payload or {}).get("position") or {}
    wage = position.get("wage") or {}
    return hourly_from(wage.get("amount"), wage.get("period"), position.get("hours_per_week") or STANDARD_HOURS_PER_WEEK)


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
        return {"checked": 0, "below": 0, "alerts": 0, "withdrawn": 0}
    old_version = db.session.scalar(
        select(RefdataVersion).where(RefdataVersion.set_name == WAGES_SET, RefdataVersion.id < version_id)
        .order_by(RefdataVersion.id.desc()).limit(1))
    hires = db.session.scalars(select(Hire).where(
        Hire.status.in_(CHECKED_STATUSES), Hire.program.in_(CHECKED_PROGRAMS), Hire.noc_code.is_not(None))).all()
    nocs = {h.noc_code for h in hires}
    new_table, old_table = _table(new_version, nocs), _table(old_version, nocs)
    owners = {u.id: u for u in db.session.scalars(
        select(User).where(User.id.in_({h.hr_owner_id for h in hires if h.hr_owner_id})))} if hires else {}
    # A version without a publication date counts from its import.
    published = new_version.published or today
    cycle = january_first_after(published)
    open_alerts = _open_alerts({h.id for h in hires}, cycle)
    counts = {"checked": 0, "below": 0, "alerts": 0, "withdrawn": 0}
    no_longer_due: list[Deadline] = []
    for hire in hires:
        counts["checked"] += 1
        position = (hire.payload or {}).get("position") or {}
        wage = hourly_wage(hire.payload)
        new = new_table.prevailing_wage_for(hire.noc_code, hire.province, position.get("economic_region"),
                                            hours_per_week=position.get("hours_per_week")) if new_table else None
        if wage is None or new is None:
            continue
        if not below_prevailing(wage, new):
            no_longer_due += open_alerts.get(hire.id, [])
            continue
        counts["below"] += 1
        old = old_table.prevailing_wage_for(hire.noc_code, hire.province, position.get("economic_region"),
                                            hours_per_week=position.get("hours_per_week")) if old_table else None
        due, at_start = raise_due(published, first_day_of(hire))
        deadline = _deadline(hire, cycle, due, at_start, new_version.version, published)
        owner = owners.get(hire.hr_owner_id)
        if owner is None or not owner.active:
            continue
        context = {"noc_code": hire.noc_code, "place": new.place, "hire_hourly": round(wage, 2), "new_hourly": new.hourly,
                   "old_hourly": old.hourly if old else None, "new_version": new_version.version,
                   "old_version": old_version.version if old_version else None}
        if _alert(hire, deadline, owner.email.lower(), context, today):
            counts["alerts"] += 1
        from employer_portal.deadlines.service import plan_reminders

        plan_reminders(hire, today=today)
    counts["withdrawn"] = _withdraw(no_longer_due + _imp_alerts())
    db.session.commit()
    log.info("wage drift after %s: %s", new_version.version, counts)
    return counts


def _deadline(hire: Hire, cycle: dt.date, due: dt.date, at_start: bool, version: str, published: dt.date) -> Deadline:
    # Keyed on the January 1 cycle, so a moved start date or a corrected file updates the same row.
    key = f"{KIND}:{cycle.year}"
    row = db.session.scalar(select(Deadline).where(Deadline.hire_id == hire.id, Deadline.key == key))
    if row is None:
        row = Deadline(employer_id=hire.employer_id, hire_id=hire.id, key=key, origin=ORIGIN)
        db.session.add(row)
    row.kind, row.title, row.due_date, row.rule_id = KIND, "Raise the wage to the new prevailing wage", due, "WAGE_DRIFT"
    row.why, row.source = (WHY_AT_START if at_start else WHY), SOURCE.format(version=version, published=published)
    row.counts_business_days, row.province, row.estimated, row.active = False, hire.province, False, True
    db.session.flush()
    return row


def _open_alerts(hire_ids: set[int], cycle: dt.date) -> dict[int, list[Deadline]]:
    """Active wage-drift deadlines of these hires for `cycle` or a later one, by hire (one query)."""
    if not hire_ids:
        return {}
    found: dict[int, list[Deadline]] = {}
    rows = db.session.scalars(select(Deadline).where(
        Deadline.hire_id.in_(hire_ids), Deadline.origin == ORIGIN, Deadline.kind == KIND, Deadline.active.is_(True)))
    for row in rows:
        # Earlier cycles stay: a raise that was due under an earlier version was due all the same.
        if int(row.key.rsplit(":", 1)[-1]) >= cycle.year:
            found.setdefault(row.hire_id, []).append(row)
    return found


def _imp_alerts() -> list[Deadline]:
    """Active wage-drift deadlines of ICT and CUSMA hires (written before drift was limited to the GTS)."""
    return list(db.session.scalars(select(Deadline).join(Hire, Hire.id == Deadline.hire_id).where(
        Deadline.origin == ORIGIN, Deadline.kind == KIND, Deadline.active.is_(True),
        Hire.program.not_in(CHECKED_PROGRAMS))))


def _withdraw(deadlines: list[Deadline]) -> int:
    """Stop these deadlines and cancel their pending emails and reminders (one query); how many were stopped."""
    if not deadlines:
        return 0
    for row in deadlines:
        row.active = False
    for outbox in db.session.scalars(select(ReminderOutbox).where(
            ReminderOutbox.deadline_id.in_([row.id for row in deadlines]), ReminderOutbox.status == "pending")):
        outbox.status, outbox.last_error = "cancelled", WITHDRAWN
    db.session.flush()
    return len(deadlines)


def _alert(hire: Hire, deadline: Deadline, recipient: str, context: dict, today: dt.date) -> bool:
    """One alert email per deadline and recipient; False when it already exists (a withdrawn one comes back)."""
    exists = db.session.scalar(select(ReminderOutbox).where(
        ReminderOutbox.deadline_id == deadline.id, ReminderOutbox.purpose == ORIGIN,
        ReminderOutbox.recipient == recipient))
    if exists is not None:
        if exists.status != "cancelled" or exists.last_error != WITHDRAWN:
            return False
        now = dt.datetime.now(dt.timezone.utc)
        exists.status, exists.context, exists.send_on, exists.due_at, exists.next_attempt_at = (
            "pending", context, today, now, now)
        exists.attempts, exists.last_error = 0, None
        db.session.flush()
        return True
    now = dt.datetime.now(dt.timezone.utc)
    db.session.add(ReminderOutbox(
        employer_id=hire.employer_id, deadline_id=deadline.id, purpose=ORIGIN, lead_days=0,
        recipient=recipient, send_on=today, due_at=now, next_attempt_at=now, status="pending",
        attempts=0, reclaims=0, context=context))
    db.session.flush()
    return True


