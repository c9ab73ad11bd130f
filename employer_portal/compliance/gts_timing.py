"""GTS dates that the rules and the Category A quota share: the expected LMIA decision and the quota's calendar year.

Pure: dates in, dates out (business days with the province's holidays, from deadlines.business_days).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from employer_portal.deadlines.business_days import add_business_days


def expected_lmia_decision(lmia_application_date: dt.date, province: str | None, business_days: int) -> dt.date:
    """The date ESDC's service standard gives for the LMIA decision.

    ESDC, GTS overview: "processing time for an LMIA is 10 business days (80% of the time) beginning the first
    business day following the day we receive the application" — so the Nth business day after the filing date.
    """
    return add_business_days(lmia_application_date, business_days, province)


@dataclass(frozen=True, slots=True)
class QuotaYear:
    """The calendar year whose Category A approvals count for a position, and in plain words why that year."""

    year: int
    basis: str


def category_a_quota_year(*, approved_on: dt.date | None, lmia_application_date: dt.date | None,
                          province: str | None, business_days: int, today: dt.date) -> QuotaYear:
    """The calendar year of ESDC's decision on this position (API.md Amendments 2026-12).

    ESDC counts "positions ... approved by the TFWP per calendar year (resetting on January 1)": the year of the
    decision, not of the job's start. The decision date when known (approved_on), else the LMIA application date +
    the service standard, else today.
    """
    if approved_on is not None:
        return QuotaYear(approved_on.year, f"the LMIA was approved on {approved_on.isoformat()}")
    if lmia_application_date is not None:
        decision = expected_lmia_decision(lmia_application_date, province, business_days)
        return QuotaYear(decision.year, f"ESDC's decision is expected around {decision.isoformat()}, {business_days} "
                                        f"business days after the LMIA application of {lmia_application_date.isoformat()}")
    return QuotaYear(today.year, "no LMIA application date is given yet, so this year is assumed")
