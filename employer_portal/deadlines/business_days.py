"""Business-day arithmetic for Canadian deadlines.

A business day is a weekday that is not a statutory holiday in the province
(the `holidays` package, public category: federal holidays plus the province's
own, e.g. Family Day in Ontario, Saint-Jean-Baptiste in Quebec). With no
province, only the holidays observed across Canada count.

Dates in, dates out; nothing here touches a database or the clock.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

_SATURDAY = 5


@lru_cache(maxsize=512)
def _holidays_of(province: str | None, year: int) -> frozenset[dt.date]:
    # Building a holiday calendar costs far more than looking a date up in it,
    # and the same few province/year pairs are asked for over and over.
    calendar = holidays.Canada(subdiv=province, years=year)
    return frozenset(calendar.keys())


def holiday_dates(province: str | None, year: int) -> frozenset[dt.date]:
    """The statutory holidays of `province` (None: Canada-wide only) in `year`."""
    return _holidays_of(province.upper() if province else None, year)


def is_business_day(day: dt.date, province: str | None = None) -> bool:
    """True when `day` is a weekday and not a statutory holiday in `province`."""
    return day.weekday() < _SATURDAY and day not in holiday_dates(province, day.year)


def add_business_days(start: dt.date, count: int, province: str | None = None) -> dt.date:
    """The date `count` business days after `start` (before it when negative).

    `start` itself is never counted, so adding 1 to a Friday gives the Monday
    (or the Tuesday when that Monday is a holiday). Adding 0 returns `start`.
    """
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    day = start
    while remaining:
        day += dt.timedelta(days=step)
        if is_business_day(day, province):
            remaining -= 1
    return day


def subtract_business_days(start: dt.date, count: int, province: str | None = None) -> dt.date:
    """The date `count` business days before `start` (e.g. 15 before an LMIA expiry)."""
    return add_business_days(start, -count, province)


def business_days_between(earlier: dt.date, later: dt.date, province: str | None = None) -> int:
    """How many business days lie after `earlier` up to and including `later`."""
    if later < earlier:
        return -business_days_between(later, earlier, province)
    count = 0
    day = earlier
    while day < later:
        day += dt.timedelta(days=1)
        if is_business_day(day, province):
            count += 1
    return count
