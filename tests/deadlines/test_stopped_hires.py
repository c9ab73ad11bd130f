"""Withdrawn, refused and ended hires stop; records are kept 6 years whatever happens."""
import datetime as dt

import pytest

from employer_portal.deadlines import deadlines_for
from employer_portal.schemas.dates import HireDates

D = dt.date


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.timezone.utc), tick=False)


def test_record_retention_and_inspection_end_six_years_after_the_first_day(deadlines, make_payload, one):
    found = deadlines("gts_b", "active", make_payload("gts_b"), first_day_of_work="2026-03-09")
    assert one(found, "record_retention").due_date == D(2032, 3, 9)
    assert one(found, "inspection_exposure_end").due_date == D(2032, 3, 9)


def test_first_day_on_29_february_is_kept_until_28_february_six_years_on(deadlines, make_payload, one):
    found = deadlines("ict", "active", make_payload("ict", start="2028-02-29"), first_day_of_work="2028-02-29")
    assert one(found, "record_retention").due_date == D(2034, 2, 28)


@pytest.mark.parametrize("status", ["withdrawn", "refused", "ended"])
def test_stopped_hire_keeps_only_the_six_year_duties(status, deadlines, make_payload):
    found = deadlines("gts_b", status, make_payload("gts_b"), lmia_issued_on="2026-01-10",
                      lmbp_signed_on="2025-12-10", first_day_of_work="2026-03-09",
                      work_permit_issued_on="2026-03-01", work_permit_expires_on="2028-03-01")
    assert {d.kind for d in found} == {"record_retention", "inspection_exposure_end"}


@pytest.mark.parametrize("status", ["withdrawn", "refused"])
def test_stopped_hire_that_never_started_has_no_deadlines(status, deadlines, make_payload):
    found = deadlines("cusma", status, make_payload("cusma", start="2026-07-01"),
                      employer_portal_offer_number="A1234567")
    assert found == []


def test_ended_hire_keeps_retention_from_the_recorded_first_day(deadlines, make_payload, one):
    found = deadlines("ict", "ended", make_payload("ict", start="2026-01-05"),
                      first_day_of_work="2026-01-12", end_of_employment="2026-05-29")
    retention = one(found, "record_retention")
    assert (retention.due_date, retention.estimated) == (D(2032, 1, 12), False)


def test_active_hire_drops_deadlines_that_only_matter_before_the_permit(deadlines, make_payload, by_kind):
    found = deadlines("gts_b", "active", make_payload("gts_b"), lmia_issued_on="2026-01-10",
                      first_day_of_work="2026-03-09")
    assert by_kind(found, "lmia_expiry") == [] and by_kind(found, "lmia_name_change_limit") == []


def test_unknown_status_is_refused(make_payload):
    with pytest.raises(ValueError, match="unknown status"):
        deadlines_for("gts_b", "paused", make_payload("gts_b"), HireDates(), today=D(2026, 6, 1))


def test_unknown_program_is_refused(make_payload):
    with pytest.raises(ValueError, match="unknown program"):
        deadlines_for("h1b", "active", make_payload("gts_b"), HireDates(), today=D(2026, 6, 1))


def test_deadlines_come_sorted_by_due_date(deadlines, make_payload):
    found = deadlines("gts_a", "active", make_payload("gts_a"), lmbp_signed_on="2025-12-10",
                      first_day_of_work="2026-03-09")
    assert [d.due_date for d in found] == sorted(d.due_date for d in found)
    assert len({d.key for d in found}) == len(found)
