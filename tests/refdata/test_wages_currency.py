"""Are the wages in force older than ESDC's latest fall release? (review F-35; pure, no database)"""
from __future__ import annotations

import datetime as dt

from employer_portal.refdata.currency import latest_fall_release_year, wages_release_warning

JOBBANK_2025 = dt.date(2025, 11, 19)


def test_from_december_1_a_version_published_before_september_is_older_than_that_fall_release():
    """GTS-REQ: "Job Bank wages are updated every year in the fall."; the review is due by January 1."""
    assert wages_release_warning("jobbank-2025-11-19", JOBBANK_2025, dt.date(2026, 12, 1)) == (
        "the Job Bank wages in force (jobbank-2025-11-19, published 2025-11-19) are older than the fall-2026 "
        "release: check open.canada.ca's Job Bank Wages dataset and import the new file before January 1, 2027")


def test_until_november_30_the_previous_fall_release_is_the_latest():
    """GTS-REQ: the fall release may come out until the end of November."""
    assert latest_fall_release_year(dt.date(2026, 11, 30)) == 2025
    assert wages_release_warning("jobbank-2025-11-19", JOBBANK_2025, dt.date(2026, 11, 30)) is None


def test_a_version_published_this_fall_is_current():
    """GTS-REQ: the fall-2026 file (published from September 2026) is the latest release in December 2026."""
    assert wages_release_warning("jobbank-2026-11-18", dt.date(2026, 11, 18), dt.date(2026, 12, 15)) is None


def test_a_version_from_two_falls_ago_is_stale_all_year():
    """GTS-REQ: a 2024 file is older than the fall-2025 release, in any month of 2026."""
    assert "fall-2025 release" in wages_release_warning("jobbank-2024-11-20", dt.date(2024, 11, 20),
                                                        dt.date(2026, 6, 1))


def test_a_version_without_a_publication_date_is_flagged():
    """An unknown date cannot be shown to be current: say so rather than stay silent."""
    assert "publication date unknown" in wages_release_warning("jobbank-abc", None, dt.date(2026, 12, 1))
