"""Where a deadline stands on a given day, and the yearly Job Bank wages import (pure: no Flask, no database).

`deadline_status(due_date, done_at, today)` is one of:
- `done`: HR marked it done (whatever the date);
- `overdue`: not done and its due date has passed (the due date is the last day to act);
- `due`: not done and due today or within the next `DUE_WINDOW_DAYS` (7) days;
- `upcoming`: not done and due later than that.
`today` is a parameter so callers decide the date (and tests freeze it).

`fall_wages_import(published, today)` is the admin reminder of review F-35: ESDC updates
the Job Bank wages every fall, so from September 1 until a version published that fall is
in force, the admins are asked to import it, due December 1 (refdata.currency: the fall
release is expected out by then; GTS wage reviews are due the following January 1).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from employer_portal.refdata.currency import FALL_STARTS, JOBBANK_WAGES_DATASET, RELEASE_EXPECTED_BY

DEADLINE_STATUSES = ("upcoming", "due", "overdue", "done")
# "Due" means: today or within the next 7 days (the window of the shortest default reminder).
DUE_WINDOW_DAYS = 7
JOBBANK_WAGES_URL = "https://open.canada.ca/data/en/dataset/adad580f-76b0-4502-bd05-20c125de9116"
# Statuses that need HR's attention on the dashboard (with the next 30 days of `upcoming`).
OPEN_STATUSES = ("overdue", "due", "upcoming")


def deadline_status(due_date: dt.date, done_at: dt.datetime | None, today: dt.date) -> str:
    """`upcoming`, `due`, `overdue` or `done` (see the module docstring)."""
    if done_at is not None:
        return "done"
    if due_date < today:
        return "overdue"
    if due_date <= today + dt.timedelta(days=DUE_WINDOW_DAYS):
        return "due"
    return "upcoming"


@dataclass(frozen=True)
class WagesImportDue:
    """The admin reminder to import this fall's Job Bank wages file."""

    fall_year: int
    due_date: dt.date
    status: str
    title: str
    why: str
    source: str
    url: str = JOBBANK_WAGES_URL


def fall_wages_import(published: dt.date | None, today: dt.date) -> WagesImportDue | None:
    """The reminder while this fall's wages file is not in force (None once it is, or before September 1)."""
    fall_year = today.year if today >= dt.date(today.year, *FALL_STARTS) else today.year - 1
    if published is not None and published >= dt.date(fall_year, *FALL_STARTS):
        return None
    due = dt.date(fall_year, *RELEASE_EXPECTED_BY)
    in_force = f"published {published.isoformat()}" if published else "publication date unknown"
    return WagesImportDue(
        fall_year=fall_year, due_date=due, status=deadline_status(due, None, today),
        title=f"Import the fall {fall_year} Job Bank wages file",
        why=(f"The wages in force ({in_force}) are older than this fall's release. Check {JOBBANK_WAGES_DATASET} "
             f"and import the new file (flask refdata import-wages) before January 1, {fall_year + 1}, so wage checks "
             "and wage-drift alerts use it."),
        source="ESDC, Program requirements for the Global Talent Stream: 'Job Bank wages are updated every year "
               "in the fall.'",
    )
