"""Which deadlines a hire has and when their reminders go out (pure: no Flask, no database).

`deadlines_for(...) -> list[Deadline]` (calculator), `reminder_dates(...) -> list[ReminderPlan]`
(schedule), business-day arithmetic by province (business_days), what missing a
duty can cost under IRPR Schedule 2 (violations); the rules are data in
`refdata/data/deadline_rules.json` (rules), Schedule 2 in `refdata/data/amp_schedule.json`.
"""
from .business_days import add_business_days, is_business_day, subtract_business_days
from .calculator import STATUSES, STOPPED_STATUSES, Deadline, deadlines_for, lmia_expiry
from .schedule import DEFAULT_LEAD_DAYS, ReminderPlan, reminder_dates
from .violations import Violation, violation_for_rule

__all__ = [
    "DEFAULT_LEAD_DAYS",
    "STATUSES",
    "STOPPED_STATUSES",
    "Deadline",
    "ReminderPlan",
    "Violation",
    "add_business_days",
    "deadlines_for",
    "is_business_day",
    "lmia_expiry",
    "reminder_dates",
    "subtract_business_days",
    "violation_for_rule",
]
