"""Is the Job Bank wages version in force older than ESDC's latest fall release? (pure: no Flask, no database)

ESDC, GTS program requirements: "Job Bank wages are updated every year in the fall."
The fall release of year Y comes out between September and November, so from
December 1 of Y a version published before September 1 of Y is older than it. The
GTS prevailing-wage review is due by January 1 of the next year ("employers have until
January 1 of the following year"), hence the deadline in the message. `today` is a
parameter so callers (status command, dashboard, API, tests) decide the date.
"""
from __future__ import annotations

import datetime as dt

JOBBANK_WAGES_DATASET = "open.canada.ca's Job Bank Wages dataset"
FALL_STARTS = (9, 1)  # month, day: a version published from then on is that fall's release
RELEASE_EXPECTED_BY = (12, 1)  # from this day on, this year's fall release is expected to be out


def latest_fall_release_year(today: dt.date) -> int:
    """The year of the latest fall release that should be out on `today`."""
    return today.year if today >= dt.date(today.year, *RELEASE_EXPECTED_BY) else today.year - 1


def wages_release_warning(version: str, published: dt.date | None, today: dt.date) -> str | None:
    """One line for HR staff when the wages in force predate the latest fall release; None when current."""
    year = latest_fall_release_year(today)
    if published is not None and published >= dt.date(year, *FALL_STARTS):
        return None
    when = f"published {published.isoformat()}" if published else "publication date unknown"
    return (f"the Job Bank wages in force ({version}, {when}) are older than the fall-{year} release: "
            f"check {JOBBANK_WAGES_DATASET} and import the new file before January 1, {year + 1}")
