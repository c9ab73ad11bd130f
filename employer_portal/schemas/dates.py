"""The dates a hire records after submission, validated once for the form and the API.

Every field is optional: HR fills them in as the file moves (LMIA issued, permit
applied for, permit issued, first day of work …). The permit application date ends
the deadlines that only matter until the worker applies (LMIA expiry, name change,
Employer Portal offer). The deadline calculator reads them as they are;
when the LMIA expiry is left blank it derives it (6 months after issue, the rule
for LMIA applications from 2024-05-01) and says so. Errors come out as dotted
paths through `employer_portal.schemas.errors.error_map`.

The permit dates here are the first work permit; each renewal or extension is a
`PermitRenewal` (stored as `models.permit.PermitPeriod`), checked against the
permit before it by `renewal_sequence_errors` / `first_permit_errors`.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationInfo, field_validator

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


class PermitRenewal(BaseModel):
    """One renewal or extension of the work permit (the second permit period onwards).

    The first period is the one in `HireDates` (work_permit_issued_on, work_permit_expires_on,
    first_day_of_work): that is its only record. `employment_start_on` is the first day of work
    under this permit; left out, employment under it is taken to start on the issue date (the
    worker kept working while the renewal was decided).
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    issued_on: dt.date
    expires_on: dt.date
    employment_start_on: dt.date | None = None

    @field_validator("issued_on", "expires_on", "employment_start_on")
    @classmethod
    def _plausible_year(cls, value: dt.date | None):
        if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise ValueError(f"the year must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
        return value

    _expires_after_issue = _must_follow("expires_on", "issued_on", "the permit expiry must be after its issue date")

    @field_validator("employment_start_on")
    @classmethod
    def _start_inside_the_permit(cls, value: dt.date | None, info: ValidationInfo):
        issued, expires = info.data.get("issued_on"), info.data.get("expires_on")
        if value and issued and value < issued:
            raise ValueError("employment under a permit cannot start before the permit is issued")
        if value and expires and value >= expires:
            raise ValueError("employment under a permit must start before the permit expires")
        return value

    @property
    def starts_on(self) -> dt.date:
        """The first day of work under this permit (its issue date when none is recorded)."""
        return self.employment_start_on or self.issued_on


def renewal_sequence_errors(first: HireDates, earlier: list[PermitRenewal], new: PermitRenewal) -> dict[str, list[str]]:
    """Why `new` cannot follow the permits already recorded (field → messages); {} when it can.

    The first permit (its issue and expiry dates) must be recorded before a renewal; a renewal is
    issued after the permit it renews was issued and expires after it.
    """
    if not (first.work_permit_issued_on and first.work_permit_expires_on):
        message = "record the first work permit's issue and expiry dates (the hire's dates) before a renewal"
        return {"issued_on": [message]}
    previous_issued, previous_expires = first.work_permit_issued_on, first.work_permit_expires_on
    if earlier:
        previous_issued, previous_expires = earlier[-1].issued_on, earlier[-1].expires_on
    errors: dict[str, list[str]] = {}
    if new.issued_on <= previous_issued:
        errors["issued_on"] = [f"a renewal is issued after the previous permit's issue date ({previous_issued})"]
    if new.expires_on <= previous_expires:
        errors["expires_on"] = [f"a renewal expires after the previous permit's expiry ({previous_expires})"]
    return errors


def first_permit_errors(first: HireDates, renewals: list[PermitRenewal]) -> dict[str, list[str]]:
    """Why the hire's dates no longer fit the renewals recorded after them; {} when they do."""
    if not renewals:
        return {}
    errors: dict[str, list[str]] = {}
    renewal = renewals[0]
    for name in ("work_permit_issued_on", "work_permit_expires_on"):
        if getattr(first, name) is None:
            errors[name] = ["a renewal is recorded: the first permit's dates cannot be cleared"]
    if first.work_permit_issued_on and first.work_permit_issued_on >= renewal.issued_on:
        errors["work_permit_issued_on"] = [f"must be before the renewal issued on {renewal.issued_on}"]
    if first.work_permit_expires_on and first.work_permit_expires_on >= renewal.expires_on:
        errors["work_permit_expires_on"] = [f"must be before the renewal's expiry ({renewal.expires_on})"]
    return errors


def plausible_year(value: dt.date) -> dt.date:
    """A date inside EARLIEST_YEAR..LATEST_YEAR (a 9999 is a typing mistake, and date sums stay in range)."""
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"the year must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
    return value


# For every date field of the payload schemas: Annotated[dt.date, AfterValidator(plausible_year)].
PlausibleDate = Annotated[dt.date, AfterValidator(plausible_year)]
