"""Deadlines over a hire's permits: the first permit (its dates), then each renewal or extension.

A CUSMA Professional renewed once and an ICT transferee extended once (REVIEW-2026-12 F-11, F-18,
F-27, F-28, F-31, F-32; maintained status, IRPR R201(1)(a), R186(u)).
"""
import datetime as dt

import pytest

from employer_portal.deadlines import deadlines_for
from employer_portal.schemas.dates import HireDates, PermitRenewal, first_permit_errors, renewal_sequence_errors

D = dt.date

CUSMA_FIRST = {"work_permit_applied_on": "2027-01-10", "work_permit_issued_on": "2027-02-01",
               "work_permit_expires_on": "2030-02-28", "first_day_of_work": "2027-03-01"}
CUSMA_RENEWAL = PermitRenewal(issued_on=D(2030, 2, 1), expires_on=D(2033, 1, 31))
ICT_FIRST = {"work_permit_applied_on": "2027-01-05", "work_permit_issued_on": "2027-02-15",
             "work_permit_expires_on": "2030-02-28", "first_day_of_work": "2027-03-01"}
ICT_EXTENSION = PermitRenewal(issued_on=D(2030, 1, 20), expires_on=D(2032, 2, 28), employment_start_on=D(2030, 3, 1))
GTS_FIRST = {"lmia_issued_on": "2026-12-01", "work_permit_applied_on": "2027-01-05",
             "work_permit_issued_on": "2027-02-15", "work_permit_expires_on": "2029-02-28",
             "first_day_of_work": "2027-03-01"}
GTS_RENEWAL = PermitRenewal(issued_on=D(2029, 2, 10), expires_on=D(2031, 2, 28))


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2027, 2, 1, 9, 0, tzinfo=dt.timezone.utc), tick=False)


@pytest.fixture
def cusma(make_payload):
    """cusma(status, renewals, **dates) -> deadlines by key of a CUSMA hire starting 2027-03-01."""

    def build(status="active", renewals=(CUSMA_RENEWAL,), **dates):
        payload = make_payload("cusma", start="2027-03-01", cusma={"profession": "computer_systems_analyst"})
        found = deadlines_for("cusma", status, payload, HireDates.model_validate({**CUSMA_FIRST, **dates}),
                              today=D(2027, 2, 1), renewals=list(renewals))
        return {d.key: d for d in found}

    return build


@pytest.fixture
def ict(make_payload):
    def build(status="active", renewals=(ICT_EXTENSION,)):
        payload = make_payload("ict", start="2027-03-01", ict={"category": "specialized_knowledge"})
        found = deadlines_for("ict", status, payload, HireDates.model_validate(ICT_FIRST), today=D(2027, 2, 1),
                              renewals=list(renewals))
        return {d.key: d for d in found}

    return build


@pytest.fixture
def gts(make_payload):
    def build(renewals=(GTS_RENEWAL,), filing=None, **dates):
        blocks = {"filing": filing} if filing else {}
        payload = make_payload("gts_b", start="2027-03-01", **blocks)
        found = deadlines_for("gts_b", "active", payload, HireDates.model_validate({**GTS_FIRST, **dates}),
                              today=D(2027, 2, 1), renewals=list(renewals))
        return {d.key: d for d in found}

    return build


# --- record keeping and inspection (F-27) ----------------------------------------------

def test_cusma_records_are_kept_six_years_from_the_first_day_under_the_renewed_permit(cusma):
    """IRPR R209.2(1)(b): 'during a period of six years beginning on the first day of the period of employment
    for which the work permit is issued … retain any document that relates to compliance'."""
    retention = cusma()["record_retention"]
    assert retention.due_date == D(2036, 2, 1)
    assert retention.derived_from == "permits.2.issued_on"


def test_without_a_renewal_records_are_kept_six_years_from_the_first_day_of_work(cusma):
    """IRPR R209.2(1)(b), R209.3(1)(c): six years from the first day of work under the (first) permit."""
    assert cusma(renewals=())["record_retention"].due_date == D(2033, 3, 1)


def test_ict_records_are_kept_six_years_from_the_recorded_start_under_the_extension(ict):
    """IRPR R209.2(1)(b): the period begins on the first day of employment for which the permit is issued."""
    assert ict()["record_retention"].due_date == D(2036, 3, 1)


def test_an_active_hire_is_told_to_keep_all_records_never_that_it_may_discard_them(cusma):
    """REVIEW-2026-12 F-27: show the latest as 'keep all records until'; no discard date while the hire is active."""
    retention = cusma()["record_retention"]
    assert retention.title.startswith("Keep all compliance records")
    assert "discard" not in retention.title.lower()


def test_an_ended_hire_may_discard_records_after_the_latest_permits_six_years(cusma):
    """IRPR R209.2(1)(b): once every permit's six years have run, the duty to keep the records ends."""
    retention = cusma(status="ended", end_of_employment="2031-06-30")["record_retention"]
    assert retention.due_date == D(2036, 2, 1)
    assert "may be discarded" in retention.title


def test_the_inspection_window_ends_six_years_after_the_renewed_permits_first_day(cusma):
    """IRCC, Employer compliance inspections: 'An inspection may be initiated from the first day of employment
    for which a work permit is issued up to a maximum of 6 years thereafter.'"""
    assert cusma()["inspection_exposure_end"].due_date == D(2036, 2, 1)


# --- rights information (F-28) ------------------------------------------------------------

def test_rights_information_is_due_again_on_the_first_day_under_each_permit(cusma):
    """IRPR R209.2(1)(a.1): 'on or before the foreign national's first day of work that is during the period of
    employment for which the work permit is issued … the most recent information'."""
    found = cusma()
    assert found["rights_information"].due_date == D(2027, 3, 1)
    assert found["rights_information:2"].due_date == D(2030, 2, 1)
    assert "(permit 2)" in found["rights_information:2"].title


def test_ict_rights_information_for_the_extension_is_due_on_its_recorded_start(ict):
    """IRPR R209.3(1)(a.1) (same duty for IMP employers): on or before the first day of work under the permit."""
    assert ict()["rights_information:2"].due_date == D(2030, 3, 1)


# --- the extension offer (F-18) and the CUSMA term (F-32) --------------------------------------

def test_cusma_extension_offer_is_due_thirty_days_before_the_renewed_permit_expires(cusma):
    """IRPR R303.1(2): the fee is 'payable before the foreign national … makes … an application for renewal of the
    work permit'; IRCC CUSMA: 'To extend an FTA work permit … the employer must submit a new offer of employment'."""
    found = cusma()
    assert found["imp_extension_offer:2"].due_date == D(2033, 1, 1)
    assert "imp_extension_offer" not in found  # the first permit's offer was made: it was renewed


def test_ict_extension_offer_is_keyed_on_the_current_permits_expiry(ict):
    """IRCC IMP general processing: 'the offer of employment cannot be reused to support other applications for
    work permit or extensions'."""
    found = ict()
    assert found["imp_extension_offer:2"].due_date == D(2032, 1, 29)
    assert ict(renewals=())["imp_extension_offer"].due_date == D(2030, 1, 29)


def test_cusma_term_ends_on_the_actual_permit_expiry_not_three_years_after_the_first_day(cusma):
    """IRCC, Professionals - CUSMA: 'a work permit that is valid for the duration of the offer of employment (up to
    3 years …) or until the expiry of the travel document, whichever is earlier'."""
    terms = {k: d for k, d in cusma().items() if d.kind == "cusma_term_end"}
    assert [(k, d.due_date) for k, d in terms.items()] == [("cusma_term_end:2", D(2033, 1, 31))]
    assert not terms["cusma_term_end:2"].estimated


def test_cusma_term_of_the_first_permit_is_its_recorded_expiry(cusma):
    """IRCC, Professionals - CUSMA: the permit may be shorter than 3 years; its expiry ends the term."""
    terms = [d for d in cusma(renewals=()).values() if d.kind == "cusma_term_end"]
    assert [(d.key, d.due_date) for d in terms] == [("cusma_term_end:1", D(2030, 2, 28))]


# --- the permit expiry, maintained status and the start-the-renewal date --------------------------

def test_renewal_is_due_before_the_current_permit_expires(cusma):
    """IRPR R201(1)(a), R186(u): applied for before the permit expires, the worker may keep working (maintained
    status) until IRCC decides."""
    found = cusma()
    assert found["work_permit_renewal:2"].due_date == D(2033, 1, 31)
    assert "maintained status" in found["work_permit_renewal:2"].why
    assert "work_permit_renewal" not in found


def test_ict_and_cusma_start_the_extension_sixty_days_ahead(cusma, ict):
    """IRPR R303.1(2), R201(1)(a): a new offer and fee, then the application, all before expiry
    (60 days: the team's planning lead)."""
    assert cusma()["permit_renewal_start:2"].due_date == D(2032, 12, 2)
    assert ict()["permit_renewal_start:2"].due_date == D(2031, 12, 30)


def test_gts_starts_the_renewal_with_a_new_lmia_one_hundred_twenty_days_ahead(gts):
    """IRCC LMIA review, Passport expiry effect: renewal 'without obtaining a new LMIA' only after a passport-shortened
    permit, so a GTS extension starts with a new LMIA (120 days: planning lead)."""
    found = gts()
    assert found["permit_renewal_start:2"].due_date == D(2030, 10, 31)
    assert "LMIA" in found["permit_renewal_start:2"].title


def test_gts_new_lmia_is_due_sixty_days_before_the_current_permit_expires(gts):
    """REVIEW-2026-12 F-11; IRPR R200(1)(c)(iii), R203: extending an LMIA-based permit needs a new LMIA."""
    found = gts()
    assert found["gts_extension_lmia:2"].due_date == D(2030, 12, 30)
    assert "gts_extension_lmia" not in found


def test_gts_wage_reviews_continue_to_the_renewed_permits_expiry(gts):
    """ESDC GTS program requirements: the prevailing wage is reviewed by January 1 every year of employment."""
    years = sorted(d.due_date.year for d in gts().values() if d.kind == "prevailing_wage_review")
    assert years == [2028, 2029, 2030, 2031]


# --- LMIA validity keyed on the application received date (F-31) -----------------------------------

def test_lmia_expiry_is_derived_from_the_issue_date_only_for_applications_received_from_may_2024(make_payload):
    """ESDC LMIA-6M: the 6-month validity applies to 'applications received as of May 1, 2024'; earlier ones had
    longer validity, so only the printed expiry can tell."""
    def lmia_expiry(received):
        payload = make_payload("gts_b", start="2024-09-02", filing={"lmia_application_date": received})
        found = deadlines_for("gts_b", "approved", payload, HireDates(lmia_issued_on=D(2024, 5, 20)),
                              today=D(2024, 6, 1))
        return [d for d in found if d.kind == "lmia_expiry"]

    after = lmia_expiry("2024-05-02")
    assert [d.due_date for d in after] == [D(2024, 11, 20)]
    assert "received on 2024-05-02" in after[0].why
    assert lmia_expiry("2024-04-20") == []


# --- keys stay stable so reminders are not duplicated -------------------------------------------------

def test_first_permit_keys_do_not_change_when_a_renewal_is_recorded(cusma):
    """Reminders are keyed by deadline: the first permit's rights information keeps its key after a renewal."""
    before, after = cusma(renewals=()), cusma()
    assert before["rights_information"].due_date == after["rights_information"].due_date
    assert set(after) - set(before) >= {"rights_information:2", "imp_extension_offer:2", "work_permit_renewal:2"}


# --- renewal input -------------------------------------------------------------------------------------

def test_a_renewal_must_expire_after_it_is_issued():
    """A permit's validity runs from its issue to its expiry."""
    with pytest.raises(ValueError, match="expiry must be after its issue"):
        PermitRenewal(issued_on=D(2030, 2, 1), expires_on=D(2030, 1, 1))


def test_a_renewal_issued_before_the_previous_permit_is_refused():
    """A renewal follows the permit it renews."""
    errors = renewal_sequence_errors(HireDates.model_validate(CUSMA_FIRST), [],
                                     PermitRenewal(issued_on=D(2026, 12, 1), expires_on=D(2029, 1, 1)))
    assert set(errors) == {"issued_on", "expires_on"}


def test_a_renewal_needs_the_first_permit_recorded():
    """The first permit is the hire's dates; a renewal cannot come before it."""
    errors = renewal_sequence_errors(HireDates(), [], CUSMA_RENEWAL)
    assert "first work permit" in errors["issued_on"][0]


def test_the_first_permit_cannot_be_moved_after_its_renewal():
    """The hire's dates stay the first permit: issued before the renewal, and not cleared once renewed."""
    moved = HireDates.model_validate({**CUSMA_FIRST, "work_permit_issued_on": "2030-03-01",
                                      "work_permit_expires_on": "2031-01-01"})
    assert "work_permit_issued_on" in first_permit_errors(moved, [CUSMA_RENEWAL])
    assert set(first_permit_errors(HireDates(), [CUSMA_RENEWAL])) == {"work_permit_issued_on", "work_permit_expires_on"}
