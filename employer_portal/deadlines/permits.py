"""A hire's work-permit periods: read them, record a renewal, keep the first permit consistent.

The first permit is the hire's recorded dates (`Hire.dates`); each renewal or extension is a
`PermitPeriod` row numbered from 2. Recording a renewal writes an audit event and re-syncs the
hire's deadlines (record keeping and rights information per permit, the renewal duties before
the new expiry) in the caller's transaction. Not pure (it writes rows).
"""
from __future__ import annotations

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError
from sqlalchemy import func, select

from employer_portal.extensions import db
from employer_portal.models import Hire
from employer_portal.models.permit import FIRST_RENEWAL_SEQUENCE, PermitPeriod
from employer_portal.schemas.dates import (HireDates, PermitRenewal, first_permit_errors,
                                           renewal_sequence_errors)
from employer_portal.signals import hire_saved


class PermitsNotAllowed(Exception):
    """Permits are recorded after submission only; a draft has none."""


def _rows(hire: Hire) -> list[PermitPeriod]:
    return list(db.session.scalars(
        PermitPeriod.for_employer(hire.employer_id).where(PermitPeriod.hire_id == hire.id)
        .order_by(PermitPeriod.sequence)))


def _renewal(row: PermitPeriod) -> PermitRenewal:
    return PermitRenewal(issued_on=row.issued_on, expires_on=row.expires_on,
                         employment_start_on=row.employment_start_on)


def recorded_renewals(hire: Hire) -> list[PermitRenewal]:
    """The hire's renewals in order (the second permit onwards), as the calculator reads them."""
    return [_renewal(row) for row in _rows(hire)]


def _as_validation_error(title: str, errors: dict[str, list[str]], data: dict) -> ValidationError:
    """Cross-record errors in the same shape as field errors, so callers report them alike."""
    details = [InitErrorDetails(type=PydanticCustomError("permit_order", message), loc=(field,),
                                input=data.get(field))
               for field, messages in errors.items() for message in messages]
    return ValidationError.from_exception_data(title, details)


def check_first_permit(hire: Hire, dates: HireDates) -> None:
    """Raise `ValidationError` when new dates no longer come before the hire's recorded renewals."""
    errors = first_permit_errors(dates, recorded_renewals(hire))
    if errors:
        raise _as_validation_error("HireDates", errors, dates.model_dump())


def permit_periods(hire: Hire) -> list[dict]:
    """Every permit period of the hire, first to latest, for the API and the dates form.

    The first comes from the hire's dates (`"recorded_in": "dates"`) and is listed once either
    its issue or its expiry date is known; renewals carry their row id.
    """
    dates = HireDates.model_validate(hire.dates or {})
    periods = []
    if dates.work_permit_issued_on or dates.work_permit_expires_on:
        periods.append({"sequence": 1, "id": None, "recorded_in": "dates",
                        "issued_on": dates.work_permit_issued_on, "expires_on": dates.work_permit_expires_on,
                        "employment_start_on": dates.first_day_of_work})
    for row in _rows(hire):
        periods.append({"sequence": row.sequence, "id": row.id, "recorded_in": "renewal",
                        "issued_on": row.issued_on, "expires_on": row.expires_on,
                        "employment_start_on": row.employment_start_on or row.issued_on,
                        "employment_start_recorded": row.employment_start_on is not None})
    return periods


def record_renewal(hire: Hire, data: dict, actor) -> PermitPeriod:
    """Record the hire's next permit (a renewal or extension) from `data`.

    Raises `pydantic.ValidationError` for bad input (including a renewal issued before the
    previous permit or expiring before it, or no first permit recorded) and `PermitsNotAllowed`
    for a draft. Audits the new period and re-syncs the deadlines and reminders.
    """
    if hire.status == "draft":
        raise PermitsNotAllowed("permits are recorded once the hire is submitted")
    renewal = PermitRenewal.model_validate(data)
    # One renewal at a time per hire: lock the hire row so two requests cannot take the same number.
    db.session.execute(select(Hire.id).where(Hire.id == hire.id).with_for_update())
    earlier = recorded_renewals(hire)
    errors = renewal_sequence_errors(HireDates.model_validate(hire.dates or {}), earlier, renewal)
    if errors:
        raise _as_validation_error("PermitRenewal", errors, data)
    last = db.session.scalar(select(func.max(PermitPeriod.sequence)).where(PermitPeriod.hire_id == hire.id))
    row = PermitPeriod(employer_id=hire.employer_id, hire_id=hire.id,
                       sequence=(last or FIRST_RENEWAL_SEQUENCE - 1) + 1, issued_on=renewal.issued_on,
                       expires_on=renewal.expires_on, employment_start_on=renewal.employment_start_on)
    db.session.add(row)
    db.session.flush()
    from employer_portal.accounts import record

    values = renewal.model_dump(mode="json", exclude_none=True)
    changes = {f"permits.{row.sequence}.{name}": [None, value] for name, value in values.items()}
    record(hire.employer_id, "hire", hire.id, "permit_renewal_recorded", actor=actor, changes=changes)
    hire_saved.send(hire, actor=actor, changes=changes)  # the deadlines and their reminders follow (deadlines.service)
    return row
