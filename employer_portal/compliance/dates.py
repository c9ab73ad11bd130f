"""Job lengths in calendar months, with the end date as the job's last day."""
from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clamped to the month's end (Jan 31 + 1 month = Feb 28/29)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def runs_longer_than(start: dt.date, end: dt.date, months: int) -> bool:
    """True when a job from `start` to `end` is longer than `months` months.

    A job may end on the anniversary day: 2027-03-01 to 2030-02-28 and to
    2030-03-01 are both 3 years; to 2030-03-02 is longer.
    """
    return end > add_months(start, months)


def months_between(start: dt.date, end: dt.date) -> float:
    """The job's length in months (whole months plus the fraction of the last one), for messages and caps."""
    whole = (end.year - start.year) * 12 + (end.month - start.month)
    if add_months(start, whole) > end:
        whole -= 1
    anchor = add_months(start, whole)
    days_in_next = (add_months(start, whole + 1) - anchor).days
    return whole + (end - anchor).days / days_in_next
