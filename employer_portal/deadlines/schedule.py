"""When the reminders of a deadline go out.

In: a `Deadline` and lead times in days. Out: one `ReminderPlan` per lead time
with the date to send it. Lead times count business days for deadlines whose
rule counts them (the LMIA name-change limit), calendar days otherwise. Past
send dates are kept: filtering them against today is the caller's choice.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from .business_days import subtract_business_days
from .calculator import Deadline

# Days before a deadline that HR hears about it unless the employer changes them.
DEFAULT_LEAD_DAYS = (90, 60, 30, 14, 7, 1)


@dataclass(frozen=True)
class ReminderPlan:
    """Send the reminder for `deadline_key`, `lead_days` ahead, on `send_on`."""

    deadline_key: str
    lead_days: int
    send_on: dt.date


def reminder_dates(deadline: Deadline, lead_days: Iterable[int] = DEFAULT_LEAD_DAYS) -> list[ReminderPlan]:
    """One plan per distinct lead time, earliest send date first.

    A lead of 0 means on the due date itself; negative leads are refused.
    """
    plans = []
    for lead in sorted(set(lead_days), reverse=True):
        if lead < 0:
            raise ValueError(f"a lead time cannot be negative: {lead}")
        if deadline.counts_business_days:
            send_on = subtract_business_days(deadline.due_date, lead, deadline.province)
        else:
            send_on = deadline.due_date - dt.timedelta(days=lead)
        plans.append(ReminderPlan(deadline.key, lead, send_on))
    return plans
