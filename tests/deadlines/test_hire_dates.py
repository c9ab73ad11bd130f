import datetime as dt

import pytest
from pydantic import ValidationError

from employer_portal.schemas.dates import HireDates
from employer_portal.schemas.errors import error_map


def errors_of(**data):
    with pytest.raises(ValidationError) as caught:
        HireDates.model_validate(data)
    return error_map(caught.value)


def test_all_dates_are_optional():
    assert HireDates.model_validate({}) == HireDates()


def test_offer_number_is_uppercased():
    assert HireDates(employer_portal_offer_number=" a1234567 ").employer_portal_offer_number == "A1234567"


@pytest.mark.parametrize("number", ["1234567", "A123456", "A12345678", "B1234567", "A12345X7"])
def test_offer_number_of_the_wrong_shape_is_refused(number):
    errors = errors_of(employer_portal_offer_number=number)
    assert list(errors) == ["employer_portal_offer_number"]
    assert "A followed by 7 digits" in errors["employer_portal_offer_number"][0]


def test_lmia_expiring_before_its_issue_is_refused():
    errors = errors_of(lmia_issued_on="2026-01-10", lmia_expires_on="2026-01-09")
    assert errors == {"lmia_expires_on": ["the LMIA expiry must be after its issue date"]}


def test_work_permit_expiring_on_its_issue_day_is_refused():
    errors = errors_of(work_permit_issued_on="2026-03-01", work_permit_expires_on="2026-03-01")
    assert errors == {"work_permit_expires_on": ["the work permit expiry must be after its issue date"]}


def test_end_of_employment_before_the_first_day_is_refused():
    errors = errors_of(first_day_of_work="2026-03-02", end_of_employment="2026-02-01")
    assert errors == {"end_of_employment": ["the end of employment must be after the first day of work"]}


@pytest.mark.parametrize("field", ["first_day_of_work", "lmia_issued_on", "work_permit_expires_on"])
def test_an_absurd_year_is_refused(field):
    errors = errors_of(**{field: "2205-03-02"})
    assert errors == {field: ["the year must be between 1990 and 2100"]}


def test_an_unknown_field_is_refused():
    errors = errors_of(lmia_number="123")
    assert list(errors) == ["lmia_number"]


def test_valid_dates_are_kept_as_dates():
    dates = HireDates.model_validate({"lmia_issued_on": "2026-01-10", "lmia_expires_on": "2026-07-10"})
    assert dates.lmia_expires_on == dt.date(2026, 7, 10)


def test_permit_issued_before_it_was_applied_for_is_refused():
    """A permit is decided on an application (IRPR R197-R199): it cannot predate the application."""
    errors = errors_of(work_permit_applied_on="2026-03-02", work_permit_issued_on="2026-03-01")
    assert errors == {"work_permit_issued_on": ["the work permit cannot be issued before it was applied for"]}


def test_permit_issued_on_the_day_it_was_applied_for_is_accepted():
    """IRPR R198: at a port of entry the application is decided on arrival, the same day."""
    dates = HireDates.model_validate({"work_permit_applied_on": "2026-03-02", "work_permit_issued_on": "2026-03-02"})
    assert dates.work_permit_applied_on == dates.work_permit_issued_on == dt.date(2026, 3, 2)
