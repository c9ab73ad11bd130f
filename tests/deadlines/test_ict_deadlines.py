"""ICT under R205(a): Employer Portal offer and fee, agreement before the offer, stay caps."""
import datetime as dt

import pytest

D = dt.date


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.timezone.utc), tick=False)


@pytest.fixture
def ict_payload(make_payload):
    def build(category, prior_months=None, **kwargs):
        ict = {"category": category, "prior_ict_months_in_canada": prior_months}
        return make_payload("ict", ict=ict, **kwargs)

    return build


def test_startup_c61_cap_is_one_year_after_the_first_day(deadlines, ict_payload, one):
    found = deadlines("ict", "active", ict_payload("startup"), first_day_of_work="2026-03-02")
    cap = one(found, "ict_cap")
    assert (cap.due_date, cap.rule_id, cap.derived_from) == (D(2027, 3, 2), "ict_cap_c61", "first_day_of_work")


def test_startup_c61_cap_ignores_earlier_ict_time_under_the_seven_year_ceiling(deadlines, ict_payload, one):
    found = deadlines("ict", "active", ict_payload("startup", prior_months=24), first_day_of_work="2026-03-02")
    assert one(found, "ict_cap").due_date == D(2027, 3, 2)


def test_executive_c62_cap_is_seven_years_after_the_first_day(deadlines, ict_payload, one):
    found = deadlines("ict", "active", ict_payload("executive_manager"), first_day_of_work="2026-03-02")
    assert one(found, "ict_cap").due_date == D(2033, 3, 2)


def test_executive_c62_cap_is_shortened_by_earlier_ict_months(deadlines, ict_payload, one):
    found = deadlines("ict", "active", ict_payload("executive_manager", prior_months=18),
                      first_day_of_work="2026-03-02")
    assert one(found, "ict_cap").due_date == D(2031, 9, 2)


def test_specialized_knowledge_c63_cap_is_five_years_minus_earlier_ict_months(deadlines, ict_payload, one):
    found = deadlines("ict", "active", ict_payload("specialized_knowledge", prior_months=12),
                      first_day_of_work="2026-03-02")
    cap = one(found, "ict_cap")
    assert (cap.due_date, cap.rule_id) == (D(2030, 3, 2), "ict_cap_c63")


def test_cap_already_used_up_falls_on_the_first_day(deadlines, ict_payload, one):
    found = deadlines("ict", "active", ict_payload("specialized_knowledge", prior_months=60),
                      first_day_of_work="2026-03-02")
    assert one(found, "ict_cap").due_date == D(2026, 3, 2)


def test_ict_category_argument_accepts_the_exemption_code(deadlines, ict_payload, one):
    found = deadlines("ict", "active", ict_payload(None), ict_category="C63", first_day_of_work="2026-03-02")
    assert one(found, "ict_cap").rule_id == "ict_cap_c63"


def test_ict_without_a_category_gets_no_cap(deadlines, ict_payload, by_kind):
    found = deadlines("ict", "active", ict_payload(None), first_day_of_work="2026-03-02")
    assert by_kind(found, "ict_cap") == []


def test_cap_counted_from_the_planned_start_is_estimated(deadlines, ict_payload, one):
    cap = one(deadlines("ict", "filed", ict_payload("executive_manager", start="2026-04-01")), "ict_cap")
    assert (cap.due_date, cap.estimated, cap.derived_from) == (D(2033, 4, 1), True, "position.start_date")


def test_employer_portal_offer_without_an_application_date_is_due_sixty_days_before_the_start(
        deadlines, ict_payload, one):
    """IMP-GEN: 'pay the $230 compliance fee before the foreign national makes an application for a work permit';
    most foreign nationals can no longer apply at a port of entry, so the worker applies online well before."""
    offer = one(deadlines("ict", "filed", ict_payload("startup", start="2026-04-01")), "employer_portal_offer")
    # Taken to apply 60 days before 2026-04-01 (2026-01-31); the offer the day before.
    assert (offer.due_date, offer.estimated, offer.derived_from) == (D(2026, 1, 30), True, "position.start_date")
    assert "$230" in offer.title and "R209.11" in offer.source and "60 days" in offer.why


def test_employer_portal_offer_stays_due_until_the_fee_is_paid_too(deadlines, ict_payload, by_kind):
    payload = ict_payload("startup")
    only_offer = deadlines("ict", "filed", payload, employer_portal_offer_number="A1234567")
    both = deadlines("ict", "filed", payload, employer_portal_offer_number="A1234567",
                     compliance_fee_paid_on="2026-01-12")
    assert len(by_kind(only_offer, "employer_portal_offer")) == 1
    assert by_kind(both, "employer_portal_offer") == []


def test_ict_employment_agreement_is_due_before_the_offer_is_submitted(deadlines, ict_payload, one, by_kind):
    before = deadlines("ict", "filed", ict_payload("startup", start="2026-04-01"))
    after = deadlines("ict", "filed", ict_payload("startup", start="2026-04-01"),
                      employer_portal_offer_number="A1234567")
    assert one(before, "employment_agreement").rule_id == "employment_agreement_imp"
    assert by_kind(after, "employment_agreement") == []


def test_ict_has_no_lmia_health_insurance_or_wage_review(deadlines, ict_payload):
    found = deadlines("ict", "active", ict_payload("executive_manager"), first_day_of_work="2026-03-02",
                      lmia_issued_on="2026-01-10")
    kinds = {d.kind for d in found}
    assert not kinds & {"lmia_expiry", "health_insurance", "prevailing_wage_review", "lmbp_review"}


def test_employer_portal_offer_is_due_the_day_before_the_worker_applies(deadlines, ict_payload, one):
    """IRPR R303.1(2): the fee is 'payable before the foreign national … makes an application for a work permit'
    (API.md amendment: the deadlines anchored on the application use filing.permit_application_date)."""
    payload = ict_payload("specialized_knowledge", start="2026-06-01",
                          filing={"permit_application_date": "2026-03-16"})
    offer = one(deadlines("ict", "filed", payload), "employer_portal_offer")
    assert (offer.due_date, offer.derived_from) == (D(2026, 3, 15), "filing.permit_application_date")


def test_us_citizen_applying_at_a_port_of_entry_has_until_the_day_before_the_start(deadlines, make_payload, one):
    """IMP-GEN (2026): most foreign nationals can no longer apply at a port of entry; US citizens still can."""
    payload = make_payload("ict", start="2026-04-01", ict={"category": "startup"},
                           worker={"citizenships": ["US"]}, filing={"permit_application_from": "outside_canada"})
    assert one(deadlines("ict", "filed", payload), "employer_portal_offer").due_date == D(2026, 3, 31)


def test_us_citizen_applying_from_inside_canada_gets_the_sixty_day_lead(deadlines, make_payload, one):
    """IMP-GEN: the offer precedes the application; an online application from inside Canada comes well before."""
    payload = make_payload("ict", start="2026-04-01", ict={"category": "startup"},
                           worker={"citizenships": ["US"]}, filing={"permit_application_from": "inside_canada"})
    assert one(deadlines("ict", "filed", payload), "employer_portal_offer").due_date == D(2026, 1, 30)


def test_employer_portal_offer_is_moot_once_the_worker_applied(deadlines, ict_payload, by_kind):
    """IMP-GEN: the offer and fee come before the application; once applied, the deadline has passed its purpose."""
    found = deadlines("ict", "filed", ict_payload("startup"), work_permit_applied_on="2026-01-12")
    assert by_kind(found, "employer_portal_offer") == [] and by_kind(found, "employment_agreement") == []


def test_ict_employment_agreement_is_due_with_the_offer_before_the_application(deadlines, ict_payload, one):
    """IRPR R209.11(1)(e) and the Employer Portal attestation: the signed agreement exists when the offer is made."""
    payload = ict_payload("startup", start="2026-06-01", filing={"permit_application_date": "2026-03-16"})
    found = deadlines("ict", "filed", payload)
    assert one(found, "employment_agreement").due_date == one(found, "employer_portal_offer").due_date == D(2026, 3, 15)


def test_ict_extension_needs_a_new_offer_and_fee_thirty_days_before_the_permit_expires(deadlines, ict_payload, one):
    """IRPR R303.1(1)(c), R303.1(2): the fee is payable before 'an application for renewal of the work permit';
    IMP-GEN: 'the offer of employment cannot be reused to support … extensions'."""
    found = deadlines("ict", "active", ict_payload("specialized_knowledge"), first_day_of_work="2026-03-02",
                      work_permit_issued_on="2026-02-27", work_permit_expires_on="2029-02-27")
    extension = one(found, "imp_extension_offer")
    assert (extension.due_date, extension.rule_id) == (D(2029, 1, 28), "imp_extension_offer")
    assert "$230" in extension.title and "R303.1(1)(c)" in extension.source
