"""The dates a hire records after submission, validated once for the form and the API.

Every field is optional: HR fills them in as the file moves (LMIA issued, permit
applied for, permit issued, first day of work …). The permit application date ends
the deadlines that only matter until the worker applies (LMIA expiry, name change,
Employer Portal offer). The deadline calculator reads them as they are;
when the LMIA expiry is left blank it derives it (6 months after issue, the rule
for LMIA applications from 2024-05-01) and says so. Errors come out as dotted
paths through `employer_portal.schemas.errors.error_map`.
"""
from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

# Dates outside this window are typing mistakes (2205 for 2025), not real files:
# the employer-compliance regime itself dates from 2013-2015.
EARLIEST_YEAR = 1990
LATEST_YEAR = 2100

# IRCC Employer Portal offer of employment number: "A" and 7 digits (RULES.md 2.6, S10).
OFFER_NUMBER_PATTERN = re.compile(r"A\d{7}")

_DATE_FIELDS = (
    "lmia_issued_on",
    "lmia_expires_on",
    "lmbp_signed_on",
    "compliance_fee_paid_on",
    "work_permit_applied_on",
    "work_permit_issued_on",
    "work_permit_expires_on",
    "first_day_of_work",
    "end_of_employment",
)


def _must_follow(later: str, earlier: str, message: str):
    """A validator: `later` must fall after `earlier` when both are given (fields are declared in that order)."""

    def check(cls, value, info: ValidationInfo):
        first = info.data.get(earlier)
        if value and first and value <= first:
            raise ValueError(message)
        return value

    return field_validator(later)(classmethod(check))


class HireDates(BaseModel):
    """What happened to a hire after submission; all optional, dates as `date`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    lmia_issued_on: dt.date | None = None
    lmia_expires_on: dt.date | None = None
    lmbp_signed_on: dt.date | None = None
    employer_portal_offer_number: str | None = None
    compliance_fee_paid_on: dt.date | None = None
    work_permit_applied_on: dt.date | None = None
    work_permit_issued_on: dt.date | None = None
    work_permit_expires_on: dt.date | None = None
    first_day_of_work: dt.date | None = None
    end_of_employment: dt.date | None = None

    @field_validator(*_DATE_FIELDS)
    @classmethod
    def _plausible_year(cls, value: dt.date | None):
        if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise ValueError(f"the year must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
        return value

    @field_validator("employer_portal_offer_number")
    @classmethod
    def _offer_number_shape(cls, value: str | None):
        if value is None or value == "":
            return None
        number = value.upper()
        if not OFFER_NUMBER_PATTERN.fullmatch(number):
            raise ValueError("an Employer Portal offer number is A followed by 7 digits, e.g. A1234567")
        return number

    _lmia_expires_after_issue = _must_follow("lmia_expires_on", "lmia_issued_on",
                                             "the LMIA expiry must be after its issue date")
    @field_validator("work_permit_issued_on")
    @classmethod
    def _issued_not_before_applied(cls, value: dt.date | None, info: ValidationInfo):
        # Same day is normal: a port-of-entry application is decided on the spot.
        applied = info.data.get("work_permit_applied_on")
        if value and applied and value < applied:
            raise ValueError("the work permit cannot be issued before it was applied for")
        return value

    _permit_expires_after_issue = _must_follow("work_permit_expires_on", "work_permit_issued_on",
                                               "the work permit expiry must be after its issue date")
    _end_after_first_day = _must_follow("end_of_employment", "first_day_of_work",
                                        "the end of employment must be after the first day of work")
