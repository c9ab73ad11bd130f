"""CUSMA Professionals (T36): 3-year terms, Employer Portal offer, permit renewal."""
import datetime as dt

import pytest

D = dt.date


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.timezone.utc), tick=False)


@pytest.fixture
def cusma_payload(make_payload):
    return lambda **kwargs: make_payload("cusma", cusma={"profession": "computer_systems_analyst"}, **kwargs)


def test_cusma_term_ends_three_years_after_the_first_day(deadlines, cusma_payload, by_kind):
    found = deadlines("cusma", "active", cusma_payload(), first_day_of_work="2026-03-02",
                      end_of_employment="2029-06-30")
    terms = by_kind(found, "cusma_term_end")
    assert [(t.key, t.due_date) for t in terms] == [("cusma_term_end:1", D(2029, 3, 2))]


def test_cusma_terms_repeat_every_three_years_up_to_the_horizon(deadlines, cusma_payload, by_kind):
    found = deadlines("cusma", "active", cusma_payload(), first_day_of_work="2026-03-02")
    terms = by_kind(found, "cusma_term_end")
    # Frozen today 2026-01-15 + 7 years: the third term would end in 2035.
    assert [t.due_date for t in terms] == [D(2029, 3, 2), D(2032, 3, 2)]
    assert "term 2" in terms[1].title


def test_cusma_terms_stop_at_the_end_of_employment(deadlines, cusma_payload, by_kind):
    found = deadlines("cusma", "active", cusma_payload(), first_day_of_work="2026-03-02",
                      end_of_employment="2028-12-31")
    assert by_kind(found, "cusma_term_end") == []


def test_cusma_needs_the_employer_portal_offer_before_the_first_day(deadlines, cusma_payload, one):
    found = deadlines("cusma", "filed", cusma_payload(start="2026-05-04"))
    assert one(found, "employer_portal_offer").due_date == D(2026, 5, 3)


def test_cusma_offer_is_moot_once_the_permit_was_issued(deadlines, cusma_payload, by_kind):
    found = deadlines("cusma", "approved", cusma_payload(), work_permit_issued_on="2026-03-01",
                      work_permit_expires_on="2029-03-01")
    assert by_kind(found, "employer_portal_offer") == []


def test_cusma_permit_renewal_is_due_on_its_expiry(deadlines, cusma_payload, one):
    found = deadlines("cusma", "active", cusma_payload(), first_day_of_work="2026-03-02",
                      work_permit_issued_on="2026-03-02", work_permit_expires_on="2029-03-01")
    assert one(found, "work_permit_renewal").due_date == D(2029, 3, 1)


def test_cusma_has_no_ict_cap_nor_wage_review(deadlines, cusma_payload):
    kinds = {d.kind for d in deadlines("cusma", "active", cusma_payload(), first_day_of_work="2026-03-02")}
    assert not kinds & {"ict_cap", "prevailing_wage_review", "health_insurance"}


def test_cusma_extension_needs_a_new_offer_thirty_days_before_the_permit_expires(deadlines, cusma_payload, one):
    """CUSMA-OV: 'To extend an FTA work permit under this agreement, the employer must submit a new offer of
    employment'; IRPR R303.1(2): the fee is paid before the renewal application."""
    found = deadlines("cusma", "active", cusma_payload(), first_day_of_work="2026-03-02",
                      work_permit_issued_on="2026-03-02", work_permit_expires_on="2029-03-01")
    assert one(found, "imp_extension_offer").due_date == D(2029, 1, 30)


def test_t36_worker_with_a_planned_application_date_uses_it(deadlines, cusma_payload, one):
    """API.md amendment 2026-12: filing.permit_application_date is the date the deadlines anchored on the
    application use, even where a port-of-entry application would be allowed."""
    found = deadlines("cusma", "filed", cusma_payload(start="2026-05-04",
                                                      filing={"permit_application_date": "2026-04-20"}))
    assert one(found, "employer_portal_offer").due_date == D(2026, 4, 19)
