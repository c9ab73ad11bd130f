"""The facts of one hire that several rules share, computed once per evaluation.

In: the payload, the reference data, the program and the Category A count.
Out: plain attributes (hourly and annual wage, the NOC's status, the
prevailing wage, the job's dates) that rules read without recomputing.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from employer_portal.compliance.dates import runs_longer_than
from employer_portal.refdata.reference import ReferenceData
from employer_portal.refdata.wages import WEEKS_PER_YEAR, hourly_from
from employer_portal.schemas.hire import HirePayload

NOC_VALID, NOC_UNVERIFIED, NOC_UNKNOWN = "valid", "unverified", "unknown"


class HireFacts:
    __slots__ = (
        "payload", "refdata", "program", "missing", "worker", "position", "gts", "ict", "cusma",
        "noc_code", "noc_status", "listing", "hourly_wage", "annual_wage", "hours", "prevailing",
        "region", "wage_lookup",
        "start", "end", "category_a_count", "ict_category", "today", "permit_application_date",
    )

    def __init__(self, payload: HirePayload, refdata: ReferenceData, program: str, missing: frozenset[str], category_a_count: int,
                 today: dt.date | None = None):
        self.payload, self.refdata, self.program, self.missing = payload, refdata, program, missing
        self.worker, self.position = payload.worker, payload.position
        self.gts, self.ict, self.cusma = payload.gts, payload.ict, payload.cusma
        self.category_a_count = category_a_count
        # Injectable so checks that depend on the date (the ICT 3-year window) are testable.
        self.today = today or dt.date.today()
        filing = payload.filing
        # API.md Amendments 2026-12: the work-permit application date, default today.
        self.permit_application_date = (filing.permit_application_date if filing is not None else None) or self.today
        self.ict_category = self.ict.category if self.ict is not None else None
        position = self.position

        self.noc_code = position.noc_code
        self.noc_status = _noc_status(self.noc_code, refdata) if self.noc_code else None
        self.listing = refdata.occupation_listing(self.noc_code) if self.noc_code else None

        self.hours = position.hours_per_week
        wage = position.wage
        self.hourly_wage = self.annual_wage = None
        if wage is not None and wage.amount is not None and self.hours:
            self.hourly_wage = hourly_from(wage.amount, wage.period, self.hours)
            self.annual_wage = wage.amount if wage.period == "year" else wage.amount * self.hours * WEEKS_PER_YEAR

        # Where the job is: the given region when it lies in the province, else the city's (ER 2021 place table).
        self.region = job_region(refdata, position.province, position.economic_region, position.city)
        self.prevailing = self.wage_lookup = None
        if self.noc_code and self.noc_status != NOC_UNKNOWN:
            self.wage_lookup = refdata.wage_lookup(
                self.noc_code, position.province, self.region.code if self.region else None, hours_per_week=self.hours
            )
            self.prevailing = self.wage_lookup.prevailing
            if self.prevailing is not None and self.region is not None:
                self.prevailing = dataclasses.replace(
                    self.prevailing, economic_region=(self.region.code, self.region.name, self.region.found_from))
        self.start, self.end = position.start_date, position.end_date

    def job_longer_than(self, months: int) -> bool:
        return self.start is not None and self.end is not None and runs_longer_than(self.start, self.end, months)


@dataclass(frozen=True, slots=True)
class JobRegion:
    """The job's economic region and how it was found: "given" (position.economic_region) or "city"."""

    code: str
    name: str
    found_from: str
    to_verify: bool = False  # the place table's entry is marked "verify"


def job_region(refdata: ReferenceData, province: str | None, given: str | None, city: str | None) -> JobRegion | None:
    region = refdata.economic_region(given, province) if given and province else None
    if region is not None:
        return JobRegion(region.code, region.name, "given")
    place = refdata.region_for_place(city, province) if city and province else None
    if place is not None:
        return JobRegion(place.region.code, place.region.name, "city", place.to_verify)
    return None


_YEAR = re.compile(r"(\d{4})")


def wage_data_label(version: str) -> str:
    """"jobbank-2025-11-19" -> "Job Bank 2025" for messages."""
    match = _YEAR.search(version or "")
    return f"Job Bank {match.group(1)}" if match else f"Job Bank ({version})"


def _noc_status(code: str, refdata: ReferenceData) -> str:
    if not refdata.is_plausible_noc(code):
        return NOC_UNKNOWN
    if refdata.noc(code) is not None:
        return NOC_VALID
    # Only a complete NOC set can say a well-formed code does not exist.
    return NOC_UNKNOWN if refdata.noc_set.complete else NOC_UNVERIFIED


def money_per_hour(amount: float) -> str:
    return f"${amount:,.2f}/h"


def money_per_year(amount: float) -> str:
    return f"${amount:,.0f}"
