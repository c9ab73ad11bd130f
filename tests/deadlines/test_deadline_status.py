"""Where a deadline stands on a day (upcoming, due, overdue, done) and the fall wages import reminder (F-35)."""
from __future__ import annotations

import datetime as dt

from employer_portal.deadlines.status import DUE_WINDOW_DAYS, deadline_status, fall_wages_import

UTC = dt.timezone.utc
DUE = dt.date(2027, 3, 1)
DONE_AT = dt.datetime(2027, 2, 20, 15, 0, tzinfo=UTC)


def test_a_deadline_more_than_7_days_away_is_upcoming():
    """Issue 9, item 3: a deadline is upcoming, due, overdue or done; 'due' starts 7 days before."""
    assert DUE_WINDOW_DAYS == 7
    assert deadline_status(DUE, None, dt.date(2027, 2, 21)) == "upcoming"


def test_a_deadline_within_the_next_7_days_is_due():
    """Issue 9, item 3: a deadline due within the next 7 days (or today) is 'due'."""
    assert deadline_status(DUE, None, dt.date(2027, 2, 22)) == "due"
    assert deadline_status(DUE, None, DUE) == "due"


def test_a_deadline_past_its_date_and_not_done_is_overdue():
    """Issue 9: 'A deadline passed and not done shows as overdue.'"""
    assert deadline_status(DUE, None, DUE + dt.timedelta(days=1)) == "overdue"


def test_a_deadline_marked_done_is_done_whatever_the_date():
    """Issue 9, item 3: HR marks it done; early, on time or late, it is done."""
    for today in (dt.date(2027, 1, 1), DUE, dt.date(2028, 1, 1)):
        assert deadline_status(DUE, DONE_AT, today) == "done"


def test_the_fall_wages_import_is_asked_from_september_and_due_december_1():
    """GTS program requirements: 'Job Bank wages are updated every year in the fall.' (review F-35)"""
    job = fall_wages_import(dt.date(2025, 11, 19), dt.date(2026, 9, 1))
    assert job.title == "Import the fall 2026 Job Bank wages file"
    assert job.due_date == dt.date(2026, 12, 1) and job.status == "upcoming"
    assert "January 1, 2027" in job.why and job.url.startswith("https://open.canada.ca/")


def test_the_fall_wages_import_is_due_in_late_november_and_overdue_from_december_1():
    """Review F-35: import the fall-2026 release before 2027-01-01, or wage checks run on stale medians."""
    assert fall_wages_import(dt.date(2025, 11, 19), dt.date(2026, 11, 24)).status == "due"
    assert fall_wages_import(dt.date(2025, 11, 19), dt.date(2026, 12, 2)).status == "overdue"
    assert fall_wages_import(dt.date(2025, 11, 19), dt.date(2027, 3, 1)).due_date == dt.date(2026, 12, 1)


def test_no_wages_import_reminder_once_this_falls_file_is_in_force_or_before_fall():
    """GTS program requirements: wages are updated in the fall; a fall-2026 version is current until next fall."""
    assert fall_wages_import(dt.date(2026, 11, 18), dt.date(2026, 12, 2)) is None
    assert fall_wages_import(dt.date(2026, 11, 18), dt.date(2027, 8, 31)) is None
    assert fall_wages_import(dt.date(2025, 11, 19), dt.date(2026, 8, 31)) is None


def test_unknown_publication_date_asks_for_the_import():
    """Review F-35: a version whose publication date is unknown cannot be shown to be this fall's."""
    assert "publication date unknown" in fall_wages_import(None, dt.date(2026, 10, 1)).why
